//! `cargo xtask update-registry [--from FILE_OR_URL] [--check]`: replace `registry.csv` with a
//! newer IANA snapshot, read from IANA's XML or CSV, validated by the parser the build uses, and
//! say what changed.
//!
//! It depends on the generator (`ianaports-codegen`), never on the library `ianaports`: the
//! library's build reads `registry.csv`, so a registry that stops that build must not stop the
//! tool that replaces it.

#![warn(missing_docs, unreachable_pub)]

mod canonical;
mod diff;
mod fetch;
mod iana_xml;
mod snapshot;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::snapshot::{Installed, Snapshot};

/// Where IANA publishes the registry in its master form, XML.
const IANA_XML: &str =
    "https://www.iana.org/assignments/service-names-port-numbers/service-names-port-numbers.xml";

// The command line. (Not a doc comment: clap would show it as the command's description.)
#[derive(Debug, Parser)]
#[command(name = "cargo xtask")]
struct Arguments {
    #[command(subcommand)]
    task: Task,
}

// The tasks, one so far. (Not a doc comment, as above.)
#[derive(Debug, Subcommand)]
enum Task {
    /// Fetch the registry, validate it, replace registry.csv and its date, and summarise the
    /// changes. Exit status: 0 done (or nothing to do), 1 with --check when the source differs,
    /// 2 when something went wrong (nothing is replaced then).
    UpdateRegistry {
        /// IANA's XML or CSV (recognised by content), as an http(s) URL or a file path.
        #[arg(long, value_name = "FILE_OR_URL", default_value = IANA_XML)]
        from: String,
        /// The registry to replace; its date file, and the README beside it if there is one, are
        /// updated too.
        #[arg(long, value_name = "PATH", default_value_os_t = default_registry())]
        registry: PathBuf,
        /// Change nothing: exit with 1 when the source differs from the registry, 0 when not.
        #[arg(long)]
        check: bool,
        /// Also write the summary of changes to this file (for a pull request's description).
        #[arg(long, value_name = "PATH")]
        summary: Option<PathBuf>,
        /// Accept a registry with more than 10% fewer records than the current one.
        #[arg(long)]
        allow_shrink: bool,
    },
}

/// The workspace's `registry.csv`, the one the library builds from.
fn default_registry() -> PathBuf {
    let xtask = Path::new(env!("CARGO_MANIFEST_DIR"));
    xtask.parent().unwrap_or(xtask).join("registry.csv")
}

/// Writes to stdout. A reader that has gone away (`| head -1`) is no reason to stop, and must
/// not be a panic: what could not be written is dropped.
fn say(text: &str) {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

/// Writes to stderr; a closed stderr is no reason to panic.
fn complain(text: &str) {
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// Why an update failed: before anything was written, or while installing.
enum Failure {
    /// Nothing was written; the message says why.
    BeforeInstalling(String),
    /// The install failed; the message says what was and was not changed.
    Installing(String),
}

impl From<String> for Failure {
    fn from(message: String) -> Failure {
        Failure::BeforeInstalling(message)
    }
}

fn main() -> ExitCode {
    let Task::UpdateRegistry {
        from,
        registry,
        check,
        summary,
        allow_shrink,
    } = Arguments::parse().task;
    let result = update_registry(&from, &registry, check, summary.as_deref(), allow_shrink);
    match result {
        Ok(Installed::Nothing) => {
            say(&format!(
                "{} already holds this snapshot; nothing to do\n",
                registry.display()
            ));
            ExitCode::SUCCESS
        }
        Ok(Installed::WouldChange) => ExitCode::from(1),
        Ok(Installed::Replaced) => ExitCode::SUCCESS,
        Err(Failure::BeforeInstalling(message)) => {
            complain(&format!(
                "error: {message}\n{} was left untouched\n",
                registry.display()
            ));
            ExitCode::from(2)
        }
        // The install's own message says what was and was not changed.
        Err(Failure::Installing(message)) => {
            complain(&format!("error: {message}\n"));
            ExitCode::from(2)
        }
    }
}

/// Reads the source and the current registry, says what would change, and unless `check`
/// installs the source.
fn update_registry(
    from: &str,
    registry: &Path,
    check: bool,
    summary_file: Option<&Path>,
    allow_shrink: bool,
) -> Result<Installed, Failure> {
    let new = Snapshot::read_source(&fetch::fetch(from)?, from)?;
    let current = Snapshot::read_installed(registry)?;
    if !allow_shrink && new.records.len() * 10 < current.records.len() * 9 {
        return Err(Failure::BeforeInstalling(format!(
            "{from} has {} records, more than 10% fewer than the current {}; pass --allow-shrink if that is right",
            new.records.len(),
            current.records.len()
        )));
    }
    if !new.differs_from(&current) {
        return Ok(Installed::Nothing);
    }
    let summary = format!(
        "{}\n{}",
        new.describe_change_from(&current),
        diff::summarise(&current.records, &new.records)
    );
    if let Some(path) = summary_file {
        std::fs::write(path, &summary).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    // The summary comes first, so what is about to change is on screen before it changes.
    say(&summary);
    if check {
        return Ok(Installed::WouldChange);
    }
    new.install(&current, registry)?;
    say(&format!("{} replaced from {from}\n", registry.display()));
    Ok(Installed::Replaced)
}
