//! `claim-conflict`: statements the reference corpus contradicts. Each draft
//! sentence's quantities, weekdays, dates and roles are compared with the
//! corpus statements of the same measure about the same thing (ranked by
//! shared content words); a conflict is reported only when the best
//! matches agree among themselves and not with the draft. Pinned facts in
//! the rules override the corpus.
//!
//! Owns the check's alignment of draft and corpus statements and the weighing
//! of evidence; may import `corpus`, `text`, `lang`, `rules`, `document`, `finding`.

mod calendar;
mod pinned;
mod roles;
mod values;

use std::collections::{BTreeSet, HashSet};
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use super::{Check, CheckContext};
use crate::corpus::{Corpus, Scored};
use crate::document::Document;
use crate::finding::{Annotation, Code, Evidence, Finding, Report};
use crate::rules::RuleSet;
use crate::text::claims::{
    Change, Claim, ClaimValue, claim_context, context_words, document_claims,
};

/// The check as the registry knows it.
pub const CHECK: crate::checks::Registered = crate::checks::Registered {
    codes: &[Code::ClaimConflict],
    build: |context| Box::new(ClaimCheck::new(context)),
};

pub(crate) const CODE: Code = Code::ClaimConflict;

/// How much of a draft sentence's content a corpus sentence must share to be
/// about the same thing.
pub(super) const MIN_SCORE: f64 = 0.15;
/// Shared content words needed as well, so one rare word is not enough.
const MIN_SHARED_WORDS: usize = 2;
/// Corpus statements within this share of the best score count as equally good.
const NEAR_BEST: f64 = 0.8;

pub struct ClaimCheck {
    rules: Arc<RuleSet>,
    corpus: Arc<Corpus>,
}

impl ClaimCheck {
    pub fn new(context: &CheckContext) -> Self {
        ClaimCheck {
            rules: context.rules.clone(),
            corpus: context.corpus.clone(),
        }
    }

    /// Evidence pointing at the sentences of the strongest statements, one
    /// per article, at most `limit`, each quoting the corpus's own wording
    /// of the value ("19 points", not the draft's "19 items"). A weekday
    /// written with its date ("Sunday, 23 November") pins the event best,
    /// so it comes first.
    fn evidence(&self, statements: &[Scored], limit: usize) -> Vec<Evidence> {
        let mut strongest: Vec<&Scored> = statements.iter().collect();
        strongest.sort_by(|a, b| {
            let dated = |s: &Scored| s.statement.claim.paired_date.is_some();
            dated(b).cmp(&dated(a)).then(b.score.total_cmp(&a.score))
        });
        let mut seen = BTreeSet::new();
        strongest.retain(|s| seen.insert(s.statement.location.article));
        strongest
            .into_iter()
            .take(limit)
            .filter_map(|s| {
                let article = self.corpus.article(s.statement.location)?;
                let wording = match &s.statement.claim.value {
                    ClaimValue::Quantity(q) => q.phrase.clone(),
                    _ => s.statement.location.range(),
                };
                let said = article
                    .document()
                    .prose()
                    .get(wording)?
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                let source = article
                    .meta
                    .source
                    .as_deref()
                    .map(|src| format!(" ({src})"))
                    .unwrap_or_default();
                self.corpus.evidence(
                    s.statement.sentence,
                    format!("the corpus says “{said}”{source}"),
                )
            })
            .collect()
    }
}

impl Check for ClaimCheck {
    fn run(&self, doc: &Document, report: &mut Report) {
        let prose = doc.prose();
        let paragraphs = values::ParagraphWords::default();
        for (sentence, found) in document_claims(doc) {
            if doc.is_cancelled() {
                return;
            }
            let sentence_context = context_words(prose.get(sentence).unwrap_or(""));
            for claim in &found {
                // Roles are about the person; values about the words around them.
                let context = match claim.value {
                    ClaimValue::Role { .. } => Vec::new(),
                    _ => claim_context(prose, claim),
                };
                let context = &context;
                if let Some(verdict) = pinned::check(self, doc, claim, &sentence_context) {
                    report.findings.extend(verdict);
                    continue;
                }
                let outcome = match claim.value {
                    ClaimValue::Role { .. } => roles::check(self, doc, claim, context),
                    _ => calendar::check(self, doc, claim)
                        .unwrap_or_else(|| values::check(self, doc, claim, context, &paragraphs)),
                };
                report.findings.extend(outcome.finding);
                if let Some(text) = outcome.hover {
                    report.annotations.push(Annotation {
                        range: claim.range.clone(),
                        code: CODE,
                        text,
                    });
                }
            }
        }
    }
}

