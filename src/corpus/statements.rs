//! The corpus statement index: every checkable statement (quantity, weekday,
//! date, role) of every sentence, keyed by what it measures, with the
//! sentence's content words for ranking. Building it is one pass over the
//! corpus; a draft claim then scores only the statements of its own measure.

use crate::offsets::narrow;
use std::collections::BTreeMap;
use std::sync::Arc;

use fst::{Map, MapBuilder};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::packed::PackedStrings;
use super::store::{
    Blobs, BlobsWriter, Bytes, Decoded, Fixed, Postings, PostingsWriter, Sections, SectionsWriter,
    in_memory,
};
use super::{Article, Location, StatementSource};
use crate::text::claims::{Claim, claim_context_each, document_claims_with};
use crate::text::names::{SentenceMentions, sentence_mentions};
use crate::text::quotes::{Quotation, find_quotations};

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
pub struct StatementFacts {
    claims: Vec<(Claim, (u32, u32))>,
    /// Every claim's context words, claim after claim, nearest first.
    context_words: PackedStrings,
    /// Each context word's distance from its claim's value.
    context_distances: Vec<u32>,
    /// Per claim, where its context ends in `context_words`.
    context_ends: Vec<u32>,
}

impl StatementFacts {
    /// Each claim with its sentence and its context words with their
    /// distances.
    fn each(
        &self,
    ) -> impl Iterator<Item = (&Claim, (u32, u32), impl Iterator<Item = (&str, u32)>)> {
        self.claims.iter().zip(&self.context_ends).enumerate().map(
            |(i, ((claim, sentence), &end))| {
                let start = i
                    .checked_sub(1)
                    .and_then(|before| self.context_ends.get(before))
                    .map_or(0, |&end| end as usize);
                let words = (start..end as usize).map(|word| {
                    let distance = self.context_distances.get(word).copied();
                    (self.context_words.get(word), distance.unwrap_or(u32::MAX))
                });
                (claim, *sentence, words)
            },
        )
    }
}

pub(super) fn statement_facts(
    mentions: &[SentenceMentions],
    quotations: &[Quotation],
) -> StatementFacts {
    let mut facts = StatementFacts::default();
    for (sentence, found) in document_claims_with(mentions, quotations) {
        let range = (narrow(sentence.range.start), narrow(sentence.range.end));
        for claim in found {
            claim_context_each(sentence, &claim, |word, distance| {
                facts.context_words.push(word);
                facts.context_distances.push(narrow(distance));
            });
            facts.context_ends.push(narrow(facts.context_words.len()));
            facts.claims.push((claim, range));
        }
    }
    facts
}

/// The statement index, read in place from the index's sections.
#[derive(Debug, Clone)]
pub struct StatementIndex {
    /// Per statement: its claim and sentence, decoded when ranked high.
    claims: Blobs,
    /// Per statement: its article.
    articles: Fixed<u32>,
    /// Per statement: context-word ids with their distance from the value.
    contexts: Postings<(u32, u32)>,
    measures: Map<Bytes>,
    /// (measure id << 32 | word id) → its row in `postings`: the
    /// statements of that measure whose context has the word. A draft claim
    /// only ever scores statements it shares a word with, however large the
    /// corpus.
    posting_keys: Fixed<u64>,
    postings: Postings,
    /// Person (lower-case surname) → row in `roles`.
    people: Map<Bytes>,
    roles: Postings,
    /// (month << 8 | day) → row in `weekdays`: weekday statements written
    /// beside that date.
    dates: Fixed<u64>,
    weekdays: Postings,
    words: Map<Bytes>,
    /// Inverse document frequency of each word id over statement contexts,
    /// then (last) the mean: the weight of a word the corpus never uses.
    idf: Fixed<f64>,
    /// Per word id, the statements whose context has it; and how many
    /// words have each such count, by count: what another segment needs
    /// to weigh words over both.
    frequency: Fixed<u32>,
    frequency_counts: Fixed<(u32, u32)>,
    /// Statements decoded lately, shared by every lint.
    decoded: Decoded<Statement>,
}

