//! Opening index files: the newest index and its delta, read in place
//! (memory-mapped), checked to be whole and from this analysis code, and
//! whether they describe the files on disk as they are now.

use std::path::PathBuf;
use std::sync::Arc;

use super::build::{Stored, text_loader};
use super::manifest::{BASE, FACTS, FileStamp, MANIFEST, Manifest, RETIRED};
use super::report::{CacheReport, CorpusLoad, LoadWarning};
use super::write::ANALYSIS_FINGERPRINT;
use crate::corpus::store::{Blobs, Bytes, Fixed, Sections, SectionsWriter};
use crate::corpus::{Article, ArticleMap, Corpus, Segment};
use crate::offsets::narrow;
use std::path::Path;

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

/// The sections of an index just built: read back from the file written,
/// when there is one (its pages can leave memory, the vector's could not).
pub(super) fn reopen(written: Option<&PathBuf>, index: SectionsWriter) -> Sections {
    match written.map(|file| open_index(file)) {
        Some(Ok(Some(opened))) => opened.sections,
        _ => index.into_sections(),
    }
}

/// What the cache folder holds for a corpus.
pub(super) enum Cached {
    /// An index of exactly the files on disk, opened.
    Current(CorpusLoad),
    /// An index of other files, or of other versions of them, and the
    /// delta that extends it, if any.
    Outdated(IndexFile, Option<IndexFile>),
    None,
}

/// Open the cached index and its delta; the file at fault and why when
/// the index is unusable. A damaged delta is reported in `report` and left
/// out (its articles are indexed again); one that extends an older index
/// is left out silently.
pub(super) fn open_cached(
    files: &CacheFiles,
    stamps: &[FileStamp],
    report: &mut CacheReport,
) -> Result<Cached, (PathBuf, String)> {
    let at_base = |reason| (files.base.clone(), reason);
    let Some(base) = open_index(&files.base).map_err(at_base)? else {
        return Ok(Cached::None);
    };
    let mut damaged_delta = |reason: String| {
        report.problem = Some(format!(
            "{}: {reason}; rebuilding it",
            files.delta.display()
        ));
    };
    let delta = match open_index(&files.delta) {
        Ok(Some(delta)) if extends(&delta, &base) => Some(delta),
        Ok(_) => None,
        Err(reason) => {
            damaged_delta(reason);
            None
        }
    };
    if !index_is_current(&base, delta.as_ref(), stamps) {
        return Ok(Cached::Outdated(base, delta));
    }
    // The manifests were checked on opening, the facts are for updates.
    base.sections
        .verify_all(&[MANIFEST, FACTS])
        .map_err(at_base)?;
    let Some(delta) = delta else {
        return Ok(Cached::Current(open_corpus(&base).map_err(at_base)?));
    };
    let opened = delta
        .sections
        .verify_all(&[MANIFEST, FACTS])
        .and_then(|()| open_layered(&base, &delta));
    match opened {
        Ok(load) => Ok(Cached::Current(load)),
        Err(reason) => {
            damaged_delta(reason);
            Ok(Cached::Outdated(base, None))
        }
    }
}

/// Whether `delta` was built on top of `base` as it is.
fn extends(delta: &IndexFile, base: &IndexFile) -> bool {
    let named = delta.sections.verify(BASE).ok();
    let manifest = base.sections.checksum(MANIFEST);
    named.is_some_and(|bytes| manifest.is_some_and(|m| bytes.as_ref() == m))
}

/// What `row` of an index (with its facts) holds.
pub(super) fn stored<'a>(index: &'a IndexFile, blobs: &'a Blobs, row: usize) -> Option<Stored<'a>> {
    let article = index.manifest.articles.get(row)?;
    let blob = blobs.get(row)?;
    Some((article, blob, postcard::from_bytes(blob).ok()?))
}

