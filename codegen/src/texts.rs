//! The text columns: every distinct cell of the compiled-in columns once, in one pool, and per
//! column a text id for each record (or, for a mostly empty column, for the records that have
//! one).

use std::collections::HashMap;

use ianaports_tables::{Column, MAX_TEXTS, Pair, TEXT_COLUMN_COUNT, TextColumn, TextPool};

use crate::error::{LineReason, Reason};
use crate::generated::{Encoded, Features, record_id};
use crate::validate::Record;

/// One generated text column.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
enum ColumnCells {
    /// Its feature is off.
    #[default]
    Absent,
    /// A text id per record.
    Dense(Encoded<u16>),
    /// (record, text id) for the records with a cell.
    Sparse(Encoded<Pair>),
}

impl ColumnCells {
    fn view(&self) -> TextColumn<'_> {
        match self {
            ColumnCells::Absent => TextColumn::Absent,
            ColumnCells::Dense(ids) => TextColumn::Dense(ids.view()),
            ColumnCells::Sparse(pairs) => TextColumn::Sparse(pairs.view()),
        }
    }
}

/// The text tables of a registry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TextLayout {
    pub(crate) pool: String,
    ends: Encoded<u32>,
    /// In the order of [`Column::TEXT`].
    columns: [ColumnCells; TEXT_COLUMN_COUNT],
}

impl TextLayout {
    pub(crate) fn build(records: &[Record], features: Features) -> Result<TextLayout, LineReason> {
        let mut pool = String::new();
        let mut ends = vec![0u32];
        let mut ids: HashMap<&str, u16> = HashMap::from([("", 0)]);
        let mut columns: [ColumnCells; TEXT_COLUMN_COUNT] = Default::default();
        for (column, cells) in Column::TEXT.into_iter().zip(&mut columns) {
            if !features.has_text(column) {
                continue;
            }
            let mut text_ids = Vec::with_capacity(records.len());
            for record in records {
                let cell = record.cell(column);
                let id = match ids.get(cell) {
                    Some(&id) => id,
                    None => {
                        let id = u16::try_from(ids.len())
                            .ok()
                            .filter(|_| ids.len() <= MAX_TEXTS)
                            .ok_or_else(|| too_many_texts(ids.len()))?;
                        pool.push_str(cell);
                        let end =
                            u32::try_from(pool.len()).map_err(|_| too_many_texts(ids.len()))?;
                        ends.push(end);
                        ids.insert(cell, id);
                        id
                    }
                };
                text_ids.push(id);
            }
            // A column that is mostly empty is cheaper as (record, text) pairs than as one id
            // per record; accessors then binary-search it, which costs nothing on the lookup
            // path.
            let filled = text_ids.iter().filter(|&&id| id != 0).count();
            *cells = if filled * 2 < records.len() {
                let mut pairs = Vec::with_capacity(filled);
                for (record, &value) in text_ids.iter().enumerate().filter(|(_, id)| **id != 0) {
                    pairs.push(Pair {
                        key: record_id(record)?,
                        value,
                    });
                }
                ColumnCells::Sparse(Encoded::new(&pairs))
            } else {
                ColumnCells::Dense(Encoded::new(&text_ids))
            };
        }
        Ok(TextLayout {
            pool,
            ends: Encoded::new(&ends),
            columns,
        })
    }

    /// The text pool over `pool` (this layout's pool, held by reference as the library's is
    /// held in a `static`), and the columns.
    pub(crate) fn view<'a>(
        &'a self,
        pool: &'a &'a str,
    ) -> (TextPool<'a>, [TextColumn<'a>; TEXT_COLUMN_COUNT]) {
        let texts = TextPool {
            pool,
            ends: self.ends.view(),
        };
        (texts, self.columns.each_ref().map(ColumnCells::view))
    }
}

fn too_many_texts(count: usize) -> LineReason {
    (None, Reason::TooManyTexts { count })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generated::testing::{generated, leaked};

    fn cell(tables: ianaports_tables::Tables<'_>, column: Column, record: u16) -> Option<&str> {
        let at = column.text_index().unwrap();
        tables.columns[at].cell(tables.texts, record)
    }

    #[test]
    fn sparse_and_dense_columns_hold_the_same_cells() {
        let generated = generated(
            "a,1,tcp,First,,,,,,,,\nb,2,tcp,Second,,,,,,,,Only note\nc,3,tcp,First,,,,,,,,\n",
            Features::ALL,
        )
        .unwrap();
        assert!(matches!(generated.texts.columns[0], ColumnCells::Dense(_)));
        assert!(matches!(generated.texts.columns[8], ColumnCells::Sparse(_)));
        let tables = leaked(generated);
        let description = |r| cell(tables, Column::Description, r);
        assert_eq!(
            [description(0), description(1), description(2)],
            [Some("First"), Some("Second"), Some("First")]
        );
        let notes = |r| cell(tables, Column::AssignmentNotes, r);
        assert_eq!([notes(0), notes(1)], [Some(""), Some("Only note")]);
        assert_eq!(*tables.texts.pool, "FirstSecondOnly note");
    }

    #[test]
    fn left_out_columns_are_absent() {
        let rows = "a,1,tcp,Desc,[Someone],,,,,,,\n";
        let names_only = Features {
            descriptions: false,
            metadata: false,
            dense_port_index: false,
        };
        let tables = leaked(generated(rows, names_only).unwrap());
        assert_eq!(cell(tables, Column::Description, 0), None);
        assert_eq!(cell(tables, Column::Assignee, 0), None);
        assert!(tables.ports.slot_index.is_empty() && tables.ports.primary.is_empty());
        assert_eq!(*tables.texts.pool, "");
        let descriptions = Features {
            descriptions: true,
            ..names_only
        };
        let tables = leaked(generated(rows, descriptions).unwrap());
        assert_eq!(cell(tables, Column::Description, 0), Some("Desc"));
        assert_eq!(cell(tables, Column::Assignee, 0), None);
    }
}
