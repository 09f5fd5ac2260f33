//! Step 2: raw rows -> validated records with typed ports, protocols and alias links.

use ianaports_tables::{Column, PortRange, Protocol};

use crate::csv_rows::Row;
use crate::error::Reason;

/// One registry row, validated: its cells as the CSV has them, with the port range, the
/// protocol and the alias link read from them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// 1-based line on which the row starts in the CSV.
    pub line: u64,
    /// The Port Number, parsed.
    pub ports: Option<PortRange>,
    /// The Transport Protocol, parsed; `None` for all of them.
    pub protocol: Option<Protocol>,
    /// The current name this historic entry stands for, from `This entry is an alias to "X"`.
    pub alias_of: Option<String>,
    /// Every cell as read.
    pub row: Row,
}

impl Record {
    /// The record's cell in `column`, as the CSV has it.
    pub fn cell(&self, column: Column) -> &str {
        &self.row[column]
    }

    /// The service name as the registry spells it; empty for an unnamed row.
    pub fn service_name(&self) -> &str {
        self.cell(Column::ServiceName)
    }

    /// Whether the record covers `port` over `protocol`.
    pub fn covers(&self, port: u16, protocol: Protocol) -> bool {
        self.ports.is_some_and(|range| range.contains(port)) && self.is_over(protocol)
    }

    /// Whether the record is over `protocol`: a record without a protocol is over all of them.
    pub fn is_over(&self, protocol: Protocol) -> bool {
        self.protocol.is_none_or(|own| own == protocol)
    }

    /// The rule `status` applies to unnamed rows: IANA marks held-back ports "Reserved" and the
    /// oldest blocks "any private ...".
    pub fn marks_reserved(&self) -> bool {
        let description = self.cell(Column::Description).to_ascii_lowercase();
        description.contains("reserved") || description.starts_with("any private")
    }
}

pub(crate) fn validate(line: u64, row: Row) -> Result<Record, Reason> {
    let ports = parse_ports(&row[Column::PortNumber])?;
    let protocol = parse_protocol(&row[Column::TransportProtocol])?;
    for column in [Column::RegistrationDate, Column::ModificationDate] {
        check_date(column.header(), &row[column])?;
    }
    if row[Column::ServiceName].is_empty() && ports.is_none() {
        return Err(Reason::Unreachable);
    }
    let alias_of = alias_target(&row[Column::AssignmentNotes]).map(str::to_owned);
    Ok(Record {
        line,
        ports,
        protocol,
        alias_of,
        row,
    })
}

pub(crate) fn parse_ports(text: &str) -> Result<Option<PortRange>, Reason> {
    if text.is_empty() {
        return Ok(None);
    }
    text.parse()
        .map(Some)
        .map_err(|error: ianaports_tables::ParsePortRangeError| {
            let text = text.to_owned();
            if error.is_too_large() {
                Reason::PortTooLarge { text }
            } else if error.is_reversed() {
                Reason::RangeReversed { text }
            } else {
                Reason::PortNotANumber { text }
            }
        })
}

/// The registry spells a protocol in lower case: the one protocol parser, then that spelling.
pub(crate) fn parse_protocol(text: &str) -> Result<Option<Protocol>, Reason> {
    if text.is_empty() {
        return Ok(None);
    }
    Protocol::from_word(text.as_bytes())
        .filter(|protocol| protocol.as_str() == text)
        .map(Some)
        .ok_or_else(|| Reason::UnknownProtocol {
            text: text.to_owned(),
        })
}

/// Dates are compared as text to find the snapshot's newest one, which is only sound when
/// every date has the ISO shape.
pub(crate) fn check_date(column: &'static str, text: &str) -> Result<(), Reason> {
    let bad = || Reason::BadDate {
        column,
        text: text.to_owned(),
    };
    if text.is_empty() {
        return Ok(());
    }
    let parts: Vec<&str> = text.split('-').collect();
    let number = |part: &str, digits: usize, max: u32| {
        part.len() == digits
            && part.bytes().all(|b| b.is_ascii_digit())
            && part.parse::<u32>().is_ok_and(|n| (1..=max).contains(&n))
    };
    let ok = match parts.as_slice() {
        [year, month] => number(year, 4, 9999) && number(month, 2, 12),
        [year, month, day] => number(year, 4, 9999) && number(month, 2, 12) && number(day, 2, 31),
        _ => false,
    };
    if ok { Ok(()) } else { Err(bad()) }
}

/// A whole `YYYY-MM-DD` date, as IANA dates a snapshot.
pub(crate) fn check_full_date(column: &'static str, text: &str) -> Result<(), Reason> {
    check_date(column, text)?;
    if text.len() == "YYYY-MM-DD".len() {
        Ok(())
    } else {
        Err(Reason::BadDate {
            column,
            text: text.to_owned(),
        })
    }
}

/// IANA's wording for a historic alias: `This entry is an alias to "X".`
fn alias_target(notes: &str) -> Option<&str> {
    let (_, after) = notes.split_once("This entry is an alias to \"")?;
    let (target, _) = after.split_once('"')?;
    (!target.is_empty()).then_some(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ports_parse_single_range_and_empty() {
        assert_eq!(parse_ports(""), Ok(None));
        assert_eq!(parse_ports("5432"), Ok(PortRange::new(5432, 5432)));
        assert_eq!(parse_ports("6000-6063"), Ok(PortRange::new(6000, 6063)));
        assert_eq!(parse_ports("0"), Ok(PortRange::new(0, 0)));
        assert_eq!(parse_ports("65535"), Ok(PortRange::new(65535, 65535)));
    }

    #[test]
    fn bad_ports_say_why() {
        assert_eq!(
            parse_ports("70000"),
            Err(Reason::PortTooLarge {
                text: "70000".into()
            })
        );
        assert_eq!(
            parse_ports("10-5"),
            Err(Reason::RangeReversed {
                text: "10-5".into()
            })
        );
        for text in ["abc", "-5", "5-", " 5", "5 ", "1-2-3", "+5"] {
            assert_eq!(
                parse_ports(text),
                Err(Reason::PortNotANumber { text: text.into() })
            );
        }
    }

    #[test]
    fn protocols_are_the_four_lowercase_names() {
        assert_eq!(parse_protocol("sctp"), Ok(Some(Protocol::Sctp)));
        assert_eq!(parse_protocol(""), Ok(None));
        assert!(parse_protocol("TCP").is_err());
        assert_eq!(
            parse_protocol("xtp"),
            Err(Reason::UnknownProtocol { text: "xtp".into() })
        );
    }

    #[test]
    fn dates_must_be_iso() {
        assert!(check_date("d", "2008-04-14").is_ok());
        assert!(check_date("d", "2005-08").is_ok());
        for text in ["2008-13-01", "08-04-14", "2008/04/14", "2008-04-32", "soon"] {
            assert!(check_date("d", text).is_err(), "{text}");
        }
    }

    #[test]
    fn alias_target_is_read_from_the_notes() {
        let notes = "This entry is an alias to \"whoispp\".\nThis entry is now historic";
        assert_eq!(alias_target(notes), Some("whoispp"));
        assert_eq!(alias_target("Modified: 21 January 2010"), None);
    }
}
