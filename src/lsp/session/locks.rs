//! The session's one way to take a lock.

use std::sync::{Mutex, MutexGuard, PoisonError};

/// Lock a mutex even if a panicking thread poisoned it: every critical
/// section leaves the data consistent, and a panic must not wedge the server.
pub(super) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
