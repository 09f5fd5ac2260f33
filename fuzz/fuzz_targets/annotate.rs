//! Any bytes through `--annotate`, in each of its modes and with the input cut into pieces of
//! any size: never a panic, and the output is the input with only `(name)` or
//! `,"KEY_service":"name"` inserted, each name a registered one (with `--common`, also
//! `(~name)` and `,"KEY_common_use":"name"`, each a name in common use); with `--service-side`, only
//! names that a plain run inserts at the same places.

#![no_main]

use std::io::BufReader;

use ianaports_cli::annotate::{
    Names, Target, Totals, annotate, check_service_side, inserted_names,
};
use libfuzzer_sys::fuzz_target;

/// `input` annotated as `target` says, with `names`, read in pieces of `capacity` bytes.
fn run(input: &[u8], target: &Target, names: Names, capacity: usize) -> (Vec<u8>, Totals) {
    let mut reader = BufReader::with_capacity(capacity, input);
    let mut output = Vec::new();
    let totals = annotate(&mut reader, &mut output, target, names).expect("memory never fails");
    (output, totals)
}

fuzz_target!(|data: &[u8]| {
    let Some((&control, input)) = data.split_first() else {
        return;
    };
    let target = match control % 4 {
        0 => Target::Text,
        1 => Target::ServiceSide,
        2 => Target::Field(usize::from(control >> 2) % 8 + 1),
        _ => Target::JsonKey("p".to_owned()),
    };
    let capacity = usize::from(control >> 4) + 1;
    let written = match control & 0x40 {
        0 => Names::Registered,
        _ => Names::AlsoInCommonUse,
    };
    let (output, totals) = run(input, &target, written, capacity);
    let names = inserted_names(input, &output).unwrap_or_else(|mismatch| panic!("{mismatch}"));
    assert_eq!(names.len() as u64, totals.annotations);
    if target == Target::ServiceSide {
        let (plain, _) = run(input, &Target::Text, written, capacity);
        check_service_side(input, &plain, &output).unwrap_or_else(|mismatch| panic!("{mismatch}"));
    }
});
