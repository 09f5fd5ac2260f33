//! The iterator every multi-record query returns.

use core::iter::FusedIterator;
use core::ops::Range;
use core::slice::ChunksExact;

use crate::Record;

/// Records in a fixed order, without allocating. Knows its length, and runs both ways.
///
/// ```
/// let names: Vec<_> = ianaports::lookup_all(80, ianaports::Tcp).filter_map(|r| r.name()).collect();
/// assert_eq!(names, ["http", "www", "www-http"]);
/// assert_eq!(ianaports::records().len(), ianaports::RECORD_COUNT);
/// ```
#[derive(Debug, Clone)]
pub struct Records {
    ids: Ids,
}

#[derive(Debug, Clone)]
enum Ids {
    Consecutive(Range<u16>),
    Listed(ChunksExact<'static, u8>),
}

impl Records {
    pub(crate) fn consecutive(ids: Range<u16>) -> Records {
        Records {
            ids: Ids::Consecutive(ids),
        }
    }

    /// `ids` is little-endian u16 record ids, as the tables store them.
    pub(crate) fn listed(ids: &'static [u8]) -> Records {
        Records {
            ids: Ids::Listed(ids.chunks_exact(2)),
        }
    }

    pub(crate) fn empty() -> Records {
        Records::consecutive(0..0)
    }
}

fn record(chunk: &[u8]) -> Option<Record> {
    match *chunk {
        [low, high] => Some(Record::from_id(u16::from_le_bytes([low, high]))),
        _ => None,
    }
}

impl Iterator for Records {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        match &mut self.ids {
            Ids::Consecutive(ids) => ids.next().map(Record::from_id),
            Ids::Listed(chunks) => chunks.next().and_then(record),
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let len = self.len();
        (len, Some(len))
    }

    fn nth(&mut self, n: usize) -> Option<Record> {
        match &mut self.ids {
            Ids::Consecutive(ids) => ids.nth(n).map(Record::from_id),
            Ids::Listed(chunks) => chunks.nth(n).and_then(record),
        }
    }
}

impl DoubleEndedIterator for Records {
    fn next_back(&mut self) -> Option<Record> {
        match &mut self.ids {
            Ids::Consecutive(ids) => ids.next_back().map(Record::from_id),
            Ids::Listed(chunks) => chunks.next_back().and_then(record),
        }
    }
}

impl ExactSizeIterator for Records {
    fn len(&self) -> usize {
        match &self.ids {
            Ids::Consecutive(ids) => ids.len(),
            Ids::Listed(chunks) => chunks.len(),
        }
    }
}

impl FusedIterator for Records {}
