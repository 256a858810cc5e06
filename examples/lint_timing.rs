//! Time the pieces of a lint against a corpus folder, in process:
//! `cargo run --release --example lint_timing -- CORPUS_DIR DRAFT [RUNS]`.
//! Prints the corpus load (with the index cache in CORPUS_DIR/../.copydesk-cache)
//! and the median lint time of the draft.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use copydesk::linter::{LintSettings, Linter};
use copydesk::workspace::load_corpus_cached;
use copydesk::{Document, RuleSet};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(corpus), Some(draft)) = (args.first(), args.get(1)) else {
        eprintln!("usage: lint_timing CORPUS_DIR DRAFT [RUNS]");
        return ExitCode::from(2);
    };
    let runs: usize = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(50);
    let corpus = PathBuf::from(corpus);
    let cache = corpus
        .parent()
        .unwrap_or(Path::new("."))
        .join(".copydesk-cache");
    let started = Instant::now();
    let load = match load_corpus_cached(&[corpus], Some(&cache), true) {
        Ok(load) => load,
        Err(error) => {
            eprintln!("lint_timing: error: {error}");
            return ExitCode::from(2);
        }
    };
    let load_ms = started.elapsed().as_secs_f64() * 1e3;
    let text = match std::fs::read_to_string(draft) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("lint_timing: error: {draft}: {error}");
            return ExitCode::from(2);
        }
    };
    let articles = load.corpus.article_count();
    let started = Instant::now();
    let linter = Linter::new(
        Arc::new(RuleSet::defaults()),
        Arc::new(load.corpus),
        LintSettings::default(),
    );
    let linter_ms = started.elapsed().as_secs_f64() * 1e3;
    let doc = Document::markdown(text.clone());
    let mut times: Vec<f64> = (0..runs.max(1))
        .map(|_| {
            let started = Instant::now();
            std::hint::black_box(linter.lint(&doc));
            started.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(f64::total_cmp);
    println!(
        "articles={articles} load_ms={load_ms:.1} linter_ms={linter_ms:.1} reused={} analysed={} draft_words={} lint_median_ms={:.2} lint_p90_ms={:.2}",
        load.cache.reused,
        load.cache.analysed,
        text.split_whitespace().count(),
        times[times.len() / 2],
        times[times.len() * 9 / 10],
    );
    ExitCode::SUCCESS
}
