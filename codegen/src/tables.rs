//! Step 3: validated records -> the tables `ianaports` reads at run time.
//!
//! The layout of every table, and each one's element type, is defined by `ianaports-tables`
//! (see its `Tables`); this module fills them in through those types. Every table is
//! little-endian integers or UTF-8 with no pointers, so it costs no relocations, compiles in no
//! time through `include_bytes!`, and means the same on every target. Every number that is
//! narrowed to fit a table is checked, and a registry past a limit is refused with the limit's
//! name.

use std::collections::HashMap;
use std::marker::PhantomData;

use ianaports_tables::names::{self, MAX_NAME_LEN, NameHeader};
use ianaports_tables::{
    Element, MAX_RECORDS, NO_NAME, NameIndex, NameKey, NameTables, Pair, PortTables, Protocol,
    RecordFlags, RecordTables, Slot, SlotLimit, Table, TextColumn, TextPool,
};

use crate::error::{LineReason, Reason};
use crate::validate::Record;

/// What the library's features ask to be generated. Names, ports, protocols and status are
/// always there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Features {
    /// The Description column.
    pub descriptions: bool,
    /// The other text columns.
    pub metadata: bool,
    /// A 128 KiB port-indexed table (and primaries per slot) that makes `lookup` two loads.
    pub dense_port_index: bool,
}

impl Features {
    pub const ALL: Features = Features {
        descriptions: true,
        metadata: true,
        dense_port_index: true,
    };
}

/// A table's elements as the little-endian bytes the library reads. Built from typed values
/// only, and read back through a [`Table`] of the same type, so the element type is the
/// layout's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Encoded<T> {
    bytes: Vec<u8>,
    element: PhantomData<T>,
}

impl<T: Element> Encoded<T> {
    fn new(values: &[T]) -> Encoded<T> {
        let mut bytes = vec![0; values.len() * T::WIDTH];
        for (out, value) in bytes.chunks_exact_mut(T::WIDTH).zip(values) {
            value.write_le(out);
        }
        Encoded {
            bytes,
            element: PhantomData,
        }
    }

    pub fn view(&self) -> Table<'_, T> {
        Table::new(&self.bytes)
    }

    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }
}

/// A text column as the library names it, with the record field it comes from.
struct TextColumnSpec {
    /// The field of `ianaports_tables::Tables`.
    field: &'static str,
    metadata: bool,
    cell: fn(&Record) -> &str,
}

const TEXT_COLUMNS: [TextColumnSpec; 9] = [
    TextColumnSpec {
        field: "description",
        metadata: false,
        cell: |r| &r.description,
    },
    TextColumnSpec {
        field: "assignee",
        metadata: true,
        cell: |r| &r.assignee,
    },
    TextColumnSpec {
        field: "contact",
        metadata: true,
        cell: |r| &r.contact,
    },
    TextColumnSpec {
        field: "registration_date",
        metadata: true,
        cell: |r| &r.registration_date,
    },
    TextColumnSpec {
        field: "modification_date",
        metadata: true,
        cell: |r| &r.modification_date,
    },
    TextColumnSpec {
        field: "reference",
        metadata: true,
        cell: |r| &r.reference,
    },
    TextColumnSpec {
        field: "service_code",
        metadata: true,
        cell: |r| &r.service_code,
    },
    TextColumnSpec {
        field: "unauthorized_use_reported",
        metadata: true,
        cell: |r| &r.unauthorized_use_reported,
    },
    TextColumnSpec {
        field: "assignment_notes",
        metadata: true,
        cell: |r| &r.assignment_notes,
    },
];

/// One generated text column.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Column {
    #[default]
    Absent,
    Dense(Encoded<u16>),
    Sparse(Encoded<Pair>),
}

impl Column {
    fn view(&self) -> TextColumn<'_> {
        match self {
            Column::Absent => TextColumn::Absent,
            Column::Dense(ids) => TextColumn::Dense(ids.view()),
            Column::Sparse(pairs) => TextColumn::Sparse(pairs.view()),
        }
    }
}

/// A key of the phf name index as the generator knows it: the name's first record, and the
/// fold that the index hashes (the same fold a query computes, from `ianaports-tables`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct NameKeyLiteral {
    pub first_record: u16,
    pub fold: names::NameFold,
}

impl phf_shared::PhfHash for NameKeyLiteral {
    fn phf_hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.fold.phf_hash(state)
    }
}

impl phf_shared::FmtConst for NameKeyLiteral {
    fn fmt_const(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "::ianaports_tables::NameKey({})", self.first_record)
    }
}

/// Every table of a registry, as generated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedTables {
    pub record_count: usize,
    /// The date IANA gave the snapshot, or else the newest date in its rows.
    pub registry_updated: String,
    /// Whether [`GeneratedTables::registry_updated`] is IANA's date rather than the fallback.
    pub registry_updated_by_iana: bool,
    pub newest_registration_date: String,
    pub newest_modification_date: String,
    pub(crate) record_port: Encoded<u16>,
    pub(crate) record_flags: Encoded<u8>,
    pub(crate) record_name: Encoded<u16>,
    pub(crate) range_last: Encoded<Pair>,
    pub(crate) alias_target: Encoded<Pair>,
    pub(crate) name_text: String,
    pub(crate) name_unit_shift: u32,
    pub(crate) name_fold_seed: u64,
    pub(crate) name_fold_rule: names::FoldRule,
    pub(crate) name_keys: Vec<NameKeyLiteral>,
    pub(crate) name_lists: Encoded<Pair>,
    pub(crate) name_list_records: Encoded<u16>,
    pub(crate) name_order: Encoded<u16>,
    pub(crate) port_bitmap: Encoded<u64>,
    pub(crate) port_rank: Encoded<u16>,
    pub(crate) port_slots: Encoded<u32>,
    pub(crate) port_slot_index: Encoded<u16>,
    pub(crate) port_primary: Encoded<u16>,
    pub(crate) cover_records: Encoded<u16>,
    pub(crate) cover_unit_shift: u32,
    pub(crate) text_pool: String,
    pub(crate) text_end: Encoded<u32>,
    pub(crate) columns: [Column; 9],
}

