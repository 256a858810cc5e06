//! The text of a caught panic, for the error a request answers with or
//! the log line a notification leaves: a panic never takes the server down.

use std::any::Any;

pub(crate) fn panic_message(panic: &(dyn Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".to_string())
}
