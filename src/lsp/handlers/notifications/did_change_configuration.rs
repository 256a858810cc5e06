//! `workspace/didChangeConfiguration`: the editor's settings changed.

use tower_lsp_server::ls_types::DidChangeConfigurationParams;

use crate::lsp::services::Services;
use crate::lsp::services::settings::settings_changed;

pub async fn handle(services: &Services, params: DidChangeConfigurationParams) {
    settings_changed(services, params.settings).await;
}
