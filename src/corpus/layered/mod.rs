//! The corpus index in two segments: the articles as first indexed (the
//! base) and those added or changed since (the delta, a small index of its
//! own), so that an update rewrites only the delta. A changed or removed
//! article's base version is retired: the base stays as written, and what
//! the retired articles contributed is taken off its answers (their facts
//! are stored in the index). Every query asks both segments and merges
//! the answers into exactly those of one index built over the current
//! articles: counts add up, lists merge in corpus (path) order, and what
//! one segment alone cannot judge (whether a spelling is used often enough
//! to be a near miss, how rare a word is) is judged over both.
//!
//! Owns the merge of two segments' answers; may import the rest of `corpus`
//! and `offsets`.

mod names;
mod quotes;
mod statements;

pub(super) use crate::offsets::narrow;
use std::sync::Arc;

pub use names::{LayeredNames, RETIRED_NAMES, RetiredNames};
pub use quotes::LayeredQuotes;
pub use statements::LayeredStatements;

use super::Location;

/// Which segment an article or record is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segment {
    Base,
    Delta,
}

/// Where each segment's articles stand in the whole corpus.
#[derive(Debug, Default)]
pub struct ArticleMap {
    base: Vec<u32>,
    delta: Vec<u32>,
    /// Corpus position → (segment, position in the segment).
    owners: Vec<(Segment, u32)>,
    /// The base's retired rows, ascending.
    retired: Vec<u32>,
}

impl ArticleMap {
    /// Merge two segments' article paths (each sorted) into corpus order,
    /// leaving out the base's `retired` rows (sorted).
    pub fn merge(base: &[&str], retired: &[u32], delta: &[&str]) -> ArticleMap {
        let mut map = ArticleMap::default();
        let (mut b, mut d) = (0, 0);
        let mut retired = retired.iter().peekable();
        while b < base.len() || d < delta.len() {
            if b < base.len() && retired.next_if_eq(&&narrow(b)).is_some() {
                map.base.push(RETIRED);
                map.retired.push(narrow(b));
                b += 1;
                continue;
            }
            let from_base = d == delta.len() || (b < base.len() && base[b] <= delta[d]);
            let global = narrow(map.owners.len());
            if from_base {
                map.base.push(global);
                map.owners.push((Segment::Base, narrow(b)));
                b += 1;
            } else {
                map.delta.push(global);
                map.owners.push((Segment::Delta, narrow(d)));
                d += 1;
            }
        }
        map
    }

    /// The base's retired rows, in order.
    pub fn retired(&self) -> &[u32] {
        &self.retired
    }

    /// Whether a segment's article is retired (its records are no longer
    /// in the corpus).
    pub fn is_retired(&self, segment: Segment, article: u32) -> bool {
        self.global(segment, article) == RETIRED
    }

    /// The corpus position of a segment's article (`u32::MAX` if retired).
    pub fn global(&self, segment: Segment, article: u32) -> u32 {
        let ids = match segment {
            Segment::Base => &self.base,
            Segment::Delta => &self.delta,
        };
        ids.get(article as usize).copied().unwrap_or(u32::MAX)
    }

    /// The segment and segment position of a corpus article.
    pub fn owner(&self, article: u32) -> Option<(Segment, u32)> {
        self.owners.get(article as usize).copied()
    }

    /// In corpus order, which segment each article comes from.
    pub fn order(&self) -> &[(Segment, u32)] {
        &self.owners
    }

    fn locate(&self, segment: Segment, location: Location) -> Location {
        Location {
            article: self.global(segment, location.article),
            ..location
        }
    }
}

/// The corpus position of a retired base article.
const RETIRED: u32 = u32::MAX;

/// One index per segment, and where their articles stand.
#[derive(Debug)]
pub struct Layered<T> {
    pub base: T,
    pub delta: T,
    pub articles: Arc<ArticleMap>,
}

impl<T> Layered<T> {
    /// The index of one segment.
    pub fn segment(&self, segment: Segment) -> &T {
        match segment {
            Segment::Base => &self.base,
            Segment::Delta => &self.delta,
        }
    }
}

/// The segment and segment id of record `id`, where ids over both
/// segments number the base's `base_len` records first.
fn split_id(id: u32, base_len: u32) -> (Segment, u32) {
    match id.checked_sub(base_len) {
        None => (Segment::Base, id),
        Some(local) => (Segment::Delta, local),
    }
}

/// A record's place in corpus order: its article's corpus position, then
/// its position among that article's records.
fn corpus_order(article: u32, position: u32) -> u64 {
    u64::from(article) << 32 | u64::from(position)
}

/// Two segments' record ids, each list ascending (so in its segment's
/// corpus order), merged into corpus order; a delta id is offset by
/// `offset` (the base's record count). `order` places a record; it is
/// called only a few times per delta record, since a list can hold
/// thousands (every quotation of a wording wire copy repeats).
fn merge_ordered(
    base: Vec<u32>,
    delta: Vec<u32>,
    offset: u32,
    order: impl Fn(Segment, u32) -> u64,
) -> Vec<u32> {
    if delta.is_empty() {
        return base;
    }
    let mut merged = Vec::with_capacity(base.len() + delta.len());
    let mut rest = &base[..];
    for id in delta {
        let place = order(Segment::Delta, id);
        let before = rest.partition_point(|&b| order(Segment::Base, b) < place);
        merged.extend_from_slice(&rest[..before]);
        rest = &rest[before..];
        merged.push(id + offset);
    }
    merged.extend_from_slice(rest);
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_merge_in_path_order() {
        let map = ArticleMap::merge(&["a.md", "c.md", "e.md"], &[], &["b.md", "f.md"]);
        assert_eq!(map.global(Segment::Base, 1), 2);
        assert_eq!(map.global(Segment::Delta, 0), 1);
        assert_eq!(map.global(Segment::Delta, 1), 4);
        assert_eq!(map.owner(3), Some((Segment::Base, 2)));
        assert_eq!(map.owner(5), None);
        assert!(map.retired().is_empty());
    }

    #[test]
    fn retired_articles_leave_the_corpus_order() {
        // c.md changed (retired in the base, again in the delta), e.md removed.
        let map = ArticleMap::merge(&["a.md", "c.md", "e.md", "g.md"], &[1, 2], &["c.md"]);
        assert_eq!(map.global(Segment::Base, 0), 0);
        assert_eq!(map.global(Segment::Delta, 0), 1);
        assert_eq!(map.global(Segment::Base, 3), 2);
        assert!(map.is_retired(Segment::Base, 1) && map.is_retired(Segment::Base, 2));
        assert!(!map.is_retired(Segment::Delta, 0));
        assert_eq!(map.retired(), [1, 2]);
        assert_eq!(map.owner(2), Some((Segment::Base, 3)));
        assert_eq!(map.owner(3), None);
    }

    #[test]
    fn records_merge_in_corpus_order() {
        // Base records 0..4 sit at places 0, 2, 4, 6; delta records 0..2
        // at places 1 and 7; delta ids are offset by 10.
        let order = |segment, id: u32| match segment {
            Segment::Base => u64::from(id) * 2,
            Segment::Delta => [1, 7][id as usize],
        };
        assert_eq!(
            merge_ordered(vec![0, 1, 2, 3], vec![0, 1], 10, order),
            [0, 10, 1, 2, 3, 11]
        );
        assert_eq!(merge_ordered(vec![0, 1], vec![], 10, order), [0, 1]);
        assert_eq!(merge_ordered(vec![], vec![1], 10, order), [11]);
    }
}
