//! Datelines: the day an article or draft was written, from a `date:` in its
//! front matter or a `2025-11-24` in its file name (as Jekyll and most
//! newsroom archives name stories). A weekday means a day within a week of
//! it, and a figure from months before may have been true then.

use std::path::Path;

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
    }
}