impl GeneratedTables {
    /// The tables as the library reads them, for reading them here through the library's own
    /// readers. The name index is hashed as `phf_codegen` hashes the emitted one
    /// (`phf_generator::generate_hash`, on the same keys); only generated code can make a
    /// `phf::Map`, so it is a [`NameIndex::Built`]. Leaked, because the name text is read
    /// through a `&'static &str`. For tests and tools, not for building the crate.
    pub fn leak(self) -> ianaports_tables::Tables<'static> {
        let state = phf_generator::generate_hash(&self.name_keys);
        let keys: Vec<NameKey> = state
            .map
            .iter()
            .map(|&key| NameKey(self.name_keys[key].first_record))
            .collect();
        let index = NameIndex::Built {
            key: state.key,
            disps: state.disps.leak(),
            keys: keys.leak(),
        };
        let this: &'static GeneratedTables = Box::leak(Box::new(self));
        let texts = Box::leak(Box::new([this.name_text.as_str(), this.text_pool.as_str()]));
        this.view(index, texts)
    }

    /// The tables, with `name_index` built for them and `texts` holding the name text and
    /// the text pool (which the library reads through a reference to a `static`).
    fn view<'a>(
        &'a self,
        name_index: NameIndex<'a>,
        texts: &'a [&'a str; 2],
    ) -> ianaports_tables::Tables<'a> {
        let [
            description,
            assignee,
            contact,
            registration_date,
            modification_date,
            reference,
            service_code,
            unauthorized_use_reported,
            assignment_notes,
        ] = self.columns.each_ref().map(Column::view);
        ianaports_tables::Tables {
            records: RecordTables {
                port: self.record_port.view(),
                flags: self.record_flags.view(),
                range_last: self.range_last.view(),
                alias_target: self.alias_target.view(),
            },
            names: NameTables {
                record_name: self.record_name.view(),
                text: &texts[0],
                unit_shift: self.name_unit_shift,
                fold_seed: self.name_fold_seed,
                fold_rule: self.name_fold_rule,
                lists: self.name_lists.view(),
                list_records: self.name_list_records.view(),
            },
            name_index,
            name_order: self.name_order.view(),
            ports: PortTables {
                bitmap: self.port_bitmap.view(),
                rank: self.port_rank.view(),
                slots: self.port_slots.view(),
                slot_index: self.port_slot_index.view(),
                primary: self.port_primary.view(),
                cover: self.cover_records.view(),
                cover_unit_shift: self.cover_unit_shift,
            },
            texts: TextPool {
                pool: &texts[1],
                ends: self.text_end.view(),
            },
            description,
            assignee,
            contact,
            registration_date,
            modification_date,
            reference,
            service_code,
            unauthorized_use_reported,
            assignment_notes,
        }
    }

    /// Each generated column with the `Tables` field it fills.
    pub(crate) fn columns(&self) -> impl Iterator<Item = (&'static str, &Column)> {
        TEXT_COLUMNS
            .iter()
            .map(|spec| spec.field)
            .zip(&self.columns)
    }
}

pub fn build(
    records: &[Record],
    updated: Option<&str>,
    features: Features,
) -> Result<GeneratedTables, LineReason> {
    let count = records.len();
    if count > MAX_RECORDS {
        return Err((None, Reason::TooManyRecords { count }));
    }
    let newest_registration_date = newest(records, |r| &r.registration_date);
    let newest_modification_date = newest(records, |r| &r.modification_date);
    let newest_date = (&newest_registration_date).max(&newest_modification_date);
    if let Some(updated) = updated.filter(|updated| *updated < newest_date.as_str()) {
        let reason = Reason::UpdatedBeforeRecords {
            updated: updated.to_owned(),
            newest: newest_date.clone(),
        };
        return Err((None, reason));
    }
    let names = NameLayout::build(records)?;
    let mut record_port = Vec::with_capacity(count);
    let mut record_flags = Vec::with_capacity(count);
    let mut range_last = Vec::new();
    let mut alias_target = Vec::new();
    for (id, record) in records.iter().enumerate() {
        let id = record_id(id)?;
        let range = record.ports.filter(|ports| ports.is_range());
        if let Some(range) = range {
            range_last.push(Pair {
                key: id,
                value: range.end(),
            });
        }
        if let Some(target) = names.alias_record(records, record) {
            alias_target.push(Pair {
                key: id,
                value: target,
            });
        }
        record_port.push(record.ports.map_or(0, |ports| ports.start()));
        let flags = RecordFlags::new(
            record.protocol,
            record.ports.is_some(),
            range.is_some(),
            record.alias_of.is_some(),
        );
        record_flags.push(flags.0);
    }
    let ports = PortLayout::build(records, features.dense_port_index)?;
    let text = TextLayout::build(records, features)?;
    Ok(GeneratedTables {
        record_count: count,
        registry_updated: updated.map_or_else(|| newest_date.clone(), str::to_owned),
        registry_updated_by_iana: updated.is_some(),
        newest_registration_date,
        newest_modification_date,
        record_port: Encoded::new(&record_port),
        record_flags: Encoded::new(&record_flags),
        record_name: Encoded::new(&names.record_name),
        range_last: Encoded::new(&range_last),
        alias_target: Encoded::new(&alias_target),
        name_text: names.text,
        name_unit_shift: names.unit_shift,
        name_fold_seed: names.fold_seed,
        name_fold_rule: names.fold_rule,
        name_keys: names.keys,
        name_lists: Encoded::new(&names.lists),
        name_list_records: Encoded::new(&names.list_records),
        name_order: Encoded::new(&names.order),
        port_bitmap: Encoded::new(&ports.bitmap),
        port_rank: Encoded::new(&ports.rank),
        port_slots: Encoded::new(&ports.slots),
        port_slot_index: Encoded::new(&ports.slot_index),
        port_primary: Encoded::new(&ports.primary),
        cover_records: Encoded::new(&ports.cover),
        cover_unit_shift: ports.cover_unit_shift,
        text_pool: text.pool,
        text_end: Encoded::new(&text.ends),
        columns: text.columns,
    })
}

