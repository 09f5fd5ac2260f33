//! A fixed workload for counting instructions under valgrind (`scripts/instructions`):
//! `instructions FUNCTION REPEAT` runs FUNCTION over the seeded batch of keys REPEAT times.
//! Counting twice, with REPEAT 0 and REPEAT N, and subtracting cancels out everything but the
//! lookups themselves.

mod common;

use std::hint::black_box;

fn main() {
    let mut args = std::env::args().skip(1);
    // `cargo bench` runs every bench target with `--bench`; there is nothing to time here.
    let function = match args.next() {
        Some(function) if function != "--bench" => function,
        _ => return,
    };
    let repeat: usize = args
        .next()
        .and_then(|n| n.parse().ok())
        .expect("usage: instructions FUNCTION REPEAT");
    let ports = common::port_keys(0x1A4A);
    let names = common::lower_case_names(0xB7);
    let mixed = common::mixed_case_names(0xB7);
    let missing = common::missing_names(0xB7);
    let mut total = 0usize;
    for _ in 0..repeat {
        let sum: usize = match function.as_str() {
            "lookup" => black_box(&ports)
                .iter()
                .map(|&(p, q)| ianaports::lookup(p, q).map_or(0, |r| r.index()))
                .sum(),
            "lookup_all" => black_box(&ports)
                .iter()
                .map(|&(p, q)| ianaports::lookup_all(p, q).len())
                .sum(),
            "status" => black_box(&ports)
                .iter()
                .map(|&(p, q)| ianaports::status(p, q) as usize)
                .sum(),
            "by_name" => black_box(&names)
                .iter()
                .map(|n| ianaports::by_name(n).len())
                .sum(),
            "by_name_mixed" => black_box(&mixed)
                .iter()
                .map(|n| ianaports::by_name(n).len())
                .sum(),
            "by_name_missing" => black_box(&missing)
                .iter()
                .map(|n| ianaports::by_name(n).len())
                .sum(),
            other => panic!("unknown function {other}"),
        };
        total += sum;
    }
    black_box(total);
}
