//! The session: everything the server holds between messages (open
//! documents, projects with their rules and corpus, editor settings and
//! folders, what is watched and published) and the only place with locks.
//! It stores, mutates and hands out immutable snapshots; it never
//! schedules, publishes or talks to the client.
//! May import the server's leaves (protocol, positions, settings,
//! confinement, capabilities, diagnostics, analysis) and the crate below.

mod documents;
mod evidence;
mod locks;
mod projects;
mod settings;
mod watched;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use ropey::Rope;
use tower_lsp_server::ls_types::{FileSystemWatcher, TextDocumentContentChangeEvent, Uri};

pub use documents::OpenDocument;
pub use evidence::EvidenceTexts;
pub use projects::{
    CorpusSource, LoadedCorpus, Project, ProjectKey, load_corpus_for, next_generation,
};
pub use watched::{Targets, WatchState, is_corpus_file, is_toml};

use super::analysis::{Analysis, DocumentSnapshot, is_prose};
use super::capabilities::ClientCaps;
use super::diagnostics::FileProblem;
use super::settings::ClientSettings;
use crate::config::CONFIG_FILE_NAME;
use crate::corpus::Corpus;
use crate::document::DocumentKind;
use crate::linter::Linter;
use crate::rules::RuleSet;
use crate::workspace::FileSelector;
use crate::workspace::postgres::DatabaseLink;
use documents::Documents;
use evidence::FileCache;
use locks::lock;
use projects::deepest_folder;
use settings::SettingsState;

#[derive(Default)]
pub struct Session {
    caps: OnceLock<ClientCaps>,
    /// The editor's workspace trust, from `initializationOptions`
    /// (`workspaceTrusted`); editors without the notion trust.
    trusted: OnceLock<bool>,
    documents: Mutex<Documents>,
    projects: Mutex<HashMap<ProjectKey, Project>>,
    /// Serialises project loading, so a project is loaded once.
    loading: tokio::sync::Mutex<()>,
    /// The (version, generation) last pushed for each document.
    published: tokio::sync::Mutex<HashMap<Uri, (i32, u64)>>,
    settings: Mutex<SettingsState>,
    folders: Mutex<Vec<PathBuf>>,
    /// Config and rules files that have problem diagnostics showing.
    problem_files: tokio::sync::Mutex<HashSet<Uri>>,
    watch: Mutex<WatchState>,
    /// Rules files read for evidence positions; cleared on reload.
    evidence_files: FileCache,
    /// The latest corpus load per project; an older load's result is dropped.
    corpus_loads: Mutex<HashMap<ProjectKey, u64>>,
    /// Errors found before the client was ready to show them.
    startup_errors: Mutex<Vec<String>>,
}

/// What a document needs next: its analysis is done, or a snapshot to run.
pub enum Prepared {
    Done(Arc<Analysis>),
    Run(DocumentSnapshot),
}

/// An open document as code actions see it.
pub struct DocumentView {
    pub rope: Rope,
    pub version: i32,
    pub kind: DocumentKind,
    /// The rules folder the server may write to for its project.
    pub writable_rules_dir: Option<PathBuf>,
}

/// Which projects a set of changed files touches, and how.
#[derive(Debug, Default)]
pub struct Touched {
    pub configs: BTreeSet<ProjectKey>,
    pub rules: BTreeSet<ProjectKey>,
    pub corpora: BTreeSet<ProjectKey>,
    /// A `copydesk.toml` appeared, changed or vanished: documents may
    /// belong to another project now.
    pub rediscover: bool,
}

impl Touched {
    pub fn is_empty(&self) -> bool {
        self.configs.is_empty()
            && self.rules.is_empty()
            && self.corpora.is_empty()
            && !self.rediscover
    }
}

/// The files of one project to lint, with what linting them needs.
pub struct ProjectJob {
    pub selector: FileSelector,
    pub linter: Arc<Linter>,
    pub database: Option<Arc<DatabaseLink>>,
    pub texts: Arc<EvidenceTexts>,
}

