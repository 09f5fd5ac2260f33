//! The copy from reader to writer: whole lines annotated, in constant memory, however the
//! reader cuts them; every byte written in order, with only the finders' insertions added.

use std::io::{self, BufRead, Write};

use memchr::memchr;

use super::ports::PortName;
use super::{CopyError, MAX_LINE, Names, Target, Totals, fields, json, ports, service_side};

/// Copies `input` to `out`, annotating each line as `target` says, with `names`.
pub fn annotate(
    input: &mut impl BufRead,
    out: &mut impl Write,
    target: &Target,
    names: Names,
) -> Result<Totals, CopyError> {
    let mut out = WriteSide(out);
    let out = &mut out;
    let mut totals = Totals::default();
    // The start of a line that the reader's buffer ended in the middle of.
    let mut pending: Vec<u8> = Vec::new();
    let mut copying_long_line = false;
    let mut insertions = Insertions {
        list: Vec::new(),
        common_use: names == Names::AlsoInCommonUse,
    };
    loop {
        let buffer = match input.fill_buf() {
            Ok(buffer) => buffer,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(CopyError::Read(error)),
        };
        if buffer.is_empty() {
            break;
        }
        let (taken, complete) = match memchr(b'\n', buffer) {
            Some(newline) => (newline + 1, true),
            None => (buffer.len(), false),
        };
        // Input that comes slowly (`tail -f`) is answered as it comes: what was read is
        // written out before waiting for more.
        let drained = taken == buffer.len();
        let chunk = &buffer[..taken];
        if copying_long_line {
            out.write_all(chunk)?;
            copying_long_line = !complete;
        } else if complete && pending.is_empty() {
            totals.annotations += line_or_long(chunk, out, target, &mut insertions, &mut totals)?;
        } else {
            pending.extend_from_slice(chunk);
            if complete {
                totals.annotations +=
                    line_or_long(&pending, out, target, &mut insertions, &mut totals)?;
                pending.clear();
            } else if pending.len() > MAX_LINE {
                out.write_all(&pending)?;
                pending.clear();
                copying_long_line = true;
                totals.lines += 1;
                totals.long_lines += 1;
            }
        }
        input.consume(taken);
        if drained {
            out.flush()?;
        }
    }
    if !pending.is_empty() {
        totals.annotations += line_or_long(&pending, out, target, &mut insertions, &mut totals)?;
    }
    Ok(totals)
}

/// A whole line (with its line break, if it has one), annotated, or copied as it is when it
/// is longer than [`MAX_LINE`] bytes before its line break: one rule, however the line
/// arrived (in one read or in many).
fn line_or_long<W: Write>(
    line: &[u8],
    out: &mut WriteSide<'_, W>,
    target: &Target,
    insertions: &mut Insertions,
    totals: &mut Totals,
) -> Result<u64, CopyError> {
    totals.lines += 1;
    let text = line.strip_suffix(b"\n").unwrap_or(line);
    if text.len() > MAX_LINE {
        totals.long_lines += 1;
        out.write_all(line)?;
        return Ok(0);
    }
    annotate_line(line, out, target, insertions)
}

/// A writer whose errors say they came from writing.
struct WriteSide<'w, W>(&'w mut W);

impl<W: Write> WriteSide<'_, W> {
    fn write_all(&mut self, bytes: &[u8]) -> Result<(), CopyError> {
        self.0.write_all(bytes).map_err(CopyError::Write)
    }

    fn flush(&mut self) -> Result<(), CopyError> {
        self.0.flush().map_err(CopyError::Write)
    }
}

/// Writes one line (with its line break, if it has one) annotated; returns how many names it
/// inserted.
fn annotate_line<W: Write>(
    line: &[u8],
    out: &mut WriteSide<W>,
    target: &Target,
    insertions: &mut Insertions,
) -> Result<u64, CopyError> {
    let body_end = line.len() - usize::from(line.last() == Some(&b'\n'));
    let body = &line[..body_end];
    insertions.list.clear();
    match target {
        Target::Text => ports::name_every_port(body, insertions),
        Target::ServiceSide => service_side::name_service_sides(body, insertions),
        Target::Field(column) => fields::annotate_field(body, *column, insertions),
        Target::JsonKey(key) => json::annotate_json(body, key, insertions),
    }
    let mut written = 0;
    for (at, insertion) in &insertions.list {
        out.write_all(&body[written..*at])?;
        match insertion {
            Insertion::Name(PortName::Registered(name)) => {
                out.write_all(b"(")?;
                out.write_all(name.as_bytes())?;
                out.write_all(b")")?;
            }
            Insertion::Name(PortName::InCommonUse { port, protocol }) => {
                out.write_all(b"(~")?;
                for (index, entry) in ianaports::in_common_use(*port, *protocol).enumerate() {
                    if index > 0 {
                        out.write_all(b"|")?;
                    }
                    out.write_all(entry.name().as_bytes())?;
                }
                out.write_all(b")")?;
            }
            Insertion::Text(text) => out.write_all(text.as_bytes())?,
        }
        written = *at;
    }
    out.write_all(&line[written..])?;
    Ok(insertions.list.len() as u64)
}

