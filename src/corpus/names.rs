//! The corpus name index: every spelling of every name, with counts and the
//! first places it occurs.

use crate::offsets::narrow;
use std::borrow::Cow;
use std::hash::{Hash, Hasher};

use crate::lang::case::lower_case;
use crate::text::words::WordBoundaries;
use fst::{Map, MapBuilder, Set, SetBuilder};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet, FxHasher};
use serde::{Deserialize, Serialize};

use super::packed::PackedStrings;
use super::store::{
    Blobs, BlobsWriter, Bytes, Fixed, Postings, PostingsWriter, Sections, SectionsWriter, in_memory,
};
use super::{Location, SpellingSource};
use crate::document::{BlockKind, Document};
use crate::text::names::{SentenceMentions, is_capitalised, is_name_like, normalise_spelling};
use crate::text::similarity::{lookup_keys, transliteration_key};

/// How many locations each spelling keeps as evidence.
pub(super) const SAMPLES_KEPT: usize = 5;
/// Longest run of words indexed as a spelling of its own.
const MAX_SPELLING_WORDS: usize = 4;

/// How often, and where, the corpus uses one spelling.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SpellingStats {
    pub mentions: usize,
    pub articles: usize,
    /// The first few occurrences, in corpus order.
    pub samples: Vec<Location>,
}

/// A spelling the near-miss lookups can return: name-like (one or two
/// capitalised words), used at least this often, and for a single word,
/// never written in lower case. Rules may ask for more mentions, not fewer.
pub const MIN_NEIGHBOUR_MENTIONS: usize = 2;

/// Which spellings an index offers to near-miss lookups.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Neighbours {
    /// Those that qualify in this index alone (see [`MIN_NEIGHBOUR_MENTIONS`]).
    Qualified,
    /// Every name-like spelling: for a segment added on top of another
    /// index, whose counts and lower-case words decide what qualifies.
    NameLike,
}

/// Spellings of names in the corpus, read in place from the index's
/// sections. Each mention is indexed whole and by every run of its words,
/// so "Oleksandr Syrskyi" and "Syrskyi" are both counted from "General
/// Oleksandr Syrskyi".
#[derive(Debug, Clone)]
pub struct NameIndex {
    /// Spelling → its row in `stats`.
    spellings: Map<Bytes>,
    /// Mentions, articles, and where the spelling's samples end.
    stats: Fixed<(u32, u32, u32)>,
    /// Sample locations: article, start, end.
    samples: Fixed<(u32, u32, u32)>,
    /// Words the corpus writes in lower case ("sinners", "rutted"), each
    /// with how many articles write it so: a capitalised word in a draft
    /// that is one of these is a common word, not a name.
    lowercase_words: Map<Bytes>,
    /// Per row of `stats` whose samples leave out mentions: the articles
    /// with mentions not sampled, in corpus order. An update that retires
    /// a sampled article takes the next samples from their stored facts.
    later: Postings,
    /// Single-word spellings left out of `neighbours` only for their
    /// lower-case twin ("Bush", "bush"), as "twin\0Spelling": retiring
    /// the articles that write the twin brings them back.
    twins: Set<Bytes>,
    /// The spellings near-miss lookups can return, sorted, and each one's
    /// row in `stats`.
    neighbours: Blobs,
    neighbour_rows: Fixed<u32>,
    /// Deletion keys of each single-word neighbour, sorted: one flat array,
    /// searched by bisection (see `text::similarity::lookup_keys`).
    neighbour_keys: Fixed<(u64, u32)>,
    /// Where the keys whose top bits are i start, for every i: the keys
    /// are hashes, so a lookup lands within a few records of its key
    /// instead of bisecting the whole array (a lint makes thousands).
    key_directory: Fixed<u32>,
    /// Hash of a two-word neighbour's surname key → the neighbour.
    surnames: Fixed<(u64, u32)>,
}

impl Default for NameIndex {
    fn default() -> Self {
        in_memory(
            |out| NameIndex::write(std::iter::empty(), Neighbours::Qualified, out),
            NameIndex::open,
        )
    }
}

