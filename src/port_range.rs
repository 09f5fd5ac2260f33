//! A port or an inclusive range of ports, with its text form.

use core::fmt;
use core::iter::FusedIterator;
use core::ops::RangeInclusive;
use core::str::FromStr;

use ianaports_tables::{PortRangeError, parse_port_range};

/// A port, or an inclusive range of ports such as X11's `6000-6063`: what the registry's Port
/// Number column holds.
///
/// Its text form is `22` or `6000-6063`, as [`Display`](fmt::Display) writes it and
/// [`FromStr`] reads it. It iterates over its ports.
///
/// ```
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
    /// assert_eq!(ianaports::PortRange::ALL.len(), 65_536);
    /// ```
    pub const ALL: PortRange = PortRange {
        start: 0,
        end: u16::MAX,
    };

    /// The ports from `start` to `end`, both included; `None` when `end` is below `start`.
    ///
    /// ```
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
    /// assert_eq!(ianaports::PortRange::new(6000, 6063).unwrap().start(), 6000);
    /// ```
    pub const fn start(self) -> u16 {
        self.start
    }

    /// The last port.
    ///
    /// ```
    /// assert_eq!(ianaports::PortRange::new(6000, 6063).unwrap().end(), 6063);
    /// ```
    pub const fn end(self) -> u16 {
        self.end
    }

    /// Whether `port` is one of the range's ports.
    ///
    /// ```
    /// let range = ianaports::PortRange::new(1, 10).unwrap();
    /// assert!(range.contains(1) && range.contains(10) && !range.contains(11));
    /// ```
    pub const fn contains(self, port: u16) -> bool {
        self.start <= port && port <= self.end
    }

    /// The number of ports: from 1 (a single port) to 65,536 (all of them), so a `u32`.
    ///
    /// ```
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
    /// assert!(!ianaports::PortRange::single(22).is_range());
    /// assert!(ianaports::PortRange::ALL.is_range());
    /// ```
    pub const fn is_range(self) -> bool {
        self.start != self.end
    }

    /// The range as a `RangeInclusive`.
    ///
    /// ```
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
        match parse_port_range(text) {
            Ok((start, end)) => Ok(PortRange { start, end }),
            Err(kind) => Err(ParsePortRangeError { kind }),
        }
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
    /// assert!("-5".parse::<ianaports::PortRange>().unwrap_err().is_not_a_number());
    /// ```
    pub const fn is_not_a_number(self) -> bool {
        matches!(self.kind, PortRangeError::NotANumber)
    }

    /// A number is above 65535.
    ///
    /// ```
    /// assert!("1-65536".parse::<ianaports::PortRange>().unwrap_err().is_too_large());
    /// ```
    pub const fn is_too_large(self) -> bool {
        matches!(self.kind, PortRangeError::TooLarge)
    }

    /// The range ends before it starts.
    ///
    /// ```
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
