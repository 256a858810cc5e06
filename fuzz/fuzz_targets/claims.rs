//! The quantity and claim extractor: any text gives claims whose ranges lie
//! in their sentence.
#![no_main]

use copydesk::Document;
use copydesk::text::claims::document_claims;
use copydesk::text::quantities::quantities;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let doc = Document::markdown(text.to_string());
    for (sentence, claims) in document_claims(&doc) {
        assert!(sentence.end <= text.len());
        for claim in claims {
            assert!(claim.range.start >= sentence.start && claim.range.end <= sentence.end);
        }
    }
    for (_, sentence) in doc.sentences() {
        for quantity in quantities(doc.prose(), sentence.clone()) {
            assert!(quantity.range.end <= sentence.end);
        }
    }
});
