//! Answers put together from rows fetched for one round, by the same rules
//! the local index applies: which spellings qualify as near misses, which
//! first places are kept, which quotation wordings are alike, and which
//! statements a claim is compared with. Sharing them is what makes a
//! stored corpus find what a local index of the same articles finds.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::corpus::names::{SAMPLES_KEPT, qualifies};
use crate::corpus::quotes::{Wordings, common_uses, similar_in};
use crate::corpus::statements::StatementRecord;
use crate::corpus::{Location, SpellingStats, Statement};
use crate::text::similarity::lookup_keys;

/// Spelling counts and lower-case words fetched for one round.
#[derive(Debug, Default)]
pub struct FetchedNames {
    pub stats: HashMap<String, SpellingStats>,
    /// Of the words asked about, those the corpus writes in lower case.
    pub lowercase: HashSet<String>,
}

impl FetchedNames {
    pub fn is_common(&self, word: &str) -> bool {
        self.lowercase.contains(&word.to_lowercase())
    }

    fn qualified(&self, spelling: &str) -> Option<(String, SpellingStats)> {
        let stats = self.stats.get(spelling)?;
        qualifies(spelling, stats.mentions, |w| self.is_common(w))
            .then(|| (spelling.to_string(), stats.clone()))
    }

    /// The near misses of `word` among the spellings filed under each of
    /// its deletion keys (`by_key`, each list in byte order): key by key,
    /// each spelling once, those that qualify.
    pub fn near_misses(
        &self,
        word: &str,
        by_key: &HashMap<u64, Vec<String>>,
    ) -> Vec<(String, SpellingStats)> {
        let mut seen = HashSet::new();
        lookup_keys(word)
            .into_iter()
            .filter_map(|key| by_key.get(&key))
            .flatten()
            .filter(|spelling| seen.insert(spelling.as_str()))
            .filter_map(|spelling| self.qualified(spelling))
            .collect()
    }

    /// Of two-word spellings sharing a surname key, those that qualify, in
    /// byte order.
    pub fn full_names(&self, spellings: &[String]) -> Vec<(String, SpellingStats)> {
        let mut sorted: Vec<&String> = spellings.iter().collect();
        sorted.sort_unstable();
        sorted.dedup();
        sorted
            .into_iter()
            .filter_map(|spelling| self.qualified(spelling))
            .collect()
    }
}

/// A spelling's stats from its totals and its first articles' first
/// places (in corpus order), keeping the first few as the index does.
pub fn sample_spelling<'a>(
    mentions: usize,
    articles: usize,
    first_articles: impl IntoIterator<Item = (u32, &'a [(u32, u32)])>,
) -> SpellingStats {
    let samples = first_articles
        .into_iter()
        .flat_map(|(article, places)| {
            places.iter().map(move |&(start, end)| Location {
                article,
                start,
                end,
            })
        })
        .take(SAMPLES_KEPT)
        .collect();
    SpellingStats {
        mentions,
        articles,
        samples,
    }
}

/// Quotation wordings fetched for one round: how many there are, how many
/// use each asked word, the wordings of the rare words, and their words.
#[derive(Debug, Default)]
pub struct FetchedWordings {
    pub count: usize,
    pub uses: HashMap<String, usize>,
    pub postings: HashMap<String, Vec<u32>>,
    pub words: HashMap<u32, Arc<Vec<String>>>,
}

impl FetchedWordings {
    /// Whether a word used by `uses` wordings finds candidates (see
    /// `similar_in`): only such words' wordings need fetching.
    pub fn is_rare(&self, uses: usize) -> bool {
        uses <= common_uses(self.count)
    }

    /// Wordings sharing at least `min_share` of their words with `words`.
    pub fn similar(&self, words: &[String], min_share: f64) -> Vec<(u32, f64)> {
        similar_in(self, words, min_share)
    }
}

impl Wordings for FetchedWordings {
    fn count(&self) -> usize {
        self.count
    }

    fn using(&self, word: &str) -> Option<Vec<u32>> {
        self.postings.get(word).cloned()
    }

    fn use_count(&self, word: &str) -> Option<usize> {
        self.uses.get(word).copied()
    }

    fn len_of(&self, id: u32) -> Option<usize> {
        self.words.get(&id).map(|w| w.len())
    }

    fn words_of(&self, id: u32) -> Option<Arc<Vec<String>>> {
        self.words.get(&id).cloned()
    }

    /// Ids are given in the order wordings are first quoted.
    fn order(&self, id: u32) -> u64 {
        u64::from(id)
    }
}

/// A stored statement record (as `article_rows` encodes it) in article
/// `article`.
pub fn decode_statement(article: u32, record: &[u8]) -> Option<Statement> {
    let record: StatementRecord = postcard::from_bytes(record).ok()?;
    Some(Statement::from_record(article, record))
}
