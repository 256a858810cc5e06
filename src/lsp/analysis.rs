//! One lint run of one document version: the immutable snapshot the
//! session hands out, and the analysis it yields. Runs on the blocking pool
//! and knows nothing of scheduling or publishing.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use ropey::Rope;
use tower_lsp_server::ls_types::Diagnostic;

use super::diagnostics::{EvidenceSource, diagnostic};
use super::panic::panic_message;
use super::position::PositionEncoding;
use crate::corpus::Corpus;
use crate::document::{Document, DocumentKind};
use crate::finding::Report;
use crate::linter::Linter;
use crate::workspace::postgres::{DatabaseLink, Reachability};

/// What one lint run of one document version found.
pub struct Analysis {
    pub version: i32,
    /// The project generation (rules, corpus, settings) it was made with.
    pub generation: u64,
    /// The text that was analysed; the report's byte ranges point into it.
    pub rope: Rope,
    pub report: Report,
    pub diagnostics: Vec<Diagnostic>,
    /// Why the corpus database could not answer: the report then holds
    /// only what the checks find without a corpus.
    pub corpus_problem: Option<String>,
    /// Whether the database went away or came back with this run.
    pub reachability: Option<Reachability>,
}

impl Analysis {
    /// Identifies this result for `previousResultId` in pull diagnostics.
    pub fn result_id(&self) -> String {
        format!("{}:{}", self.version, self.generation)
    }
}

/// Everything a lint run needs, taken from the session in one go.
pub struct DocumentSnapshot {
    pub rope: Rope,
    pub version: i32,
    pub kind: DocumentKind,
    /// The file's path, for the dateline in its name.
    pub path: Option<std::path::PathBuf>,
    /// False for copydesk's own TOML files, which are not prose.
    pub lint: bool,
    pub linter: Arc<Linter>,
    /// The corpus database the linter's corpus is asked of, when it is one.
    pub database: Option<Arc<DatabaseLink>>,
    pub generation: u64,
    pub texts: Arc<dyn EvidenceSource>,
    pub encoding: PositionEncoding,
    /// Set once the version is superseded: the run stops and returns `None`.
    pub cancel: Arc<AtomicBool>,
}

impl DocumentSnapshot {
    /// Lint and convert; `None` when a newer version cancelled the run. A
    /// panic in a check becomes an error message instead of taking the
    /// server down.
    pub fn run(self) -> Result<Option<Analysis>, String> {
        catch_unwind(AssertUnwindSafe(|| {
            let source = self.rope.to_string();
            let mut corpus_problem = None;
            let mut reachability = None;
            let report = if self.lint {
                let mut doc =
                    Document::new(source.clone(), self.kind).with_cancel_flag(self.cancel.clone());
                if let Some(path) = &self.path {
                    doc = doc.with_file_name_date(path);
                }
                let report = match &self.database {
                    None => self.linter.lint(&doc),
                    Some(database) => {
                        let outcome = database.lint(&self.linter, &doc);
                        reachability = database.note(&outcome);
                        match outcome {
                            Ok(report) => report,
                            Err(problem) => {
                                corpus_problem = Some(problem);
                                without_corpus(&self.linter).lint(&doc)
                            }
                        }
                    }
                };
                if doc.is_cancelled() {
                    return None;
                }
                report
            } else {
                Report::default()
            };
            let diagnostics = report
                .findings
                .iter()
                .map(|f| diagnostic(f, &source, &self.rope, &*self.texts, self.encoding))
                .collect();
            Some(Analysis {
                version: self.version,
                generation: self.generation,
                rope: self.rope.clone(),
                report,
                diagnostics,
                corpus_problem,
                reachability,
            })
        }))
        .map_err(|panic| format!("analysis failed: {}", panic_message(&*panic)))
    }
}

/// The linter's rules and settings with no corpus: what still runs while
/// the corpus database is away.
fn without_corpus(linter: &Linter) -> Linter {
    Linter::new(
        linter.rules().clone(),
        Arc::new(Corpus::empty()),
        linter.settings().clone(),
    )
}

/// Config and rules files are shown their own problems, not linted as prose.
pub fn is_prose(path: Option<&Path>) -> bool {
    !path.is_some_and(|p| {
        p.extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
    })
}
