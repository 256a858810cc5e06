//! Base forms of words, for comparing them: nouns made singular ("points"
//! → "point"), and words brought to a stem that verb forms and synonyms of
//! one meaning share ("trimmed", "cut" → "reduce"; "met", "meeting" →
//! "meet").

use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};

use super::list::Table;
use super::memo::{Memo, remembered};

static IRREGULAR_VERBS: Table = Table::new(include_str!("words/irregular-verbs.tsv"));
static STEM_SYNONYMS: Table = Table::new(include_str!("words/stem-synonyms.tsv"));

pub fn singular(word: &str) -> String {
    let mut lemma = String::new();
    push_singular(&mut lemma, word);
    lemma
}

/// [`singular`] of `word`, written at the end of `out`.
pub fn push_singular(out: &mut String, word: &str) {
    if let Some(stem) = word.strip_suffix("ies") {
        out.push_str(stem);
        out.push('y');
    } else if word.ends_with("ss") || word.ends_with("us") {
        out.push_str(word);
    } else {
        out.push_str(word.strip_suffix('s').unwrap_or(word));
    }
}

/// Whether `singular(word)` is `lemma`, without making it: a frame asks
/// this of every word near every value.
pub fn singular_is(word: &str, lemma: &str) -> bool {
    if let Some(stem) = word.strip_suffix("ies") {
        return lemma.strip_suffix('y') == Some(stem);
    }
    if word.ends_with("ss") || word.ends_with("us") {
        return word == lemma;
    }
    word.strip_suffix('s').unwrap_or(word) == lemma
}

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

thread_local! {
    /// Stems found lately: the same few thousand words stand near values
    /// in every article, and stemming was a third of a frame's cost.
    static STEMS: Memo<String> = Memo::default();
}

/// The stem words are compared by (lower case in): the base form stemmed,
/// or the class of synonyms the stem belongs to.
pub fn stem(lower: &str) -> String {
    remembered(&STEMS, lower, stem_of)
}

fn stem_of(lower: &str) -> String {
    let base = IRREGULAR_VERBS
        .pairs()
        .find(|(form, _)| *form == lower)
        .map_or(lower, |(_, base)| base);
    let stem = STEMMER.stem(base).into_owned();
    STEM_SYNONYMS
        .pairs()
        .find(|(stems, _)| stems.split(' ').any(|s| s == stem))
        .map_or(stem, |(_, class)| class.to_string())
}

/// "-ing" and "-ed" forms and the irregular past forms: verbs, not the
/// noun a compound ends in.
pub fn is_participle(word: &str) -> bool {
    word.ends_with("ing")
        || word.ends_with("ed")
        || IRREGULAR_VERBS.pairs().any(|(form, _)| form == word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn singular_is_asks_what_singular_makes() {
        let words = [
            "parties", "ies", "points", "bus", "class", "troops", "s", "", "year",
        ];
        for word in words {
            for lemma in [
                "party", "y", "point", "bus", "class", "troop", "", "year", "parties",
            ] {
                assert_eq!(
                    singular_is(word, lemma),
                    singular(word) == lemma,
                    "{word} {lemma}"
                );
            }
        }
    }

    #[test]
    fn synonyms_and_verb_forms_share_a_stem() {
        assert_eq!(stem("trimmed"), stem("cut"));
        assert_eq!(stem("met"), stem("meeting"));
        assert_ne!(stem("spoke"), stem("met"));
        assert!(is_participle("held") && is_participle("voting") && !is_participle("plan"));
    }
}
