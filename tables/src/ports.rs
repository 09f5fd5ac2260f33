//! The (port, protocol) index: from a port to its slot, and from a slot to the named records
//! covering the port per protocol.

use crate::{Pair, Protocol, Status, Table};

/// How a port is led to its slot. The generator picks one for the registry it builds, and the
/// readers follow the tables' choice (a constant, so the others' code is not even compiled in).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PortIndex {
    /// `slot_index`, a `u16` per port, and each slot's primary records: two loads. The
    /// `dense-port-index` feature, for the whole registry.
    Dense,
    /// `bitmap` and `rank`: a bit per port and a count every 64 ports, from `first_block` on.
    /// The whole registry without `dense-port-index` (all 1,024 words), and a registry cut by
    /// `IANAPORTS_FILTER` whose ports are close together (only the words they span).
    Bitmap,
    /// `sorted`: the ports that have a slot, in order, bisected. A registry cut by
    /// `IANAPORTS_FILTER` whose few ports are far apart, where even the words they span would
    /// cost more.
    Sorted,
}

/// The (port, protocol) index.
///
/// | table | element | meaning |
/// |---|---|---|
/// | `bitmap` | u64 per 64 ports, from `first_block` | bit set when the port has a slot of its own |
/// | `rank` | u16 per 64 ports, from `first_block` | slots before the block |
/// | `slots` | [`Slot`] | one per port with a slot, in port order, then the empty slot |
/// | `slot_index` | u16 per port | dense index only: the port's slot (the last one for none) |
/// | `primary` | [`PortTables::PRIMARIES_PER_SLOT`] u16 per slot | dense index only: each protocol's first covering record, as [`PortTables::encode_primary`] writes it |
/// | `sorted` | u16 | sorted index only: the ports that have a slot, in order |
/// | `cover` | u16 | the named records covering each (port, protocol), in lookup order; identical lists are shared, and each starts at a multiple of `1 << cover_unit_shift` entries (the smallest unit that lets a slot's 16 bits reach every list) |
/// | `filter` | [`Pair`] per protocol | with `filtered`: the (first, last) port ranges that `IANAPORTS_FILTER` kept, sorted |
#[derive(Debug, Clone, Copy)]
pub struct PortTables<'a> {
    /// A bit per port: whether it has a slot of its own.
    pub bitmap: Table<'a, u64>,
    /// Per bitmap word: the slots before it.
    pub rank: Table<'a, u16>,
    /// The packed slots.
    pub slots: Table<'a, u32>,
    /// Per port, with the dense index: its slot.
    pub slot_index: Table<'a, u16>,
    /// Per slot and protocol, with the dense index: the first covering record.
    pub primary: Table<'a, u16>,
    /// The covering-records lists.
    pub cover: Table<'a, u16>,
    /// The lists' unit, as a shift.
    pub cover_unit_shift: u32,
    /// With the sorted index: the ports that have a slot.
    pub sorted: Table<'a, u16>,
    /// The bitmap's first word: 0 but for a filtered build, whose bitmap spans its ports only.
    pub first_block: u16,
    /// Which index leads from a port to its slot.
    pub index: PortIndex,
    /// Whether the tables hold only the (port, protocol) pairs in `filter`.
    pub filtered: bool,
    /// Per protocol, in [`Protocol::ALL`] order: the port ranges the filter kept.
    pub filter: [Table<'a, Pair>; 4],
}

