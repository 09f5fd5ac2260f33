//! A port or an inclusive range of ports, with its text form.

use core::fmt;
use core::iter::FusedIterator;
use core::ops::RangeInclusive;
use core::str::FromStr;

/// A port, or an inclusive range of ports such as X11's `6000-6063`: what the registry's Port
/// Number column holds.
///
/// Its text form is `22` or `6000-6063`, as [`Display`](fmt::Display) writes it and
/// [`FromStr`] reads it. It iterates over its ports.
///
/// ```
/// # use ianaports_tables as ianaports;
/// use ianaports::PortRange;
///
/// let x11: PortRange = "6000-6063".parse()?;
/// assert_eq!((x11.start(), x11.end(), x11.len()), (6000, 6063, 64));
/// assert!(x11.contains(6005) && !x11.contains(6064));
/// assert_eq!(x11.to_string(), "6000-6063");
/// assert_eq!(x11.into_iter().nth(5), Some(6005));
/// assert_eq!(PortRange::single(22).to_string(), "22");
/// # Ok::<(), ianaports::ParsePortRangeError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PortRange {
    start: u16,
    end: u16,
}

impl PortRange {
    /// Every port, `0-65535`.
    ///
    /// ```
    /// # use ianaports_tables as ianaports;
    /// assert_eq!(ianaports::PortRange::ALL.len(), 65_536);
    /// ```
    pub const ALL: PortRange = PortRange {
        start: 0,
        end: u16::MAX,
    };

    /// The ports from `start` to `end`, both included; `None` when `end` is below `start`.
    ///
    /// ```
    /// # use ianaports_tables as ianaports;
    /// use ianaports::PortRange;
    ///
    /// assert_eq!(PortRange::new(8000, 8080).map(|r| r.len()), Some(81));
    /// assert_eq!(PortRange::new(80, 79), None);
    /// ```
    pub const fn new(start: u16, end: u16) -> Option<PortRange> {
        if start <= end {
            Some(PortRange { start, end })
        } else {
            None
        }
    }

    /// The one port `port`.
    ///
    /// ```
    /// # use ianaports_tables as ianaports;
    /// let ssh = ianaports::PortRange::single(22);
    /// assert_eq!((ssh.start(), ssh.end()), (22, 22));
    /// ```
    pub const fn single(port: u16) -> PortRange {
        PortRange {
            start: port,
            end: port,
        }
    }

    /// The first port.
    ///
    /// ```
    /// # use ianaports_tables as ianaports;
    /// assert_eq!(ianaports::PortRange::new(6000, 6063).unwrap().start(), 6000);
    /// ```
    pub const fn start(self) -> u16 {
        self.start
    }

    /// The last port.
    ///
    /// ```
    /// # use ianaports_tables as ianaports;
    /// assert_eq!(ianaports::PortRange::new(6000, 6063).unwrap().end(), 6063);
    /// ```
    pub const fn end(self) -> u16 {
        self.end
    }

    /// Whether `port` is one of the range's ports.
    ///
    /// ```
    /// # use ianaports_tables as ianaports;
    /// let range = ianaports::PortRange::new(1, 10).unwrap();
    /// assert!(range.contains(1) && range.contains(10) && !range.contains(11));
    /// ```
    pub const fn contains(self, port: u16) -> bool {
        self.start <= port && port <= self.end
    }

    /// The number of ports: from 1 (a single port) to 65,536 (all of them), so a `u32`.
    ///
    /// ```
    /// # use ianaports_tables as ianaports;
    /// assert_eq!(ianaports::PortRange::single(80).len(), 1);
    /// assert_eq!(ianaports::PortRange::ALL.len(), 65_536);
    /// ```
    #[allow(
        clippy::len_without_is_empty,
        reason = "a port range always holds at least one port"
    )]
    pub const fn len(self) -> u32 {
        (self.end - self.start) as u32 + 1
    }

    /// Whether the range holds more than one port.
    ///
    /// ```
    /// # use ianaports_tables as ianaports;
    /// assert!(!ianaports::PortRange::single(22).is_range());
    /// assert!(ianaports::PortRange::ALL.is_range());
    /// ```
    pub const fn is_range(self) -> bool {
        self.start != self.end
    }

    /// The range as a `RangeInclusive`.
    ///
    /// ```
    /// # use ianaports_tables as ianaports;
    /// let x11 = ianaports::PortRange::new(6000, 6063).unwrap();
    /// assert_eq!(x11.range(), 6000..=6063);
    /// ```
    pub const fn range(self) -> RangeInclusive<u16> {
        self.start..=self.end
    }
}

