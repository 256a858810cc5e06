//! `name-spelling`: names spelled inconsistently. Three sources of truth, in
//! order: the house rules, the reference corpus (well-attested spellings and
//! their counts), and the draft itself (the first reference sets the form).
//!
//! Owns the comparison of spellings with the rules, corpus and draft; may
//! import `corpus`, `text`, `lang`, `rules`, `document`, `finding`.

mod attested;
mod draft;
mod house;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::sync::Arc;

use attested::{AttestedNames, Lookups, Neighbour};
use draft::{DraftSpellings, Seen};
use house::HouseSpellings;

use super::{Check, CheckContext, plural};
use crate::corpus::{Corpus, SpellingSource};
use crate::document::{BlockKind, Document};
use crate::finding::{Annotation, Code, Finding, Report, Severity};
use crate::lang::fold::fold_accents;
use crate::lang::lexicon;
use crate::lang::names::is_never_a_name;
use crate::lang::titles::is_title_before_name;
use crate::rules::{NameThresholds, RuleSet};
use crate::text::names::{NameMention, is_capitalised, name_mentions, same_name};
use crate::text::similarity::{Kinship, edit_distance, keeps_the_ends};

/// The check as the registry knows it.
pub const CHECK: super::Registered = super::Registered {
    codes: &[Code::NameSpelling],
    build: |context| Box::new(NameSpelling::new(context)),
};

const CODE: Code = Code::NameSpelling;

/// A typo needs this many letters to be told from another short name
/// ("Kel" / "Kelly", "Ari" / "Ariz"); romanisation variants need none.
/// Short names one edit apart are mostly two names ("Davos" / "Davis",
/// "Marea" / "Maria", "Bally" / "Billy"); measured on real news.
const MIN_NEAR_MISS_LETTERS: usize = 6;

/// A slip of the ear two edits from a name needs a long name to hide in
/// ("Stephanopolous"). In a short one two edits make another name that
/// sounds alike ("Woomera" / "Wimmera", "Meulen" / "Mellon", "Mauritian" /
/// "Martian"); measured on real news.
const MIN_TWO_EDIT_LETTERS: usize = 10;

/// A surname this common (bearers per 100,000 people) is many people's.
const COMMON_SURNAME_PER_100K: u32 = 20;
/// A corpus full name with a common surname is the person the surname
/// names when it stands in this many articles, or in at least 1 in
/// `MIN_INTRODUCED_SHARE` of those that use the surname.
const MIN_INTRODUCED_ARTICLES: usize = 2;
const MIN_INTRODUCED_SHARE: usize = 2;

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
            // The corpus's own capitals outrank the dictionary: it writes
            // "Macron" and "Sinner" as names, whatever else they mean.
            attested: AttestedNames::new(context.corpus.names(), &thresholds, |spelling| {
                is_never_a_name(spelling)
            }),
            sources: Sources {
                rules: context.rules.clone(),
                corpus: context.corpus.clone(),
            },
            thresholds,
        }
    }
}

impl Check for NameSpelling {
    fn run(&self, doc: &Document, report: &mut Report) {
        let house = self.house.findings(&self.sources, doc);
        // Flagged spans by start: a lookup per mention stays logarithmic
        // when a draft repeats a variant thousands of times.
        let mut flagged: BTreeMap<usize, usize> =
            house.iter().map(|f| (f.range.start, f.range.end)).collect();
        report.findings.extend(house);

        let prose = doc.prose();
        let lookups = Lookups::new(&self.attested, self.thresholds.min_similarity);
        let mut draft = DraftState::default();
        for (block, sentence) in doc.sentences() {
            // Headline Title Case capitalises every word; it is not a name list.
            if doc.is_cancelled() {
                break;
            }
            if block.kind == BlockKind::Heading {
                continue;
            }
            draft.sentence = sentence.start;
            for mention in name_mentions(prose, sentence) {
                if is_marked_sic(prose, &mention) || is_firm_name(prose, &mention) {
                    continue;
                }
                let overlaps_flagged = flagged
                    .range(..mention.range.end)
                    .rev()
                    .take(4)
                    .any(|(_, &end)| mention.range.start < end);
                if overlaps_flagged {
                    continue;
                }
                self.annotate(&lookups, prose, &mention, report);
                let found = self.check_mention(&lookups, doc, &mention, &mut draft);
                flagged.extend(found.iter().map(|f| (f.range.start, f.range.end)));
                report.findings.extend(found);
            }
        }
        report.findings.extend(
            draft
                .spellings
                .findings(doc, &self.attested, &self.thresholds),
        );
    }
}

