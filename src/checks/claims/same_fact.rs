//! Whether a corpus claim can state the same fact as a draft claim: the
//! same subject (a name they share, the same owner and thing), the same
//! attribute (the index found it by that), and the same qualifiers (a
//! forecast is not a report, a remainder not a total, one side of a change
//! not the other). When is `time`'s question; whether the two sentences
//! tell the same story is `similarity`'s.

use std::collections::BTreeSet;

use crate::lang::calendar::calendar_word;
use crate::lang::statements::{CAPITALISED_OPENERS, EVENT_NOUNS, INCIDENT_NOUNS};
use crate::text::claims::{Attribute, Change, Claim, FAR, Qualifier, Reckoning, Value};

/// How near its day, date, year or number in a series an event's own word
/// stands ("met in Geneva on Sunday").
const EVENT_WORDS: usize = 6;

/// The unit points, items and provisions of a plan are counted in, and
/// the class of the words for a plan (`lang/words/stem-synonyms.tsv`).
const POINTS: &str = "point";
const PLAN: &str = "plan";
/// How near the value a plan must be named, and a name the two share.
const PLAN_WORDS: usize = 5;
const PLAN_NAME_WORDS: usize = 10;
/// Any distance a name of the claim's own sentence stands at.
const IN_SENTENCE: usize = FAR - 1;

/// What two claims of one fact share: the names, and the words of the
/// measured thing and the value's clause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shared<'a> {
    pub entities: Vec<&'a str>,
    pub anchors: Vec<&'a str>,
}

/// What the claims share when a corpus claim can state the same fact as
/// the draft's (its time and how alike the sentences are aside), or
/// `None`.
pub fn same_fact<'a>(draft: &'a Claim, corpus: &Claim) -> Option<Shared<'a>> {
    let (d, c) = (&draft.qualifiers, &corpus.qualifiers);
    // A forecast says nothing of what happened (but an event's day, date
    // or year is the same told before it or after; a series' next event is
    // another event); a year a span starts from is not a year in it
    // ("since 2006", "in 2013 alone"); a remainder is not a total; a
    // margin, a standing or a slice of a population is not the figure
    // itself.
    if (d.forecast != c.forecast && !is_dated(&draft.attribute))
        || d.part != c.part
        || d.remainder != c.remainder
        || d.margin != c.margin
        || d.percentile != c.percentile
        || d.reckoning != c.reckoning
        || d.threshold.is_some() != c.threshold.is_some()
        || !same_side(d.change, c.change)
        || d.direction.zip(c.direction).is_some_and(|(a, b)| a != b)
    {
        return None;
    }
    // "The first time" is told of countless firsts: only the draft's own
    // sentence retold (`values`) says which one.
    if draft.is_nth_time() {
        return None;
    }
    // The time between two events ("15 days before the Iowa caucuses")
    // says which two only in passing: two such figures are seldom of the
    // same pair.
    if d.reckoning == Reckoning::Apart {
        return None;
    }
    if d.threshold.is_some() && !one_goal(draft, corpus) {
        return None;
    }
    // Days and weeks are not converted to months and years: the figures
    // are compared in one scale only. A place in a series counts its
    // event, not the word after the figure ("the 11th Congress", "the 11th
    // International Congress").
    if let (Value::Quantity(a), Value::Quantity(b)) = (&draft.value, &corpus.value)
        && a.measure != b.measure
        && !(draft.attribute == Attribute::Ordinal && same_event(draft, corpus))
    {
        return None;
    }
    match draft.attribute {
        // A person's title or age is about the person, whom the index
        // found them by.
        Attribute::Title | Attribute::Age => {
            return same_person(draft, corpus).then(|| Shared {
                entities: draft
                    .subject
                    .entities
                    .iter()
                    .take(1)
                    .map(|(e, _)| e.as_str())
                    .collect(),
                anchors: Vec::new(),
            });
        }
        _ => {}
    }
    let (ds, cs) = (&draft.subject, &corpus.subject);
    // A figure that belongs to a name ("Cruz has 11") is not compared with
    // another name's; a standing in a race needs the name in both.
    if let (Some(a), Some(b)) = (&ds.owner, &cs.owner)
        && a != b
    {
        return None;
    }
    if d.ranking && (ds.owner.is_none() || cs.owner.is_none()) {
        return None;
    }
    if let (Some(a), Some(b)) = (&ds.thing, &cs.thing)
        && a.stem != b.stem
    {
        return None;
    }
    // A statement dated by its year ("in 2014") is about that year: the
    // corpus statement must name it too. A year claim's year is its value.
    if draft.attribute != Attribute::Year
        && !draft.time.years.is_empty()
        && !draft
            .time
            .years
            .iter()
            .any(|y| corpus.time.years.contains(y))
    {
        return None;
    }
    // Dates a year and a day apart are two events of a series ("March 1,
    // 2016" and "March 6, 2012" are two Super Tuesdays); only the year
    // changed is a slip.
    if let (
        Value::Date {
            year: Some(a),
            month,
            day,
        },
        Value::Date {
            year: Some(b),
            month: m,
            day: d,
        },
    ) = (&draft.value, &corpus.value)
        && a != b
        && (month, day) != (m, d)
    {
        return None;
    }
    let has = |claim: &Claim, name: &str| claim.subject.entities.iter().any(|(e, _)| e == name);
    let entities: Vec<&str> = ds
        .entities
        .iter()
        .map(|(e, _)| e.as_str())
        .filter(|e| has(corpus, e) && !CAPITALISED_OPENERS.contains(e))
        .collect();
    if entities.is_empty() {
        return None;
    }
    Some(Shared {
        entities,
        anchors: anchors(draft, corpus),
    })
}

