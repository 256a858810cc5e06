//! Quantities in news prose: numbers in digits or words, ordinals,
//! percentages, money, and the unit or head noun they measure ("a 28-point
//! plan", "19 points", "three hours", "the ninth round", "$1.2bn"), with any
//! approximation word in front ("nearly", "more than"). Each becomes an
//! interval in a canonical unit so that "90 minutes" agrees with "1.5 hours"
//! and "more than 20" agrees with 24.

use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use super::sentence::Sentence;

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
}

impl Quantity {
    pub fn agrees_with(&self, other: &Quantity) -> bool {
        const SLACK: f64 = 1e-9;
        self.low <= other.high + SLACK && other.low <= self.high + SLACK
    }
}

const UNITS: &[(&str, u64)] = &[
    ("zero", 0),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
    ("dozen", 12),
];

const ORDINALS: &[(&str, u64)] = &[
    ("first", 1),
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("sixth", 6),
    ("seventh", 7),
    ("eighth", 8),
    ("ninth", 9),
    ("tenth", 10),
    ("eleventh", 11),
    ("twelfth", 12),
    ("thirteenth", 13),
    ("fourteenth", 14),
    ("fifteenth", 15),
    ("sixteenth", 16),
    ("seventeenth", 17),
    ("eighteenth", 18),
    ("nineteenth", 19),
    ("twentieth", 20),
    ("thirtieth", 30),
    ("fortieth", 40),
    ("fiftieth", 50),
];

const SCALES: &[(&str, f64)] = &[
    ("hundred", 1e2),
    ("thousand", 1e3),
    ("million", 1e6),
    ("mn", 1e6),
    ("m", 1e6),
    ("billion", 1e9),
    ("bn", 1e9),
    ("trillion", 1e12),
    ("tn", 1e12),
];

/// Measures and their canonical unit with a factor, so units of one family
/// compare: minutes and hours; days and weeks; months, years and decades.
const MEASURES: &[(&str, &str, f64)] = &[
    ("minute", "minute", 1.0),
    ("minutes", "minute", 1.0),
    ("min", "minute", 1.0),
    ("hour", "minute", 60.0),
    ("hours", "minute", 60.0),
    ("hr", "minute", 60.0),
    ("day", "day", 1.0),
    ("days", "day", 1.0),
    ("week", "day", 7.0),
    ("weeks", "day", 7.0),
    ("month", "month", 1.0),
    ("months", "month", 1.0),
    ("year", "month", 12.0),
    ("years", "month", 12.0),
    ("decade", "month", 120.0),
    ("decades", "month", 120.0),
    ("percent", "percent", 1.0),
    ("per cent", "percent", 1.0),
    ("%", "percent", 1.0),
    ("percentage point", "percentage point", 1.0),
    ("percentage points", "percentage point", 1.0),
    ("point", "point", 1.0),
    ("points", "point", 1.0),
    ("item", "point", 1.0),
    ("items", "point", 1.0),
    ("provision", "point", 1.0),
    ("provisions", "point", 1.0),
    ("clause", "point", 1.0),
    ("clauses", "point", 1.0),
];

/// Approximation words and the interval they give a stated value `x`.
const QUALIFIERS: &[(&str, f64, f64)] = &[
    ("more than", 1.0, 2.0),
    ("over", 1.0, 2.0),
    ("at least", 1.0, 2.0),
    ("upwards of", 1.0, 2.0),
    ("nearly", 0.8, 1.0),
    ("almost", 0.8, 1.0),
    ("close to", 0.8, 1.0),
    ("just under", 0.8, 1.0),
    ("about", 0.85, 1.15),
    ("around", 0.85, 1.15),
    ("roughly", 0.85, 1.15),
    ("some", 0.85, 1.15),
    ("approximately", 0.85, 1.15),
    ("an estimated", 0.85, 1.15),
    ("just over", 1.0, 1.2),
    ("fewer than", 0.0, 1.0),
    ("less than", 0.0, 1.0),
    ("under", 0.0, 1.0),
    ("up to", 0.0, 1.0),
];

const CURRENCIES: &[(&str, &str)] = &[
    ("$", "usd"),
    ("us$", "usd"),
    ("€", "eur"),
    ("£", "gbp"),
    ("dollars", "usd"),
    ("dollar", "usd"),
    ("euros", "eur"),
    ("euro", "eur"),
    ("pounds", "gbp"),
    ("rubles", "rub"),
    ("roubles", "rub"),
    ("hryvnias", "uah"),
    ("yen", "jpy"),
    ("francs", "chf"),
];

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
            .filter(|(_, t, _)| !t.trim().is_empty())
            .map(|(at, text, lower)| Token {
                text,
                lower,
                range: at..at + text.len(),
            }),
    );
    tokens
}

/// Asked of every word of every sentence when indexing: a map, not a scan.
static NUMBER_WORDS: LazyLock<FxHashMap<&str, u64>> =
    LazyLock::new(|| UNITS.iter().copied().collect());
static ORDINAL_WORDS: LazyLock<FxHashMap<&str, u64>> =
    LazyLock::new(|| ORDINALS.iter().copied().collect());

fn word_value(word: &str) -> Option<u64> {
    NUMBER_WORDS.get(word).copied()
}

