//! The iterator every multi-record query returns.

use core::iter::FusedIterator;
use core::ops::Range;

use crate::Record;
use crate::tables::U16s;

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
    /// Little-endian u16 record ids.
    Listed(&'static [u8]),
}

impl Records {
    pub(crate) fn consecutive(ids: Range<u16>) -> Records {
        Records {
            ids: Ids::Consecutive(ids),
        }
    }

    #[inline]
    pub(crate) fn listed(ids: U16s) -> Records {
        Records {
            ids: Ids::Listed(ids.0),
        }
    }

    pub(crate) fn empty() -> Records {
        Records::consecutive(0..0)
    }
}

#[inline]
fn record(bytes: [u8; 2]) -> Record {
    Record::from_id(u16::from_le_bytes(bytes))
}

impl Iterator for Records {
    type Item = Record;

    #[inline]
    fn next(&mut self) -> Option<Record> {
        match &mut self.ids {
            Ids::Consecutive(ids) => ids.next().map(Record::from_id),
            Ids::Listed(ids) => {
                let (&first, rest) = ids.split_first_chunk::<2>()?;
                *ids = rest;
                Some(record(first))
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let len = self.len();
        (len, Some(len))
    }

    fn nth(&mut self, n: usize) -> Option<Record> {
        match &mut self.ids {
            Ids::Consecutive(ids) => ids.nth(n).map(Record::from_id),
            Ids::Listed(ids) => {
                *ids = ids.get(n.saturating_mul(2)..).unwrap_or(&[]);
                self.next()
            }
        }
    }
}

impl DoubleEndedIterator for Records {
    fn next_back(&mut self) -> Option<Record> {
        match &mut self.ids {
            Ids::Consecutive(ids) => ids.next_back().map(Record::from_id),
            Ids::Listed(ids) => {
                let (rest, &last) = ids.split_last_chunk::<2>()?;
                *ids = rest;
                Some(record(last))
            }
        }
    }
}

impl ExactSizeIterator for Records {
    fn len(&self) -> usize {
        match &self.ids {
            Ids::Consecutive(ids) => ids.len(),
            Ids::Listed(ids) => ids.len() / 2,
        }
    }
}

impl FusedIterator for Records {}
