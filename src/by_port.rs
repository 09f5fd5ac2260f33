//! The (port, protocol) queries. Every port the registry names or reserves has a packed slot;
//! ranges were expanded at build time, so nothing is searched. Two ways lead from a port to
//! its slot:
//!
//! - with `dense-port-index` (default): a 128 KiB table indexed by port, plus each slot's
//!   primary record per protocol, so `lookup` is two loads;
//! - without it (firmware): a bitmap of the 65,536 ports with a rank every 64, 10 KiB, and the
//!   primary is read from the slot's list.

use crate::generated::PORTS;
use crate::{Protocol, Records, Status};

const DENSE: bool = cfg!(feature = "dense-port-index");

/// The first named record covering (port, protocol).
#[inline]
pub(crate) const fn primary(port: u16, protocol: Protocol) -> Option<u16> {
    PORTS.lookup(port, protocol, DENSE)
}

#[inline]
pub(crate) fn lookup_all(port: u16, protocol: Protocol) -> Records {
    Records::listed(PORTS.lookup_all(port, protocol, DENSE))
}

#[inline]
pub(crate) const fn status(port: u16, protocol: Protocol) -> Status {
    PORTS.status(port, protocol, DENSE)
}
