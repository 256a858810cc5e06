//! The TOML schema of a rules file, as serde structs. Every table rejects
//! unknown keys so a typo is reported with its position instead of ignored.

use serde::Deserialize;
use toml::Spanned;

use crate::finding::Severity;

/// One rules file. Every section is optional; a file may hold any mix.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RulesFile {
    #[serde(default)]
    pub name: Vec<NameSpec>,
    #[serde(default)]
    pub quotes: Vec<QuoteSpec>,
    #[serde(default)]
    pub fact: Vec<FactSpec>,
    #[serde(default)]
    pub thresholds: ThresholdsSpec,
}

/// `[[name]]`: a canonical spelling and the variants house style rejects.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct NameSpec {
    pub id: Spanned<String>,
    pub canonical: Spanned<String>,
    #[serde(default)]
    pub variants: Vec<Spanned<String>>,
    #[serde(default)]
    pub kind: NameKind,
    pub severity: Option<Severity>,
    pub message: Option<String>,
}

/// What a name names; used in messages and to tell people from places.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NameKind {
    Person,
    Place,
    #[serde(alias = "organization")]
    Organisation,
    #[default]
    Other,
}

impl NameKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NameKind::Person => "person",
            NameKind::Place => "place",
            NameKind::Organisation => "organisation",
            NameKind::Other => "name",
        }
    }
}

/// `[[quotes]]`: attribution cues and the scare-quote policy.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct QuoteSpec {
    pub id: Spanned<String>,
    pub severity: Option<Severity>,
    pub message: Option<String>,
    /// Speech and cognition verbs, every inflected form listed (said, says).
    #[serde(default)]
    pub verbs: Vec<String>,
    /// Multi-word cues such as "according to" or "in a statement".
    #[serde(default)]
    pub phrases: Vec<String>,
    /// Speech nouns that tie a quotation to their owner ("his statement").
    #[serde(default)]
    pub nouns: Vec<String>,
    /// Quoted phrases of at most this many words with no speaker are scare quotes.
    pub scare_quote_max_words: Option<usize>,
    pub scare_quote_severity: Option<Severity>,
}

/// `[[fact]]`: a pinned fact that overrides the reference corpus.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FactSpec {
    pub id: Spanned<String>,
    /// What the fact is about: a person, body or thing ("peace plan").
    pub subject: Spanned<String>,
    /// A quantity fact: the measure ("points") and its value ("19").
    pub measure: Option<String>,
    pub value: Option<String>,
    /// A role fact: the subject's title ("Defence Minister").
    pub role: Option<String>,
    pub severity: Option<Severity>,
    pub message: Option<String>,
    /// Where the editor's knowledge comes from; shown as evidence.
    pub source: Option<String>,
}

/// `[thresholds.<check>]`: the evidence each check needs before it speaks.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ThresholdsSpec {
    #[serde(default, rename = "name-spelling")]
    pub name_spelling: Option<NameThresholdsSpec>,
    #[serde(default, rename = "unattributed-quote")]
    pub quotes: Option<QuoteThresholdsSpec>,
    #[serde(default, rename = "claim-conflict")]
    pub claims: Option<ClaimThresholdsSpec>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct NameThresholdsSpec {
    pub min_attested_mentions: Option<Spanned<usize>>,
    pub min_full_name_mentions: Option<Spanned<usize>>,
    pub max_variant_share: Option<Spanned<f64>>,
    pub min_similarity: Option<Spanned<f64>>,
    pub divided_min_share: Option<Spanned<f64>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct QuoteThresholdsSpec {
    pub misquote_min_overlap: Option<Spanned<f64>>,
    pub misquote_min_articles: Option<Spanned<usize>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ClaimThresholdsSpec {
    pub min_articles: Option<Spanned<usize>>,
    pub divided_min_share: Option<Spanned<f64>>,
    pub max_days_apart: Option<Spanned<i64>>,
    pub min_similarity: Option<Spanned<f64>>,
    pub min_anchored_similarity: Option<Spanned<f64>>,
    pub max_value_ratio: Option<Spanned<f64>>,
}
