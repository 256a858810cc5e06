//! The news conventions that tie a quotation with no cue of its own to a
//! speaker named in a neighbouring sentence: the cue just after it, a
//! lead-in ending in a colon, a sentence of indirect speech just before it,
//! an earlier quotation of the same paragraph, the previous paragraph's
//! speaker (quoted or reported), and the continuation of a multi-paragraph
//! quotation.

use std::ops::Range;

use super::cues::{
    Cue, Cues, LEAD_IN_WORDS, clause_subject, find_cue, find_reporting_cue, participle_report,
    report_lead_in, speech_noun_report, story_report,
};
use super::speakers::{
    SUBJECT_PRONOUNS, Speaker, SpeakerKind, names_a_person, person_before, person_opening,
    speaker_within,
};
use super::text::{Place, Word, blank_quotations, is_first_person, is_quotes_only, words};
use super::{Link, QuoteRecord};
use crate::document::{BlockKind, Document};
use crate::lang::speech::{
    BACK_POINTERS, BODY_HEADS, COPULAS, SEVERAL_SPEAKERS, SOURCE_NOUNS, STANCE_WORDS,
    SUBJECT_PREPOSITIONS, is_person_noun,
};
use crate::lang::titles::is_title_before_name;
use crate::text::quotes::{Quotation, QuoteScan, is_alone_in_paragraph, word_count};

/// How far into the next sentence its cue may stand.
const CUE_AFTER_WORDS: usize = 16;

/// What the conventions see around one quotation.
pub(super) struct Surroundings<'a> {
    pub doc: &'a Document,
    pub scan: &'a QuoteScan,
    pub cues: &'a Cues,
    pub place: Option<Place>,
}

impl Surroundings<'_> {
    /// A sentence's text with quotations blanked.
    fn outside(&self, range: &Range<usize>) -> String {
        blank_quotations(self.doc.prose(), range, &self.scan.quotations)
    }

    /// The sentence after the quotation's last one: in its paragraph, or
    /// the first of the next paragraph; within reach.
    fn next_sentence(&self) -> Option<(Range<usize>, bool)> {
        let place = self.place.as_ref()?;
        let blocks = self.doc.blocks();
        let sentences = &blocks[place.block].sentences;
        let (next, new_paragraph) = match sentences.get(place.last + 1) {
            Some(next) => (next.clone(), false),
            None => {
                let next_block = blocks.get(place.block + 1).filter(|b| is_body(b.kind))?;
                (next_block.sentences.first()?.clone(), true)
            }
        };
        let start = next.start;
        Some((place.within_reach(self.doc.prose(), next), new_paragraph))
            .filter(|(r, _)| r.start == start)
    }

    /// The sentence before the quotation's first one: in its paragraph, or
    /// the last of the previous paragraph; within reach.
    fn previous_sentence(&self) -> Option<Range<usize>> {
        let place = self.place.as_ref()?;
        let blocks = self.doc.blocks();
        let previous = if place.first > 0 {
            blocks[place.block].sentences.get(place.first - 1).cloned()
        } else {
            let block = blocks.get(place.block.checked_sub(1)?)?;
            is_body(block.kind)
                .then(|| block.sentences.last().cloned())
                .flatten()
        }?;
        let end = previous.end;
        Some(place.within_reach(self.doc.prose(), previous)).filter(|r| r.end == end)
    }

    /// The quotation's sentence, within reach.
    fn sentence(&self) -> Option<Range<usize>> {
        let place = self.place.as_ref()?;
        Some(place.range(self.doc))
    }

    /// The reporter's words in the quotation's sentence before it.
    fn before(&self, quotation: &Quotation) -> Option<String> {
        let sentence = self.sentence()?;
        Some(self.outside(&(sentence.start..quotation.range.start.max(sentence.start))))
    }

    /// The reporter's words in the quotation's sentence after it.
    fn after(&self, quotation: &Quotation) -> Option<String> {
        let sentence = self.sentence()?;
        Some(self.outside(&(quotation.range.end.min(sentence.end)..sentence.end)))
    }
}

