//! The (port, protocol) index: a packed slot for every port the registry names or reserves,
//! the bitmap (or, with the dense index, the table) that leads from a port to its slot, and the
//! covering-records lists the slots point into. Ranges are expanded here, so that a lookup at
//! run time searches nothing.

use std::collections::HashMap;

use ianaports_tables::{Pair, PortIndex, PortTables, Protocol, Slot, SlotLimit};

use crate::error::{LineReason, Reason};
use crate::filter::Selection;
use crate::generated::{Encoded, record_id, too_many_records};
use crate::validate::Record;

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

/// The port index of a registry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PortLayout {
    bitmap: Encoded<u64>,
    rank: Encoded<u16>,
    slots: Encoded<u32>,
    slot_index: Encoded<u16>,
    primary: Encoded<u16>,
    cover: Encoded<u16>,
    cover_unit_shift: u32,
    sorted: Encoded<u16>,
    first_block: u16,
    index: PortIndex,
    filter: Option<[Encoded<Pair>; 4]>,
}

/// The port index as it is built.
struct IndexTables {
    bitmap: Vec<u64>,
    rank: Vec<u16>,
    slots: Vec<u32>,
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
    /// The index of `records`: with `selection`, of the (port, protocol) pairs it keeps only,
    /// through the sorted index (whose size follows the ports kept); else through the dense
    /// index when `dense`, the bitmap when not.
    pub(crate) fn build(
        records: &[Record],
        dense: bool,
        selection: Option<&Selection>,
    ) -> Result<PortLayout, LineReason> {
        let ports = port_entries(records, selection)?;
        // The bitmap's words from the first port's to the last one's: all of them for the
        // whole registry, and for a filter as few as its ports span.
        let (first_block, last_block) = match (selection, ports.first(), ports.last()) {
            (Some(_), Some(first), Some(last)) => (
                PortTables::block_of(first.port),
                PortTables::block_of(last.port),
            ),
            (Some(_), _, _) => (0, 0),
            (None, _, _) => (0, PortTables::BLOCKS - 1),
        };
        let blocks = last_block - first_block + 1;
        // A filtered build takes the smaller of its bitmap (a u64 and a u16 rank per word
        // spanned) and the sorted list of its ports (a u16 each).
        let bitmap_bytes = blocks * (u64::BITS / 8 + u16::BITS / 8) as usize;
        let index_kind = match (selection, dense) {
            (Some(_), _) if ports.len() * 2 < bitmap_bytes => PortIndex::Sorted,
            (Some(_), _) => PortIndex::Bitmap,
            (None, true) => PortIndex::Dense,
            (None, false) => PortIndex::Bitmap,
        };
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
        let mut index = IndexTables {
            bitmap: vec![0; blocks],
            rank: Vec::with_capacity(blocks),
            slots: Vec::with_capacity(ports.len() + 1),
            slot_index: Vec::new(),
            primary: Vec::new(),
        };
        let mut slot_of_port: Vec<Option<usize>> = vec![None; 1 << u16::BITS];
        let mut entries = ports.iter().zip(list_of_port).peekable();
        for block in first_block..=last_block {
            let before =
                u16::try_from(index.slots.len()).map_err(|_| port_index_full(index.slots.len()))?;
            index.rank.push(before);
            while let Some((entry, list)) =
                entries.next_if(|(entry, _)| PortTables::block_of(entry.port) == block)
            {
                let unit = list.map_or(0, |list| list_starts[list]);
                let counts = entry.lists.each_ref().map(Vec::len);
                let slot = Slot::pack(unit, counts, entry.reserved)
                    .map_err(|limit| slot_limit(records, entry, limit))?;
                index.bitmap[block - first_block] |= PortTables::bit_of(entry.port);
                slot_of_port[usize::from(entry.port)] = Some(index.slots.len());
                index.slots.push(slot.bits());
                // In `PortTables::primary_at` order: the slot's, then the protocol's.
                for protocol in Protocol::ALL {
                    let first = entry.lists[protocol.index()].first().copied();
                    let entry = PortTables::encode_primary(first)
                        .ok_or_else(|| too_many_records(records.len()))?;
                    index.primary.push(entry);
                }
            }
        }
        // The empty slot comes last, so that a registry with a slot for every one of the
        // 65,536 ports still numbers them all in a u16.
        let empty = index.slots.len();
        index.slots.push(Slot::EMPTY.bits());
        let none = PortTables::encode_primary(None).unwrap_or_default();
        index.primary.extend([none; PortTables::PRIMARIES_PER_SLOT]);
        if index_kind == PortIndex::Dense {
            for slot in slot_of_port {
                let slot = slot.unwrap_or(empty);
                let slot = u16::try_from(slot).map_err(|_| port_index_full(slot))?;
                index.slot_index.push(slot);
            }
        } else {
            index.primary.clear();
        }
        let sorted: Vec<u16> = if index_kind == PortIndex::Sorted {
            index.bitmap.clear();
            index.rank.clear();
            ports.iter().map(|entry| entry.port).collect()
        } else {
            Vec::new()
        };
        let filter = selection.map(|selection| {
            selection.ranges.each_ref().map(|ranges| {
                let pairs: Vec<Pair> = ranges
                    .iter()
                    .map(|&(key, value)| Pair { key, value })
                    .collect();
                Encoded::new(&pairs)
            })
        });
        Ok(PortLayout {
            bitmap: Encoded::new(&index.bitmap),
            rank: Encoded::new(&index.rank),
            slots: Encoded::new(&index.slots),
            slot_index: Encoded::new(&index.slot_index),
            primary: Encoded::new(&index.primary),
            cover: Encoded::new(&cover),
            cover_unit_shift,
            sorted: Encoded::new(&sorted),
            first_block: u16::try_from(first_block).map_err(|_| port_index_full(first_block))?,
            index: index_kind,
            filter,
        })
    }

