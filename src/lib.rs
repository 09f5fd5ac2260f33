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
//! - `std` (default): `std::error::Error` for [`ParseProtocolError`]. Without it the crate is
//!   `#![no_std]` and needs no allocator.
//! - `descriptions` (default): the Description column. Without it
//!   [`Record::description`] returns `None`.
//! - `metadata` (default): Assignee, Contact, Registration Date, Modification Date, Reference,
//!   Service Code, Unauthorized Use Reported and Assignment Notes. Without it their accessors
//!   return `None`.
//! - `dense-port-index` (default): a 128 KiB port-indexed table and each port's primary
//!   records (~50 KiB) that make [`lookup`] two loads. Without it, a 10 KiB rank bitmap finds
//!   the port instead: the same answers, a few nanoseconds slower.
//!
//! Names, ports, protocols, aliases and [`status`] are always compiled in.
//!
//! # The data
//! The registry is IANA's CSV as published, validated at build time; [`REGISTRY_UPDATED`] says
//! how fresh it is.
//! Set `IANAPORTS_REGISTRY=/path/to/service-names-port-numbers.csv` while building to compile a
//! newer one.
//!
//! [registry]: https://www.iana.org/assignments/service-names-port-numbers

#![cfg_attr(not(feature = "std"), no_std)]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod ports;
mod protocol;
mod record;
mod records;
mod status;
mod tables;

pub use protocol::{ParseProtocolError, Protocol};
pub use record::Record;
pub use records::Records;
pub use status::{PortClass, Status};

pub use Protocol::{Dccp, Sctp, Tcp, Udp};

/// The number of records (data rows) in the compiled-in registry.
///
/// ```
/// assert_eq!(ianaports::records().count(), ianaports::RECORD_COUNT);
/// ```
pub const RECORD_COUNT: usize = tables::RECORD_COUNT;

/// The date of the registry compiled in: the date IANA gave this snapshot (the `<updated>` of
/// its XML form), `YYYY-MM-DD`.
///
/// The bundled registry carries IANA's date, kept beside `registry.csv` by the updater. A
/// registry given as a CSV alone (an `IANAPORTS_REGISTRY` build) has no such date; then this is
/// the newest Registration or Modification Date found in its rows, which can be older than the
/// snapshot, and [`REGISTRY_UPDATED_BY_IANA`] is `false`.
///
/// ```
/// assert!(ianaports::REGISTRY_UPDATED >= ianaports::NEWEST_MODIFICATION_DATE);
/// assert!(ianaports::REGISTRY_UPDATED >= ianaports::NEWEST_REGISTRATION_DATE);
/// ```
pub const REGISTRY_UPDATED: &str = tables::REGISTRY_UPDATED;

/// Whether [`REGISTRY_UPDATED`] is IANA's own date for the snapshot (`true`) or, for a registry
/// known only as CSV, the newest date in its rows (`false`).
///
/// ```
/// if ianaports::REGISTRY_UPDATED_BY_IANA {
///     assert_eq!(ianaports::REGISTRY_UPDATED.len(), "YYYY-MM-DD".len());
/// }
/// ```
pub const REGISTRY_UPDATED_BY_IANA: bool = tables::REGISTRY_UPDATED_BY_IANA;

/// The newest Registration Date in the compiled-in registry: the last time a service was added.
///
/// ```
/// assert!(ianaports::NEWEST_REGISTRATION_DATE.starts_with("20"));
/// ```
pub const NEWEST_REGISTRATION_DATE: &str = tables::NEWEST_REGISTRATION_DATE;

/// The newest Modification Date in the compiled-in registry: the last time a record changed.
///
/// ```
/// assert!(ianaports::NEWEST_MODIFICATION_DATE.starts_with("20"));
/// ```
pub const NEWEST_MODIFICATION_DATE: &str = tables::NEWEST_MODIFICATION_DATE;

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
pub fn lookup(port: u16, protocol: Protocol) -> Option<Record> {
    ports::primary(port, protocol).map(Record::from_id)
}

/// Every named record covering `port` over `protocol`, primary first (see [`lookup`]).
///
/// ```
/// let all: Vec<_> = ianaports::lookup_all(4370, ianaports::Udp).filter_map(|r| r.name()).collect();
/// assert_eq!(all, ["elpro-tunnel", "elpro_tunnel"]);
/// ```
#[inline]
pub fn lookup_all(port: u16, protocol: Protocol) -> Records {
    ports::lookup_all(port, protocol)
}

/// Every record with service name `name`, compared ASCII-case-insensitively as RFC 6335
/// asks, in registry order. Includes records without a port.
///
/// ```
/// assert_eq!(ianaports::by_name("PostgreSQL").len(), 2);
/// assert_eq!(ianaports::by_name("914c/g").next().and_then(|r| r.port_range()), Some(211..=211));
/// assert_eq!(ianaports::by_name("no-such-service").len(), 0);
/// ```
#[inline]
pub fn by_name(name: &str) -> Records {
    Records::new(tables::NAMES.by_name(name.as_bytes()))
}

/// Whether `port` over `protocol` is assigned, reserved or unassigned.
///
/// [`Status::Assigned`] when a named record covers it; else [`Status::Reserved`] when an
/// unnamed record covering it says "Reserved" (any case) or starts with "any private"; else
/// [`Status::Unassigned`]. See [`PortClass::of`] for the port's class.
///
/// ```
/// use ianaports::{Status, Tcp, Udp};
///
/// assert_eq!(ianaports::status(5432, Tcp), Status::Assigned);
/// assert_eq!(ianaports::status(0, Tcp), Status::Reserved);
/// assert_eq!(ianaports::status(60000, Udp), Status::Unassigned);
/// ```
#[inline]
pub fn status(port: u16, protocol: Protocol) -> Status {
    ports::status(port, protocol)
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

/// The README's examples, run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
