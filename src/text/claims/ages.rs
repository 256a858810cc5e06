//! Ages as claims about a person: "Ana Mirel, 54," "the 54-year-old
//! Mirel", "Mirel, aged 54", "Mirel (54)". An age is counted in years and
//! moves with time, which the check allows for.

use std::ops::Range;

use super::{Attribute, Found, Value};
use crate::lang::titles::is_title_word;
use crate::text::names::NameMention;
use crate::text::quantities::Quantity;
use crate::text::sentence::Sentence;

/// The ages a sentence gives its people.
pub(super) fn ages(sentence: &Sentence, mentions: &[NameMention]) -> Vec<Found> {
    let prose = sentence.prose;
    let mut found = Vec::new();
    for mention in mentions {
        let person = || person_of(prose, mention);
        // "Mirel, 54," "Mirel (54)", "Mirel, aged 54"
        let after = prose
            .get(mention.range.end..sentence.range.end)
            .unwrap_or("");
        let lead = [", aged ", ", ", " (", ", age "]
            .into_iter()
            .find(|lead| after.starts_with(lead));
        if let Some(lead) = lead {
            let digits: String = after[lead.len()..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            let rest = &after[lead.len() + digits.len()..];
            let closes = rest.starts_with([',', ')', '.', ';']) || rest.is_empty();
            if let (Ok(age), true) = (digits.parse::<u32>(), closes)
                && digits.len() == 2
                && let Some(person) = person()
            {
                let start = mention.range.end + lead.len();
                found.push(age_found(start..start + digits.len(), age, person));
            }
        }
        // "the 54-year-old Mirel"
        let before = prose
            .get(sentence.range.start..mention.range.start)
            .unwrap_or("");
        if let Some(stem) = before.trim_end().strip_suffix("-year-old")
            && let Some(person) = person()
        {
            let digits: String = stem
                .chars()
                .rev()
                .take_while(char::is_ascii_digit)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            if let Ok(age) = digits.parse::<u32>() {
                let end = sentence.range.start + stem.len();
                found.push(age_found(end - digits.len()..end, age, person));
            }
        }
    }
    found.retain(|f| matches!(&f.value, Value::Quantity(q) if (1.0..=120.0).contains(&q.value)));
    found
}

/// The person a mention names: its last word as the key, the whole as
/// written; none for a single word that is not a surname-like name.
fn person_of(prose: &str, mention: &NameMention) -> Option<(String, String)> {
    let words: Vec<&str> = mention
        .words
        .iter()
        .filter_map(|r| prose.get(r.clone()))
        .collect();
    // "Defence Minister Denys Shmyhal" is Denys Shmyhal.
    let titles = words
        .iter()
        .rposition(|w| is_title_word(w))
        .map_or(0, |i| i + 1);
    let words = &words[titles..];
    let last = words.last()?;
    (last.chars().count() > 2).then(|| (super::entity_key(last), words.join(" ")))
}

fn age_found(range: Range<usize>, age: u32, person: (String, String)) -> Found {
    let years = f64::from(age);
    Found {
        phrase: range.clone(),
        value: Value::Quantity(Quantity::exact(range.clone(), years, "year")),
        range,
        attribute: Attribute::Age,
        person: Some(person),
        paired_date: None,
        in_anothers_service: false,
    }
}
