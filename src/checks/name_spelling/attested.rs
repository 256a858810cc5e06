//! The well-attested spellings of the reference corpus, indexed so that a
//! draft spelling finds its near neighbours without comparing against every
//! name: candidates share a transliteration key up to two deleted letters
//! (a symmetric-delete index), then Jaro–Winkler and Double Metaphone decide.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};

use rustc_hash::FxHasher;
use std::rc::Rc;

use rayon::prelude::*;
use rphonetic::DoubleMetaphone;

use crate::corpus::{NameIndex, SpellingStats};
use crate::rules::NameThresholds;
use crate::text::names::is_capitalised;
use crate::text::similarity::{Kinship, kinship, transliteration_key};

/// A spelling the corpus uses at least `min_attested_mentions` times
/// (`min_full_name_mentions` for a given name + surname).
#[derive(Debug, Clone)]
pub(super) struct Attested {
    pub spelling: String,
    pub stats: SpellingStats,
}

/// A corpus spelling that a draft spelling looks like a variant of.
#[derive(Debug, Clone)]
pub(super) struct Neighbour<'a> {
    pub attested: &'a Attested,
    pub kinship: Kinship,
}

pub(super) struct AttestedNames {
    /// Single words ("Witkoff") and two-word names ("Oleksandr Syrskyi").
    entries: Vec<Attested>,
    /// Deletion variants of each entry's transliteration key, with the
    /// entry, sorted: one flat array, since a map with a small list for
    /// every key cost most of the checks' start-up to allocate.
    by_key: Vec<(u64, u32)>,
    /// Transliteration key of a surname → two-word entries ending in it.
    full_names_by_surname: HashMap<String, Vec<u32>>,
    encoder: DoubleMetaphone,
}

impl AttestedNames {
    /// `is_excluded` says which spellings are never names ("Calif",
    /// "Normally"), whatever the corpus counts.
    pub(super) fn build(
        names: &NameIndex,
        thresholds: &NameThresholds,
        is_excluded: impl Fn(&str) -> bool,
    ) -> AttestedNames {
        let mut entries: Vec<Attested> = names
            .iter()
            .filter(|(spelling, stats)| {
                let needed = if spelling.contains(' ') {
                    thresholds.min_full_name_mentions
                } else {
                    thresholds.min_attested_mentions
                };
                // A word the corpus also writes in lower case ("President",
                // "Residents") is a capitalised common word, not a name.
                stats.mentions >= needed
                    && is_name_like(spelling)
                    && !is_excluded(spelling)
                    && (spelling.contains(' ') || !names.is_common_word(spelling))
            })
            .map(|(spelling, stats)| Attested {
                spelling: spelling.to_string(),
                stats: stats.clone(),
            })
            .collect();
        // Hash map order is random; sort so ties break the same way every run.
        entries.sort_by(|a, b| a.spelling.cmp(&b.spelling));
        // Keys on every core; sorted, the array is the same every run.
        let mut by_key: Vec<(u64, u32)> = entries
            .par_iter()
            .enumerate()
            .filter(|(_, entry)| !entry.spelling.contains(' '))
            .flat_map_iter(|(index, entry)| {
                lookup_keys(&entry.spelling)
                    .into_iter()
                    .map(move |key| (key, index as u32))
            })
            .collect();
        by_key.par_sort_unstable();
        by_key.dedup();
        let mut full_names_by_surname: HashMap<String, Vec<u32>> = HashMap::new();
        for (index, entry) in entries.iter().enumerate() {
            if let [_given, surname] = entry.spelling.split(' ').collect::<Vec<_>>()[..] {
                full_names_by_surname
                    .entry(transliteration_key(surname))
                    .or_default()
                    .push(index as u32);
            }
        }
        AttestedNames {
            entries,
            by_key,
            full_names_by_surname,
            encoder: DoubleMetaphone::new(None),
        }
    }

    /// Well-attested single words that `word` looks like a variant of, most
    /// mentioned first.
    pub(super) fn neighbours(&self, word: &str, min_similarity: f64) -> Vec<Neighbour<'_>> {
        let mut seen = HashSet::new();
        let mut found: Vec<Neighbour> = lookup_keys(word)
            .iter()
            .flat_map(|key| {
                let start = self.by_key.partition_point(|(k, _)| k < key);
                self.by_key[start..]
                    .iter()
                    .take_while(move |(k, _)| k == key)
                    .map(|&(_, index)| index)
            })
            .filter(|&index| seen.insert(index))
            .filter_map(|index| {
                let attested = &self.entries[index as usize];
                kinship(&self.encoder, word, &attested.spelling, min_similarity)
                    .map(|kinship| Neighbour { attested, kinship })
            })
            .collect();
        found.sort_by_key(|n| std::cmp::Reverse(n.attested.stats.mentions));
        found
    }

    /// Well-attested two-word names whose surname is `surname` or folds to
    /// the same transliteration key.
    pub(super) fn full_names_with_surname(&self, surname: &str) -> impl Iterator<Item = &Attested> {
        self.full_names_by_surname
            .get(&transliteration_key(surname))
            .into_iter()
            .flatten()
            .map(|&index| &self.entries[index as usize])
    }

    pub(super) fn kinship(
        &self,
        draft: &str,
        reference: &str,
        min_similarity: f64,
    ) -> Option<Kinship> {
        kinship(&self.encoder, draft, reference, min_similarity)
    }
}

