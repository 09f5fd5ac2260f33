//! IANA's XML, the master form of its registries: the reading every converter shares, and the
//! port registry's converter.
//!
//! The port registry's converter turns `service-names-port-numbers.xml` into the rows of the
//! CSV that IANA generates from it: one row per `<record>`, in document order, and the
//! registry's `<updated>` date. In steps: [`walk`] reads the XML strictly (the elements inside
//! an element, the text of one that holds only text), [`record`] turns each `<record>` into
//! its CSV row, with the table of which element gives which column and the rules for text, and
//! [`xref`] writes references as IANA does in each of its CSVs. The protocol numbers'
//! converter (`protocol_numbers_xml`) reads with the same [`walk`] and [`xref`].
//!
//! What the converter does not map is an error naming its line: a new construct in IANA's format must be mapped
//! by a person, not guessed. That is: an element or xref type this module does not know, an
//! element of another namespace (a `<record xmlns="">` is not IANA's record), a comment or
//! processing instruction inside the registry, text where only elements belong, a second
//! `<name>`, `<number>` or other single field in a record, a second `<updated>`, an `<xref>`
//! that holds elements or says nothing, `<paragraph>`s nested more than `record::MAX_DEPTH`
//! deep, and an `<updated>` date that the build would refuse.
//!
//! The fuzz target `xml` includes this file by `#[path]`; a file included so finds its own
//! modules beside it, as a `mod.rs` does, so they stay in this directory, and the modules every
//! converter shares ([`walk`], [`xref`]) live here too.

mod record;
pub(crate) mod walk;
pub(crate) mod xref;

use roxmltree::Document;

use walk::{Located, Rows, registry_elements, unexpected};

/// The registries' own namespace; elements from any other are not IANA's.
pub(crate) const NAMESPACE: &str = "http://www.iana.org/assignments";

/// The `id` of the port registry's `<registry>`.
pub(crate) const PORTS_ID: &str = "service-names-port-numbers";

/// What a `<registry>` holds besides its records and its date; the converter reads none of it.
const REGISTRY_ELEMENTS: [&str; 9] = [
    "title",
    "category",
    "created",
    "registration_rule",
    "expert",
    "note",
    "xref",
    "people",
    "footnote",
];

/// A registry read from IANA's XML, a `Row` (its CSV's fields) per record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct XmlRegistry<Row> {
    /// The registry's `<updated>` date, the date IANA gives the snapshot, checked as the
    /// build checks its date file.
    pub(crate) updated: String,
    /// The line of `<updated>`.
    pub(crate) updated_line: u64,
    /// One row per `<record>`, in the CSV's column order.
    pub(crate) rows: Vec<Row>,
    /// The line of each row's `<record>`.
    pub(crate) lines: Vec<u64>,
}

/// Whether `bytes` are XML rather than CSV: after an optional byte-order mark and white space,
/// XML starts with `<`, and IANA's CSV with its header.
pub(crate) fn looks_like_xml(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<')
}

/// Reads the port registry's XML. `source` names the file in error messages.
#[allow(
    dead_code,
    reason = "the fuzz target `xml` starts here; the updater parses a source once, to tell which registry it is, and reads it with `read_document`"
)]
pub(crate) fn read(bytes: &[u8], source: &str) -> Result<XmlRegistry<[String; 12]>, String> {
    read_document(&walk::parse(bytes, source)?, source)
}

