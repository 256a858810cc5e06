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

use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};

use postgres::Client;

use crate::corpus::index::analysis_version;
use crate::corpus::remote::{Answer, Question, RemoteCorpus};
use crate::corpus::{Article, ArticleMeta, Corpus, TextLoader};
pub use connect::{connect, display_url};
use ingest::sql;
pub use ingest::{IngestReport, ingest};

/// The tables, created when missing.
pub const SCHEMA: &str = include_str!("schema.sql");

/// An open corpus database: the corpus the checks read, and the link that
/// answers what they ask.
pub struct DatabaseCorpus {
    pub corpus: Arc<Corpus>,
    pub link: Arc<DatabaseLink>,
}

/// The connection and what answering needs to know of the stored corpus.
pub struct DatabaseLink {
    url: String,
    client: Arc<Mutex<Client>>,
    remote: Arc<RemoteCorpus>,
    articles: answer::ArticleIndex,
    wordings: usize,
}

impl std::fmt::Debug for DatabaseLink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DatabaseLink")
            .field("url", &display_url(&self.url))
            .finish_non_exhaustive()
    }
}

impl DatabaseLink {
    pub fn remote(&self) -> &RemoteCorpus {
        &self.remote
    }

    /// Answer one round's questions.
    pub fn answer(&self, questions: Vec<Question>) -> Result<Vec<(Question, Answer)>, String> {
        let mut client = self.client.lock().unwrap_or_else(PoisonError::into_inner);
        answer::answer(&mut client, &self.articles, self.wordings, questions)
            .map_err(|e| format!("{}: {e}", display_url(&self.url)))
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
        Some(version) if version != analysis_version() => {
            return Err(format!(
                "{shown}: written by another copydesk version; write it again with `copydesk index --to {shown} FOLDER`"
            ));
        }
        Some(_) => {}
    }
    let rows = client
        .query(
            "SELECT id, path, title, source, date, url, quotes_from, quotes_to FROM articles
             ORDER BY id",
            &[],
        )
        .map_err(|e| format!("{shown}: {}", sql(e)))?;
    let totals = client
        .query_one(
            "SELECT (SELECT coalesce(sum(sentences), 0)::int8 FROM articles),
                    (SELECT count(*) FROM wordings)",
            &[],
        )
        .map_err(|e| format!("{shown}: {}", sql(e)))?;
    let client = Arc::new(Mutex::new(client));
    let loader = body_loader(client.clone());
    let mut articles = Vec::with_capacity(rows.len());
    let mut index = answer::ArticleIndex::with_capacity(rows.len());
    let mut quotes_of = Vec::with_capacity(rows.len());
    for row in rows {
        let id: i64 = row.get(0);
        let path: String = row.get(1);
        let meta = ArticleMeta {
            title: row.get(2),
            source: row.get(3),
            date: row.get(4),
            url: row.get(5),
        };
        let (from, to): (i64, i64) = (row.get(6), row.get(7));
        index.insert(id, u32::try_from(articles.len()).unwrap_or(u32::MAX));
        quotes_of.push(quote_id(from)..quote_id(to));
        articles.push(Article::on_disk(path.into(), meta, loader.clone()));
    }
    let sentences: i64 = totals.get(0);
    let wordings: i64 = totals.get(1);
    let remote = Arc::new(RemoteCorpus::new(
        quotes_of,
        u64::try_from(sentences).unwrap_or(0),
    ));
    let corpus = Corpus::with_sources(articles, remote.clone(), remote.clone(), remote.clone());
    Ok(DatabaseCorpus {
        corpus: Arc::new(corpus),
        link: Arc::new(DatabaseLink {
            url: url.to_string(),
            client,
            remote,
            articles: index,
            wordings: usize::try_from(wordings).unwrap_or(0),
        }),
    })
}

fn quote_id(id: i64) -> u32 {
    u32::try_from(id).unwrap_or(u32::MAX)
}

/// Reads an article's text from the database when evidence points into it.
fn body_loader(client: Arc<Mutex<Client>>) -> TextLoader {
    Arc::new(move |path: &Path| {
        let mut client = client.lock().unwrap_or_else(PoisonError::into_inner);
        client
            .query_opt(
                "SELECT body FROM articles WHERE path = $1",
                &[&path.to_string_lossy().as_ref()],
            )
            .ok()
            .flatten()
            .map(|row| row.get(0))
    })
}
