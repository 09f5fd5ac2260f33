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
            use ianaports_cli::output::{Columns, rows};
            let iana = Columns {
                status: true,
                common: false,
            };
            let answers = rows(text, &query, iana);
            assert!(answers.len() <= 256 * 4 * 8);
            let with_common = rows(
                text,
                &query,
                Columns {
                    common: true,
                    ..iana
                },
            );
            assert!(with_common.len() >= answers.len());
        }
        Err(error) => assert!(!error.to_string().is_empty()),
    }
});
