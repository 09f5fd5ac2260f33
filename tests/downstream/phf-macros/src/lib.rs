//! A crate that writes its map with `phf::phf_map!`.

static KEYWORDS: phf::Map<&'static str, u8> = phf::phf_map! {
    "loop" => 1,
    "match" => 2,
    "while" => 3,
};

/// A keyword's code, from the macro's map.
pub fn keyword(word: &str) -> Option<u8> {
    KEYWORDS.get(word).copied()
}

#[cfg(test)]
mod tests {
    #[test]
    fn its_own_map_and_ianaports_both_answer() {
        assert_eq!(super::keyword("match"), Some(2));
        assert_eq!(super::keyword("for"), None);
        assert_eq!(ianaports::port!("postgresql"), 5432);
        let syslog = ianaports::lookup(514, ianaports::Protocol::Udp).expect("514/udp");
        assert_eq!(syslog.name(), Some("syslog"));
    }
}
