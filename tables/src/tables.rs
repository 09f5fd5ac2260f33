//! All of a registry's tables, and the only code that reads them.
//!
//! The tables come in groups, one per job (records, names, ports, texts, and the text columns),
//! and each reader takes only the group it reads: a reader that is not inlined then links in
//! only its own tables, so a program that never reads a column carries none of it.

use core::ops::Range;

use crate::names::{self, NameHeader, NameKey, NameQuery, word_at};
use crate::{Pair, Protocol, RecordFlags, Slot, Status, Table};

/// `NameTables::record_name` of a record without a name.
pub const NO_NAME: u16 = u16::MAX;

/// The most records a registry can have: record ids are `u16`s.
pub const MAX_RECORDS: usize = 65_535;

/// A registry's tables. The generator emits one as a `const` for the library, and builds them
/// at run time for its own tests, which read them with the same methods.
#[derive(Debug, Clone, Copy)]
pub struct Tables<'a> {
    pub records: RecordTables<'a>,
    pub names: NameTables<'a>,
    /// Each name's [`NameKey`] (its first record), hashed on the name's fold with the name
    /// tables' `fold_seed`. Apart from [`NameTables`], which many readers take whole, so that
    /// only [`NameTables::by_name`] references it.
    pub name_index: NameIndex<'a>,
    /// Each name's first record, in the byte order of the lower-cased names: what
    /// [`Tables::port_of_name`] bisects at compile time. Apart from [`NameTables`], so that
    /// no code that runs references it, and no binary carries it.
    pub name_order: Table<'a, u16>,
    pub ports: PortTables<'a>,
    pub texts: TextPool<'a>,
    pub description: TextColumn<'a>,
    pub assignee: TextColumn<'a>,
    pub contact: TextColumn<'a>,
    pub registration_date: TextColumn<'a>,
    pub modification_date: TextColumn<'a>,
    pub reference: TextColumn<'a>,
    pub service_code: TextColumn<'a>,
    pub unauthorized_use_reported: TextColumn<'a>,
    pub assignment_notes: TextColumn<'a>,
}

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
    pub port: Table<'a, u16>,
    pub flags: Table<'a, u8>,
    pub range_last: Table<'a, Pair>,
    pub alias_target: Table<'a, Pair>,
}

/// Service names, and the phf index from a name to its records.
///
/// | table | element | meaning |
/// |---|---|---|
/// | `record_name` | u16 per record | where the record's name entry starts in `text`, in units of `1 << unit_shift` bytes; [`NO_NAME`] for none |
/// | `text` | UTF-8 | each name's entry ([`crate::names`]), then 8 bytes of padding so a word can be read at any name |
/// | `lists` | [`Pair`] | (first record, where its list starts in `list_records`) for each name whose entry has no run, sorted; a list ends where the next begins |
/// | `list_records` | u16 | those names' records, in registry order |
#[derive(Debug, Clone, Copy)]
pub struct NameTables<'a> {
    pub record_name: Table<'a, u16>,
    /// A reference to the `static` that holds the text (see [`TextPool::pool`]).
    pub text: &'a &'a str,
    pub unit_shift: u32,
    pub fold_seed: u64,
    pub fold_rule: names::FoldRule,
    pub lists: Table<'a, Pair>,
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
        key: u64,
        disps: &'a [(u32, u32)],
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

/// The (port, protocol) index.
///
/// | table | element | meaning |
/// |---|---|---|
/// | `bitmap` | u64 per 64 ports | bit set when the port has a slot of its own |
/// | `rank` | u16 per 64 ports | slots before the block |
/// | `slots` | [`Slot`] | one per port with a slot, in port order, then the empty slot |
/// | `slot_index` | u16 per port | dense index only: the port's slot (the last one for none) |
/// | `primary` | 4 u16 per slot | dense index only: each protocol's first covering record + 1, 0 for none |
/// | `cover` | u16 | the named records covering each (port, protocol), in lookup order; identical lists are shared, and each starts at a multiple of `1 << cover_unit_shift` entries (the smallest unit that lets a slot's 16 bits reach every list) |
#[derive(Debug, Clone, Copy)]
pub struct PortTables<'a> {
    pub bitmap: Table<'a, u64>,
    pub rank: Table<'a, u16>,
    pub slots: Table<'a, u32>,
    pub slot_index: Table<'a, u16>,
    pub primary: Table<'a, u16>,
    pub cover: Table<'a, u16>,
    pub cover_unit_shift: u32,
}

