//! Rows of answers, and the three ways of printing them: an aligned table for people, tabs
//! for pipes, JSON for programs.

use std::io::{self, Write};

use ianaports::{PortClass, Protocol, Record, Status};
use serde::Serialize;

use crate::query::Query;

/// One line of output: a record that answered a query, or a (port, protocol) that no named
/// record covers, answered with its status.
pub struct Row<'q> {
    query: &'q str,
    /// The port and protocol asked about, for port queries.
    asked: Option<(u16, Protocol)>,
    record: Option<Record>,
}

impl<'q> Row<'q> {
    /// A record found some other way than by a query (`--search`).
    pub fn of_record(query: &'q str, record: Record) -> Row<'q> {
        Row {
            query,
            asked: None,
            record: Some(record),
        }
    }

    /// Whether the row is a named record, not only a port's status.
    pub fn found(&self) -> bool {
        self.record.is_some()
    }

    fn port_text(&self) -> String {
        match (self.asked, self.record.and_then(Record::port_range)) {
            (Some((port, _)), _) => port.to_string(),
            (None, Some(range)) => range.to_string(),
            (None, None) => "-".to_owned(),
        }
    }

    fn protocol_text(&self) -> &'static str {
        match (self.asked, self.record) {
            (Some((_, protocol)), _) => protocol.as_str(),
            (None, Some(record)) => record.protocol().map_or("any", Protocol::as_str),
            (None, None) => "-",
        }
    }

    /// The status and class of the port asked about, or of the record's first port.
    fn status(&self) -> Option<(Status, PortClass)> {
        match (self.asked, self.record.and_then(Record::port_range)) {
            (Some((port, protocol)), _) => {
                Some((ianaports::status(port, protocol), PortClass::of(port)))
            }
            (None, Some(range)) => Some((Status::Assigned, PortClass::of(range.start()))),
            (None, None) => None,
        }
    }
}

/// The rows answering one query. A port that no named record covers gets a row of its own
/// (its status) with `with_status`, or when none of the query's ports has a named record.
pub fn rows<'q>(text: &'q str, query: &Query, with_status: bool) -> Vec<Row<'q>> {
    let mut rows = Vec::new();
    match query {
        Query::Name { name, .. } => {
            let protocols = query.protocols();
            let wanted = |record: &Record| record.protocol().is_none_or(|p| protocols.contains(&p));
            for record in ianaports::by_name(name).filter(wanted) {
                rows.push(Row {
                    query: text,
                    asked: None,
                    record: Some(record),
                });
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
                        });
                    }
                    if rows.len() == before {
                        let status_row = Row {
                            query: text,
                            asked: Some((port, protocol)),
                            record: None,
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
        .flat_map(|(text, query)| rows(text, query, false))
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

/// Writes `rows` in `format`; `with_status` adds each port's status and class.
pub fn write(
    out: &mut impl Write,
    rows: &[Row],
    format: Format,
    with_status: bool,
) -> io::Result<()> {
    let mut header = vec!["SERVICE", "PORT", "PROTOCOL"];
    if with_status {
        header.extend(["STATUS", "CLASS"]);
    }
    header.push("DESCRIPTION");
    write_items(
        out,
        format,
        &header,
        rows,
        |row| cells(row, with_status),
        |row| JsonRow::new(row, with_status),
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

fn cells(row: &Row, with_status: bool) -> Vec<String> {
    let name = row.record.and_then(Record::name).unwrap_or("-");
    let description = match (row.record, row.status()) {
        (Some(record), _) => record.description().map_or("-".to_owned(), one_line),
        (None, Some((status, class))) if !with_status => format!("{status} ({class} port)"),
        (None, _) => "-".to_owned(),
    };
    let mut cells = vec![
        name.to_owned(),
        row.port_text(),
        row.protocol_text().to_owned(),
    ];
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
#[derive(Serialize)]
struct JsonRow<'a> {
    query: &'a str,
    port: Option<u16>,
    protocol: Option<Protocol>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<Status>,
    #[serde(skip_serializing_if = "Option::is_none")]
    port_class: Option<PortClass>,
    record: Option<Record>,
}

impl<'a> JsonRow<'a> {
    fn new(row: &Row<'a>, with_status: bool) -> JsonRow<'a> {
        let status = row.status().filter(|_| with_status || row.record.is_none());
        JsonRow {
            query: row.query,
            port: row.asked.map(|(port, _)| port),
            protocol: row.asked.map(|(_, protocol)| protocol),
            status: status.map(|(status, _)| status),
            port_class: status.map(|(_, class)| class),
            record: row.record,
        }
    }
}
