//! Editor settings by where they came from: `initializationOptions`, the
//! client's global section, and each workspace folder's; later layers win.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::lsp::settings::ClientSettings;

#[derive(Debug, Default)]
pub struct SettingsState {
    pub init: ClientSettings,
    pub global: ClientSettings,
    pub folders: HashMap<PathBuf, ClientSettings>,
}

impl SettingsState {
    pub fn for_folder(&self, folder: Option<&Path>) -> ClientSettings {
        let mut settings = self.init.overlay(&self.global);
        if let Some(scoped) = folder.and_then(|f| self.folders.get(f)) {
            settings = settings.overlay(scoped);
        }
        settings
    }
}
