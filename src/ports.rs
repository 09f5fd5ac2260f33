//! The (port, protocol) index: a rank-indexed bitmap over all 65,536 ports, then one packed
//! slot per port that the registry says anything about.
//!
//! A dense `[u16; 65536]` would be one load shorter but 128 KiB; the bitmap and its ranks are
//! 10 KiB, fit in L1 next to the hot slots, and keep the names-and-ports build inside small
//! flash. Ranges were expanded at build time, so no lookup searches.

use crate::tables::{self, COVER_RECORDS, PORT_BITMAP, PORT_RANK, PORT_SLOTS};
use crate::{Protocol, Records, Status};

/// The packed slot of `port`, if the registry names or reserves it over any protocol.
fn slot(port: u16) -> Option<u32> {
    let block = usize::from(port >> 6);
    let bits = tables::u64_at(PORT_BITMAP, block)?;
    let bit = 1u64 << (port & 63);
    if bits & bit == 0 {
        return None;
    }
    let before = tables::u16_at(PORT_RANK, block)?;
    let index = usize::from(before) + (bits & (bit - 1)).count_ones() as usize;
    tables::u32_at(PORT_SLOTS, index)
}

/// Named records covering (port, protocol) in lookup order, as u16 record ids.
pub(crate) fn covering(port: u16, protocol: Protocol) -> &'static [u8] {
    let Some(slot) = slot(port) else { return &[] };
    let shift = 3 * protocol.index();
    let counts = (slot >> 16) & 0xFFF;
    let count = (counts >> shift) & 0b111;
    let lower = counts & ((1 << shift) - 1);
    let skipped = (lower & 7) + ((lower >> 3) & 7) + ((lower >> 6) & 7);
    let start = (slot & 0xFFFF) + skipped;
    tables::byte_span(COVER_RECORDS, start as usize..(start + count) as usize)
}

pub(crate) fn lookup_all(port: u16, protocol: Protocol) -> Records {
    Records::listed(covering(port, protocol))
}

pub(crate) fn status(port: u16, protocol: Protocol) -> Status {
    let Some(slot) = slot(port) else {
        return Status::Unassigned;
    };
    let count = (slot >> (16 + 3 * protocol.index())) & 0b111;
    if count != 0 {
        Status::Assigned
    } else if slot & (1 << (28 + protocol.index())) != 0 {
        Status::Reserved
    } else {
        Status::Unassigned
    }
}