impl PortTables<'_> {
    /// Ports per bitmap word, as a shift: a `u64` holds 64 ports.
    pub const BLOCK_SHIFT: u32 = u64::BITS.trailing_zeros();
    /// Bitmap words (and ranks) for the 65,536 ports.
    pub const BLOCKS: usize = 1 << (u16::BITS - Self::BLOCK_SHIFT);
    /// Primary entries per slot: one per protocol.
    pub const PRIMARIES_PER_SLOT: usize = Protocol::ALL.len();
    /// The longest covering list a slot can have: [`Slot::MAX_NAMED`] per protocol.
    pub const MAX_LIST_LEN: usize = Slot::MAX_NAMED * Protocol::ALL.len();
    /// The largest unit the covering lists need, as a shift: a unit that holds the longest
    /// list lets every one of 65,536 ports' lists start at a unit of its own, which a slot's
    /// 16 bits reach.
    pub const MAX_COVER_UNIT_SHIFT: u32 = Self::MAX_LIST_LEN.next_power_of_two().trailing_zeros();

    /// The bitmap word that holds `port`'s bit.
    #[inline]
    pub const fn block_of(port: u16) -> usize {
        (port >> Self::BLOCK_SHIFT) as usize
    }

    /// `port`'s bit in its bitmap word.
    #[inline]
    pub const fn bit_of(port: u16) -> u64 {
        1 << (port & ((1 << Self::BLOCK_SHIFT) - 1))
    }

    /// A primary entry: the record + 1, so that 0 says "none"; `None` when the record is
    /// past what the entry can hold.
    pub const fn encode_primary(record: Option<u16>) -> Option<u16> {
        match record {
            Some(record) => record.checked_add(1),
            None => Some(0),
        }
    }

    /// The record a primary entry holds, if any.
    #[inline]
    pub const fn decode_primary(entry: u16) -> Option<u16> {
        entry.checked_sub(1)
    }

    /// Where the primary entry of (slot `slot_index`, `protocol`) is. A slot index is a u16,
    /// so this cannot overflow.
    #[inline]
    pub const fn primary_at(slot_index: usize, protocol: Protocol) -> usize {
        slot_index * Self::PRIMARIES_PER_SLOT + protocol.index()
    }
}

// The bounds the generator's placement of the covering lists relies on, checked where they
// are defined: the largest unit holds the longest list (and is the smallest that does), and a
// slot's start reaches a unit per port.
const _: () = {
    assert!(1 << PortTables::MAX_COVER_UNIT_SHIFT >= PortTables::MAX_LIST_LEN);
    assert!(1 << (PortTables::MAX_COVER_UNIT_SHIFT - 1) < PortTables::MAX_LIST_LEN);
    assert!(1 << u16::BITS <= Slot::MAX_START + 1);
};

impl<'a> PortTables<'a> {
    /// The index in `slots` of `port`'s slot, from the dense index.
    #[inline]
    pub const fn slot_index_dense(self, port: u16) -> usize {
        match self.slot_index.get(port as usize) {
            Some(index) => index as usize,
            None => self.empty_slot_index(),
        }
    }

    /// The index in `slots` of `port`'s slot, from the bitmap and its ranks.
    #[inline]
    pub const fn slot_index_bitmap(self, port: u16) -> usize {
        // Below the first word, the difference wraps past the bitmap's end and reads as empty.
        let block = Self::block_of(port).wrapping_sub(self.first_block as usize);
        let bits = match self.bitmap.get(block) {
            Some(bits) => bits,
            None => 0,
        };
        let rank = match self.rank.get(block) {
            Some(rank) => rank as usize,
            None => 0,
        };
        let bit = Self::bit_of(port);
        let index = rank + (bits & (bit - 1)).count_ones() as usize;
        // A select, not a branch: with misses in a realistic mix, a mispredicted "has a slot"
        // branch would cost more than the loads it skips.
        if bits & bit != 0 {
            index
        } else {
            self.empty_slot_index()
        }
    }

    /// The empty slot is the last one.
    #[inline]
    const fn empty_slot_index(self) -> usize {
        self.slots.len().saturating_sub(1)
    }

    #[inline]
    /// Slot `index`; the empty slot past the end.
    pub const fn slot(self, index: usize) -> Slot {
        match self.slots.get(index) {
            Some(slot) => Slot::from_bits(slot),
            None => Slot::EMPTY,
        }
    }

    /// The index in `slots` of `port`'s slot, from the sorted ports.
    #[inline]
    pub const fn slot_index_sorted(self, port: u16) -> usize {
        match self.sorted.position(port) {
            Some(index) => index,
            None => self.empty_slot_index(),
        }
    }

    /// The slot of `port`, through `index`; every index the tables have leads to the same
    /// slot.
    #[inline]
    pub const fn port_slot(self, port: u16, index: PortIndex) -> Slot {
        self.slot(match index {
            PortIndex::Dense => self.slot_index_dense(port),
            PortIndex::Bitmap => self.slot_index_bitmap(port),
            PortIndex::Sorted => self.slot_index_sorted(port),
        })
    }

