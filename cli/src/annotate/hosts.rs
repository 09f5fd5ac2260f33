//! Whether the text before a port's `:` is a host: an IPv4 address, an IPv6 address (in
//! brackets, or without them where that is unambiguous), `*`, `localhost`, or a host name.
//!
//! Application logs are full of `FILE:LINE` (`(Foo.java:42)`, `src/main.rs:42:5`,
//! `app.py:80`), which has a host name's shape: a name whose last label is one of
//! [`FILE_EXTENSIONS`] is taken for a file, not a host. The price is paid by the few country
//! domains that are also extensions: a host under `.cc`, `.md`, `.py`, `.rs` or `.sh`
//! (`mirror.example.rs:443`) is not annotated.

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

/// Four dot-separated groups of one to three digits, each 0-255 (`999.999.999.999` is not an
/// address).
pub(super) fn is_ipv4(host: &[u8]) -> bool {
    let (mut dots, mut digits, mut value) = (0, 0, 0u16);
    for &byte in host {
        match byte {
            b'0'..=b'9' if digits < 3 => {
                digits += 1;
                value = value * 10 + u16::from(byte - b'0');
                if value > 255 {
                    return false;
                }
            }
            b'.' if digits > 0 && dots < 3 => (dots, digits, value) = (dots + 1, 0, 0),
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
pub(super) fn is_ipv6(host: &[u8]) -> bool {
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
/// digits, `-`, `_` and `.`, whose last label is not a file extension (`main.rs`).
fn is_host_name(host: &[u8]) -> bool {
    let chars_ok = host.iter().all(|&b| is_name_byte(b));
    let shape_ok = host.contains(&b'.')
        && host.iter().any(u8::is_ascii_alphabetic)
        && !host.starts_with(b".")
        && !host.ends_with(b".");
    let is_name = shape_ok && !is_file_name(host);
    chars_ok && (is_name || host.eq_ignore_ascii_case(b"localhost"))
}

/// The extensions of the files that logs and compilers name as `FILE:LINE`: source code
/// (Java and the JVM's languages in stack traces, compilers' diagnostics, Go's and Node's
/// panics, Python's and Ruby's loggers), documentation, configuration and data. Lower case,
/// sorted, compared in any case.
///
/// Perl's `pl` and `pm` are left out: Perl reports `at FILE line N`, not `FILE:N`, and `.pl`
/// is Poland's domain, one of the largest. The country domains that remain (`cc`, `md`,
/// `py`, `rs`, `sh`) are the rule's cost: their hosts are not annotated.
pub(super) const FILE_EXTENSIONS: &[&str] = &[
    "c",
    "cc",
    "cfg",
    "cjs",
    "clj",
    "conf",
    "cpp",
    "cs",
    "css",
    "csv",
    "dart",
    "erl",
    "ex",
    "exs",
    "go",
    "gradle",
    "groovy",
    "h",
    "hpp",
    "hs",
    "htm",
    "html",
    "ini",
    "java",
    "js",
    "json",
    "jsx",
    "kt",
    "lock",
    "log",
    "lua",
    "m",
    "md",
    "mjs",
    "php",
    "properties",
    "py",
    "rb",
    "rs",
    "rst",
    "scala",
    "sh",
    "sql",
    "swift",
    "toml",
    "ts",
    "tsv",
    "tsx",
    "txt",
    "xml",
    "yaml",
    "yml",
];

/// Whether a dotted name's last label is one of [`FILE_EXTENSIONS`], in any case.
fn is_file_name(name: &[u8]) -> bool {
    const LONGEST: usize = 10; // "properties"
    let label_start = name
        .iter()
        .rposition(|&b| b == b'.')
        .map_or(0, |dot| dot + 1);
    let label = &name[label_start..];
    if label.len() > LONGEST {
        return false;
    }
    let mut lower = [0u8; LONGEST];
    let lower = &mut lower[..label.len()];
    lower.copy_from_slice(label);
    lower.make_ascii_lowercase();
    FILE_EXTENSIONS
        .binary_search_by(|extension| extension.as_bytes().cmp(lower))
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::super::annotated_text as text;
    use super::*;

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
    fn application_log_noise_is_not_a_host() {
        for line in [
            "\tat com.x.Foo.bar(Foo.java:42)",
            "main.rs:42",
            "src/main.rs:42:5",
            "app.py:80",
            "README.md:53",
            "config.yaml:3306",
            "999.999.999.999:22",
            "256.1.1.1:22",
            "1.2.3.256:22",
            "at Main.KT:22 and App.Py:80",
            "panic at /usr/local/go/src/runtime/panic.go:53 +0x1d",
        ] {
            assert_eq!(text(line), line);
        }
    }

    #[test]
    fn real_hosts_are_still_hosts() {
        assert_eq!(
            text("db.example.com:5432"),
            "db.example.com:5432(postgresql)"
        );
        assert_eq!(text("10.0.0.5:22"), "10.0.0.5:22(ssh)");
        assert_eq!(text("localhost:5432"), "localhost:5432(postgresql)");
        assert_eq!(text("255.255.255.255:53"), "255.255.255.255:53(domain)");
        assert_eq!(text("0.0.0.0:22"), "0.0.0.0:22(ssh)");
        // Perl's extensions are not in the list: Poland's hosts are hosts.
        assert_eq!(text("smtp.example.pl:25"), "smtp.example.pl:25(smtp)");
        // The cost of the rule: a host under a country domain that is also an extension.
        assert_eq!(text("mirror.example.rs:443"), "mirror.example.rs:443");
    }

    #[test]
    fn the_file_extensions_are_one_sorted_lower_case_list() {
        assert!(FILE_EXTENSIONS.windows(2).all(|pair| pair[0] < pair[1]));
        for extension in FILE_EXTENSIONS {
            assert!(
                !extension.is_empty()
                    && extension.len() <= 10
                    && extension.bytes().all(|b| b.is_ascii_lowercase()),
                "{extension}"
            );
        }
        assert!(is_file_name(b"Foo.JAVA") && is_file_name(b"a.b.properties"));
        assert!(!is_file_name(b"a.propertiesx") && !is_file_name(b"example.com"));
    }

    #[test]
    fn the_readme_lists_the_file_extensions_there_are() {
        let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
            .expect("cli/README.md is readable");
        let (_, listed) = readme
            .split_once("The extensions, in any case: ")
            .expect("the README lists the extensions");
        let (listed, _) = listed
            .split_once('.')
            .expect("the list ends in a full stop");
        let listed: Vec<&str> = listed.split(',').map(str::trim).collect();
        assert_eq!(listed, FILE_EXTENSIONS);
    }
}
