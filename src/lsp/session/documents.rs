//! Open documents as ropes, edited incrementally, with their latest
//! analysis. Session state: it stores and mutates, and never schedules.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use ropey::Rope;
use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, Uri};

use super::projects::ProjectKey;
use crate::document::DocumentKind;
use crate::lsp::analysis::Analysis;
use crate::lsp::position::{PositionEncoding, bytes_of_range};

/// One document the client has open.
pub struct OpenDocument {
    pub path: Option<PathBuf>,
    pub kind: DocumentKind,
    pub rope: Rope,
    pub version: i32,
    /// The project (config, rules, corpus) that lints it, once resolved.
    pub project: Option<ProjectKey>,
    /// Bumped on every scheduling of an analysis; a debounced analysis runs
    /// only if no later one was scheduled meanwhile.
    pub ticket: u64,
    /// The latest finished analysis, of whatever version it was.
    pub analysis: Option<Arc<Analysis>>,
    /// Set when this version is superseded, to stop its analyses.
    pub cancel: Arc<AtomicBool>,
}

impl OpenDocument {
    pub fn new(uri: &Uri, text: &str, version: i32) -> OpenDocument {
        let path = uri.to_file_path().map(|p| p.into_owned());
        let kind = match &path {
            Some(path) => DocumentKind::from_path(path),
            // Untitled buffers are most often Markdown drafts.
            None => DocumentKind::Markdown,
        };
        OpenDocument {
            path,
            kind,
            rope: Rope::from_str(text),
            version,
            project: None,
            ticket: 0,
            analysis: None,
            cancel: Arc::default(),
        }
    }

    /// A new version: analyses of the old one stop at their next step.
    pub fn set_version(&mut self, version: i32) {
        self.version = version;
        self.cancel_analyses();
        self.cancel = Arc::default();
    }

    /// Stop every analysis running on this document's current version.
    pub fn cancel_analyses(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Apply one content change; `None` range replaces the whole text.
    pub fn apply_change(
        &mut self,
        change: &TextDocumentContentChangeEvent,
        encoding: PositionEncoding,
    ) {
        match change.range {
            None => self.rope = Rope::from_str(&change.text),
            Some(range) => {
                let bytes = bytes_of_range(&self.rope, range, encoding);
                let start = self.rope.byte_to_char(bytes.start);
                let end = self.rope.byte_to_char(bytes.end);
                self.rope.remove(start..end);
                self.rope.insert(start, &change.text);
            }
        }
    }

    /// The analysis of the current version, if it is done.
    pub fn current_analysis(&self, generation: u64) -> Option<Arc<Analysis>> {
        self.analysis
            .clone()
            .filter(|a| a.version == self.version && a.generation == generation)
    }
}

/// Every open document, by URI as the client spelled it.
#[derive(Default)]
pub struct Documents {
    pub open: HashMap<Uri, OpenDocument>,
}

#[cfg(test)]
mod tests {
    use tower_lsp_server::ls_types::{Position, Range};

    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position::new(line, character)
    }

    #[test]
    fn incremental_changes_edit_the_rope() {
        let uri: Uri = "file:///tmp/a.md".parse().unwrap();
        let mut doc = OpenDocument::new(&uri, "Київ and Kiev\n", 1);
        let change = TextDocumentContentChangeEvent {
            range: Some(Range::new(pos(0, 9), pos(0, 13))),
            range_length: None,
            text: "Kyiv".into(),
        };
        doc.apply_change(&change, PositionEncoding::Utf16);
        assert_eq!(doc.rope.to_string(), "Київ and Kyiv\n");
        assert_eq!(doc.kind, DocumentKind::Markdown);
    }
}

#[cfg(test)]
mod sync_properties {
    use proptest::prelude::*;
    use tower_lsp_server::ls_types::Range;

    use crate::lsp::position::position_of_byte;

    use super::*;

    /// A character boundary near `fraction` of the text, never between the
    /// `\r` and `\n` of one line break (no position names that place).
    fn boundary(text: &str, fraction: f64) -> usize {
        let mut at = ((text.len() as f64) * fraction) as usize;
        while !text.is_char_boundary(at)
            || (at > 0 && text[..at].ends_with('\r') && text[at..].starts_with('\n'))
        {
            at -= 1;
        }
        at
    }

    fn piece() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "a", "Kyiv ", "é", "Київ", "😀", "🇺🇦", "\n", "\r\n", "\r", " ", "“q”", "\u{301}",
        ])
        .prop_map(str::to_string)
    }

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(piece(), 0..30).prop_map(|p| p.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(
            std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(1_000)
        ))]

        #[test]
        fn the_rope_follows_any_edit_sequence(
            initial in text(),
            edits in prop::collection::vec((0.0..=1.0f64, 0.0..=1.0f64, text()), 1..12),
            utf16 in any::<bool>(),
        ) {
            let encoding = if utf16 { PositionEncoding::Utf16 } else { PositionEncoding::Utf8 };
            let uri: Uri = "file:///tmp/a.md".parse().unwrap();
            let mut document = OpenDocument::new(&uri, &initial, 1);
            let mut client = initial.clone();
            for (a, b, replacement) in edits {
                let (start, end) = {
                    let (x, y) = (boundary(&client, a), boundary(&client, b));
                    (x.min(y), x.max(y))
                };
                // The client's positions, from a rope of its own text.
                let client_rope = Rope::from_str(&client);
                let change = TextDocumentContentChangeEvent {
                    range: Some(Range::new(
                        position_of_byte(&client_rope, start, encoding),
                        position_of_byte(&client_rope, end, encoding),
                    )),
                    range_length: None,
                    text: replacement.clone(),
                };
                document.apply_change(&change, encoding);
                client.replace_range(start..end, &replacement);
                prop_assert_eq!(document.rope.to_string(), client.clone());
            }
        }
    }
}
