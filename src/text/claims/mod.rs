//! Checkable statements, as records: who or what a claim is about (its
//! subject), what it states of it (a typed attribute), the value with its
//! unit, what qualifies it (a forecast, a remainder, a side of a change,
//! whose figure) and when it holds. Only claims of the same record are
//! compared (`crate::checks::claims`). The record is built here from a
//! sentence's reading (`reading`), its quantities, its calendar words
//! (`calendar`), its titles (`roles`) and its ages (`ages`); `time` says
//! when a claim holds.
//! May import `lang`, `document` and the rest of `text`; never the corpus
//! or the checks.

mod ages;
mod calendar;
mod edition;
mod reading;
mod roles;
pub mod time;

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::document::Document;
use crate::lang::case::lower_case;
use crate::lang::fold::fold_accents;
use crate::lang::lemma::singular;
use crate::lang::statements::{
    CAPITALISED_OPENERS, CHANGE_BY, CHANGE_DOWN, CHANGE_FROM, CHANGE_NOUNS, CHANGE_TO, CHANGE_UP,
    CHANGE_VERBS, HEAD_DETERMINERS, RELATIVE_INSTANCES, STANDING_VERBS, TO_WITHOUT_CHANGE,
};
use crate::lang::stopwords::is_stopword;
use crate::lang::units;
use crate::text::words::WordBoundaries;

pub use reading::{FAR, FrameWord, Qualifier, Reading, years_in};
pub use roles::{
    is_held_alongside_posts, is_leader_description, normalise_role, roles_compatible,
    same_employer, same_kind_of_post,
};
pub use time::ClaimTime;

use super::names::{NameMention, SentenceMentions, name_mentions_in, sentence_mentions};
use super::quantities::{Quantity, counts_a_noun, quantities_in};
use super::quotes::{Quotation, find_quotations};
use super::sentence::Sentence;
use reading::{ValueSpan, read};

/// One checkable statement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// The value as written: "19", "Tuesday", "23 November", "Defence Minister".
    pub range: Range<usize>,
    /// The value with its unit and any hedge ("more than four hours"), for
    /// messages.
    pub phrase: Range<usize>,
    pub subject: Subject,
    pub attribute: Attribute,
    pub value: Value,
    pub qualifiers: Qualifiers,
    pub time: ClaimTime,
}

impl Claim {
    /// "The first time", "a second time": a place in a series of times,
    /// told of countless firsts.
    pub fn is_nth_time(&self) -> bool {
        matches!(&self.value, Value::Quantity(q) if q.ordinal && q.measure == NTH_TIME)
    }
}

/// The measure of "the first time" (an ordinal's measure ends in `#`).
const NTH_TIME: &str = "time#";

/// Who or what a claim is about.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Subject {
    /// The names of the claim's sentence, nearest the value first (the
    /// owner of a figure, the person of a title or age, first of all):
    /// each lower case with accents folded, with its distance in words.
    pub entities: Vec<(String, usize)>,
    /// A person's name as written (titles and ages).
    pub person: Option<String>,
    /// The name the figure belongs to, right before it ("Cruz has 11").
    pub owner: Option<String>,
    /// The noun the value measures, right after it ("plan" in "a 28-point
    /// plan"), its stem folded with its synonyms.
    pub thing: Option<FrameWord>,
    /// The content words of the value's clause: its predicate and the
    /// nouns it hangs on, which tell two facts about one subject apart.
    pub local: Vec<FrameWord>,
    /// Where the event a day, date or place in a series belongs to is held
    /// ("New York's April 19 primary"), as the index keys names.
    pub venue: Option<String>,
    /// The names of an edition a year stands beside ("WoolPoll 2006"), as
    /// the index keys names.
    #[serde(default)]
    pub editions: Vec<String>,
}

/// What a claim states of its subject.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Attribute {
    /// How many of a thing ("19 points", "1,300 documents", "3 million
    /// tonnes"), by the counted noun's singular; the points, items and
    /// provisions of a plan are one.
    Count { noun: String },
    /// An amount of money, by currency ("usd").
    Money { currency: String },
    /// A share or a margin in points ("5 per cent", "10 points").
    Share { unit: String },
    /// How long something lasted, took or ago it was.
    Duration,
    /// A person's age.
    Age,
    /// Which one of a series: "the third debate", "the 11th congress".
    Ordinal,
    /// The year of an event or thing: "a 2005 recording", "in 2002".
    Year,
    /// The date of an event.
    Date,
    /// The weekday of an event.
    Weekday,
    /// The post a person holds.
    Title,
}

impl Attribute {
    /// The attribute as an index key: the variant and its noun or unit.
    pub fn key(&self) -> String {
        match self {
            Attribute::Count { noun } => format!("count:{noun}"),
            Attribute::Money { currency } => format!("money:{currency}"),
            Attribute::Share { unit } => format!("share:{unit}"),
            Attribute::Duration => "duration".into(),
            Attribute::Age => "age".into(),
            Attribute::Ordinal => "ordinal".into(),
            Attribute::Year => "year".into(),
            Attribute::Date => "date".into(),
            Attribute::Weekday => "weekday".into(),
            Attribute::Title => "title".into(),
        }
    }

    /// An event's day, date or year, or its place in a series: compared
    /// only for one event.
    pub fn is_of_an_event(&self) -> bool {
        matches!(
            self,
            Attribute::Ordinal | Attribute::Year | Attribute::Date | Attribute::Weekday
        )
    }
}

/// What a claim says, normalised.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Value {
    /// A figure: the interval its wording allows ("nearly two decades" is
    /// 16 to 20 years) in the attribute's canonical unit.
    Quantity(Quantity),
    Ordinal(u32),
    Year(i32),
    /// Month (1–12) and day, and the year when written with them.
    Date {
        year: Option<i32>,
        month: u32,
        day: u32,
    },
    /// Monday is 0.
    Weekday(usize),
    /// A post, normalised ("defence minister"), and whether the person is
    /// said to have left it.
    Title {
        post: String,
        former: bool,
        /// Where "former" stands, when it does.
        former_range: Option<Range<usize>>,
    },
}

/// What makes two claims of one subject and attribute not the same fact.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Qualifiers {
    /// A forecast, plan or condition ("would cap", "is expected to"): not
    /// a report of what happened.
    pub forecast: bool,
    /// The side of a change the value stands on ("cut from 28 to 19").
    pub change: Option<Change>,
    /// Which way a change the value sizes went ("lifted by $5").
    pub direction: Option<Direction>,
    /// A remainder or difference, not a total ("needs 836 more"); `sure`
    /// when no total could be meant ("still needs 159").
    pub part: bool,
    pub remainder: bool,
    /// A margin between rivals ("led by 20 points").
    pub margin: bool,
    /// A standing in a race ("third-place finish").
    pub ranking: bool,
    /// A ranked slice of a population ("the top 1 percent").
    pub percentile: bool,
    /// What says which one of the subject's words is meant: "Republican"
    /// of "nomination", "black" of "voters".
    pub scope: Vec<Qualifier>,
    /// A figure that is more than an amount: a time back, an age or a rate.
    pub reckoning: Reckoning,
    /// What a goal takes, not what anyone has ("the 2,383 delegates
    /// needed to win the nomination"): the goal's plain words, stemmed.
    pub threshold: Option<Vec<String>>,
}

