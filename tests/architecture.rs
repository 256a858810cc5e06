//! The architecture, checked from the source: the import graph between the
//! files of `src/` has no cycle and never runs upward between layers; the
//! English word lists live in `src/lang/` and nowhere else; and every
//! folder's `mod.rs` says what it owns and what it may import.
//!
//! Imports are read from paths that start with `crate::`, `super::` or
//! `self::` (in `use` lines and in code), tests left out. A folder's
//! `mod.rs` naming its own submodules by their bare names is the folder's
//! structure, not an import.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The crate's layers, top first: a module may import only its own layer
/// or those below it.
const LAYERS: &[&[&str]] = &[
    &["", "main"],
    &["cli"],
    &["lsp"],
    &["workspace"],
    &["config"],
    &["linter"],
    &["checks"],
    &["corpus"],
    &["text"],
    &["output"],
    &["rules"],
    &["fix"],
    &["document"],
    &["lang"],
    &["finding", "offsets"],
];

/// The language server's layers, top first.
const LSP_LAYERS: &[&[&str]] = &[
    &["server"],
    &["handlers"],
    &["services"],
    &["session"],
    &[
        "analysis",
        "capabilities",
        "confine",
        "diagnostics",
        "panic",
        "position",
        "protocol",
        "settings",
    ],
];

/// The longest inline list of words allowed outside `src/lang/`.
const MAX_INLINE_WORDS: usize = 5;

struct SourceFile {
    path: PathBuf,
    /// `a::b` for `src/a/b.rs` or `src/a/b/mod.rs`; "" for `lib.rs`.
    module: String,
    tokens: Vec<Token>,
    /// The submodules the file declares (`mod x;`).
    children: BTreeSet<String>,
    /// The module doc (`//!` lines).
    doc: String,
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Word(String),
    Str(String),
    Punct(char),
}

fn source_files() -> Vec<SourceFile> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut paths = Vec::new();
    collect(&root, &mut paths);
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("read source");
            let relative = path.strip_prefix(&root).expect("under src");
            let mut parts: Vec<String> = relative
                .with_extension("")
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
                parts.pop();
            }
            let doc = text
                .lines()
                .filter_map(|l| l.strip_prefix("//!"))
                .collect::<Vec<_>>()
                .join("\n");
            let tokens = tokens(without_tests(&text));
            let children = tokens
                .windows(3)
                .filter_map(|w| match w {
                    [Token::Word(m), Token::Word(name), Token::Punct(';')] if m == "mod" => {
                        Some(name.clone())
                    }
                    _ => None,
                })
                .collect();
            SourceFile {
                module: parts.join("::"),
                path,
                tokens,
                children,
                doc,
            }
        })
        .collect()
}

fn collect(dir: &Path, paths: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src").flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, paths);
        } else if path.extension().is_some_and(|e| e == "rs") {
            paths.push(path);
        }
    }
}

/// The text before the test modules, which close every file here.
fn without_tests(text: &str) -> &str {
    let mut end = text.len();
    for (at, _) in text.match_indices("#[cfg(test)]") {
        let rest = text[at + "#[cfg(test)]".len()..].trim_start();
        if rest.starts_with("mod ") {
            end = end.min(at);
        }
    }
    &text[..end]
}

