//! Figures, days, dates, years and places in a series against the corpus:
//! the corpus claims that state the same fact are grouped by value; a draft
//! value none of them gives, where they agree among themselves, is a
//! conflict; a corpus split between values is a note, never a warning.

use std::cell::RefCell;
use std::cmp::Reverse;
use std::collections::BTreeSet;
use std::ops::Range;
use std::rc::Rc;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::describe::{corpus_wording, describe, draft_wording, render};
use super::same_fact::{
    Shared, fixed_in_time, foreign_owner, named_event_year, same_event, same_fact, same_plan,
    same_threshold,
};
use super::similarity::{DraftTerms, Rarity, SentenceTerms, similarity};
use super::subject::subject_and_attribute;
use super::time::{Timing, ages_agree, timing};
use super::{CODE, ClaimCheck, Outcome, article_count, articles, has_sources, support_hover};
use crate::corpus::Statement;
use crate::document::Document;
use crate::finding::{Finding, Severity};
use crate::text::claims::{Attribute, Claim, Value};
use crate::text::names::without_possessive;
use crate::text::words::WordBoundaries;

/// What a draft claim is read against besides its own record: its
/// sentence, its paragraph's words and the corpus's term weights.
pub(super) struct ClaimContext<'a> {
    pub sentence: SentenceTerms<'a>,
    /// Where the claim's sentence starts in the draft's prose.
    pub sentence_start: usize,
    pub paragraphs: &'a ParagraphWords,
    pub rarity: &'a Rarity<'a>,
}

/// Corpus claims grouped by the value they give.
struct ValueGroup {
    statements: Vec<Arc<Statement>>,
}

impl ValueGroup {
    fn value(&self) -> &Value {
        &self.statements[0].claim.value
    }
}

/// A corpus sentence this alike is the draft's own sentence told again
/// (wire copy run by a second paper, an update of the same story): its
/// value in the draft value's place states the same fact, whatever the
/// record makes of the subject.
const RETOLD_LIKENESS: f64 = 0.9;
/// How far, in bytes from the start of its sentence, a retold value may
/// stand from the draft's: a word or two edited before it.
const RETOLD_SHIFT: usize = 16;

/// A year with three words of its event beside it in both sentences ("the
/// first mad cow case in 2003", "a 2003 mad cow case"), or beside the name
/// of its event ("the Bushfire Conference 2006 in Brisbane"), needs this
/// share of the similarity two shared anchors need.
const EVENT_YEAR_SHARE: f64 = 0.6;

/// A corpus sentence giving the draft's own figure counts against a
/// conflict when it is this share as alike as a matched sentence must be.
const AGREEING_SHARE_OF_SIMILARITY: f64 = 0.5;

