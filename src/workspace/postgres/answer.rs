//! Answering one round's questions with a few batched queries: one per
//! kind of question, not one per word.

use std::collections::HashMap;
use std::sync::Arc;

use postgres::Client;

use super::write::sql;
use crate::corpus::remote::{
    Answer, ArticleAnswer, FetchedNames, FetchedWordings, Question, decode_statement,
    sample_spelling,
};
use crate::corpus::{ArticleMeta, CorpusQuote, Location, OCCURRENCES_LISTED, QuoteText, Statement};
use crate::corpus::{MAX_CANDIDATES, statements_key};
use crate::text::similarity::{lookup_keys, transliteration_key};

/// Whether a question is about names: those take most of a round's time
/// (near-miss keys, then every candidate's counts and first places), so
/// they are answered on a connection of their own.
pub(super) fn is_about_names(question: &Question) -> bool {
    matches!(
        question,
        Question::Spelling(_)
            | Question::Common(_)
            | Question::NearMisses(_)
            | Question::FullNames(_)
    )
}

/// Answer `questions` from the database.
pub(super) fn answer(
    client: &mut Client,
    wordings: usize,
    questions: Vec<Question>,
) -> Result<Vec<(Question, Answer)>, String> {
    let mut names = Vec::new();
    let mut quotes = Vec::new();
    let mut statements = Vec::new();
    let mut bodies = Vec::new();
    let mut articles = Vec::new();
    for question in questions {
        match question {
            Question::Body(path) => bodies.push(path),
            Question::Article(id) => articles.push(id),
            Question::Spelling(_)
            | Question::Common(_)
            | Question::NearMisses(_)
            | Question::FullNames(_) => names.push(question),
            Question::Similar { .. } | Question::QuoteText(_) | Question::Quote(_) => {
                quotes.push(question)
            }
            Question::About { .. } | Question::Weekdays { .. } | Question::TermCount(_) => {
                statements.push(question)
            }
        }
    }
    let mut answers = Vec::new();
    if !names.is_empty() {
        answers.extend(answer_names(client, names)?);
    }
    if !quotes.is_empty() {
        answers.extend(answer_quotes(client, wordings, quotes)?);
    }
    if !statements.is_empty() {
        answers.extend(answer_statements(client, statements)?);
    }
    if !bodies.is_empty() {
        answers.extend(answer_bodies(client, bodies)?);
    }
    if !articles.is_empty() {
        answers.extend(answer_articles(client, articles)?);
    }
    Ok(answers)
}

/// Column `column` of `row`, an id kept as u32.
fn id_at(row: &postgres::Row, column: usize) -> u32 {
    article_of(row.get(column))
}

/// An article's index in the corpus: its id (and any id kept as u32).
fn article_of(id: i64) -> u32 {
    u32::try_from(id).unwrap_or(u32::MAX)
}

fn narrow(n: i32) -> u32 {
    u32::try_from(n).unwrap_or(0)
}

/// A spelling's mentions and articles, and its first articles' places.
type Placed = (usize, usize, Vec<(u32, Vec<(u32, u32)>)>);

