//! Checkable statements in a sentence: quantities, weekdays and dates, and
//! the titles or roles attached to people ("Defence Minister Denys Shmyhal",
//! "former Chancellor X", "Mark Rutte, NATO's secretary-general"). Each is
//! keyed by what it measures; the sentence's content words say what it is
//! about.

use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::LazyLock;

use rustc_hash::FxHashSet;

use crate::text::words::{WordBoundaries, lower_case, with_lower_case};

use super::frames::{Frame, ValueSpan, frame, years_in};
use super::names::{
    NameMention, SentenceMentions, name_mentions_in, sentence_mentions, without_possessive,
};
use super::quantities::{Quantity, counts_a_noun, push_singular, quantities_in, singular};
use super::quotes::{Quotation, find_quotations};
use super::sentence::Sentence;
use crate::document::Document;

pub const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
pub(crate) const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Words that make a phrase a title or role.
pub(crate) const ROLE_WORDS: &[&str] = &[
    "president",
    "minister",
    "chancellor",
    "secretary",
    "secretary-general",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "envoy",
    "general",
    "commander",
    "commander-in-chief",
    "mayor",
    "governor",
    "senator",
    "ambassador",
    "chief",
    "head",
    "premier",
    "king",
    "queen",
    "leader",
    "director",
    "chairman",
    "chairwoman",
    "chair",
    "adviser",
    "advisor",
    "negotiator",
    "speaker",
];

/// Words that qualify a role without changing it ("US", "German", "top").
const ROLE_NOISE: &[&str] = &[
    "the", "a", "an", "top", "then", "current", "acting", "'s", "’s", "s",
];

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
    let days = pair_weekdays(prose, calendar(sentence));
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
    found.extend(roles(sentence, mentions));
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
        .find_map(|(_, word)| match lower_case(word).as_ref() {
            "to" | "revised" | "new" | "final" | "trimmed" | "amended" => Some(Change::To),
            "from" | "original" | "initial" | "first" | "old" | "earlier" => Some(Change::From),
            _ => None,
        })
}

/// The content words around a claim's value with their distance from it in
/// words, nearest first; the value's own words, numbers and measure left out.
pub fn claim_context(prose: &str, claim: &Claim) -> Vec<(String, usize)> {
    claim_context_in(&Sentence::new(prose, claim.context.clone()), claim)
}

/// As [`claim_context`], from the segments of the claim's sentence.
pub fn claim_context_in(sentence: &Sentence, claim: &Claim) -> Vec<(String, usize)> {
    let mut words = Vec::new();
    claim_context_each(sentence, claim, |word, distance| {
        words.push((word.to_string(), distance))
    });
    words
}

/// As [`claim_context_in`], each word given to `found` in turn: the corpus
/// index takes them into one buffer per article, not a string each.
pub fn claim_context_each(sentence: &Sentence, claim: &Claim, mut found: impl FnMut(&str, usize)) {
    let measure = claim.measure.trim_end_matches('#');
    // The lemmas one after another in `lemmas`, each with its distance and
    // where it ends.
    let mut lemmas = String::new();
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut add = |word: &str, distance: usize| {
        let lower = lower_case(word);
        if lower.len() <= 2 || !lower.chars().all(char::is_alphabetic) || is_stopword(&lower) {
            return;
        }
        let start = lemmas.len();
        push_singular(&mut lemmas, &lower);
        let lemma = &lemmas[start..];
        // Weekdays and months are values of their own, not what a
        // statement is about: "on Thursday" links a strike and a summit.
        if lemma == measure || MEASURE_WORDS.contains(&lemma) || calendar_word(&lower).is_some() {
            lemmas.truncate(start);
            return;
        }
        words.push((distance, lemmas.len()));
    };
    let before = sentence.words_within(claim.context.start..claim.range.start);
    for (distance, (_, word)) in before.iter().rev().enumerate() {
        add(word, distance);
    }
    let after = sentence.words_within(claim.range.end..claim.context.end);
    for (distance, (_, word)) in after.iter().enumerate() {
        add(word, distance);
    }
    let lemma = |i: usize| {
        let start = i.checked_sub(1).map_or(0, |before| words[before].1);
        &lemmas[start..words[i].1]
    };
    // Nearest first, the words before the value ahead of those after it at
    // the same distance; each lemma once.
    let mut order: Vec<usize> = (0..words.len()).collect();
    order.sort_by_key(|&i| words[i].0);
    for (n, &i) in order.iter().enumerate() {
        if order[..n].iter().all(|&earlier| lemma(earlier) != lemma(i)) {
            found(lemma(i), words[i].0);
        }
    }
}

