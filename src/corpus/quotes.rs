//! The corpus quotation index: every quotation of four words or more, with
//! its words, and an inverted index from word to quotation so that a draft
//! quotation finds the corpus quotations it shares words with.

use crate::offsets::narrow;
use std::collections::HashMap;
use std::sync::Arc;

use crate::text::words::WordBoundaries;
use fst::{Map, MapBuilder};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::store::{
    Blobs, BlobsWriter, Bytes, Decoded, Fixed, Postings, PostingsWriter, Sections, SectionsWriter,
    in_memory,
};
use super::{Article, Location, QuotationSource};
use crate::document::Document;
use crate::text::quotes::{Quotation, find_quotations};

/// Quotations shorter than this are phrases, not statements to compare.
pub const MIN_QUOTE_WORDS: usize = 4;

/// The lower-cased words of a quotation, punctuation dropped, so that a comma
/// inside or outside the marks never makes two quotations differ. Words an
/// editor put in square brackets ("he [Trump] is", "[It] has") are not the
/// speaker's, so they are left out too.
pub fn quote_words(text: &str) -> Vec<String> {
    without_brackets(text)
        .words()
        .map(|w| {
            let lower = w.to_lowercase();
            match lower.contains('’') {
                true => lower.replace('’', "'"),
                false => lower,
            }
        })
        .collect()
}

