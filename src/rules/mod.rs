//! Rules: house name spellings, attribution cues, pinned facts and
//! thresholds, parsed from TOML text. Reading the files is the front end's
//! job (`crate::workspace`); this module only parses and merges.
//! Owns the rules schema, parsing with positions and merging; may import
//! `document` and `finding`.

mod defaults;
mod schema;

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

pub use defaults::embedded_sources;
pub use schema::NameKind;
use schema::{FactSpec, NameSpec, QuoteSpec, RulesFile, ThresholdsSpec};

use crate::document::LineIndex;
use crate::finding::{Evidence, LineCol, Severity};

/// The text of one rules file and the path it is reported under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleSource {
    pub path: PathBuf,
    pub text: String,
}

/// A rules file that could not be used, with the position of the problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    pub path: PathBuf,
    pub range: Range<usize>,
    pub start: LineCol,
    pub message: String,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path.display(),
            self.start.line,
            self.start.column,
            self.message
        )
    }
}

/// Where a rule was defined, for evidence and "open the rule" actions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleOrigin {
    pub path: PathBuf,
    pub range: Range<usize>,
    pub start: LineCol,
    pub end: LineCol,
}

impl RuleOrigin {
    pub fn evidence(&self, message: impl Into<String>) -> Evidence {
        Evidence {
            path: self.path.clone(),
            range: self.range.clone(),
            start: self.start,
            end: self.end,
            message: message.into(),
        }
    }
}

/// A house spelling: `canonical` is right, each of `variants` is not.
#[derive(Debug, Clone, PartialEq)]
pub struct NameRule {
    pub id: String,
    pub canonical: String,
    pub variants: Vec<String>,
    pub kind: NameKind,
    pub severity: Option<Severity>,
    pub message: Option<String>,
    pub origin: RuleOrigin,
}

/// Attribution cues and the scare-quote policy, merged over every file.
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteRules {
    /// Ids of the `[[quotes]]` entries that contributed, in load order.
    pub ids: Vec<String>,
    pub severity: Option<Severity>,
    pub message: Option<String>,
    pub verbs: Vec<String>,
    pub phrases: Vec<String>,
    pub nouns: Vec<String>,
    pub scare_quote_max_words: usize,
    pub scare_quote_severity: Severity,
}

impl Default for QuoteRules {
    fn default() -> Self {
        QuoteRules {
            ids: Vec::new(),
            severity: None,
            message: None,
            verbs: Vec::new(),
            phrases: Vec::new(),
            nouns: Vec::new(),
            scare_quote_max_words: 3,
            scare_quote_severity: Severity::Hint,
        }
    }
}

/// What a pinned fact asserts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FactClaim {
    Quantity { measure: String, value: String },
    Role { role: String },
}

/// An editor's pinned fact, which overrides the corpus.
#[derive(Debug, Clone, PartialEq)]
pub struct FactRule {
    pub id: String,
    pub subject: String,
    pub claim: FactClaim,
    pub severity: Option<Severity>,
    pub message: Option<String>,
    pub source: Option<String>,
    pub origin: RuleOrigin,
}

/// Evidence thresholds for `name-spelling`.
#[derive(Debug, Clone, PartialEq)]
pub struct NameThresholds {
    /// Mentions a spelling needs in the corpus to count as well attested.
    pub min_attested_mentions: usize,
    /// Mentions a given name + surname needs to count as well attested: a
    /// full name is repeated less often than a surname alone.
    pub min_full_name_mentions: usize,
    /// A draft spelling is "rare" when its corpus count is at most this share
    /// of the well-attested spelling's count.
    pub max_variant_share: f64,
    /// Jaro–Winkler similarity two spellings need to be near misses.
    pub min_similarity: f64,
    /// The corpus is "divided" when the minority spelling has at least this
    /// share of all mentions.
    pub divided_min_share: f64,
}

impl Default for NameThresholds {
    fn default() -> Self {
        NameThresholds {
            min_attested_mentions: 3,
            min_full_name_mentions: 2,
            max_variant_share: 0.2,
            min_similarity: 0.88,
            divided_min_share: 0.25,
        }
    }
}

