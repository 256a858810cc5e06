//! Markdown: the prose view and blocks, from pulldown-cmark's offset
//! iterator. Only text events are copied into the prose view; everything
//! else (code, HTML, URLs, markup, front matter) stays blank.

use std::ops::Range;
use std::sync::LazyLock;

use pulldown_cmark::{Event, MetadataBlockKind, Options, Parser, Tag, TagEnd};
use regex::Regex;

use super::{BlockKind, Parsed};

/// Bare URLs, which CommonMark leaves as text. Trailing sentence punctuation
/// is not part of the URL.
static BARE_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:https?://|www\.)[^\s<>]*[^\s<>.,;:!?)\]'’”\x22]").expect("static regex")
});

/// An open block: its kind, where its prose starts and ends so far, and
/// whether it sits in a block quote.
struct OpenBlock {
    kind: BlockKind,
    prose: Option<Range<usize>>,
    in_blockquote: bool,
    /// List items hold their own text only in tight lists; a paragraph inside
    /// one takes over.
    has_paragraph: bool,
}

pub(crate) fn parse(source: &str) -> Parsed {
    let mut prose = blank_copy(source).into_bytes();
    let mut blocks = Vec::new();
    let mut comments = Vec::new();
    let mut front_matter = None;
    let mut open: Vec<OpenBlock> = Vec::new();
    let mut blockquote_depth = 0usize;
    // Images, code blocks and front matter carry text that is not prose.
    let mut hidden_depth = 0usize;

    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    for (event, range) in Parser::new_ext(source, options).into_offset_iter() {
        match event {
            Event::Start(Tag::MetadataBlock(
                MetadataBlockKind::YamlStyle | MetadataBlockKind::PlusesStyle,
            )) => {
                front_matter = Some(range);
                hidden_depth += 1;
            }
            Event::Start(Tag::Image { .. } | Tag::CodeBlock(_)) => hidden_depth += 1,
            Event::End(TagEnd::Image | TagEnd::CodeBlock | TagEnd::MetadataBlock(_)) => {
                hidden_depth = hidden_depth.saturating_sub(1);
            }
            Event::Start(Tag::BlockQuote(_)) => blockquote_depth += 1,
            Event::End(TagEnd::BlockQuote(_)) => {
                blockquote_depth = blockquote_depth.saturating_sub(1)
            }
            Event::Start(tag) => {
                if let Some(kind) = block_kind(&tag) {
                    if kind == BlockKind::Paragraph
                        && let Some(item) =
                            open.last_mut().filter(|b| b.kind == BlockKind::ListItem)
                    {
                        item.has_paragraph = true;
                        close_into(&mut blocks, item);
                    }
                    open.push(OpenBlock {
                        kind,
                        prose: None,
                        in_blockquote: blockquote_depth > 0,
                        has_paragraph: false,
                    });
                }
            }
            Event::End(end) if ends_block(&end) => {
                if let Some(mut block) = open.pop() {
                    close_into(&mut blocks, &mut block);
                }
            }
            Event::Text(_) if hidden_depth == 0 => {
                copy_text(source, &mut prose, range.clone());
                extend_open(&mut open, range);
            }
            Event::SoftBreak | Event::HardBreak => {}
            Event::Html(_) | Event::InlineHtml(_) => comments.extend(html_comments(source, range)),
            _ => {}
        }
    }
    while let Some(mut block) = open.pop() {
        close_into(&mut blocks, &mut block);
    }
    // Every byte copied was part of a whole character copied, or a space, so
    // the view is valid UTF-8; fall back to all blank rather than panic.
    let mut prose = String::from_utf8(prose).unwrap_or_else(|_| blank_copy(source));
    blank_bare_urls(&mut prose);
    blocks.sort_by_key(|(_, range, _): &(BlockKind, Range<usize>, bool)| range.start);
    let blocks = blocks
        .into_iter()
        .filter_map(|(kind, range, quoted)| trim_range(&prose, range).map(|r| (kind, r, quoted)))
        .collect();
    Parsed {
        prose,
        blocks,
        comments,
        front_matter,
    }
}

fn block_kind(tag: &Tag) -> Option<BlockKind> {
    match tag {
        Tag::Paragraph => Some(BlockKind::Paragraph),
        Tag::Heading { .. } => Some(BlockKind::Heading),
        Tag::Item => Some(BlockKind::ListItem),
        Tag::TableCell => Some(BlockKind::TableCell),
        _ => None,
    }
}

fn ends_block(end: &TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell
    )
}

/// Record a block's prose range, once, if it has any.
fn close_into(blocks: &mut Vec<(BlockKind, Range<usize>, bool)>, block: &mut OpenBlock) {
    if let Some(range) = block.prose.take() {
        blocks.push((block.kind, range, block.in_blockquote));
    }
}

/// Grow the innermost open block (a tight list item only while no
/// paragraph has taken over) to cover `range`.
fn extend_open(open: &mut [OpenBlock], range: Range<usize>) {
    let Some(block) = open.last_mut() else { return };
    if block.kind == BlockKind::ListItem && block.has_paragraph {
        return;
    }
    block.prose = Some(match block.prose.take() {
        Some(existing) => existing.start.min(range.start)..existing.end.max(range.end),
        None => range,
    });
}

