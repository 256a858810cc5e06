//! Quantities, weekdays and dates against the corpus.

use super::{
    CODE, ClaimCheck, MIN_SCORE, Outcome, article_count, articles, has_sources, relevant,
    support_hover,
};
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::ops::Range;
use std::rc::Rc;

use crate::text::words::WordBoundaries;

use crate::corpus::Scored;
use crate::document::Document;
use crate::finding::{Finding, Severity};
use crate::lang::calendar::{month_name, weekday_name};
use crate::lang::case::capitalise;
use crate::lang::numbers;
use crate::text::claims::{Change, Claim, ClaimValue};
use crate::text::frames::{Alignment, align, align_event, foreign_owner};
use crate::text::names::without_possessive;
use crate::text::quantities::Quantity;

/// Corpus statements, best ranked first, whose frames a claim is compared with.
const MAX_CANDIDATES: usize = 100;

/// A rival value makes the corpus divided only when stated about as
/// relevantly as the draft's.
const DIVIDED_NEAR_BEST: f64 = 0.9;

/// Corpus statements grouped by the value they give.
struct ValueGroup {
    statements: Vec<Scored>,
}

impl ValueGroup {
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
    paragraphs: &ParagraphWords,
) -> Outcome {
    // Only statements whose frame aligns with the draft's are about the
    // same thing; a forecast in the corpus says nothing about a reported fact.
    let aligned: Vec<Scored> = check
        .corpus
        .statements()
        // The best-ranked only: a corpus of many similar stories would
        // otherwise make one claim cost thousands of frame comparisons.
        .candidates(&claim.measure, context, MAX_CANDIDATES)
        .into_iter()
        .filter(|s| claim.frame.outlook || !s.statement.claim.frame.outlook)
        .filter(|s| within_time_frame(check, doc, claim, s))
        .filter(|s| aligned_frames(claim, s).is_some())
        // "Florida's 99 delegates" says nothing of a paragraph about Texas.
        .filter(|s| {
            let frame = &s.statement.claim.frame;
            (frame.owner.is_none() && frame.qualifiers.is_empty())
                || foreign_owner(&claim.frame, frame, &paragraphs.words(doc, claim)).is_none()
        })
        .collect();
    let candidates = relevant(aligned.clone(), claim.change);
    if candidates.is_empty() {
        return Outcome::default();
    }
    let groups = corroborated(group_by_value(candidates), &aligned);
    let thresholds = &check.rules.thresholds.claims;
    // Every aligned article on the same side of a change counts in the
    // total: a frame that many articles fill with other values (a running
    // tally, a threshold of another party) is not one fact.
    let total: usize = aligned
        .iter()
        .filter(|s| s.score >= MIN_SCORE && same_side(claim.change, s.statement.claim.change))
        .map(|s| s.statement.location.article)
        .collect::<std::collections::BTreeSet<_>>()
        .len()
        .max(groups.iter().map(|g| article_count(&g.statements)).sum());
    // A weekday names an event's day only relative to the article's
    // dateline: the corpus must also pin the day to a date ("Sunday, 23
    // November") before two weekdays are called the same event's.
    let dated = |g: &ValueGroup| {
        !matches!(claim.value, ClaimValue::Weekday(_))
            || g.statements
                .iter()
                .any(|s| s.statement.claim.paired_date.is_some())
    };
    let agreeing = groups.iter().position(|g| agrees(&claim.value, g.value()));
    if let Some(index) = agreeing {
        let support = &groups[index];
        let hover = support_hover(&check.corpus, claim, &support.statements);
        // Another value just as well attested: say the corpus is divided.
        let rival = groups.iter().enumerate().find(|(i, g)| {
            *i != index
                && dated(g)
                && dated(support)
                && g.best_score() >= support.best_score() * DIVIDED_NEAR_BEST
                && has_sources(&check.corpus, &g.statements, thresholds.min_articles.max(2))
                && has_sources(
                    &check.corpus,
                    &support.statements,
                    thresholds.min_articles.max(2),
                )
                && article_count(&g.statements) as f64 / total as f64
                    >= thresholds.divided_min_share
        });
        let finding = rival.map(|(_, rival)| divided(check, doc, claim, support, rival));
        return Outcome { finding, hover };
    }
    // Any aligned statement that gives the draft's value, however it ranks,
    // means the corpus does not contradict it.
    if aligned
        .iter()
        .any(|s| s.score >= MIN_SCORE && agrees(&claim.value, &s.statement.claim.value))
    {
        return Outcome::default();
    }
    // A value is backed when enough articles give it. When the aligned
    // statements scatter over values no two articles share, the frame has
    // matched different things (polls, events): abstain.
    let backing: Vec<&ValueGroup> = groups
        .iter()
        .filter(|g| has_sources(&check.corpus, &g.statements, thresholds.min_articles) && dated(g))
        .collect();
    let backed: usize = backing.iter().map(|g| article_count(&g.statements)).sum();
    // Two backed values make a divided corpus; more, or many strays beside
    // them, a frame that matched different things.
    if backing.is_empty() || backing.len() > 2 || backed * 3 < total * 2 {
        return Outcome::default();
    }
    let first = backing[0];
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
    let matched = aligned_frames(claim, &first.statements[0])
        .map(|a| format!(" (compared on: {})", a.describe()))
        .unwrap_or_default();
    let message = format!(
        "The reference corpus says {}, not {written}{matched}",
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

/// The words of the draft paragraph that holds a claim, lower-cased, with
/// possessives trimmed: what the paragraph names. Kept for the last
/// paragraph asked about, since claims come in document order.
#[derive(Default)]
pub(super) struct ParagraphWords {
    last: RefCell<Option<(Range<usize>, Rc<WordSet>)>>,
}

type WordSet = BTreeSet<String>;

impl ParagraphWords {
    fn words(&self, doc: &Document, claim: &Claim) -> Rc<WordSet> {
        // Blocks are in document order: a bisection, not a scan per claim.
        let blocks = doc.blocks();
        let after = blocks.partition_point(|b| b.range.start <= claim.range.start);
        let block = after
            .checked_sub(1)
            .map(|i| &blocks[i])
            .filter(|b| claim.range.end <= b.range.end)
            .map_or(0..0, |b| b.range.clone());
        let mut last = self.last.borrow_mut();
        if let Some((range, words)) = last.as_ref()
            && *range == block
        {
            return words.clone();
        }
        let words: Rc<WordSet> = Rc::new(
            doc.prose()
                .get(block.clone())
                .unwrap_or("")
                .words()
                .map(|w| without_possessive(&w.to_lowercase()).to_string())
                .collect(),
        );
        *last = Some((block, words.clone()));
        words
    }
}

/// Statements grouped by value, the best attested first.
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
    groups.sort_by_key(|g| std::cmp::Reverse(article_count(&g.statements)));
    groups
}

/// What a draft claim and a corpus statement share, if their frames align:
/// an event's day or date needs more in common than a figure.
fn aligned_frames<'a>(claim: &'a Claim, s: &Scored) -> Option<Alignment<'a>> {
    match claim.value {
        ClaimValue::Weekday(_) | ClaimValue::Date(..) => {
            align_event(&claim.frame, &s.statement.claim.frame)
        }
        _ => align(&claim.frame, &s.statement.claim.frame),
    }
}

