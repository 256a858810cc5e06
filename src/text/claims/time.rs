//! When a claim holds. A claim's record keeps what its sentence says of
//! time: the years it names, a day relative to the article's date
//! ("yesterday", "on Friday"), whether its figure is true of its own day
//! only (a poll, a running count, a price that moved), and whether it
//! speaks of the past ("then-Senator", "at the time"). The check resolves
//! these against the article's date.

use std::ops::Range;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use super::reading::Reading;
use crate::lang::calendar::{CalendarWord, Day, calendar_word};
use crate::lang::list::Table;
use crate::lang::statements::{HISTORICAL_MARKERS, SNAPSHOT_MARKERS};
use crate::text::sentence::Sentence;

static RELATIVE_DAYS: Table = Table::new(include_str!("../../lang/words/relative-days.tsv"));

/// How near a snapshot marker must stand to the value, in words.
const MARKER_REACH: usize = 6;

/// What a claim's sentence says of when it holds.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ClaimTime {
    /// The years the sentence names.
    pub years: Vec<u16>,
    /// True of its own day only: a poll, a running count, the latest of
    /// something recurring, a price or share that moved.
    pub snapshot: bool,
    /// Set in the past: "then-Senator", "at the time", "when she was mayor".
    pub historical: bool,
    /// The day the sentence places the claim on, relative to the article's
    /// date: a number of days ("yesterday" is -1), or a weekday.
    pub day: Option<RelativeDay>,
    /// For a weekday, the date written beside it ("Tuesday, 24 June"): the
    /// pair is a fact of the calendar, whatever the event.
    pub paired_date: Option<(u32, u32)>,
}

/// A day named relative to the article's date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RelativeDay {
    Offset(i32),
    /// A weekday (Monday is 0): the last such day on or before the
    /// article's date, or the next after it for a forecast.
    Weekday {
        day: usize,
        ahead: bool,
    },
}

impl RelativeDay {
    /// The day this names in an article dated `dateline`.
    pub fn resolve(self, dateline: Day) -> Day {
        match self {
            RelativeDay::Offset(days) => dateline + i64::from(days),
            RelativeDay::Weekday { day, ahead } => {
                // 1970-01-01 was a Thursday (weekday 3).
                let today = (dateline + 3).rem_euclid(7) as usize;
                let back = (today + 7 - day) % 7;
                if ahead {
                    dateline + ((day + 7 - today) % 7) as i64
                } else {
                    dateline - back as i64
                }
            }
        }
    }
}

/// What the sentence of a value at `range` says of when it holds.
pub(super) fn of(
    sentence: &Sentence,
    range: &Range<usize>,
    years: &[u16],
    reading: &Reading,
    in_tally: bool,
    paired_date: Option<(u32, u32)>,
) -> ClaimTime {
    let lower = sentence.text().to_lowercase();
    let near_marker = sentence
        .words_within(sentence.range.start..range.start)
        .iter()
        .rev()
        .take(MARKER_REACH)
        .chain(
            sentence
                .words_within(range.end..sentence.range.end)
                .iter()
                .take(MARKER_REACH),
        )
        .any(|(_, w)| SNAPSHOT_MARKERS.contains(&w.to_lowercase()))
        || SNAPSHOT_MARKERS
            .words()
            .iter()
            .filter(|m| m.contains(' '))
            .any(|m| contains_phrase(&lower, m));
    ClaimTime {
        years: years.to_vec(),
        snapshot: reading.poll || reading.snapshot || reading.margin || in_tally || near_marker,
        historical: HISTORICAL_MARKERS
            .words()
            .iter()
            .any(|m| contains_phrase(&lower, m)),
        day: relative_day(sentence, reading.outlook),
        paired_date,
    }
}

/// Whether `phrase` stands in `lower` as whole words ("then-" may be
/// followed by anything).
fn contains_phrase(lower: &str, phrase: &str) -> bool {
    lower.match_indices(phrase).any(|(at, _)| {
        let before = lower[..at].chars().next_back();
        let after = lower[at + phrase.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric)
            && (phrase.ends_with('-') || !after.is_some_and(char::is_alphanumeric))
    })
}

static OFFSETS: LazyLock<Vec<(&'static str, i32)>> = LazyLock::new(|| {
    RELATIVE_DAYS
        .pairs()
        .filter_map(|(word, days)| Some((word, days.parse().ok()?)))
        .collect()
});

/// The first day the sentence names relative to its article's date.
fn relative_day(sentence: &Sentence, forecast: bool) -> Option<RelativeDay> {
    let lower = sentence.text().to_lowercase();
    if let Some((_, days)) = OFFSETS
        .iter()
        .find(|(word, _)| contains_phrase(&lower, word))
    {
        return Some(RelativeDay::Offset(*days));
    }
    sentence.lowered_words().find_map(|(_, _, word)| {
        match calendar_word(crate::text::names::without_possessive(word)) {
            Some(CalendarWord::Weekday(day)) => Some(RelativeDay::Weekday {
                day,
                ahead: forecast,
            }),
            _ => None,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::calendar::find_day;

    #[test]
    fn relative_days_resolve_against_the_dateline() {
        // Sunday 30 October 2016: "Friday" is the 28th, "yesterday" the 29th.
        let sunday = find_day("2016-10-30").unwrap_or_default();
        let friday = RelativeDay::Weekday {
            day: 4,
            ahead: false,
        };
        assert_eq!(
            friday.resolve(sunday),
            find_day("2016-10-28").unwrap_or_default()
        );
        let next_friday = RelativeDay::Weekday {
            day: 4,
            ahead: true,
        };
        assert_eq!(
            next_friday.resolve(sunday),
            find_day("2016-11-04").unwrap_or_default()
        );
        assert_eq!(RelativeDay::Offset(-1).resolve(sunday), sunday - 1);
        let sunday_itself = RelativeDay::Weekday {
            day: 6,
            ahead: false,
        };
        assert_eq!(sunday_itself.resolve(sunday), sunday);
    }

    #[test]
    fn markers_of_the_past_and_of_a_day() {
        assert!(contains_phrase("then-senator obama voted", "then-"));
        assert!(contains_phrase("at the time, she said", "at the time"));
        assert!(!contains_phrase("the timetable", "at the time"));
    }
}
