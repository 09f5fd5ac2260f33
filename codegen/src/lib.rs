//! The build-time half of [`ianaports`](https://docs.rs/ianaports): reads IANA's
//! `service-names-port-numbers.csv`, validates every record, and writes the tables the library
//! compiles in.
//!
//! One path for the data, one module a step: `csv_rows` (CSV -> [`RawRow`]s, with the line
//! each starts on) -> `validate` (raw rows -> [`Record`]s) -> `tables` (records ->
//! [`GeneratedTables`], laid out as `ianaports-tables` defines) -> `emit` (tables -> files in
//! `OUT_DIR`).
//!
//! Its public surface is what `ianaports`' `build.rs` ([`build_script_main`]), the updater
//! (`cargo xtask update-registry`) and the tests need. `ianaports` pins it with `=`: the tables
//! it writes are only valid for the readers of the same release.
//!
//! ```
//! let csv = "Service Name,Port Number,Transport Protocol,Description,Assignee,Contact,\
//! Registration Date,Modification Date,Reference,Service Code,Unauthorized Use Reported,\
//! Assignment Notes\nfoo,70000,tcp,,,,,,,,,\n";
//! let error = ianaports_codegen::parse_registry(csv.as_bytes(), "registry.csv").unwrap_err();
//! assert_eq!(error.to_string(), "registry.csv:2: port number `70000` is out of range (0-65535)");
//! ```

mod csv_rows;
mod emit;
mod error;
mod tables;
mod validate;

use std::path::{Path, PathBuf};

pub use csv_rows::{HEADER, RawRow, read_rows};
pub use error::{Error, LineReason, Reason};
pub use tables::{Features, GeneratedTables};
pub use ianaports_tables::{PortRange, Protocol};
pub use validate::Record;

/// Set to a CSV path to build `ianaports` from that registry instead of the bundled one.
pub const REGISTRY_ENV: &str = "IANAPORTS_REGISTRY";

/// The file beside the bundled `registry.csv` that holds the date IANA gave that snapshot (the
/// `<updated>` of its XML form), one `YYYY-MM-DD` line. `cargo xtask update-registry` writes it
/// with the registry, and removes it when it only had a CSV to go by.
pub const UPDATED_FILE: &str = "registry.updated";

/// Reads an [`UPDATED_FILE`]: one `YYYY-MM-DD` line.
pub fn parse_updated(bytes: &[u8], file_name: &str) -> Result<String, Error> {
    let error = |reason| Error {
        file: file_name.to_owned(),
        line: Some(1),
        reason,
    };
    let text = std::str::from_utf8(bytes).map_err(|_| {
        error(Reason::NotUtf8 {
            column: "the updated date",
        })
    })?;
    let date = text.strip_suffix('\n').unwrap_or(text);
    validate::check_full_date("updated date", date).map_err(error)?;
    Ok(date.to_owned())
}

/// Parses and validates a whole registry. `file_name` is only used in error messages.
pub fn parse_registry(bytes: &[u8], file_name: &str) -> Result<Vec<Record>, Error> {
    let at = |line: Option<u64>, reason: Reason| Error {
        file: file_name.to_owned(),
        line,
        reason,
    };
    let rows = read_rows(bytes).map_err(|(line, reason)| at(line, reason))?;
    rows.into_iter()
        .map(|(line, row)| validate::validate(line, row).map_err(|reason| at(Some(line), reason)))
        .collect()
}

/// Parses, validates and lays out a registry. `updated` is IANA's date for it, when known
/// (see [`UPDATED_FILE`]).
pub fn build_tables(
    bytes: &[u8],
    file_name: &str,
    updated: Option<&str>,
    features: Features,
) -> Result<GeneratedTables, Error> {
    let records = parse_registry(bytes, file_name)?;
    build_tables_from(&records, file_name, updated, features)
}

