//! How alike two spellings of a name are: string similarity (Jaro–Winkler
//! from `strsim`), a phonetic key (Double Metaphone from `rphonetic`), and a
//! transliteration key that folds the spellings romanisation schemes
//! disagree on (Dmitri/Dmitry/Dmitriy, Aleksei/Alexei, Syrsky/Syrskyi).

use std::hash::{Hash, Hasher};

use rphonetic::DoubleMetaphone;
use rustc_hash::FxHasher;

use crate::lang::fold::{fold_transliteration, strip_accents};

/// The spelling folded so that romanisation variants compare equal:
/// "Dmitriy", "Dmitry" and "Dmitri" all give "dmitri".
pub fn transliteration_key(spelling: &str) -> String {
    let key: String = spelling
        .chars()
        .flat_map(char::to_lowercase)
        .map(strip_accents)
        .filter(|c| c.is_alphanumeric() || *c == ' ')
        .collect();
    fold_transliteration(key)
}

/// Double Metaphone primary and alternate codes of a single word.
/// rphonetic slices its input by byte and panics inside a multi-byte
/// letter ("Élysée"), so it only ever sees accent-stripped ASCII; a word
/// with other letters has no phonetic key.
pub fn phonetic_keys(encoder: &DoubleMetaphone, word: &str) -> (String, String) {
    let ascii: String = word
        .chars()
        .flat_map(char::to_lowercase)
        .map(strip_accents)
        .collect();
    if !ascii.is_ascii() {
        return (String::new(), String::new());
    }
    let result = encoder.double_metaphone(&ascii);
    (result.primary(), result.alternate())
}

/// Jaro–Winkler similarity, case-insensitive.
pub fn similarity(a: &str, b: &str) -> f64 {
    strsim::jaro_winkler(&a.to_lowercase(), &b.to_lowercase())
}

/// How two spellings relate, from closest to furthest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kinship {
    /// Equal after folding romanisation differences.
    Transliteration,
    /// Same Double Metaphone code and similar letters.
    SoundsAlike,
    /// Similar letters only: a typo.
    NearMiss,
}

impl Kinship {
    pub fn describe(self) -> &'static str {
        match self {
            Kinship::Transliteration => "a transliteration variant",
            Kinship::SoundsAlike => "a variant that sounds the same",
            Kinship::NearMiss => "a near-miss spelling",
        }
    }
}

/// Whether `draft` looks like another spelling of `reference`, and how.
/// `min_similarity` is the Jaro–Winkler score a typo needs; a shared sound
/// or transliteration key lowers the bar, since it is independent evidence.
pub fn kinship(
    encoder: &DoubleMetaphone,
    draft: &str,
    reference: &str,
    min_similarity: f64,
) -> Option<Kinship> {
    if draft == reference {
        return None;
    }
    let score = similarity(draft, reference);
    if transliteration_key(draft) == transliteration_key(reference) {
        return Some(Kinship::Transliteration);
    }
    let (draft_primary, draft_alternate) = phonetic_keys(encoder, draft);
    let (reference_primary, reference_alternate) = phonetic_keys(encoder, reference);
    let sounds_alike = !draft_primary.is_empty()
        && (draft_primary == reference_primary
            || draft_primary == reference_alternate
            || draft_alternate == reference_primary);
    // A slip of the keyboard is one edit (a transposition counts as one);
    // a slip of the ear may be two. Beyond that, similar letters are two
    // names ("Braynard" / "Brainard" aside, "Blocher" is not "Belcher").
    let edits = edit_distance(draft, reference);
    if sounds_alike && edits <= 2 && score >= min_similarity - 0.06 {
        return Some(Kinship::SoundsAlike);
    }
    (edits <= 1 && score >= min_similarity).then_some(Kinship::NearMiss)
}

/// Whether two spellings begin and end alike. A slip of the keyboard
/// rarely touches a word's first letter and seldom its last, so two names
/// that differ there ("Lazard" / "Lazar", "Ghassan" / "Hassan", "Harter" /
/// "Carter") are two names. Two initial vowels count as alike: romanisations
/// differ there ("Aleksandr" / "Oleksandr"); so does a final silent "e".
pub fn keeps_the_ends(a: &str, b: &str) -> bool {
    let fold = |s: &str| -> Vec<char> {
        s.chars()
            .flat_map(char::to_lowercase)
            .map(strip_accents)
            .collect()
    };
    let (a, b) = (fold(a), fold(b));
    let is_vowel = |c: &char| "aeiou".contains(*c);
    let first_alike = match (a.first(), b.first()) {
        (Some(x), Some(y)) => x == y || (is_vowel(x) && is_vowel(y)),
        _ => false,
    };
    // A dropped or added final "e" is a common slip ("Lagard", "Macrone").
    let silent_e = |long: &[char], short: &[char]| {
        long.len() == short.len() + 1 && long.last() == Some(&'e') && long.starts_with(short)
    };
    first_alike && (a.last() == b.last() || silent_e(&a, &b) || silent_e(&b, &a))
}

/// Edits between two spellings (insertions, deletions, substitutions and
/// transpositions of neighbours), ignoring case and accents.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let fold = |s: &str| -> String {
        s.chars()
            .flat_map(char::to_lowercase)
            .map(strip_accents)
            .collect()
    };
    strsim::osa_distance(&fold(a), &fold(b))
}

