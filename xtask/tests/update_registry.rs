//! `cargo xtask update-registry` against local files (IANA's own XML and CSV among them) and
//! against a server on 127.0.0.1 that the test runs itself: a good registry replaces the file,
//! its date and the README's account of it; a truncated download, an HTML page or an invalid
//! registry leave everything untouched.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

fn workspace() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

fn bundled_registry() -> Vec<u8> {
    std::fs::read(workspace().join("registry.csv")).unwrap()
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// One of IANA's files from `tests/data`, uncompressed, checked against the SHA-256 that the
/// README there gives for it.
fn iana_file(name: &str) -> Vec<u8> {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let compressed = std::fs::read(data.join(format!("{name}.gz"))).unwrap();
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(&compressed[..])
        .read_to_end(&mut bytes)
        .unwrap();
    let readme = std::fs::read_to_string(data.join("README.md")).unwrap();
    let row = readme
        .lines()
        .find(|line| line.starts_with(&format!("| `{name}.gz`")))
        .unwrap_or_else(|| panic!("tests/data/README.md lists {name}"));
    assert!(
        row.contains(&format!("`{}`", sha256(&bytes))),
        "{name} is not the file the README describes"
    );
    bytes
}

/// The bundled registry with one row removed (tcpmux/udp), one added and one description changed.
fn newer_registry() -> Vec<u8> {
    let text = String::from_utf8(bundled_registry()).unwrap();
    let text = text.replacen(
        "tcpmux,1,udp,TCP Port Service Multiplexer,[Mark_Lottor],[Mark_Lottor],,,,,,\r\n",
        "",
        1,
    );
    let text = text.replacen(
        ",5432,tcp,PostgreSQL Database,",
        ",5432,tcp,PostgreSQL Database Server,",
        1,
    );
    format!(
        "{text}brand-new-svc,49000,tcp,Added in this snapshot,[Tester],[Tester],2026-11-01,,,,,\r\n"
    )
    .into_bytes()
}

/// A copy of the bundled registry, its date file and a README with the registry block.
struct Scratch(PathBuf);

impl Scratch {
    /// An empty scratch directory.
    fn empty(name: &str) -> Scratch {
        let dir =
            std::env::temp_dir().join(format!("ianaports-xtask-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn new(name: &str) -> Scratch {
        let scratch = Scratch::empty(name);
        let dir = &scratch.0;
        std::fs::write(dir.join("registry.csv"), bundled_registry()).unwrap();
        std::fs::copy(
            workspace().join("registry.updated"),
            dir.join("registry.updated"),
        )
        .unwrap();
        std::fs::write(
            dir.join("README.md"),
            "# Scratch\n\n<!-- registry:begin -->\n<!-- registry:end -->\n\nThe end.\n",
        )
        .unwrap();
        scratch
    }

    fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.0.join(name)).unwrap()
    }

    fn registry(&self) -> PathBuf {
        self.0.join("registry.csv")
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn updater(from: &str, registry: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_xtask"));
    command
        .args(["update-registry", "--from", from, "--registry"])
        .arg(registry);
    command
}

fn update(from: &str, registry: &Path) -> Output {
    updater(from, registry).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Runs the updater against a server on 127.0.0.1 that answers its one request with `head`
/// and `body`.
fn update_from_server(scratch: &Scratch, head: String, body: Vec<u8>) -> Output {
    let (url, server) = serve_once(head, body);
    let output = update(&url, &scratch.registry());
    server.join().unwrap();
    output
}

/// Serves one HTTP response (head, then body) to the first client, then stops. Bounded: it
/// gives up after 30 seconds without a client.
fn serve_once(head: String, body: Vec<u8>) -> (String, JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!(
        "http://{}/service-names-port-numbers.csv",
        listener.local_addr().unwrap()
    );
    listener.set_nonblocking(true).unwrap();
    let server = std::thread::spawn(move || {
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut stream = loop {
            match listener.accept() {
                Ok((stream, _)) => break stream,
                Err(_) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(10))
                }
                Err(error) => panic!("no client came: {error}"),
            }
        };
        stream.set_nonblocking(false).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let mut request = Vec::new();
        let mut byte = [0u8; 1];
        while !request.ends_with(b"\r\n\r\n") && stream.read(&mut byte).unwrap_or(0) == 1 {
            request.push(byte[0]);
        }
        let _ = stream.write_all(head.as_bytes());
        let _ = stream.write_all(&body);
    });
    (url, server)
}

fn csv_head(length: usize) -> String {
    format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/csv\r\nContent-Length: {length}\r\nConnection: close\r\n\r\n"
    )
}

#[test]
fn a_local_file_replaces_the_registry_and_the_changes_are_listed() {
    let scratch = Scratch::new("file");
    let newer = scratch.write("newer.csv", &newer_registry());
    let output = update(newer.to_str().unwrap(), &scratch.registry());
    let stdout = text(&output.stdout);
    assert!(output.status.success(), "{stdout}{}", text(&output.stderr));
    assert_eq!(std::fs::read(scratch.registry()).unwrap(), newer_registry());
    let count = csv::Reader::from_reader(&bundled_registry()[..])
        .records()
        .count();
    assert!(
        stdout.contains(&format!(
            "{count} -> {count} records: 1 added, 1 removed, 0 renamed, 1 changed\n"
        )),
        "{stdout}"
    );
    assert!(stdout.contains("+ brand-new-svc 49000/tcp\n"), "{stdout}");
    assert!(stdout.contains("- tcpmux 1/udp\n"), "{stdout}");
    assert!(
        stdout.contains("~ postgresql 5432/tcp: Description\n"),
        "{stdout}"
    );
    let replaced = stdout.find("replaced from").unwrap();
    assert!(
        stdout.find("+ brand-new-svc").unwrap() < replaced,
        "the summary comes before the replacement"
    );
    assert!(!scratch.0.join("registry.csv.new").exists());
    // A CSV carries no date of IANA's, and the old one belongs to the old snapshot.
    assert!(!scratch.0.join("registry.updated").exists());
    let readme = scratch.read("README.md");
    assert!(
        readme.contains(&format!("| SHA-256 | `{}` |", sha256(&newer_registry()))),
        "{readme}"
    );
    assert!(readme.contains("| IANA's date for this snapshot | not known: only a CSV was read |"));
    assert!(
        readme.starts_with("# Scratch\n\n<!-- registry:begin -->\n")
            && readme.ends_with("<!-- registry:end -->\n\nThe end.\n")
    );
}

#[test]
fn ianas_xml_becomes_exactly_ianas_csv() {
    let scratch = Scratch::new("xml");
    let xml = scratch.write(
        "service-names-port-numbers.xml",
        &iana_file("iana-2026-04-24.xml"),
    );
    let output = update(xml.to_str().unwrap(), &scratch.registry());
    assert!(output.status.success(), "{}", text(&output.stderr));
    let expected = iana_file("iana-2026-04-24.csv");
    let written = std::fs::read(scratch.registry()).unwrap();
    assert_same_fields(&written, &expected);
    assert!(
        written == expected,
        "every field is equal, but the bytes differ"
    );
    assert_eq!(scratch.read("registry.updated"), "2026-04-24\n");
    let readme = scratch.read("README.md");
    assert!(readme.contains("| IANA's date for this snapshot | **2026-04-24** (IANA's `<updated>`, kept in `registry.updated`) |"), "{readme}");
    assert!(readme.contains("| records | 14512 |"));
    assert!(readme.contains(&format!("| SHA-256 | `{}` |", sha256(&expected))));
    assert!(readme.contains(
        "| read from | `service-names-port-numbers.xml` (SHA-256 `ed3f49dbf3f486dc58bf8beddc94cb8a7b45725639a92efc219908868cddd395`) |"
    ));
}

/// Field by field first, so a difference names its row and column.
fn assert_same_fields(written: &[u8], expected: &[u8]) {
    let rows = |bytes: &[u8]| -> Vec<csv::StringRecord> {
        csv::Reader::from_reader(bytes)
            .records()
            .map(Result::unwrap)
            .collect()
    };
    let (written, expected) = (rows(written), rows(expected));
    assert_eq!(written.len(), expected.len(), "number of records");
    for (index, (ours, theirs)) in written.iter().zip(&expected).enumerate() {
        for (column, (a, b)) in ours.iter().zip(theirs.iter()).enumerate() {
            assert_eq!(a, b, "record {index} ({}), column {column}", &theirs[0]);
        }
    }
}

#[test]
fn the_bundled_registry_is_ianas_xml_of_2026_08_17_converted() {
    let scratch = Scratch::new("bundled");
    let xml = scratch.write("iana-2026-08-17.xml", &iana_file("iana-2026-08-17.xml"));
    let check = update_checking(xml.to_str().unwrap(), &workspace().join("registry.csv"));
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}{}",
        text(&check.stdout),
        text(&check.stderr)
    );
    std::fs::write(scratch.registry(), newer_registry()).unwrap();
    std::fs::remove_file(scratch.0.join("registry.updated")).unwrap();
    let output = update(xml.to_str().unwrap(), &scratch.registry());
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(
        std::fs::read(scratch.registry()).unwrap() == bundled_registry(),
        "registry.csv is not the converter's output for IANA's XML of 2026-08-17"
    );
    assert_eq!(
        scratch.read("registry.updated"),
        std::fs::read_to_string(workspace().join("registry.updated")).unwrap()
    );
    let readme = |path: &Path| {
        let text = std::fs::read_to_string(path).unwrap();
        let start = text.find("<!-- registry:begin -->").unwrap();
        let end = text.find("<!-- registry:end -->").unwrap();
        text[start..end].to_owned()
    };
    assert_eq!(
        readme(&scratch.0.join("README.md")),
        readme(&workspace().join("README.md")),
        "the README's account of registry.csv is the updater's"
    );
}

