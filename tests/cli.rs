//! Integration tests: the built `copydesk` binary on fixture folders.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn copydesk() -> Command {
    let mut command = Command::cargo_bin("copydesk").expect("binary builds");
    command.env("NO_COLOR", "1");
    // Corpora named with --corpus are cached per user: here, not in $HOME.
    command.env(
        "COPYDESK_CACHE_DIR",
        Path::new(env!("CARGO_TARGET_TMPDIR")).join("user-cache"),
    );
    command
}

/// What a run printed: its exit code, standard output and standard error.
struct Ran {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Run `copydesk ARGS` in `dir`.
fn run_in(dir: &Path, args: &[&str]) -> Ran {
    let output = copydesk()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("runs");
    Ran {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Run `copydesk lint --format json ARGS` in `dir`; the parsed JSON and the exit code.
fn lint_json(dir: &Path, args: &[&str]) -> (Value, i32) {
    let output = copydesk()
        .current_dir(dir)
        .args(["lint", "--format", "json"])
        .args(args)
        .output()
        .expect("runs");
    let json = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}): {}",
            String::from_utf8_lossy(&output.stdout)
        )
    });
    (json, output.status.code().expect("exit code"))
}

fn diagnostics(json: &Value) -> Vec<&Value> {
    json["files"]
        .as_array()
        .expect("files")
        .iter()
        .flat_map(|f| f["diagnostics"].as_array().expect("diagnostics"))
        .collect()
}

/// A copy of the newsroom fixture in a temporary folder, for tests that write.
fn scratch_newsroom() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_tree(&fixture("newsroom"), dir.path());
    dir
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir") {
        let entry = entry.expect("entry");
        // Other tests lint the fixtures in place, which may leave an index
        // cache there, possibly half written.
        if entry.file_name() == ".copydesk-cache" {
            continue;
        }
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

#[test]
fn json_output_follows_the_schema_exactly() {
    let (json, code) = lint_json(&fixture("newsroom"), &["drafts/draft.md"]);
    assert_eq!(code, 1, "warnings fail by default");
    assert_eq!(json["version"], 1);
    assert_eq!(json["files"][0]["path"], "drafts/draft.md");
    let found = diagnostics(&json);
    let matches: Vec<&str> = found
        .iter()
        .map(|d| d["match"].as_str().expect("match"))
        .collect();
    assert_eq!(
        matches,
        vec!["Kiev", "Kiev", "Kiev", "Aleksandr Syrsky"],
        "code span and suppressed line stay silent"
    );

    let heading = found[0];
    assert_eq!(heading["code"], "name-spelling");
    assert_eq!(heading["severity"], "warning");
    assert_eq!(
        (heading["line"].as_u64(), heading["column"].as_u64()),
        (Some(1), Some(20))
    );
    assert_eq!(
        (heading["end_line"].as_u64(), heading["end_column"].as_u64()),
        (Some(1), Some(24))
    );
    assert_eq!(
        (heading["offset"].as_u64(), heading["end_offset"].as_u64()),
        (Some(19), Some(23))
    );
    assert_eq!(heading["suggestions"], serde_json::json!(["Kyiv"]));
    assert_eq!(heading["fix_safety"], "safe");
    let mut keys: Vec<&str> = heading
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        vec![
            "code",
            "column",
            "end_column",
            "end_line",
            "end_offset",
            "fix_safety",
            "line",
            "match",
            "message",
            "offset",
            "related",
            "rule",
            "severity",
            "suggestions"
        ]
    );

    let syrsky = found[3];
    assert_eq!(syrsky["line"], 6);
    assert_eq!(
        syrsky["suggestions"],
        serde_json::json!(["Oleksandr Syrskyi"])
    );
    let related = syrsky["related"].as_array().expect("related");
    assert!(
        related
            .iter()
            .any(|r| r["path"] == "rules/house.toml" && r["line"] == 2)
    );
    assert!(
        related
            .iter()
            .any(|r| r["path"] == "corpus/wire-one.md" && r["line"] == 9 && r["column"] == 9),
        "evidence points at the corpus: {related:?}"
    );
    assert!(
        syrsky["message"]
            .as_str()
            .expect("message")
            .contains("2 times in 2 articles")
    );
}

