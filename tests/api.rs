//! The 0.2 API as a crate downstream uses it: every item new in 0.2, with `serde_json`.
//! Needs the `serde` feature (`cargo test --features serde --test api`).

use ianaports::{
    Dccp, ParsePortRangeError, PortClass, PortRange, Protocol, Record, Records, Sctp, Status, Tcp,
    Udp,
};
use serde_json::json;

/// `port!` is a constant: it works in `const` items and costs nothing at run time.
const POSTGRES: u16 = ianaports::port!("postgresql");
const SYSLOG: u16 = ianaports::port!("syslog", Udp);
const SSH_OVER_SCTP: u16 = ianaports::port!("SSH", Sctp);
const HTTP: PortRange = PortRange::single(ianaports::port!("http"));
/// `lookup` and `status` are `const fn`s.
const FOUND_AT_COMPILE_TIME: Option<Record> = ianaports::lookup(5432, Tcp);
const RESERVED: Status = ianaports::status(4374, Udp);

#[test]
fn compile_time_names() {
    assert_eq!((POSTGRES, SYSLOG, SSH_OVER_SCTP), (5432, 514, 22));
    assert_eq!(HTTP.to_string(), "80");
    assert_eq!(
        FOUND_AT_COMPILE_TIME.and_then(Record::name),
        Some("postgresql")
    );
    assert_eq!(RESERVED, Status::Reserved);
    // The name's first record that has a port: x11 is a range, and its first port is 6000.
    assert_eq!(ianaports::port!("x11"), 6000);
}

#[test]
fn port_ranges_parse_print_iterate_and_refuse() {
    let x11: PortRange = "6000-6063".parse().unwrap();
    assert_eq!((x11.start(), x11.end(), x11.len()), (6000, 6063, 64));
    assert!(x11.contains(6063) && !x11.contains(5999));
    assert_eq!(x11.to_string(), "6000-6063");
    assert_eq!(x11.into_iter().len(), 64);
    assert_eq!(x11.into_iter().next_back(), Some(6063));
    assert_eq!(format!("{x11:?}"), "PortRange(6000-6063)");
    assert_eq!(PortRange::from(22), PortRange::single(22));
    assert_eq!(std::ops::RangeInclusive::from(x11), 6000..=6063);
    for (text, refused) in [
        (
            "80-79",
            ParsePortRangeError::is_reversed as fn(ParsePortRangeError) -> bool,
        ),
        ("70000", ParsePortRangeError::is_too_large),
        ("abc", ParsePortRangeError::is_not_a_number),
        ("", ParsePortRangeError::is_not_a_number),
        (" 80", ParsePortRangeError::is_not_a_number),
    ] {
        let error = text.parse::<PortRange>().unwrap_err();
        assert!(refused(error), "{text:?}: {error}");
        let _: &dyn std::error::Error = &error;
    }
    let record = ianaports::lookup(6010, Udp).unwrap();
    assert_eq!(record.port_range(), Some(x11));
}

#[test]
fn records_serialize_with_every_column() {
    // ssh,22,tcp,The Secure Shell (SSH) Protocol,,,,,[RFC4251],,,Defined TXT keys: ...
    let ssh = ianaports::lookup(22, Tcp).unwrap();
    let json = serde_json::to_value(ssh).unwrap();
    assert_eq!(
        json,
        json!({
            "index": ssh.index(),
            "service_name": "ssh",
            "port_range": {"start": 22, "end": 22},
            "transport_protocol": "tcp",
            "description": "The Secure Shell (SSH) Protocol",
            "assignee": null,
            "contact": null,
            "registration_date": null,
            "modification_date": null,
            "reference": "[RFC4251]",
            "service_code": null,
            "unauthorized_use_reported": null,
            "assignment_notes": "Defined TXT keys: u=<username> p=<password>",
            "historic_alias": false,
            "alias_of": null,
        })
    );
    let alias = ianaports::by_name("elpro_tunnel").next().unwrap();
    let json = serde_json::to_value(alias).unwrap();
    assert_eq!(
        (&json["historic_alias"], &json["alias_of"]),
        (&json!(true), &json!("elpro-tunnel"))
    );
    // A record without a port or a protocol has nulls there.
    let portless = ianaports::by_name("ssh").next_back().unwrap();
    assert_eq!(
        serde_json::to_value(portless).unwrap()["port_range"],
        json!(null)
    );
}

