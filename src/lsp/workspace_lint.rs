//! `copydesk.lintWorkspace`: lint every selected file of every workspace
//! folder that is not open, and publish its diagnostics, so the editor's
//! problems list covers the whole newsroom folder, as `copydesk lint` does.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use ignore::WalkBuilder;
use serde_json::{Value, json};
use tower_lsp_server::ls_types::{Diagnostic, Uri};

use super::backend::Backend;
use super::convert::{EvidenceTexts, diagnostic};
use super::locks::lock;
use super::position::PositionEncoding;
use super::snapshot::is_prose;
use super::workspaces::ProjectKey;
use crate::document::Document;
use crate::workspace::{FileSelector, read_text};

/// How long a workspace lint waits for a corpus still loading.
const CORPUS_WAIT: Duration = Duration::from_secs(120);

impl Backend {
    /// Lint the workspace; the result counts files and findings and lists
    /// the files that could not be read.
    pub async fn lint_workspace(&self) -> Value {
        let folders = lock(&self.folders).clone();
        let roots = if folders.is_empty() {
            lock(&self.projects)
                .keys()
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
            self.ensure_project(&key).await;
            self.wait_for_corpus(&key).await;
            let open: Vec<PathBuf> = lock(&self.documents)
                .open
                .values()
                .filter_map(|doc| doc.path.clone())
                .collect();
            let Some(job) = self.job_for(&key, paths, &open) else {
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
                        self.client
                            .publish_diagnostics(uri, diagnostics, None)
                            .await;
                    }
                    Err(message) => errors.push(message),
                }
            }
        }
        json!({ "files": files, "findings": findings, "errors": errors })
    }

    async fn wait_for_corpus(&self, key: &ProjectKey) {
        let started = Instant::now();
        while started.elapsed() < CORPUS_WAIT {
            let ready = lock(&self.projects)
                .get(key)
                .is_none_or(|project| project.corpus_ready);
            if ready {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    fn job_for(&self, key: &ProjectKey, paths: Vec<PathBuf>, open: &[PathBuf]) -> Option<Job> {
        let projects = lock(&self.projects);
        let project = projects.get(key)?;
        let selector = FileSelector::new(&project.config).ok()?;
        let paths = paths
            .into_iter()
            .filter(|path| selector.selects(path) && is_prose(Some(path)) && !open.contains(path))
            .collect();
        Some(Job {
            paths,
            linter: project.linter.clone(),
            texts: EvidenceTexts {
                corpus: project.corpus.clone(),
                articles: project.articles.clone(),
                files: self.evidence_files.clone(),
            },
            encoding: self.caps().encoding,
        })
    }
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
    texts: EvidenceTexts,
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
                let report = self.linter.lint(&Document::for_file(source.clone(), path));
                let rope = ropey::Rope::from_str(&source);
                let diagnostics = report
                    .findings
                    .iter()
                    .map(|f| diagnostic(f, &source, &rope, &self.texts, self.encoding))
                    .collect();
                Ok((uri, diagnostics))
            })
            .collect()
    }
}
