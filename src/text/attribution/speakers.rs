//! Speakers: the name, pronoun or noun phrase a cue links to, and the
//! earlier person a pronoun refers back to.

use std::ops::Range;

use crate::text::words::WordBoundaries;

use super::text::Word;
use crate::document::{BlockKind, Document};
use crate::lang::lexicon;
use crate::lang::names::is_never_a_name;
use crate::lang::speech::{
    BODY_HEADS, INDEFINITE_SPEAKERS, PERSON_NOUNS, SPEAKER_DETERMINERS, SPEAKER_PRONOUNS,
    is_not_speaker, is_person_noun,
};
use crate::lang::titles::{is_exact_title_word, is_title_before_name};
use crate::text::names::name_mentions;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpeakerKind {
    Name,
    Pronoun,
    NounPhrase,
}

/// Who a quotation is attributed to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    /// The speaker as written ("Ana Ruiz", "she", "the official").
    pub text: String,
    pub kind: SpeakerKind,
    /// For a pronoun, the name it refers back to, when there is one.
    pub refers_to: Option<String>,
}

impl Speaker {
    /// The name to compare speakers by: the referent of a pronoun, or the
    /// text itself.
    pub fn name(&self) -> Option<&str> {
        match self.kind {
            SpeakerKind::Name => Some(&self.text),
            SpeakerKind::Pronoun => self.refers_to.as_deref(),
            SpeakerKind::NounPhrase => None,
        }
    }

    /// The name of the person who spoke, when the speaker is one: not a
    /// month ("her March comment"), a building or body ("the White House",
    /// "the Rust Belt"), a place, or an everyday word capitalised ("Most").
    pub fn person_name(&self) -> Option<&str> {
        self.name().filter(|name| is_a_persons_name(name))
    }

    /// The person's name as the text writes it at the quotation, not a
    /// pronoun's guessed referent: "she said" after a paragraph about
    /// Trump is not Trump's quotation, so only a written name may accuse
    /// anyone of misattribution.
    pub fn written_name(&self) -> Option<&str> {
        (self.kind == SpeakerKind::Name)
            .then(|| self.person_name())
            .flatten()
    }

    /// "he" or "she": a pronoun that must refer to a person named before.
    pub(super) fn is_personal_pronoun(&self) -> bool {
        self.kind == SpeakerKind::Pronoun
            && matches!(self.text.to_lowercase().as_str(), "he" | "she")
    }
}

/// "one said", "said another", "others added": a lone indefinite word on
/// either side of the cue verb at `index`.
pub(super) fn indefinite_speaker(outside: &str, words: &[Word], index: usize) -> Option<Speaker> {
    let neighbours = [index.checked_sub(1), Some(index + 1)];
    neighbours
        .into_iter()
        .flatten()
        .filter_map(|i| words.get(i))
        .find(|w| INDEFINITE_SPEAKERS.contains(w.lower.as_str()))
        .map(|w| Speaker {
            text: outside[w.range.clone()].to_string(),
            kind: SpeakerKind::NounPhrase,
            refers_to: None,
        })
}

/// How far from its cue a speaker may stand.
const NEAR_WORDS: usize = 6;

/// The speaker nearest to a cue spanning `cue`: a name, a pronoun or a
/// determiner-led noun phrase, within a few words, and on the same side of
/// the quotation (`quote`) as the cue: in "The question remains “…” and
/// nobody answered", "the question" did not answer.
pub(super) fn speaker_near(
    outside: &str,
    words: &[Word],
    cue: Range<usize>,
    quote: &Range<usize>,
) -> Option<Speaker> {
    speaker_within(outside, words, cue, quote, NEAR_WORDS)
}

