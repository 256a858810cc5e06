//! The corpus index being written: each article's facts are merged into the
//! three indexes as they come, in corpus order, so that a whole corpus's
//! facts are never held at once.

use super::ArticleFacts;
use super::names::{NameIndexWriter, Neighbours};
use super::quotes::QuoteIndexWriter;
use super::statements::StatementIndexWriter;
use super::store::SectionsWriter;

pub struct IndexWriter {
    names: NameIndexWriter,
    quotes: QuoteIndexWriter,
    statements: StatementIndexWriter,
    /// Which spellings the name index offers as near misses (all
    /// name-like ones for a delta segment).
    neighbours: Neighbours,
}

impl IndexWriter {
    pub fn new(neighbours: Neighbours) -> IndexWriter {
        IndexWriter {
            names: NameIndexWriter::default(),
            quotes: QuoteIndexWriter::default(),
            statements: StatementIndexWriter::default(),
            neighbours,
        }
    }

    /// Merge the facts of the next articles (in corpus order), the three
    /// indexes in parallel.
    pub fn add(&mut self, facts: Vec<ArticleFacts>) {
        let mut names = Vec::with_capacity(facts.len());
        let mut quotes = Vec::with_capacity(facts.len());
        let mut statements = Vec::with_capacity(facts.len());
        for fact in facts {
            names.push(fact.names);
            quotes.push(fact.quotes);
            statements.push(fact.statements);
        }
        let IndexWriter {
            names: name_index,
            quotes: quote_index,
            statements: statement_index,
            ..
        } = self;
        rayon::join(
            || {
                rayon::join(
                    || names.into_iter().for_each(|f| name_index.add(f)),
                    || quotes.into_iter().for_each(|f| quote_index.add(f)),
                )
            },
            || statements.into_iter().for_each(|f| statement_index.add(f)),
        );
    }

    /// Write the three indexes' sections (built in parallel).
    pub fn finish(self, out: &mut SectionsWriter) {
        fn written(write: impl FnOnce(&mut SectionsWriter)) -> SectionsWriter {
            let mut out = SectionsWriter::default();
            write(&mut out);
            out
        }
        let IndexWriter {
            names,
            quotes,
            statements,
            neighbours,
        } = self;
        let ((names, quotes), statements) = rayon::join(
            || {
                rayon::join(
                    || written(|out| names.finish(neighbours, out)),
                    || written(|out| quotes.finish(out)),
                )
            },
            || written(|out| statements.finish(out)),
        );
        out.extend(names);
        out.extend(quotes);
        out.extend(statements);
    }
}
