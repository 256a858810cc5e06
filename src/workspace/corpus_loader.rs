//! Reading the reference corpus: every `.md` and `.txt` file below the corpus
//! dirs, read in parallel. A file that cannot be read is skipped with a
//! warning naming it.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ignore::WalkBuilder;
use rayon::prelude::*;

use super::WorkspaceError;
use super::files::text_from_bytes;
use super::index_cache::{
    CACHE_FILE, ContentHash, FACTS, FileStamp, IndexFile, IndexedArticle, MANIFEST, Manifest,
    content_hash, finish_index, open_built, open_index, write_index,
};
use crate::corpus::store::{Blobs, BlobsWriter, SectionsWriter};
use crate::corpus::{Article, ArticleFacts, Corpus, TextLoader};

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
/// text is read); otherwise update it, analysing only new or changed
/// articles, and save it. A cache problem is reported, never fatal: the
/// corpus is then analysed.
pub fn load_corpus_cached(
    dirs: &[PathBuf],
    cache_dir: Option<&Path>,
) -> Result<CorpusLoad, WorkspaceError> {
    let stamps: Vec<FileStamp> = list_corpus(dirs)?
        .into_par_iter()
        .map(|path| FileStamp::of(&path))
        .collect();
    let cache_file = cache_dir.map(|dir| dir.join(CACHE_FILE));
    let mut report = CacheReport::default();
    let opened = match &cache_file {
        Some(file) => open_cached(file, &stamps).unwrap_or_else(|reason| {
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
        Cached::Outdated(previous) => Some(previous),
        Cached::None => None,
    };
    // The stored facts of an outdated index, for every article it still has.
    let previous = previous.and_then(|index| match index.sections.verify(FACTS) {
        Ok(bytes) => Some((index, Blobs::new(bytes))),
        Err(reason) => {
            if let Some(file) = &cache_file {
                report.problem = Some(format!("{}: {reason}; rebuilding it", file.display()));
            }
            None
        }
    });
    let by_path: HashMap<&str, usize> = previous
        .iter()
        .flat_map(|(index, _)| index.manifest.articles.iter().enumerate())
        .map(|(row, a)| (a.stamp.path.as_str(), row))
        .collect();
    let keep_blobs = cache_file.is_some();
    let results: Vec<Result<Indexed, LoadWarning>> = stamps
        .into_par_iter()
        .map(|stamp| {
            let row = by_path.get(stamp.path.as_str()).copied();
            index_article(
                stamp,
                row.and_then(|row| stored(&previous, row)),
                keep_blobs,
            )
        })
        .collect();
    let (analysed, warnings) = split_warnings(results);
    report.reused = analysed.iter().filter(|a| a.reused).count();
    report.analysed = analysed.len() - report.reused;
    // The stamps were taken before the texts were read: a file changed
    // while loading looks changed at the next start, never current.
    let manifest = Manifest {
        articles: analysed
            .iter()
            .map(|a| IndexedArticle {
                stamp: a.stamp.clone(),
                hash: a.hash,
                meta: a.facts.meta.clone(),
            })
            .collect(),
        skipped: warnings
            .iter()
            .map(|w| (FileStamp::of(&w.path), w.message.clone()))
            .collect(),
    };
    let mut blobs = BlobsWriter::default();
    if cache_file.is_some() {
        for indexed in &analysed {
            blobs.push(&indexed.blob);
        }
    }
    let (articles, facts): (Vec<Article>, Vec<ArticleFacts>) =
        analysed.into_iter().map(|a| (a.article, a.facts)).unzip();
    let mut writer = SectionsWriter::default();
    Corpus::write_index(facts, &mut writer);
    writer.add(FACTS, blobs.finish());
    let bytes = finish_index(writer, &manifest);
    let written = match &cache_file {
        Some(file) => match write_index(file, &bytes) {
            Ok(()) => Some(file),
            Err(reason) => {
                report.problem = Some(format!(
                    "{}: cannot write the index cache: {reason}",
                    file.display()
                ));
                None
            }
        },
        None => None,
    };
    // Read back from the file just written, when there is one: its pages
    // can leave memory, the vector's could not.
    let sections = match written.map(|file| open_index(file)) {
        Some(Ok(Some(index))) => {
            drop(bytes);
            Ok(index.sections)
        }
        _ => open_built(bytes),
    };
    let corpus = sections
        .and_then(|sections| Corpus::open(articles, &sections))
        .map_err(|reason| WorkspaceError::io(Path::new("corpus index"), reason))?;
    Ok(CorpusLoad {
        corpus,
        warnings,
        cache: report,
    })
}

/// What the cache folder holds for a corpus.
enum Cached {
    /// An index of exactly the files on disk, opened.
    Current(CorpusLoad),
    /// An index of other files, or of other versions of them.
    Outdated(IndexFile),
    None,
}

fn open_cached(file: &Path, stamps: &[FileStamp]) -> Result<Cached, String> {
    Ok(match open_index(file)? {
        Some(index) if index_is_current(&index, stamps) => {
            // The manifest was checked on opening, the facts are for updates.
            index.sections.verify_all(&[MANIFEST, FACTS])?;
            Cached::Current(open_corpus(&index)?)
        }
        Some(index) => Cached::Outdated(index),
        None => Cached::None,
    })
}

/// One article of the index being built: where its facts came from.
struct Indexed {
    article: Article,
    stamp: FileStamp,
    hash: ContentHash,
    facts: ArticleFacts,
    /// The facts serialised, as stored for the next update.
    blob: Vec<u8>,
    /// Whether the facts came from the previous index.
    reused: bool,
}

/// What an outdated index holds for one article: its manifest entry, its
/// facts as stored, and those facts decoded.
type Stored<'a> = (&'a IndexedArticle, &'a [u8], ArticleFacts);

fn stored(previous: &Option<(IndexFile, Blobs)>, row: usize) -> Option<Stored<'_>> {
    let (index, blobs) = previous.as_ref()?;
    let article = index.manifest.articles.get(row)?;
    let blob = blobs.get(row)?;
    Some((article, blob, postcard::from_bytes(blob).ok()?))
}

/// One corpus file of an index being updated: its stored facts when it is
/// unchanged on disk (not even read) or its text is (read, not analysed),
/// else analysed afresh. `keep_blobs`: the facts are stored for the next
/// update.
fn index_article(
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
fn text_loader(indexed: ContentHash) -> TextLoader {
    Arc::new(move |path: &Path| {
        let text = std::fs::read(path)
            .ok()
            .and_then(|b| text_from_bytes(b).ok())?;
        (content_hash(&text) == indexed).then_some(text)
    })
}

/// Whether an index was built from exactly these files, as they are now.
fn index_is_current(index: &IndexFile, stamps: &[FileStamp]) -> bool {
    let manifest = &index.manifest;
    let mut indexed: Vec<&FileStamp> = manifest
        .articles
        .iter()
        .map(|a| &a.stamp)
        .chain(manifest.skipped.iter().map(|(stamp, _)| stamp))
        .collect();
    indexed.sort_unstable_by(|a, b| a.path.cmp(&b.path));
    let mut now: Vec<&FileStamp> = stamps.iter().collect();
    now.sort_unstable_by(|a, b| a.path.cmp(&b.path));
    indexed == now
}

/// The corpus an up-to-date index describes: its texts stay on disk.
fn open_corpus(index: &IndexFile) -> Result<CorpusLoad, String> {
    let articles = index
        .manifest
        .articles
        .iter()
        .map(|a| {
            Article::on_disk(
                PathBuf::from(&a.stamp.path),
                a.meta.clone(),
                text_loader(a.hash),
            )
        })
        .collect();
    let warnings = index
        .manifest
        .skipped
        .iter()
        .map(|(stamp, message)| LoadWarning {
            path: PathBuf::from(&stamp.path),
            message: message.clone(),
        })
        .collect();
    Ok(CorpusLoad {
        corpus: Corpus::open(articles, &index.sections)?,
        warnings,
        cache: CacheReport::default(),
    })
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
fn split_warnings<T>(results: Vec<Result<T, LoadWarning>>) -> (Vec<T>, Vec<LoadWarning>) {
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

fn read_article(path: PathBuf) -> Result<(PathBuf, String), LoadWarning> {
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
        let draft = "Envoy Steve Whitkoff said the plan had 20 points. \"We are close to a deal now,\" Witkoff said.";
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
