//! Reading the rules dir.

use std::path::{Path, PathBuf};

use super::WorkspaceError;
use crate::config::Config;
use crate::rules::{RuleError, RuleSet, RuleSource, embedded_sources};

/// The `.toml` files of a rules dir, sorted by name so load order (and so
/// which rule wins on a shared id) is predictable.
pub fn read_rules_dir(dir: &Path) -> Result<(Vec<RuleSource>, Vec<RuleError>), WorkspaceError> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| WorkspaceError::io(dir, format!("cannot read rules directory: {e}")))?;
    // A symlink is followed only while it stays inside the rules folder.
    let root = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml") && path.is_file())
        .filter(|path| {
            path.canonicalize()
                .is_ok_and(|real| real.starts_with(&root))
        })
        .collect();
    paths.sort();
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        match std::fs::read(&path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => sources.push(RuleSource { path, text }),
                Err(e) => errors.push(unreadable(
                    path,
                    format!("not valid UTF-8 (byte {})", e.utf8_error().valid_up_to()),
                )),
            },
            Err(e) => errors.push(unreadable(path, e.to_string())),
        }
    }
    Ok((sources, errors))
}

fn unreadable(path: PathBuf, message: String) -> RuleError {
    RuleError {
        path,
        range: 0..0,
        start: crate::finding::LineCol { line: 1, column: 1 },
        message,
    }
}

/// The rules `config` names: embedded defaults unless `builtin_rules` is off,
/// then the rules dir (`rules/` beside the config when none is named). A
/// rules-dir file named like an embedded one replaces it.
pub fn read_rules(config: &Config) -> Result<(RuleSet, Vec<RuleError>), WorkspaceError> {
    let (dir_sources, mut errors) = match rules_dir(config) {
        Some(dir) => read_rules_dir(&dir)?,
        None => (Vec::new(), Vec::new()),
    };
    let mut sources = Vec::new();
    if config.builtin_rules {
        let overridden = |embedded: &RuleSource| {
            dir_sources
                .iter()
                .any(|s| s.path.file_name() == embedded.path.file_name())
        };
        sources.extend(embedded_sources().into_iter().filter(|s| !overridden(s)));
    }
    sources.extend(dir_sources);
    let (set, parse_errors) = RuleSet::from_sources(&sources);
    errors.extend(parse_errors);
    Ok((set, errors))
}

fn rules_dir(config: &Config) -> Option<PathBuf> {
    match &config.rules_dir {
        Some(dir) => Some(dir.clone()),
        None => {
            let beside = config.root.join("rules");
            (config.path.is_some() && beside.is_dir()).then_some(beside)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn symlinks_out_of_the_rules_folder_are_not_followed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let rules = dir.path().join("rules");
        let outside = dir.path().join("outside");
        std::fs::create_dir_all(&rules).expect("mkdir");
        std::fs::create_dir_all(&outside).expect("mkdir");
        let rule = "[[name]]\nid = \"x\"\ncanonical = \"Kyiv\"\nvariants = [\"Kiev\"]\n";
        std::fs::write(outside.join("secret.toml"), rule).expect("write");
        std::fs::write(rules.join("own.toml"), rule).expect("write");
        std::os::unix::fs::symlink(outside.join("secret.toml"), rules.join("link.toml"))
            .expect("link");
        std::os::unix::fs::symlink(rules.join("own.toml"), rules.join("alias.toml")).expect("link");
        let (sources, errors) = read_rules_dir(&rules).expect("reads");
        assert!(errors.is_empty(), "{errors:?}");
        let names: Vec<_> = sources
            .iter()
            .map(|s| s.path.file_name().unwrap())
            .collect();
        assert_eq!(names, ["alias.toml", "own.toml"]);
    }

    #[test]
    fn rules_dir_files_add_to_and_override_the_defaults() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(
            dir.path().join("house.toml"),
            "[[name]]\nid = \"place.kyiv\"\ncanonical = \"Kyiv\"\nvariants = [\"Kiev\", \"Kyjiw\"]\n",
        )
        .expect("write");
        std::fs::write(dir.path().join("broken.toml"), "[[name]\n").expect("write");
        std::fs::write(dir.path().join("notes.txt"), "ignored").expect("write");
        let mut config = Config::default_for(dir.path().to_path_buf());
        config.rules_dir = Some(dir.path().to_path_buf());
        let (set, errors) = read_rules(&config).expect("reads");
        assert_eq!(errors.len(), 1);
        assert!(errors[0].path.ends_with("broken.toml"));
        let kyiv = set.name_rule_for_variant("Kyjiw").expect("override");
        assert!(kyiv.origin.path.ends_with("house.toml"));
        assert!(
            set.name_rule_for_variant("Odessa").is_some(),
            "defaults still load"
        );
    }

    #[test]
    fn a_missing_rules_dir_is_an_error() {
        let mut config = Config::default_for(PathBuf::from("/"));
        config.rules_dir = Some(PathBuf::from("/no/such/rules"));
        let error = read_rules(&config).expect_err("error");
        assert!(
            error
                .to_string()
                .starts_with("/no/such/rules: cannot read rules directory")
        );
    }

    #[test]
    fn builtin_rules_can_be_turned_off() {
        let mut config = Config::default_for(PathBuf::from("/"));
        config.builtin_rules = false;
        let (set, _) = read_rules(&config).expect("reads");
        assert!(set.names.is_empty());
    }
}
