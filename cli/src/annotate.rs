//! `--annotate`: text copied from a reader to a writer with a service name beside every port
//! it names, line by line, in constant memory.
//!
//! The scanner works on bytes, so input that is not UTF-8 (binary, Latin-1 logs) is copied
//! as it is. Every byte of the input reaches the output; annotation only ever inserts
//! `(name)` after a port.

use std::io::{self, BufRead, Write};

use ianaports::Protocol;
use memchr::{memchr, memchr2_iter};

/// A line longer than this is copied without annotation rather than held in memory whole.
pub const MAX_LINE: usize = 64 * 1024;

/// What to annotate in each line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Every `HOST:PORT`, `[IPv6]:PORT`, `DPT=`, `SPT=`, `dport=` and `sport=` port.
    Text,
    /// Column N (from 1) of tab-separated (when the line has a tab) or comma-separated input:
    /// a bare port, or the ports the text scanner finds in it.
    Field(usize),
    /// A field of a JSON object on each line, whose port's name is added as `KEY_service`.
    JsonKey(String),
}

/// What an annotation run did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Totals {
    /// Lines read, the last one counted even without a line break.
    pub lines: u64,
    /// Service names inserted.
    pub annotations: u64,
    /// Lines longer than [`MAX_LINE`], copied without annotation.
    pub long_lines: u64,
}

/// Which side of the copy failed.
#[derive(Debug)]
pub enum CopyError {
    Read(io::Error),
    Write(io::Error),
}

/// Copies `input` to `out`, annotating each line as `target` says.
pub fn annotate(
    input: &mut impl BufRead,
    out: &mut impl Write,
    target: &Target,
) -> Result<Totals, CopyError> {
    let mut out = WriteSide(out);
    let out = &mut out;
    let mut totals = Totals::default();
    // The start of a line that the reader's buffer ended in the middle of.
    let mut pending: Vec<u8> = Vec::new();
    let mut copying_long_line = false;
    let mut insertions = Insertions::default();
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
    insertions.0.clear();
    match target {
        Target::Text => find_ports(body, 0, body, insertions),
        Target::Field(column) => annotate_field(body, *column, insertions),
        Target::JsonKey(key) => annotate_json(body, key, insertions),
    }
    let mut written = 0;
    for (at, insertion) in &insertions.0 {
        out.write_all(&body[written..*at])?;
        match insertion {
            Insertion::Name(name) => {
                out.write_all(b"(")?;
                out.write_all(name.as_bytes())?;
                out.write_all(b")")?;
            }
            Insertion::Text(text) => out.write_all(text.as_bytes())?,
        }
        written = *at;
    }
    out.write_all(&line[written..])?;
    Ok(insertions.0.len() as u64)
}

/// What to insert into a line, at byte offsets in increasing order. Kept from line to line,
/// so that annotating allocates nothing per line.
#[derive(Default)]
struct Insertions(Vec<(usize, Insertion)>);

