//! Lookups by (port, protocol) and by name, side by side with what users would use instead,
//! on the same seeded key mix. After criterion has measured, prints a table of ns per lookup,
//! the ratio to the fastest entry and the data size, then a table of the ratios it targets.
//!
//! `cargo bench --bench lookups` (add `-- --quick` for CI's short run).

mod common;

use std::collections::HashMap;
use std::ffi::CString;
use std::hint::black_box;
use std::path::PathBuf;

use common::BATCH;
use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion, Throughput};
use ianaports::Protocol;
use rustc_hash::FxHashMap;

/// (port, protocol) packed for the baselines: `port * 4 + protocol index`.
fn packed(port: u16, protocol: Protocol) -> u32 {
    u32::from(port) * 4 + protocol as u32
}

struct PortBaselines {
    floor: Box<[u32]>,
    hash_map: HashMap<(u16, Protocol), u32>,
    sorted: Vec<(u32, u32)>,
    phf: PhfBaseline,
}

/// phf's default map, as `phf::Map::get` reads it.
struct PhfBaseline {
    key: u64,
    disps: Vec<(u32, u32)>,
    entries: Vec<((u16, u8), u32)>,
}

impl PhfBaseline {
    fn get(&self, key: &(u16, u8)) -> Option<&u32> {
        let hashes = phf_shared::hash(key, &self.key);
        let index = phf_shared::get_index(&hashes, &self.disps, self.entries.len());
        let (stored, value) = &self.entries[index as usize];
        (stored == key).then_some(value)
    }
}

impl PortBaselines {
    /// Primary record index + 1 for every assigned pair, from ianaports itself, so every
    /// baseline answers exactly the same question.
    fn build() -> PortBaselines {
        let pairs = common::assigned_pairs();
        let value = |(port, protocol): (u16, Protocol)| {
            ianaports::lookup(port, protocol).map_or(0, |r| r.index() as u32 + 1)
        };
        let mut floor = vec![0u32; 65536 * 4].into_boxed_slice();
        for &pair in &pairs {
            floor[packed(pair.0, pair.1) as usize] = value(pair);
        }
        let hash_map = pairs.iter().map(|&pair| (pair, value(pair))).collect();
        let mut sorted: Vec<(u32, u32)> = pairs
            .iter()
            .map(|&pair| (packed(pair.0, pair.1), value(pair)))
            .collect();
        sorted.sort_unstable();
        let keys: Vec<(u16, u8)> = pairs
            .iter()
            .map(|&(port, protocol)| (port, protocol as u8))
            .collect();
        // What a `phf::Map` that phf_codegen writes does on lookup, through phf's public
        // functions: only generated code can make a `phf::Map`.
        let state = phf_generator::generate_hash(&keys);
        let entries: Vec<((u16, u8), u32)> = state
            .map
            .iter()
            .map(|&i| (keys[i], value(pairs[i])))
            .collect();
        let phf = PhfBaseline {
            key: state.key,
            disps: state.disps,
            entries,
        };
        PortBaselines {
            floor,
            hash_map,
            sorted,
            phf,
        }
    }
}

struct NameBaselines {
    hash_map: HashMap<String, Vec<u32>>,
    fx_map: FxHashMap<String, Vec<u32>>,
    sorted: Vec<(String, Vec<u32>)>,
}

/// `name` lower-cased into `buffer`: how a careful user looks up a case-insensitive key
/// without allocating. `None` for a name longer than the buffer (no registered name is).
fn lowered<'b>(name: &str, buffer: &'b mut [u8; 128]) -> Option<&'b str> {
    let bytes = buffer.get_mut(..name.len())?;
    bytes.copy_from_slice(name.as_bytes());
    bytes.make_ascii_lowercase();
    // SAFETY: ASCII lower-casing of a `str`'s bytes leaves them valid UTF-8; the baseline
    // should not pay for a check the user knows is redundant.
    Some(unsafe { std::str::from_utf8_unchecked(bytes) })
}

impl NameBaselines {
    fn build() -> NameBaselines {
        let mut hash_map: HashMap<String, Vec<u32>> = HashMap::new();
        for record in ianaports::records() {
            if let Some(name) = record.name() {
                hash_map
                    .entry(name.to_ascii_lowercase())
                    .or_default()
                    .push(record.index() as u32);
            }
        }
        let mut sorted: Vec<(String, Vec<u32>)> = hash_map.clone().into_iter().collect();
        sorted.sort_unstable();
        let fx_map = hash_map.clone().into_iter().collect();
        NameBaselines {
            hash_map,
            fx_map,
            sorted,
        }
    }
}