#[test]
fn a_clean_draft_exits_zero_and_fail_on_raises_the_bar() {
    let dir = fixture("newsroom");
    let (json, code) = lint_json(&dir, &["drafts/clean.md"]);
    assert_eq!(code, 0);
    assert!(diagnostics(&json).is_empty());
    let (_, code) = lint_json(&dir, &["--fail-on", "error", "drafts/draft.md"]);
    assert_eq!(code, 0);
    let (_, code) = lint_json(&dir, &["--fail-on", "never", "drafts/draft.md"]);
    assert_eq!(code, 0);
}

#[test]
fn folders_are_walked_and_the_corpus_is_not_linted_as_a_draft() {
    let (json, _) = lint_json(&fixture("newsroom"), &["."]);
    let paths: Vec<&str> = json["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| f["path"].as_str().expect("path"))
        .collect();
    assert_eq!(paths, vec!["drafts/clean.md", "drafts/draft.md"]);
}

#[test]
fn the_config_is_discovered_from_the_linted_path_wherever_copydesk_runs() {
    let elsewhere = tempfile::tempdir().expect("tempdir");
    let draft = fixture("newsroom").join("drafts/draft.md");
    let (json, _) = lint_json(elsewhere.path(), &[draft.to_str().expect("utf-8 path")]);
    let syrsky = diagnostics(&json)
        .into_iter()
        .find(|d| d["match"] == "Aleksandr Syrsky")
        .cloned();
    let related = syrsky.expect("house rule from the discovered rules dir")["related"].to_string();
    assert!(
        related.contains("wire-one.md"),
        "corpus found relative to the config: {related}"
    );
}

#[test]
fn fix_rewrites_only_the_flagged_text_in_place() {
    let dir = scratch_newsroom();
    let draft = dir.path().join("drafts/draft.md");
    let before = std::fs::read_to_string(&draft).expect("read");
    let (json, code) = lint_json(dir.path(), &["--fix", "drafts/draft.md"]);
    let after = std::fs::read_to_string(&draft).expect("read");
    let expected = before
        .replacen("Envoys In Kiev", "Envoys In Kyiv", 1)
        .replacen("landed in Kiev", "landed in Kyiv", 1)
        .replacen("Kiev's mayor", "Kyiv's mayor", 1)
        .replacen("Aleksandr Syrsky", "Oleksandr Syrskyi", 1);
    assert_eq!(after, expected);
    assert!(
        diagnostics(&json).is_empty(),
        "nothing left after fixing: {json}"
    );
    assert_eq!(code, 0);
}

#[test]
fn standard_input_is_linted_under_its_stdin_filename() {
    let output = copydesk()
        .current_dir(fixture("newsroom"))
        .args([
            "lint",
            "--format",
            "json",
            "--stdin-filename",
            "drafts/new.md",
            "-",
        ])
        .write_stdin("Crowds gathered in Odessa.\n")
        .output()
        .expect("runs");
    let json: Value = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(json["files"][0]["path"], "drafts/new.md");
    assert_eq!(
        json["files"][0]["diagnostics"][0]["suggestions"][0],
        "Odesa"
    );
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn fixed_standard_input_goes_to_standard_output() {
    let output = copydesk()
        .args(["lint", "--fix", "-"])
        .write_stdin("Kiev and Kharkov.\n")
        .output()
        .expect("runs");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "Kyiv and Kharkiv.\n"
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.ends_with(
            "Fixed 2 problems in 1 file (Kiev \u{2192} Kyiv, Kharkov \u{2192} Kharkiv); none remain.\n"
        ),
        "{stderr}"
    );
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn fix_names_what_it_changed_and_counts_what_remains() {
    let dir = scratch_newsroom();
    std::fs::write(
        dir.path().join("drafts/two.md"),
        "Kiev woke early.\n\n\"Nobody leaves the city tonight and nobody sleeps.\"\n\nBy noon Kiev was quiet.\n",
    )
    .expect("write");
    let fixed = run_in(
        dir.path(),
        &["lint", "--fix", "drafts/draft.md", "drafts/two.md"],
    );
    assert!(
        fixed.stderr.contains("Fixed 6 problems in 2 files (Kiev \u{2192} Kyiv \u{d7}5, Aleksandr Syrsky \u{2192} Oleksandr Syrskyi); 1 remains."),
        "{}",
        fixed.stderr
    );
    let again = run_in(dir.path(), &["lint", "--fix", "drafts/two.md"]);
    assert!(
        again.stderr.contains("Nothing to fix; 1 remains."),
        "{}",
        again.stderr
    );
}

#[test]
fn sarif_and_github_formats_carry_the_findings() {
    let dir = fixture("newsroom");
    let output = copydesk()
        .current_dir(&dir)
        .args(["lint", "--format", "sarif", "drafts/draft.md"])
        .output()
        .expect("runs");
    let sarif: Value = serde_json::from_slice(&output.stdout).expect("sarif is JSON");
    assert_eq!(sarif["version"], "2.1.0");
    assert_eq!(
        sarif["runs"][0]["results"].as_array().map(Vec::len),
        Some(4)
    );

    let output = copydesk()
        .current_dir(&dir)
        .args(["lint", "--format", "github", "drafts/draft.md"])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        text.lines()
            .filter(|l| l.starts_with("::warning file=drafts/draft.md,line="))
            .count(),
        4,
        "{text}"
    );
}

#[test]
fn human_output_shows_the_snippet_and_the_suggestion() {
    let output = copydesk()
        .current_dir(fixture("newsroom"))
        .args(["lint", "drafts/draft.md"])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("warning[name-spelling]"), "{text}");
    assert!(
        text.contains("The delegation landed in Kiev on Thursday."),
        "{text}"
    );
    assert!(text.contains("Kyiv"), "{text}");
}

