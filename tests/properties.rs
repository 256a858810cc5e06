//! Property tests: for any input, the document model, the findings, the
//! fixes and the rules loader keep their invariants. Inputs mix arbitrary
//! Unicode with pieces of the example draft (names, quotes, claims,
//! Markdown, suppression comments), so that the checks have work to do.
//!
//! Cases per property: `PROPTEST_CASES` (default 1,000; CI sets fewer).

mod common;

use std::path::Path;
use std::sync::OnceLock;

use copydesk::config::Config;
use copydesk::fix::{apply_fixes, planned_edits};
use copydesk::rules::RuleSource;
use copydesk::{Document, DocumentKind, Linter, RuleSet};
use proptest::prelude::*;

const EXAMPLE_DRAFT: &str = include_str!("../examples/drafts/peace-plan-draft.md");
const EXAMPLE_RULES: &str = include_str!("../examples/rules/house-names.toml");
const EXAMPLE_CONFIG: &str = include_str!("../examples/copydesk.toml");

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000)
}

/// The linter of the shipped example: its rules and its corpus.
fn example_linter() -> &'static Linter {
    static LINTER: OnceLock<Linter> = OnceLock::new();
    LINTER.get_or_init(|| {
        let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
        common::linter_for(&examples)
    })
}

/// Pieces that trip the parsers: line breaks of every kind, quotation
/// marks, Markdown containers, comments, multi-byte and astral characters.
const AWKWARD: &[&str] = &[
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    "\"",
    "“",
    "”",
    "‘",
    "’",
    "'",
    "«",
    "»",
    "> ",
    "- ",
    "# ",
    "* ",
    "1. ",
    "`",
    "```\n",
    "---\n",
    "<!--",
    "-->",
    "<!-- copydesk-disable-next-line -->\n",
    "<!-- copydesk-disable name-spelling -->",
    "<!-- copydesk-enable -->",
    "Київ",
    "🇺🇦",
    "😀",
    "\u{301}",
    "\u{200b}",
    "\t",
    " ",
    "—",
    "…",
    ".",
    ",",
    "said",
    "Whitkoff",
    "Kiev",
    "Navalnyy",
    "20 items",
    "on Wednesday",
    "Foreign Minister",
];

/// A draft: pieces of the example, awkward pieces and arbitrary text.
fn draft() -> impl Strategy<Value = String> {
    let words: Vec<&'static str> = EXAMPLE_DRAFT.split_inclusive(' ').collect();
    let sentences: Vec<&'static str> = EXAMPLE_DRAFT.split_inclusive(". ").collect();
    let piece = prop_oneof![
        3 => prop::sample::select(words),
        2 => prop::sample::select(sentences),
        3 => prop::sample::select(AWKWARD),
    ]
    .prop_map(str::to_string);
    let piece = prop_oneof![4 => piece, 1 => any::<String>()];
    prop::collection::vec(piece, 0..60).prop_map(|pieces| pieces.concat())
}

/// The 1-based line and column of `offset`, counted from scratch.
fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn the_prose_view_keeps_the_source_length_and_boundaries(text in draft(), markdown in any::<bool>()) {
        let kind = if markdown { DocumentKind::Markdown } else { DocumentKind::PlainText };
        let doc = Document::new(text.clone(), kind);
        prop_assert_eq!(doc.prose().len(), text.len());
        for (_, sentence) in doc.sentences() {
            prop_assert!(sentence.start <= sentence.end && sentence.end <= text.len());
            prop_assert!(doc.prose().is_char_boundary(sentence.start));
            prop_assert!(doc.prose().is_char_boundary(sentence.end));
        }
    }

    #[test]
    fn findings_lie_in_the_source_and_positions_agree(text in draft()) {
        let doc = Document::markdown(text.clone());
        let report = example_linter().lint(&doc);
        let ranges = report
            .findings
            .iter()
            .map(|f| f.range.clone())
            .chain(report.annotations.iter().map(|a| a.range.clone()));
        for range in ranges {
            prop_assert!(range.start <= range.end && range.end <= text.len(), "{range:?}");
            prop_assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
            let position = doc.line_col(range.start);
            prop_assert_eq!((position.line, position.column), line_and_column(&text, range.start));
        }
    }

    #[test]
    fn safe_fixes_change_only_their_ranges_and_leave_nothing_to_fix(text in draft()) {
        let linter = example_linter();
        let report = linter.lint(&Document::markdown(text.clone()));
        let edits = planned_edits(&text, &report.findings, false);
        let (fixed, applied) = apply_fixes(&text, &report.findings, false);
        prop_assert_eq!(applied.len(), edits.len());

        // Every byte outside the edits is where it was, shifted by the edits before it.
        let mut shift: isize = 0;
        let mut copied_to = 0;
        let mut fixed_ranges = Vec::new();
        for edit in &edits {
            let kept = &text[copied_to..edit.range.start];
            let at = (copied_to as isize + shift) as usize;
            prop_assert_eq!(&fixed[at..at + kept.len()], kept);
            let start = (edit.range.start as isize + shift) as usize;
            prop_assert_eq!(&fixed[start..start + edit.text.len()], edit.text);
            fixed_ranges.push((edit.code, start..start + edit.text.len()));
            shift += edit.text.len() as isize - edit.range.len() as isize;
            copied_to = edit.range.end;
        }
        prop_assert_eq!(&fixed[(copied_to as isize + shift) as usize..], &text[copied_to..]);

        // Linting the fixed text finds nothing of the same kind to fix there.
        let again = linter.lint(&Document::markdown(fixed.clone()));
        for finding in again.findings.iter().filter(|f| f.applicable_fix(false).is_some()) {
            let refixed = fixed_ranges.iter().any(|(code, range)| {
                *code == finding.code && finding.range.start < range.end && range.start < finding.range.end
            });
            prop_assert!(!refixed, "{finding:?} in {fixed:?}");
        }
    }

    #[test]
    fn any_rules_text_loads_or_reports_a_position(text in toml_text()) {
        let source = RuleSource { path: "rules/house.toml".into(), text: text.clone() };
        let (_rules, errors) = RuleSet::from_sources(&[source]);
        for error in errors {
            prop_assert!(error.range.start <= error.range.end && error.range.end <= text.len());
            prop_assert!(error.start.line >= 1 && error.start.column >= 1);
            prop_assert!(!error.message.is_empty());
        }
    }

    #[test]
    fn any_config_text_parses_or_reports_a_position(text in toml_text()) {
        if let Err(error) = Config::parse(&text, Path::new("copydesk.toml")) {
            prop_assert!(error.line >= 1 && error.column >= 1);
            prop_assert!(!error.message.is_empty());
        }
    }
}

/// TOML-like text: the example rules and config cut and spliced, with
/// arbitrary text and TOML punctuation mixed in.
fn toml_text() -> impl Strategy<Value = String> {
    let lines: Vec<&'static str> = EXAMPLE_RULES
        .lines()
        .chain(EXAMPLE_CONFIG.lines())
        .chain([
            "[[name]]",
            "[thresholds.claim-conflict]",
            "min_articles = -1",
            "divided_min_share = 1e400",
            "max_days_apart = 99999999999999999999",
            "variants = [\"\", \"Kiev\", 3]",
            "preferred = \"\"",
            "[[fact]]",
            "value = { nested = [[]] }",
            "'''",
            "\"\"\"",
            "=",
            "[",
            "]",
        ])
        .collect();
    let piece = prop_oneof![
        6 => prop::sample::select(lines).prop_map(|l| format!("{l}\n")),
        1 => any::<String>(),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}
