//! `ianaports --annotate` on captured tool output (cli/tests/fixtures/annotate, written by hand in
//! the formats of ss, Linux and macOS netstat, conntrack, iptables/nftables logs and Zeek) and
//! on bad input: binary bytes, a 10 MB line, ports past 65535, lines cut short. Whatever the
//! input, every byte of it comes out, in order, with only `(name)` inserted; with
//! `--service-side`, only some of the names a plain run inserts.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/annotate")
        .join(name)
}

fn annotate(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ianaports"))
        .arg("--annotate")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    output
}

/// The names inserted into `input` to make `output`; fails unless that is all that changed.
fn inserted_names(input: &[u8], output: &[u8]) -> Vec<String> {
    match ianaports_cli::annotate::inserted_names(input, output) {
        Ok(names) => names.into_iter().map(str::to_owned).collect(),
        Err(mismatch) => panic!("{mismatch}"),
    }
}

/// Each fixture, its arguments, and its expected output (checked by hand): `NAME.annotated`
/// for a plain run, `NAME.service-side` with `--service-side`.
const FIXTURES: &[(&str, &[&str], &str)] = &[
    ("ss-tan.txt", &[], "ss-tan.txt.annotated"),
    ("netstat-an.txt", &[], "netstat-an.txt.annotated"),
    ("netstat-bsd.txt", &[], "netstat-bsd.txt.annotated"),
    ("kernel-firewall.log", &[], "kernel-firewall.log.annotated"),
    ("conntrack.txt", &[], "conntrack.txt.annotated"),
    ("bad-input.txt", &[], "bad-input.txt.annotated"),
    (
        "ss-common-use.txt",
        &["--common"],
        "ss-common-use.txt.common",
    ),
    (
        "zeek-conn.log",
        &["--field", "6"],
        "zeek-conn.log.annotated",
    ),
    (
        "zeek-conn.json",
        &["--json-key", "id.resp_p"],
        "zeek-conn.json.annotated",
    ),
    ("flows.csv", &["--field", "5"], "flows.csv.annotated"),
    (
        "netstat-bsd.txt",
        &["--service-side"],
        "netstat-bsd.txt.service-side",
    ),
    (
        "kernel-firewall.log",
        &["--service-side"],
        "kernel-firewall.log.service-side",
    ),
    (
        "conntrack.txt",
        &["--service-side"],
        "conntrack.txt.service-side",
    ),
];

#[test]
fn fixtures_come_out_as_checked_by_hand() {
    for (name, args, expected) in FIXTURES {
        let input = std::fs::read(fixture(name)).unwrap();
        let output = annotate(args, &input);
        assert_eq!(output.status.code(), Some(0), "{name}: {output:?}");
        let expected_output = std::fs::read(fixture(expected)).unwrap();
        assert!(
            output.stdout == expected_output,
            "{expected}:\n{}",
            String::from_utf8_lossy(&output.stdout)
        );
        inserted_names(&input, &output.stdout);
        assert_eq!(output.stderr, b"", "{expected}");
    }
}

#[test]
fn every_fixture_has_an_expected_output_and_every_expected_output_a_test() {
    let mut files: Vec<String> = std::fs::read_dir(fixture(""))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    files.sort();
    let mut named: Vec<String> = FIXTURES
        .iter()
        .flat_map(|(name, _, expected)| [name.to_string(), expected.to_string()])
        .collect();
    named.sort();
    named.dedup();
    assert_eq!(files, named);
}

#[test]
fn service_side_names_only_the_service_of_each_connection() {
    let line = b"SRC=10.0.0.5 DST=10.0.0.6 PROTO=TCP SPT=40000 DPT=5432\n";
    let plain = annotate(&[], line);
    assert_eq!(
        String::from_utf8_lossy(&plain.stdout),
        "SRC=10.0.0.5 DST=10.0.0.6 PROTO=TCP SPT=40000(safetynetp) DPT=5432(postgresql)\n"
    );
    let service_side = annotate(&["--service-side"], line);
    assert_eq!(service_side.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&service_side.stdout),
        "SRC=10.0.0.5 DST=10.0.0.6 PROTO=TCP SPT=40000 DPT=5432(postgresql)\n"
    );
    // On every fixture of text, the option only ever leaves a plain run's names out.
    for name in [
        "ss-tan.txt",
        "netstat-an.txt",
        "netstat-bsd.txt",
        "kernel-firewall.log",
        "conntrack.txt",
        "bad-input.txt",
    ] {
        let input = std::fs::read(fixture(name)).unwrap();
        let plain = annotate(&[], &input).stdout;
        let service_side = annotate(&["--service-side"], &input).stdout;
        let checked = ianaports_cli::annotate::check_service_side(&input, &plain, &service_side);
        assert!(checked.is_ok(), "{name}: {checked:?}");
    }
}

