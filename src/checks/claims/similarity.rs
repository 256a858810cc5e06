//! How alike a corpus statement's sentence is to the draft claim's: the
//! context terms (names, content words, figures) both sentences hold,
//! each weighed by how rare it is among the corpus's statement sentences,
//! as a share of both (a weighted Dice coefficient). One shared name and a
//! common word ("sold", "album") weigh little; the names, place and
//! figures of one story weigh much. This is what tells one fact about a
//! subject from another fact about it.

use std::cell::{OnceCell, RefCell};
use std::collections::BTreeSet;

use rustc_hash::FxHashMap;

use crate::corpus::StatementSource;
use crate::text::claims::{context_terms, term_hash};

/// Sentences a corpus is taken to have besides its own, none of them with
/// the term: a small corpus (a handful of fixture articles, a new desk's
/// first week) says little of which words are common, so its terms weigh
/// nearly alike; from tens of thousands of sentences on, the corpus's own
/// counts decide.
const PRIOR_SENTENCES: f64 = 1000.0;

/// The weight of terms in the corpus's statement sentences, looked up once
/// per term and lint.
pub(super) struct Rarity<'a> {
    source: &'a dyn StatementSource,
    /// Statement sentences in the corpus, plus the prior's.
    sentences: f64,
    weights: RefCell<FxHashMap<u32, f64>>,
}

impl<'a> Rarity<'a> {
    pub(super) fn new(source: &'a dyn StatementSource) -> Rarity<'a> {
        Rarity {
            source,
            sentences: source.sentence_count() as f64 + PRIOR_SENTENCES,
            weights: RefCell::default(),
        }
    }

    /// A term's inverse sentence frequency: a term no corpus sentence has
    /// weighs most.
    fn weight(&self, term: u32) -> f64 {
        *self.weights.borrow_mut().entry(term).or_insert_with(|| {
            let count = self.source.term_count(term) as f64;
            (self.sentences / (count + 1.0)).ln().max(0.0)
        })
    }
}

/// A draft sentence's context terms, read when a claim of it first needs
/// them and shared by its other claims.
pub(super) struct SentenceTerms<'a> {
    text: &'a str,
    terms: OnceCell<BTreeSet<String>>,
}

impl<'a> SentenceTerms<'a> {
    pub(super) fn new(text: &'a str) -> SentenceTerms<'a> {
        SentenceTerms {
            text,
            terms: OnceCell::new(),
        }
    }

    pub(super) fn text(&self) -> &'a str {
        self.text
    }

    pub(super) fn terms(&self) -> &BTreeSet<String> {
        self.terms.get_or_init(|| context_terms(self.text))
    }
}

/// A draft claim's sentence terms with their weights, sorted by term.
pub(super) struct DraftTerms {
    terms: Vec<(u32, f64)>,
    total: f64,
    /// The claim's own figures as terms ("#46"; "#23" and "#2015" of
    /// "March 23, 2015"), when written in digits.
    figures: Vec<u32>,
}

impl DraftTerms {
    /// The sentence's terms, without those of `value` (the claim's own
    /// figure as written, which a conflicting corpus sentence never shares
    /// by definition).
    pub(super) fn new(sentence: &BTreeSet<String>, value: &str, rarity: &Rarity) -> DraftTerms {
        let own = context_terms(value);
        let mut terms: Vec<(u32, f64)> = sentence
            .difference(&own)
            .map(|term| {
                let hash = term_hash(term);
                (hash, rarity.weight(hash))
            })
            .collect();
        terms.sort_unstable_by_key(|(hash, _)| *hash);
        terms.dedup_by_key(|(hash, _)| *hash);
        let total = terms.iter().map(|(_, w)| w).sum();
        let figures = own
            .iter()
            .filter(|t| t.starts_with('#'))
            .map(|t| term_hash(t))
            .collect();
        DraftTerms {
            terms,
            total,
            figures,
        }
    }

    /// Whether a corpus sentence (its sorted term hashes) writes the draft
    /// claim's figure too, all of it (a date's day and year): "46 percent
    /// to 44 percent" gives both sides of a race, and is no evidence
    /// against either.
    pub(super) fn figure_in(&self, corpus: &[u32]) -> bool {
        !self.figures.is_empty()
            && self
                .figures
                .iter()
                .all(|figure| corpus.binary_search(figure).is_ok())
    }
}

/// The weighted share of terms a draft sentence and a corpus sentence
/// (its sorted term hashes) have in common, from 0 to 1.
pub(super) fn similarity(draft: &DraftTerms, corpus: &[u32], rarity: &Rarity) -> f64 {
    let mut shared = 0.0;
    let mut corpus_total = 0.0;
    let mut draft_terms = draft.terms.iter().peekable();
    for &term in corpus {
        let weight = rarity.weight(term);
        corpus_total += weight;
        while draft_terms.next_if(|(d, _)| *d < term).is_some() {}
        if draft_terms.peek().is_some_and(|(d, _)| *d == term) {
            shared += weight;
        }
    }
    let total = draft.total + corpus_total;
    if total <= 0.0 {
        return 0.0;
    }
    2.0 * shared / total
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence_hashes(text: &str) -> Vec<u32> {
        term_hashes(&crate::text::sentence::Sentence::new(text, 0..text.len()))
    }
    use crate::corpus::{Article, Corpus};
    use crate::text::claims::{context_terms, term_hashes};
    use std::path::PathBuf;

    fn corpus(texts: &[&str]) -> Corpus {
        Corpus::new(
            texts
                .iter()
                .enumerate()
                .map(|(i, t)| Article::new(PathBuf::from(format!("{i}.md")), t.to_string()))
                .collect(),
        )
    }

    #[test]
    fn the_same_story_is_more_alike_than_a_shared_common_word() {
        // A music desk's corpus: albums sell copies in every other story.
        let mut texts: Vec<String> = (0..60)
            .map(|i| format!("The Band{i} album sold {} copies.", 1000 + i))
            .collect();
        texts.push(
            "Acme Records said the Harbour Lights album sold 600,000 copies in Norway.".into(),
        );
        texts.push("The Beta Group said its debut album sold 2 million copies worldwide.".into());
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let corpus = corpus(&texts);
        let rarity = Rarity::new(corpus.statements());
        let draft = DraftTerms::new(
            &context_terms(
                "The Harbour Lights album from Acme Records has sold 700,000 copies in Norway.",
            ),
            "700,000",
            &rarity,
        );
        let same = sentence_hashes(
            "Acme Records said the Harbour Lights album sold 600,000 copies in Norway.",
        );
        let other =
            sentence_hashes("The Beta Group said its debut album sold 2 million copies worldwide.");
        let alike = similarity(&draft, &same, &rarity);
        let unlike = similarity(&draft, &other, &rarity);
        assert!(alike > 0.6, "{alike}");
        assert!(unlike < 0.3, "{unlike}");
    }

    #[test]
    fn nothing_shared_is_zero_and_all_shared_is_one() {
        let corpus = corpus(&["Kyiv said the plan had 19 points."]);
        let rarity = Rarity::new(corpus.statements());
        let draft = DraftTerms::new(&context_terms("Geneva talks lasted hours."), "", &rarity);
        assert_eq!(
            similarity(&draft, &sentence_hashes("Kyiv plan"), &rarity),
            0.0
        );
        let alike = similarity(
            &draft,
            &sentence_hashes("Geneva talks lasted hours."),
            &rarity,
        );
        assert!((alike - 1.0).abs() < 1e-9, "{alike}");
    }
}
