//! The socket lines of BSD and macOS `netstat -an`, whose addresses end in `.PORT` rather
//! than `:PORT`: `10.0.0.5.5432`, `*.22`, `fe80::1%lo0.631`.
//!
//! A dot before digits is everywhere in text (versions, `1.2.3.4.5`, times, sizes), so the
//! form is read only where netstat writes it: a line is a socket line when its first word
//! is `tcp`, `tcp4`, `tcp6`, `tcp46`, `udp`, `udp4`, `udp6` or `udp46` (in lower case, at
//! the very start of the line) and its second and third words are numbers (the Recv-Q and
//! Send-Q columns). Only its fourth and fifth words (the local and foreign address) are read,
//! and each only when it is the whole word `ADDRESS.PORT`, the address being an IPv4 address,
//! `*`, or an IPv6 address (maybe with a `%zone`, maybe cut short as netstat cuts long
//! addresses without `-W`). Linux netstat's lines pass the first test, but their `HOST:PORT`
//! words are not of this form: the `:` scanner reads them, as before.

use super::hosts::{is_ipv4, is_ipv6};
use super::ports::port_at;

/// The first words of netstat's socket lines: tcp or udp, and the address families that
/// FreeBSD and macOS write after them (tcp4, tcp6, tcp46); OpenBSD and NetBSD write tcp for
/// IPv4 and tcp6 for IPv6.
const SOCKET_PROTOCOLS: [&[u8]; 8] = [
    b"tcp", b"tcp4", b"tcp6", b"tcp46", b"udp", b"udp4", b"udp6", b"udp46",
];

/// A port that a socket line's address ends in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct AddressPort {
    /// Where the address's word starts in the line.
    pub(super) word_start: usize,
    /// The port.
    pub(super) port: u16,
    /// Where the port's digits end in the line, which is where the word ends.
    pub(super) end: usize,
}

/// The ports of the local and foreign addresses of `line`, in that order, if it is a BSD
/// netstat socket line (see the module's documentation); `[None, None]` for any other line.
pub(super) fn address_ports(line: &[u8]) -> [Option<AddressPort>; 2] {
    let mut ports = [None, None];
    // Most lines are ruled out by their first byte.
    if !matches!(line.first(), Some(b't' | b'u')) {
        return ports;
    }
    let mut words = words(line);
    let is_socket_line = words
        .next()
        .is_some_and(|(start, end)| SOCKET_PROTOCOLS.contains(&&line[start..end]))
        && words
            .by_ref()
            .take(2)
            .filter(|&(start, end)| line[start..end].iter().all(u8::is_ascii_digit))
            .count()
            == 2;
    if is_socket_line {
        for (slot, (start, end)) in ports.iter_mut().zip(words) {
            *slot = address_port(&line[start..end]).map(|port| AddressPort {
                word_start: start,
                port,
                end,
            });
        }
    }
    ports
}

/// The port of a whole word `ADDRESS.PORT`, if it is one.
fn address_port(word: &[u8]) -> Option<u16> {
    let dot = word.iter().rposition(|&b| b == b'.')?;
    let (port, end) = port_at(word, dot + 1)?;
    let address = &word[..dot];
    let is_address =
        address == b"*" || is_ipv4(address) || (address.contains(&b':') && is_ipv6(address));
    (end == word.len() && is_address).then_some(port)
}

/// The byte ranges of the words of `line`: runs of bytes other than spaces and tabs.
fn words(line: &[u8]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let is_blank = |b: &u8| matches!(b, b' ' | b'\t');
    let mut at = 0;
    std::iter::from_fn(move || {
        let start = at + line[at..].iter().position(|b| !is_blank(b))?;
        let end = start
            + line[start..]
                .iter()
                .position(is_blank)
                .unwrap_or(line.len() - start);
        at = end;
        Some((start, end))
    })
}

#[cfg(test)]
mod tests {
    use super::super::annotated_text as text;
    use super::*;

