//! The English the checks know: word lists kept as data files in `words/`
//! with their sources, the names lexicon, the calendar, numbers and units,
//! base forms of words, letter case and accent folding.
//! A leaf: it imports nothing from the rest of the crate, and every other
//! module asks it rather than keeping a list of its own.

pub mod calendar;
pub mod case;
pub mod contractions;
pub mod dateline;
pub mod fold;
pub mod lemma;
pub mod lexicon;
pub mod list;
pub mod memo;
pub mod names;
pub mod numbers;
pub mod sentences;
pub mod speech;
pub mod statements;
pub mod stopwords;
pub mod titles;
pub mod units;

pub use case::capitalise;
