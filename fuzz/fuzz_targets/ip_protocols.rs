//! Any bytes as a protocol-numbers registry: the parser answers with records or with a
//! `FILE:LINE: reason`, never a panic; records that parse are laid out, and every value 0-255
//! reads back from a row that covers it.

#![no_main]

use ianaports_codegen::{Features, IpProtocolLayout, parse_ip_protocols};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    match parse_ip_protocols(bytes, "fuzz.csv") {
        Ok(records) => {
            let layout = IpProtocolLayout::build(&records, None, Features::ALL, "fuzz.csv")
                .expect("parsed records lay out");
            let texts = layout.texts();
            let tables = layout.tables(&texts);
            for value in 0..=u8::MAX {
                let record = tables.record_of(value);
                let (first, last) = tables.values(record);
                assert!((first..=last).contains(&value), "{value}");
                let row = &records[usize::from(record)];
                assert_eq!((row.first, row.last), (first, last));
            }
        }
        Err(error) => assert!(error.to_string().starts_with("fuzz.csv")),
    }
});
