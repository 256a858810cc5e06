//! Folding spellings: accented Latin letters to their base letters, and the
//! letters that romanisation schemes disagree on to one form.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use super::list::Table;

static ACCENT_FOLDS: Table = Table::new(include_str!("words/accent-folds.tsv"));
static TRANSLITERATION_FOLDS: Table = Table::new(include_str!("words/transliteration-folds.tsv"));

/// Each accented letter and its base letter.
static BASE_LETTERS: LazyLock<FxHashMap<char, char>> = LazyLock::new(|| {
    ACCENT_FOLDS
        .pairs()
        .filter_map(|(accented, base)| Some((accented, base.chars().next()?)))
        .flat_map(|(accented, base)| accented.chars().map(move |c| (c, base)))
        .collect()
});

/// Replace an accented Latin letter by its base letter, so "Zelenskyy" and
/// "Zelenśkyj" fold alike. Letters outside Latin are kept.
pub fn strip_accents(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    BASE_LETTERS.get(&c).copied().unwrap_or(c)
}

/// The word with accented Latin letters replaced by their base letters.
pub fn fold_accents(word: &str) -> String {
    // Sized once: collecting grew the string a few bytes at a time.
    let mut folded = String::with_capacity(word.len());
    folded.extend(word.chars().map(strip_accents));
    folded
}

/// `key` (lower case, accent-free) with the romanisation folds applied in
/// order: "dmitriy", "dmitry" and "dmitri" all give "dmitri".
pub fn fold_transliteration(mut key: String) -> String {
    for (from, to) in TRANSLITERATION_FOLDS.pairs() {
        if key.contains(from) {
            key = key.replace(from, to);
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_fold_to_their_base_letters() {
        assert_eq!(
            fold_accents("Zelenśkyj García Łódź"),
            "Zelenskyj Garcia Łodz"
        );
        assert_eq!(strip_accents('ß'), 'ß', "not a letter with an accent");
    }

    #[test]
    fn romanisations_fold_alike() {
        for spelling in ["dmitriy", "dmitry", "dmitri"] {
            assert_eq!(fold_transliteration(spelling.into()), "dmitri");
        }
    }
}
