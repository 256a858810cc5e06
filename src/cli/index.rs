//! `copydesk index --to postgres://… FOLDER…`: write a reference corpus
//! into a corpus database that every editor and CI run then reads.

use std::path::PathBuf;
use std::time::Instant;

use super::{EXIT_ERROR, IndexArgs, print_error, print_warning};
use crate::config::is_database_url;
use crate::workspace::postgres::{connect, display_url, ingest};

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
    let outcome = connect(&args.to).and_then(|mut client| ingest(&mut client, &dirs));
    let report = match outcome {
        Ok(report) => report,
        Err(problem) => {
            print_error(problem);
            return EXIT_ERROR;
        }
    };
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
        display_url(&args.to),
        report.added,
        report.changed,
        report.removed,
        report.unchanged,
    );
    0
}

fn plural(n: usize, word: &str) -> String {
    match n {
        1 => format!("1 {word}"),
        n => format!("{n} {word}s"),
    }
}
