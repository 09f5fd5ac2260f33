//! Bytes of a registry from a file or an http(s) URL.

use std::time::Duration;

/// Bounds what a misbehaving server can make us hold; the registry is about 1 MiB.
const MAX_BYTES: u64 = 64 * 1024 * 1024;

pub fn fetch(from: &str) -> Result<Vec<u8>, String> {
    if !(from.starts_with("http://") || from.starts_with("https://")) {
        return std::fs::read(from).map_err(|e| format!("{from}: {e}"));
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
