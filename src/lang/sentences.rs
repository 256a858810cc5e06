//! Where sentences end in news text: abbreviations that never end one
//! ("Mr.", "Gen."), those that often do ("Inc."), and the words that start
//! one often enough to end an ambiguous abbreviation before them.

use super::list::WordList;

/// Lower case, without the full stop.
pub static NEVER_FINAL: WordList =
    WordList::new(include_str!("words/abbreviations-never-final.txt"));
/// Lower case, without the full stop.
pub static SOMETIMES_FINAL: WordList =
    WordList::new(include_str!("words/abbreviations-sometimes-final.txt"));
/// As capitalised at the start of a sentence.
pub static SENTENCE_STARTERS: WordList = WordList::new(include_str!("words/sentence-starters.txt"));
