//! chrono-tz beside ianaports.

/// The IANA name of a time zone parsed by chrono-tz.
pub fn zone_name(name: &str) -> Option<&'static str> {
    name.parse::<chrono_tz::Tz>().ok().map(|zone| zone.name())
}

#[cfg(test)]
mod tests {
    #[test]
    fn chrono_tz_and_ianaports_both_answer() {
        assert_eq!(super::zone_name("Europe/Berlin"), Some("Europe/Berlin"));
        assert_eq!(super::zone_name("Mars/Olympus_Mons"), None);
        let https = ianaports::lookup(443, ianaports::Protocol::Tcp).expect("443/tcp");
        assert_eq!(https.name(), Some("https"));
    }
}
