//! Any bytes as a registry: the parser and validator, and the table layout, answer with tables
//! or with a `FILE:LINE: reason`, never a panic. Bytes that parse are laid out too.

#![no_main]

use ianaports_codegen::{Features, build_tables, parse_registry};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let parsed = parse_registry(bytes, "fuzz.csv");
    let features = Features {
        descriptions: true,
        metadata: true,
        dense_port_index: false,
    };
    match (parsed, build_tables(bytes, "fuzz.csv", None, features)) {
        (Ok(records), Ok(tables)) => assert_eq!(records.len(), tables.record_count),
        (Err(error), Err(again)) => {
            assert_eq!(error, again, "the same error both ways");
            assert!(error.to_string().starts_with("fuzz.csv"));
        }
        // Layout limits come after parsing.
        (Ok(_), Err(error)) => assert!(error.to_string().starts_with("fuzz.csv")),
        (Err(error), Ok(_)) => panic!("built tables from a registry that did not parse: {error}"),
    }
});
