//! Reading a value's sentence: the names around it and how near, the noun
//! it measures ("plan" in "a 28-point plan"), the name that owns it ("Cruz
//! has 11"), the content words of its clause, what qualifies its words
//! ("the Republican nomination", "60 percent of black voters"), and the
//! marks of a forecast, a remainder, a margin, a poll, a running tally or
//! the latest of something recurring. The claim record is built from it.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::lang::calendar::calendar_word;
use crate::lang::lemma::{is_participle, singular_is, stem};
use crate::lang::lexicon;
use crate::lang::numbers::{is_number_word, ordinal};
use crate::lang::statements::{
    CAPITALISED_OPENERS, CLAUSE_CONJUNCTIONS, COMPASS_DIRECTIONS, COUNT_PROGRESS_WORDS,
    COUNTED_WORDS, EVENT_NOUNS, HEAD_DETERMINERS, INCIDENT_NOUNS, LIGHT_VERBS, MARGIN_WORDS,
    NOT_ENTITIES, OBJECT_PREPOSITIONS, OUTLOOK_NOUNS, OUTLOOK_WORDS, OUTLOOK_WORDS_BEFORE_TO,
    OWNER_VERBS, PART_WORDS, PART_WORDS_AFTER, PERCENTILE_WORDS, POLL_WORDS, RANKING_NOUNS,
    REMAINDER_WORDS, SNAPSHOT_WORDS, SPAN_PREPOSITIONS, SPAN_PREPOSITIONS_BEFORE_A_DETERMINER,
    SUPERLATIVES, THRESHOLD_WORDS_AFTER, THRESHOLD_WORDS_BEFORE, TIME_WORDS,
};
use crate::lang::stopwords::is_stopword;
use crate::text::names::{is_capitalised, without_possessive};
use crate::text::sentence::Sentence;

/// Content words either side of the value that say what it is about.
const LOCAL_WORDS: usize = 5;
/// How far before a value a forecast word ("will") or a snapshot word
/// ("latest") reaches.
const OUTLOOK_REACH: usize = 8;
/// Words before a value that may say it is a margin of error ("the margin
/// of sampling error for all respondents is plus or minus 3.4").
const ERROR_MARGIN_REACH: usize = 8;
/// How far from a day or date the word of its event may stand.
const EVENT_REACH: usize = 6;
/// How far from a year the name of the incident it dates may stand
/// ("cyclone Tracy, which flattened much of Darwin in 1974").
const NAMED_INCIDENT_REACH: usize = 8;
/// How many words an "of" phrase may have before the word it ends on
/// ("of the container terminal").
const OF_PHRASE_WORDS: usize = 2;
/// How many modifiers may stand between a value and the event it dates or
/// numbers ("the 4th International Conference", "the first presidential
/// debate").
const EVENT_MODIFIERS: usize = 2;
/// How far after its event's word the place it is held at may be named
/// ("the 4th International Conference on Memory in Sydney").
const VENUE_REACH: usize = 6;
/// How far before a value its owner's name may stand.
const OWNER_REACH: usize = 5;
/// How far after a threshold's verb its goal's noun may stand ("to win
/// the Democratic Party's presidential nomination").
const GOAL_WORDS: usize = 5;
/// Units of distance a point of reference may follow.
const LENGTH_UNITS: [&str; 5] = ["kilometre", "km", "mile", "metre", "nautical mile"];
/// The distance given to a sentence's capitalised first word, which may be
/// a name or only the first word.
pub const FAR: usize = usize::MAX;

/// One content word near the value: its stem for comparing, the word for
/// saying what matched, and how many words stand between it and the value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FrameWord {
    pub stem: String,
    pub word: String,
    pub distance: usize,
}

impl FrameWord {
    pub fn of(lower: &str) -> FrameWord {
        FrameWord {
            stem: stem(lower),
            word: lower.to_string(),
            distance: 0,
        }
    }
}

/// What says which one of a word is meant: the name or modifiers before it
/// ("Republican" of "nomination"), with the stem of the word it qualifies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Qualifier {
    pub of: String,
    pub name: Vec<String>,
}

/// Where the value stands in its sentence and what kind it is.
pub struct ValueSpan {
    /// The value and its unit ("28-point", "19 points", "$100bn", "Sunday").
    pub phrase: Range<usize>,
    /// The unit's own word, which says nothing of what is measured.
    pub measure: String,
    /// A weekday or date: other calendar words are rival values, not names.
    pub is_time: bool,
    /// A weekday or date, which dates an event.
    pub is_day: bool,
    pub ordinal: bool,
    /// The unit is itself the counted thing ("troops"), not a unit of
    /// measure ("hours", "%", "$").
    pub counts_a_noun: bool,
}

