//! The three corpus sources answered from what has been fetched so far,
//! recording each question that has no answer yet.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use crate::corpus::{
    ArticleMeta, CorpusQuote, QuotationSource, QuoteText, SpellingSource, SpellingStats, Statement,
    StatementSource,
};
use crate::text::claims::Attribute;

/// One question a check asks of the corpus.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Question {
    /// Counts and first places of one exact spelling.
    Spelling(String),
    /// Whether the corpus writes this (lower-case) word in lower case.
    Common(String),
    NearMisses(String),
    FullNames(String),
    /// Wordings alike; the share as its bits, to be hashable.
    Similar {
        words: Vec<String>,
        min_share: u64,
    },
    QuoteText(u32),
    Quote(u32),
    /// Statements of an attribute (its key) about any of the names.
    About {
        attribute: String,
        entities: Vec<String>,
    },
    Weekdays {
        month: u32,
        day: u32,
    },
    TermCount(u32),
    /// The text of the article at this path, for evidence.
    Body(String),
    /// The path, front matter and quotations' ids of article `n`.
    Article(u32),
}

/// The answer to one [`Question`].
#[derive(Debug, Clone)]
pub enum Answer {
    Spelling(Option<SpellingStats>),
    Common(bool),
    Spellings(Vec<(String, SpellingStats)>),
    Similar(Vec<(u32, f64)>),
    QuoteText(QuoteText),
    Quote(Option<CorpusQuote>),
    Statements(Vec<Arc<Statement>>),
    Count(u64),
    Body(Option<String>),
    Article(Option<ArticleAnswer>),
}

/// What is known of one article before its text is read.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleAnswer {
    pub path: PathBuf,
    pub meta: ArticleMeta,
    /// Its quotations' ids.
    pub quotes: Range<u32>,
}

/// A corpus whose answers come in batches from elsewhere. A question with
/// no answer yet gets an empty one and is recorded for the next batch.
#[derive(Debug, Default)]
pub struct RemoteCorpus {
    answered: Mutex<HashMap<Question, Answer>>,
    asked: Mutex<(Vec<Question>, HashSet<Question>)>,
    sentences: u64,
    unanswered: AtomicU64,
}

impl RemoteCorpus {
    /// A corpus which holds `sentences` statement sentences.
    pub fn new(sentences: u64) -> RemoteCorpus {
        RemoteCorpus {
            sentences,
            ..RemoteCorpus::default()
        }
    }

    /// The questions asked since the last call that have no answer yet.
    pub fn take_questions(&self) -> Vec<Question> {
        let mut asked = self.asked.lock().unwrap_or_else(PoisonError::into_inner);
        asked.1.clear();
        std::mem::take(&mut asked.0)
    }

    pub fn supply(&self, answers: impl IntoIterator<Item = (Question, Answer)>) {
        self.answered
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend(answers);
    }

    /// Drop every answer: the stored corpus may have changed since.
    pub fn forget(&self) {
        self.answered
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
    }

    /// How many answers are held.
    pub fn answers_held(&self) -> usize {
        self.answered
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }

    /// Article `index`'s path and front matter once answered (`None` and
    /// the question recorded before, or when there is no such article).
    pub fn article(&self, index: u32) -> Option<(PathBuf, ArticleMeta)> {
        self.ask(Question::Article(index), |a| match a {
            Answer::Article(Some(found)) => Some((found.path.clone(), found.meta.clone())),
            _ => None,
        })
    }

    /// The text of the article at `path` once fetched; `None` (and the
    /// question recorded) before. The text is handed over, not kept: the
    /// article keeps its parsed document.
    pub fn body(&self, path: &Path) -> Option<String> {
        let question = Question::Body(path.to_string_lossy().into_owned());
        let mut answered = self.answered.lock().unwrap_or_else(PoisonError::into_inner);
        match answered.remove(&question) {
            // An article the database no longer has reads as empty.
            Some(Answer::Body(text)) => Some(text.unwrap_or_default()),
            Some(other) => {
                answered.insert(question, other);
                None
            }
            None => {
                drop(answered);
                self.record(question);
                None
            }
        }
    }

    fn ask<T>(&self, question: Question, read: impl FnOnce(&Answer) -> Option<T>) -> Option<T> {
        let answered = self.answered.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(answer) = answered.get(&question) {
            return read(answer);
        }
        drop(answered);
        self.record(question);
        None
    }

    fn record(&self, question: Question) {
        self.unanswered.fetch_add(1, Ordering::Relaxed);
        let mut asked = self.asked.lock().unwrap_or_else(PoisonError::into_inner);
        if asked.1.insert(question.clone()) {
            asked.0.push(question);
        }
    }
}

