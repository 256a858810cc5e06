//! Cues inside one sentence: a speech verb or phrase with its speaker
//! ("said Ruiz", "according to the ministry"), a speech noun with its owner
//! ("his statement", "Ruiz's remarks"), or a speaker before a colon
//! ("Ruiz: “…”").

use aho_corasick::AhoCorasick;
use std::collections::HashSet;
use std::ops::Range;

use super::speakers::{
    Speaker, SpeakerKind, indefinite_speaker, is_plain_noun, person_before, speaker_near,
    speaker_within,
};
use super::text::{Word, words};
use crate::document::Document;
use crate::lang::speech::{
    BODY_HEADS, COMPLEMENT_OPENERS, ISSUING_VERBS, NOUN_MARKERS, PASSIVE_AUXILIARIES, PERSON_NOUNS,
    POSSESSIVE_PRONOUNS, REPORTING_VERBS, SHARED_SUBJECT_VERBS, SPEECH_PARTICIPLES,
    SUBJECT_PRONOUNS, UNREPORTED_BEFORE,
};
use crate::lang::{lexicon, titles};
use crate::rules::QuoteRules;
use crate::text::names::name_mentions;
use crate::text::quotes::{Quotation, closes_with_source_line};

/// How far before a colon its speaker may stand ("Obama's questioners
/// ranged from skeptical to hostile: “…”").
pub(super) const LEAD_IN_WORDS: usize = 12;

/// The cue lists of the rules, ready for matching.
#[derive(Debug, Clone, Default)]
pub struct Cues {
    verbs: HashSet<String>,
    /// Lower-cased multi-word cues.
    phrases: Vec<String>,
    /// All the phrases in one automaton: one pass over a sentence finds
    /// every phrase, where a search per phrase made each quotation cost
    /// the number of phrases times the sentence.
    phrase_finder: Option<AhoCorasick>,
    nouns: HashSet<String>,
}

impl Cues {
    pub fn new(rules: &QuoteRules) -> Cues {
        let lower = |list: &[String]| list.iter().map(|v| v.to_lowercase()).collect();
        let phrases: Vec<String> = rules.phrases.iter().map(|p| p.to_lowercase()).collect();
        Cues {
            verbs: lower(&rules.verbs),
            phrase_finder: AhoCorasick::new(&phrases).ok(),
            phrases,
            nouns: lower(&rules.nouns),
        }
    }

    /// A noun of speech or writing ("statement", "report"), lower case.
    pub(super) fn is_speech_noun(&self, lower: &str) -> bool {
        self.nouns.contains(lower)
    }

    /// Where each phrase first stands in `text` as whole words, in the
    /// order of the phrase list.
    fn phrase_positions(&self, text: &str) -> Vec<(usize, &str)> {
        let Some(finder) = &self.phrase_finder else {
            return Vec::new();
        };
        let mut first: Vec<Option<usize>> = vec![None; self.phrases.len()];
        for found in finder.find_overlapping_iter(text) {
            let slot = &mut first[found.pattern().as_usize()];
            if slot.is_none() && stands_alone(text, found.range()) {
                *slot = Some(found.start());
            }
        }
        first
            .iter()
            .zip(&self.phrases)
            .filter_map(|(at, phrase)| at.map(|at| (at, phrase.as_str())))
            .collect()
    }
}

/// A cue and the speaker it links to.
pub(super) struct Cue {
    pub text: String,
    pub speaker: Speaker,
}

