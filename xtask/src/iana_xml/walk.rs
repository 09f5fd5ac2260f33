//! Reading IANA's XML strictly, for every registry's converter.
//!
//! The document, the elements inside an element, an element's name in IANA's namespace, the text of an element that holds
//! only text, a record's single fields, the registry's `<updated>` date, and the line of a
//! node. Whatever else stands there (a comment, a processing instruction, stray text, an
//! element of another namespace) is an error naming its node, which [`Located`] turns into
//! `FILE:LINE: reason`.

use roxmltree::{Document, Node};

use super::{NAMESPACE, XmlRegistry};

/// A node the converter refuses, and why.
pub(crate) type NodeError<'a> = (Node<'a, 'a>, String);

/// Parses `bytes` as XML, refusing what is not UTF-8, an HTML page (what a server sends in
/// place of a file it cannot serve) and what is not well-formed. `source` names the file.
pub(crate) fn parse<'a>(bytes: &'a [u8], source: &str) -> Result<Document<'a>, String> {
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
    Document::parse(text).map_err(|e| format!("{source}: not well-formed XML: {e}"))
}

/// Where the nodes of one document are: their lines, and errors as `FILE:LINE: reason`.
pub(crate) struct Located<'d, 'a> {
    document: &'d Document<'a>,
    source: &'d str,
    /// Lines are counted on from the last node asked about (asking roxmltree for each
    /// position would scan from the start every time), so nodes are asked about in document
    /// order: up to `counted_to` there are `line - 1` line breaks.
    counted_to: usize,
    line: u64,
}

impl<'d, 'a> Located<'d, 'a> {
    /// The nodes of `document`, read from `source`.
    pub(crate) fn new(document: &'d Document<'a>, source: &'d str) -> Located<'d, 'a> {
        Located {
            document,
            source,
            counted_to: 0,
            line: 1,
        }
    }

    /// The line on which `node` starts; nodes must be asked about in document order.
    pub(crate) fn line(&mut self, node: Node) -> u64 {
        let start = node.range().start;
        self.line += self.document.input_text().as_bytes()[self.counted_to..start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u64;
        self.counted_to = start;
        self.line
    }

    /// `FILE:LINE: reason` for a refused node.
    pub(crate) fn error(&self, (node, reason): NodeError) -> String {
        // Stray text is placed where it starts to be more than white space.
        let blank = node
            .text()
            .filter(|_| node.is_text())
            .map_or(0, |text| text.len() - text.trim_start().len());
        let position = self.document.text_pos_at(node.range().start + blank);
        format!("{}:{}: {reason}", self.source, position.row)
    }
}

/// The root element of a document that must be `<registry id="{id}">`, which is `what`.
pub(crate) fn registry<'a>(
    document: &'a Document<'a>,
    id: &str,
    what: &str,
) -> Result<Node<'a, 'a>, NodeError<'a>> {
    let root = document.root_element();
    if !is(root, "registry") || root.attribute("id") != Some(id) {
        return Err((
            root,
            format!("not {what} (expected <registry id=\"{id}\">)"),
        ));
    }
    Ok(root)
}

/// Whether `node` is the element `name` of IANA's namespace.
pub(crate) fn is(node: Node, name: &str) -> bool {
    node.tag_name().name() == name && node.tag_name().namespace() == Some(NAMESPACE)
}

/// The name of `element`, which must be of IANA's namespace.
pub(crate) fn iana_name<'a>(element: Node<'a, 'a>) -> Result<&'a str, NodeError<'a>> {
    let tag = element.tag_name().name();
    if element.tag_name().namespace() != Some(NAMESPACE) {
        return Err((
            element,
            format!("unexpected element <{tag}> from another namespace"),
        ));
    }
    Ok(tag)
}

/// The elements inside `node`, which holds only elements: what may stand between them is
/// white space, and text, a comment or a processing instruction there is an error.
pub(crate) fn elements<'a>(
    node: Node<'a, 'a>,
) -> impl Iterator<Item = Result<Node<'a, 'a>, NodeError<'a>>> {
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

/// The elements inside a registry element (`where_` in messages, such as "the registry"),
/// each with its name, which must be of IANA's namespace.
pub(crate) fn registry_elements<'a>(
    registry: Node<'a, 'a>,
    where_: &str,
) -> impl Iterator<Item = Result<(&'a str, Node<'a, 'a>), NodeError<'a>>> {
    elements(registry).map(move |child| {
        let child = child?;
        let tag =
            iana_name(child).map_err(|(node, reason)| (node, format!("{reason} in {where_}")))?;
        Ok((tag, child))
    })
}

/// The elements inside a `<record>`, each with its name: of IANA's namespace, and each but
/// `<xref>` (a record has any number) at most once.
pub(crate) fn record_fields<'a>(
    record: Node<'a, 'a>,
) -> Result<Vec<(&'a str, Node<'a, 'a>)>, NodeError<'a>> {
    let mut fields: Vec<(&str, Node)> = Vec::new();
    for child in elements(record) {
        let child = child?;
        let tag = iana_name(child)?;
        if tag != "xref" && fields.iter().any(|&(seen, _)| seen == tag) {
            return Err((child, format!("a second <{tag}> in a <record>")));
        }
        fields.push((tag, child));
    }
    Ok(fields)
}

/// An element the converter does not map, standing in `where_`.
pub(crate) fn unexpected<'a>(element: Node<'a, 'a>, where_: &str) -> NodeError<'a> {
    let tag = element.tag_name().name();
    (element, format!("unexpected element <{tag}> in {where_}"))
}

/// What `node` is, in an error message.
pub(crate) fn kind(node: Node) -> &'static str {
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
pub(crate) fn plain_text<'a>(node: Node<'a, 'a>) -> Result<String, NodeError<'a>> {
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

/// A registry's rows as they are read, one `<record>` after another, with its one `<updated>`.
pub(crate) struct Rows<Row> {
    updated: Option<(String, u64)>,
    rows: Vec<Row>,
    lines: Vec<u64>,
}

impl<Row> Rows<Row> {
    /// None yet.
    pub(crate) fn new() -> Rows<Row> {
        Rows {
            updated: None,
            rows: Vec::new(),
            lines: Vec::new(),
        }
    }

    /// The registry's `<updated>`, on `line`: its date, checked as the build checks its date
    /// file, and only one.
    pub(crate) fn updated<'a>(
        &mut self,
        element: Node<'a, 'a>,
        line: u64,
    ) -> Result<(), NodeError<'a>> {
        if self.updated.is_some() {
            return Err((element, "a second <updated> in the registry".into()));
        }
        let date = plain_text(element)?.trim().to_owned();
        ianaports_codegen::parse_updated(format!("{date}\n").as_bytes(), "<updated>")
            .map_err(|error| (element, format!("<updated>: {}", error.reason)))?;
        self.updated = Some((date, line));
        Ok(())
    }

    /// The row of a `<record>` on `line`.
    pub(crate) fn push(&mut self, row: Row, line: u64) {
        self.rows.push(row);
        self.lines.push(line);
    }

    /// The registry read, which must have had its date and a record.
    pub(crate) fn finish<'a>(
        self,
        registry: Node<'a, 'a>,
    ) -> Result<XmlRegistry<Row>, NodeError<'a>> {
        let (updated, updated_line) = self
            .updated
            .ok_or_else(|| (registry, "the registry has no <updated> date".into()))?;
        if self.rows.is_empty() {
            return Err((registry, "the registry has no <record>s".into()));
        }
        Ok(XmlRegistry {
            updated,
            updated_line,
            rows: self.rows,
            lines: self.lines,
        })
    }
}
