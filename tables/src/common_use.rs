//! Ports in common use: what software listens on by default where IANA's registry says
//! something else or nothing. A few hundred entries, so they are kept as they are read
//! (strings and all) rather than packed; the two orders make each query a bisection.

use core::cmp::Ordering;

use crate::{PortRange, Protocol, compare_ignoring_case};

/// One entry of `common-use.csv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CommonUseEntry<'a> {
    /// The port or range.
    pub ports: PortRange,
    /// The transport protocol.
    pub protocol: Protocol,
    /// A short service name in RFC 6335's syntax, lower case.
    pub name: &'a str,
    /// The software.
    pub software: &'a str,
    /// One line on what the port is for.
    pub description: &'a str,
    /// The URL of the software's own documentation that states the port.
    pub source: &'a str,
    /// When the source was read, `YYYY-MM-DD`.
    pub read: &'a str,
}

/// The entries, in two orders.
#[derive(Debug, Clone, Copy)]
pub struct CommonUseTables<'a> {
    /// The entries for single ports, by port, protocol and name, then those for ranges, by
    /// first port, last port, protocol and name.
    pub entries: &'a [CommonUseEntry<'a>],
    /// How many of `entries` are for single ports.
    pub singles: usize,
    /// The positions in `entries`, in the order of their names ignoring ASCII case
    /// ([`compare_ignoring_case`]), then of position.
    pub name_order: &'a [u16],
}

impl<'a> CommonUseTables<'a> {
    /// The entries for the single port `port` (every protocol), then every range entry: the
    /// candidates for `port`, of which the caller keeps those that cover it.
    pub fn candidates(self, port: u16) -> (&'a [CommonUseEntry<'a>], &'a [CommonUseEntry<'a>]) {
        let (singles, ranges) = self.entries.split_at(self.singles.min(self.entries.len()));
        let start = singles.partition_point(|entry| entry.ports.start() < port);
        let len = singles[start..].partition_point(|entry| entry.ports.start() == port);
        (&singles[start..start + len], ranges)
    }

    /// The positions of the entries named `name`, ASCII-case-insensitively, in position order.
    pub fn named(self, name: &str) -> &'a [u16] {
        let name_of = |position: &u16| {
            self.entries
                .get(usize::from(*position))
                .map_or("", |entry| entry.name)
        };
        let start = self.name_order.partition_point(|position| {
            compare_ignoring_case(name_of(position), name) == Ordering::Less
        });
        let len = self.name_order[start..].partition_point(|position| {
            compare_ignoring_case(name_of(position), name) == Ordering::Equal
        });
        &self.name_order[start..start + len]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(
        first: u16,
        last: u16,
        protocol: Protocol,
        name: &'static str,
    ) -> CommonUseEntry<'static> {
        CommonUseEntry {
            ports: PortRange::new(first, last).unwrap(),
            protocol,
            name,
            software: "S",
            description: "D",
            source: "https://example.org/",
            read: "2026-12-02",
        }
    }

    #[test]
    fn candidates_and_names_are_bisected() {
        let entries = [
            entry(22, 22, Protocol::Tcp, "b"),
            entry(9200, 9200, Protocol::Tcp, "es"),
            entry(9200, 9200, Protocol::Udp, "a"),
            entry(9300, 9300, Protocol::Tcp, "es"),
            entry(30000, 32767, Protocol::Tcp, "np"),
        ];
        let tables = CommonUseTables {
            entries: &entries,
            singles: 4,
            name_order: &[2, 0, 1, 3, 4],
        };
        let (singles, ranges) = tables.candidates(9200);
        assert_eq!(singles, &entries[1..3]);
        assert_eq!(ranges, &entries[4..]);
        assert!(tables.candidates(9201).0.is_empty());
        assert!(tables.candidates(0).0.is_empty());
        assert_eq!(tables.candidates(65535).0, &[]);
        assert_eq!(tables.named("ES"), &[1, 3]);
        assert_eq!(tables.named("np"), &[4]);
        assert!(tables.named("zz").is_empty());
        assert!(tables.named("").is_empty());
    }
}
