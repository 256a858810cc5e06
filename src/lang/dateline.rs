//! Dates written out ("3 March 2016", "Mar. 3, 2016", "2016-03-03") and the
//! day an article says it was written in its own first lines: a wire
//! dateline ("HARBOURTON, March 3, 2016 (Reuters) —"), a stamp
//! ("Published: 3 March 2016 10:42 GMT", "Tuesday 3 March 2016") or a
//! byline with its date ("By Ana Ruiz, March 3, 2016").
//!
//! Only a date with its year dates an article, and only where a place, a
//! byline, a stamp's words or nothing stand before it: a headline that
//! ends in a date ("The flood of 3 March 1990") is about that day, not
//! written on it.

use std::ops::Range;

use super::calendar::{CalendarWord, Day, MONTHS, calendar_word, day_of, find_day};
use super::list::word_lists;

word_lists! {
    /// Words that make a line a date stamp ("Published", "Updated").
    DATELINE_CUES = "dateline-cues.txt";
    /// Words a stamp holds beside its cue ("Last updated on").
    DATELINE_CONNECTORS = "dateline-connectors.txt";
}

/// How many of an article's first lines with words may hold its dateline:
/// a headline, a standfirst, a byline, a stamp.
const DATELINE_LINES: usize = 4;
/// How many words of a place or a byline may stand before its date.
const WORDS_BEFORE_DATE: usize = 6;
/// The years a dateline's year may be.
const YEARS: std::ops::RangeInclusive<i64> = 1800..=2200;

/// The first date written out in full, with its year, in `text`: ISO
/// ("2016-03-03", also inside "2016-03-03T10:42Z"), day first ("3 March
/// 2016") or month first ("March 3, 2016", "Mar. 3 2016").
pub fn read_day(text: &str) -> Option<Day> {
    let words = words(text, usize::MAX);
    (0..words.len()).find_map(|at| date_at(&words, at).map(|(day, _)| day))
}

/// An article's dateline: the day it gives, and its bytes from the place,
/// byline or stamp words before the date to the time, agency and dash
/// after it, which are no part of the story's first sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    pub day: Day,
    pub range: Range<usize>,
}

/// The dateline in the first lines of `prose`, if there is one.
pub fn dateline(prose: &str) -> Option<Dateline> {
    let mut line_start = 0;
    prose
        .split_inclusive('\n')
        .filter_map(|line| {
            let at = line_start;
            line_start += line.len();
            line.chars()
                .any(char::is_alphanumeric)
                .then_some((at, line))
        })
        .take(DATELINE_LINES)
        .find_map(|(at, line)| {
            let (day, range) = line_dateline(line)?;
            Some(Dateline {
                day,
                range: at + range.start..at + range.end,
            })
        })
}

/// A word of a line and where it stands, less the punctuation around it.
#[derive(Debug)]
struct Word<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

/// The first `limit` words of `line`.
fn words(line: &str, limit: usize) -> Vec<Word<'_>> {
    let mut words = Vec::new();
    let mut at = 0;
    for raw in line.split_inclusive(|c: char| c.is_whitespace() || c == '|') {
        if words.len() == limit {
            break;
        }
        let start = at;
        at += raw.len();
        let text = raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != ':');
        let text = text.trim_matches(['-', ':']);
        if text.is_empty() {
            continue;
        }
        let offset = raw.find(text).unwrap_or(0);
        words.push(Word {
            text,
            start: start + offset,
            end: start + offset + text.len(),
        });
    }
    words
}

/// The date starting at word `at` and the index of the word after it.
fn date_at(words: &[Word], at: usize) -> Option<(Day, usize)> {
    let word = |i: usize| words.get(i).map(|w| w.text);
    if let Some(day) = word(at)?.get(..10).and_then(find_day) {
        return Some((day, at + 1));
    }
    let (month, day) = match (month_of(word(at)?), day_of_month(word(at)?)) {
        (Some(month), _) => (month, day_of_month(word(at + 1)?)?),
        (None, Some(day)) => (month_of(word(at + 1)?)?, day),
        (None, None) => return None,
    };
    let year: i64 = word(at + 2)?.parse().ok().filter(|y| YEARS.contains(y))?;
    Some((day_of(year, month, day)?, at + 3))
}

