//! The server's work beside answering requests: scheduling and publishing
//! analyses, loading and reloading projects and corpora, watching files,
//! linting the workspace. Each service is a module of functions over
//! [`Services`], the client and the session; services that would call one
//! another in a circle send an [`Event`] instead, which `events` dispatches.
//! May import the session and the leaves; never a handler or the server.

pub mod analysis;
pub mod corpus;
pub mod events;
pub mod projects;
pub mod settings;
pub mod watch;
pub mod workspace_lint;

use std::path::PathBuf;
use std::sync::Arc;

use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};
use tower_lsp_server::Client;
use tower_lsp_server::ls_types::{MessageType, Uri};

use super::session::{ProjectKey, Session};

/// Work a service asks for without calling the service that does it.
#[derive(Debug)]
pub enum Event {
    /// Files changed on disk (the watcher saw them): reload what they touch.
    FilesChanged(Vec<PathBuf>),
    /// A project's rules or corpus changed: analyse its documents again.
    Relint(ProjectKey),
    /// Analyse one document now.
    Analyse(Uri),
}

/// The client and the session, cheap to clone into tasks.
#[derive(Clone)]
pub struct Services {
    pub client: Client,
    pub session: Arc<Session>,
    events: UnboundedSender<Event>,
}

impl Services {
    /// The services of a new session, and the events they will send (for
    /// [`events::run`]).
    pub fn new(client: Client) -> (Services, UnboundedReceiver<Event>) {
        let (events, received) = unbounded_channel();
        let services = Services {
            client,
            session: Arc::default(),
            events,
        };
        (services, received)
    }

    /// Ask for `event` to be handled, after the work at hand.
    pub fn send(&self, event: Event) {
        // The receiver lives as long as the server; after that, nothing is owed.
        let _ = self.events.send(event);
    }

    /// Log to standard error and to the client's log.
    pub async fn log(&self, level: MessageType, message: impl Into<String>) {
        let message = message.into();
        let label = match level {
            MessageType::ERROR => "error",
            MessageType::WARNING => "warning",
            _ => "info",
        };
        eprintln!("copydesk: {label}: {message}");
        self.client.log_message(level, message).await;
    }

    /// A one-line error the user should see.
    pub async fn show_error(&self, message: impl Into<String>) {
        self.show(MessageType::ERROR, message.into()).await;
    }

    /// A one-line warning the user should see.
    pub async fn show_warning(&self, message: impl Into<String>) {
        self.show(MessageType::WARNING, message.into()).await;
    }

    async fn show(&self, level: MessageType, message: String) {
        self.log(level, message.clone()).await;
        self.client
            .show_message(level, format!("copydesk: {message}"))
            .await;
    }
}
