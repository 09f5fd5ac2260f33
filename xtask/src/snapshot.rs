//! A registry snapshot as the updater reads it (from IANA's XML or CSV) and installs it:
//! `registry.csv`, the date file beside it, and the README's account of both.

use std::path::{Path, PathBuf};

use ianaports_codegen::{Features, Record, UPDATED_FILE};
use ianaports_codegen::{RawRow, read_rows};
use sha2::{Digest, Sha256};

use crate::{canonical, diff, iana_xml};

/// Where the README keeps its account of the bundled registry, rewritten by each update.
const README_BEGIN: &str = "<!-- registry:begin -->";
const README_END: &str = "<!-- registry:end -->";

pub struct Snapshot {
    /// The registry in IANA's CSV form.
    csv: Vec<u8>,
    /// IANA's date for the snapshot; `None` when only a CSV was read.
    updated: Option<String>,
    pub records: Vec<Record>,
    newest_registration_date: String,
    newest_modification_date: String,
    /// Where it came from: a URL, or a file's name, with the SHA-256 of what was read.
    source: Option<(String, String)>,
}

/// What the update did.
pub enum Installed {
    /// The registry already was this snapshot.
    Nothing,
    /// `--check`: the registry is not this snapshot.
    WouldChange,
    Replaced,
}

impl Snapshot {
    /// Reads IANA's XML or CSV (told apart by content) and validates it as the build would.
    pub fn read_source(bytes: &[u8], from: &str) -> Result<Snapshot, String> {
        let (rows, updated, record_lines) = if iana_xml::looks_like_xml(bytes) {
            let registry = iana_xml::read(bytes, from)?;
            (registry.rows, Some(registry.updated), Some(registry.lines))
        } else {
            // A CSV cut inside its last field would still parse, as a shorter field.
            if !bytes.ends_with(b"\n") {
                return Err(format!(
                    "{from}: the file does not end with a line break; the download looks cut short"
                ));
            }
            let rows = read_rows(bytes)
                .map_err(|(line, reason)| located(from, line, &reason.to_string()))?;
            let rows = rows.into_iter().map(|(_, row)| RawRow::into_fields(row));
            (rows.collect(), None, None)
        };
        let (csv, row_starts) = canonical::csv(&rows);
        // Errors name the CSV line; for XML, the line of the <record> it came from.
        let source_line = |line: Option<u64>| match (&record_lines, line) {
            (Some(record_lines), Some(line)) => row_starts
                .iter()
                .position(|&start| start == line)
                .and_then(|row| record_lines.get(row).copied()),
            (_, line) => line,
        };
        let located_error = |error: ianaports_codegen::Error| {
            located(from, source_line(error.line), &error.reason.to_string())
        };
        let records = ianaports_codegen::parse_registry(&csv, from).map_err(located_error)?;
        let tables = ianaports_codegen::build_tables(&csv, from, updated.as_deref(), Features::ALL)
            .map_err(located_error)?;
        let label = if from.contains("://") {
            from.to_owned()
        } else {
            Path::new(from)
                .file_name()
                .map_or(from.to_owned(), |name| name.to_string_lossy().into_owned())
        };
        Ok(Snapshot {
            csv,
            updated,
            records,
            newest_registration_date: tables.newest_registration_date,
            newest_modification_date: tables.newest_modification_date,
            source: Some((label, sha256(bytes))),
        })
    }

    /// The snapshot in `registry.csv` and its date file.
    pub fn read_installed(registry: &Path) -> Result<Snapshot, String> {
        let shown = registry.display().to_string();
        let csv = std::fs::read(registry).map_err(|e| format!("{shown}: {e}"))?;
        let updated_file = registry.with_file_name(UPDATED_FILE);
        let updated = match std::fs::read(&updated_file) {
            Ok(bytes) => Some(
                ianaports_codegen::parse_updated(&bytes, &updated_file.display().to_string())
                    .map_err(|e| format!("the current registry's date is invalid: {e}"))?,
            ),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
            Err(error) => return Err(format!("{}: {error}", updated_file.display())),
        };
        let invalid = |e: ianaports_codegen::Error| format!("the current registry is invalid: {e}");
        let records = ianaports_codegen::parse_registry(&csv, &shown).map_err(invalid)?;
        let tables =
            ianaports_codegen::build_tables(&csv, &shown, updated.as_deref(), Features::ALL)
                .map_err(invalid)?;
        Ok(Snapshot {
            csv,
            updated,
            records,
            newest_registration_date: tables.newest_registration_date,
            newest_modification_date: tables.newest_modification_date,
            source: None,
        })
    }

