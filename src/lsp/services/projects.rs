//! Projects: resolving which one a document belongs to, loading its config
//! and rules (the corpus follows in the background), reloading what
//! changed files touch, and showing config and rules problems in those
//! files.

use std::collections::HashSet;
use std::path::PathBuf;

use tower_lsp_server::ls_types::Uri;

use super::corpus::start_corpus_load;
use super::watch::update_watchers;
use super::{Event, Services};
use crate::lsp::diagnostics::{FileProblem, problem_diagnostics};
use crate::lsp::session::{Project, ProjectKey};

/// The project of an open document, resolving and loading it if needed.
pub async fn project_of(services: &Services, uri: &Uri) -> Option<ProjectKey> {
    let session = &services.session;
    let (known, path) = session.document_place(uri)?;
    if let Some(key) = known
        && session.has_project(&key)
    {
        return Some(key);
    }
    let folders = session.folders();
    let key =
        tokio::task::spawn_blocking(move || ProjectKey::for_document(path.as_deref(), &folders))
            .await
            .ok()?;
    // Set before loading, so that a corpus finishing meanwhile re-lints
    // this document too.
    session.set_document_project(uri, key.clone())?;
    ensure_project(services, &key).await;
    Some(key)
}

/// Load a project unless it is loaded.
pub async fn ensure_project(services: &Services, key: &ProjectKey) {
    let session = &services.session;
    if session.has_project(key) {
        return;
    }
    let turn = session.loading_turn().await;
    if session.has_project(key) {
        return;
    }
    load_project(services, key, false).await;
    drop(turn);
    after_reload(services).await;
}

/// (Re)load a project's config and rules; the corpus is kept when its
/// folders did not change, else reloaded in the background. The caller
/// holds a loading turn.
async fn load_project(services: &Services, key: &ProjectKey, keep_corpus: bool) {
    let session = &services.session;
    let settings = session.settings_for(key);
    let folders = session.folders();
    let loading = key.clone();
    let trusted = session.trusted();
    let loaded =
        tokio::task::spawn_blocking(move || Project::load(&loading, &settings, &folders, trusted))
            .await;
    let project = match loaded {
        Ok(loaded) => loaded,
        Err(error) => {
            services
                .show_error(format!("loading the configuration failed: {error}"))
                .await;
            return;
        }
    };
    let errors = project.errors.clone();
    let load_corpus = session.install_project(key, project, keep_corpus);
    for error in errors {
        services.show_error(error).await;
    }
    if load_corpus {
        start_corpus_load(services, key.clone());
    }
}

/// Files changed on disk (watcher or client): reload what depends on them.
pub async fn files_changed(services: &Services, paths: Vec<PathBuf>) {
    let session = &services.session;
    let touched = session.touched_by(&paths);
    if touched.is_empty() {
        return;
    }
    session.forget_evidence_files();
    {
        let _turn = session.loading_turn().await;
        for key in &touched.configs {
            load_project(services, key, true).await;
        }
    }
    for key in touched.rules.difference(&touched.configs) {
        reload_rules(services, key).await;
    }
    for key in touched.corpora.difference(&touched.configs) {
        start_corpus_load(services, key.clone());
    }
    if touched.rediscover {
        rediscover(services).await;
    }
    after_reload(services).await;
    for key in touched.configs.union(&touched.rules) {
        services.send(Event::Relint(key.clone()));
    }
}

/// Re-read a project's rules, keeping its corpus.
async fn reload_rules(services: &Services, key: &ProjectKey) {
    let session = services.session.clone();
    let reloading = key.clone();
    let errors = tokio::task::spawn_blocking(move || session.reload_rules(&reloading))
        .await
        .unwrap_or_default();
    for error in errors {
        services.show_error(error).await;
    }
}

/// Reload every project (settings changed) and re-lint everything.
pub async fn reload_all(services: &Services) {
    let session = &services.session;
    // Holding a loading turn, a project being loaded with the old settings
    // is finished and listed before the reload starts.
    let turn = session.loading_turn().await;
    let keys = session.project_keys();
    for key in &keys {
        load_project(services, key, true).await;
    }
    drop(turn);
    after_reload(services).await;
    for key in keys {
        services.send(Event::Relint(key));
    }
}

/// A config file appeared or vanished: documents may change project.
async fn rediscover(services: &Services) {
    let session = &services.session;
    let folders = session.folders();
    let pull = session.caps().pull_diagnostics;
    for (uri, path, old) in session.open_documents() {
        let key = ProjectKey::for_document(path.as_deref(), &folders);
        if old.as_ref() == Some(&key) {
            continue;
        }
        ensure_project(services, &key).await;
        session.set_document_project(&uri, key);
        if !pull {
            services.send(Event::Analyse(uri));
        }
    }
    if pull && let Some(key) = session.project_keys().into_iter().next() {
        services.send(Event::Relint(key));
    }
}

/// After projects changed: show their file problems, watch their files.
pub async fn after_reload(services: &Services) {
    publish_problems(services).await;
    update_watchers(services).await;
}

/// Publish config and rules file problems as diagnostics in those files,
/// and clear the files whose problems are gone.
async fn publish_problems(services: &Services) {
    let by_file = services.session.problems_by_file();
    let encoding = services.session.caps().encoding;
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
    let now: HashSet<Uri> = diagnostics.iter().map(|(uri, _)| uri.clone()).collect();
    let client = &services.client;
    services
        .session
        .replace_problem_files(
            now,
            |gone| client.publish_diagnostics(gone, Vec::new(), None),
            || async move {
                for (uri, diagnostics) in diagnostics {
                    client.publish_diagnostics(uri, diagnostics, None).await;
                }
            },
        )
        .await;
}
