//! Checkable statements in a sentence: quantities, weekdays and dates, and
//! the titles or roles attached to people ("Defence Minister Denys Shmyhal",
//! "former Chancellor X", "Mark Rutte, NATO's secretary-general"). Each is
//! keyed by what it measures; the sentence's content words say what it is
//! about. The claim record is here, with how a sentence's claims are found;
//! weekdays and dates, roles and context words each have a module.
//! May import `lang`, `document` and the rest of `text`; never the corpus
//! or the checks.

mod calendar;
mod context;
mod roles;

use serde::{Deserialize, Serialize};
use std::ops::Range;

use crate::lang::case::lower_case;
use crate::lang::statements::{CHANGE_FROM, CHANGE_TO};

pub use context::{claim_context, claim_context_each, claim_context_in, context_words};
pub use roles::{normalise_role, roles_compatible, same_kind_of_post};

use super::frames::{Frame, ValueSpan, frame, years_in};
use super::names::{NameMention, SentenceMentions, name_mentions_in, sentence_mentions};
use super::quantities::{Quantity, counts_a_noun, quantities_in};
use super::quotes::{Quotation, find_quotations};
use super::sentence::Sentence;
use crate::document::Document;

/// What a statement says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ClaimValue {
    Quantity(Quantity),
    Weekday(usize),
    /// Month (1–12) and day.
    Date(u32, u32),
    Role {
        role: String,
        former: bool,
    },
}

/// One checkable statement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// The value as written: the number, weekday, date or role phrase.
    pub range: Range<usize>,
    /// What the value measures: a quantity's unit, "weekday", "date", or
    /// "role" for roles.
    pub measure: String,
    pub value: ClaimValue,
    /// For roles: the person (their surname, lower-cased).
    pub person: Option<String>,
    /// For roles: the person's name as written.
    pub person_name: Option<String>,
    /// Where "former" stands, for a role said to be former.
    pub former_range: Option<Range<usize>>,
    /// The words around the value that say what it is about.
    pub context: Range<usize>,
    /// Whether the value is where something changed to or from ("cut to
    /// 19", "from 28").
    pub change: Option<Change>,
    /// For a weekday, the date written beside it ("Tuesday, 24 June"): the
    /// pair is a fact of the calendar, whatever the event.
    pub paired_date: Option<(u32, u32)>,
    /// What the statement is about beside its value (not kept for roles,
    /// which are about their person).
    pub frame: Frame,
}

/// The side of a change a value stands on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Change {
    To,
    From,
}

/// Words either side of a value that make up its context.
const CONTEXT_WORDS: usize = 12;

/// The reporter's statements in a document, sentence by sentence. Headings
/// are left out, and so is anything inside a quotation: a quotation is its
/// speaker's claim ("President Sanders!", chanted), checked as a quote.
pub fn document_claims(doc: &Document) -> Vec<(Range<usize>, Vec<Claim>)> {
    let sentences = sentence_mentions(doc);
    document_claims_with(&sentences, &find_quotations(doc).quotations)
        .into_iter()
        .map(|(sentence, found)| (sentence.range.clone(), found))
        .collect()
}

/// As [`document_claims`], with the sentences' name mentions and the
/// document's quotations found already; each sentence with claims is
/// given back with them.
pub fn document_claims_with<'s, 'a>(
    sentences: &'s [SentenceMentions<'a>],
    quotations: &[Quotation],
) -> Vec<(&'s Sentence<'a>, Vec<Claim>)> {
    let quoted: Vec<&Range<usize>> = quotations.iter().map(|q| &q.range).collect();
    sentences
        .iter()
        .map(|(sentence, mentions)| {
            let mut found = claims_in(sentence, mentions);
            found.retain(|c| {
                !quoted
                    .iter()
                    .any(|q| q.start <= c.range.start && c.range.end <= q.end)
            });
            (sentence, found)
        })
        .filter(|(_, found)| !found.is_empty())
        .collect()
}