impl fmt::Debug for PortRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PortRange({self})")
    }
}

/// `22`, or `6000-6063`.
impl fmt::Display for PortRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_range() {
            write!(f, "{}-{}", self.start, self.end)
        } else {
            write!(f, "{}", self.start)
        }
    }
}

impl FromStr for PortRange {
    type Err = ParsePortRangeError;

    /// Reads `N` or `N-M`: decimal digits only (no sign, no spaces), each at most 65535, with
    /// `N <= M`.
    fn from_str(text: &str) -> Result<PortRange, ParsePortRangeError> {
        parse_port_range(text).map_err(|kind| ParsePortRangeError { kind })
    }
}

/// Why text is not a port range: the kinds [`ParsePortRangeError`] tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PortRangeError {
    /// Not decimal digits, or digits either side of one `-`.
    NotANumber,
    /// A number above 65535.
    TooLarge,
    /// A range whose first port is above its last.
    Reversed,
}

/// Parses `N` or `N-M`: decimal digits only (no sign, no space), each at most 65535, and
/// `N <= M`. The one parser of port text, for the registry's Port Number column and for users.
const fn parse_port_range(text: &str) -> Result<PortRange, PortRangeError> {
    let bytes = text.as_bytes();
    let mut dash = 0;
    while dash < bytes.len() && bytes[dash] != b'-' {
        dash += 1;
    }
    let (start, end) = if dash == bytes.len() {
        match parse_port(bytes) {
            Ok(port) => (port, port),
            Err(error) => return Err(error),
        }
    } else {
        let (first, rest) = bytes.split_at(dash);
        let (_, last) = rest.split_at(1);
        match (parse_port(first), parse_port(last)) {
            (Ok(first), Ok(last)) => (first, last),
            (Err(PortRangeError::NotANumber), _) | (_, Err(PortRangeError::NotANumber)) => {
                return Err(PortRangeError::NotANumber);
            }
            (Err(error), _) | (_, Err(error)) => return Err(error),
        }
    };
    match PortRange::new(start, end) {
        Some(range) => Ok(range),
        None => Err(PortRangeError::Reversed),
    }
}

const fn parse_port(digits: &[u8]) -> Result<u16, PortRangeError> {
    if digits.is_empty() {
        return Err(PortRangeError::NotANumber);
    }
    let mut value: Option<u16> = Some(0);
    let mut at = 0;
    while at < digits.len() {
        let digit = digits[at];
        if !digit.is_ascii_digit() {
            return Err(PortRangeError::NotANumber);
        }
        // Past 65535 it stays `None`, but reading goes on: a later non-digit makes the text
        // "not a number" rather than "too large".
        value = match value {
            Some(value) => match value.checked_mul(10) {
                Some(tens) => tens.checked_add((digit - b'0') as u16),
                None => None,
            },
            None => None,
        };
        at += 1;
    }
    match value {
        Some(value) => Ok(value),
        None => Err(PortRangeError::TooLarge),
    }
}

impl From<u16> for PortRange {
    fn from(port: u16) -> PortRange {
        PortRange::single(port)
    }
}

impl From<PortRange> for RangeInclusive<u16> {
    fn from(range: PortRange) -> RangeInclusive<u16> {
        range.range()
    }
}

impl IntoIterator for PortRange {
    type Item = u16;
    type IntoIter = Ports;

    fn into_iter(self) -> Ports {
        Ports {
            ports: self.range(),
        }
    }
}