impl SpellingSource for RemoteCorpus {
    fn get(&self, spelling: &str) -> Option<SpellingStats> {
        self.ask(Question::Spelling(spelling.to_string()), |a| match a {
            Answer::Spelling(stats) => stats.clone(),
            _ => None,
        })
    }

    fn is_common_word(&self, word: &str) -> bool {
        self.ask(Question::Common(word.to_lowercase()), |a| match a {
            Answer::Common(common) => Some(*common),
            _ => None,
        })
        .unwrap_or(false)
    }

    fn near_misses(&self, word: &str) -> Vec<(String, SpellingStats)> {
        self.ask(Question::NearMisses(word.to_string()), spellings)
            .unwrap_or_default()
    }

    fn full_names_with_surname(&self, surname: &str) -> Vec<(String, SpellingStats)> {
        self.ask(Question::FullNames(surname.to_string()), spellings)
            .unwrap_or_default()
    }
}

fn spellings(answer: &Answer) -> Option<Vec<(String, SpellingStats)>> {
    match answer {
        Answer::Spellings(found) => Some(found.clone()),
        _ => None,
    }
}

impl QuotationSource for RemoteCorpus {
    fn similar(&self, words: &[String], min_share: f64) -> Vec<(u32, f64)> {
        let question = Question::Similar {
            words: words.to_vec(),
            min_share: min_share.to_bits(),
        };
        self.ask(question, |a| match a {
            Answer::Similar(found) => Some(found.clone()),
            _ => None,
        })
        .unwrap_or_default()
    }

    fn text(&self, id: u32) -> QuoteText {
        self.ask(Question::QuoteText(id), |a| match a {
            Answer::QuoteText(text) => Some(text.clone()),
            _ => None,
        })
        .unwrap_or(QuoteText {
            words: Arc::default(),
            occurrences: Vec::new(),
        })
    }

    fn quote(&self, id: u32) -> Option<CorpusQuote> {
        self.ask(Question::Quote(id), |a| match a {
            Answer::Quote(quote) => *quote,
            _ => None,
        })
    }

    fn in_article(&self, article: u32) -> Range<u32> {
        self.ask(Question::Article(article), |a| match a {
            Answer::Article(Some(found)) => Some(found.quotes.clone()),
            _ => None,
        })
        .unwrap_or(0..0)
    }

    fn unanswered(&self) -> u64 {
        self.unanswered.load(Ordering::Relaxed)
    }
}

impl StatementSource for RemoteCorpus {
    fn about(&self, attribute: &Attribute, entities: &[&str]) -> Vec<Arc<Statement>> {
        let question = Question::About {
            attribute: attribute.key(),
            entities: entities.iter().map(|e| e.to_string()).collect(),
        };
        self.ask(question, |a| match a {
            Answer::Statements(found) => Some(found.clone()),
            _ => None,
        })
        .unwrap_or_default()
    }

    fn weekdays_on(&self, (month, day): (u32, u32)) -> Vec<Statement> {
        self.ask(Question::Weekdays { month, day }, |a| match a {
            Answer::Statements(found) => Some(found.iter().map(|s| (**s).clone()).collect()),
            _ => None,
        })
        .unwrap_or_default()
    }

    fn term_count(&self, term: u32) -> u64 {
        self.ask(Question::TermCount(term), |a| match a {
            Answer::Count(n) => Some(*n),
            _ => None,
        })
        .unwrap_or(0)
    }

    fn sentence_count(&self) -> u64 {
        self.sentences
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unanswered_question_is_recorded_once_and_answered_next_time() {
        let corpus = RemoteCorpus::new(7);
        assert_eq!(corpus.get("Witkoff"), None);
        assert_eq!(corpus.mentions("Witkoff"), 0);
        assert_eq!(
            corpus.take_questions(),
            vec![Question::Spelling("Witkoff".into())]
        );
        assert!(corpus.take_questions().is_empty());
        let stats = SpellingStats {
            mentions: 3,
            articles: 2,
            samples: Vec::new(),
        };
        corpus.supply([(
            Question::Spelling("Witkoff".into()),
            Answer::Spelling(Some(stats.clone())),
        )]);
        assert_eq!(corpus.get("Witkoff"), Some(stats));
        assert!(corpus.take_questions().is_empty());
        assert_eq!(corpus.in_article(0), 0..0, "not answered yet");
        corpus.supply([(
            Question::Article(0),
            Answer::Article(Some(ArticleAnswer {
                path: "wire/a.md".into(),
                meta: ArticleMeta::default(),
                quotes: 0..2,
            })),
        )]);
        assert_eq!(corpus.in_article(0), 0..2);
        assert_eq!(corpus.sentence_count(), 7);
    }
}
