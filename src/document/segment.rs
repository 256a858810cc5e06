//! Sentence segmentation for news text: abbreviations (U.S., Mr., Dec.),
//! initials, decimals, and quotations that span several sentences.

use std::ops::Range;

use crate::lang::sentences::{NEVER_FINAL, SENTENCE_STARTERS, SOMETIMES_FINAL};

const CLOSERS: &[char] = &['"', '”', '’', '\'', ')', ']', '»', '“'];
const OPENERS: &[char] = &['"', '“', '‘', '\'', '(', '[', '«', '„'];

/// Split the prose of `block` (a byte range into `prose`) into trimmed
/// sentence ranges, in order, covering every non-blank byte of the block.
pub fn split_sentences(prose: &str, block: Range<usize>) -> Vec<Range<usize>> {
    let Some(text) = prose.get(block.clone()) else {
        return Vec::new();
    };
    let quoted = closed_quotations(text);
    let mut quote_cursor = 0;
    let mut sentences = Vec::new();
    let mut start = 0;
    let mut from = 0;
    // Found by their first byte, not by decoding every character: '.',
    // '!' and '?' are ASCII, and 0xE2 leads '…' (and other punctuation).
    while let Some(offset) = text.as_bytes()[from..]
        .iter()
        .position(|&b| matches!(b, b'.' | b'!' | b'?' | 0xE2))
    {
        let i = from + offset;
        let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        from = i + c.len_utf8();
        if !is_terminal(c) {
            continue;
        }
        // Take the whole run of terminal punctuation and closing marks.
        let mut end = from;
        for next in text[end..].chars() {
            if !is_terminal(next) && !CLOSERS.contains(&next) {
                break;
            }
            end += next.len_utf8();
        }
        from = end;
        while quoted.get(quote_cursor).is_some_and(|q| q.end <= i) {
            quote_cursor += 1;
        }
        let inside_quote = quoted
            .get(quote_cursor)
            .is_some_and(|q| q.start < i && i < q.end && end < q.end);
        if inside_quote || !ends_sentence(text, i, c, end) {
            continue;
        }
        push_trimmed(&mut sentences, text, start..end, block.start);
        start = end;
    }
    push_trimmed(&mut sentences, text, start..text.len(), block.start);
    sentences
}

/// Punctuation that can end a sentence.
fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// Whether the punctuation `c` at `at`, with its run ending at `end`, ends
/// a sentence.
fn ends_sentence(text: &str, at: usize, c: char, end: usize) -> bool {
    let rest = &text[end..];
    let after_space = rest.trim_start();
    if after_space.is_empty() {
        return true;
    }
    if after_space.len() == rest.len() {
        return false; // "3.5", "U.S.-led": no space, no boundary
    }
    if !starts_like_a_sentence(after_space) {
        return false;
    }
    if c != '.' || end - at > 1 && text[at..end].starts_with("..") {
        return true;
    }
    let word = word_before(text, at);
    let bare = word.trim_matches('.').to_lowercase();
    let next_word: &str = after_space
        .trim_start_matches(OPENERS)
        .split(|ch: char| !ch.is_alphanumeric())
        .next()
        .unwrap_or("");
    if NEVER_FINAL.contains(bare.as_str()) {
        return false;
    }
    let is_initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    if is_initial {
        return false;
    }
    let dotted = word.contains('.'); // U.S., a.m., e.g.
    if dotted || SOMETIMES_FINAL.contains(bare.as_str()) {
        return SENTENCE_STARTERS.contains(next_word);
    }
    true
}

/// The word (letters and inner dots) right before byte `at`.
fn word_before(text: &str, at: usize) -> &str {
    let before = &text[..at];
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, ch)| ch.is_alphanumeric() || *ch == '.')
        .last()
        .map_or(at, |(i, _)| i);
    &before[start..]
}

fn starts_like_a_sentence(text: &str) -> bool {
    let first_real = text.trim_start_matches(OPENERS).chars().next();
    first_real.is_some_and(|ch| ch.is_uppercase() || ch.is_ascii_digit())
}

fn push_trimmed(sentences: &mut Vec<Range<usize>>, text: &str, range: Range<usize>, offset: usize) {
    let Some(slice) = text.get(range.clone()) else {
        return;
    };
    let trimmed = slice.trim();
    if trimmed.is_empty() {
        return;
    }
    let start = range.start + (slice.len() - slice.trim_start().len());
    sentences.push(offset + start..offset + start + trimmed.len());
}

