//! Statements over two segments. Ids: the base's statements, then the
//! delta's. A word weighs its IDF over both segments, so a statement
//! scores as it would in one index of all the articles. The retired
//! articles' statements are left out, and their words' counts come off
//! the base's.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;
use std::sync::Arc;

use super::{ArticleMap, Layered, Segment, corpus_order, merge_ordered, narrow, split_id};
use crate::corpus::statements::{
    StatementIndex, best, common_limit, draft_total, idf_of, nearness, rare_rows, score,
    unknown_weight,
};
use crate::corpus::{Scored, Statement, StatementSource};

#[derive(Debug)]
pub struct LayeredStatements {
    layers: Layered<StatementIndex>,
    /// Per base word id, the retired statements that use it.
    retired_words: FxHashMap<u32, u32>,
    /// Per (measure, base word id), the retired statements of the measure
    /// that use the word.
    retired_postings: FxHashMap<(String, u32), usize>,
    /// Statements over both segments.
    total: usize,
    /// The mean IDF over every word of both segments.
    unknown_weight: f64,
}

impl LayeredStatements {
    pub fn new(
        base: StatementIndex,
        delta: StatementIndex,
        articles: Arc<ArticleMap>,
    ) -> LayeredStatements {
        let mut retired_words: FxHashMap<u32, u32> = FxHashMap::default();
        let mut retired_postings: FxHashMap<(String, u32), usize> = FxHashMap::default();
        let mut retired = 0;
        for &article in articles.retired() {
            for id in base.in_article(article) {
                let Some(statement) = base.shared_statement(id) else {
                    continue;
                };
                retired += 1;
                for &(word, _) in &statement.context {
                    *retired_words.entry(word).or_default() += 1;
                    let key = (statement.claim.measure.clone(), word);
                    *retired_postings.entry(key).or_default() += 1;
                }
            }
        }
        let total = base.len() - retired + delta.len();
        // How many words have each frequency over both: the base's counts,
        // each retired word moved down by its retired statements, each
        // delta word up by its frequency in the delta. A word no current
        // statement uses (frequency 0) is not in the index.
        let mut frequency_counts: BTreeMap<u32, u32> = base.frequency_counts().collect();
        let mut move_word = |from: u32, to: u32| {
            if from > 0
                && let Some(n) = frequency_counts.get_mut(&from)
            {
                *n = n.saturating_sub(1);
            }
            if to > 0 {
                *frequency_counts.entry(to).or_default() += 1;
            }
        };
        for (&word, &uses) in &retired_words {
            let df = base.frequency_of(word);
            move_word(df, df - uses.min(df));
        }
        for (word, delta_df) in delta.words() {
            let base_df = base.word(&word).map_or(0, |(id, df)| {
                df - retired_words.get(&id).copied().unwrap_or(0).min(df)
            });
            move_word(base_df, base_df + delta_df);
        }
        let frequency_counts: Vec<(u32, u32)> = frequency_counts
            .into_iter()
            .filter(|(_, n)| *n > 0)
            .collect();
        LayeredStatements {
            unknown_weight: unknown_weight(total.max(1) as f64, &frequency_counts),
            total,
            layers: Layered {
                base,
                delta,
                articles,
            },
            retired_words,
            retired_postings,
        }
    }

    /// A word's id in the base and its frequency there, without the
    /// retired statements' uses.
    fn base_word(&self, word: &str) -> Option<(u32, u32)> {
        let (id, df) = self.layers.base.word(word)?;
        let retired = self.retired_words.get(&id).copied().unwrap_or(0);
        Some((id, df.saturating_sub(retired)))
    }

    /// How many current base statements of `measure` use `word`.
    fn base_count_with_word(&self, measure: &str, word: &str) -> Option<usize> {
        let count = self.layers.base.count_with_word(measure, word)?;
        let (id, _) = self.layers.base.word(word)?;
        let retired = self
            .retired_postings
            .get(&(measure.to_string(), id))
            .copied()
            .unwrap_or(0);
        Some(count - retired.min(count)).filter(|n| *n > 0)
    }

