//! `IANAPORTS_REGISTRY` builds the crate from another registry file, and a malformed one stops
//! the build with `FILE:LINE: reason`. Each test runs a real `cargo` build of this crate, in a
//! target directory of its own so it does not wait on the one running the tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Builds and runs the `ianaports` command against `registry` (None: the variable set empty).
fn run_cli(registry: Option<&Path>, queries: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO"));
    command
        .current_dir(root())
        .args(["run", "--quiet", "--package", "ianaports-cli", "--"])
        .args(queries)
        .env(
            "CARGO_TARGET_DIR",
            root().join("target").join("registry-override-test"),
        )
        .env_remove("RUSTFLAGS");
    match registry {
        Some(path) => command.env("IANAPORTS_REGISTRY", path),
        None => command.env("IANAPORTS_REGISTRY", ""),
    };
    command.output().expect("cargo runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn a_registry_named_by_the_variable_replaces_the_bundled_one() {
    let fixture: PathBuf = root().join("tests/fixtures/override.csv");
    let output = run_cli(Some(&fixture), &["fixture-only", "7/tcp"]);
    let stdout = text(&output.stdout);
    assert!(
        output.status.success(),
        "stdout:\n{stdout}\nstderr:\n{}",
        text(&output.stderr)
    );
    let expected = "fixture-only\t7\ttcp\tOnly in the fixture registry\n\
                    fixture-only\t7\ttcp\tOnly in the fixture registry\n\
                    old_name\t7\ttcp\tHistoric spelling\n\
                    anyproto\t7\ttcp\tNo protocol given\n\
                    block\t7\ttcp\tA named range\n";
    assert_eq!(
        stdout, expected,
        "lookup order: single, own protocol, current, registry"
    );

    let version = run_cli(Some(&fixture), &["--version"]);
    // A CSV alone has no IANA date: the newest date in its rows stands in, and says so.
    let snapshot = "(registry without IANA's date, newest record dated 2031-05-06: 6 records, newest registration 2030-01-02, newest modification 2031-05-06)";
    assert!(
        text(&version.stdout).contains(snapshot),
        "{}",
        text(&version.stdout)
    );

    let reserved = run_cli(Some(&fixture), &["--status", "8/udp"]);
    assert_eq!(
        reserved.status.code(),
        Some(1),
        "no named record covers 8/udp"
    );
    assert_eq!(text(&reserved.stdout), "-\t8\tudp\treserved\tsystem\t-\n");

    // services(5) splits on white space, so such a name gets a comment instead of a wrong line.
    let services = text(&run_cli(Some(&fixture), &["--services"]).stdout);
    assert!(
        !services.lines().any(|line| line.starts_with("Spaced")),
        "{services}"
    );
    assert!(
        services.contains("# left out: \"Spaced Name\" has white space"),
        "{services}"
    );

    let bundled_only = run_cli(Some(&fixture), &["postgresql"]);
    assert_eq!(
        bundled_only.status.code(),
        Some(1),
        "the bundled registry is not compiled in"
    );
}

#[test]
fn an_empty_variable_means_the_bundled_registry() {
    let output = run_cli(None, &["5432/tcp"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(
        text(&output.stdout),
        "postgresql\t5432\ttcp\tPostgreSQL Database\n"
    );
}

#[test]
fn a_malformed_registry_fails_the_build_with_file_line_and_reason() {
    let fixture = root().join("codegen/tests/fixtures/port-too-large.csv");
    let output = run_cli(Some(&fixture), &["5432/tcp"]);
    let stderr = text(&output.stderr);
    assert!(!output.status.success());
    let expected = format!(
        "error: {}:7: port number `70000` is out of range (0-65535) (the registry named by IANAPORTS_REGISTRY)",
        fixture.display()
    );
    assert!(stderr.contains(&expected), "stderr:\n{stderr}");
}