fn update_checking(from: &str, registry: &Path) -> Output {
    updater(from, registry).arg("--check").output().unwrap()
}

#[test]
fn check_says_whether_the_source_differs_and_changes_nothing() {
    let scratch = Scratch::new("check");
    let newer = scratch.write("newer.csv", &newer_registry());
    let output = update_checking(newer.to_str().unwrap(), &scratch.registry());
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    assert!(text(&output.stdout).contains("+ brand-new-svc 49000/tcp\n"));
    assert_eq!(
        std::fs::read(scratch.registry()).unwrap(),
        bundled_registry()
    );
    assert!(scratch.0.join("registry.updated").exists());
    assert!(!scratch.read("README.md").contains("| records |"));

    let same = scratch.write("same.csv", &bundled_registry());
    let output = update_checking(same.to_str().unwrap(), &scratch.registry());
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stdout));
}

#[test]
fn the_same_records_in_other_bytes_are_not_rewritten() {
    let scratch = Scratch::new("same-records");
    let modified = || {
        std::fs::metadata(scratch.registry())
            .unwrap()
            .modified()
            .unwrap()
    };
    let before = modified();
    let text_form = String::from_utf8(bundled_registry()).unwrap();
    let copies = [
        ("lf.csv", text_form.replace("\r\n", "\n").into_bytes()),
        (
            "bom.csv",
            [&b"\xEF\xBB\xBF"[..], &bundled_registry()].concat(),
        ),
    ];
    for (name, bytes) in copies {
        let copy = scratch.write(name, &bytes);
        let output = update(copy.to_str().unwrap(), &scratch.registry());
        assert!(output.status.success(), "{}", text(&output.stderr));
        assert!(
            text(&output.stdout).ends_with("already holds this snapshot; nothing to do\n"),
            "{name}: {}",
            text(&output.stdout)
        );
        assert_eq!(modified(), before, "{name} rewrote registry.csv");
    }
    assert_eq!(
        std::fs::read(scratch.registry()).unwrap(),
        bundled_registry()
    );
}