/// What to insert into a line, at byte offsets in increasing order. Kept from line to line,
/// so that annotating allocates nothing per line.
#[derive(Default)]
pub(super) struct Insertions {
    list: Vec<(usize, Insertion)>,
    /// Whether ports the registry does not name get their names in common use (`--common`).
    pub(super) common_use: bool,
}

enum Insertion {
    /// `(name)`, or `(~name)` for names in common use.
    Name(PortName),
    /// Any other text (a JSON member).
    Text(String),
}

impl Insertions {
    /// `(name)` at byte `at`.
    pub(super) fn name_after(&mut self, at: usize, name: PortName) {
        self.list.push((at, Insertion::Name(name)));
    }

    /// `text` as it is at byte `at`.
    pub(super) fn text_at(&mut self, at: usize, text: String) {
        self.list.push((at, Insertion::Text(text)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_byte_reaches_the_output() {
        let binary: Vec<u8> = (0..=255u8).cycle().take(10_000).collect();
        let input = [&binary[..], b"\n10.0.0.5:22\xff\n\r\n\n\x00:22"].concat();
        let expected = [&binary[..], b"\n10.0.0.5:22(ssh)\xff\n\r\n\n\x00:22"].concat();
        let mut out = Vec::new();
        let totals = annotate(&mut &input[..], &mut out, &Target::Text, Names::Registered).unwrap();
        assert!(out == expected, "the output differs from the input");
        assert_eq!(totals.annotations, 1);
    }

    #[test]
    fn a_line_longer_than_the_limit_is_copied_and_the_next_annotated() {
        let long = "9".repeat(MAX_LINE * 3);
        let input = format!("{long}:22\n1.2.3.4:22\nlast 1.2.3.4:22");
        // A small reader buffer, to cut lines everywhere.
        let mut reader = io::BufReader::with_capacity(7, input.as_bytes());
        let mut out = Vec::new();
        let totals = annotate(&mut reader, &mut out, &Target::Text, Names::Registered).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            format!("{long}:22\n1.2.3.4:22(ssh)\nlast 1.2.3.4:22(ssh)")
        );
        assert_eq!(
            totals,
            Totals {
                lines: 3,
                annotations: 2,
                long_lines: 1
            }
        );
    }

    #[test]
    fn the_line_limit_is_one_rule_however_the_input_is_cut() {
        let at_limit = format!("{} 1.2.3.4:22", "x".repeat(MAX_LINE - 11));
        let over_limit = format!("{} 1.2.3.4:22", "x".repeat(MAX_LINE - 10));
        let long = format!("{} 1.2.3.4:22", "x".repeat(100_000));
        assert_eq!((at_limit.len(), over_limit.len()), (MAX_LINE, MAX_LINE + 1));
        for last in ["", "\n"] {
            let input = format!("{at_limit}\n{over_limit}\n{long}\n{long}{last}");
            let mut answers = Vec::new();
            for capacity in [
                1,
                7,
                4096,
                MAX_LINE - 1,
                MAX_LINE,
                MAX_LINE + 1,
                MAX_LINE + 2,
                1 << 20,
            ] {
                let mut reader = io::BufReader::with_capacity(capacity, input.as_bytes());
                let mut out = Vec::new();
                let totals =
                    annotate(&mut reader, &mut out, &Target::Text, Names::Registered).unwrap();
                assert_eq!(
                    totals,
                    Totals {
                        lines: 4,
                        annotations: 1,
                        long_lines: 3
                    },
                    "capacity {capacity}"
                );
                answers.push(out);
            }
            let expected = format!("{at_limit}(ssh)\n{over_limit}\n{long}\n{long}{last}");
            for out in answers {
                assert!(
                    out == expected.as_bytes(),
                    "output differs with how the input was cut"
                );
            }
        }
    }
}
