//! Keeping the language server inside the workspace. Opening a cloned
//! repository runs copydesk on that repository's `copydesk.toml`, which
//! may point anywhere on the machine; the server reads a corpus, rules or
//! cache folder outside the workspace only when the user's own editor
//! settings name it, and never writes outside the workspace. In a
//! workspace the editor does not trust, it reads nothing outside it and
//! writes nothing at all. (`copydesk lint` honours every path: its user
//! chose to run it.)

use std::path::{Component, Path, PathBuf};

use crate::config::Config;

/// The folders the server may read and write in, resolved.
#[derive(Debug, Clone)]
pub struct Confinement {
    roots: Vec<PathBuf>,
    trusted: bool,
}

impl Confinement {
    /// `folders` are the workspace folders (or, with none, the project's
    /// own folder); `trusted` is the editor's workspace trust.
    pub fn new(folders: &[PathBuf], trusted: bool) -> Confinement {
        Confinement {
            roots: folders.iter().filter_map(|f| resolved(f)).collect(),
            trusted,
        }
    }

    /// Whether `path`, with every symlink resolved, lies in a root.
    pub fn contains(&self, path: &Path) -> bool {
        resolved(path).is_some_and(|path| self.roots.iter().any(|root| path.starts_with(root)))
    }

    /// Whether the server may create or change files under `path`.
    pub fn may_write(&self, path: &Path) -> bool {
        self.trusted && self.contains(path)
    }

    /// Drop the folders `config` reads that lie outside the workspace;
    /// returns a message for each, naming `origin` (the file or settings
    /// that named it).
    pub fn confine_reads(&self, config: &mut Config, origin: &str) -> Vec<String> {
        let mut dropped = Vec::new();
        // A database the workspace names would be sent the user's
        // credentials (~/.pgpass): only a trusted workspace connects.
        if let Some(url) = config.corpus_url.take() {
            match self.trusted {
                true => config.corpus_url = Some(url),
                false => dropped.push(format!(
                    "{origin} names the corpus database {}: an untrusted workspace connects to \
                     no database",
                    crate::workspace::postgres::display_url(&url)
                )),
            }
        }
        let mut refuse = |what: &str, path: &Path| {
            dropped.push(format!(
                "{origin} names {what} {}, outside the workspace: the language server ignores it \
                 unless your editor settings name it",
                path.display()
            ));
        };
        if let Some(dir) = config.rules_dir.take() {
            if self.contains(&dir) {
                config.rules_dir = Some(dir);
            } else {
                refuse("the rules folder", &dir);
            }
        }
        let corpus = std::mem::take(&mut config.corpus_dirs);
        for dir in corpus {
            if self.contains(&dir) {
                config.corpus_dirs.push(dir);
            } else {
                refuse("the corpus folder", &dir);
            }
        }
        dropped
    }

    /// Turn off the index cache unless the server may write where it is.
    pub fn confine_writes(&self, config: &mut Config) {
        config.cache_dir = config.cache_dir.take().filter(|dir| self.may_write(dir));
    }
}

/// `path` with symlinks resolved: the nearest existing ancestor made
/// canonical, then the rest appended. `None` when the rest climbs (`..`),
/// since where it lands is not known until it exists.
fn resolved(path: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(path).ok()?;
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(mut full) = existing.canonicalize() {
            full.extend(rest.iter().rev());
            return Some(full);
        }
        match existing.components().next_back() {
            Some(Component::Normal(name)) => rest.push(name),
            _ => return None,
        }
        existing = existing.parent()?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path().canonicalize().expect("canonical");
        std::fs::create_dir_all(root.join("repo/corpus")).expect("mkdir");
        std::fs::create_dir_all(root.join("elsewhere")).expect("mkdir");
        (dir, root)
    }

    #[test]
    fn paths_are_judged_after_resolving_symlinks() {
        let (_dir, root) = folder();
        let repo = root.join("repo");
        let confinement = Confinement::new(std::slice::from_ref(&repo), true);
        assert!(confinement.contains(&repo.join("corpus")));
        assert!(confinement.contains(&repo.join("rules/not-yet-made")));
        assert!(!confinement.contains(&root.join("elsewhere")));
        assert!(!confinement.contains(&repo.join("../elsewhere")));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(root.join("elsewhere"), repo.join("link")).expect("link");
            assert!(!confinement.contains(&repo.join("link")));
            assert!(!confinement.contains(&repo.join("link/new-file")));
        }
    }

    #[test]
    fn config_paths_outside_are_dropped_and_untrusted_workspaces_write_nothing() {
        let (_dir, root) = folder();
        let repo = root.join("repo");
        let mut config = Config::default_for(repo.clone());
        config.rules_dir = Some(root.join("elsewhere"));
        config.corpus_dirs = vec![repo.join("corpus"), PathBuf::from("/")];
        config.cache_dir = Some(repo.join(".copydesk-cache"));
        let trusted = Confinement::new(std::slice::from_ref(&repo), true);
        let mut trusted_config = config.clone();
        let dropped = trusted.confine_reads(&mut trusted_config, "copydesk.toml");
        assert_eq!(dropped.len(), 2, "{dropped:?}");
        assert!(dropped[0].starts_with("copydesk.toml names the rules folder"));
        trusted.confine_writes(&mut trusted_config);
        assert_eq!(trusted_config.cache_dir, Some(repo.join(".copydesk-cache")));

        let untrusted = Confinement::new(std::slice::from_ref(&repo), false);
        untrusted.confine_reads(&mut config, "copydesk.toml");
        untrusted.confine_writes(&mut config);
        assert_eq!(config.rules_dir, None);
        assert_eq!(config.corpus_dirs, vec![repo.join("corpus")]);
        assert_eq!(config.cache_dir, None);
        assert!(!untrusted.may_write(&repo.join("rules")));
        assert!(trusted.may_write(&repo.join("rules")));
    }
}