/// The speaker nearest to a cue, within `max_words` of it.
pub(super) fn speaker_within(
    outside: &str,
    words: &[Word],
    cue: Range<usize>,
    quote: &Range<usize>,
    max_words: usize,
) -> Option<Speaker> {
    let (cue_start, cue_end) = (cue.start, cue.end);
    let across_quote = |range: &Range<usize>| {
        (range.end <= quote.start && cue_start >= quote.end)
            || (range.start >= quote.end && cue_end <= quote.start)
    };
    // "saying that Clinton “…”", "quick to add that the talks …": whom the
    // words are about, not who spoke.
    let is_reported_subject = |range: &Range<usize>| {
        range.start >= cue_end
            && outside
                .get(cue_end..range.start)
                .is_some_and(|gap| super::text::words(gap).iter().any(|w| w.lower == "that"))
    };
    let mut candidates: Vec<(usize, Speaker)> = Vec::new();
    let distance = |range: &Range<usize>| {
        if across_quote(range) {
            usize::MAX
        } else if range.end <= cue_start {
            outside[range.end..cue_start].split_whitespace().count()
        } else if range.start >= cue_end {
            outside[cue_end..range.start].split_whitespace().count()
        } else {
            0
        }
    };
    for mention in name_mentions(outside, 0..outside.len()) {
        // "French experts wrote", "a Clinton campaign official said": the
        // name qualifies the people who speak.
        if let Some(end) = people_qualified_by(outside, words, &mention.range) {
            let range = mention.range.start..end;
            candidates.push((
                distance(&range),
                Speaker {
                    text: outside[range]
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" "),
                    kind: SpeakerKind::NounPhrase,
                    refers_to: None,
                },
            ));
            continue;
        }
        if is_reported_subject(&mention.range) {
            continue;
        }
        let text = mention.spelling(outside);
        let first = text.split(' ').next().unwrap_or("").to_lowercase();
        if mention.sentence_initial
            && mention.words.len() == 1
            && (is_not_speaker(&first)
                || SPEAKER_DETERMINERS.contains(first.as_str())
                || first == "according")
            && !is_surname_after_quotation(outside, &mention.range, &cue, quote)
        {
            continue;
        }
        if SPEAKER_PRONOUNS.contains(first.as_str()) || SPEAKER_DETERMINERS.contains(first.as_str())
        {
            continue;
        }
        let text = without_titles(&text);
        if text.is_empty() {
            continue;
        }
        candidates.push((
            distance(&mention.range),
            Speaker {
                text,
                kind: SpeakerKind::Name,
                refers_to: None,
            },
        ));
    }
    for (i, word) in words.iter().enumerate() {
        // After the verb, "it" and "you" are objects ("answered it"); only
        // an inverted "said he" puts the speaker there.
        let object = word.range.start >= cue_end && matches!(word.lower.as_str(), "it" | "you");
        if is_reported_subject(&word.range) {
            continue;
        }
        if SPEAKER_PRONOUNS.contains(word.lower.as_str()) && !object {
            let text = outside[word.range.clone()].to_string();
            candidates.push((
                distance(&word.range),
                Speaker {
                    text,
                    kind: SpeakerKind::Pronoun,
                    refers_to: None,
                },
            ));
        } else if SPEAKER_DETERMINERS.contains(word.lower.as_str()) {
            let outside_cue = |w: &&Word| w.range.end <= cue_start || w.range.start >= cue_end;
            let phrase: Vec<&Word> = words[i + 1..]
                .iter()
                .take(3)
                .take_while(|w| is_plain_noun(&w.lower) && outside_cue(w))
                .collect();
            if let Some(last) = phrase.last() {
                let range = word.range.start..last.range.end;
                let text = outside[range.clone()]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                candidates.push((
                    distance(&range),
                    Speaker {
                        text,
                        kind: SpeakerKind::NounPhrase,
                        refers_to: None,
                    },
                ));
            }
        }
    }
    // Nearest wins; on a tie a name beats a pronoun beats a noun phrase.
    candidates
        .into_iter()
        .filter(|(d, _)| *d <= max_words)
        .min_by_key(|(d, s)| (*d, s.kind as u8))
        .map(|(_, s)| s)
}

/// How many lower-case nouns may follow a name before the people it
/// qualifies ("Clinton campaign official").
const QUALIFIED_NOUNS: usize = 2;

