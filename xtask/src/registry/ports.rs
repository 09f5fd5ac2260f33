//! The port registry, `registry.csv`: the build's [`Record`]s, told apart by service name,
//! ports and transport protocol.

use std::borrow::Cow;

use ianaports_codegen::{COLUMN_COUNT, Error, Features, PortRange, Protocol, Record};
use roxmltree::Document;

use super::{Kind, Registry};
use crate::iana_xml::{self, XmlRegistry};

/// IANA's service name and port number registry.
pub(crate) struct Ports;

impl Registry for Ports {
    const KIND: Kind = Kind::Ports;
    type Row = [String; COLUMN_COUNT];
    type Record = Record;
    /// The service name (case-folded), ports and protocol; unnamed rows are identified by
    /// ports and protocol alone.
    type Key = (String, Option<(u16, u16)>, Option<&'static str>);
    type Place = (Option<PortRange>, Option<Protocol>);

    fn read_xml(document: &Document, from: &str) -> Result<XmlRegistry<Self::Row>, String> {
        iana_xml::read_document(document, from)
    }

    fn read_csv(bytes: &[u8], from: &str) -> Result<(Vec<Self::Row>, Vec<u64>), String> {
        let rows = ianaports_codegen::read_rows(bytes, from).map_err(|error| error.to_string())?;
        Ok(rows
            .into_iter()
            .map(|(line, row)| (row.into_cells(), line))
            .unzip())
    }

    fn parse(csv: &[u8], file_name: &str) -> Result<Vec<Record>, Error> {
        ianaports_codegen::parse_registry(csv, file_name)
    }

    fn lay_out(
        records: &[Record],
        file_name: &str,
        updated: Option<&str>,
    ) -> Result<Vec<(&'static str, String)>, Error> {
        let tables =
            ianaports_codegen::build_tables_from(records, file_name, updated, Features::ALL)?;
        Ok(vec![
            ("newest registration date", tables.newest_registration_date),
            ("newest modification date", tables.newest_modification_date),
        ])
    }

    fn row(record: &Record) -> Cow<'_, Self::Row> {
        Cow::Borrowed(record.row.cells())
    }

    fn line(record: &Record) -> u64 {
        record.line
    }

    fn key(record: &Record) -> Self::Key {
        (
            record.service_name().to_ascii_lowercase(),
            record.ports.map(|range| (range.start(), range.end())),
            record.protocol.map(|protocol| protocol.as_str()),
        )
    }

    fn place(record: &Record) -> Self::Place {
        (record.ports, record.protocol)
    }

    fn name(record: &Record) -> &str {
        record.service_name()
    }

    fn label(record: &Record) -> String {
        let name = match record.service_name() {
            "" => "(unnamed)",
            name => name,
        };
        let ports = record
            .ports
            .map_or_else(|| "-".to_owned(), |range| range.to_string());
        let protocol = record.protocol.map_or("any", |protocol| protocol.as_str());
        format!("{name} {ports}/{protocol}")
    }
}