/// A record's id; [`build`] has checked that every id fits.
fn record_id(index: usize) -> Result<u16, LineReason> {
    u16::try_from(index).map_err(|_| (None, Reason::TooManyRecords { count: index + 1 }))
}

fn newest(records: &[Record], date: fn(&Record) -> &String) -> String {
    records.iter().map(date).max().cloned().unwrap_or_default()
}

/// One service name: its spelling, and its records in registry order.
struct Name<'r> {
    spelling: &'r str,
    lower: String,
    records: Vec<u16>,
}

struct NameLayout {
    /// Lower-cased name -> its records.
    records_of: HashMap<String, Vec<u16>>,
    record_name: Vec<u16>,
    text: String,
    unit_shift: u32,
    fold_seed: u64,
    fold_rule: names::FoldRule,
    keys: Vec<NameKeyLiteral>,
    lists: Vec<Pair>,
    list_records: Vec<u16>,
    /// Each name's first record, in the byte order of the lower-cased names.
    order: Vec<u16>,
}

impl NameLayout {
    fn build(records: &[Record]) -> Result<NameLayout, LineReason> {
        let names = distinct_names(records)?;
        let entries: Vec<String> = names.iter().map(name_entry).collect();
        let (unit_shift, starts) = place_entries(&entries)?;
        let mut text = String::new();
        let mut record_name = vec![NO_NAME; records.len()];
        let mut lists = Vec::new();
        let mut list_records = Vec::new();
        for ((name, entry), &start) in names.iter().zip(&entries).zip(&starts) {
            text.extend(std::iter::repeat_n(
                '\0',
                (start << unit_shift) - text.len(),
            ));
            text.push_str(entry);
            for &record in &name.records {
                record_name[usize::from(record)] = unit(start)?;
            }
            if run_of(name).is_none() {
                let list_start = u16::try_from(list_records.len())
                    .map_err(|_| too_many_records(list_records.len()))?;
                lists.push(Pair {
                    key: name.records[0],
                    value: list_start,
                });
                list_records.extend(&name.records);
            }
        }
        // A lookup reads a whole word at a name, even a short one at the very end.
        text.extend(std::iter::repeat_n('\0', 8));
        let fold_rule = fold_rule(&names);
        let fold_seed = fold_seed(records, &names, fold_rule)?;
        let keys = names
            .iter()
            .map(|name| NameKeyLiteral {
                first_record: name.records[0],
                fold: names::fold(name.lower.as_bytes(), fold_seed, fold_rule),
            })
            .collect();
        let mut by_lower: Vec<&Name> = names.iter().collect();
        by_lower.sort_unstable_by(|a, b| a.lower.as_bytes().cmp(b.lower.as_bytes()));
        let order = by_lower.iter().map(|name| name.records[0]).collect();
        let records_of = names
            .into_iter()
            .map(|name| (name.lower, name.records))
            .collect();
        Ok(NameLayout {
            records_of,
            record_name,
            text,
            unit_shift,
            fold_seed,
            fold_rule,
            keys,
            lists,
            list_records,
            order,
        })
    }

    /// The record a historic alias stands for: the target name's record on the same ports
    /// and protocol when there is one, else the target name's first record.
    fn alias_record(&self, records: &[Record], alias: &Record) -> Option<u16> {
        let target = self
            .records_of
            .get(&alias.alias_of.as_deref()?.to_ascii_lowercase())?;
        let same_place = |&&id: &&u16| {
            let record = &records[usize::from(id)];
            record.ports == alias.ports && record.protocol == alias.protocol
        };
        target.iter().find(same_place).or(target.first()).copied()
    }
}

/// The registry's names in order of first appearance, each with its records.
fn distinct_names(records: &[Record]) -> Result<Vec<Name<'_>>, LineReason> {
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut names: Vec<Name> = Vec::new();
    for (id, record) in records.iter().enumerate() {
        let spelling = record.service_name.as_str();
        if spelling.is_empty() {
            continue;
        }
        let lower = spelling.to_ascii_lowercase();
        let id = record_id(id)?;
        match index.get(&lower) {
            Some(&at) if names[at].spelling != spelling => {
                let reason = Reason::NameCaseClash {
                    name: spelling.to_owned(),
                    earlier: names[at].spelling.to_owned(),
                };
                return Err((Some(record.line), reason));
            }
            Some(&at) => names[at].records.push(id),
            None => {
                if spelling.len() > MAX_NAME_LEN {
                    let reason = Reason::NameTooLong {
                        name: spelling.to_owned(),
                    };
                    return Err((Some(record.line), reason));
                }
                index.insert(lower.clone(), names.len());
                names.push(Name {
                    spelling,
                    lower,
                    records: vec![id],
                });
            }
        }
    }
    Ok(names)
}

/// How many consecutive records the name's entry counts; `None` for a list.
fn run_of(name: &Name) -> Option<u16> {
    let consecutive = name.records.windows(2).all(|pair| pair[1] == pair[0] + 1);
    let run = name.records.len();
    u16::try_from(run)
        .ok()
        .filter(|_| consecutive && run <= names::MAX_RUN)
}

/// The name's entry in the name text: header, lower-cased name, and its spelling if that
/// differs.
fn name_entry(name: &Name) -> String {
    let cased = name.spelling != name.lower;
    let header = NameHeader {
        len: name.lower.len(),
        run: run_of(name),
        cased,
    };
    // `distinct_names` has refused empty and over-long names.
    let bytes = header.encode().unwrap_or_default();
    let mut entry: String = bytes.iter().map(|&byte| char::from(byte)).collect();
    entry.push_str(&name.lower);
    if cased {
        entry.push_str(name.spelling);
    }
    entry
}

