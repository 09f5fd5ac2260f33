//! Step 3: validated records -> the byte tables `ianaports` reads at run time.
//!
//! Every table is little-endian integers with no pointers, so it costs no relocations, compiles
//! in no time through `include_bytes!`, and means the same on every target. The layout is
//! documented once, here; `ianaports/src/tables.rs` decodes it.
//!
//! | table | entry | meaning |
//! |---|---|---|
//! | `record_port` | u16 per record | first port (0 when the record has none; see flags) |
//! | `record_flags` | u8 per record | bits 0-2 protocol code (0 none, 1 tcp, 2 udp, 3 sctp, 4 dccp), bit 3 has a port, bit 4 port range, bit 5 historic alias, bit 6 first record of a scattered name |
//! | `record_name` | u16 per record | where the name starts in `name_text`, in 2-byte units; `0xFFFF` for an unnamed record |
//! | `range_last` | (u16 record, u16 last port) | one per range record, sorted by record |
//! | `alias_target` | (u16 record, u16 record) | historic alias -> the record it stands for, sorted |
//! | `name_text` | UTF-8 | every distinct service name once, in order of first appearance, each at an even offset and ended by one or two NULs |
//! | `scattered_names` | (u16 record, u16 index) | for each name whose records are not consecutive (flag bit 6 on its first record): where its list starts in `scattered_records`, sorted by record |
//! | `scattered_records` | u16 | per scattered name: the count, then the record ids in registry order |
//!
//! The phf name index keys each name by its first record. Most names' records are consecutive
//! (a tcp/udp pair), so `by_name` reads them as a run from that record; only the few scattered
//! names need a list.
//! | `port_bitmap` | u64 per 64 ports | bit set when the port has a slot (named or reserved) |
//! | `port_rank` | u16 per 64 ports | slots before the block |
//! | `port_slots` | u32 per slot | slot 0 is empty (every port without one maps to it); bits 0-15 first index in `cover_records`; bits 16-27 named-record count per protocol (3 bits each, tcp lowest); bits 28-31 reserved flag per protocol |
//! | `port_slot_index` | u16 per port | dense index only: the port's slot, 0 for none |
//! | `port_primary` | [u16; 4] per slot | dense index only: primary record + 1 per protocol, 0 for none |
//! | `cover_records` | u16 | named records covering each (slot, protocol), in lookup order |
//! | `text_pool` | UTF-8 | every distinct text cell of the compiled-in columns; id 0 is `""` |
//! | `text_end` | u32 per text | end offset in `text_pool` |
//! | `column_*` | dense: u16 text id per record; sparse: (u16 record, u16 text id) for non-empty cells, sorted |

use std::collections::HashMap;

use crate::error::{LineReason, Reason};
use crate::validate::{Protocol, Record};

pub const NO_NAME: u16 = u16::MAX;
pub const FLAG_HAS_PORT: u8 = 1 << 3;
pub const FLAG_RANGE: u8 = 1 << 4;
pub const FLAG_ALIAS: u8 = 1 << 5;
pub const FLAG_SCATTERED: u8 = 1 << 6;
const MAX_PER_PROTOCOL: usize = 7;

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

/// A text column as the library names it, with the record field it comes from.
pub struct TextColumnSpec {
    pub ident: &'static str,
    pub metadata: bool,
    pub cell: fn(&Record) -> &str,
}

pub const TEXT_COLUMNS: [TextColumnSpec; 9] = [
    TextColumnSpec {
        ident: "DESCRIPTION",
        metadata: false,
        cell: |r| &r.description,
    },
    TextColumnSpec {
        ident: "ASSIGNEE",
        metadata: true,
        cell: |r| &r.assignee,
    },
    TextColumnSpec {
        ident: "CONTACT",
        metadata: true,
        cell: |r| &r.contact,
    },
    TextColumnSpec {
        ident: "REGISTRATION_DATE",
        metadata: true,
        cell: |r| &r.registration_date,
    },
    TextColumnSpec {
        ident: "MODIFICATION_DATE",
        metadata: true,
        cell: |r| &r.modification_date,
    },
    TextColumnSpec {
        ident: "REFERENCE",
        metadata: true,
        cell: |r| &r.reference,
    },
    TextColumnSpec {
        ident: "SERVICE_CODE",
        metadata: true,
        cell: |r| &r.service_code,
    },
    TextColumnSpec {
        ident: "UNAUTHORIZED_USE_REPORTED",
        metadata: true,
        cell: |r| &r.unauthorized_use_reported,
    },
    TextColumnSpec {
        ident: "ASSIGNMENT_NOTES",
        metadata: true,
        cell: |r| &r.assignment_notes,
    },
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnLayout {
    Dense,
    Sparse,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextColumnTable {
    pub ident: &'static str,
    pub layout: ColumnLayout,
    pub bytes: Vec<u8>,
}

/// A service name as a key of the phf name index: hashed ASCII-case-insensitively, written into
/// the generated code as the name's first record so the index holds no string references.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct NameKeyLiteral {
    pub first_record: u16,
    pub name: String,
}

impl phf_shared::PhfHash for NameKeyLiteral {
    /// The library hashes a query lower-cased, as bytes; so must the index.
    fn phf_hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.name.to_ascii_lowercase().as_bytes().phf_hash(state)
    }
}

