//! Projects: which config governs a document, and loading that config's
//! rules (at once) and corpus (in the background, by the caller).
//!
//! A document belongs to the nearest `copydesk.toml` above it, as with
//! `copydesk lint`; with none, to the deepest workspace folder holding it,
//! with the default configuration rooted there.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::config::Config;
use crate::corpus::Corpus;
use crate::linter::Linter;
use crate::lsp::confine::Confinement;
use crate::lsp::diagnostics::FileProblem;
use crate::lsp::settings::ClientSettings;
use crate::rules::RuleSet;
use crate::workspace::postgres::DatabaseLink;
use crate::workspace::{
    CacheReport, LoadWarning, discover_config, load_config, load_corpus_cached, read_rules,
};

/// Identifies a project: its config file, or the folder defaults apply to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ProjectKey {
    Config(PathBuf),
    Folder(PathBuf),
}

impl ProjectKey {
    /// The folder the project governs.
    pub fn root(&self) -> &Path {
        match self {
            ProjectKey::Config(path) => path.parent().unwrap_or(path),
            ProjectKey::Folder(folder) => folder,
        }
    }

    /// The project for a document at `path` (none for an untitled buffer).
    pub fn for_document(path: Option<&Path>, folders: &[PathBuf]) -> ProjectKey {
        let Some(path) = path else {
            return ProjectKey::Folder(folders.first().cloned().unwrap_or_else(current_dir));
        };
        let dir = path.parent().unwrap_or(path);
        if let Some(config) = discover_config(dir) {
            return ProjectKey::Config(config);
        }
        match deepest_folder(path, folders) {
            Some(folder) => ProjectKey::Folder(folder.to_path_buf()),
            None => ProjectKey::Folder(dir.to_path_buf()),
        }
    }
}

fn current_dir() -> PathBuf {
    std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/"))
}

/// The innermost workspace folder containing `path`.
pub fn deepest_folder<'a>(path: &Path, folders: &'a [PathBuf]) -> Option<&'a Path> {
    folders
        .iter()
        .filter(|folder| path.starts_with(folder))
        .max_by_key(|folder| folder.components().count())
        .map(PathBuf::as_path)
}

static GENERATIONS: AtomicU64 = AtomicU64::new(1);

/// A new, never-used generation number: every change to a project's rules,
/// corpus or settings gets one, and analyses are tied to it.
pub fn next_generation() -> u64 {
    GENERATIONS.fetch_add(1, Ordering::Relaxed)
}

/// A loaded configuration with its rules and (eventually) corpus.
pub struct Project {
    pub config: Config,
    pub rules: Arc<RuleSet>,
    pub corpus: Arc<Corpus>,
    pub corpus_ready: bool,
    /// The corpus index files as they were when the corpus was installed:
    /// a watcher event for a file the server itself just wrote or opened
    /// is not a change.
    pub index_seen: Vec<(PathBuf, Option<FileVersion>)>,
    pub linter: Arc<Linter>,
    /// The corpus database the corpus is asked of, when it is one.
    pub database: Option<Arc<DatabaseLink>>,
    pub generation: u64,
    /// Problems in its config and rules files.
    pub problems: Vec<FileProblem>,
    /// One-line errors to show the user (a missing rules or corpus dir).
    pub errors: Vec<String>,
    /// The rules directory when the server may write to it (inside the
    /// workspace, which the editor trusts); settled once at load, since
    /// resolving it touches the file system and code actions ask often.
    pub writable_rules_dir: Option<PathBuf>,
}