/// The cue in `outside` (a sentence with its quotations blanked) and its
/// speaker. `quote` is where the quotation stands in it (empty, at the end,
/// for a sentence without it).
pub(super) fn find_cue(outside: &str, cues: &Cues, quote: &Range<usize>) -> Option<Cue> {
    // ASCII lower-casing keeps byte offsets, so ranges found in `lowered`
    // index `outside` too.
    let lowered = outside
        .to_ascii_lowercase()
        .replace("so-called", "         ");
    let words = words(&lowered);
    for (at, phrase) in cues.phrase_positions(&lowered) {
        let speaker = speaker_near(outside, &words, at..at + phrase.len(), quote);
        if let Some(speaker) = speaker {
            return Some(Cue {
                text: phrase.to_string(),
                speaker,
            });
        }
    }
    let verb_cue = words.iter().enumerate().find_map(|(index, word)| {
        if !cues.verbs.contains(&word.lower)
            || is_noun_use(&words, index)
            || is_agentless_passive(outside, &words, index)
        {
            return None;
        }
        let speaker = speaker_near(outside, &words, word.range.clone(), quote)
            .or_else(|| indefinite_speaker(outside, &words, index))
            .or_else(|| bare_noun_before(outside, &words, index))?;
        Some(Cue {
            text: word.lower.clone(),
            speaker,
        })
    });
    verb_cue
        .or_else(|| noun_cue(outside, &words, cues, quote))
        .or_else(|| colon_cue(outside, &words, quote))
}

/// A verb of reported speech ("says", "told") and its speaker, wherever it
/// stands in a sentence of the reporter's own words; other cues ("called",
/// "noted") are passed over, not taken instead.
pub(super) fn find_reporting_cue(outside: &str) -> Option<Cue> {
    let lowered = outside.to_ascii_lowercase();
    let words = words(&lowered);
    let end = outside.len()..outside.len();
    words.iter().enumerate().find_map(|(index, word)| {
        if !REPORTING_VERBS.contains(&word.lower)
            || is_noun_use(&words, index)
            || is_agentless_passive(outside, &words, index)
        {
            return None;
        }
        // "has said" is background and "had little to say", "would say"
        // no speech at all: neither is what the paragraph reports.
        let not_reported = index
            .checked_sub(1)
            .is_some_and(|before| UNREPORTED_BEFORE.contains(&words[before].lower))
            && !is_eager_report(&words, index);
        // "a claim that he told the board …": speech inside a clause the
        // sentence is about, not the sentence's own report.
        let clause = lowered[..word.range.start]
            .rsplit([',', ';', '—', '('])
            .next()
            .unwrap_or("");
        let subordinate = words_of(clause).any(|w| COMPLEMENT_OPENERS.contains(w));
        if not_reported || subordinate {
            return None;
        }
        // "… and says": the verb's subject opens the sentence, or is not
        // to be found near the verb. ("And, says Ruiz, …" is no such verb.)
        let after_and = index.checked_sub(1).is_some_and(|i| {
            words[i].lower == "and"
                && lowered[words[i].range.end..word.range.start]
                    .trim()
                    .is_empty()
        });
        let speaker = match after_and {
            true => shared_subject(outside, &words, index)?,
            false => speaker_near(outside, &words, word.range.clone(), &end)
                .or_else(|| bare_noun_before(outside, &words, index))?,
        };
        Some(Cue {
            text: word.lower.clone(),
            speaker,
        })
    })
}

/// "Brock runs the ward at the city hospital and says he is aware …": a
/// verb of speech right after "and" (at `verb`) shares the subject the
/// sentence opens with, however far back it stands. Only a finite form
/// ("says", "said"): "and say" may belong to a plural inside the clause,
/// and "and questions" or "and praise" is more often a noun.
fn shared_subject(outside: &str, words: &[Word], verb: usize) -> Option<Speaker> {
    if !SHARED_SUBJECT_VERBS.contains(&words[verb].lower) {
        return None;
    }
    clause_subject(outside.trim_start()).map(|(speaker, _)| speaker)
}

/// Words before "to" that report the speech all the same: "was quick to
/// add", "went on to say", "was careful to note".
const EAGER_BEFORE_TO: [&str; 5] = ["quick", "careful", "on", "hastened", "rushed"];

fn is_eager_report(words: &[Word], verb: usize) -> bool {
    verb.checked_sub(2).is_some_and(|lead| {
        words[lead + 1].lower == "to" && EAGER_BEFORE_TO.contains(&words[lead].lower.as_str())
    })
}