pub(super) fn check(
    check: &ClaimCheck,
    doc: &Document,
    claim: &Claim,
    context: &ClaimContext,
) -> Outcome {
    let about = check.about(claim);
    if about.is_empty() {
        return Outcome::default();
    }
    let value_written = doc.source().get(claim.range.clone()).unwrap_or("");
    let draft_terms = DraftTerms::new(context.sentence.terms(), value_written, context.rarity);
    let thresholds = &check.rules.thresholds.claims;
    // The corpus also gives the draft's figure for this subject and
    // measure, in a sentence too unlike the draft's to be matched: it is
    // at best divided over the fact, and never evidence against the draft.
    let timing_of = |s: &Statement| {
        if fixed_in_time(claim, &s.claim) {
            Timing::Comparable
        } else {
            timing(claim, &s.claim, check.dates(doc, s))
        }
    };
    // A figure of another day is no word on this one, either way.
    let also_says_it = matches!(claim.value, Value::Quantity(_))
        && about.iter().any(|s| {
            timing_of(s) != Timing::Apart
                && agrees(check, doc, claim, s)
                && same_fact(claim, &s.claim).is_some()
                && similarity(&draft_terms, &s.terms, context.rarity)
                    >= thresholds.min_similarity * AGREEING_SHARE_OF_SIMILARITY
        });
    let matched: Vec<Matched> = about
        .into_iter()
        .filter_map(|s| {
            let when = timing_of(&s);
            if when == Timing::Apart {
                return None;
            }
            let score = similarity(&draft_terms, &s.terms, context.rarity);
            let retold = (score >= RETOLD_LIKENESS && same_measure(&claim.value, &s.claim.value))
                .then(|| place_shift(claim, context.sentence_start, &s))
                .flatten()
                .map(Reverse);
            let in_place = retold.is_some();
            let found = match same_fact(claim, &s.claim) {
                Some(found) => found,
                None if in_place => Shared {
                    entities: Vec::new(),
                    anchors: Vec::new(),
                },
                None => return None,
            };
            if when == Timing::IfRetold && score < thresholds.min_similarity {
                return None;
            }
            // Two shared anchors (the measured thing, the value's verb)
            // say it is the same fact in fewer shared words; one event or
            // one plan under revision says so in none.
            let anchored = (found.anchors.len() >= 2
                && score >= thresholds.min_anchored_similarity)
                || ((claim.attribute == Attribute::Year && found.anchors.len() >= 3
                    || named_event_year(claim, &s.claim, &found.entities))
                    && score >= thresholds.min_anchored_similarity * EVENT_YEAR_SHARE);
            let alike = in_place
                || score >= thresholds.min_similarity
                || anchored
                || same_event(claim, &s.claim)
                || same_plan(claim, &s.claim)
                || same_threshold(claim, &s.claim);
            // A disagreeing sentence that also writes the draft's figure
            // ("46 percent to 44 percent") is no evidence against it, unless
            // the figure is its own with another scale ("€5 million").
            let evidence = alike
                && (!draft_terms.figure_in(&s.terms)
                    || agrees(check, doc, claim, &s)
                    || same_digits(&claim.value, &s.claim.value));
            let telling = Telling {
                retold,
                likeness: score,
                beside: told_beside(claim, &s.claim),
                same_order: same_order(&claim.value, &s.claim.value, thresholds.max_value_ratio),
            };
            evidence.then_some((s, telling))
        })
        // "Florida's 99 delegates" says nothing of a paragraph about Texas.
        .filter(|(s, telling)| {
            let subject = &s.claim.subject;
            telling.retold.is_some()
                || (subject.owner.is_none() && s.claim.qualifiers.scope.is_empty())
                || foreign_owner(claim, &s.claim, &context.paragraphs.words(doc, claim)).is_none()
        })
        .collect();
    let same = one_telling_per_article(matched, |s| agrees(check, doc, claim, s));
    if same.is_empty() {
        return Outcome::default();
    }
    let agree = |s: &Statement| agrees(check, doc, claim, s);
    let groups = group_by_value(&same);
    let thresholds = &check.rules.thresholds.claims;
    let total = article_count(&same);
    let what = subject_and_attribute(claim, context.sentence.text());
    // A value with this share of the articles divides the corpus; one with
    // less is a dissent, not support: the draft agreeing with one article
    // of eight is still contradicted by the other seven.
    let divides = |g: &ValueGroup| {
        article_count(&g.statements) as f64 / total as f64 >= thresholds.divided_min_share
    };
    if let Some(support) = groups
        .iter()
        .find(|g| agree(&g.statements[0]))
        .filter(|g| divides(g))
    {
        let hover = support_hover(&check.corpus, &what, &support.statements);
        // Another value just as well attested: say the corpus is divided.
        let wanted = thresholds.min_articles.max(2);
        let rival = groups.iter().find(|g| {
            !agree(&g.statements[0])
                && has_sources(&check.corpus, &g.statements, wanted)
                && has_sources(&check.corpus, &support.statements, wanted)
                && divides(g)
        });
        let finding = rival.map(|rival| divided(check, doc, claim, &what, &[support, rival]));
        return Outcome {
            finding,
            hover,
            basis: None,
        };
    }
    // A value is backed when enough articles give it. A second value with
    // a fair share of the articles makes the corpus divided: a note, never
    // a warning (and past two values it was never one fact). When the
    // claims scatter over values no two articles share, they were not one
    // fact after all (polls, events): abstain.
    let backing: Vec<&ValueGroup> = groups
        .iter()
        .filter(|g| has_sources(&check.corpus, &g.statements, thresholds.min_articles.max(1)))
        .collect();
    let Some(&group) = backing.first().filter(|_| !also_says_it) else {
        return Outcome::default();
    };
    // A figure of another order is another fact of the subject; it still
    // counts above as a rival, so a corpus that gives both stays divided.
    if !same_order(&claim.value, group.value(), thresholds.max_value_ratio) {
        return Outcome::default();
    }
    let rivals: Vec<&ValueGroup> = backing[1..]
        .iter()
        .copied()
        .filter(|g| divides(g))
        .collect();
    if !rivals.is_empty() {
        let finding =
            (rivals.len() == 1).then(|| divided(check, doc, claim, &what, &[group, rivals[0]]));
        return Outcome {
            finding,
            hover: None,
            basis: None,
        };
    }
    if article_count(&group.statements) * 3 < total * 2 {
        return Outcome::default();
    }
    let written = draft_wording(claim, doc.source());
    // The few that say otherwise are named: the corpus is not unanimous.
    let dissent: Vec<String> = groups
        .iter()
        .filter(|g| !std::ptr::eq(*g, group))
        .map(|g| {
            format!(
                "{} {}",
                articles(article_count(&g.statements)),
                describe(&check.corpus, &g.statements[0], claim, doc.source())
            )
        })
        .collect();
    let dissent = if dissent.is_empty() {
        String::new()
    } else {
        format!("; against {}", dissent.join(", "))
    };
    let message = format!(
        "{what}: the reference corpus says {} ({}{dissent}), not {written}",
        describe(&check.corpus, &group.statements[0], claim, doc.source()),
        articles(article_count(&group.statements)),
    );
    let mut finding = Finding::new(CODE, Severity::Warning, claim.range.clone(), message);
    let corpus_written = corpus_wording(&check.corpus, &group.statements[0]);
    if let Some(replacement) = render(
        group.value(),
        corpus_written.as_deref(),
        claim,
        value_written,
    ) {
        finding = finding.with_suggestion(replacement);
    }
    for evidence in check.evidence(&group.statements, 2) {
        finding = finding.with_related(evidence);
    }
    Outcome {
        finding: Some(finding),
        hover: None,
        basis: Some(group.statements[0].location),
    }
}

