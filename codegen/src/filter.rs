//! `IANAPORTS_FILTER`: the part of the registry a build compiles in. Its items are queries in
//! the command line's syntax (ports and ranges with an optional protocol, service names with an
//! optional protocol), and it keeps every record that a query inside the filter can return, so
//! that inside the filter every answer is the whole registry's.

use std::collections::HashSet;

use ianaports_tables::{Protocol, Query, QueryError};

use crate::error::{Error, Reason};
use crate::validate::Record;

/// Set to a comma-separated list of queries to compile in only what they need.
pub const FILTER_ENV: &str = "IANAPORTS_FILTER";

/// What a filter keeps of a registry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    /// The filter, items separated by `,` as given, without surrounding white space.
    pub text: String,
    /// The records kept, as positions in the registry, in registry order.
    pub kept: Vec<usize>,
    /// Per protocol, in [`Protocol::ALL`] order: the (first, last) port ranges whose lookups
    /// the build answers, sorted and merged.
    pub ranges: [Vec<(u16, u16)>; 4],
}

impl Selection {
    /// Whether (`port`, `protocol`) is inside the filter.
    pub fn contains(&self, port: u16, protocol: Protocol) -> bool {
        let ranges = &self.ranges[protocol.index()];
        let at = ranges.partition_point(|&(first, _)| first <= port);
        at.checked_sub(1).is_some_and(|at| port <= ranges[at].1)
    }
}

/// Reads `filter` against `records`; `None` when it is empty (the whole registry). A bad item
/// fails with the variable's name and the item.
pub fn select(filter: &str, records: &[Record]) -> Result<Option<Selection>, Error> {
    let filter = filter.trim();
    if filter.is_empty() {
        return Ok(None);
    }
    let names: HashSet<String> = records
        .iter()
        .map(|record| record.service_name().to_ascii_lowercase())
        .filter(|name| !name.is_empty())
        .collect();
    let is_name = |text: &str| names.contains(&text.to_ascii_lowercase());
    let mut ranges: [Vec<(u16, u16)>; 4] = Default::default();
    let mut kept_names: HashSet<String> = HashSet::new();
    let mut items = Vec::new();
    for item in filter.split(',').map(str::trim) {
        let bad = |why: String| {
            let reason = Reason::BadFilterItem {
                item: item.to_owned(),
                why,
            };
            Error::new(FILTER_ENV, None, reason)
        };
        let query = Query::parse(item, is_name).map_err(|error| bad(query_error(error)))?;
        let protocols = over(query.protocol());
        match query {
            Query::Ports { ports, .. } => {
                for protocol in protocols {
                    ranges[protocol.index()].push((ports.start(), ports.end()));
                }
            }
            Query::Name { name, protocol } => {
                if !is_name(name) {
                    return Err(bad("no service has this name in the registry".to_owned()));
                }
                let lower = name.to_ascii_lowercase();
                let mut any = false;
                for record in records
                    .iter()
                    .filter(|r| r.service_name().eq_ignore_ascii_case(&lower))
                {
                    let (Some(range), true) =
                        (record.ports, protocol.is_none_or(|p| record.is_over(p)))
                    else {
                        continue;
                    };
                    any = true;
                    for each in over(protocol.or(record.protocol)) {
                        ranges[each.index()].push((range.start(), range.end()));
                    }
                }
                if let (Some(protocol), false) = (protocol, any) {
                    return Err(bad(format!("the service has no port over {protocol}")));
                }
                kept_names.insert(lower);
            }
        }
        items.push(item);
    }
    for list in &mut ranges {
        *list = merged(std::mem::take(list));
    }
    let selection = Selection {
        text: items.join(","),
        kept: Vec::new(),
        ranges,
    };
    Ok(Some(Selection {
        kept: kept(records, &selection, kept_names),
        ..selection
    }))
}

/// The protocols a query with `protocol` is over: its own, or all four.
fn over(protocol: Option<Protocol>) -> Vec<Protocol> {
    protocol.map_or_else(|| Protocol::ALL.to_vec(), |protocol| vec![protocol])
}

fn query_error(error: QueryError<'_>) -> String {
    match error {
        QueryError::Empty => "an empty item (two commas in a row, or one at an end)".to_owned(),
        QueryError::UnknownProtocol { protocol } => {
            format!("unknown protocol `{protocol}` (expected tcp, udp, sctp or dccp)")
        }
        QueryError::BadPort { port, error } => format!("`{port}`: {error}"),
    }
}

/// Sorted ranges with the overlapping and adjacent ones joined.
fn merged(mut ranges: Vec<(u16, u16)>) -> Vec<(u16, u16)> {
    ranges.sort_unstable();
    let mut out: Vec<(u16, u16)> = Vec::with_capacity(ranges.len());
    for (first, last) in ranges {
        match out.last_mut() {
            Some(previous) if u32::from(first) <= u32::from(previous.1) + 1 => {
                previous.1 = previous.1.max(last);
            }
            _ => out.push((first, last)),
        }
    }
    out
}

/// The records a query inside the filter can return: those covering a (port, protocol) inside
/// it; every record of their names and of the names the filter lists (for `by_name`); and
/// every record of the names their historic aliases stand for (for `alias_target`).
fn kept(records: &[Record], selection: &Selection, mut names: HashSet<String>) -> Vec<usize> {
    let covers_a_kept_pair = |record: &Record| {
        record.ports.is_some_and(|range| {
            over(record.protocol).into_iter().any(|protocol| {
                let ranges = &selection.ranges[protocol.index()];
                ranges
                    .iter()
                    .any(|&(first, last)| first <= range.end() && range.start() <= last)
            })
        })
    };
    let mut keep: Vec<bool> = records.iter().map(covers_a_kept_pair).collect();
    for (record, _) in records.iter().zip(&keep).filter(|(_, kept)| **kept) {
        if !record.service_name().is_empty() {
            names.insert(record.service_name().to_ascii_lowercase());
        }
    }
    // Every record kept so far, by a pair or by its name, named or not.
    let targets: Vec<String> = records
        .iter()
        .zip(&keep)
        .filter(|(record, kept)| {
            **kept || names.contains(&record.service_name().to_ascii_lowercase())
        })
        .filter_map(|(record, _)| record.alias_of.as_ref())
        .map(|target| target.to_ascii_lowercase())
        .collect();
    names.extend(targets);
    for (record, keep) in records.iter().zip(&mut keep) {
        *keep |= names.contains(&record.service_name().to_ascii_lowercase());
    }
    keep.iter()
        .enumerate()
        .filter(|(_, keep)| **keep)
        .map(|(at, _)| at)
        .collect()
}
