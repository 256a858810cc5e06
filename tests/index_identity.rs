//! The corpus index gives the same findings however it was made: analysed
//! in memory, written and read back (cold cache), opened again (warm), and
//! updated in place after articles change (incremental), on the fixture
//! corpora of every check.

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
    let load = load_corpus_cached(&[corpus.to_path_buf()], Some(cache)).expect("corpus loads");
    (findings(rules, load.corpus, texts), load.cache)
}

#[test]
fn cold_warm_and_updated_indexes_find_the_same() {
    for name in ["names", "quotes", "claims"] {
        let fixture = fixture_dir(name);
        let rules = rules_for(&fixture);
        let texts: Vec<String> = load_cases(&fixture).into_iter().map(|c| c.text).collect();
        let work = tempfile::tempdir().expect("tempdir");
        let corpus = work.path().join("corpus");
        let cache = work.path().join("cache");
        copy_dir(&fixture.join("corpus"), &corpus);

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
        let mut files: Vec<PathBuf> = std::fs::read_dir(&corpus)
            .expect("corpus")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.is_file())
            .collect();
        files.sort();
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

#[test]
fn a_damaged_index_is_reported_and_rebuilt() {
    let fixture = fixture_dir("names");
    let work = tempfile::tempdir().expect("tempdir");
    let corpus = work.path().join("corpus");
    let cache = work.path().join("cache");
    copy_dir(&fixture.join("corpus"), &corpus);
    let dirs = [corpus.clone()];
    load_corpus_cached(&dirs, Some(&cache)).expect("build");
    let file = cache.join("corpus-index.bin");
    let good = std::fs::read(&file).expect("index");

    let mut damaged = good.clone();
    let middle = damaged.len() / 2;
    damaged[middle] ^= 0x55;
    let truncated = good[..good.len() / 3].to_vec();
    for (bytes, reason) in [(damaged, "checksum mismatch"), (truncated, "truncated")] {
        std::fs::write(&file, bytes).expect("damage");
        let load = load_corpus_cached(&dirs, Some(&cache)).expect("loads");
        let problem = load.cache.problem.expect("reported");
        assert!(problem.contains(reason), "{problem}");
        assert!(!problem.contains('\n'), "one line: {problem}");
        assert!(load.cache.analysed > 0, "rebuilt, not trusted");
        let again = load_corpus_cached(&dirs, Some(&cache)).expect("loads");
        assert_eq!(again.cache.problem, None);
        assert_eq!(again.cache.analysed, 0);
    }
}
