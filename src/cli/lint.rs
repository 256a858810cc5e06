//! `copydesk lint`: load each input's workspace, lint its files in parallel,
//! optionally fix them, print the findings and choose the exit status.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{ColorChoice, EXIT_ERROR, EXIT_FINDINGS, LintArgs, print_error, print_warning};
use crate::config::{Config, FailOn, is_database_url};
use crate::document::{Document, DocumentKind};
use crate::finding::Report;
use crate::fix::{Replacement, apply_fixes, write_atomically};
use crate::linter::Linter;
use crate::output::{self, FileResult, Format, OutputOptions};
use crate::workspace::postgres::DatabaseLink;
use crate::workspace::{
    FileSelector, Workspace, WorkspaceError, discover_config, load_config, not_linted, read_text,
    user_cache_for,
};

const STDIN_NAME: &str = "<stdin>";

/// Run the command; returns the exit status.
pub(super) fn run(args: &LintArgs) -> u8 {
    match lint(args) {
        Ok(status) => status,
        Err(error) => {
            print_error(error);
            EXIT_ERROR
        }
    }
}

/// One input file to lint, as named on the command line or found by walking.
enum Input {
    File(PathBuf),
    Stdin,
}

fn lint(args: &LintArgs) -> Result<u8, WorkspaceError> {
    let cwd = std::env::current_dir().map_err(|e| WorkspaceError::io(Path::new("."), e))?;
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    if paths.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        return Err(WorkspaceError::io(
            Path::new("-"),
            "standard input can be named only once",
        ));
    }

    // Group the inputs by the config that governs them, so that every
    // workspace (rules and corpus) is loaded once.
    let mut groups: BTreeMap<Option<PathBuf>, Vec<Input>> = BTreeMap::new();
    for path in &paths {
        let (input, start) = if path.as_os_str() == "-" {
            let start = args
                .stdin_filename
                .as_deref()
                .and_then(Path::parent)
                .unwrap_or(Path::new("."));
            (Input::Stdin, start.to_path_buf())
        } else {
            (Input::File(path.clone()), path.clone())
        };
        let config_path = args.config.clone().or_else(|| discover_config(&start));
        groups.entry(config_path).or_default().push(input);
    }

    let mut results = Vec::new();
    let mut fixed_files: Vec<Vec<Replacement>> = Vec::new();
    let mut had_errors = false;
    let mut fail_on = args.fail_on;
    for (config_path, inputs) in groups {
        let config = configure(args, config_path.as_deref(), &cwd)?;
        fail_on = fail_on.or(config.fail_on);
        let workspace = Workspace::load(config)?;
        let shown = OutputOptions {
            color: false,
            base_dir: Some(cwd.clone()),
        };
        for error in &workspace.rule_errors {
            let path = shown.display_path(&error.path);
            let at = &error.start;
            print_error(format!(
                "{path}:{}:{}: {}",
                at.line, at.column, error.message
            ));
            had_errors = true;
        }
        for warning in &workspace.corpus_warnings {
            let raw = warning.path.to_string_lossy();
            let path = match is_database_url(&raw) {
                true => raw.into_owned(),
                false => shown.display_path(&warning.path),
            };
            print_warning(format!("{path}: {}", warning.message));
        }
        if let Some(problem) = &workspace.cache.problem {
            print_warning(problem);
        }
        let linter = workspace.linter();
        let selector = FileSelector::new(&workspace.config)?;
        let mut files = Vec::new();
        for input in inputs {
            match input {
                Input::File(path) => {
                    let found = selector.collect(&path)?;
                    if found.is_empty() {
                        print_warning(nothing_to_lint(&path, &workspace.config));
                    }
                    files.extend(found);
                }
                Input::Stdin => {
                    let lint = match &workspace.database {
                        Some(database) => Lint::Rounds(&linter, database),
                        None => Lint::Local(&linter),
                    };
                    let (result, fixed) = lint_stdin(args, &lint)?;
                    results.push(result);
                    fixed_files.push(fixed);
                }
            }
        }
        let outcomes: Vec<Result<Linted, WorkspaceError>> = match &workspace.database {
            // A database corpus answers one draft's questions at a time.
            Some(database) => files
                .iter()
                .map(|path| lint_file(path, &Lint::Rounds(&linter, database), FixMode::of(args)))
                .collect(),
            None => files
                .par_iter()
                .map(|path| lint_file(path, &Lint::Local(&linter), FixMode::of(args)))
                .collect(),
        };
        for outcome in outcomes {
            match outcome {
                Ok((result, fixed)) => {
                    results.push(result);
                    fixed_files.push(fixed);
                }
                Err(error) => {
                    print_error(error);
                    had_errors = true;
                }
            }
        }
    }

    let stdin_fixed = args.fix && paths.iter().any(|p| p.as_os_str() == "-");
    // With nothing linted, the warnings and errors above say why; a human
    // summary of "0 files" beside them would contradict them.
    if !results.is_empty() || args.format != Format::Human {
        print_results(args, &results, &cwd, stdin_fixed)?;
    }
    if args.fix {
        let remaining = results.iter().map(|r| r.findings.len()).sum();
        eprintln!("{}", fix_summary(&fixed_files, remaining));
    }

    let fail_on = fail_on.unwrap_or(FailOn::Warning);
    let failed = results
        .iter()
        .flat_map(|r| &r.findings)
        .any(|f| fail_on.fails(f.severity));
    Ok(if had_errors {
        EXIT_ERROR
    } else if failed {
        EXIT_FINDINGS
    } else {
        0
    })
}