/// Byte ranges (relative to `text`) of double quotations that close within
/// it. An opening mark that is never closed is left out, so an unterminated
/// quote does not swallow the rest of the paragraph.
fn closed_quotations(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut open: Option<(usize, char)> = None;
    let mut previous = ' ';
    for (i, c) in text.char_indices() {
        let opens_straight = c == '"' && (previous.is_whitespace() || "([{—–-".contains(previous));
        match (open, c) {
            (None, '“' | '«' | '„') => open = Some((i, c)),
            (None, '"') if opens_straight => open = Some((i, c)),
            (Some((start, '"')), '"') if !opens_straight => {
                found.push(start..i + 1);
                open = None;
            }
            (Some((start, '“')), '”')
            | (Some((start, '«')), '»')
            | (Some((start, '„')), '“' | '”') => {
                found.push(start..i + c.len_utf8());
                open = None;
            }
            // A new opening mark while one is open: the first was never closed.
            (Some(_), '“' | '«' | '„') => open = Some((i, c)),
            (Some(_), '"') if opens_straight => open = Some((i, c)),
            _ => {}
        }
        previous = c;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        split_sentences(text, 0..text.len())
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn plain_sentences_split() {
        assert_eq!(
            split("One thing. Two things! Three? Four."),
            vec!["One thing.", "Two things!", "Three?", "Four."]
        );
    }

    #[test]
    fn titles_initials_months_and_decimals_do_not_split() {
        assert_eq!(
            split("Mr. Witkoff met Gen. Syrskyi on Dec. 3 in the capital."),
            vec!["Mr. Witkoff met Gen. Syrskyi on Dec. 3 in the capital."]
        );
        assert_eq!(
            split("John F. Kennedy spoke. J. R. R. Tolkien wrote."),
            vec!["John F. Kennedy spoke.", "J. R. R. Tolkien wrote."]
        );
        assert_eq!(
            split("Growth was 3.5 percent. It fell."),
            vec!["Growth was 3.5 percent.", "It fell."]
        );
        assert_eq!(
            split("He lives at No. 10 now."),
            vec!["He lives at No. 10 now."]
        );
        assert_eq!(
            split("She spoke about Roe v. Wade at length."),
            vec!["She spoke about Roe v. Wade at length."]
        );
    }

    #[test]
    fn dotted_abbreviations_end_a_sentence_only_before_a_common_starter() {
        assert_eq!(
            split("Envoys from the U.S. Army met. Talks began."),
            vec!["Envoys from the U.S. Army met.", "Talks began."]
        );
        assert_eq!(
            split("They flew to the U.S. Then they rested."),
            vec!["They flew to the U.S.", "Then they rested."]
        );
        assert_eq!(
            split("It ended at 9 p.m. The next day was quiet."),
            vec!["It ended at 9 p.m.", "The next day was quiet."]
        );
    }

    #[test]
    fn quotations_spanning_sentences_stay_whole() {
        assert_eq!(
            split("\u{201c}We will win. We always do,\u{201d} she said. Then he left."),
            vec![
                "\u{201c}We will win. We always do,\u{201d} she said.",
                "Then he left."
            ]
        );
        assert_eq!(
            split("He said: \"It is over.\" Then he left."),
            vec!["He said: \"It is over.\"", "Then he left."]
        );
    }

    #[test]
    fn an_unterminated_quote_does_not_swallow_the_paragraph() {
        assert_eq!(
            split("\u{201c}We will win. Nobody doubts it. Next."),
            vec!["\u{201c}We will win.", "Nobody doubts it.", "Next."]
        );
    }

    #[test]
    fn ellipses_split_only_before_a_capital() {
        assert_eq!(
            split("Well... maybe later. Yes… Fine."),
            vec!["Well... maybe later.", "Yes…", "Fine."]
        );
    }

    #[test]
    fn offsets_are_absolute_and_multibyte_safe() {
        let text = "## Заголовок. Київ — столиця. 🙂 Done.";
        let sentences = split_sentences(text, 3..text.len());
        let found: Vec<&str> = sentences.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(found, vec!["Заголовок.", "Київ — столиця. 🙂 Done."]);
    }

    #[test]
    fn a_long_paragraph_splits_in_linear_time() {
        let text = "Officials met. ".repeat(200_000);
        assert_eq!(split_sentences(&text, 0..text.len()).len(), 200_000);
    }
}
