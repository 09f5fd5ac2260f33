//! IANA's XML form of the registry (its master form, `service-names-port-numbers.xml`) -> the
//! rows of the CSV that IANA generates from it.
//!
//! Each `<record>` is one CSV row, in document order:
//!
//! | CSV column | from the `<record>` |
//! |---|---|
//! | Service Name | `<name>` |
//! | Port Number | `<number>` (`N` or `N-M`) |
//! | Transport Protocol | `<protocol>` |
//! | Description | `<description>`, as text (below) |
//! | Assignee | the `<xref>`s inside `<assignee>`; without an `<assignee>`, the same as Contact |
//! | Contact | the record's own `<xref type="person">`s |
//! | Registration Date | the `date` attribute |
//! | Modification Date | the `updated` attribute |
//! | Reference | the record's own other `<xref>`s (rfc, draft, uri, text, note), in document order |
//! | Service Code | `<sc>` |
//! | Unauthorized Use Reported | `<unauthorized>`, as text |
//! | Assignment Notes | `<note>`, as text |
//!
//! Each `<xref>` is written in brackets, one after another with nothing between them:
//! `type="rfc" data="rfc4251"` as `[RFC4251]` (or `[its text]` when it has text, such as
//! `[RFC8765, Section 6.1]`), `person` as `[data]` (`[John_Doe]`, the id of the person in
//! `<people>`), `uri` as `[its text]` or else `[data]`, `text` as `[its text]`, `note` as
//! `[data]`, and `draft` as `[data]` or `[its text]`. A `draft` with text (and a `section`
//! attribute, which its text repeats) first appears after 2026-04-24, so no CSV of IANA's shows
//! it yet; it follows the rule of an `rfc` with text.
//!
//! Text is the element's text with these rules, which reproduce IANA's CSV for every record of
//! the 2026-04-24 update (the test `xml_converts_to_ianas_csv` checks every byte):
//! - a run of `<br/>` is one line break, or none when the text after it already starts a new
//!   line (IANA's files always write `<br/>` at the end of a source line);
//! - a `<paragraph>` is its text indented by 8 spaces (only `wot`'s notes use it);
//! - a space or tab before a line break that is followed by indentation joins the two lines
//!   with one space; a line break without that space is kept, indentation and all;
//! - white space at either end of the field is dropped.
//!
//! Anything else is an error naming its line: a new construct in IANA's format must be mapped
//! by a person, not guessed. That is: an element or xref type this module does not know, an
//! element of another namespace (a `<record xmlns="">` is not IANA's record), a comment or
//! processing instruction inside the registry, text where only elements belong, a second
//! `<name>`, `<number>` or other single field in a record, a second `<updated>`, an `<xref>`
//! that holds elements or says nothing, `<paragraph>`s nested more than [`MAX_DEPTH`] deep,
//! and an `<updated>` date that the build would refuse.

use roxmltree::{Document, Node};

/// The registry's own namespace; elements from any other are not IANA's.
const NAMESPACE: &str = "http://www.iana.org/assignments";

/// How deep `<paragraph>`s may nest in a text field (IANA's files nest none).
pub const MAX_DEPTH: usize = 16;

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
pub struct XmlRegistry {
    /// The registry's `<updated>` date, the date IANA gives the snapshot, checked as the
    /// build checks its date file.
    pub updated: String,
    /// The line of `<updated>`.
    pub updated_line: u64,
    /// One row of 12 fields per `<record>`, in the CSV's column order.
    pub rows: Vec<[String; 12]>,
    /// The line of each row's `<record>`.
    pub lines: Vec<u64>,
}

/// Whether `bytes` are XML rather than CSV: after an optional byte-order mark and white space,
/// XML starts with `<`, and IANA's CSV with its header.
pub fn looks_like_xml(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<')
}

