//! The registries the updater keeps, and how a source tells which one it is.
//!
//! They are IANA's service name and port number registry (`registry.csv`, [`Ports`]) and its
//! protocol numbers (`protocol-numbers.csv`, [`ProtocolNumbers`]). Reading, checking, comparing and installing
//! are written once, against [`Registry`]; each registry says only what is its own.

mod ports;
mod protocol_numbers;

use std::borrow::Cow;
use std::hash::Hash;
use std::path::Path;

use ianaports_codegen::{
    Column, Error, IP_PROTOCOLS_FILE, IP_PROTOCOLS_HEADER, IP_PROTOCOLS_UPDATED_FILE, UPDATED_FILE,
};
use roxmltree::Document;

use crate::iana_xml::{self, NAMESPACE, XmlRegistry, walk};
use crate::protocol_numbers_xml;

pub(crate) use ports::Ports;
pub(crate) use protocol_numbers::ProtocolNumbers;

/// Which registry a source or a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// IANA's service name and port number registry.
    Ports,
    /// IANA's Assigned Internet Protocol Numbers.
    ProtocolNumbers,
}

impl Kind {
    const ALL: [Kind; 2] = [Kind::Ports, Kind::ProtocolNumbers];

    /// The registry in messages.
    pub(crate) fn what(self) -> &'static str {
        match self {
            Kind::Ports => "IANA's service name and port number registry",
            Kind::ProtocolNumbers => "IANA's protocol numbers registry",
        }
    }

    /// The workspace's file of the registry, the one the library builds from.
    pub(crate) fn file_name(self) -> &'static str {
        match self {
            Kind::Ports => "registry.csv",
            Kind::ProtocolNumbers => IP_PROTOCOLS_FILE,
        }
    }

    /// The file beside the registry that holds IANA's date for it.
    pub(crate) fn updated_file(self) -> &'static str {
        match self {
            Kind::Ports => UPDATED_FILE,
            Kind::ProtocolNumbers => IP_PROTOCOLS_UPDATED_FILE,
        }
    }

    /// The README's block on the registry is `<!-- {marker}:begin -->` ... `<!-- {marker}:end -->`.
    pub(crate) fn readme_marker(self) -> &'static str {
        match self {
            Kind::Ports => "registry",
            Kind::ProtocolNumbers => "protocol-numbers",
        }
    }

    /// Whether a README beside the registry must have the block. The port registry's README
    /// always has; the protocol numbers' block is written where a README has one (the
    /// workspace's has none yet).
    pub(crate) fn readme_block_required(self) -> bool {
        self == Kind::Ports
    }

    /// The header of IANA's CSV, which the build's parser checks.
    pub(crate) fn header(self) -> &'static [&'static str] {
        match self {
            Kind::Ports => &Column::HEADER,
            Kind::ProtocolNumbers => &IP_PROTOCOLS_HEADER,
        }
    }

    /// The `id` of the `<registry>` of IANA's XML.
    fn xml_id(self) -> &'static str {
        match self {
            Kind::Ports => iana_xml::PORTS_ID,
            Kind::ProtocolNumbers => protocol_numbers_xml::REGISTRY_ID,
        }
    }

    /// The registry whose CSV starts with `bytes`' first line, if any.
    fn of_csv(bytes: &[u8]) -> Option<Kind> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let line = bytes.split(|&b| b == b'\n').next().unwrap_or(b"");
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        Kind::ALL
            .into_iter()
            .find(|kind| line == kind.header().join(",").as_bytes())
    }

    /// The registry an installed file holds: by its CSV header, or, when there is no file
    /// yet (`bytes` is `None`), by its name; `None` when neither tells.
    pub(crate) fn of_installed(path: &Path, bytes: Option<&[u8]>) -> Option<Kind> {
        match bytes {
            Some(bytes) => Kind::of_csv(bytes),
            None => Kind::ALL
                .into_iter()
                .find(|kind| path.file_name() == Some(kind.file_name().as_ref())),
        }
    }
}

/// A source's form, as read by [`identify`].
pub(crate) enum Form<'a> {
    /// IANA's XML, parsed.
    Xml(Document<'a>),
    /// A CSV, not yet read.
    Csv,
}

