//! Accuracy harness shared by the per-check accuracy tests: load a fixture
//! folder (corpus, rules, labelled cases, clean prose), lint every case, and
//! score findings against the labels as precision and recall per code.

#![allow(dead_code)] // each test binary uses a different part

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use copydesk::config::Config;
use copydesk::corpus::Corpus;
use copydesk::linter::{LintSettings, Linter};
use copydesk::workspace::{load_corpus, read_rules};
use copydesk::{Document, Finding, Severity};
use serde::Deserialize;

pub fn fixture_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/accuracy")
        .join(name)
}

/// A linter over `dir/corpus` with the built-in rules plus `dir/rules`.
pub fn linter_for(dir: &Path) -> Linter {
    let mut config = Config::default_for(dir.to_path_buf());
    let rules_dir = dir.join("rules");
    if rules_dir.is_dir() {
        config.rules_dir = Some(rules_dir);
    }
    let (rules, errors) = read_rules(&config).expect("rules load");
    assert!(errors.is_empty(), "fixture rules must parse: {errors:?}");
    let (articles, warnings) = load_corpus(&[dir.join("corpus")]).expect("corpus loads");
    assert!(warnings.is_empty(), "{warnings:?}");
    Linter::new(
        Arc::new(rules),
        Arc::new(Corpus::new(articles)),
        LintSettings::default(),
    )
}

#[derive(Debug, Deserialize)]
pub struct Cases {
    pub case: Vec<Case>,
}

#[derive(Debug, Deserialize)]
pub struct Case {
    pub id: String,
    pub category: String,
    pub text: String,
    #[serde(default)]
    pub expect: Vec<Expected>,
}

/// One labelled finding. `match` (or its alias `quote`) is text of the case
/// that the finding must overlap.
#[derive(Debug, Clone, Deserialize)]
pub struct Expected {
    pub code: Option<String>,
    #[serde(rename = "match")]
    pub matched: Option<String>,
    pub quote: Option<String>,
    pub suggestion: Option<String>,
    pub severity: Option<String>,
}

impl Expected {
    fn text(&self) -> &str {
        self.matched
            .as_deref()
            .or(self.quote.as_deref())
            .unwrap_or("")
    }

    fn code<'a>(&'a self, default_code: &'a str) -> &'a str {
        self.code.as_deref().unwrap_or(default_code)
    }

    fn severity(&self, code: &str) -> Severity {
        match self.severity.as_deref() {
            Some(s) => s.parse().expect("severity in fixture"),
            None if code == "scare-quote" => Severity::Hint,
            None => Severity::Warning,
        }
    }
}

/// The cases of every `cases*.toml` in `dir`, in file-name order; ids must
/// be unique across them.
pub fn load_cases(dir: &Path) -> Vec<Case> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("fixture dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            let name = p.file_name().unwrap_or_default().to_string_lossy();
            name.starts_with("cases") && name.ends_with(".toml")
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no cases*.toml in {}", dir.display());
    let mut cases = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("read cases");
        let parsed =
            toml::from_str::<Cases>(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        cases.extend(parsed.case);
    }
    let mut ids: Vec<&str> = cases.iter().map(|c| c.id.as_str()).collect();
    ids.sort();
    let duplicate = ids.windows(2).find(|w| w[0] == w[1]);
    assert!(duplicate.is_none(), "duplicate case id {duplicate:?}");
    cases
}

/// Counts for one code.
#[derive(Debug, Default, Clone, Copy)]
pub struct Score {
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
}

impl Score {
    pub fn precision(&self) -> f64 {
        let flagged = self.true_positives + self.false_positives;
        if flagged == 0 {
            1.0
        } else {
            self.true_positives as f64 / flagged as f64
        }
    }

    pub fn recall(&self) -> f64 {
        let expected = self.true_positives + self.false_negatives;
        if expected == 0 {
            1.0
        } else {
            self.true_positives as f64 / expected as f64
        }
    }
}

impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "precision {:.1}% recall {:.1}% (tp {}, fp {}, fn {})",
            self.precision() * 100.0,
            self.recall() * 100.0,
            self.true_positives,
            self.false_positives,
            self.false_negatives
        )
    }
}

/// Scores per code, and a line for every miss so a failure says why.
#[derive(Debug, Default)]
pub struct Evaluation {
    pub scores: BTreeMap<String, Score>,
    pub misses: Vec<String>,
}

