//! GitHub Actions workflow commands (`--format github`): one annotation per
//! finding, shown on the pull request.

use std::io;

use super::{FileResult, OutputOptions};
use crate::finding::{Finding, Severity};

pub(super) fn write(
    files: &[FileResult],
    options: &OutputOptions,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    for file in files {
        let path = options.display_path(&file.path);
        for finding in &file.findings {
            writeln!(out, "{}", annotation(file, &path, finding))?;
        }
    }
    Ok(())
}

fn annotation(file: &FileResult, path: &str, finding: &Finding) -> String {
    let level = match finding.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "notice",
    };
    let start = file.line_col(finding.range.start);
    let end = file.line_col(finding.range.end);
    let mut message = finding.message.clone();
    if let Some(fix) = finding.unambiguous_fix() {
        message.push_str(&format!(" (suggestion: {fix})"));
    }
    format!(
        "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
        escape_property(path),
        start.line,
        start.column,
        end.line,
        end.column,
        escape_property(finding.code.as_str()),
        escape_data(&message)
    )
}

fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn one_escaped_line_per_finding() {
        let finding = Finding::new(
            crate::finding::Code::NameSpelling,
            Severity::Warning,
            4..8,
            "100% sure:\nuse Kyiv",
        )
        .with_suggestion("Kyiv");
        let info = Finding::new(
            crate::finding::Code::NameSpelling,
            Severity::Info,
            0..3,
            "divided",
        );
        let files = vec![FileResult::new(
            PathBuf::from("a,b.md"),
            "The Kiev\n".into(),
            vec![finding, info],
        )];
        let mut out = Vec::new();
        write(&files, &OutputOptions::default(), &mut out).expect("writes");
        let text = String::from_utf8(out).expect("utf-8");
        assert_eq!(
            text,
            "::warning file=a%2Cb.md,line=1,col=5,endLine=1,endColumn=9,title=name-spelling::100%25 sure:%0Ause Kyiv (suggestion: Kyiv)\n::notice file=a%2Cb.md,line=1,col=1,endLine=1,endColumn=4,title=name-spelling::divided\n"
        );
    }
}