/// A copy of `source` with every byte but line breaks replaced by a space.
fn blank_copy(source: &str) -> String {
    source
        .bytes()
        .map(|b| {
            if b == b'\n' || b == b'\r' {
                b as char
            } else {
                ' '
            }
        })
        .collect()
}

/// Copy a text event's source bytes into the prose view, leaving a
/// backslash that escapes punctuation blank.
fn copy_text(source: &str, prose: &mut [u8], range: Range<usize>) {
    let (Some(text), Some(target)) = (source.get(range.clone()), prose.get_mut(range)) else {
        return;
    };
    let bytes = text.as_bytes();
    for (i, &byte) in bytes.iter().enumerate() {
        let escapes = byte == b'\\' && bytes.get(i + 1).is_some_and(u8::is_ascii_punctuation);
        if !escapes {
            target[i] = byte;
        }
    }
}

/// `<!-- … -->` comments inside an HTML event's source range.
fn html_comments(source: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let Some(text) = source.get(range.clone()) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find("<!--") {
        let start = from + open;
        let end = text[start + 4..]
            .find("-->")
            .map_or(text.len(), |close| start + 4 + close + 3);
        found.push(range.start + start..range.start + end);
        from = end;
    }
    found
}

fn blank_bare_urls(prose: &mut String) {
    let urls: Vec<Range<usize>> = BARE_URL.find_iter(prose).map(|m| m.range()).collect();
    if urls.is_empty() {
        return;
    }
    let mut bytes = std::mem::take(prose).into_bytes();
    for range in urls {
        // A match covers whole characters, so blanking it keeps UTF-8 valid.
        bytes[range].fill(b' ');
    }
    *prose = String::from_utf8(bytes).unwrap_or_default();
}

/// `range` without surrounding whitespace, or `None` when it is all blank.
fn trim_range(prose: &str, range: Range<usize>) -> Option<Range<usize>> {
    let text = prose.get(range.clone())?;
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return None;
    }
    let start = range.start + (text.len() - text.trim_start().len());
    Some(start..start + trimmed.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(src: &str) -> Vec<(BlockKind, String, bool)> {
        let parsed = parse(src);
        assert_eq!(parsed.prose.len(), src.len());
        parsed
            .blocks
            .iter()
            .map(|(k, r, q)| {
                (
                    *k,
                    parsed.prose[r.clone()]
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" "),
                    *q,
                )
            })
            .collect()
    }

    #[test]
    fn code_urls_html_and_markup_are_not_prose() {
        let src = "# Talks In Kiev\n\nSee `Kiev` and [Kiev talks](https://example.com/kiev) or <https://kiev.example>.\n\n```\nKiev\n```\n\n<!-- Kiev -->\nVisit https://example.com/kiev. Then **Kyiv**.\n";
        let parsed = parse(src);
        let prose = &parsed.prose;
        assert_eq!(
            prose.matches("Kiev").count(),
            2,
            "heading and link text only: {prose:?}"
        );
        assert!(prose.contains("Kiev talks"));
        assert!(!prose.contains("example.com"));
        assert!(prose.contains("Kyiv"));
        assert!(
            prose.contains(". Then"),
            "sentence end after a bare URL survives: {prose:?}"
        );
        assert_eq!(parsed.comments.len(), 1);
        assert_eq!(&src[parsed.comments[0].clone()], "<!-- Kiev -->");
    }

    #[test]
    fn front_matter_is_recorded_and_blanked() {
        let src = "---\ntitle: Kiev\n---\n\nBody text.\n";
        let parsed = parse(src);
        assert!(!parsed.prose.contains("Kiev"));
        assert_eq!(
            parsed.front_matter.map(|r| src[r].starts_with("---")),
            Some(true)
        );
        let toml = "+++\ntitle = \"Kiev\"\n+++\n\nBody.\n";
        assert!(parse(toml).front_matter.is_some());
    }

    #[test]
    fn block_kinds_and_blockquotes() {
        let found = blocks(
            "# Head Line\n\n- first item\n- second item\n\n> Quoted para.\n\n| a | b |\n|---|---|\n| c | d |\n",
        );
        assert_eq!(
            found,
            vec![
                (BlockKind::Heading, "Head Line".into(), false),
                (BlockKind::ListItem, "first item".into(), false),
                (BlockKind::ListItem, "second item".into(), false),
                (BlockKind::Paragraph, "Quoted para.".into(), true),
                (BlockKind::TableCell, "a".into(), false),
                (BlockKind::TableCell, "b".into(), false),
                (BlockKind::TableCell, "c".into(), false),
                (BlockKind::TableCell, "d".into(), false),
            ]
        );
    }

    #[test]
    fn loose_list_items_hold_paragraphs() {
        let found = blocks("- one para.\n\n- two para.\n");
        assert_eq!(
            found.iter().filter(|b| b.0 == BlockKind::Paragraph).count(),
            2,
            "{found:?}"
        );
        assert_eq!(found.len(), 2, "{found:?}");
    }

    #[test]
    fn escapes_are_blanked_and_multibyte_text_survives() {
        let src = "Київ \\*and\\* Zürich — “quoted” 🙂\n";
        let parsed = parse(src);
        assert!(
            parsed.prose.contains("Київ  *and * Zürich — “quoted” 🙂"),
            "{:?}",
            parsed.prose
        );
    }

    #[test]
    fn images_are_not_prose() {
        let parsed = parse("An ![Kiev skyline](k.png) photo.\n");
        assert!(!parsed.prose.contains("Kiev"));
    }
}
