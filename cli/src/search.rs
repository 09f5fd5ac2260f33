//! `--search`: services found by words in their name or description.

use ianaports::Record;

/// How well a record matches, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Match {
    /// The name is the words (joined by `-` when there are several).
    ExactName,
    /// The name starts with the first word.
    NamePrefix,
    /// A word is a word of the name (between `-`, `_`, `.`, `/` or spaces).
    NameWord,
    /// A word is a word of the description.
    DescriptionWord,
    /// Every word is somewhere in the name or the description.
    Anywhere,
}

/// Every record whose name or description contains all of `words` (ASCII
/// case-insensitively), best matches first, then in registry order. Records without a name
/// (reserved and unassigned blocks) are not services, and are left out.
pub fn search(words: &[String]) -> Vec<(Match, Record)> {
    let words: Vec<String> = words
        .iter()
        .flat_map(|word| word.split_whitespace())
        .map(str::to_ascii_lowercase)
        .collect();
    if words.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<(Match, Record)> = ianaports::records()
        .filter_map(|record| Some((rank(record, &words)?, record)))
        .collect();
    found.sort();
    found
}

fn rank(record: Record, words: &[String]) -> Option<Match> {
    let name = record.name()?.to_ascii_lowercase();
    let description = record.description().unwrap_or("").to_ascii_lowercase();
    let everywhere = words
        .iter()
        .all(|word| name.contains(word.as_str()) || description.contains(word.as_str()));
    if !everywhere {
        return None;
    }
    let is_word_of = |text: &str, word: &str| {
        text.split(|c: char| !c.is_ascii_alphanumeric())
            .any(|part| part == word)
    };
    Some(if name == words.join("-") {
        Match::ExactName
    } else if name.starts_with(words[0].as_str()) {
        Match::NamePrefix
    } else if words.iter().any(|word| is_word_of(&name, word)) {
        Match::NameWord
    } else if words.iter().any(|word| is_word_of(&description, word)) {
        Match::DescriptionWord
    } else {
        Match::Anywhere
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(words: &[&str]) -> Vec<(Match, &'static str)> {
        let words: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        search(&words)
            .into_iter()
            .map(|(rank, record)| (rank, record.name().unwrap()))
            .collect()
    }

    #[test]
    fn a_prefix_finds_the_service() {
        let found = names(&["postgres"]);
        assert_eq!(found[0], (Match::NamePrefix, "postgresql"));
    }

    #[test]
    fn kerberos_finds_the_kerberos_services_exact_name_first() {
        let found = names(&["Kerberos"]);
        assert_eq!(found[0], (Match::ExactName, "kerberos"));
        assert!(found.iter().any(|(_, name)| *name == "kerberos-adm"));
        assert!(found.windows(2).all(|pair| pair[0].0 <= pair[1].0));
        assert!(found.iter().all(|(rank, _)| *rank <= Match::Anywhere));
    }

    #[test]
    fn every_word_must_match() {
        let found = names(&["secure", "shell"]);
        assert!(found.iter().any(|(_, name)| *name == "ssh"));
        assert!(names(&["secure", "shell", "zzzz-not-there"]).is_empty());
        assert!(names(&[]).is_empty());
        assert!(names(&["   "]).is_empty());
    }
}
