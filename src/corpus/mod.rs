//! The reference corpus: trusted articles, analysed once into the indexes
//! the checks consult. Building it does no I/O; `crate::workspace` reads the
//! files.
//!
//! Owns the articles, their analysed facts, the indexes (`names`, `quotes`,
//! `statements`), their byte layout (`store`), the two-segment merge
//! (`layered`) and the index files on disk (`index`); may import `text`,
//! `lang`, `document`, `finding` and `offsets`.

mod article;
mod facts;
pub mod index;
mod layered;
mod names;
mod packed;
mod quotes;
pub mod remote;
mod source;
mod statements;
pub mod store;
mod writer;

use crate::offsets::narrow;
use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use article::{Article, ArticleMeta, TextLoader};
pub use facts::ArticleFacts;
pub use layered::{ArticleMap, RETIRED_NAMES, RetiredNames, Segment};
pub use names::{MIN_NEIGHBOUR_MENTIONS, NameFacts, NameIndex, Neighbours, SpellingStats};
pub use quotes::{
    CorpusQuote, MIN_QUOTE_WORDS, OCCURRENCES_LISTED, QuoteFacts, QuoteIndex, QuoteText,
    quote_words,
};
pub use source::{QuotationSource, SpellingSource, StatementSource};
pub use statements::{
    KEYED_ENTITIES, MAX_CANDIDATES, Statement, StatementFacts, StatementIndex,
    key as statements_key,
};
pub use writer::IndexWriter;

use std::sync::{Arc, OnceLock};

use crate::finding::Evidence;
use crate::lang::calendar::Day;
use store::{Sections, SectionsWriter};

/// A span in one corpus article, kept compact because indexes hold many.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Location {
    pub article: u32,
    pub start: u32,
    pub end: u32,
}

impl Location {
    pub fn new(article: usize, range: Range<usize>) -> Location {
        // Corpus articles larger than 4 GiB are not supported; saturate
        // rather than wrap so evidence points near the right place.
        Location {
            article: narrow(article),
            start: narrow(range.start),
            end: narrow(range.end),
        }
    }

    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// The analysed reference corpus: its articles, and the sources the checks
/// query (on one machine, the index read in place from its sections).
#[derive(Debug)]
pub struct Corpus {
    articles: Articles,
    names: Arc<dyn SpellingSource>,
    quotes: Arc<dyn QuotationSource>,
    statements: Arc<dyn StatementSource>,
}

/// A corpus's articles: all in hand, or asked for as checks need them
/// (a corpus database).
#[derive(Debug)]
enum Articles {
    Listed {
        articles: Vec<Article>,
        /// Article by path, made when first asked.
        by_path: OnceLock<HashMap<PathBuf, usize>>,
    },
    Asked(remote::AskedArticles),
}

impl Default for Corpus {
    fn default() -> Self {
        Corpus::with_sources(
            Vec::new(),
            Arc::new(NameIndex::default()),
            Arc::new(QuoteIndex::default()),
            Arc::new(StatementIndex::default()),
        )
    }
}

impl Corpus {
    /// Analyse every article (in parallel) and index them in memory.
    pub fn new(articles: Vec<Article>) -> Corpus {
        let facts: Vec<ArticleFacts> = articles.par_iter().map(ArticleFacts::analyse).collect();
        store::in_memory(
            |out| Corpus::write_index(facts, Neighbours::Qualified, out),
            |sections| Corpus::open(articles, sections),
        )
    }

    /// Merge the facts of every article into the index's sections; an
    /// article's position in `facts` is its index in the corpus (see
    /// [`IndexWriter`]).
    pub fn write_index(facts: Vec<ArticleFacts>, neighbours: Neighbours, out: &mut SectionsWriter) {
        let mut writer = IndexWriter::new(neighbours);
        writer.add(facts);
        writer.finish(out);
    }

    /// The corpus of `articles` (in the order they were indexed) with the
    /// indexes in `sections`.
    pub fn open(articles: Vec<Article>, sections: &Sections) -> Result<Corpus, String> {
        Ok(Corpus::with_sources(
            articles,
            Arc::new(NameIndex::open(sections)?),
            Arc::new(QuoteIndex::open(sections)?),
            Arc::new(StatementIndex::open(sections)?),
        ))
    }

    /// The corpus of `articles` (in corpus order, as `map` merges them)
    /// indexed in two segments: the base's sections and the delta's. A
    /// delta that retires base articles holds a `RetiredNames` section.
    pub fn open_layered(
        articles: Vec<Article>,
        base: &Sections,
        delta: &Sections,
        map: ArticleMap,
    ) -> Result<Corpus, String> {
        let map = Arc::new(map);
        let retired = match map.retired().is_empty() {
            true => RetiredNames::default(),
            false => postcard::from_bytes(delta.get(RETIRED_NAMES)?.as_ref())
                .map_err(|e| format!("unreadable {RETIRED_NAMES} ({e})"))?,
        };
        let names = layered::LayeredNames::new(
            NameIndex::open(base)?,
            NameIndex::open(delta)?,
            map.clone(),
            retired,
        );
        let quotes = layered::LayeredQuotes::new(
            QuoteIndex::open(base)?,
            QuoteIndex::open(delta)?,
            map.clone(),
        );
        let statements = layered::LayeredStatements::new(
            StatementIndex::open(base)?,
            StatementIndex::open(delta)?,
            map,
        );
        Ok(Corpus::with_sources(
            articles,
            Arc::new(names),
            Arc::new(quotes),
            Arc::new(statements),
        ))
    }