impl NameIndex {
    /// Merge the name facts of every article into the index's sections;
    /// an article's position in `facts` is its index in the corpus.
    pub fn write(
        facts: impl Iterator<Item = NameFacts>,
        neighbours: Neighbours,
        out: &mut SectionsWriter,
    ) {
        let mut writer = NameIndexWriter::default();
        facts.for_each(|facts| writer.add(facts));
        writer.finish(neighbours, out);
    }
}

/// The name index being written: articles' facts merged as they come.
#[derive(Default)]
pub struct NameIndexWriter {
    spellings: FxHashMap<String, (SpellingStats, Vec<u32>)>,
    /// A map, not a list sorted later: every article repeats most of the
    /// same few thousand words.
    lowercase_words: FxHashMap<String, u32>,
    articles: usize,
}

impl NameIndexWriter {
    /// Merge the next article's facts (articles come in corpus order).
    pub fn add(&mut self, facts: NameFacts) {
        let index = self.articles;
        self.articles += 1;
        for word in facts.lowercase_words() {
            match self.lowercase_words.get_mut(word) {
                Some(articles) => *articles += 1,
                None => {
                    self.lowercase_words.insert(word.to_string(), 1);
                }
            }
        }
        for (spelling, mentions, samples) in facts.spellings_sampled() {
            let (entry, later) = match self.spellings.get_mut(spelling) {
                Some(found) => found,
                None => self.spellings.entry(spelling.to_string()).or_default(),
            };
            entry.mentions += mentions as usize;
            entry.articles += 1;
            let room = SAMPLES_KEPT.saturating_sub(entry.samples.len());
            entry.samples.extend(
                samples
                    .iter()
                    .take(room)
                    .map(|&(start, end)| Location::new(index, start as usize..end as usize)),
            );
            if room < mentions as usize {
                later.push(narrow(index));
            }
        }
    }

    /// Write the index's sections.
    pub fn finish(self, neighbours: Neighbours, out: &mut SectionsWriter) {
        let NameIndexWriter {
            spellings,
            lowercase_words,
            ..
        } = self;
        let mut lowercase_words: Vec<(String, u32)> = lowercase_words.into_iter().collect();
        lowercase_words.par_sort_unstable();
        let mut spellings: Vec<SpellingRow> = spellings.into_iter().collect();
        spellings.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
        // The three parts share only the sorted lists: built side by side,
        // the name index no longer keeps one core waiting at the end of
        // indexing (0.7 s at 100,000 articles, where the other two indexes
        // took 0.16 s).
        let (by_spelling, (lowercase, neighbours)) = rayon::join(
            || spelling_sections(&spellings),
            || {
                rayon::join(
                    || lowercase_map(&lowercase_words),
                    || neighbour_sections(&spellings, &lowercase_words, neighbours),
                )
            },
        );
        out.add("names.spellings", by_spelling.map);
        out.add("names.stats", Fixed::encode(&by_spelling.stats));
        out.add("names.samples", Fixed::encode(&by_spelling.samples));
        out.add("names.lowercase", lowercase);
        by_spelling.later.finish("names.later", out);
        out.add("names.twins", neighbours.twins);
        out.add("names.neighbours", neighbours.spellings);
        out.add("names.neighbour_rows", Fixed::encode(&neighbours.rows));
        out.add("names.keys", Fixed::encode(&neighbours.keys));
        out.add(
            "names.key_directory",
            Fixed::encode(&neighbours.key_directory),
        );
        out.add("names.surnames", Fixed::encode(&neighbours.surnames));
    }
}

/// A spelling with its stats and the articles whose mentions its samples
/// leave out.
type SpellingRow = (String, (SpellingStats, Vec<u32>));

/// The spelling map (spelling → row), and per row its stats (mentions,
/// articles, end of its samples), the samples, and its later articles.
struct SpellingSections {
    map: Vec<u8>,
    stats: Vec<(u32, u32, u32)>,
    samples: Vec<(u32, u32, u32)>,
    later: PostingsWriter,
}

