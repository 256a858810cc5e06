//! What one article contributes to the corpus indexes, kept per article so
//! that it can be cached and merged again without re-reading the text.

use serde::{Deserialize, Serialize};

use super::names::{NameFacts, name_facts};
use super::quotes::{QuoteFacts, quote_facts};
use super::statements::{StatementFacts, statement_facts};
use super::{Article, ArticleMeta};
use crate::text::names::sentence_mentions;
use crate::text::quotes::find_quotations;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ArticleFacts {
    pub meta: ArticleMeta,
    pub(super) names: NameFacts,
    pub(super) quotes: QuoteFacts,
    pub(super) statements: StatementFacts,
}

impl ArticleFacts {
    /// Analyse one article (parsing it if it is not parsed yet).
    pub fn analyse(article: &Article) -> ArticleFacts {
        let doc = article.document();
        // Found once: the name index and the role statements both need the
        // mentions; the quotation index and the statements (which leave
        // quoted words out) both need the quotations.
        let mentions = sentence_mentions(doc);
        let quotations = find_quotations(doc).quotations;
        // The dateline of its first lines is kept as its date, for an index
        // that opens the article without reading it.
        let mut meta = article.meta.clone();
        if meta.date.is_none() {
            meta.date = doc.dateline().map(crate::lang::calendar::iso_date);
        }
        ArticleFacts {
            meta,
            names: name_facts(doc, &mentions),
            quotes: quote_facts(doc, &quotations),
            statements: statement_facts(doc, &mentions, &quotations),
        }
    }
}
