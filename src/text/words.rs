//! Word boundaries (Unicode Standard Annex #29), found faster on news text.
//!
//! `unicode-segmentation` has a fast path for ASCII, but only for whole
//! ASCII strings and only when it returns words alone. A news sentence is
//! rarely all ASCII (curly quotes, dashes, accented names), so every
//! sentence took the slow path: a quarter of indexing time. A run of spaces
//! always stands between two boundaries, whatever surrounds it (rules WB3d
//! and WB999), unless a combining mark follows it (WB4). So the text is cut
//! after each space run that an ASCII character follows, and each piece is
//! segmented alone: an ASCII piece by the rules as they apply to ASCII
//! (a few classes of character, no marks to skip), any other piece by the
//! crate's general path. The boundaries are exactly those of
//! `split_word_bound_indices`.

use unicode_segmentation::UnicodeSegmentation;

/// Every segment between word boundaries, with its byte offset: words,
/// punctuation marks and runs of spaces, as `split_word_bound_indices`.
pub fn word_bound_indices(text: &str) -> WordBounds<'_> {
    WordBounds {
        text,
        next_piece: 0,
        piece: Piece::Done,
    }
}

/// The words (segments with a letter or digit) with their byte offsets,
/// as `unicode_word_indices`.
pub fn word_indices(text: &str) -> impl Iterator<Item = (usize, &str)> {
    word_bound_indices(text).filter(|(_, t)| is_word(t))
}

/// The words of `text`, as `unicode_words`.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    word_indices(text).map(|(_, w)| w)
}

/// Whether a segment is a word: it has a letter or a digit.
pub fn is_word(segment: &str) -> bool {
    segment.chars().any(char::is_alphanumeric)
}

/// The same segmentations as methods of `str`, as the crate offers them.
pub trait WordBoundaries {
    fn word_bound_indices(&self) -> WordBounds<'_>;
    fn word_indices(&self) -> impl Iterator<Item = (usize, &str)>;
    fn words(&self) -> impl Iterator<Item = &str>;
}

impl WordBoundaries for str {
    fn word_bound_indices(&self) -> WordBounds<'_> {
        word_bound_indices(self)
    }
    fn word_indices(&self) -> impl Iterator<Item = (usize, &str)> {
        word_indices(self)
    }
    fn words(&self) -> impl Iterator<Item = &str> {
        words(self)
    }
}

/// The iterator of [`word_bound_indices`].
pub struct WordBounds<'a> {
    text: &'a str,
    /// Where the next piece starts.
    next_piece: usize,
    piece: Piece<'a>,
}

/// The piece being segmented, with its offset in the text.
enum Piece<'a> {
    Done,
    /// An ASCII piece, and where the last segment ended.
    Ascii {
        offset: usize,
        text: &'a str,
        at: usize,
    },
    General {
        offset: usize,
        bounds: unicode_segmentation::UWordBoundIndices<'a>,
    },
}

impl<'a> Iterator for WordBounds<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        loop {
            match &mut self.piece {
                Piece::Done => {
                    let (start, end, ascii) = next_piece(self.text, self.next_piece)?;
                    self.next_piece = end;
                    let text = &self.text[start..end];
                    self.piece = if ascii {
                        Piece::Ascii {
                            offset: start,
                            text,
                            at: 0,
                        }
                    } else {
                        Piece::General {
                            offset: start,
                            bounds: text.split_word_bound_indices(),
                        }
                    };
                }
                Piece::General { offset, bounds } => match bounds.next() {
                    Some((at, segment)) => return Some((*offset + at, segment)),
                    None => self.piece = Piece::Done,
                },
                Piece::Ascii { offset, text, at } => {
                    if *at >= text.len() {
                        self.piece = Piece::Done;
                        continue;
                    }
                    let start = *at;
                    *at = ascii_segment_end(text.as_bytes(), start);
                    return Some((*offset + start, &text[start..*at]));
                }
            }
        }
    }
}

/// The next piece from `start`: its end and whether it is all ASCII. The
/// text is cut after runs of spaces that an ASCII character follows (cuts
/// that never move a boundary); consecutive cuts of one kind, ASCII or
/// not, make one piece, so that the fast path reads long stretches.
fn next_piece(text: &str, start: usize) -> Option<(usize, usize, bool)> {
    let bytes = text.as_bytes();
    if start >= bytes.len() {
        return None;
    }
    let mut kind = None;
    let mut at = start;
    while at < bytes.len() {
        // One cut: up to and through the next space run an ASCII byte
        // (or the end) follows.
        let mut end = at;
        loop {
            let Some(space) = bytes[end..].iter().position(|&b| b == b' ') else {
                end = bytes.len();
                break;
            };
            end += space;
            while bytes.get(end) == Some(&b' ') {
                end += 1;
            }
            if end == bytes.len() || bytes[end].is_ascii() {
                break;
            }
        }
        let ascii = bytes[at..end].is_ascii();
        if kind.is_some_and(|k| k != ascii) {
            break;
        }
        kind = Some(ascii);
        at = end;
    }
    Some((start, at, kind.unwrap_or(true)))
}

/// The word-break classes of ASCII characters (Unicode Standard Annex #29,
/// table 3): every other ASCII character stands alone.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Letter,
    Numeric,
    /// `_`, joining words and numbers (WB13a, WB13b).
    ExtendNumLet,
    /// `:`, joining letters only (WB6, WB7).
    MidLetter,
    /// `,` and `;`, joining digits only (WB11, WB12).
    MidNum,
    /// `.` and `'`, joining letters or digits (WB6, WB7, WB11, WB12).
    MidNumLet,
    Other,
}