fn getservbyport(port: u16, protocol: &CString) -> usize {
    // SAFETY: `protocol` is NUL-terminated; the result is only tested for null.
    let entry = unsafe { libc::getservbyport(i32::from(port.to_be()), protocol.as_ptr()) };
    usize::from(!entry.is_null())
}

fn getservbyname(name: &CString) -> usize {
    // SAFETY: `name` is NUL-terminated; the result is only tested for null.
    let entry = unsafe { libc::getservbyname(name.as_ptr(), std::ptr::null()) };
    usize::from(!entry.is_null())
}

fn port_benches(c: &mut Criterion) {
    let keys = common::port_keys(0x1A4A);
    let baselines = PortBaselines::build();
    let protocol_names: Vec<CString> = Protocol::ALL
        .iter()
        .map(|p| CString::new(p.as_str()).unwrap())
        .collect();
    let mut group = c.benchmark_group("lookup");
    group.throughput(Throughput::Elements(BATCH as u64));
    group.bench_function("ianaports", |b| {
        b.iter(|| {
            black_box(&keys)
                .iter()
                .map(|&(port, protocol)| ianaports::lookup(port, protocol).map_or(0, |r| r.index()))
                .sum::<usize>()
        })
    });
    group.bench_function("floor-array", |b| {
        b.iter(|| {
            black_box(&keys)
                .iter()
                .map(|&(port, protocol)| baselines.floor[packed(port, protocol) as usize] as usize)
                .sum::<usize>()
        })
    });
    group.bench_function("std-hashmap", |b| {
        b.iter(|| {
            black_box(&keys)
                .iter()
                .map(|key| baselines.hash_map.get(key).map_or(0, |&v| v as usize))
                .sum::<usize>()
        })
    });
    group.bench_function("sorted-array", |b| {
        b.iter(|| {
            black_box(&keys)
                .iter()
                .map(|&(port, protocol)| {
                    let key = packed(port, protocol);
                    baselines
                        .sorted
                        .binary_search_by_key(&key, |&(k, _)| k)
                        .map_or(0, |i| baselines.sorted[i].1 as usize)
                })
                .sum::<usize>()
        })
    });
    group.bench_function("phf-map", |b| {
        b.iter(|| {
            black_box(&keys)
                .iter()
                .map(|&(port, protocol)| {
                    baselines
                        .phf
                        .get(&(port, protocol as u8))
                        .map_or(0, |&v| v as usize)
                })
                .sum::<usize>()
        })
    });
    if cfg!(target_os = "linux") {
        group.bench_function("libc-getservbyport", |b| {
            b.iter(|| {
                black_box(&keys)
                    .iter()
                    .map(|&(port, protocol)| {
                        getservbyport(port, &protocol_names[protocol as usize])
                    })
                    .sum::<usize>()
            })
        });
    }
    group.finish();

    let mut group = c.benchmark_group("lookup_all");
    group.throughput(Throughput::Elements(BATCH as u64));
    group.bench_function("ianaports", |b| {
        b.iter(|| {
            black_box(&keys)
                .iter()
                .map(|&(port, protocol)| {
                    ianaports::lookup_all(port, protocol)
                        .map(|r| r.index())
                        .sum::<usize>()
                })
                .sum::<usize>()
        })
    });
    group.finish();

    let mut group = c.benchmark_group("status");
    group.throughput(Throughput::Elements(BATCH as u64));
    group.bench_function("ianaports", |b| {
        b.iter(|| {
            black_box(&keys)
                .iter()
                .map(|&(port, protocol)| ianaports::status(port, protocol) as usize)
                .sum::<usize>()
        })
    });
    group.finish();
}

/// A baseline that lower-cases each name into a stack buffer (no allocation), then asks `find`.
fn bench_lowered(
    group: &mut BenchmarkGroup<'_, WallTime>,
    id: &str,
    names: &[String],
    find: impl Fn(&str) -> usize,
) {
    group.bench_function(id, |b| {
        let mut buffer = [0u8; 128];
        b.iter(|| {
            black_box(names)
                .iter()
                .map(|name| lowered(name, &mut buffer).map_or(0, &find))
                .sum::<usize>()
        })
    });
}

