//! A sentence split at its word boundaries once, and read from that one
//! split by every analysis of it (names, quantities, dates, frames), where
//! each used to segment the sentence, or a stretch of it, again.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::ops::Range;

use super::words::{WordBoundaries, is_word, lower_case};

/// A sentence of a document's prose and its segments: words, punctuation
/// and spaces, each with its byte offset in the prose.
#[derive(Debug, Clone)]
pub struct Sentence<'a> {
    pub prose: &'a str,
    pub range: Range<usize>,
    segments: Vec<(usize, &'a str)>,
    /// The segments that are words.
    words: Vec<(usize, &'a str)>,
    /// The words lower-cased, in order, made when first asked for: every
    /// value's frame reads them all.
    lowered: OnceCell<Vec<Cow<'a, str>>>,
}

impl<'a> Sentence<'a> {
    /// Segment `range` of `prose` (no segments if it is not a range of it).
    pub fn new(prose: &'a str, range: Range<usize>) -> Sentence<'a> {
        let segments: Vec<(usize, &str)> = prose
            .get(range.clone())
            .map(|text| {
                text.word_bound_indices()
                    .map(|(at, segment)| (range.start + at, segment))
                    .collect()
            })
            .unwrap_or_default();
        let words = segments
            .iter()
            .copied()
            .filter(|(_, s)| is_word(s))
            .collect();
        Sentence {
            prose,
            range,
            segments,
            words,
            lowered: OnceCell::new(),
        }
    }

    /// Every segment in order.
    pub fn segments(&self) -> &[(usize, &'a str)] {
        &self.segments
    }

    /// The words in order.
    pub fn words(&self) -> &[(usize, &'a str)] {
        &self.words
    }

    /// The words with their lower-case forms.
    pub fn lowered_words(&self) -> impl Iterator<Item = (usize, &'a str, &str)> + '_ {
        let lowered = self
            .lowered
            .get_or_init(|| self.words.iter().map(|(_, w)| lower_case(w)).collect());
        self.words
            .iter()
            .zip(lowered)
            .map(|(&(at, w), lower)| (at, w, lower.as_ref()))
    }

    /// Every segment with its lower-case form: a word's as
    /// [`Sentence::lowered_words`] gives it; spaces and punctuation, with
    /// no letter, as they are.
    pub fn lowered_segments(&self) -> impl Iterator<Item = (usize, &'a str, &str)> + '_ {
        let mut words = self.lowered_words().peekable();
        self.segments.iter().map(move |&(at, segment)| {
            match words.next_if(|&(word_at, _, _)| word_at == at) {
                Some((_, _, lower)) => (at, segment, lower),
                None => (at, segment, segment),
            }
        })
    }

    /// The words of the stretch `range` of the sentence, as segmenting that
    /// stretch alone finds them: whole words inside it, and the part of a
    /// word it cuts, segmented again.
    pub fn words_within(&self, range: Range<usize>) -> Vec<(usize, &'a str)> {
        if range.start >= range.end {
            return Vec::new();
        }
        let first = self
            .segments
            .partition_point(|(at, segment)| at + segment.len() <= range.start);
        let mut found = Vec::new();
        for &(at, segment) in &self.segments[first..] {
            if at >= range.end {
                break;
            }
            let end = at + segment.len();
            if range.start <= at && end <= range.end {
                if is_word(segment) {
                    found.push((at, segment));
                }
                continue;
            }
            let (start, end) = (at.max(range.start), end.min(range.end));
            if let Some(part) = self.prose.get(start..end) {
                found.extend(part.word_indices().map(|(i, w)| (start + i, w)));
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stretch_has_the_words_of_its_text_alone() {
        let prose = "Intro. The plan, cut to 19 points from 28, was US$5bn.";
        let sentence = Sentence::new(prose, 7..prose.len());
        let words: Vec<&str> = sentence.words().iter().map(|(_, w)| *w).collect();
        assert_eq!(words[..3], ["The", "plan", "cut"]);
        for start in 7..prose.len() {
            for end in start..=prose.len() {
                let Some(text) = prose.get(start..end) else {
                    continue;
                };
                let expected: Vec<(usize, &str)> =
                    text.word_indices().map(|(i, w)| (start + i, w)).collect();
                assert_eq!(sentence.words_within(start..end), expected, "{text:?}");
            }
        }
    }
}
