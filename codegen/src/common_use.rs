//! Ports in common use (`common-use.csv`): what software listens on by default where IANA's
//! registry says something else or nothing. CSV rows -> validated entries -> the table
//! `ianaports::in_common_use` reads, on the registry's CSV reader. Kept apart from IANA's
//! tables: nothing here is IANA's, so nothing here reaches `lookup`, `by_name` or `Record`.
//!
//! The file is ours, so it is held to more than IANA's: every cell filled, every entry cited,
//! names in RFC 6335's syntax, and rows in order, so that a review reads a sorted list.

use std::collections::HashMap;

use ianaports_tables::{MAX_RECORDS, PortRange, Protocol, compare_ignoring_case};

use crate::csv_rows::read_records;
use crate::error::{Error, LineReason, Reason};
use crate::validate::{check_full_date, parse_ports, parse_protocol};

/// The data file's header, in order.
pub const COMMON_USE_HEADER: [&str; 7] = [
    "Port",
    "Protocol",
    "Name",
    "Software",
    "Description",
    "Source",
    "Read",
];

/// The bundled file of ports in common use.
pub const COMMON_USE_FILE: &str = "common-use.csv";

/// Sites that are not a software's own documentation, and whose lists we may not copy:
/// Wikipedia's port list is share-alike, nmap's table is under nmap's licence, and port-list
/// sites copy one or the other.
const REFUSED_SOURCES: [&str; 4] = [
    "wikipedia.org",
    "nmap-services",
    "speedguide.net",
    "adminsub.net",
];

/// One row of `common-use.csv`, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommonUseRecord {
    /// 1-based line on which the row starts.
    pub line: u64,
    /// The port or range.
    pub ports: PortRange,
    /// The transport protocol.
    pub protocol: Protocol,
    /// A short name in RFC 6335's syntax, lower case.
    pub name: String,
    /// The software that uses the port.
    pub software: String,
    /// One line on what the port is for.
    pub description: String,
    /// The URL of the software's own documentation that states the port.
    pub source: String,
    /// The date the source was read, `YYYY-MM-DD`.
    pub read: String,
}

impl CommonUseRecord {
    /// The order rows must be in: by port (a single port before a range that starts there),
    /// then protocol, then name.
    fn order_key(&self) -> (u16, u16, Protocol, &str) {
        (
            self.ports.start(),
            self.ports.end(),
            self.protocol,
            &self.name,
        )
    }
}

/// Parses and validates the whole file; `file_name` is only used in error messages.
pub fn parse_common_use(bytes: &[u8], file_name: &str) -> Result<Vec<CommonUseRecord>, Error> {
    parse(bytes).map_err(|(line, reason)| Error::new(file_name, line, reason))
}

