//! The index file's own sections beside the corpus's: the manifest of the
//! articles an index was built from (path, size, modification time,
//! content hash, front matter), their stored facts, and in a delta the
//! base it extends and the base rows it retires.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::corpus::ArticleMeta;

/// The index file inside the cache folder.
pub const CACHE_FILE: &str = "corpus-index.bin";
/// The index of the articles added or changed since, beside it, with the
/// rows of the main index it retires (see
/// `crate::corpus::Corpus::open_layered`).
pub const DELTA_FILE: &str = "corpus-delta.bin";
/// Sections this file adds to the corpus's own.
pub const MANIFEST: &str = "manifest";
pub const FACTS: &str = "facts";
/// In a delta index: the checksum of the manifest of the index it extends.
pub const BASE: &str = "base";
/// In a delta index: the rows of the base it retires (changed or removed
/// articles), ascending.
pub const RETIRED: &str = "retired";

pub type ContentHash = [u8; 32];

pub fn content_hash(text: &str) -> ContentHash {
    *blake3::hash(text.as_bytes()).as_bytes()
}

/// What a corpus file looked like when it was indexed. A file whose size
/// and modification time are unchanged is not read again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileStamp {
    pub path: String,
    pub len: u64,
    /// Modification time in nanoseconds since the epoch (0 if unknown).
    pub modified: u128,
}

impl FileStamp {
    pub fn of(path: &Path) -> FileStamp {
        let metadata = std::fs::metadata(path).ok();
        FileStamp {
            path: path.to_string_lossy().into_owned(),
            len: metadata.as_ref().map_or(0, |m| m.len()),
            modified: metadata
                .and_then(|m| m.modified().ok())
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos()),
        }
    }
}

/// One indexed article.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IndexedArticle {
    pub stamp: FileStamp,
    pub hash: ContentHash,
    pub meta: ArticleMeta,
}

/// The articles of an index, in index order, and the files skipped with
/// the reason (so that a warm start warns of them without reading them).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Manifest {
    pub articles: Vec<IndexedArticle>,
    pub skipped: Vec<(FileStamp, String)>,
}
