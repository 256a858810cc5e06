//! `textDocument/codeAction`: a quick fix per suggestion, adding a spelling
//! to the house names rules, silencing copydesk on a line, and fixing every
//! safe finding in the document.

use std::collections::HashMap;
use std::path::PathBuf;

use ropey::Rope;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CodeActionResponse, Command,
    Diagnostic, DocumentChanges, NumberOrString, OneOf, OptionalVersionedTextDocumentIdentifier,
    Position, Range, TextDocumentEdit, TextEdit, Uri, WorkspaceEdit,
};

use crate::document::DocumentKind;
use crate::finding::Code;
use crate::lsp::analysis::Analysis;
use crate::lsp::position::{PositionEncoding, bytes_of_range, range_of_bytes};
use crate::lsp::protocol::{
    ADD_TO_HOUSE_NAMES, DiagnosticData, HouseNameArgs, SOURCE, fix_all_kind,
};
use crate::lsp::services::Services;
use crate::lsp::services::analysis::analyse_now;
use crate::offsets::narrow;

/// The actions for a range of an open document, from its current analysis.
pub async fn handle(
    services: &Services,
    params: CodeActionParams,
) -> Result<Option<CodeActionResponse>> {
    let uri = params.text_document.uri.clone();
    let analysis = analyse_now(services, &uri).await;
    let caps = services.session.caps();
    let Some(view) = services.session.document_view(&uri) else {
        return Ok(None);
    };
    let context = ActionContext {
        uri: &uri,
        version: view.version,
        rope: &view.rope,
        kind: view.kind,
        analysis: analysis.as_deref().filter(|a| a.version == view.version),
        rules_dir: view.writable_rules_dir,
        encoding: caps.encoding,
        document_changes: caps.document_changes,
    };
    let actions = code_actions(&context, &params);
    Ok((!actions.is_empty()).then_some(actions))
}

/// The document as it is now, and what the server knows about it.
struct ActionContext<'a> {
    pub uri: &'a Uri,
    pub version: i32,
    pub rope: &'a Rope,
    pub kind: DocumentKind,
    /// The analysis of this very version, if there is one.
    pub analysis: Option<&'a Analysis>,
    pub rules_dir: Option<PathBuf>,
    pub encoding: PositionEncoding,
    pub document_changes: bool,
}

/// A copydesk diagnostic an action can be built for.
struct Candidate {
    diagnostic: Diagnostic,
    code: String,
    data: DiagnosticData,
}

fn code_actions(ctx: &ActionContext<'_>, params: &CodeActionParams) -> Vec<CodeActionOrCommand> {
    let only = params.context.only.as_deref();
    let mut actions = Vec::new();
    if allowed(&CodeActionKind::QUICKFIX, only) {
        for candidate in candidates(ctx, params) {
            quick_fixes(ctx, &candidate, &mut actions);
        }
    }
    if allowed(&fix_all_kind(), only)
        && let Some(action) = fix_all(ctx)
    {
        actions.push(CodeActionOrCommand::CodeAction(action));
    }
    actions
}

/// `kind` is wanted when no filter is given, or a filter is it or its parent.
fn allowed(kind: &CodeActionKind, only: Option<&[CodeActionKind]>) -> bool {
    only.is_none_or(|kinds| {
        kinds.iter().any(|k| {
            kind.as_str() == k.as_str() || kind.as_str().starts_with(&format!("{}.", k.as_str()))
        })
    })
}

/// The diagnostics the client sent, or, when it sent none, the server's own
/// for the requested range; only those whose flagged text is still there.
fn candidates(ctx: &ActionContext<'_>, params: &CodeActionParams) -> Vec<Candidate> {
    let from_client: Vec<&Diagnostic> = params
        .context
        .diagnostics
        .iter()
        .filter(|d| d.source.as_deref() == Some(SOURCE))
        .collect();
    let diagnostics: Vec<&Diagnostic> = if from_client.is_empty() {
        ctx.analysis
            .map(|a| {
                a.diagnostics
                    .iter()
                    .filter(|d| overlaps(d.range, params.range))
                    .collect()
            })
            .unwrap_or_default()
    } else {
        from_client
    };
    diagnostics
        .into_iter()
        .filter_map(|diagnostic| {
            let code = match &diagnostic.code {
                Some(NumberOrString::String(code)) => code.clone(),
                _ => return None,
            };
            let data: DiagnosticData = serde_json::from_value(diagnostic.data.clone()?).ok()?;
            let bytes = bytes_of_range(ctx.rope, diagnostic.range, ctx.encoding);
            let current = ctx.rope.get_byte_slice(bytes)?.to_string();
            (current == data.matched).then(|| Candidate {
                diagnostic: diagnostic.clone(),
                code,
                data,
            })
        })
        .collect()
}

