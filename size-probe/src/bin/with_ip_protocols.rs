//! Uses every part of the API, the protocol numbers' included: beside `with_ianaports`, what
//! the protocol-number tables add when they are used.

#![warn(missing_docs, unreachable_pub)]

fn main() {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    println!(
        "{}",
        ianaports_size_probe::use_port_registry(&arguments)
            + ianaports_size_probe::use_ip_protocols(&arguments)
    );
}