/// A value's sentence, as its claim needs it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reading {
    /// Names in the sentence (lower case, possessive dropped), with their
    /// distance in words from the value.
    pub entities: Vec<(String, usize)>,
    /// The noun the value measures, right after it.
    pub head: Option<FrameWord>,
    /// Where the event a day, date or place in a series belongs to is held
    /// ("New York's April 19 primary", "the 4th Conference on Memory in
    /// Sydney"): lower case, possessive dropped.
    pub venue: Option<String>,
    /// Content words of the value's clause, nearest first on each side.
    pub local: Vec<FrameWord>,
    /// The name the value belongs to, right before it.
    pub owner: Option<String>,
    pub qualifiers: Vec<Qualifier>,
    /// A forecast word governs the value ("would cap … at 600,000").
    pub outlook: bool,
    /// Every such word names a forecast as a thing ("cut its forecast by
    /// 11 per cent"): a change of it is reported, not forecast.
    pub outlook_named: bool,
    /// A remainder or difference, not a total ("needs 836 more").
    pub part: bool,
    /// A remainder for certain ("still needs 159").
    pub remainder: bool,
    pub poll: bool,
    /// A standing in a race ("third-place finish").
    pub ranking: bool,
    /// A margin between rivals ("led by 20 points").
    pub margin: bool,
    /// A poll's margin of error ("plus or minus 3.4 percentage points"),
    /// a property of one survey: not a fact other articles tell again
    /// (two polls' margins were compared on real news).
    pub error_margin: bool,
    /// A window counted back from the day of writing ("won seven of the
    /// past eight contests", "in the last 10 years"): the writer's choice
    /// of span, which moves with every telling.
    pub window: bool,
    /// A span the clause's events fall within, not the length of one
    /// ("during her four years at State", "over his 12 years in the
    /// House"): another fact than how long anything in it lasted.
    pub frame: bool,
    /// The share counted so far on an election night ("with 76 percent of
    /// the vote counted"): the count's progress at one hour, not a result.
    pub count_under_way: bool,
    /// The latest of something recurring ("the newest release").
    pub snapshot: bool,
    /// A ranked slice of a population ("the top 1 percent").
    pub percentile: bool,
    /// What the figure is the threshold of ("the 2,383 delegates needed
    /// to win the nomination"): the plain words of the goal, stemmed
    /// ("nomin").
    pub threshold: Option<Vec<String>>,
}

struct Word<'a> {
    text: &'a str,
    lower: &'a str,
    range: Range<usize>,
}

/// The words of a sentence around one value.
struct Around<'s, 'a> {
    prose: &'a str,
    words: Vec<Word<'s>>,
    /// The first word of the value, and the first after it.
    first: usize,
    after: usize,
    span: &'s ValueSpan,
}

impl Around<'_, '_> {
    fn distance(&self, i: usize) -> usize {
        if i < self.first {
            self.first - i - 1
        } else {
            i.saturating_sub(self.after)
        }
    }

    /// Words that never say what a value is about: short, numeric,
    /// function words, time words, the unit itself.
    fn is_filler(&self, w: &Word) -> bool {
        w.lower.len() < 3
            || !w.lower.chars().all(char::is_alphabetic)
            || is_stopword(w.lower)
            || TIME_WORDS.contains(w.lower)
            || w.lower == self.span.measure
            || singular_is(w.lower, &self.span.measure)
            || is_number_word(w.lower)
            || (self.span.is_time && is_time_word(w.lower))
    }

    /// A clause break between two words: ; : ( ) or a dash.
    fn barrier(&self, from: usize, to: usize) -> bool {
        let (a, b) = (
            self.words[from.min(to)].range.end,
            self.words[from.max(to)].range.start,
        );
        self.prose
            .get(a..b)
            .is_some_and(|gap| gap.contains([';', ':', '(', ')', '—', '–']))
    }

    /// ", but the rate": a conjunction after a comma opens another clause.
    fn starts_clause(&self, i: usize) -> bool {
        CLAUSE_CONJUNCTIONS.contains(self.words[i].lower)
            && i > 0
            && self
                .prose
                .get(self.words[i - 1].range.end..self.words[i].range.start)
                .is_some_and(|gap| gap.contains(','))
    }

    fn near(&self, from: usize, to: usize) -> std::slice::Iter<'_, Word<'_>> {
        self.words[from.min(self.words.len())..to.min(self.words.len())].iter()
    }

    fn entities(&self) -> Vec<(String, usize)> {
        let capitalised = |word: &Word| {
            is_capitalised(word.text) && word.text.chars().any(char::is_lowercase)
                || word.text.len() > 1 && word.text.chars().all(|c| c.is_ascii_uppercase())
        };
        // The everyday nouns of a name with a word of its own ("Stud" of
        // "Nyowee Stud", "Station" of "Mardie Station") are shared by every
        // stud and station; the name's own word says which. Each word is
        // looked up once, and each capitalised run ("Nyowee Stud") asked
        // once whether it has a word of its own.
        let everyday: Vec<bool> = self
            .words
            .iter()
            .map(|w| capitalised(w) && is_everyday_word(w.text))
            .collect();
        let mut generic = vec![false; self.words.len()];
        let mut start = 0;
        while start < self.words.len() {
            let mut end = start + 1;
            while end < self.words.len()
                && capitalised(&self.words[end - 1])
                && capitalised(&self.words[end])
                && self.joined(&self.words[end - 1], &self.words[end])
            {
                end += 1;
            }
            if everyday[start..end].contains(&false) {
                generic[start..end].copy_from_slice(&everyday[start..end]);
            }
            start = end;
        }
        let reference = self.reference_place();
        let mut entities = Vec::new();
        for (i, word) in self.words.iter().enumerate() {
            if i >= self.first && i < self.after || reference.contains(&i) {
                continue;
            }
            if !capitalised(word) || NOT_ENTITIES.contains(word.lower) {
                continue;
            }
            if generic[i] {
                continue;
            }
            if self.span.is_time && is_time_word(word.lower) {
                continue;
            }
            // Any first word is capitalised, and so is an everyday word
            // after a dash: it may be a name ("Kyiv was handed"), but it
            // never counts as one near the value.
            let opener = (i == 0
                && !self.words.get(1).is_some_and(|n| is_capitalised(n.text))
                && !self.names_a_person(i)
                && !self.possessive_name(i))
                || self.opens_a_clause(i);
            let name = without_possessive(word.lower).to_string();
            entities.push((name, if opener { FAR } else { self.distance(i) }));
        }
        entities
    }

