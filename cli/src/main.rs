//! `ianaports`: look up IANA service names and port numbers, search them, find free ports,
//! annotate logs, or write the registry as /etc/services. `ianaports --help` has the details.

#![warn(missing_docs, unreachable_pub)]

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use ianaports_cli::annotate::{self, CopyError, Names, Target};
use ianaports_cli::args::{self, Arguments};
use ianaports_cli::free::FreeQuery;
use ianaports_cli::output::{self, Columns, Format, Row};
use ianaports_cli::query::Query;
use ianaports_cli::{ip_protocols, search, services, suggest};

/// How a run ended, other than by finding what it was asked for.
enum Failure {
    /// Nothing was found (exit status 1).
    NothingFound,
    /// The arguments or the input cannot be used (exit status 2).
    Usage(String),
    Io(io::Error),
}

impl From<io::Error> for Failure {
    fn from(error: io::Error) -> Failure {
        Failure::Io(error)
    }
}

/// Writes `ianaports: MESSAGE` to standard error, formatted as `eprintln!` formats. A standard
/// error that cannot be written (a reader that has gone, a full disk) leaves the exit status
/// to say what happened; it is no reason to panic, as `eprintln!` does.
macro_rules! complain {
    ($($message:tt)*) => {{
        let _ = writeln!(io::stderr().lock(), "ianaports: {}", format_args!($($message)*));
    }};
}

/// Whether standard output was closed when the program started (`>&-`). Rust's runtime
/// opens `/dev/null` read-write in place of a closed standard descriptor, so writes would
/// succeed and every mode would exit 0 having written nothing. A shell's `>/dev/null` opens
/// it write-only, so that still counts as output.
#[cfg(target_os = "linux")]
fn stdout_is_closed() -> bool {
    const O_ACCMODE: u32 = 0o3;
    const O_RDWR: u32 = 0o2;
    let is_null = std::fs::read_link("/proc/self/fd/1")
        .is_ok_and(|path| path == std::path::Path::new("/dev/null"));
    let read_write = std::fs::read_to_string("/proc/self/fdinfo/1").is_ok_and(|info| {
        info.lines()
            .find_map(|line| line.strip_prefix("flags:"))
            .and_then(|flags| u32::from_str_radix(flags.trim(), 8).ok())
            .is_some_and(|flags| flags & O_ACCMODE == O_RDWR)
    });
    is_null && read_write
}

#[cfg(not(target_os = "linux"))]
fn stdout_is_closed() -> bool {
    false
}

/// The arguments, or the exit status of a run that ends with what clap says: help and the
/// version on standard output (status 0, or 2 when it cannot be written), a usage error on
/// standard error (status 2).
fn arguments() -> Result<Arguments, ExitCode> {
    let error = match Arguments::try_parse_checked() {
        Ok(arguments) => return Ok(arguments),
        Err(error) => error,
    };
    let written = error.print().and_then(|()| io::stdout().flush());
    Err(match (error.use_stderr(), written) {
        (true, _) => ExitCode::from(2),
        (false, Ok(())) => ExitCode::SUCCESS,
        (false, Err(failure)) => {
            complain!("cannot write to standard output: {failure}");
            ExitCode::from(2)
        }
    })
}

fn main() -> ExitCode {
    if stdout_is_closed() {
        complain!("standard output is closed");
        return ExitCode::from(2);
    }
    let arguments = match arguments() {
        Ok(arguments) => arguments,
        Err(status) => return status,
    };
    let stdout = io::stdout();
    let terminal = stdout.is_terminal();
    let mut out = io::BufWriter::with_capacity(64 * 1024, stdout.lock());
    let result = run(&arguments, &mut out, terminal).and_then(|()| Ok(out.flush()?));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::NothingFound) => ExitCode::from(1),
        Err(Failure::Usage(message)) => {
            complain!("{message}");
            ExitCode::from(2)
        }
        // A reader that stopped reading (`| head`) is not an error of ours.
        Err(Failure::Io(error)) if error.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Failure::Io(error)) => {
            complain!("{error}");
            ExitCode::from(2)
        }
    }
}

