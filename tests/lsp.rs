//! The language server, driven in-process over an in-memory pipe with raw
//! JSON-RPC, as an editor would drive it.

use std::path::{Path, PathBuf};

use std::time::Duration;

use serde_json::{Value, json};
#[path = "support/lsp_client.rs"]
mod lsp_client;
use lsp_client::{Client, send, uri};

/// A copy of the newsroom fixture (config, rules, corpus, drafts).
fn newsroom() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir
        .path()
        .canonicalize()
        .expect("canonical")
        .join("newsroom");
    copy_dir(Path::new("tests/fixtures/newsroom"), &root);
    (dir, root)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read fixture") {
        let entry = entry.expect("entry");
        // Other tests lint the fixtures in place, which may leave an index
        // cache there, possibly half written.
        if entry.file_name() == ".copydesk-cache" {
            continue;
        }
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

fn codes_and_lines(diagnostics: &[Value]) -> Vec<(String, u64)> {
    diagnostics
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or_default().to_string(),
                d["range"]["start"]["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn range(start: (u64, u64), end: (u64, u64)) -> Value {
    json!({"start": {"line": start.0, "character": start.1}, "end": {"line": end.0, "character": end.1}})
}

/// Apply LSP text edits (all against the same original text) to `text`.
fn apply_edits(text: &str, edits: &[Value], utf16: bool) -> String {
    let offset = |position: &Value| -> usize {
        let line = position["line"].as_u64().unwrap() as usize;
        let character = position["character"].as_u64().unwrap() as usize;
        let line_start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let rest = &text[line_start..];
        let mut units = 0;
        for (i, c) in rest.char_indices() {
            if units >= character || c == '\n' {
                return line_start + i;
            }
            units += if utf16 { c.len_utf16() } else { c.len_utf8() };
        }
        text.len()
    };
    let mut edits: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut text = text.to_string();
    for (start, end, new_text) in edits {
        text.replace_range(start..end, &new_text);
    }
    text
}

/// The name-spelling diagnostics (quote checks may flag the curly quotes).
fn names_only(diagnostics: Vec<Value>) -> Vec<Value> {
    diagnostics
        .into_iter()
        .filter(|d| d["code"] == "name-spelling")
        .collect()
}

/// A client that registers file watchers itself, so the server's own
/// watcher stays off and only the test's notifications reload.
fn watching_client() -> Value {
    json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}})
}

fn quiet_settings() -> Value {
    json!({"debounceMs": 0})
}

// ---------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn initialize_negotiates_encoding_and_advertises_capabilities() {
    let (client, result) = Client::initialized(json!({}), Value::Null, &[]).await;
    let caps = &result["capabilities"];
    assert_eq!(
        caps["positionEncoding"], "utf-16",
        "UTF-16 unless offered UTF-8"
    );
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental sync");
    assert_eq!(caps["textDocumentSync"]["openClose"], true);
    assert_eq!(caps["hoverProvider"], true);
    let kinds = caps["codeActionProvider"]["codeActionKinds"]
        .as_array()
        .unwrap();
    assert!(kinds.contains(&json!("quickfix")) && kinds.contains(&json!("source.fixAll.copydesk")));
    assert_eq!(
        caps["executeCommandProvider"]["commands"],
        json!([
            copydesk::lsp::ADD_TO_HOUSE_NAMES,
            copydesk::lsp::LINT_WORKSPACE
        ])
    );
    assert!(
        caps.get("diagnosticProvider").is_none(),
        "push-only client: no pull provider"
    );
    assert_eq!(result["serverInfo"]["name"], "copydesk");
    assert_eq!(client.shut_down().await, 0);

    let (client, result) = Client::initialized(
        json!({"general": {"positionEncodings": ["utf-8", "utf-16"]},
               "textDocument": {"diagnostic": {"dynamicRegistration": false}}}),
        Value::Null,
        &[],
    )
    .await;
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-8");
    assert_eq!(
        result["capabilities"]["diagnosticProvider"]["identifier"],
        "copydesk"
    );
    assert_eq!(client.shut_down().await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn open_change_and_close_publish_versioned_diagnostics() {
    let (_dir, root) = newsroom();
    let draft = root.join("drafts/draft.md");
    let text = std::fs::read_to_string(&draft).unwrap();
    let (mut client, _) = Client::initialized(json!({}), quiet_settings(), &[&root]).await;
    let doc = uri(&draft);
    client.open_with_corpus(&doc, &text).await;
    let diagnostics = client.diagnostics(&doc, Some(1)).await;
    assert_eq!(
        codes_and_lines(&diagnostics),
        vec![
            ("name-spelling".to_string(), 0),
            ("name-spelling".to_string(), 2),
            ("name-spelling".to_string(), 3),
            ("name-spelling".to_string(), 5),
        ]
    );
    let kiev = &diagnostics[1];
    assert_eq!(kiev["range"], range((2, 25), (2, 29)));
    assert_eq!(kiev["severity"], 2);
    assert_eq!(kiev["source"], "copydesk");
    assert_eq!(
        kiev["codeDescription"]["href"],
        "https://github.com/copydesk/copydesk#name-spelling"
    );
    assert_eq!(kiev["data"]["match"], "Kiev");
    assert_eq!(kiev["data"]["suggestions"], json!(["Kyiv"]));
    let related = kiev["relatedInformation"].as_array().expect("evidence");
    let corpus = related
        .iter()
        .find(|r| {
            r["location"]["uri"]
                .as_str()
                .unwrap()
                .ends_with("corpus/wire-one.md")
        })
        .expect("corpus evidence with a file URI");
    assert_eq!(corpus["location"]["range"], range((6, 13), (6, 17)));
    let syrsky = &diagnostics[3];
    let rule = &syrsky["relatedInformation"][0]["location"];
    assert!(rule["uri"].as_str().unwrap().ends_with("rules/house.toml"));
    assert_eq!(rule["range"]["start"]["line"], 1);

    // Incremental: "Kiev" on line 3 becomes "Kyiv"; the finding goes.
    client
        .change(
            &doc,
            2,
            json!([{"range": range((2, 25), (2, 29)), "text": "Kyiv"}]),
        )
        .await;
    let diagnostics = client.diagnostics(&doc, Some(2)).await;
    assert_eq!(diagnostics.len(), 3);
    assert!(
        codes_and_lines(&diagnostics)
            .iter()
            .all(|(_, line)| *line != 2)
    );
    // Insert a line at the top: every finding moves down one line.
    client
        .change(
            &doc,
            3,
            json!([{"range": range((0, 0), (0, 0)), "text": "Kiev\n"}]),
        )
        .await;
    let lines: Vec<u64> = codes_and_lines(&client.diagnostics(&doc, Some(3)).await)
        .into_iter()
        .map(|(_, line)| line)
        .collect();
    assert_eq!(lines, vec![0, 1, 4, 6]);

    client
        .notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": doc}}),
        )
        .await;
    assert!(
        client.diagnostics(&doc, None).await.is_empty(),
        "closing clears"
    );
    assert_eq!(client.shut_down().await, 0);
}