fn has_words(text: &str) -> bool {
    text.chars().any(char::is_alphanumeric)
}

fn is_body(kind: BlockKind) -> bool {
    matches!(kind, BlockKind::Paragraph | BlockKind::ListItem)
}

/// "“Where were you?” Okafor asked." and "“…” That was how Ruiz put it.":
/// the cue opens the next sentence of the paragraph, or the next paragraph
/// when that one points back at the quotation.
pub(super) fn cue_after(around: &Surroundings, quotation: &Quotation) -> Option<Cue> {
    let after = around.after(quotation)?;
    if has_words(&after) {
        return split_tag(around, &after);
    }
    let (next, new_paragraph) = around.next_sentence()?;
    let outside = around.outside(&next);
    let opening = words(&outside);
    // "“…,”" ends on a comma: its tag follows, even where a paragraph break
    // has split the sentence ("Zeilinger says." on a line of its own).
    let tag_follows = around
        .doc
        .prose()
        .get(quotation.inner.clone())
        .is_some_and(|inner| inner.trim_end().ends_with(','));
    if new_paragraph && !tag_follows {
        let own_paragraph = &around.doc.blocks()[quotation.block].range;
        let points_back = opening
            .first()
            .is_some_and(|w| BACK_POINTERS.contains(w.lower.as_str()));
        if !points_back
            || !is_quotes_only(around.doc.prose(), own_paragraph, &around.scan.quotations)
        {
            return None;
        }
    }
    // Only the opening words count: a cue deep in the next sentence
    // reports other words.
    let window_end = opening
        .get(CUE_AFTER_WORDS - 1)
        .or(opening.last())?
        .range
        .end;
    let window = outside.get(..window_end)?;
    find_cue(window, around.cues, &(window.len()..window.len()))
}

/// "“…,” says" closing a paragraph and "Professor Nikos Ruiz of the
/// University of Minnesota." opening the next: a tag a stray break split.
fn split_tag(around: &Surroundings, after: &str) -> Option<Cue> {
    if words(after).len() != 1 {
        return None;
    }
    let (next, new_paragraph) = around.next_sentence()?;
    if !new_paragraph {
        return None;
    }
    let joined = format!("{} {}", after.trim(), around.outside(&next));
    find_cue(&joined, around.cues, &(0..0))
}

