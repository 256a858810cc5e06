//! The corpus name index: every spelling of every name, with counts and the
//! first places it occurs.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

use super::{Article, Location};
use crate::document::BlockKind;
use crate::text::names::{is_capitalised, name_mentions, normalise_spelling};

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
    /// Words the corpus writes in lower case ("sinners", "rutted"): a
    /// capitalised word in a draft that is one of these is a common word, not
    /// a name.
    lowercase_words: HashSet<String>,
}

impl NameIndex {
    pub fn build(articles: &[Article]) -> NameIndex {
        let per_article: Vec<ArticleNames> = articles
            .par_iter()
            .enumerate()
            .map(|(index, article)| index_article(index, article))
            .collect();
        let mut spellings: HashMap<String, SpellingStats> = HashMap::new();
        let mut lowercase_words = HashSet::new();
        for local in per_article {
            lowercase_words.extend(local.lowercase_words);
            for (spelling, stats) in local.spellings {
                let entry = spellings.entry(spelling).or_default();
                entry.mentions += stats.mentions;
                entry.articles += 1;
                let room = SAMPLES_KEPT.saturating_sub(entry.samples.len());
                entry.samples.extend(stats.samples.into_iter().take(room));
            }
        }
        NameIndex {
            spellings,
            lowercase_words,
        }
    }

    /// Whether the corpus uses `word` (compared in lower case) as an
    /// ordinary lower-case word.
    pub fn is_common_word(&self, word: &str) -> bool {
        self.lowercase_words.contains(&word.to_lowercase())
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

/// What one article contributes to the index.
struct ArticleNames {
    spellings: HashMap<String, SpellingStats>,
    lowercase_words: HashSet<String>,
}

fn index_article(index: usize, article: &Article) -> ArticleNames {
    let doc = &article.document;
    let prose = doc.prose();
    let mut spellings: HashMap<String, SpellingStats> = HashMap::new();
    let mut lowercase_words = HashSet::new();
    for (block, sentence) in doc.sentences() {
        let text = &prose[sentence.clone()];
        lowercase_words.extend(
            text.unicode_words()
                .filter(|w| !is_capitalised(w) && w.chars().any(char::is_alphabetic))
                .map(str::to_lowercase),
        );
        // Headline Title Case capitalises every word; it says nothing of names.
        if block.kind == BlockKind::Heading {
            continue;
        }
        for mention in name_mentions(prose, sentence) {
            let words = &mention.words;
            for start in 0..words.len() {
                for end in start + 1..=(start + MAX_SPELLING_WORDS).min(words.len()) {
                    let range = words[start].start..words[end - 1].end;
                    let stats = spellings
                        .entry(normalise_spelling(&prose[range.clone()]))
                        .or_default();
                    stats.mentions += 1;
                    if stats.samples.len() < SAMPLES_KEPT {
                        stats.samples.push(Location::new(index, range));
                    }
                }
            }
        }
    }
    ArticleNames {
        spellings,
        lowercase_words,
    }
}
