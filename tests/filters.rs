//! `IANAPORTS_FILTER` builds against the whole registry's: random filters over IANA's registry
//! and over generated ones, built by the real generator and read through the library's own
//! readers. Inside a filter every answer must be the whole build's (the same records, by their
//! place in the registry); outside it, lookups find nothing and `status` says so.

use std::sync::OnceLock;

use ianaports::Status;
use ianaports_codegen::{
    Features, GeneratedTables, Reason, Record, build_filtered_tables, parse_registry, select,
};
use ianaports_tables::{PortIndex, Protocol, Tables};
use proptest::prelude::*;

fn leaked(generated: GeneratedTables) -> Tables<'static> {
    let generated: &'static GeneratedTables = Box::leak(Box::new(generated));
    Box::leak(Box::new(generated.in_process())).tables()
}

/// IANA's registry: its records and the whole build's tables.
fn registry() -> &'static (Vec<Record>, Tables<'static>) {
    static REGISTRY: OnceLock<(Vec<Record>, Tables<'static>)> = OnceLock::new();
    REGISTRY.get_or_init(|| {
        let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/registry.csv")).unwrap();
        let records = parse_registry(&bytes, "registry.csv").unwrap();
        let whole =
            ianaports_codegen::build_tables_from(&records, "registry.csv", None, Features::ALL)
                .unwrap();
        (records, leaked(whole))
    })
}

fn listed(table: ianaports_tables::Table<'_, u16>) -> Vec<u16> {
    (0..table.len()).filter_map(|at| table.get(at)).collect()
}

/// Checks the filtered build of `records` by `filter` against `whole`, on `ports`.
fn assert_filtered_matches_whole(
    records: &[Record],
    whole: Tables<'_>,
    filter: &str,
    ports: &[u16],
) {
    let features = Features {
        descriptions: true,
        metadata: true,
        dense_port_index: true,
    };
    let selection = select(filter, records).unwrap().expect("a filter");
    let generated = build_filtered_tables(records, "test.csv", None, features, filter).unwrap();
    assert_eq!(generated.filter, selection.text);
    assert_eq!(generated.record_count, selection.kept.len());
    let cut = leaked(generated);
    assert!(cut.ports.slot_index.is_empty(), "no dense index");
    // The smaller of the two indexes that grow with the ports kept.
    let bitmap_bytes = (cut.ports.bitmap.len() * 10).max(10);
    let sorted_bytes = 2 * (cut.ports.slots.len() - 1);
    match cut.ports.index {
        PortIndex::Sorted => {
            assert!(cut.ports.bitmap.is_empty() && cut.ports.rank.is_empty());
            assert_eq!(cut.ports.sorted.len(), cut.ports.slots.len() - 1);
        }
        PortIndex::Bitmap => assert!(
            bitmap_bytes <= sorted_bytes || sorted_bytes < 10,
            "{filter}"
        ),
        PortIndex::Dense => panic!("{filter}: a filtered build with the dense index"),
    }
    // A record of the filtered build is the registry's record at `kept[id]`.
    let original = |id: u16| u16::try_from(selection.kept[usize::from(id)]).unwrap();
    for &port in ports {
        for protocol in Protocol::ALL {
            let inside = selection.contains(port, protocol);
            let found: Vec<u16> = listed(cut.ports.lookup_all(port, protocol, cut.ports.index))
                .into_iter()
                .map(original)
                .collect();
            let first = cut
                .ports
                .lookup(port, protocol, cut.ports.index)
                .map(original);
            let status = cut.ports.status(port, protocol, cut.ports.index);
            if inside {
                let expected = listed(whole.ports.lookup_all(port, protocol, PortIndex::Dense));
                assert_eq!(
                    found, expected,
                    "{filter}: lookup_all({port}, {protocol:?})"
                );
                assert_eq!(
                    first,
                    expected.first().copied(),
                    "{filter}: lookup({port}, {protocol:?})"
                );
                assert_eq!(
                    status,
                    whole.ports.status(port, protocol, PortIndex::Dense),
                    "{filter}: {port}/{protocol:?}"
                );
            } else {
                assert!(
                    found.is_empty() && first.is_none(),
                    "{filter}: {port}/{protocol:?} outside"
                );
                assert_eq!(
                    status,
                    Status::OutsideFilter,
                    "{filter}: {port}/{protocol:?}"
                );
            }
        }
    }
    for missing in ["", "no-such-service", "x11x", "\u{7f}"] {
        assert_eq!(
            cut.names
                .by_name_in_order(cut.name_order, missing.as_bytes())
                .len(),
            0
        );
    }
    for (id, &at) in selection.kept.iter().enumerate() {
        let id = u16::try_from(id).unwrap();
        let at = u16::try_from(at).unwrap();
        assert_eq!(cut.names.name(id), whole.names.name(at));
        assert_eq!(cut.records.ports(id), whole.records.ports(at));
        assert_eq!(cut.records.flags(id), whole.records.flags(at));
        assert_eq!(
            cut.records.alias_target(id).map(original),
            whole.records.alias_target(at),
            "alias of {at}"
        );
        for (cut_column, whole_column) in cut.columns.iter().zip(&whole.columns) {
            assert_eq!(
                cut_column.cell(cut.texts, id),
                whole_column.cell(whole.texts, at)
            );
        }
        if let Some(name) = cut.names.name(id) {
            let found: Vec<u16> = cut.by_name(name.as_bytes()).map(original).collect();
            let expected: Vec<u16> = whole.by_name(name.as_bytes()).collect();
            assert_eq!(found, expected, "{filter}: by_name({name})");
            // What the library of a filtered build reads: the names bisected in order.
            let upper = name.to_ascii_uppercase();
            let bisected: Vec<u16> = cut
                .names
                .by_name_in_order(cut.name_order, upper.as_bytes())
                .map(original)
                .collect();
            assert_eq!(bisected, expected, "{filter}: by_name_in_order({upper})");
        }
    }
}

fn protocol_suffix() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["", "", "/tcp", "/udp", "/sctp", "/dccp"])
}

