//! The corpus quotation index: every quotation of four words or more, with
//! its words, and an inverted index from word to quotation so that a draft
//! quotation finds the corpus quotations it shares words with.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;

use super::{Article, Location};
use crate::document::Document;
use crate::text::quotes::find_quotations;

/// Quotations shorter than this are phrases, not statements to compare.
pub const MIN_QUOTE_WORDS: usize = 4;

/// The lower-cased words of a quotation, punctuation dropped, so that a comma
/// inside or outside the marks never makes two quotations differ.
pub fn quote_words(text: &str) -> Vec<String> {
    text.unicode_words()
        .map(|w| w.to_lowercase().replace('’', "'"))
        .collect()
}

/// One quotation in one corpus article.
#[derive(Debug, Clone)]
pub struct CorpusQuote {
    /// The quoted words' range in their article.
    pub location: Location,
    /// Which distinct wording it has (an index into the texts).
    pub text: u32,
}

/// One distinct wording, however many articles carry it: wire copy
/// repeats quotations across outlets, and each wording is compared once.
#[derive(Debug, Clone)]
pub struct QuoteText {
    pub words: Vec<String>,
    /// Ids of the corpus quotations with this wording.
    pub occurrences: Vec<u32>,
}

#[derive(Debug, Clone, Default)]
pub struct QuoteIndex {
    quotes: Vec<CorpusQuote>,
    texts: Vec<QuoteText>,
    /// Word → ids of the texts that use it.
    by_word: HashMap<String, Vec<u32>>,
}

impl QuoteIndex {
    /// Analyse and index `articles` (the corpus builds its indexes from
    /// facts it may have cached instead).
    pub fn build(articles: &[Article]) -> QuoteIndex {
        let facts: Vec<QuoteFacts> = articles.iter().map(|a| quote_facts(a.document())).collect();
        QuoteIndex::from_facts(facts.into_iter())
    }

    /// Merge the quotations of every article; an article's position in
    /// `facts` is its index in the corpus.
    pub fn from_facts(facts: impl Iterator<Item = QuoteFacts>) -> QuoteIndex {
        let per_article = facts.enumerate().flat_map(|(index, local)| {
            local.0.into_iter().map(move |(start, end, words)| {
                (Location::new(index, start as usize..end as usize), words)
            })
        });
        let mut index = QuoteIndex::default();
        let mut text_ids: HashMap<Vec<String>, u32> = HashMap::new();
        for (location, words) in per_article {
            let quote_id = index.quotes.len() as u32;
            let text = *text_ids.entry(words).or_insert_with_key(|words| {
                index.texts.push(QuoteText {
                    words: words.clone(),
                    occurrences: Vec::new(),
                });
                (index.texts.len() - 1) as u32
            });
            index.texts[text as usize].occurrences.push(quote_id);
            index.quotes.push(CorpusQuote { location, text });
        }
        for (id, text) in index.texts.iter().enumerate() {
            let mut distinct: Vec<&String> = text.words.iter().collect();
            distinct.sort();
            distinct.dedup();
            for word in distinct {
                index
                    .by_word
                    .entry(word.clone())
                    .or_default()
                    .push(id as u32);
            }
        }
        index
    }

    pub fn len(&self) -> usize {
        self.quotes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.quotes.is_empty()
    }

    pub fn quotes(&self) -> &[CorpusQuote] {
        &self.quotes
    }

    pub fn text(&self, id: u32) -> &QuoteText {
        &self.texts[id as usize]
    }