fn spelling_sections(spellings: &[SpellingRow]) -> SpellingSections {
    let mut map = MapBuilder::memory();
    let mut stats = Vec::with_capacity(spellings.len());
    let mut samples = Vec::new();
    let mut later = PostingsWriter::default();
    for (row, (spelling, (stat, articles))) in spellings.iter().enumerate() {
        // Keys are sorted and distinct, so inserting cannot fail.
        let _ = map.insert(spelling, row as u64);
        samples.extend(stat.samples.iter().map(|l| (l.article, l.start, l.end)));
        stats.push((
            narrow(stat.mentions),
            narrow(stat.articles),
            narrow(samples.len()),
        ));
        later.push(articles.iter().copied());
    }
    SpellingSections {
        map: map.into_inner().unwrap_or_default(),
        stats,
        samples,
        later,
    }
}

/// Lower-case word → how many articles write it so (words sorted).
fn lowercase_map(lowercase_words: &[(String, u32)]) -> Vec<u8> {
    let mut lowercase = MapBuilder::memory();
    for (word, articles) in lowercase_words {
        let _ = lowercase.insert(word, u64::from(*articles));
    }
    lowercase.into_inner().unwrap_or_default()
}

/// The near-miss index: the spellings offered as neighbours and their
/// rows, their deletion keys with a directory, their surnames, and the
/// single-word twins of common words.
struct NeighbourSections {
    twins: Vec<u8>,
    spellings: Vec<u8>,
    rows: Vec<u32>,
    keys: Vec<(u64, u32)>,
    key_directory: Vec<u32>,
    surnames: Vec<(u64, u32)>,
}

fn neighbour_sections(
    spellings: &[SpellingRow],
    lowercase_words: &[(String, u32)],
    neighbours: Neighbours,
) -> NeighbourSections {
    let is_common = |word: &str| {
        let word = word.to_lowercase();
        (lowercase_words.binary_search_by(|(w, _)| w.as_str().cmp(&word))).is_ok()
    };
    let keeps_twins = neighbours == Neighbours::Qualified;
    let offered = |spelling: &str, stat: &SpellingStats| match neighbours {
        Neighbours::Qualified => qualifies(spelling, stat.mentions, is_common),
        Neighbours::NameLike => is_name_like(spelling),
    };
    let (rows, neighbours): (Vec<u32>, Vec<&str>) = spellings
        .iter()
        .enumerate()
        .filter(|(_, (spelling, (stat, _)))| offered(spelling, stat))
        .map(|(row, (spelling, _))| (narrow(row), spelling.as_str()))
        .unzip();
    let mut twins: Vec<String> = spellings
        .iter()
        .filter(|(spelling, (stat, _))| {
            keeps_twins
                && qualifies(spelling, stat.mentions, |_| false)
                && !qualifies(spelling, stat.mentions, is_common)
        })
        .map(|(spelling, _)| format!("{}\0{spelling}", spelling.to_lowercase()))
        .collect();
    twins.sort_unstable();
    let mut twin_set = SetBuilder::memory();
    for twin in &twins {
        let _ = twin_set.insert(twin);
    }
    let mut neighbour_keys: Vec<(u64, u32)> = neighbours
        .par_iter()
        .enumerate()
        .filter(|(_, spelling)| !spelling.contains(' '))
        .flat_map_iter(|(row, spelling)| {
            lookup_keys(spelling)
                .into_iter()
                .map(move |key| (key, row as u32))
        })
        .collect();
    neighbour_keys.par_sort_unstable();
    neighbour_keys.dedup();
    let key_directory = directory(&neighbour_keys);
    let mut surnames: Vec<(u64, u32)> = neighbours
        .iter()
        .enumerate()
        .filter_map(
            |(row, spelling)| match spelling.split(' ').collect::<Vec<_>>()[..] {
                [_given, surname] => Some((surname_hash(surname), row as u32)),
                _ => None,
            },
        )
        .collect();
    surnames.sort_unstable();
    let mut neighbour_blobs = BlobsWriter::default();
    for spelling in &neighbours {
        neighbour_blobs.push(spelling.as_bytes());
    }
    NeighbourSections {
        twins: twin_set.into_inner().unwrap_or_default(),
        spellings: neighbour_blobs.finish(),
        rows,
        keys: neighbour_keys,
        key_directory,
        surnames,
    }
}

