//! The generated tables, and the only code that knows their layout (documented in
//! `ianaports-codegen`'s `tables.rs`, which writes them).
//!
//! The tables arrive as little-endian bytes through `include_bytes!` (fast for rustc, the same
//! on every target) and are decoded into typed arrays at compile time. Every read at run time
//! goes through `get`, so a lookup answers "not found" rather than panic.

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
    Dense(&'static [u16]),
    #[allow(
        dead_code,
        reason = "the generator picks the layout from the registry's data"
    )]
    Sparse(&'static [[u16; 2]]),
}

/// Compile-time decoding of the little-endian tables. A table shorter than its declared length
/// fails the build here, never at run time.
mod decode {
    pub(super) const fn u16s<const N: usize>(bytes: &[u8]) -> [u16; N] {
        let mut out = [0; N];
        let mut i = 0;
        while i < N {
            out[i] = u16::from_le_bytes([bytes[2 * i], bytes[2 * i + 1]]);
            i += 1;
        }
        out
    }

    pub(super) const fn u32s<const N: usize>(bytes: &[u8]) -> [u32; N] {
        let mut out = [0; N];
        let mut i = 0;
        while i < N {
            let b = 4 * i;
            out[i] = u32::from_le_bytes([bytes[b], bytes[b + 1], bytes[b + 2], bytes[b + 3]]);
            i += 1;
        }
        out
    }

    pub(super) const fn u64s<const N: usize>(bytes: &[u8]) -> [u64; N] {
        let mut out = [0; N];
        let mut i = 0;
        while i < N {
            let mut word = [0; 8];
            let mut j = 0;
            while j < 8 {
                word[j] = bytes[8 * i + j];
                j += 1;
            }
            out[i] = u64::from_le_bytes(word);
            i += 1;
        }
        out
    }

    #[cfg(feature = "dense-port-index")]
    pub(super) const fn quads<const N: usize>(bytes: &[u8]) -> [[u16; 4]; N] {
        let mut out = [[0; 4]; N];
        let mut i = 0;
        while i < N {
            let mut j = 0;
            while j < 4 {
                let b = 8 * i + 2 * j;
                out[i][j] = u16::from_le_bytes([bytes[b], bytes[b + 1]]);
                j += 1;
            }
            i += 1;
        }
        out
    }

    pub(super) const fn pairs<const N: usize>(bytes: &[u8]) -> [[u16; 2]; N] {
        let mut out = [[0; 2]; N];
        let mut i = 0;
        while i < N {
            let b = 4 * i;
            out[i] = [
                u16::from_le_bytes([bytes[b], bytes[b + 1]]),
                u16::from_le_bytes([bytes[b + 2], bytes[b + 3]]),
            ];
            i += 1;
        }
        out
    }
}

mod generated {
    #![allow(dead_code)]
    #[cfg(any(feature = "descriptions", feature = "metadata"))]
    use super::TextColumn;
    use super::{NameKey, decode};
    include!(concat!(env!("OUT_DIR"), "/registry.rs"));
}

pub(crate) use generated::*;

pub(crate) const NO_NAME: u16 = u16::MAX;
pub(crate) const FLAG_PROTOCOL: u8 = 0b111;
pub(crate) const FLAG_HAS_PORT: u8 = 1 << 3;
pub(crate) const FLAG_RANGE: u8 = 1 << 4;
pub(crate) const FLAG_ALIAS: u8 = 1 << 5;
pub(crate) const FLAG_SCATTERED: u8 = 1 << 6;

/// The value paired with `key` in a table of (key, value) pairs sorted by key.
pub(crate) fn pair_value(pairs: &[[u16; 2]], key: u16) -> Option<u16> {
    let index = pairs.binary_search_by_key(&key, |pair| pair[0]).ok()?;
    pairs.get(index).map(|pair| pair[1])
}

#[inline]
pub(crate) fn record_flags(record: u16) -> u8 {
    RECORD_FLAGS.get(usize::from(record)).copied().unwrap_or(0)
}

/// Where the record's name starts in [`NAME_TEXT`], in 2-byte units; `None` if it has no name.
#[inline]
pub(crate) fn record_name_unit(record: u16) -> Option<u16> {
    RECORD_NAME
        .get(usize::from(record))
        .copied()
        .filter(|&unit| unit != NO_NAME)
}

pub(crate) fn record_name(record: u16) -> Option<&'static str> {
    let text = NAME_TEXT.get(usize::from(record_name_unit(record)?) * 2..)?;
    text.split('\0').next()
}

/// The records of a name whose records are not consecutive.
pub(crate) fn scattered_records(first: u16) -> &'static [u16] {
    let Some(start) = pair_value(&SCATTERED_NAMES, first) else {
        return &[];
    };
    let start = usize::from(start);
    let count = SCATTERED_RECORDS
        .get(start)
        .map_or(0, |&count| usize::from(count));
    SCATTERED_RECORDS
        .get(start + 1..start + 1 + count)
        .unwrap_or(&[])
}

#[cfg(any(feature = "descriptions", feature = "metadata"))]
impl TextColumn {
    /// The cell of `record`; `""` when the registry left it empty.
    pub(crate) fn cell(&self, record: u16) -> &'static str {
        let id = match self {
            TextColumn::Dense(ids) => ids.get(usize::from(record)).copied(),
            TextColumn::Sparse(pairs) => pair_value(pairs, record),
        };
        // Text `id` runs from the end of text `id - 1` (or 0) to its own end.
        let Some(id) = id.map(usize::from) else {
            return "";
        };
        let start = id
            .checked_sub(1)
            .map_or(Some(0), |previous| TEXT_END.get(previous).copied());
        match (start, TEXT_END.get(id)) {
            (Some(start), Some(&end)) => TEXT_POOL.get(start as usize..end as usize).unwrap_or(""),
            _ => "",
        }
    }
}
