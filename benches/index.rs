//! Indexing throughput (documents/s): statements and passages of real articles written into a
//! fresh on-disk index in a temporary folder, committed and merged.
//!
//! `index/documents` measures the index writer alone (extraction done beforehand);
//! `index/ingest` the whole pipeline, reading, extraction and writing, as `whosaid index` runs it.
//! Each iteration checks the number of documents in the finished index.

mod common;

use std::path::PathBuf;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use whosaid::article::Article;
use whosaid::extract::Extraction;
use whosaid::index::writer::Indexer;

fn write_all(dir: &std::path::Path, work: &[(Article, Extraction)], threads: usize) -> u64 {
    let indexer = Indexer::open(dir, true, threads, (threads * 64) << 20).expect("open index");
    for (seq, (a, ex)) in work.iter().enumerate() {
        indexer.add(a, ex, seq as u64).expect("add");
    }
    indexer.finish().expect("finish").documents
}

fn documents(c: &mut Criterion, name: &str, articles: Vec<Article>) {
    let ex = common::extractor();
    let work: Vec<(Article, Extraction)> = articles
        .into_iter()
        .map(|a| {
            let e = ex.extract(&a);
            (a, e)
        })
        .collect();
    // Every passage and statement is a document (and the index may add one per article).
    let at_least: u64 = work
        .iter()
        .map(|(_, e)| (e.segmented.passages.len() + e.statements.len()) as u64)
        .sum();
    let probe = tempfile::tempdir().expect("tempdir");
    let expected = write_all(probe.path(), &work, 1);
    assert!(
        expected >= at_least && expected <= at_least + work.len() as u64,
        "{name}: {expected} documents for {at_least} passages and statements"
    );
    let mut g = c.benchmark_group("index");
    g.throughput(Throughput::Elements(expected));
    g.bench_function(format!("documents/{name}"), |b| {
        b.iter_batched(
            || tempfile::tempdir().expect("tempdir"),
            |dir| {
                let n = write_all(dir.path(), &work, 1);
                assert_eq!(n, expected, "{name}: documents in the index");
                dir
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

fn ingest(c: &mut Criterion, name: &str, paths: Vec<PathBuf>) {
    let probe = tempfile::tempdir().expect("tempdir");
    let first = common::build_index(&paths, probe.path());
    assert!(first.statements > 0, "{name}: {first:?}");
    let mut g = c.benchmark_group("index");
    g.throughput(Throughput::Elements(first.index_docs));
    g.bench_function(format!("ingest/{name}"), |b| {
        b.iter_batched(
            || tempfile::tempdir().expect("tempdir"),
            |dir| {
                let s = common::build_index(&paths, dir.path());
                assert_eq!(
                    (s.index_docs, s.statements, s.passages),
                    (first.index_docs, first.statements, first.passages),
                    "{name}: documents in the index"
                );
                dir
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

fn index(c: &mut Criterion) {
    documents(c, "bundled-corpus", common::bundled_corpus());
    ingest(c, "bundled-corpus", vec![common::root().join("corpus")]);
    if let Some(dir) = common::shared_path("gold/polnear-dev/articles", "index/polnear-dev") {
        let a = common::articles(std::slice::from_ref(&dir), usize::MAX);
        documents(c, "polnear-dev", a);
        ingest(c, "polnear-dev", vec![dir]);
    }
    if let Some(dir) = common::shared_path("corpora/allsides", "index/allsides-1000") {
        documents(c, "allsides-1000", common::articles(&[dir], 1000));
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10).measurement_time(Duration::from_secs(5)).warm_up_time(Duration::from_secs(1));
    targets = index
}
criterion_main!(benches);
