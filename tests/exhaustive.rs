//! Every (port, protocol) pair, every record and every name, against `model`.

mod model;

use ianaports::{PortRange, Protocol, Status};

#[test]
fn every_port_and_protocol_matches_the_model() {
    let rows = model::rows();
    let by_port = model::rows_by_port(&rows);
    let mut assigned = 0;
    for port in 0..=u16::MAX {
        let candidates = &by_port[usize::from(port)];
        for protocol in Protocol::ALL {
            let expected = model::expected_lookup_all(&rows, candidates, port, protocol);
            let found: Vec<usize> = ianaports::lookup_all(port, protocol)
                .map(|r| r.index())
                .collect();
            assert_eq!(found, expected, "lookup_all({port}, {protocol})");
            assert_eq!(ianaports::lookup_all(port, protocol).len(), expected.len());
            assert_eq!(
                ianaports::lookup(port, protocol).map(|r| r.index()),
                expected.first().copied()
            );
            let status = model::expected_status(&rows, candidates, port, protocol);
            assert_eq!(
                ianaports::status(port, protocol),
                status,
                "status({port}, {protocol})"
            );
            assigned += usize::from(status == Status::Assigned);
        }
    }
    // Guards the model itself against matching nothing.
    assert!(assigned > 12_000, "only {assigned} assigned pairs");
}

#[test]
fn every_record_is_reachable_with_every_column() {
    let rows = model::rows();
    assert_eq!(ianaports::RECORD_COUNT, rows.len());
    assert_eq!(ianaports::records().len(), rows.len());
    for (record, row) in ianaports::records().zip(&rows) {
        let f = &row.fields;
        assert_eq!(record.index(), row.index);
        assert_eq!(
            record.name(),
            (!f[0].is_empty()).then_some(f[0].as_str()),
            "row {}",
            row.index
        );
        assert_eq!(
            record.port_range().map(PortRange::range),
            row.first.zip(row.last).map(|(a, b)| a..=b)
        );
        assert_eq!(record.protocol(), row.protocol);
        assert_eq!(record.is_historic_alias(), row.is_alias());
        // An empty cell is `None`, never `Some("")`.
        let cell = |column: usize| Some(f[column].as_str()).filter(|cell| !cell.is_empty());
        #[cfg(feature = "descriptions")]
        assert_eq!(record.description(), cell(3));
        #[cfg(feature = "metadata")]
        {
            assert_eq!(record.assignee(), cell(4));
            assert_eq!(record.contact(), cell(5));
            assert_eq!(record.registration_date(), cell(6));
            assert_eq!(record.modification_date(), cell(7));
            assert_eq!(record.reference(), cell(8));
            assert_eq!(record.service_code(), cell(9));
            assert_eq!(record.unauthorized_use_reported(), cell(10));
            assert_eq!(record.assignment_notes(), cell(11));
        }
        let _ = cell;
    }
}

#[test]
fn every_alias_points_at_its_current_name() {
    let rows = model::rows();
    let mut aliases = 0;
    for row in rows.iter().filter(|row| row.is_alias()) {
        let target = row.notes().split('"').nth(1).unwrap();
        let record = ianaports::records().nth(row.index).unwrap();
        let points_at = record
            .alias_target()
            .expect("every alias target is registered");
        assert!(
            points_at.name().unwrap().eq_ignore_ascii_case(target),
            "row {}",
            row.index
        );
        if let Some(same) = rows.iter().find(|r| {
            r.name().eq_ignore_ascii_case(target)
                && (r.first, r.last, r.protocol) == (row.first, row.last, row.protocol)
        }) {
            assert_eq!(points_at.index(), same.index);
        }
        aliases += 1;
    }
    assert!(aliases > 150);
    let current = ianaports::lookup(5432, ianaports::Tcp).unwrap();
    assert_eq!(current.alias_target(), None);
}

#[test]
fn every_name_is_found_in_three_casings() {
    let rows = model::rows();
    let mut names: Vec<&str> = rows
        .iter()
        .map(|r| r.name())
        .filter(|n| !n.is_empty())
        .collect();
    names.sort_unstable();
    names.dedup();
    assert!(names.len() > 7000);
    for name in names {
        let expected: Vec<usize> = rows
            .iter()
            .filter(|r| r.name().eq_ignore_ascii_case(name))
            .map(|r| r.index)
            .collect();
        for casing in model::casings(name) {
            let found: Vec<usize> = ianaports::by_name(&casing).map(|r| r.index()).collect();
            assert_eq!(found, expected, "by_name({casing:?})");
        }
    }
}

#[test]
fn snapshot_constants_describe_the_csv() {
    let rows = model::rows();
    let newest = |column: usize| rows.iter().map(|r| r.fields[column].clone()).max().unwrap();
    assert_eq!(ianaports::NEWEST_REGISTRATION_DATE, newest(6));
    assert_eq!(ianaports::NEWEST_MODIFICATION_DATE, newest(7));
    let updated =
        std::fs::read_to_string(model::registry_path().with_file_name("registry.updated"))
            .expect("the bundled registry has IANA's date beside it");
    assert_eq!(ianaports::REGISTRY_UPDATED, updated.trim_end());
    const { assert!(ianaports::REGISTRY_UPDATED_BY_IANA) };
    assert_eq!(ianaports::RECORD_COUNT, rows.len());
}
