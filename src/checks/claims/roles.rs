//! Titles and roles against the corpus: "Foreign Minister X" where the
//! corpus has "Defence Minister X", or "former Chancellor X" where the
//! corpus calls X the sitting chancellor.

use super::{CODE, ClaimCheck, Outcome, article_count, articles, support_hover};
use crate::corpus::Scored;
use crate::document::Document;
use crate::finding::{Finding, Severity};
use crate::text::claims::{Claim, ClaimValue, roles_compatible};

pub(super) fn check(
    check: &ClaimCheck,
    doc: &Document,
    claim: &Claim,
    context: &[(String, usize)],
) -> Outcome {
    let (Some(person), ClaimValue::Role { role, former }) = (&claim.person, &claim.value) else {
        return Outcome::default();
    };
    let known: Vec<Scored> = check
        .corpus
        .statements()
        .roles_of(person, context)
        .into_iter()
        .filter(|s| same_person(&s.statement.claim, claim))
        .collect();
    if article_count(&known) < check.rules.thresholds.claims.min_articles.max(1) {
        return Outcome::default();
    }
    let corpus_role = |s: &Scored| match &s.statement.claim.value {
        ClaimValue::Role { role, former } => Some((role.clone(), *former)),
        _ => None,
    };
    let matching: Vec<Scored> = known
        .iter()
        .copied()
        .filter(|s| corpus_role(s).is_some_and(|(r, _)| roles_compatible(&r, role)))
        .collect();
    let name = claim.person_name.clone().unwrap_or_default();
    if matching.is_empty() {
        let corpus_roles: Vec<Scored> = known.clone();
        let Some(best) = corpus_roles.first() else {
            return Outcome::default();
        };
        let written = doc.source().get(claim.range.clone()).unwrap_or("");
        let corpus_text = check
            .corpus
            .article(best.statement.location)
            .and_then(|a| {
                a.document()
                    .prose()
                    .get(best.statement.location.range())
                    .map(|role| role.split_whitespace().collect::<Vec<_>>().join(" "))
            })
            .unwrap_or_default();
        let message = format!(
            "The reference corpus calls {name} “{corpus_text}” ({}), not “{written}”",
            articles(article_count(&corpus_roles))
        );
        let mut finding = Finding::new(CODE, Severity::Warning, claim.range.clone(), message);
        if let Some(suggestion) = styled_like(&corpus_text, written) {
            finding = finding.with_suggestion(suggestion);
        }
        for evidence in check.evidence(&corpus_roles, 2) {
            finding = finding.with_related(evidence);
        }
        return Outcome {
            finding: Some(finding),
            hover: None,
        };
    }
    // The role matches; does "former" match too?
    let sitting = matching
        .iter()
        .filter(|s| corpus_role(s).is_some_and(|(_, f)| !f))
        .count();
    let departed = matching.len() - sitting;
    let hover = support_hover(&check.corpus, claim, &matching);
    let finding = match (*former, &claim.former_range) {
        (true, Some(range)) if sitting > 0 && departed == 0 => {
            let message = format!(
                "The reference corpus calls {name} the sitting {role} ({}), not a former one",
                articles(article_count(&matching))
            );
            let mut finding = Finding::new(CODE, Severity::Warning, range.clone(), message);
            for evidence in check.evidence(&matching, 2) {
                finding = finding.with_related(evidence);
            }
            Some(finding)
        }
        (false, _) if departed > 0 && sitting == 0 => {
            let message = format!(
                "The reference corpus calls {name} a former {role} ({})",
                articles(article_count(&matching))
            );
            let mut finding = Finding::new(CODE, Severity::Warning, claim.range.clone(), message);
            for evidence in check.evidence(&matching, 2) {
                finding = finding.with_related(evidence);
            }
            Some(finding)
        }
        _ => None,
    };
    Outcome { finding, hover }
}

/// The same person: surnames agree (the index is keyed by surname) and, when
/// both give one, so do the first names.
fn same_person(corpus: &Claim, draft: &Claim) -> bool {
    let first = |c: &Claim| {
        c.person_name
            .as_deref()
            .and_then(|n| n.split(' ').next().map(str::to_lowercase))
    };
    match (first(corpus), first(draft)) {
        (Some(a), Some(b))
            if a != corpus.person.clone().unwrap_or_default()
                && b != draft.person.clone().unwrap_or_default() =>
        {
            a == b
        }
        _ => true,
    }
}

/// The corpus role in the draft's capitalisation: "Defence Minister" for a
/// Title Case draft, "defence minister" for a lower-case one.
fn styled_like(corpus: &str, written: &str) -> Option<String> {
    if corpus.is_empty() {
        return None;
    }
    let title_case = written
        .split_whitespace()
        .all(|w| w.starts_with(char::is_uppercase));
    Some(if title_case {
        corpus
            .split(' ')
            .map(|w| {
                let mut c = w.chars();
                c.next()
                    .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                    .unwrap_or_default()
            })
            .collect::<Vec<_>>()
            .join(" ")
    } else if written.chars().next().is_some_and(char::is_lowercase) {
        corpus.to_lowercase()
    } else {
        corpus.to_string()
    })
}
