//! Applying unambiguous suggestions to a source text, and writing the result
//! back so that a crash never leaves a half-written file.

use std::io::{self, Write};
use std::ops::Range;
use std::path::Path;

use crate::finding::{Code, Finding};

/// One replacement that `--fix` makes: `range` of the source becomes `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit<'a> {
    pub code: Code,
    pub range: Range<usize>,
    pub text: &'a str,
}

/// The edits `--fix` makes: every unambiguous safe suggestion (and unsafe
/// ones too with `unsafe_fixes`), sorted and disjoint. Edits that overlap
/// an earlier one, or whose range is not valid in `source`, are skipped.
pub fn planned_edits<'a>(
    source: &str,
    findings: &'a [Finding],
    unsafe_fixes: bool,
) -> Vec<Edit<'a>> {
    let mut edits: Vec<Edit<'a>> = findings
        .iter()
        .filter_map(|f| {
            f.applicable_fix(unsafe_fixes).map(|text| Edit {
                code: f.code,
                range: f.range.clone(),
                text,
            })
        })
        .filter(|edit| {
            edit.range.start <= edit.range.end
                && source.is_char_boundary(edit.range.start)
                && source.is_char_boundary(edit.range.end)
        })
        .collect();
    // Stable sort: among equal starts, the first finding wins.
    edits.sort_by_key(|edit| edit.range.start);
    let mut chosen: Vec<Edit<'a>> = Vec::with_capacity(edits.len());
    for edit in edits {
        let overlaps = chosen.last().is_some_and(|last| {
            edit.range.start < last.range.end || edit.range.start == last.range.start
        });
        if !overlaps {
            chosen.push(edit);
        }
    }
    chosen
}

/// A change `--fix` made, as its summary names it: the text replaced and
/// the text put in its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replacement {
    pub old: String,
    pub new: String,
}

impl std::fmt::Display for Replacement {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} \u{2192} {}", self.old, self.new)
    }
}

/// The source with the [`planned_edits`] applied, and the replacements
/// made; nothing outside the edits changes.
pub fn apply_fixes(
    source: &str,
    findings: &[Finding],
    unsafe_fixes: bool,
) -> (String, Vec<Replacement>) {
    let edits = planned_edits(source, findings, unsafe_fixes);
    let mut fixed = String::with_capacity(source.len());
    let mut copied_to = 0;
    let mut replacements = Vec::with_capacity(edits.len());
    for edit in &edits {
        fixed.push_str(&source[copied_to..edit.range.start]);
        fixed.push_str(edit.text);
        copied_to = edit.range.end;
        replacements.push(Replacement {
            old: source[edit.range.clone()].to_string(),
            new: edit.text.to_string(),
        });
    }
    fixed.push_str(&source[copied_to..]);
    (fixed, replacements)
}

/// Replace `path`'s contents: write a temporary file beside it with the
/// original's permissions, flush it to disk, then rename it over the original.
pub fn write_atomically(path: &Path, contents: &str) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let permissions = std::fs::metadata(path)?.permissions();
    let mut temp = tempfile::NamedTempFile::new_in(dir)?;
    temp.write_all(contents.as_bytes())?;
    temp.as_file().sync_all()?;
    temp.as_file().set_permissions(permissions)?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Severity;

    fn fix_at(range: Range<usize>, replacement: &str) -> Finding {
        Finding::new(
            crate::finding::Code::NameSpelling,
            Severity::Warning,
            range,
            "m",
        )
        .with_suggestion(replacement)
        .with_safe_fix()
    }

    #[test]
    fn unsafe_fixes_apply_only_when_asked() {
        let claim = Finding::new(
            crate::finding::Code::ClaimConflict,
            Severity::Warning,
            5..7,
            "m",
        )
        .with_suggestion("19");
        let findings = [fix_at(0..4, "Kyiv"), claim];
        let (fixed, applied) = apply_fixes("Kiev 20", &findings, false);
        assert_eq!((fixed.as_str(), applied.len()), ("Kyiv 20", 1));
        assert_eq!(
            apply_fixes("Kiev 20", &findings, true).0,
            "Kyiv 19".to_string()
        );
    }

    #[test]
    fn single_suggestions_apply_and_nothing_else_changes() {
        let source = "Kiev\r\nand Odessa \n";
        let (fixed, applied) = apply_fixes(
            source,
            &[fix_at(10..16, "Odesa"), fix_at(0..4, "Kyiv")],
            false,
        );
        assert_eq!(fixed, "Kyiv\r\nand Odesa \n");
        let named: Vec<String> = applied.iter().map(ToString::to_string).collect();
        assert_eq!(named, ["Kiev \u{2192} Kyiv", "Odessa \u{2192} Odesa"]);
    }

    #[test]
    fn ambiguous_overlapping_and_invalid_edits_are_skipped() {
        let source = "Київ Kiev";
        let two = fix_at(9..13, "Kyiv").with_suggestion("Kiew");
        let (fixed, applied) =
            apply_fixes(source, &[two, fix_at(1..3, "x"), fix_at(9..20, "x")], false);
        assert_eq!((fixed.as_str(), applied.len()), (source, 0));
        let (fixed, applied) = apply_fixes(
            "Kiev",
            &[
                fix_at(0..4, "Kyiv"),
                fix_at(2..4, "xx"),
                fix_at(0..4, "Kiew"),
            ],
            false,
        );
        assert_eq!((fixed.as_str(), applied.len()), ("Kyiv", 1));
    }

    #[test]
    fn atomic_write_replaces_the_file_and_keeps_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("draft.md");
        std::fs::write(&path, "Kiev").expect("write");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("chmod");
        write_atomically(&path, "Kyiv").expect("writes");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "Kyiv");
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        assert_eq!(
            std::fs::read_dir(dir.path()).expect("dir").count(),
            1,
            "no temporary file left behind"
        );
    }
}