// ---- bad input: each gives a clear one-line error, or is linted, and never panics.

/// Run lint on `name` with `contents` in a scratch folder: (exit code, stderr).
fn lint_scratch_file(name: &str, contents: &[u8], extra: &[&str]) -> (i32, String, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join(name), contents).expect("write");
    let output = copydesk()
        .current_dir(dir.path())
        .arg("lint")
        .args(extra)
        .arg(name)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (
        output.status.code().expect("exit code"),
        stderr,
        String::from_utf8_lossy(&output.stdout).to_string(),
    )
}

#[test]
fn an_empty_file_is_clean() {
    let (code, stderr, _) = lint_scratch_file("empty.md", b"", &[]);
    assert_eq!((code, stderr.as_str()), (0, ""));
}

#[test]
fn a_binary_file_is_refused_by_name() {
    let (code, stderr, stdout) =
        lint_scratch_file("photo.md", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", &[]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr.trim(),
        "copydesk: error: photo.md: binary file (NUL byte at offset 8), not linted"
    );
    // Nothing was linted: no "No problems found in 0 files." beside the error.
    assert_eq!(stdout, "");
}

#[test]
fn invalid_utf8_is_refused_with_its_offset() {
    let (code, stderr, _) = lint_scratch_file("latin1.txt", b"Caf\xe9 in Kiev", &[]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr.trim(),
        "copydesk: error: latin1.txt: not valid UTF-8 (invalid byte at offset 3), not linted"
    );
}

#[test]
fn a_five_megabyte_paragraph_is_linted() {
    let sentence = "Officials said the talks would go on, and \u{201c}they did\u{201d} for hours. ";
    let mut paragraph = sentence.repeat(5 * 1024 * 1024 / sentence.len());
    paragraph.push_str("The envoys then left Kiev.");
    let (code, stderr, stdout) =
        lint_scratch_file("huge.md", paragraph.as_bytes(), &["--format", "json"]);
    assert_eq!(code, 1, "{stderr}");
    let json: Value = serde_json::from_str(&stdout).expect("json");
    let found = diagnostics(&json);
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0]["offset"].as_u64(),
        Some((paragraph.len() - 5) as u64)
    );
}

#[test]
fn an_unterminated_quote_does_not_break_linting() {
    let (code, stderr, stdout) = lint_scratch_file(
        "quote.md",
        "\u{201c}We will not stop in Kiev, she said.\n".as_bytes(),
        &["--format", "json"],
    );
    assert_eq!(code, 1, "{stderr}");
    assert!(stdout.contains("\"match\":\"Kiev\""), "{stdout}");
}