/// What comparing one claim produced.
#[derive(Default)]
struct Outcome {
    finding: Option<Finding>,
    hover: Option<String>,
}

/// The statements about the same thing as the draft sentence: above the
/// score floor and near the best. A draft value on one side of a change ("cut to 20") is compared with
/// corpus values on the same side when there are any.
fn relevant(scored: Vec<Scored>, change: Option<Change>) -> Vec<Scored> {
    let strong: Vec<Scored> = scored
        .into_iter()
        .filter(|s| s.score >= MIN_SCORE && s.shared_words >= MIN_SHARED_WORDS)
        .collect();
    let same_side: Vec<Scored> = strong
        .iter()
        .filter(|s| s.statement.claim.change == change)
        .cloned()
        .collect();
    let pool = if change.is_some() && !same_side.is_empty() {
        same_side
    } else {
        strong
    };
    let Some(best) = pool.iter().map(|s| s.score).reduce(f64::max) else {
        return Vec::new();
    };
    pool.into_iter()
        .filter(|s| s.score >= best * NEAR_BEST)
        .collect()
}

/// Articles behind a set of statements.
fn article_count(statements: &[Scored]) -> usize {
    statements
        .iter()
        .map(|s| s.statement.location.article)
        .collect::<BTreeSet<_>>()
        .len()
}

/// Whether at least `wanted` independent sources stand behind a set of
/// statements: articles, except that an article giving the value only in
/// sentences already seen elsewhere (one wire story run by two outlets)
/// adds nothing.
fn has_sources(corpus: &Corpus, statements: &[Scored], wanted: usize) -> bool {
    if article_count(statements) < wanted {
        return false;
    }
    let mut seen_sentences = HashSet::new();
    let mut sources = BTreeSet::new();
    for s in statements {
        let Some(sentence) = corpus
            .article(s.statement.sentence)
            .and_then(|a| a.document().prose().get(s.statement.sentence.range()))
        else {
            continue;
        };
        // The sentence's words, hashed: line breaks and spacing aside, the same text.
        let mut hasher = std::hash::DefaultHasher::new();
        for word in sentence.split_whitespace() {
            word.hash(&mut hasher);
        }
        if seen_sentences.insert(hasher.finish()) {
            sources.insert(s.statement.location.article);
            if sources.len() >= wanted {
                return true;
            }
        }
    }
    false
}

fn articles(n: usize) -> String {
    if n == 1 {
        "1 article".to_string()
    } else {
        format!("{n} articles")
    }
}

