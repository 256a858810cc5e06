//! `name-spelling`: names spelled inconsistently. Three sources of truth, in
//! order: the house rules, the reference corpus (well-attested spellings and
//! their counts), and the draft itself (the first reference sets the form).

mod attested;
mod draft;
mod house;

use std::ops::Range;
use std::sync::Arc;

use attested::{AttestedNames, Lookups, Neighbour};
use draft::DraftSpellings;
use house::HouseSpellings;

use super::{Check, CheckContext};
use crate::corpus::{Corpus, SpellingStats};
use crate::document::{BlockKind, Document};
use crate::finding::{Annotation, Finding, Report, Severity};
use crate::rules::{NameThresholds, RuleSet};
use crate::text::names::{NameMention, is_capitalised, name_mentions};
use crate::text::similarity::Kinship;

pub const CODE: &str = "name-spelling";

/// Capitalised words that are never names, whatever the corpus says.
const NOT_NAMES: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "The",
    "A",
    "An",
    "I",
    "He",
    "She",
    "It",
    "We",
    "They",
    "But",
    "And",
    "Or",
    "In",
    "On",
    "At",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
];

/// What the rules and the corpus say, shared by the parts of the check.
pub(super) struct Sources {
    pub rules: Arc<RuleSet>,
    pub corpus: Arc<Corpus>,
}

pub struct NameSpelling {
    sources: Sources,
    house: HouseSpellings,
    attested: AttestedNames,
    thresholds: NameThresholds,
}

impl NameSpelling {
    pub fn new(context: &CheckContext) -> Self {
        let thresholds = context.rules.thresholds.names.clone();
        NameSpelling {
            house: HouseSpellings::new(&context.rules),
            attested: AttestedNames::build(context.corpus.names(), &thresholds),
            sources: Sources {
                rules: context.rules.clone(),
                corpus: context.corpus.clone(),
            },
            thresholds,
        }
    }
}

impl Check for NameSpelling {
    fn codes(&self) -> &'static [&'static str] {
        &[CODE]
    }

    fn run(&self, doc: &Document, report: &mut Report) {
        let house = self.house.findings(&self.sources, doc);
        let mut flagged: Vec<Range<usize>> = house.iter().map(|f| f.range.clone()).collect();
        report.findings.extend(house);

        let prose = doc.prose();
        let lookups = Lookups::new(&self.attested, self.thresholds.min_similarity);
        let mut draft = DraftSpellings::default();
        for (block, sentence) in doc.sentences() {
            // Headline Title Case capitalises every word; it is not a name list.
            if block.kind == BlockKind::Heading {
                continue;
            }
            for mention in name_mentions(prose, sentence) {
                if flagged
                    .iter()
                    .any(|r| r.start < mention.range.end && mention.range.start < r.end)
                {
                    continue;
                }
                self.annotate(&lookups, prose, &mention, report);
                let found = self.check_mention(&lookups, doc, &mention, &mut draft);
                flagged.extend(found.iter().map(|f| f.range.clone()));
                report.findings.extend(found);
            }
        }
        report
            .findings
            .extend(draft.findings(doc, &self.attested, self.thresholds.min_similarity));
    }
}