    pub(crate) fn view(&self) -> PortTables<'_> {
        PortTables {
            bitmap: self.bitmap.view(),
            rank: self.rank.view(),
            slots: self.slots.view(),
            slot_index: self.slot_index.view(),
            primary: self.primary.view(),
            cover: self.cover.view(),
            cover_unit_shift: self.cover_unit_shift,
            sorted: self.sorted.view(),
            first_block: self.first_block,
            index: self.index,
            filtered: self.filter.is_some(),
            filter: match &self.filter {
                Some(filter) => filter.each_ref().map(Encoded::view),
                None => [ianaports_tables::Table::new(&[]); 4],
            },
        }
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
            .filter(|record| !record.service_name().is_empty())
            .filter(|record| record.is_over(protocol))
            .filter_map(|record| record.ports)
            .flat_map(|range| {
                [
                    (u32::from(range.start()), 1),
                    (u32::from(range.end()) + 1, -1),
                ]
            })
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
        .filter(|(_, record)| !record.service_name().is_empty() && record.covers(port, protocol))
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
fn port_entries(
    records: &[Record],
    selection: Option<&Selection>,
) -> Result<Vec<PortEntry>, LineReason> {
    check_named_per_port(records)?;
    let mut named: Vec<[Vec<u16>; 4]> = vec![Default::default(); 1 << u16::BITS];
    // Per protocol: +1 where a reserving range starts, -1 after it ends.
    let mut reserving = vec![[0i32; 4]; (1 << u16::BITS) + 1];
    for (id, record) in records.iter().enumerate() {
        let Some(range) = record.ports else { continue };
        let id = record_id(id)?;
        if record.service_name().is_empty() {
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
        // A filtered build holds only the pairs its filter keeps.
        if let Some(selection) = selection {
            for protocol in Protocol::ALL {
                if !selection.contains(port, protocol) {
                    lists[protocol.index()].clear();
                    reserved[protocol.index()] = false;
                }
            }
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
/// (a power of two of entries) that lets a slot's 16 bits reach every one. A unit of
/// `1 << PortTables::MAX_COVER_UNIT_SHIFT` holds the longest list, so it always fits 65,536
/// ports' lists.
fn place_lists(lists: &[Vec<u16>]) -> Result<(Vec<u16>, u32, Vec<usize>), LineReason> {
    for shift in 0..=PortTables::MAX_COVER_UNIT_SHIFT {
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

#[cfg(test)]
mod tests {
    use ianaports_tables::Status;

    use super::*;
    use crate::generated::Features;
    use crate::generated::testing::{covering, generated, leaked, tables};

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
                    ports.lookup(port, protocol, PortIndex::Dense),
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
        assert_eq!(generated.ports.cover.view().len(), 5 + 4);
        let tables = leaked(generated);
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
        assert_eq!(generated.ports.cover_unit_shift, 1);
        let tables = leaked(generated);
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
        let reserved = |port, protocol| {
            tables
                .ports
                .port_slot(port, PortIndex::Dense)
                .is_reserved(protocol)
        };
        assert!(reserved(5, Protocol::Udp));
        assert!(!reserved(5, Protocol::Tcp));
        assert!(Protocol::ALL.iter().all(|&p| reserved(6, p)));
        assert_eq!(tables.ports.port_slot(8, PortIndex::Dense), Slot::EMPTY);
    }

    #[test]
    fn every_port_covered_still_numbers_its_slots_in_a_u16() {
        let tables = tables(",0-65535,,Reserved,,,,,,,,\nlast,65535,tcp,,,,,,,,,\n");
        for port in [0, 1, 65534, 65535] {
            let slot = tables.ports.port_slot(port, PortIndex::Dense);
            assert_eq!(
                slot,
                tables.ports.port_slot(port, PortIndex::Bitmap),
                "{port}"
            );
            assert!(slot.is_reserved(Protocol::Udp), "{port}");
        }
        assert_eq!(
            tables.ports.lookup(65535, Protocol::Tcp, PortIndex::Dense),
            Some(1)
        );
        assert_eq!(covering(tables, 65535, Protocol::Tcp), [1]);
        assert_eq!(tables.ports.slots.len(), 65536 + 1);
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
        let tables = leaked(generated(&reserving, Features::ALL).unwrap());
        for port in [0, 1, 65_534, 65_535] {
            let status = tables.ports.status(port, Protocol::Dccp, PortIndex::Dense);
            assert_eq!(status, Status::Reserved);
        }
    }

    #[test]
    fn more_named_records_than_a_slot_holds_are_refused() {
        let crowded: String = (0..8).map(|n| format!("s{n},9,tcp,,,,,,,,,\n")).collect();
        let error = generated(&crowded, Features::ALL).unwrap_err();
        let reason = Reason::TooManyNamedRecords {
            port: 9,
            protocol: "tcp",
            count: 8,
        };
        assert_eq!(error, (Some(9), reason));
    }
}
