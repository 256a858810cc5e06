//! Quotations over two segments. A wording quoted in both is one wording,
//! as in an index of all the articles: the delta's wordings are matched
//! to the base's when the two are opened. Ids: the base's wordings, then
//! the delta's new ones; the base's quotations, then the delta's. The
//! retired articles' quotations are left out, and a base wording only
//! they quoted is gone.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::Arc;

use super::{ArticleMap, Layered, Segment, corpus_order, merge_ordered, narrow, split_id};
use crate::corpus::quotes::{QuoteIndex, Wordings, similar_in};
use crate::corpus::{CorpusQuote, QuotationSource, QuoteText};

#[derive(Debug)]
pub struct LayeredQuotes {
    layers: Layered<QuoteIndex>,
    /// Per delta wording, its id over both segments.
    delta_wordings: Vec<u32>,
    /// Per new wording (ids from the base's count on), its delta id.
    new_wordings: Vec<u32>,
    /// The delta wordings that repeat each base wording.
    repeats: HashMap<u32, Vec<u32>>,
    /// Base wordings quoted only in retired articles (and not in the delta).
    gone: HashSet<u32>,
    base_quotes: u32,
}

impl LayeredQuotes {
    pub fn new(base: QuoteIndex, delta: QuoteIndex, articles: Arc<ArticleMap>) -> LayeredQuotes {
        let base_wordings = narrow(base.count());
        let mut delta_wordings = Vec::with_capacity(delta.count());
        let mut new_wordings = Vec::new();
        let mut repeats: HashMap<u32, Vec<u32>> = HashMap::new();
        for id in 0..narrow(delta.count()) {
            match delta.words_of(id).and_then(|words| find(&base, &words)) {
                Some(twin) => {
                    repeats.entry(twin).or_default().push(id);
                    delta_wordings.push(twin);
                }
                None => {
                    delta_wordings.push(base_wordings + narrow(new_wordings.len()));
                    new_wordings.push(id);
                }
            }
        }
        let mut retired_uses: HashMap<u32, usize> = HashMap::new();
        for &article in articles.retired() {
            for quote in base.in_article(article) {
                if let Some(found) = base.quote(quote) {
                    *retired_uses.entry(found.text).or_default() += 1;
                }
            }
        }
        let gone = retired_uses
            .into_iter()
            .filter(|(wording, uses)| {
                *uses == base.occurrences(*wording).count() && !repeats.contains_key(wording)
            })
            .map(|(wording, _)| wording)
            .collect();
        LayeredQuotes {
            base_quotes: narrow(base.len()),
            layers: Layered {
                base,
                delta,
                articles,
            },
            delta_wordings,
            new_wordings,
            repeats,
            gone,
        }
    }

    /// The base's quotations of a wording, without the retired articles'.
    fn base_occurrences(&self, id: u32) -> impl Iterator<Item = u32> + '_ {
        let base = &self.layers.base;
        // Wire copy repeats a wording thousands of times: look each one's
        // article up only when some article is retired.
        let none_retired = self.layers.articles.retired().is_empty();
        base.occurrences(id).filter(move |&quote| {
            none_retired
                || base.quote(quote).is_some_and(|q| {
                    !self
                        .layers
                        .articles
                        .is_retired(Segment::Base, q.location.article)
                })
        })
    }

    /// A wording over both segments: (segment, id there).
    fn wording_in(&self, id: u32) -> (Segment, u32) {
        let base = narrow(self.layers.base.count());
        match id.checked_sub(base) {
            None => (Segment::Base, id),
            Some(new) => (
                Segment::Delta,
                self.new_wordings
                    .get(new as usize)
                    .copied()
                    .unwrap_or(u32::MAX),
            ),
        }
    }

    fn index(&self, segment: Segment) -> &QuoteIndex {
        self.layers.segment(segment)
    }

    /// Where quotation `id` of `segment` stands in the corpus.
    fn quote_order(&self, segment: Segment, id: u32) -> u64 {
        let index = self.index(segment);
        let Some(quote) = index.quote(id) else {
            return u64::MAX;
        };
        let first = index.in_article(quote.location.article).start;
        let article = self.layers.articles.global(segment, quote.location.article);
        corpus_order(article, id - first)
    }

    /// The quotations of a wording over both segments, in corpus order.
    fn occurrences(&self, id: u32) -> Vec<u32> {
        let (base, repeats): (Vec<u32>, Vec<u32>) = match self.wording_in(id) {
            (Segment::Base, id) => (
                self.base_occurrences(id).collect(),
                self.repeats.get(&id).cloned().unwrap_or_default(),
            ),
            (Segment::Delta, id) => (Vec::new(), vec![id]),
        };
        let mut delta: Vec<u32> = repeats
            .into_iter()
            .flat_map(|wording| self.layers.delta.occurrences(wording))
            .collect();
        delta.sort_unstable();
        merge_ordered(base, delta, self.base_quotes, |segment, id| {
            self.quote_order(segment, id)
        })
    }
}

