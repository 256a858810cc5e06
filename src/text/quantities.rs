//! Quantities in news prose: numbers in digits or words, ordinals,
//! percentages, money, and the unit or head noun they measure ("a 28-point
//! plan", "19 points", "three hours", "the ninth round", "$1.2bn"), with any
//! approximation word in front ("nearly", "more than"). Each becomes an
//! interval in a canonical unit so that "90 minutes" agrees with "1.5 hours"
//! and "more than 20" agrees with 24.

use serde::{Deserialize, Serialize};
use std::ops::Range;

use super::names::is_capitalised;
use super::sentence::Sentence;
use crate::lang::lemma::singular;
use crate::lang::{numbers, units};

/// A quantity found in a sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    /// The number as written ("20", "three", "ninth", "28-point").
    pub range: Range<usize>,
    /// Where the number and its unit run, for messages ("20 items").
    pub phrase: Range<usize>,
    /// The value in the canonical unit of `measure`.
    pub value: f64,
    /// The number as stated, before unit conversion ("3" of "3 hours").
    pub stated: f64,
    /// Lowest and highest value the wording allows.
    pub low: f64,
    pub high: f64,
    /// The normalised measure: "point", "hour", "percent", "usd", "round#".
    pub measure: String,
    /// The number is an ordinal ("ninth round"), compared as a position.
    pub ordinal: bool,
    /// What one in the last written digit is worth, in the canonical unit:
    /// 0.1 million for "$2.9 million", 1 for "three"; 0 when exact.
    pub step: f64,
    /// Whether the number was written with a decimal point ("2.9").
    pub decimal: bool,
}

/// How an approximation word bounds a figure: "more than 100" is a floor,
/// "nearly 10" a ceiling, "about 30" both ways.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hedge {
    Exact,
    Floor,
    Ceiling,
    Around,
}

impl Quantity {
    /// A value stated exactly in its canonical unit ("54" years of age).
    pub fn exact(range: Range<usize>, value: f64, measure: &str) -> Quantity {
        Quantity {
            phrase: range.clone(),
            range,
            value,
            stated: value,
            low: value,
            high: value,
            measure: measure.to_string(),
            ordinal: false,
            step: 0.0,
            decimal: false,
        }
    }

    /// Which way the wording bounds the figure.
    pub fn hedge(&self) -> Hedge {
        match (self.low < self.value, self.value < self.high) {
            (false, false) => Hedge::Exact,
            (false, true) => Hedge::Floor,
            (true, false) => Hedge::Ceiling,
            (true, true) => Hedge::Around,
        }
    }

    /// Whether the two can be one figure: their ranges meet, or the one
    /// written to fewer decimal places is the other rounded or cut short
    /// ("$2.9 million" for $2.96 million). A whole number is taken as
    /// written: "three points" and 3.4 were measured apart on real news
    /// (two polls' margins of error).
    pub fn agrees_with(&self, other: &Quantity) -> bool {
        const SLACK: f64 = 1e-9;
        // Each figure's range is what its hedge allows around it; two
        // hedges do not add up ("about 30,000" and "about 36,000" are two
        // figures), so one figure must lie in the other's range.
        let within = |q: &Quantity, range: &Quantity| {
            range.low - SLACK <= q.value && q.value <= range.high + SLACK
        };
        // A floor or ceiling on both is where each source's count stopped,
        // so the bounds themselves are what is stated: "more than 100
        // stations" and "more than 120 stations", or "nearly nine years"
        // and "nearly ten", are two figures. "About" blurs both ways: a
        // figure inside it is the same estimate.
        let shared_hedge =
            matches!(self.hedge(), Hedge::Floor | Hedge::Ceiling) && self.hedge() == other.hedge();
        if (self.value - other.value).abs() <= SLACK
            || !shared_hedge && (within(self, other) || within(other, self))
        {
            return true;
        }
        let (rough, fine) = if self.step > other.step {
            (self, other)
        } else if other.step > self.step {
            (other, self)
        } else {
            return false;
        };
        let exact = rough.low == rough.high || shared_hedge;
        exact
            && rough.decimal
            && !rough.ordinal
            && fine.value >= rough.value - rough.step / 2.0 - SLACK
            && fine.value < rough.value + rough.step - SLACK
    }
}

#[derive(Debug, Clone)]
struct Token<'a> {
    text: &'a str,
    /// Lower-cased, as the sentence keeps it.
    lower: &'a str,
    range: Range<usize>,
}

