//! Finding the reference corpus: every `.md`, `.markdown`, `.mdx` and
//! `.txt` file below the corpus dirs, in path order, then loading it
//! through the index cache (`crate::corpus::index`). A missing corpus dir
//! is an error; a file that cannot be read is skipped with a warning, and
//! so is an empty corpus folder. Symbolic links are followed while they
//! stay inside their corpus folder; the ones that lead out are skipped and
//! counted in one warning.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use ignore::WalkBuilder;
use rayon::prelude::*;

use super::WorkspaceError;
use crate::corpus::Article;
use crate::corpus::index::{self, CorpusLoad, FileStamp, LoadWarning, read_article};
use crate::lang::calendar::Day;

const CORPUS_EXTENSIONS: &[&str] = &["md", "markdown", "mdx", "txt"];

/// Read and analyse every article below `dirs`, in a stable order. A
/// missing corpus dir is an error; a bad file inside one is a warning.
pub fn load_corpus(dirs: &[PathBuf]) -> Result<(Vec<Article>, Vec<LoadWarning>), WorkspaceError> {
    let listing = list_corpus(dirs)?;
    let loaded: Vec<Result<(PathBuf, String), LoadWarning>> =
        listing.paths.into_par_iter().map(read_article).collect();
    let (texts, mut warnings) = split_warnings(loaded);
    let articles = texts
        .into_par_iter()
        .map(|(path, text)| Article::new(path, text))
        .collect();
    warnings.splice(0..0, listing.warnings);
    Ok((articles, warnings))
}

/// Load the corpus below `dirs` through the index cache in `cache_dir`
/// (see [`crate::corpus::index::load`]): only new and changed files are
/// analysed. A cache problem is reported, never fatal. `modified_dates`:
/// an article that gives no date is dated by its file's modification day
/// where that can be trusted (see [`trusted_modified_days`]).
pub fn load_corpus_cached(
    dirs: &[PathBuf],
    cache_dir: Option<&Path>,
    modified_dates: bool,
) -> Result<CorpusLoad, WorkspaceError> {
    let listing = list_corpus(dirs)?;
    let stamps: Vec<FileStamp> = listing
        .paths
        .into_par_iter()
        .map(|path| FileStamp::of(&path))
        .collect();
    let modified = match modified_dates {
        true => trusted_modified_days(&stamps),
        false => HashMap::new(),
    };
    let mut load = index::load(stamps, cache_dir)
        .map_err(|reason| WorkspaceError::io(Path::new("corpus index"), reason))?;
    if !modified.is_empty() {
        load.corpus
            .date_by_modification(|path| modified.get(path.to_string_lossy().as_ref()).copied());
    }
    load.warnings.splice(0..0, listing.warnings);
    Ok(load)
}

/// A day holding at least this share of the corpus's files, and two or
/// more, is the day a checkout, a copy or an unpacked archive stamped them:
/// their modification time says nothing of when they were written.
const BULK_STAMP_SHARE: f64 = 0.25;

/// The modification day (UTC) of each corpus file whose time can date it:
/// not those stamped in bulk, nor those whose time is unknown.
pub fn trusted_modified_days(stamps: &[FileStamp]) -> HashMap<String, Day> {
    const NANOS_A_DAY: u128 = 86_400 * 1_000_000_000;
    let day_of =
        |stamp: &FileStamp| (stamp.modified > 0).then_some((stamp.modified / NANOS_A_DAY) as Day);
    let mut files_a_day: HashMap<Day, usize> = HashMap::new();
    for day in stamps.iter().filter_map(day_of) {
        *files_a_day.entry(day).or_default() += 1;
    }
    let bulk = |files: usize| files >= 2 && files as f64 >= BULK_STAMP_SHARE * stamps.len() as f64;
    stamps
        .iter()
        .filter_map(|stamp| {
            let day = day_of(stamp)?;
            (!bulk(files_a_day[&day])).then(|| (stamp.path.clone(), day))
        })
        .collect()
}

