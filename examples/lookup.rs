//! Looks up ports and service names given on the command line:
//!
//! ```text
//! cargo run --example lookup -- 5432/tcp postgresql 6000 4374/udp
//! ```
//!
//! `PORT/PROTOCOL` prints the named records covering it (or its status), `PORT` does so for
//! every protocol, and anything else is looked up as a service name.

use ianaports::{Protocol, Record, Status};

fn main() {
    let queries: Vec<String> = std::env::args().skip(1).collect();
    if queries.is_empty() {
        eprintln!("usage: lookup QUERY...   (e.g. 5432/tcp, 6000, postgresql)");
        std::process::exit(2);
    }
    let mut found_all = true;
    for query in &queries {
        found_all &= answer(query);
    }
    std::process::exit(if found_all { 0 } else { 1 });
}

fn answer(query: &str) -> bool {
    if ianaports::by_name(query).len() > 0 {
        ianaports::by_name(query).for_each(print_record);
        return true;
    }
    let (port, protocols) = match query.split_once('/') {
        Some((port, protocol)) => match protocol.parse::<Protocol>() {
            Ok(protocol) => (port, vec![protocol]),
            Err(error) => {
                eprintln!("{query}: {error}");
                return false;
            }
        },
        None => (query, Protocol::ALL.to_vec()),
    };
    let Ok(port) = port.parse::<u16>() else {
        eprintln!("{query}: no service has this name, and it is not PORT or PORT/PROTOCOL");
        return false;
    };
    let mut found = false;
    for protocol in protocols {
        let records = ianaports::lookup_all(port, protocol);
        found |= records.len() > 0;
        for record in records {
            println!("{port}/{protocol}\t{}", describe(record));
        }
        if ianaports::status(port, protocol) != Status::Assigned {
            println!(
                "{port}/{protocol}\t{} ({} port)",
                ianaports::status(port, protocol),
                ianaports::PortClass::of(port)
            );
        }
    }
    found
}

fn print_record(record: Record) {
    println!("{}", describe(record));
}

fn describe(record: Record) -> String {
    let mut line = format!("{record}\t{}", record.description().unwrap_or(""));
    if let Some(current) = record.alias_target() {
        line.push_str(&format!(
            "\t(historic alias of {})",
            current.name().unwrap_or("?")
        ));
    }
    line
}