#[test]
fn a_broken_rules_file_is_reported_by_position_and_the_others_still_apply() {
    let dir = scratch_newsroom();
    std::fs::write(
        dir.path().join("rules/broken.toml"),
        "[[name]]\nid = \"x\"\ncanonical = [\n",
    )
    .expect("write");
    let output = copydesk()
        .current_dir(dir.path())
        .args(["lint", "--format", "json", "drafts/draft.md"])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("copydesk: error: "), "{stderr}");
    assert!(stderr.contains("rules/broken.toml:3:"), "{stderr}");
    let json: Value = serde_json::from_slice(&output.stdout).expect("json");
    let matches: Vec<&Value> = diagnostics(&json)
        .into_iter()
        .filter(|d| d["match"] == "Aleksandr Syrsky")
        .collect();
    assert_eq!(matches.len(), 1, "the good house rule still applies");
}

#[test]
fn a_missing_corpus_dir_is_a_one_line_error() {
    let output = copydesk()
        .current_dir(fixture("newsroom"))
        .args(["lint", "--corpus", "no-such-corpus", "drafts/clean.md"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("no-such-corpus: corpus directory not found"),
        "{stderr}"
    );
}

#[test]
fn an_unknown_flag_is_a_one_line_usage_error() {
    let output = copydesk()
        .args(["lint", "--frobnicate"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("--frobnicate"), "{stderr}");
}

#[test]
fn a_broken_config_names_file_line_and_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("copydesk.toml"),
        "corpus = [\"a\"\nrules = 1\n",
    )
    .expect("write");
    std::fs::write(dir.path().join("a.md"), "Kyiv").expect("write");
    let output = copydesk()
        .current_dir(dir.path())
        .args(["lint", "a.md"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("copydesk.toml:2:"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

#[test]
fn a_missing_path_is_a_one_line_error() {
    let output = copydesk()
        .args(["lint", "no/such/draft.md"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with("copydesk: error: no/such/draft.md: "),
        "{stderr}"
    );
}

#[test]
fn the_corpus_index_cache_is_written_reused_and_skipped_with_no_cache() {
    let dir = scratch_newsroom();
    let root = dir.path().to_path_buf();
    let cache = root.join(".copydesk-cache");
    // Other tests lint the fixture in place and may have cached it there.
    let _ = std::fs::remove_dir_all(&cache);
    let (cold, _) = lint_json(&root, &["--no-cache", "drafts"]);
    assert!(!cache.exists(), "--no-cache writes nothing");
    let (first, _) = lint_json(&root, &["drafts"]);
    assert!(cache.join("corpus-index.bin").is_file());
    let (warm, _) = lint_json(&root, &["drafts"]);
    assert_eq!(cold, first);
    assert_eq!(
        first, warm,
        "a warm start finds exactly what a cold one does"
    );
    // A damaged cache is a one-line warning and is rebuilt.
    std::fs::write(cache.join("corpus-index.bin"), b"junk").expect("damage");
    let output = copydesk()
        .current_dir(&root)
        .args(["lint", "--format", "json", "drafts"])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("not a copydesk index; rebuilding it"),
        "{stderr}"
    );
    let rebuilt: Value = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(rebuilt, warm);
    let (_, _) = lint_json(&root, &["drafts"]);
    assert!(
        std::fs::read(cache.join("corpus-index.bin"))
            .expect("read")
            .starts_with(b"copydesk-index")
    );
}

/// The findings `examples/EXPECTED.md` lists, as (draft, line:column, code),
/// read from its tables: a `## \`drafts/NAME\`` heading, then rows
/// `| line:col | text | \`code\` … |`.
fn expected_example_findings() -> Vec<(String, String, String)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/EXPECTED.md");
    let text = std::fs::read_to_string(path).expect("EXPECTED.md");
    let mut draft = String::new();
    let mut expected = Vec::new();
    for line in text.lines() {
        if let Some(name) = line.strip_prefix("## `drafts/") {
            draft = name.trim_end_matches('`').to_string();
            continue;
        }
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let position = cells.get(1).copied().unwrap_or("");
        let is_position =
            position.contains(':') && position.split(':').all(|n| n.parse::<usize>().is_ok());
        if line.starts_with('|') && is_position && !draft.is_empty() {
            let code = cells[3].split('`').nth(1).expect("a code in backticks");
            expected.push((draft.clone(), position.to_string(), code.to_string()));
        }
    }
    expected.sort();
    expected
}

#[test]
fn the_shipped_example_raises_exactly_what_expected_md_lists() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let (json, status) = lint_json(&examples, &["--no-cache", "drafts"]);
    assert_eq!(status, 1);
    let mut found: Vec<(String, String, String)> = json["files"]
        .as_array()
        .expect("files")
        .iter()
        .flat_map(|file| {
            let path = file["path"].as_str().expect("path");
            let draft = Path::new(path)
                .file_name()
                .expect("file name")
                .to_string_lossy()
                .to_string();
            file["diagnostics"]
                .as_array()
                .expect("diagnostics")
                .iter()
                .map(move |d| {
                    let position = format!("{}:{}", d["line"], d["column"]);
                    (
                        draft.clone(),
                        position,
                        d["code"].as_str().expect("code").to_string(),
                    )
                })
        })
        .collect();
    found.sort();
    assert_eq!(found, expected_example_findings());
    // Each claim conflict gives the corpus value and article count EXPECTED.md
    // states, and cites the evidence it names first.
    for (draft, position, value, count, cited) in expected_claim_details() {
        let finding = json["files"]
            .as_array()
            .expect("files")
            .iter()
            .filter(|f| f["path"].as_str().is_some_and(|p| p.ends_with(&draft)))
            .flat_map(|f| f["diagnostics"].as_array().expect("diagnostics").iter())
            .find(|d| format!("{}:{}", d["line"], d["column"]) == position)
            .expect("the listed finding");
        let message = finding["message"].as_str().expect("message");
        assert!(
            message.contains(&value) && message.contains(&format!("({count} articles)")),
            "{position}: {message}"
        );
        let related: Vec<String> = finding["related"]
            .as_array()
            .expect("related")
            .iter()
            .map(|r| format!("{}:{}", r["path"].as_str().unwrap_or(""), r["line"]))
            .collect();
        assert_eq!(related, cited, "{position}: evidence cited");
    }
    // Each corpus count it gives for a name is the count the message gives.
    let names = expected_name_counts();
    assert!(names.len() >= 4, "{names:?}");
    for (draft, position, spelling, mentions, articles) in names {
        let message = json["files"]
            .as_array()
            .expect("files")
            .iter()
            .filter(|f| f["path"].as_str().is_some_and(|p| p.ends_with(&draft)))
            .flat_map(|f| f["diagnostics"].as_array().expect("diagnostics").iter())
            .find(|d| format!("{}:{}", d["line"], d["column"]) == position)
            .and_then(|d| d["message"].as_str())
            .expect("the listed finding");
        let as_counted = [
            format!("\u{2018}{spelling}\u{2019} {mentions} times in {articles} articles"),
            format!("\u{2018}{spelling}\u{2019} ({mentions} mentions in {articles} articles"),
        ];
        assert!(
            as_counted.iter().any(|c| message.contains(c.as_str())),
            "{draft} {position}: EXPECTED.md says {spelling} {mentions} in {articles}: {message}"
        );
    }
}

/// For each `name-spelling` row of `examples/EXPECTED.md` that gives the
/// corpus's count ("corpus has `Kyiv` 16 times in 8 articles"): the draft,
/// the position, the spelling, and its mentions and articles.
fn expected_name_counts() -> Vec<(String, String, String, usize, usize)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/EXPECTED.md");
    let text = std::fs::read_to_string(path).expect("EXPECTED.md");
    let mut draft = String::new();
    let mut counts = Vec::new();
    for line in text.lines() {
        if let Some(name) = line.strip_prefix("## `drafts/") {
            draft = name.trim_end_matches('`').to_string();
            continue;
        }
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let (Some(position), Some(evidence)) = (cells.get(1), cells.get(4)) else {
            continue;
        };
        let Some((_, rest)) = evidence.split_once("corpus has `") else {
            continue;
        };
        let (spelling, rest) = rest.split_once("` ").expect("a spelling in backticks");
        let words: Vec<&str> = rest.split_whitespace().collect();
        let number = |i: usize| words[i].parse::<usize>().expect("a count");
        let articles_word = words[4].trim_end_matches(',');
        assert_eq!((words[1], articles_word), ("times", "articles"), "{line}");
        counts.push((
            draft.clone(),
            position.to_string(),
            spelling.to_string(),
            number(0),
            number(3),
        ));
    }
    counts
}

/// For each `claim-conflict` row of `examples/EXPECTED.md`: the draft, the
/// position, the corpus value and article count from "(corpus: VALUE, N
/// articles)", and the evidence after "cites" (up to the first ";").
fn expected_claim_details() -> Vec<(String, String, String, usize, Vec<String>)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/EXPECTED.md");
    let text = std::fs::read_to_string(path).expect("EXPECTED.md");
    let mut draft = String::new();
    let mut details = Vec::new();
    for line in text.lines() {
        if let Some(name) = line.strip_prefix("## `drafts/") {
            draft = name.trim_end_matches('`').to_string();
            continue;
        }
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let Some(corpus) = cells
            .get(3)
            .filter(|c| c.starts_with("`claim-conflict`"))
            .and_then(|c| c.split("(corpus: ").nth(1))
        else {
            continue;
        };
        let (value, count) = corpus
            .trim_end_matches(')')
            .rsplit_once(", ")
            .expect("VALUE, N articles");
        let count: usize = count
            .trim_end_matches(" articles")
            .parse()
            .expect("an article count");
        let cited = cells[4]
            .strip_prefix("cites ")
            .expect("cites …")
            .split(';')
            .next()
            .unwrap_or("")
            .split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect();
        details.push((
            draft.clone(),
            cells[1].to_string(),
            value.to_string(),
            count,
            cited,
        ));
    }
    assert!(!details.is_empty(), "EXPECTED.md lists claim conflicts");
    details
}

