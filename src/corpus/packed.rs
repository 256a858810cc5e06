//! Many short strings in one allocation. An article's facts hold hundreds
//! (its spellings, its lower-case words); one allocation each, made by the
//! thread that analysed the article and freed by the one that merged it,
//! was a fifth of indexing time spent in the allocator.

use crate::offsets::narrow;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackedStrings {
    text: String,
    /// Where each string ends in `text`.
    ends: Vec<u32>,
}

impl PackedStrings {
    /// Add `string` at the end.
    pub fn push(&mut self, string: &str) {
        self.text.push_str(string);
        self.ends.push(narrow(self.text.len()));
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// The `i`th string; empty if stored bounds are not those of a string
    /// of `text` (stored facts are checksummed, so only a bug would do it).
    pub fn get(&self, i: usize) -> &str {
        let start = match i {
            0 => 0,
            _ => self.ends.get(i - 1).copied().unwrap_or(0) as usize,
        };
        let end = self.ends.get(i).copied().unwrap_or(0) as usize;
        self.text.get(start..end).unwrap_or("")
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    /// Where `string` is, for strings pushed in sorted order.
    pub fn position(&self, string: &str) -> Option<usize> {
        let (mut low, mut high) = (0, self.len());
        while low < high {
            let middle = low + (high - low) / 2;
            match self.get(middle).cmp(string) {
                std::cmp::Ordering::Less => low = middle + 1,
                std::cmp::Ordering::Greater => high = middle,
                std::cmp::Ordering::Equal => return Some(middle),
            }
        }
        None
    }
}

impl<'a> FromIterator<&'a str> for PackedStrings {
    fn from_iter<I: IntoIterator<Item = &'a str>>(strings: I) -> PackedStrings {
        let mut packed = PackedStrings::default();
        strings.into_iter().for_each(|s| packed.push(s));
        packed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_come_back_in_order_and_sorted_ones_are_found() {
        let words = ["", "Kyiv", "Oleksandr Syrskyi", "Zelensky", "Łódź"];
        let packed: PackedStrings = words.into_iter().collect();
        assert_eq!(packed.len(), words.len());
        assert_eq!(packed.iter().collect::<Vec<_>>(), words);
        for (i, word) in words.iter().enumerate() {
            assert_eq!(packed.position(word), Some(i));
        }
        assert_eq!(packed.position("Kiev"), None);
        assert_eq!(packed.get(words.len()), "");
    }

    #[test]
    fn damaged_bounds_give_empty_strings_not_panics() {
        let damaged = PackedStrings {
            text: "Łódź".to_string(),
            ends: vec![1, 40, 0],
        };
        assert_eq!(damaged.iter().collect::<Vec<_>>(), ["", "", ""]);
    }
}
