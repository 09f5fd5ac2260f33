//! One `<record>` -> its row of the CSV that IANA generates from the XML, in document order:
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
//! Each `<xref>` is written by the rules of [`super::xref`].
//!
//! Text is the element's text with these rules, which reproduce IANA's CSV for every record of
//! the 2026-04-24 update (the test `ianas_xml_becomes_exactly_ianas_csv` in
//! `tests/update_registry.rs` checks every byte):
//! - a run of `<br/>` is one line break, or none when the text after it already starts a new
//!   line (IANA's files always write `<br/>` at the end of a source line);
//! - a `<paragraph>` is its text indented by 8 spaces (only `wot`'s notes use it);
//! - wrapped lines are joined, and the ends trimmed, by [`super::xref::normalise`].

use roxmltree::Node;

use super::walk::{
    NodeError, elements, iana_name, is, kind, plain_text, record_fields, unexpected,
};
use super::xref::{normalise, xref};

/// How deep `<paragraph>`s may nest in a text field (IANA's files nest none).
const MAX_DEPTH: usize = 16;

/// The CSV row of `record`, in the CSV's column order.
pub(super) fn row<'a>(record: Node<'a, 'a>) -> Result<[String; 12], NodeError<'a>> {
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
    for (tag, child) in record_fields(record)? {
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
            _ => return Err(unexpected(child, "a <record>")),
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
        match iana_name(child)? {
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
            _ => return Err(unexpected(child, "text")),
        }
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::super::{NAMESPACE, read};
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
        let row = convert_one(
            "<record><description>x<br/><br/>\ny</description><note>p<br/>q<br/>\nr</note></record>",
        );
        assert_eq!((&row[3][..], &row[11][..]), ("x\ny", "p\nq\nr"));
    }

    /// The error for a registry whose one `<record>`, `record`, starts on line 2.
    fn refusal(record: &str) -> String {
        let xml = format!(
            "<registry xmlns=\"{NAMESPACE}\" id=\"service-names-port-numbers\"><updated>2026-01-02</updated>\n{record}</registry>"
        );
        read(xml.as_bytes(), "t.xml").expect_err(record)
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
}
