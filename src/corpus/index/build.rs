//! Building an index from corpus files: each article analysed (or its
//! stored facts reused when its file or text is unchanged), a chunk at a
//! time, while the chunk before is merged into the index's sections.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::manifest::{ContentHash, FACTS, FileStamp, IndexedArticle, Manifest, content_hash};
use super::report::LoadWarning;
use crate::corpus::store::{BlobsWriter, SectionsWriter};
use crate::corpus::{Article, ArticleFacts, IndexWriter, Neighbours, TextLoader};
use crate::document::text_from_bytes;

/// Articles analysed at a time while the chunk before is merged into the
/// index: enough to keep both cores busy, few enough that the facts held
/// stay small next to the index (a whole corpus's facts took 2.4 GB at
/// 100,000 articles, and each fresh page costs the kernel a clearing).
/// At most this many; a smaller corpus is cut into `MIN_CHUNKS` at least,
/// so that its merging too runs beside the analysis (1,000 articles in
/// one chunk were analysed, then merged on one core).
const CHUNK_ARTICLES: usize = 1024;
const MIN_CHUNKS: usize = 16;
const MIN_CHUNK_ARTICLES: usize = 16;

/// An index built from corpus files: its sections and manifest, the
/// articles (texts on disk), the files skipped, and how many articles'
/// facts were reused from a stored index.
pub(super) struct BuiltIndex {
    pub writer: SectionsWriter,
    pub manifest: Manifest,
    pub articles: Vec<Article>,
    pub warnings: Vec<LoadWarning>,
    pub reused: usize,
}

/// Index the files of `stamps` (in corpus order), each through
/// `index_one`, a chunk at a time: one chunk is analysed in parallel while
/// the chunk before is merged, so a whole corpus's facts are never held at
/// once. The stamps were taken before the texts were read: a file changed
/// while loading looks changed at the next start, never current.
pub(super) fn build_index(
    stamps: Vec<FileStamp>,
    index_one: impl Fn(FileStamp) -> Result<Indexed, LoadWarning> + Sync,
    neighbours: Neighbours,
    keep_blobs: bool,
) -> BuiltIndex {
    let chunk = (stamps.len() / MIN_CHUNKS).clamp(MIN_CHUNK_ARTICLES, CHUNK_ARTICLES);
    build_in_chunks(stamps, index_one, neighbours, keep_blobs, chunk)
}

fn build_in_chunks(
    stamps: Vec<FileStamp>,
    index_one: impl Fn(FileStamp) -> Result<Indexed, LoadWarning> + Sync,
    neighbours: Neighbours,
    keep_blobs: bool,
    chunk_articles: usize,
) -> BuiltIndex {
    let mut index = IndexWriter::new(neighbours);
    let mut blobs = BlobsWriter::default();
    let mut articles = Vec::with_capacity(stamps.len());
    let mut indexed = Vec::with_capacity(stamps.len());
    let mut warnings = Vec::new();
    let mut reused = 0;
    let mut merging: Vec<ArticleFacts> = Vec::new();
    let mut stamps = stamps.into_iter();
    loop {
        let chunk: Vec<FileStamp> = stamps.by_ref().take(chunk_articles.max(1)).collect();
        if chunk.is_empty() {
            break;
        }
        let previous = std::mem::take(&mut merging);
        let (results, ()) = rayon::join(
            || chunk.into_par_iter().map(&index_one).collect::<Vec<_>>(),
            || index.add(previous),
        );
        for result in results {
            let analysed = match result {
                Ok(analysed) => analysed,
                Err(warning) => {
                    warnings.push(warning);
                    continue;
                }
            };
            indexed.push(IndexedArticle {
                stamp: analysed.stamp,
                hash: analysed.hash,
                meta: analysed.facts.meta.clone(),
            });
            if keep_blobs {
                blobs.push(&analysed.blob);
            }
            reused += usize::from(analysed.reused);
            articles.push(analysed.article);
            merging.push(analysed.facts);
        }
    }
    index.add(merging);
    let mut writer = SectionsWriter::default();
    index.finish(&mut writer);
    writer.add_parts(FACTS, blobs.into_parts());
    let manifest = Manifest {
        articles: indexed,
        skipped: warnings
            .iter()
            .map(|w| (FileStamp::of(&w.path), w.message.clone()))
            .collect(),
    };
    BuiltIndex {
        writer,
        manifest,
        articles,
        warnings,
        reused,
    }
}

