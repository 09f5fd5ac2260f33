//! A crate that checked in phf_codegen's output, like chrono-tz's prebuilt maps.

mod services;

/// The port of a service, from the checked-in map.
pub fn port_of(name: &str) -> Option<u32> {
    services::MAP.get(name).copied()
}

#[cfg(test)]
mod tests {
    #[test]
    fn its_own_map_and_ianaports_both_answer() {
        assert_eq!(super::port_of("postgresql"), Some(5432));
        assert_eq!(super::port_of("telnet"), None);
        let record = ianaports::lookup(5432, ianaports::Protocol::Tcp).expect("5432/tcp");
        assert_eq!(record.name(), Some("postgresql"));
    }
}
