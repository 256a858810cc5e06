//! `workspace/didChangeWorkspaceFolders`: folders were added or removed.

use std::path::PathBuf;

use tower_lsp_server::ls_types::{DidChangeWorkspaceFoldersParams, WorkspaceFolder};

use crate::lsp::services::Services;
use crate::lsp::services::settings::folders_changed;

pub async fn handle(services: &Services, params: DidChangeWorkspaceFoldersParams) {
    let paths = |folders: &[WorkspaceFolder]| -> Vec<PathBuf> {
        folders
            .iter()
            .filter_map(|f| f.uri.to_file_path().map(|p| p.into_owned()))
            .collect()
    };
    folders_changed(
        services,
        paths(&params.event.added),
        paths(&params.event.removed),
    )
    .await;
}
