//! The LSP methods. Each is a thin guard around the backend: a panic while
//! handling a request becomes an error response, never a dead server.

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;

use futures::FutureExt;
use serde_json::Value;
use tower_lsp_server::LanguageServer;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::{
    CodeActionParams, CodeActionResponse, ConfigurationItem, DidChangeConfigurationParams,
    DidChangeTextDocumentParams, DidChangeWatchedFilesParams, DidChangeWorkspaceFoldersParams,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, DocumentDiagnosticParams,
    DocumentDiagnosticReport, DocumentDiagnosticReportResult, ExecuteCommandParams, Hover,
    HoverParams, InitializeParams, InitializeResult, InitializedParams, LSPAny, MessageType,
    Registration, ServerInfo, Uri,
};

use super::actions::{ActionContext, HouseNameArgs, add_house_name, code_actions};
use super::backend::Backend;
use super::capabilities::{ClientCaps, server_capabilities};
use super::config::ClientSettings;
use super::hover::hover;
use super::locks::{lock, panic_message};
use super::protocol::{ADD_TO_HOUSE_NAMES, LINT_WORKSPACE};

/// Run a request handler; a panic becomes an internal-error response.
async fn guarded<T>(method: &str, handler: impl Future<Output = Result<T>>) -> Result<T> {
    match AssertUnwindSafe(handler).catch_unwind().await {
        Ok(result) => result,
        Err(panic) => {
            let message = format!("{method} failed: {}", panic_message(&*panic));
            eprintln!("copydesk: error: {message}");
            Err(Error {
                message: message.into(),
                ..Error::internal_error()
            })
        }
    }
}

