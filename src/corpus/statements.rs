//! The corpus statement index: every claim of every sentence as its record
//! (subject, attribute, value, qualifiers, time), keyed by its attribute
//! and each name it is about. A draft claim asks only for the statements
//! of its own attribute about its own names, however large the corpus.

use std::sync::Arc;

use fst::{Map, MapBuilder};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::store::{
    Blobs, BlobsWriter, Bytes, Decoded, Fixed, Postings, PostingsWriter, Sections, SectionsWriter,
    in_memory,
};
use super::{Article, Location, StatementSource};
use crate::document::Document;
use crate::offsets::narrow;
use crate::text::claims::{Attribute, Claim, FAR, Value, document_claims_with, term_hashes};
use crate::text::names::{SentenceMentions, sentence_mentions};
use crate::text::quotes::{Quotation, find_quotations};

/// The names a statement is found by: its nearest, with the owner or
/// person first. Farther names say less of whose the claim is.
pub const KEYED_ENTITIES: usize = 6;

/// One corpus statement and where it stands.
#[derive(Debug, Clone)]
pub struct Statement {
    pub claim: Claim,
    /// The value's place in its article (`claim.range` as a location).
    pub location: Location,
    /// The whole sentence, for evidence.
    pub sentence: Location,
    /// The sentence's context terms (`term_hashes`), sorted: what the
    /// statement is compared with a draft's sentence on.
    pub terms: Vec<u32>,
}

/// The statements of one article: each claim with its sentence's range.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct StatementFacts {
    /// Each claim with its sentence's range and context terms.
    claims: Vec<(Claim, (u32, u32), Vec<u32>)>,
}

impl StatementFacts {
    /// Each claim with its sentence's range and terms, in article order.
    pub(super) fn records(&self) -> &[(Claim, (u32, u32), Vec<u32>)] {
        &self.claims
    }
}

pub(super) fn statement_facts(
    doc: &Document,
    mentions: &[SentenceMentions],
    quotations: &[Quotation],
) -> StatementFacts {
    let mut facts = StatementFacts::default();
    for (sentence, found) in document_claims_with(doc, mentions, quotations) {
        let range = (narrow(sentence.range.start), narrow(sentence.range.end));
        let terms = if found.is_empty() {
            Vec::new()
        } else {
            term_hashes(sentence)
        };
        facts
            .claims
            .extend(found.into_iter().map(|claim| (claim, range, terms.clone())));
    }
    facts
}

/// The keys a claim is indexed under: its attribute with each name it is
/// about.
pub fn keys_of(claim: &Claim) -> impl Iterator<Item = String> + '_ {
    let attribute = claim.attribute.key();
    claim
        .subject
        .entities
        .iter()
        .filter(|(_, distance)| *distance != FAR)
        .take(KEYED_ENTITIES)
        .map(move |(entity, _)| key(&attribute, entity))
}

/// One index key: an attribute and a name.
pub fn key(attribute: &str, entity: &str) -> String {
    [attribute, entity].join("\u{1f}")
}

/// The statement index, read in place from the index's sections.
#[derive(Debug, Clone)]
pub struct StatementIndex {
    /// Per statement: its claim and sentence, decoded when asked for.
    claims: Blobs,
    /// Per statement: its article.
    articles: Fixed<u32>,
    /// Key (attribute and name) → row in `postings`.
    keys: Map<Bytes>,
    postings: Postings,
    /// (month << 8 | day) → row in `weekdays`: weekday statements written
    /// beside that date.
    dates: Fixed<u64>,
    weekdays: Postings,
    /// (term << 32 | sentences), sorted: in how many statement sentences
    /// each context term stands, for weighing a shared term by its rarity.
    term_counts: Fixed<u64>,
    /// How many statement sentences there are (one record).
    sentence_count: Fixed<u64>,
    /// Statements decoded lately, shared by every lint.
    decoded: Decoded<Statement>,
}

impl Default for StatementIndex {
    fn default() -> Self {
        in_memory(
            |out| StatementIndex::write(std::iter::empty(), out),
            StatementIndex::open,
        )
    }
}

impl StatementIndex {
    /// Analyse and index `articles`.
    pub fn build(articles: &[Article]) -> StatementIndex {
        let facts: Vec<StatementFacts> = articles
            .iter()
            .map(|a| {
                let doc = a.document();
                statement_facts(
                    doc,
                    &sentence_mentions(doc),
                    &find_quotations(doc).quotations,
                )
            })
            .collect();
        in_memory(
            |out| StatementIndex::write(facts.into_iter(), out),
            StatementIndex::open,
        )
    }

    /// Merge the statements of every article into the index's sections; an
    /// article's position in `facts` is its index in the corpus.
    pub fn write(facts: impl Iterator<Item = StatementFacts>, out: &mut SectionsWriter) {
        let mut writer = StatementIndexWriter::default();
        facts.for_each(|facts| writer.add(facts));
        writer.finish(out);
    }
}

