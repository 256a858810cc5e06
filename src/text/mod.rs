//! Text analysis shared by the checks and the corpus indexes, so that the
//! draft and the corpus are read the same way.

pub mod attribution;
pub mod claims;
pub mod dates;
pub mod frames;
pub mod names;
pub mod quantities;
pub mod quotes;
pub mod sentence;
pub mod similarity;
pub mod words;

/// A word with its first letter in upper case: "sunday" → "Sunday".
pub fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
}

/// The English name of a month, 1 to 12, capitalised.
pub fn month_name(month: u32) -> String {
    capitalise(claims::MONTHS[(month as usize).saturating_sub(1) % 12])
}