/// Reads the port registry from its parsed XML, read from `source`.
pub(crate) fn read_document(
    document: &Document,
    source: &str,
) -> Result<XmlRegistry<[String; 12]>, String> {
    let mut located = Located::new(document, source);
    let what = "IANA's service name and port number registry";
    let registry = walk::registry(document, PORTS_ID, what).map_err(|e| located.error(e))?;
    let mut rows = Rows::new();
    for child in registry_elements(registry, "the registry") {
        let (tag, child) = child.map_err(|e| located.error(e))?;
        let line = located.line(child);
        let read = match tag {
            "updated" => rows.updated(child, line),
            "record" => record::row(child).map(|row| rows.push(row, line)),
            tag if REGISTRY_ELEMENTS.contains(&tag) => Ok(()),
            _ => Err(unexpected(child, "the registry")),
        };
        read.map_err(|e| located.error(e))?;
    }
    rows.finish(registry).map_err(|e| located.error(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_constructs_are_refused_with_their_line() {
        let xml = format!(
            "<registry xmlns=\"{NAMESPACE}\" id=\"service-names-port-numbers\"><updated>2026-01-02</updated>\n\
             <record>\n<name>a</name>\n<colour>red</colour></record></registry>"
        );
        assert_eq!(
            read(xml.as_bytes(), "t.xml").unwrap_err(),
            "t.xml:4: unexpected element <colour> in a <record>"
        );
        let xml = xml.replace("<colour>red</colour>", "<xref type=\"isbn\" data=\"1\"/>");
        assert_eq!(
            read(xml.as_bytes(), "t.xml").unwrap_err(),
            "t.xml:4: unknown <xref type=\"isbn\">"
        );
    }

    /// One fixture per XML shape the converter must refuse (`tests/fixtures/xml`), each with the
    /// shape on line 4, and the error it must give.
    #[test]
    fn nodes_the_converter_does_not_map_are_refused_with_their_line() {
        let fixtures = [
            (
                "comment-in-number",
                "comment-in-number.xml:4: unexpected comment inside <number>, which holds only text",
            ),
            (
                "comment-in-name",
                "comment-in-name.xml:4: unexpected comment inside <name>, which holds only text",
            ),
            (
                "pi-in-name",
                "pi-in-name.xml:4: unexpected processing instruction inside <name>, which holds only text",
            ),
            (
                "element-in-name",
                "element-in-name.xml:4: unexpected element <xref> inside <name>, which holds only text",
            ),
            (
                "element-in-protocol",
                "element-in-protocol.xml:4: unexpected element <b> inside <protocol>, which holds only text",
            ),
            (
                "element-in-sc",
                "element-in-sc.xml:4: unexpected element <b> inside <sc>, which holds only text",
            ),
            (
                "element-in-xref",
                "element-in-xref.xml:4: unexpected element <b> inside <xref>, which holds only text",
            ),
            (
                "rfc-xref-without-data",
                "rfc-xref-without-data.xml:4: an <xref type=\"rfc\"> with neither data nor text",
            ),
            (
                "person-xref-without-data",
                "person-xref-without-data.xml:4: an <xref type=\"person\"> with neither data nor text",
            ),
            (
                "second-name",
                "second-name.xml:4: a second <name> in a <record>",
            ),
            (
                "second-number",
                "second-number.xml:4: a second <number> in a <record>",
            ),
            (
                "second-description",
                "second-description.xml:4: a second <description> in a <record>",
            ),
            (
                "stray-text-in-record",
                "stray-text-in-record.xml:4: unexpected text where only elements belong",
            ),
            (
                "comment-in-record",
                "comment-in-record.xml:4: unexpected comment where only elements belong",
            ),
            (
                "comment-in-description",
                "comment-in-description.xml:4: unexpected comment in text",
            ),
            (
                "pi-in-note",
                "pi-in-note.xml:4: unexpected processing instruction in text",
            ),
            (
                "record-in-another-namespace",
                "record-in-another-namespace.xml:4: unexpected element <record> from another namespace in the registry",
            ),
            (
                "nested-registry",
                "nested-registry.xml:4: unexpected element <registry> in the registry",
            ),
            (
                "second-updated",
                "second-updated.xml:4: a second <updated> in the registry",
            ),
            (
                "comment-in-registry",
                "comment-in-registry.xml:4: unexpected comment where only elements belong",
            ),
            (
                "stray-text-in-registry",
                "stray-text-in-registry.xml:4: unexpected text where only elements belong",
            ),
        ];
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/xml");
        for (fixture, expected) in fixtures {
            let file = format!("{fixture}.xml");
            let bytes = std::fs::read(format!("{dir}/{file}")).unwrap();
            assert_eq!(read(&bytes, &file).unwrap_err(), expected, "{file}");
        }
        let listed = std::fs::read_dir(dir).unwrap().count();
        assert_eq!(listed, fixtures.len(), "every fixture is listed here");
    }

    #[test]
    fn updated_dates_the_build_would_refuse_are_refused() {
        for date in ["soon", "2026-13-45", "2026-08-17T12:00:00Z", "2026-08", ""] {
            let xml = format!(
                "<registry xmlns=\"{NAMESPACE}\" id=\"service-names-port-numbers\">\n<updated>{date}</updated><record><name>a</name></record></registry>"
            );
            let error = read(xml.as_bytes(), "t.xml").unwrap_err();
            assert_eq!(
                error,
                format!("t.xml:2: <updated>: updated date `{date}` is not YYYY-MM or YYYY-MM-DD"),
            );
        }
    }

    #[test]
    fn other_documents_are_refused() {
        assert!(
            read(b"<html><body/></html>", "x")
                .unwrap_err()
                .contains("not IANA's")
        );
        assert!(
            read(b"<registry", "x")
                .unwrap_err()
                .contains("not well-formed")
        );
        assert!(looks_like_xml(b"\xEF\xBB\xBF  <?xml"));
        assert!(!looks_like_xml(b"Service Name,Port Number"));
    }
}
