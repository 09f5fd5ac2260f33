//! The iterator every multi-record query returns.

use core::iter::FusedIterator;

use ianaports_tables::{RecordIds, Table};

use crate::Record;
use crate::tables::RECORDS;

/// Records in a fixed order, without allocating. Knows its length, and runs both ways.
///
/// ```
/// let names: Vec<_> = ianaports::lookup_all(80, ianaports::Tcp).filter_map(|r| r.name()).collect();
/// assert_eq!(names, ["http", "www", "www-http"]);
/// assert_eq!(ianaports::records().len(), ianaports::RECORD_COUNT);
/// ```
#[derive(Clone)]
pub struct Records {
    ids: RecordIds<'static>,
}

/// The records it has left, as [`Record`]'s `Display` writes them.
///
/// ```
/// let ssh = ianaports::by_name("ssh");
/// assert_eq!(format!("{ssh:?}"), "Records [ssh 22/tcp, ssh 22/udp, ssh 22/sctp, ssh tcp]");
/// ```
impl core::fmt::Debug for Records {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        struct Shown(Record);
        impl core::fmt::Debug for Shown {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                core::fmt::Display::fmt(&self.0, f)
            }
        }
        f.write_str("Records ")?;
        f.debug_list().entries(self.clone().map(Shown)).finish()
    }
}

impl Records {
    #[inline]
    pub(crate) fn new(ids: RecordIds<'static>) -> Records {
        Records { ids }
    }

    pub(crate) fn all() -> Records {
        // The generator refuses registries with more records than a u16 numbers.
        let count = u16::try_from(RECORDS.count()).unwrap_or(u16::MAX);
        Records::new(RecordIds::range(0..count))
    }

    #[inline]
    pub(crate) fn listed(ids: Table<'static, u16>) -> Records {
        Records::new(RecordIds::Listed(ids))
    }
}

impl Records {
    /// Whether no record is left.
    ///
    /// ```
    /// assert!(ianaports::by_name("no-such-service").is_empty());
    /// assert!(!ianaports::lookup_all(22, ianaports::Tcp).is_empty());
    /// ```
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.ids.len() == 0
    }
}

impl Iterator for Records {
    type Item = Record;

    #[inline]
    fn next(&mut self) -> Option<Record> {
        self.ids.next().map(Record::from_id)
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.ids.size_hint()
    }

    fn nth(&mut self, n: usize) -> Option<Record> {
        self.ids.nth(n).map(Record::from_id)
    }
}

impl DoubleEndedIterator for Records {
    fn next_back(&mut self) -> Option<Record> {
        self.ids.next_back().map(Record::from_id)
    }
}

impl ExactSizeIterator for Records {
    #[inline]
    fn len(&self) -> usize {
        self.ids.len()
    }
}

impl FusedIterator for Records {}
