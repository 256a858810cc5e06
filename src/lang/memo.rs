//! Per-thread memos of what is worked out from one word: the same few
//! thousand words come back in every article of a corpus.

use std::cell::RefCell;
use std::thread::LocalKey;

use rustc_hash::FxHashMap;

/// Words a memo keeps; past that it starts again, so that a corpus of
/// any size holds it to a few megabytes per thread.
const MEMO_WORDS: usize = 65_536;

/// A memo's storage, declared with `thread_local!`.
pub type Memo<V> = RefCell<FxHashMap<String, V>>;

/// `work(word)`, from `memo` when the word was seen lately. `work` must
/// not use the same memo.
pub fn remembered<V: Clone>(
    memo: &'static LocalKey<Memo<V>>,
    word: &str,
    work: impl FnOnce(&str) -> V,
) -> V {
    memo.with_borrow_mut(|seen| {
        if let Some(value) = seen.get(word) {
            return value.clone();
        }
        let value = work(word);
        if seen.len() >= MEMO_WORDS {
            seen.clear();
        }
        seen.insert(word.to_string(), value.clone());
        value
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    thread_local! {
        static LENGTHS: Memo<usize> = Memo::default();
    }

    #[test]
    fn a_word_is_worked_out_once_and_then_remembered() {
        let calls = Cell::new(0);
        let length = |word: &str| {
            calls.set(calls.get() + 1);
            word.len()
        };
        assert_eq!(remembered(&LENGTHS, "Kyiv", length), 4);
        assert_eq!(remembered(&LENGTHS, "Kyiv", length), 4);
        assert_eq!(remembered(&LENGTHS, "Syrskyi", length), 7);
        assert_eq!(calls.get(), 2);
    }
}
