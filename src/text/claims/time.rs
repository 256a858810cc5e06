//! When a claim holds. A claim's record keeps what its sentence says of
//! time: the years it names, a day relative to the article's date
//! ("yesterday", "on Friday"), whether its figure is true of its own day
//! only (a poll, a running count, a price that moved), and whether it
//! speaks of the past ("then-Senator", "at the time"). The check resolves
//! these against the article's date.

use std::ops::Range;
use std::sync::LazyLock;

use rustc_hash::FxHashMap;

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

/// What a sentence says of time whatever its value: read once for all the
/// claims of the sentence.
pub(super) struct SentenceTime {
    /// A snapshot marker of several words stands in it ("so far").
    snapshot_phrase: bool,
    historical: bool,
    /// The first relative day it names: an offset ("yesterday"), or a
    /// weekday (Monday is 0).
    offset: Option<i32>,
    weekday: Option<usize>,
}

impl SentenceTime {
    pub(super) fn of(sentence: &Sentence) -> SentenceTime {
        let mut time = SentenceTime {
            snapshot_phrase: false,
            historical: false,
            offset: None,
            weekday: None,
        };
        // The earliest in the list of relative days wins, as written there.
        let mut offset_rank = usize::MAX;
        let mut lower: Option<String> = None;
        for (_, _, word) in sentence.lowered_words() {
            if time.weekday.is_none()
                && let Some(CalendarWord::Weekday(day)) =
                    calendar_word(crate::text::names::without_possessive(word))
            {
                time.weekday = Some(day);
            }
            // Most words open no marker: the sentence is searched only for
            // the phrases its words can open.
            let Some(phrases) = PHRASES_BY_FIRST_WORD.get(word) else {
                continue;
            };
            let lower = lower.get_or_insert_with(|| sentence.text().to_lowercase());
            for (phrase, marker) in phrases {
                if !contains_phrase(lower, phrase) {
                    continue;
                }
                match marker {
                    Marker::Snapshot => time.snapshot_phrase = true,
                    Marker::Historical => time.historical = true,
                    Marker::Day { rank, days } if *rank < offset_rank => {
                        offset_rank = *rank;
                        time.offset = Some(*days);
                    }
                    Marker::Day { .. } => {}
                }
            }
        }
        if time.offset.is_some() {
            time.weekday = None;
        }
        time
    }

    /// The first day the sentence names relative to its article's date; a
    /// weekday in a forecast is the next one.
    fn relative_day(&self, forecast: bool) -> Option<RelativeDay> {
        match (self.offset, self.weekday) {
            (Some(days), _) => Some(RelativeDay::Offset(days)),
            (None, Some(day)) => Some(RelativeDay::Weekday {
                day,
                ahead: forecast,
            }),
            (None, None) => None,
        }
    }
}

/// What the sentence of a value at `range` says of when it holds.
pub(super) fn of(
    sentence: &Sentence,
    sentence_time: &SentenceTime,
    range: &Range<usize>,
    years: &[u16],
    reading: &Reading,
    in_tally: bool,
    paired_date: Option<(u32, u32)>,
) -> ClaimTime {
    let near_marker = sentence
        .last_words_within(sentence.range.start..range.start, MARKER_REACH)
        .iter()
        .chain(
            sentence
                .first_words_within(range.end..sentence.range.end, MARKER_REACH)
                .iter(),
        )
        .any(|(_, w)| SNAPSHOT_MARKERS.contains(&w.to_lowercase()))
        || sentence_time.snapshot_phrase;
    ClaimTime {
        years: years.to_vec(),
        snapshot: reading.poll || reading.snapshot || reading.margin || in_tally || near_marker,
        historical: sentence_time.historical,
        day: sentence_time.relative_day(reading.outlook),
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

/// What a phrase of time marks.
enum Marker {
    Snapshot,
    Historical,
    /// A day relative to the article's, by its place in the list.
    Day {
        rank: usize,
        days: i32,
    },
}

/// The phrases of time (snapshot markers of several words, historical
/// markers, relative days), by their first word.
static PHRASES_BY_FIRST_WORD: LazyLock<FxHashMap<&'static str, Vec<(&'static str, Marker)>>> =
    LazyLock::new(|| {
        let mut phrases: FxHashMap<&'static str, Vec<(&'static str, Marker)>> =
            FxHashMap::default();
        let mut add = |phrase: &'static str, marker: Marker| {
            let first = phrase
                .split(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or(phrase);
            phrases.entry(first).or_default().push((phrase, marker));
        };
        for phrase in SNAPSHOT_MARKERS.words().iter().filter(|m| m.contains(' ')) {
            add(phrase, Marker::Snapshot);
        }
        for phrase in HISTORICAL_MARKERS.words() {
            add(phrase, Marker::Historical);
        }
        for (rank, (phrase, days)) in RELATIVE_DAYS.pairs().enumerate() {
            if let Ok(days) = days.parse() {
                add(phrase, Marker::Day { rank, days });
            }
        }
        phrases
    });

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
