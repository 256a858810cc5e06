//! `copydesk.toml`: where the rules and the corpus are, which files to lint,
//! and per-code settings. Parsing is pure; `crate::workspace` finds the file.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::checks::{code_named, code_names};
use crate::document::LineIndex;
use crate::finding::Severity;
use crate::linter::{CodeSettings, LintSettings};

pub const CONFIG_FILE_NAME: &str = "copydesk.toml";

/// Files linted when a directory is walked, unless `include` says otherwise.
pub const DEFAULT_INCLUDE: &[&str] = &["*.md", "*.markdown", "*.mdx", "*.txt"];
/// A project's own documents, never article drafts: a folder walk skips
/// them on top of the config's `exclude` (named on the command line, they
/// are linted). Lowercase and uppercase spellings both, as globs match case.
pub const DOCUMENT_EXCLUDE: &[&str] = &[
    "{README,CHANGELOG,CHANGES,HISTORY,CONTRIBUTING,CODE_OF_CONDUCT,SECURITY,LICENSE,LICENCE,AUTHORS,NOTICE}{,.*}",
    "{readme,changelog,contributing,license,licence}{,.*}",
];

/// The lowest severity that makes `copydesk lint` exit with status 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Hint,
    Never,
}

impl FailOn {
    pub fn fails(self, severity: Severity) -> bool {
        let threshold = match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
            FailOn::Hint => Severity::Hint,
            FailOn::Never => return false,
        };
        severity >= threshold
    }
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

/// `cache = ".copydesk-cache"` or `cache = false`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum CacheSetting {
    Enabled(bool),
    Folder(String),
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    rules: Option<String>,
    cache: Option<CacheSetting>,
    builtin_rules: Option<bool>,
    corpus: Option<OneOrMany>,
    modified_dates: Option<bool>,
    include: Option<Vec<String>>,
    #[serde(default)]
    exclude: Vec<String>,
    fail_on: Option<FailOn>,
    #[serde(default)]
    checks: HashMap<Spanned<String>, CheckConfig>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckConfig {
    enabled: Option<bool>,
    severity: Option<Severity>,
}

/// Where the corpus index cache goes, beside copydesk.toml.
pub const DEFAULT_CACHE_DIR: &str = ".copydesk-cache";

/// A configuration with every path made absolute against its folder.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// The `copydesk.toml` it came from, if any.
    pub path: Option<PathBuf>,
    /// The folder relative paths resolve against, and globs match from.
    pub root: PathBuf,
    /// The rules dir; `None` means `rules/` beside the config if it exists.
    pub rules_dir: Option<PathBuf>,
    pub builtin_rules: bool,
    pub corpus_dirs: Vec<PathBuf>,
    /// A corpus database (`postgres://…`) to read instead of folders.
    pub corpus_url: Option<String>,
    /// Date corpus articles that give no date by their file's modification
    /// day, where a checkout or copy did not stamp them all at once.
    pub modified_dates: bool,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    pub fail_on: Option<FailOn>,
    pub settings: LintSettings,
    /// Folder of the corpus index cache; `None` turns caching off.
    pub cache_dir: Option<PathBuf>,
}

impl Config {
    /// The configuration used when no `copydesk.toml` is found.
    pub fn default_for(root: PathBuf) -> Config {
        Config {
            path: None,
            rules_dir: None,
            builtin_rules: true,
            corpus_dirs: Vec::new(),
            corpus_url: None,
            modified_dates: true,
            include: DEFAULT_INCLUDE.iter().map(|s| s.to_string()).collect(),
            exclude: Vec::new(),
            fail_on: None,
            settings: LintSettings::default(),
            cache_dir: Some(root.join(DEFAULT_CACHE_DIR)),
            root,
        }
    }

    /// Parse `text`, the contents of the config file at `path` (absolute).
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let error_at = |offset: usize, message: String| {
            let position = LineIndex::new(text).line_col(text, offset);
            ConfigError {
                path: path.to_path_buf(),
                line: position.line,
                column: position.column,
                message,
            }
        };
        let file: ConfigFile = toml::from_str(text).map_err(|e| {
            error_at(
                e.span().map_or(0, |s| s.start),
                e.message().trim().replace('\n', " "),
            )
        })?;
        let root = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let mut settings = LintSettings::default();
        for (code, check) in file.checks {
            let Some(known) = code_named(code.get_ref()) else {
                return Err(error_at(
                    code.span().start,
                    format!(
                        "unknown check `{}` (known: {})",
                        code.get_ref(),
                        code_names()
                    ),
                ));
            };
            settings.codes.insert(
                known,
                CodeSettings {
                    enabled: check.enabled,
                    severity: check.severity,
                },
            );
        }
        let corpus = match file.corpus {
            None => Vec::new(),
            Some(OneOrMany::One(dir)) => vec![dir],
            Some(OneOrMany::Many(dirs)) => dirs,
        };
        let (urls, corpus): (Vec<String>, Vec<String>) =
            corpus.into_iter().partition(|c| is_database_url(c));
        if let Some(url) = urls.iter().find(|url| url_has_password(url)) {
            return Err(error_at(
                text.find(url.as_str()).unwrap_or(0),
                "a corpus database URL here must not hold a password: a project's config is \
                 shared; set PGPASSWORD or ~/.pgpass instead"
                    .into(),
            ));
        }
        if urls.len() > 1 || (!urls.is_empty() && !corpus.is_empty()) {
            return Err(error_at(
                text.find(urls[0].as_str()).unwrap_or(0),
                "a corpus database replaces the corpus folders: name one or the other".into(),
            ));
        }
        Ok(Config {
            path: Some(path.to_path_buf()),
            rules_dir: file.rules.map(|dir| root.join(dir)),
            builtin_rules: file.builtin_rules.unwrap_or(true),
            corpus_dirs: corpus.into_iter().map(|dir| root.join(dir)).collect(),
            corpus_url: urls.into_iter().next(),
            modified_dates: file.modified_dates.unwrap_or(true),
            include: file
                .include
                .unwrap_or_else(|| DEFAULT_INCLUDE.iter().map(|s| s.to_string()).collect()),
            exclude: file.exclude,
            fail_on: file.fail_on,
            settings,
            cache_dir: match file.cache {
                None | Some(CacheSetting::Enabled(true)) => Some(root.join(DEFAULT_CACHE_DIR)),
                Some(CacheSetting::Enabled(false)) => None,
                Some(CacheSetting::Folder(dir)) => Some(root.join(dir)),
            },
            root,
        })
    }
}