/// Reads IANA's XML. `source` names the file in error messages.
pub fn read(bytes: &[u8], source: &str) -> Result<XmlRegistry, String> {
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
    let at = |node: Node, reason: String| {
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
        return Err(at(
            registry,
            "not IANA's service name and port number registry (expected <registry id=\"service-names-port-numbers\">)".into(),
        ));
    }
    let mut updated: Option<(String, u64)> = None;
    let mut rows = Vec::new();
    let mut lines = Vec::new();
    // Records come in document order, so each one's line is counted on from the last (asking
    // roxmltree for each position would scan from the start every time).
    let (mut counted_to, mut line) = (0, 1);
    for child in elements(registry) {
        let child = child.map_err(|(node, reason)| at(node, reason))?;
        let start = child.range().start;
        line += text.as_bytes()[counted_to..start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u64;
        counted_to = start;
        if is(child, "updated") {
            if updated.is_some() {
                return Err(at(child, "a second <updated> in the registry".into()));
            }
            let date = plain_text(child).map_err(|(node, reason)| at(node, reason))?;
            let date = date.trim().to_owned();
            ianaports_codegen::parse_updated(format!("{date}\n").as_bytes(), "<updated>")
                .map_err(|error| at(child, format!("<updated>: {}", error.reason)))?;
            updated = Some((date, line));
        } else if is(child, "record") {
            rows.push(record_row(child).map_err(|(node, reason)| at(node, reason))?);
            lines.push(line);
        } else if child.tag_name().namespace() != Some(NAMESPACE) {
            let tag = child.tag_name().name();
            return Err(at(
                child,
                format!("unexpected element <{tag}> from another namespace in the registry"),
            ));
        } else if !REGISTRY_ELEMENTS.contains(&child.tag_name().name()) {
            let tag = child.tag_name().name();
            return Err(at(
                child,
                format!("unexpected element <{tag}> in the registry"),
            ));
        }
    }
    let (updated, updated_line) =
        updated.ok_or_else(|| at(registry, "the registry has no <updated> date".into()))?;
    if rows.is_empty() {
        return Err(at(registry, "the registry has no <record>s".into()));
    }
    Ok(XmlRegistry {
        updated,
        updated_line,
        rows,
        lines,
    })
}

type NodeError<'a> = (Node<'a, 'a>, String);

fn is(node: Node, name: &str) -> bool {
    node.tag_name().name() == name && node.tag_name().namespace() == Some(NAMESPACE)
}

fn record_row<'a>(record: Node<'a, 'a>) -> Result<[String; 12], NodeError<'a>> {
    let mut fields: [String; 12] = Default::default();
    let [
        name,
        number,
        protocol,
        description,
        assignee,
        contact,
        registered,
        modified,
        reference,
        service_code,
        unauthorized,
        notes,
    ] = &mut fields;
    *registered = record.attribute("date").unwrap_or("").to_owned();
    *modified = record.attribute("updated").unwrap_or("").to_owned();
    let mut assignee_element = None;
    let mut seen: Vec<&str> = Vec::new();
    for child in elements(record) {
        let child = child?;
        let tag = child.tag_name().name();
        if child.tag_name().namespace() != Some(NAMESPACE) {
            return Err((
                child,
                format!("unexpected element <{tag}> from another namespace"),
            ));
        }
        if tag != "xref" {
            if seen.contains(&tag) {
                return Err((child, format!("a second <{tag}> in a <record>")));
            }
            seen.push(tag);
        }
        match tag {
            "name" => *name = plain_text(child)?,
            "number" => *number = plain_text(child)?,
            "protocol" => *protocol = plain_text(child)?,
            "sc" => *service_code = plain_text(child)?,
            "description" => *description = text(child)?,
            "unauthorized" => *unauthorized = text(child)?,
            "note" => *notes = text(child)?,
            "assignee" => assignee_element = Some(child),
            "xref" if child.attribute("type") == Some("person") => contact.push_str(&xref(child)?),
            "xref" => reference.push_str(&xref(child)?),
            _ => return Err((child, format!("unexpected element <{tag}> in a <record>"))),
        }
    }
    *assignee = match assignee_element {
        Some(element) => {
            let mut rendered = String::new();
            for child in elements(element) {
                let child = child?;
                if !is(child, "xref") {
                    return Err((child, "an <assignee> holds only <xref>s".into()));
                }
                rendered.push_str(&xref(child)?);
            }
            rendered
        }
        None => contact.clone(),
    };
    Ok(fields)
}

/// The elements inside `node`, which holds only elements: what may stand between them is
/// white space, and text, a comment or a processing instruction there is an error.
fn elements<'a>(node: Node<'a, 'a>) -> impl Iterator<Item = Result<Node<'a, 'a>, NodeError<'a>>> {
    node.children().filter_map(|child| {
        if child.is_element() {
            Some(Ok(child))
        } else if child.is_text() && child.text().unwrap_or("").trim().is_empty() {
            None
        } else {
            let reason = format!("unexpected {} where only elements belong", kind(child));
            Some(Err((child, reason)))
        }
    })
}

fn kind(node: Node) -> &'static str {
    if node.is_comment() {
        "comment"
    } else if node.is_pi() {
        "processing instruction"
    } else if node.is_text() {
        "text"
    } else {
        "element"
    }
}

