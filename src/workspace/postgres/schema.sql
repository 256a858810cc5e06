-- The reference corpus as copydesk stores it in PostgreSQL. Every table
-- below is written by `copydesk index --to` and read by lint and the
-- language server; `copydesk_meta` says which analysis wrote it.
CREATE TABLE IF NOT EXISTS copydesk_meta (
    key text PRIMARY KEY,
    value text NOT NULL
);

-- One row per article. Ids follow the order articles were indexed, which
-- is corpus order: first places and statements are listed in it.
CREATE TABLE IF NOT EXISTS articles (
    id bigint PRIMARY KEY,
    path text NOT NULL UNIQUE,
    hash text NOT NULL,
    title text,
    source text,
    date text,
    url text,
    body text NOT NULL,
    -- What the article adds to the totals below, to take off again when it
    -- changes or goes.
    lowercase text[] NOT NULL,
    terms bigint[] NOT NULL,
    term_sentences int[] NOT NULL,
    sentences int NOT NULL,
    quotes_from bigint NOT NULL,
    quotes_to bigint NOT NULL
);
-- Nothing is looked up by a body, an array or a record, so the statistics
-- an ingest's ANALYZE gathers leave them out: the bodies and arrays were
-- half its time.
ALTER TABLE articles ALTER COLUMN body SET STATISTICS 0,
    ALTER COLUMN lowercase SET STATISTICS 0, ALTER COLUMN terms SET STATISTICS 0,
    ALTER COLUMN term_sentences SET STATISTICS 0;

-- Spellings of names: per article, and in total.
CREATE TABLE IF NOT EXISTS name_counts (
    spelling text NOT NULL,
    article bigint NOT NULL,
    mentions int NOT NULL,
    -- The first few byte ranges, as start, end, start, end, ...
    samples int[] NOT NULL,
    PRIMARY KEY (spelling, article)
);
ALTER TABLE name_counts ALTER COLUMN samples SET STATISTICS 0;
CREATE INDEX IF NOT EXISTS name_counts_article ON name_counts (article);
CREATE TABLE IF NOT EXISTS spelling_totals (
    spelling text PRIMARY KEY,
    mentions bigint NOT NULL,
    articles bigint NOT NULL
);
-- Words some article writes in lower case, with how many do.
CREATE TABLE IF NOT EXISTS lowercase_totals (
    word text PRIMARY KEY,
    articles bigint NOT NULL
);
-- Near-miss lookups: a single-word name under each of its deletion keys,
-- a two-word name under its folded surname.
CREATE TABLE IF NOT EXISTS name_keys (
    key bigint NOT NULL,
    spelling text NOT NULL,
    PRIMARY KEY (key, spelling)
);
CREATE TABLE IF NOT EXISTS name_surnames (
    key text NOT NULL,
    spelling text NOT NULL,
    PRIMARY KEY (key, spelling)
);

-- Quotations: each distinct wording once, its words, and where it is quoted.
CREATE TABLE IF NOT EXISTS wordings (
    id bigint PRIMARY KEY,
    wording text NOT NULL UNIQUE,
    words text[] NOT NULL
);
CREATE TABLE IF NOT EXISTS wording_words (
    word text NOT NULL,
    wording bigint NOT NULL,
    PRIMARY KEY (word, wording)
);
CREATE INDEX IF NOT EXISTS wording_words_wording ON wording_words (wording);
-- How many wordings use each word: counting the postings of "the" at lint
-- time would read a posting per wording.
CREATE TABLE IF NOT EXISTS word_totals (
    word text PRIMARY KEY,
    wordings bigint NOT NULL
);
CREATE TABLE IF NOT EXISTS quotes (
    id bigint PRIMARY KEY,
    article bigint NOT NULL,
    start_byte int NOT NULL,
    end_byte int NOT NULL,
    wording bigint NOT NULL
);
CREATE INDEX IF NOT EXISTS quotes_article ON quotes (article);
CREATE INDEX IF NOT EXISTS quotes_wording ON quotes (wording, id);

-- Statements: claim records, looked up by (attribute, name) keys. The
-- record column holds the whole claim as the analysis reads it back.
CREATE TABLE IF NOT EXISTS statements (
    id bigint PRIMARY KEY,
    article bigint NOT NULL,
    attribute text NOT NULL,
    subject text[] NOT NULL,
    value text NOT NULL,
    weekday_date int,
    record bytea NOT NULL
);
ALTER TABLE statements ALTER COLUMN record SET STATISTICS 0;
CREATE INDEX IF NOT EXISTS statements_article ON statements (article);
CREATE INDEX IF NOT EXISTS statements_weekday ON statements (weekday_date)
    WHERE weekday_date IS NOT NULL;
CREATE TABLE IF NOT EXISTS statement_keys (
    key text NOT NULL,
    statement bigint NOT NULL,
    PRIMARY KEY (key, statement)
);
CREATE INDEX IF NOT EXISTS statement_keys_statement ON statement_keys (statement);
CREATE TABLE IF NOT EXISTS term_totals (
    term bigint PRIMARY KEY,
    sentences bigint NOT NULL
);

-- The corpus's size, kept as articles come and go: opening a database of
-- a million articles must not count them.
CREATE TABLE IF NOT EXISTS corpus_totals (
    one boolean PRIMARY KEY DEFAULT true CHECK (one),
    articles bigint NOT NULL,
    sentences bigint NOT NULL,
    wordings bigint NOT NULL
);
INSERT INTO corpus_totals VALUES (true, 0, 0, 0) ON CONFLICT DO NOTHING;
