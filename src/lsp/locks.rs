//! Shared-state helpers every layer uses: a mutex lock that survives a
//! poisoned mutex, and the text of a caught panic.

use std::any::Any;
use std::sync::{Mutex, MutexGuard, PoisonError};

/// Lock a mutex even if a panicking thread poisoned it: every critical
/// section leaves the data consistent, and a panic must not wedge the server.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

pub(crate) fn panic_message(panic: &(dyn Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".to_string())
}