fn parse(bytes: &[u8]) -> Result<Vec<CommonUseRecord>, LineReason> {
    let rows = read_records(bytes, &COMMON_USE_HEADER)?;
    let mut entries: Vec<CommonUseRecord> = Vec::with_capacity(rows.len());
    // What each (ports, protocol) pair's names and software are, and each name's software,
    // with the line that said so first.
    let mut seen: HashMap<(PortRange, Protocol, &'static str, String), u64> = HashMap::new();
    let mut software_of: HashMap<String, (String, u64)> = HashMap::new();
    for (line, cells) in rows {
        let at = |reason| (Some(line), reason);
        let entry = entry(line, cells).map_err(at)?;
        if let Some(previous) = entries.last() {
            if entry.order_key() < previous.order_key() {
                return Err(at(Reason::EntryOutOfOrder {
                    previous_line: previous.line,
                }));
            }
        }
        for (kind, key) in [
            ("name", entry.name.clone()),
            ("software", entry.software.to_ascii_lowercase()),
        ] {
            let key = (entry.ports, entry.protocol, kind, key);
            if let Some(&first_line) = seen.get(&key) {
                return Err(at(Reason::DuplicateEntry {
                    what: format!("{kind} {} at {}/{}", key.3, entry.ports, entry.protocol),
                    first_line,
                }));
            }
            seen.insert(key, line);
        }
        match software_of.get(&entry.name) {
            Some((software, earlier_line)) if *software != entry.software => {
                return Err(at(Reason::NameOfTwoSoftwares {
                    name: entry.name,
                    software: software.clone(),
                    earlier_line: *earlier_line,
                }));
            }
            Some(_) => {}
            None => {
                software_of.insert(entry.name.clone(), (entry.software.clone(), line));
            }
        }
        entries.push(entry);
    }
    // The tables number entries in `u16`s.
    if entries.len() > MAX_RECORDS {
        return Err((
            None,
            Reason::TooManyRecords {
                count: entries.len(),
            },
        ));
    }
    Ok(entries)
}

/// The entries in the order the tables keep them: single ports first, then ranges (a query
/// for a port bisects the first and scans the few of the second), and each one's position in
/// the order of names, as [`CommonUseTables`](ianaports_tables::CommonUseTables) defines them.
pub(crate) fn layout(records: &[CommonUseRecord]) -> (Vec<&CommonUseRecord>, usize, Vec<u16>) {
    let mut entries: Vec<&CommonUseRecord> = records.iter().collect();
    entries.sort_by_key(|record| (record.ports.is_range(), record.order_key()));
    let singles = entries
        .iter()
        .filter(|record| !record.ports.is_range())
        .count();
    let mut name_order: Vec<u16> = (0..entries.len())
        .map(|position| {
            u16::try_from(position).expect("common-use.csv holds fewer than 65,536 entries")
        })
        .collect();
    name_order.sort_by(|&a, &b| {
        let name = |position: u16| entries[usize::from(position)].name.as_str();
        compare_ignoring_case(name(a), name(b)).then(a.cmp(&b))
    });
    (entries, singles, name_order)
}

fn entry(line: u64, cells: Vec<String>) -> Result<CommonUseRecord, Reason> {
    let [port, protocol, name, software, description, source, read]: [String; 7] = cells
        .try_into()
        .unwrap_or_else(|_| unreachable!("read_records checks the column count"));
    for (column, cell) in COMMON_USE_HEADER.iter().zip([
        &port,
        &protocol,
        &name,
        &software,
        &description,
        &source,
        &read,
    ]) {
        check_filled(column, cell)?;
    }
    let ports = parse_ports(&port)?.expect("a filled cell is a port or an error");
    if ports.start() == 0 {
        return Err(bad(
            "Port",
            &port,
            "port 0 is not a port software listens on",
        ));
    }
    let protocol = parse_protocol(&protocol)?.expect("a filled cell is a protocol or an error");
    check_service_name(&name)?;
    check_source(&source)?;
    check_full_date("Read", &read)?;
    Ok(CommonUseRecord {
        line,
        ports,
        protocol,
        name,
        software,
        description,
        source,
        read,
    })
}

fn bad(column: &'static str, text: &str, why: &'static str) -> Reason {
    Reason::BadCell {
        column,
        text: text.to_owned(),
        why,
    }
}

/// Every cell is needed, on one line, without stray white space: what the CLI prints as one
/// cell of a row.
fn check_filled(column: &'static str, cell: &str) -> Result<(), Reason> {
    if cell.is_empty() {
        return Err(bad(column, cell, "every entry needs this cell"));
    }
    if cell.chars().any(char::is_control) {
        return Err(bad(
            column,
            cell,
            "a cell is one line, without control characters",
        ));
    }
    if cell.trim() != cell {
        return Err(bad(
            column,
            cell,
            "a cell starts and ends with text, not white space",
        ));
    }
    Ok(())
}

/// RFC 6335, section 5.1: 1-15 characters of letters, digits and hyphens, at least one
/// letter, no hyphen at either end or beside another. This file writes them in lower case,
/// so that one spelling is found.
fn check_service_name(name: &str) -> Result<(), Reason> {
    let why = if name.len() > 15 {
        Some("a service name has at most 15 characters (RFC 6335, section 5.1)")
    } else if !name
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        Some("a service name here is lower-case letters, digits and hyphens")
    } else if !name.bytes().any(|b| b.is_ascii_lowercase()) {
        Some("a service name has at least one letter (RFC 6335, section 5.1)")
    } else if name.starts_with('-') || name.ends_with('-') || name.contains("--") {
        Some("a hyphen is neither at an end of a service name nor beside another")
    } else {
        None
    };
    match why {
        Some(why) => Err(bad("Name", name, why)),
        None => Ok(()),
    }
}

