//! Whose and what a claim states, as a message says it: the names nearest
//! the value as the draft writes them ("New Zealand", "Wheat Australia"),
//! the thing measured, and the attribute ("Wheat Australia wheat, number
//! of tonnes"; "Geneva talks, day").

use crate::lang::calendar::calendar_word;
use crate::lang::case::{capitalise, lower_case};
use crate::lang::lemma::singular_is;
use crate::lang::statements::CAPITALISED_OPENERS;
use crate::lang::stopwords::is_stopword;
use crate::text::claims::{Attribute, Claim, FAR, entity_key};
use crate::text::names::{is_capitalised, without_possessive};
use crate::text::words::word_indices;

/// How many names a message gives its subject.
const NAMES: usize = 2;

/// "Wheat Australia wheat, number of tonnes", from a claim and the text of
/// its sentence.
pub fn subject_and_attribute(claim: &Claim, sentence: &str) -> String {
    let subject = &claim.subject;
    let mut names: Vec<String> = Vec::new();
    for (key, _) in subject.entities.iter().filter(|(_, d)| *d != FAR) {
        let name = name_as_written(sentence, key).unwrap_or_else(|| display_name(key));
        if !names
            .iter()
            .any(|n| n.contains(&name) || name.contains(n.as_str()))
        {
            names.push(name);
        }
        if names.len() == NAMES {
            break;
        }
    }
    // "Which time" says what "the first time" is a place in.
    let of_times = claim.is_nth_time();
    // The thing, unless the attribute or a name already says it ("number
    // of kilometres", "New South Wales").
    let thing = subject
        .thing
        .as_ref()
        .map(|t| t.word.as_str())
        .filter(|thing| {
            !matches!(&claim.attribute, Attribute::Count { noun } if singular_is(thing, noun))
                && !names.iter().any(|n| n.to_lowercase().contains(thing))
                && !of_times
        });
    let whose = match (names.is_empty(), thing) {
        (false, Some(thing)) => format!("{} {thing}", names.join(", ")),
        (false, None) => names.join(", "),
        (true, Some(thing)) => format!("the {thing}"),
        (true, None) => "This".to_string(),
    };
    let attribute = if of_times {
        "which time".to_string()
    } else {
        attribute_label(&claim.attribute)
    };
    format!("{whose}, {attribute}")
}

fn attribute_label(attribute: &Attribute) -> String {
    match attribute {
        Attribute::Count { noun } => format!("number of {}", plural(noun)),
        Attribute::Money { .. } => "amount".into(),
        Attribute::Share { .. } => "share".into(),
        Attribute::Duration => "how long".into(),
        Attribute::Age => "age".into(),
        Attribute::Ordinal => "which in the series".into(),
        Attribute::Year => "year".into(),
        Attribute::Date => "date".into(),
        Attribute::Weekday => "day".into(),
        Attribute::Title => "title".into(),
    }
}

/// "properties", "points", "tonnes".
fn plural(noun: &str) -> String {
    match noun.strip_suffix('y') {
        Some(stem) if !stem.ends_with(['a', 'e', 'o', 'u']) => format!("{stem}ies"),
        _ if noun.ends_with('s') || noun == "people" => noun.to_string(),
        _ => format!("{noun}s"),
    }
}

/// The run of capitalised words in `sentence` that holds the name `key`,
/// as written: "New Zealand" for "zealand".
fn name_as_written(sentence: &str, key: &str) -> Option<String> {
    let words: Vec<(usize, &str)> = word_indices(sentence).collect();
    let at = words.iter().position(|(_, w)| entity_key(w) == key)?;
    let joined = |a: usize, b: usize| {
        let gap = &sentence[words[a].0 + words[a].1.len()..words[b].0];
        gap == " "
    };
    // Part of the name: capitalised, and not a word any sentence may open
    // with ("And Bill Clinton"); a day or month only inside it ("Super
    // Tuesday", not "Monday Trump"); nothing past a possessive ("New
    // York's April 19 primary").
    let in_name = |i: usize| {
        let word = words[i].1;
        is_capitalised(word)
            && !is_stopword(&lower_case(word))
            && !CAPITALISED_OPENERS.contains(entity_key(word).as_str())
    };
    let possessive = |i: usize| without_possessive(words[i].1).len() < words[i].1.len();
    let calendar = |i: usize| calendar_word(&lower_case(words[i].1)).is_some();
    let mut first = at;
    while first > 0
        && joined(first - 1, first)
        && in_name(first - 1)
        && !possessive(first - 1)
        && !calendar(first - 1)
    {
        first -= 1;
    }
    let mut last = at;
    while last + 1 < words.len() && joined(last, last + 1) && in_name(last + 1) && !possessive(last)
    {
        last += 1;
    }
    let end = words[last].0 + words[last].1.len();
    Some(without_possessive(&sentence[words[first].0..end]).to_string())
}

/// A name key as a message writes it when the sentence does not show it:
/// short ones are mostly acronyms ("US", "NATO"), the rest capitalised by
/// word.
pub fn display_name(key: &str) -> String {
    if key.chars().count() <= 3 {
        return key.to_uppercase();
    }
    key.split(' ').map(capitalise).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_given_as_the_sentence_writes_them() {
        let sentence = "But 45 Australian and New Zealand firefighters are back.";
        assert_eq!(
            name_as_written(sentence, "zealand").as_deref(),
            Some("New Zealand")
        );
        assert_eq!(name_as_written(sentence, "us"), None);
        let sentence =
            "And Bill Clinton spoke before New York's April 19 primary on Super Tuesday.";
        assert_eq!(
            name_as_written(sentence, "york").as_deref(),
            Some("New York")
        );
        assert_eq!(
            name_as_written(sentence, "clinton").as_deref(),
            Some("Bill Clinton")
        );
        assert_eq!(
            name_as_written(sentence, "super").as_deref(),
            Some("Super Tuesday")
        );
        assert_eq!(plural("property"), "properties");
        assert_eq!(plural("day"), "days");
        assert_eq!(plural("point"), "points");
    }
}
