//! `copydesk lint`: load each input's workspace, lint its files in parallel,
//! optionally fix them, print the findings and choose the exit status.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{ColorChoice, EXIT_ERROR, EXIT_FINDINGS, LintArgs, print_error, print_warning};
use crate::config::{Config, FailOn};
use crate::document::{Document, DocumentKind};
use crate::fix::{apply_fixes, write_atomically};
use crate::linter::Linter;
use crate::output::{self, FileResult, Format, OutputOptions};
use crate::workspace::{
    FileSelector, Workspace, WorkspaceError, discover_config, load_config, read_text,
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
    let mut had_errors = false;
    let mut fail_on = args.fail_on;
    for (config_path, inputs) in groups {
        let config = configure(args, config_path.as_deref(), &cwd)?;
        fail_on = fail_on.or(config.fail_on);
        let workspace = Workspace::load(config)?;
        for error in &workspace.rule_errors {
            print_error(error);
            had_errors = true;
        }
        for warning in &workspace.corpus_warnings {
            print_warning(warning);
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
                        print_warning(format!(
                            "{}: no drafts to lint here (the config's `include` is {})",
                            path.display(),
                            workspace.config.include.join(", ")
                        ));
                    }
                    files.extend(found);
                }
                Input::Stdin => results.push(lint_stdin(args, &linter)?),
            }
        }
        let outcomes: Vec<Result<FileResult, WorkspaceError>> = files
            .par_iter()
            .map(|path| lint_file(path, &linter, FixMode::of(args)))
            .collect();
        for outcome in outcomes {
            match outcome {
                Ok(result) => results.push(result),
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
        config.corpus_dirs = args.corpus.iter().map(|dir| cwd.join(dir)).collect();
    }
    if args.no_builtin_rules {
        config.builtin_rules = false;
    }
    if args.no_cache {
        config.cache_dir = None;
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

fn lint_file(path: &Path, linter: &Linter, fix: FixMode) -> Result<FileResult, WorkspaceError> {
    let source = read_text(path)?;
    let mut document = Document::for_file(source, path);
    let mut report = linter.lint(&document);
    if fix != FixMode::None {
        let (fixed, applied) =
            apply_fixes(document.source(), &report.findings, fix.applies_unsafe());
        if applied > 0 {
            write_atomically(path, &fixed)
                .map_err(|e| WorkspaceError::io(path, format!("cannot write fixes: {e}")))?;
            document = Document::for_file(fixed, path);
            report = linter.lint(&document);
        }
    }
    Ok(FileResult::new(
        path.to_path_buf(),
        document.source().to_string(),
        report.findings,
    ))
}

fn lint_stdin(args: &LintArgs, linter: &Linter) -> Result<FileResult, WorkspaceError> {
    let name = args
        .stdin_filename
        .clone()
        .unwrap_or_else(|| PathBuf::from(STDIN_NAME));
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| WorkspaceError::io(&name, e))?;
    let source =
        crate::document::text_from_bytes(bytes).map_err(|m| WorkspaceError::io(&name, m))?;
    let kind = if args.stdin_filename.is_some() {
        DocumentKind::from_path(&name)
    } else {
        DocumentKind::Markdown
    };
    let mut document = Document::new(source, kind).with_file_name_date(&name);
    let mut report = linter.lint(&document);
    let fix = FixMode::of(args);
    if fix != FixMode::None {
        // Fixed standard input goes back out on standard output, as formatters do.
        let (fixed, _) = apply_fixes(document.source(), &report.findings, fix.applies_unsafe());
        document = Document::new(fixed, kind).with_file_name_date(&name);
        report = linter.lint(&document);
    }
    Ok(FileResult::new(
        name,
        document.source().to_string(),
        report.findings,
    ))
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