/// A corpus statement scored against a draft sentence.
#[derive(Debug, Clone)]
pub struct Scored {
    pub statement: Arc<Statement>,
    /// Share of the draft sentence's (IDF-weighted) content the corpus
    /// sentence shares, from 0 to 1.
    pub score: f64,
    pub shared_words: usize,
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
                statement_facts(&sentence_mentions(doc), &find_quotations(doc).quotations)
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
    word_ids: FxHashMap<String, u32>,
    measure_ids: FxHashMap<String, u32>,
    /// Per word id, how many statements use it.
    sentence_frequency: Vec<u32>,
    claims: BlobsWriter,
    /// Per statement, its article.
    articles: Vec<u32>,
    contexts: PostingsWriter<(u32, u32)>,
    /// (measure, word) → the statements of the measure using the word.
    postings: FxHashMap<u64, Vec<u32>>,
    roles: BTreeMap<String, Vec<u32>>,
    weekdays: BTreeMap<u64, Vec<u32>>,
    /// Articles merged so far.
    merged: usize,
    /// The context word ids of the statement being merged, kept to reuse.
    context_ids: Vec<(u32, u32)>,
}

impl StatementIndexWriter {
    /// Merge the next article's facts (articles come in corpus order).
    pub fn add(&mut self, found: StatementFacts) {
        let article = narrow(self.merged);
        self.merged += 1;
        for (claim, sentence, context) in found.each() {
            let id = narrow(self.articles.len());
            let mut ids = std::mem::take(&mut self.context_ids);
            ids.clear();
            ids.extend(context.map(|(word, distance)| {
                let (word, new) = intern(&mut self.word_ids, word);
                if new {
                    self.sentence_frequency.push(0);
                }
                (word, distance)
            }));
            for &(word, _) in &ids {
                self.sentence_frequency[word as usize] += 1;
            }
            let (measure, _) = intern(&mut self.measure_ids, &claim.measure);
            for &(word, _) in &ids {
                self.postings
                    .entry(u64::from(measure) << 32 | u64::from(word))
                    .or_default()
                    .push(id);
            }
            if let Some((month, day)) = claim.paired_date {
                self.weekdays
                    .entry(u64::from(month) << 8 | u64::from(day))
                    .or_default()
                    .push(id);
            }
            if let Some(person) = &claim.person {
                match self.roles.get_mut(person) {
                    Some(ids) => ids.push(id),
                    None => {
                        self.roles.insert(person.clone(), vec![id]);
                    }
                }
            }
            self.claims.push_value(&(claim, sentence));
            self.articles.push(article);
            self.contexts.push(ids.iter().copied());
            self.context_ids = ids;
        }
    }

    /// Write the index's sections.
    pub fn finish(self, out: &mut SectionsWriter) {
        let StatementIndexWriter {
            word_ids,
            measure_ids,
            sentence_frequency,
            claims,
            articles,
            contexts,
            postings,
            roles,
            weekdays,
            ..
        } = self;
        let total = articles.len().max(1) as f64;
        let mut idf: Vec<f64> = sentence_frequency
            .iter()
            .map(|&n| idf_of(total, n))
            .collect();
        let mut frequency_counts: BTreeMap<u32, u32> = BTreeMap::new();
        for &n in &sentence_frequency {
            *frequency_counts.entry(n).or_default() += 1;
        }
        let frequency_counts: Vec<(u32, u32)> = frequency_counts.into_iter().collect();
        idf.push(unknown_weight(total, &frequency_counts));
        out.add_parts("statements.claims", claims.into_parts());
        out.add("statements.articles", Fixed::encode(&articles));
        contexts.finish("statements.contexts", out);
        out.add("statements.measures", fst_map(measure_ids));
        let (keys, lists) = keyed_lists(postings);
        out.add("statements.posting_keys", Fixed::encode(&keys));
        lists.finish("statements.postings", out);
        let mut people = MapBuilder::memory();
        let mut role_lists = PostingsWriter::default();
        for (row, (person, ids)) in roles.into_iter().enumerate() {
            let _ = people.insert(person, row as u64);
            role_lists.push(ids);
        }
        out.add("statements.people", people.into_inner().unwrap_or_default());
        role_lists.finish("statements.roles", out);
        let (dates, lists) = keyed_lists(weekdays);
        out.add("statements.dates", Fixed::encode(&dates));
        lists.finish("statements.weekdays", out);
        out.add("statements.words", fst_map(word_ids));
        out.add("statements.idf", Fixed::encode(&idf));
        out.add("statements.df", Fixed::encode(&sentence_frequency));
        out.add("statements.df_counts", Fixed::encode(&frequency_counts));
    }
}

