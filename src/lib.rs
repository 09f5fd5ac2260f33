//! The whole IANA [Service Name and Transport Protocol Port Number Registry][registry],
//! compiled into the binary: every lookup by port and protocol or by service name is a
//! constant-time call that never allocates and never panics, in `std` programs and in `no_std`
//! firmware alike.
//!
//! ```
//! use ianaports::{Status, Tcp, Udp};
//!
//! let postgresql = ianaports::lookup(5432, Tcp).unwrap();
//! assert_eq!(postgresql.name(), Some("postgresql"));
//! assert_eq!(postgresql.description(), Some("PostgreSQL Database"));
//!
//! let ssh: Vec<_> = ianaports::by_name("SSH").map(|r| r.to_string()).collect();
//! assert_eq!(ssh, ["ssh 22/tcp", "ssh 22/udp", "ssh 22/sctp", "ssh tcp"]);
//!
//! assert_eq!(ianaports::status(4374, Udp), Status::Reserved);
//! assert_eq!(ianaports::status(4380, Tcp), Status::Unassigned);
//! ```
//!
//! # Features
//! Every feature is on by default but `serde` and `common-use`, and each only adds to the crate. For firmware:
//! `ianaports = { version = "0.3", default-features = false }`.
//!
//! - `std` (default): builds the crate with `std`. The crate needs nothing from it: without
//!   it, it is `#![no_std]`, needs no allocator, and its error types still implement
//!   `core::error::Error`.
//! - `descriptions` (default): the Description column, [`Record::description`].
//! - `metadata` (default): Assignee, Contact, Registration Date, Modification Date, Reference,
//!   Service Code, Unauthorized Use Reported and Assignment Notes, each a method of
//!   [`Record`].
//! - `dense-port-index` (default): a table of one `u16` per port (128 KiB) and each port's
//!   primary record per protocol, which make [`lookup`] two loads. Without it, a bitmap of
//!   the ports with a rank every 64 ports finds the port instead: the same answers, for a few
//!   more loads per query, in about 145 KiB less (the README's size table, written by
//!   `scripts/measure-size`: 148,376 bytes with the other default features). Leave it out
//!   where flash is small.
//! - `common-use`: ports in common use, kept apart from IANA's: [`in_common_use`] and
//!   [`common_use_named`] answer what software uses a port by default where the registry says
//!   something else or nothing (9200/tcp is IANA's `wap-wsp`, and Elasticsearch's; 41641/udp
//!   is nobody's, and Tailscale's). See [Ports in common use](crate#ports-in-common-use).
//! - `serde`: `Serialize` for [`Record`] (every column), [`Protocol`], [`Status`],
//!   [`PortClass`] and [`PortRange`]; `Deserialize` for the last four. Works without `std`,
//!   and brings in no proc-macro crate (serde without its `derive`).
//!
//! Names, ports, protocols, aliases and [`status`] are always compiled in. A column whose
//! feature is off has no method at all, so code that reads it does not compile, rather than
//! quietly getting nothing.
//!
//! # Compile-time checked names
//! [`port!`] turns a service name into its port at compile time: a name that is not registered
//! (or has no port on the protocol asked) is a compile error, and the result is a constant.
//!
//! ```
//! const POSTGRES: u16 = ianaports::port!("postgresql");
//! const SYSLOG: u16 = ianaports::port!("syslog", Udp);
//! assert_eq!((POSTGRES, SYSLOG), (5432, 514));
//! ```
//!
//! # Enums that can grow
//! [`Protocol`] is `#[non_exhaustive]`: IANA can add a transport protocol to the registry.
//! [`Status`] and [`PortClass`] are not: a port is assigned, reserved or unassigned, and RFC
//! 6335 fixes the three port ranges. The four protocols are re-exported at the root ([`Tcp`],
//! [`Udp`], [`Sctp`], [`Dccp`]), so that `lookup(5432, Tcp)` reads as it is written.
//!
//! # The data
//! The registry is IANA's CSV as published, validated at build time; [`REGISTRY_UPDATED`] says
//! how fresh it is. Set `IANAPORTS_REGISTRY=/absolute/path/to/service-names-port-numbers.csv`
//! while building to compile another one.
//!
//! # Subsets
//! Set `IANAPORTS_FILTER` while building to compile in only part of the registry: a
//! comma-separated list of queries in the command line's syntax, ports and ranges with an
//! optional protocol (`0-1023/tcp,0-1023/udp,5432,6000-6063/tcp`) and service names
//! (`postgresql,syslog/udp`). Like `IANAPORTS_REGISTRY` it can be set in `.cargo/config.toml`'s
//! `[env]`; empty or unset means the whole registry, and an item that does not parse, or names
//! a service the registry does not have, fails the build with the variable's name and the item.
//!
//! The build keeps every record a query inside the filter can return: those covering a port
//! and protocol the filter names (or that a named service's records cover), every record of
//! their service names, and the records their historic aliases stand for. Inside the filter,
//! [`lookup`], [`lookup_all`], [`status`], [`by_name`] of a kept name and every column answer
//! exactly as the whole registry does. Outside it nothing is ever wrong: [`lookup`] finds
//! nothing, [`lookup_all`] is empty, [`by_name`] of a name not kept finds nothing, and
//! [`status`] answers [`Status::OutsideFilter`] rather than call a port unassigned that the
//! registry may assign. [`records`], [`RECORD_COUNT`] and the dates describe what was
//! compiled, and [`FILTER`] says which filter. A filtered build's tables grow with the subset,
//! not with the 65,536 ports: whatever the features, it finds a port through a bitmap over the
//! words its ports span or a sorted list of them (whichever is smaller), and a name by
//! bisecting its names in order (at most 16 steps) rather than through the phf index, whose
//! displacements and code would cost more than the names themselves.
//!
//! # Ports in common use
//! IANA's registry says who registered a port, not what runs there. With the `common-use`
//! feature the crate also carries `common-use.csv`: what software uses a port by default
//! where the registry says something else or nothing, one entry per port, protocol and
//! software, each citing the software's own documentation (vendor documentation, a man page,
//! its source, an RFC) with the date it was read; never Wikipedia's list or nmap's. An entry
//! that would only repeat IANA's registration is left out. The build validates the file as
//! it does the registry (`FILE:LINE: reason`), and none of it is ever returned by [`lookup`],
//! [`by_name`] or [`Record`]: it is a second opinion, asked for by name. Set
//! `IANAPORTS_COMMON_USE=/absolute/path.csv` while building to compile another file of the
//! same columns (`Port,Protocol,Name,Software,Description,Source,Read`) and rules instead,
//! such as a site's own ports.
//!
//! ```
//! # #[cfg(feature = "common-use")] {
//! use ianaports::Tcp;
//!
//! let iana = ianaports::lookup(6443, Tcp).and_then(|r| r.name());
//! let usual: Vec<_> = ianaports::in_common_use(6443, Tcp).map(|e| e.software()).collect();
//! assert_eq!((iana, &usual[..]), (Some("sun-sr-https"), &["Kubernetes"][..]));
//! # }
//! ```
//!
//! # Which side is the service
//! [`server_port`] tells which port of a flow is the service's, from the registry and the
//! [ephemeral port ranges](EPHEMERAL_PORTS), in rules documented with it.
//!
//! # Protocol numbers
//! The other IANA number every packet carries, the IP header's Protocol (IPv4) or Next Header
//! (IPv6) field, is compiled in too, from IANA's [protocol-numbers] registry:
//! [`ip_protocol`] answers for every value 0-255 and [`ip_protocol_by_keyword`] by keyword,
//! without allocating. [`IP_PROTOCOLS_UPDATED`] says how fresh it is, and
//! `IANAPORTS_PROTOCOL_NUMBERS` names another copy of IANA's `protocol-numbers-1.csv` to build
//! from. A program that never calls them links none of their tables.
//!
//! ```
//! let gre = ianaports::ip_protocol(47);
//! assert_eq!(gre.keyword(), Some("GRE"));
//! assert_eq!(ianaports::ip_protocol_by_keyword("ipv6-icmp").map(|p| p.number()), Some(58));
//! ```
//!
//! [registry]: https://www.iana.org/assignments/service-names-port-numbers
//! [protocol-numbers]: https://www.iana.org/assignments/protocol-numbers

