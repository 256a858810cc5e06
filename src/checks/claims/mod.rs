//! `claim-conflict`: claims the reference corpus contradicts. Each draft
//! claim is a record (subject, attribute, value, qualifiers, time); the
//! corpus is asked for the claims of the same attribute about the same
//! names, and only those that state the same fact (`same_fact`) at a time
//! they can be compared (`time`) are weighed (`values`, `titles`). One
//! corpus article that states the fact is enough for a warning; a corpus
//! that disagrees with itself gives an info note or nothing. Pinned facts
//! in the rules override the corpus.
//!
//! Owns the check's alignment of draft and corpus claims and the weighing
//! of evidence; may import `corpus`, `text`, `lang`, `rules`, `document`, `finding`.

mod calendar;
mod describe;
mod pinned;
mod same_fact;
mod similarity;
mod subject;
mod time;
mod titles;
mod values;

use std::collections::{BTreeSet, HashSet};
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use super::{Check, CheckContext};
use crate::corpus::{Corpus, Location, Statement};
use crate::document::Document;
use crate::finding::{Annotation, Code, Evidence, Finding, Report};
use crate::lang::calendar::{Day, month_name};
use crate::rules::RuleSet;
use crate::text::claims::{Claim, FAR, Value, content_words, document_claims};
use time::Dates;

/// The check as the registry knows it.
pub const CHECK: crate::checks::Registered = crate::checks::Registered {
    codes: &[Code::ClaimConflict],
    build: |context| Box::new(ClaimCheck::new(context)),
};

pub(crate) const CODE: Code = Code::ClaimConflict;

/// The names a draft claim asks the corpus about: its nearest.
const ASKED_ENTITIES: usize = crate::corpus::KEYED_ENTITIES;

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

    /// The corpus claims of the draft claim's attribute about its names.
    fn about(&self, claim: &Claim) -> Vec<Arc<Statement>> {
        let names: Vec<&str> = claim
            .subject
            .entities
            .iter()
            .filter(|(_, distance)| *distance != FAR)
            .take(ASKED_ENTITIES)
            .map(|(name, _)| name.as_str())
            .collect();
        if names.is_empty() {
            return Vec::new();
        }
        self.corpus.statements().about(&claim.attribute, &names)
    }

    /// The dates of the draft's article and a corpus statement's.
    fn dates(&self, doc: &Document, statement: &Statement) -> Dates {
        Dates {
            draft: doc.dateline(),
            corpus: self.corpus.dateline(statement.location),
            snapshot_days: self.rules.thresholds.claims.max_days_apart,
        }
    }

    /// Evidence pointing at the sentences of the statements, one per
    /// article, at most `limit`, each quoting the corpus's own wording of
    /// the value ("19 points", not the draft's "19 items"). A weekday
    /// written with its date ("Sunday, 23 November") pins the event best,
    /// so it comes first.
    fn evidence(&self, statements: &[Arc<Statement>], limit: usize) -> Vec<Evidence> {
        let mut strongest: Vec<&Arc<Statement>> = statements.iter().collect();
        // A day with its date first ("Sunday, 23 November"), then the
        // newest: the latest word on a fact is the one a desk checks.
        strongest.sort_by_key(|s| {
            (
                s.claim.time.paired_date.is_none(),
                std::cmp::Reverse(self.corpus.dateline(s.location)),
            )
        });
        let mut seen = BTreeSet::new();
        strongest.retain(|s| seen.insert(s.location.article));
        strongest
            .into_iter()
            .take(limit)
            .filter_map(|s| {
                let article = self.corpus.article(s.location)?;
                let said = article
                    .document()
                    .prose()
                    .get(s.claim.phrase.clone())?
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                let source = article
                    .meta
                    .source
                    .as_deref()
                    .map(|src| format!(" ({src})"))
                    .unwrap_or_default();
                let dated = dated_note(&self.corpus, s.location);
                self.corpus.evidence(
                    s.sentence,
                    format!("the corpus says “{said}”{source}{dated}"),
                )
            })
            .collect()
    }
}