    /// The content words of the value's clause, up to `LOCAL_WORDS` each
    /// side, and what qualifies those after it.
    fn local(&self) -> (Vec<FrameWord>, Vec<Qualifier>) {
        let mut local = Vec::new();
        let mut qualifiers = Vec::new();
        // Names qualify the words after the value ("to win the Republican
        // nomination"); before it, a name is the subject ("City Hall lasted").
        let mut take = |indexes: &mut dyn Iterator<Item = usize>, anchor: usize, qualify: bool| {
            let mut taken = 0;
            let mut last = anchor;
            for i in indexes {
                if self.barrier(last, i) || self.starts_clause(i) {
                    break;
                }
                last = i;
                // Names are entities, not anchors: two sentences about
                // Rubio need more in common than Rubio.
                if self.is_filler(&self.words[i]) || (i > 0 && is_capitalised(self.words[i].text)) {
                    continue;
                }
                let word = FrameWord {
                    distance: self.distance(i),
                    ..FrameWord::of(self.words[i].lower)
                };
                if qualify && let Some(name) = self.qualifier_before(i) {
                    qualifiers.push(Qualifier {
                        of: word.stem.clone(),
                        name,
                    });
                }
                local.push(word);
                taken += 1;
                if taken == LOCAL_WORDS {
                    break;
                }
            }
        };
        if self.first < self.words.len() {
            take(&mut (0..self.first).rev(), self.first, false);
        }
        if self.after > 0 && self.after < self.words.len() {
            take(&mut (self.after..self.words.len()), self.after - 1, true);
        }
        (local, qualifiers)
    }

    /// The run of capitalised words (up to three) right before word `at`,
    /// with nothing but spaces or a possessive between them: "Republican"
    /// before "nomination". Not a sentence's first word, nor a day or month.
    fn qualifier_before(&self, at: usize) -> Option<Vec<String>> {
        let mut name = Vec::new();
        let mut next = at;
        while name.len() < 3 {
            let Some(before) = next.checked_sub(1) else {
                break;
            };
            let word = &self.words[before];
            let gap = self
                .prose
                .get(word.range.end..self.words[next].range.start)?;
            let bare = without_possessive(word.lower);
            if !gap.trim().is_empty()
                || before == 0
                || !is_capitalised(word.text)
                || NOT_ENTITIES.contains(bare)
                || CAPITALISED_OPENERS.contains(bare)
                || is_time_word(bare)
            {
                break;
            }
            name.push(bare.to_string());
            next = before;
        }
        (!name.is_empty()).then_some(name)
    }

    /// The name right before a value that it belongs to: "Rubio's fifth",
    /// "Cruz has 11", "Trump 37%"; not "The Hague for a two-day summit".
    fn owner(&self) -> Option<String> {
        let mut at = self.first;
        for _ in 0..OWNER_REACH {
            at = at.checked_sub(1)?;
            let word = &self.words[at];
            let gap = self
                .prose
                .get(word.range.end..self.words.get(at + 1)?.range.start)?;
            if gap.contains([',', ';', ':', '(', ')', '—', '–']) {
                return None;
            }
            let name = without_possessive(word.lower);
            if self.opens_a_clause(at) {
                return None;
            }
            if is_capitalised(word.text)
                && !is_time_word(name)
                && !NOT_ENTITIES.contains(name)
                && !CAPITALISED_OPENERS.contains(name)
                && !is_stopword(name)
            {
                // "The agreement with Le Havre has 15 points": the name is
                // the object of its preposition, not the verb's subject.
                let run_start = (0..=at)
                    .rev()
                    .take_while(|&i| is_capitalised(self.words[i].text))
                    .last()
                    .unwrap_or(at);
                let governed = run_start
                    .checked_sub(1)
                    .is_some_and(|p| OBJECT_PREPOSITIONS.contains(self.words[p].lower));
                return (!governed).then(|| name.to_string());
            }
            if !OWNER_VERBS.contains(word.lower) {
                return None;
            }
        }
        None
    }

