//! Any bytes as a name, two ports and a protocol: every lookup answers, never panics, and what it
//! answers holds together.

#![no_main]

use ianaports::Protocol;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let (port, protocol) = match bytes {
        [a, b, c, ..] => (
            u16::from_le_bytes([*a, *b]),
            Protocol::ALL[usize::from(*c % 4)],
        ),
        _ => (0, Protocol::Tcp),
    };
    let name = String::from_utf8_lossy(bytes.get(3..).unwrap_or_default());
    for record in ianaports::by_name(&name) {
        let registered = record.name().expect("a record found by name has one");
        assert!(registered.eq_ignore_ascii_case(&name));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        let _ = ianaports::by_name(text).count();
        let _ = text.parse::<Protocol>();
    }
    let all: Vec<_> = ianaports::lookup_all(port, protocol).collect();
    assert_eq!(ianaports::lookup(port, protocol), all.first().copied());
    for record in &all {
        assert!(record.covers(port, protocol));
        let _ = (
            record.description(),
            record.assignee(),
            record.alias_target(),
            record.to_string(),
        );
    }
    let status = ianaports::status(port, protocol);
    assert_eq!(status == ianaports::Status::Assigned, !all.is_empty());
    let other = match bytes {
        [_, _, _, d, e, ..] => u16::from_le_bytes([*d, *e]),
        _ => 0,
    };
    let side = ianaports::server_port(port, other, protocol);
    assert_eq!(side, ianaports::server_port(other, port, protocol));
    assert!(side.is_none_or(|side| side == port || side == other));
    // The ports in common use: the CLI this target builds turns the feature on.
    for entry in ianaports::in_common_use(port, protocol) {
        assert!(entry.port_range().contains(port) && entry.protocol() == protocol);
    }
    for entry in ianaports::common_use_named(&name) {
        assert!(entry.name().eq_ignore_ascii_case(&name));
    }
});
