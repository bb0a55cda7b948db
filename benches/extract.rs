//! Extraction throughput (MB/s of article text) on real articles: the bundled corpus, PolNeAR's
//! dev articles and the first AllSides file of `../shared`.
//!
//! Each iteration extracts every article and checks the number of statements found against the
//! count of a first run, so that a fast wrong answer cannot pass. Before criterion's wall-clock
//! figures, each set prints its best throughput per second of this thread's CPU time over three
//! passes: on a shared, loaded machine wall time lies.
//!
//! The allocator is mimalloc, as in `whosaid index`, where extraction runs (`src/cli/alloc.rs`).

mod common;

use std::time::Duration;

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use whosaid::article::Article;
use whosaid::extract::Extractor;

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn count_statements(ex: &Extractor, articles: &[Article]) -> (usize, usize) {
    let mut statements = 0;
    let mut passages = 0;
    for a in articles {
        let e = ex.extract(black_box(a));
        statements += e.statements.len();
        passages += e.segmented.passages.len();
    }
    (statements, passages)
}

fn bench_set(c: &mut Criterion, name: &str, articles: &[Article]) {
    let ex = common::extractor();
    let expected = count_statements(&ex, articles);
    assert!(
        expected.0 > 0 && expected.1 >= articles.len(),
        "{name}: {} statements, {} passages in {} articles",
        expected.0,
        expected.1,
        articles.len()
    );
    print_cpu_throughput(&ex, name, articles);
    let mut g = c.benchmark_group("extract");
    g.throughput(Throughput::Bytes(common::text_bytes(articles)));
    g.bench_function(name, |b| {
        b.iter(|| {
            let got = count_statements(&ex, articles);
            assert_eq!(got, expected, "{name}: extraction is not deterministic");
        })
    });
    g.finish();
}

/// Prints the best of three runs over `articles` in MB (10^6 bytes) per second of this thread's
/// CPU time; a run repeats the set until it has taken half a second of CPU, since the kernel
/// counts CPU time in scheduler ticks.
fn print_cpu_throughput(ex: &Extractor, name: &str, articles: &[Article]) {
    let bytes = common::text_bytes(articles) as f64;
    let run = || -> Option<f64> {
        let t0 = thread_cpu_ns()?;
        let mut passes = 0u32;
        loop {
            black_box(count_statements(ex, articles));
            passes += 1;
            let ns = thread_cpu_ns()? - t0;
            if ns >= 500_000_000 {
                return Some(bytes * f64::from(passes) / 1e6 / (ns as f64 / 1e9));
            }
        }
    };
    if let Some(best) = (0..3).filter_map(|_| run()).reduce(f64::max) {
        eprintln!("extract/{name}: {best:.2} MB/s per CPU-second (best of 3 runs)");
    }
}

/// CPU time of this thread in nanoseconds (Linux), if known.
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

fn extract(c: &mut Criterion) {
    bench_set(c, "bundled-corpus", &common::bundled_corpus());
    if let Some(dir) = common::shared_path("gold/polnear-dev/articles", "extract/polnear-dev") {
        let a = common::articles(&[dir], usize::MAX);
        assert_eq!(a.len(), 84, "polnear-dev holds 84 articles");
        bench_set(c, "polnear-dev", &a);
    }
    if let Some(dir) = common::shared_path("corpora/allsides", "extract/allsides-2000") {
        let a = common::articles(&[dir], 2000);
        assert_eq!(a.len(), 2000);
        bench_set(c, "allsides-2000", &a);
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10).measurement_time(Duration::from_secs(5)).warm_up_time(Duration::from_secs(1));
    targets = extract
}
criterion_main!(benches);
