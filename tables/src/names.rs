//! How service names are stored and found: each name's entry in the name text, and the
//! fixed-width fold of a name that the phf index hashes.
//!
//! A name's entry is described at [`NameHeader`].
//!
//! The index is a `phf::Map` whose keys are the names, each held as its first record
//! ([`NameKey`]), and it is read only through `phf::Map::get_key` with a [`NameQuery`]. What
//! phf hashes is not the name but a 32-bit fold of it ([`fold`]): the name's length and its
//! bytes read 8 at a time, with each byte's case bit set, so that every casing of a name folds
//! alike, and hashing costs the same whatever the name's length. A key equals a query when its
//! stored name is the query's name: the stored name is lower case, so a query is compared
//! with it as it is, a word at a time: equal words, or words that differ only in the case bit
//! of letters ([`same_word_ignoring_case`]). Nothing is lower-cased and no buffer is filled.

use phf_shared::{PhfEq, PhfHash};

use crate::fold::{self, FoldRule, NameFold, NameWords, same_word_ignoring_case, word_at};
use crate::{Pair, RecordIds, Table};

/// `NameTables::record_name` of a record without a name.
pub const NO_NAME: u16 = u16::MAX;

/// The longest service name the tables hold, in bytes. (RFC 6335 allows 15 characters; the
/// longest names ever registered had 36.)
pub const MAX_NAME_LEN: usize = 127;

/// The most consecutive records a name's entry can count; a name with more, or with records
/// that are not consecutive, has them listed in the name lists.
pub const MAX_RUN: usize = 63;

/// Zero bytes after the last name entry: a lookup reads a whole word at any name, even a
/// short one at the very end of the text.
pub const TEXT_PADDING: usize = core::mem::size_of::<u64>();

const CASED: u8 = 1 << 6;
const RUN_MASK: u8 = 0b11_1111;

/// The header of a name's entry: its first [`NameHeader::WIDTH`] bytes.
///
/// A name's entry starts at a multiple of the name unit (`1 << name_unit_shift` bytes, the
/// smallest that lets a `u16` reach every entry) and is:
///
/// | byte | |
/// |---|---|
/// | 0 | the name's length in bytes, 1 to [`MAX_NAME_LEN`] |
/// | 1 | bit 6: the registry spells the name with capitals (that spelling follows the lower-cased one); bits 0-5: how many consecutive records the name has (1 to [`MAX_RUN`]), or 0 when its records are listed in the name lists instead |
/// | 2.. | the name, ASCII-lower-cased; then, for a name with capitals, as registered |
///
/// Both header bytes are below 128, so the name text stays valid UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameHeader {
    /// The name's length in bytes.
    pub len: usize,
    /// How many consecutive records, from the first, have the name; `None` when they are in
    /// the name lists.
    pub run: Option<u16>,
    /// Whether the registry's spelling has capitals, and follows the lower-cased name.
    pub cased: bool,
}

impl NameHeader {
    /// Bytes of header before each name.
    pub const WIDTH: usize = 2;

    /// The header bytes; `None` for a name longer than [`MAX_NAME_LEN`] or empty. A run longer
    /// than [`MAX_RUN`] is written as a list.
    pub fn encode(self) -> Option<[u8; NameHeader::WIDTH]> {
        let len = u8::try_from(self.len)
            .ok()
            .filter(|&len| len != 0 && usize::from(len) <= MAX_NAME_LEN)?;
        let run = self
            .run
            .filter(|&run| usize::from(run) <= MAX_RUN)
            .and_then(|run| u8::try_from(run).ok())
            .unwrap_or(0);
        Some([len, run | if self.cased { CASED } else { 0 }])
    }

    #[inline]
    /// The header in `bytes`.
    pub const fn decode(bytes: [u8; NameHeader::WIDTH]) -> NameHeader {
        let run = (bytes[1] & RUN_MASK) as u16;
        NameHeader {
            len: bytes[0] as usize,
            run: if run == 0 { None } else { Some(run) },
            cased: bytes[1] & CASED != 0,
        }
    }
}

