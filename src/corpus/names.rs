//! The corpus name index: every spelling of every name, with counts and the
//! first places it occurs.

use std::collections::HashMap;

use rayon::prelude::*;

use super::{Article, Location};
use crate::text::names::name_mentions;

/// How many locations each spelling keeps as evidence.
const SAMPLES_KEPT: usize = 5;
/// Longest run of words indexed as a spelling of its own.
const MAX_SPELLING_WORDS: usize = 4;

/// How often, and where, the corpus uses one spelling.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SpellingStats {
    pub mentions: usize,
    pub articles: usize,
    /// The first few occurrences, in corpus order.
    pub samples: Vec<Location>,
}

/// Spellings of names in the corpus. Each mention is indexed whole and by
/// every run of its words, so "Oleksandr Syrskyi" and "Syrskyi" are both
/// counted from "General Oleksandr Syrskyi".
#[derive(Debug, Clone, Default)]
pub struct NameIndex {
    spellings: HashMap<String, SpellingStats>,
}

impl NameIndex {
    pub fn build(articles: &[Article]) -> NameIndex {
        let per_article: Vec<HashMap<String, SpellingStats>> = articles
            .par_iter()
            .enumerate()
            .map(|(index, article)| index_article(index, article))
            .collect();
        let mut spellings: HashMap<String, SpellingStats> = HashMap::new();
        for local in per_article {
            for (spelling, stats) in local {
                let entry = spellings.entry(spelling).or_default();
                entry.mentions += stats.mentions;
                entry.articles += 1;
                let room = SAMPLES_KEPT.saturating_sub(entry.samples.len());
                entry.samples.extend(stats.samples.into_iter().take(room));
            }
        }
        NameIndex { spellings }
    }

    pub fn get(&self, spelling: &str) -> Option<&SpellingStats> {
        self.spellings.get(spelling)
    }

    /// Mentions of `spelling`, zero when the corpus never uses it.
    pub fn mentions(&self, spelling: &str) -> usize {
        self.get(spelling).map_or(0, |s| s.mentions)
    }

    pub fn len(&self) -> usize {
        self.spellings.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spellings.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &SpellingStats)> {
        self.spellings.iter().map(|(k, v)| (k.as_str(), v))
    }
}

fn index_article(index: usize, article: &Article) -> HashMap<String, SpellingStats> {
    let doc = &article.document;
    let prose = doc.prose();
    let mut local: HashMap<String, SpellingStats> = HashMap::new();
    for (_, sentence) in doc.sentences() {
        for mention in name_mentions(prose, sentence) {
            let words = &mention.words;
            for start in 0..words.len() {
                for end in start + 1..=(start + MAX_SPELLING_WORDS).min(words.len()) {
                    let range = words[start].start..words[end - 1].end;
                    let spelling = crate::text::names::normalise_spelling(&prose[range.clone()]);
                    let stats = local.entry(spelling).or_default();
                    stats.mentions += 1;
                    if stats.samples.len() < SAMPLES_KEPT {
                        stats.samples.push(Location::new(index, range));
                    }
                }
            }
        }
    }
    local
}
