//! A port's slot: where its covering records are, how many per protocol, and which protocols
//! it is reserved for, packed in a `u32`.

use crate::Protocol;

/// A port's packed slot.
///
/// Bits 0-15 are where the port's lists start in the covering-records table (tcp's first, then
/// udp's, sctp's and dccp's), in units of `1 << cover_unit_shift` entries; bits 16-27 the number
/// of named records covering the port per protocol, 3 bits each, tcp lowest; bits 28-31 a
/// reserved flag per protocol. The empty slot, 0, is a port no record names or reserves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot(pub u32);

/// Why a port's records do not fit in a slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlotLimit {
    /// More than [`Slot::MAX_NAMED`] named records cover one (port, protocol).
    TooManyNamed { protocol: Protocol, count: usize },
    /// The port's lists start past [`Slot::MAX_START`] units into the covering-records table.
    StartTooFar { start: usize },
}

impl Slot {
    pub const EMPTY: Slot = Slot(0);
    /// The most named records one (port, protocol) can have.
    pub const MAX_NAMED: usize = 7;
    /// The furthest a port's lists can start in the covering-records table, in units.
    pub const MAX_START: usize = 0xFFFF;

    const COUNT_SHIFT: u32 = 16;
    const COUNT_BITS: u32 = 3;
    const COUNT_MASK: u32 = (1 << Self::COUNT_BITS) - 1;
    const RESERVED_SHIFT: u32 = 28;

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
        (((self.0 & 0xFFFF) as usize) << unit_shift) + before as usize
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