/// Words (identifiers and numbers), string literals and punctuation, with
/// comments left out.
fn tokens(text: &str) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i += 2;
            while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                i += 1;
            }
            i += 2;
        } else if c == 'r' && (next == Some('"') || next == Some('#')) && raw_string_at(&chars, i) {
            let hashes = chars[i + 1..].iter().take_while(|&&h| h == '#').count();
            let start = i + 2 + hashes;
            let mut end = start;
            while end < chars.len()
                && !(chars[end] == '"' && chars[end + 1..].iter().take(hashes).all(|&h| h == '#'))
            {
                end += 1;
            }
            found.push(Token::Str(
                chars[start..end.min(chars.len())].iter().collect(),
            ));
            i = end + 1 + hashes;
        } else if c == '"' {
            let mut value = String::new();
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    i += 1;
                }
                if let Some(&ch) = chars.get(i) {
                    value.push(ch);
                }
                i += 1;
            }
            found.push(Token::Str(value));
            i += 1;
        } else if c == '\'' {
            // A char literal ('a', '\n', '“') or a lifetime ('a).
            if next == Some('\\') {
                i += 2;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if chars.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                i += 1;
            }
        } else if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            found.push(Token::Word(chars[start..i].iter().collect()));
        } else {
            if !c.is_whitespace() {
                found.push(Token::Punct(c));
            }
            i += 1;
        }
    }
    found
}

fn raw_string_at(chars: &[char], at: usize) -> bool {
    let before_ok = at == 0 || !(chars[at - 1].is_alphanumeric() || chars[at - 1] == '_');
    let hashes = chars[at + 1..].iter().take_while(|&&h| h == '#').count();
    before_ok && chars.get(at + 1 + hashes) == Some(&'"')
}

/// Every module path a file names, as written: `crate::a::b`, `super::x`,
/// and the members of `use` groups (`use crate::{a, b::c}`).
fn named_paths(tokens: &[Token]) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        // `crate::`, not the `crate` of `pub(crate)` or the `self` of a method.
        let starts = matches!(&tokens[i], Token::Word(w) if w == "crate" || w == "super" || w == "self")
            && !(i > 0 && tokens[i - 1] == Token::Punct(':'))
            && tokens.get(i + 1) == Some(&Token::Punct(':'))
            && tokens.get(i + 2) == Some(&Token::Punct(':'));
        if !starts {
            i += 1;
            continue;
        }
        let mut prefix = Vec::new();
        i = read_path(tokens, i, &mut prefix, &mut paths);
    }
    paths
}

/// Read the path at `i` onto `prefix`, pushing every complete path (a
/// group `{…}` gives one per member); returns where reading stopped.
fn read_path(
    tokens: &[Token],
    mut i: usize,
    prefix: &mut Vec<String>,
    paths: &mut Vec<Vec<String>>,
) -> usize {
    let depth = prefix.len();
    loop {
        match tokens.get(i) {
            Some(Token::Word(w)) => {
                prefix.push(w.clone());
                i += 1;
            }
            Some(Token::Punct('{')) => {
                i += 1;
                loop {
                    match tokens.get(i) {
                        Some(Token::Punct('}')) => {
                            i += 1;
                            break;
                        }
                        Some(Token::Punct(',')) => i += 1,
                        Some(_) => {
                            let mut member = prefix.clone();
                            i = read_path(tokens, i, &mut member, paths);
                        }
                        None => break,
                    }
                }
                prefix.truncate(depth);
                return i;
            }
            _ => break,
        }
        let is_separator = tokens.get(i) == Some(&Token::Punct(':'))
            && tokens.get(i + 1) == Some(&Token::Punct(':'));
        if !is_separator {
            break;
        }
        i += 2;
    }
    paths.push(prefix.clone());
    prefix.truncate(depth);
    i
}

/// The file-to-file import graph: module → the modules it imports.
fn import_graph(files: &[SourceFile]) -> BTreeMap<String, BTreeSet<String>> {
    let modules: BTreeSet<&str> = files.iter().map(|f| f.module.as_str()).collect();
    let mut graph = BTreeMap::new();
    for file in files {
        let own: Vec<&str> = if file.module.is_empty() {
            Vec::new()
        } else {
            file.module.split("::").collect()
        };
        let is_folder_root = file.path.ends_with("mod.rs") || file.path.ends_with("lib.rs");
        let mut edges = BTreeSet::new();
        for path in named_paths(&file.tokens) {
            let mut target: Vec<&str> = match path[0].as_str() {
                "crate" => Vec::new(),
                "self" if is_folder_root => own.clone(),
                "self" => own.clone(),
                // `super` of a folder's mod.rs is the folder above it.
                _ => own[..own.len().saturating_sub(1)].to_vec(),
            };
            let mut rest = &path[1..];
            while rest.first().is_some_and(|w| w == "super") {
                target.pop();
                rest = &rest[1..];
            }
            target.extend(rest.iter().map(String::as_str));
            // The longest prefix that is a file of the crate.
            let module = (0..=target.len())
                .rev()
                .map(|n| target[..n].join("::"))
                .find(|m| modules.contains(m.as_str()));
            if let Some(module) = module
                && module != file.module
            {
                edges.insert(module);
            }
        }
        graph.insert(file.module.clone(), edges);
    }
    graph
}