/// A turn at loading projects: loads are serialised while it is held.
pub struct LoadingTurn<'a>(#[allow(dead_code)] tokio::sync::MutexGuard<'a, ()>);

impl Session {
    // ---- the client ----------------------------------------------------

    pub fn caps(&self) -> ClientCaps {
        self.caps.get().copied().unwrap_or_default()
    }

    pub fn set_caps(&self, caps: ClientCaps) {
        let _ = self.caps.set(caps);
    }

    pub fn trusted(&self) -> bool {
        self.trusted.get().copied().unwrap_or(true)
    }

    pub fn set_trusted(&self, trusted: bool) {
        let _ = self.trusted.set(trusted);
    }

    pub fn add_startup_errors(&self, errors: impl IntoIterator<Item = String>) {
        lock(&self.startup_errors).extend(errors);
    }

    pub fn take_startup_errors(&self) -> Vec<String> {
        std::mem::take(&mut *lock(&self.startup_errors))
    }

    // ---- folders and settings --------------------------------------------

    pub fn folders(&self) -> Vec<PathBuf> {
        lock(&self.folders).clone()
    }

    pub fn set_folders(&self, folders: Vec<PathBuf>) {
        *lock(&self.folders) = folders;
    }

    pub fn change_folders(&self, added: Vec<PathBuf>, removed: &[PathBuf]) {
        let mut folders = lock(&self.folders);
        folders.retain(|f| !removed.contains(f));
        folders.extend(added);
    }

    pub fn set_init_settings(&self, settings: ClientSettings) {
        lock(&self.settings).init = settings;
    }

    /// Replace the global settings; whether they changed.
    pub fn set_global_settings(&self, global: ClientSettings) -> bool {
        let mut state = lock(&self.settings);
        let changed = state.global != global;
        state.global = global;
        changed
    }

    /// Replace the global and per-folder settings the client gave; whether
    /// any changed.
    pub fn set_pulled_settings(
        &self,
        global: ClientSettings,
        scoped: Vec<(PathBuf, ClientSettings)>,
    ) -> bool {
        let mut settings = lock(&self.settings);
        let changed = settings.global != global
            || scoped.iter().any(|(folder, s)| {
                settings
                    .folders
                    .get(folder)
                    .unwrap_or(&ClientSettings::default())
                    != s
            });
        settings.global = global;
        settings.folders = scoped.into_iter().collect();
        changed
    }

    pub fn debounce(&self) -> Duration {
        let settings = lock(&self.settings);
        settings.init.overlay(&settings.global).debounce()
    }

    /// The settings that govern a project: those of its deepest folder.
    pub fn settings_for(&self, key: &ProjectKey) -> ClientSettings {
        let folders = self.folders();
        lock(&self.settings).for_folder(deepest_folder(key.root(), &folders))
    }

    // ---- documents -------------------------------------------------------

    pub fn open_document(&self, uri: Uri, document: OpenDocument) {
        lock(&self.documents).open.insert(uri, document);
    }

    /// Apply the client's changes; `false` when the document is not open.
    pub fn change_document(
        &self,
        uri: &Uri,
        changes: &[TextDocumentContentChangeEvent],
        version: i32,
    ) -> bool {
        let encoding = self.caps().encoding;
        let mut documents = lock(&self.documents);
        let Some(doc) = documents.open.get_mut(uri) else {
            return false;
        };
        for change in changes {
            doc.apply_change(change, encoding);
        }
        doc.set_version(version);
        true
    }

    /// Forget a closed document, stopping its analyses.
    pub async fn close_document(&self, uri: &Uri) {
        if let Some(doc) = lock(&self.documents).open.remove(uri) {
            doc.cancel_analyses();
        }
        self.published.lock().await.remove(uri);
    }

    /// An open document's project, if resolved, and its path.
    pub fn document_place(&self, uri: &Uri) -> Option<(Option<ProjectKey>, Option<PathBuf>)> {
        let documents = lock(&self.documents);
        let doc = documents.open.get(uri)?;
        Some((doc.project.clone(), doc.path.clone()))
    }

