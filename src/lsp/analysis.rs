//! Running the linter on a document version and delivering the result:
//! debounced after edits, at once on open and reload, on the blocking pool,
//! and never published once the document (or its project) has moved on.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use ropey::Rope;
use tower_lsp_server::ls_types::{
    Diagnostic, DocumentDiagnosticReport, DocumentDiagnosticReportResult,
    FullDocumentDiagnosticReport, MessageType, RelatedFullDocumentDiagnosticReport,
    RelatedUnchangedDocumentDiagnosticReport, UnchangedDocumentDiagnosticReport, Uri,
};

use super::backend::Backend;
use super::convert::{EvidenceTexts, diagnostic};
use super::documents::PositionEncoding;
use super::lock;
use crate::document::{Document, DocumentKind};
use crate::finding::Report;
use crate::linter::Linter;

/// What one lint run of one document version found.
pub struct Analysis {
    pub version: i32,
    /// The project generation (rules, corpus, settings) it was made with.
    pub generation: u64,
    /// The text that was analysed; the report's byte ranges point into it.
    pub rope: Rope,
    pub report: Report,
    pub diagnostics: Vec<Diagnostic>,
}

impl Analysis {
    /// Identifies this result for `previousResultId` in pull diagnostics.
    pub fn result_id(&self) -> String {
        format!("{}:{}", self.version, self.generation)
    }
}

/// Everything a lint run needs, taken from the shared state in one go.
pub struct Snapshot {
    pub rope: Rope,
    pub version: i32,
    pub kind: DocumentKind,
    /// The file's path, for the dateline in its name.
    pub path: Option<std::path::PathBuf>,
    /// False for copydesk's own TOML files, which are not prose.
    pub lint: bool,
    pub linter: Arc<Linter>,
    pub generation: u64,
    pub texts: EvidenceTexts,
    pub encoding: PositionEncoding,
}

impl Snapshot {
    /// Lint and convert. A panic in a check becomes an error message
    /// instead of taking the server down.
    pub fn run(self) -> Result<Analysis, String> {
        catch_unwind(AssertUnwindSafe(|| {
            let source = self.rope.to_string();
            let report = if self.lint {
                let mut doc = Document::new(source.clone(), self.kind);
                if let Some(path) = &self.path {
                    doc = doc.with_file_name_date(path);
                }
                self.linter.lint(&doc)
            } else {
                Report::default()
            };
            let diagnostics = report
                .findings
                .iter()
                .map(|f| diagnostic(f, &source, &self.rope, &self.texts, self.encoding))
                .collect();
            Analysis {
                version: self.version,
                generation: self.generation,
                rope: self.rope.clone(),
                report,
                diagnostics,
            }
        }))
        .map_err(|panic| format!("analysis failed: {}", super::panic_message(&*panic)))
    }
}

/// Config and rules files are shown their own problems, not linted as prose.
pub fn is_prose(path: Option<&Path>) -> bool {
    !path.is_some_and(|p| {
        p.extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
    })
}

impl Backend {
    /// Analyse `uri` after `delay` unless another analysis is scheduled
    /// meanwhile, then publish the diagnostics.
    pub fn schedule(&self, uri: Uri, delay: Duration) {
        let ticket = {
            let mut documents = lock(&self.documents);
            let Some(doc) = documents.open.get_mut(&uri) else {
                return;
            };
            doc.ticket += 1;
            doc.ticket
        };
        let this = self.clone();
        tokio::spawn(async move {
            if !delay.is_zero() {
                tokio::time::sleep(delay).await;
            }
            let still_latest = lock(&this.documents)
                .open
                .get(&uri)
                .is_some_and(|doc| doc.ticket == ticket);
            if !still_latest {
                return;
            }
            if let Some(analysis) = this.analyse_now(&uri).await {
                this.publish(&uri, &analysis).await;
            }
        });
    }

    /// The analysis of the document's current version with its project's
    /// current rules and corpus: the cached one, or a fresh run.
    pub async fn analyse_now(&self, uri: &Uri) -> Option<Arc<Analysis>> {
        let key = self.project_of(uri).await?;
        let snapshot = {
            // Lock order everywhere: documents, then projects.
            let documents = lock(&self.documents);
            let doc = documents.open.get(uri)?;
            let projects = lock(&self.projects);
            let project = projects.get(&key)?;
            if let Some(done) = doc.current_analysis(project.generation) {
                return Some(done);
            }
            Snapshot {
                rope: doc.rope.clone(),
                version: doc.version,
                kind: doc.kind,
                path: doc.path.clone(),
                lint: is_prose(doc.path.as_deref()),
                linter: project.linter.clone(),
                generation: project.generation,
                texts: EvidenceTexts {
                    corpus: project.corpus.clone(),
                    articles: project.articles.clone(),
                    files: self.evidence_files.clone(),
                },
                encoding: self.caps().encoding,
            }
        };
        let analysis = match tokio::task::spawn_blocking(move || snapshot.run()).await {
            Ok(Ok(analysis)) => Arc::new(analysis),
            Ok(Err(message)) => {
                self.log(MessageType::ERROR, message).await;
                return None;
            }
            Err(error) => {
                self.log(MessageType::ERROR, format!("analysis failed: {error}"))
                    .await;
                return None;
            }
        };
        if let Some(doc) = lock(&self.documents).open.get_mut(uri)
            && doc.version == analysis.version
        {
            doc.analysis = Some(analysis.clone());
        }
        Some(analysis)
    }

    /// Push `analysis` unless the document has changed since, or a result
    /// for the same version and generation went out already. The lock keeps
    /// the check and the send together, so an older result can never
    /// overtake a newer one.
    pub async fn publish(&self, uri: &Uri, analysis: &Analysis) {
        let mut published = self.published.lock().await;
        let current = {
            let documents = lock(&self.documents);
            let projects = lock(&self.projects);
            documents.open.get(uri).is_some_and(|doc| {
                doc.version == analysis.version
                    && doc
                        .project
                        .as_ref()
                        .and_then(|key| projects.get(key))
                        .is_some_and(|p| p.generation == analysis.generation)
            })
        };
        let stamp = (analysis.version, analysis.generation);
        if !current || published.get(uri) == Some(&stamp) {
            return;
        }
        published.insert(uri.clone(), stamp);
        self.client
            .publish_diagnostics(
                uri.clone(),
                analysis.diagnostics.clone(),
                Some(analysis.version),
            )
            .await;
    }

    /// Answer a `textDocument/diagnostic` pull.
    pub async fn pull(
        &self,
        uri: &Uri,
        previous_result_id: Option<&str>,
    ) -> Option<DocumentDiagnosticReportResult> {
        let analysis = self.analyse_now(uri).await?;
        let result_id = analysis.result_id();
        let report = if previous_result_id == Some(result_id.as_str()) {
            DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
                related_documents: None,
                unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                    result_id,
                },
            })
        } else {
            DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport {
                    result_id: Some(result_id),
                    items: analysis.diagnostics.clone(),
                },
            })
        };
        Some(DocumentDiagnosticReportResult::Report(report))
    }
}