/// An item: a port, a range, or one of the registry's names.
fn item(names: Vec<String>) -> impl Strategy<Value = String> {
    prop_oneof![
        (any::<u16>(), protocol_suffix()).prop_map(|(port, suffix)| format!("{port}{suffix}")),
        (any::<u16>(), 0u16..300, protocol_suffix()).prop_map(|(start, len, suffix)| format!(
            "{start}-{}{suffix}",
            start.saturating_add(len)
        )),
        prop::sample::select(names),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(12),
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_filters_over_ianas_registry(
        items in proptest::collection::vec(item(vec!["ssh".into(), "http".into(), "x11".into(),
            "postgresql".into(), "SYSLOG".into(), "914c/g".into(), "domain".into(), "kerberos".into()]), 1..6),
        probes in proptest::collection::vec(any::<u16>(), 20),
    ) {
        let (records, whole) = registry();
        let filter = items.join(",");
        let selection = select(&filter, records).unwrap().unwrap();
        // Every port at an edge of the filter's ranges, and random ones.
        let mut ports = probes;
        for ranges in &selection.ranges {
            for &(first, last) in ranges {
                ports.extend([first, last, first.saturating_sub(1), last.saturating_add(1)]);
            }
        }
        assert_filtered_matches_whole(records, *whole, &filter, &ports);
    }
}

/// A generated registry's row: a name of a few (so names repeat and scatter), ports in a small
/// space (so ranges overlap), any protocol, and sometimes an alias or a reserving row.
fn generated_row() -> impl Strategy<Value = String> {
    let name = prop::sample::select(vec!["", "", "a", "b", "c", "D", "e-1"]);
    let ports = prop_oneof![
        (0u16..60).prop_map(|port| port.to_string()),
        (0u16..60, 0u16..15).prop_map(|(start, len)| format!("{start}-{}", start + len)),
        Just(String::new()),
    ];
    let protocol = prop::sample::select(vec!["", "tcp", "udp", "sctp", "dccp"]);
    let notes = prop::sample::select(vec!["", "", "\"This entry is an alias to \"\"b\"\".\""]);
    (name, ports, protocol, notes).prop_map(|(name, ports, protocol, notes)| {
        let ports = if name.is_empty() && ports.is_empty() {
            "7".to_owned()
        } else {
            ports
        };
        let description = if name.is_empty() { "Reserved" } else { "" };
        format!("{name},{ports},{protocol},{description},,,,,,,,{notes}\r\n")
    })
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(48),
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_filters_over_generated_registries(
        rows in proptest::collection::vec(generated_row(), 1..40),
        items in proptest::collection::vec(
            prop_oneof![
                (0u16..70, protocol_suffix()).prop_map(|(port, suffix)| format!("{port}{suffix}")),
                (0u16..70, 0u16..20, protocol_suffix())
                    .prop_map(|(start, len, suffix)| format!("{start}-{}{suffix}", start + len)),
            ],
            1..4,
        ),
    ) {
        let header = "Service Name,Port Number,Transport Protocol,Description,Assignee,Contact,Registration Date,Modification Date,Reference,Service Code,Unauthorized Use Reported,Assignment Notes\r\n";
        let text = format!("{header}{}", rows.concat());
        let records = parse_registry(text.as_bytes(), "g.csv").unwrap();
        let Ok(whole) = ianaports_codegen::build_tables_from(&records, "g.csv", None, Features::ALL) else {
            // Past a limit of the tables (too many names on one port): nothing to compare.
            return Ok(());
        };
        let ports: Vec<u16> = (0..=100).collect();
        assert_filtered_matches_whole(&records, leaked(whole), &items.join(","), &ports);
    }
}

#[test]
fn system_ports_over_tcp_and_udp() {
    let (records, whole) = registry();
    let ports: Vec<u16> = (0..=1100).chain([5432, 65535]).collect();
    assert_filtered_matches_whole(records, *whole, "0-1023/tcp, 0-1023/udp", &ports);
}

#[test]
fn generated_registries_with_overlapping_ranges_and_scattered_names() {
    let header = "Service Name,Port Number,Transport Protocol,Description,Assignee,Contact,Registration Date,Modification Date,Reference,Service Code,Unauthorized Use Reported,Assignment Notes\r\n";
    let rows = "a,10,tcp,,,,,,,,,\r\nwide,5-20,,,,,,,,,,\r\n,15,udp,Reserved,,,,,,,,\r\nb,30,udp,,,,,,,,,\r\na,40,udp,,,,,,,,,\r\n\
                old,10,tcp,,,,,,,,,\"This entry is an alias to \"\"b\"\".\"\r\nb,,tcp,,,,,,,,,\r\nc,1-65535,dccp,,,,,,,,,\r\n";
    let records = parse_registry(format!("{header}{rows}").as_bytes(), "g.csv").unwrap();
    let whole = leaked(
        ianaports_codegen::build_tables_from(&records, "g.csv", None, Features::ALL).unwrap(),
    );
    let ports: Vec<u16> = (0..=50).chain([65534, 65535]).collect();
    for filter in [
        "10/tcp",
        "15",
        "a",
        "b/udp",
        "old",
        "0-9,21-29",
        "c/dccp",
        "12-13/udp,40/udp",
    ] {
        assert_filtered_matches_whole(&records, whole, filter, &ports);
    }
    // The alias is kept with what it stands for.
    let selection = select("10/tcp", &records).unwrap().unwrap();
    assert!(
        selection.kept.contains(&5) && selection.kept.contains(&3) && selection.kept.contains(&6)
    );
}

#[test]
fn bad_filters_name_the_variable_and_the_item() {
    let (records, _) = registry();
    for (filter, message) in [
        (
            "22/xtp",
            "IANAPORTS_FILTER: `22/xtp`: unknown protocol `xtp` (expected tcp, udp, sctp or dccp)",
        ),
        (
            "70000",
            "IANAPORTS_FILTER: `70000`: `70000`: port number above 65535",
        ),
        (
            "80-79/tcp",
            "IANAPORTS_FILTER: `80-79/tcp`: `80-79`: the port range ends before it starts",
        ),
        (
            "ssh,,http",
            "IANAPORTS_FILTER: ``: an empty item (two commas in a row, or one at an end)",
        ),
        (
            "no-such-service",
            "IANAPORTS_FILTER: `no-such-service`: no service has this name in the registry",
        ),
        (
            "syslog/sctp",
            "IANAPORTS_FILTER: `syslog/sctp`: the service has no port over sctp",
        ),
    ] {
        let error = select(filter, records).unwrap_err();
        assert!(
            matches!(error.reason, Reason::BadFilterItem { .. }),
            "{error}"
        );
        assert_eq!(error.to_string(), message);
    }
    assert_eq!(select("  ", records).unwrap(), None);
}