/// Every distinct text cell of the compiled-in columns, once.
///
/// | table | element | meaning |
/// |---|---|---|
/// | `pool` | UTF-8 | the texts, one after another |
/// | `ends` | u32 per text | where text `id` ends in `pool`; text 0 is `""` |
#[derive(Debug, Clone, Copy)]
pub struct TextPool<'a> {
    /// A reference to the `static` that holds the text, not the text: a string in a `const`
    /// is copied into every codegen unit that reads it, while a `static` is emitted once.
    pub pool: &'a &'a str,
    pub ends: Table<'a, u32>,
}

/// One optional text column.
#[derive(Debug, Clone, Copy)]
pub enum TextColumn<'a> {
    /// Not generated: its feature is off.
    Absent,
    /// A text id per record.
    Dense(Table<'a, u16>),
    /// (record, text id) for the records whose cell is not empty, sorted.
    Sparse(Table<'a, Pair>),
}

/// Record ids in a fixed order.
#[derive(Debug, Clone)]
pub enum RecordIds<'a> {
    /// `len` consecutive ids from `first`. (A start and a length, rather than a range, is
    /// what a name's entry holds, so making one takes no arithmetic.)
    Run {
        first: u16,
        len: u16,
    },
    Listed(Table<'a, u16>),
}

impl RecordIds<'_> {
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
    const fn const_nth(&self, at: usize) -> Option<u16> {
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

impl<'a> RecordTables<'a> {
    /// The number of records.
    pub const fn count(self) -> usize {
        self.flags.len()
    }

    #[inline]
    pub const fn flags(self, record: u16) -> RecordFlags {
        match self.flags.get(record as usize) {
            Some(flags) => RecordFlags(flags),
            None => RecordFlags(0),
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
            Some((_, rest)) => match rest.first_chunk::<2>() {
                Some(bytes) => Some(NameHeader::decode(*bytes)),
                None => None,
            },
            None => None,
        }
    }

    /// Where the entry of the name of `record` starts in `text`, and its header.
    #[inline(always)]
    const fn entry(self, record: u16) -> Option<(usize, NameHeader)> {
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
    pub(crate) fn is_named(self, record: u16, name: &[u8], words: names::NameWords) -> bool {
        let Some((start, header)) = self.entry(record) else {
            return false;
        };
        let len = name.len();
        // The generator's padding lets a word be read at any name, however short.
        let text = self.text.as_bytes();
        let at = start + 2;
        header.len == len
            && if len <= 8 {
                let stored = word_at(text, at) & (u64::MAX >> (64 - 8 * len));
                names::same_word_ignoring_case(words.first, stored)
            } else if len <= 16 {
                names::same_word_ignoring_case(words.first, word_at(text, at))
                    && names::same_word_ignoring_case(words.last, word_at(text, at + len - 8))
            } else {
                let stored = text.get(at..at + len).unwrap_or_default();
                names::same_name(name, stored)
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
        let lower = start + 2;
        let spelled = if header.cased {
            lower + header.len
        } else {
            lower
        };
        self.text.get(spelled..spelled + header.len)
    }

    /// The record's service name lower-cased, as bytes of `text`, with its header.
    const fn lower_name(self, record: u16) -> Option<(&'a [u8], NameHeader)> {
        let Some(start) = self.entry_start(record) else {
            return None;
        };
        let Some(header) = self.header(start) else {
            return None;
        };
        match self.text.as_bytes().split_at_checked(start + 2) {
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

    /// Where the entry of the name of `record` starts in `text`, and its header.
    #[inline(always)]
    const fn entry(self, record: u16) -> Option<(usize, NameHeader)> {
        self.entries().entry(record)
    }

    /// The records of the name whose first record is `first`.
    #[inline(always)]
    const fn records_of(self, first: u16, header: NameHeader) -> RecordIds<'a> {
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
const fn compare_lowered(query: &[u8], stored: &[u8]) -> core::cmp::Ordering {
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
        let block = (port >> 6) as usize;
        let bits = match self.bitmap.get(block) {
            Some(bits) => bits,
            None => 0,
        };
        let rank = match self.rank.get(block) {
            Some(rank) => rank as usize,
            None => 0,
        };
        let bit = 1u64 << (port & 63);
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
    pub const fn slot(self, index: usize) -> Slot {
        match self.slots.get(index) {
            Some(slot) => Slot(slot),
            None => Slot::EMPTY,
        }
    }

    /// The slot of `port`, through the dense index or through the bitmap; the two are the same
    /// slot.
    #[inline]
    pub const fn port_slot(self, port: u16, dense: bool) -> Slot {
        if dense {
            self.slot(self.slot_index_dense(port))
        } else {
            self.slot(self.slot_index_bitmap(port))
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
    pub const fn lookup_all(self, port: u16, protocol: Protocol, dense: bool) -> Table<'a, u16> {
        self.covering(self.port_slot(port, dense), protocol)
    }

    /// The first of [`PortTables::lookup_all`]: with the dense index, from its primaries.
    #[inline]
    pub const fn lookup(self, port: u16, protocol: Protocol, dense: bool) -> Option<u16> {
        if !dense {
            return self.lookup_all(port, protocol, false).get(0);
        }
        // A slot index is a u16, so four times it plus three cannot overflow.
        match self
            .primary
            .get(self.slot_index_dense(port) * 4 + protocol.index())
        {
            Some(plus_one) => plus_one.checked_sub(1),
            None => None,
        }
    }

    /// Whether a named record covers (`port`, `protocol`), else whether an unnamed one reserves
    /// it.
    #[inline]
    pub const fn status(self, port: u16, protocol: Protocol, dense: bool) -> Status {
        let slot = self.port_slot(port, dense);
        if slot.named(protocol) != 0 {
            Status::Assigned
        } else if slot.is_reserved(protocol) {
            Status::Reserved
        } else {
            Status::Unassigned
        }
    }
}

impl<'a> TextColumn<'a> {
    /// The cell of `record`, from `texts`; `None` when the column was not generated, `""` for
    /// an empty cell.
    pub fn cell(self, texts: TextPool<'a>, record: u16) -> Option<&'a str> {
        let id = match self {
            TextColumn::Absent => return None,
            TextColumn::Dense(ids) => ids.get(usize::from(record)),
            TextColumn::Sparse(pairs) => Some(pairs.value_of(record).unwrap_or(0)),
        };
        let id = usize::from(id?);
        // Text `id` runs from the end of text `id - 1` (text 0 is empty) to its own end.
        let start = match id.checked_sub(1) {
            Some(previous) => texts.ends.get(previous)?,
            None => 0,
        };
        let end = texts.ends.get(id).unwrap_or(0);
        Some(texts.pool.get(start as usize..end as usize).unwrap_or(""))
    }
}

/// What [`Tables::port_of_name`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PortOfName {
    /// The port of the name's first record with a port on the protocol asked.
    Port(u16),
    /// The name is registered, but none of its records has a port (on that protocol).
    NoPort,
    /// No record has the name.
    UnknownName,
}

impl<'a> Tables<'a> {
    /// Every record with the name `name`, compared ASCII-case-insensitively
    /// ([`NameTables::by_name`] with these tables' index).
    #[inline(always)]
    pub fn by_name(self, name: &[u8]) -> RecordIds<'a> {
        self.names.by_name(self.name_index, name)
    }

    /// The first record of the name `name` (ASCII-case-insensitively), found by bisecting
    /// `name_order`: for const evaluation, which cannot call phf. At most 16 steps, however
    /// large the registry.
    pub const fn first_record_named(self, name: &[u8]) -> Option<u16> {
        let mut low = 0;
        let mut high = self.name_order.len();
        while low < high {
            let middle = low + (high - low) / 2;
            let Some(first) = self.name_order.get(middle) else {
                return None;
            };
            let Some((stored, _)) = self.names.lower_name(first) else {
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

    /// The port of the first record named `name` (ASCII-case-insensitively) that has a port
    /// over `protocol` (over any protocol, for `None`; a record without a protocol has its
    /// port over all of them). A `const fn`, for compile-time checked names: a bisection of
    /// `name_order`, not the phf index, which const evaluation cannot call.
    pub const fn port_of_name(self, name: &str, protocol: Option<Protocol>) -> PortOfName {
        let Some(first) = self.first_record_named(name.as_bytes()) else {
            return PortOfName::UnknownName;
        };
        let Some((_, header)) = self.names.entry(first) else {
            return PortOfName::UnknownName;
        };
        let records = self.names.records_of(first, header);
        let mut at = 0;
        while let Some(id) = records.const_nth(at) {
            at += 1;
            let on_protocol = match (protocol, self.records.flags(id).protocol()) {
                (Some(wanted), Some(own)) => wanted.index() == own.index(),
                _ => true,
            };
            if let (true, Some((first_port, _))) = (on_protocol, self.records.ports(id)) {
                return PortOfName::Port(first_port);
            }
        }
        PortOfName::NoPort
    }
}