    /// An everyday word capitalised because it opens a clause after a
    /// dash or colon ("Ted Cruz — Announced March 23"), not a name.
    fn opens_a_clause(&self, i: usize) -> bool {
        i > 0
            && self
                .prose
                .get(self.words[i - 1].range.end..self.words[i].range.start)
                .is_some_and(|gap| gap.contains(['—', '–', ':']))
            && lexicon::is_common_word(self.words[i].text)
    }

    /// A word that is no everyday word, with a relative clause about a
    /// person right after its comma: "Brandt, who is serving his second
    /// term". At a sentence's start it is still a name.
    fn names_a_person(&self, i: usize) -> bool {
        self.words.get(i + 1).is_some_and(|next| {
            next.lower == "who"
                && self
                    .prose
                    .get(self.words[i].range.end..next.range.start)
                    .is_some_and(|gap| gap.trim() == ",")
        }) && !lexicon::is_common_word(self.words[i].text)
    }

    /// A possessive of a word that is no everyday word: "Philippe's tour",
    /// "BHP's profit". A sentence may open with it and it is still a name;
    /// "Today's" and "It's" are not. Before a word that ranks one of a
    /// group ("Australia's third-largest winery") it names the group, and
    /// the subject is the ranked one.
    fn possessive_name(&self, i: usize) -> bool {
        let text = self.words[i].text;
        let bare = without_possessive(text);
        if bare.len() == text.len() || lexicon::is_common_word(bare) {
            return false;
        }
        let ranks = |at: usize| {
            self.words.get(at).is_some_and(|word| {
                SUPERLATIVES.contains(word.lower.rsplit('-').next().unwrap_or(word.lower))
            })
        };
        let ordinal_first = self
            .words
            .get(i + 1)
            .is_some_and(|w| ordinal(w.lower).is_some());
        !(ranks(i + 1) || (ordinal_first && ranks(i + 2)))
    }

    fn joined(&self, a: &Word, b: &Word) -> bool {
        self.prose
            .get(a.range.end..b.range.start)
            .is_some_and(|gap| gap.trim().is_empty())
    }

    /// Where the noun a value hangs on stands, right after it: "plan" in
    /// "a 28-point plan", or the end of the "of" phrase in "$100bn of
    /// frozen Russian assets".
    fn head_after(&self) -> Option<usize> {
        let next = self.words.get(self.after)?;
        if next.lower == "of" {
            // The last word of the run that follows, before a function word.
            let mut head = None;
            let mut last = next;
            for (at, word) in self.words.iter().enumerate().skip(self.after + 1).take(4) {
                if !self.joined(last, word) {
                    break;
                }
                if HEAD_DETERMINERS.contains(word.lower) && head.is_none() {
                    last = word;
                    continue;
                }
                // A name after an ordinal's "of" says whose series it is
                // ("the second stage of the Ord River Irrigation Scheme"):
                // the ordinal's own noun is what it counts.
                if self.span.ordinal && head.is_none() && is_capitalised(word.text) {
                    return None;
                }
                if self.is_filler(word) || (head.is_some() && is_participle(word.lower)) {
                    break;
                }
                head = Some(at);
                last = word;
            }
            return head;
        }
        // "28-point plan": the unit is glued to the number, a noun follows.
        let previous = self.after.checked_sub(1).map(|p| &self.words[p]);
        let hyphenated = previous.is_some_and(|p| {
            self.prose
                .get(p.range.start.saturating_sub(1)..p.range.start)
                .is_some_and(|c| c == "-")
        });
        if !(hyphenated && previous.is_some_and(|p| self.joined(p, next))) {
            return None;
        }
        // The last noun of the compound: "peace" and then "plan" in
        // "28-point peace plan drawn up".
        let mut head = None;
        let mut last = previous?;
        for (at, word) in self.words.iter().enumerate().skip(self.after).take(3) {
            if !self.joined(last, word) || self.is_filler(word) || is_participle(word.lower) {
                break;
            }
            head = Some(at);
            last = word;
        }
        head
    }

    /// "of black voters": the words before an "of" phrase's head say which
    /// of them; "Florida delegates": a name before a head does.
    fn head_qualifier(&self, at: usize, head: &FrameWord) -> Option<Qualifier> {
        let modifiers: Vec<String> = if self.words[self.after].lower == "of" {
            self.words[self.after + 1..at]
                .iter()
                .filter(|w| !HEAD_DETERMINERS.contains(w.lower) && !self.is_filler(w))
                .map(|w| w.lower.to_string())
                .collect()
        } else {
            self.qualifier_before(at).unwrap_or_default()
        };
        (!modifiers.is_empty()).then(|| Qualifier {
            of: head.stem.clone(),
            name: modifiers,
        })
    }

    /// Where the event a day or date belongs to is named: the word of an
    /// event right after it ("the June 7 primary", "Friday's final
    /// pre-Iowa debate"), else the noun after a possessive day ("Sunday's
    /// talks", "Saturday night's debate"), else the nearest content word
    /// before it past prepositions, names and light verbs ("met in Geneva
    /// on Sunday", "the meeting came in Geneva on Sunday", "said on
    /// Monday").
    fn event_at(&self) -> Option<usize> {
        self.event_named_after(self.after)
            .or_else(|| self.event_after())
            .or_else(|| self.event_before())
    }