impl NameIndex {
    /// The index in `sections`, read in place.
    pub fn open(sections: &Sections) -> Result<NameIndex, String> {
        let fst_error = |e: fst::Error| format!("unreadable name index ({e})");
        Ok(NameIndex {
            spellings: Map::new(sections.get("names.spellings")?).map_err(fst_error)?,
            stats: Fixed::new(sections.get("names.stats")?),
            samples: Fixed::new(sections.get("names.samples")?),
            lowercase_words: Map::new(sections.get("names.lowercase")?).map_err(fst_error)?,
            later: Postings::open(sections, "names.later")?,
            twins: Set::new(sections.get("names.twins")?).map_err(fst_error)?,
            neighbours: Blobs::new(sections.get("names.neighbours")?),
            neighbour_rows: Fixed::new(sections.get("names.neighbour_rows")?),
            neighbour_keys: Fixed::new(sections.get("names.keys")?),
            key_directory: Fixed::new(sections.get("names.key_directory")?),
            surnames: Fixed::new(sections.get("names.surnames")?),
        })
    }

    /// Distinct spellings.
    pub fn len(&self) -> usize {
        self.stats.len()
    }

    pub fn is_empty(&self) -> bool {
        self.stats.is_empty()
    }

    /// The row of `spelling` in the stats table.
    pub(super) fn row(&self, spelling: &str) -> Option<usize> {
        usize::try_from(self.spellings.get(spelling)?).ok()
    }

    /// The articles whose mentions of the spelling in `row` the samples
    /// leave out (some or all), in corpus order.
    pub(super) fn later_articles(&self, row: usize) -> impl Iterator<Item = u32> + '_ {
        self.later.list(row)
    }

    /// How many articles write `word` (lower case) in lower case.
    pub(super) fn lowercase_articles(&self, word: &str) -> u32 {
        let count = self.lowercase_words.get(word).unwrap_or(0);
        u32::try_from(count).unwrap_or(u32::MAX)
    }

    /// The single-word spellings left out of the neighbours only because
    /// the corpus writes `word` (lower case) too.
    pub(super) fn twins_of(&self, word: &str) -> Vec<String> {
        use fst::{IntoStreamer, Streamer};
        let from = format!("{word}\0");
        let to = format!("{word}\u{1}");
        let mut found = Vec::new();
        let mut stream = self.twins.range().ge(&from).lt(&to).into_stream();
        while let Some(key) = stream.next() {
            if let Some(spelling) = key.get(from.len()..) {
                found.push(String::from_utf8_lossy(spelling).into_owned());
            }
        }
        found
    }

    /// The neighbour rows with deletion key `key`, in spelling order.
    pub(super) fn rows_with_key(&self, key: u64) -> Vec<u32> {
        let bucket = bucket_of(key, self.key_directory.len());
        let first = self.key_directory.get(bucket).unwrap_or(0) as usize;
        let skip = self
            .neighbour_keys
            .iter_from(first)
            .take_while(|(k, _)| *k < key)
            .count();
        self.neighbour_keys
            .iter_from(first + skip)
            .take_while(|(k, _)| *k == key)
            .map(|(_, row)| row)
            .collect()
    }

    /// The two-word neighbours whose surname folds like `surname`, in
    /// spelling order.
    pub(super) fn full_name_rows(&self, surname: &str) -> Vec<u32> {
        let hash = surname_hash(surname);
        let key = transliteration_key(surname);
        let start = self.surnames.partition_point(|(h, _)| *h < hash);
        let mut rows: Vec<u32> = self
            .surnames
            .iter_from(start)
            .take_while(|(h, _)| *h == hash)
            .map(|(_, row)| row)
            // A hash collision: keep only the same key.
            .filter(|&row| {
                self.neighbour_spelling(row)
                    .and_then(|spelling| spelling.split(' ').nth(1))
                    .is_some_and(|s| transliteration_key(s) == key)
            })
            .collect();
        rows.sort_unstable();
        rows
    }

    /// The spelling of neighbour `row`.
    pub(super) fn neighbour_spelling(&self, row: u32) -> Option<&str> {
        std::str::from_utf8(self.neighbours.get(row as usize)?).ok()
    }

    pub(super) fn neighbour(&self, row: u32) -> Option<(String, SpellingStats)> {
        let spelling = self.neighbour_spelling(row)?;
        let stats = self.stats_at(self.neighbour_rows.get(row as usize)? as usize)?;
        Some((spelling.to_string(), stats))
    }

    /// The counts and samples in row `row` of the stats table.
    pub(super) fn stats_at(&self, row: usize) -> Option<SpellingStats> {
        let (mentions, articles, end) = self.stats.get(row)?;
        let start = match row {
            0 => 0,
            _ => self.stats.get(row - 1)?.2,
        };
        let samples = self
            .samples
            .iter_from(start as usize)
            .take(end.saturating_sub(start) as usize)
            .map(|(article, start, end)| Location {
                article,
                start,
                end,
            })
            .collect();
        Some(SpellingStats {
            mentions: mentions as usize,
            articles: articles as usize,
            samples,
        })
    }
}

