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
    let mut inserted = 0;
    let (mut i, mut o) = (0, 0);
    while o < output.len() {
        if i < input.len() && input[i] == output[o] {
            i += 1;
            o += 1;
            continue;
        }
        let rest = &output[o..];
        let (name_start, name_end) = if rest.starts_with(b"(") {
            (
                1,
                rest.iter().position(|&b| b == b')').expect("a closed name"),
            )
        } else {
            let prefix = b",\"p_service\":\"";
            assert!(
                rest.starts_with(prefix),
                "output differs at {o} without an insertion"
            );
            let close = rest[prefix.len()..]
                .iter()
                .position(|&b| b == b'"')
                .expect("a name");
            (prefix.len(), prefix.len() + close)
        };
        let name = std::str::from_utf8(&rest[name_start..name_end]).expect("names are ASCII");
        assert!(
            !ianaports::by_name(name).is_empty(),
            "{name} is not registered"
        );
        inserted += 1;
        o += name_end + 1;
    }
    assert_eq!(i, input.len(), "input lost after byte {i}");
    assert_eq!(inserted, totals.annotations);
});
