//! What changed between two snapshots of a registry, record by record: added, removed,
//! renamed and changed (with the columns that changed), and rows repeated whole.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use crate::registry::Registry;

/// Whether two registries hold the same records in the same order, wherever their lines fall.
pub(crate) fn same_records<R: Registry>(old: &[R::Record], new: &[R::Record]) -> bool {
    old.len() == new.len() && old.iter().zip(new).all(|(a, b)| R::row(a) == R::row(b))
}

/// What changed from `old` to `new`, one line per record, and the exact duplicate rows `new`
/// holds.
pub(crate) fn summarise<R: Registry>(old: &[R::Record], new: &[R::Record]) -> String {
    let (old_index, new_index) = (index::<R>(old), index::<R>(new));
    let mut added: Vec<&R::Record> = Vec::new();
    let mut removed: Vec<&R::Record> = Vec::new();
    let mut changed = Vec::new();
    let header = R::KIND.header();
    for (key, new_records) in &new_index {
        let Some(old_records) = old_index.get(key) else {
            added.extend(new_records);
            continue;
        };
        let mut which: Vec<&str> = Vec::new();
        for (a, b) in old_records.iter().zip(new_records) {
            let (a, b) = (R::row(a), R::row(b));
            let (a, b): (&[String], &[String]) = ((*a).as_ref(), (*b).as_ref());
            let cells = a.iter().zip(b);
            for (column, (a, b)) in header.iter().zip(cells) {
                if a != b && !which.contains(column) {
                    which.push(column);
                }
            }
        }
        if old_records.len() != new_records.len() {
            which.push("number of rows");
        }
        if !which.is_empty() {
            changed.push(format!(
                "{}: {}",
                R::label(new_records[0]),
                which.join(", ")
            ));
        }
    }
    for (key, old_records) in &old_index {
        if !new_index.contains_key(key) {
            removed.extend(old_records);
        }
    }
    let renamed = take_renames::<R>(&mut removed, &mut added);
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
        ("+", added.iter().map(|r| R::label(r)).collect::<Vec<_>>()),
        ("-", removed.iter().map(|r| R::label(r)).collect()),
        (">", renamed),
        ("~", changed),
        ("!", duplicates::<R>(new)),
    ];
    for (sign, labels) in lines {
        for label in labels {
            writeln!(summary, "{sign} {label}").unwrap();
        }
    }
    summary
}

/// `records` by their key.
fn index<R: Registry>(records: &[R::Record]) -> BTreeMap<R::Key, Vec<&R::Record>> {
    let mut map: BTreeMap<R::Key, Vec<&R::Record>> = BTreeMap::new();
    for record in records {
        map.entry(R::key(record)).or_default().push(record);
    }
    map
}

/// A removed name and an added one in the same place, when each is the only named change
/// there, are one record renamed. Takes them out of `removed` and `added`.
fn take_renames<R: Registry>(
    removed: &mut Vec<&R::Record>,
    added: &mut Vec<&R::Record>,
) -> Vec<String> {
    let named_at = |records: &[&R::Record]| {
        let mut count: HashMap<R::Place, usize> = HashMap::new();
        for record in records.iter().filter(|r| !R::name(r).is_empty()) {
            *count.entry(R::place(record)).or_default() += 1;
        }
        count
    };
    let (removed_at, added_at) = (named_at(removed), named_at(added));
    let unique = |record: &R::Record| {
        !R::name(record).is_empty()
            && removed_at.get(&R::place(record)) == Some(&1)
            && added_at.get(&R::place(record)) == Some(&1)
    };
    let mut renamed = Vec::new();
    removed.retain(|old| {
        if !unique(old) {
            return true;
        }
        let new = added
            .iter()
            .find(|new| R::place(new) == R::place(old) && unique(new));
        renamed.push(format!(
            "{} -> {}",
            R::label(old),
            new.map_or("", |new| R::name(new))
        ));
        false
    });
    added.retain(|new| !unique(new));
    renamed
}

/// Rows that repeat an earlier row in every column.
fn duplicates<R: Registry>(records: &[R::Record]) -> Vec<String> {
    let mut first_line = HashMap::new();
    let mut found = Vec::new();
    for record in records {
        match first_line.get(&R::row(record)) {
            Some(line) => found.push(format!(
                "duplicate row: line {} repeats line {line} ({})",
                R::line(record),
                R::label(record)
            )),
            None => {
                first_line.insert(R::row(record), R::line(record));
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use ianaports_codegen::Record;

    use super::*;
    use crate::registry::{Ports, ProtocolNumbers};

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
        let summary = summarise::<Ports>(&old, &new);
        assert_eq!(
            summary,
            "4 -> 3 records: 1 added, 2 removed, 1 renamed, 1 changed\n\
             + tacacss 300/tcp\n\
             - (unnamed) 300/tcp\n\
             - gone 9/udp\n\
             > net-assist 3283/tcp -> net-assistant\n\
             ~ postgresql 5432/tcp: Description\n"
        );
        assert!(!same_records::<Ports>(&old, &new));
        assert!(same_records::<Ports>(&new, &new.clone()));
    }

    #[test]
    fn exact_duplicate_rows_are_reported() {
        let new = records("a,1,tcp,x,,,,,,,,\r\nb,2,tcp,,,,,,,,,\r\na,1,tcp,x,,,,,,,,\r\n");
        let summary = summarise::<Ports>(&new, &new);
        assert!(
            summary.ends_with("! duplicate row: line 4 repeats line 2 (a 1/tcp)\n"),
            "{summary}"
        );
    }

    #[test]
    fn protocol_numbers_are_told_apart_by_their_values() {
        let records = |rows: &str| {
            let csv = format!("Decimal,Keyword,Protocol,IPv6 Extension Header,Reference\r\n{rows}");
            ianaports_codegen::parse_ip_protocols(csv.as_bytes(), "p.csv").unwrap()
        };
        let old = records(
            "0,HOPOPT,IPv6 Hop-by-Hop Option,Y,[RFC8200]\r\n1,SM (deprecated),Simple Multicast,,[draft-a]\r\n\
             2-254,,Unassigned,,[IANA]\r\n255,Reserved,,,[IANA]\r\n",
        );
        let new = records(
            "0,HOPOPT,IPv6 Hop-by-Hop Option,Y,[RFC8200]\r\n1,SM (deprecated),Simple Multicast,,[draft-a-03]\r\n\
             2,BIT-EMU,Bit-stream Emulation,Y,[RFC9801]\r\n3-254,,Unassigned,,[IANA]\r\n255,Reserved,,,[IANA]\r\n",
        );
        assert_eq!(
            summarise::<ProtocolNumbers>(&old, &new),
            "4 -> 5 records: 2 added, 1 removed, 0 renamed, 1 changed\n\
             + 2 BIT-EMU\n\
             + 3-254 (no keyword)\n\
             - 2-254 (no keyword)\n\
             ~ 1 SM (deprecated): Reference\n"
        );
        assert!(!same_records::<ProtocolNumbers>(&old, &new));
        assert!(same_records::<ProtocolNumbers>(&new, &new.clone()));
    }
}
