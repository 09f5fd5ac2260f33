//! A snapshot of a registry as the updater reads it (from IANA's XML or CSV) and installs it.
//!
//! It is the registry's CSV, the date file beside it, and the README's account of both; the
//! same for every registry, whose own part is its [`Registry`].

use std::path::Path;

use ianaports_codegen::Reason;
use sha2::{Digest, Sha256};

use crate::install::{Change, install_all};
use crate::registry::{Form, Registry};
use crate::{Failure, canonical, diff};

/// A registry in IANA's CSV form, with what the build reads from it.
pub(crate) struct Snapshot<R: Registry> {
    /// The registry in IANA's CSV form; empty when there is no registry yet.
    csv: Vec<u8>,
    /// IANA's date for the snapshot; `None` when only a CSV was read.
    updated: Option<String>,
    /// The records, as the build's parser read them from `csv` (so their lines are its lines).
    pub(crate) records: Vec<R::Record>,
    /// What the README says of the records besides their number (see [`Registry::lay_out`]).
    facts: Vec<(&'static str, String)>,
    /// Where it came from: a URL, or a file's name, with the SHA-256 of what was read.
    source: Option<(String, String)>,
}

/// What the update did.
pub(crate) enum Installed {
    /// The registry already was this snapshot.
    Nothing,
    /// `--check`: the registry is not this snapshot.
    WouldChange,
    /// The registry, its date file and the README's account of them were replaced.
    Replaced,
}

impl<R: Registry> Snapshot<R> {
    /// Reads IANA's XML or CSV (`bytes` from `from`, in `form`) and validates it as the build
    /// would. The source is read once, into rows of a field per column; those are written out
    /// in IANA's CSV form, and that CSV, the bytes that will be installed, is what the build's
    /// parser reads.
    pub(crate) fn read_source(
        bytes: &[u8],
        form: &Form,
        from: &str,
    ) -> Result<Snapshot<R>, String> {
        let (rows, source_lines, updated) = match form {
            Form::Xml(document) => {
                let registry = R::read_xml(document, from)?;
                let updated = Some((registry.updated, registry.updated_line));
                (registry.rows, registry.lines, updated)
            }
            Form::Csv => {
                // A CSV cut inside its last field would still parse, as a shorter field.
                if !bytes.ends_with(b"\n") {
                    return Err(format!(
                        "{from}: the file does not end with a line break; the download looks cut short"
                    ));
                }
                let (rows, lines) = R::read_csv(bytes, from)?;
                (rows, lines, None)
            }
        };
        let (updated, updated_line) = updated.unzip();
        let (csv, row_starts) = canonical::csv(R::KIND.header(), &rows);
        // Errors name the line in the source: of the CSV row, or of the <record>, it came from.
        let source_line = |line: Option<u64>| {
            let row = row_starts.binary_search(&line?).ok()?;
            source_lines.get(row).copied()
        };
        let located_error = |error: ianaports_codegen::Error| match (&error.reason, updated_line) {
            // The build says this of its date file; here the date is the XML's <updated>.
            (Reason::UpdatedBeforeRecords { updated, newest }, Some(line)) => located(
                from,
                Some(line),
                &format!("<updated> is {updated}, but a record is dated {newest}"),
            ),
            _ => located(from, source_line(error.line), &error.reason.to_string()),
        };
        let source = Some((label(from), sha256(bytes)));
        Snapshot::parse(csv, updated, from, source).map_err(located_error)
    }

    /// The snapshot installed at `registry`, whose bytes are `csv` (`None` when there is no
    /// registry yet), and its date file.
    pub(crate) fn read_installed(
        registry: &Path,
        csv: Option<Vec<u8>>,
    ) -> Result<Snapshot<R>, String> {
        let updated_file = registry.with_file_name(R::KIND.updated_file());
        let updated = match std::fs::read(&updated_file) {
            Ok(bytes) => Some(
                ianaports_codegen::parse_updated(&bytes, &updated_file.display().to_string())
                    .map_err(|e| format!("the current registry's date is invalid: {e}"))?,
            ),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
            Err(error) => return Err(format!("{}: {error}", updated_file.display())),
        };
        let Some(csv) = csv else {
            return Ok(Snapshot {
                csv: Vec::new(),
                updated,
                records: Vec::new(),
                facts: Vec::new(),
                source: None,
            });
        };
        Snapshot::parse(csv, updated, &registry.display().to_string(), None)
            .map_err(|e| format!("the current registry is invalid: {e}"))
    }

    /// Parses and lays out `csv` (named `file_name` in errors) as the build does, once.
    fn parse(
        csv: Vec<u8>,
        updated: Option<String>,
        file_name: &str,
        source: Option<(String, String)>,
    ) -> Result<Snapshot<R>, ianaports_codegen::Error> {
        let records = R::parse(&csv, file_name)?;
        let facts = R::lay_out(&records, file_name, updated.as_deref())?;
        Ok(Snapshot {
            csv,
            updated,
            records,
            facts,
            source,
        })
    }

    /// Whether installing this snapshot would change anything: a record, or IANA's date. The
    /// bytes alone do not count: a copy with other line ends holds the same registry.
    pub(crate) fn differs_from(&self, current: &Snapshot<R>) -> bool {
        !diff::same_records::<R>(&current.records, &self.records)
            || (self.updated.is_some() && self.updated != current.updated)
    }

    /// One line on the snapshot's date, before and after.
    pub(crate) fn describe_change_from(&self, current: &Snapshot<R>) -> String {
        format!(
            "IANA's date for the snapshot: {} (was {})",
            self.updated
                .as_deref()
                .unwrap_or("unknown, only a CSV was read"),
            current.updated.as_deref().unwrap_or("unknown")
        )
    }

