//! The corpus index file: the merged indexes the checks query in place, a
//! manifest of the articles they were built from (path, size, modification
//! time, content hash, front matter), and every article's analysed facts
//! for updating the index when some articles change.
//!
//! The file is memory-mapped, never decoded whole: a start reads the
//! manifest and touches only the pages a draft's lookups need. It is
//! replaced by renaming a new file over it, never written in place, so a
//! mapping in another process (a language server) keeps reading the file
//! it opened. A file that is truncated, corrupt, from another format or
//! from another build's analysis code is reported and rebuilt, never
//! trusted.

use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::corpus::ArticleMeta;
use crate::corpus::store::{Bytes, Fixed, Sections, SectionsWriter};

include!(concat!(env!("OUT_DIR"), "/fingerprint.rs"));

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

/// An opened index file.
pub struct IndexFile {
    pub sections: Sections,
    pub manifest: Manifest,
}

/// Open the index at `path`: `Ok(None)` when there is none yet; `Err` with
/// a one-line reason when it is unusable.
pub fn open_index(path: &Path) -> Result<Option<IndexFile>, String> {
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e.to_string()),
    };
    // SAFETY: the index is only ever replaced by renaming a new file over
    // it (`write_index`), never modified in place, so the mapped bytes do
    // not change under us; a copydesk index edited in place by hand is
    // caught by the checksums, which cover every section read.
    let map = unsafe { memmap2::Mmap::map(&file) }.map_err(|e| e.to_string())?;
    let sections = Sections::open_unverified(Bytes::new(Arc::new(map)), ANALYSIS_FINGERPRINT)?;
    let manifest = postcard::from_bytes(sections.verify(MANIFEST)?.as_ref())
        .map_err(|e| format!("unreadable manifest ({e})"))?;
    Ok(Some(IndexFile { sections, manifest }))
}

impl IndexFile {
    /// The base rows a delta index retires (none for a base index).
    pub fn retired(&self) -> Result<Vec<u32>, String> {
        if self.sections.checksum(RETIRED).is_none() {
            return Ok(Vec::new());
        }
        let rows: Fixed<u32> = Fixed::new(self.sections.verify(RETIRED)?);
        Ok(rows.iter_from(0).collect())
    }
}

/// A whole index: the sections written and the manifest.
pub fn finish_index(mut writer: SectionsWriter, manifest: &Manifest) -> SectionsWriter {
    writer.add(MANIFEST, postcard::to_stdvec(manifest).unwrap_or_default());
    writer
}

/// Write the index atomically: a temporary file in the same folder, renamed
/// over the old one, so a crash leaves the old index or the new, never half.
pub fn write_index(path: &Path, index: &SectionsWriter) -> Result<(), String> {
    let dir = path.parent().ok_or("no folder for the cache")?;
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    // Like ruff's cache: the folder ignores itself.
    let ignore = dir.join(".gitignore");
    if !ignore.exists() {
        let _ = std::fs::write(&ignore, "# Written by copydesk.\n*\n");
    }
    let mut file = tempfile::NamedTempFile::new_in(dir).map_err(|e| e.to_string())?;
    let mut out = std::io::BufWriter::new(file.as_file_mut());
    index
        .write_to(ANALYSIS_FINGERPRINT, &mut out)
        .and_then(|()| out.flush())
        .map_err(|e| e.to_string())?;
    drop(out);
    file.as_file().sync_all().map_err(|e| e.to_string())?;
    // A temporary file is private (0600); the cache is as shareable as the
    // corpus it describes.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = file
            .as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644));
    }
    file.persist(path).map_err(|e| e.error.to_string())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> SectionsWriter {
        let mut writer = SectionsWriter::default();
        writer.add("corpus", b"indexes".to_vec());
        let manifest = Manifest {
            articles: vec![IndexedArticle {
                stamp: FileStamp {
                    path: "a.md".into(),
                    len: 5,
                    modified: 1,
                },
                hash: content_hash("Kyiv."),
                meta: ArticleMeta::default(),
            }],
            skipped: Vec::new(),
        };
        finish_index(writer, &manifest)
    }

    #[test]
    fn a_written_index_reads_back() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("c").join(CACHE_FILE);
        write_index(&path, &index()).expect("write");
        let index = open_index(&path).expect("opens").expect("exists");
        assert_eq!(index.manifest.articles[0].stamp.path, "a.md");
        assert_eq!(
            index.sections.verify("corpus").expect("corpus").as_ref(),
            b"indexes"
        );
        assert!(dir.path().join("c/.gitignore").exists());
        assert!(
            open_index(&dir.path().join("none.bin"))
                .expect("none")
                .is_none()
        );
    }

    #[test]
    fn damaged_indexes_are_refused_with_a_reason() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(CACHE_FILE);
        let good = index().finish(ANALYSIS_FINGERPRINT);
        let reason = |bytes: &[u8]| {
            std::fs::write(&path, bytes).expect("write");
            open_index(&path).err().expect("refused")
        };
        assert_eq!(reason(&good[..good.len() - 3]), "truncated");
        let mut other_build = good.clone();
        other_build[20] ^= 1;
        assert_eq!(
            reason(&other_build),
            "written by another version of copydesk"
        );
        assert_eq!(reason(b"hello"), "not a copydesk index");
        // The manifest is the last section.
        let mut flipped = good.clone();
        let at = flipped.len() - 9;
        flipped[at] ^= 0x40;
        assert!(reason(&flipped).starts_with("checksum mismatch in section manifest"));
    }
}
