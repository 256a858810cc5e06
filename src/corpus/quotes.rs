//! The corpus quotation index: every quotation of four words or more, with
//! its words, and an inverted index from word to quotation so that a draft
//! quotation finds the corpus quotations it shares words with.

use std::collections::HashMap;

use rayon::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

use super::{Article, Location};
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

#[derive(Debug, Clone)]
pub struct CorpusQuote {
    /// The quoted words' range in their article.
    pub location: Location,
    pub words: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct QuoteIndex {
    quotes: Vec<CorpusQuote>,
    by_word: HashMap<String, Vec<u32>>,
}

impl QuoteIndex {
    pub fn build(articles: &[Article]) -> QuoteIndex {
        let per_article: Vec<Vec<CorpusQuote>> = articles
            .par_iter()
            .enumerate()
            .map(|(index, article)| {
                let doc = &article.document;
                find_quotations(doc)
                    .quotations
                    .into_iter()
                    .filter_map(|q| {
                        let words = quote_words(doc.prose().get(q.inner.clone())?);
                        (words.len() >= MIN_QUOTE_WORDS).then(|| CorpusQuote {
                            location: Location::new(index, q.inner),
                            words,
                        })
                    })
                    .collect()
            })
            .collect();
        let quotes: Vec<CorpusQuote> = per_article.into_iter().flatten().collect();
        let mut by_word: HashMap<String, Vec<u32>> = HashMap::new();
        for (id, quote) in quotes.iter().enumerate() {
            let mut seen: Vec<&String> = quote.words.iter().collect();
            seen.sort();
            seen.dedup();
            for word in seen {
                by_word.entry(word.clone()).or_default().push(id as u32);
            }
        }
        QuoteIndex { quotes, by_word }
    }

    pub fn len(&self) -> usize {
        self.quotes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.quotes.is_empty()
    }

    /// The corpus quotation sharing the largest share of words with `words`
    /// (shared words over the longer quotation's length), with that share.
    pub fn closest(&self, words: &[String]) -> Option<(&CorpusQuote, f64)> {
        let mut shared_distinct: HashMap<u32, usize> = HashMap::new();
        let mut distinct: Vec<&String> = words.iter().collect();
        distinct.sort();
        distinct.dedup();
        for word in distinct {
            for &id in self.by_word.get(word).into_iter().flatten() {
                *shared_distinct.entry(id).or_default() += 1;
            }
        }
        shared_distinct
            .into_iter()
            .filter(|(_, shared)| *shared * 2 >= words.len().min(MIN_QUOTE_WORDS))
            .map(|(id, _)| {
                let quote = &self.quotes[id as usize];
                (quote, overlap(words, &quote.words))
            })
            .max_by(|a, b| {
                a.1.total_cmp(&b.1)
                    .then(b.0.location.article.cmp(&a.0.location.article))
            })
    }
}

/// Words two quotations share (as multisets) over the longer one's length.
pub fn overlap(a: &[String], b: &[String]) -> f64 {
    let mut counts: HashMap<&str, isize> = HashMap::new();
    for w in a {
        *counts.entry(w).or_default() += 1;
    }
    let mut shared = 0;
    for w in b {
        if let Some(n) = counts.get_mut(w.as_str()).filter(|n| **n > 0) {
            *n -= 1;
            shared += 1;
        }
    }
    shared as f64 / a.len().max(b.len()).max(1) as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn the_closest_quotation_is_found_by_shared_words() {
        let article = Article::new(
            PathBuf::from("a.md"),
            "“We will not close the port this winter,” Ruiz said. “Short one,” she added. “Taxes will rise next year,” Lee said.".into(),
        );
        let index = QuoteIndex::build(&[article]);
        assert_eq!(index.len(), 2, "the two-word quotation is not indexed");
        let (quote, share) = index
            .closest(&quote_words("We will not shut the port this winter"))
            .expect("match");
        assert_eq!(quote.words[3], "close");
        assert!((share - 7.0 / 8.0).abs() < 1e-9);
        assert!(
            index
                .closest(&quote_words("Completely different words entirely here"))
                .is_none()
        );
    }

    #[test]
    fn punctuation_does_not_change_the_words() {
        assert_eq!(
            quote_words("We stay, for now."),
            quote_words("We stay for now")
        );
    }
}
