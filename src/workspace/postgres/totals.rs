//! The running totals an ingest adds to (spellings, lower-case words,
//! context terms, quotation words), summed in memory and written in one
//! upsert per table when the run ends or the sums grow large. Upserting
//! them batch by batch rewrote the same rows fifty times in one
//! transaction at 100,000 articles, each update walking the row's earlier
//! versions: 27 of 54 seconds.

use std::collections::HashMap;

use postgres::Transaction;
use postgres::types::Type;

use super::write::{Copy, sql};
use crate::corpus::remote::{neighbour_keys, surname_key};

/// Distinct keys held before the sums are written early, to bound an
/// ingest's memory (about 100 bytes each).
const HELD_MAX: usize = 2_000_000;

/// Sums not yet written.
#[derive(Debug, Default)]
pub(super) struct PendingTotals {
    /// Spelling → (mentions, articles).
    spellings: HashMap<String, (i64, i64)>,
    /// Lower-case word → articles.
    lowercase: HashMap<String, i64>,
    /// Context term → sentences.
    terms: HashMap<i64, i64>,
    /// Quotation word → wordings.
    words: HashMap<String, i64>,
    /// Articles, sentences and wordings added.
    corpus: [i64; 3],
}

impl PendingTotals {
    pub(super) fn add_spelling(&mut self, spelling: &str, mentions: u32) {
        let total = match self.spellings.get_mut(spelling) {
            Some(total) => total,
            None => self.spellings.entry(spelling.to_string()).or_default(),
        };
        total.0 += i64::from(mentions);
        total.1 += 1;
    }

    pub(super) fn add_lowercase(&mut self, word: &str) {
        add(&mut self.lowercase, word, 1);
    }

    pub(super) fn add_term(&mut self, term: u32, sentences: u32) {
        *self.terms.entry(i64::from(term)).or_default() += i64::from(sentences);
    }

    pub(super) fn add_quote_word(&mut self, word: &str) {
        add(&mut self.words, word, 1);
    }

    pub(super) fn add_to_corpus(&mut self, articles: usize, sentences: i64, wordings: i64) {
        self.corpus[0] += i64::try_from(articles).unwrap_or(i64::MAX);
        self.corpus[1] += sentences;
        self.corpus[2] += wordings;
    }

    /// Write the sums if they have grown large.
    pub(super) fn flush_if_large(&mut self, tx: &mut Transaction) -> Result<(), String> {
        let held = self.spellings.len() + self.lowercase.len() + self.words.len();
        if held + self.terms.len() > HELD_MAX {
            self.flush(tx)?;
        }
        Ok(())
    }

    /// Add the sums to the stored totals, and file spellings new to the
    /// corpus under their near-miss keys.
    pub(super) fn flush(&mut self, tx: &mut Transaction) -> Result<(), String> {
        let spellings = std::mem::take(&mut self.spellings);
        let (spellings, (mentions, articles)): (Vec<String>, (Vec<i64>, Vec<i64>)) =
            spellings.into_iter().unzip();
        // The spellings new to the corpus (inserted, not updated: `xmax =
        // 0`) are the ones to file under their near-miss keys.
        let mut new_spellings: Vec<String> = tx
            .query(
                "INSERT INTO spelling_totals
                 SELECT * FROM unnest($1::text[], $2::int8[], $3::int8[])
                 ON CONFLICT (spelling) DO UPDATE SET
                   mentions = spelling_totals.mentions + excluded.mentions,
                   articles = spelling_totals.articles + excluded.articles
                 RETURNING spelling, xmax = 0",
                &[&spellings, &mentions, &articles],
            )
            .map_err(sql)?
            .into_iter()
            .filter(|row| row.get::<_, bool>(1))
            .map(|row| row.get(0))
            .collect();
        new_spellings.sort_unstable();
        for (table, column, counts) in [
            (
                "lowercase_totals",
                "articles",
                std::mem::take(&mut self.lowercase),
            ),
            ("word_totals", "wordings", std::mem::take(&mut self.words)),
        ] {
            let (keys, counts): (Vec<String>, Vec<i64>) = counts.into_iter().unzip();
            tx.execute(
                &format!(
                    "INSERT INTO {table} SELECT * FROM unnest($1::text[], $2::int8[])
                     ON CONFLICT (word) DO UPDATE SET {column} = {table}.{column} + excluded.{column}"
                ),
                &[&keys, &counts],
            )
            .map_err(sql)?;
        }
        let (terms, sentences): (Vec<i64>, Vec<i64>) =
            std::mem::take(&mut self.terms).into_iter().unzip();
        tx.execute(
            "INSERT INTO term_totals SELECT * FROM unnest($1::int8[], $2::int8[])
             ON CONFLICT (term) DO UPDATE SET sentences = term_totals.sentences + excluded.sentences",
            &[&terms, &sentences],
        )
        .map_err(sql)?;
        let [articles, sentences, wordings] = std::mem::take(&mut self.corpus);
        tx.execute(
            "UPDATE corpus_totals SET articles = articles + $1, sentences = sentences + $2,
                    wordings = wordings + $3",
            &[&articles, &sentences, &wordings],
        )
        .map_err(sql)?;
        file_new_spellings(tx, &new_spellings)
    }
}

