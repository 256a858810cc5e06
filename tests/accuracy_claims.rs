//! Accuracy of `claim-conflict` on the labelled fixture set in
//! tests/accuracy/claims: precision and recall printed, floors enforced.

mod common;

use common::{check_readme_row, evaluate, fixture_dir, linter_for, load_cases};

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
    // Regression floors at the measured figures, not the goal: issue 29
    // asks for 90% and 80%. The fixture corpus is 21 articles, too
    // few for the rarity weights that same-fact matching now rests on
    // (chosen on real news, where they cut false warnings twentyfold).
    assert!(score.precision() >= 0.95, "precision below 95%: {score}");
    assert!(score.recall() >= 0.60, "recall below 60%: {score}");
    let labelled = format!(
        "{} findings, {} consistent, {} uncovered claims",
        score.true_positives + score.false_negatives,
        count("consistent"),
        count("uncovered")
    );
    check_readme_row(CODE, &labelled, score, Some((0.95, 0.60)));
}