/// Evidence thresholds for the quote checks.
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteThresholds {
    /// Share of tokens a draft quote must share with a corpus quote to be
    /// compared with it at all.
    pub misquote_min_overlap: f64,
    /// Corpus articles that must word a remark alike before a draft that
    /// words it otherwise gets a warning; fewer make a note.
    pub misquote_min_articles: usize,
}

impl Default for QuoteThresholds {
    fn default() -> Self {
        QuoteThresholds {
            misquote_min_overlap: 0.7,
            misquote_min_articles: 2,
        }
    }
}

/// Evidence thresholds for `claim-conflict`.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimThresholds {
    /// Corpus articles that must agree on a value before a draft is contradicted.
    pub min_articles: usize,
    /// The corpus is "divided" when the minority value has at least this share.
    pub divided_min_share: f64,
    /// A figure true of its own day only (a poll, a running count, a
    /// standing, a change) is compared only with corpus articles dated
    /// within this many days of the draft; undated, never.
    pub max_days_apart: i64,
    /// How alike a corpus sentence must be to the draft's before its claim
    /// counts as the same fact: the share of both sentences' context terms
    /// they share, each weighed by its rarity in the corpus (0 to 1).
    pub min_similarity: f64,
    /// The same when the two claims also share two anchors (the measured
    /// thing, the words of the value's clause).
    pub min_anchored_similarity: f64,
    /// A corpus figure more than this many times larger or smaller than
    /// the draft's states another fact, unless only the scale word differs.
    pub max_value_ratio: f64,
}