/// Keys longer than this (two long words) get one-letter deletions only.
const MAX_TWO_DELETION_CHARS: usize = 30;

/// Deletion keys of both the transliteration key and the plain lower-case
/// spelling: folding can shorten one spelling more than its neighbour
/// ("Leyen" folds to "leen", "Leyan" to "leian"), and the plain letters
/// still share a deletion ("leyn").
pub fn lookup_keys(spelling: &str) -> Vec<u64> {
    let mut keys = deletion_keys(&transliteration_key(spelling), 0, 7);
    keys.extend(deletion_keys(&spelling.to_lowercase(), 1, 6));
    keys
}

/// Hashes of the key itself and of every key with one letter deleted, or
/// two once it has `two_from` letters. Two spellings one substitution apart
/// share a key with a letter deleted. Hashing each variant in place rather
/// than building it as a string keeps the index cheap to build; a rare
/// collision only adds a candidate that the similarity test then rejects.
/// `namespace` keeps the folded and the plain keys apart. Two deletions
/// stop at `MAX_TWO_DELETION_CHARS`, so the cubic cost stays bounded.
fn deletion_keys(key: &str, namespace: u8, two_from: usize) -> Vec<u64> {
    let chars: Vec<char> = key.chars().collect();
    let hash_without = |skip: [usize; 2]| {
        let mut hasher = FxHasher::default();
        namespace.hash(&mut hasher);
        for (k, c) in chars.iter().enumerate() {
            if k != skip[0] && k != skip[1] {
                c.hash(&mut hasher);
            }
        }
        hasher.finish()
    };
    let none = usize::MAX;
    let mut keys = vec![hash_without([none, none])];
    if chars.len() >= 4 {
        for i in 0..chars.len() {
            keys.push(hash_without([i, none]));
            if (two_from..=MAX_TWO_DELETION_CHARS).contains(&chars.len()) {
                keys.extend((i + 1..chars.len()).map(|k| hash_without([i, k])));
            }
        }
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn encoder() -> DoubleMetaphone {
        DoubleMetaphone::new(None)
    }

    #[test]
    fn romanisation_variants_share_a_key() {
        for group in [
            &["Dmitri", "Dmitry", "Dmitriy"][..],
            &["Aleksei", "Alexei"],
            &["Syrsky", "Syrskyi"],
            &["Navalny", "Navalnyy"],
            &["Zelensky", "Zelenskyy", "Zelenskiy"],
        ] {
            let keys: Vec<String> = group.iter().map(|s| transliteration_key(s)).collect();
            assert!(
                keys.windows(2).all(|w| w[0] == w[1]),
                "{group:?} -> {keys:?}"
            );
        }
    }

    #[test]
    fn different_names_keep_different_keys() {
        for (a, b) in [
            ("Navalny", "Navalnaya"),
            ("Austria", "Australia"),
            ("Vitali", "Wladimir"),
        ] {
            assert_ne!(transliteration_key(a), transliteration_key(b), "{a} / {b}");
        }
    }

    #[test]
    fn typos_are_near_misses_and_distinct_names_are_not() {
        let e = encoder();
        assert!(kinship(&e, "Whitkoff", "Witkoff", 0.88).is_some());
        assert!(kinship(&e, "Macrone", "Macron", 0.88).is_some());
        assert!(kinship(&e, "Stoltenburg", "Stoltenberg", 0.88).is_some());
        assert_eq!(
            kinship(&e, "Dmitriy", "Dmitry", 0.88),
            Some(Kinship::Transliteration)
        );
        assert_eq!(kinship(&e, "Rubio", "Rutte", 0.88), None);
        assert_eq!(kinship(&e, "Roffman", "Roman", 0.88), None);
        assert_eq!(edit_distance("Zelenksy", "Zelensky"), 1);
        assert_eq!(edit_distance("García", "Garcia"), 0);
        assert!(keeps_the_ends("Sharption", "Sharpton"));
        assert!(keeps_the_ends("Aleksandr", "Oleksandr"));
        assert!(!keeps_the_ends("Lazard", "Lazar"));
        assert!(keeps_the_ends("Lagard", "Lagarde"));
        assert!(!keeps_the_ends("Ghassan", "Hassan"));
        assert_eq!(kinship(&e, "Merz", "Merz", 0.88), None);
    }

    #[test]
    fn accented_and_non_latin_words_never_panic_the_phonetic_encoder() {
        let e = encoder();
        for word in [
            "Élysée",
            "Hôtel",
            "Agnès",
            "Müller-Schmitt",
            "Київ",
            "Ærø",
            "Łódź",
        ] {
            let _ = phonetic_keys(&e, word);
            let _ = kinship(&e, word, "Elysee", 0.88);
        }
        assert_eq!(phonetic_keys(&e, "Élysée"), phonetic_keys(&e, "Elysee"));
    }

    #[test]
    fn one_substitution_shares_a_deletion_key() {
        let a: HashSet<u64> = deletion_keys("stoltenberg", 0, 7).into_iter().collect();
        let b: HashSet<u64> = deletion_keys("stoltenburg", 0, 7).into_iter().collect();
        assert!(!a.is_disjoint(&b));
        assert_eq!(deletion_keys("abc", 0, 7).len(), 1);
        let plain: HashSet<u64> = deletion_keys("abcd", 1, 7).into_iter().collect();
        assert!(plain.is_disjoint(&deletion_keys("abcd", 0, 7).into_iter().collect()));
    }
}
