//! Corpus indexing and lint benchmarks on synthetic articles. Indexing is
//! measured at several sizes so its growth can be read off as linear (time
//! per article should stay flat).

#[path = "support/synthetic.rs"]
mod synthetic;

use std::hint::black_box;
use std::path::PathBuf;
use std::sync::Arc;

use copydesk::corpus::{Article, Corpus};
use copydesk::linter::{LintSettings, Linter};
use copydesk::{Document, RuleSet};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

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
    for count in [250, 500, 1_000, 2_000] {
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

fn lint_draft(c: &mut Criterion) {
    let corpus = Arc::new(Corpus::new(articles(1_000)));
    let linter = Linter::new(
        Arc::new(RuleSet::defaults()),
        corpus,
        LintSettings::default(),
    );
    let (stories, _) = synthetic::corpus(7, 1_000);
    let mut rng = synthetic::Rng::new(99);
    let draft = synthetic::draft(&mut rng, &stories[0], 2_000);
    c.bench_function("lint_2000_word_draft_1000_articles", |b| {
        b.iter(|| black_box(linter.lint(&Document::markdown(draft.clone()))))
    });
}

criterion_group!(benches, index_build, lint_draft);
criterion_main!(benches);