/// A copy of the shipped example in a temporary folder, for tests that write.
fn scratch_example() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples"),
        dir.path(),
    );
    dir
}

#[test]
fn fix_never_changes_a_claim_and_unsafe_fixes_apply_both() {
    let dir = scratch_example();
    let draft = dir.path().join("drafts/peace-plan-draft.md");
    let before = std::fs::read_to_string(&draft).expect("read");
    assert!(before.contains("Kiev") && before.contains("down to 20 items"));

    lint_json(
        dir.path(),
        &["--no-cache", "--fix", "drafts/peace-plan-draft.md"],
    );
    let safe = std::fs::read_to_string(&draft).expect("read");
    assert!(!safe.contains("Kiev"), "the house-rule name is fixed");
    assert!(safe.contains("down to 20 items"), "the claim is kept");
    assert!(safe.contains("Foreign Minister"), "the role is kept");

    lint_json(
        dir.path(),
        &[
            "--no-cache",
            "--fix",
            "--unsafe-fixes",
            "drafts/peace-plan-draft.md",
        ],
    );
    let all = std::fs::read_to_string(&draft).expect("read");
    assert!(
        all.contains("down to 19 items"),
        "the claim is changed when asked"
    );
    assert!(!all.contains("Foreign Minister"));
}

#[test]
fn json_marks_each_fix_safe_or_unsafe() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let (json, _) = lint_json(&examples, &["--no-cache", "drafts/peace-plan-draft.md"]);
    let safety = |code: &str| -> Vec<Value> {
        diagnostics(&json)
            .into_iter()
            .filter(|d| d["code"] == code)
            .map(|d| d["fix_safety"].clone())
            .collect()
    };
    assert!(safety("name-spelling").iter().all(|s| s == "safe"));
    assert!(safety("claim-conflict").contains(&Value::from("unsafe")));
    assert!(safety("unattributed-quote").iter().all(Value::is_null));
}