/// Whether a claim gives the day, date or year of its event.
fn is_dated(attribute: &Attribute) -> bool {
    matches!(
        attribute,
        Attribute::Weekday | Attribute::Date | Attribute::Year
    )
}

/// The words of the measured thing and of the value's clause the two
/// claims share; for an event's day, date, year or place in a series, only
/// those next to the value in both ("met in Geneva on Sunday", not
/// "front-runner Donald Trump on Monday").
fn anchors<'a>(draft: &'a Claim, corpus: &Claim) -> Vec<&'a str> {
    let (ds, cs) = (&draft.subject, &corpus.subject);
    let reach = if draft.attribute.is_of_an_event() {
        EVENT_WORDS
    } else {
        usize::MAX
    };
    let mut anchors: Vec<&str> = match (&ds.thing, &cs.thing) {
        (Some(a), Some(_)) => vec![a.word.as_str()],
        _ => Vec::new(),
    };
    for word in ds.local.iter().filter(|w| w.distance < reach) {
        let shared = cs
            .local
            .iter()
            .any(|c| c.stem == word.stem && c.distance < reach);
        if shared && !anchors.contains(&word.word.as_str()) {
            anchors.push(&word.word);
        }
    }
    anchors
}

/// Whether two days or dates are of one event: an event that happens once
/// at one place and day, named by both ("talks", "debate"), with a name
/// both give right beside it ("talks in Geneva on Sunday", "Sunday's talks
/// in Geneva"). Their sentences may say nothing else alike.
pub fn same_event(draft: &Claim, corpus: &Claim) -> bool {
    if named_incident(draft, corpus) {
        return true;
    }
    let (Some(a), Some(b)) = (&draft.subject.thing, &corpus.subject.thing) else {
        return false;
    };
    if a.stem != b.stem || !(EVENT_NOUNS.contains(&a.word) || EVENT_NOUNS.contains(&b.word)) {
        return false;
    }
    let venue = same_venue(draft, corpus);
    match draft.attribute {
        Attribute::Weekday => names_near(draft, corpus, EVENT_WORDS, None),
        Attribute::Date => venue || names_near(draft, corpus, EVENT_WORDS, None),
        // A series has many events with the same people ("the first
        // debate between Clinton and Trump"): only its place tells one
        // from the next, and its name one series at a place from another
        // ("the 4th Conference on Memory", "the 11th national
        // conference", both in Sydney).
        Attribute::Ordinal => {
            venue && names_near(draft, corpus, EVENT_WORDS, draft.subject.venue.as_deref())
        }
        // An incident's year at one place ("the 2012 attacks in Benghazi",
        // "the 2011 Benghazi attack"): elections and summits recur there.
        Attribute::Year => venue && INCIDENT_NOUNS.contains(&a.word),
        _ => false,
    }
}

