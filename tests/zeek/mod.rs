//! Zeek `conn.log` files, TSV or JSON lines, read as the flows that judge
//! `ianaports::server_port`: Zeek's responder port (`id.resp_p`) is the service's, on the
//! connections whose handshake Zeek saw, so that its orientation is the packets' own.

use ianaports::Protocol;

/// One connection of a log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Connection {
    /// The originator's port (`id.orig_p`).
    pub originator_port: u16,
    /// The responder's port (`id.resp_p`): the truth.
    pub responder_port: u16,
    /// The transport protocol (`proto`), if it is one of IANA's four.
    pub protocol: Option<Protocol>,
    /// Zeek's `history`: `S` the originator's SYN, `h` the responder's SYN-ACK, `^` a
    /// direction Zeek flipped by its own guess.
    pub history: String,
}

impl Connection {
    /// Whether Zeek saw the handshake in order: a SYN from the originator answered by a
    /// SYN-ACK from the responder, and no flip of its own. Only then is the responder known.
    pub fn handshake_seen(&self) -> bool {
        self.protocol == Some(Protocol::Tcp)
            && self.history.starts_with('S')
            && self.history.contains('h')
            && !self.history.contains('^')
    }
}

/// A log's connections, and how many of its lines were not one (a log copied while Zeek was
/// still writing it can end in half a line).
#[derive(Debug, Default)]
pub struct ConnLog {
    /// The connections, in the log's order.
    pub connections: Vec<Connection>,
    /// Lines that are neither a header nor a connection.
    pub malformed_lines: usize,
}

/// Every connection of a log's text, or why it is not a Zeek conn log.
pub fn read_conn_log(text: &str) -> Result<ConnLog, String> {
    let first = text.lines().next().unwrap_or("");
    let mut log = ConnLog::default();
    if first.starts_with('{') {
        for line in text.lines().filter(|line| !line.trim().is_empty()) {
            match json_connection(line) {
                Ok(connection) => log.connections.push(connection),
                Err(_) => log.malformed_lines += 1,
            }
        }
    } else {
        tsv_connections(text, &mut log)?;
    }
    if log.connections.is_empty() {
        return Err("no connection in the log".to_owned());
    }
    Ok(log)
}

fn protocol(word: &str) -> Option<Protocol> {
    Protocol::from_word(word.as_bytes())
}

fn port(text: &str) -> Result<u16, String> {
    text.parse().map_err(|_| format!("`{text}` is not a port"))
}

fn tsv_connections(text: &str, log: &mut ConnLog) -> Result<(), String> {
    let fields: Vec<&str> = text
        .lines()
        .find_map(|line| line.strip_prefix("#fields\t"))
        .ok_or("no #fields line: not a Zeek TSV log")?
        .split('\t')
        .collect();
    let column = |name: &str| {
        fields
            .iter()
            .position(|field| *field == name)
            .ok_or(format!("no `{name}` field"))
    };
    let (orig_p, resp_p, proto) = (column("id.orig_p")?, column("id.resp_p")?, column("proto")?);
    let history = column("history")?;
    for line in text
        .lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
    {
        let cells: Vec<&str> = line.split('\t').collect();
        let ports = cells
            .get(orig_p)
            .zip(cells.get(resp_p))
            .and_then(|(a, b)| port(a).ok().zip(port(b).ok()));
        match ports {
            Some((originator_port, responder_port)) if cells.len() == fields.len() => {
                log.connections.push(Connection {
                    originator_port,
                    responder_port,
                    protocol: protocol(cells[proto]),
                    history: cells[history].to_owned(),
                });
            }
            _ => log.malformed_lines += 1,
        }
    }
    Ok(())
}

fn json_connection(line: &str) -> Result<Connection, String> {
    let value: serde_json::Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
    let number = |key: &str| {
        value[key]
            .as_u64()
            .and_then(|n| u16::try_from(n).ok())
            .ok_or(format!("no port `{key}`: {line}"))
    };
    Ok(Connection {
        originator_port: number("id.orig_p")?,
        responder_port: number("id.resp_p")?,
        protocol: value["proto"].as_str().and_then(protocol),
        history: value["history"].as_str().unwrap_or("").to_owned(),
    })
}

/// How a rule did on a log's connections.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Agreement {
    /// Connections judged.
    pub connections: usize,
    /// Those the rule answered.
    pub answered: usize,
    /// Those whose answer was the responder's port.
    pub agreed: usize,
}

impl Agreement {
    /// `rule` judged on `connections`: its answer against the responder's port.
    pub fn of<'c>(
        connections: impl IntoIterator<Item = &'c Connection>,
        rule: impl Fn(&Connection) -> Option<u16>,
    ) -> Agreement {
        let mut agreement = Agreement::default();
        for connection in connections {
            agreement.connections += 1;
            if let Some(answer) = rule(connection) {
                agreement.answered += 1;
                agreement.agreed += usize::from(answer == connection.responder_port);
            }
        }
        agreement
    }

    /// Agreed, of all connections, in percent.
    pub fn overall(self) -> f64 {
        percent(self.agreed, self.connections)
    }

    /// Agreed, of the connections answered, in percent.
    pub fn of_answered(self) -> f64 {
        percent(self.agreed, self.answered)
    }
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

/// `ianaports::server_port` on a connection, over its protocol.
pub fn server_port(connection: &Connection) -> Option<u16> {
    let protocol = connection.protocol?;
    ianaports::server_port(
        connection.originator_port,
        connection.responder_port,
        protocol,
    )
}

/// The baseline: the lower port is the service's.
pub fn lower_port(connection: &Connection) -> Option<u16> {
    Some(connection.originator_port.min(connection.responder_port))
}
