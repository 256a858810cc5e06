//! The corpus name index: every spelling of every name, with counts and the
//! first places it occurs.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;

use super::{Article, Location};
use crate::document::{BlockKind, Document};
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
    /// Analyse and index `articles`.
    pub fn build(articles: &[Article]) -> NameIndex {
        let facts: Vec<NameFacts> = articles.iter().map(|a| name_facts(a.document())).collect();
        NameIndex::from_facts(facts.into_iter())
    }

    /// Merge the name facts of every article; an article's position in
    /// `facts` is its index in the corpus.
    pub fn from_facts(facts: impl Iterator<Item = NameFacts>) -> NameIndex {
        let mut spellings: HashMap<String, SpellingStats> = HashMap::new();
        let mut lowercase_words = HashSet::new();
        for (index, local) in facts.enumerate() {
            lowercase_words.extend(local.lowercase_words);
            for (spelling, mentions, samples) in local.spellings {
                let entry = spellings.entry(spelling).or_default();
                entry.mentions += mentions as usize;
                entry.articles += 1;
                let room = SAMPLES_KEPT.saturating_sub(entry.samples.len());
                entry.samples.extend(
                    samples
                        .iter()
                        .take(room)
                        .map(|&(start, end)| Location::new(index, start as usize..end as usize)),
                );
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

/// One spelling in one article: the spelling, its mentions, and the byte
/// ranges of the first few.
type SpellingFacts = (String, u32, Vec<(u32, u32)>);

/// What one article contributes to the index: each spelling with its
/// mentions and first few byte ranges, and the words it writes in lower case.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct NameFacts {
    spellings: Vec<SpellingFacts>,
    lowercase_words: Vec<String>,
}

pub(super) fn name_facts(doc: &Document) -> NameFacts {
    let prose = doc.prose();
    let mut spellings: HashMap<String, (u32, Vec<(u32, u32)>)> = HashMap::new();
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
                    let (mentions, samples) = spellings
                        .entry(normalise_spelling(&prose[range.clone()]))
                        .or_default();
                    *mentions += 1;
                    if samples.len() < SAMPLES_KEPT {
                        samples.push((narrow(range.start), narrow(range.end)));
                    }
                }
            }
        }
    }
    let mut spellings: Vec<SpellingFacts> = spellings
        .into_iter()
        .map(|(spelling, (mentions, samples))| (spelling, mentions, samples))
        .collect();
    spellings.sort_by(|a, b| a.0.cmp(&b.0));
    let mut lowercase_words: Vec<String> = lowercase_words.into_iter().collect();
    lowercase_words.sort();
    NameFacts {
        spellings,
        lowercase_words,
    }
}

fn narrow(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
