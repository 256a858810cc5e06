//! The draft as its own authority: for a name the corpus does not settle,
//! mentions must agree with the spelling the draft supports ("Alexei
//! Navalny" … "Navalnyy"): the lexicon's, the corpus's, the draft's
//! majority, or the first.

use std::hash::{Hash, Hasher};
use std::ops::Range;

use rustc_hash::{FxHashMap, FxHasher};

use super::attested::AttestedNames;
use super::{CODE, Role, forms_of_one_name, match_case};
use crate::document::Document;
use crate::finding::{Finding, Severity};
use crate::lang::lexicon;
use crate::rules::NameThresholds;
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
    /// How often the reference corpus uses this spelling.
    pub corpus_mentions: usize,
}

impl DraftSpellings {
    pub(super) fn record(&mut self, seen: Seen) {
        if seen.word.chars().count() >= MIN_LETTERS {
            self.seen.push(seen);
        }
    }

    /// Every mention that is a variant of the spelling the draft supports.
    /// Mentions are grouped under the first spelling used in a full
    /// reference (or failing that the first used at all); within a group
    /// the supported spelling is the one the lexicon knows, else the one the
    /// corpus uses more, else the one the draft uses more, else the first.
    /// "Rio de Janiero" first and "Rio de Janeiro" twice later is a slip in
    /// the first mention, not in the later two.
    pub(super) fn findings(
        &self,
        doc: &Document,
        attested: &AttestedNames,
        thresholds: &NameThresholds,
    ) -> Vec<Finding> {
        self.groups(attested, thresholds)
            .iter()
            .flat_map(|group| group.findings(doc))
            .collect()
    }

    /// The draft's spellings grouped by the standard each is a variant of,
    /// in the order the standards were set.
    fn groups<'a>(
        &'a self,
        attested: &AttestedNames,
        thresholds: &NameThresholds,
    ) -> Vec<Group<'a>> {
        let mut groups: Vec<Group> = Vec::new();
        // Standards by blocking key: a spelling is compared only with the
        // standards it shares a key with, not with every one, so a draft
        // with thousands of names stays linear.
        let mut by_key: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
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
            let standard = candidates.into_iter().find(|&i| {
                let standard = groups[i].standard;
                comparable(standard.role, seen.role)
                    && (forms_of_one_name(word, &standard.word)
                        || attested
                            .kinship(word, &standard.word, thresholds.min_similarity)
                            .is_some())
            });
            match standard {
                Some(i) => {
                    let standard = groups[i].standard;
                    if forms_of_one_name(word, &standard.word) {
                        groups[i].repeats += 1;
                    } else if !both_established(seen, standard, thresholds)
                        && may_be_a_slip(seen, standard)
                    {
                        groups[i].variants.push(seen);
                    }
                }
                None if seen.may_set_standard && !lexicon::lookup(word).is_english_word() => {
                    for key in keys {
                        by_key.entry(key).or_default().push(groups.len());
                    }
                    groups.push(Group {
                        standard: seen,
                        repeats: 0,
                        variants: Vec::new(),
                    });
                }
                None => {}
            }
        }
        groups.retain(|g| !g.variants.is_empty());
        groups
    }
}

/// A spelling that set a standard and the mentions that are variants of it.
struct Group<'a> {
    standard: &'a Seen,
    /// Later mentions spelt as the standard (or another form of it).
    repeats: usize,
    variants: Vec<&'a Seen>,
}

/// Why the draft's supported spelling is the one to follow.
enum Support {
    /// It came first and nothing outweighs it.
    First,
    /// The lexicon knows it as a name and not the other spelling.
    Lexicon,
    /// The reference corpus uses it more.
    Corpus(usize),
    /// The draft itself uses it more.
    Majority(usize),
}

impl Group<'_> {
    fn mentions(&self) -> impl Iterator<Item = &Seen> {
        std::iter::once(self.standard).chain(self.variants.iter().copied())
    }

    /// The spelling the draft should keep, and why.
    fn supported(&self) -> (&Seen, Support) {
        let first = self.standard;
        let in_draft = |word: &str| self.mentions().filter(|s| s.word == word).count();
        let is_name = |word: &str| lexicon::lookup(word).is_real_name();
        // The first mention of each other spelling.
        let mut rivals: Vec<&Seen> = Vec::new();
        for seen in &self.variants {
            if seen.word != first.word && !rivals.iter().any(|r| r.word == seen.word) {
                rivals.push(seen);
            }
        }
        let [rival] = rivals[..] else {
            // Three spellings or more: the first sets the standard.
            return (first, Support::First);
        };
        if is_name(&rival.word) != is_name(&first.word) {
            let named = if is_name(&rival.word) { rival } else { first };
            return (named, Support::Lexicon);
        }
        if rival.corpus_mentions != first.corpus_mentions {
            let used = if rival.corpus_mentions > first.corpus_mentions {
                rival
            } else {
                first
            };
            return (used, Support::Corpus(used.corpus_mentions));
        }
        let (theirs, ours) = (in_draft(&rival.word), in_draft(&first.word) + self.repeats);
        if theirs > ours {
            return (rival, Support::Majority(theirs));
        }
        (first, Support::First)
    }

    fn findings(&self, doc: &Document) -> Vec<Finding> {
        let (kept, support) = self.supported();
        // Kept as first written: say so, whatever else supports it.
        let support = if std::ptr::eq(kept, self.standard) {
            Support::First
        } else {
            support
        };
        self.mentions()
            .filter(|seen| seen.word != kept.word)
            // The first spelling outvoted is held to the winner as any
            // later variant is held to the first.
            .filter(|seen| std::ptr::eq(kept, self.standard) || may_be_a_slip(seen, kept))
            .map(|seen| variant_finding(doc, seen, kept, &support))
            .collect()
    }
}

/// Two spellings the corpus uses often enough each are two names, not one
/// name and its slip ("Horgan" and "Horan").
fn both_established(a: &Seen, b: &Seen, thresholds: &NameThresholds) -> bool {
    a.corpus_mentions >= thresholds.min_attested_mentions
        && b.corpus_mentions >= thresholds.min_attested_mentions
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

fn variant_finding(doc: &Document, seen: &Seen, kept: &Seen, support: &Support) -> Finding {
    let (word, form) = (seen.word.as_str(), kept.word.as_str());
    let line = doc.line_col(kept.range.start).line;
    let why = match support {
        Support::First => format!("this draft first spells the name ‘{form}’ (line {line})"),
        Support::Lexicon => {
            format!("this draft also spells the name ‘{form}’ (line {line}), its usual spelling")
        }
        Support::Corpus(mentions) => format!(
            "this draft also spells the name ‘{form}’ (line {line}), as the reference corpus does ({})",
            super::plural(*mentions, "time")
        ),
        Support::Majority(mentions) => format!(
            "this draft spells the name ‘{form}’ {} (first on line {line})",
            super::plural(*mentions, "time")
        ),
    };
    let message = format!("‘{word}’: {why}; mentions should agree");
    let mut finding = Finding::new(CODE, Severity::Warning, seen.range.clone(), message);
    // Unsafe: the draft's supported spelling may still be the wrong one.
    if doc.source().get(seen.range.clone()) == Some(word) {
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
