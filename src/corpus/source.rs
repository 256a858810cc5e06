//! What the checks ask of a reference corpus, as three traits: spelling
//! counts and neighbours, quotation candidates, statement candidates. The
//! on-disk index (`NameIndex`, `QuoteIndex`, `StatementIndex`) is one
//! implementation; README.md ("Scaling past one machine") maps each method
//! onto a search engine's queries for a corpus too large for one machine.

use std::fmt::Debug;
use std::ops::Range;

use std::sync::Arc;

use super::{CorpusQuote, QuoteText, SpellingStats, Statement};
use crate::text::claims::Attribute;

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

    /// How many questions it could not answer yet: a source answered in
    /// rounds (`super::remote`) gives empty answers until it can, and a
    /// caller must not keep what it built from them.
    fn unanswered(&self) -> u64 {
        0
    }
}

/// Checkable statements: the corpus's claims of one attribute about the
/// names a draft claim is about.
pub trait StatementSource: Send + Sync + Debug {
    /// Statements of `attribute` about any of `entities` (index keys, see
    /// `crate::text::claims::entity_key`), each once, in corpus order; at
    /// most [`super::statements::MAX_CANDIDATES`], those about most of the
    /// names first.
    fn about(&self, attribute: &Attribute, entities: &[&str]) -> Vec<Arc<Statement>>;

    /// Weekday statements written beside the date (month, day).
    fn weekdays_on(&self, date: (u32, u32)) -> Vec<Statement>;

    /// In how many statement sentences a context term (`term_hash`)
    /// stands: how little it says of which fact a sentence states.
    fn term_count(&self, term: u32) -> u64;

    /// How many statement sentences the corpus holds.
    fn sentence_count(&self) -> u64;
}