fn answer_names(
    client: &mut Client,
    questions: Vec<Question>,
) -> Result<Vec<(Question, Answer)>, String> {
    // Near misses: the spellings filed under every deletion key asked.
    let mut keys: Vec<i64> = Vec::new();
    let mut surname_keys: Vec<String> = Vec::new();
    for question in &questions {
        match question {
            Question::NearMisses(word) => {
                keys.extend(lookup_keys(word).into_iter().map(|k| k as i64))
            }
            Question::FullNames(surname) => surname_keys.push(transliteration_key(surname)),
            _ => {}
        }
    }
    let mut by_key: HashMap<u64, Vec<String>> = HashMap::new();
    for row in client
        .query(
            "SELECT key, spelling FROM name_keys WHERE key = ANY($1)",
            &[&keys],
        )
        .map_err(sql)?
    {
        let key: i64 = row.get(0);
        by_key.entry(key as u64).or_default().push(row.get(1));
    }
    let mut by_surname: HashMap<String, Vec<String>> = HashMap::new();
    for row in client
        .query(
            "SELECT key, spelling FROM name_surnames WHERE key = ANY($1)",
            &[&surname_keys],
        )
        .map_err(sql)?
    {
        by_surname.entry(row.get(0)).or_default().push(row.get(1));
    }
    for list in by_key.values_mut().chain(by_surname.values_mut()) {
        list.sort_unstable();
    }

    // The counts of every spelling asked or offered, and which of them
    // (and of the words asked) the corpus writes in lower case. A spelling
    // asked by name gets its first places too; a near miss only its
    // counts, which say whether it qualifies (a finding that cites one
    // asks for it by name in the next round). At a million articles a
    // draft's near misses run to thousands of spellings, whose places were
    // most of a lint's time.
    let mut spellings: Vec<&str> = by_key
        .values()
        .chain(by_surname.values())
        .flatten()
        .map(String::as_str)
        .collect();
    let mut words: Vec<String> = spellings.iter().map(|s| s.to_lowercase()).collect();
    let mut asked: Vec<&str> = Vec::new();
    for question in &questions {
        match question {
            Question::Spelling(spelling) => asked.push(spelling),
            Question::Common(word) => words.push(word.clone()),
            _ => {}
        }
    }
    asked.sort_unstable();
    asked.dedup();
    spellings.sort_unstable();
    spellings.dedup();
    spellings.retain(|s| asked.binary_search(s).is_err());
    words.sort_unstable();
    words.dedup();
    let mut fetched = FetchedNames::default();
    for row in client
        .query(
            "SELECT spelling, mentions, articles FROM spelling_totals WHERE spelling = ANY($1)",
            &[&spellings],
        )
        .map_err(sql)?
    {
        let mentions: i64 = row.get(1);
        let article_count: i64 = row.get(2);
        let stats = sample_spelling(
            usize::try_from(mentions).unwrap_or(0),
            usize::try_from(article_count).unwrap_or(0),
            std::iter::empty(),
        );
        fetched.stats.insert(row.get(0), stats);
    }
    let mut places: HashMap<String, Placed> = HashMap::new();
    for row in client
        .query(
            "SELECT t.spelling, t.mentions, t.articles, s.article, s.samples
             FROM spelling_totals t
             CROSS JOIN LATERAL (
               SELECT article, samples FROM name_counts n
               WHERE n.spelling = t.spelling ORDER BY article LIMIT 5) s
             WHERE t.spelling = ANY($1)
             ORDER BY t.spelling, s.article",
            &[&asked],
        )
        .map_err(sql)?
    {
        let spelling: String = row.get(0);
        let mentions: i64 = row.get(1);
        let article_count: i64 = row.get(2);
        let article: i64 = row.get(3);
        let samples: Vec<i32> = row.get(4);
        let entry = places.entry(spelling).or_insert_with(|| {
            (
                usize::try_from(mentions).unwrap_or(0),
                usize::try_from(article_count).unwrap_or(0),
                Vec::new(),
            )
        });
        let pairs = samples
            .chunks_exact(2)
            .map(|p| (narrow(p[0]), narrow(p[1])))
            .collect();
        entry.2.push((article_of(article), pairs));
    }
    for (spelling, (mentions, article_count, first)) in places {
        let stats = sample_spelling(
            mentions,
            article_count,
            first.iter().map(|(a, p)| (*a, p.as_slice())),
        );
        fetched.stats.insert(spelling, stats);
    }
    fetched.lowercase = client
        .query(
            "SELECT word FROM lowercase_totals WHERE word = ANY($1)",
            &[&words],
        )
        .map_err(sql)?
        .into_iter()
        .map(|row| row.get(0))
        .collect();

    Ok(questions
        .into_iter()
        .map(|question| {
            let answer = match &question {
                Question::Spelling(spelling) => {
                    Answer::Spelling(fetched.stats.get(spelling).cloned())
                }
                Question::Common(word) => Answer::Common(fetched.lowercase.contains(word)),
                Question::NearMisses(word) => Answer::Spellings(fetched.near_misses(word, &by_key)),
                Question::FullNames(surname) => Answer::Spellings(
                    by_surname
                        .get(&transliteration_key(surname))
                        .map(|found| fetched.full_names(found))
                        .unwrap_or_default(),
                ),
                _ => Answer::Spelling(None),
            };
            (question, answer)
        })
        .collect())
}