/// The corpus files below `dirs` in corpus (path) order, and what the
/// listing skipped.
pub fn list_corpus_files(
    dirs: &[PathBuf],
) -> Result<(Vec<PathBuf>, Vec<LoadWarning>), WorkspaceError> {
    let listing = list_corpus(dirs)?;
    Ok((listing.paths, listing.warnings))
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

/// The corpus files below the corpus dirs, and what the listing skipped.
struct Listing {
    paths: Vec<PathBuf>,
    warnings: Vec<LoadWarning>,
}

/// Every corpus file below `dirs`, in path order.
fn list_corpus(dirs: &[PathBuf]) -> Result<Listing, WorkspaceError> {
    let mut listing = Listing {
        paths: Vec::new(),
        warnings: Vec::new(),
    };
    for dir in dirs {
        if dir.is_file() {
            return Err(WorkspaceError::io(
                dir,
                "is a file, not a folder: name the folder that holds the corpus articles",
            ));
        }
        if !dir.is_dir() {
            return Err(WorkspaceError::io(dir, "corpus directory not found"));
        }
        let before = listing.paths.len();
        list_folder(dir, &mut listing);
        if listing.paths.len() == before {
            listing.warnings.push(LoadWarning {
                path: dir.clone(),
                message: format!(
                    "no articles in this corpus folder (copydesk reads .{} files)",
                    CORPUS_EXTENSIONS.join(", .")
                ),
            });
        }
    }
    // Byte order: comparing paths component by component cost a tenth of
    // a warm start at 100,000 articles.
    listing
        .paths
        .sort_unstable_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
    listing.paths.dedup();
    Ok(listing)
}

/// Add the articles below `dir` to `listing`. A link is followed when
/// what it leads to lies inside `dir`; an article reached twice that way
/// is listed once, by its first path.
fn list_folder(dir: &Path, listing: &mut Listing) {
    let root = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    let (followed, escaped) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let walker = {
        let (followed, escaped, root) = (followed.clone(), escaped.clone(), root.clone());
        WalkBuilder::new(dir)
            .require_git(false)
            .follow_links(true)
            .filter_entry(move |entry| {
                if !entry.path_is_symlink() {
                    return true;
                }
                let inside = entry
                    .path()
                    .canonicalize()
                    .is_ok_and(|target| target.starts_with(&root));
                let counter = if inside { &followed } else { &escaped };
                counter.fetch_add(1, Ordering::Relaxed);
                inside
            })
            .build()
    };
    let mut found = Vec::new();
    for entry in walker {
        match entry {
            Ok(entry) if is_article(&entry) => found.push(entry.into_path()),
            Ok(_) => {}
            // A broken link fails the walk's look at it before the filter.
            Err(ignore::Error::WithPath { path, .. }) if is_link(&path) => {
                escaped.fetch_add(1, Ordering::Relaxed);
            }
            Err(error) => listing.warnings.push(LoadWarning {
                path: dir.to_path_buf(),
                message: format!("{error}; skipped"),
            }),
        }
    }
    if followed.load(Ordering::Relaxed) > 0 {
        found = once_each(found, dir, &root);
    }
    listing.paths.extend(found);
    let escaped = escaped.load(Ordering::Relaxed);
    if escaped > 0 {
        listing.warnings.push(LoadWarning {
            path: dir.to_path_buf(),
            message: format!(
                "{escaped} symbolic link{} here lead{} outside this folder or nowhere; not indexed",
                if escaped == 1 { "" } else { "s" },
                if escaped == 1 { "s" } else { "" },
            ),
        });
    }
}

/// `found` with each article once: by its own path where the walk reached
/// it directly, else by the first link path. `root` is `dir` canonical.
fn once_each(found: Vec<PathBuf>, dir: &Path, root: &Path) -> Vec<PathBuf> {
    // Per target: (reached through a link, path); the least wins.
    let mut by_target: std::collections::HashMap<PathBuf, (bool, PathBuf)> = Default::default();
    for path in found {
        let target = path.canonicalize().unwrap_or_else(|_| path.clone());
        let linked = !path
            .strip_prefix(dir)
            .is_ok_and(|rest| root.join(rest) == target);
        let candidate = (linked, path);
        let best = by_target.entry(target).or_insert_with(|| candidate.clone());
        if (candidate.0, candidate.1.as_os_str()) < (best.0, best.1.as_os_str()) {
            *best = candidate;
        }
    }
    by_target.into_values().map(|(_, path)| path).collect()
}

fn is_link(path: &Path) -> bool {
    path.symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink())
}

