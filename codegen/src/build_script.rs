//! What `ianaports`' `build.rs` does: picks the registry and the tables, tells cargo what to
//! watch, and generates.

use std::path::{Path, PathBuf};

use crate::{
    Error, Features, GeneratedTables, REGISTRY_ENV, Reason, UPDATED_FILE, build_tables, emit,
    parse_updated,
};

/// Reads `registry`, and writes the generated tables into `out_dir`.
pub fn generate(
    registry: &Path,
    file_name: &str,
    updated: Option<&str>,
    features: Features,
    out_dir: &Path,
) -> Result<GeneratedTables, Error> {
    let error = |reason| Error::new(file_name, None, reason);
    let bytes = std::fs::read(registry)
        .map_err(|err| error(Reason::Unreadable(format!("{}: {err}", registry.display()))))?;
    let tables = build_tables(&bytes, file_name, updated, features)?;
    emit::write(&tables, file_name, out_dir)
        .map_err(|err| error(Reason::CannotWrite(format!("{}: {err}", out_dir.display()))))?;
    Ok(tables)
}

/// [`crate::build_script_main`]: a bad registry stops the build with `FILE:LINE: reason`.
pub(crate) fn main() {
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
