//! Pinned facts from the rules, which override the corpus: an editor who
//! knows better writes `[[fact]]` and the corpus is not consulted for it.

use std::collections::BTreeSet;

use super::{CODE, ClaimCheck};
use crate::document::Document;
use crate::finding::{Finding, Severity};
use crate::rules::{FactClaim, FactRule};
use crate::text::claims::{Claim, Value, content_words, normalise_role, roles_compatible};
use crate::text::quantities::quantities;

/// `Some` when a pinned fact covers the claim: the finding if it disagrees,
/// `None` inside if it agrees.
pub(super) fn check(
    check: &ClaimCheck,
    doc: &Document,
    claim: &Claim,
    context: &BTreeSet<String>,
) -> Option<Option<Finding>> {
    check
        .rules
        .facts
        .iter()
        .find_map(|fact| judge(fact, doc, claim, context))
}

fn judge(
    fact: &FactRule,
    doc: &Document,
    claim: &Claim,
    context: &BTreeSet<String>,
) -> Option<Option<Finding>> {
    let written = doc.source().get(claim.range.clone()).unwrap_or("");
    match (&fact.claim, &claim.value) {
        (FactClaim::Quantity { measure, value }, Value::Quantity(draft)) => {
            let subject = content_words(&fact.subject);
            if !subject.is_subset(context) {
                return None;
            }
            let text = format!("{value} {measure}");
            let pinned = quantities(&text, 0..text.len()).into_iter().next()?;
            if pinned.measure != draft.measure {
                return None;
            }
            if pinned.agrees_with(draft) {
                return Some(None);
            }
            let message = format!(
                "Pinned fact `{}`: the {} has {value} {measure}, not {written}",
                fact.id, fact.subject
            );
            Some(Some(finish(
                fact,
                claim,
                message,
                (draft.low == draft.high).then(|| value.clone()),
            )))
        }
        (
            FactClaim::Role { role },
            Value::Title {
                post: draft_role, ..
            },
        ) => {
            let person = fact.subject.split_whitespace().last()?.to_lowercase();
            if claim.subject.entities.first().map(|(e, _)| e.as_str()) != Some(person.as_str()) {
                return None;
            }
            let pinned = normalise_role(role)?;
            if roles_compatible(&pinned, draft_role) {
                return Some(None);
            }
            let message = format!(
                "Pinned fact `{}`: {} is {role}, not {written}",
                fact.id, fact.subject
            );
            Some(Some(finish(fact, claim, message, Some(role.clone()))))
        }
        _ => None,
    }
}

fn finish(fact: &FactRule, claim: &Claim, message: String, suggestion: Option<String>) -> Finding {
    let mut finding = Finding::new(
        CODE,
        fact.severity.unwrap_or(Severity::Warning),
        claim.range.clone(),
        fact.message.clone().unwrap_or(message),
    )
    .with_rule(fact.id.clone());
    if let Some(suggestion) = suggestion {
        finding = finding.with_suggestion(suggestion);
    }
    let note = match &fact.source {
        Some(source) => format!("pinned fact `{}` ({source})", fact.id),
        None => format!("pinned fact `{}`", fact.id),
    };
    finding.with_related(fact.origin.evidence(note))
}

#[cfg(test)]
mod tests {
    use super::super::tests::lint_with;
    use crate::rules::{RuleSet, RuleSource};
    use std::path::PathBuf;

    #[test]
    fn a_pinned_fact_overrides_the_corpus() {
        let text = "[[fact]]\nid = \"plan\"\nsubject = \"peace plan\"\nmeasure = \"points\"\nvalue = \"20\"\nsource = \"desk\"\n";
        let (mut rules, errors) = RuleSet::from_sources(&[RuleSource {
            path: PathBuf::from("r.toml"),
            text: text.into(),
        }]);
        assert!(errors.is_empty());
        rules.quotes = RuleSet::defaults().quotes;
        assert!(
            lint_with(
                rules.clone(),
                "After Geneva the revised peace plan was cut to 20 items."
            )
            .is_empty()
        );
        let found = lint_with(
            rules,
            "After Geneva the revised peace plan was cut to 19 items.",
        );
        assert_eq!(found[0].1, vec!["20".to_string()]);
    }
}
