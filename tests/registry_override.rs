//! `IANAPORTS_REGISTRY` builds the crate from another registry file, and a malformed one stops
//! the build with `FILE:LINE: reason`. Each test runs a real `cargo` build of this crate, in a
//! target directory of its own so it does not wait on the one running the tests.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A target directory of these tests' own, inside the one the tests were built in.
fn target_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map_or_else(|| root().join("target"), |dir| root().join(dir));
    target.join("registry-override-test")
}

/// Builds and runs the `ianaports` command against `registry` (None: the variable set empty).
fn run_cli(registry: Option<&Path>, queries: &[&str]) -> Output {
    run_cli_from(root(), registry.map(Path::as_os_str), queries)
}

/// The same from `directory`, with the variable exactly as given.
fn run_cli_from(directory: &Path, registry: Option<&OsStr>, queries: &[&str]) -> Output {
    let mut command = cargo_run(queries);
    command.current_dir(directory);
    command.env("IANAPORTS_REGISTRY", registry.unwrap_or_default());
    command.output().expect("cargo runs")
}

/// `cargo run` of the command with `queries`, in these tests' own target directory.
fn cargo_run(queries: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO"));
    command
        .args(["run", "--quiet", "--manifest-path"])
        .arg(root().join("Cargo.toml"))
        .args(["--package", "ianaports-cli", "--"])
        .args(queries)
        .env("CARGO_TARGET_DIR", target_dir())
        .env_remove("RUSTFLAGS");
    command
}

/// Writes a generated registry to a scratch file and returns its absolute path.
fn scratch_registry(name: &str, rows: impl Iterator<Item = String>) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ianaports-override-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    let mut text = String::from(
        "Service Name,Port Number,Transport Protocol,Description,Assignee,Contact,Registration Date,Modification Date,Reference,Service Code,Unauthorized Use Reported,Assignment Notes\r\n",
    );
    text.extend(rows.map(|row| format!("{row}\r\n")));
    std::fs::write(&path, text).unwrap();
    path
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

#[test]
fn a_registry_that_covers_every_port_answers_for_the_last_one() {
    let registry = scratch_registry(
        "every-port.csv",
        [
            ",0-65535,,Reserved,,,,,,,,",
            "last,65535,tcp,The last port,,,,,,,,",
        ]
        .into_iter()
        .map(String::from),
    );
    let output = run_cli(Some(&registry), &["--status", "65535/tcp", "65534/tcp"]);
    assert_eq!(
        text(&output.stdout),
        "last\t65535\ttcp\tassigned\tdynamic\tThe last port\n\
         -\t65534\ttcp\treserved\tdynamic\t-\n",
        "{}",
        text(&output.stderr)
    );
}

/// `n` in base 36, as a short service name.
fn base36(mut n: u32) -> String {
    let mut digits = Vec::new();
    loop {
        digits.push(char::from_digit(n % 36, 36).unwrap());
        n /= 36;
        if n == 0 {
            break digits.iter().rev().collect();
        }
    }
}

#[test]
fn names_far_apart_keep_their_own_records() {
    // 22,500 names whose tcp rows all come before their udp rows: 45,000 records.
    let rows = ["tcp", "udp"].into_iter().flat_map(|protocol| {
        (0..22_500).map(move |n| format!("{},{n},{protocol},,,,,,,,,", base36(n)))
    });
    let registry = scratch_registry("far-apart.csv", rows);
    let queries = [10, 21_845, 22_499].map(base36);
    let output = run_cli(Some(&registry), &queries.each_ref().map(String::as_str));
    let expected: String = [10, 21_845, 22_499]
        .into_iter()
        .flat_map(|n| ["tcp", "udp"].map(|protocol| format!("{}\t{n}\t{protocol}\t-\n", base36(n))))
        .collect();
    assert_eq!(text(&output.stdout), expected, "{}", text(&output.stderr));
}

