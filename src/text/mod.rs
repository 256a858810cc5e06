//! Text analysis shared by the checks and the corpus indexes, so that the
//! draft and the corpus are read the same way.

pub mod attribution;
pub mod claims;
pub mod dates;
pub mod frames;
pub mod names;
pub mod quantities;
pub mod quotes;
pub mod similarity;
