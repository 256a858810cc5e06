//! The reference corpus served from PostgreSQL: `copydesk index --to`
//! writes it (`ingest`), and lint opens it here. The articles' list is
//! read once; everything else is asked for a draft at a time, in batched
//! queries (`answer`), through the analysis core's `RemoteCorpus`.
//!
//! Owns the connection, the schema, ingest and the batched queries; may
//! import `corpus` (its `remote` rows and answers), `config` and the rest
//! of `workspace`.

mod answer;
mod connect;
mod ingest;
mod tls;
mod totals;
mod write;

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use postgres::Client;

use crate::corpus::index::analysis_version;
use crate::corpus::remote::{Answer, AskedArticles, Question, RemoteCorpus};
use crate::corpus::{Corpus, TextLoader};
use crate::document::Document;
use crate::finding::Report;
use crate::linter::Linter;
pub use connect::{connect, display_url};
pub use ingest::{IngestReport, ingest, ingest_changes, ingest_holding};
use write::sql;

/// The tables, created when missing.
pub const SCHEMA: &str = include_str!("schema.sql");
/// Every table of the schema but `copydesk_meta`: what starting afresh
/// drops.
pub(super) const TABLES: &str =
    "articles, name_counts, spelling_totals, lowercase_totals, name_keys,
    name_surnames, wordings, wording_words, word_totals, quotes, statements, statement_keys,
    term_totals, corpus_totals";

/// What wrote a database: the analysis, and the tables' layout. Either
/// changing means the stored facts must be written again.
pub(super) fn store_version() -> String {
    let layout = blake3::hash(SCHEMA.as_bytes()).to_hex();
    format!("{} tables {}", analysis_version(), &layout[..16])
}

/// An open corpus database: the corpus the checks read, and the link that
/// answers what they ask.
pub struct DatabaseCorpus {
    pub corpus: Arc<Corpus>,
    pub link: Arc<DatabaseLink>,
}

/// The connection and what answering needs to know of the stored corpus.
/// A lost connection is made again when next needed, at most once per
/// [`RETRY_AFTER`].
pub struct DatabaseLink {
    url: String,
    /// A small pool: a round's questions about names are answered on the
    /// first connection while the rest are answered on the second.
    connections: [Mutex<Connection>; 2],
    remote: Arc<RemoteCorpus>,
    wordings: usize,
    /// One lint at a time: a round's questions are the corpus's, not the
    /// document's, so two lints asking at once would take each other's.
    linting: Mutex<Instant>,
    /// Whether the last lint found the database away, for telling the
    /// user once when it goes and once when it comes back.
    away: AtomicBool,
}

/// A change in whether the corpus database answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reachability {
    Lost(String),
    Back,
}

/// How long answers are kept: the corpus is written all day, and a lint
/// after this long asks again.
const ANSWERS_KEPT: Duration = Duration::from_secs(60);
/// How long after a failed connection the next one is tried.
const RETRY_AFTER: Duration = Duration::from_secs(2);

/// The connection, or when it was lost.
enum Connection {
    /// Not needed yet.
    Unopened,
    Open(Box<Client>),
    Lost(Instant),
}

impl Drop for DatabaseLink {
    fn drop(&mut self) {
        // The driver closes a connection by blocking on a runtime of its
        // own, which panics on a thread of the language server's runtime:
        // there, they are closed on a thread of their own.
        if tokio::runtime::Handle::try_current().is_err() {
            return;
        }
        let open: Vec<Connection> = self
            .connections
            .iter_mut()
            .map(|c| {
                let state = c.get_mut().unwrap_or_else(PoisonError::into_inner);
                std::mem::replace(state, Connection::Unopened)
            })
            .collect();
        std::thread::spawn(move || drop(open));
    }
}

impl Connection {
    /// The open client, connecting again if it was lost long enough ago.
    fn client(&mut self, url: &str, remote: &RemoteCorpus) -> Result<&mut Client, String> {
        if let Connection::Open(client) = self
            && client.is_closed()
        {
            // Closed under us: try again at once.
            let long_ago = Instant::now().checked_sub(RETRY_AFTER);
            *self = Connection::Lost(long_ago.unwrap_or_else(Instant::now));
        }
        if let Connection::Unopened = self {
            *self = Connection::Open(Box::new(connect(url)?));
        }
        if let Connection::Lost(since) = self {
            if since.elapsed() < RETRY_AFTER {
                return Err(format!(
                    "{}: the connection was lost; trying again shortly",
                    display_url(url)
                ));
            }
            match connect(url) {
                Ok(client) => {
                    // The corpus may have changed while it was away.
                    remote.forget();
                    *self = Connection::Open(Box::new(client));
                }
                Err(problem) => {
                    *self = Connection::Lost(Instant::now());
                    return Err(problem);
                }
            }
        }
        match self {
            Connection::Open(client) => Ok(client),
            Connection::Lost(_) | Connection::Unopened => {
                Err(format!("{}: not connected", display_url(url)))
            }
        }
    }

    /// Mark the connection lost after a failed query that closed it.
    fn failed(&mut self) {
        if let Connection::Open(client) = self
            && client.is_closed()
        {
            *self = Connection::Lost(Instant::now());
        }
    }
}