impl Project {
    /// Read the config and the rules; the corpus starts empty and is loaded
    /// by [`load_corpus_for`] in the background.
    pub fn load(
        key: &ProjectKey,
        settings: &ClientSettings,
        folders: &[PathBuf],
        trusted: bool,
    ) -> Project {
        let mut problems = Vec::new();
        let mut errors = Vec::new();
        let mut config = match key {
            ProjectKey::Folder(root) => Config::default_for(root.clone()),
            ProjectKey::Config(path) => match load_config(path) {
                Ok(config) => config,
                Err(error) => {
                    if let crate::workspace::WorkspaceError::Config(e) = &error {
                        problems.push(FileProblem {
                            path: e.path.clone(),
                            line: e.line,
                            column: e.column,
                            bytes: None,
                            message: e.message.clone(),
                        });
                    }
                    errors.push(format!("{error} (using the default configuration)"));
                    let root = path.parent().map(Path::to_path_buf).unwrap_or_default();
                    let mut fallback = Config::default_for(root);
                    fallback.path = Some(path.clone());
                    fallback
                }
            },
        };
        // The editor's relative `rulesDir`/`corpusDirs` resolve against the folder.
        let base = deepest_folder(&config.root, folders)
            .map(Path::to_path_buf)
            .unwrap_or_else(|| config.root.clone());
        let roots = if folders.is_empty() {
            std::slice::from_ref(&config.root)
        } else {
            folders
        };
        let confinement = Confinement::new(roots, trusted);
        // A config inside the workspace came with the repository; one above
        // it is the user's own, and only an untrusted workspace confines it.
        let from_repository = config.path.as_ref().is_none_or(|p| confinement.contains(p));
        if from_repository || !trusted {
            let origin = config
                .path
                .as_ref()
                .map_or("the default configuration".to_string(), |p| {
                    p.display().to_string()
                });
            errors.extend(confinement.confine_reads(&mut config, &origin));
        }
        settings.apply(&mut config, &base);
        if !trusted {
            errors.extend(confinement.confine_reads(&mut config, "the editor settings"));
        }
        let caching = config.cache_dir.is_some();
        confinement.confine_writes(&mut config);
        // A corpus the user's own settings name (a shared archive, as a
        // rule) is indexed once per user, not in each workspace; an
        // untrusted workspace writes nothing anywhere.
        if trusted && caching && settings.corpus_dirs.is_some() && !config.corpus_dirs.is_empty() {
            config.cache_dir = match crate::workspace::user_cache_for(&config.corpus_dirs) {
                Ok(dir) => Some(dir),
                Err(problem) => {
                    errors.push(format!("{problem}; the corpus is not cached"));
                    None
                }
            };
        }
        let writable_rules_dir = rules_dir_of(&config).filter(|dir| confinement.may_write(dir));
        let rules = load_rules(&config, &mut problems, &mut errors);
        let corpus = Arc::new(Corpus::empty());
        let linter = Arc::new(Linter::new(
            rules.clone(),
            corpus.clone(),
            config.settings.clone(),
        ));
        Project {
            corpus_ready: config.corpus_dirs.is_empty() && config.corpus_url.is_none(),
            config,
            rules,
            corpus,
            index_seen: Vec::new(),
            linter,
            database: None,
            generation: next_generation(),
            problems,
            errors,
            writable_rules_dir,
        }
    }

    /// Re-read the rules dir, keeping the corpus.
    pub fn reload_rules(&mut self) {
        self.problems
            .retain(|p| Some(&p.path) == self.config.path.as_ref());
        self.errors.clear();
        self.rules = load_rules(&self.config, &mut self.problems, &mut self.errors);
        self.rebuild_linter();
    }

    /// Install a freshly loaded corpus, and the database it is asked of.
    pub fn set_corpus(&mut self, corpus: Arc<Corpus>, database: Option<Arc<DatabaseLink>>) {
        self.database = database;
        self.corpus = corpus;
        self.corpus_ready = true;
        self.index_seen = self
            .index_files()
            .into_iter()
            .map(|file| {
                let version = file_version(&file);
                (file, version)
            })
            .collect();
        self.rebuild_linter();
    }

    /// Whether `path` is one of this project's corpus index files,
    /// replaced, created or removed since the corpus was installed (by the
    /// CLI or another server).
    pub fn index_replaced(&self, path: &Path) -> bool {
        self.index_seen
            .iter()
            .any(|(file, seen)| file == path && file_version(path) != *seen)
    }

    fn rebuild_linter(&mut self) {
        self.linter = Arc::new(Linter::new(
            self.rules.clone(),
            self.corpus.clone(),
            self.config.settings.clone(),
        ));
        self.generation = next_generation();
    }

    /// The rules directory, existing or to be created beside the config.
    pub fn rules_dir(&self) -> Option<PathBuf> {
        rules_dir_of(&self.config)
    }

    /// The corpus index files the project shares with the CLI (the index
    /// and its delta), if it caches one: when another process replaces
    /// either, the server opens the new index.
    pub fn index_files(&self) -> Vec<PathBuf> {
        match &self.config.cache_dir {
            Some(dir) if !self.config.corpus_dirs.is_empty() => {
                [crate::workspace::CACHE_FILE, crate::workspace::DELTA_FILE]
                    .map(|name| dir.join(name))
                    .to_vec()
            }
            _ => Vec::new(),
        }
    }
}

/// A file's size and modification time.
pub type FileVersion = (u64, Option<std::time::SystemTime>);

fn file_version(path: &Path) -> Option<FileVersion> {
    let metadata = std::fs::metadata(path).ok()?;
    Some((metadata.len(), metadata.modified().ok()))
}

/// The rules directory of `config`, existing or to be created beside the
/// config file; none when no config file or editor setting names a place.
fn rules_dir_of(config: &Config) -> Option<PathBuf> {
    match (&config.rules_dir, &config.path) {
        (Some(dir), _) => Some(dir.clone()),
        (None, Some(_)) => Some(config.root.join("rules")),
        (None, None) => None,
    }
}

/// The rules `config` names; a missing rules dir is reported and the
/// built-in rules still apply.
fn load_rules(
    config: &Config,
    problems: &mut Vec<FileProblem>,
    errors: &mut Vec<String>,
) -> Arc<RuleSet> {
    let (rules, rule_errors) = match read_rules(config) {
        Ok(loaded) => loaded,
        Err(error) => {
            errors.push(format!("{error} (using the built-in rules only)"));
            let mut without_dir = config.clone();
            without_dir.rules_dir = None;
            without_dir.path = None;
            read_rules(&without_dir).unwrap_or_default()
        }
    };
    problems.extend(rule_errors.into_iter().map(|e| FileProblem {
        line: e.start.line,
        column: e.start.column,
        bytes: Some(e.range.clone()),
        path: e.path,
        message: e.message,
    }));
    Arc::new(rules)
}