#[test]
fn values_go_both_ways() {
    for protocol in Protocol::ALL {
        let json = serde_json::to_value(protocol).unwrap();
        assert_eq!(json, json!(protocol.as_str()));
        assert_eq!(serde_json::from_value::<Protocol>(json).unwrap(), protocol);
    }
    for status in [Status::Assigned, Status::Reserved, Status::Unassigned] {
        let json = serde_json::to_string(&status).unwrap();
        assert_eq!(serde_json::from_str::<Status>(&json).unwrap(), status);
    }
    for class in [PortClass::System, PortClass::User, PortClass::Dynamic] {
        let json = serde_json::to_string(&class).unwrap();
        assert_eq!(json, format!("\"{}\"", class.as_str()));
        assert_eq!(serde_json::from_str::<PortClass>(&json).unwrap(), class);
    }
    let range = PortRange::new(6000, 6063).unwrap();
    let json = serde_json::to_string(&range).unwrap();
    assert_eq!(json, r#"{"start":6000,"end":6063}"#);
    assert_eq!(serde_json::from_str::<PortRange>(&json).unwrap(), range);
    assert_eq!(
        serde_json::from_str::<PortRange>("[22,22]").unwrap(),
        PortRange::single(22)
    );
    for bad in [
        r#"{"start":80,"end":79}"#,
        r#"{"start":80}"#,
        r#"{"start":1,"end":2,"end":3}"#,
        r#"{"start":1,"end":70000}"#,
    ] {
        assert!(serde_json::from_str::<PortRange>(bad).is_err(), "{bad}");
    }
    assert!(serde_json::from_str::<Protocol>("\"xtp\"").is_err());
    // One rule for every word: exactly as serialized, never in another case.
    assert!(serde_json::from_str::<Status>("\"Assigned\"").is_err());
    assert!(serde_json::from_str::<Protocol>("\"TCP\"").is_err());
    assert!(serde_json::from_str::<Protocol>("\"Tcp\"").is_err());
    assert!(serde_json::from_str::<PortClass>("\"SYSTEM\"").is_err());
}

#[test]
fn the_small_things() {
    let none: Records = ianaports::by_name("no-such-service");
    assert!(none.is_empty());
    let ssh = ianaports::by_name("ssh");
    assert!(!ssh.is_empty());
    assert_eq!(
        format!("{ssh:?}"),
        "Records [ssh 22/tcp, ssh 22/udp, ssh 22/sctp, ssh tcp]"
    );
    for record in ianaports::records().step_by(997) {
        assert_eq!(Record::from_index(record.index()), Some(record));
    }
    assert_eq!(Record::from_index(ianaports::RECORD_COUNT), None);
    assert_eq!(Record::from_index(usize::MAX), None);
    for protocol in [Tcp, Udp, Sctp, Dccp] {
        assert_eq!(
            Protocol::from_ip_number(protocol.ip_number()),
            Some(protocol)
        );
    }
    assert_eq!(
        [Tcp, Udp, Sctp, Dccp].map(Protocol::ip_number),
        [6, 17, 132, 33]
    );
    assert_eq!(Protocol::from_ip_number(1), None);
    // Protocol is non-exhaustive: a downstream match needs a wildcard arm.
    let named = |protocol: Protocol| match protocol {
        Protocol::Tcp => "tcp",
        Protocol::Udp => "udp",
        _ => "other",
    };
    assert_eq!(named(Sctp), "other");
    // An empty cell is None.
    let postgresql = ianaports::lookup(5432, Tcp).unwrap();
    assert_eq!(postgresql.registration_date(), None);
    assert_eq!(postgresql.description(), Some("PostgreSQL Database"));
    assert_eq!(ianaports::lookup(4380, Tcp), None);
    assert_eq!(PortClass::of(POSTGRES), PortClass::User);
}
