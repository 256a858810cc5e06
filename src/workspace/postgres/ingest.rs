//! `copydesk index --to postgres://…`: write the articles below some
//! folders into the corpus database, in batches with `COPY`, in one
//! transaction. A run adds new articles, replaces changed ones (by content
//! hash), and removes those gone from the folders it names; articles
//! below other folders are left alone.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use postgres::types::Type;
use postgres::{Client, Transaction};
use rayon::prelude::*;

use super::totals::{HELD_SUMS, PendingTotals, forget_spellings};
use super::write::{Copy, sql};
use super::{SCHEMA, TABLES, store_version};
use crate::corpus::index::{LoadWarning, read_article};
use crate::corpus::remote::{ArticleRows, article_rows};
use crate::corpus::{Article, ArticleFacts, ArticleMeta};
use crate::workspace::{is_corpus_file, list_corpus_files};

/// Articles analysed and written at a time.
const BATCH: usize = 2_000;

/// What one run did.
#[derive(Debug, Default)]
pub struct IngestReport {
    pub added: usize,
    pub changed: usize,
    pub removed: usize,
    pub unchanged: usize,
    /// The database held another analysis's facts and was written anew.
    pub rebuilt: bool,
    pub warnings: Vec<LoadWarning>,
}

/// Write the corpus below `dirs` into the database `client` is connected
/// to.
pub fn ingest(client: &mut Client, dirs: &[PathBuf]) -> Result<IngestReport, String> {
    ingest_holding(client, dirs, HELD_SUMS)
}

/// `ingest`, holding at most `held_sums` distinct keys of the running
/// totals in memory before they are set aside in the database.
pub fn ingest_holding(
    client: &mut Client,
    dirs: &[PathBuf],
    held_sums: usize,
) -> Result<IngestReport, String> {
    let (paths, warnings) = list_corpus_files(dirs).map_err(|e| e.to_string())?;
    let mut tx = begin(client)?;
    let rebuilt = start_afresh_if_stale(&mut tx)?;
    let known = known_articles(&mut tx, None)?;
    let listed: HashSet<String> = paths.iter().map(|p| path_key(p)).collect();
    let gone: Vec<i64> = known
        .iter()
        .filter(|(path, _)| !listed.contains(*path) && below_any(path, dirs))
        .map(|(_, (id, _))| *id)
        .collect();
    // A first load builds the indexes once, at the end.
    let deferred = match known.is_empty() {
        true => defer_indexes(&mut tx)?,
        false => Vec::new(),
    };
    let mut report = apply(&mut tx, &known, &paths, &gone, held_sums)?;
    build_indexes(&mut tx, &deferred)?;
    report.rebuilt = rebuilt;
    report.warnings.splice(0..0, warnings);
    finish(tx)?;
    client.batch_execute("ANALYZE").map_err(sql)?;
    Ok(report)
}

/// Write what changed at `paths` (files or folders, as a watcher reports
/// them): an article there is added or replaced, one gone is removed, with
/// every article below a folder gone.
pub fn ingest_changes(client: &mut Client, paths: &[PathBuf]) -> Result<IngestReport, String> {
    let mut articles = Vec::new();
    let mut gone_paths = Vec::new();
    let mut warnings = Vec::new();
    for path in paths {
        if path.is_dir() {
            let (found, skipped) =
                list_corpus_files(std::slice::from_ref(path)).map_err(|e| e.to_string())?;
            articles.extend(found);
            warnings.extend(skipped);
        } else if path.is_file() {
            if is_corpus_file(path) {
                articles.push(path.clone());
            }
        } else {
            gone_paths.push(path_key(path));
        }
    }
    articles.sort();
    articles.dedup();
    let mut tx = begin(client)?;
    if start_afresh_if_stale(&mut tx)? {
        return Err("the database holds another copydesk version's facts: \
                    run `copydesk index --to` over the whole corpus first"
            .into());
    }
    let named: Vec<String> = articles.iter().map(|p| path_key(p)).collect();
    let known = known_articles(&mut tx, Some(&named))?;
    let gone: Vec<i64> = tx
        .query(
            "SELECT a.id FROM articles a, unnest($1::text[]) AS g(path)
             WHERE a.path = g.path OR starts_with(a.path, g.path || '/')",
            &[&gone_paths],
        )
        .map_err(sql)?
        .into_iter()
        .map(|row| row.get(0))
        .collect();
    let mut report = apply(&mut tx, &known, &articles, &gone, HELD_SUMS)?;
    report.warnings.splice(0..0, warnings);
    // No ANALYZE: a few articles leave the statistics as they were.
    finish(tx)?;
    Ok(report)
}

