//! What the server watches: which files count as rules and corpus files,
//! what the loaded projects need watched, and the watchers in place.
//! Session state, no scheduling.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use notify::{RecursiveMode, Watcher};
use tower_lsp_server::ls_types::{FileSystemWatcher, GlobPattern, OneOf, RelativePattern, Uri};

use super::projects::{Project, ProjectKey};
use crate::config::CONFIG_FILE_NAME;

/// The articles a corpus folder holds, for the client's watchers.
const CORPUS_GLOB: &str = "**/*.{md,markdown,mdx,txt}";

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

/// What needs watching for the loaded projects.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Targets {
    /// Folders where a `copydesk.toml` may appear, change or vanish.
    pub config_dirs: BTreeSet<PathBuf>,
    pub rules_dirs: BTreeSet<PathBuf>,
    pub corpus_dirs: BTreeSet<PathBuf>,
    /// Corpus index files and deltas, replaced by the CLI or another server.
    pub index_files: BTreeSet<PathBuf>,
}

impl Targets {
    pub fn of(projects: &HashMap<ProjectKey, Project>, folders: &[PathBuf]) -> Targets {
        let mut targets = Targets::default();
        targets.config_dirs.extend(folders.iter().cloned());
        for project in projects.values() {
            targets.config_dirs.insert(project.config.root.clone());
            targets.rules_dirs.extend(project.rules_dir());
            targets
                .corpus_dirs
                .extend(project.config.corpus_dirs.iter().cloned());
            targets.index_files.extend(project.index_files());
        }
        targets
    }

    /// Watchers for the client: every `copydesk.toml`, the rules dirs'
    /// TOML files and the corpus articles.
    pub fn client_watchers(&self, relative_patterns: bool) -> Vec<FileSystemWatcher> {
        let pattern = |dir: &Path, glob: &str| match (relative_patterns, Uri::from_file_path(dir)) {
            (true, Some(base)) => GlobPattern::Relative(RelativePattern {
                base_uri: OneOf::Right(base),
                pattern: glob.to_string(),
            }),
            _ => GlobPattern::String(format!("{}/{glob}", dir.display())),
        };
        let mut watchers = vec![FileSystemWatcher {
            glob_pattern: GlobPattern::String(format!("**/{CONFIG_FILE_NAME}")),
            kind: None,
        }];
        watchers.extend(self.rules_dirs.iter().map(|dir| FileSystemWatcher {
            glob_pattern: pattern(dir, "*.toml"),
            kind: None,
        }));
        watchers.extend(self.corpus_dirs.iter().map(|dir| FileSystemWatcher {
            glob_pattern: pattern(dir, CORPUS_GLOB),
            kind: None,
        }));
        watchers.extend(self.index_files.iter().filter_map(|file| {
            let name = file.file_name()?.to_string_lossy().into_owned();
            Some(FileSystemWatcher {
                glob_pattern: pattern(file.parent()?, &name),
                kind: None,
            })
        }));
        watchers
    }

    /// Paths for our own watcher: folders that exist, with how deep to watch.
    pub fn fallback_paths(&self) -> BTreeMap<PathBuf, RecursiveMode> {
        let mut paths = BTreeMap::new();
        for dir in self.config_dirs.iter().chain(&self.rules_dirs) {
            paths.insert(dir.clone(), RecursiveMode::NonRecursive);
        }
        for dir in &self.corpus_dirs {
            paths.insert(dir.clone(), RecursiveMode::Recursive);
        }
        for dir in self.index_files.iter().filter_map(|f| f.parent()) {
            paths
                .entry(dir.to_path_buf())
                .or_insert(RecursiveMode::NonRecursive);
        }
        paths.retain(|dir, _| dir.is_dir());
        paths
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corpus_and_rules_files_are_told_by_extension() {
        assert!(is_corpus_file(Path::new("a/B.MD")) && !is_corpus_file(Path::new("a.toml")));
        assert!(is_toml(Path::new("rules/HOUSE.TOML")) && !is_toml(Path::new("a.md")));
    }

    #[test]
    fn client_watchers_cover_configs_rules_corpus_and_index() {
        let targets = Targets {
            config_dirs: BTreeSet::from([PathBuf::from("/ws")]),
            rules_dirs: BTreeSet::from([PathBuf::from("/ws/rules")]),
            corpus_dirs: BTreeSet::from([PathBuf::from("/ws/corpus")]),
            index_files: BTreeSet::from([PathBuf::from("/ws/.copydesk-cache/corpus-index.bin")]),
        };
        let plain = targets.client_watchers(false);
        let globs: Vec<String> = plain
            .iter()
            .map(|w| match &w.glob_pattern {
                GlobPattern::String(s) => s.clone(),
                GlobPattern::Relative(r) => r.pattern.clone(),
            })
            .collect();
        assert_eq!(
            globs,
            vec![
                "**/copydesk.toml".to_string(),
                "/ws/rules/*.toml".to_string(),
                format!("/ws/corpus/{CORPUS_GLOB}"),
                "/ws/.copydesk-cache/corpus-index.bin".to_string(),
            ]
        );
        let relative = targets.client_watchers(true);
        assert!(matches!(relative[1].glob_pattern, GlobPattern::Relative(_)));
    }
}
