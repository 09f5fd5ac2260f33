//! `ianaports --annotate` throughput on 16 MiB of `ss -tan`-like text, beside `grep -F :`
//! (a streaming filter that copies every line, as annotate does) and `cat` (the pipe's own
//! ceiling) on the same file, each a fresh process writing into a pipe this benchmark drains;
//! and the scanner alone, in this process, into a sink.
//!
//! `cargo bench -p ianaports-cli --bench annotate` (add `-- --quick` for CI's short run).

#[path = "../../benches/common/mod.rs"]
mod common;

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::Rng;
use criterion::{Criterion, Throughput};
use ianaports_cli::annotate::{Names, Target, annotate};

const INPUT_BYTES: usize = 16 * 1024 * 1024;
const TARGET_MB_PER_S: f64 = 100.0;

/// `ss -tan` lines: listening sockets and connections between private addresses, one end
/// on a registered port (a fifth of them on IPv6), the other on an ephemeral one.
fn ss_like_text() -> Vec<u8> {
    let registered: Vec<u16> = common::assigned_pairs()
        .into_iter()
        .filter(|&(_, protocol)| protocol == ianaports::Tcp)
        .map(|(port, _)| port)
        .collect();
    let mut rng = Rng::new(0x55_7A4E);
    let states = ["ESTAB", "LISTEN", "TIME-WAIT", "SYN-SENT", "CLOSE-WAIT"];
    let mut text =
        b"State      Recv-Q Send-Q       Local Address:Port         Peer Address:Port  Process\n"
            .to_vec();
    while text.len() < INPUT_BYTES {
        let state = states[rng.below(states.len())];
        let service = registered[rng.below(registered.len())];
        let ephemeral = 32768 + rng.below(28232);
        let (local, peer) = if rng.below(5) == 0 {
            (
                format!(
                    "[::ffff:10.0.{}.{}]:{service}",
                    rng.below(256),
                    rng.below(256)
                ),
                format!("[2001:db8::{:x}]:{ephemeral}", rng.below(65536)),
            )
        } else {
            (
                format!("10.0.{}.{}:{service}", rng.below(256), rng.below(256)),
                format!("192.168.{}.{}:{ephemeral}", rng.below(256), rng.below(256)),
            )
        };
        let line = format!(
            "{state:<10} {:<6} {:<6} {local:>25} {peer:>25}\n",
            rng.below(3),
            rng.below(200)
        );
        text.extend_from_slice(line.as_bytes());
    }
    text
}

/// Runs `program` with the file as its standard input and drains its output.
fn filter(program: &str, args: &[&str], input: &Path) {
    let mut child = Command::new(program)
        .args(args)
        .stdin(std::fs::File::open(input).expect("the input file opens"))
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|error| panic!("{program} runs: {error}"));
    let mut stdout = child.stdout.take().expect("stdout is piped");
    io::copy(&mut stdout, &mut io::sink()).expect("the output drains");
    assert!(
        child.wait().expect("it exits").success(),
        "{program} failed"
    );
}

const ENTRIES: [&str; 4] = [
    "ianaports-scanner-in-process",
    "ianaports-annotate",
    "grep",
    "cat",
];

fn report(bytes: usize) {
    let mb_per_s =
        |id: &str| Some(bytes as f64 / common::criterion_mean_ns("annotate", id)? * 1000.0);
    let Some(grep) = mb_per_s("grep") else {
        panic!("criterion's estimates for annotate/grep are not where the report looks for them")
    };
    let mut table = String::from(
        "| annotate 16 MiB of `ss -tan`-like text | MB/s | × grep |\n|---|---:|---:|\n",
    );
    let label = |id: &str| match id {
        "ianaports-scanner-in-process" => "ianaports scanner alone, in process".to_owned(),
        "ianaports-annotate" => "`ianaports --annotate`".to_owned(),
        "grep" => "`grep -F :`".to_owned(),
        other => format!("`{other}`"),
    };
    for id in ENTRIES {
        if let Some(speed) = mb_per_s(id) {
            table.push_str(&format!(
                "| {} | {speed:.0} | {:.2} |\n",
                label(id),
                speed / grep
            ));
        }
    }
    if let Some(speed) = mb_per_s("ianaports-annotate") {
        let met = if speed >= TARGET_MB_PER_S {
            "yes"
        } else {
            "**no**"
        };
        table.push_str(&format!(
            "\n| target (this run) | MB/s | met |\n|---|---:|---|\n| `ianaports --annotate` at least {TARGET_MB_PER_S:.0} MB/s | {speed:.0} | {met} |\n"
        ));
    }
    println!("\n{table}");
    if let Some(out) = std::env::var_os("IANAPORTS_ANNOTATE_REPORT") {
        std::fs::write(PathBuf::from(out), table).expect("the report is writable");
    }
}

fn main() {
    let text = ss_like_text();
    let dir = std::env::temp_dir().join(format!("ianaports-annotate-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let input = dir.join("ss-tan.txt");
    std::fs::File::create(&input)
        .and_then(|mut file| file.write_all(&text))
        .expect("the input is writable");
    let binary = env!("CARGO_BIN_EXE_ianaports");

    let mut criterion = Criterion::default().sample_size(10).configure_from_args();
    let mut group = criterion.benchmark_group("annotate");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function(ENTRIES[0], |b| {
        b.iter(|| {
            annotate(
                &mut &text[..],
                &mut io::sink(),
                &Target::Text,
                Names::Registered,
            )
            .expect("a sink")
        })
    });
    group.bench_function(ENTRIES[1], |b| {
        b.iter(|| filter(binary, &["--annotate"], &input))
    });
    group.bench_function(ENTRIES[2], |b| {
        b.iter(|| filter("grep", &["-F", ":"], &input))
    });
    group.bench_function(ENTRIES[3], |b| b.iter(|| filter("cat", &[], &input)));
    group.finish();
    criterion.final_summary();
    std::fs::remove_dir_all(&dir).expect("the temporary directory is removable");
    report(text.len());
}
