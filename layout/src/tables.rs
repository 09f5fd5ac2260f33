//! All of a registry's tables, and the only code that reads them.

use core::ops::Range;

use crate::names::{NameHeader, NameKey, NameQuery};
use crate::{Pair, Protocol, RecordFlags, Slot, Table};

/// `record_name` of a record without a name.
pub const NO_NAME: u16 = u16::MAX;

/// The most records a registry can have: record ids are `u16`s.
pub const MAX_RECORDS: usize = 65_535;

/// A registry's tables. The generator emits one as a `const` for the library, and builds them
/// at run time for its own tests, which read them with the same methods.
///
/// | table | element | meaning |
/// |---|---|---|
/// | `record_port` | u16 per record | the record's first port (0 when it has none; see its flags) |
/// | `record_flags` | [`RecordFlags`] per record | protocol, has a port, port range, historic alias |
/// | `record_name` | u16 per record | where the record's name entry starts in `name_text`, in name units; [`NO_NAME`] for none |
/// | `range_last` | [`Pair`] | (record, last port) for every record with a range, sorted |
/// | `alias_target` | [`Pair`] | (historic alias, the record it stands for), sorted |
/// | `name_text` | UTF-8 | each name's entry ([`crate::names`]), at a multiple of `1 << name_unit_shift` bytes |
/// | `name_index` | `phf::Map` | each name's [`NameKey`] (its first record), hashed on the name's fold with `name_fold_seed` |
/// | `name_lists` | [`Pair`] | (first record, where its list starts in `name_list_records`) for each name whose entry has no run, sorted; a list ends where the next begins |
/// | `name_list_records` | u16 | those names' records, in registry order |
/// | `port_bitmap` | u64 per 64 ports | bit set when the port has a slot of its own |
/// | `port_rank` | u16 per 64 ports | slots before the block |
/// | `port_slots` | [`Slot`] | one per port with a slot, in port order, then the empty slot |
/// | `port_slot_index` | u16 per port | dense index only: the port's slot (the last one for none) |
/// | `port_primary` | 4 u16 per slot | dense index only: each protocol's first covering record + 1, 0 for none |
/// | `cover_records` | u16 | the named records covering each (port, protocol), in lookup order; identical lists are shared, and each starts at a multiple of `1 << cover_unit_shift` entries (the smallest unit that lets a slot's 16 bits reach every list) |
/// | `text_pool` | UTF-8 | every distinct text cell of the compiled-in columns |
/// | `text_end` | u32 per text | where text `id` ends in `text_pool`; text 0 is `""` |
/// | columns | [`TextColumn`] | a text id per record, or (record, text id) pairs for mostly empty columns |
#[derive(Debug, Clone, Copy)]
pub struct Tables<'a> {
    pub record_port: Table<'a, u16>,
    pub record_flags: Table<'a, u8>,
    pub record_name: Table<'a, u16>,
    pub range_last: Table<'a, Pair>,
    pub alias_target: Table<'a, Pair>,
    pub name_text: &'a str,
    pub name_unit_shift: u32,
    pub name_fold_seed: u64,
    pub name_index: &'a phf::Map<NameKey, ()>,
    pub name_lists: Table<'a, Pair>,
    pub name_list_records: Table<'a, u16>,
    pub port_bitmap: Table<'a, u64>,
    pub port_rank: Table<'a, u16>,
    pub port_slots: Table<'a, u32>,
    pub port_slot_index: Table<'a, u16>,
    pub port_primary: Table<'a, u16>,
    pub cover_records: Table<'a, u16>,
    pub cover_unit_shift: u32,
    pub text_pool: &'a str,
    pub text_end: Table<'a, u32>,
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

/// What the tables say of a (port, protocol) as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PortStatus {
    /// A named record covers it.
    Named,
    /// No named record does, but an unnamed one reserves it.
    Reserved,
    /// Neither.
    Free,
}

/// Record ids in a fixed order.
#[derive(Debug, Clone)]
pub enum RecordIds<'a> {
    Run(Range<u16>),
    Listed(Table<'a, u16>),
}

impl RecordIds<'_> {
    pub const EMPTY: RecordIds<'static> = RecordIds::Run(0..0);
}