enum Insertion {
    /// `(name)`.
    Name(&'static str),
    /// Any other text (a JSON member).
    Text(String),
}

impl Insertions {
    fn name_after(&mut self, at: usize, name: &'static str) {
        self.0.push((at, Insertion::Name(name)));
    }
}

/// The transport protocol a line speaks of: its first word that names one (`tcp`, `UDP`,
/// `tcp6`, the `TCP` of `PROTO=TCP`...), tcp if none does.
pub fn protocol_of(line: &[u8]) -> Protocol {
    for (index, chunk) in line.chunks(8).enumerate() {
        // Most of a line cannot start a protocol's name: eight bytes are ruled out at once.
        if let Ok(bytes) = <[u8; 8]>::try_from(chunk) {
            if !may_hold_a_protocol_letter(u64::from_le_bytes(bytes)) {
                continue;
            }
        }
        let chunk_start = index * 8;
        for at in chunk_start..chunk_start + chunk.len() {
            let starts_word = at == 0 || !line[at - 1].is_ascii_alphanumeric();
            if !starts_word || !matches!(line[at] | 0x20, b't' | b'u' | b's' | b'd') {
                continue;
            }
            let word_len = line[at..]
                .iter()
                .take(5)
                .take_while(|b| b.is_ascii_alphanumeric())
                .count();
            if let Some(protocol) = protocol_word(&line[at..at + word_len]) {
                return protocol;
            }
        }
    }
    Protocol::Tcp
}

/// Whether any of eight bytes is t, u, s or d, in either case. (`| 0x20` maps exactly the
/// two cases of each of these letters onto the lower one.)
fn may_hold_a_protocol_letter(bytes: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let lower = bytes | (ONES * 0x20);
    // A byte of `x` is zero where `lower` holds the letter.
    let zero_bytes = |letter: u8| {
        let x = lower ^ (ONES * u64::from(letter));
        x.wrapping_sub(ONES) & !x
    };
    (zero_bytes(b't') | zero_bytes(b'u') | zero_bytes(b's') | zero_bytes(b'd')) & HIGHS != 0
}

fn protocol_word(word: &[u8]) -> Option<Protocol> {
    let word = match word {
        [head @ .., b'6'] if head.len() == 3 => head,
        _ => word,
    };
    if word.len() != 3 && word.len() != 4 {
        return None;
    }
    let mut lower = [0u8; 4];
    for (to, from) in lower.iter_mut().zip(word) {
        *to = from.to_ascii_lowercase();
    }
    match &lower[..word.len()] {
        b"tcp" => Some(Protocol::Tcp),
        b"udp" => Some(Protocol::Udp),
        b"sctp" => Some(Protocol::Sctp),
        b"dccp" => Some(Protocol::Dccp),
        _ => None,
    }
}

/// Finds the ports in `text` (which starts at byte `offset` of its line) and records a name
/// after each one that the registry names for `protocol`.
fn find_ports(text: &[u8], offset: usize, line: &[u8], insertions: &mut Insertions) {
    // Most lines name no port: their protocol is only looked for once one does.
    let mut protocol = None;
    for separator in memchr2_iter(b':', b'=', text) {
        // Cheapest first: digits, then a registered name for them, then what comes before.
        let Some((port, end)) = port_at(text, separator + 1) else {
            continue;
        };
        let protocol = *protocol.get_or_insert_with(|| protocol_of(line));
        let Some(name) = service_name(port, protocol) else {
            continue;
        };
        let is_port = match text[separator] {
            b':' => host_ends_at(text, separator),
            _ => port_keyword_ends_at(text, separator),
        };
        if is_port {
            insertions.name_after(offset + end, name);
        }
    }
}

/// The port whose digits start at `start`, and where they end, if they are a port: one to
/// five digits, no leading zero, at most 65535, not followed by anything that would make them
/// part of a longer token (a letter, `_`, `:`, `%`, `]`, a decimal point) or by a `(` that
/// says the port is annotated already.
fn port_at(text: &[u8], start: usize) -> Option<(u16, usize)> {
    let digits = text[start..]
        .iter()
        .take(6)
        .take_while(|b| b.is_ascii_digit())
        .count();
    let end = start + digits;
    if digits == 0 || digits > 5 || (digits > 1 && text[start] == b'0') {
        return None;
    }
    let port = text[start..end]
        .iter()
        .fold(0u32, |value, digit| value * 10 + u32::from(digit - b'0'));
    let port = u16::try_from(port).ok()?;
    let ends_token = match text.get(end..) {
        Some([next, ..]) if next.is_ascii_alphanumeric() => false,
        // `%` and `]`: the digits are the end of an IPv6 address, not a port.
        Some([b'_' | b':' | b'(' | b'%' | b']', ..]) => false,
        Some([b'.', digit, ..]) if digit.is_ascii_digit() => false,
        _ => true,
    };
    ends_token.then_some((port, end))
}

fn service_name(port: u16, protocol: Protocol) -> Option<&'static str> {
    ianaports::lookup(port, protocol).and_then(ianaports::Record::name)
}

/// The longest host this scanner considers, the length of a DNS name.
const MAX_HOST: usize = 253;