    /// An event's own word right after its value, past names and a
    /// modifier or two: "the June 7 primary", "the April 19 New York
    /// primary", "the 4th International Conference", "their second
    /// televised debate". Only the words of events (`EVENT_NOUNS`) count.
    fn event_named_after(&self, from: usize) -> Option<usize> {
        let mut last = self.words.get(from.checked_sub(1)?)?;
        let mut modifiers = 0;
        let mut event = None;
        for (at, word) in self.words.iter().enumerate().skip(from).take(EVENT_REACH) {
            let gap = self.prose.get(last.range.end..word.range.start)?;
            if !(gap.trim().is_empty() || gap == "-") || is_stopword(word.lower) {
                break;
            }
            last = word;
            // The last of a compound is its head: "primary debate".
            if EVENT_NOUNS.contains(word.lower) {
                event = Some(at);
                continue;
            }
            if event.is_some() {
                break;
            }
            if is_capitalised(word.text) || TIME_WORDS.contains(without_possessive(word.lower)) {
                continue;
            }
            modifiers += 1;
            if modifiers > EVENT_MODIFIERS {
                break;
            }
        }
        event
    }

    /// Where the event at `event` is held: a name after "in" or "at"
    /// following the event's word ("the 4th Conference on Memory in
    /// Sydney", "Thursday's Democratic debate in Milwaukee"), else a
    /// possessive name right before the value ("New York's April 19
    /// primary"), else a name between the value and the event's word ("the
    /// April 19 New York primary").
    fn venue(&self, event: usize) -> Option<String> {
        let key = |w: &Word| without_possessive(w.lower).to_string();
        // An incident also names its place by its target: "the invasion of
        // Iraq".
        let incident = INCIDENT_NOUNS.contains(self.words[event].lower);
        let mut last = event;
        for at in event + 1..(event + 1 + VENUE_REACH).min(self.words.len()) {
            if self.barrier(last, at) {
                break;
            }
            let preposition = self.words[at].lower;
            if matches!(preposition, "in" | "at") || incident && preposition == "of" {
                // The place is the name right after: "Benghazi" of "in
                // Benghazi, Libya", not the country after the comma.
                let mut place = None;
                for word in self.words[at + 1..].iter() {
                    let joined = place.is_none_or(|last| self.joined(last, word));
                    if !is_capitalised(word.text) || !joined || calendar_word(word.lower).is_some()
                    {
                        break;
                    }
                    place = Some(word);
                }
                if let Some(place) = place {
                    return Some(key(place));
                }
                break;
            }
            last = at;
        }
        if event < self.after {
            return None;
        }
        let before = self.first.checked_sub(1).map(|i| &self.words[i]);
        if let Some(owner) = before
            .filter(|w| is_capitalised(w.text) && without_possessive(w.lower).len() < w.lower.len())
        {
            return Some(key(owner));
        }
        let named = |w: &&Word| is_capitalised(w.text) && !EVENT_NOUNS.contains(w.lower);
        self.words[self.after..event].iter().rfind(named).map(key)
    }

    fn event_after(&self) -> Option<usize> {
        let mut last = self.words.get(self.after.checked_sub(1)?)?;
        let mut possessive = last.lower.ends_with("'s") || last.lower.ends_with("’s");
        let mut event = None;
        for (at, word) in self
            .words
            .iter()
            .enumerate()
            .skip(self.after)
            .take(EVENT_REACH)
        {
            if !self.joined(last, word) || is_stopword(word.lower) {
                break;
            }
            last = word;
            let bare = without_possessive(word.lower);
            if TIME_WORDS.contains(bare) && !possessive {
                // "Saturday night's debate"
                possessive = bare.len() < word.lower.len();
                continue;
            }
            if !possessive {
                break;
            }
            if is_capitalised(word.text) {
                continue;
            }
            if self.is_filler(word) {
                break;
            }
            event = Some(at);
        }
        event
    }

    fn event_before(&self) -> Option<usize> {
        self.clause_before(self.first, false).find(|&at| {
            let word = &self.words[at];
            // The report's own day ("said on Monday"): its verbs are
            // stop words elsewhere.
            matches!(word.lower, "said" | "says" | "say" | "told" | "added")
                || !(self.is_filler(word)
                    || is_capitalised(word.text)
                    || LIGHT_VERBS.contains(word.lower))
        })
    }