#[test]
fn unsafe_fixes_without_fix_is_a_usage_error() {
    let output = copydesk()
        .args(["lint", "--unsafe-fixes", "x.md"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("--fix"), "{stderr}");
}

// ---- rough edges a newcomer meets first.

#[test]
fn bare_copydesk_prints_the_usage() {
    let output = copydesk().output().expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr.contains("Usage: copydesk <COMMAND>"), "{stderr}");
    assert!(
        stderr.contains("lint") && stderr.contains("lsp"),
        "{stderr}"
    );
    assert!(!stderr.contains("error:"), "{stderr}");
}

#[test]
fn a_folder_with_no_drafts_warns_that_nothing_matched() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("photos")).expect("mkdir");
    std::fs::write(dir.path().join("photos/cover.jpg"), b"\xff\xd8").expect("write");
    let output = copydesk()
        .current_dir(dir.path())
        .args(["lint", "photos"])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0));
    assert!(
        stderr.starts_with(
            "copydesk: warning: photos: no drafts to lint here (with no copydesk.toml, copydesk lints "
        ),
        "{stderr}"
    );
    assert!(!stdout.contains("0 files"), "{stdout}");

    std::fs::write(
        dir.path().join("copydesk.toml"),
        "include = [\"**/*.md\"]\n",
    )
    .expect("write");
    let output = copydesk()
        .current_dir(dir.path())
        .args(["lint", "photos"])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("copydesk.toml is **/*.md)"), "{stderr}");
}

