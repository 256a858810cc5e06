//! Finding quotations: straight and curly double quotes, guillemets and
//! „low-high“ quotes, with single quotes inside them for nested quotations
//! (told apart from apostrophes by staying inside the outer quotation). A
//! paragraph that ends inside a quotation continues it when the next
//! paragraph opens with a quotation mark, as news copy does.

use std::ops::Range;

use crate::document::{BlockKind, Document};
use crate::lang::speech::{REPORTING_VERBS, SUBJECT_PRONOUNS};

/// One quotation in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quotation {
    /// The whole quotation, opening mark to closing mark inclusive (to the
    /// paragraph's end for the open part of a multi-paragraph quotation).
    pub range: Range<usize>,
    /// The quoted words, between the marks, trimmed.
    pub inner: Range<usize>,
    /// Index of the block it sits in.
    pub block: usize,
    /// It continues from the previous paragraph's unclosed quotation.
    pub continues_previous: bool,
    /// It is left open to continue in the next paragraph.
    pub continues_next: bool,
}

/// The quotations of a document and the opening marks never closed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuoteScan {
    pub quotations: Vec<Quotation>,
    /// Byte ranges of opening marks with no closing mark.
    pub unbalanced: Vec<Range<usize>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Open(char),
    Close(char),
}

/// Whether a mark closes a quotation opened with `open`. A straight and a
/// curly double mark close each other: copy passed through a converter
/// often mixes them (“like this," or "like this”).
fn closes(open: char, close: char) -> bool {
    matches!(
        (open, close),
        ('"' | '“', '"' | '”') | ('«', '»') | ('„', '“' | '”')
    )
}

/// Whether a quotation is all its paragraph holds (a crowd's "No!" on a
/// line of its own).
pub fn is_alone_in_paragraph(doc: &Document, quotation: &Quotation) -> bool {
    let prose = doc.prose();
    doc.blocks()
        .get(quotation.block)
        .and_then(|block| prose.get(block.range.clone()))
        .is_some_and(|paragraph| Some(paragraph.trim()) == prose.get(quotation.range.clone()))
}

/// The mark that closes a quotation opened with `open` (a straight mark
/// closes itself).
pub fn closing_mark(open: char) -> char {
    match open {
        '“' | '„' => '”',
        '«' => '»',
        other => other,
    }
}

/// Classify a double-quote character by its neighbours; `None` for any
/// other character. A straight `"` opens after a space or an opening
/// bracket and closes otherwise.
fn mark(c: char, previous: Option<char>, open: Option<char>) -> Option<Mark> {
    match c {
        '“' if open == Some('„') => Some(Mark::Close(c)),
        '“' | '«' | '„' => Some(Mark::Open(c)),
        '”' | '»' => Some(Mark::Close(c)),
        '"' => {
            let opens = previous.is_none_or(|p| p.is_whitespace() || "([{—–-/".contains(p));
            Some(if opens && open != Some('"') {
                Mark::Open(c)
            } else {
                Mark::Close(c)
            })
        }
        _ => None,
    }
}

/// Whether `text` opens with a markup tag (`<tweet author="…">`, `</a>`):
/// a name of letters right after the `<`, then a space, `/` or `>`. Its
/// length when it closes in `text`; `Some(None)` when it runs past it.
fn markup_tag(text: &str) -> Option<Option<usize>> {
    let rest = text.strip_prefix('<')?;
    let name = rest.strip_prefix('/').unwrap_or(rest);
    let letters = name
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .unwrap_or(name.len());
    let after = name[letters..].chars().next()?;
    let named = name.starts_with(|c: char| c.is_ascii_alphabetic());
    if !named || !(after.is_whitespace() || after == '/' || after == '>') {
        return None;
    }
    Some(text.find('>').map(|end| end + 1))
}

