//! From findings to LSP diagnostics: ranges in the negotiated encoding, code
//! with a link to its documentation, evidence as related locations, and the
//! data code actions need; and config and rules file problems as
//! diagnostics in those files.

use std::ops;
use std::path::{Path, PathBuf};

use ropey::Rope;
use tower_lsp_server::ls_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location,
    NumberOrString, Position, Range, Uri,
};

use super::position::{PositionEncoding, range_of_bytes};
use super::protocol::{DiagnosticData, SOURCE};
use crate::finding::{Code, Evidence, Finding, FixSafety, LineCol, Severity};
use crate::offsets::narrow;

pub fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// Link to the README section documenting `code`.
pub fn code_href(code: Code) -> Option<Uri> {
    code.docs_url().parse().ok()
}

/// Where the text evidence points into is read from: corpus articles in
/// memory, rules files on disk. The session keeps the one in use
/// (`super::session::EvidenceTexts`).
pub trait EvidenceSource: Send + Sync {
    /// `f` of the text at `path`; `false` when it cannot be read.
    fn with_text(&self, path: &Path, f: &mut dyn FnMut(&str)) -> bool;
}

/// The LSP range of a piece of evidence; `None` when its file cannot be
/// read. Lines come from the evidence; only the characters before it on
/// its own line are counted.
pub fn evidence_range(
    texts: &dyn EvidenceSource,
    evidence: &Evidence,
    encoding: PositionEncoding,
) -> Option<Range> {
    let mut range = None;
    texts.with_text(&evidence.path, &mut |text| {
        let at = |line: LineCol, offset: usize| {
            Position::new(
                narrow(line.line.saturating_sub(1)),
                character_in(text, offset, encoding),
            )
        };
        range = Some(Range::new(
            at(evidence.start, evidence.range.start),
            at(evidence.end, evidence.range.end),
        ));
    });
    range
}

/// The LSP `character` of a byte offset: the code units between the start
/// of its line and the offset.
pub fn character_in(text: &str, offset: usize, encoding: PositionEncoding) -> u32 {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let prefix = &text[line_start..offset];
    narrow(match encoding {
        PositionEncoding::Utf8 => prefix.len(),
        PositionEncoding::Utf16 => prefix.encode_utf16().count(),
    })
}

/// A file URI for evidence, or none for an embedded rules file.
pub fn evidence_uri(path: &Path) -> Option<Uri> {
    if path.starts_with("<builtin>") {
        return None;
    }
    Uri::from_file_path(path)
}

fn related(
    evidence: &Evidence,
    texts: &dyn EvidenceSource,
    encoding: PositionEncoding,
) -> Option<DiagnosticRelatedInformation> {
    let uri = evidence_uri(&evidence.path)?;
    let range = evidence_range(texts, evidence, encoding).unwrap_or_else(|| {
        // The file is gone; columns in scalars are the best guess left.
        let at = |lc: LineCol| {
            Position::new(
                narrow(lc.line.saturating_sub(1)),
                narrow(lc.column.saturating_sub(1)),
            )
        };
        Range::new(at(evidence.start), at(evidence.end))
    });
    Some(DiagnosticRelatedInformation {
        location: Location { uri, range },
        message: evidence.message.clone(),
    })
}

/// The diagnostic for one finding in the document held by `rope`.
pub fn diagnostic(
    finding: &Finding,
    source: &str,
    rope: &Rope,
    texts: &dyn EvidenceSource,
    encoding: PositionEncoding,
) -> Diagnostic {
    let data = DiagnosticData {
        matched: source
            .get(finding.range.clone())
            .unwrap_or_default()
            .to_string(),
        suggestions: finding.suggestions.clone(),
        unsafe_fix: finding.suggestion_safety() == Some(FixSafety::Unsafe),
        rule_id: finding.rule_id.clone(),
    };
    let related_information: Vec<_> = finding
        .related
        .iter()
        .filter_map(|e| related(e, texts, encoding))
        .collect();
    Diagnostic {
        range: range_of_bytes(rope, finding.range.clone(), encoding),
        severity: Some(severity(finding.severity)),
        code: Some(NumberOrString::String(finding.code.to_string())),
        code_description: code_href(finding.code).map(|href| CodeDescription { href }),
        source: Some(SOURCE.to_string()),
        message: finding.message.clone(),
        related_information: (!related_information.is_empty()).then_some(related_information),
        tags: None,
        data: serde_json::to_value(data).ok(),
    }
}

