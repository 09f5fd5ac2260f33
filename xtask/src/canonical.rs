//! A registry's CSV exactly as IANA publishes it, whatever form it arrived in.
//!
//! IANA's file is UTF-8 without a byte-order mark; records end with CRLF, while line breaks
//! inside a quoted field are bare LF; a field is quoted only when it holds a comma, a quote or a
//! line break, and a quote inside it is doubled. Writing every registry this way means
//! `registry.csv` always has the bytes (and so the SHA-256) of IANA's own file for the same
//! snapshot, whether the updater read IANA's XML, IANA's CSV, or a copy whose line ends or
//! byte-order mark some tool changed on the way. Every CSV of IANA's at hand comes out of this
//! writer byte for byte: the port registry's of 2024-06 and 2026-04-24, and the protocol
//! numbers' of 2024-10-24.

/// The CSV with `header` and `rows`, and the line on which each row starts (the header is
/// line 1).
pub(crate) fn csv(header: &[&str], rows: &[impl AsRef<[String]>]) -> (Vec<u8>, Vec<u64>) {
    let mut out = Vec::with_capacity(rows.len() * 80);
    write_row(&mut out, header.iter().copied());
    let mut line = 2;
    let mut starts = Vec::with_capacity(rows.len());
    for row in rows {
        starts.push(line);
        let row = row.as_ref();
        line += row
            .iter()
            .map(|field| field.matches('\n').count() as u64)
            .sum::<u64>()
            + 1;
        write_row(&mut out, row.iter().map(String::as_str));
    }
    (out, starts)
}

fn write_row<'a>(out: &mut Vec<u8>, fields: impl Iterator<Item = &'a str>) {
    for (index, field) in fields.enumerate() {
        if index > 0 {
            out.push(b',');
        }
        if field.contains([',', '"', '\n', '\r']) {
            out.push(b'"');
            out.extend_from_slice(field.replace('"', "\"\"").as_bytes());
            out.push(b'"');
        } else {
            out.extend_from_slice(field.as_bytes());
        }
    }
    out.extend_from_slice(b"\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_what_needs_it_and_ends_records_with_crlf() {
        let row = |cells: [&str; 12]| cells.map(String::from);
        let header = ianaports_codegen::Column::ALL.map(ianaports_codegen::Column::header);
        let (bytes, starts) = csv(
            &header,
            &[
                row(["a", "1", "tcp", "x, y", "", "", "", "", "", "", "", ""]),
                row([
                    "b",
                    "2",
                    "udp",
                    "say \"hi\"",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "one\ntwo",
                ]),
                row(["c", "3", "", "", "", "", "", "", "", "", "", ""]),
            ],
        );
        let text = String::from_utf8(bytes).unwrap();
        let body = text.split_once("\r\n").unwrap().1;
        assert_eq!(
            body,
            "a,1,tcp,\"x, y\",,,,,,,,\r\nb,2,udp,\"say \"\"hi\"\"\",,,,,,,,\"one\ntwo\"\r\nc,3,,,,,,,,,,\r\n"
        );
        assert_eq!(starts, [2, 3, 5]);
    }
}
