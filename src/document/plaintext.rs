//! Plain text: prose throughout, paragraphs separated by blank lines, or by
//! a line break after a long line that ends a sentence: text that nobody
//! hard-wrapped (a web export, a wire feed) often puts one paragraph on each
//! line.

use super::{BlockKind, Parsed};

/// Longer than any hard-wrapped line: a line this long was not wrapped.
const UNWRAPPED_LINE: usize = 100;

pub(crate) fn parse(source: &str) -> Parsed {
    let mut blocks = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut offset = 0;
    let mut previous_line = "";
    for line in source.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            if let Some(s) = start.take() {
                blocks.push((BlockKind::Paragraph, s..end, false));
            }
        } else {
            if is_unwrapped_paragraph(previous_line)
                && let Some(s) = start.take()
            {
                blocks.push((BlockKind::Paragraph, s..end, false));
            }
            let lead = content.len() - content.trim_start().len();
            if start.is_none() {
                start = Some(offset + lead);
            }
            end = offset + content.trim_end().len();
        }
        previous_line = content;
        offset += line.len();
    }
    if let Some(s) = start {
        blocks.push((BlockKind::Paragraph, s..end, false));
    }
    Parsed {
        prose: source.to_string(),
        blocks,
        comments: Vec::new(),
        front_matter: None,
    }
}

/// A line nobody wrapped that ends a sentence: the paragraph ends with it.
fn is_unwrapped_paragraph(line: &str) -> bool {
    let line = line.trim_end();
    line.chars().count() > UNWRAPPED_LINE
        && line
            .trim_end_matches(['"', '”', '’', '\'', ')'])
            .ends_with(['.', '?', '!', ':'])
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
        assert_eq!(
            texts,
            vec![
                long,
                "“We lose a building, not a library.”\nShort line.\nstill the same."
            ]
        );
    }

    #[test]
    fn empty_text_has_no_blocks() {
        assert!(parse("").blocks.is_empty());
        assert!(parse("\n \n").blocks.is_empty());
    }
}
