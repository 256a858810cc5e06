//! The frame of a checkable statement: beyond its value, what the statement
//! is about. A draft statement and a corpus statement are compared only when
//! their frames align: the same named entities, the same measured thing or
//! predicate next to the value, no clashing names near it, and years that
//! can be the same. "Clinton led 46 percent to 39 percent in a CBS poll" and
//! "Clinton led 50 percent to 42 percent in the Quinnipiac poll" share a
//! name and a predicate, but not the poll: no conflict.
//!
//! Owns frames and their alignment; may import the rest of `text` and `lang`.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::names::{is_capitalised, without_possessive};
use super::sentence::Sentence;
use crate::lang::calendar::calendar_word;
use crate::lang::lemma::{is_participle, singular_is, stem};
use crate::lang::numbers::is_number_word;
use crate::lang::statements::{
    CAPITALISED_OPENERS, CLAUSE_CONJUNCTIONS, HEAD_DETERMINERS, MARGIN_WORDS, NOT_ENTITIES,
    OUTLOOK_WORDS, OUTLOOK_WORDS_BEFORE_TO, OWNER_VERBS, PART_WORDS, PART_WORDS_AFTER,
    PERCENTILE_WORDS, POLL_WORDS, RANKING_NOUNS, REMAINDER_WORDS, SNAPSHOT_WORDS, TIME_WORDS,
};
use crate::lang::stopwords::is_stopword;

mod align;

pub use align::{Alignment, align, align_event, foreign_owner};

/// Content words either side of the value that make up its local frame.
const LOCAL_WORDS: usize = 5;

/// How far before a value a forecast word ("will", "expected") or a
/// snapshot word ("latest") reaches.
const OUTLOOK_REACH: usize = 8;

/// How far before a value its owner's name may stand.
const OWNER_WORDS: usize = 5;

/// The distance given to a sentence's capitalised first word.
pub(super) const FAR: usize = usize::MAX;

/// One content word of the frame: its stem for comparing, the word for
/// saying what matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FrameWord {
    pub stem: String,
    pub word: String,
    /// Words between it and the value.
    pub distance: usize,
}

/// What a statement is about, beside its value.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Frame {
    /// Proper nouns in the sentence, lower-cased, each with its distance in
    /// words from the value.
    pub entities: Vec<(String, usize)>,
    /// The thing the value measures: "plan" in "a 28-point plan", "assets"
    /// in "$100bn of frozen assets", "troops" in "600,000 troops".
    pub head: Option<FrameWord>,
    /// Content words within `LOCAL_WORDS` of the value on either side, in
    /// the same clause: its predicate and the nouns it hangs on.
    pub local: Vec<FrameWord>,
    /// The name the value belongs to, right before it: "Cruz" in "Ted Cruz
    /// has 11 delegates", "Rubio" in "Rubio's fifth-place finish".
    pub owner: Option<String>,
    /// The years the sentence names.
    pub years: Vec<u16>,
    /// Forward-looking or conditional ("will", "is expected to", "plans
    /// to"): not a report of what happened.
    pub outlook: bool,
    /// The value is a remainder or a difference, not a total: "needs 836
    /// more delegates", "the remaining 12".
    pub part: bool,
    /// A remainder for certain ("still needs 159", "99 additional
    /// delegates"), where "needs 836" may also be a threshold.
    pub remainder: bool,
    /// The sentence reports a poll: its figures are of one poll at one time.
    pub poll: bool,
    /// The value is a rank ("fifth-place finish", "his third visit"): whose
    /// rank it is must agree.
    pub ordinal: bool,
    /// A standing in a race ("third-place finish", "second ballot").
    pub ranking: bool,
    /// A margin between rivals ("led by 20 points", "trailed by 50").
    pub margin: bool,
    /// The sentence gives two or more other values of the same measure (a
    /// tally: "Trump 37%, Sanders 30%").
    pub in_tally: bool,
    /// What says whose or which one of the frame's words is: a name right
    /// before a word after the value ("Republican" in "to win the
    /// Republican nomination"), or the modifiers in an "of" phrase before
    /// its head ("black" in "60 percent of black voters").
    pub qualifiers: Vec<Qualifier>,
    /// A figure of the latest instance of something recurring ("the newest
    /// release includes 64 emails"): true of its own day only.
    pub snapshot: bool,
    /// A slice of a population ranked by something: "the top 1 percent".
    pub percentile: bool,
}

