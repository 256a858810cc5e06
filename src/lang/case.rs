//! Letter case: lower-casing without allocating where news prose allows
//! it, and capitalising a word.

use std::borrow::Cow;

/// `word` lower-cased, borrowed when it already is (most words of news
/// prose are): no allocation for them.
pub fn lower_case(word: &str) -> Cow<'_, str> {
    match word
        .bytes()
        .any(|b| !b.is_ascii() || b.is_ascii_uppercase())
    {
        true => Cow::Owned(word.to_lowercase()),
        false => Cow::Borrowed(word),
    }
}

/// `f` of `word` lower-cased: a short ASCII word (any capitalised name or
/// title) is lower-cased on the stack, not in a new string.
pub fn with_lower_case<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buffer = [0u8; 32];
    match buffer.get_mut(..word.len()) {
        Some(bytes) if word.is_ascii() => {
            bytes.copy_from_slice(word.as_bytes());
            bytes.make_ascii_lowercase();
            f(std::str::from_utf8(bytes).unwrap_or_default())
        }
        _ => f(&lower_case(word)),
    }
}

/// A word with its first letter in upper case: "sunday" → "Sunday".
pub fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_case_borrows_what_is_lower_already() {
        assert!(matches!(lower_case("kyiv"), Cow::Borrowed(_)));
        assert_eq!(lower_case("Київ"), "київ");
        assert_eq!(with_lower_case("KYIV", str::to_string), "kyiv");
        assert_eq!(with_lower_case(&"É".repeat(40), |w| w.chars().count()), 40);
        assert_eq!(capitalise("émile"), "Émile");
        assert_eq!(capitalise(""), "");
    }
}
