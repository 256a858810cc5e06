//! Titles and roles as claims: before a name ("Defence Minister Denys
//! Shmyhal", "Kremlin spokesman Dmitry Peskov", "Secretary of Commerce
//! Jonas Pell"), after it ("Mark Rutte, NATO's secretary-general,"), and
//! whether they are said to be former; and how two roles compare.

use std::collections::BTreeSet;
use std::ops::Range;

use super::{Attribute, Found, Value};
use crate::lang::calendar::calendar_word;
use crate::lang::case::{lower_case, with_lower_case};
use crate::lang::lexicon;
use crate::lang::stopwords::is_function_word;
use crate::lang::titles::{
    HELD_ALONGSIDE_TITLES, LEADER_DESCRIPTIONS, TITLE_FILLERS, TITLE_PORTFOLIOS, TITLE_RANKS,
    is_title_word, title_synonym,
};
use crate::text::names::{NameMention, is_initialism, without_possessive};
use crate::text::sentence::Sentence;
use crate::text::words::WordBoundaries;

/// Roles before a name ("Defence Minister Denys Shmyhal", "Kremlin
/// spokesman Dmitry Peskov") and after it ("Mark Rutte, NATO's
/// secretary-general,").
pub(super) fn titles(segmented: &Sentence, mentions: &[NameMention]) -> Vec<Found> {
    let (prose, sentence) = (segmented.prose, segmented.range.clone());
    let mut found = Vec::new();
    for mention in mentions {
        let words: Vec<&str> = mention
            .words
            .iter()
            .map(|r| prose.get(r.clone()).unwrap_or(""))
            .collect();
        // The person is the run of words after the last role word.
        let last_role = words.iter().rposition(|w| is_title_word(w));
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
        let person_words = without_trailing_acronyms(&words[person_start..]);
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
        let (role_text, address) = post_and_address(&role_text[skipped..]);
        let role_range = role_range.start + skipped..role_range.start + skipped + role_text.len();
        let address = address.map(|(at, text)| {
            let start = role_range.start + at;
            (start..start + text.len(), text)
        });
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
        let opens_at = former_range.as_ref().map_or(role_range.start, |f| f.start);
        let served = serves_a_person(role_text.words())
            || owner_before(segmented, opens_at).is_some_and(is_served_person);
        // The form of address is a post the person holds too ("Senator").
        if let Some((range, text)) = address
            && let Some(post) = normalise_role(text)
        {
            found.push(title_found(
                range,
                post,
                None,
                person.clone(),
                person_name.clone(),
            ));
        }
        let mut title = title_found(role_range, role, former_range, person, person_name);
        title.in_anothers_service = served;
        found.push(title);
    }
    found
}

/// "environment minister Senator Ian Campbell": a post in lower case and
/// then a form of address the person holds as well. The post is the role;
/// the address (with where it starts) is a second one.
fn post_and_address(role_text: &str) -> (&str, Option<(usize, &str)>) {
    let words: Vec<(usize, &str)> = role_text.word_indices().collect();
    let is_post = |w: &str| !w.starts_with(char::is_uppercase) && is_title_word(w);
    let is_address = |w: &str| w.starts_with(char::is_uppercase) && is_title_word(&lower_case(w));
    let Some(post) = words.iter().rposition(|(_, w)| is_post(w)) else {
        return (role_text, None);
    };
    match words[post + 1..].iter().find(|(_, w)| is_address(w)) {
        Some(&(address_at, _)) => {
            let (at, word) = words[post];
            (
                &role_text[..at + word.len()],
                Some((address_at, &role_text[address_at..])),
            )
        }
        None => (role_text, None),
    }
}

/// "a Reagan education secretary", "Clinton campaign chairman X": a role
/// held in a person's team, whose term the title does not give; the
/// corpus's "former" or not says nothing of it.
fn serves_a_person<'w>(mut role_words: impl Iterator<Item = &'w str>) -> bool {
    role_words.any(|word| word.starts_with(char::is_uppercase) && is_served_person(word))
}

/// A word that names a person a post may serve: a surname that is no
/// everyday word ("Reagan", not "House" or "Bush") and no title.
fn is_served_person(word: &str) -> bool {
    let bare = without_possessive(word);
    let lower = lower_case(bare);
    let entry = lexicon::lookup(bare);
    entry.is_surname()
        && !entry.is_english_word()
        && !is_title_word(&lower)
        && !is_portfolio(&lower)
}

/// The name owning a role right before `at` ("Ronald Reagan's former
/// education secretary"): the word before the possessive mark.
fn owner_before<'a>(segmented: &Sentence<'a>, at: usize) -> Option<&'a str> {
    let words = segmented.last_words_within(segmented.range.start..at, 2);
    match words.as_slice() {
        [.., (_, owner), (_, mark)] if matches!(*mark, "'s" | "’s") => Some(owner),
        [.., (_, owner)] if without_possessive(owner).len() < owner.len() => Some(owner),
        _ => None,
    }
}

