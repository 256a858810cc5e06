//! Quantities, weekdays and dates against the corpus.

use super::{CODE, ClaimCheck, Outcome, article_count, articles, relevant, support_hover};
use crate::corpus::Scored;
use crate::document::Document;
use crate::finding::{Finding, Severity};
use crate::text::claims::{Claim, ClaimValue, WEEKDAYS};
use crate::text::quantities::Quantity;

/// A divided corpus needs each side stated in this many articles, so one
/// stray sentence about another moment does not make a dispute.
const DIVIDED_MIN_ARTICLES: usize = 2;
/// And the rival value must be about as relevant as the supporting one.
const DIVIDED_NEAR_BEST: f64 = 0.9;

/// Corpus statements grouped by the value they give.
struct ValueGroup<'a> {
    statements: Vec<Scored<'a>>,
}

impl ValueGroup<'_> {
    fn value(&self) -> &ClaimValue {
        &self.statements[0].statement.claim.value
    }

    fn best_score(&self) -> f64 {
        self.statements.iter().map(|s| s.score).fold(0.0, f64::max)
    }
}

pub(super) fn check(
    check: &ClaimCheck,
    doc: &Document,
    claim: &Claim,
    context: &[(String, usize)],
) -> Outcome {
    let candidates = relevant(
        check
            .corpus
            .statements()
            .candidates(&claim.measure, context),
        claim.change,
    );
    if candidates.is_empty() {
        return Outcome::default();
    }
    let groups = group_by_value(candidates);
    let thresholds = &check.rules.thresholds.claims;
    let agreeing = groups.iter().position(|g| agrees(&claim.value, g.value()));
    if let Some(index) = agreeing {
        let support = &groups[index];
        let hover = support_hover(&check.corpus, claim, &support.statements);
        // Another value just as relevant, from enough articles: say so.
        let total: usize = groups.iter().map(|g| article_count(&g.statements)).sum();
        let rival = groups.iter().enumerate().find(|(i, g)| {
            *i != index
                && article_count(&g.statements) >= DIVIDED_MIN_ARTICLES
                && article_count(&support.statements) >= DIVIDED_MIN_ARTICLES
                && g.best_score() >= support.best_score() * DIVIDED_NEAR_BEST
                && article_count(&g.statements) as f64 / total as f64
                    >= thresholds.divided_min_share
        });
        let finding = rival.map(|(_, rival)| divided(check, doc, claim, support, rival));
        return Outcome { finding, hover };
    }
    let backing: Vec<&ValueGroup> = groups
        .iter()
        .filter(|g| article_count(&g.statements) >= thresholds.min_articles)
        .collect();
    let Some(first) = backing.first() else {
        return Outcome::default();
    };
    let said: Vec<String> = backing
        .iter()
        .map(|g| {
            format!(
                "{} ({})",
                describe(check, g, claim, doc.source()),
                articles(article_count(&g.statements))
            )
        })
        .collect();
    let written = doc.source().get(claim.range.clone()).unwrap_or("");
    let message = format!(
        "The reference corpus says {}, not {written}",
        said.join(" or ")
    );
    let mut finding = Finding::new(CODE, Severity::Warning, claim.range.clone(), message);
    if backing.len() == 1
        && let Some(replacement) = render(
            first.value(),
            corpus_wording(check, first).as_deref(),
            claim,
            written,
        )
    {
        finding = finding.with_suggestion(replacement);
    }
    for group in &backing {
        for evidence in check.evidence(&group.statements, 2) {
            finding = finding.with_related(evidence);
        }
    }
    Outcome {
        finding: Some(finding),
        hover: None,
    }
}

fn divided(
    check: &ClaimCheck,
    doc: &Document,
    claim: &Claim,
    ours: &ValueGroup,
    rival: &ValueGroup,
) -> Finding {
    let message = format!(
        "The reference corpus is divided on this: {} in {}, {} in {}",
        describe(check, ours, claim, doc.source()),
        articles(article_count(&ours.statements)),
        describe(check, rival, claim, doc.source()),
        articles(article_count(&rival.statements)),
    );
    let mut finding = Finding::new(CODE, Severity::Info, claim.range.clone(), message);
    for evidence in check
        .evidence(&ours.statements, 1)
        .into_iter()
        .chain(check.evidence(&rival.statements, 1))
    {
        finding = finding.with_related(evidence);
    }
    finding
}

