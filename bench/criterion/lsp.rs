//! Language server re-analysis latency: a 2,000-word draft, a 1,000-article
//! synthetic corpus on disk, one-character edits. Each sample is the time
//! from sending `didChange` to receiving the `publishDiagnostics` for that
//! version, with the debounce set to 0 so it is excluded.
//!
//! Run: `cargo bench --bench lsp` (set `LSP_BENCH_EDITS` to change the count).

#[path = "support/synthetic.rs"]
#[allow(dead_code)]
mod synthetic;

use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;

const ARTICLES: usize = 1_000;
const DRAFT_WORDS: usize = 2_000;

fn frame(message: &Value) -> Vec<u8> {
    let body = message.to_string();
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

/// Median time of the library's own work on the draft, for comparison.
fn lint_alone(texts: &[String], draft: &str) -> Duration {
    use copydesk::corpus::{Article, Corpus};
    use copydesk::linter::{LintSettings, Linter};
    use std::sync::Arc;
    let articles = texts
        .iter()
        .enumerate()
        .map(|(i, t)| Article::new(format!("a{i}.md").into(), t.clone()))
        .collect();
    let linter = Linter::new(
        Arc::new(copydesk::RuleSet::defaults()),
        Arc::new(Corpus::new(articles)),
        LintSettings::default(),
    );
    let mut times: Vec<Duration> = (0..51)
        .map(|_| {
            let started = Instant::now();
            std::hint::black_box(linter.lint(&copydesk::Document::markdown(draft.to_string())));
            started.elapsed()
        })
        .collect();
    times.sort();
    if std::env::var_os("LSP_BENCH_PER_CHECK").is_some() {
        let corpus = linter.corpus().clone();
        for only in ["name-spelling", "unattributed-quote", "claim-conflict"] {
            let mut settings = LintSettings::default();
            for code in copydesk::checks::all_codes() {
                if code != only {
                    settings.codes.insert(
                        code,
                        copydesk::linter::CodeSettings {
                            enabled: Some(false),
                            severity: None,
                        },
                    );
                }
            }
            let one = Linter::new(
                Arc::new(copydesk::RuleSet::defaults()),
                corpus.clone(),
                settings,
            );
            let mut t: Vec<Duration> = (0..21)
                .map(|_| {
                    let s = Instant::now();
                    std::hint::black_box(
                        one.lint(&copydesk::Document::markdown(draft.to_string())),
                    );
                    s.elapsed()
                })
                .collect();
            t.sort();
            eprintln!("only {only}: {:?}", t[10]);
        }
        let mut t: Vec<Duration> = (0..21)
            .map(|_| {
                let s = Instant::now();
                std::hint::black_box(copydesk::Document::markdown(draft.to_string()));
                s.elapsed()
            })
            .collect();
        t.sort();
        eprintln!("Document::new: {:?}", t[10]);
    }
    times[times.len() / 2]
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(run());
}

async fn run() {
    let edits: usize = std::env::var("LSP_BENCH_EDITS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(300);
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().canonicalize().expect("canonical");
    let corpus_dir = root.join("corpus");
    std::fs::create_dir_all(&corpus_dir).expect("mkdir");
    let (stories, texts) = synthetic::corpus(7, ARTICLES);
    for (i, text) in texts.iter().enumerate() {
        std::fs::write(corpus_dir.join(format!("a{i:04}.md")), text).expect("write article");
    }
    std::fs::write(root.join("copydesk.toml"), "corpus = \"corpus\"\n").expect("write config");
    // `synthetic::draft` takes a rough size; grow it until it is 2,000 words.
    let mut size = DRAFT_WORDS;
    let draft = loop {
        let draft = synthetic::draft(&mut synthetic::Rng::new(99), &stories[0], size);
        if draft.split_whitespace().count() >= DRAFT_WORDS {
            break draft;
        }
        size += DRAFT_WORDS / 4;
    };
    let words = draft.split_whitespace().count();
    let lint_alone = lint_alone(&texts, &draft);

    let (client_end, server_end) = tokio::io::duplex(1 << 22);
    let (server_read, server_write) = tokio::io::split(server_end);
    let server = tokio::spawn(copydesk::lsp::serve(server_read, server_write));
    let (read, mut write) = tokio::io::split(client_end);
    let (published_tx, mut published) = mpsc::unbounded_channel::<(i64, usize, Instant)>();
    let (ready_tx, mut ready) = mpsc::unbounded_channel::<()>();
    tokio::spawn(async move {
        let mut reader = BufReader::new(read);
        loop {
            let mut length = 0;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).await.unwrap_or(0) == 0 {
                    return;
                }
                if line.trim().is_empty() {
                    break;
                }
                if let Some(n) = line.trim().strip_prefix("Content-Length: ") {
                    length = n.parse().unwrap_or(0);
                }
            }
            let mut body = vec![0; length];
            if reader.read_exact(&mut body).await.is_err() {
                return;
            }
            let received = Instant::now();
            let message: Value = serde_json::from_slice(&body).expect("JSON");
            match message["method"].as_str() {
                Some("textDocument/publishDiagnostics") => {
                    let version = message["params"]["version"].as_i64().unwrap_or(-1);
                    let count = message["params"]["diagnostics"]
                        .as_array()
                        .map_or(0, Vec::len);
                    let _ = published_tx.send((version, count, received));
                }
                Some("window/logMessage") | Some("window/showMessage") => {
                    let text = message["params"]["message"].as_str().unwrap_or_default();
                    eprintln!("server: {text}");
                    if text.starts_with("reference corpus loaded") {
                        let _ = ready_tx.send(());
                    }
                }
                _ if message.get("id").is_some() => {
                    let _ = ready_tx.send(());
                }
                _ => {}
            }
        }
    });

    let uri = format!("file://{}", root.join("draft.md").display());
    let send = |message: Value| frame(&message);
    write
        .write_all(&send(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
            "params": {"capabilities": {}, "initializationOptions": {"debounceMs": 0},
                       "workspaceFolders": [{"uri": format!("file://{}", root.display()), "name": "bench"}]}})))
        .await
        .expect("write");
    // The spec has the client wait for the initialize result before sending more.
    ready.recv().await.expect("initialize result");
    write
        .write_all(&send(
            json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
        ))
        .await
        .expect("write");
    let loading = Instant::now();
    write
        .write_all(&send(json!({"jsonrpc": "2.0", "method": "textDocument/didOpen",
            "params": {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": draft}}})))
        .await
        .expect("write");
    tokio::time::timeout(Duration::from_secs(300), ready.recv())
        .await
        .expect("corpus loads");
    eprintln!("corpus ready after {:?}", loading.elapsed());
    // Let the re-lint that follows the corpus load go out first.
    tokio::time::sleep(Duration::from_millis(500)).await;
    while published.try_recv().is_ok() {}

    // Edit a spot in the middle of the draft: insert a letter, then delete it.
    let line = draft.lines().count() as u64 / 2;
    let mut samples = Vec::with_capacity(edits);
    let mut findings = 0;
    for n in 0..edits {
        let version = n as i64 + 2;
        let change = if n % 2 == 0 {
            json!({"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}}, "text": "x"})
        } else {
            json!({"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 1}}, "text": ""})
        };
        let sent = Instant::now();
        write
            .write_all(&send(json!({"jsonrpc": "2.0", "method": "textDocument/didChange",
                "params": {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}})))
            .await
            .expect("write");
        loop {
            let (published_version, count, at) =
                tokio::time::timeout(Duration::from_secs(30), published.recv())
                    .await
                    .expect("diagnostics arrive")
                    .expect("server alive");
            if published_version == version {
                samples.push(at.duration_since(sent));
                findings = count;
                break;
            }
        }
    }
    samples.sort();
    let percentile =
        |p: f64| samples[((samples.len() as f64 * p).ceil() as usize).clamp(1, samples.len()) - 1];
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "linter alone (Document::new + lint, same draft and corpus): median {:.2} ms",
        ms(lint_alone)
    );
    println!(
        "lsp didChange -> publishDiagnostics ({words}-word draft, {ARTICLES}-article corpus, {findings} findings, {} edits): median {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        samples.len(),
        ms(percentile(0.5)),
        ms(percentile(0.9)),
        ms(percentile(0.99)),
        ms(*samples.last().expect("samples"))
    );
    write
        .write_all(&send(
            json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}),
        ))
        .await
        .expect("write");
    write
        .write_all(&send(json!({"jsonrpc": "2.0", "method": "exit"})))
        .await
        .expect("write");
    let status = tokio::time::timeout(Duration::from_secs(5), server)
        .await
        .expect("server exits")
        .expect("server task");
    assert_eq!(status, 0);
}
