//! The command line's definition: what `clap` parses, and what the shell completions and the
//! man page are generated from.

use clap::{Args, CommandFactory, Parser};
use clap_complete::Shell;

/// Look up the IANA Service Name and Transport Protocol Port Number Registry.
///
/// A query is a port (`5432`), a port and protocol (`5432/tcp`), a range (`6000-6010/tcp`,
/// every port of it), or a service name (`postgresql`, `PostgreSQL/udp`, `914c/g`). A query that
/// is a registered service name is always read as one, even with a slash in it. A port that no
/// named record covers is answered with its status (reserved or unassigned) and class.
///
/// `--ip-protocol` looks up IANA's Assigned Internet Protocol Numbers instead (the IP
/// header's Protocol or Next Header field): a number (`47`), a keyword (`gre`) or a range of
/// numbers (`140-160`). `--protocols` writes that registry as an /etc/protocols file.
///
/// `--search`, `--free` and `--annotate` are options, not subcommands, because `search`,
/// `free` and other plain words are registered service names.
///
/// Exit status: 0 when a service (with --free, a free port) was found, 1 when none was, 2
/// for a usage error or when the input or output fails. --ip-protocol (every number 0-255
/// has an answer), --annotate, --services, --protocols, --completions and --man exit 0
/// unless a value is not understood or they cannot read or write.
#[derive(Debug, Parser)]
#[command(name = "ianaports", version = version(), about, long_about)]
pub struct Arguments {
    /// Ports, port ranges or service names, each optionally followed by /PROTOCOL; with
    /// --search, the words to look for; with --ip-protocol, IP protocol numbers, keywords or
    /// ranges of numbers.
    #[arg(
        value_name = "QUERY",
        required_unless_present_any = ["services", "protocols", "free", "annotate", "completions", "man"],
        conflicts_with_all = ["protocols", "free", "annotate", "completions", "man"]
    )]
    pub queries: Vec<String>,
    /// The mode, if not answering queries.
    #[command(flatten)]
    pub mode: Mode,
    /// Print the answers as JSON: every column of every record.
    #[arg(long, conflicts_with_all = ["services", "protocols", "annotate", "completions", "man"])]
    pub json: bool,
    /// Show whether each port is assigned, reserved or unassigned, and its class.
    #[arg(
        long,
        conflicts_with_all = ["services", "search", "free", "annotate", "ip_protocol", "protocols"]
    )]
    pub status: bool,
    /// Also show ports in common use: what software uses a port by default where IANA says
    /// something else or nothing (9200/tcp: Elasticsearch), each citing the software's own
    /// documentation. They come after IANA's records, every row marked `iana` or
    /// `common-use` in a first column (in JSON, `registry`), and a name finds them too
    /// (`--common elasticsearch`). With --annotate: a port IANA names nothing gets the name
    /// in common use, marked `(~name)`.
    #[arg(
        long,
        conflicts_with_all = ["services", "search", "free", "ip_protocol", "protocols", "completions", "man"]
    )]
    pub common: bool,
    /// With --free: at most this many ports.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub count: Option<u64>,
    /// With --annotate: annotate column N (from 1) of tab- or comma-separated input (a bare
    /// port, or the HOST:PORT forms in it).
    #[arg(
        long,
        value_name = "N",
        conflicts_with = "json_key",
        value_parser = clap::value_parser!(u64).range(1..)
    )]
    pub field: Option<u64>,
    /// With --annotate: annotate field KEY of JSON lines, adding `KEY_service`.
    #[arg(long, value_name = "KEY")]
    pub json_key: Option<String>,
    /// With --annotate: name only the service's side of each connection. The ports found on
    /// a line (registered or not) are paired in order, first with second, third with fourth
    /// (conntrack writes the original direction, then the reply); of each pair only the
    /// service's port is named: a port that is on both sides, else one outside the ephemeral
    /// ranges (32768-65535) over one inside, else a registered port over one that is not,
    /// else the lower. A port without a partner (a listening socket) is named as without this
    /// option. Not with --field or --json-key, whose column holds one port.
    #[arg(long)]
    pub service_side: bool,
}