    /// Ids of the wordings sharing at least `min_share` of their words with
    /// `words` (shared words over the longer one's length), with that share,
    /// most similar first.
    pub fn similar(&self, words: &[String], min_share: f64) -> Vec<(u32, f64)> {
        // A word in a large share of all quotations ("the", "we") finds
        // nothing by itself; the rarer words find the candidates.
        let common = (self.texts.len() / 10).max(50);
        let mut distinct: Vec<&String> = words.iter().collect();
        distinct.sort();
        distinct.dedup();
        let mut shared: HashMap<u32, usize> = HashMap::new();
        let mut rare_words = 0;
        for word in distinct {
            let Some(postings) = self.by_word.get(word) else {
                rare_words += 1;
                continue;
            };
            if postings.len() > common {
                continue;
            }
            rare_words += 1;
            for &id in postings {
                *shared.entry(id).or_default() += 1;
            }
        }
        let draft = WordCounts::new(words);
        let mut found: Vec<(u32, f64)> = shared
            .into_iter()
            .filter(|(_, n)| *n * 2 >= rare_words.min(MIN_QUOTE_WORDS))
            .filter_map(|(id, _)| {
                let theirs = &self.texts[id as usize].words;
                // The share can be no more than the shorter over the longer.
                let most = words.len().min(theirs.len()) as f64
                    / words.len().max(theirs.len()).max(1) as f64;
                (most >= min_share).then(|| (id, draft.overlap(theirs)))
            })
            .filter(|(_, share)| *share >= min_share)
            .collect();
        found.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        found
    }
}

/// The quotations of one article long enough to compare: the quoted words'
/// byte range and their words.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct QuoteFacts(Vec<(u32, u32, Vec<String>)>);

pub(super) fn quote_facts(doc: &Document) -> QuoteFacts {
    let narrow = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    QuoteFacts(
        find_quotations(doc)
            .quotations
            .into_iter()
            .filter_map(|q| {
                let words = quote_words(doc.prose().get(q.inner.clone())?);
                (words.len() >= MIN_QUOTE_WORDS)
                    .then(|| (narrow(q.inner.start), narrow(q.inner.end), words))
            })
            .collect(),
    )
}

/// One quotation's words counted once, to compare with many others.
struct WordCounts<'a> {
    ids: HashMap<&'a str, usize>,
    counts: Vec<usize>,
    len: usize,
}

impl<'a> WordCounts<'a> {
    fn new(words: &'a [String]) -> Self {
        let mut ids: HashMap<&str, usize> = HashMap::new();
        let mut counts = Vec::new();
        for word in words {
            let next = ids.len();
            let id = *ids.entry(word).or_insert(next);
            if id == counts.len() {
                counts.push(0);
            }
            counts[id] += 1;
        }
        WordCounts {
            ids,
            counts,
            len: words.len(),
        }
    }

    /// Words `other` shares with these (as multisets) over the longer length.
    fn overlap(&self, other: &[String]) -> f64 {
        let mut left = self.counts.clone();
        let mut shared = 0;
        for word in other {
            if let Some(&id) = self.ids.get(word.as_str())
                && left[id] > 0
            {
                left[id] -= 1;
                shared += 1;
            }
        }
        shared as f64 / self.len.max(other.len()).max(1) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn similar_quotations_are_found_by_shared_words() {
        let article = Article::new(
            PathBuf::from("a.md"),
            "“We will not close the port this winter,” Ruiz said. “Short one,” she added. “Taxes will rise next year,” Lee said.".into(),
        );
        let index = QuoteIndex::build(&[article]);
        assert_eq!(index.len(), 2, "the two-word quotation is not indexed");
        let found = index.similar(&quote_words("We will not shut the port this winter"), 0.7);
        assert_eq!(found.len(), 1);
        assert_eq!(index.text(found[0].0).words[3], "close");
        assert!((found[0].1 - 7.0 / 8.0).abs() < 1e-9);
        assert!(
            index
                .similar(
                    &quote_words("Completely different words entirely here"),
                    0.0
                )
                .is_empty()
        );
    }

    #[test]
    fn repeated_wordings_are_stored_once() {
        let text = "“We will not close the port this winter,” Ruiz said.";
        let articles = vec![
            Article::new(PathBuf::from("a.md"), text.into()),
            Article::new(PathBuf::from("b.md"), text.into()),
        ];
        let index = QuoteIndex::build(&articles);
        assert_eq!(index.len(), 2);
        let found = index.similar(&quote_words("We will not close the port this winter"), 0.7);
        assert_eq!(found.len(), 1);
        assert_eq!(index.text(found[0].0).occurrences, vec![0, 1]);
    }

    #[test]
    fn punctuation_does_not_change_the_words() {
        assert_eq!(
            quote_words("We stay, for now."),
            quote_words("We stay for now")
        );
    }
}