fn ordinal_value(word: &str) -> Option<u64> {
    if let Some(v) = ORDINAL_WORDS.get(word) {
        return Some(*v);
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
            _ => SCALES.iter().find(|(w, _)| *w == suffix)?.1,
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
    found
}

fn quantity_at(prose: &str, tokens: &[Token], i: usize) -> Option<(Quantity, usize)> {
    let (mut value, ordinal, mut used) = match ordinal_value(tokens[i].lower) {
        Some(v) => (v as f64, true, 1),
        None => {
            let (v, used) = cardinal(tokens, i)?;
            (v, false, used)
        }
    };
    // A year such as 2025, or a date's day, is not a quantity of anything.
    let mut next = i + used;
    if let Some(scale) = tokens
        .get(next)
        .and_then(|t| SCALES.iter().find(|(w, _)| *w == t.lower))
    {
        value *= scale.1;
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
        measure_at(tokens, next)?
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
    let quantity = Quantity {
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
    !MEASURES.iter().any(|(_, unit, _)| *unit == measure)
        && !CURRENCIES.iter().any(|(_, code)| *code == measure)
}

fn currency(word: &str) -> Option<&'static str> {
    CURRENCIES.iter().find(|(w, _)| *w == word).map(|(_, c)| *c)
}

/// The measure a number counts: a known unit (converted), a currency after
/// it, or else the noun that follows ("members", "round"), made singular.
fn measure_at(tokens: &[Token], at: usize) -> Option<(String, f64, usize)> {
    let first = tokens.get(at)?;
    let two = tokens
        .get(at + 1)
        .map(|second| format!("{} {}", first.lower, second.lower));
    for (candidate, width) in [(two, 2), (Some(first.lower.to_string()), 1)] {
        let Some(candidate) = candidate else { continue };
        if let Some((_, unit, factor)) = MEASURES.iter().find(|(w, _, _)| *w == candidate) {
            return Some((unit.to_string(), *factor, width));
        }
        if let Some(code) = currency(&candidate) {
            return Some((code.to_string(), 1.0, width));
        }
    }
    // "4,300 dock workers": the counted noun is the plural after a modifier.
    let word = match tokens.get(at + 1) {
        Some(second)
            if !first.lower.ends_with('s')
                && second.range.start == first.range.end + 1
                && second.lower.len() > 3
                && second.lower.ends_with('s')
                && !second.lower.ends_with("ss")
                && second.lower.chars().all(|c| c.is_ascii_lowercase()) =>
        {
            return (!NOT_MEASURES.contains(&first.lower)
                && first.lower.chars().all(char::is_alphabetic))
            .then(|| (singular(second.lower), 1.0, 2));
        }
        _ => &first.lower,
    };
    if !word.chars().all(char::is_alphabetic) || word.len() < 3 || NOT_MEASURES.contains(word) {
        return None;
    }
    Some((singular(word), 1.0, 1))
}

/// Words that follow numbers without being what they count.
const NOT_MEASURES: &[&str] = &[
    "and",
    "or",
    "the",
    "to",
    "of",
    "in",
    "on",
    "at",
    "for",
    "from",
    "by",
    "with",
    "was",
    "were",
    "is",
    "are",
    "had",
    "has",
    "have",
    "will",
    "would",
    "said",
    "says",
    "than",
    "as",
    "that",
    "which",
    "who",
    "per",
    "after",
    "before",
    "more",
    "less",
    "other",
    "such",
    "most",
    "all",
    "times",
    "time",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "out",
    "into",
];

pub fn singular(word: &str) -> String {
    let mut lemma = String::new();
    push_singular(&mut lemma, word);
    lemma
}

/// [`singular`] of `word`, written at the end of `out`.
pub fn push_singular(out: &mut String, word: &str) {
    if let Some(stem) = word.strip_suffix("ies") {
        out.push_str(stem);
        out.push('y');
    } else if word.ends_with("ss") || word.ends_with("us") {
        out.push_str(word);
    } else {
        out.push_str(word.strip_suffix('s').unwrap_or(word));
    }
}

/// Whether `singular(word)` is `lemma`, without making it: a frame asks
/// this of every word near every value.
pub fn singular_is(word: &str, lemma: &str) -> bool {
    if let Some(stem) = word.strip_suffix("ies") {
        return lemma.strip_suffix('y') == Some(stem);
    }
    if word.ends_with("ss") || word.ends_with("us") {
        return word == lemma;
    }
    word.strip_suffix('s').unwrap_or(word) == lemma
}

/// The approximation word before token `i`, as interval factors and where
/// it starts; exact values are (1, 1).
fn qualifier_before(tokens: &[Token], i: usize) -> (f64, f64, Option<usize>) {
    let mut at = i;
    // "$" or "a" may stand between the qualifier and the number.
    while at > 0 && (currency(tokens[at - 1].lower).is_some() || tokens[at - 1].lower == "a") {
        at -= 1;
    }
    for (phrase, low, high) in QUALIFIERS {
        let length = phrase.split(' ').count();
        if at >= length {
            let start = at - length;
            if tokens[start..at]
                .iter()
                .zip(phrase.split(' '))
                .all(|(t, w)| t.lower == w)
            {
                return (*low, *high, Some(start));
            }
        }
    }
    (1.0, 1.0, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn singular_is_asks_what_singular_makes() {
        let words = [
            "parties", "ies", "points", "bus", "class", "troops", "s", "", "year",
        ];
        for word in words {
            for lemma in [
                "party", "y", "point", "bus", "class", "troop", "", "year", "parties",
            ] {
                assert_eq!(
                    singular_is(word, lemma),
                    singular(word) == lemma,
                    "{word} {lemma}"
                );
            }
        }
    }

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