/// How many names two sentences share for a year beside one of them to be
/// the same named event's.
const NAMED_EVENT_NAMES: usize = 3;

/// Whether two years are of one named event: the name of an edition
/// beside the draft's year (`Subject::editions`: "the Australasian Bushfire
/// Conference 2006", "WoolPoll 2006") stands right beside the corpus's
/// year too ("its 2006 WoolPoll panel"), and `shared` names enough in
/// common to be the same edition. A word between ("the expo in 2019")
/// dates a happening rather than naming an edition.
pub fn named_event_year(draft: &Claim, corpus: &Claim, shared: &[&str]) -> bool {
    draft.attribute == Attribute::Year
        && shared.len() >= NAMED_EVENT_NAMES
        && draft
            .subject
            .editions
            .iter()
            .any(|name| names_within(corpus, name, 0))
}

/// Whether a claim's value stays true whenever it is told: the date, year
/// or place in a series of one event held at one place ("New York's April
/// 19 primary", "the 4th Conference on Memory in Sydney"), unlike a
/// weekday, which names a day of its own week, or "the next primary".
pub fn fixed_in_time(draft: &Claim, corpus: &Claim) -> bool {
    named_incident(draft, corpus)
        || matches!(
            draft.attribute,
            Attribute::Date | Attribute::Ordinal | Attribute::Year
        ) && same_venue(draft, corpus)
            && same_event(draft, corpus)
}

/// Whether two years date one incident that both name ("the 2004 Boxing
/// Day tsunami"): an incident with a name of its own happened once, so its
/// year is one fact wherever it is told, with no place needed.
fn named_incident(draft: &Claim, corpus: &Claim) -> bool {
    draft.attribute == Attribute::Year
        && corpus.attribute == Attribute::Year
        && draft.qualifiers.scope.iter().any(|q| {
            !q.name.is_empty()
                && INCIDENT_NOUNS.contains(&q.of)
                && corpus.qualifiers.scope.contains(q)
        })
}

/// Whether both claims' events are held at the same named place.
fn same_venue(draft: &Claim, corpus: &Claim) -> bool {
    draft.subject.venue.is_some() && draft.subject.venue == corpus.subject.venue
}

/// Whether two counts of points are of one plan: points, items or
/// provisions, with a plan (draft, framework, proposal, document) named in
/// the clause of each ("cut the 28-point document to 20 items", "the plan
/// had been cut to 19 points"). The names they share (`same_fact`) say
/// whose plan; the side of the revision, which version.
pub fn same_plan(draft: &Claim, corpus: &Claim) -> bool {
    let of_a_plan = |claim: &Claim| {
        matches!(&claim.attribute, Attribute::Count { noun } if noun == POINTS)
            && claim
                .subject
                .local
                .iter()
                .any(|w| w.stem == PLAN && w.distance < PLAN_WORDS)
    };
    // A plan being revised ("cut to 19", "the revised 19-point plan") is
    // one plan at two times: with no sentence alike to tell which is
    // meant, only the same side of the revision counts. Plans that are
    // only named ("a five-point plan") are many, and left to `similarity`.
    of_a_plan(draft)
        && of_a_plan(corpus)
        && draft.qualifiers.change.is_some()
        && draft.qualifiers.change == corpus.qualifiers.change
        && names_near(draft, corpus, PLAN_NAME_WORDS, None)
}

