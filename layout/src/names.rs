//! How service names are stored and found: each name's entry in the name text, and the
//! fixed-width fold of a name that the phf index hashes.
//!
//! A name's entry starts at a multiple of the name unit (`1 << name_unit_shift` bytes, the
//! smallest that lets a `u16` reach every entry) and is:
//!
//! | byte | |
//! |---|---|
//! | 0 | the name's length in bytes, 1 to [`MAX_NAME_LEN`] |
//! | 1 | bit 6: the registry spells the name with capitals (that spelling follows the lower-cased one); bits 0-5: how many consecutive records the name has (1 to [`MAX_RUN`]), or 0 when its records are listed in the name lists instead |
//! | 2.. | the name, ASCII-lower-cased; then, for a name with capitals, as registered |
//!
//! Both header bytes are below 128, so the name text stays valid UTF-8. Storing the name
//! lower-cased lets a lookup compare 8 bytes at a time without folding the stored side.
//!
//! The index is a `phf::Map` keyed by each name's first record. What it hashes is not the name
//! but a 32-bit fold of it ([`fold`]): the name's length, and its bytes lower-cased and read
//! 8 at a time. Hashing four bytes costs phf's SipHash-1-3 four rounds whatever the name's
//! length, and lower-casing a word at a time costs a handful of instructions.

use phf_shared::PhfHash;

/// The longest service name the tables hold, in bytes. (RFC 6335 allows 15 characters; the
/// longest names ever registered had 36.)
pub const MAX_NAME_LEN: usize = 127;

/// The most consecutive records a name's entry can count; a name with more, or with records
/// that are not consecutive, has them listed in the name lists.
pub const MAX_RUN: usize = 63;

const CASED: u8 = 1 << 6;
const RUN_MASK: u8 = 0b11_1111;

/// The two header bytes of a name's entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameHeader {
    /// The name's length in bytes.
    pub len: usize,
    /// How many consecutive records, from the first, have the name; `None` when they are in
    /// the name lists.
    pub run: Option<usize>,
    /// Whether the registry's spelling has capitals, and follows the lower-cased name.
    pub cased: bool,
}

impl NameHeader {
    /// The header bytes; `None` for a name longer than [`MAX_NAME_LEN`] or empty. A run longer
    /// than [`MAX_RUN`] is written as a list.
    pub fn encode(self) -> Option<[u8; 2]> {
        let len = u8::try_from(self.len)
            .ok()
            .filter(|&len| len != 0 && usize::from(len) <= MAX_NAME_LEN)?;
        let run = self
            .run
            .filter(|&run| run <= MAX_RUN)
            .and_then(|run| u8::try_from(run).ok())
            .unwrap_or(0);
        Some([len, run | if self.cased { CASED } else { 0 }])
    }

    #[inline]
    pub const fn decode(bytes: [u8; 2]) -> NameHeader {
        let run = (bytes[1] & RUN_MASK) as usize;
        NameHeader {
            len: bytes[0] as usize,
            run: if run == 0 { None } else { Some(run) },
            cased: bytes[1] & CASED != 0,
        }
    }
}

/// ASCII upper case to lower case, 8 bytes at a time; other bytes are left alone.
#[inline]
pub const fn lower_word(word: u64) -> u64 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let low7 = word & !HIGH;
    // Each byte's top bit: set when its low 7 bits are at least 'A', and when above 'Z'. No
    // sum carries into the next byte, since low7 + 0x3F stays below 0x100.
    let at_least_a = low7.wrapping_add(0x3F3F_3F3F_3F3F_3F3F);
    let above_z = low7.wrapping_add(0x2525_2525_2525_2525);
    let upper = at_least_a & !above_z & !word & HIGH;
    word | (upper >> 2)
}