/// The smallest name unit (a power of two of bytes) that lets a `u16` below [`NO_NAME`] reach
/// every entry, and each entry's start in those units.
fn place_entries(entries: &[String]) -> Result<(u32, Vec<usize>), LineReason> {
    for shift in 0..usize::BITS {
        let unit = 1usize << shift;
        let mut offset = 0usize;
        let mut starts = Vec::with_capacity(entries.len());
        for entry in entries {
            starts.push(offset >> shift);
            offset += entry.len().div_ceil(unit) * unit;
        }
        if starts
            .last()
            .is_none_or(|&last| last < usize::from(NO_NAME))
        {
            return Ok((shift, starts));
        }
    }
    let bytes = entries.iter().map(String::len).sum();
    Err((None, Reason::NamesTooLong { bytes }))
}

fn unit(start: usize) -> Result<u16, LineReason> {
    u16::try_from(start)
        .ok()
        .filter(|&unit| unit != NO_NAME)
        .ok_or((None, Reason::NamesTooLong { bytes: start }))
}

/// The cheapest fold rule under which no two names are the same: [`names::FoldRule::CaseBit`]
/// unless two names differ only in the case bit of bytes that are not ASCII letters.
fn fold_rule(names: &[Name]) -> names::FoldRule {
    let read = |byte: u8| names::FoldRule::CaseBit.read(u64::from(byte)).to_le_bytes()[0];
    let mut seen = std::collections::HashSet::with_capacity(names.len());
    let clash = names.iter().any(|name| {
        let read: Vec<u8> = name.lower.bytes().map(read).collect();
        !seen.insert(read)
    });
    if clash {
        names::FoldRule::Letters
    } else {
        names::FoldRule::CaseBit
    }
}

/// A seed under which every registered name has a fold of its own, so the phf index can tell
/// them apart. Distinct names fold alike under one seed by chance (one pair in 2^32), so the
/// first seed tried almost always does; the search is bounded, and names the lines of the
/// names that collided if no seed does.
fn fold_seed(records: &[Record], names: &[Name], rule: names::FoldRule) -> Result<u64, LineReason> {
    const ATTEMPTS: u64 = 64;
    let clash_under = |seed: u64| {
        let mut seen: HashMap<names::NameFold, &Name> = HashMap::with_capacity(names.len());
        names.iter().find_map(|name| {
            seen.insert(names::fold(name.lower.as_bytes(), seed, rule), name)
                .map(|other| (other, name))
        })
    };
    let mut last_clash = None;
    for seed in (0..ATTEMPTS).map(splitmix64) {
        match clash_under(seed) {
            None => return Ok(seed),
            clash => last_clash = clash,
        }
    }
    let line = |name: &Name| records[usize::from(name.records[0])].line;
    let (first, second) = last_clash.expect("every one of the attempts found a clash");
    Err((
        Some(line(second)),
        Reason::NameFoldClash {
            first: first.spelling.to_owned(),
            first_line: line(first),
            second: second.spelling.to_owned(),
            attempts: ATTEMPTS,
        },
    ))
}