/// The text of an element that holds only text (a name, a number, a protocol, a date).
fn plain_text<'a>(node: Node<'a, 'a>) -> Result<String, NodeError<'a>> {
    let mut text = String::new();
    for child in node.children() {
        if !child.is_text() {
            let tag = node.tag_name().name();
            let what = if child.is_element() {
                format!("element <{}>", child.tag_name().name())
            } else {
                kind(child).to_owned()
            };
            return Err((
                child,
                format!("unexpected {what} inside <{tag}>, which holds only text"),
            ));
        }
        text.push_str(child.text().unwrap_or(""));
    }
    Ok(text)
}

fn xref<'a>(xref: Node<'a, 'a>) -> Result<String, NodeError<'a>> {
    let data = xref.attribute("data").unwrap_or("");
    let own_text = normalise(&plain_text(xref)?);
    let own_text = Some(own_text).filter(|text| !text.is_empty());
    let xref_type = xref.attribute("type").unwrap_or("");
    let inside = match (xref_type, own_text) {
        ("rfc" | "uri" | "person" | "draft" | "note", None) if data.is_empty() => {
            return Err((
                xref,
                format!("an <xref type=\"{xref_type}\"> with neither data nor text"),
            ));
        }
        ("rfc", None) => data.to_ascii_uppercase(),
        ("rfc" | "draft" | "uri" | "text", Some(text)) => text,
        ("uri" | "person" | "draft" | "note", None) => data.to_owned(),
        ("text", None) => String::new(),
        (kind, _) => return Err((xref, format!("unknown <xref type=\"{kind}\">"))),
    };
    Ok(format!("[{inside}]"))
}

/// The text of a mixed-content element, by the rules in the module docs.
fn text<'a>(element: Node<'a, 'a>) -> Result<String, NodeError<'a>> {
    Ok(normalise(&raw_text(element)?))
}

/// The text of a mixed-content element, before wrapped lines are joined. Nested
/// `<paragraph>`s are walked with a stack of their own, not by recursion, so no input can
/// exhaust the call stack; they may nest [`MAX_DEPTH`] deep.
fn raw_text<'a>(element: Node<'a, 'a>) -> Result<String, NodeError<'a>> {
    let mut text = String::new();
    let mut open = vec![element.children().peekable()];
    while let Some(children) = open.last_mut() {
        let Some(child) = children.next() else {
            open.pop();
            continue;
        };
        if child.is_text() {
            text.push_str(child.text().unwrap_or(""));
            continue;
        }
        if !child.is_element() {
            return Err((child, format!("unexpected {} in text", kind(child))));
        }
        if child.tag_name().namespace() != Some(NAMESPACE) {
            let tag = child.tag_name().name();
            return Err((
                child,
                format!("unexpected element <{tag}> from another namespace"),
            ));
        }
        match child.tag_name().name() {
            "br" => {
                let next_is_br = children.peek().is_some_and(|next| is(*next, "br"));
                let next_starts_a_line = children
                    .peek()
                    .and_then(|next| next.text().filter(|_| next.is_text()))
                    .is_some_and(|next| next.starts_with('\n'));
                if !next_is_br && !next_starts_a_line {
                    text.push('\n');
                }
            }
            "paragraph" => {
                if open.len() > MAX_DEPTH {
                    return Err((
                        child,
                        format!("<paragraph>s nested more than {MAX_DEPTH} deep"),
                    ));
                }
                text.push_str("        ");
                open.push(child.children().peekable());
            }
            "xref" => text.push_str(&xref(child)?),
            tag => return Err((child, format!("unexpected element <{tag}> in text"))),
        }
    }
    Ok(text)
}