/// A month's number from its name or its abbreviation ("Mar", "Sept").
fn month_of(word: &str) -> Option<u32> {
    let lower = word.to_lowercase();
    if let Some(CalendarWord::Month(index)) = calendar_word(&lower) {
        return Some(index as u32 + 1);
    }
    if !(3..=4).contains(&lower.len()) || (lower.len() == 4 && lower != "sept") {
        return None;
    }
    let prefix = &lower[..3];
    MONTHS
        .words()
        .iter()
        .position(|month| month.starts_with(prefix))
        .map(|index| index as u32 + 1)
}

/// A day of the month ("3", "03", "3rd").
fn day_of_month(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h']);
    (digits.len() <= 2)
        .then(|| digits.parse().ok())
        .flatten()
        .filter(|day| (1..=31).contains(day))
}

/// The day a line dates its article, and the bytes of its date up to the
/// story, when it is a dateline.
fn line_dateline(line: &str) -> Option<(Day, Range<usize>)> {
    // A dateline's date opens its line: only the words that may stand
    // before it and the date's own three are read, not a paragraph.
    let words = words(line, WORDS_BEFORE_DATE + 3);
    // Every date a dateline gives has figures (a year, at least): most
    // first lines have none, and need no word looked up.
    if !words
        .iter()
        .any(|w| w.text.bytes().any(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let (at, (day, after)) = (0..words.len()).find_map(|at| Some((at, date_at(&words, at)?)))?;
    let before = &words[..at];
    // "HARBOURTON, March 3": the comma sets a place off from its date.
    let placed = line
        .get(before.last().map_or(0, |w| w.end)..words[at].end)
        .is_some_and(|between| between.trim_start().starts_with(','));
    let date_end = words[after - 1].end;
    let story = date_end + story_start(line.get(date_end..)?)?;
    let end = date_end + line.get(date_end..story)?.trim_end().len();
    // The place, byline or stamp words before it are the dateline's too.
    let start = before.first().unwrap_or(&words[at]).start;
    stamp_before(before, placed).then_some((day, start..end))
}

/// Whether the words before a date are a stamp's ("Published on
/// Tuesday"), a byline ("By Ana Ruiz,") or a place set off by a comma
/// ("HARBOURTON,"), or there are none.
fn stamp_before(before: &[Word], placed: bool) -> bool {
    let lower = |w: &Word| w.text.to_lowercase();
    let is_cue = |w: &Word| DATELINE_CUES.contains(&lower(w));
    let is_weekday = |w: &Word| matches!(calendar_word(&lower(w)), Some(CalendarWord::Weekday(_)));
    let in_stamp = |w: &Word| is_cue(w) || is_weekday(w) || DATELINE_CONNECTORS.contains(&lower(w));
    // "On Tuesday, March 3, 2016 —" opens a story; "Updated on Tuesday"
    // is a stamp.
    if before.iter().all(in_stamp) && (before.iter().any(is_cue) || before.iter().all(is_weekday)) {
        return true;
    }
    if before.len() > WORDS_BEFORE_DATE {
        return false;
    }
    let is_name = |w: &Word| w.text.chars().next().is_some_and(char::is_uppercase);
    let byline = before
        .first()
        .is_some_and(|w| w.text.eq_ignore_ascii_case("by"));
    (byline || placed)
        && before
            .iter()
            .skip(usize::from(byline))
            .all(|w| is_name(w) || in_stamp(w))
}

/// Where the story starts after a date, when what follows it on its line
/// is what follows a dateline: nothing, or a time ("10:42 GMT", "5.30pm"),
/// then the agency in brackets or a dash before the story.
fn story_start(rest: &str) -> Option<usize> {
    let separator = |c: char| c == ',' || c == '|' || c.is_whitespace();
    let mut left = rest.trim_start_matches(separator);
    while let Some(word) = left.split_whitespace().next()
        && is_time_word(word)
    {
        left = left[left.find(word).unwrap_or(0) + word.len()..].trim_start_matches(separator);
    }
    if left.starts_with('(') {
        left = left[left.find(')')? + 1..].trim_start();
    }
    let dashed = left.trim_start_matches(['—', '–', '-']);
    if dashed.len() < left.len() {
        left = dashed.trim_start();
    } else if !left.trim().is_empty() && !left.starts_with('/') {
        return None;
    }
    Some(rest.len() - left.len())
}

/// A word of a time of day: "10:42", "5.30pm", "a.m.", "GMT", "AEST".
fn is_time_word(word: &str) -> bool {
    let word = word.trim_end_matches([',', ')']).trim_start_matches('(');
    let lower = word.to_lowercase();
    word.chars().any(|c| c.is_ascii_digit())
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ":.".contains(c))
        || matches!(lower.as_str(), "am" | "pm" | "a.m." | "p.m." | "at")
        || (2..=5).contains(&word.len()) && word.chars().all(|c| c.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(iso: &str) -> Option<Day> {
        find_day(iso)
    }

    #[test]
    fn dates_written_out_in_full() {
        assert_eq!(read_day("3 March 2016"), day("2016-03-03"));
        assert_eq!(read_day("March 3, 2016"), day("2016-03-03"));
        assert_eq!(read_day("Thursday, Mar. 3rd, 2016"), day("2016-03-03"));
        assert_eq!(read_day("Sept 30 2016"), day("2016-09-30"));
        assert_eq!(read_day("2016-03-03T10:42:00Z"), day("2016-03-03"));
        assert_eq!(read_day("March 3"), None, "no year");
        assert_eq!(read_day("30 February 2016"), None, "no such day");
        assert_eq!(read_day("the 3 marches of 2016"), None);
        assert_eq!(
            read_day("children’s 2016 toys"),
            None,
            "no panic inside a character"
        );
    }

    #[test]
    fn datelines_stamps_and_bylines_date_an_article() {
        let dated = |text: &str| dateline(text).map(|d| d.day);
        let want = day("2016-03-03");
        assert_eq!(
            dated("HARBOURTON, March 3, 2016 (Reuters) — The port reopened."),
            want
        );
        assert_eq!(
            dated("Port reopens\n\nPublished: 3 March 2016 10:42 GMT\n\nThe port reopened."),
            want
        );
        assert_eq!(
            dated("Port reopens\nBy Ana Ruiz, March 3, 2016\nThe port reopened."),
            want
        );
        assert_eq!(
            dated("Port reopens\nLast updated on Thursday 3 March 2016 at 5.30pm AEDT"),
            want
        );
        assert_eq!(dated("3/03/2016\n3 March 2016\nThe port reopened."), want);
    }

    #[test]
    fn the_story_starts_after_its_dateline() {
        let text = "Port reopens\nHARBOURTON, March 3, 2016 (Reuters) — The port reopened.";
        let found = dateline(text).expect("a dateline");
        assert_eq!(
            &text[found.range.clone()],
            "HARBOURTON, March 3, 2016 (Reuters) —"
        );
        let stamp = "Published: 3 March 2016 10:42 GMT\n\nThe port reopened.";
        assert_eq!(
            &stamp[dateline(stamp).expect("a stamp").range],
            "Published: 3 March 2016 10:42 GMT"
        );
    }

    #[test]
    fn a_date_in_a_headline_or_the_story_is_no_dateline() {
        let dated = |text: &str| dateline(text).map(|d| d.day);
        assert_eq!(
            dated("The flood of 3 March 1990 remembered\nThe town gathered."),
            None
        );
        assert_eq!(dated("Remembering March 3, 1990\nThe town gathered."), None);
        assert_eq!(
            dated("Port reopens\nThe port reopened on March 3, 2016, after a strike."),
            None
        );
        assert_eq!(
            dated("NEW YORK, Dec. 22 (UPI) — A year-less wire dateline."),
            None
        );
        assert_eq!(
            dated("One\nTwo\nThree\nFour\nPublished 3 March 2016"),
            None,
            "past the article's first lines"
        );
    }
}
