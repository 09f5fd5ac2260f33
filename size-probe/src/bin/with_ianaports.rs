//! Uses every part of the port registry's API (and none of the protocol numbers'), so the
//! linker keeps every port-registry table.

#![warn(missing_docs, unreachable_pub)]

fn main() {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    println!("{}", ianaports_size_probe::use_port_registry(&arguments));
}
