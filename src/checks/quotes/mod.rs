//! The quote checks. `unattributed-quote`: a quotation no cue or news
//! convention ties to a speaker. `scare-quote`: a short quoted phrase with no
//! speaker (a hint, never a warning). `unbalanced-quote`: an opening mark
//! never closed, or closed only after the tag that should follow it.
//! `misquote` and `misattributed-quote`: a quotation the
//! reference corpus has in other words, or from another speaker.
//!
//! Owns the quote findings and the comparison with corpus quotations; may
//! import `corpus`, `text`, `lang`, `rules`, `document`, `finding`.

mod against_corpus;

use std::sync::Arc;

use super::{Check, CheckContext};
use crate::corpus::Corpus;
use crate::document::Document;
use crate::finding::{Annotation, Code, Finding, Report, Severity};
use crate::rules::RuleSet;
use crate::text::attribution::{Cues, Link, QuoteRecord, attribute};
use crate::text::quotes::{closing_mark, find_quotations, is_alone_in_paragraph, word_count};

/// The check as the registry knows it.
pub const CHECK: crate::checks::Registered = crate::checks::Registered {
    codes: &[UNATTRIBUTED, SCARE, UNBALANCED, MISQUOTE, MISATTRIBUTED],
    build: |context| Box::new(QuoteCheck::new(context)),
};

const UNATTRIBUTED: Code = Code::UnattributedQuote;
const SCARE: Code = Code::ScareQuote;
const UNBALANCED: Code = Code::UnbalancedQuote;
pub(crate) const MISQUOTE: Code = Code::Misquote;
pub(crate) const MISATTRIBUTED: Code = Code::MisattributedQuote;

pub struct QuoteCheck {
    rules: Arc<RuleSet>,
    corpus: Arc<Corpus>,
    cues: Cues,
    /// Speakers of corpus quotations, found when first needed.
    corpus_speakers: against_corpus::CorpusSpeakers,
}

impl QuoteCheck {
    pub fn new(context: &CheckContext) -> Self {
        let cues = Cues::new(&context.rules.quotes);
        QuoteCheck {
            corpus_speakers: against_corpus::CorpusSpeakers::default(),
            cues,
            rules: context.rules.clone(),
            corpus: context.corpus.clone(),
        }
    }

    fn speaker_finding(&self, doc: &Document, record: &QuoteRecord) -> Option<Finding> {
        if record.is_attributed() || record.is_title {
            return None;
        }
        let policy = &self.rules.quotes;
        let quotation = &record.quotation;
        let words = word_count(doc.prose().get(quotation.inner.clone()).unwrap_or(""));
        if words == 0 {
            return None;
        }
        if words <= policy.scare_quote_max_words {
            // A paragraph of its own ("No!" from the crowd) is an
            // interjection: speech, but too short to be worth a speaker.
            if is_alone_in_paragraph(doc, quotation) {
                return None;
            }
            let message = "Short quoted phrase with no speaker: a scare quote? Attribute it or drop the quotation marks";
            return Some(Finding::new(
                SCARE,
                policy.scare_quote_severity,
                quotation.range.clone(),
                message,
            ));
        }
        // Headlines drop attribution by convention; the body must carry it.
        if record.in_heading {
            return None;
        }
        let message = policy
            .message
            .clone()
            .unwrap_or_else(|| "Quotation with no attributed speaker".to_string());
        let message = match &record.speaker {
            Some(pronoun) if record.dangling_pronoun => format!(
                "{message}: “{}” refers to nobody named before it; name the speaker",
                pronoun.text
            ),
            _ => format!(
                "{message}: no cue such as “said” or “according to” ties it to a person or body"
            ),
        };
        Some(Finding::new(
            UNATTRIBUTED,
            policy.severity.unwrap_or(Severity::Warning),
            quotation.range.clone(),
            message,
        ))
    }
}

/// "“Absent a force on the ground, he added, “this …”": the tag stands
/// inside the marks. The fix closes the quotation after the comma before
/// the tag, with the mark that opened it.
fn tag_inside_finding(doc: &Document, record: &QuoteRecord) -> Option<Finding> {
    let Some(Link::TagInside(tag)) = &record.link else {
        return None;
    };
    let prose = doc.prose();
    let written = prose.get(tag.clone())?;
    let words = written.trim_start_matches(',').trim();
    let open = prose.get(record.quotation.range.clone())?.chars().next()?;
    let close = closing_mark(open);
    let message = format!(
        "The tag ‘{words}’ stands inside the quotation marks: the closing mark before it is missing"
    );
    let fixed = format!(",{close}{}", &written[1..]);
    Some(Finding::new(UNBALANCED, Severity::Warning, tag.clone(), message).with_suggestion(fixed))
}