impl Default for ClaimThresholds {
    fn default() -> Self {
        ClaimThresholds {
            min_articles: 1,
            divided_min_share: 0.25,
            max_days_apart: 1,
            min_similarity: 0.5,
            min_anchored_similarity: 0.35,
            max_value_ratio: 3.0,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Thresholds {
    pub names: NameThresholds,
    pub quotes: QuoteThresholds,
    pub claims: ClaimThresholds,
}

/// Every rule in force, merged from the embedded defaults and the rules dir.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RuleSet {
    pub names: Vec<NameRule>,
    pub quotes: QuoteRules,
    pub facts: Vec<FactRule>,
    pub thresholds: Thresholds,
    /// Paths of the files that loaded, in load order.
    pub files: Vec<PathBuf>,
}

impl RuleSet {
    /// Parse and merge `sources` in order. A file that fails to parse is
    /// reported and skipped; every other file still loads. A later entry with
    /// the same id as an earlier one replaces it, so a rules dir can override
    /// an embedded default.
    pub fn from_sources(sources: &[RuleSource]) -> (RuleSet, Vec<RuleError>) {
        let mut set = RuleSet::default();
        let mut errors = Vec::new();
        for source in sources {
            match parse_file(source) {
                Ok(file) => set.merge(source, file),
                Err(error) => errors.push(error),
            }
        }
        (set, errors)
    }

    /// The embedded default rules alone.
    pub fn defaults() -> RuleSet {
        let (set, errors) = RuleSet::from_sources(&embedded_sources());
        debug_assert!(errors.is_empty(), "embedded rules must parse: {errors:?}");
        set
    }

    /// The house rule whose variants include `spelling`, ignoring a
    /// possessive ending; exact and case-sensitive, as names are.
    pub fn name_rule_for_variant(&self, spelling: &str) -> Option<&NameRule> {
        self.names
            .iter()
            .find(|rule| rule.variants.iter().any(|v| v == spelling))
    }

    fn merge(&mut self, source: &RuleSource, file: RulesFile) {
        let lines = LineIndex::new(&source.text);
        let origin = |range: Range<usize>| RuleOrigin {
            path: source.path.clone(),
            start: lines.line_col(&source.text, range.start),
            end: lines.line_col(&source.text, range.end),
            range,
        };
        for spec in file.name {
            let rule = name_rule(spec, &origin);
            replace_or_push(&mut self.names, rule, |r| &r.id);
        }
        for spec in file.quotes {
            self.merge_quotes(spec);
        }
        for spec in file.fact {
            let rule = fact_rule(spec, &origin);
            replace_or_push(&mut self.facts, rule, |r| &r.id);
        }
        self.merge_thresholds(file.thresholds);
        self.files.push(source.path.clone());
    }

    fn merge_quotes(&mut self, spec: QuoteSpec) {
        let quotes = &mut self.quotes;
        quotes.ids.push(spec.id.into_inner());
        quotes.severity = spec.severity.or(quotes.severity);
        quotes.message = spec.message.or(quotes.message.take());
        extend_unique(&mut quotes.verbs, spec.verbs);
        extend_unique(&mut quotes.phrases, spec.phrases);
        extend_unique(&mut quotes.nouns, spec.nouns);
        if let Some(max) = spec.scare_quote_max_words {
            quotes.scare_quote_max_words = max;
        }
        if let Some(severity) = spec.scare_quote_severity {
            quotes.scare_quote_severity = severity;
        }
    }

    fn merge_thresholds(&mut self, spec: ThresholdsSpec) {
        let t = &mut self.thresholds;
        if let Some(n) = spec.name_spelling {
            set_if(&mut t.names.min_attested_mentions, n.min_attested_mentions);
            set_if(
                &mut t.names.min_full_name_mentions,
                n.min_full_name_mentions,
            );
            set_if(&mut t.names.max_variant_share, n.max_variant_share);
            set_if(&mut t.names.min_similarity, n.min_similarity);
            set_if(&mut t.names.divided_min_share, n.divided_min_share);
        }
        if let Some(q) = spec.quotes {
            set_if(&mut t.quotes.misquote_min_overlap, q.misquote_min_overlap);
            set_if(&mut t.quotes.misquote_min_articles, q.misquote_min_articles);
        }
        if let Some(c) = spec.claims {
            set_if(&mut t.claims.min_articles, c.min_articles);
            set_if(&mut t.claims.divided_min_share, c.divided_min_share);
            set_if(&mut t.claims.max_days_apart, c.max_days_apart);
            set_if(&mut t.claims.min_similarity, c.min_similarity);
            set_if(
                &mut t.claims.min_anchored_similarity,
                c.min_anchored_similarity,
            );
            set_if(&mut t.claims.max_value_ratio, c.max_value_ratio);
        }
    }
}

fn set_if<T>(slot: &mut T, value: Option<Spanned<T>>) {
    if let Some(value) = value {
        *slot = value.into_inner();
    }
}

/// A threshold's allowed values, as its error states them.
enum Allowed {
    AtLeast(f64),
    Fraction,
}

impl Allowed {
    fn admits(&self, value: f64) -> bool {
        match self {
            Allowed::AtLeast(least) => value >= *least,
            Allowed::Fraction => (0.0..=1.0).contains(&value),
        }
    }

    fn describe(&self) -> String {
        match self {
            Allowed::AtLeast(least) => format!("at least {least}"),
            Allowed::Fraction => "between 0 and 1".to_string(),
        }
    }
}

/// The first threshold outside its allowed values, as a positioned
/// message. The floors are where a check stops meaning anything: a
/// spelling seen once is not attested, and a ratio under 1 would call
/// every figure another order of the same fact.
fn threshold_out_of_range(spec: &ThresholdsSpec) -> Option<(Range<usize>, String)> {
    type Seen = Option<(f64, Range<usize>)>;
    /// A threshold as a number, with where it is written.
    fn seen<T: Copy>(value: &Option<Spanned<T>>, number: fn(T) -> f64) -> Seen {
        value.as_ref().map(|v| (number(*v.get_ref()), v.span()))
    }
    let count = |value: &Option<Spanned<usize>>| seen(value, |n| n as f64);
    let days = |value: &Option<Spanned<i64>>| seen(value, |n| n as f64);
    let number = |value: &Option<Spanned<f64>>| seen(value, |n| n);
    let mut checked: Vec<(&str, Seen, Allowed)> = Vec::new();
    if let Some(n) = &spec.name_spelling {
        checked.extend([
            (
                "min_attested_mentions",
                count(&n.min_attested_mentions),
                Allowed::AtLeast(2.0),
            ),
            (
                "min_full_name_mentions",
                count(&n.min_full_name_mentions),
                Allowed::AtLeast(2.0),
            ),
            (
                "max_variant_share",
                number(&n.max_variant_share),
                Allowed::Fraction,
            ),
            (
                "min_similarity",
                number(&n.min_similarity),
                Allowed::Fraction,
            ),
            (
                "divided_min_share",
                number(&n.divided_min_share),
                Allowed::Fraction,
            ),
        ]);
    }
    if let Some(q) = &spec.quotes {
        checked.extend([
            (
                "misquote_min_overlap",
                number(&q.misquote_min_overlap),
                Allowed::Fraction,
            ),
            (
                "misquote_min_articles",
                count(&q.misquote_min_articles),
                Allowed::AtLeast(1.0),
            ),
        ]);
    }
    if let Some(c) = &spec.claims {
        checked.extend([
            (
                "min_articles",
                count(&c.min_articles),
                Allowed::AtLeast(1.0),
            ),
            (
                "divided_min_share",
                number(&c.divided_min_share),
                Allowed::Fraction,
            ),
            (
                "max_days_apart",
                days(&c.max_days_apart),
                Allowed::AtLeast(0.0),
            ),
            (
                "min_similarity",
                number(&c.min_similarity),
                Allowed::Fraction,
            ),
            (
                "min_anchored_similarity",
                number(&c.min_anchored_similarity),
                Allowed::Fraction,
            ),
            (
                "max_value_ratio",
                number(&c.max_value_ratio),
                Allowed::AtLeast(1.0),
            ),
        ]);
    }
    checked.into_iter().find_map(|(name, value, allowed)| {
        let (value, span) = value?;
        (!allowed.admits(value) || value.is_nan()).then(|| {
            (
                span,
                format!("`{name}` must be {}, not {value}", allowed.describe()),
            )
        })
    })
}

fn extend_unique(list: &mut Vec<String>, items: Vec<String>) {
    for item in items {
        let item = item.trim().to_string();
        if !item.is_empty() && !list.contains(&item) {
            list.push(item);
        }
    }
}

fn replace_or_push<T>(list: &mut Vec<T>, item: T, id: impl Fn(&T) -> &String) {
    match list.iter().position(|existing| id(existing) == id(&item)) {
        Some(index) => list[index] = item,
        None => list.push(item),
    }
}

fn name_rule(spec: NameSpec, origin: &impl Fn(Range<usize>) -> RuleOrigin) -> NameRule {
    NameRule {
        origin: origin(spec.id.span()),
        id: spec.id.into_inner(),
        canonical: spec.canonical.into_inner(),
        variants: spec.variants.into_iter().map(Spanned::into_inner).collect(),
        kind: spec.kind,
        severity: spec.severity,
        message: spec.message,
    }
}

fn fact_rule(spec: FactSpec, origin: &impl Fn(Range<usize>) -> RuleOrigin) -> FactRule {
    // parse_file has already checked that exactly one claim form is present.
    let claim = match (spec.measure, spec.value, spec.role) {
        (_, _, Some(role)) => FactClaim::Role { role },
        (measure, value, None) => FactClaim::Quantity {
            measure: measure.unwrap_or_default(),
            value: value.unwrap_or_default(),
        },
    };
    FactRule {
        origin: origin(spec.id.span()),
        id: spec.id.into_inner(),
        subject: spec.subject.into_inner(),
        claim,
        severity: spec.severity,
        message: spec.message,
        source: spec.source,
    }
}

use toml::Spanned;

/// Parse one file and check what serde cannot: non-empty names, variants
/// that differ from the canonical form, facts that say one thing.
fn parse_file(source: &RuleSource) -> Result<RulesFile, RuleError> {
    let error_at = |range: Range<usize>, message: String| {
        let lines = LineIndex::new(&source.text);
        RuleError {
            path: source.path.clone(),
            start: lines.line_col(&source.text, range.start),
            range,
            message,
        }
    };
    let file: RulesFile = toml::from_str(&source.text).map_err(|e| {
        let message = e.message().trim().replace('\n', " ");
        error_at(e.span().unwrap_or(0..0), message)
    })?;
    for spec in &file.name {
        if spec.canonical.get_ref().trim().is_empty() {
            return Err(error_at(
                spec.canonical.span(),
                "`canonical` must not be empty".into(),
            ));
        }
        if spec.variants.is_empty() {
            return Err(error_at(
                spec.id.span(),
                format!("name rule `{}` lists no `variants`", spec.id.get_ref()),
            ));
        }
        for variant in &spec.variants {
            if variant.get_ref().trim().is_empty() || variant.get_ref() == spec.canonical.get_ref()
            {
                return Err(error_at(
                    variant.span(),
                    format!(
                        "variant `{}` must be non-empty and differ from the canonical form",
                        variant.get_ref()
                    ),
                ));
            }
        }
    }
    if let Some((span, message)) = threshold_out_of_range(&file.thresholds) {
        return Err(error_at(span, message));
    }
    for spec in &file.fact {
        let quantity = spec.measure.is_some() || spec.value.is_some();
        let complete_quantity = spec.measure.is_some() && spec.value.is_some();
        let role = spec.role.is_some();
        if role == quantity || (quantity && !complete_quantity) {
            return Err(error_at(
                spec.id.span(),
                format!(
                    "fact `{}` needs either `role`, or both `measure` and `value`",
                    spec.id.get_ref()
                ),
            ));
        }
    }
    Ok(file)
}

/// Display path for an embedded rules file: `<builtin>/names.toml`.
pub fn is_embedded(path: &Path) -> bool {
    path.starts_with(defaults::EMBEDDED_PREFIX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(path: &str, text: &str) -> RuleSource {
        RuleSource {
            path: PathBuf::from(path),
            text: text.to_string(),
        }
    }

    #[test]
    fn name_rules_load_with_their_origin() {
        let text = "\n[[name]]\nid = \"place.kyiv\"\ncanonical = \"Kyiv\"\nvariants = [\"Kiev\"]\nkind = \"place\"\n";
        let (set, errors) = RuleSet::from_sources(&[source("rules/places.toml", text)]);
        assert!(errors.is_empty(), "{errors:?}");
        let rule = set.name_rule_for_variant("Kiev").expect("rule");
        assert_eq!(rule.canonical, "Kyiv");
        assert_eq!(rule.kind, NameKind::Place);
        assert_eq!(rule.origin.start.line, 3);
    }

    #[test]
    fn a_broken_file_reports_its_position_and_others_still_load() {
        let broken = source("rules/broken.toml", "[[name]]\nid = \"x\"\ncanonical = \n");
        let good = source(
            "rules/good.toml",
            "[[name]]\nid = \"a\"\ncanonical = \"Odesa\"\nvariants = [\"Odessa\"]\n",
        );
        let (set, errors) = RuleSet::from_sources(&[broken, good]);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].path, PathBuf::from("rules/broken.toml"));
        assert_eq!(errors[0].start.line, 3);
        assert!(errors[0].to_string().starts_with("rules/broken.toml:3:"));
        assert_eq!(set.names.len(), 1);
    }

    #[test]
    fn unknown_keys_are_errors_not_silently_ignored() {
        let (_, errors) = RuleSet::from_sources(&[source(
            "r.toml",
            "[[name]]\nid = \"a\"\ncanonical = \"Kyiv\"\nvariant = [\"Kiev\"]\n",
        )]);
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].message.contains("variant"),
            "{}",
            errors[0].message
        );
        assert_eq!(errors[0].start.line, 4);
    }

    #[test]
    fn thresholds_out_of_range_are_positioned_errors_that_break_only_their_file() {
        let good = source(
            "names.toml",
            "[[name]]\nid = \"a\"\ncanonical = \"Kyiv\"\nvariants = [\"Kiev\"]\n",
        );
        for (text, line, column, message) in [
            (
                "[thresholds.name-spelling]\nmin_attested_mentions = 1\n",
                2,
                25,
                "`min_attested_mentions` must be at least 2, not 1",
            ),
            (
                "[thresholds.claim-conflict]\nmin_articles = 2\nmin_similarity = 1.5\n",
                3,
                18,
                "`min_similarity` must be between 0 and 1, not 1.5",
            ),
            (
                "[thresholds.claim-conflict]\nmax_value_ratio = 0.5\n",
                2,
                19,
                "`max_value_ratio` must be at least 1, not 0.5",
            ),
            (
                "[thresholds.claim-conflict]\nmax_days_apart = -3\n",
                2,
                18,
                "`max_days_apart` must be at least 0, not -3",
            ),
        ] {
            let (set, errors) =
                RuleSet::from_sources(&[good.clone(), source("thresholds.toml", text)]);
            assert_eq!(errors.len(), 1, "{text}");
            assert_eq!(
                (
                    errors[0].start.line,
                    errors[0].start.column,
                    errors[0].message.as_str()
                ),
                (line, column, message)
            );
            assert_eq!(set.names.len(), 1, "the other file still loads");
            assert_eq!(
                set.thresholds.claims.min_articles, 1,
                "nothing of the bad file applies"
            );
        }
    }

    #[test]
    fn a_variant_equal_to_the_canonical_form_is_rejected() {
        let (_, errors) = RuleSet::from_sources(&[source(
            "r.toml",
            "[[name]]\nid = \"a\"\ncanonical = \"Kyiv\"\nvariants = [\"Kyiv\"]\n",
        )]);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].start.line, 4);
    }

    #[test]
    fn later_rules_replace_earlier_ones_with_the_same_id() {
        let first = source(
            "a.toml",
            "[[name]]\nid = \"kyiv\"\ncanonical = \"Kyiv\"\nvariants = [\"Kiev\"]\n",
        );
        let second = source(
            "b.toml",
            "[[name]]\nid = \"kyiv\"\ncanonical = \"Kyiv\"\nvariants = [\"Kiew\"]\n",
        );
        let (set, _) = RuleSet::from_sources(&[first, second]);
        assert_eq!(set.names.len(), 1);
        assert_eq!(set.names[0].variants, vec!["Kiew".to_string()]);
    }

    #[test]
    fn quote_cues_merge_and_thresholds_override() {
        let a = source(
            "a.toml",
            "[[quotes]]\nid = \"en\"\nverbs = [\"said\", \"says\"]\nphrases = [\"according to\"]\n",
        );
        let b = source(
            "b.toml",
            "[[quotes]]\nid = \"desk\"\nverbs = [\"said\", \"quipped\"]\nscare_quote_max_words = 2\n\n[thresholds.name-spelling]\nmin_similarity = 0.9\n",
        );
        let (set, errors) = RuleSet::from_sources(&[a, b]);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(set.quotes.verbs, vec!["said", "says", "quipped"]);
        assert_eq!(set.quotes.scare_quote_max_words, 2);
        assert_eq!(set.thresholds.names.min_similarity, 0.9);
        assert_eq!(set.thresholds.names.min_attested_mentions, 3);
    }

    #[test]
    fn facts_need_exactly_one_claim_form() {
        let ok = source(
            "f.toml",
            "[[fact]]\nid = \"plan\"\nsubject = \"peace plan\"\nmeasure = \"points\"\nvalue = \"19\"\n\n[[fact]]\nid = \"pistorius\"\nsubject = \"Boris Pistorius\"\nrole = \"Defence Minister\"\n",
        );
        let (set, errors) = RuleSet::from_sources(&[ok]);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(set.facts.len(), 2);
        assert_eq!(
            set.facts[1].claim,
            FactClaim::Role {
                role: "Defence Minister".into()
            }
        );
        let bad = source(
            "g.toml",
            "[[fact]]\nid = \"x\"\nsubject = \"y\"\nmeasure = \"points\"\n",
        );
        let (_, errors) = RuleSet::from_sources(&[bad]);
        assert_eq!(errors.len(), 1);
    }

    #[test]
    fn embedded_defaults_parse_and_cover_exonyms_and_cues() {
        let (set, errors) = RuleSet::from_sources(&embedded_sources());
        assert!(errors.is_empty(), "{errors:?}");
        for (variant, canonical) in [
            ("Kiev", "Kyiv"),
            ("Odessa", "Odesa"),
            ("Kharkov", "Kharkiv"),
        ] {
            assert_eq!(
                set.name_rule_for_variant(variant)
                    .map(|r| r.canonical.as_str()),
                Some(canonical)
            );
        }
        assert!(set.quotes.verbs.iter().any(|v| v == "said"));
        assert!(set.quotes.phrases.iter().any(|p| p == "according to"));
    }
}
