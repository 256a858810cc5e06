//! `copydesk lsp`: a language server over standard input and output.
//!
//! Documents are kept as ropes and edited incrementally; each analysis is
//! tied to a document version and a project generation and dropped once
//! either moves on. Rules load at once, the corpus in the background.
//! Nothing but JSON-RPC is ever written to standard output.
//! Owns the server's layers (listed below, each importing only those under
//! it); imports the crate's front-end facade (`workspace`, `config`,
//! `linter`) and what lies below it.

// Layers, each importing only those below it in this list. The leaves:
// wire names and types, positions, settings, confinement, capabilities,
// the text of a panic, diagnostics from findings, and one analysis run
// from an immutable snapshot.
mod analysis;
mod capabilities;
mod confine;
mod diagnostics;
mod panic;
mod position;
mod protocol;
mod settings;
// The session: every piece of state, behind the only locks.
mod session;
// Services: scheduling, publishing, loading, watching, workspace lint.
mod services;
// One handler per request or notification.
mod handlers;
// The one `impl LanguageServer`.
mod server;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};

use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::jsonrpc::Request;
use tower_lsp_server::{LspService, Server};
use tower_service::Service;

pub use protocol::{
    ADD_TO_HOUSE_NAMES, CorpusState, CorpusStatusParams, HOUSE_NAMES_FILE, LINT_WORKSPACE,
};
pub use settings::DEFAULT_DEBOUNCE;

/// Requests handled at once; analyses run on the blocking pool, so this
/// only bounds quick handlers waiting on them.
const CONCURRENCY: usize = 16;

/// Serve LSP on standard input and output until `exit`; returns the exit
/// status: 0 after `shutdown` then `exit`, 1 when the client went away or
/// exited without asking for a shutdown first.
pub fn run_stdio() -> u8 {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("copydesk-lsp")
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("copydesk: error: cannot start the language server runtime: {error}");
            return 2;
        }
    };
    let status = runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout()));
    // Reading stdin blocks a thread until the client closes the pipe, and a
    // normal runtime shutdown would wait for it; the spec wants us gone now.
    runtime.shutdown_background();
    status
}

/// Serve LSP over any byte streams (stdio, or an in-memory pipe in tests).
/// Returns once the client sends `exit` or closes the input, with the
/// process exit status the spec asks for.
pub async fn serve<I, O>(input: I, output: O) -> u8
where
    I: AsyncRead + Unpin,
    O: AsyncWrite,
{
    let shutdown_requested = Arc::new(AtomicBool::new(false));
    let (service, socket) = LspService::new(server::Server::new);
    let service = NoteShutdown {
        inner: service,
        requested: shutdown_requested.clone(),
    };
    Server::new(input, output, socket)
        .concurrency_level(CONCURRENCY)
        .serve(service)
        .await;
    if shutdown_requested.load(Ordering::SeqCst) {
        0
    } else {
        1
    }
}

/// Notes a `shutdown` request as it arrives. The `exit` that follows
/// cancels requests still pending, so the handler itself may never run.
struct NoteShutdown<S> {
    inner: S,
    requested: Arc<AtomicBool>,
}

impl<S: Service<Request>> Service<Request> for NoteShutdown<S> {
    type Response = S::Response;
    type Error = S::Error;
    type Future = S::Future;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> S::Future {
        if request.method() == "shutdown" {
            self.requested.store(true, Ordering::SeqCst);
        }
        self.inner.call(request)
    }
}
