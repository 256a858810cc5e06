//! Watching config, rules and corpus files: through the client's
//! `workspace/didChangeWatchedFiles` when it can register watchers
//! dynamically, else with a file-system watcher of our own.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::time::Duration;

use notify::{EventKind, PollWatcher, RecursiveMode, Watcher};
use tower_lsp_server::ls_types::{
    DidChangeWatchedFilesRegistrationOptions, FileSystemWatcher, GlobPattern, MessageType, OneOf,
    Registration, RelativePattern, Unregistration, Uri,
};

use super::backend::Backend;
use super::locks::lock;
use super::watched::WatchState;
use super::workspaces::{Project, ProjectKey};
use crate::config::CONFIG_FILE_NAME;

const REGISTRATION_ID: &str = "copydesk-watched-files";
const WATCHED_FILES: &str = "workspace/didChangeWatchedFiles";
const CORPUS_GLOB: &str = "**/*.{md,markdown,mdx,txt}";
/// Changes arriving this close together are handled as one reload.
const BATCH: Duration = Duration::from_millis(100);
/// How often the polling watcher looks, when the system has no
/// file-event watcher to give (each user has a few hundred at most).
const POLL: Duration = Duration::from_secs(2);

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
    fn fallback_paths(&self) -> BTreeMap<PathBuf, RecursiveMode> {
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

impl Backend {
    /// Bring the watchers in line with the loaded projects.
    pub async fn update_watchers(&self) {
        let targets = {
            let folders = lock(&self.folders).clone();
            Targets::of(&lock(&self.projects), &folders)
        };
        let caps = self.caps();
        if caps.watched_files_dynamic {
            self.register_client_watchers(targets.client_watchers(caps.relative_patterns))
                .await;
        } else {
            self.update_fallback_watcher(&targets).await;
        }
    }

    async fn register_client_watchers(&self, watchers: Vec<FileSystemWatcher>) {
        let previous = {
            let mut state = lock(&self.watch);
            if state.registered.as_ref() == Some(&watchers) {
                return;
            }
            state.registered.replace(watchers.clone())
        };
        let client = self.client.clone();
        let this = self.clone();
        // The client answers these requests; never make a handler wait on them.
        tokio::spawn(async move {
            if previous.is_some() {
                let _ = client
                    .unregister_capability(vec![Unregistration {
                        id: REGISTRATION_ID.to_string(),
                        method: WATCHED_FILES.to_string(),
                    }])
                    .await;
            }
            let options = DidChangeWatchedFilesRegistrationOptions { watchers };
            let registration = Registration {
                id: REGISTRATION_ID.to_string(),
                method: WATCHED_FILES.to_string(),
                register_options: serde_json::to_value(options).ok(),
            };
            if let Err(error) = client.register_capability(vec![registration]).await {
                this.log(
                    MessageType::WARNING,
                    format!("the editor refused to watch files ({error}); reload by restarting the server"),
                )
                .await;
            }
        });
    }

    async fn update_fallback_watcher(&self, targets: &Targets) {
        let messages = match self.sync_fallback_watcher(targets.fallback_paths()) {
            Ok(failures) => failures,
            Err(error) => vec![format!(
                "cannot watch files ({error}); rules and corpus will not reload"
            )],
        };
        for message in messages {
            self.log(MessageType::WARNING, message).await;
        }
    }

    /// Watch exactly `wanted`; returns the paths that could not be watched.
    fn sync_fallback_watcher(
        &self,
        wanted: BTreeMap<PathBuf, RecursiveMode>,
    ) -> notify::Result<Vec<String>> {
        let mut state = lock(&self.watch);
        let mut failures = Vec::new();
        if state.fallback.is_none() {
            let (watcher, polling) = self.new_fallback_watcher()?;
            failures.extend(polling);
            state.fallback = Some(watcher);
        }
        let WatchState {
            fallback, watching, ..
        } = &mut *state;
        let Some(watcher) = fallback.as_mut() else {
            return Ok(Vec::new());
        };
        let stale: Vec<PathBuf> = watching
            .iter()
            .filter(|(path, mode)| wanted.get(*path) != Some(mode))
            .map(|(path, _)| path.clone())
            .collect();
        for path in stale {
            let _ = watcher.unwatch(&path);
            watching.remove(&path);
        }
        for (path, mode) in wanted {
            if watching.contains_key(&path) {
                continue;
            }
            match watcher.watch(&path, mode) {
                Ok(()) => {
                    watching.insert(path, mode);
                }
                Err(error) => failures.push(format!("cannot watch {}: {error}", path.display())),
            }
        }
        Ok(failures)
    }

    /// A watcher whose events are batched and handed to `files_changed`.
    /// A watcher of file-system events, or a polling one when none is left
    /// (with the reason, to log).
    fn new_fallback_watcher(&self) -> notify::Result<(Box<dyn Watcher + Send>, Option<String>)> {
        let (sender, mut receiver) = tokio::sync::mpsc::unbounded_channel::<Vec<PathBuf>>();
        let handler = |sender: tokio::sync::mpsc::UnboundedSender<Vec<PathBuf>>| {
            move |event: notify::Result<notify::Event>| {
                if let Ok(event) = event
                    && !matches!(event.kind, EventKind::Access(_))
                {
                    let _ = sender.send(event.paths);
                }
            }
        };
        let watcher: (Box<dyn Watcher + Send>, Option<String>) = match notify::recommended_watcher(
            handler(sender.clone()),
        ) {
            Ok(watcher) => (Box::new(watcher), None),
            Err(error) => {
                let config = notify::Config::default().with_poll_interval(POLL);
                let polling = PollWatcher::new(handler(sender), config)?;
                let note = format!(
                    "cannot watch files for events ({error}); looking for changes every {} s instead",
                    POLL.as_secs()
                );
                (Box::new(polling), Some(note))
            }
        };
        let this = self.clone();
        tokio::spawn(async move {
            while let Some(mut paths) = receiver.recv().await {
                tokio::time::sleep(BATCH).await;
                while let Ok(more) = receiver.try_recv() {
                    paths.extend(more);
                }
                paths.sort();
                paths.dedup();
                this.files_changed(paths).await;
            }
        });
        Ok(watcher)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