fn name_benches(c: &mut Criterion) {
    let baselines = NameBaselines::build();
    let mixes = [
        ("by_name-lower", common::lower_case_names(0xB7)),
        ("by_name-mixed", common::mixed_case_names(0xB7)),
        ("by_name-missing", common::missing_names(0xB7)),
    ];
    for (group_name, names) in &mixes {
        let c_names: Vec<CString> = names
            .iter()
            .map(|n| CString::new(n.as_str()).unwrap())
            .collect();
        let mut group = c.benchmark_group(*group_name);
        group.throughput(Throughput::Elements(BATCH as u64));
        group.bench_function("ianaports", |b| {
            b.iter(|| {
                black_box(names)
                    .iter()
                    .map(|name| ianaports::by_name(name).next().map_or(0, |r| r.index()))
                    .sum::<usize>()
            })
        });
        bench_lowered(&mut group, "std-hashmap", names, |key| {
            baselines.hash_map.get(key).map_or(0, |ids| ids[0] as usize)
        });
        bench_lowered(&mut group, "fx-hashmap", names, |key| {
            baselines.fx_map.get(key).map_or(0, |ids| ids[0] as usize)
        });
        bench_lowered(&mut group, "sorted-array", names, |key| {
            let found = baselines
                .sorted
                .binary_search_by(|(probe, _)| probe.as_str().cmp(key));
            found.map_or(0, |i| baselines.sorted[i].1[0] as usize)
        });
        if cfg!(target_os = "linux") {
            group.bench_function("libc-getservbyname", |b| {
                b.iter(|| black_box(&c_names).iter().map(getservbyname).sum::<usize>())
            });
        }
        group.finish();
    }
}

/// Mean ns per key of one benchmark.
fn ns_per_key(group: &str, id: &str) -> Option<f64> {
    Some(common::criterion_mean_ns(group, id)? / BATCH as f64)
}

fn data_sizes() -> Vec<(&'static str, String)> {
    let ports = PortBaselines::build();
    let names = NameBaselines::build();
    let map_bytes = |len: usize, capacity: usize, entry: usize| {
        format!("{} (heap, {len} entries)", capacity * (entry + 1))
    };
    let name_heap: usize = names
        .hash_map
        .iter()
        .map(|(k, v)| k.capacity() + v.capacity() * 4)
        .sum();
    let services = std::fs::metadata("/etc/services").map_or(0, |m| m.len());
    let crate_bytes = std::env::var("IANAPORTS_BYTES_ADDED").unwrap_or_else(|_| "see Size".into());
    vec![
        (
            "ianaports",
            format!("{crate_bytes} (whole crate, in the binary)"),
        ),
        (
            "floor-array",
            format!("{} (u32 per port and protocol)", ports.floor.len() * 4),
        ),
        (
            "std-hashmap",
            map_bytes(
                ports.hash_map.len(),
                ports.hash_map.capacity(),
                std::mem::size_of::<((u16, Protocol), u32)>(),
            ),
        ),
        (
            "sorted-array",
            format!("{} (heap)", ports.sorted.capacity() * 8),
        ),
        (
            "phf-map",
            format!(
                "{} (entries and displacements)",
                ports.phf.entries.len() * 8 + ports.phf.disps.len() * 8
            ),
        ),
        (
            "libc-getservbyport",
            format!("{services} (/etc/services, a small subset of the registry)"),
        ),
        (
            "std-hashmap (names)",
            format!(
                "{} (heap, plus the strings: {name_heap})",
                names.hash_map.capacity() * (std::mem::size_of::<(String, Vec<u32>)>() + 1)
            ),
        ),
        (
            "fx-hashmap (names)",
            format!(
                "{} (heap, plus the strings: {name_heap})",
                names.fx_map.capacity() * (std::mem::size_of::<(String, Vec<u32>)>() + 1)
            ),
        ),
        (
            "sorted-array (names)",
            format!(
                "{} (heap, plus the strings)",
                names.sorted.capacity() * std::mem::size_of::<(String, Vec<u32>)>()
            ),
        ),
        ("libc-getservbyname", format!("{services} (/etc/services)")),
    ]
}