/// Service names, and the phf index from a name to its records.
///
/// | table | element | meaning |
/// |---|---|---|
/// | `record_name` | u16 per record | where the record's name entry starts in `text`, in units of `1 << unit_shift` bytes; [`NO_NAME`] for none |
/// | `text` | UTF-8 | each name's entry ([`NameHeader`], then the name), then [`TEXT_PADDING`] bytes of zeros so a word can be read at any name |
/// | `lists` | [`Pair`] | (first record, where its list starts in `list_records`) for each name whose entry has no run, sorted; a list ends where the next begins |
/// | `list_records` | u16 | those names' records, in registry order |
#[derive(Debug, Clone, Copy)]
pub struct NameTables<'a> {
    /// Per record: where its name entry starts, in name units; [`NO_NAME`] for none.
    pub record_name: Table<'a, u16>,
    /// A reference to the `static` that holds the text (see [`TextPool::pool`](crate::TextPool::pool)).
    pub text: &'a &'a str,
    /// The name unit, as a shift.
    pub unit_shift: u32,
    /// The seed under which every registered name folds to a value of its own.
    pub fold_seed: u64,
    /// How the fold reads bytes.
    pub fold_rule: FoldRule,
    /// (first record, list start) for each name whose records are listed.
    pub lists: Table<'a, Pair>,
    /// The listed names' records.
    pub list_records: Table<'a, u16>,
}

/// The perfect-hash index from a service name to its first record, read only through phf's
/// public API.
#[derive(Debug, Clone, Copy)]
pub enum NameIndex<'a> {
    /// The map that `phf_codegen` writes: the one the build script emits.
    Map(&'a phf::Map<NameKey, ()>),
    /// The same map's hash key, displacements and keys in slot order, as
    /// `phf_generator::generate_hash` gives them, for tables the generator builds at run
    /// time (its tests and tools): only generated code can make a `phf::Map`. Read with
    /// `phf_shared`'s functions, as `phf::Map::get_key` reads.
    Built {
        /// phf's hash key.
        key: u64,
        /// phf's displacements.
        disps: &'a [(u32, u32)],
        /// The keys in slot order.
        keys: &'a [NameKey],
    },
}

impl NameIndex<'_> {
    /// The first record of the query's name, if the index has it.
    #[inline(always)]
    fn first_record(self, query: &NameQuery<'_, '_>) -> Option<u16> {
        use phf_shared::PhfEq as _;
        match self {
            NameIndex::Map(map) => map.get_key(query).map(|&NameKey(first)| first),
            NameIndex::Built { key, disps, keys } => {
                if disps.is_empty() {
                    return None;
                }
                let hashes = phf_shared::hash(query, &key);
                let slot = phf_shared::get_index(&hashes, disps, keys.len());
                keys.get(slot as usize)
                    .filter(|stored| stored.phf_eq(query))
                    .map(|&NameKey(first)| first)
            }
        }
    }
}

/// What a record's name entry is read from: the part of [`NameTables`] that comparing a
/// query with a stored name needs, and all that a [`NameQuery`] carries.
#[derive(Debug, Clone, Copy)]
pub struct NameEntries<'a> {
    record_name: Table<'a, u16>,
    text: &'a &'a str,
    unit_shift: u32,
}

impl<'a> NameEntries<'a> {
    /// Where the record's name entry starts in `text`, in bytes.
    #[inline(always)]
    const fn entry_start(self, record: u16) -> Option<usize> {
        match self.record_name.get(record as usize) {
            Some(NO_NAME) | None => None,
            Some(unit) => (unit as usize).checked_shl(self.unit_shift),
        }
    }

    #[inline(always)]
    const fn header(self, start: usize) -> Option<NameHeader> {
        match self.text.as_bytes().split_at_checked(start) {
            Some((_, rest)) => match rest.first_chunk::<{ NameHeader::WIDTH }>() {
                Some(bytes) => Some(NameHeader::decode(*bytes)),
                None => None,
            },
            None => None,
        }
    }

    /// Where the entry of the name of `record` starts in `text`, and its header.
    #[inline(always)]
    pub(crate) const fn entry(self, record: u16) -> Option<(usize, NameHeader)> {
        let Some(start) = self.entry_start(record) else {
            return None;
        };
        match self.header(start) {
            Some(header) => Some((start, header)),
            None => None,
        }
    }