impl SpellingSource for NameIndex {
    fn get(&self, spelling: &str) -> Option<SpellingStats> {
        self.stats_at(self.row(spelling)?)
    }

    fn is_common_word(&self, word: &str) -> bool {
        self.lowercase_words.contains_key(word.to_lowercase())
    }

    fn near_misses(&self, word: &str) -> Vec<(String, SpellingStats)> {
        let mut seen = FxHashSet::default();
        lookup_keys(word)
            .into_iter()
            .flat_map(|key| self.rows_with_key(key))
            .filter(|row| seen.insert(*row))
            .collect::<Vec<_>>()
            .into_iter()
            .filter_map(|row| self.neighbour(row))
            .collect()
    }

    fn full_names_with_surname(&self, surname: &str) -> Vec<(String, SpellingStats)> {
        self.full_name_rows(surname)
            .into_iter()
            .filter_map(|row| self.neighbour(row))
            .collect()
    }
}

/// Whether a spelling with `mentions` may be offered as a near miss:
/// name-like, used often enough, and for a single word never written in
/// lower case.
pub(super) fn qualifies(spelling: &str, mentions: usize, is_common: impl Fn(&str) -> bool) -> bool {
    mentions >= MIN_NEIGHBOUR_MENTIONS
        && is_name_like(spelling)
        && (spelling.contains(' ') || !is_common(spelling))
}

/// The directory of sorted `keys`: for each bucket (the keys' top bits),
/// the index of its first key; one more entry than buckets.
fn directory(keys: &[(u64, u32)]) -> Vec<u32> {
    let bits = (keys.len() / 4).max(1).ilog2().min(24);
    let buckets = 1usize << bits;
    let mut starts = Vec::with_capacity(buckets + 1);
    let mut at = 0;
    for bucket in 0..buckets {
        while at < keys.len() && bucket_of(keys[at].0, buckets + 1) < bucket {
            at += 1;
        }
        starts.push(narrow(at));
    }
    starts.push(narrow(keys.len()));
    starts
}

/// The bucket of `key` in a directory of `entries` entries (buckets + 1).
fn bucket_of(key: u64, entries: usize) -> usize {
    let buckets = entries.saturating_sub(1).max(1);
    let bits = buckets.ilog2();
    if bits == 0 {
        0
    } else {
        (key >> (64 - bits)) as usize
    }
}

fn surname_hash(surname: &str) -> u64 {
    let mut hasher = FxHasher::default();
    transliteration_key(surname).hash(&mut hasher);
    hasher.finish()
}

/// What one article contributes to the index: each spelling with its
/// mentions and first few byte ranges, and the words it writes in lower case.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct NameFacts {
    /// Every spelling the article uses, sorted.
    spellings: PackedStrings,
    /// Per spelling: its mentions, and where its samples end in `samples`.
    counts: Vec<(u32, u32)>,
    /// The first few byte ranges of each spelling, spelling by spelling.
    samples: Vec<(u32, u32)>,
    lowercase_words: PackedStrings,
}

