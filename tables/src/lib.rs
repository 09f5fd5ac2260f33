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
#![forbid(unsafe_code)]

pub mod names;
mod port_range;
mod record;
mod slot;
mod table;
mod tables;

pub use names::{NameKey, NameQuery};
pub use phf;
pub use port_range::{PortRangeError, parse_port_range};
pub use record::RecordFlags;
pub use slot::{Slot, SlotLimit};
pub use table::{Element, Pair, Table};
pub use tables::{
    MAX_RECORDS, NO_NAME, NameEntries, NameIndex, NameTables, PortOfName, PortStatus, PortTables,
    RecordIds, RecordTables, Tables, TextColumn, TextPool,
};

/// A transport protocol, as the tables code it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Protocol {
    Tcp,
    Udp,
    Sctp,
    Dccp,
}

impl Protocol {
    /// Every protocol, in the order the tables index them.
    pub const ALL: [Protocol; 4] = [Protocol::Tcp, Protocol::Udp, Protocol::Sctp, Protocol::Dccp];

    /// The registry's spelling.
    pub const fn name(self) -> &'static str {
        match self {
            Protocol::Tcp => "tcp",
            Protocol::Udp => "udp",
            Protocol::Sctp => "sctp",
            Protocol::Dccp => "dccp",
        }
    }

    /// The protocol spelled exactly as the registry spells it.
    pub fn from_name(name: &str) -> Option<Protocol> {
        Protocol::ALL
            .into_iter()
            .find(|protocol| protocol.name() == name)
    }

    /// Position in [`Protocol::ALL`].
    pub const fn index(self) -> usize {
        self as usize
    }

    pub(crate) const fn index_u32(self) -> u32 {
        self as u32
    }

    /// The code in a record's flags: `index() + 1`, with 0 for "no protocol".
    pub const fn code(self) -> u8 {
        self as u8 + 1
    }

    pub const fn from_code(code: u8) -> Option<Protocol> {
        match code {
            1 => Some(Protocol::Tcp),
            2 => Some(Protocol::Udp),
            3 => Some(Protocol::Sctp),
            4 => Some(Protocol::Dccp),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn protocol_codes_round_trip() {
        for protocol in Protocol::ALL {
            assert_eq!(Protocol::from_code(protocol.code()), Some(protocol));
            assert_eq!(Protocol::from_name(protocol.name()), Some(protocol));
            assert_eq!(Protocol::ALL[protocol.index()], protocol);
        }
        assert_eq!(Protocol::from_code(0), None);
        assert_eq!(Protocol::from_name("TCP"), None);
    }
}
