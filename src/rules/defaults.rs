//! The default rule set from `rules/`, embedded so that `copydesk lint` works
//! from any directory with no setup.

use std::path::PathBuf;

use super::RuleSource;

/// Embedded files are reported under this prefix, e.g. `<builtin>/places.toml`.
pub(crate) const EMBEDDED_PREFIX: &str = "<builtin>";

const EMBEDDED: &[(&str, &str)] = &[
    ("places.toml", include_str!("../../rules/places.toml")),
    ("quotes.toml", include_str!("../../rules/quotes.toml")),
    (
        "thresholds.toml",
        include_str!("../../rules/thresholds.toml"),
    ),
];

/// The embedded default rules, in load order.
pub fn embedded_sources() -> Vec<RuleSource> {
    EMBEDDED
        .iter()
        .map(|(name, text)| RuleSource {
            path: PathBuf::from(EMBEDDED_PREFIX).join(name),
            text: (*text).to_string(),
        })
        .collect()
}