/// Whether both claims give what one goal takes ("the 2,383 delegates
/// needed to win the nomination", "it takes 2,383 delegates to clinch the
/// party's nomination"): a rule, told in few words of its own. Whose goal
/// it is, `same_fact` has settled (`one_goal`).
pub fn same_threshold(draft: &Claim, corpus: &Claim) -> bool {
    match (&draft.qualifiers.threshold, &corpus.qualifiers.threshold) {
        (Some(a), Some(b)) => a.iter().any(|goal| b.contains(goal)),
        _ => false,
    }
}

/// Whether two thresholds can be of one goal's: not of parties named apart
/// ("the Republican nomination", "the Democratic nomination"), and the
/// name nearest each figure named in the other sentence ("Trump … the
/// 1,237 needed" is not "Clinton … the 2,383 needed").
fn one_goal(draft: &Claim, corpus: &Claim) -> bool {
    fn named(scope: &[Qualifier]) -> BTreeSet<&str> {
        scope
            .iter()
            .flat_map(|q| q.name.iter().map(String::as_str))
            .collect()
    }
    let (d_names, c_names) = (
        named(&draft.qualifiers.scope),
        named(&corpus.qualifiers.scope),
    );
    let named_apart = !d_names.is_empty() && !c_names.is_empty() && d_names.is_disjoint(&c_names);
    // Each sentence's nearest name stands in the other.
    let nearest_in = |one: &Claim, other: &Claim| {
        nearest_name(one).is_some_and(|name| {
            name.iter()
                .any(|word| names_within(other, word, IN_SENTENCE))
        })
    };
    !named_apart && nearest_in(draft, corpus) && nearest_in(corpus, draft)
}

/// The name nearest a claim's value, as its words: a run of name words
/// at consecutive distances ("Hillary Clinton"), days and months aside.
fn nearest_name(claim: &Claim) -> Option<Vec<&str>> {
    let mut name: Vec<&str> = Vec::new();
    let mut last: Option<usize> = None;
    for (word, distance) in &claim.subject.entities {
        if *distance == FAR || calendar_word(word).is_some() {
            continue;
        }
        if last.is_some_and(|d| distance.abs_diff(d) != 1) {
            break;
        }
        name.push(word);
        last = Some(*distance);
    }
    (!name.is_empty()).then_some(name)
}

/// Whether a name stands within `reach` words of the value in both claims
/// ("talks in Geneva on Sunday", "the plan agreed in Geneva"), other than
/// `besides`.
fn names_near(draft: &Claim, corpus: &Claim, reach: usize, besides: Option<&str>) -> bool {
    draft.subject.entities.iter().any(|(e, distance)| {
        *distance <= reach && Some(e.as_str()) != besides && names_within(corpus, e, reach)
    })
}

/// Whether a claim names `name` within `reach` words of its value.
fn names_within(claim: &Claim, name: &str, reach: usize) -> bool {
    claim
        .subject
        .entities
        .iter()
        .any(|(e, distance)| e == name && *distance <= reach)
}

/// Whether two values can stand on the same side of a change: either says
/// nothing of one, or both say the same; the size of a change is only ever
/// compared with the size of a change.
pub fn same_side(a: Option<Change>, b: Option<Change>) -> bool {
    match (a, b) {
        (Some(Change::By), other) | (other, Some(Change::By)) => other == Some(Change::By),
        (None, _) | (_, None) => true,
        (a, b) => a == b,
    }
}

/// The same person: surnames agree (the index keyed them so) and, when both
/// give a first name, the same; "George Bush" in the draft is not a corpus
/// "Bush", who may be Jeb.
pub fn same_person(draft: &Claim, corpus: &Claim) -> bool {
    match (given_name(corpus), given_name(draft)) {
        (Some(a), Some(b)) => a == b,
        (None, Some(_)) => false,
        _ => true,
    }
}