/// Joins lines wrapped as `word \n    word` with one space, and trims the ends.
fn normalise(text: &str) -> String {
    let mut joined = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(newline) = rest.find('\n') {
        let (line, after) = (&rest[..newline], &rest[newline + 1..]);
        let line_trimmed = line.trim_end_matches([' ', '\t']);
        let indented = after.starts_with([' ', '\t']);
        if line_trimmed.len() < line.len() && indented {
            joined.push_str(line_trimmed);
            joined.push(' ');
            rest = after.trim_start_matches([' ', '\t']);
        } else {
            joined.push_str(line);
            joined.push('\n');
            rest = after;
        }
    }
    joined.push_str(rest);
    joined.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn convert_one(record: &str) -> [String; 12] {
        let xml = format!(
            "<?xml version='1.0' encoding='UTF-8'?>\n<registry xmlns=\"{NAMESPACE}\" id=\"service-names-port-numbers\">\
             <updated>2026-01-02</updated>{record}</registry>"
        );
        let registry = read(xml.as_bytes(), "t.xml").unwrap();
        assert_eq!(registry.updated, "2026-01-02");
        registry.rows.into_iter().next().unwrap()
    }

    #[test]
    fn columns_come_from_their_elements() {
        let row = convert_one(
            "<record date=\"2017-02-22\" updated=\"2019-12-16\"><name>pon-ictp</name><protocol>tcp</protocol>\
             <assignee><xref type=\"person\" data=\"Broadband_Forum\"/></assignee>\
             <description>ICTP</description><number>7202</number>\
             <xref type=\"person\" data=\"Jane_Doe\"/><xref type=\"rfc\" data=\"rfc4251\"/>\
             <xref type=\"uri\" data=\"https://example.com/x.pdf\">TR-352</xref><sc>42</sc></record>",
        );
        assert_eq!(
            row,
            [
                "pon-ictp",
                "7202",
                "tcp",
                "ICTP",
                "[Broadband_Forum]",
                "[Jane_Doe]",
                "2017-02-22",
                "2019-12-16",
                "[RFC4251][TR-352]",
                "42",
                "",
                ""
            ]
            .map(String::from)
        );
    }

    #[test]
    fn without_an_assignee_the_contact_is_both() {
        let row = convert_one(
            "<record><name>a</name><xref type=\"person\" data=\"X\"/><description>d</description></record>",
        );
        assert_eq!((&row[4][..], &row[5][..]), ("[X]", "[X]"));
    }

    #[test]
    fn line_breaks_follow_ianas_rendering() {
        assert_eq!(normalise("a \n      b"), "a b");
        assert_eq!(normalise("a \nb"), "a \nb");
        assert_eq!(normalise("a\n   b"), "a\n   b");
        assert_eq!(normalise("  a\n  "), "a");
        let row = convert_one(
            "<record><description>x<br/><br/>\ny</description><note>p<br/>q<br/>\nr</note></record>",
        );
        assert_eq!((&row[3][..], &row[11][..]), ("x\ny", "p\nq\nr"));
    }

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

    /// The error for a registry of one `<record>`, whose line is 2, with `inside` in it.
    fn refusal(record: &str) -> String {
        let xml = format!(
            "<registry xmlns=\"{NAMESPACE}\" id=\"service-names-port-numbers\"><updated>2026-01-02</updated>\n{record}</registry>"
        );
        read(xml.as_bytes(), "t.xml").expect_err(record)
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
    fn deeply_nested_paragraphs_are_refused_not_a_stack_overflow() {
        for depth in [MAX_DEPTH + 1, 10_000, 100_000] {
            let nested = format!(
                "<record><description>{}x{}</description></record>",
                "<paragraph>".repeat(depth),
                "</paragraph>".repeat(depth)
            );
            assert_eq!(
                refusal(&nested),
                format!("t.xml:2: <paragraph>s nested more than {MAX_DEPTH} deep"),
            );
        }
        let nested = format!(
            "<record><description>{}x{}</description></record>",
            "<paragraph>".repeat(MAX_DEPTH),
            "</paragraph>".repeat(MAX_DEPTH)
        );
        let row = convert_one(&nested);
        assert_eq!(row[3], format!("{}x", " ".repeat(8 * MAX_DEPTH)).trim());
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
