//! Cold start: from process start to the first answered lookup, for ianaports, for parsing the
//! registry CSV into hash maps at start-up (what the `port-desc` crate does), and for
//! `getservbyname(3)` reading `/etc/services`. Each sample starts a fresh process (this same
//! executable, told what to do by `IANAPORTS_COLD_START`), so page faults, relocation and
//! parsing are all in the measurement; an empty process is the baseline to subtract.
//!
//! `cargo bench --bench cold_start` (add `-- --quick` for CI's short run).

mod common;

use std::ffi::CString;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use criterion::Criterion;

const MODE: &str = "IANAPORTS_COLD_START";
const APPROACHES: [&str; 4] = [
    "empty-process",
    "ianaports",
    "port-desc",
    "libc-getservbyname",
];

/// Runs one approach's single lookup in this process and prints the answer.
fn answer_once(approach: &str) {
    let answer = match approach {
        "empty-process" => String::new(),
        "ianaports" => ianaports::lookup(5432, ianaports::Tcp)
            .and_then(|r| r.name())
            .unwrap_or("")
            .to_owned(),
        "port-desc" => {
            let table = port_desc::PortDescription::default().expect("port-desc parses its CSV");
            table
                .get_port_service_name(5432, port_desc::TransportProtocol::Tcp)
                .to_owned()
        }
        "libc-getservbyname" => {
            let (name, protocol) = (
                CString::new("postgresql").unwrap(),
                CString::new("tcp").unwrap(),
            );
            // SAFETY: both strings are NUL-terminated; the entry is read before any other call.
            let entry = unsafe { libc::getservbyname(name.as_ptr(), protocol.as_ptr()) };
            // SAFETY: a non-null entry points at a valid `servent`.
            let port = if entry.is_null() {
                0
            } else {
                u16::from_be(unsafe { (*entry).s_port } as u16)
            };
            port.to_string()
        }
        other => panic!("unknown approach {other}"),
    };
    println!("{answer}");
}

fn start(approach: &str) {
    let status = Command::new(std::env::current_exe().expect("the bench knows its path"))
        .env(MODE, approach)
        .stdout(Stdio::null())
        .status()
        .expect("the bench can start itself");
    assert!(status.success(), "{approach} failed");
}

fn report() {
    let micros = |approach: &str| Some(common::criterion_mean_ns("cold_start", approach)? / 1000.0);
    let Some(empty) = micros("empty-process") else {
        return;
    };
    let mut table = String::from(
        "| cold start: first lookup of 5432/tcp | µs per process | µs above an empty process |\n|---|---:|---:|\n",
    );
    for approach in APPROACHES {
        if let Some(us) = micros(approach) {
            table.push_str(&format!("| {approach} | {us:.0} | {:.0} |\n", us - empty));
        }
    }
    println!("\n{table}");
    let out = std::env::var_os("IANAPORTS_COLD_START_REPORT").map_or_else(
        || PathBuf::from("target/bench-cold-start.md"),
        PathBuf::from,
    );
    std::fs::write(out, table).expect("the report is writable");
}

fn main() {
    if let Ok(approach) = std::env::var(MODE) {
        answer_once(&approach);
        return;
    }
    let mut criterion = Criterion::default().configure_from_args();
    let mut group = criterion.benchmark_group("cold_start");
    group.sample_size(20);
    for approach in APPROACHES {
        if approach == "libc-getservbyname" && !cfg!(target_os = "linux") {
            continue;
        }
        group.bench_function(approach, |b| b.iter(|| start(approach)));
    }
    group.finish();
    criterion.final_summary();
    report();
}
