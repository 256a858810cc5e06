//! The corpus index gives the same findings however it was made: analysed
//! in memory, written and read back (cold cache), opened again (warm),
//! updated in place after articles change (incremental), and extended by a
//! delta index when articles are only added, on the fixture corpora of
//! every check.

mod common;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use common::{fixture_dir, load_cases};
use copydesk::config::Config;
use copydesk::corpus::Corpus;
use copydesk::linter::{LintSettings, Linter};
use copydesk::workspace::{CacheReport, load_corpus, load_corpus_cached, read_rules};
use copydesk::{Document, RuleSet};

fn rules_for(fixture: &Path) -> Arc<RuleSet> {
    let mut config = Config::default_for(fixture.to_path_buf());
    if fixture.join("rules").is_dir() {
        config.rules_dir = Some(fixture.join("rules"));
    }
    Arc::new(read_rules(&config).expect("rules load").0)
}

/// Every finding on every case, with its evidence, as text.
fn findings(rules: &Arc<RuleSet>, corpus: Corpus, texts: &[String]) -> Vec<String> {
    let linter = Linter::new(rules.clone(), Arc::new(corpus), LintSettings::default());
    texts
        .iter()
        .flat_map(|text| {
            linter
                .lint(&Document::markdown(text))
                .findings
                .into_iter()
                .map(|f| format!("{f:?}"))
        })
        .collect()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let path = entry.expect("entry").path();
        let target = to.join(path.file_name().expect("name"));
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("copy");
        }
    }
}

fn in_memory(rules: &Arc<RuleSet>, corpus: &Path, texts: &[String]) -> Vec<String> {
    let (articles, _) = load_corpus(&[corpus.to_path_buf()]).expect("corpus loads");
    findings(rules, Corpus::new(articles), texts)
}

fn cached(
    rules: &Arc<RuleSet>,
    corpus: &Path,
    cache: &Path,
    texts: &[String],
) -> (Vec<String>, CacheReport) {
    let load =
        load_corpus_cached(&[corpus.to_path_buf()], Some(cache), true).expect("corpus loads");
    (findings(rules, load.corpus, texts), load.cache)
}

/// A fixture's rules and cases, and a copy of its corpus to change: the
/// folder holding it (kept until dropped), the corpus and a cache folder.
fn fixture_copy(
    name: &str,
) -> (
    Arc<RuleSet>,
    Vec<String>,
    tempfile::TempDir,
    PathBuf,
    PathBuf,
) {
    let fixture = fixture_dir(name);
    let work = tempfile::tempdir().expect("tempdir");
    let corpus = work.path().join("corpus");
    copy_dir(&fixture.join("corpus"), &corpus);
    let cache = work.path().join("cache");
    let texts = load_cases(&fixture).into_iter().map(|c| c.text).collect();
    (rules_for(&fixture), texts, work, corpus, cache)
}

#[test]
fn cold_warm_and_updated_indexes_find_the_same() {
    for name in ["names", "quotes", "claims"] {
        let (rules, texts, _work, corpus, cache) = fixture_copy(name);

        let expected = in_memory(&rules, &corpus, &texts);
        assert!(expected.len() > 10, "{name}: too few findings to compare");
        let (cold, report) = cached(&rules, &corpus, &cache, &texts);
        assert_eq!(report.reused, 0, "{name}");
        assert_eq!(cold, expected, "{name}: cold cache");
        let (warm, report) = cached(&rules, &corpus, &cache, &texts);
        assert!(
            report.analysed == 0 && report.reused > 0,
            "{name}: {report:?}"
        );
        assert_eq!(warm, expected, "{name}: warm cache");

        // Change one article, remove another, add a third: the update
        // analyses only the changed and new ones, and finds what a fresh
        // analysis of the changed corpus finds.
        let files = corpus_files(&corpus);
        let changed = files[0].clone();
        let mut text = std::fs::read_to_string(&changed).expect("read");
        text.push_str("\n\nEnvoy Steve Witkoff said the plan had 28 points on Tuesday.\n");
        std::fs::write(&changed, text).expect("edit");
        std::fs::remove_file(&files[1]).expect("remove");
        std::fs::copy(&files[2], corpus.join("zz-added-copy.md")).expect("add");
        let expected = in_memory(&rules, &corpus, &texts);
        let (updated, report) = cached(&rules, &corpus, &cache, &texts);
        assert_eq!(report.analysed, 2, "{name}: {report:?}");
        assert_eq!(updated, expected, "{name}: updated index");
        let (warm, report) = cached(&rules, &corpus, &cache, &texts);
        assert_eq!(report.analysed, 0, "{name}");
        assert_eq!(warm, expected, "{name}: warm after the update");
    }
}

