//! The generated tables, one `const` per group, as `ianaports_tables` reads them.
//!
//! The library reads each group through its own `const`, never through the whole `TABLES`:
//! a group passed to a reader that is not inlined is then a constant of its own, which
//! references only that group's tables, so a program links in only the tables it reads.

mod generated {
    include!(concat!(env!("OUT_DIR"), "/registry.rs"));
}

use ianaports_tables::{NameTables, PortTables, RecordTables, Tables};
#[cfg(any(feature = "descriptions", feature = "metadata"))]
use ianaports_tables::{TextColumn, TextPool};

pub(crate) use generated::{
    NEWEST_MODIFICATION_DATE, NEWEST_REGISTRATION_DATE, RECORD_COUNT, REGISTRY_UPDATED,
    REGISTRY_UPDATED_BY_IANA,
};

pub(crate) const RECORDS: RecordTables<'static> = generated::TABLES.records;
pub(crate) const NAMES: NameTables<'static> = generated::TABLES.names;
pub(crate) const PORTS: PortTables<'static> = generated::TABLES.ports;
#[cfg(any(feature = "descriptions", feature = "metadata"))]
pub(crate) const TEXTS: TextPool<'static> = generated::TABLES.texts;
#[cfg(feature = "descriptions")]
pub(crate) const DESCRIPTION: TextColumn<'static> = generated::TABLES.description;
#[cfg(feature = "metadata")]
pub(crate) use metadata::*;

#[cfg(feature = "metadata")]
mod metadata {
    use super::{TextColumn, generated};

    pub(crate) const ASSIGNEE: TextColumn<'static> = generated::TABLES.assignee;
    pub(crate) const CONTACT: TextColumn<'static> = generated::TABLES.contact;
    pub(crate) const REGISTRATION_DATE: TextColumn<'static> = generated::TABLES.registration_date;
    pub(crate) const MODIFICATION_DATE: TextColumn<'static> = generated::TABLES.modification_date;
    pub(crate) const REFERENCE: TextColumn<'static> = generated::TABLES.reference;
    pub(crate) const SERVICE_CODE: TextColumn<'static> = generated::TABLES.service_code;
    pub(crate) const UNAUTHORIZED_USE_REPORTED: TextColumn<'static> =
        generated::TABLES.unauthorized_use_reported;
    pub(crate) const ASSIGNMENT_NOTES: TextColumn<'static> = generated::TABLES.assignment_notes;
}

/// The records named `name`. Not inlined: the phf index is a `const` (which lets every
/// division by its lengths become a multiplication), and a `const` is copied into each
/// function that reads it, so only this one does.
#[inline(never)]
pub(crate) fn records_named(name: &[u8]) -> ianaports_tables::RecordIds<'static> {
    NAMES.by_name(generated::TABLES.name_index, name)
}

/// All the tables, for `const` evaluation only ([`crate::port!`]): code that runs reads the
/// groups above.
pub(crate) const ALL: Tables<'static> = generated::TABLES;