/// What a figure counts besides an amount of its unit; figures are
/// compared only with figures of the same reckoning.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reckoning {
    #[default]
    Amount,
    /// Back from the article's day: "eight years ago".
    Ago,
    /// An age: "a 78-year-old president", "54 years old".
    Old,
    /// A rate per unit, singular: "73 cents a share", "180 kilometres per
    /// hour".
    Per(String),
    /// The time to or from another event it names: "15 days before the
    /// Iowa caucuses", "three weeks and a day after".
    Apart,
    /// A span things happened within: "during her four years at State".
    Within,
    /// The year a span starts from ("have closed since 2006"), not the
    /// year a thing happened.
    Since,
    /// The year a span ends by ("retired by 2010", "until 2031").
    Until,
}

impl Reckoning {
    /// The reckoning the words after a figure give it.
    pub fn after(after: &str) -> Reckoning {
        let mut words = after
            .trim_start_matches('-')
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase);
        let first = words.next();
        // "four years later" reckons from the sentence's own event, and
        // is told alike; "before the caucuses" names another.
        let apart = |w: &str| matches!(w, "before" | "after" | "until" | "away");
        match first.as_deref() {
            Some(word) if apart(word) => Reckoning::Apart,
            // "three weeks and a day after"
            Some("and")
                if words
                    .next()
                    .is_some_and(|w| matches!(w.as_str(), "a" | "an" | "one"))
                    && words.nth(1).is_some_and(|w| apart(&w)) =>
            {
                Reckoning::Apart
            }
            Some("ago") => Reckoning::Ago,
            Some("old") => Reckoning::Old,
            Some(word @ ("per" | "a" | "an")) => match words.next() {
                Some(unit) if word == "per" || units::is_rate_unit(&unit) => {
                    Reckoning::Per(crate::lang::lemma::singular(&unit))
                }
                _ => Reckoning::Amount,
            },
            _ => Reckoning::Amount,
        }
    }
}

/// The side of a change a value stands on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Change {
    To,
    From,
    /// The size of the change itself ("up $5", "a 37 per cent rise").
    By,
}

/// Which way a change went: a rise of $5 and a fall of $8 are two changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Direction {
    Up,
    Down,
}

/// How far before an event's date a word may pick the event by where it
/// stands ("the next Democratic primary, on April 19").
const RELATIVE_REACH: usize = 6;

/// How far before a change's size its verb may stand ("lifted its expected
/// pool returns for the 2006-07 season by $5").
const DIRECTION_WORDS_BEFORE: usize = 12;

/// Which way the change a value sizes went: the nearest rise or fall word
/// before it in its sentence, or right after it ("a 37 per cent rise").
fn direction(sentence: &Sentence, phrase: &Range<usize>) -> Option<Direction> {
    let of = |word: &str| {
        let lower = lower_case(word);
        if CHANGE_UP.contains(&lower) {
            Some(Direction::Up)
        } else if CHANGE_DOWN.contains(&lower) {
            Some(Direction::Down)
        } else {
            None
        }
    };
    let after = sentence.first_words_within(phrase.end..sentence.range.end, 1);
    after.iter().find_map(|(_, w)| of(w)).or_else(|| {
        sentence
            .last_words_within(sentence.range.start..phrase.start, DIRECTION_WORDS_BEFORE)
            .iter()
            .rev()
            .find_map(|(_, w)| of(w))
    })
}

/// The reporter's claims in a document, sentence by sentence. Headings are
/// left out, and so is anything inside a quotation: a quotation is its
/// speaker's claim ("President Sanders!", chanted), checked as a quote.
pub fn document_claims(doc: &Document) -> Vec<(Range<usize>, Vec<Claim>)> {
    let sentences = sentence_mentions(doc);
    document_claims_with(doc, &sentences, &find_quotations(doc).quotations)
        .into_iter()
        .map(|(sentence, found)| (sentence.range.clone(), found))
        .collect()
}

/// As [`document_claims`], with the sentences' name mentions and the
/// document's quotations found already; each sentence with claims is
/// given back with them. A claim whose sentence names nobody ("The walkout
/// by 4,300 dock workers …") is about what its paragraph named before it,
/// or else what the article's first sentence names.
pub fn document_claims_with<'s, 'a>(
    doc: &Document,
    sentences: &'s [SentenceMentions<'a>],
    quotations: &[Quotation],
) -> Vec<(&'s Sentence<'a>, Vec<Claim>)> {
    let quoted: Vec<&Range<usize>> = quotations.iter().map(|q| &q.range).collect();
    let blocks = doc.blocks();
    let block_of = |at: usize| blocks.partition_point(|b| b.range.start <= at);
    let lead: Vec<String> = sentences
        .first()
        .map(|(sentence, mentions)| names_of(sentence.prose, mentions))
        .unwrap_or_default();
    let mut paragraph_names: Vec<String> = Vec::new();
    let mut paragraph = usize::MAX;
    let mut found_all = Vec::new();
    for (sentence, mentions) in sentences {
        let block = block_of(sentence.range.start);
        if block != paragraph {
            paragraph = block;
            paragraph_names.clear();
        }
        let mut found = claims_in(sentence, mentions);
        found.retain(|c| {
            !quoted
                .iter()
                .any(|q| q.start <= c.range.start && c.range.end <= q.end)
        });
        let earlier = if paragraph_names.is_empty() {
            &lead
        } else {
            &paragraph_names
        };
        for claim in &mut found {
            inherit(claim, earlier);
        }
        let names = names_of(sentence.prose, mentions);
        if !names.is_empty() {
            // Nearest first: this sentence's names before the earlier ones.
            paragraph_names.retain(|n| !names.contains(n));
            paragraph_names.splice(0..0, names);
            paragraph_names.truncate(INHERITED_NAMES);
        }
        if !found.is_empty() {
            found_all.push((sentence, found));
        }
    }
    found_all
}

/// Names a claim with none of its own takes from before it, at most.
const INHERITED_NAMES: usize = 4;
/// The distance an inherited name is given: near enough to find the
/// claim by, too far to be a rival of another claim's names.
pub const INHERITED: usize = 1_000;

/// Give a claim whose sentence names nobody near it the names before it.
fn inherit(claim: &mut Claim, earlier: &[String]) {
    let named = claim
        .subject
        .entities
        .iter()
        .any(|(_, distance)| *distance < FAR);
    if named || claim.attribute == Attribute::Title {
        return;
    }
    for name in earlier.iter().take(INHERITED_NAMES) {
        if !claim.subject.entities.iter().any(|(e, _)| e == name) {
            claim.subject.entities.push((name.clone(), INHERITED));
        }
    }
}