impl std::fmt::Debug for DatabaseLink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DatabaseLink")
            .field("url", &display_url(&self.url))
            .finish_non_exhaustive()
    }
}

impl DatabaseLink {
    /// Lint `doc` against the database: in rounds, one lint at a time.
    pub fn lint(&self, linter: &Linter, doc: &Document) -> Result<Report, String> {
        let mut last_lint = self.linting.lock().unwrap_or_else(PoisonError::into_inner);
        if last_lint.elapsed() > ANSWERS_KEPT {
            self.remote.forget();
        }
        *last_lint = Instant::now();
        linter.lint_in_rounds(doc, &self.remote, |questions| self.answer(questions))
    }

    /// Record how a lint went; the change, if this is one.
    pub fn note(&self, outcome: &Result<Report, String>) -> Option<Reachability> {
        let away = outcome.is_err();
        match (self.away.swap(away, Ordering::Relaxed), outcome) {
            (false, Err(problem)) => Some(Reachability::Lost(problem.clone())),
            (true, Ok(_)) => Some(Reachability::Back),
            _ => None,
        }
    }

    /// Answer one round's questions: those about names and the rest side
    /// by side, each on its own connection.
    fn answer(&self, questions: Vec<Question>) -> Result<Vec<(Question, Answer)>, String> {
        let lanes: (Vec<Question>, Vec<Question>) =
            questions.into_iter().partition(answer::is_about_names);
        let [names_on, rest_on] = &self.connections;
        // A round of one kind (as most rounds while typing are) needs no
        // second thread.
        if lanes.0.is_empty() || lanes.1.is_empty() {
            let (questions, on) = match lanes.0.is_empty() {
                true => (lanes.1, rest_on),
                false => (lanes.0, names_on),
            };
            return self.answer_on(on, questions);
        }
        let (names, rest) = std::thread::scope(|scope| {
            let names = scope.spawn(|| self.answer_on(names_on, lanes.0));
            let rest = self.answer_on(rest_on, lanes.1);
            let names = names
                .join()
                .unwrap_or_else(|_| Err("answering stopped on an internal error".into()));
            (names, rest)
        });
        let mut answers = names?;
        answers.extend(rest?);
        Ok(answers)
    }

    fn answer_on(
        &self,
        connection: &Mutex<Connection>,
        questions: Vec<Question>,
    ) -> Result<Vec<(Question, Answer)>, String> {
        if questions.is_empty() {
            return Ok(Vec::new());
        }
        let mut connection = connection.lock().unwrap_or_else(PoisonError::into_inner);
        let client = connection.client(&self.url, &self.remote)?;
        let answered = answer::answer(client, self.wordings, questions);
        if answered.is_err() {
            connection.failed();
        }
        answered.map_err(|e| format!("{}: {e}", display_url(&self.url)))
    }
}

/// Open the corpus stored at `url`.
pub fn open(url: &str) -> Result<DatabaseCorpus, String> {
    let shown = display_url(url);
    let mut client = connect(url)?;
    let written: Option<String> = client
        .query_opt(
            "SELECT value FROM copydesk_meta WHERE key = 'analysis'",
            &[],
        )
        .ok()
        .flatten()
        .map(|row| row.get(0));
    match written {
        None => {
            return Err(format!(
                "{shown}: holds no copydesk corpus; write one with `copydesk index --to {shown} FOLDER`"
            ));
        }
        Some(version) if version != store_version() => {
            return Err(format!(
                "{shown}: written by another copydesk version; write it again with `copydesk index --to {shown} FOLDER`"
            ));
        }
        Some(_) => {}
    }
    let totals = client
        .query_one(
            "SELECT articles, sentences, wordings,
                    (SELECT coalesce(max(id) + 1, 0) FROM articles)
             FROM corpus_totals",
            &[],
        )
        .map_err(|e| format!("{shown}: {}", sql(e)))?;
    let (count, sentences, wordings, end): (i64, i64, i64, i64) =
        (totals.get(0), totals.get(1), totals.get(2), totals.get(3));
    let connections = [
        Mutex::new(Connection::Open(Box::new(client))),
        Mutex::new(Connection::Unopened),
    ];
    let remote = Arc::new(RemoteCorpus::new(u64::try_from(sentences).unwrap_or(0)));
    // Articles are asked for by id as checks need them: opening an archive
    // reads none of them.
    let articles = AskedArticles::new(
        remote.clone(),
        body_loader(remote.clone()),
        usize::try_from(count).unwrap_or(0),
        u32::try_from(end).unwrap_or(u32::MAX),
    );
    let corpus = Corpus::asked(articles, remote.clone());
    Ok(DatabaseCorpus {
        corpus: Arc::new(corpus),
        link: Arc::new(DatabaseLink {
            url: url.to_string(),
            connections,
            remote,
            wordings: usize::try_from(wordings).unwrap_or(0),
            linting: Mutex::new(Instant::now()),
            away: AtomicBool::new(false),
        }),
    })
}

/// An article's text, asked of the corpus in rounds like everything else.
fn body_loader(remote: Arc<RemoteCorpus>) -> TextLoader {
    Arc::new(move |path: &Path| remote.body(path))
}