impl StatementIndex {
    /// The index in `sections`, read in place.
    pub fn open(sections: &Sections) -> Result<StatementIndex, String> {
        let map = |name: &str| {
            Map::new(sections.get(name)?).map_err(|e| format!("unreadable {name} ({e})"))
        };
        Ok(StatementIndex {
            claims: Blobs::new(sections.get("statements.claims")?),
            articles: Fixed::new(sections.get("statements.articles")?),
            contexts: Postings::open(sections, "statements.contexts")?,
            measures: map("statements.measures")?,
            posting_keys: Fixed::new(sections.get("statements.posting_keys")?),
            postings: Postings::open(sections, "statements.postings")?,
            people: map("statements.people")?,
            roles: Postings::open(sections, "statements.roles")?,
            dates: Fixed::new(sections.get("statements.dates")?),
            weekdays: Postings::open(sections, "statements.weekdays")?,
            words: map("statements.words")?,
            idf: Fixed::new(sections.get("statements.idf")?),
            frequency: Fixed::new(sections.get("statements.df")?),
            frequency_counts: Fixed::new(sections.get("statements.df_counts")?),
            decoded: Decoded::default(),
        })
    }

    pub fn len(&self) -> usize {
        self.articles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    /// The row in `postings` of (measure id, word id), if any statement
    /// of the measure has the word.
    fn posting_row(&self, measure: u64, word: u64) -> Option<usize> {
        let key = measure << 32 | word;
        let row = self.posting_keys.partition_point(|k| *k < key);
        (self.posting_keys.get(row) == Some(key)).then_some(row)
    }

    /// The statements of `measure` whose context has `word`.
    pub(super) fn with_word(&self, measure: &str, word: &str) -> Option<Vec<u32>> {
        let row = self.posting_row(self.measures.get(measure)?, self.words.get(word)?)?;
        Some(self.postings.list(row).collect())
    }

    /// Every context word with its document frequency.
    pub(super) fn words(&self) -> Vec<(String, u32)> {
        use fst::{IntoStreamer, Streamer};
        let mut words = Vec::with_capacity(self.words.len());
        let mut stream = self.words.into_stream();
        while let Some((word, id)) = stream.next() {
            let df = usize::try_from(id)
                .ok()
                .and_then(|id| self.frequency.get(id))
                .unwrap_or(0);
            words.push((String::from_utf8_lossy(word).into_owned(), df));
        }
        words
    }

    /// How many statements of `measure` have `word` in their context.
    pub(super) fn count_with_word(&self, measure: &str, word: &str) -> Option<usize> {
        let row = self.posting_row(self.measures.get(measure)?, self.words.get(word)?)?;
        Some(self.postings.count(row))
    }

    /// A word's id and document frequency.
    pub(super) fn word(&self, word: &str) -> Option<(u32, u32)> {
        let id = u32::try_from(self.words.get(word)?).ok()?;
        Some((id, self.frequency.get(id as usize)?))
    }

    /// How many words have each document frequency, by frequency.
    pub(super) fn frequency_counts(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        self.frequency_counts.iter_from(0)
    }

    /// Statement `id`'s context words (ids in this index) and distances.
    pub(super) fn context_of(&self, id: u32) -> impl Iterator<Item = (u32, u32)> + '_ {
        self.contexts.list(id as usize)
    }

    /// The ids of one article's statements.
    pub(super) fn in_article(&self, article: u32) -> std::ops::Range<u32> {
        let first = self.articles.partition_point(|a| *a < article);
        let end = self.articles.partition_point(|a| *a <= article);
        narrow(first)..narrow(end)
    }

    /// How many statements use word `id`.
    pub(super) fn frequency_of(&self, id: u32) -> u32 {
        self.frequency.get(id as usize).unwrap_or(0)
    }

    /// The article of statement `id`, and its position among that
    /// article's statements.
    pub(super) fn place(&self, id: u32) -> Option<(u32, u32)> {
        let article = self.articles.get(id as usize)?;
        let first = self.articles.partition_point(|a| *a < article);
        Some((article, id - narrow(first)))
    }

