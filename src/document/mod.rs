//! The document model: source text, a prose view with the same byte offsets,
//! blocks (paragraphs, headings) and their sentences, and inline suppressions.
//!
//! The prose view is the heart of it. It is a copy of the source in which
//! every byte that is not prose (code, URLs, Markdown markup, HTML comments,
//! front matter) is replaced by a space, newlines kept. Because it has exactly
//! the source's length, any byte range a check finds in the prose view is
//! already a byte range into the source: no offset mapping can go wrong.
//!
//! Owns the document model, sentence splitting and text from file bytes;
//! may import `lang`, `finding` and `offsets`.

mod bytes;
mod lines;
mod markdown;
mod plaintext;
mod segment;
mod suppress;

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::lang::calendar::{Day, day_of_path};
use crate::lang::dateline::{dateline, read_day};

/// The `date:` line of front matter, as a day.
fn front_matter_day(block: &str) -> Option<Day> {
    block
        .lines()
        .find_map(|line| line.trim().strip_prefix("date"))
        .map(|rest| rest.trim_start_matches([' ', ':', '=']))
        .and_then(read_day)
}

pub use bytes::text_from_bytes;
pub use lines::LineIndex;
pub use segment::split_sentences;
pub use suppress::Suppressions;

use crate::finding::LineCol;

/// How the source text is to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocumentKind {
    Markdown,
    PlainText,
}

impl DocumentKind {
    /// Markdown for `.md`, `.markdown`, `.mdx` and `.mdown`; plain text otherwise.
    pub fn from_path(path: &Path) -> Self {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("md" | "markdown" | "mdx" | "mdown" | "mkd") => DocumentKind::Markdown,
            _ => DocumentKind::PlainText,
        }
    }
}

/// What sort of text block a run of prose is. Checks treat headings
/// differently (headline Title Case is not a run of names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BlockKind {
    Paragraph,
    Heading,
    /// A list item's own text (a tight list has no paragraph inside).
    ListItem,
    TableCell,
}

/// A paragraph-like unit of prose with its sentences. Ranges are byte ranges
/// into the source (and the prose view), trimmed of surrounding whitespace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub range: Range<usize>,
    pub sentences: Vec<Range<usize>>,
    /// True when the block sits inside a Markdown block quote.
    pub in_blockquote: bool,
}

/// The output of a parser: the prose view and the blocks found in it, plus
/// the HTML comments (for suppressions) and front matter range.
#[derive(Debug, Clone, Default)]
pub(crate) struct Parsed {
    pub prose: String,
    /// Block ranges with their kinds; sentences are filled in afterwards.
    pub blocks: Vec<(BlockKind, Range<usize>, bool)>,
    /// Byte ranges of HTML comments, `<!--` to `-->` inclusive.
    pub comments: Vec<Range<usize>>,
    pub front_matter: Option<Range<usize>>,
}

/// A source text analysed into blocks and sentences. Building one does no I/O.
#[derive(Debug, Clone)]
pub struct Document {
    source: String,
    kind: DocumentKind,
    prose: String,
    blocks: Vec<Block>,
    front_matter: Option<Range<usize>>,
    suppressions: Suppressions,
    lines: LineIndex,
    /// The day it was written, when its front matter, its first lines or
    /// its file name say.
    dateline: Option<Day>,
    /// Set by a front end when the result is no longer wanted (a newer
    /// version of the text arrived); the checks stop at their next step.
    cancelled: Option<Arc<AtomicBool>>,
}

impl Document {
    pub fn new(source: impl Into<String>, kind: DocumentKind) -> Self {
        let source = source.into();
        let mut parsed = match kind {
            DocumentKind::Markdown => markdown::parse(&source),
            DocumentKind::PlainText => plaintext::parse(&source),
        };
        debug_assert_eq!(parsed.prose.len(), source.len());
        // A dateline is no part of the story's first sentence: its date is
        // the article's, not a date the story tells.
        let stated = dateline(&parsed.prose);
        if let Some(found) = &stated {
            let blank = " ".repeat(found.range.len());
            parsed.prose.replace_range(found.range.clone(), &blank);
        }
        let blocks = parsed
            .blocks
            .into_iter()
            .map(|(kind, range, in_blockquote)| Block {
                sentences: split_sentences(&parsed.prose, range.clone()),
                kind,
                range,
                in_blockquote,
            })
            .collect();
        let lines = LineIndex::new(&source);
        let suppressions = Suppressions::from_comments(&source, &parsed.comments, &lines);
        let dateline = parsed
            .front_matter
            .clone()
            .and_then(|range| source.get(range))
            .and_then(front_matter_day)
            .or(stated.map(|found| found.day));
        Document {
            cancelled: None,
            dateline,
            prose: parsed.prose,
            front_matter: parsed.front_matter,
            blocks,
            suppressions,
            lines,
            kind,
            source,
        }
    }

