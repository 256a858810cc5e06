//! The name of an edition a year stands beside ("the Australasian
//! Bushfire Conference 2006", "its 2006 WoolPoll panel"): an event held
//! again and again is told apart by its year, so the year of a named
//! edition is one fact wherever that edition is told.

use std::ops::Range;

use crate::lang::lexicon;
use crate::text::names::is_initialism;

/// The names right beside a year (`entities` at distance 0) that name no
/// person, place or body. A person or place beside a year ("Obama's 2008
/// win", "Iowa 2012") is no event of its own, and a body's initials beside
/// it ("the 2012 GOP nominee") make the year the body's: its people recur
/// in the next one.
pub fn edition_names(
    prose: &str,
    year: &Range<usize>,
    entities: &[(String, usize)],
) -> Vec<String> {
    if initials_beside(words_beside(prose, year)) {
        return Vec::new();
    }
    entities
        .iter()
        .filter(|(name, distance)| *distance == 0 && !lexicon::lookup(name).is_real_name())
        .map(|(name, _)| name.clone())
        .collect()
}

/// The word right before and the word right after `range` in `text`.
fn words_beside<'t>(text: &'t str, range: &Range<usize>) -> [&'t str; 2] {
    let before = text.get(..range.start).unwrap_or("");
    let after = text.get(range.end..).unwrap_or("");
    let word = |w: &'t str| w.trim_matches(|c: char| !c.is_alphanumeric());
    [
        before.split_whitespace().next_back().map_or("", word),
        after.split_whitespace().next().map_or("", word),
    ]
}

/// Whether a body's initials stand beside a value ("the 2012 GOP nominee").
fn initials_beside(words: [&str; 2]) -> bool {
    words.iter().any(|w| is_initialism(w))
}

#[cfg(test)]
mod tests {
    use super::{initials_beside, words_beside};

    #[test]
    fn a_bodys_initials_beside_a_year_are_told_apart_from_an_events_name() {
        let text = "Romney, the 2012 GOP nominee, met the WoolPoll 2006 panel.";
        let beside = |year: &str| {
            let at = text.find(year).expect("year");
            words_beside(text, &(at..at + year.len()))
        };
        assert_eq!(beside("2012"), ["the", "GOP"]);
        assert!(initials_beside(beside("2012")));
        assert_eq!(beside("2006"), ["WoolPoll", "panel"]);
        assert!(!initials_beside(beside("2006")));
    }
}