/// A transaction holding the writers' lock, with the tables in place.
fn begin(client: &mut Client) -> Result<Transaction<'_>, String> {
    let mut tx = client.transaction().map_err(sql)?;
    // One writer at a time: a second run waits for the first.
    tx.batch_execute("SELECT pg_advisory_xact_lock(7291004)")
        .map_err(sql)?;
    tx.batch_execute(SCHEMA).map_err(sql)?;
    compress_with_lz4(&mut tx)?;
    Ok(tx)
}

/// Compress article bodies with LZ4 where the server has it (PostgreSQL 14
/// on, when built with it): its default, pglz, was the server's largest
/// cost in an ingest after the writes themselves. Readers decompress
/// either transparently.
fn compress_with_lz4(tx: &mut Transaction) -> Result<(), String> {
    tx.batch_execute(
        "SELECT set_config('default_toast_compression', 'lz4', true) FROM pg_settings
         WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)",
    )
    .map_err(sql)
}

/// Record which analysis wrote the tables and commit. (The caller then
/// refreshes the planner's statistics.)
fn finish(mut tx: Transaction) -> Result<(), String> {
    tx.execute(
        "INSERT INTO copydesk_meta VALUES ('analysis', $1)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        &[&store_version()],
    )
    .map_err(sql)?;
    tx.commit().map_err(sql)
}

/// Tables a first load only writes (nothing it asks reads them): building
/// their indexes after the rows are in is several times faster than
/// keeping them up to date row by row, the random keys of the near-miss
/// and statement tables above all.
const WRITE_ONLY: &[&str] = &[
    "name_counts",
    "name_keys",
    "name_surnames",
    "wording_words",
    "statement_keys",
    "quotes",
    "statements",
];

/// Drop the indexes of the write-only tables (but the primary keys of
/// `quotes` and `statements`, which grow in order), returning the
/// statements that make them again. Their definitions are the catalog's,
/// so the schema stays the one place they are written.
fn defer_indexes(tx: &mut Transaction) -> Result<Vec<String>, String> {
    let rows = tx
        .query(
            "SELECT t.relname::text, c.conname::text, pg_get_indexdef(i.indexrelid),
                    pg_get_constraintdef(c.oid), i.indexrelid::regclass::text
             FROM pg_index i
             JOIN pg_class t ON t.oid = i.indrelid
             LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid AND c.conrelid = t.oid
             WHERE t.relnamespace = current_schema()::regnamespace
               AND t.relname = ANY($1)
               AND NOT (i.indisprimary AND t.relname IN ('quotes', 'statements'))
             ORDER BY 1, 5",
            &[&WRITE_ONLY],
        )
        .map_err(sql)?;
    let mut rebuild = Vec::new();
    for row in rows {
        let table: String = row.get(0);
        let constraint: Option<String> = row.get(1);
        let (drop, make) = match constraint {
            Some(name) => {
                let definition: String = row.get(3);
                (
                    format!("ALTER TABLE \"{table}\" DROP CONSTRAINT \"{name}\""),
                    format!("ALTER TABLE \"{table}\" ADD CONSTRAINT \"{name}\" {definition}"),
                )
            }
            None => {
                let index: String = row.get(4);
                (format!("DROP INDEX {index}"), row.get(2))
            }
        };
        tx.batch_execute(&drop).map_err(sql)?;
        rebuild.push(make);
    }
    Ok(rebuild)
}

/// Make the deferred indexes again, before the load commits.
fn build_indexes(tx: &mut Transaction, statements: &[String]) -> Result<(), String> {
    if statements.is_empty() {
        return Ok(());
    }
    tx.batch_execute("SET LOCAL maintenance_work_mem = '256MB'")
        .map_err(sql)?;
    for statement in statements {
        tx.batch_execute(statement).map_err(sql)?;
    }
    Ok(())
}

