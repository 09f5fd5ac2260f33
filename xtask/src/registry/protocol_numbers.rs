//! The protocol numbers, `protocol-numbers.csv`: the build's [`IpProtocolRecord`]s, told apart
//! by their values (`6`, `148-252`).

use std::borrow::Cow;

use ianaports_codegen::{Error, Features, IpProtocolLayout, IpProtocolRecord};
use roxmltree::Document;

use super::{Kind, Registry};
use crate::iana_xml::XmlRegistry;
use crate::protocol_numbers_xml::{self, COLUMNS};

/// IANA's Assigned Internet Protocol Numbers.
pub(crate) struct ProtocolNumbers;

impl Registry for ProtocolNumbers {
    const KIND: Kind = Kind::ProtocolNumbers;
    type Row = [String; COLUMNS];
    type Record = IpProtocolRecord;
    /// The first and last value.
    type Key = (u8, u8);
    type Place = (u8, u8);

    fn read_xml(document: &Document, from: &str) -> Result<XmlRegistry<Self::Row>, String> {
        protocol_numbers_xml::read_document(document, from)
    }

    /// The build's parser reads the source itself, so its errors name the source's lines; the
    /// rows are the records written back, which holds each cell as the CSV has it but for the
    /// value and the flag, which come back in IANA's form (`7`, `Y`).
    fn read_csv(bytes: &[u8], from: &str) -> Result<(Vec<Self::Row>, Vec<u64>), String> {
        let records = Self::parse(bytes, from).map_err(|error| error.to_string())?;
        Ok(records
            .iter()
            .map(|record| (Self::row(record).into_owned(), record.line))
            .unzip())
    }

    fn parse(csv: &[u8], file_name: &str) -> Result<Vec<IpProtocolRecord>, Error> {
        ianaports_codegen::parse_ip_protocols(csv, file_name)
    }

    fn lay_out(
        records: &[IpProtocolRecord],
        file_name: &str,
        updated: Option<&str>,
    ) -> Result<Vec<(&'static str, String)>, Error> {
        IpProtocolLayout::build(records, updated, Features::ALL, file_name)?;
        Ok(Vec::new())
    }

    fn row(record: &IpProtocolRecord) -> Cow<'_, Self::Row> {
        let ipv6 = match record.ipv6_extension_header {
            Some(true) => "Y",
            Some(false) => "N",
            None => "",
        };
        Cow::Owned([
            value(record),
            record.keyword.clone(),
            record.protocol.clone(),
            ipv6.to_owned(),
            record.reference.clone(),
        ])
    }

    fn line(record: &IpProtocolRecord) -> u64 {
        record.line
    }

    fn key(record: &IpProtocolRecord) -> Self::Key {
        (record.first, record.last)
    }

    fn place(record: &IpProtocolRecord) -> Self::Place {
        Self::key(record)
    }

    fn name(record: &IpProtocolRecord) -> &str {
        &record.keyword
    }

    fn label(record: &IpProtocolRecord) -> String {
        match record.keyword.as_str() {
            "" => format!("{} (no keyword)", value(record)),
            keyword => format!("{} {keyword}", value(record)),
        }
    }
}

/// The Decimal cell: `N`, or `N-M` for a range.
fn value(record: &IpProtocolRecord) -> String {
    if record.first == record.last {
        record.first.to_string()
    } else {
        format!("{}-{}", record.first, record.last)
    }
}
