//! Records decoded from an index, kept for the next lookups: drafts on one
//! story ask for the same statements and quotations again and again.

use std::sync::{Arc, Mutex, PoisonError};

use rustc_hash::FxHashMap;

/// Decoded records kept before the cache is emptied, so that a
/// long-running language server's memory stays bounded.
const KEPT: usize = 10_000;

/// A cache of decoded records by id, shared by the clones of an index.
#[derive(Debug)]
pub struct Decoded<T> {
    records: Arc<Mutex<FxHashMap<u32, Arc<T>>>>,
}

impl<T> Default for Decoded<T> {
    fn default() -> Self {
        Decoded {
            records: Arc::default(),
        }
    }
}

impl<T> Clone for Decoded<T> {
    fn clone(&self) -> Self {
        Decoded {
            records: self.records.clone(),
        }
    }
}

impl<T> Decoded<T> {
    /// Record `id`, decoded by `decode` unless it is cached.
    pub fn get_or_decode(&self, id: u32, decode: impl FnOnce() -> Option<T>) -> Option<Arc<T>> {
        let records = || self.records.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(found) = records().get(&id) {
            return Some(found.clone());
        }
        let record = Arc::new(decode()?);
        let mut records = records();
        if records.len() >= KEPT {
            records.clear();
        }
        records.insert(id, record.clone());
        Some(record)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_is_decoded_once() {
        let cache: Decoded<String> = Decoded::default();
        let mut calls = 0;
        for _ in 0..3 {
            let found = cache.get_or_decode(7, || {
                calls += 1;
                Some("seven".to_string())
            });
            assert_eq!(found.as_deref().map(String::as_str), Some("seven"));
        }
        assert_eq!(calls, 1);
        assert!(cache.get_or_decode(8, || None).is_none());
    }
}
