//! Updating an indexed corpus without rebuilding its index: the added and
//! changed articles are indexed on their own into a delta index beside the
//! base, which stays as it is; the delta lists the base's rows it retires
//! (changed or removed articles), and the corpus queries both (see
//! `crate::corpus::Corpus::open_layered`). A delta grown past a tenth of
//! the base rebuilds the index whole.

use std::collections::HashMap;
use std::path::Path;

use super::build::{build_index, index_article};
use super::manifest::{BASE, FACTS, FileStamp, MANIFEST, Manifest, RETIRED};
use super::open::{IndexFile, layered_corpus, reopen, stored};
use super::report::{CacheReport, CorpusLoad};
use super::write::{finish_index, write_index};
use crate::corpus::store::{Blobs, Fixed};
use crate::corpus::{Neighbours, RETIRED_NAMES, RetiredNames};
use crate::offsets::narrow;

/// Articles a delta may always hold; past that, a tenth of the base. Each
/// update re-merges the delta's articles and every query asks two indexes,
/// so a large delta is folded into a rebuilt base.
const MIN_DELTA_ARTICLES: usize = 64;

/// The corpus with a new delta index of the files the base does not have
/// as they are now, retiring the base's rows of changed and removed files
/// (`None`: too many for a delta, rebuild). Stored facts are reused for
/// files the `old` delta or the base has as they are.
pub(super) fn update_delta(
    base: &IndexFile,
    old: Option<&IndexFile>,
    stamps: &[FileStamp],
    file: &Path,
) -> Option<Result<CorpusLoad, String>> {
    let Changes { files, retired } = changes(&base.manifest, stamps);
    let limit = (base.manifest.articles.len() / 10).max(MIN_DELTA_ARTICLES);
    if files.len() + retired.len() > limit {
        return None;
    }
    // Damage found here is reported by the rebuild that follows. The
    // stored facts are read only when some article is retired.
    let skip: &[&str] = if retired.is_empty() {
        &[MANIFEST, FACTS]
    } else {
        &[MANIFEST]
    };
    base.sections.verify_all(skip).ok()?;
    let base_facts = Blobs::new(base.sections.get(FACTS).ok()?);
    let retired_names = match retired.is_empty() {
        true => None,
        false => Some(RetiredNames::new(&base.sections, &retired, &base_facts).ok()?),
    };
    let manifest_checksum = base.sections.checksum(MANIFEST)?;
    let old = old.and_then(|delta| Some((delta, Blobs::new(delta.sections.verify(FACTS).ok()?))));
    let in_old: HashMap<&str, usize> = old
        .iter()
        .flat_map(|(delta, _)| delta.manifest.articles.iter().enumerate())
        .map(|(row, a)| (a.stamp.path.as_str(), row))
        .collect();
    let in_base: HashMap<&str, usize> = retired
        .iter()
        .filter_map(|&row| {
            let article = base.manifest.articles.get(row as usize)?;
            Some((article.stamp.path.as_str(), row as usize))
        })
        .collect();
    let index_one = |stamp: FileStamp| {
        let path = stamp.path.as_str();
        let from_old = in_old.get(path).and_then(|&row| {
            let (delta, blobs) = old.as_ref()?;
            stored(delta, blobs, row)
        });
        let found = from_old.or_else(|| {
            let row = *in_base.get(path)?;
            stored(base, &base_facts, row)
        });
        index_article(stamp, found, true)
    };
    let mut built = build_index(files, index_one, Neighbours::NameLike, true);
    let mut report = CacheReport {
        reused: base.manifest.articles.len() - retired.len() + built.reused,
        analysed: built.articles.len() - built.reused,
        problem: None,
    };
    built.writer.add(BASE, manifest_checksum.to_vec());
    built.writer.add(RETIRED, Fixed::encode(&retired));
    if let Some(names) = retired_names {
        built.writer.add(RETIRED_NAMES, names.encode());
    }
    let index = finish_index(built.writer, &built.manifest);
    let written = match write_index(file, &index) {
        Ok(()) => Some(file.to_path_buf()),
        Err(reason) => {
            let problem = format!("{}: cannot write the index cache: {reason}", file.display());
            report.problem = Some(problem);
            None
        }
    };
    let delta = IndexFile {
        sections: reopen(written.as_ref(), index),
        manifest: built.manifest,
    };
    let opened = layered_corpus(base, &delta, built.articles, &retired);
    Some(opened.map(|corpus| CorpusLoad {
        corpus,
        warnings: built.warnings,
        cache: report,
    }))
}

/// How the files on disk differ from those a base index was built from.
#[derive(Debug, PartialEq, Eq)]
struct Changes {
    /// Files the base does not have as they are now: added or changed.
    files: Vec<FileStamp>,
    /// The base's rows of files changed or removed since.
    retired: Vec<u32>,
}

/// Compare the base's files with those on disk (both lists in path order).
fn changes(base: &Manifest, stamps: &[FileStamp]) -> Changes {
    let mut indexed = base.articles.iter().enumerate().peekable();
    let mut changes = Changes {
        files: Vec::new(),
        retired: Vec::new(),
    };
    for stamp in stamps {
        while let Some((at, _)) = indexed.next_if(|(_, a)| a.stamp.path < stamp.path) {
            changes.retired.push(narrow(at));
        }
        match indexed.next_if(|(_, a)| a.stamp.path == stamp.path) {
            Some((_, article)) if article.stamp == *stamp => {}
            Some((at, _)) => {
                changes.retired.push(narrow(at));
                changes.files.push(stamp.clone());
            }
            None => changes.files.push(stamp.clone()),
        }
    }
    changes.retired.extend(indexed.map(|(at, _)| narrow(at)));
    changes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::index::manifest::{IndexedArticle, content_hash};

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
    fn added_and_changed_files_go_to_the_delta_and_retire_their_rows() {
        let base = manifest(&[stamp("a.md", 1), stamp("c.md", 1), stamp("e.md", 1)]);
        let added = changes(
            &base,
            &[
                stamp("a.md", 1),
                stamp("b.md", 1),
                stamp("c.md", 1),
                stamp("e.md", 1),
            ],
        );
        assert_eq!(
            added,
            Changes {
                files: vec![stamp("b.md", 1)],
                retired: vec![]
            }
        );
        let changed = changes(
            &base,
            &[stamp("a.md", 1), stamp("c.md", 2), stamp("e.md", 1)],
        );
        assert_eq!(
            changed,
            Changes {
                files: vec![stamp("c.md", 2)],
                retired: vec![1]
            }
        );
        let removed = changes(&base, &[stamp("b.md", 1), stamp("e.md", 1)]);
        assert_eq!(
            removed,
            Changes {
                files: vec![stamp("b.md", 1)],
                retired: vec![0, 1]
            }
        );
        let emptied = changes(&base, &[]);
        assert_eq!(emptied.retired, [0, 1, 2]);
    }
}