    #[test]
    fn bsd_netstat_addresses() {
        assert_eq!(
            text("tcp4       0      0  10.0.0.5.5432          10.0.0.6.53422         ESTABLISHED"),
            "tcp4       0      0  10.0.0.5.5432(postgresql)          10.0.0.6.53422         ESTABLISHED"
        );
        assert_eq!(
            text("tcp46      0      0  *.22                   *.*                    LISTEN"),
            "tcp46      0      0  *.22(ssh)                   *.*                    LISTEN"
        );
        assert_eq!(text("udp4 0 0 *.5353 *.*"), "udp4 0 0 *.5353(mdns) *.*");
        assert_eq!(
            text("tcp6 0 0 fe80::1%lo0.631 *.* LISTEN"),
            "tcp6 0 0 fe80::1%lo0.631(ipp) *.* LISTEN"
        );
        assert_eq!(
            text("tcp6 0 0 ::1.5432 ::1.50000 ESTABLISHED"),
            "tcp6 0 0 ::1.5432(postgresql) ::1.50000 ESTABLISHED"
        );
        // OpenBSD's tcp for IPv4; an IPv6 address cut to 16 characters; tabs between words.
        assert_eq!(
            text("tcp\t0\t0\t10.0.0.5.22\t10.0.0.17.53422"),
            "tcp\t0\t0\t10.0.0.5.22(ssh)\t10.0.0.17.53422"
        );
        assert_eq!(
            text("tcp6 0 0 fe80::aede:48ff:.22 fe80::1c2b:3dff:.53422"),
            "tcp6 0 0 fe80::aede:48ff:.22(ssh) fe80::1c2b:3dff:.53422"
        );
        // The foreign address is read too; the line's protocol names the port.
        assert_eq!(
            text("udp6 0 0 *.* fe80::1%en0.53"),
            "udp6 0 0 *.* fe80::1%en0.53(domain)"
        );
    }

    #[test]
    fn dotted_numbers_elsewhere_are_not_ports() {
        for line in [
            "version 1.2.3.4.5",
            "upgraded openssh to 10.0.0.5.22",
            "tcp4 connections: 10.0.0.5.22",
            " tcp4 0 0 10.0.0.5.22 *.*",
            "TCP4 0 0 10.0.0.5.22 *.*",
            "tcp7 0 0 10.0.0.5.22 *.*",
            "tcp4 x 0 10.0.0.5.22 *.*",
            "tcp4 0 10.0.0.5.22 *.*",
            "tcp4 0 0 *.* *.* 10.0.0.5.22",
            "tcp4 0 0 999.0.0.5.22 *.*",
            "tcp4 0 0 10.0.0.22 *.*",
            "tcp4 0 0 10.0.0.5.022 *.*",
            "tcp4 0 0 10.0.0.5.22x *.*",
            "tcp4 0 0 x10.0.0.5.22 *.*",
            "tcp4 0 0 a.b.22 *.*",
            "tcp4 0 0 **.22 *.*",
            "tcp6 0 0 fe80.22 *.*",
            "udp4 0 0 *.70000 *.*",
            "udp4 0 0 *. *.*",
        ] {
            assert_eq!(text(line), line);
        }
    }

    #[test]
    fn linux_netstat_lines_are_read_as_before() {
        assert_eq!(
            text("tcp        0      0 10.0.0.5:22             10.0.0.17:53422         ESTABLISHED"),
            "tcp        0      0 10.0.0.5:22(ssh)             10.0.0.17:53422         ESTABLISHED"
        );
        assert_eq!(
            address_ports(b"tcp6 0 0 ::ffff:10.0.0.5:22 :::*"),
            [None, None]
        );
    }

    #[test]
    fn the_words_of_a_line() {
        let words = |line: &str| words(line.as_bytes()).collect::<Vec<_>>();
        assert_eq!(words(" a\t bc  d"), [(1, 2), (4, 6), (8, 9)]);
        assert_eq!(words(""), []);
        assert_eq!(words(" \t "), []);
    }
}