fn tokens<'a, 's>(sentence: &'s Sentence<'a>) -> Vec<Token<'s>> {
    // Word bounds keep "1.5", "1,200" and "28" whole; "$" and "%" come alone.
    let mut tokens = Vec::with_capacity(sentence.segments().len());
    tokens.extend(
        sentence
            .lowered_segments()
            // Spaces and line breaks, as `trim` finds them, without
            // trimming both ends of every word.
            .filter(|(_, t, _)| !t.chars().all(char::is_whitespace))
            .map(|(at, text, lower)| Token {
                text,
                lower,
                range: at..at + text.len(),
            }),
    );
    tokens
}

/// Digits as written, before any scale glued to them, and how many follow
/// the point: (1, 2.9) for "2.9" or "2.9bn"; `None` for a word ("three").
fn written_digits(text: &str) -> Option<(i32, f64)> {
    if !text.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let digits: String = text
        .chars()
        .filter(|c| *c != ',')
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let decimals = digits.split_once('.').map_or(0, |(_, after)| after.len());
    Some((decimals as i32, digits.parse().unwrap_or(0.0)))
}

fn word_value(word: &str) -> Option<u64> {
    numbers::cardinal(word)
}

fn ordinal_value(word: &str) -> Option<u64> {
    if let Some(v) = numbers::ordinal(word) {
        return Some(v);
    }
    // 1st, 2nd, 23rd, 9th
    let (digits, suffix) = word.split_at(word.bytes().take_while(u8::is_ascii_digit).count());
    (!digits.is_empty() && matches!(suffix, "st" | "nd" | "rd" | "th"))
        .then(|| digits.parse().ok())
        .flatten()
}

/// A cardinal number starting at token `i`: its value and the tokens used.
/// Handles "28", "1,200", "1.5", "twenty-eight", "two hundred", "a dozen".
fn cardinal(tokens: &[Token], i: usize) -> Option<(f64, usize)> {
    let token = tokens.get(i)?;
    if token.text.starts_with(|c: char| c.is_ascii_digit()) {
        let digits = token.text.replace(',', "");
        // "1.2bn", "40m": a scale glued to the digits.
        let split = digits
            .find(|c: char| c.is_alphabetic())
            .unwrap_or(digits.len());
        let (number, suffix) = digits.split_at(split);
        let scale = match suffix {
            "" => 1.0,
            _ => numbers::scale(suffix)?,
        };
        return number.parse::<f64>().ok().map(|v| (v * scale, 1));
    }
    let mut value = word_value(token.lower)? as f64;
    let mut used = 1;
    // "twenty-eight": tens, hyphen, unit
    if value >= 20.0
        && tokens.get(i + 1).is_some_and(|t| t.text == "-")
        && let Some(unit) = tokens
            .get(i + 2)
            .and_then(|t| word_value(t.lower))
            .filter(|u| *u < 10)
    {
        value += unit as f64;
        used = 3;
    }
    Some((value, used))
}

/// Every quantity in `sentence`, a byte range into `prose`.
pub fn quantities(prose: &str, sentence: Range<usize>) -> Vec<Quantity> {
    quantities_in(&Sentence::new(prose, sentence))
}

/// As [`quantities`], from the sentence's segments.
pub fn quantities_in(sentence: &Sentence) -> Vec<Quantity> {
    let prose = sentence.prose;
    let tokens = tokens(sentence);
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match quantity_at(prose, &tokens, i) {
            Some((quantity, next)) => {
                found.push(quantity);
                i = next;
            }
            None => i += 1,
        }
    }
    joined_ranges(prose, found)
}

/// "between $20 million and $30 million" is one figure, a range, not two:
/// each end alone would seem to contradict a figure inside it.
fn joined_ranges(prose: &str, found: Vec<Quantity>) -> Vec<Quantity> {
    let mut joined: Vec<Quantity> = Vec::with_capacity(found.len());
    for quantity in found {
        if let Some(low) = joined.last_mut()
            && low.measure == quantity.measure
            && !low.ordinal
            && low.high < quantity.low
            && prose
                .get(low.phrase.end..quantity.phrase.start)
                .is_some_and(|gap| gap.trim() == "and")
            && prose.get(..low.phrase.start).is_some_and(|before| {
                before
                    .trim_end()
                    .rsplit(|c: char| !c.is_alphanumeric())
                    .next()
                    .is_some_and(|word| word.eq_ignore_ascii_case("between"))
            })
        {
            low.range.end = quantity.range.end;
            low.phrase.end = quantity.phrase.end;
            low.high = quantity.high;
            low.value = (low.low + low.high) / 2.0;
            low.stated = low.value;
            low.step = low.step.max(quantity.step);
            continue;
        }
        joined.push(quantity);
    }
    joined
}

