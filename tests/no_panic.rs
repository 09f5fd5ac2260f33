//! Whatever the input, lookups answer; they never panic.

use ianaports::Protocol;

#[test]
fn odd_names_find_nothing_without_panicking() {
    let huge = "a".repeat(100_000);
    let huge_name = "ssh".repeat(40_000);
    let odd = [
        "",
        " ",
        "\t\n",
        "\0",
        "ssh\0",
        "\0ssh",
        " ssh",
        "ssh ",
        "ſsh",
        "SSḦ",
        "ßüñ",
        "😀",
        "\u{FEFF}ssh",
        "ssh/tcp",
        huge.as_str(),
        huge_name.as_str(),
    ];
    for name in odd {
        assert_eq!(ianaports::by_name(name).len(), 0, "{name:?}");
        assert_eq!(ianaports::ip_protocol_by_keyword(name), None, "{name:?}");
    }
}

#[test]
fn every_byte_and_short_string_is_safe() {
    for byte in 0..=u8::MAX {
        let text = char::from(byte).to_string();
        let _ = ianaports::by_name(&text).count();
        let _ = text.parse::<Protocol>();
        let _ = ianaports::ip_protocol_by_keyword(&text);
        let _ = ianaports::ip_protocol(byte).to_string();
    }
    for a in ["", "t", "T", "\u{0130}"] {
        for b in ["c", "C", "\u{212A}", "cp"] {
            let text = format!("{a}{b}p");
            let _ = ianaports::by_name(&text).count();
            let _ = text.parse::<Protocol>();
        }
    }
}

#[test]
fn protocol_parsing_rejects_near_misses() {
    for text in [
        "",
        "tc",
        "tcpp",
        " tcp",
        "tcp ",
        "t\u{0130}cp",
        "udp\0",
        "SCTP6",
        "dccp/",
    ] {
        assert!(text.parse::<Protocol>().is_err(), "{text:?}");
    }
    for text in ["tcp", "TCP", "Udp", "sCtP", "DCCP"] {
        assert!(text.parse::<Protocol>().is_ok(), "{text:?}");
    }
}

#[test]
fn every_port_of_every_protocol_answers() {
    for port in 0..=u16::MAX {
        for protocol in Protocol::ALL {
            for record in ianaports::lookup_all(port, protocol).rev() {
                assert!(record.covers(port, protocol));
                let _ = (record.name(), record.port_range(), record.to_string());
                #[cfg(feature = "descriptions")]
                let _ = record.description();
                #[cfg(feature = "metadata")]
                let _ = (record.assignee(), record.assignment_notes());
            }
            let _ = ianaports::status(port, protocol);
            #[cfg(feature = "common-use")]
            for entry in ianaports::in_common_use(port, protocol) {
                assert!(entry.port_range().contains(port) && entry.protocol() == protocol);
            }
        }
    }
}

#[test]
fn record_iteration_is_exact_both_ways() {
    let mut all = ianaports::records();
    assert_eq!(all.len(), ianaports::RECORD_COUNT);
    let first = all.next().unwrap();
    let last = all.next_back().unwrap();
    assert_eq!(
        (first.index(), last.index()),
        (0, ianaports::RECORD_COUNT - 1)
    );
    assert_eq!(all.len(), ianaports::RECORD_COUNT - 2);
    assert_eq!(ianaports::records().nth(ianaports::RECORD_COUNT), None);
    let mut http = ianaports::lookup_all(80, Protocol::Tcp);
    assert_eq!(http.nth(2).and_then(|r| r.name()), Some("www-http"));
    assert_eq!(http.next(), None);
    assert_eq!(http.next(), None);
}

#[test]
fn port_range_text_of_every_shape_parses_or_is_refused() {
    let odd = [
        "",
        "-",
        "--",
        "0-",
        "-0",
        "0--0",
        "65535",
        "65536",
        "0-65535",
        "65535-0",
        "1-2-3",
        "+1",
        " 1",
        "1 ",
        "0x10",
        "１２",
        "99999999999999999999999",
        "7-99999999999999999999",
        "\0",
        "٣",
        "1-\u{FEFF}2",
    ];
    for text in odd {
        match text.parse::<ianaports::PortRange>() {
            Ok(range) => assert_eq!(range.to_string().parse(), Ok(range), "{text:?}"),
            Err(error) => assert!(!error.to_string().is_empty()),
        }
    }
    for byte in 0..=u8::MAX {
        let text = format!("1{}2", char::from(byte));
        let _ = text.parse::<ianaports::PortRange>();
        let _ = Protocol::from_ip_number(byte);
    }
    assert_eq!(ianaports::Record::from_index(usize::MAX), None);
}
