//! Reads queries from the arguments and uses every part of the ianaports API, so the linker
//! keeps every table.

#![warn(missing_docs, unreachable_pub)]

fn main() {
    let mut total = 0usize;
    for argument in std::env::args().skip(1) {
        let port = argument.parse::<u16>().unwrap_or(0);
        for protocol in ianaports::Protocol::ALL {
            total += ianaports::lookup_all(port, protocol).len()
                + ianaports::status(port, protocol) as usize;
        }
        for record in ianaports::by_name(&argument).chain(ianaports::lookup(port, ianaports::Tcp)) {
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
    println!("{total} {}", ianaports::records().len());
}