/// What the corpus's three sources answer to every query the texts (the
/// drafts and the corpus articles) can make, with ids replaced by places
/// and scores by their exact bits.
fn answers(corpus: &Corpus, texts: &[String]) -> Vec<String> {
    use copydesk::text::claims::{FAR, claims};
    let mut out = Vec::new();
    let names = corpus.names();
    let quotes = corpus.quotes();
    let statements = corpus.statements();
    let placed = |found: Vec<std::sync::Arc<copydesk::corpus::Statement>>| -> Vec<String> {
        found
            .into_iter()
            .map(|st| format!("{:?} {:?}", st.location, st.sentence))
            .collect()
    };
    for text in texts {
        let doc = Document::markdown(text);
        let prose = doc.prose();
        for (_, sentence) in doc.sentences() {
            for mention in copydesk::text::names::name_mentions(prose, sentence.clone()) {
                for word in &mention.words {
                    let word = &prose[word.clone()];
                    out.push(format!("get {word} {:?}", names.get(word)));
                    out.push(format!("common {word} {}", names.is_common_word(word)));
                    out.push(format!("near {word} {:?}", names.near_misses(word)));
                    out.push(format!(
                        "full {word} {:?}",
                        names.full_names_with_surname(word)
                    ));
                }
                let whole = &prose[mention.range.clone()];
                out.push(format!("get {whole} {:?}", names.get(whole)));
            }
            for claim in claims(prose, sentence.clone()) {
                let names: Vec<&str> = claim
                    .subject
                    .entities
                    .iter()
                    .filter(|(_, distance)| *distance != FAR)
                    .map(|(name, _)| name.as_str())
                    .collect();
                let found = statements.about(&claim.attribute, &names);
                out.push(format!("claim {:?} {:?}", claim.range, placed(found)));
            }
        }
        for quotation in copydesk::text::quotes::find_quotations(&doc).quotations {
            let words = copydesk::corpus::quote_words(&prose[quotation.inner.clone()]);
            for (id, share) in quotes.similar(&words, 0.3) {
                let text = quotes.text(id);
                let places: Vec<_> = text
                    .occurrences
                    .iter()
                    .filter_map(|&q| quotes.quote(q))
                    .map(|q| (q.location, quotes.text(q.text).words))
                    .collect();
                out.push(format!(
                    "quote {:x} {:?} {places:?}",
                    share.to_bits(),
                    text.words
                ));
            }
        }
    }
    for date in (1..=12).flat_map(|month| (1..=31).map(move |day| (month, day))) {
        let found: Vec<_> = statements
            .weekdays_on(date)
            .into_iter()
            .map(|s| s.location)
            .collect();
        out.push(format!("weekdays {date:?} {found:?}"));
    }
    for article in 0..corpus.article_count() {
        let ids = quotes.in_article(article as u32);
        let places: Vec<_> = ids
            .filter_map(|q| quotes.quote(q))
            .map(|q| q.location)
            .collect();
        out.push(format!("in article {article}: {places:?}"));
    }
    out
}

fn corpus_files(corpus: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus)
        .expect("corpus")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