/// Which registry `bytes` (read from `from`) are, in which form: IANA's XML by the `id` of its
/// `<registry>`, a CSV by its header.
pub(crate) fn identify<'a>(bytes: &'a [u8], from: &str) -> Result<(Kind, Form<'a>), String> {
    if let Some(encoding) = utf16(bytes) {
        return Err(format!(
            "{from}: the file is {encoding}; IANA publishes its registries in UTF-8 (convert it first, e.g. `iconv -f UTF-16 -t UTF-8`)"
        ));
    }
    let known = || {
        let ids: Vec<String> = Kind::ALL
            .map(|kind| format!("\"{}\"", kind.xml_id()))
            .into();
        ids.join(" or ")
    };
    if iana_xml::looks_like_xml(bytes) {
        let document = walk::parse(bytes, from)?;
        let root = document.root_element();
        let id = root.attribute("id").unwrap_or("");
        let kind = Kind::ALL
            .into_iter()
            .find(|kind| walk::is(root, "registry") && id == kind.xml_id());
        return match kind {
            Some(kind) => Ok((kind, Form::Xml(document))),
            None => {
                let found = match root.tag_name().namespace() {
                    Some(NAMESPACE) => format!("<{} id=\"{id}\">", root.tag_name().name()),
                    _ => format!("<{}> outside IANA's namespace", root.tag_name().name()),
                };
                let line = document.text_pos_at(root.range().start).row;
                Err(format!(
                    "{from}:{line}: not a registry the updater knows: {found}, where IANA's XML has <registry id={}>",
                    known()
                ))
            }
        };
    }
    match Kind::of_csv(bytes) {
        Some(kind) => Ok((kind, Form::Csv)),
        None => {
            let headers: Vec<String> = Kind::ALL
                .map(|kind| format!("`{}`", kind.header().join(",")))
                .into();
            Err(format!(
                "{from}:1: neither IANA's XML nor the CSV of a registry the updater knows, whose header is {}",
                headers.join(" or ")
            ))
        }
    }
}

/// The UTF-16 form `bytes` are in, told by a byte-order mark or by the NUL bytes of `<` or
/// an ASCII letter; `None` for anything else.
fn utf16(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xFE, ..] | [b'<' | b'A'..=b'z', 0, ..] => Some("UTF-16 (little-endian)"),
        [0xFE, 0xFF, ..] | [0, b'<' | b'A'..=b'z', ..] => Some("UTF-16 (big-endian)"),
        _ => None,
    }
}

/// What the updater needs of a registry beyond what [`Kind`] names: how its sources are read,
/// how the build checks it, and how its records are told apart.
pub(crate) trait Registry {
    /// Which registry this is.
    const KIND: Kind;
    /// A row of IANA's CSV, a field per column.
    type Row: AsRef<[String]> + Clone + Eq + Hash;
    /// A record as the build's parser reads it.
    type Record: Clone;
    /// A record's identity across snapshots.
    type Key: Ord;
    /// Where a record stands; a removed record and an added one in the same place, each the
    /// only named one there, are one record renamed.
    type Place: Eq + Hash;

    /// The rows of IANA's XML, parsed, read from `from`.
    fn read_xml(document: &Document, from: &str) -> Result<XmlRegistry<Self::Row>, String>;

    /// The rows of a CSV source, each with the line of the source it starts on.
    fn read_csv(bytes: &[u8], from: &str) -> Result<(Vec<Self::Row>, Vec<u64>), String>;

    /// The records of a CSV in IANA's form, read by the build's parser; `file_name` names it.
    fn parse(csv: &[u8], file_name: &str) -> Result<Vec<Self::Record>, Error>;

    /// Lays out the build's tables of `records` with IANA's date `updated`, as the build
    /// does (so what the build would refuse is refused), and gives what the README says of
    /// them besides their number, as (row name, value).
    fn lay_out(
        records: &[Self::Record],
        file_name: &str,
        updated: Option<&str>,
    ) -> Result<Vec<(&'static str, String)>, Error>;

    /// The record's row of IANA's CSV.
    fn row(record: &Self::Record) -> Cow<'_, Self::Row>;

    /// The line of the CSV on which the record starts.
    fn line(record: &Self::Record) -> u64;

    /// The record's identity across snapshots.
    fn key(record: &Self::Record) -> Self::Key;

    /// Where the record stands.
    fn place(record: &Self::Record) -> Self::Place;

    /// The record's name; empty for an unnamed one.
    fn name(record: &Self::Record) -> &str;

    /// The record in the summary of changes.
    fn label(record: &Self::Record) -> String;
}
