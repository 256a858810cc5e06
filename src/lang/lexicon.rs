//! What real names look like: a lexicon of given names, surnames, places and
//! everyday English words, compiled by `build.rs` from the lists in
//! `data/lexicon` (sources and licences in its README) into an `fst` map
//! embedded in the binary. It is the prior the name checks weigh spellings
//! against: a spelling that is itself a common real name is not a
//! misspelling of another, and a capitalised everyday word is not a name.

use std::sync::LazyLock;

use fst::Map;

use super::fold::fold_accents;
use super::memo::{Memo, remembered};

const BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon.fst"));

/// Flags in the low byte of each value; the layout `build.rs` writes.
const GIVEN: u64 = 1;
const SURNAME: u64 = 2;
const PLACE: u64 = 4;
const PROPER: u64 = 8;
const ENGLISH: u64 = 16;

static LEXICON: LazyLock<Option<Map<&'static [u8]>>> = LazyLock::new(|| Map::new(BYTES).ok());

/// What the lexicon knows of one word (any case).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Entry(u64);

impl Entry {
    /// A given name of the US Census tables.
    pub fn is_given_name(self) -> bool {
        self.0 & GIVEN != 0
    }

    /// A surname borne by at least 1 in 100,000 people (US Census).
    pub fn is_surname(self) -> bool {
        self.0 & SURNAME != 0
    }

    /// A word of a country, US state or county, or large city (GeoNames).
    pub fn is_place(self) -> bool {
        self.0 & PLACE != 0
    }

    /// A capitalised word of an English dictionary: countries, demonyms,
    /// well-known people and places (SCOWL).
    pub fn is_proper_noun(self) -> bool {
        self.0 & PROPER != 0
    }

    /// An everyday English word, written in lower case (SCOWL).
    pub fn is_english_word(self) -> bool {
        self.0 & ENGLISH != 0
    }

    /// A given name or surname of the US Census tables: a name people
    /// really bear, so not a romanisation variant of another.
    pub fn is_census_name(self) -> bool {
        self.0 & (GIVEN | SURNAME) != 0
    }

    /// Itself a real name of a person or place.
    pub fn is_real_name(self) -> bool {
        self.0 & (GIVEN | SURNAME | PLACE | PROPER) != 0
    }

    /// Given-name frequency per 100,000 people (0 when not a given name).
    pub fn given_name_frequency(self) -> u32 {
        ((self.0 >> 8) & 0xFF_FFFF) as u32
    }

    /// Surname frequency per 100,000 people (0 when not a common surname).
    pub fn surname_frequency(self) -> u32 {
        ((self.0 >> 32) & 0xFF_FFFF) as u32
    }
}

/// The lexicon's entry for `word`, compared in lower case, with and
/// without accents ("García" is the census's "Garcia"); empty when unknown.
pub fn lookup(word: &str) -> Entry {
    // No real word is this long; skip the lower-casing of a pasted blob.
    if word.len() > 64 {
        return Entry::default();
    }
    remembered(&LOOKED_UP, word, lookup_in_map)
}

thread_local! {
    /// Entries found lately, by the word as written: the same capitalised
    /// words come back in every article, and a walk of the map took about
    /// 1,800 instructions a word, a hash lookup a twentieth of that.
    static LOOKED_UP: Memo<Entry> = Memo::default();
}

fn lookup_in_map(word: &str) -> Entry {
    let Some(map) = LEXICON.as_ref() else {
        return Entry::default();
    };
    let lower = word.to_lowercase();
    let mut flags = map.get(&lower).unwrap_or(0);
    if !lower.is_ascii() {
        flags |= map.get(fold_accents(&lower)).unwrap_or(0);
    }
    Entry(flags)
}

/// An everyday English word that is not also a name: "Normally",
/// "Investigators", "Drones". Capitalised, it is a headline or the start of
/// a sentence, not a name.
pub fn is_common_word(word: &str) -> bool {
    let entry = lookup(word);
    entry.is_english_word() && !entry.is_real_name()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_lexicon_loads_and_knows_each_role() {
        assert!(LEXICON.is_some());
        assert!(lookup("Ellen").is_given_name());
        assert!(lookup("COLLINS").is_surname());
        assert!(lookup("Austria").is_place());
        assert!(lookup("Israeli").is_proper_noun());
        assert!(lookup("normally").is_english_word());
        assert!(lookup("Smith").surname_frequency() > lookup("Collins").surname_frequency());
        assert!(lookup("Mary").given_name_frequency() > 1000);
        assert!(lookup("García").is_census_name());
        assert!(!lookup("Dmitri").is_census_name());
    }

    #[test]
    fn misspellings_and_unknown_names_are_not_in_it() {
        for word in [
            "Whitkoff",
            "Stoltenburg",
            "Zelenksy",
            "Macrone",
            "x".repeat(500).as_str(),
        ] {
            assert_eq!(lookup(word), Entry::default(), "{word}");
        }
    }

    #[test]
    fn common_words_exclude_words_that_are_also_names() {
        assert!(is_common_word("Normally"));
        assert!(is_common_word("Investigators"));
        assert!(!is_common_word("Bush"));
        assert!(!is_common_word("Witkoff"));
    }
}