    /// Role statements about `person`.
    pub(super) fn role_ids(&self, person: &str) -> Vec<u32> {
        match self.people.get(person) {
            Some(row) => self.roles.list(row as usize).collect(),
            None => Vec::new(),
        }
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
        let (claim, sentence): (Claim, (u32, u32)) = self.claims.value(id as usize)?;
        let article = self.articles.get(id as usize)?;
        Some(Statement {
            location: Location::new(article as usize, claim.range.clone()),
            sentence: Location::new(article as usize, sentence.0 as usize..sentence.1 as usize),
            context: self
                .contexts
                .list(id as usize)
                .map(|(word, distance)| (word, distance as usize))
                .collect(),
            claim,
        })
    }

    /// Share of the draft context's weight that a statement's context
    /// shares. A word weighs its IDF, less the further it stands from the
    /// value on either side, so "Geneva on Sunday" outweighs a word at the
    /// far end of the sentence.
    fn rank(&self, ids: &[u32], context: &[(String, usize)], limit: usize) -> Vec<Scored> {
        // Words the corpus never uses still count in the draft's total, at an
        // average weight: a sentence mostly about something else scores low.
        let unknown_weight = self
            .idf
            .len()
            .checked_sub(1)
            .and_then(|last| self.idf.get(last))
            .unwrap_or(0.0);
        let draft: Vec<(Option<u32>, f64)> = context
            .iter()
            .map(|(w, d)| {
                let word = self.words.get(w).and_then(|id| u32::try_from(id).ok());
                let idf = word
                    .and_then(|id| self.idf.get(id as usize))
                    .unwrap_or(unknown_weight);
                (word, idf * nearness(*d))
            })
            .collect();
        let total = draft_total(&draft);
        let mut theirs: Vec<(u32, u32)> = Vec::new();
        let scored: Vec<(u32, f64, usize)> = ids
            .iter()
            .map(|&id| {
                theirs.clear();
                theirs.extend(self.contexts.list(id as usize));
                let (score, shared) = score(&draft, total, &theirs);
                (id, score, shared)
            })
            .collect();
        best(scored, limit, |id| self.shared_statement(id))
    }
}

impl StatementSource for StatementIndex {
    fn candidates(&self, measure: &str, context: &[(String, usize)], limit: usize) -> Vec<Scored> {
        // A word in a large share of the statements ("said", "plan" in a
        // corpus about one plan) finds nothing by itself, and collecting its
        // postings would cost more than the rest together: only the rarer
        // words gather candidates, unless there are none (then the rarest).
        let Some(measure) = self.measures.get(measure) else {
            return Vec::new();
        };
        let rows: Vec<(usize, usize)> = context
            .iter()
            .filter_map(|(word, _)| self.words.get(word))
            .filter_map(|word| self.posting_row(measure, word))
            .map(|row| (self.postings.count(row), row))
            .collect();
        let mut ids: Vec<u32> = rare_rows(rows, common_limit(self.len()))
            .into_iter()
            .flat_map(|row| self.postings.list(row))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        self.rank(&ids, context, limit)
    }

    fn roles_of(&self, person: &str, context: &[(String, usize)]) -> Vec<Scored> {
        self.rank(&self.role_ids(person), context, usize::MAX)
    }

    fn weekdays_on(&self, date: (u32, u32)) -> Vec<Statement> {
        self.weekday_ids(date)
            .into_iter()
            .filter_map(|id| self.statement(id))
            .collect()
    }
}

/// Sorted keys, and each key's list in the same order.
fn keyed_lists(lists: impl IntoIterator<Item = (u64, Vec<u32>)>) -> (Vec<u64>, PostingsWriter) {
    let mut lists: Vec<(u64, Vec<u32>)> = lists.into_iter().collect();
    lists.sort_unstable_by_key(|(key, _)| *key);
    let mut keys = Vec::with_capacity(lists.len());
    let mut postings = PostingsWriter::default();
    for (key, ids) in lists {
        keys.push(key);
        postings.push(ids);
    }
    (keys, postings)
}

/// An fst map of `ids`' keys to their ids.
/// The id of `key` in `ids`, given the next id if it is new (and whether it
/// was); most keys are known, and need no allocation then.
fn intern(ids: &mut FxHashMap<String, u32>, key: &str) -> (u32, bool) {
    if let Some(&id) = ids.get(key) {
        return (id, false);
    }
    let id = narrow(ids.len());
    ids.insert(key.to_string(), id);
    (id, true)
}