/// The text with each "[…]" insertion blanked; an unclosed "[" is kept.
fn without_brackets(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('[') {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find(']') else {
            break;
        };
        out.push_str(&rest[..open]);
        out.push(' ');
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out.into()
}

/// One quotation in one corpus article.
#[derive(Debug, Clone, Copy)]
pub struct CorpusQuote {
    /// The quoted words' range in their article.
    pub location: Location,
    /// Which distinct wording it has (an index into the texts).
    pub text: u32,
}

/// One distinct wording, however many articles carry it: wire copy
/// repeats quotations across outlets, and each wording is compared once.
#[derive(Debug, Clone)]
pub struct QuoteText {
    pub words: Arc<Vec<String>>,
    /// Ids of the corpus quotations with this wording, in order: all of
    /// them, or at least the first [`OCCURRENCES_LISTED`].
    pub occurrences: Vec<u32>,
}

/// How many of a wording's occurrences a source must list: wire copy
/// repeats a quotation across thousands of articles, and a few of them say
/// who spoke as well as all of them would.
pub const OCCURRENCES_LISTED: usize = 16;

/// The quotation index, read in place from the index's sections.
#[derive(Debug, Clone)]
pub struct QuoteIndex {
    /// Per quotation: article, start, end, wording.
    quotes: Fixed<((u32, u32), (u32, u32))>,
    /// Per wording: its words, how many, and the quotations using it.
    words: Blobs,
    lengths: Fixed<u32>,
    occurrences: Postings,
    /// Word → its row in `postings`, the wordings that use the word.
    by_word: Map<Bytes>,
    postings: Postings,
    /// Wordings decoded lately, shared by every lint.
    decoded: Decoded<Vec<String>>,
}

impl Default for QuoteIndex {
    fn default() -> Self {
        in_memory(
            |out| QuoteIndex::write(std::iter::empty(), out),
            QuoteIndex::open,
        )
    }
}

impl QuoteIndex {
    /// Analyse and index `articles` (the corpus builds its indexes from
    /// facts it may have cached instead).
    pub fn build(articles: &[Article]) -> QuoteIndex {
        let facts: Vec<QuoteFacts> = articles
            .iter()
            .map(|a| quote_facts(a.document(), &find_quotations(a.document()).quotations))
            .collect();
        in_memory(
            |out| QuoteIndex::write(facts.into_iter(), out),
            QuoteIndex::open,
        )
    }

    /// Merge the quotations of every article into the index's sections; an
    /// article's position in `facts` is its index in the corpus.
    pub fn write(facts: impl Iterator<Item = QuoteFacts>, out: &mut SectionsWriter) {
        let mut writer = QuoteIndexWriter::default();
        facts.for_each(|facts| writer.add(facts));
        writer.finish(out);
    }
}

/// The quotation index being written: articles' facts merged as they come.
#[derive(Default)]
pub struct QuoteIndexWriter {
    /// Per quotation: (article, start), (end, wording).
    quotes: Vec<((u32, u32), (u32, u32))>,
    /// Per wording: its words and its quotations.
    texts: Vec<(Vec<String>, Vec<u32>)>,
    text_ids: FxHashMap<Vec<String>, u32>,
    articles: usize,
}

impl QuoteIndexWriter {
    /// Merge the next article's facts (articles come in corpus order).
    pub fn add(&mut self, facts: QuoteFacts) {
        let article = narrow(self.articles);
        self.articles += 1;
        for (start, end, words) in facts.0 {
            let quote_id = self.quotes.len() as u32;
            let texts = &mut self.texts;
            let text = *self.text_ids.entry(words).or_insert_with_key(|words| {
                texts.push((words.clone(), Vec::new()));
                (texts.len() - 1) as u32
            });
            texts[text as usize].1.push(quote_id);
            self.quotes.push(((article, start), (end, text)));
        }
    }

    /// Write the index's sections.
    pub fn finish(self, out: &mut SectionsWriter) {
        let QuoteIndexWriter { quotes, texts, .. } = self;
        // Gathered by hash and sorted once: a sorted map compared each
        // word with a dozen others or more as it went in.
        let mut by_word: FxHashMap<&str, Vec<u32>> = FxHashMap::default();
        for (id, (words, _)) in texts.iter().enumerate() {
            let mut distinct: Vec<&String> = words.iter().collect();
            distinct.sort_unstable();
            distinct.dedup();
            for word in distinct {
                by_word.entry(word).or_default().push(id as u32);
            }
        }
        let mut by_word: Vec<(&str, Vec<u32>)> = by_word.into_iter().collect();
        by_word.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let mut word_blobs = BlobsWriter::default();
        let mut lengths = Vec::with_capacity(texts.len());
        let mut occurrences = PostingsWriter::default();
        for (words, found) in &texts {
            word_blobs.push_value(words);
            lengths.push(narrow(words.len()));
            occurrences.push(found.iter().copied());
        }
        let mut map = MapBuilder::memory();
        let mut postings = PostingsWriter::default();
        for (row, (word, ids)) in by_word.into_iter().enumerate() {
            // Keys are sorted and distinct, so inserting cannot fail.
            let _ = map.insert(word, row as u64);
            postings.push(ids);
        }
        out.add("quotes.table", Fixed::encode(&quotes));
        out.add("quotes.words", word_blobs.finish());
        out.add("quotes.lengths", Fixed::encode(&lengths));
        occurrences.finish("quotes.occurrences", out);
        out.add("quotes.by_word", map.into_inner().unwrap_or_default());
        postings.finish("quotes.postings", out);
    }
}

impl QuoteIndex {
    /// The index in `sections`, read in place.
    pub fn open(sections: &Sections) -> Result<QuoteIndex, String> {
        Ok(QuoteIndex {
            quotes: Fixed::new(sections.get("quotes.table")?),
            words: Blobs::new(sections.get("quotes.words")?),
            lengths: Fixed::new(sections.get("quotes.lengths")?),
            occurrences: Postings::open(sections, "quotes.occurrences")?,
            by_word: Map::new(sections.get("quotes.by_word")?)
                .map_err(|e| format!("unreadable quotation index ({e})"))?,
            postings: Postings::open(sections, "quotes.postings")?,
            decoded: Decoded::default(),
        })
    }

    pub fn len(&self) -> usize {
        self.quotes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.quotes.is_empty()
    }

    /// The quotations with wording `id`, in corpus order.
    pub(super) fn occurrences(&self, id: u32) -> impl Iterator<Item = u32> + '_ {
        self.occurrences.list(id as usize)
    }

    /// The words of wording `id`.
    pub(super) fn wording(&self, id: u32) -> Option<Arc<Vec<String>>> {
        self.decoded
            .get_or_decode(id, || self.words.value(id as usize))
    }

    /// How many wordings use `word`.
    pub(super) fn using_count(&self, word: &str) -> Option<usize> {
        let row = usize::try_from(self.by_word.get(word)?).ok()?;
        Some(self.postings.count(row))
    }

    /// The wordings that use `word`.
    pub(super) fn postings(&self, word: &str) -> Option<Vec<u32>> {
        let row = usize::try_from(self.by_word.get(word)?).ok()?;
        Some(self.postings.list(row).collect())
    }
}

