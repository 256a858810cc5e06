//! Values as messages and suggestions say them: the corpus's figure with the
//! draft's unit ("19 points", "$100bn", "Sunday"), as the corpus wrote it
//! when no conversion is needed, and the replacement in the draft's own
//! style (digits stay digits, words stay words).

use crate::corpus::{Corpus, Statement};
use crate::lang::calendar::{month_name, weekday_name};
use crate::lang::case::capitalise;
use crate::lang::numbers;
use crate::text::claims::{Claim, Value};
use crate::text::quantities::Quantity;

/// The corpus value with the draft's unit: "19 points", "$100bn", "Sunday".
pub fn describe(corpus: &Corpus, statement: &Statement, claim: &Claim, source: &str) -> String {
    match &statement.claim.value {
        Value::Quantity(q) => {
            // As the corpus wrote it ("19 points"), not in the draft's words
            // ("19 items"), when the figure needs no conversion.
            // A conversion that gives no whole number ("2.14 weeks") is
            // worse than the corpus's own unit ("15 days").
            let converted = in_draft_units(q, claim);
            let whole = (converted - converted.round()).abs() < 1e-9;
            let (number, unit) = match corpus_wording(corpus, statement) {
                Some(written) if same_scale(q, claim) => (
                    written,
                    corpus_unit_word(corpus, statement).or_else(|| claim_unit_word(claim, source)),
                ),
                Some(written) if !whole => (written, corpus_unit_word(corpus, statement)),
                _ => (format_number(converted), claim_unit_word(claim, source)),
            };
            format!(
                "{number}{}",
                unit.map(|u| if u.starts_with(char::is_alphabetic) {
                    format!(" {u}")
                } else {
                    u // "%", "-fold"
                })
                .unwrap_or_default()
            )
        }
        // In the draft's order: "June 7" where it writes "June 8".
        Value::Date { year, month, day }
            if source
                .get(claim.range.clone())
                .is_some_and(|w| w.starts_with(char::is_alphabetic)) =>
        {
            match year {
                Some(year) => format!("{} {day}, {year}", month_name(*month)),
                None => format!("{} {day}", month_name(*month)),
            }
        }
        value => describe_value(value),
    }
}

/// A value that needs no unit: a day, a date, a year, a place in a series,
/// a title.
pub fn describe_value(value: &Value) -> String {
    match value {
        Value::Quantity(q) => format_number(q.value),
        Value::Weekday(day) => weekday_name(*day),
        Value::Date { year, month, day } => match year {
            Some(year) => format!("{day} {} {year}", month_name(*month)),
            None => format!("{day} {}", month_name(*month)),
        },
        Value::Year(year) => year.to_string(),
        Value::Ordinal(n) => ordinal(*n),
        Value::Title { post, .. } => post.clone(),
    }
}

fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// How the corpus wrote a statement's figure ("600,000", "€40 million"),
/// with the currency sign before it and its spacing made plain.
pub fn corpus_wording(corpus: &Corpus, statement: &Statement) -> Option<String> {
    let Value::Quantity(q) = &statement.claim.value else {
        return None;
    };
    let prose = corpus.article(statement.location)?.document().prose();
    let written = prose.get(q.range.clone())?;
    let sign = prose
        .get(..q.range.start)?
        .chars()
        .next_back()
        .filter(|c| matches!(c, '$' | '€' | '£' | '¥'))
        .map(String::from)
        .unwrap_or_default();
    Some(format!(
        "{sign}{}",
        written.split_whitespace().collect::<Vec<_>>().join(" ")
    ))
}

/// Whether the corpus figure and the draft's are stated in the same unit
/// (no conversion between them).
fn same_scale(corpus: &Quantity, claim: &Claim) -> bool {
    match &claim.value {
        Value::Quantity(draft) if draft.stated != 0.0 && corpus.stated != 0.0 => {
            let ratio = (corpus.value / corpus.stated) / (draft.value / draft.stated);
            (ratio - 1.0).abs() < 1e-9
        }
        _ => false,
    }
}

/// The unit as the corpus wrote it ("points"; a unit of several words is
/// left to the draft's wording).
fn corpus_unit_word(corpus: &Corpus, statement: &Statement) -> Option<String> {
    let Value::Quantity(q) = &statement.claim.value else {
        return None;
    };
    let prose = corpus.article(statement.location)?.document().prose();
    unit_word(prose, q).filter(|unit| !unit.contains(char::is_whitespace))
}

/// The unit as the draft wrote it ("items", "hours"). Empty for money and
/// bare counts.
pub fn claim_unit_word(claim: &Claim, source: &str) -> Option<String> {
    let Value::Quantity(q) = &claim.value else {
        return None;
    };
    unit_word(source, q)
}

/// The unit written after a figure in `text`; a hyphenated "28-point" is
/// given its plural.
fn unit_word(text: &str, q: &Quantity) -> Option<String> {
    let unit = text.get(q.range.end..q.phrase.end)?.trim();
    let hyphenated = unit.starts_with('-');
    let unit = unit.trim_start_matches('-').trim();
    // A name after a place in a series is no unit of it: "the 11th
    // International Congress" says "11th".
    if unit.is_empty() || (q.ordinal && unit.starts_with(char::is_uppercase)) {
        return None;
    }
    Some(if hyphenated && !q.ordinal && !unit.ends_with('s') {
        format!("{unit}s")
    } else {
        unit.to_string()
    })
}

