//! One row of the registry, as a `Copy` handle onto the compiled-in tables, and the iterator
//! every multi-record query returns.

use core::fmt;
use core::iter::FusedIterator;

#[cfg(any(feature = "descriptions", feature = "metadata"))]
use ianaports_tables::Column;
use ianaports_tables::{RecordFlags, RecordIds, Table};

#[cfg(any(feature = "descriptions", feature = "metadata"))]
use crate::generated;
use crate::generated::{NAMES, RECORDS};
use crate::{PortRange, Protocol};

/// A record of the registry: one row of IANA's CSV.
///
/// Records are two bytes, `Copy`, and compare in registry order. Text comes straight from the
/// compiled-in tables as `&'static str`; an empty cell is `None`.
///
/// With the `serde` feature a record serializes as a struct with these fields, in this order,
/// and under these names in every release: `index`, `service_name`, `port_range` (a
/// [`PortRange`]: `{"start": 6000, "end": 6063}`), `transport_protocol` (`"tcp"`...),
/// `description` (with the `descriptions` feature), `assignee`, `contact`,
/// `registration_date`, `modification_date`, `reference`, `service_code`,
/// `unauthorized_use_reported`, `assignment_notes` (with `metadata`), `historic_alias` (a
/// bool) and `alias_of` (the current name a historic alias stands for). What is empty is
/// `null`.
///
/// ```
/// let postgresql = ianaports::lookup(5432, ianaports::Tcp).unwrap();
/// assert_eq!(postgresql.name(), Some("postgresql"));
/// assert_eq!(postgresql.port_range(), Some(ianaports::PortRange::single(5432)));
/// assert_eq!(postgresql.protocol(), Some(ianaports::Tcp));
/// assert_eq!(postgresql.description(), Some("PostgreSQL Database"));
/// assert_eq!(postgresql.assignee(), Some("[Tom_Lane]"));
/// assert_eq!(postgresql.registration_date(), None);
///
/// # #[cfg(feature = "serde")] {
/// let json = serde_json::to_value(postgresql).unwrap();
/// assert_eq!(json["service_name"], "postgresql");
/// assert_eq!(json["port_range"], serde_json::json!({"start": 5432, "end": 5432}));
/// assert_eq!(json["transport_protocol"], "tcp");
/// assert_eq!(json["registration_date"], serde_json::Value::Null);
/// # }
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Record {
    id: u16,
}

/// Reads one optional text column: `None` for an empty cell. The column is found in a `const`
/// block, so the accessor references that column's table alone.
#[cfg(any(feature = "descriptions", feature = "metadata"))]
macro_rules! text_column {
    ($column:ident, $record:expr) => {
        const { generated::text_column(Column::$column) }
            .cell(generated::TEXTS, $record.id)
            .filter(|cell| !cell.is_empty())
    };
}

impl Record {
    #[inline]
    pub(crate) const fn from_id(id: u16) -> Record {
        Record { id }
    }

    /// The record at `index` in registry order, the inverse of [`Record::index`]; `None`
    /// past the last record.
    ///
    /// ```
    /// use ianaports::Record;
    ///
    /// let postgresql = ianaports::lookup(5432, ianaports::Tcp).unwrap();
    /// assert_eq!(Record::from_index(postgresql.index()), Some(postgresql));
    /// assert_eq!(Record::from_index(ianaports::RECORD_COUNT), None);
    /// ```
    pub const fn from_index(index: usize) -> Option<Record> {
        if index < crate::RECORD_COUNT {
            // RECORD_COUNT is at most 65,535: the generator refuses more.
            Some(Record { id: index as u16 })
        } else {
            None
        }
    }

    /// The record's position in the registry: 0 for the first data row of the CSV. (In a
    /// build cut by `IANAPORTS_FILTER`, its position among the records compiled in.)
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
    /// assert_eq!(x11.port_range().map(|r| r.to_string()).as_deref(), Some("6000-6063"));
    /// let ssh = ianaports::by_name("ssh").last().unwrap();
    /// assert_eq!(ssh.port_range(), None);
    /// ```
    pub fn port_range(self) -> Option<PortRange> {
        let (first, last) = RECORDS.ports(self.id)?;
        PortRange::new(first, last)
    }

