//! Property tests of the protocol-numbers generator: registries of random rows (single values
//! and blocks, keywords in any case, deprecated markers, every IPv6 flag, IANA's status words),
//! built by the real generator and read through the library's own readers, against a model
//! that reads the rows as they were written. Rows that leave a gap, overlap, or repeat a
//! keyword in another case must be refused, and only those.

use std::collections::HashSet;

use ianaports::IpProtocolStatus;
use ianaports_codegen::{Features, IpProtocolLayout, Reason, parse_ip_protocols};
use proptest::prelude::*;

/// One generated row: how many values it covers and its cells.
#[derive(Debug, Clone)]
struct Row {
    width: u16,
    keyword: String,
    protocol: String,
    ipv6: &'static str,
}

fn row_strategy() -> impl Strategy<Value = Row> {
    let keyword = prop_oneof![
        Just(String::new()),
        "[A-Za-z][A-Za-z0-9-]{0,6}",
        "[A-Za-z]{1,4}".prop_map(|k| format!("{k} (deprecated)")),
        Just("Reserved".to_owned()),
    ];
    let protocol = prop_oneof![
        Just("Unassigned".to_owned()),
        Just("Use for experimentation and testing".to_owned()),
        Just(String::new()),
        "[A-Za-z ]{1,12}",
    ];
    let width = prop_oneof![4 => Just(1u16), 1 => 2u16..40];
    (
        width,
        keyword,
        protocol,
        prop::sample::select(vec!["", "Y", "N"]),
    )
        .prop_map(|(width, keyword, protocol, ipv6)| Row {
            width,
            keyword,
            protocol,
            ipv6,
        })
}

/// The CSV of `rows`, from 0 up, the last row stretched or the rows cut to end at 255 when
/// `whole`.
fn csv(rows: &[Row]) -> (String, Vec<(u16, u16, Row)>) {
    let mut text = String::from("Decimal,Keyword,Protocol,IPv6 Extension Header,Reference\r\n");
    let mut placed = Vec::new();
    let mut next = 0u16;
    for (at, row) in rows.iter().enumerate() {
        if next > 255 {
            break;
        }
        let last = if at + 1 == rows.len() {
            255
        } else {
            (next + row.width - 1).min(255)
        };
        let value = if next == last {
            next.to_string()
        } else {
            format!("{next}-{last}")
        };
        let protocol = if row.protocol.contains(' ') {
            format!("\"{}\"", row.protocol)
        } else {
            row.protocol.clone()
        };
        text.push_str(&format!(
            "{value},{},{protocol},{},[Ref_{at}]\r\n",
            row.keyword, row.ipv6
        ));
        placed.push((next, last, row.clone()));
        next = last + 1;
    }
    (text, placed)
}

/// The status and keyword the model reads from a row.
fn model(row: &Row) -> (IpProtocolStatus, Option<String>, bool) {
    let status = match (row.keyword.as_str(), row.protocol.as_str()) {
        ("", "Unassigned") => IpProtocolStatus::Unassigned,
        ("", "Use for experimentation and testing") => IpProtocolStatus::Experimental,
        ("Reserved", "") | ("", "Reserved") => IpProtocolStatus::Reserved,
        _ => IpProtocolStatus::Assigned,
    };
    let deprecated = status == IpProtocolStatus::Assigned && row.keyword.ends_with(" (deprecated)");
    let bare = row
        .keyword
        .strip_suffix(" (deprecated)")
        .unwrap_or(&row.keyword);
    let keyword =
        (status == IpProtocolStatus::Assigned && !bare.is_empty()).then(|| bare.to_owned());
    (status, keyword, deprecated)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(64),
        ..ProptestConfig::default()
    })]

    #[test]
    fn generated_protocol_numbers_answer_like_the_model(rows in proptest::collection::vec(row_strategy(), 1..200)) {
        let (text, placed) = csv(&rows);
        let mut seen = HashSet::new();
        let clash = placed.iter().any(|(_, _, row)| match model(row).1 {
            Some(keyword) => !seen.insert(keyword.to_ascii_lowercase()),
            None => false,
        });
        let parsed = parse_ip_protocols(text.as_bytes(), "generated.csv");
        if clash {
            let error = parsed.unwrap_err();
            prop_assert!(matches!(error.reason, Reason::KeywordClash { .. }), "{error}");
            return Ok(());
        }
        let records = parsed.map_err(|error| TestCaseError::fail(error.to_string()))?;
        let layout = IpProtocolLayout::build(&records, None, Features::ALL, "generated.csv").unwrap();
        let texts = layout.texts();
        let tables = layout.tables(&texts);
        for (first, last, row) in &placed {
            let (status, keyword, deprecated) = model(row);
            for value in *first..=*last {
                let value = u8::try_from(value).unwrap();
                let record = tables.record_of(value);
                prop_assert_eq!(tables.values(record), (u8::try_from(*first).unwrap(), u8::try_from(*last).unwrap()));
                let flags = tables.flags(record);
                prop_assert_eq!(flags.status(), status);
                prop_assert_eq!(flags.is_deprecated(), deprecated);
                let ipv6 = match row.ipv6 { "Y" => Some(true), "N" => Some(false), _ => None };
                prop_assert_eq!(flags.ipv6_extension_header(), ipv6);
                let stored = tables.keywords.get(usize::from(record)).filter(|k| !k.is_empty());
                prop_assert_eq!(stored, keyword.as_deref());
                prop_assert_eq!(tables.names.get(usize::from(record)), Some(row.protocol.as_str()));
            }
            if let Some(keyword) = &keyword {
                let record = tables.record_of(u8::try_from(*first).unwrap());
                prop_assert_eq!(tables.record_with_keyword(&keyword.to_ascii_uppercase()), Some(record));
                prop_assert_eq!(tables.record_with_keyword(&format!("{keyword} (Deprecated)")), Some(record));
            }
        }
    }

    #[test]
    fn registries_that_miss_or_repeat_a_value_are_refused(cut in 0u16..255, overlap in 1u16..20) {
        let header = "Decimal,Keyword,Protocol,IPv6 Extension Header,Reference\r\n";
        let short = format!("{header}0-{cut},,Unassigned,,\r\n");
        let error = parse_ip_protocols(short.as_bytes(), "short.csv").unwrap_err();
        prop_assert_eq!(error.reason, Reason::ValuesMissing { from: cut + 1 });
        let start = cut.saturating_sub(overlap);
        let twice = format!("{header}0-{cut},,Unassigned,,\r\n{start}-255,,Unassigned,,\r\n");
        let error = parse_ip_protocols(twice.as_bytes(), "twice.csv").unwrap_err();
        prop_assert_eq!(error.line, Some(3));
        let out_of_order = matches!(error.reason, Reason::ValueOutOfOrder { expected, .. } if expected == cut + 1);
        prop_assert!(out_of_order, "{}", error);
    }
}
