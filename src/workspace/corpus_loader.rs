//! Reading the reference corpus: every `.md` and `.txt` file below the corpus
//! dirs, read in parallel. A file that cannot be read is skipped with a
//! warning naming it.

use crate::offsets::narrow;
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ignore::WalkBuilder;
use rayon::prelude::*;

use super::WorkspaceError;
use super::corpus_delta::update_delta;
use super::files::text_from_bytes;
use super::index_cache::{
    BASE, CACHE_FILE, ContentHash, DELTA_FILE, FACTS, FileStamp, IndexFile, IndexedArticle,
    MANIFEST, Manifest, content_hash, finish_index, open_index, write_index,
};
use crate::corpus::store::{Blobs, BlobsWriter, Sections, SectionsWriter};
use crate::corpus::{
    Article, ArticleFacts, ArticleMap, Corpus, IndexWriter, Neighbours, Segment, TextLoader,
};

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
    let (texts, warnings) = read_corpus(dirs)?;
    let articles = texts
        .into_par_iter()
        .map(|(path, text)| Article::new(path, text))
        .collect();
    Ok((articles, warnings))
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

/// Open the corpus index in `cache_dir` when it was built from exactly
/// the files below `dirs` (same paths, sizes and modification times: no
/// text is read). Otherwise update it: into a small delta index beside it
/// that holds the new and changed articles and retires the index's old
/// versions and removed ones (see `super::corpus_delta`); or, when that
/// would grow too large, rebuilt, analysing only new or changed articles. A cache problem is reported,
/// never fatal: the corpus is then analysed.
pub fn load_corpus_cached(
    dirs: &[PathBuf],
    cache_dir: Option<&Path>,
) -> Result<CorpusLoad, WorkspaceError> {
    let stamps: Vec<FileStamp> = list_corpus(dirs)?
        .into_par_iter()
        .map(|path| FileStamp::of(&path))
        .collect();
    let mut report = CacheReport::default();
    let files = cache_dir.map(|dir| CacheFiles {
        base: dir.join(CACHE_FILE),
        delta: dir.join(DELTA_FILE),
    });
    let opened = match &files {
        Some(files) => open_cached(files, &stamps, &mut report).unwrap_or_else(|(file, reason)| {
            report.problem = Some(format!("{}: {reason}; rebuilding it", file.display()));
            Cached::None
        }),
        None => Cached::None,
    };
    let previous = match opened {
        Cached::Current(mut load) => {
            load.cache.reused = load.corpus.articles().len();
            return Ok(load);
        }
        Cached::Outdated(base, delta) => Some((base, delta)),
        Cached::None => None,
    };
    if let (Some(files), Some((base, delta))) = (&files, &previous) {
        match update_delta(base, delta.as_ref(), &stamps, &files.delta) {
            Some(Ok(mut load)) => {
                load.cache.problem = load.cache.problem.or(report.problem);
                return Ok(load);
            }
            Some(Err(reason)) => {
                let problem = format!("{}: {reason}; rebuilding the index", files.delta.display());
                report.problem = Some(problem);
            }
            None => {}
        }
    }
    let segments = match (&files, previous) {
        (Some(files), Some((base, delta))) => stored_facts(files, base, delta, &mut report),
        _ => Vec::new(),
    };
    let by_path: HashMap<&str, (usize, usize)> = segments
        .iter()
        .enumerate()
        .flat_map(|(segment, (index, _))| {
            let rows = index.manifest.articles.iter().enumerate();
            rows.map(move |(row, a)| (a.stamp.path.as_str(), (segment, row)))
        })
        .collect();
    let keep_blobs = files.is_some();
    let index_one = |stamp: FileStamp| {
        let found = by_path.get(stamp.path.as_str());
        let stored = found.and_then(|&(segment, row)| {
            let (index, blobs) = segments.get(segment)?;
            stored(index, blobs, row)
        });
        index_article(stamp, stored, keep_blobs)
    };
    let built = build_index(stamps, index_one, Neighbours::Qualified, keep_blobs);
    report.reused = built.reused;
    report.analysed = built.articles.len() - built.reused;
    let index = finish_index(built.writer, &built.manifest);
    let written = match &files {
        Some(files) => match write_index(&files.base, &index) {
            Ok(()) => {
                // The delta extended the old index; the new one has its articles.
                let _ = std::fs::remove_file(&files.delta);
                Some(&files.base)
            }
            Err(reason) => {
                report.problem = Some(format!(
                    "{}: cannot write the index cache: {reason}",
                    files.base.display()
                ));
                None
            }
        },
        None => None,
    };
    let sections = reopen(written, index);
    let corpus = Corpus::open(built.articles, &sections)
        .map_err(|reason| WorkspaceError::io(Path::new("corpus index"), reason))?;
    Ok(CorpusLoad {
        corpus,
        warnings: built.warnings,
        cache: report,
    })
}