fn words_of(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// "the real question", "the text", "a tweet": after a determiner a cue
/// word is a noun, not the verb.
fn is_noun_use(words: &[Word], index: usize) -> bool {
    index
        .checked_sub(1)
        .is_some_and(|i| NOUN_MARKERS.contains(words[i].lower.as_str()))
}

const SOURCE_CHARS: usize = 64;
/// Where a source named after a quotation ends: "by the Times' Ben Ruiz: …".
const SOURCE_ENDS: [char; 7] = [',', '\n', ':', ';', '“', '"', '('];

/// A source named right after the quotation, as digests, fact checks and
/// newsletters cite them: "“…” [WaPo.]", "“…” (Reuters)", "“…” – Bernie
/// Sanders.", "“…,” by the Times' Ben Ruiz" (a byline only after a comma
/// inside the marks: "“a decision” by Friday" names no source).
pub(super) fn source_after(inner: &str, after: &str) -> Option<Speaker> {
    // A source is a few words: look no further, whatever follows.
    let window = after
        .char_indices()
        .nth(SOURCE_CHARS)
        .map_or(after, |(end, _)| &after[..end]);
    let rest = window.trim_start();
    let source = if let Some(inside) = rest.strip_prefix('[') {
        inside.split_once(']')?.0
    } else if let Some(inside) = rest.strip_prefix('(') {
        inside.split_once(')')?.0
    } else if let Some(line) = rest.strip_prefix(['-', '–', '—']) {
        line.split(SOURCE_ENDS).next()?
    } else if let Some(byline) = rest.strip_prefix("by ").filter(|_| inner.ends_with(',')) {
        byline.split(SOURCE_ENDS).next()?
    } else {
        return None;
    };
    let source = source.trim().trim_end_matches('.');
    let source = source.strip_prefix("the ").unwrap_or(source);
    name_of_words(source, SOURCE_NAME_WORDS)
}

/// Most words a source named after a quotation takes.
const SOURCE_NAME_WORDS: usize = 4;

/// `text` as a speaker's name: one to `most` words, each capitalised.
fn name_of_words(text: &str, most: usize) -> Option<Speaker> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let named = (1..=most).contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    named.then(|| Speaker {
        text: text.to_string(),
        kind: SpeakerKind::Name,
        refers_to: None,
    })
}

/// Most words a speaker's name takes in an inverted tag.
const INVERTED_TAG_NAME_WORDS: usize = 3;

/// An inverted tag whose verb is no speech cue: "“… Is Obama profiling?”
/// reacted Trump." A past-tense verb, then a name that ends the sentence,
/// right after a quotation that ends in speech punctuation.
pub(super) fn inverted_tag(inner: &str, after: &str) -> Option<Speaker> {
    if !inner.trim_end().ends_with([',', '.', '?', '!']) {
        return None;
    }
    let rest = after.trim_start();
    let (verb, rest) = rest.split_once(' ')?;
    let past =
        verb.len() > 3 && verb.ends_with("ed") && verb.chars().all(|c| c.is_ascii_lowercase());
    if !past {
        return None;
    }
    let end = rest.find(['.', ',', ';', '\n']).unwrap_or(rest.len());
    name_of_words(rest[..end].trim(), INVERTED_TAG_NAME_WORDS)
}

/// How many words a tag left inside the marks may have ("he added",
/// "the senator said").
const TAG_INSIDE_WORDS: usize = 4;

/// "“Absent a force on the ground, he added, “this is how …”": the tag
/// stands inside the marks, its closing mark forgotten. The cue, and
/// where the tag (from the comma before it) stands in `inner`.
pub(super) fn tag_inside(inner: &str, cues: &Cues) -> Option<(Cue, Range<usize>)> {
    let body = inner.trim_end().strip_suffix(',')?;
    let comma = body.rfind(',')?;
    let tag = &body[comma + 1..];
    let tag_words = words(tag);
    let quoted_words = words(&body[..comma]).len();
    let has_verb = tag_words.iter().any(|w| cues.verbs.contains(&w.lower));
    if !(2..=TAG_INSIDE_WORDS).contains(&tag_words.len()) || quoted_words < 3 || !has_verb {
        return None;
    }
    let cue = find_cue(tag, cues, &(tag.len()..tag.len()))?;
    Some((cue, comma..body.len()))
}

