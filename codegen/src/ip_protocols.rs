//! IANA's Assigned Internet Protocol Numbers (`protocol-numbers.csv`): CSV rows -> validated
//! records -> the tables `ianaports::ip_protocol` reads. The same steps as the port registry's,
//! on the same CSV reader.

use std::collections::HashMap;

use ianaports_tables::{
    DEPRECATED_MARKER, IpProtocolFlags, IpProtocolStatus, IpProtocolTables, PortRange, Strings,
    compare_ignoring_case,
};

use crate::csv_rows::read_records;
use crate::error::{Error, LineReason, Reason};
use crate::generated::{Encoded, Features};

/// IANA's header of `protocol-numbers-1.csv`, in order.
pub const IP_PROTOCOLS_HEADER: [&str; 5] = [
    "Decimal",
    "Keyword",
    "Protocol",
    "IPv6 Extension Header",
    "Reference",
];

/// One row of the protocol-numbers registry, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IpProtocolRecord {
    /// 1-based line on which the row starts in the CSV.
    pub line: u64,
    /// The first value the row covers.
    pub first: u8,
    /// The last (the same as `first` but for ranges such as `148-252`).
    pub last: u8,
    /// The Keyword cell as written, `(deprecated)` marker included.
    pub keyword: String,
    /// The Protocol cell.
    pub protocol: String,
    /// The IPv6 Extension Header cell: `Y`, `N` or empty.
    pub ipv6_extension_header: Option<bool>,
    /// The Reference cell.
    pub reference: String,
}

impl IpProtocolRecord {
    /// The keyword without IANA's deprecated marker, and whether it had one; empty for a row
    /// whose Keyword cell only states its status (255's `Reserved`).
    pub fn bare_keyword(&self) -> (&str, bool) {
        if self.status() != IpProtocolStatus::Assigned {
            return ("", false);
        }
        match self.keyword.strip_suffix(DEPRECATED_MARKER) {
            Some(bare) => (bare, true),
            None => (&self.keyword, false),
        }
    }

    /// What IANA says of the row's values.
    pub fn status(&self) -> IpProtocolStatus {
        IpProtocolStatus::of_row(&self.keyword, &self.protocol)
    }
}

/// Parses and validates the whole registry: every value 0-255 covered once, in order.
/// `file_name` is only used in error messages.
pub fn parse_ip_protocols(bytes: &[u8], file_name: &str) -> Result<Vec<IpProtocolRecord>, Error> {
    parse(bytes).map_err(|(line, reason)| Error::new(file_name, line, reason))
}

fn parse(bytes: &[u8]) -> Result<Vec<IpProtocolRecord>, LineReason> {
    let rows = read_records(bytes, &IP_PROTOCOLS_HEADER)?;
    let mut records: Vec<IpProtocolRecord> = Vec::with_capacity(rows.len());
    let mut keywords: HashMap<String, String> = HashMap::new();
    // The value the next row must start at; 256 once every value is covered.
    let mut next: u16 = 0;
    for (line, cells) in rows {
        let at = |reason| (Some(line), reason);
        let [decimal, keyword, protocol, ipv6, reference]: [String; 5] = cells
            .try_into()
            .unwrap_or_else(|_| unreachable!("read_records checks the column count"));
        let (first, last) = values(&decimal).map_err(at)?;
        if u16::from(first) != next {
            return Err(at(Reason::ValueOutOfOrder {
                text: decimal,
                expected: next,
            }));
        }
        next = u16::from(last) + 1;
        let ipv6_extension_header = match ipv6.as_str() {
            "" => None,
            "Y" => Some(true),
            "N" => Some(false),
            _ => return Err(at(Reason::BadIpv6Flag { text: ipv6 })),
        };
        let record = IpProtocolRecord {
            line,
            first,
            last,
            keyword,
            protocol,
            ipv6_extension_header,
            reference,
        };
        let (bare, _) = record.bare_keyword();
        if !bare.is_empty() {
            let lower = bare.to_ascii_lowercase();
            if let Some(earlier) = keywords.insert(lower, bare.to_owned()) {
                return Err(at(Reason::KeywordClash {
                    keyword: bare.to_owned(),
                    earlier,
                }));
            }
        }
        records.push(record);
    }
    if next != 256 {
        return Err((None, Reason::ValuesMissing { from: next }));
    }
    Ok(records)
}

/// `N` or `N-M`, each 0-255: the port parser, then the field's width.
fn values(text: &str) -> Result<(u8, u8), Reason> {
    let range: PortRange =
        text.parse()
            .map_err(|error: ianaports_tables::ParsePortRangeError| {
                if error.is_reversed() {
                    Reason::RangeReversed {
                        text: text.to_owned(),
                    }
                } else if error.is_too_large() {
                    Reason::ValueTooLarge {
                        text: text.to_owned(),
                    }
                } else {
                    Reason::ValueNotANumber {
                        text: text.to_owned(),
                    }
                }
            })?;
    let too_large = || Reason::ValueTooLarge {
        text: text.to_owned(),
    };
    let first = u8::try_from(range.start()).map_err(|_| too_large())?;
    let last = u8::try_from(range.end()).map_err(|_| too_large())?;
    Ok((first, last))
}