impl NameSpelling {
    /// Findings for one mention: a whole given name + surname that the corpus
    /// spells otherwise, or else each word that is a variant of a corpus word.
    fn check_mention<'s>(
        &'s self,
        lookups: &Lookups<'s>,
        doc: &Document,
        mention: &NameMention,
        draft: &mut DraftSpellings,
    ) -> Vec<Finding> {
        let prose = doc.prose();
        let words: Vec<(&str, Range<usize>)> = mention
            .words
            .iter()
            .map(|r| (prose.get(r.clone()).unwrap_or(""), r.clone()))
            .collect();
        if let Some(finding) = self.check_full_name(lookups, doc, &words) {
            return vec![finding];
        }
        let mut findings = Vec::new();
        let lone_initial_word = mention.sentence_initial && words.len() == 1;
        for (index, (word, range)) in words.iter().enumerate() {
            if !self.is_checkable(word) {
                continue;
            }
            if self.is_distinct_given_name(&words, index) {
                continue;
            }
            match self.judge_word(lookups, word) {
                Verdict::Variant(neighbour) => {
                    findings.push(self.variant_finding(doc, word, range.clone(), &neighbour))
                }
                Verdict::Divided(neighbour) => {
                    findings.push(self.divided_finding(word, range.clone(), &neighbour))
                }
                Verdict::Attested => {}
                Verdict::Unknown => {
                    draft.record(word, range.clone(), words.len() > 1, !lone_initial_word)
                }
            }
        }
        findings
    }

    /// Whether a word is worth checking at all: a capitalised word of three
    /// letters or more that is not an acronym, a month, a weekday, a word
    /// the corpus writes in lower case, or a house-ruled spelling.
    fn is_checkable(&self, word: &str) -> bool {
        is_capitalised(word)
            && word.chars().count() >= 3
            && !word.chars().all(|c| c.is_uppercase() || !c.is_alphabetic())
            && !NOT_NAMES.contains(&word)
            && !self.sources.corpus.names().is_common_word(word)
            && !self.house.rules_on(word)
    }

    /// A given name followed by a surname the corpus knows with a different,
    /// unrelated given name is another person ("Wladimir" beside "Vitali
    /// Klitschko"), not a misspelling.
    fn is_distinct_given_name(&self, words: &[(&str, Range<usize>)], index: usize) -> bool {
        let Some((surname, _)) = words.get(index + 1) else {
            return false;
        };
        self.attested
            .full_names_with_surname(surname)
            .next()
            .is_some()
    }

    fn judge_word<'s>(&'s self, lookups: &Lookups<'s>, word: &str) -> Verdict<'s> {
        let names = self.sources.corpus.names();
        let own = names.mentions(word);
        let neighbours = lookups.neighbours(word);
        let Some(best) = neighbours
            .iter()
            .find(|n| !is_inflection(word, &n.attested.spelling))
            .cloned()
        else {
            return if own > 0 {
                Verdict::Attested
            } else {
                Verdict::Unknown
            };
        };
        judge(own, &best, &self.thresholds)
    }

    /// "Aleksandr Syrsky" where the corpus has "Oleksandr Syrskyi": the last
    /// two words against the corpus's two-word names with a kindred surname.
    fn check_full_name(
        &self,
        lookups: &Lookups<'_>,
        doc: &Document,
        words: &[(&str, Range<usize>)],
    ) -> Option<Finding> {
        let [.., (given, given_range), (surname, surname_range)] = words else {
            return None;
        };
        if !self.is_checkable(given) || self.house.rules_on(surname) {
            return None;
        }
        let spelling = format!("{given} {surname}");
        let own = self.sources.corpus.names().mentions(&spelling);
        let min_similarity = self.thresholds.min_similarity;
        let mut candidates: Vec<&attested::Attested> =
            self.attested.full_names_with_surname(surname).collect();
        for neighbour in lookups.neighbours(surname).iter() {
            candidates.extend(
                self.attested
                    .full_names_with_surname(&neighbour.attested.spelling),
            );
        }
        candidates.sort_by_key(|c| std::cmp::Reverse(c.stats.mentions));
        let (kinship, full) = candidates.into_iter().find_map(|full| {
            let (corpus_given, corpus_surname) = full.spelling.split_once(' ')?;
            // Same given name: only the surname can be wrong, and the word
            // check flags just that word.
            if full.spelling == spelling || corpus_given == *given {
                return None;
            }
            let given_kin = corpus_given == *given
                || self
                    .attested
                    .kinship(given, corpus_given, min_similarity - 0.08)
                    .is_some();
            let surname_kin = corpus_surname == *surname
                || self
                    .attested
                    .kinship(surname, corpus_surname, min_similarity)
                    .is_some();
            let kinship = self
                .attested
                .kinship(&spelling, &full.spelling, 0.0)
                .unwrap_or(Kinship::NearMiss);
            (given_kin && surname_kin).then_some((kinship, full))
        })?;
        let neighbour = Neighbour {
            attested: full,
            kinship,
        };
        match judge(own, &neighbour, &self.thresholds) {
            Verdict::Variant(neighbour) => Some(self.variant_finding(
                doc,
                &spelling,
                given_range.start..surname_range.end,
                &neighbour,
            )),
            _ => None,
        }
    }

    fn variant_finding(
        &self,
        doc: &Document,
        found: &str,
        range: Range<usize>,
        neighbour: &Neighbour,
    ) -> Finding {
        let target = &neighbour.attested.spelling;
        let stats = &neighbour.attested.stats;
        let own = self.sources.corpus.names().mentions(found);
        let rarity = if own == 0 {
            String::new()
        } else {
            format!("; ‘{found}’ only {}", plural(own, "time"))
        };
        let message = format!(
            "‘{found}’: the reference corpus spells this name ‘{target}’ ({} in {}{rarity}); this looks like {}",
            plural(stats.mentions, "mention"),
            plural(stats.articles, "article"),
            neighbour.kinship.describe()
        );
        let mut finding = Finding::new(CODE, Severity::Warning, range.clone(), message);
        // A name broken by markup ("Aleksandr **Syrsky**") would lose it on replacement.
        if doc.source().get(range) == Some(found) {
            finding = finding.with_suggestion(match_case(found, target));
        }
        self.with_corpus_evidence(finding, stats, target)
    }

    fn divided_finding(&self, found: &str, range: Range<usize>, neighbour: &Neighbour) -> Finding {
        let own = self
            .sources
            .corpus
            .names()
            .get(found)
            .cloned()
            .unwrap_or_default();
        let other = &neighbour.attested;
        let message = format!(
            "The reference corpus is divided on ‘{found}’ ({} in {}) and ‘{}’ ({} in {}); a house rule would settle it",
            plural(own.mentions, "mention"),
            plural(own.articles, "article"),
            other.spelling,
            plural(other.stats.mentions, "mention"),
            plural(other.stats.articles, "article"),
        );
        let finding = Finding::new(CODE, Severity::Info, range, message);
        let finding = self.with_corpus_evidence(finding, &own, found);
        self.with_corpus_evidence(finding, &other.stats, &other.spelling)
    }

    /// Evidence: the first few places the corpus uses `spelling`.
    fn with_corpus_evidence(
        &self,
        mut finding: Finding,
        stats: &SpellingStats,
        spelling: &str,
    ) -> Finding {
        for location in stats.samples.iter().take(3) {
            if let Some(evidence) = self
                .sources
                .corpus
                .evidence(*location, format!("the corpus writes ‘{spelling}’"))
            {
                finding = finding.with_related(evidence);
            }
        }
        finding
    }

    /// Hover text for a name the corpus knows.
    /// Sentence-initial words ("The") are names only if the corpus never
    /// writes them in lower case.
    fn annotate(
        &self,
        lookups: &Lookups<'_>,
        prose: &str,
        mention: &NameMention,
        report: &mut Report,
    ) {
        let spelling = mention.spelling(prose);
        if mention.words.len() == 1
            && (NOT_NAMES.contains(&spelling.as_str())
                || self.sources.corpus.names().is_common_word(&spelling))
        {
            return;
        }
        let Some(stats) = self.sources.corpus.names().get(&spelling) else {
            return;
        };
        let neighbours: Vec<String> = lookups
            .neighbours(&spelling)
            .iter()
            .map(|n| format!("‘{}’ ({})", n.attested.spelling, n.attested.stats.mentions))
            .collect();
        let mut text = format!(
            "**{spelling}**: {} in {} of the reference corpus",
            plural(stats.mentions, "mention"),
            plural(stats.articles, "article")
        );
        if !neighbours.is_empty() {
            text.push_str(&format!(
                "; similar spellings seen: {}",
                neighbours.join(", ")
            ));
        }
        report.annotations.push(Annotation {
            range: mention.range.clone(),
            code: CODE,
            text,
        });
    }
}