fn layer_of(module: &str, layers: &[&[&str]]) -> Option<usize> {
    let top = module.split("::").next().unwrap_or("");
    layers.iter().position(|layer| layer.contains(&top))
}

/// Tarjan's strongly connected components of the import graph: any of two
/// or more files is a cycle.
struct Components<'a> {
    graph: &'a BTreeMap<String, BTreeSet<String>>,
    index: BTreeMap<&'a str, usize>,
    low: BTreeMap<&'a str, usize>,
    stack: Vec<&'a str>,
    on_stack: BTreeSet<&'a str>,
    cycles: Vec<Vec<&'a str>>,
}

impl<'a> Components<'a> {
    fn cycles(graph: &'a BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<&'a str>> {
        let mut components = Components {
            graph,
            index: BTreeMap::new(),
            low: BTreeMap::new(),
            stack: Vec::new(),
            on_stack: BTreeSet::new(),
            cycles: Vec::new(),
        };
        for node in graph.keys() {
            if !components.index.contains_key(node.as_str()) {
                components.visit(node);
            }
        }
        components.cycles
    }

    fn visit(&mut self, node: &'a str) {
        let n = self.index.len();
        self.index.insert(node, n);
        self.low.insert(node, n);
        self.stack.push(node);
        self.on_stack.insert(node);
        for next in self.graph.get(node).into_iter().flatten() {
            let next = next.as_str();
            if !self.index.contains_key(next) {
                self.visit(next);
                let lowest = self.low[node].min(self.low[next]);
                self.low.insert(node, lowest);
            } else if self.on_stack.contains(next) {
                let lowest = self.low[node].min(self.index[next]);
                self.low.insert(node, lowest);
            }
        }
        if self.low[node] == self.index[node] {
            let mut component = Vec::new();
            while let Some(member) = self.stack.pop() {
                self.on_stack.remove(member);
                component.push(member);
                if member == node {
                    break;
                }
            }
            if component.len() > 1 {
                self.cycles.push(component);
            }
        }
    }
}

#[test]
fn no_import_cycle_between_files() {
    let graph = import_graph(&source_files());
    let cycles = Components::cycles(&graph);
    assert!(cycles.is_empty(), "import cycles between files: {cycles:?}");
    assert!(graph.len() > 80, "only {} files read", graph.len());
}

#[test]
fn no_import_runs_up_a_layer() {
    let graph = import_graph(&source_files());
    let mut upward = Vec::new();
    for (module, imports) in &graph {
        let Some(from) = layer_of(module, LAYERS) else {
            upward.push(format!("{module}: in no layer of LAYERS"));
            continue;
        };
        for import in imports {
            if layer_of(import, LAYERS).is_some_and(|to| to < from) {
                upward.push(format!("{module} → {import}"));
            }
            let within = |m: &str| m.strip_prefix("lsp::").map(str::to_string);
            if let (Some(a), Some(b)) = (within(module), within(import))
                && let (Some(from), Some(to)) = (layer_of(&a, LSP_LAYERS), layer_of(&b, LSP_LAYERS))
                && to < from
            {
                upward.push(format!("{module} → {import} (language server layers)"));
            }
        }
    }
    assert!(upward.is_empty(), "imports that run upward: {upward:#?}");
}

#[test]
fn the_language_server_takes_locks_only_in_its_session() {
    let mut outside = Vec::new();
    for file in source_files() {
        if !file.module.starts_with("lsp") || file.module.starts_with("lsp::session") {
            continue;
        }
        let takes_lock = file
            .tokens
            .windows(2)
            .any(|w| matches!(w, [Token::Punct('.'), Token::Word(m)] if m == "lock"))
            || file
                .tokens
                .iter()
                .any(|t| matches!(t, Token::Word(w) if w == "Mutex" || w == "RwLock"));
        if takes_lock {
            outside.push(file.module);
        }
    }
    assert!(
        outside.is_empty(),
        "locks outside lsp::session: {outside:?}"
    );
}

/// A string literal that reads as a word or phrase of English.
fn is_word(value: &str) -> bool {
    !value.is_empty()
        && value.chars().any(char::is_alphabetic)
        && value
            .chars()
            .all(|c| c.is_alphabetic() || c == '\'' || c == '’' || c == '-' || c == ' ')
}

#[test]
fn word_lists_live_in_lang() {
    let mut inline = Vec::new();
    for file in source_files() {
        if file.module == "lang" || file.module.starts_with("lang::") {
            continue;
        }
        let tokens = &file.tokens;
        // `[…]` with more than MAX_INLINE_WORDS words in it.
        let mut opens = Vec::new();
        for (at, token) in tokens.iter().enumerate() {
            match token {
                Token::Punct('[') => opens.push(at),
                Token::Punct(']') => {
                    let Some(open) = opens.pop() else { continue };
                    let words = tokens[open..at]
                        .iter()
                        .filter(|t| matches!(t, Token::Str(s) if is_word(s)))
                        .count();
                    let nested = tokens[open + 1..at].contains(&Token::Punct('['));
                    if words > MAX_INLINE_WORDS && !nested {
                        inline.push(format!("{}: [{} words]", file.path.display(), words));
                    }
                }
                _ => {}
            }
        }
        // `"a" | "b" | …` alternatives.
        let mut run = 0;
        for window in tokens.windows(2) {
            match window {
                [Token::Str(s), Token::Punct('|')] if is_word(s) => run += 1,
                [Token::Punct('|'), Token::Str(_)] => {}
                [Token::Str(s), _] if is_word(s) => {
                    if run + 1 > MAX_INLINE_WORDS {
                        inline.push(format!("{}: {} alternatives", file.path.display(), run + 1));
                    }
                    run = 0;
                }
                _ => run = 0,
            }
        }
    }
    assert!(
        inline.is_empty(),
        "word lists outside src/lang/ (move them to src/lang/words/): {inline:#?}"
    );
}

#[test]
fn every_folder_says_what_it_owns_and_may_import() {
    let mut silent = Vec::new();
    for file in source_files() {
        if !file.path.ends_with("mod.rs") {
            continue;
        }
        let says_imports = file.doc.contains("import");
        if file.doc.lines().count() < 2 || !says_imports || file.children.is_empty() {
            silent.push(file.path.display().to_string());
        }
    }
    assert!(
        silent.is_empty(),
        "folders whose mod.rs does not say what it owns and may import: {silent:#?}"
    );
}

#[test]
fn the_reader_finds_imports_word_lists_and_groups() {
    let found =
        tokens("use crate::{a::b, c::{d, e}}; // crate::commented\nlet x = [\"one\", \"two\"];");
    let paths = named_paths(&found);
    let joined: Vec<String> = paths.iter().map(|p| p.join("::")).collect();
    assert_eq!(joined, ["crate::a::b", "crate::c::d", "crate::c::e"]);
    assert!(found.contains(&Token::Str("two".into())));
    assert!(is_word("per cent") && is_word("’s") && !is_word("a.md") && !is_word("%"));
    assert_eq!(
        without_tests("fn a() {}\n#[cfg(test)]\nmod tests {}"),
        "fn a() {}\n"
    );
}