#[test]
fn a_registry_in_other_line_ends_is_installed_in_ianas_form() {
    let scratch = Scratch::new("canonical");
    let lf = String::from_utf8(newer_registry())
        .unwrap()
        .replace("\r\n", "\n");
    let newer = scratch.write("newer-lf.csv", lf.as_bytes());
    let output = update(newer.to_str().unwrap(), &scratch.registry());
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(std::fs::read(scratch.registry()).unwrap() == newer_registry());
}

#[test]
fn a_closed_pipe_neither_panics_nor_stops_the_update() {
    let scratch = Scratch::new("pipe");
    let newer = scratch.write("newer.csv", &newer_registry());
    let mut child = updater(newer.to_str().unwrap(), &scratch.registry())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // `| head -1`: read one line, then go away.
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(first.starts_with("IANA's date for the snapshot"), "{first}");
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(!text(&output.stderr).contains("panicked"));
    assert_eq!(std::fs::read(scratch.registry()).unwrap(), newer_registry());
}

#[test]
fn exact_duplicate_rows_are_reported() {
    let scratch = Scratch::new("duplicates");
    let mut bytes = newer_registry();
    bytes.extend_from_slice(
        b"brand-new-svc,49000,tcp,Added in this snapshot,[Tester],[Tester],2026-11-01,,,,,\r\n",
    );
    let lines = bytes.iter().filter(|&&b| b == b'\n').count();
    let copy = scratch.write("duplicated.csv", &bytes);
    let output = update_checking(copy.to_str().unwrap(), &scratch.registry());
    assert!(
        text(&output.stdout).contains(&format!(
            "! duplicate row: line {lines} repeats line {} (brand-new-svc 49000/tcp)\n",
            lines - 1
        )),
        "{}",
        text(&output.stdout)
    );
}

#[test]
fn a_readme_without_its_block_stops_the_update_after_the_summary() {
    let scratch = Scratch::new("no-block");
    std::fs::write(scratch.0.join("README.md"), "# No block here\n").unwrap();
    let newer = scratch.write("newer.csv", &newer_registry());
    let output = update(newer.to_str().unwrap(), &scratch.registry());
    assert_refused(&output, &scratch, "README.md: no `<!-- registry:begin -->`");
    assert!(text(&output.stdout).contains("+ brand-new-svc 49000/tcp"));
}

#[test]
fn an_xml_record_the_converter_does_not_know_is_refused_with_its_line() {
    let scratch = Scratch::new("xml-unknown");
    let xml = String::from_utf8(iana_file("iana-2026-04-24.xml")).unwrap();
    let xml = xml.replacen("<sc>", "<colour>red</colour><sc>", 1);
    let line = xml[..xml.find("<colour>").unwrap()].matches('\n').count() + 1;
    let source = scratch.write("odd.xml", xml.as_bytes());
    let output = update(source.to_str().unwrap(), &scratch.registry());
    let reason = format!("odd.xml:{line}: unexpected element <colour> in a <record>");
    assert_refused(&output, &scratch, &reason);
}

#[test]
fn an_invalid_xml_record_is_refused_with_the_line_of_its_record() {
    let scratch = Scratch::new("xml-invalid");
    let xml = String::from_utf8(iana_file("iana-2026-04-24.xml")).unwrap();
    let xml = xml.replacen("<number>5432</number>", "<number>70000</number>", 1);
    let record = xml[..xml.find("<number>70000").unwrap()]
        .rfind("<record")
        .unwrap();
    let line = xml[..record].matches('\n').count() + 1;
    let source = scratch.write("bad.xml", xml.as_bytes());
    let output = update(source.to_str().unwrap(), &scratch.registry());
    let reason = format!("bad.xml:{line}: port number `70000` is out of range (0-65535)");
    assert_refused(&output, &scratch, &reason);
}

#[test]
fn a_download_from_a_local_server_replaces_the_registry() {
    let scratch = Scratch::new("http");
    let body = newer_registry();
    let output = update_from_server(&scratch, csv_head(body.len()), body.clone());
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(std::fs::read(scratch.registry()).unwrap(), body);
    assert!(text(&output.stdout).contains("1 added, 1 removed, 0 renamed, 1 changed"));
}

fn assert_refused(output: &Output, scratch: &Scratch, reason: &str) {
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{}", text(&output.stdout));
    assert!(stderr.contains(reason), "expected {reason:?} in:\n{stderr}");
    assert!(stderr.contains("was left untouched"), "{stderr}");
    assert_eq!(
        std::fs::read(scratch.registry()).unwrap(),
        bundled_registry()
    );
    assert_eq!(
        scratch.read("registry.updated"),
        std::fs::read_to_string(workspace().join("registry.updated")).unwrap()
    );
    assert!(!scratch.read("README.md").contains("| records |"));
}

#[test]
fn a_truncated_download_leaves_the_registry_untouched() {
    let scratch = Scratch::new("truncated");
    let body = newer_registry();
    // The server promises the whole file and hangs up halfway.
    let output = update_from_server(
        &scratch,
        csv_head(body.len()),
        body[..body.len() / 2].to_vec(),
    );
    assert_refused(&output, &scratch, "the download failed");
}

