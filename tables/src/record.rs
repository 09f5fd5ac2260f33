//! What the tables say about one record, packed in a byte.

use crate::Protocol;

/// A record's flags: its protocol, and whether it has a port, a range, and is a historic alias.
///
/// Bits 0-2 hold the protocol's code ([`Protocol::code`]; 0 for none), bit 3 "has a port",
/// bit 4 "the port is a range", bit 5 "historic alias".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordFlags(pub u8);

impl RecordFlags {
    const PROTOCOL: u8 = 0b111;
    const HAS_PORT: u8 = 1 << 3;
    const RANGE: u8 = 1 << 4;
    const ALIAS: u8 = 1 << 5;

    /// The flags of a record.
    pub const fn new(
        protocol: Option<Protocol>,
        has_port: bool,
        range: bool,
        historic_alias: bool,
    ) -> RecordFlags {
        let protocol = match protocol {
            Some(protocol) => protocol.code(),
            None => 0,
        };
        RecordFlags(
            protocol
                | (has_port as u8 * Self::HAS_PORT)
                | (range as u8 * Self::RANGE)
                | (historic_alias as u8 * Self::ALIAS),
        )
    }

    pub const fn protocol(self) -> Option<Protocol> {
        Protocol::from_code(self.0 & Self::PROTOCOL)
    }

    pub const fn has_port(self) -> bool {
        self.0 & Self::HAS_PORT != 0
    }

    pub const fn is_range(self) -> bool {
        self.0 & Self::RANGE != 0
    }

    pub const fn is_historic_alias(self) -> bool {
        self.0 & Self::ALIAS != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_combination_round_trips() {
        for protocol in [None, Some(Protocol::Tcp), Some(Protocol::Dccp)] {
            for bits in 0..8 {
                let (port, range, alias) = (bits & 1 != 0, bits & 2 != 0, bits & 4 != 0);
                let flags = RecordFlags::new(protocol, port, range, alias);
                assert_eq!(
                    (
                        flags.protocol(),
                        flags.has_port(),
                        flags.is_range(),
                        flags.is_historic_alias()
                    ),
                    (protocol, port, range, alias)
                );
            }
        }
    }
}