/// The words of a sentence's names as claims key them: not a lone
/// sentence-initial word, nor a function word.
fn names_of(prose: &str, mentions: &[NameMention]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for mention in mentions {
        if mention.sentence_initial && mention.words.len() == 1 {
            continue;
        }
        for word in mention.words.iter().filter_map(|r| prose.get(r.clone())) {
            let key = entity_key(word);
            if key.len() > 1
                && !is_stopword(&key)
                && !CAPITALISED_OPENERS.contains(&key)
                && !names.contains(&key)
            {
                names.push(key);
            }
        }
    }
    names
}

/// Every claim in `sentence`, a byte range into `prose`.
pub fn claims(prose: &str, sentence: Range<usize>) -> Vec<Claim> {
    let sentence = Sentence::new(prose, sentence);
    claims_in(&sentence, &name_mentions_in(&sentence))
}

/// A value found in a sentence, before its reading makes it a claim.
struct Found {
    range: Range<usize>,
    phrase: Range<usize>,
    attribute: Attribute,
    value: Value,
    /// For titles and ages: the person (key) and their name as written.
    person: Option<(String, String)>,
    /// For a weekday: the date written beside it.
    paired_date: Option<(u32, u32)>,
    /// For a title: a post in another person's team ("a Reagan education
    /// secretary"), as old as that person's term.
    in_anothers_service: bool,
}

/// As [`claims`], from the sentence's segments and name mentions.
pub fn claims_in(sentence: &Sentence, mentions: &[NameMention]) -> Vec<Claim> {
    let prose = sentence.prose;
    let days = calendar::weekdays_dates_and_years(sentence);
    let ages = ages::ages(sentence, mentions);
    let taken = |range: &Range<usize>| {
        days.iter()
            .chain(&ages)
            .any(|d| d.range.start < range.end && range.start < d.range.end)
    };
    let mut found: Vec<Found> = quantities_in(sentence)
        .into_iter()
        // "one" is more often a word than a count: "one of", "from one
        // contest to the next".
        .filter(|q| {
            !prose
                .get(q.range.clone())
                .is_some_and(|w| w.eq_ignore_ascii_case("one"))
        })
        // The day of a date is no count ("the April 19 primary"), and an
        // age is no duration ("a 54-year-old").
        .filter(|q| !taken(&q.range))
        .map(|q| Found {
            range: q.range.clone(),
            phrase: q.phrase.start.min(q.range.start)..q.phrase.end.max(q.range.end),
            attribute: attribute_of(&q),
            value: Value::Quantity(q),
            person: None,
            paired_date: None,
            in_anothers_service: false,
        })
        .collect();
    found.extend(days);
    found.extend(ages);
    found.extend(roles::titles(sentence, mentions));
    found.sort_by_key(|f| f.range.start);
    drop_paired_years(prose, &mut found);
    let years = years_in(sentence);
    // Two or more other values of an attribute in one sentence make a
    // tally; a bare number carries the unit of the figure before it ("Cruz
    // has 11 delegates, Rubio has 10").
    let bare = |f: &Found| matches!(&f.attribute, Attribute::Count { noun } if noun.is_empty());
    let tallies: Vec<bool> = found
        .iter()
        .map(|f| {
            matches!(f.value, Value::Quantity(_))
                && found
                    .iter()
                    .filter(|g| g.attribute == f.attribute || bare(g))
                    .count()
                    >= 3
        })
        .collect();
    if found.is_empty() {
        return Vec::new();
    }
    let sentence_time = time::SentenceTime::of(sentence);
    found
        .into_iter()
        .zip(tallies)
        .filter_map(|(found, in_tally)| build(sentence, &sentence_time, found, in_tally, &years))
        .collect()
}

/// "Obama's 2008 and 2012 campaigns": each year of a pair is true of part
/// of what the sentence says, so neither is a year to compare alone.
fn drop_paired_years(prose: &str, found: &mut Vec<Found>) {
    let mut paired = vec![false; found.len()];
    for (i, pair) in found.windows(2).enumerate() {
        let joined = pair.iter().all(|f| f.attribute == Attribute::Year)
            && prose
                .get(pair[0].range.end..pair[1].range.start)
                .is_some_and(|gap| matches!(gap, " and " | " or " | ", " | " & "));
        if joined {
            paired[i] = true;
            paired[i + 1] = true;
        }
    }
    let mut paired = paired.into_iter();
    found.retain(|_| !paired.next().unwrap_or(false));
}

/// Whether a verb of length governs a duration: "lasted two hours",
/// "for three days".
fn is_a_length(sentence: &Sentence, phrase: &Range<usize>) -> bool {
    sentence
        .last_words_within(sentence.range.start..phrase.start, 2)
        .iter()
        .any(|(_, word)| {
            matches!(
                lower_case(word).as_ref(),
                "lasted" | "lasting" | "took" | "spent" | "for"
            )
        })
}

/// Whether the word right before a value makes a name's figure, a share or
/// a price its standing to date: "has 503", "comes in at 9 percent", "at
/// $220 a tonne".
fn standing(sentence: &Sentence, phrase: &Range<usize>) -> bool {
    let before = sentence.last_words_within(sentence.range.start..phrase.start, 1);
    before
        .last()
        .is_some_and(|(_, word)| STANDING_VERBS.contains(&lower_case(word)))
}

/// The attribute a quantity gives: its unit says which.
fn attribute_of(q: &Quantity) -> Attribute {
    let measure = q.measure.trim_end_matches('#');
    if q.ordinal {
        return Attribute::Ordinal;
    }
    match measure {
        "minute" | "day" | "month" => Attribute::Duration,
        "percent" | "percentage point" => Attribute::Share {
            unit: measure.to_string(),
        },
        _ if units::is_currency_code(measure) => Attribute::Money {
            currency: measure.to_string(),
        },
        _ => Attribute::Count {
            noun: measure.to_string(),
        },
    }
}

