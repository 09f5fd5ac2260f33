//! How often `ianaports::server_port` names Zeek's responder port, on the Zeek `conn.log`
//! files given (TSV or JSON lines), beside the plain "lower port" rule and the same rules
//! with registration asked before the ephemeral ranges. `scripts/server-side` runs it on the
//! fixtures; the README's figures are its output.
//!
//! ```text
//! cargo run --example server_side -- tests/fixtures/zeek/*.log
//! ```

#[path = "../tests/zeek/mod.rs"]
mod zeek;

use ianaports::{EPHEMERAL_PORTS, Protocol};
use zeek::{Agreement, Connection, lower_port, read_conn_log};

/// The issue's first ordering: a registered port first, then outside the ephemeral ranges,
/// then the lower port. (After the first, the second can never change the answer: every
/// ephemeral port is above every other port.)
fn registration_first(connection: &Connection) -> Option<u16> {
    let protocol = connection.protocol?;
    let (a, b) = (connection.originator_port, connection.responder_port);
    if a == b || a == 0 || b == 0 {
        return ianaports::server_port(a, b, protocol);
    }
    let named = |port| ianaports::lookup(port, protocol).is_some();
    if named(a) != named(b) {
        return Some(if named(a) { a } else { b });
    }
    let ephemeral = |port| EPHEMERAL_PORTS.iter().any(|range| range.contains(&port));
    if ephemeral(a) != ephemeral(b) {
        return Some(if ephemeral(a) { b } else { a });
    }
    Some(a.min(b))
}

fn main() {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        eprintln!("usage: server_side CONN_LOG...");
        std::process::exit(2);
    }
    println!(
        "| log | TCP connections judged | `server_port` agrees | on answered | lower port agrees | registration first agrees | `server_port` unlike the lower port (right) | UDP judged | `server_port` (UDP) | lower port (UDP) |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let mut all_tcp: Vec<Connection> = Vec::new();
    let mut all_udp: Vec<Connection> = Vec::new();
    for path in &paths {
        let text = std::fs::read_to_string(path).unwrap_or_else(|error| {
            eprintln!("{path}: {error}");
            std::process::exit(2);
        });
        let log = read_conn_log(&text).unwrap_or_else(|error| {
            eprintln!("{path}: {error}");
            std::process::exit(2);
        });
        if log.malformed_lines > 0 {
            eprintln!("{path}: {} malformed lines left out", log.malformed_lines);
        }
        let connections = log.connections;
        let tcp: Vec<Connection> = connections
            .iter()
            .filter(|c| c.handshake_seen())
            .cloned()
            .collect();
        // UDP has no handshake: Zeek's originator is the first packet's sender, unless it
        // flipped the connection by its own guess (`^`), which is left out.
        let udp: Vec<Connection> = connections
            .iter()
            .filter(|c| c.protocol == Some(Protocol::Udp) && !c.history.contains('^'))
            .cloned()
            .collect();
        let path = std::path::Path::new(path);
        let parent = path
            .parent()
            .and_then(|p| p.file_name())
            .and_then(|n| n.to_str());
        let file = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let name = match parent {
            Some(parent) if file.starts_with("conn") => parent.to_owned(),
            _ => file.to_owned(),
        };
        row(&name, &tcp, &udp);
        all_tcp.extend(tcp);
        all_udp.extend(udp);
    }
    if paths.len() > 1 {
        row("all", &all_tcp, &all_udp);
    }
}

/// With `SERVER_SIDE_MISSES` set: the (originator, responder) port pairs `server_port`
/// misses most often, on standard error.
fn print_misses(name: &str, connections: &[Connection]) {
    if std::env::var_os("SERVER_SIDE_MISSES").is_none() {
        return;
    }
    let mut misses = std::collections::BTreeMap::new();
    for connection in connections {
        if zeek::server_port(connection) != Some(connection.responder_port) {
            let key = (
                connection.protocol.map_or("?", |p| p.as_str()),
                connection.originator_port,
                connection.responder_port,
            );
            *misses.entry(key).or_insert(0usize) += 1;
        }
    }
    let mut misses: Vec<_> = misses.into_iter().collect();
    misses.sort_by_key(|miss| std::cmp::Reverse(miss.1));
    for ((protocol, originator, responder), count) in misses.iter().take(15) {
        eprintln!("{name}: {count} x {protocol} {originator} -> {responder}");
    }
}

fn row(name: &str, tcp: &[Connection], udp: &[Connection]) {
    print_misses(name, tcp);
    print_misses(name, udp);
    let rules = Agreement::of(tcp, zeek::server_port);
    let lower = Agreement::of(tcp, lower_port);
    let registration = Agreement::of(tcp, registration_first);
    let udp_rules = Agreement::of(udp, zeek::server_port);
    let udp_lower = Agreement::of(udp, lower_port);
    let unlike: Vec<&Connection> = tcp
        .iter()
        .chain(udp)
        .filter(|c| zeek::server_port(c) != lower_port(c))
        .collect();
    let unlike_right = unlike
        .iter()
        .filter(|c| zeek::server_port(c) == Some(c.responder_port))
        .count();
    println!(
        "| {name} | {} | {:.1}% | {:.1}% | {:.1}% | {:.1}% | {} ({unlike_right}) | {} | {:.1}% | {:.1}% |",
        rules.connections,
        rules.overall(),
        rules.of_answered(),
        lower.overall(),
        registration.overall(),
        unlike.len(),
        udp_rules.connections,
        udp_rules.overall(),
        udp_lower.overall(),
    );
}