/// A qualifier of one of the frame's words: its words, lower-cased, and
/// the stem of the word it qualifies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Qualifier {
    pub of: String,
    pub name: Vec<String>,
}

/// Where the value stands in its sentence and what kind it is.
pub struct ValueSpan {
    /// The value and its unit ("28-point", "19 points", "$100bn", "Sunday").
    pub phrase: Range<usize>,
    /// The measure's own words, which say nothing about what is measured
    /// ("point", "hour").
    pub measure: String,
    /// Whether the value is a time (weekday, date): then weekdays and months
    /// elsewhere in the sentence are rival values, not entities.
    pub is_time: bool,
    /// Whether the value is an ordinal.
    pub ordinal: bool,
    /// Whether the unit is a noun that is itself the measured thing
    /// ("troops", "members"), not a unit of measure ("hours", "%", "$").
    pub counts_a_noun: bool,
}

struct Word<'a> {
    text: &'a str,
    lower: &'a str,
    range: Range<usize>,
}

/// The years `sentence` names, in order.
pub fn years_in(sentence: &Sentence) -> Vec<u16> {
    sentence
        .words()
        .iter()
        .filter(|(_, w)| w.len() == 4)
        .filter_map(|(_, w)| w.parse::<u16>().ok())
        .filter(|y| (1900..=2100).contains(y))
        .collect()
}

