//! Rows of answers, and the three ways of printing them: an aligned table for people, tabs
//! for pipes, JSON for programs.

use std::io::{self, Write};

use ianaports::{CommonUse, PortClass, Protocol, Record, Status};
use serde::Serialize;

use crate::query::Query;

/// One line of output: a record that answered a query, a (port, protocol) that no named
/// record covers, answered with its status, or (with `--common`) an entry in common use.
pub struct Row<'q> {
    query: &'q str,
    /// The port and protocol asked about, for port queries.
    asked: Option<(u16, Protocol)>,
    record: Option<Record>,
    /// An entry in common use, never IANA's: a row has it or `record`, not both.
    common: Option<CommonUse>,
}

impl<'q> Row<'q> {
    /// A record found some other way than by a query (`--search`).
    pub fn of_record(query: &'q str, record: Record) -> Row<'q> {
        Row {
            query,
            asked: None,
            record: Some(record),
            common: None,
        }
    }

    /// Whether the row is a named record or an entry in common use, not only a port's status.
    pub fn found(&self) -> bool {
        self.record.is_some() || self.common.is_some()
    }

    /// The registry a row comes from, as `--common` marks it.
    fn registry(&self) -> &'static str {
        if self.common.is_some() {
            COMMON_USE
        } else {
            IANA
        }
    }

    fn port_range(&self) -> Option<ianaports::PortRange> {
        match self.common {
            Some(entry) => Some(entry.port_range()),
            None => self.record.and_then(Record::port_range),
        }
    }

    fn port_text(&self) -> String {
        match (self.asked, self.port_range()) {
            (Some((port, _)), _) => port.to_string(),
            (None, Some(range)) => range.to_string(),
            (None, None) => "-".to_owned(),
        }
    }

    fn protocol_text(&self) -> &'static str {
        match (self.asked, self.common, self.record) {
            (Some((_, protocol)), _, _) => protocol.as_str(),
            (None, Some(entry), _) => entry.protocol().as_str(),
            (None, None, Some(record)) => record.protocol().map_or("any", Protocol::as_str),
            (None, None, None) => "-",
        }
    }

    /// The status and class of the port asked about, or of the record's first port; none for
    /// an entry in common use, which IANA's words do not describe.
    fn status(&self) -> Option<(Status, PortClass)> {
        if self.common.is_some() {
            return None;
        }
        match (self.asked, self.record.and_then(Record::port_range)) {
            (Some((port, protocol)), _) => {
                Some((ianaports::status(port, protocol), PortClass::of(port)))
            }
            (None, Some(range)) => Some((Status::Assigned, PortClass::of(range.start()))),
            (None, None) => None,
        }
    }
}

/// How `--common` marks IANA's rows.
const IANA: &str = "iana";

/// How `--common` marks the rows of entries in common use.
const COMMON_USE: &str = "common-use";

/// The rows answering one query. A port that no named record covers gets a row of its own
/// (its status) with `columns.status`, or when none of the query's ports has a named record.
/// With `columns.common`, the entries in common use for each port (or name) follow IANA's rows.
pub fn rows<'q>(text: &'q str, query: &Query, columns: Columns) -> Vec<Row<'q>> {
    let mut rows = iana_rows(text, query, columns.status);
    if columns.common {
        rows.extend(common_use_rows(text, query));
    }
    rows
}

/// The entries in common use that answer `query`, after IANA's rows.
fn common_use_rows<'q>(text: &'q str, query: &Query) -> Vec<Row<'q>> {
    let protocols = query.protocols();
    let row = |asked, entry| Row {
        query: text,
        asked,
        record: None,
        common: Some(entry),
    };
    match query {
        Query::Name { name, .. } => ianaports::common_use_named(name)
            .filter(|entry| protocols.contains(&entry.protocol()))
            .map(|entry| row(None, entry))
            .collect(),
        Query::Ports { ports, .. } => ports
            .into_iter()
            .flat_map(|port| protocols.iter().map(move |&protocol| (port, protocol)))
            .flat_map(|(port, protocol)| {
                ianaports::in_common_use(port, protocol).map(move |entry| (port, protocol, entry))
            })
            .map(|(port, protocol, entry)| row(Some((port, protocol)), entry))
            .collect(),
    }
}

