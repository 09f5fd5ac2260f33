//! `--service-side`: of the two ports of each connection on a line, only the service's is
//! named, as [`ianaports::server_port`] tells them apart.
//!
//! The ports that the text scanner finds on a line (all of them, registered or not, by the
//! same `HOST:PORT`, keyword and BSD netstat rules) are paired in order: the first with the
//! second, the third with the fourth, and so on. Tools write a connection's two ends side by
//! side (ss and netstat the local and the peer address, firewall logs `SPT=` then `DPT=`),
//! and conntrack writes the original direction, then the reply. Of each pair only the port
//! that `server_port` picks is named, if the registry names it; when both are the same port
//! (NTP's 123 to 123) both are. A port left without a partner (a listening socket, `*:22`
//! or `0.0.0.0:22 0.0.0.0:*`, where the peer has no port) is named as without the option.

use ianaports::Protocol;

use super::copy::Insertions;
use super::ports::{find_line_ports, port_name};
use super::protocol::protocol_of;

/// Records a name after the service's port of each pair of ports on `line`, and after a
/// last port without a partner.
pub(super) fn name_service_sides(line: &[u8], insertions: &mut Insertions) {
    // Looked for once a line has a port, since most lines have none.
    let mut protocol = None;
    let mut protocol_of_line = || *protocol.get_or_insert_with(|| protocol_of(line));
    // The first port of a pair (its number, and where its digits end), until the second.
    let mut waiting: Option<(u16, usize)> = None;
    find_line_ports(line, &mut Some, &mut |port, end| match waiting.take() {
        None => waiting = Some((port, end)),
        Some((first, first_end)) => {
            let protocol = protocol_of_line();
            let server = ianaports::server_port(first, port, protocol);
            // In line order, so that the insertions stay in increasing order.
            for (side, side_end) in [(first, first_end), (port, end)] {
                if server == Some(side) {
                    name(side, side_end, protocol, insertions);
                }
            }
        }
    });
    if let Some((port, end)) = waiting {
        name(port, end, protocol_of_line(), insertions);
    }
}

/// Records the name of `port`, if it has one, after its digits.
fn name(port: u16, end: usize, protocol: Protocol, insertions: &mut Insertions) {
    if let Some(name) = port_name(port, protocol, insertions.common_use) {
        insertions.name_after(end, name);
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Target, annotated};

    fn service_side(line: &str) -> String {
        annotated(line, &Target::ServiceSide)
    }

    #[test]
    fn only_the_service_side_of_a_pair_is_named() {
        let firewall = "SRC=10.0.0.5 DST=10.0.0.6 PROTO=TCP SPT=40000 DPT=5432 LEN=60";
        assert_eq!(
            service_side(firewall),
            "SRC=10.0.0.5 DST=10.0.0.6 PROTO=TCP SPT=40000 DPT=5432(postgresql) LEN=60"
        );
        // Without the option both registered ports are named.
        assert_eq!(
            annotated(firewall, &Target::Text),
            "SRC=10.0.0.5 DST=10.0.0.6 PROTO=TCP SPT=40000(safetynetp) DPT=5432(postgresql) LEN=60"
        );
        // Either order; the service may come first.
        assert_eq!(
            service_side("ESTAB 0 0 10.0.0.5:5432 10.0.0.6:40000"),
            "ESTAB 0 0 10.0.0.5:5432(postgresql) 10.0.0.6:40000"
        );
        // Two registered ports outside the ephemeral ranges: the lower.
        assert_eq!(
            service_side("PROTO=UDP SPT=53 DPT=1900"),
            "PROTO=UDP SPT=53(domain) DPT=1900"
        );
        // The same port on both sides: both are the service's.
        assert_eq!(
            service_side("udp src=10.0.0.5 sport=123 dport=123"),
            "udp src=10.0.0.5 sport=123(ntp) dport=123(ntp)"
        );
        // An unregistered port paired with one the registry names: the registered one,
        // even when it is the higher.
        assert_eq!(
            service_side("10.0.0.5:4380 10.0.0.6:5432"),
            "10.0.0.5:4380 10.0.0.6:5432(postgresql)"
        );
    }

    #[test]
    fn conntrack_pairs_the_original_direction_then_the_reply() {
        assert_eq!(
            service_side(
                "tcp 6 431999 ESTABLISHED src=10.0.0.17 dst=10.0.0.5 sport=40000 dport=5432 \
                 src=10.0.0.5 dst=10.0.0.17 sport=5432 dport=40000 [ASSURED]"
            ),
            "tcp 6 431999 ESTABLISHED src=10.0.0.17 dst=10.0.0.5 sport=40000 dport=5432(postgresql) \
             src=10.0.0.5 dst=10.0.0.17 sport=5432(postgresql) dport=40000 [ASSURED]"
        );
    }

    #[test]
    fn a_port_without_a_partner_is_named() {
        assert_eq!(
            service_side("LISTEN 0 128 0.0.0.0:22 0.0.0.0:*"),
            "LISTEN 0 128 0.0.0.0:22(ssh) 0.0.0.0:*"
        );
        assert_eq!(service_side("*:5432"), "*:5432(postgresql)");
        assert_eq!(
            service_side("tcp46 0 0 *.22 *.* LISTEN"),
            "tcp46 0 0 *.22(ssh) *.* LISTEN"
        );
        // A third port is a pair's first, left alone at the end of the line.
        assert_eq!(
            service_side("SPT=40000 DPT=5432 to 10.0.0.9:40000"),
            "SPT=40000 DPT=5432(postgresql) to 10.0.0.9:40000(safetynetp)"
        );
        assert_eq!(service_side("no ports 10:15:42"), "no ports 10:15:42");
    }

    #[test]
    fn bsd_netstat_pairs_and_the_line_protocol() {
        assert_eq!(
            service_side("tcp4 0 0 10.0.0.5.5432 10.0.0.6.40000 ESTABLISHED"),
            "tcp4 0 0 10.0.0.5.5432(postgresql) 10.0.0.6.40000 ESTABLISHED"
        );
        // 4374 is registered over tcp only: over udp the lower port, unnamed.
        assert_eq!(
            service_side("udp 0.0.0.0:4374 0.0.0.0:4380"),
            "udp 0.0.0.0:4374 0.0.0.0:4380"
        );
        assert_eq!(
            service_side("tcp 0.0.0.0:4374 0.0.0.0:40000"),
            "tcp 0.0.0.0:4374(psi-ptt) 0.0.0.0:40000"
        );
    }
}
