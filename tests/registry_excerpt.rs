//! The rows of the registry excerpt the project started from, as explicit cases. The excerpt is
//! IANA's HTML page rendered as text (which drops empty cells and wraps long rows), kept as
//! `tests/fixtures/registry-excerpt.txt`; a test checks every case here against it.

use ianaports::{PortRange, Protocol, Record, Status};

struct Row {
    name: &'static str,
    ports: &'static str,
    protocol: &'static str,
    /// The record's non-empty cells after the protocol, in column order, white space folded.
    cells: &'static [&'static str],
}

const ROWS: &[Row] = &[
    Row {
        name: "elpro_tunnel",
        ports: "4370",
        protocol: "tcp",
        cells: &[
            "ELPRO V2 Protocol Tunnel",
            "[Harry_Courtice]",
            "[Harry_Courtice]",
            "2008-04-14",
            "This entry is an alias to \"elpro-tunnel\". This entry is now historic, not usable for use with many common service discovery mechanisms.",
        ],
    },
    Row {
        name: "elpro-tunnel",
        ports: "4370",
        protocol: "udp",
        cells: &[
            "ELPRO V2 Protocol Tunnel IANA assigned this well-formed service name as a replacement for \"elpro_tunnel\".",
            "[Harry_Courtice]",
            "[Harry_Courtice]",
            "2008-04-14",
        ],
    },
    Row {
        name: "elpro_tunnel",
        ports: "4370",
        protocol: "udp",
        cells: &[
            "ELPRO V2 Protocol Tunnel",
            "[Harry_Courtice]",
            "[Harry_Courtice]",
            "2008-04-14",
            "This entry is an alias to \"elpro-tunnel\". This entry is now historic, not usable for use with many common service discovery mechanisms.",
        ],
    },
    Row {
        name: "l2c-control",
        ports: "4371",
        protocol: "tcp",
        cells: &[
            "LAN2CAN Control",
            "[Phil_Tolson]",
            "[Phil_Tolson]",
            "2008-07-07",
            "Modified: 21 January 2010",
        ],
    },
    Row {
        name: "l2c-disc",
        ports: "4371",
        protocol: "udp",
        cells: &[
            "LAN2CAN Discovery",
            "[Phil_Tolson]",
            "[Phil_Tolson]",
            "2010-01-21",
        ],
    },
    Row {
        name: "l2c-data",
        ports: "4372",
        protocol: "tcp",
        cells: &[
            "LAN2CAN Data",
            "[Phil_Tolson]",
            "[Phil_Tolson]",
            "2008-07-07",
            "Modified: 21 January 2010",
        ],
    },
    Row {
        name: "l2c-data",
        ports: "4372",
        protocol: "udp",
        cells: &[
            "LAN2CAN Data",
            "[Phil_Tolson]",
            "[Phil_Tolson]",
            "2010-01-21",
        ],
    },
    Row {
        name: "remctl",
        ports: "4373",
        protocol: "tcp",
        cells: &[
            "Remote Authenticated Command Service",
            "[Russ_Allbery]",
            "[Russ_Allbery]",
            "2007-08-30",
        ],
    },
    Row {
        name: "remctl",
        ports: "4373",
        protocol: "udp",
        cells: &[
            "Remote Authenticated Command Service",
            "[Russ_Allbery]",
            "[Russ_Allbery]",
            "2007-08-30",
        ],
    },
    Row {
        name: "psi-ptt",
        ports: "4374",
        protocol: "tcp",
        cells: &[
            "PSI Push-to-Talk Protocol",
            "[Frank_B]",
            "[Frank_B]",
            "2008-07-17",
        ],
    },
    Row {
        name: "",
        ports: "4374",
        protocol: "udp",
        cells: &["Reserved"],
    },
    Row {
        name: "tolteces",
        ports: "4375",
        protocol: "tcp",
        cells: &[
            "Toltec EasyShare",
            "[Joon_Radley_2]",
            "[Joon_Radley_2]",
            "2008-10-21",
        ],
    },
    Row {
        name: "tolteces",
        ports: "4375",
        protocol: "udp",
        cells: &[
            "Toltec EasyShare",
            "[Joon_Radley_2]",
            "[Joon_Radley_2]",
            "2008-10-21",
        ],
    },
    Row {
        name: "bip",
        ports: "4376",
        protocol: "tcp",
        cells: &[
            "BioAPI Interworking",
            "[Jean_Paul_Lemaire]",
            "[Jean_Paul_Lemaire]",
            "2007-07-05",
        ],
    },
    Row {
        name: "bip",
        ports: "4376",
        protocol: "udp",
        cells: &[
            "BioAPI Interworking",
            "[Jean_Paul_Lemaire]",
            "[Jean_Paul_Lemaire]",
            "2007-07-05",
        ],
    },
    Row {
        name: "cp-spxsvr",
        ports: "4377",
        protocol: "tcp",
        cells: &["Cambridge Pixel SPx Server"],
    },
    Row {
        name: "cp-spxsvr",
        ports: "4377",
        protocol: "udp",
        cells: &["Cambridge Pixel SPx Server"],
    },
    Row {
        name: "cp-spxdpy",
        ports: "4378",
        protocol: "tcp",
        cells: &[
            "Cambridge Pixel SPx Display",
            "[Richard_Warren]",
            "[Richard_Warren]",
            "2007-07-05",
        ],
    },
    Row {
        name: "cp-spxdpy",
        ports: "4378",
        protocol: "udp",
        cells: &[
            "Cambridge Pixel SPx Display",
            "[Richard_Warren]",
            "[Richard_Warren]",
            "2007-07-05",
        ],
    },
    Row {
        name: "ctdb",
        ports: "4379",
        protocol: "tcp",
        cells: &[
            "CTDB",
            "[Ronnie_Sahlberg]",
            "[Ronnie_Sahlberg]",
            "2007-07-05",
        ],
    },
    Row {
        name: "ctdb",
        ports: "4379",
        protocol: "udp",
        cells: &[
            "CTDB",
            "[Ronnie_Sahlberg]",
            "[Ronnie_Sahlberg]",
            "2007-07-05",
        ],
    },
    Row {
        name: "",
        ports: "4380-4388",
        protocol: "",
        cells: &["Unassigned"],
    },
    Row {
        name: "xandros-cms",
        ports: "4389",
        protocol: "tcp",
        cells: &[
            "Xandros Community Management Service",
            "[Stephen_M_Webb]",
            "[Stephen_M_Webb]",
            "2007-05",
        ],
    },
    Row {
        name: "xandros-cms",
        ports: "4389",
        protocol: "udp",
        cells: &[
            "Xandros Community Management Service",
            "[Stephen_M_Webb]",
            "[Stephen_M_Webb]",
            "2007-05",
        ],
    },
    Row {
        name: "wiegand",
        ports: "4390",
        protocol: "tcp",
        cells: &[
            "Physical Access Control",
            "[Scott_Guthery_2]",
            "[Scott_Guthery_2]",
            "2008-08-25",
        ],
    },
    Row {
        name: "wiegand",
        ports: "4390",
        protocol: "udp",
        cells: &[
            "Physical Access Control",
            "[Scott_Guthery_2]",
            "[Scott_Guthery_2]",
            "2008-08-25",
        ],
    },
    Row {
        name: "apwi-imserver",
        ports: "4391",
        protocol: "tcp",
        cells: &[
            "American Printware IMServer Protocol",
            "[Lech_Lakomy]",
            "[Lech_Lakomy]",
            "2009-02-12",
        ],
    },
    Row {
        name: "",
        ports: "4391",
        protocol: "udp",
        cells: &["Reserved"],
    },
    Row {
        name: "apwi-rxserver",
        ports: "4392",
        protocol: "tcp",
        cells: &[
            "American Printware RXServer Protocol",
            "[Lech_Lakomy]",
            "[Lech_Lakomy]",
            "2009-02-12",
        ],
    },
    Row {
        name: "",
        ports: "4392",
        protocol: "udp",
        cells: &["Reserved"],
    },
    Row {
        name: "apwi-rxspooler",
        ports: "4393",
        protocol: "tcp",
        cells: &[
            "American Printware RXSpooler Protocol",
            "[Lech_Lakomy]",
            "[Lech_Lakomy]",
            "2009-02-12",
        ],
    },
    Row {
        name: "",
        ports: "4393",
        protocol: "udp",
        cells: &["Reserved"],
    },
    Row {
        name: "",
        ports: "4394",
        protocol: "tcp",
        cells: &["Reserved"],
    },
    Row {
        name: "apwi-disc",
        ports: "4394",
        protocol: "udp",
        cells: &[
            "American Printware Discovery",
            "[Lech_Lakomy]",
            "[Lech_Lakomy]",
            "2009-02-12",
        ],
    },
    Row {
        name: "omnivisionesx",
        ports: "4395",
        protocol: "tcp",
        cells: &[
            "OmniVision communication for Virtual environments",
            "[Vacquier_Serge]",
            "[Vacquier_Serge]",
            "2009-02-12",
        ],
    },
    Row {
        name: "omnivisionesx",
        ports: "4395",
        protocol: "udp",
        cells: &[
            "OmniVision communication for Virtual environments",
            "[Vacquier_Serge]",
            "[Vacquier_Serge]",
            "2009-02-12",
        ],
    },
    Row {
        name: "fly",
        ports: "4396",
        protocol: "tcp",
        cells: &[
            "Fly Object Space",
            "[Nigel_Warren]",
            "[Nigel_Warren]",
            "2009-02-12",
        ],
    },
    Row {
        name: "",
        ports: "4396",
        protocol: "udp",
        cells: &["Reserved"],
    },
    Row {
        name: "",
        ports: "4397-4399",
        protocol: "",
        cells: &["Unassigned"],
    },
    Row {
        name: "rsqlserver",
        ports: "4430",
        protocol: "tcp",
        cells: &[
            "REAL SQL Server",
            "[Marco_Bambini]",
            "[Marco_Bambini]",
            "2008-08-28",
        ],
    },
    Row {
        name: "rsqlserver",
        ports: "4430",
        protocol: "udp",
        cells: &[
            "REAL SQL Server",
            "[Marco_Bambini]",
            "[Marco_Bambini]",
            "2008-08-28",
        ],
    },
    Row {
        name: "wspipe",
        ports: "4431",
        protocol: "tcp",
        cells: &["adWISE Pipe", "[Heikki_E]", "[Heikki_E]", "2009-06-18"],
    },
    Row {
        name: "",
        ports: "4431",
        protocol: "udp",
        cells: &["Reserved"],
    },
    Row {
        name: "l-acoustics",
        ports: "4432",
        protocol: "tcp",
        cells: &[
            "L-ACOUSTICS management",
            "[L-ACOUSTICS]",
            "[Christophe_Pignon]",
            "2012-08-13",
        ],
    },
    Row {
        name: "l-acoustics",
        ports: "4432",
        protocol: "udp",
        cells: &[
            "L-ACOUSTICS management",
            "[L-ACOUSTICS]",
            "[Christophe_Pignon]",
            "2012-08-13",
        ],
    },
    Row {
        name: "vop",
        ports: "4433",
        protocol: "tcp",
        cells: &[
            "Versile Object Protocol",
            "[Versile_AS]",
            "[Tore_Skaug]",
            "2012-02-01",
        ],
    },
    Row {
        name: "",
        ports: "4433",
        protocol: "udp",
        cells: &["Reserved"],
    },
    Row {
        name: "",
        ports: "4434-4440",
        protocol: "",
        cells: &["Unassigned"],
    },
    Row {
        name: "pharos",
        ports: "4443",
        protocol: "tcp",
        cells: &[
            "Pharos",
            "[TeleConsult]",
            "[TeleConsult]",
            "Known Unauthorized Use on port 4443",
        ],
    },
    Row {
        name: "pharos",
        ports: "4443",
        protocol: "udp",
        cells: &[
            "Pharos",
            "[TeleConsult]",
            "[TeleConsult]",
            "Known Unauthorized Use on port 4443",
        ],
    },
    Row {
        name: "openhpid",
        ports: "4743",
        protocol: "tcp",
        cells: &[
            "openhpi HPI service",
            "[Thomas_Kanngieser]",
            "[Thomas_Kanngieser]",
            "2006-01",
        ],
    },
    Row {
        name: "openhpid",
        ports: "4743",
        protocol: "udp",
        cells: &[
            "openhpi HPI service",
            "[Thomas_Kanngieser]",
            "[Thomas_Kanngieser]",
            "2006-01",
        ],
    },
    Row {
        name: "opcua-tls",
        ports: "4843",
        protocol: "tcp",
        cells: &[
            "OPC UA TCP Protocol over TLS/SSL",
            "[OPC_Foundation]",
            "[Randy_Armstrong]",
            "2006-09",
            "2017-05-23",
        ],
    },
    Row {
        name: "opcua-tls",
        ports: "4843",
        protocol: "udp",
        cells: &[
            "OPC UA TCP Protocol over TLS/SSL",
            "[OPC_Foundation]",
            "[Randy_Armstrong]",
            "2006-09",
        ],
    },
    Row {
        name: "",
        ports: "4943-4948",
        protocol: "",
        cells: &["Unassigned"],
    },
    Row {
        name: "swxadmin",
        ports: "5043",
        protocol: "tcp",
        cells: &[
            "ShopWorX Administration",
            "[Don_W_Fitzpatrick]",
            "[Don_W_Fitzpatrick]",
            "2005-08",
        ],
    },
    Row {
        name: "swxadmin",
        ports: "5043",
        protocol: "udp",
        cells: &[
            "ShopWorX Administration",
            "[Don_W_Fitzpatrick]",
            "[Don_W_Fitzpatrick]",
            "2005-08",
        ],
    },
    Row {
        name: "xycstatus",
        ports: "5243",
        protocol: "tcp",
        cells: &[
            "xyClient Status API and rendevous point",
            "[Xycare_Ltd]",
            "[Luke_Bailey]",
            "2022-06-06",
        ],
    },
    Row {
        name: "",
        ports: "5243",
        protocol: "udp",
        cells: &["Reserved"],
    },
    Row {
        name: "kfserver",
        ports: "5343",
        protocol: "tcp",
        cells: &[
            "Sculptor Database Server",
            "[Keith_Ashman]",
            "[Keith_Ashman]",
            "2005-12",
        ],
    },
    Row {
        name: "kfserver",
        ports: "5343",
        protocol: "udp",
        cells: &[
            "Sculptor Database Server",
            "[Keith_Ashman]",
            "[Keith_Ashman]",
            "2005-12",
        ],
    },
    Row {
        name: "radec-corp",
        ports: "5430",
        protocol: "tcp",
        cells: &["RADEC CORP", "[David_Chell]", "[David_Chell]"],
    },
    Row {
        name: "radec-corp",
        ports: "5430",
        protocol: "udp",
        cells: &["RADEC CORP", "[David_Chell]", "[David_Chell]"],
    },
    Row {
        name: "park-agent",
        ports: "5431",
        protocol: "tcp",
        cells: &["PARK AGENT", "[John_Clifford]", "[John_Clifford]"],
    },
    Row {
        name: "park-agent",
        ports: "5431",
        protocol: "udp",
        cells: &["PARK AGENT", "[John_Clifford]", "[John_Clifford]"],
    },
    Row {
        name: "postgresql",
        ports: "5432",
        protocol: "tcp",
        cells: &["PostgreSQL Database", "[Tom_Lane]", "[Tom_Lane]"],
    },
    Row {
        name: "postgresql",
        ports: "5432",
        protocol: "udp",
        cells: &["PostgreSQL Database", "[Tom_Lane]", "[Tom_Lane]"],
    },
    Row {
        name: "pyrrho",
        ports: "5433",
        protocol: "tcp",
        cells: &[
            "Pyrrho DBMS",
            "[Malcolm_Crowe]",
            "[Malcolm_Crowe]",
            "2005-11",
        ],
    },
    Row {
        name: "pyrrho",
        ports: "5433",
        protocol: "udp",
        cells: &[
            "Pyrrho DBMS",
            "[Malcolm_Crowe]",
            "[Malcolm_Crowe]",
            "2005-11",
        ],
    },
    Row {
        name: "sgi-arrayd",
        ports: "5434",
        protocol: "tcp",
        cells: &[
            "SGI Array Services Daemon",
            "[Karl_Feind]",
            "[Karl_Feind]",
            "2005-10",
        ],
    },
    Row {
        name: "sgi-arrayd",
        ports: "5434",
        protocol: "udp",
        cells: &[
            "SGI Array Services Daemon",
            "[Karl_Feind]",
            "[Karl_Feind]",
            "2005-10",
        ],
    },
    Row {
        name: "sceanics",
        ports: "5435",
        protocol: "tcp",
        cells: &[
            "SCEANICS situation and action notification",
            "[Richard_Olsen]",
            "[Richard_Olsen]",
        ],
    },
    Row {
        name: "sceanics",
        ports: "5435",
        protocol: "udp",
        cells: &[
            "SCEANICS situation and action notification",
            "[Richard_Olsen]",
            "[Richard_Olsen]",
        ],
    },
    Row {
        name: "",
        ports: "5436",
        protocol: "tcp",
        cells: &["Reserved"],
    },
    Row {
        name: "pmip6-cntl",
        ports: "5436",
        protocol: "udp",
        cells: &["pmip6-cntl", "[RFC5844]"],
    },
    Row {
        name: "",
        ports: "5437",
        protocol: "tcp",
        cells: &["Reserved"],
    },
    Row {
        name: "pmip6-data",
        ports: "5437",
        protocol: "udp",
        cells: &["pmip6-data", "[RFC5844]"],
    },
    Row {
        name: "",
        ports: "5438-5442",
        protocol: "",
        cells: &["Unassigned"],
    },
    Row {
        name: "spss",
        ports: "5443",
        protocol: "tcp",
        cells: &["Pearson HTTPS", "[Pearson]", "[Pearson]", "2008-01-17"],
    },
    Row {
        name: "spss",
        ports: "5443",
        protocol: "udp",
        cells: &["Pearson HTTPS", "[Pearson]", "[Pearson]", "2008-01-17"],
    },
    Row {
        name: "qftest-licserve",
        ports: "5543",
        protocol: "tcp",
        cells: &[
            "QF-Test License Server",
            "[Quality_First_Software_GmbH]",
            "[Gregor_Schmid]",
            "2024-01-05",
        ],
    },
    Row {
        name: "",
        ports: "5543",
        protocol: "udp",
        cells: &["Reserved"],
    },
    Row {
        name: "watchdoc-pod",
        ports: "5743",
        protocol: "tcp",
        cells: &[
            "Watchdoc NetPOD Protocol",
            "[Christophe_Chevalier]",
            "[Christophe_Chevalier]",
            "2005-08",
        ],
    },
    Row {
        name: "watchdoc-pod",
        ports: "5743",
        protocol: "udp",
        cells: &[
            "Watchdoc NetPOD Protocol",
            "[Christophe_Chevalier]",
            "[Christophe_Chevalier]",
            "2005-08",
        ],
    },
    Row {
        name: "",
        ports: "5843-5858",
        protocol: "",
        cells: &["Unassigned"],
    },
    Row {
        name: "rfb",
        ports: "5900",
        protocol: "tcp",
        cells: &[
            "Remote Framebuffer",
            "[Tristan_Richardson]",
            "[Tristan_Richardson]",
            "2006-03",
            "[RFC6143]",
        ],
    },
    Row {
        name: "rfb",
        ports: "5900",
        protocol: "udp",
        cells: &[
            "Remote Framebuffer",
            "[Tristan_Richardson]",
            "[Tristan_Richardson]",
            "2006-03",
            "[RFC6143]",
        ],
    },
    Row {
        name: "watershed-lm",
        ports: "6143",
        protocol: "tcp",
        cells: &[
            "Watershed License Manager",
            "[David_Ferrero]",
            "[David_Ferrero]",
        ],
    },
    Row {
        name: "watershed-lm",
        ports: "6143",
        protocol: "udp",
        cells: &[
            "Watershed License Manager",
            "[David_Ferrero]",
            "[David_Ferrero]",
        ],
    },
    Row {
        name: "jeol-nsdtp-3",
        ports: "6243",
        protocol: "tcp",
        cells: &[
            "JEOL Network Services Data Transport Protocol 3",
            "[Kevin_Wellwood]",
            "[Kevin_Wellwood]",
            "2008-04-17",
        ],
    },
    Row {
        name: "jeol-nsddp-3",
        ports: "6243",
        protocol: "udp",
        cells: &[
            "JEOL Network Services Dynamic Discovery Protocol 3",
            "[Kevin_Wellwood]",
            "[Kevin_Wellwood]",
            "2008-04-17",
        ],
    },
    Row {
        name: "sflow",
        ports: "6343",
        protocol: "tcp",
        cells: &[
            "sFlow traffic monitoring",
            "[Peter_Phaal]",
            "[Peter_Phaal]",
            "2003-06",
        ],
    },
    Row {
        name: "sflow",
        ports: "6343",
        protocol: "udp",
        cells: &[
            "sFlow traffic monitoring",
            "[Peter_Phaal]",
            "[Peter_Phaal]",
            "2003-06",
        ],
    },
    Row {
        name: "",
        ports: "6422-6431",
        protocol: "",
        cells: &["Unassigned"],
    },
    Row {
        name: "pgbouncer",
        ports: "6432",
        protocol: "tcp",
        cells: &["PgBouncer", "[Marko_Kreen]", "[Marko_Kreen]", "2009-02-13"],
    },
    Row {
        name: "",
        ports: "6432",
        protocol: "udp",
        cells: &["Reserved"],
    },
    Row {
        name: "",
        ports: "6433-6439",
        protocol: "",
        cells: &["Unassigned"],
    },
    Row {
        name: "sun-sr-https",
        ports: "6443",
        protocol: "tcp",
        cells: &[
            "Service Registry Default HTTPS Domain",
            "[Paul_Sterk]",
            "[Paul_Sterk]",
            "2006-03",
        ],
    },
    Row {
        name: "sun-sr-https",
        ports: "6443",
        protocol: "udp",
        cells: &[
            "Service Registry Default HTTPS Domain",
            "[Paul_Sterk]",
            "[Paul_Sterk]",
            "2006-03",
        ],
    },
    Row {
        name: "lds-distrib",
        ports: "6543",
        protocol: "tcp",
        cells: &["lds_distrib", "[Jack_Baker]", "[Jack_Baker]", "2003-06"],
    },
    Row {
        name: "lds-distrib",
        ports: "6543",
        protocol: "udp",
        cells: &["lds_distrib", "[Jack_Baker]", "[Jack_Baker]", "2003-06"],
    },
];

