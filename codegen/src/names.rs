//! The name tables: each name's entry in the name text, the lists of names whose records are
//! scattered, and the keys of the phf index with the seed and rule of the fold it hashes.

use std::collections::{HashMap, HashSet};

use ianaports_tables::fold::{self, FoldRule, NameFold};
use ianaports_tables::{
    MAX_NAME_LEN, MAX_RUN, NO_NAME, NameHeader, NameTables, Pair, TEXT_PADDING,
};

use crate::error::{LineReason, Reason};
use crate::generated::{Encoded, record_id, too_many_records};
use crate::validate::Record;

/// A key of the phf name index as the generator knows it: the name's first record, and the
/// fold that the index hashes (the same fold a query computes, from `ianaports-tables`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct NameKeyLiteral {
    pub(crate) first_record: u16,
    fold: NameFold,
}

impl phf_shared::PhfHash for NameKeyLiteral {
    fn phf_hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.fold.phf_hash(state)
    }
}

impl phf_shared::FmtConst for NameKeyLiteral {
    fn fmt_const(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "::ianaports_tables::NameKey({})", self.first_record)
    }
}

/// One service name: its spelling, and its records in registry order.
struct Name<'r> {
    spelling: &'r str,
    lower: String,
    records: Vec<u16>,
}

/// The name tables of a registry, and the keys of its phf index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NameLayout {
    /// Lower-cased name -> its records.
    records_of: HashMap<String, Vec<u16>>,
    record_name: Encoded<u16>,
    pub(crate) text: String,
    unit_shift: u32,
    fold_seed: u64,
    fold_rule: FoldRule,
    pub(crate) keys: Vec<NameKeyLiteral>,
    lists: Encoded<Pair>,
    list_records: Encoded<u16>,
    /// Each name's first record, in the byte order of the lower-cased names.
    pub(crate) order: Encoded<u16>,
}

impl NameLayout {
    pub(crate) fn build(records: &[Record]) -> Result<NameLayout, LineReason> {
        let names = distinct_names(records)?;
        let entries: Vec<String> = names.iter().map(name_entry).collect();
        let (unit_shift, starts) = place_entries(&entries)?;
        let mut text = String::new();
        let mut record_name = vec![NO_NAME; records.len()];
        let mut lists = Vec::new();
        let mut list_records = Vec::new();
        for ((name, entry), &start) in names.iter().zip(&entries).zip(&starts) {
            text.extend(std::iter::repeat_n(
                '\0',
                (start << unit_shift) - text.len(),
            ));
            text.push_str(entry);
            for &record in &name.records {
                record_name[usize::from(record)] = unit(start)?;
            }
            if run_of(name).is_none() {
                let list_start = u16::try_from(list_records.len())
                    .map_err(|_| too_many_records(list_records.len()))?;
                lists.push(Pair {
                    key: name.records[0],
                    value: list_start,
                });
                list_records.extend(&name.records);
            }
        }
        text.extend(std::iter::repeat_n('\0', TEXT_PADDING));
        let fold_rule = fold_rule(&names);
        let fold_seed = fold_seed(records, &names, fold_rule)?;
        let keys = names
            .iter()
            .map(|name| NameKeyLiteral {
                first_record: name.records[0],
                fold: fold::fold(name.lower.as_bytes(), fold_seed, fold_rule),
            })
            .collect();
        let mut by_lower: Vec<&Name> = names.iter().collect();
        by_lower.sort_unstable_by(|a, b| a.lower.as_bytes().cmp(b.lower.as_bytes()));
        let order: Vec<u16> = by_lower.iter().map(|name| name.records[0]).collect();
        let records_of = names
            .into_iter()
            .map(|name| (name.lower, name.records))
            .collect();
        Ok(NameLayout {
            records_of,
            record_name: Encoded::new(&record_name),
            text,
            unit_shift,
            fold_seed,
            fold_rule,
            keys,
            lists: Encoded::new(&lists),
            list_records: Encoded::new(&list_records),
            order: Encoded::new(&order),
        })
    }

    /// The name tables, over `text` (this layout's text, held by reference as the library's
    /// is held in a `static`).
    pub(crate) fn view<'a>(&'a self, text: &'a &'a str) -> NameTables<'a> {
        NameTables {
            record_name: self.record_name.view(),
            text,
            unit_shift: self.unit_shift,
            fold_seed: self.fold_seed,
            fold_rule: self.fold_rule,
            lists: self.lists.view(),
            list_records: self.list_records.view(),
        }
    }

    /// The record a historic alias stands for: the target name's record on the same ports
    /// and protocol when there is one, else the target name's first record.
    pub(crate) fn alias_record(&self, records: &[Record], alias: &Record) -> Option<u16> {
        let target = self
            .records_of
            .get(&alias.alias_of.as_deref()?.to_ascii_lowercase())?;
        let same_place = |&&id: &&u16| {
            let record = &records[usize::from(id)];
            record.ports == alias.ports && record.protocol == alias.protocol
        };
        target.iter().find(same_place).or(target.first()).copied()
    }
}