/// Every quotation in the document's prose blocks.
pub fn find_quotations(doc: &Document) -> QuoteScan {
    let prose = doc.prose();
    let blocks = doc.blocks();
    let mut scan = QuoteScan::default();
    // A quotation left open at the end of the previous paragraph.
    let mut carried: Option<char> = None;
    let mut in_tag = false;
    for (index, block) in blocks.iter().enumerate() {
        let Some(text) = prose.get(block.range.clone()) else {
            continue;
        };
        let base = block.range.start;
        let mut open: Option<(char, usize)> = None;
        // A quotation inside the open one, in curly marks whose direction
        // is plain (“… “a slogan” …”): where it opened.
        let mut nested: Option<usize> = None;
        let continuing = carried.take();
        let mut previous: Option<char> = None;
        // Where a markup tag left in the copy ends: its attribute values'
        // marks (tweet-date="March 9, 2016") are no quotation. A tag broken
        // over two lines ends in the next block.
        let mut tag_end = match std::mem::take(&mut in_tag) {
            true => text.find('>').map_or(0, |end| end + 1),
            false => 0,
        };
        for (i, c) in text.char_indices() {
            if i < tag_end {
                continue;
            }
            if c == '<'
                && let Some(length) = markup_tag(&text[i..])
            {
                tag_end = i + length.unwrap_or(text.len() - i);
                in_tag = length.is_none();
                previous = Some('>');
                continue;
            }
            let Some(found) = mark(c, previous, open.map(|(o, _)| o)) else {
                previous = Some(c);
                continue;
            };
            previous = Some(c);
            match (found, open) {
                (Mark::Open(o), None) => open = Some((o, i)),
                (Mark::Open('“' | '«'), Some(_)) if nested.is_none() => nested = Some(i),
                (Mark::Close(_), Some(_)) if nested.is_some() => nested = None,
                (Mark::Open(o), Some((_, start))) => {
                    // A second opening mark: the first was never closed. A
                    // nested mark before it was that quotation's closing
                    // mark typed the wrong way round ("“review“ of …
                    // “a system”"), so nothing is nested in the new one.
                    let width = text[start..].chars().next().map_or(1, char::len_utf8);
                    scan.unbalanced.push(base + start..base + start + width);
                    open = Some((o, i));
                    nested = None;
                }
                (Mark::Close(close), Some((o, start))) if closes(o, close) => {
                    let continues = start == 0 && continuing.is_some();
                    scan.quotations.push(quotation(
                        text,
                        base,
                        index,
                        start..i + c.len_utf8(),
                        continues,
                        false,
                    ));
                    open = None;
                }
                // A stray closing mark (or one of another kind) is left alone.
                _ => {}
            }
        }
        // A nested quotation never closed is a mark the wrong way round
        // ("“It's unusual,“ said Noble."): the paragraph is unbalanced.
        if let (Some((_, start)), Some(_)) = (open, nested) {
            let width = text[start..].chars().next().map_or(1, char::len_utf8);
            scan.unbalanced.push(base + start..base + start + width);
            open = None;
        }
        if let Some((o, start)) = open {
            let next_text = blocks
                .get(index + 1)
                .filter(|next| next.kind == BlockKind::Paragraph)
                .and_then(|next| prose.get(next.range.clone()));
            let next_opens = block.kind == BlockKind::Paragraph
                && next_text
                    .and_then(|t| t.chars().next())
                    .is_some_and(|first| matches!(mark(first, None, None), Some(Mark::Open(_))));
            // A pull quote whose closing mark follows the source's own line
            // ("“… claims." then "Amy Pope, homeland security adviser.""):
            // it ends there, and its source is that line.
            if next_text.is_some_and(|next| closes_with_source_line(o, next)) {
                scan.quotations
                    .push(quotation(text, base, index, start..text.len(), false, true));
            // "“The quota is too small, Mr Ruiz said." then a quote
            // paragraph: the closing mark was left out before the tag, and
            // the next paragraph is a new quotation, not this one going on.
            } else if next_opens && !ends_with_speaker_tag(&text[start..]) {
                let continues = start == 0 && continuing.is_some();
                scan.quotations.push(quotation(
                    text,
                    base,
                    index,
                    start..text.len(),
                    continues,
                    true,
                ));
                carried = Some(o);
            } else {
                let width = text[start..].chars().next().map_or(1, char::len_utf8);
                scan.unbalanced.push(base + start..base + start + width);
            }
        }
    }
    scan
}

/// Most words a source line under a pull quote has.
const SOURCE_LINE_WORDS: usize = 12;

