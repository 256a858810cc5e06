//! Whether two claims hold at a time when they can be compared, from the
//! dates of their articles: a figure true of its own day only (a poll, a
//! running count, a price) only with one of the same day; a weekday only
//! within the week it can mean; an age with the years between counted;
//! every other fact at any date.

use crate::lang::calendar::{Day, civil_from_days};
use crate::text::claims::{Attribute, Claim, Value};

/// A weekday names a day within a week of its article's date.
const WEEKDAY_DAYS: i64 = 6;
const DAYS_A_YEAR: f64 = 365.25;

/// The dates of the draft's article and the corpus article, when known.
#[derive(Debug, Clone, Copy)]
pub struct Dates {
    pub draft: Option<Day>,
    pub corpus: Option<Day>,
    /// How many days apart articles may be for a figure of its own day to
    /// be compared (0: the same day).
    pub snapshot_days: i64,
}

impl Dates {
    fn apart(&self) -> Option<i64> {
        Some((self.draft? - self.corpus?).abs())
    }
}

/// Whether two claims can be compared at their articles' dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timing {
    Comparable,
    /// A figure of its own day where an article has no date: only the same
    /// story retold, in sentences alike on their own, says it is one day.
    IfRetold,
    Apart,
}

/// Whether `corpus` can be compared with `draft` at their dates.
pub fn timing(draft: &Claim, corpus: &Claim, dates: Dates) -> Timing {
    // Each article's own date ("HuffPollster for Wednesday, February 3")
    // says when it was written, not when its event was.
    if is_own_date(&draft.value, dates.draft) && is_own_date(&corpus.value, dates.corpus) {
        return Timing::Apart;
    }
    let within = |days: i64| {
        if dates.apart().is_none_or(|apart| apart <= days) {
            Timing::Comparable
        } else {
            Timing::Apart
        }
    };
    if draft.time.snapshot || corpus.time.snapshot {
        return match dates.apart() {
            None => Timing::IfRetold,
            Some(_) => within(dates.snapshot_days),
        };
    }
    match draft.attribute {
        Attribute::Weekday => within(WEEKDAY_DAYS),
        _ => Timing::Comparable,
    }
}

/// Whether `corpus` can be compared with `draft` at their dates, however
/// alike their sentences.
pub fn comparable(draft: &Claim, corpus: &Claim, dates: Dates) -> bool {
    timing(draft, corpus, dates) == Timing::Comparable
}

/// Whether a date value is the day of its own article.
fn is_own_date(value: &Value, article: Option<Day>) -> bool {
    let (Value::Date { month, day, .. }, Some(article)) = (value, article) else {
        return false;
    };
    let (_, article_month, article_day) = civil_from_days(article);
    (*month, *day) == (article_month, article_day)
}

/// Whether a draft age agrees with a corpus age, counting the years between
/// their articles: "54" in March allows 54 or 55 in December; with no dates,
/// a year either way.
pub fn ages_agree(draft: &Value, corpus: &Value, dates: Dates) -> bool {
    let (Value::Quantity(d), Value::Quantity(c)) = (draft, corpus) else {
        return false;
    };
    let (low, high) = match (dates.draft, dates.corpus) {
        (Some(draft_day), Some(corpus_day)) => {
            let years = (draft_day - corpus_day) as f64 / DAYS_A_YEAR;
            // Aged c on the corpus's day: between c and c + 1 years old, so
            // between c + years and c + 1 + years on the draft's.
            (
                (c.value + years).floor(),
                (c.value + 1.0 + years).ceil() - 1.0,
            )
        }
        _ => (c.value - 1.0, c.value + 1.0),
    };
    (low..=high).contains(&d.value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::calendar::find_day;
    use crate::text::quantities::Quantity;

    fn age(years: f64) -> Value {
        Value::Quantity(Quantity::exact(0..2, years, "year"))
    }

    #[test]
    fn a_figure_of_its_own_day_needs_both_dates() {
        use crate::text::claims::claims;
        let text = "Harbourton Grain has shipped 350,000 tonnes so far.";
        let tally = claims(text, 0..text.len()).remove(0);
        assert!(tally.time.snapshot);
        let dated = |draft, corpus| Dates {
            draft: find_day(draft),
            corpus: find_day(corpus),
            snapshot_days: 1,
        };
        assert_eq!(
            timing(&tally, &tally, dated("2016-03-01", "2016-03-02")),
            Timing::Comparable
        );
        assert_eq!(
            timing(&tally, &tally, dated("2016-03-01", "2016-04-10")),
            Timing::Apart
        );
        assert_eq!(
            timing(&tally, &tally, dated("2016-03-01", "undated")),
            Timing::IfRetold
        );
    }

    #[test]
    fn ages_move_with_time() {
        let dates = Dates {
            draft: find_day("2016-12-01"),
            corpus: find_day("2016-03-01"),
            snapshot_days: 0,
        };
        assert!(ages_agree(&age(54.0), &age(54.0), dates));
        assert!(ages_agree(&age(55.0), &age(54.0), dates));
        assert!(!ages_agree(&age(56.0), &age(54.0), dates));
        assert!(!ages_agree(&age(53.0), &age(54.0), dates));
        let undated = Dates {
            draft: None,
            corpus: None,
            snapshot_days: 0,
        };
        assert!(ages_agree(&age(53.0), &age(54.0), undated));
        assert!(!ages_agree(&age(57.0), &age(54.0), undated));
    }
}