/// `bytes` (up to 8 of them) as a little-endian word, zero-extended.
#[inline]
const fn small_word(bytes: &[u8]) -> u64 {
    let len = bytes.len();
    match bytes {
        [] => 0,
        [a, ..] if len < 4 => {
            // The first, middle and last bytes cover all of one to three.
            let middle = bytes[len / 2] as u64;
            let last = bytes[len - 1] as u64;
            *a as u64 | middle << (8 * (len / 2)) | last << (8 * (len - 1))
        }
        [a, b, c, d, ..] if len <= 8 => {
            let low = u32::from_le_bytes([*a, *b, *c, *d]) as u64;
            let high = match bytes.last_chunk::<4>() {
                Some(chunk) => u32::from_le_bytes(*chunk) as u64,
                None => 0,
            };
            // The two overlap on the same bytes, so OR-ing them is exact.
            low | high << (8 * (len - 4))
        }
        _ => 0,
    }
}

#[inline]
const fn word_at(bytes: &[u8], at: usize) -> u64 {
    match bytes.split_at_checked(at) {
        Some((_, rest)) => match rest.first_chunk::<8>() {
            Some(chunk) => u64::from_le_bytes(*chunk),
            None => 0,
        },
        None => 0,
    }
}

/// A name as the index compares it: its length, and its first and last 8 bytes as words (for
/// a name of up to 8 bytes, the whole name twice). Bytes 8 to `len - 8` of a longer name are
/// compared separately.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameWords {
    pub len: usize,
    pub first: u64,
    pub last: u64,
}

impl NameWords {
    /// The words of `bytes` as they are.
    #[inline]
    pub const fn of(bytes: &[u8]) -> NameWords {
        let len = bytes.len();
        let (first, last) = if len <= 8 {
            let word = small_word(bytes);
            (word, word)
        } else {
            (word_at(bytes, 0), word_at(bytes, len - 8))
        };
        NameWords { len, first, last }
    }

    /// The words of `bytes` ASCII-lower-cased.
    #[inline]
    pub const fn lowered(bytes: &[u8]) -> NameWords {
        let words = NameWords::of(bytes);
        NameWords {
            len: words.len,
            first: lower_word(words.first),
            last: lower_word(words.last),
        }
    }
}

/// The 8-byte words of a name between its first and last word, lower-cased: for a name of
/// more than 16 bytes, the words at 8, 16, ... up to `len - 8`.
#[inline]
fn middle_words(bytes: &[u8]) -> impl Iterator<Item = u64> + '_ {
    let end = bytes.len().saturating_sub(8);
    (8..end)
        .step_by(8)
        .map(move |at| lower_word(word_at(bytes, at)))
}

/// What the index hashes for a name: 32 bits from its length and its lower-cased words,
/// mixed with `seed`. The generator picks the seed that gives every registered name its own
/// fold.
#[inline]
pub fn fold(bytes: &[u8], seed: u64) -> u32 {
    let words = NameWords::lowered(bytes);
    fold_words(words, middle_words(bytes), seed)
}

#[inline]
fn fold_words(words: NameWords, middle: impl Iterator<Item = u64>, seed: u64) -> u32 {
    const MIX: u64 = 0x9E37_79B9_7F4A_7C15;
    const FINAL: u64 = 0xD6E8_FEB8_6659_FD93;
    let mut hash = (seed ^ words.len as u64 ^ words.first).wrapping_mul(MIX);
    for word in middle {
        hash = (hash ^ word).wrapping_mul(MIX).rotate_left(29);
    }
    // The high half of a product depends on every bit of its factors.
    ((hash ^ words.last).wrapping_mul(FINAL) >> 32) as u32
}

/// A key of the name index: the name's first record. Keys that are record ids keep the index
/// free of pointers (and of relocations).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct NameKey(pub u16);

/// A name being looked up, read once: its lower-cased words and its fold.
#[derive(Debug, Clone, Copy)]
pub struct NameQuery<'q> {
    pub bytes: &'q [u8],
    pub words: NameWords,
    pub fold: u32,
}