fn is_article(entry: &ignore::DirEntry) -> bool {
    entry.file_type().is_some_and(|t| t.is_file()) && is_corpus_file(entry.path())
}

/// Whether a file is read as a corpus article (by its extension).
pub fn is_corpus_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| CORPUS_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;
    use crate::corpus::index::{CACHE_FILE, CacheReport};

    #[cfg(unix)]
    #[test]
    fn links_inside_the_corpus_are_followed_and_links_out_are_counted() {
        let dir = tempfile::tempdir().expect("tempdir");
        let corpus = dir.path().join("corpus");
        let outside = dir.path().join("outside");
        std::fs::create_dir_all(corpus.join("wire/2024")).expect("mkdir");
        std::fs::create_dir_all(&outside).expect("mkdir");
        std::fs::write(outside.join("private.md"), "Private notes on Kyiv.").expect("write");
        std::fs::write(corpus.join("wire.md"), "Talks in Kyiv.").expect("write");
        std::fs::write(corpus.join("wire/2024/feed.md"), "Talks in Lviv.").expect("write");
        let link = |from: &Path, to: &str| {
            std::os::unix::fs::symlink(from, corpus.join(to)).expect("link");
        };
        link(&outside.join("private.md"), "link.md");
        link(&outside, "folder");
        link(&dir.path().join("gone.md"), "broken.md");
        link(&corpus.join("wire/2024"), "latest");
        link(&corpus.join("wire.md"), "same-as-wire.md");
        let (articles, warnings) = load_corpus(&[corpus]).expect("loads");
        let names: Vec<_> = articles
            .iter()
            .map(|a| a.path.strip_prefix(dir.path()).unwrap().to_path_buf())
            .collect();
        assert_eq!(
            names,
            [
                Path::new("corpus/wire.md"),
                Path::new("corpus/wire/2024/feed.md")
            ]
        );
        let messages: Vec<String> = warnings.iter().map(|w| w.message.clone()).collect();
        assert_eq!(
            messages,
            ["3 symbolic links here lead outside this folder or nowhere; not indexed"]
        );
    }

    #[test]
    fn a_file_or_an_empty_folder_named_as_the_corpus_is_reported() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("wire.md");
        std::fs::write(&file, "Talks in Kyiv.").expect("write");
        let error = load_corpus(std::slice::from_ref(&file)).expect_err("a file");
        assert!(
            error.to_string().ends_with(
                "wire.md: is a file, not a folder: name the folder that holds the corpus articles"
            ),
            "{error}"
        );
        let empty = dir.path().join("empty");
        std::fs::create_dir_all(&empty).expect("mkdir");
        std::fs::write(empty.join("notes.docx"), "x").expect("write");
        let (articles, warnings) = load_corpus(&[empty]).expect("loads");
        assert!(articles.is_empty());
        assert_eq!(
            warnings[0].to_string(),
            format!(
                "{}: no articles in this corpus folder (copydesk reads .md, .markdown, .mdx, .txt files)",
                dir.path().join("empty").display()
            )
        );
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
        assert!(
            warnings[0]
                .to_string()
                .ends_with("b.txt: not valid UTF-8 (invalid byte at offset 5), not indexed")
        );
    }

    #[test]
    fn only_files_not_stamped_at_once_are_dated_by_their_modification() {
        let at = |day: u128| (day * 86_400 + 3_600) * 1_000_000_000;
        let stamp = |path: &str, modified| FileStamp {
            path: path.into(),
            len: 1,
            modified,
        };
        let mut stamps: Vec<FileStamp> = (0..6)
            .map(|i| stamp(&format!("checkout-{i}.md"), at(20_000)))
            .collect();
        stamps.push(stamp("wire-1.md", at(20_010)));
        stamps.push(stamp("wire-2.md", at(20_011)));
        stamps.push(stamp("unknown.md", 0));
        let days = trusted_modified_days(&stamps);
        assert_eq!(days.get("wire-1.md"), Some(&20_010));
        assert_eq!(days.get("wire-2.md"), Some(&20_011));
        assert!(!days.contains_key("checkout-0.md"), "stamped in bulk");
        assert!(!days.contains_key("unknown.md"));
    }

    /// Write `text` to `path`, modified at noon on `day` (days since 1970).
    fn write_modified(path: &Path, text: &str, day: u64) {
        std::fs::write(path, text).expect("write");
        let noon = std::time::UNIX_EPOCH + std::time::Duration::from_secs(day * 86_400 + 43_200);
        let file = std::fs::File::options()
            .write(true)
            .open(path)
            .expect("open");
        file.set_modified(noon).expect("set modified");
    }

    #[test]
    fn a_tally_is_compared_with_an_article_dated_by_its_file() {
        let corpus_dir = tempfile::tempdir().expect("tempdir");
        let june_2 = 20_241; // 2025-06-02
        write_modified(
            &corpus_dir.path().join("tally.md"),
            "Harbourton Grain has shipped 500,000 tonnes of wheat to Alexandria so far this year.",
            june_2,
        );
        for name in ["a.md", "b.md", "c.md"] {
            let text = "The ferry to Selby runs twice a day.";
            write_modified(&corpus_dir.path().join(name), text, june_2 - 30);
        }
        let dirs = [corpus_dir.path().to_path_buf()];
        let lint = |modified_dates: bool, draft: &str| {
            let load = load_corpus_cached(&dirs, None, modified_dates).expect("load");
            let linter = crate::linter::Linter::new(
                std::sync::Arc::new(crate::RuleSet::defaults()),
                std::sync::Arc::new(load.corpus),
                crate::linter::LintSettings::default(),
            );
            linter
                .lint(&crate::Document::markdown(draft))
                .findings
                .into_iter()
                .filter(|f| f.code == crate::finding::Code::ClaimConflict)
                .flat_map(|f| f.related)
                .map(|evidence| evidence.message)
                .collect::<Vec<_>>()
        };
        let tally =
            "Harbourton Grain has shipped 600,000 tonnes of wheat to Alexandria so far this year.";
        let same_day = format!("HARBOURTON, June 2, 2025 — {tally}");
        let evidence = lint(true, &same_day);
        assert_eq!(evidence.len(), 1, "{evidence:?}");
        assert!(
            evidence[0].ends_with(", 2 June 2025 (file date)"),
            "{evidence:?}"
        );
        let weeks_later = format!("HARBOURTON, July 21, 2025 — {tally}");
        assert!(
            lint(true, &weeks_later).is_empty(),
            "a tally of another day"
        );
        assert_eq!(
            lint(false, &weeks_later).len(),
            1,
            "undated: the same story retold"
        );
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
        let cold = load_corpus_cached(&dirs, Some(cache_dir.path()), true).expect("cold");
        assert_eq!(
            cold.cache,
            CacheReport {
                reused: 0,
                analysed: 3,
                problem: None
            }
        );
        let warm = load_corpus_cached(&dirs, Some(cache_dir.path()), true).expect("warm");
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
        let changed = load_corpus_cached(&dirs, Some(cache_dir.path()), true).expect("changed");
        assert_eq!((changed.cache.reused, changed.cache.analysed), (2, 1));
    }

    #[test]
    fn a_corrupt_cache_is_rebuilt_with_a_warning() {
        let corpus_dir = tempfile::tempdir().expect("tempdir");
        let cache_dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(corpus_dir.path().join("a.md"), "Talks in Kyiv.").expect("write");
        std::fs::write(cache_dir.path().join(CACHE_FILE), b"garbage").expect("write");
        let dirs = [corpus_dir.path().to_path_buf()];
        let load = load_corpus_cached(&dirs, Some(cache_dir.path()), true).expect("load");
        assert_eq!(load.cache.analysed, 1);
        assert!(
            load.cache
                .problem
                .as_deref()
                .is_some_and(|p| p.contains("not a copydesk index"))
        );
        let again = load_corpus_cached(&dirs, Some(cache_dir.path()), true).expect("again");
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