impl Evaluation {
    pub fn score(&self, code: &str) -> Score {
        self.scores.get(code).copied().unwrap_or_default()
    }

    pub fn print(&self, title: &str) {
        println!("== {title}");
        for (code, score) in &self.scores {
            println!("{code:22} {score}");
        }
        for miss in &self.misses {
            println!("  {miss}");
        }
    }
}

/// The flagged text of a finding, without surrounding quotation marks.
fn flagged_text<'a>(source: &'a str, finding: &Finding) -> &'a str {
    source
        .get(finding.range.clone())
        .unwrap_or("")
        .trim_matches(|c| "\"“”‘’'«»„".contains(c))
}

/// Lint every case and score the findings whose code is in `codes`. The
/// k-th expected item with a given code and text labels the k-th occurrence
/// of that text in the case; it is met by an unused finding of the same code and
/// severity (and, when labelled, suggestion) whose range overlaps it.
pub fn evaluate(linter: &Linter, cases: &[Case], codes: &[&str]) -> Evaluation {
    let mut evaluation = Evaluation::default();
    for code in codes {
        evaluation.scores.entry(code.to_string()).or_default();
    }
    let default_code = codes[0];
    for case in cases {
        let doc = Document::markdown(case.text.clone());
        let findings: Vec<Finding> = linter
            .lint(&doc)
            .findings
            .into_iter()
            .filter(|f| codes.contains(&f.code.as_str()))
            .collect();
        let mut used = vec![false; findings.len()];
        let mut seen: BTreeMap<(&str, &str), usize> = BTreeMap::new();
        for expected in &case.expect {
            let code = expected.code(default_code);
            let occurrence = seen.entry((code, expected.text())).or_default();
            let labelled = nth_occurrence(&case.text, expected.text(), *occurrence);
            *occurrence += 1;
            let Some(labelled) = labelled else {
                panic!(
                    "case {}: {:?} does not occur that often in its text",
                    case.id,
                    expected.text()
                );
            };
            let hit = findings.iter().enumerate().position(|(i, f)| {
                !used[i]
                    && f.code == code
                    && overlaps(&f.range, &labelled)
                    && f.severity == expected.severity(code)
                    && expected.suggestion.as_ref().is_none_or(|s| {
                        fixes_alike(&case.text, &labelled, s, &f.range, &f.suggestions)
                    })
            });
            let score = evaluation.scores.entry(code.to_string()).or_default();
            match hit {
                Some(i) => {
                    used[i] = true;
                    score.true_positives += 1;
                }
                None => {
                    score.false_negatives += 1;
                    let got: Vec<String> = findings
                        .iter()
                        .map(|f| {
                            format!(
                                "{} {:?} {:?} {:?}",
                                f.code,
                                flagged_text(&case.text, f),
                                f.severity,
                                f.suggestions
                            )
                        })
                        .collect();
                    evaluation.misses.push(format!(
                        "MISSED [{}] {}: {code} {:?} (suggestion {:?}); got {got:?}",
                        case.category,
                        case.id,
                        expected.text(),
                        expected.suggestion
                    ));
                }
            }
        }
        for (finding, _) in findings.iter().zip(&used).filter(|(_, used)| !**used) {
            evaluation
                .scores
                .entry(finding.code.to_string())
                .or_default()
                .false_positives += 1;
            evaluation.misses.push(format!(
                "EXTRA  [{}] {}: {} {:?} {:?} {:?}: {}",
                case.category,
                case.id,
                finding.code,
                flagged_text(&case.text, finding),
                finding.severity,
                finding.suggestions,
                finding.message
            ));
        }
    }
    evaluation
}

/// Byte range of the `n`-th (0-based) occurrence of `needle` in `text`.
fn nth_occurrence(text: &str, needle: &str, n: usize) -> Option<Range<usize>> {
    if needle.is_empty() {
        return None;
    }
    text.match_indices(needle)
        .nth(n)
        .map(|(start, _)| start..start + needle.len())
}