#[test]
fn a_registry_cut_short_at_a_row_leaves_the_registry_untouched() {
    let scratch = Scratch::new("short");
    let body = newer_registry();
    let cut = body[..body.len() / 2]
        .iter()
        .rposition(|&b| b == b'\n')
        .unwrap()
        + 1;
    let output = update_from_server(&scratch, csv_head(cut), body[..cut].to_vec());
    assert_refused(&output, &scratch, "more than 10% fewer than the current");
}

#[test]
fn an_html_error_page_leaves_the_registry_untouched() {
    let scratch = Scratch::new("html");
    let page =
        b"<!DOCTYPE html><html><body><h1>503 Service Unavailable</h1></body></html>\n".to_vec();
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        page.len()
    );
    let output = update_from_server(&scratch, head, page.clone());
    assert_refused(&output, &scratch, "the server sent an HTML page");

    // The same page from a server that calls everything CSV is still no registry.
    let scratch = Scratch::new("html-as-csv");
    let output = update_from_server(&scratch, csv_head(page.len()), page.clone());
    assert_refused(&output, &scratch, "an HTML page, not IANA's registry");

    let scratch = Scratch::new("html-status");
    let head = format!(
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\r\n",
        page.len()
    );
    let output = update_from_server(&scratch, head, page);
    assert_refused(&output, &scratch, "503");
}

#[test]
fn an_invalid_registry_is_refused_with_its_line() {
    let newer = newer_registry();
    let header_end = newer.iter().position(|&b| b == b'\n').unwrap() + 1;
    // Blank lines, which a CSV reader skips, put the source's rows on other lines than those
    // of the registry that would be written; the error still names the line in the source.
    let blank_lines = [&newer[..header_end], b"\r\n\r\n", &newer[header_end..]].concat();
    for (name, mut bytes) in [("bad.csv", newer.clone()), ("blank-lines.csv", blank_lines)] {
        let scratch = Scratch::new("invalid");
        bytes.extend_from_slice(b"too-big,70000,tcp,Bad,,,,,,,,\r\n");
        let bad = scratch.write(name, &bytes);
        let output = update(bad.to_str().unwrap(), &scratch.registry());
        let line = bytes.iter().filter(|&&b| b == b'\n').count();
        let reason = format!("{name}:{line}: port number `70000` is out of range (0-65535)");
        assert_refused(&output, &scratch, &reason);
    }
}

/// The updater is built from the generator, never from the library: the library's build reads
/// `registry.csv`, and a registry that stops that build must not stop the tool that replaces
/// it. (`cargo tree` reads the lock file and the manifests; it builds nothing.)
#[test]
fn the_updater_does_not_depend_on_the_library() {
    let output = Command::new(env!("CARGO"))
        .args(["tree", "--offline", "--package", "xtask"])
        .args([
            "--edges",
            "normal,build,dev",
            "--prefix",
            "none",
            "--manifest-path",
        ])
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"))
        .output()
        .unwrap();
    let tree = text(&output.stdout);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(
        tree.lines()
            .any(|line| line.starts_with("ianaports-codegen v")),
        "{tree}"
    );
    assert!(
        !tree.lines().any(|line| line.starts_with("ianaports v")),
        "the updater depends on the library:\n{tree}"
    );
}

#[test]
fn a_registry_that_the_build_refuses_does_not_stop_the_updater() {
    // What `cargo build` of the library would stop at; the updater runs, and names the row.
    let scratch = Scratch::new("malformed-current");
    let mut malformed = bundled_registry();
    malformed.extend_from_slice(b"too-big,70000,tcp,Bad,,,,,,,,\r\n");
    scratch.write("registry.csv", &malformed);
    let line = malformed.iter().filter(|&&b| b == b'\n').count();
    let before = snapshot_of(&scratch);
    let newer = scratch.write("newer.csv", &newer_registry());
    let output = update(newer.to_str().unwrap(), &scratch.registry());
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    let reason = format!(
        "error: the current registry is invalid: {}:{line}: port number `70000` is out of range (0-65535)\n",
        scratch.registry().display()
    );
    assert!(
        stderr.starts_with(&reason),
        "expected {reason:?} in:\n{stderr}"
    );
    assert!(stderr.contains("was left untouched"), "{stderr}");
    assert!(snapshot_of(&scratch) == before, "a file was changed");
}

/// The 2026-04-24 XML, with `from` replaced by `to` once.
fn iana_xml_with(from: &str, to: &str) -> Vec<u8> {
    let xml = String::from_utf8(iana_file("iana-2026-04-24.xml")).unwrap();
    assert!(xml.contains(from), "{from}");
    xml.replacen(from, to, 1).into_bytes()
}

#[test]
fn an_updated_date_the_build_would_refuse_is_refused_even_by_check() {
    for date in ["soon", "2026-13-45", "2026-08-17T12:00:00Z"] {
        let scratch = Scratch::new("bad-date");
        let xml = iana_xml_with(
            "<updated>2026-04-24</updated>",
            &format!("<updated>{date}</updated>"),
        );
        let line = String::from_utf8_lossy(&xml)[..]
            .split("<updated>")
            .next()
            .unwrap()
            .matches('\n')
            .count()
            + 1;
        let source = scratch.write("dated.xml", &xml);
        let reason = format!(
            "dated.xml:{line}: <updated>: updated date `{date}` is not YYYY-MM or YYYY-MM-DD"
        );
        assert_refused(
            &update(source.to_str().unwrap(), &scratch.registry()),
            &scratch,
            &reason,
        );
        let checked = update_checking(source.to_str().unwrap(), &scratch.registry());
        assert_refused(&checked, &scratch, &reason);
    }
}

