//! The generated tables, and the only code that knows their layout (documented in
//! `ianaports-codegen`'s `tables.rs`, which writes them).
//!
//! Tables arrive as little-endian bytes through `include_bytes!`, which rustc takes in no time
//! (decoding 200,000 integers in `const` would cost it seconds), and are read through the
//! small typed views below. Every read goes through `get`, so a lookup answers "not found"
//! rather than panic.

use core::ops::Range;

/// A key of the phf name index: the first record with the name, whose text is read from
/// [`NAME_TEXT`]. Keys that are record ids instead of `&str` keep the index free of pointers
/// (and of relocations). The index is hashed on the lower-cased name, as `[u8]`.
pub(crate) struct NameKey(pub(crate) u16);

impl phf_shared::PhfEq<[u8]> for NameKey {
    /// Whether this key's name is `lowered`, ignoring ASCII case. Names in [`NAME_TEXT`] end
    /// with a NUL, so the comparison needs no scan for the end.
    #[inline]
    fn phf_eq(&self, lowered: &[u8]) -> bool {
        let Some(unit) = record_name_unit(self.0) else {
            return false;
        };
        let start = usize::from(unit) * 2;
        let text = NAME_TEXT.as_bytes();
        let end = start + lowered.len();
        // Most registered names are lower case already, and an exact comparison is a memcmp.
        let same = |name: &[u8]| name == lowered || name.eq_ignore_ascii_case(lowered);
        text.get(start..end).is_some_and(same) && text.get(end) == Some(&0)
    }
}

/// One optional text column: a text id per record, or (record, text id) pairs for the columns
/// that are mostly empty.
#[cfg(any(feature = "descriptions", feature = "metadata"))]
pub(crate) enum TextColumn {
    #[allow(
        dead_code,
        reason = "the generator picks the layout from the registry's data"
    )]
    Dense(U16s),
    #[allow(
        dead_code,
        reason = "the generator picks the layout from the registry's data"
    )]
    Sparse(Pairs),
}

/// Little-endian u16s.
#[derive(Debug, Clone, Copy)]
pub(crate) struct U16s(pub(crate) &'static [u8]);

impl U16s {
    #[inline]
    pub(crate) fn get(self, index: usize) -> Option<u16> {
        match *self.0.get(index * 2..index * 2 + 2)? {
            [low, high] => Some(u16::from_le_bytes([low, high])),
            _ => None,
        }
    }

    /// Entries `range`, or none if the table is shorter.
    #[inline]
    pub(crate) fn range(self, range: Range<usize>) -> U16s {
        U16s(self.0.get(range.start * 2..range.end * 2).unwrap_or(&[]))
    }
}

/// Little-endian u32s.
#[derive(Debug, Clone, Copy)]
pub(crate) struct U32s(pub(crate) &'static [u8]);

impl U32s {
    #[inline]
    pub(crate) fn get(self, index: usize) -> Option<u32> {
        let bytes = self.0.get(index * 4..index * 4 + 4)?;
        bytes.try_into().ok().map(u32::from_le_bytes)
    }
}

/// Little-endian u64s.
#[derive(Debug, Clone, Copy)]
pub(crate) struct U64s(pub(crate) &'static [u8]);

impl U64s {
    #[inline]
    #[cfg_attr(feature = "dense-port-index", allow(dead_code))]
    pub(crate) fn get(self, index: usize) -> Option<u64> {
        let bytes = self.0.get(index * 8..index * 8 + 8)?;
        bytes.try_into().ok().map(u64::from_le_bytes)
    }
}

/// (key, value) pairs of little-endian u16s, sorted by key.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Pairs(pub(crate) &'static [u8]);

impl Pairs {
    /// The value paired with `key`.
    pub(crate) fn value_of(self, key: u16) -> Option<u16> {
        let entries = U16s(self.0);
        let (mut low, mut high) = (0, self.0.len() / 4);
        while low < high {
            let middle = low + (high - low) / 2;
            match entries.get(middle * 2)?.cmp(&key) {
                core::cmp::Ordering::Less => low = middle + 1,
                core::cmp::Ordering::Greater => high = middle,
                core::cmp::Ordering::Equal => return entries.get(middle * 2 + 1),
            }
        }
        None
    }
}

/// Four little-endian u16s per entry, one per protocol.
#[derive(Debug, Clone, Copy)]
#[cfg_attr(not(feature = "dense-port-index"), allow(dead_code))]
pub(crate) struct Quads(pub(crate) &'static [u8]);

impl Quads {
    #[inline]
    #[cfg_attr(not(feature = "dense-port-index"), allow(dead_code))]
    pub(crate) fn get(self, index: usize, protocol: usize) -> Option<u16> {
        U16s(self.0).get(index * 4 + protocol)
    }
}

mod generated {
    // Which tables a build reads depends on its features.
    #![allow(dead_code, unused_imports)]
    #[cfg(any(feature = "descriptions", feature = "metadata"))]
    use super::TextColumn;
    use super::{NameKey, Pairs, Quads, U16s, U32s, U64s};
    include!(concat!(env!("OUT_DIR"), "/registry.rs"));
}

pub(crate) use generated::*;

pub(crate) const NO_NAME: u16 = u16::MAX;
pub(crate) const FLAG_PROTOCOL: u8 = 0b111;
pub(crate) const FLAG_HAS_PORT: u8 = 1 << 3;
pub(crate) const FLAG_RANGE: u8 = 1 << 4;
pub(crate) const FLAG_ALIAS: u8 = 1 << 5;
pub(crate) const FLAG_SCATTERED: u8 = 1 << 6;

#[inline]
pub(crate) fn record_flags(record: u16) -> u8 {
    RECORD_FLAGS.get(usize::from(record)).copied().unwrap_or(0)
}

/// Where the record's name starts in [`NAME_TEXT`], in 2-byte units; `None` if it has no name.
#[inline]
pub(crate) fn record_name_unit(record: u16) -> Option<u16> {
    RECORD_NAME
        .get(usize::from(record))
        .filter(|&unit| unit != NO_NAME)
}

pub(crate) fn record_name(record: u16) -> Option<&'static str> {
    let text = NAME_TEXT.get(usize::from(record_name_unit(record)?) * 2..)?;
    text.split('\0').next()
}

/// The records of a name whose records are not consecutive.
pub(crate) fn scattered_records(first: u16) -> U16s {
    let Some(start) = SCATTERED_NAMES.value_of(first) else {
        return U16s(&[]);
    };
    let start = usize::from(start);
    let count = SCATTERED_RECORDS.get(start).map_or(0, usize::from);
    SCATTERED_RECORDS.range(start + 1..start + 1 + count)
}

#[cfg(any(feature = "descriptions", feature = "metadata"))]
impl TextColumn {
    /// The cell of `record`; `""` when the registry left it empty.
    pub(crate) fn cell(&self, record: u16) -> &'static str {
        let id = match self {
            TextColumn::Dense(ids) => ids.get(usize::from(record)),
            TextColumn::Sparse(pairs) => pairs.value_of(record),
        };
        // Text `id` runs from the end of text `id - 1` (or 0) to its own end.
        let Some(id) = id.map(usize::from) else {
            return "";
        };
        let start = id
            .checked_sub(1)
            .map_or(Some(0), |previous| TEXT_END.get(previous));
        match (start, TEXT_END.get(id)) {
            (Some(start), Some(end)) => TEXT_POOL.get(start as usize..end as usize).unwrap_or(""),
            _ => "",
        }
    }
}
