//! The texts evidence points into: corpus articles, in memory with the
//! corpus, and rules files, read from disk once and kept until the next
//! reload.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::locks::lock;
use crate::corpus::Corpus;
use crate::lsp::diagnostics::EvidenceSource;

/// Rules files read for evidence positions, shared by every analysis.
pub type FileCache = Arc<Mutex<HashMap<PathBuf, Option<Arc<str>>>>>;

/// Where one project's evidence is read from.
pub struct EvidenceTexts {
    pub corpus: Arc<Corpus>,
    pub files: FileCache,
}

impl EvidenceSource for EvidenceTexts {
    fn with_text(&self, path: &Path, f: &mut dyn FnMut(&str)) -> bool {
        if let Some(article) = self.corpus.find(path) {
            f(article.document().source());
            return true;
        }
        let text = lock(&self.files)
            .entry(path.to_path_buf())
            .or_insert_with(|| std::fs::read_to_string(path).ok().map(Arc::from))
            .clone();
        text.map(|text| f(&text)).is_some()
    }
}