#[test]
fn an_updated_date_older_than_a_record_is_reported_at_the_xml_date() {
    let scratch = Scratch::new("old-date");
    let xml = iana_xml_with(
        "<updated>2026-04-24</updated>",
        "<updated>2001-01-01</updated>",
    );
    let source = scratch.write("old.xml", &xml);
    let output = update(source.to_str().unwrap(), &scratch.registry());
    let stderr = text(&output.stderr);
    assert!(stderr.contains("old.xml:"), "{stderr}");
    assert!(
        stderr.contains(": <updated> is 2001-01-01, but a record is dated 20"),
        "{stderr}"
    );
    assert!(!stderr.contains("registry.updated"), "{stderr}");
    assert_refused(&output, &scratch, "<updated> is 2001-01-01");
}

/// What the files in `scratch` hold, to compare before and after.
fn snapshot_of(scratch: &Scratch) -> [Vec<u8>; 3] {
    ["registry.csv", "registry.updated", "README.md"]
        .map(|name| std::fs::read(scratch.0.join(name)).unwrap_or_default())
}

#[test]
fn a_file_in_the_way_of_the_install_changes_nothing_and_says_so() {
    for blocked in [
        "registry.updated.new",
        "README.md.new",
        "registry.csv.new",
        "registry.csv.old",
    ] {
        let scratch = Scratch::new("blocked");
        std::fs::create_dir(scratch.0.join(blocked)).unwrap();
        let before = snapshot_of(&scratch);
        let source = scratch.write("iana.xml", &iana_file("iana-2026-04-24.xml"));
        let output = update(source.to_str().unwrap(), &scratch.registry());
        let stderr = text(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{blocked}: {stderr}");
        assert!(stderr.contains(blocked), "{stderr}");
        assert!(stderr.contains("nothing was changed"), "{stderr}");
        assert!(!stderr.contains("was left untouched\n") || stderr.contains("nothing was changed"));
        assert!(
            snapshot_of(&scratch) == before,
            "{blocked}: a file was changed"
        );
        assert!(scratch.0.join(blocked).is_dir(), "{blocked} was removed");
        for leftover in ["registry.csv.new", "registry.updated.new", "README.md.new"] {
            let path = scratch.0.join(leftover);
            assert!(
                leftover == blocked || !path.exists(),
                "{leftover} left behind"
            );
        }
    }
}

/// A scratch registry with its date file and no README beside it.
fn scratch_without_readme(name: &str) -> Scratch {
    let scratch = Scratch::new(name);
    std::fs::remove_file(scratch.0.join("README.md")).unwrap();
    scratch
}

/// The files of `scratch` whose names end with `.new` or `.old`.
fn leftovers(scratch: &Scratch) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(&scratch.0)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".new") || name.ends_with(".old"))
        .collect();
    names.sort();
    names
}

#[test]
fn a_registry_without_a_readme_beside_it_is_updated() {
    let scratch = scratch_without_readme("no-readme");
    let source = scratch.write("iana.xml", &iana_file("iana-2026-04-24.xml"));
    let output = update(source.to_str().unwrap(), &scratch.registry());
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(std::fs::read(scratch.registry()).unwrap() == iana_file("iana-2026-04-24.csv"));
    assert_eq!(scratch.read("registry.updated"), "2026-04-24\n");
    assert!(!scratch.0.join("README.md").exists());
    assert_eq!(leftovers(&scratch), [] as [String; 0]);

    // From a CSV: the registry is written and the old snapshot's date file removed.
    let scratch = scratch_without_readme("no-readme-csv");
    let newer = scratch.write("newer.csv", &newer_registry());
    let output = update(newer.to_str().unwrap(), &scratch.registry());
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(std::fs::read(scratch.registry()).unwrap(), newer_registry());
    assert!(!scratch.0.join("registry.updated").exists());
    assert!(!scratch.0.join("README.md").exists());
    assert_eq!(leftovers(&scratch), [] as [String; 0]);
}

