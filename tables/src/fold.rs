//! The fixed-width fold of a service name that the phf name index hashes, and the comparison
//! of a query with a stored name a word at a time.
//!
//! What phf hashes is not the name but a 32-bit fold of it ([`fold`]): the name's length and
//! its bytes read 8 at a time, with each byte's case bit set, so that every casing of a name
//! folds alike, and hashing costs the same whatever the name's length. A stored name is lower
//! case, so a query is compared with it as it is, a word at a time: equal words, or words that
//! differ only in the case bit of letters ([`same_word_ignoring_case`]). Nothing is
//! lower-cased and no buffer is filled.

use phf_shared::PhfHash;

const HIGH: u64 = 0x8080_8080_8080_8080;
/// Bit 5 of every byte: the bit that tells an ASCII capital from its small letter.
const CASE: u64 = 0x2020_2020_2020_2020;

/// Bit 5 set in each byte of `word` that is a small ASCII letter, `a` to `z`.
#[inline]
const fn small_letters(word: u64) -> u64 {
    let low7 = word & !HIGH;
    let at_least_a = low7.wrapping_add(0x1F1F_1F1F_1F1F_1F1F);
    let above_z = low7.wrapping_add(0x0505_0505_0505_0505);
    (at_least_a & !above_z & !word & HIGH) >> 2
}

/// Whether `query` (as given) and `stored` (lower-cased) are the same 8 bytes, ignoring ASCII
/// case. Most queries are lower case already, and equal words are the first test.
#[inline(always)]
pub const fn same_word_ignoring_case(query: u64, stored: u64) -> bool {
    let differ = query ^ stored;
    // Bytes may differ only in the case bit, and only where the stored byte is a letter.
    differ == 0 || differ & !small_letters(stored) == 0
}

/// `bytes` (up to 8 of them) as a little-endian word, zero-extended.
#[inline(always)]
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

/// The 8 bytes at `at` as a little-endian word; 0 past the end (which the generator's padding
/// keeps a stored name from reaching).
#[inline(always)]
pub(crate) const fn word_at(bytes: &[u8], at: usize) -> u64 {
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
    /// The name's length in bytes.
    pub len: usize,
    /// Its first 8 bytes (all of a shorter name, zero-extended).
    pub first: u64,
    /// Its last 8 bytes (for a shorter name, the first word again).
    pub last: u64,
}

impl NameWords {
    /// The words of `bytes` as they are.
    #[inline(always)]
    pub const fn of(bytes: &[u8]) -> NameWords {
        let len = bytes.len();
        // Most names have 8 bytes or more: two loads, tested first.
        let (first, last) = if len >= 8 {
            (word_at(bytes, 0), word_at(bytes, len - 8))
        } else {
            let word = small_word(bytes);
            (word, word)
        };
        NameWords { len, first, last }
    }

    /// Whether these words (a query's, as given) are those of `stored` (lower-cased).
    #[inline(always)]
    pub const fn same_as(self, stored: NameWords) -> bool {
        self.len == stored.len
            && same_word_ignoring_case(self.first, stored.first)
            && same_word_ignoring_case(self.last, stored.last)
    }
}

/// The 8-byte words of a name between its first and last word: for a name of more than 16
/// bytes, the words at 8, 16, ... up to `len - 8`.
fn middle_words(bytes: &[u8]) -> impl Iterator<Item = u64> + '_ {
    let end = bytes.len().saturating_sub(8);
    (8..end).step_by(8).map(move |at| word_at(bytes, at))
}

/// What the index hashes for a name: 32 bits from its length and its words, mixed with
/// `seed`. Names of more than 16 bytes are rare, and folded out of line. Bytes are read by
/// `rule`, so the fold is the same for every casing of the name. The generator picks the rule
/// and the seed that give every registered name its own fold.
#[inline(never)]
pub fn fold(bytes: &[u8], seed: u64, rule: FoldRule) -> NameFold {
    let words = NameWords::of(bytes);
    let mut hash = fold_start(words, seed, rule);
    for word in middle_words(bytes) {
        hash = (hash ^ rule.read(word)).wrapping_mul(MIX).rotate_left(29);
    }
    fold_end(hash, words, rule)
}

/// How a fold reads a name's bytes so that every casing of the name folds alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FoldRule {
    /// Every byte with its case bit (bit 5) set: the cheapest, and all that IANA's registry
    /// needs. It also folds together bytes that differ only in that bit and are not letters
    /// (`[` and `{`, `é` and `É` in UTF-8), so two such names fold alike under every seed.
    CaseBit,
    /// ASCII capitals as small letters and every other byte as it is: only the casings of a
    /// name fold alike. The generator uses it for a registry that [`FoldRule::CaseBit`]
    /// cannot tell apart; it costs about 20 instructions a lookup more.
    Letters,
}