/// Every statement in `sentence`, a byte range into `prose`.
pub fn claims(prose: &str, sentence: Range<usize>) -> Vec<Claim> {
    let sentence = Sentence::new(prose, sentence);
    claims_in(&sentence, &name_mentions_in(&sentence))
}

/// As [`claims`], from the sentence's segments and name mentions.
pub fn claims_in(sentence: &Sentence, mentions: &[NameMention]) -> Vec<Claim> {
    let prose = sentence.prose;
    let days = calendar::weekdays_and_dates(sentence);
    let mut found: Vec<Claim> = quantities_in(sentence)
        .into_iter()
        // "one" is more often a word than a count: "one of", "from one
        // contest to the next".
        .filter(|q| {
            !prose
                .get(q.range.clone())
                .is_some_and(|w| w.eq_ignore_ascii_case("one"))
        })
        // The day of a date is no count: "the April 19 primary".
        .filter(|q| {
            !days
                .iter()
                .any(|d| d.range.start < q.range.end && q.range.start < d.range.end)
        })
        .map(|q| Claim {
            range: q.range.clone(),
            measure: q.measure.clone(),
            value: ClaimValue::Quantity(q),
            person: None,
            person_name: None,
            former_range: None,
            context: 0..0,
            change: None,
            paired_date: None,
            frame: Frame::default(),
        })
        .collect();
    found.extend(days);
    found.extend(roles::roles(sentence, mentions));
    for claim in &mut found {
        claim.context = window(sentence, &claim.range);
        claim.change = change_side(sentence, claim.range.start);
        match value_span(claim) {
            Some(span) => claim.frame = frame(sentence, &span),
            // The years make a title historical ("the 2014 defence
            // minister"); the rest of a frame says what a value is about,
            // and a role is about its person. Roles are over two fifths of
            // claims, and a whole frame for each cost 5% of indexing CPU.
            None => claim.frame.years = years_in(sentence),
        }
    }
    // Two or more other values of a measure in one sentence make a tally.
    let in_tally: Vec<bool> = found
        .iter()
        .map(|claim| found.iter().filter(|c| c.measure == claim.measure).count() >= 3)
        .collect();
    for (claim, in_tally) in found.iter_mut().zip(in_tally) {
        claim.frame.in_tally = in_tally;
    }
    found
}

/// Where a value stands and what kind it is, for its frame.
fn value_span(claim: &Claim) -> Option<ValueSpan> {
    match &claim.value {
        ClaimValue::Quantity(q) => Some(ValueSpan {
            phrase: q.phrase.start.min(q.range.start)..q.phrase.end.max(q.range.end),
            measure: q.measure.trim_end_matches('#').to_string(),
            is_time: false,
            ordinal: q.ordinal,
            counts_a_noun: counts_a_noun(&q.measure),
        }),
        ClaimValue::Weekday(_) | ClaimValue::Date(..) => Some(ValueSpan {
            phrase: claim.range.clone(),
            measure: claim.measure.clone(),
            is_time: true,
            ordinal: false,
            counts_a_noun: false,
        }),
        // A role's frame is only its sentence's years (see `claims_in`).
        ClaimValue::Role { .. } => None,
    }
}

/// Up to `CONTEXT_WORDS` words either side of `value`, within the sentence.
fn window(sentence: &Sentence, value: &Range<usize>) -> Range<usize> {
    let range = &sentence.range;
    let start = sentence
        .words_within(range.start..value.start)
        .iter()
        .rev()
        .nth(CONTEXT_WORDS - 1)
        .map_or(range.start, |(at, _)| *at);
    let end = sentence
        .words_within(value.end..range.end)
        .get(CONTEXT_WORDS - 1)
        .map_or(range.end, |(at, w)| at + w.len());
    start..end
}

