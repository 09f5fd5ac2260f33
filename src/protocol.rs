//! The four IANA transport protocols.

use core::fmt;
use core::str::FromStr;

/// A transport protocol of the registry.
///
/// ```
/// use ianaports::Protocol;
///
/// assert_eq!("TCP".parse::<Protocol>(), Ok(Protocol::Tcp));
/// assert_eq!(Protocol::Sctp.to_string(), "sctp");
/// assert!("xtp".parse::<Protocol>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
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
    /// assert_eq!(ianaports::Protocol::ALL.len(), 4);
    /// ```
    pub const ALL: [Protocol; 4] = [Protocol::Tcp, Protocol::Udp, Protocol::Sctp, Protocol::Dccp];

    /// The lowercase name the registry uses.
    ///
    /// ```
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

    /// The protocol as the tables code it.
    #[inline]
    pub(crate) const fn layout(self) -> ianaports_layout::Protocol {
        match self {
            Protocol::Tcp => ianaports_layout::Protocol::Tcp,
            Protocol::Udp => ianaports_layout::Protocol::Udp,
            Protocol::Sctp => ianaports_layout::Protocol::Sctp,
            Protocol::Dccp => ianaports_layout::Protocol::Dccp,
        }
    }

    #[inline]
    pub(crate) const fn from_layout(protocol: ianaports_layout::Protocol) -> Protocol {
        match protocol {
            ianaports_layout::Protocol::Tcp => Protocol::Tcp,
            ianaports_layout::Protocol::Udp => Protocol::Udp,
            ianaports_layout::Protocol::Sctp => Protocol::Sctp,
            ianaports_layout::Protocol::Dccp => Protocol::Dccp,
        }
    }
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
        Protocol::ALL
            .into_iter()
            .find(|protocol| protocol.as_str().eq_ignore_ascii_case(text))
            .ok_or(ParseProtocolError { _private: () })
    }
}

/// The text given to [`Protocol::from_str`] is not a transport protocol.
///
/// ```
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

#[cfg(feature = "std")]
impl std::error::Error for ParseProtocolError {}
