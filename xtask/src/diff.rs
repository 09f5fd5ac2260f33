//! What changed between two registries, by service name and port/protocol.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use ianaports_codegen::{Column, Record, Row};

/// A record's identity across snapshots: its service name (case-folded), ports and protocol.
/// Unnamed rows are identified by ports and protocol alone.
type Key = (String, Option<(u16, u16)>, Option<&'static str>);

fn key(record: &Record) -> Key {
    (
        record.service_name().to_ascii_lowercase(),
        record.ports.map(|range| (range.start(), range.end())),
        record.protocol.map(|protocol| protocol.as_str()),
    )
}

fn ports_and_protocol(record: &Record) -> String {
    let ports = record
        .ports
        .map_or_else(|| "-".to_owned(), |range| range.to_string());
    let protocol = record.protocol.map_or("any", |protocol| protocol.as_str());
    format!("{ports}/{protocol}")
}

fn label(record: &Record) -> String {
    let name = match record.service_name() {
        "" => "(unnamed)",
        name => name,
    };
    format!("{name} {}", ports_and_protocol(record))
}

/// Whether two registries hold the same records in the same order, wherever their lines fall.
pub(crate) fn same_records(old: &[Record], new: &[Record]) -> bool {
    old.len() == new.len() && old.iter().zip(new).all(|(a, b)| a.row == b.row)
}

/// What changed from `old` to `new`, one line per record, and the exact duplicate rows `new`
/// holds.
pub(crate) fn summarise(old: &[Record], new: &[Record]) -> String {
    let index = |records: &[Record]| -> BTreeMap<Key, Vec<Record>> {
        let mut map: BTreeMap<Key, Vec<Record>> = BTreeMap::new();
        for record in records {
            map.entry(key(record)).or_default().push(record.clone());
        }
        map
    };
    let (old_index, new_index) = (index(old), index(new));
    let mut added: Vec<&Record> = Vec::new();
    let mut removed: Vec<&Record> = Vec::new();
    let mut changed = Vec::new();
    for (key, new_records) in &new_index {
        let Some(old_records) = old_index.get(key) else {
            added.extend(new_records);
            continue;
        };
        let mut which: Vec<&str> = Vec::new();
        for (a, b) in old_records.iter().zip(new_records) {
            for column in Column::ALL {
                if a.cell(column) != b.cell(column) && !which.contains(&column.header()) {
                    which.push(column.header());
                }
            }
        }
        if old_records.len() != new_records.len() {
            which.push("number of rows");
        }
        if !which.is_empty() {
            changed.push(format!("{}: {}", label(&new_records[0]), which.join(", ")));
        }
    }
    for (key, old_records) in &old_index {
        if !new_index.contains_key(key) {
            removed.extend(old_records);
        }
    }
    let renamed = take_renames(&mut removed, &mut added);
    let mut summary = format!(
        "{} -> {} records: {} added, {} removed, {} renamed, {} changed\n",
        old.len(),
        new.len(),
        added.len(),
        removed.len(),
        renamed.len(),
        changed.len()
    );
    let lines = [
        ("+", added.iter().map(|r| label(r)).collect::<Vec<_>>()),
        ("-", removed.iter().map(|r| label(r)).collect()),
        (">", renamed),
        ("~", changed),
        ("!", duplicates(new)),
    ];
    for (sign, labels) in lines {
        for label in labels {
            writeln!(summary, "{sign} {label}").unwrap();
        }
    }
    summary
}

/// A removed name and an added one on the same ports and protocol, when each is the only named
/// change there, are one service renamed. Takes them out of `removed` and `added`.
fn take_renames(removed: &mut Vec<&Record>, added: &mut Vec<&Record>) -> Vec<String> {
    let place = |record: &Record| (record.ports, record.protocol);
    let named_at = |records: &[&Record]| {
        let mut count: HashMap<_, usize> = HashMap::new();
        for record in records.iter().filter(|r| !r.service_name().is_empty()) {
            *count.entry(place(record)).or_default() += 1;
        }
        count
    };
    let (removed_at, added_at) = (named_at(removed), named_at(added));
    let unique = |record: &Record| {
        !record.service_name().is_empty()
            && removed_at.get(&place(record)) == Some(&1)
            && added_at.get(&place(record)) == Some(&1)
    };
    let mut renamed = Vec::new();
    removed.retain(|old| {
        if !unique(old) {
            return true;
        }
        let new = added
            .iter()
            .find(|new| place(new) == place(old) && unique(new));
        renamed.push(format!(
            "{} -> {}",
            label(old),
            new.map_or("", |new| new.service_name())
        ));
        false
    });
    added.retain(|new| !unique(new));
    renamed
}

/// Rows that repeat an earlier row in every column.
fn duplicates(records: &[Record]) -> Vec<String> {
    let mut first_line: HashMap<&Row, u64> = HashMap::new();
    let mut found = Vec::new();
    for record in records {
        let whole = &record.row;
        match first_line.get(whole) {
            Some(line) => found.push(format!(
                "duplicate row: line {} repeats line {line} ({})",
                record.line,
                label(record)
            )),
            None => {
                first_line.insert(whole, record.line);
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER_LINE: &str = "Service Name,Port Number,Transport Protocol,Description,Assignee,Contact,Registration Date,Modification Date,Reference,Service Code,Unauthorized Use Reported,Assignment Notes\r\n";

    fn records(rows: &str) -> Vec<Record> {
        ianaports_codegen::parse_registry(format!("{HEADER_LINE}{rows}").as_bytes(), "t.csv")
            .unwrap()
    }

    #[test]
    fn additions_removals_renames_and_changes_are_told_apart() {
        let old = records(
            "net-assist,3283,tcp,Net Assistant,,,,,,,,\r\n,300,tcp,Unassigned,,,,,,,,\r\n\
             postgresql,5432,tcp,PostgreSQL Database,,,,,,,,\r\ngone,9,udp,,,,,,,,,\r\n",
        );
        let new = records(
            "net-assistant,3283,tcp,Net Assistant,,,,,,,,\r\ntacacss,300,tcp,TACACS+,,,,,,,,\r\n\
             postgresql,5432,tcp,PostgreSQL,,,,,,,,\r\n",
        );
        let summary = summarise(&old, &new);
        assert_eq!(
            summary,
            "4 -> 3 records: 1 added, 2 removed, 1 renamed, 1 changed\n\
             + tacacss 300/tcp\n\
             - (unnamed) 300/tcp\n\
             - gone 9/udp\n\
             > net-assist 3283/tcp -> net-assistant\n\
             ~ postgresql 5432/tcp: Description\n"
        );
        assert!(!same_records(&old, &new));
        assert!(same_records(&new, &new.clone()));
    }

    #[test]
    fn exact_duplicate_rows_are_reported() {
        let new = records("a,1,tcp,x,,,,,,,,\r\nb,2,tcp,,,,,,,,,\r\na,1,tcp,x,,,,,,,,\r\n");
        let summary = summarise(&new, &new);
        assert!(
            summary.ends_with("! duplicate row: line 4 repeats line 2 (a 1/tcp)\n"),
            "{summary}"
        );
    }
}