/// The id of the wording in `index` with exactly `words`.
fn find(index: &QuoteIndex, words: &[String]) -> Option<u32> {
    let rarest = words
        .iter()
        .min_by_key(|w| index.using_count(w).unwrap_or(0))?;
    index
        .postings(rarest)?
        .into_iter()
        .find(|&id| index.words_of(id).is_some_and(|theirs| *theirs == words))
}

impl Wordings for LayeredQuotes {
    fn count(&self) -> usize {
        self.layers.base.count() + self.new_wordings.len() - self.gone.len()
    }

    fn using(&self, word: &str) -> Option<Vec<u32>> {
        let base = self.layers.base.postings(word);
        let delta = self.layers.delta.postings(word);
        if base.is_none() && delta.is_none() {
            return None;
        }
        let first_new = narrow(self.layers.base.count());
        let mut ids = base.unwrap_or_default();
        ids.retain(|id| !self.gone.contains(id));
        ids.extend(
            delta
                .into_iter()
                .flatten()
                .filter_map(|id| self.delta_wordings.get(id as usize).copied())
                // A repeated wording is in the base's list already.
                .filter(|&id| id >= first_new),
        );
        Some(ids)
    }

    fn use_count(&self, word: &str) -> Option<usize> {
        self.using(word).map(|ids| ids.len())
    }

    fn len_of(&self, id: u32) -> Option<usize> {
        let (segment, local) = self.wording_in(id);
        self.index(segment).len_of(local)
    }

    fn words_of(&self, id: u32) -> Option<Arc<Vec<String>>> {
        let (segment, local) = self.wording_in(id);
        self.index(segment).words_of(local)
    }

    fn order(&self, id: u32) -> u64 {
        let first_in_delta = |wording: u32| {
            let first = self.layers.delta.occurrences(wording).next();
            first.map(|q| self.quote_order(Segment::Delta, q))
        };
        let first = match self.wording_in(id) {
            (Segment::Base, id) => {
                let first = self.base_occurrences(id).next();
                let repeats = self.repeats.get(&id).into_iter().flatten();
                first
                    .map(|q| self.quote_order(Segment::Base, q))
                    .into_iter()
                    .chain(repeats.filter_map(|&repeat| first_in_delta(repeat)))
                    .min()
            }
            (Segment::Delta, id) => first_in_delta(id),
        };
        first.unwrap_or(u64::MAX)
    }
}

impl QuotationSource for LayeredQuotes {
    fn similar(&self, words: &[String], min_share: f64) -> Vec<(u32, f64)> {
        similar_in(self, words, min_share)
    }

    fn text(&self, id: u32) -> QuoteText {
        QuoteText {
            words: self.words_of(id).unwrap_or_default(),
            occurrences: self.occurrences(id),
        }
    }

    fn quote(&self, id: u32) -> Option<CorpusQuote> {
        let (segment, local) = split_id(id, self.base_quotes);
        let quote = self.index(segment).quote(local)?;
        let text = match segment {
            Segment::Base => quote.text,
            Segment::Delta => *self.delta_wordings.get(quote.text as usize)?,
        };
        Some(CorpusQuote {
            location: self.layers.articles.locate(segment, quote.location),
            text,
        })
    }

    fn in_article(&self, article: u32) -> Range<u32> {
        match self.layers.articles.owner(article) {
            Some((Segment::Base, local)) => self.layers.base.in_article(local),
            Some((Segment::Delta, local)) => {
                let ids = self.layers.delta.in_article(local);
                ids.start + self.base_quotes..ids.end + self.base_quotes
            }
            None => 0..0,
        }
    }
}
