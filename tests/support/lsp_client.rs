//! A scripted LSP client for driving the language server in-process over
//! an in-memory pipe with raw JSON-RPC, as an editor would; shared by the
//! language-server tests (`#[path]`-included).

#![allow(dead_code)] // each test binary uses a different part

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream, WriteHalf};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

pub const WAIT: Duration = Duration::from_secs(10);

/// A scripted LSP client. Server requests are answered automatically
/// (`workspace/configuration` with `settings`, everything else with null)
/// and recorded with the notifications, in arrival order.
pub struct Client {
    pub writer: Arc<tokio::sync::Mutex<WriteHalf<DuplexStream>>>,
    incoming: mpsc::UnboundedReceiver<Value>,
    pub pending: Vec<Value>,
    next_id: i64,
    server: Option<JoinHandle<u8>>,
    reader: JoinHandle<()>,
    /// Answer to `workspace/configuration` items (the `copydesk` section).
    pub settings: Arc<Mutex<Value>>,
}

pub async fn send(writer: &tokio::sync::Mutex<WriteHalf<DuplexStream>>, message: &Value) {
    let body = message.to_string();
    let mut writer = writer.lock().await;
    writer
        .write_all(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes())
        .await
        .expect("write to server");
    writer.flush().await.expect("flush");
}

impl Client {
    pub fn start() -> Client {
        let (client_end, server_end) = tokio::io::duplex(1 << 20);
        let (server_read, server_write) = tokio::io::split(server_end);
        let server = tokio::spawn(copydesk::lsp::serve(server_read, server_write));
        let (read, write) = tokio::io::split(client_end);
        let writer = Arc::new(tokio::sync::Mutex::new(write));
        let settings = Arc::new(Mutex::new(Value::Null));
        let (sender, incoming) = mpsc::unbounded_channel();
        let reader = tokio::spawn(read_messages(
            BufReader::new(read),
            writer.clone(),
            settings.clone(),
            sender,
        ));
        Client {
            writer,
            incoming,
            pending: Vec::new(),
            next_id: 1,
            server: Some(server),
            reader,
            settings,
        }
    }

    /// Start and initialize with these capabilities and options.
    pub async fn initialized(
        capabilities: Value,
        options: Value,
        folders: &[&Path],
    ) -> (Client, Value) {
        let mut client = Client::start();
        let folders: Vec<Value> = folders
            .iter()
            .map(|f| json!({"uri": uri(f), "name": f.file_name().unwrap().to_string_lossy()}))
            .collect();
        let result = client
            .request(
                "initialize",
                json!({"processId": null, "rootUri": null, "capabilities": capabilities,
                       "initializationOptions": options, "workspaceFolders": folders}),
            )
            .await;
        client.notify("initialized", json!({})).await;
        (client, result)
    }

    pub async fn notify(&mut self, method: &str, params: Value) {
        send(
            &self.writer,
            &json!({"jsonrpc": "2.0", "method": method, "params": params}),
        )
        .await;
    }

