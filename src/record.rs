//! One row of the registry, as a `Copy` handle onto the compiled-in tables.

use core::fmt;
use core::ops::RangeInclusive;

use ianaports_layout::RecordFlags;

use crate::Protocol;
use crate::tables::{self, NAMES, RECORDS};

/// A record of the registry: one row of IANA's CSV.
///
/// Records are two bytes, `Copy`, and compare in registry order. Text comes straight from the
/// compiled-in tables as `&'static str`.
///
/// ```
/// let postgresql = ianaports::lookup(5432, ianaports::Tcp).unwrap();
/// assert_eq!(postgresql.name(), Some("postgresql"));
/// assert_eq!(postgresql.port_range(), Some(5432..=5432));
/// assert_eq!(postgresql.protocol(), Some(ianaports::Tcp));
/// assert_eq!(postgresql.description(), Some("PostgreSQL Database"));
/// assert_eq!(postgresql.assignee(), Some("[Tom_Lane]"));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Record {
    id: u16,
}

/// Reads one optional column, or `None` when its feature left it out of the build.
macro_rules! text_column {
    ($feature:literal, $column:ident, $record:expr) => {
        tables::$column.cell(tables::TEXTS, $record.id)
    };
}

impl Record {
    #[inline]
    pub(crate) const fn from_id(id: u16) -> Record {
        Record { id }
    }

    /// The record's position in the registry: 0 for the first data row of the CSV.
    ///
    /// ```
    /// let first = ianaports::records().next().unwrap();
    /// assert_eq!(first.index(), 0);
    /// ```
    #[inline]
    pub const fn index(self) -> usize {
        self.id as usize
    }

    fn flags(self) -> RecordFlags {
        RECORDS.flags(self.id)
    }

