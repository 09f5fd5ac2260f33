//! The `ianaports` command, run as a user would: each query form, each output format, the exit
//! codes, and a services file that glibc itself reads.

use std::path::Path;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ianaports"))
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

#[test]
fn port_and_protocol() {
    let output = run(&["5432/tcp"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stdout(&output),
        "postgresql\t5432\ttcp\tPostgreSQL Database\n"
    );
}

#[test]
fn port_alone_answers_every_protocol() {
    let output = run(&["22"]);
    assert_eq!(
        stdout(&output),
        "ssh\t22\ttcp\tThe Secure Shell (SSH) Protocol\nssh\t22\tudp\tThe Secure Shell (SSH) Protocol\nssh\t22\tsctp\tSSH\n"
    );
}

#[test]
fn names_in_any_case_with_or_without_protocol() {
    assert_eq!(
        stdout(&run(&["postgresql"])),
        "postgresql\t5432\ttcp\tPostgreSQL Database\npostgresql\t5432\tudp\tPostgreSQL Database\n"
    );
    assert_eq!(
        stdout(&run(&["PostgreSQL/udp"])),
        "postgresql\t5432\tudp\tPostgreSQL Database\n"
    );
    assert_eq!(
        stdout(&run(&["ssh"])).lines().last(),
        Some("ssh\t-\ttcp\tSSH Remote Login Protocol")
    );
}

#[test]
fn ranges_answer_port_by_port() {
    let out = stdout(&run(&["6000-6010/tcp"]));
    assert_eq!(out.lines().count(), 11);
    assert!(out.starts_with("x11\t6000\ttcp\tX Window System\n"));
    assert!(out.ends_with("x11\t6010\ttcp\tX Window System\n"));
}

#[test]
fn names_with_a_slash_are_names() {
    assert_eq!(
        stdout(&run(&["914c/g"])),
        "914c/g\t211\ttcp\tTexas Instruments 914C/G Terminal\n914c/g\t211\tudp\tTexas Instruments 914C/G Terminal\n"
    );
    assert!(stdout(&run(&["cl/1"])).starts_with("cl/1\t172\ttcp\t"));
}

#[test]
fn several_queries_in_one_call() {
    let out = stdout(&run(&["5432/tcp", "x11/udp", "4370/tcp"]));
    assert_eq!(
        out,
        "postgresql\t5432\ttcp\tPostgreSQL Database\n\
         x11\t6000-6063\tudp\tX Window System\n\
         elpro-tunnel\t4370\ttcp\tELPRO V2 Protocol Tunnel IANA assigned this well-formed service name as a replacement for \"elpro_tunnel\".\n\
         elpro_tunnel\t4370\ttcp\tELPRO V2 Protocol Tunnel\n"
    );
}

#[test]
fn status_shows_assignment_and_class() {
    let out = stdout(&run(&["--status", "4374", "5432/tcp", "60000/udp"]));
    assert_eq!(
        out,
        "psi-ptt\t4374\ttcp\tassigned\tuser\tPSI Push-to-Talk Protocol\n\
         -\t4374\tudp\treserved\tuser\t-\n\
         -\t4374\tsctp\tunassigned\tuser\t-\n\
         -\t4374\tdccp\tunassigned\tuser\t-\n\
         postgresql\t5432\ttcp\tassigned\tuser\tPostgreSQL Database\n\
         -\t60000\tudp\tunassigned\tdynamic\t-\n"
    );
}

#[test]
fn json_has_every_column() {
    let output = run(&["--json", "--status", "rfb/tcp", "4380/tcp"]);
    let rows: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let rfb = &rows[0]["record"];
    assert_eq!(rows[0]["query"], "rfb/tcp");
    assert_eq!(rfb["service_name"], "rfb");
    assert_eq!(
        rfb["port_range"],
        serde_json::json!({"start": 5900, "end": 5900})
    );
    assert_eq!(rfb["transport_protocol"], "tcp");
    assert_eq!(rfb["description"], "Remote Framebuffer");
    assert_eq!(rfb["assignee"], "[Tristan_Richardson]");
    assert_eq!(rfb["contact"], "[Tristan_Richardson]");
    assert_eq!(rfb["registration_date"], "2006-03");
    assert_eq!(rfb["modification_date"], serde_json::Value::Null);
    assert_eq!(rfb["reference"], "[RFC6143]");
    assert_eq!(rfb["service_code"], serde_json::Value::Null);
    assert_eq!(rfb["unauthorized_use_reported"], serde_json::Value::Null);
    assert_eq!(rfb["assignment_notes"], serde_json::Value::Null);
    assert_eq!(rfb["historic_alias"], false);
    assert_eq!(rfb["alias_of"], serde_json::Value::Null);
    let index = rfb["index"].as_u64().unwrap() as usize;
    assert_eq!(
        ianaports::Record::from_index(index),
        ianaports::lookup(5900, ianaports::Tcp)
    );
    assert_eq!(rows[0]["status"], "assigned");
    assert_eq!(rows[1]["record"], serde_json::Value::Null);
    assert_eq!(
        (rows[1]["port"].as_u64(), rows[1]["status"].as_str()),
        (Some(4380), Some("unassigned"))
    );
    assert_eq!(rows[1]["port_class"], "user");
    assert_eq!(output.status.code(), Some(0));
    // The same record through the library's own serialization.
    let record = ianaports::lookup(5900, ianaports::Tcp).unwrap();
    assert_eq!(rfb, &serde_json::to_value(record).unwrap());
}

#[test]
fn exit_codes() {
    assert_eq!(run(&["5432"]).status.code(), Some(0));
    assert_eq!(run(&["4380/tcp"]).status.code(), Some(1));
    assert_eq!(run(&["no-such-service"]).status.code(), Some(1));
    assert_eq!(run(&["no-such-service", "5432/tcp"]).status.code(), Some(0));
    let bad = run(&["22/xtp"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("unknown protocol \"xtp\" (expected tcp, udp, sctp or dccp)"),
        "{}",
        stderr(&bad)
    );
    assert!(stdout(&bad).is_empty());
    assert_eq!(run(&["70000"]).status.code(), Some(2));
    assert_eq!(run(&["10-5"]).status.code(), Some(2));
    assert_eq!(run(&[]).status.code(), Some(2));
    assert_eq!(run(&["--no-such-flag", "22"]).status.code(), Some(2));
    assert_eq!(run(&["--json", "--services"]).status.code(), Some(2));
}

#[test]
fn no_argument_panics() {
    let huge = "9".repeat(100_000);
    for args in [
        vec![""],
        vec!["/"],
        vec!["//tcp"],
        vec!["-"],
        vec!["0-"],
        vec!["ß/tcp"],
        vec![huge.as_str()],
        vec!["65535-0/udp"],
        vec!["0-65535/dccp"],
    ] {
        let output = run(&args);
        assert!(
            matches!(output.status.code(), Some(0..=2)),
            "{args:?}: {output:?}"
        );
        assert!(
            !stderr(&output).contains("panicked"),
            "{args:?}: {}",
            stderr(&output)
        );
    }
}

#[test]
fn version_names_the_snapshot_and_its_dates() {
    const {
        assert!(
            ianaports::REGISTRY_UPDATED_BY_IANA,
            "the bundled registry has IANA's date"
        )
    };
    let out = stdout(&run(&["--version"]));
    assert_eq!(
        out,
        format!(
            "ianaports {} (IANA registry updated {}: {} records, newest registration {}, newest modification {})\n",
            env!("CARGO_PKG_VERSION"),
            ianaports::REGISTRY_UPDATED,
            ianaports::RECORD_COUNT,
            ianaports::NEWEST_REGISTRATION_DATE,
            ianaports::NEWEST_MODIFICATION_DATE,
        )
    );
}

/// Runs the command on a pseudo-terminal (util-linux `script`), as a person at a shell would.
fn on_terminal(args: &str, no_color: bool) -> String {
    let command = format!("{} {args}", env!("CARGO_BIN_EXE_ianaports"));
    let mut script = Command::new("script");
    script
        .args(["-qec", &command, "/dev/null"])
        .env("COLUMNS", "200");
    if no_color {
        script.env("NO_COLOR", "1");
    } else {
        script.env_remove("NO_COLOR");
    }
    String::from_utf8(script.output().expect("util-linux `script` runs").stdout)
        .unwrap()
        .replace("\r\n", "\n")
}

#[test]
fn a_terminal_gets_an_aligned_table_with_colour_unless_no_color() {
    let plain = on_terminal("5432/tcp 80/tcp", true);
    assert_eq!(
        plain,
        "SERVICE     PORT  PROTOCOL  DESCRIPTION\n\
         postgresql  5432  tcp       PostgreSQL Database\n\
         http        80    tcp       World Wide Web HTTP\n\
         www         80    tcp       World Wide Web HTTP\n\
         www-http    80    tcp       World Wide Web HTTP\n"
    );
    let coloured = on_terminal("5432/tcp", false);
    assert!(
        coloured.contains("\x1b[1mpostgresql\x1b[0m"),
        "{coloured:?}"
    );
}

/// Writes the services file and asks glibc's `getent services` about it, with the file
/// bind-mounted over /etc/services in a private mount namespace (as root, or in a user
/// namespace otherwise).
#[test]
fn the_services_file_is_read_by_glibc() {
    let output = run(&["--services"]);
    assert_eq!(output.status.code(), Some(0));
    let dir = std::env::temp_dir().join(format!("ianaports-services-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("services");
    std::fs::write(&file, &output.stdout).unwrap();
    let script = format!(
        "mount --bind {} /etc/services && getent services postgresql && getent services 5432/tcp && getent services 6063/udp && getent services elpro_tunnel/udp && getent services ssh/sctp",
        file.display()
    );
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout == b"0\n");
    let mut unshare = Command::new("unshare");
    unshare.arg("--mount");
    if !root {
        unshare.arg("--map-root-user");
    }
    let answer = unshare
        .args(["sh", "-c", &script])
        .output()
        .expect("unshare runs");
    std::fs::remove_dir_all(&dir).unwrap();
    let text = stdout(&answer);
    assert!(
        answer.status.success(),
        "getent failed; a mount namespace is needed.\n{}{}",
        text,
        stderr(&answer)
    );
    let lines: Vec<Vec<&str>> = text
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(lines[0], ["postgresql", "5432/tcp"]);
    assert_eq!(lines[1], ["postgresql", "5432/tcp"]);
    assert_eq!(lines[2], ["x11", "6063/udp"]);
    assert_eq!(lines[3], ["elpro-tunnel", "4370/udp", "elpro_tunnel"]);
    assert_eq!(lines[4], ["ssh", "22/sctp"]);
}

#[test]
fn the_services_file_follows_services_5() {
    let out = stdout(&run(&["--services"]));
    let mut seen = std::collections::HashSet::new();
    let mut lines = 0;
    for line in out.lines() {
        if line.starts_with('#') {
            continue;
        }
        let content = line.split('#').next().unwrap();
        let fields: Vec<&str> = content.split_whitespace().collect();
        assert!(fields.len() >= 2, "{line}");
        let (port, protocol) = fields[1].split_once('/').unwrap();
        assert!(port.parse::<u16>().is_ok(), "{line}");
        assert!(["tcp", "udp", "sctp", "dccp"].contains(&protocol), "{line}");
        assert!(
            seen.insert((fields[0].to_ascii_lowercase(), fields[1].to_owned())),
            "duplicate {line}"
        );
        lines += 1;
    }
    // Every (current name, port, protocol) of the registry, ranges expanded.
    assert!(lines > 12_000, "{lines}");
    let only_ssh = stdout(&run(&["--services", "ssh"]));
    let ssh_lines: Vec<&str> = only_ssh.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(
        ssh_lines,
        [
            "ssh\t22/tcp\t# The Secure Shell (SSH) Protocol",
            "ssh\t22/udp\t# The Secure Shell (SSH) Protocol",
            "ssh\t22/sctp\t# SSH"
        ]
    );
    assert!(Path::new("/etc/services").exists());
}

#[test]
fn an_argument_that_is_not_utf8_is_a_usage_error() {
    use std::os::unix::ffi::OsStrExt;
    let output = Command::new(env!("CARGO_BIN_EXE_ianaports"))
        .arg(std::ffi::OsStr::from_bytes(b"port\xff"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(!stderr(&output).contains("panicked"));
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_ianaports"))
        .arg("--services")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with("# IANA"));
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stderr(&output), "");
}
