//! Accuracy of `name-spelling` on the labelled fixture set in
//! tests/accuracy/names: precision and recall printed, and floors enforced.

mod common;

use common::{
    assert_quiet_on_clean_prose, check_readme_row, evaluate, fixture_dir, linter_for, load_cases,
};

const CODE: &str = "name-spelling";

#[test]
fn name_spelling_precision_and_recall() {
    let dir = fixture_dir("names");
    let linter = linter_for(&dir);
    let cases = load_cases(&dir);
    let positives: usize = cases.iter().map(|c| c.expect.len()).sum();
    let negatives = cases.iter().filter(|c| c.expect.is_empty()).count();
    assert!(
        positives >= 40 && negatives >= 40,
        "{positives} positive and {negatives} negative cases"
    );
    let evaluation = evaluate(&linter, &cases, &[CODE]);
    evaluation.print(&format!(
        "name-spelling: {} cases ({positives} expected findings, {negatives} clean)",
        cases.len()
    ));
    let score = evaluation.score(CODE);
    assert!(score.precision() >= 0.95, "precision below 95%: {score}");
    assert!(score.recall() >= 0.90, "recall below 90%: {score}");
    let labelled = format!("{positives} findings, {negatives} silent cases");
    check_readme_row(CODE, &labelled, score, Some((0.95, 0.90)));
}

#[test]
fn name_spelling_is_quiet_on_well_edited_prose() {
    assert_quiet_on_clean_prose("names", &[CODE]);
}
