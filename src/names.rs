//! The service-name index: a phf set of name ids, hashed ASCII-case-insensitively.

use uncased::UncasedStr;

use crate::Records;
use crate::tables::{self, LONGEST_NAME, NAME_INDEX};

pub(crate) fn by_name(name: &str) -> Records {
    // Longer text cannot match, and skipping it keeps hashing a huge input off the table.
    if name.len() > LONGEST_NAME {
        return Records::empty();
    }
    match NAME_INDEX.get_key(UncasedStr::new(name)) {
        Some(key) => Records::listed(tables::name_records(key.0)),
        None => Records::empty(),
    }
}