/// A corpus statement that may state the draft's fact, and how it is told.
type Matched = (Arc<Statement>, Telling);

/// How closely a corpus statement tells the draft's claim: the draft's
/// own sentence retold with the value in its place first, its sentence's
/// likeness to the draft's, then the words of the value's clause the two
/// share, the nearer the value the more (see [`told_beside`]), then
/// whether its figure is of the draft's order. One sentence may give two
/// figures of one subject ("a $50 million renovation … houses sell for as
/// much as $5 million"), and its likeness is the same for both; the words
/// beside each tell them apart.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
struct Telling {
    /// The draft's sentence told again with the value in its place: how
    /// far from the draft value's place, the nearer the better (`None`,
    /// lowest, when not retold).
    retold: Option<Reverse<usize>>,
    likeness: f64,
    beside: f64,
    same_order: bool,
}

/// How far, in bytes from the start of their sentences, the corpus value
/// stands from the draft's, if it stands in the draft value's place (give
/// or take a word edited before it).
fn place_shift(claim: &Claim, sentence_start: usize, corpus: &Statement) -> Option<usize> {
    let draft_at = claim.range.start.saturating_sub(sentence_start);
    let corpus_at = corpus.location.start.saturating_sub(corpus.sentence.start) as usize;
    Some(draft_at.abs_diff(corpus_at)).filter(|&shift| shift <= RETOLD_SHIFT)
}

