//! The registry as an `/etc/services` file (services(5)): `name port/protocol [aliases...]
//! [# comment]`, one line per (current name, port, protocol).

use std::collections::HashMap;
use std::io::{self, Write};

use ianaports::{Protocol, Record};

/// One services(5) line in the making.
struct Line {
    name: &'static str,
    port: u16,
    protocol: Protocol,
    aliases: Vec<&'static str>,
    description: String,
}

/// Writes `records` as services lines: ranges expanded port by port, a record without a
/// protocol listed for all four, historic aliases added to their current name's line on the
/// same port and protocol (or given their own line where there is none), unnamed and portless
/// records left out. services(5) splits on white space, so a name containing it cannot be
/// written; such names get a comment saying so instead of a wrong line.
pub fn write(out: &mut impl Write, records: &[Record]) -> io::Result<()> {
    writeln!(
        out,
        "# IANA Service Name and Transport Protocol Port Number Registry, snapshot {}.\n# Written by `ianaports --services`.",
        ianaports::REGISTRY_UPDATED
    )?;
    let mut lines: Vec<Line> = Vec::new();
    let mut index: HashMap<(String, u16, Protocol), usize> = HashMap::new();
    let mut unwritable: Vec<&'static str> = Vec::new();
    let (current, aliases): (Vec<Record>, Vec<Record>) =
        records.iter().partition(|r| !r.is_historic_alias());
    for record in current.into_iter().chain(aliases) {
        let (Some(name), Some(ports)) = (record.name(), record.port_range()) else {
            continue;
        };
        if name.contains(char::is_whitespace) {
            if !unwritable.contains(&name) {
                unwritable.push(name);
            }
            continue;
        }
        let protocols = record
            .protocol()
            .map_or(Protocol::ALL.to_vec(), |p| vec![p]);
        let target = record
            .alias_target()
            .and_then(Record::name)
            .map(str::to_ascii_lowercase);
        let folded = name.to_ascii_lowercase();
        let description = crate::output::one_line(record.description().unwrap_or(""));
        for port in ports {
            for &protocol in &protocols {
                let existing = target
                    .as_ref()
                    .and_then(|target| index.get(&(target.clone(), port, protocol)).copied());
                if let Some(line) = existing {
                    if !lines[line].aliases.contains(&name) {
                        lines[line].aliases.push(name);
                    }
                    continue;
                }
                let key = (folded.clone(), port, protocol);
                if index.contains_key(&key) {
                    continue;
                }
                index.insert(key, lines.len());
                lines.push(Line {
                    name,
                    port,
                    protocol,
                    aliases: Vec::new(),
                    description: description.clone(),
                });
            }
        }
    }
    lines.sort_by_key(|line| (line.port, line.protocol));
    for line in &lines {
        write!(out, "{}\t{}/{}", line.name, line.port, line.protocol)?;
        for alias in &line.aliases {
            write!(out, " {alias}")?;
        }
        if line.description.is_empty() {
            writeln!(out)?;
        } else {
            writeln!(out, "\t# {}", line.description)?;
        }
    }
    for name in unwritable {
        writeln!(
            out,
            "# left out: \"{name}\" has white space, which services(5) cannot hold"
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn services_of(names: &[&str]) -> String {
        let mut records: Vec<Record> = names
            .iter()
            .flat_map(|name| ianaports::by_name(name))
            .collect();
        records.sort_unstable();
        let mut out = Vec::new();
        write(&mut out, &records).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn aliases_join_their_current_name() {
        let text = services_of(&["elpro-tunnel", "elpro_tunnel"]);
        assert!(
            text.contains(
                "elpro-tunnel\t4370/tcp elpro_tunnel\t# ELPRO V2 Protocol Tunnel IANA assigned"
            ),
            "{text}"
        );
        assert!(
            text.contains("elpro-tunnel\t4370/udp elpro_tunnel\t# "),
            "{text}"
        );
        assert!(!text.contains("\nelpro_tunnel"), "{text}");
    }

    #[test]
    fn an_alias_without_its_current_name_stands_alone() {
        let text = services_of(&["elpro_tunnel"]);
        assert!(text.contains("elpro_tunnel\t4370/tcp\t# "), "{text}");
    }

    #[test]
    fn ranges_expand_and_protocol_less_records_cover_all_four() {
        let text = services_of(&["x11", "boe-cms"]);
        assert_eq!(text.lines().filter(|l| l.starts_with("x11\t")).count(), 128);
        assert!(text.contains("x11\t6063/udp\t# X Window System\n"));
        for protocol in ["tcp", "udp", "sctp", "dccp"] {
            assert!(
                text.contains(&format!("boe-cms\t6400/{protocol}\t# ")),
                "{text}"
            );
        }
    }
}