fn group_by_value(candidates: Vec<Scored>) -> Vec<ValueGroup> {
    let mut groups: Vec<ValueGroup> = Vec::new();
    for candidate in candidates {
        match groups
            .iter_mut()
            .find(|g| same_value(g.value(), &candidate.statement.claim.value))
        {
            Some(group) => group.statements.push(candidate),
            None => groups.push(ValueGroup {
                statements: vec![candidate],
            }),
        }
    }
    groups
}

/// Two corpus values are the same figure (exactly, allowing for qualifiers).
fn same_value(a: &ClaimValue, b: &ClaimValue) -> bool {
    agrees(a, b)
}

fn agrees(draft: &ClaimValue, corpus: &ClaimValue) -> bool {
    match (draft, corpus) {
        (ClaimValue::Quantity(a), ClaimValue::Quantity(b)) => a.agrees_with(b),
        (a, b) => a == b,
    }
}

/// The corpus value with the draft's unit: "19 points", "$100bn", "Sunday".
/// A figure in the draft's scale is given as the corpus wrote it.
fn describe(check: &ClaimCheck, group: &ValueGroup, claim: &Claim, source: &str) -> String {
    match group.value() {
        ClaimValue::Quantity(q) => {
            // As the corpus wrote it ("19 points"), not in the draft's words
            // ("19 items"), when the figure needs no conversion.
            let (number, unit) = match corpus_wording(check, group) {
                Some(written) if same_scale(q, claim) => (
                    written,
                    corpus_unit_word(check, group).or_else(|| claim_unit_word(claim, source)),
                ),
                _ => (
                    format_number(in_draft_units(q, claim)),
                    claim_unit_word(claim, source),
                ),
            };
            format!(
                "{number}{}",
                unit.map(|u| if u.starts_with(char::is_alphabetic) {
                    format!(" {u}")
                } else {
                    u // "%", "-fold"
                })
                .unwrap_or_default()
            )
        }
        ClaimValue::Weekday(day) => capitalise(WEEKDAYS[*day]),
        ClaimValue::Date(month, day) => format!(
            "{day} {}",
            capitalise(MONTH_NAMES[(*month as usize).saturating_sub(1) % 12])
        ),
        ClaimValue::Role { role, .. } => role.clone(),
    }
}

/// How the corpus wrote a group's figure ("600,000", "€40 million"), with
/// the currency sign before it and its spacing made plain.
fn corpus_wording(check: &ClaimCheck, group: &ValueGroup) -> Option<String> {
    let statement = group.statements.first()?.statement;
    let ClaimValue::Quantity(q) = &statement.claim.value else {
        return None;
    };
    let prose = check.corpus.article(statement.location)?.document().prose();
    let written = prose.get(q.range.clone())?;
    let sign = prose
        .get(..q.range.start)?
        .chars()
        .next_back()
        .filter(|c| matches!(c, '$' | '€' | '£' | '¥'))
        .map(String::from)
        .unwrap_or_default();
    Some(format!(
        "{sign}{}",
        written.split_whitespace().collect::<Vec<_>>().join(" ")
    ))
}

/// Whether the corpus figure and the draft's are stated in the same unit
/// (no conversion between them).
fn same_scale(corpus: &Quantity, claim: &Claim) -> bool {
    match &claim.value {
        ClaimValue::Quantity(draft) if draft.stated != 0.0 && corpus.stated != 0.0 => {
            let ratio = (corpus.value / corpus.stated) / (draft.value / draft.stated);
            (ratio - 1.0).abs() < 1e-9
        }
        _ => false,
    }
}

const MONTH_NAMES: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The unit as the corpus wrote it for a group's first statement ("points";
/// a unit of several words is left to the draft's wording).
fn corpus_unit_word(check: &ClaimCheck, group: &ValueGroup) -> Option<String> {
    let statement = group.statements.first()?.statement;
    let ClaimValue::Quantity(q) = &statement.claim.value else {
        return None;
    };
    let prose = check.corpus.article(statement.location)?.document().prose();
    unit_word(prose, q).filter(|unit| !unit.contains(char::is_whitespace))
}

/// The unit as the draft wrote it ("items", "hours"). Empty for money and
/// bare counts.
fn claim_unit_word(claim: &Claim, source: &str) -> Option<String> {
    let ClaimValue::Quantity(q) = &claim.value else {
        return None;
    };
    unit_word(source, q)
}