/// A spelling marked [sic] is quoted as found, on purpose.
fn is_marked_sic(prose: &str, mention: &NameMention) -> bool {
    let end = mention
        .possessive
        .as_ref()
        .map_or(mention.range.end, |p| p.end);
    let after = prose.get(end..).unwrap_or("");
    let after = after.trim_start_matches([' ', ',', '"', '”', '’', '\'']);
    after.starts_with("[sic]") || after.starts_with("(sic)")
}

/// What one lint has learnt of the draft so far.
#[derive(Default)]
struct DraftState {
    /// Unknown spellings, for the draft-internal comparison.
    spellings: DraftSpellings,
    /// Surname → the given name it was introduced with ("Braynard" →
    /// "Matt"), so a bare surname later refers to that person.
    introduced: HashMap<String, String>,
    /// Spellings already reported as divided in the corpus: once per draft.
    divided: HashSet<String>,
    /// Where the sentence being read starts.
    sentence: usize,
}

/// Who a word of a name refers to, as far as the draft says.
#[derive(Clone, Copy)]
struct Entity<'a> {
    /// The given name before it in the mention, or the one the draft
    /// introduced it with earlier.
    given: Option<&'a str>,
    /// Its part in the draft's mention.
    role: Role,
    /// The whole name it stands in ("Ursula von der Leyan").
    name: &'a str,
}

/// "Moelis & Company", "Baird & Co": a firm named for its founders, not
/// the person or place the corpus spells alike.
fn is_firm_name(prose: &str, mention: &NameMention) -> bool {
    prose
        .get(mention.range.end..)
        .is_some_and(|after| after.trim_start_matches([' ', '\u{a0}']).starts_with('&'))
}

/// Whether a word can open a person's name: a given name, or a word that
/// is not an everyday one ("Red" in "Red Cross" is not).
fn can_be_given_name(word: &str) -> bool {
    let entry = lexicon::lookup(word);
    entry.is_given_name() || !entry.is_english_word()
}

/// Whether the word at `index` is joined to a neighbour by a hyphen.
fn is_hyphen_part(prose: &str, words: &[(&str, Range<usize>)], index: usize) -> bool {
    let joined = |left: &Range<usize>, right: &Range<usize>| {
        prose
            .get(left.end..right.start)
            .is_some_and(|between| matches!(between, "-" | "‐"))
    };
    let before = index
        .checked_sub(1)
        .is_some_and(|b| joined(&words[b].1, &words[index].1));
    let after = words
        .get(index + 1)
        .is_some_and(|(_, next)| joined(&words[index].1, next));
    before || after
}

/// The given name of the person whose name has a surname at `index`: the
/// nearest word before it that is not an initial ("Martin J. Gruenberg"),
/// unless that is a title ("Governor Brainard") or a particle ("Ursula von
/// der Leyen", whose surname is more than one word), or there is none.
fn given_name_before<'w>(words: &[(&'w str, Range<usize>)], index: usize) -> Option<&'w str> {
    let given = words[..index]
        .iter()
        .rev()
        .map(|(w, _)| *w)
        .find(|w| w.chars().count() > 1)?;
    (is_capitalised(given) && !is_never_a_name(given) && !lexicon::is_common_word(given))
        .then_some(given)
}