/// Text before the flagged word that is wider than one UTF-16 unit or one
/// byte per character.
const PREFIXES: &[&str] = &[
    "Київ і",           // Cyrillic
    "Café déjà-vu à",   // accented Latin
    "“Quoted” ‘words’", // curly quotes
    "基辅市 和",        // CJK
    "🇺🇦 😀 👩‍👩‍👧",         // emoji, flags and a ZWJ sequence
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ranges_are_exact_after_multibyte_text_in_utf16_and_utf8() {
    for (encodings, utf16) in [
        (json!(["utf-16"]), true),
        (json!(["utf-8", "utf-16"]), false),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().canonicalize().unwrap();
        let (mut client, result) = Client::initialized(
            json!({"general": {"positionEncodings": encodings}}),
            quiet_settings(),
            &[&folder],
        )
        .await;
        assert_eq!(
            result["capabilities"]["positionEncoding"],
            if utf16 { "utf-16" } else { "utf-8" }
        );
        let width = |s: &str| if utf16 { s.encode_utf16().count() } else { s.len() } as u64;
        for (n, prefix) in PREFIXES.iter().enumerate() {
            let doc = uri(&folder.join(format!("draft{n}.md")));
            let text = format!("{prefix} Kiev.\n{prefix} Odessa.\n");
            client.open(&doc, &text).await;
            let diagnostics = names_only(client.diagnostics(&doc, Some(1)).await);
            let start = width(prefix) + 1;
            assert_eq!(diagnostics.len(), 2, "{prefix}: {diagnostics:?}");
            assert_eq!(
                diagnostics[0]["range"],
                range((0, start), (0, start + 4)),
                "{prefix}"
            );
            assert_eq!(
                diagnostics[1]["range"],
                range((1, start), (1, start + 6)),
                "{prefix}"
            );

            // An incremental edit expressed in the same units: replace the
            // prefix on line 2 with itself twice; Odessa moves right.
            client
                .change(
                    &doc,
                    2,
                    json!([{"range": range((1, 0), (1, width(prefix))), "text": format!("{prefix}{prefix}")}]),
                )
                .await;
            let diagnostics = names_only(client.diagnostics(&doc, Some(2)).await);
            let moved = 2 * width(prefix) + 1;
            assert_eq!(
                diagnostics[1]["range"],
                range((1, moved), (1, moved + 6)),
                "{prefix}"
            );
            // Quick-fix edits come back in the same units and land exactly.
            let edited = format!("{prefix} Kiev.\n{prefix}{prefix} Odessa.\n");
            let actions = client
                .request(
                    "textDocument/codeAction",
                    json!({"textDocument": {"uri": doc}, "range": diagnostics[1]["range"],
                           "context": {"diagnostics": [diagnostics[1]]}}),
                )
                .await;
            let fix = actions
                .as_array()
                .unwrap()
                .iter()
                .find(|a| a["title"] == "Replace with ‘Odesa’")
                .expect("quick fix");
            let edits = fix["edit"]["changes"][&doc].as_array().unwrap();
            assert_eq!(
                apply_edits(&edited, edits, utf16),
                format!("{prefix} Kiev.\n{prefix}{prefix} Odesa.\n")
            );
        }
        assert_eq!(client.shut_down().await, 0);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn code_actions_fix_disable_and_fix_all() {
    let (_dir, root) = newsroom();
    let draft = root.join("drafts/draft.md");
    let text = std::fs::read_to_string(&draft).unwrap();
    let (mut client, _) = Client::initialized(json!({}), quiet_settings(), &[&root]).await;
    let doc = uri(&draft);
    client.open_with_corpus(&doc, &text).await;
    let diagnostics = client.diagnostics(&doc, Some(1)).await;
    let kiev = diagnostics[1].clone();
    let actions = client
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": doc}, "range": kiev["range"], "context": {"diagnostics": [kiev]}}),
        )
        .await;
    let titles: Vec<&str> = actions
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        vec![
            "Replace with ‘Kyiv’",
            "Disable copydesk for this line (name-spelling)",
            "Fix all safe copydesk findings in this document",
        ],
        "a house-rule finding offers no 'add to house rules'"
    );
    let fix = &actions[0];
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(fix["isPreferred"], true);
    assert_eq!(fix["diagnostics"][0]["range"], kiev["range"]);

    // Line 3 starts its paragraph: the comment goes on its own line above.
    let disable = actions[1]["edit"]["changes"][&doc].as_array().unwrap();
    let disabled = apply_edits(&text, disable, true);
    assert!(disabled.contains(
        "<!-- copydesk-disable-next-line name-spelling -->\nThe delegation landed in Kiev"
    ));
    client.change(&doc, 2, json!([{"text": disabled}])).await;
    let after = client.diagnostics(&doc, Some(2)).await;
    assert_eq!(after.len(), 3, "the line is silenced: {after:?}");
    // Line 4 continues the paragraph: the comment goes at its end instead.
    let kievs = after[1].clone();
    let actions = client
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": doc}, "range": kievs["range"], "context": {"diagnostics": [kievs]}}),
        )
        .await;
    let disable = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("Disable"))
        .unwrap()["edit"]["changes"][&doc]
        .clone();
    let disabled_twice = apply_edits(&disabled, disable.as_array().unwrap(), true);
    assert!(disabled_twice.contains(
        "Kiev's mayor met them; `Kiev` in code is not prose. <!-- copydesk-disable-line name-spelling -->\n"
    ));

    // Fix all, from a request with no diagnostics in its context.
    let actions = client
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": doc}, "range": range((0, 0), (0, 0)),
                   "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
        )
        .await;
    assert_eq!(
        actions.as_array().unwrap().len(),
        1,
        "only the fix-all: {actions}"
    );
    assert_eq!(actions[0]["kind"], "source.fixAll.copydesk");
    let edits = actions[0]["edit"]["changes"][&doc].as_array().unwrap();
    let fixed = apply_edits(&disabled, edits, true);
    assert!(fixed.contains("Envoys In Kyiv") && fixed.contains("Kyiv's mayor"));
    assert!(fixed.contains("Oleksandr Syrskyi briefed"));
    assert!(fixed.contains("`Kiev` in code"), "code is not prose");
    client.change(&doc, 3, json!([{"text": fixed}])).await;
    assert!(client.diagnostics(&doc, Some(3)).await.is_empty());

    // A stale diagnostic (its text has changed) gets no quick fix.
    let actions = client
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": doc}, "range": kiev["range"],
                   "context": {"diagnostics": [kiev], "only": ["quickfix"]}}),
        )
        .await;
    assert_eq!(actions, Value::Null, "nothing to fix in text that moved on");
    assert_eq!(client.shut_down().await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn versioned_workspace_edits_when_the_client_supports_document_changes() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().canonicalize().unwrap();
    let (mut client, _) = Client::initialized(
        json!({"workspace": {"workspaceEdit": {"documentChanges": true}}}),
        quiet_settings(),
        &[&folder],
    )
    .await;
    let doc = uri(&folder.join("a.md"));
    client.open(&doc, "Kiev\n").await;
    let diagnostics = client.diagnostics(&doc, Some(1)).await;
    let actions = client
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": doc}, "range": diagnostics[0]["range"],
                   "context": {"diagnostics": diagnostics}}),
        )
        .await;
    let change = &actions[0]["edit"]["documentChanges"][0];
    assert_eq!(change["textDocument"], json!({"uri": doc, "version": 1}));
    assert_eq!(change["edits"][0]["newText"], "Kyiv");
    assert_eq!(client.shut_down().await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hover_shows_annotations_findings_and_evidence() {
    let (_dir, root) = newsroom();
    let draft = root.join("drafts/draft.md");
    let text = std::fs::read_to_string(&draft).unwrap();
    let (mut client, _) = Client::initialized(json!({}), quiet_settings(), &[&root]).await;
    let doc = uri(&draft);
    client.open_with_corpus(&doc, &text).await;
    client.diagnostics(&doc, Some(1)).await;
    let hover = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": doc}, "position": {"line": 5, "character": 12}}),
        )
        .await;
    let value = hover["contents"]["value"].as_str().expect("markdown hover");
    assert_eq!(hover["contents"]["kind"], "markdown");
    assert!(
        value.contains("[`name-spelling`](https://github.com/copydesk/copydesk#name-spelling)"),
        "{value}"
    );
    assert!(value.contains("Suggested: ‘Oleksandr Syrskyi’"), "{value}");
    assert!(
        value.contains("rules/house.toml:2:"),
        "evidence with its place: {value}"
    );
    assert_eq!(hover["range"], range((5, 0), (5, 16)));
    let nothing = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": doc}, "position": {"line": 2, "character": 8}}),
        )
        .await;
    assert_eq!(nothing, Value::Null);
    assert_eq!(client.shut_down().await, 0);
}