#[test]
fn added_articles_go_to_a_delta_that_finds_the_same() {
    for name in ["names", "quotes", "claims"] {
        let (rules, texts, _work, corpus, cache) = fixture_copy(name);
        let delta = cache.join("corpus-delta.bin");
        cached(&rules, &corpus, &cache, &texts);
        let files = corpus_files(&corpus);

        // Added articles that sort first, between two indexed ones, and
        // last: copies repeat every spelling, quotation and statement of
        // the base (a spelling used once becomes a near-miss candidate), and
        // one new article has words of its own.
        let extended = |from: &Path| {
            let mut text = std::fs::read_to_string(from).expect("read");
            text.push_str(
                "\n\nMayor Ana Whitcombe said on Tuesday that the 14 ferries would run.\n",
            );
            text
        };
        std::fs::write(corpus.join("0-first.md"), extended(&files[0])).expect("add");
        let between = files[1].with_extension("again.md");
        std::fs::copy(&files[1], &between).expect("add");
        std::fs::write(
            corpus.join("zz-own-words.md"),
            "Envoy Steve Witkof met Anna Whitcomb in Geneva on Sunday; the plan \
             had 27 points, and “we will sign nothing this week,” Whitcomb said.\n",
        )
        .expect("add");
        let expected = in_memory(&rules, &corpus, &texts);
        let (added, report) = cached(&rules, &corpus, &cache, &texts);
        assert_eq!(report.analysed, 3, "{name}: {report:?}");
        assert!(delta.is_file(), "{name}: a delta, not a rebuild");
        assert_eq!(added, expected, "{name}: base and delta");
        assert_same_answers(name, &corpus, &cache, &texts);
        let (warm, report) = cached(&rules, &corpus, &cache, &texts);
        assert_eq!(report.analysed, 0, "{name}: {report:?}");
        assert_eq!(warm, expected, "{name}: warm base and delta");

        // A second addition rewrites the delta, reusing its articles.
        std::fs::copy(&files[2], corpus.join("zz-late.md")).expect("add");
        let expected = in_memory(&rules, &corpus, &texts);
        let (added, report) = cached(&rules, &corpus, &cache, &texts);
        assert_eq!(report.analysed, 1, "{name}: {report:?}");
        assert_eq!(added, expected, "{name}: base and a second delta");

        // A changed article and a removed one: the delta retires their
        // base rows and holds the new version, and the answers are those
        // of the corpus as it is now.
        std::fs::write(&files[0], extended(&files[1])).expect("edit");
        std::fs::remove_file(&files[2]).expect("remove");
        let expected = in_memory(&rules, &corpus, &texts);
        let (updated, report) = cached(&rules, &corpus, &cache, &texts);
        assert_eq!(report.analysed, 1, "{name}: {report:?}");
        assert!(delta.is_file(), "{name}: a delta, not a rebuild");
        assert_eq!(updated, expected, "{name}: changed and removed");
        assert_same_answers(name, &corpus, &cache, &texts);
        let (warm, report) = cached(&rules, &corpus, &cache, &texts);
        assert_eq!(report.analysed, 0, "{name}: {report:?}");
        assert_eq!(warm, expected, "{name}: warm after retiring");

        // Every base article changed or removed: the delta holds all.
        for (at, file) in files.iter().enumerate().skip(3) {
            match at % 2 {
                0 => std::fs::remove_file(file).expect("remove"),
                _ => std::fs::write(file, extended(file)).expect("edit"),
            }
        }
        let _ = std::fs::remove_file(&files[1]);
        let expected = in_memory(&rules, &corpus, &texts);
        let (updated, _) = cached(&rules, &corpus, &cache, &texts);
        assert_eq!(updated, expected, "{name}: most of the base retired");
        assert_same_answers(name, &corpus, &cache, &texts);

        // A delta past its limit is folded into a rebuilt index.
        for copy in 0..70 {
            let to = corpus.join(format!("zz-copy-{copy:02}.md"));
            std::fs::copy(corpus.join("zz-late.md"), to).expect("add");
        }
        let expected = in_memory(&rules, &corpus, &texts);
        let (rebuilt, report) = cached(&rules, &corpus, &cache, &texts);
        assert_eq!(report.analysed, 70, "{name}: {report:?}");
        assert!(!delta.exists(), "{name}: the delta is folded in");
        assert_eq!(rebuilt, expected, "{name}: rebuilt");
    }
}

/// Every answer of the three sources of the cached index (base and
/// delta) equals a fresh index's, for queries from the drafts and from
/// every corpus article.
fn assert_same_answers(name: &str, corpus: &Path, cache: &Path, texts: &[String]) {
    let mut queries = texts.to_vec();
    queries.extend(
        corpus_files(corpus)
            .iter()
            .map(|f| std::fs::read_to_string(f).expect("read")),
    );
    let dirs = std::slice::from_ref(&corpus.to_path_buf()).to_vec();
    let (articles, _) = load_corpus(&dirs).expect("corpus loads");
    let fresh = answers(&Corpus::new(articles), &queries);
    let layered = load_corpus_cached(&dirs, Some(cache), true).expect("loads");
    assert_eq!(layered.cache.analysed, 0, "{name}: the index is current");
    let layered = answers(&layered.corpus, &queries);
    assert!(fresh.len() > 100, "{name}: {} answers", fresh.len());
    assert_eq!(fresh.len(), layered.len(), "{name}");
    for (fresh, layered) in fresh.iter().zip(&layered) {
        assert_eq!(fresh, layered, "{name}");
    }
}

