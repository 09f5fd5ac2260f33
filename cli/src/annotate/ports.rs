//! The ports of a line: digits after a `:` that follows a host (`10.0.0.5:22`,
//! `[::1]:5432`), or after `DPT=`, `SPT=`, `dport=` or `sport=`, and on a BSD netstat
//! socket line the `.PORT` of its addresses (`10.0.0.5.22`, `*.22`); and the name a port is
//! given.

use ianaports::Protocol;
use memchr::memchr2_iter;

use super::bsd_netstat::address_ports;
use super::bytes::is_identifier_byte;
use super::copy::Insertions;
use super::hosts::host_ends_at;
use super::protocol::protocol_of;

/// Records a name after every port of `line` that the registry names over the line's
/// protocol (or, with `--common`, that is in common use): what `--annotate` does to a line.
pub(super) fn name_every_port(line: &[u8], insertions: &mut Insertions) {
    let common_use = insertions.common_use;
    find_line_ports(
        line,
        &mut port_name_on(line, common_use),
        &mut |name, end| {
            insertions.name_after(end, name);
        },
    );
}

/// Records a name after every port in `text` (which starts at byte `offset` of `line`) that
/// the registry names over the line's protocol; `text` is a piece of a line, read by the `:`
/// and `=` forms only.
pub(super) fn name_ports_in(text: &[u8], offset: usize, line: &[u8], insertions: &mut Insertions) {
    let common_use = insertions.common_use;
    find_ports(
        text,
        offset,
        &mut port_name_on(line, common_use),
        &mut |name, end| {
            insertions.name_after(end, name);
        },
    );
}

/// `keep` for the finders that name ports: a port's [`PortName`] over the protocol of
/// `line`, which is only looked for once a line has a port, since most lines have none.
fn port_name_on(line: &[u8], common_use: bool) -> impl FnMut(u16) -> Option<PortName> + '_ {
    let mut protocol = None;
    move |port| {
        let protocol = *protocol.get_or_insert_with(|| protocol_of(line));
        port_name(port, protocol, common_use)
    }
}

/// Finds the ports of a whole line, in order: those of [`find_ports`], and the addresses'
/// ports of a BSD netstat socket line. Calls `found` with what `keep` keeps of each port and
/// where its digits end.
pub(super) fn find_line_ports<T>(
    line: &[u8],
    keep: &mut impl FnMut(u16) -> Option<T>,
    found: &mut impl FnMut(T, usize),
) {
    let mut scanned = 0;
    // The words before, between and after the BSD addresses are scanned as any text is;
    // they are cut at white space, which no form reaches across.
    for address in address_ports(line).into_iter().flatten() {
        find_ports(&line[scanned..address.word_start], scanned, keep, found);
        if let Some(kept) = keep(address.port) {
            found(kept, address.end);
        }
        scanned = address.end;
    }
    find_ports(&line[scanned..], scanned, keep, found);
}

/// Finds the ports in `text` (which starts at byte `offset` of its line), in order. `keep`
/// says what to keep of a port number, or `None` to pass it by; it is asked before the
/// costlier look at what precedes the port, so that ports no one wants cost little. `found`
/// is called with what was kept and where the port's digits end in the line.
fn find_ports<T>(
    text: &[u8],
    offset: usize,
    keep: &mut impl FnMut(u16) -> Option<T>,
    found: &mut impl FnMut(T, usize),
) {
    for separator in memchr2_iter(b':', b'=', text) {
        // Cheapest first: digits, then what the caller keeps of them, then what comes before.
        let Some((port, end)) = port_at(text, separator + 1) else {
            continue;
        };
        let Some(kept) = keep(port) else {
            continue;
        };
        let is_port = match text[separator] {
            b':' => host_ends_at(text, separator),
            _ => port_keyword_ends_at(text, separator),
        };
        if is_port {
            found(kept, offset + end);
        }
    }
}

