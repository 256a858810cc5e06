//! The corpus index on disk: built from the corpus files, written to a
//! cache folder, opened in place at the next start, and updated by a delta
//! layered on it when a few articles change. Each file imports only those
//! before it in that order: build → write → open → layer, with the
//! manifest and the load report below them all. The front ends list the
//! files (`crate::workspace`); everything after that is here.

mod build;
mod layer;
mod manifest;
mod open;
mod report;
mod write;

use std::collections::HashMap;
use std::path::Path;

pub use build::read_article;
pub use manifest::{CACHE_FILE, DELTA_FILE, FileStamp};
pub use report::{CacheReport, CorpusLoad, LoadWarning};

use crate::corpus::store::Blobs;
use crate::corpus::{Corpus, Neighbours};
use build::{build_index, index_article};
use layer::update_delta;
use manifest::FACTS;
use open::{CacheFiles, Cached, IndexFile, open_cached, reopen, stored};
use write::{finish_index, write_index};

/// Which analysis wrote an index: a stored corpus written by another one
/// finds other facts, so it is refused.
pub fn analysis_version() -> String {
    format!(
        "{}-{:016x}",
        crate::corpus::store::FORMAT,
        write::ANALYSIS_FINGERPRINT
    )
}

/// Open the corpus index in `cache_dir` when it was built from exactly the
/// files of `stamps` (corpus order; same paths, sizes and modification
/// times: no text is read). Otherwise update it: into a small delta index
/// beside it that holds the new and changed articles and retires the
/// index's old versions and removed ones (see `layer`); or, when that would
/// grow too large, rebuild it, analysing only new or changed articles. A
/// cache problem is reported, never fatal: the corpus is then analysed.
pub fn load(stamps: Vec<FileStamp>, cache_dir: Option<&Path>) -> Result<CorpusLoad, String> {
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
            load.cache.reused = load.corpus.article_count();
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
    let corpus = Corpus::open(built.articles, &sections)?;
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
