//! The draft as its own authority: for a name the corpus does not know, the
//! first reference sets the spelling and later mentions must agree with it
//! ("Alexei Navalny" … "Navalnyy").

use std::ops::Range;

use super::attested::AttestedNames;
use super::{CODE, match_case};
use crate::document::Document;
use crate::finding::{Finding, Severity};

/// Spellings shorter than this are too short to call one a variant of another.
const MIN_LETTERS: usize = 5;

#[derive(Debug, Default)]
pub(super) struct DraftSpellings {
    /// Each unknown name word in document order.
    seen: Vec<Seen>,
}

#[derive(Debug)]
struct Seen {
    word: String,
    range: Range<usize>,
    /// It stood in a full (multi-word) reference.
    in_full_reference: bool,
    /// A lone capitalised word opening a sentence may be any word, so it can
    /// be held to a standard but cannot set one.
    may_set_standard: bool,
}

impl DraftSpellings {
    pub(super) fn record(
        &mut self,
        word: &str,
        range: Range<usize>,
        in_full_reference: bool,
        may_set_standard: bool,
    ) {
        if word.chars().count() >= MIN_LETTERS {
            self.seen.push(Seen {
                word: word.to_string(),
                range,
                in_full_reference,
                may_set_standard,
            });
        }
    }

    /// Every later mention that is a variant of an earlier spelling. The
    /// form that sets the standard is the first one used in a full
    /// reference, or failing that the first one used at all.
    pub(super) fn findings(
        &self,
        doc: &Document,
        attested: &AttestedNames,
        min_similarity: f64,
    ) -> Vec<Finding> {
        let mut standards: Vec<(&str, &Range<usize>)> = Vec::new();
        let mut findings = Vec::new();
        let ordered = self
            .seen
            .iter()
            .filter(|s| s.in_full_reference)
            .chain(self.seen.iter().filter(|s| !s.in_full_reference));
        for Seen {
            word,
            range,
            may_set_standard,
            ..
        } in ordered
        {
            let standard = standards.iter().find(|(form, _)| {
                *form == word || attested.kinship(word, form, min_similarity).is_some()
            });
            match standard {
                Some((form, first)) if *form != word => {
                    findings.push(variant_finding(doc, word, range.clone(), form, first));
                }
                Some(_) => {}
                None if *may_set_standard => standards.push((word, range)),
                None => {}
            }
        }
        findings
    }
}

fn variant_finding(
    doc: &Document,
    word: &str,
    range: Range<usize>,
    form: &str,
    first: &Range<usize>,
) -> Finding {
    let at = doc.line_col(first.start);
    let message = format!(
        "‘{word}’: this draft first spells the name ‘{form}’ (line {}); later mentions should agree",
        at.line
    );
    let mut finding = Finding::new(CODE, Severity::Warning, range.clone(), message);
    if doc.source().get(range) == Some(word) {
        finding = finding.with_suggestion(match_case(word, form));
    }
    finding
}

#[cfg(test)]
mod tests {
    use super::super::tests::{check, lint};
    use crate::corpus::Corpus;

    #[test]
    fn later_mentions_must_agree_with_the_first_full_reference() {
        let text = "Navalnyy's allies met. Alexei Navalnyi was jailed in 2021.\n\nLater Navalnyi wrote, and Navalnyy replied.";
        let findings = lint(&check(Corpus::empty()), text);
        let flagged: Vec<(&str, Vec<String>)> = findings
            .iter()
            .map(|f| (&text[f.range.clone()], f.suggestions.clone()))
            .collect();
        assert_eq!(
            flagged,
            vec![
                ("Navalnyy", vec!["Navalnyi".to_string()]),
                ("Navalnyy", vec!["Navalnyi".to_string()])
            ]
        );
        assert!(findings[0].message.contains("line 1"));
    }

    #[test]
    fn unrelated_unknown_names_do_not_disturb_each_other() {
        let text = "Ingrid Halvorsen met Tomasz Wierzbicki. Halvorsen said Wierzbicki agreed.";
        assert!(lint(&check(Corpus::empty()), text).is_empty());
    }
}