/// Neighbour lookups memoised for one lint: a draft names the same people
/// again and again, and each lookup costs a few dozen hash probes.
pub(super) struct Lookups<'a> {
    names: &'a AttestedNames,
    min_similarity: f64,
    cache: RefCell<HashMap<String, Rc<[Neighbour<'a>]>>>,
}

impl<'a> Lookups<'a> {
    pub(super) fn new(names: &'a AttestedNames, min_similarity: f64) -> Self {
        Lookups {
            names,
            min_similarity,
            cache: RefCell::new(HashMap::new()),
        }
    }

    pub(super) fn neighbours(&self, word: &str) -> Rc<[Neighbour<'a>]> {
        if let Some(found) = self.cache.borrow().get(word) {
            return found.clone();
        }
        let found: Rc<[Neighbour<'a>]> = self.names.neighbours(word, self.min_similarity).into();
        self.cache
            .borrow_mut()
            .insert(word.to_string(), found.clone());
        found
    }
}

/// Keys longer than this (two long words) get one-letter deletions only.
const MAX_TWO_DELETION_CHARS: usize = 30;

/// A spelling of one or two capitalised words, long enough to misspell.
fn is_name_like(spelling: &str) -> bool {
    let words: Vec<&str> = spelling.split(' ').collect();
    words.len() <= 2
        && words
            .iter()
            .all(|w| is_capitalised(w) && w.chars().count() >= 3 && !w.contains('-'))
        && !words.iter().all(|w| w.chars().all(|c| c.is_uppercase()))
}

/// Deletion keys of both the transliteration key and the plain lower-case
/// spelling: folding can shorten one spelling more than its neighbour
/// ("Leyen" folds to "leen", "Leyan" to "leian"), and the plain letters
/// still share a deletion ("leyn").
pub(super) fn lookup_keys(spelling: &str) -> Vec<u64> {
    let mut keys = deletion_keys(&transliteration_key(spelling), 0, 7);
    keys.extend(deletion_keys(&spelling.to_lowercase(), 1, 6));
    keys
}

/// Hashes of the key itself and of every key with one letter deleted, or
/// two once it has `two_from` letters. Two spellings one substitution apart
/// share a key with a letter deleted. Hashing each variant in place rather
/// than building it as a string keeps the index cheap to build; a rare
/// collision only adds a candidate that the similarity test then rejects.
/// `namespace` keeps the folded and the plain keys apart. Two deletions
/// stop at `MAX_TWO_DELETION_CHARS`, so the cubic cost stays bounded.
fn deletion_keys(key: &str, namespace: u8, two_from: usize) -> Vec<u64> {
    let chars: Vec<char> = key.chars().collect();
    let hash_without = |skip: [usize; 2]| {
        let mut hasher = FxHasher::default();
        namespace.hash(&mut hasher);
        for (k, c) in chars.iter().enumerate() {
            if k != skip[0] && k != skip[1] {
                c.hash(&mut hasher);
            }
        }
        hasher.finish()
    };
    let none = usize::MAX;
    let mut keys = vec![hash_without([none, none])];
    if chars.len() >= 4 {
        for i in 0..chars.len() {
            keys.push(hash_without([i, none]));
            if (two_from..=MAX_TWO_DELETION_CHARS).contains(&chars.len()) {
                keys.extend((i + 1..chars.len()).map(|k| hash_without([i, k])));
            }
        }
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_substitution_shares_a_deletion_key() {
        let a: HashSet<u64> = deletion_keys("stoltenberg", 0, 7).into_iter().collect();
        let b: HashSet<u64> = deletion_keys("stoltenburg", 0, 7).into_iter().collect();
        assert!(!a.is_disjoint(&b));
        assert_eq!(deletion_keys("abc", 0, 7).len(), 1);
        let plain: HashSet<u64> = deletion_keys("abcd", 1, 7).into_iter().collect();
        assert!(plain.is_disjoint(&deletion_keys("abcd", 0, 7).into_iter().collect()));
    }

    #[test]
    fn names_are_one_or_two_capitalised_words() {
        assert!(is_name_like("Witkoff"));
        assert!(is_name_like("Oleksandr Syrskyi"));
        assert!(!is_name_like("NATO"));
        assert!(!is_name_like("Ursula von der Leyen"));
        assert!(!is_name_like("Al"));
    }
}