    /// Whether the name of `record` is `name` (whose words are `words`), ignoring ASCII case.
    #[inline(always)]
    pub(crate) fn is_named(self, record: u16, name: &[u8], words: NameWords) -> bool {
        let Some((start, header)) = self.entry(record) else {
            return false;
        };
        let len = name.len();
        // `TEXT_PADDING` lets a word be read at any name, however short.
        let text = self.text.as_bytes();
        let at = start + NameHeader::WIDTH;
        header.len == len
            && if len <= 8 {
                let stored = word_at(text, at) & (u64::MAX >> (64 - 8 * len));
                same_word_ignoring_case(words.first, stored)
            } else if len <= 16 {
                same_word_ignoring_case(words.first, word_at(text, at))
                    && same_word_ignoring_case(words.last, word_at(text, at + len - 8))
            } else {
                let stored = text.get(at..at + len).unwrap_or_default();
                fold::same_name(name, stored)
            }
    }
}

impl<'a> NameTables<'a> {
    /// The part of the tables that name entries are read from.
    #[inline(always)]
    pub const fn entries(self) -> NameEntries<'a> {
        NameEntries {
            record_name: self.record_name,
            text: self.text,
            unit_shift: self.unit_shift,
        }
    }

    #[inline(always)]
    const fn entry_start(self, record: u16) -> Option<usize> {
        self.entries().entry_start(record)
    }

    #[inline(always)]
    const fn header(self, start: usize) -> Option<NameHeader> {
        self.entries().header(start)
    }

    /// The record's service name as the registry spells it.
    pub fn name(self, record: u16) -> Option<&'a str> {
        let start = self.entry_start(record)?;
        let header = self.header(start)?;
        let lower = start + NameHeader::WIDTH;
        let spelled = if header.cased {
            lower + header.len
        } else {
            lower
        };
        self.text.get(spelled..spelled + header.len)
    }

    /// The record's service name lower-cased, as bytes of `text`, with its header.
    pub(crate) const fn lower_name(self, record: u16) -> Option<(&'a [u8], NameHeader)> {
        let Some(start) = self.entry_start(record) else {
            return None;
        };
        let Some(header) = self.header(start) else {
            return None;
        };
        match self
            .text
            .as_bytes()
            .split_at_checked(start + NameHeader::WIDTH)
        {
            Some((_, rest)) => match rest.split_at_checked(header.len) {
                Some((name, _)) => Some((name, header)),
                None => None,
            },
            None => None,
        }
    }

    /// Every record with the name `name`, compared ASCII-case-insensitively, found with
    /// these tables' `index`.
    ///
    /// The name is read as two words (its first and last 8 bytes), folded, and looked up in
    /// the phf index, which compares it with the stored lower-case name a word at a time
    /// (`NameEntries::is_named`). Names of more than 16 bytes (two were ever registered) are
    /// folded and compared out of line.
    #[inline(always)]
    pub fn by_name(self, index: NameIndex<'_>, name: &[u8]) -> RecordIds<'a> {
        let Some(query) = NameQuery::new(self, name) else {
            return RecordIds::EMPTY;
        };
        let Some(first) = index.first_record(&query) else {
            return RecordIds::EMPTY;
        };
        match self.entry(first) {
            Some((_, header)) => self.records_of(first, header),
            None => RecordIds::EMPTY,
        }
    }

    /// The first record of the name `name` (ASCII-case-insensitively), found by bisecting
    /// `order`, each name's first record in the byte order of the lower-cased names (the
    /// tables' `name_order`). At most 16 steps, however large the registry.
    pub const fn first_in_order(self, order: Table<'a, u16>, name: &[u8]) -> Option<u16> {
        let mut low = 0;
        let mut high = order.len();
        while low < high {
            let middle = low + (high - low) / 2;
            let Some(first) = order.get(middle) else {
                return None;
            };
            let Some((stored, _)) = self.lower_name(first) else {
                return None;
            };
            match compare_lowered(name, stored) {
                core::cmp::Ordering::Less => high = middle,
                core::cmp::Ordering::Greater => low = middle + 1,
                core::cmp::Ordering::Equal => return Some(first),
            }
        }
        None
    }

    /// Every record with the name `name`, found by bisecting `order` rather than through the
    /// phf index: for a build cut by `IANAPORTS_FILTER`, whose few names do not pay for the
    /// index's displacements and its code.
    pub const fn by_name_in_order(self, order: Table<'a, u16>, name: &[u8]) -> RecordIds<'a> {
        let Some(first) = self.first_in_order(order, name) else {
            return RecordIds::EMPTY;
        };
        match self.entry(first) {
            Some((_, header)) => self.records_of(first, header),
            None => RecordIds::EMPTY,
        }
    }

    /// Where the entry of the name of `record` starts in `text`, and its header.
    #[inline(always)]
    pub(crate) const fn entry(self, record: u16) -> Option<(usize, NameHeader)> {
        self.entries().entry(record)
    }

    /// The records of the name whose first record is `first`.
    #[inline(always)]
    pub(crate) const fn records_of(self, first: u16, header: NameHeader) -> RecordIds<'a> {
        match header.run {
            Some(run) => RecordIds::Run { first, len: run },
            None => self.listed_records(first),
        }
    }

    /// The records of a name whose entry has no run: its list.
    const fn listed_records(self, first: u16) -> RecordIds<'a> {
        let Some(position) = self.lists.position(first) else {
            return RecordIds::EMPTY;
        };
        let start = match self.lists.get(position) {
            Some(pair) => pair.value as usize,
            None => 0,
        };
        let end = match self.lists.get(position + 1) {
            Some(next) => next.value as usize,
            None => self.list_records.len(),
        };
        RecordIds::Listed(self.list_records.range(start, end))
    }
}