    /// The words before word `from`, nearest first, up to `EVENT_REACH`
    /// of them and no further than a clause barrier (or a comma, with
    /// `stop_at_comma`).
    fn clause_before(&self, from: usize, stop_at_comma: bool) -> impl Iterator<Item = usize> + '_ {
        (0..from).rev().take(EVENT_REACH).take_while(move |&at| {
            !self.barrier(at, at + 1)
                && (!stop_at_comma
                    || self
                        .prose
                        .get(self.words[at].range.end..self.words[at + 1].range.start)
                        .is_some_and(|gap| !gap.contains(',')))
        })
    }

    /// What a length of time is of, when the value follows "lasted": the
    /// nearest content word before the verb, past names ("the working
    /// dinner in Geneva lasted three hours"), or the noun an "of" phrase
    /// hangs on ("the tour of the container terminal lasted"). A dinner's
    /// hours are not the talks'.
    fn what_lasted(&self) -> Option<usize> {
        let verb = self.first.checked_sub(1)?;
        if !matches!(
            self.words[verb].lower,
            "lasted" | "lasts" | "last" | "lasting"
        ) {
            return None;
        }
        let content = |at: usize| {
            let word = &self.words[at];
            !(self.is_filler(word) || is_capitalised(word.text))
        };
        // A clause between ("the talks, which began in Geneva, lasted")
        // hides which word is the verb's subject.
        let mut clause = self.clause_before(verb, true);
        let nearest = clause.find(|&at| content(at))?;
        let head = clause
            .take(OF_PHRASE_WORDS + 2)
            .skip_while(|&at| self.words[at].lower != "of")
            .nth(1)
            .filter(|&at| content(at));
        Some(head.unwrap_or(nearest))
    }

    /// A forecast word governs the value: before it in the same clause
    /// ("would cap … at 600,000"), not after ("32 allies would sign").
    /// The second answer: each such word is a forecast named as a thing
    /// ("downgraded its forecast for crop yields by 11 per cent"), which a
    /// revision of it reports on.
    fn outlook(&self) -> (bool, bool) {
        let last = self.first.min(self.words.len().saturating_sub(1));
        let (any, all_named) = (self.first.saturating_sub(OUTLOOK_REACH)..self.first)
            .filter(|&i| {
                let w = &self.words[i];
                !self.barrier(i, last)
                    && (OUTLOOK_WORDS.contains(w.lower)
                        || (OUTLOOK_WORDS_BEFORE_TO.contains(w.lower)
                            && self.words.get(i + 1).is_some_and(|n| n.lower == "to")))
            })
            .fold((false, true), |(_, named), i| {
                (true, named && self.names_a_forecast(i))
            });
        (any, any && all_named)
    }

    /// "its forecast …": a forecast noun after a determiner, with words
    /// between it and the value ("the forecast 37 per cent rise" is the
    /// forecast figure itself).
    fn names_a_forecast(&self, i: usize) -> bool {
        OUTLOOK_NOUNS.contains(self.words[i].lower)
            && i + 1 < self.first
            && i.checked_sub(1)
                .is_some_and(|p| HEAD_DETERMINERS.contains(self.words[p].lower))
    }

    /// "seven of the past eight", "38 of the 50 at stake": the part of a
    /// whole. "One of 100,000 objects" singles out a member: the whole is
    /// still the group's plain size.
    fn of_whole(&self) -> bool {
        (self.first.saturating_sub(4)..self.first)
            .find(|&i| self.words[i].lower == "of")
            .is_some_and(|of| {
                self.words[of + 1..self.first]
                    .iter()
                    .all(|w| matches!(w.lower, "the" | "past" | "last" | "first"))
                    && of.checked_sub(1).is_some_and(|p| {
                        let w = self.words[p].lower;
                        w != "one"
                            && (w.chars().all(|c| c.is_ascii_digit() || c == ',')
                                || is_number_word(w)
                                || matches!(w, "all" | "most" | "some" | "any" | "none"))
                    })
            })
    }

    /// An incident named by its own name right after its word, in the
    /// value's own clause: "cyclone Tracy, which flattened Darwin in 1974",
    /// "Hurricane Katrina in 2005". The name stands within
    /// `NAMED_INCIDENT_REACH` words of the value, with nothing between but
    /// words and a comma before "which"; "after Cyclone Orla, the council
    /// built shelters in 1990" dates the shelters. The qualifier is of the
    /// incident's word as written, which `INCIDENT_NOUNS` lists.
    fn named_incident(&self) -> Option<Qualifier> {
        let from = self.first.saturating_sub(NAMED_INCIDENT_REACH + 1);
        let to = (self.after + NAMED_INCIDENT_REACH).min(self.words.len());
        (from..to).find_map(|at| {
            let noun = &self.words[at];
            if !INCIDENT_NOUNS.contains(noun.lower) {
                return None;
            }
            let mut name = Vec::new();
            let mut last = noun;
            for word in self.words[at + 1..].iter().take(3) {
                if !is_capitalised(word.text)
                    || !self.joined(last, word)
                    || is_time_word(word.lower)
                {
                    break;
                }
                name.push(without_possessive(word.lower).to_string());
                last = word;
            }
            let between = if at < self.first {
                self.prose
                    .get(last.range.end..self.words[self.first].range.start)?
            } else {
                self.prose
                    .get(self.words[self.after - 1].range.end..noun.range.start)?
            };
            let one_clause = !between.contains([';', ':', '(', ')', '—', '–', '.'])
                && between
                    .match_indices(',')
                    .all(|(comma, _)| between[comma + 1..].trim_start().starts_with("which"));
            (!name.is_empty() && one_clause).then(|| Qualifier {
                of: noun.lower.to_string(),
                name,
            })
        })
    }

    /// The name a distance is measured from ("400 kilometres northeast of
    /// the capital Addis Ababa"): a point of reference for anything near
    /// it, so it says nothing of which site the distance is of.
    fn reference_place(&self) -> Range<usize> {
        if !LENGTH_UNITS.contains(&self.span.measure.as_str()) {
            return 0..0;
        }
        let mut at = self.after;
        let word = |i: usize| self.words.get(i).map_or("", |w| w.lower);
        if COMPASS_DIRECTIONS.contains(word(at)) {
            at += 1;
        }
        if !matches!(word(at), "of" | "from") {
            return 0..0;
        }
        at += 1;
        while at < self.words.len() && !is_capitalised(self.words[at].text) && at < self.after + 5 {
            at += 1;
        }
        let start = at;
        while at < self.words.len()
            && is_capitalised(self.words[at].text)
            && (at == start || self.joined(&self.words[at - 1], &self.words[at]))
        {
            at += 1;
        }
        start..at
    }

    /// "the past eight contests", "seven of the last eight": a value after
    /// "last", "past" or "previous", or the part of one.
    fn window(&self) -> bool {
        let lower = |i: usize| self.words.get(i).map_or("", |w| w.lower);
        let is_window = |w: &str| matches!(w, "last" | "past" | "previous");
        self.first
            .checked_sub(1)
            .is_some_and(|i| is_window(lower(i)))
            || (lower(self.after) == "of"
                && lower(self.after + 1) == "the"
                && is_window(lower(self.after + 2)))
    }

    /// "during her four years", "throughout the 30 years", "over his eight
    /// years": a preposition of span before the value, with at most a
    /// determiner or possessive between ("over" and "in" only with one:
    /// "over 20 years" is a hedge, "in 20 years" a time to come).
    fn frame(&self) -> bool {
        let lower = |i: usize| self.words.get(i).map_or("", |w| w.lower);
        let Some(before) = self.first.checked_sub(1) else {
            return false;
        };
        let determiner = |w: &str| HEAD_DETERMINERS.contains(w) && !matches!(w, "a" | "an");
        SPAN_PREPOSITIONS.contains(lower(before))
            || determiner(lower(before))
                && before.checked_sub(1).is_some_and(|p| {
                    SPAN_PREPOSITIONS.contains(lower(p))
                        || SPAN_PREPOSITIONS_BEFORE_A_DETERMINER.contains(lower(p))
                })
    }

    /// "with 76 percent of the vote counted", "with 95 percent of precincts
    /// reporting": a share of the count followed by how far it has got
    /// ("in" only after "with": "won 60 percent of the vote in Iowa" is a
    /// result).
    fn count_under_way(&self) -> bool {
        if self.span.measure != "percent" {
            return false;
        }
        let after: Vec<&str> = self
            .near(self.after, self.after + 5)
            .map(|w| w.lower)
            .collect();
        let with = self
            .first
            .checked_sub(1)
            .is_some_and(|i| self.words[i].lower == "with");
        after.first() == Some(&"of")
            && after.iter().any(|w| COUNTED_WORDS.contains(w))
            && after
                .iter()
                .any(|w| COUNT_PROGRESS_WORDS.contains(w) || (with && *w == "in"))
    }

    /// The goal the value is the threshold of: "needed to win the
    /// nomination" after it, or "takes … to win" around it. The goal is
    /// told by the plain words after the goal's verb ("the party's
    /// nomination outright" → "nomin", "outright").
    fn threshold(&self) -> Option<Vec<String>> {
        let lower = |i: usize| self.words.get(i).map(|w| w.lower);
        let needed_after = lower(self.after).is_some_and(|w| THRESHOLD_WORDS_AFTER.contains(w))
            && lower(self.after + 1) == Some("to");
        let taken_before = self
            .first
            .checked_sub(1)
            .and_then(lower)
            .is_some_and(|w| THRESHOLD_WORDS_BEFORE.contains(w))
            && lower(self.after) == Some("to");
        let to = match (needed_after, taken_before) {
            (true, _) => self.after + 1,
            (false, true) => self.after,
            (false, false) => return None,
        };
        // "to" and its verb, then the goal's words, up to the clause's
        // end ("the leadership, a rule adopted in 2019").
        let goal_from = to + 2;
        let mut goal = Vec::new();
        let mut last = to + 1;
        for at in goal_from..(goal_from + GOAL_WORDS).min(self.words.len()) {
            let (before, word) = (&self.words[last], &self.words[at]);
            if !self.joined(before, word) {
                break;
            }
            last = at;
            if word.lower.len() > 1
                && !is_stopword(word.lower)
                && !is_capitalised(word.text)
                && without_possessive(word.lower) == word.lower
            {
                goal.push(stem(word.lower));
            }
        }
        Some(goal)
    }

    fn snapshot(&self) -> bool {
        let last = self.first.min(self.words.len().saturating_sub(1));
        (self.first.saturating_sub(OUTLOOK_REACH)..self.first)
            .any(|i| SNAPSHOT_WORDS.contains(self.words[i].lower) && !self.barrier(i, last))
    }
}

