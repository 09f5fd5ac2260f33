//! Any text as a command-line query: parsed, or refused with a message, never a panic; and a
//! query that parses answers.

#![no_main]

use ianaports_cli::query::Query;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    match Query::parse(text) {
        // Answering a range of thousands of ports is slow, not interesting.
        Ok(Query::Ports { ports, .. }) if ports.len() > 256 => {}
        Ok(query) => {
            let rows = ianaports_cli::output::rows(text, &query, true, false);
            assert!(rows.len() <= 256 * 4 * 8);
            let with_common = ianaports_cli::output::rows(text, &query, true, true);
            assert!(with_common.len() >= rows.len());
        }
        Err(error) => assert!(!error.to_string().is_empty()),
    }
});