/// `query`, ASCII-lower-cased, against `stored` (lower case already), in byte order.
pub(crate) const fn compare_lowered(query: &[u8], stored: &[u8]) -> core::cmp::Ordering {
    let mut at = 0;
    while at < query.len() && at < stored.len() {
        let byte = query[at].to_ascii_lowercase();
        if byte != stored[at] {
            return if byte < stored[at] {
                core::cmp::Ordering::Less
            } else {
                core::cmp::Ordering::Greater
            };
        }
        at += 1;
    }
    if query.len() < stored.len() {
        core::cmp::Ordering::Less
    } else if query.len() > stored.len() {
        core::cmp::Ordering::Greater
    } else {
        core::cmp::Ordering::Equal
    }
}

/// A key of the name index: a service name, held as its first record. Keys that are record ids
/// keep the index free of pointers (and of relocations), and two bytes each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct NameKey(pub u16);

/// A service name as the index is asked for it: the name as given, its fold (what phf
/// hashes), and the name entries a [`NameKey`]'s stored name is read from.
#[derive(Debug, Clone, Copy)]
pub struct NameQuery<'a, 'q> {
    entries: NameEntries<'a>,
    name: &'q [u8],
    words: NameWords,
    fold: NameFold,
}

impl<'a, 'q> NameQuery<'a, 'q> {
    /// The query for `name` in `names`; `None` for a name no table can hold (empty, or
    /// longer than [`MAX_NAME_LEN`]).
    #[inline(always)]
    pub fn new(names: NameTables<'a>, name: &'q [u8]) -> Option<NameQuery<'a, 'q>> {
        let len = name.len();
        if len == 0 || len > MAX_NAME_LEN {
            return None;
        }
        let words = NameWords::of(name);
        let fold = if len <= 16 {
            fold::fold_short(words, names.fold_seed, names.fold_rule)
        } else {
            fold::fold(name, names.fold_seed, names.fold_rule)
        };
        Some(NameQuery {
            entries: names.entries(),
            name,
            words,
            fold,
        })
    }
}

impl PhfHash for NameQuery<'_, '_> {
    #[inline(always)]
    fn phf_hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.fold.phf_hash(state);
    }
}

/// Two queries are equal when they ask for the same name, in any casing (and so fold alike).
impl PartialEq for NameQuery<'_, '_> {
    fn eq(&self, other: &Self) -> bool {
        self.fold == other.fold && self.name.eq_ignore_ascii_case(other.name)
    }
}

impl Eq for NameQuery<'_, '_> {}

/// A key is the query's name when the name stored for its record is.
impl PhfEq<NameQuery<'_, '_>> for NameKey {
    #[inline(always)]
    fn phf_eq(&self, query: &NameQuery<'_, '_>) -> bool {
        query.entries.is_named(self.0, query.name, query.words)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_round_trip_and_refuse_what_does_not_fit() {
        let header = NameHeader {
            len: 127,
            run: Some(63),
            cased: true,
        };
        assert_eq!(NameHeader::decode(header.encode().unwrap()), header);
        let long_run = NameHeader {
            len: 3,
            run: Some(64),
            cased: false,
        };
        assert_eq!(NameHeader::decode(long_run.encode().unwrap()).run, None);
        assert!(header.encode().unwrap().iter().all(u8::is_ascii));
        assert_eq!(NameHeader { len: 128, ..header }.encode(), None);
        assert_eq!(NameHeader { len: 0, ..header }.encode(), None);
    }
}
