//! What `ianaports`' `build.rs` does: picks the registry and the tables, tells cargo what to
//! watch, and generates.

use std::path::{Path, PathBuf};

use crate::{
    COMMON_USE_ENV, COMMON_USE_FILE, CommonUseRecord, Error, FILTER_ENV, Features, GeneratedTables,
    IP_PROTOCOLS_ENV, IP_PROTOCOLS_FILE, IP_PROTOCOLS_UPDATED_FILE, IpProtocolLayout, REGISTRY_ENV,
    Reason, UPDATED_FILE, build_filtered_tables, emit, parse_common_use, parse_ip_protocols,
    parse_registry, parse_updated,
};

/// Reads `registry`, keeps what `filter` keeps (all of it for an empty filter, see
/// [`FILTER_ENV`](crate::FILTER_ENV)), and writes the generated tables into `out_dir`.
pub fn generate(
    registry: &Path,
    file_name: &str,
    updated: Option<&str>,
    features: Features,
    filter: &str,
    out_dir: &Path,
) -> Result<GeneratedTables, Error> {
    let records = parse_registry(&read(registry, file_name)?, file_name)?;
    let tables = build_filtered_tables(&records, file_name, updated, features, filter)?;
    written(emit::write(&tables, file_name, out_dir), file_name, out_dir)?;
    Ok(tables)
}

/// Reads the protocol-numbers registry at `path`, and writes its tables into `out_dir`.
pub fn generate_ip_protocols(
    path: &Path,
    file_name: &str,
    updated: Option<&str>,
    features: Features,
    out_dir: &Path,
) -> Result<IpProtocolLayout, Error> {
    let records = parse_ip_protocols(&read(path, file_name)?, file_name)?;
    let layout = IpProtocolLayout::build(&records, updated, features, file_name)?;
    let result = emit::write_ip_protocols(&layout, file_name, out_dir);
    written(result, file_name, out_dir)?;
    Ok(layout)
}

/// Reads the ports in common use at `path`, and writes their table into `out_dir`.
pub fn generate_common_use(
    path: &Path,
    file_name: &str,
    out_dir: &Path,
) -> Result<Vec<CommonUseRecord>, Error> {
    let records = parse_common_use(&read(path, file_name)?, file_name)?;
    let result = emit::write_common_use(&records, file_name, out_dir);
    written(result, file_name, out_dir)?;
    Ok(records)
}

/// The bytes of the registry at `path`, which errors call `file_name`.
fn read(path: &Path, file_name: &str) -> Result<Vec<u8>, Error> {
    std::fs::read(path).map_err(|err| {
        let why = format!("{}: {err}", path.display());
        Error::new(file_name, None, Reason::Unreadable(why))
    })
}

/// The outcome of writing `file_name`'s tables into `out_dir`, as an [`Error`].
fn written(result: std::io::Result<()>, file_name: &str, out_dir: &Path) -> Result<(), Error> {
    result.map_err(|err| {
        let why = format!("{}: {err}", out_dir.display());
        Error::new(file_name, None, Reason::CannotWrite(why))
    })
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
    let (registry, file_name, origin, updated) = source(
        &manifest_dir,
        REGISTRY_ENV,
        "registry.csv",
        Some(UPDATED_FILE),
    )?;
    println!("cargo:rerun-if-changed={}", registry.display());
    let features = Features {
        descriptions: env("CARGO_FEATURE_DESCRIPTIONS").is_some(),
        metadata: env("CARGO_FEATURE_METADATA").is_some(),
        dense_port_index: env("CARGO_FEATURE_DENSE_PORT_INDEX").is_some(),
    };
    println!("cargo:rerun-if-env-changed={FILTER_ENV}");
    let filter = std::env::var(FILTER_ENV).or_else(|error| match error {
        std::env::VarError::NotPresent => Ok(String::new()),
        std::env::VarError::NotUnicode(_) => Err(format!("{FILTER_ENV} is not valid UTF-8")),
    })?;
    generate(
        &registry,
        &file_name,
        updated.as_deref(),
        features,
        &filter,
        &out_dir,
    )
    .map_err(|err| format!("{err}{origin}"))?;
    let (path, file_name, origin, updated) = source(
        &manifest_dir,
        IP_PROTOCOLS_ENV,
        IP_PROTOCOLS_FILE,
        Some(IP_PROTOCOLS_UPDATED_FILE),
    )?;
    println!("cargo:rerun-if-changed={}", path.display());
    generate_ip_protocols(&path, &file_name, updated.as_deref(), features, &out_dir)
        .map_err(|err| format!("{err}{origin}"))?;
    // Read only for the feature that compiles it in: without it, the build is IANA's alone.
    if env("CARGO_FEATURE_COMMON_USE").is_some() {
        let (path, file_name, origin, _) =
            source(&manifest_dir, COMMON_USE_ENV, COMMON_USE_FILE, None)?;
        println!("cargo:rerun-if-changed={}", path.display());
        generate_common_use(&path, &file_name, &out_dir).map_err(|err| format!("{err}{origin}"))?;
    }
    Ok(())
}

/// Where a registry comes from: the file named by the variable `env_name`, or the bundled
/// `bundled` with IANA's date from `updated_file` (if it has one). Returns the path, the name
/// errors give it, what errors add about its origin, and the date.
fn source(
    manifest_dir: &Path,
    env_name: &str,
    bundled: &str,
    updated_file: Option<&str>,
) -> Result<(PathBuf, String, String, Option<String>), String> {
    println!("cargo:rerun-if-env-changed={env_name}");
    match std::env::var_os(env_name).filter(|value| !value.is_empty()) {
        Some(path) => {
            let path = PathBuf::from(path);
            if path.is_relative() {
                return Err(relative_path(env_name, &path));
            }
            let shown = path.display().to_string();
            let origin = format!(" (the registry named by {env_name})");
            Ok((path, shown, origin, None))
        }
        None => {
            let updated = match updated_file {
                Some(updated_file) => bundled_date(manifest_dir, updated_file)?,
                None => None,
            };
            Ok((
                manifest_dir.join(bundled),
                bundled.to_owned(),
                String::new(),
                updated,
            ))
        }
    }
}

/// IANA's date for a bundled registry, from `updated_file` beside it, if there is one.
fn bundled_date(manifest_dir: &Path, updated_file: &str) -> Result<Option<String>, String> {
    let updated_path = manifest_dir.join(updated_file);
    println!("cargo:rerun-if-changed={}", updated_path.display());
    match std::fs::read(&updated_path) {
        Ok(bytes) => Ok(Some(
            parse_updated(&bytes, updated_file).map_err(|e| e.to_string())?,
        )),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(format!("{}: {error}", updated_path.display())),
    }
}

/// A build script runs in the `ianaports` package's directory, which is not the directory the
/// user had in mind (and has registries of its own), so a relative path is refused.
fn relative_path(env_name: &str, path: &Path) -> String {
    format!(
        "{env_name}={shown} is a relative path, and a build script cannot know what it is \
         relative to (cargo runs it in the ianaports package, not in your project). Give an \
         absolute path, or set the variable in your project's .cargo/config.toml, where cargo \
         makes it absolute for you:\n\n    [env]\n    {env_name} = {{ value = \"{shown}\", relative = true }}\n",
        shown = path.display()
    )
}