/// Run a notification handler; a panic is logged and the server goes on.
async fn guarded_notification(backend: &Backend, method: &str, handler: impl Future<Output = ()>) {
    if let Err(panic) = AssertUnwindSafe(handler).catch_unwind().await {
        backend
            .log(
                MessageType::ERROR,
                format!("{method} failed: {}", panic_message(&*panic)),
            )
            .await;
    }
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

impl Backend {
    fn initialize_now(&self, params: InitializeParams) -> (InitializeResult, Option<String>) {
        let caps = ClientCaps::from_client(&params.capabilities);
        self.set_caps(caps);
        *lock(&self.folders) = folder_paths(&params);
        // Trust comes from the editor program itself, never from settings a
        // workspace could carry: a top-level key of initializationOptions.
        let trusted = params
            .initialization_options
            .as_ref()
            .and_then(|options| options.get("workspaceTrusted"))
            .and_then(serde_json::Value::as_bool);
        let _ = self.trusted.set(trusted.unwrap_or(true));
        let settings_error = match params
            .initialization_options
            .as_ref()
            .map(ClientSettings::from_json)
        {
            Some(Ok(settings)) => {
                lock(&self.settings).init = settings;
                None
            }
            Some(Err(error)) => Some(format!("initializationOptions: {error}")),
            None => None,
        };
        let result = InitializeResult {
            capabilities: server_capabilities(&caps),
            server_info: Some(ServerInfo {
                name: "copydesk".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
            offset_encoding: None,
        };
        (result, settings_error)
    }

    /// Ask the client for the `copydesk` section, globally and per folder.
    /// Returns whether the settings changed.
    async fn pull_settings(&self) -> bool {
        if !self.caps().configuration {
            return false;
        }
        let folders = lock(&self.folders).clone();
        let mut items = vec![ConfigurationItem {
            scope_uri: None,
            section: Some("copydesk".to_string()),
        }];
        items.extend(folders.iter().map(|folder| ConfigurationItem {
            scope_uri: Uri::from_file_path(folder),
            section: Some("copydesk".to_string()),
        }));
        let values = match self.client.configuration(items).await {
            Ok(values) => values,
            Err(error) => {
                self.log(
                    MessageType::WARNING,
                    format!("workspace/configuration failed: {error}"),
                )
                .await;
                return false;
            }
        };
        let mut parsed = values.iter().map(ClientSettings::from_json);
        let mut errors = Vec::new();
        let mut keep = |result: Option<std::result::Result<ClientSettings, String>>| match result {
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
            self.show_error(error).await;
        }
        let mut settings = lock(&self.settings);
        let changed = settings.global != global
            || scoped.iter().any(|(folder, s)| {
                settings
                    .folders
                    .get(folder)
                    .unwrap_or(&ClientSettings::default())
                    != s
            });
        settings.global = global;
        settings.folders = scoped.into_iter().collect();
        changed
    }

    async fn after_initialized(&self) {
        let errors = std::mem::take(&mut *lock(&self.startup_errors));
        for error in errors {
            self.show_error(error).await;
        }
        if self.caps().configuration_dynamic {
            let registration = Registration {
                id: "copydesk-configuration".to_string(),
                method: "workspace/didChangeConfiguration".to_string(),
                register_options: None,
            };
            let _ = self.client.register_capability(vec![registration]).await;
        }
        if self.pull_settings().await {
            self.reload_all().await;
        }
        self.update_watchers().await;
    }

    async fn settings_changed(&self, settings: Value) {
        let changed = if self.caps().configuration {
            self.pull_settings().await
        } else {
            match ClientSettings::from_json(&settings) {
                Ok(global) => {
                    let mut state = lock(&self.settings);
                    let changed = state.global != global;
                    state.global = global;
                    changed
                }
                Err(error) => {
                    self.show_error(error).await;
                    false
                }
            }
        };
        if changed {
            self.reload_all().await;
        }
    }

    async fn folders_changed(&self, params: DidChangeWorkspaceFoldersParams) {
        let path = |f: &tower_lsp_server::ls_types::WorkspaceFolder| {
            f.uri.to_file_path().map(|p| p.into_owned())
        };
        {
            let mut folders = lock(&self.folders);
            let removed: Vec<PathBuf> = params.event.removed.iter().filter_map(path).collect();
            folders.retain(|f| !removed.contains(f));
            folders.extend(params.event.added.iter().filter_map(path));
        }
        self.pull_settings().await;
        self.reload_all().await;
        // Folder defaults may now govern a document differently.
        self.files_changed(vec![PathBuf::from(crate::config::CONFIG_FILE_NAME)])
            .await;
    }

    async fn hover_at(&self, params: HoverParams) -> Result<Option<Hover>> {
        let position = params.text_document_position_params;
        let uri = position.text_document.uri;
        let Some(analysis) = self.analyse_now(&uri).await else {
            return Ok(None);
        };
        let root = {
            let documents = lock(&self.documents);
            let projects = lock(&self.projects);
            documents
                .open
                .get(&uri)
                .and_then(|doc| doc.project.as_ref())
                .and_then(|key| projects.get(key))
                .map(|p| p.config.root.clone())
        };
        Ok(hover(
            &analysis,
            position.position,
            self.caps().encoding,
            root.as_deref(),
        ))
    }

    async fn actions_for(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri.clone();
        let analysis = self.analyse_now(&uri).await;
        let caps = self.caps();
        let documents = lock(&self.documents);
        let Some(doc) = documents.open.get(&uri) else {
            return Ok(None);
        };
        let rules_dir = doc.project.as_ref().and_then(|key| {
            lock(&self.projects)
                .get(key)
                .and_then(|p| p.writable_rules_dir.clone())
        });
        let context = ActionContext {
            uri: &uri,
            version: doc.version,
            rope: &doc.rope,
            kind: doc.kind,
            analysis: analysis.as_deref().filter(|a| a.version == doc.version),
            rules_dir,
            encoding: caps.encoding,
            document_changes: caps.document_changes,
        };
        let actions = code_actions(&context, &params);
        Ok((!actions.is_empty()).then_some(actions))
    }

    async fn run_command(&self, params: ExecuteCommandParams) -> Result<Option<LSPAny>> {
        if params.command == LINT_WORKSPACE {
            return Ok(Some(self.lint_workspace().await));
        }
        if params.command != ADD_TO_HOUSE_NAMES {
            return Err(Error::invalid_params(format!(
                "unknown command `{}`",
                params.command
            )));
        }
        let args: HouseNameArgs = params
            .arguments
            .first()
            .cloned()
            .and_then(|value| serde_json::from_value(value).ok())
            .ok_or_else(|| {
                Error::invalid_params("expected one argument: {rulesDir, variant, canonical}")
            })?;
        // Only the rules folder of an open project, inside a trusted
        // workspace: the arguments come back from the client, and the
        // server never writes where a repository's config alone points.
        let rules = lock(&self.projects)
            .values()
            .find(|p| p.writable_rules_dir.as_ref() == Some(&args.rules_dir))
            .map(|p| p.rules.clone())
            .ok_or_else(|| {
                Error::invalid_params(format!(
                    "{} is not the rules folder of an open project in a trusted workspace; \
                     nothing was written",
                    args.rules_dir.display()
                ))
            })?;
        let writing = args.clone();
        let written = tokio::task::spawn_blocking(move || add_house_name(&writing, &rules))
            .await
            .map_err(|e| e.to_string())
            .and_then(|result| result);
        match written {
            Ok(path) => {
                self.log(
                    MessageType::INFO,
                    format!(
                        "added ‘{}’ → ‘{}’ to {}",
                        args.variant,
                        args.canonical,
                        path.display()
                    ),
                )
                .await;
                // Reload now rather than waiting for the watcher.
                self.files_changed(vec![path]).await;
                Ok(None)
            }
            Err(message) => {
                self.show_error(message.clone()).await;
                Err(Error {
                    message: message.into(),
                    ..Error::internal_error()
                })
            }
        }
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        guarded("initialize", async {
            let (result, error) = self.initialize_now(params);
            // Shown once the client is initialized and ready to hear it.
            lock(&self.startup_errors).extend(error);
            Ok(result)
        })
        .await
    }

    async fn initialized(&self, _: InitializedParams) {
        let this = self.clone();
        // Waits on the client's answers; never hold the handler for that.
        tokio::spawn(async move {
            let guard = this.clone();
            guarded_notification(&guard, "initialized", this.after_initialized()).await;
        });
    }

    async fn shutdown(&self) -> Result<()> {
        // `serve` notes the request itself; nothing to clean up here.
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        guarded_notification(self, "textDocument/didOpen", self.open(params)).await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        guarded_notification(self, "textDocument/didChange", self.change(params)).await;
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        guarded_notification(self, "textDocument/didClose", self.close(params)).await;
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let this = self.clone();
        tokio::spawn(async move {
            let guard = this.clone();
            guarded_notification(
                &guard,
                "workspace/didChangeConfiguration",
                this.settings_changed(params.settings),
            )
            .await;
        });
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let paths: Vec<PathBuf> = params
            .changes
            .iter()
            .filter_map(|change| change.uri.to_file_path().map(|p| p.into_owned()))
            .collect();
        let this = self.clone();
        tokio::spawn(async move {
            let guard = this.clone();
            guarded_notification(
                &guard,
                "workspace/didChangeWatchedFiles",
                this.files_changed(paths),
            )
            .await;
        });
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        let this = self.clone();
        tokio::spawn(async move {
            let guard = this.clone();
            guarded_notification(
                &guard,
                "workspace/didChangeWorkspaceFolders",
                this.folders_changed(params),
            )
            .await;
        });
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        guarded("textDocument/hover", self.hover_at(params)).await
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        guarded("textDocument/codeAction", self.actions_for(params)).await
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<LSPAny>> {
        guarded("workspace/executeCommand", self.run_command(params)).await
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        guarded("textDocument/diagnostic", async {
            let uri = params.text_document.uri;
            match self.pull(&uri, params.previous_result_id.as_deref()).await {
                Some(report) => Ok(report),
                None => Ok(DocumentDiagnosticReportResult::Report(
                    DocumentDiagnosticReport::Full(Default::default()),
                )),
            }
        })
        .await
    }
}
