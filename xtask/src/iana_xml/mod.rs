//! IANA's XML form of the registry (its master form, `service-names-port-numbers.xml`) -> the
//! rows of the CSV that IANA generates from it: one row per `<record>`, in document order, and
//! the registry's `<updated>` date.
//!
//! In two steps: [`walk`] reads the XML strictly (the elements inside an element, the text of
//! one that holds only text), and [`record`] turns each `<record>` into its CSV row, with the
//! table of which element gives which column and the rules for text.
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
//! modules beside it, as a `mod.rs` does, so they stay in this directory.

mod record;
mod walk;

use roxmltree::Document;

use walk::{NodeError, elements, iana_name, is, plain_text};

/// The registry's own namespace; elements from any other are not IANA's.
const NAMESPACE: &str = "http://www.iana.org/assignments";

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

/// A registry read from IANA's XML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct XmlRegistry {
    /// The registry's `<updated>` date, the date IANA gives the snapshot, checked as the
    /// build checks its date file.
    pub(crate) updated: String,
    /// The line of `<updated>`.
    pub(crate) updated_line: u64,
    /// One row of 12 fields per `<record>`, in the CSV's column order.
    pub(crate) rows: Vec<[String; 12]>,
    /// The line of each row's `<record>`.
    pub(crate) lines: Vec<u64>,
}

/// Whether `bytes` are XML rather than CSV: after an optional byte-order mark and white space,
/// XML starts with `<`, and IANA's CSV with its header.
pub(crate) fn looks_like_xml(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<')
}

/// Reads IANA's XML. `source` names the file in error messages.
pub(crate) fn read(bytes: &[u8], source: &str) -> Result<XmlRegistry, String> {
    let text =
        std::str::from_utf8(bytes).map_err(|e| format!("{source}: the XML is not UTF-8: {e}"))?;
    let opening = text.trim_start_matches('\u{FEFF}').trim_start().as_bytes();
    let starts_with = |prefix: &str| {
        opening
            .get(..prefix.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(prefix.as_bytes()))
    };
    if starts_with("<!doctype html") || starts_with("<html") {
        return Err(format!("{source}: an HTML page, not IANA's registry"));
    }
    let document =
        Document::parse(text).map_err(|e| format!("{source}: not well-formed XML: {e}"))?;
    // Where a refused node is, in `FILE:LINE: reason`.
    let at = |(node, reason): NodeError| {
        // Stray text is placed where it starts to be more than white space.
        let blank = node
            .text()
            .filter(|_| node.is_text())
            .map_or(0, |text| text.len() - text.trim_start().len());
        let position = document.text_pos_at(node.range().start + blank);
        format!("{source}:{}: {reason}", position.row)
    };
    let registry = document.root_element();
    if !is(registry, "registry") || registry.attribute("id") != Some("service-names-port-numbers") {
        return Err(at((
            registry,
            "not IANA's service name and port number registry (expected <registry id=\"service-names-port-numbers\">)".into(),
        )));
    }
    let mut updated: Option<(String, u64)> = None;
    let mut rows = Vec::new();
    let mut lines = Vec::new();
    // Records come in document order, so each one's line is counted on from the last (asking
    // roxmltree for each position would scan from the start every time).
    let (mut counted_to, mut line) = (0, 1);
    for child in elements(registry) {
        let child = child.map_err(at)?;
        let start = child.range().start;
        line += text.as_bytes()[counted_to..start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u64;
        counted_to = start;
        let tag =
            iana_name(child).map_err(|(node, reason)| at((node, reason + " in the registry")))?;
        match tag {
            "updated" => {
                if updated.is_some() {
                    return Err(at((child, "a second <updated> in the registry".into())));
                }
                let date = plain_text(child).map_err(at)?;
                let date = date.trim().to_owned();
                ianaports_codegen::parse_updated(format!("{date}\n").as_bytes(), "<updated>")
                    .map_err(|error| at((child, format!("<updated>: {}", error.reason))))?;
                updated = Some((date, line));
            }
            "record" => {
                rows.push(record::row(child).map_err(at)?);
                lines.push(line);
            }
            tag if REGISTRY_ELEMENTS.contains(&tag) => {}
            tag => {
                let reason = format!("unexpected element <{tag}> in the registry");
                return Err(at((child, reason)));
            }
        }
    }
    let (updated, updated_line) =
        updated.ok_or_else(|| at((registry, "the registry has no <updated> date".into())))?;
    if rows.is_empty() {
        return Err(at((registry, "the registry has no <record>s".into())));
    }
    Ok(XmlRegistry {
        updated,
        updated_line,
        rows,
        lines,
    })
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
