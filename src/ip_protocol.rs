//! IANA's Assigned Internet Protocol Numbers: the value of the IP header's Protocol (IPv4) or
//! Next Header (IPv6) field.

use core::fmt;
use core::ops::RangeInclusive;

use ianaports_tables::{IpProtocolFlags, IpProtocolStatus};

use crate::Protocol;
use crate::generated::IP_PROTOCOLS;

/// A value of the IP header's Protocol (IPv4) or Next Header (IPv6) field, with what IANA's
/// protocol-numbers registry says of it. Every value 0-255 has one: [`ip_protocol`].
///
/// Two bytes, `Copy`, ordered by number. It displays as its keyword (`GRE`), or as its number
/// when it has none (`200`). With the `serde` feature it serializes as a struct: `number`,
/// `keyword`, `deprecated`, `protocol` (with `descriptions`), `ipv6_extension_header`,
/// `references` (with `metadata`) and `status`; what is empty is `null`.
///
/// ```
/// let gre = ianaports::ip_protocol(47);
/// assert_eq!((gre.number(), gre.keyword()), (47, Some("GRE")));
/// assert_eq!(gre.to_string(), "GRE");
/// assert_eq!(ianaports::ip_protocol(200).to_string(), "200");
/// assert_eq!(ianaports::ip_protocol(6).transport(), Some(ianaports::Tcp));
/// assert_eq!(ianaports::IpProtocol::from(ianaports::Udp).number(), 17);
///
/// # #[cfg(all(feature = "serde", feature = "descriptions"))] {
/// let json = serde_json::to_value(gre).unwrap();
/// assert_eq!(json["keyword"], "GRE");
/// assert_eq!(json["protocol"], "Generic Routing Encapsulation");
/// assert_eq!(json["status"], "assigned");
/// assert_eq!(json["ipv6_extension_header"], serde_json::Value::Null);
/// # }
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IpProtocol {
    number: u8,
    record: u8,
}

/// The protocol number `number`, with what IANA says of it: every value 0-255 answers, be it
/// assigned, unassigned, for experimentation or reserved.
///
/// ```
/// use ianaports::IpProtocolStatus;
///
/// assert_eq!(ianaports::ip_protocol(1).keyword(), Some("ICMP"));
/// assert_eq!(ianaports::ip_protocol(200).status(), IpProtocolStatus::Unassigned);
/// assert_eq!(ianaports::ip_protocol(253).status(), IpProtocolStatus::Experimental);
/// assert_eq!(ianaports::ip_protocol(255).status(), IpProtocolStatus::Reserved);
/// ```
#[inline]
pub const fn ip_protocol(number: u8) -> IpProtocol {
    IpProtocol {
        number,
        record: IP_PROTOCOLS.record_of(number),
    }
}

/// The protocol number whose keyword is `keyword`, ASCII-case-insensitively; a keyword IANA
/// marks deprecated is found with or without its `(deprecated)` marker.
///
/// ```
/// assert_eq!(ianaports::ip_protocol_by_keyword("gre").map(|p| p.number()), Some(47));
/// assert_eq!(ianaports::ip_protocol_by_keyword("IPv6-Route").map(|p| p.number()), Some(43));
/// assert_eq!(ianaports::ip_protocol_by_keyword("argus").map(|p| p.number()), Some(13));
/// assert_eq!(ianaports::ip_protocol_by_keyword("no-such-protocol"), None);
/// ```
pub fn ip_protocol_by_keyword(keyword: &str) -> Option<IpProtocol> {
    let record = IP_PROTOCOLS.record_with_keyword(keyword)?;
    let (number, _) = IP_PROTOCOLS.values(record);
    Some(IpProtocol { number, record })
}

impl IpProtocol {
    /// The value, 0-255.
    pub const fn number(self) -> u8 {
        self.number
    }

    const fn flags(self) -> IpProtocolFlags {
        IP_PROTOCOLS.flags(self.record)
    }

