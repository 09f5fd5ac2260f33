//! `--ip-protocol` and `--protocols`: IANA's Assigned Internet Protocol Numbers (the IP
//! header's Protocol or Next Header field), looked up value by value or written as an
//! `/etc/protocols` file.

use std::fmt;
use std::io::{self, Write};
use std::ops::RangeInclusive;

use ianaports::{IpProtocol, IpProtocolStatus};

use crate::output::{self, Format};

/// Why a `--ip-protocol` value could not be understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IpProtocolQueryError {
    /// What starts with a digit is neither a keyword, a number 0-255 nor a range of them.
    BadNumber {
        /// The value as given.
        query: String,
    },
    /// A range whose end is before its start (`160-140`).
    ReversedRange {
        /// The value as given.
        query: String,
    },
    /// No protocol number has this keyword.
    UnknownKeyword {
        /// The value as given.
        query: String,
    },
    /// The value is empty.
    Empty,
}

impl fmt::Display for IpProtocolQueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (query, reason) = match self {
            IpProtocolQueryError::BadNumber { query } => (
                query,
                "not an IP protocol number (0-255), a range like 140-160, or a keyword",
            ),
            IpProtocolQueryError::ReversedRange { query } => {
                (query, "the range ends before it starts")
            }
            IpProtocolQueryError::UnknownKeyword { query } => (
                query,
                "no IP protocol number has this keyword (like tcp, gre or ipv6-route)",
            ),
            IpProtocolQueryError::Empty => {
                return f.write_str(
                    "an empty value matches nothing; give an IP protocol number or keyword",
                );
            }
        };
        write!(f, "{query}: {reason}")
    }
}

/// Parses one `--ip-protocol` value into the numbers it stands for: a keyword in any case
/// (`gre`, `ARGUS (deprecated)`), else a number (`47`) or an inclusive range of them
/// (`140-160`). Keywords come first because some start with a digit (`3PC`).
pub fn parse(text: &str) -> Result<RangeInclusive<u8>, IpProtocolQueryError> {
    if text.is_empty() {
        return Err(IpProtocolQueryError::Empty);
    }
    if let Some(protocol) = ianaports::ip_protocol_by_keyword(text) {
        return Ok(protocol.number()..=protocol.number());
    }
    if !text.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(IpProtocolQueryError::UnknownKeyword {
            query: text.to_owned(),
        });
    }
    let (first, last) = text.split_once('-').unwrap_or((text, text));
    let bad = || IpProtocolQueryError::BadNumber {
        query: text.to_owned(),
    };
    let (first, last) = (
        number(first).ok_or_else(bad)?,
        number(last).ok_or_else(bad)?,
    );
    if last < first {
        return Err(IpProtocolQueryError::ReversedRange {
            query: text.to_owned(),
        });
    }
    Ok(first..=last)
}

/// A protocol number in decimal digits only (no sign, no white space).
fn number(text: &str) -> Option<u8> {
    let digits = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    digits.then(|| text.parse().ok()).flatten()
}

/// Writes `protocols` in `format`: number, keyword and the Protocol column (`-` for an empty
/// cell, the status for 255) in a table or on tab-separated lines, or the library's
/// serialization of each in a JSON array.
pub fn write(out: &mut impl Write, protocols: &[IpProtocol], format: Format) -> io::Result<()> {
    let header = ["NUMBER", "KEYWORD", "PROTOCOL"];
    output::write_items(out, format, &header, protocols, cells, |&protocol| protocol)
}

/// The cells of a value. A value that no protocol holds and whose Protocol cell is empty (255,
/// whose Keyword cell says `Reserved`) has its status there instead, as a port without a
/// service does.
fn cells(protocol: &IpProtocol) -> Vec<String> {
    let status = protocol.status();
    let name = match protocol.name() {
        Some(name) => output::one_line(name),
        None if status != IpProtocolStatus::Assigned => status.to_string(),
        None => "-".to_owned(),
    };
    vec![
        protocol.number().to_string(),
        protocol.keyword().unwrap_or("-").to_owned(),
        name,
    ]
}