/// The conventions that carry a speaker to a quotation with no cue of its
/// own, tried in order.
pub(super) fn inherit(
    record: &mut QuoteRecord,
    earlier: &[QuoteRecord],
    around: &Surroundings,
    short_quote_words: usize,
) {
    let quotation = &record.quotation;
    let prose = around.doc.prose();
    if quotation.continues_previous {
        if let Some(previous) = earlier.iter().rev().find(|r| r.quotation.continues_next)
            && previous.is_attributed()
        {
            record.speaker = previous.speaker.clone();
            record.link = Some(Link::ContinuedQuotation);
        }
        return;
    }
    if word_count(prose.get(quotation.inner.clone()).unwrap_or("")) <= short_quote_words {
        return; // a short phrase later on is a scare quote, not more speech
    }
    // Records are in document order, so one of this paragraph is the last.
    let same_paragraph = earlier
        .last()
        .filter(|r| r.quotation.block == quotation.block);
    if let Some(previous) = same_paragraph.filter(|r| r.is_attributed()) {
        record.speaker = previous.speaker.clone();
        record.link = Some(Link::SameParagraph);
        return;
    }
    let before = around.before(quotation);
    let opens = before.as_deref().is_some_and(|b| !has_words(b));
    if let Some(previous) = around.previous_sentence() {
        let outside = around.outside(&previous);
        let end = outside.len()..outside.len();
        if let Some(lead) = outside.trim_end().strip_suffix(':').filter(|_| opens) {
            // "Cruz called them on it:" then the quotation.
            let words = words(&outside);
            if let Some(speaker) = speaker_within(
                &outside,
                &words,
                lead.len()..lead.len(),
                &end,
                LEAD_IN_WORDS,
            ) {
                record.speaker = Some(speaker);
                record.link = Some(Link::LeadIn);
                return;
            }
        }
        // Indirect speech carries its speaker only within the paragraph: a
        // new paragraph of quotation needs a cue of its own.
        let same_block = around.place.as_ref().is_some_and(|p| p.first > 0);
        if same_block && let Some(cue) = find_cue(&outside, around.cues, &end) {
            record.speaker = Some(cue.speaker);
            record.link = Some(Link::IndirectSpeech(cue.text));
            return;
        }
    }
    if let Some(speaker) = before.as_deref().filter(|_| !opens).and_then(person_before) {
        record.speaker = Some(speaker);
        record.link = Some(Link::PartialQuote);
        return;
    }
    if let Some(speaker) = before
        .as_deref()
        .filter(|_| !opens)
        .and_then(|b| source_subject(b, around.cues))
    {
        record.speaker = Some(speaker);
        record.link = Some(Link::PartialQuote);
        return;
    }
    // Asked before the paragraph's names are weighed: the question's
    // person is usually named in it.
    if let Some(speaker) = opens.then(|| question_before(around, quotation)).flatten() {
        record.speaker = Some(speaker);
        record.link = Some(Link::SubjectBefore);
        return;
    }
    if same_paragraph.is_some() {
        return;
    }
    // A paragraph of the reporter's words around the quotation goes on with
    // the previous paragraph's speaker when it names nobody else: after
    // "…,” Burnham says." the paragraph "The head might even “switch to
    // sympathetic mode”." is still his.
    let block = &around.doc.blocks()[quotation.block];
    if !is_quotes_only(prose, &block.range, &around.scan.quotations)
        && names_a_person(&around.outside(&block.range))
    {
        return;
    }
    let previous_block = earlier
        .iter()
        .rev()
        .find(|r| r.quotation.block + 1 == quotation.block);
    let previous_speaker = previous_block.filter(|r| r.is_attributed());
    // The one asked answers, not the one asking. With nobody named as
    // asked, the question may be the speaker's own ("So how do you get
    // there?" Hahn asks.) and the paragraph theirs.
    if let Some(speaker) = previous_speaker
        .filter(|r| is_question(prose, r))
        .and_then(|question| addressee(around, question))
    {
        record.speaker = Some(speaker);
        record.link = Some(Link::Answer);
        return;
    }
    // The speaker must still be speaking where the paragraph ends: after
    // "Manafort called it “absurd.” His supporters shrugged." the next
    // quotation is not Manafort's.
    let speaking = previous_speaker.filter(|r| still_speaking(around, r));
    if let Some(previous) = speaking {
        record.speaker = previous.speaker.clone();
        record.link = Some(Link::FollowingParagraph);
        return;
    }
    // "She pauses." or the crowd's "No!" between two paragraphs of one
    // speaker's words.
    let beat = match previous_block {
        None => is_beat(around, quotation.block.checked_sub(1)),
        Some(previous) => is_interjection(around, previous, short_quote_words),
    };
    if beat
        && let Some(previous) = earlier
            .iter()
            .rev()
            .find(|r| r.quotation.block + 2 == quotation.block)
            .filter(|r| r.is_attributed())
    {
        record.speaker = previous.speaker.clone();
        record.link = Some(Link::FollowingParagraph);
        return;
    }
    if speaking.is_some() {
        return;
    }
    if let Some(cue) = reported_before(around, quotation.block, quotation.continues_next) {
        record.speaker = Some(cue.speaker);
        record.link = Some(Link::ReportedBefore(cue.text));
    } else if let Some(speaker) = opens.then(|| subject_before(around, quotation)).flatten() {
        record.speaker = Some(speaker);
        record.link = Some(Link::SubjectBefore);
    }
}

