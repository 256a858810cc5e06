//! Editor settings and workspace folders: asking the client for the
//! `copydesk` section, globally and per folder, and reloading the projects
//! when they change.

use std::path::PathBuf;

use serde_json::Value;
use tower_lsp_server::ls_types::{ConfigurationItem, MessageType, Uri};

use super::Services;
use super::projects::{files_changed, reload_all};
use crate::config::CONFIG_FILE_NAME;
use crate::lsp::settings::ClientSettings;

/// Ask the client for the `copydesk` section, globally and per folder.
/// Returns whether the settings changed.
pub async fn pull_settings(services: &Services) -> bool {
    let session = &services.session;
    if !session.caps().configuration {
        return false;
    }
    let folders = session.folders();
    let mut items = vec![ConfigurationItem {
        scope_uri: None,
        section: Some("copydesk".to_string()),
    }];
    items.extend(folders.iter().map(|folder| ConfigurationItem {
        scope_uri: Uri::from_file_path(folder),
        section: Some("copydesk".to_string()),
    }));
    let values = match services.client.configuration(items).await {
        Ok(values) => values,
        Err(error) => {
            services
                .log(
                    MessageType::WARNING,
                    format!("workspace/configuration failed: {error}"),
                )
                .await;
            return false;
        }
    };
    let mut parsed = values.iter().map(ClientSettings::from_json);
    let mut errors = Vec::new();
    let mut keep = |result: Option<Result<ClientSettings, String>>| match result {
        Some(Ok(settings)) => settings,
        Some(Err(error)) => {
            errors.push(error);
            ClientSettings::default()
        }
        None => ClientSettings::default(),
    };
    let global = keep(parsed.next());
    let scoped: Vec<(PathBuf, ClientSettings)> = folders
        .into_iter()
        .map(|folder| (folder, keep(parsed.next())))
        .collect();
    for error in errors {
        services.show_error(error).await;
    }
    session.set_pulled_settings(global, scoped)
}

/// `workspace/didChangeConfiguration`: pull or take the new settings, and
/// reload everything if they changed.
pub async fn settings_changed(services: &Services, settings: Value) {
    let changed = if services.session.caps().configuration {
        pull_settings(services).await
    } else {
        match ClientSettings::from_json(&settings) {
            Ok(global) => services.session.set_global_settings(global),
            Err(error) => {
                services.show_error(error).await;
                false
            }
        }
    };
    if changed {
        reload_all(services).await;
    }
}

/// Workspace folders were added or removed.
pub async fn folders_changed(services: &Services, added: Vec<PathBuf>, removed: Vec<PathBuf>) {
    services.session.change_folders(added, &removed);
    pull_settings(services).await;
    reload_all(services).await;
    // Folder defaults may now govern a document differently.
    files_changed(services, vec![PathBuf::from(CONFIG_FILE_NAME)]).await;
}