/// Whether an index (and its delta) was built from exactly these files,
/// as they are now.
fn index_is_current(base: &IndexFile, delta: Option<&IndexFile>, stamps: &[FileStamp]) -> bool {
    // A delta lists the files skipped at its writing; the base's are older.
    let skipped = delta.map_or(&base.manifest.skipped, |d| &d.manifest.skipped);
    let Ok(retired) = delta.map_or(Ok(Vec::new()), IndexFile::retired) else {
        return false;
    };
    let mut retired = retired.into_iter().peekable();
    let current_base = base
        .manifest
        .articles
        .iter()
        .enumerate()
        .filter(|(row, _)| {
            let row = narrow(*row);
            retired.next_if_eq(&row).is_none()
        });
    let mut indexed: Vec<&FileStamp> = current_base
        .map(|(_, article)| article)
        .chain(delta.into_iter().flat_map(|d| &d.manifest.articles))
        .map(|a| &a.stamp)
        .chain(skipped.iter().map(|(stamp, _)| stamp))
        .collect();
    indexed.sort_unstable_by(|a, b| a.path.cmp(&b.path));
    let mut now: Vec<&FileStamp> = stamps.iter().collect();
    now.sort_unstable_by(|a, b| a.path.cmp(&b.path));
    indexed == now
}

/// An index's articles, their texts left on disk.
pub(super) fn articles_on_disk(index: &IndexFile) -> impl Iterator<Item = Article> + '_ {
    index.manifest.articles.iter().map(|a| {
        Article::on_disk(
            PathBuf::from(&a.stamp.path),
            a.meta.clone(),
            text_loader(a.hash),
        )
    })
}

/// The warnings for the files an index skipped.
pub(super) fn skipped_warnings(index: &IndexFile) -> Vec<LoadWarning> {
    index
        .manifest
        .skipped
        .iter()
        .map(|(stamp, message)| LoadWarning {
            path: PathBuf::from(&stamp.path),
            message: message.clone(),
        })
        .collect()
}

/// The corpus an up-to-date index describes: its texts stay on disk.
fn open_corpus(index: &IndexFile) -> Result<CorpusLoad, String> {
    Ok(CorpusLoad {
        corpus: Corpus::open(articles_on_disk(index).collect(), &index.sections)?,
        warnings: skipped_warnings(index),
        cache: CacheReport::default(),
    })
}

/// The corpus an up-to-date index and its delta describe.
fn open_layered(base: &IndexFile, delta: &IndexFile) -> Result<CorpusLoad, String> {
    let retired = delta.retired()?;
    Ok(CorpusLoad {
        corpus: layered_corpus(base, delta, articles_on_disk(delta).collect(), &retired)?,
        warnings: skipped_warnings(delta),
        cache: CacheReport::default(),
    })
}

/// The corpus of a base index, less its `retired` rows, and a delta index
/// of `delta_articles`, in corpus order.
pub(super) fn layered_corpus(
    base: &IndexFile,
    delta: &IndexFile,
    delta_articles: Vec<Article>,
    retired: &[u32],
) -> Result<Corpus, String> {
    fn paths(index: &IndexFile) -> Vec<&str> {
        let articles = index.manifest.articles.iter();
        articles.map(|a| a.stamp.path.as_str()).collect()
    }
    let map = ArticleMap::merge(&paths(base), retired, &paths(delta));
    let mut base_articles = articles_on_disk(base)
        .enumerate()
        .filter(|(row, _)| !map.is_retired(Segment::Base, *row as u32))
        .map(|(_, article)| article);
    let mut delta_articles = delta_articles.into_iter();
    // Sized first: grown by doubling, 100,000 articles were copied over
    // and over, a sixth of an update.
    let mut articles = Vec::with_capacity(map.order().len());
    articles.extend(map.order().iter().filter_map(|(segment, _)| match segment {
        Segment::Base => base_articles.next(),
        Segment::Delta => delta_articles.next(),
    }));
    Corpus::open_layered(articles, &base.sections, &delta.sections, map)
}

/// The two files of the index cache.
pub(super) struct CacheFiles {
    pub base: PathBuf,
    pub delta: PathBuf,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::ArticleMeta;
    use crate::corpus::index::manifest::{CACHE_FILE, IndexedArticle, content_hash};
    use crate::corpus::index::write::{finish_index, write_index};

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