/// Whether a quotation speaks in the first person ("we have done", "my
/// mom says"): a person, or their group, is talking.
fn speaks_in_first_person(around: &Surroundings, quotation: &Quotation) -> bool {
    let inner = around
        .doc
        .prose()
        .get(quotation.inner.clone())
        .unwrap_or("");
    words(inner).iter().any(|w| is_first_person(&w.lower))
}

/// How far into the writer's question its person may stand ("Why was he
/// out in the heat?").
const QUESTION_PERSON_WORDS: usize = 5;

/// "Why was he out in the heat? “My mom says I have to save up.”": the
/// writer's question about one person, answered in the first person, is
/// answered by them.
fn question_before(around: &Surroundings, quotation: &Quotation) -> Option<Speaker> {
    if !speaks_in_first_person(around, quotation) {
        return None;
    }
    let outside = around.outside(&around.previous_sentence()?);
    let question = outside.trim();
    if !question.ends_with('?') {
        return None;
    }
    let pronoun = words(question)
        .into_iter()
        .take(QUESTION_PERSON_WORDS)
        .map(|w| Speaker {
            text: question[w.range].to_string(),
            kind: SpeakerKind::Pronoun,
            refers_to: None,
        })
        .find(Speaker::is_personal_pronoun);
    if pronoun.is_some() {
        return pronoun;
    }
    person_opening(question, QUESTION_PERSON_WORDS).map(|name| Speaker {
        text: name,
        kind: SpeakerKind::Name,
        refers_to: None,
    })
}

/// "Dr Ana Ruiz is confident the trial will work." then the paragraph
/// "“This is work we have done with two universities.”": a quotation in
/// the first person opening the paragraph after one that ends on one
/// person's view is theirs, as broadcast copy introduces a speaker before
/// their words. What someone did ("Ruiz lost the vote.") is no such
/// introduction: the quote after it is as often about them.
fn subject_before(around: &Surroundings, quotation: &Quotation) -> Option<Speaker> {
    let previous = around.doc.blocks().get(quotation.block.checked_sub(1)?)?;
    if !speaks_in_first_person(around, quotation) || !is_body(previous.kind) {
        return None;
    }
    let outside = around.outside(previous.sentences.last()?);
    let clause = outside.trim_start();
    let (speaker, end) = clause_subject(clause)?;
    let one_person = match speaker.kind {
        SpeakerKind::Name => names_a_person(&speaker.text),
        SpeakerKind::Pronoun => speaker.is_personal_pronoun(),
        SpeakerKind::NounPhrase => false,
    };
    (one_person && states_a_view(clause.get(end..)?)).then_some(speaker)
}

/// How far after its subject the verb of a view may stand ("Dr Ana Ruiz
/// from the Department of Primary Industries is confident …").
const VIEW_VERB_WORDS: usize = 10;

/// "is confident of success", "points to the figures", "fears the worst":
/// the clause's first verb after its subject says what they think.
fn states_a_view(predicate: &str) -> bool {
    let words = words(predicate);
    let reach = &words[..words.len().min(VIEW_VERB_WORDS)];
    let Some(verb) = reach
        .iter()
        .position(|w| COPULAS.contains(&w.lower) || STANCE_WORDS.contains(&w.lower))
    else {
        return false;
    };
    // A comma before the verb ends the clause: "Ruiz, who fears …" is
    // about Ruiz, but "Ruiz lost, and rivals are confident" is not.
    let clause_ends = predicate[..words[verb].range.start].contains([',', ';']);
    let view = match COPULAS.contains(&words[verb].lower) {
        true => words
            .get(verb + 1)
            .is_some_and(|w| STANCE_WORDS.contains(&w.lower)),
        false => true,
    };
    view && !clause_ends
}

/// How far into its sentence the subject's head may stand ("But the new
/// report forecast …").
const SOURCE_SUBJECT_WORDS: usize = 4;