/// The stored articles (all, or those at `paths`): path → (id, hash).
fn known_articles(
    tx: &mut Transaction,
    paths: Option<&[String]>,
) -> Result<HashMap<String, (i64, String)>, String> {
    let rows = match paths {
        None => tx.query("SELECT path, id, hash FROM articles", &[]),
        Some(paths) => tx.query(
            "SELECT path, id, hash FROM articles WHERE path = ANY($1)",
            &[&paths],
        ),
    };
    Ok(rows
        .map_err(sql)?
        .into_iter()
        .map(|row| (row.get(0), (row.get(1), row.get(2))))
        .collect())
}

/// Remove the articles `gone`, then read `paths` in batches and write each
/// article that is new or whose text changed since `known`.
fn apply(
    tx: &mut Transaction,
    known: &HashMap<String, (i64, String)>,
    paths: &[PathBuf],
    gone: &[i64],
    held_sums: usize,
) -> Result<IngestReport, String> {
    let mut report = IngestReport {
        removed: gone.len(),
        ..IngestReport::default()
    };
    retire(tx, gone)?;
    let mut ids = NextIds::read(tx)?;
    let mut totals = PendingTotals::holding(held_sums);
    // The next batch is read and analysed while this one is written: the
    // server's share of the work (COPY, the totals) then overlaps the
    // analysis instead of following it.
    std::thread::scope(|scope| {
        let (send, batches) = std::sync::mpsc::sync_channel(1);
        scope.spawn(move || {
            for paths in paths.chunks(BATCH) {
                if send.send(Prepared::of(paths, known)).is_err() {
                    break; // the writer stopped on an error
                }
            }
        });
        for batch in batches {
            report.unchanged += batch.unchanged;
            report.changed += batch.replaced.len();
            report.added += batch.analysed.len() - batch.replaced.len();
            report.warnings.extend(batch.warnings);
            retire(tx, &batch.replaced)?;
            write_batch(tx, &batch.analysed, &mut ids, &mut totals)?;
            totals.flush_if_large(tx)?;
        }
        totals.flush(tx)
    })?;
    Ok(report)
}

/// One batch read, compared with what is stored, and analysed.
struct Prepared {
    analysed: Vec<Analysed>,
    /// The stored articles the batch replaces.
    replaced: Vec<i64>,
    unchanged: usize,
    warnings: Vec<LoadWarning>,
}

impl Prepared {
    fn of(paths: &[PathBuf], known: &HashMap<String, (i64, String)>) -> Prepared {
        let read: Vec<_> = paths.par_iter().cloned().map(read_article).collect();
        let mut fresh = Vec::new();
        let mut prepared = Prepared {
            analysed: Vec::new(),
            replaced: Vec::new(),
            unchanged: 0,
            warnings: Vec::new(),
        };
        for result in read {
            match result {
                Err(warning) => prepared.warnings.push(warning),
                Ok((path, text)) => {
                    let hash = blake3::hash(text.as_bytes()).to_hex().to_string();
                    match known.get(&path_key(&path)) {
                        Some((_, old)) if *old == hash => prepared.unchanged += 1,
                        Some((id, _)) => {
                            prepared.replaced.push(*id);
                            fresh.push((path, text, hash));
                        }
                        None => fresh.push((path, text, hash)),
                    }
                }
            }
        }
        prepared.analysed = fresh
            .into_par_iter()
            .map(|(path, text, hash)| Analysed::new(path, text, hash))
            .collect();
        prepared
    }
}

/// A database written by another analysis (or another layout of the
/// tables) holds other facts: make it anew, so that this run writes every
/// article again.
fn start_afresh_if_stale(tx: &mut Transaction) -> Result<bool, String> {
    let stored: Option<String> = tx
        .query_opt(
            "SELECT value FROM copydesk_meta WHERE key = 'analysis'",
            &[],
        )
        .map_err(sql)?
        .map(|row| row.get(0));
    match stored {
        Some(version) if version != store_version() => {
            // Dropped, not emptied: the tables' layout may have changed too.
            tx.batch_execute(&format!("DROP TABLE IF EXISTS {TABLES}"))
                .map_err(sql)?;
            tx.batch_execute(SCHEMA).map_err(sql)?;
            Ok(true)
        }
        _ => Ok(false),
    }
}

