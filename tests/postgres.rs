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

/// What a lint of the drafts through `corpus` says on stderr.
fn lint_stderr(dir: &Path, corpus: &str) -> String {
    let output = copydesk(dir)
        .args(["lint", "--corpus", corpus, "drafts"])
        .output()
        .expect("runs");
    String::from_utf8_lossy(&output.stderr).into_owned()
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
    // The totals kept as articles came and went are what counting gives.
    let mut client = postgres::Client::connect(&url, postgres::NoTls).expect("connect");
    let kept = client
        .query_one(
            "SELECT articles, sentences, wordings FROM corpus_totals",
            &[],
        )
        .expect("totals");
    let counted = client
        .query_one(
            "SELECT (SELECT count(*) FROM articles), (SELECT sum(sentences)::int8 FROM articles),
                    (SELECT count(*) FROM wordings)",
            &[],
        )
        .expect("counts");
    for column in 0..3 {
        assert_eq!(
            kept.get::<_, i64>(column),
            counted.get::<_, i64>(column),
            "column {column}"
        );
    }
    let mismatched: i64 = client
        .query_one(
            "SELECT count(*) FROM word_totals t FULL JOIN
               (SELECT word, count(*) AS n FROM wording_words GROUP BY word) c USING (word)
             WHERE t.wordings IS DISTINCT FROM c.n",
            &[],
        )
        .expect("word totals")
        .get(0);
    assert_eq!(mismatched, 0, "word_totals differ from the postings");
}

#[test]
#[ignore = "needs a PostgreSQL server: run under tests/postgres/server.sh"]
fn an_empty_database_is_named_with_the_command_that_fills_it() {
    let dir = example_copy();
    let (url, _) = database("never_indexed");
    let stderr = lint_stderr(dir.path(), &url);
    assert!(
        stderr.contains("holds no copydesk corpus") && stderr.contains("copydesk index --to"),
        "{stderr}"
    );
}