/// A capitalised word that is an everyday noun or adjective, and no name
/// of people or places ("Stud", "Station", "Bureau"; not "Park", "Brown").
fn is_everyday_word(word: &str) -> bool {
    let entry = lexicon::lookup(word);
    entry.is_english_word()
        && !entry.is_proper_noun()
        && !entry.is_given_name()
        && !entry.is_place()
        && entry.surname_frequency() < RARE_SURNAME
}

/// Surnames borne by fewer per 100,000 people are, capitalised in a name,
/// mostly the everyday word ("Wheat", "Council", "Court").
const RARE_SURNAME: u32 = 10;

/// The years `sentence` names, in order.
pub fn years_in(sentence: &Sentence) -> Vec<u16> {
    sentence
        .words()
        .iter()
        .filter(|(_, w)| w.len() == 4)
        .filter_map(|(_, w)| w.parse::<u16>().ok())
        .filter(|y| (1900..=2100).contains(y))
        .collect()
}

/// The reading of the value at `span` in `sentence`.
pub fn read(sentence: &Sentence, span: &ValueSpan) -> Reading {
    let words: Vec<Word> = sentence
        .lowered_words()
        .map(|(at, text, lower)| Word {
            text,
            lower,
            range: at..at + text.len(),
        })
        .collect();
    let first = words
        .iter()
        .position(|w| w.range.end > span.phrase.start)
        .unwrap_or(words.len());
    let after = words
        .iter()
        .position(|w| w.range.start >= span.phrase.end)
        .unwrap_or(words.len());
    let around = Around {
        prose: sentence.prose,
        words,
        first,
        after,
        span,
    };
    let entities = around.entities();
    let (local, mut qualifiers) = around.local();
    // A year of a storm or other incident with a name of its own
    // ("cyclone Tracy, which flattened Darwin in 1974") dates that one
    // incident wherever it is told.
    if span.is_time && !span.is_day {
        qualifiers.extend(around.named_incident());
    }
    // A day's or date's "thing" is the event it dates; a place in a series
    // may number an event ("the 4th International Conference"); a year
    // dates an incident ("the 2012 attacks", "the invasion of Iraq in
    // 2003"), or nothing of its own.
    let event_at = if span.is_day {
        around.event_at()
    } else if span.ordinal {
        around.event_named_after(first + 1)
    } else if span.is_time {
        around
            .event_named_after(after)
            .or_else(|| around.event_before())
            .filter(|&at| INCIDENT_NOUNS.contains(around.words[at].lower))
    } else {
        None
    };
    let head_at = if span.is_day || event_at.is_some() {
        event_at
    } else if span.is_time {
        None
    } else {
        around.head_after().or_else(|| around.what_lasted())
    };
    let venue = event_at
        .filter(|&at| EVENT_NOUNS.contains(around.words[at].lower))
        .and_then(|at| around.venue(at));
    let head = match head_at {
        Some(at) => Some(FrameWord::of(around.words[at].lower)),
        None if !span.is_time && span.counts_a_noun => Some(FrameWord::of(&span.measure)),
        None => None,
    };
    // The counted noun itself ("the first debate") has no words of its own
    // between it and the value.
    let head_after_value = head_at.filter(|&at| !span.is_time && at >= around.after);
    if let (Some(at), Some(head)) = (head_after_value, &head) {
        qualifiers.extend(around.head_qualifier(at, head));
    }
    let before = around.near(first.saturating_sub(3), first);
    let part_before = before.clone().any(|w| PART_WORDS.contains(w.lower));
    let right_after = around.near(after, after + 1);
    let part_after = right_after
        .clone()
        .any(|w| PART_WORDS_AFTER.contains(w.lower));
    let remainder = !span.is_time
        && before
            .chain(right_after)
            .any(|w| REMAINDER_WORDS.contains(w.lower));
    let part = !span.is_time && (around.of_whole() || part_before || part_after);
    let ranking = span.ordinal
        && head
            .as_ref()
            .is_some_and(|h| RANKING_NOUNS.contains(&h.word));
    let margin = !span.is_time
        && around
            .near(first.saturating_sub(4), first)
            .any(|w| MARGIN_WORDS.contains(w.lower));
    let error_margin = {
        let lowers: Vec<&str> = around
            .near(first.saturating_sub(ERROR_MARGIN_REACH), first)
            .map(|w| w.lower)
            .collect();
        lowers.windows(3).any(|w| w == ["plus", "or", "minus"])
            || (lowers.contains(&"margin") && lowers.contains(&"error"))
    };
    let percentile = span.measure == "percent"
        && first
            .checked_sub(1)
            .is_some_and(|i| PERCENTILE_WORDS.contains(around.words[i].lower));
    let (outlook, outlook_named) = around.outlook();
    Reading {
        owner: around.owner(),
        outlook,
        outlook_named,
        poll: around.words.iter().any(|w| POLL_WORDS.contains(w.lower)),
        snapshot: !span.is_time && around.snapshot(),
        entities,
        head,
        venue,
        local,
        qualifiers,
        part: part || remainder,
        remainder,
        ranking,
        margin,
        error_margin,
        window: !span.is_time && around.window(),
        frame: !span.is_time && around.frame(),
        count_under_way: around.count_under_way(),
        percentile,
        threshold: (!span.is_time).then(|| around.threshold()).flatten(),
    }
}

pub fn is_time_word(word: &str) -> bool {
    calendar_word(word).is_some()
}