#[test]
fn without_a_readme_the_install_is_still_all_or_none() {
    for blocked in [
        "registry.csv.new",
        "registry.updated.new",
        "registry.updated.old",
    ] {
        let scratch = scratch_without_readme("no-readme-blocked");
        std::fs::create_dir(scratch.0.join(blocked)).unwrap();
        let before = snapshot_of(&scratch);
        let source = scratch.write("iana.xml", &iana_file("iana-2026-04-24.xml"));
        let output = update(source.to_str().unwrap(), &scratch.registry());
        let stderr = text(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{blocked}: {stderr}");
        assert!(stderr.contains(blocked), "{stderr}");
        assert!(stderr.contains("nothing was changed"), "{stderr}");
        assert!(
            snapshot_of(&scratch) == before,
            "{blocked}: a file was changed"
        );
        assert!(!scratch.0.join("README.md").exists(), "{blocked}");
        assert_eq!(leftovers(&scratch), [blocked], "only {blocked} is left");
    }
    // Without a README none is written, so someone's README.md.new is no obstacle either.
    let scratch = scratch_without_readme("no-readme-readme-new");
    std::fs::create_dir(scratch.0.join("README.md.new")).unwrap();
    let source = scratch.write("iana.xml", &iana_file("iana-2026-04-24.xml"));
    let output = update(source.to_str().unwrap(), &scratch.registry());
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(scratch.read("registry.updated"), "2026-04-24\n");
    assert!(!scratch.0.join("README.md").exists());
    assert!(scratch.0.join("README.md.new").is_dir());
}

#[test]
fn a_local_file_past_the_size_bound_is_refused_unread() {
    let scratch = Scratch::new("huge");
    let huge = scratch.0.join("huge.xml");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(64 * 1024 * 1024 + 1)
        .unwrap();
    for source in [huge.to_str().unwrap(), "/dev/zero"] {
        let output = update(source, &scratch.registry());
        assert_refused(&output, &scratch, &format!("{source}: more than 64 MiB"));
    }
}

#[test]
fn utf16_xml_is_named_for_what_it_is() {
    let scratch = Scratch::new("utf16");
    let xml = String::from_utf8(iana_file("iana-2026-04-24.xml")).unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(xml.encode_utf16().flat_map(u16::to_le_bytes));
    let source = scratch.write("utf16.xml", &utf16);
    let output = update(source.to_str().unwrap(), &scratch.registry());
    assert_refused(
        &output,
        &scratch,
        "utf16.xml: the file is UTF-16 (little-endian)",
    );
}

/// A tiny registry (so that small sources are no shrink) with its date and README.
fn small_scratch(name: &str) -> Scratch {
    let scratch = Scratch::new(name);
    scratch.write(
        "registry.csv",
        b"Service Name,Port Number,Transport Protocol,Description,Assignee,Contact,Registration Date,Modification Date,Reference,Service Code,Unauthorized Use Reported,Assignment Notes\r\n\
          a,1,tcp,A,,,2020-01-01,,,,,\r\nb,2,udp,B,,,,,,,,\r\n",
    );
    scratch.write("registry.updated", b"2020-02-02\n");
    scratch
}

/// A small deterministic generator (xorshift), so that a failure can be replayed.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// `good` nine times in ten, else one of `choices`.
    fn mostly(&mut self, good: &str, choices: &[&str]) -> String {
        if self.next() % 10 == 0 {
            choices[(self.next() % choices.len() as u64) as usize].to_owned()
        } else {
            good.to_owned()
        }
    }
}

#[test]
fn no_source_leaves_a_registry_that_the_build_refuses() {
    let dates = [
        "2026-01-02",
        "2019-12-31",
        "soon",
        "2026-13-45",
        "2026-02-30",
        "2026-08",
        "",
        " 2026-01-02 ",
        "2026-01-02T00:00:00Z",
        "9999-12-31",
    ];
    let names = [
        "ok",
        "OK",
        "café",
        "a b",
        "",
        "x\u{7f}y",
        "a&amp;b",
        "n<!--c-->m",
        "<b/>",
        "very-long-name-but-still-under-the-limit",
    ];
    let numbers = [
        "1",
        "0",
        "65535",
        "65536",
        "5-3",
        "6000-6063",
        "",
        "-1",
        "1<!--x-->2",
        "007",
    ];
    let protocols = ["tcp", "udp", "sctp", "dccp", "TCP", "", "icmp", "t<b/>cp"];
    let record_dates = [
        "",
        "2020-01-01",
        "2026-12-31",
        "2030-01-01",
        "2020-1-1",
        "yesterday",
    ];
    let mut random = Random(0x9E37_79B9_7F4A_7C15);
    let mut installed = 0;
    for case in 0..48 {
        let scratch = small_scratch("property");
        let mut xml = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<registry xmlns=\"http://www.iana.org/assignments\" id=\"service-names-port-numbers\">\n<updated>{}</updated>\n",
            random.mostly("2026-01-02", &dates)
        );
        for record in 0..3 {
            xml.push_str(&format!(
                "<record date=\"{}\"><name>{}</name><protocol>{}</protocol><number>{}</number><description>d</description></record>\n",
                random.mostly("2020-01-01", &record_dates),
                random.mostly(&format!("svc{record}"), &names),
                random.mostly("tcp", &protocols),
                random.mostly(&format!("{}", 100 + record), &numbers),
            ));
        }
        xml.push_str("</registry>\n");
        let source = scratch.write("source.xml", xml.as_bytes());
        let output = update(source.to_str().unwrap(), &scratch.registry());
        installed += usize::from(output.status.success());
        // What `cargo build` does with the files beside it: the date file, then the tables.
        let csv = std::fs::read(scratch.registry()).unwrap();
        let updated = std::fs::read(scratch.0.join("registry.updated"))
            .ok()
            .map(|bytes| ianaports_codegen::parse_updated(&bytes, "registry.updated"))
            .transpose();
        let built = updated.and_then(|updated| {
            ianaports_codegen::build_tables(
                &csv,
                "registry.csv",
                updated.as_deref(),
                ianaports_codegen::Features::ALL,
            )
        });
        assert!(
            built.is_ok(),
            "case {case}: the build refuses what the updater left: {:?}\nsource:\n{xml}\nupdater: {}",
            built.err(),
            text(&output.stderr)
        );
    }
    // The generator must reach both outcomes, or it tests nothing.
    assert!(
        (1..48).contains(&installed),
        "{installed} of 48 sources installed"
    );
}

// IANA's protocol numbers, the second registry: the same updater, told by the source's content.

const PROTOCOL_README: &str =
    "# Scratch\n\n<!-- protocol-numbers:begin -->\n<!-- protocol-numbers:end -->\n\nThe end.\n";

/// A scratch copy of the bundled protocol-numbers.csv and its date file, with a README that has
/// the protocol numbers' block when `readme` says so.
fn protocol_scratch(name: &str, readme: Option<&str>) -> Scratch {
    let scratch = Scratch::empty(name);
    for file in ["protocol-numbers.csv", "protocol-numbers.updated"] {
        std::fs::copy(workspace().join(file), scratch.0.join(file)).unwrap();
    }
    if let Some(readme) = readme {
        scratch.write("README.md", readme.as_bytes());
    }
    scratch
}