/// [`Class`] of each ASCII byte, looked up rather than matched: the
/// segmenter asks it of every byte of every sentence.
static CLASSES: [Class; 128] = {
    let mut classes = [Class::Other; 128];
    let mut byte = 0;
    while byte < 128 {
        classes[byte] = match byte as u8 {
            b'a'..=b'z' | b'A'..=b'Z' => Class::Letter,
            b'0'..=b'9' => Class::Numeric,
            b'_' => Class::ExtendNumLet,
            b':' => Class::MidLetter,
            b',' | b';' => Class::MidNum,
            b'.' | b'\'' => Class::MidNumLet,
            _ => Class::Other,
        };
        byte += 1;
    }
    classes
};

#[inline(always)]
fn class(byte: u8) -> Class {
    CLASSES[usize::from(byte & 0x7f)]
}

/// The end of the segment that starts at `at` in ASCII `bytes`: a run of
/// spaces (WB3d), CR LF (WB3), a word or number with the marks the rules
/// keep inside it ("U.S.", "don't", "1,200.50", "a_b"), or one character.
fn ascii_segment_end(bytes: &[u8], at: usize) -> usize {
    let first = bytes[at];
    let mut end = at + 1;
    match (first, class(first)) {
        (b' ', _) => {
            while bytes.get(end) == Some(&b' ') {
                end += 1;
            }
            return end;
        }
        (b'\r', _) if bytes.get(end) == Some(&b'\n') => return end + 1,
        (_, Class::Letter | Class::Numeric | Class::ExtendNumLet) => {}
        _ => return end,
    }
    let mut last = class(first);
    while let Some(&byte) = bytes.get(end) {
        match class(byte) {
            // WB5, WB8, WB9, WB10, WB13a, WB13b.
            joined @ (Class::Letter | Class::Numeric | Class::ExtendNumLet) => {
                last = joined;
                end += 1;
            }
            mark @ (Class::MidLetter | Class::MidNum | Class::MidNumLet) => {
                let Some(after) = bytes.get(end + 1).map(|&b| class(b)) else {
                    break;
                };
                // WB6, WB7 between letters; WB11, WB12 between digits.
                let joins =
                    (last == Class::Letter && after == Class::Letter && mark != Class::MidNum)
                        || (last == Class::Numeric
                            && after == Class::Numeric
                            && mark != Class::MidLetter);
                if !joins {
                    break;
                }
                last = after;
                end += 2;
            }
            Class::Other => break,
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same_as_crate(text: &str) {
        let expected: Vec<(usize, &str)> = text.split_word_bound_indices().collect();
        let found: Vec<(usize, &str)> = word_bound_indices(text).collect();
        assert_eq!(found, expected, "{text:?}");
        let expected: Vec<(usize, &str)> = text.unicode_word_indices().collect();
        assert_eq!(word_indices(text).collect::<Vec<_>>(), expected, "{text:?}");
    }

    #[test]
    fn boundaries_match_the_crate_on_news_text() {
        for text in [
            "",
            " ",
            "   leading and trailing   ",
            "“We will not,” Zelensky’s aide said on Tuesday — twice.",
            "The plan was cut to 19 points from 28, a 32.5% drop ($1,200.50).",
            "Oleksandr Syrskyi's forces; U.S. officials: a 20-point plan.",
            "don't can't o'clock e.g. 3.14.15 1,2,3 a_b __ x__y",
            "line one\r\nline two\n\nline three\ttabbed",
            "café  naïve résumé Zürich Kyiv Київ 東京 😀 👍🏽 🇺🇦🇺🇸",
            "a \u{301}combining mark after a space, e\u{301}",
            "quote \u{2018}single\u{2019} and \u{201C}double\u{201D} marks",
            "NBSP\u{a0}between and\u{2009}thin space and\u{200d}joiner",
            "12:30 5:00pm 10.5m 40bn US$5bn 1st 2nd 23rd",
        ] {
            same_as_crate(text);
        }
    }

    #[test]
    fn ascii_marks_join_only_the_classes_the_rules_name() {
        for text in [
            "a:b 1:2 a,b 1,2 a;b 1;2 a.b 1.2 a'b 1'2",
            "a.1 1.a a_1 _a 1_ __a a__ ._a a._ 'a a' :a a:",
            "x.y.z. 3.14.15. e.g.: U.S.-led 1,,2 a::b a..b",
            "\r\n\r \n\t\x0b\x0c end\r",
        ] {
            same_as_crate(text);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(
            std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(2_000)
        ))]

        /// Every mix of the characters the ASCII rules treat apart, with
        /// some non-ASCII ones so that pieces of both kinds alternate.
        #[test]
        fn boundaries_match_the_crate_on_any_mix(
            text in "[aZ9_:,;.' \"\r\n\t\x0b#-]{0,24}([\u{2019}\u{301}\u{a0}é—][aZ9_:,;.' \r\n]{0,12}){0,3}"
        ) {
            same_as_crate(&text);
        }
    }

    #[test]
    fn boundaries_match_the_crate_on_every_fixture_article() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut read = 0;
        for dir in ["examples", "tests"] {
            for entry in ignore::Walk::new(root.join(dir)).flatten() {
                let path = entry.path();
                if path.extension().is_some_and(|e| e == "md" || e == "txt")
                    && let Ok(text) = std::fs::read_to_string(path)
                {
                    same_as_crate(&text);
                    read += 1;
                }
            }
        }
        assert!(read > 20, "only {read} fixture articles found");
    }
}
