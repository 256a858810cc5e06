//! `initialize`: what the client can do, its folders, trust and settings;
//! what the server offers in return. Errors wait for `initialized`, when
//! the client is ready to show them.

use std::path::PathBuf;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{InitializeParams, InitializeResult, ServerInfo};

use crate::lsp::capabilities::{ClientCaps, server_capabilities};
use crate::lsp::services::Services;
use crate::lsp::settings::ClientSettings;

pub fn handle(services: &Services, params: InitializeParams) -> Result<InitializeResult> {
    let session = &services.session;
    let caps = ClientCaps::from_client(&params.capabilities);
    session.set_caps(caps);
    session.set_folders(folder_paths(&params));
    // Trust comes from the editor program itself, never from settings a
    // workspace could carry: a top-level key of initializationOptions.
    let trusted = params
        .initialization_options
        .as_ref()
        .and_then(|options| options.get("workspaceTrusted"))
        .and_then(serde_json::Value::as_bool);
    session.set_trusted(trusted.unwrap_or(true));
    match params
        .initialization_options
        .as_ref()
        .map(ClientSettings::from_json)
    {
        Some(Ok(settings)) => session.set_init_settings(settings),
        Some(Err(error)) => session.add_startup_errors([format!("initializationOptions: {error}")]),
        None => {}
    }
    Ok(InitializeResult {
        capabilities: server_capabilities(&caps),
        server_info: Some(ServerInfo {
            name: "copydesk".to_string(),
            version: Some(env!("CARGO_PKG_VERSION").to_string()),
        }),
        offset_encoding: None,
    })
}

fn folder_paths(params: &InitializeParams) -> Vec<PathBuf> {
    let from_folders: Vec<PathBuf> = params
        .workspace_folders
        .iter()
        .flatten()
        .filter_map(|f| f.uri.to_file_path().map(|p| p.into_owned()))
        .collect();
    if !from_folders.is_empty() {
        return from_folders;
    }
    #[allow(deprecated)]
    let root = params.root_uri.as_ref();
    root.and_then(|uri| uri.to_file_path().map(|p| p.into_owned()))
        .into_iter()
        .collect()
}
