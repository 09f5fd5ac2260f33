//! The protocol numbers against data nobody here wrote: the bundled CSV read again by the `csv`
//! crate (not the generator's reader), every value 0-255; and the machine's `/etc/protocols`
//! (Debian's netbase), entry by entry.

use std::collections::BTreeMap;

use ianaports::{IpProtocolStatus, Protocol, ip_protocol, ip_protocol_by_keyword};

/// Each value's row of the bundled CSV, as the `csv` crate reads it: keyword, protocol, IPv6
/// flag, reference.
fn rows_by_value() -> BTreeMap<u8, [String; 4]> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/protocol-numbers.csv");
    let mut reader = csv::Reader::from_path(path).expect("the bundled protocol numbers");
    let mut by_value = BTreeMap::new();
    for row in reader.records() {
        let row = row.unwrap();
        let (first, last) = match row[0].split_once('-') {
            Some((first, last)) => (first.parse::<u8>().unwrap(), last.parse::<u8>().unwrap()),
            None => (row[0].parse().unwrap(), row[0].parse().unwrap()),
        };
        for value in first..=last {
            let cells = [1, 2, 3, 4].map(|at| row[at].to_owned());
            assert!(by_value.insert(value, cells).is_none(), "{value} twice");
        }
    }
    by_value
}

#[test]
fn every_value_answers_as_the_csv_says() {
    let rows = rows_by_value();
    assert_eq!(rows.len(), 256);
    for (&value, [keyword, protocol, ipv6, reference]) in &rows {
        let answer = ip_protocol(value);
        assert_eq!(answer.number(), value);
        let status = match (keyword.as_str(), protocol.as_str()) {
            ("", "Unassigned") => IpProtocolStatus::Unassigned,
            ("", "Use for experimentation and testing") => IpProtocolStatus::Experimental,
            ("Reserved", "") => IpProtocolStatus::Reserved,
            _ => IpProtocolStatus::Assigned,
        };
        assert_eq!(answer.status(), status, "{value}");
        let bare = keyword.strip_suffix(" (deprecated)").unwrap_or(keyword);
        let expected_keyword =
            (status == IpProtocolStatus::Assigned && !bare.is_empty()).then_some(bare);
        assert_eq!(answer.keyword(), expected_keyword, "{value}");
        assert_eq!(
            answer.is_deprecated(),
            keyword.ends_with(" (deprecated)"),
            "{value}"
        );
        let flag = match ipv6.as_str() {
            "Y" => Some(true),
            "N" => Some(false),
            "" => None,
            other => panic!("{value}: IPv6 flag {other:?}"),
        };
        assert_eq!(answer.ipv6_extension_header(), flag, "{value}");
        #[cfg(feature = "descriptions")]
        assert_eq!(
            answer.name(),
            Some(protocol.as_str()).filter(|p| !p.is_empty()),
            "{value}"
        );
        #[cfg(feature = "metadata")]
        assert_eq!(
            answer.references(),
            Some(reference.as_str()).filter(|r| !r.is_empty()),
            "{value}"
        );
        let _ = (protocol, reference);
        assert!(answer.values().contains(&value), "{value}");
        if let Some(keyword) = expected_keyword {
            for spelling in [
                keyword.to_owned(),
                keyword.to_ascii_uppercase(),
                keyword.to_ascii_lowercase(),
            ] {
                let found = ip_protocol_by_keyword(&spelling).map(|p| p.number());
                assert_eq!(found, Some(*answer.values().start()), "{spelling}");
            }
        }
    }
    assert_eq!(ip_protocol_by_keyword("Reserved"), None);
    assert_eq!(ip_protocol_by_keyword(""), None);
}

#[test]
fn the_transport_protocols_agree() {
    for protocol in Protocol::ALL {
        let number = ianaports::IpProtocol::from(protocol);
        assert_eq!(number.transport(), Some(protocol));
        assert!(
            number
                .keyword()
                .unwrap()
                .eq_ignore_ascii_case(protocol.as_str())
        );
        let by_keyword = ip_protocol_by_keyword(protocol.as_str()).unwrap();
        assert_eq!(by_keyword.number(), protocol.ip_number());
    }
    let transports = (0..=u8::MAX)
        .filter(|&n| ip_protocol(n).transport().is_some())
        .count();
    assert_eq!(transports, Protocol::ALL.len());
}

/// netbase's entries whose names are not IANA's keyword, each with the reason.
const NETBASE_DIFFERS: [(u16, &str, &str); 5] = [
    (
        0,
        "ip",
        "a pseudo protocol for IP itself; netbase also lists IANA's hopopt for 0",
    ),
    (
        4,
        "ipencap",
        "netbase's older name (IP-ENCAP) for IANA's IPv4 (IP in IP)",
    ),
    (
        124,
        "isis",
        "IANA's keyword is `ISIS over IPv4`, with spaces; netbase keeps the first word",
    ),
    (
        135,
        "mobility-header",
        "IANA's keyword is `Mobility Header`, with a space; netbase hyphenates",
    ),
    (
        262,
        "mptcp",
        "not IANA's: the Linux kernel's internal number, past 255",
    ),
];

#[test]
fn etc_protocols_agrees_with_ianas_keywords() {
    let text = std::fs::read_to_string("/etc/protocols")
        .expect("/etc/protocols (Debian's netbase, which scripts/setup installs)");
    let mut agree = 0;
    let mut differ = Vec::new();
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or_default();
        let mut words = line.split_whitespace();
        let (Some(name), Some(number)) = (words.next(), words.next()) else {
            continue;
        };
        let number: u16 = number.parse().unwrap();
        let aliases: Vec<&str> = words.collect();
        let ours = u8::try_from(number)
            .ok()
            .and_then(|n| ip_protocol(n).keyword());
        let same = ours.is_some_and(|keyword| {
            keyword.eq_ignore_ascii_case(name)
                || aliases
                    .iter()
                    .any(|alias| keyword.eq_ignore_ascii_case(alias))
        });
        if same {
            agree += 1;
        } else {
            differ.push((number, name.to_owned()));
        }
    }
    let expected: Vec<(u16, String)> = NETBASE_DIFFERS
        .iter()
        .map(|&(n, name, _)| (n, name.to_owned()))
        .collect();
    assert_eq!(
        differ, expected,
        "entries of /etc/protocols that name another protocol"
    );
    eprintln!(
        "/etc/protocols: {agree} of {} entries name IANA's keyword; the rest are {NETBASE_DIFFERS:?}",
        agree + differ.len()
    );
    assert!(agree >= 50, "{agree}");
}