/// Strings one after another, as [`Strings`] reads them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct StringsLayout {
    text: String,
    ends: Encoded<u16>,
}

impl StringsLayout {
    fn build<'r>(
        column: &'static str,
        strings: impl Iterator<Item = &'r str>,
    ) -> Result<StringsLayout, LineReason> {
        let mut text = String::new();
        let mut ends = Vec::new();
        for string in strings {
            text.push_str(string);
            let end = u16::try_from(text.len()).map_err(|_| {
                let bytes = text.len();
                (None, Reason::TextTooLong { column, bytes })
            })?;
            ends.push(end);
        }
        Ok(StringsLayout {
            text,
            ends: Encoded::new(&ends),
        })
    }

    fn view<'a>(&'a self, text: &'a &'a str) -> Strings<'a> {
        Strings {
            text,
            ends: self.ends.view(),
        }
    }
}

/// The protocol-number tables of a registry, as generated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IpProtocolLayout {
    /// IANA's date for the registry, when known.
    pub updated: Option<String>,
    record_of: Encoded<u8>,
    first: Encoded<u8>,
    flags: Encoded<u8>,
    keywords: StringsLayout,
    keyword_order: Encoded<u8>,
    names: StringsLayout,
    references: StringsLayout,
}

impl IpProtocolLayout {
    /// The tables of `records` (from [`parse_ip_protocols`]); names with the `descriptions`
    /// feature, references with `metadata`.
    pub fn build(
        records: &[IpProtocolRecord],
        updated: Option<&str>,
        features: Features,
        file_name: &str,
    ) -> Result<IpProtocolLayout, Error> {
        Self::lay_out(records, updated, features)
            .map_err(|(line, reason)| Error::new(file_name, line, reason))
    }

    fn lay_out(
        records: &[IpProtocolRecord],
        updated: Option<&str>,
        features: Features,
    ) -> Result<IpProtocolLayout, LineReason> {
        let mut record_of = Vec::with_capacity(256);
        let mut first = Vec::with_capacity(records.len());
        let mut flags = Vec::with_capacity(records.len());
        for (id, record) in records.iter().enumerate() {
            // `parse` covers 0-255 once each, so there are at most 256 records.
            let id = u8::try_from(id)
                .map_err(|_| (Some(record.line), Reason::ValuesMissing { from: 256 }))?;
            record_of.extend(std::iter::repeat_n(
                id,
                usize::from(record.last - record.first) + 1,
            ));
            first.push(record.first);
            let (_, deprecated) = record.bare_keyword();
            let bits =
                IpProtocolFlags::new(record.status(), record.ipv6_extension_header, deprecated);
            flags.push(bits.bits());
        }
        let keywords = StringsLayout::build("Keyword", records.iter().map(|r| r.bare_keyword().0))?;
        let mut keyword_order: Vec<u8> = (0..records.len())
            .filter(|&id| !records[id].bare_keyword().0.is_empty())
            .filter_map(|id| u8::try_from(id).ok())
            .collect();
        keyword_order.sort_by(|&a, &b| {
            let keyword = |id: u8| records[usize::from(id)].bare_keyword().0;
            compare_ignoring_case(keyword(a), keyword(b))
        });
        let column = |wanted: bool, name, cell: fn(&IpProtocolRecord) -> &str| {
            if wanted {
                StringsLayout::build(name, records.iter().map(cell))
            } else {
                Ok(StringsLayout::default())
            }
        };
        Ok(IpProtocolLayout {
            updated: updated.map(str::to_owned),
            record_of: Encoded::new(&record_of),
            first: Encoded::new(&first),
            flags: Encoded::new(&flags),
            keywords,
            keyword_order: Encoded::new(&keyword_order),
            names: column(features.descriptions, "Protocol", |r| &r.protocol)?,
            references: column(features.metadata, "Reference", |r| &r.reference)?,
        })
    }

    /// The texts the tables hold by reference: keywords, names, references.
    pub fn texts(&self) -> [&str; 3] {
        [&self.keywords.text, &self.names.text, &self.references.text]
    }