    /// The transport protocol; `None` when the row leaves it empty, which for a row with a port
    /// means every protocol.
    ///
    /// ```
    /// let boe = ianaports::lookup(6400, ianaports::Sctp).unwrap();
    /// assert_eq!((boe.name(), boe.protocol()), (Some("boe-cms"), None));
    /// ```
    pub fn protocol(self) -> Option<Protocol> {
        self.flags().protocol()
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
        self.port_range().is_some_and(|range| range.contains(port))
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

    /// The Description column; `None` for an empty cell. Needs the `descriptions` feature.
    ///
    /// ```
    /// let ssh = ianaports::lookup(22, ianaports::Tcp).unwrap();
    /// assert_eq!(ssh.description(), Some("The Secure Shell (SSH) Protocol"));
    /// ```
    #[cfg(feature = "descriptions")]
    #[cfg_attr(docsrs, doc(cfg(feature = "descriptions")))]
    pub fn description(self) -> Option<&'static str> {
        text_column!(Description, self)
    }

    /// The Assignee column (e.g. `[Tom_Lane]`); `None` for an empty cell. Needs the `metadata`
    /// feature.
    ///
    /// ```
    /// let rfb = ianaports::lookup(5900, ianaports::Tcp).unwrap();
    /// assert_eq!(rfb.assignee(), Some("[Tristan_Richardson]"));
    /// ```
    #[cfg(feature = "metadata")]
    #[cfg_attr(docsrs, doc(cfg(feature = "metadata")))]
    pub fn assignee(self) -> Option<&'static str> {
        text_column!(Assignee, self)
    }

    /// The Contact column; `None` for an empty cell. Needs the `metadata` feature.
    ///
    /// ```
    /// let pgbouncer = ianaports::lookup(6432, ianaports::Tcp).unwrap();
    /// assert_eq!(pgbouncer.contact(), Some("[Marko_Kreen]"));
    /// ```
    #[cfg(feature = "metadata")]
    #[cfg_attr(docsrs, doc(cfg(feature = "metadata")))]
    pub fn contact(self) -> Option<&'static str> {
        text_column!(Contact, self)
    }

    /// The Registration Date column (`YYYY-MM-DD` or `YYYY-MM`); `None` for an empty cell,
    /// which most older records have. Needs the `metadata` feature.
    ///
    /// ```
    /// let remctl = ianaports::lookup(4373, ianaports::Tcp).unwrap();
    /// assert_eq!(remctl.registration_date(), Some("2007-08-30"));
    /// ```
    #[cfg(feature = "metadata")]
    #[cfg_attr(docsrs, doc(cfg(feature = "metadata")))]
    pub fn registration_date(self) -> Option<&'static str> {
        text_column!(RegistrationDate, self)
    }

    /// The Modification Date column; `None` for an empty cell. Needs the `metadata` feature.
    ///
    /// ```
    /// let opcua = ianaports::lookup(4843, ianaports::Tcp).unwrap();
    /// assert_eq!(opcua.modification_date(), Some("2017-05-23"));
    /// ```
    #[cfg(feature = "metadata")]
    #[cfg_attr(docsrs, doc(cfg(feature = "metadata")))]
    pub fn modification_date(self) -> Option<&'static str> {
        text_column!(ModificationDate, self)
    }

    /// The Reference column (e.g. `[RFC6143]`); `None` for an empty cell. Needs the
    /// `metadata` feature.
    ///
    /// ```
    /// let rfb = ianaports::lookup(5900, ianaports::Udp).unwrap();
    /// assert_eq!(rfb.reference(), Some("[RFC6143]"));
    /// ```
    #[cfg(feature = "metadata")]
    #[cfg_attr(docsrs, doc(cfg(feature = "metadata")))]
    pub fn reference(self) -> Option<&'static str> {
        text_column!(Reference, self)
    }

    /// The Service Code column (DCCP service codes); `None` for an empty cell. Needs the
    /// `metadata` feature.
    ///
    /// ```
    /// let discard = ianaports::lookup(9, ianaports::Dccp).unwrap();
    /// assert_eq!(discard.service_code(), Some("1145656131"));
    /// assert_eq!(ianaports::lookup(9, ianaports::Tcp).unwrap().service_code(), None);
    /// ```
    #[cfg(feature = "metadata")]
    #[cfg_attr(docsrs, doc(cfg(feature = "metadata")))]
    pub fn service_code(self) -> Option<&'static str> {
        text_column!(ServiceCode, self)
    }

    /// The Unauthorized Use Reported column; `None` for an empty cell. Needs the `metadata`
    /// feature.
    ///
    /// ```
    /// let pharos = ianaports::lookup(4443, ianaports::Tcp).unwrap();
    /// assert_eq!(pharos.unauthorized_use_reported(), Some("Known Unauthorized Use on port 4443"));
    /// ```
    #[cfg(feature = "metadata")]
    #[cfg_attr(docsrs, doc(cfg(feature = "metadata")))]
    pub fn unauthorized_use_reported(self) -> Option<&'static str> {
        text_column!(UnauthorizedUseReported, self)
    }

    /// The Assignment Notes column, line breaks and all; `None` for an empty cell. Needs the
    /// `metadata` feature.
    ///
    /// ```
    /// let l2c = ianaports::lookup(4371, ianaports::Tcp).unwrap();
    /// assert_eq!(l2c.assignment_notes(), Some("Modified: 21 January 2010"));
    /// ```
    #[cfg(feature = "metadata")]
    #[cfg_attr(docsrs, doc(cfg(feature = "metadata")))]
    pub fn assignment_notes(self) -> Option<&'static str> {
        text_column!(AssignmentNotes, self)
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
        if let Some(range) = self.port_range() {
            write!(f, " {range}")?;
        }
        match (self.port_range(), self.protocol()) {
            (Some(_), Some(protocol)) => write!(f, "/{protocol}"),
            (None, Some(protocol)) => write!(f, " {protocol}"),
            (_, None) => Ok(()),
        }
    }
}