#[test]
fn bsd_netstat_forms() {
    let netstat = annotate(&[], &std::fs::read(fixture("netstat-bsd.txt")).unwrap());
    assert!(line_of(&netstat, "10.0.0.6.53422").contains(" 10.0.0.5.5432(postgresql) "));
    assert!(line_of(&netstat, "tcp46").contains(" *.22(ssh) "));
    assert!(line_of(&netstat, "*.5353").starts_with("udp4 "));
    assert!(line_of(&netstat, "*.5353").contains(" *.5353(mdns) "));
    assert!(line_of(&netstat, "fe80::1%lo0.631").contains(" fe80::1%lo0.631(ipp) "));
    assert!(line_of(&netstat, "::1.50000 ").contains(" ::1.5432(postgresql) "));
    // The tail of the output is not netstat's socket lines: nothing there is a port.
    assert!(line_of(&netstat, "flow-divert").ends_with(" 131072 com.apple.flow-divert"));
}

fn line_of(output: &Output, containing: &str) -> String {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .find(|line| line.contains(containing))
        .unwrap_or_else(|| panic!("no line with {containing}"))
        .to_owned()
}

#[test]
fn ss_and_netstat_forms() {
    let ss = annotate(&[], &std::fs::read(fixture("ss-tan.txt")).unwrap());
    assert!(line_of(&ss, "127.0.0.1:").contains("127.0.0.1:5432(postgresql) "));
    assert!(line_of(&ss, "[::1]").contains("[::1]:5432(postgresql) "));
    assert!(line_of(&ss, "*:80").contains(" *:80(http) "));
    assert!(line_of(&ss, "%lo").contains("127.0.0.53%lo:53(domain) "));
    assert!(line_of(&ss, "%eth0").contains("[fe80::5054:ff:fe12:3456%eth0]:22(ssh) "));
    // Ephemeral ports that no one registered stay as they are.
    assert!(line_of(&ss, "41876").ends_with("10.0.0.9:41876"));
    let netstat = annotate(&[], &std::fs::read(fixture("netstat-an.txt")).unwrap());
    assert!(line_of(&netstat, ":::22").contains(":::22(ssh) "));
    assert!(line_of(&netstat, "::1:631").contains("::1:631(ipp) "));
    // The line says udp: 68/udp is bootpc, 546/udp dhcpv6-client.
    assert!(line_of(&netstat, ":68").contains("0.0.0.0:68(bootpc) "));
    assert!(line_of(&netstat, "fe4e").contains("fe80::a00:27ff:fe4e:546(dhcpv6-client) "));
    assert!(line_of(&netstat, "18231").ends_with("/run/systemd/private"));
}

#[test]
fn firewall_logs_and_conntrack() {
    let log = annotate(&[], &std::fs::read(fixture("kernel-firewall.log")).unwrap());
    let first = line_of(&log, "DPT=3389");
    assert!(first.contains("SPT=51515 DPT=3389(ms-wbt-server) "));
    assert!(first.starts_with("Nov 29 10:15:42 gw kernel:"));
    assert!(first.contains(" MAC=52:54:00:12:34:56:52:54:00:65:43:21:08:00 "));
    assert!(line_of(&log, "PROTO=UDP").contains("DPT=1900(ssdp) "));
    assert!(line_of(&log, "HOPLIMIT").contains("SRC=2001:0db8:0000:0000:0000:0000:0000:0007 "));
    let conntrack = annotate(&[], &std::fs::read(fixture("conntrack.txt")).unwrap());
    assert!(line_of(&conntrack, "udp").contains("dport=53(domain) "));
    assert!(line_of(&conntrack, "SYN_SENT").contains("dport=6379(redis) "));
}

#[test]
fn a_field_of_zeek_and_csv_and_a_key_of_json_lines() {
    let zeek = annotate(
        &["--field", "6"],
        &std::fs::read(fixture("zeek-conn.log")).unwrap(),
    );
    let dns = line_of(&zeek, "C4J4Th3PJpwUYZZ6gc");
    assert_eq!(dns.split('\t').nth(5), Some("53(domain)"));
    assert_eq!(dns.split('\t').nth(3), Some("41234"));
    assert!(line_of(&zeek, "#fields").contains("\tid.resp_p\t"));
    let json = annotate(
        &["--json-key", "id.resp_p"],
        &std::fs::read(fixture("zeek-conn.json")).unwrap(),
    );
    for line in String::from_utf8(json.stdout).unwrap().lines() {
        let record: serde_json::Value = serde_json::from_str(line).unwrap();
        let port = record["id.resp_p"].as_u64().unwrap() as u16;
        let protocol: ianaports::Protocol = record["proto"].as_str().unwrap().parse().unwrap();
        let expected = ianaports::lookup(port, protocol).and_then(|r| r.name());
        assert_eq!(record["id.resp_p_service"].as_str(), expected, "{line}");
    }
    let csv = annotate(
        &["--field", "5"],
        &std::fs::read(fixture("flows.csv")).unwrap(),
    );
    assert!(line_of(&csv, "\"6379").contains(",\"6379(redis)\","));
    assert!(line_of(&csv, "99999").ends_with(",99999,tcp,0"));
}