/// Whether the `:` at `colon` follows a host: an IPv4 address, a bracketed IPv6 address, an
/// IPv6 address with `::` in it (netstat writes `:::22`), `*`, `localhost`, or a name with a
/// dot in it.
fn host_ends_at(text: &[u8], colon: usize) -> bool {
    let before = &text[..colon];
    match before.last() {
        None => false,
        Some(b'*') => before.len() == 1 || !is_host_byte(before[before.len() - 2]),
        Some(b']') => {
            let inside = &before[..before.len() - 1];
            let limit = inside.len().saturating_sub(MAX_HOST);
            match inside[limit..].iter().rposition(|&b| b == b'[') {
                Some(open) => is_ipv6(&inside[limit + open + 1..]),
                None => false,
            }
        }
        Some(_) => {
            let host_len = before
                .iter()
                .rev()
                .take(MAX_HOST + 1)
                .take_while(|&&b| is_host_byte(b) || b == b':')
                .count();
            if host_len == 0 || host_len > MAX_HOST {
                return false;
            }
            let host = &before[before.len() - host_len..];
            // What follows the last colon of something that is not an IPv6 address
            // (`dst:10.0.0.5`) may still be a host.
            let tail = match host.iter().rposition(|&b| b == b':') {
                Some(colon) => &host[colon + 1..],
                None => host,
            };
            if without_zone(tail).is_some_and(is_ipv4) || is_host_name(tail) {
                return true;
            }
            // `src=2001:db8::1:22` is an address: a `KEY=` value is never ADDRESS:PORT in
            // the logs that write unbracketed IPv6 (conntrack, iptables).
            let after_equals =
                before.len() > host_len && before[before.len() - host_len - 1] == b'=';
            tail.len() < host.len() && !after_equals && is_unbracketed_ipv6(host)
        }
    }
}

fn is_host_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'.' | b'-' | b'_' | b'%')
}

/// Four dot-separated groups of one to three digits.
fn is_ipv4(host: &[u8]) -> bool {
    let (mut dots, mut digits) = (0, 0);
    for &byte in host {
        match byte {
            b'0'..=b'9' if digits < 3 => digits += 1,
            b'.' if digits > 0 && dots < 3 => (dots, digits) = (dots + 1, 0),
            _ => return false,
        }
    }
    dots == 3 && digits > 0
}

/// An address without its `%zone` (an interface: `fe80::1%eth0`, `127.0.0.53%lo` as `ss`
/// writes it), or `None` if the zone is not an interface name.
fn without_zone(host: &[u8]) -> Option<&[u8]> {
    match host.iter().position(|&b| b == b'%') {
        Some(percent) => {
            let zone = &host[percent + 1..];
            let zone_ok = !zone.is_empty()
                && zone
                    .iter()
                    .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'));
            zone_ok.then_some(&host[..percent])
        }
        None => Some(host),
    }
}

/// An IPv6 address's text: hex digits and colons, maybe a dotted IPv4 tail, maybe a `%zone`.
fn is_ipv6(host: &[u8]) -> bool {
    let Some(address) = without_zone(host) else {
        return false;
    };
    let colons = address.iter().filter(|&&b| b == b':').count();
    (2..=7).contains(&colons)
        && address
            .iter()
            .all(|&b| b.is_ascii_hexdigit() || b == b':' || b == b'.')
}

/// An IPv6 address written without brackets before `:PORT`: only unambiguous when it has
/// `::` in it (and does not end in the middle of one) or all eight groups, so that times
/// (`10:15:42`) and MAC addresses are not read as hosts.
fn is_unbracketed_ipv6(host: &[u8]) -> bool {
    if !is_ipv6(host) {
        return false;
    }
    let compressed = host.windows(2).any(|pair| pair == b"::");
    let ends_in_half_a_double_colon = host.ends_with(b":") && !host.ends_with(b"::");
    let full = host.iter().filter(|&&b| b == b':').count() == 7;
    (compressed || full) && !ends_in_half_a_double_colon
}

/// `localhost`, or a name with a dot and a letter in it (`db.example.com`), made of letters,
/// digits, `-`, `_` and `.`.
fn is_host_name(host: &[u8]) -> bool {
    let chars_ok = host
        .iter()
        .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'));
    let shape_ok = host.contains(&b'.')
        && host.iter().any(u8::is_ascii_alphabetic)
        && !host.starts_with(b".")
        && !host.ends_with(b".");
    chars_ok && (shape_ok || host.eq_ignore_ascii_case(b"localhost"))
}

