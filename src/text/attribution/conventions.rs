//! The news conventions that tie a quotation with no cue of its own to a
//! speaker named in a neighbouring sentence: the cue just after it, a
//! lead-in ending in a colon, a sentence of indirect speech just before it,
//! an earlier quotation of the same paragraph, the previous paragraph's
//! speaker, and the continuation of a multi-paragraph quotation.

use std::ops::Range;

use super::cues::{Cue, Cues, LEAD_IN_WORDS, find_cue};
use super::speakers::{person_before, speaker_within};
use super::text::{Place, blank_quotations, is_quotes_only, words};
use super::{Link, QuoteRecord};
use crate::document::{BlockKind, Document};
use crate::lang::speech::BACK_POINTERS;
use crate::text::quotes::{Quotation, QuoteScan, word_count};

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
    if around
        .after(quotation)
        .is_none_or(|after| has_words(&after))
    {
        return None;
    }
    let (next, new_paragraph) = around.next_sentence()?;
    let outside = around.outside(&next);
    let opening = words(&outside);
    if new_paragraph {
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
    if same_paragraph.is_some() {
        return;
    }
    let block = &around.doc.blocks()[quotation.block];
    if !is_quotes_only(prose, &block.range, &around.scan.quotations) {
        return;
    }
    let previous_block = earlier
        .iter()
        .rev()
        .find(|r| r.quotation.block + 1 == quotation.block);
    if let Some(previous) = previous_block.filter(|r| r.is_attributed()) {
        record.speaker = previous.speaker.clone();
        record.link = Some(Link::FollowingParagraph);
    }
}