/// How a path is stored: as the walk wrote it.
fn path_key(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

fn below_any(path: &str, dirs: &[PathBuf]) -> bool {
    dirs.iter().any(|dir| Path::new(path).starts_with(dir))
}

/// Take the articles `ids` out, with what they added to the totals.
fn retire(tx: &mut Transaction, ids: &[i64]) -> Result<(), String> {
    if ids.is_empty() {
        return Ok(());
    }
    tx.execute(
        "UPDATE spelling_totals t SET mentions = t.mentions - d.m, articles = t.articles - d.a
         FROM (SELECT spelling, sum(mentions) AS m, count(*) AS a FROM name_counts
               WHERE article = ANY($1) GROUP BY spelling) d
         WHERE t.spelling = d.spelling",
        &[&ids],
    )
    .map_err(sql)?;
    let vanished: Vec<String> = tx
        .query(
            "DELETE FROM spelling_totals WHERE articles <= 0 AND spelling IN
             (SELECT spelling FROM name_counts WHERE article = ANY($1))
             RETURNING spelling",
            &[&ids],
        )
        .map_err(sql)?
        .into_iter()
        .map(|row| row.get(0))
        .collect();
    forget_spellings(tx, &vanished)?;
    // The lower-case words and context terms the articles counted, then
    // their rows.
    for statement in [
        "UPDATE lowercase_totals t SET articles = t.articles - d.n
         FROM (SELECT w, count(*) AS n FROM articles, unnest(lowercase) AS w
               WHERE id = ANY($1) GROUP BY w) d
         WHERE t.word = d.w",
        "DELETE FROM lowercase_totals WHERE articles <= 0 AND word IN
         (SELECT unnest(lowercase) FROM articles WHERE id = ANY($1))",
        "UPDATE term_totals t SET sentences = t.sentences - d.n
         FROM (SELECT x.term, sum(x.n) AS n FROM articles,
               unnest(terms, term_sentences) AS x(term, n)
               WHERE id = ANY($1) GROUP BY x.term) d
         WHERE t.term = d.term",
        "DELETE FROM term_totals WHERE sentences <= 0 AND term IN
         (SELECT unnest(terms) FROM articles WHERE id = ANY($1))",
        "DELETE FROM name_counts WHERE article = ANY($1)",
        "DELETE FROM statement_keys WHERE statement IN
         (SELECT id FROM statements WHERE article = ANY($1))",
        "DELETE FROM statements WHERE article = ANY($1)",
    ] {
        tx.execute(statement, &[&ids]).map_err(sql)?;
    }
    // A wording no other article quotes goes with the last quotation.
    let wordings: Vec<i64> = tx
        .query(
            "DELETE FROM quotes WHERE article = ANY($1) RETURNING wording",
            &[&ids],
        )
        .map_err(sql)?
        .into_iter()
        .map(|row| row.get(0))
        .collect();
    let orphans: Vec<i64> = tx
        .query(
            "SELECT w FROM unnest($1::int8[]) AS w
             WHERE NOT EXISTS (SELECT 1 FROM quotes q WHERE q.wording = w)",
            &[&wordings],
        )
        .map_err(sql)?
        .into_iter()
        .map(|row| row.get(0))
        .collect();
    tx.execute(
        "UPDATE word_totals t SET wordings = t.wordings - d.n
         FROM (SELECT word, count(*) AS n FROM wording_words
               WHERE wording = ANY($1) GROUP BY word) d
         WHERE t.word = d.word",
        &[&orphans],
    )
    .map_err(sql)?;
    for statement in [
        "DELETE FROM word_totals WHERE wordings <= 0 AND word IN
         (SELECT word FROM wording_words WHERE wording = ANY($1))",
        "DELETE FROM wording_words WHERE wording = ANY($1)",
        "DELETE FROM wordings WHERE id = ANY($1)",
    ] {
        tx.execute(statement, &[&orphans]).map_err(sql)?;
    }
    let orphans = i64::try_from(orphans.len()).unwrap_or(i64::MAX);
    tx.execute(
        "UPDATE corpus_totals t SET articles = t.articles - d.n,
                sentences = t.sentences - d.s, wordings = t.wordings - $2
         FROM (SELECT count(*) AS n, coalesce(sum(sentences), 0) AS s
               FROM articles WHERE id = ANY($1)) d",
        &[&ids, &orphans],
    )
    .map_err(sql)?;
    tx.execute("DELETE FROM articles WHERE id = ANY($1)", &[&ids])
        .map_err(sql)?;
    Ok(())
}

/// One article read and analysed, ready to write.
struct Analysed {
    path: String,
    text: String,
    hash: String,
    meta: ArticleMeta,
    rows: ArticleRows,
}

impl Analysed {
    fn new(path: PathBuf, text: String, hash: String) -> Analysed {
        let article = Article::new(path, text);
        let facts = ArticleFacts::analyse(&article);
        let rows = article_rows(&facts);
        let text = article.document().source().to_string();
        Analysed {
            path: path_key(&article.path),
            text,
            hash,
            meta: facts.meta,
            rows,
        }
    }
}

/// The next free id of each numbered table.
struct NextIds {
    article: i64,
    quote: i64,
    wording: i64,
    statement: i64,
}

impl NextIds {
    fn read(tx: &mut Transaction) -> Result<NextIds, String> {
        let row = tx
            .query_one(
                "SELECT (SELECT coalesce(max(id) + 1, 0) FROM articles),
                        (SELECT coalesce(max(id) + 1, 0) FROM quotes),
                        (SELECT coalesce(max(id) + 1, 0) FROM wordings),
                        (SELECT coalesce(max(id) + 1, 0) FROM statements)",
                &[],
            )
            .map_err(sql)?;
        Ok(NextIds {
            article: row.get(0),
            quote: row.get(1),
            wording: row.get(2),
            statement: row.get(3),
        })
    }
}

/// Write one batch of analysed articles, in corpus order.
fn write_batch(
    tx: &mut Transaction,
    batch: &[Analysed],
    ids: &mut NextIds,
    totals: &mut PendingTotals,
) -> Result<(), String> {
    if batch.is_empty() {
        return Ok(());
    }
    let first_new_wording = ids.wording;
    let wording_ids = wording_ids(tx, batch, ids, totals)?;
    let mut articles = Copy::new(
        tx,
        "articles (id, path, hash, title, source, date, url, body, lowercase, terms,
                   term_sentences, sentences, quotes_from, quotes_to)",
        &[
            Type::INT8,
            Type::TEXT,
            Type::TEXT,
            Type::TEXT,
            Type::TEXT,
            Type::TEXT,
            Type::TEXT,
            Type::TEXT,
            Type::TEXT_ARRAY,
            Type::INT8_ARRAY,
            Type::INT4_ARRAY,
            Type::INT4,
            Type::INT8,
            Type::INT8,
        ],
    )?;
    let mut quote_rows: Vec<(i64, i64, i32, i32, i64)> = Vec::new();
    let mut article_ids = Vec::with_capacity(batch.len());
    for article in batch {
        let id = ids.article;
        ids.article += 1;
        article_ids.push(id);
        let quotes_from = ids.quote;
        for quote in &article.rows.quotes {
            let wording = wording_ids[&quote.words.join(" ")];
            quote_rows.push((
                ids.quote,
                id,
                i32::try_from(quote.start).unwrap_or(i32::MAX),
                i32::try_from(quote.end).unwrap_or(i32::MAX),
                wording,
            ));
            ids.quote += 1;
        }
        let terms: Vec<i64> = article.rows.terms.iter().map(|t| i64::from(t.0)).collect();
        let term_sentences: Vec<i32> = article.rows.terms.iter().map(|t| clamp(t.1)).collect();
        articles.row(&[
            &id,
            &article.path,
            &article.hash,
            &article.meta.title,
            &article.meta.source,
            &article.meta.date,
            &article.meta.url,
            &article.text,
            &article.rows.lowercase_words,
            &terms,
            &term_sentences,
            &clamp(article.rows.sentences),
            &quotes_from,
            &ids.quote,
        ])?;
    }
    articles.finish()?;
    let sentences: i64 = batch.iter().map(|a| i64::from(a.rows.sentences)).sum();
    totals.add_to_corpus(batch.len(), sentences, ids.wording - first_new_wording);

    let mut quotes = Copy::new(
        tx,
        "quotes (id, article, start_byte, end_byte, wording)",
        &[Type::INT8, Type::INT8, Type::INT4, Type::INT4, Type::INT8],
    )?;
    for (id, article, start, end, wording) in &quote_rows {
        quotes.row(&[id, article, start, end, wording])?;
    }
    quotes.finish()?;

    write_names(tx, batch, &article_ids, totals)?;
    write_statements(tx, batch, &article_ids, ids)?;
    Ok(())
}

