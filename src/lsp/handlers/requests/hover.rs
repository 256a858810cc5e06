//! `textDocument/hover`: what copydesk knows at a position. The checks'
//! annotations (a name's corpus counts, a quote's speaker, a claim's
//! evidence), then every finding there with its evidence.

use std::ops::Range;
use std::path::Path;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{
    Hover, HoverContents, HoverParams, MarkupContent, MarkupKind, Position,
};

use crate::finding::{Evidence, Finding};
use crate::lsp::analysis::Analysis;
use crate::lsp::diagnostics::{code_href, evidence_uri};
use crate::lsp::position::{PositionEncoding, byte_of_position, range_of_bytes};
use crate::lsp::services::Services;
use crate::lsp::services::analysis::analyse_now;

pub async fn handle(services: &Services, params: HoverParams) -> Result<Option<Hover>> {
    let position = params.text_document_position_params;
    let uri = position.text_document.uri;
    let Some(analysis) = analyse_now(services, &uri).await else {
        return Ok(None);
    };
    let root = services.session.project_root_of(&uri);
    Ok(hover(
        &analysis,
        position.position,
        services.session.caps().encoding,
        root.as_deref(),
    ))
}

fn hover(
    analysis: &Analysis,
    position: Position,
    encoding: PositionEncoding,
    root: Option<&Path>,
) -> Option<Hover> {
    let offset = byte_of_position(&analysis.rope, position, encoding);
    let covers = |range: &Range<usize>| {
        (range.start <= offset && offset < range.end) || (range.is_empty() && range.start == offset)
    };
    let report = &analysis.report;
    let annotations: Vec<_> = report
        .annotations
        .iter()
        .filter(|a| covers(&a.range))
        .collect();
    let findings: Vec<_> = report
        .findings
        .iter()
        .filter(|f| covers(&f.range))
        .collect();
    let mut sections: Vec<String> = annotations
        .iter()
        .map(|a| a.text.trim().to_string())
        .collect();
    sections.extend(findings.iter().map(|f| finding_text(f, root)));
    if sections.is_empty() {
        return None;
    }
    // Highlight the narrowest span the hover talks about.
    let span = annotations
        .iter()
        .map(|a| a.range.clone())
        .chain(findings.iter().map(|f| f.range.clone()))
        .min_by_key(|r| r.len())?;
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: sections.join("\n\n---\n\n"),
        }),
        range: Some(range_of_bytes(&analysis.rope, span, encoding)),
    })
}

fn finding_text(finding: &Finding, root: Option<&Path>) -> String {
    let code = match code_href(finding.code) {
        Some(href) => format!("[`{}`]({})", finding.code, href.as_str()),
        None => format!("`{}`", finding.code),
    };
    let mut text = format!("**{}** {code}: {}", finding.severity, finding.message);
    match finding.suggestions.as_slice() {
        [] => {}
        [only] => text.push_str(&format!("\n\nSuggested: ‘{only}’")),
        several => {
            let list: Vec<String> = several.iter().map(|s| format!("‘{s}’")).collect();
            text.push_str(&format!("\n\nSuggestions: {}", list.join(", ")));
        }
    }
    if !finding.related.is_empty() {
        text.push_str("\n\nEvidence:");
        for evidence in &finding.related {
            text.push_str(&format!("\n- {}", evidence_line(evidence, root)));
        }
    }
    text
}

fn evidence_line(evidence: &Evidence, root: Option<&Path>) -> String {
    let shown = root
        .and_then(|r| evidence.path.strip_prefix(r).ok())
        .unwrap_or(&evidence.path)
        .display()
        .to_string();
    let place = format!("{shown}:{}:{}", evidence.start.line, evidence.start.column);
    match evidence_uri(&evidence.path) {
        Some(uri) => format!(
            "{} ([{place}]({}#L{}))",
            evidence.message,
            uri.as_str(),
            evidence.start.line
        ),
        None => format!("{} ({place})", evidence.message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Annotation, LineCol, Report, Severity};
    use ropey::Rope;
    use std::path::PathBuf;

    #[test]
    fn hover_joins_annotations_and_findings_at_the_position() {
        let text = "🇺🇦 Whitkoff spoke.";
        let start = text.find("Whitkoff").unwrap();
        let range = start..start + 8;
        let finding = Finding::new(
            crate::finding::Code::NameSpelling,
            Severity::Warning,
            range.clone(),
            "spell it ‘Witkoff’",
        )
        .with_suggestion("Witkoff")
        .with_related(Evidence {
            path: PathBuf::from("/news/corpus/a.md"),
            range: 0..7,
            start: LineCol { line: 3, column: 5 },
            end: LineCol {
                line: 3,
                column: 12,
            },
            message: "the corpus writes ‘Witkoff’".into(),
        });
        let analysis = Analysis {
            version: 1,
            generation: 1,
            rope: Rope::from_str(text),
            report: Report {
                findings: vec![finding],
                annotations: vec![Annotation {
                    range,
                    code: crate::finding::Code::NameSpelling,
                    text: "**Witkoff**: 27 mentions in 8 articles".into(),
                }],
            },
            diagnostics: Vec::new(),
            corpus_problem: None,
            reachability: None,
        };
        // Position in UTF-16: the flag is 4 code units, then a space.
        let hover = hover(
            &analysis,
            Position::new(0, 7),
            PositionEncoding::Utf16,
            Some(Path::new("/news")),
        )
        .expect("hover");
        let HoverContents::Markup(markup) = hover.contents else {
            panic!("markup")
        };
        assert!(markup.value.starts_with("**Witkoff**: 27 mentions"));
        assert!(markup.value.contains("Suggested: ‘Witkoff’"));
        assert!(
            markup
                .value
                .contains("[corpus/a.md:3:5](file:///news/corpus/a.md#L3)"),
            "{}",
            markup.value
        );
        assert_eq!(hover.range.unwrap().start, Position::new(0, 5));
        assert!(
            super::hover(
                &analysis,
                Position::new(0, 1),
                PositionEncoding::Utf16,
                None
            )
            .is_none()
        );
    }
}
