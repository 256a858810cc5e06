//! House rules: every listed variant is flagged with the canonical form as
//! its fix. The variant is matched exactly, so possessives keep their `'s`.

use std::collections::HashSet;
use std::ops::Range;

use regex::Regex;

use super::{CODE, Sources, plural};
use crate::document::Document;
use crate::finding::{Finding, Severity};
use crate::rules::{NameRule, RuleSet};

pub(super) struct HouseSpellings {
    /// One alternation of every variant of every rule, so a document is
    /// scanned once however many rules there are.
    variants: Option<Regex>,
    /// For each capture group of `variants`, the index of its rule.
    group_rule: Vec<usize>,
    /// Every word of every canonical form and variant: the corpus and the
    /// draft do not second-guess a spelling the house has ruled on.
    ruled_words: HashSet<String>,
}

impl HouseSpellings {
    pub(super) fn new(rules: &RuleSet) -> Self {
        let mut alternatives = Vec::new();
        let mut group_rule = Vec::new();
        let mut ruled_words = HashSet::new();
        for (index, rule) in rules.names.iter().enumerate() {
            for variant in &rule.variants {
                alternatives.push(format!("({})", variant_pattern(variant)));
                group_rule.push(index);
            }
            for spelling in rule.variants.iter().chain([&rule.canonical]) {
                ruled_words.extend(spelling.split_whitespace().map(str::to_string));
            }
        }
        // Word boundaries on both sides: "Kiev" must not match inside "Kievan".
        let pattern = format!(r"\b(?:{})\b", alternatives.join("|"));
        let variants = (!alternatives.is_empty())
            .then(|| Regex::new(&pattern).ok())
            .flatten();
        HouseSpellings {
            variants,
            group_rule,
            ruled_words,
        }
    }

    /// Whether a house rule names this word, as canonical or variant.
    pub(super) fn rules_on(&self, word: &str) -> bool {
        self.ruled_words.contains(word)
    }

    pub(super) fn findings(&self, sources: &Sources, doc: &Document) -> Vec<Finding> {
        let Some(variants) = &self.variants else {
            return Vec::new();
        };
        let prose = doc.prose();
        let mut findings = Vec::new();
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
                    .and_then(|&r| sources.rules.names.get(r))
                else {
                    continue;
                };
                let range = block.range.start + found.start()..block.range.start + found.end();
                let mut finding = finding_for(sources, rule, found.as_str(), range.clone());
                // Markup inside the match ("Aleksandr **Syrsky**") would be
                // lost by a plain replacement, so offer none there.
                if doc.source().get(range) != Some(found.as_str()) {
                    finding.suggestions.clear();
                }
                findings.push(finding);
            }
        }
        findings
    }
}

fn finding_for(sources: &Sources, rule: &NameRule, variant: &str, range: Range<usize>) -> Finding {
    let severity = rule.severity.unwrap_or(Severity::Warning);
    let template = rule
        .message
        .as_deref()
        .unwrap_or("‘{variant}’: house style spells this {kind} ‘{canonical}’");
    let mut message = template
        .replace("{variant}", variant)
        .replace("{canonical}", &rule.canonical)
        .replace("{kind}", rule.kind.as_str());
    let corpus_use = sources.corpus.names().get(&rule.canonical);
    if let Some(stats) = &corpus_use {
        message.push_str(&format!(
            " (the reference corpus has ‘{}’ {} in {})",
            rule.canonical,
            plural(stats.mentions, "time"),
            plural(stats.articles, "article")
        ));
    }
    let mut finding = Finding::new(CODE, severity, range, message)
        .with_suggestion(rule.canonical.clone())
        .with_safe_fix()
        .with_rule(rule.id.clone())
        .with_related(rule.origin.evidence(format!("house rule `{}`", rule.id)));
    let first_use = corpus_use.and_then(|stats| stats.samples.first().copied());
    if let Some(evidence) = first_use.and_then(|loc| {
        sources
            .corpus
            .evidence(loc, format!("the corpus spells it ‘{}’", rule.canonical))
    }) {
        finding = finding.with_related(evidence);
    }
    finding
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

#[cfg(test)]
mod tests {
    use super::super::tests::{check, lint};
    use crate::corpus::{Article, Corpus};
    use crate::finding::Severity;
    use std::path::PathBuf;

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
    fn emphasis_around_a_variant_keeps_the_fix_and_split_words_do_not_match() {
        let findings = lint(&check(Corpus::empty()), "Talks in *Kiev* and Ki**ev**.");
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].suggestions, vec!["Kyiv".to_string()]);
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