#[test]
fn binary_input_comes_through_byte_for_byte() {
    // Bytes from a fixed xorshift sequence, with some ports among them.
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut input = Vec::new();
    for round in 0..200_000 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        input.push(state as u8);
        if round % 997 == 0 {
            input.extend_from_slice(b" 10.0.0.5:22 ");
        }
    }
    let output = annotate(&[], &input);
    assert_eq!(output.status.code(), Some(0));
    let names = inserted_names(&input, &output.stdout);
    assert!(names.iter().filter(|name| *name == "ssh").count() >= 150);
}

#[test]
fn a_10_mb_line_is_copied_in_constant_memory_and_the_lines_after_it_annotated() {
    let mut input = b"10.0.0.5:22 ".repeat(10 * 1024 * 1024 / 12);
    input.extend_from_slice(b"\n10.0.0.5:22\n");
    let limited = |args: &[&str]| {
        let mut child = Command::new("prlimit")
            .arg("--data=4000000")
            .arg(env!("CARGO_BIN_EXE_ianaports"))
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("util-linux prlimit runs");
        let mut stdin = child.stdin.take().unwrap();
        let input = input.clone();
        let writer = std::thread::spawn(move || stdin.write_all(&input));
        let output = child.wait_with_output().unwrap();
        let _ = writer.join();
        output
    };
    // A 4 MB data limit is enforced here: answering every port at once needs more.
    assert!(!limited(&["--json", "0-65535"]).status.success());
    let output = limited(&["--annotate"]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let long_line_end = input.len() - b"10.0.0.5:22\n".len();
    assert!(output.stdout[..long_line_end] == input[..long_line_end]);
    assert_eq!(&output.stdout[long_line_end..], b"10.0.0.5:22(ssh)\n");
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "ianaports: 1 line(s) longer than 64 KiB copied without annotation\n"
    );
}

#[test]
fn a_line_is_annotated_when_it_is_complete_and_written_at_once() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ianaports"))
        .arg("--annotate")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (lines, received) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let _ = lines.send(line.unwrap());
        }
    });
    let wait = Duration::from_secs(30);
    // Half a line first: nothing can be said about 10.0.0.5:54 until the line ends.
    stdin.write_all(b"ESTAB 10.0.0.5:54").unwrap();
    stdin.flush().unwrap();
    std::thread::sleep(Duration::from_millis(200));
    stdin.write_all(b"32 x\n").unwrap();
    stdin.flush().unwrap();
    assert_eq!(
        received.recv_timeout(wait).unwrap(),
        "ESTAB 10.0.0.5:5432(postgresql) x"
    );
    // The next line is answered while the input stays open.
    stdin.write_all(b"udp 0.0.0.0:53\n").unwrap();
    stdin.flush().unwrap();
    assert_eq!(
        received.recv_timeout(wait).unwrap(),
        "udp 0.0.0.0:53(domain)"
    );
    drop(stdin);
    assert!(child.wait().unwrap().success());
}

#[test]
fn the_last_line_keeps_its_lack_of_a_line_break() {
    let output = annotate(&[], b"a\n10.0.0.5:22");
    assert_eq!(output.stdout, b"a\n10.0.0.5:22(ssh)");
    let empty = annotate(&[], b"");
    assert_eq!((empty.status.code(), empty.stdout.len()), (Some(0), 0));
}

#[test]
fn options_that_need_annotate_or_a_valid_value_are_usage_errors() {
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_ianaports"))
            .args(args)
            .stdin(Stdio::null())
            .output()
            .unwrap()
    };
    for args in [
        &["--field", "2", "22"][..],
        &["--annotate", "--field", "0"],
        &["--annotate", "--field", "x"],
        &["--annotate", "--field", "1", "--json-key", "a"],
        &["--annotate", "22"],
        &["--annotate", "--json"],
        &["--service-side"],
        &["--service-side", "22"],
    ] {
        let output = run(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
    }
    // One column holds one port: nothing to pair it with.
    for (args, option) in [
        (
            &["--annotate", "--service-side", "--field", "2"][..],
            "--field",
        ),
        (
            &["--annotate", "--json-key", "p", "--service-side"],
            "--json-key",
        ),
    ] {
        let output = run(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let message = String::from_utf8_lossy(&output.stderr);
        assert!(
            message.contains(&format!("--service-side cannot be used with {option}: ")),
            "{message}"
        );
    }
}

#[test]
fn a_directory_as_standard_input_is_an_error_not_a_panic() {
    let output = Command::new(env!("CARGO_BIN_EXE_ianaports"))
        .arg("--annotate")
        .stdin(std::fs::File::open(env!("CARGO_MANIFEST_DIR")).unwrap())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let mut message = String::new();
    output
        .stderr
        .as_slice()
        .read_to_string(&mut message)
        .unwrap();
    assert!(
        message.starts_with("ianaports: cannot read standard input: "),
        "{message}"
    );
}