/// Why a path named on the command line gave no drafts: what `include`
/// is, and where it came from.
fn nothing_to_lint(path: &Path, config: &Config) -> String {
    let include = config.include.join(", ");
    match &config.path {
        Some(file) => format!(
            "{}: no drafts to lint here (`include` in {} is {include})",
            path.display(),
            file.display()
        ),
        None => format!(
            "{}: no drafts to lint here (with no copydesk.toml, copydesk lints {include})",
            path.display()
        ),
    }
}

/// The config for one group: the discovered or named file (or defaults),
/// with the command-line flags laid over it.
fn configure(
    args: &LintArgs,
    config_path: Option<&Path>,
    cwd: &Path,
) -> Result<Config, WorkspaceError> {
    let mut config = match config_path {
        Some(path) => load_config(path)?,
        None => Config::default_for(cwd.to_path_buf()),
    };
    if let Some(rules) = &args.rules {
        config.rules_dir = Some(cwd.join(rules));
    }
    if !args.corpus.is_empty() {
        let url = args
            .corpus
            .iter()
            .find_map(|c| c.to_str().filter(|c| is_database_url(c)));
        config.corpus_url = url.map(str::to_string);
        config.corpus_dirs = match url {
            Some(_) => Vec::new(),
            None => args.corpus.iter().map(|dir| cwd.join(dir)).collect(),
        };
    }
    if args.no_builtin_rules {
        config.builtin_rules = false;
    }
    // A corpus named here is the user's, not the project's: its index goes
    // in the per-user cache, never in the folder the user stands in, and
    // does not replace the project's own.
    let users_corpus = !args.corpus.is_empty() || config_path.is_none();
    if args.no_cache {
        config.cache_dir = None;
    } else if users_corpus && config.cache_dir.is_some() && !config.corpus_dirs.is_empty() {
        config.cache_dir = match user_cache_for(&config.corpus_dirs) {
            Ok(dir) => Some(dir),
            Err(problem) => {
                print_warning(format!("{problem}; the corpus is not cached"));
                None
            }
        };
    }
    Ok(config)
}

/// Which suggestions `--fix` applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FixMode {
    None,
    Safe,
    SafeAndUnsafe,
}

impl FixMode {
    fn of(args: &LintArgs) -> FixMode {
        match (args.fix, args.unsafe_fixes) {
            (false, _) => FixMode::None,
            (true, false) => FixMode::Safe,
            (true, true) => FixMode::SafeAndUnsafe,
        }
    }

    fn applies_unsafe(self) -> bool {
        self == FixMode::SafeAndUnsafe
    }
}

/// A file linted (after fixing, with `--fix`) and the replacements made in it.
type Linted = (FileResult, Vec<Replacement>);

/// How a document is linted: against a local corpus, or in rounds against
/// a corpus database.
enum Lint<'a> {
    Local(&'a Linter),
    Rounds(&'a Linter, &'a DatabaseLink),
}

impl Lint<'_> {
    fn run(&self, document: &Document, path: &Path) -> Result<Report, WorkspaceError> {
        match self {
            Lint::Local(linter) => Ok(linter.lint(document)),
            Lint::Rounds(linter, database) => database
                .lint(linter, document)
                .map_err(|problem| WorkspaceError::io(path, problem)),
        }
    }
}

fn lint_file(path: &Path, linter: &Lint, fix: FixMode) -> Result<Linted, WorkspaceError> {
    let source = read_text(path)?;
    let mut document = Document::for_file(source, path);
    let mut report = linter.run(&document, path)?;
    let mut applied = Vec::new();
    if fix != FixMode::None {
        let fixed;
        (fixed, applied) = apply_fixes(document.source(), &report.findings, fix.applies_unsafe());
        if !applied.is_empty() {
            write_atomically(path, &fixed)
                .map_err(|e| WorkspaceError::io(path, format!("cannot write fixes: {e}")))?;
            document = Document::for_file(fixed, path);
            report = linter.run(&document, path)?;
        }
    }
    let result = FileResult::new(
        path.to_path_buf(),
        document.source().to_string(),
        report.findings,
    );
    Ok((result, applied))
}

