//! Plain text: prose throughout, paragraphs separated by blank lines, or by
//! a line break after a long line that ends a sentence: text that nobody
//! hard-wrapped (a web export, a wire feed) often puts one paragraph on each
//! line.

use std::ops::Range;

use super::{BlockKind, Parsed};

/// Longer than any hard-wrapped line: a line this long was not wrapped.
const UNWRAPPED_LINE: usize = 100;

pub(crate) fn parse(source: &str) -> Parsed {
    let mut blocks = Vec::new();
    let mut chunk: Vec<(usize, &str)> = Vec::new();
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            paragraphs_of(&chunk, &mut blocks);
            chunk.clear();
        } else {
            chunk.push((offset, content));
        }
        offset += line.len();
    }
    paragraphs_of(&chunk, &mut blocks);
    Parsed {
        prose: source.to_string(),
        blocks,
        comments: Vec::new(),
        front_matter: None,
    }
}

/// The paragraphs of a run of non-blank lines, each line with its offset.
fn paragraphs_of(lines: &[(usize, &str)], blocks: &mut Vec<(BlockKind, Range<usize>, bool)>) {
    let one_per_line = is_one_paragraph_per_line(lines);
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut previous_line = "";
    for &(offset, content) in lines {
        let ends_paragraph = if one_per_line {
            !continues_sentence(content)
        } else {
            is_unwrapped_paragraph(previous_line)
        };
        if ends_paragraph && let Some(s) = start.take() {
            blocks.push((BlockKind::Paragraph, s..end, false));
        }
        let lead = content.len() - content.trim_start().len();
        start.get_or_insert(offset + lead);
        end = offset + content.trim_end().len();
        previous_line = content;
    }
    if let Some(s) = start {
        blocks.push((BlockKind::Paragraph, s..end, false));
    }
}

/// Text nobody wrapped, a paragraph on each line (a web export, a wire
/// feed): it has lines too long to be wrapped, and they mostly end a
/// sentence. Text wrapped at a wide margin has long lines too, but they
/// mostly break mid-sentence.
fn is_one_paragraph_per_line(lines: &[(usize, &str)]) -> bool {
    let long: Vec<&str> = lines
        .iter()
        .map(|(_, line)| line.trim_end())
        .filter(|line| line.chars().count() > UNWRAPPED_LINE)
        .collect();
    let ending = long.iter().filter(|line| ends_sentence(line)).count();
    ending * 2 > long.len()
}

/// A line that goes on with the sentence before it: it opens in lower case
/// ("still the same.").
fn continues_sentence(line: &str) -> bool {
    line.trim_start()
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end()
        .trim_end_matches(['"', '”', '’', '\'', ')'])
        .ends_with(['.', '?', '!', ':'])
}

/// A line nobody wrapped that ends a sentence: the paragraph ends with it.
fn is_unwrapped_paragraph(line: &str) -> bool {
    line.trim_end().chars().count() > UNWRAPPED_LINE && ends_sentence(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines_separate_paragraphs() {
        let src = "  First line\nstill first.\n\n\nSecond.  \n";
        let parsed = parse(src);
        let texts: Vec<&str> = parsed
            .blocks
            .iter()
            .map(|(_, r, _)| &src[r.clone()])
            .collect();
        assert_eq!(texts, vec!["First line\nstill first.", "Second."]);
        assert_eq!(parsed.prose, src);
    }

    #[test]
    fn a_long_unwrapped_line_ending_a_sentence_is_a_paragraph() {
        let long = "The council voted on Tuesday to close the old library and to move its books to the school, which has room.";
        let src =
            format!("{long}\n“We lose a building, not a library.”\nShort line.\nstill the same.");
        let parsed = parse(&src);
        let texts: Vec<&str> = parsed
            .blocks
            .iter()
            .map(|(_, r, _)| &src[r.clone()])
            .collect();
        // A line opening in lower case goes on with the sentence before.
        assert_eq!(
            texts,
            vec![
                long,
                "“We lose a building, not a library.”",
                "Short line.\nstill the same."
            ]
        );
    }

    #[test]
    fn text_wrapped_at_a_wide_margin_keeps_its_paragraphs() {
        let first = "The council voted on Tuesday to close the old library and to move all of its books to the school";
        let second = "which has room for them, and to sell the building on the square to whoever offers the most for it";
        let src = format!("{first} library\n{second} at the\nauction in June.");
        let parsed = parse(&src);
        assert_eq!(parsed.blocks.len(), 1, "{:?}", parsed.blocks);
    }

    #[test]
    fn empty_text_has_no_blocks() {
        assert!(parse("").blocks.is_empty());
        assert!(parse("\n \n").blocks.is_empty());
    }
}