fn answer_quotes(
    client: &mut Client,
    wordings: usize,
    questions: Vec<Question>,
) -> Result<Vec<(Question, Answer)>, String> {
    let mut fetched = FetchedWordings {
        count: wordings,
        ..FetchedWordings::default()
    };
    let mut words: Vec<&str> = Vec::new();
    let mut texts: Vec<i64> = Vec::new();
    let mut quote_ids: Vec<i64> = Vec::new();
    for question in &questions {
        match question {
            Question::Similar { words: asked, .. } => {
                words.extend(asked.iter().map(String::as_str))
            }
            Question::QuoteText(id) => texts.push(i64::from(*id)),
            Question::Quote(id) => quote_ids.push(i64::from(*id)),
            _ => {}
        }
    }
    words.sort_unstable();
    words.dedup();
    if !words.is_empty() {
        for row in client
            .query(
                "SELECT word, wordings FROM word_totals WHERE word = ANY($1)",
                &[&words],
            )
            .map_err(sql)?
        {
            let uses: i64 = row.get(1);
            fetched
                .uses
                .insert(row.get(0), usize::try_from(uses).unwrap_or(0));
        }
        // Only the rarer words find candidates: fetch their wordings, and
        // every candidate's words.
        let rare: Vec<&str> = fetched
            .uses
            .iter()
            .filter(|(_, uses)| fetched.is_rare(**uses))
            .map(|(word, _)| word.as_str())
            .collect();
        for row in client
            .query(
                "SELECT ww.word, w.id, w.words FROM wording_words ww
                 JOIN wordings w ON w.id = ww.wording
                 WHERE ww.word = ANY($1) ORDER BY w.id",
                &[&rare],
            )
            .map_err(sql)?
        {
            let id = id_at(&row, 1);
            fetched.postings.entry(row.get(0)).or_default().push(id);
            fetched
                .words
                .entry(id)
                .or_insert_with(|| Arc::new(row.get(2)));
        }
    }
    let mut text_words: HashMap<u32, Arc<Vec<String>>> = HashMap::new();
    let mut occurrences: HashMap<u32, Vec<u32>> = HashMap::new();
    if !texts.is_empty() {
        for row in client
            .query(
                "SELECT id, words FROM wordings WHERE id = ANY($1)",
                &[&texts],
            )
            .map_err(sql)?
        {
            let id = id_at(&row, 0);
            text_words.insert(id, Arc::new(row.get(1)));
        }
        for row in client
            .query(
                "SELECT w.id, q.id FROM unnest($1::int8[]) AS w (id)
                 CROSS JOIN LATERAL (SELECT id FROM quotes WHERE wording = w.id
                                     ORDER BY id LIMIT $2) q
                 ORDER BY q.id",
                &[&texts, &(OCCURRENCES_LISTED as i64)],
            )
            .map_err(sql)?
        {
            let wording = id_at(&row, 0);
            let id = id_at(&row, 1);
            occurrences.entry(wording).or_default().push(id);
        }
    }
    let mut quotes: HashMap<u32, CorpusQuote> = HashMap::new();
    if !quote_ids.is_empty() {
        for row in client
            .query(
                "SELECT id, article, start_byte, end_byte, wording FROM quotes WHERE id = ANY($1)",
                &[&quote_ids],
            )
            .map_err(sql)?
        {
            let id = id_at(&row, 0);
            quotes.insert(
                id,
                CorpusQuote {
                    location: Location {
                        article: article_of(row.get(1)),
                        start: narrow(row.get(2)),
                        end: narrow(row.get(3)),
                    },
                    text: id_at(&row, 4),
                },
            );
        }
    }
    Ok(questions
        .into_iter()
        .map(|question| {
            let answer = match &question {
                Question::Similar { words, min_share } => {
                    Answer::Similar(fetched.similar(words, f64::from_bits(*min_share)))
                }
                Question::QuoteText(id) => Answer::QuoteText(QuoteText {
                    words: text_words.get(id).cloned().unwrap_or_default(),
                    occurrences: occurrences.get(id).cloned().unwrap_or_default(),
                }),
                Question::Quote(id) => Answer::Quote(quotes.get(id).copied()),
                _ => Answer::Quote(None),
            };
            (question, answer)
        })
        .collect())
}

