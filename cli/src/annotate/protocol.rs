//! Which transport protocol a line speaks of: the registry names a port for each protocol
//! on its own (4374 is psi-ptt over tcp, and has no name over udp).

use ianaports::Protocol;

use super::bytes::is_word_byte;

/// The transport protocol a line speaks of: its first word that names one (`tcp`, `UDP`,
/// `tcp6`, the `TCP` of `PROTO=TCP`...), tcp if none does.
pub(super) fn protocol_of(line: &[u8]) -> Protocol {
    for (index, chunk) in line.chunks(8).enumerate() {
        // Most of a line cannot start a protocol's name: eight bytes are ruled out at once.
        if let Ok(bytes) = <[u8; 8]>::try_from(chunk) {
            if !may_hold_a_protocol_letter(u64::from_le_bytes(bytes)) {
                continue;
            }
        }
        let chunk_start = index * 8;
        for at in chunk_start..chunk_start + chunk.len() {
            let starts_word = at == 0 || !is_word_byte(line[at - 1]);
            if !starts_word || !matches!(line[at] | 0x20, b't' | b'u' | b's' | b'd') {
                continue;
            }
            // One byte more than the longest word, so that a longer word is seen whole.
            let word_len = line[at..]
                .iter()
                .take(LONGEST_PROTOCOL_WORD + 1)
                .take_while(|&&b| is_word_byte(b))
                .count();
            if let Some(protocol) = protocol_word(&line[at..at + word_len]) {
                return protocol;
            }
        }
    }
    Protocol::Tcp
}

/// Whether any of eight bytes is t, u, s or d, in either case. (`| 0x20` maps exactly the
/// two cases of each of these letters onto the lower one.)
fn may_hold_a_protocol_letter(bytes: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let lower = bytes | (ONES * 0x20);
    // A byte of `x` is zero where `lower` holds the letter.
    let zero_bytes = |letter: u8| {
        let x = lower ^ (ONES * u64::from(letter));
        x.wrapping_sub(ONES) & !x
    };
    (zero_bytes(b't') | zero_bytes(b'u') | zero_bytes(b's') | zero_bytes(b'd')) & HIGHS != 0
}

/// The longest word [`protocol_word`] reads: `tcp46`.
const LONGEST_PROTOCOL_WORD: usize = 5;

/// The protocol a word of a log names: a protocol's name in any case, or tcp and udp with
/// the address family netstat writes after them: `tcp6` and `udp6` (Linux, the BSDs), `tcp4`
/// and `udp4`, `tcp46` and `udp46` (FreeBSD, macOS).
pub(super) fn protocol_word(word: &[u8]) -> Option<Protocol> {
    let word = match word {
        [head @ .., b'4' | b'6'] if head.len() == 3 => head,
        [head @ .., b'4', b'6'] if head.len() == 3 => head,
        _ => word,
    };
    Protocol::from_word(word)
}

#[cfg(test)]
mod tests {
    use super::super::annotated_text as text;
    use super::*;

    #[test]
    fn the_protocol_comes_from_the_line() {
        assert_eq!(protocol_of(b"udp   UNCONN 0 0"), Protocol::Udp);
        assert_eq!(protocol_of(b"x PROTO=SCTP y"), Protocol::Sctp);
        assert_eq!(protocol_of(b"tcp6 0 0 :::22"), Protocol::Tcp);
        assert_eq!(protocol_of(b"udp6"), Protocol::Udp);
        assert_eq!(protocol_of(b"udplite tcpx 0"), Protocol::Tcp);
        assert_eq!(protocol_of(b"udp46 0 0 *.5353"), Protocol::Udp);
        assert_eq!(protocol_of(b"tcp46x udp"), Protocol::Udp);
        assert_eq!(protocol_of(b""), Protocol::Tcp);
        // Past the first eight bytes, in every position of a chunk, in either case.
        for pad in 0..24 {
            let line = format!("{}:1 UDP x", "0".repeat(pad));
            assert_eq!(protocol_of(line.as_bytes()), Protocol::Udp, "{line}");
            let line = format!("{}=dccp", "9".repeat(pad));
            assert_eq!(protocol_of(line.as_bytes()), Protocol::Dccp, "{line}");
        }
        assert_eq!(protocol_of(b"xsctp sctpx sctp6 Sctp"), Protocol::Sctp);
        assert!(!may_hold_a_protocol_letter(u64::from_le_bytes(
            *b"0123.:[]"
        )));
        assert!(may_hold_a_protocol_letter(u64::from_le_bytes(*b"0123.:[T")));
        // 4374 is psi-ptt over tcp, and has no name over udp.
        assert_eq!(text("udp 0.0.0.0:4374"), "udp 0.0.0.0:4374");
        assert_eq!(text("tcp 0.0.0.0:4374"), "tcp 0.0.0.0:4374(psi-ptt)");
    }

    #[test]
    fn a_word_is_a_protocol_name_or_tcp_or_udp_with_a_family() {
        assert_eq!(protocol_word(b"TCP"), Some(Protocol::Tcp));
        assert_eq!(protocol_word(b"udp6"), Some(Protocol::Udp));
        assert_eq!(protocol_word(b"Dccp"), Some(Protocol::Dccp));
        assert_eq!(protocol_word(b"udp4"), Some(Protocol::Udp));
        assert_eq!(protocol_word(b"tcp46"), Some(Protocol::Tcp));
        for word in [
            &b"sctp6"[..],
            b"tcp66",
            b"tcp64",
            b"udp466",
            b"6",
            b"46",
            b"",
            b"tc",
            b"udplite",
        ] {
            assert_eq!(protocol_word(word), None, "{word:?}");
        }
    }
}