/// A short line that names a source and closes the quotation opened with
/// `open` above it: "Amy Pope, homeland security adviser."", with no other
/// quotation mark.
pub fn closes_with_source_line(open: char, line: &str) -> bool {
    let line = line.trim();
    let Some(last) = line.chars().next_back() else {
        return false;
    };
    let body = &line[..line.len() - last.len_utf8()];
    closes(open, last)
        && !body.contains(['"', '“', '”', '«', '»', '„'])
        && body.starts_with(|c: char| c.is_uppercase() || "–—-".contains(c))
        && (1..=SOURCE_LINE_WORDS).contains(&body.split_whitespace().count())
}

/// Whether a paragraph ends with a speaker's tag after a comma: ", he
/// said.", ", Mr Ruiz says.", ", said Kessel."
fn ends_with_speaker_tag(paragraph: &str) -> bool {
    let Some((_, tail)) = paragraph.rsplit_once(',') else {
        return false;
    };
    let Some(tag) = tail.trim().strip_suffix('.') else {
        return false;
    };
    let words: Vec<&str> = tag.split_whitespace().collect();
    let is_verb = |w: &&str| REPORTING_VERBS.contains(&w.to_lowercase());
    let names = |ws: &[&str]| {
        !ws.is_empty()
            && ws.iter().all(|w| {
                w.starts_with(char::is_uppercase) || SUBJECT_PRONOUNS.contains(&w.to_lowercase())
            })
    };
    (2..=5).contains(&words.len())
        && match words.split_last() {
            Some((last, before)) if is_verb(last) => names(before),
            _ => words.first().is_some_and(is_verb) && names(&words[1..]),
        }
}

fn quotation(
    text: &str,
    base: usize,
    block: usize,
    range: Range<usize>,
    continues_previous: bool,
    continues_next: bool,
) -> Quotation {
    let open_width = text[range.start..].chars().next().map_or(1, char::len_utf8);
    let close_width = if continues_next {
        0
    } else {
        text[..range.end]
            .chars()
            .next_back()
            .map_or(1, char::len_utf8)
    };
    let inner_start = range.start + open_width;
    let inner_end = (range.end - close_width).max(inner_start);
    let inner_text = &text[inner_start..inner_end];
    let lead = inner_text.len() - inner_text.trim_start().len();
    let trimmed = inner_text.trim();
    Quotation {
        range: base + range.start..base + range.end,
        inner: base + inner_start + lead..base + inner_start + lead + trimmed.len(),
        block,
        continues_previous,
        continues_next,
    }
}