/// The draft's value as a message quotes it: its phrase ("about 8 per
/// cent"), or only the figure of a place in a series followed by a name
/// ("5th", not "5th International").
pub fn draft_wording<'a>(claim: &Claim, source: &'a str) -> &'a str {
    let whole = source.get(claim.phrase.clone()).unwrap_or("");
    match &claim.value {
        Value::Quantity(q) if q.ordinal && unit_word(source, q).is_none() => {
            source.get(claim.range.clone()).unwrap_or(whole)
        }
        _ => whole,
    }
}

/// The corpus figure expressed in the unit the draft used ("3" hours, not
/// 180 minutes).
fn in_draft_units(corpus: &Quantity, claim: &Claim) -> f64 {
    match &claim.value {
        Value::Quantity(draft) if draft.stated != 0.0 => {
            corpus.value / (draft.value / draft.stated)
        }
        _ => corpus.value,
    }
}

/// A number for a message: thousands separated from 10,000 up.
pub fn format_number(value: f64) -> String {
    if (value - value.round()).abs() >= 1e-9 {
        return format!("{value:.2}").trim_end_matches('0').to_string();
    }
    let digits = (value.round() as i64).unsigned_abs().to_string();
    let grouped = if digits.len() > 4 {
        let mut out = String::new();
        for (i, digit) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(digit);
        }
        out
    } else {
        digits
    };
    if value < 0.0 {
        format!("-{grouped}")
    } else {
        grouped
    }
}

/// The replacement for the draft's value, in the draft's style: digits
/// stay digits with the draft's own suffix ("%", "bn"), words stay words.
pub fn render(
    value: &Value,
    corpus_written: Option<&str>,
    claim: &Claim,
    written: &str,
) -> Option<String> {
    match (value, &claim.value) {
        (Value::Quantity(q), Value::Quantity(draft)) => {
            if draft.low != draft.high || q.low != q.high {
                return None; // an approximate figure on either side: the wording is the editor's call
            }
            let number = in_draft_units(q, claim);
            if !written.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                return number_word(number, written);
            }
            let (_, draft_suffix) = split_number(written);
            let corpus_number = corpus_written
                .map(|c| c.trim_start_matches(['$', '€', '£', '¥']))
                .filter(|_| same_scale(q, claim))
                .map(split_number)
                .filter(|(digits, _)| !digits.is_empty());
            match corpus_number {
                // "€5 billion" where the corpus says "€5 million": the
                // scale word is the slip.
                Some((digits, suffix))
                    if suffix.trim() != draft_suffix.trim()
                        && numbers::scale(&suffix.trim().to_lowercase()).is_some() =>
                {
                    Some(format!("{digits}{suffix}"))
                }
                Some((digits, _)) => Some(format!("{digits}{draft_suffix}")),
                None if draft_suffix.is_empty() => Some(format_number(number)),
                None => None, // "9th", "1.2bn" from a converted figure: the editor's call
            }
        }
        (Value::Ordinal(n), _) => {
            if written.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                Some(ordinal(*n))
            } else {
                number_word(f64::from(*n), written)
            }
        }
        (Value::Weekday(day), _) => Some(weekday_name(*day)),
        (Value::Year(year), _) => Some(year.to_string()),
        (Value::Date { year, month, day }, draft) => {
            let month_name = month_name(*month);
            // A year written with the draft's date is part of it: the
            // corpus's year replaces it, or it stays.
            let draft_year = match draft {
                Value::Date { year, .. } => *year,
                _ => None,
            };
            let year = draft_year.map(|own| year.unwrap_or(own));
            let digits_first = written.starts_with(|c: char| c.is_ascii_digit());
            Some(match (year, digits_first) {
                (Some(year), true) => format!("{day} {month_name} {year}"),
                (Some(year), false) => format!("{month_name} {day}, {year}"),
                (None, true) => format!("{day} {month_name}"),
                (None, false) => format!("{month_name} {day}"),
            })
        }
        _ => None,
    }
}

/// "600,000" → ("600,000", ""); "40%" → ("40", "%"); "50 million" → ("50", " million").
fn split_number(written: &str) -> (&str, &str) {
    let end = written
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.' || *c == ','))
        .map_or(written.len(), |(i, _)| i);
    written.split_at(end)
}

/// A number as a word, ordinal when the draft wrote an ordinal, capitalised
/// when the draft's word is.
fn number_word(number: f64, written: &str) -> Option<String> {
    if number.fract() != 0.0 || !(0.0..=20.0).contains(&number) {
        return None;
    }
    let ordinal = numbers::ordinal(&written.to_lowercase()).is_some();
    let word = if ordinal {
        numbers::ordinal_word(number as u64)?
    } else {
        numbers::cardinal_word(number as u64)?
    };
    Some(if written.starts_with(char::is_uppercase) {
        capitalise(word)
    } else {
        word.to_string()
    })
}
