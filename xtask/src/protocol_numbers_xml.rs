//! IANA's XML form of the protocol numbers registry (`protocol-numbers.xml`) -> the rows of
//! the CSV that IANA generates from its one table (`protocol-numbers-1.csv`), and its date.
//!
//! The table is "Assigned Internet Protocol Numbers": one row per `<record>`, in document
//! order, and the registry's `<updated>` date. It reads with the port registry's [`walk`] and writes references with its
//! [`xref`], whose rules IANA's CSV of this registry follows too.
//!
//! | CSV column | from the `<record>` |
//! |---|---|
//! | Decimal | `<value>` (`N` or `N-M`) |
//! | Keyword | `<name>` |
//! | Protocol | `<description>`, its wrapped lines joined by [`xref::normalise`] |
//! | IPv6 Extension Header | `<ipv6>` (`Y`, `N` or none) |
//! | Reference | the `<xref>`s, in document order: `[RFC8200]`, `[Tony_Ballardie]` (a person of `<people>`), `[[XEROX]]` (a text), `[1]` (a footnote) |
//!
//! The record's `date` and `updated` attributes are not in IANA's CSV, and neither is anything
//! outside the records: the `<people>` (a reference names a person by id, as the CSV does), the
//! footnotes and the registry's own notes. This reproduces IANA's CSV of the 2024-10-24 update
//! byte for byte (the test `ianas_protocol_numbers_xml_becomes_exactly_ianas_csv` in
//! `tests/update_registry.rs`).
//!
//! The document is `<registry id="protocol-numbers">` holding its `<updated>` and exactly one
//! table, `<registry id="protocol-numbers-1">`, which holds the records. As in the port
//! registry's converter, what is not mapped is an error naming its line: an element or xref
//! type this module does not know, an element of another namespace, a comment, processing
//! instruction or stray text among elements, an element inside a field that holds only text
//! (the schema's `<name>`, `<description>` and `<ipv6>` are text), a second field of a record, a
//! record without its `<value>`, a second `<updated>`, an `<updated>` inside the table (which
//! date would be the snapshot's?), a second table or one of another id, and an `<updated>`
//! date that the build would refuse. Besides its records, a registry may hold what IANA's
//! schema (`iana-registry.rng`) lets a registry describe itself with, which no CSV carries:
//! [`REGISTRY_ELEMENTS`].

use roxmltree::{Document, Node};

use crate::iana_xml::walk::{
    self, Located, NodeError, Rows, plain_text, record_fields, registry_elements, unexpected,
};
use crate::iana_xml::{XmlRegistry, xref};

/// The `id` of the registry's `<registry>`.
pub(crate) const REGISTRY_ID: &str = "protocol-numbers";

/// The `id` of its one table, the `<registry>` inside it.
const TABLE_ID: &str = "protocol-numbers-1";

/// The columns of IANA's CSV of the table.
pub(crate) const COLUMNS: usize = ianaports_codegen::IP_PROTOCOLS_HEADER.len();

/// What a `<registry>` (the whole, or its table) may hold besides its date, its table or
/// records, its footnotes and its `<people>`: `registryMeta` of IANA's schema.
const REGISTRY_ELEMENTS: [&str; 12] = [
    "metadata",
    "title",
    "created",
    "registration_rule",
    "expert",
    "description",
    "note",
    "xref",
    "hide",
    "category",
    "range",
    "file",
];

/// Reads the protocol numbers registry from its parsed XML, read from `source`.
pub(crate) fn read_document(
    document: &Document,
    source: &str,
) -> Result<XmlRegistry<[String; COLUMNS]>, String> {
    let mut located = Located::new(document, source);
    let what = "IANA's protocol numbers registry";
    let registry = walk::registry(document, REGISTRY_ID, what).map_err(|e| located.error(e))?;
    let mut rows = Rows::new();
    let mut table = None;
    for child in registry_elements(registry, "the registry") {
        let (tag, child) = child.map_err(|e| located.error(e))?;
        let line = located.line(child);
        let read = match tag {
            "updated" => rows.updated(child, line),
            "registry" if table.is_some() => Err((
                child,
                format!(
                    "a second table in the registry (it has one, <registry id=\"{TABLE_ID}\">)"
                ),
            )),
            "registry" => {
                table = Some(child);
                read_table(child, &mut rows, &mut located)
            }
            "footnote" | "people" => Ok(()),
            tag if REGISTRY_ELEMENTS.contains(&tag) => Ok(()),
            _ => Err(unexpected(child, "the registry")),
        };
        read.map_err(|e| located.error(e))?;
    }
    if table.is_none() {
        let reason = format!("the registry has no table <registry id=\"{TABLE_ID}\">");
        return Err(located.error((registry, reason)));
    }
    rows.finish(registry).map_err(|e| located.error(e))
}

