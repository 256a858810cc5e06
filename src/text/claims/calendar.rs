//! Weekdays and dates as claims: "on Sunday", "23 November", "November
//! 24", and a weekday paired with the date beside it ("Tuesday, 24 June").

use std::ops::Range;

use super::{Claim, ClaimValue};
use crate::lang::calendar::{CalendarWord, calendar_word};
use crate::text::frames::Frame;
use crate::text::names::without_possessive;
use crate::text::sentence::Sentence;

/// The weekday and date claims of `sentence`, each weekday paired with
/// the date written beside it.
pub(super) fn weekdays_and_dates(sentence: &Sentence) -> Vec<Claim> {
    pair_weekdays(sentence.prose, calendar(sentence))
}

fn calendar(sentence: &Sentence) -> Vec<Claim> {
    let words = sentence.words();
    let mut found = Vec::new();
    for (i, (at, word, lower)) in sentence.lowered_words().enumerate() {
        let range = at..at + word.len();
        // "Sunday's talks" dates the talks as much as "talks on Sunday".
        let bare = without_possessive(lower);
        if let Some(CalendarWord::Weekday(day)) = calendar_word(bare) {
            let range = range.start..range.start + bare.len();
            found.push(plain_claim(range, "weekday", ClaimValue::Weekday(day)));
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
            if let Some((day, day_at)) = day_before {
                let range = day_at..range.end;
                found.push(plain_claim(
                    range,
                    "date",
                    ClaimValue::Date(month as u32 + 1, day),
                ));
            } else if let Some((day, day_at)) = day_after {
                let end = day_at + words[i + 1].1.len();
                found.push(plain_claim(
                    range.start..end,
                    "date",
                    ClaimValue::Date(month as u32 + 1, day),
                ));
            }
        }
    }
    found
}

/// Give each weekday the date that follows it ("Tuesday, 24 June").
fn pair_weekdays(prose: &str, mut found: Vec<Claim>) -> Vec<Claim> {
    let dates: Vec<(usize, (u32, u32))> = found
        .iter()
        .filter_map(|c| match c.value {
            ClaimValue::Date(month, day) => Some((c.range.start, (month, day))),
            _ => None,
        })
        .collect();
    for claim in &mut found {
        if let ClaimValue::Weekday(_) = claim.value {
            claim.paired_date = dates
                .iter()
                .find(|(start, _)| {
                    prose.get(claim.range.end..*start).is_some_and(|gap| {
                        gap.len() <= 3 && gap.trim_start_matches(',').trim().is_empty()
                    })
                })
                .map(|(_, date)| *date);
        }
    }
    found
}

fn day_number(word: &str) -> Option<u32> {
    let digits: String = word.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn plain_claim(range: Range<usize>, measure: &str, value: ClaimValue) -> Claim {
    Claim {
        range,
        measure: measure.to_string(),
        value,
        person: None,
        person_name: None,
        former_range: None,
        context: 0..0,
        change: None,
        paired_date: None,
        frame: Frame::default(),
    }
}
