//! One reference article: its analysed document and front-matter metadata.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use serde::{Deserialize, Serialize};

use crate::document::{Document, DocumentKind};
use crate::lang::calendar::Day;

/// Front-matter fields copydesk understands; others are ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleMeta {
    pub title: Option<String>,
    pub source: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
}

/// Reads an article's text from wherever the front end keeps it; `None`
/// when it cannot.
pub type TextLoader = Arc<dyn Fn(&Path) -> Option<String> + Send + Sync>;

/// An article's text before it is parsed.
enum Unparsed {
    Text(String),
    /// Still on disk: a corpus opened from its index reads a text only when
    /// evidence points into it.
    Load(TextLoader),
    /// Asked of a corpus answered in rounds (`super::remote`): `None` means
    /// not yet, and the article reads as empty until the answer comes.
    Ask(TextLoader),
}

/// A corpus article. Its Markdown is parsed on first use: an article whose
/// facts come from the index is only read and parsed if evidence points
/// into it.
pub struct Article {
    pub path: PathBuf,
    pub meta: ArticleMeta,
    kind: DocumentKind,
    /// The text until the document is parsed, which then owns it.
    unparsed: Mutex<Option<Unparsed>>,
    document: OnceLock<Document>,
    /// The day its text or its name gives, read when first asked for.
    dateline: OnceLock<Option<Day>>,
    /// The day its file was last modified, when the front end trusts it to
    /// date the article (see [`Article::set_modified_day`]).
    modified: Option<Day>,
}

impl std::fmt::Debug for Article {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Article")
            .field("path", &self.path)
            .field("meta", &self.meta)
            .finish_non_exhaustive()
    }
}

impl Article {
    /// Analyse an article's text. Plain-text articles have no front matter.
    pub fn new(path: PathBuf, text: String) -> Article {
        let kind = DocumentKind::from_path(&path);
        let document = Document::new(text, kind);
        let meta = document
            .front_matter()
            .map(parse_front_matter)
            .unwrap_or_default();
        Article {
            path,
            meta,
            kind,
            unparsed: Mutex::new(None),
            document: OnceLock::from(document),
            dateline: OnceLock::new(),
            modified: None,
        }
    }

    /// An article whose metadata is already known; its text is parsed when
    /// first needed.
    pub fn unparsed(path: PathBuf, text: String, meta: ArticleMeta) -> Article {
        Article::pending(path, meta, Unparsed::Text(text))
    }

    /// An article whose metadata is known and whose text `load` reads
    /// when first needed.
    pub fn on_disk(path: PathBuf, meta: ArticleMeta, load: TextLoader) -> Article {
        Article::pending(path, meta, Unparsed::Load(load))
    }

    /// An article whose text `ask` gives once it has been fetched (`None`
    /// before): until then the article reads as empty, and nothing built on
    /// that is kept by a corpus answered in rounds.
    pub fn asked(path: PathBuf, meta: ArticleMeta, ask: TextLoader) -> Article {
        Article::pending(path, meta, Unparsed::Ask(ask))
    }

    fn pending(path: PathBuf, meta: ArticleMeta, text: Unparsed) -> Article {
        Article {
            kind: DocumentKind::from_path(&path),
            path,
            meta,
            unparsed: Mutex::new(Some(text)),
            document: OnceLock::new(),
            dateline: OnceLock::new(),
            modified: None,
        }
    }

    /// The day the article was written: its front matter's `date:` (or,
    /// from an index, the dateline its analysis found), a dateline in its
    /// first lines once it is parsed, the date in its file name, or, as a
    /// last resort, the day its file was modified.
    pub fn dateline(&self) -> Option<Day> {
        self.written_date().or(self.modified)
    }

    /// Whether only its file's modification time dates the article.
    pub fn dated_by_modification(&self) -> bool {
        self.written_date().is_none() && self.modified.is_some()
    }