/// An http(s) URL, not on a site that is no software's own documentation.
fn check_source(source: &str) -> Result<(), Reason> {
    let rest = source
        .strip_prefix("https://")
        .or_else(|| source.strip_prefix("http://"));
    let Some(rest) = rest else {
        return Err(bad("Source", source, "a source is an http(s) URL"));
    };
    if rest.is_empty() || rest.contains(char::is_whitespace) || rest.starts_with('/') {
        return Err(bad("Source", source, "a source is an http(s) URL"));
    }
    let lower = source.to_ascii_lowercase();
    if REFUSED_SOURCES.iter().any(|site| lower.contains(site)) {
        return Err(bad(
            "Source",
            source,
            "cite the software's own documentation, not a port list (Wikipedia, nmap-services)",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "Port,Protocol,Name,Software,Description,Source,Read\n";

    fn parsed(rows: &str) -> Result<Vec<CommonUseRecord>, String> {
        parse_common_use(format!("{HEADER}{rows}").as_bytes(), "common-use.csv")
            .map_err(|error| error.to_string())
    }

    const ES: &str =
        "9200,tcp,elasticsearch,Elasticsearch,REST API,https://www.elastic.co/docs,2026-12-02\n";

    #[test]
    fn a_good_file_reads() {
        let rows = format!(
            "{ES}30000-32767,tcp,nodeport,Kubernetes,Service node ports,https://kubernetes.io/docs,2026-12-02\n\
             41641,udp,tailscale,Tailscale,\"WireGuard, direct\",https://tailscale.com/kb,2026-12-02\n"
        );
        let entries = parsed(&rows).unwrap();
        assert_eq!(entries.len(), 3);
        assert_eq!(entries[1].ports, PortRange::new(30000, 32767).unwrap());
        assert_eq!(entries[2].protocol, Protocol::Udp);
        assert_eq!(entries[2].description, "WireGuard, direct");
        assert_eq!(entries[2].line, 4);
    }

    #[test]
    fn each_bad_row_says_where_and_why() {
        let cases = [
            (
                "0,tcp,zero,Zero,x,https://a.example/,2026-12-02\n",
                "common-use.csv:2: Port `0`: port 0 is not a port software listens on",
            ),
            (
                "70000,tcp,big,Big,x,https://a.example/,2026-12-02\n",
                "common-use.csv:2: port number `70000` is out of range (0-65535)",
            ),
            (
                "5-3,tcp,back,Back,x,https://a.example/,2026-12-02\n",
                "common-use.csv:2: port range `5-3` ends before it starts",
            ),
            (
                "80,TCP,web,Web,x,https://a.example/,2026-12-02\n",
                "common-use.csv:2: unknown transport protocol `TCP` (expected tcp, udp, sctp, dccp or empty)",
            ),
            (
                "80,tcp,Web,Web,x,https://a.example/,2026-12-02\n",
                "common-use.csv:2: Name `Web`: a service name here is lower-case letters, digits and hyphens",
            ),
            (
                "80,tcp,a-very-long-service,Web,x,https://a.example/,2026-12-02\n",
                "common-use.csv:2: Name `a-very-long-service`: a service name has at most 15 characters (RFC 6335, section 5.1)",
            ),
            (
                "80,tcp,123,Web,x,https://a.example/,2026-12-02\n",
                "common-use.csv:2: Name `123`: a service name has at least one letter (RFC 6335, section 5.1)",
            ),
            (
                "80,tcp,we--b,Web,x,https://a.example/,2026-12-02\n",
                "common-use.csv:2: Name `we--b`: a hyphen is neither at an end of a service name nor beside another",
            ),
            (
                "80,tcp,web,Web,x,,2026-12-02\n",
                "common-use.csv:2: Source ``: every entry needs this cell",
            ),
            (
                "80,tcp,web,Web,x,ftp://a.example/,2026-12-02\n",
                "common-use.csv:2: Source `ftp://a.example/`: a source is an http(s) URL",
            ),
            (
                "80,tcp,web,Web,x,https://en.wikipedia.org/wiki/List_of_TCP_and_UDP_port_numbers,2026-12-02\n",
                "common-use.csv:2: Source `https://en.wikipedia.org/wiki/List_of_TCP_and_UDP_port_numbers`: cite the software's own documentation, not a port list (Wikipedia, nmap-services)",
            ),
            (
                "80,tcp,web,Web,\"two\nlines\",https://a.example/,2026-12-02\n",
                "common-use.csv:2: Description `two\nlines`: a cell is one line, without control characters",
            ),
            (
                "80,tcp,web,Web ,x,https://a.example/,2026-12-02\n",
                "common-use.csv:2: Software `Web `: a cell starts and ends with text, not white space",
            ),
            (
                "80,tcp,web,Web,x,https://a.example/,2026-12\n",
                "common-use.csv:2: Read `2026-12` is not YYYY-MM or YYYY-MM-DD",
            ),
            (
                "80,tcp,web,Web,x,https://a.example/\n",
                "common-use.csv:2: expected 7 columns, found 6",
            ),
        ];
        for (rows, expected) in cases {
            assert_eq!(parsed(rows).unwrap_err(), expected, "{rows}");
        }
    }

    #[test]
    fn duplicates_clashes_and_order_are_refused() {
        let twice = format!("{ES}{ES}");
        assert_eq!(
            parsed(&twice).unwrap_err(),
            "common-use.csv:3: name elasticsearch at 9200/tcp is there already, on line 2"
        );
        let same_software = format!(
            "{ES}9200,tcp,es-rest,Elasticsearch,REST API,https://www.elastic.co/docs,2026-12-02\n"
        );
        assert_eq!(
            parsed(&same_software).unwrap_err(),
            "common-use.csv:3: software elasticsearch at 9200/tcp is there already, on line 2"
        );
        let two_softwares = format!(
            "{ES}9300,tcp,elasticsearch,OpenSearch,Transport,https://opensearch.org/docs,2026-12-02\n"
        );
        assert_eq!(
            parsed(&two_softwares).unwrap_err(),
            "common-use.csv:3: the name `elasticsearch` is Elasticsearch's already (line 2); a name stands for one software"
        );
        let reversed = format!(
            "9300,tcp,es-transport,Elasticsearch,Transport,https://www.elastic.co/docs,2026-12-02\n{ES}"
        );
        assert_eq!(
            parsed(&reversed).unwrap_err(),
            "common-use.csv:3: out of order: entries go by port, then protocol, then name, and line 2 comes after this one"
        );
        assert_eq!(
            parsed("").unwrap_err(),
            "common-use.csv: the registry has a header but no records"
        );
        let too_many: String = (1..=65535u32)
            .flat_map(|port| [port, port])
            .zip(["tcp", "udp"].into_iter().cycle())
            .take(65536)
            .map(|(port, protocol)| {
                format!("{port},{protocol},p{port},S,D,https://a.example/,2026-12-02\n")
            })
            .collect();
        assert_eq!(
            parsed(&too_many).unwrap_err(),
            "common-use.csv: 65536 records; the tables hold at most 65535"
        );
    }
}