    /// Send a request and return its whole response message.
    pub async fn request_raw(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        send(
            &self.writer,
            &json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}),
        )
        .await;
        self.wait_for(&format!("response to {method}"), |m| {
            m.get("id") == Some(&json!(id)) && m.get("method").is_none()
        })
        .await
    }

    /// Send a request and return its result, failing on an error response.
    pub async fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.request_raw(method, params).await;
        assert!(
            response.get("error").is_none(),
            "{method} failed: {response}"
        );
        response["result"].clone()
    }

    /// The first message (buffered or arriving within WAIT) matching `accept`.
    pub async fn wait_for(&mut self, what: &str, accept: impl Fn(&Value) -> bool) -> Value {
        if let Some(index) = self.pending.iter().position(&accept) {
            return self.pending.remove(index);
        }
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            match tokio::time::timeout_at(deadline, self.incoming.recv()).await {
                Ok(Some(message)) if accept(&message) => return message,
                Ok(Some(message)) => self.pending.push(message),
                Ok(None) => panic!("server closed the stream while waiting for {what}"),
                Err(_) => panic!(
                    "timed out waiting for {what}; got meanwhile: {:#?}",
                    self.pending
                ),
            }
        }
    }

    /// Every message that arrives within `window`, plus those buffered.
    pub async fn drain(&mut self, window: Duration) -> Vec<Value> {
        let deadline = tokio::time::Instant::now() + window;
        while let Ok(Some(message)) = tokio::time::timeout_at(deadline, self.incoming.recv()).await
        {
            self.pending.push(message);
        }
        std::mem::take(&mut self.pending)
    }

    /// The next `publishDiagnostics` for `uri` (at `version`, if given).
    pub async fn diagnostics(&mut self, uri: &str, version: Option<i64>) -> Vec<Value> {
        let message = self
            .wait_for(&format!("diagnostics for {uri} v{version:?}"), |m| {
                m["method"] == "textDocument/publishDiagnostics"
                    && m["params"]["uri"] == uri
                    && version.is_none_or(|v| m["params"]["version"] == v)
            })
            .await;
        message["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    pub async fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        )
        .await;
    }

    /// Open a document of a workspace with a corpus, and wait until the
    /// corpus has loaded: publications made before it are dropped, so the
    /// next ones seen are made with the corpus.
    pub async fn open_with_corpus(&mut self, uri: &str, text: &str) {
        self.open(uri, text).await;
        self.wait_for("the corpus to load", |m| {
            m["method"] == "window/logMessage"
                && m["params"]["message"]
                    .as_str()
                    .is_some_and(|s| s.starts_with("reference corpus loaded"))
        })
        .await;
        self.pending
            .retain(|m| m["method"] != "textDocument/publishDiagnostics");
    }

    pub async fn change(&mut self, uri: &str, version: i64, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        )
        .await;
    }

    /// `shutdown`, then `exit`, with our end of the pipe left open; returns
    /// the server's exit status.
    pub async fn shut_down(mut self) -> u8 {
        let result = self.request("shutdown", Value::Null).await;
        assert_eq!(result, Value::Null);
        self.exit().await
    }

    pub async fn exit(mut self) -> u8 {
        self.notify("exit", Value::Null).await;
        let server = self.server.take().expect("server");
        let status = tokio::time::timeout(Duration::from_secs(5), server)
            .await
            .expect("the server must stop promptly after exit, even with stdin open")
            .expect("server task");
        self.reader.abort();
        status
    }
}

async fn read_messages(
    mut reader: BufReader<tokio::io::ReadHalf<DuplexStream>>,
    writer: Arc<tokio::sync::Mutex<WriteHalf<DuplexStream>>>,
    settings: Arc<Mutex<Value>>,
    sender: mpsc::UnboundedSender<Value>,
) {
    loop {
        let mut length = None;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).await.unwrap_or(0) == 0 {
                return;
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(value) = line.strip_prefix("Content-Length: ") {
                length = value.parse::<usize>().ok();
            }
        }
        let mut body = vec![0; length.expect("Content-Length header")];
        if reader.read_exact(&mut body).await.is_err() {
            return;
        }
        let message: Value = serde_json::from_slice(&body).expect("server sent valid JSON");
        if let (Some(id), Some(method)) = (message.get("id"), message["method"].as_str()) {
            let result = if method == "workspace/configuration" {
                let items = message["params"]["items"].as_array().map_or(0, Vec::len);
                let section = settings.lock().unwrap().clone();
                Value::Array(vec![section; items])
            } else {
                Value::Null
            };
            send(
                &writer,
                &json!({"jsonrpc": "2.0", "id": id, "result": result}),
            )
            .await;
        }
        if sender.send(message).is_err() {
            return;
        }
    }
}

pub fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}