    /// The tables, over `texts` (from [`IpProtocolLayout::texts`], held by reference as the
    /// library's are held in `static`s): what `emit` writes and the tests read.
    pub fn tables<'a>(&'a self, texts: &'a [&'a str; 3]) -> IpProtocolTables<'a> {
        let [keywords, names, references] = texts;
        IpProtocolTables {
            record_of: self.record_of.view(),
            first: self.first.view(),
            flags: self.flags.view(),
            keywords: self.keywords.view(keywords),
            keyword_order: self.keyword_order.view(),
            names: self.names.view(names),
            references: self.references.view(references),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "Decimal,Keyword,Protocol,IPv6 Extension Header,Reference\r\n";

    fn parsed(rows: &str) -> Result<Vec<IpProtocolRecord>, LineReason> {
        parse(format!("{HEADER}{rows}").as_bytes())
    }

    const WHOLE: &str = "0,HOPOPT,IPv6 Hop-by-Hop Option,Y,[RFC8200]\r\n\
        1,ICMP,Internet Control Message,,[RFC792]\r\n\
        2,ARGUS (deprecated),ARGUS,,[Someone]\r\n\
        3-252,,Unassigned,,[IANA]\r\n\
        253,,Use for experimentation and testing,Y,[RFC3692]\r\n\
        254,,Use for experimentation and testing,Y,[RFC3692]\r\n\
        255,Reserved,,,[IANA]\r\n";

    #[test]
    fn every_value_reads_back_through_the_tables() {
        let records = parsed(WHOLE).unwrap();
        let layout =
            IpProtocolLayout::lay_out(&records, Some("2026-03-09"), Features::ALL).unwrap();
        let texts = layout.texts();
        let tables = layout.tables(&texts);
        for value in 0..=u8::MAX {
            let record = tables.record_of(value);
            let (first, last) = tables.values(record);
            assert!((first..=last).contains(&value), "{value}");
        }
        assert_eq!(tables.values(tables.record_of(100)), (3, 252));
        assert_eq!(tables.keywords.get(0), Some("HOPOPT"));
        assert_eq!(tables.keywords.get(2), Some("ARGUS"));
        assert!(tables.flags(2).is_deprecated());
        assert_eq!(tables.flags(0).ipv6_extension_header(), Some(true));
        assert_eq!(tables.flags(1).ipv6_extension_header(), None);
        assert_eq!(tables.flags(3).status(), IpProtocolStatus::Unassigned);
        assert_eq!(tables.flags(4).status(), IpProtocolStatus::Experimental);
        assert_eq!(tables.flags(6).status(), IpProtocolStatus::Reserved);
        assert_eq!(tables.keywords.get(6), Some(""));
        assert_eq!(tables.record_with_keyword("reserved"), None);
        assert_eq!(tables.record_with_keyword("icmp"), Some(1));
        assert_eq!(tables.record_with_keyword("Argus (Deprecated)"), Some(2));
        assert_eq!(tables.record_with_keyword("argus"), Some(2));
        assert_eq!(tables.record_with_keyword(""), None);
        assert_eq!(tables.record_with_keyword("gre"), None);
        assert_eq!(tables.names.get(1), Some("Internet Control Message"));
        assert_eq!(tables.references.get(6), Some("[IANA]"));
    }

    #[test]
    fn left_out_columns_are_empty() {
        let records = parsed(WHOLE).unwrap();
        let names_only = Features {
            descriptions: false,
            metadata: false,
            dense_port_index: false,
        };
        let layout = IpProtocolLayout::lay_out(&records, None, names_only).unwrap();
        let texts = layout.texts();
        let tables = layout.tables(&texts);
        assert_eq!(tables.names.get(1), None);
        assert_eq!(tables.references.get(1), None);
        assert_eq!(tables.keywords.get(1), Some("ICMP"));
    }

    #[test]
    fn values_must_cover_0_to_255_once_in_order() {
        let gap = "0,A,a,,\r\n2-255,,Unassigned,,\r\n";
        assert_eq!(
            parsed(gap),
            Err((
                Some(3),
                Reason::ValueOutOfOrder {
                    text: "2-255".into(),
                    expected: 1
                }
            ))
        );
        let overlap = "0-10,,Unassigned,,\r\n10-255,,Unassigned,,\r\n";
        assert!(matches!(
            parsed(overlap),
            Err((Some(3), Reason::ValueOutOfOrder { expected: 11, .. }))
        ));
        let short = "0-254,,Unassigned,,\r\n";
        assert_eq!(
            parsed(short),
            Err((None, Reason::ValuesMissing { from: 255 }))
        );
        let past = "0-256,,Unassigned,,\r\n";
        assert!(matches!(
            parsed(past),
            Err((Some(2), Reason::ValueTooLarge { .. }))
        ));
    }

    #[test]
    fn bad_cells_say_why_and_where() {
        let cases = [
            ("x,A,a,,\r\n", Reason::ValueNotANumber { text: "x".into() }),
            (
                "9-3,A,a,,\r\n",
                Reason::RangeReversed { text: "9-3".into() },
            ),
            (
                "0-255,A,a,yes,\r\n",
                Reason::BadIpv6Flag { text: "yes".into() },
            ),
        ];
        for (rows, reason) in cases {
            assert_eq!(parsed(rows), Err((Some(2), reason)), "{rows}");
        }
        let clash = "0,GRE,a,,\r\n1,gre (deprecated),b,,\r\n2-255,,Unassigned,,\r\n";
        assert_eq!(
            parsed(clash),
            Err((
                Some(3),
                Reason::KeywordClash {
                    keyword: "gre".into(),
                    earlier: "GRE".into()
                }
            ))
        );
        assert!(matches!(
            parse(b"Decimal,Keyword\r\n0,A\r\n"),
            Err((Some(1), Reason::Header { .. }))
        ));
    }
}