/// A corpus that spells "Witkoff" one way, and a draft that does not.
fn witkoff_workspace() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::create_dir_all(root.join("corpus")).unwrap();
    for n in 0..6 {
        std::fs::write(
            root.join(format!("corpus/a{n}.md")),
            format!(
                "US envoy Steve Witkoff met officials on day {n}. Witkoff said talks went well.\n"
            ),
        )
        .unwrap();
    }
    std::fs::write(root.join("copydesk.toml"), "corpus = \"corpus\"\n").unwrap();
    (dir, root)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn adding_a_spelling_to_the_house_rules_writes_the_file_and_reloads() {
    let (_dir, root) = witkoff_workspace();
    let (mut client, _) = Client::initialized(
        json!({"window": {"workDoneProgress": true},
               "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}),
        quiet_settings(),
        &[&root],
    )
    .await;
    let doc = uri(&root.join("draft.md"));
    client
        .open(&doc, "The envoy Steve Whitkoff arrived.\n")
        .await;
    // The corpus loads in the background and reports progress.
    let begin = client
        .wait_for("progress begin", |m| {
            m["method"] == "$/progress" && m["params"]["value"]["kind"] == "begin"
        })
        .await;
    assert_eq!(
        begin["params"]["value"]["title"],
        "Loading the reference corpus"
    );
    client
        .wait_for("progress end", |m| {
            m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end"
        })
        .await;
    let finding = loop {
        let diagnostics = client.diagnostics(&doc, Some(1)).await;
        if let Some(d) = diagnostics
            .into_iter()
            .find(|d| d["data"]["match"] == "Whitkoff")
        {
            break d;
        }
    };
    assert!(finding["data"].get("ruleId").is_none(), "a corpus finding");
    let actions = client
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": doc}, "range": finding["range"], "context": {"diagnostics": [finding]}}),
        )
        .await;
    let add = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "Add ‘Whitkoff’ → ‘Witkoff’ to the house names rules")
        .expect("add-to-house-rules action")
        .clone();
    assert_eq!(add["command"]["command"], copydesk::lsp::ADD_TO_HOUSE_NAMES);
    let result = client
        .request(
            "workspace/executeCommand",
            json!({"command": add["command"]["command"], "arguments": add["command"]["arguments"]}),
        )
        .await;
    assert_eq!(result, Value::Null);
    let written = std::fs::read_to_string(root.join("rules").join(copydesk::lsp::HOUSE_NAMES_FILE))
        .expect("the rules dir and file were created");
    assert_eq!(
        written,
        "[[name]]\nid = \"house.witkoff\"\ncanonical = \"Witkoff\"\nvariants = [\"Whitkoff\"]\n"
    );
    // Re-linted with the new rule: the finding now cites it.
    let by_rule = client
        .wait_for("diagnostics citing the new house rule", |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["diagnostics"][0]["data"]["ruleId"] == "house.witkoff"
        })
        .await;
    let related = &by_rule["params"]["diagnostics"][0]["relatedInformation"][0]["location"];
    assert!(
        related["uri"]
            .as_str()
            .unwrap()
            .ends_with("rules/house-names.toml")
    );
    // Running it again is refused with a one-line reason.
    let again = client
        .request_raw(
            "workspace/executeCommand",
            json!({"command": add["command"]["command"], "arguments": add["command"]["arguments"]}),
        )
        .await;
    assert!(
        again["error"]["message"]
            .as_str()
            .unwrap()
            .contains("already a variant in house rule `house.witkoff`"),
        "{again}"
    );
    assert_eq!(client.shut_down().await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rules_reload_on_change_and_a_broken_rules_file_is_a_diagnostic_in_it() {
    let (_dir, root) = newsroom();
    let (mut client, _) = Client::initialized(watching_client(), quiet_settings(), &[&root]).await;
    let doc = uri(&root.join("drafts/new.md"));
    client.open_with_corpus(&doc, "Mr Smyth and Kiev.\n").await;
    assert_eq!(client.diagnostics(&doc, Some(1)).await.len(), 1);

    let rules = root.join("rules/people.toml");
    std::fs::write(
        &rules,
        "[[name]]\nid = \"person.smith\"\ncanonical = \"Smith\"\nvariants = [\"Smyth\"]\n",
    )
    .unwrap();
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": uri(&rules), "type": 1}]}),
        )
        .await;
    let diagnostics = client.diagnostics(&doc, Some(1)).await;
    assert_eq!(
        diagnostics.len(),
        2,
        "the new rule applies: {diagnostics:?}"
    );
    assert_eq!(diagnostics[0]["data"]["suggestions"], json!(["Smith"]));

    // Break it: its problem shows in the rules file; the other rules still apply.
    std::fs::write(&rules, "[[name]]\nid = \"person.smith\"\ncanonical = 3\n").unwrap();
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": uri(&rules), "type": 2}]}),
        )
        .await;
    let problems = client.diagnostics(&uri(&rules), None).await;
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0]["severity"], 1);
    assert_eq!(
        problems[0]["range"]["start"],
        json!({"line": 2, "character": 12})
    );
    assert_eq!(
        client.diagnostics(&doc, Some(1)).await.len(),
        1,
        "Kiev still flagged"
    );

    // Mend it: the problem clears.
    std::fs::remove_file(&rules).unwrap();
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": uri(&rules), "type": 3}]}),
        )
        .await;
    assert!(client.diagnostics(&uri(&rules), None).await.is_empty());
    assert_eq!(client.shut_down().await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_client_watchers_the_servers_own_watcher_reloads_rules() {
    let (_dir, root) = newsroom();
    let (mut client, _) = Client::initialized(json!({}), quiet_settings(), &[&root]).await;
    let doc = uri(&root.join("drafts/new.md"));
    client.open_with_corpus(&doc, "Mr Smyth.\n").await;
    assert!(client.diagnostics(&doc, Some(1)).await.is_empty());
    // Give the watcher a moment to be set up after the project loaded.
    tokio::time::sleep(Duration::from_millis(300)).await;
    std::fs::write(
        root.join("rules/people.toml"),
        "[[name]]\nid = \"person.smith\"\ncanonical = \"Smith\"\nvariants = [\"Smyth\"]\n",
    )
    .unwrap();
    let diagnostics = client.diagnostics(&doc, Some(1)).await;
    assert_eq!(diagnostics.len(), 1, "reloaded without being told");
    assert_eq!(client.shut_down().await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dynamic_watchers_are_registered_when_the_client_can() {
    let (_dir, root) = newsroom();
    let (mut client, _) = Client::initialized(
        json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true, "relativePatternSupport": true}}}),
        quiet_settings(),
        &[&root],
    )
    .await;
    client
        .open(&uri(&root.join("drafts/draft.md")), "Kiev\n")
        .await;
    let registration = client
        .wait_for("watcher registration with the rules dir", |m| {
            m["method"] == "client/registerCapability"
                && m["params"]["registrations"][0]["registerOptions"]["watchers"]
                    .as_array()
                    .is_some_and(|w| w.len() == 5)
        })
        .await;
    let watchers = &registration["params"]["registrations"][0]["registerOptions"]["watchers"];
    assert_eq!(watchers[0]["globPattern"], "**/copydesk.toml");
    assert_eq!(
        watchers[1]["globPattern"]["baseUri"],
        uri(&root.join("rules"))
    );
    assert_eq!(watchers[1]["globPattern"]["pattern"], "*.toml");
    assert_eq!(
        watchers[2]["globPattern"]["baseUri"],
        uri(&root.join("corpus"))
    );
    // The corpus index and its delta, which the CLI may replace.
    for (watcher, file) in [(3, "corpus-delta.bin"), (4, "corpus-index.bin")] {
        let glob = &watchers[watcher]["globPattern"];
        assert_eq!(glob["baseUri"], uri(&root.join(".copydesk-cache")));
        assert_eq!(glob["pattern"], file);
    }
    assert_eq!(client.shut_down().await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stale_versions_are_never_published_and_edits_apply_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().canonicalize().unwrap();
    let (mut client, _) = Client::initialized(
        json!({}),
        json!({"copydesk": {"debounceMs": 1500}}),
        &[&folder],
    )
    .await;
    let doc = uri(&folder.join("a.md"));
    let started = std::time::Instant::now();
    client.open(&doc, "Kiev\n").await;
    // The first diagnostics on open are not debounced.
    assert_eq!(client.diagnostics(&doc, Some(1)).await.len(), 1);
    assert!(
        started.elapsed() < Duration::from_millis(1000),
        "{:?}",
        started.elapsed()
    );
    // A burst of edits, each building on the one before.
    let mut text = String::from("Kiev\n");
    for version in 2..=30 {
        let addition = if version % 2 == 0 { "Odessa " } else { "ok " };
        client
            .change(
                &doc,
                version,
                json!([{"range": range((0, 0), (0, 0)), "text": addition}]),
            )
            .await;
        text.insert_str(0, addition);
    }
    let last = client.diagnostics(&doc, Some(30)).await;
    assert_eq!(last.len(), 1 + 15, "every edit applied in order: {text}");
    let published: Vec<i64> = client
        .drain(Duration::from_millis(400))
        .await
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .filter_map(|m| m["params"]["version"].as_i64())
        .collect();
    assert!(
        published.is_empty(),
        "nothing older after the latest: {published:?}"
    );
    assert_eq!(client.shut_down().await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pull_clients_get_no_pushes_and_unchanged_results() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().canonicalize().unwrap();
    let (mut client, _) = Client::initialized(
        json!({"textDocument": {"diagnostic": {}}}),
        quiet_settings(),
        &[&folder],
    )
    .await;
    let doc = uri(&folder.join("a.md"));
    client.open(&doc, "Kiev\n").await;
    let report = client
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": doc}}),
        )
        .await;
    assert_eq!(report["kind"], "full");
    assert_eq!(report["items"][0]["data"]["match"], "Kiev");
    let result_id = report["resultId"].as_str().unwrap().to_string();
    let again = client
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": doc}, "previousResultId": result_id}),
        )
        .await;
    assert_eq!(again["kind"], "unchanged");
    client
        .change(
            &doc,
            2,
            json!([{"range": range((0, 0), (0, 4)), "text": "Kyiv"}]),
        )
        .await;
    let after = client
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": doc}, "previousResultId": result_id}),
        )
        .await;
    assert_eq!(after["kind"], "full");
    assert_eq!(after["items"], json!([]));
    let pushed = client
        .drain(Duration::from_millis(300))
        .await
        .into_iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .count();
    assert_eq!(
        pushed, 0,
        "a pull client is never pushed document diagnostics"
    );
    assert_eq!(client.shut_down().await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn settings_from_the_client_override_the_config_file() {
    let (_dir, root) = newsroom();
    let mut client = Client::start();
    *client.settings.lock().unwrap() = json!({"checks": {"name-spelling": {"severity": "error"}}});
    client
        .request(
            "initialize",
            json!({"capabilities": {"workspace": {"configuration": true}},
                   "initializationOptions": {"debounceMs": 0},
                   "workspaceFolders": [{"uri": uri(&root), "name": "newsroom"}]}),
        )
        .await;
    client.notify("initialized", json!({})).await;
    client
        .wait_for("a configuration request", |m| {
            m["method"] == "workspace/configuration"
        })
        .await;
    let doc = uri(&root.join("drafts/a.md"));
    client.open(&doc, "Kiev\n").await;
    let severity = loop {
        let diagnostics = client.diagnostics(&doc, Some(1)).await;
        if diagnostics[0]["severity"] == 1 {
            break 1;
        }
    };
    assert_eq!(severity, 1);
    // Turn the check off through didChangeConfiguration.
    *client.settings.lock().unwrap() = json!({"checks": {"name-spelling": {"enabled": false}}});
    client
        .notify("workspace/didChangeConfiguration", json!({"settings": {}}))
        .await;
    client
        .wait_for("diagnostics with the check off", |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == doc
                && m["params"]["diagnostics"] == json!([])
        })
        .await;
    // Invalid settings are a one-line error shown to the user.
    *client.settings.lock().unwrap() = json!({"checks": {"speling": {}}});
    client
        .notify("workspace/didChangeConfiguration", json!({"settings": {}}))
        .await;
    let shown = client
        .wait_for("an error message", |m| m["method"] == "window/showMessage")
        .await;
    let message = shown["params"]["message"].as_str().unwrap();
    assert!(
        message.contains("unknown check `speling`") && !message.contains('\n'),
        "{message}"
    );
    assert_eq!(client.shut_down().await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_document_uses_the_config_of_its_own_folder() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    for (desk, variant) in [("desk-a", "Smyth"), ("desk-b", "Smithe")] {
        let folder = root.join(desk);
        std::fs::create_dir_all(folder.join("rules")).unwrap();
        std::fs::write(folder.join("copydesk.toml"), "rules = \"rules\"\n").unwrap();
        std::fs::write(
            folder.join("rules/people.toml"),
            format!("[[name]]\nid = \"p\"\ncanonical = \"Smith\"\nvariants = [\"{variant}\"]\n"),
        )
        .unwrap();
    }
    let (mut client, _) = Client::initialized(
        json!({}),
        quiet_settings(),
        &[&root.join("desk-a"), &root.join("desk-b")],
    )
    .await;
    let a = uri(&root.join("desk-a/draft.md"));
    let b = uri(&root.join("desk-b/draft.md"));
    client.open(&a, "Smyth and Smithe.\n").await;
    client.open(&b, "Smyth and Smithe.\n").await;
    let in_a = client.diagnostics(&a, Some(1)).await;
    let in_b = client.diagnostics(&b, Some(1)).await;
    assert_eq!(in_a.len(), 1);
    assert_eq!(in_a[0]["data"]["match"], "Smyth");
    assert_eq!(in_b.len(), 1);
    assert_eq!(in_b[0]["data"]["match"], "Smithe");
    assert_eq!(client.shut_down().await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_requests_get_errors_and_the_server_carries_on() {
    let (mut client, _) = Client::initialized(json!({}), Value::Null, &[]).await;
    let error = client
        .request_raw("textDocument/hover", json!({"textDocument": 7}))
        .await;
    assert_eq!(error["error"]["code"], -32602, "invalid params: {error}");
    let unknown = client.request_raw("copydesk/nothing", json!({})).await;
    assert_eq!(unknown["error"]["code"], -32601);
    let not_open = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": "file:///nowhere/x.md"}, "position": {"line": 99, "character": 99}}),
        )
        .await;
    assert_eq!(not_open, Value::Null);
    // Positions far outside the document are clamped, not a crash.
    client.open("file:///nowhere/y.md", "Kiev 😀\n").await;
    client.diagnostics("file:///nowhere/y.md", Some(1)).await;
    client
        .change(
            "file:///nowhere/y.md",
            2,
            json!([{"range": range((0, 6), (40, 400)), "text": "x"}]),
        )
        .await;
    let diagnostics = client.diagnostics("file:///nowhere/y.md", Some(2)).await;
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(client.shut_down().await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exit_without_shutdown_ends_with_status_1() {
    let (client, _) = Client::initialized(json!({}), Value::Null, &[]).await;
    assert_eq!(client.exit().await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exit_right_after_shutdown_still_counts_the_shutdown() {
    let (client, _) = Client::initialized(json!({}), Value::Null, &[]).await;
    // Not waiting for the shutdown response: exit cancels it, but it was asked.
    send(
        &client.writer,
        &json!({"jsonrpc": "2.0", "id": 99, "method": "shutdown"}),
    )
    .await;
    assert_eq!(client.exit().await, 0);
}

#[tokio::test]
async fn corpus_status_notifications_tell_loading_then_the_article_count() {
    let (_dir, root) = newsroom();
    let draft = root.join("drafts/draft.md");
    let text = std::fs::read_to_string(&draft).unwrap();
    let (mut client, _) = Client::initialized(json!({}), quiet_settings(), &[&root]).await;
    client.open(&uri(&draft), &text).await;
    let loading = client
        .wait_for("corpusStatus loading", |m| {
            m["method"] == "copydesk/corpusStatus" && m["params"]["state"] == "loading"
        })
        .await;
    assert_eq!(loading["params"]["root"], root.display().to_string());
    let ready = client
        .wait_for("corpusStatus ready", |m| {
            m["method"] == "copydesk/corpusStatus" && m["params"]["state"] == "ready"
        })
        .await;
    let articles = std::fs::read_dir(root.join("corpus")).unwrap().count();
    assert_eq!(ready["params"]["articles"], articles);
}

#[tokio::test]
async fn lint_workspace_publishes_diagnostics_for_files_not_open() {
    let (_dir, root) = newsroom();
    let (mut client, result) = Client::initialized(json!({}), quiet_settings(), &[&root]).await;
    let commands = &result["capabilities"]["executeCommandProvider"]["commands"];
    assert!(
        commands
            .as_array()
            .unwrap()
            .contains(&json!("copydesk.lintWorkspace"))
    );
    let summary = client
        .request(
            "workspace/executeCommand",
            json!({"command": "copydesk.lintWorkspace", "arguments": []}),
        )
        .await;
    let drafts = std::fs::read_dir(root.join("drafts")).unwrap().count();
    assert_eq!(summary["files"], drafts, "{summary}");
    assert!(summary["findings"].as_u64().unwrap() > 0, "{summary}");
    // Corpus and rules files are not linted; the draft gets the corpus checks.
    let diagnostics = client
        .diagnostics(&uri(&root.join("drafts/draft.md")), None)
        .await;
    assert!(
        diagnostics
            .iter()
            .any(|d| d["relatedInformation"].as_array().is_some_and(|r| r
                .iter()
                .any(|e| e["location"]["uri"].as_str().unwrap().contains("/corpus/")))),
        "{diagnostics:#?}"
    );
    let published = client.drain(Duration::from_millis(200)).await;
    assert!(
        !published
            .iter()
            .any(|m| m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"].as_str().unwrap().contains("/corpus/")),
        "corpus files must not be linted"
    );
}

// ---------------------------------------------------------------------------
// Text sync under random edits.

/// The client's LSP position of a byte offset: `\r\n`, `\r` and `\n` end a
/// line; characters count in UTF-16 or UTF-8 units.
fn client_position(text: &str, byte: usize, utf16: bool) -> Value {
    let (mut line, mut character) = (0, 0);
    let mut chars = text[..byte].chars().peekable();
    while let Some(c) = chars.next() {
        let crlf = c == '\r' && chars.peek() == Some(&'\n');
        if c == '\n' || (c == '\r' && !crlf) {
            (line, character) = (line + 1, 0);
        } else if !crlf {
            character += if utf16 { c.len_utf16() } else { c.len_utf8() };
        }
    }
    json!({"line": line, "character": character})
}

/// A character boundary near `fraction` of the text, not inside a `\r\n`.
fn edit_boundary(text: &str, fraction: f64) -> usize {
    let mut at = ((text.len() as f64) * fraction) as usize;
    while !text.is_char_boundary(at)
        || (at > 0 && text[..at].ends_with('\r') && text[at..].starts_with('\n'))
    {
        at -= 1;
    }
    at
}

fn sync_text() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let pieces = vec![
        "Kiev ",
        "Kyiv ",
        "Odessa. ",
        "“We will see,” ",
        "he said. ",
        "“Unattributed.” ",
        "\n\n",
        "\r\n",
        "\r",
        "Київ ",
        "😀",
        "🇺🇦 ",
        "é",
        "# ",
        "> ",
    ];
    prop::collection::vec(prop::sample::select(pieces), 0..25).prop_map(|p| p.concat())
}

/// What a diagnostic says, without anything tied to the document's URI.
fn essentials(diagnostics: &[Value]) -> Vec<(Value, Value, Value)> {
    diagnostics
        .iter()
        .map(|d| (d["code"].clone(), d["range"].clone(), d["message"].clone()))
        .collect()
}

#[test]
fn diagnostics_after_random_edits_equal_a_fresh_open() {
    use proptest::prelude::*;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    // Each case starts a server; a tenth of the cases of the other properties.
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse::<u32>().ok())
        .unwrap_or(1_000)
        .div_ceil(10);
    let edits = prop::collection::vec((0.0..=1.0f64, 0.0..=1.0f64, sync_text()), 1..10);
    proptest!(ProptestConfig::with_cases(cases), |(initial in sync_text(), edits in edits, utf16 in any::<bool>())| {
        let (edited, fresh, text) = runtime.block_on(async {
            let dir = tempfile::tempdir().unwrap();
            let folder = dir.path().canonicalize().unwrap();
            let encodings = if utf16 { json!(["utf-16"]) } else { json!(["utf-8"]) };
            let (mut client, _) = Client::initialized(
                json!({"general": {"positionEncodings": encodings}}),
                quiet_settings(),
                &[&folder],
            )
            .await;
            let edited_uri = uri(&folder.join("edited.md"));
            client.open(&edited_uri, &initial).await;
            let mut text = initial.clone();
            let mut version = 1;
            for (a, b, replacement) in &edits {
                let (x, y) = (edit_boundary(&text, *a), edit_boundary(&text, *b));
                let (start, end) = (x.min(y), x.max(y));
                let range = json!({
                    "start": client_position(&text, start, utf16),
                    "end": client_position(&text, end, utf16),
                });
                version += 1;
                client
                    .change(&edited_uri, version, json!([{"range": range, "text": replacement}]))
                    .await;
                text.replace_range(start..end, replacement);
            }
            let edited = client.diagnostics(&edited_uri, Some(version)).await;
            let fresh_uri = uri(&folder.join("fresh.md"));
            client.open(&fresh_uri, &text).await;
            let fresh = client.diagnostics(&fresh_uri, Some(1)).await;
            assert_eq!(client.shut_down().await, 0);
            (edited, fresh, text)
        });
        prop_assert_eq!(essentials(&edited), essentials(&fresh), "final text: {:?}", text);
    });
}

// ---------------------------------------------------------------------------
// A hostile repository: its config may point anywhere on the machine.

/// `outside/corpus` with articles that spell Witkoff, and a repository whose
/// `copydesk.toml` points at them directly and through a symlink.
fn repository_pointing_outside() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let (dir, root) = witkoff_workspace();
    let repo = root.join("repo");
    std::fs::create_dir_all(&repo).unwrap();
    std::fs::remove_file(root.join("copydesk.toml")).unwrap();
    std::fs::write(
        repo.join("copydesk.toml"),
        "corpus = [\"../corpus\", \"linked\"]\nrules = \"../corpus\"\ncache = \"../cache\"\n",
    )
    .unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(root.join("corpus"), repo.join("linked")).unwrap();
    (dir, root, repo)
}

const WHITKOFF_DRAFT: &str = "The envoy Steve Whitkoff arrived.\n";

/// Open a draft misspelling Witkoff, wait for the corpus to load, and
/// return the name-spelling findings made with it.
async fn witkoff_findings_with_corpus(client: &mut Client, doc: &str) -> Vec<Value> {
    client.open_with_corpus(doc, WHITKOFF_DRAFT).await;
    names_only(client.diagnostics(doc, Some(1)).await)
}

/// Ask the server to add Whitkoff → Witkoff to the house names in `rules_dir`,
/// as a client could with any arguments; the whole response.
async fn add_house_name_in(client: &mut Client, rules_dir: &Path) -> Value {
    let args = json!({"rulesDir": rules_dir, "variant": "Whitkoff", "canonical": "Witkoff"});
    client
        .request_raw(
            "workspace/executeCommand",
            json!({"command": copydesk::lsp::ADD_TO_HOUSE_NAMES, "arguments": [args]}),
        )
        .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_repository_config_cannot_reach_outside_the_workspace() {
    let (_dir, root, repo) = repository_pointing_outside();
    let (mut client, _) = Client::initialized(json!({}), quiet_settings(), &[&repo]).await;
    let doc = uri(&repo.join("draft.md"));
    // No corpus is loaded at all: the first diagnostics are the last.
    client.open(&doc, WHITKOFF_DRAFT).await;
    let findings = names_only(client.diagnostics(&doc, Some(1)).await);
    assert!(findings.is_empty(), "no outside corpus read: {findings:?}");
    let refused = client
        .wait_for("the refusal", |m| {
            m["method"] == "window/showMessage"
                && m["params"]["message"]
                    .as_str()
                    .is_some_and(|s| s.contains("outside the workspace"))
        })
        .await;
    assert!(
        refused["params"]["message"]
            .as_str()
            .unwrap()
            .contains("editor settings"),
        "{refused}"
    );
    assert!(!root.join("cache").exists(), "no cache written outside");
    assert_eq!(client.shut_down().await, 0);

    // The same folder, with the user's own settings naming the corpus.
    let corpus = root.join("corpus").display().to_string();
    let (mut client, _) = Client::initialized(
        json!({}),
        json!({"debounceMs": 0, "corpusDirs": [corpus]}),
        &[&repo],
    )
    .await;
    let findings = witkoff_findings_with_corpus(&mut client, &doc).await;
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(client.shut_down().await, 0);
    // Its index is kept in the per-user cache, not in the workspace.
    assert!(!repo.join(".copydesk-cache").exists());
    let user_root = copydesk::workspace::user_cache_root().expect("a cache folder");
    let canonical = root.join("corpus").canonicalize().unwrap();
    let cached = copydesk::workspace::user_caches(&user_root)
        .into_iter()
        .find(|cache| cache.corpora == [canonical.clone()])
        .expect("a per-user cache of the corpus");
    assert!(cached.path.join(copydesk::workspace::CACHE_FILE).is_file());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_untrusted_workspace_offers_and_makes_no_writes() {
    let (_dir, root) = witkoff_workspace();
    // The user's settings name the corpus, which would put its index in the
    // per-user cache of a trusted workspace.
    let corpus = root.join("corpus").display().to_string();
    let (mut client, _) = Client::initialized(
        json!({}),
        json!({"copydesk": {"debounceMs": 0, "corpusDirs": [corpus]}, "workspaceTrusted": false}),
        &[&root],
    )
    .await;
    let doc = uri(&root.join("draft.md"));
    // The corpus inside the workspace is still read.
    let findings = witkoff_findings_with_corpus(&mut client, &doc).await;
    let finding = findings.first().expect("a corpus finding").clone();
    let actions = client
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": doc}, "range": finding["range"], "context": {"diagnostics": [finding]}}),
        )
        .await;
    let titles: Vec<&str> = actions
        .as_array()
        .map(|a| a.iter().filter_map(|a| a["title"].as_str()).collect())
        .unwrap_or_default();
    assert!(
        titles.iter().all(|t| !t.contains("house names")),
        "{titles:?}"
    );
    // A crafted command is refused and writes nothing.
    let refused = add_house_name_in(&mut client, &root.join("rules")).await;
    assert!(refused.get("error").is_some(), "{refused}");
    assert!(!root.join("rules").exists());
    assert!(
        !root.join(".copydesk-cache").exists(),
        "no index cache written"
    );
    let canonical = root.join("corpus").canonicalize().unwrap();
    let user_root = copydesk::workspace::user_cache_root().expect("a cache folder");
    assert!(
        copydesk::workspace::user_caches(&user_root)
            .iter()
            .all(|cache| cache.corpora != [canonical.clone()]),
        "no per-user cache written either"
    );
    assert_eq!(client.shut_down().await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_never_writes_outside_the_workspace() {
    let (_dir, root) = witkoff_workspace();
    let repo = root.join("repo");
    std::fs::create_dir_all(&repo).unwrap();
    let (mut client, _) = Client::initialized(json!({}), quiet_settings(), &[&repo]).await;
    let doc = uri(&repo.join("draft.md"));
    client.open(&doc, "Kiev\n").await;
    let _ = client.diagnostics(&doc, Some(1)).await;
    for target in [root.join("rules"), repo.join("../rules-elsewhere")] {
        let refused = add_house_name_in(&mut client, &target).await;
        assert!(refused.get("error").is_some(), "{refused}");
    }
    assert!(!root.join("rules").exists() && !root.join("rules-elsewhere").exists());
    assert_eq!(client.shut_down().await, 0);
}

// ---------------------------------------------------------------------------
// Responsiveness while a slow document is analysed.

/// A draft that takes the checks a long time: a short quotation every few
/// bytes of one paragraph.
fn slow_draft() -> String {
    "“Quote” Kiev ".repeat(40_000)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hover_shutdown_and_exit_answer_while_a_slow_document_is_analysed() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().canonicalize().unwrap();
    let (mut client, _) = Client::initialized(json!({}), quiet_settings(), &[&folder]).await;
    let quick = uri(&folder.join("quick.md"));
    client.open(&quick, "Troops left Kiev.\n").await;
    let _ = client.diagnostics(&quick, Some(1)).await;

    let slow = uri(&folder.join("slow.md"));
    client.open(&slow, &slow_draft()).await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    let started = std::time::Instant::now();
    let hover = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": quick}, "position": {"line": 0, "character": 13}}),
        )
        .await;
    let hover_took = started.elapsed();
    assert!(hover.is_object(), "{hover}");
    assert!(
        hover_took < Duration::from_secs(1),
        "hover took {hover_took:?}"
    );

    let started = std::time::Instant::now();
    assert_eq!(client.shut_down().await, 0);
    let exit_took = started.elapsed();
    assert!(
        exit_took < Duration::from_secs(1),
        "shutdown and exit took {exit_took:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_newer_version_cancels_the_analysis_of_an_older_one() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().canonicalize().unwrap();
    let (mut client, _) = Client::initialized(json!({}), quiet_settings(), &[&folder]).await;
    let doc = uri(&folder.join("draft.md"));
    client.open(&doc, &slow_draft()).await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    let started = std::time::Instant::now();
    client
        .change(&doc, 2, json!([{"text": "Troops left Kiev.\n"}]))
        .await;
    let diagnostics = client.diagnostics(&doc, Some(2)).await;
    let took = started.elapsed();
    assert_eq!(names_only(diagnostics).len(), 1);
    assert!(
        took < Duration::from_secs(1),
        "the new version waited {took:?}"
    );
    // The old analysis stopped rather than running on to its end.
    client
        .wait_for("the old analysis to be cancelled", |m| {
            m["method"] == "window/logMessage"
                && m["params"]["message"]
                    .as_str()
                    .is_some_and(|s| s.contains("version 1 cancelled by a newer version"))
        })
        .await;
    let stale: Vec<Value> = client
        .drain(Duration::from_millis(300))
        .await
        .into_iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == 1)
        .collect();
    assert!(stale.is_empty(), "{stale:?}");
    assert_eq!(client.shut_down().await, 0);
}