/// Unit nouns that say how a value is measured, not what it is about.
const MEASURE_WORDS: &[&str] = &[
    "point",
    "item",
    "provision",
    "clause",
    "hour",
    "minute",
    "day",
    "week",
    "month",
    "year",
    "decade",
    "percent",
    "cent",
    "dollar",
    "euro",
    "pound",
    "million",
    "billion",
];

fn calendar(sentence: &Sentence) -> Vec<Claim> {
    let words = sentence.words();
    let mut found = Vec::new();
    for (i, (at, word, lower)) in sentence.lowered_words().enumerate() {
        let range = at..at + word.len();
        // "Sunday's talks" dates the talks as much as "talks on Sunday".
        let bare = without_possessive(lower);
        if let Some(CalendarWord::Weekday(day)) = calendar_word(bare) {
            let range = range.start..range.start + bare.len();
            found.push(plain_claim(range, "weekday", ClaimValue::Weekday(day)));
        } else if let Some(CalendarWord::Month(month)) = calendar_word(lower)
            && word.starts_with(char::is_uppercase)
        {
            // "23 November" or "November 23"
            let day_before = i
                .checked_sub(1)
                .and_then(|p| day_number(words[p].1).map(|d| (d, words[p].0)));
            let day_after = words
                .get(i + 1)
                .and_then(|(a, w)| day_number(w).map(|d| (d, *a)));
            if let Some((day, day_at)) = day_before {
                let range = day_at..range.end;
                found.push(plain_claim(
                    range,
                    "date",
                    ClaimValue::Date(month as u32 + 1, day),
                ));
            } else if let Some((day, day_at)) = day_after {
                let end = day_at + words[i + 1].1.len();
                found.push(plain_claim(
                    range.start..end,
                    "date",
                    ClaimValue::Date(month as u32 + 1, day),
                ));
            }
        }
    }
    found
}

/// A weekday or a month, by its place in [`WEEKDAYS`] or [`MONTHS`].
#[derive(Clone, Copy)]
pub(crate) enum CalendarWord {
    Weekday(usize),
    Month(usize),
}

/// The weekday or month `lower` names. Asked of every word when indexing,
/// so the words are told apart by length first, as slices compare.
pub(crate) fn calendar_word(lower: &str) -> Option<CalendarWord> {
    if !(3..=9).contains(&lower.len()) {
        return None;
    }
    if let Some(day) = WEEKDAYS.iter().position(|d| *d == lower) {
        return Some(CalendarWord::Weekday(day));
    }
    MONTHS
        .iter()
        .position(|m| *m == lower)
        .map(CalendarWord::Month)
}

/// Give each weekday the date that follows it ("Tuesday, 24 June").
fn pair_weekdays(prose: &str, mut found: Vec<Claim>) -> Vec<Claim> {
    let dates: Vec<(usize, (u32, u32))> = found
        .iter()
        .filter_map(|c| match c.value {
            ClaimValue::Date(month, day) => Some((c.range.start, (month, day))),
            _ => None,
        })
        .collect();
    for claim in &mut found {
        if let ClaimValue::Weekday(_) = claim.value {
            claim.paired_date = dates
                .iter()
                .find(|(start, _)| {
                    prose.get(claim.range.end..*start).is_some_and(|gap| {
                        gap.len() <= 3 && gap.trim_start_matches(',').trim().is_empty()
                    })
                })
                .map(|(_, date)| *date);
        }
    }
    found
}