/// The source line under a pull quote whose closing mark follows it
/// ("Amy Pope, homeland security adviser.""): the name before its comma.
pub(super) fn source_line_after(doc: &Document, quotation: &Quotation) -> Option<Speaker> {
    if !quotation.continues_next {
        return None;
    }
    let prose = doc.prose();
    let open = prose.get(quotation.range.clone())?.chars().next()?;
    let line = prose.get(doc.blocks().get(quotation.block + 1)?.range.clone())?;
    if !closes_with_source_line(open, line) {
        return None;
    }
    let name = line
        .trim()
        .trim_start_matches(['–', '—', '-', ' '])
        .split([',', '.', '"', '”', '»'])
        .next()?
        .trim();
    Some(Speaker {
        text: name.to_string(),
        kind: SpeakerKind::Name,
        refers_to: None,
    })
}

/// "officials said", "police said": a bare noun right before the verb.
fn bare_noun_before(outside: &str, words: &[Word], index: usize) -> Option<Speaker> {
    let word = &words[index.checked_sub(1)?];
    is_plain_noun(&word.lower).then(|| Speaker {
        text: outside[word.range.clone()].to_string(),
        kind: SpeakerKind::NounPhrase,
        refers_to: None,
    })
}

/// "his warning that …", "Ruiz's remarks", "Trump issued a statement",
/// "the statement released by Fox News": a speech noun with its owner
/// before it, or a speaker close by.
fn noun_cue(outside: &str, words: &[Word], cues: &Cues, quote: &Range<usize>) -> Option<Cue> {
    words.iter().enumerate().find_map(|(index, word)| {
        if !cues.nouns.contains(&word.lower) {
            return None;
        }
        let speaker = match owner_before(outside, words, index) {
            Some(owner) => owner_speaker(outside, owner),
            None => speaker_near(outside, words, word.range.clone(), quote)
                .filter(|s| s.kind != SpeakerKind::NounPhrase)?,
        };
        Some(Cue {
            text: word.lower.clone(),
            speaker,
        })
    })
}

/// "Howard continued his scathing remarks.", "the DNC issued a statement
/// apologising …": the clause's subject reports its own speech with a
/// speech noun, so a quote paragraph after it goes on with that speech.
/// Not "Trump's remarks drew criticism" or "Critics seized on his
/// remarks": the remarks must be the subject's.
pub(super) fn speech_noun_report(outside: &str, cues: &Cues) -> Option<Cue> {
    let words = words(outside);
    let index = words.iter().position(|w| cues.nouns.contains(&w.lower))?;
    let noun = &words[index];
    let owner = owner_before(outside, &words, index);
    if owner.is_some_and(|w| is_possessive(outside, w)) {
        return None;
    }
    let clause_start = outside[..noun.range.start]
        .rfind([',', ';'])
        .map_or(0, |i| i + 1);
    let clause = outside[clause_start..noun.range.start].trim_start();
    let (speaker, subject_end) = clause_subject(clause)?;
    // A verb stands between the subject and the noun: "His remarks" has none.
    let rest: Vec<String> = words_of(clause.get(subject_end..).unwrap_or(""))
        .map(str::to_lowercase)
        .collect();
    let between = rest.len().saturating_sub(usize::from(owner.is_some()));
    // With no owner, the verb must put the statement out: "Ruiz mocked the
    // statement" is someone else's.
    let issued = owner.is_some() || rest.iter().any(|w| ISSUING_VERBS.contains(w));
    (between > 0 && issued).then(|| Cue {
        text: noun.lower.clone(),
        speaker,
    })
}

/// Most words of a subject noun phrase after "the" ("harbour board").
const SUBJECT_NOUN_WORDS: usize = 3;

