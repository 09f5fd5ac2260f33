//! `cargo xtask update-registry [--from FILE_OR_URL] [--check]`: replace `registry.csv` (or
//! `protocol-numbers.csv`) with a newer IANA snapshot, read from IANA's XML or CSV, validated by
//! the parser the build uses, and say what changed.
//!
//! It depends on the generator (`ianaports-codegen`), never on the library `ianaports`: the
//! library's build reads `registry.csv`, so a registry that stops that build must not stop the
//! tool that replaces it.

#![warn(missing_docs, unreachable_pub)]

mod canonical;
mod diff;
mod fetch;
mod iana_xml;
mod install;
mod protocol_numbers_xml;
mod registry;
mod snapshot;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::registry::{Form, Kind, Ports, ProtocolNumbers, Registry};
use crate::snapshot::{Installed, Snapshot};

/// Where IANA publishes the port registry in its master form, XML.
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
    /// Fetch a registry, validate it, replace registry.csv (or protocol-numbers.csv) and its
    /// date, and summarise the changes. Exit status: 0 done (or nothing to do), 1 with --check
    /// when the source differs, 2 when something went wrong (nothing is replaced then).
    UpdateRegistry {
        /// IANA's XML or CSV of the port registry or of the protocol numbers (recognised by
        /// content), as an http(s) URL or a file path.
        #[arg(long, value_name = "FILE_OR_URL", default_value = IANA_XML)]
        from: String,
        /// The registry to replace (or create), which must be of the source's kind; its date
        /// file, and the README beside it if there is one, are updated too. [default: the workspace's
        /// registry.csv, or protocol-numbers.csv for the protocol numbers]
        #[arg(long, value_name = "PATH")]
        registry: Option<PathBuf>,
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

/// The workspace's file of the registry `kind`, the one the library builds from.
fn default_registry(kind: Kind) -> PathBuf {
    let xtask = Path::new(env!("CARGO_MANIFEST_DIR"));
    xtask.parent().unwrap_or(xtask).join(kind.file_name())
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
        mut registry,
        check,
        summary,
        allow_shrink,
    } = Arguments::parse().task;
    let result = update_registry(
        &from,
        &mut registry,
        check,
        summary.as_deref(),
        allow_shrink,
    );
    // Before the source tells which registry it is, there is no default registry to name.
    let registry = registry.map_or("the registry".to_owned(), |path| path.display().to_string());
    match result {
        Ok(Installed::Nothing) => {
            say(&format!(
                "{registry} already holds this snapshot; nothing to do\n"
            ));
            ExitCode::SUCCESS
        }
        Ok(Installed::WouldChange) => ExitCode::from(1),
        Ok(Installed::Replaced) => ExitCode::SUCCESS,
        Err(Failure::BeforeInstalling(message)) => {
            complain(&format!(
                "error: {message}\n{registry} was left untouched\n"
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

/// Reads the source, tells which registry it is, and updates that registry's file: `registry`,
/// or when that is `None`, the workspace's file of the registry, which `registry` is then set
/// to. A `registry` of the other kind is refused.
fn update_registry(
    from: &str,
    registry: &mut Option<PathBuf>,
    check: bool,
    summary_file: Option<&Path>,
    allow_shrink: bool,
) -> Result<Installed, Failure> {
    let bytes = fetch::fetch(from)?;
    let (kind, form) = registry::identify(&bytes, from)?;
    let registry = registry.get_or_insert_with(|| default_registry(kind));
    let shown = registry.display();
    let current = match std::fs::read(&*registry) {
        Ok(bytes) => Some(bytes),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
        Err(error) => return Err(format!("{shown}: {error}").into()),
    };
    let installed = Kind::of_installed(registry, current.as_deref());
    if let Some(other) = installed.filter(|&other| other != kind) {
        return Err(format!(
            "{from} is {}, but {shown} is {}; pass --registry with the file of {} (the workspace's is {})",
            kind.what(),
            other.what(),
            kind.what(),
            kind.file_name(),
        )
        .into());
    }
    let update = Update {
        from,
        bytes: &bytes,
        form: &form,
        registry,
        current,
        check,
        summary_file,
        allow_shrink,
    };
    match kind {
        Kind::Ports => update.run::<Ports>(),
        Kind::ProtocolNumbers => update.run::<ProtocolNumbers>(),
    }
}

/// One update, its source read and its registry chosen.
struct Update<'a> {
    from: &'a str,
    bytes: &'a [u8],
    form: &'a Form<'a>,
    registry: &'a Path,
    /// The registry's bytes; `None` when there is no registry yet.
    current: Option<Vec<u8>>,
    check: bool,
    summary_file: Option<&'a Path>,
    allow_shrink: bool,
}

impl Update<'_> {
    /// Reads the source and the current registry, says what would change, and unless `check`
    /// installs the source.
    fn run<R: Registry>(self) -> Result<Installed, Failure> {
        let from = self.from;
        let new = Snapshot::<R>::read_source(self.bytes, self.form, from)?;
        let current = Snapshot::<R>::read_installed(self.registry, self.current)?;
        if !self.allow_shrink && new.records.len() * 10 < current.records.len() * 9 {
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
            diff::summarise::<R>(&current.records, &new.records)
        );
        if let Some(path) = self.summary_file {
            std::fs::write(path, &summary).map_err(|e| format!("{}: {e}", path.display()))?;
        }
        // The summary comes first, so what is about to change is on screen before it changes.
        say(&summary);
        if self.check {
            return Ok(Installed::WouldChange);
        }
        new.install(&current, self.registry)?;
        say(&format!(
            "{} replaced from {from}\n",
            self.registry.display()
        ));
        Ok(Installed::Replaced)
    }
}
