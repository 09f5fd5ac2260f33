//! What a command-line query means: a service name, a port, or a port range, each with an
//! optional protocol.

use ianaports::{PortRange, Protocol};
use std::fmt;

/// One query, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Query {
    /// A registered service name (exactly as given; matching ignores ASCII case).
    Name {
        /// The name as given.
        name: String,
        /// The protocol after its `/`, if any.
        protocol: Option<Protocol>,
    },
    /// A port or an inclusive range of ports.
    Ports {
        /// The ports (a range of one for a single port).
        ports: PortRange,
        /// The protocol after their `/`, if any.
        protocol: Option<Protocol>,
    },
}

/// Why a query could not be understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryError {
    /// The text after the last `/` is not a transport protocol.
    UnknownProtocol {
        /// The whole query.
        query: String,
        /// The text after its `/`.
        protocol: String,
    },
    /// What starts with a digit is neither a port, a range nor a registered name.
    BadPort {
        /// The whole query.
        query: String,
        /// The text read as a port or a range.
        port: String,
    },
    /// A range whose end is before its start (`10-5`).
    ReversedRange {
        /// The whole query.
        query: String,
    },
    /// A range was asked for (`--free`), and the query is a name.
    NotARange {
        /// The whole query.
        query: String,
    },
    /// The query is empty.
    Empty,
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QueryError::UnknownProtocol { query, protocol } => write!(
                f,
                "{query}: unknown protocol \"{protocol}\" (expected tcp, udp, sctp or dccp)"
            ),
            QueryError::BadPort { query, port } => write!(
                f,
                "{query}: \"{port}\" is not a port (0-65535), a range like 6000-6063, or a registered service name"
            ),
            QueryError::ReversedRange { query } => {
                write!(f, "{query}: the range ends before it starts")
            }
            QueryError::NotARange { query } => write!(
                f,
                "{query}: not a port range (like 8000-9000, or 8000-9000/udp)"
            ),
            QueryError::Empty => {
                f.write_str("an empty query matches nothing; give a port or a service name")
            }
        }
    }
}

impl Query {
    /// Parses `text`. A registered service name wins over reading the text as `X/PROTOCOL`,
    /// so names with a slash (`914c/g`, `cl/1`) are found.
    pub fn parse(text: &str) -> Result<Query, QueryError> {
        let query = ianaports::parse_query(text).map_err(|error| match error {
            ianaports::QueryError::Empty => QueryError::Empty,
            ianaports::QueryError::UnknownProtocol { protocol } => QueryError::UnknownProtocol {
                query: text.to_owned(),
                protocol: protocol.to_owned(),
            },
            ianaports::QueryError::BadPort { error, .. } if error.is_reversed() => {
                QueryError::ReversedRange {
                    query: text.to_owned(),
                }
            }
            ianaports::QueryError::BadPort { port, .. } => QueryError::BadPort {
                query: text.to_owned(),
                port: port.to_owned(),
            },
        })?;
        Ok(match query {
            ianaports::Query::Name { name, protocol } => Query::Name {
                name: name.to_owned(),
                protocol,
            },
            ianaports::Query::Ports { ports, protocol } => Query::Ports { ports, protocol },
        })
    }

    /// The protocols a query asks about: its own, or all four.
    pub(crate) fn protocols(&self) -> Vec<Protocol> {
        let protocol = match self {
            Query::Name { protocol, .. } | Query::Ports { protocol, .. } => *protocol,
        };
        protocol.map_or_else(|| Protocol::ALL.to_vec(), |p| vec![p])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ianaports::{Tcp, Udp};

    fn name(name: &str, protocol: Option<Protocol>) -> Query {
        Query::Name {
            name: name.into(),
            protocol,
        }
    }

    fn ports(first: u16, last: u16, protocol: Option<Protocol>) -> Query {
        let ports = PortRange::new(first, last).unwrap();
        Query::Ports { ports, protocol }
    }

    #[test]
    fn every_form() {
        assert_eq!(Query::parse("5432"), Ok(ports(5432, 5432, None)));
        assert_eq!(Query::parse("5432/tcp"), Ok(ports(5432, 5432, Some(Tcp))));
        assert_eq!(Query::parse("postgresql"), Ok(name("postgresql", None)));
        assert_eq!(
            Query::parse("PostgreSQL/udp"),
            Ok(name("PostgreSQL", Some(Udp)))
        );
        assert_eq!(
            Query::parse("6000-6010/tcp"),
            Ok(ports(6000, 6010, Some(Tcp)))
        );
        assert_eq!(Query::parse("0-65535"), Ok(ports(0, 65535, None)));
    }

    #[test]
    fn names_with_a_slash_win_over_splitting() {
        assert_eq!(Query::parse("914c/g"), Ok(name("914c/g", None)));
        assert_eq!(Query::parse("cl/1"), Ok(name("cl/1", None)));
        assert_eq!(Query::parse("CL/1"), Ok(name("CL/1", None)));
        assert_eq!(Query::parse("914c/g/tcp"), Ok(name("914c/g", Some(Tcp))));
    }

    #[test]
    fn names_that_start_with_a_digit() {
        assert_eq!(Query::parse("3com-tsmux"), Ok(name("3com-tsmux", None)));
        assert_eq!(
            Query::parse("3com-tsmux/udp"),
            Ok(name("3com-tsmux", Some(Udp)))
        );
    }

    #[test]
    fn bad_queries_say_why() {
        let error = Query::parse("22/xtp").unwrap_err();
        assert_eq!(
            error.to_string(),
            "22/xtp: unknown protocol \"xtp\" (expected tcp, udp, sctp or dccp)"
        );
        for bad_port in ["70000", "12ab", "1-"] {
            let error = Query::parse(bad_port);
            assert!(
                matches!(error, Err(QueryError::BadPort { .. })),
                "{bad_port}"
            );
        }
        assert!(matches!(
            Query::parse("10-5/udp"),
            Err(QueryError::ReversedRange { .. })
        ));
        assert_eq!(Query::parse(""), Err(QueryError::Empty));
        assert_eq!(
            Query::parse("no-such-service"),
            Ok(name("no-such-service", None))
        );
    }
}