/// The frame of the value at `span` in `sentence` (byte ranges into `prose`).
pub fn frame(sentence: &Sentence, span: &ValueSpan) -> Frame {
    let prose = sentence.prose;
    let words: Vec<Word> = sentence
        .lowered_words()
        .map(|(at, text, lower)| Word {
            text,
            lower,
            range: at..at + text.len(),
        })
        .collect();
    let first_value = words
        .iter()
        .position(|w| w.range.end > span.phrase.start)
        .unwrap_or(words.len());
    let after_value = words
        .iter()
        .position(|w| w.range.start >= span.phrase.end)
        .unwrap_or(words.len());
    let distance = |i: usize| {
        if i < first_value {
            first_value - i - 1
        } else {
            i.saturating_sub(after_value)
        }
    };
    // The cheap tests first: most words fail one of them.
    let skip = |w: &Word| {
        w.lower.len() < 3
            || !w.lower.chars().all(char::is_alphabetic)
            || is_stopword(w.lower)
            || TIME_WORDS.contains(w.lower)
            || w.lower == span.measure
            || singular_is(w.lower, &span.measure)
            || is_number_word(w.lower)
            || (span.is_time && is_time_word(w.lower))
    };

    let mut entities = Vec::new();
    for (i, word) in words.iter().enumerate() {
        if i >= first_value && i < after_value {
            continue;
        }
        let capitalised = is_capitalised(word.text) && word.text.chars().any(char::is_lowercase)
            || word.text.len() > 1 && word.text.chars().all(|c| c.is_ascii_uppercase());
        if !capitalised || NOT_ENTITIES.contains(word.lower) {
            continue;
        }
        // Any first word is capitalised: it may be a name ("Kyiv was
        // handed"), but it never counts as one near the value.
        let initial_alone = i == 0 && !words.get(1).is_some_and(|n| is_capitalised(n.text));
        if span.is_time && is_time_word(word.lower) {
            continue;
        }
        let name = without_possessive(word.lower).to_string();
        entities.push((name, if initial_alone { FAR } else { distance(i) }));
    }

    let barrier = |from: usize, to: usize| -> bool {
        // A clause break between two words: ; : ( ) or a dash.
        let (a, b) = (
            words[from.min(to)].range.end,
            words[from.max(to)].range.start,
        );
        prose
            .get(a..b)
            .is_some_and(|gap| gap.contains([';', ':', '(', ')', '—', '–']))
    };
    // ", but the unemployment rate": a conjunction after a comma opens
    // another clause.
    let starts_clause = |i: usize| {
        CLAUSE_CONJUNCTIONS.contains(words[i].lower)
            && i > 0
            && prose
                .get(words[i - 1].range.end..words[i].range.start)
                .is_some_and(|gap| gap.contains(','))
    };
    let mut local = Vec::new();
    let mut qualifiers = Vec::new();
    // Names qualify the words after the value ("to win the Republican
    // nomination"); before it, a name is the subject ("City Hall lasted").
    let mut take = |indexes: &mut dyn Iterator<Item = usize>, anchor: usize, qualify: bool| {
        let mut taken = 0;
        let mut last = anchor;
        for i in indexes {
            if barrier(last, i) || starts_clause(i) {
                break;
            }
            last = i;
            // Names are entities, not anchors: two sentences about Rubio
            // need more in common than Rubio.
            if skip(&words[i]) || (i > 0 && is_capitalised(words[i].text)) {
                continue;
            }
            let word = FrameWord {
                distance: distance(i),
                ..frame_word(words[i].lower)
            };
            if qualify && let Some(name) = qualifier_before(prose, &words, i) {
                qualifiers.push(Qualifier {
                    of: word.stem.clone(),
                    name,
                });
            }
            local.push(word);
            taken += 1;
            if taken == LOCAL_WORDS {
                break;
            }
        }
    };
    if first_value < words.len() {
        take(&mut (0..first_value).rev(), first_value, false);
    }
    if after_value > 0 && after_value < words.len() {
        take(&mut (after_value..words.len()), after_value - 1, true);
    }

    let head_at = if span.is_time {
        None
    } else {
        head_after(prose, &words, after_value, &skip)
    };
    let head = match head_at {
        Some(at) => Some(frame_word(words[at].lower)),
        None if !span.is_time && span.counts_a_noun => Some(frame_word(&span.measure)),
        None => None,
    };
    if let (Some(at), Some(head)) = (head_at, &head) {
        // "of black voters": the words before an "of" phrase's head say
        // which of them; "Florida delegates": a name before a head does.
        let modifiers: Vec<String> = if words[after_value].lower == "of" {
            words[after_value + 1..at]
                .iter()
                .filter(|w| !HEAD_DETERMINERS.contains(w.lower) && !skip(w))
                .map(|w| w.lower.to_string())
                .collect()
        } else {
            qualifier_before(prose, &words, at).unwrap_or_default()
        };
        if !modifiers.is_empty() {
            qualifiers.push(Qualifier {
                of: head.stem.clone(),
                name: modifiers,
            });
        }
    }

    let owner = owner_before(prose, &words, first_value);
    let years = years_in(sentence);
    // Forward-looking when a forecast word governs the value: before it in
    // the same clause ("would cap … at 600,000"), not after ("32 allies
    // would sign").
    let outlook = (first_value.saturating_sub(OUTLOOK_REACH)..first_value).any(|i| {
        let w = &words[i];
        !barrier(i, first_value.min(words.len() - 1))
            && (OUTLOOK_WORDS.contains(w.lower)
                || (OUTLOOK_WORDS_BEFORE_TO.contains(w.lower)
                    && words.get(i + 1).is_some_and(|n| n.lower == "to")))
    });
    let near_words =
        |from: usize, to: usize| words[from.min(words.len())..to.min(words.len())].iter();
    // "needs 836 delegates" is a remainder; "the 2,383 delegates needed"
    // a threshold: only a few words after the value make it a part. "seven
    // of the past eight", "38 of the 50 at stake": the whole of a part.
    let of_whole = (first_value.saturating_sub(4)..first_value)
        .find(|&i| words[i].lower == "of")
        .is_some_and(|of| {
            words[of + 1..first_value]
                .iter()
                .all(|w| matches!(w.lower, "the" | "past" | "last" | "first"))
                && of.checked_sub(1).is_some_and(|p| {
                    let w = words[p].lower;
                    w.chars().all(|c| c.is_ascii_digit() || c == ',')
                        || is_number_word(w)
                        || matches!(w, "all" | "most" | "some" | "any" | "none")
                })
        });
    let part = !span.is_time
        && (of_whole
            || near_words(first_value.saturating_sub(3), first_value)
                .any(|w| PART_WORDS.contains(w.lower))
            || near_words(after_value, after_value + 1)
                .any(|w| PART_WORDS_AFTER.contains(w.lower)));
    let remainder = !span.is_time
        && (near_words(first_value.saturating_sub(3), first_value)
            .chain(near_words(after_value, after_value + 1))
            .any(|w| REMAINDER_WORDS.contains(w.lower)));
    let poll = words.iter().any(|w| POLL_WORDS.contains(w.lower));
    let ranking = span.ordinal
        && head
            .as_ref()
            .is_some_and(|h| RANKING_NOUNS.contains(h.word.as_str()));
    let margin = !span.is_time
        && near_words(first_value.saturating_sub(4), first_value)
            .any(|w| MARGIN_WORDS.contains(w.lower));
    // "the top 1 percent" is a group of people, not a share of something.
    let percentile = span.measure == "percent"
        && first_value
            .checked_sub(1)
            .is_some_and(|i| PERCENTILE_WORDS.contains(words[i].lower));
    let snapshot = !span.is_time
        && (first_value.saturating_sub(OUTLOOK_REACH)..first_value).any(|i| {
            SNAPSHOT_WORDS.contains(words[i].lower) && !barrier(i, first_value.min(words.len() - 1))
        });
    Frame {
        entities,
        head,
        local,
        owner,
        years,
        outlook,
        part: part || remainder,
        remainder,
        poll,
        ordinal: span.ordinal,
        ranking,
        margin,
        in_tally: false,
        qualifiers,
        snapshot,
        percentile,
    }
}

