//! The service-name index: a phf set keyed by each name's first record, hashed on the
//! lower-cased name.

use crate::Records;
use crate::tables::{self, FLAG_SCATTERED, LONGEST_NAME, NAME_INDEX};

#[inline]
pub(crate) fn by_name(name: &str) -> Records {
    // Lower-casing into a buffer the length of the longest name lets the index hash plain
    // bytes in one call, and turns away longer text before any hashing.
    let mut buffer = [0u8; LONGEST_NAME];
    let Some(lowered) = buffer.get_mut(..name.len()) else {
        return Records::empty();
    };
    for (lower, &byte) in lowered.iter_mut().zip(name.as_bytes()) {
        *lower = byte.to_ascii_lowercase();
    }
    let Some(&tables::NameKey(first)) = NAME_INDEX.get_key(&*lowered) else {
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
