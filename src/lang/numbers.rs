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
/// every word of every sentence when indexing: a map, not a scan.
fn values<T: std::str::FromStr + Copy>(table: &'static Table) -> FxHashMap<&'static str, T> {
    let mut map = FxHashMap::default();
    for (word, value) in table.pairs() {
        if let Ok(value) = value.parse() {
            map.entry(word).or_insert(value);
        }
    }
    map
}

static CARDINAL_VALUES: LazyLock<FxHashMap<&str, u64>> = LazyLock::new(|| values(&CARDINALS));
static ORDINAL_VALUES: LazyLock<FxHashMap<&str, u64>> = LazyLock::new(|| values(&ORDINALS));
static SCALE_FACTORS: LazyLock<FxHashMap<&str, f64>> = LazyLock::new(|| values(&SCALES));

/// The value of a number word, lower case: "twelve" → 12, "dozen" → 12.
pub fn cardinal(word: &str) -> Option<u64> {
    CARDINAL_VALUES.get(word).copied()
}

/// The value of an ordinal word, lower case: "ninth" → 9.
pub fn ordinal(word: &str) -> Option<u64> {
    ORDINAL_VALUES.get(word).copied()
}

/// The factor of a scale word, lower case: "million" and "m" → 1e6.
pub fn scale(word: &str) -> Option<f64> {
    SCALE_FACTORS.get(word).copied()
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
