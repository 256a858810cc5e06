//! Word lists kept as data files in `words/`, each opening with comment
//! lines that say what it is and where it comes from. They are compiled
//! into the binary and parsed at first use, so a list is edited as data and
//! read as fast as a constant.
//!
//! Format: one entry per line; `#` starts a comment line; blank lines are
//! skipped; in a table, columns are separated by tabs. An entry that is
//! itself empty is written `""`.

use std::sync::OnceLock;

use rustc_hash::FxHashSet;

/// `static` word lists, one per data file of `words/`:
/// `word_lists! { /// doc
/// NAME = "file.txt"; }`.
macro_rules! word_lists {
    ($($(#[$doc:meta])* $name:ident = $file:literal;)*) => {
        $($(#[$doc])* pub static $name: $crate::lang::list::WordList =
            $crate::lang::list::WordList::new(include_str!(concat!("words/", $file)));)*
    };
}
pub(crate) use word_lists;

/// An ordered list of words from a data file.
pub struct WordList {
    text: &'static str,
    parsed: OnceLock<Words>,
}

struct Words {
    in_order: Vec<&'static str>,
    /// For a long list; a short one is scanned, which costs less than
    /// hashing the word (lengths differ for most words, so most
    /// comparisons end there).
    set: Option<FxHashSet<&'static str>>,
}

/// Lists longer than this are looked up in a set.
const SCAN_WORDS: usize = 16;

impl WordList {
    pub const fn new(text: &'static str) -> WordList {
        WordList {
            text,
            parsed: OnceLock::new(),
        }
    }

    fn parsed(&self) -> &Words {
        self.parsed.get_or_init(|| {
            let in_order: Vec<&'static str> = entries(self.text).collect();
            let set = (in_order.len() > SCAN_WORDS).then(|| in_order.iter().copied().collect());
            Words { in_order, set }
        })
    }

    /// The words in file order.
    pub fn words(&self) -> &[&'static str] {
        &self.parsed().in_order
    }

    /// Whether `word` is on the list, exactly as written there. Asked of
    /// every word near every value when indexing.
    pub fn contains(&self, word: &str) -> bool {
        let words = self.parsed();
        match &words.set {
            Some(set) => set.contains(word),
            None => words.in_order.iter().any(|w| same_word(w, word)),
        }
    }

    /// Where `word` stands in the list, from 0.
    pub fn position(&self, word: &str) -> Option<usize> {
        self.words().iter().position(|w| *w == word)
    }
}

/// A table from a data file: rows of tab-separated columns, in file order.
pub struct Table {
    text: &'static str,
    parsed: OnceLock<Vec<Vec<&'static str>>>,
}

impl Table {
    pub const fn new(text: &'static str) -> Table {
        Table {
            text,
            parsed: OnceLock::new(),
        }
    }

    /// The rows in file order, each with its columns.
    pub fn rows(&self) -> &[Vec<&'static str>] {
        self.parsed.get_or_init(|| {
            entries(self.text)
                .map(|row| row.split('\t').map(unquote).collect())
                .collect()
        })
    }

    /// Each row's first two columns.
    pub fn pairs(&self) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
        self.rows()
            .iter()
            .map(|row| (row[0], row.get(1).copied().unwrap_or("")))
    }
}

/// `a == b`, told apart by length and first byte before the bytes are
/// compared: most words differ there, and a call to compare costs more.
pub(super) fn same_word(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.as_bytes().first() == b.as_bytes().first() && a == b
}

/// The entries of a data file: its lines less comments and blank lines.
fn entries(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(|line| line.trim_end_matches('\r'))
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(unquote)
}

/// `""` is the empty entry; anything else is itself.
fn unquote(entry: &'static str) -> &'static str {
    if entry == "\"\"" { "" } else { entry }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_skip_comments_and_blank_lines_and_keep_their_order() {
        let list = WordList::new("# A list.\n# Source: here.\n\nbeta\nalpha\n\"\"\n");
        assert_eq!(list.words(), ["beta", "alpha", ""]);
        assert!(list.contains("alpha") && list.contains("") && !list.contains("gamma"));
        assert_eq!(list.position("alpha"), Some(1));
        let table = Table::new("# A table.\nper cent\tpercent\t1\nx\n");
        assert_eq!(table.rows()[0], ["per cent", "percent", "1"]);
        assert_eq!(
            table.pairs().collect::<Vec<_>>(),
            [("per cent", "percent"), ("x", "")]
        );
    }
}