/// What the corpus says of a draft spelling.
enum Verdict<'a> {
    /// Rare or absent, beside a well-attested near spelling: a misspelling.
    Variant(Neighbour<'a>),
    /// Both spellings well attested and only romanisation apart.
    Divided(Neighbour<'a>),
    /// The corpus uses it (or two well-attested names are distinct people).
    Attested,
    /// Neither the spelling nor a near one is in the corpus.
    Unknown,
}

/// Flag a spelling only when it is rare next to its neighbour; two
/// well-attested spellings are two names unless only romanisation differs.
fn judge<'a>(own: usize, neighbour: &Neighbour<'a>, thresholds: &NameThresholds) -> Verdict<'a> {
    let theirs = neighbour.attested.stats.mentions;
    if own < thresholds.min_attested_mentions
        && own as f64 <= thresholds.max_variant_share * theirs as f64
    {
        return Verdict::Variant(neighbour.clone());
    }
    let minority = own.min(theirs) as f64 / (own + theirs).max(1) as f64;
    if own >= thresholds.min_attested_mentions
        && neighbour.kinship == Kinship::Transliteration
        && minority >= thresholds.divided_min_share
    {
        return Verdict::Divided(neighbour.clone());
    }
    Verdict::Attested
}

/// "Sinners" beside "Sinner", "Macrons" beside "Macron": an inflection of a
/// word, not a misspelling of a name.
fn is_inflection(word: &str, attested: &str) -> bool {
    ["s", "es", "'", "ed", "ing", "n"].iter().any(|suffix| {
        word.strip_suffix(suffix) == Some(attested) || attested.strip_suffix(suffix) == Some(word)
    })
}

/// The replacement in the draft's case: "WITKOFF" for "WHITKOFF".
fn match_case(found: &str, target: &str) -> String {
    let upper = found
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    if upper && found.chars().filter(|c| c.is_alphabetic()).count() > 1 {
        target.to_uppercase()
    } else {
        target.to_string()
    }
}

