//! What a corpus load reports: the files it skipped and why, and what
//! the index cache contributed.

use std::fmt;
use std::path::PathBuf;

use crate::corpus::Corpus;

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

/// A loaded and indexed corpus, with what the cache did.
pub struct CorpusLoad {
    pub corpus: Corpus,
    pub warnings: Vec<LoadWarning>,
    pub cache: CacheReport,
}

/// What the index cache contributed to a load.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CacheReport {
    /// Articles whose facts came from the cache.
    pub reused: usize,
    /// Articles analysed afresh (new, changed, or no usable cache).
    pub analysed: usize,
    /// Why the cache could not be read or written, if it could not.
    pub problem: Option<String>,
}