#[test]
fn a_relative_path_is_refused_with_the_way_to_give_one() {
    let output = run_cli_from(root(), Some(OsStr::new("registry.csv")), &["5432/tcp"]);
    let stderr = text(&output.stderr);
    assert!(
        !output.status.success(),
        "the bundled registry was built silently"
    );
    assert!(
        stderr.contains("IANAPORTS_REGISTRY=registry.csv is a relative path"),
        "{stderr}"
    );
    // Cargo indents what a build script prints; the table itself is what matters.
    let lines: Vec<&str> = stderr.lines().map(str::trim).collect();
    let table = lines
        .iter()
        .position(|line| *line == "[env]")
        .expect("the [env] table");
    assert_eq!(
        lines[table + 1],
        "IANAPORTS_REGISTRY = { value = \"registry.csv\", relative = true }"
    );
}

#[test]
fn a_missing_file_says_where_it_looked() {
    let missing = std::env::temp_dir().join("no-such-dir-ianaports/registry.csv");
    let output = run_cli(Some(&missing), &["5432/tcp"]);
    let stderr = text(&output.stderr);
    assert!(!output.status.success());
    assert!(
        stderr.contains(&format!(
            "cannot read the registry: {}: No such file",
            missing.display()
        )),
        "{stderr}"
    );
}