pub(crate) fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::corpus::Article;
    use std::path::PathBuf;

    pub(crate) fn check(corpus: Corpus) -> NameSpelling {
        NameSpelling::new(&CheckContext {
            rules: Arc::new(RuleSet::defaults()),
            corpus: Arc::new(corpus),
        })
    }

    pub(crate) fn lint(check: &NameSpelling, text: &str) -> Vec<Finding> {
        let mut report = Report::default();
        check.run(&Document::markdown(text), &mut report);
        report.findings.sort_by_key(|f| f.range.start);
        report.findings
    }

    fn corpus(texts: &[&str]) -> Corpus {
        Corpus::new(
            texts
                .iter()
                .enumerate()
                .map(|(i, t)| Article::new(PathBuf::from(format!("c/{i}.md")), t.to_string()))
                .collect(),
        )
    }

    fn flagged(findings: &[Finding], text: &str) -> Vec<(String, Severity, Vec<String>)> {
        findings
            .iter()
            .map(|f| {
                (
                    text[f.range.clone()].to_string(),
                    f.severity,
                    f.suggestions.clone(),
                )
            })
            .collect()
    }

    fn peace_corpus() -> Corpus {
        corpus(&[
            "US envoy Steve Witkoff met Kirill Dmitriev. Later Witkoff flew home, and Witkoff said little.",
            "Witkoff and General Oleksandr Syrskyi spoke. Syrskyi said the front held. Oleksandr Syrskyi left.",
            "Officials said Witkoff would return. Oleksandr Syrskyi agreed. Dmitriev was there.",
            "Navalny and Navalny again. Navalny was named. Navalnyy too, and Navalnyy, and Navalnyy once more.",
            "Vitali Klitschko met Wladimir Klitschko. Vitali Klitschko spoke; Wladimir Klitschko listened. Vitali Klitschko left. Wladimir Klitschko stayed.",
            "Austria and Australia. Austria won, Australia lost, Austria cheered and Australia wept.",
            "Sinner won. Sinner smiled. Sinner left. The sinners were forgiven.",
        ])
    }

    #[test]
    fn near_misses_of_well_attested_names_are_flagged_everywhere() {
        let text = "Steve Whitkoff arrived. Whitkoff's plan was ready, Whitkoff said.";
        let findings = lint(&check(peace_corpus()), text);
        let expected = vec![
            (
                "Whitkoff".to_string(),
                Severity::Warning,
                vec!["Witkoff".to_string()]
            );
            3
        ];
        assert_eq!(flagged(&findings, text), expected);
        assert!(
            findings[0]
                .message
                .contains("‘Witkoff’ (5 mentions in 3 articles"),
            "{}",
            findings[0].message
        );
        assert_eq!(findings[0].related.len(), 3);
    }

    #[test]
    fn a_different_given_name_for_a_known_surname_is_flagged_whole() {
        let text = "Commander Aleksandr Syrsky spoke.";
        let findings = lint(&check(peace_corpus()), text);
        assert_eq!(
            flagged(&findings, text),
            vec![(
                "Aleksandr Syrsky".to_string(),
                Severity::Warning,
                vec!["Oleksandr Syrskyi".to_string()]
            )]
        );
    }

    #[test]
    fn a_divided_corpus_is_a_note_with_both_counts() {
        let text = "Supporters of Navalnyy gathered.";
        let mut rules = RuleSet::defaults();
        rules.names.retain(|r| r.canonical != "Navalny");
        let check = NameSpelling::new(&CheckContext {
            rules: Arc::new(rules),
            corpus: Arc::new(peace_corpus()),
        });
        let findings = lint(&check, text);
        assert_eq!(
            flagged(&findings, text),
            vec![("Navalnyy".to_string(), Severity::Info, vec![])]
        );
        assert_eq!(
            findings[0]
                .message
                .matches("3 mentions in 1 article")
                .count(),
            2,
            "{}",
            findings[0].message
        );
    }

    #[test]
    fn distinct_well_attested_names_and_common_words_are_left_alone() {
        let text = "Wladimir Klitschko and Vitali Klitschko met Austria's team. Sinners gather. The Australia trip.";
        assert!(lint(&check(peace_corpus()), text).is_empty());
    }

    #[test]
    fn headlines_and_unknown_names_are_left_alone() {
        let text = "# Whitkoff Talks\n\nBorkowski Zdenek spoke in Tallinn.";
        assert!(lint(&check(peace_corpus()), text).is_empty());
    }

    #[test]
    fn case_is_kept_in_suggestions() {
        assert_eq!(match_case("WHITKOFF", "Witkoff"), "WITKOFF");
        assert_eq!(match_case("Whitkoff", "Witkoff"), "Witkoff");
    }
}
