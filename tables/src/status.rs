//! What the registry says about a (port, protocol) pair as a whole, and the port's class.

use core::fmt;
use core::ops::RangeInclusive;

/// Whether a (port, protocol) is assigned to a service: what `ianaports::status` answers.
///
/// ```
/// # use ianaports_tables as ianaports;
/// use ianaports::Status;
///
/// assert_eq!(Status::Reserved.to_string(), "reserved");
/// assert!(Status::Assigned < Status::Unassigned);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// A named record covers it.
    Assigned,
    /// No named record does, but IANA holds it back ("Reserved", "any private ...").
    Reserved,
    /// Free for assignment.
    Unassigned,
    /// Not known to this build: `IANAPORTS_FILTER` left the (port, protocol) out, so the
    /// registry may assign or reserve it. Never the answer of a build of the whole registry.
    OutsideFilter,
}

impl Status {
    /// The word the registry uses.
    ///
    /// ```
    /// # use ianaports_tables as ianaports;
    /// assert_eq!(ianaports::Status::Reserved.as_str(), "reserved");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Status::Assigned => "assigned",
            Status::Reserved => "reserved",
            Status::Unassigned => "unassigned",
            Status::OutsideFilter => "outside-filter",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// The three port ranges of RFC 6335, section 6.
///
/// ```
/// # use ianaports_tables as ianaports;
/// use ianaports::PortClass;
///
/// assert_eq!(PortClass::of(443), PortClass::System);
/// assert_eq!(PortClass::of(5432), PortClass::User);
/// assert_eq!(PortClass::of(50000), PortClass::Dynamic);
/// assert_eq!(PortClass::User.ports(), 1024..=49151);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PortClass {
    /// 0-1023, assigned by IETF Review or IESG Approval ("well-known ports").
    System,
    /// 1024-49151, assigned by IANA ("registered ports").
    User,
    /// 49152-65535, never assigned ("dynamic", "private" or "ephemeral" ports).
    Dynamic,
}

impl PortClass {
    /// The class `port` falls in.
    pub const fn of(port: u16) -> PortClass {
        match port {
            0..=1023 => PortClass::System,
            1024..=49151 => PortClass::User,
            _ => PortClass::Dynamic,
        }
    }

    /// The ports of this class.
    pub const fn ports(self) -> RangeInclusive<u16> {
        match self {
            PortClass::System => 0..=1023,
            PortClass::User => 1024..=49151,
            PortClass::Dynamic => 49152..=65535,
        }
    }

    /// RFC 6335's name, lowercase.
    ///
    /// ```
    /// # use ianaports_tables as ianaports;
    /// assert_eq!(ianaports::PortClass::Dynamic.as_str(), "dynamic");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            PortClass::System => "system",
            PortClass::User => "user",
            PortClass::Dynamic => "dynamic",
        }
    }
}

impl fmt::Display for PortClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}