/// Whether one of the finding's suggestions turns the text into what the
/// label's suggestion does: "Schmitt" → "Schmidt" fixes "Müller-Schmitt" as
/// well as "Müller-Schmitt" → "Müller-Schmidt" would.
fn fixes_alike(
    text: &str,
    labelled: &Range<usize>,
    wanted: &str,
    flagged: &Range<usize>,
    offered: &[String],
) -> bool {
    let replace = |range: &Range<usize>, with: &str| {
        format!("{}{with}{}", &text[..range.start], &text[range.end..])
    };
    let expected = replace(labelled, wanted);
    offered
        .iter()
        .any(|suggestion| replace(flagged, suggestion) == expected)
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// Well-edited prose for the "quiet on clean text" tests: the shared
/// `tests/accuracy/clean` folder plus the fixture's own `clean` folder.
pub fn clean_dirs(fixture: &Path) -> Vec<PathBuf> {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/accuracy/clean");
    [shared, fixture.join("clean")]
        .into_iter()
        .filter(|d| d.is_dir())
        .collect()
}

/// Findings of `codes` at warning or above on every file of the clean
/// folders of `dir`, and the number of words linted.
pub fn clean_prose_warnings(linter: &Linter, dir: &Path, codes: &[&str]) -> (Vec<String>, usize) {
    let mut warnings = Vec::new();
    let mut words = 0;
    let mut paths: Vec<PathBuf> = clean_dirs(dir)
        .iter()
        .flat_map(|d| std::fs::read_dir(d).expect("clean dir"))
        .map(|e| e.expect("entry").path())
        .collect();
    paths.sort();
    for path in paths {
        let text = std::fs::read_to_string(&path).expect("read");
        words += text.split_whitespace().count();
        let doc = Document::markdown(text.clone());
        for finding in linter.lint(&doc).findings {
            if codes.contains(&finding.code.as_str()) && finding.severity >= Severity::Warning {
                let at = doc.line_col(finding.range.start);
                warnings.push(format!(
                    "{}:{}: {} {:?}: {}",
                    path.file_name().unwrap_or_default().to_string_lossy(),
                    at.line,
                    finding.code,
                    &text[finding.range.clone()],
                    finding.message
                ));
            }
        }
    }
    (warnings, words)
}

/// Lint the clean prose of fixture `name` for `codes`, print what was
/// found, and require at least 5,000 words with at most one warning per
/// 2,000 words.
pub fn assert_quiet_on_clean_prose(name: &str, codes: &[&str]) {
    let dir = fixture_dir(name);
    let (warnings, words) = clean_prose_warnings(&linter_for(&dir), &dir, codes);
    println!(
        "{} on clean prose: {} warnings in {words} words",
        codes.join(", "),
        warnings.len()
    );
    for warning in &warnings {
        println!("  {warning}");
    }
    assert!(words >= 5_000, "only {words} words of clean prose");
    assert!(
        warnings.len() * 2_000 <= words,
        "more than 1 warning per 2,000 words"
    );
}

/// The README's "Measured accuracy" table row for `code`, as this run
/// measured it. The README must say exactly this, so the table cannot go
/// stale: the test fails on any difference, and
/// `COPYDESK_UPDATE_README=1 cargo test --test accuracy_…` writes the row.
pub fn check_readme_row(code: &str, labelled: &str, score: Score, floor: Option<(f64, f64)>) {
    let percent = |share: f64| {
        if share >= 1.0 {
            "100%".to_string()
        } else {
            format!("{:.1}%", share * 100.0)
        }
    };
    let floor = floor.map_or("—".to_string(), |(precision, recall)| {
        format!("{:.0}% / {:.0}%", precision * 100.0, recall * 100.0)
    });
    let row = format!(
        "| `{code}` | {labelled} | {} | {} | {floor} |",
        percent(score.precision()),
        percent(score.recall())
    );
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).expect("README.md");
    let prefix = format!("| `{code}` |");
    let current = readme
        .lines()
        .find(|line| line.starts_with(&prefix))
        .unwrap_or_else(|| panic!("README.md has no accuracy row for `{code}`"));
    if current == row {
        return;
    }
    if std::env::var_os("COPYDESK_UPDATE_README").is_some() {
        std::fs::write(&path, readme.replacen(current, &row, 1)).expect("write README.md");
        return;
    }
    panic!(
        "README.md's accuracy row for `{code}` is stale (COPYDESK_UPDATE_README=1 rewrites it)\n  README:   {current}\n  measured: {row}"
    );
}
