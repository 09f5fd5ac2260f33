//! The generated tables, and the only code that knows their byte layout (documented in
//! `ianaports-codegen`'s `tables.rs`, which writes them).
//!
//! Every read goes through `get`, so a table that disagreed with its layout would give "not
//! found", never a panic.

use core::ops::Range;

use uncased::UncasedStr;

/// A key of the phf name index: the first record with the name, whose text is read from
/// [`NAME_TEXT`]. Keys that are record ids instead of `&str` keep the index free of pointers
/// (and of relocations).
pub(crate) struct NameKey(pub(crate) u16);

impl phf_shared::PhfBorrow<UncasedStr> for NameKey {
    fn borrow(&self) -> &UncasedStr {
        UncasedStr::new(record_name(self.0).unwrap_or(""))
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
    Dense(&'static [u8]),
    #[allow(
        dead_code,
        reason = "the generator picks the layout from the registry's data"
    )]
    Sparse(&'static [u8]),
}

mod generated {
    #![allow(dead_code)]
    use super::NameKey;
    #[cfg(any(feature = "descriptions", feature = "metadata"))]
    use super::TextColumn;
    include!(concat!(env!("OUT_DIR"), "/registry.rs"));
}

pub(crate) use generated::*;

pub(crate) const NO_NAME: u16 = u16::MAX;
pub(crate) const FLAG_PROTOCOL: u8 = 0b111;
pub(crate) const FLAG_HAS_PORT: u8 = 1 << 3;
pub(crate) const FLAG_RANGE: u8 = 1 << 4;
pub(crate) const FLAG_ALIAS: u8 = 1 << 5;
pub(crate) const FLAG_SCATTERED: u8 = 1 << 6;

pub(crate) fn u16_at(bytes: &[u8], index: usize) -> Option<u16> {
    match bytes.get(index * 2..index * 2 + 2) {
        Some(&[low, high]) => Some(u16::from_le_bytes([low, high])),
        _ => None,
    }
}

pub(crate) fn u32_at(bytes: &[u8], index: usize) -> Option<u32> {
    let chunk = bytes.get(index * 4..index * 4 + 4)?;
    chunk.try_into().ok().map(u32::from_le_bytes)
}

pub(crate) fn u64_at(bytes: &[u8], index: usize) -> Option<u64> {
    let chunk = bytes.get(index * 8..index * 8 + 8)?;
    chunk.try_into().ok().map(u64::from_le_bytes)
}

/// The second half of the (key, value) pair whose key is `key`, in a table of u16 pairs sorted
/// by key.
pub(crate) fn pair_value(pairs: &[u8], key: u16) -> Option<u16> {
    let (mut low, mut high) = (0, pairs.len() / 4);
    while low < high {
        let middle = low + (high - low) / 2;
        let found = u16_at(pairs, middle * 2)?;
        match found.cmp(&key) {
            core::cmp::Ordering::Less => low = middle + 1,
            core::cmp::Ordering::Greater => high = middle,
            core::cmp::Ordering::Equal => return u16_at(pairs, middle * 2 + 1),
        }
    }
    None
}

#[cfg(any(feature = "descriptions", feature = "metadata"))]
/// Text `id` of a pool whose entry ends are listed in `ends` (u32 each; an entry starts where
/// the previous one ends).
fn pooled(pool: &'static str, ends: &[u8], id: usize) -> &'static str {
    let start = match id.checked_sub(1) {
        Some(previous) => u32_at(ends, previous),
        None => Some(0),
    };
    match (start, u32_at(ends, id)) {
        (Some(start), Some(end)) => pool.get(start as usize..end as usize).unwrap_or(""),
        _ => "",
    }
}

pub(crate) fn record_flags(record: u16) -> u8 {
    RECORD_FLAGS.get(usize::from(record)).copied().unwrap_or(0)
}

/// Where the record's name starts in [`NAME_TEXT`], in 2-byte units; `None` if it has no name.
pub(crate) fn record_name_unit(record: u16) -> Option<u16> {
    u16_at(RECORD_NAME, usize::from(record)).filter(|&unit| unit != NO_NAME)
}

pub(crate) fn record_name(record: u16) -> Option<&'static str> {
    let text = NAME_TEXT.get(usize::from(record_name_unit(record)?) * 2..)?;
    text.split('\0').next()
}

/// The records of a name whose records are not consecutive, as u16 record ids.
pub(crate) fn scattered_records(first: u16) -> &'static [u8] {
    let Some(start) = pair_value(SCATTERED_NAMES, first) else {
        return &[];
    };
    let start = usize::from(start);
    let count = u16_at(SCATTERED_RECORDS, start).map_or(0, usize::from);
    byte_span(SCATTERED_RECORDS, start + 1..start + 1 + count)
}

pub(crate) fn byte_span(u16s: &'static [u8], ids: Range<usize>) -> &'static [u8] {
    u16s.get(ids.start * 2..ids.end * 2).unwrap_or(&[])
}

#[cfg(any(feature = "descriptions", feature = "metadata"))]
impl TextColumn {
    /// The cell of `record`; `""` when the registry left it empty.
    pub(crate) fn cell(&self, record: u16) -> &'static str {
        let id = match self {
            TextColumn::Dense(ids) => u16_at(ids, usize::from(record)),
            TextColumn::Sparse(pairs) => pair_value(pairs, record),
        };
        id.map_or("", |id| pooled(TEXT_POOL, TEXT_END, usize::from(id)))
    }
}
