//! The corpus statement index: every checkable statement (quantity, weekday,
//! date, role) of every sentence, keyed by what it measures, with the
//! sentence's content words for ranking. Building it is one pass over the
//! corpus; a draft claim then scores only the statements of its own measure.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::{Article, Location};
use crate::document::Document;
use crate::text::claims::{Claim, claim_context, document_claims};

/// One corpus statement and where it stands.
#[derive(Debug, Clone)]
pub struct Statement {
    pub claim: Claim,
    /// The value's place in its article (`claim.range` as a location).
    pub location: Location,
    /// The whole sentence, for evidence.
    pub sentence: Location,
    /// Content-word ids around the value, with their distance from it.
    pub context: Vec<(u32, usize)>,
}

/// The statements of one article: each claim with its sentence's byte range
/// and its context words.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct StatementFacts(Vec<FoundStatement>);

/// A claim, its sentence's byte range, and its context words with their
/// distance from the value.
type FoundStatement = (Claim, (u32, u32), Vec<(String, usize)>);

pub(super) fn statement_facts(doc: &Document) -> StatementFacts {
    let narrow = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let prose = doc.prose();
    StatementFacts(
        document_claims(doc)
            .into_iter()
            .flat_map(|(sentence, found)| {
                found.into_iter().map(move |c| {
                    let context = claim_context(prose, &c);
                    (c, (narrow(sentence.start), narrow(sentence.end)), context)
                })
            })
            .collect(),
    )
}

#[derive(Debug, Clone, Default)]
pub struct StatementIndex {
    statements: Vec<Statement>,
    measure_ids: HashMap<String, u32>,
    /// (measure, context word) → statements of that measure whose context
    /// has the word: a draft claim only ever scores statements it shares a
    /// word with, however large the corpus.
    postings: HashMap<(u32, u32), Vec<u32>>,
    roles_by_person: HashMap<String, Vec<u32>>,
    /// (month, day) → weekday statements written beside that date.
    weekdays_by_date: HashMap<(u32, u32), Vec<u32>>,
    word_ids: HashMap<String, u32>,
    /// Inverse document frequency of each word id over statement contexts.
    idf: Vec<f64>,
    /// The mean of `idf`: the weight of a word the corpus never uses.
    unknown_weight: f64,
}

/// A corpus statement scored against a draft sentence.
#[derive(Debug, Clone, Copy)]
pub struct Scored<'a> {
    pub statement: &'a Statement,
    /// Share of the draft sentence's (IDF-weighted) content the corpus
    /// sentence shares, from 0 to 1.
    pub score: f64,
    pub shared_words: usize,
}

impl StatementIndex {
    /// Analyse and index `articles`.
    pub fn build(articles: &[Article]) -> StatementIndex {
        let facts: Vec<StatementFacts> = articles
            .iter()
            .map(|a| statement_facts(a.document()))
            .collect();
        StatementIndex::from_facts(facts.into_iter())
    }

    /// Merge the statements of every article; an article's position in
    /// `facts` is its index in the corpus.
    pub fn from_facts(facts: impl Iterator<Item = StatementFacts>) -> StatementIndex {
        let mut index = StatementIndex::default();
        let mut sentence_frequency: Vec<u32> = Vec::new();
        let mut sentences_seen = 0usize;
        for (article, found) in facts.enumerate() {
            for (claim, sentence, context) in found.0 {
                let ids: Vec<(u32, usize)> = context
                    .iter()
                    .map(|(w, d)| (index.word_id(w, &mut sentence_frequency), *d))
                    .collect();
                sentences_seen += 1;
                for &(id, _) in &ids {
                    sentence_frequency[id as usize] += 1;
                }
                let id = index.statements.len() as u32;
                let measure = index.measure_id(&claim.measure);
                for &(word, _) in &ids {
                    index.postings.entry((measure, word)).or_default().push(id);
                }
                if let Some(date) = claim.paired_date {
                    index.weekdays_by_date.entry(date).or_default().push(id);
                }
                if let Some(person) = &claim.person {
                    index
                        .roles_by_person
                        .entry(person.clone())
                        .or_default()
                        .push(id);
                }
                index.statements.push(Statement {
                    location: Location::new(article, claim.range.clone()),
                    sentence: Location::new(article, sentence.0 as usize..sentence.1 as usize),
                    context: ids,
                    claim,
                });
            }
        }
        let total = sentences_seen.max(1) as f64;
        index.idf = sentence_frequency
            .iter()
            .map(|&n| (1.0 + total / (1.0 + n as f64)).ln())
            .collect();
        index.unknown_weight = index.idf.iter().sum::<f64>() / index.idf.len().max(1) as f64;
        index
    }

    fn word_id(&mut self, word: &str, frequency: &mut Vec<u32>) -> u32 {
        if let Some(&id) = self.word_ids.get(word) {
            return id;
        }
        let id = self.word_ids.len() as u32;
        self.word_ids.insert(word.to_string(), id);
        frequency.push(0);
        id
    }

    pub fn len(&self) -> usize {
        self.statements.len()
    }