fn overlaps(a: Range, b: Range) -> bool {
    a.start <= b.end && b.start <= a.end
}

fn quick_fixes(
    ctx: &ActionContext<'_>,
    candidate: &Candidate,
    actions: &mut Vec<CodeActionOrCommand>,
) {
    let diagnostic = &candidate.diagnostic;
    let single = candidate.data.suggestions.len() == 1;
    let caution = if candidate.data.unsafe_fix {
        " (unsafe: check the evidence first)"
    } else {
        ""
    };
    for suggestion in &candidate.data.suggestions {
        actions.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: format!("Replace with ‘{suggestion}’{caution}"),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![diagnostic.clone()]),
            edit: Some(workspace_edit(
                ctx,
                vec![TextEdit::new(diagnostic.range, suggestion.clone())],
            )),
            is_preferred: Some(single),
            ..CodeAction::default()
        }));
    }
    if let Some(action) = add_to_house_names(ctx, candidate) {
        actions.push(CodeActionOrCommand::CodeAction(action));
    }
    if ctx.kind == DocumentKind::Markdown {
        let edit = disable_line_edit(ctx, diagnostic.range.start.line, &candidate.code);
        actions.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: format!("Disable copydesk for this line ({})", candidate.code),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![diagnostic.clone()]),
            edit: Some(workspace_edit(ctx, vec![edit])),
            ..CodeAction::default()
        }));
    }
}

/// Offered for a corpus-based name finding with one suggestion; a finding a
/// house rule made is a house rule already.
fn add_to_house_names(ctx: &ActionContext<'_>, candidate: &Candidate) -> Option<CodeAction> {
    if candidate.code != Code::NameSpelling.as_str() || candidate.data.rule_id.is_some() {
        return None;
    }
    let [canonical] = candidate.data.suggestions.as_slice() else {
        return None;
    };
    let rules_dir = ctx.rules_dir.clone()?;
    let (variant, canonical) = without_possessive(&candidate.data.matched, canonical);
    let args = HouseNameArgs {
        rules_dir,
        variant: variant.to_string(),
        canonical: canonical.to_string(),
    };
    let title = format!("Add ‘{variant}’ → ‘{canonical}’ to the house names rules");
    Some(CodeAction {
        title: title.clone(),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![candidate.diagnostic.clone()]),
        command: Some(Command {
            title,
            command: ADD_TO_HOUSE_NAMES.to_string(),
            arguments: Some(vec![serde_json::to_value(args).ok()?]),
        }),
        ..CodeAction::default()
    })
}

/// "Kiev's"/"Kyiv's" → "Kiev"/"Kyiv": rules name the bare name.
fn without_possessive<'a>(variant: &'a str, canonical: &'a str) -> (&'a str, &'a str) {
    for ending in ["'s", "’s"] {
        if let (Some(v), Some(c)) = (variant.strip_suffix(ending), canonical.strip_suffix(ending)) {
            return (v, c);
        }
    }
    (variant, canonical)
}

/// A suppression comment for `line`: on its own line above when the line
/// starts a block; at the end of the line when it continues a paragraph,
/// because an HTML comment line there would split the paragraph in two.
fn disable_line_edit(ctx: &ActionContext<'_>, line: u32, code: &str) -> TextEdit {
    let rope = ctx.rope;
    let line_index = (line as usize).min(rope.len_lines().saturating_sub(1));
    let text = rope.line(line_index).to_string();
    let content = text.trim_end_matches(['\r', '\n']);
    let continues_paragraph = line_index > 0
        && !rope.line(line_index - 1).to_string().trim().is_empty()
        && !starts_block(content);
    if continues_paragraph {
        let end = rope.line_to_byte(line_index) + content.len();
        let at = range_of_bytes(rope, end..end, ctx.encoding).start;
        return TextEdit::new(
            Range::new(at, at),
            format!(" <!-- copydesk-disable-line {code} -->"),
        );
    }
    let line_break = match &text[content.len()..] {
        "" => first_line_break(rope),
        ending => ending,
    };
    let indent: String = content
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    let start = Position::new(narrow(line_index), 0);
    TextEdit::new(
        Range::new(start, start),
        format!("{indent}<!-- copydesk-disable-next-line {code} -->{line_break}"),
    )
}

