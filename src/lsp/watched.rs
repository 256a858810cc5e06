//! What the server watches: which files count as rules and corpus files,
//! and the watchers in place. Session state, no scheduling.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use notify::{RecursiveMode, Watcher};
use tower_lsp_server::ls_types::FileSystemWatcher;

pub fn is_toml(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
}

pub fn is_corpus_file(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["md", "markdown", "mdx", "txt"].contains(&e.to_ascii_lowercase().as_str())
    })
}

/// What is being watched now, by either means.
#[derive(Default)]
pub struct WatchState {
    pub registered: Option<Vec<FileSystemWatcher>>,
    /// Our own watcher: file-system events, or polling when the system
    /// has no event watcher left to give.
    pub fallback: Option<Box<dyn Watcher + Send>>,
    pub watching: BTreeMap<PathBuf, RecursiveMode>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corpus_and_rules_files_are_told_by_extension() {
        assert!(is_corpus_file(Path::new("a/B.MD")) && !is_corpus_file(Path::new("a.toml")));
        assert!(is_toml(Path::new("rules/HOUSE.TOML")) && !is_toml(Path::new("a.md")));
    }
}