/// Where the people a name qualifies end: "French experts", "Clinton
/// campaign official" (nouns of bodies, then a noun for people, right after
/// the name).
fn people_qualified_by(outside: &str, words: &[Word], name: &Range<usize>) -> Option<usize> {
    let next = words.iter().position(|w| w.range.start >= name.end)?;
    let mut gap_start = name.end;
    for word in words[next..].iter().take(QUALIFIED_NOUNS) {
        let joined = outside
            .get(gap_start..word.range.start)
            .is_some_and(|gap| !gap.is_empty() && gap.trim().is_empty());
        let lower_case = outside[word.range.clone()].starts_with(char::is_lowercase);
        if !joined || !lower_case {
            return None;
        }
        if is_person_noun(&word.lower) {
            return Some(word.range.end);
        }
        if !BODY_HEADS.contains(&word.lower) {
            return None;
        }
        gap_start = word.range.end;
    }
    None
}

/// A capitalised function word that stands between a quotation and its
/// speech verb, with nothing else around it: the surname in "“…,” From
/// said." (Al From). Not "That said, …", where a comma follows the verb.
fn is_surname_after_quotation(
    outside: &str,
    mention: &Range<usize>,
    cue: &Range<usize>,
    quote: &Range<usize>,
) -> bool {
    let blank = |range: Range<usize>| outside.get(range).is_some_and(|gap| gap.trim().is_empty());
    let sentence_goes_on = outside
        .get(cue.end..)
        .is_some_and(|after| after.trim_start().starts_with(','));
    quote.end <= mention.start
        && !quote.is_empty()
        && mention.end <= cue.start
        && blank(quote.end..mention.start)
        && blank(mention.end..cue.start)
        && !sentence_goes_on
}

/// A name mention without the titles before it: "Secretary of State Marco
/// Rubio" is "Marco Rubio", so speakers compare by the person.
fn without_titles(mention: &str) -> String {
    let words: Vec<&str> = mention.split(' ').collect();
    let titles = words.iter().take_while(|w| is_title_before_name(w)).count();
    words[titles..].join(" ")
}

/// The people a pronoun can refer back to, listed once per document on the
/// first pronoun: full names for naming the referent, and where the first
/// mention of any person (a name, a role, a person noun) ends.
pub(super) struct Antecedents {
    full_names: Vec<(usize, String)>,
    first_person: Option<usize>,
}

impl Antecedents {
    pub(super) fn new(doc: &Document) -> Antecedents {
        let prose = doc.prose();
        let mut full_names = Vec::new();
        let mut first_person: Option<usize> = None;
        for (block, sentence) in doc.sentences() {
            for mention in name_mentions(prose, sentence.clone()) {
                let spelling = mention.spelling(prose);
                if first_person.is_none() && is_person_like(&spelling, mention.sentence_initial) {
                    first_person = Some(mention.range.end);
                }
                if mention.words.len() >= 2 && block.kind != BlockKind::Heading {
                    full_names.push((mention.range.end, spelling));
                }
            }
            if first_person.is_none() {
                let text = prose.get(sentence.clone()).unwrap_or("");
                let person_noun = text.word_indices().find(|(_, w)| {
                    let lower = w.to_lowercase();
                    let bare = lower
                        .strip_suffix("'s")
                        .or_else(|| lower.strip_suffix("’s"));
                    let bare = bare.unwrap_or(&lower);
                    let singular = bare.strip_suffix('s').unwrap_or(bare);
                    is_exact_title_word(singular) || PERSON_NOUNS.contains(singular)
                });
                if let Some((at, word)) = person_noun {
                    first_person = Some(sentence.start + at + word.len());
                }
            }
        }
        full_names.sort();
        Antecedents {
            full_names,
            first_person,
        }
    }

    /// Give a pronoun the nearest full name mentioned before `before`.
    pub(super) fn resolve(&self, mut speaker: Speaker, before: usize) -> Speaker {
        if speaker.kind != SpeakerKind::Pronoun {
            return speaker;
        }
        let nearest = self.full_names.partition_point(|(end, _)| *end <= before);
        speaker.refers_to = nearest.checked_sub(1).map(|i| self.full_names[i].1.clone());
        speaker
    }

    /// Some person was named or described before `before`.
    pub(super) fn has_person_before(&self, before: usize) -> bool {
        self.first_person.is_some_and(|at| at <= before)
    }
}

