//! "Did you mean": the registered names nearest a name that matched nothing.

/// At most this many edits between a name asked for and a name suggested.
const MAX_DISTANCE: usize = 2;
/// At most this many names suggested.
const MAX_SUGGESTIONS: usize = 5;

/// The registered names nearest `name`, in alphabetical order: those at the smallest edit
/// distance, if that is at most two edits; no more than five. Empty when nothing is that
/// close.
pub fn nearest_names(name: &str) -> Vec<&'static str> {
    // A query of only symbols (`*`, `/`, nothing) is near every short name alike: a list of
    // them would be noise, not a suggestion.
    if !name.bytes().any(|b| b.is_ascii_alphanumeric()) {
        return Vec::new();
    }
    let query: Vec<u8> = name.bytes().map(|b| b.to_ascii_lowercase()).collect();
    let mut names: Vec<&'static str> = ianaports::records().filter_map(|r| r.name()).collect();
    names.sort_unstable_by_key(|name| name.to_ascii_lowercase());
    names.dedup_by_key(|name| name.to_ascii_lowercase());
    let mut best = MAX_DISTANCE;
    let mut nearest = Vec::new();
    for candidate in names {
        // A name shorter by more than the budget is more edits away than that.
        if candidate.len() + MAX_DISTANCE < query.len() {
            continue;
        }
        let distance = distance(&query, candidate.as_bytes());
        // A name that shares nothing with the query is no nearer than any other.
        if distance >= query.len() {
            continue;
        }
        if distance < best {
            best = distance;
            nearest.clear();
        }
        if distance == best && nearest.len() < MAX_SUGGESTIONS {
            nearest.push(candidate);
        }
    }
    nearest
}

/// How far a lower-cased `query` is from a registered `name`, ignoring ASCII case: the
/// optimal-string-alignment distance (insertions, deletions, substitutions and swaps of
/// neighbours, one edit each), or one more than the distance to the nearest prefix of the
/// name, whichever is smaller, so that a mistyped start of a long name (`postgrse`) finds it.
pub(crate) fn distance(query: &[u8], name: &[u8]) -> usize {
    let name: Vec<u8> = name.iter().map(u8::to_ascii_lowercase).collect();
    // rows[k] is the distance from query[..i - 2 + k] to each prefix of the name.
    let mut before_previous: Vec<usize> = vec![0; name.len() + 1];
    let mut previous: Vec<usize> = (0..=name.len()).collect();
    let mut current = vec![0; name.len() + 1];
    for i in 1..=query.len() {
        current[0] = i;
        for j in 1..=name.len() {
            let substitution = previous[j - 1] + usize::from(query[i - 1] != name[j - 1]);
            let mut best = substitution.min(previous[j] + 1).min(current[j - 1] + 1);
            let swapped =
                i > 1 && j > 1 && query[i - 1] == name[j - 2] && query[i - 2] == name[j - 1];
            if swapped {
                best = best.min(before_previous[j - 2] + 1);
            }
            current[j] = best;
        }
        std::mem::swap(&mut before_previous, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    let whole = previous[name.len()];
    let nearest_prefix = previous.iter().copied().min().unwrap_or(whole);
    whole.min(nearest_prefix + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mistyped_name_suggests_the_name() {
        assert_eq!(nearest_names("postgrse"), ["postgresql"]);
        assert!(nearest_names("SHH").contains(&"ssh"));
        assert!(nearest_names("kerbros").contains(&"kerberos"));
    }

    #[test]
    fn nothing_close_suggests_nothing() {
        assert!(nearest_names("qqqqqqqqqqqqqqqqqqqqqqqq").is_empty());
        assert!(nearest_names(&"a".repeat(100_000)).is_empty());
        for symbols in ["", "*", "/", "**", "-", "."] {
            assert!(nearest_names(symbols).is_empty(), "{symbols:?}");
        }
        assert!(nearest_names("q").is_empty());
    }

    #[test]
    fn distances() {
        assert_eq!(distance(b"kitten", b"sitting"), 3);
        assert_eq!(distance(b"ssh", b"SSH"), 0);
        assert_eq!(distance(b"abc", b"xyz"), 3);
        assert_eq!(distance(b"postgrse", b"postgres"), 1);
        assert_eq!(distance(b"postgrse", b"postgresql"), 2);
        assert_eq!(distance(b"", b"ssh"), 1);
        assert_eq!(distance(b"ssh", b""), 3);
    }
}
