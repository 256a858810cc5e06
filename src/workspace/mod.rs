//! Loading from disk for the front ends: finding `copydesk.toml`, reading the
//! rules dir and the reference corpus, and choosing which files to lint. The
//! analysis core never touches the file system; everything it needs comes
//! from here.
//! Owns config discovery, rules reading, corpus listing and file selection;
//! may import `config`, `linter`, `corpus`, `rules`, `document` and below.

mod corpus;
mod discover;
mod files;
pub mod postgres;
mod rules_loader;
mod user_cache;

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use crate::corpus::index::{CACHE_FILE, CacheReport, CorpusLoad, DELTA_FILE, LoadWarning};
pub use corpus::{is_corpus_file, list_corpus_files, load_corpus, load_corpus_cached};
pub use discover::{discover_config, load_config};
pub use files::{FileSelector, not_linted, read_text};
pub use rules_loader::{read_rules, read_rules_dir};
pub use user_cache::{
    CACHE_DIR_ENV, CacheFolder, cache_folder, remove_cache_folder, user_cache_for, user_cache_root,
    user_caches,
};

use crate::config::{Config, ConfigError};
use crate::corpus::Corpus;
use crate::linter::Linter;
use crate::rules::{RuleError, RuleSet};

/// Something that stops a workspace from loading: the one-line reason the
/// CLI prints before exiting with status 2.
#[derive(Debug)]
pub enum WorkspaceError {
    Config(ConfigError),
    Io { path: PathBuf, message: String },
}

impl WorkspaceError {
    pub fn io(path: &Path, error: impl fmt::Display) -> WorkspaceError {
        WorkspaceError::Io {
            path: path.to_path_buf(),
            message: error.to_string(),
        }
    }
}

impl fmt::Display for WorkspaceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WorkspaceError::Config(error) => error.fmt(f),
            WorkspaceError::Io { path, message } => write!(f, "{}: {message}", path.display()),
        }
    }
}

impl std::error::Error for WorkspaceError {}

impl From<ConfigError> for WorkspaceError {
    fn from(error: ConfigError) -> Self {
        WorkspaceError::Config(error)
    }
}

/// A loaded configuration with its rules and corpus, ready to lint.
pub struct Workspace {
    pub config: Config,
    pub rules: Arc<RuleSet>,
    /// Rules files that did not parse; the rest of the rules still apply.
    pub rule_errors: Vec<RuleError>,
    pub corpus: Arc<Corpus>,
    /// Corpus files that were skipped, each with the reason.
    pub corpus_warnings: Vec<LoadWarning>,
    /// What the corpus index cache contributed.
    pub cache: CacheReport,
    /// The corpus database the corpus is asked of, when it is one.
    pub database: Option<Arc<postgres::DatabaseLink>>,
}

impl Workspace {
    /// Read the rules and the corpus that `config` names. A missing rules or
    /// corpus directory is an error; a bad file inside one is not.
    pub fn load(config: Config) -> Result<Workspace, WorkspaceError> {
        let (rules, rule_errors) = read_rules(&config)?;
        if let Some(url) = &config.corpus_url {
            return Ok(Workspace::with_database(
                config.clone(),
                rules,
                rule_errors,
                url,
            ));
        }
        let load = if config.corpus_dirs.is_empty() {
            CorpusLoad {
                corpus: Corpus::empty(),
                warnings: Vec::new(),
                cache: CacheReport::default(),
            }
        } else {
            load_corpus_cached(
                &config.corpus_dirs,
                config.cache_dir.as_deref(),
                config.modified_dates,
            )?
        };
        Ok(Workspace {
            rules: Arc::new(rules),
            rule_errors,
            corpus: Arc::new(load.corpus),
            corpus_warnings: load.warnings,
            cache: load.cache,
            database: None,
            config,
        })
    }

    /// A workspace whose corpus is the database at `url`. A database that
    /// cannot be opened is a warning: the checks that need no corpus run.
    fn with_database(
        config: Config,
        rules: RuleSet,
        rule_errors: Vec<RuleError>,
        url: &str,
    ) -> Workspace {
        let (corpus, database, warnings) = match postgres::open(url) {
            Ok(opened) => (opened.corpus, Some(opened.link), Vec::new()),
            Err(problem) => (
                Arc::new(Corpus::empty()),
                None,
                vec![LoadWarning {
                    path: PathBuf::from(postgres::display_url(url)),
                    message: format!(
                        "{}; the checks that need the corpus are off",
                        problem.trim_start_matches(&format!("{}: ", postgres::display_url(url)))
                    ),
                }],
            ),
        };
        Workspace {
            rules: Arc::new(rules),
            rule_errors,
            corpus,
            corpus_warnings: warnings,
            cache: CacheReport::default(),
            database,
            config,
        }
    }

    pub fn linter(&self) -> Linter {
        Linter::new(
            self.rules.clone(),
            self.corpus.clone(),
            self.config.settings.clone(),
        )
    }
}