/// The statement index being written: articles' facts merged as they come.
#[derive(Default)]
pub struct StatementIndexWriter {
    claims: BlobsWriter,
    /// Per statement, its article.
    articles: Vec<u32>,
    /// Key → the statements under it.
    postings: FxHashMap<String, Vec<u32>>,
    weekdays: FxHashMap<u64, Vec<u32>>,
    /// Term → the statement sentences it stands in.
    term_counts: FxHashMap<u32, u32>,
    sentences: u64,
    /// Articles merged so far.
    merged: usize,
}

impl StatementIndexWriter {
    /// Merge the next article's facts (articles come in corpus order).
    pub fn add(&mut self, found: StatementFacts) {
        let article = narrow(self.merged);
        self.merged += 1;
        let mut last_sentence = None;
        for (claim, sentence, terms) in found.claims {
            if last_sentence != Some(sentence) {
                last_sentence = Some(sentence);
                self.sentences += 1;
                for &term in &terms {
                    *self.term_counts.entry(term).or_default() += 1;
                }
            }
            let id = narrow(self.articles.len());
            for key in keys_of(&claim) {
                self.postings.entry(key).or_default().push(id);
            }
            if let (Value::Weekday(_), Some((month, day))) = (&claim.value, claim.time.paired_date)
            {
                self.weekdays
                    .entry(u64::from(month) << 8 | u64::from(day))
                    .or_default()
                    .push(id);
            }
            self.claims.push_value(&(claim, sentence, terms));
            self.articles.push(article);
        }
    }

    /// Write the index's sections.
    pub fn finish(self, out: &mut SectionsWriter) {
        let mut postings: Vec<(String, Vec<u32>)> = self.postings.into_iter().collect();
        postings.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut keys = MapBuilder::memory();
        let mut lists = PostingsWriter::default();
        for (row, (key, ids)) in postings.into_iter().enumerate() {
            // Keys are sorted and distinct, so inserting cannot fail.
            let _ = keys.insert(key, row as u64);
            lists.push(ids);
        }
        out.add_parts("statements.claims", self.claims.into_parts());
        out.add("statements.articles", Fixed::encode(&self.articles));
        out.add("statements.keys", keys.into_inner().unwrap_or_default());
        lists.finish("statements.postings", out);
        let mut weekdays: Vec<(u64, Vec<u32>)> = self.weekdays.into_iter().collect();
        weekdays.sort_unstable_by_key(|(date, _)| *date);
        let mut dates = Vec::with_capacity(weekdays.len());
        let mut lists = PostingsWriter::default();
        for (date, ids) in weekdays {
            dates.push(date);
            lists.push(ids);
        }
        out.add("statements.dates", Fixed::encode(&dates));
        lists.finish("statements.weekdays", out);
        let mut counts: Vec<u64> = self
            .term_counts
            .into_iter()
            .map(|(term, n)| u64::from(term) << 32 | u64::from(n))
            .collect();
        counts.sort_unstable();
        out.add("statements.terms", Fixed::encode(&counts));
        out.add("statements.sentences", Fixed::encode(&[self.sentences]));
    }
}

impl StatementIndex {
    /// The index in `sections`, read in place.
    pub fn open(sections: &Sections) -> Result<StatementIndex, String> {
        let keys = Map::new(sections.get("statements.keys")?)
            .map_err(|e| format!("unreadable statements.keys ({e})"))?;
        Ok(StatementIndex {
            claims: Blobs::new(sections.get("statements.claims")?),
            articles: Fixed::new(sections.get("statements.articles")?),
            keys,
            postings: Postings::open(sections, "statements.postings")?,
            dates: Fixed::new(sections.get("statements.dates")?),
            weekdays: Postings::open(sections, "statements.weekdays")?,
            term_counts: Fixed::new(sections.get("statements.terms")?),
            sentence_count: Fixed::new(sections.get("statements.sentences")?),
            decoded: Decoded::default(),
        })
    }