/// Reads the records of `table`, the `<registry>` inside the registry, into `rows`.
fn read_table<'a>(
    table: Node<'a, 'a>,
    rows: &mut Rows<[String; COLUMNS]>,
    located: &mut Located,
) -> Result<(), NodeError<'a>> {
    if table.attribute("id") != Some(TABLE_ID) {
        return Err((
            table,
            format!(
                "a table other than the registry's one (expected <registry id=\"{TABLE_ID}\">)"
            ),
        ));
    }
    let where_ = format!("<registry id=\"{TABLE_ID}\">");
    for child in registry_elements(table, &where_) {
        let (tag, child) = child?;
        let line = located.line(child);
        match tag {
            "record" => rows.push(row(child)?, line),
            "updated" => {
                let reason = format!(
                    "an <updated> in {where_}: the snapshot's date is the registry's own <updated>"
                );
                return Err((child, reason));
            }
            "footnote" => {}
            tag if REGISTRY_ELEMENTS.contains(&tag) => {}
            _ => return Err(unexpected(child, &where_)),
        }
    }
    Ok(())
}

/// The CSV row of `record`, in the CSV's column order.
fn row<'a>(record: Node<'a, 'a>) -> Result<[String; COLUMNS], NodeError<'a>> {
    let mut fields: [String; COLUMNS] = Default::default();
    let [value, keyword, protocol, ipv6, reference] = &mut fields;
    let mut has_value = false;
    for (tag, child) in record_fields(record)? {
        match tag {
            "value" => {
                *value = plain_text(child)?;
                has_value = true;
            }
            "name" => *keyword = plain_text(child)?,
            "description" => *protocol = xref::normalise(&plain_text(child)?),
            "ipv6" => *ipv6 = plain_text(child)?,
            "xref" => reference.push_str(&xref::xref(child)?),
            _ => return Err(unexpected(child, "a <record>")),
        }
    }
    if !has_value {
        return Err((record, "a <record> without its <value>".into()));
    }
    Ok(fields)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::iana_xml::NAMESPACE;

    /// A registry whose table holds `records`, starting on line 4.
    fn registry(records: &str) -> String {
        format!(
            "<registry xmlns=\"{NAMESPACE}\" id=\"protocol-numbers\">\n<updated>2026-01-02</updated>\n\
             <registry id=\"protocol-numbers-1\"><title>Assigned Internet Protocol Numbers</title>\n\
             {records}\n</registry>\n<people><person id=\"Jane_Doe\"><name>Jane Doe</name></person></people>\n</registry>\n"
        )
    }

    fn read(xml: &str) -> Result<XmlRegistry<[String; COLUMNS]>, String> {
        read_document(&walk::parse(xml.as_bytes(), "t.xml")?, "t.xml")
    }

    #[test]
    fn columns_come_from_their_elements() {
        let xml = registry(
            "<record date=\"2024-10-24\"><value>146</value><name>Homa</name><description>Homa\n  \
             protocol </description><ipv6>N</ipv6><xref type=\"uri\" data=\"https://example.com/\">HomaModule</xref>\
             <xref type=\"person\" data=\"Jane_Doe\"/><xref type=\"note\" data=\"1\"/></record>\n\
             <record><value>148-252</value><xref type=\"text\">[XEROX]</xref></record>",
        );
        let read = read(&xml).unwrap();
        assert_eq!(read.updated, "2026-01-02");
        assert_eq!(read.updated_line, 2);
        assert_eq!(read.lines, [4, 6]);
        assert_eq!(
            read.rows,
            [
                [
                    "146",
                    "Homa",
                    "Homa\n  protocol",
                    "N",
                    "[HomaModule][Jane_Doe][1]"
                ]
                .map(String::from),
                ["148-252", "", "", "", "[[XEROX]]"].map(String::from),
            ]
        );
    }

    #[test]
    fn nodes_the_converter_does_not_map_are_refused_with_their_line() {
        let cases = [
            (
                "<record><value>1</value><colour>red</colour></record>",
                "unexpected element <colour> in a <record>",
            ),
            (
                "<record><value>1</value><name>a</name><name>b</name></record>",
                "a second <name> in a <record>",
            ),
            (
                "<record><value>1</value><value>2</value></record>",
                "a second <value> in a <record>",
            ),
            (
                "<record><name>a</name></record>",
                "a <record> without its <value>",
            ),
            (
                "<record><value>1</value><description>a<br/>b</description></record>",
                "unexpected element <br> inside <description>, which holds only text",
            ),
            (
                "<record><value>1<!-- x --></value></record>",
                "unexpected comment inside <value>, which holds only text",
            ),
            (
                "<record><value>1</value><ipv6><?pi x?>Y</ipv6></record>",
                "unexpected processing instruction inside <ipv6>, which holds only text",
            ),
            (
                "<record><value>1</value>stray</record>",
                "unexpected text where only elements belong",
            ),
            (
                "<record><value>1</value><xref type=\"registry\" data=\"ipv6-parameters\"/></record>",
                "unknown <xref type=\"registry\">",
            ),
            (
                "<record><value>1</value><xref type=\"person\"/></record>",
                "an <xref type=\"person\"> with neither data nor text",
            ),
            (
                "<record><value>1</value><xref type=\"text\">a<b/></xref></record>",
                "unexpected element <b> inside <xref>, which holds only text",
            ),
            (
                "<record xmlns=\"\"><value>1</value></record>",
                "unexpected element <record> from another namespace in <registry id=\"protocol-numbers-1\">",
            ),
            (
                "<!-- a comment --><record><value>1</value></record>",
                "unexpected comment where only elements belong",
            ),
            (
                "<updated>2026-01-03</updated>",
                "an <updated> in <registry id=\"protocol-numbers-1\">: the snapshot's date is the registry's own <updated>",
            ),
            (
                "<registry id=\"x\"/>",
                "unexpected element <registry> in <registry id=\"protocol-numbers-1\">",
            ),
        ];
        for (shape, reason) in cases {
            assert_eq!(
                read(&registry(shape)).unwrap_err(),
                format!("t.xml:4: {reason}"),
                "{shape}"
            );
        }
    }

    #[test]
    fn the_registry_is_one_table_with_its_date() {
        let table =
            "<registry id=\"protocol-numbers-1\"><record><value>0</value></record></registry>";
        let document = |inside: &str| {
            format!(
                "<registry xmlns=\"{NAMESPACE}\" id=\"protocol-numbers\">\n{inside}\n</registry>"
            )
        };
        let cases = [
            (
                document(&format!("<updated>2026-01-02</updated>\n{table}\n{table}")),
                "t.xml:4: a second table in the registry (it has one, <registry id=\"protocol-numbers-1\">)",
            ),
            (
                document("<updated>2026-01-02</updated>\n<registry id=\"protocol-numbers-2\"/>"),
                "t.xml:3: a table other than the registry's one (expected <registry id=\"protocol-numbers-1\">)",
            ),
            (
                document("<updated>2026-01-02</updated>"),
                "t.xml:1: the registry has no table <registry id=\"protocol-numbers-1\">",
            ),
            (
                document("<updated>2026-01-02</updated>\n<registry id=\"protocol-numbers-1\"/>"),
                "t.xml:1: the registry has no <record>s",
            ),
            (
                document(table),
                "t.xml:1: the registry has no <updated> date",
            ),
            (
                document(&format!(
                    "<updated>2026-01-02</updated>\n<updated>2026-01-02</updated>\n{table}"
                )),
                "t.xml:3: a second <updated> in the registry",
            ),
            (
                document(&format!("<updated>soon</updated>\n{table}")),
                "t.xml:2: <updated>: updated date `soon` is not YYYY-MM or YYYY-MM-DD",
            ),
            (
                document(&format!(
                    "<updated>2026-01-02</updated>\n<record><value>0</value></record>\n{table}"
                )),
                "t.xml:3: unexpected element <record> in the registry",
            ),
            (
                document(&format!("<updated>2026-01-02</updated>\n{table}\ntext")),
                "t.xml:4: unexpected text where only elements belong",
            ),
            (
                format!("<registry xmlns=\"{NAMESPACE}\" id=\"service-names-port-numbers\"/>"),
                "t.xml:1: not IANA's protocol numbers registry (expected <registry id=\"protocol-numbers\">)",
            ),
        ];
        for (xml, reason) in cases {
            assert_eq!(read(&xml).unwrap_err(), reason, "{xml}");
        }
        let read = read(&document(&format!("<title>Protocol Numbers</title><updated>2026-01-02</updated>\n{table}\n<footnote anchor=\"1\">x</footnote><people/>"))).unwrap();
        assert_eq!(read.rows, [["0", "", "", "", ""].map(String::from)]);
    }
}