/// A partial quotation in a sentence whose subject is a document, a study
/// or a group: "The experiments showed that “…”", "The scientists rate the
/// site “…”". The subject is its source.
fn source_subject(before: &str, cues: &Cues) -> Option<Speaker> {
    let words = words(before);
    let is_source = |w: &Word| {
        SOURCE_NOUNS.contains(&w.lower)
            || cues.is_speech_noun(&w.lower)
            || is_person_noun(&w.lower)
            || BODY_HEADS.contains(&w.lower)
    };
    let at = words
        .iter()
        .take(SOURCE_SUBJECT_WORDS)
        .position(is_source)?;
    let head = &words[at];
    // "The plan was “a list of demands”": what the subject is called, not
    // what it says.
    if words
        .get(at + 1)
        .is_some_and(|verb| COPULAS.contains(&verb.lower))
    {
        return None;
    }
    Some(Speaker {
        text: before
            .get(words.first()?.range.start..head.range.end)?
            .to_string(),
        kind: SpeakerKind::NounPhrase,
        refers_to: None,
    })
}

/// Verbs that put a question ("“With nukes?” Wallace asked.").
const ASKING: [&str; 3] = ["asked", "asks", "ask"];

/// A question put with "asked": the quote paragraph after it is the answer.
fn is_question(prose: &str, record: &QuoteRecord) -> bool {
    let cue = match &record.link {
        Some(Link::Cue(cue) | Link::CueAfter(cue)) => cue,
        _ => return false,
    };
    ASKING.contains(&cue.as_str())
        && prose
            .get(record.quotation.inner.clone())
            .is_some_and(|inner| inner.trim_end().ends_with('?'))
}

/// The person a question is put to, named right after its verb ("Boyle
/// asked Trump", "asked Senator Ana Ruiz"), titles left out.
fn addressee(around: &Surroundings, question: &QuoteRecord) -> Option<Speaker> {
    let place = Place::of(around.doc, &question.quotation)?;
    let sentences = &around.doc.blocks()[place.block].sentences;
    // The cue stands in the question's sentence or opens the next one.
    let last = sentences
        .get(place.last + 1)
        .unwrap_or(&sentences[place.last]);
    let outside = around.outside(&(sentences[place.first].start..last.end));
    let words = words(&outside);
    let verb = words
        .iter()
        .position(|w| ASKING.contains(&w.lower.as_str()))?;
    let is_capitalised = |w: &&Word| outside[w.range.clone()].starts_with(char::is_uppercase);
    let name: Vec<&Word> = words[verb + 1..]
        .iter()
        .skip_while(|w| is_capitalised(w) && is_title_before_name(&outside[w.range.clone()]))
        .take_while(is_capitalised)
        .collect();
    let (first, last) = (name.first()?, name.last()?);
    // Only spaces between the words: "asked Trump. The" is one name.
    let text = outside.get(first.range.start..last.range.end)?;
    (!text.contains(['.', ',', ';', ':'])).then(|| Speaker {
        text: text.to_string(),
        kind: SpeakerKind::Name,
        refers_to: None,
    })
}

/// How far into a sentence its subject may stand ("Later, Trump's
/// supporters …").
const SUBJECT_WORDS: usize = 3;

/// Whether a paragraph's speaker is still the one speaking where it ends:
/// no sentence after its last quotation opens with another person. After
/// "Manafort called it “absurd.” Trump's supporters shrugged." the next
/// quotation is not Manafort's; after "“…,” he says. It was never
/// tested." it still is.
fn still_speaking(around: &Surroundings, record: &QuoteRecord) -> bool {
    let Some(place) = Place::of(around.doc, &record.quotation) else {
        return false;
    };
    let speaker = record.speaker.as_ref();
    let speaker_words: Vec<String> = speaker
        .map(|s| format!("{} {}", s.text, s.refers_to.as_deref().unwrap_or("")))
        .unwrap_or_default()
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    around.doc.blocks()[place.block].sentences[place.last + 1..]
        .iter()
        .all(|sentence| {
            person_opening(&around.outside(sentence), SUBJECT_WORDS).is_none_or(|person| {
                person
                    .split_whitespace()
                    .any(|w| speaker_words.contains(&w.to_lowercase()))
            })
        })
}

