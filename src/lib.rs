//! copydesk: an editorial linter for newsrooms.
//!
//! The library is the analysis core and does no I/O while analysing: a
//! [`Document`] goes in, a [`Report`] of findings with byte ranges comes out.
//! [`workspace`] loads configuration, rules and the reference corpus from
//! disk for the front ends (the CLI in `cli`, the language server in `lsp`).

pub mod checks;
pub mod cli;
pub mod config;
pub mod corpus;
pub mod document;
pub mod finding;
pub mod fix;
pub mod lang;
pub mod linter;
pub mod lsp;
pub mod offsets;
pub mod output;
pub mod rules;
pub mod text;
pub mod workspace;

pub use document::{Document, DocumentKind};
pub use finding::{Annotation, Evidence, Finding, LineCol, Report, Severity};
pub use linter::Linter;
pub use rules::RuleSet;