/// Records in a fixed order, without allocating. Knows its length, and runs both ways.
///
/// ```
/// let names: Vec<_> = ianaports::lookup_all(80, ianaports::Tcp).filter_map(|r| r.name()).collect();
/// assert_eq!(names, ["http", "www", "www-http"]);
/// assert_eq!(ianaports::records().len(), ianaports::RECORD_COUNT);
/// ```
#[derive(Clone)]
pub struct Records {
    ids: RecordIds<'static>,
}

/// The records it has left, as [`Record`]'s `Display` writes them.
///
/// ```
/// let ssh = ianaports::by_name("ssh");
/// assert_eq!(format!("{ssh:?}"), "Records [ssh 22/tcp, ssh 22/udp, ssh 22/sctp, ssh tcp]");
/// ```
impl core::fmt::Debug for Records {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        struct Shown(Record);
        impl core::fmt::Debug for Shown {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                core::fmt::Display::fmt(&self.0, f)
            }
        }
        f.write_str("Records ")?;
        f.debug_list().entries(self.clone().map(Shown)).finish()
    }
}

impl Records {
    #[inline]
    pub(crate) fn new(ids: RecordIds<'static>) -> Records {
        Records { ids }
    }

    pub(crate) fn all() -> Records {
        // The generator refuses registries with more records than a u16 numbers.
        let count = u16::try_from(RECORDS.count()).unwrap_or(u16::MAX);
        Records::new(RecordIds::range(0..count))
    }

    #[inline]
    pub(crate) fn listed(ids: Table<'static, u16>) -> Records {
        Records::new(RecordIds::Listed(ids))
    }
}

impl Records {
    /// Whether no record is left.
    ///
    /// ```
    /// assert!(ianaports::by_name("no-such-service").is_empty());
    /// assert!(!ianaports::lookup_all(22, ianaports::Tcp).is_empty());
    /// ```
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.ids.len() == 0
    }
}

impl Iterator for Records {
    type Item = Record;

    #[inline]
    fn next(&mut self) -> Option<Record> {
        self.ids.next().map(Record::from_id)
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.ids.size_hint()
    }

    fn nth(&mut self, n: usize) -> Option<Record> {
        self.ids.nth(n).map(Record::from_id)
    }
}

impl DoubleEndedIterator for Records {
    fn next_back(&mut self) -> Option<Record> {
        self.ids.next_back().map(Record::from_id)
    }
}

impl ExactSizeIterator for Records {
    #[inline]
    fn len(&self) -> usize {
        self.ids.len()
    }
}

impl FusedIterator for Records {}