#[test]
fn a_corpus_path_that_is_a_file_or_empty_or_holds_binary_is_reported() {
    let dir = scratch_newsroom();
    let run = |corpus: &str| {
        let ran = run_in(
            dir.path(),
            &["lint", "--no-cache", "--corpus", corpus, "drafts/draft.md"],
        );
        (ran.code, ran.stderr)
    };
    let (code, stderr) = run("drafts/draft.md");
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("draft.md: is a file, not a folder"),
        "{stderr}"
    );

    std::fs::create_dir(dir.path().join("empty")).expect("mkdir");
    let (_, stderr) = run("empty");
    assert!(
        stderr.contains("empty: no articles in this corpus folder"),
        "{stderr}"
    );

    std::fs::write(dir.path().join("corpus/scan.md"), b"PDF\0\x01").expect("write");
    let (_, stderr) = run("corpus");
    assert!(
        stderr.contains("scan.md: binary file (NUL byte at offset 3), not indexed"),
        "{stderr}"
    );
}

/// The SARIF 2.1.0 schema as serde-sarif ships it, found through cargo.
fn sarif_schema() -> Value {
    let rustc = std::process::Command::new("rustc")
        .arg("-vV")
        .output()
        .expect("rustc runs");
    let host = String::from_utf8_lossy(&rustc.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("host: ").map(str::to_string))
        .expect("rustc names its host");
    let metadata = std::process::Command::new(env!("CARGO"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["metadata", "--format-version", "1", "--offline"])
        .args(["--filter-platform", &host])
        .output()
        .expect("cargo metadata runs");
    let metadata: Value = serde_json::from_slice(&metadata.stdout).expect("metadata is JSON");
    let manifest = metadata["packages"]
        .as_array()
        .expect("packages")
        .iter()
        .find(|p| p["name"] == "serde-sarif")
        .and_then(|p| p["manifest_path"].as_str())
        .expect("serde-sarif is a dependency");
    let schema = Path::new(manifest).with_file_name("src/schema.json");
    let mut schema: Value =
        serde_json::from_slice(&std::fs::read(&schema).expect("schema file")).expect("schema JSON");
    // The published schema's pattern for `language` properties has a stray
    // `]` and fails the meta-schema's regex format; copydesk never writes
    // `language`, so the intended pattern stands in for it.
    fix_language_patterns(&mut schema);
    schema
}

fn fix_language_patterns(schema: &mut Value) {
    match schema {
        Value::Object(map) => {
            if map.get("pattern").and_then(Value::as_str)
                == Some("^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$")
            {
                map.insert("pattern".into(), "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$".into());
            }
            map.values_mut().for_each(fix_language_patterns);
        }
        Value::Array(items) => items.iter_mut().for_each(fix_language_patterns),
        _ => {}
    }
}

#[test]
fn sarif_output_is_valid_against_the_2_1_0_schema() {
    let dir = scratch_newsroom();
    // A name that needs percent-encoding, and evidence from built-in rules
    // (Kiev) and from the corpus (Syrsky).
    let draft = dir.path().join("drafts/brief #2 Київ.md");
    std::fs::write(&draft, "Troops left Kiev.\n\nAleksandr Syrsky said so.\n").expect("write");
    let output = copydesk()
        .current_dir(dir.path())
        .args(["lint", "--format", "sarif", "drafts"])
        .output()
        .expect("runs");
    let sarif: Value = serde_json::from_slice(&output.stdout).expect("sarif is JSON");
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&sarif_schema())
        .expect("the schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");

    let text = String::from_utf8_lossy(&output.stdout);
    assert!(!text.contains("\"uri\": \"<builtin>"), "{text}");
    assert!(text.contains("drafts/brief%20%232%20%D0%9A"), "{text}");
    assert!(
        text.contains("built-in") || text.contains("<builtin>/places.toml"),
        "{text}"
    );
}