impl QuotationSource for QuoteIndex {
    fn similar(&self, words: &[String], min_share: f64) -> Vec<(u32, f64)> {
        similar_in(self, words, min_share)
    }

    fn text(&self, id: u32) -> QuoteText {
        let id = id as usize;
        QuoteText {
            words: self.wording(id as u32).unwrap_or_default(),
            occurrences: self.occurrences.list(id).collect(),
        }
    }

    fn quote(&self, id: u32) -> Option<CorpusQuote> {
        let ((article, start), (end, text)) = self.quotes.get(id as usize)?;
        Some(CorpusQuote {
            location: Location {
                article,
                start,
                end,
            },
            text,
        })
    }

    fn in_article(&self, article: u32) -> std::ops::Range<u32> {
        let first = self.quotes.partition_point(|((a, _), _)| *a < article);
        let end = self.quotes.partition_point(|((a, _), _)| *a <= article);
        narrow(first)..narrow(end)
    }
}

/// Distinct wordings as [`similar_in`] searches them: one index, or
/// several combined.
pub(super) trait Wordings {
    fn count(&self) -> usize;
    /// The wordings that use `word`, if any does.
    fn using(&self, word: &str) -> Option<Vec<u32>>;
    /// How many wordings use `word`, if any does.
    fn use_count(&self, word: &str) -> Option<usize>;
    fn len_of(&self, id: u32) -> Option<usize>;
    fn words_of(&self, id: u32) -> Option<Arc<Vec<String>>>;
    /// Sorts wordings in the corpus order of their first quotation, which
    /// breaks ties between equally similar ones.
    fn order(&self, id: u32) -> u64;
}

impl Wordings for QuoteIndex {
    fn count(&self) -> usize {
        self.lengths.len()
    }

    fn using(&self, word: &str) -> Option<Vec<u32>> {
        self.postings(word)
    }

    fn use_count(&self, word: &str) -> Option<usize> {
        self.using_count(word)
    }

    fn len_of(&self, id: u32) -> Option<usize> {
        Some(self.lengths.get(id as usize)? as usize)
    }

    fn words_of(&self, id: u32) -> Option<Arc<Vec<String>>> {
        self.wording(id)
    }

    /// Ids are given in the order wordings are first quoted.
    fn order(&self, id: u32) -> u64 {
        u64::from(id)
    }
}

/// Past this many wordings using it, a word finds nothing by itself: one
/// in a large share of all quotations ("the", "we") says nothing of which
/// they are; the rarer words find the candidates.
pub(super) fn common_uses(wordings: usize) -> usize {
    (wordings / 10).max(50)
}

/// Wordings sharing at least `min_share` of their words with `words`,
/// with the share, most similar first.
pub(super) fn similar_in(
    wordings: &impl Wordings,
    words: &[String],
    min_share: f64,
) -> Vec<(u32, f64)> {
    let common = common_uses(wordings.count());
    let mut distinct: Vec<&String> = words.iter().collect();
    distinct.sort();
    distinct.dedup();
    let mut shared: HashMap<u32, usize> = HashMap::new();
    let mut rare_words = 0;
    for word in distinct {
        match wordings.use_count(word) {
            Some(uses) if uses > common => continue,
            Some(_) => {}
            None => {
                rare_words += 1;
                continue;
            }
        }
        rare_words += 1;
        for id in wordings.using(word).unwrap_or_default() {
            *shared.entry(id).or_default() += 1;
        }
    }
    let draft = WordCounts::new(words);
    let mut found: Vec<(u32, f64, u64)> = shared
        .into_iter()
        .filter(|(_, n)| *n * 2 >= rare_words.min(MIN_QUOTE_WORDS))
        .filter_map(|(id, _)| {
            let theirs = wordings.len_of(id)?;
            // The share can be no more than the shorter over the longer.
            let most = words.len().min(theirs) as f64 / words.len().max(theirs).max(1) as f64;
            if most < min_share {
                return None;
            }
            let theirs = wordings.words_of(id)?;
            Some((id, draft.overlap(&theirs), wordings.order(id)))
        })
        .filter(|(_, share, _)| *share >= min_share)
        .collect();
    found.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.2.cmp(&b.2)));
    found
        .into_iter()
        .map(|(id, share, _)| (id, share))
        .collect()
}

