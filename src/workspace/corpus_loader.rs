//! Reading the reference corpus: every `.md` and `.txt` file below the corpus
//! dirs, read in parallel. A file that cannot be read is skipped with a
//! warning naming it.

use std::fmt;
use std::path::{Path, PathBuf};

use ignore::WalkBuilder;
use rayon::prelude::*;

use super::WorkspaceError;
use super::files::text_from_bytes;
use crate::corpus::Article;

const CORPUS_EXTENSIONS: &[&str] = &["md", "markdown", "mdx", "txt"];

/// A corpus file that was skipped, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadWarning {
    pub path: PathBuf,
    pub message: String,
}

impl fmt::Display for LoadWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

/// Read and analyse every article below `dirs`, in a stable order. A
/// missing corpus dir is an error; a bad file inside one is a warning.
pub fn load_corpus(dirs: &[PathBuf]) -> Result<(Vec<Article>, Vec<LoadWarning>), WorkspaceError> {
    let mut paths = Vec::new();
    for dir in dirs {
        if !dir.is_dir() {
            return Err(WorkspaceError::io(dir, "corpus directory not found"));
        }
        paths.extend(corpus_files(dir)?);
    }
    paths.sort();
    paths.dedup();
    let loaded: Vec<Result<Article, LoadWarning>> =
        paths.into_par_iter().map(load_article).collect();
    let mut articles = Vec::new();
    let mut warnings = Vec::new();
    for result in loaded {
        match result {
            Ok(article) => articles.push(article),
            Err(warning) => warnings.push(warning),
        }
    }
    Ok((articles, warnings))
}

fn corpus_files(dir: &Path) -> Result<Vec<PathBuf>, WorkspaceError> {
    let mut files = Vec::new();
    for entry in WalkBuilder::new(dir).require_git(false).build() {
        let entry = entry.map_err(|e| WorkspaceError::io(dir, e))?;
        let is_article = entry.file_type().is_some_and(|t| t.is_file())
            && entry
                .path()
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| CORPUS_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
        if is_article {
            files.push(entry.into_path());
        }
    }
    Ok(files)
}

fn load_article(path: PathBuf) -> Result<Article, LoadWarning> {
    let text = std::fs::read(&path)
        .map_err(|e| e.to_string())
        .and_then(text_from_bytes);
    match text {
        Ok(text) => Ok(Article::new(path, text)),
        Err(message) => Err(LoadWarning { path, message }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_files_are_warnings_and_good_ones_load() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("a.md"), "Talks in Kyiv.").expect("write");
        std::fs::write(dir.path().join("b.txt"), b"Kyiv \xff\xfe").expect("write");
        std::fs::write(dir.path().join("c.json"), "{}").expect("write");
        let (articles, warnings) = load_corpus(&[dir.path().to_path_buf()]).expect("loads");
        assert_eq!(articles.len(), 1);
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].to_string().contains("b.txt: not valid UTF-8"));
    }

    #[test]
    fn a_missing_corpus_dir_is_an_error() {
        let error = load_corpus(&[PathBuf::from("/no/such/corpus")]).expect_err("error");
        assert_eq!(
            error.to_string(),
            "/no/such/corpus: corpus directory not found"
        );
    }
}