impl NameFacts {
    /// The first few byte ranges of `spelling` in the article.
    pub(super) fn samples_of(&self, spelling: &str) -> &[(u32, u32)] {
        match self.spellings.position(spelling) {
            Some(row) => self.samples_at(row),
            None => &[],
        }
    }

    fn samples_at(&self, row: usize) -> &[(u32, u32)] {
        let start = match row {
            0 => 0,
            _ => self.counts.get(row - 1).map_or(0, |c| c.1 as usize),
        };
        let end = self.counts.get(row).map_or(0, |c| c.1 as usize);
        self.samples.get(start..end).unwrap_or(&[])
    }

    /// Each spelling the article uses, with its mentions.
    pub(super) fn spellings(&self) -> impl Iterator<Item = (&str, u32)> {
        self.spellings
            .iter()
            .zip(&self.counts)
            .map(|(spelling, &(mentions, _))| (spelling, mentions))
    }

    /// Each spelling with its mentions and first few byte ranges.
    pub(super) fn spellings_sampled(&self) -> impl Iterator<Item = (&str, u32, &[(u32, u32)])> {
        self.spellings()
            .enumerate()
            .map(|(row, (spelling, mentions))| (spelling, mentions, self.samples_at(row)))
    }

    /// The words the article writes in lower case.
    pub(super) fn lowercase_words(&self) -> impl Iterator<Item = &str> {
        self.lowercase_words.iter()
    }
}

/// One spelling's mentions in an article, and the first few.
#[derive(Default)]
struct Mentioned {
    mentions: u32,
    samples: [(u32, u32); SAMPLES_KEPT],
}

pub(super) fn name_facts(doc: &Document, mentions: &[SentenceMentions]) -> NameFacts {
    let prose = doc.prose();
    let words: usize = mentions.iter().map(|(s, _)| s.words().len()).sum();
    // Keyed by the text itself when it is lower case or spelled with
    // single spaces already, as nearly every word and name is.
    let mut spellings: FxHashMap<Cow<str>, Mentioned> =
        FxHashMap::with_capacity_and_hasher(words / 4, Default::default());
    let mut lowercase_words: FxHashSet<Cow<str>> =
        FxHashSet::with_capacity_and_hasher(words / 2, Default::default());
    // Headline Title Case capitalises every word, so headings give only
    // lower-case words; `mentions` has the other sentences'. The sentences
    // in `mentions` come segmented; headings are segmented here.
    let headings = doc
        .sentences()
        .filter(|(block, _)| block.kind == BlockKind::Heading)
        .flat_map(|(_, sentence)| prose[sentence].words());
    let sentences = mentions
        .iter()
        .flat_map(|(sentence, _)| sentence.words().iter().map(|(_, w)| *w));
    let lower_case_words = headings
        .chain(sentences)
        .filter(|w| !is_capitalised(w) && w.chars().any(char::is_alphabetic));
    for word in lower_case_words {
        lowercase_words.insert(lower_case(word));
    }
    for mention in mentions.iter().flat_map(|(_, found)| found) {
        let words = &mention.words;
        for start in 0..words.len() {
            for end in start + 1..=(start + MAX_SPELLING_WORDS).min(words.len()) {
                let range = words[start].start..words[end - 1].end;
                let found = spellings
                    .entry(normalise_spelling(&prose[range.clone()]))
                    .or_default();
                if let Some(sample) = found.samples.get_mut(found.mentions as usize) {
                    *sample = (narrow(range.start), narrow(range.end));
                }
                found.mentions += 1;
            }
        }
    }
    let mut spellings: Vec<(Cow<str>, Mentioned)> = spellings.into_iter().collect();
    spellings.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut facts = NameFacts {
        spellings: spellings.iter().map(|(s, _)| s.as_ref()).collect(),
        ..NameFacts::default()
    };
    for (_, found) in &spellings {
        let kept = &found.samples[..(found.mentions as usize).min(SAMPLES_KEPT)];
        facts.samples.extend_from_slice(kept);
        facts
            .counts
            .push((found.mentions, narrow(facts.samples.len())));
    }
    // In the set's order: they are only counted, never looked up.
    facts.lowercase_words = lowercase_words.iter().map(|w| w.as_ref()).collect();
    facts
}
