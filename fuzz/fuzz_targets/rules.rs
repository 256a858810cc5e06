//! Rules and config loading: any text loads, or reports an error with a
//! position inside it.
#![no_main]

use std::path::Path;

use copydesk::RuleSet;
use copydesk::config::Config;
use copydesk::rules::RuleSource;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).to_string();
    let source = RuleSource {
        path: "rules/house.toml".into(),
        text: text.clone(),
    };
    let (_, errors) = RuleSet::from_sources(&[source]);
    for error in errors {
        assert!(error.range.start <= error.range.end && error.range.end <= text.len());
        assert!(error.start.line >= 1);
    }
    if let Err(error) = Config::parse(&text, Path::new("copydesk.toml")) {
        assert!(error.line >= 1 && error.column >= 1);
    }
});