/// A problem in a config or rules file, shown as a diagnostic in that file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileProblem {
    pub path: PathBuf,
    /// 1-based line and column (Unicode scalars) of the start.
    pub line: usize,
    pub column: usize,
    /// Byte range, when the parser gave one.
    pub bytes: Option<ops::Range<usize>>,
    pub message: String,
}

/// Diagnostics for the problems of one config or rules file, whose text is
/// read from disk for exact columns.
pub fn problem_diagnostics(
    path: &Path,
    problems: &[&FileProblem],
    encoding: PositionEncoding,
) -> Vec<Diagnostic> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let rope = Rope::from_str(&text);
    problems
        .iter()
        .map(|problem| {
            let start = problem
                .bytes
                .as_ref()
                .map(|b| b.start)
                .unwrap_or_else(|| byte_of_line_col(&text, problem.line, problem.column));
            let mut end = problem.bytes.as_ref().map_or(start, |b| b.end);
            if end <= start {
                // Point at the rest of the line when the parser gave a position only.
                end = text[start.min(text.len())..]
                    .find(['\n', '\r'])
                    .map_or(text.len(), |i| start + i);
            }
            Diagnostic {
                range: range_of_bytes(&rope, start..end, encoding),
                severity: Some(DiagnosticSeverity::ERROR),
                source: Some(SOURCE.to_string()),
                message: problem.message.clone(),
                ..Diagnostic::default()
            }
        })
        .collect()
}

/// Byte offset of a 1-based line and scalar column.
fn byte_of_line_col(text: &str, line: usize, column: usize) -> usize {
    let line_start = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>();
    let rest = &text[line_start..];
    line_start
        + rest
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(rest.len(), |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Evidence texts read from disk each time.
    struct Disk;

    impl EvidenceSource for Disk {
        fn with_text(&self, path: &Path, f: &mut dyn FnMut(&str)) -> bool {
            std::fs::read_to_string(path).map(|text| f(&text)).is_ok()
        }
    }

    #[test]
    fn a_finding_becomes_a_diagnostic_with_code_link_and_data() {
        let source = "Київ, not Kiev.";
        let start = source.find("Kiev").unwrap();
        let finding = Finding::new(
            crate::finding::Code::NameSpelling,
            Severity::Warning,
            start..start + 4,
            "Kyiv",
        )
        .with_suggestion("Kyiv")
        .with_related(Evidence {
            path: PathBuf::from("<builtin>/places.toml"),
            range: 0..1,
            start: crate::finding::LineCol { line: 1, column: 1 },
            end: crate::finding::LineCol { line: 1, column: 2 },
            message: "house rule".into(),
        });
        let rope = Rope::from_str(source);
        let d = diagnostic(&finding, source, &rope, &Disk, PositionEncoding::Utf16);
        assert_eq!(
            d.range,
            Range::new(Position::new(0, 10), Position::new(0, 14))
        );
        assert_eq!(d.severity, Some(DiagnosticSeverity::WARNING));
        assert_eq!(
            d.code_description.unwrap().href.as_str(),
            "https://github.com/copydesk/copydesk#name-spelling"
        );
        assert!(
            d.related_information.is_none(),
            "built-in rules have no location"
        );
        let data: DiagnosticData = serde_json::from_value(d.data.unwrap()).unwrap();
        assert_eq!(data.matched, "Kiev");
        assert_eq!(data.suggestions, vec!["Kyiv"]);
    }

    #[test]
    fn evidence_columns_count_code_units_on_their_own_line() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("wire.md");
        let text = "one\n“Witkoff” 😀 Witkoff";
        std::fs::write(&path, text).expect("write");
        let x = text.rfind("Witkoff").unwrap();
        let evidence = Evidence {
            path: path.clone(),
            range: x..x + 7,
            start: LineCol {
                line: 2,
                column: 13,
            },
            end: LineCol {
                line: 2,
                column: 20,
            },
            message: "the corpus writes it so".into(),
        };
        let utf16 = evidence_range(&Disk, &evidence, PositionEncoding::Utf16).expect("readable");
        assert_eq!(
            utf16,
            Range::new(Position::new(1, 13), Position::new(1, 20))
        );
        let utf8 = evidence_range(&Disk, &evidence, PositionEncoding::Utf8).expect("readable");
        assert_eq!(utf8.start, Position::new(1, (x - 4) as u32));
        assert_eq!(byte_of_line_col(text, 2, 2), 4 + "“".len());
    }
}
