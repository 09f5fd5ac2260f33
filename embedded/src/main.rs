//! Firmware that names ports the way a network stack's logs would, with `ianaports` and no
//! `std`, then leaves QEMU through semihosting with the status of its own checks.

#![no_std]
#![warn(missing_docs, unreachable_pub)]
#![no_main]

use core::panic::PanicInfo;

use cortex_m_rt::entry;
use cortex_m_semihosting::{debug, hprintln};
use ianaports::{Dccp, Protocol, Record, Tcp, Udp};

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

/// Prints what the firmware found; false if any answer was missing.
fn report() -> bool {
    let mut complete = true;
    for (port, protocol) in [(5432, Tcp), (22, Protocol::Sctp), (6005, Udp)] {
        match ianaports::lookup(port, protocol) {
            Some(record) => hprintln!("{}/{} {}", port, protocol, record.name().unwrap_or("-")),
            None => complete = false,
        }
    }
    for name in ["X11", "postgresql"] {
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
    for (port, protocol) in [(1, Dccp), (4374, Udp), (5432, Udp)] {
        hprintln!(
            "{}/{} {}",
            port,
            protocol,
            ianaports::status(port, protocol)
        );
    }
    // A compile-time checked name, and a lookup of it evaluated by the compiler.
    const POSTGRESQL: Option<Record> = ianaports::lookup(ianaports::port!("postgresql"), Tcp);
    hprintln!("postgresql: {}", POSTGRESQL.map_or(0, Record::index));
    #[cfg(feature = "descriptions")]
    let description = POSTGRESQL.and_then(Record::description).unwrap_or("-");
    #[cfg(not(feature = "descriptions"))]
    let description = "not compiled in";
    hprintln!("5432/tcp description: {}", description);
    #[cfg(feature = "metadata")]
    let assignee = POSTGRESQL.and_then(Record::assignee).unwrap_or("-");
    #[cfg(not(feature = "metadata"))]
    let assignee = "not compiled in";
    hprintln!("5432/tcp assignee: {}", assignee);
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