fn quantity_at(prose: &str, tokens: &[Token], i: usize) -> Option<(Quantity, usize)> {
    let (mut value, ordinal, mut used) = match ordinal_value(tokens[i].lower) {
        Some(v) => (v as f64, true, 1),
        None => {
            let (v, used) = cardinal(tokens, i)?;
            (v, false, used)
        }
    };
    let before_scale = value;
    // A year such as 2025, or a date's day, is not a quantity of anything.
    let mut next = i + used;
    if let Some(scale) = tokens.get(next).and_then(|t| numbers::scale(t.lower)) {
        value *= scale;
        used += 1;
        next += 1;
    }
    let currency_before = i.checked_sub(1).and_then(|p| currency(tokens[p].lower));
    // "28-point", "3-hour": the unit is joined by a hyphen.
    if tokens.get(next).is_some_and(|t| t.text == "-") {
        next += 1;
    }
    let (measure, factor, unit_tokens) = if let Some(code) = currency_before {
        (code.to_string(), 1.0, 0)
    } else {
        measure_at(tokens, next, ordinal)?
    };
    let end_token = if unit_tokens == 0 {
        i + used - 1
    } else {
        next + unit_tokens - 1
    };
    let (low_factor, high_factor, qualifier_start) = qualifier_before(tokens, i);
    let start = qualifier_start.map_or(tokens[i].range.start, |q| tokens[q].range.start);
    let number_range = tokens[i].range.start..tokens[i + used - 1].range.end;
    let stated = value;
    let value = value * factor;
    let (decimals, written) = written_digits(tokens[i].text).unwrap_or((0, before_scale));
    let step = if written > 0.0 {
        10f64.powi(-decimals) * value / written
    } else {
        0.0
    };
    let quantity = Quantity {
        step,
        decimal: decimals > 0,
        stated,
        range: number_range,
        phrase: currency_before.map_or(start, |_| tokens[i - 1].range.start)
            ..tokens[end_token].range.end,
        value,
        low: value * low_factor,
        high: value * high_factor,
        measure: if ordinal {
            format!("{measure}#")
        } else {
            measure
        },
        ordinal,
    };
    let _ = prose;
    Some((quantity, end_token + 1))
}

/// Whether a measure is a noun that is itself what is counted ("troop",
/// "member"), rather than a unit of time, share, length or money.
pub fn counts_a_noun(measure: &str) -> bool {
    let measure = measure.trim_end_matches('#');
    !units::is_canonical_unit(measure) && !units::is_currency_code(measure)
}

fn currency(word: &str) -> Option<&'static str> {
    units::currency(word)
}

/// A plain plural noun as written: "workers", not "Workers", "boss" or "its".
fn is_plural_noun(word: &str) -> bool {
    word.len() > 3
        && word.ends_with('s')
        && !word.ends_with("ss")
        && word.chars().all(|c| c.is_ascii_lowercase())
}

/// How many capitalised words (and "and") may stand between a figure and
/// the noun it counts ("47 Australian and New Zealand firefighters").
const NAMES_BEFORE_A_NOUN: usize = 5;

/// The measure a number counts: a known unit (converted), a currency after
/// it, or else the noun that follows ("members", "round"), made singular.
fn measure_at(tokens: &[Token], at: usize, ordinal: bool) -> Option<(String, f64, usize)> {
    let first = tokens.get(at)?;
    let two = tokens
        .get(at + 1)
        .map(|second| [first.lower, second.lower].join(" "));
    for (candidate, width) in [(two, 2), (Some(first.lower.to_string()), 1)] {
        let Some(candidate) = candidate else { continue };
        if let Some((unit, factor)) = units::unit(&candidate) {
            return Some((unit.to_string(), factor, width));
        }
        if let Some(code) = currency(&candidate) {
            return Some((code.to_string(), 1.0, width));
        }
    }
    // "47 Australian and New Zealand firefighters", "200 Republican
    // delegates": the names before the counted noun say whose; a name is
    // never the measure. A plural name ("17 Republicans") is counted itself,
    // and a place in a series may be named ("the 11th International
    // Congress").
    if !ordinal && is_capitalised(first.text) && !first.lower.ends_with('s') {
        let names = tokens[at..]
            .iter()
            .take(NAMES_BEFORE_A_NOUN)
            .take_while(|t| is_capitalised(t.text) || t.lower == "and")
            .count();
        let noun = tokens.get(at + names)?;
        return (is_plural_noun(noun.text) && !units::is_not_a_measure(noun.lower))
            .then(|| (singular(noun.lower), 1.0, names + 1));
    }
    // "4,300 dock workers": the counted noun is the plural after a modifier.
    let word = match tokens.get(at + 1) {
        Some(second)
            if !first.lower.ends_with('s')
                && second.range.start == first.range.end + 1
                && is_plural_noun(second.lower) =>
        {
            return (!units::is_not_a_measure(first.lower)
                && first.lower.chars().all(char::is_alphabetic))
            .then(|| (singular(second.lower), 1.0, 2));
        }
        _ => &first.lower,
    };
    if !word.chars().all(char::is_alphabetic) || word.len() < 3 || units::is_not_a_measure(word) {
        return None;
    }
    Some((singular(word), 1.0, 1))
}