/// Markdown lines that open a block of their own even right after text.
fn starts_block(line: &str) -> bool {
    let trimmed = line.trim_start();
    trimmed.starts_with('#')
        || trimmed.starts_with('>')
        || trimmed.starts_with("- ")
        || trimmed.starts_with("* ")
        || trimmed.starts_with("+ ")
        || trimmed.starts_with("<!--")
        || trimmed.split_once(['.', ')']).is_some_and(|(n, rest)| {
            !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) && rest.starts_with(' ')
        })
}

fn first_line_break(rope: &Rope) -> &'static str {
    let first = rope.line(0).to_string();
    if first.ends_with("\r\n") {
        "\r\n"
    } else {
        "\n"
    }
}

/// Every unambiguous safe fix of the current analysis, as one edit: unsafe
/// suggestions (claims, quotations) stay quick fixes the user picks.
fn fix_all(ctx: &ActionContext<'_>) -> Option<CodeAction> {
    let analysis = ctx.analysis.filter(|a| a.version == ctx.version)?;
    let mut fixes: Vec<(std::ops::Range<usize>, &str)> = analysis
        .report
        .findings
        .iter()
        .filter_map(|f| Some((f.range.clone(), f.applicable_fix(false)?)))
        .collect();
    fixes.sort_by_key(|(range, _)| range.start);
    let mut edits: Vec<TextEdit> = Vec::new();
    let mut last: Option<std::ops::Range<usize>> = None;
    for (range, fix) in fixes {
        // As `--fix` does: of overlapping edits, the first wins.
        if last
            .as_ref()
            .is_some_and(|l| range.start < l.end || range.start == l.start)
        {
            continue;
        }
        edits.push(TextEdit::new(
            range_of_bytes(&analysis.rope, range.clone(), ctx.encoding),
            fix.to_string(),
        ));
        last = Some(range);
    }
    if edits.is_empty() {
        return None;
    }
    Some(CodeAction {
        title: "Fix all safe copydesk findings in this document".to_string(),
        kind: Some(fix_all_kind()),
        edit: Some(workspace_edit(ctx, edits)),
        ..CodeAction::default()
    })
}

/// Edits to the document, tied to its version when the client allows.
fn workspace_edit(ctx: &ActionContext<'_>, edits: Vec<TextEdit>) -> WorkspaceEdit {
    if ctx.document_changes {
        WorkspaceEdit {
            document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri: ctx.uri.clone(),
                    version: Some(ctx.version),
                },
                edits: edits.into_iter().map(OneOf::Left).collect(),
            }])),
            ..WorkspaceEdit::default()
        }
    } else {
        WorkspaceEdit {
            changes: Some(HashMap::from([(ctx.uri.clone(), edits)])),
            ..WorkspaceEdit::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_filters_select_kinds_and_their_children() {
        assert!(allowed(&fix_all_kind(), None));
        assert!(allowed(
            &fix_all_kind(),
            Some(&[CodeActionKind::SOURCE_FIX_ALL])
        ));
        assert!(allowed(&fix_all_kind(), Some(&[CodeActionKind::SOURCE])));
        assert!(!allowed(&fix_all_kind(), Some(&[CodeActionKind::QUICKFIX])));
        assert!(!allowed(
            &CodeActionKind::QUICKFIX,
            Some(&[CodeActionKind::SOURCE])
        ));
    }

    #[test]
    fn possessives_and_blocks() {
        assert_eq!(without_possessive("Kiev’s", "Kyiv’s"), ("Kiev", "Kyiv"));
        assert_eq!(
            without_possessive("Whitkoff", "Witkoff"),
            ("Whitkoff", "Witkoff")
        );
        assert!(
            starts_block("12. item") && starts_block("## Head") && !starts_block("Kiev's mayor")
        );
    }
}
