//! Running the linter on a document version and delivering the result:
//! debounced after edits, at once on open and reload, on the blocking pool,
//! and never published once the document (or its project) has moved on.

use std::sync::Arc;
use std::time::Duration;

use tower_lsp_server::ls_types::{
    DocumentDiagnosticReport, DocumentDiagnosticReportResult, FullDocumentDiagnosticReport,
    MessageType, RelatedFullDocumentDiagnosticReport, RelatedUnchangedDocumentDiagnosticReport,
    UnchangedDocumentDiagnosticReport, Uri,
};

use super::backend::Backend;
use super::convert::EvidenceTexts;
use super::locks::lock;
use super::snapshot::{Analysis, Snapshot, is_prose};

/// Runs of one request's analysis that reloads may cancel before it gives
/// up (each reload re-lints, so more than a few in a row is a storm).
const ANALYSIS_ATTEMPTS: usize = 4;

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
        // A corpus or rules reload re-lints the open documents, cancelling
        // an analysis of the same version under way: a request (a hover)
        // then takes the new analysis rather than answering nothing. A
        // newer version ends it; the client asks again for that one.
        for _ in 0..ANALYSIS_ATTEMPTS {
            match self.analyse_once(uri).await {
                Ok(analysis) => return Some(analysis),
                Err(Some(version)) if self.version_of(uri) == Some(version) => continue,
                Err(_) => return None,
            }
        }
        None
    }

    fn version_of(&self, uri: &Uri) -> Option<i32> {
        lock(&self.documents).open.get(uri).map(|doc| doc.version)
    }

    /// One run of [`Backend::analyse_now`]; `Err(Some(version))` when it
    /// was cancelled, `Err(None)` when it failed or there is nothing to
    /// analyse.
    async fn analyse_once(&self, uri: &Uri) -> Result<Arc<Analysis>, Option<i32>> {
        let key = self.project_of(uri).await.ok_or(None)?;
        let snapshot = {
            // Lock order everywhere: documents, then projects.
            let documents = lock(&self.documents);
            let doc = documents.open.get(uri).ok_or(None)?;
            let projects = lock(&self.projects);
            let project = projects.get(&key).ok_or(None)?;
            if let Some(done) = doc.current_analysis(project.generation) {
                return Ok(done);
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
                cancel: doc.cancel.clone(),
            }
        };
        let version = snapshot.version;
        let analysis = match tokio::task::spawn_blocking(move || snapshot.run()).await {
            Ok(Ok(Some(analysis))) => Arc::new(analysis),
            Ok(Ok(None)) => {
                self.log(
                    MessageType::LOG,
                    format!(
                        "analysis of {} version {version} cancelled by a newer version or a reload",
                        uri.as_str()
                    ),
                )
                .await;
                return Err(Some(version));
            }
            Ok(Err(message)) => {
                self.log(MessageType::ERROR, message).await;
                return Err(None);
            }
            Err(error) => {
                self.log(MessageType::ERROR, format!("analysis failed: {error}"))
                    .await;
                return Err(None);
            }
        };
        if let Some(doc) = lock(&self.documents).open.get_mut(uri)
            && doc.version == analysis.version
        {
            doc.analysis = Some(analysis.clone());
        }
        Ok(analysis)
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