/// The registry's names in order of first appearance, each with its records.
fn distinct_names(records: &[Record]) -> Result<Vec<Name<'_>>, LineReason> {
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut names: Vec<Name> = Vec::new();
    for (id, record) in records.iter().enumerate() {
        let spelling = record.service_name();
        if spelling.is_empty() {
            continue;
        }
        let lower = spelling.to_ascii_lowercase();
        let id = record_id(id)?;
        match index.get(&lower) {
            Some(&at) if names[at].spelling != spelling => {
                let reason = Reason::NameCaseClash {
                    name: spelling.to_owned(),
                    earlier: names[at].spelling.to_owned(),
                };
                return Err((Some(record.line), reason));
            }
            Some(&at) => names[at].records.push(id),
            None => {
                if spelling.len() > MAX_NAME_LEN {
                    let reason = Reason::NameTooLong {
                        name: spelling.to_owned(),
                    };
                    return Err((Some(record.line), reason));
                }
                index.insert(lower.clone(), names.len());
                names.push(Name {
                    spelling,
                    lower,
                    records: vec![id],
                });
            }
        }
    }
    Ok(names)
}

/// How many consecutive records the name's entry counts; `None` for a list.
fn run_of(name: &Name) -> Option<u16> {
    let consecutive = name.records.windows(2).all(|pair| pair[1] == pair[0] + 1);
    let run = name.records.len();
    u16::try_from(run)
        .ok()
        .filter(|_| consecutive && run <= MAX_RUN)
}

/// The name's entry in the name text: header, lower-cased name, and its spelling if that
/// differs.
fn name_entry(name: &Name) -> String {
    let cased = name.spelling != name.lower;
    let header = NameHeader {
        len: name.lower.len(),
        run: run_of(name),
        cased,
    };
    // `distinct_names` has refused empty and over-long names.
    let bytes = header.encode().unwrap_or_default();
    let mut entry: String = bytes.iter().map(|&byte| char::from(byte)).collect();
    entry.push_str(&name.lower);
    if cased {
        entry.push_str(name.spelling);
    }
    entry
}

/// The smallest name unit (a power of two of bytes) that lets a `u16` below [`NO_NAME`] reach
/// every entry, and each entry's start in those units.
fn place_entries(entries: &[String]) -> Result<(u32, Vec<usize>), LineReason> {
    for shift in 0..usize::BITS {
        let unit = 1usize << shift;
        let mut offset = 0usize;
        let mut starts = Vec::with_capacity(entries.len());
        for entry in entries {
            starts.push(offset >> shift);
            offset += entry.len().div_ceil(unit) * unit;
        }
        if starts
            .last()
            .is_none_or(|&last| last < usize::from(NO_NAME))
        {
            return Ok((shift, starts));
        }
    }
    let bytes = entries.iter().map(String::len).sum();
    Err((None, Reason::NamesTooLong { bytes }))
}

fn unit(start: usize) -> Result<u16, LineReason> {
    u16::try_from(start)
        .ok()
        .filter(|&unit| unit != NO_NAME)
        .ok_or((None, Reason::NamesTooLong { bytes: start }))
}

/// The cheapest fold rule under which no two names are the same: [`FoldRule::CaseBit`]
/// unless two names differ only in the case bit of bytes that are not ASCII letters.
fn fold_rule(names: &[Name]) -> FoldRule {
    let read = |byte: u8| FoldRule::CaseBit.read(u64::from(byte)).to_le_bytes()[0];
    let mut seen = HashSet::with_capacity(names.len());
    let clash = names.iter().any(|name| {
        let read: Vec<u8> = name.lower.bytes().map(read).collect();
        !seen.insert(read)
    });
    if clash {
        FoldRule::Letters
    } else {
        FoldRule::CaseBit
    }
}

/// A seed under which every registered name has a fold of its own, so the phf index can tell
/// them apart. Distinct names fold alike under one seed by chance (one pair in 2^32), so the
/// first seed tried almost always does; the search is bounded, and names the lines of the
/// names that collided if no seed does.
fn fold_seed(records: &[Record], names: &[Name], rule: FoldRule) -> Result<u64, LineReason> {
    const ATTEMPTS: u64 = 64;
    let clash_under = |seed: u64| {
        let mut seen: HashMap<NameFold, &Name> = HashMap::with_capacity(names.len());
        names.iter().find_map(|name| {
            seen.insert(fold::fold(name.lower.as_bytes(), seed, rule), name)
                .map(|other| (other, name))
        })
    };
    let mut last_clash = None;
    for seed in (0..ATTEMPTS).map(splitmix64) {
        match clash_under(seed) {
            None => return Ok(seed),
            clash => last_clash = clash,
        }
    }
    let line = |name: &Name| records[usize::from(name.records[0])].line;
    let (first, second) = last_clash.expect("every one of the attempts found a clash");
    Err((
        Some(line(second)),
        Reason::NameFoldClash {
            first: first.spelling.to_owned(),
            first_line: line(first),
            second: second.spelling.to_owned(),
            attempts: ATTEMPTS,
        },
    ))
}