/// Whether two values are told in one unit (or are not figures at all).
fn same_measure(draft: &Value, corpus: &Value) -> bool {
    match (draft, corpus) {
        (Value::Quantity(a), Value::Quantity(b)) => a.measure == b.measure,
        _ => std::mem::discriminant(draft) == std::mem::discriminant(corpus),
    }
}

/// The draft's words of the value's clause that the corpus claim has
/// beside its own value, each counting 1 / (1 + how far it stands from the
/// corpus value): "€4,800 in yearly dues" tells "€5,500 in yearly dues"
/// more closely than "a €12,000 joining fee and … yearly dues" does.
fn told_beside(draft: &Claim, corpus: &Claim) -> f64 {
    draft
        .subject
        .local
        .iter()
        .filter_map(|word| {
            corpus
                .subject
                .local
                .iter()
                .filter(|c| c.stem == word.stem)
                .map(|c| c.distance)
                .min()
        })
        .map(|distance| 1.0 / (1.0 + distance as f64))
        .sum()
}

/// The statements that stand for their articles: an article that gives
/// two values of one subject (a $5 million fee and a $50 million
/// renovation) tells two facts, not one fact two ways, so it is not
/// divided against itself. It stands by the value the draft gives, if it
/// states it anywhere; otherwise by the statements told most like the
/// draft's claim (see [`Telling`]).
fn one_telling_per_article(
    matched: Vec<Matched>,
    agrees: impl Fn(&Statement) -> bool,
) -> Vec<Arc<Statement>> {
    // Each statement ranked by (agrees, telling); an article keeps its best.
    let ranked: Vec<(Arc<Statement>, (bool, Telling))> = matched
        .into_iter()
        .map(|(s, telling)| {
            let rank = (agrees(&s), telling);
            (s, rank)
        })
        .collect();
    let mut best: FxHashMap<u32, (bool, Telling)> = FxHashMap::default();
    for (s, rank) in &ranked {
        let top = best.entry(s.location.article).or_insert(*rank);
        if rank > top {
            *top = *rank;
        }
    }
    ranked
        .into_iter()
        .filter(|(s, (agreeing, telling))| {
            let (top_agrees, top_telling) = best[&s.location.article];
            if top_agrees {
                *agreeing
            } else {
                *telling >= top_telling
            }
        })
        .map(|(s, _)| s)
        .collect()
}

/// The info note of a corpus split between two values.
fn divided(
    check: &ClaimCheck,
    doc: &Document,
    claim: &Claim,
    what: &str,
    groups: &[&ValueGroup],
) -> Finding {
    let said: Vec<String> = groups
        .iter()
        .map(|g| {
            format!(
                "{} in {}",
                describe(&check.corpus, &g.statements[0], claim, doc.source()),
                articles(article_count(&g.statements))
            )
        })
        .collect();
    let message = format!(
        "{what}: the reference corpus is divided on this: {}",
        said.join(", ")
    );
    let mut finding = Finding::new(CODE, Severity::Info, claim.range.clone(), message);
    for group in groups {
        for evidence in check.evidence(&group.statements, 1) {
            finding = finding.with_related(evidence);
        }
    }
    finding
}

/// Whether a corpus claim gives the draft's value: figures whose ranges
/// meet, an age with the years between counted, the same day or number.
fn agrees(check: &ClaimCheck, doc: &Document, draft: &Claim, corpus: &Statement) -> bool {
    match (&draft.attribute, &draft.value, &corpus.claim.value) {
        (Attribute::Age, d, c) => ages_agree(d, c, check.dates(doc, corpus)),
        (_, Value::Quantity(a), Value::Quantity(b)) => a.agrees_with(b),
        (
            _,
            Value::Date {
                year: a,
                month,
                day,
            },
            Value::Date {
                year: b,
                month: m,
                day: d,
            },
        ) => month == m && day == d && (a.is_none() || b.is_none() || a == b),
        (_, a, b) => a == b,
    }
}