/// Writes an `/etc/protocols` file (protocols(5)) as netbase lays it out: `name number alias
/// # comment`, the name the keyword in lower case, the alias IANA's keyword, the comment the
/// Protocol column (the keyword itself where that is empty). One line per assigned value with
/// a keyword; unassigned, experimental and reserved values and those without a keyword are left
/// out. protocols(5) splits on white space, so a keyword holding it (`ISIS over IPv4`) is
/// written with `-` in its place (`isis-over-ipv4 124 ISIS-over-IPv4`), as netbase writes
/// `Mobility Header`; the comment keeps IANA's spelling.
pub fn write_protocols(out: &mut impl Write) -> io::Result<()> {
    let snapshot = match ianaports::IP_PROTOCOLS_UPDATED {
        "" => "snapshot without IANA's date".to_owned(),
        date => format!("snapshot {date}"),
    };
    writeln!(
        out,
        "# IANA Assigned Internet Protocol Numbers, {snapshot}.\n# Written by `ianaports --protocols`; white space in a keyword is written as `-`."
    )?;
    for protocol in (0..=u8::MAX).map(ianaports::ip_protocol) {
        let Some(keyword) = protocol.keyword() else {
            continue;
        };
        if protocol.status() != IpProtocolStatus::Assigned {
            continue;
        }
        let alias = keyword.split_whitespace().collect::<Vec<_>>().join("-");
        let mut comment = protocol.name().map_or(keyword.to_owned(), output::one_line);
        if protocol.is_deprecated() {
            comment.push_str(" (deprecated)");
        }
        let (name, number) = (alias.to_ascii_lowercase(), protocol.number());
        writeln!(out, "{name}\t{number}\t{alias}\t# {comment}")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form() {
        assert_eq!(parse("47"), Ok(47..=47));
        assert_eq!(parse("gre"), Ok(47..=47));
        assert_eq!(parse("GrE"), Ok(47..=47));
        assert_eq!(parse("ipv6-route"), Ok(43..=43));
        assert_eq!(parse("argus (deprecated)"), Ok(13..=13));
        assert_eq!(parse("3pc"), Ok(34..=34));
        assert_eq!(parse("140-160"), Ok(140..=160));
        assert_eq!(parse("0-255"), Ok(0..=255));
        assert_eq!(parse("007"), Ok(7..=7));
    }

    #[test]
    fn bad_values_say_why() {
        for bad in [
            "256",
            "1-256",
            "12ab",
            "1-",
            "-",
            "+6",
            "6 ",
            "6-7-8",
            "99999999999",
        ] {
            let error = parse(bad).unwrap_err();
            let expected = match bad.starts_with(|c: char| c.is_ascii_digit()) {
                true => IpProtocolQueryError::BadNumber { query: bad.into() },
                false => IpProtocolQueryError::UnknownKeyword { query: bad.into() },
            };
            assert_eq!(error, expected, "{bad}");
        }
        assert_eq!(
            parse("256").unwrap_err().to_string(),
            "256: not an IP protocol number (0-255), a range like 140-160, or a keyword"
        );
        assert_eq!(
            parse("160-140"),
            Err(IpProtocolQueryError::ReversedRange {
                query: "160-140".into()
            })
        );
        assert_eq!(parse(""), Err(IpProtocolQueryError::Empty));
    }

    #[test]
    fn protocols_lines_hold_no_white_space_in_their_words() {
        let mut out = Vec::new();
        write_protocols(&mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains("\ntcp\t6\tTCP\t# Transmission Control\n"),
            "{text}"
        );
        assert!(text.contains("\nisis-over-ipv4\t124\tISIS-over-IPv4\t# ISIS over IPv4\n"));
        assert!(text.contains("\nmobility-header\t135\tMobility-Header\t# Mobility Header\n"));
        assert!(text.contains("\nargus\t13\tARGUS\t# ARGUS (deprecated)\n"));
        assert!(text.contains("\nigp\t9\tIGP\t# any private interior gateway (used by"));
        for line in text.lines().filter(|line| !line.starts_with('#')) {
            let (words, _) = line.split_once("\t# ").unwrap();
            assert_eq!(words.split_whitespace().count(), 3, "{line}");
        }
    }
}
