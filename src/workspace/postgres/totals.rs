//! The running totals an ingest adds to (spellings, lower-case words,
//! context terms, quotation words), summed in memory (set aside in
//! temporary tables when they grow large) and written in one upsert per
//! table when the run ends. Upserting them batch by batch rewrote the same
//! rows fifty times in one transaction at 100,000 articles, each update
//! walking the row's earlier versions: 27 of 54 seconds.

use std::collections::HashMap;

use postgres::Transaction;
use postgres::types::Type;
use rayon::prelude::*;

use super::write::{Copy, sql};
use crate::corpus::remote::{neighbour_keys, surname_key};

/// Distinct keys held before the sums are set aside, to bound an ingest's
/// memory (about 100 bytes each).
pub const HELD_SUMS: usize = 2_000_000;

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
    /// Some sums were set aside in temporary tables.
    spilled: bool,
    /// Distinct keys held before they are.
    held_max: usize,
}

impl PendingTotals {
    pub(super) fn holding(held_max: usize) -> PendingTotals {
        PendingTotals {
            held_max,
            ..PendingTotals::default()
        }
    }

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

    /// Set the sums aside if they have grown large.
    pub(super) fn flush_if_large(&mut self, tx: &mut Transaction) -> Result<(), String> {
        let held = self.spellings.len() + self.lowercase.len() + self.words.len();
        if held + self.terms.len() > self.held_max {
            self.spill(tx)?;
        }
        Ok(())
    }

    /// Move the sums held into temporary tables, appended to without an
    /// index, to add to the totals when the run ends. Upserting them into
    /// the totals at each spill made every later spill slower, as each
    /// update walked the row's earlier versions in the one transaction: 685
    /// of 1,035 seconds at a million articles, with ten spills.
    fn spill(&mut self, tx: &mut Transaction) -> Result<(), String> {
        if !self.spilled {
            let create: String = TOTALS
                .iter()
                .map(|t| {
                    format!(
                        "CREATE TEMP TABLE spilled_{0} (LIKE {0}) ON COMMIT DROP;",
                        t.table
                    )
                })
                .collect();
            tx.batch_execute(&create).map_err(sql)?;
            self.spilled = true;
        }
        let [spellings, lowercase, words, terms] = &TOTALS;
        let mut rows = spellings.copy_spilled(tx)?;
        for (spelling, (mentions, articles)) in self.spellings.drain() {
            rows.row(&[&spelling, &mentions, &articles])?;
        }
        rows.finish()?;
        for (totals, counts) in [(lowercase, &mut self.lowercase), (words, &mut self.words)] {
            let mut rows = totals.copy_spilled(tx)?;
            for (word, count) in counts.drain() {
                rows.row(&[&word, &count])?;
            }
            rows.finish()?;
        }
        let mut rows = terms.copy_spilled(tx)?;
        for (term, sentences) in self.terms.drain() {
            rows.row(&[&term, &sentences])?;
        }
        rows.finish()
    }

    /// Add the sums (held, and any set aside) to the stored totals, and file
    /// spellings new to the corpus under their near-miss keys.
    pub(super) fn flush(&mut self, tx: &mut Transaction) -> Result<(), String> {
        if self.spilled {
            // Summing millions of spilled rows by key, in memory.
            tx.batch_execute("SET LOCAL work_mem = '256MB'")
                .map_err(sql)?;
        }
        let [spellings, lowercase, words, terms] = &TOTALS;
        let (keys, (mentions, articles)): (Vec<String>, (Vec<i64>, Vec<i64>)) =
            std::mem::take(&mut self.spellings).into_iter().unzip();
        // The spellings new to the corpus (inserted, not updated: `xmax =
        // 0`) are the ones to file under their near-miss keys.
        let mut new_spellings: Vec<String> = tx
            .query(
                &format!(
                    "{} RETURNING spelling, xmax = 0",
                    spellings.upsert(self.spilled)
                ),
                &[&keys, &mentions, &articles],
            )
            .map_err(sql)?
            .into_iter()
            .filter(|row| row.get::<_, bool>(1))
            .map(|row| row.get(0))
            .collect();
        new_spellings.sort_unstable();
        for (totals, counts) in [
            (lowercase, std::mem::take(&mut self.lowercase)),
            (words, std::mem::take(&mut self.words)),
        ] {
            let (keys, counts): (Vec<String>, Vec<i64>) = counts.into_iter().unzip();
            tx.execute(&totals.upsert(self.spilled), &[&keys, &counts])
                .map_err(sql)?;
        }
        let (keys, sentences): (Vec<i64>, Vec<i64>) =
            std::mem::take(&mut self.terms).into_iter().unzip();
        tx.execute(&terms.upsert(self.spilled), &[&keys, &sentences])
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

/// One table of running totals: a key and the counts summed under it.
struct Totals {
    table: &'static str,
    key: &'static str,
    key_type: Type,
    counts: &'static [&'static str],
}

/// Spellings, lower-case words, quotation words and context terms, in the
/// order `PendingTotals` writes them.
const TOTALS: [Totals; 4] = [
    Totals {
        table: "spelling_totals",
        key: "spelling",
        key_type: Type::TEXT,
        counts: &["mentions", "articles"],
    },
    Totals {
        table: "lowercase_totals",
        key: "word",
        key_type: Type::TEXT,
        counts: &["articles"],
    },
    Totals {
        table: "word_totals",
        key: "word",
        key_type: Type::TEXT,
        counts: &["wordings"],
    },
    Totals {
        table: "term_totals",
        key: "term",
        key_type: Type::INT8,
        counts: &["sentences"],
    },
];

impl Totals {
    fn copy_spilled<'a>(&self, tx: &'a mut Transaction) -> Result<Copy<'a>, String> {
        let mut types = vec![self.key_type.clone()];
        types.extend(self.counts.iter().map(|_| Type::INT8));
        Copy::new(tx, &format!("spilled_{}", self.table), &types)
    }

    /// The statement that adds the sums passed as arrays ($1 the keys, then
    /// one per count), and any spilled, to the stored totals.
    fn upsert(&self, spilled: bool) -> String {
        let Totals {
            table, key, counts, ..
        } = self;
        let key_array = match self.key_type == Type::INT8 {
            true => "int8[]",
            false => "text[]",
        };
        let arrays: String = (0..counts.len())
            .map(|i| format!(", ${}::int8[]", i + 2))
            .collect();
        let columns = counts.join(", ");
        let held = format!("unnest($1::{key_array}{arrays}) AS held ({key}, {columns})");
        let source = match spilled {
            false => held,
            true => {
                let sums: Vec<String> = counts.iter().map(|c| format!("sum({c})::int8")).collect();
                format!(
                    "(SELECT {key}, {} FROM (TABLE spilled_{table} UNION ALL SELECT * FROM {held}) AS parts GROUP BY {key}) AS summed",
                    sums.join(", ")
                )
            }
        };
        let adds: Vec<String> = counts
            .iter()
            .map(|c| format!("{c} = {table}.{c} + excluded.{c}"))
            .collect();
        format!(
            "INSERT INTO {table} SELECT * FROM {source}
             ON CONFLICT ({key}) DO UPDATE SET {}",
            adds.join(", ")
        )
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
        // On both cores: a first load files every spelling at once.
        let keys = spellings
            .par_iter()
            .flat_map_iter(|s| {
                neighbour_keys(s)
                    .into_iter()
                    .map(move |k| (k as i64, s.as_str()))
            })
            .unzip();
        let surnames = spellings
            .par_iter()
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
