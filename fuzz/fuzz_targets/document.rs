//! The document parser: any bytes, as Markdown and as plain text, give a
//! prose view of the source's length and sentences on character boundaries.
#![no_main]

use copydesk::{Document, DocumentKind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for kind in [DocumentKind::Markdown, DocumentKind::PlainText] {
        let doc = Document::new(text.to_string(), kind);
        assert_eq!(doc.prose().len(), text.len());
        for (_, sentence) in doc.sentences() {
            assert!(sentence.start <= sentence.end && sentence.end <= text.len());
            assert!(doc.prose().is_char_boundary(sentence.start));
            assert!(doc.prose().is_char_boundary(sentence.end));
        }
        let _ = doc.line_col(text.len());
    }
});
