//! A malformed registry is refused with the file, the line and the reason: one fixture per
//! problem in `tests/fixtures/`.

use ianaports_codegen::{Features, Reason, build_tables};

fn error_for(fixture: &str) -> ianaports_codegen::Error {
    let path = format!("{}/tests/fixtures/{fixture}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap();
    build_tables(&bytes, fixture, None, Features::ALL).expect_err("the fixture is malformed")
}

fn assert_refused(fixture: &str, line: u64, reason: Reason, message: &str) {
    let error = error_for(fixture);
    assert_eq!((error.line, &error.reason), (Some(line), &reason));
    assert_eq!(error.to_string(), format!("{fixture}:{line}: {message}"));
}

#[test]
fn port_above_65535() {
    assert_refused(
        "port-too-large.csv",
        7,
        Reason::PortTooLarge {
            text: "70000".into(),
        },
        "port number `70000` is out of range (0-65535)",
    );
}

#[test]
fn range_that_ends_before_it_starts() {
    assert_refused(
        "range-reversed.csv",
        4,
        Reason::RangeReversed {
            text: "10-5".into(),
        },
        "port range `10-5` ends before it starts",
    );
}

#[test]
fn port_that_is_not_a_number() {
    assert_refused(
        "port-not-a-number.csv",
        3,
        Reason::PortNotANumber { text: "abc".into() },
        "port number `abc` is not a number or a range N-M",
    );
}

#[test]
fn unknown_protocol_after_a_multiline_record() {
    assert_refused(
        "unknown-protocol.csv",
        6,
        Reason::UnknownProtocol { text: "xtp".into() },
        "unknown transport protocol `xtp` (expected tcp, udp, sctp, dccp or empty)",
    );
}

#[test]
fn wrong_header() {
    let error = error_for("wrong-header.csv");
    assert_eq!(error.line, Some(1));
    assert!(
        matches!(&error.reason, Reason::Header { found, .. } if found.starts_with("Service Name,Port,"))
    );
    assert!(
        error
            .to_string()
            .starts_with("wrong-header.csv:1: the header is not IANA's 12 columns")
    );
}

#[test]
fn wrong_column_count() {
    assert_refused(
        "column-count.csv",
        4,
        Reason::ColumnCount {
            expected: 12,
            found: 11,
        },
        "expected 12 columns, found 11",
    );
}

#[test]
fn unterminated_quote() {
    assert_refused(
        "unterminated-quote.csv",
        3,
        Reason::UnterminatedQuote,
        "unterminated quote: a quoted field opened here is never closed",
    );
}

#[test]
fn bytes_that_are_not_utf8() {
    assert_refused(
        "not-utf8.csv",
        3,
        Reason::NotUtf8 {
            column: "Description",
        },
        "Description is not valid UTF-8",
    );
}

#[test]
fn date_that_is_not_iso() {
    assert_refused(
        "bad-date.csv",
        3,
        Reason::BadDate {
            column: "Registration Date",
            text: "2008-13-01".into(),
        },
        "Registration Date `2008-13-01` is not YYYY-MM or YYYY-MM-DD",
    );
}

#[test]
fn missing_file_names_the_file() {
    let out = std::env::temp_dir();
    let error = ianaports_codegen::generate(
        "/nonexistent/registry.csv".as_ref(),
        "gone.csv",
        None,
        Features::ALL,
        "",
        &out,
    )
    .unwrap_err();
    assert_eq!(error.line, None);
    assert!(
        error
            .to_string()
            .starts_with("gone.csv: cannot read the registry: /nonexistent/registry.csv: "),
        "{error}"
    );
}

#[test]
fn an_unwritable_out_dir_is_a_write_error_not_a_read_error() {
    let registry = format!("{}/../registry.csv", env!("CARGO_MANIFEST_DIR"));
    // A file where the output directory should be.
    let out = std::env::temp_dir().join(format!("ianaports-not-a-dir-{}", std::process::id()));
    std::fs::write(&out, b"").unwrap();
    let error = ianaports_codegen::generate(
        registry.as_ref(),
        "registry.csv",
        None,
        Features::ALL,
        "",
        &out,
    )
    .unwrap_err();
    std::fs::remove_file(&out).unwrap();
    assert!(matches!(error.reason, Reason::CannotWrite(_)), "{error}");
    let message = error.to_string();
    assert!(
        message.starts_with(&format!(
            "registry.csv: cannot write the generated tables: {}: ",
            out.display()
        )),
        "{message}"
    );
}

#[test]
fn the_bundled_registry_is_valid_and_generates_the_same_bytes_twice() {
    let registry = format!("{}/../registry.csv", env!("CARGO_MANIFEST_DIR"));
    let dirs = ["a", "b"].map(|name| {
        let dir = std::env::temp_dir().join(format!(
            "ianaports-determinism-{}-{name}",
            std::process::id()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        ianaports_codegen::generate(
            registry.as_ref(),
            "registry.csv",
            None,
            Features::ALL,
            "",
            &dir,
        )
        .unwrap();
        dir
    });
    let mut files: Vec<_> = std::fs::read_dir(&dirs[0])
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    files.sort();
    assert!(files.len() > 20);
    for file in files {
        let read = |dir: &std::path::PathBuf| std::fs::read(dir.join(&file)).unwrap();
        assert!(
            read(&dirs[0]) == read(&dirs[1]),
            "{file:?} differs between two runs"
        );
    }
    for dir in dirs {
        std::fs::remove_dir_all(dir).unwrap();
    }
}
