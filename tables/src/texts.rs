//! The text columns: every distinct cell once in a pool, and per column a text id per record.

use crate::{Pair, Table};

/// The most distinct non-empty text cells the compiled-in columns can have: text ids are
/// `u16`s, and id 0 is the empty cell.
pub const MAX_TEXTS: usize = u16::MAX as usize;

/// Every distinct text cell of the compiled-in columns, once.
///
/// | table | element | meaning |
/// |---|---|---|
/// | `pool` | UTF-8 | the texts, one after another |
/// | `ends` | u32 per text | where text `id` ends in `pool`; text 0 is `""` |
#[derive(Debug, Clone, Copy)]
pub struct TextPool<'a> {
    /// A reference to the `static` that holds the text, not the text: a string in a `const`
    /// is copied into every codegen unit that reads it, while a `static` is emitted once.
    pub pool: &'a &'a str,
    /// Per text id: where the text ends in `pool`.
    pub ends: Table<'a, u32>,
}

/// One optional text column.
#[derive(Debug, Clone, Copy)]
pub enum TextColumn<'a> {
    /// Not generated: its feature is off.
    Absent,
    /// A text id per record.
    Dense(Table<'a, u16>),
    /// (record, text id) for the records whose cell is not empty, sorted.
    Sparse(Table<'a, Pair>),
}

impl<'a> TextColumn<'a> {
    /// The cell of `record`, from `texts`; `None` when the column was not generated, `""` for
    /// an empty cell.
    pub fn cell(self, texts: TextPool<'a>, record: u16) -> Option<&'a str> {
        let id = match self {
            TextColumn::Absent => return None,
            TextColumn::Dense(ids) => ids.get(usize::from(record)),
            TextColumn::Sparse(pairs) => Some(pairs.value_of(record).unwrap_or(0)),
        };
        let id = usize::from(id?);
        // Text `id` runs from the end of text `id - 1` (text 0 is empty) to its own end.
        let start = match id.checked_sub(1) {
            Some(previous) => texts.ends.get(previous)?,
            None => 0,
        };
        let end = texts.ends.get(id).unwrap_or(0);
        Some(texts.pool.get(start as usize..end as usize).unwrap_or(""))
    }
}