#![cfg_attr(not(feature = "std"), no_std)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]
#![warn(missing_docs, unreachable_pub)]

mod by_port;
#[cfg(feature = "common-use")]
mod common_use;
mod flow;
mod generated;
mod ip_protocol;
mod port_macro;
mod record;
#[cfg(feature = "serde")]
mod serde;

#[cfg(feature = "common-use")]
pub use common_use::{CommonUse, CommonUses, common_use, common_use_named, in_common_use};
pub use flow::{EPHEMERAL_PORTS, server_port};
pub use ianaports_tables::{
    IpProtocolStatus, ParsePortRangeError, ParseProtocolError, PortClass, PortRange, Ports,
    Protocol, Query, QueryError, Status,
};
pub use ip_protocol::{IpProtocol, ip_protocol, ip_protocol_by_keyword};
pub use record::{Record, Records};

/// What [`port!`] expands to calls; not an API.
#[doc(hidden)]
pub mod __private {
    pub use crate::port_macro::{PortOfName, port_of_name};
}

pub use Protocol::{Dccp, Sctp, Tcp, Udp};

/// Parses a query as the `ianaports` command and `IANAPORTS_FILTER` read it: a service name,
/// a port or a port range, each with an optional `/protocol`. A registered name wins, so names
/// with a slash (`914c/g`) or a leading digit (`3com-tsmux`) are names.
///
/// ```
/// use ianaports::{PortRange, Query, Udp};
///
/// let ports = PortRange::new(0, 1023).unwrap();
/// assert_eq!(ianaports::parse_query("0-1023/udp"), Ok(Query::Ports { ports, protocol: Some(Udp) }));
/// assert_eq!(
///     ianaports::parse_query("914c/g"),
///     Ok(Query::Name { name: "914c/g", protocol: None })
/// );
/// ```
pub fn parse_query(text: &str) -> Result<Query<'_>, QueryError<'_>> {
    Query::parse(text, |name| !by_name(name).is_empty())
}

