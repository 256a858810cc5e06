//! SARIF 2.1.0 (`--format sarif`), for code-scanning dashboards.

use std::collections::BTreeSet;
use std::io;

use serde_sarif::sarif::{
    ArtifactChange, ArtifactContent, ArtifactLocation, Fix, Location, Message, PhysicalLocation,
    Region, Replacement, ReportingDescriptor, Result as SarifResult, ResultLevel, Run, Sarif, Tool,
    ToolComponent,
};

use std::path::Path;

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

use super::{FileResult, OutputOptions};
use crate::finding::{Evidence, Finding, LineCol, Severity};
use crate::rules::is_embedded;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const HOME: &str = "https://github.com/copydesk/copydesk";

pub(super) fn write(
    files: &[FileResult],
    options: &OutputOptions,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let codes: BTreeSet<&str> = files
        .iter()
        .flat_map(|f| &f.findings)
        .map(|f| f.code.as_str())
        .collect();
    let rules: Vec<ReportingDescriptor> = codes
        .into_iter()
        .map(|code| {
            ReportingDescriptor::builder()
                .id(code)
                .help_uri(format!("{HOME}#{code}"))
                .build()
        })
        .collect();
    let driver = ToolComponent::builder()
        .name("copydesk")
        .information_uri(HOME)
        .version(env!("CARGO_PKG_VERSION"))
        .rules(rules)
        .build();
    let results: Vec<SarifResult> = files
        .iter()
        .flat_map(|file| file.findings.iter().map(move |f| result(file, f, options)))
        .collect();
    let run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .column_kind(serde_json::json!("unicodeCodePoints"))
        .results(results)
        .build();
    let sarif = Sarif::builder()
        .schema(SCHEMA)
        .version(serde_json::json!("2.1.0"))
        .runs(vec![run])
        .build();
    serde_json::to_writer_pretty(&mut *out, &sarif)?;
    writeln!(out)
}

/// Bytes a URI path may not carry as they are (RFC 3986): controls, space,
/// delimiters and `%` itself. Non-ASCII bytes are always encoded.
const NOT_IN_URI_PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b']')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// A file's URI: a relative reference for a relative path (what code
/// scanning resolves against the repository), a `file:` URI for an
/// absolute one; percent-encoded either way.
fn uri(path: &str) -> String {
    let slashed = path.replace('\\', "/");
    let encoded = utf8_percent_encode(&slashed, NOT_IN_URI_PATH).to_string();
    if Path::new(path).is_absolute() || slashed.starts_with('/') {
        let root = if slashed.starts_with('/') { "" } else { "/" };
        format!("file://{root}{encoded}")
    } else {
        encoded
    }
}

fn region(start: LineCol, end: LineCol, bytes: std::ops::Range<usize>) -> Region {
    let narrow = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    Region::builder()
        .start_line(narrow(start.line))
        .start_column(narrow(start.column))
        .end_line(narrow(end.line))
        .end_column(narrow(end.column))
        .byte_offset(narrow(bytes.start))
        .byte_length(narrow(bytes.end.saturating_sub(bytes.start)))
        .build()
}

fn location(path: &str, region: Region, message: Option<&str>) -> Location {
    let physical = PhysicalLocation::builder()
        .artifact_location(ArtifactLocation::builder().uri(uri(path)).build())
        .region(region)
        .build();
    match message {
        Some(text) => Location::builder()
            .physical_location(physical)
            .message(Message::builder().text(text).build())
            .build(),
        None => Location::builder().physical_location(physical).build(),
    }
}