impl phf_shared::FmtConst for NameKeyLiteral {
    fn fmt_const(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "NameKey({})", self.first_record)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tables {
    pub record_count: usize,
    /// The date IANA gave the snapshot, or else the newest date in its rows.
    pub registry_updated: String,
    /// Whether [`Tables::registry_updated`] is IANA's date rather than the fallback.
    pub registry_updated_by_iana: bool,
    pub newest_registration_date: String,
    pub newest_modification_date: String,
    pub longest_name: usize,
    pub record_port: Vec<u8>,
    pub record_flags: Vec<u8>,
    pub record_name: Vec<u8>,
    pub range_last: Vec<u8>,
    pub alias_target: Vec<u8>,
    pub name_keys: Vec<NameKeyLiteral>,
    pub name_text: String,
    pub scattered_names: Vec<u8>,
    pub scattered_records: Vec<u8>,
    pub port_bitmap: Vec<u8>,
    pub port_rank: Vec<u8>,
    pub port_slots: Vec<u8>,
    pub cover_records: Vec<u8>,
    /// Empty unless [`Features::dense_port_index`].
    pub port_slot_index: Vec<u8>,
    /// Empty unless [`Features::dense_port_index`].
    pub port_primary: Vec<u8>,
    pub text_pool: String,
    pub text_end: Vec<u8>,
    pub text_columns: Vec<TextColumnTable>,
}

pub fn build(
    records: &[Record],
    updated: Option<&str>,
    features: Features,
) -> Result<Tables, LineReason> {
    let count = records.len();
    if count >= usize::from(NO_NAME) {
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
    let names = NameTable::build(records)?;
    let ports = port_index(records, features.dense_port_index)?;
    let (text_pool, text_end, text_columns) = text_tables(records, features)?;
    let mut tables = Tables {
        record_count: count,
        registry_updated: updated.map_or_else(|| newest_date.clone(), str::to_owned),
        registry_updated_by_iana: updated.is_some(),
        newest_registration_date,
        newest_modification_date,
        longest_name: names
            .keys
            .iter()
            .map(|key| key.name.len())
            .max()
            .unwrap_or(0),
        record_port: Vec::with_capacity(count * 2),
        record_flags: Vec::with_capacity(count),
        record_name: Vec::with_capacity(count * 2),
        range_last: Vec::new(),
        alias_target: Vec::new(),
        name_text: names.text,
        scattered_names: names.scattered_names,
        scattered_records: names.scattered_records,
        name_keys: names.keys,
        port_bitmap: ports.bitmap,
        port_rank: ports.rank,
        port_slots: ports.slots,
        cover_records: ports.cover,
        port_slot_index: ports.slot_index,
        port_primary: ports.primary,
        text_pool,
        text_end,
        text_columns,
    };
    for (id, record) in records.iter().enumerate() {
        let id = id as u16;
        let ports = record.ports;
        let mut flags = record.protocol.map_or(0, |p| p as u8);
        if let Some(range) = ports {
            flags |= FLAG_HAS_PORT;
            if range.is_range() {
                flags |= FLAG_RANGE;
                push_u16s(&mut tables.range_last, &[id, range.last]);
            }
        }
        if record.alias_of.is_some() {
            flags |= FLAG_ALIAS;
        }
        let name_unit = names
            .units
            .get(&caseless(&record.service_name))
            .map(|&(unit, _)| unit);
        if names.scattered_first.contains(&id) {
            flags |= FLAG_SCATTERED;
        }
        if let Some(target) = alias_record(records, record, &names.units) {
            push_u16s(&mut tables.alias_target, &[id, target]);
        }
        push_u16s(&mut tables.record_port, &[ports.map_or(0, |r| r.first)]);
        tables.record_flags.push(flags);
        push_u16s(&mut tables.record_name, &[name_unit.unwrap_or(NO_NAME)]);
    }
    Ok(tables)
}

fn caseless(name: &str) -> String {
    name.to_ascii_lowercase()
}

fn push_u16s(bytes: &mut Vec<u8>, values: &[u16]) {
    for value in values {
        bytes.extend_from_slice(&value.to_le_bytes());
    }
}

fn push_u32(bytes: &mut Vec<u8>, value: u32) {
    bytes.extend_from_slice(&value.to_le_bytes());
}

fn newest(records: &[Record], date: fn(&Record) -> &String) -> String {
    records.iter().map(date).max().cloned().unwrap_or_default()
}

struct NameTable {
    /// Caseless name -> (where it starts in `text` in 2-byte units, its index in `keys`).
    units: HashMap<String, (u16, usize)>,
    keys: Vec<NameKeyLiteral>,
    text: String,
    scattered_first: Vec<u16>,
    scattered_names: Vec<u8>,
    scattered_records: Vec<u8>,
}

impl NameTable {
    fn build(records: &[Record]) -> Result<NameTable, LineReason> {
        let mut table = NameTable {
            units: HashMap::new(),
            keys: Vec::new(),
            text: String::new(),
            scattered_first: Vec::new(),
            scattered_names: Vec::new(),
            scattered_records: Vec::new(),
        };
        let mut records_of: Vec<Vec<u16>> = Vec::new();
        for (id, record) in records.iter().enumerate() {
            let name = &record.service_name;
            if name.is_empty() {
                continue;
            }
            match table.units.get(&caseless(name)) {
                Some(&(_, key)) => {
                    let earlier = &table.keys[key].name;
                    if earlier != name {
                        let reason = Reason::NameCaseClash {
                            name: name.clone(),
                            earlier: earlier.clone(),
                        };
                        return Err((Some(record.line), reason));
                    }
                    records_of[key].push(id as u16);
                }
                None => {
                    let unit = u16::try_from(table.text.len() / 2)
                        .ok()
                        .filter(|&unit| unit != NO_NAME)
                        .ok_or((
                            None,
                            Reason::NamesTooLong {
                                bytes: table.text.len(),
                            },
                        ))?;
                    table.units.insert(caseless(name), (unit, table.keys.len()));
                    table.keys.push(NameKeyLiteral {
                        first_record: id as u16,
                        name: name.clone(),
                    });
                    records_of.push(vec![id as u16]);
                    table.text.push_str(name);
                    table.text.push('\0');
                    if table.text.len() % 2 == 1 {
                        table.text.push('\0');
                    }
                }
            }
        }
        for ids in records_of {
            let first = ids[0];
            if ids
                .iter()
                .zip(first..)
                .any(|(&id, expected)| id != expected)
            {
                table.scattered_first.push(first);
                let start = (table.scattered_records.len() / 2) as u16;
                push_u16s(&mut table.scattered_names, &[first, start]);
                push_u16s(&mut table.scattered_records, &[ids.len() as u16]);
                push_u16s(&mut table.scattered_records, &ids);
            }
        }
        Ok(table)
    }
}

/// The record a historic alias stands for: the target name's record on the same ports and
/// protocol when there is one, else the target name's first record.
fn alias_record(
    records: &[Record],
    alias: &Record,
    name_units: &HashMap<String, (u16, usize)>,
) -> Option<u16> {
    let target = caseless(alias.alias_of.as_deref()?);
    name_units.get(&target)?;
    let named = |r: &&Record| r.service_name.eq_ignore_ascii_case(&target);
    let twin = records
        .iter()
        .position(|r| named(&r) && r.ports == alias.ports && r.protocol == alias.protocol);
    twin.or_else(|| records.iter().position(|r| named(&r)))
        .map(|id| id as u16)
}

/// The order `lookup_all` promises: single port before range, own protocol before
/// protocol-less, current name before historic alias, then registry order.
fn lookup_order(record: &Record, id: usize) -> (bool, bool, bool, usize) {
    let range = record.ports.is_some_and(|r| r.is_range());
    (
        range,
        record.protocol.is_none(),
        record.alias_of.is_some(),
        id,
    )
}

struct PortIndex {
    bitmap: Vec<u8>,
    rank: Vec<u8>,
    slots: Vec<u8>,
    cover: Vec<u8>,
    slot_index: Vec<u8>,
    primary: Vec<u8>,
}

fn port_index(records: &[Record], dense: bool) -> Result<PortIndex, LineReason> {
    // For every (port, protocol): the named records covering it, and whether an unnamed one
    // marks it reserved. Expanding ranges here keeps run-time lookups free of searches.
    let mut named: Vec<[Vec<usize>; 4]> = vec![Default::default(); 1 << 16];
    let mut reserved = vec![[false; 4]; 1 << 16];
    for (id, record) in records.iter().enumerate() {
        let Some(range) = record.ports else { continue };
        for port in range.first..=range.last {
            for protocol in Protocol::ALL {
                if !record.covers(port, protocol) {
                    continue;
                }
                let p = protocol.index();
                if record.service_name.is_empty() {
                    reserved[usize::from(port)][p] |= record.marks_reserved();
                } else {
                    named[usize::from(port)][p].push(id);
                }
            }
        }
    }
    let mut bitmap = vec![0u64; 1 << 10];
    let mut rank = Vec::with_capacity(1 << 11);
    let mut slots = Vec::new();
    let mut cover: Vec<u16> = Vec::new();
    let mut slot_index = Vec::new();
    let mut primary = Vec::new();
    push_u32(&mut slots, 0);
    push_u16s(&mut primary, &[0; 4]);
    let mut slot_count = 0u32;
    for port in 0..=u16::MAX {
        let block = usize::from(port >> 6);
        if port & 63 == 0 {
            push_u16s(&mut rank, &[slot_count as u16]);
        }
        let lists = &mut named[usize::from(port)];
        let flags = reserved[usize::from(port)];
        if lists.iter().all(Vec::is_empty) && !flags.contains(&true) {
            push_u16s(&mut slot_index, &[0]);
            continue;
        }
        bitmap[block] |= 1 << (port & 63);
        slot_count += 1;
        push_u16s(&mut slot_index, &[slot_count as u16]);
        let start = u16::try_from(cover.len()).map_err(|_| too_many_records(records.len()))?;
        let mut slot = u32::from(start);
        for protocol in Protocol::ALL {
            let p = protocol.index();
            let list = &mut lists[p];
            if list.len() > MAX_PER_PROTOCOL {
                let reason = Reason::TooManyNamedRecords {
                    port,
                    protocol: protocol.as_str(),
                    count: list.len(),
                };
                return Err((Some(records[list[MAX_PER_PROTOCOL]].line), reason));
            }
            list.sort_by_key(|&id| lookup_order(&records[id], id));
            cover.extend(list.iter().map(|&id| id as u16));
            push_u16s(&mut primary, &[list.first().map_or(0, |&id| id as u16 + 1)]);
            slot |= (list.len() as u32) << (16 + 3 * p);
            if flags[p] {
                slot |= 1 << (28 + p);
            }
        }
        push_u32(&mut slots, slot);
    }
    if cover.len() > usize::from(u16::MAX) {
        return Err(too_many_records(cover.len()));
    }
    let mut cover_bytes = Vec::with_capacity(cover.len() * 2);
    push_u16s(&mut cover_bytes, &cover);
    if !dense {
        slot_index.clear();
        primary.clear();
    }
    Ok(PortIndex {
        bitmap: bitmap.iter().flat_map(|word| word.to_le_bytes()).collect(),
        rank,
        slots,
        cover: cover_bytes,
        slot_index,
        primary,
    })
}

fn too_many_records(count: usize) -> LineReason {
    (None, Reason::TooManyRecords { count })
}

type TextTables = (String, Vec<u8>, Vec<TextColumnTable>);

fn text_tables(records: &[Record], features: Features) -> Result<TextTables, LineReason> {
    let mut pool = String::new();
    let mut ends = Vec::new();
    let mut ids: HashMap<&str, u16> = HashMap::from([("", 0)]);
    push_u32(&mut ends, 0);
    let mut tables = Vec::new();
    let wanted = TEXT_COLUMNS.iter().filter(|spec| {
        if spec.metadata {
            features.metadata
        } else {
            features.descriptions
        }
    });
    for spec in wanted {
        let mut text_ids = Vec::with_capacity(records.len());
        for record in records {
            let cell = (spec.cell)(record);
            let next = ids.len() as u16;
            let id = *ids.entry(cell).or_insert_with(|| {
                pool.push_str(cell);
                push_u32(&mut ends, pool.len() as u32);
                next
            });
            text_ids.push(id);
        }
        if ids.len() > usize::from(u16::MAX) {
            return Err((None, Reason::TooManyTexts { count: ids.len() }));
        }
        // A column that is mostly empty is cheaper as (record, text) pairs than as one id per
        // record; accessors then binary-search it, which costs nothing on the lookup path.
        let filled = text_ids.iter().filter(|&&id| id != 0).count();
        let mut bytes = Vec::new();
        let layout = if filled * 2 < records.len() {
            for (record, &id) in text_ids.iter().enumerate().filter(|(_, id)| **id != 0) {
                push_u16s(&mut bytes, &[record as u16, id]);
            }
            ColumnLayout::Sparse
        } else {
            push_u16s(&mut bytes, &text_ids);
            ColumnLayout::Dense
        };
        tables.push(TextColumnTable {
            ident: spec.ident,
            layout,
            bytes,
        });
    }
    Ok((pool, ends, tables))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_registry;

    const HEADER: &str = "Service Name,Port Number,Transport Protocol,Description,Assignee,Contact,Registration Date,Modification Date,Reference,Service Code,Unauthorized Use Reported,Assignment Notes\n";

    fn tables(rows: &str) -> Tables {
        let records = parse_registry(format!("{HEADER}{rows}").as_bytes(), "test.csv").unwrap();
        build(&records, None, Features::ALL).unwrap()
    }

    fn u16s(bytes: &[u8]) -> Vec<u16> {
        bytes
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect()
    }

    fn slot_of(tables: &Tables, port: u16) -> Option<u32> {
        let bitmap: Vec<u64> = tables
            .port_bitmap
            .chunks_exact(8)
            .map(|c| u64::from_le_bytes(c.try_into().unwrap()))
            .collect();
        let block = usize::from(port >> 6);
        let bit = 1u64 << (port & 63);
        (bitmap[block] & bit != 0).then(|| {
            let index = 1
                + usize::from(u16s(&tables.port_rank)[block])
                + (bitmap[block] & (bit - 1)).count_ones() as usize;
            u32::from_le_bytes(
                tables.port_slots[index * 4..index * 4 + 4]
                    .try_into()
                    .unwrap(),
            )
        })
    }

    #[test]
    fn covering_records_are_ordered_single_own_current_then_registry() {
        let tables = tables(
            "old_name,7,tcp,,,,,,,,,\"This entry is an alias to \"\"new-name\"\".\"\n\
             block,1-10,tcp,,,,,,,,,\n\
             anyproto,7,,,,,,,,,,\n\
             new-name,7,tcp,,,,,,,,,\n",
        );
        let slot = slot_of(&tables, 7).unwrap();
        let tcp_count = ((slot >> 16) & 7) as usize;
        let start = (slot & 0xFFFF) as usize;
        let cover = u16s(&tables.cover_records);
        assert_eq!(&cover[start..start + tcp_count], [3, 0, 2, 1]);
        assert_eq!(
            (slot >> 19) & 7,
            1,
            "only the protocol-less record covers 7/udp"
        );
        assert_eq!(u16s(&tables.alias_target), [0, 3]);
    }

    #[test]
    fn the_dense_index_agrees_with_the_bitmap() {
        let tables = tables(
            "a,1,tcp,,,,,,,,,\n,5,udp,Reserved,,,,,,,,\nb,70-71,,,,,,,,,,\nc,70,udp,,,,,,,,,\n",
        );
        let dense = u16s(&tables.port_slot_index);
        assert_eq!(dense.len(), 65536);
        for port in 0..=u16::MAX {
            let slot = slot_of(&tables, port);
            let index = usize::from(dense[usize::from(port)]);
            let dense_slot = u32::from_le_bytes(
                tables.port_slots[index * 4..index * 4 + 4]
                    .try_into()
                    .unwrap(),
            );
            assert_eq!(slot.unwrap_or(0), dense_slot, "port {port}");
        }
        let primary = u16s(&tables.port_primary);
        let at = |port: usize, protocol: usize| primary[usize::from(dense[port]) * 4 + protocol];
        assert_eq!(
            [
                at(1, 0),
                at(1, 1),
                at(5, 1),
                at(70, 0),
                at(70, 1),
                at(71, 2),
                at(2, 0)
            ],
            [1, 0, 0, 3, 4, 3, 0]
        );
    }

    #[test]
    fn reserved_flags_come_from_unnamed_rows_only() {
        let tables = tables(
            ",5,udp,Reserved,,,,,,,,\n\
             ,6,,any private terminal access,,,,,,,,\n\
             ,8,tcp,Unassigned,,,,,,,,\n\
             named,5,tcp,Reserved for something,,,,,,,,\n",
        );
        let reserved = |port, protocol: Protocol| {
            slot_of(&tables, port).is_some_and(|s| s & (1 << (28 + protocol.index())) != 0)
        };
        assert!(reserved(5, Protocol::Udp));
        assert!(!reserved(5, Protocol::Tcp));
        assert!(Protocol::ALL.iter().all(|&p| reserved(6, p)));
        assert_eq!(slot_of(&tables, 8), None);
    }

    #[test]
    fn sparse_and_dense_columns_hold_the_same_cells() {
        let tables = tables(
            "a,1,tcp,First,,,,,,,,\nb,2,tcp,Second,,,,,,,,Only note\nc,3,tcp,First,,,,,,,,\n",
        );
        let description = &tables.text_columns[0];
        assert_eq!(
            (description.ident, &description.layout),
            ("DESCRIPTION", &ColumnLayout::Dense)
        );
        assert_eq!(
            u16s(&description.bytes),
            [1, 2, 1],
            "equal cells share one text"
        );
        let notes = tables
            .text_columns
            .iter()
            .find(|c| c.ident == "ASSIGNMENT_NOTES")
            .unwrap();
        assert_eq!(notes.layout, ColumnLayout::Sparse);
        assert_eq!(u16s(&notes.bytes), [1, 3]);
        assert_eq!(tables.text_pool, "FirstSecondOnly note");
    }

    #[test]
    fn names_are_runs_unless_scattered() {
        let tables = tables(
            "ssh,22,tcp,,,,,,,,,\nssh,22,udp,,,,,,,,,\nhttp,80,tcp,,,,,,,,,\nssh,,tcp,,,,,,,,,\nabc,81,tcp,,,,,,,,,\n",
        );
        assert_eq!(tables.name_text, "ssh\0http\0\0abc\0");
        assert_eq!(u16s(&tables.record_name), [0, 0, 2, 0, 5]);
        let keys: Vec<_> = tables
            .name_keys
            .iter()
            .map(|k| (k.first_record, k.name.as_str()))
            .collect();
        assert_eq!(keys, [(0, "ssh"), (2, "http"), (4, "abc")]);
        assert_eq!(tables.record_flags[0] & FLAG_SCATTERED, FLAG_SCATTERED);
        assert_eq!(tables.record_flags[2] & FLAG_SCATTERED, 0);
        assert_eq!(u16s(&tables.scattered_names), [0, 0]);
        assert_eq!(u16s(&tables.scattered_records), [3, 0, 1, 3]);
    }

    #[test]
    fn names_that_differ_only_in_case_are_refused() {
        let records = parse_registry(
            format!("{HEADER}Foo,1,tcp,,,,,,,,,\nfoo,2,tcp,,,,,,,,,\n").as_bytes(),
            "t.csv",
        )
        .unwrap();
        let (line, reason) = build(&records, None, Features::ALL).unwrap_err();
        assert_eq!(line, Some(3));
        assert_eq!(
            reason,
            Reason::NameCaseClash {
                name: "foo".into(),
                earlier: "Foo".into()
            }
        );
    }

    #[test]
    fn left_out_columns_are_not_generated() {
        let records = parse_registry(
            format!("{HEADER}a,1,tcp,Desc,[Someone],,,,,,,\n").as_bytes(),
            "t.csv",
        )
        .unwrap();
        let names_only = build(
            &records,
            None,
            Features {
                descriptions: false,
                metadata: false,
                dense_port_index: false,
            },
        )
        .unwrap();
        assert!(names_only.text_columns.is_empty());
        assert!(names_only.port_slot_index.is_empty() && names_only.port_primary.is_empty());
        assert_eq!(names_only.text_pool, "");
        let descriptions = build(
            &records,
            None,
            Features {
                descriptions: true,
                metadata: false,
                dense_port_index: false,
            },
        )
        .unwrap();
        assert_eq!(descriptions.text_pool, "Desc");
    }
}