fn answer_statements(
    client: &mut Client,
    questions: Vec<Question>,
) -> Result<Vec<(Question, Answer)>, String> {
    let mut keys: Vec<String> = Vec::new();
    let mut dates: Vec<i32> = Vec::new();
    let mut terms: Vec<i64> = Vec::new();
    for question in &questions {
        match question {
            Question::About {
                attribute,
                entities,
            } => keys.extend(entities.iter().map(|e| statements_key(attribute, e))),
            Question::Weekdays { month, day } => {
                dates.push(i32::try_from(month << 8 | day).unwrap_or(0))
            }
            Question::TermCount(term) => terms.push(i64::from(*term)),
            _ => {}
        }
    }
    // The candidates are chosen where the keys are: a name every article
    // mentions has a statement id under it per article, and only the
    // best MAX_CANDIDATES of them (by how many of the claim's keys each is
    // under, then corpus order: `candidate_ids`) need to come back.
    let about: Vec<&Question> = questions
        .iter()
        .filter(|q| matches!(q, Question::About { .. }))
        .collect();
    let (asking, keys): (Vec<i32>, Vec<String>) = about
        .iter()
        .enumerate()
        .flat_map(|(n, question)| match question {
            Question::About {
                attribute,
                entities,
            } => entities
                .iter()
                .map(|e| {
                    (
                        i32::try_from(n).unwrap_or(i32::MAX),
                        statements_key(attribute, e),
                    )
                })
                .collect(),
            _ => Vec::new(),
        })
        .unzip();
    let mut chosen: HashMap<&Question, Vec<u32>> = HashMap::new();
    let mut wanted: Vec<i64> = Vec::new();
    if !keys.is_empty() {
        for row in client
            .query(
                "SELECT question, statement FROM (
                   SELECT a.question, k.statement, row_number() OVER (
                     PARTITION BY a.question ORDER BY count(*) DESC, k.statement) AS rank
                   FROM unnest($1::int4[], $2::text[]) AS a (question, key)
                   JOIN statement_keys k ON k.key = a.key
                   GROUP BY a.question, k.statement) ranked
                 WHERE rank <= $3
                 ORDER BY question, statement",
                &[&asking, &keys, &(MAX_CANDIDATES as i64)],
            )
            .map_err(sql)?
        {
            let asked: i32 = row.get(0);
            let id = id_at(&row, 1);
            if let Some(question) = usize::try_from(asked).ok().and_then(|n| about.get(n)) {
                chosen.entry(*question).or_default().push(id);
                wanted.push(i64::from(id));
            }
        }
    }
    wanted.sort_unstable();
    wanted.dedup();
    let mut records: HashMap<u32, Arc<Statement>> = HashMap::new();
    let mut weekdays: HashMap<i32, Vec<Arc<Statement>>> = HashMap::new();
    if !wanted.is_empty() || !dates.is_empty() {
        for row in client
            .query(
                "SELECT id, article, record, weekday_date FROM statements
                 WHERE id = ANY($1) OR weekday_date = ANY($2) ORDER BY id",
                &[&wanted, &dates],
            )
            .map_err(sql)?
        {
            let id = id_at(&row, 0);
            let record: Vec<u8> = row.get(2);
            let Some(statement) = decode_statement(article_of(row.get(1)), &record) else {
                continue;
            };
            let statement = Arc::new(statement);
            if let Some(date) = row.get::<_, Option<i32>>(3) {
                weekdays.entry(date).or_default().push(statement.clone());
            }
            records.insert(id, statement);
        }
    }
    let mut counts: HashMap<u32, u64> = HashMap::new();
    if !terms.is_empty() {
        for row in client
            .query(
                "SELECT term, sentences FROM term_totals WHERE term = ANY($1)",
                &[&terms],
            )
            .map_err(sql)?
        {
            let term = id_at(&row, 0);
            counts.insert(term, u64::try_from(row.get::<_, i64>(1)).unwrap_or(0));
        }
    }
    let answers: Vec<Answer> = questions
        .iter()
        .map(|question| match question {
            Question::About { .. } => Answer::Statements(
                chosen
                    .get(question)
                    .into_iter()
                    .flatten()
                    .filter_map(|id| records.get(id).cloned())
                    .collect(),
            ),
            Question::Weekdays { month, day } => Answer::Statements(
                weekdays
                    .get(&i32::try_from(month << 8 | day).unwrap_or(0))
                    .cloned()
                    .unwrap_or_default(),
            ),
            Question::TermCount(term) => Answer::Count(counts.get(term).copied().unwrap_or(0)),
            _ => Answer::Count(0),
        })
        .collect();
    Ok(questions.into_iter().zip(answers).collect())
}

/// The texts of the articles at `paths`.
fn answer_bodies(
    client: &mut Client,
    paths: Vec<String>,
) -> Result<Vec<(Question, Answer)>, String> {
    let mut texts: HashMap<String, String> = client
        .query(
            "SELECT path, body FROM articles WHERE path = ANY($1)",
            &[&paths],
        )
        .map_err(sql)?
        .into_iter()
        .map(|row| (row.get(0), row.get(1)))
        .collect();
    Ok(paths
        .into_iter()
        .map(|path| {
            let text = texts.remove(&path);
            (Question::Body(path), Answer::Body(text))
        })
        .collect())
}

/// The path, front matter and quotations' ids of the articles `ids`.
fn answer_articles(client: &mut Client, ids: Vec<u32>) -> Result<Vec<(Question, Answer)>, String> {
    let wanted: Vec<i64> = ids.iter().map(|&id| i64::from(id)).collect();
    let mut found: HashMap<u32, ArticleAnswer> = client
        .query(
            "SELECT id, path, title, source, date, url, quotes_from, quotes_to FROM articles
             WHERE id = ANY($1)",
            &[&wanted],
        )
        .map_err(sql)?
        .into_iter()
        .map(|row| {
            let path: String = row.get(1);
            let quotes = article_of(row.get(6))..article_of(row.get(7));
            let meta = ArticleMeta {
                title: row.get(2),
                source: row.get(3),
                date: row.get(4),
                url: row.get(5),
            };
            let answer = ArticleAnswer {
                path: path.into(),
                meta,
                quotes,
            };
            (article_of(row.get(0)), answer)
        })
        .collect();
    Ok(ids
        .into_iter()
        .map(|id| (Question::Article(id), Answer::Article(found.remove(&id))))
        .collect())
}
