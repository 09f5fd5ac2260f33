use std::fmt;

/// Why the registry could not be turned into tables, and where.
///
/// Displays as `FILE:LINE: reason`, the form compilers use, so that a failed build points an
/// editor straight at the offending row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// The registry file as the user named it.
    pub file: String,
    /// 1-based line where the offending record starts; `None` for whole-file problems.
    pub line: Option<u64>,
    pub reason: Reason,
}

/// A [`Reason`] with the line of the record it concerns, before the file name is attached.
pub type LineReason = (Option<u64>, Reason);

/// What is wrong with the registry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// The file could not be read.
    Unreadable(String),
    /// The generated tables could not be written.
    CannotWrite(String),
    /// The first record is not IANA's 12-column header.
    Header { found: String },
    /// A quoted field is still open at the end of the file.
    UnterminatedQuote,
    /// A field is not valid UTF-8.
    NotUtf8 { column: &'static str },
    /// A record does not have exactly 12 fields.
    ColumnCount { found: usize },
    /// The Port Number field is neither empty, `N` nor `N-M`.
    PortNotANumber { text: String },
    /// A port number above 65535.
    PortTooLarge { text: String },
    /// A range whose first port is above its last.
    RangeReversed { text: String },
    /// The Transport Protocol field is not one of the four IANA protocols.
    UnknownProtocol { text: String },
    /// A date field that is neither `YYYY-MM` nor `YYYY-MM-DD`.
    BadDate { column: &'static str, text: String },
    /// A record that has neither a service name nor a port, so no lookup could ever reach it.
    Unreachable,
    /// Two service names that differ only in ASCII case belong to different services.
    NameCaseClash { name: String, earlier: String },
    /// Record ids are `u16`s.
    TooManyRecords { count: usize },
    /// A service name longer than the tables hold.
    NameTooLong { name: String },
    /// The name text is too long for any name unit (not reachable with at most 65,535 names).
    NamesTooLong { bytes: usize },
    /// Text cells are numbered with `u16`.
    TooManyTexts { count: usize },
    /// The port index packs up to 7 named records per (port, protocol).
    TooManyNamedRecords {
        port: u16,
        protocol: &'static str,
        count: usize,
    },
    /// The port index numbers its slots, and the units of its covering lists, in `u16`s (not
    /// reachable: at most 65,537 slots, and lists of at most 28 entries).
    PortIndexFull { needed: usize },
    /// Two names whose folds coincide under every seed tried, so the name index cannot tell
    /// them apart (distinct names coincide under one seed once in 2^32 pairs). The error's
    /// line is the second name's; `first_line` the first's.
    NameFoldClash {
        first: String,
        first_line: u64,
        second: String,
        attempts: u64,
    },
    /// The registry has no data rows.
    Empty,
    /// IANA's date for the snapshot is older than a date in its rows: the date file and the
    /// registry are from different snapshots.
    UpdatedBeforeRecords { updated: String, newest: String },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.file, line, self.reason),
            None => write!(f, "{}: {}", self.file, self.reason),
        }
    }
}

impl std::error::Error for Error {}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Unreadable(why) => write!(f, "cannot read the registry: {why}"),
            Reason::CannotWrite(why) => write!(f, "cannot write the generated tables: {why}"),
            Reason::Header { found } => write!(
                f,
                "the header is not IANA's 12 columns (`{}`); found `{found}`",
                crate::csv_rows::HEADER.join(",")
            ),
            Reason::UnterminatedQuote => {
                f.write_str("unterminated quote: a quoted field opened here is never closed")
            }
            Reason::NotUtf8 { column } => write!(f, "{column} is not valid UTF-8"),
            Reason::ColumnCount { found } => write!(f, "expected 12 columns, found {found}"),
            Reason::PortNotANumber { text } => {
                write!(f, "port number `{text}` is not a number or a range N-M")
            }
            Reason::PortTooLarge { text } => {
                write!(f, "port number `{text}` is out of range (0-65535)")
            }
            Reason::RangeReversed { text } => {
                write!(f, "port range `{text}` ends before it starts")
            }
            Reason::UnknownProtocol { text } => write!(
                f,
                "unknown transport protocol `{text}` (expected tcp, udp, sctp, dccp or empty)"
            ),
            Reason::BadDate { column, text } => {
                write!(f, "{column} `{text}` is not YYYY-MM or YYYY-MM-DD")
            }
            Reason::Unreachable => f.write_str("record has neither a service name nor a port"),
            Reason::NameCaseClash { name, earlier } => write!(
                f,
                "service name `{name}` differs only in case from `{earlier}`; service names are case-insensitive"
            ),
            Reason::TooManyRecords { count } => write!(
                f,
                "{count} records; the tables hold at most {}",
                ianaports_tables::MAX_RECORDS
            ),
            Reason::NameTooLong { name } => write!(
                f,
                "service name `{name}` is {} bytes long; the tables hold names of at most {}",
                name.len(),
                ianaports_tables::names::MAX_NAME_LEN
            ),
            Reason::NamesTooLong { bytes } => {
                write!(
                    f,
                    "the service names take {bytes} bytes, more than the tables can address"
                )
            }
            Reason::TooManyTexts { count } => write!(
                f,
                "{count} distinct text cells; the tables hold at most 65535 besides the empty one"
            ),
            Reason::TooManyNamedRecords {
                port,
                protocol,
                count,
            } => write!(
                f,
                "{count} named records cover {port}/{protocol}; the port index holds at most {}",
                ianaports_tables::Slot::MAX_NAMED
            ),
            Reason::PortIndexFull { needed } => write!(
                f,
                "the port index needs {needed} entries where a u16 reaches {}",
                ianaports_tables::Slot::MAX_START
            ),
            Reason::NameFoldClash {
                first,
                first_line,
                second,
                attempts,
            } => write!(
                f,
                "service name `{second}` folds to the value of `{first}` (line {first_line}) under each of {attempts} seeds, so the name index cannot tell them apart"
            ),
            Reason::Empty => f.write_str("the registry has a header but no records"),
            Reason::UpdatedBeforeRecords { updated, newest } => write!(
                f,
                "the snapshot is dated {updated} ({}), but a record is dated {newest}: the two files are from different snapshots; `cargo xtask update-registry` writes both",
                crate::UPDATED_FILE
            ),
        }
    }
}