fn clamp(n: u32) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// The id of each wording the batch quotes: stored ones found, new ones
/// numbered in the order they are first quoted.
fn wording_ids(
    tx: &mut Transaction,
    batch: &[Analysed],
    ids: &mut NextIds,
    totals: &mut PendingTotals,
) -> Result<HashMap<String, i64>, String> {
    let mut order: Vec<(String, &Vec<String>)> = Vec::new();
    let mut seen = HashSet::new();
    for quote in batch.iter().flat_map(|a| &a.rows.quotes) {
        let wording = quote.words.join(" ");
        if seen.insert(wording.clone()) {
            order.push((wording, &quote.words));
        }
    }
    let asked: Vec<&str> = order.iter().map(|(w, _)| w.as_str()).collect();
    let mut found: HashMap<String, i64> = tx
        .query(
            "SELECT wording, id FROM wordings WHERE wording = ANY($1)",
            &[&asked],
        )
        .map_err(sql)?
        .into_iter()
        .map(|row| (row.get(0), row.get(1)))
        .collect();
    let mut wordings = Copy::new(
        tx,
        "wordings (id, wording, words)",
        &[Type::INT8, Type::TEXT, Type::TEXT_ARRAY],
    )?;
    let mut words_of_new = Vec::new();
    for (wording, words) in order {
        if found.contains_key(&wording) {
            continue;
        }
        let id = ids.wording;
        ids.wording += 1;
        wordings.row(&[&id, &wording, words])?;
        words_of_new.push((id, words));
        found.insert(wording, id);
    }
    wordings.finish()?;
    let mut postings = Copy::new(
        tx,
        "wording_words (word, wording)",
        &[Type::TEXT, Type::INT8],
    )?;
    for (id, words) in words_of_new {
        let distinct: HashSet<&String> = words.iter().collect();
        for word in distinct {
            postings.row(&[word, &id])?;
            totals.add_quote_word(word);
        }
    }
    postings.finish()?;
    Ok(found)
}