/// The stored facts of an outdated index and its delta, for every article
/// they still have; facts that fail their checksum are reported and left
/// out (those articles are analysed again).
fn stored_facts(
    files: &CacheFiles,
    base: IndexFile,
    delta: Option<IndexFile>,
    report: &mut CacheReport,
) -> Vec<(IndexFile, Blobs)> {
    let mut segments = Vec::new();
    let indexes = [(&files.base, Some(base)), (&files.delta, delta)];
    for (file, index) in indexes {
        let Some(index) = index else { continue };
        match index.sections.verify(FACTS) {
            Ok(bytes) => segments.push((index, Blobs::new(bytes))),
            Err(reason) => {
                report.problem = Some(format!("{}: {reason}; rebuilding it", file.display()));
            }
        }
    }
    segments
}

/// The two files of the index cache.
pub(super) struct CacheFiles {
    pub base: PathBuf,
    pub delta: PathBuf,
}

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

/// The sections of an index just built: read back from the file written,
/// when there is one (its pages can leave memory, the vector's could not).
pub(super) fn reopen(written: Option<&PathBuf>, index: SectionsWriter) -> Sections {
    match written.map(|file| open_index(file)) {
        Some(Ok(Some(opened))) => opened.sections,
        _ => index.into_sections(),
    }
}

