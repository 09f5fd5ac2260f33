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

/// Asks glibc's `getent DATABASE` about each of `keys`, with `file` bind-mounted over
/// /etc/DATABASE in a private mount namespace (as root, or in a user namespace otherwise);
/// returns the words of each answer's line.
fn getent_with(database: &str, file: &[u8], keys: &[&str]) -> Vec<Vec<String>> {
    let dir = std::env::temp_dir().join(format!("ianaports-{database}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(database);
    std::fs::write(&path, file).unwrap();
    let mut script = format!("mount --bind {} /etc/{database}", path.display());
    for key in keys {
        script.push_str(&format!(" && getent {database} {key}"));
    }
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
    text.lines()
        .map(|l| l.split_whitespace().map(str::to_owned).collect())
        .collect()
}

/// Writes the services file and asks glibc's `getent services` about it.
#[test]
fn the_services_file_is_read_by_glibc() {
    let output = run(&["--services"]);
    assert_eq!(output.status.code(), Some(0));
    let keys = [
        "postgresql",
        "5432/tcp",
        "6063/udp",
        "elpro_tunnel/udp",
        "ssh/sctp",
    ];
    let lines = getent_with("services", &output.stdout, &keys);
    assert_eq!(lines[0], ["postgresql", "5432/tcp"]);
    assert_eq!(lines[1], ["postgresql", "5432/tcp"]);
    assert_eq!(lines[2], ["x11", "6063/udp"]);
    assert_eq!(lines[3], ["elpro-tunnel", "4370/udp", "elpro_tunnel"]);
    assert_eq!(lines[4], ["ssh", "22/sctp"]);
}

/// Writes the protocols file and asks glibc's `getent protocols` about it, by name, by
/// number and by a name with a dash.
#[test]
fn the_protocols_file_is_read_by_glibc() {
    let output = run(&["--protocols"]);
    assert_eq!(output.status.code(), Some(0));
    let keys = ["tcp", "47", "ipv6-route", "IPv6-Route", "mobility-header"];
    let lines = getent_with("protocols", &output.stdout, &keys);
    assert_eq!(lines[0], ["tcp", "6", "TCP"]);
    assert_eq!(lines[1], ["gre", "47", "GRE"]);
    assert_eq!(lines[2], ["ipv6-route", "43", "IPv6-Route"]);
    assert_eq!(lines[3], ["ipv6-route", "43", "IPv6-Route"]);
    assert_eq!(lines[4], ["mobility-header", "135", "Mobility-Header"]);
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
fn ip_protocols_by_number_keyword_and_range() {
    let output = run(&["--ip-protocol", "6", "gre", "253-254"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stdout(&output),
        "6\tTCP\tTransmission Control\n\
         47\tGRE\tGeneric Routing Encapsulation\n\
         253\t-\tUse for experimentation and testing\n\
         254\t-\tUse for experimentation and testing\n"
    );
    assert_eq!(stderr(&output), "");
    // Keywords in any case, deprecated ones with or without IANA's marker.
    assert_eq!(
        stdout(&run(&[
            "--ip-protocol",
            "GRE",
            "ipv6-ROUTE",
            "argus (deprecated)"
        ])),
        "47\tGRE\tGeneric Routing Encapsulation\n\
         43\tIPv6-Route\tRouting Header for IPv6\n\
         13\tARGUS\tARGUS\n"
    );
    // 255 has no Protocol cell: its status stands there.
    assert_eq!(
        stdout(&run(&["--ip-protocol", "255"])),
        "255\t-\treserved\n"
    );
    let json = run(&["--json", "--ip-protocol", "6", "gre", "253-254"]);
    assert_eq!(json.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let expected: Vec<serde_json::Value> = [6, 47, 253, 254]
        .map(|number| serde_json::to_value(ianaports::ip_protocol(number)).unwrap())
        .into();
    assert_eq!(json, serde_json::Value::Array(expected));
    assert_eq!(
        json[0],
        serde_json::json!({"number": 6, "keyword": "TCP", "deprecated": false,
            "protocol": "Transmission Control", "ipv6_extension_header": null,
            "references": "[RFC9293]", "status": "assigned"})
    );
    assert_eq!(json[2]["keyword"], serde_json::Value::Null);
    assert_eq!(json[2]["status"], "experimental");
    assert_eq!(
        on_terminal("--ip-protocol 6 253", true),
        "NUMBER  KEYWORD  PROTOCOL\n\
         6       TCP      Transmission Control\n\
         253     -        Use for experimentation and testing\n"
    );
}

#[test]
fn an_ip_protocol_range_answers_value_by_value() {
    let out = stdout(&run(&["--ip-protocol", "140-160"]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 21);
    for (line, number) in lines.iter().zip(140..=160u8) {
        let protocol = ianaports::ip_protocol(number);
        let expected = format!(
            "{number}\t{}\t{}",
            protocol.keyword().unwrap_or("-"),
            protocol.name().unwrap_or("-")
        );
        assert_eq!(*line, expected);
    }
    assert_eq!(lines[10], "150\t-\tUnassigned");
    assert_eq!(lines[20], "160\t-\tUnassigned");
    assert_eq!(
        stdout(&run(&["--ip-protocol", "0-255"])).lines().count(),
        256
    );
    assert_eq!(stdout(&run(&["--ip-protocol", "7-7"])).lines().count(), 1);
}

#[test]
fn a_bad_ip_protocol_value_is_a_usage_error() {
    let cases = [
        (
            "256",
            "256: not an IP protocol number (0-255), a range like 140-160, or a keyword",
        ),
        (
            "250-300",
            "250-300: not an IP protocol number (0-255), a range like 140-160, or a keyword",
        ),
        (
            "no-such",
            "no-such: no IP protocol number has this keyword (like tcp, gre or ipv6-route)",
        ),
        ("160-140", "160-140: the range ends before it starts"),
        (
            "",
            "an empty value matches nothing; give an IP protocol number or keyword",
        ),
    ];
    for (value, message) in cases {
        let output = run(&["--ip-protocol", "6", value]);
        assert_eq!(output.status.code(), Some(2), "{value}");
        assert_eq!(stdout(&output), "", "{value}");
        assert_eq!(
            stderr(&output),
            format!("ianaports: {message}\ntry `ianaports --help` for the forms a query takes\n")
        );
    }
    for args in [
        &["--ip-protocol"][..],
        &["--ip-protocol", "--status", "6"],
        &["--ip-protocol", "--search", "6"],
        &["--protocols", "6"],
        &["--protocols", "--json"],
        &["--protocols", "--services"],
    ] {
        let output = run(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert_eq!(stdout(&output), "", "{args:?}");
    }
}

#[test]
fn the_protocols_file_follows_protocols_5() {
    let out = stdout(&run(&["--protocols"]));
    let mut lines = out.lines();
    let snapshot = match ianaports::IP_PROTOCOLS_UPDATED {
        "" => "snapshot without IANA's date".to_owned(),
        date => format!("snapshot {date}"),
    };
    assert_eq!(
        lines.next().unwrap(),
        format!("# IANA Assigned Internet Protocol Numbers, {snapshot}.")
    );
    let mut names = std::collections::HashSet::new();
    let mut numbers = Vec::new();
    for line in lines.filter(|line| !line.starts_with('#')) {
        let (words, comment) = line.split_once("\t# ").unwrap();
        let words: Vec<&str> = words.split('\t').collect();
        let [name, number, alias] = words[..] else {
            panic!("{line}");
        };
        let protocol = ianaports::ip_protocol(number.parse().unwrap());
        let keyword = protocol.keyword().unwrap();
        assert_eq!(alias, keyword.replace(' ', "-"), "{line}");
        assert_eq!(name, alias.to_ascii_lowercase(), "{line}");
        assert!(!alias.contains(char::is_whitespace), "{line}");
        // The Protocol column on one line (the keyword where it is empty), and a mark.
        let words: Vec<&str> = protocol
            .name()
            .unwrap_or(keyword)
            .split_whitespace()
            .collect();
        let expected = words.join(" ");
        let mark = if protocol.is_deprecated() {
            " (deprecated)"
        } else {
            ""
        };
        assert_eq!(comment, format!("{expected}{mark}"), "{line}");
        assert!(names.insert(name), "duplicate {line}");
        numbers.push(protocol.number());
    }
    // Every assigned value with a keyword, once, in order.
    let expected: Vec<u8> = (0..=u8::MAX)
        .map(ianaports::ip_protocol)
        .filter(|p| p.keyword().is_some() && p.status() == ianaports::IpProtocolStatus::Assigned)
        .map(|p| p.number())
        .collect();
    assert_eq!(numbers, expected);
    assert!(
        numbers.len() > 130 && !numbers.contains(&253),
        "{numbers:?}"
    );
    assert!(out.contains("\ntcp\t6\tTCP\t# Transmission Control\n"));
    assert!(out.contains("\ngre\t47\tGRE\t# Generic Routing Encapsulation\n"));
    assert!(out.contains("\nisis-over-ipv4\t124\tISIS-over-IPv4\t# ISIS over IPv4\n"));
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

#[test]
fn search_finds_by_words_best_first() {
    let output = run(&["--search", "postgres"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(
        stdout(&output).starts_with(
            "postgresql\t5432\ttcp\tPostgreSQL Database\npostgresql\t5432\tudp\tPostgreSQL Database\n"
        ),
        "{}",
        stdout(&output)
    );
    let kerberos = stdout(&run(&["--search", "KERBEROS"]));
    let names: Vec<&str> = kerberos
        .lines()
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    assert_eq!(&names[..2], ["kerberos", "kerberos"]);
    for name in [
        "kerberos-adm",
        "kerberos-iv",
        "kftp",
        "ktelnet",
        "afs3-kaserver",
    ] {
        assert!(names.contains(&name), "{name} missing from {names:?}");
    }
    // Every line has the word, in its name or its description.
    assert!(
        kerberos
            .lines()
            .all(|l| l.to_ascii_lowercase().contains("kerberos"))
    );
    // Several words: all of them, anywhere.
    let both = stdout(&run(&["--search", "secure", "shell"]));
    assert!(both.contains("ssh\t22\ttcp\tThe Secure Shell (SSH) Protocol\n"));
    let none = run(&["--search", "kerberos", "zzzz-no-such-word"]);
    assert_eq!((none.status.code(), stdout(&none).as_str()), (Some(1), ""));
    let json: serde_json::Value =
        serde_json::from_slice(&run(&["--json", "--search", "postgres"]).stdout).unwrap();
    assert_eq!(json[0]["record"]["service_name"], "postgresql");
    assert_eq!(json[0]["query"], "postgres");
}

#[test]
fn a_name_that_matches_nothing_suggests_the_nearest() {
    let output = run(&["postgrse"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output), "");
    assert_eq!(
        stderr(&output),
        "ianaports: no service named \"postgrse\"; did you mean postgresql?\n"
    );
    let several = stderr(&run(&["shh"]));
    assert!(
        several.contains("did you mean ") && several.contains("ssh"),
        "{several}"
    );
    // Nothing near: piped, nothing is said; the exit status says it.
    let far = run(&["qqqqqqqqqqqqqqqqqqqq"]);
    assert_eq!((far.status.code(), stderr(&far).as_str()), (Some(1), ""));
    // A name found alongside keeps its rows, and the miss is still explained.
    let mixed = run(&["postgrse", "ssh/tcp"]);
    assert_eq!(mixed.status.code(), Some(0));
    assert!(stdout(&mixed).starts_with("ssh\t22\ttcp\t"));
    assert!(stderr(&mixed).contains("did you mean postgresql?"));
}

#[test]
fn ports_without_a_named_record_answer_with_their_status() {
    let zero = run(&["0"]);
    assert_eq!(zero.status.code(), Some(1));
    assert_eq!(
        stdout(&zero),
        "-\t0\ttcp\treserved (system port)\n\
         -\t0\tudp\treserved (system port)\n\
         -\t0\tsctp\tunassigned (system port)\n\
         -\t0\tdccp\tunassigned (system port)\n"
    );
    assert_eq!(
        stdout(&run(&["4374/udp"])),
        "-\t4374\tudp\treserved (user port)\n"
    );
    assert_eq!(
        stdout(&run(&["4380-4381/tcp"])),
        "-\t4380\ttcp\tunassigned (user port)\n-\t4381\ttcp\tunassigned (user port)\n"
    );
    // A query that found a service lists only the services.
    assert_eq!(
        stdout(&run(&["4373-4374/udp"])),
        "remctl\t4373\tudp\tRemote Authenticated Command Service\n"
    );
    let json: serde_json::Value =
        serde_json::from_slice(&run(&["--json", "0/udp"]).stdout).unwrap();
    assert_eq!(
        json,
        serde_json::json!([{"query": "0/udp", "port": 0, "protocol": "udp",
            "status": "reserved", "port_class": "system", "record": null}])
    );
}

#[test]
fn on_a_terminal_a_query_that_found_nothing_says_so() {
    let missing = on_terminal_with_stderr("qqqqqqqqqqqqqqqqqqqq");
    assert_eq!(
        missing,
        "ianaports: no service named \"qqqqqqqqqqqqqqqqqqqq\"\n"
    );
    let wrong_protocol = on_terminal_with_stderr("ssh/dccp");
    assert_eq!(
        wrong_protocol,
        "ianaports: ssh is not registered over dccp\n"
    );
    let search = on_terminal_with_stderr("--search zzzz-no-such-word");
    assert_eq!(
        search,
        "ianaports: no service's name or description contains \"zzzz-no-such-word\"\n"
    );
    // The table shows the status of a port no service has.
    let status = on_terminal("4380/tcp", true);
    assert_eq!(
        status,
        "SERVICE  PORT  PROTOCOL  DESCRIPTION\n-        4380  tcp       unassigned (user port)\n"
    );
}

/// What the command writes to a terminal, standard error included (`script` merges them).
fn on_terminal_with_stderr(args: &str) -> String {
    on_terminal(args, true)
}

#[test]
fn free_lists_unassigned_ports_in_order() {
    let output = run(&["--free", "8000-9000/tcp", "--count", "5"]);
    assert_eq!(output.status.code(), Some(0));
    let ports: Vec<u16> = stdout(&output)
        .lines()
        .map(|line| {
            let cells: Vec<&str> = line.split('\t').collect();
            assert_eq!(&cells[1..], ["tcp", "user"], "{line}");
            cells[0].parse().unwrap()
        })
        .collect();
    assert_eq!(ports.len(), 5);
    assert!(ports.windows(2).all(|pair| pair[0] < pair[1]));
    for port in &ports {
        assert_eq!(
            ianaports::status(*port, ianaports::Tcp),
            ianaports::Status::Unassigned
        );
    }
    // Every port of the range before the first free one is taken.
    for port in 8000..ports[0] {
        assert_ne!(
            ianaports::status(port, ianaports::Tcp),
            ianaports::Status::Unassigned
        );
    }
    // 8000/tcp is irdmi, 8008/tcp http-alt: not free.
    let all = stdout(&run(&["--free", "8000-9000"]));
    assert!(
        !all.lines()
            .any(|l| l.starts_with("8000\t") || l.starts_with("8008\t"))
    );
    assert!(all.lines().count() > 5);
    // udp differs from tcp.
    assert_ne!(stdout(&run(&["--free", "8000-9000/udp"])), all);
    let json: serde_json::Value =
        serde_json::from_slice(&run(&["--free", "60000-60001/udp", "--json"]).stdout).unwrap();
    assert_eq!(
        json,
        serde_json::json!([{"port": 60000, "protocol": "udp", "port_class": "dynamic"},
                           {"port": 60001, "protocol": "udp", "port_class": "dynamic"}])
    );
}

#[test]
fn free_says_so_when_the_range_has_none() {
    let output = run(&["--free", "2-3/udp"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output), "");
    assert_eq!(
        stderr(&output),
        "ianaports: no port in 2-3 is free over udp\n"
    );
    for bad in ["postgresql", "9000-8000", "1-70000", "1-2/xtp", ""] {
        let output = run(&["--free", bad]);
        assert_eq!(output.status.code(), Some(2), "{bad}");
        assert!(!stderr(&output).contains("panicked"));
    }
    assert_eq!(
        run(&["--free", "1-2", "--count", "0"]).status.code(),
        Some(2)
    );
    assert_eq!(run(&["--free", "1-2", "22"]).status.code(), Some(2));
    assert_eq!(run(&["--count", "2", "22"]).status.code(), Some(2));
}

#[test]
fn completions_and_man_page_come_from_the_command_line_definition() {
    let bash = stdout(&run(&["--completions", "bash"]));
    // Bash loads it, and completes the options.
    for (typed, expected) in [
        ("--fr", "--free"),
        ("--ip", "--ip-protocol"),
        ("--pro", "--protocols"),
    ] {
        let point = "ianaports ".len() + typed.len();
        let script = format!(
            "{bash}\nCOMP_WORDS=(ianaports {typed}); COMP_CWORD=1; COMP_LINE='ianaports {typed}'; COMP_POINT={point}; _ianaports ianaports {typed} ianaports; echo \"${{COMPREPLY[@]}}\""
        );
        let completed = Command::new("bash").args(["-c", &script]).output().unwrap();
        assert_eq!(
            stdout(&completed).trim(),
            expected,
            "{}",
            stderr(&completed)
        );
    }
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        let output = run(&["--completions", shell]);
        assert_eq!(output.status.code(), Some(0), "{shell}");
        for option in ["annotate", "ip-protocol", "protocols"] {
            // fish spells an option `-l NAME`.
            let spelled = match shell {
                "fish" => format!("-l {option} "),
                _ => format!("--{option}"),
            };
            assert!(stdout(&output).contains(&spelled), "{shell}: {option}");
        }
    }
    assert_eq!(run(&["--completions", "tcsh"]).status.code(), Some(2));
    let man = run(&["--man"]);
    assert_eq!(man.status.code(), Some(0));
    let roff = stdout(&man);
    assert!(roff.contains(".TH ianaports 1"));
    let options = [
        "search",
        "free",
        "annotate",
        "json\\-key",
        "ip\\-protocol",
        "protocols",
        "completions",
    ];
    for option in options {
        assert!(roff.contains(&format!("\\-\\-{option}")), "{option}");
    }
    // groff reads it without a warning.
    let mut groff = Command::new("groff")
        .args(["-man", "-Tutf8", "-ww", "-z"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("groff runs");
    use std::io::Write;
    groff
        .stdin
        .take()
        .unwrap()
        .write_all(roff.as_bytes())
        .unwrap();
    let checked = groff.wait_with_output().unwrap();
    assert!(checked.status.success());
    assert_eq!(stderr(&checked), "");
}

/// The `console` examples of the READMEs (the crate's and the command's), run: each
/// `$ ianaports ARGS [< FILE]` line's output (its standard output, then its standard error) is
/// the lines under it, or begins with them when the example ends in `...`. FILE is relative to
/// the repository's root.
#[test]
fn the_readme_examples_show_what_the_command_prints() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let readmes = ["README.md", "cli/README.md"]
        .map(|readme| std::fs::read_to_string(root.join(readme)).unwrap());
    let mut examples = 0;
    for block in readmes
        .iter()
        .flat_map(|readme| readme.split("```console\n").skip(1))
    {
        let block = &block[..block.find("```").unwrap()];
        for example in block.split("$ ").filter(|e| !e.is_empty()) {
            let (command, shown) = example.split_once('\n').unwrap();
            let command = command.split("    #").next().unwrap().trim();
            let (command, input) = match command.split_once(" < ") {
                Some((command, file)) => (command, Some(root.join(file))),
                None => (command, None),
            };
            let args: Vec<&str> = command
                .strip_prefix("ianaports ")
                .unwrap()
                .split(' ')
                .collect();
            let stdin = match &input {
                Some(file) => std::process::Stdio::from(std::fs::File::open(file).unwrap()),
                None => std::process::Stdio::null(),
            };
            let output = Command::new(env!("CARGO_BIN_EXE_ianaports"))
                .args(&args)
                .stdin(stdin)
                .output()
                .unwrap();
            let printed = stdout(&output) + &stderr(&output);
            match shown.strip_suffix("...\n") {
                Some(start) => assert!(printed.starts_with(start), "{command}:\n{printed}"),
                None => assert_eq!(printed, shown, "{command}"),
            }
            examples += 1;
        }
    }
    assert!(examples >= 5, "{examples} examples");
}

/// Runs `ianaports ARGS` from `sh` with the redirections `redirect` (standard error as it is
/// asked), and returns the exit status and standard error.
fn run_redirected(args: &str, redirect: &str) -> (Option<i32>, String) {
    let script = format!("\"$0\" {args} {redirect}");
    let output = Command::new("sh")
        .args(["-c", &script, env!("CARGO_BIN_EXE_ianaports")])
        .output()
        .unwrap();
    (output.status.code(), stderr(&output))
}

#[test]
fn output_that_cannot_be_written_is_exit_status_2_in_every_mode() {
    let modes = [
        "5432/tcp",
        "postgresql",
        "--search postgres",
        "--free 8000-8100/tcp",
        "--services",
        "--ip-protocol 6 gre",
        "--protocols",
        "--status 22",
        "--version",
        "--help",
        "--completions bash",
        "--man",
    ];
    for mode in modes {
        for redirect in [">&-", ">/dev/full"] {
            let (status, stderr) = run_redirected(mode, redirect);
            assert_eq!(status, Some(2), "`ianaports {mode} {redirect}`: {stderr}");
            assert!(
                stderr.starts_with("ianaports: "),
                "`{mode} {redirect}`: {stderr}"
            );
        }
        let (status, _) = run_redirected(mode, ">/dev/null");
        assert_eq!(status, Some(0), "`ianaports {mode} >/dev/null`");
    }
    let (status, _) = run_redirected("--annotate", "</dev/null >&-");
    assert_eq!(status, Some(2), "--annotate with standard output closed");
}

#[test]
fn a_standard_error_that_has_gone_is_no_panic() {
    // The messages are lost; the status is still the one the query earned.
    let cases = [("postgrse", 1), ("--free 0/tcp", 1), ("5432/xyz", 2)];
    for (mode, expected) in cases {
        for redirect in ["2>&-", "2>/dev/full"] {
            let (status, _) = run_redirected(mode, &format!(">/dev/null {redirect}"));
            assert_eq!(status, Some(expected), "`ianaports {mode} {redirect}`");
        }
        // A pipe whose reader has already gone: writing to it fails with EPIPE.
        let mut child = Command::new(env!("CARGO_BIN_EXE_ianaports"))
            .args(mode.split(' '))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stderr.take());
        let status = child.wait().unwrap();
        assert_eq!(
            status.code(),
            Some(expected),
            "`ianaports {mode}` with stderr gone"
        );
    }
}

#[test]
fn common_use_comes_after_iana_and_is_marked_in_every_format() {
    let output = run(&["9200/tcp", "--common"]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "iana\twap-wsp\t9200\ttcp\tWAP connectionless session service"
    );
    assert!(lines.len() >= 2, "{text}");
    assert!(
        lines[1..]
            .iter()
            .all(|line| line.starts_with("common-use\t")),
        "{text}"
    );
    assert!(
        lines[1..]
            .iter()
            .any(|line| line.starts_with("common-use\telasticsearch\t9200\ttcp\tElasticsearch: ")),
        "{text}"
    );

    let tailscale = stdout(&run(&["41641/udp", "--common"]));
    assert!(
        tailscale.starts_with("iana\t-\t41641\tudp\tunassigned (user port)\ncommon-use\ttailscale\t41641\tudp\tTailscale: "),
        "{tailscale}"
    );

    let json: serde_json::Value =
        serde_json::from_slice(&run(&["--json", "--common", "9200/tcp"]).stdout).unwrap();
    let rows = json.as_array().unwrap();
    assert_eq!(rows[0]["registry"], "iana");
    assert_eq!(rows[0]["record"]["service_name"], "wap-wsp");
    for row in &rows[1..] {
        assert_eq!(row["registry"], "common-use");
        assert_eq!(row["record"], serde_json::Value::Null);
        assert_eq!(row["common_use"]["registry"], "common-use");
        assert!(
            row["common_use"]["source"]
                .as_str()
                .unwrap()
                .starts_with("http")
        );
    }
}

#[test]
fn without_common_nothing_changes_and_a_name_in_common_use_is_found_only_with_it() {
    assert_eq!(
        stdout(&run(&["9200/tcp"])),
        "wap-wsp\t9200\ttcp\tWAP connectionless session service\n"
    );
    let json: serde_json::Value =
        serde_json::from_slice(&run(&["--json", "9200/tcp"]).stdout).unwrap();
    assert!(json[0].get("registry").is_none() && json[0].get("common_use").is_none());
    assert_eq!(run(&["elasticsearch"]).status.code(), Some(1));
    let output = run(&["--common", "Elasticsearch"]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(
        text.lines()
            .all(|line| line.starts_with("common-use\telasticsearch\t")),
        "{text}"
    );
    assert!(text.contains("\t9200\ttcp\t"), "{text}");
    let usage = run(&["--common", "--services"]);
    assert_eq!(usage.status.code(), Some(2));
}
