//! The iterator every multi-record query returns.

use core::iter::FusedIterator;
use core::ops::Range;

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
    Listed(core::slice::Iter<'static, u16>),
}

impl Records {
    pub(crate) fn consecutive(ids: Range<u16>) -> Records {
        Records {
            ids: Ids::Consecutive(ids),
        }
    }

    #[inline]
    pub(crate) fn listed(ids: &'static [u16]) -> Records {
        Records {
            ids: Ids::Listed(ids.iter()),
        }
    }

    pub(crate) fn empty() -> Records {
        Records::consecutive(0..0)
    }
}

impl Iterator for Records {
    type Item = Record;

    #[inline]
    fn next(&mut self) -> Option<Record> {
        match &mut self.ids {
            Ids::Consecutive(ids) => ids.next().map(Record::from_id),
            Ids::Listed(ids) => ids.next().map(|&id| Record::from_id(id)),
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let len = self.len();
        (len, Some(len))
    }

    fn nth(&mut self, n: usize) -> Option<Record> {
        match &mut self.ids {
            Ids::Consecutive(ids) => ids.nth(n).map(Record::from_id),
            Ids::Listed(ids) => ids.nth(n).map(|&id| Record::from_id(id)),
        }
    }
}

impl DoubleEndedIterator for Records {
    fn next_back(&mut self) -> Option<Record> {
        match &mut self.ids {
            Ids::Consecutive(ids) => ids.next_back().map(Record::from_id),
            Ids::Listed(ids) => ids.next_back().map(|&id| Record::from_id(id)),
        }
    }
}

impl ExactSizeIterator for Records {
    fn len(&self) -> usize {
        match &self.ids {
            Ids::Consecutive(ids) => ids.len(),
            Ids::Listed(ids) => ids.len(),
        }
    }
}

impl FusedIterator for Records {}
