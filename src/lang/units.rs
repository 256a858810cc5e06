//! What a figure measures: units (converted to one unit per family, so
//! that "90 minutes" agrees with "1.5 hours"), currencies, the words that
//! hedge a figure ("nearly", "more than"), and the words after a number
//! that are not what it counts.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use super::calendar::{CalendarWord, calendar_word};
use super::list::{Table, WordList};

static UNITS: Table = Table::new(include_str!("words/units.tsv"));
static CURRENCIES: Table = Table::new(include_str!("words/currencies.tsv"));
static APPROXIMATIONS: Table = Table::new(include_str!("words/approximations.tsv"));
static NOT_MEASURES: WordList = WordList::new(include_str!("words/not-measures.txt"));
/// Unit nouns that say how a value is measured, not what it is about.
pub static MEASURE_WORDS: WordList = WordList::new(include_str!("words/measure-words.txt"));
/// Units a price or speed is given per ("a tonne", "an hour").
pub static RATE_UNITS: WordList = WordList::new(include_str!("words/rate-units.txt"));

/// As written → (canonical unit, factor).
static UNIT_OF: LazyLock<FxHashMap<&str, (&str, f64)>> = LazyLock::new(|| {
    let mut map = FxHashMap::default();
    for row in UNITS.rows() {
        if let [written, unit, factor] = row[..]
            && let Ok(factor) = factor.parse()
        {
            map.entry(written).or_insert((unit, factor));
        }
    }
    map
});

/// A unit of measure as written ("hours", "per cent", "%"): its canonical
/// unit and the factor to it ("hours" → minutes × 60).
pub fn unit(written: &str) -> Option<(&'static str, f64)> {
    UNIT_OF.get(written).copied()
}

/// Whether a price or speed can be given per `word` after "a" or "an"
/// ("a tonne", "an hour").
pub fn is_rate_unit(word: &str) -> bool {
    RATE_UNITS.contains(word) || unit(word).is_some()
}

/// Whether `measure` is a canonical unit of time, share or count of a
/// plan's points, rather than a noun that is itself what is counted.
pub fn is_canonical_unit(measure: &str) -> bool {
    UNITS.rows().iter().any(|row| row.get(1) == Some(&measure))
}

/// The ISO 4217 code of a currency sign or word: "$" and "dollars" → "usd".
pub fn currency(written: &str) -> Option<&'static str> {
    CURRENCIES
        .pairs()
        .find(|(w, _)| *w == written)
        .map(|(_, code)| code)
}

/// Whether `code` is a currency code copydesk knows.
pub fn is_currency_code(code: &str) -> bool {
    CURRENCIES.pairs().any(|(_, c)| c == code)
}

/// An approximation phrase ("more than", "nearly") and the interval it
/// gives a stated value: from `low` to `high` times it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Approximation {
    pub phrase: &'static str,
    pub low: f64,
    pub high: f64,
    /// Also a preposition: before an article it governs the noun, and
    /// hedges nothing ("under a five-year contract").
    pub preposition: bool,
}

static APPROXIMATION_LIST: LazyLock<Vec<Approximation>> = LazyLock::new(|| {
    APPROXIMATIONS
        .rows()
        .iter()
        .filter_map(|row| {
            let (phrase, low, high, preposition) = match row[..] {
                [phrase, low, high] => (phrase, low, high, false),
                [phrase, low, high, "preposition"] => (phrase, low, high, true),
                _ => return None,
            };
            Some(Approximation {
                phrase,
                low: low.parse().ok()?,
                high: high.parse().ok()?,
                preposition,
            })
        })
        .collect()
});

/// The approximation phrases, longest-first where one starts another.
pub fn approximations() -> &'static [Approximation] {
    &APPROXIMATION_LIST
}

/// A word that follows numbers without being what they count: "20 of",
/// "3 more", "23 November".
pub fn is_not_a_measure(word: &str) -> bool {
    NOT_MEASURES.contains(word) || matches!(calendar_word(word), Some(CalendarWord::Month(_)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_currencies_and_hedges() {
        assert_eq!(unit("hours"), Some(("minute", 60.0)));
        assert_eq!(unit("per cent"), Some(("percent", 1.0)));
        assert!(is_canonical_unit("point") && !is_canonical_unit("troop"));
        assert_eq!(currency("£"), Some("gbp"));
        assert!(is_currency_code("usd") && !is_currency_code("usd#"));
        assert_eq!(approximations()[0].phrase, "more than");
        assert!(
            is_not_a_measure("november") && is_not_a_measure("of") && !is_not_a_measure("troops")
        );
    }
}