pub(super) use crate::lang::speech::SUBJECT_PRONOUNS;

/// The person a partial quotation's sentence is about: a name that can be
/// a person, or a personal pronoun, before the quotation ("West landed a
/// sharp dig at “…”").
pub(super) fn person_before(before: &str) -> Option<Speaker> {
    // "Trump, who …": whatever the word means elsewhere, "who" makes it a
    // person.
    let followed_by_who = |end: usize| {
        before[end..]
            .trim_start_matches([',', ' '])
            .split(' ')
            .next()
            .is_some_and(|w| w == "who")
    };
    let name = name_mentions(before, 0..before.len())
        .into_iter()
        .find(|m| {
            is_person_like(&m.spelling(before), m.sentence_initial) || followed_by_who(m.range.end)
        })
        .map(|m| m.spelling(before));
    if let Some(spelling) = name {
        return Some(Speaker {
            text: without_titles(&spelling),
            kind: SpeakerKind::Name,
            refers_to: None,
        });
    }
    super::text::words(before)
        .into_iter()
        .find(|w| SUBJECT_PRONOUNS.contains(&w.lower))
        .map(|w| Speaker {
            text: before[w.range].to_string(),
            kind: SpeakerKind::Pronoun,
            refers_to: None,
        })
}

/// Whether the reporter's words `text` name someone who may speak: a name
/// that can be a person.
pub(super) fn names_a_person(text: &str) -> bool {
    name_mentions(text, 0..text.len())
        .into_iter()
        .any(|m| is_person_like(&m.spelling(text), m.sentence_initial))
}

/// The person a sentence opens with, within its first `max_words` words:
/// "Trump's supporters shrugged" opens with Trump.
pub(super) fn person_opening(sentence: &str, max_words: usize) -> Option<String> {
    let words = super::text::words(sentence);
    let reach = words
        .get(max_words.saturating_sub(1))
        .or(words.last())?
        .range
        .end;
    name_mentions(sentence, 0..sentence.len())
        .into_iter()
        .filter(|m| m.range.start < reach)
        .map(|m| {
            // A known name as an owner opening a sentence is the name:
            // "Trump's supporters", but not "What's more".
            let spelling = m.spelling(sentence);
            let rest = sentence.get(m.range.end..).unwrap_or("");
            let owner = (rest.starts_with("'s") || rest.starts_with("’s"))
                && lexicon::lookup(&spelling).is_real_name();
            (spelling, m.sentence_initial && !owner)
        })
        .find(|(spelling, initial)| is_person_like(spelling, *initial))
        .map(|(spelling, _)| without_titles(&spelling))
}

fn is_a_persons_name(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return false;
    };
    let opening = lexicon::lookup(first);
    let everyday_opening =
        opening.is_english_word() && !opening.is_real_name() && !is_title_before_name(first);
    !words.iter().any(|w| is_never_a_name(w))
        && !BODY_HEADS.contains(&last.to_lowercase())
        && !everyday_opening
        && is_person_like(name, false)
}

/// A name mention that can be a person: not a place, and not an everyday
/// word capitalised at the start of a sentence.
fn is_person_like(spelling: &str, sentence_initial: bool) -> bool {
    let mut words = spelling.split(' ');
    let first = words.next().unwrap_or("");
    let single = words.next().is_none();
    // "Snow closed the pass": an everyday word opening a sentence, even one
    // that is also a surname.
    if single && sentence_initial && lexicon::lookup(first).is_english_word() {
        return false;
    }
    if SPEAKER_PRONOUNS.contains(first.to_lowercase().as_str()) {
        return false;
    }
    // "Moscow" is a place; "Vance", a county too, is also a surname.
    let entry = lexicon::lookup(first);
    !(single && entry.is_place() && !entry.is_surname())
}

/// A word that can stand in a noun phrase: letters or digits ("the
/// 46-year-old" is read as "the", "46", "year", "old").
pub(super) fn is_plain_noun(word: &str) -> bool {
    word.chars().all(|c| c.is_alphanumeric() || c == '-')
        && !is_not_speaker(word)
        && !SPEAKER_DETERMINERS.contains(word)
}
