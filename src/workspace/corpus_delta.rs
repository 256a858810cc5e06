//! Adding articles to an indexed corpus without rebuilding its index: the
//! added articles are indexed on their own into a delta index beside the
//! base, which stays as it is, and the corpus queries both (see
//! `crate::corpus::Corpus::open_layered`). A changed or removed article,
//! or a delta grown past a tenth of the base, rebuilds the index whole.

use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;

use super::corpus_loader::{
    CacheReport, CorpusLoad, Indexed, LoadWarning, articles_on_disk, build_index, index_article,
    merge_articles, reopen, split_warnings, stored,
};
use super::index_cache::{
    BASE, FACTS, FileStamp, IndexFile, MANIFEST, Manifest, finish_index, write_index,
};
use crate::corpus::store::Blobs;
use crate::corpus::{Corpus, Neighbours};

/// Articles a delta may always hold; past that, a tenth of the base. Each
/// update re-merges the delta's articles and every query asks two indexes,
/// so a large delta is folded into a rebuilt base.
const MIN_DELTA_ARTICLES: usize = 64;

/// The corpus with a new delta index of the files the base does not have,
/// if every article of the base is unchanged on disk (`None`: rebuild).
/// The facts of an `old` delta are reused for the files it already had.
pub(super) fn update_delta(
    base: &IndexFile,
    old: Option<&IndexFile>,
    stamps: &[FileStamp],
    file: &Path,
) -> Option<Result<CorpusLoad, String>> {
    let added = added_files(&base.manifest, stamps)?;
    let limit = (base.manifest.articles.len() / 10).max(MIN_DELTA_ARTICLES);
    if added.len() > limit {
        return None;
    }
    // Damage found here is reported by the rebuild that follows.
    base.sections.verify_all(&[MANIFEST, FACTS]).ok()?;
    let manifest_checksum = base.sections.checksum(MANIFEST)?;
    let old = old.and_then(|delta| Some((delta, Blobs::new(delta.sections.verify(FACTS).ok()?))));
    let by_path: HashMap<&str, usize> = old
        .iter()
        .flat_map(|(delta, _)| delta.manifest.articles.iter().enumerate())
        .map(|(row, a)| (a.stamp.path.as_str(), row))
        .collect();
    let results: Vec<Result<Indexed, LoadWarning>> = added
        .into_par_iter()
        .map(|stamp| {
            let row = by_path.get(stamp.path.as_str()).copied();
            let found = row.and_then(|row| old.as_ref().and_then(|(d, b)| stored(d, b, row)));
            index_article(stamp, found, true)
        })
        .collect();
    let (indexed, warnings) = split_warnings(results);
    let reused = indexed.iter().filter(|a| a.reused).count();
    let mut report = CacheReport {
        reused: base.manifest.articles.len() + reused,
        analysed: indexed.len() - reused,
        problem: None,
    };
    let (delta_articles, mut built) = build_index(indexed, &warnings, Neighbours::NameLike, true);
    built.writer.add(BASE, manifest_checksum.to_vec());
    let bytes = finish_index(built.writer, &built.manifest);
    let written = match write_index(file, &bytes) {
        Ok(()) => Some(file.to_path_buf()),
        Err(reason) => {
            let problem = format!("{}: cannot write the index cache: {reason}", file.display());
            report.problem = Some(problem);
            None
        }
    };
    let opened = reopen(written.as_ref(), bytes).and_then(|sections| {
        let delta = IndexFile {
            sections,
            manifest: built.manifest,
        };
        let base_articles = articles_on_disk(base).collect();
        let (map, articles) = merge_articles(base, base_articles, &delta, delta_articles);
        Corpus::open_layered(articles, &base.sections, &delta.sections, map)
    });
    Some(opened.map(|corpus| CorpusLoad {
        corpus,
        warnings,
        cache: report,
    }))
}

/// The files on disk that the base index does not have, if it has every
/// other one as it is now (both lists are in path order).
fn added_files(base: &Manifest, stamps: &[FileStamp]) -> Option<Vec<FileStamp>> {
    let mut indexed = base.articles.iter().peekable();
    let mut added = Vec::new();
    for stamp in stamps {
        match indexed.peek() {
            Some(article) if article.stamp.path == stamp.path => {
                if article.stamp != *stamp {
                    return None;
                }
                indexed.next();
            }
            _ => added.push(stamp.clone()),
        }
    }
    indexed.next().is_none().then_some(added)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::index_cache::{IndexedArticle, content_hash};

    fn stamp(path: &str, len: u64) -> FileStamp {
        FileStamp {
            path: path.into(),
            len,
            modified: 1,
        }
    }

    fn manifest(stamps: &[FileStamp]) -> Manifest {
        Manifest {
            articles: stamps
                .iter()
                .map(|s| IndexedArticle {
                    stamp: s.clone(),
                    hash: content_hash(""),
                    meta: Default::default(),
                })
                .collect(),
            skipped: Vec::new(),
        }
    }

    #[test]
    fn only_additions_make_a_delta() {
        let base = manifest(&[stamp("a.md", 1), stamp("c.md", 1)]);
        let added = added_files(
            &base,
            &[stamp("a.md", 1), stamp("b.md", 1), stamp("c.md", 1)],
        );
        assert_eq!(added, Some(vec![stamp("b.md", 1)]));
        assert_eq!(
            added_files(&base, &[stamp("a.md", 1), stamp("c.md", 2)]),
            None,
            "changed"
        );
        assert_eq!(
            added_files(&base, &[stamp("a.md", 1), stamp("b.md", 1)]),
            None,
            "removed"
        );
    }
}
