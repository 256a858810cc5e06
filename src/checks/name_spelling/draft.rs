//! The draft as its own authority: for a name the corpus does not know, the
//! first reference sets the spelling and later mentions must agree with it
//! ("Alexei Navalny" … "Navalnyy").

use std::hash::{Hash, Hasher};
use std::ops::Range;

use rustc_hash::{FxHashMap, FxHasher};

use super::attested::AttestedNames;
use super::{CODE, Role, forms_of_one_name, match_case};
use crate::document::Document;
use crate::finding::{Finding, Severity};
use crate::lang::lexicon;
use crate::text::similarity::lookup_keys;
use crate::text::similarity::{keeps_the_ends, transliteration_key};

/// A lone word that is itself a surname at least this common (per 100,000
/// people) is that surname, even beside a near spelling the draft introduced.
const MAX_SURNAME_FREQUENCY_OF_A_SLIP: u32 = 10;

/// Spellings shorter than this are too short to call one a variant of another.
const MIN_LETTERS: usize = 5;

#[derive(Debug, Default)]
pub(super) struct DraftSpellings {
    /// Each unknown name word in document order.
    seen: Vec<Seen>,
}

/// One unknown name word of the draft.
#[derive(Debug)]
pub(super) struct Seen {
    pub word: String,
    pub range: Range<usize>,
    /// Its part in the name it stood in.
    pub role: Role,
    /// The word before it in that name ("Friedrich" for "Merz").
    pub partner: Option<String>,
    /// Where its sentence starts.
    pub sentence: usize,
    /// A lone capitalised word opening a sentence may be any word, so it can
    /// be held to a standard but cannot set one.
    pub may_set_standard: bool,
}

impl DraftSpellings {
    pub(super) fn record(&mut self, seen: Seen) {
        if seen.word.chars().count() >= MIN_LETTERS {
            self.seen.push(seen);
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
        let mut standards: Vec<&Seen> = Vec::new();
        // Standards by blocking key: a spelling is compared only with the
        // standards it shares a key with, not with every one, so a draft
        // with thousands of names stays linear.
        let mut by_key: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
        let mut findings = Vec::new();
        let in_full_reference = |s: &&Seen| s.role != Role::Lone;
        let ordered = self
            .seen
            .iter()
            .filter(in_full_reference)
            .chain(self.seen.iter().filter(|s| !in_full_reference(s)));
        for seen in ordered {
            let word = seen.word.as_str();
            let keys = blocking_keys(word);
            let mut candidates: Vec<usize> = keys
                .iter()
                .filter_map(|key| by_key.get(key))
                .flatten()
                .copied()
                .collect();
            candidates.sort_unstable();
            candidates.dedup();
            let standard = candidates.iter().map(|&i| standards[i]).find(|standard| {
                comparable(standard.role, seen.role)
                    && (forms_of_one_name(word, &standard.word)
                        || attested
                            .kinship(word, &standard.word, min_similarity)
                            .is_some())
            });
            match standard {
                Some(standard)
                    if !forms_of_one_name(word, &standard.word)
                        && may_be_a_slip(seen, standard) =>
                {
                    findings.push(variant_finding(
                        doc,
                        word,
                        seen.range.clone(),
                        &standard.word,
                        &standard.range,
                    ));
                }
                Some(_) => {}
                None if seen.may_set_standard && !lexicon::lookup(word).is_english_word() => {
                    for key in keys {
                        by_key.entry(key).or_default().push(standards.len());
                    }
                    standards.push(seen);
                }
                None => {}
            }
        }
        findings
    }
}

/// The keys a spelling shares with every spelling it could be a variant
/// of: its symmetric-deletion keys (two spellings a letter or two apart
/// share one) and its first three letters (forms of one name share a stem).
fn blocking_keys(word: &str) -> Vec<u64> {
    let mut keys = lookup_keys(word);
    let mut hasher = FxHasher::default();
    "stem".hash(&mut hasher);
    word.to_lowercase()
        .chars()
        .take(3)
        .for_each(|c| c.hash(&mut hasher));
    keys.push(hasher.finish());
    keys
}

/// Given names compare with given names, surnames with surnames: "Chris"
/// and "Christie" are two names, not two spellings of one.
fn comparable(standard: Role, later: Role) -> bool {
    match (standard, later) {
        (Role::Given, Role::Given) => true,
        (Role::Given, _) | (_, Role::Given) => false,
        _ => true,
    }
}

/// A spelling that is itself a real name ("Ronald" beside "Donald",
/// "California" beside "Carolina") is that name. The exceptions are the
/// same person named again ("Anna Müller-Schmidt" … "Müller-Schmitt") and a
/// bare surname near the surname of a person the draft introduced, unless
/// it is itself a common surname ("Ingrid Halvorsen" … "Halvorson").
fn may_be_a_slip(seen: &Seen, standard: &Seen) -> bool {
    let (word, role) = (seen.word.as_str(), seen.role);
    // Two spellings in one sentence are set side by side on purpose
    // ("Horgos to the Chinese, Khorgos to the Kazakhs").
    if seen.sentence == standard.sentence {
        return false;
    }
    let entry = lexicon::lookup(word);
    // An everyday word ("Board", "Press") is a name's word, not a name.
    if entry.is_english_word() {
        return false;
    }
    match (&seen.partner, &standard.partner) {
        (Some(mine), Some(theirs)) if mine == theirs => return true,
        // "Greg Bailor" and "Ed Failor", "Marwa Hamdy" and "Sami al-Hamad":
        // introduced apart, they are two people.
        (Some(_), Some(_)) => return false,
        _ => {}
    }
    // Unanchored, a typo must keep the ends ("Khorgos" / "Horgos", "Hamdy"
    // / "Hamad" are two names); romanisations may not.
    if !keeps_the_ends(word, &standard.word)
        && transliteration_key(word) != transliteration_key(&standard.word)
    {
        return false;
    }
    if !entry.is_real_name() {
        return true;
    }
    role == Role::Lone
        && standard.role == Role::Surname
        && !entry.is_given_name()
        && !entry.is_place()
        && !entry.is_proper_noun()
        && entry.surname_frequency() < MAX_SURNAME_FREQUENCY_OF_A_SLIP
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
    // Unsafe: the draft's first spelling may be the wrong one.
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
