//! Titles against the corpus: "Foreign Minister X" where the corpus has
//! "Defence Minister X", and "former" where the corpus's latest articles
//! say otherwise. A title is a fact with a time: the newest evidence wins,
//! and a sentence set in the past ("then-", "at the time", a past year)
//! may give a title its person has since left.

use std::collections::BTreeSet;
use std::sync::Arc;

use super::same_fact::{given_name, same_person};
use super::{
    CODE, ClaimCheck, Outcome, article_count, articles, date_text, has_sources, support_hover,
};
use crate::corpus::Statement;
use crate::document::Document;
use crate::finding::{Finding, Severity};
use crate::lang::case::capitalise;
use crate::lang::titles::is_title_word;
use crate::text::claims::{
    Claim, Value, is_held_alongside_posts, is_leader_description, roles_compatible, same_employer,
    same_kind_of_post,
};

/// Corpus articles this close to the newest that names a title count as
/// its latest evidence.
const LATEST_DAYS: i64 = 31;

pub(super) fn check(check: &ClaimCheck, doc: &Document, claim: &Claim) -> Outcome {
    let Value::Title {
        post,
        former,
        former_range,
    } = &claim.value
    else {
        return Outcome::default();
    };
    let Some((known, picked_by_post)) = statements_of_person(claim, post, check.about(claim))
    else {
        return Outcome::default();
    };
    // A person picked out by the post alone is a guess the corpus must
    // back twice over, and only against "former": a surname under a title
    // without it is as often a courtesy ("Secretary Clinton" years on) or
    // another of the name ("Mayor Dorn", the daughter).
    if picked_by_post && !former {
        return Outcome::default();
    }
    let min_articles = check
        .rules
        .thresholds
        .claims
        .min_articles
        .max(if picked_by_post { 2 } else { 1 });
    if !has_sources(&check.corpus, &known, min_articles) {
        return Outcome::default();
    }
    let name = claim.subject.person.clone().unwrap_or_default();
    let matching: Vec<Arc<Statement>> = known
        .iter()
        .filter(|s| {
            post_of(s).is_some_and(|(p, _)| roles_compatible(p, post) && same_employer(p, post))
        })
        .cloned()
        .collect();
    if matching.is_empty() {
        // The same post for another employer ("Cruz spokeswoman" and
        // "spokeswoman for Trump"): held one after the other, it says
        // nothing of this one.
        if known
            .iter()
            .any(|s| post_of(s).is_some_and(|(p, _)| roles_compatible(p, post)))
        {
            return Outcome::default();
        }
        // "minister Senator X": the form of address after a post is a
        // second title the person holds; the post is what is compared.
        if follows_a_post(doc.source(), claim.range.start) {
            return Outcome::default();
        }
        return another_post(check, doc, claim, &name, &known);
    }
    // The post matches; does "former" match too, by the latest evidence?
    let hover = support_hover(&check.corpus, &format!("{name}, title"), &matching);
    let latest = latest(check, &matching);
    // A title in a sentence set in the past is no evidence of today's.
    let now: Vec<&Arc<Statement>> = latest.iter().filter(|s| !set_in_past(&s.claim)).collect();
    let sitting = now
        .iter()
        .filter(|s| post_of(s).is_some_and(|(_, f)| !f))
        .count();
    let departed = now.len() - sitting;
    let evidence: Vec<Arc<Statement>> = now.iter().map(|s| (*s).clone()).collect();
    let enough = has_sources(&check.corpus, &evidence, min_articles);
    let when = latest_date(check, &evidence);
    let finding = match (*former, former_range) {
        (true, Some(range)) if enough && sitting > 0 && departed == 0 => {
            let message = format!(
                "{name}, title: the reference corpus calls {name} the sitting {post} ({}{when}), not a former one",
                articles(article_count(&evidence))
            );
            Some(cite(
                check,
                Finding::new(CODE, Severity::Warning, range.clone(), message),
                &evidence,
            ))
        }
        (false, _)
            if enough
                && departed > 0
                && sitting == 0
                && !set_in_past(claim)
                && !bare_title_in_use(check, &matching) =>
        {
            let message = format!(
                "{name}, title: the reference corpus calls {name} the former {post} ({}{when}); write “former” unless the sentence is about their time in the post",
                articles(article_count(&evidence))
            );
            Some(cite(
                check,
                Finding::new(CODE, Severity::Warning, claim.range.clone(), message),
                &evidence,
            ))
        }
        _ => None,
    };
    Outcome {
        finding,
        hover,
        ..Outcome::default()
    }
}

