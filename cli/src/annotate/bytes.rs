//! The classes of bytes that the scanners tell apart. Each is one `fn`, so that a protocol
//! word, a port's end, a keyword's start and a host name are each read by one rule.

/// A byte of a word that may name a protocol (`tcp`, `UDP`, `udp6`): an ASCII letter or
/// digit. A protocol's name starts a word: the byte before it is not one of these.
#[inline]
pub(super) fn is_word_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric()
}

/// A byte of an identifier (`dpt_x`, `port22`): an ASCII letter or digit, or `_`. A port's
/// digits followed by one, and a port keyword preceded by one, are part of a longer token.
#[inline]
pub(super) fn is_identifier_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_'
}

/// A byte of a host name (`db.example.com`) or of an interface name (the `eth0` of
/// `fe80::1%eth0`): an ASCII letter or digit, `.`, `-` or `_`.
#[inline]
pub(super) fn is_name_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'.' | b'-' | b'_')
}

/// A byte of a host other than an IPv6 address's colons: a name byte, or the `%` that starts
/// an address's zone (`127.0.0.53%lo`).
#[inline]
pub(super) fn is_host_byte(byte: u8) -> bool {
    is_name_byte(byte) || byte == b'%'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_class_is_the_bytes_it_says() {
        let class = |is: fn(u8) -> bool| -> Vec<u8> { (0..=u8::MAX).filter(|&b| is(b)).collect() };
        let alphanumeric = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        assert_eq!(class(is_word_byte), alphanumeric);
        let with = |extra: &[u8]| {
            let mut bytes = [&alphanumeric[..], extra].concat();
            bytes.sort_unstable();
            bytes
        };
        assert_eq!(class(is_identifier_byte), with(b"_"));
        assert_eq!(class(is_name_byte), with(b".-_"));
        assert_eq!(class(is_host_byte), with(b".-_%"));
    }
}