/// Whether the `=` at `equals` ends `DPT`, `SPT`, `dport` or `sport` (any case), as a word of
/// its own.
fn port_keyword_ends_at(text: &[u8], equals: usize) -> bool {
    let before = &text[..equals];
    [&b"dport"[..], b"sport", b"dpt", b"spt"]
        .iter()
        .any(|keyword| {
            before.len() >= keyword.len()
                && before[before.len() - keyword.len()..].eq_ignore_ascii_case(keyword)
                && before
                    .len()
                    .checked_sub(keyword.len() + 1)
                    .is_none_or(|i| !before[i].is_ascii_alphanumeric() && before[i] != b'_')
        })
}

/// `--field N`: the port in column N of a tab- or comma-separated line.
fn annotate_field(line: &[u8], column: usize, insertions: &mut Insertions) {
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
                if let Some(name) = service_name(port, protocol_of(line)) {
                    insertions.name_after(inner_start + digits_end, name);
                }
            }
        }
    } else {
        find_ports(inner, inner_start, line, insertions);
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

/// `--json-key KEY`: a JSON object on the line whose `KEY` is a port (a number, or a string of
/// digits) gets `"KEY_service": name` added as its last member. Everything else about the line
/// stays as it was; a line that is not a JSON object, lacks the key, or has `KEY_service`
/// already is copied unchanged.
fn annotate_json(line: &[u8], key: &str, insertions: &mut Insertions) {
    let trimmed_len = line.len()
        - line
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_whitespace())
            .count();
    if line[..trimmed_len].last() != Some(&b'}') {
        return;
    }
    let Ok(object) = serde_json::from_slice::<serde_json::Map<String, serde_json::Value>>(line)
    else {
        return;
    };
    let added_key = format!("{key}_service");
    if object.contains_key(&added_key) {
        return;
    }
    let port = match object.get(key) {
        Some(serde_json::Value::Number(number)) => number.as_u64(),
        Some(serde_json::Value::String(text)) => port_at(text.as_bytes(), 0)
            .filter(|&(_, end)| end == text.len())
            .map(|(port, _)| u64::from(port)),
        _ => None,
    };
    let Some(port) = port.and_then(|port| u16::try_from(port).ok()) else {
        return;
    };
    let protocol = match object.get("proto").and_then(serde_json::Value::as_str) {
        Some(proto) => protocol_word(proto.as_bytes()).unwrap_or(Protocol::Tcp),
        None => protocol_of(line),
    };
    if let Some(name) = service_name(port, protocol) {
        let member = format!(
            ",{}:{}",
            serde_json::Value::from(added_key),
            serde_json::Value::from(name)
        );
        insertions
            .0
            .push((trimmed_len - 1, Insertion::Text(member)));
    }
}

