//! `ianaports::server_port`: its rules' promises for every input, and its answers on public
//! Zeek `conn.log` files (tests/fixtures/zeek, with their sources in its README), where Zeek's
//! responder port is the truth.

mod zeek;

use ianaports::{Protocol, Tcp, Udp};
use proptest::prelude::*;
use zeek::{Agreement, Connection, lower_port, read_conn_log};

proptest! {
    #[test]
    fn the_answer_is_one_of_the_ports_whatever_their_order(a: u16, b: u16, protocol in 0..4usize) {
        let protocol = Protocol::ALL[protocol];
        let answer = ianaports::server_port(a, b, protocol);
        prop_assert_eq!(answer, ianaports::server_port(b, a, protocol));
        match answer {
            None => prop_assert!(a == 0 && b == 0),
            Some(port) => prop_assert!(port == a || port == b),
        }
        if a != 0 && b != 0 && a != b {
            prop_assert!(answer != Some(0));
        }
    }
}

#[test]
fn each_rule_decides_in_its_turn() {
    let side = ianaports::server_port;
    // 1 and 2: the same port, and port 0.
    assert_eq!(side(53, 53, Udp), Some(53));
    assert_eq!(side(0, 53422, Tcp), Some(53422));
    assert_eq!(side(0, 0, Udp), None);
    // 3: outside the ephemeral ranges beats inside, registered or not (40000 is
    // safetynetp, and a Linux client's port as often as any other).
    assert_eq!(ianaports::lookup(4380, Tcp), None);
    assert!(ianaports::lookup(40000, Tcp).is_some());
    assert_eq!(side(40000, 4380, Tcp), Some(4380));
    // 4: on the same side of the ephemeral line, registered over the protocol beats
    // unregistered (44818 is EtherNet/IP's), and a name over another protocol does not count
    // (33000 is wg-endpt-comms over tcp only).
    assert_eq!(side(50000, 44818, Tcp), Some(44818));
    assert_eq!(side(32800, 33000, Tcp), Some(33000));
    assert_eq!(side(32800, 33000, Udp), Some(32800));
    assert_eq!(ianaports::lookup(33000, Udp), None);
    // 5: the lower port.
    assert_eq!(side(443, 80, Tcp), Some(80));
    assert_eq!(side(49668, 50123, Tcp), Some(49668));
}

/// The fixtures, each with the agreement (in percent of the connections judged) that
/// `server_port` keeps on it: what it scores today, rounded down, so that a change to the
/// rules that costs agreement is seen.
const FIXTURES: &[(&str, f64)] = &[
    ("brobeat.log", 86.9),
    ("zat.log", 89.6),
    ("zeek-ssh-basic.log", 95.4),
];

fn fixture(name: &str) -> Vec<Connection> {
    let path = format!("{}/tests/fixtures/zeek/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    let log = read_conn_log(&text).unwrap_or_else(|error| panic!("{path}: {error}"));
    assert_eq!(log.malformed_lines, 0, "{path}");
    log.connections
}

#[test]
fn on_public_zeek_logs_the_rules_agree_with_the_responder_more_than_the_lower_port_does() {
    for &(name, floor) in FIXTURES {
        let connections = fixture(name);
        let judged: Vec<&Connection> = connections.iter().filter(|c| c.handshake_seen()).collect();
        assert!(
            judged.len() >= 20,
            "{name}: {} connections judged",
            judged.len()
        );
        let rules = Agreement::of(judged.iter().copied(), zeek::server_port);
        let lower = Agreement::of(judged.iter().copied(), lower_port);
        println!(
            "{name}: {:.1}% of {} ({:.1}% of those answered), the lower port {:.1}%",
            rules.overall(),
            rules.connections,
            rules.of_answered(),
            lower.overall()
        );
        assert_eq!(rules.answered, rules.connections, "{name}");
        assert!(rules.overall() >= floor, "{name}: {rules:?}");
        assert!(rules.agreed >= lower.agreed, "{name}: {rules:?} {lower:?}");
    }
}
