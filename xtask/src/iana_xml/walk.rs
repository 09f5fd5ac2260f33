//! Reading IANA's XML strictly: the elements inside an element, an element's name in IANA's
//! namespace, and the text of an element that holds only text. Whatever else stands there (a
//! comment, a processing instruction, stray text, an element of another namespace) is an error
//! naming its node, which the caller turns into a line.

use roxmltree::Node;

use super::NAMESPACE;

/// A node the converter refuses, and why.
pub(super) type NodeError<'a> = (Node<'a, 'a>, String);

/// Whether `node` is the element `name` of IANA's namespace.
pub(super) fn is(node: Node, name: &str) -> bool {
    node.tag_name().name() == name && node.tag_name().namespace() == Some(NAMESPACE)
}

/// The name of `element`, which must be of IANA's namespace.
pub(super) fn iana_name<'a>(element: Node<'a, 'a>) -> Result<&'a str, NodeError<'a>> {
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
pub(super) fn elements<'a>(
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

/// What `node` is, in an error message.
pub(super) fn kind(node: Node) -> &'static str {
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
pub(super) fn plain_text<'a>(node: Node<'a, 'a>) -> Result<String, NodeError<'a>> {
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