fn iana_rows<'q>(text: &'q str, query: &Query, with_status: bool) -> Vec<Row<'q>> {
    let mut rows = Vec::new();
    match query {
        Query::Name { name, .. } => {
            let protocols = query.protocols();
            let wanted = |record: &Record| record.protocol().is_none_or(|p| protocols.contains(&p));
            for record in ianaports::by_name(name).filter(wanted) {
                rows.push(Row::of_record(text, record));
            }
        }
        Query::Ports { ports, .. } => {
            let protocols = query.protocols();
            let mut unnamed = Vec::new();
            for port in *ports {
                for &protocol in &protocols {
                    let before = rows.len();
                    for record in ianaports::lookup_all(port, protocol) {
                        rows.push(Row {
                            query: text,
                            asked: Some((port, protocol)),
                            record: Some(record),
                            common: None,
                        });
                    }
                    if rows.len() == before {
                        let status_row = Row {
                            query: text,
                            asked: Some((port, protocol)),
                            record: None,
                            common: None,
                        };
                        match with_status {
                            true => rows.push(status_row),
                            false => unnamed.push(status_row),
                        }
                    }
                }
            }
            if rows.is_empty() {
                rows = unnamed;
            }
        }
    }
    rows
}

/// Every record the queries match, once each, in registry order.
pub fn matching_records(queries: &[(&str, Query)]) -> Vec<Record> {
    let mut records: Vec<Record> = queries
        .iter()
        .flat_map(|(text, query)| iana_rows(text, query, false))
        .filter_map(|row| row.record)
        .collect();
    records.sort_unstable();
    records.dedup();
    records
}

/// How [`write()`] prints rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Aligned columns under a header, for a terminal.
    Table {
        /// Whether to set the header dim and the first column (service names, protocol
        /// numbers) bold (ANSI escapes).
        colour: bool,
    },
    /// One row per line, its cells separated by tabs, for pipes.
    Tabs,
    /// A JSON array of every column of every row, for programs.
    Json,
}

/// What [`rows`] answers and [`write()`] shows, besides IANA's records.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Columns {
    /// Each port's status and class (`--status`).
    pub status: bool,
    /// The ports in common use after IANA's records, and a first column saying whose each
    /// row is, `iana` or `common-use` (`--common`); in JSON, a `registry` member.
    pub common: bool,
}

/// Writes `rows` in `format`, with `columns`.
pub fn write(
    out: &mut impl Write,
    rows: &[Row],
    format: Format,
    columns: Columns,
) -> io::Result<()> {
    let mut header = Vec::new();
    if columns.common {
        header.push("REGISTRY");
    }
    header.extend(["SERVICE", "PORT", "PROTOCOL"]);
    if columns.status {
        header.extend(["STATUS", "CLASS"]);
    }
    header.push("DESCRIPTION");
    write_items(
        out,
        format,
        &header,
        rows,
        |row| cells(row, columns),
        |row| JsonRow::new(row, columns),
    )
}

/// Writes `items` in `format`: for a terminal, the `cells` of each under `header`, aligned;
/// for a pipe, the `cells` of each on a line, separated by tabs; as JSON, an array of their
/// `json`. Every kind of answer the command prints goes through here.
pub(crate) fn write_items<T, J: Serialize>(
    out: &mut impl Write,
    format: Format,
    header: &[&str],
    items: &[T],
    cells: impl Fn(&T) -> Vec<String>,
    json: impl Fn(&T) -> J,
) -> io::Result<()> {
    match format {
        Format::Json => {
            let json: Vec<J> = items.iter().map(json).collect();
            serde_json::to_writer_pretty(&mut *out, &json)?;
            writeln!(out)
        }
        Format::Tabs => {
            for item in items {
                writeln!(out, "{}", cells(item).join("\t"))?;
            }
            Ok(())
        }
        Format::Table { colour } => {
            let table = items.iter().map(cells).collect();
            write_table(out, header, table, colour)
        }
    }
}

