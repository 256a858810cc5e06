//! `textDocument/didOpen`: keep the document, then analyse it at once
//! (push) or warm its project for the coming pull. Storing happens before
//! the first await, so notifications are applied in the order they came.

use std::time::Duration;

use tower_lsp_server::ls_types::DidOpenTextDocumentParams;

use crate::lsp::services::Services;
use crate::lsp::services::analysis::schedule;
use crate::lsp::services::projects::project_of;
use crate::lsp::session::OpenDocument;

pub async fn handle(services: &Services, params: DidOpenTextDocumentParams) {
    let item = params.text_document;
    let doc = OpenDocument::new(&item.uri, &item.text, item.version);
    services.session.open_document(item.uri.clone(), doc);
    if services.session.caps().pull_diagnostics {
        project_of(services, &item.uri).await;
    } else {
        schedule(services, item.uri, Duration::ZERO);
    }
}
