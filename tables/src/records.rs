//! What each record is: its ports, protocol and flags, and ordered sets of record ids.

use core::ops::Range;

use crate::{Pair, Protocol, Table};

/// What each record is.
///
/// | table | element | meaning |
/// |---|---|---|
/// | `port` | u16 per record | the record's first port (0 when it has none; see its flags) |
/// | `flags` | [`RecordFlags`] per record | protocol, has a port, port range, historic alias |
/// | `range_last` | [`Pair`] | (record, last port) for every record with a range, sorted |
/// | `alias_target` | [`Pair`] | (historic alias, the record it stands for), sorted |
#[derive(Debug, Clone, Copy)]
pub struct RecordTables<'a> {
    /// Per record: its first port.
    pub port: Table<'a, u16>,
    /// Per record: its [`RecordFlags`] bits.
    pub flags: Table<'a, u8>,
    /// (record, last port) for records with a range.
    pub range_last: Table<'a, Pair>,
    /// (historic alias, the record it stands for).
    pub alias_target: Table<'a, Pair>,
}

impl<'a> RecordTables<'a> {
    /// The number of records.
    pub const fn count(self) -> usize {
        self.flags.len()
    }

    #[inline]
    /// The record's flags; none for a record past the end.
    pub const fn flags(self, record: u16) -> RecordFlags {
        match self.flags.get(record as usize) {
            Some(flags) => RecordFlags::from_bits(flags),
            None => RecordFlags::from_bits(0),
        }
    }

    /// The record's first and last port; `None` when it has none.
    pub const fn ports(self, record: u16) -> Option<(u16, u16)> {
        let flags = self.flags(record);
        if !flags.has_port() {
            return None;
        }
        let Some(first) = self.port.get(record as usize) else {
            return None;
        };
        if !flags.is_range() {
            return Some((first, first));
        }
        match self.range_last.value_of(record) {
            Some(last) => Some((first, last)),
            None => None,
        }
    }

    /// The record a historic alias stands for.
    pub const fn alias_target(self, record: u16) -> Option<u16> {
        self.alias_target.value_of(record)
    }
}

/// Record ids in a fixed order.
#[derive(Debug, Clone)]
pub enum RecordIds<'a> {
    /// `len` consecutive ids from `first`. (A start and a length, rather than a range, is
    /// what a name's entry holds, so making one takes no arithmetic.)
    Run {
        /// The first id.
        first: u16,
        /// How many.
        len: u16,
    },
    /// Ids listed in a table.
    Listed(Table<'a, u16>),
}

impl RecordIds<'_> {
    /// No ids.
    pub const EMPTY: RecordIds<'static> = RecordIds::Run { first: 0, len: 0 };

    /// The ids `ids`.
    pub const fn range(ids: Range<u16>) -> RecordIds<'static> {
        RecordIds::Run {
            first: ids.start,
            len: ids.end.saturating_sub(ids.start),
        }
    }

    /// The id at `at`, for const evaluation, which cannot iterate.
    #[expect(
        clippy::cast_possible_truncation,
        reason = "`at` is below a run's u16 length"
    )]
    pub(crate) const fn const_nth(&self, at: usize) -> Option<u16> {
        match self {
            RecordIds::Run { first, len } => {
                if at < *len as usize {
                    Some(first.wrapping_add(at as u16))
                } else {
                    None
                }
            }
            RecordIds::Listed(ids) => ids.get(at),
        }
    }
}

impl Iterator for RecordIds<'_> {
    type Item = u16;

    #[inline]
    fn next(&mut self) -> Option<u16> {
        match self {
            RecordIds::Run { first, len } => {
                *len = len.checked_sub(1)?;
                let id = *first;
                *first = first.wrapping_add(1);
                Some(id)
            }
            RecordIds::Listed(ids) => {
                let first = ids.get(0)?;
                *ids = ids.range(1, ids.len());
                Some(first)
            }
        }
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        let len = self.len();
        (len, Some(len))
    }

    fn nth(&mut self, n: usize) -> Option<u16> {
        match self {
            RecordIds::Run { first, len } => {
                let skip = u16::try_from(n).unwrap_or(u16::MAX).min(*len);
                *first = first.wrapping_add(skip);
                *len -= skip;
                self.next()
            }
            RecordIds::Listed(ids) => {
                *ids = ids.range(n.min(ids.len()), ids.len());
                self.next()
            }
        }
    }
}

impl DoubleEndedIterator for RecordIds<'_> {
    fn next_back(&mut self) -> Option<u16> {
        match self {
            RecordIds::Run { first, len } => {
                *len = len.checked_sub(1)?;
                Some(first.wrapping_add(*len))
            }
            RecordIds::Listed(ids) => {
                let last = ids.get(ids.len().checked_sub(1)?)?;
                *ids = ids.range(0, ids.len() - 1);
                Some(last)
            }
        }
    }
}

impl ExactSizeIterator for RecordIds<'_> {
    #[inline]
    fn len(&self) -> usize {
        match self {
            RecordIds::Run { len, .. } => usize::from(*len),
            RecordIds::Listed(ids) => ids.len(),
        }
    }
}

impl core::iter::FusedIterator for RecordIds<'_> {}

/// A record's flags: its protocol, and whether it has a port, a range, and is a historic alias.
///
/// Bits 0-2 hold the protocol's code (its position in [`Protocol::ALL`] + 1; 0 for none), bit 3 "has a port",
/// bit 4 "the port is a range", bit 5 "historic alias".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordFlags(u8);

impl RecordFlags {
    const PROTOCOL: u8 = 0b111;
    const HAS_PORT: u8 = 1 << 3;
    const RANGE: u8 = 1 << 4;
    const ALIAS: u8 = 1 << 5;

    /// The flags whose bits are `bits`, as a table holds them.
    #[inline]
    pub const fn from_bits(bits: u8) -> RecordFlags {
        RecordFlags(bits)
    }

    /// The bits, as a table holds them.
    pub const fn bits(self) -> u8 {
        self.0
    }

    /// The flags of a record.
    pub const fn new(
        protocol: Option<Protocol>,
        has_port: bool,
        range: bool,
        historic_alias: bool,
    ) -> RecordFlags {
        let protocol = match protocol {
            Some(protocol) => protocol.code(),
            None => 0,
        };
        RecordFlags(
            protocol
                | (has_port as u8 * Self::HAS_PORT)
                | (range as u8 * Self::RANGE)
                | (historic_alias as u8 * Self::ALIAS),
        )
    }

    /// The record's protocol; `None` for all of them.
    pub const fn protocol(self) -> Option<Protocol> {
        Protocol::from_code(self.0 & Self::PROTOCOL)
    }

    /// Whether the record has a port.
    pub const fn has_port(self) -> bool {
        self.0 & Self::HAS_PORT != 0
    }

    /// Whether its port is a range of several.
    pub const fn is_range(self) -> bool {
        self.0 & Self::RANGE != 0
    }

    /// Whether it is a historic alias of another name.
    pub const fn is_historic_alias(self) -> bool {
        self.0 & Self::ALIAS != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_combination_round_trips() {
        for protocol in [None, Some(Protocol::Tcp), Some(Protocol::Dccp)] {
            for bits in 0..8 {
                let (port, range, alias) = (bits & 1 != 0, bits & 2 != 0, bits & 4 != 0);
                let flags = RecordFlags::new(protocol, port, range, alias);
                assert_eq!(
                    (
                        flags.protocol(),
                        flags.has_port(),
                        flags.is_range(),
                        flags.is_historic_alias()
                    ),
                    (protocol, port, range, alias)
                );
            }
        }
    }
}