/// The unit written after a figure in `text`; a hyphenated "28-point" is
/// given its plural.
fn unit_word(text: &str, q: &Quantity) -> Option<String> {
    let unit = text.get(q.range.end..q.phrase.end)?.trim();
    let hyphenated = unit.starts_with('-');
    let unit = unit.trim_start_matches('-').trim();
    if unit.is_empty() {
        return None;
    }
    Some(if hyphenated && !q.ordinal && !unit.ends_with('s') {
        format!("{unit}s")
    } else {
        unit.to_string()
    })
}

/// The corpus figure expressed in the unit the draft used ("3" hours, not
/// 180 minutes).
fn in_draft_units(corpus: &Quantity, claim: &Claim) -> f64 {
    match &claim.value {
        ClaimValue::Quantity(draft) if draft.stated != 0.0 => {
            corpus.value / (draft.value / draft.stated)
        }
        _ => corpus.value,
    }
}

/// A number for a message: thousands separated from 10,000 up.
fn format_number(value: f64) -> String {
    if (value - value.round()).abs() >= 1e-9 {
        return format!("{value:.2}").trim_end_matches('0').to_string();
    }
    let digits = (value.round() as i64).unsigned_abs().to_string();
    let grouped = if digits.len() > 4 {
        let mut out = String::new();
        for (i, digit) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(digit);
        }
        out
    } else {
        digits
    };
    if value < 0.0 {
        format!("-{grouped}")
    } else {
        grouped
    }
}

/// The replacement for the draft's value, in the draft's style: digits
/// stay digits with the draft's own suffix ("%", "bn"), words stay words.
fn render(
    value: &ClaimValue,
    corpus: Option<&str>,
    claim: &Claim,
    written: &str,
) -> Option<String> {
    match (value, &claim.value) {
        (ClaimValue::Quantity(q), ClaimValue::Quantity(draft)) => {
            if draft.low != draft.high || q.low != q.high {
                return None; // an approximate figure on either side: the wording is the editor's call
            }
            let number = in_draft_units(q, claim);
            if !written.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                return number_word(number, written);
            }
            let (_, draft_suffix) = split_number(written);
            let corpus_number = corpus
                .map(|c| c.trim_start_matches(['$', '€', '£', '¥']))
                .filter(|_| same_scale(q, claim))
                .map(split_number)
                .filter(|(digits, _)| !digits.is_empty());
            match corpus_number {
                Some((digits, _)) => Some(format!("{digits}{draft_suffix}")),
                None if draft_suffix.is_empty() => Some(format_number(number)),
                None => None, // "9th", "1.2bn" from a converted figure: the editor's call
            }
        }
        (ClaimValue::Weekday(day), _) => Some(capitalise(WEEKDAYS[*day])),
        (ClaimValue::Date(month, day), _) => {
            let month_name = capitalise(MONTH_NAMES[(*month as usize).saturating_sub(1) % 12]);
            Some(if written.starts_with(|c: char| c.is_ascii_digit()) {
                format!("{day} {month_name}")
            } else {
                format!("{month_name} {day}")
            })
        }
        _ => None,
    }
}

/// "600,000" → ("600,000", ""); "40%" → ("40", "%"); "50 million" → ("50", " million").
fn split_number(written: &str) -> (&str, &str) {
    let end = written
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.' || *c == ','))
        .map_or(written.len(), |(i, _)| i);
    written.split_at(end)
}

fn number_word(number: f64, written: &str) -> Option<String> {
    const WORDS: &[&str] = &[
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    const ORDINAL_WORDS: &[&str] = &[
        "zeroth",
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
        "twentieth",
    ];
    if number.fract() != 0.0 || !(0.0..=20.0).contains(&number) {
        return None;
    }
    let ordinal = ORDINAL_WORDS
        .iter()
        .any(|w| written.eq_ignore_ascii_case(w));
    let word = if ordinal {
        ORDINAL_WORDS[number as usize]
    } else {
        WORDS[number as usize]
    };
    Some(if written.starts_with(char::is_uppercase) {
        capitalise(word)
    } else {
        word.to_string()
    })
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::super::tests::lint;

    #[test]
    fn number_words_get_number_word_suggestions() {
        let found = lint("After Geneva the revised peace plan was cut to twenty items.");
        assert_eq!(found[0].1, vec!["nineteen".to_string()]);
    }

    #[test]
    fn units_convert_for_agreement() {
        assert!(lint("The Geneva talks on Sunday lasted more than 240 minutes.").is_empty());
        let found = lint("The Geneva talks on Sunday lasted two hours.");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].1.is_empty(),
            "a 'more than' corpus figure gives no exact replacement"
        );
    }
}