/// Hover text listing the corpus statements that support a claim.
fn support_hover(corpus: &Corpus, claim: &Claim, support: &[Scored]) -> Option<String> {
    let lines: Vec<String> = support
        .iter()
        .take(3)
        .filter_map(|s| {
            let article = corpus.article(s.statement.sentence)?;
            let sentence = article
                .document()
                .prose()
                .get(s.statement.sentence.range())?;
            let line = article
                .document()
                .line_col(s.statement.sentence.start as usize)
                .line;
            Some(format!(
                "- {} (`{}:{line}`)",
                sentence.split_whitespace().collect::<Vec<_>>().join(" "),
                article.path.display()
            ))
        })
        .collect();
    (!lines.is_empty()).then(|| {
        format!(
            "**{}**: supported by {} in the reference corpus\n\n{}",
            claim.measure,
            articles(article_count(support)),
            lines.join("\n")
        )
    })
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::corpus::Article;
    use std::path::PathBuf;

    pub(crate) fn corpus() -> Corpus {
        let texts = [
            "The US peace plan for Ukraine was revised to 19 points after the Geneva talks. Defence Minister Denys Shmyhal welcomed it.",
            "Officials said the revised peace plan now has 19 points. The Geneva talks on Sunday, 23 November, lasted more than four hours.",
            "The original peace plan had 28 points when it reached Kyiv on Thursday. Chancellor Friedrich Merz said Europe would help.",
            "The Geneva talks on Sunday ran for more than four hours, officials said. Defence Minister Denys Shmyhal joined by video. Chancellor Friedrich Merz backed the talks.",
        ];
        Corpus::new(
            texts
                .iter()
                .enumerate()
                .map(|(i, t)| Article::new(PathBuf::from(format!("c/{i}.md")), t.to_string()))
                .collect(),
        )
    }

    pub(crate) fn lint(text: &str) -> Vec<(String, Vec<String>, crate::finding::Severity)> {
        lint_with(RuleSet::defaults(), text)
    }

    pub(crate) fn lint_with(
        rules: RuleSet,
        text: &str,
    ) -> Vec<(String, Vec<String>, crate::finding::Severity)> {
        let check = ClaimCheck::new(&CheckContext {
            rules: Arc::new(rules),
            corpus: Arc::new(corpus()),
        });
        let mut report = Report::default();
        check.run(&Document::markdown(text), &mut report);
        report
            .findings
            .into_iter()
            .map(|f| (text[f.range].to_string(), f.suggestions, f.severity))
            .collect()
    }

    #[test]
    fn a_contradicted_count_is_flagged_with_the_corpus_value() {
        let found = lint("After Geneva the revised peace plan was cut to 20 items.");
        assert_eq!(
            found,
            vec![(
                "20".to_string(),
                vec!["19".to_string()],
                crate::finding::Severity::Warning
            )]
        );
    }

    #[test]
    fn a_conflict_quotes_the_corpus_wording_not_the_drafts() {
        let check = ClaimCheck::new(&CheckContext {
            rules: Arc::new(RuleSet::defaults()),
            corpus: Arc::new(corpus()),
        });
        let mut report = Report::default();
        check.run(
            &Document::markdown("After Geneva the revised peace plan was cut to 20 items."),
            &mut report,
        );
        let message = &report.findings[0].message;
        assert!(message.contains("19 points"), "{message}");
        assert!(!message.contains("items"), "{message}");
    }

    #[test]
    fn supported_paraphrased_and_uncovered_claims_are_silent() {
        assert!(lint("The revised peace plan has nineteen provisions after Geneva.").is_empty());
        assert!(lint("The original peace plan had 28 points when it reached Kyiv.").is_empty());
        assert!(lint("The Geneva talks on Sunday lasted nearly five hours.").is_empty());
        assert!(lint("The delegation had 12 members.").is_empty());
    }

    #[test]
    fn another_event_on_another_day_is_not_compared() {
        // "arrived" is not the talks: the corpus's Sunday says nothing of it,
        // and --fix must never have a day to rewrite.
        assert!(lint("Rubio arrived in Geneva on Saturday.").is_empty());
        assert!(lint("The envoy met officials in Kyiv on Tuesday.").is_empty());
    }

    #[test]
    fn a_wrong_weekday_and_role_are_flagged() {
        let found = lint("The Geneva talks on Wednesday lasted more than four hours.");
        assert_eq!(
            found,
            vec![(
                "Wednesday".to_string(),
                vec!["Sunday".to_string()],
                crate::finding::Severity::Warning
            )]
        );
        let found = lint("Foreign Minister Denys Shmyhal welcomed the plan.");
        assert_eq!(
            found,
            vec![(
                "Foreign Minister".to_string(),
                vec!["Defence Minister".to_string()],
                crate::finding::Severity::Warning
            )]
        );
        // Courtesy titles make "former" against a sitting title only a hint.
        let found = lint("Former Chancellor Friedrich Merz said Europe would help.");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "Former");
        assert_eq!(found[0].2, crate::finding::Severity::Info);
    }
}
