//! Titles people hold: the words that make a phrase a title ("minister",
//! "spokesman"), the words that only qualify one ("acting", "top"), ranks
//! and portfolios that make it another post ("deputy", "foreign"), and
//! spellings of one title word.

use std::sync::LazyLock;

use rustc_hash::FxHashSet;

use super::case::with_lower_case;
use super::list::{Table, WordList};

static TITLE_WORDS: WordList = WordList::new(include_str!("words/title-words.txt"));
/// Words that qualify a title without changing the post.
pub static TITLE_FILLERS: WordList = WordList::new(include_str!("words/title-fillers.txt"));
/// Words that make another post of a title: a deputy mayor is not the mayor.
pub static TITLE_RANKS: WordList = WordList::new(include_str!("words/title-ranks.txt"));
/// Words that name a portfolio or service in a title.
pub static TITLE_PORTFOLIOS: WordList = WordList::new(include_str!("words/title-portfolios.txt"));
/// Title words before a name beside the title words themselves ("State",
/// "Sir", "Mr"), for finding the person in "Secretary of State Marco Rubio".
pub static TITLE_QUALIFIERS: WordList = WordList::new(include_str!("words/title-qualifiers.txt"));
/// Titles of a seat or a rank, held alongside any post ("Senator",
/// "General").
pub static HELD_ALONGSIDE_TITLES: WordList =
    WordList::new(include_str!("words/held-alongside-titles.txt"));
/// Words that describe whoever leads a body without naming the post
/// ("NATO chief").
pub static LEADER_DESCRIPTIONS: WordList =
    WordList::new(include_str!("words/leader-descriptions.txt"));
/// Spellings of one title word: "defense" → "defence", "chair" → "chairman".
pub static TITLE_SYNONYMS: Table = Table::new(include_str!("words/title-synonyms.tsv"));

/// Whether `word` (any case) is a title word, or a hyphenated compound of
/// one ("secretary-general", "commander-in-chief").
pub fn is_title_word(word: &str) -> bool {
    // Asked of every word of every name mention when indexing.
    static SET: LazyLock<FxHashSet<&str>> =
        LazyLock::new(|| TITLE_WORDS.words().iter().copied().collect());
    with_lower_case(word, |lower| {
        SET.contains(lower) || lower.split('-').any(|part| SET.contains(part))
    })
}

/// Whether a capitalised word before a name is part of a title, not of the
/// name: "Professor" and "Dr" in "Professor Andrea Sella", "Dr Marin
/// Soljacic".
pub fn is_title_before_name(word: &str) -> bool {
    with_lower_case(word, |lower| {
        is_exact_title_word(lower) || TITLE_QUALIFIERS.contains(lower)
    })
}

/// Whether `lower` is one of the title words themselves, exactly.
pub fn is_exact_title_word(lower: &str) -> bool {
    TITLE_WORDS.contains(lower)
}

/// The one spelling of a title word: "spokeswoman" → "spokesman".
pub fn title_synonym(lower: &str) -> Option<&'static str> {
    TITLE_SYNONYMS
        .pairs()
        .find(|(from, _)| *from == lower)
        .map(|(_, to)| to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_words_and_their_compounds() {
        assert!(is_title_word("Minister") && is_title_word("secretary-general"));
        assert!(!is_title_word("ministry"));
        assert_eq!(title_synonym("advisor"), Some("adviser"));
        assert!(TITLE_RANKS.contains("deputy") && TITLE_PORTFOLIOS.contains("defence"));
    }
}