/// A title claim about a person (their surname, lower case, and their name
/// as written).
fn title_found(
    range: Range<usize>,
    post: String,
    former_range: Option<Range<usize>>,
    person: Option<String>,
    name: String,
) -> Found {
    Found {
        phrase: range.clone(),
        range,
        attribute: Attribute::Title,
        value: Value::Title {
            post,
            former: former_range.is_some(),
            former_range,
        },
        person: person.map(|surname| (super::entity_key(&surname), name)),
        paired_date: None,
        in_anothers_service: false,
    }
}

/// "Secretary of Commerce Jonas Pell", "Secretary of the Treasury X": the
/// name run starts with the portfolio, after a role word and "of".
fn role_of_portfolio(
    prose: &str,
    sentence: &Range<usize>,
    mention: &NameMention,
    words: &[&str],
) -> Option<Found> {
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
    if !is_title_word(role_word) || !role_word.starts_with(char::is_uppercase) {
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
    Some(title_found(
        start..end,
        normalise_role(role_text)?,
        former,
        person_words.last().map(|w| w.to_lowercase()),
        person_words.join(" "),
    ))
}

/// "former", "ex" and "retired": the person has left the post.
/// How far back from "and" a "former" reaches over a coordinated role
/// ("retired four-star general and CIA director X").
const COORDINATED_ROLE_WORDS: usize = 4;

/// A portfolio in any spelling ("defense", "defence", "foreign").
fn is_portfolio(lower: &str) -> bool {
    TITLE_PORTFOLIOS.contains(lower)
        || title_synonym(lower).is_some_and(|word| TITLE_PORTFOLIOS.contains(word))
}

fn is_former_word(lower: &str) -> bool {
    matches!(lower, "former" | "ex" | "retired")
}

/// The role phrase before the person: capitalised title words inside the
/// mention, plus lower-case role words right before it; and "former".
fn role_before(
    segmented: &Sentence,
    mention: &NameMention,
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
        if is_former_word(&lower) {
            former = Some(absolute..absolute + word.len());
            break;
        }
        // "former defense secretary X", "assistant treasurer X": a
        // portfolio or rank in lower case is part of the role too.
        if is_title_word(&lower)
            || (saw_role
                && (word.starts_with(char::is_uppercase)
                    || lower == "'s"
                    || lower == "’s"
                    || is_portfolio(&lower)
                    || TITLE_RANKS.contains(&lower)))
        {
            saw_role |= is_title_word(&lower);
            start = absolute;
            remaining -= 1;
        } else {
            break;
        }
    }
    // "then Vice President X" and "an official under President X" are
    // titles held in the past, and "former prosecutor and Mayor X" makes
    // both titles former.
    let mut lead = words_before[..remaining]
        .iter()
        .rev()
        .map(|(at, w)| (sentence.start + at, w.to_lowercase()));
    match lead.next() {
        Some((_, w)) if w == "then" || w == "onetime" || w == "late" || w == "under" => {
            return (None, None);
        }
        Some((and_at, w)) if former.is_none() && (w == "and" || w == "or") => {
            // Only within one role phrase: ", and Senator X" after "Bush,
            // the former governor" lists another person.
            let mut end = and_at;
            former = lead
                .take(COORDINATED_ROLE_WORDS)
                .take_while(|(at, w)| {
                    // Role words in lower case: "former President Bill
                    // Clinton and President X" is two people.
                    let lower_case_word = prose
                        .get(*at..at + w.len())
                        .is_some_and(|word| !word.starts_with(char::is_uppercase));
                    let joined = prose
                        .get(at + w.len()..end)
                        .is_some_and(|gap| gap.trim().is_empty() || gap == "-");
                    end = *at;
                    joined && (lower_case_word || is_former_word(w))
                })
                .find(|(_, w)| is_former_word(w))
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
) -> Option<Found> {
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
        .all(|w| w.starts_with(char::is_uppercase) && !is_title_word(w));
    if !plausible_person(words) || has_quote_mark(phrase) || ends_in_name {
        return None;
    }
    // "the general election" is no general.
    if phrase.split_whitespace().count() > 5
        || !phrase
            .split_whitespace()
            .any(|w| is_title_word(&w.to_lowercase()) && w != "general")
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
    let role = normalise_role(text)?;
    let mut title = title_found(
        start..start + text.len(),
        role,
        former_at,
        words.last().map(|w| w.to_lowercase()),
        words.join(" "),
    );
    title.in_anothers_service = serves_a_person(text.words());
    Some(title)
}

/// A name less the capitals run on after it: a post-nominal ("Rod Smith
/// SC") or the body the sentence goes on to name ("told Justice Rares AWI
/// had..."). A name in capitals throughout keeps its words.
fn without_trailing_acronyms<'w>(words: &'w [&'w str]) -> &'w [&'w str] {
    let kept = words.len() - words.iter().rev().take_while(|w| is_initialism(w)).count();
    if kept == 0 { words } else { &words[..kept] }
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

fn has_quote_mark(text: &str) -> bool {
    text.contains(['"', '“', '”', '‘']) || text.contains("''")
}

/// A role as a comparable string: lower case, British spelling, synonyms
/// folded, "former" and filler words dropped. `None` if no role word is left.
pub fn normalise_role(text: &str) -> Option<String> {
    // Built in one string: asked of every role in the corpus.
    let mut joined = String::with_capacity(text.len());
    for word in text.words() {
        with_lower_case(word, |lower| {
            if !lower.chars().any(char::is_alphanumeric)
                || TITLE_FILLERS.contains(lower)
                || lower == "former"
            {
                return;
            }
            let word = title_synonym(lower).unwrap_or(lower);
            if !joined.is_empty() {
                joined.push(' ');
            }
            joined.push_str(word);
        });
    }
    // "press secretary" is two words; the synonyms of one word were folded above.
    if let Some(spokesman) = title_synonym("press secretary")
        && joined.contains("press secretary")
    {
        joined = joined.replace("press secretary", spokesman);
    }
    // An adviser is a description, not a post that excludes another.
    joined
        .split(' ')
        .any(|w| is_title_word(w) && w != "adviser")
        .then_some(joined)
}

/// Whether two normalised roles can describe the same post: the same rank,
/// and the post's words of one all within the other's ("minister" and
/// "defence minister"; "NATO's secretary-general" and "the alliance's
/// secretary-general").
pub fn roles_compatible(a: &str, b: &str) -> bool {
    let (ranks_a, post_a) = role_core(a);
    let (ranks_b, post_b) = role_core(b);
    ranks_a == ranks_b && (post_a.is_subset(&post_b) || post_b.is_subset(&post_a))
}

/// Whether a normalised role is a seat or a rank alone ("liberal senator",
/// "general"), which a person holds alongside a post: no other post
/// contradicts it. "General" counts only on its own, since "attorney
/// general" and "secretary-general" are posts.
pub fn is_held_alongside_posts(role: &str) -> bool {
    let words: Vec<&str> = role
        .split([' ', '-'])
        .filter(|w| !w.is_empty() && !is_function_word(w) && !TITLE_FILLERS.contains(w))
        .collect();
    let Some((&last, before)) = words.split_last() else {
        return false;
    };
    HELD_ALONGSIDE_TITLES.contains(last)
        && (last != "general" || before.is_empty())
        && before
            .iter()
            .all(|w| !is_title_word(w) && !TITLE_RANKS.contains(w) && !TITLE_PORTFOLIOS.contains(w))
}

/// Whether a normalised role only describes a body's leader ("nato
/// chief", "aba head"): its one title word is a description, and it ends
/// the role. "Head of the presidential office" and "chief of staff" are
/// posts.
pub fn is_leader_description(role: &str) -> bool {
    let words: Vec<&str> = role.split([' ', '-']).filter(|w| !w.is_empty()).collect();
    words
        .last()
        .is_some_and(|w| LEADER_DESCRIPTIONS.contains(w))
        && words.iter().filter(|w| is_title_word(w)).count() == 1
        && !words
            .iter()
            .any(|w| TITLE_RANKS.contains(w) || TITLE_PORTFOLIOS.contains(w))
}

/// Whether two roles are posts of one kind (both ministers, both
/// secretaries), differing at most in portfolio or rank.
pub fn same_kind_of_post(a: &str, b: &str) -> bool {
    let heads = |role: &str| -> BTreeSet<String> {
        role.split([' ', '-'])
            .filter(|w| is_title_word(w))
            .map(str::to_string)
            .collect()
    };
    !heads(a).is_disjoint(&heads(b))
}

/// Whether two normalised roles can be held for the same employer: the
/// words that name whom the post serves ("cruz" of "cruz spokesman",
/// "trump" of "spokesman for trump") are shared, or one role names none.
pub fn same_employer(a: &str, b: &str) -> bool {
    let employer = |role: &'_ str| -> BTreeSet<String> {
        role.split([' ', '-'])
            .filter(|w| {
                !w.is_empty()
                    && !is_title_word(w)
                    && !TITLE_PORTFOLIOS.contains(w)
                    && !TITLE_RANKS.contains(w)
                    && !TITLE_FILLERS.contains(w)
                    && !is_function_word(w)
            })
            .map(str::to_string)
            .collect()
    };
    let (a, b) = (employer(a), employer(b));
    a.is_empty() || b.is_empty() || !a.is_disjoint(&b)
}

fn role_core(role: &str) -> (BTreeSet<&str>, BTreeSet<&str>) {
    let words = role.split([' ', '-']).filter(|w| !w.is_empty());
    let ranks = words.clone().filter(|w| TITLE_RANKS.contains(w)).collect();
    let post = words
        .filter(|w| is_title_word(w) || TITLE_PORTFOLIOS.contains(w))
        .collect();
    (ranks, post)
}
