//! The checks. Each lives in its own module and implements [`Check`]: it is
//! built once from the rules and the corpus (compiling whatever it needs),
//! then run on any number of documents.

pub mod claims;
pub mod name_spelling;
pub mod quotes;

use std::sync::Arc;

use crate::corpus::Corpus;
use crate::document::Document;
use crate::finding::Report;
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
    /// Every code this check can emit.
    fn codes(&self) -> &'static [&'static str];

    /// Analyse `doc`, appending to `report`. Must not do I/O or panic.
    fn run(&self, doc: &Document, report: &mut Report);
}

/// Every finding code copydesk knows, for validating configuration.
pub const ALL_CODES: &[&str] = &[
    name_spelling::CODE,
    quotes::UNATTRIBUTED,
    quotes::SCARE,
    quotes::UNBALANCED,
    quotes::MISQUOTE,
    quotes::MISATTRIBUTED,
    claims::CODE,
];

/// Every check, built from `context`.
pub fn all_checks(context: &CheckContext) -> Vec<Box<dyn Check>> {
    vec![
        Box::new(name_spelling::NameSpelling::new(context)),
        Box::new(quotes::QuoteCheck::new(context)),
        Box::new(claims::ClaimCheck::new(context)),
    ]
}