    fn base_len(&self) -> u32 {
        narrow(self.layers.base.len())
    }

    fn statement_in(&self, id: u32) -> (Segment, u32) {
        split_id(id, self.base_len())
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

    /// Both segments' ids, as ids over both, in corpus order.
    fn merged(&self, mut base: Vec<u32>, mut delta: Vec<u32>) -> Vec<u32> {
        for ids in [&mut base, &mut delta] {
            ids.sort_unstable();
            ids.dedup();
        }
        let articles = &self.layers.articles;
        base.retain(|&id| {
            if articles.retired().is_empty() {
                return true;
            }
            let place = self.layers.base.place(id);
            place.is_some_and(|(article, _)| !articles.is_retired(Segment::Base, article))
        });
        merge_ordered(base, delta, self.base_len(), |segment, id| {
            self.order(segment, id)
        })
    }

    /// Statement `id` decoded, its places in corpus positions.
    fn statement(&self, id: u32) -> Option<Statement> {
        let (segment, local) = self.statement_in(id);
        let mut statement = (*self.index(segment).shared_statement(local)?).clone();
        statement.location = self.layers.articles.locate(segment, statement.location);
        statement.sentence = self.layers.articles.locate(segment, statement.sentence);
        Some(statement)
    }

    /// As `StatementIndex::rank`, with each word weighed over both
    /// segments and matched by its id in the statement's own segment.
    fn rank(&self, ids: &[u32], context: &[(String, usize)], limit: usize) -> Vec<Scored> {
        let total_statements = self.total.max(1) as f64;
        let mut base_draft = Vec::with_capacity(context.len());
        let mut delta_draft = Vec::with_capacity(context.len());
        for (word, distance) in context {
            let base = self.base_word(word);
            let delta = self.layers.delta.word(word);
            let df = base.map_or(0, |(_, n)| n) + delta.map_or(0, |(_, n)| n);
            let weight = match df {
                0 => self.unknown_weight,
                _ => idf_of(total_statements, df),
            } * nearness(*distance);
            base_draft.push((base.map(|(id, _)| id), weight));
            delta_draft.push((delta.map(|(id, _)| id), weight));
        }
        let total = draft_total(&base_draft);
        let mut theirs: Vec<(u32, u32)> = Vec::new();
        let scored: Vec<(u32, f64, usize)> = ids
            .iter()
            .map(|&id| {
                let (segment, local) = self.statement_in(id);
                theirs.clear();
                theirs.extend(self.index(segment).context_of(local));
                let draft = match segment {
                    Segment::Base => &base_draft,
                    Segment::Delta => &delta_draft,
                };
                let (score, shared) = score(draft, total, &theirs);
                (id, score, shared)
            })
            .collect();
        best(scored, limit, |id| self.statement(id).map(Arc::new))
    }
}

impl StatementSource for LayeredStatements {
    fn candidates(&self, measure: &str, context: &[(String, usize)], limit: usize) -> Vec<Scored> {
        let (base, delta) = (&self.layers.base, &self.layers.delta);
        let rows: Vec<(usize, &str)> = context
            .iter()
            .filter_map(|(word, _)| {
                let counts = [
                    self.base_count_with_word(measure, word),
                    delta.count_with_word(measure, word),
                ];
                (counts.iter().any(Option::is_some))
                    .then(|| (counts.iter().flatten().sum(), word.as_str()))
            })
            .collect();
        let mut base_ids = Vec::new();
        let mut delta_ids = Vec::new();
        for word in rare_rows(rows, common_limit(self.total)) {
            base_ids.extend(base.with_word(measure, word).into_iter().flatten());
            delta_ids.extend(delta.with_word(measure, word).into_iter().flatten());
        }
        self.rank(&self.merged(base_ids, delta_ids), context, limit)
    }

    fn roles_of(&self, person: &str, context: &[(String, usize)]) -> Vec<Scored> {
        let ids = self.merged(
            self.layers.base.role_ids(person),
            self.layers.delta.role_ids(person),
        );
        self.rank(&ids, context, usize::MAX)
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
}