/// The port whose digits start at `start`, and where they end, if they are a port: one to
/// five digits, no leading zero, at most 65535, not followed by anything that would make them
/// part of a longer token (a letter, `_`, `:`, `%`, `]`, a decimal point) or by a `(` that
/// says the port is annotated already.
pub(super) fn port_at(text: &[u8], start: usize) -> Option<(u16, usize)> {
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
        Some([next, ..]) if is_identifier_byte(*next) => false,
        // `%` and `]`: the digits are the end of an IPv6 address, not a port.
        Some([b':' | b'(' | b'%' | b']', ..]) => false,
        Some([b'.', digit, ..]) if digit.is_ascii_digit() => false,
        _ => true,
    };
    ends_token.then_some((port, end))
}

/// What annotation writes after a port.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PortName {
    /// The registry's name, written `(name)`.
    Registered(&'static str),
    /// With `--common`, for a port the registry names nothing over the protocol: the names
    /// of the entries in common use for it, written `(~name)` (`(~one|other)` for several),
    /// so that they are never read as IANA's.
    InCommonUse {
        /// The port.
        port: u16,
        /// Its protocol.
        protocol: Protocol,
    },
}

/// The name the registry gives `port` over `protocol`, if it gives one, or with
/// `common_use` the names in common use of a port it does not name: the one place where a
/// port becomes a name, whichever way the port was found.
pub(super) fn port_name(port: u16, protocol: Protocol, common_use: bool) -> Option<PortName> {
    match ianaports::lookup(port, protocol).and_then(ianaports::Record::name) {
        Some(name) => Some(PortName::Registered(name)),
        None if common_use && ianaports::in_common_use(port, protocol).next().is_some() => {
            Some(PortName::InCommonUse { port, protocol })
        }
        None => None,
    }
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
                    .is_none_or(|i| !is_identifier_byte(before[i]))
        })
}

#[cfg(test)]
mod tests {
    use super::super::annotated_text as text;
    use super::super::{Names, Target, annotate};

    fn with_common_use(input: &str, target: &Target) -> String {
        let mut out = Vec::new();
        annotate(
            &mut input.as_bytes(),
            &mut out,
            target,
            Names::AlsoInCommonUse,
        )
        .unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn common_use_names_ports_the_registry_does_not_and_is_marked() {
        let text = |input| with_common_use(input, &Target::Text);
        assert_eq!(text("udp 10.0.0.5:41641"), "udp 10.0.0.5:41641(~tailscale)");
        // IANA's name wins where there is one; the protocol is the line's.
        assert_eq!(text("tcp 10.0.0.5:9200"), "tcp 10.0.0.5:9200(wap-wsp)");
        assert_eq!(text("tcp 10.0.0.5:41641"), "tcp 10.0.0.5:41641");
        // Several entries, in the order `in_common_use` gives them.
        assert_eq!(
            text("PROTO=UDP DPT=51820"),
            "PROTO=UDP DPT=51820(~flannel-wg|wireguard)"
        );
        assert_eq!(
            with_common_use("udp,10.0.0.5,41641", &Target::Field(3)),
            "udp,10.0.0.5,41641(~tailscale)"
        );
        assert_eq!(
            with_common_use(r#"{"p":41641,"proto":"udp"}"#, &Target::JsonKey("p".into())),
            r#"{"p":41641,"proto":"udp","p_common_use":"tailscale"}"#
        );
        // Without it, nothing changes.
        assert_eq!(
            super::super::annotated_text("udp 10.0.0.5:41641"),
            "udp 10.0.0.5:41641"
        );
        let out = text("udp 10.0.0.5:41641 PROTO=UDP DPT=51820");
        let names = crate::annotate::inserted_names(
            b"udp 10.0.0.5:41641 PROTO=UDP DPT=51820",
            out.as_bytes(),
        );
        assert_eq!(names, Ok(vec!["~tailscale", "~flannel-wg|wireguard"]));
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
}
