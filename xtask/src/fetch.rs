//! Bytes of a registry from a file or an http(s) URL.

use std::time::Duration;

/// Bounds what a misbehaving server, or a file (a pipe, a device, a huge download), can make
/// us hold; the registry is about 4 MiB as XML.
const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// The bytes at `from`: an http(s) URL, or else a file's path. An HTML page is refused, and so
/// is anything over [`MAX_BYTES`].
pub(crate) fn fetch(from: &str) -> Result<Vec<u8>, String> {
    if !(from.starts_with("http://") || from.starts_with("https://")) {
        return read_file(from);
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(120)))
        .build()
        .into();
    let mut response = agent.get(from).call().map_err(|e| format!("{from}: {e}"))?;
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|value| value.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    // ureq itself refuses a body shorter than its Content-Length.
    let body = response
        .body_mut()
        .with_config()
        .limit(MAX_BYTES)
        .read_to_vec()
        .map_err(|e| format!("{from}: the download failed: {e}"))?;
    if content_type.starts_with("text/html") {
        return Err(format!(
            "{from}: the server sent an HTML page (Content-Type {content_type}), not the CSV"
        ));
    }
    Ok(body)
}

/// A local file's bytes, refusing more than [`MAX_BYTES`] without reading more than that,
/// whatever the file is (a FIFO or `/dev/zero` has no size to ask for).
fn read_file(from: &str) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let file = std::fs::File::open(from).map_err(|e| format!("{from}: {e}"))?;
    let mut bytes = Vec::new();
    file.take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{from}: {e}"))?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(format!(
            "{from}: more than {} MiB; the registry is about 4 MiB",
            MAX_BYTES >> 20
        ));
    }
    Ok(bytes)
}