/// The draft names a post the corpus never gives the person.
fn another_post(
    check: &ClaimCheck,
    doc: &Document,
    claim: &Claim,
    name: &str,
    known: &[Arc<Statement>],
) -> Outcome {
    let Value::Title { post, .. } = &claim.value else {
        return Outcome::default();
    };
    // "NATO chief" describes whoever leads NATO: no post to compare, in
    // the draft or the corpus.
    if is_leader_description(post) {
        return Outcome::default();
    }
    let posts: Vec<(&Statement, &str)> = known
        .iter()
        .filter_map(|s| post_of(s).map(|(p, _)| (s.as_ref(), p)))
        .filter(|(_, p)| !is_leader_description(p))
        .collect();
    let Some(&(first, best)) = posts.first() else {
        return Outcome::default();
    };
    // A corpus that gives the person two posts (senator and minority
    // leader) shows they hold several: no single one contradicts.
    if posts.iter().any(|(_, p)| !roles_compatible(p, best)) {
        return Outcome::default();
    }
    // A seat or a rank is held alongside a post (Senator and Minority
    // Leader, General and CIA director): neither says the other is wrong.
    if is_held_alongside_posts(best) || is_held_alongside_posts(post) {
        return Outcome::default();
    }
    // Another rank or portfolio of the same post (Foreign against Defence
    // Minister) is a conflict; another post altogether may be held as
    // well, so it is only worth a look.
    let severity = if same_kind_of_post(best, post) {
        Severity::Warning
    } else {
        Severity::Info
    };
    let written = doc.source().get(claim.range.clone()).unwrap_or("");
    let corpus_text = check
        .corpus
        .article(first.location)
        .and_then(|article| {
            let text = article.document().prose().get(first.location.range())?;
            Some(text.split_whitespace().collect::<Vec<_>>().join(" "))
        })
        .unwrap_or_default();
    let message = format!(
        "{name}, title: the reference corpus calls {name} “{corpus_text}” ({}), not “{written}”",
        articles(article_count(known))
    );
    let mut finding = Finding::new(CODE, severity, claim.range.clone(), message);
    if let Some(suggestion) = styled_like(&corpus_text, written) {
        finding = finding.with_suggestion(suggestion);
    }
    Outcome {
        finding: Some(cite(check, finding, known)),
        ..Outcome::default()
    }
}

/// Whether the word right before `at` is a post in lower case ("minister"
/// in "environment minister Senator Ruth Okafor").
fn follows_a_post(source: &str, at: usize) -> bool {
    source
        .get(..at)
        .and_then(|before| before.split_whitespace().next_back())
        .is_some_and(|word| word.starts_with(char::is_lowercase) && is_title_word(word))
}

fn cite(check: &ClaimCheck, mut finding: Finding, statements: &[Arc<Statement>]) -> Finding {
    for evidence in check.evidence(statements, 2) {
        finding = finding.with_related(evidence);
    }
    finding
}

fn post_of(statement: &Statement) -> Option<(&str, bool)> {
    match &statement.claim.value {
        Value::Title { post, former, .. } => Some((post, *former)),
        _ => None,
    }
}

/// The statements of the latest articles: those within `LATEST_DAYS` of
/// the newest dated one; all of them when none is dated.
fn latest(check: &ClaimCheck, statements: &[Arc<Statement>]) -> Vec<Arc<Statement>> {
    let day = |s: &Statement| check.corpus.dateline(s.location);
    let Some(newest) = statements.iter().filter_map(|s| day(s)).max() else {
        return statements.to_vec();
    };
    statements
        .iter()
        .filter(|s| day(s).is_some_and(|d| newest - d <= LATEST_DAYS))
        .cloned()
        .collect()
}