impl<'q> NameQuery<'q> {
    /// The query for `name`; `None` when no registered name could be that long or short.
    #[inline]
    pub fn new(name: &'q [u8], seed: u64) -> Option<NameQuery<'q>> {
        if name.is_empty() || name.len() > MAX_NAME_LEN {
            return None;
        }
        let words = NameWords::lowered(name);
        Some(NameQuery {
            bytes: name,
            words,
            fold: fold_words(words, middle_words(name), seed),
        })
    }

    /// Whether `stored` (a name as its entry holds it, lower-cased) is this name.
    #[inline]
    pub fn matches(&self, stored: &[u8]) -> bool {
        NameWords::of(stored) == self.words
            && (stored.len() <= 16 || middle_words(self.bytes).eq(middle_words(stored)))
    }
}

/// The index hashes the fold, written as a `u32`, for queries and (in the generator) for
/// registered names alike.
impl PhfHash for NameQuery<'_> {
    #[inline]
    fn phf_hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.fold.phf_hash(state);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_word_folds_only_ascii_capitals() {
        let word = u64::from_le_bytes(*b"AZaz@[`{");
        assert_eq!(lower_word(word).to_le_bytes(), *b"azaz@[`{");
        let high = u64::from_le_bytes([0xC1, 0xDA, 0x80, 0xFF, b'Q', 0, 0x7F, b'M']);
        assert_eq!(
            lower_word(high).to_le_bytes(),
            [0xC1, 0xDA, 0x80, 0xFF, b'q', 0, 0x7F, b'm']
        );
        for byte in 0..=u8::MAX {
            let lowered = lower_word(u64::from(byte)).to_le_bytes()[0];
            assert_eq!(lowered, byte.to_ascii_lowercase(), "{byte:#x}");
        }
    }

    #[test]
    fn words_of_every_length_hold_the_bytes() {
        let text = b"abcdefghijklmnopqrstuvwxyz0123456789";
        for len in 0..=text.len() {
            let bytes = &text[..len];
            let words = NameWords::of(bytes);
            let mut first = [0u8; 8];
            let head = len.min(8);
            first[..head].copy_from_slice(&bytes[..head]);
            assert_eq!(words.first.to_le_bytes(), first, "len {len}");
            if len >= 8 {
                assert_eq!(&words.last.to_le_bytes(), &bytes[len - 8..], "len {len}");
            } else {
                assert_eq!(words.last, words.first);
            }
        }
    }

    #[test]
    fn queries_match_their_names_in_any_case_and_nothing_else() {
        let names = [
            "a",
            "ssh",
            "postgresql",
            "sixteen-bytes-ok",
            "seventeen-bytes-x",
            "a-name-of-twenty-five-xyz",
        ];
        for name in names {
            let upper = name.to_ascii_uppercase();
            let query = NameQuery::new(upper.as_bytes(), 7).unwrap();
            assert!(query.matches(name.as_bytes()), "{name}");
            assert_eq!(query.fold, fold(name.as_bytes(), 7));
            for other in names.iter().filter(|other| **other != name) {
                assert!(!query.matches(other.as_bytes()), "{name} ~ {other}");
            }
            let mut typo = name.as_bytes().to_vec();
            let middle = typo.len() / 2;
            typo[middle] ^= 1;
            assert!(!query.matches(&typo), "{name} with a typo");
        }
        assert!(NameQuery::new(b"", 0).is_none());
        assert!(NameQuery::new(&[b'a'; MAX_NAME_LEN + 1], 0).is_none());
    }

    #[test]
    fn headers_round_trip_and_refuse_what_does_not_fit() {
        let header = NameHeader {
            len: 127,
            run: Some(63),
            cased: true,
        };
        assert_eq!(NameHeader::decode(header.encode().unwrap()), header);
        let long_run = NameHeader {
            len: 3,
            run: Some(64),
            cased: false,
        };
        assert_eq!(NameHeader::decode(long_run.encode().unwrap()).run, None);
        assert!(header.encode().unwrap().iter().all(u8::is_ascii));
        assert_eq!(NameHeader { len: 128, ..header }.encode(), None);
        assert_eq!(NameHeader { len: 0, ..header }.encode(), None);
    }
}