    /// Replaces the registry, its date file and the README's account of them (where a README
    /// stands beside the registry), all or none ([`install_all`]). What will be written is
    /// first checked with the build's own code. The error says what was changed.
    pub(crate) fn install(&self, current: &Snapshot<R>, registry: &Path) -> Result<(), Failure> {
        let records_changed = !diff::same_records::<R>(&current.records, &self.records);
        // The registry that will be in place: the new CSV, or the current one kept.
        let installed = if records_changed { self } else { current };
        let updated_file = registry.with_file_name(R::KIND.updated_file());
        // IANA's date for the old snapshot would be wrong for new records.
        let updated = match (&self.updated, records_changed) {
            (Some(updated), _) => Some(updated.as_str()),
            (None, true) => None,
            (None, false) => current.updated.as_deref(),
        };
        let updated_bytes = updated.map(|updated| format!("{updated}\n").into_bytes());
        check_as_the_build_does::<R>(&installed.records, updated_bytes.as_deref())?;
        let mut changes = Vec::new();
        if records_changed {
            changes.push(Change::write(registry, installed.csv.clone()));
        }
        match updated_bytes {
            Some(bytes) => changes.push(Change::write(&updated_file, bytes)),
            None if updated_file.exists() => changes.push(Change::remove(&updated_file)),
            None => {}
        }
        let readme = registry.with_file_name("README.md");
        let (begin, end) = readme_markers::<R>();
        match std::fs::read_to_string(&readme) {
            Ok(text) if !text.contains(&begin) && !R::KIND.readme_block_required() => {}
            Ok(text) => {
                let text = self
                    .rewrite_readme(&text, &sha256(&installed.csv))
                    .ok_or_else(|| {
                        Failure::BeforeInstalling(format!(
                            "{}: no `{begin}` ... `{end}` block to describe the registry in",
                            readme.display()
                        ))
                    })?;
                changes.push(Change::write(&readme, text.into_bytes()));
            }
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => return Err(format!("{}: {error}", readme.display()).into()),
        }
        install_all(&changes).map_err(Failure::Installing)
    }

    /// The README with its registry block describing this snapshot, installed with the SHA-256
    /// `installed_sha256`; `None` without a block.
    fn rewrite_readme(&self, readme: &str, installed_sha256: &str) -> Option<String> {
        let (begin, end) = readme_markers::<R>();
        let start = readme.find(&begin)?;
        let end = readme[start..].find(&end)? + start;
        let updated_file = R::KIND.updated_file();
        let updated = match &self.updated {
            Some(updated) => {
                format!("**{updated}** (IANA's `<updated>`, kept in `{updated_file}`)")
            }
            None => "not known: only a CSV was read".to_owned(),
        };
        let source = self.source.as_ref().map_or("-".to_owned(), |(label, sha)| {
            format!("`{label}` (SHA-256 `{sha}`)")
        });
        let facts: String = self
            .facts
            .iter()
            .map(|(name, value)| format!("| {name} | {value} |\n"))
            .collect();
        let block = format!(
            "{begin}\n\
             | `{}` | |\n\
             |---|---|\n\
             | IANA's date for this snapshot | {updated} |\n\
             | records | {} |\n\
             {facts}\
             | read from | {source} |\n\
             | SHA-256 | `{installed_sha256}` |\n\n\
             Written by `cargo xtask update-registry`.\n",
            R::KIND.file_name(),
            self.records.len(),
        );
        Some(format!("{}{block}{}", &readme[..start], &readme[end..]))
    }
}

/// Where the README keeps its account of the registry, rewritten by each update.
fn readme_markers<R: Registry>() -> (String, String) {
    let marker = R::KIND.readme_marker();
    (
        format!("<!-- {marker}:begin -->"),
        format!("<!-- {marker}:end -->"),
    )
}

/// Refuses to install a registry and date file that `cargo build` would refuse. `records` are
/// what the build's parser read from the registry to be installed (see [`Snapshot::parse`]), so
/// only the date file is left to read, and the tables to lay out with it.
fn check_as_the_build_does<R: Registry>(
    records: &[R::Record],
    updated: Option<&[u8]>,
) -> Result<(), String> {
    let refused =
        |error: ianaports_codegen::Error| format!("the files to install would not build: {error}");
    let updated = updated
        .map(|bytes| ianaports_codegen::parse_updated(bytes, R::KIND.updated_file()))
        .transpose()
        .map_err(refused)?;
    R::lay_out(records, R::KIND.file_name(), updated.as_deref()).map_err(refused)?;
    Ok(())
}

/// How the README names a source: a URL whole, a file by its name. The label goes into a
/// Markdown table cell, in backticks, and the README is compiled as doctests: nothing in it may
/// end the cell or the code span.
fn label(from: &str) -> String {
    let label = if from.contains("://") {
        from.to_owned()
    } else {
        Path::new(from)
            .file_name()
            .map_or(from.to_owned(), |name| name.to_string_lossy().into_owned())
    };
    label
        .chars()
        .map(|c| {
            if c.is_control() || c == '`' || c == '|' {
                '_'
            } else {
                c
            }
        })
        .collect()
}

/// `FILE:LINE: reason`, or `FILE: reason` for the whole file.
fn located(file: &str, line: Option<u64>, reason: &str) -> String {
    match line {
        Some(line) => format!("{file}:{line}: {reason}"),
        None => format!("{file}: {reason}"),
    }
}

/// The SHA-256 of `bytes`, in lower-case hex.
fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}