fn ports_text(record: Record) -> String {
    record
        .port_range()
        .map_or_else(String::new, |range| range.to_string())
}

fn protocol_text(record: Record) -> &'static str {
    record.protocol().map_or("", Protocol::as_str)
}

fn find(row: &Row) -> Record {
    let mut matches = ianaports::records().filter(|&r| {
        r.name().unwrap_or("") == row.name
            && ports_text(r) == row.ports
            && protocol_text(r) == row.protocol
    });
    let record = matches.next().unwrap_or_else(|| {
        panic!(
            "{} {}/{} is not in the registry",
            row.name, row.ports, row.protocol
        )
    });
    assert!(
        matches.next().is_none(),
        "{} {}/{} is ambiguous",
        row.name,
        row.ports,
        row.protocol
    );
    record
}

fn protocols(row: &Row) -> Vec<Protocol> {
    match row.protocol {
        "" => Protocol::ALL.to_vec(),
        text => vec![text.parse().unwrap()],
    }
}

fn port_list(row: &Row) -> Vec<u16> {
    row.ports
        .parse::<PortRange>()
        .unwrap()
        .into_iter()
        .collect()
}

/// The excerpt with its white space folded, so wrapped rows read as one line.
fn excerpt() -> String {
    let text = include_str!("fixtures/registry-excerpt.txt");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_case_is_a_row_of_the_excerpt() {
    let excerpt = excerpt();
    for row in ROWS {
        let leading = [row.name, row.ports, row.protocol]
            .into_iter()
            .filter(|c| !c.is_empty());
        let cells: Vec<&str> = leading.chain(row.cells.iter().copied()).collect();
        let rendered = format!("| {} |", cells.join(" | "));
        assert!(
            excerpt.contains(&rendered),
            "{rendered} is not in the excerpt"
        );
    }
}

#[test]
fn every_seed_row_is_a_record_with_its_cells() {
    assert_eq!(ROWS.len(), 101);
    for row in ROWS {
        let record = find(row);
        #[cfg(all(feature = "descriptions", feature = "metadata"))]
        {
            let columns = [
                record.description(),
                record.assignee(),
                record.contact(),
                record.registration_date(),
                record.modification_date(),
                record.reference(),
                record.service_code(),
                record.unauthorized_use_reported(),
                record.assignment_notes(),
            ];
            let cells: Vec<String> = columns
                .into_iter()
                .flatten()
                .map(|cell| cell.split_whitespace().collect::<Vec<_>>().join(" "))
                .collect();
            assert_eq!(
                cells, row.cells,
                "{} {}/{}",
                row.name, row.ports, row.protocol
            );
        }
    }
}

#[test]
fn named_seed_rows_are_found_by_port_and_by_name() {
    for row in ROWS.iter().filter(|row| !row.name.is_empty()) {
        let record = find(row);
        assert!(
            ianaports::by_name(row.name).any(|r| r == record),
            "by_name({})",
            row.name
        );
        assert!(ianaports::by_name(&row.name.to_uppercase()).any(|r| r == record));
        for port in port_list(row) {
            for protocol in protocols(row) {
                assert!(
                    ianaports::lookup_all(port, protocol).any(|r| r == record),
                    "{port}/{protocol}"
                );
                assert_eq!(ianaports::status(port, protocol), Status::Assigned);
            }
        }
    }
}

#[test]
fn unnamed_seed_rows_give_the_status_they_say() {
    for row in ROWS.iter().filter(|row| row.name.is_empty()) {
        let expected = match row.cells[0] {
            "Reserved" => Status::Reserved,
            "Unassigned" => Status::Unassigned,
            other => panic!("unexpected seed row {other}"),
        };
        for port in port_list(row) {
            for protocol in protocols(row) {
                assert_eq!(
                    ianaports::status(port, protocol),
                    expected,
                    "{port}/{protocol}"
                );
            }
        }
    }
}

#[test]
fn seed_rows_answer_the_lookups_people_make() {
    let name = |port, protocol| ianaports::lookup(port, protocol).and_then(Record::name);
    assert_eq!(
        name(4370, Protocol::Tcp),
        Some("elpro-tunnel"),
        "the current name before the alias"
    );
    assert_eq!(name(4370, Protocol::Udp), Some("elpro-tunnel"));
    assert_eq!(name(5432, Protocol::Tcp), Some("postgresql"));
    assert_eq!(name(4374, Protocol::Udp), None);
    assert_eq!(name(4374, Protocol::Tcp), Some("psi-ptt"));
    assert_eq!(name(5436, Protocol::Udp), Some("pmip6-cntl"));
    assert_eq!(name(5436, Protocol::Tcp), None);
    assert_eq!(name(6432, Protocol::Tcp), Some("pgbouncer"));
    let all: Vec<_> = ianaports::lookup_all(4370, Protocol::Tcp)
        .filter_map(Record::name)
        .collect();
    assert_eq!(all, ["elpro-tunnel", "elpro_tunnel"]);
}
