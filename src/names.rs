//! The service-name index: a phf set of name ids, hashed ASCII-case-insensitively.

use uncased::UncasedStr;

use crate::Records;
use crate::tables::{self, FLAG_SCATTERED, LONGEST_NAME, NAME_INDEX};

pub(crate) fn by_name(name: &str) -> Records {
    // Longer text cannot match, and skipping it keeps hashing a huge input off the table.
    if name.len() > LONGEST_NAME {
        return Records::empty();
    }
    let Some(&tables::NameKey(first)) = NAME_INDEX.get_key(UncasedStr::new(name)) else {
        return Records::empty();
    };
    if tables::record_flags(first) & FLAG_SCATTERED != 0 {
        return Records::listed(tables::scattered_records(first));
    }
    let unit = tables::record_name_unit(first);
    let mut end = first;
    while end < u16::MAX && tables::record_name_unit(end) == unit {
        end += 1;
    }
    Records::consecutive(first..end)
}
