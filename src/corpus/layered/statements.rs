//! Statements over two segments. Ids: the base's statements, then the
//! delta's. A word weighs its IDF over both segments, so a statement
//! scores as it would in one index of all the articles.

use std::collections::BTreeMap;
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
        let total = base.len() + delta.len();
        // How many words have each frequency over both: the base's counts,
        // each delta word moved up by its frequency in the delta.
        let mut frequency_counts: BTreeMap<u32, u32> = base.frequency_counts().collect();
        for (word, delta_df) in delta.words() {
            let base_df = base.word(&word).map(|(_, df)| df);
            if let Some(df) = base_df
                && let Some(n) = frequency_counts.get_mut(&df)
            {
                *n -= 1;
            }
            *frequency_counts
                .entry(base_df.unwrap_or(0) + delta_df)
                .or_default() += 1;
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
        }
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
            let base = self.layers.base.word(word);
            let delta = self.layers.delta.word(word);
            let weight = match (base, delta) {
                (None, None) => self.unknown_weight,
                _ => {
                    let df = base.map_or(0, |(_, n)| n) + delta.map_or(0, |(_, n)| n);
                    idf_of(total_statements, df)
                }
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
                    base.count_with_word(measure, word),
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
