//! The text form of a port or a port range, parsed once for the registry and for users.

/// Why text is not a port (`N`) or a port range (`N-M`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PortRangeError {
    /// Not decimal digits, or digits either side of one `-`.
    NotANumber,
    /// A number above 65535.
    TooLarge,
    /// A range whose first port is above its last.
    Reversed,
}

/// Parses `N` or `N-M`: decimal digits only (no sign, no space), each at most 65535, and
/// `N <= M`. Returns the first and last port.
pub const fn parse_port_range(text: &str) -> Result<(u16, u16), PortRangeError> {
    let bytes = text.as_bytes();
    let mut dash = 0;
    while dash < bytes.len() && bytes[dash] != b'-' {
        dash += 1;
    }
    let (first, last) = if dash == bytes.len() {
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
    if first > last {
        return Err(PortRangeError::Reversed);
    }
    Ok((first, last))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ports_and_ranges() {
        assert_eq!(parse_port_range("5432"), Ok((5432, 5432)));
        assert_eq!(parse_port_range("6000-6063"), Ok((6000, 6063)));
        assert_eq!(parse_port_range("0"), Ok((0, 0)));
        assert_eq!(parse_port_range("0-65535"), Ok((0, 65535)));
        assert_eq!(parse_port_range("007"), Ok((7, 7)));
    }

    #[test]
    fn errors_say_why() {
        assert_eq!(parse_port_range("70000"), Err(PortRangeError::TooLarge));
        assert_eq!(parse_port_range("1-70000"), Err(PortRangeError::TooLarge));
        assert_eq!(
            parse_port_range("99999999999999999999"),
            Err(PortRangeError::TooLarge)
        );
        assert_eq!(parse_port_range("80-79"), Err(PortRangeError::Reversed));
        for text in [
            "", "abc", "-5", "5-", " 5", "5 ", "1-2-3", "+5", "70000x", "1--2", "٣",
        ] {
            assert_eq!(
                parse_port_range(text),
                Err(PortRangeError::NotANumber),
                "{text:?}"
            );
        }
    }
}
