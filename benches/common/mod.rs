//! Key mixes shared by the benchmarks: drawn with a seeded generator, so every run (and the
//! instruction-count gate) measures the same keys.

#![allow(dead_code)]

use ianaports::Protocol;

/// Keys per measured batch; results are reported per key.
pub const BATCH: usize = 1024;

/// SplitMix64: tiny, seedable, and good enough to pick benchmark keys.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, bound: usize) -> usize {
        (self.next_u64() % bound as u64) as usize
    }
}

/// Every (port, protocol) that has a named record.
pub fn assigned_pairs() -> Vec<(u16, Protocol)> {
    let mut pairs = Vec::new();
    for port in 0..=u16::MAX {
        for protocol in Protocol::ALL {
            if ianaports::lookup(port, protocol).is_some() {
                pairs.push((port, protocol));
            }
        }
    }
    pairs
}

/// 80% registry hits, 20% pairs no named record covers.
pub fn port_keys(seed: u64) -> Vec<(u16, Protocol)> {
    let hits = assigned_pairs();
    let mut rng = Rng::new(seed);
    (0..BATCH)
        .map(|_| {
            if rng.below(10) < 8 {
                hits[rng.below(hits.len())]
            } else {
                loop {
                    let pair = (rng.below(1 << 16) as u16, Protocol::ALL[rng.below(4)]);
                    if ianaports::lookup(pair.0, pair.1).is_none() {
                        break pair;
                    }
                }
            }
        })
        .collect()
}

pub fn registry_names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = ianaports::records().filter_map(|r| r.name()).collect();
    names.sort_unstable();
    names.dedup();
    names
}

/// Names as they are registered (mostly lower case), 80% hits and 20% misses.
pub fn lower_case_names(seed: u64) -> Vec<String> {
    let names = registry_names();
    let mut rng = Rng::new(seed);
    (0..BATCH)
        .map(|_| {
            if rng.below(10) < 8 {
                names[rng.below(names.len())].to_owned()
            } else {
                missing_name(&mut rng, &names)
            }
        })
        .collect()
}

/// The same mix with every letter's case flipped at random.
pub fn mixed_case_names(seed: u64) -> Vec<String> {
    let mut rng = Rng::new(seed ^ 0x5EED);
    lower_case_names(seed)
        .into_iter()
        .map(|name| {
            name.chars()
                .map(|c| {
                    if rng.below(2) == 0 {
                        c.to_ascii_uppercase()
                    } else {
                        c.to_ascii_lowercase()
                    }
                })
                .collect()
        })
        .collect()
}

/// Names that are not registered: half random strings, half one-character typos of real names.
pub fn missing_names(seed: u64) -> Vec<String> {
    let names = registry_names();
    let mut rng = Rng::new(seed);
    (0..BATCH).map(|_| missing_name(&mut rng, &names)).collect()
}

fn missing_name(rng: &mut Rng, names: &[&str]) -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789-";
    loop {
        let candidate: String = if rng.below(2) == 0 {
            let len = 3 + rng.below(12);
            (0..len)
                .map(|_| char::from(ALPHABET[rng.below(ALPHABET.len())]))
                .collect()
        } else {
            let mut bytes = names[rng.below(names.len())].as_bytes().to_vec();
            let at = rng.below(bytes.len());
            bytes[at] = ALPHABET[rng.below(ALPHABET.len())];
            String::from_utf8_lossy(&bytes).into_owned()
        };
        if ianaports::by_name(&candidate).is_empty() {
            return candidate;
        }
    }
}

/// Criterion's mean time per iteration of one benchmark, in ns, from its own estimates.
pub fn criterion_mean_ns(group: &str, id: &str) -> Option<f64> {
    // Criterion writes under `CRITERION_HOME`, else under `$CARGO_TARGET_DIR/criterion` taken
    // relative to the benchmark's own directory (its package's, not the workspace's), else
    // under the target directory this executable is in (target/release/deps/NAME). Several
    // of these can exist, each with other groups: the one that holds this group is the one.
    let estimates = std::path::Path::new(group)
        .join(id)
        .join("new/estimates.json");
    let mut homes: Vec<std::path::PathBuf> = Vec::new();
    homes.extend(std::env::var_os("CRITERION_HOME").map(std::path::PathBuf::from));
    homes.extend(
        std::env::var_os("CARGO_TARGET_DIR")
            .map(|dir| std::path::PathBuf::from(dir).join("criterion")),
    );
    if let Ok(exe) = std::env::current_exe() {
        homes.extend(exe.ancestors().map(|dir| dir.join("criterion")));
    }
    let text = homes
        .iter()
        .find_map(|home| std::fs::read_to_string(home.join(&estimates)).ok())?;
    let estimates: serde_json::Value = serde_json::from_str(&text).ok()?;
    estimates["mean"]["point_estimate"].as_f64()
}