/// Whether a corpus statement's article was written near enough the draft's
/// dateline (when both are dated) for the two to speak of the same time.
pub(super) fn within_time_frame(
    check: &ClaimCheck,
    doc: &Document,
    claim: &Claim,
    s: &Scored,
) -> bool {
    let Some(draft_day) = doc.dateline() else {
        return true;
    };
    let Some(corpus_day) = check.corpus.dateline(s.statement.location) else {
        return true;
    };
    let window = match claim.value {
        ClaimValue::Weekday(_) => WEEKDAY_DAYS,
        _ => check.rules.thresholds.claims.max_days_apart,
    };
    (draft_day - corpus_day).abs() <= window
}

/// A weekday names a day within a week of the dateline.
const WEEKDAY_DAYS: i64 = 7;

/// Whether two values can stand on the same side of a change: either says
/// nothing of one, or both say the same.
fn same_side(a: Option<Change>, b: Option<Change>) -> bool {
    a.is_none() || b.is_none() || a == b
}

/// Each group with the other aligned statements of the same value, however
/// they rank: the most relevant statements choose the values, and every
/// article that gives the value in an aligned frame counts for it.
fn corroborated(mut groups: Vec<ValueGroup>, aligned: &[Scored]) -> Vec<ValueGroup> {
    for group in &mut groups {
        let change = group.statements[0].statement.claim.change;
        let members: std::collections::HashSet<*const crate::corpus::Statement> = group
            .statements
            .iter()
            .map(|g| std::sync::Arc::as_ptr(&g.statement))
            .collect();
        let more: Vec<Scored> = aligned
            .iter()
            .filter(|s| {
                same_side(change, s.statement.claim.change)
                    && same_value(group.value(), &s.statement.claim.value)
                    && !members.contains(&std::sync::Arc::as_ptr(&s.statement))
            })
            .cloned()
            .collect();
        group.statements.extend(more);
    }
    groups.sort_by_key(|g| std::cmp::Reverse(article_count(&g.statements)));
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
        ClaimValue::Weekday(day) => weekday_name(*day),
        ClaimValue::Date(month, day) => format!("{day} {}", month_name(*month)),
        ClaimValue::Role { role, .. } => role.clone(),
    }
}

/// How the corpus wrote a group's figure ("600,000", "€40 million"), with
/// the currency sign before it and its spacing made plain.
fn corpus_wording(check: &ClaimCheck, group: &ValueGroup) -> Option<String> {
    let statement = &group.statements.first()?.statement;
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

/// The unit as the corpus wrote it for a group's first statement ("points";
/// a unit of several words is left to the draft's wording).
fn corpus_unit_word(check: &ClaimCheck, group: &ValueGroup) -> Option<String> {
    let statement = &group.statements.first()?.statement;
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
        (ClaimValue::Weekday(day), _) => Some(weekday_name(*day)),
        (ClaimValue::Date(month, day), _) => {
            let month_name = month_name(*month);
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
    if number.fract() != 0.0 || !(0.0..=20.0).contains(&number) {
        return None;
    }
    let ordinal = numbers::ordinal(&written.to_lowercase()).is_some();
    let word = if ordinal {
        numbers::ordinal_word(number as u64)?
    } else {
        numbers::cardinal_word(number as u64)?
    };
    Some(if written.starts_with(char::is_uppercase) {
        capitalise(word)
    } else {
        word.to_string()
    })
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