/// The run of capitalised words (up to three) right before word `at`, with
/// nothing but spaces or a possessive between them: "Republican" before
/// "nomination", "Le Havre" before "port". Not a sentence's first word,
/// which is capitalised anyway, nor a day or month.
fn qualifier_before(prose: &str, words: &[Word], at: usize) -> Option<Vec<String>> {
    let mut name = Vec::new();
    let mut next = at;
    while name.len() < 3 {
        let Some(before) = next.checked_sub(1) else {
            break;
        };
        let word = &words[before];
        let gap = prose.get(word.range.end..words[next].range.start)?;
        let bare = without_possessive(word.lower);
        if !gap.trim().is_empty()
            || before == 0
            || !is_capitalised(word.text)
            || NOT_ENTITIES.contains(bare)
            || CAPITALISED_OPENERS.contains(bare)
            || is_time_word(bare)
        {
            break;
        }
        name.push(bare.to_string());
        next = before;
    }
    (!name.is_empty()).then_some(name)
}

/// The name right before a value that it belongs to: "Rubio's fifth",
/// "Cruz has 11", "Trump 37%"; not "The Hague for a two-day summit" or
/// "24 June, for".
fn owner_before(prose: &str, words: &[Word], first_value: usize) -> Option<String> {
    let mut at = first_value;
    for _ in 0..OWNER_WORDS {
        at = at.checked_sub(1)?;
        let word = &words[at];
        let gap = prose.get(word.range.end..words.get(at + 1)?.range.start)?;
        if gap.contains([',', ';', ':', '(', ')', '—', '–']) {
            return None;
        }
        let name = without_possessive(word.lower);
        if is_capitalised(word.text)
            && !is_time_word(name)
            && !NOT_ENTITIES.contains(name)
            && !CAPITALISED_OPENERS.contains(name)
            && !is_stopword(name)
        {
            return Some(name.to_string());
        }
        if !OWNER_VERBS.contains(word.lower) {
            return None;
        }
    }
    None
}

/// Where the noun a value hangs on stands, right after it: "plan" in "a
/// 28-point plan", or the end of the "of" phrase in "$100bn of frozen
/// Russian assets".
fn head_after(
    prose: &str,
    words: &[Word],
    after_value: usize,
    skip: &dyn Fn(&Word) -> bool,
) -> Option<usize> {
    let next = words.get(after_value)?;
    let joined = |a: &Word, b: &Word| {
        prose
            .get(a.range.end..b.range.start)
            .is_some_and(|gap| gap.trim().is_empty())
    };
    let previous = after_value.checked_sub(1).map(|p| &words[p]);
    if next.lower == "of" {
        // The last word of the run that follows, before a function word.
        let mut head = None;
        let mut last = next;
        for (at, word) in words.iter().enumerate().skip(after_value + 1).take(4) {
            if !joined(last, word) {
                break;
            }
            if HEAD_DETERMINERS.contains(word.lower) && head.is_none() {
                last = word;
                continue;
            }
            if skip(word) || (head.is_some() && is_participle(word.lower)) {
                break;
            }
            head = Some(at);
            last = word;
        }
        return head;
    }
    // "28-point plan": the unit is glued to the number, a noun follows.
    let hyphenated = previous.is_some_and(|p| {
        prose
            .get(p.range.start.saturating_sub(1)..p.range.start)
            .is_some_and(|c| c == "-")
    });
    if !(hyphenated && previous.is_some_and(|p| joined(p, next))) {
        return None;
    }
    // The last noun of the compound: "peace" and then "plan" in "28-point
    // peace plan drawn up".
    let mut head = None;
    let mut last = previous?;
    for (at, word) in words.iter().enumerate().skip(after_value).take(3) {
        if !joined(last, word) || skip(word) || is_participle(word.lower) {
            break;
        }
        head = Some(at);
        last = word;
    }
    head
}

