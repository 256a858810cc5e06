//! Spellings over two segments. The delta offers every name-like spelling
//! to near-miss lookups; whether one qualifies (mentions over both, never
//! written in lower case in either) is judged here.

use rustc_hash::FxHashSet;

use super::{Layered, Segment};
use crate::corpus::names::{NameIndex, SAMPLES_KEPT, qualifies};
use crate::corpus::{SpellingSource, SpellingStats};
use crate::text::similarity::lookup_keys;

impl Layered<NameIndex> {
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
            .filter_map(|row| spelling(&self.base, row))
            .chain(
                delta
                    .into_iter()
                    .filter_map(|row| spelling(&self.delta, row)),
            )
            .collect()
    }
}

impl SpellingSource for Layered<NameIndex> {
    fn get(&self, spelling: &str) -> Option<SpellingStats> {
        let base = self.base.get(spelling);
        let delta = self.delta.get(spelling);
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
                .extend(placed.map(|l| self.articles.locate(segment, l)));
        }
        // Each segment kept its first samples in corpus order, so the first
        // of both are among them; within an article they keep their order.
        stats.samples.sort_by_key(|l| l.article);
        stats.samples.truncate(SAMPLES_KEPT);
        Some(stats)
    }

    fn is_common_word(&self, word: &str) -> bool {
        self.base.is_common_word(word) || self.delta.is_common_word(word)
    }

    fn near_misses(&self, word: &str) -> Vec<(String, SpellingStats)> {
        let mut seen = FxHashSet::default();
        lookup_keys(word)
            .into_iter()
            .flat_map(|key| {
                let rows = (self.base.rows_with_key(key), self.delta.rows_with_key(key));
                self.qualified(self.spellings(rows), &mut seen)
            })
            .collect()
    }

    fn full_names_with_surname(&self, surname: &str) -> Vec<(String, SpellingStats)> {
        let rows = (
            self.base.full_name_rows(surname),
            self.delta.full_name_rows(surname),
        );
        self.qualified(self.spellings(rows), &mut FxHashSet::default())
    }
}
