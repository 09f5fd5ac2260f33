//! A crate whose build script writes a phf map with phf_codegen.

include!(concat!(env!("OUT_DIR"), "/statuses.rs"));

/// The reason phrase of an HTTP status, from the generated map.
pub fn reason(code: u16) -> Option<&'static str> {
    STATUSES.get(&code).copied()
}

#[cfg(test)]
mod tests {
    #[test]
    fn its_own_map_and_ianaports_both_answer() {
        assert_eq!(super::reason(404), Some("Not Found"));
        assert_eq!(super::reason(418), None);
        let ssh = ianaports::by_name("SSH").next().expect("ssh is registered");
        assert_eq!(ssh.port_range(), Some(ianaports::PortRange::single(22)));
        assert_eq!(ssh.protocol(), Some(ianaports::Protocol::Tcp));
    }
}
