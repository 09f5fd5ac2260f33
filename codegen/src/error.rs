//! Why a registry cannot become tables, and where: one error type for every step.

use std::fmt;

use ianaports_tables::{MAX_NAME_LEN, MAX_RECORDS, MAX_TEXTS, Slot};

/// Why the registry could not be turned into tables, and where.
///
/// Displays as `FILE:LINE: reason`, the form compilers use, so that a failed build points an
/// editor straight at the offending row.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Error {
    /// The registry file as the user named it.
    pub file: String,
    /// 1-based line where the offending record starts; `None` for whole-file problems.
    pub line: Option<u64>,
    /// What is wrong.
    pub reason: Reason,
}

/// A [`Reason`] with the line of the record it concerns, before the file name is attached.
pub(crate) type LineReason = (Option<u64>, Reason);

/// What is wrong with the registry. New checks add variants, so a `match` needs a `_` arm.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Reason {
    /// The file could not be read.
    Unreadable(String),
    /// The generated tables could not be written.
    CannotWrite(String),
    /// The first record is not IANA's header.
    Header {
        /// The header IANA gives the file.
        expected: &'static [&'static str],
        /// What the file has instead.
        found: String,
    },
    /// A quoted field is still open at the end of the file.
    UnterminatedQuote,
    /// A field is not valid UTF-8.
    NotUtf8 {
        /// The column.
        column: &'static str,
    },
    /// A record does not have a field per column of the header.
    ColumnCount {
        /// The header's column count.
        expected: usize,
        /// The record's.
        found: usize,
    },
    /// The Port Number field is neither empty, `N` nor `N-M`.
    PortNotANumber {
        /// The cell as written.
        text: String,
    },
    /// A port number above 65535.
    PortTooLarge {
        /// The cell as written.
        text: String,
    },
    /// A range whose first port is above its last.
    RangeReversed {
        /// The cell as written.
        text: String,
    },
    /// The Transport Protocol field is not one of the four IANA protocols.
    UnknownProtocol {
        /// The cell as written.
        text: String,
    },
    /// A date field that is neither `YYYY-MM` nor `YYYY-MM-DD`.
    BadDate {
        /// The column.
        column: &'static str,
        /// The cell as written.
        text: String,
    },
    /// A record that has neither a service name nor a port, so no lookup could ever reach it.
    Unreachable,
    /// Two service names that differ only in ASCII case belong to different services.
    NameCaseClash {
        /// The name as registered.
        name: String,
        /// The earlier spelling.
        earlier: String,
    },
    /// Record ids are `u16`s.
    TooManyRecords {
        /// How many there are.
        count: usize,
    },
    /// A service name longer than the tables hold.
    NameTooLong {
        /// The name as registered.
        name: String,
    },
    /// The name text is too long for any name unit (not reachable with at most 65,535 names).
    NamesTooLong {
        /// How many bytes they take.
        bytes: usize,
    },
    /// More than [`MAX_TEXTS`] distinct text cells.
    TooManyTexts {
        /// How many there are.
        count: usize,
    },
    /// More than [`Slot::MAX_NAMED`] named records cover one (port, protocol).
    TooManyNamedRecords {
        /// The port.
        port: u16,
        /// The protocol.
        protocol: &'static str,
        /// How many there are.
        count: usize,
    },
    /// The port index numbers its slots, and the units of its covering lists, in `u16`s (not
    /// reachable: at most 65,537 slots, and lists of at most
    /// [`PortTables::MAX_LIST_LEN`](ianaports_tables::PortTables::MAX_LIST_LEN) entries).
    PortIndexFull {
        /// How many entries it needs.
        needed: usize,
    },
    /// Two names whose folds coincide under every seed tried, so the name index cannot tell
    /// them apart (distinct names coincide under one seed once in 2^32 pairs). The error's
    /// line is the second name's; `first_line` the first's.
    NameFoldClash {
        /// The first name.
        first: String,
        /// The line of the first name.
        first_line: u64,
        /// The second name.
        second: String,
        /// How many seeds were tried.
        attempts: u64,
    },
    /// The registry has no data rows.
    Empty,
    /// A protocol number that is neither `N` nor `N-M`.
    ValueNotANumber {
        /// The cell as written.
        text: String,
    },
    /// A protocol number above 255.
    ValueTooLarge {
        /// The cell as written.
        text: String,
    },
    /// A row that does not start where the one before it ended: a value covered twice, or not
    /// at all.
    ValueOutOfOrder {
        /// The cell as written.
        text: String,
        /// The value it should start at.
        expected: u16,
    },
    /// The rows stop before 255.
    ValuesMissing {
        /// The first value no row covers.
        from: u16,
    },
    /// An IPv6 Extension Header cell that is neither `Y`, `N` nor empty.
    BadIpv6Flag {
        /// The cell as written.
        text: String,
    },
    /// Two keywords that differ only in ASCII case (keywords are looked up ignoring case).
    KeywordClash {
        /// The keyword.
        keyword: String,
        /// The earlier spelling.
        earlier: String,
    },
    /// A column's text is longer than its `u16` offsets reach.
    TextTooLong {
        /// The column.
        column: &'static str,
        /// How many bytes it takes.
        bytes: usize,
    },
    /// An item of `IANAPORTS_FILTER` that is not a query, or names no registered service.
    BadFilterItem {
        /// The item as given.
        item: String,
        /// Why it is refused.
        why: String,
    },
    /// A cell of `common-use.csv` that breaks one of its rules.
    BadCell {
        /// The column.
        column: &'static str,
        /// The cell as written.
        text: String,
        /// The rule it breaks.
        why: &'static str,
    },
    /// A `common-use.csv` entry that an earlier one already makes: the same name, or the same
    /// software, at the same ports and protocol.
    DuplicateEntry {
        /// What is repeated.
        what: String,
        /// The line of the first.
        first_line: u64,
    },
    /// A `common-use.csv` name given to a second software.
    NameOfTwoSoftwares {
        /// The name.
        name: String,
        /// The software it stood for first.
        software: String,
        /// Where.
        earlier_line: u64,
    },
    /// A `common-use.csv` row that sorts before the row above it.
    EntryOutOfOrder {
        /// The row above.
        previous_line: u64,
    },
    /// IANA's date for the snapshot is older than a date in its rows: the date file and the
    /// registry are from different snapshots.
    UpdatedBeforeRecords {
        /// IANA's date.
        updated: String,
        /// The newest date in a row.
        newest: String,
    },
}