/// The claim of a found value, from the reading of its sentence; none for
/// a poll's margin of error, a window counted back from the day of writing
/// or a count under way: none of them is a fact another article retells.
fn build(
    sentence: &Sentence,
    sentence_time: &time::SentenceTime,
    found: Found,
    in_tally: bool,
    years: &[u16],
) -> Option<Claim> {
    let span = value_span(&found);
    let reading = match &found.attribute {
        // A title is about its person; what else the sentence says of its
        // words is of no use, and titles are the most common claims.
        Attribute::Title => Reading::default(),
        _ => read(sentence, &span),
    };
    if reading.error_margin || reading.window || reading.count_under_way {
        return None;
    }
    // A capitalised word that opens a clause ("After Geneva") is no name.
    let mut entities: Vec<(String, usize)> = reading
        .entities
        .iter()
        .filter(|(name, _)| {
            !CAPITALISED_OPENERS.contains(name) && !is_stopword(name) && !is_day_or_month(name)
        })
        .map(|(name, distance)| (entity_key(name), *distance))
        .collect();
    entities.sort_by_key(|(_, distance)| *distance);
    // Nearest first: keep each name's first; a sentence names few.
    let mut kept = 0;
    for i in 0..entities.len() {
        if !entities[..kept]
            .iter()
            .any(|(name, _)| *name == entities[i].0)
        {
            entities.swap(kept, i);
            kept += 1;
        }
    }
    entities.truncate(kept);
    let owner = reading.owner.as_deref().map(entity_key);
    let (person_key, person) = found.person.clone().unzip();
    if let Some(key) = person_key.or(owner.clone()) {
        entities.retain(|(e, _)| *e != key);
        entities.insert(0, (key, 0));
    }
    let editions = if found.attribute == Attribute::Year {
        edition::edition_names(sentence.prose, &found.range, &entities)
    } else {
        Vec::new()
    };
    // A title has no side of a change ("a team led by Secretary Rubio").
    let change = (found.attribute != Attribute::Title)
        .then(|| change_side(sentence, &found.phrase))
        .flatten()
        .filter(|side| !(span.is_time && *side == Change::By));
    let direction = (change == Some(Change::By))
        .then(|| direction(sentence, &found.phrase))
        .flatten();
    let mut time = time::of(
        sentence,
        sentence_time,
        &found.range,
        years,
        &reading,
        in_tally,
        found.paired_date,
    );
    time.historical |= found.in_anothers_service;
    // A date's own year is its value, not the time it holds: "announced
    // March 23, 2014" is a slip for the corpus's "March 23, 2015".
    if let Value::Date {
        year: Some(year), ..
    } = found.value
        && let Some(at) = time.years.iter().position(|y| i32::from(*y) == year)
    {
        time.years.remove(at);
    }
    // A change is between two days, and a name's figure in the present
    // ("Clinton has 503 delegates") is its standing that day: true of
    // their own time only.
    let is_level = matches!(
        found.attribute,
        Attribute::Share { .. } | Attribute::Money { .. }
    );
    time.snapshot |= change == Some(Change::By)
        || ((owner.is_some() || is_level) && standing(sentence, &found.phrase));
    // What a goal takes is a rule, not the day's count ("closed in on the
    // 2,383 delegates needed to win"), whatever tally the sentence tells.
    if reading.threshold.is_some() {
        time.snapshot = false;
    }
    // A day, date or year says itself when it holds: a poll or a tally in
    // its sentence ("the survey came before the June 7 primary") makes
    // the figures beside it true of their day, not the date. Only an
    // event picked by where it stands from the article's day ("the next
    // primary, on April 19") is true of that day alone; a weekday is read
    // against its article's week already ("last Saturday").
    if span.is_time {
        time.snapshot = found.attribute != Attribute::Weekday
            && sentence
                .last_words_within(sentence.range.start..found.range.start, RELATIVE_REACH)
                .iter()
                .any(|(_, w)| RELATIVE_INSTANCES.contains(&lower_case(w)));
    }
    let reckoning = match &found.value {
        Value::Quantity(q) => {
            match Reckoning::after(sentence.prose.get(q.phrase.end..).unwrap_or("")) {
                // Only a time is the time to another event ("19 points after
                // the talks" is not); "lasted two hours before the
                // delegations broke" is a length.
                Reckoning::Apart
                    if found.attribute != Attribute::Duration
                        || is_a_length(sentence, &q.phrase) =>
                {
                    Reckoning::Amount
                }
                Reckoning::Amount if found.attribute == Attribute::Duration && reading.frame => {
                    Reckoning::Within
                }
                reckoning => reckoning,
            }
        }
        Value::Year(_) => year_bound(sentence, &found.range),
        _ => Reckoning::Amount,
    };
    Some(Claim {
        range: found.range.clone(),
        phrase: found.phrase,
        subject: Subject {
            entities,
            person,
            owner,
            thing: reading.head.clone(),
            local: reading.local.clone(),
            venue: reading.venue.as_deref().map(entity_key),
            editions,
        },
        attribute: found.attribute,
        value: found.value,
        qualifiers: Qualifiers {
            // Revising a forecast is reported: "downgraded its forecast by
            // 11 per cent" says what happened to it.
            // What a goal takes is its rule, however hoped for the reaching
            // of it ("would reach the 1,237 delegates needed").
            forecast: reading.outlook
                && !(reading.outlook_named && change == Some(Change::By))
                && reading.threshold.is_none(),
            direction,
            change,
            part: reading.part,
            remainder: reading.remainder,
            margin: reading.margin,
            ranking: reading.ranking,
            percentile: reading.percentile,
            scope: reading.qualifiers,
            reckoning,
            threshold: reading.threshold,
        },
        time,
    })
}

/// How far back "since" may stand from the year it bounds, in its own
/// clause: "since emerging in Asia in 2003" is "since 2003".
const SINCE_REACH: usize = 5;

/// Whether a year bounds a span ("since 2006", "since emerging in 2003",
/// "by 2010") or dates a thing ("in 2013 alone"). A year before its
/// event's noun ("since the 1987 bombing") is the event's, told alike
/// with "since" or without.
fn year_bound(sentence: &Sentence, year: &Range<usize>) -> Reckoning {
    let before = sentence.last_words_within(sentence.range.start..year.start, SINCE_REACH);
    let right_before = before.last().map(|(_, word)| lower_case(word));
    if right_before
        .as_deref()
        .is_some_and(|w| HEAD_DETERMINERS.contains(w))
    {
        return Reckoning::Amount;
    }
    let in_clause = |at: usize| {
        !sentence
            .prose
            .get(at..year.start)
            .unwrap_or("")
            .contains([',', ';', ':'])
    };
    match right_before.as_deref() {
        Some("since" | "from" | "after") => Reckoning::Since,
        Some("until" | "till" | "by" | "before") => Reckoning::Until,
        _ if before
            .iter()
            .any(|(at, word)| in_clause(*at) && word.eq_ignore_ascii_case("since")) =>
        {
            Reckoning::Since
        }
        _ => Reckoning::Amount,
    }
}

/// Where a value stands and what kind it is, for its reading.
fn value_span(found: &Found) -> ValueSpan {
    let (measure, ordinal, counts) = match &found.value {
        Value::Quantity(q) => (
            q.measure.trim_end_matches('#').to_string(),
            q.ordinal,
            counts_a_noun(&q.measure),
        ),
        Value::Ordinal(_) => (String::new(), true, false),
        _ => (String::new(), false, false),
    };
    ValueSpan {
        phrase: found.phrase.clone(),
        measure,
        is_time: matches!(
            found.attribute,
            Attribute::Weekday | Attribute::Date | Attribute::Year
        ),
        is_day: matches!(found.attribute, Attribute::Weekday | Attribute::Date),
        ordinal,
        counts_a_noun: counts,
    }
}

/// A day or month is a time, not a name two claims can share ("Tuesday's
/// primaries"); "May" may be a person.
fn is_day_or_month(key: &str) -> bool {
    key != "may" && crate::lang::calendar::calendar_word(key).is_some()
}

/// A name as the index keys it: lower case, accents folded, a possessive
/// dropped ("Zelenskyy's" and "Zelenśkyy" are one key).
pub fn entity_key(name: &str) -> String {
    fold_accents(&lower_case(crate::text::names::without_possessive(name)))
}

