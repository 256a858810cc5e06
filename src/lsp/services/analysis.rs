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

use super::corpus::corpus_status;
use super::projects::project_of;
use super::{Event, Services};
use crate::lsp::analysis::Analysis;
use crate::lsp::protocol::CorpusState;
use crate::lsp::session::{Prepared, ProjectKey};
use crate::workspace::postgres::Reachability;

/// Runs of one request's analysis that reloads may cancel before it gives
/// up (each reload re-lints, so more than a few in a row is a storm).
const ANALYSIS_ATTEMPTS: usize = 4;

/// Analyse `uri` after `delay` unless another analysis is scheduled
/// meanwhile, then publish the diagnostics.
pub fn schedule(services: &Services, uri: Uri, delay: Duration) {
    let Some(ticket) = services.session.next_ticket(&uri) else {
        return;
    };
    let services = services.clone();
    tokio::spawn(async move {
        if !delay.is_zero() {
            tokio::time::sleep(delay).await;
        }
        if !services.session.is_latest_ticket(&uri, ticket) {
            return;
        }
        if let Some(analysis) = analyse_now(&services, &uri).await {
            publish(&services, &uri, &analysis).await;
        }
    });
}

/// Re-analyse every open document of a project (push), or ask a pulling
/// client to pull again.
pub fn relint(services: &Services, key: &ProjectKey) {
    let caps = services.session.caps();
    if caps.pull_diagnostics {
        if caps.diagnostic_refresh {
            let client = services.client.clone();
            tokio::spawn(async move {
                let _ = client.workspace_diagnostic_refresh().await;
            });
        }
        return;
    }
    for uri in services.session.documents_of(key) {
        schedule(services, uri, Duration::ZERO);
    }
}

/// The analysis of the document's current version with its project's
/// current rules and corpus: the cached one, or a fresh run.
pub async fn analyse_now(services: &Services, uri: &Uri) -> Option<Arc<Analysis>> {
    // A corpus or rules reload re-lints the open documents, cancelling
    // an analysis of the same version under way: a request (a hover)
    // then takes the new analysis rather than answering nothing. A
    // newer version ends it; the client asks again for that one.
    for _ in 0..ANALYSIS_ATTEMPTS {
        match analyse_once(services, uri).await {
            Ok(analysis) => return Some(analysis),
            Err(Some(version)) if services.session.version_of(uri) == Some(version) => continue,
            Err(_) => return None,
        }
    }
    None
}

/// One run of [`analyse_now`]; `Err(Some(version))` when it was cancelled,
/// `Err(None)` when it failed or there is nothing to analyse.
async fn analyse_once(services: &Services, uri: &Uri) -> Result<Arc<Analysis>, Option<i32>> {
    let key = project_of(services, uri).await.ok_or(None)?;
    let snapshot = match services.session.prepare_analysis(uri, &key).ok_or(None)? {
        Prepared::Done(analysis) => return Ok(analysis),
        Prepared::Run(snapshot) => snapshot,
    };
    let version = snapshot.version;
    let analysis = match tokio::task::spawn_blocking(move || snapshot.run()).await {
        Ok(Ok(Some(analysis))) => Arc::new(analysis),
        Ok(Ok(None)) => {
            services
                .log(
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
            services.log(MessageType::ERROR, message).await;
            return Err(None);
        }
        Err(error) => {
            services
                .log(MessageType::ERROR, format!("analysis failed: {error}"))
                .await;
            return Err(None);
        }
    };
    match &analysis.reachability {
        Some(Reachability::Lost(problem)) => {
            let message = format!(
                "{problem}; checks that need no corpus still run, and the corpus is asked \
                 again as you edit"
            );
            corpus_status(
                services,
                &key,
                CorpusState::Failed,
                None,
                Some(message.clone()),
            )
            .await;
            services.show_warning(message).await;
        }
        Some(Reachability::Back) => {
            corpus_status(services, &key, CorpusState::Ready, None, None).await;
            services
                .log(MessageType::INFO, "the corpus database answers again")
                .await;
            // The other documents were linted without it meanwhile.
            services.send(Event::Relint(key.clone()));
        }
        None => {}
    }
    // Findings made without the corpus are not kept: the next request
    // asks the database again.
    if analysis.corpus_problem.is_none() {
        services.session.store_analysis(uri, &analysis);
    }
    Ok(analysis)
}

/// Push `analysis` unless the document has moved on or it went out already.
pub async fn publish(services: &Services, uri: &Uri, analysis: &Analysis) {
    services
        .session
        .publish_if_current(uri, analysis, || {
            services.client.publish_diagnostics(
                uri.clone(),
                analysis.diagnostics.clone(),
                Some(analysis.version),
            )
        })
        .await;
}

/// Answer a `textDocument/diagnostic` pull.
pub async fn pull(
    services: &Services,
    uri: &Uri,
    previous_result_id: Option<&str>,
) -> Option<DocumentDiagnosticReportResult> {
    let analysis = analyse_now(services, uri).await?;
    let result_id = analysis.result_id();
    let report = if previous_result_id == Some(result_id.as_str()) {
        DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
            related_documents: None,
            unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport { result_id },
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
