//! Corpus indexing, word boundaries, warm loading and lint benchmarks on synthetic articles,
//! at 1k and 10k articles (100k takes minutes per sample; bench/scale.sh
//! measures it end to end). Indexing is measured at several sizes so its
//! growth can be read off as linear (time per article should stay flat).

#[path = "support/synthetic.rs"]
mod synthetic;

use std::hint::black_box;
use std::path::PathBuf;
use std::sync::Arc;

use copydesk::corpus::{Article, Corpus};
use copydesk::linter::{LintSettings, Linter};
use copydesk::text::words::word_bound_indices;
use copydesk::workspace::load_corpus_cached;
use copydesk::{Document, RuleSet};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use unicode_segmentation::UnicodeSegmentation;

fn articles(count: usize) -> Vec<Article> {
    let (_, texts) = synthetic::corpus(7, count);
    texts
        .into_iter()
        .enumerate()
        .map(|(i, t)| Article::new(PathBuf::from(format!("a{i}.md")), t))
        .collect()
}

fn index_build(c: &mut Criterion) {
    let mut group = c.benchmark_group("corpus_index");
    group.sample_size(10);
    for count in [1_000, 2_000, 10_000] {
        let texts = synthetic::corpus(7, count).1;
        let bytes: usize = texts.iter().map(String::len).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_with_input(BenchmarkId::from_parameter(count), &texts, |b, texts| {
            b.iter(|| {
                let articles: Vec<Article> = texts
                    .iter()
                    .enumerate()
                    .map(|(i, t)| Article::new(PathBuf::from(format!("a{i}.md")), t.clone()))
                    .collect();
                black_box(Corpus::new(articles))
            })
        });
    }
    group.finish();
}

/// Word boundaries over 1,000 articles: `unicode-segmentation`'s general
/// path, which every news sentence took, against `text::words`, which gives
/// the same boundaries (its tests compare them) by the crate's ASCII path.
fn word_boundaries(c: &mut Criterion) {
    let texts = synthetic::corpus(7, 1_000).1;
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut group = c.benchmark_group("word_boundaries");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("unicode_segmentation", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| black_box(t.split_word_bound_indices().count()))
                .sum::<usize>()
        })
    });
    group.bench_function("copydesk_words", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| black_box(word_bound_indices(t).count()))
                .sum::<usize>()
        })
    });
    group.finish();
}

/// A corpus folder on disk with a warm index cache beside it.
fn corpus_on_disk(count: usize) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).expect("mkdir");
    for (i, text) in synthetic::corpus(7, count).1.iter().enumerate() {
        std::fs::write(corpus.join(format!("a{i:06}.md")), text).expect("write");
    }
    let cache = dir.path().join(".copydesk-cache");
    load_corpus_cached(std::slice::from_ref(&corpus), Some(&cache), true).expect("cold load");
    (dir, corpus, cache)
}

fn warm_load(c: &mut Criterion) {
    let mut group = c.benchmark_group("corpus_warm_load");
    group.sample_size(10);
    for count in [1_000, 10_000] {
        let (_dir, corpus, cache) = corpus_on_disk(count);
        group.bench_with_input(BenchmarkId::from_parameter(count), &count, |b, _| {
            b.iter(|| {
                let load = load_corpus_cached(std::slice::from_ref(&corpus), Some(&cache), true)
                    .expect("warm load");
                assert_eq!(load.cache.analysed, 0);
                black_box(load.corpus)
            })
        });
    }
    group.finish();
}

fn lint_draft(c: &mut Criterion) {
    let mut group = c.benchmark_group("lint_2000_word_draft");
    for count in [1_000, 10_000] {
        let corpus = Arc::new(Corpus::new(articles(count)));
        let linter = Linter::new(
            Arc::new(RuleSet::defaults()),
            corpus,
            LintSettings::default(),
        );
        let (stories, _) = synthetic::corpus(7, count);
        let mut rng = synthetic::Rng::new(99);
        let draft = synthetic::draft(&mut rng, &stories[0], 2_000);
        group.bench_with_input(BenchmarkId::from_parameter(count), &draft, |b, draft| {
            b.iter(|| black_box(linter.lint(&Document::markdown(draft.clone()))))
        });
    }
    group.finish();
}

criterion_group!(benches, index_build, word_boundaries, warm_load, lint_draft);
criterion_main!(benches);
