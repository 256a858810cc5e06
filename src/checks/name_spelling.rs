//! `name-spelling`: names spelled against house rules. Every listed variant
//! is flagged with the canonical form as its fix, possessives kept.

use std::sync::Arc;

use regex::Regex;

use super::{Check, CheckContext};
use crate::corpus::Corpus;
use crate::document::Document;
use crate::finding::{Finding, Report, Severity};
use crate::rules::{NameRule, RuleSet};

pub const CODE: &str = "name-spelling";

pub struct NameSpelling {
    rules: Arc<RuleSet>,
    corpus: Arc<Corpus>,
    /// One alternation of every variant of every rule, so a document is
    /// scanned once however many rules there are.
    variants: Option<Regex>,
    /// For each capture group of `variants`, the index of its rule.
    group_rule: Vec<usize>,
}

impl NameSpelling {
    pub fn new(context: &CheckContext) -> Self {
        let mut alternatives = Vec::new();
        let mut group_rule = Vec::new();
        for (index, rule) in context.rules.names.iter().enumerate() {
            for variant in &rule.variants {
                alternatives.push(format!("({})", variant_pattern(variant)));
                group_rule.push(index);
            }
        }
        // Word boundaries on both sides: "Kiev" must not match inside "Kievan".
        let pattern = format!(r"\b(?:{})\b", alternatives.join("|"));
        let variants = (!alternatives.is_empty())
            .then(|| Regex::new(&pattern).ok())
            .flatten();
        NameSpelling {
            rules: context.rules.clone(),
            corpus: context.corpus.clone(),
            variants,
            group_rule,
        }
    }

    fn finding_for(
        &self,
        rule: &NameRule,
        variant: &str,
        range: std::ops::Range<usize>,
    ) -> Finding {
        let severity = rule.severity.unwrap_or(Severity::Warning);
        let template = rule
            .message
            .as_deref()
            .unwrap_or("‘{variant}’: house style spells this {kind} ‘{canonical}’");
        let mut message = template
            .replace("{variant}", variant)
            .replace("{canonical}", &rule.canonical)
            .replace("{kind}", rule.kind.as_str());
        let corpus_use = self.corpus.names().get(&rule.canonical);
        if let Some(stats) = corpus_use {
            message.push_str(&format!(
                " (the reference corpus has ‘{}’ {} in {})",
                rule.canonical,
                plural(stats.mentions, "time"),
                plural(stats.articles, "article")
            ));
        }
        let mut finding = Finding::new(CODE, severity, range, message)
            .with_suggestion(rule.canonical.clone())
            .with_rule(rule.id.clone())
            .with_related(rule.origin.evidence(format!("house rule `{}`", rule.id)));
        if let Some(stats) = corpus_use {
            let first = stats.samples.first().copied();
            if let Some(evidence) = first.and_then(|loc| {
                self.corpus
                    .evidence(loc, format!("the corpus spells it ‘{}’", rule.canonical))
            }) {
                finding = finding.with_related(evidence);
            }
        }
        finding
    }
}

/// A variant as a regex: literal text, any run of whitespace between words
/// (a line may wrap inside a name).
fn variant_pattern(variant: &str) -> String {
    variant
        .split_whitespace()
        .map(regex::escape)
        .collect::<Vec<_>>()
        .join(r"\s+")
}

pub(crate) fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

impl Check for NameSpelling {
    fn codes(&self) -> &'static [&'static str] {
        &[CODE]
    }

    fn run(&self, doc: &Document, report: &mut Report) {
        let Some(variants) = &self.variants else {
            return;
        };
        let prose = doc.prose();
        for block in doc.blocks() {
            let Some(text) = prose.get(block.range.clone()) else {
                continue;
            };
            for captures in variants.captures_iter(text) {
                let Some((group, found)) = captures
                    .iter()
                    .skip(1)
                    .enumerate()
                    .find_map(|(g, m)| m.map(|m| (g, m)))
                else {
                    continue;
                };
                let Some(rule) = self
                    .group_rule
                    .get(group)
                    .and_then(|&r| self.rules.names.get(r))
                else {
                    continue;
                };
                let range = block.range.start + found.start()..block.range.start + found.end();
                let mut finding = self.finding_for(rule, found.as_str(), range.clone());
                // Markup inside the match ("Aleksandr **Syrsky**") would be
                // lost by a plain replacement, so offer none there.
                if doc.source().get(range) != Some(found.as_str()) {
                    finding.suggestions.clear();
                }
                report.findings.push(finding);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Article;
    use crate::rules::RuleSet;
    use std::path::PathBuf;

    fn check(corpus: Corpus) -> NameSpelling {
        NameSpelling::new(&CheckContext {
            rules: Arc::new(RuleSet::defaults()),
            corpus: Arc::new(corpus),
        })
    }

    fn lint(check: &NameSpelling, text: &str) -> Vec<Finding> {
        let mut report = Report::default();
        check.run(&Document::markdown(text), &mut report);
        report.findings
    }

    #[test]
    fn every_listed_variant_is_flagged_with_the_canonical_fix() {
        let text =
            "Talks in Kiev resumed. Kiev's mayor and officials from Odessa and Kharkov joined.";
        let findings = lint(&check(Corpus::empty()), text);
        let flagged: Vec<&str> = findings.iter().map(|f| &text[f.range.clone()]).collect();
        assert_eq!(flagged, vec!["Kiev", "Kiev", "Odessa", "Kharkov"]);
        assert_eq!(findings[1].suggestions, vec!["Kyiv".to_string()]);
        assert_eq!(findings[0].rule_id.as_deref(), Some("place.kyiv"));
        assert_eq!(findings[0].severity, Severity::Warning);
    }

    #[test]
    fn variants_inside_longer_words_are_not_flagged() {
        assert!(lint(&check(Corpus::empty()), "The Kievan Rus and Odessan poets.").is_empty());
    }

    #[test]
    fn evidence_names_the_rule_and_the_corpus_count() {
        let corpus = Corpus::new(vec![
            Article::new(
                PathBuf::from("c/a.md"),
                "Officials in Kyiv said so. Kyiv agreed.".into(),
            ),
            Article::new(PathBuf::from("c/b.md"), "Kyiv waited.".into()),
        ]);
        let findings = lint(&check(corpus), "A delegation from Kiev arrived.");
        assert_eq!(findings.len(), 1);
        assert!(
            findings[0].message.contains("3 times in 2 articles"),
            "{}",
            findings[0].message
        );
        assert_eq!(findings[0].related.len(), 2);
        assert_eq!(findings[0].related[1].path, PathBuf::from("c/a.md"));
    }
}
