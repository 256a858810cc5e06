//! `textDocument/diagnostic`: the diagnostics a pulling client asks for,
//! or "unchanged" when it has them already.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{
    DocumentDiagnosticParams, DocumentDiagnosticReport, DocumentDiagnosticReportResult,
};

use crate::lsp::services::Services;
use crate::lsp::services::analysis::pull;

pub async fn handle(
    services: &Services,
    params: DocumentDiagnosticParams,
) -> Result<DocumentDiagnosticReportResult> {
    let uri = params.text_document.uri;
    match pull(services, &uri, params.previous_result_id.as_deref()).await {
        Some(report) => Ok(report),
        None => Ok(DocumentDiagnosticReportResult::Report(
            DocumentDiagnosticReport::Full(Default::default()),
        )),
    }
}
