//! Quotation finding and attribution: any text gives quotations inside the
//! source, and attribution never panics.
#![no_main]

use std::sync::OnceLock;

use copydesk::text::attribution::{Cues, attribute};
use copydesk::text::quotes::find_quotations;
use copydesk::{Document, RuleSet};
use libfuzzer_sys::fuzz_target;

fn cues() -> &'static Cues {
    static CUES: OnceLock<Cues> = OnceLock::new();
    CUES.get_or_init(|| Cues::new(&RuleSet::defaults().quotes))
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let doc = Document::markdown(text.to_string());
    let scan = find_quotations(&doc);
    for quotation in &scan.quotations {
        assert!(quotation.range.end <= text.len());
        assert!(quotation.range.start <= quotation.inner.start);
        assert!(quotation.inner.end <= quotation.range.end);
    }
    let records = attribute(&doc, &scan, cues(), 3);
    assert_eq!(records.len(), scan.quotations.len());
});