/// A paragraph of a few words and no quotation between two paragraphs of
/// speech: an action beat ("She pauses.", "Pause.").
fn is_beat(around: &Surroundings, block: Option<usize>) -> bool {
    const MAX_BEAT_WORDS: usize = 4;
    let Some((index, paragraph)) = block.and_then(|b| Some((b, around.doc.blocks().get(b)?)))
    else {
        return false;
    };
    let text = around
        .doc
        .prose()
        .get(paragraph.range.clone())
        .unwrap_or("");
    let words = words(text);
    // "Pause." or a person doing something ("She sighs."); "Young
    // entrepreneur." and "– Country less safe –" are subheadings.
    let is_action = words.len() == 1
        || words
            .first()
            .is_some_and(|w| SUBJECT_PRONOUNS.contains(&w.lower));
    is_body(paragraph.kind)
        && paragraph.sentences.len() == 1
        && (1..=MAX_BEAT_WORDS).contains(&words.len())
        && is_action
        && !text.trim_start().starts_with(['–', '—', '-'])
        && !around.scan.quotations.iter().any(|q| q.block == index)
}

/// A paragraph that is only a short quotation with no speaker of its own
/// (a crowd's "Nooooo!", an aide's "Yes."): someone else's interjection.
fn is_interjection(around: &Surroundings, record: &QuoteRecord, short_quote_words: usize) -> bool {
    let inner = around.doc.prose().get(record.quotation.inner.clone());
    !record.is_attributed()
        && word_count(inner.unwrap_or("")) <= short_quote_words
        && is_alone_in_paragraph(around.doc, &record.quotation)
}

/// "Committee chair Ana Ruiz says the rules are outdated." then the
/// paragraph "“We will rewrite them.”": the previous paragraph reports the
/// speech of one speaker, and the quote paragraph is theirs. Two speakers
/// or more ("the two unions said", "Ruiz and Okafor said") or a group
/// ("officials said") leave it open, as does a paragraph with quotations of
/// its own (their speakers decide).
fn reported_before(around: &Surroundings, block: usize, excerpt: bool) -> Option<Cue> {
    let blocks = around.doc.blocks();
    let previous = blocks.get(block.checked_sub(1)?)?;
    if !is_body(previous.kind) {
        return None;
    }
    let mut found: Option<Cue> = None;
    // "(The law requires …)" at the end: the writer's aside, in one
    // sentence or several, ends no one's turn.
    let outside: Vec<String> = previous
        .sentences
        .iter()
        .map(|s| around.outside(s))
        .collect();
    let aside = outside.last().is_some_and(|s| closes_aside(s)).then(|| {
        outside
            .iter()
            .rposition(|s| s.trim_start().starts_with('('))
            .filter(|&at| at > 0)
    });
    let sentences = &outside[..aside.flatten().unwrap_or(outside.len())];
    let last = sentences.len().checked_sub(1)?;
    for (index, outside) in sentences.iter().enumerate() {
        let cue = find_reporting_cue(outside)
            .or_else(|| asked(outside))
            .or_else(|| speech_noun_report(outside, around.cues))
            .or_else(|| participle_report(outside))
            .or_else(|| report_lead_in(outside))
            .or_else(|| excerpt.then(|| story_report(outside)).flatten());
        // The speaker must still be speaking where the paragraph ends.
        let Some(cue) = cue else {
            if index == last {
                return None;
            }
            continue;
        };
        if !is_one_speaker(&cue.speaker) || has_several_subjects(outside, &cue) {
            return None;
        }
        match &found {
            None => found = Some(cue),
            // "She says …" after "Ruiz says …": the pronoun is Ruiz.
            Some(first) if same_speaker(&first.speaker, &cue.speaker) => {}
            Some(_) => return None,
        }
    }
    found
}

