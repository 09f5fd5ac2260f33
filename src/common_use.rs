//! Ports in common use, the `common-use` feature: what software listens on by default where
//! IANA's registry says something else or nothing, each entry with the software's own
//! documentation as its source. Kept apart from IANA's records: nothing here is ever returned
//! by [`lookup`](crate::lookup), [`by_name`](crate::by_name) or [`Record`](crate::Record).
//!
//! Every function here is `#[inline]`, so that the feature adds no code to the library's own
//! build: code there moves phf's lookup out of the codegen unit of the name index's reader,
//! which cost `by_name` 75 instructions a call (`scripts/instructions` measures both builds).

use core::fmt;
use core::iter::FusedIterator;

use ianaports_tables::CommonUseEntry;

use crate::{PortRange, Protocol};

mod emitted {
    include!(concat!(env!("OUT_DIR"), "/common_use.rs"));
}

use emitted::COMMON_USE;

/// A port that software uses by default, from `common-use.csv`: not IANA's, and never taken
/// for it. Every entry cites the software's own documentation ([`CommonUse::source`]).
///
/// With the `serde` feature it serializes as a struct: `registry` (always `"common-use"`),
/// `service_name`, `port_range`, `transport_protocol`, `software`, `description`, `source`
/// and `source_read`.
///
/// ```
/// use ianaports::Tcp;
///
/// let elasticsearch = ianaports::in_common_use(9200, Tcp)
///     .find(|entry| entry.software() == "Elasticsearch")
///     .unwrap();
/// assert_eq!(elasticsearch.name(), "elasticsearch");
/// assert!(elasticsearch.source().starts_with("https://"));
/// assert_eq!(elasticsearch.to_string(), "elasticsearch 9200/tcp (Elasticsearch, in common use)");
/// // IANA's answer for the same port is another service's.
/// assert_eq!(ianaports::lookup(9200, Tcp).and_then(|r| r.name()), Some("wap-wsp"));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct CommonUse(&'static CommonUseEntry<'static>);

impl CommonUse {
    /// A short service name in RFC 6335's syntax, lower case: not registered with IANA.
    #[inline]
    pub fn name(self) -> &'static str {
        self.0.name
    }

    /// The software that uses the port (`Elasticsearch`).
    #[inline]
    pub fn software(self) -> &'static str {
        self.0.software
    }

    /// One line on what the port is for.
    #[inline]
    pub fn description(self) -> &'static str {
        self.0.description
    }

    /// The URL of the software's own documentation that states the port.
    #[inline]
    pub fn source(self) -> &'static str {
        self.0.source
    }

    /// When [`source`](CommonUse::source) was read, `YYYY-MM-DD`.
    #[inline]
    pub fn source_read(self) -> &'static str {
        self.0.read
    }

    /// The port, or the range of ports.
    #[inline]
    pub fn port_range(self) -> PortRange {
        self.0.ports
    }

    /// The transport protocol.
    #[inline]
    pub fn protocol(self) -> Protocol {
        self.0.protocol
    }
}

impl fmt::Debug for CommonUse {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CommonUse")
            .field("name", &self.name())
            .field("port_range", &self.port_range())
            .field("protocol", &self.protocol())
            .field("software", &self.software())
            .finish()
    }
}

/// `name PORTS/PROTOCOL (Software, in common use)`: marked, so that it is not read as IANA's
/// `name PORTS/PROTOCOL`.
impl fmt::Display for CommonUse {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}/{} ({}, in common use)",
            self.name(),
            self.port_range(),
            self.protocol(),
            self.software()
        )
    }
}

/// The entries in common use for `port` over `protocol`: those for the port itself, by name,
/// then those for a range that covers it. Bisects; allocates nothing.
///
/// ```
/// use ianaports::{Tcp, Udp};
///
/// let names: Vec<_> = ianaports::in_common_use(41641, Udp).map(|e| e.software()).collect();
/// assert_eq!(names, ["Tailscale"]);
/// assert_eq!(ianaports::lookup(41641, Udp), None);
/// assert!(ianaports::in_common_use(30080, Tcp).any(|e| e.port_range().is_range()));
/// ```
#[inline]
pub fn in_common_use(port: u16, protocol: Protocol) -> CommonUses {
    let (singles, ranges) = COMMON_USE.candidates(port);
    CommonUses {
        singles: singles.iter(),
        named: [].iter(),
        ranges: ranges.iter(),
        port: Some(port),
        protocol: Some(protocol),
    }
}

/// The entries in common use named `name`, ASCII-case-insensitively, on any port and
/// protocol, in port order.
///
/// ```
/// let ports: Vec<_> = ianaports::common_use_named("Tailscale").map(|e| e.to_string()).collect();
/// assert_eq!(ports, ["tailscale 41641/udp (Tailscale, in common use)"]);
/// // The registry knows no such name.
/// assert!(ianaports::by_name("tailscale").is_empty());
/// ```
#[inline]
pub fn common_use_named(name: &str) -> CommonUses {
    CommonUses {
        singles: [].iter(),
        named: COMMON_USE.named(name).iter(),
        ranges: [].iter(),
        port: None,
        protocol: None,
    }
}

/// Every entry in common use: single ports by port, then ranges.
///
/// ```
/// assert!(ianaports::common_use().count() >= 150);
/// ```
#[inline]
pub fn common_use() -> CommonUses {
    CommonUses {
        singles: COMMON_USE.entries.iter(),
        named: [].iter(),
        ranges: [].iter(),
        port: None,
        protocol: None,
    }
}

/// The entries a query for ports in common use found. See [`in_common_use`].
#[derive(Debug, Clone)]
pub struct CommonUses {
    /// Entries to give if they are over `protocol`.
    singles: core::slice::Iter<'static, CommonUseEntry<'static>>,
    /// Positions of entries to give.
    named: core::slice::Iter<'static, u16>,
    /// Entries to give if they cover `port` over `protocol`.
    ranges: core::slice::Iter<'static, CommonUseEntry<'static>>,
    port: Option<u16>,
    protocol: Option<Protocol>,
}

impl CommonUses {
    #[inline]
    fn wanted(&self, entry: &CommonUseEntry<'static>) -> bool {
        self.protocol
            .is_none_or(|protocol| entry.protocol == protocol)
            && self.port.is_none_or(|port| entry.ports.contains(port))
    }
}

impl Iterator for CommonUses {
    type Item = CommonUse;

    #[inline]
    fn next(&mut self) -> Option<CommonUse> {
        loop {
            let entry = if let Some(entry) = self.singles.next() {
                entry
            } else if let Some(&position) = self.named.next() {
                COMMON_USE.entries.get(usize::from(position))?
            } else {
                self.ranges.next()?
            };
            if self.wanted(entry) {
                return Some(CommonUse(entry));
            }
        }
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        let upper = self.singles.len() + self.named.len() + self.ranges.len();
        let exact = self.port.is_none() && self.protocol.is_none();
        (if exact { upper } else { 0 }, Some(upper))
    }
}

impl FusedIterator for CommonUses {}
