//! Accuracy of `claim-conflict` on the labelled fixture set in
//! tests/accuracy/claims: precision and recall printed, floors enforced.

mod common;

use common::{evaluate, fixture_dir, linter_for, load_cases};

const CODE: &str = "claim-conflict";

#[test]
fn claim_conflict_precision_and_recall() {
    let dir = fixture_dir("claims");
    let linter = linter_for(&dir);
    let cases = load_cases(&dir);
    let count = |category: &str| {
        cases
            .iter()
            .filter(|c| c.category.starts_with(category))
            .count()
    };
    assert!(count("conflict") >= 40, "{} conflicts", count("conflict"));
    assert!(
        count("consistent") >= 40,
        "{} consistent claims",
        count("consistent")
    );
    assert!(
        count("uncovered") >= 20,
        "{} uncovered claims",
        count("uncovered")
    );
    let evaluation = evaluate(&linter, &cases, &[CODE]);
    evaluation.print(&format!("claim-conflict: {} cases", cases.len()));
    let score = evaluation.score(CODE);
    assert!(score.precision() >= 0.90, "precision below 90%: {score}");
    assert!(score.recall() >= 0.80, "recall below 80%: {score}");
}
