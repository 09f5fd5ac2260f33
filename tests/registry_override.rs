//! `IANAPORTS_REGISTRY` builds the crate from another registry file, and a malformed one stops
//! the build with `FILE:LINE: reason`. Each test runs a real `cargo` build of this crate, in a
//! target directory of its own so it does not wait on the one running the tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn run_lookup_example(registry: Option<&Path>, queries: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO"));
    command
        .current_dir(root())
        .args(["run", "--quiet", "--example", "lookup", "--"])
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
    let output = run_lookup_example(Some(&fixture), &["fixture-only", "7/tcp"]);
    let stdout = text(&output.stdout);
    assert!(
        output.status.success(),
        "stdout:\n{stdout}\nstderr:\n{}",
        text(&output.stderr)
    );
    let expected = "fixture-only 7/tcp\tOnly in the fixture registry\n\
                    7/tcp\tfixture-only 7/tcp\tOnly in the fixture registry\n\
                    7/tcp\told_name 7/tcp\tHistoric spelling\t(historic alias of fixture-only)\n\
                    7/tcp\tanyproto 7\tNo protocol given\n\
                    7/tcp\tblock 1-10/tcp\tA named range\n";
    assert_eq!(stdout, expected);

    let reserved = run_lookup_example(Some(&fixture), &["8/udp"]);
    assert_eq!(
        reserved.status.code(),
        Some(1),
        "no named record covers 8/udp"
    );
    assert_eq!(text(&reserved.stdout), "8/udp\treserved (system port)\n");

    let bundled_only = run_lookup_example(Some(&fixture), &["postgresql"]);
    assert_eq!(
        bundled_only.status.code(),
        Some(1),
        "the bundled registry is not compiled in"
    );
}

#[test]
fn an_empty_variable_means_the_bundled_registry() {
    let output = run_lookup_example(None, &["5432/tcp"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(
        text(&output.stdout),
        "5432/tcp\tpostgresql 5432/tcp\tPostgreSQL Database\n"
    );
}

#[test]
fn a_malformed_registry_fails_the_build_with_file_line_and_reason() {
    let fixture = root().join("codegen/tests/fixtures/port-too-large.csv");
    let output = run_lookup_example(Some(&fixture), &["5432/tcp"]);
    let stderr = text(&output.stderr);
    assert!(!output.status.success());
    let expected = format!(
        "error: {}:7: port number `70000` is out of range (0-65535) (the registry named by IANAPORTS_REGISTRY)",
        fixture.display()
    );
    assert!(stderr.contains(&expected), "stderr:\n{stderr}");
}