    /// Whether installing this snapshot would change anything: a record, or IANA's date. The
    /// bytes alone do not count: a copy with other line ends holds the same registry.
    pub fn differs_from(&self, current: &Snapshot) -> bool {
        !diff::same_records(&current.records, &self.records)
            || (self.updated.is_some() && self.updated != current.updated)
    }

    /// One line on the snapshot's date, before and after.
    pub fn describe_change_from(&self, current: &Snapshot) -> String {
        format!(
            "IANA's date for the snapshot: {} (was {})",
            self.updated
                .as_deref()
                .unwrap_or("unknown, only a CSV was read"),
            current.updated.as_deref().unwrap_or("unknown")
        )
    }

    /// Replaces the registry, its date file and the README's account of them. Each file is
    /// replaced whole, so a reader never sees half of one.
    pub fn install(&self, current: &Snapshot, registry: &Path) -> Result<(), String> {
        let records_changed = !diff::same_records(&current.records, &self.records);
        let installed = if records_changed {
            &self.csv
        } else {
            &current.csv
        };
        let readme = registry.with_file_name("README.md");
        let readme_text =
            std::fs::read_to_string(&readme).map_err(|e| format!("{}: {e}", readme.display()))?;
        let readme_text = self
            .rewrite_readme(&readme_text, &sha256(installed))
            .ok_or_else(|| {
                format!(
                    "{}: no `{README_BEGIN}` ... `{README_END}` block to describe the registry in",
                    readme.display()
                )
            })?;
        if records_changed {
            replace(registry, &self.csv)?;
        }
        let updated_file = registry.with_file_name(UPDATED_FILE);
        match &self.updated {
            Some(updated) => replace(&updated_file, format!("{updated}\n").as_bytes())?,
            // IANA's date for the old snapshot would be wrong for the new one.
            None if records_changed && updated_file.exists() => std::fs::remove_file(&updated_file)
                .map_err(|e| format!("{}: {e}", updated_file.display()))?,
            None => {}
        }
        replace(&readme, readme_text.as_bytes())
    }

    /// The README with its registry block describing this snapshot, installed with the SHA-256
    /// `installed_sha256`; `None` without a block.
    fn rewrite_readme(&self, readme: &str, installed_sha256: &str) -> Option<String> {
        let start = readme.find(README_BEGIN)?;
        let end = readme[start..].find(README_END)? + start;
        let updated = match &self.updated {
            Some(updated) => {
                format!("**{updated}** (IANA's `<updated>`, kept in `{UPDATED_FILE}`)")
            }
            None => "not known: only a CSV was read".to_owned(),
        };
        let source = self.source.as_ref().map_or("-".to_owned(), |(label, sha)| {
            format!("`{label}` (SHA-256 `{sha}`)")
        });
        let block = format!(
            "{README_BEGIN}\n\
             | `registry.csv` | |\n\
             |---|---|\n\
             | IANA's date for this snapshot | {updated} |\n\
             | records | {} |\n\
             | newest registration date | {} |\n\
             | newest modification date | {} |\n\
             | read from | {source} |\n\
             | SHA-256 | `{installed_sha256}` |\n\n\
             Written by `cargo xtask update-registry`.\n",
            self.records.len(),
            self.newest_registration_date,
            self.newest_modification_date,
        );
        Some(format!("{}{block}{}", &readme[..start], &readme[end..]))
    }
}

fn located(file: &str, line: Option<u64>, reason: &str) -> String {
    match line {
        Some(line) => format!("{file}:{line}: {reason}"),
        None => format!("{file}: {reason}"),
    }
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// Writes a sibling temporary file, syncs it, and renames it over `path`, so a reader sees the
/// old file or the new one, never a part.
fn replace(path: &Path, bytes: &[u8]) -> Result<(), String> {
    use std::io::Write;
    let failed = |e: std::io::Error| format!("{}: {e}", path.display());
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".new");
    let temporary = PathBuf::from(temporary);
    let mut file = std::fs::File::create(&temporary).map_err(failed)?;
    file.write_all(bytes).map_err(failed)?;
    file.sync_all().map_err(failed)?;
    drop(file);
    std::fs::rename(&temporary, path).map_err(failed)
}
