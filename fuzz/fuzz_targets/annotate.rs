//! Any bytes through `--annotate`, in each of its modes and with the input cut into pieces of
//! any size: never a panic, and the output is the input with only `(name)` or
//! `,"KEY_service":"name"` inserted, each name a registered one.

#![no_main]

use std::io::BufReader;

use ianaports_cli::annotate::{Target, annotate};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&control, input)) = data.split_first() else {
        return;
    };
    let target = match control % 4 {
        0 | 1 => Target::Text,
        2 => Target::Field(usize::from(control >> 2) % 8 + 1),
        _ => Target::JsonKey("p".to_owned()),
    };
    let mut reader = BufReader::with_capacity(usize::from(control >> 4) + 1, input);
    let mut output = Vec::new();
    let totals = annotate(&mut reader, &mut output, &target).expect("memory never fails");
    let names = ianaports_cli::annotate::inserted_names(input, &output)
        .unwrap_or_else(|mismatch| panic!("{mismatch}"));
    assert_eq!(names.len() as u64, totals.annotations);
});