fn cells(row: &Row, columns: Columns) -> Vec<String> {
    let with_status = columns.status;
    let name = match row.common {
        Some(entry) => entry.name(),
        None => row.record.and_then(Record::name).unwrap_or("-"),
    };
    let description = match (row.common, row.record, row.status()) {
        (Some(entry), _, _) => format!("{}: {}", entry.software(), entry.description()),
        (None, Some(record), _) => record.description().map_or("-".to_owned(), one_line),
        (None, None, Some((status, class))) if !with_status => format!("{status} ({class} port)"),
        (None, None, _) => "-".to_owned(),
    };
    let mut cells = Vec::new();
    if columns.common {
        cells.push(row.registry().to_owned());
    }
    cells.extend([
        name.to_owned(),
        row.port_text(),
        row.protocol_text().to_owned(),
    ]);
    if with_status {
        let (status, class) = row
            .status()
            .map_or(("-", "-"), |(s, c)| (s.as_str(), c.as_str()));
        cells.extend([status.to_owned(), class.to_owned()]);
    }
    cells.push(description);
    cells
}

/// Registry text can hold line breaks; a row must not.
pub(crate) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The cells of `table` under `header`, each column as wide as its widest cell, the first
/// column bold and the header dim when `colour`; nothing at all for no rows.
fn write_table(
    out: &mut impl Write,
    header: &[&str],
    table: Vec<Vec<String>>,
    colour: bool,
) -> io::Result<()> {
    if table.is_empty() {
        return Ok(());
    }
    let mut widths: Vec<usize> = header.iter().map(|h| h.len()).collect();
    for cells in &table {
        for (width, cell) in widths.iter_mut().zip(cells) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let (bold, dim, reset) = if colour {
        ("\x1b[1m", "\x1b[2m", "\x1b[0m")
    } else {
        ("", "", "")
    };
    let last = header.len() - 1;
    let line = |cells: Vec<String>, first_style: &str| -> String {
        let mut line = String::new();
        for (index, cell) in cells.into_iter().enumerate() {
            let style = if index == 0 { first_style } else { "" };
            let reset = if style.is_empty() { "" } else { reset };
            if index == last {
                line.push_str(&format!("{style}{cell}{reset}"));
            } else {
                let padding = widths[index] - cell.chars().count();
                line.push_str(&format!("{style}{cell}{reset}{:padding$}  ", ""));
            }
        }
        line
    };
    writeln!(
        out,
        "{dim}{}{}",
        line(header.iter().map(|h| h.to_string()).collect(), ""),
        if colour { reset } else { "" }
    )?;
    for cells in table {
        writeln!(out, "{}", line(cells, bold))?;
    }
    Ok(())
}

/// A row as JSON: what was asked, and the record with every column (the library's own
/// serialization, under its documented field names).
/// With `--common`, `registry` says whose the row is, and an entry in common use is under
/// `common_use` (with a `registry` of its own), never under `record`.
#[derive(Serialize)]
struct JsonRow<'a> {
    query: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    registry: Option<&'static str>,
    port: Option<u16>,
    protocol: Option<Protocol>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<Status>,
    #[serde(skip_serializing_if = "Option::is_none")]
    port_class: Option<PortClass>,
    record: Option<Record>,
    #[serde(skip_serializing_if = "Option::is_none")]
    common_use: Option<CommonUse>,
}

impl<'a> JsonRow<'a> {
    fn new(row: &Row<'a>, columns: Columns) -> JsonRow<'a> {
        let status = row
            .status()
            .filter(|_| columns.status || row.record.is_none());
        JsonRow {
            query: row.query,
            registry: columns.common.then(|| row.registry()),
            port: row.asked.map(|(port, _)| port),
            protocol: row.asked.map(|(_, protocol)| protocol),
            status: status.map(|(status, _)| status),
            port_class: status.map(|(_, class)| class),
            record: row.record,
            common_use: row.common,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_marks_whose_each_row_is() {
        let query = Query::parse("9200/tcp").unwrap();
        let columns = Columns {
            status: false,
            common: true,
        };
        let rows = rows("9200/tcp", &query, columns);
        let mut out = Vec::new();
        write(&mut out, &rows, Format::Table { colour: false }, columns).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0].starts_with("REGISTRY    SERVICE"), "{text}");
        assert!(lines[1].starts_with("iana        wap-wsp  "), "{text}");
        assert!(
            lines[2..]
                .iter()
                .all(|line| line.starts_with("common-use  ")),
            "{text}"
        );
    }
}