/// The quotations of one article long enough to compare: the quoted words'
/// byte range and their words.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct QuoteFacts(Vec<(u32, u32, Vec<String>)>);

impl QuoteFacts {
    /// Each quotation's byte range and words, in article order.
    pub(super) fn quotations(&self) -> &[(u32, u32, Vec<String>)] {
        &self.0
    }
}

pub(super) fn quote_facts(doc: &Document, quotations: &[Quotation]) -> QuoteFacts {
    QuoteFacts(
        quotations
            .iter()
            .filter_map(|q| {
                let words = quote_words(doc.prose().get(q.inner.clone())?);
                (words.len() >= MIN_QUOTE_WORDS)
                    .then(|| (narrow(q.inner.start), narrow(q.inner.end), words))
            })
            .collect(),
    )
}

/// One quotation's words counted once, to compare with many others.
struct WordCounts<'a> {
    ids: HashMap<&'a str, usize>,
    counts: Vec<usize>,
    len: usize,
}

impl<'a> WordCounts<'a> {
    fn new(words: &'a [String]) -> Self {
        let mut ids: HashMap<&str, usize> = HashMap::new();
        let mut counts = Vec::new();
        for word in words {
            let next = ids.len();
            let id = *ids.entry(word).or_insert(next);
            if id == counts.len() {
                counts.push(0);
            }
            counts[id] += 1;
        }
        WordCounts {
            ids,
            counts,
            len: words.len(),
        }
    }

    /// Words `other` shares with these (as multisets) over the longer length.
    fn overlap(&self, other: &[String]) -> f64 {
        let mut left = self.counts.clone();
        let mut shared = 0;
        for word in other {
            if let Some(&id) = self.ids.get(word.as_str())
                && left[id] > 0
            {
                left[id] -= 1;
                shared += 1;
            }
        }
        shared as f64 / self.len.max(other.len()).max(1) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn similar_quotations_are_found_by_shared_words() {
        let article = Article::new(
            PathBuf::from("a.md"),
            "“We will not close the port this winter,” Ruiz said. “Short one,” she added. “Taxes will rise next year,” Lee said.".into(),
        );
        let index = QuoteIndex::build(&[article]);
        assert_eq!(index.len(), 2, "the two-word quotation is not indexed");
        let found = index.similar(&quote_words("We will not shut the port this winter"), 0.7);
        assert_eq!(found.len(), 1);
        assert_eq!(index.text(found[0].0).words[3], "close");
        assert!((found[0].1 - 7.0 / 8.0).abs() < 1e-9);
        assert!(
            index
                .similar(
                    &quote_words("Completely different words entirely here"),
                    0.0
                )
                .is_empty()
        );
    }

    #[test]
    fn an_editors_brackets_are_not_the_speakers_words() {
        assert_eq!(
            quote_words("but he [Trump] is being used"),
            ["but", "he", "is", "being", "used"]
        );
        assert_eq!(quote_words("[It] has not rained"), ["has", "not", "rained"]);
        assert_eq!(quote_words("a [broken bracket"), ["a", "broken", "bracket"]);
    }

    #[test]
    fn repeated_wordings_are_stored_once() {
        let text = "“We will not close the port this winter,” Ruiz said.";
        let articles = vec![
            Article::new(PathBuf::from("a.md"), text.into()),
            Article::new(PathBuf::from("b.md"), text.into()),
        ];
        let index = QuoteIndex::build(&articles);
        assert_eq!(index.len(), 2);
        let found = index.similar(&quote_words("We will not close the port this winter"), 0.7);
        assert_eq!(found.len(), 1);
        assert_eq!(index.text(found[0].0).occurrences, vec![0, 1]);
    }

    #[test]
    fn punctuation_does_not_change_the_words() {
        assert_eq!(
            quote_words("We stay, for now."),
            quote_words("We stay for now")
        );
    }
}
