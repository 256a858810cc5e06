//! Spellings over two segments. The delta offers every name-like spelling
//! to near-miss lookups; whether one qualifies (mentions over both, never
//! written in lower case in either) is judged here. The retired articles'
//! mentions and lower-case words come off the base's counts, their samples
//! are replaced by the next ones (found when the delta is written), and a
//! spelling the base left out for a lower-case twin only they wrote is
//! offered again.

use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use super::{ArticleMap, Layered, Segment};
use crate::corpus::names::{NameFacts, NameIndex, SAMPLES_KEPT, qualifies};
use crate::corpus::store::{Blobs, Sections};
use crate::corpus::{ArticleFacts, Location, SpellingSource, SpellingStats};
use crate::text::similarity::lookup_keys;

#[derive(Debug)]
pub struct LayeredNames {
    layers: Layered<NameIndex>,
    /// Per spelling the retired articles use: their mentions, and how many
    /// of them use it.
    retired_spellings: FxHashMap<String, (usize, usize)>,
    /// Per lower-case word the retired articles write: how many do.
    retired_lowercase: FxHashMap<String, u32>,
    /// The base's samples of spellings it sampled in retired articles,
    /// as if they had never been indexed.
    resampled: FxHashMap<String, Vec<Location>>,
    /// Spellings the base left out of its neighbours for a lower-case twin
    /// that only retired articles wrote, by deletion key, sorted.
    revived: Vec<(u64, String)>,
}

/// The section of a delta index holding [`RetiredNames`].
pub const RETIRED_NAMES: &str = "names.retired";

/// What the name index needs of the articles a delta retires: their name
/// facts, and the base's samples of each spelling sampled in them, taken
/// again over the rest. Written into the delta, since the samples are
/// found in other base articles' stored facts, which a start does not read.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct RetiredNames {
    facts: Vec<NameFacts>,
    /// Spelling → the base's samples.
    samples: Vec<(String, Vec<Sample>)>,
}

/// A sample as stored: article, start, end.
type Sample = (u32, u32, u32);

impl RetiredNames {
    /// The retired base `rows` (ascending) of an index whose sections hold
    /// `base`, each article's facts stored in `base_facts`.
    pub fn new(base: &Sections, rows: &[u32], base_facts: &Blobs) -> Result<RetiredNames, String> {
        let index = NameIndex::open(base)?;
        let stored = |row: u32| {
            base_facts
                .value::<ArticleFacts>(row as usize)
                .ok_or_else(|| format!("unreadable stored facts of article {row}"))
        };
        let is_retired = |article: u32| rows.binary_search(&article).is_ok();
        let mut facts = Vec::with_capacity(rows.len());
        let mut samples = Vec::new();
        for &row in rows {
            let names = stored(row)?.names;
            for (spelling, _) in names.spellings() {
                let Some(at) = index.row(spelling) else {
                    continue;
                };
                let Some(stats) = index.stats_at(at) else {
                    continue;
                };
                if !stats.samples.iter().any(|l| is_retired(l.article)) {
                    continue;
                }
                // Those kept of articles sampled whole, then each later
                // article's, as one index of the rest would have kept.
                let later: Vec<u32> = index.later_articles(at).collect();
                let mut kept: Vec<Sample> = stats
                    .samples
                    .iter()
                    .filter(|l| !is_retired(l.article) && later.binary_search(&l.article).is_err())
                    .map(|l| (l.article, l.start, l.end))
                    .collect();
                for article in later.into_iter().filter(|&a| !is_retired(a)) {
                    let room = SAMPLES_KEPT.saturating_sub(kept.len());
                    if room == 0 {
                        break;
                    }
                    let theirs = stored(article)?.names;
                    let found = theirs.samples_of(spelling).iter().take(room);
                    kept.extend(found.map(|&(start, end)| (article, start, end)));
                }
                samples.push((spelling.to_string(), kept));
            }
            facts.push(names);
        }
        samples.sort_unstable();
        samples.dedup_by(|a, b| a.0 == b.0);
        Ok(RetiredNames { facts, samples })
    }

    /// The section's bytes.
    pub fn encode(&self) -> Vec<u8> {
        postcard::to_stdvec(self).unwrap_or_default()
    }
}

