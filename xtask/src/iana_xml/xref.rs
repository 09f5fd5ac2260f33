//! How IANA's CSVs write an `<xref>` and wrapped text, the same in every registry at hand.
//!
//! These rules reproduce IANA's CSVs of both registries at hand, the port registry's and the
//! protocol numbers'.
//!
//! Each `<xref>` is written in brackets, one after another with nothing between them:
//! `type="rfc" data="rfc4251"` as `[RFC4251]` (or `[its text]` when it has text, such as
//! `[RFC8765, Section 6.1]`), `person` as `[data]` (`[John_Doe]`, the id of the person in
//! `<people>`), `uri` as `[its text]` or else `[data]`, `text` as `[its text]` (so a text of
//! `[XEROX]` is `[[XEROX]]`), `note` as `[data]` (the anchor of a `<footnote>`, `[1]`), and
//! `draft` as `[data]` or `[its text]`. A `draft` with text (and a `section` attribute, which
//! its text repeats) first appears in the port registry after 2026-04-24, so no CSV of IANA's
//! shows it yet; it follows the rule of an `rfc` with text. Other types (`registry`,
//! `rfc-errata`, `unicode`) appear in no record at hand, and are refused.
//!
//! Text is joined where IANA wrapped it: a space or tab before a line break that is followed
//! by indentation joins the two lines with one space; a line break without that space is kept,
//! indentation and all; white space at either end is dropped.

use roxmltree::Node;

use super::walk::{NodeError, plain_text};

/// An `<xref>`, in brackets, by the rules in the module docs.
pub(crate) fn xref<'a>(xref: Node<'a, 'a>) -> Result<String, NodeError<'a>> {
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

/// Joins lines wrapped as `word \n    word` with one space, and trims the ends.
pub(crate) fn normalise(text: &str) -> String {
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

    #[test]
    fn line_breaks_follow_ianas_rendering() {
        assert_eq!(normalise("a \n      b"), "a b");
        assert_eq!(normalise("a \nb"), "a \nb");
        assert_eq!(normalise("a\n   b"), "a\n   b");
        assert_eq!(normalise("  a\n  "), "a");
    }

    #[test]
    fn each_type_is_rendered_in_brackets() {
        let cases = [
            ("<xref type=\"rfc\" data=\"rfc791\"/>", "[RFC791]"),
            (
                "<xref type=\"rfc\" data=\"rfc8765\">RFC8765, Section 6.1</xref>",
                "[RFC8765, Section 6.1]",
            ),
            (
                "<xref type=\"person\" data=\"Tony_Ballardie\"/>",
                "[Tony_Ballardie]",
            ),
            (
                "<xref type=\"uri\" data=\"https://example.com/h\">HomaModule</xref>",
                "[HomaModule]",
            ),
            (
                "<xref type=\"uri\" data=\"https://example.com/h\"/>",
                "[https://example.com/h]",
            ),
            ("<xref type=\"text\">[XEROX]</xref>", "[[XEROX]]"),
            ("<xref type=\"text\"/>", "[]"),
            ("<xref type=\"note\" data=\"1\"/>", "[1]"),
            ("<xref type=\"draft\" data=\"draft-a-b\"/>", "[draft-a-b]"),
        ];
        for (element, rendered) in cases {
            let document = roxmltree::Document::parse(element).unwrap();
            assert_eq!(
                xref(document.root_element()).unwrap(),
                rendered,
                "{element}"
            );
        }
        for (element, reason) in [
            (
                "<xref type=\"registry\" data=\"ipv6-parameters\"/>",
                "unknown <xref type=\"registry\">",
            ),
            (
                "<xref type=\"note\"/>",
                "an <xref type=\"note\"> with neither data nor text",
            ),
        ] {
            let document = roxmltree::Document::parse(element).unwrap();
            assert_eq!(
                xref(document.root_element()).unwrap_err().1,
                reason,
                "{element}"
            );
        }
    }
}
