//! [`ianaports`](https://docs.rs/ianaports)' generated tables: their byte layout, the value
//! types they hold, and the queries that read them. The one contract between
//! `ianaports-codegen`, which writes the tables, and `ianaports`, which reads them.
//!
//! Everything both sides must agree on is defined here, once: the registry's columns
//! ([`Column`]), the protocol codes ([`Protocol`]), a record's flag bits ([`RecordFlags`]), a
//! port's slot ([`Slot`]) and the port index's geometry ([`PortTables`]), a name's entry
//! ([`NameHeader`]) and the fold the name index hashes ([`fold`]), and each table's element
//! type ([`Tables`], whose fields are typed [`Table`]s). Every width, shift, padding and limit
//! is a `const` or a `fn` here that the generator and the readers both call. The generator
//! builds its tables through these types, writes the very `Tables` value its tests read, and
//! the library reads it through the same code: a change that one side does not follow is a
//! compile error, not a wrong answer.
//!
//! This crate is an implementation detail of `ianaports`, which re-exports its value types
//! ([`Protocol`], [`PortRange`], [`Status`], [`PortClass`]); its API follows `ianaports`'
//! releases, and both pin it with `=`.
//!
//! # Limits
//! What the tables can hold, each refused by the generator with a message naming it:
//! - [`MAX_RECORDS`] records (record ids are `u16`s);
//! - [`Slot::MAX_NAMED`] named records covering one (port, protocol);
//! - service names of at most [`MAX_NAME_LEN`] bytes;
//! - [`MAX_TEXTS`] distinct non-empty text cells in the compiled-in columns (text ids are
//!   `u16`s).

#![no_std]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]
#![warn(missing_docs, unreachable_pub)]

mod column;
mod common_use;
pub mod fold;
mod ip_protocols;
mod names;
mod port_range;
mod ports;
mod protocol;
mod query;
mod records;
#[cfg(feature = "serde")]
mod serde;
mod status;
mod table;
mod texts;

pub use column::{COLUMN_COUNT, Column, TEXT_COLUMN_COUNT};
pub use common_use::{CommonUseEntry, CommonUseTables};
pub use ip_protocols::{
    DEPRECATED_MARKER, IpProtocolFlags, IpProtocolStatus, IpProtocolTables, Strings,
    compare_ignoring_case, strip_marker,
};
pub use names::{
    MAX_NAME_LEN, MAX_RUN, NO_NAME, NameEntries, NameHeader, NameIndex, NameKey, NameQuery,
    NameTables, TEXT_PADDING,
};
pub use phf;
pub use port_range::{ParsePortRangeError, PortRange, Ports};
pub use ports::{PortIndex, PortTables, Slot, SlotLimit};
pub use protocol::{ParseProtocolError, Protocol};
pub use query::{Query, QueryError};
pub use records::{RecordFlags, RecordIds, RecordTables};
pub use status::{PortClass, Status};
pub use table::{Element, Pair, Table};
pub use texts::{MAX_TEXTS, TextColumn, TextPool};

/// The most records a registry can have: record ids are `u16`s.
pub const MAX_RECORDS: usize = 65_535;

/// A registry's tables. The generator emits one as a `const` for the library, and builds them
/// at run time for its own tests, which read them with the same methods.
#[derive(Debug, Clone, Copy)]
pub struct Tables<'a> {
    /// What each record is.
    pub records: RecordTables<'a>,
    /// Service names.
    pub names: NameTables<'a>,
    /// Each name's [`NameKey`] (its first record), hashed on the name's fold with the name
    /// tables' `fold_seed`. Apart from [`NameTables`], which many readers take whole, so that
    /// only [`NameTables::by_name`] references it.
    pub name_index: NameIndex<'a>,
    /// Each name's first record, in the byte order of the lower-cased names: what
    /// [`Tables::port_of_name`] bisects at compile time. Apart from [`NameTables`], so that
    /// no code that runs references it, and no binary carries it.
    pub name_order: Table<'a, u16>,
    /// The (port, protocol) index.
    pub ports: PortTables<'a>,
    /// The text of every text column.
    pub texts: TextPool<'a>,
    /// Each text column's cells, in the order of [`Column::TEXT`].
    pub columns: [TextColumn<'a>; TEXT_COLUMN_COUNT],
}

/// What [`Tables::port_of_name`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PortOfName {
    /// The port of the name's first record with a port on the protocol asked.
    Port(u16),
    /// The name is registered, but none of its records has a port (on that protocol).
    NoPort,
    /// No record has the name.
    UnknownName,
}

impl<'a> Tables<'a> {
    /// Every record with the name `name`, compared ASCII-case-insensitively
    /// ([`NameTables::by_name`] with these tables' index).
    #[inline(always)]
    pub fn by_name(self, name: &[u8]) -> RecordIds<'a> {
        self.names.by_name(self.name_index, name)
    }

    /// The first record of the name `name` (ASCII-case-insensitively), found by bisecting
    /// `name_order`: for const evaluation, which cannot call phf. At most 16 steps, however
    /// large the registry.
    pub const fn first_record_named(self, name: &[u8]) -> Option<u16> {
        self.names.first_in_order(self.name_order, name)
    }

    /// The port of the first record named `name` (ASCII-case-insensitively) that has a port
    /// over `protocol` (over any protocol, for `None`; a record without a protocol has its
    /// port over all of them). A `const fn`, for compile-time checked names: a bisection of
    /// `name_order`, not the phf index, which const evaluation cannot call.
    pub const fn port_of_name(self, name: &str, protocol: Option<Protocol>) -> PortOfName {
        let Some(first) = self.first_record_named(name.as_bytes()) else {
            return PortOfName::UnknownName;
        };
        let Some((_, header)) = self.names.entry(first) else {
            return PortOfName::UnknownName;
        };
        let records = self.names.records_of(first, header);
        let mut at = 0;
        while let Some(id) = records.const_nth(at) {
            at += 1;
            let on_protocol = match (protocol, self.records.flags(id).protocol()) {
                (Some(wanted), Some(own)) => wanted.index() == own.index(),
                _ => true,
            };
            if let (true, Some((first_port, _))) = (on_protocol, self.records.ports(id)) {
                return PortOfName::Port(first_port);
            }
        }
        PortOfName::NoPort
    }
}
