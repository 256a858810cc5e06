//! `copydesk.lintWorkspace`: lint every selected file of every workspace
//! folder that is not open, and publish its diagnostics, so the editor's
//! problems list covers the whole newsroom folder, as `copydesk lint` does.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use ignore::WalkBuilder;
use serde_json::{Value, json};
use tower_lsp_server::ls_types::{Diagnostic, Uri};

use super::Services;
use super::projects::ensure_project;
use crate::document::Document;
use crate::lsp::analysis::is_prose;
use crate::lsp::diagnostics::diagnostic;
use crate::lsp::position::PositionEncoding;
use crate::lsp::session::{EvidenceTexts, ProjectKey};
use crate::workspace::read_text;

/// How long a workspace lint waits for a corpus still loading.
const CORPUS_WAIT: Duration = Duration::from_secs(120);

/// Lint the workspace; the result counts files and findings and lists the
/// files that could not be read.
pub async fn lint_workspace(services: &Services) -> Value {
    let session = &services.session;
    let folders = session.folders();
    let roots = if folders.is_empty() {
        session
            .project_keys()
            .iter()
            .map(|key| key.root().to_path_buf())
            .collect()
    } else {
        folders.clone()
    };
    let grouped = tokio::task::spawn_blocking(move || files_by_project(&roots, &folders))
        .await
        .unwrap_or_default();
    let mut files = 0;
    let mut findings = 0;
    let mut errors = Vec::new();
    for (key, paths) in grouped {
        ensure_project(services, &key).await;
        wait_for_corpus(services, &key).await;
        let Some(job) = job_for(services, &key, paths) else {
            continue;
        };
        let linted = tokio::task::spawn_blocking(move || job.run())
            .await
            .unwrap_or_default();
        for outcome in linted {
            match outcome {
                Ok((uri, diagnostics)) => {
                    files += 1;
                    findings += diagnostics.len();
                    services
                        .client
                        .publish_diagnostics(uri, diagnostics, None)
                        .await;
                }
                Err(message) => errors.push(message),
            }
        }
    }
    json!({ "files": files, "findings": findings, "errors": errors })
}

async fn wait_for_corpus(services: &Services, key: &ProjectKey) {
    let started = Instant::now();
    while started.elapsed() < CORPUS_WAIT {
        if services.session.corpus_ready(key) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The project's selected prose files that are not open, with what
/// linting them needs.
fn job_for(services: &Services, key: &ProjectKey, paths: Vec<PathBuf>) -> Option<Job> {
    let session = &services.session;
    let open: Vec<PathBuf> = session
        .open_documents()
        .into_iter()
        .filter_map(|(_, path, _)| path)
        .collect();
    let project = session.project_job(key)?;
    let paths = paths
        .into_iter()
        .filter(|path| {
            project.selector.selects(path) && is_prose(Some(path)) && !open.contains(path)
        })
        .collect();
    Some(Job {
        paths,
        linter: project.linter,
        database: project.database,
        texts: project.texts,
        encoding: session.caps().encoding,
    })
}

/// Every file under the roots (honouring .gitignore), grouped by the
/// project that governs it.
fn files_by_project(roots: &[PathBuf], folders: &[PathBuf]) -> BTreeMap<ProjectKey, Vec<PathBuf>> {
    let mut grouped: BTreeMap<ProjectKey, Vec<PathBuf>> = BTreeMap::new();
    for root in roots {
        for entry in WalkBuilder::new(root).require_git(false).build().flatten() {
            if entry.file_type().is_some_and(|t| t.is_file()) {
                let path = entry.into_path();
                let key = ProjectKey::for_document(Some(&path), folders);
                grouped.entry(key).or_default().push(path);
            }
        }
    }
    for paths in grouped.values_mut() {
        paths.sort();
        paths.dedup();
    }
    grouped
}

/// The files of one project, with what linting them needs.
struct Job {
    paths: Vec<PathBuf>,
    linter: std::sync::Arc<crate::linter::Linter>,
    database: Option<std::sync::Arc<crate::workspace::postgres::DatabaseLink>>,
    texts: std::sync::Arc<EvidenceTexts>,
    encoding: PositionEncoding,
}

impl Job {
    fn run(self) -> Vec<Result<(Uri, Vec<Diagnostic>), String>> {
        self.paths
            .iter()
            .map(|path| {
                let source = read_text(path).map_err(|e| e.to_string())?;
                let uri = Uri::from_file_path(path)
                    .ok_or_else(|| format!("{}: not a file URI", path.display()))?;
                let doc = Document::for_file(source.clone(), path);
                let report = match &self.database {
                    Some(database) => database
                        .lint(&self.linter, &doc)
                        .map_err(|problem| format!("{}: {problem}", path.display()))?,
                    None => self.linter.lint(&doc),
                };
                let rope = ropey::Rope::from_str(&source);
                let diagnostics = report
                    .findings
                    .iter()
                    .map(|f| diagnostic(f, &source, &rope, &*self.texts, self.encoding))
                    .collect();
                Ok((uri, diagnostics))
            })
            .collect()
    }
}
