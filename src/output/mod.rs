//! Output formats for the CLI: human snippets, JSON, SARIF 2.1.0 and GitHub
//! workflow annotations. Each takes the linted files with their findings and
//! writes to any `io::Write`.
//! Owns the formats; may import `rules` (to name built-in rules files),
//! `document` and `finding`.

mod github;
mod human;
mod json;
mod sarif;

use std::io;
use std::path::{Path, PathBuf};

use crate::document::LineIndex;
use crate::finding::{Finding, LineCol};

pub use json::JSON_SCHEMA_VERSION;

/// The output format named by `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
}

/// One linted file as the output formats see it.
#[derive(Debug, Clone)]
pub struct FileResult {
    /// The path as the user should see it (relative to the working directory
    /// where possible; `<stdin>` or the `--stdin-filename` for standard input).
    pub path: PathBuf,
    /// The text that was linted, exactly as read.
    pub source: String,
    pub lines: LineIndex,
    pub findings: Vec<Finding>,
}

impl FileResult {
    pub fn new(path: PathBuf, source: String, findings: Vec<Finding>) -> Self {
        let lines = LineIndex::new(&source);
        FileResult {
            path,
            source,
            lines,
            findings,
        }
    }

    pub fn line_col(&self, offset: usize) -> LineCol {
        self.lines.line_col(&self.source, offset)
    }
}

/// Options that change how findings print.
#[derive(Debug, Clone, Default)]
pub struct OutputOptions {
    /// Colour the human output (ANSI escapes).
    pub color: bool,
    /// Directory that evidence paths are shown relative to.
    pub base_dir: Option<PathBuf>,
}

impl OutputOptions {
    /// `path` relative to `base_dir` when it lies below it, otherwise as is.
    /// `./` components are dropped, so a walk of `.` prints `drafts/a.md`.
    pub fn display_path(&self, path: &Path) -> String {
        let shown = self
            .base_dir
            .as_deref()
            .and_then(|base| path.strip_prefix(base).ok())
            .unwrap_or(path);
        let cleaned: PathBuf = shown
            .components()
            .filter(|c| !matches!(c, std::path::Component::CurDir))
            .collect();
        cleaned.display().to_string()
    }
}

/// Write `files` in `format` to `out`.
pub fn write(
    format: Format,
    files: &[FileResult],
    options: &OutputOptions,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    match format {
        Format::Human => human::write(files, options, out),
        Format::Json => json::write(files, options, out),
        Format::Sarif => sarif::write(files, options, out),
        Format::Github => github::write(files, options, out),
    }
}