/// The ports of a [`PortRange`], in order.
///
/// ```
/// # use ianaports_tables as ianaports;
/// let ports: Vec<u16> = ianaports::PortRange::new(6000, 6002).unwrap().into_iter().collect();
/// assert_eq!(ports, [6000, 6001, 6002]);
/// ```
#[derive(Debug, Clone)]
pub struct Ports {
    ports: RangeInclusive<u16>,
}

impl Iterator for Ports {
    type Item = u16;

    fn next(&mut self) -> Option<u16> {
        self.ports.next()
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.ports.size_hint()
    }

    fn nth(&mut self, n: usize) -> Option<u16> {
        self.ports.nth(n)
    }
}

impl DoubleEndedIterator for Ports {
    fn next_back(&mut self) -> Option<u16> {
        self.ports.next_back()
    }
}

impl ExactSizeIterator for Ports {}

impl FusedIterator for Ports {}

/// Why text is not a port or a port range.
///
/// ```
/// # use ianaports_tables as ianaports;
/// use ianaports::{ParsePortRangeError, PortRange};
///
/// let error = "80-79".parse::<PortRange>().unwrap_err();
/// assert!(error.is_reversed());
/// assert_eq!(error.to_string(), "the port range ends before it starts");
/// assert!("70000".parse::<PortRange>().unwrap_err().is_too_large());
/// assert!("abc".parse::<PortRange>().unwrap_err().is_not_a_number());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParsePortRangeError {
    kind: PortRangeError,
}

impl ParsePortRangeError {
    /// The text is not `N` or `N-M` in decimal digits.
    ///
    /// ```
    /// # use ianaports_tables as ianaports;
    /// assert!("-5".parse::<ianaports::PortRange>().unwrap_err().is_not_a_number());
    /// ```
    pub const fn is_not_a_number(self) -> bool {
        matches!(self.kind, PortRangeError::NotANumber)
    }

    /// A number is above 65535.
    ///
    /// ```
    /// # use ianaports_tables as ianaports;
    /// assert!("1-65536".parse::<ianaports::PortRange>().unwrap_err().is_too_large());
    /// ```
    pub const fn is_too_large(self) -> bool {
        matches!(self.kind, PortRangeError::TooLarge)
    }

    /// The range ends before it starts.
    ///
    /// ```
    /// # use ianaports_tables as ianaports;
    /// assert!("10-5".parse::<ianaports::PortRange>().unwrap_err().is_reversed());
    /// ```
    pub const fn is_reversed(self) -> bool {
        matches!(self.kind, PortRangeError::Reversed)
    }
}

impl fmt::Display for ParsePortRangeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self.kind {
            PortRangeError::NotANumber => "not a port (0-65535) or a port range such as 6000-6063",
            PortRangeError::TooLarge => "port number above 65535",
            PortRangeError::Reversed => "the port range ends before it starts",
        })
    }
}

impl core::error::Error for ParsePortRangeError {}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> Result<(u16, u16), PortRangeError> {
        parse_port_range(text).map(|range| (range.start(), range.end()))
    }

    #[test]
    fn ports_and_ranges() {
        assert_eq!(parsed("5432"), Ok((5432, 5432)));
        assert_eq!(parsed("6000-6063"), Ok((6000, 6063)));
        assert_eq!(parsed("0"), Ok((0, 0)));
        assert_eq!(parsed("0-65535"), Ok((0, 65535)));
        assert_eq!(parsed("007"), Ok((7, 7)));
    }

    #[test]
    fn errors_say_why() {
        assert_eq!(parsed("70000"), Err(PortRangeError::TooLarge));
        assert_eq!(parsed("1-70000"), Err(PortRangeError::TooLarge));
        assert_eq!(
            parsed("99999999999999999999"),
            Err(PortRangeError::TooLarge)
        );
        assert_eq!(parsed("80-79"), Err(PortRangeError::Reversed));
        for text in [
            "", "abc", "-5", "5-", " 5", "5 ", "1-2-3", "+5", "70000x", "1--2", "٣",
        ] {
            assert_eq!(parsed(text), Err(PortRangeError::NotANumber), "{text:?}");
        }
    }
}