fn splitmix64(index: u64) -> u64 {
    let mut z = index.wrapping_add(1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use ianaports_tables::PortOfName;
    use ianaports_tables::Protocol;

    use super::*;
    use crate::generated::Features;
    use crate::generated::testing::{generated, leaked, named, tables};

    #[test]
    fn names_are_runs_unless_scattered_and_keep_their_spelling() {
        let tables = tables(
            "ssh,22,tcp,,,,,,,,,\nssh,22,udp,,,,,,,,,\nHTTP,80,tcp,,,,,,,,,\nssh,,tcp,,,,,,,,,\nabc,81,tcp,,,,,,,,,\n",
        );
        assert_eq!(named(tables, "SSH"), [0, 1, 3]);
        assert_eq!(named(tables, "http"), [2]);
        assert_eq!(tables.names.name(2), Some("HTTP"));
        assert_eq!(tables.names.name(4), Some("abc"));
        assert_eq!(named(tables, "ab"), Vec::<u16>::new());
        assert_eq!(named(tables, "abcd"), Vec::<u16>::new());
        assert_eq!(tables.port_of_name("Http", None), PortOfName::Port(80));
        assert_eq!(
            tables.port_of_name("ssh", Some(Protocol::Udp)),
            PortOfName::Port(22)
        );
        assert_eq!(
            tables.port_of_name("abc", Some(Protocol::Udp)),
            PortOfName::NoPort
        );
    }

    #[test]
    fn names_far_apart_keep_their_own_records() {
        // 22,500 names whose tcp rows all come before their udp rows: every name is a list,
        // and the lists hold 45,000 records.
        let mut rows = String::new();
        for protocol in ["tcp", "udp"] {
            for n in 0..22_500 {
                rows.push_str(&format!("svc-{n},{},{protocol},,,,,,,,,\n", n % 60_000));
            }
        }
        let tables = tables(&rows);
        for n in [0, 1, 4_000, 21_845, 22_499] {
            let name = format!("SVC-{n}");
            assert_eq!(named(tables, &name), [n, n + 22_500], "{name}");
        }
    }

    #[test]
    fn a_long_name_text_gets_a_larger_unit() {
        let mut rows = String::new();
        for n in 0..20_000 {
            rows.push_str(&format!("service-name-{n:06},{},tcp,,,,,,,,,\n", n + 1));
        }
        let generated = generated(&rows, Features::ALL).unwrap();
        assert!(
            generated.names.unit_shift >= 3,
            "{}",
            generated.names.unit_shift
        );
        let tables = leaked(generated);
        assert_eq!(named(tables, "service-name-019999"), [19_999]);
        assert_eq!(tables.names.name(19_999), Some("service-name-019999"));
    }

    #[test]
    fn names_that_differ_only_in_case_are_refused() {
        let error =
            generated("Foo,1,tcp,,,,,,,,,\nfoo,2,tcp,,,,,,,,,\n", Features::ALL).unwrap_err();
        assert_eq!(
            error,
            (
                Some(3),
                Reason::NameCaseClash {
                    name: "foo".into(),
                    earlier: "Foo".into()
                }
            )
        );
    }

    #[test]
    fn names_that_differ_only_beyond_ascii_case_are_told_apart() {
        let rows = "café,1,tcp,,,,,,,,,\ncafÉ,2,tcp,,,,,,,,,\na[b,3,tcp,,,,,,,,,\na{b,4,tcp,,,,,,,,,\n\
                    a_b,5,tcp,,,,,,,,,\na\u{7f}b,6,tcp,,,,,,,,,\n";
        let tables = tables(rows);
        for (name, record) in [
            ("café", 0),
            ("cafÉ", 1),
            ("a[b", 2),
            ("a{b", 3),
            ("A_B", 4),
            ("a\u{7f}b", 5),
        ] {
            assert_eq!(named(tables, name), [record], "{name}");
        }
        assert_eq!(named(tables, "CAFé"), [0]);
        assert!(named(tables, "a]b").is_empty());
        assert_eq!(tables.names.fold_rule, FoldRule::Letters);
        // A registry without such names keeps the cheaper rule.
        let plain = self::tables("a_b,5,tcp,,,,,,,,,\nssh,22,tcp,,,,,,,,,\n");
        assert_eq!(plain.names.fold_rule, FoldRule::CaseBit);
        assert_eq!(named(plain, "SSH"), [1]);
    }

    #[test]
    fn names_longer_than_the_tables_hold_are_refused() {
        let long = "n".repeat(MAX_NAME_LEN + 1);
        let error = generated(
            &format!("ok,1,tcp,,,,,,,,,\n{long},2,tcp,,,,,,,,,\n"),
            Features::ALL,
        )
        .unwrap_err();
        assert_eq!(error, (Some(3), Reason::NameTooLong { name: long }));
    }
}