impl FoldRule {
    /// `word` as this rule reads it.
    #[inline(always)]
    pub const fn read(self, word: u64) -> u64 {
        match self {
            FoldRule::CaseBit => word | CASE,
            FoldRule::Letters => word | small_letters(word | CASE),
        }
    }
}

const MIX: u64 = 0x9E37_79B9_7F4A_7C15;
const FINAL: u64 = 0xD6E8_FEB8_6659_FD93;

#[inline(always)]
const fn fold_start(words: NameWords, seed: u64, rule: FoldRule) -> u64 {
    (seed ^ words.len as u64 ^ rule.read(words.first)).wrapping_mul(MIX)
}

#[inline(always)]
const fn fold_end(hash: u64, words: NameWords, rule: FoldRule) -> NameFold {
    // The high half of a product depends on every bit of its factors.
    NameFold(((hash ^ rule.read(words.last)).wrapping_mul(FINAL) >> 32) as u32)
}

/// The fold of a name of at most 16 bytes, from its words alone.
#[inline(always)]
pub const fn fold_short(words: NameWords, seed: u64, rule: FoldRule) -> NameFold {
    fold_end(fold_start(words, seed, rule), words, rule)
}

/// What the phf index hashes: a name's fold, written as a `u32` for queries and for
/// registered names alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct NameFold(pub u32);

impl PhfHash for NameFold {
    #[inline(always)]
    fn phf_hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.0.phf_hash(state);
    }
}

/// Whether `query` (as given) is `stored` (lower-cased), ignoring ASCII case: for names of
/// any length.
#[inline(never)]
pub fn same_name(query: &[u8], stored: &[u8]) -> bool {
    query.len() == stored.len()
        && NameWords::of(query).same_as(NameWords::of(stored))
        && middle_words(query)
            .zip(middle_words(stored))
            .all(|(query, stored)| same_word_ignoring_case(query, stored))
}

#[cfg(test)]
mod tests {
    extern crate std;
    use std::borrow::ToOwned;
    use std::string::String;

    use super::*;

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
    fn names_match_in_any_case_and_nothing_else() {
        let names = [
            "a",
            "ssh",
            "postgresql",
            "sixteen-bytes-ok",
            "seventeen-bytes-x",
            "a-name-of-twenty-five-xyz",
            "a_b",
            "x@y",
        ];
        for name in names {
            let alternating: String = name
                .chars()
                .enumerate()
                .map(|(i, c)| {
                    if i % 2 == 0 {
                        c.to_ascii_uppercase()
                    } else {
                        c
                    }
                })
                .collect();
            for query in [name.to_owned(), name.to_ascii_uppercase(), alternating] {
                assert!(
                    same_name(query.as_bytes(), name.as_bytes()),
                    "{query} ~ {name}"
                );
                for rule in [FoldRule::CaseBit, FoldRule::Letters] {
                    let folds = (
                        fold(query.as_bytes(), 7, rule),
                        fold(name.as_bytes(), 7, rule),
                    );
                    assert_eq!(folds.0, folds.1);
                }
            }
            for other in names.iter().filter(|other| **other != name) {
                assert!(
                    !same_name(name.as_bytes(), other.as_bytes()),
                    "{name} ~ {other}"
                );
            }
            let mut typo = name.as_bytes().to_vec();
            let middle = typo.len() / 2;
            typo[middle] ^= 1;
            assert!(!same_name(&typo, name.as_bytes()), "{name} with a typo");
        }
        // Symbols that differ only in the case bit are not letters, so they do not match.
        assert!(!same_name(b"a\x7fb", b"a_b"));
        assert!(!same_name(b"x`y", b"x@y"));
        assert!(!same_name(b"X@Y", b"x`y"));
    }

    #[test]
    fn short_folds_are_the_fold() {
        for name in ["a", "ssh", "postgresql", "sixteen-bytes-ok"] {
            let words = NameWords::of(name.as_bytes());
            for rule in [FoldRule::CaseBit, FoldRule::Letters] {
                assert_eq!(fold_short(words, 3, rule), fold(name.as_bytes(), 3, rule));
            }
        }
    }

    #[test]
    fn same_word_compares_every_byte() {
        let word = |text: &[u8; 8]| u64::from_le_bytes(*text);
        assert!(same_word_ignoring_case(
            word(b"PoStGrEs"),
            word(b"postgres")
        ));
        assert!(!same_word_ignoring_case(
            word(b"postgrez"),
            word(b"postgres")
        ));
        assert!(!same_word_ignoring_case(
            word(b"postgre\x53"),
            word(b"postgre3")
        ));
        // Stored names are lower case.
        for stored in (0..=u8::MAX).filter(|byte| !byte.is_ascii_uppercase()) {
            for query in 0..=u8::MAX {
                let expected = query.eq_ignore_ascii_case(&stored);
                let found = same_word_ignoring_case(u64::from(query), u64::from(stored));
                assert_eq!(found, expected, "{query:#x} vs {stored:#x}");
            }
        }
    }
}
