//! Any bytes as IANA's XML: the updater's converter answers with rows and a date the build
//! accepts, or with an error naming the file, never a panic, a stack overflow or unbounded
//! work.

#![no_main]

#[path = "../../xtask/src/iana_xml/mod.rs"]
mod iana_xml;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    match iana_xml::read(bytes, "fuzz.xml") {
        Ok(registry) => {
            assert!(
                iana_xml::looks_like_xml(bytes),
                "the updater would have read it as CSV"
            );
            assert_eq!(registry.rows.len(), registry.lines.len());
            assert!(!registry.rows.is_empty());
            assert!(registry.lines.windows(2).all(|pair| pair[0] <= pair[1]));
            let date = format!("{}\n", registry.updated);
            let parsed = ianaports_codegen::parse_updated(date.as_bytes(), "registry.updated");
            assert_eq!(
                parsed.as_deref(),
                Ok(registry.updated.as_str()),
                "the date file it would write"
            );
        }
        Err(error) => assert!(error.starts_with("fuzz.xml"), "{error}"),
    }
});