impl Iterator for RecordIds<'_> {
    type Item = u16;

    #[inline]
    fn next(&mut self) -> Option<u16> {
        match self {
            RecordIds::Run(ids) => ids.next(),
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
            RecordIds::Run(ids) => ids.nth(n),
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
            RecordIds::Run(ids) => ids.next_back(),
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
            RecordIds::Run(ids) => ids.len(),
            RecordIds::Listed(ids) => ids.len(),
        }
    }
}

impl core::iter::FusedIterator for RecordIds<'_> {}

impl<'a> Tables<'a> {
    /// The number of records.
    pub const fn record_count(self) -> usize {
        self.record_flags.len()
    }

    #[inline]
    pub const fn flags(self, record: u16) -> RecordFlags {
        match self.record_flags.get(record as usize) {
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
        let Some(first) = self.record_port.get(record as usize) else {
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

    /// Where the record's name entry starts in `name_text`, in bytes.
    #[inline]
    const fn name_entry_start(self, record: u16) -> Option<usize> {
        match self.record_name.get(record as usize) {
            Some(NO_NAME) | None => None,
            Some(unit) => (unit as usize).checked_shl(self.name_unit_shift),
        }
    }

    #[inline]
    const fn name_header(self, start: usize) -> Option<NameHeader> {
        match self.name_text.as_bytes().split_at_checked(start) {
            Some((_, rest)) => match rest.first_chunk::<2>() {
                Some(bytes) => Some(NameHeader::decode(*bytes)),
                None => None,
            },
            None => None,
        }
    }

    /// The record's service name as the registry spells it.
    pub fn name(self, record: u16) -> Option<&'a str> {
        let start = self.name_entry_start(record)?;
        let header = self.name_header(start)?;
        let lower = start + 2;
        let spelled = if header.cased {
            lower + header.len
        } else {
            lower
        };
        self.name_text.get(spelled..spelled + header.len)
    }

    /// The record's service name lower-cased, as a slice of `name_text`.
    const fn lower_name(self, record: u16) -> Option<(&'a [u8], NameHeader)> {
        let Some(start) = self.name_entry_start(record) else {
            return None;
        };
        let Some(header) = self.name_header(start) else {
            return None;
        };
        match self.name_text.as_bytes().split_at_checked(start + 2) {
            Some((_, rest)) => match rest.split_at_checked(header.len) {
                Some((name, _)) => Some((name, header)),
                None => None,
            },
            None => None,
        }
    }

    /// Every record with the name `name`, compared ASCII-case-insensitively.
    #[inline]
    pub fn by_name(self, name: &[u8]) -> RecordIds<'a> {
        let Some(query) = NameQuery::new(name, self.name_fold_seed) else {
            return RecordIds::EMPTY;
        };
        let index = self.name_index;
        if index.entries.is_empty() {
            return RecordIds::EMPTY;
        }
        let hash = phf_shared::ptrhash::hash(&query, &index.key);
        let slot = phf_shared::ptrhash::get_index(
            index.key,
            hash,
            index.pilots,
            index.remap,
            index.entries.len(),
        );
        let Some(&(NameKey(first), ())) = index.entries.get(slot as usize) else {
            return RecordIds::EMPTY;
        };
        match self.lower_name(first) {
            Some((stored, header)) if query.matches(stored) => self.records_named(first, header),
            _ => RecordIds::EMPTY,
        }
    }

    /// The records of the name whose first record is `first`.
    fn records_named(self, first: u16, header: NameHeader) -> RecordIds<'a> {
        if let Some(run) = header.run {
            let end = usize::from(first)
                .saturating_add(run)
                .min(self.record_count());
            return RecordIds::Run(first..u16::try_from(end).unwrap_or(u16::MAX));
        }
        let Some(position) = self.name_lists.position(first) else {
            return RecordIds::EMPTY;
        };
        let start = self
            .name_lists
            .get(position)
            .map_or(0, |p| usize::from(p.value));
        let end = self
            .name_lists
            .get(position + 1)
            .map_or(self.name_list_records.len(), |next| usize::from(next.value));
        RecordIds::Listed(self.name_list_records.range(start, end))
    }

    /// The index in `port_slots` of `port`'s slot, from the dense index.
    #[inline]
    pub const fn slot_index_dense(self, port: u16) -> usize {
        match self.port_slot_index.get(port as usize) {
            Some(index) => index as usize,
            None => self.empty_slot_index(),
        }
    }

