//! The four IANA transport protocols.

use core::fmt;
use core::str::FromStr;

/// A transport protocol of the registry.
///
/// `#[non_exhaustive]`: the registry has four today, and IANA can add another; a `match` needs
/// a `_` arm.
///
/// ```
/// # use ianaports_tables as ianaports;
/// use ianaports::Protocol;
///
/// assert_eq!("TCP".parse::<Protocol>(), Ok(Protocol::Tcp));
/// assert_eq!(Protocol::Sctp.to_string(), "sctp");
/// assert!("xtp".parse::<Protocol>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Protocol {
    /// Transmission Control Protocol.
    Tcp,
    /// User Datagram Protocol.
    Udp,
    /// Stream Control Transmission Protocol.
    Sctp,
    /// Datagram Congestion Control Protocol.
    Dccp,
}

impl Protocol {
    /// Every protocol, in the registry's customary order.
    ///
    /// ```
    /// # use ianaports_tables as ianaports;
    /// assert_eq!(ianaports::Protocol::ALL.len(), 4);
    /// ```
    pub const ALL: [Protocol; 4] = [Protocol::Tcp, Protocol::Udp, Protocol::Sctp, Protocol::Dccp];

    /// The lowercase name the registry uses.
    ///
    /// ```
    /// # use ianaports_tables as ianaports;
    /// assert_eq!(ianaports::Protocol::Dccp.as_str(), "dccp");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Protocol::Tcp => "tcp",
            Protocol::Udp => "udp",
            Protocol::Sctp => "sctp",
            Protocol::Dccp => "dccp",
        }
    }

    /// The protocol's number in the IP header's Protocol (IPv4) or Next Header (IPv6) field:
    /// 6, 17, 132 or 33.
    ///
    /// ```
    /// # use ianaports_tables as ianaports;
    /// assert_eq!(ianaports::Protocol::Tcp.ip_number(), 6);
    /// assert_eq!(ianaports::Protocol::Dccp.ip_number(), 33);
    /// ```
    pub const fn ip_number(self) -> u8 {
        match self {
            Protocol::Tcp => 6,
            Protocol::Udp => 17,
            Protocol::Sctp => 132,
            Protocol::Dccp => 33,
        }
    }

    /// The protocol with IP protocol number `number`, for packet code that has the IP header;
    /// `None` for a protocol the registry does not assign ports for (ICMP's 1, say).
    ///
    /// ```
    /// # use ianaports_tables as ianaports;
    /// use ianaports::Protocol;
    ///
    /// assert_eq!(Protocol::from_ip_number(17), Some(Protocol::Udp));
    /// assert_eq!(Protocol::from_ip_number(1), None);
    /// ```
    pub const fn from_ip_number(number: u8) -> Option<Protocol> {
        match number {
            6 => Some(Protocol::Tcp),
            17 => Some(Protocol::Udp),
            132 => Some(Protocol::Sctp),
            33 => Some(Protocol::Dccp),
            _ => None,
        }
    }

    /// The protocol named by `word`, in any ASCII case: the one parser of protocol words, for
    /// text that is not UTF-8 as well (packet captures, logs). [`Protocol::from_str`] is this
    /// on a `str`.
    ///
    /// ```
    /// # use ianaports_tables as ianaports;
    /// use ianaports::Protocol;
    ///
    /// assert_eq!(Protocol::from_word(b"SCTP"), Some(Protocol::Sctp));
    /// assert_eq!(Protocol::from_word(b"tcp6"), None);
    /// ```
    pub const fn from_word(word: &[u8]) -> Option<Protocol> {
        let mut at = 0;
        while at < Protocol::ALL.len() {
            let protocol = Protocol::ALL[at];
            if same_ignoring_ascii_case(word, protocol.as_str().as_bytes()) {
                return Some(protocol);
            }
            at += 1;
        }
        None
    }

    /// Position in [`Protocol::ALL`]: how the tables order a port's protocols. For the
    /// generator, which lays those tables out.
    #[doc(hidden)]
    #[inline]
    pub const fn index(self) -> usize {
        self as usize
    }

    #[inline]
    pub(crate) const fn index_u32(self) -> u32 {
        self as u32
    }

    /// The code in a record's flags: `index() + 1`, with 0 for "no protocol".
    pub(crate) const fn code(self) -> u8 {
        self as u8 + 1
    }

    pub(crate) const fn from_code(code: u8) -> Option<Protocol> {
        match code {
            1 => Some(Protocol::Tcp),
            2 => Some(Protocol::Udp),
            3 => Some(Protocol::Sctp),
            4 => Some(Protocol::Dccp),
            _ => None,
        }
    }
}

/// `<[u8]>::eq_ignore_ascii_case`, which is not a `const fn` on the crate's rust-version.
const fn same_ignoring_ascii_case(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut at = 0;
    while at < a.len() {
        if !a[at].eq_ignore_ascii_case(&b[at]) {
            return false;
        }
        at += 1;
    }
    true
}

impl fmt::Display for Protocol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl FromStr for Protocol {
    type Err = ParseProtocolError;

    /// Parses `tcp`, `udp`, `sctp` or `dccp` in any ASCII case.
    fn from_str(text: &str) -> Result<Protocol, ParseProtocolError> {
        Protocol::from_word(text.as_bytes()).ok_or(ParseProtocolError { _private: () })
    }
}

/// The text given to [`Protocol::from_str`] is not a transport protocol.
///
/// ```
/// # use ianaports_tables as ianaports;
/// let error = "xtp".parse::<ianaports::Protocol>().unwrap_err();
/// assert_eq!(error.to_string(), "unknown transport protocol (expected tcp, udp, sctp or dccp)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseProtocolError {
    _private: (),
}

impl fmt::Display for ParseProtocolError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("unknown transport protocol (expected tcp, udp, sctp or dccp)")
    }
}

impl core::error::Error for ParseProtocolError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_words_and_numbers_round_trip() {
        for protocol in Protocol::ALL {
            assert_eq!(Protocol::from_code(protocol.code()), Some(protocol));
            assert_eq!(
                Protocol::from_word(protocol.as_str().as_bytes()),
                Some(protocol)
            );
            assert_eq!(
                Protocol::from_ip_number(protocol.ip_number()),
                Some(protocol)
            );
            assert_eq!(Protocol::ALL[protocol.index()], protocol);
        }
        assert_eq!(Protocol::from_code(0), None);
        assert_eq!(Protocol::from_word(b"TcP"), Some(Protocol::Tcp));
        assert_eq!(Protocol::from_word(b"tcp6"), None);
        assert_eq!(Protocol::from_word(b""), None);
    }
}