    pub fn len(&self) -> usize {
        self.articles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    /// The statements under `key`.
    pub(super) fn with_key(&self, key: &str) -> Vec<u32> {
        match self.keys.get(key) {
            Some(row) => self.postings.list(row as usize).collect(),
            None => Vec::new(),
        }
    }

    /// The article of statement `id`, and its position among that
    /// article's statements.
    pub(super) fn place(&self, id: u32) -> Option<(u32, u32)> {
        let article = self.articles.get(id as usize)?;
        let first = self.articles.partition_point(|a| *a < article);
        Some((article, id - narrow(first)))
    }

    /// The statements of `article`, as a range of ids.
    pub(super) fn ids_of(&self, article: u32) -> std::ops::Range<u32> {
        let first = self.articles.partition_point(|a| *a < article);
        let end = self.articles.partition_point(|a| *a <= article);
        narrow(first)..narrow(end)
    }

    /// Weekday statements beside the date (month, day).
    pub(super) fn weekday_ids(&self, (month, day): (u32, u32)) -> Vec<u32> {
        let key = u64::from(month) << 8 | u64::from(day);
        let row = self.dates.partition_point(|k| *k < key);
        if self.dates.get(row) != Some(key) {
            return Vec::new();
        }
        self.weekdays.list(row).collect()
    }

    /// Statement `id`, decoded once while it stays in the cache.
    pub(super) fn shared_statement(&self, id: u32) -> Option<Arc<Statement>> {
        self.decoded.get_or_decode(id, || self.statement(id))
    }

    pub fn statement(&self, id: u32) -> Option<Statement> {
        let record = self.claims.value(id as usize)?;
        Some(Statement::from_record(
            self.articles.get(id as usize)?,
            record,
        ))
    }
}

/// A statement as the index stores it: its claim, its sentence's range and
/// its context terms.
pub(super) type StatementRecord = (Claim, (u32, u32), Vec<u32>);

impl Statement {
    /// The statement of a stored record in article `article`.
    pub(super) fn from_record(article: u32, (claim, sentence, terms): StatementRecord) -> Self {
        Statement {
            location: Location::new(article as usize, claim.range.clone()),
            sentence: Location::new(article as usize, sentence.0 as usize..sentence.1 as usize),
            claim,
            terms,
        }
    }
}

/// The statements a draft claim is compared with, at most this many: those
/// under most of its keys first. A name the corpus writes about in every
/// article finds thousands, of which the few that share more are the ones.
pub const MAX_CANDIDATES: usize = 400;

/// Of the statements under each of a claim's keys, the ones to compare
/// with: every one when they are few, else those under most keys (in
/// corpus order within a count), at most [`MAX_CANDIDATES`]; returned in
/// corpus order (`order` gives a statement's place). The corpus database
/// chooses the same ones in SQL (`workspace/postgres/answer.rs`).
pub(super) fn candidate_ids(lists: Vec<Vec<u32>>, order: impl Fn(u32) -> u64) -> Vec<u32> {
    let total: usize = lists.iter().map(Vec::len).sum();
    let mut counts: FxHashMap<u32, u32> = FxHashMap::default();
    for list in &lists {
        for &id in list {
            *counts.entry(id).or_default() += 1;
        }
    }
    let mut ids: Vec<(u32, u32)> = counts.into_iter().collect();
    if total > MAX_CANDIDATES {
        ids.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(order(a.0).cmp(&order(b.0))));
        ids.truncate(MAX_CANDIDATES);
    }
    let mut ids: Vec<u32> = ids.into_iter().map(|(id, _)| id).collect();
    ids.sort_unstable_by_key(|id| order(*id));
    ids
}

impl StatementSource for StatementIndex {
    fn about(&self, attribute: &Attribute, entities: &[&str]) -> Vec<Arc<Statement>> {
        let attribute = attribute.key();
        let lists = entities
            .iter()
            .map(|entity| self.with_key(&key(&attribute, entity)))
            .collect();
        candidate_ids(lists, u64::from)
            .into_iter()
            .filter_map(|id| self.shared_statement(id))
            .collect()
    }

    fn weekdays_on(&self, date: (u32, u32)) -> Vec<Statement> {
        self.weekday_ids(date)
            .into_iter()
            .filter_map(|id| self.statement(id))
            .collect()
    }

    fn term_count(&self, term: u32) -> u64 {
        let key = u64::from(term) << 32;
        let row = self.term_counts.partition_point(|k| *k < key);
        match self.term_counts.get(row) {
            Some(found) if found >> 32 == u64::from(term) => found & u64::from(u32::MAX),
            _ => 0,
        }
    }

    fn sentence_count(&self) -> u64 {
        self.sentence_count.get(0).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn statements_are_found_by_attribute_and_name() {
        let articles = vec![
            Article::new(
                PathBuf::from("a.md"),
                "The US peace plan was trimmed to 19 points in Geneva.".into(),
            ),
            Article::new(
                PathBuf::from("b.md"),
                "The strike lasted 12 days at the port of Le Havre.".into(),
            ),
            Article::new(
                PathBuf::from("c.md"),
                "Defence Minister Denys Shmyhal spoke in Kyiv.".into(),
            ),
        ];
        let index = StatementIndex::build(&articles);
        let points = Attribute::Count {
            noun: "point".into(),
        };
        assert_eq!(index.about(&points, &["geneva"]).len(), 1);
        assert_eq!(
            index.about(&points, &["geneva", "us"]).len(),
            1,
            "each once"
        );
        assert!(index.about(&points, &["havre"]).is_empty());
        assert_eq!(index.about(&Attribute::Title, &["shmyhal"]).len(), 1);
        assert!(index.about(&Attribute::Duration, &["geneva"]).is_empty());
    }

    #[test]
    fn many_candidates_keep_those_under_most_keys() {
        let common: Vec<u32> = (0..1000).collect();
        let rare = vec![5, 700, 2000];
        let ids = candidate_ids(vec![common, rare], u64::from);
        assert_eq!(ids.len(), MAX_CANDIDATES);
        assert!(ids.contains(&5) && ids.contains(&700), "{:?}", &ids[..3]);
        assert_eq!(
            candidate_ids(vec![vec![3, 1], vec![1, 2]], u64::from),
            vec![1, 2, 3]
        );
    }
}
