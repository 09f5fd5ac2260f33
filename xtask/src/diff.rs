//! What changed between two registries, by service name and port/protocol.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use ianaports_codegen::Record;

/// A record's identity across snapshots: its service name (case-folded), ports and protocol.
/// Unnamed rows are identified by ports and protocol alone.
type Key = (String, Option<(u16, u16)>, Option<&'static str>);

fn key(record: &Record) -> Key {
    (
        record.service_name.to_ascii_lowercase(),
        record.ports.map(|range| (range.first, range.last)),
        record.protocol.map(|protocol| protocol.as_str()),
    )
}

fn label(record: &Record) -> String {
    let name = if record.service_name.is_empty() {
        "(unnamed)"
    } else {
        &record.service_name
    };
    let ports = match record.ports {
        Some(range) if range.first == range.last => range.first.to_string(),
        Some(range) => format!("{}-{}", range.first, range.last),
        None => "-".to_owned(),
    };
    let protocol = record.protocol.map_or("any", |protocol| protocol.as_str());
    format!("{name} {ports}/{protocol}")
}

/// Counts and lists records added, removed and changed.
pub fn summarise(old: &[Record], new: &[Record]) -> String {
    let index = |records: &[Record]| -> BTreeMap<Key, Vec<Record>> {
        let mut map: BTreeMap<Key, Vec<Record>> = BTreeMap::new();
        for record in records {
            map.entry(key(record)).or_default().push(record.clone());
        }
        map
    };
    let (old, new) = (index(old), index(new));
    let mut added = Vec::new();
    let mut removed = Vec::new();
    let mut changed = Vec::new();
    for (key, new_records) in &new {
        match old.get(key) {
            None => added.extend(new_records.iter().map(label)),
            Some(old_records) => {
                let same = |a: &Record, b: &Record| {
                    Record {
                        line: 0,
                        ..a.clone()
                    } == Record {
                        line: 0,
                        ..b.clone()
                    }
                };
                let matched = old_records.len() == new_records.len()
                    && old_records.iter().zip(new_records).all(|(a, b)| same(a, b));
                if !matched {
                    changed.push(label(&new_records[0]));
                }
            }
        }
    }
    for (key, old_records) in &old {
        if !new.contains_key(key) {
            removed.extend(old_records.iter().map(label));
        }
    }
    let mut summary = format!(
        "{} added, {} removed, {} changed\n",
        added.len(),
        removed.len(),
        changed.len()
    );
    for (sign, labels) in [("+", &added), ("-", &removed), ("~", &changed)] {
        for label in labels {
            writeln!(summary, "{sign} {label}").unwrap();
        }
    }
    summary
}