fn day_number(word: &str) -> Option<u32> {
    let digits: String = word.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn plain_claim(range: Range<usize>, measure: &str, value: ClaimValue) -> Claim {
    Claim {
        range,
        measure: measure.to_string(),
        value,
        person: None,
        person_name: None,
        former_range: None,
        context: 0..0,
        change: None,
        paired_date: None,
        frame: Frame::default(),
    }
}

/// Roles before a name ("Defence Minister Denys Shmyhal", "Kremlin
/// spokesman Dmitry Peskov") and after it ("Mark Rutte, NATO's
/// secretary-general,").
fn roles(segmented: &Sentence, mentions: &[NameMention]) -> Vec<Claim> {
    let (prose, sentence) = (segmented.prose, segmented.range.clone());
    let mut found = Vec::new();
    for mention in mentions {
        let words: Vec<&str> = mention
            .words
            .iter()
            .map(|r| prose.get(r.clone()).unwrap_or(""))
            .collect();
        // The person is the run of words after the last role word.
        let last_role = words.iter().rposition(|w| is_role_word(w));
        let person_start = last_role.map_or(0, |i| i + 1);
        if last_role.is_none()
            && let Some(claim) = role_of_portfolio(prose, &sentence, mention, &words)
        {
            found.push(claim);
            continue;
        }
        if words.len() - person_start < 2 && last_role.is_none() {
            // A lone surname with no title in the mention: look for an apposition.
            if let Some(claim) = apposition(prose, &sentence, &mention.range, &words) {
                found.push(claim);
            }
            continue;
        }
        if person_start >= words.len() {
            continue;
        }
        let person_words = &words[person_start..];
        if !plausible_person(person_words) {
            continue;
        }
        let person = person_words.last().map(|s| s.to_lowercase());
        let person_name = person_words.join(" ");
        // Lower-case role words just before the name ("Kremlin spokesman").
        let role_end = mention.words[person_start].start;
        let (role_range, former_range) = role_before(segmented, mention, person_start);
        let Some(role_range) = role_range else {
            if let Some(claim) = apposition(prose, &sentence, &mention.range, &words) {
                found.push(claim);
            }
            continue;
        };
        let role_text = prose
            .get(role_range.start..role_end)
            .unwrap_or("")
            .trim_end();
        // "If Secretary Clinton": a capitalised first word is not a title.
        let lead = role_text
            .word_indices()
            .take_while(|(_, w)| is_function_word(&w.to_lowercase()))
            .last()
            .map_or(0, |(at, w)| at + w.len());
        let skipped = lead + (role_text[lead..].len() - role_text[lead..].trim_start().len());
        let role_text = &role_text[skipped..];
        let role_range = role_range.start + skipped..role_range.start + skipped + role_text.len();
        // A capitalised "Former" sits inside the name mention itself.
        let former_range = former_range.or_else(|| {
            role_text
                .word_indices()
                .find(|(_, w)| w.eq_ignore_ascii_case("former"))
                .map(|(at, w)| role_range.start + at..role_range.start + at + w.len())
        });
        let Some(role) = normalise_role(role_text).filter(|_| !has_quote_mark(role_text)) else {
            continue;
        };
        found.push(Claim {
            range: role_range,
            measure: "role".into(),
            value: ClaimValue::Role {
                role,
                former: former_range.is_some(),
            },
            person,
            person_name: Some(person_name),
            former_range,
            context: 0..0,
            change: None,
            paired_date: None,
            frame: Frame::default(),
        });
    }
    found
}

/// "Secretary of Commerce Jonas Pell", "Secretary of the Treasury X": the
/// name run starts with the portfolio, after a role word and "of".
fn role_of_portfolio(
    prose: &str,
    sentence: &Range<usize>,
    mention: &super::names::NameMention,
    words: &[&str],
) -> Option<Claim> {
    if words.len() < 3 {
        return None;
    }
    let before = prose.get(sentence.start..mention.range.start)?;
    let previous: Vec<(usize, &str)> = before.word_indices().collect();
    let mut back = previous.iter().rev();
    let mut next = back.next()?;
    let with_article = next.1.eq_ignore_ascii_case("the");
    if with_article {
        next = back.next()?;
    }
    if next.1 != "of" {
        return None;
    }
    let (role_at, role_word) = back.next()?;
    if !is_role_word(role_word) || !role_word.starts_with(char::is_uppercase) {
        return None;
    }
    let start = sentence.start + role_at;
    let end = mention.words[0].end;
    let role_text = prose.get(start..end)?;
    let person_words = &words[1..];
    if !plausible_person(person_words) {
        return None;
    }
    let former = previous
        .iter()
        .rev()
        // The word before the title: past "of" (and "the") and the role word.
        .nth(if with_article { 3 } else { 2 })
        .filter(|(_, w)| w.eq_ignore_ascii_case("former"))
        .map(|(at, w)| sentence.start + at..sentence.start + at + w.len());
    Some(Claim {
        range: start..end,
        measure: "role".into(),
        value: ClaimValue::Role {
            role: normalise_role(role_text)?,
            former: former.is_some(),
        },
        person: person_words.last().map(|w| w.to_lowercase()),
        person_name: Some(person_words.join(" ")),
        former_range: former,
        context: 0..0,
        change: None,
        paired_date: None,
        frame: Frame::default(),
    })
}

/// The role phrase before the person: capitalised title words inside the
/// mention, plus lower-case role words right before it; and "former".
fn role_before(
    segmented: &Sentence,
    mention: &super::names::NameMention,
    person_start: usize,
) -> (Option<Range<usize>>, Option<Range<usize>>) {
    let (prose, sentence) = (segmented.prose, &segmented.range);
    let mut start = mention
        .words
        .first()
        .map_or(mention.range.start, |r| r.start);
    let has_title_inside = person_start > 0;
    // Walk back over lower-case words that belong to the role.
    let mut former = None;
    let mut saw_role = has_title_inside;
    // Offsets from the sentence's start.
    let words_before: Vec<(usize, &str)> = segmented
        .words_within(sentence.start..start)
        .into_iter()
        .map(|(at, word)| (at - sentence.start, word))
        .collect();
    let mut remaining = words_before.len();
    while remaining > 0 {
        let (at, word) = words_before[remaining - 1];
        let lower = lower_case(word);
        let absolute = sentence.start + at;
        // "In Moscow, Kremlin spokesman X", "(UPI) — Former President X",
        // "running for president -- X": punctuation ends the role, and so
        // does a function word ("If Secretary X").
        if prose.get(absolute + word.len()..start).is_some_and(|gap| {
            gap.contains([',', ';', ':', '(', ')', '—', '–', '"', '“', '”'])
                || gap.as_bytes().windows(2).any(|pair| pair == b"--")
        }) || is_function_word(&lower)
        {
            break;
        }
        if lower == "former" || lower == "ex" {
            former = Some(absolute..absolute + word.len());
            break;
        }
        if is_role_word(&lower)
            || (saw_role
                && (word.starts_with(char::is_uppercase) || lower == "'s" || lower == "’s"))
        {
            saw_role |= is_role_word(&lower);
            start = absolute;
            remaining -= 1;
        } else {
            break;
        }
    }
    // "then Vice President X" is a title held in the past, and "former
    // prosecutor and Mayor X" makes both titles former.
    let mut lead = words_before[..remaining]
        .iter()
        .rev()
        .map(|(at, w)| (sentence.start + at, w.to_lowercase()));
    match lead.next() {
        Some((_, w)) if w == "then" || w == "onetime" || w == "late" => return (None, None),
        Some((_, w)) if former.is_none() && (w == "and" || w == "or") => {
            former = lead
                .take(3)
                .find(|(_, w)| w == "former" || w == "ex")
                .map(|(at, w)| at..at + w.len());
        }
        _ => {}
    }
    if !saw_role {
        return (None, former);
    }
    (Some(start..mention.range.end), former)
}

/// "Mark Rutte, NATO's secretary-general," → a role after the name.
fn apposition(
    prose: &str,
    sentence: &Range<usize>,
    name: &Range<usize>,
    words: &[&str],
) -> Option<Claim> {
    let rest = prose.get(name.end..sentence.end)?;
    let after_comma = rest.strip_prefix(',')?;
    let phrase_len = after_comma
        .find([',', '.', ';', '(', ')'])
        .unwrap_or(after_comma.len());
    let phrase = &after_comma[..phrase_len];
    // "Rick Santorum, Senator Marco Rubio, and …" is a list of people.
    let ends_in_name = phrase
        .split_whitespace()
        .rev()
        .take(2)
        .all(|w| w.starts_with(char::is_uppercase) && !is_role_word(w));
    if !plausible_person(words) || has_quote_mark(phrase) || ends_in_name {
        return None;
    }
    // "the general election" is no general.
    if phrase.split_whitespace().count() > 5
        || !phrase
            .split_whitespace()
            .any(|w| is_role_word(&w.to_lowercase()) && w != "general")
    {
        return None;
    }
    let lead = phrase.len() - phrase.trim_start().len();
    let start = name.end + 1 + lead;
    let text = phrase.trim();
    // "the former secretary of state", "ex-chancellor"
    let former_at = text
        .word_indices()
        .take(3)
        .find(|(_, w)| w.eq_ignore_ascii_case("former") || w.eq_ignore_ascii_case("ex"))
        .map(|(at, w)| start + at..start + at + w.len());
    let former = former_at.is_some();
    let role = normalise_role(text)?;
    Some(Claim {
        range: start..start + text.len(),
        measure: "role".into(),
        value: ClaimValue::Role { role, former },
        person: words.last().map(|w| w.to_lowercase()),
        person_name: Some(words.join(" ")),
        former_range: former_at,
        context: 0..0,
        change: None,
        paired_date: None,
        frame: Frame::default(),
    })
}

/// A person's name, not a weekday, a suffix or a stray initial read as
/// one ("Martin Luther King Jr.", "On Tuesday").
fn plausible_person(words: &[&str]) -> bool {
    let Some(last) = words.last() else {
        return false;
    };
    last.chars().count() > 2
        && !with_lower_case(last, |last| {
            matches!(last, "jr" | "sr" | "ii" | "iii" | "iv")
        })
        && !words
            .iter()
            .any(|w| with_lower_case(w, |w| calendar_word(w).is_some() || w == "on"))
}

/// Words that open a sentence without belonging to a title after them.
fn is_function_word(word: &str) -> bool {
    is_stopword(word) || matches!(word, "if" | "as" | "because" | "although" | "though" | "so")
}

fn has_quote_mark(text: &str) -> bool {
    text.contains(['"', '“', '”', '‘']) || text.contains("''")
}

pub fn is_role_word(word: &str) -> bool {
    // Asked of every word of every name mention when indexing.
    static SET: LazyLock<FxHashSet<&str>> = LazyLock::new(|| ROLE_WORDS.iter().copied().collect());
    with_lower_case(word, |lower| {
        SET.contains(lower) || lower.split('-').any(|part| SET.contains(part))
    })
}

/// A role as a comparable string: lower case, British spelling, synonyms
/// folded, "former" and filler words dropped. `None` if no role word is left.
pub fn normalise_role(text: &str) -> Option<String> {
    // Built in one string: asked of every role in the corpus.
    let mut joined = String::with_capacity(text.len());
    for word in text.words() {
        with_lower_case(word, |lower| {
            if !lower.chars().any(char::is_alphanumeric)
                || ROLE_NOISE.contains(&lower)
                || lower == "former"
            {
                return;
            }
            let word = match lower {
                "defense" => "defence",
                "spokeswoman" | "spokesperson" => "spokesman",
                "advisor" => "adviser",
                "chairwoman" | "chair" => "chairman",
                other => other,
            };
            if !joined.is_empty() {
                joined.push(' ');
            }
            joined.push_str(word);
        });
    }
    if joined.contains("press secretary") {
        joined = joined.replace("press secretary", "spokesman");
    }
    // An adviser is a description, not a post that excludes another.
    joined
        .split(' ')
        .any(|w| is_role_word(w) && w != "adviser")
        .then_some(joined)
}

/// Words that change which post a role is: a deputy mayor is not the mayor.
const ROLE_RANKS: &[&str] = &["deputy", "vice", "assistant"];
/// Words that name a portfolio or service: a foreign minister is not the
/// defence minister. Other words ("Finnish", "NATO's") only say where.
const ROLE_PORTFOLIOS: &[&str] = &[
    "prime",
    "foreign",
    "defence",
    "finance",
    "interior",
    "justice",
    "health",
    "army",
    "navy",
    "state",
    "economy",
    "energy",
    "trade",
    "home",
    "culture",
    "education",
    "transport",
    "environment",
    "agriculture",
    "treasury",
    "port",
    "union",
    "press",
    "commerce",
    "labor",
    "labour",
    "transportation",
    "homeland",
    "veterans",
    "housing",
];

/// Whether two normalised roles can describe the same post: the same rank,
/// and the post's words of one all within the other's ("minister" and
/// "defence minister"; "NATO's secretary-general" and "the alliance's
/// secretary-general").
pub fn roles_compatible(a: &str, b: &str) -> bool {
    let (ranks_a, post_a) = role_core(a);
    let (ranks_b, post_b) = role_core(b);
    ranks_a == ranks_b && (post_a.is_subset(&post_b) || post_b.is_subset(&post_a))
}

/// Whether two roles are posts of one kind (both ministers, both
/// secretaries), differing at most in portfolio or rank.
pub fn same_kind_of_post(a: &str, b: &str) -> bool {
    let heads = |role: &str| -> BTreeSet<String> {
        role.split([' ', '-'])
            .filter(|w| is_role_word(w))
            .map(str::to_string)
            .collect()
    };
    !heads(a).is_disjoint(&heads(b))
}

fn role_core(role: &str) -> (BTreeSet<&str>, BTreeSet<&str>) {
    let words = role.split([' ', '-']).filter(|w| !w.is_empty());
    let ranks = words.clone().filter(|w| ROLE_RANKS.contains(w)).collect();
    let post = words
        .filter(|w| is_role_word(w) || ROLE_PORTFOLIOS.contains(w))
        .collect();
    (ranks, post)
}

/// The content words of a sentence, for comparing what two statements are
/// about: lower-cased, singular, without function words or numbers.
pub fn context_words(text: &str) -> BTreeSet<String> {
    text.words()
        .map(|w| w.to_lowercase())
        .filter(|w| w.len() > 2 && w.chars().all(char::is_alphabetic) && !is_stopword(w))
        .map(|w| singular(&w))
        .collect()
}

pub(crate) fn is_stopword(word: &str) -> bool {
    // Asked of every word near every value when indexing: a set, not a scan.
    static SET: LazyLock<FxHashSet<&str>> = LazyLock::new(|| STOPWORDS.iter().copied().collect());
    SET.contains(word)
}

const STOPWORDS: &[&str] = &[
    "the",
    "both",
    "and",
    "for",
    "was",
    "were",
    "are",
    "has",
    "had",
    "have",
    "with",
    "that",
    "this",
    "from",
    "its",
    "his",
    "her",
    "their",
    "they",
    "she",
    "him",
    "but",
    "not",
    "who",
    "which",
    "will",
    "would",
    "said",
    "says",
    "say",
    "after",
    "before",
    "about",
    "than",
    "more",
    "into",
    "over",
    "also",
    "been",
    "being",
    "there",
    "then",
    "when",
    "while",
    "what",
    "our",
    "out",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "nearly",
    "almost",
    "around",
    "some",
    "least",
    "under",
    "just",
    "only",
    "all",
    "any",
    "can",
    "could",
    "did",
    "does",
    "per",
    "cent",
    "percent",
    "how",
    "why",
    "where",
    "week",
    "day",
    "year",
    "told",
    "added",
    "according",
];

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
