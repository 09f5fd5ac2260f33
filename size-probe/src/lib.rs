//! What the size probe's programs do with ianaports: each reads queries from its arguments and
//! uses a part of the API, so that the linker keeps the tables that part reads and no other.

#![warn(missing_docs, unreachable_pub)]

/// Every port-registry query and column, for each argument.
pub fn use_port_registry(arguments: &[String]) -> usize {
    let mut total = 0usize;
    for argument in arguments {
        let port = argument.parse::<u16>().unwrap_or(0);
        for protocol in ianaports::Protocol::ALL {
            total += ianaports::lookup_all(port, protocol).len()
                + ianaports::status(port, protocol) as usize;
        }
        for record in ianaports::by_name(argument).chain(ianaports::lookup(port, ianaports::Tcp)) {
            total += record.name().map_or(0, str::len);
            #[cfg(feature = "descriptions")]
            {
                total += record.description().map_or(0, str::len);
            }
            #[cfg(feature = "metadata")]
            {
                let texts = [
                    record.assignee(),
                    record.contact(),
                    record.registration_date(),
                    record.modification_date(),
                    record.reference(),
                    record.service_code(),
                    record.unauthorized_use_reported(),
                    record.assignment_notes(),
                ];
                total += texts.iter().flatten().map(|text| text.len()).sum::<usize>();
            }
            total += record.port_range().map_or(0, |r| usize::from(r.end()))
                + record.is_historic_alias() as usize;
            total += record.alias_target().map_or(0, |r| r.index());
        }
    }
    total + ianaports::records().len()
}

/// Every protocol-number query and column, for each argument.
pub fn use_ip_protocols(arguments: &[String]) -> usize {
    let mut total = 0usize;
    for argument in arguments {
        let number = argument.parse::<u8>().unwrap_or(0);
        for protocol in [ianaports::ip_protocol(number)]
            .into_iter()
            .chain(ianaports::ip_protocol_by_keyword(argument))
        {
            total += protocol.keyword().map_or(0, str::len)
                + protocol.status() as usize
                + protocol.ipv6_extension_header().map_or(0, usize::from)
                + usize::from(*protocol.values().end());
            #[cfg(feature = "descriptions")]
            {
                total += protocol.name().map_or(0, str::len);
            }
            #[cfg(feature = "metadata")]
            {
                total += protocol.references().map_or(0, str::len);
            }
        }
    }
    total
}
