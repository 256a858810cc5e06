//! The stable JSON format (`--format json`), version 1.

use std::io;

use serde::Serialize;

use super::{FileResult, OutputOptions};
use crate::finding::{Evidence, Finding, FixSafety};

pub const JSON_SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    files: Vec<JsonFile<'a>>,
}

#[derive(Serialize)]
struct JsonFile<'a> {
    path: String,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'a str,
    severity: &'a str,
    message: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    offset: usize,
    end_offset: usize,
    #[serde(rename = "match")]
    matched: &'a str,
    suggestions: &'a [String],
    /// "safe" or "unsafe" for a finding with suggestions, else null.
    fix_safety: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule: Option<&'a str>,
    related: Vec<JsonRelated<'a>>,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    path: String,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    message: &'a str,
}

pub(super) fn write(
    files: &[FileResult],
    options: &OutputOptions,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let report = JsonReport {
        version: JSON_SCHEMA_VERSION,
        files: files
            .iter()
            .map(|file| JsonFile {
                path: options.display_path(&file.path),
                diagnostics: file
                    .findings
                    .iter()
                    .map(|f| diagnostic(file, f, options))
                    .collect(),
            })
            .collect(),
    };
    serde_json::to_writer(&mut *out, &report)?;
    writeln!(out)
}

fn diagnostic<'a>(
    file: &'a FileResult,
    finding: &'a Finding,
    options: &OutputOptions,
) -> JsonDiagnostic<'a> {
    let start = file.line_col(finding.range.start);
    let end = file.line_col(finding.range.end);
    JsonDiagnostic {
        code: finding.code.as_str(),
        severity: finding.severity.as_str(),
        message: &finding.message,
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
        offset: finding.range.start,
        end_offset: finding.range.end,
        matched: file.source.get(finding.range.clone()).unwrap_or(""),
        suggestions: &finding.suggestions,
        fix_safety: finding.suggestion_safety().map(FixSafety::as_str),
        rule: finding.rule_id.as_deref(),
        related: finding
            .related
            .iter()
            .map(|e| related(e, options))
            .collect(),
    }
}

fn related<'a>(evidence: &'a Evidence, options: &OutputOptions) -> JsonRelated<'a> {
    JsonRelated {
        path: options.display_path(&evidence.path),
        line: evidence.start.line,
        column: evidence.start.column,
        end_line: evidence.end.line,
        end_column: evidence.end.column,
        message: &evidence.message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{LineCol, Severity};
    use std::path::PathBuf;

    #[test]
    fn json_matches_the_documented_schema() {
        let source = "Київ and Kiev\n".to_string();
        let start = source.find("Kiev").expect("present");
        let finding = Finding::new(
            crate::finding::Code::NameSpelling,
            Severity::Warning,
            start..start + 4,
            "use Kyiv",
        )
        .with_suggestion("Kyiv")
        .with_related(Evidence {
            path: PathBuf::from("/news/corpus/a.md"),
            range: 10..14,
            start: LineCol {
                line: 3,
                column: 10,
            },
            end: LineCol {
                line: 3,
                column: 14,
            },
            message: "corpus".into(),
        });
        let files = vec![FileResult::new(
            PathBuf::from("d.md"),
            source,
            vec![finding],
        )];
        let options = OutputOptions {
            color: false,
            base_dir: Some(PathBuf::from("/news")),
        };
        let mut out = Vec::new();
        write(&files, &options, &mut out).expect("writes");
        let text = String::from_utf8(out).expect("utf-8");
        assert_eq!(
            text,
            "{\"version\":1,\"files\":[{\"path\":\"d.md\",\"diagnostics\":[{\"code\":\"name-spelling\",\"severity\":\"warning\",\"message\":\"use Kyiv\",\"line\":1,\"column\":10,\"end_line\":1,\"end_column\":14,\"offset\":13,\"end_offset\":17,\"match\":\"Kiev\",\"suggestions\":[\"Kyiv\"],\"fix_safety\":\"unsafe\",\"related\":[{\"path\":\"corpus/a.md\",\"line\":3,\"column\":10,\"end_line\":3,\"end_column\":14,\"message\":\"corpus\"}]}]}]}\n"
        );
    }

    #[test]
    fn clean_files_are_listed_with_no_diagnostics() {
        let files = vec![FileResult::new(
            PathBuf::from("clean.md"),
            "Kyiv".into(),
            Vec::new(),
        )];
        let mut out = Vec::new();
        write(&files, &OutputOptions::default(), &mut out).expect("writes");
        assert_eq!(
            String::from_utf8_lossy(&out),
            "{\"version\":1,\"files\":[{\"path\":\"clean.md\",\"diagnostics\":[]}]}\n"
        );
    }
}