impl LayeredNames {
    /// The name index of a base, less what `retired` took away, and a delta.
    pub fn new(
        base: NameIndex,
        delta: NameIndex,
        articles: Arc<ArticleMap>,
        retired: RetiredNames,
    ) -> LayeredNames {
        let mut retired_spellings: FxHashMap<String, (usize, usize)> = FxHashMap::default();
        let mut retired_lowercase: FxHashMap<String, u32> = FxHashMap::default();
        for facts in &retired.facts {
            for (spelling, mentions) in facts.spellings() {
                let entry = retired_spellings.entry(spelling.to_string()).or_default();
                entry.0 += mentions as usize;
                entry.1 += 1;
            }
            for word in facts.lowercase_words() {
                *retired_lowercase.entry(word.to_string()).or_default() += 1;
            }
        }
        let resampled = retired
            .samples
            .into_iter()
            .map(|(spelling, samples)| {
                let samples = samples.into_iter();
                let samples = samples.map(|(article, start, end)| Location {
                    article,
                    start,
                    end,
                });
                (spelling, samples.collect())
            })
            .collect();
        let mut revived: Vec<(u64, String)> = retired_lowercase
            .iter()
            .filter(|(word, n)| base.lowercase_articles(word) == **n && !delta.is_common_word(word))
            .flat_map(|(word, _)| base.twins_of(word))
            .flat_map(|spelling| {
                let keys = lookup_keys(&spelling);
                keys.into_iter().map(move |key| (key, spelling.clone()))
            })
            .collect();
        revived.sort_unstable();
        LayeredNames {
            layers: Layered {
                base,
                delta,
                articles,
            },
            retired_spellings,
            retired_lowercase,
            resampled,
            revived,
        }
    }

    /// The base's stats for `spelling` without the retired articles'.
    fn base_stats(&self, spelling: &str) -> Option<SpellingStats> {
        let mut stats = self.layers.base.get(spelling)?;
        let Some(&(mentions, articles)) = self.retired_spellings.get(spelling) else {
            return Some(stats);
        };
        stats.mentions = stats.mentions.saturating_sub(mentions);
        stats.articles = stats.articles.saturating_sub(articles);
        if stats.mentions == 0 {
            return None;
        }
        if let Some(samples) = self.resampled.get(spelling) {
            stats.samples = samples.clone();
        }
        Some(stats)
    }

    /// Of `spellings` (sorted), those not yet `seen` that qualify over both
    /// segments, with their stats.
    fn qualified(
        &self,
        mut spellings: Vec<String>,
        seen: &mut FxHashSet<String>,
    ) -> Vec<(String, SpellingStats)> {
        spellings.sort_unstable();
        spellings.dedup();
        spellings
            .into_iter()
            .filter(|spelling| seen.insert(spelling.clone()))
            .filter_map(|spelling| {
                let stats = self.get(&spelling)?;
                qualifies(&spelling, stats.mentions, |w| self.is_common_word(w))
                    .then_some((spelling, stats))
            })
            .collect()
    }

    fn spellings(&self, rows: (Vec<u32>, Vec<u32>)) -> Vec<String> {
        let spelling = |index: &NameIndex, row| index.neighbour_spelling(row).map(str::to_string);
        let (base, delta) = rows;
        base.into_iter()
            .filter_map(|row| spelling(&self.layers.base, row))
            .chain(
                delta
                    .into_iter()
                    .filter_map(|row| spelling(&self.layers.delta, row)),
            )
            .collect()
    }

    /// The revived spellings with deletion key `key`.
    fn revived_with_key(&self, key: u64) -> impl Iterator<Item = String> + '_ {
        let start = self.revived.partition_point(|(k, _)| *k < key);
        let found = self.revived[start..].iter();
        found
            .take_while(move |(k, _)| *k == key)
            .map(|(_, spelling)| spelling.clone())
    }
}

impl SpellingSource for LayeredNames {
    fn get(&self, spelling: &str) -> Option<SpellingStats> {
        let base = self.base_stats(spelling);
        let delta = self.layers.delta.get(spelling);
        if base.is_none() && delta.is_none() {
            return None;
        }
        let mut stats = SpellingStats::default();
        for (segment, found) in [(Segment::Base, base), (Segment::Delta, delta)] {
            let Some(found) = found else { continue };
            stats.mentions += found.mentions;
            stats.articles += found.articles;
            let placed = found.samples.into_iter();
            stats
                .samples
                .extend(placed.map(|l| self.layers.articles.locate(segment, l)));
        }
        // Each segment kept its first samples in corpus order, so the first
        // of both are among them; within an article they keep their order.
        stats.samples.sort_by_key(|l| l.article);
        stats.samples.truncate(SAMPLES_KEPT);
        Some(stats)
    }

    fn is_common_word(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        let retired = self.retired_lowercase.get(&lower).copied().unwrap_or(0);
        self.layers.base.lowercase_articles(&lower) > retired
            || self.layers.delta.is_common_word(word)
    }

    fn near_misses(&self, word: &str) -> Vec<(String, SpellingStats)> {
        let mut seen = FxHashSet::default();
        lookup_keys(word)
            .into_iter()
            .flat_map(|key| {
                let rows = (
                    self.layers.base.rows_with_key(key),
                    self.layers.delta.rows_with_key(key),
                );
                let mut spellings = self.spellings(rows);
                spellings.extend(self.revived_with_key(key));
                self.qualified(spellings, &mut seen)
            })
            .collect()
    }

    fn full_names_with_surname(&self, surname: &str) -> Vec<(String, SpellingStats)> {
        let rows = (
            self.layers.base.full_name_rows(surname),
            self.layers.delta.full_name_rows(surname),
        );
        self.qualified(self.spellings(rows), &mut FxHashSet::default())
    }
}
