//! The per-user index cache: where the index of a corpus named outside a
//! project (on the command line, or in the editor's user settings) is
//! kept, so that a newsroom archive in a shared folder is indexed once per
//! user rather than at every start, and nothing is written inside the
//! archive or in whatever folder the user stands in.
//!
//! The caches live in the platform's cache folder (`$XDG_CACHE_HOME` or
//! `~/.cache` on Linux, `~/Library/Caches` on macOS, `%LOCALAPPDATA%` on
//! Windows), or in `$COPYDESK_CACHE_DIR`, one folder per set of corpus
//! folders, named after the first folder and a hash of their canonical
//! paths. Each holds a list of the folders it indexes, for `copydesk cache`.

use std::io;
use std::path::{Path, PathBuf};

use etcetera::BaseStrategy;

use super::{CACHE_FILE, DELTA_FILE};

/// The environment variable that moves the per-user caches.
pub const CACHE_DIR_ENV: &str = "COPYDESK_CACHE_DIR";
/// The file in each per-user cache that lists the corpus folders it indexes.
const CORPORA_FILE: &str = "corpora.txt";
/// The files an index cache folder may hold; cleaning removes these alone.
const INDEX_FILES: &[&str] = &[CACHE_FILE, DELTA_FILE, ".gitignore", CORPORA_FILE];

/// The folder that holds the per-user caches, if the platform has one.
pub fn user_cache_root() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(CACHE_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    let platform = etcetera::base_strategy::choose_native_strategy().ok()?;
    Some(platform.cache_dir().join("copydesk"))
}

/// The per-user cache folder for the corpus in `corpus_dirs`, created
/// with its list of folders. An error says why there is none.
pub fn user_cache_for(corpus_dirs: &[PathBuf]) -> Result<PathBuf, String> {
    let root = user_cache_root().ok_or("this system has no cache folder for copydesk")?;
    prepare_cache_in(&root, corpus_dirs)
}

/// The cache folder in `root` for `corpus_dirs`, created with its list.
fn prepare_cache_in(root: &Path, corpus_dirs: &[PathBuf]) -> Result<PathBuf, String> {
    let canonical: Vec<PathBuf> = corpus_dirs
        .iter()
        .map(|dir| dir.canonicalize().unwrap_or_else(|_| dir.clone()))
        .collect();
    let listed: String = canonical
        .iter()
        .map(|dir| format!("{}\n", dir.display()))
        .collect();
    let hash = blake3::hash(listed.as_bytes()).to_hex();
    let first = canonical
        .first()
        .and_then(|dir| dir.file_name())
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem: String = first
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .take(40)
        .collect();
    let dir = root.join(format!("{stem}-{}", &hash.as_str()[..16]));
    let written = || -> io::Result<()> {
        std::fs::create_dir_all(&dir)?;
        let list = dir.join(CORPORA_FILE);
        if std::fs::read_to_string(&list).ok().as_deref() != Some(listed.as_str()) {
            std::fs::write(&list, &listed)?;
        }
        Ok(())
    };
    written().map_err(|e| format!("{}: cannot prepare the index cache: {e}", dir.display()))?;
    Ok(dir)
}

/// One index cache folder: where it is, its size, and what it indexes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CacheFolder {
    pub path: PathBuf,
    pub bytes: u64,
    /// The corpus folders it indexes (per-user caches list them).
    pub corpora: Vec<PathBuf>,
}

/// The per-user caches in `root`, in name order.
pub fn user_caches(root: &Path) -> Vec<CacheFolder> {
    let Ok(entries) = std::fs::read_dir(root) else {
        return Vec::new();
    };
    let mut caches: Vec<CacheFolder> = entries
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.join(CORPORA_FILE).is_file())
        .map(|path| cache_folder(&path))
        .collect();
    caches.sort_by(|a, b| a.path.cmp(&b.path));
    caches
}

/// The cache folder at `path` as it stands.
pub fn cache_folder(path: &Path) -> CacheFolder {
    let bytes = std::fs::read_dir(path)
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|e| e.metadata().ok())
                .filter(|m| m.is_file())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0);
    let corpora = std::fs::read_to_string(path.join(CORPORA_FILE))
        .map(|list| list.lines().map(PathBuf::from).collect())
        .unwrap_or_default();
    CacheFolder {
        path: path.to_path_buf(),
        bytes,
        corpora,
    }
}

/// Remove an index cache folder: the files copydesk writes there (and
/// the temporary ones of an interrupted write), then the folder if that
/// left it empty. Anything else in it stays, so a `cache` setting that
/// names a folder in use loses nothing of the user's.
pub fn remove_cache_folder(path: &Path) -> io::Result<()> {
    for entry in std::fs::read_dir(path)? {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let ours = INDEX_FILES.contains(&name.as_ref()) || name.starts_with(".tmp");
        if ours && entry.file_type()?.is_file() {
            std::fs::remove_file(entry.path())?;
        }
    }
    if path.read_dir()?.next().is_none() {
        std::fs::remove_dir(path)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_folder_per_set_of_corpus_folders_listing_them() {
        let dir = tempfile::tempdir().expect("tempdir");
        let archive = dir.path().join("Wire Archive");
        let other = dir.path().join("other");
        std::fs::create_dir_all(&archive).expect("mkdir");
        std::fs::create_dir_all(&other).expect("mkdir");
        let root = dir.path().join("cache");
        let first = prepare_cache_in(&root, std::slice::from_ref(&archive)).expect("cache");
        let again = prepare_cache_in(&root, &[archive.join("../Wire Archive")]).expect("cache");
        let both = prepare_cache_in(&root, &[archive.clone(), other.clone()]).expect("cache");
        assert_eq!(first, again, "the same folder by another path");
        assert_ne!(first, both);
        assert!(
            first
                .file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("Wire_Archive-")
        );
        std::fs::write(first.join(CACHE_FILE), b"index").expect("write");
        std::fs::write(first.join("notes.txt"), b"mine").expect("write");
        let caches = user_caches(&root);
        assert_eq!(caches.len(), 2);
        let listed = caches.iter().find(|c| c.path == first).expect("listed");
        assert_eq!(listed.corpora, [archive.canonicalize().unwrap()]);
        assert!(listed.bytes >= 5);

        remove_cache_folder(&first).expect("cleans");
        assert!(first.join("notes.txt").exists(), "not ours: kept");
        assert!(!first.join(CACHE_FILE).exists());
        remove_cache_folder(&both).expect("cleans");
        assert!(!both.exists());
    }
}
