//! The generated tables, as the `ianaports_layout::Tables` the readers work on.

mod generated {
    include!(concat!(env!("OUT_DIR"), "/registry.rs"));
}

pub(crate) use generated::{
    NEWEST_MODIFICATION_DATE, NEWEST_REGISTRATION_DATE, RECORD_COUNT, REGISTRY_UPDATED,
    REGISTRY_UPDATED_BY_IANA,
};

/// Every table of the compiled-in registry. A `const`, so that every lookup (inlined into
/// other crates too) sees each table's address and length as constants.
pub(crate) const TABLES: ianaports_layout::Tables<'static> = generated::TABLES;