    /// The corpus of `articles` answered by any implementation of the
    /// three sources; locations they return index into `articles`.
    pub fn with_sources(
        articles: Vec<Article>,
        names: Arc<dyn SpellingSource>,
        quotes: Arc<dyn QuotationSource>,
        statements: Arc<dyn StatementSource>,
    ) -> Corpus {
        Corpus {
            articles: Articles::Listed {
                articles,
                by_path: OnceLock::new(),
            },
            names,
            quotes,
            statements,
        }
    }

    /// The corpus whose articles are asked for as checks need them, and
    /// whose sources answer in rounds (see [`remote`]).
    pub fn asked(articles: remote::AskedArticles, remote: Arc<remote::RemoteCorpus>) -> Corpus {
        Corpus {
            articles: Articles::Asked(articles),
            names: remote.clone(),
            quotes: remote.clone(),
            statements: remote,
        }
    }

    pub fn empty() -> Corpus {
        Corpus::default()
    }

    /// How many articles the corpus holds.
    pub fn article_count(&self) -> usize {
        match &self.articles {
            Articles::Listed { articles, .. } => articles.len(),
            Articles::Asked(asked) => asked.count(),
        }
    }

    /// Article `index` (the `article` of a location).
    pub fn article_at(&self, index: u32) -> Option<&Article> {
        match &self.articles {
            Articles::Listed { articles, .. } => articles.get(index as usize),
            Articles::Asked(asked) => asked.get(index),
        }
    }

    pub fn article(&self, location: Location) -> Option<&Article> {
        self.article_at(location.article)
    }

    /// Date the articles that give no date of their own by `modified_day`
    /// of their path (see [`Article::set_modified_day`]). Articles asked of
    /// a corpus database keep the date it stores.
    pub fn date_by_modification(&mut self, modified_day: impl Fn(&Path) -> Option<Day>) {
        if let Articles::Listed { articles, .. } = &mut self.articles {
            for article in articles {
                if let Some(day) = modified_day(&article.path) {
                    article.set_modified_day(day);
                }
            }
        }
    }

    /// The dateline of the article a location is in.
    pub fn dateline(&self, location: Location) -> Option<crate::lang::calendar::Day> {
        self.article(location)?.dateline()
    }

    pub fn is_empty(&self) -> bool {
        self.article_count() == 0
    }

    pub fn names(&self) -> &Arc<dyn SpellingSource> {
        &self.names
    }

    pub fn quotes(&self) -> &dyn QuotationSource {
        self.quotes.as_ref()
    }

    pub fn statements(&self) -> &dyn StatementSource {
        self.statements.as_ref()
    }

    /// Evidence pointing at `location`, with its line and column.
    pub fn evidence(&self, location: Location, message: impl Into<String>) -> Option<Evidence> {
        let article = self.article(location)?;
        let doc = article.document();
        let range = location.range();
        Some(Evidence {
            path: article.path.clone(),
            start: doc.line_col(range.start),
            end: doc.line_col(range.end),
            range,
            message: message.into(),
        })
    }

    /// The article at `path`, if the corpus has it (for a corpus asked in
    /// rounds: if a check has asked for it).
    pub fn find(&self, path: &Path) -> Option<&Article> {
        match &self.articles {
            Articles::Listed { articles, by_path } => {
                let index = by_path.get_or_init(|| {
                    articles
                        .iter()
                        .enumerate()
                        .map(|(i, a)| (a.path.clone(), i))
                        .collect()
                });
                articles.get(*index.get(path)?)
            }
            Articles::Asked(asked) => asked.by_path(path),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn corpus(texts: &[(&str, &str)]) -> Corpus {
        Corpus::new(
            texts
                .iter()
                .map(|(p, t)| Article::new(PathBuf::from(p), t.to_string()))
                .collect(),
        )
    }

    #[test]
    fn name_index_counts_mentions_articles_and_sub_spellings() {
        let corpus = corpus(&[
            (
                "a.md",
                "Envoy Steve Witkoff met officials. Later Witkoff left.",
            ),
            (
                "b.txt",
                "Steve Witkoff spoke.\n\nWitkoff's plan has 28 points.",
            ),
        ]);
        let witkoff = corpus.names().get("Witkoff").expect("indexed");
        assert_eq!(witkoff.mentions, 4);
        assert_eq!(witkoff.articles, 2);
        assert_eq!(corpus.names().mentions("Steve Witkoff"), 2);
        assert_eq!(corpus.names().mentions("Whitkoff"), 0);
    }

    #[test]
    fn evidence_carries_path_line_and_column() {
        let corpus = corpus(&[(
            "wire/a.md",
            "---\ntitle: T\n---\n\nTalks in Kyiv went on.\n",
        )]);
        let sample = corpus.names().get("Kyiv").expect("Kyiv").samples[0];
        let evidence = corpus.evidence(sample, "here").expect("evidence");
        assert_eq!(evidence.path, PathBuf::from("wire/a.md"));
        assert_eq!((evidence.start.line, evidence.start.column), (5, 10));
        let article = corpus.article_at(0).expect("article");
        assert_eq!(article.meta.title.as_deref(), Some("T"));
        assert_eq!(
            corpus.find(Path::new("wire/a.md")).map(|a| &a.meta),
            Some(&article.meta)
        );
    }
}