    pub fn set_document_project(&self, uri: &Uri, key: ProjectKey) -> Option<()> {
        lock(&self.documents).open.get_mut(uri)?.project = Some(key);
        Some(())
    }

    /// A new ticket for an analysis of `uri`: the latest one wins.
    pub fn next_ticket(&self, uri: &Uri) -> Option<u64> {
        let mut documents = lock(&self.documents);
        let doc = documents.open.get_mut(uri)?;
        doc.ticket += 1;
        Some(doc.ticket)
    }

    pub fn is_latest_ticket(&self, uri: &Uri, ticket: u64) -> bool {
        lock(&self.documents)
            .open
            .get(uri)
            .is_some_and(|doc| doc.ticket == ticket)
    }

    pub fn version_of(&self, uri: &Uri) -> Option<i32> {
        lock(&self.documents).open.get(uri).map(|doc| doc.version)
    }

    /// The analysis of the document's current version with its project's
    /// current rules and corpus, or a snapshot to make it from.
    pub fn prepare_analysis(&self, uri: &Uri, key: &ProjectKey) -> Option<Prepared> {
        // Lock order everywhere: documents, then projects.
        let documents = lock(&self.documents);
        let doc = documents.open.get(uri)?;
        let projects = lock(&self.projects);
        let project = projects.get(key)?;
        if let Some(done) = doc.current_analysis(project.generation) {
            return Some(Prepared::Done(done));
        }
        Some(Prepared::Run(DocumentSnapshot {
            rope: doc.rope.clone(),
            version: doc.version,
            kind: doc.kind,
            path: doc.path.clone(),
            lint: is_prose(doc.path.as_deref()),
            linter: project.linter.clone(),
            database: project.database.clone(),
            generation: project.generation,
            texts: Arc::new(self.evidence_texts(project)),
            encoding: self.caps().encoding,
            cancel: doc.cancel.clone(),
        }))
    }

    /// Keep `analysis` as the document's latest, if it is of its version.
    pub fn store_analysis(&self, uri: &Uri, analysis: &Arc<Analysis>) {
        if let Some(doc) = lock(&self.documents).open.get_mut(uri)
            && doc.version == analysis.version
        {
            doc.analysis = Some(analysis.clone());
        }
    }

    /// Send `analysis` with `send` unless the document has changed since,
    /// or a result for the same version and generation went out already.
    /// The check and the send happen under one lock, so an older result
    /// can never overtake a newer one.
    pub async fn publish_if_current<F: Future<Output = ()>>(
        &self,
        uri: &Uri,
        analysis: &Analysis,
        send: impl FnOnce() -> F,
    ) {
        let mut published = self.published.lock().await;
        let current = {
            let documents = lock(&self.documents);
            let projects = lock(&self.projects);
            documents.open.get(uri).is_some_and(|doc| {
                doc.version == analysis.version
                    && doc
                        .project
                        .as_ref()
                        .and_then(|key| projects.get(key))
                        .is_some_and(|p| p.generation == analysis.generation)
            })
        };
        let stamp = (analysis.version, analysis.generation);
        if !current || published.get(uri) == Some(&stamp) {
            return;
        }
        published.insert(uri.clone(), stamp);
        send().await;
    }

    /// The open documents of a project.
    pub fn documents_of(&self, key: &ProjectKey) -> Vec<Uri> {
        lock(&self.documents)
            .open
            .iter()
            .filter(|(_, doc)| doc.project.as_ref() == Some(key))
            .map(|(uri, _)| uri.clone())
            .collect()
    }

    /// Every open document with its path and project.
    pub fn open_documents(&self) -> Vec<(Uri, Option<PathBuf>, Option<ProjectKey>)> {
        lock(&self.documents)
            .open
            .iter()
            .map(|(uri, doc)| (uri.clone(), doc.path.clone(), doc.project.clone()))
            .collect()
    }

