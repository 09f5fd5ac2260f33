//! Firmware that names ports the way a network stack's logs would, with `ianaports` and no
//! `std`, then leaves QEMU through semihosting with the status of its own checks.

#![no_std]
#![warn(missing_docs, unreachable_pub)]
#![no_main]

use core::panic::PanicInfo;

use cortex_m_rt::entry;
use cortex_m_semihosting::{debug, hprintln};
use ianaports::{Dccp, Protocol, Record, Sctp, Status, Tcp, Udp};

#[entry]
fn main() -> ! {
    let status = if report() {
        debug::EXIT_SUCCESS
    } else {
        debug::EXIT_FAILURE
    };
    debug::exit(status);
    #[allow(clippy::empty_loop)]
    loop {}
}

/// What the firmware asks the registry. A build of the whole registry asks what a network
/// stack's logs would; a build cut by `IANAPORTS_FILTER` (run.sh sets it together with the
/// feature of the same name) asks only inside its filter, plus what it must not find.
struct Queries {
    /// Pairs whose primary record is printed; each must have one.
    lookups: &'static [(u16, Protocol)],
    /// Service names whose records are printed; each must have some.
    names: &'static [&'static str],
    /// Pairs whose status is printed.
    statuses: &'static [(u16, Protocol)],
    /// Pairs the filter leaves out: no record, and the status `outside-filter`.
    outside: &'static [(u16, Protocol)],
    /// Names the filter does not keep: no record.
    names_outside: &'static [&'static str],
}

#[cfg(all(feature = "system-ports", feature = "ten-services"))]
compile_error!("the features system-ports and ten-services each choose the firmware's queries");

#[cfg(not(any(feature = "system-ports", feature = "ten-services")))]
const QUERIES: Queries = Queries {
    lookups: &[(5432, Tcp), (22, Sctp), (6005, Udp)],
    names: &["X11", "postgresql"],
    statuses: &[(1, Dccp), (4374, Udp), (5432, Udp)],
    outside: &[],
    names_outside: &[],
};
/// A compile-time checked name; its lookup over tcp is evaluated by the compiler.
#[cfg(not(any(feature = "system-ports", feature = "ten-services")))]
const CHECKED_PORT: u16 = ianaports::port!("postgresql");

/// For `IANAPORTS_FILTER=0-1023/tcp,0-1023/udp`.
#[cfg(feature = "system-ports")]
const QUERIES: Queries = Queries {
    lookups: &[(22, Tcp), (53, Udp), (123, Udp), (514, Udp)],
    names: &["ssh", "syslog"],
    statuses: &[(0, Tcp), (4, Udp), (24, Tcp), (1023, Udp)],
    outside: &[(5432, Tcp), (1024, Udp), (22, Sctp), (1, Dccp)],
    names_outside: &["postgresql"],
};
#[cfg(feature = "system-ports")]
const CHECKED_PORT: u16 = ianaports::port!("ssh");

/// For `IANAPORTS_FILTER` naming ten services (run.sh's `ten-services`).
#[cfg(feature = "ten-services")]
const QUERIES: Queries = Queries {
    lookups: &[
        (53, Udp),
        (123, Udp),
        (161, Udp),
        (443, Tcp),
        (546, Udp),
        (1883, Tcp),
        (5683, Udp),
        (22, Sctp),
    ],
    names: &["mqtt", "dhcpv6-client"],
    statuses: &[(514, Udp), (53, Tcp)],
    outside: &[(514, Tcp), (5432, Tcp), (1, Dccp)],
    names_outside: &["postgresql", "shell"],
};
#[cfg(feature = "ten-services")]
const CHECKED_PORT: u16 = ianaports::port!("mqtt");

/// Prints what the firmware found; false if any answer was missing, or found outside the
/// filter.
fn report() -> bool {
    let mut complete = true;
    for &(port, protocol) in QUERIES.lookups {
        match ianaports::lookup(port, protocol) {
            Some(record) => hprintln!("{}/{} {}", port, protocol, record.name().unwrap_or("-")),
            None => complete = false,
        }
    }
    for name in QUERIES.names {
        let records = ianaports::by_name(name);
        complete &= !records.is_empty();
        records.for_each(|record: Record| hprintln!("{}", record));
    }
    let mut http = ianaports::lookup_all(80, Tcp);
    complete &= http.len() == 3;
    hprintln!(
        "80/tcp all: {}",
        http.next().and_then(Record::name).unwrap_or("-")
    );
    http.for_each(|record| hprintln!("80/tcp also: {}", record.name().unwrap_or("-")));
    for &(port, protocol) in QUERIES.statuses {
        hprintln!(
            "{}/{} {}",
            port,
            protocol,
            ianaports::status(port, protocol)
        );
    }
    for &(port, protocol) in QUERIES.outside {
        let status = ianaports::status(port, protocol);
        complete &= status == Status::OutsideFilter
            && ianaports::lookup(port, protocol).is_none()
            && ianaports::lookup_all(port, protocol).is_empty();
        hprintln!("{}/{} {}", port, protocol, status);
    }
    for name in QUERIES.names_outside {
        let records = ianaports::by_name(name);
        complete &= records.is_empty();
        hprintln!("{}: {} records", name, records.len());
    }
    const CHECKED: Option<Record> = ianaports::lookup(CHECKED_PORT, Tcp);
    complete &= CHECKED.is_some();
    let name = CHECKED.and_then(Record::name).unwrap_or("-");
    // A filtered build numbers the records it compiled, so only the whole registry's index is
    // the registry's.
    if ianaports::FILTER.is_empty() {
        hprintln!("{}: {}", name, CHECKED.map_or(0, Record::index));
    } else if let Some(record) = CHECKED {
        hprintln!("{}: {}", name, record);
    }
    #[cfg(feature = "descriptions")]
    let description = CHECKED.and_then(Record::description).unwrap_or("-");
    #[cfg(not(feature = "descriptions"))]
    let description = "not compiled in";
    hprintln!("{}/tcp description: {}", CHECKED_PORT, description);
    #[cfg(feature = "metadata")]
    let assignee = CHECKED.and_then(Record::assignee).unwrap_or("-");
    #[cfg(not(feature = "metadata"))]
    let assignee = "not compiled in";
    hprintln!("{}/tcp assignee: {}", CHECKED_PORT, assignee);
    if !ianaports::FILTER.is_empty() {
        hprintln!("filter {}", ianaports::FILTER);
    }
    hprintln!(
        "registry {} with {} records",
        ianaports::REGISTRY_UPDATED,
        ianaports::RECORD_COUNT
    );
    complete
}

#[panic_handler]
fn panic(info: &PanicInfo) -> ! {
    hprintln!("panic: {}", info);
    debug::exit(debug::EXIT_FAILURE);
    #[allow(clippy::empty_loop)]
    loop {}
}