fn splitmix64(index: u64) -> u64 {
    let mut z = index.wrapping_add(1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn too_many_records(count: usize) -> LineReason {
    (None, Reason::TooManyRecords { count })
}

/// The order `lookup_all` promises: single port before range, own protocol before
/// protocol-less, current name before historic alias, then registry order.
fn lookup_order(record: &Record, id: u16) -> (bool, bool, bool, u16) {
    let range = record.ports.is_some_and(|r| r.is_range());
    (
        range,
        record.protocol.is_none(),
        record.alias_of.is_some(),
        id,
    )
}

struct PortLayout {
    bitmap: Vec<u64>,
    rank: Vec<u16>,
    slots: Vec<u32>,
    cover: Vec<u16>,
    cover_unit_shift: u32,
    slot_index: Vec<u16>,
    primary: Vec<u16>,
}

/// A port that has a slot: its covering records per protocol (in lookup order) and which
/// protocols an unnamed record reserves.
struct PortEntry {
    port: u16,
    lists: [Vec<u16>; 4],
    reserved: [bool; 4],
}

impl PortLayout {
    fn build(records: &[Record], dense: bool) -> Result<PortLayout, LineReason> {
        let ports = port_entries(records)?;
        // Ports covered by the same records in the same order share one list.
        let mut distinct: HashMap<Vec<u16>, usize> = HashMap::new();
        let mut lists: Vec<Vec<u16>> = Vec::new();
        let list_of_port: Vec<Option<usize>> = ports
            .iter()
            .map(|entry| {
                let all = entry.lists.concat();
                if all.is_empty() {
                    return None;
                }
                let next = lists.len();
                Some(*distinct.entry(all).or_insert_with_key(|all| {
                    lists.push(all.clone());
                    next
                }))
            })
            .collect();
        let (cover, cover_unit_shift, list_starts) = place_lists(&lists)?;
        let mut index = PortLayout {
            bitmap: vec![0; 1 << 10],
            rank: Vec::with_capacity(1 << 10),
            slots: Vec::with_capacity(ports.len() + 1),
            cover,
            cover_unit_shift,
            slot_index: Vec::new(),
            primary: Vec::new(),
        };
        let mut slot_of_port: Vec<Option<usize>> = vec![None; 1 << 16];
        let mut entries = ports.iter().zip(list_of_port).peekable();
        for block in 0..1usize << 10 {
            let before =
                u16::try_from(index.slots.len()).map_err(|_| port_index_full(index.slots.len()))?;
            index.rank.push(before);
            while let Some((entry, list)) =
                entries.next_if(|(entry, _)| usize::from(entry.port >> 6) == block)
            {
                let unit = list.map_or(0, |list| list_starts[list]);
                let counts = entry.lists.each_ref().map(Vec::len);
                let slot = Slot::pack(unit, counts, entry.reserved)
                    .map_err(|limit| slot_limit(records, entry, limit))?;
                index.bitmap[block] |= 1 << (entry.port & 63);
                slot_of_port[usize::from(entry.port)] = Some(index.slots.len());
                index.slots.push(slot.0);
                for list in &entry.lists {
                    let first = list.first().map_or(Ok(0), |&id| {
                        u16::try_from(usize::from(id) + 1)
                            .map_err(|_| too_many_records(records.len()))
                    })?;
                    index.primary.push(first);
                }
            }
        }
        // The empty slot comes last, so that a registry with a slot for every one of the
        // 65,536 ports still numbers them all in a u16.
        let empty = index.slots.len();
        index.slots.push(Slot::EMPTY.0);
        index.primary.extend([0; 4]);
        if dense {
            for slot in slot_of_port {
                let slot = slot.unwrap_or(empty);
                let slot = u16::try_from(slot).map_err(|_| port_index_full(slot))?;
                index.slot_index.push(slot);
            }
        } else {
            index.primary.clear();
        }
        Ok(index)
    }
}

/// Refuses a registry in which more named records cover one (port, protocol) than a slot
/// holds, before any range is expanded: a sweep over the ranges' ends, so a registry of
/// thousands of `0-65535` rows is refused in the time it takes to sort them. Once this holds,
/// expanding the named ranges touches at most `Slot::MAX_NAMED` records per port and protocol.
fn check_named_per_port(records: &[Record]) -> Result<(), LineReason> {
    for protocol in Protocol::ALL {
        // (where, +1 at a range's first port or -1 after its last), ends before starts.
        let mut ends: Vec<(u32, i32)> = records
            .iter()
            .filter(|record| !record.service_name.is_empty())
            .filter(|record| record.is_over(protocol))
            .filter_map(|record| record.ports)
            .flat_map(|range| [(u32::from(range.start()), 1), (u32::from(range.end()) + 1, -1)])
            .collect();
        ends.sort_unstable_by_key(|&(at, change)| (at, change));
        let mut covering = 0i32;
        for (at, change) in ends {
            covering += change;
            // Only a range's first port (a u16) can take the count past the limit.
            if usize::try_from(covering).is_ok_and(|count| count > Slot::MAX_NAMED) {
                let port = u16::try_from(at).unwrap_or(u16::MAX);
                return Err(too_many_named(records, port, protocol));
            }
        }
    }
    Ok(())
}

/// The error for a (port, protocol) covered by more named records than a slot holds: it
/// names the first record, in lookup order, past the limit.
fn too_many_named(records: &[Record], port: u16, protocol: Protocol) -> LineReason {
    let mut covering: Vec<(usize, &Record)> = records
        .iter()
        .enumerate()
        .filter(|(_, record)| !record.service_name.is_empty() && record.covers(port, protocol))
        .collect();
    covering
        .sort_by_key(|&(id, record)| lookup_order(record, u16::try_from(id).unwrap_or(u16::MAX)));
    let reason = Reason::TooManyNamedRecords {
        port,
        protocol: protocol.as_str(),
        count: covering.len(),
    };
    let over = covering.get(Slot::MAX_NAMED).map(|(_, record)| record.line);
    (over, reason)
}

/// Every port that has a slot, in port order. Expanding ranges here keeps run-time lookups
/// free of searches. Named ranges are expanded port by port, which [`check_named_per_port`]
/// bounds; reserving ranges, which no limit bounds, through a count of open ranges per port.
fn port_entries(records: &[Record]) -> Result<Vec<PortEntry>, LineReason> {
    check_named_per_port(records)?;
    let mut named: Vec<[Vec<u16>; 4]> = vec![Default::default(); 1 << 16];
    // Per protocol: +1 where a reserving range starts, -1 after it ends.
    let mut reserving = vec![[0i32; 4]; (1 << 16) + 1];
    for (id, record) in records.iter().enumerate() {
        let Some(range) = record.ports else { continue };
        let id = record_id(id)?;
        if record.service_name.is_empty() {
            if record.marks_reserved() {
                for protocol in Protocol::ALL {
                    if record.is_over(protocol) {
                        reserving[usize::from(range.start())][protocol.index()] += 1;
                        reserving[usize::from(range.end()) + 1][protocol.index()] -= 1;
                    }
                }
            }
            continue;
        }
        for port in range {
            for protocol in Protocol::ALL {
                if record.covers(port, protocol) {
                    named[usize::from(port)][protocol.index()].push(id);
                }
            }
        }
    }
    let mut open = [0i32; 4];
    let mut entries = Vec::new();
    for ((port, mut lists), starts) in (0..=u16::MAX).zip(named).zip(reserving) {
        let mut reserved = [false; 4];
        for ((open, start), reserved) in open.iter_mut().zip(starts).zip(&mut reserved) {
            *open += start;
            *reserved = *open > 0;
        }
        if lists.iter().all(Vec::is_empty) && !reserved.contains(&true) {
            continue;
        }
        for list in &mut lists {
            list.sort_by_key(|&id| lookup_order(&records[usize::from(id)], id));
        }
        entries.push(PortEntry {
            port,
            lists,
            reserved,
        });
    }
    Ok(entries)
}

/// Lays the distinct lists out one after another, each at a multiple of the smallest unit
/// (a power of two of entries) that lets a slot's 16 bits reach every one. A list holds at most
/// 28 entries, so a unit of 32 always fits 65,536 ports' lists.
fn place_lists(lists: &[Vec<u16>]) -> Result<(Vec<u16>, u32, Vec<usize>), LineReason> {
    for shift in 0..=5 {
        let unit = 1usize << shift;
        let mut cover: Vec<u16> = Vec::new();
        let mut starts = Vec::with_capacity(lists.len());
        for list in lists {
            cover.resize(cover.len().div_ceil(unit) * unit, 0);
            starts.push(cover.len() >> shift);
            cover.extend(list);
        }
        if starts.last().is_none_or(|&last| last <= Slot::MAX_START) {
            return Ok((cover, shift, starts));
        }
    }
    Err(port_index_full(lists.iter().map(Vec::len).sum()))
}

/// The error for a port whose slot cannot hold its records.
fn slot_limit(records: &[Record], entry: &PortEntry, limit: SlotLimit) -> LineReason {
    match limit {
        SlotLimit::TooManyNamed { protocol, count } => {
            let over = entry.lists[protocol.index()][Slot::MAX_NAMED];
            let reason = Reason::TooManyNamedRecords {
                port: entry.port,
                protocol: protocol.as_str(),
                count,
            };
            (Some(records[usize::from(over)].line), reason)
        }
        SlotLimit::StartTooFar { start } => port_index_full(start),
    }
}

fn port_index_full(needed: usize) -> LineReason {
    (None, Reason::PortIndexFull { needed })
}

struct TextLayout {
    pool: String,
    ends: Vec<u32>,
    columns: [Column; 9],
}

impl TextLayout {
    fn build(records: &[Record], features: Features) -> Result<TextLayout, LineReason> {
        let mut pool = String::new();
        let mut ends = vec![0u32];
        let mut ids: HashMap<&str, u16> = HashMap::from([("", 0)]);
        let mut columns: [Column; 9] = Default::default();
        for (spec, column) in TEXT_COLUMNS.iter().zip(&mut columns) {
            let wanted = if spec.metadata {
                features.metadata
            } else {
                features.descriptions
            };
            if !wanted {
                continue;
            }
            let mut text_ids = Vec::with_capacity(records.len());
            for record in records {
                let cell = (spec.cell)(record);
                let id = match ids.get(cell) {
                    Some(&id) => id,
                    None => {
                        let id = u16::try_from(ids.len()).map_err(|_| too_many_texts(ids.len()))?;
                        pool.push_str(cell);
                        let end =
                            u32::try_from(pool.len()).map_err(|_| too_many_texts(ids.len()))?;
                        ends.push(end);
                        ids.insert(cell, id);
                        id
                    }
                };
                text_ids.push(id);
            }
            // A column that is mostly empty is cheaper as (record, text) pairs than as one id
            // per record; accessors then binary-search it, which costs nothing on the lookup
            // path.
            let filled = text_ids.iter().filter(|&&id| id != 0).count();
            *column = if filled * 2 < records.len() {
                let mut pairs = Vec::with_capacity(filled);
                for (record, &value) in text_ids.iter().enumerate().filter(|(_, id)| **id != 0) {
                    pairs.push(Pair {
                        key: record_id(record)?,
                        value,
                    });
                }
                Column::Sparse(Encoded::new(&pairs))
            } else {
                Column::Dense(Encoded::new(&text_ids))
            };
        }
        Ok(TextLayout {
            pool,
            ends,
            columns,
        })
    }
}

fn too_many_texts(count: usize) -> LineReason {
    (None, Reason::TooManyTexts { count })
}

/// The generated tables, read back through the library's own readers (`ianaports-tables`).
#[cfg(test)]
mod tests {
    use ianaports_tables::{PortOfName, Protocol, Tables};

    use super::*;
    use crate::parse_registry;

    const HEADER: &str = "Service Name,Port Number,Transport Protocol,Description,Assignee,Contact,Registration Date,Modification Date,Reference,Service Code,Unauthorized Use Reported,Assignment Notes\n";

    fn generated(rows: &str, features: Features) -> Result<GeneratedTables, LineReason> {
        let records = parse_registry(format!("{HEADER}{rows}").as_bytes(), "test.csv").unwrap();
        build(&records, None, features)
    }

    fn tables(rows: &str) -> Tables<'static> {
        generated(rows, Features::ALL).unwrap().leak()
    }

    fn covering(tables: Tables, port: u16, protocol: Protocol) -> Vec<u16> {
        let list = tables.ports.lookup_all(port, protocol, false);
        (0..list.len()).filter_map(|i| list.get(i)).collect()
    }

    fn named(tables: Tables, name: &str) -> Vec<u16> {
        tables.by_name(name.as_bytes()).collect()
    }

    #[test]
    fn covering_records_are_ordered_single_own_current_then_registry() {
        let tables = tables(
            "old_name,7,tcp,,,,,,,,,\"This entry is an alias to \"\"new-name\"\".\"\n\
             block,1-10,tcp,,,,,,,,,\n\
             anyproto,7,,,,,,,,,,\n\
             new-name,7,tcp,,,,,,,,,\n",
        );
        assert_eq!(covering(tables, 7, Protocol::Tcp), [3, 0, 2, 1]);
        assert_eq!(covering(tables, 7, Protocol::Udp), [2]);
        assert_eq!(covering(tables, 11, Protocol::Tcp), []);
        assert_eq!(tables.records.alias_target(0), Some(3));
        assert_eq!(tables.records.ports(1), Some((1, 10)));
        assert_eq!(tables.records.flags(2).protocol(), None);
    }

    #[test]
    fn the_dense_index_agrees_with_the_bitmap_on_every_port() {
        let tables = tables(
            "a,1,tcp,,,,,,,,,\n,5,udp,Reserved,,,,,,,,\nb,70-71,,,,,,,,,,\nc,70,udp,,,,,,,,,\n",
        );
        for port in 0..=u16::MAX {
            let ports = tables.ports;
            assert_eq!(
                ports.slot_index_dense(port),
                ports.slot_index_bitmap(port),
                "port {port}"
            );
            for protocol in Protocol::ALL {
                let first = covering(tables, port, protocol).first().copied();
                assert_eq!(
                    ports.lookup(port, protocol, true),
                    first,
                    "{port}/{protocol:?}"
                );
            }
        }
        assert_eq!(covering(tables, 70, Protocol::Udp), [3, 2]);
    }

    #[test]
    fn ports_covered_alike_share_one_list() {
        let generated = generated(
            "x11,6000-6063,tcp,,,,,,,,,\nall,0-65535,,,,,,,,,,\n",
            Features::ALL,
        )
        .unwrap();
        // One list for 6000-6063 (x11, then all) and one for every other port (all, 4 times).
        assert_eq!(generated.cover_records.view().len(), 5 + 4);
        let tables = generated.leak();
        assert_eq!(covering(tables, 6063, Protocol::Tcp), [0, 1]);
        assert_eq!(covering(tables, 65535, Protocol::Dccp), [1]);
    }

    #[test]
    fn lists_past_a_u16_get_a_larger_unit() {
        // 20,000 protocol-less names on ports of their own: 80,000 covering entries.
        let rows: String = (0..20_000)
            .map(|n| format!("p{n},{n},,,,,,,,,,\n"))
            .collect();
        let generated = generated(&rows, Features::ALL).unwrap();
        assert_eq!(generated.cover_unit_shift, 1);
        let tables = generated.leak();
        for port in [0, 16_383, 16_384, 19_999] {
            for protocol in Protocol::ALL {
                assert_eq!(
                    covering(tables, port, protocol),
                    [port],
                    "{port}/{protocol:?}"
                );
            }
        }
        assert_eq!(covering(tables, 20_000, Protocol::Tcp), []);
    }

    #[test]
    fn reserved_flags_come_from_unnamed_rows_only() {
        let tables = tables(
            ",5,udp,Reserved,,,,,,,,\n\
             ,6,,any private terminal access,,,,,,,,\n\
             ,8,tcp,Unassigned,,,,,,,,\n\
             named,5,tcp,Reserved for something,,,,,,,,\n",
        );
        let reserved = |port, protocol| tables.ports.port_slot(port, true).is_reserved(protocol);
        assert!(reserved(5, Protocol::Udp));
        assert!(!reserved(5, Protocol::Tcp));
        assert!(Protocol::ALL.iter().all(|&p| reserved(6, p)));
        assert_eq!(tables.ports.port_slot(8, true), Slot::EMPTY);
    }

    #[test]
    fn every_port_covered_still_numbers_its_slots_in_a_u16() {
        let tables = tables(",0-65535,,Reserved,,,,,,,,\nlast,65535,tcp,,,,,,,,,\n");
        for port in [0, 1, 65534, 65535] {
            let slot = tables.ports.port_slot(port, true);
            assert_eq!(slot, tables.ports.port_slot(port, false), "{port}");
            assert!(slot.is_reserved(Protocol::Udp), "{port}");
        }
        assert_eq!(tables.ports.lookup(65535, Protocol::Tcp, true), Some(1));
        assert_eq!(covering(tables, 65535, Protocol::Tcp), [1]);
        assert_eq!(tables.ports.slots.len(), 65536 + 1);
    }

    #[test]
    fn sparse_and_dense_columns_hold_the_same_cells() {
        let generated = generated(
            "a,1,tcp,First,,,,,,,,\nb,2,tcp,Second,,,,,,,,Only note\nc,3,tcp,First,,,,,,,,\n",
            Features::ALL,
        )
        .unwrap();
        assert!(matches!(generated.columns[0], Column::Dense(_)));
        assert!(matches!(generated.columns[8], Column::Sparse(_)));
        let tables = generated.leak();
        let description = |r| tables.description.cell(tables.texts, r);
        assert_eq!(
            [description(0), description(1), description(2)],
            [Some("First"), Some("Second"), Some("First")]
        );
        let notes = |r| tables.assignment_notes.cell(tables.texts, r);
        assert_eq!([notes(0), notes(1)], [Some(""), Some("Only note")]);
        assert_eq!(*tables.texts.pool, "FirstSecondOnly note");
    }

    #[test]
    fn left_out_columns_are_absent() {
        let rows = "a,1,tcp,Desc,[Someone],,,,,,,\n";
        let names_only = Features {
            descriptions: false,
            metadata: false,
            dense_port_index: false,
        };
        let tables = generated(rows, names_only).unwrap().leak();
        assert_eq!(tables.description.cell(tables.texts, 0), None);
        assert_eq!(tables.assignee.cell(tables.texts, 0), None);
        assert!(tables.ports.slot_index.is_empty() && tables.ports.primary.is_empty());
        assert_eq!(*tables.texts.pool, "");
        let descriptions = Features {
            descriptions: true,
            ..names_only
        };
        let tables = generated(rows, descriptions).unwrap().leak();
        assert_eq!(tables.description.cell(tables.texts, 0), Some("Desc"));
        assert_eq!(tables.assignee.cell(tables.texts, 0), None);
    }

    #[test]
    fn names_are_runs_unless_scattered_and_keep_their_spelling() {
        let tables = tables(
            "ssh,22,tcp,,,,,,,,,\nssh,22,udp,,,,,,,,,\nHTTP,80,tcp,,,,,,,,,\nssh,,tcp,,,,,,,,,\nabc,81,tcp,,,,,,,,,\n",
        );
        assert_eq!(named(tables, "SSH"), [0, 1, 3]);
        assert_eq!(named(tables, "http"), [2]);
        assert_eq!(tables.names.name(2), Some("HTTP"));
        assert_eq!(tables.names.name(4), Some("abc"));
        assert_eq!(named(tables, "ab"), Vec::<u16>::new());
        assert_eq!(named(tables, "abcd"), Vec::<u16>::new());
        assert_eq!(tables.port_of_name("Http", None), PortOfName::Port(80));
        assert_eq!(
            tables.port_of_name("ssh", Some(Protocol::Udp)),
            PortOfName::Port(22)
        );
        assert_eq!(
            tables.port_of_name("abc", Some(Protocol::Udp)),
            PortOfName::NoPort
        );
    }

    #[test]
    fn names_far_apart_keep_their_own_records() {
        // 22,500 names whose tcp rows all come before their udp rows: every name is a list,
        // and the lists hold 45,000 records.
        let mut rows = String::new();
        for protocol in ["tcp", "udp"] {
            for n in 0..22_500 {
                rows.push_str(&format!("svc-{n},{},{protocol},,,,,,,,,\n", n % 60_000));
            }
        }
        let tables = tables(&rows);
        for n in [0, 1, 4_000, 21_845, 22_499] {
            let name = format!("SVC-{n}");
            assert_eq!(named(tables, &name), [n, n + 22_500], "{name}");
        }
    }

    #[test]
    fn a_long_name_text_gets_a_larger_unit() {
        let mut rows = String::new();
        for n in 0..20_000 {
            rows.push_str(&format!("service-name-{n:06},{},tcp,,,,,,,,,\n", n + 1));
        }
        let generated = generated(&rows, Features::ALL).unwrap();
        assert!(
            generated.name_unit_shift >= 3,
            "{}",
            generated.name_unit_shift
        );
        let tables = generated.leak();
        assert_eq!(named(tables, "service-name-019999"), [19_999]);
        assert_eq!(tables.names.name(19_999), Some("service-name-019999"));
    }

    #[test]
    fn names_that_differ_only_in_case_are_refused() {
        let error =
            generated("Foo,1,tcp,,,,,,,,,\nfoo,2,tcp,,,,,,,,,\n", Features::ALL).unwrap_err();
        assert_eq!(
            error,
            (
                Some(3),
                Reason::NameCaseClash {
                    name: "foo".into(),
                    earlier: "Foo".into()
                }
            )
        );
    }

    #[test]
    fn names_that_differ_only_beyond_ascii_case_are_told_apart() {
        let rows = "café,1,tcp,,,,,,,,,\ncafÉ,2,tcp,,,,,,,,,\na[b,3,tcp,,,,,,,,,\na{b,4,tcp,,,,,,,,,\n\
                    a_b,5,tcp,,,,,,,,,\na\u{7f}b,6,tcp,,,,,,,,,\n";
        let tables = tables(rows);
        for (name, record) in [
            ("café", 0),
            ("cafÉ", 1),
            ("a[b", 2),
            ("a{b", 3),
            ("A_B", 4),
            ("a\u{7f}b", 5),
        ] {
            assert_eq!(named(tables, name), [record], "{name}");
        }
        assert_eq!(named(tables, "CAFé"), [0]);
        assert!(named(tables, "a]b").is_empty());
        assert_eq!(tables.names.fold_rule, names::FoldRule::Letters);
        // A registry without such names keeps the cheaper rule.
        let plain = self::tables("a_b,5,tcp,,,,,,,,,\nssh,22,tcp,,,,,,,,,\n");
        assert_eq!(plain.names.fold_rule, names::FoldRule::CaseBit);
        assert_eq!(named(plain, "SSH"), [1]);
    }

    #[test]
    fn a_registry_with_no_dates_has_an_empty_date() {
        let tables = generated("a,1,tcp,,,,,,,,,\n", Features::ALL).unwrap();
        assert_eq!(tables.registry_updated, "");
        assert!(!tables.registry_updated_by_iana);
        assert_eq!(tables.newest_registration_date, "");
        assert_eq!(tables.newest_modification_date, "");
    }

    #[test]
    fn crowded_ranges_are_refused_before_they_are_expanded() {
        for rows in [1_000, 8_000] {
            let crowded: String = (0..rows)
                .map(|n| format!("b{n},0-65535,,,,,,,,,,\n"))
                .collect();
            let started = std::time::Instant::now();
            let error = generated(&crowded, Features::ALL).unwrap_err();
            let reason = Reason::TooManyNamedRecords {
                port: 0,
                protocol: "tcp",
                count: rows,
            };
            assert_eq!(error, (Some(9), reason));
            eprintln!("{rows} crowded rows refused in {:?}", started.elapsed());
        }
        // Reserving ranges have no limit, and are not expanded port by port either.
        let reserving: String = (0..8_000)
            .map(|n| format!(",0-65535,,Reserved {n},,,,,,,,\n"))
            .collect();
        let tables = generated(&reserving, Features::ALL).unwrap().leak();
        for port in [0, 1, 65_534, 65_535] {
            let status = tables.ports.status(port, Protocol::Dccp, true);
            assert_eq!(status, ianaports_tables::Status::Reserved);
        }
    }

    #[test]
    fn limits_are_refused_by_name() {
        let long = "n".repeat(MAX_NAME_LEN + 1);
        let error = generated(
            &format!("ok,1,tcp,,,,,,,,,\n{long},2,tcp,,,,,,,,,\n"),
            Features::ALL,
        )
        .unwrap_err();
        assert_eq!(error, (Some(3), Reason::NameTooLong { name: long }));
        let crowded: String = (0..8).map(|n| format!("s{n},9,tcp,,,,,,,,,\n")).collect();
        let error = generated(&crowded, Features::ALL).unwrap_err();
        let reason = Reason::TooManyNamedRecords {
            port: 9,
            protocol: "tcp",
            count: 8,
        };
        assert_eq!(error, (Some(9), reason));
        let too_many: String = (0..=MAX_RECORDS)
            .map(|n| format!(",{},tcp,,,,,,,,,\n", n % 65536))
            .collect();
        let error = generated(&too_many, Features::ALL).unwrap_err();
        assert_eq!(
            error,
            (
                None,
                Reason::TooManyRecords {
                    count: MAX_RECORDS + 1
                }
            )
        );
        assert_eq!(
            error.1.to_string(),
            "65536 records; the tables hold at most 65535"
        );
    }
}