/// Where a subject noun phrase after "the" ends: lower-case words up to a
/// verb that puts out a statement ("harbour board issued"), or a single
/// body or person noun ("council").
fn noun_phrase_end(unled: &str) -> Option<usize> {
    let words = words(unled);
    let first = words.first()?;
    // "the council", "the farmer", "the minister".
    if PERSON_NOUNS.contains(&first.lower)
        || BODY_HEADS.contains(&first.lower)
        || titles::is_exact_title_word(&first.lower)
    {
        return Some(first.range.end);
    }
    let verb = words
        .iter()
        .position(|w| ISSUING_VERBS.contains(&w.lower))
        .filter(|&at| (1..=SUBJECT_NOUN_WORDS).contains(&at))?;
    let phrase = &words[..verb];
    phrase
        .iter()
        .all(|w| unled[w.range.clone()].starts_with(char::is_lowercase))
        .then(|| phrase[phrase.len() - 1].range.end)
}

/// "But as Jane Grieve reports, big crowds are expected.": a broadcast's
/// lead-in to a report that follows, the verb with no object. "CNN
/// reported that the port would close" tells what a story said instead,
/// and the quotation after it is usually someone else's.
pub(super) fn report_lead_in(outside: &str) -> Option<Cue> {
    let words = words(outside);
    let verb = words.iter().position(|w| {
        is_report_verb(w)
            && outside[w.range.end..]
                .trim_start()
                .chars()
                .next()
                .is_none_or(|c| matches!(c, ',' | '.' | ';'))
    })?;
    let before = &outside[..words[verb].range.start];
    // "as Jane Grieve reports": the words between "as" and the verb name
    // one person.
    let lead = words[..verb].iter().rposition(|w| w.lower == "as")?;
    let speaker = person_before(&before[words[lead].range.end..])?;
    (speaker.kind == SpeakerKind::Name).then(|| Cue {
        text: words[verb].lower.clone(),
        speaker,
    })
}

/// "reports" or "reported": an outlet's or a reporter's story, not a
/// remark (see [`report_lead_in`] and [`story_report`]).
fn is_report_verb(word: &Word) -> bool {
    matches!(word.lower.as_str(), "reports" | "reported")
}

/// "CNN reported that night that …": a story that the sentence's subject
/// reported, told as the sentence opens. Only an excerpt of the story (a
/// quotation over several paragraphs) goes on with it: after one quote
/// paragraph, the words are usually someone the story quoted.
pub(super) fn story_report(outside: &str) -> Option<Cue> {
    let (speaker, subject_end) = clause_subject(outside.trim_start())?;
    let offset = outside.len() - outside.trim_start().len();
    let rest = &outside[offset + subject_end..];
    let words = words(rest);
    // "CNN reported", "CNN also reported".
    let verb = words.iter().take(2).position(is_report_verb)?;
    (speaker.kind == SpeakerKind::Name).then(|| Cue {
        text: words[verb].lower.clone(),
        speaker,
    })
}

/// "Clinton, clearly frustrated, responded by pointing a finger, saying the
/// campaign was lying": a participle of speech after a comma reports the
/// speech of the sentence's subject.
pub(super) fn participle_report(outside: &str) -> Option<Cue> {
    let lowered = outside.to_ascii_lowercase();
    let words = words(&lowered);
    let participle = words.iter().find(|w| {
        SPEECH_PARTICIPLES.contains(w.lower.as_str())
            && lowered[..w.range.start].trim_end().ends_with(',')
    })?;
    let (speaker, _) = clause_subject(outside.trim_start())?;
    Some(Cue {
        text: participle.lower.clone(),
        speaker,
    })
}

