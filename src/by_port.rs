//! The (port, protocol) queries. Every port the registry names or reserves has a packed slot;
//! ranges were expanded at build time, so nothing is searched. The generator picks the way
//! from a port to its slot, and the tables say which (`PortIndex`, a constant here):
//!
//! - with `dense-port-index` (default): a table indexed by port, plus each slot's primary
//!   record per protocol, so `lookup` is two loads;
//! - without it (firmware): a bitmap of the 65,536 ports with a rank every 64, and the primary
//!   is read from the slot's list;
//! - under `IANAPORTS_FILTER`: the ports kept, sorted, bisected, whatever the features.

use ianaports_tables::PortIndex;

use crate::generated::PORTS;
use crate::{Protocol, Records, Status};

const INDEX: PortIndex = PORTS.index;

/// The first named record covering (port, protocol).
#[inline]
pub(crate) const fn primary(port: u16, protocol: Protocol) -> Option<u16> {
    PORTS.lookup(port, protocol, INDEX)
}

#[inline]
pub(crate) fn lookup_all(port: u16, protocol: Protocol) -> Records {
    Records::listed(PORTS.lookup_all(port, protocol, INDEX))
}

#[inline]
pub(crate) const fn status(port: u16, protocol: Protocol) -> Status {
    PORTS.status(port, protocol, INDEX)
}
