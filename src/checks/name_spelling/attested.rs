//! The well-attested spellings of the reference corpus: the corpus index
//! finds a draft spelling's near neighbours (spellings sharing a
//! transliteration key up to two deleted letters, a symmetric-delete
//! index), the rules' thresholds say which are attested, and Jaro–Winkler
//! and Double Metaphone decide which are kin.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use rphonetic::DoubleMetaphone;

use std::sync::Arc;

use crate::corpus::{MIN_NEIGHBOUR_MENTIONS, SpellingSource, SpellingStats};
use crate::rules::NameThresholds;
use crate::text::similarity::{Kinship, kinship};

/// A spelling the corpus uses at least `min_attested_mentions` times
/// (`min_full_name_mentions` for a given name + surname).
#[derive(Debug, Clone)]
pub(super) struct Attested {
    pub spelling: String,
    pub stats: SpellingStats,
}

/// A corpus spelling that a draft spelling looks like a variant of.
#[derive(Debug, Clone)]
pub(super) struct Neighbour {
    pub attested: Rc<Attested>,
    pub kinship: Kinship,
}

pub(super) struct AttestedNames {
    names: Arc<dyn SpellingSource>,
    /// Mentions a single word needs, and a given name + surname.
    min_word_mentions: usize,
    min_full_name_mentions: usize,
    /// Spellings that are never names ("Calif", "Normally"), whatever the
    /// corpus counts.
    is_excluded: fn(&str) -> bool,
    encoder: DoubleMetaphone,
}

impl AttestedNames {
    pub(super) fn new(
        names: &Arc<dyn SpellingSource>,
        thresholds: &NameThresholds,
        is_excluded: fn(&str) -> bool,
    ) -> AttestedNames {
        // The index keeps neighbours from MIN_NEIGHBOUR_MENTIONS up.
        AttestedNames {
            names: names.clone(),
            min_word_mentions: thresholds.min_attested_mentions.max(MIN_NEIGHBOUR_MENTIONS),
            min_full_name_mentions: thresholds
                .min_full_name_mentions
                .max(MIN_NEIGHBOUR_MENTIONS),
            is_excluded,
            encoder: DoubleMetaphone::new(None),
        }
    }

    fn attested(&self, (spelling, stats): (String, SpellingStats)) -> Option<Attested> {
        let needed = if spelling.contains(' ') {
            self.min_full_name_mentions
        } else {
            self.min_word_mentions
        };
        (stats.mentions >= needed && !(self.is_excluded)(&spelling))
            .then_some(Attested { spelling, stats })
    }

    /// Well-attested single words that `word` looks like a variant of, most
    /// mentioned first.
    pub(super) fn neighbours(&self, word: &str, min_similarity: f64) -> Vec<Neighbour> {
        let mut found: Vec<Neighbour> = self
            .names
            .near_misses(word)
            .into_iter()
            .filter_map(|candidate| self.attested(candidate))
            .filter_map(|attested| {
                kinship(&self.encoder, word, &attested.spelling, min_similarity).map(|kinship| {
                    Neighbour {
                        attested: Rc::new(attested),
                        kinship,
                    }
                })
            })
            .collect();
        found.sort_by_key(|n| std::cmp::Reverse(n.attested.stats.mentions));
        found
    }

    /// Well-attested two-word names whose surname is `surname` or folds to
    /// the same transliteration key.
    pub(super) fn full_names_with_surname(&self, surname: &str) -> Vec<Attested> {
        self.names
            .full_names_with_surname(surname)
            .into_iter()
            .filter_map(|candidate| self.attested(candidate))
            .collect()
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
/// again and again, and each lookup costs a few dozen index probes.
pub(super) struct Lookups<'a> {
    names: &'a AttestedNames,
    min_similarity: f64,
    cache: RefCell<HashMap<String, Rc<[Neighbour]>>>,
}

impl<'a> Lookups<'a> {
    pub(super) fn new(names: &'a AttestedNames, min_similarity: f64) -> Self {
        Lookups {
            names,
            min_similarity,
            cache: RefCell::new(HashMap::new()),
        }
    }

    pub(super) fn neighbours(&self, word: &str) -> Rc<[Neighbour]> {
        if let Some(found) = self.cache.borrow().get(word) {
            return found.clone();
        }
        let found: Rc<[Neighbour]> = self.names.neighbours(word, self.min_similarity).into();
        self.cache
            .borrow_mut()
            .insert(word.to_string(), found.clone());
        found
    }
}