/// The service names that [`annotate`] inserted into `input` to write `output`, in order; or
/// where `output` is anything else than `input` with only registered names inserted, as
/// `(name)` or `,"KEY_service":"name"`. The tests and the fuzz target check every run with it.
pub fn inserted_names<'o>(input: &[u8], output: &'o [u8]) -> Result<Vec<&'o str>, String> {
    const MEMBER_NAME: &[u8] = b"_service\":\"";
    let mut names = Vec::new();
    let (mut i, mut o) = (0, 0);
    while o < output.len() {
        if input.get(i) == Some(&output[o]) {
            i += 1;
            o += 1;
            continue;
        }
        let rest = &output[o..];
        let (name_start, name_end) = if rest.starts_with(b"(") {
            (1, memchr(b')', rest).ok_or("a `(` without its `)`")?)
        } else if rest.starts_with(b",\"") {
            let start = rest
                .windows(MEMBER_NAME.len())
                .position(|w| w == MEMBER_NAME)
                .ok_or("a JSON member that is not KEY_service")?
                + MEMBER_NAME.len();
            let end = memchr(b'"', &rest[start..]).ok_or("an unterminated JSON string")?;
            (start, start + end)
        } else {
            return Err(format!("the output differs from the input at byte {o}"));
        };
        let name = std::str::from_utf8(&rest[name_start..name_end])
            .map_err(|_| format!("an inserted name that is not UTF-8 at byte {o}"))?;
        if ianaports::by_name(name).is_empty() {
            return Err(format!(
                "\"{name}\", inserted at byte {o}, is not a service name"
            ));
        }
        names.push(name);
        o += name_end + 1;
    }
    if i != input.len() {
        return Err(format!("the input from byte {i} on is missing"));
    }
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(input: &str) -> String {
        with(input, &Target::Text)
    }

    fn with(input: &str, target: &Target) -> String {
        let mut out = Vec::new();
        annotate(&mut input.as_bytes(), &mut out, target).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn host_and_port_forms() {
        assert_eq!(text("10.0.0.5:5432"), "10.0.0.5:5432(postgresql)");
        assert_eq!(text("[::1]:5432 x"), "[::1]:5432(postgresql) x");
        assert_eq!(text("[fe80::1%eth0]:22"), "[fe80::1%eth0]:22(ssh)");
        assert_eq!(text(":::22 "), ":::22(ssh) ");
        assert_eq!(text("::ffff:10.0.0.1:443"), "::ffff:10.0.0.1:443(https)");
        assert_eq!(text("*:22"), "*:22(ssh)");
        assert_eq!(text("127.0.0.53%lo:53"), "127.0.0.53%lo:53(domain)");
        assert_eq!(text("localhost:5432"), "localhost:5432(postgresql)");
        assert_eq!(
            text("http://db.example.com:5432/x"),
            "http://db.example.com:5432(postgresql)/x"
        );
        assert_eq!(
            text("10.0.0.5:53422->10.0.0.6:5432"),
            "10.0.0.5:53422->10.0.0.6:5432(postgresql)"
        );
    }

    #[test]
    fn keyword_forms() {
        assert_eq!(
            text("PROTO=UDP SPT=5353 DPT=53 LEN=40"),
            "PROTO=UDP SPT=5353(mdns) DPT=53(domain) LEN=40"
        );
        assert_eq!(
            text("tcp 6 src=10.0.0.5 sport=22 dport=5432"),
            "tcp 6 src=10.0.0.5 sport=22(ssh) dport=5432(postgresql)"
        );
        assert_eq!(text("XDPT=22 dpt_x=22"), "XDPT=22 dpt_x=22");
        assert_eq!(text("dst:10.0.0.5:22"), "dst:10.0.0.5:22(ssh)");
    }

    #[test]
    fn things_that_look_like_ports_but_are_not() {
        for line in [
            "10:15:42 up",
            "2026-11-29T10:15:42.123Z",
            "00:1a:2b:3c:4d:22",
            "2001:db8::1",
            "key:22",
            "10.0.0.5:70000",
            "10.0.0.5:022",
            "10.0.0.5:22.5",
            "10.0.0.5:22x",
            "10.0.0.5:*",
            "1.2.3:22",
            "1.2.3.4.5:22",
            "1.2.3.:22",
            ".1.2.3:22",
            "1..2.3:22",
            "1.2.3.4444:22",
            "10.0.0.5:4380",
            "10.0.0.5:5432(postgresql)",
            "MAC=52:54:00:12:34:22 SRC=10.0.0.5",
            "MAC=52:54:00:12:34:56:52:54:00:65:43:21:08:22",
            "a::22",
            "main:22",
            "10.0.0.5%:22",
            "[fe80::5054:ff:fe12:3456%eth0]:4380",
            "[::1:22]:4380",
            "src=2001:db8::1:22 dst=fe80::22",
            "10.0.0.5%a/b:22",
        ] {
            assert_eq!(text(line), line);
        }
    }

    #[test]
    fn the_protocol_comes_from_the_line() {
        assert_eq!(protocol_of(b"udp   UNCONN 0 0"), Protocol::Udp);
        assert_eq!(protocol_of(b"x PROTO=SCTP y"), Protocol::Sctp);
        assert_eq!(protocol_of(b"tcp6 0 0 :::22"), Protocol::Tcp);
        assert_eq!(protocol_of(b"udp6"), Protocol::Udp);
        assert_eq!(protocol_of(b"udplite tcpx 0"), Protocol::Tcp);
        assert_eq!(protocol_of(b""), Protocol::Tcp);
        // Past the first eight bytes, in every position of a chunk, in either case.
        for pad in 0..24 {
            let line = format!("{}:1 UDP x", "0".repeat(pad));
            assert_eq!(protocol_of(line.as_bytes()), Protocol::Udp, "{line}");
            let line = format!("{}=dccp", "9".repeat(pad));
            assert_eq!(protocol_of(line.as_bytes()), Protocol::Dccp, "{line}");
        }
        assert_eq!(protocol_of(b"xsctp sctpx sctp6 Sctp"), Protocol::Sctp);
        assert!(!may_hold_a_protocol_letter(u64::from_le_bytes(
            *b"0123.:[]"
        )));
        assert!(may_hold_a_protocol_letter(u64::from_le_bytes(*b"0123.:[T")));
        // 5004 is avt-profile-1 over udp, and over dccp too, but 5004/tcp is also named.
        assert_eq!(text("udp 0.0.0.0:4374"), "udp 0.0.0.0:4374");
        assert_eq!(text("tcp 0.0.0.0:4374"), "tcp 0.0.0.0:4374(psi-ptt)");
    }

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

    #[test]
    fn json_lines() {
        let key = Target::JsonKey("id.resp_p".into());
        assert_eq!(
            with("{\"id.resp_p\":5432,\"proto\":\"tcp\"}\n", &key),
            "{\"id.resp_p\":5432,\"proto\":\"tcp\",\"id.resp_p_service\":\"postgresql\"}\n"
        );
        assert_eq!(
            with("{\"id.resp_p\": \"53\", \"proto\": \"udp\"} \n", &key),
            "{\"id.resp_p\": \"53\", \"proto\": \"udp\",\"id.resp_p_service\":\"domain\"} \n"
        );
        for unchanged in [
            "{\"id.resp_p\":5432,\"id.resp_p_service\":\"x\"}\n",
            "{\"id.resp_p\":70000}\n",
            "{\"id.resp_p\":-1}\n",
            "{\"id.resp_p\":22.5}\n",
            "{\"other\":22}\n",
            "[22]\n",
            "{\"id.resp_p\":22\n",
            "not json\n",
        ] {
            assert_eq!(with(unchanged, &key), unchanged);
        }
    }

    #[test]
    fn every_byte_reaches_the_output() {
        let binary: Vec<u8> = (0..=255u8).cycle().take(10_000).collect();
        let input = [&binary[..], b"\n10.0.0.5:22\xff\n\r\n\n\x00:22"].concat();
        let expected = [&binary[..], b"\n10.0.0.5:22(ssh)\xff\n\r\n\n\x00:22"].concat();
        let mut out = Vec::new();
        let totals = annotate(&mut &input[..], &mut out, &Target::Text).unwrap();
        assert!(out == expected, "the output differs from the input");
        assert_eq!(totals.annotations, 1);
    }

    #[test]
    fn the_check_of_a_run_finds_every_departure_from_the_input() {
        let names = |input: &str, output: &str| {
            inserted_names(input.as_bytes(), output.as_bytes()).map(|n| n.join(" "))
        };
        assert_eq!(
            names(":22 :53", ":22(ssh) :53(domain)"),
            Ok("ssh domain".into())
        );
        assert_eq!(
            names("{\"p\":22}", "{\"p\":22,\"p_service\":\"ssh\"}"),
            Ok("ssh".into())
        );
        assert!(names(":22", ":22(no-such-service)").is_err());
        assert!(names(":22", ":22(ssh").is_err());
        assert!(names(":22 x", ":22(ssh)").is_err());
        assert!(names(":22", ":23").is_err());
        assert!(names(":22", ":22(ssh) extra").is_err());
    }

    #[test]
    fn a_line_longer_than_the_limit_is_copied_and_the_next_annotated() {
        let long = "9".repeat(MAX_LINE * 3);
        let input = format!("{long}:22\n1.2.3.4:22\nlast 1.2.3.4:22");
        // A small reader buffer, to cut lines everywhere.
        let mut reader = io::BufReader::with_capacity(7, input.as_bytes());
        let mut out = Vec::new();
        let totals = annotate(&mut reader, &mut out, &Target::Text).unwrap();
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
                let totals = annotate(&mut reader, &mut out, &Target::Text).unwrap();
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
