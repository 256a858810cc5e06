//! `misquote` and `misattributed-quote`: a draft quotation that the reference
//! corpus has in other words, or from another speaker.

use super::{MISATTRIBUTED, MISQUOTE, QuoteCheck};
use crate::corpus::{CorpusQuote, MIN_QUOTE_WORDS, quote_words};
use crate::document::Document;
use crate::finding::{Finding, Severity};
use crate::text::attribution::{QuoteRecord, Speaker, attribute};
use crate::text::quotes::find_quotations;

/// Above this share of shared words, a quotation with another speaker is the
/// same quotation given to the wrong person rather than a similar remark.
const SAME_QUOTE_OVERLAP: f64 = 0.9;

pub(super) fn compare(check: &QuoteCheck, doc: &Document, record: &QuoteRecord) -> Option<Finding> {
    let inner = record.quotation.inner.clone();
    let words = quote_words(doc.prose().get(inner.clone())?);
    if words.len() < MIN_QUOTE_WORDS {
        return None;
    }
    let (corpus_quote, share) = check.corpus.quotes().closest(&words)?;
    if share < check.rules.thresholds.quotes.misquote_min_overlap {
        return None;
    }
    let corpus_record = corpus_record(check, corpus_quote)?;
    let article = check.corpus.article(corpus_quote.location)?;
    let corpus_text = article
        .document
        .prose()
        .get(corpus_quote.location.range())?
        .to_string();
    let draft_speaker = record.speaker.as_ref().and_then(Speaker::name);
    let corpus_speaker = corpus_record.speaker.as_ref().and_then(Speaker::name);
    let same_speaker = match (draft_speaker, corpus_speaker) {
        (Some(a), Some(b)) => same_person(a, b),
        _ => true, // unknown on either side: do not accuse anyone
    };
    let said_by = corpus_speaker
        .map(|s| format!(" by {s}"))
        .unwrap_or_default();
    if words == corpus_quote.words {
        if same_speaker {
            return None;
        }
        let message = format!(
            "The reference corpus attributes this quotation to {}, not {}",
            corpus_speaker.unwrap_or("another speaker"),
            draft_speaker.unwrap_or("this speaker")
        );
        let finding = Finding::new(
            MISATTRIBUTED,
            Severity::Warning,
            record.quotation.range.clone(),
            message,
        );
        return evidence(
            check,
            finding,
            corpus_quote,
            format!("quoted{said_by} here"),
        );
    }
    if !same_speaker {
        if share >= SAME_QUOTE_OVERLAP {
            let message = format!(
                "A near-identical quotation is attributed to {} in the reference corpus, not {}",
                corpus_speaker.unwrap_or("another speaker"),
                draft_speaker.unwrap_or("this speaker")
            );
            let finding = Finding::new(
                MISATTRIBUTED,
                Severity::Warning,
                record.quotation.range.clone(),
                message,
            );
            return evidence(
                check,
                finding,
                corpus_quote,
                format!("quoted{said_by} here"),
            );
        }
        return None;
    }
    let message = format!(
        "This quotation differs from the reference corpus, where it reads “{corpus_text}”{said_by} ({:.0}% of words shared)",
        share * 100.0
    );
    let finding =
        Finding::new(MISQUOTE, Severity::Warning, inner, message).with_suggestion(corpus_text);
    evidence(
        check,
        finding,
        corpus_quote,
        format!("the corpus wording{said_by}"),
    )
}

fn evidence(
    check: &QuoteCheck,
    finding: Finding,
    quote: &CorpusQuote,
    note: String,
) -> Option<Finding> {
    Some(match check.corpus.evidence(quote.location, note) {
        Some(evidence) => finding.with_related(evidence),
        None => finding,
    })
}

/// The corpus article's own record of the quotation, with its speaker.
fn corpus_record(check: &QuoteCheck, quote: &CorpusQuote) -> Option<QuoteRecord> {
    let doc = &check.corpus.article(quote.location)?.document;
    let scan = find_quotations(doc);
    attribute(
        doc,
        &scan,
        &check.cues,
        check.rules.quotes.scare_quote_max_words,
    )
    .into_iter()
    .find(|r| r.quotation.inner == quote.location.range())
}

/// "Mayor Ana Ruiz", "Ana Ruiz" and "Ruiz" are one person: the last words agree.
fn same_person(a: &str, b: &str) -> bool {
    let surname = |s: &str| {
        s.split_whitespace()
            .last()
            .unwrap_or("")
            .trim_end_matches("’s")
            .trim_end_matches("'s")
            .to_lowercase()
    };
    surname(a) == surname(b)
}

#[cfg(test)]
mod tests {
    use super::super::tests::lint_with;
    use super::*;
    use crate::corpus::{Article, Corpus};
    use std::path::PathBuf;

    fn corpus() -> Corpus {
        Corpus::new(vec![Article::new(
            PathBuf::from("wire/port.md"),
            "The strike went on.\n\n“We will not close the port this winter,” Mayor Ana Ruiz said on Monday.\n".into(),
        )])
    }

    fn findings(text: &str) -> Vec<(&'static str, String, Vec<String>)> {
        lint_with(corpus(), text)
            .findings
            .into_iter()
            .map(|f| (f.code, text[f.range].to_string(), f.suggestions))
            .collect()
    }

    #[test]
    fn changed_wording_is_a_misquote_with_the_corpus_wording() {
        let found = findings("“We will not shut the port this winter,” Ruiz said.");
        assert_eq!(
            found,
            vec![(
                MISQUOTE,
                "We will not shut the port this winter,".into(),
                vec!["We will not close the port this winter,".into()]
            )]
        );
    }

    #[test]
    fn another_speaker_is_a_misattribution_with_evidence() {
        let report = lint_with(
            corpus(),
            "“We will not close the port this winter,” Governor Tom Lee said.",
        );
        assert_eq!(report.findings.len(), 1);
        assert_eq!(report.findings[0].code, MISATTRIBUTED);
        assert!(
            report.findings[0].message.contains("Mayor Ana Ruiz"),
            "{}",
            report.findings[0].message
        );
        assert_eq!(report.findings[0].related[0].start.line, 3);
    }

    #[test]
    fn exact_quotes_and_punctuation_differences_are_silent() {
        assert!(findings("“We will not close the port this winter”, Ruiz said.").is_empty());
        assert!(findings("Ana Ruiz said: “We will not close the port this winter.”").is_empty());
    }

    #[test]
    fn surnames_decide_whether_speakers_are_one_person() {
        assert!(same_person("Mayor Ana Ruiz", "Ruiz"));
        assert!(!same_person("Ana Ruiz", "Tom Lee"));
    }
}
