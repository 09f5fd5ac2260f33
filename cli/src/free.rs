//! `--free`: the ports of a range that a new service can take without clashing with the
//! registry.

use std::io::{self, Write};

use ianaports::{PortClass, PortRange, Protocol, Status};
use serde::Serialize;

use crate::query::{Query, QueryError};

/// What `--free` was asked: a range of ports and one protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FreeQuery {
    /// The ports to look among.
    pub ports: PortRange,
    /// The protocol they must be free over.
    pub protocol: Protocol,
}

impl FreeQuery {
    /// Parses `RANGE[/PROTOCOL]` (a single port is a range of one), tcp when no protocol is
    /// given.
    pub fn parse(text: &str) -> Result<FreeQuery, QueryError> {
        match Query::parse(text)? {
            Query::Ports { ports, protocol } => Ok(FreeQuery {
                ports,
                protocol: protocol.unwrap_or(Protocol::Tcp),
            }),
            Query::Name { .. } => Err(QueryError::NotARange {
                query: text.to_owned(),
            }),
        }
    }

    /// The ports, in order, that are unassigned (not assigned, not reserved) for the protocol.
    /// Port 0 never is: no transport can listen on it, and IANA reserves it for TCP and UDP,
    /// whether or not its registry says so for the protocol asked.
    pub(crate) fn ports(self) -> impl Iterator<Item = u16> {
        self.ports.into_iter().filter(move |&port| {
            port != 0 && ianaports::status(port, self.protocol) == Status::Unassigned
        })
    }
}

/// One free port as `--json` writes it.
#[derive(Serialize)]
struct FreePort {
    port: u16,
    protocol: Protocol,
    port_class: PortClass,
}

/// Writes at most `count` free ports, one per line (`port<TAB>protocol<TAB>class`) or as a
/// JSON array; returns how many it wrote.
pub fn write(
    out: &mut impl Write,
    query: FreeQuery,
    count: usize,
    json: bool,
) -> io::Result<usize> {
    let ports = query.ports().take(count);
    let mut written = 0;
    if json {
        let ports: Vec<FreePort> = ports
            .map(|port| FreePort {
                port,
                protocol: query.protocol,
                port_class: PortClass::of(port),
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &ports)?;
        writeln!(out)?;
        written = ports.len();
    } else {
        for port in ports {
            writeln!(
                out,
                "{port}\t{}\t{}",
                query.protocol,
                PortClass::of(port).as_str()
            )?;
            written += 1;
        }
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_range_with_or_without_protocol() {
        let tcp = FreeQuery::parse("8000-9000").unwrap();
        assert_eq!(tcp.protocol, Protocol::Tcp);
        assert_eq!((tcp.ports.start(), tcp.ports.end()), (8000, 9000));
        assert_eq!(
            FreeQuery::parse("4380/udp").unwrap().ports,
            PortRange::single(4380)
        );
        assert!(matches!(
            FreeQuery::parse("postgresql"),
            Err(QueryError::NotARange { .. })
        ));
        assert!(FreeQuery::parse("9000-8000").is_err());
        assert!(FreeQuery::parse("1-70000").is_err());
        assert!(FreeQuery::parse("1-2/xtp").is_err());
    }

    #[test]
    fn free_means_neither_assigned_nor_reserved() {
        let free: Vec<u16> = FreeQuery::parse("4370-4390/tcp").unwrap().ports().collect();
        assert!(!free.contains(&4370), "elpro-tunnel");
        assert!(free.contains(&4380));
        for port in &free {
            assert_eq!(ianaports::lookup(*port, Protocol::Tcp), None);
        }
        // 2/udp was compressnet; IANA reserved it when it was de-assigned.
        assert_eq!(ianaports::status(2, Protocol::Udp), Status::Reserved);
        assert_eq!(FreeQuery::parse("2/udp").unwrap().ports().count(), 0);
        for protocol in ["tcp", "udp", "sctp", "dccp"] {
            let all = FreeQuery::parse(&format!("0-65535/{protocol}")).unwrap();
            assert_ne!(all.ports().next(), Some(0), "{protocol}");
        }
    }
}