    /// Date the article by its file's modification day when nothing in it
    /// or its name does: the front end knows whether the folder's times
    /// can be trusted (a checkout or a copy stamps every file at once).
    pub fn set_modified_day(&mut self, day: Day) {
        self.modified = Some(day);
    }

    /// The day its text or its name gives.
    fn written_date(&self) -> Option<Day> {
        use crate::lang::calendar::day_of_path;
        use crate::lang::dateline::read_day;
        *self.dateline.get_or_init(|| {
            self.meta
                .date
                .as_deref()
                .and_then(read_day)
                .or_else(|| self.document.get().and_then(Document::dateline))
                .or_else(|| day_of_path(&self.path))
        })
    }

    /// The parsed article.
    pub fn document(&self) -> &Document {
        if let Some(document) = self.document.get() {
            return document;
        }
        let mut pending = self.unparsed.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(Unparsed::Ask(ask)) = pending.as_ref() {
            let Some(text) = ask(&self.path) else {
                return not_yet();
            };
            *pending = None;
            drop(pending);
            return self.document.get_or_init(|| Document::new(text, self.kind));
        }
        drop(pending);
        self.document.get_or_init(|| {
            let pending = self
                .unparsed
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .take();
            let text = match pending {
                Some(Unparsed::Text(text)) => text,
                Some(Unparsed::Load(load) | Unparsed::Ask(load)) => {
                    load(&self.path).unwrap_or_default()
                }
                None => String::new(),
            };
            Document::new(text, self.kind)
        })
    }
}

/// The empty article an asked text reads as until it comes.
fn not_yet() -> &'static Document {
    static EMPTY: OnceLock<Document> = OnceLock::new();
    EMPTY.get_or_init(|| Document::new(String::new(), DocumentKind::Markdown))
}

/// Read `---` YAML-style or `+++` TOML front matter. Only flat `key: value`
/// fields are needed, so YAML is read line by line; anything unreadable is
/// left out rather than failing the article.
fn parse_front_matter(block: &str) -> ArticleMeta {
    let body: Vec<&str> = block
        .lines()
        .filter(|line| !matches!(line.trim(), "---" | "+++" | "..."))
        .collect();
    if block.trim_start().starts_with("+++") {
        return toml::from_str(&body.join("\n")).unwrap_or_default();
    }
    let mut meta = ArticleMeta::default();
    for line in body {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = unquote(value.trim());
        if value.is_empty() {
            continue;
        }
        let slot = match key.trim() {
            "title" => &mut meta.title,
            "source" => &mut meta.source,
            "date" => &mut meta.date,
            "url" => &mut meta.url,
            _ => continue,
        };
        *slot = Some(value.to_string());
    }
    meta
}

fn unquote(value: &str) -> &str {
    for quote in ['"', '\''] {
        if let Some(inner) = value
            .strip_prefix(quote)
            .and_then(|v| v.strip_suffix(quote))
        {
            return inner;
        }
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_front_matter_fields_are_read() {
        let meta = parse_front_matter(
            "---\ntitle: \"Talks: day two\"\nsource: Example Wire\ndate: 2025-11-23\nurl: https://example.com/a\ntags: [x]\n---\n",
        );
        assert_eq!(meta.title.as_deref(), Some("Talks: day two"));
        assert_eq!(meta.source.as_deref(), Some("Example Wire"));
        assert_eq!(meta.date.as_deref(), Some("2025-11-23"));
        assert_eq!(meta.url.as_deref(), Some("https://example.com/a"));
    }

    #[test]
    fn toml_front_matter_fields_are_read() {
        let meta = parse_front_matter("+++\ntitle = \"Geneva\"\ndate = \"2025-11-23\"\n+++\n");
        assert_eq!(meta.title.as_deref(), Some("Geneva"));
        assert_eq!(meta.date.as_deref(), Some("2025-11-23"));
    }

    #[test]
    fn unreadable_front_matter_gives_empty_metadata() {
        assert_eq!(
            parse_front_matter("+++\nthis is = = not toml\n+++"),
            ArticleMeta::default()
        );
    }
}
