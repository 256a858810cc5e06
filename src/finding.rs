//! What a check reports: findings with byte ranges into the linted text, and
//! the evidence (corpus or rules locations) each one relies on.

use std::fmt;
use std::ops::Range;
use std::path::PathBuf;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// How serious a finding is. Ordered from least to most severe, so that
/// `severity >= Severity::Warning` reads naturally.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Hint,
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "hint" => Ok(Severity::Hint),
            "info" | "information" => Ok(Severity::Info),
            "warning" | "warn" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            other => Err(format!(
                "unknown severity `{other}` (expected error, warning, info or hint)"
            )),
        }
    }
}

/// A 1-based line and column; columns count Unicode scalar values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// A place in another file (corpus article or rules file) that a finding
/// relies on. Both the byte range and the line/column are kept so that the
/// CLI can print them and the language server can build a `Location`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub path: PathBuf,
    pub range: Range<usize>,
    pub start: LineCol,
    pub end: LineCol,
    pub message: String,
}

/// A finding's code: which check found what. Its name is spelled here
/// once, and its documentation is the README section of that name; which
/// check emits it is the check registry's to say (`crate::checks`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Code {
    NameSpelling,
    UnattributedQuote,
    ScareQuote,
    UnbalancedQuote,
    Misquote,
    MisattributedQuote,
    ClaimConflict,
}

/// Where each code's documentation lives: the README, one section a code.
const DOCS: &str = "https://github.com/copydesk/copydesk";

impl Code {
    /// The stable name users write in settings and suppressions.
    pub const fn as_str(self) -> &'static str {
        match self {
            Code::NameSpelling => "name-spelling",
            Code::UnattributedQuote => "unattributed-quote",
            Code::ScareQuote => "scare-quote",
            Code::UnbalancedQuote => "unbalanced-quote",
            Code::Misquote => "misquote",
            Code::MisattributedQuote => "misattributed-quote",
            Code::ClaimConflict => "claim-conflict",
        }
    }

    /// The address of the code's documentation.
    pub fn docs_url(self) -> String {
        format!("{DOCS}#{}", self.as_str())
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// Codes order by name, so that output sorted by code reads alphabetically.
impl Ord for Code {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl PartialOrd for Code {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// One diagnostic produced by a check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Stable code such as `name-spelling`.
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    /// Byte range into the linted source text.
    pub range: Range<usize>,
    /// Replacements for `range`. `--fix` applies one only when it is the sole
    /// suggestion, so a check adds several only when the choice is the editor's.
    pub suggestions: Vec<String>,
    /// Whether the suggestions may be applied without a person choosing.
    pub fix_safety: FixSafety,
    pub related: Vec<Evidence>,
    /// Id of the rule behind the finding, when a rules-file entry caused it.
    pub rule_id: Option<String>,
}

/// Whether a suggestion may be applied with nobody looking, as ruff's fixes
/// are safe or unsafe. A spelling that a house rule or unambiguous corpus
/// evidence settles is safe; a suggestion that changes a fact or a
/// quotation is unsafe: `--fix` and fix-all apply it only when asked
/// (`--unsafe-fixes`), and the editor offers it as a quick fix to choose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FixSafety {
    Safe,
    #[default]
    Unsafe,
}

impl FixSafety {
    pub fn as_str(self) -> &'static str {
        match self {
            FixSafety::Safe => "safe",
            FixSafety::Unsafe => "unsafe",
        }
    }
}

impl Finding {
    pub fn new(
        code: Code,
        severity: Severity,
        range: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        Finding {
            code,
            severity,
            message: message.into(),
            range,
            suggestions: Vec::new(),
            fix_safety: FixSafety::Unsafe,
            related: Vec::new(),
            rule_id: None,
        }
    }

    /// Mark the suggestions safe to apply with nobody choosing.
    pub fn with_safe_fix(mut self) -> Self {
        self.fix_safety = FixSafety::Safe;
        self
    }

    pub fn with_suggestion(mut self, replacement: impl Into<String>) -> Self {
        self.suggestions.push(replacement.into());
        self
    }

    pub fn with_related(mut self, evidence: Evidence) -> Self {
        self.related.push(evidence);
        self
    }

    pub fn with_rule(mut self, id: impl Into<String>) -> Self {
        self.rule_id = Some(id.into());
        self
    }

    /// The one replacement `--fix` may apply without asking, if there is one.
    pub fn unambiguous_fix(&self) -> Option<&str> {
        match self.suggestions.as_slice() {
            [only] => Some(only.as_str()),
            _ => None,
        }
    }

    /// The safety of the suggestions, when there are any.
    pub fn suggestion_safety(&self) -> Option<FixSafety> {
        (!self.suggestions.is_empty()).then_some(self.fix_safety)
    }

    /// The fix `--fix` applies: the sole suggestion, if it is safe or
    /// unsafe fixes were asked for.
    pub fn applicable_fix(&self, unsafe_fixes: bool) -> Option<&str> {
        let allowed = unsafe_fixes || self.fix_safety == FixSafety::Safe;
        self.unambiguous_fix().filter(|_| allowed)
    }
}

/// What the analysis knows about a span of the document beyond findings:
/// the speaker of a quote, the corpus counts of a name, the evidence for a
/// claim. The language server shows these on hover.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annotation {
    pub range: Range<usize>,
    /// Which check produced it, e.g. `name-spelling`.
    pub code: Code,
    /// Markdown text for a hover.
    pub text: String,
}

/// Everything one lint run learns about a document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub findings: Vec<Finding>,
    pub annotations: Vec<Annotation>,
}

impl Report {
    /// Findings sorted by position, then code, for stable output.
    pub fn sort(&mut self) {
        self.findings.sort_by(|a, b| {
            (a.range.start, a.range.end, a.code).cmp(&(b.range.start, b.range.end, b.code))
        });
        self.annotations
            .sort_by_key(|a| (a.range.start, a.range.end));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severity_orders_from_hint_to_error() {
        assert!(Severity::Hint < Severity::Info);
        assert!(Severity::Info < Severity::Warning);
        assert!(Severity::Warning < Severity::Error);
    }

    #[test]
    fn severity_parses_case_insensitively_and_rejects_unknown() {
        assert_eq!("Warning".parse::<Severity>(), Ok(Severity::Warning));
        assert_eq!("info".parse::<Severity>(), Ok(Severity::Info));
        assert!("loud".parse::<Severity>().is_err());
    }

    #[test]
    fn only_a_single_suggestion_is_an_unambiguous_fix() {
        let one =
            Finding::new(Code::NameSpelling, Severity::Warning, 0..4, "m").with_suggestion("Kyiv");
        assert_eq!(one.unambiguous_fix(), Some("Kyiv"));
        let two = one.clone().with_suggestion("Kiev");
        assert_eq!(two.unambiguous_fix(), None);
        let none = Finding::new(Code::ScareQuote, Severity::Info, 0..1, "m");
        assert_eq!(none.unambiguous_fix(), None);
    }
}