/// The first name, when a claim's person is named by more than a surname.
pub fn given_name(claim: &Claim) -> Option<String> {
    let name = claim.subject.person.as_deref()?;
    let mut words = name.split(' ');
    let first = words.next()?.to_lowercase();
    words.next().map(|_| first)
}

/// Whether a corpus claim's value belongs to someone or something the
/// draft's paragraph never names: "Florida's 99 delegates", or "the 1,237
/// delegates needed to win the Republican nomination" beside a paragraph
/// about Democrats. The name that says so, if any.
pub fn foreign_owner<'a>(
    draft: &Claim,
    corpus: &'a Claim,
    paragraph_words: &BTreeSet<String>,
) -> Option<&'a str> {
    let (ds, cs) = (&draft.subject, &corpus.subject);
    if let Some(owner) = &cs.owner
        && ds.owner.as_ref() != Some(owner)
        && !paragraph_words.contains(owner)
    {
        return Some(owner);
    }
    let in_draft = |stem: &str| {
        ds.thing.as_ref().is_some_and(|h| h.stem == stem) || ds.local.iter().any(|w| w.stem == stem)
    };
    corpus
        .qualifiers
        .scope
        .iter()
        .filter(|q| in_draft(&q.of))
        .find(|q| !q.name.iter().any(|word| paragraph_words.contains(word)))
        .map(|q| q.name[0].as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::claims::claims;

    fn claim(text: &str, value: &str) -> Claim {
        claims(text, 0..text.len())
            .into_iter()
            .find(|c| &text[c.range.clone()] == value)
            .unwrap_or_else(|| panic!("no claim «{value}» in {text}"))
    }

    #[test]
    fn an_events_day_is_one_fact_before_and_after_it_but_a_figure_is_not() {
        let plan = claim(
            "Growers will take the proposals to Saturday's wine summit in Merrow.",
            "Saturday",
        );
        let told = claim(
            "Growers put the proposals to the wine summit in Merrow on Friday.",
            "Friday",
        );
        assert!(plan.qualifiers.forecast && !told.qualifiers.forecast);
        assert!(same_fact(&plan, &told).is_some(), "a day of one summit");
        let cut = claim("Merrow Grain will cut 40 jobs at its mill.", "40");
        let done = claim("Merrow Grain cut 30 jobs at its mill.", "30");
        assert!(
            same_fact(&cut, &done).is_none(),
            "a plan is not what was done"
        );
    }

    #[test]
    fn the_first_time_is_no_fact_of_its_own_outside_its_sentence() {
        let draft = claim(
            "It was the second time Okafor had won the Selby regatta.",
            "second",
        );
        assert_eq!(draft.attribute, Attribute::Ordinal);
        let corpus = claim(
            "Okafor won the Selby regatta for the first time in 2019.",
            "first",
        );
        assert!(same_fact(&draft, &corpus).is_none());
    }

    #[test]
    fn one_plan_in_two_wordings_is_one_fact() {
        let draft = claim(
            "Negotiators in Geneva cut the US peace plan to 20 items.",
            "20",
        );
        let corpus = claim("In Geneva the US peace plan was cut to 19 points.", "19");
        let shared = same_fact(&draft, &corpus).expect("the same fact");
        assert!(shared.entities.contains(&"geneva"), "{shared:?}");
        assert!(shared.anchors.contains(&"plan"), "{shared:?}");
    }

    #[test]
    fn another_owner_or_a_forecast_is_another_fact() {
        let draft = claim(
            "In the council vote the Greens won 7 seats in Harbourton.",
            "7",
        );
        let other = claim(
            "In the council vote the Civic List won 9 seats in Harbourton.",
            "9",
        );
        assert_eq!(same_fact(&draft, &other), None);
        let forecast = claim(
            "In the council vote the Greens would win 9 seats in Harbourton.",
            "9",
        );
        assert_eq!(same_fact(&draft, &forecast), None);
        let same = claim(
            "The Greens won 6 seats in Harbourton in the council vote.",
            "6",
        );
        assert!(same_fact(&draft, &same).is_some());
    }

    #[test]
    fn one_event_is_dated_by_its_own_word_and_place() {
        let draft = claim("The talks in Geneva on Wednesday ran late.", "Wednesday");
        let corpus = claim(
            "Negotiators held Sunday's talks in Geneva behind closed doors.",
            "Sunday",
        );
        assert!(same_event(&draft, &corpus));
        let statement = claim(
            "Rubio said in Geneva on Monday that gaps remained.",
            "Monday",
        );
        assert!(!same_event(&draft, &statement));
        let elsewhere = claim("The talks in Riyadh on Sunday ran late.", "Sunday");
        assert!(!same_event(&draft, &elsewhere));
    }

    #[test]
    fn a_plan_under_revision_is_compared_by_its_side() {
        let draft = claim("In Geneva the US document was cut down to 20 items.", "20");
        let revised = claim(
            "The revised 19-point plan agreed in Geneva went to Moscow.",
            "19",
        );
        assert!(same_plan(&draft, &revised));
        let original = claim("The original plan drawn up in Geneva had 28 points.", "28");
        assert!(!same_plan(&draft, &original));
    }

    #[test]
    fn a_rise_is_not_a_fall() {
        let draft = claim(
            "Harbourton Grain lifted its pool returns for the season by $5 a tonne.",
            "5",
        );
        let fall = claim(
            "Harbourton Grain dropped its pool returns for the season by $8 a tonne.",
            "8",
        );
        assert_eq!(same_fact(&draft, &fall), None);
        let rise = claim(
            "Harbourton Grain raised its pool returns for the season by $8 a tonne.",
            "8",
        );
        assert!(same_fact(&draft, &rise).is_some());
    }

    #[test]
    fn what_a_goal_takes_is_one_fact_of_one_goal() {
        let needed = claim(
            "Brask closed in on the 312 delegates needed to win the Labour leadership.",
            "312",
        );
        assert!(needed.qualifiers.threshold.is_some(), "{needed:?}");
        assert!(!needed.time.snapshot, "a rule is no count of the day");
        let takes = claim(
            "It takes 312 delegates to win the Labour leadership, Brask's aides said.",
            "312",
        );
        assert!(same_fact(&needed, &takes).is_some());
        assert!(same_threshold(&needed, &takes));
        let tally = claim(
            "Brask has won 312 delegates in the Labour leadership race.",
            "312",
        );
        assert_eq!(same_fact(&needed, &tally), None);
        let another_party = claim(
            "Orlik is chasing the 205 delegates needed to win the Conservative leadership, as Brask closes in.",
            "205",
        );
        assert_eq!(same_fact(&needed, &another_party), None);
    }

    #[test]
    fn a_remainder_is_not_a_total() {
        let remainder = claim(
            "Sanders still needs 836 delegates to clinch the Democratic nomination.",
            "836",
        );
        let threshold = claim(
            "Sanders was far from the 2,383 delegates needed to clinch the Democratic nomination.",
            "2,383",
        );
        assert_eq!(same_fact(&remainder, &threshold), None);
    }

    #[test]
    fn a_qualified_corpus_figure_needs_its_qualifier_in_the_draft_paragraph() {
        let corpus = claim(
            "Trump needs 1,237 delegates to win the Republican nomination.",
            "1,237",
        );
        let draft = claim(
            "Clinton needs 2,383 delegates to win the nomination.",
            "2,383",
        );
        let words = |text: &str| -> BTreeSet<String> {
            crate::text::words::words(text)
                .map(str::to_lowercase)
                .collect()
        };
        assert_eq!(
            foreign_owner(
                &draft,
                &corpus,
                &words("Clinton needs 2,383 delegates to win the nomination.")
            ),
            Some("republican")
        );
    }
}
