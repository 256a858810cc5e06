//! Quotation marks around words nobody is quoted as saying (titles of
//! works, headlines, slogans, pull quotes), and quotations that name their own speaker
//! (a transcript's "CLINTON: …").

use super::text::{blank_quotations, is_first_person};
use crate::lang::calendar::calendar_word;
use crate::lang::lexicon;
use crate::lang::speech::{NAMING_PHRASES, TITLE_CASE_MINOR_WORDS, TITLE_LEADS};
use crate::lang::statements::HEAD_DETERMINERS;
use crate::text::names::fold_typography;
use crate::text::quotes::Quotation;

/// A quotation that is a title or a slogan: after "titled" or "headlined",
/// or written in Title Case ("The Facts on Where the Race Stands").
pub(super) fn is_title(inner: &str, word_before: Option<&str>) -> bool {
    if word_before.is_some_and(|w| TITLE_LEADS.contains(w)) {
        return true;
    }
    let words: Vec<&str> = inner
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    let capitalised = |w: &&str| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_numeric())
    };
    words.len() >= 2
        && words.first().is_some_and(capitalised)
        && words
            .iter()
            .all(|w| capitalised(w) || TITLE_CASE_MINOR_WORDS.contains(&w.to_lowercase()))
        && words.iter().filter(|w| capitalised(w)).count() >= 2
}

/// "the so-called “fraternal birth order effect”", "will be known as “small
/// solar system bodies”", "The theme for the conference is “…”": the words
/// before the quotation name a term, a title or a theme, not a speaker.
pub(super) fn is_named_term(before: &str) -> bool {
    let lowered = before.trim_end().to_lowercase();
    let ends_with_phrase = |phrase: &&str| {
        lowered
            .strip_suffix(phrase)
            .is_some_and(|rest| rest.is_empty() || rest.ends_with(|c: char| !c.is_alphanumeric()))
    };
    if NAMING_PHRASES.words().iter().any(ends_with_phrase) {
        return true;
    }
    let words: Vec<&str> = lowered
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    let Some((last, rest)) = words.split_last() else {
        return false;
    };
    matches!(*last, "is" | "was" | "are" | "were")
        && rest.iter().rev().take(4).any(|w| TITLE_LEADS.contains(w))
}

/// "the “Every Family Needs a Farmer” campaign": a quotation between a
/// determiner and a lower-case noun names a thing (a campaign, a policy, a
/// show), it is not anyone's speech.
pub(super) fn is_modifier(inner: &str, word_before: Option<&str>, after: &str) -> bool {
    let ends_a_sentence = inner.trim_end().ends_with(['.', ',', '!', '?', ':', ';']);
    let noun_after = after
        .strip_prefix(' ')
        .and_then(|rest| rest.chars().next())
        .is_some_and(char::is_lowercase);
    // A short phrase there is a scare quote ("the “iron budget” passed"),
    // which the scare-quote check still wants to see.
    let long = inner.split_whitespace().count() >= 4;
    long && word_before.is_some_and(|w| HEAD_DETERMINERS.contains(w))
        && !ends_a_sentence
        && noun_after
}

/// How many words a quotation needs before its repeating the article's own
/// words marks a pull quote rather than a coincidence.
const PULL_QUOTE_WORDS: usize = 6;

/// "“Lurking behind the argument is a dispute about the past.”" set apart
/// when the article's own words (`reporters_words`, from
/// [`reporters_words`]) already say it: a pull quote of the writer's
/// sentence, with no speaker to name. A pull quote of someone's quotation
/// still needs its speaker, so only the writer's words count.
pub(super) fn is_pull_quote(inner: &str, reporters_words: &str) -> bool {
    let said = fold_for_search(
        inner
            .trim()
            .trim_end_matches(['.', ',', '!', '?'])
            .trim_end(),
    );
    said.split_whitespace().count() >= PULL_QUOTE_WORDS && reporters_words.contains(&said)
}

