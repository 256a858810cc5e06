//! `textDocument/didClose`: forget the document and clear its diagnostics.

use tower_lsp_server::ls_types::DidCloseTextDocumentParams;

use crate::lsp::services::Services;

pub async fn handle(services: &Services, params: DidCloseTextDocumentParams) {
    let uri = params.text_document.uri;
    services.session.close_document(&uri).await;
    if !services.session.caps().pull_diagnostics {
        services
            .client
            .publish_diagnostics(uri, Vec::new(), None)
            .await;
    }
}