/// ", the latest on 3 March 2016", when the evidence is dated.
fn latest_date(check: &ClaimCheck, statements: &[Arc<Statement>]) -> String {
    statements
        .iter()
        .filter_map(|s| check.corpus.dateline(s.location))
        .max()
        .map(|day| format!(", the latest on {}", date_text(day)))
        .unwrap_or_default()
}

/// Whether the corpus itself still writes the bare title ("President George
/// W. Bush") after it first calls the person former: then the bare title is
/// the newsroom's way of naming a past holder, not a slip. Undated
/// statements count as after.
fn bare_title_in_use(check: &ClaimCheck, matching: &[Arc<Statement>]) -> bool {
    let day = |s: &Statement| check.corpus.dateline(s.location);
    let is_former = |s: &Statement| post_of(s).is_some_and(|(_, former)| former);
    let first_former = matching
        .iter()
        .filter(|s| is_former(s))
        .map(|s| day(s))
        .min()
        .flatten();
    matching.iter().any(|s| {
        !is_former(s)
            && match (first_former, day(s)) {
                (Some(first), Some(at)) => at >= first,
                _ => true,
            }
    })
}

/// A sentence set in the past: "then-", "at the time", or a year named
/// ("President Bill Clinton signed it in 1996").
fn set_in_past(claim: &Claim) -> bool {
    claim.time.historical || !claim.time.years.is_empty()
}

/// The corpus statements about the draft's person. A surname alone
/// ("Senator Campbell") where the corpus names several people of that
/// surname is the one of them who holds the draft's post, when only one
/// does (the senator, not the chief executive); when none or several do,
/// nobody can say which: `None`. Whether the post picked the person out.
fn statements_of_person(
    draft: &Claim,
    post: &str,
    everyone: Vec<Arc<Statement>>,
) -> Option<(Vec<Arc<Statement>>, bool)> {
    let known: Vec<Arc<Statement>> = everyone
        .into_iter()
        .filter(|s| same_person(draft, &s.claim))
        .collect();
    let names: BTreeSet<String> = known.iter().filter_map(|s| given_name(&s.claim)).collect();
    if given_name(draft).is_some() || names.len() <= 1 {
        return Some((known, false));
    }
    let holders: BTreeSet<String> = known
        .iter()
        .filter(|s| post_of(s).is_some_and(|(p, _)| roles_compatible(p, post)))
        .filter_map(|s| given_name(&s.claim))
        .collect();
    let [holder] = Vec::from_iter(holders).try_into().ok()?;
    Some((
        known
            .into_iter()
            .filter(|s| given_name(&s.claim).is_none_or(|name| name == holder))
            .collect(),
        true,
    ))
}

/// The corpus title in the draft's capitalisation: "Defence Minister" for a
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
            .map(capitalise)
            .collect::<Vec<_>>()
            .join(" ")
    } else if written.chars().next().is_some_and(char::is_lowercase) {
        corpus.to_lowercase()
    } else {
        corpus.to_string()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::claims::tests::report_against;
    use crate::corpus::{Article, Corpus};
    use crate::rules::RuleSet;
    use std::path::PathBuf;

    fn warnings(corpus: &[&str], draft: &str) -> Vec<String> {
        let articles = corpus
            .iter()
            .enumerate()
            .map(|(i, t)| Article::new(PathBuf::from(format!("c/{i}.md")), t.to_string()))
            .collect();
        report_against(Corpus::new(articles), RuleSet::defaults(), draft)
            .findings
            .into_iter()
            .filter(|f| f.severity == Severity::Warning)
            .map(|f| draft[f.range].to_string())
            .collect()
    }

    #[test]
    fn a_surname_alone_is_the_one_of_its_people_who_holds_the_post() {
        let corpus = [
            "Senator Ian Halloran backed the water plan in Harbourton.",
            "Senator Ian Halloran said the water plan would pass.",
            "Chief Executive Greg Halloran said the port would grow.",
        ];
        assert_eq!(
            warnings(&corpus, "Former Senator Halloran spoke in Harbourton."),
            vec!["Former".to_string()]
        );
        // One article is too little to pick the person by the post.
        assert!(warnings(&corpus[1..], "Former Senator Halloran spoke.").is_empty());
        // Nobody of the name holds the post: nobody can say which.
        assert!(warnings(&corpus, "Former Governor Halloran spoke.").is_empty());
    }
}
