//! `copydesk index --to postgres://… FOLDER…`: write a reference corpus
//! into a corpus database that every editor and CI run then reads.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};
use postgres::Client;

use super::{EXIT_ERROR, IndexArgs, print_error, print_warning};
use crate::config::is_database_url;
use crate::workspace::postgres::{IngestReport, connect, display_url, ingest, ingest_changes};

/// How long the folders must be quiet before a batch of changes is written.
const SETTLE: Duration = Duration::from_millis(500);

pub(super) fn run(args: &IndexArgs) -> u8 {
    if !is_database_url(&args.to) {
        print_error(format!(
            "{}: --to takes a database URL (postgres://…)",
            args.to
        ));
        return EXIT_ERROR;
    }
    let cwd = std::env::current_dir().unwrap_or_default();
    let dirs: Vec<PathBuf> = args.folders.iter().map(|dir| cwd.join(dir)).collect();
    let started = Instant::now();
    let mut client = match connect(&args.to) {
        Ok(client) => client,
        Err(problem) => {
            print_error(problem);
            return EXIT_ERROR;
        }
    };
    match ingest(&mut client, &dirs) {
        Ok(report) => print_report(&report, &args.to, started),
        Err(problem) => {
            print_error(problem);
            return EXIT_ERROR;
        }
    }
    match args.watch {
        true => watch(&mut client, &dirs, &args.to),
        false => 0,
    }
}

fn print_report(report: &IngestReport, url: &str, started: Instant) {
    for warning in &report.warnings {
        print_warning(warning);
    }
    if report.rebuilt {
        eprintln!(
            "The database held another copydesk version's facts: every article was written again."
        );
    }
    let seconds = started.elapsed().as_secs_f64();
    eprintln!(
        "Indexed {} into {} in {seconds:.1} s: {} added, {} changed, {} removed, {} unchanged.",
        plural(report.added + report.changed + report.unchanged, "article"),
        display_url(url),
        report.added,
        report.changed,
        report.removed,
        report.unchanged,
    );
}

/// Follow the folders: changes are gathered until the folders have been
/// quiet for [`SETTLE`], then written as one transaction.
fn watch(client: &mut Client, dirs: &[PathBuf], url: &str) -> u8 {
    let (events, changes) = mpsc::channel();
    let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event {
            let _ = events.send(event.paths);
        }
    });
    let mut watcher = match watcher {
        Ok(watcher) => watcher,
        Err(problem) => {
            print_error(format!("cannot watch the corpus folders: {problem}"));
            return EXIT_ERROR;
        }
    };
    for dir in dirs {
        if let Err(problem) = watcher.watch(dir, RecursiveMode::Recursive) {
            print_error(format!("{}: cannot watch ({problem})", dir.display()));
            return EXIT_ERROR;
        }
    }
    eprintln!(
        "Watching {} for changes (Ctrl-C stops).",
        plural(dirs.len(), "folder")
    );
    // Paths of a batch that failed are written with the next one.
    let mut pending: BTreeSet<PathBuf> = BTreeSet::new();
    while let Ok(first) = changes.recv() {
        pending.extend(first);
        while let Ok(more) = changes.recv_timeout(SETTLE) {
            pending.extend(more);
        }
        let paths: Vec<PathBuf> = pending.iter().cloned().collect();
        let started = Instant::now();
        let written = ingest_changes(client, &paths);
        if written.is_ok() {
            pending.clear();
        }
        match written {
            Ok(report) if report.added + report.changed + report.removed > 0 => {
                print_report(&report, url, started)
            }
            Ok(report) => report.warnings.iter().for_each(print_warning),
            Err(problem) => {
                print_error(problem);
                // A lost connection is made again for the next batch.
                if client.is_closed() {
                    match connect(url) {
                        Ok(again) => *client = again,
                        Err(problem) => print_error(problem),
                    }
                }
            }
        }
    }
    0
}

fn plural(n: usize, word: &str) -> String {
    match n {
        1 => format!("1 {word}"),
        n => format!("{n} {word}s"),
    }
}
