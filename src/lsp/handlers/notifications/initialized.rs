//! `initialized`: show the errors found while starting, register for
//! settings changes, pull the settings and watch the projects' files.

use tower_lsp_server::ls_types::Registration;

use crate::lsp::services::Services;
use crate::lsp::services::projects::reload_all;
use crate::lsp::services::settings::pull_settings;
use crate::lsp::services::watch::update_watchers;

pub async fn handle(services: &Services) {
    for error in services.session.take_startup_errors() {
        services.show_error(error).await;
    }
    if services.session.caps().configuration_dynamic {
        let registration = Registration {
            id: "copydesk-configuration".to_string(),
            method: "workspace/didChangeConfiguration".to_string(),
            register_options: None,
        };
        let _ = services
            .client
            .register_capability(vec![registration])
            .await;
    }
    if pull_settings(services).await {
        reload_all(services).await;
    }
    update_watchers(services).await;
}
