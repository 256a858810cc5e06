//! The checks. Each lives in its own module and implements [`Check`]: it is
//! built once from the rules and the corpus (compiling whatever it needs),
//! then run on any number of documents. The [`REGISTRY`] lists each check
//! with the codes it emits: every list of codes is derived from it.
//! May import `corpus`, `text`, `lang`, `rules`, `document` and `finding`.

pub mod claims;
pub mod name_spelling;
pub mod quotes;

use std::sync::Arc;

use crate::corpus::Corpus;
use crate::document::Document;
use crate::finding::{Code, Report};
use crate::rules::RuleSet;

/// What every check is built from.
#[derive(Debug, Clone)]
pub struct CheckContext {
    pub rules: Arc<RuleSet>,
    pub corpus: Arc<Corpus>,
}

/// One check: a module that reads a document and reports findings (and
/// annotations for hovers) into a shared report.
pub trait Check: Send + Sync {
    /// Analyse `doc`, appending to `report`. Must not do I/O or panic.
    fn run(&self, doc: &Document, report: &mut Report);
}

/// A check as the registry knows it: the codes it emits, and how it is
/// built.
pub struct Registered {
    pub codes: &'static [Code],
    pub build: fn(&CheckContext) -> Box<dyn Check>,
}

/// Every check, in the order they run.
pub const REGISTRY: &[Registered] = &[name_spelling::CHECK, quotes::CHECK, claims::CHECK];

/// Every code copydesk emits, check by check.
pub fn all_codes() -> impl Iterator<Item = Code> {
    REGISTRY
        .iter()
        .flat_map(|check| check.codes.iter().copied())
}

/// The code called `name`, if copydesk has one.
pub fn code_named(name: &str) -> Option<Code> {
    all_codes().find(|code| code.as_str() == name)
}

/// Every code's name, for messages that list them.
pub fn code_names() -> String {
    all_codes().map(Code::as_str).collect::<Vec<_>>().join(", ")
}

/// "1 article", "3 articles": a count for a message.
pub(crate) fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// Every check with at least one code `wanted`, built from `context`.
pub fn build_checks(context: &CheckContext, wanted: impl Fn(Code) -> bool) -> Vec<Box<dyn Check>> {
    REGISTRY
        .iter()
        .filter(|check| check.codes.iter().any(|&code| wanted(code)))
        .map(|check| (check.build)(context))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_emitted_by_exactly_one_check_and_named_once() {
        let every = [
            Code::NameSpelling,
            Code::UnattributedQuote,
            Code::ScareQuote,
            Code::UnbalancedQuote,
            Code::Misquote,
            Code::MisattributedQuote,
            Code::ClaimConflict,
        ];
        for code in every {
            // Exhaustive: a new code fails to compile here until listed.
            match code {
                Code::NameSpelling
                | Code::UnattributedQuote
                | Code::ScareQuote
                | Code::UnbalancedQuote
                | Code::Misquote
                | Code::MisattributedQuote
                | Code::ClaimConflict => {}
            }
            assert_eq!(all_codes().filter(|&c| c == code).count(), 1, "{code}");
            assert_eq!(code_named(code.as_str()), Some(code));
        }
        assert_eq!(all_codes().count(), every.len());
        assert_eq!(code_named("no-such-code"), None);
    }
}
