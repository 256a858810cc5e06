//! The server's shared state and its life: documents opening, changing and
//! closing; projects loading and reloading; messages to the user.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use tower_lsp_server::Client;
use tower_lsp_server::ls_types::{
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    MessageType, NumberOrString, Uri,
};

use super::capabilities::ClientCaps;
use super::config::ClientSettings;
use super::convert::problem_diagnostics;
use super::documents::{Documents, OpenDocument};
use super::locks::lock;
use super::protocol::CorpusState;
use super::watched::{WatchState, is_corpus_file, is_toml};
use super::workspaces::{
    FileProblem, Project, ProjectKey, deepest_folder, load_corpus_for, next_generation,
};
use crate::config::CONFIG_FILE_NAME;

/// Editor settings by where they came from; later layers win.
#[derive(Debug, Default)]
pub struct SettingsState {
    pub init: ClientSettings,
    pub global: ClientSettings,
    pub folders: HashMap<PathBuf, ClientSettings>,
}

impl SettingsState {
    pub fn for_folder(&self, folder: Option<&Path>) -> ClientSettings {
        let mut settings = self.init.overlay(&self.global);
        if let Some(scoped) = folder.and_then(|f| self.folders.get(f)) {
            settings = settings.overlay(scoped);
        }
        settings
    }
}

/// Cheap to clone; every clone shares one [`State`].
#[derive(Clone)]
pub struct Backend(Arc<State>);

impl Deref for Backend {
    type Target = State;

    fn deref(&self) -> &State {
        &self.0
    }
}

pub struct State {
    pub client: Client,
    caps: OnceLock<ClientCaps>,
    pub documents: Mutex<Documents>,
    pub projects: Mutex<HashMap<ProjectKey, Project>>,
    /// Serialises project loading, so a project is loaded once.
    load_lock: tokio::sync::Mutex<()>,
    /// The (version, generation) last pushed for each document.
    pub published: tokio::sync::Mutex<HashMap<Uri, (i32, u64)>>,
    pub settings: Mutex<SettingsState>,
    pub folders: Mutex<Vec<PathBuf>>,
    /// Config and rules files that have problem diagnostics showing.
    problem_files: tokio::sync::Mutex<HashSet<Uri>>,
    pub watch: Mutex<WatchState>,
    /// Rules files read for evidence positions; cleared on reload.
    pub evidence_files: Arc<Mutex<HashMap<PathBuf, Option<Arc<str>>>>>,
    /// The latest corpus load per project; an older load's result is dropped.
    corpus_loads: Mutex<HashMap<ProjectKey, u64>>,
    /// Errors found before the client was ready to show them.
    pub startup_errors: Mutex<Vec<String>>,
    /// The editor's workspace trust, from `initializationOptions`
    /// (`workspaceTrusted`); editors without the notion trust.
    pub trusted: OnceLock<bool>,
}

impl Backend {
    pub fn trusted(&self) -> bool {
        self.trusted.get().copied().unwrap_or(true)
    }

    pub fn new(client: Client) -> Backend {
        Backend(Arc::new(State {
            client,
            caps: OnceLock::new(),
            documents: Mutex::default(),
            projects: Mutex::default(),
            load_lock: tokio::sync::Mutex::new(()),
            published: tokio::sync::Mutex::default(),
            settings: Mutex::default(),
            folders: Mutex::default(),
            problem_files: tokio::sync::Mutex::default(),
            watch: Mutex::default(),
            evidence_files: Arc::default(),
            corpus_loads: Mutex::default(),
            startup_errors: Mutex::default(),
            trusted: OnceLock::new(),
        }))
    }

    pub fn caps(&self) -> ClientCaps {
        self.caps.get().copied().unwrap_or_default()
    }

    pub fn set_caps(&self, caps: ClientCaps) {
        let _ = self.caps.set(caps);
    }

    /// Log to standard error and to the client's log.
    pub async fn log(&self, level: MessageType, message: impl Into<String>) {
        let message = message.into();
        let label = match level {
            MessageType::ERROR => "error",
            MessageType::WARNING => "warning",
            _ => "info",
        };
        eprintln!("copydesk: {label}: {message}");
        self.client.log_message(level, message).await;
    }

    /// A one-line error the user should see.
    pub async fn show_error(&self, message: impl Into<String>) {
        let message = message.into();
        self.log(MessageType::ERROR, message.clone()).await;
        self.client
            .show_message(MessageType::ERROR, format!("copydesk: {message}"))
            .await;
    }

    pub fn debounce(&self) -> Duration {
        let settings = lock(&self.settings);
        settings.init.overlay(&settings.global).debounce()
    }

    // ---- documents -------------------------------------------------------