impl Error {
    pub(crate) fn new(file: &str, line: Option<u64>, reason: Reason) -> Error {
        Error {
            file: file.to_owned(),
            line,
            reason,
        }
    }
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
            Reason::Header { expected, found } => write!(
                f,
                "the header is not IANA's {} columns (`{}`); found `{found}`",
                expected.len(),
                expected.join(",")
            ),
            Reason::UnterminatedQuote => {
                f.write_str("unterminated quote: a quoted field opened here is never closed")
            }
            Reason::NotUtf8 { column } => write!(f, "{column} is not valid UTF-8"),
            Reason::ColumnCount { expected, found } => {
                write!(f, "expected {expected} columns, found {found}")
            }
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
                MAX_RECORDS
            ),
            Reason::NameTooLong { name } => write!(
                f,
                "service name `{name}` is {} bytes long; the tables hold names of at most {}",
                name.len(),
                MAX_NAME_LEN
            ),
            Reason::NamesTooLong { bytes } => {
                write!(
                    f,
                    "the service names take {bytes} bytes, more than the tables can address"
                )
            }
            Reason::TooManyTexts { count } => write!(
                f,
                "{count} distinct text cells; the tables hold at most {MAX_TEXTS} besides the empty one"
            ),
            Reason::TooManyNamedRecords {
                port,
                protocol,
                count,
            } => write!(
                f,
                "{count} named records cover {port}/{protocol}; the port index holds at most {}",
                Slot::MAX_NAMED
            ),
            Reason::PortIndexFull { needed } => write!(
                f,
                "the port index needs {needed} entries where a u16 reaches {}",
                Slot::MAX_START
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
            Reason::BadFilterItem { item, why } => write!(f, "`{item}`: {why}"),
            Reason::ValueNotANumber { text } => {
                write!(f, "protocol number `{text}` is not a number or a range N-M")
            }
            Reason::ValueTooLarge { text } => {
                write!(f, "protocol number `{text}` is out of range (0-255)")
            }
            Reason::ValueOutOfOrder { text, expected } => write!(
                f,
                "protocol number `{text}` should start at {expected}: every value 0-255 is covered once, in order"
            ),
            Reason::ValuesMissing { from } => {
                write!(f, "no row covers protocol numbers {from}-255")
            }
            Reason::BadIpv6Flag { text } => {
                write!(f, "IPv6 Extension Header `{text}` is not Y, N or empty")
            }
            Reason::KeywordClash { keyword, earlier } => write!(
                f,
                "keyword `{keyword}` differs only in case from `{earlier}`; keywords are looked up ignoring case"
            ),
            Reason::TextTooLong { column, bytes } => write!(
                f,
                "the {column} column takes {bytes} bytes, more than the tables can address (65535)"
            ),
            Reason::BadCell { column, text, why } => write!(f, "{column} `{text}`: {why}"),
            Reason::DuplicateEntry { what, first_line } => {
                write!(f, "{what} is there already, on line {first_line}")
            }
            Reason::NameOfTwoSoftwares {
                name,
                software,
                earlier_line,
            } => write!(
                f,
                "the name `{name}` is {software}'s already (line {earlier_line}); a name stands for one software"
            ),
            Reason::EntryOutOfOrder { previous_line } => write!(
                f,
                "out of order: entries go by port, then protocol, then name, and line {previous_line} comes after this one"
            ),
            Reason::UpdatedBeforeRecords { updated, newest } => write!(
                f,
                "the snapshot is dated {updated} ({}), but a record is dated {newest}: the two files are from different snapshots; `cargo xtask update-registry` writes both",
                crate::UPDATED_FILE
            ),
        }
    }
}
