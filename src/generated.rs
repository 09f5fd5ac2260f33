//! The generated tables, one `const` per group, as `ianaports_tables` reads them.
//!
//! The library reads each group through its own `const`, never through the whole `TABLES`:
//! a group passed to a reader that is not inlined is then a constant of its own, which
//! references only that group's tables, so a program links in only the tables it reads.

mod emitted {
    include!(concat!(env!("OUT_DIR"), "/registry.rs"));
}

mod emitted_ip_protocols {
    include!(concat!(env!("OUT_DIR"), "/ip_protocols.rs"));
}

pub(crate) use emitted_ip_protocols::{IP_PROTOCOLS, IP_PROTOCOLS_UPDATED};

#[cfg(any(feature = "descriptions", feature = "metadata"))]
use ianaports_tables::{Column, TextColumn, TextPool};
use ianaports_tables::{NameTables, PortTables, RecordTables, Tables};

pub(crate) use emitted::{
    FILTER, NEWEST_MODIFICATION_DATE, NEWEST_REGISTRATION_DATE, RECORD_COUNT, REGISTRY_UPDATED,
    REGISTRY_UPDATED_BY_IANA,
};

pub(crate) const RECORDS: RecordTables<'static> = emitted::TABLES.records;
pub(crate) const NAMES: NameTables<'static> = emitted::TABLES.names;
pub(crate) const PORTS: PortTables<'static> = emitted::TABLES.ports;
#[cfg(any(feature = "descriptions", feature = "metadata"))]
pub(crate) const TEXTS: TextPool<'static> = emitted::TABLES.texts;

/// The text column `column`, for a `const` block (see `Record`'s accessors): the value of one
/// column, which references only that column's table.
#[cfg(any(feature = "descriptions", feature = "metadata"))]
pub(crate) const fn text_column(column: Column) -> TextColumn<'static> {
    match column.text_index() {
        Some(at) => emitted::TABLES.columns[at],
        None => TextColumn::Absent,
    }
}

/// The records named `name`. Not inlined: the phf index is a `const` (which lets every
/// division by its lengths become a multiplication), and a `const` is copied into each
/// function that reads it, so only this one does. A build cut by `IANAPORTS_FILTER` bisects
/// the names in order instead, and carries neither the index nor its code.
#[inline(never)]
pub(crate) fn records_named(name: &[u8]) -> ianaports_tables::RecordIds<'static> {
    if FILTER.is_empty() {
        NAMES.by_name(emitted::TABLES.name_index, name)
    } else {
        NAMES.by_name_in_order(emitted::TABLES.name_order, name)
    }
}

/// All the tables, for `const` evaluation only ([`crate::port!`]): code that runs reads the
/// groups above.
pub(crate) const ALL: Tables<'static> = emitted::TABLES;
