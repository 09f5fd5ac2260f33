//! Registries of every awkward shape, generated here, built into tables by the real generator
//! and read through the library's own readers (`ianaports-tables`), query by query against
//! the independent model in `tests/model`: every (port, protocol) through both port indexes,
//! every record's columns and alias, every name in three casings, and names that are not
//! there. A registry past one of the tables' limits must be refused, and only then.
//!
//! `PROPTEST_CASES` sets how many random registries each property builds (default 24).

mod model;

use ianaports::{Protocol, Status};
use ianaports_codegen::{Features, Reason};
use ianaports_tables::{Column, PortIndex, Tables};
use proptest::prelude::*;

const PROTOCOLS: [Option<&str>; 5] = [Some("tcp"), Some("udp"), Some("sctp"), Some("dccp"), None];
const HEADER: &str = "Service Name,Port Number,Transport Protocol,Description,Assignee,Contact,Registration Date,Modification Date,Reference,Service Code,Unauthorized Use Reported,Assignment Notes\r\n";

/// One generated row.
#[derive(Debug, Clone)]
struct Row {
    name: String,
    ports: Option<(u16, u16)>,
    protocol: Option<&'static str>,
    description: String,
    alias_of: Option<String>,
}

fn csv(rows: &[Row]) -> String {
    let mut text = HEADER.to_owned();
    for row in rows {
        let ports = match row.ports {
            Some((first, last)) if first == last => first.to_string(),
            Some((first, last)) => format!("{first}-{last}"),
            None => String::new(),
        };
        let notes = row.alias_of.as_ref().map_or(String::new(), |target| {
            format!("\"This entry is an alias to \"\"{target}\"\".\nThis entry is now historic.\"")
        });
        text.push_str(&format!(
            "{},{ports},{},\"{}\",[Someone],,2020-01-02,,,,,{notes}\r\n",
            row.name,
            row.protocol.unwrap_or(""),
            row.description
        ));
    }
    text
}

/// Builds `csv` with the real generator; `Err` with the reason when it refuses.
fn build(csv: &str) -> Result<Tables<'static>, Reason> {
    ianaports_codegen::build_tables(csv.as_bytes(), "generated.csv", None, Features::ALL)
        .map(|generated| {
            // Kept for the rest of the test, which reads the tables while it checks them.
            let generated = Box::leak(Box::new(generated));
            Box::leak(Box::new(generated.in_process())).tables()
        })
        .map_err(|error| error.reason)
}

