//! Weekdays, dates and years as claims: "on Sunday", "23 November",
//! "November 24", "in 2005", "a 2005 recording", and a weekday paired with
//! the date beside it ("Tuesday, 24 June").

use std::ops::Range;

use super::{Attribute, Found, Value};
use crate::lang::calendar::{CalendarWord, calendar_word};
use crate::text::names::without_possessive;
use crate::text::sentence::Sentence;

/// The weekday, date and year claims of `sentence`, each weekday paired
/// with the date written beside it.
pub(super) fn weekdays_dates_and_years(sentence: &Sentence) -> Vec<Found> {
    let mut found = calendar(sentence);
    pair_weekdays(sentence.prose, &mut found);
    let dates: Vec<Range<usize>> = found.iter().map(|f| f.range.clone()).collect();
    found.extend(years(sentence, &dates));
    found.sort_by_key(|f| f.range.start);
    found
}

fn calendar(sentence: &Sentence) -> Vec<Found> {
    let words = sentence.words();
    let mut found = Vec::new();
    for (i, (at, word, lower)) in sentence.lowered_words().enumerate() {
        let range = at..at + word.len();
        // "Sunday's talks" dates the talks as much as "talks on Sunday".
        let bare = without_possessive(lower);
        if let Some(CalendarWord::Weekday(day)) = calendar_word(bare) {
            let range = range.start..range.start + bare.len();
            found.push(found_at(range, Attribute::Weekday, Value::Weekday(day)));
        } else if let Some(CalendarWord::Month(month)) = calendar_word(lower)
            && word.starts_with(char::is_uppercase)
        {
            // "23 November" or "November 23"
            let day_before = i
                .checked_sub(1)
                .and_then(|p| day_number(words[p].1).map(|d| (d, words[p].0)));
            let day_after = words
                .get(i + 1)
                .and_then(|(a, w)| day_number(w).map(|d| (d, *a)));
            let month = month as u32 + 1;
            let date = match (day_before, day_after) {
                (Some((day, day_at)), _) => Some((day, day_at..range.end, i + 1)),
                (None, Some((day, day_at))) => {
                    Some((day, range.start..day_at + words[i + 1].1.len(), i + 2))
                }
                _ => None,
            };
            if let Some((day, mut range, next)) = date {
                // "November 24, 2016", "24 November 2016": the year with it,
                // part of the date as written.
                let year = words.get(next).and_then(|&(a, w)| {
                    let gap = sentence.prose.get(range.end..a)?;
                    let year = (w.len() == 4 && gap.trim_start_matches(',').trim().is_empty())
                        .then(|| w.parse().ok())
                        .flatten()?;
                    range.end = a + w.len();
                    Some(year)
                });
                found.push(found_at(
                    range,
                    Attribute::Date,
                    Value::Date { year, month, day },
                ));
            }
        }
    }
    found
}

/// Years standing alone ("in 2005", "the 2012 election"), not inside a
/// date written with them.
fn years(sentence: &Sentence, dates: &[Range<usize>]) -> Vec<Found> {
    sentence
        .words()
        .iter()
        .filter(|(_, w)| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
        .filter_map(|&(at, w)| {
            let year: i32 = w.parse().ok()?;
            let range = at..at + w.len();
            // "November 24, 2016": the year is the date's.
            let in_date = dates.iter().any(|d| at >= d.start && at <= d.end + 2);
            // "2016-17 season", "1,950": a year stands between spaces or punctuation.
            let glued = sentence
                .prose
                .get(range.end..range.end + 1)
                .is_some_and(|c| c == "-" || c == "/");
            ((1900..=2100).contains(&year) && !in_date && !glued)
                .then(|| found_at(range, Attribute::Year, Value::Year(year)))
        })
        .collect()
}

fn found_at(range: Range<usize>, attribute: Attribute, value: Value) -> Found {
    Found {
        phrase: range.clone(),
        range,
        attribute,
        value,
        person: None,
        paired_date: None,
        in_anothers_service: false,
    }
}

/// Give each weekday the date that follows it ("Tuesday, 24 June").
fn pair_weekdays(prose: &str, found: &mut [Found]) {
    let dates: Vec<(usize, (u32, u32))> = found
        .iter()
        .filter_map(|f| match f.value {
            Value::Date { month, day, .. } => Some((f.range.start, (month, day))),
            _ => None,
        })
        .collect();
    for weekday in found
        .iter_mut()
        .filter(|f| matches!(f.value, Value::Weekday(_)))
    {
        weekday.paired_date = dates
            .iter()
            .find(|(start, _)| {
                prose.get(weekday.range.end..*start).is_some_and(|gap| {
                    gap.len() <= 3 && gap.trim_start_matches(',').trim().is_empty()
                })
            })
            .map(|(_, date)| *date);
    }
}

fn day_number(word: &str) -> Option<u32> {
    let digits: String = word.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}
