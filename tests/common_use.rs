//! The ports in common use (`common-use.csv`, the `common-use` feature), read back through the
//! API and checked against a second reader of the file (the `csv` crate) and against IANA's
//! registry: every entry is reachable, none repeats IANA's registration, and the ones IANA
//! assigns to another service are listed (`cargo test --features common-use --test
//! common_use -- --nocapture` prints them).

use std::collections::BTreeSet;

use ianaports::{CommonUse, PortRange, Protocol, Status};

/// One row of the file, as the `csv` crate reads it.
#[derive(Debug)]
struct Row {
    line: u64,
    ports: PortRange,
    protocol: Protocol,
    name: String,
    software: String,
    description: String,
    source: String,
    read: String,
}

fn rows() -> Vec<Row> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/common-use.csv");
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header, ianaports_codegen::COMMON_USE_HEADER);
    reader
        .records()
        .map(|record| {
            let record = record.unwrap();
            let line = record.position().unwrap().line();
            Row {
                line,
                ports: record[0].parse().unwrap(),
                protocol: record[1].parse().unwrap(),
                name: record[2].to_owned(),
                software: record[3].to_owned(),
                description: record[4].to_owned(),
                source: record[5].to_owned(),
                read: record[6].to_owned(),
            }
        })
        .collect()
}

fn same(row: &Row, entry: CommonUse) -> bool {
    entry.port_range() == row.ports
        && entry.protocol() == row.protocol
        && entry.name() == row.name
        && entry.software() == row.software
        && entry.description() == row.description
        && entry.source() == row.source
        && entry.source_read() == row.read
}

#[test]
fn the_issue_asks_for_at_least_150_entries() {
    let rows = rows();
    assert!(rows.len() >= 150, "{} entries", rows.len());
    assert_eq!(ianaports::common_use().count(), rows.len());
}

#[test]
fn every_entry_is_found_by_each_of_its_ports_and_by_its_name() {
    for row in rows() {
        let middle = row.ports.start() + (row.ports.end() - row.ports.start()) / 2;
        for port in [row.ports.start(), middle, row.ports.end()] {
            let found = ianaports::in_common_use(port, row.protocol).filter(|e| same(&row, *e));
            assert_eq!(found.count(), 1, "line {}: {row:?} at {port}", row.line);
        }
        let named = ianaports::common_use_named(&row.name.to_ascii_uppercase());
        assert_eq!(
            named.filter(|e| same(&row, *e)).count(),
            1,
            "line {}",
            row.line
        );
    }
}

#[test]
fn a_query_finds_only_entries_that_cover_it() {
    let rows = rows();
    // Every port an entry starts or ends at, and the ports beside them, over each protocol.
    let mut ports = BTreeSet::from([1, 65535]);
    for row in &rows {
        for port in [row.ports.start(), row.ports.end()] {
            ports.extend([port.saturating_sub(1), port, port.saturating_add(1)]);
        }
    }
    for port in ports {
        for protocol in Protocol::ALL {
            let expected = rows
                .iter()
                .filter(|row| row.protocol == protocol && row.ports.contains(port))
                .count();
            let found: Vec<CommonUse> = ianaports::in_common_use(port, protocol).collect();
            assert_eq!(found.len(), expected, "{port}/{protocol}");
            assert!(
                found
                    .iter()
                    .all(|e| e.protocol() == protocol && e.port_range().contains(port))
            );
        }
    }
    assert_eq!(ianaports::common_use_named("").count(), 0);
    assert_eq!(ianaports::common_use_named("no-such-software").count(), 0);
}

#[test]
fn no_entry_repeats_ianas_registration_and_none_reaches_the_iana_api() {
    for row in rows() {
        for port in row.ports {
            for record in ianaports::lookup_all(port, row.protocol) {
                assert!(
                    !record
                        .name()
                        .is_some_and(|name| name.eq_ignore_ascii_case(&row.name)),
                    "line {}: {} {port}/{} is IANA's registration already",
                    row.line,
                    row.name,
                    row.protocol
                );
            }
        }
        // Whatever `by_name` finds under the entry's name is IANA's, on IANA's ports.
        for record in ianaports::by_name(&row.name) {
            assert!(record.index() < ianaports::RECORD_COUNT);
        }
    }
    assert_eq!(ianaports::records().count(), ianaports::RECORD_COUNT);
    assert!(ianaports::by_name("elasticsearch").is_empty());
    assert_eq!(ianaports::lookup(41641, ianaports::Udp), None);
}

/// What IANA says of an entry's ports, for the report.
fn iana_names(row: &Row) -> Vec<String> {
    let mut names = BTreeSet::new();
    for port in row.ports {
        for record in ianaports::lookup_all(port, row.protocol) {
            if let Some(name) = record.name() {
                names.insert(name.to_owned());
            }
        }
    }
    names.into_iter().collect()
}

#[test]
fn the_entries_iana_assigns_to_another_service_are_reported() {
    let rows = rows();
    let mut assigned_elsewhere = Vec::new();
    for row in &rows {
        let names = iana_names(row);
        if !names.is_empty() {
            let shown = if names.len() > 4 {
                format!("{} and {} more", names[..4].join(", "), names.len() - 4)
            } else {
                names.join(", ")
            };
            assigned_elsewhere.push(format!(
                "{}/{} {} ({}): IANA's {}",
                row.ports, row.protocol, row.name, row.software, shown
            ));
        }
    }
    println!(
        "{} of {} entries are on ports IANA assigns to another service:",
        assigned_elsewhere.len(),
        rows.len()
    );
    for line in &assigned_elsewhere {
        println!("  {line}");
    }
    // Facts from the issue, each checked against the registry here.
    assert!(
        assigned_elsewhere
            .iter()
            .any(|line| line.starts_with("9200/tcp elasticsearch (Elasticsearch): IANA's wap-wsp")),
        "{assigned_elsewhere:#?}"
    );
    assert!(
        !assigned_elsewhere
            .iter()
            .any(|line| line.starts_with("41641/udp"))
    );
    assert_eq!(ianaports::status(41641, ianaports::Udp), Status::Unassigned);
}

#[test]
fn sources_are_cited_and_dated() {
    for row in rows() {
        assert!(row.source.starts_with("https://") || row.source.starts_with("http://"));
        assert!(!row.source.contains("wikipedia.org"), "line {}", row.line);
        assert!(
            row.read.len() == 10 && row.read.as_str() <= "2026-12-31",
            "line {}",
            row.line
        );
    }
}
