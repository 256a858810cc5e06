//! How names are written: the particles that stand inside them ("von der
//! Leyen"), the endings that make another form of one name ("Kenyan",
//! "Israelis"), and capitalised words that are never names.

use super::calendar::is_calendar_name;
use super::list::WordList;

/// Lower-case words that may stand inside a name between capitalised words.
pub static NAME_PARTICLES: WordList = WordList::new(include_str!("words/name-particles.txt"));
/// Endings that make another form of the same name ("" is none).
pub static NAME_FORM_ENDINGS: WordList = WordList::new(include_str!("words/name-form-endings.txt"));
static NOT_NAMES: WordList = WordList::new(include_str!("words/not-names.txt"));

/// A capitalised word that is never a name, whatever the corpus says: a
/// month or weekday, a function word, an abbreviated title or state.
pub fn is_never_a_name(word: &str) -> bool {
    NOT_NAMES.contains(word) || is_calendar_name(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_names() {
        for word in ["May", "Sunday", "The", "Calif", "Sen"] {
            assert!(is_never_a_name(word), "{word}");
        }
        for word in ["Kyiv", "may", "Mays"] {
            assert!(!is_never_a_name(word), "{word}");
        }
        assert!(NAME_PARTICLES.contains("von") && NAME_FORM_ENDINGS.contains(""));
    }
}