/// The article's own words, every quotation blanked, folded as
/// [`is_pull_quote`] compares them.
pub(super) fn reporters_words(prose: &str, quotations: &[Quotation]) -> String {
    fold_for_search(&blank_quotations(prose, &(0..prose.len()), quotations))
}

fn fold_for_search(text: &str) -> String {
    fold_typography(text).to_lowercase()
}

/// "“Yes to the minaret ban” (2009)", "“Fix the roads” (council election
/// poster, 2003)": a bracket after a quotation that ends in a year dates a
/// poster, a slogan or a work, not speech.
pub(super) fn is_dated(after: &str) -> bool {
    let Some(inside) = after.trim_start().strip_prefix('(') else {
        return false;
    };
    let Some((bracket, _)) = inside.split_once(')') else {
        return false;
    };
    let words: Vec<&str> = bracket
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    words.len() <= DATED_BRACKET_WORDS
        && words.last().is_some_and(|year| {
            year.len() == 4
                && year
                    .parse::<u16>()
                    .is_ok_and(|y| (1800..=2100).contains(&y))
        })
}

/// How many words a bracket dating a work may hold.
const DATED_BRACKET_WORDS: usize = 8;

/// "“Posthumous books sell,” by the Globe's Jo Kahn": a quotation closed by
/// a comma and followed by its author's byline is the headline of a piece,
/// not speech ("called “a fiasco” by Ruiz" is Ruiz's word).
pub(super) fn is_headline_with_byline(inner: &str, after: &str) -> bool {
    let comma = inner.trim_end().ends_with(',') || after.trim_start().starts_with(',');
    if !comma {
        return false;
    }
    let Some(author) = after.trim_start_matches([',', ' ']).strip_prefix("by ") else {
        return false;
    };
    let first: String = author.chars().take_while(|c| c.is_alphanumeric()).collect();
    first.starts_with(char::is_uppercase) && calendar_word(&first.to_lowercase()).is_none()
}

/// The speaker a transcript line names at its start: "CLINTON: I feel …",
/// "Chris Matthews: Seriously, …".
pub(super) fn transcript_label(inner: &str) -> Option<&str> {
    let (label, rest) = inner.split_once(':')?;
    let words: Vec<&str> = label.split_whitespace().collect();
    let is_name_word = |w: &&str| {
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().all(|c| c.is_alphabetic() || ".'’-".contains(c))
    };
    let named = (1..=3).contains(&words.len()) && words.iter().all(is_name_word);
    (named
        && rest
            .trim_start()
            .chars()
            .next()
            .is_some_and(char::is_alphabetic))
    .then(|| label.trim())
}

/// The speaker who introduces themselves as they start, as people do in
/// a broadcast's vox pops: "I'm Peter Robinson, I'm a consultant …", or
/// "Jan Ellis from Ellis Grain, we've had …" and on in the first person.
/// The name must open with a given name people bear ("I'm Australian"
/// introduces nobody).
pub(super) fn self_introduction(inner: &str) -> Option<&str> {
    let introduced = ["I'm ", "I’m ", "I am ", "My name is "]
        .iter()
        .find_map(|lead| inner.strip_prefix(lead));
    if let Some(rest) = introduced {
        return leading_name(rest).map(|(name, _)| name);
    }
    let (name, rest) = leading_name(inner)?;
    let (from, rest) = rest.trim_start().split_once(',')?;
    let firm: Vec<&str> = from.strip_prefix("from ")?.split_whitespace().collect();
    let capitalised = firm.iter().all(|w| w.starts_with(char::is_uppercase));
    // The first pronoun after the comma speaks in the first person ("we've
    // had"), not of someone ("they tell me").
    let first_person = rest.split_whitespace().find_map(|w| {
        let lower = w.to_lowercase();
        let head = lower.trim_matches(|c: char| !c.is_alphabetic());
        if is_first_person(head) {
            Some(true)
        } else {
            matches!(head, "he" | "she" | "they" | "it" | "you").then_some(false)
        }
    });
    ((1..=4).contains(&firm.len()) && capitalised && first_person == Some(true)).then_some(name)
}

