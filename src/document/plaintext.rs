//! Plain text: prose throughout, paragraphs separated by blank lines.

use super::{BlockKind, Parsed};

pub(crate) fn parse(source: &str) -> Parsed {
    let mut blocks = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            if let Some(s) = start.take() {
                blocks.push((BlockKind::Paragraph, s..end, false));
            }
        } else {
            let lead = content.len() - content.trim_start().len();
            if start.is_none() {
                start = Some(offset + lead);
            }
            end = offset + content.trim_end().len();
        }
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
    fn empty_text_has_no_blocks() {
        assert!(parse("").blocks.is_empty());
        assert!(parse("\n \n").blocks.is_empty());
    }
}
