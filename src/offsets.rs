//! Byte offsets and counts kept as `u32`, where indexes and the language
//! server's positions hold millions of them.

/// `n` as a `u32`, saturating: texts past 4 GiB are not supported, and a
/// saturated offset still points near the right place, where a wrapped
/// one would point anywhere.
pub fn narrow(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
