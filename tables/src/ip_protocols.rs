//! IANA's Assigned Internet Protocol Numbers: what each value of the IP header's Protocol
//! (IPv4) or Next Header (IPv6) field is.
//!
//! Every value 0-255 is covered by exactly one record (the generator refuses a registry where a
//! value has none or two), so a value's answer is two loads: its record, then the record's
//! flags or text.

use core::fmt;

use crate::Table;

/// What IANA says of a protocol number.
///
/// ```
/// # use ianaports_tables as ianaports;
/// use ianaports::IpProtocolStatus;
///
/// assert_eq!(IpProtocolStatus::Experimental.to_string(), "experimental");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum IpProtocolStatus {
    /// A protocol holds the number.
    Assigned,
    /// Free for assignment (`Unassigned`).
    Unassigned,
    /// For experimentation and testing (RFC 3692): 253 and 254.
    Experimental,
    /// Held back (`Reserved`): 255.
    Reserved,
}

impl IpProtocolStatus {
    /// Every status, in the order of its code in the tables.
    const ALL: [IpProtocolStatus; 4] = [
        IpProtocolStatus::Assigned,
        IpProtocolStatus::Unassigned,
        IpProtocolStatus::Experimental,
        IpProtocolStatus::Reserved,
    ];

    /// The status of a row with these Keyword and Protocol cells: IANA's own words for the
    /// values that no protocol holds, which it writes in the Protocol cell (`Unassigned`) or,
    /// for 255, in the Keyword cell (`Reserved`).
    pub fn of_row(keyword: &str, protocol: &str) -> IpProtocolStatus {
        match (keyword, protocol) {
            ("", "Unassigned") => IpProtocolStatus::Unassigned,
            ("", "Use for experimentation and testing") => IpProtocolStatus::Experimental,
            ("Reserved", "") | ("", "Reserved") => IpProtocolStatus::Reserved,
            _ => IpProtocolStatus::Assigned,
        }
    }

    /// A lower-case word for it.
    ///
    /// ```
    /// # use ianaports_tables as ianaports;
    /// assert_eq!(ianaports::IpProtocolStatus::Assigned.as_str(), "assigned");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            IpProtocolStatus::Assigned => "assigned",
            IpProtocolStatus::Unassigned => "unassigned",
            IpProtocolStatus::Experimental => "experimental",
            IpProtocolStatus::Reserved => "reserved",
        }
    }
}

impl fmt::Display for IpProtocolStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// What the tables say about one protocol-number record, packed in a byte.
///
/// Bits 0-1 hold the status (its position in `IpProtocolStatus::ALL`), bit 2 "the IPv6
/// Extension Header cell is filled", bit 3 "it is `Y`", bit 4 "the keyword is marked
/// deprecated".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IpProtocolFlags(u8);

impl IpProtocolFlags {
    const STATUS: u8 = 0b11;
    const IPV6_KNOWN: u8 = 1 << 2;
    const IPV6: u8 = 1 << 3;
    const DEPRECATED: u8 = 1 << 4;

    /// The flags of a record.
    pub const fn new(
        status: IpProtocolStatus,
        ipv6_extension_header: Option<bool>,
        deprecated: bool,
    ) -> IpProtocolFlags {
        let ipv6 = match ipv6_extension_header {
            None => 0,
            Some(false) => Self::IPV6_KNOWN,
            Some(true) => Self::IPV6_KNOWN | Self::IPV6,
        };
        IpProtocolFlags(status as u8 | ipv6 | (deprecated as u8 * Self::DEPRECATED))
    }

    /// The flags whose bits are `bits`, as a table holds them.
    pub const fn from_bits(bits: u8) -> IpProtocolFlags {
        IpProtocolFlags(bits)
    }

    /// The bits, as a table holds them.
    pub const fn bits(self) -> u8 {
        self.0
    }

    /// The record's status.
    pub const fn status(self) -> IpProtocolStatus {
        IpProtocolStatus::ALL[(self.0 & Self::STATUS) as usize]
    }

    /// The IPv6 Extension Header cell: `Some(true)` for `Y`, `Some(false)` for `N`, `None`
    /// when it is empty.
    pub const fn ipv6_extension_header(self) -> Option<bool> {
        if self.0 & Self::IPV6_KNOWN == 0 {
            None
        } else {
            Some(self.0 & Self::IPV6 != 0)
        }
    }

    /// Whether the keyword carries IANA's `(deprecated)` marker.
    pub const fn is_deprecated(self) -> bool {
        self.0 & Self::DEPRECATED != 0
    }
}

/// IANA's marker after a deprecated keyword (`ARGUS (deprecated)`); the tables hold the
/// keyword without it, and a flag.
pub const DEPRECATED_MARKER: &str = " (deprecated)";

/// Strings one after another: string `i` runs from the end of string `i - 1` (0 for the
/// first) to `ends[i]`.
#[derive(Debug, Clone, Copy)]
pub struct Strings<'a> {
    /// A reference to the `static` that holds the text.
    pub text: &'a &'a str,
    /// Where each string ends in `text`.
    pub ends: Table<'a, u16>,
}

impl<'a> Strings<'a> {
    /// String `index`; `None` past the end.
    pub fn get(self, index: usize) -> Option<&'a str> {
        let start = match index.checked_sub(1) {
            Some(previous) => self.ends.get(previous)?,
            None => 0,
        };
        let end = self.ends.get(index)?;
        self.text.get(usize::from(start)..usize::from(end))
    }
}

