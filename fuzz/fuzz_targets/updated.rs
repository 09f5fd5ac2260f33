//! Any bytes as the date file beside the registry: the build's reader gives a `YYYY-MM-DD`
//! date, which reads back the same once written as the updater writes it, or a
//! `FILE:1: reason`; never a panic.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    match ianaports_codegen::parse_updated(bytes, "registry.updated") {
        Ok(date) => {
            assert_eq!(date.len(), "YYYY-MM-DD".len(), "{date:?}");
            assert!(
                date.bytes().all(|b| b.is_ascii_digit() || b == b'-'),
                "{date:?}"
            );
            let written = format!("{date}\n");
            let again = ianaports_codegen::parse_updated(written.as_bytes(), "registry.updated");
            assert_eq!(again.as_deref(), Ok(date.as_str()));
        }
        Err(error) => assert!(
            error.to_string().starts_with("registry.updated:1: "),
            "{error}"
        ),
    }
});
