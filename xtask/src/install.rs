//! Installing files all or none.
//!
//! Each new file is written beside its target, and only when all are written are they renamed
//! into place, each old file kept aside until the last rename; on any failure the old files are
//! put back.

use std::path::{Path, PathBuf};

/// One file an install writes (or removes).
pub(crate) struct Change {
    path: PathBuf,
    /// The new contents; `None` removes the file.
    bytes: Option<Vec<u8>>,
}

impl Change {
    /// Writes `bytes` to `path`.
    pub(crate) fn write(path: &Path, bytes: Vec<u8>) -> Change {
        Change {
            path: path.to_owned(),
            bytes: Some(bytes),
        }
    }

    /// Removes `path`.
    pub(crate) fn remove(path: &Path) -> Change {
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
pub(crate) fn install_all(changes: &[Change]) -> Result<(), String> {
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
