//! Choosing and reading the files to lint.

use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use ignore::WalkBuilder;

use super::WorkspaceError;
use crate::config::{Config, DOCUMENT_EXCLUDE};
use crate::document::text_from_bytes;

/// Which files a directory walk lints: `include` globs, minus `exclude`
/// globs and the project's own documents (README, CHANGELOG, …), minus the
/// corpus and rules dirs (reference material, not drafts).
/// Globs match the path relative to the config folder; a glob with no `/`
/// matches at any depth.
pub struct FileSelector {
    root: PathBuf,
    include: GlobSet,
    exclude: GlobSet,
    skipped_dirs: Vec<PathBuf>,
}

impl FileSelector {
    pub fn new(config: &Config) -> Result<FileSelector, WorkspaceError> {
        let origin = config.path.clone().unwrap_or_else(|| config.root.clone());
        let build = |globs: &[String]| -> Result<GlobSet, WorkspaceError> {
            let mut set = GlobSetBuilder::new();
            for glob in globs {
                let glob = Glob::new(glob)
                    .map_err(|e| WorkspaceError::io(&origin, format!("bad glob: {e}")))?;
                set.add(glob);
            }
            set.build().map_err(|e| WorkspaceError::io(&origin, e))
        };
        let mut skipped_dirs: Vec<PathBuf> = config.corpus_dirs.clone();
        skipped_dirs.extend(config.rules_dir.clone());
        Ok(FileSelector {
            root: config.root.clone(),
            include: build(&config.include)?,
            exclude: build(
                &config
                    .exclude
                    .iter()
                    .cloned()
                    .chain(DOCUMENT_EXCLUDE.iter().map(|g| g.to_string()))
                    .collect::<Vec<_>>(),
            )?,
            skipped_dirs: skipped_dirs
                .iter()
                .filter_map(|d| std::path::absolute(d).ok())
                .collect(),
        })
    }

    /// Whether a file found by walking is linted.
    pub fn selects(&self, path: &Path) -> bool {
        let Ok(absolute) = std::path::absolute(path) else {
            return false;
        };
        if self
            .skipped_dirs
            .iter()
            .any(|dir| absolute.starts_with(dir))
        {
            return false;
        }
        let relative = absolute.strip_prefix(&self.root).unwrap_or(&absolute);
        let name = Path::new(relative.file_name().unwrap_or_default());
        let included = self.include.is_match(relative) || self.include.is_match(name);
        let excluded = self.exclude.is_match(relative) || self.exclude.is_match(name);
        included && !excluded
    }

    /// The files to lint under `path`: the file itself when it is one (named
    /// files are always linted), or the selected files below a folder,
    /// honouring `.gitignore`, in a stable order.
    pub fn collect(&self, path: &Path) -> Result<Vec<PathBuf>, WorkspaceError> {
        let metadata = std::fs::metadata(path).map_err(|e| WorkspaceError::io(path, e))?;
        if !metadata.is_dir() {
            return Ok(vec![path.to_path_buf()]);
        }
        let mut files = Vec::new();
        for entry in WalkBuilder::new(path).require_git(false).build() {
            let entry = entry.map_err(|e| WorkspaceError::io(path, e))?;
            if entry.file_type().is_some_and(|t| t.is_file()) && self.selects(entry.path()) {
                files.push(entry.into_path());
            }
        }
        files.sort();
        Ok(files)
    }
}

/// Read a file as text: an error naming the problem for unreadable,
/// binary, or non-UTF-8 files.
pub fn read_text(path: &Path) -> Result<String, WorkspaceError> {
    let bytes = std::fs::read(path).map_err(|e| WorkspaceError::io(path, e))?;
    text_from_bytes(bytes).map_err(|message| not_linted(path, &message))
}

/// A draft that is not text: the reason, and that it was not linted.
pub fn not_linted(path: &Path, reason: &str) -> WorkspaceError {
    WorkspaceError::io(path, format!("{reason}, not linted"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_walk_skips_the_projects_own_documents_but_a_named_one_is_linted() {
        let dir = tempfile::tempdir().expect("tempdir");
        for name in [
            "README.md",
            "CHANGELOG.md",
            "docs/readme.txt",
            "LICENSE",
            "story.md",
        ] {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).expect("mkdir");
            std::fs::write(path, "Kiev").expect("write");
        }
        let selector =
            FileSelector::new(&Config::default_for(dir.path().to_path_buf())).expect("selector");
        let found = selector.collect(dir.path()).expect("walks");
        assert_eq!(found, [dir.path().join("story.md")]);
        let named = selector
            .collect(&dir.path().join("README.md"))
            .expect("named");
        assert_eq!(named, [dir.path().join("README.md")]);
    }

    #[test]
    fn binary_and_non_utf8_bytes_are_refused_with_their_offset() {
        assert_eq!(text_from_bytes(b"ok".to_vec()), Ok("ok".to_string()));
        assert!(
            text_from_bytes(b"ab\0cd".to_vec())
                .unwrap_err()
                .contains("offset 2")
        );
        assert!(
            text_from_bytes(b"ab\xffcd".to_vec())
                .unwrap_err()
                .contains("offset 2")
        );
    }

    #[test]
    fn walking_honours_include_exclude_gitignore_and_skips_the_corpus() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        for file in [
            "a.md",
            "b.txt",
            "c.rs",
            "old/d.md",
            "corpus/e.md",
            "ignored/f.md",
            "sub/g.markdown",
        ] {
            let path = root.join(file);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, "x").expect("write");
        }
        std::fs::write(root.join(".gitignore"), "ignored/\n").expect("write");
        let mut config = Config::default_for(root.to_path_buf());
        config.exclude = vec!["old/**".into()];
        config.corpus_dirs = vec![root.join("corpus")];
        let selector = FileSelector::new(&config).expect("selector");
        let found: Vec<String> = selector
            .collect(root)
            .expect("walk")
            .iter()
            .map(|p| p.strip_prefix(root).expect("below").display().to_string())
            .collect();
        assert_eq!(found, vec!["a.md", "b.txt", "sub/g.markdown"]);
        assert_eq!(
            selector.collect(&root.join("c.rs")).expect("file"),
            vec![root.join("c.rs")]
        );
    }
}