/// What the command does, besides answering queries.
#[derive(Debug, Args)]
#[group(multiple = false)]
pub struct Mode {
    /// Find services by words in their name or description (all of them, in any case), best
    /// matches first: exact name, name prefix, a word of the name, a word of the description.
    #[arg(long)]
    pub search: bool,
    /// List the ports in RANGE[/PROTOCOL] (tcp if none) that are neither assigned nor
    /// reserved: ports a new service can take without clashing with the registry.
    #[arg(long, value_name = "RANGE[/PROTOCOL]")]
    pub free: Option<String>,
    /// Copy standard input to standard output with a service name beside every port it finds:
    /// `HOST:PORT`, `[IPv6]:PORT`, `DPT=`, `SPT=`, `dport=` and `sport=` (as ss, netstat,
    /// conntrack, iptables and nftables write them), and BSD and macOS netstat's
    /// `ADDRESS.PORT` (`10.0.0.5.22`, `*.22`) on its socket lines. A file name and line
    /// (`Foo.java:42`, `main.rs:42`: a HOST whose last label is a source, document or
    /// configuration file's extension) and an impossible IPv4 address (`999.1.1.1:22`) are not
    /// HOST:PORT. The protocol comes from the line (tcp, udp, PROTO=UDP...), tcp otherwise.
    #[arg(long)]
    pub annotate: bool,
    /// Write /etc/services lines: the whole registry, or the records the queries match.
    #[arg(long)]
    pub services: bool,
    /// Look the queries up in IANA's protocol-numbers registry: each a number 0-255 (47), a
    /// keyword in any case (gre) or a range of numbers (140-160), every value of it.
    #[arg(long)]
    pub ip_protocol: bool,
    /// Write an /etc/protocols file: every assigned IP protocol number with a keyword, as
    /// `name number KEYWORD # protocol`, white space in a keyword written as `-`.
    #[arg(long)]
    pub protocols: bool,
    /// Print the completion script for SHELL.
    #[arg(long, value_name = "SHELL")]
    pub completions: Option<Shell>,
    /// Print the manual page (roff).
    #[arg(long)]
    pub man: bool,
}

impl Arguments {
    /// Parses the process's arguments; options that belong to a mode not chosen are a usage
    /// error. The error is clap's, for help and the version too, for the caller to print.
    pub fn try_parse_checked() -> Result<Arguments, clap::Error> {
        let arguments = Arguments::try_parse()?;
        arguments.check()?;
        Ok(arguments)
    }

    /// Options that only mean something in one mode must come with that mode. (clap's
    /// `requires` cannot say this: a flag that is absent still has its default, `false`.)
    pub(crate) fn check(&self) -> Result<(), clap::Error> {
        let needs = |option: &str, given: bool, mode: &str, chosen: bool| {
            if given && !chosen {
                Err(Arguments::command().error(
                    clap::error::ErrorKind::MissingRequiredArgument,
                    format!("{option} can only be used with {mode}"),
                ))
            } else {
                Ok(())
            }
        };
        needs(
            "--count",
            self.count.is_some(),
            "--free",
            self.mode.free.is_some(),
        )?;
        needs(
            "--field",
            self.field.is_some(),
            "--annotate",
            self.mode.annotate,
        )?;
        needs(
            "--json-key",
            self.json_key.is_some(),
            "--annotate",
            self.mode.annotate,
        )?;
        needs(
            "--service-side",
            self.service_side,
            "--annotate",
            self.mode.annotate,
        )?;
        // A column holds one port: there is no other side to tell it from.
        let column = match (self.field, &self.json_key) {
            (Some(_), _) => Some("--field"),
            (None, Some(_)) => Some("--json-key"),
            (None, None) => None,
        };
        match column {
            Some(option) if self.service_side => Err(Arguments::command().error(
                clap::error::ErrorKind::ArgumentConflict,
                format!(
                    "--service-side cannot be used with {option}: it pairs the ports of a \
                     line, and {option} reads one port, which has no partner"
                ),
            )),
            _ => Ok(()),
        }
    }
}

/// The `--version` text: the crate's version and how fresh its registry is.
pub(crate) fn version() -> String {
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

/// The clap command, for completions and the man page.
pub fn command() -> clap::Command {
    Arguments::command()
}