/// Two or three capitalised words at the start of `text`, the first a given
/// name, and the rest of the text.
fn leading_name(text: &str) -> Option<(&str, &str)> {
    let mut end = 0;
    let mut count = 0;
    for word in text.split(' ').take(3) {
        let bare = word.trim_end_matches([',', '.']);
        let pronoun = bare == "I" || bare.starts_with("I'") || bare.starts_with("I’");
        let name_like = bare.chars().next().is_some_and(char::is_uppercase)
            && bare.chars().count() > 1
            && bare.chars().all(|c| c.is_alphabetic() || "'’-".contains(c));
        if pronoun || !name_like {
            break;
        }
        end += usize::from(count > 0) + bare.len();
        count += 1;
        if bare.len() != word.len() {
            break; // a comma or full stop ends the name
        }
    }
    let name = text.get(..end)?;
    let first = name.split(' ').next()?;
    ((2..=3).contains(&count) && lexicon::lookup(first).is_given_name())
        .then(|| (name, &text[end..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_title_case_or_follow_a_title_word() {
        assert!(is_title("The Facts on Where the Race Stands.", None));
        assert!(is_title("A Very Clinton Christmas,", None));
        assert!(is_title("Everything that Spins is Not Silk", None));
        assert!(!is_title("Everything that spins is not silk.", None));
        assert!(is_title("we will win this", Some("titled")));
        assert!(!is_title("We will not give up our land.", None));
        assert!(!is_title("Nobody", None));
        assert!(is_modifier(
            "Every Family needs a Farmer",
            Some("the"),
            " promotion"
        ));
        assert!(!is_modifier("We will win.", Some("the"), " crowd"));
        assert!(!is_modifier(
            "Every Family needs a Farmer",
            Some("said"),
            " promotion"
        ));
    }

    #[test]
    fn a_year_in_brackets_dates_a_work() {
        assert!(is_dated(" (2008) and more"));
        assert!(!is_dated(" (Reuters)"));
        assert!(!is_dated(" (20"));
        assert!(is_dated(" (St. Gallen council election poster 2003) and"));
        assert!(!is_dated(" (about 2,003 of them) and"));
        assert!(is_headline_with_byline(
            "Posthumous books sell,",
            " by Boston Globe's Joseph P. Kahn: http"
        ));
        assert!(!is_headline_with_byline(
            "We will be done,",
            " by Friday, he said."
        ));
        assert!(!is_headline_with_byline(
            "It works,",
            " by contrast, he said."
        ));
        assert!(!is_headline_with_byline("a fiasco", " by Ruiz."));
    }

    #[test]
    fn speakers_who_introduce_themselves_are_named() {
        let robinson = "I'm Peter Robinson I'm a consultant, and we are busy.";
        assert_eq!(self_introduction(robinson), Some("Peter Robinson"));
        let ellis = "Jan Ellis from Ellis Grain, we've had a good year.";
        assert_eq!(self_introduction(ellis), Some("Jan Ellis"));
        // Nobody is introduced: a nationality, a place, a third person.
        assert_eq!(self_introduction("I'm Australian and proud of it."), None);
        let visitors = "Jan Ellis from Ellis Grain, they say, had a good year.";
        assert_eq!(self_introduction(visitors), None);
        let town = "Wagga Wagga from the air, it looks green.";
        assert_eq!(self_introduction(town), None);
    }

    #[test]
    fn transcript_labels_name_their_speaker() {
        assert_eq!(transcript_label("CLINTON: I feel sorry."), Some("CLINTON"));
        assert_eq!(
            transcript_label("Chris Matthews: Seriously."),
            Some("Chris Matthews")
        );
        assert_eq!(transcript_label("We have one rule: win."), None);
        assert_eq!(transcript_label("At 9:30 we left."), None);
    }
}
