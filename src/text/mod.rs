//! Text analysis shared by the checks and the corpus indexes, so that the
//! draft and the corpus are read the same way: words and sentences, name
//! mentions, spelling similarity, quotations and attribution, quantities,
//! and claims. May import `lang`, `document`, `rules` (for
//! the attribution cues) and `offsets`; never the corpus or the checks.

pub mod attribution;
pub mod claims;
pub mod names;
pub mod quantities;
pub mod quotes;
pub mod sentence;
pub mod similarity;
pub mod words;
