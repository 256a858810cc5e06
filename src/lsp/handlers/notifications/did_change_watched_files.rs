//! `workspace/didChangeWatchedFiles`: config, rules or corpus files changed
//! on disk, as the client's watchers saw.

use std::path::PathBuf;

use tower_lsp_server::ls_types::DidChangeWatchedFilesParams;

use crate::lsp::services::Services;
use crate::lsp::services::projects::files_changed;

pub async fn handle(services: &Services, params: DidChangeWatchedFilesParams) {
    let paths: Vec<PathBuf> = params
        .changes
        .iter()
        .filter_map(|change| change.uri.to_file_path().map(|p| p.into_owned()))
        .collect();
    files_changed(services, paths).await;
}
