//! The build-time half of [`ianaports`](https://docs.rs/ianaports): reads IANA's
//! `service-names-port-numbers.csv`, validates every record, and writes the tables the library
//! compiles in.
//!
//! One path for the data, one module a step:
//! [`csv_rows`] (CSV -> raw rows) -> [`validate`] (raw rows -> [`Record`]s) ->
//! [`tables`] (records -> byte tables) -> [`emit`] (tables -> files in `OUT_DIR`).
//!
//! ```
//! let csv = "Service Name,Port Number,Transport Protocol,Description,Assignee,Contact,\
//! Registration Date,Modification Date,Reference,Service Code,Unauthorized Use Reported,\
//! Assignment Notes\nfoo,70000,tcp,,,,,,,,,\n";
//! let error = ianaports_codegen::parse_registry(csv.as_bytes(), "registry.csv").unwrap_err();
//! assert_eq!(error.to_string(), "registry.csv:2: port number `70000` is out of range (0-65535)");
//! ```

pub mod csv_rows;
pub mod emit;
mod error;
pub mod tables;
pub mod validate;

use std::path::{Path, PathBuf};

pub use error::{Error, LineReason, Reason};
pub use tables::{Features, Tables};
pub use validate::{PortRange, Protocol, Record};

/// Set to a CSV path to build `ianaports` from that registry instead of the bundled one.
pub const REGISTRY_ENV: &str = "IANAPORTS_REGISTRY";

/// Parses and validates a whole registry. `file_name` is only used in error messages.
pub fn parse_registry(bytes: &[u8], file_name: &str) -> Result<Vec<Record>, Error> {
    let at = |line: Option<u64>, reason: Reason| Error {
        file: file_name.to_owned(),
        line,
        reason,
    };
    let rows = csv_rows::read_rows(bytes).map_err(|(line, reason)| at(line, reason))?;
    rows.into_iter()
        .map(|(line, row)| validate::validate(line, row).map_err(|reason| at(Some(line), reason)))
        .collect()
}

/// Parses, validates and lays out a registry.
pub fn build_tables(bytes: &[u8], file_name: &str, features: Features) -> Result<Tables, Error> {
    let records = parse_registry(bytes, file_name)?;
    tables::build(&records, features).map_err(|(line, reason)| Error {
        file: file_name.to_owned(),
        line,
        reason,
    })
}

/// Reads `registry`, and writes the generated tables into `out_dir`.
pub fn generate(
    registry: &Path,
    file_name: &str,
    features: Features,
    out_dir: &Path,
) -> Result<Tables, Error> {
    let unreadable = |why: String| Error {
        file: file_name.to_owned(),
        line: None,
        reason: Reason::Unreadable(why),
    };
    let bytes = std::fs::read(registry).map_err(|err| unreadable(err.to_string()))?;
    let tables = build_tables(&bytes, file_name, features)?;
    emit::write(&tables, file_name, out_dir)
        .map_err(|err| unreadable(format!("writing tables: {err}")))?;
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
    let (registry, file_name, origin) = match env(REGISTRY_ENV) {
        Some(path) => {
            let path = PathBuf::from(path);
            let shown = path.display().to_string();
            (
                path,
                shown,
                format!(" (the registry named by {REGISTRY_ENV})"),
            )
        }
        None => (
            manifest_dir.join("registry.csv"),
            "registry.csv".to_owned(),
            String::new(),
        ),
    };
    println!("cargo:rerun-if-changed={}", registry.display());
    let features = Features {
        descriptions: env("CARGO_FEATURE_DESCRIPTIONS").is_some(),
        metadata: env("CARGO_FEATURE_METADATA").is_some(),
        dense_port_index: env("CARGO_FEATURE_DENSE_PORT_INDEX").is_some(),
    };
    generate(&registry, &file_name, features, &out_dir).map_err(|err| format!("{err}{origin}"))?;
    Ok(())
}