/// The number of records (data rows) in the compiled-in registry.
///
/// ```
/// assert_eq!(ianaports::records().count(), ianaports::RECORD_COUNT);
/// ```
pub const RECORD_COUNT: usize = generated::RECORD_COUNT;

/// The date of the registry compiled in: the date IANA gave this snapshot (the `<updated>` of
/// its XML form), `YYYY-MM-DD`.
///
/// The bundled registry carries IANA's date, kept beside `registry.csv` by the updater. A
/// registry given as a CSV alone (an `IANAPORTS_REGISTRY` build) has no such date; then this is
/// the newest Registration or Modification Date found in its rows, which can be older than the
/// snapshot (and `YYYY-MM` when that is how the row gives it), and [`REGISTRY_UPDATED_BY_IANA`]
/// is `false`. A CSV with no date in any row gives no date at all: then this is `""`, as are
/// [`NEWEST_REGISTRATION_DATE`] and [`NEWEST_MODIFICATION_DATE`].
///
/// ```
/// assert!(ianaports::REGISTRY_UPDATED >= ianaports::NEWEST_MODIFICATION_DATE);
/// assert!(ianaports::REGISTRY_UPDATED >= ianaports::NEWEST_REGISTRATION_DATE);
/// ```
pub const REGISTRY_UPDATED: &str = generated::REGISTRY_UPDATED;

/// Whether [`REGISTRY_UPDATED`] is IANA's own date for the snapshot (`true`) or, for a registry
/// known only as CSV, the newest date in its rows (`false`).
///
/// ```
/// if ianaports::REGISTRY_UPDATED_BY_IANA {
///     assert_eq!(ianaports::REGISTRY_UPDATED.len(), "YYYY-MM-DD".len());
/// }
/// ```
pub const REGISTRY_UPDATED_BY_IANA: bool = generated::REGISTRY_UPDATED_BY_IANA;

/// The newest Registration Date in the compiled-in registry: the last time a service was added.
///
/// ```
/// assert!(ianaports::NEWEST_REGISTRATION_DATE.starts_with("20"));
/// ```
pub const NEWEST_REGISTRATION_DATE: &str = generated::NEWEST_REGISTRATION_DATE;

/// The newest Modification Date in the compiled-in registry: the last time a record changed.
///
/// ```
/// assert!(ianaports::NEWEST_MODIFICATION_DATE.starts_with("20"));
/// ```
pub const NEWEST_MODIFICATION_DATE: &str = generated::NEWEST_MODIFICATION_DATE;

