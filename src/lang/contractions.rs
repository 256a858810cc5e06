//! Contractions with one reading ("we're" is "we are"), so that wordings
//! that differ only in them compare as one.

use super::list::Table;

static CONTRACTIONS: Table = Table::new(include_str!("words/contractions.tsv"));

/// Lower-case words with each contraction written out in full: "we're
/// going" becomes "we are going".
pub fn expand_contractions(words: &[String]) -> Vec<String> {
    let mut expanded = Vec::with_capacity(words.len());
    for word in words {
        let full = CONTRACTIONS
            .pairs()
            .find(|(short, _)| *short == word.as_str())
            .map(|(_, full)| full);
        match full {
            Some(full) => expanded.extend(full.split(' ').map(str::to_string)),
            None => expanded.push(word.clone()),
        }
    }
    expanded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contractions_are_written_out() {
        let words = |text: &str| text.split(' ').map(str::to_string).collect::<Vec<_>>();
        assert_eq!(
            expand_contractions(&words("we're going to build it")),
            words("we are going to build it")
        );
        assert_eq!(expand_contractions(&words("he's here")), words("he's here"));
    }
}