fn frame_word(lower: &str) -> FrameWord {
    FrameWord {
        stem: stem(lower),
        word: lower.to_string(),
        distance: 0,
    }
}

pub(super) fn is_time_word(word: &str) -> bool {
    calendar_word(word).is_some()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::text::words::WordBoundaries;

    fn frame_of(text: &str, value: &str, measure: &str, counts_a_noun: bool) -> Frame {
        let at = text.find(value).unwrap_or(0);
        frame(
            &Sentence::new(text, 0..text.len()),
            &ValueSpan {
                phrase: at..at + value.len(),
                measure: measure.into(),
                is_time: false,
                ordinal: false,
                counts_a_noun,
            },
        )
    }

    #[test]
    fn heads_come_from_hyphenated_units_and_of_phrases() {
        let f = frame_of(
            "Kyiv was handed Washington's 30-point plan on Thursday.",
            "30-point",
            "point",
            false,
        );
        assert_eq!(f.head.map(|h| h.word).as_deref(), Some("plan"));
        assert!(f.entities.iter().any(|(e, _)| e == "washington"));
        assert!(f.entities.iter().any(|(e, _)| e == "thursday"));
        let f = frame_of(
            "The draft would put $200bn of frozen Russian assets into rebuilding.",
            "$200bn",
            "usd",
            false,
        );
        assert_eq!(f.head.map(|h| h.word).as_deref(), Some("assets"));
        assert!(f.outlook, "a forecast word before the value governs it");
        let f = frame_of("All 32 allies would sign the text.", "32", "ally", true);
        assert!(!f.outlook, "a forecast word after the value does not");
    }

    #[test]
    fn polls_never_align_and_owners_must_agree() {
        let draft = frame_of(
            "Clinton led Trump 46 percent to 39 percent in a CBS poll.",
            "39 percent",
            "percent",
            false,
        );
        let corpus = frame_of(
            "Clinton led Trump 46 percent to 39 percent in the CBS poll.",
            "39 percent",
            "percent",
            false,
        );
        assert_eq!(align(&draft, &corpus), None, "a poll is of its own day");
        let draft = frame_of(
            "In the council vote, the Greens won 7 seats in Harbourton.",
            "7 seats",
            "seat",
            true,
        );
        let other_owner = frame_of(
            "In the council vote, the Civic List won 9 seats in Harbourton.",
            "9 seats",
            "seat",
            true,
        );
        assert_eq!(align(&draft, &other_owner), None);
        let same_owner = frame_of(
            "In the council vote, the Greens won 6 seats in Harbourton.",
            "6 seats",
            "seat",
            true,
        );
        assert!(align(&draft, &same_owner).is_some());
        // The owner stands before an auxiliary, a verb and a hedge.
        let hedged = frame_of(
            "By midnight the Civic List has won at least 9 seats in Harbourton.",
            "9 seats",
            "seat",
            true,
        );
        assert_eq!(hedged.owner.as_deref(), Some("list"));
        assert_eq!(align(&draft, &hedged), None);
    }

    #[test]
    fn a_remainder_is_not_a_total() {
        let remainder = frame_of(
            "Sanders needs 836 delegates to clinch the nomination.",
            "836 delegates",
            "delegate",
            true,
        );
        let threshold = frame_of(
            "Sanders was far from the 2,383 delegates needed to clinch the nomination.",
            "2,383 delegates",
            "delegate",
            true,
        );
        assert!(remainder.part && !threshold.part);
        assert_eq!(align(&remainder, &threshold), None);
    }

    #[test]
    fn names_after_the_value_qualify_the_words_they_stand_before() {
        let f = frame_of(
            "It takes 1,237 delegates to win the Republican nomination.",
            "1,237 delegates",
            "delegate",
            true,
        );
        let republican = Qualifier {
            of: frame_word("nomination").stem,
            name: vec!["republican".into()],
        };
        assert_eq!(f.qualifiers, vec![republican]);
        // Before the value a name is the subject, not a qualifier.
        let f = frame_of(
            "The final session at City Hall lasted nine hours.",
            "nine hours",
            "hour",
            false,
        );
        assert!(f.qualifiers.is_empty(), "{:?}", f.qualifiers);
        // An "of" phrase's modifiers say which of them.
        let f = frame_of(
            "About 60 percent of black voters were over 45.",
            "60 percent",
            "percent",
            false,
        );
        assert_eq!(f.qualifiers[0].name, vec!["black".to_string()]);
    }

    #[test]
    fn a_qualified_corpus_figure_needs_its_qualifier_in_the_draft_paragraph() {
        let corpus = frame_of(
            "It takes 1,237 delegates to win the Republican nomination.",
            "1,237 delegates",
            "delegate",
            true,
        );
        let draft = frame_of(
            "It takes 2,383 delegates to win the nomination.",
            "2,383 delegates",
            "delegate",
            true,
        );
        assert!(align(&draft, &corpus).is_some());
        let words =
            |text: &str| -> BTreeSet<String> { text.words().map(str::to_lowercase).collect() };
        let about_democrats =
            words("Sanders trails. It takes 2,383 delegates to win the nomination.");
        assert_eq!(
            foreign_owner(&draft, &corpus, &about_democrats),
            Some("republican")
        );
        let about_both =
            words("Unlike the Republican race, it takes 2,383 delegates to win the nomination.");
        assert_eq!(foreign_owner(&draft, &corpus, &about_both), None);
        // A figure's owner stands before a modal too.
        let owned = frame_of(
            "Clinton could have about 90% of the delegates needed.",
            "90%",
            "percent",
            false,
        );
        assert_eq!(owned.owner.as_deref(), Some("clinton"));
        let theirs = frame_of(
            "They could represent 30% of the delegates needed.",
            "30%",
            "percent",
            false,
        );
        assert_eq!(
            foreign_owner(&theirs, &owned, &words("They could represent 30%.")),
            Some("clinton")
        );
    }

    #[test]
    fn snapshots_percentiles_and_sure_remainders_stand_apart() {
        let latest = frame_of(
            "The newest release includes 64 emails now deemed classified.",
            "64 emails",
            "email",
            true,
        );
        assert!(latest.snapshot);
        let top = frame_of(
            "Most gains went to the top 1 percent of earners.",
            "1 percent",
            "percent",
            false,
        );
        let rate = frame_of(
            "They would cut the top rate of 39.6 percent for earners.",
            "39.6 percent",
            "percent",
            false,
        );
        assert!(top.percentile && !rate.percentile);
        let still = frame_of(
            "He would still need 159 delegates to clinch the nomination.",
            "159 delegates",
            "delegate",
            true,
        );
        let threshold = frame_of(
            "Either candidate would need 2,383 delegates to clinch the nomination.",
            "2,383 delegates",
            "delegate",
            true,
        );
        assert!(still.remainder && still.part && threshold.part && !threshold.remainder);
        assert_eq!(align(&still, &threshold), None);
        // Not an owner: a capitalised first word that is a function word.
        let all = frame_of(
            "All 3,400 dock workers walked out.",
            "3,400",
            "worker",
            true,
        );
        assert_eq!(all.owner, None);
    }

    #[test]
    fn a_comma_and_a_conjunction_open_another_clause() {
        let f = frame_of(
            "Support reached 70 percent in the wards, but the levy rate was unchanged.",
            "70 percent",
            "percent",
            false,
        );
        let words: Vec<&str> = f.local.iter().map(|w| w.word.as_str()).collect();
        assert!(words.contains(&"wards"), "{words:?}");
        assert!(
            !words.contains(&"levy") && !words.contains(&"rate"),
            "{words:?}"
        );
    }

    #[test]
    fn different_years_never_align() {
        let a = frame_of(
            "In 2014 the allies set a 2% goal in Wales.",
            "2%",
            "percent",
            false,
        );
        let b = frame_of(
            "In 2025 the allies set a 5% goal in Wales.",
            "5%",
            "percent",
            false,
        );
        assert_eq!(align(&a, &b), None);
    }
}