    /// The index in `port_slots` of `port`'s slot, from the bitmap and its ranks.
    #[inline]
    pub const fn slot_index_bitmap(self, port: u16) -> usize {
        let block = (port >> 6) as usize;
        let bits = match self.port_bitmap.get(block) {
            Some(bits) => bits,
            None => 0,
        };
        let rank = match self.port_rank.get(block) {
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
        self.port_slots.len().saturating_sub(1)
    }

    #[inline]
    pub const fn slot(self, index: usize) -> Slot {
        match self.port_slots.get(index) {
            Some(slot) => Slot(slot),
            None => Slot::EMPTY,
        }
    }

    /// The named records covering a port with `slot` over `protocol`, in lookup order.
    #[inline]
    pub const fn covering(self, slot: Slot, protocol: Protocol) -> Table<'a, u16> {
        let start = slot.start(protocol, self.cover_unit_shift);
        self.cover_records
            .range(start, start + slot.named(protocol))
    }

    /// The first of [`Tables::covering`] for the slot at `index`, from the dense index's
    /// primaries.
    #[inline]
    pub const fn primary_dense(self, index: usize, protocol: Protocol) -> Option<u16> {
        let Some(at) = index.checked_mul(4) else {
            return None;
        };
        match self.port_primary.get(at + protocol.index()) {
            Some(plus_one) => plus_one.checked_sub(1),
            None => None,
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

    /// The named records covering (`port`, `protocol`), in lookup order.
    #[inline]
    pub const fn lookup_all(self, port: u16, protocol: Protocol, dense: bool) -> Table<'a, u16> {
        self.covering(self.port_slot(port, dense), protocol)
    }

    /// The first of [`Tables::lookup_all`]: with the dense index, from its primaries.
    #[inline]
    pub const fn lookup(self, port: u16, protocol: Protocol, dense: bool) -> Option<u16> {
        if dense {
            self.primary_dense(self.slot_index_dense(port), protocol)
        } else {
            self.lookup_all(port, protocol, false).get(0)
        }
    }

    /// Whether a named record covers (`port`, `protocol`), else whether an unnamed one reserves
    /// it.
    #[inline]
    pub const fn status(self, port: u16, protocol: Protocol, dense: bool) -> PortStatus {
        let slot = self.port_slot(port, dense);
        if slot.named(protocol) != 0 {
            PortStatus::Named
        } else if slot.is_reserved(protocol) {
            PortStatus::Reserved
        } else {
            PortStatus::Free
        }
    }

    /// The cell of `record` in `column`; `None` when the column was not generated, `""` for an
    /// empty cell.
    pub fn cell(self, column: TextColumn<'a>, record: u16) -> Option<&'a str> {
        let id = match column {
            TextColumn::Absent => return None,
            TextColumn::Dense(ids) => ids.get(usize::from(record)),
            TextColumn::Sparse(pairs) => Some(pairs.value_of(record).unwrap_or(0)),
        };
        let id = usize::from(id?);
        // Text `id` runs from the end of text `id - 1` (text 0 is empty) to its own end.
        let start = match id.checked_sub(1) {
            Some(previous) => self.text_end.get(previous)?,
            None => 0,
        };
        let end = self.text_end.get(id).unwrap_or(0);
        Some(
            self.text_pool
                .get(start as usize..end as usize)
                .unwrap_or(""),
        )
    }

    /// The port of the first record named `name` (ASCII-case-insensitively) that has a port
    /// over `protocol` (or over any protocol, for `None`). A `const fn`, for compile-time
    /// checked names: a scan, not the index.
    pub const fn first_port_of(self, name: &str, protocol: Option<Protocol>) -> Option<u16> {
        let name = name.as_bytes();
        let mut next = Some(0u16);
        while let Some(id) = next {
            if id as usize >= self.record_count() {
                break;
            }
            next = id.checked_add(1);
            let Some((stored, _)) = self.lower_name(id) else {
                continue;
            };
            if !same_ignoring_ascii_case(stored, name) {
                continue;
            }
            let on_protocol = match (protocol, self.flags(id).protocol()) {
                (Some(wanted), Some(own)) => wanted.index() == own.index(),
                _ => true,
            };
            if let (true, Some((first, _))) = (on_protocol, self.ports(id)) {
                return Some(first);
            }
        }
        None
    }
}

const fn same_ignoring_ascii_case(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut at = 0;
    while at < a.len() {
        if !a[at].eq_ignore_ascii_case(&b[at]) {
            return false;
        }
        at += 1;
    }
    true
}
