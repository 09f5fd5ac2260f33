//! Step 1: CSV text -> [`Row`]s of 12 UTF-8 cells, each with the line it starts on.
//!
//! The header must be IANA's, column for column ([`Column::header`]): any other first record
//! means the file is not the registry (or IANA changed its format), and guessing at column
//! meanings would build silently wrong tables.

use std::ops::Index;

use ianaports_tables::{COLUMN_COUNT, Column};

use crate::error::{LineReason, Reason};

/// One data row exactly as the CSV has it: a cell per [`Column`], in the file's order.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Row([String; COLUMN_COUNT]);

impl Row {
    /// The row with these cells, in [`Column::ALL`] order.
    pub fn new(cells: [String; COLUMN_COUNT]) -> Row {
        Row(cells)
    }

    /// The cells, in [`Column::ALL`] order.
    pub fn cells(&self) -> &[String; COLUMN_COUNT] {
        &self.0
    }

    /// The cells, in [`Column::ALL`] order.
    pub fn into_cells(self) -> [String; COLUMN_COUNT] {
        self.0
    }
}

impl Index<Column> for Row {
    type Output = str;

    fn index(&self, column: Column) -> &str {
        &self.0[column.index()]
    }
}

/// Reads every data row of the port registry, checking the header, the column count and UTF-8
/// on the way. Errors carry the 1-based line on which the offending record starts.
pub(crate) fn read_rows(bytes: &[u8]) -> Result<Vec<(u64, Row)>, LineReason> {
    let rows = read_records(bytes, &Column::HEADER)?;
    Ok(rows
        .into_iter()
        .map(|(line, cells)| {
            let cells: [String; COLUMN_COUNT] = cells
                .try_into()
                .unwrap_or_else(|_| unreachable!("read_records checks the column count"));
            (line, Row::new(cells))
        })
        .collect())
}

/// Reads every data row of an IANA CSV whose header is `header`, each as its cells with the
/// line it starts on: one RFC 4180 reader for every registry.
pub(crate) fn read_records(
    bytes: &[u8],
    header: &'static [&'static str],
) -> Result<Vec<(u64, Vec<String>)>, LineReason> {
    // The csv crate reads an unterminated quote as a field running to the end of the file;
    // that would surface as a confusing column-count error, so it is caught first.
    if let Some(line) = unterminated_quote_line(bytes) {
        return Err((Some(line), Reason::UnterminatedQuote));
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut rows = Vec::new();
    let mut record = csv::ByteRecord::new();
    let mut saw_header = false;
    let mut lines = LineCounter {
        bytes,
        counted_to: 0,
        newlines: 0,
    };
    loop {
        let more = reader.read_byte_record(&mut record).map_err(|err| {
            (
                err.position().map(|p| p.line()),
                Reason::Unreadable(err.to_string()),
            )
        })?;
        if !more {
            break;
        }
        let line = lines.line_at(record.position().map_or(0, |p| p.byte()));
        let fields = utf8_fields(&record, header).map_err(|reason| (Some(line), reason))?;
        if !saw_header {
            if fields != header {
                return Err((
                    Some(line),
                    Reason::Header {
                        expected: header,
                        found: fields.join(","),
                    },
                ));
            }
            saw_header = true;
            continue;
        }
        let found = fields.len();
        if found != header.len() {
            let expected = header.len();
            return Err((Some(line), Reason::ColumnCount { expected, found }));
        }
        rows.push((line, fields.into_iter().map(str::to_owned).collect()));
    }
    if !saw_header {
        return Err((
            None,
            Reason::Header {
                expected: header,
                found: String::new(),
            },
        ));
    }
    if rows.is_empty() {
        return Err((None, Reason::Empty));
    }
    Ok(rows)
}

/// Maps record byte offsets (which only grow) to 1-based line numbers. The csv crate's own line
/// count lags by one after a CRLF terminator (the LF is consumed with the next record), so a
/// record's line is counted at its first byte that is not a line terminator.
struct LineCounter<'a> {
    bytes: &'a [u8],
    counted_to: usize,
    newlines: u64,
}

impl LineCounter<'_> {
    fn line_at(&mut self, offset: u64) -> u64 {
        let offset = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(self.bytes.len());
        let rest = &self.bytes[offset..];
        let start = offset
            + rest
                .iter()
                .take_while(|&&b| b == b'\r' || b == b'\n')
                .count();
        if start > self.counted_to {
            let counted = &self.bytes[self.counted_to..start];
            self.newlines += counted.iter().filter(|&&b| b == b'\n').count() as u64;
            self.counted_to = start;
        }
        self.newlines + 1
    }
}

fn utf8_fields<'r>(
    record: &'r csv::ByteRecord,
    header: &'static [&'static str],
) -> Result<Vec<&'r str>, Reason> {
    record
        .iter()
        .enumerate()
        .map(|(index, field)| {
            std::str::from_utf8(field).map_err(|_| Reason::NotUtf8 {
                column: header.get(index).copied().unwrap_or("an extra column"),
            })
        })
        .collect()
}

/// The line of a quote that opens a field and is never closed, following RFC 4180: a quote is
/// special only at the start of a field, and `""` inside a quoted field is an escaped quote.
fn unterminated_quote_line(bytes: &[u8]) -> Option<u64> {
    let mut line = 1;
    let mut open_since = None;
    let mut at_field_start = true;
    let mut index = 0;
    while let Some(&byte) = bytes.get(index) {
        match (open_since, byte) {
            (Some(_), b'"') if bytes.get(index + 1) == Some(&b'"') => index += 1,
            (Some(_), b'"') => open_since = None,
            (None, b'"') if at_field_start => open_since = Some(line),
            _ => {}
        }
        if byte == b'\n' {
            line += 1;
        }
        at_field_start = open_since.is_none() && matches!(byte, b',' | b'\n' | b'\r');
        index += 1;
    }
    open_since
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER_LINE: &str = "Service Name,Port Number,Transport Protocol,Description,Assignee,Contact,Registration Date,Modification Date,Reference,Service Code,Unauthorized Use Reported,Assignment Notes\r\n";

    #[test]
    fn reads_quoted_multiline_fields_with_their_start_line() {
        let csv = format!(
            "{HEADER_LINE}a,1,tcp,d,,,,,,,,\"x\ny\"\r\nb,2,udp,\"say \"\"hi\"\"\",,,,,,,,\r\n"
        );
        let rows = read_rows(csv.as_bytes()).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].0, 2);
        assert_eq!(&rows[0].1[Column::AssignmentNotes], "x\ny");
        assert_eq!(rows[1].0, 4);
        assert_eq!(&rows[1].1[Column::Description], "say \"hi\"");
    }

    #[test]
    fn quote_inside_an_unquoted_field_is_literal() {
        assert_eq!(unterminated_quote_line(b"a,b\"c,d\n"), None);
        assert_eq!(unterminated_quote_line(b"a,\"b\"\"c\",d\n"), None);
        assert_eq!(unterminated_quote_line(b"a\nb,\"open\nc\n"), Some(2));
    }

    #[test]
    fn header_only_is_empty() {
        assert_eq!(
            read_rows(HEADER_LINE.as_bytes()).unwrap_err(),
            (None, Reason::Empty)
        );
    }
}
