//! `ianaports`: look up IANA service names and port numbers, or write them as /etc/services.
//!
//! ```text
//! ianaports 5432/tcp postgresql 6000-6010/tcp 914c/g
//! ianaports --status 4380/tcp
//! ianaports --json ssh
//! ianaports --services > services
//! ```

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use ianaports_cli::output::{self, Format, Row};
use ianaports_cli::query::Query;
use ianaports_cli::services;

/// Look up the IANA Service Name and Transport Protocol Port Number Registry.
///
/// A query is a port (`5432`), a port and protocol (`5432/tcp`), a range (`6000-6010/tcp`,
/// every port of it), or a service name (`postgresql`, `PostgreSQL/udp`, `914c/g`). A query that
/// is a registered service name is always read as one, even with a slash in it.
///
/// Exit status: 0 when something was found, 1 when nothing was, 2 for a usage error.
#[derive(Debug, Parser)]
#[command(name = "ianaports", version = version(), about, long_about)]
struct Arguments {
    /// Ports, port ranges or service names, each optionally followed by /PROTOCOL.
    #[arg(required_unless_present = "services", value_name = "QUERY")]
    queries: Vec<String>,
    /// Print every column of every matching record as JSON.
    #[arg(long, conflicts_with = "services")]
    json: bool,
    /// Show whether each port is assigned, reserved or unassigned, and its class.
    #[arg(long, conflicts_with = "services")]
    status: bool,
    /// Write /etc/services lines: the whole registry, or the records the queries match.
    #[arg(long)]
    services: bool,
}

fn version() -> String {
    let dated = if ianaports::REGISTRY_UPDATED_BY_IANA {
        format!("IANA registry updated {}", ianaports::REGISTRY_UPDATED)
    } else {
        format!(
            "registry without IANA's date, newest record dated {}",
            ianaports::REGISTRY_UPDATED
        )
    };
    format!(
        "{} ({dated}: {} records, newest registration {}, newest modification {})",
        env!("CARGO_PKG_VERSION"),
        ianaports::RECORD_COUNT,
        ianaports::NEWEST_REGISTRATION_DATE,
        ianaports::NEWEST_MODIFICATION_DATE,
    )
}

fn main() -> ExitCode {
    let arguments = Arguments::parse();
    let mut queries = Vec::with_capacity(arguments.queries.len());
    for text in &arguments.queries {
        match Query::parse(text) {
            Ok(query) => queries.push((text.as_str(), query)),
            Err(error) => {
                eprintln!("ianaports: {error}");
                eprintln!("try `ianaports --help` for the forms a query takes");
                return ExitCode::from(2);
            }
        }
    }
    let stdout = io::stdout();
    let terminal = stdout.is_terminal();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = if arguments.services {
        let records = match queries.is_empty() {
            true => ianaports::records().collect(),
            false => output::matching_records(&queries),
        };
        services::write(&mut out, &records).map(|()| !records.is_empty())
    } else {
        let rows: Vec<Row> = queries
            .iter()
            .flat_map(|(text, query)| output::rows(text, query, arguments.status))
            .collect();
        let colour = terminal && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty());
        let format = match (arguments.json, terminal) {
            (true, _) => Format::Json,
            (false, true) => Format::Table { colour },
            (false, false) => Format::Tabs,
        };
        output::write(&mut out, &rows, format, arguments.status)
            .map(|()| rows.iter().any(Row::found))
    };
    match result.and_then(|found| out.flush().map(|()| found)) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        // A reader that stopped reading (`| head`) is not an error of ours.
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("ianaports: cannot write the output: {error}");
            ExitCode::from(2)
        }
    }
}