#[test]
fn port_macro_finds_names_in_a_registry_at_the_record_limit() {
    // 65,535 records, the most the tables hold: one name per port, the last ones far down.
    let rows = (0..65_535u32).map(|n| format!("{},{n},tcp,,,,,,,,,", base36(n)));
    let registry = scratch_registry("record-limit.csv", rows);
    let dir = std::env::temp_dir().join(format!("ianaports-port-macro-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"port-macro-at-the-limit\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\
             [dependencies]\nianaports = {{ path = {:?}, default-features = false }}\n[workspace]\n",
            root()
        ),
    )
    .unwrap();
    let names = [0, 40_000, 65_533, 65_534].map(base36);
    let uses: String = names
        .iter()
        .map(|name| format!("ianaports::port!({name:?}), "))
        .collect();
    std::fs::write(
        dir.join("src/main.rs"),
        format!("const PORTS: [u16; 4] = [{uses}];\nfn main() {{ println!(\"{{PORTS:?}}\"); }}\n"),
    )
    .unwrap();
    std::fs::copy(root().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    let output = Command::new(env!("CARGO"))
        .current_dir(&dir)
        .args(["run", "--quiet"])
        .env("CARGO_TARGET_DIR", target_dir())
        .env("IANAPORTS_REGISTRY", &registry)
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    assert_eq!(
        text(&output.stdout),
        "[0, 40000, 65533, 65534]\n",
        "{}",
        text(&output.stderr)
    );
}

/// Builds and runs the command with `IANAPORTS_PROTOCOL_NUMBERS` set to `path`.
fn run_cli_with_protocol_numbers(path: &Path, queries: &[&str]) -> Output {
    run_cli_with("IANAPORTS_PROTOCOL_NUMBERS", path.as_os_str(), queries)
}

/// Builds and runs the command with the variable `name` set to `value`.
fn run_cli_with(name: &str, value: &OsStr, queries: &[&str]) -> Output {
    let mut command = cargo_run(queries);
    command
        .env_remove("IANAPORTS_REGISTRY")
        .env_remove("IANAPORTS_PROTOCOL_NUMBERS")
        .env_remove("IANAPORTS_FILTER")
        .env_remove("IANAPORTS_COMMON_USE")
        .env(name, value);
    command.output().expect("cargo runs")
}

#[test]
fn protocol_numbers_named_by_their_variable_replace_the_bundled_ones() {
    let dir = std::env::temp_dir().join(format!("ianaports-protocols-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let header = "Decimal,Keyword,Protocol,IPv6 Extension Header,Reference\r\n";
    let good = dir.join("protocol-numbers.csv");
    std::fs::write(
        &good,
        format!("{header}0-46,,Unassigned,,\r\n47,TEST-ONLY,Only in this file,N,[Here]\r\n48-255,,Unassigned,,\r\n"),
    )
    .unwrap();
    let output = run_cli_with_protocol_numbers(&good, &["--ip-protocol", "47", "6"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(
        text(&output.stdout),
        "47\tTEST-ONLY\tOnly in this file\n6\t-\tUnassigned\n"
    );

    let gap = dir.join("gap.csv");
    std::fs::write(
        &gap,
        format!("{header}0-46,,Unassigned,,\r\n48-255,,Unassigned,,\r\n"),
    )
    .unwrap();
    let output = run_cli_with_protocol_numbers(&gap, &["--ip-protocol", "47"]);
    assert!(!output.status.success());
    let stderr = text(&output.stderr);
    let expected = format!(
        "{}:3: protocol number `48-255` should start at 47: every value 0-255 is covered once, in order (the registry named by IANAPORTS_PROTOCOL_NUMBERS)",
        gap.display()
    );
    assert!(stderr.contains(&expected), "{stderr}");

    let relative = run_cli_with_protocol_numbers(Path::new("protocol-numbers.csv"), &["6"]);
    assert!(!relative.status.success());
    assert!(
        text(&relative.stderr)
            .contains("IANAPORTS_PROTOCOL_NUMBERS=protocol-numbers.csv is a relative path"),
        "{}",
        text(&relative.stderr)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_filter_compiles_in_what_it_names_and_a_bad_one_stops_the_build() {
    let filter = OsStr::new("22/tcp, postgresql");
    let output = run_cli_with("IANAPORTS_FILTER", filter, &["22/tcp", "postgresql/tcp"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(
        text(&output.stdout),
        "ssh\t22\ttcp\tThe Secure Shell (SSH) Protocol\npostgresql\t5432\ttcp\tPostgreSQL Database\n"
    );
    let status = run_cli_with(
        "IANAPORTS_FILTER",
        filter,
        &["--status", "80/tcp", "22/tcp"],
    );
    let shown = text(&status.stdout);
    assert!(shown.contains("outside-filter"), "{shown}");
    assert!(shown.contains("assigned"), "{shown}");

    let bad = run_cli_with(
        "IANAPORTS_FILTER",
        OsStr::new("22/tcp,no-such-service"),
        &["22"],
    );
    assert!(!bad.status.success());
    let stderr = text(&bad.stderr);
    assert!(
        stderr.contains(
            "IANAPORTS_FILTER: `no-such-service`: no service has this name in the registry"
        ),
        "{stderr}"
    );
}

#[test]
fn ports_in_common_use_named_by_their_variable_replace_the_bundled_ones() {
    let dir = std::env::temp_dir().join(format!("ianaports-common-use-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let header = "Port,Protocol,Name,Software,Description,Source,Read\n";
    let good = dir.join("common-use.csv");
    std::fs::write(
        &good,
        format!("{header}4380,tcp,site-api,Our API,The site's own API,https://intranet.example/api,2026-12-02\n"),
    )
    .unwrap();
    let output = run_cli_with(
        "IANAPORTS_COMMON_USE",
        good.as_os_str(),
        &["--common", "4380/tcp"],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(
        text(&output.stdout),
        "iana\t-\t4380\ttcp\tunassigned (user port)\ncommon-use\tsite-api\t4380\ttcp\tOur API: The site's own API\n"
    );

    let duplicate = dir.join("duplicate.csv");
    let row = "5432,tcp,pg-pool,Pgpool-II,Connection pool,https://www.pgpool.net/docs,2026-12-02\n";
    std::fs::write(&duplicate, format!("{header}{row}{row}")).unwrap();
    let output = run_cli_with(
        "IANAPORTS_COMMON_USE",
        duplicate.as_os_str(),
        &["--common", "5432"],
    );
    assert!(!output.status.success());
    let stderr = text(&output.stderr);
    let expected = format!(
        "{}:3: name pg-pool at 5432/tcp is there already, on line 2 (the registry named by IANAPORTS_COMMON_USE)",
        duplicate.display()
    );
    assert!(stderr.contains(&expected), "{stderr}");
    std::fs::remove_dir_all(&dir).unwrap();
}
