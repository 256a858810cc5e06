//! What the checks ask of a reference corpus, as three traits: spelling
//! counts and neighbours, quotation candidates, statement candidates. The
//! on-disk index (`NameIndex`, `QuoteIndex`, `StatementIndex`) is one
//! implementation; README.md ("Scaling past one machine") maps each method
//! onto a search engine's queries for a corpus too large for one machine.

use std::fmt::Debug;
use std::ops::Range;

use super::{CorpusQuote, QuoteText, Scored, SpellingStats, Statement};

/// Spellings of names: how often the corpus uses each, and which
/// well-used spellings a draft spelling may be a slip for.
pub trait SpellingSource: Send + Sync + Debug {
    /// Mentions, articles and the first few places of one exact spelling.
    fn get(&self, spelling: &str) -> Option<SpellingStats>;

    /// Mentions of `spelling`, zero when the corpus never uses it.
    fn mentions(&self, spelling: &str) -> usize {
        self.get(spelling).map_or(0, |s| s.mentions)
    }

    /// Whether the corpus writes `word` in lower case too (a common word).
    fn is_common_word(&self, word: &str) -> bool;

    /// Name-like single words used at least [`super::MIN_NEIGHBOUR_MENTIONS`]
    /// times within two deleted letters of `word` (after folding
    /// transliterations): the candidates a similarity test then judges.
    fn near_misses(&self, word: &str) -> Vec<(String, SpellingStats)>;

    /// Two-word names used at least [`super::MIN_NEIGHBOUR_MENTIONS`] times
    /// whose surname folds to the same transliteration key as `surname`.
    fn full_names_with_surname(&self, surname: &str) -> Vec<(String, SpellingStats)>;
}

/// Quotations: which corpus wordings share most of a draft quotation's
/// words, and where each occurs.
pub trait QuotationSource: Send + Sync + Debug {
    /// Wordings sharing at least `min_share` of their words with `words`,
    /// with the share, most similar first.
    fn similar(&self, words: &[String], min_share: f64) -> Vec<(u32, f64)>;

    /// One wording and the quotations that use it.
    fn text(&self, id: u32) -> QuoteText;

    /// One quotation's place and wording.
    fn quote(&self, id: u32) -> Option<CorpusQuote>;

    /// The ids of one article's quotations.
    fn in_article(&self, article: u32) -> Range<u32>;
}

/// Checkable statements: the corpus's figures, weekdays and roles most
/// like a draft claim's context.
pub trait StatementSource: Send + Sync + Debug {
    /// Statements of `measure` sharing a context word with the draft
    /// claim's, scored, best first; at most `limit`.
    fn candidates(&self, measure: &str, context: &[(String, usize)], limit: usize) -> Vec<Scored>;

    /// Role statements about the person with this (lower-case) surname.
    fn roles_of(&self, person: &str, context: &[(String, usize)]) -> Vec<Scored>;

    /// Weekday statements written beside the date (month, day).
    fn weekdays_on(&self, date: (u32, u32)) -> Vec<Statement>;
}
