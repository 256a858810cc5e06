//! Weekday and date written together ("Monday, 24 June") against the
//! corpus's pairing of the same date: which day of the week a date fell on
//! is a fact of the calendar, whatever the event, so any dated corpus
//! article within the time frame may settle it.

use std::collections::BTreeMap;

use super::{CODE, ClaimCheck, Outcome, article_count, articles, has_sources, support_hover};
use std::sync::Arc;

use crate::corpus::Statement;
use crate::document::Document;
use crate::finding::{Finding, Severity};
use crate::lang::calendar::{month_name, weekday_name};
use crate::text::claims::{Claim, Value};

/// The verdict on a weekday written beside a date, or `None` when the corpus
/// never pairs that date with a weekday (then the event's frame decides).
pub(super) fn check(check: &ClaimCheck, doc: &Document, claim: &Claim) -> Option<Outcome> {
    let (Value::Weekday(written_day), Some(date)) = (&claim.value, claim.time.paired_date) else {
        return None;
    };
    let mut by_weekday: BTreeMap<usize, Vec<Arc<Statement>>> = BTreeMap::new();
    for statement in check.corpus.statements().weekdays_on(date) {
        let weekday = match statement.claim.value {
            Value::Weekday(day) => Some(day),
            _ => None,
        };
        let statement = Arc::new(statement);
        if let Some(day) = weekday
            && super::time::comparable(claim, &statement.claim, check.dates(doc, &statement))
        {
            by_weekday.entry(day).or_default().push(statement);
        }
    }
    if by_weekday.is_empty() {
        return None;
    }
    if let Some(support) = by_weekday.get(written_day) {
        return Some(Outcome {
            finding: None,
            hover: support_hover(&check.corpus, "weekday of the date", support),
            ..Outcome::default()
        });
    }
    // The corpus must agree with itself, in enough articles.
    if by_weekday.len() > 1 {
        return Some(Outcome::default());
    }
    let Some((corpus_day, statements)) = by_weekday.pop_first() else {
        return Some(Outcome::default());
    };
    if !has_sources(
        &check.corpus,
        &statements,
        check.rules.thresholds.claims.min_articles,
    ) {
        return Some(Outcome::default());
    }
    let day_name = weekday_name(corpus_day);
    let written = doc.source().get(claim.range.clone()).unwrap_or("");
    let (month, day) = date;
    let message = format!(
        "The reference corpus gives {day} {} as a {day_name} ({}), not {written}",
        month_name(month),
        articles(article_count(&statements)),
    );
    let mut finding = Finding::new(CODE, Severity::Warning, claim.range.clone(), message)
        .with_suggestion(day_name);
    for evidence in check.evidence(&statements, 2) {
        finding = finding.with_related(evidence);
    }
    Some(Outcome {
        finding: Some(finding),
        ..Outcome::default()
    })
}