    /// The service name as the registry spells it; `None` for unnamed rows (Reserved,
    /// Unassigned and similar blocks).
    ///
    /// ```
    /// assert_eq!(ianaports::lookup(6000, ianaports::Udp).unwrap().name(), Some("x11"));
    /// let reserved = ianaports::records().find(|r| r.name().is_none()).unwrap();
    /// assert_eq!(reserved.description(), Some("Reserved"));
    /// ```
    pub fn name(self) -> Option<&'static str> {
        NAMES.name(self.id)
    }

    /// The port, or the inclusive port range, the record covers; `None` when the registry gives
    /// none (a name reserved without a port).
    ///
    /// ```
    /// let x11 = ianaports::lookup(6005, ianaports::Tcp).unwrap();
    /// assert_eq!(x11.port_range(), Some(6000..=6063));
    /// ```
    pub fn port_range(self) -> Option<RangeInclusive<u16>> {
        RECORDS.ports(self.id).map(|(first, last)| first..=last)
    }

    /// The transport protocol; `None` when the row leaves it empty, which for a row with a port
    /// means every protocol.
    ///
    /// ```
    /// let boe = ianaports::lookup(6400, ianaports::Sctp).unwrap();
    /// assert_eq!((boe.name(), boe.protocol()), (Some("boe-cms"), None));
    /// ```
    pub fn protocol(self) -> Option<Protocol> {
        self.flags().protocol().map(Protocol::from_layout)
    }

    /// Whether the record covers `port` over `protocol`: its port range contains the port, and
    /// its protocol is `protocol` or none.
    ///
    /// ```
    /// let x11 = ianaports::lookup(6000, ianaports::Tcp).unwrap();
    /// assert!(x11.covers(6063, ianaports::Tcp));
    /// assert!(!x11.covers(6063, ianaports::Udp));
    /// ```
    pub fn covers(self, port: u16, protocol: Protocol) -> bool {
        self.port_range().is_some_and(|range| range.contains(&port))
            && self.protocol().is_none_or(|own| own == protocol)
    }

    /// Whether this is a historic alias: its assignment notes say `This entry is an alias to
    /// "X"`, and new software should use X.
    ///
    /// ```
    /// let old = ianaports::by_name("elpro_tunnel").next().unwrap();
    /// assert!(old.is_historic_alias());
    /// assert_eq!(old.alias_target().and_then(|r| r.name()), Some("elpro-tunnel"));
    /// ```
    pub fn is_historic_alias(self) -> bool {
        self.flags().is_historic_alias()
    }

    /// The record a historic alias stands for: the named record on the same port and protocol
    /// if there is one, else that name's first record. `None` for other records, and for an
    /// alias whose target is not in the registry.
    ///
    /// ```
    /// let old = ianaports::by_name("whois++").next().unwrap();
    /// let current = old.alias_target().unwrap();
    /// assert_eq!(current.to_string(), "whoispp 63/tcp");
    /// assert_eq!(current.alias_target(), None);
    /// ```
    pub fn alias_target(self) -> Option<Record> {
        RECORDS.alias_target(self.id).map(Record::from_id)
    }

    /// The Description column. `None` only when the `descriptions` feature is off; an empty
    /// cell is `Some("")`.
    ///
    /// ```
    /// let ssh = ianaports::lookup(22, ianaports::Tcp).unwrap();
    /// assert_eq!(ssh.description(), Some("The Secure Shell (SSH) Protocol"));
    /// ```
    pub fn description(self) -> Option<&'static str> {
        text_column!("descriptions", DESCRIPTION, self)
    }

    /// The Assignee column. `None` only when the `metadata` feature is off; an empty cell is
    /// `Some("")`.
    ///
    /// ```
    /// let rfb = ianaports::lookup(5900, ianaports::Tcp).unwrap();
    /// assert_eq!(rfb.assignee(), Some("[Tristan_Richardson]"));
    /// ```
    pub fn assignee(self) -> Option<&'static str> {
        text_column!("metadata", ASSIGNEE, self)
    }

    /// The Contact column. `None` only when the `metadata` feature is off; an empty cell is
    /// `Some("")`.
    ///
    /// ```
    /// let pgbouncer = ianaports::lookup(6432, ianaports::Tcp).unwrap();
    /// assert_eq!(pgbouncer.contact(), Some("[Marko_Kreen]"));
    /// ```
    pub fn contact(self) -> Option<&'static str> {
        text_column!("metadata", CONTACT, self)
    }

    /// The Registration Date column (`YYYY-MM-DD` or `YYYY-MM`, often empty). `None` only when
    /// the `metadata` feature is off.
    ///
    /// ```
    /// let remctl = ianaports::lookup(4373, ianaports::Tcp).unwrap();
    /// assert_eq!(remctl.registration_date(), Some("2007-08-30"));
    /// ```
    pub fn registration_date(self) -> Option<&'static str> {
        text_column!("metadata", REGISTRATION_DATE, self)
    }

    /// The Modification Date column. `None` only when the `metadata` feature is off.
    ///
    /// ```
    /// let opcua = ianaports::lookup(4843, ianaports::Tcp).unwrap();
    /// assert_eq!(opcua.modification_date(), Some("2017-05-23"));
    /// ```
    pub fn modification_date(self) -> Option<&'static str> {
        text_column!("metadata", MODIFICATION_DATE, self)
    }

    /// The Reference column (e.g. `[RFC6143]`). `None` only when the `metadata` feature is off.
    ///
    /// ```
    /// let rfb = ianaports::lookup(5900, ianaports::Udp).unwrap();
    /// assert_eq!(rfb.reference(), Some("[RFC6143]"));
    /// ```
    pub fn reference(self) -> Option<&'static str> {
        text_column!("metadata", REFERENCE, self)
    }

    /// The Service Code column (DCCP service codes). `None` only when the `metadata` feature is
    /// off.
    ///
    /// ```
    /// let dccp = ianaports::records().find(|r| r.service_code().is_some_and(|c| !c.is_empty()));
    /// assert!(dccp.is_some());
    /// ```
    pub fn service_code(self) -> Option<&'static str> {
        text_column!("metadata", SERVICE_CODE, self)
    }

    /// The Unauthorized Use Reported column. `None` only when the `metadata` feature is off.
    ///
    /// ```
    /// let pharos = ianaports::lookup(4443, ianaports::Tcp).unwrap();
    /// assert_eq!(pharos.unauthorized_use_reported(), Some("Known Unauthorized Use on port 4443"));
    /// ```
    pub fn unauthorized_use_reported(self) -> Option<&'static str> {
        text_column!("metadata", UNAUTHORIZED_USE_REPORTED, self)
    }

    /// The Assignment Notes column, line breaks and all. `None` only when the `metadata`
    /// feature is off.
    ///
    /// ```
    /// let l2c = ianaports::lookup(4371, ianaports::Tcp).unwrap();
    /// assert_eq!(l2c.assignment_notes(), Some("Modified: 21 January 2010"));
    /// ```
    pub fn assignment_notes(self) -> Option<&'static str> {
        text_column!("metadata", ASSIGNMENT_NOTES, self)
    }
}

impl fmt::Debug for Record {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Record")
            .field("index", &self.index())
            .field("name", &self.name())
            .field("port_range", &self.port_range())
            .field("protocol", &self.protocol())
            .finish()
    }
}

/// `name ports/protocol`, the way people write a service: `x11 6000-6063/tcp`. A missing name
/// is `-`; a missing port or protocol is left out.
///
/// ```
/// let x11 = ianaports::lookup(6001, ianaports::Tcp).unwrap();
/// assert_eq!(x11.to_string(), "x11 6000-6063/tcp");
/// let boe = ianaports::lookup(6400, ianaports::Udp).unwrap();
/// assert_eq!(boe.to_string(), "boe-cms 6400");
/// ```
impl fmt::Display for Record {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name().unwrap_or("-"))?;
        match self.port_range() {
            Some(range) if range.start() == range.end() => write!(f, " {}", range.start())?,
            Some(range) => write!(f, " {}-{}", range.start(), range.end())?,
            None => {}
        }
        match (self.port_range(), self.protocol()) {
            (Some(_), Some(protocol)) => write!(f, "/{protocol}"),
            (None, Some(protocol)) => write!(f, " {protocol}"),
            (_, None) => Ok(()),
        }
    }
}
