//! The corpus database against a real PostgreSQL server. The server tests
//! are ignored by a plain `cargo test`; `tests/postgres/server.sh` starts
//! a throwaway server and runs them:
//! `tests/postgres/server.sh cargo test --test postgres -- --include-ignored`.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

const NEEDS_SERVER: &str = "needs a PostgreSQL server: run under tests/postgres/server.sh";

fn copydesk(dir: &Path) -> Command {
    let mut command = Command::cargo_bin("copydesk").expect("binary");
    command.current_dir(dir).env_remove("PGPASSWORD");
    command
}

/// A fresh database of its own for one test, on the test server: tests
/// run side by side. Returns the writer's and the reader's URLs.
fn database(name: &str) -> (String, String) {
    let admin = std::env::var("COPYDESK_TEST_DATABASE").expect(NEEDS_SERVER);
    let reader = std::env::var("COPYDESK_TEST_READER").expect(NEEDS_SERVER);
    let mut client = postgres::Client::connect(&admin, postgres::NoTls).expect("test server");
    // Each its own statement: CREATE DATABASE refuses a transaction block.
    for statement in [
        format!("DROP DATABASE IF EXISTS {name}"),
        format!("CREATE DATABASE {name}"),
    ] {
        client.batch_execute(&statement).expect("create database");
    }
    let url = replace_database(&admin, name);
    let mut own = postgres::Client::connect(&url, postgres::NoTls).expect("new database");
    own.batch_execute("ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO reader")
        .expect("grant");
    (url, replace_database(&reader, name))
}

fn replace_database(url: &str, name: &str) -> String {
    let (server, _) = url.rsplit_once('/').expect("URL with a database");
    format!("{server}/{name}")
}

/// A copy of the example corpus and drafts to change freely.
fn example_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    for sub in ["corpus", "drafts"] {
        std::fs::create_dir_all(dir.path().join(sub)).expect("mkdir");
        for entry in std::fs::read_dir(examples.join(sub)).expect("examples") {
            let path = entry.expect("entry").path();
            std::fs::copy(
                &path,
                dir.path().join(sub).join(path.file_name().expect("name")),
            )
            .expect("copy");
        }
    }
    dir
}

fn lint_json(dir: &Path, corpus: &str) -> String {
    let output = copydesk(dir)
        .args([
            "lint",
            "--no-cache",
            "--format",
            "json",
            "--corpus",
            corpus,
            "drafts",
        ])
        .output()
        .expect("runs");
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("utf-8")
}

/// The findings of a JSON report with their related information left out.
fn without_evidence(json: &str) -> serde_json::Value {
    let mut report: serde_json::Value = serde_json::from_str(json).expect("JSON");
    for file in report["files"].as_array_mut().expect("files") {
        for finding in file["diagnostics"].as_array_mut().expect("diagnostics") {
            finding["related"] = serde_json::Value::Null;
        }
    }
    report
}

fn index(dir: &Path, url: &str) -> String {
    let output = copydesk(dir)
        .args(["index", "--to", url, "corpus"])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{stderr}");
    stderr
}

#[test]
#[ignore = "needs a PostgreSQL server: run under tests/postgres/server.sh"]
fn lint_through_the_database_finds_what_the_local_index_finds() {
    let dir = example_copy();
    let (url, reader) = database("parity_examples");
    let said = index(dir.path(), &url);
    assert!(said.contains("8 added, 0 changed, 0 removed"), "{said}");
    let local = lint_json(dir.path(), "corpus");
    assert!(
        local.contains("Witkoff"),
        "the example drafts have findings"
    );
    assert_eq!(lint_json(dir.path(), &url), local);
    // Lint needs only a role that may read.
    assert_eq!(lint_json(dir.path(), &reader), local);
}

#[test]
#[ignore = "needs a PostgreSQL server: run under tests/postgres/server.sh"]
fn a_second_run_writes_only_what_changed_and_matches_a_fresh_index() {
    let dir = example_copy();
    let (url, _) = database("updates");
    index(dir.path(), &url);
    let corpus = dir.path().join("corpus");
    let mut articles: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .expect("corpus")
        .map(|e| e.expect("entry").path())
        .collect();
    articles.sort();
    // One article changed, one gone, one new.
    let changed = std::fs::read_to_string(&articles[0]).expect("read");
    std::fs::write(&articles[0], changed.replace("Witkoff", "Whitkoff")).expect("write");
    std::fs::remove_file(&articles[1]).expect("remove");
    std::fs::write(
        corpus.join("zz-new.md"),
        "Envoy Steve Witkoff met Rustem Umerov in Geneva on Sunday.\n",
    )
    .expect("write");
    let said = index(dir.path(), &url);
    assert!(
        said.contains("1 added, 1 changed, 1 removed, 6 unchanged"),
        "{said}"
    );
    // The same findings; the evidence may cite other articles first, since
    // the database lists a rewritten article after the others.
    assert_eq!(
        without_evidence(&lint_json(dir.path(), &url)),
        without_evidence(&lint_json(dir.path(), "corpus"))
    );
    let again = index(dir.path(), &url);
    assert!(
        again.contains("0 added, 0 changed, 0 removed, 8 unchanged"),
        "{again}"
    );
}

#[test]
#[ignore = "needs a PostgreSQL server: run under tests/postgres/server.sh"]
fn an_empty_database_is_named_with_the_command_that_fills_it() {
    let dir = example_copy();
    let (url, _) = database("never_indexed");
    let output = copydesk(dir.path())
        .args(["lint", "--corpus", &url, "drafts"])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("holds no copydesk corpus") && stderr.contains("copydesk index --to"),
        "{stderr}"
    );
}

#[test]
fn a_database_that_is_down_is_one_warning_and_the_other_checks_run() {
    let dir = example_copy();
    // Nothing listens on port 1.
    let output = copydesk(dir.path())
        .args([
            "lint",
            "--corpus",
            "postgres://copydesk@127.0.0.1:1/archive",
            "drafts",
        ])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let warnings: Vec<&str> = stderr.lines().filter(|l| l.contains("warning")).collect();
    assert_eq!(warnings.len(), 1, "{stderr}");
    assert!(
        warnings[0].contains("postgres://127.0.0.1:1/archive")
            && warnings[0].contains("cannot connect")
            && warnings[0].contains("the checks that need the corpus are off"),
        "{stderr}"
    );
    // House rules need no corpus: "Kiev" is still found.
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stdout.contains("Kyiv"), "{stdout}");
}