#[test]
fn a_damaged_index_is_reported_and_rebuilt() {
    let fixture = fixture_dir("names");
    let work = tempfile::tempdir().expect("tempdir");
    let corpus = work.path().join("corpus");
    let cache = work.path().join("cache");
    copy_dir(&fixture.join("corpus"), &corpus);
    let dirs = [corpus.clone()];
    load_corpus_cached(&dirs, Some(&cache), true).expect("build");
    let file = cache.join("corpus-index.bin");
    let good = std::fs::read(&file).expect("index");

    let mut damaged = good.clone();
    let middle = damaged.len() / 2;
    damaged[middle] ^= 0x55;
    let truncated = good[..good.len() / 3].to_vec();
    for (bytes, reason) in [(damaged, "checksum mismatch"), (truncated, "truncated")] {
        std::fs::write(&file, bytes).expect("damage");
        let load = load_corpus_cached(&dirs, Some(&cache), true).expect("loads");
        let problem = load.cache.problem.expect("reported");
        assert!(problem.contains(reason), "{problem}");
        assert!(!problem.contains('\n'), "one line: {problem}");
        assert!(load.cache.analysed > 0, "rebuilt, not trusted");
        let again = load_corpus_cached(&dirs, Some(&cache), true).expect("loads");
        assert_eq!(again.cache.problem, None);
        assert_eq!(again.cache.analysed, 0);
    }

    // A damaged delta: reported, its articles indexed again, the base kept.
    let added = corpus.join("zz-added.md");
    std::fs::write(&added, "Envoy Steve Witkoff flew to Geneva on Sunday.\n").expect("add");
    load_corpus_cached(&dirs, Some(&cache), true).expect("delta");
    let delta = cache.join("corpus-delta.bin");
    let mut damaged = std::fs::read(&delta).expect("delta");
    let middle = damaged.len() / 2;
    damaged[middle] ^= 0x55;
    std::fs::write(&delta, damaged).expect("damage");
    let load = load_corpus_cached(&dirs, Some(&cache), true).expect("loads");
    let problem = load.cache.problem.expect("reported");
    assert!(
        problem.contains("corpus-delta.bin: checksum mismatch"),
        "{problem}"
    );
    assert_eq!(load.cache.analysed, 1, "only the delta's article");
    let again = load_corpus_cached(&dirs, Some(&cache), true).expect("loads");
    assert_eq!((again.cache.problem, again.cache.analysed), (None, 0));
}

#[test]
fn retiring_the_only_lower_case_use_brings_a_name_back() {
    let work = tempfile::tempdir().expect("tempdir");
    let corpus = work.path().join("corpus");
    let cache = work.path().join("cache");
    std::fs::create_dir_all(&corpus).expect("mkdir");
    let write = |name: &str, text: &str| std::fs::write(corpus.join(name), text).expect("write");
    write(
        "a.md",
        "Former first lady Laura Bush opened the library. Bush spoke for an hour.\n",
    );
    write("b.md", "Bush returned to Dallas on Friday.\n");
    write("c.md", "A dry bush caught fire beside the road.\n");
    let queries = vec!["Senator Busch and Laura Bsuh spoke in Dallas.".to_string()];
    let dirs = vec![corpus.clone()];
    load_corpus_cached(&dirs, Some(&cache), true).expect("base");
    let near = |corpus: &Corpus| corpus.names().near_misses("Busch");
    let based = load_corpus_cached(&dirs, Some(&cache), true).expect("warm");
    assert!(near(&based.corpus).is_empty(), "\"bush\" is a common word");

    std::fs::remove_file(corpus.join("c.md")).expect("remove");
    let (articles, _) = load_corpus(&dirs).expect("corpus loads");
    let fresh = Corpus::new(articles);
    let layered = load_corpus_cached(&dirs, Some(&cache), true).expect("delta");
    assert!(cache.join("corpus-delta.bin").is_file(), "a delta");
    let names = |found: Vec<(String, _)>| found.into_iter().map(|(n, _)| n).collect::<Vec<_>>();
    assert_eq!(names(near(&fresh)), ["Bush"]);
    assert_eq!(names(near(&layered.corpus)), ["Bush"]);
    assert_eq!(
        answers(&fresh, &queries),
        answers(&layered.corpus, &queries)
    );
}