/// The approximation word before token `i`, as interval factors and where
/// it starts; exact values are (1, 1).
fn qualifier_before(tokens: &[Token], i: usize) -> (f64, f64, Option<usize>) {
    let mut at = i;
    // "$" or "a" may stand between the qualifier and the number.
    while at > 0 && (currency(tokens[at - 1].lower).is_some() || tokens[at - 1].lower == "a") {
        at -= 1;
    }
    let article_between = tokens[at..i].iter().any(|t| t.lower == "a");
    for &units::Approximation {
        phrase,
        low,
        high,
        preposition,
    } in units::approximations()
    {
        if preposition && article_between {
            continue;
        }
        let length = phrase.split(' ').count();
        if at >= length {
            let start = at - length;
            if tokens[start..at]
                .iter()
                .zip(phrase.split(' '))
                .all(|(t, w)| t.lower == w)
            {
                return (low, high, Some(start));
            }
        }
    }
    (1.0, 1.0, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(text: &str) -> Vec<(String, f64, f64, f64, String)> {
        quantities(text, 0..text.len())
            .into_iter()
            .map(|q| {
                (
                    text[q.range.clone()].to_string(),
                    q.value,
                    q.low,
                    q.high,
                    q.measure,
                )
            })
            .collect()
    }

    #[test]
    fn digits_words_and_hyphenated_units() {
        assert_eq!(
            find("a 28-point plan"),
            vec![("28".into(), 28.0, 28.0, 28.0, "point".into())]
        );
        assert_eq!(
            find("cut to 20 items"),
            vec![("20".into(), 20.0, 20.0, 20.0, "point".into())]
        );
        assert_eq!(
            find("twenty-eight provisions"),
            vec![("twenty-eight".into(), 28.0, 28.0, 28.0, "point".into())]
        );
        assert_eq!(
            find("3-hour talks"),
            vec![("3".into(), 180.0, 180.0, 180.0, "minute".into())]
        );
        assert_eq!(
            find("a 15-year lease"),
            vec![("15".into(), 180.0, 180.0, 180.0, "month".into())]
        );
        assert_eq!(
            find("12 members"),
            vec![("12".into(), 12.0, 12.0, 12.0, "member".into())]
        );
    }

    #[test]
    fn names_before_a_noun_say_whose_and_are_not_counted() {
        let measure = |text: &str| find(text).into_iter().map(|q| q.4).collect::<Vec<_>>();
        assert_eq!(
            measure("47 Australian and New Zealand firefighters"),
            vec!["firefighter".to_string()]
        );
        assert_eq!(
            measure("200 Republican delegates"),
            vec!["delegate".to_string()]
        );
        assert_eq!(measure("17 Republicans"), vec!["republican".to_string()]);
        assert!(measure("12 Indonesian").is_empty(), "no counted noun");
        assert_eq!(
            measure("the 11th International Congress"),
            vec!["international#".to_string()],
            "a place in a series may be named"
        );
    }

    #[test]
    fn units_convert_and_qualifiers_widen() {
        let ninety = &quantities("90 minutes", 0..10)[0];
        let text = "1.5 hours";
        let hour_and_half = &quantities(text, 0..text.len())[0];
        assert!(ninety.agrees_with(hour_and_half));
        let text = "nearly three hours";
        let nearly = &quantities(text, 0..text.len())[0];
        assert_eq!((nearly.low, nearly.high), (144.0, 180.0));
        assert_eq!(&text[nearly.phrase.clone()], "nearly three hours");
        let text = "more than 20 people and 24 people";
        let found = quantities(text, 0..text.len());
        assert!(found[0].agrees_with(&found[1]));
        assert_eq!(find("nearly two decades in power")[0].1, 240.0);
    }

    #[test]
    fn a_figure_cut_to_fewer_decimal_places_agrees_and_whole_numbers_do_not_round() {
        let figures = |text: &str| quantities(text, 0..text.len());
        let found = figures("$2.9 million and $2.96 million and $3.0 million and $2.8 million");
        assert!(found[0].agrees_with(&found[1]), "cut short");
        assert!(found[1].agrees_with(&found[0]));
        assert!(found[1].agrees_with(&found[2]), "rounded");
        assert!(!found[1].agrees_with(&found[3]));
        assert!(
            !found[0].agrees_with(&found[3]),
            "the same number of places"
        );
        let found = figures("three points and 3.4 points");
        assert!(
            !found[0].agrees_with(&found[1]),
            "a whole number as written"
        );
        let found = figures("2.9bn dollars and 3.05bn dollars");
        assert!(!found[0].agrees_with(&found[1]));
    }

    #[test]
    fn two_hedges_do_not_add_up() {
        let figures = |text: &str| quantities(text, 0..text.len());
        let found = figures("about 30,000 years and about 36,000 years and about 33,000 years");
        assert!(!found[0].agrees_with(&found[1]), "20% apart");
        assert!(found[0].agrees_with(&found[2]), "within one hedge");
        let found = figures("some 6,000 residents and some 7,200 residents");
        assert!(!found[0].agrees_with(&found[1]));
        let found =
            figures("more than 20 people and 24 people and nearly three hours and three hours");
        assert!(found[0].agrees_with(&found[1]));
        assert!(found[2].agrees_with(&found[3]));
    }

    #[test]
    fn one_bound_on_both_figures_states_the_bound() {
        let figures = |text: &str| quantities(text, 0..text.len());
        let found = figures("more than 100 stations and more than 120 stations and 120 stations");
        assert!(!found[0].agrees_with(&found[1]), "two floors");
        assert!(found[0].agrees_with(&found[2]), "a figure above the floor");
        assert!(found[1].agrees_with(&found[1]));
        let found = figures("nearly nine years and nearly ten years and at least nine years");
        assert!(!found[0].agrees_with(&found[1]), "two ceilings");
        assert_eq!(found[0].hedge(), Hedge::Ceiling);
        assert_eq!(found[2].hedge(), Hedge::Floor);
    }

    #[test]
    fn a_preposition_before_an_article_hedges_only_a_counted_number() {
        // "under a five-year contract" describes the contract.
        assert_eq!(
            find("under a five-year contract"),
            vec![("five".into(), 60.0, 60.0, 60.0, "month".into())]
        );
        assert_eq!(find("about a 10-day trip")[0].2, 10.0);
        assert_eq!(find("over 200 farms")[0].3, 400.0, "no article: a hedge");
        assert_eq!(
            find("nearly a 20-point lead")[0].2,
            16.0,
            "not a preposition"
        );
    }

    #[test]
    fn between_two_figures_is_one_range() {
        assert_eq!(
            find("sold for between $20 million and $30 million"),
            vec![(
                "20 million and $30 million".into(),
                2.5e7,
                2e7,
                3e7,
                "usd".into()
            )]
        );
        // Not a range: two figures joined by "and" with no "between".
        assert_eq!(find("$20 million and $30 million").len(), 2);
        let text = "between $20 million and $30 million, then $27 million";
        let found = quantities(text, 0..text.len());
        assert!(found[0].agrees_with(&found[1]));
    }

    #[test]
    fn ordinals_percent_and_money() {
        assert_eq!(find("the ninth round")[0].4, "round#");
        assert_eq!(find("the 3rd round")[0].1, 3.0);
        assert_eq!(find("5% of GDP")[0].4, "percent");
        assert_eq!(find("five per cent of GDP")[0].4, "percent");
        assert_eq!(
            find("a $1.2bn loan"),
            vec![("1.2bn".into(), 1.2e9, 1.2e9, 1.2e9, "usd".into())]
        );
        assert_eq!(find("€40 million in aid")[0].1, 4e7);
    }

    #[test]
    fn bare_numbers_and_years_are_not_quantities() {
        assert!(find("In 2025 the talks").is_empty());
        assert!(find("on 23 November").is_empty());
        assert!(find("one of them").is_empty());
    }
}