/// "to 19" or "the revised 19", against "from 28" or "the original 28".
fn change_side(sentence: &Sentence, at: usize) -> Option<Change> {
    sentence
        .words_within(sentence.range.start..at)
        .iter()
        .rev()
        .take(2)
        .find_map(|(_, word)| {
            let lower = lower_case(word);
            if CHANGE_TO.contains(&lower) {
                Some(Change::To)
            } else if CHANGE_FROM.contains(&lower) {
                Some(Change::From)
            } else {
                None
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(text: &str) -> Vec<(String, String, ClaimValue, Option<String>)> {
        claims(text, 0..text.len())
            .into_iter()
            .map(|c| {
                (
                    text[c.range.clone()].to_string(),
                    c.measure,
                    c.value,
                    c.person,
                )
            })
            .collect()
    }

    #[test]
    fn weekdays_and_dates() {
        let found = find("Talks in Geneva on Sunday, 23 November, and on November 24.");
        assert_eq!(found[found.len() - 3].2, ClaimValue::Weekday(6));
        assert_eq!(found[found.len() - 2].0, "23 November");
        assert_eq!(found[found.len() - 1].2, ClaimValue::Date(11, 24));
    }

    #[test]
    fn the_day_of_a_date_is_not_a_count() {
        let found = find("New York holds its April 19 primary, and 19 primaries remain.");
        let values: Vec<&str> = found.iter().map(|c| c.0.as_str()).collect();
        assert_eq!(
            values,
            vec!["19", "April 19"],
            "the count of primaries stays"
        );
    }

    #[test]
    fn roles_before_and_after_names() {
        let found = find("Defence Minister Denys Shmyhal met Kremlin spokesman Dmitry Peskov.");
        let roles: Vec<(String, Option<String>)> = found
            .iter()
            .filter(|c| c.1 == "role")
            .map(|c| (c.0.clone(), c.3.clone()))
            .collect();
        assert_eq!(
            roles,
            vec![
                ("Defence Minister".into(), Some("shmyhal".into())),
                ("Kremlin spokesman".into(), Some("peskov".into()))
            ]
        );
        let found = find("Mark Rutte, NATO's secretary-general, spoke.");
        assert_eq!(found[0].0, "NATO's secretary-general");
        assert_eq!(found[0].3.as_deref(), Some("rutte"));
    }

    #[test]
    fn roles_with_of_and_a_portfolio() {
        let found = find("The former Secretary of the Treasury Jonas Pell spoke.");
        assert_eq!(found[0].0, "Secretary of the Treasury");
        assert_eq!(found[0].3.as_deref(), Some("pell"));
        assert_eq!(
            found[0].2,
            ClaimValue::Role {
                role: "secretary of treasury".into(),
                former: true
            }
        );
        let found = find("Secretary of Commerce Jonas Pell spoke.");
        assert_eq!(
            found[0].2,
            ClaimValue::Role {
                role: "secretary of commerce".into(),
                former: false
            }
        );
        assert!(!roles_compatible(
            "secretary of commerce",
            "secretary of treasury"
        ));
        assert!(roles_compatible(
            "secretary of commerce",
            "commerce secretary"
        ));
    }

    #[test]
    fn former_is_recorded() {
        let found = find("The former Chancellor Friedrich Merz spoke.");
        assert_eq!(
            found[0].2,
            ClaimValue::Role {
                role: "chancellor".into(),
                former: true
            }
        );
    }

    #[test]
    fn roles_compare_by_words() {
        assert!(roles_compatible("minister", "defence minister"));
        assert!(!roles_compatible("foreign minister", "defence minister"));
        assert!(!roles_compatible("deputy mayor", "mayor"));
        assert!(!roles_compatible(
            "deputy secretary-general",
            "nato's secretary-general"
        ));
        assert!(roles_compatible(
            "alliance's secretary-general",
            "nato's secretary-general"
        ));
        assert!(roles_compatible("finnish president", "president"));
        assert!(!roles_compatible("union leader", "port director"));
        assert_eq!(
            normalise_role("Defense Secretary").as_deref(),
            Some("defence secretary")
        );
    }
}