/// Every query of `tables` against the model of `csv`.
fn assert_matches_model(csv: &str, tables: Tables<'static>) {
    let rows = model::rows_from(csv.as_bytes());
    assert_eq!(tables.records.count(), rows.len());
    let by_port = model::rows_by_port(&rows);
    for port in 0..=u16::MAX {
        let candidates = &by_port[usize::from(port)];
        for protocol in Protocol::ALL {
            let expected = model::expected_lookup_all(&rows, candidates, port, protocol);
            let status = model::expected_status(&rows, candidates, port, protocol);
            for index in [PortIndex::Dense, PortIndex::Bitmap] {
                let list = tables.ports.lookup_all(port, protocol, index);
                let found: Vec<usize> = (0..list.len())
                    .filter_map(|i| list.get(i).map(usize::from))
                    .collect();
                assert_eq!(
                    found, expected,
                    "lookup_all({port}, {protocol:?}), {index:?}"
                );
                let first = tables.ports.lookup(port, protocol, index).map(usize::from);
                assert_eq!(
                    first,
                    expected.first().copied(),
                    "lookup({port}, {protocol:?})"
                );
                assert_eq!(
                    tables.ports.status(port, protocol, index),
                    status,
                    "status({port}, {protocol:?})"
                );
            }
        }
    }
    let mut names: Vec<&str> = Vec::new();
    for row in &rows {
        let id = u16::try_from(row.index).unwrap();
        let name = (!row.name().is_empty()).then_some(row.name());
        assert_eq!(tables.names.name(id), name, "name of row {}", row.index);
        assert_eq!(
            tables.records.ports(id),
            row.first.zip(row.last),
            "ports of row {}",
            row.index
        );
        let protocol = tables.records.flags(id).protocol();
        assert_eq!(protocol, row.protocol, "protocol of row {}", row.index);
        assert_eq!(tables.records.flags(id).is_historic_alias(), row.is_alias());
        let target = tables.records.alias_target(id).map(usize::from);
        assert_eq!(
            target,
            model::expected_alias_target(&rows, row),
            "alias of row {}",
            row.index
        );
        assert_eq!(
            tables.columns[Column::Description.text_index().unwrap()].cell(tables.texts, id),
            Some(row.description())
        );
        assert_eq!(
            tables.columns[Column::Assignee.text_index().unwrap()].cell(tables.texts, id),
            Some(row.fields[4].as_str())
        );
        names.extend(name);
    }
    names.sort_unstable();
    names.dedup();
    let by_name = model::rows_by_name(&rows);
    let expected_by_name = |name: &str| {
        by_name
            .get(&name.to_ascii_lowercase())
            .cloned()
            .unwrap_or_default()
    };
    for name in names {
        let expected = expected_by_name(name);
        for casing in model::casings(name) {
            let found: Vec<usize> = tables.by_name(casing.as_bytes()).map(usize::from).collect();
            assert_eq!(found, expected, "by_name({casing:?})");
        }
        for miss in [format!("{name}x"), format!("x{name}"), name[1..].to_owned()] {
            let expected = expected_by_name(&miss);
            let found: Vec<usize> = tables.by_name(miss.as_bytes()).map(usize::from).collect();
            assert_eq!(found, expected, "by_name({miss:?})");
        }
    }
}

/// The limit the model says `rows` is past, if any: the reasons the generator may give.
fn past_a_limit(rows: &[Row]) -> bool {
    let mut named = std::collections::HashMap::new();
    for row in rows.iter().filter(|row| !row.name.is_empty()) {
        let Some((first, last)) = row.ports else {
            continue;
        };
        for port in first..=last {
            for protocol in PROTOCOLS.iter().flatten() {
                if row.protocol.is_none_or(|own| own == *protocol) {
                    *named.entry((port, *protocol)).or_insert(0) += 1;
                }
            }
        }
    }
    named
        .values()
        .any(|&count| count > ianaports_tables::Slot::MAX_NAMED)
}

fn name_strategy(names: usize) -> impl Strategy<Value = String> {
    // Few distinct names, so that names repeat far apart; short and long ones, at the limit too.
    (0..names, 0..4usize).prop_map(|(n, shape)| match shape {
        0 => format!("s{n}"),
        1 => format!("svc-{n}-abcdefgh"),
        2 => format!("service-{n}-{}", "x".repeat(20)),
        _ => format!("{n}-{}", "n".repeat(ianaports_tables::MAX_NAME_LEN - 6)),
    })
}

fn ports_strategy() -> impl Strategy<Value = Option<(u16, u16)>> {
    prop_oneof![
        1 => Just(None),
        6 => (0u16..40).prop_map(|port| Some((port, port))),
        2 => (0u16..40, 0u16..8).prop_map(|(first, len)| Some((first, first.saturating_add(len)))),
        1 => (0u16..=u16::MAX, 0u16..=u16::MAX).prop_map(|(a, b)| Some((a.min(b), a.max(b)))),
        1 => (65_500u16..=u16::MAX).prop_map(|first| Some((first, u16::MAX))),
    ]
}

