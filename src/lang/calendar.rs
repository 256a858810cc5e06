//! The calendar: weekday and month names, and datelines, the day an
//! article or draft was written, from a `date:` in its front matter or a
//! `2025-11-24` in its file name (as Jekyll and most newsroom archives name
//! stories). A weekday means a day within a week of it, and a figure from
//! months before may have been true then.

use std::path::Path;
use std::sync::LazyLock;

use super::case::capitalise;
use super::list::{WordList, same_word};

/// Monday to Sunday, lower case.
pub static WEEKDAYS: WordList = WordList::new(include_str!("words/weekdays.txt"));
/// January to December, lower case.
pub static MONTHS: WordList = WordList::new(include_str!("words/months.txt"));

/// A weekday or a month, by its place in [`WEEKDAYS`] or [`MONTHS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CalendarWord {
    Weekday(usize),
    Month(usize),
}

/// The calendar's words by length, each with what it names: a word is
/// compared only with the names of its own length.
static BY_LENGTH: LazyLock<Vec<Vec<(&'static str, CalendarWord)>>> = LazyLock::new(|| {
    let named = WEEKDAYS
        .words()
        .iter()
        .enumerate()
        .map(|(i, w)| (*w, CalendarWord::Weekday(i)))
        .chain(
            MONTHS
                .words()
                .iter()
                .enumerate()
                .map(|(i, w)| (*w, CalendarWord::Month(i))),
        );
    let mut by_length: Vec<Vec<(&str, CalendarWord)>> = Vec::new();
    for (word, what) in named {
        if by_length.len() <= word.len() {
            by_length.resize(word.len() + 1, Vec::new());
        }
        by_length[word.len()].push((word, what));
    }
    by_length
});

/// The lengths of the calendar's words: most words are told apart by
/// this alone, before the table is reached (a test keeps it true).
const CALENDAR_WORD_LENGTHS: std::ops::RangeInclusive<usize> = 3..=9;

/// The weekday or month `lower` names. Asked of every word when indexing.
pub fn calendar_word(lower: &str) -> Option<CalendarWord> {
    if !CALENDAR_WORD_LENGTHS.contains(&lower.len()) {
        return None;
    }
    BY_LENGTH
        .get(lower.len())?
        .iter()
        .find(|(word, _)| same_word(word, lower))
        .map(|(_, what)| *what)
}

/// Whether `word` is a weekday or month written as a name: "Monday",
/// "January" (not "monday", not "MONDAY").
pub fn is_calendar_name(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && chars.as_str().chars().all(char::is_lowercase)
        && calendar_word(&word.to_lowercase()).is_some()
}

/// The English name of a weekday, 0 (Monday) to 6, capitalised.
pub fn weekday_name(day: usize) -> String {
    let days = WEEKDAYS.words();
    capitalise(days[day % days.len()])
}

/// The English name of a month, 1 to 12, capitalised.
pub fn month_name(month: u32) -> String {
    let months = MONTHS.words();
    capitalise(months[(month as usize).saturating_sub(1) % months.len()])
}

/// A day as a number (days since 1970-01-01), for differences.
pub type Day = i64;

/// The first `YYYY-MM-DD` in `text`, as a day number.
pub fn find_day(text: &str) -> Option<Day> {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(9)).find_map(|at| {
        let candidate = text.get(at..at + 10)?;
        let before_is_digit = at > 0 && bytes[at - 1].is_ascii_digit();
        (!before_is_digit).then(|| parse_day(candidate)).flatten()
    })
}

/// A day as `YYYY-MM-DD`, as `find_day` reads it.
pub fn iso_date(day: Day) -> String {
    let (year, month, day) = civil_from_days(day);
    format!("{year:04}-{month:02}-{day:02}")
}

/// The day in a file name, if it has one.
pub fn day_of_path(path: &Path) -> Option<Day> {
    find_day(&path.file_name()?.to_string_lossy())
}

fn parse_day(text: &str) -> Option<Day> {
    let mut parts = text.split(['-', '/']);
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    if year.len() != 4 || month.len() != 2 || day.len() != 2 {
        return None;
    }
    let (year, month, day): (i64, i64, i64) =
        (year.parse().ok()?, month.parse().ok()?, day.parse().ok()?);
    ((1..=12).contains(&month) && (1..=31).contains(&day))
        .then(|| days_from_civil(year, month, day))
}

/// The day of a year, month and day of month, when there is one.
pub fn day_of(year: i64, month: u32, day: u32) -> Option<Day> {
    let days_in_month = match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return None,
    };
    (1..=days_in_month)
        .contains(&day)
        .then(|| days_from_civil(year, i64::from(month), i64::from(day)))
}

/// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard
/// Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> Day {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_index = (month + 9) % 12;
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The (year, month, day) of a day number: the inverse of
/// `days_from_civil` (Howard Hinnant's algorithm).
pub fn civil_from_days(day: Day) -> (i64, u32, u32) {
    let z = day + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_index + 2) / 5 + 1) as u32;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_from_front_matter_and_file_names() {
        assert_eq!(find_day("2025-11-24"), Some(20_416));
        assert_eq!(find_day("1970-01-01"), Some(0));
        assert_eq!(
            day_of_path(Path::new("wire/nyt_2016-05-27_clinton-faces.txt")),
            find_day("2016-05-27")
        );
        assert_eq!(
            find_day("2016-03-01").map(|d| d - find_day("2016-02-28").unwrap_or(0)),
            Some(2)
        );
        assert_eq!(find_day("no date 2016-13-01 here"), None);
        assert_eq!(day_of_path(Path::new("draft.md")), None);
        for text in [
            "2025-11-24",
            "1970-01-01",
            "2016-02-29",
            "2000-03-01",
            "1969-12-31",
        ] {
            let day = find_day(text).unwrap_or_default();
            assert_eq!(iso_date(day), text);
        }
    }

    #[test]
    fn calendar_words_are_within_the_length_gate() {
        for word in WEEKDAYS.words().iter().chain(MONTHS.words()) {
            assert!(CALENDAR_WORD_LENGTHS.contains(&word.len()), "{word}");
        }
    }

    #[test]
    fn weekdays_and_months_by_name() {
        assert_eq!(calendar_word("sunday"), Some(CalendarWord::Weekday(6)));
        assert_eq!(calendar_word("may"), Some(CalendarWord::Month(4)));
        assert_eq!(calendar_word("mayday"), None);
        assert!(is_calendar_name("January") && is_calendar_name("Tuesday"));
        assert!(
            !is_calendar_name("january") && !is_calendar_name("MAY") && !is_calendar_name("Mays")
        );
        assert_eq!(month_name(11), "November");
    }
}
