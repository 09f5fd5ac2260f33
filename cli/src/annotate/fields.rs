//! `--field N`: the port in one column of tab-separated (Zeek) or comma-separated (CSV)
//! lines.

use memchr::memchr;

use super::copy::Insertions;
use super::ports::{name_ports_in, port_at, port_name};
use super::protocol::protocol_of;

/// `--field N`: the port in column N of a tab- or comma-separated line.
pub(super) fn annotate_field(line: &[u8], column: usize, insertions: &mut Insertions) {
    let Some((start, end)) = field_bounds(line, column) else {
        return;
    };
    let field = &line[start..end];
    let (inner_start, inner) = match field {
        [b'"', inner @ .., b'"'] => (start + 1, inner),
        _ => (start, field),
    };
    if inner.iter().all(u8::is_ascii_digit) {
        if let Some((port, digits_end)) = port_at(inner, 0) {
            if digits_end == inner.len() {
                if let Some(name) = port_name(port, protocol_of(line), insertions.common_use) {
                    insertions.name_after(inner_start + digits_end, name);
                }
            }
        }
    } else {
        name_ports_in(inner, inner_start, line, insertions);
    }
}

/// The byte range of column `column` (from 1): split at tabs when the line has one, else at
/// commas outside double quotes (RFC 4180).
fn field_bounds(line: &[u8], column: usize) -> Option<(usize, usize)> {
    let index = column.checked_sub(1)?;
    if memchr(b'\t', line).is_some() {
        let mut start = 0;
        for (number, field) in line.split(|&b| b == b'\t').enumerate() {
            if number == index {
                return Some((start, start + field.len()));
            }
            start += field.len() + 1;
        }
        return None;
    }
    let mut start = 0;
    let mut number = 0;
    let mut quoted = false;
    for (at, &byte) in line.iter().enumerate() {
        match byte {
            b'"' => quoted = !quoted,
            b',' if !quoted => {
                if number == index {
                    return Some((start, at));
                }
                number += 1;
                start = at + 1;
            }
            _ => {}
        }
    }
    (number == index).then_some((start, line.len()))
}

#[cfg(test)]
mod tests {
    use super::super::{Target, annotated as with};

    #[test]
    fn fields() {
        let tsv = "1\tC1\t10.0.0.5\t53422\t10.0.0.6\t5432\ttcp\n";
        assert_eq!(
            with(tsv, &Target::Field(6)),
            "1\tC1\t10.0.0.5\t53422\t10.0.0.6\t5432(postgresql)\ttcp\n"
        );
        assert_eq!(
            with("\"a,b\",\"22\",udp\n", &Target::Field(2)),
            "\"a,b\",\"22(ssh)\",udp\n"
        );
        assert_eq!(
            with("x,10.0.0.5:22,y", &Target::Field(2)),
            "x,10.0.0.5:22(ssh),y"
        );
        assert_eq!(with("x,22", &Target::Field(1)), "x,22");
        assert_eq!(with("x,22", &Target::Field(3)), "x,22");
        assert_eq!(with("x,22\r\n", &Target::Field(2)), "x,22\r\n");
        assert_eq!(with("x,22 \n", &Target::Field(2)), "x,22 \n");
    }
}
