//! The build-time half of [`ianaports`](https://docs.rs/ianaports): reads IANA's
//! `service-names-port-numbers.csv`, validates every record, and writes the tables the library
//! compiles in.
//!
//! One path for the data, one module a step: `csv_rows` (CSV -> [`Row`]s, with the line each
//! starts on) -> `validate` (rows -> [`Record`]s) -> `generated` (records ->
//! [`GeneratedTables`], one module per kind of table: `records`, `names`, `ports`, `texts`,
//! laid out as `ianaports-tables` defines) -> `emit` (the tables' one `Tables` value -> files in
//! `OUT_DIR`). The registry's columns are `ianaports-tables`' [`Column`]s.
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

#![warn(missing_docs, unreachable_pub)]

mod build_script;
mod common_use;
mod csv_rows;
mod emit;
mod error;
mod filter;
mod generated;
mod ip_protocols;
mod names;
mod ports;
mod records;
mod texts;
mod validate;

pub use build_script::{generate, generate_common_use, generate_ip_protocols};
pub use common_use::{COMMON_USE_FILE, COMMON_USE_HEADER, CommonUseRecord, parse_common_use};
pub use csv_rows::Row;
pub use error::{Error, Reason};
pub use filter::{FILTER_ENV, Selection, select};
pub use generated::{Features, GeneratedTables, InProcessTables};
pub use ianaports_tables::{COLUMN_COUNT, Column, PortRange, Protocol};
pub use ip_protocols::{
    IP_PROTOCOLS_HEADER, IpProtocolLayout, IpProtocolRecord, parse_ip_protocols,
};
pub use validate::Record;

/// Set to a CSV path to build `ianaports` from that registry instead of the bundled one.
pub const REGISTRY_ENV: &str = "IANAPORTS_REGISTRY";

/// Set to a CSV path to build `ianaports`' `common-use` feature from that file of ports in
/// common use (the columns and rules of the bundled [`COMMON_USE_FILE`]) instead of the
/// bundled one.
pub const COMMON_USE_ENV: &str = "IANAPORTS_COMMON_USE";

/// Set to a CSV path to build `ianaports` from that protocol-numbers registry instead of the
/// bundled one.
pub const IP_PROTOCOLS_ENV: &str = "IANAPORTS_PROTOCOL_NUMBERS";

/// The bundled protocol-numbers registry, IANA's `protocol-numbers-1.csv`.
pub const IP_PROTOCOLS_FILE: &str = "protocol-numbers.csv";

/// The file beside it that holds IANA's date for it, as [`UPDATED_FILE`] does for the port
/// registry.
pub const IP_PROTOCOLS_UPDATED_FILE: &str = "protocol-numbers.updated";

/// The file beside the bundled `registry.csv` that holds the date IANA gave that snapshot (the
/// `<updated>` of its XML form), one `YYYY-MM-DD` line. `cargo xtask update-registry` writes it
/// with the registry, and removes it when it only had a CSV to go by.
pub const UPDATED_FILE: &str = "registry.updated";

/// Reads an [`UPDATED_FILE`]: one `YYYY-MM-DD` line.
pub fn parse_updated(bytes: &[u8], file_name: &str) -> Result<String, Error> {
    let error = |reason| Error::new(file_name, Some(1), reason);
    let text = std::str::from_utf8(bytes).map_err(|_| {
        error(Reason::NotUtf8 {
            column: "the updated date",
        })
    })?;
    let date = text.strip_suffix('\n').unwrap_or(text);
    validate::check_full_date("updated date", date).map_err(error)?;
    Ok(date.to_owned())
}

/// Reads a registry's rows as they are, each with the line it starts on, checking the header,
/// the column count and UTF-8; `file_name` is only used in error messages.
pub fn read_rows(bytes: &[u8], file_name: &str) -> Result<Vec<(u64, Row)>, Error> {
    csv_rows::read_rows(bytes).map_err(|(line, reason)| Error::new(file_name, line, reason))
}

/// Parses and validates a whole registry. `file_name` is only used in error messages.
pub fn parse_registry(bytes: &[u8], file_name: &str) -> Result<Vec<Record>, Error> {
    read_rows(bytes, file_name)?
        .into_iter()
        .map(|(line, row)| {
            validate::validate(line, row)
                .map_err(|reason| Error::new(file_name, Some(line), reason))
        })
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
    generated::build(records, updated, features, None)
        .map_err(|(line, reason)| Error::new(file_name, line, reason))
}

/// Lays out the part of `records` that `filter` keeps (see [`FILTER_ENV`]); an empty filter
/// keeps the whole registry.
pub fn build_filtered_tables(
    records: &[Record],
    file_name: &str,
    updated: Option<&str>,
    features: Features,
    filter: &str,
) -> Result<GeneratedTables, Error> {
    let selection = filter::select(filter, records)?;
    generated::build(records, updated, features, selection.as_ref())
        .map_err(|(line, reason)| Error::new(file_name, line, reason))
}

/// The whole of `ianaports`' `build.rs`: picks the registry (bundled, or [`REGISTRY_ENV`]),
/// the tables (from the crate's features), prints the `cargo:` directives and generates.
/// A bad registry stops the build with `FILE:LINE: reason`.
pub fn build_script_main() {
    build_script::main();
}