fn row_strategy() -> impl Strategy<Value = Row> {
    (
        prop_oneof![1 => Just(None), 4 => name_strategy(12).prop_map(Some)],
        ports_strategy(),
        proptest::sample::select(PROTOCOLS.to_vec()),
        proptest::sample::select(vec![
            "Reserved",
            "Unassigned",
            "any private use",
            "A service",
        ]),
        proptest::option::weighted(0.15, name_strategy(12)),
    )
        .prop_filter("a row needs a name or a port", |(name, ports, ..)| {
            name.is_some() || ports.is_some()
        })
        .prop_map(|(name, ports, protocol, description, alias_of)| Row {
            alias_of: alias_of.filter(|_| name.is_some()),
            name: name.unwrap_or_default(),
            ports,
            protocol,
            description: description.to_owned(),
        })
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(24),
        ..ProptestConfig::default()
    })]

    #[test]
    fn generated_registries_answer_like_the_model(rows in proptest::collection::vec(row_strategy(), 1..120)) {
        let text = csv(&rows);
        match build(&text) {
            Ok(tables) => {
                prop_assert!(!past_a_limit(&rows));
                assert_matches_model(&text, tables);
            }
            Err(reason) => {
                prop_assert!(past_a_limit(&rows), "refused within the limits: {reason}");
                prop_assert!(matches!(reason, Reason::TooManyNamedRecords { .. }), "{reason}");
            }
        }
    }
}

#[test]
fn every_port_covered() {
    let text = format!(
        "{HEADER},0-65535,,Reserved,,,,,,,,\r\nlast,65535,tcp,The last port,,,,,,,,\r\nfirst,0,udp,The first port,,,,,,,,\r\n"
    );
    let tables = build(&text).unwrap();
    assert_matches_model(&text, tables);
    assert_eq!(
        tables.ports.lookup(65535, Protocol::Tcp, PortIndex::Dense),
        Some(1)
    );
    assert_eq!(
        tables.ports.status(65535, Protocol::Tcp, PortIndex::Dense),
        Status::Assigned
    );
}

#[test]
fn names_far_apart_at_scale() {
    // 22,500 names whose tcp rows all come before their udp rows: 45,000 records.
    let mut rows = Vec::new();
    for protocol in ["tcp", "udp"] {
        for n in 0..22_500u16 {
            rows.push(Row {
                name: format!("n{n}"),
                ports: Some((n, n)),
                protocol: Some(protocol),
                description: format!("Service {n}"),
                alias_of: None,
            });
        }
    }
    let text = csv(&rows);
    assert_matches_model(&text, build(&text).unwrap());
}

#[test]
fn records_at_the_count_limit() {
    let rows: Vec<Row> = (0..ianaports_tables::MAX_RECORDS)
        .map(|n| Row {
            name: if n % 3 == 0 {
                String::new()
            } else {
                format!("r{}", n % 20_000)
            },
            ports: Some((u16::try_from(n).unwrap(), u16::try_from(n).unwrap())),
            protocol: PROTOCOLS[n % 5],
            description: "Reserved".to_owned(),
            alias_of: None,
        })
        .collect();
    let text = csv(&rows);
    assert_matches_model(&text, build(&text).unwrap());
    let one_more = format!("{text}past,1,tcp,,,,,,,,,\r\n");
    assert_eq!(
        build(&one_more).unwrap_err(),
        Reason::TooManyRecords {
            count: ianaports_tables::MAX_RECORDS + 1
        }
    );
}

#[test]
fn many_names_per_port_up_to_the_limit() {
    let rows: Vec<Row> = (0..7)
        .flat_map(|n| {
            [
                Row {
                    name: format!("single-{n}"),
                    ports: Some((9, 9)),
                    protocol: Some("tcp"),
                    description: String::new(),
                    alias_of: (n == 3).then(|| "single-0".to_owned()),
                },
                Row {
                    name: format!("range-{n}"),
                    ports: Some((1, 20)),
                    protocol: None,
                    description: String::new(),
                    alias_of: None,
                },
            ]
        })
        .take(7 + 7)
        .collect();
    let tables_rows: Vec<Row> = rows
        .iter()
        .filter(|r| r.ports == Some((9, 9)))
        .cloned()
        .collect();
    let text = csv(&tables_rows);
    assert_matches_model(&text, build(&text).unwrap());
    // Seven singles and seven ranges on 9/tcp: fourteen, past the limit.
    assert!(matches!(
        build(&csv(&rows)).unwrap_err(),
        Reason::TooManyNamedRecords {
            port: 9,
            protocol: "tcp",
            count: 14
        }
    ));
}