fn fst_map(ids: FxHashMap<String, u32>) -> Vec<u8> {
    let mut sorted: Vec<(String, u32)> = ids.into_iter().collect();
    sorted.sort_unstable();
    let mut map = MapBuilder::memory();
    for (key, id) in sorted {
        // Keys are sorted and distinct, so inserting cannot fail.
        let _ = map.insert(key, u64::from(id));
    }
    map.into_inner().unwrap_or_default()
}

/// How much a word counts at `distance` words from the value.
pub(super) fn nearness(distance: usize) -> f64 {
    1.0 / (1.0 + distance as f64 / 3.0)
}

/// The inverse document frequency of a word in `df` of `total` statements.
pub(super) fn idf_of(total: f64, df: u32) -> f64 {
    (1.0 + total / (1.0 + f64::from(df))).ln()
}

/// The mean IDF over every word, from how many words have each document
/// frequency (ascending): summed in that order, so that any segmentation
/// of the corpus gives the same bits.
pub(super) fn unknown_weight(total: f64, frequency_counts: &[(u32, u32)]) -> f64 {
    let words: u32 = frequency_counts.iter().map(|(_, n)| n).sum();
    let sum: f64 = frequency_counts
        .iter()
        .map(|&(df, n)| f64::from(n) * idf_of(total, df))
        .sum();
    sum / f64::from(words.max(1))
}

/// The draft context's whole weight.
pub(super) fn draft_total(draft: &[(Option<u32>, f64)]) -> f64 {
    draft.iter().map(|(_, w)| w).sum::<f64>().max(f64::EPSILON)
}

/// A statement's score against the draft words (their ids in the
/// statement's segment, and weights): the share of the draft's weight it
/// shares, and how many words.
pub(super) fn score(
    draft: &[(Option<u32>, f64)],
    total: f64,
    theirs: &[(u32, u32)],
) -> (f64, usize) {
    let (shared, weight) = draft.iter().fold((0, 0.0), |(n, sum), (word, w)| {
        match word.and_then(|word| theirs.iter().find(|(c, _)| *c == word)) {
            Some((_, distance)) => (n + 1, sum + w * nearness(*distance as usize).sqrt()),
            None => (n, sum),
        }
    });
    (weight / total, shared)
}

/// The `limit` best of the scored (id, score, shared words), best first
/// (equal scores in the order given), with their statements.
pub(super) fn best(
    mut scored: Vec<(u32, f64, usize)>,
    limit: usize,
    statement: impl Fn(u32) -> Option<Arc<Statement>>,
) -> Vec<Scored> {
    scored.sort_by(|a, b| b.1.total_cmp(&a.1));
    scored
        .into_iter()
        .take(limit)
        .filter_map(|(id, score, shared_words)| {
            Some(Scored {
                statement: statement(id)?,
                score,
                shared_words,
            })
        })
        .collect()
}

/// Of the (count, list) rows of a draft claim's words, the rare ones (at
/// most `common` statements each), or the rarest when none is rare.
pub(super) fn rare_rows<R>(mut rows: Vec<(usize, R)>, common: usize) -> Vec<R> {
    rows.sort_by_key(|&(count, _)| count);
    let rare = rows
        .iter()
        .take_while(|(count, _)| *count <= common)
        .count();
    rows.truncate(rare.max(1).min(rows.len()));
    rows.into_iter().map(|(_, row)| row).collect()
}

/// How many statements make a context word too common to gather candidates.
pub(super) fn common_limit(statements: usize) -> usize {
    (statements / 20).max(2_000)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::claims::claim_context;
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
        let found = index.candidates("point", &context, usize::MAX);
        assert_eq!(found.len(), 1);
        assert!(found[0].score > 0.4, "{}", found[0].score);
        assert!(found[0].score <= 1.0);
        assert_eq!(found[0].shared_words, 3, "peace, plan and Geneva");
        assert_eq!(index.roles_of("shmyhal", &context).len(), 1);
        assert!(
            index.candidates("day", &context, usize::MAX).is_empty(),
            "nothing shared, nothing scored"
        );
    }
}
