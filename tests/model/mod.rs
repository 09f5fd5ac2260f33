//! An independent, deliberately plain reading of a registry (the bundled `registry.csv`, or one
//! a test generated), for checking the generated tables against. It shares no code with
//! `ianaports-codegen` or `ianaports-tables`.

#![allow(dead_code)]

use ianaports::{Protocol, Status};

pub struct Row {
    pub index: usize,
    pub fields: Vec<String>,
    pub first: Option<u16>,
    pub last: Option<u16>,
    pub protocol: Option<Protocol>,
}

impl Row {
    pub fn name(&self) -> &str {
        &self.fields[0]
    }

    pub fn description(&self) -> &str {
        &self.fields[3]
    }

    pub fn notes(&self) -> &str {
        &self.fields[11]
    }

    pub fn is_alias(&self) -> bool {
        self.notes().contains("This entry is an alias to \"")
    }

    pub fn covers(&self, port: u16, protocol: Protocol) -> bool {
        match (self.first, self.last) {
            (Some(first), Some(last)) => {
                first <= port && port <= last && self.protocol.is_none_or(|p| p == protocol)
            }
            _ => false,
        }
    }
}

pub fn registry_path() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("registry.csv")
}

/// The rows of the bundled registry.
pub fn rows() -> Vec<Row> {
    rows_from(&std::fs::read(registry_path()).expect("registry.csv opens"))
}

/// The rows of the registry in `csv`.
pub fn rows_from(csv: &[u8]) -> Vec<Row> {
    let mut reader = csv::Reader::from_reader(csv);
    reader
        .records()
        .enumerate()
        .map(|(index, record)| {
            let fields: Vec<String> = record
                .expect("the registry parses")
                .iter()
                .map(String::from)
                .collect();
            let (first, last) = match fields[1].split_once('-') {
                _ if fields[1].is_empty() => (None, None),
                Some((a, b)) => (Some(a.parse().unwrap()), Some(b.parse().unwrap())),
                None => (
                    Some(fields[1].parse().unwrap()),
                    Some(fields[1].parse().unwrap()),
                ),
            };
            let protocol = (!fields[2].is_empty()).then(|| fields[2].parse().unwrap());
            Row {
                index,
                fields,
                first,
                last,
                protocol,
            }
        })
        .collect()
}

/// For each port, the rows whose port or range contains it, whatever their protocol.
pub fn rows_by_port(rows: &[Row]) -> Vec<Vec<usize>> {
    let mut by_port = vec![Vec::new(); 1 << 16];
    for row in rows {
        if let (Some(first), Some(last)) = (row.first, row.last) {
            for port in first..=last {
                by_port[usize::from(port)].push(row.index);
            }
        }
    }
    by_port
}

/// The named rows covering (port, protocol), in the order the issue specifies.
pub fn expected_lookup_all(
    rows: &[Row],
    candidates: &[usize],
    port: u16,
    protocol: Protocol,
) -> Vec<usize> {
    let mut named: Vec<&Row> = candidates
        .iter()
        .map(|&i| &rows[i])
        .filter(|row| !row.name().is_empty() && row.covers(port, protocol))
        .collect();
    named.sort_by_key(|row| {
        (
            row.first != row.last,
            row.protocol.is_none(),
            row.is_alias(),
            row.index,
        )
    });
    named.iter().map(|row| row.index).collect()
}

pub fn expected_status(
    rows: &[Row],
    candidates: &[usize],
    port: u16,
    protocol: Protocol,
) -> Status {
    let covering = candidates
        .iter()
        .map(|&i| &rows[i])
        .filter(|row| row.covers(port, protocol));
    let mut status = Status::Unassigned;
    for row in covering {
        if !row.name().is_empty() {
            return Status::Assigned;
        }
        let description = row.description().to_lowercase();
        if description.contains("reserved") || description.starts_with("any private") {
            status = Status::Reserved;
        }
    }
    status
}

/// The record a historic alias stands for: the target name's row on the same ports and
/// protocol, else its first row; `None` for other rows and for targets not in the registry.
pub fn expected_alias_target(rows: &[Row], row: &Row) -> Option<usize> {
    if !row.is_alias() {
        return None;
    }
    let target = row.notes().split('"').nth(1)?;
    let named = |r: &&Row| r.name().eq_ignore_ascii_case(target);
    rows.iter()
        .filter(named)
        .find(|r| (r.first, r.last, r.protocol) == (row.first, row.last, row.protocol))
        .or_else(|| rows.iter().find(named))
        .map(|r| r.index)
}

/// For each name, lower-cased, its rows in registry order.
pub fn rows_by_name(rows: &[Row]) -> std::collections::HashMap<String, Vec<usize>> {
    let mut by_name: std::collections::HashMap<String, Vec<usize>> = Default::default();
    for row in rows.iter().filter(|row| !row.name().is_empty()) {
        by_name
            .entry(row.name().to_ascii_lowercase())
            .or_default()
            .push(row.index);
    }
    by_name
}

/// The casings a name query is tried in: as registered, upper case, and alternating upper and
/// lower case from the first letter.
pub fn casings(name: &str) -> [String; 3] {
    let alternating = name
        .chars()
        .enumerate()
        .map(|(i, c)| {
            if i % 2 == 0 {
                c.to_ascii_uppercase()
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect();
    [name.to_owned(), name.to_ascii_uppercase(), alternating]
}