fn protocol_registry(scratch: &Scratch) -> PathBuf {
    scratch.0.join("protocol-numbers.csv")
}

/// What the protocol numbers' files in `scratch` hold, to compare before and after.
fn protocol_files(scratch: &Scratch) -> [Vec<u8>; 3] {
    [
        "protocol-numbers.csv",
        "protocol-numbers.updated",
        "README.md",
    ]
    .map(|name| std::fs::read(scratch.0.join(name)).unwrap_or_default())
}

#[test]
fn ianas_protocol_numbers_xml_becomes_exactly_ianas_csv() {
    // Into a directory with no registry yet: the file's name tells which registry it is.
    let scratch = Scratch::empty("protocol-xml");
    scratch.write("README.md", PROTOCOL_README.as_bytes());
    let xml = scratch.write(
        "protocol-numbers.xml",
        &iana_file("iana-protocol-numbers-2024-10-24.xml"),
    );
    let output = update(xml.to_str().unwrap(), &protocol_registry(&scratch));
    let stdout = text(&output.stdout);
    assert!(output.status.success(), "{stdout}{}", text(&output.stderr));
    let expected = iana_file("iana-protocol-numbers-2024-10-24.csv");
    let written = std::fs::read(protocol_registry(&scratch)).unwrap();
    assert_same_fields(&written, &expected);
    assert!(
        written == expected,
        "every field is equal, but the bytes differ"
    );
    assert_eq!(scratch.read("protocol-numbers.updated"), "2024-10-24\n");
    assert!(stdout.contains("0 -> 151 records: 151 added"), "{stdout}");
    assert!(stdout.contains("+ 147-252 (no keyword)\n"), "{stdout}");
    assert_eq!(
        scratch.read("README.md"),
        format!(
            "# Scratch\n\n<!-- protocol-numbers:begin -->\n\
             | `protocol-numbers.csv` | |\n|---|---|\n\
             | IANA's date for this snapshot | **2024-10-24** (IANA's `<updated>`, kept in `protocol-numbers.updated`) |\n\
             | records | 151 |\n\
             | read from | `protocol-numbers.xml` (SHA-256 `f4a1f5d8fee1c566fb31899e4b5b5aed2fd118c405056f2dc553df1b163e4c82`) |\n\
             | SHA-256 | `{}` |\n\n\
             Written by `cargo xtask update-registry`.\n<!-- protocol-numbers:end -->\n\nThe end.\n",
            sha256(&expected)
        )
    );
    assert_eq!(leftovers(&scratch), [] as [String; 0]);
}

#[test]
fn the_bundled_protocol_numbers_are_ianas_xml_of_2026_03_09_converted() {
    let scratch = Scratch::empty("protocol-bundled");
    let xml = scratch.write(
        "protocol-numbers.xml",
        &iana_file("iana-protocol-numbers-2026-03-09.xml"),
    );
    // Without --registry, the source's registry is the workspace's protocol-numbers.csv.
    let check = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args([
            "update-registry",
            "--check",
            "--from",
            xml.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let stdout = text(&check.stdout);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{stdout}{}",
        text(&check.stderr)
    );
    assert!(
        stdout.ends_with("protocol-numbers.csv already holds this snapshot; nothing to do\n"),
        "{stdout}"
    );
    let output = update(xml.to_str().unwrap(), &protocol_registry(&scratch));
    assert!(output.status.success(), "{}", text(&output.stderr));
    for file in ["protocol-numbers.csv", "protocol-numbers.updated"] {
        assert!(
            std::fs::read(scratch.0.join(file)).unwrap()
                == std::fs::read(workspace().join(file)).unwrap(),
            "{file} is not the converter's output for IANA's XML of 2026-03-09"
        );
    }
}

#[test]
fn ianas_protocol_numbers_csv_is_read_as_such_and_installed_as_it_is() {
    // No README beside the registry: none is written.
    let scratch = protocol_scratch("protocol-csv", None);
    let csv = iana_file("iana-protocol-numbers-2024-10-24.csv");
    let lf = String::from_utf8(csv.clone())
        .unwrap()
        .replace("\r\n", "\n");
    let source = scratch.write("older.csv", lf.as_bytes());
    let output = update(source.to_str().unwrap(), &protocol_registry(&scratch));
    let stdout = text(&output.stdout);
    assert!(output.status.success(), "{stdout}{}", text(&output.stderr));
    assert!(
        stdout.starts_with(
            "IANA's date for the snapshot: unknown, only a CSV was read (was 2026-03-09)\n\
             152 -> 151 records: 1 added, 2 removed, 0 renamed, 2 changed\n\
             + 147-252 (no keyword)\n- 147 BIT-EMU\n- 148-252 (no keyword)\n\
             ~ 122 SM (deprecated): Reference\n~ 131 PIPE: Reference\n"
        ),
        "{stdout}"
    );
    assert!(std::fs::read(protocol_registry(&scratch)).unwrap() == csv);
    // A CSV carries no date of IANA's, and the old one belongs to the old snapshot.
    assert!(!scratch.0.join("protocol-numbers.updated").exists());
    assert!(!scratch.0.join("README.md").exists());
    assert_eq!(leftovers(&scratch), [] as [String; 0]);
}

#[test]
fn a_readme_without_the_protocol_numbers_block_is_left_as_it_is() {
    let readme = "# Scratch\n\n<!-- registry:begin -->\n<!-- registry:end -->\n";
    let scratch = protocol_scratch("protocol-no-block", Some(readme));
    let xml = scratch.write("p.xml", &iana_file("iana-protocol-numbers-2024-10-24.xml"));
    let output = update(xml.to_str().unwrap(), &protocol_registry(&scratch));
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(
        std::fs::read(protocol_registry(&scratch)).unwrap()
            == iana_file("iana-protocol-numbers-2024-10-24.csv")
    );
    assert_eq!(scratch.read("protocol-numbers.updated"), "2024-10-24\n");
    assert_eq!(scratch.read("README.md"), readme);
}

#[test]
fn a_source_is_refused_for_a_registry_of_the_other_kind() {
    let protocol_xml = iana_file("iana-protocol-numbers-2024-10-24.xml");
    // By content: the port registry's CSV for protocol-numbers.csv, and the reverse.
    let scratch = protocol_scratch("wrong-kind", Some(PROTOCOL_README));
    let before = protocol_files(&scratch);
    let ports = scratch.write("ports.csv", &newer_registry());
    let output = update(ports.to_str().unwrap(), &protocol_registry(&scratch));
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "ports.csv is IANA's service name and port number registry, but {} is IANA's protocol numbers registry; pass --registry with the file of IANA's service name and port number registry (the workspace's is registry.csv)",
            protocol_registry(&scratch).display()
        )),
        "{stderr}"
    );
    assert!(stderr.contains("was left untouched"), "{stderr}");
    assert!(protocol_files(&scratch) == before, "a file was changed");

    let scratch = Scratch::new("wrong-kind-ports");
    let source = scratch.write("p.xml", &protocol_xml);
    let output = update(source.to_str().unwrap(), &scratch.registry());
    assert_refused(
        &output,
        &scratch,
        "p.xml is IANA's protocol numbers registry, but ",
    );
    assert!(text(&output.stderr).contains("registry.csv is IANA's service name and port number registry; pass --registry with the file of IANA's protocol numbers registry (the workspace's is protocol-numbers.csv)"));

    // By name, when there is no file yet; a name of neither registry's is anyone's.
    let scratch = Scratch::empty("wrong-kind-by-name");
    let source = scratch.write("p.xml", &protocol_xml);
    let output = update(source.to_str().unwrap(), &scratch.0.join("registry.csv"));
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("registry.csv is IANA's service name and port number registry"),
        "{stderr}"
    );
    assert!(!scratch.0.join("registry.csv").exists());
    let output = update(source.to_str().unwrap(), &scratch.0.join("ip.csv"));
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(
        std::fs::read(scratch.0.join("ip.csv")).unwrap()
            == iana_file("iana-protocol-numbers-2024-10-24.csv")
    );
    assert_eq!(scratch.read("protocol-numbers.updated"), "2024-10-24\n");
}