/// The number of words in a quotation's inner text.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inners(text: &str) -> Vec<String> {
        let doc = Document::markdown(text);
        find_quotations(&doc)
            .quotations
            .iter()
            .map(|q| text[q.inner.clone()].to_string())
            .collect()
    }

    #[test]
    fn straight_curly_and_guillemet_quotes_are_found() {
        assert_eq!(
            inners(
                "\"We will stay,\" she said. He added, “It is over.” «Non», dit-il. „Nein“, sagte er."
            ),
            vec!["We will stay,", "It is over.", "Non", "Nein"]
        );
    }

    #[test]
    fn marks_inside_a_markup_tag_are_no_quotation() {
        let doc = Document::plain(
            "<tweet author=\"@ByronYork\" date=\"March 9, 2016\n\">Stands empty.<tweet/> \"We left,\" he said. If a < b, \"x\" is a y.",
        );
        let scan = find_quotations(&doc);
        let found: Vec<&str> = scan
            .quotations
            .iter()
            .map(|q| &doc.prose()[q.inner.clone()])
            .collect();
        assert_eq!(found, vec!["We left,", "x"]);
        assert!(scan.unbalanced.is_empty());
        // A line with no full stop is a block of its own in plain text: the
        // tag goes on in the next one.
        let story = "Rubio spoke.\n\n<tweet date=\"March 9, 2016\n\">Stands empty<tweet/>.\n";
        let doc = Document::for_file(story, std::path::Path::new("story.txt"));
        assert!(find_quotations(&doc).unbalanced.is_empty());
    }

    #[test]
    fn apostrophes_and_nested_single_quotes_stay_inside() {
        assert_eq!(
            inners(
                "“Don’t call it ‘a deal’ yet,” she said of Russia’s ’90s debt and rock ’n’ roll."
            ),
            vec!["Don’t call it ‘a deal’ yet,"]
        );
    }

    #[test]
    fn an_unclosed_mark_is_unbalanced_unless_the_next_paragraph_continues() {
        let doc = Document::markdown("He said: “We will win.\n\nNext paragraph.");
        let scan = find_quotations(&doc);
        assert!(scan.quotations.is_empty());
        assert_eq!(scan.unbalanced.len(), 1);
        assert_eq!(&doc.source()[scan.unbalanced[0].clone()], "“");

        let text =
            "“We will rebuild the port,” Ruiz said. “It will take time.\n\n“But it will be done.”";
        let doc = Document::markdown(text);
        let scan = find_quotations(&doc);
        assert!(scan.unbalanced.is_empty());
        let flags: Vec<(bool, bool)> = scan
            .quotations
            .iter()
            .map(|q| (q.continues_previous, q.continues_next))
            .collect();
        assert_eq!(flags, vec![(false, false), (false, true), (true, false)]);
        assert_eq!(
            &text[scan.quotations[1].inner.clone()],
            "It will take time."
        );
    }

    #[test]
    fn a_quotation_nested_in_curly_marks_stays_inside() {
        let text = "\"Written “at a time of crisis,” the statement lasts.\n\n\"It still does.\"";
        let scan = find_quotations(&Document::markdown(text));
        assert!(scan.unbalanced.is_empty());
        assert_eq!(scan.quotations.len(), 2);
        let text = "She wrote: “Vote for “Settle For Hillary” now.” Then silence.";
        assert_eq!(inners(text), vec!["Vote for “Settle For Hillary” now."]);
        // A mark the wrong way round is still unbalanced.
        let scan = find_quotations(&Document::markdown("“It is unusual,“ said Noble."));
        assert_eq!(scan.unbalanced.len(), 1);
    }

    #[test]
    fn a_closing_mark_left_out_before_the_tag_is_unbalanced() {
        let text = "“The quota is far too small, Mr Ruiz said.\n\n“We will fight it.”";
        let doc = Document::markdown(text);
        let scan = find_quotations(&doc);
        assert_eq!(scan.unbalanced, vec![0..'“'.len_utf8()]);
        assert_eq!(inners(text), vec!["We will fight it."]);
    }

    #[test]
    fn a_pull_quote_closes_after_its_source_line() {
        let text = "\"We have done what the law allows and no more.\n\nAna Ruiz, harbour master.\"";
        let doc = Document::plain(text);
        let scan = find_quotations(&doc);
        assert!(scan.unbalanced.is_empty(), "{:?}", scan.unbalanced);
        assert_eq!(scan.quotations.len(), 1);
        assert!(closes_with_source_line('"', "Ana Ruiz, harbour master.\""));
        assert!(!closes_with_source_line(
            '"',
            "Ana Ruiz said the port \"would close.\""
        ));
    }

    #[test]
    fn a_wrong_way_closer_is_flagged_once_and_the_next_quotation_is_whole() {
        let text = "It ordered an “urgent review“ of the dam and a “full safety audit” by May.";
        let doc = Document::markdown(text);
        let scan = find_quotations(&doc);
        let flagged: Vec<usize> = scan.unbalanced.iter().map(|r| r.start).collect();
        assert_eq!(flagged, vec![text.find('“').unwrap_or_default()]);
        assert_eq!(inners(text), vec!["full safety audit"]);
    }

    #[test]
    fn mixed_straight_and_curly_marks_pair_up() {
        assert_eq!(
            inners("“We agree,\" said Ruiz. \"We always did.” Then silence."),
            vec!["We agree,", "We always did."]
        );
    }

    #[test]
    fn two_straight_quotes_in_a_row_pair_up() {
        assert_eq!(
            inners("He called it \"odd\" and \"late\"."),
            vec!["odd", "late"]
        );
    }

    #[test]
    fn word_counts_ignore_punctuation() {
        assert_eq!(word_count("iron budget"), 2);
        assert_eq!(word_count(" — , "), 0);
    }
}