/// Whether a corpus figure is near enough the draft's to be a rival value
/// of one fact: within `max_ratio` times of it, or the same digits with
/// another scale word ("$2.8 million", "$2.8 billion"), a slip of its own.
/// Figures of another order (a town's 10 jobs, a state's 100; 22 emails
/// and 700) are mostly other facts of one subject.
fn same_order(draft: &Value, corpus: &Value, max_ratio: f64) -> bool {
    match ratio(draft, corpus) {
        Some(ratio) => ratio <= max_ratio || same_digits(draft, corpus),
        None => !matches!((draft, corpus), (Value::Quantity(_), Value::Quantity(_))),
    }
}

/// How many times the larger of two figures is the smaller; `None` for
/// values that are not figures, or a zero.
fn ratio(a: &Value, b: &Value) -> Option<f64> {
    let (Value::Quantity(a), Value::Quantity(b)) = (a, b) else {
        return None;
    };
    let (low, high) = (
        a.value.abs().min(b.value.abs()),
        a.value.abs().max(b.value.abs()),
    );
    (low > 0.0).then(|| high / low)
}

/// Whether two figures differ only by a scale word: the same digits, a
/// thousand or a million times apart ("€5 million", "€5 billion").
fn same_digits(draft: &Value, corpus: &Value) -> bool {
    ratio(draft, corpus)
        .is_some_and(|ratio| [1e3, 1e6].iter().any(|scale| (ratio - scale).abs() < 1e-6))
}

/// Two corpus values are the same figure (their ranges meet).
fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Quantity(a), Value::Quantity(b)) => a.agrees_with(b),
        (
            Value::Date { month, day, .. },
            Value::Date {
                month: m, day: d, ..
            },
        ) => month == m && day == d,
        (a, b) => a == b,
    }
}

/// Statements grouped by value, the best attested first.
fn group_by_value(statements: &[Arc<Statement>]) -> Vec<ValueGroup> {
    let mut groups: Vec<ValueGroup> = Vec::new();
    for statement in statements {
        match groups
            .iter_mut()
            .find(|g| same_value(g.value(), &statement.claim.value))
        {
            Some(group) => group.statements.push(statement.clone()),
            None => groups.push(ValueGroup {
                statements: vec![statement.clone()],
            }),
        }
    }
    groups.sort_by_key(|g| Reverse(article_count(&g.statements)));
    groups
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

#[cfg(test)]
mod tests {
    use super::super::tests::lint;

    #[test]
    fn number_words_get_number_word_suggestions() {
        let found =
            lint("After Geneva the revised US peace plan for Ukraine was cut to twenty items.");
        assert_eq!(found[0].1, vec!["nineteen".to_string()]);
    }

    #[test]
    fn a_retold_sentence_is_compared_value_by_place() {
        use super::super::tests::report_against;
        use crate::corpus::{Article, Corpus};
        use crate::rules::RuleSet;
        let story = "A Coastal Research survey of the crews found that 18 percent had \
                     fought fires abroad, 27 percent had never flown and 41 percent \
                     expected to be home within a month.";
        let corpus = Corpus::new(vec![Article::new("c/0.md".into(), story.to_string())]);
        let draft = story.replace("27 percent", "31 percent");
        let report = report_against(corpus, RuleSet::defaults(), &draft);
        let found: Vec<(&str, &[String])> = report
            .findings
            .iter()
            .map(|f| (&draft[f.range.clone()], f.suggestions.as_slice()))
            .collect();
        assert_eq!(found, vec![("31", ["27".to_string()].as_slice())]);
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
