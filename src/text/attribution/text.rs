//! The reporter's own words around a quotation: sentences by index, and
//! text with the quotations blanked out.

use std::ops::Range;

use crate::text::words::WordBoundaries;

use crate::document::Document;
use crate::lang::speech::FIRST_PERSON_WORDS;
use crate::text::quotes::Quotation;

/// A word of the reporter's text, lower-cased, with its byte range.
pub(super) struct Word {
    pub lower: String,
    pub range: Range<usize>,
}

pub(super) fn words(text: &str) -> Vec<Word> {
    text.word_indices()
        .map(|(i, w)| Word {
            lower: w.to_lowercase(),
            range: i..i + w.len(),
        })
        .collect()
}

/// Whether a lower-cased word speaks in the first person ("we", "we've",
/// "my").
pub(super) fn is_first_person(lower: &str) -> bool {
    let head = lower.split(['\'', '’']).next().unwrap_or("");
    FIRST_PERSON_WORDS.contains(head)
}

/// How much of the reporter's text on each side of a quotation is read.
/// Cues and speakers stand close to it, and the bound keeps analysis linear
/// on a pathological paragraph (thousands of quotations in one sentence).
const WINDOW: usize = 480;

/// Where a quotation sits: its block and the indices of the first and last
/// sentences it touches.
#[derive(Debug, Clone)]
pub(super) struct Place {
    pub block: usize,
    pub first: usize,
    pub last: usize,
    /// The bytes around the quotation that are read at all.
    reach: Range<usize>,
}

impl Place {
    pub(super) fn of(doc: &Document, quotation: &Quotation) -> Option<Place> {
        let sentences = &doc.blocks()[quotation.block].sentences;
        // Sentences are in order: the first that ends after the quotation
        // starts, then those that begin before it ends.
        let first = sentences.partition_point(|s| s.end <= quotation.range.start);
        let count = sentences[first..].partition_point(|s| s.start < quotation.range.end);
        (count > 0).then(|| Place {
            block: quotation.block,
            first,
            last: first + count - 1,
            reach: quotation.range.start.saturating_sub(WINDOW)..quotation.range.end + WINDOW,
        })
    }

    /// The byte range of the sentences the quotation touches, within reach.
    pub(super) fn range(&self, doc: &Document) -> Range<usize> {
        let sentences = &doc.blocks()[self.block].sentences;
        self.within_reach(
            doc.prose(),
            sentences[self.first].start..sentences[self.last].end,
        )
    }

    /// `range` cut to the bytes around the quotation that are read, on
    /// character boundaries.
    pub(super) fn within_reach(&self, prose: &str, range: Range<usize>) -> Range<usize> {
        let mut start = range.start.max(self.reach.start).min(prose.len());
        while !prose.is_char_boundary(start) {
            start += 1;
        }
        let mut end = range.end.min(self.reach.end).min(prose.len()).max(start);
        while !prose.is_char_boundary(end) {
            end -= 1;
        }
        start..end.max(start)
    }
}

/// The text of `range` with every quotation in it blanked, same length, so
/// cues and speakers are looked for only in the reporter's own words.
/// `quotations` are in document order, so only those near it are visited.
pub(super) fn blank_quotations(
    prose: &str,
    range: &Range<usize>,
    quotations: &[Quotation],
) -> String {
    let mut bytes = prose.get(range.clone()).unwrap_or("").as_bytes().to_vec();
    let first = quotations.partition_point(|q| q.range.end <= range.start);
    for q in quotations[first..]
        .iter()
        .take_while(|q| q.range.start < range.end)
    {
        let start = q.range.start.max(range.start);
        let end = q.range.end.min(range.end);
        if start < end {
            bytes[start - range.start..end - range.start].fill(b' ');
        }
    }
    // Blanking whole quotations (whole characters) keeps the text valid.
    String::from_utf8(bytes).unwrap_or_default()
}

/// No words of the reporter's own in `range`: only quotations and marks.
pub(super) fn is_quotes_only(prose: &str, range: &Range<usize>, quotations: &[Quotation]) -> bool {
    !blank_quotations(prose, range, quotations)
        .chars()
        .any(char::is_alphanumeric)
}
