//! `textDocument/didChange`: apply the edits to the document's rope, and
//! analyse the new version once typing pauses (push).

use tower_lsp_server::ls_types::{DidChangeTextDocumentParams, MessageType};

use crate::lsp::services::Services;
use crate::lsp::services::analysis::schedule;

pub async fn handle(services: &Services, params: DidChangeTextDocumentParams) {
    let uri = params.text_document.uri;
    let session = &services.session;
    let known =
        session.change_document(&uri, &params.content_changes, params.text_document.version);
    if !known {
        services
            .log(
                MessageType::WARNING,
                format!("ignored a change to {}, which is not open", uri.as_str()),
            )
            .await;
    } else if !session.caps().pull_diagnostics {
        schedule(services, uri, session.debounce());
    }
}