fn lint_stdin(args: &LintArgs, linter: &Lint) -> Result<Linted, WorkspaceError> {
    let name = args
        .stdin_filename
        .clone()
        .unwrap_or_else(|| PathBuf::from(STDIN_NAME));
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| WorkspaceError::io(&name, e))?;
    let source = crate::document::text_from_bytes(bytes).map_err(|m| not_linted(&name, &m))?;
    let kind = if args.stdin_filename.is_some() {
        DocumentKind::from_path(&name)
    } else {
        DocumentKind::Markdown
    };
    let mut document = Document::new(source, kind).with_file_name_date(&name);
    let mut report = linter.run(&document, Path::new(STDIN_NAME))?;
    let fix = FixMode::of(args);
    let mut applied = Vec::new();
    if fix != FixMode::None {
        // Fixed standard input goes back out on standard output, as formatters do.
        let fixed;
        (fixed, applied) = apply_fixes(document.source(), &report.findings, fix.applies_unsafe());
        document = Document::new(fixed, kind).with_file_name_date(&name);
        report = linter.run(&document, Path::new(STDIN_NAME))?;
    }
    let result = FileResult::new(name, document.source().to_string(), report.findings);
    Ok((result, applied))
}

/// Replacements the summary names one by one; more are counted.
const SUMMARY_REPLACEMENTS: usize = 5;

/// What `--fix` did, in one line, as ruff says it: "Fixed 2 problems in 1
/// file (Valkonnen → Valkonen, Kiev → Kyiv); 3 remain." A replacement
/// made several times is named once with its count.
fn fix_summary(fixed_files: &[Vec<Replacement>], remaining: usize) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let remain = match remaining {
        0 => "none remain".to_string(),
        1 => "1 remains".to_string(),
        n => format!("{n} remain"),
    };
    let fixed: usize = fixed_files.iter().map(Vec::len).sum();
    if fixed == 0 {
        return format!("Nothing to fix; {remain}.");
    }
    let files = fixed_files.iter().filter(|f| !f.is_empty()).count();
    let mut distinct: Vec<(&Replacement, usize)> = Vec::new();
    for replacement in fixed_files.iter().flatten() {
        match distinct.iter_mut().find(|(r, _)| *r == replacement) {
            Some((_, count)) => *count += 1,
            None => distinct.push((replacement, 1)),
        }
    }
    let mut named: Vec<String> = distinct
        .iter()
        .take(SUMMARY_REPLACEMENTS)
        .map(|(r, count)| match count {
            1 => r.to_string(),
            n => format!("{r} \u{d7}{n}"),
        })
        .collect();
    if distinct.len() > SUMMARY_REPLACEMENTS {
        named.push(format!(
            "and {} more",
            distinct.len() - SUMMARY_REPLACEMENTS
        ));
    }
    format!(
        "Fixed {} in {} ({}); {remain}.",
        plural(fixed, "problem"),
        plural(files, "file"),
        named.join(", ")
    )
}

/// Print findings to standard output, or, when fixed standard input occupies
/// standard output, print the fixed text there and the findings to stderr.
fn print_results(
    args: &LintArgs,
    results: &[FileResult],
    cwd: &Path,
    stdin_fixed: bool,
) -> Result<(), WorkspaceError> {
    let stdout = std::io::stdout();
    let to_terminal = if stdin_fixed {
        std::io::stderr().is_terminal()
    } else {
        stdout.is_terminal()
    };
    let options = OutputOptions {
        color: match args.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                to_terminal
                    && std::env::var_os("NO_COLOR").is_none()
                    && args.format == Format::Human
            }
        },
        base_dir: Some(cwd.to_path_buf()),
    };
    let display: Vec<FileResult> = results
        .iter()
        .map(|r| FileResult {
            path: PathBuf::from(options.display_path(&r.path)),
            ..r.clone()
        })
        .collect();
    let broken_pipe = |e: std::io::Error| WorkspaceError::io(Path::new("<stdout>"), e);
    if stdin_fixed {
        let stdin_name = args
            .stdin_filename
            .clone()
            .unwrap_or_else(|| PathBuf::from(STDIN_NAME));
        let mut out = stdout.lock();
        for result in results.iter().filter(|r| r.path == stdin_name) {
            out.write_all(result.source.as_bytes())
                .map_err(broken_pipe)?;
        }
        out.flush().map_err(broken_pipe)?;
        output::write(
            args.format,
            &display,
            &options,
            &mut std::io::stderr().lock(),
        )
        .map_err(broken_pipe)
    } else {
        let mut out = stdout.lock();
        output::write(args.format, &display, &options, &mut out).map_err(broken_pipe)?;
        out.flush().map_err(broken_pipe)
    }
}
