//! The corpus database going away in the middle of a language-server
//! session, and coming back. Stops and starts the test server, so it runs
//! alone, after the other database tests:
//! `tests/postgres/server.sh cargo test --test postgres_outage -- --include-ignored`.

use std::path::Path;
use std::time::Duration;

use serde_json::{Value, json};

#[path = "support/lsp_client.rs"]
mod lsp_client;
use lsp_client::{Client, uri};

fn run(command: &str) {
    let status = std::process::Command::new("sh")
        .args(["-c", command])
        .stdout(std::process::Stdio::null())
        .status()
        .expect("sh");
    assert!(status.success(), "{command}");
}

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| panic!("{name}: run under tests/postgres/server.sh"))
}

/// The messages of the published diagnostics.
fn messages(diagnostics: &[Value]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| d["message"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a PostgreSQL server it may stop: run under tests/postgres/server.sh"]
async fn diagnostics_recover_when_the_database_comes_back() {
    let admin = env("COPYDESK_TEST_DATABASE");
    // The blocking client runs a runtime of its own: not on this one's threads.
    let creating = admin.clone();
    std::thread::spawn(move || {
        let mut client = postgres::Client::connect(&creating, postgres::NoTls).expect("server");
        client
            .batch_execute("DROP DATABASE IF EXISTS outage")
            .expect("drop");
        client
            .batch_execute("CREATE DATABASE outage")
            .expect("create");
    })
    .join()
    .expect("database created");
    let url = format!("{}/outage", admin.rsplit_once('/').expect("URL").0);
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let indexed = std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["index", "--to", &url])
        .arg(examples.join("corpus"))
        .output()
        .expect("index");
    assert!(indexed.status.success(), "{indexed:?}");

    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().canonicalize().expect("canonical");
    std::fs::write(root.join("copydesk.toml"), format!("corpus = \"{url}\"\n")).expect("config");
    let draft = root.join("draft.md");
    let text = std::fs::read_to_string(examples.join("drafts/peace-plan-draft.md")).expect("draft");
    std::fs::write(&draft, &text).expect("draft");
    let draft_uri = uri(&draft);

    let (mut lsp, _) = Client::initialized(json!({}), json!({"debounceMs": 0}), &[&root]).await;
    lsp.open_with_corpus(&draft_uri, &text).await;
    let found = messages(&lsp.diagnostics(&draft_uri, Some(1)).await);
    let from_corpus = |found: &[String]| found.iter().any(|m| m.contains("‘Witkoff’"));
    assert!(from_corpus(&found), "{found:#?}");

    // The database goes away: a new name in the draft asks it again.
    run(&env("COPYDESK_PG_STOP"));
    let end = text.lines().count() as u64 + 1;
    let append = |version: i64, name: &str| {
        json!([{"range": {"start": {"line": end, "character": 0}, "end": {"line": end, "character": 0}},
                "text": format!("\nThe talks were chaired by {name} on Friday.\n")}])
        .as_array()
        .cloned()
        .map(|changes| (version, Value::Array(changes)))
        .expect("changes")
    };
    let (version, changes) = append(2, "Arvid Lindqvist");
    lsp.change(&draft_uri, version, changes).await;
    let shown = lsp
        .wait_for("a message that the corpus is away", |m| {
            m["method"] == "window/showMessage"
        })
        .await;
    let said = shown["params"]["message"].as_str().unwrap_or_default();
    assert!(
        said.contains("postgres://") && said.contains("checks that need no corpus still run"),
        "{said}"
    );
    let found = messages(&lsp.diagnostics(&draft_uri, Some(2)).await);
    assert!(
        found.iter().any(|m| m.contains("Kyiv")),
        "house rules still apply: {found:#?}"
    );
    assert!(!from_corpus(&found), "{found:#?}");

    // It comes back: the next edit finds the corpus again, with no restart.
    run(&env("COPYDESK_PG_START"));
    tokio::time::sleep(Duration::from_secs(3)).await;
    let (version, changes) = append(3, "Ingrid Solberg");
    lsp.change(&draft_uri, version, changes).await;
    let found = messages(&lsp.diagnostics(&draft_uri, Some(3)).await);
    assert!(from_corpus(&found), "{found:#?}");
    lsp.wait_for("the corpus back", |m| {
        m["method"] == "window/logMessage"
            && m["params"]["message"]
                .as_str()
                .is_some_and(|s| s.contains("answers again"))
    })
    .await;
    assert_eq!(lsp.shut_down().await, 0);
}
