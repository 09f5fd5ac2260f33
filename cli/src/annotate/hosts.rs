//! Whether the text before a port's `:` is a host: an IPv4 address, an IPv6 address (in
//! brackets, or without them where that is unambiguous), `*`, `localhost`, or a host name.

use super::bytes::{is_host_byte, is_name_byte};

/// The longest host this scanner considers, the length of a DNS name.
const MAX_HOST: usize = 253;

/// Whether the `:` at `colon` follows a host: an IPv4 address, a bracketed IPv6 address, an
/// IPv6 address with `::` in it (netstat writes `:::22`), `*`, `localhost`, or a name with a
/// dot in it.
pub(super) fn host_ends_at(text: &[u8], colon: usize) -> bool {
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
            let zone_ok = !zone.is_empty() && zone.iter().all(|&b| is_name_byte(b));
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
    let chars_ok = host.iter().all(|&b| is_name_byte(b));
    let shape_ok = host.contains(&b'.')
        && host.iter().any(u8::is_ascii_alphabetic)
        && !host.starts_with(b".")
        && !host.ends_with(b".");
    chars_ok && (shape_ok || host.eq_ignore_ascii_case(b"localhost"))
}

#[cfg(test)]
mod tests {
    use super::super::annotated_text as text;

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
}
