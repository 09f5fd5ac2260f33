//! The (port, protocol) index. Every port the registry names or reserves has a packed slot
//! (slot 0 is the empty one); ranges were expanded at build time, so nothing is searched. Two
//! ways lead from a port to its slot:
//!
//! - with `dense-port-index` (default): a 128 KiB table indexed by port, plus each slot's
//!   primary record per protocol, so `lookup` is two loads;
//! - without it (firmware): a bitmap of the 65,536 ports with a rank every 64, 10 KiB, and the
//!   primary is read from the slot's list.
//!
//! Neither path branches on the data until the caller looks at the answer: with 20% misses in a
//! realistic mix, a mispredicted "is there a slot" branch would cost more than the loads it
//! skips.

use crate::tables::{COVER_RECORDS, PORT_SLOTS, U16s};
use crate::{Protocol, Records, Status};

const COUNT_BITS: u32 = 3;
const COUNT_MASK: u32 = (1 << COUNT_BITS) - 1;

#[cfg(feature = "dense-port-index")]
#[inline]
fn slot_index(port: u16) -> usize {
    usize::from(
        crate::tables::PORT_SLOT_INDEX
            .get(usize::from(port))
            .unwrap_or(0),
    )
}

#[cfg(not(feature = "dense-port-index"))]
#[inline]
fn slot_index(port: u16) -> usize {
    use crate::tables::{PORT_BITMAP, PORT_RANK};
    let block = usize::from(port >> 6);
    let bits = PORT_BITMAP.get(block).unwrap_or(0);
    let rank = PORT_RANK.get(block).unwrap_or(0);
    let bit = 1u64 << (port & 63);
    let index = 1 + usize::from(rank) + (bits & (bit - 1)).count_ones() as usize;
    index * usize::from(bits & bit != 0)
}

/// The packed slot of `port`; slot 0 (no named record, nothing reserved) if it has none.
#[inline]
fn slot(port: u16) -> u32 {
    PORT_SLOTS.get(slot_index(port)).unwrap_or(0)
}

/// Named records covering (port, protocol), in lookup order.
#[inline]
pub(crate) fn covering(port: u16, protocol: Protocol) -> U16s {
    let slot = slot(port);
    let shift = COUNT_BITS * protocol.index() as u32;
    let counts = slot >> 16;
    let count = (counts >> shift) & COUNT_MASK;
    let lower = counts & ((1 << shift) - 1);
    let skipped = (lower & COUNT_MASK) + ((lower >> 3) & COUNT_MASK) + ((lower >> 6) & COUNT_MASK);
    let start = ((slot & 0xFFFF) + skipped) as usize;
    COVER_RECORDS.range(start..start + count as usize)
}

/// The first of [`covering`].
#[cfg(feature = "dense-port-index")]
#[inline]
pub(crate) fn primary(port: u16, protocol: Protocol) -> Option<u16> {
    let primary = crate::tables::PORT_PRIMARY.get(slot_index(port), protocol.index());
    primary.unwrap_or(0).checked_sub(1)
}

/// The first of [`covering`].
#[cfg(not(feature = "dense-port-index"))]
pub(crate) fn primary(port: u16, protocol: Protocol) -> Option<u16> {
    covering(port, protocol).get(0)
}

#[inline]
pub(crate) fn lookup_all(port: u16, protocol: Protocol) -> Records {
    Records::listed(covering(port, protocol))
}

#[inline]
pub(crate) fn status(port: u16, protocol: Protocol) -> Status {
    let slot = slot(port);
    let count = (slot >> (16 + COUNT_BITS * protocol.index() as u32)) & COUNT_MASK;
    if count != 0 {
        Status::Assigned
    } else if slot & (1 << (28 + protocol.index())) != 0 {
        Status::Reserved
    } else {
        Status::Unassigned
    }
}