    /// Whether the tables answer for (`port`, `protocol`): always, unless `IANAPORTS_FILTER`
    /// left it out.
    #[inline]
    pub const fn in_filter(self, port: u16, protocol: Protocol) -> bool {
        if !self.filtered {
            return true;
        }
        let ranges = self.filter[protocol.index()];
        // The last range that starts at or before the port.
        let (mut low, mut high) = (0, ranges.len());
        while low < high {
            let middle = low + (high - low) / 2;
            match ranges.get(middle) {
                Some(range) if range.key <= port => low = middle + 1,
                _ => high = middle,
            }
        }
        match low.checked_sub(1) {
            Some(at) => match ranges.get(at) {
                Some(range) => port <= range.value,
                None => false,
            },
            None => false,
        }
    }

    /// The named records covering a port with `slot` over `protocol`, in lookup order.
    #[inline]
    pub const fn covering(self, slot: Slot, protocol: Protocol) -> Table<'a, u16> {
        let start = slot.start(protocol, self.cover_unit_shift);
        self.cover.range(start, start + slot.named(protocol))
    }

    /// The named records covering (`port`, `protocol`), in lookup order.
    #[inline]
    pub const fn lookup_all(
        self,
        port: u16,
        protocol: Protocol,
        index: PortIndex,
    ) -> Table<'a, u16> {
        if !self.in_filter(port, protocol) {
            return Table::new(&[]);
        }
        self.covering(self.port_slot(port, index), protocol)
    }

    /// The first of [`PortTables::lookup_all`]: with the dense index, from its primaries.
    #[inline]
    pub const fn lookup(self, port: u16, protocol: Protocol, index: PortIndex) -> Option<u16> {
        if !matches!(index, PortIndex::Dense) || !self.in_filter(port, protocol) {
            return self.lookup_all(port, protocol, index).get(0);
        }
        match self
            .primary
            .get(Self::primary_at(self.slot_index_dense(port), protocol))
        {
            Some(entry) => Self::decode_primary(entry),
            None => None,
        }
    }

    /// Whether a named record covers (`port`, `protocol`), else whether an unnamed one reserves
    /// it; [`Status::OutsideFilter`] for a pair `IANAPORTS_FILTER` left out.
    #[inline]
    pub const fn status(self, port: u16, protocol: Protocol, index: PortIndex) -> Status {
        if !self.in_filter(port, protocol) {
            return Status::OutsideFilter;
        }
        let slot = self.port_slot(port, index);
        if slot.named(protocol) != 0 {
            Status::Assigned
        } else if slot.is_reserved(protocol) {
            Status::Reserved
        } else {
            Status::Unassigned
        }
    }
}

/// A port's packed slot.
///
/// Bits 0-15 are where the port's lists start in the covering-records table (tcp's first, then
/// udp's, sctp's and dccp's), in units of `1 << cover_unit_shift` entries; bits 16-27 the number
/// of named records covering the port per protocol, 3 bits each, tcp lowest; bits 28-31 a
/// reserved flag per protocol. The empty slot, 0, is a port no record names or reserves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot(u32);

/// Why a port's records do not fit in a slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlotLimit {
    /// More than [`Slot::MAX_NAMED`] named records cover one (port, protocol).
    TooManyNamed {
        /// The protocol.
        protocol: Protocol,
        /// How many named records cover the port over it.
        count: usize,
    },
    /// The port's lists start past [`Slot::MAX_START`] units into the covering-records table.
    StartTooFar {
        /// Where the lists would start, in units.
        start: usize,
    },
}

impl Slot {
    /// The slot of a port that no record names or reserves.
    pub const EMPTY: Slot = Slot(0);
    /// The most named records one (port, protocol) can have: what a count's bits hold.
    pub const MAX_NAMED: usize = Self::COUNT_MASK as usize;
    /// The furthest a port's lists can start in the covering-records table, in units: what
    /// the start's bits hold.
    pub const MAX_START: usize = Self::START_MASK as usize;

