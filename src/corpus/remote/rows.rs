//! One article's facts as the rows a database stores: the spellings it
//! uses with their counts and first places, the words it writes in lower
//! case, its quotations with their words, and its statements as claim
//! records under their (attribute, name) keys.

use rustc_hash::FxHashMap;

use crate::corpus::ArticleFacts;
use crate::corpus::statements::keys_of;
use crate::text::claims::Value;
use crate::text::names::is_name_like;
use crate::text::similarity::{lookup_keys, transliteration_key};

/// One spelling's use in one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameRow {
    pub spelling: String,
    pub mentions: u32,
    /// The first few byte ranges, in article order.
    pub samples: Vec<(u32, u32)>,
}

/// One quotation long enough to compare.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteRow {
    pub start: u32,
    pub end: u32,
    pub words: Vec<String>,
}

/// One claim record, with the columns it is looked up and read by.
#[derive(Debug, Clone, PartialEq)]
pub struct StatementRow {
    /// Its index keys: attribute with each name it is about.
    pub keys: Vec<String>,
    pub attribute: String,
    /// The names it is about, nearest first.
    pub subject: Vec<String>,
    pub value: String,
    /// A weekday's paired date as (month << 8 | day).
    pub weekday_date: Option<i32>,
    /// The record as the local index stores it: claim, sentence, terms.
    pub record: Vec<u8>,
}

/// Everything one article contributes to a stored corpus.
#[derive(Debug, Clone, Default)]
pub struct ArticleRows {
    pub names: Vec<NameRow>,
    pub lowercase_words: Vec<String>,
    pub quotes: Vec<QuoteRow>,
    pub statements: Vec<StatementRow>,
    /// Statement sentences, each counted once.
    pub sentences: u32,
    /// Per context term, the statement sentences it stands in.
    pub terms: Vec<(u32, u32)>,
}

/// The rows of one analysed article.
pub fn article_rows(facts: &ArticleFacts) -> ArticleRows {
    let names = facts
        .names
        .spellings_sampled()
        .map(|(spelling, mentions, samples)| NameRow {
            spelling: spelling.to_string(),
            mentions,
            samples: samples.to_vec(),
        })
        .collect();
    let lowercase_words = facts.names.lowercase_words().map(str::to_string).collect();
    let quotes = facts
        .quotes
        .quotations()
        .iter()
        .map(|(start, end, words)| QuoteRow {
            start: *start,
            end: *end,
            words: words.clone(),
        })
        .collect();
    let mut rows = ArticleRows {
        names,
        lowercase_words,
        quotes,
        ..ArticleRows::default()
    };
    // Sentences and their terms are counted as the local index counts
    // them: once per run of claims from one sentence.
    let mut terms: FxHashMap<u32, u32> = FxHashMap::default();
    let mut last_sentence = None;
    for record in facts.statements.records() {
        let (claim, sentence, sentence_terms) = record;
        if last_sentence != Some(*sentence) {
            last_sentence = Some(*sentence);
            rows.sentences += 1;
            for &term in sentence_terms {
                *terms.entry(term).or_default() += 1;
            }
        }
        let weekday_date = match (&claim.value, claim.time.paired_date) {
            (Value::Weekday(_), Some((month, day))) => i32::try_from(month << 8 | day).ok(),
            _ => None,
        };
        rows.statements.push(StatementRow {
            keys: keys_of(claim).collect(),
            attribute: claim.attribute.key(),
            subject: claim
                .subject
                .entities
                .iter()
                .map(|(e, _)| e.clone())
                .collect(),
            value: format!("{:?}", claim.value),
            weekday_date,
            record: postcard::to_stdvec(record).unwrap_or_default(),
        });
    }
    rows.terms = terms.into_iter().collect();
    rows.terms.sort_unstable();
    rows
}

/// The deletion keys a single-word name is found by as a near miss; none
/// for a spelling that is not name-like or has more than one word.
pub fn neighbour_keys(spelling: &str) -> Vec<u64> {
    match !spelling.contains(' ') && is_name_like(spelling) {
        true => lookup_keys(spelling),
        false => Vec::new(),
    }
}

/// The surname key a two-word name is found by: the folded surname.
pub fn surname_key(spelling: &str) -> Option<String> {
    match spelling.split(' ').collect::<Vec<_>>()[..] {
        [_given, surname] if is_name_like(spelling) => Some(transliteration_key(surname)),
        _ => None,
    }
}
