//! Finding and reading `copydesk.toml`.

use std::path::{Path, PathBuf};

use super::WorkspaceError;
use crate::config::{CONFIG_FILE_NAME, Config};

/// The nearest `copydesk.toml` in `start` (a file's folder or a folder) or
/// any folder above it.
pub fn discover_config(start: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(start).ok()?;
    let first = if absolute.is_file() {
        absolute.parent()?
    } else {
        absolute.as_path()
    };
    first
        .ancestors()
        .map(|dir| dir.join(CONFIG_FILE_NAME))
        .find(|candidate| candidate.is_file())
}

/// Read and parse the config file at `path`.
pub fn load_config(path: &Path) -> Result<Config, WorkspaceError> {
    let absolute = std::path::absolute(path).map_err(|e| WorkspaceError::io(path, e))?;
    let text = std::fs::read_to_string(&absolute).map_err(|e| WorkspaceError::io(path, e))?;
    Ok(Config::parse(&text, &absolute)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_config_above_wins() {
        let dir = tempfile::tempdir().expect("tempdir");
        let nested = dir.path().join("desk/drafts");
        std::fs::create_dir_all(&nested).expect("mkdir");
        std::fs::write(dir.path().join(CONFIG_FILE_NAME), "").expect("write");
        std::fs::write(
            dir.path().join("desk").join(CONFIG_FILE_NAME),
            "corpus = \"wire\"\n",
        )
        .expect("write");
        std::fs::write(nested.join("a.md"), "x").expect("write");
        let found = discover_config(&nested.join("a.md")).expect("found");
        assert_eq!(found, dir.path().join("desk").join(CONFIG_FILE_NAME));
        let config = load_config(&found).expect("loads");
        assert_eq!(config.corpus_dirs, vec![dir.path().join("desk/wire")]);
    }

    #[test]
    fn a_missing_config_file_is_an_error_naming_it() {
        let error = load_config(Path::new("/definitely/not/here/copydesk.toml")).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("/definitely/not/here/copydesk.toml: ")
        );
    }
}