fn report() {
    let groups: [(&str, &[&str]); 6] = [
        (
            "lookup",
            &[
                "ianaports",
                "floor-array",
                "std-hashmap",
                "sorted-array",
                "phf-map",
                "libc-getservbyport",
            ],
        ),
        ("lookup_all", &["ianaports"]),
        ("status", &["ianaports"]),
        (
            "by_name-lower",
            &[
                "ianaports",
                "std-hashmap",
                "fx-hashmap",
                "sorted-array",
                "libc-getservbyname",
            ],
        ),
        (
            "by_name-mixed",
            &[
                "ianaports",
                "std-hashmap",
                "fx-hashmap",
                "sorted-array",
                "libc-getservbyname",
            ],
        ),
        (
            "by_name-missing",
            &[
                "ianaports",
                "std-hashmap",
                "fx-hashmap",
                "sorted-array",
                "libc-getservbyname",
            ],
        ),
    ];
    let sizes = data_sizes();
    let size_of = |group: &str, id: &str| {
        let key = if group.starts_with("by_name") && id != "ianaports" && !id.starts_with("libc") {
            format!("{id} (names)")
        } else {
            id.to_owned()
        };
        sizes
            .iter()
            .find(|(name, _)| *name == key)
            .map_or_else(String::new, |(_, size)| size.clone())
    };
    let mut table = String::from(
        "| query | implementation | ns per lookup | × fastest | data size (bytes) |\n|---|---|---:|---:|---|\n",
    );
    for (group, ids) in groups {
        let measured: Vec<(&str, f64)> = ids
            .iter()
            .filter_map(|&id| Some((id, ns_per_key(group, id)?)))
            .collect();
        let fastest = measured
            .iter()
            .map(|&(_, ns)| ns)
            .fold(f64::INFINITY, f64::min);
        for (id, ns) in &measured {
            table.push_str(&format!(
                "| `{group}` | {id} | {ns:.1} | {:.1} | {} |\n",
                ns / fastest,
                size_of(group, id)
            ));
        }
    }
    let ratio =
        |a: (&str, &str), b: (&str, &str)| Some(ns_per_key(a.0, a.1)? / ns_per_key(b.0, b.1)?);
    let checks = [
        (
            "port lookup within 1.5× of the floor array",
            ratio(("lookup", "ianaports"), ("lookup", "floor-array")),
            1.5,
            true,
        ),
        (
            "std HashMap at least 5× slower than port lookup",
            ratio(("lookup", "std-hashmap"), ("lookup", "ianaports")),
            5.0,
            false,
        ),
        (
            "by_name at least 1.5× faster than std HashMap (query lower-cased on the stack)",
            ratio(
                ("by_name-lower", "std-hashmap"),
                ("by_name-lower", "ianaports"),
            ),
            1.5,
            false,
        ),
        (
            "by_name at least 1.2× faster than FxHashMap (query lower-cased on the stack)",
            ratio(
                ("by_name-lower", "fx-hashmap"),
                ("by_name-lower", "ianaports"),
            ),
            1.2,
            false,
        ),
        (
            "by_name misses no slower than hits",
            ratio(
                ("by_name-missing", "ianaports"),
                ("by_name-lower", "ianaports"),
            ),
            1.0,
            true,
        ),
        (
            "getservbyport at least 1000× slower than lookup",
            ratio(("lookup", "libc-getservbyport"), ("lookup", "ianaports")),
            1000.0,
            false,
        ),
        (
            "getservbyname at least 1000× slower than by_name",
            ratio(
                ("by_name-lower", "libc-getservbyname"),
                ("by_name-lower", "ianaports"),
            ),
            1000.0,
            false,
        ),
    ];
    let mut targets =
        String::from("| target (ratio in this run) | ratio | met |\n|---|---:|---|\n");
    for (what, ratio, bound, at_most) in checks {
        let Some(ratio) = ratio else { continue };
        let met = if at_most {
            ratio <= bound
        } else {
            ratio >= bound
        };
        targets.push_str(&format!(
            "| {what} | {ratio:.2} | {} |\n",
            if met { "yes" } else { "**no**" }
        ));
    }
    println!("\n{table}\n{targets}");
    // Two reports: the speeds against the alternatives (the README's table) and the targets
    // (CONTRIBUTING.md's), each put in its document by `scripts/bench --update-readme`.
    for (var, default, text) in [
        ("IANAPORTS_BENCH_REPORT", "target/bench-lookups.md", table),
        (
            "IANAPORTS_BENCH_TARGETS_REPORT",
            "target/bench-targets.md",
            targets,
        ),
    ] {
        let out = std::env::var_os(var).map_or_else(|| PathBuf::from(default), PathBuf::from);
        std::fs::write(out, text).expect("the report is writable");
    }
}

fn main() {
    let mut criterion = Criterion::default().configure_from_args();
    port_benches(&mut criterion);
    name_benches(&mut criterion);
    criterion.final_summary();
    report();
}