/// The subject a clause opens with: a name ("the DNC", "Howard"), a
/// pronoun, or a body or person noun after "the" ("the council").
pub(super) fn clause_subject(clause: &str) -> Option<(Speaker, usize)> {
    let unled = clause
        .strip_prefix("the ")
        .or_else(|| clause.strip_prefix("The "))
        .unwrap_or(clause);
    let led = clause.len() - unled.len();
    let first = words(unled).into_iter().next()?;
    let written = &unled[first.range.clone()];
    let (text, kind, end) =
        if written.starts_with(char::is_uppercase) && !SUBJECT_PRONOUNS.contains(&first.lower) {
            let mention = name_mentions(unled, 0..unled.len()).into_iter().next()?;
            // "Critics seized on …": an everyday word opening the sentence.
            let everyday = mention.words.len() == 1 && lexicon::lookup(written).is_english_word();
            if mention.range.start != 0 || (led == 0 && everyday) {
                return None;
            }
            let end = led + mention.range.end;
            (mention.spelling(unled), SpeakerKind::Name, end)
        } else if SUBJECT_PRONOUNS.contains(&first.lower) {
            (
                written.to_string(),
                SpeakerKind::Pronoun,
                led + first.range.end,
            )
        } else if let Some(end) = (led > 0).then(|| noun_phrase_end(unled)).flatten() {
            let end = led + end;
            (clause[..end].to_string(), SpeakerKind::NounPhrase, end)
        } else {
            return None;
        };
    let speaker = Speaker {
        text,
        kind,
        refers_to: None,
    };
    Some((speaker, end))
}

/// The owner of the speech noun at `index`: a possessive within a few words
/// before it (an adjective may stand between: "her opening statement").
fn owner_before<'w>(outside: &str, words: &'w [Word], index: usize) -> Option<&'w Word> {
    words[index.saturating_sub(3)..index]
        .iter()
        .rev()
        .find(|w| POSSESSIVE_PRONOUNS.contains(w.lower.as_str()) || is_possessive(outside, w))
}

fn owner_speaker(outside: &str, owner: &Word) -> Speaker {
    let text = owner_text(outside, owner);
    let kind = if POSSESSIVE_PRONOUNS.contains(owner.lower.as_str()) {
        SpeakerKind::Pronoun
    } else if text.chars().next().is_some_and(char::is_uppercase) {
        SpeakerKind::Name
    } else {
        SpeakerKind::NounPhrase
    };
    Speaker {
        text,
        kind,
        refers_to: None,
    }
}

/// The owner as written, without its possessive ending.
fn owner_text(outside: &str, owner: &Word) -> String {
    let text = &outside[owner.range.clone()];
    text.strip_suffix("'s")
        .or_else(|| text.strip_suffix("’s"))
        .unwrap_or(text)
        .to_string()
}

fn is_possessive(outside: &str, word: &Word) -> bool {
    let text = &outside[word.range.clone()];
    (text.ends_with("'s") || text.ends_with("’s")) && text.len() > 3
}

/// "Ruiz: “We will not close the port.”", "Senator Ortiz, on Twitter: “…”".
fn colon_cue(outside: &str, words: &[Word], quote: &Range<usize>) -> Option<Cue> {
    let before = outside.get(..quote.start)?.trim_end();
    let lead = before.strip_suffix(':')?;
    let colon = lead.len()..lead.len();
    let speaker = speaker_within(outside, words, colon, quote, LEAD_IN_WORDS)?;
    Some(Cue {
        text: ":".to_string(),
        speaker,
    })
}

/// "what was called “…”", "the text was described as “…”": a cue verb in
/// the passive with no "by …" names nobody. "is telling" is no passive, nor
/// is "was “…,” said Ruiz", where a quotation stood between the two.
fn is_agentless_passive(outside: &str, words: &[Word], index: usize) -> bool {
    let verb = &words[index];
    let passive = index.checked_sub(1).is_some_and(|i| {
        let gap = &outside[words[i].range.end..verb.range.start];
        PASSIVE_AUXILIARIES.contains(words[i].lower.as_str())
            && gap.len() <= 2
            && gap.trim().is_empty()
    });
    passive
        && !verb.lower.ends_with("ing")
        && !words[index + 1..].iter().take(3).any(|w| w.lower == "by")
}

/// Whether `range` of `text` is whole words: no letter or digit joins it
/// on either side.
fn stands_alone(text: &str, range: Range<usize>) -> bool {
    let before_ok = text[..range.start]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric());
    let after_ok = text[range.end..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric());
    before_ok && after_ok
}