fn add(counts: &mut HashMap<String, i64>, key: &str, n: i64) {
    match counts.get_mut(key) {
        Some(count) => *count += n,
        None => {
            counts.insert(key.to_string(), n);
        }
    }
}

/// Where spellings are filed for near-miss lookups: a one-word name under
/// each of its deletion keys (stored as the same 64 bits, signed), a
/// two-word name under its folded surname. Filing and forgetting a
/// spelling both go by this.
struct Filing<'a> {
    keys: (Vec<i64>, Vec<&'a str>),
    surnames: (Vec<String>, Vec<&'a str>),
}

impl<'a> Filing<'a> {
    fn of(spellings: &'a [String]) -> Filing<'a> {
        let keys = spellings
            .iter()
            .flat_map(|s| {
                neighbour_keys(s)
                    .into_iter()
                    .map(move |k| (k as i64, s.as_str()))
            })
            .unzip();
        let surnames = spellings
            .iter()
            .filter_map(|s| Some((surname_key(s)?, s.as_str())))
            .unzip();
        Filing { keys, surnames }
    }
}

/// File spellings new to the corpus for near-miss lookups.
fn file_new_spellings(tx: &mut Transaction, spellings: &[String]) -> Result<(), String> {
    let filing = Filing::of(spellings);
    let mut keys = Copy::new(tx, "name_keys (key, spelling)", &[Type::INT8, Type::TEXT])?;
    for (key, spelling) in filing.keys.0.iter().zip(&filing.keys.1) {
        keys.row(&[key, spelling])?;
    }
    keys.finish()?;
    let mut surnames = Copy::new(
        tx,
        "name_surnames (key, spelling)",
        &[Type::TEXT, Type::TEXT],
    )?;
    for (key, spelling) in filing.surnames.0.iter().zip(&filing.surnames.1) {
        surnames.row(&[key, spelling])?;
    }
    surnames.finish()
}

/// Take spellings the corpus no longer uses out of the near-miss lookups,
/// so that one coming back is filed anew.
pub(super) fn forget_spellings(tx: &mut Transaction, spellings: &[String]) -> Result<(), String> {
    let Filing { keys, surnames } = Filing::of(spellings);
    tx.execute(
        "DELETE FROM name_keys WHERE (key, spelling) IN
         (SELECT * FROM unnest($1::int8[], $2::text[]))",
        &[&keys.0, &keys.1],
    )
    .map_err(sql)?;
    tx.execute(
        "DELETE FROM name_surnames WHERE (key, spelling) IN
         (SELECT * FROM unnest($1::text[], $2::text[]))",
        &[&surnames.0, &surnames.1],
    )
    .map_err(sql)?;
    Ok(())
}