    /// A file's document: its kind and dateline from its name.
    pub fn for_file(source: impl Into<String>, path: &Path) -> Self {
        Document::new(source, DocumentKind::from_path(path)).with_file_name_date(path)
    }

    /// Let `flag` cancel the analysis of this document: once it is set, the
    /// checks stop early and their report is partial, for the caller to drop.
    pub fn with_cancel_flag(mut self, flag: Arc<AtomicBool>) -> Self {
        self.cancelled = Some(flag);
        self
    }

    /// Whether the caller no longer wants this document's analysis.
    pub fn is_cancelled(&self) -> bool {
        self.cancelled
            .as_ref()
            .is_some_and(|flag| flag.load(Ordering::Relaxed))
    }

    /// Convenience for tests and stdin: Markdown unless told otherwise.
    pub fn markdown(source: impl Into<String>) -> Self {
        Document::new(source, DocumentKind::Markdown)
    }

    pub fn plain(source: impl Into<String>) -> Self {
        Document::new(source, DocumentKind::PlainText)
    }

    pub fn source(&self) -> &str {
        &self.source
    }

    pub fn kind(&self) -> DocumentKind {
        self.kind
    }

    /// The source with every non-prose byte blanked; same length as `source`.
    pub fn prose(&self) -> &str {
        &self.prose
    }

    /// Prose text of a byte range (the range comes from this document).
    pub fn prose_slice(&self, range: Range<usize>) -> &str {
        self.prose.get(range).unwrap_or("")
    }

    pub fn blocks(&self) -> &[Block] {
        &self.blocks
    }

    /// Every sentence of every block, with the block it belongs to.
    pub fn sentences(&self) -> impl Iterator<Item = (&Block, Range<usize>)> {
        self.blocks
            .iter()
            .flat_map(|block| block.sentences.iter().map(move |s| (block, s.clone())))
    }

    pub fn front_matter(&self) -> Option<&str> {
        self.front_matter
            .clone()
            .and_then(|range| self.source.get(range))
    }

    /// The day the document was written: its front matter's `date:`, else
    /// a dateline or date stamp in its first lines, else the date in the
    /// file name given to `with_file_name_date`.
    pub fn dateline(&self) -> Option<Day> {
        self.dateline
    }

    /// Take the dateline from a `2025-11-24` in the file's name when the
    /// front matter gives none.
    pub fn with_file_name_date(mut self, path: &Path) -> Self {
        self.dateline = self.dateline.or_else(|| day_of_path(path));
        self
    }

    pub fn suppressions(&self) -> &Suppressions {
        &self.suppressions
    }

    pub fn line_index(&self) -> &LineIndex {
        &self.lines
    }

    /// 1-based line and column (in Unicode scalar values) of a byte offset.
    pub fn line_col(&self, offset: usize) -> LineCol {
        self.lines.line_col(&self.source, offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_follows_extension() {
        assert_eq!(
            DocumentKind::from_path(Path::new("a/b.MD")),
            DocumentKind::Markdown
        );
        assert_eq!(
            DocumentKind::from_path(Path::new("a/b.txt")),
            DocumentKind::PlainText
        );
        assert_eq!(
            DocumentKind::from_path(Path::new("noext")),
            DocumentKind::PlainText
        );
    }

    #[test]
    fn prose_view_keeps_source_length() {
        let src = "# Title\n\nSee `Kiev` at <https://example.com/ü>.\n";
        let doc = Document::markdown(src);
        assert_eq!(doc.prose().len(), src.len());
        assert!(!doc.prose().contains("Kiev"));
    }
}
