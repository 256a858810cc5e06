//! A corpus answered from elsewhere (a database server), one batch of
//! questions at a time. Analysis stays free of I/O: a lint runs against
//! what has been answered so far, and every question it could not answer
//! is recorded instead. The front end fetches the recorded questions in
//! one batch per kind, supplies the answers and lints again, until a run
//! asks nothing new; that run's findings are the ones reported, and they
//! are the findings a local index of the same articles gives.
//!
//! Owns the questions and answers, the rows a stored corpus is written as,
//! and the rules answers are put together by; imports only the rest of
//! `corpus` and `text`, and does no I/O: the front end's database code
//! (`crate::workspace::postgres`) asks and writes.

mod answers;
mod articles;
mod rows;
mod sources;

pub use answers::{FetchedNames, FetchedWordings, decode_statement, sample_spelling};
pub use articles::AskedArticles;
pub use rows::{
    ArticleRows, NameRow, QuoteRow, StatementRow, article_rows, neighbour_keys, surname_key,
};
pub use sources::{Answer, ArticleAnswer, Question, RemoteCorpus};

/// How many times a lint may ask for more before its findings are taken
/// as they are: each round answers what the last one found it needed, and
/// the checks rarely need more than three.
pub const MAX_ROUNDS: usize = 8;