/// The `IANAPORTS_FILTER` this build was cut to, its items joined by `,`; empty for a build
/// of the whole registry. See the crate documentation's "Subsets".
///
/// ```
/// if ianaports::FILTER.is_empty() {
///     assert_eq!(ianaports::status(4374, ianaports::Udp), ianaports::Status::Reserved);
/// }
/// ```
pub const FILTER: &str = generated::FILTER;

/// IANA's date for the compiled-in protocol-numbers registry ([`ip_protocol`]), `YYYY-MM-DD`;
/// empty for a registry named by `IANAPORTS_PROTOCOL_NUMBERS`, which comes without one.
///
/// ```
/// assert!(ianaports::IP_PROTOCOLS_UPDATED.is_empty() || ianaports::IP_PROTOCOLS_UPDATED.len() == 10);
/// ```
pub const IP_PROTOCOLS_UPDATED: &str = generated::IP_PROTOCOLS_UPDATED;

/// The primary named record covering `port` over `protocol`, or `None` if no named record
/// does.
///
/// When several records cover the pair, the primary is the first by: a single port before a
/// range, its own protocol before a protocol-less row, a current name before a historic alias,
/// then registry order. [`lookup_all`] lists them all in that order.
///
/// ```
/// use ianaports::{Sctp, Tcp, Udp};
///
/// let name = |port, protocol| ianaports::lookup(port, protocol).and_then(|r| r.name());
/// assert_eq!(name(80, Tcp), Some("http"));
/// assert_eq!(name(4370, Tcp), Some("elpro-tunnel"));
/// assert_eq!(name(22, Sctp), Some("ssh"));
/// assert_eq!(name(6005, Udp), Some("x11"));
/// assert_eq!(name(4380, Tcp), None);
/// ```
#[inline]
pub const fn lookup(port: u16, protocol: Protocol) -> Option<Record> {
    match by_port::primary(port, protocol) {
        Some(id) => Some(Record::from_id(id)),
        None => None,
    }
}

/// Every named record covering `port` over `protocol`, primary first (see [`lookup`]).
///
/// ```
/// let all: Vec<_> = ianaports::lookup_all(4370, ianaports::Udp).filter_map(|r| r.name()).collect();
/// assert_eq!(all, ["elpro-tunnel", "elpro_tunnel"]);
/// ```
#[inline]
pub fn lookup_all(port: u16, protocol: Protocol) -> Records {
    by_port::lookup_all(port, protocol)
}

/// Every record with service name `name`, compared ASCII-case-insensitively as RFC 6335
/// asks, in registry order. Includes records without a port.
///
/// ```
/// assert_eq!(ianaports::by_name("PostgreSQL").len(), 2);
/// let terminal = ianaports::by_name("914c/g").next().and_then(|r| r.port_range());
/// assert_eq!(terminal, Some(ianaports::PortRange::single(211)));
/// assert_eq!(ianaports::by_name("no-such-service").len(), 0);
/// ```
#[inline]
pub fn by_name(name: &str) -> Records {
    Records::new(generated::records_named(name.as_bytes()))
}

/// Whether `port` over `protocol` is assigned, reserved or unassigned.
///
/// [`Status::Assigned`] when a named record covers it; else [`Status::Reserved`] when an
/// unnamed record covering it says "Reserved" (any case) or starts with "any private"; else
/// [`Status::Unassigned`]. In a build cut by `IANAPORTS_FILTER`, a pair the filter left out is
/// [`Status::OutsideFilter`] (see [Subsets](crate#subsets)). See [`PortClass::of`] for the
/// port's class.
///
/// ```
/// use ianaports::{Status, Tcp, Udp};
///
/// assert_eq!(ianaports::status(5432, Tcp), Status::Assigned);
/// assert_eq!(ianaports::status(0, Tcp), Status::Reserved);
/// assert_eq!(ianaports::status(60000, Udp), Status::Unassigned);
/// ```
#[inline]
pub const fn status(port: u16, protocol: Protocol) -> Status {
    by_port::status(port, protocol)
}

/// Every record of the registry, in registry order.
///
/// ```
/// let unnamed = ianaports::records().filter(|r| r.name().is_none()).count();
/// assert!(unnamed > 1000);
/// ```
pub fn records() -> Records {
    Records::all()
}

/// The README's examples, run as doctests (they show the `serde` feature too).
#[cfg(all(doctest, feature = "serde"))]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