/// Where a project's corpus comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum CorpusSource {
    Folders {
        dirs: Vec<PathBuf>,
        cache_dir: Option<PathBuf>,
        modified_dates: bool,
    },
    Database(String),
}

impl CorpusSource {
    /// The source `config` names, if any.
    pub fn of(config: &Config) -> Option<CorpusSource> {
        match (&config.corpus_url, config.corpus_dirs.is_empty()) {
            (Some(url), _) => Some(CorpusSource::Database(url.clone())),
            (None, false) => Some(CorpusSource::Folders {
                dirs: config.corpus_dirs.clone(),
                cache_dir: config.cache_dir.clone(),
                modified_dates: config.modified_dates,
            }),
            (None, true) => None,
        }
    }
}

/// A corpus read and ready to install.
pub struct LoadedCorpus {
    pub corpus: Arc<Corpus>,
    pub warnings: Vec<LoadWarning>,
    pub cache: CacheReport,
    pub database: Option<Arc<DatabaseLink>>,
}

/// Read and index a corpus, or open its database (blocking; run it off
/// the async threads).
pub fn load_corpus_for(source: &CorpusSource) -> Result<LoadedCorpus, String> {
    match source {
        CorpusSource::Folders {
            dirs,
            cache_dir,
            modified_dates,
        } => {
            let load = load_corpus_cached(dirs, cache_dir.as_deref(), *modified_dates)
                .map_err(|e| e.to_string())?;
            Ok(LoadedCorpus {
                corpus: Arc::new(load.corpus),
                warnings: load.warnings,
                cache: load.cache,
                database: None,
            })
        }
        CorpusSource::Database(url) => {
            let opened = crate::workspace::postgres::open(url)?;
            Ok(LoadedCorpus {
                corpus: opened.corpus,
                warnings: Vec::new(),
                cache: CacheReport::default(),
                database: Some(opened.link),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_belong_to_the_nearest_config_else_the_deepest_folder() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path().canonicalize().expect("canonical");
        let desk = root.join("desk");
        let other = root.join("other/inner");
        std::fs::create_dir_all(&desk).expect("mkdir");
        std::fs::create_dir_all(&other).expect("mkdir");
        std::fs::write(desk.join("copydesk.toml"), "").expect("write");
        let folders = vec![root.clone(), root.join("other")];
        assert_eq!(
            ProjectKey::for_document(Some(&desk.join("a.md")), &folders),
            ProjectKey::Config(desk.join("copydesk.toml"))
        );
        assert_eq!(
            ProjectKey::for_document(Some(&other.join("b.md")), &folders),
            ProjectKey::Folder(root.join("other"))
        );
    }

    #[test]
    fn a_broken_config_is_a_problem_in_that_file_and_defaults_apply() {
        let dir = tempfile::tempdir().expect("tempdir");
        let config = dir.path().join("copydesk.toml");
        std::fs::write(&config, "rules = 3\n").expect("write");
        let project = Project::load(
            &ProjectKey::Config(config.clone()),
            &ClientSettings::default(),
            &[],
            true,
        );
        assert_eq!(project.problems.len(), 1);
        assert_eq!(project.problems[0].path, config);
        assert_eq!(project.problems[0].line, 1);
        assert!(project.errors[0].contains("using the default configuration"));
        assert!(project.rules.name_rule_for_variant("Kiev").is_some());
        assert_eq!(project.rules_dir(), Some(dir.path().join("rules")));
    }

    #[test]
    fn only_an_index_replaced_since_the_corpus_loaded_is_a_change() {
        let dir = tempfile::tempdir().expect("tempdir");
        let config = dir.path().join("copydesk.toml");
        std::fs::create_dir_all(dir.path().join("corpus")).expect("mkdir");
        std::fs::write(dir.path().join("corpus/a.md"), "Talks in Kyiv.").expect("write");
        std::fs::write(&config, "corpus = \"corpus\"\n").expect("write");
        let mut project = Project::load(
            &ProjectKey::Config(config),
            &ClientSettings::default(),
            &[],
            true,
        );
        let [index, delta] = &project.index_files()[..] else {
            panic!("an index and a delta file");
        };
        let source = CorpusSource::of(&project.config).expect("a corpus");
        let loaded = load_corpus_for(&source).expect("loads");
        project.set_corpus(loaded.corpus, None);
        assert!(!project.index_replaced(index), "the server's own write");
        assert!(!project.index_replaced(delta), "no delta, as before");
        assert!(!project.index_replaced(&dir.path().join("corpus/a.md")));
        std::fs::write(delta, b"a delta written by another process").expect("write");
        assert!(project.index_replaced(delta));
        std::fs::write(index, b"a longer file written by another process").expect("replace");
        assert!(project.index_replaced(index));
    }
}