fn run(arguments: &Arguments, out: &mut impl Write, terminal: bool) -> Result<(), Failure> {
    let mode = &arguments.mode;
    if let Some(shell) = mode.completions {
        clap_complete::generate(shell, &mut args::command(), "ianaports", out);
        return Ok(());
    }
    if mode.man {
        // The page's footer: the crate's version, and the registry's date as the page's.
        let command = args::command().version(env!("CARGO_PKG_VERSION"));
        let page = clap_mangen::Man::new(command).date(ianaports::REGISTRY_UPDATED);
        return Ok(page.render(out)?);
    }
    if let Some(range) = &mode.free {
        return free(arguments, range, out);
    }
    if mode.annotate {
        return annotate(arguments, out);
    }
    if mode.protocols {
        return Ok(ip_protocols::write_protocols(out)?);
    }
    let format = match (arguments.json, terminal) {
        (true, _) => Format::Json,
        (false, true) => Format::Table {
            colour: std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty()),
        },
        (false, false) => Format::Tabs,
    };
    if mode.search {
        return search(arguments, out, format, terminal);
    }
    if mode.ip_protocol {
        let values = parse_all(&arguments.queries, ip_protocols::parse)?;
        let protocols: Vec<_> = values
            .into_iter()
            .flat_map(|(_, numbers)| numbers.map(ianaports::ip_protocol))
            .collect();
        return Ok(ip_protocols::write(out, &protocols, format)?);
    }
    let queries = parse_all(&arguments.queries, Query::parse)?;
    if mode.services {
        let records = match queries.is_empty() {
            true => ianaports::records().collect(),
            false => output::matching_records(&queries),
        };
        services::write(out, &records)?;
        return found_if(!records.is_empty());
    }
    let columns = Columns {
        status: arguments.status,
        common: arguments.common,
    };
    let mut rows = Vec::new();
    let mut unanswered = Vec::new();
    for (text, query) in &queries {
        let answer = output::rows(text, query, columns);
        if answer.is_empty() {
            unanswered.push((*text, query));
        }
        rows.extend(answer);
    }
    output::write(out, &rows, format, columns)?;
    out.flush()?;
    for (text, query) in unanswered {
        explain_no_answer(text, query, terminal);
    }
    found_if(rows.iter().any(Row::found))
}

fn found_if(found: bool) -> Result<(), Failure> {
    if found {
        Ok(())
    } else {
        Err(Failure::NothingFound)
    }
}

/// Each text with what `parse` reads in it, or the first that cannot be read as a usage error.
fn parse_all<T, E: std::fmt::Display>(
    texts: &[String],
    parse: impl Fn(&str) -> Result<T, E>,
) -> Result<Vec<(&str, T)>, Failure> {
    texts
        .iter()
        .map(|text| match parse(text) {
            Ok(query) => Ok((text.as_str(), query)),
            Err(error) => Err(Failure::Usage(format!(
                "{error}\ntry `ianaports --help` for the forms a query takes"
            ))),
        })
        .collect()
}

/// On standard error: the registered names nearest a name that matched nothing, and, on a
/// terminal, a line saying that the query found nothing. Piped output stays clean.
fn explain_no_answer(text: &str, query: &Query, terminal: bool) {
    let Query::Name { name, protocol } = query else {
        return;
    };
    let registered = !ianaports::by_name(name).is_empty();
    match (registered, protocol) {
        (true, Some(protocol)) if terminal => {
            complain!("{name} is not registered over {protocol}");
        }
        (true, _) => {}
        (false, _) => {
            let nearest = suggest::nearest_names(name);
            if !nearest.is_empty() {
                complain!(
                    "no service named \"{text}\"; did you mean {}?",
                    nearest.join(", ")
                );
            } else if terminal {
                complain!("no service named \"{text}\"");
            }
        }
    }
}

fn search(
    arguments: &Arguments,
    out: &mut impl Write,
    format: Format,
    terminal: bool,
) -> Result<(), Failure> {
    let words = arguments.queries.join(" ");
    let rows: Vec<Row> = search::search(&arguments.queries)
        .into_iter()
        .map(|(_, record)| Row::of_record(&words, record))
        .collect();
    output::write(out, &rows, format, Columns::default())?;
    if rows.is_empty() && terminal {
        complain!("no service's name or description contains \"{words}\"");
    }
    found_if(!rows.is_empty())
}

fn free(arguments: &Arguments, range: &str, out: &mut impl Write) -> Result<(), Failure> {
    let query = FreeQuery::parse(range).map_err(|error| Failure::Usage(error.to_string()))?;
    let count = arguments
        .count
        .map_or(usize::MAX, |n| usize::try_from(n).unwrap_or(usize::MAX));
    let written = ianaports_cli::free::write(out, query, count, arguments.json)?;
    if written == 0 {
        out.flush()?;
        complain!("no port in {} is free over {}", query.ports, query.protocol);
        return Err(Failure::NothingFound);
    }
    Ok(())
}

fn annotate(arguments: &Arguments, out: &mut impl Write) -> Result<(), Failure> {
    let target = match (arguments.field, &arguments.json_key) {
        (Some(column), _) => Target::Field(usize::try_from(column).unwrap_or(usize::MAX)),
        (None, Some(key)) => Target::JsonKey(key.clone()),
        (None, None) if arguments.service_side => Target::ServiceSide,
        (None, None) => Target::Text,
    };
    let stdin = io::stdin();
    let mut input = io::BufReader::with_capacity(64 * 1024, stdin.lock());
    let names = match arguments.common {
        true => Names::AlsoInCommonUse,
        false => Names::Registered,
    };
    let totals =
        annotate::annotate(&mut input, out, &target, names).map_err(|error| match error {
            CopyError::Read(error) => {
                Failure::Usage(format!("cannot read standard input: {error}"))
            }
            CopyError::Write(error) => Failure::Io(error),
        })?;
    if totals.long_lines > 0 {
        out.flush()?;
        complain!(
            "{} line(s) longer than {} KiB copied without annotation",
            totals.long_lines,
            annotate::MAX_LINE / 1024
        );
    }
    Ok(())
}