/// "to 19" or "the revised 19", against "from 28" or "the original 28";
/// "up $5", "by 3 per cent", "a 37 per cent rise" give the change itself.
fn change_side(sentence: &Sentence, phrase: &Range<usize>) -> Option<Change> {
    let before = sentence.last_words_within(sentence.range.start..phrase.start, 2);
    // "up to 50" is a ceiling and "equal to 2.5 per cent" a level, not
    // the new side of a change.
    let mut last_two = before.iter().rev().take(2).map(|(_, w)| lower_case(w));
    if last_two.next().as_deref() == Some("to")
        && last_two
            .next()
            .is_some_and(|w| TO_WITHOUT_CHANGE.contains(&w))
    {
        return None;
    }
    let side = before.iter().rev().take(2).find_map(|(_, word)| {
        let lower = lower_case(word);
        if CHANGE_TO.contains(&lower) {
            Some(Change::To)
        } else if CHANGE_FROM.contains(&lower) {
            Some(Change::From)
        } else if CHANGE_BY.contains(&lower)
            || CHANGE_NOUNS.contains(&lower)
            || CHANGE_VERBS.contains(&lower)
        {
            Some(Change::By)
        } else {
            None
        }
    });
    if side.is_some() {
        return side;
    }
    let after = sentence.first_words_within(phrase.end..sentence.range.end, 1);
    after
        .first()
        .is_some_and(|(_, word)| CHANGE_NOUNS.contains(&lower_case(word)))
        .then_some(Change::By)
}

/// The words a claim's context can share with another's, as the corpus
/// counts them: a capitalised word by its name key, any other content
/// word by its stem. Each once per text.
pub fn context_terms(text: &str) -> std::collections::BTreeSet<String> {
    let mut terms = std::collections::BTreeSet::new();
    let words = text.words().map(|word| (word, lower_case(word)));
    visit_context_terms(words, |term| {
        terms.insert(term.to_string());
    });
    terms
}

/// Each context term of a text, in order, repeats included; one buffer for
/// figures, no set: the index asks this of every sentence with a claim.
fn visit_context_terms<'w, L: AsRef<str>>(
    words: impl Iterator<Item = (&'w str, L)>,
    mut visit: impl FnMut(&str),
) {
    let mut figure = String::new();
    for (word, lower) in words {
        let Some(first) = word.chars().next() else {
            continue;
        };
        // Figures are terms too: "29 cents" and "$10" beside a value say
        // which story it belongs to as well as any name.
        if first.is_ascii_digit() {
            figure.clear();
            figure.push('#');
            let digits = word.chars().filter(char::is_ascii_digit);
            let mut count = 0;
            let mut only_zero = true;
            for digit in digits {
                count += 1;
                only_zero &= digit == '0';
                // Leading zeros dropped, as "007" and "7" are one figure.
                if figure.len() > 1 || digit != '0' {
                    figure.push(digit);
                }
            }
            if count > 1 || !only_zero {
                visit(&figure);
            }
            continue;
        }
        if word.len() < 3 || !first.is_alphabetic() {
            continue;
        }
        let lower = lower.as_ref();
        if is_stopword(lower) {
            continue;
        }
        if crate::text::names::is_capitalised(word) || word.chars().all(|c| c.is_ascii_uppercase())
        {
            visit(&entity_key(word));
        } else if lower.chars().all(char::is_alphabetic) {
            visit(&crate::lang::lemma::stem(lower));
        }
    }
}

/// A context term as the index keeps it: a hash, so that a corpus of
/// millions of sentences stores four bytes a term. Stable across runs (no
/// random seed), which the index's identity needs.
pub fn term_hash(term: &str) -> u32 {
    use std::hash::{Hash, Hasher};
    let mut hasher = rustc_hash::FxHasher::default();
    term.hash(&mut hasher);
    (hasher.finish() >> 32) as u32
}

/// The context terms of a sentence as sorted, distinct hashes, from its
/// words as segmented and lower-cased already.
pub fn term_hashes(sentence: &Sentence) -> Vec<u32> {
    let mut hashes: Vec<u32> = Vec::with_capacity(sentence.words().len());
    let words = sentence
        .lowered_words()
        .map(|(_, word, lower)| (word, lower));
    visit_context_terms(words, |term| hashes.push(term_hash(term)));
    hashes.sort_unstable();
    hashes.dedup();
    hashes
}