/// What the cache folder holds for a corpus.
enum Cached {
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
fn open_cached(
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

/// What `row` of an index (with its facts) holds.
pub(super) fn stored<'a>(index: &'a IndexFile, blobs: &'a Blobs, row: usize) -> Option<Stored<'a>> {
    let article = index.manifest.articles.get(row)?;
    let blob = blobs.get(row)?;
    Some((article, blob, postcard::from_bytes(blob).ok()?))
}

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

/// A corpus file's path and text.
type ArticleText = (PathBuf, String);

/// The text of every corpus file below `dirs`, in path order, and a
/// warning for each file that could not be read as text.
fn read_corpus(dirs: &[PathBuf]) -> Result<(Vec<ArticleText>, Vec<LoadWarning>), WorkspaceError> {
    let loaded: Vec<Result<(PathBuf, String), LoadWarning>> = list_corpus(dirs)?
        .into_par_iter()
        .map(read_article)
        .collect();
    Ok(split_warnings(loaded))
}

/// The files that loaded, and the warnings of those that did not.
pub(super) fn split_warnings<T>(
    results: Vec<Result<T, LoadWarning>>,
) -> (Vec<T>, Vec<LoadWarning>) {
    let mut loaded = Vec::new();
    let mut warnings = Vec::new();
    for result in results {
        match result {
            Ok(file) => loaded.push(file),
            Err(warning) => warnings.push(warning),
        }
    }
    (loaded, warnings)
}

/// Every corpus file below `dirs`, in path order.
fn list_corpus(dirs: &[PathBuf]) -> Result<Vec<PathBuf>, WorkspaceError> {
    let mut paths = Vec::new();
    for dir in dirs {
        if !dir.is_dir() {
            return Err(WorkspaceError::io(dir, "corpus directory not found"));
        }
        paths.extend(corpus_files(dir)?);
    }
    // Byte order: comparing paths component by component cost a tenth of
    // a warm start at 100,000 articles.
    paths.sort_unstable_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
    paths.dedup();
    Ok(paths)
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

pub(super) fn read_article(path: PathBuf) -> Result<(PathBuf, String), LoadWarning> {
    let text = std::fs::read(&path)
        .map_err(|e| e.to_string())
        .and_then(text_from_bytes);
    match text {
        Ok(text) => Ok((path, text)),
        Err(message) => Err(LoadWarning { path, message }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn symlinks_in_the_corpus_are_not_followed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let corpus = dir.path().join("corpus");
        let outside = dir.path().join("outside");
        std::fs::create_dir_all(&corpus).expect("mkdir");
        std::fs::create_dir_all(&outside).expect("mkdir");
        std::fs::write(outside.join("private.md"), "Private notes on Kyiv.").expect("write");
        std::fs::write(corpus.join("wire.md"), "Talks in Kyiv.").expect("write");
        std::os::unix::fs::symlink(outside.join("private.md"), corpus.join("link.md"))
            .expect("link");
        std::os::unix::fs::symlink(&outside, corpus.join("folder")).expect("link");
        let (articles, _) = load_corpus(&[corpus]).expect("loads");
        let names: Vec<_> = articles
            .iter()
            .map(|a| a.path.file_name().unwrap())
            .collect();
        assert_eq!(names, ["wire.md"]);
    }

    #[test]
    fn an_index_built_in_chunks_is_the_index_built_at_once() {
        let corpus = [Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/accuracy/names/corpus")];
        let stamps: Vec<FileStamp> = list_corpus(&corpus)
            .expect("lists")
            .iter()
            .map(|path| FileStamp::of(path))
            .collect();
        assert!(stamps.len() > 3, "enough articles for several chunks");
        let index = |chunk| {
            let one = |stamp| index_article(stamp, None, true);
            let built = build_in_chunks(stamps.clone(), one, Neighbours::Qualified, true, chunk);
            finish_index(built.writer, &built.manifest).finish(0)
        };
        let whole = index(stamps.len());
        for chunk in [1, 2, 3] {
            assert!(index(chunk) == whole, "chunks of {chunk}");
        }
    }

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

    fn findings(corpus: Corpus) -> Vec<(String, String)> {
        let linter = crate::linter::Linter::new(
            std::sync::Arc::new(crate::RuleSet::defaults()),
            std::sync::Arc::new(corpus),
            crate::linter::LintSettings::default(),
        );
        let draft = "Envoy Steve Whitkoff said the plan had 20 points. \"We are very close to a deal,\" Witkoff said.";
        linter
            .lint(&crate::Document::markdown(draft))
            .findings
            .into_iter()
            .map(|f| (f.code.to_string(), f.message))
            .collect()
    }

    #[test]
    fn a_warm_load_reuses_every_article_and_finds_the_same() {
        let corpus_dir = tempfile::tempdir().expect("tempdir");
        let cache_dir = tempfile::tempdir().expect("tempdir");
        for (name, text) in [
            (
                "a.md",
                "Envoy Steve Witkoff said the plan had 19 points. Witkoff met Umerov.",
            ),
            (
                "b.md",
                "Witkoff flew to Geneva. \"We are close to a deal,\" Witkoff said.",
            ),
            (
                "c.md",
                "Steve Witkoff and Marco Rubio spoke. The plan had 19 points.",
            ),
        ] {
            std::fs::write(corpus_dir.path().join(name), text).expect("write");
        }
        let dirs = [corpus_dir.path().to_path_buf()];
        let cold = load_corpus_cached(&dirs, Some(cache_dir.path())).expect("cold");
        assert_eq!(
            cold.cache,
            CacheReport {
                reused: 0,
                analysed: 3,
                problem: None
            }
        );
        let warm = load_corpus_cached(&dirs, Some(cache_dir.path())).expect("warm");
        assert_eq!(
            warm.cache,
            CacheReport {
                reused: 3,
                analysed: 0,
                problem: None
            }
        );
        let (cold, warm) = (findings(cold.corpus), findings(warm.corpus));
        assert!(cold.len() >= 2, "{cold:?}");
        assert_eq!(cold, warm);

        std::fs::write(corpus_dir.path().join("b.md"), "Witkoff flew to Miami.").expect("edit");
        let changed = load_corpus_cached(&dirs, Some(cache_dir.path())).expect("changed");
        assert_eq!((changed.cache.reused, changed.cache.analysed), (2, 1));
    }

    #[test]
    fn a_corrupt_cache_is_rebuilt_with_a_warning() {
        let corpus_dir = tempfile::tempdir().expect("tempdir");
        let cache_dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(corpus_dir.path().join("a.md"), "Talks in Kyiv.").expect("write");
        std::fs::write(cache_dir.path().join(CACHE_FILE), b"garbage").expect("write");
        let dirs = [corpus_dir.path().to_path_buf()];
        let load = load_corpus_cached(&dirs, Some(cache_dir.path())).expect("load");
        assert_eq!(load.cache.analysed, 1);
        assert!(
            load.cache
                .problem
                .as_deref()
                .is_some_and(|p| p.contains("not a copydesk index"))
        );
        let again = load_corpus_cached(&dirs, Some(cache_dir.path())).expect("again");
        assert_eq!((again.cache.reused, again.cache.problem), (1, None));
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