fn result(file: &FileResult, finding: &Finding, options: &OutputOptions) -> SarifResult {
    let path = options.display_path(&file.path);
    let level = match finding.severity {
        Severity::Error => ResultLevel::Error,
        Severity::Warning => ResultLevel::Warning,
        Severity::Info | Severity::Hint => ResultLevel::Note,
    };
    let here = region(
        file.line_col(finding.range.start),
        file.line_col(finding.range.end),
        finding.range.clone(),
    );
    let related: Vec<Location> = finding
        .related
        .iter()
        .map(|e| evidence_location(e, options))
        .collect();
    let builder = SarifResult::builder()
        .rule_id(finding.code.as_str())
        .level(level)
        .message(Message::builder().text(finding.message.clone()).build())
        .locations(vec![location(&path, here.clone(), None)])
        .related_locations(related);
    match finding.unambiguous_fix() {
        Some(replacement) => {
            let change = ArtifactChange::builder()
                .artifact_location(ArtifactLocation::builder().uri(uri(&path)).build())
                .replacements(vec![
                    Replacement::builder()
                        .deleted_region(here)
                        .inserted_content(ArtifactContent::builder().text(replacement).build())
                        .build(),
                ])
                .build();
            let fix = Fix::builder()
                .artifact_changes(vec![change])
                .description(
                    Message::builder()
                        .text(format!("Replace with {replacement}"))
                        .build(),
                )
                .build();
            builder.fixes(vec![fix]).build()
        }
        None => builder.build(),
    }
}

fn evidence_location(evidence: &Evidence, options: &OutputOptions) -> Location {
    let path = options.display_path(&evidence.path);
    // Rules built into copydesk are in no file a reader can open: the
    // location is the message alone, naming them.
    if is_embedded(&evidence.path) {
        let text = format!("{} ({path})", evidence.message);
        return Location::builder()
            .message(Message::builder().text(text).build())
            .build();
    }
    location(
        &path,
        region(evidence.start, evidence.end, evidence.range.clone()),
        Some(&evidence.message),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn uris_are_encoded_and_absolute_paths_are_file_uris() {
        assert_eq!(uri("drafts/a b#1.md"), "drafts/a%20b%231.md");
        assert_eq!(uri("drafts/Київ.md"), "drafts/%D0%9A%D0%B8%D1%97%D0%B2.md");
        assert_eq!(uri("/tmp/a.md"), "file:///tmp/a.md");
        assert_eq!(uri("drafts\\a.md"), "drafts/a.md");
    }

    #[test]
    fn sarif_has_the_2_1_0_shape_with_regions_fixes_and_evidence() {
        let finding = Finding::new(
            crate::finding::Code::NameSpelling,
            Severity::Info,
            4..8,
            "use Kyiv",
        )
        .with_suggestion("Kyiv")
        .with_related(Evidence {
            path: PathBuf::from("corpus/a.md"),
            range: 0..4,
            start: LineCol { line: 2, column: 1 },
            end: LineCol { line: 2, column: 5 },
            message: "corpus".into(),
        });
        let files = vec![FileResult::new(
            PathBuf::from("d.md"),
            "The Kiev\n".into(),
            vec![finding],
        )];
        let mut out = Vec::new();
        write(&files, &OutputOptions::default(), &mut out).expect("writes");
        let json: serde_json::Value = serde_json::from_slice(&out).expect("json");
        assert_eq!(json["version"], "2.1.0");
        assert_eq!(json["$schema"], SCHEMA);
        let run = &json["runs"][0];
        assert_eq!(run["tool"]["driver"]["name"], "copydesk");
        assert_eq!(run["tool"]["driver"]["rules"][0]["id"], "name-spelling");
        assert_eq!(run["columnKind"], "unicodeCodePoints");
        let result = &run["results"][0];
        assert_eq!(result["level"], "note");
        assert_eq!(result["ruleId"], "name-spelling");
        let region = &result["locations"][0]["physicalLocation"]["region"];
        assert_eq!(
            (region["startLine"].as_i64(), region["startColumn"].as_i64()),
            (Some(1), Some(5))
        );
        assert_eq!(
            (region["byteOffset"].as_i64(), region["byteLength"].as_i64()),
            (Some(4), Some(4))
        );
        assert_eq!(
            result["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "corpus/a.md"
        );
        assert_eq!(
            result["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"],
            "Kyiv"
        );
    }
}