/// The protocol-number tables.
///
/// | table | element | meaning |
/// |---|---|---|
/// | `record_of` | u8 per value 0-255 | the record that covers the value |
/// | `first` | u8 per record | the record's first value |
/// | `flags` | [`IpProtocolFlags`] per record | status, IPv6 extension header, deprecated |
/// | `keywords` | [`Strings`], one per record | the keyword without its deprecated marker; empty for none |
/// | `keyword_order` | u8 | the records with a keyword, in the byte order of their lower-cased keywords |
/// | `names` | [`Strings`], one per record | the Protocol cell (with the `descriptions` feature; else empty) |
/// | `references` | [`Strings`], one per record | the Reference cell (with the `metadata` feature; else empty) |
#[derive(Debug, Clone, Copy)]
pub struct IpProtocolTables<'a> {
    /// Per value: its record.
    pub record_of: Table<'a, u8>,
    /// Per record: its first value.
    pub first: Table<'a, u8>,
    /// Per record: its flags' bits.
    pub flags: Table<'a, u8>,
    /// Per record: its keyword.
    pub keywords: Strings<'a>,
    /// The records with a keyword, by keyword.
    pub keyword_order: Table<'a, u8>,
    /// Per record: its Protocol cell.
    pub names: Strings<'a>,
    /// Per record: its Reference cell.
    pub references: Strings<'a>,
}

impl<'a> IpProtocolTables<'a> {
    /// The record that covers `value`; 0 for tables that do not cover it (which the generator
    /// never writes).
    #[inline]
    pub const fn record_of(self, value: u8) -> u8 {
        match self.record_of.get(value as usize) {
            Some(record) => record,
            None => 0,
        }
    }

    /// The record's flags.
    #[inline]
    pub const fn flags(self, record: u8) -> IpProtocolFlags {
        match self.flags.get(record as usize) {
            Some(bits) => IpProtocolFlags::from_bits(bits),
            None => IpProtocolFlags::from_bits(0),
        }
    }

    /// The record's first value and last value.
    pub const fn values(self, record: u8) -> (u8, u8) {
        let first = match self.first.get(record as usize) {
            Some(first) => first,
            None => 0,
        };
        let last = match self.first.get(record as usize + 1) {
            Some(next) => next.wrapping_sub(1),
            None => u8::MAX,
        };
        (first, last)
    }

    /// The record whose keyword is `keyword` (ASCII-case-insensitively), with or without IANA's
    /// deprecated marker.
    pub fn record_with_keyword(self, keyword: &str) -> Option<u8> {
        let keyword = strip_marker(keyword);
        if keyword.is_empty() {
            return None;
        }
        let (mut low, mut high) = (0, self.keyword_order.len());
        while low < high {
            let middle = low + (high - low) / 2;
            let record = self.keyword_order.get(middle)?;
            let stored = self.keywords.get(usize::from(record))?;
            match compare_ignoring_case(keyword, stored) {
                core::cmp::Ordering::Less => high = middle,
                core::cmp::Ordering::Greater => low = middle + 1,
                core::cmp::Ordering::Equal => return Some(record),
            }
        }
        None
    }
}

/// `keyword` without IANA's deprecated marker, in any case.
pub fn strip_marker(keyword: &str) -> &str {
    let cut = keyword.len().saturating_sub(DEPRECATED_MARKER.len());
    match keyword.get(cut..) {
        Some(tail) if cut > 0 && tail.eq_ignore_ascii_case(DEPRECATED_MARKER) => &keyword[..cut],
        _ => keyword,
    }
}

/// `a` against `b`, both ASCII-lower-cased, in byte order: the order of `keyword_order`.
pub fn compare_ignoring_case(a: &str, b: &str) -> core::cmp::Ordering {
    a.bytes()
        .map(|byte| byte.to_ascii_lowercase())
        .cmp(b.bytes().map(|byte| byte.to_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_round_trip() {
        for status in IpProtocolStatus::ALL {
            for ipv6 in [None, Some(false), Some(true)] {
                for deprecated in [false, true] {
                    let flags = IpProtocolFlags::new(status, ipv6, deprecated);
                    assert_eq!(flags.status(), status);
                    assert_eq!(flags.ipv6_extension_header(), ipv6);
                    assert_eq!(flags.is_deprecated(), deprecated);
                }
            }
        }
    }

    #[test]
    fn markers_are_stripped_in_any_case() {
        assert_eq!(strip_marker("ARGUS (deprecated)"), "ARGUS");
        assert_eq!(strip_marker("argus (DEPRECATED)"), "argus");
        assert_eq!(strip_marker("GRE"), "GRE");
        assert_eq!(strip_marker(" (deprecated)"), " (deprecated)");
        assert_eq!(strip_marker("é"), "é");
    }

    #[test]
    fn statuses_come_from_ianas_words() {
        let status = IpProtocolStatus::of_row;
        assert_eq!(status("", "Unassigned"), IpProtocolStatus::Unassigned);
        assert_eq!(status("Reserved", ""), IpProtocolStatus::Reserved);
        assert_eq!(status("", "Reserved"), IpProtocolStatus::Reserved);
        assert_eq!(
            status("", "Use for experimentation and testing"),
            IpProtocolStatus::Experimental
        );
        assert_eq!(
            status("TCP", "Transmission Control"),
            IpProtocolStatus::Assigned
        );
        assert_eq!(status("", "any local network"), IpProtocolStatus::Assigned);
    }
}