#[test]
fn a_corpus_named_on_the_command_line_is_cached_per_user_and_shown_and_cleaned() {
    let home = tempfile::tempdir().expect("tempdir");
    let user_cache = home.path().join("cache");
    let archive = home.path().join("archive");
    let desk = home.path().join("desk");
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    copy_tree(&examples.join("corpus"), &archive);
    std::fs::create_dir_all(&desk).expect("mkdir");
    std::fs::write(desk.join("draft.md"), "Envoy Steve Whitkoff flew in.\n").expect("write");
    let run = |args: &[&str]| {
        let output = copydesk()
            .current_dir(&desk)
            .env("COPYDESK_CACHE_DIR", &user_cache)
            .args(args)
            .output()
            .expect("runs");
        (
            String::from_utf8_lossy(&output.stdout).into_owned(),
            output.status.code(),
        )
    };
    let archive_arg = archive.to_str().expect("utf-8 path");
    let (first, _) = run(&["lint", "--corpus", archive_arg, "draft.md"]);
    assert!(first.contains("Witkoff"), "{first}");
    assert!(
        !desk.join(".copydesk-cache").exists() && !archive.join(".copydesk-cache").exists(),
        "nothing written where the user stands or in the archive"
    );
    let (second, _) = run(&["lint", "--corpus", archive_arg, "draft.md"]);
    assert_eq!(first, second);

    let (shown, code) = run(&["cache"]);
    assert_eq!(code, Some(0));
    assert!(shown.contains("(1 corpus, "), "{shown}");
    let canonical = archive.canonicalize().expect("canonical");
    assert!(
        shown.contains(&format!("indexes {}", canonical.display())),
        "{shown}"
    );

    let (cleaned, code) = run(&["cache", "clean"]);
    assert_eq!(code, Some(0));
    assert!(cleaned.contains("Removed 1 cache"), "{cleaned}");
    let (shown, _) = run(&["cache"]);
    assert!(shown.contains("(0 corpora, 0 bytes)"), "{shown}");
}

#[cfg(unix)]
#[test]
fn corpus_links_inside_are_read_and_links_out_are_counted_once() {
    let dir = scratch_newsroom();
    let outside = tempfile::tempdir().expect("tempdir");
    std::fs::write(outside.path().join("notes.md"), "Private notes.").expect("write");
    let corpus = dir.path().join("corpus");
    std::os::unix::fs::symlink(outside.path().join("notes.md"), corpus.join("notes.md"))
        .expect("link");
    std::os::unix::fs::symlink(outside.path(), corpus.join("elsewhere")).expect("link");
    std::os::unix::fs::symlink(corpus.join("wire-one.md"), corpus.join("alias.md")).expect("link");
    let stderr = run_in(dir.path(), &["lint", "--no-cache", "drafts/draft.md"]).stderr;
    assert_eq!(
        stderr.matches("symbolic link").count(),
        1,
        "one warning for the folder: {stderr}"
    );
    assert!(
        stderr.contains(
            "corpus: 2 symbolic links here lead outside this folder or nowhere; not indexed"
        ),
        "{stderr}"
    );
}

#[test]
fn an_out_of_range_threshold_is_a_positioned_error_and_the_other_rules_apply() {
    let dir = scratch_newsroom();
    std::fs::write(
        dir.path().join("rules/thresholds.toml"),
        "[thresholds.name-spelling]\nmin_attested_mentions = 1\n",
    )
    .expect("write");
    let Ran {
        code,
        stdout,
        stderr,
    } = run_in(dir.path(), &["lint", "--no-cache", "drafts/draft.md"]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains(
            "copydesk: error: rules/thresholds.toml:2:25: `min_attested_mentions` must be at least 2, not 1"
        ),
        "{stderr}"
    );
    assert!(
        stdout.contains("Kyiv"),
        "the house rules still apply: {stdout}"
    );
}
