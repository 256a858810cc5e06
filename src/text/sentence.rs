//! A sentence split at its word boundaries once, and read from that one
//! split by every analysis of it (names, quantities, dates, frames), where
//! each used to segment the sentence, or a stretch of it, again.

use crate::offsets::narrow;
use std::borrow::Cow;
use std::cell::OnceCell;
use std::ops::Range;

use super::words::{WordBoundaries, is_word};
use crate::lang::case::lower_case;

/// A sentence of a document's prose and its segments: words, punctuation
/// and spaces, each with its byte offset in the prose.
#[derive(Debug, Clone)]
pub struct Sentence<'a> {
    pub prose: &'a str,
    pub range: Range<usize>,
    segments: Vec<(usize, &'a str)>,
    /// The segments that are words.
    words: Vec<(usize, &'a str)>,
    /// The words lower-cased, made when first asked for: every value's
    /// frame reads them all.
    lowered: OnceCell<Lowered>,
}

/// The lower-case forms of a sentence's words: for each word, `None` when
/// it is lower case already (most are), else where its form is in
/// `forms`, one string for the sentence rather than one per word.
#[derive(Debug, Clone, Default)]
struct Lowered {
    forms: String,
    ranges: Vec<Option<Range<u32>>>,
}

impl<'a> Sentence<'a> {
    /// Segment `range` of `prose` (no segments if it is not a range of it).
    pub fn new(prose: &'a str, range: Range<usize>) -> Sentence<'a> {
        let text = prose.get(range.clone()).unwrap_or("");
        // Sized once: news prose runs about one segment per three bytes,
        // and growing a vector from four elements took five allocations.
        let mut segments = Vec::with_capacity(text.len() / 3 + 1);
        segments.extend(
            text.word_bound_indices()
                .map(|(at, segment)| (range.start + at, segment)),
        );
        let mut words = Vec::with_capacity(segments.len() / 2 + 1);
        words.extend(segments.iter().copied().filter(|(_, s)| is_word(s)));
        Sentence {
            prose,
            range,
            segments,
            words,
            lowered: OnceCell::new(),
        }
    }

    /// The sentence's text.
    pub fn text(&self) -> &'a str {
        self.prose.get(self.range.clone()).unwrap_or("")
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
        let lowered = self.lowered.get_or_init(|| {
            let mut lowered = Lowered {
                forms: String::new(),
                ranges: Vec::with_capacity(self.words.len()),
            };
            for (_, word) in &self.words {
                let start = lowered.forms.len();
                if word.is_ascii() {
                    if !word.bytes().any(|b| b.is_ascii_uppercase()) {
                        lowered.ranges.push(None);
                        continue;
                    }
                    lowered.forms.push_str(word);
                    lowered.forms[start..].make_ascii_lowercase();
                } else {
                    match lower_case(word) {
                        Cow::Borrowed(_) => {
                            lowered.ranges.push(None);
                            continue;
                        }
                        Cow::Owned(lower) => lowered.forms.push_str(&lower),
                    }
                }
                lowered
                    .ranges
                    .push(Some(narrow(start)..narrow(lowered.forms.len())));
            }
            lowered
        });
        self.words
            .iter()
            .zip(&lowered.ranges)
            .map(|(&(at, w), range)| {
                let lower = match range {
                    None => w,
                    Some(range) => lowered
                        .forms
                        .get(range.start as usize..range.end as usize)
                        .unwrap_or(w),
                };
                (at, w, lower)
            })
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

    /// The last `n` of `words_within(range)`, without collecting the rest:
    /// the words right before a value.
    pub fn last_words_within(&self, range: Range<usize>, n: usize) -> Vec<(usize, &'a str)> {
        let end = self.words.partition_point(|(at, _)| *at < range.end);
        let from = end
            .checked_sub(n + 1)
            .and_then(|i| self.words.get(i))
            .map_or(range.start, |(at, _)| (*at).max(range.start));
        let mut words = self.words_within(from..range.end);
        words.drain(..words.len().saturating_sub(n));
        words
    }

    /// The first `n` of `words_within(range)`, without collecting the rest:
    /// the words right after a value.
    pub fn first_words_within(&self, range: Range<usize>, n: usize) -> Vec<(usize, &'a str)> {
        let start = self.words.partition_point(|(at, _)| *at < range.start);
        let to = self
            .words
            .get(start + n + 1)
            .map_or(range.end, |(at, _)| (*at).min(range.end));
        let mut words = self.words_within(range.start..to);
        words.truncate(n);
        words
    }

    /// The words of the stretch `range` of the sentence, as segmenting that
    /// stretch alone finds them: whole words inside it, and the part of a
    /// word it cuts, segmented again.
    pub fn words_within(&self, range: Range<usize>) -> Vec<(usize, &'a str)> {
        let mut found = Vec::new();
        if range.start >= range.end {
            return found;
        }
        let segment_part = |part: Range<usize>, found: &mut Vec<(usize, &'a str)>| {
            if let Some(text) = self.prose.get(part.clone()) {
                found.extend(text.word_indices().map(|(i, w)| (part.start + i, w)));
            }
        };
        // A segment the stretch starts inside of, then the whole words (as
        // segmented already), then a segment it ends inside of.
        let first = self
            .segments
            .partition_point(|(at, segment)| at + segment.len() <= range.start);
        let mut whole_from = range.start;
        if let Some(&(at, segment)) = self.segments.get(first)
            && at < range.start
        {
            whole_from = at + segment.len();
            segment_part(range.start..whole_from.min(range.end), &mut found);
        }
        if whole_from >= range.end {
            return found;
        }
        let words = self.words.partition_point(|(at, _)| *at < whole_from);
        let whole = self.words[words..].partition_point(|(at, word)| at + word.len() <= range.end);
        found.extend_from_slice(&self.words[words..words + whole]);
        let last = self
            .segments
            .partition_point(|(at, segment)| at + segment.len() <= range.end);
        if let Some(&(at, _)) = self.segments.get(last)
            && (whole_from..range.end).contains(&at)
        {
            segment_part(at..range.end, &mut found);
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
        assert_stretches_are_segmented_alone(&sentence);
        let accented = "Dateline. “Zelensky’s 1,200-word plan,” Łódź’s mayor said — twice.";
        let at = accented.find('“').unwrap_or(0);
        assert_stretches_are_segmented_alone(&Sentence::new(accented, at..accented.len()));
    }

    fn assert_stretches_are_segmented_alone(sentence: &Sentence) {
        let prose = sentence.prose;
        for start in sentence.range.clone() {
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