    /// An open document as it is now, for code actions.
    pub fn document_view(&self, uri: &Uri) -> Option<DocumentView> {
        let documents = lock(&self.documents);
        let doc = documents.open.get(uri)?;
        let writable_rules_dir = doc.project.as_ref().and_then(|key| {
            lock(&self.projects)
                .get(key)
                .and_then(|p| p.writable_rules_dir.clone())
        });
        Some(DocumentView {
            rope: doc.rope.clone(),
            version: doc.version,
            kind: doc.kind,
            writable_rules_dir,
        })
    }

    /// The root folder of an open document's project.
    pub fn project_root_of(&self, uri: &Uri) -> Option<PathBuf> {
        let documents = lock(&self.documents);
        let projects = lock(&self.projects);
        documents
            .open
            .get(uri)
            .and_then(|doc| doc.project.as_ref())
            .and_then(|key| projects.get(key))
            .map(|p| p.config.root.clone())
    }

    // ---- projects --------------------------------------------------------

    pub fn has_project(&self, key: &ProjectKey) -> bool {
        lock(&self.projects).contains_key(key)
    }

    /// Wait for a turn at loading projects.
    pub async fn loading_turn(&self) -> LoadingTurn<'_> {
        LoadingTurn(self.loading.lock().await)
    }

    pub fn project_keys(&self) -> Vec<ProjectKey> {
        lock(&self.projects).keys().cloned().collect()
    }

    /// Install a freshly loaded project, keeping the corpus of the one it
    /// replaces when asked and its folders are the same. Returns whether
    /// its corpus still needs loading.
    pub fn install_project(
        &self,
        key: &ProjectKey,
        mut project: Project,
        keep_corpus: bool,
    ) -> bool {
        let source = CorpusSource::of(&project.config);
        let mut load_corpus = source.is_some();
        let mut projects = lock(&self.projects);
        if let Some(old) = projects.get(key) {
            let same_source = CorpusSource::of(&old.config) == source;
            if keep_corpus && same_source && old.corpus_ready && load_corpus {
                project.set_corpus(old.corpus.clone(), old.database.clone());
                load_corpus = false;
            }
        }
        projects.insert(key.clone(), project);
        load_corpus
    }

    /// Re-read a project's rules (blocking: run it off the async threads);
    /// the one-line errors to show.
    pub fn reload_rules(&self, key: &ProjectKey) -> Vec<String> {
        let mut projects = lock(&self.projects);
        match projects.get_mut(key) {
            Some(project) => {
                project.reload_rules();
                project.errors.clone()
            }
            None => Vec::new(),
        }
    }

    /// Where a project's corpus comes from, when it has one.
    pub fn corpus_source(&self, key: &ProjectKey) -> Option<CorpusSource> {
        lock(&self.projects)
            .get(key)
            .and_then(|p| CorpusSource::of(&p.config))
    }

    /// Number a new corpus load of a project; only the latest installs.
    pub fn begin_corpus_load(&self, key: &ProjectKey) -> u64 {
        let load = next_generation();
        lock(&self.corpus_loads).insert(key.clone(), load);
        load
    }

    /// Install a loaded corpus unless a later load began meanwhile or the
    /// project is gone; whether it was installed.
    pub fn install_corpus(
        &self,
        key: &ProjectKey,
        load: u64,
        corpus: Arc<Corpus>,
        database: Option<Arc<DatabaseLink>>,
    ) -> bool {
        if lock(&self.corpus_loads).get(key) != Some(&load) {
            return false;
        }
        let mut projects = lock(&self.projects);
        match projects.get_mut(key) {
            Some(project) => {
                project.set_corpus(corpus, database);
                true
            }
            None => false,
        }
    }

    pub fn corpus_ready(&self, key: &ProjectKey) -> bool {
        lock(&self.projects)
            .get(key)
            .is_none_or(|project| project.corpus_ready)
    }

    /// The projects that changed files touch: their config, rules, corpus
    /// or corpus index.
    pub fn touched_by(&self, paths: &[PathBuf]) -> Touched {
        let mut touched = Touched {
            rediscover: paths
                .iter()
                .any(|p| p.file_name().is_some_and(|n| n == CONFIG_FILE_NAME)),
            ..Touched::default()
        };
        let projects = lock(&self.projects);
        for path in paths {
            for (key, project) in projects.iter() {
                if project.config.path.as_deref() == Some(path.as_path()) {
                    touched.configs.insert(key.clone());
                } else if is_toml(path) && project.rules_dir().as_deref() == path.parent() {
                    touched.rules.insert(key.clone());
                } else if (is_corpus_file(path)
                    && project
                        .config
                        .corpus_dirs
                        .iter()
                        .any(|d| path.starts_with(d)))
                    || project.index_replaced(path)
                {
                    touched.corpora.insert(key.clone());
                }
            }
        }
        touched
    }

    /// Rules files change: read them again when evidence needs them.
    pub fn forget_evidence_files(&self) {
        lock(&self.evidence_files).clear();
    }

    /// Every project's config and rules file problems, by file.
    pub fn problems_by_file(&self) -> BTreeMap<PathBuf, Vec<FileProblem>> {
        let mut by_file: BTreeMap<PathBuf, Vec<FileProblem>> = BTreeMap::new();
        for project in lock(&self.projects).values() {
            for problem in &project.problems {
                let list = by_file.entry(problem.path.clone()).or_default();
                if !list.contains(problem) {
                    list.push(problem.clone());
                }
            }
        }
        by_file
    }

    /// Replace the files showing problems with `now`; `clear` is given
    /// each file no longer in it, then `show`, all under one lock so that
    /// two reloads never interleave.
    pub async fn replace_problem_files<C, S>(
        &self,
        now: HashSet<Uri>,
        clear: impl Fn(Uri) -> C,
        show: impl FnOnce() -> S,
    ) where
        C: Future<Output = ()>,
        S: Future<Output = ()>,
    {
        let mut showing = self.problem_files.lock().await;
        for gone in showing.difference(&now) {
            clear(gone.clone()).await;
        }
        show().await;
        *showing = now;
    }

    /// The rules of the project whose writable rules folder is `dir`.
    pub fn rules_of_writable_dir(&self, dir: &Path) -> Option<Arc<RuleSet>> {
        lock(&self.projects)
            .values()
            .find(|p| p.writable_rules_dir.as_deref() == Some(dir))
            .map(|p| p.rules.clone())
    }

    /// What linting a project's files needs.
    pub fn project_job(&self, key: &ProjectKey) -> Option<ProjectJob> {
        let projects = lock(&self.projects);
        let project = projects.get(key)?;
        Some(ProjectJob {
            selector: FileSelector::new(&project.config).ok()?,
            linter: project.linter.clone(),
            database: project.database.clone(),
            texts: Arc::new(self.evidence_texts(project)),
        })
    }

    fn evidence_texts(&self, project: &Project) -> EvidenceTexts {
        EvidenceTexts {
            corpus: project.corpus.clone(),
            files: self.evidence_files.clone(),
        }
    }

    // ---- watching --------------------------------------------------------

    /// What the loaded projects need watched.
    pub fn watch_targets(&self) -> Targets {
        let folders = self.folders();
        Targets::of(&lock(&self.projects), &folders)
    }

    /// Note the client watchers about to be registered: the ones they
    /// replace (`Some(None)` for none), or `None` when they are the same.
    pub fn replace_registered_watchers(
        &self,
        watchers: &[FileSystemWatcher],
    ) -> Option<Option<Vec<FileSystemWatcher>>> {
        let mut state = lock(&self.watch);
        if state.registered.as_deref() == Some(watchers) {
            return None;
        }
        Some(state.registered.replace(watchers.to_vec()))
    }

    /// `f` of the watch state, under its lock.
    pub fn with_watch_state<R>(&self, f: impl FnOnce(&mut WatchState) -> R) -> R {
        f(&mut lock(&self.watch))
    }
}
