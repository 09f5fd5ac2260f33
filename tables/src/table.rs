//! Typed views over tables of little-endian integers.
//!
//! The generator writes each table as bytes and the library takes them in with
//! `include_bytes!`, which costs rustc nothing (decoding 200,000 integers in `const` would cost
//! it seconds). A view reads one element at a time; every read is checked, so a lookup answers
//! "not found" rather than panic, whatever the bytes.

use core::marker::PhantomData;

/// A table of `T`s, stored as little-endian bytes.
///
/// The element type is part of the type, so the generator (which builds the view from a typed
/// vector, see [`Element`]) and the reader cannot disagree on it without a compile error.
pub struct Table<'a, T> {
    bytes: &'a [u8],
    element: PhantomData<T>,
}

impl<T> Clone for Table<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Table<'_, T> {}

impl<T> core::fmt::Debug for Table<'_, T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(
            f,
            "Table<{}>({} bytes)",
            core::any::type_name::<T>(),
            self.bytes.len()
        )
    }
}

impl<'a, T> Table<'a, T> {
    /// The table in `bytes`, as the generator wrote it.
    pub const fn new(bytes: &'a [u8]) -> Self {
        Table {
            bytes,
            element: PhantomData,
        }
    }

    /// The bytes behind the table.
    pub const fn bytes(self) -> &'a [u8] {
        self.bytes
    }
}

/// A (key, value) entry of a table sorted by key, such as (record, last port of its range).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pair {
    /// The key, such as a record.
    pub key: u16,
    /// Its value.
    pub value: u16,
}

/// An element type of a table: how the generator writes it.
pub trait Element: Copy {
    /// Bytes per element.
    const WIDTH: usize;
    /// Writes the element as little-endian bytes into `out`, which is [`Element::WIDTH`] long.
    fn write_le(self, out: &mut [u8]);
}

/// The `WIDTH` bytes at element `index`, if the table has them.
const fn element_bytes<const WIDTH: usize>(bytes: &[u8], index: usize) -> Option<&[u8; WIDTH]> {
    let Some(at) = index.checked_mul(WIDTH) else {
        return None;
    };
    match bytes.split_at_checked(at) {
        Some((_, rest)) => rest.first_chunk::<WIDTH>(),
        None => None,
    }
}

macro_rules! integer_tables {
    ($($integer:ty),*) => {$(
        impl Element for $integer {
            const WIDTH: usize = core::mem::size_of::<$integer>();

            fn write_le(self, out: &mut [u8]) {
                out.copy_from_slice(&self.to_le_bytes());
            }
        }

        impl<'a> Table<'a, $integer> {
            /// The number of elements.
            pub const fn len(self) -> usize {
                self.bytes.len() / <$integer as Element>::WIDTH
            }

            /// Whether the table has no elements.
            pub const fn is_empty(self) -> bool {
                self.len() == 0
            }

            /// Element `index`, or `None` past the end.
            #[inline]
            pub const fn get(self, index: usize) -> Option<$integer> {
                match element_bytes::<{ <$integer as Element>::WIDTH }>(self.bytes, index) {
                    Some(bytes) => Some(<$integer>::from_le_bytes(*bytes)),
                    None => None,
                }
            }

            /// The position of `value`, in a table sorted in ascending order.
            pub const fn position(self, value: $integer) -> Option<usize> {
                let (mut low, mut high) = (0, self.len());
                while low < high {
                    let middle = low + (high - low) / 2;
                    match self.get(middle) {
                        Some(found) if found < value => low = middle + 1,
                        Some(found) if found > value => high = middle,
                        Some(_) => return Some(middle),
                        None => return None,
                    }
                }
                None
            }

            /// Elements `start..end`; empty where the table does not have them all.
            #[inline]
            pub const fn range(self, start: usize, end: usize) -> Self {
                const WIDTH: usize = <$integer as Element>::WIDTH;
                let (Some(start), Some(end)) = (start.checked_mul(WIDTH), end.checked_mul(WIDTH))
                else {
                    return Table::new(&[]);
                };
                match self.bytes.split_at_checked(end) {
                    Some((head, _)) => match head.split_at_checked(start) {
                        Some((_, wanted)) => Table::new(wanted),
                        None => Table::new(&[]),
                    },
                    None => Table::new(&[]),
                }
            }
        }
    )*};
}

integer_tables!(u8, u16, u32, u64);

impl Element for Pair {
    const WIDTH: usize = 4;

    fn write_le(self, out: &mut [u8]) {
        let (key, value) = out.split_at_mut(2);
        key.copy_from_slice(&self.key.to_le_bytes());
        value.copy_from_slice(&self.value.to_le_bytes());
    }
}

impl<'a> Table<'a, Pair> {
    /// The number of entries.
    pub const fn len(self) -> usize {
        self.bytes.len() / Pair::WIDTH
    }

    /// Whether the table has no entries.
    pub const fn is_empty(self) -> bool {
        self.len() == 0
    }

    /// Entry `index`, or `None` past the end.
    pub const fn get(self, index: usize) -> Option<Pair> {
        match element_bytes::<{ Pair::WIDTH }>(self.bytes, index) {
            Some(&[k0, k1, v0, v1]) => Some(Pair {
                key: u16::from_le_bytes([k0, k1]),
                value: u16::from_le_bytes([v0, v1]),
            }),
            None => None,
        }
    }

    /// The position of the entry with `key`, in a table sorted by key.
    pub const fn position(self, key: u16) -> Option<usize> {
        let (mut low, mut high) = (0, self.len());
        while low < high {
            let middle = low + (high - low) / 2;
            let Some(entry) = self.get(middle) else {
                return None;
            };
            if entry.key < key {
                low = middle + 1;
            } else if entry.key > key {
                high = middle;
            } else {
                return Some(middle);
            }
        }
        None
    }

    /// The value paired with `key`, in a table sorted by key.
    pub const fn value_of(self, key: u16) -> Option<u16> {
        match self.position(key) {
            Some(index) => match self.get(index) {
                Some(entry) => Some(entry.value),
                None => None,
            },
            None => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_are_checked_and_little_endian() {
        let table: Table<u16> = Table::new(&[1, 0, 0x34, 0x12, 9]);
        assert_eq!(table.len(), 2);
        assert_eq!(table.get(1), Some(0x1234));
        assert_eq!(table.get(2), None);
        assert_eq!(table.get(usize::MAX), None);
        assert_eq!(table.range(1, 2).get(0), Some(0x1234));
        assert!(table.range(1, 3).is_empty());
        assert!(table.range(usize::MAX, usize::MAX).is_empty());
        let sorted: Table<u16> = Table::new(&[2, 0, 5, 0, 9, 0]);
        assert_eq!(sorted.position(5), Some(1));
        assert_eq!(sorted.position(9), Some(2));
        assert_eq!(sorted.position(4), None);
        assert_eq!(Table::<u16>::new(&[]).position(0), None);
    }

    #[test]
    fn pairs_are_found_by_key() {
        let mut bytes = [0u8; 12];
        for (index, (key, value)) in [(2, 20), (5, 50), (9, 90)].into_iter().enumerate() {
            Pair { key, value }.write_le(&mut bytes[index * 4..index * 4 + 4]);
        }
        let pairs: Table<Pair> = Table::new(&bytes);
        assert_eq!(pairs.value_of(5), Some(50));
        assert_eq!(pairs.value_of(9), Some(90));
        assert_eq!(pairs.value_of(4), None);
        assert_eq!(Table::<Pair>::new(&[]).value_of(0), None);
    }
}