    /// Store the document, then analyse it at once (push) or warm its
    /// project for the coming pull. Storing happens before the first await,
    /// so notifications are applied in the order they arrived.
    pub async fn open(&self, params: DidOpenTextDocumentParams) {
        let item = params.text_document;
        let doc = OpenDocument::new(&item.uri, &item.text, item.version);
        lock(&self.documents).open.insert(item.uri.clone(), doc);
        if self.caps().pull_diagnostics {
            self.project_of(&item.uri).await;
        } else {
            self.schedule(item.uri, Duration::ZERO);
        }
    }

    pub async fn change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let encoding = self.caps().encoding;
        let known = {
            let mut documents = lock(&self.documents);
            match documents.open.get_mut(&uri) {
                Some(doc) => {
                    for change in &params.content_changes {
                        doc.apply_change(change, encoding);
                    }
                    doc.set_version(params.text_document.version);
                    true
                }
                None => false,
            }
        };
        if !known {
            self.log(
                MessageType::WARNING,
                format!("ignored a change to {}, which is not open", uri.as_str()),
            )
            .await;
        } else if !self.caps().pull_diagnostics {
            self.schedule(uri, self.debounce());
        }
    }

    pub async fn close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        if let Some(doc) = lock(&self.documents).open.remove(&uri) {
            doc.cancel_analyses();
        }
        self.published.lock().await.remove(&uri);
        if !self.caps().pull_diagnostics {
            self.client.publish_diagnostics(uri, Vec::new(), None).await;
        }
    }

    // ---- projects --------------------------------------------------------

    fn settings_for(&self, key: &ProjectKey) -> ClientSettings {
        let folders = lock(&self.folders).clone();
        lock(&self.settings).for_folder(deepest_folder(key.root(), &folders))
    }

    /// The project of an open document, resolving and loading it if needed.
    pub async fn project_of(&self, uri: &Uri) -> Option<ProjectKey> {
        let (known, path) = {
            let documents = lock(&self.documents);
            let doc = documents.open.get(uri)?;
            (doc.project.clone(), doc.path.clone())
        };
        if let Some(key) = known
            && lock(&self.projects).contains_key(&key)
        {
            return Some(key);
        }
        let folders = lock(&self.folders).clone();
        let key = tokio::task::spawn_blocking(move || {
            ProjectKey::for_document(path.as_deref(), &folders)
        })
        .await
        .ok()?;
        // Set before loading, so that a corpus finishing meanwhile re-lints
        // this document too.
        lock(&self.documents).open.get_mut(uri)?.project = Some(key.clone());
        self.ensure_project(&key).await;
        Some(key)
    }

    pub async fn ensure_project(&self, key: &ProjectKey) {
        if lock(&self.projects).contains_key(key) {
            return;
        }
        let guard = self.load_lock.lock().await;
        if lock(&self.projects).contains_key(key) {
            return;
        }
        self.load_project(key, false).await;
        drop(guard);
        self.after_reload().await;
    }

    /// (Re)load a project's config and rules; the corpus is kept when its
    /// folders did not change, else reloaded in the background.
    async fn load_project(&self, key: &ProjectKey, keep_corpus: bool) {
        let settings = self.settings_for(key);
        let folders = lock(&self.folders).clone();
        let loading = key.clone();
        let trusted = self.trusted();
        let loaded = tokio::task::spawn_blocking(move || {
            Project::load(&loading, &settings, &folders, trusted)
        })
        .await;
        let mut project = match loaded {
            Ok(loaded) => loaded,
            Err(error) => {
                self.show_error(format!("loading the configuration failed: {error}"))
                    .await;
                return;
            }
        };
        let errors = project.errors.clone();
        let mut load_corpus = !project.config.corpus_dirs.is_empty();
        {
            let mut projects = lock(&self.projects);
            if let Some(old) = projects.get(key) {
                let same_dirs = old.config.corpus_dirs == project.config.corpus_dirs;
                if keep_corpus && same_dirs && old.corpus_ready && load_corpus {
                    project.set_corpus(old.corpus.clone());
                    load_corpus = false;
                }
            }
            projects.insert(key.clone(), project);
        }
        for error in errors {
            self.show_error(error).await;
        }
        if load_corpus {
            self.start_corpus_load(key.clone());
        }
    }

    /// Read a project's corpus on the blocking pool, reporting progress,
    /// then install it and re-lint the project's documents.
    pub fn start_corpus_load(&self, key: ProjectKey) {
        let Some((dirs, cache_dir)) = lock(&self.projects)
            .get(&key)
            .map(|p| (p.config.corpus_dirs.clone(), p.config.cache_dir.clone()))
            .filter(|(dirs, _)| !dirs.is_empty())
        else {
            return;
        };
        let load = next_generation();
        lock(&self.corpus_loads).insert(key.clone(), load);
        let this = self.clone();
        tokio::spawn(async move {
            let started = Instant::now();
            this.corpus_status(&key, CorpusState::Loading, None, None)
                .await;
            let progress = this
                .begin_progress(load, "Loading the reference corpus")
                .await;
            let reading = dirs.clone();
            let loaded = tokio::task::spawn_blocking(move || {
                load_corpus_for(&reading, cache_dir.as_deref())
            })
            .await;
            let (corpus, warnings, cache) = match loaded {
                Ok(Ok(loaded)) => loaded,
                Ok(Err(message)) => {
                    if let Some(progress) = progress {
                        progress.finish_with_message("failed").await;
                    }
                    this.corpus_status(&key, CorpusState::Failed, None, Some(message.clone()))
                        .await;
                    this.show_error(format!("{message} (checks that need no corpus still run)"))
                        .await;
                    return;
                }
                Err(error) => {
                    if let Some(progress) = progress {
                        progress.finish().await;
                    }
                    let message = format!("loading the corpus failed: {error}");
                    this.corpus_status(&key, CorpusState::Failed, None, Some(message.clone()))
                        .await;
                    this.show_error(message).await;
                    return;
                }
            };
            for warning in warnings {
                this.log(MessageType::WARNING, format!("corpus: {warning}"))
                    .await;
            }
            if let Some(problem) = cache.problem {
                this.log(
                    MessageType::WARNING,
                    format!("corpus index cache: {problem}"),
                )
                .await;
            }
            let articles = corpus.articles().len();
            if let Some(progress) = &progress {
                progress
                    .report(format!("Indexing {articles} articles"))
                    .await;
            }
            let installer = this.clone();
            let install_key = key.clone();
            let installed = tokio::task::spawn_blocking(move || {
                if lock(&installer.corpus_loads).get(&install_key) != Some(&load) {
                    return false;
                }
                let mut projects = lock(&installer.projects);
                match projects.get_mut(&install_key) {
                    Some(project) => {
                        project.set_corpus(Arc::new(corpus));
                        true
                    }
                    None => false,
                }
            })
            .await
            .unwrap_or(false);
            if let Some(progress) = progress {
                progress
                    .finish_with_message(format!("{articles} articles"))
                    .await;
            }
            if installed {
                this.corpus_status(&key, CorpusState::Ready, Some(articles), None)
                    .await;
                this.log(
                    MessageType::INFO,
                    format!(
                        "reference corpus loaded: {articles} articles in {} ms ({} from the index cache)",
                        started.elapsed().as_millis(),
                        cache.reused
                    ),
                )
                .await;
                this.relint(&key);
            }
        });
    }

    async fn begin_progress(
        &self,
        id: u64,
        title: &str,
    ) -> Option<
        tower_lsp_server::OngoingProgress<
            tower_lsp_server::Unbounded,
            tower_lsp_server::NotCancellable,
        >,
    > {
        if !self.caps().work_done_progress {
            return None;
        }
        let token = NumberOrString::String(format!("copydesk/corpus/{id}"));
        self.client
            .create_work_done_progress(token.clone())
            .await
            .ok()?;
        Some(
            self.client
                .progress(token, title)
                .with_message("Reading articles")
                .begin()
                .await,
        )
    }

    /// Re-analyse every open document of a project (push), or ask a
    /// pulling client to pull again.
    pub fn relint(&self, key: &ProjectKey) {
        if self.caps().pull_diagnostics {
            if self.caps().diagnostic_refresh {
                let client = self.client.clone();
                tokio::spawn(async move {
                    let _ = client.workspace_diagnostic_refresh().await;
                });
            }
            return;
        }
        let uris: Vec<Uri> = lock(&self.documents)
            .open
            .iter()
            .filter(|(_, doc)| doc.project.as_ref() == Some(key))
            .map(|(uri, _)| uri.clone())
            .collect();
        for uri in uris {
            self.schedule(uri, Duration::ZERO);
        }
    }

    /// Files changed on disk (watcher or client): reload what depends on them.
    pub async fn files_changed(&self, paths: Vec<PathBuf>) {
        let mut configs = BTreeSet::new();
        let mut rules = BTreeSet::new();
        let mut corpora = BTreeSet::new();
        let rediscover = paths
            .iter()
            .any(|p| p.file_name().is_some_and(|n| n == CONFIG_FILE_NAME));
        {
            let projects = lock(&self.projects);
            for path in &paths {
                for (key, project) in projects.iter() {
                    if project.config.path.as_deref() == Some(path.as_path()) {
                        configs.insert(key.clone());
                    } else if is_toml(path) && project.rules_dir().as_deref() == path.parent() {
                        rules.insert(key.clone());
                    } else if (is_corpus_file(path)
                        && project
                            .config
                            .corpus_dirs
                            .iter()
                            .any(|d| path.starts_with(d)))
                        || project.index_replaced(path)
                    {
                        corpora.insert(key.clone());
                    }
                }
            }
        }
        if configs.is_empty() && rules.is_empty() && corpora.is_empty() && !rediscover {
            return;
        }
        lock(&self.evidence_files).clear();
        {
            let _loading = self.load_lock.lock().await;
            for key in &configs {
                self.load_project(key, true).await;
            }
        }
        for key in rules.difference(&configs) {
            self.reload_rules(key).await;
        }
        for key in corpora.difference(&configs) {
            self.start_corpus_load(key.clone());
        }
        if rediscover {
            self.rediscover().await;
        }
        self.after_reload().await;
        for key in configs.union(&rules) {
            self.relint(key);
        }
    }

    pub async fn reload_rules(&self, key: &ProjectKey) {
        let this = self.clone();
        let reloading = key.clone();
        let _ = tokio::task::spawn_blocking(move || {
            if let Some(project) = lock(&this.projects).get_mut(&reloading) {
                project.reload_rules();
            }
        })
        .await;
        let errors = lock(&self.projects)
            .get(key)
            .map(|p| p.errors.clone())
            .unwrap_or_default();
        for error in errors {
            self.show_error(error).await;
        }
    }

    /// Reload every project (settings changed) and re-lint everything.
    pub async fn reload_all(&self) {
        // Holding the load lock, a project being loaded with the old
        // settings is finished and listed before the reload starts.
        let loading = self.load_lock.lock().await;
        let keys: Vec<ProjectKey> = lock(&self.projects).keys().cloned().collect();
        for key in &keys {
            self.load_project(key, true).await;
        }
        drop(loading);
        self.after_reload().await;
        for key in &keys {
            self.relint(key);
        }
    }

    /// A config file appeared or vanished: documents may change project.
    async fn rediscover(&self) {
        let folders = lock(&self.folders).clone();
        let documents: Vec<(Uri, Option<PathBuf>, Option<ProjectKey>)> = lock(&self.documents)
            .open
            .iter()
            .map(|(uri, doc)| (uri.clone(), doc.path.clone(), doc.project.clone()))
            .collect();
        for (uri, path, old) in documents {
            let key = ProjectKey::for_document(path.as_deref(), &folders);
            if old.as_ref() == Some(&key) {
                continue;
            }
            self.ensure_project(&key).await;
            if let Some(doc) = lock(&self.documents).open.get_mut(&uri) {
                doc.project = Some(key);
            }
            if !self.caps().pull_diagnostics {
                self.schedule(uri, Duration::ZERO);
            }
        }
        if self.caps().pull_diagnostics
            && let Some(key) = lock(&self.projects).keys().next().cloned()
        {
            self.relint(&key);
        }
    }

    /// After projects changed: show their file problems, watch their files.
    async fn after_reload(&self) {
        self.publish_problems().await;
        self.update_watchers().await;
    }

    /// Publish config and rules file problems as diagnostics in those files,
    /// and clear the files whose problems are gone.
    async fn publish_problems(&self) {
        let mut by_file: BTreeMap<PathBuf, Vec<FileProblem>> = BTreeMap::new();
        for project in lock(&self.projects).values() {
            for problem in &project.problems {
                let list = by_file.entry(problem.path.clone()).or_default();
                if !list.contains(problem) {
                    list.push(problem.clone());
                }
            }
        }
        let encoding = self.caps().encoding;
        let diagnostics = tokio::task::spawn_blocking(move || {
            by_file
                .into_iter()
                .filter(|(path, _)| !path.starts_with("<builtin>"))
                .filter_map(|(path, problems)| {
                    let refs: Vec<&FileProblem> = problems.iter().collect();
                    let diagnostics = problem_diagnostics(&path, &refs, encoding);
                    Some((Uri::from_file_path(&path)?, diagnostics))
                })
                .collect::<Vec<_>>()
        })
        .await
        .unwrap_or_default();
        let mut showing = self.problem_files.lock().await;
        let now: HashSet<Uri> = diagnostics.iter().map(|(uri, _)| uri.clone()).collect();
        for gone in showing.difference(&now) {
            self.client
                .publish_diagnostics(gone.clone(), Vec::new(), None)
                .await;
        }
        for (uri, diagnostics) in diagnostics {
            self.client
                .publish_diagnostics(uri, diagnostics, None)
                .await;
        }
        *showing = now;
    }
}