/// Whether a corpus setting names a database rather than a folder.
pub fn is_database_url(corpus: &str) -> bool {
    corpus.starts_with("postgres://") || corpus.starts_with("postgresql://")
}

/// Whether a database URL carries a password ("user:secret@host", or a
/// `password=` parameter).
pub fn url_has_password(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?']).next().unwrap_or("");
    let in_userinfo = authority
        .rsplit_once('@')
        .is_some_and(|(userinfo, _)| userinfo.contains(':'));
    in_userinfo || url.contains("password=")
}

/// A config file that could not be used, with the position of the problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path.display(),
            self.line,
            self.column,
            self.message
        )
    }
}

impl std::error::Error for ConfigError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_resolve_against_the_config_folder() {
        let text = "rules = \"house\"\ncorpus = [\"wire\", \"archive\"]\nexclude = [\"old/**\"]\nfail_on = \"error\"\n\n[checks.name-spelling]\nseverity = \"error\"\n";
        let config = Config::parse(text, Path::new("/news/copydesk.toml")).expect("parses");
        assert_eq!(config.rules_dir, Some(PathBuf::from("/news/house")));
        assert_eq!(
            config.corpus_dirs,
            vec![PathBuf::from("/news/wire"), PathBuf::from("/news/archive")]
        );
        assert_eq!(config.fail_on, Some(FailOn::Error));
        assert_eq!(config.include.len(), DEFAULT_INCLUDE.len());
        assert_eq!(
            config
                .settings
                .severity_for(crate::finding::Code::NameSpelling, Severity::Warning),
            Severity::Error
        );
    }

    #[test]
    fn a_corpus_database_is_named_without_its_password() {
        let config = Config::parse(
            "corpus = \"postgres://reader@db.local/archive\"\n",
            Path::new("/n/copydesk.toml"),
        )
        .expect("parses");
        assert_eq!(
            config.corpus_url.as_deref(),
            Some("postgres://reader@db.local/archive")
        );
        assert!(config.corpus_dirs.is_empty());
        let error = Config::parse(
            "corpus = \"postgres://reader:s3cret@db.local/archive\"\n",
            Path::new("/n/copydesk.toml"),
        )
        .expect_err("a password in a project's config");
        assert_eq!((error.line, error.column), (1, 11));
        assert!(error.message.contains("PGPASSWORD"), "{}", error.message);
        assert!(url_has_password("postgres://db.local/a?password=x"));
        assert!(!url_has_password("postgres://db.local:5432/a"));
    }

    #[test]
    fn a_single_corpus_string_is_accepted() {
        let config =
            Config::parse("corpus = \"wire\"\n", Path::new("/n/copydesk.toml")).expect("parses");
        assert_eq!(config.corpus_dirs, vec![PathBuf::from("/n/wire")]);
    }

    #[test]
    fn errors_carry_file_line_and_column() {
        let error = Config::parse("rules = \"r\"\ncorpus = 3\n", Path::new("/n/copydesk.toml"))
            .unwrap_err();
        assert_eq!((error.line, error.column), (2, 10));
        assert!(error.to_string().starts_with("/n/copydesk.toml:2:10: "));
        let error = Config::parse(
            "[checks.speling]\nenabled = false\n",
            Path::new("/n/c.toml"),
        )
        .unwrap_err();
        assert_eq!(error.line, 1);
        assert!(error.message.contains("unknown check `speling`"));
        let error = Config::parse("corpse = []\n", Path::new("/n/c.toml")).unwrap_err();
        assert!(error.message.contains("corpse"));
    }

    #[test]
    fn fail_on_thresholds() {
        assert!(FailOn::Warning.fails(Severity::Error));
        assert!(!FailOn::Warning.fails(Severity::Info));
        assert!(!FailOn::Never.fails(Severity::Error));
        assert!(FailOn::Hint.fails(Severity::Hint));
    }
}
