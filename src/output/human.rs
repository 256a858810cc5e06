//! Human output (`--format human`): rustc/ruff-style snippets that
//! underline the flagged text, then the suggestion and the evidence.

use std::io;
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::{FileResult, OutputOptions};
use crate::finding::{Finding, FixSafety, Severity};

/// Lines longer than this are shown as a window around the flagged text.
const MAX_SNIPPET_BYTES: usize = 240;

pub(super) fn write(
    files: &[FileResult],
    options: &OutputOptions,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let renderer = if options.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    for file in files {
        let path = options.display_path(&file.path);
        for finding in &file.findings {
            let excerpt = Excerpt::around(file, finding.range.clone());
            let report = report(&path, &excerpt, finding, options);
            writeln!(out, "{}\n", renderer.render(&report))?;
        }
    }
    writeln!(out, "{}", summary(files))
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
        Severity::Hint => Level::HELP,
    }
}

fn report<'a>(
    path: &'a str,
    excerpt: &'a Excerpt<'a>,
    finding: &'a Finding,
    options: &OutputOptions,
) -> Vec<Group<'a>> {
    let snippet = Snippet::source(excerpt.text)
        .line_start(excerpt.first_line)
        .path(path)
        .annotation(
            AnnotationKind::Primary
                .span(excerpt.span.clone())
                .label(suggestion_label(finding)),
        );
    let mut group = level(finding.severity)
        .primary_title(finding.message.as_str())
        .id(finding.code.as_str())
        .element(snippet);
    for evidence in &finding.related {
        group = group.element(Level::NOTE.message(format!(
            "{}:{}:{}: {}",
            options.display_path(&evidence.path),
            evidence.start.line,
            evidence.start.column,
            evidence.message
        )));
    }
    vec![group]
}

fn suggestion_label(finding: &Finding) -> String {
    let caution = match finding.fix_safety {
        FixSafety::Safe => "",
        FixSafety::Unsafe => " (unsafe fix: check it; `--fix --unsafe-fixes` applies it)",
    };
    match finding.suggestions.as_slice() {
        [] => String::new(),
        [only] => format!("help: replace with `{only}`{caution}"),
        many => format!(
            "help: replace with one of {}",
            many.iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// The lines a finding sits on, cut to a window when they are very long, with
/// the finding's span relative to the excerpt.
struct Excerpt<'a> {
    text: &'a str,
    first_line: usize,
    span: Range<usize>,
}

impl<'a> Excerpt<'a> {
    fn around(file: &'a FileResult, range: Range<usize>) -> Excerpt<'a> {
        let source = file.source.as_str();
        let start = floor_boundary(source, range.start.min(source.len()));
        let end = floor_boundary(source, range.end.clamp(start, source.len()));
        let line = file.lines.line_of(start);
        let line_start = file.lines.line_start(line).unwrap_or(0);
        // The end of the last line, from the index: scanning for it would
        // make every finding on a one-line megabyte cost the whole line.
        let line_end = file
            .lines
            .line_start(file.lines.line_of(end) + 1)
            .map_or(source.len(), |next| next - 1);
        let mut from = line_start;
        let mut to = line_end;
        if to - from > MAX_SNIPPET_BYTES {
            from = floor_boundary(
                source,
                start.saturating_sub(MAX_SNIPPET_BYTES / 2).max(line_start),
            );
            to = floor_boundary(source, (end + MAX_SNIPPET_BYTES / 2).min(line_end));
        }
        let text = source[from..to].trim_end_matches('\r');
        Excerpt {
            text,
            first_line: line + 1,
            span: (start - from).min(text.len())..(end - from).min(text.len()),
        }
    }
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn summary(files: &[FileResult]) -> String {
    let count = |severity: Severity| {
        files
            .iter()
            .flat_map(|f| &f.findings)
            .filter(|f| f.severity == severity)
            .count()
    };
    let total: usize = files.iter().map(|f| f.findings.len()).sum();
    let file_word = if files.len() == 1 { "file" } else { "files" };
    if total == 0 {
        return format!("No problems found in {} {file_word}.", files.len());
    }
    let parts: Vec<String> = [
        (Severity::Error, "error"),
        (Severity::Warning, "warning"),
        (Severity::Info, "note"),
        (Severity::Hint, "hint"),
    ]
    .into_iter()
    .filter_map(|(severity, noun)| {
        let n = count(severity);
        (n > 0).then(|| format!("{n} {noun}{}", if n == 1 { "" } else { "s" }))
    })
    .collect();
    let problem_word = if total == 1 { "problem" } else { "problems" };
    format!(
        "Found {total} {problem_word} ({}) in {} {file_word}.",
        parts.join(", "),
        files.len()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Evidence, LineCol};
    use std::path::PathBuf;

    fn render(source: &str, findings: Vec<Finding>) -> String {
        let files = vec![FileResult::new(
            PathBuf::from("d.md"),
            source.to_string(),
            findings,
        )];
        let mut out = Vec::new();
        write(&files, &OutputOptions::default(), &mut out).expect("writes");
        String::from_utf8(out).expect("utf-8")
    }

    #[test]
    fn snippet_underlines_and_shows_help_and_evidence() {
        let source = "# Title\n\nTalks in Kiev went on.\n";
        let start = source.find("Kiev").expect("present");
        let finding = Finding::new(
            crate::finding::Code::NameSpelling,
            Severity::Warning,
            start..start + 4,
            "spell it Kyiv",
        )
        .with_suggestion("Kyiv")
        .with_related(Evidence {
            path: PathBuf::from("corpus/a.md"),
            range: 0..4,
            start: LineCol { line: 7, column: 3 },
            end: LineCol { line: 7, column: 7 },
            message: "the corpus spells it Kyiv".into(),
        });
        let text = render(source, vec![finding]);
        assert!(
            text.contains("warning[name-spelling]: spell it Kyiv"),
            "{text}"
        );
        assert!(text.contains("d.md:3:10"), "{text}");
        assert!(text.contains("3 | Talks in Kiev went on."), "{text}");
        assert!(text.contains("^^^^ help: replace with `Kyiv`"), "{text}");
        assert!(
            text.contains("note: corpus/a.md:7:3: the corpus spells it Kyiv"),
            "{text}"
        );
        assert!(
            text.ends_with("Found 1 problem (1 warning) in 1 file.\n"),
            "{text}"
        );
    }

    #[test]
    fn odd_ranges_and_huge_lines_do_not_panic() {
        let huge = format!("{}Kiev{}", "word ".repeat(200_000), " end".repeat(1000));
        let at = huge.find("Kiev").expect("present");
        let text = render(
            &huge,
            vec![Finding::new(
                crate::finding::Code::ScareQuote,
                Severity::Info,
                at..at + 4,
                "m",
            )],
        );
        assert!(text.contains("Kiev"));
        assert!(
            text.len() < 4_000,
            "the snippet is a window, not the whole line"
        );
        let text = render(
            "Київ\r\n",
            vec![
                Finding::new(
                    crate::finding::Code::ScareQuote,
                    Severity::Hint,
                    1..100,
                    "m",
                ),
                Finding::new(crate::finding::Code::Misquote, Severity::Error, 10..10, "m"),
            ],
        );
        assert!(
            text.contains("Found 2 problems (1 error, 1 hint) in 1 file."),
            "{text}"
        );
    }

    #[test]
    fn clean_runs_say_so() {
        assert_eq!(render("Kyiv", Vec::new()), "No problems found in 1 file.\n");
    }
}