/// Whether a sentence ends a parenthesis: the writer's explanation, set
/// apart.
fn closes_aside(sentence: &str) -> bool {
    sentence.trim_end().trim_end_matches('.').ends_with(')')
}

/// "Kravitz was asked why he stayed.": the one asked answers next.
fn asked(outside: &str) -> Option<Cue> {
    let words = words(outside);
    let at = words
        .windows(2)
        .position(|w| matches!(w[0].lower.as_str(), "was" | "were") && w[1].lower == "asked")?;
    let speaker = person_before(outside.get(..words[at].range.start)?)?;
    Some(Cue {
        text: "was asked".to_string(),
        speaker,
    })
}

/// A single person or body, not several ("they", "the two unions",
/// "Ruiz and Okafor", "officials").
fn is_one_speaker(speaker: &Speaker) -> bool {
    let text = speaker.text.to_lowercase();
    let words: Vec<&str> = text.split_whitespace().collect();
    let several = words.iter().any(|w| SEVERAL_SPEAKERS.contains(w));
    let group = speaker.kind == SpeakerKind::NounPhrase
        && words
            .last()
            .is_some_and(|head| head.ends_with('s') && !head.ends_with("ss"));
    !several && !group
}

/// "Ana Ruiz and Tomas Reyes said", "officials from both shires said",
/// "…, the growers say": the words that name who speaks (before the cue back
/// to a comma, or else after it up to one) name several.
fn has_several_subjects(outside: &str, cue: &Cue) -> bool {
    let lowered = outside.to_ascii_lowercase();
    let words = words(&lowered);
    let Some(at) = words.iter().position(|w| w.lower == cue.text) else {
        return false;
    };
    let before = &lowered[..words[at].range.start];
    // After the mark, whatever its width ("—" is three bytes).
    let clause_start = before.rfind([',', ';', '—']).map_or(0, |i| {
        i + before[i..].chars().next().map_or(1, char::len_utf8)
    });
    let subject = if lowered[clause_start..words[at].range.start]
        .chars()
        .any(char::is_alphanumeric)
    {
        clause_start..words[at].range.start
    } else {
        let after = words[at].range.end;
        let end = lowered[after..]
            .find([',', ';', '—', '.'])
            .map_or(lowered.len(), |i| after + i);
        after..end
    };
    let subject_words: Vec<&Word> = words
        .iter()
        .filter(|w| w.range.start >= subject.start && w.range.end <= subject.end)
        .collect();
    let capitalised = |w: &Word| outside[w.range.clone()].starts_with(char::is_uppercase);
    subject_words.iter().enumerate().any(|(i, w)| {
        if !SEVERAL_SPEAKERS.contains(&w.lower) {
            return false;
        }
        // "Vin Delahunty from the Tractor and Machinery Association says":
        // an "and" inside a name after a preposition joins no speakers.
        let in_a_name = w.lower == "and"
            && subject_words[..i]
                .iter()
                .any(|earlier| SUBJECT_PREPOSITIONS.contains(&earlier.lower))
            && i > 0
            && capitalised(subject_words[i - 1])
            && subject_words
                .get(i + 1)
                .is_some_and(|next| capitalised(next));
        // "… runs the ward and says": an "and" right before the verb joins
        // two verbs of one subject.
        let joins_verbs = w.lower == "and" && i + 1 == subject_words.len();
        !in_a_name && !joins_verbs
    })
}

/// Whether two cues of one paragraph name one speaker: the same words, or
/// a personal pronoun after a name.
fn same_speaker(first: &Speaker, later: &Speaker) -> bool {
    first.text.eq_ignore_ascii_case(&later.text)
        || later.is_personal_pronoun()
        || first
            .text
            .split_whitespace()
            .last()
            .is_some_and(|surname| later.text.split_whitespace().last() == Some(surname))
}