    const START_MASK: u32 = u16::MAX as u32;
    const COUNT_SHIFT: u32 = u16::BITS;
    const COUNT_BITS: u32 = 3;
    const COUNT_MASK: u32 = (1 << Self::COUNT_BITS) - 1;
    /// After the last protocol's count.
    const RESERVED_SHIFT: u32 =
        Self::COUNT_SHIFT + Self::COUNT_BITS * (Protocol::Dccp.index_u32() + 1);

    /// The slot whose packed bits are `bits`, as a table holds them.
    #[inline]
    pub const fn from_bits(bits: u32) -> Slot {
        Slot(bits)
    }

    /// The packed bits, as a table holds them.
    pub const fn bits(self) -> u32 {
        self.0
    }

    /// Packs a slot whose lists start at unit `start`, or says which limit it is past.
    pub fn pack(start: usize, named: [usize; 4], reserved: [bool; 4]) -> Result<Slot, SlotLimit> {
        let start = u16::try_from(start).map_err(|_| SlotLimit::StartTooFar { start })?;
        let mut slot = u32::from(start);
        for protocol in Protocol::ALL {
            let index = protocol.index();
            let count = named[index];
            let too_many = SlotLimit::TooManyNamed { protocol, count };
            let fits = u32::try_from(count).ok().filter(|&c| c <= Self::COUNT_MASK);
            let count = fits.ok_or(too_many)?;
            slot |= count << (Self::COUNT_SHIFT + Self::COUNT_BITS * protocol.index_u32());
            if reserved[index] {
                slot |= 1 << (Self::RESERVED_SHIFT + protocol.index_u32());
            }
        }
        Ok(Slot(slot))
    }

    /// Named records covering the port over `protocol`.
    #[inline]
    pub const fn named(self, protocol: Protocol) -> usize {
        let shift = Self::COUNT_SHIFT + Self::COUNT_BITS * protocol.index_u32();
        ((self.0 >> shift) & Self::COUNT_MASK) as usize
    }

    /// Where the list of `protocol`'s named records starts in the covering-records table,
    /// with lists placed in units of `1 << unit_shift` entries.
    #[inline]
    pub const fn start(self, protocol: Protocol, unit_shift: u32) -> usize {
        let counts = self.0 >> Self::COUNT_SHIFT;
        let lower = counts & ((1 << (Self::COUNT_BITS * protocol.index_u32())) - 1);
        let before = (lower & Self::COUNT_MASK)
            + ((lower >> Self::COUNT_BITS) & Self::COUNT_MASK)
            + ((lower >> (2 * Self::COUNT_BITS)) & Self::COUNT_MASK);
        (((self.0 & Self::START_MASK) as usize) << unit_shift) + before as usize
    }

    /// Whether an unnamed record reserves the port over `protocol`.
    #[inline]
    pub const fn is_reserved(self, protocol: Protocol) -> bool {
        self.0 & (1 << (Self::RESERVED_SHIFT + protocol.index_u32())) != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packs_and_unpacks() {
        let slot = Slot::pack(65535, [7, 0, 3, 1], [false, true, false, true]).unwrap();
        let named: [usize; 4] = Protocol::ALL.map(|p| slot.named(p));
        let starts: [usize; 4] = Protocol::ALL.map(|p| slot.start(p, 0));
        let reserved: [bool; 4] = Protocol::ALL.map(|p| slot.is_reserved(p));
        assert_eq!(named, [7, 0, 3, 1]);
        assert_eq!(starts, [65535, 65542, 65542, 65545]);
        assert_eq!(slot.start(Protocol::Udp, 5), 65535 * 32 + 7);
        assert_eq!(reserved, [false, true, false, true]);
        assert_eq!(Slot::EMPTY.named(Protocol::Udp), 0);
    }

    #[test]
    fn limits_are_refused() {
        assert_eq!(
            Slot::pack(65536, [1, 0, 0, 0], [false; 4]),
            Err(SlotLimit::StartTooFar { start: 65536 })
        );
        assert_eq!(
            Slot::pack(0, [0, 8, 0, 0], [false; 4]),
            Err(SlotLimit::TooManyNamed {
                protocol: Protocol::Udp,
                count: 8
            })
        );
    }
}