    /// IANA's keyword (`TCP`, `IPv6-Route`), without its `(deprecated)` marker; `None` for a
    /// value that has none (unassigned, experimental and reserved values, and a few such as
    /// 61, "any host internal protocol").
    ///
    /// ```
    /// assert_eq!(ianaports::ip_protocol(13).keyword(), Some("ARGUS"));
    /// assert!(ianaports::ip_protocol(13).is_deprecated());
    /// assert_eq!(ianaports::ip_protocol(61).keyword(), None);
    /// ```
    pub fn keyword(self) -> Option<&'static str> {
        IP_PROTOCOLS
            .keywords
            .get(usize::from(self.record))
            .filter(|keyword| !keyword.is_empty())
    }

    /// Whether IANA marks the keyword `(deprecated)`.
    pub const fn is_deprecated(self) -> bool {
        self.flags().is_deprecated()
    }

    /// What IANA says of the value.
    pub const fn status(self) -> IpProtocolStatus {
        self.flags().status()
    }

    /// The IPv6 Extension Header column: `Some(true)` when the value is an IPv6 extension
    /// header (`Y`), `Some(false)` when IANA says it is not (`N`), `None` when it says nothing.
    ///
    /// ```
    /// assert_eq!(ianaports::ip_protocol(0).ipv6_extension_header(), Some(true));
    /// assert_eq!(ianaports::ip_protocol(6).ipv6_extension_header(), None);
    /// ```
    pub const fn ipv6_extension_header(self) -> Option<bool> {
        self.flags().ipv6_extension_header()
    }

    /// The values of IANA's row for this one: a single value, or a block such as the
    /// unassigned `148-252`.
    ///
    /// ```
    /// assert_eq!(ianaports::ip_protocol(6).values(), 6..=6);
    /// assert_eq!(*ianaports::ip_protocol(200).values().end(), 252);
    /// ```
    pub const fn values(self) -> RangeInclusive<u8> {
        let (first, last) = IP_PROTOCOLS.values(self.record);
        first..=last
    }

    /// The transport protocol with this number, for the four the port registry has.
    pub const fn transport(self) -> Option<Protocol> {
        Protocol::from_ip_number(self.number)
    }

    /// The Protocol column: the protocol's name (`Transmission Control`), or IANA's words for
    /// a value no protocol holds (`Unassigned`).
    ///
    /// ```
    /// assert_eq!(ianaports::ip_protocol(47).name(), Some("Generic Routing Encapsulation"));
    /// ```
    #[cfg(feature = "descriptions")]
    #[cfg_attr(docsrs, doc(cfg(feature = "descriptions")))]
    pub fn name(self) -> Option<&'static str> {
        IP_PROTOCOLS
            .names
            .get(usize::from(self.record))
            .filter(|name| !name.is_empty())
    }

    /// The Reference column, as IANA writes it (`[RFC2784][Tony_Li]`).
    ///
    /// ```
    /// assert_eq!(ianaports::ip_protocol(6).references(), Some("[RFC9293]"));
    /// ```
    #[cfg(feature = "metadata")]
    #[cfg_attr(docsrs, doc(cfg(feature = "metadata")))]
    pub fn references(self) -> Option<&'static str> {
        IP_PROTOCOLS
            .references
            .get(usize::from(self.record))
            .filter(|references| !references.is_empty())
    }
}

/// The IP protocol number of a transport protocol: 6, 17, 132 or 33.
impl From<Protocol> for IpProtocol {
    fn from(protocol: Protocol) -> IpProtocol {
        ip_protocol(protocol.ip_number())
    }
}

impl fmt::Display for IpProtocol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.keyword() {
            Some(keyword) => f.pad(keyword),
            None => write!(f, "{}", self.number),
        }
    }
}

impl fmt::Debug for IpProtocol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "IpProtocol({} {self})", self.number)
    }
}
