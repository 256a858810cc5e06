//! Accuracy of the quote checks on the labelled fixture set in
//! tests/accuracy/quotes: precision and recall per code, floors enforced
//! for `unattributed-quote`.

mod common;

use common::{
    assert_quiet_on_clean_prose, check_readme_row, evaluate, fixture_dir, linter_for, load_cases,
};

const CODES: &[&str] = &[
    "unattributed-quote",
    "scare-quote",
    "unbalanced-quote",
    "misquote",
    "misattributed-quote",
];

#[test]
fn quote_checks_precision_and_recall() {
    let dir = fixture_dir("quotes");
    let linter = linter_for(&dir);
    let cases = load_cases(&dir);
    let expected = |code: &str| {
        cases
            .iter()
            .flat_map(|c| &c.expect)
            .filter(|e| e.code.as_deref().unwrap_or(CODES[0]) == code)
            .count()
    };
    assert!(
        expected("unattributed-quote") >= 25,
        "{} unattributed quotes",
        expected("unattributed-quote")
    );
    assert!(
        expected("scare-quote") >= 15,
        "{} scare quotes",
        expected("scare-quote")
    );
    let attributed: usize = cases
        .iter()
        .filter(|c| c.category.starts_with("attributed"))
        .map(|c| opening_marks(&c.text))
        .sum();
    assert!(attributed >= 60, "{attributed} attributed quotations");
    let evaluation = evaluate(&linter, &cases, CODES);
    evaluation.print(&format!(
        "quote checks: {} cases, {attributed} attributed quotations",
        cases.len()
    ));
    let score = evaluation.score("unattributed-quote");
    assert!(
        score.precision() >= 0.95,
        "unattributed-quote precision below 95%: {score}"
    );
    assert!(
        score.recall() >= 0.90,
        "unattributed-quote recall below 90%: {score}"
    );
    let labelled = format!(
        "{} findings, {attributed} attributed quotations",
        expected("unattributed-quote")
    );
    check_readme_row("unattributed-quote", &labelled, score, Some((0.95, 0.90)));
    for code in &CODES[1..] {
        let labelled = format!("{} findings", expected(code));
        check_readme_row(code, &labelled, evaluation.score(code), None);
    }
}

/// Quotations in a text, counted by their opening marks (straight double
/// quotes come in pairs).
fn opening_marks(text: &str) -> usize {
    let curly = text
        .chars()
        .filter(|c| matches!(c, '“' | '«' | '„'))
        .count();
    curly + text.matches('"').count() / 2
}

#[test]
fn quote_checks_are_quiet_on_well_attributed_prose() {
    assert_quiet_on_clean_prose("quotes", CODES);
}
