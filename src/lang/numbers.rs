//! Numbers written as words: cardinals ("twenty-eight" is read by the
//! quantity reader from "twenty" and "eight"), ordinals, and the scale
//! words that multiply a figure ("40 million", "1.2bn").

use std::sync::LazyLock;

use rustc_hash::{FxHashMap, FxHashSet};

use super::list::Table;

static CARDINALS: Table = Table::new(include_str!("words/cardinals.tsv"));
static ORDINALS: Table = Table::new(include_str!("words/ordinals.tsv"));
static SCALES: Table = Table::new(include_str!("words/scales.tsv"));

/// `word → value` of a table whose second column is a number; asked of
/// every word of every sentence when indexing: a map, not a scan, behind a
/// test of the first byte and the length that most words fail.
struct Values<T> {
    map: FxHashMap<&'static str, T>,
    first_bytes: [bool; 256],
    longest: usize,
}

impl<T: std::str::FromStr + Copy> Values<T> {
    fn of(table: &'static Table) -> Values<T> {
        let mut values = Values {
            map: FxHashMap::default(),
            first_bytes: [false; 256],
            longest: 0,
        };
        for (word, value) in table.pairs() {
            if let (Ok(value), Some(&first)) = (value.parse(), word.as_bytes().first()) {
                values.map.entry(word).or_insert(value);
                values.first_bytes[usize::from(first)] = true;
                values.longest = values.longest.max(word.len());
            }
        }
        values
    }

    fn get(&self, word: &str) -> Option<T> {
        let first = *word.as_bytes().first()?;
        if !self.first_bytes[usize::from(first)] || word.len() > self.longest {
            return None;
        }
        self.map.get(word).copied()
    }
}

static CARDINAL_VALUES: LazyLock<Values<u64>> = LazyLock::new(|| Values::of(&CARDINALS));
static ORDINAL_VALUES: LazyLock<Values<u64>> = LazyLock::new(|| Values::of(&ORDINALS));
static SCALE_FACTORS: LazyLock<Values<f64>> = LazyLock::new(|| Values::of(&SCALES));

/// The value of a number word, lower case: "twelve" → 12, "dozen" → 12.
pub fn cardinal(word: &str) -> Option<u64> {
    CARDINAL_VALUES.get(word)
}

/// The value of an ordinal word, lower case: "ninth" → 9.
pub fn ordinal(word: &str) -> Option<u64> {
    ORDINAL_VALUES.get(word)
}

/// The factor of a scale word, lower case: "million" and "m" → 1e6.
pub fn scale(word: &str) -> Option<f64> {
    SCALE_FACTORS.get(word)
}

/// The number and scale words, in one set: a frame asks of every word.
static NUMBER_WORDS: LazyLock<FxHashSet<&str>> = LazyLock::new(|| {
    CARDINALS
        .pairs()
        .chain(SCALES.pairs())
        .map(|(word, _)| word)
        .collect()
});

/// A word that is a number or a scale ("seven", "dozen", "million"): never
/// what a statement is about.
pub fn is_number_word(word: &str) -> bool {
    NUMBER_WORDS.contains(word)
}

/// The word copydesk writes for `value` (the first of the table's words
/// for it): 12 → "twelve".
pub fn cardinal_word(value: u64) -> Option<&'static str> {
    word_for(&CARDINALS, value)
}

/// The ordinal word for `value`: 3 → "third".
pub fn ordinal_word(value: u64) -> Option<&'static str> {
    word_for(&ORDINALS, value)
}

fn word_for(table: &'static Table, value: u64) -> Option<&'static str> {
    table
        .pairs()
        .find(|(_, v)| v.parse() == Ok(value))
        .map(|(word, _)| word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_byte_test_hides_no_word_of_a_table() {
        for (table, found) in [
            (&CARDINALS, cardinal as fn(&str) -> Option<u64>),
            (&ORDINALS, ordinal),
        ] {
            for (word, value) in table.pairs() {
                assert_eq!(found(word), value.parse().ok(), "{word}");
            }
        }
        for (word, _) in SCALES.pairs() {
            assert!(scale(word).is_some(), "{word}");
        }
        for word in ["", ",", "Twelve", "seventeenths", "nineteenth-century", "é"] {
            assert_eq!(cardinal(word).or(ordinal(word)), None, "{word}");
        }
    }

    #[test]
    fn number_words_both_ways() {
        assert_eq!(cardinal("nineteen"), Some(19));
        assert_eq!(cardinal("dozen"), Some(12));
        assert_eq!(cardinal_word(12), Some("twelve"));
        assert_eq!(ordinal("twentieth"), Some(20));
        assert_eq!(ordinal_word(3), Some("third"));
        assert_eq!(scale("bn"), Some(1e9));
        assert!(is_number_word("thousand") && !is_number_word("thousands"));
    }
}
