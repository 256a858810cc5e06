//! What a claim is about, as words: the content words around its value
//! with their distance from it, and a sentence's content words.

use std::collections::BTreeSet;

use super::Claim;
use crate::lang::calendar::calendar_word;
use crate::lang::case::lower_case;
use crate::lang::lemma::{push_singular, singular};
use crate::lang::stopwords::is_stopword;
use crate::lang::units::MEASURE_WORDS;
use crate::text::sentence::Sentence;
use crate::text::words::WordBoundaries;

/// The content words around a claim's value with their distance from it in
/// words, nearest first; the value's own words, numbers and measure left out.
pub fn claim_context(prose: &str, claim: &Claim) -> Vec<(String, usize)> {
    claim_context_in(&Sentence::new(prose, claim.context.clone()), claim)
}

/// As [`claim_context`], from the segments of the claim's sentence.
pub fn claim_context_in(sentence: &Sentence, claim: &Claim) -> Vec<(String, usize)> {
    let mut words = Vec::new();
    claim_context_each(sentence, claim, |word, distance| {
        words.push((word.to_string(), distance))
    });
    words
}

/// As [`claim_context_in`], each word given to `found` in turn: the corpus
/// index takes them into one buffer per article, not a string each.
pub fn claim_context_each(sentence: &Sentence, claim: &Claim, mut found: impl FnMut(&str, usize)) {
    let measure = claim.measure.trim_end_matches('#');
    // The lemmas one after another in `lemmas`, each with its distance and
    // where it ends.
    let mut lemmas = String::new();
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut add = |word: &str, distance: usize| {
        let lower = lower_case(word);
        if lower.len() <= 2 || !lower.chars().all(char::is_alphabetic) || is_stopword(&lower) {
            return;
        }
        let start = lemmas.len();
        push_singular(&mut lemmas, &lower);
        let lemma = &lemmas[start..];
        // Weekdays and months are values of their own, not what a
        // statement is about: "on Thursday" links a strike and a summit.
        if lemma == measure || MEASURE_WORDS.contains(lemma) || calendar_word(&lower).is_some() {
            lemmas.truncate(start);
            return;
        }
        words.push((distance, lemmas.len()));
    };
    let before = sentence.words_within(claim.context.start..claim.range.start);
    for (distance, (_, word)) in before.iter().rev().enumerate() {
        add(word, distance);
    }
    let after = sentence.words_within(claim.range.end..claim.context.end);
    for (distance, (_, word)) in after.iter().enumerate() {
        add(word, distance);
    }
    let lemma = |i: usize| {
        let start = i.checked_sub(1).map_or(0, |before| words[before].1);
        &lemmas[start..words[i].1]
    };
    // Nearest first, the words before the value ahead of those after it at
    // the same distance; each lemma once.
    let mut order: Vec<usize> = (0..words.len()).collect();
    order.sort_by_key(|&i| words[i].0);
    for (n, &i) in order.iter().enumerate() {
        if order[..n].iter().all(|&earlier| lemma(earlier) != lemma(i)) {
            found(lemma(i), words[i].0);
        }
    }
}

/// The content words of a sentence, for comparing what two statements are
/// about: lower-cased, singular, without function words or numbers.
pub fn context_words(text: &str) -> BTreeSet<String> {
    text.words()
        .map(|w| w.to_lowercase())
        .filter(|w| w.len() > 2 && w.chars().all(char::is_alphabetic) && !is_stopword(w))
        .map(|w| singular(&w))
        .collect()
}