impl Check for ClaimCheck {
    fn run(&self, doc: &Document, report: &mut Report) {
        let prose = doc.prose();
        let paragraphs = values::ParagraphWords::default();
        let rarity = similarity::Rarity::new(self.corpus.statements());
        let first_finding = report.findings.len();
        let mut value_warnings: Vec<(usize, Location, Value)> = Vec::new();
        for (sentence, found) in document_claims(doc) {
            if doc.is_cancelled() {
                return;
            }
            let sentence_start = sentence.start;
            let sentence = prose.get(sentence).unwrap_or("");
            let sentence_words = content_words(sentence);
            let context = values::ClaimContext {
                sentence: similarity::SentenceTerms::new(sentence),
                sentence_start,
                paragraphs: &paragraphs,
                rarity: &rarity,
            };
            for claim in &found {
                if let Some(verdict) = pinned::check(self, doc, claim, &sentence_words) {
                    report.findings.extend(verdict);
                    continue;
                }
                let outcome = match &claim.value {
                    Value::Title { .. } => titles::check(self, doc, claim),
                    _ => calendar::check(self, doc, claim)
                        .unwrap_or_else(|| values::check(self, doc, claim, &context)),
                };
                if let (Some(basis), Some(_)) = (outcome.basis, &outcome.finding) {
                    value_warnings.push((report.findings.len(), basis, claim.value.clone()));
                }
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
        let dropped = scattered(&value_warnings);
        let mut index = first_finding;
        report.findings.retain(|_| {
            index += 1;
            !dropped.contains(&(index - 1))
        });
    }
}

/// What comparing one claim produced.
#[derive(Default)]
struct Outcome {
    finding: Option<Finding>,
    hover: Option<String>,
    /// The corpus figure a value warning rests on.
    basis: Option<Location>,
}

/// Warnings of one draft that hold two different draft figures against
/// the same corpus figure: the draft is about several figures (a running
/// tally, a list of results), and the corpus sentence matches none of
/// them in particular. Their indexes.
fn scattered(warnings: &[(usize, Location, Value)]) -> BTreeSet<usize> {
    let mut dropped = BTreeSet::new();
    for (i, basis, value) in warnings {
        if warnings
            .iter()
            .any(|(j, other, v)| j != i && other == basis && v != value)
        {
            dropped.insert(*i);
        }
    }
    dropped
}

/// Articles behind a set of statements.
fn article_count(statements: &[Arc<Statement>]) -> usize {
    statements
        .iter()
        .map(|s| s.location.article)
        .collect::<BTreeSet<_>>()
        .len()
}

/// Whether at least `wanted` independent sources stand behind a set of
/// statements: articles, except that an article giving the value only in
/// sentences already seen elsewhere (one wire story run by two outlets)
/// adds nothing.
fn has_sources(corpus: &Corpus, statements: &[Arc<Statement>], wanted: usize) -> bool {
    if article_count(statements) < wanted {
        return false;
    }
    let mut seen_sentences = HashSet::new();
    let mut sources = BTreeSet::new();
    for s in statements {
        let Some(sentence) = corpus
            .article(s.sentence)
            .and_then(|a| a.document().prose().get(s.sentence.range()))
        else {
            continue;
        };
        // The sentence's words, hashed: line breaks and spacing aside, the same text.
        let mut hasher = std::hash::DefaultHasher::new();
        for word in sentence.split_whitespace() {
            word.hash(&mut hasher);
        }
        if seen_sentences.insert(hasher.finish()) {
            sources.insert(s.location.article);
            if sources.len() >= wanted {
                return true;
            }
        }
    }
    false
}

fn articles(n: usize) -> String {
    super::plural(n, "article")
}

/// "3 March 2016".
fn date_text(day: Day) -> String {
    let (year, month, day) = crate::lang::calendar::civil_from_days(day);
    format!("{day} {} {year}", month_name(month))
}

/// ", 2 June 2025" after a cited article: its date, said to be its file's
/// when nothing else dates it.
fn dated_note(corpus: &Corpus, location: Location) -> String {
    let Some(day) = corpus.dateline(location) else {
        return String::new();
    };
    let by_file = corpus
        .article(location)
        .is_some_and(|article| article.dated_by_modification());
    match by_file {
        true => format!(", {} (file date)", date_text(day)),
        false => format!(", {}", date_text(day)),
    }
}

/// Hover text listing the corpus statements that support a claim.
fn support_hover(corpus: &Corpus, what: &str, support: &[Arc<Statement>]) -> Option<String> {
    let lines: Vec<String> = support
        .iter()
        .take(3)
        .filter_map(|s| {
            let article = corpus.article(s.sentence)?;
            let sentence = article.document().prose().get(s.sentence.range())?;
            let line = article.document().line_col(s.sentence.start as usize).line;
            let dated = dated_note(corpus, s.location);
            Some(format!(
                "- {} (`{}:{line}`{dated})",
                sentence.split_whitespace().collect::<Vec<_>>().join(" "),
                article.path.display()
            ))
        })
        .collect();
    (!lines.is_empty()).then(|| {
        format!(
            "**{what}**: supported by {} in the reference corpus\n\n{}",
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
            "Officials said the revised US peace plan for Ukraine now has 19 points. The Geneva talks on Sunday, 23 November, lasted more than four hours.",
            "The original US peace plan for Ukraine had 28 points when it reached Kyiv on Thursday. Chancellor Friedrich Merz said Europe would help.",
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
        report(rules, text)
            .findings
            .into_iter()
            .map(|f| (text[f.range].to_string(), f.suggestions, f.severity))
            .collect()
    }

    fn report(rules: RuleSet, text: &str) -> Report {
        report_against(corpus(), rules, text)
    }

    /// The check's report on a Markdown draft against `corpus`.
    pub(crate) fn report_against(corpus: Corpus, rules: RuleSet, text: &str) -> Report {
        let check = ClaimCheck::new(&CheckContext {
            rules: Arc::new(rules),
            corpus: Arc::new(corpus),
        });
        let mut report = Report::default();
        check.run(&Document::markdown(text), &mut report);
        report
    }

    #[test]
    fn several_draft_figures_against_one_corpus_figure_are_dropped() {
        let at = |start| Location {
            article: 0,
            start,
            end: start + 2,
        };
        let year = |y| Value::Year(y);
        let warnings = vec![
            (0, at(10), year(2008)),
            (1, at(10), year(2012)),
            (2, at(40), year(2016)),
            (3, at(40), year(2016)),
        ];
        assert_eq!(scattered(&warnings), BTreeSet::from([0, 1]));
    }

    #[test]
    fn a_contradicted_count_is_flagged_with_the_corpus_value() {
        let found = lint("After Geneva the revised US peace plan for Ukraine was cut to 20 items.");
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
    fn a_conflict_names_the_subject_and_quotes_the_corpus_wording() {
        let report = report(
            RuleSet::defaults(),
            "After Geneva the revised US peace plan for Ukraine was cut to 20 items.",
        );
        let message = &report.findings[0].message;
        assert!(message.contains("19 points"), "{message}");
        assert!(message.contains("20 items"), "{message}");
        assert!(message.contains("Ukraine"), "{message}");
        assert!(message.contains("number of points"), "{message}");
        assert!(
            message.contains(" article)") || message.contains(" articles)"),
            "the count of articles behind the value: {message}"
        );
    }

    #[test]
    fn supported_paraphrased_and_uncovered_claims_are_silent() {
        assert!(
            lint("The revised US peace plan for Ukraine has nineteen provisions after Geneva.")
                .is_empty()
        );
        assert!(
            lint("The original US peace plan for Ukraine had 28 points when it reached Kyiv.")
                .is_empty()
        );
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
    fn a_wrong_weekday_and_title_are_flagged() {
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
        // Every corpus article calls Merz the sitting chancellor.
        let found = lint("Former Chancellor Friedrich Merz said Europe would help.");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "Former");
        assert_eq!(found[0].2, crate::finding::Severity::Warning);
    }
}
