//! Statements over two segments. Ids: the base's statements, then the
//! delta's. The retired articles' statements are left out; the rest are
//! asked of both segments and merged in corpus order.

use std::sync::{Arc, OnceLock};

use rustc_hash::FxHashMap;

use super::{ArticleMap, Layered, Segment, corpus_order, merge_ordered, narrow, split_id};
use crate::corpus::statements::{StatementIndex, candidate_ids, key};
use crate::corpus::{Statement, StatementSource};
use crate::text::claims::Attribute;

#[derive(Debug)]
pub struct LayeredStatements {
    layers: Layered<StatementIndex>,
    /// The term counts of the retired articles' sentences, which the base
    /// still counts: taken off so that a layered corpus weighs terms as a
    /// fresh index would. Made when first asked for.
    retired_terms: OnceLock<RetiredTerms>,
}

#[derive(Debug, Default)]
struct RetiredTerms {
    counts: FxHashMap<u32, u64>,
    sentences: u64,
}

impl LayeredStatements {
    pub fn new(
        base: StatementIndex,
        delta: StatementIndex,
        articles: Arc<ArticleMap>,
    ) -> LayeredStatements {
        LayeredStatements {
            layers: Layered {
                base,
                delta,
                articles,
            },
            retired_terms: OnceLock::new(),
        }
    }

    fn retired_terms(&self) -> &RetiredTerms {
        self.retired_terms.get_or_init(|| {
            let mut retired = RetiredTerms::default();
            for &article in self.layers.articles.retired() {
                let mut last_sentence = None;
                for id in self.layers.base.ids_of(article) {
                    let Some(statement) = self.layers.base.statement(id) else {
                        continue;
                    };
                    if last_sentence == Some(statement.sentence.range()) {
                        continue;
                    }
                    last_sentence = Some(statement.sentence.range());
                    retired.sentences += 1;
                    for term in statement.terms {
                        *retired.counts.entry(term).or_default() += 1;
                    }
                }
            }
            retired
        })
    }

    fn base_len(&self) -> u32 {
        narrow(self.layers.base.len())
    }

    fn index(&self, segment: Segment) -> &StatementIndex {
        self.layers.segment(segment)
    }

    /// Where statement `id` of `segment` stands in the corpus.
    fn order(&self, segment: Segment, id: u32) -> u64 {
        match self.index(segment).place(id) {
            Some((article, position)) => {
                corpus_order(self.layers.articles.global(segment, article), position)
            }
            None => u64::MAX,
        }
    }

    /// Both segments' ids, as ids over both, in corpus order, without the
    /// retired articles' statements.
    fn merged(&self, mut base: Vec<u32>, mut delta: Vec<u32>) -> Vec<u32> {
        for ids in [&mut base, &mut delta] {
            ids.sort_unstable();
            ids.dedup();
        }
        let articles = &self.layers.articles;
        if !articles.retired().is_empty() {
            base.retain(|&id| {
                let place = self.layers.base.place(id);
                place.is_some_and(|(article, _)| !articles.is_retired(Segment::Base, article))
            });
        }
        merge_ordered(base, delta, self.base_len(), |segment, id| {
            self.order(segment, id)
        })
    }

    /// Statement `id` decoded, its places in corpus positions.
    fn statement(&self, id: u32) -> Option<Statement> {
        let (segment, local) = split_id(id, self.base_len());
        let mut statement = (*self.index(segment).shared_statement(local)?).clone();
        statement.location = self.layers.articles.locate(segment, statement.location);
        statement.sentence = self.layers.articles.locate(segment, statement.sentence);
        Some(statement)
    }
}

impl StatementSource for LayeredStatements {
    fn about(&self, attribute: &Attribute, entities: &[&str]) -> Vec<Arc<Statement>> {
        let attribute = attribute.key();
        // Each key's list over both segments, as ids over both.
        let lists = entities
            .iter()
            .map(|entity| {
                let key = key(&attribute, entity);
                self.merged(
                    self.layers.base.with_key(&key),
                    self.layers.delta.with_key(&key),
                )
            })
            .collect();
        let base_len = self.base_len();
        let order = |id: u32| {
            let (segment, local) = split_id(id, base_len);
            self.order(segment, local)
        };
        candidate_ids(lists, order)
            .into_iter()
            .filter_map(|id| self.statement(id).map(Arc::new))
            .collect()
    }

    fn weekdays_on(&self, date: (u32, u32)) -> Vec<Statement> {
        let ids = self.merged(
            self.layers.base.weekday_ids(date),
            self.layers.delta.weekday_ids(date),
        );
        ids.into_iter()
            .filter_map(|id| self.statement(id))
            .collect()
    }

    fn term_count(&self, term: u32) -> u64 {
        let counted = self.layers.base.term_count(term) + self.layers.delta.term_count(term);
        let retired = self.retired_terms().counts.get(&term).copied().unwrap_or(0);
        counted.saturating_sub(retired)
    }

    fn sentence_count(&self) -> u64 {
        let counted = self.layers.base.sentence_count() + self.layers.delta.sentence_count();
        counted.saturating_sub(self.retired_terms().sentences)
    }
}
