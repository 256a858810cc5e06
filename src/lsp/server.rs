//! The one `impl LanguageServer`: each method hands its message to its
//! handler, guarded so that a panic while handling a request becomes an
//! error response, never a dead server. Handlers that wait on the client
//! run as tasks, so the message loop never waits for them.

use std::future::Future;
use std::panic::AssertUnwindSafe;

use futures::FutureExt;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::{
    CodeActionParams, CodeActionResponse, DidChangeConfigurationParams,
    DidChangeTextDocumentParams, DidChangeWatchedFilesParams, DidChangeWorkspaceFoldersParams,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, DocumentDiagnosticParams,
    DocumentDiagnosticReportResult, ExecuteCommandParams, Hover, HoverParams, InitializeParams,
    InitializeResult, InitializedParams, LSPAny, MessageType,
};
use tower_lsp_server::{Client, LanguageServer};

use super::handlers::{notifications, requests};
use super::panic::panic_message;
use super::services::{Services, events};

pub struct Server {
    services: Services,
}

impl Server {
    /// A server for `client`, its events handled in the background.
    pub fn new(client: Client) -> Server {
        let (services, received) = Services::new(client);
        tokio::spawn(events::run(services.clone(), received));
        Server { services }
    }

    /// Run a notification handler as a task of its own.
    fn spawn<F: Future<Output = ()> + Send + 'static>(
        &self,
        method: &'static str,
        handler: impl FnOnce(Services) -> F,
    ) {
        let services = self.services.clone();
        let running = handler(services.clone());
        tokio::spawn(async move { guarded_notification(&services, method, running).await });
    }
}

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
async fn guarded_notification(
    services: &Services,
    method: &str,
    handler: impl Future<Output = ()>,
) {
    if let Err(panic) = AssertUnwindSafe(handler).catch_unwind().await {
        services
            .log(
                MessageType::ERROR,
                format!("{method} failed: {}", panic_message(&*panic)),
            )
            .await;
    }
}

impl LanguageServer for Server {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        guarded("initialize", async {
            requests::initialize::handle(&self.services, params)
        })
        .await
    }

    async fn initialized(&self, _: InitializedParams) {
        self.spawn("initialized", |s| async move {
            notifications::initialized::handle(&s).await
        });
    }

    async fn shutdown(&self) -> Result<()> {
        // `serve` notes the request itself; nothing to clean up here.
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let handling = notifications::did_open::handle(&self.services, params);
        guarded_notification(&self.services, "textDocument/didOpen", handling).await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let handling = notifications::did_change::handle(&self.services, params);
        guarded_notification(&self.services, "textDocument/didChange", handling).await;
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let handling = notifications::did_close::handle(&self.services, params);
        guarded_notification(&self.services, "textDocument/didClose", handling).await;
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        self.spawn("workspace/didChangeConfiguration", |s| async move {
            notifications::did_change_configuration::handle(&s, params).await
        });
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        self.spawn("workspace/didChangeWatchedFiles", |s| async move {
            notifications::did_change_watched_files::handle(&s, params).await
        });
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        self.spawn("workspace/didChangeWorkspaceFolders", |s| async move {
            notifications::did_change_workspace_folders::handle(&s, params).await
        });
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        guarded(
            "textDocument/hover",
            requests::hover::handle(&self.services, params),
        )
        .await
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        guarded(
            "textDocument/codeAction",
            requests::code_action::handle(&self.services, params),
        )
        .await
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<LSPAny>> {
        guarded(
            "workspace/executeCommand",
            requests::execute_command::handle(&self.services, params),
        )
        .await
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        guarded(
            "textDocument/diagnostic",
            requests::diagnostic::handle(&self.services, params),
        )
        .await
    }
}