    pub fn is_empty(&self) -> bool {
        self.statements.is_empty()
    }

    /// Statements of `measure`, scored against a draft claim's context
    /// (words with their distance from the value), best first.
    /// Only statements sharing at least one context word are scored.
    pub fn candidates(&self, measure: &str, context: &[(String, usize)]) -> Vec<Scored<'_>> {
        let Some(&measure) = self.measure_ids.get(measure) else {
            return Vec::new();
        };
        // A word in a large share of the statements ("said", "plan" in a
        // corpus about one plan) finds nothing by itself, and collecting its
        // postings would cost more than the rest together: only the rarer
        // words gather candidates, unless there are none (then the rarest).
        let common = (self.statements.len() / 20).max(2_000);
        let mut lists: Vec<&Vec<u32>> = context
            .iter()
            .filter_map(|(word, _)| self.word_ids.get(word))
            .filter_map(|&word| self.postings.get(&(measure, word)))
            .collect();
        lists.sort_by_key(|list| list.len());
        let rare = lists.iter().take_while(|list| list.len() <= common).count();
        let mut ids: Vec<u32> = lists[..rare.max(1).min(lists.len())]
            .iter()
            .flat_map(|list| list.iter().copied())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        self.rank(&ids, context)
    }

    fn measure_id(&mut self, measure: &str) -> u32 {
        let next = self.measure_ids.len() as u32;
        *self.measure_ids.entry(measure.to_string()).or_insert(next)
    }

    /// Weekday statements written beside the date (month, day).
    pub fn weekdays_on(&self, date: (u32, u32)) -> impl Iterator<Item = &Statement> {
        self.weekdays_by_date
            .get(&date)
            .into_iter()
            .flatten()
            .map(|&id| &self.statements[id as usize])
    }

    /// Role statements about the person with this (lower-case) surname.
    pub fn roles_of(&self, person: &str, context: &[(String, usize)]) -> Vec<Scored<'_>> {
        self.rank(
            self.roles_by_person
                .get(person)
                .map(Vec::as_slice)
                .unwrap_or(&[]),
            context,
        )
    }

    /// Share of the draft context's weight that a statement's context
    /// shares. A word weighs its IDF, less the further it stands from the
    /// value on either side, so "Geneva on Sunday" outweighs a word at the
    /// far end of the sentence.
    fn rank(&self, ids: &[u32], context: &[(String, usize)]) -> Vec<Scored<'_>> {
        // Words the corpus never uses still count in the draft's total, at an
        // average weight: a sentence mostly about something else scores low.
        let unknown_weight = self.unknown_weight;
        let draft: Vec<(Option<u32>, f64)> = context
            .iter()
            .map(|(w, d)| {
                let idf = self
                    .word_ids
                    .get(w)
                    .map_or(unknown_weight, |&id| self.idf[id as usize]);
                (self.word_ids.get(w).copied(), idf * nearness(*d))
            })
            .collect();
        let total: f64 = draft.iter().map(|(_, w)| w).sum::<f64>().max(f64::EPSILON);
        let mut scored: Vec<Scored> =
            ids.iter()
                .map(|&id| {
                    let statement = &self.statements[id as usize];
                    let (shared, weight) = draft.iter().fold((0, 0.0), |(n, sum), (word, w)| {
                        match word
                            .and_then(|word| statement.context.iter().find(|(c, _)| *c == word))
                        {
                            Some((_, distance)) => (n + 1, sum + w * nearness(*distance).sqrt()),
                            None => (n, sum),
                        }
                    });
                    Scored {
                        statement,
                        score: weight / total,
                        shared_words: shared,
                    }
                })
                .collect();
        scored.sort_by(|a, b| b.score.total_cmp(&a.score));
        scored
    }
}

/// How much a word counts at `distance` words from the value.
fn nearness(distance: usize) -> f64 {
    1.0 / (1.0 + distance as f64 / 3.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::claims::claims;
    use std::path::PathBuf;

    #[test]
    fn statements_are_found_by_measure_and_ranked_by_shared_content() {
        let articles = vec![
            Article::new(
                PathBuf::from("a.md"),
                "The peace plan was trimmed to 19 points in Geneva.".into(),
            ),
            Article::new(
                PathBuf::from("b.md"),
                "The strike lasted 12 days at the port.".into(),
            ),
            Article::new(
                PathBuf::from("c.md"),
                "Defence Minister Denys Shmyhal spoke.".into(),
            ),
        ];
        let index = StatementIndex::build(&articles);
        let text = "Negotiators cut the peace plan to 20 items in Geneva";
        let claim = claims(text, 0..text.len()).remove(0);
        let context = claim_context(text, &claim);
        let found = index.candidates("point", &context);
        assert_eq!(found.len(), 1);
        assert!(found[0].score > 0.4, "{}", found[0].score);
        assert!(found[0].score <= 1.0);
        assert_eq!(found[0].shared_words, 3, "peace, plan and Geneva");
        assert_eq!(index.roles_of("shmyhal", &context).len(), 1);
        assert!(
            index.candidates("day", &context).is_empty(),
            "nothing shared, nothing scored"
        );
    }
}