/// One article of the index being built: where its facts came from.
pub(super) struct Indexed {
    pub article: Article,
    pub stamp: FileStamp,
    pub hash: ContentHash,
    pub facts: ArticleFacts,
    /// The facts serialised, as stored for the next update.
    pub blob: Vec<u8>,
    /// Whether the facts came from the previous index.
    pub reused: bool,
}

/// What an outdated index holds for one article: its manifest entry, its
/// facts as stored, and those facts decoded.
pub(super) type Stored<'a> = (&'a IndexedArticle, &'a [u8], ArticleFacts);

/// One corpus file of an index being updated: its stored facts when it is
/// unchanged on disk (not even read) or its text is (read, not analysed),
/// else analysed afresh. `keep_blobs`: the facts are stored for the next
/// update.
pub(super) fn index_article(
    stamp: FileStamp,
    stored: Option<Stored<'_>>,
    keep_blobs: bool,
) -> Result<Indexed, LoadWarning> {
    let reuse = |(indexed, blob, facts): Stored<'_>, stamp: FileStamp| {
        let path = PathBuf::from(&stamp.path);
        Indexed {
            article: Article::on_disk(path, facts.meta.clone(), text_loader(indexed.hash)),
            hash: indexed.hash,
            stamp,
            blob: blob.to_vec(),
            facts,
            reused: true,
        }
    };
    let stored = match stored {
        Some(found) if found.0.stamp == stamp => return Ok(reuse(found, stamp)),
        other => other,
    };
    let (path, text) = read_article(PathBuf::from(&stamp.path))?;
    let hash = content_hash(&text);
    if let Some(found) = stored.filter(|found| found.0.hash == hash) {
        return Ok(reuse(found, stamp));
    }
    // Analysed, then back to disk: the parsed article would hold its text
    // and every sentence in memory until the end.
    let facts = ArticleFacts::analyse(&Article::new(path.clone(), text));
    Ok(Indexed {
        blob: match keep_blobs {
            true => postcard::to_stdvec(&facts).unwrap_or_default(),
            false => Vec::new(),
        },
        article: Article::on_disk(path, facts.meta.clone(), text_loader(hash)),
        hash,
        stamp,
        facts,
        reused: false,
    })
}

/// Reads an article's text when evidence first points into it; nothing if
/// the text is no longer the one indexed (the evidence's offsets would be
/// wrong), until the next start updates the index.
pub(super) fn text_loader(indexed: ContentHash) -> TextLoader {
    Arc::new(move |path: &Path| {
        let text = std::fs::read(path)
            .ok()
            .and_then(|b| text_from_bytes(b).ok())?;
        (content_hash(&text) == indexed).then_some(text)
    })
}

/// A corpus file's path and text, or why it cannot be read as text.
pub fn read_article(path: PathBuf) -> Result<(PathBuf, String), LoadWarning> {
    let text = std::fs::read(&path)
        .map_err(|e| e.to_string())
        .and_then(text_from_bytes);
    match text {
        Ok(text) => Ok((path, text)),
        Err(reason) => Err(LoadWarning {
            path,
            message: format!("{reason}, not indexed"),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_index_built_in_chunks_is_the_index_built_at_once() {
        let corpus = [Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/accuracy/names/corpus")];
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&corpus[0])
            .expect("lists")
            .flatten()
            .map(|entry| entry.path())
            .filter(|path| path.extension().is_some_and(|e| e == "md"))
            .collect();
        paths.sort();
        let stamps: Vec<FileStamp> = paths.iter().map(|path| FileStamp::of(path)).collect();
        assert!(stamps.len() > 3, "enough articles for several chunks");
        let index = |chunk| {
            let one = |stamp| index_article(stamp, None, true);
            let built = build_in_chunks(stamps.clone(), one, Neighbours::Qualified, true, chunk);
            crate::corpus::index::write::finish_index(built.writer, &built.manifest).finish(0)
        };
        let whole = index(stamps.len());
        for chunk in [1, 2, 3] {
            assert!(index(chunk) == whole, "chunks of {chunk}");
        }
    }
}
