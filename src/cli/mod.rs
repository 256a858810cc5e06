//! The command-line front end: argument parsing and the `lint` command.
//! Owns argument parsing, exit statuses and printing; may import anything
//! below it (`lsp` to serve, `workspace`, `config`, `linter`, `output`, `fix`).

mod cache;
mod index;
mod lint;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::{Parser, Subcommand, ValueEnum};

use crate::config::FailOn;
use crate::output::Format;

/// Exit status for findings at or above `--fail-on`.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit status for a usage, config or I/O error.
pub const EXIT_ERROR: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "copydesk",
    version,
    about = "An editorial linter for newsrooms: name spellings, unattributed quotes, and claims the reference corpus contradicts."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint drafts (files, folders, or `-` for standard input).
    Lint(LintArgs),
    /// Run the language server on standard input and output.
    Lsp(LspArgs),
    /// Show the corpus index caches: where they are, their size and what
    /// they index.
    Cache(CacheArgs),
    /// Write reference corpus folders into a corpus database that lint and
    /// the language server then read (`--corpus postgres://…`).
    Index(IndexArgs),
}

#[derive(Debug, clap::Args)]
pub struct IndexArgs {
    /// The corpus database, as postgres://USER@HOST[:PORT]/DATABASE; the
    /// password comes from PGPASSWORD or ~/.pgpass.
    #[arg(long, value_name = "URL")]
    pub to: String,

    /// Corpus folders to write. Articles gone from them are removed from
    /// the database; those of other folders are left alone.
    #[arg(value_name = "FOLDER", required = true)]
    pub folders: Vec<PathBuf>,

    /// After writing them, keep following the folders: each article added,
    /// changed or removed is written within a second or two (for the wire).
    /// Stops with Ctrl-C.
    #[arg(long)]
    pub watch: bool,
}

#[derive(Debug, clap::Args)]
pub struct CacheArgs {
    #[command(subcommand)]
    pub action: Option<CacheAction>,
}

#[derive(Debug, Subcommand)]
pub enum CacheAction {
    /// Remove the per-user caches and the cache of the project here.
    Clean,
}

#[derive(Debug, clap::Args)]
pub struct LspArgs {
    /// Talk over standard input and output (the only transport; accepted
    /// because editors pass it).
    #[arg(long)]
    pub stdio: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, clap::Args)]
pub struct LintArgs {
    /// Files or folders to lint; `-` reads standard input. Defaults to `.`.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Use this config file instead of discovering `copydesk.toml`.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Rules directory (replaces the config's `rules`).
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,

    /// Reference corpus directory, or a corpus database (postgres://…);
    /// repeat for several folders (replaces the config's `corpus`).
    #[arg(long, value_name = "DIR|URL")]
    pub corpus: Vec<PathBuf>,

    /// Do not load the rules built into copydesk.
    #[arg(long)]
    pub no_builtin_rules: bool,

    /// Neither read nor write the corpus index cache (the config's `cache`).
    #[arg(long)]
    pub no_cache: bool,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Exit with status 1 when a finding is at or above this severity
    /// [default: the config's `fail_on`, else warning].
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<FailOn>,

    /// Apply unambiguous safe suggestions in place (house-rule and corpus
    /// spellings).
    #[arg(long)]
    pub fix: bool,

    /// With --fix, also apply unsafe suggestions: claims, quotations and
    /// spellings only the draft itself suggests.
    #[arg(long, requires = "fix")]
    pub unsafe_fixes: bool,

    /// The file name to report (and to pick Markdown or text by) for `-`.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,

    /// When to colour human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// clap's report on one line: its first line, and the indented lines that
/// complete it ("required arguments were not provided: --fix"), without the
/// usage and tips that follow.
fn one_line(error: &clap::Error) -> String {
    let rendered = error.render().to_string();
    let mut lines = rendered.lines();
    let first = lines.next().unwrap_or("invalid arguments");
    let details: Vec<&str> = lines
        .take_while(|l| l.starts_with("  "))
        .map(str::trim)
        .collect();
    let first = first.trim_start_matches("error: ");
    if details.is_empty() {
        first.to_string()
    } else {
        format!("{} {}", first.trim_end(), details.join(", "))
    }
}

/// Parse the arguments, run the command, and map the outcome to an exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // Bare `copydesk`: the usage, as the user needs it, not one line.
        Err(error) if error.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = error.print();
            return ExitCode::from(EXIT_ERROR);
        }
        Err(error) if error.use_stderr() => {
            print_error(format!("{} (see `copydesk --help`)", one_line(&error)));
            return ExitCode::from(EXIT_ERROR);
        }
        Err(help_or_version) => {
            let _ = help_or_version.print();
            return ExitCode::SUCCESS;
        }
    };
    match cli.command {
        Command::Lint(args) => ExitCode::from(lint::run(&args)),
        Command::Lsp(_) => ExitCode::from(crate::lsp::run_stdio()),
        Command::Cache(args) => ExitCode::from(cache::run(&args)),
        Command::Index(args) => ExitCode::from(index::run(&args)),
    }
}

/// Print a one-line error in the form every copydesk error takes.
pub(crate) fn print_error(message: impl std::fmt::Display) {
    eprintln!("copydesk: error: {message}");
}

pub(crate) fn print_warning(message: impl std::fmt::Display) {
    eprintln!("copydesk: warning: {message}");
}