/// The content words of a text, for comparing what two statements are
/// about: lower-cased, singular, without function words or numbers.
pub fn content_words(text: &str) -> std::collections::BTreeSet<String> {
    text.words()
        .map(|w| w.to_lowercase())
        .filter(|w| w.len() > 2 && w.chars().all(char::is_alphabetic) && !is_stopword(w))
        .map(|w| singular(&w))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::statements::INCIDENT_NOUNS;

    fn find(text: &str) -> Vec<(String, Attribute, Value)> {
        claims(text, 0..text.len())
            .into_iter()
            .map(|c| (text[c.range.clone()].to_string(), c.attribute, c.value))
            .collect()
    }

    #[test]
    fn weekdays_dates_and_years_are_values_of_events() {
        let found = find("Talks in Geneva on Sunday, 23 November, and on November 24.");
        assert_eq!(found[0].2, Value::Weekday(6));
        assert_eq!(found[1].0, "23 November");
        assert_eq!(
            found[2].2,
            Value::Date {
                year: None,
                month: 11,
                day: 24
            }
        );
        let found = find("The tape was recorded in 2005 on a bus.");
        assert_eq!(found[0].1, Attribute::Year);
        assert_eq!(found[0].2, Value::Year(2005));
    }

    #[test]
    fn a_year_written_with_a_date_is_part_of_its_value_not_its_time() {
        let text = "Ortiz announced her run on March 23, 2015 in Ballarat.";
        let found = claims(text, 0..text.len());
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(&text[found[0].range.clone()], "March 23, 2015");
        assert!(found[0].time.years.is_empty(), "{:?}", found[0].time);
        let text = "In 2016 the vote fell on 1 March 2016.";
        let found = claims(text, 0..text.len());
        let date = found.iter().find(|c| c.attribute == Attribute::Date);
        assert_eq!(date.map(|c| &text[c.range.clone()]), Some("1 March 2016"));
        assert_eq!(date.map(|c| c.time.years.clone()), Some(vec![2016]));
    }

    /// The event word and venue of each claim in `text`.
    fn events(text: &str) -> Vec<(String, Option<String>, Option<String>)> {
        claims(text, 0..text.len())
            .into_iter()
            .map(|c| {
                (
                    text[c.range.clone()].to_string(),
                    c.subject.thing.map(|t| t.word),
                    c.subject.venue,
                )
            })
            .collect()
    }

    #[test]
    fn an_event_is_named_after_its_date_or_number_and_held_at_a_place() {
        // (sentence, value, event word, place)
        let cases: [(&str, &str, Option<&str>, Option<&str>); 12] = [
            (
                "Voters turn out for New York's April 19 primary.",
                "April 19",
                Some("primary"),
                Some("york"),
            ),
            (
                "Then comes the delegate-packed April 19 New York primary.",
                "April 19",
                Some("primary"),
                Some("york"),
            ),
            (
                "She spoke at the 4th International Conference on Memory in Sydney.",
                "4th",
                Some("conference"),
                Some("sydney"),
            ),
            (
                "They protest at Thursday night's Democratic primary debate in Milwaukee.",
                "Thursday",
                Some("debate"),
                Some("milwaukee"),
            ),
            // The people an event is between are not where it is held.
            (
                "It was the first debate between Clinton and Trump.",
                "first",
                Some("debate"),
                None,
            ),
            (
                "His son was killed in the 2011 Benghazi attack.",
                "2011",
                Some("attack"),
                Some("benghazi"),
            ),
            // The place is the name right after "in", not the country
            // after its comma.
            (
                "His son died in the 2012 attacks in Benghazi, Libya.",
                "2012",
                Some("attacks"),
                Some("benghazi"),
            ),
            (
                "The 2014 summit in New York, a week later, was short.",
                "2014",
                None,
                None,
            ),
            // An incident is placed by its target too.
            (
                "The invasion of Iraq in 2003 was rollback.",
                "2003",
                Some("invasion"),
                Some("iraq"),
            ),
            (
                "Troops on the scale of the 2003 invasion of Iraq.",
                "2003",
                Some("invasion"),
                Some("iraq"),
            ),
            // A meeting's "of" names its members, not its place; a month
            // is no place.
            (
                "The 2019 meeting of Harbourton growers was short.",
                "2019",
                None,
                None,
            ),
            (
                "The 2012 attack in September on the consulate.",
                "2012",
                Some("attack"),
                None,
            ),
        ];
        for (sentence, value, event, place) in cases {
            assert_eq!(
                events(sentence)[0],
                (
                    value.into(),
                    event.map(str::to_string),
                    place.map(str::to_string)
                ),
                "{sentence}"
            );
        }
        assert_eq!(
            events("After Friday's final pre-Iowa debate, Cruz drove north.")[0].1,
            Some("debate".to_string())
        );
        // A year of an election dates no incident.
        assert_eq!(events("She won the 2008 election in Ohio.")[0].1, None);
        // Something counted is not an event.
        assert_eq!(
            events("It was the sixth case of mad cow disease.")[0].2,
            None
        );
    }

    #[test]
    fn a_year_is_of_the_named_incident_in_its_own_clause() {
        let incident = |text: &str| {
            claims(text, 0..text.len())
                .into_iter()
                .find(|c| c.attribute == Attribute::Year)
                .map(|c| {
                    c.qualifiers
                        .scope
                        .into_iter()
                        .find(|q| INCIDENT_NOUNS.contains(&q.of))
                        .map(|q| (q.of, q.name))
                })
        };
        let orla = Some(Some(("cyclone".to_string(), vec!["orla".to_string()])));
        assert_eq!(
            incident("Cyclone Orla, which flattened much of Port Selby in 1987, was slow."),
            orla
        );
        assert_eq!(incident("Homes were lost to Cyclone Orla in 1987."), orla);
        assert_eq!(incident("In 1987 Cyclone Orla reached the coast."), orla);
        // Another clause, another subject: the shelters' year.
        assert_eq!(
            incident("After Cyclone Orla, the council built shelters in 1990."),
            Some(None)
        );
        // An incident word with no name of its own.
        assert_eq!(
            incident("The cyclone flattened Port Selby in 1987."),
            Some(None)
        );
    }

    /// Whether `name` is among the claim's names near its value.
    fn name_is_near(claim: &Claim, name: &str) -> bool {
        claim
            .subject
            .entities
            .iter()
            .any(|(e, distance)| e == name && *distance != FAR)
    }

    #[test]
    fn a_first_word_with_a_relative_clause_about_a_person_is_a_name() {
        let near = |text: &str, name: &str| name_is_near(&claims(text, 0..text.len())[0], name);
        assert!(near(
            "Brandt, who is serving his second term as mayor, spoke.",
            "brandt"
        ));
        // An everyday word is no name, whatever follows it.
        assert!(!near(
            "Officials, who are serving a second term, said little.",
            "officials"
        ));
        // Nor is a first word without the clause.
        assert!(!near(
            "Brandt is serving his second term as mayor.",
            "brandt"
        ));
    }

    #[test]
    fn a_possessive_first_word_is_a_name_unless_it_ranks_a_member() {
        // The last claim of each sentence: "third-largest" is one of its own.
        let near = |text: &str, name: &str| {
            name_is_near(claims(text, 0..text.len()).last().expect("a claim"), name)
        };
        assert!(near(
            "Okafor's tour of the depot lasted two hours.",
            "okafor"
        ));
        assert!(near("Okafor's second term began in 2019.", "okafor"));
        // An everyday word is no name with its possessive either.
        assert!(!near(
            "Industry's pay offer rose to 4% on Monday.",
            "industry"
        ));
        // The group of a ranked member: the winery is the subject.
        assert!(!near(
            "Tasmania's third-largest winery lost $4 million.",
            "tasmania"
        ));
        assert!(!near(
            "Tasmania's biggest winery lost $4 million.",
            "tasmania"
        ));
    }

    /// The counted or measured thing of a text's first claim.
    fn thing(text: &str) -> Option<String> {
        claims(text, 0..text.len())[0]
            .subject
            .thing
            .as_ref()
            .map(|t| t.word.clone())
    }

    #[test]
    fn a_length_of_time_is_of_what_lasted() {
        assert_eq!(
            thing("The working dinner in Geneva lasted three hours."),
            Some("dinner".to_string())
        );
        assert_eq!(
            thing("The Geneva talks lasted more than four hours."),
            Some("talks".to_string())
        );
        // An "of" phrase names what the tour was of, not what lasted.
        assert_eq!(
            thing("The tour of the container terminal lasted two hours."),
            Some("tour".to_string())
        );
        // A clause between says nothing of what lasted.
        assert_eq!(
            thing("The talks, which began in Geneva, lasted four hours."),
            None
        );
    }

    #[test]
    fn the_whole_a_member_is_one_of_is_no_part() {
        let part = |text: &str| {
            claims(text, 0..text.len())
                .into_iter()
                .map(|c| (text[c.range.clone()].to_string(), c.qualifiers.part))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            part("The Corran Belle is one of about 1,200 wrecks off the coast."),
            [("1,200".to_string(), false)]
        );
        assert_eq!(
            part("Crews said seven of the 12 trawlers stayed in port."),
            [("12".to_string(), true)]
        );
    }

    #[test]
    fn a_figure_reckons_an_amount_a_time_back_an_age_or_a_rate() {
        assert_eq!(Reckoning::after(" ago, when"), Reckoning::Ago);
        assert_eq!(Reckoning::after("-old girl"), Reckoning::Old);
        assert_eq!(Reckoning::after(" a tonne"), Reckoning::Per("tonne".into()));
        assert_eq!(Reckoning::after(" per hour"), Reckoning::Per("hour".into()));
        assert_eq!(Reckoning::after(" a new plan"), Reckoning::Amount);
        assert_eq!(Reckoning::after(" before the caucuses"), Reckoning::Apart);
        assert_eq!(Reckoning::after(" and a day after the"), Reckoning::Apart);
        assert_eq!(Reckoning::after(" and three more"), Reckoning::Amount);
        assert_eq!(
            Reckoning::after(" and ended shortly after"),
            Reckoning::Amount
        );
        assert_eq!(Reckoning::after(" in 2016"), Reckoning::Amount);
    }

    #[test]
    fn a_year_bounds_a_span_or_dates_a_thing() {
        let bound = |text: &str| {
            claims(text, 0..text.len())
                .into_iter()
                .find(|c| c.attribute == Attribute::Year)
                .map(|c| c.qualifiers.reckoning)
        };
        let since = Some(Reckoning::Since);
        assert_eq!(
            bound("Kestrel Mining has closed 40 pits since 2006."),
            since
        );
        assert_eq!(
            bound("The blight has killed 900 trees since reaching Wexcombe in 2014."),
            since
        );
        assert_eq!(
            bound("The Orrin fleet will be retired by 2031, the ministry said."),
            Some(Reckoning::Until)
        );
        let amount = Some(Reckoning::Amount);
        assert_eq!(
            bound("In 2013 alone, Kestrel Mining closed 12 pits."),
            amount
        );
        assert_eq!(
            bound("The quay has stood empty since the 1987 Dock Street explosion."),
            amount
        );
        assert_eq!(
            bound("Since then, Kestrel Mining has reopened a pit it closed in 2013."),
            amount
        );
    }

    #[test]
    fn a_span_things_happened_within_is_no_length() {
        let reckoning = |text: &str| {
            claims(text, 0..text.len())
                .into_iter()
                .find(|c| c.attribute == Attribute::Duration)
                .map(|c| c.qualifiers.reckoning)
        };
        let within = Some(Reckoning::Within);
        let amount = Some(Reckoning::Amount);
        assert_eq!(
            reckoning("The rows grew during her four years at the Treasury."),
            within
        );
        assert_eq!(
            reckoning("He wrote 300 songs over his 30 years with the band."),
            within
        );
        assert_eq!(
            reckoning("Prices doubled within two years of the sale."),
            within
        );
        assert_eq!(
            reckoning("The campaign was dogged for 17 months by the row."),
            amount
        );
        assert_eq!(
            reckoning("The drought ran over 20 years in the north."),
            amount
        );
        assert_eq!(reckoning("She served four years at the Treasury."), amount);
    }

    /// Each value's text with the side of a change it stands on.
    fn sides(text: &str) -> Vec<(String, Option<Change>, Option<Direction>)> {
        claims(text, 0..text.len())
            .into_iter()
            .map(|c| {
                let q = c.qualifiers;
                (text[c.range].to_string(), q.change, q.direction)
            })
            .collect()
    }

    #[test]
    fn a_verb_of_change_sizes_the_change_and_equal_to_is_a_level() {
        let sizes = |text: &str| sides(text).into_iter().next().map(|s| (s.1, s.2));
        assert_eq!(
            sizes("Output increased just 1.2% in the quarter."),
            Some((Some(Change::By), Some(Direction::Up)))
        );
        assert_eq!(
            sizes("Sales fell 8 per cent last year."),
            Some((Some(Change::By), Some(Direction::Down)))
        );
        assert_eq!(
            sizes("The deficit was equal to 2.5 percent of output."),
            Some((None, None))
        );
        assert_eq!(
            sizes("Crews of up to 50 people were sent."),
            Some((None, None))
        );
        assert_eq!(
            sizes("The plan was cut to 19 points."),
            Some((Some(Change::To), None))
        );
        // Money raised is an amount, not a change.
        assert_eq!(
            sizes("The campaign raised 20 million dollars."),
            Some((None, None))
        );
    }

    #[test]
    fn the_day_of_a_date_is_not_a_count() {
        let found = find("New York holds its April 19 primary, and 19 primaries remain.");
        let values: Vec<&str> = found.iter().map(|c| c.0.as_str()).collect();
        assert_eq!(
            values,
            vec!["April 19", "19"],
            "the count of primaries stays"
        );
    }

    #[test]
    fn attributes_are_typed_by_unit() {
        let found = find(
            "The plan was cut to 19 points, a 32% cut, after $100bn of aid and five hours of talks.",
        );
        let attributes: Vec<Attribute> = found.into_iter().map(|c| c.1).collect();
        assert_eq!(
            attributes,
            vec![
                Attribute::Count {
                    noun: "point".into()
                },
                Attribute::Share {
                    unit: "percent".into()
                },
                Attribute::Money {
                    currency: "usd".into()
                },
                Attribute::Duration,
            ]
        );
    }

    #[test]
    fn a_figure_is_about_its_owner_and_its_thing() {
        let text = "Kyiv was handed Washington's 28-point peace plan on Thursday.";
        let claim = &claims(text, 0..text.len())[0];
        assert_eq!(claim.subject.owner.as_deref(), Some("washington"));
        assert_eq!(claim.subject.entities[0].0, "washington");
        assert_eq!(
            claim.subject.thing.as_ref().map(|t| t.word.as_str()),
            Some("plan")
        );
        let forecast = "The draft would put $200bn of frozen Russian assets into rebuilding.";
        assert!(claims(forecast, 0..forecast.len())[0].qualifiers.forecast);
    }

    #[test]
    fn an_ordinal_counts_its_own_noun_when_a_name_says_whose() {
        assert_eq!(
            thing("Cane may grow on the third stage of the Ord River Irrigation Scheme."),
            Some("stage".to_string())
        );
        assert_eq!(
            thing("Delegates met for the fourth round of talks."),
            Some("talks".to_string())
        );
    }

    #[test]
    fn a_name_after_a_preposition_owns_no_figure() {
        let owner = |text: &str| claims(text, 0..text.len())[0].subject.owner.clone();
        assert_eq!(
            owner("The partnership agreement with Le Havre has fifteen points."),
            None
        );
        assert_eq!(owner("Support for Varga has grown to 45 percent."), None);
        assert_eq!(
            owner("Le Havre has fifteen points in its plan."),
            Some("havre".to_string())
        );
        assert_eq!(
            owner("In the count, Ines Varga has 4,200 votes."),
            Some("varga".to_string())
        );
    }

    #[test]
    fn an_everyday_word_opening_a_clause_after_a_dash_is_no_name() {
        let text = "Ines Varga (Labor) — Announced March 23, 2015";
        let claim = &claims(text, 0..text.len())[0];
        assert_eq!(claim.subject.owner, None);
        let names: Vec<&str> = claim
            .subject
            .entities
            .iter()
            .map(|(e, _)| e.as_str())
            .collect();
        assert_eq!(names, ["labor", "varga", "ines"]);
        // A name after a dash is still a name.
        let text = "The winner — Varga took 61 percent of the vote.";
        let claim = &claims(text, 0..text.len())[0];
        assert_eq!(claim.subject.owner.as_deref(), Some("varga"));
    }

    #[test]
    fn revising_a_forecast_is_reported_but_the_forecast_figure_is_not() {
        let forecast = |text: &str| claims(text, 0..text.len())[0].qualifiers.forecast;
        assert!(!forecast(
            "The bureau has cut its forecast for the wool clip by 9 per cent since May."
        ));
        assert!(forecast(
            "The bureau's forecast 9 per cent rise in the wool clip came early."
        ));
        assert!(forecast(
            "The bureau forecast a 9 per cent rise in the wool clip."
        ));
        assert!(forecast("The bureau will cut its forecast to 9 per cent."));
    }

    #[test]
    fn titles_and_ages_are_about_their_person() {
        let text = "Defence Minister Denys Shmyhal, 50, met Kremlin spokesman Dmitry Peskov.";
        let found = claims(text, 0..text.len());
        let people: Vec<(Attribute, Option<&str>, &str)> = found
            .iter()
            .map(|c| {
                (
                    c.attribute.clone(),
                    c.subject.person.as_deref(),
                    c.subject.entities[0].0.as_str(),
                )
            })
            .collect();
        assert_eq!(
            people,
            vec![
                (Attribute::Title, Some("Denys Shmyhal"), "shmyhal"),
                (Attribute::Age, Some("Denys Shmyhal"), "shmyhal"),
                (Attribute::Title, Some("Dmitry Peskov"), "peskov"),
            ]
        );
    }

    #[test]
    fn initials_after_a_name_are_not_the_persons() {
        let text = "Counsel told Justice Ana Rares AWI had changed its case.";
        let found = claims(text, 0..text.len());
        let people: Vec<Option<&str>> = found.iter().map(|c| c.subject.person.as_deref()).collect();
        assert_eq!(people, vec![Some("Ana Rares")]);
    }

    #[test]
    fn windows_counts_under_way_and_paired_years_are_no_claims() {
        let values = |text: &str| -> Vec<String> { find(text).into_iter().map(|f| f.0).collect() };
        assert!(values("Her party has won seven of the past eight elections.").is_empty());
        assert!(values("With 76 percent of the vote counted, Ortiz was leading.").is_empty());
        assert_eq!(
            values("Ortiz won 60 percent of the vote in Merrow."),
            vec!["60"]
        );
        assert!(values("Ortiz ran the party's 2016 and 2020 campaigns.").is_empty());
        assert_eq!(values("Ortiz ran the party's 2016 campaign."), vec!["2016"]);
    }

    #[test]
    fn a_names_everyday_word_and_a_distances_landmark_are_not_its_subject() {
        let entities = |text: &str| -> Vec<String> {
            claims(text, 0..text.len())
                .into_iter()
                .flat_map(|c| c.subject.entities.into_iter().map(|(e, _)| e))
                .collect()
        };
        let stud = entities("At the show, the top ram from the Nyowee Stud sold for $21,000.");
        assert!(stud.contains(&"nyowee".to_string()), "{stud:?}");
        assert!(!stud.contains(&"stud".to_string()), "{stud:?}");
        let site = entities("The jaw was found 400 kilometres northeast of Port Selby.");
        assert!(
            !site.iter().any(|e| e == "selby" || e == "port"),
            "{site:?}"
        );
        let station = entities("Yarrin Station, 150 kilometres west of Port Selby, was spared.");
        assert_eq!(station, vec!["yarrin".to_string()]);
    }

    #[test]
    fn a_post_in_anothers_team_and_a_form_of_address() {
        let text = "William Bennett, a Reagan education secretary, said no.";
        let found = claims(text, 0..text.len());
        assert!(
            found
                .iter()
                .all(|c| c.attribute == Attribute::Title && c.time.historical),
            "{found:?}"
        );
        let text = "Federal environment and heritage minister Senator Ruth Okafor spoke.";
        let posts: Vec<String> = claims(text, 0..text.len())
            .into_iter()
            .filter_map(|c| match c.value {
                Value::Title { post, .. } => Some(post),
                _ => None,
            })
            .collect();
        assert_eq!(posts, vec!["minister".to_string(), "senator".to_string()]);
    }

    #[test]
    fn roles_with_of_and_a_portfolio() {
        let text = "The former Secretary of the Treasury Jonas Pell spoke.";
        let claim = &claims(text, 0..text.len())[0];
        assert_eq!(&text[claim.range.clone()], "Secretary of the Treasury");
        assert!(matches!(
            &claim.value,
            Value::Title { post, former: true, .. } if post == "secretary of treasury"
        ));
        assert!(!roles_compatible(
            "secretary of commerce",
            "secretary of treasury"
        ));
        assert!(roles_compatible(
            "secretary of commerce",
            "commerce secretary"
        ));
    }

    #[test]
    fn a_date_holds_whatever_else_its_sentence_reports() {
        let date = |text: &str| {
            claims(text, 0..text.len())
                .into_iter()
                .find(|c| c.attribute == Attribute::Date)
                .unwrap_or_else(|| panic!("no date in {text}"))
        };
        let poll = date("The survey of 900 voters came ahead of the June 7 primary.");
        assert!(!poll.time.snapshot, "{poll:?}");
        let next = date("Harbourton is the site of the next council primary, on April 19.");
        assert!(next.time.snapshot, "{next:?}");
    }

    #[test]
    fn lower_case_ranks_and_australian_posts_are_titles() {
        let post = |text: &str| match claims(text, 0..text.len()).remove(0).value {
            Value::Title { post, .. } => post,
            other => panic!("no title in {text}: {other:?}"),
        };
        assert_eq!(
            post("Farmers are angry, but assistant treasurer Jonas Pell says otherwise."),
            "assistant treasurer"
        );
        assert_eq!(post("Chief Executive Mara Quist left."), "chief executive");
        assert_eq!(
            post("ACCC Commissioner Tom Vale held talks."),
            "accc commissioner"
        );
        assert_eq!(
            post("The lawyer told Justice Rares the case was weak."),
            "justice"
        );
    }

    #[test]
    fn a_seat_or_a_rank_is_held_alongside_a_post() {
        assert!(is_held_alongside_posts("senator"));
        assert!(is_held_alongside_posts("liberal senator"));
        assert!(is_held_alongside_posts("general"));
        assert!(!is_held_alongside_posts("attorney general"));
        assert!(!is_held_alongside_posts("secretary-general"));
        assert!(!is_held_alongside_posts("senate minority leader"));
        assert!(!is_held_alongside_posts("deputy senator"));
        assert!(!is_held_alongside_posts("committee chairman"));
    }

    #[test]
    fn the_head_of_a_body_is_described_not_named() {
        assert!(is_leader_description("nato chief"));
        assert!(is_leader_description("campaign chief"));
        assert!(is_leader_description("association head"));
        assert!(!is_leader_description("chief of staff"));
        assert!(!is_leader_description("head of the presidential office"));
        assert!(!is_leader_description("chief executive"));
        assert!(!is_leader_description("deputy chief"));
        assert!(!is_leader_description("secretary-general"));
    }

    #[test]
    fn roles_compare_by_words() {
        assert!(roles_compatible("minister", "defence minister"));
        assert!(!roles_compatible("foreign minister", "defence minister"));
        assert!(!roles_compatible("deputy mayor", "mayor"));
        assert!(roles_compatible("finnish president", "president"));
        assert_eq!(
            normalise_role("Defense Secretary").as_deref(),
            Some("defence secretary")
        );
    }
}