#[test]
#[ignore = "needs a PostgreSQL server: run under tests/postgres/server.sh"]
fn a_database_written_by_another_version_is_refused_then_written_anew() {
    let dir = example_copy();
    let (url, _) = database("other_version");
    index(dir.path(), &url);
    // An older copydesk: another analysis, and a table it did not have.
    let mut client = postgres::Client::connect(&url, postgres::NoTls).expect("connect");
    client
        .batch_execute(
            "UPDATE copydesk_meta SET value = 'older' WHERE key = 'analysis';
             DROP TABLE word_totals; ALTER TABLE quotes DROP COLUMN end_byte",
        )
        .expect("make it old");
    let stderr = lint_stderr(dir.path(), &url);
    assert!(
        stderr.contains("written by another copydesk version"),
        "{stderr}"
    );
    let said = index(dir.path(), &url);
    assert!(said.contains("8 added, 0 changed, 0 removed"), "{said}");
    assert_eq!(lint_json(dir.path(), &url), lint_json(dir.path(), "corpus"));
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

/// The warnings a lint through `corpus` prints, and whether it found the
/// corpus-backed findings the local index finds.
fn lint_through(dir: &Path, corpus: &str, local: &str) -> (Vec<String>, bool) {
    let output = copydesk(dir)
        .args(["lint", "--no-cache", "--format", "json", "--corpus", corpus])
        .arg("drafts")
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let warnings = stderr
        .lines()
        .filter(|line| line.contains("warning"))
        .map(str::to_string)
        .collect();
    (warnings, String::from_utf8_lossy(&output.stdout) == local)
}

/// `url` with another role, host and query.
fn as_role(url: &str, role: &str, host: &str, query: &str) -> String {
    let (_, rest) = url.split_once('@').expect("URL with a role");
    let (_, port_and_db) = rest.split_once(':').expect("URL with a port");
    format!("postgres://{role}@{host}:{port_and_db}?{query}")
}

#[test]
#[ignore = "needs a PostgreSQL server: run under tests/postgres/server.sh"]
fn tls_is_used_and_the_server_is_checked_as_the_url_asks() {
    let tls = PathBuf::from(std::env::var("COPYDESK_TEST_TLS").expect(NEEDS_SERVER));
    let dir = example_copy();
    let (url, _) = database("over_tls");
    index(dir.path(), &url);
    let local = lint_json(dir.path(), "corpus");
    let ca = tls.join("ca.pem").display().to_string();
    let other_ca = tls.join("other-ca.pem").display().to_string();
    let (cert, key) = (tls.join("client.pem"), tls.join("client.key"));
    let client = format!("sslcert={}&sslkey={}", cert.display(), key.display());
    let full = format!("sslmode=verify-full&sslrootcert={ca}");
    let works = |url: String| {
        let (warnings, same) = lint_through(dir.path(), &url, &local);
        assert!(warnings.is_empty() && same, "{url}: {warnings:?}");
    };
    let refused = |url: String, because: &str| {
        let (warnings, _) = lint_through(dir.path(), &url, &local);
        assert!(
            warnings.len() == 1
                && warnings[0].contains("cannot connect")
                && warnings[0].contains(because),
            "{url}: expected one warning naming {because:?}, got {warnings:?}"
        );
    };
    // tlsonly may connect only over TLS: the default (prefer) uses it.
    works(as_role(&url, "tlsonly", "127.0.0.1", ""));
    refused(
        as_role(&url, "tlsonly", "127.0.0.1", "sslmode=disable"),
        "tlsonly",
    );
    works(as_role(&url, "tlsonly", "127.0.0.1", &full));
    // A server whose certificate another CA signed is not trusted.
    refused(
        as_role(
            &url,
            "tlsonly",
            "127.0.0.1",
            &format!("sslmode=verify-full&sslrootcert={other_ca}"),
        ),
        "UnknownIssuer",
    );
    // The certificate names 127.0.0.1, not localhost: verify-ca does not
    // look at the name, verify-full does.
    works(as_role(
        &url,
        "tlsonly",
        "localhost",
        &format!("sslmode=verify-ca&sslrootcert={ca}"),
    ));
    refused(
        as_role(&url, "tlsonly", "localhost", &full),
        "not valid for name",
    );
    // certuser logs in with its certificate, and without it cannot.
    works(as_role(
        &url,
        "certuser",
        "127.0.0.1",
        &format!("{full}&{client}"),
    ));
    refused(
        as_role(&url, "certuser", "127.0.0.1", &full),
        "client certificate",
    );
}

/// Poll `query` (one count) until it gives `want`, for up to ten seconds.
fn eventually(url: &str, query: &str, want: i64) -> bool {
    let mut client = postgres::Client::connect(url, postgres::NoTls).expect("database");
    for _ in 0..100 {
        // Before the first run creates the tables, there is nothing yet.
        let count: Option<i64> = client.query_one(query, &[]).ok().map(|row| row.get(0));
        if count == Some(want) {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    false
}

#[test]
#[ignore = "needs a PostgreSQL server: run under tests/postgres/server.sh"]
fn a_watch_writes_articles_as_they_arrive_and_go() {
    let dir = example_copy();
    let (url, _) = database("watched");
    let mut watching = std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .current_dir(dir.path())
        .args(["index", "--watch", "--to", &url, "corpus"])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    // Changes count from the moment it says it is watching.
    let stderr = watching.stderr.take().expect("stderr");
    let mut lines = std::io::BufRead::lines(std::io::BufReader::new(stderr));
    let said: Vec<String> = lines
        .by_ref()
        .map_while(Result::ok)
        .take_while(|line| !line.starts_with("Watching"))
        .collect();
    assert!(said.iter().any(|l| l.contains("8 added")), "{said:?}");
    // Keep reading what it says, or its next line finds the pipe closed.
    std::thread::spawn(move || lines.for_each(drop));
    let count = "SELECT count(*) FROM articles";
    assert!(
        eventually(&url, count, 8),
        "the first run writes the folder"
    );
    let wire = dir.path().join("corpus/zz-wire.md");
    std::fs::write(
        &wire,
        "Envoy Steve Witkoff landed in Abu Dhabi on Monday.\n",
    )
    .expect("write");
    let arrived = "SELECT count(*) FROM articles WHERE path LIKE '%zz-wire.md'";
    let arrived_ok = eventually(&url, arrived, 1);
    std::fs::remove_file(&wire).expect("remove");
    let gone_ok = eventually(&url, count, 8);
    watching.kill().expect("stop the watch");
    let _ = watching.wait();
    assert!(arrived_ok, "an article written to the folder is indexed");
    assert!(gone_ok, "an article removed from the folder is removed");
}

/// Every row of the running totals, in key order, as text.
fn totals_of(url: &str) -> Vec<String> {
    let mut client = postgres::Client::connect(url, postgres::NoTls).expect("connect");
    let mut rows = Vec::new();
    for query in [
        "SELECT spelling || ' ' || mentions || ' ' || articles FROM spelling_totals ORDER BY spelling",
        "SELECT word || ' ' || articles FROM lowercase_totals ORDER BY word",
        "SELECT word || ' ' || wordings FROM word_totals ORDER BY word",
        "SELECT term || ' ' || sentences FROM term_totals ORDER BY term",
        "SELECT key || ' ' || spelling FROM name_keys ORDER BY key, spelling",
        "SELECT articles || ' ' || sentences || ' ' || wordings FROM corpus_totals",
    ] {
        let table: Vec<String> = client
            .query(query, &[])
            .expect("totals")
            .iter()
            .map(|row| row.get(0))
            .collect();
        assert!(!table.is_empty(), "nothing from {query}");
        rows.extend(table);
    }
    rows
}

#[test]
#[ignore = "needs a PostgreSQL server: run under tests/postgres/server.sh"]
fn sums_set_aside_in_the_database_add_up_to_the_sums_held_in_memory() {
    // More articles than one batch, naming the same people, so that a
    // spelling's sum is part set aside after the first batch and part
    // held at the end.
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).expect("mkdir");
    let people = ["Maria Kovalenko", "Tomas Herrera", "Ingrid Solberg"];
    for n in 0..2_300 {
        let text = format!(
            "# Council notes {n}\n\nCouncillor {} told the meeting on Tuesday that {} homes \
             needed new roofs. \"We will fund {n} of them,\" said {}.\n",
            people[n % 3],
            n % 97,
            people[(n / 3) % 3],
        );
        std::fs::write(corpus.join(format!("note-{n:04}.md")), text).expect("write");
    }
    let (held, _) = database("sums_held");
    let (set_aside, _) = database("sums_set_aside");
    let mut client = postgres::Client::connect(&held, postgres::NoTls).expect("connect");
    copydesk::workspace::postgres::ingest(&mut client, std::slice::from_ref(&corpus))
        .expect("ingest");
    let mut client = postgres::Client::connect(&set_aside, postgres::NoTls).expect("connect");
    copydesk::workspace::postgres::ingest_holding(&mut client, std::slice::from_ref(&corpus), 1)
        .expect("ingest setting sums aside");
    assert_eq!(totals_of(&set_aside), totals_of(&held));
}
