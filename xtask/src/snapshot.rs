//! A registry snapshot as the updater reads it (from IANA's XML or CSV) and installs it:
//! `registry.csv`, the date file beside it, and the README's account of both.

use std::path::{Path, PathBuf};

use ianaports_codegen::{COLUMN_COUNT, Features, Reason, Record, UPDATED_FILE};
use sha2::{Digest, Sha256};

use crate::{Failure, canonical, diff, iana_xml};

/// Where the README keeps its account of the bundled registry, rewritten by each update.
const README_BEGIN: &str = "<!-- registry:begin -->";
const README_END: &str = "<!-- registry:end -->";

/// A registry in IANA's CSV form, with what the build reads from it.
pub(crate) struct Snapshot {
    /// The registry in IANA's CSV form.
    csv: Vec<u8>,
    /// IANA's date for the snapshot; `None` when only a CSV was read.
    updated: Option<String>,
    /// The records, as the build's parser read them from `csv` (so their lines are its lines).
    pub(crate) records: Vec<Record>,
    newest_registration_date: String,
    newest_modification_date: String,
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

impl Snapshot {
    /// Reads IANA's XML or CSV (told apart by content) and validates it as the build would.
    /// The source is read once, into rows of 12 fields; those are written out in IANA's CSV
    /// form, and that CSV, the bytes that will be installed, is what the build's parser reads.
    pub(crate) fn read_source(bytes: &[u8], from: &str) -> Result<Snapshot, String> {
        if let Some(encoding) = utf16(bytes) {
            return Err(format!(
                "{from}: the file is {encoding}; IANA publishes its registry in UTF-8 (convert it first, e.g. `iconv -f UTF-16 -t UTF-8`)"
            ));
        }
        let (rows, source_lines, updated) = if iana_xml::looks_like_xml(bytes) {
            let registry = iana_xml::read(bytes, from)?;
            let updated = Some((registry.updated, registry.updated_line));
            (registry.rows, registry.lines, updated)
        } else {
            let (rows, lines) = csv_rows(bytes, from)?;
            (rows, lines, None)
        };
        let (updated, updated_line) = updated.unzip();
        let (csv, row_starts) = canonical::csv(&rows);
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

    /// The snapshot in `registry.csv` and its date file.
    pub(crate) fn read_installed(registry: &Path) -> Result<Snapshot, String> {
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
        Snapshot::parse(csv, updated, &shown, None)
            .map_err(|e| format!("the current registry is invalid: {e}"))
    }

    /// Parses and lays out `csv` (named `file_name` in errors) as the build does, once.
    fn parse(
        csv: Vec<u8>,
        updated: Option<String>,
        file_name: &str,
        source: Option<(String, String)>,
    ) -> Result<Snapshot, ianaports_codegen::Error> {
        let records = ianaports_codegen::parse_registry(&csv, file_name)?;
        let tables = ianaports_codegen::build_tables_from(
            &records,
            file_name,
            updated.as_deref(),
            Features::ALL,
        )?;
        Ok(Snapshot {
            csv,
            updated,
            records,
            newest_registration_date: tables.newest_registration_date,
            newest_modification_date: tables.newest_modification_date,
            source,
        })
    }

    /// Whether installing this snapshot would change anything: a record, or IANA's date. The
    /// bytes alone do not count: a copy with other line ends holds the same registry.
    pub(crate) fn differs_from(&self, current: &Snapshot) -> bool {
        !diff::same_records(&current.records, &self.records)
            || (self.updated.is_some() && self.updated != current.updated)
    }

    /// One line on the snapshot's date, before and after.
    pub(crate) fn describe_change_from(&self, current: &Snapshot) -> String {
        format!(
            "IANA's date for the snapshot: {} (was {})",
            self.updated
                .as_deref()
                .unwrap_or("unknown, only a CSV was read"),
            current.updated.as_deref().unwrap_or("unknown")
        )
    }

    /// Replaces the registry, its date file and the README's account of them (where a README
    /// stands beside the registry), all or none. What will be written is first checked with
    /// the build's own code; then every new file is written beside its target, and only when
    /// all are written are they renamed into place, each old file kept aside until the last
    /// rename; on any failure the old files are put back. The error says what was changed.
    pub(crate) fn install(&self, current: &Snapshot, registry: &Path) -> Result<(), Failure> {
        let records_changed = !diff::same_records(&current.records, &self.records);
        // The registry that will be in place: the new CSV, or the current one kept.
        let installed = if records_changed { self } else { current };
        let updated_file = registry.with_file_name(UPDATED_FILE);
        // IANA's date for the old snapshot would be wrong for new records.
        let updated = match (&self.updated, records_changed) {
            (Some(updated), _) => Some(updated.as_str()),
            (None, true) => None,
            (None, false) => current.updated.as_deref(),
        };
        let updated_bytes = updated.map(|updated| format!("{updated}\n").into_bytes());
        check_as_the_build_does(&installed.records, updated_bytes.as_deref())?;
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
        match std::fs::read_to_string(&readme) {
            Ok(text) => {
                let text = self.rewrite_readme(&text, &sha256(&installed.csv)).ok_or_else(|| {
                    Failure::BeforeInstalling(format!(
                        "{}: no `{README_BEGIN}` ... `{README_END}` block to describe the registry in",
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

/// Refuses to install a registry and date file that `cargo build` would refuse. `records` are
/// what the build's parser read from the registry to be installed (see [`Snapshot::parse`]), so
/// only the date file is left to read, and the tables to lay out with it.
fn check_as_the_build_does(records: &[Record], updated: Option<&[u8]>) -> Result<(), String> {
    let refused =
        |error: ianaports_codegen::Error| format!("the files to install would not build: {error}");
    let updated = updated
        .map(|bytes| ianaports_codegen::parse_updated(bytes, UPDATED_FILE))
        .transpose()
        .map_err(refused)?;
    ianaports_codegen::build_tables_from(
        records,
        "registry.csv",
        updated.as_deref(),
        Features::ALL,
    )
    .map_err(refused)?;
    Ok(())
}

/// A CSV source's rows of a field per column, and the line of the source each starts on.
fn csv_rows(bytes: &[u8], from: &str) -> Result<(Vec<[String; COLUMN_COUNT]>, Vec<u64>), String> {
    // A CSV cut inside its last field would still parse, as a shorter field.
    if !bytes.ends_with(b"\n") {
        return Err(format!(
            "{from}: the file does not end with a line break; the download looks cut short"
        ));
    }
    let rows = ianaports_codegen::read_rows(bytes, from).map_err(|error| error.to_string())?;
    Ok(rows
        .into_iter()
        .map(|(line, row)| (row.into_cells(), line))
        .unzip())
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

/// The UTF-16 form `bytes` are in, told by a byte-order mark or by the NUL bytes of `<` or
/// an ASCII letter; `None` for anything else.
fn utf16(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xFE, ..] | [b'<' | b'A'..=b'z', 0, ..] => Some("UTF-16 (little-endian)"),
        [0xFE, 0xFF, ..] | [0, b'<' | b'A'..=b'z', ..] => Some("UTF-16 (big-endian)"),
        _ => None,
    }
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

/// One file an install writes (or removes).
struct Change {
    path: PathBuf,
    /// The new contents; `None` removes the file.
    bytes: Option<Vec<u8>>,
}

impl Change {
    fn write(path: &Path, bytes: Vec<u8>) -> Change {
        Change {
            path: path.to_owned(),
            bytes: Some(bytes),
        }
    }

    fn remove(path: &Path) -> Change {
        Change {
            path: path.to_owned(),
            bytes: None,
        }
    }

    fn beside(&self, suffix: &str) -> PathBuf {
        let mut path = self.path.as_os_str().to_owned();
        path.push(suffix);
        PathBuf::from(path)
    }
}

/// The files' names, for messages.
fn names(changes: &[&Change]) -> String {
    let names: Vec<String> = changes
        .iter()
        .map(|c| c.path.display().to_string())
        .collect();
    names.join(", ")
}

/// Makes every change or none. Each new file is written (and synced) as `PATH.new`, which
/// must not exist yet, so nothing of anyone else's is overwritten; then each old file is moved
/// to `PATH.old` and the new one renamed into place; the `.old` files go when all are in place.
fn install_all(changes: &[Change]) -> Result<(), String> {
    install_all_renaming(changes, |from, to| std::fs::rename(from, to))
}

/// [`install_all`], renaming with `rename` (which the tests make fail).
fn install_all_renaming(
    changes: &[Change],
    rename: impl Fn(&Path, &Path) -> std::io::Result<()>,
) -> Result<(), String> {
    use std::io::Write;
    let mut written: Vec<PathBuf> = Vec::new();
    let discard = |written: &[PathBuf]| {
        for path in written {
            let _ = std::fs::remove_file(path);
        }
    };
    for change in changes {
        let Some(bytes) = &change.bytes else { continue };
        let temporary = change.beside(".new");
        let result = std::fs::File::options()
            .write(true)
            .create_new(true)
            .open(&temporary)
            .and_then(|mut file| {
                written.push(temporary.clone());
                file.write_all(bytes)?;
                file.sync_all()
            });
        if let Err(error) = result {
            discard(&written);
            return Err(format!(
                "{}: {error}; nothing was changed",
                temporary.display()
            ));
        }
    }
    for change in changes {
        let old = change.beside(".old");
        if std::fs::symlink_metadata(&old).is_ok() {
            discard(&written);
            return Err(format!(
                "{} is in the way (left from an earlier update?); nothing was changed",
                old.display()
            ));
        }
    }
    // (change, whether its old file was moved aside) for each change made so far.
    let mut done: Vec<(&Change, bool)> = Vec::new();
    for change in changes {
        let old = change.beside(".old");
        let existed = change.path.exists();
        let step = (|| {
            if existed {
                rename(&change.path, &old)?;
            }
            done.push((change, existed));
            if change.bytes.is_some() {
                rename(&change.beside(".new"), &change.path)?;
            }
            Ok::<(), std::io::Error>(())
        })();
        if let Err(error) = step {
            let failed = format!("{}: {error}", change.path.display());
            let mut not_restored = Vec::new();
            for &(change, existed) in done.iter().rev() {
                let restored = if existed {
                    rename(&change.beside(".old"), &change.path)
                } else {
                    std::fs::remove_file(&change.path)
                };
                if restored.is_err() {
                    not_restored.push(change);
                }
            }
            discard(&written);
            return Err(if not_restored.is_empty() {
                format!("{failed}; every file was put back, nothing was changed")
            } else {
                format!(
                    "{failed}; could not put back {} (the old contents are in the same names with .old)",
                    names(&not_restored)
                )
            });
        }
    }
    for change in changes {
        let _ = std::fs::remove_file(change.beside(".old"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("ianaports-install-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for file in ["a", "b", "c"] {
            std::fs::write(dir.join(file), format!("old {file}")).unwrap();
        }
        dir
    }

    fn contents(dir: &Path) -> Vec<(String, String)> {
        let mut files: Vec<(String, String)> = std::fs::read_dir(dir)
            .unwrap()
            .map(|entry| {
                let entry = entry.unwrap();
                let text = std::fs::read_to_string(entry.path()).unwrap();
                (entry.file_name().to_string_lossy().into_owned(), text)
            })
            .collect();
        files.sort();
        files
    }

    /// Writes `a` and `c`, removes `b`.
    fn changes(dir: &Path) -> [Change; 3] {
        [
            Change::write(&dir.join("a"), b"new a".to_vec()),
            Change::remove(&dir.join("b")),
            Change::write(&dir.join("c"), b"new c".to_vec()),
        ]
    }

    #[test]
    fn a_failed_rename_at_any_step_puts_every_file_back() {
        let dir = scratch("rollback");
        let changes = changes(&dir);
        let before = contents(&dir);
        // Renames in order: a -> a.old, a.new -> a, b -> b.old, c -> c.old, c.new -> c.
        for failing in 0..5 {
            let calls = Cell::new(0);
            let rename = |from: &Path, to: &Path| {
                calls.set(calls.get() + 1);
                if calls.get() == failing + 1 {
                    return Err(std::io::Error::other("injected"));
                }
                std::fs::rename(from, to)
            };
            let error = install_all_renaming(&changes, rename).unwrap_err();
            assert!(
                error.ends_with("every file was put back, nothing was changed"),
                "{error}"
            );
            assert_eq!(contents(&dir), before, "rename {failing} failed");
        }
        install_all(&changes).unwrap();
        let after = [("a", "new a"), ("c", "new c")].map(|(f, t)| (f.to_owned(), t.to_owned()));
        assert_eq!(contents(&dir), after);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_file_in_the_way_changes_nothing_and_is_not_overwritten() {
        for blocked in ["a.new", "c.new", "b.old"] {
            let dir = scratch("blocked");
            std::fs::write(dir.join(blocked), "someone else's").unwrap();
            let before = contents(&dir);
            let changes = changes(&dir);
            let error = install_all(&changes).unwrap_err();
            assert!(error.ends_with("nothing was changed"), "{error}");
            assert_eq!(contents(&dir), before, "{blocked} in the way");
            std::fs::remove_dir_all(&dir).unwrap();
        }
    }
}
