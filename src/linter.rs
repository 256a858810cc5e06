//! The linter: runs the enabled checks over a document and applies the
//! per-code settings and inline suppressions.

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::checks::{Check, CheckContext, build_checks};
use crate::corpus::Corpus;
use crate::corpus::remote::{Answer, MAX_ROUNDS, Question, RemoteCorpus};
use crate::document::Document;
use crate::finding::{Code, Report, Severity};
use crate::rules::RuleSet;

/// Per-code settings from `copydesk.toml` or the editor.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CodeSettings {
    pub enabled: Option<bool>,
    pub severity: Option<Severity>,
}

/// Settings for every code, keyed by code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LintSettings {
    pub codes: HashMap<Code, CodeSettings>,
}

impl LintSettings {
    pub fn is_enabled(&self, code: Code) -> bool {
        self.codes
            .get(&code)
            .and_then(|c| c.enabled)
            .unwrap_or(true)
    }

    /// The severity a finding of `code` is reported at. A configured severity
    /// replaces warnings and errors; notes a check reports at info or hint
    /// level (a divided corpus, a scare quote) keep their level.
    pub fn severity_for(&self, code: Code, reported: Severity) -> Severity {
        match self.codes.get(&code).and_then(|c| c.severity) {
            Some(configured) if reported >= Severity::Warning => configured,
            _ => reported,
        }
    }
}

/// Rules, corpus and settings, with every check built once.
pub struct Linter {
    rules: Arc<RuleSet>,
    corpus: Arc<Corpus>,
    settings: LintSettings,
    checks: Vec<Box<dyn Check>>,
}

impl Linter {
    pub fn new(rules: Arc<RuleSet>, corpus: Arc<Corpus>, settings: LintSettings) -> Linter {
        let context = CheckContext {
            rules: rules.clone(),
            corpus: corpus.clone(),
        };
        let checks = build_checks(&context, |code| settings.is_enabled(code));
        Linter {
            rules,
            corpus,
            settings,
            checks,
        }
    }

    pub fn rules(&self) -> &Arc<RuleSet> {
        &self.rules
    }

    pub fn corpus(&self) -> &Arc<Corpus> {
        &self.corpus
    }

    pub fn settings(&self) -> &LintSettings {
        &self.settings
    }

    /// Analyse `doc` against a corpus answered in rounds: lint, have
    /// `answer` fetch what the run asked of `remote`, and lint again until
    /// a run asks nothing new (or [`MAX_ROUNDS`] have passed). Lint one
    /// document at a time this way: the questions are the corpus's, not
    /// the document's.
    pub fn lint_in_rounds(
        &self,
        doc: &Document,
        remote: &RemoteCorpus,
        answer: impl Fn(Vec<Question>) -> Result<Vec<(Question, Answer)>, String>,
    ) -> Result<Report, String> {
        for _ in 0..MAX_ROUNDS {
            let report = self.lint(doc);
            let questions = remote.take_questions();
            if questions.is_empty() {
                return Ok(report);
            }
            remote.supply(answer(questions)?);
        }
        Ok(self.lint(doc))
    }

    /// Analyse `doc`: findings sorted by position, each within the source.
    pub fn lint(&self, doc: &Document) -> Report {
        // The checks are independent: run them side by side.
        let reports: Vec<Report> = self
            .checks
            .par_iter()
            .map(|check| {
                let mut report = Report::default();
                if !doc.is_cancelled() {
                    check.run(doc, &mut report);
                }
                report
            })
            .collect();
        let mut report = Report::default();
        for part in reports {
            report.findings.extend(part.findings);
            report.annotations.extend(part.annotations);
        }
        let suppressions = doc.suppressions();
        let lines = doc.line_index();
        let source_len = doc.source().len();
        report.findings.retain(|f| {
            f.range.start <= f.range.end
                && f.range.end <= source_len
                && self.settings.is_enabled(f.code)
                && !suppressions.is_suppressed(f.code.as_str(), lines.line_of(f.range.start))
        });
        for finding in &mut report.findings {
            finding.severity = self.settings.severity_for(finding.code, finding.severity);
        }
        report.sort();
        report
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn linter(settings: LintSettings) -> Linter {
        Linter::new(
            Arc::new(RuleSet::defaults()),
            Arc::new(Corpus::empty()),
            settings,
        )
    }

    #[test]
    fn findings_come_sorted_by_position() {
        let report = linter(LintSettings::default())
            .lint(&Document::plain("Odessa, then Kiev, then Kharkov."));
        let starts: Vec<usize> = report.findings.iter().map(|f| f.range.start).collect();
        assert_eq!(starts, vec![0, 13, 24]);
    }

    #[test]
    fn a_disabled_code_reports_nothing_and_severity_can_be_raised() {
        let mut settings = LintSettings::default();
        settings.codes.insert(
            Code::NameSpelling,
            CodeSettings {
                enabled: Some(false),
                severity: None,
            },
        );
        assert!(
            linter(settings)
                .lint(&Document::plain("Kiev"))
                .findings
                .is_empty()
        );

        let mut settings = LintSettings::default();
        settings.codes.insert(
            Code::NameSpelling,
            CodeSettings {
                enabled: None,
                severity: Some(Severity::Error),
            },
        );
        let report = linter(settings).lint(&Document::plain("Kiev"));
        assert_eq!(report.findings[0].severity, Severity::Error);
    }

    #[test]
    fn configured_severity_leaves_notes_at_their_level() {
        let mut settings = LintSettings::default();
        settings.codes.insert(
            Code::ClaimConflict,
            CodeSettings {
                enabled: None,
                severity: Some(Severity::Error),
            },
        );
        assert_eq!(
            settings.severity_for(Code::ClaimConflict, Severity::Info),
            Severity::Info
        );
        assert_eq!(
            settings.severity_for(Code::ClaimConflict, Severity::Warning),
            Severity::Error
        );
        assert_eq!(
            settings.severity_for(Code::Misquote, Severity::Warning),
            Severity::Warning
        );
    }
}
