//! Which port of a flow is the service's: the question a packet, a firewall log line or a
//! conntrack entry leaves open, answered from the registry and the ephemeral port ranges.

use core::ops::RangeInclusive;

use crate::{Protocol, by_port};

/// The ports operating systems hand out to clients, as [`server_port`] reads them:
/// IANA's Dynamic and/or Private Ports (RFC 6335, section 6, also the default of Windows
/// since Vista and of macOS), and Linux's default `net.ipv4.ip_local_port_range`. FreeBSD's
/// 10000-65535 and Windows XP's 1025-5000 are left out: servers listen in them (27017 and
/// 11211 in the first, 3306 and 3389 in the second), and those clients are the rarer.
///
/// ```
/// assert_eq!(ianaports::EPHEMERAL_PORTS, [49152..=65535, 32768..=60999]);
/// ```
pub const EPHEMERAL_PORTS: [RangeInclusive<u16>; 2] = [49152..=65535, 32768..=60999];

/// Which of the two ports of a flow over `protocol` is the service's (the server's, the
/// responder's): the same answer whichever order the ports come in, and `None` only when
/// nothing tells them apart (both are port 0).
///
/// The rules, in order; the first that tells the ports apart decides:
///
/// 1. **The same port on both sides** (NTP's 123 to 123, DNS servers talking to each other
///    on 53) is the service's port.
/// 2. **Port 0 is never the service's**: no socket listens on it (binding to 0 asks for any
///    port), so a 0 in a log is a missing value or a forged packet.
/// 3. **A port outside the [ephemeral ranges](EPHEMERAL_PORTS) over one inside.** Clients'
///    ports come from there on the systems most clients run: IANA's 49152-65535 (Windows,
///    macOS) or Linux's 32768-60999. A port outside both was chosen by someone: a
///    server's. This comes before registration because IANA registers ports inside Linux's
///    range too (40000 is safetynetp), which a Linux client draws as often as any other.
/// 4. **A port the registry names over `protocol` over one it does not.** Services listen on
///    the ports they registered; among two ports on the same side of the ephemeral line,
///    the registered one is the service's: 44818/tcp (EtherNet/IP) against a client's
///    50000. Only names for this protocol count, since a name over udp says nothing of tcp.
///    (In a build cut by `IANAPORTS_FILTER` it knows the kept ports only.)
/// 5. **The lower port.** What is left are two registered ports, or two unregistered ones on
///    the same side of the ephemeral line. Services are given low numbers more often than
///    clients are. Windows' dynamic RPC endpoints are servers on ephemeral ports, found
///    through the endpoint mapper (135, which rule 3 finds): they take the first free ports
///    of 49152-65535 when their services start (49664 up on current Windows), while a
///    client's ports walk the whole range, so among two ephemeral ports the lower is also
///    the better guess. A Linux client's port below 49152 calling such an endpoint is the
///    case these rules get wrong: nothing in two port numbers says that one side runs Linux.
///
/// Asking registration first (the other order) would make rule 3 idle: every ephemeral
/// port is above every other, so after registration it could only repeat rule 5.
/// `scripts/server-side` measures both orders on public Zeek logs, beside "the lower port"
/// alone; the README gives its figures.
///
/// ```
/// use ianaports::{Tcp, Udp};
///
/// // A client's ephemeral port against PostgreSQL's, in either order.
/// assert_eq!(ianaports::server_port(53422, 5432, Tcp), Some(5432));
/// assert_eq!(ianaports::server_port(5432, 53422, Tcp), Some(5432));
/// // Tailscale's 41641/udp is not registered, and inside Linux's range: the lower port.
/// assert_eq!(ianaports::server_port(60123, 41641, Udp), Some(41641));
/// // A Windows client (50123) calls a dynamic RPC endpoint (49668).
/// assert_eq!(ianaports::server_port(50123, 49668, Tcp), Some(49668));
/// assert_eq!(ianaports::server_port(123, 123, Udp), Some(123));
/// assert_eq!(ianaports::server_port(0, 0, Tcp), None);
/// ```
// `#[inline]`, as `lookup` is: code the library generates for itself moves phf's lookup out
// of `records_named`'s codegen unit, which cost `by_name` 75 instructions a call
// (`scripts/instructions`).
#[inline]
pub const fn server_port(port_a: u16, port_b: u16, protocol: Protocol) -> Option<u16> {
    if port_a == port_b {
        return if port_a == 0 { None } else { Some(port_a) };
    }
    if port_a == 0 || port_b == 0 {
        return Some(if port_a == 0 { port_b } else { port_a });
    }
    let ephemeral_a = is_ephemeral(port_a);
    let ephemeral_b = is_ephemeral(port_b);
    if ephemeral_a != ephemeral_b {
        return Some(if ephemeral_a { port_b } else { port_a });
    }
    let named_a = by_port::primary(port_a, protocol).is_some();
    let named_b = by_port::primary(port_b, protocol).is_some();
    if named_a != named_b {
        return Some(if named_a { port_a } else { port_b });
    }
    Some(if port_a < port_b { port_a } else { port_b })
}

/// Whether `port` lies in one of the [`EPHEMERAL_PORTS`] ranges.
const fn is_ephemeral(port: u16) -> bool {
    let mut index = 0;
    while index < EPHEMERAL_PORTS.len() {
        let range = &EPHEMERAL_PORTS[index];
        if *range.start() <= port && port <= *range.end() {
            return true;
        }
        index += 1;
    }
    false
}