#[test]
fn a_source_of_no_registry_the_updater_knows_is_refused() {
    let scratch = protocol_scratch("unknown-source", Some(PROTOCOL_README));
    let before = protocol_files(&scratch);
    let sources: [(&str, &[u8], &str); 2] = [
        (
            "other.xml",
            b"<?xml version='1.0'?>\n<registry xmlns=\"http://www.iana.org/assignments\" id=\"ipv6-parameters\"/>\n",
            "other.xml:2: not a registry the updater knows: <registry id=\"ipv6-parameters\">, where IANA's XML has <registry id=\"service-names-port-numbers\" or \"protocol-numbers\">",
        ),
        (
            "other.csv",
            b"Decimal,Keyword,Protocol\r\n1,ICMP,Internet Control Message\r\n",
            "other.csv:1: neither IANA's XML nor the CSV of a registry the updater knows, whose header is `Service Name,Port Number,",
        ),
    ];
    for (name, bytes, reason) in sources {
        let source = scratch.write(name, bytes);
        let output = update(source.to_str().unwrap(), &protocol_registry(&scratch));
        let stderr = text(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(reason), "expected {reason:?} in:\n{stderr}");
        assert!(
            protocol_files(&scratch) == before,
            "{name}: a file was changed"
        );
    }
}

#[test]
fn a_malformed_protocol_numbers_xml_is_refused_with_its_line() {
    let xml = String::from_utf8(iana_file("iana-protocol-numbers-2024-10-24.xml")).unwrap();
    let line_of = |xml: &str, at: &str| xml[..xml.find(at).unwrap()].matches('\n').count() + 1;
    // What the converter does not map, at the node; what the build refuses, at its <record>.
    let converter = xml.replacen("<ipv6>Y</ipv6>", "<ipv6>Y<br/></ipv6>", 1);
    let build = xml.replacen("<value>5</value>", "<value>300</value>", 1);
    let record = build[..build.find("<value>300").unwrap()]
        .rfind("<record")
        .unwrap();
    let cases = [
        (
            converter.clone(),
            format!(
                "odd.xml:{}: unexpected element <br> inside <ipv6>, which holds only text",
                line_of(&converter, "<br/>")
            ),
        ),
        (
            build.clone(),
            format!(
                "odd.xml:{}: protocol number `300` is out of range (0-255)",
                build[..record].matches('\n').count() + 1
            ),
        ),
    ];
    for (xml, reason) in cases {
        let scratch = protocol_scratch("protocol-malformed", Some(PROTOCOL_README));
        let before = protocol_files(&scratch);
        let source = scratch.write("odd.xml", xml.as_bytes());
        let output = update(source.to_str().unwrap(), &protocol_registry(&scratch));
        let stderr = text(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(
            stderr.contains(&reason),
            "expected {reason:?} in:\n{stderr}"
        );
        assert!(stderr.contains("was left untouched"), "{stderr}");
        assert!(protocol_files(&scratch) == before, "a file was changed");
    }
}
