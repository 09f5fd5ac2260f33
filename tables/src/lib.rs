//! The byte layout of [`ianaports`](https://docs.rs/ianaports)' generated tables: the one
//! contract between `ianaports-codegen`, which writes them, and `ianaports`, which reads them.
//!
//! Everything both sides must agree on is defined here, once: the protocol codes
//! ([`Protocol`]), a record's flag bits ([`RecordFlags`]), a port's slot ([`Slot`]), a name's
//! entry and the fold the name index hashes ([`names`]), and each table's element type
//! ([`Tables`], whose fields are typed [`Table`]s). The generator builds its tables through
//! these types and the library reads them through the same code, so a change that one side
//! does not follow is a compile error, not a wrong answer. The generator's own tests read what
//! it generates through these readers too.
//!
//! This crate is an implementation detail of `ianaports`; its API follows `ianaports`'
//! releases, and both pin it with `=`.
//!
//! # Limits
//! What the tables can hold, each refused by the generator with a message naming it:
//! - [`MAX_RECORDS`] records (record ids are `u16`s);
//! - [`Slot::MAX_NAMED`] named records covering one (port, protocol);
//! - service names of at most [`names::MAX_NAME_LEN`] bytes;
//! - 65,535 distinct non-empty text cells in the compiled-in columns (text ids are `u16`s).

#![no_std]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]

pub mod names;
mod port_range;
mod protocol;
mod record;
#[cfg(feature = "serde")]
mod serde;
mod slot;
mod status;
mod table;
mod tables;

pub use names::{NameKey, NameQuery};
pub use phf;
pub use port_range::{ParsePortRangeError, PortRange, Ports};
pub use protocol::{ParseProtocolError, Protocol};
pub use status::{PortClass, Status};
pub use record::RecordFlags;
pub use slot::{Slot, SlotLimit};
pub use table::{Element, Pair, Table};
pub use tables::{
    MAX_RECORDS, NO_NAME, NameEntries, NameIndex, NameTables, PortOfName, PortTables,
    RecordIds, RecordTables, Tables, TextColumn, TextPool,
};
