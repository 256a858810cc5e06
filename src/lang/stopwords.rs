//! Words that never say what a statement is about: function words, number
//! words to ten and reporting verbs ("said", "told").

use super::list::WordList;

static STOPWORDS: WordList = WordList::new(include_str!("words/stopwords.txt"));
static CLAUSE_OPENERS: WordList = WordList::new(include_str!("words/clause-openers.txt"));

/// Whether `lower` is a stop word.
pub fn is_stopword(lower: &str) -> bool {
    STOPWORDS.contains(lower)
}

/// A word that opens a sentence or clause without belonging to a title
/// after it: a stop word or a conjunction ("If Secretary Ruiz ...").
pub fn is_function_word(lower: &str) -> bool {
    is_stopword(lower) || CLAUSE_OPENERS.contains(lower)
}
