//! The query syntax shared by the command line and `IANAPORTS_FILTER`: a service name, a port,
//! or a port range, each with an optional `/protocol`.

use crate::{ParsePortRangeError, PortRange, Protocol};

/// One query: what the command line looks up and what `IANAPORTS_FILTER` keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Query<'t> {
    /// A service name, as given (matching ignores ASCII case).
    Name {
        /// The name.
        name: &'t str,
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

/// Why text is not a query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryError<'t> {
    /// The query is empty.
    Empty,
    /// The text after the last `/` is not a transport protocol.
    UnknownProtocol {
        /// That text.
        protocol: &'t str,
    },
    /// What starts with a digit is neither a port, a range nor a registered name.
    BadPort {
        /// The text read as a port or a range.
        port: &'t str,
        /// Why it is not one.
        error: ParsePortRangeError,
    },
}

impl<'t> Query<'t> {
    /// Parses `text`, asking `is_name` whether a text is a registered service name: a name
    /// wins over reading the text as `X/PROTOCOL`, so names with a slash (`914c/g`) are found,
    /// and over reading it as a port, so names that start with a digit (`3com-tsmux`) are too.
    ///
    /// ```
    /// # use ianaports_tables as ianaports;
    /// use ianaports::{PortRange, Protocol, Query};
    ///
    /// let is_name = |text: &str| text == "postgresql" || text == "914c/g";
    /// let query = Query::parse("6000-6063/tcp", is_name);
    /// let ports = PortRange::new(6000, 6063).unwrap();
    /// assert_eq!(query, Ok(Query::Ports { ports, protocol: Some(Protocol::Tcp) }));
    /// assert_eq!(
    ///     Query::parse("914c/g", is_name),
    ///     Ok(Query::Name { name: "914c/g", protocol: None })
    /// );
    /// assert!(Query::parse("22/xtp", is_name).is_err());
    /// ```
    pub fn parse(
        text: &'t str,
        is_name: impl Fn(&str) -> bool,
    ) -> Result<Query<'t>, QueryError<'t>> {
        if text.is_empty() {
            return Err(QueryError::Empty);
        }
        if is_name(text) {
            return Ok(Query::Name {
                name: text,
                protocol: None,
            });
        }
        let (subject, protocol) = match text.rsplit_once('/') {
            Some((subject, protocol)) => {
                let parsed = Protocol::from_word(protocol.as_bytes())
                    .ok_or(QueryError::UnknownProtocol { protocol })?;
                (subject, Some(parsed))
            }
            None => (text, None),
        };
        let starts_like_a_port = subject.starts_with(|c: char| c.is_ascii_digit());
        if !starts_like_a_port || is_name(subject) {
            return Ok(Query::Name {
                name: subject,
                protocol,
            });
        }
        match subject.parse::<PortRange>() {
            Ok(ports) => Ok(Query::Ports { ports, protocol }),
            Err(error) => Err(QueryError::BadPort {
                port: subject,
                error,
            }),
        }
    }

    /// The protocol the query names, if any.
    pub const fn protocol(self) -> Option<Protocol> {
        match self {
            Query::Name { protocol, .. } | Query::Ports { protocol, .. } => protocol,
        }
    }
}