/// Spelling counts per article, and what they add to the totals.
fn write_names(
    tx: &mut Transaction,
    batch: &[Analysed],
    article_ids: &[i64],
    totals: &mut PendingTotals,
) -> Result<(), String> {
    let mut counts = Copy::new(
        tx,
        "name_counts (spelling, article, mentions, samples)",
        &[Type::TEXT, Type::INT8, Type::INT4, Type::INT4_ARRAY],
    )?;
    for (article, id) in batch.iter().zip(article_ids) {
        for name in &article.rows.names {
            let samples: Vec<i32> = name
                .samples
                .iter()
                .flat_map(|&(start, end)| [clamp(start), clamp(end)])
                .collect();
            counts.row(&[&name.spelling, id, &clamp(name.mentions), &samples])?;
            totals.add_spelling(&name.spelling, name.mentions);
        }
        for word in &article.rows.lowercase_words {
            totals.add_lowercase(word);
        }
        for &(term, sentences) in &article.rows.terms {
            totals.add_term(term, sentences);
        }
    }
    counts.finish()
}

/// The claim records and their lookup keys.
fn write_statements(
    tx: &mut Transaction,
    batch: &[Analysed],
    article_ids: &[i64],
    ids: &mut NextIds,
) -> Result<(), String> {
    let mut keys: Vec<(String, i64)> = Vec::new();
    let mut statements = Copy::new(
        tx,
        "statements (id, article, attribute, subject, value, weekday_date, record)",
        &[
            Type::INT8,
            Type::INT8,
            Type::TEXT,
            Type::TEXT_ARRAY,
            Type::TEXT,
            Type::INT4,
            Type::BYTEA,
        ],
    )?;
    for (article, article_id) in batch.iter().zip(article_ids) {
        for statement in &article.rows.statements {
            let id = ids.statement;
            ids.statement += 1;
            statements.row(&[
                &id,
                article_id,
                &statement.attribute,
                &statement.subject,
                &statement.value,
                &statement.weekday_date,
                &statement.record,
            ])?;
            let distinct: HashSet<&String> = statement.keys.iter().collect();
            keys.extend(distinct.into_iter().map(|key| (key.clone(), id)));
        }
    }
    statements.finish()?;
    let mut postings = Copy::new(
        tx,
        "statement_keys (key, statement)",
        &[Type::TEXT, Type::INT8],
    )?;
    for (key, id) in &keys {
        postings.row(&[key, id])?;
    }
    postings.finish()
}
