//! `cargo xtask update-registry` against a local file and against a server on 127.0.0.1 that
//! the test runs itself: a good registry replaces the file; a truncated download, an HTML
//! page or an invalid CSV leave it untouched.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

fn bundled_registry() -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("../registry.csv")).unwrap()
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

struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir =
            std::env::temp_dir().join(format!("ianaports-xtask-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("registry.csv"), bundled_registry()).unwrap();
        Scratch(dir)
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

fn update(from: &str, registry: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["update-registry", "--from", from, "--registry"])
        .arg(registry)
        .output()
        .unwrap()
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
    assert!(
        stdout.contains("1 added, 1 removed, 1 changed\n"),
        "{stdout}"
    );
    assert!(stdout.contains("+ brand-new-svc 49000/tcp\n"), "{stdout}");
    assert!(stdout.contains("- tcpmux 1/udp\n"), "{stdout}");
    assert!(stdout.contains("~ postgresql 5432/tcp\n"), "{stdout}");
    assert!(!scratch.0.join("registry.csv.new").exists());
}

#[test]
fn a_download_from_a_local_server_replaces_the_registry() {
    let scratch = Scratch::new("http");
    let body = newer_registry();
    let output = update_from_server(&scratch, csv_head(body.len()), body.clone());
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(std::fs::read(scratch.registry()).unwrap(), body);
    assert!(text(&output.stdout).contains("1 added, 1 removed, 1 changed"));
}

fn assert_refused(output: &Output, scratch: &Scratch, reason: &str) {
    let stderr = text(&output.stderr);
    assert!(!output.status.success(), "{}", text(&output.stdout));
    assert!(stderr.contains(reason), "expected {reason:?} in:\n{stderr}");
    assert!(stderr.contains("was left untouched"), "{stderr}");
    assert_eq!(
        std::fs::read(scratch.registry()).unwrap(),
        bundled_registry()
    );
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

    // The same page from a server that calls everything CSV fails the registry's validation.
    let scratch = Scratch::new("html-as-csv");
    let output = update_from_server(&scratch, csv_head(page.len()), page.clone());
    assert_refused(&output, &scratch, ":1: the header is not IANA's 12 columns");

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
    let scratch = Scratch::new("invalid");
    let mut bytes = newer_registry();
    bytes.extend_from_slice(b"too-big,70000,tcp,Bad,,,,,,,,\r\n");
    let bad = scratch.write("bad.csv", &bytes);
    let output = update(bad.to_str().unwrap(), &scratch.registry());
    let line = bytes.iter().filter(|&&b| b == b'\n').count();
    let reason = format!("bad.csv:{line}: port number `70000` is out of range (0-65535)");
    assert_refused(&output, &scratch, &reason);
}