impl NameSpelling {
    /// Findings for one mention: a whole given name + surname that the corpus
    /// spells otherwise, or else each word that is a variant of a corpus word.
    fn check_mention<'s>(
        &'s self,
        lookups: &Lookups<'s>,
        doc: &Document,
        mention: &NameMention,
        draft: &mut DraftState,
    ) -> Vec<Finding> {
        let prose = doc.prose();
        let mut words: Vec<(&str, Range<usize>)> = mention
            .words
            .iter()
            .map(|r| (prose.get(r.clone()).unwrap_or(""), r.clone()))
            .collect();
        // "Professor Andrea Sella", "Russian Professor Andrei Okunkov": the
        // name starts after its last title, so "Andrea" is a given name,
        // held to the full name, not a surname; and "Mr Riley" alone is a
        // surname, not the corpus's given name "Rowley" or "Kevin".
        let titles = words[..words.len().saturating_sub(1)]
            .iter()
            .rposition(|(word, _)| is_never_a_name(word) || is_title_before_name(word))
            .map_or(0, |last| last + 1);
        words.drain(..titles);
        let after_title = titles > 0;
        // "Later Marolwe said": an everyday word opening the sentence is not
        // the name's first word (nor a given name that makes "Marolwe"
        // another person than "Hannah Marlowe").
        let opener = mention.sentence_initial
            && titles == 0
            && words.len() > 1
            && !is_hyphen_part(prose, &words, 0)
            && words.first().is_some_and(|(word, _)| {
                let entry = lexicon::lookup(word);
                entry.is_english_word() && !entry.is_real_name()
            });
        if opener {
            words.remove(0);
        }
        if let Some(finding) = self.check_full_name(lookups, doc, &words) {
            return vec![finding];
        }
        if let Some(((surname, _), given)) = words
            .split_last()
            .and_then(|(last, _)| Some((last, given_name_before(&words, words.len() - 1)?)))
        {
            draft
                .introduced
                .insert(surname.to_string(), given.to_string());
        }
        let name = mention.spelling(prose);
        let mut findings = Vec::new();
        let lone_initial_word = mention.sentence_initial && words.len() == 1;
        for (index, (word, range)) in words.iter().enumerate() {
            if !self.is_checkable(word) {
                continue;
            }
            // A given name before a surname belongs to that person; the
            // full-name comparison above is the only fair test of it, not
            // the corpus's single words ("Fareed" is not "Fred").
            if index == 0 && words.len() > 1 || self.is_distinct_given_name(&words, index) {
                continue;
            }
            let given = match index {
                0 if words.len() == 1 => draft.introduced.get(*word).map(String::as_str),
                0 => None,
                _ => given_name_before(&words, index),
            };
            let role = match (words.len(), index) {
                (1, _) if after_title => Role::Surname,
                (1, _) => Role::Lone,
                (_, 0) => Role::Given,
                _ => Role::Surname,
            };
            let entity = Entity {
                given,
                role,
                name: &name,
            };
            // "Bar-Yosef" is one surname: its parts are not the corpus's
            // single words ("Joseph"), but the draft's own spellings of
            // it must still agree.
            let verdict = if is_hyphen_part(prose, &words, index) {
                Verdict::Unknown
            } else {
                self.judge_word(lookups, word, entity)
            };
            match verdict {
                Verdict::Variant(neighbour)
                    if is_own_styling(prose, word, &neighbour.attested.spelling) => {}
                Verdict::Variant(neighbour) => {
                    findings.push(self.variant_finding(doc, word, range.clone(), &neighbour))
                }
                Verdict::Divided(neighbour) => {
                    if draft.divided.insert(word.to_string()) {
                        findings.push(self.divided_finding(word, range.clone(), &neighbour))
                    }
                }
                // A spelling the corpus uses is still held to the draft's
                // own: a name the corpus mentions twice must not hide the
                // draft's "Navalny" … "Navalnyy".
                Verdict::Attested | Verdict::Unknown => {
                    let partner = index.checked_sub(1).map(|before| words[before].0);
                    draft.spellings.record(Seen {
                        word: word.to_string(),
                        range: range.clone(),
                        role,
                        partner: partner.map(str::to_string),
                        sentence: draft.sentence,
                        may_set_standard: !lone_initial_word,
                        corpus_mentions: self.sources.corpus.names().mentions(word),
                    })
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
            && !word.chars().any(|c| c.is_ascii_digit() || c.is_control())
            && !word.chars().all(|c| c.is_uppercase() || !c.is_alphabetic())
            && !is_never_a_name(word)
            && !lexicon::is_common_word(word)
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
        !self.attested.full_names_with_surname(surname).is_empty()
    }

    fn judge_word<'s>(&'s self, lookups: &Lookups<'s>, word: &str, entity: Entity<'_>) -> Verdict {
        let names = self.sources.corpus.names();
        let own = names.mentions(word);
        // Nothing to weigh against: the corpus either uses the word or not.
        let on_its_own = || {
            if own > 0 {
                Verdict::Attested
            } else {
                Verdict::Unknown
            }
        };
        let neighbours = lookups.neighbours(word);
        let Some(best) = neighbours
            .iter()
            .find(|n| !forms_of_one_name(word, &n.attested.spelling))
            .cloned()
        else {
            return on_its_own();
        };
        let theirs = &best.attested.spelling;
        if !plays_the_role(entity.role, theirs) || adds_accents(word, theirs) {
            return on_its_own();
        }
        match self.same_person(entity, word, theirs) {
            Some(false) => return Verdict::Attested,
            // The draft introduces its own person ("Sandra Ripert", "Josh
            // Brolin") whom the corpus never names: letters alone do not make
            // them the corpus's "Rupert" or "Berlin".
            None if entity.given.is_some() && best.kinship != Kinship::Transliteration => {
                return on_its_own();
            }
            // The draft's "Friedrich Mertz" is the corpus's "Friedrich Merz":
            // the person settles it, whatever the lexicon says of "Mertz".
            Some(true) => {}
            // On spelling alone, a word that is itself a real name ("Ellen",
            // "Austin", "Collins") is that name, not a slip for another; and
            // a name people bear ("Allan", "Jackie") is no romanisation of
            // another ("Alan", "Jake"). A short word is too short to judge.
            None if !self.may_be_a_slip(word, &best) => {
                return on_its_own();
            }
            None => {}
        }
        judge(names.as_ref(), word, &best, &self.thresholds)
    }

    /// Whether a word judged on spelling alone may be a slip for its
    /// neighbour.
    fn may_be_a_slip(&self, word: &str, neighbour: &Neighbour) -> bool {
        let entry = lexicon::lookup(word);
        let theirs = &neighbour.attested.spelling;
        if neighbour.kinship == Kinship::Transliteration {
            return !entry.is_census_name();
        }
        let letters = word.chars().count();
        !entry.is_real_name()
            && letters >= MIN_NEAR_MISS_LETTERS
            && (letters >= MIN_TWO_EDIT_LETTERS || edit_distance(word, theirs) <= 1)
            && keeps_the_ends(word, theirs)
            && !are_different_compounds(word, theirs)
    }

    /// Whether the draft's person is the corpus's person with surname
    /// `surname`: `Some(true)` when the corpus names them with the same given
    /// name, `Some(false)` when it knows that surname only with unrelated
    /// given names ("Matt Braynard" is not "Lael Brainard"), `None` when the
    /// draft or the corpus gives no given name to compare.
    fn same_person(&self, entity: Entity<'_>, word: &str, surname: &str) -> Option<bool> {
        // The corpus writes the draft's name with its spelling, even once
        // ("Steve Witkoff", "Ursula von der Leyen"): it is the person. The
        // corpus indexes runs of up to four words, so try the runs that end
        // in the word ("Commission President Ursula von der Leyan").
        let names = self.sources.corpus.names();
        let corpus_name = entity.name.replacen(word, surname, 1);
        let parts: Vec<&str> = corpus_name.split(' ').collect();
        // A common surname ("Baker") is borne by many people: one "Robert
        // Baker" in the corpus is the draft's "Dr Robert Bakker" only if
        // the corpus gives that full name in several articles, or mostly
        // means him by the surname.
        let common = lexicon::lookup(surname).surname_frequency() >= COMMON_SURNAME_PER_100K;
        let surname_articles = names.get(surname).map_or(0, |stats| stats.articles);
        let names_them = |run: &str| {
            names.get(run).map(|stats| {
                !common
                    || stats.articles >= MIN_INTRODUCED_ARTICLES
                    || stats.articles * MIN_INTRODUCED_SHARE >= surname_articles
            })
        };
        if let Some(end) = parts.iter().position(|part| *part == surname) {
            // A run that opens with a title ("Mr Corish") names nobody in
            // particular: "Mr Cornish" is not the corpus's "Mr Corish".
            let runs = (end.saturating_sub(3)..end)
                .filter(|start| {
                    !is_title_before_name(parts[*start]) && !is_never_a_name(parts[*start])
                })
                .map(|start| parts[start..=end].join(" "));
            if let Some(found) = runs.into_iter().filter_map(|run| names_them(&run)).max() {
                return found.then_some(true);
            }
        }
        let given = entity.given?;
        if let Some(found) = names_them(&format!("{given} {surname}")) {
            return found.then_some(true);
        }
        let full_names = self.attested.full_names_with_surname(surname);
        let mut known = full_names
            .iter()
            .filter_map(|full| full.spelling.split_once(' '))
            .filter(|(_, corpus_surname)| *corpus_surname == surname)
            .peekable();
        known.peek()?;
        let min_similarity = self.thresholds.min_similarity - 0.08;
        Some(known.any(|(corpus_given, _)| self.is_kin(given, corpus_given, min_similarity)))
    }

    /// Whether a draft word of a name may be another spelling of a corpus
    /// word in the same place: equal, a romanisation variant, or a typo that
    /// keeps the word's ends ("Jim Harter" is not "Jimmy Carter", nor
    /// "Erica Garner" "Eric Garner").
    fn is_kin(&self, draft: &str, corpus: &str, min_similarity: f64) -> bool {
        draft == corpus
            || match self.attested.kinship(draft, corpus, min_similarity) {
                Some(Kinship::Transliteration) => true,
                Some(_) => keeps_the_ends(draft, corpus),
                None => false,
            }
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
        let given_is_a_name = lexicon::lookup(given).is_given_name();
        // A given name people bear, written with this surname in the
        // corpus too, is another member of the family: "Ivana Trump" is
        // not a slip for "Ivanka Trump".
        if given_is_a_name && self.sources.corpus.names().get(&spelling).is_some() {
            return None;
        }
        let min_similarity = self.thresholds.min_similarity;
        let mut candidates: Vec<attested::Attested> =
            self.attested.full_names_with_surname(surname);
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
            // "Red Cross" and "White House" are no person's full name, so
            // not the person "Rod Cross".
            if full.spelling == spelling
                || corpus_given == *given
                || adds_accents(&spelling, &full.spelling)
                || (given_is_a_name && !can_be_given_name(corpus_given))
            {
                return None;
            }
            let given_kin = self.is_kin(given, corpus_given, min_similarity - 0.08);
            let surname_kin = self.is_kin(surname, corpus_surname, min_similarity);
            let kinship = self
                .attested
                .kinship(&spelling, &full.spelling, 0.0)
                .unwrap_or(Kinship::NearMiss);
            (given_kin && surname_kin).then_some((kinship, full))
        })?;
        let neighbour = Neighbour {
            attested: std::rc::Rc::new(full),
            kinship,
        };
        match judge(
            self.sources.corpus.names().as_ref(),
            &spelling,
            &neighbour,
            &self.thresholds,
        ) {
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
            // The corpus agrees on one spelling: safe to apply unasked.
            finding = finding
                .with_suggestion(match_case(found, target))
                .with_safe_fix();
        }
        self.with_corpus_evidence(finding, target)
    }

    fn divided_finding(&self, found: &str, range: Range<usize>, neighbour: &Neighbour) -> Finding {
        let own = self.sources.corpus.names().get(found).unwrap_or_default();
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
        let finding = self.with_corpus_evidence(finding, found);
        self.with_corpus_evidence(finding, &other.spelling)
    }

    /// Evidence: the first few places the corpus uses `spelling`. They
    /// are asked for by name: a corpus served in rounds gives a near miss's
    /// counts alone, and its places only for the spellings a finding cites.
    fn with_corpus_evidence(&self, mut finding: Finding, spelling: &str) -> Finding {
        let samples = self
            .sources
            .corpus
            .names()
            .get(spelling)
            .map(|stats| stats.samples)
            .unwrap_or_default();
        for location in samples.iter().take(3) {
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
            && (is_never_a_name(&spelling) || self.sources.corpus.names().is_common_word(&spelling))
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
enum Verdict {
    /// Rare or absent, beside a well-attested near spelling: a misspelling.
    Variant(Neighbour),
    /// Both spellings well attested and only romanisation apart.
    Divided(Neighbour),
    /// The corpus uses it (or two well-attested names are distinct people).
    Attested,
    /// Neither the spelling nor a near one is in the corpus.
    Unknown,
}

/// Flag a spelling only when it is rare next to its neighbour; two
/// well-attested spellings are two names unless only romanisation differs.
fn judge(
    names: &dyn SpellingSource,
    word: &str,
    neighbour: &Neighbour,
    thresholds: &NameThresholds,
) -> Verdict {
    let own_stats = names.get(word);
    let own = own_stats.as_ref().map_or(0, |s| s.mentions);
    let theirs = neighbour.attested.stats.mentions;
    // A spelling two corpus articles use on their own is established:
    // another entity ("Woomera" beside "Wimmera"), not a stray slip.
    let established = own_stats.as_ref().is_some_and(|s| s.articles >= 2);
    if own < thresholds.min_attested_mentions
        && !established
        && own as f64 <= thresholds.max_variant_share * theirs as f64
    {
        return Verdict::Variant(neighbour.clone());
    }
    let minority = own.min(theirs) as f64 / (own + theirs).max(1) as f64;
    // A stray mention in one article does not divide the corpus.
    if own >= thresholds.min_attested_mentions
        && own_stats.is_some_and(|s| s.articles >= 2)
        && neighbour.attested.stats.articles >= 2
        && neighbour.kinship == Kinship::Transliteration
        && minority >= thresholds.divided_min_share
    {
        return Verdict::Divided(neighbour.clone());
    }
    Verdict::Attested
}

/// "GrainCorp" where the corpus writes "Graincorp": a company's own
/// capitals inside a word, written the same way more than once in the
/// draft, are its styling, not a slip ("HIllary" and a lone "KellyAnne"
/// still are).
fn is_own_styling(prose: &str, word: &str, theirs: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    let camel_hump = chars
        .windows(3)
        .any(|w| w[0].is_lowercase() && w[1].is_uppercase() && w[2].is_lowercase());
    camel_hump
        && word.to_lowercase() == theirs.to_lowercase()
        && prose.matches(word).nth(1).is_some()
}

/// Forms of one name, not two names: "Israel" / "Israelis" and other
/// inflections (see [`same_name`]), and a name with an everyday word grown
/// onto it ("Obamacare", "Trumpland").
pub(super) fn forms_of_one_name(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    same_name(a, b)
        || (short.chars().count() >= 4
            && long.strip_prefix(short).is_some_and(|rest| {
                rest.chars().count() >= 3 && lexicon::lookup(rest).is_english_word()
            }))
}

/// Writing the accents the corpus leaves out ("Erdoğan", "Ramón") is the
/// name spelt in full, not a variant; a house rule may still ask for the
/// plain form.
fn adds_accents(draft: &str, corpus: &str) -> bool {
    draft != corpus && fold_accents(draft) == corpus
}

/// "Mideast" and "Midwest": everyday words joined to the same first word
/// are two words, however few letters apart.
fn are_different_compounds(a: &str, b: &str) -> bool {
    let splits = |word: &str| -> Vec<(String, String)> {
        let lower = word.to_lowercase();
        (3..lower.len().saturating_sub(2))
            .filter(|&at| lower.is_char_boundary(at))
            .map(|at| (lower[..at].to_string(), lower[at..].to_string()))
            .filter(|(head, tail)| {
                lexicon::lookup(head).is_english_word() && lexicon::lookup(tail).is_english_word()
            })
            .collect()
    };
    let theirs = splits(b);
    splits(a)
        .iter()
        .any(|(head, tail)| theirs.iter().any(|(h, t)| h == head && t != tail))
}

/// Whether a corpus spelling can play the draft word's part: a surname is
/// not a slip for a name people bear only as a given name ("Marc Lasry"
/// is not "Larry"), nor a given name for one borne only as a surname.
fn plays_the_role(role: Role, spelling: &str) -> bool {
    let entry = lexicon::lookup(spelling);
    let only_given = entry.is_given_name() && !entry.is_surname();
    let only_surname = entry.is_surname() && !entry.is_given_name();
    match role {
        Role::Given => !only_surname,
        Role::Surname => !only_given,
        Role::Lone => true,
    }
}

/// The part a word plays in a name, for comparing like with like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    /// The first word of a name of several ("Dana" in "Dana Perino").
    Given,
    /// A later word of a name of several.
    Surname,
    /// A name of one word: usually a surname or a place in news copy.
    Lone,
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
            "Navalny and Navalny again. Navalny was named. Navalnyy too, and Navalnyy.",
            "Navalny spoke; Navalnyy once more.",
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
    fn a_spelling_two_corpus_articles_use_is_another_entity() {
        let mut texts = vec!["Growers around Barlow picked early. Barlow packers agreed."; 6];
        texts.push("The cider maker in Batlow opened a shed.");
        texts.push("Frost hit Batlow orchards overnight.");
        let text = "Orchards near Batlow lost half the crop.";
        assert!(lint(&check(corpus(&texts)), text).is_empty());
        // One article's stray use is still a slip beside the established name.
        texts.pop();
        assert_eq!(lint(&check(corpus(&texts)), text).len(), 1);
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
                .matches(" mentions in 2 articles")
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
    fn compounds_of_everyday_words_are_told_apart() {
        assert!(are_different_compounds("Mideast", "Midwest"));
        assert!(!are_different_compounds("Sharption", "Sharpton"));
        assert!(!are_different_compounds("Buzzfeed", "BuzzFeed"));
    }

    #[test]
    fn case_is_kept_in_suggestions() {
        assert_eq!(match_case("WHITKOFF", "Witkoff"), "WITKOFF");
        assert_eq!(match_case("Whitkoff", "Witkoff"), "Witkoff");
    }
}
