//! Titles and roles against the corpus: "Foreign Minister X" where the
//! corpus has "Defence Minister X", or "former Chancellor X" where the
//! corpus calls X the sitting chancellor.

use super::{CODE, ClaimCheck, Outcome, article_count, articles, has_sources, support_hover};
use crate::corpus::Scored;
use crate::document::Document;
use crate::finding::{Finding, Severity};
use crate::text::claims::{Claim, ClaimValue, roles_compatible, same_kind_of_post};

pub(super) fn check(
    check: &ClaimCheck,
    doc: &Document,
    claim: &Claim,
    context: &[(String, usize)],
) -> Outcome {
    let (Some(person), ClaimValue::Role { role, former }) = (&claim.person, &claim.value) else {
        return Outcome::default();
    };
    let everyone = check.corpus.statements().roles_of(person, context);
    if several_people(claim, &everyone) {
        return Outcome::default();
    }
    let known: Vec<Scored> = everyone
        .into_iter()
        .filter(|s| same_person(&s.statement.claim, claim))
        .filter(|s| super::values::within_time_frame(check, doc, claim, s))
        .collect();
    let min_articles = check.rules.thresholds.claims.min_articles.max(1);
    if !has_sources(&check.corpus, &known, min_articles) {
        return Outcome::default();
    }
    let corpus_role = |s: &Scored| match &s.statement.claim.value {
        ClaimValue::Role { role, former } => Some((role.clone(), *former)),
        _ => None,
    };
    let matching: Vec<Scored> = known
        .iter()
        .filter(|s| corpus_role(s).is_some_and(|(r, _)| roles_compatible(&r, role)))
        .cloned()
        .collect();
    let name = claim.person_name.clone().unwrap_or_default();
    if matching.is_empty() {
        let corpus_roles: Vec<Scored> = known.clone();
        let Some(best) = corpus_roles.first() else {
            return Outcome::default();
        };
        let Some((best_role, _)) = corpus_role(best) else {
            return Outcome::default();
        };
        // A corpus that gives the person two posts (senator and minority
        // leader) shows they hold several: no single one contradicts.
        if corpus_roles
            .iter()
            .any(|s| corpus_role(s).is_some_and(|(r, _)| !roles_compatible(&r, &best_role)))
        {
            return Outcome::default();
        }
        // Another rank or portfolio of the same post (Foreign against
        // Defence Minister) is a conflict; another post altogether may be
        // held as well, so it is only worth a look.
        let severity = if same_kind_of_post(&best_role, role) {
            Severity::Warning
        } else {
            Severity::Info
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
        let mut finding = Finding::new(CODE, severity, claim.range.clone(), message);
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
    // Courtesy titles ("President Clinton" years after office) make a
    // sitting title weak evidence either way: these are only worth a look.
    // A sentence that names a year may speak of the past ("President Bill
    // Clinton signed it in 1996"): its title is not today's.
    let enough =
        has_sources(&check.corpus, &matching, min_articles) && claim.frame.years.is_empty();
    let finding = match (*former, &claim.former_range) {
        (true, Some(range)) if enough && sitting > 0 && departed == 0 => {
            let message = format!(
                "The reference corpus calls {name} the sitting {role} ({}), not a former one: check whether they have left the post",
                articles(article_count(&matching))
            );
            let mut finding = Finding::new(CODE, Severity::Info, range.clone(), message);
            for evidence in check.evidence(&matching, 2) {
                finding = finding.with_related(evidence);
            }
            Some(finding)
        }
        (false, _) if enough && departed > 0 && sitting == 0 => {
            let message = format!(
                "The reference corpus calls {name} “{}” ({})",
                corpus_wording(check, &matching[0])
                    .filter(|w| w.contains("former"))
                    .unwrap_or_else(|| format!("former {role}")),
                articles(article_count(&matching))
            );
            let mut finding = Finding::new(CODE, Severity::Info, claim.range.clone(), message);
            for evidence in check.evidence(&matching, 2) {
                finding = finding.with_related(evidence);
            }
            Some(finding)
        }
        _ => None,
    };
    Outcome { finding, hover }
}

/// A corpus role as written, without a leading article and with "former"
/// in lower case: "former French Prime Minister".
fn corpus_wording(check: &ClaimCheck, statement: &Scored) -> Option<String> {
    let prose = check
        .corpus
        .article(statement.statement.location)?
        .document()
        .prose();
    let text = prose.get(statement.statement.location.range())?;
    let words: Vec<String> = text
        .split_whitespace()
        .skip_while(|w| matches!(w.to_lowercase().as_str(), "the" | "a"))
        .map(|w| {
            if w == "Former" {
                "former".to_string()
            } else {
                w.to_string()
            }
        })
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// Whether the corpus's statements about this surname, at any date, name two
/// people ("Bill Clinton", "Hillary Clinton") when the draft gives no first
/// name.
fn several_people(draft: &Claim, known: &[Scored]) -> bool {
    if given_name(draft).is_some() {
        return false;
    }
    let names: std::collections::BTreeSet<String> = known
        .iter()
        .filter_map(|s| given_name(&s.statement.claim))
        .collect();
    names.len() > 1
}

/// The first name, when a claim gives more than the surname.
fn given_name(claim: &Claim) -> Option<String> {
    claim
        .person_name
        .as_deref()
        .and_then(|n| n.split(' ').next().map(str::to_lowercase))
        .filter(|first| *first != claim.person.clone().unwrap_or_default())
}

/// The same person: surnames agree (the index is keyed by surname) and, when
/// the draft gives a first name, the corpus gives the same.
fn same_person(corpus: &Claim, draft: &Claim) -> bool {
    match (given_name(corpus), given_name(draft)) {
        (Some(a), Some(b)) => a == b,
        // "George Bush" in the draft: a corpus "Bush" may be Jeb.
        (None, Some(_)) => false,
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
            .map(crate::lang::case::capitalise)
            .collect::<Vec<_>>()
            .join(" ")
    } else if written.chars().next().is_some_and(char::is_lowercase) {
        corpus.to_lowercase()
    } else {
        corpus.to_string()
    })
}
