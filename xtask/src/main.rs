//! `cargo xtask update-registry [--from URL_OR_PATH]`: replace `registry.csv` with a newer IANA
//! snapshot, validated by the parser the build uses, and say what changed.

mod diff;
mod fetch;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use ianaports_codegen::Features;

/// Where IANA publishes the registry as CSV.
const IANA_CSV: &str =
    "https://www.iana.org/assignments/service-names-port-numbers/service-names-port-numbers.csv";

#[derive(Debug, Parser)]
#[command(name = "cargo xtask")]
struct Arguments {
    #[command(subcommand)]
    task: Task,
}

#[derive(Debug, Subcommand)]
enum Task {
    /// Fetch the registry, validate it, replace registry.csv atomically, and summarise the changes.
    UpdateRegistry {
        /// An http(s) URL or a file path; IANA's official CSV by default.
        #[arg(long, value_name = "URL_OR_PATH", default_value = IANA_CSV)]
        from: String,
        /// The file to replace.
        #[arg(long, value_name = "PATH", default_value_os_t = default_registry())]
        registry: PathBuf,
        /// Accept a registry with more than 10% fewer records than the current one.
        #[arg(long)]
        allow_shrink: bool,
    },
}

fn default_registry() -> PathBuf {
    let xtask = Path::new(env!("CARGO_MANIFEST_DIR"));
    xtask.parent().unwrap_or(xtask).join("registry.csv")
}

fn main() -> ExitCode {
    let Task::UpdateRegistry {
        from,
        registry,
        allow_shrink,
    } = Arguments::parse().task;
    match update_registry(&from, &registry, allow_shrink) {
        Ok(summary) => {
            print!("{summary}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            eprintln!("{} was left untouched", registry.display());
            ExitCode::FAILURE
        }
    }
}

/// Fetches, validates and installs a new registry, returning the summary of changes.
fn update_registry(from: &str, registry: &Path, allow_shrink: bool) -> Result<String, String> {
    let new_bytes = fetch::fetch(from)?;
    let new_records =
        ianaports_codegen::parse_registry(&new_bytes, from).map_err(|e| e.to_string())?;
    // Also lays the tables out, so a registry the library could not hold is refused here.
    ianaports_codegen::build_tables(&new_bytes, from, Features::ALL).map_err(|e| e.to_string())?;
    if !new_bytes.ends_with(b"\n") {
        return Err(format!(
            "{from}: the file does not end with a line break; the download looks cut short"
        ));
    }
    let old_bytes = std::fs::read(registry).map_err(|e| format!("{}: {e}", registry.display()))?;
    let old_records =
        ianaports_codegen::parse_registry(&old_bytes, &registry.display().to_string())
            .map_err(|e| format!("the current registry is invalid: {e}"))?;
    if !allow_shrink && new_records.len() * 10 < old_records.len() * 9 {
        return Err(format!(
            "{from} has {} records, more than 10% fewer than the current {}; pass --allow-shrink if that is right",
            new_records.len(),
            old_records.len()
        ));
    }
    let summary = diff::summarise(&old_records, &new_records);
    if old_bytes == new_bytes {
        return Ok(format!(
            "{} is already this snapshot; nothing to do\n",
            registry.display()
        ));
    }
    replace_atomically(registry, &new_bytes).map_err(|e| format!("{}: {e}", registry.display()))?;
    Ok(format!(
        "{} replaced from {from}\n{summary}",
        registry.display()
    ))
}

/// Writes a sibling temporary file, syncs it, and renames it over `path`, so a reader sees the
/// old file or the new one, never a part.
fn replace_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".new");
    let temporary = PathBuf::from(temporary);
    let mut file = std::fs::File::create(&temporary)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    drop(file);
    std::fs::rename(&temporary, path)
}
