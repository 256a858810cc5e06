//! The articles of a corpus answered in rounds: each asked for when a
//! check first needs it (its path, front matter and quotations' ids), so
//! that opening an archive of millions reads none of them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use super::sources::RemoteCorpus;
use crate::corpus::{Article, TextLoader};

/// Articles kept per chunk: a chunk is allocated when one of its
/// articles is first asked for, small enough that a draft touching
/// articles all over an archive allocates little.
const CHUNK: usize = 256;

/// One chunk's articles, each set once answered.
type Chunk = Box<[OnceLock<Box<Article>>]>;

/// Articles by index (the database's id), filled in as they are answered.
pub struct AskedArticles {
    remote: Arc<RemoteCorpus>,
    texts: TextLoader,
    chunks: Box<[OnceLock<Chunk>]>,
    /// How many articles the corpus holds.
    count: usize,
    /// The articles answered so far, by path.
    by_path: Mutex<HashMap<PathBuf, u32>>,
}

impl std::fmt::Debug for AskedArticles {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AskedArticles")
            .field("count", &self.count)
            .finish_non_exhaustive()
    }
}

impl AskedArticles {
    /// `count` articles with indices below `end`, asked of `remote`; their
    /// texts come through `texts`.
    pub fn new(remote: Arc<RemoteCorpus>, texts: TextLoader, count: usize, end: u32) -> Self {
        let chunks = (end as usize).div_ceil(CHUNK);
        AskedArticles {
            remote,
            texts,
            chunks: (0..chunks).map(|_| OnceLock::new()).collect(),
            count,
            by_path: Mutex::new(HashMap::new()),
        }
    }

    pub fn count(&self) -> usize {
        self.count
    }

    /// The article at `index`: `None` when there is none, or until it has
    /// been answered (the question is then recorded).
    pub fn get(&self, index: u32) -> Option<&Article> {
        let index = index as usize;
        let chunk = self
            .chunks
            .get(index / CHUNK)?
            .get_or_init(|| (0..CHUNK).map(|_| OnceLock::new()).collect());
        let slot = chunk.get(index % CHUNK)?;
        if let Some(article) = slot.get() {
            return Some(article);
        }
        let (path, meta) = self.remote.article(index as u32)?;
        self.by_path
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(path.clone(), index as u32);
        let article = slot.get_or_init(|| Box::new(Article::asked(path, meta, self.texts.clone())));
        Some(article)
    }

    /// The article at `path`, among those answered so far.
    pub fn by_path(&self, path: &Path) -> Option<&Article> {
        let index = *self
            .by_path
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(path)?;
        self.get(index)
    }
}