/// Lays out records already parsed and validated by [`parse_registry`] (from `file_name`),
/// for a caller that reads them too: a file is parsed once.
pub fn build_tables_from(
    records: &[Record],
    file_name: &str,
    updated: Option<&str>,
    features: Features,
) -> Result<GeneratedTables, Error> {
    tables::build(records, updated, features).map_err(|(line, reason)| Error {
        file: file_name.to_owned(),
        line,
        reason,
    })
}

/// Reads `registry`, and writes the generated tables into `out_dir`.
pub fn generate(
    registry: &Path,
    file_name: &str,
    updated: Option<&str>,
    features: Features,
    out_dir: &Path,
) -> Result<GeneratedTables, Error> {
    let error = |reason| Error {
        file: file_name.to_owned(),
        line: None,
        reason,
    };
    let bytes = std::fs::read(registry)
        .map_err(|err| error(Reason::Unreadable(format!("{}: {err}", registry.display()))))?;
    let tables = build_tables(&bytes, file_name, updated, features)?;
    emit::write(&tables, file_name, out_dir)
        .map_err(|err| error(Reason::CannotWrite(format!("{}: {err}", out_dir.display()))))?;
    Ok(tables)
}

/// The whole of `ianaports`' `build.rs`: picks the registry (bundled, or [`REGISTRY_ENV`]),
/// the tables (from the crate's features), prints the `cargo:` directives and generates.
/// A bad registry stops the build with `FILE:LINE: reason`.
pub fn build_script_main() {
    if let Err(message) = run_build_script() {
        eprintln!("error: {message}");
        std::process::exit(1);
    }
}

fn run_build_script() -> Result<(), String> {
    let env = |name: &str| std::env::var_os(name).filter(|value| !value.is_empty());
    let manifest_dir =
        PathBuf::from(env("CARGO_MANIFEST_DIR").ok_or("CARGO_MANIFEST_DIR is not set")?);
    let out_dir = PathBuf::from(env("OUT_DIR").ok_or("OUT_DIR is not set")?);
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed={REGISTRY_ENV}");
    let updated_file = manifest_dir.join(UPDATED_FILE);
    println!("cargo:rerun-if-changed={}", updated_file.display());
    let (registry, file_name, origin, updated) = match env(REGISTRY_ENV) {
        Some(path) => {
            let path = PathBuf::from(path);
            if path.is_relative() {
                return Err(relative_registry(&path));
            }
            let shown = path.display().to_string();
            (
                path,
                shown,
                format!(" (the registry named by {REGISTRY_ENV})"),
                None,
            )
        }
        None => {
            let updated = match std::fs::read(&updated_file) {
                Ok(bytes) => Some(parse_updated(&bytes, UPDATED_FILE).map_err(|e| e.to_string())?),
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
                Err(error) => return Err(format!("{}: {error}", updated_file.display())),
            };
            (
                manifest_dir.join("registry.csv"),
                "registry.csv".to_owned(),
                String::new(),
                updated,
            )
        }
    };
    println!("cargo:rerun-if-changed={}", registry.display());
    let features = Features {
        descriptions: env("CARGO_FEATURE_DESCRIPTIONS").is_some(),
        metadata: env("CARGO_FEATURE_METADATA").is_some(),
        dense_port_index: env("CARGO_FEATURE_DENSE_PORT_INDEX").is_some(),
    };
    generate(
        &registry,
        &file_name,
        updated.as_deref(),
        features,
        &out_dir,
    )
    .map_err(|err| format!("{err}{origin}"))?;
    Ok(())
}

/// A build script runs in the `ianaports` package's directory, which is not the directory the
/// user had in mind (and has a `registry.csv` of its own), so a relative path is refused.
fn relative_registry(path: &Path) -> String {
    format!(
        "{REGISTRY_ENV}={shown} is a relative path, and a build script cannot know what it is \
         relative to (cargo runs it in the ianaports package, not in your project). Give an \
         absolute path, or set the variable in your project's .cargo/config.toml, where cargo \
         makes it absolute for you:\n\n    [env]\n    {REGISTRY_ENV} = {{ value = \"{shown}\", relative = true }}\n",
        shown = path.display()
    )
}