impl Check for QuoteCheck {
    fn run(&self, doc: &Document, report: &mut Report) {
        let scan = find_quotations(doc);
        for mark in &scan.unbalanced {
            let message = "Opening quotation mark with no closing mark";
            report.findings.push(Finding::new(
                UNBALANCED,
                Severity::Warning,
                mark.clone(),
                message,
            ));
        }
        let records = attribute(
            doc,
            &scan,
            &self.cues,
            self.rules.quotes.scare_quote_max_words,
        );
        for record in &records {
            report.annotations.push(Annotation {
                range: record.quotation.range.clone(),
                code: UNATTRIBUTED,
                text: record.describe(),
            });
            report.findings.extend(tag_inside_finding(doc, record));
            report.findings.extend(self.speaker_finding(doc, record));
            if !record.in_heading {
                report
                    .findings
                    .extend(against_corpus::compare(self, doc, record));
            }
        }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    pub(crate) fn lint_with(corpus: Corpus, text: &str) -> Report {
        let check = QuoteCheck::new(&CheckContext {
            rules: Arc::new(RuleSet::defaults()),
            corpus: Arc::new(corpus),
        });
        let mut report = Report::default();
        check.run(&Document::markdown(text), &mut report);
        report.sort();
        report
    }

    fn codes(text: &str) -> Vec<(&'static str, String)> {
        lint_with(Corpus::empty(), text)
            .findings
            .into_iter()
            .map(|f| (f.code.as_str(), text[f.range].to_string()))
            .collect()
    }

    #[test]
    fn unattributed_scare_and_unbalanced_quotes_are_reported() {
        let text = "The deal collapsed. “Nobody trusts the numbers any more.”\n\nThe so-called “iron budget” passed.\n\nHe wrote: “We are done.\n\nThe end.";
        assert_eq!(
            codes(text),
            vec![
                (
                    UNATTRIBUTED.as_str(),
                    "“Nobody trusts the numbers any more.”".to_string()
                ),
                (SCARE.as_str(), "“iron budget”".to_string()),
                (UNBALANCED.as_str(), "“".to_string()),
            ]
        );
    }

    #[test]
    fn attributed_quotes_are_silent_and_annotated() {
        let report = lint_with(
            Corpus::empty(),
            "“We will stay,” Ruiz said. “We will not be moved by threats.”",
        );
        assert!(report.findings.is_empty(), "{:?}", report.findings);
        assert_eq!(report.annotations.len(), 2);
        assert_eq!(
            report.annotations[0].text,
            "quote attributed to Ruiz (cue: said)"
        );
    }

    #[test]
    fn a_tag_inside_the_marks_is_the_speaker_and_a_missing_close() {
        let text = "Ruiz spoke last. \"Without an army on the ground, he added, \"this is how the militia will be pushed back.\"";
        let report = lint_with(Corpus::empty(), text);
        let found: Vec<_> = report
            .findings
            .iter()
            .map(|f| (f.code, &text[f.range.clone()], f.unambiguous_fix()))
            .collect();
        assert_eq!(
            found,
            vec![(UNBALANCED, ", he added", Some(",\" he added"))]
        );
        assert!(
            report.annotations[0]
                .text
                .contains("tag left inside the marks")
        );
        // A list ending in a comma has no verb of speech: no tag.
        let text = "She named them, \"Dubbo, Orange, Bathurst, Parkes,\" and stopped.";
        assert!(
            codes(text)
                .iter()
                .all(|(code, _)| *code != UNBALANCED.as_str())
        );
    }

    #[test]
    fn scare_quotes_are_hints_never_warnings() {
        let report = lint_with(Corpus::empty(), "The “plan” collapsed again.");
        assert_eq!(report.findings[0].severity, Severity::Hint);
    }

    #[test]
    fn a_short_quote_alone_in_its_paragraph_is_an_interjection() {
        assert_eq!(codes("The crowd was loud.\n\n“No!”\n\nThe end."), vec![]);
    }

    #[test]
    fn headline_quotes_are_never_warnings() {
        assert!(
            codes("# “We Will Not Give Up Our Land” Rally Draws Thousands\n\nBody.").is_empty()
        );
    }
}
