//! Topic tagging speed on real news text: every paragraph of the BBC corpus in `../shared` (or,
//! without it, a built-in sample) tagged as a statement with its headline and paragraph as
//! context, as extraction does. Throughput counts every byte the tagger scans.

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use whosaid::topics::Taxonomy;

/// (headline, paragraph) pairs.
fn load() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/bbc");
    let mut out = Vec::new();
    let files: Vec<_> = walkdir::WalkDir::new(&root)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .collect();
    for e in files {
        let Ok(bytes) = std::fs::read(e.path()) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        let mut paras = text.split("\n\n").map(str::trim).filter(|p| !p.is_empty());
        let Some(title) = paras.next() else { continue };
        for p in paras {
            out.push((title.to_string(), p.to_string()));
        }
    }
    if out.is_empty() {
        eprintln!("../shared/corpora/bbc not found: benchmarking a built-in sample");
        let p = "Russia has massed troops near the border with Ukraine, and Western countries \
                 are weighing sanctions, including cutting Russian banks off from Swift, \
                 while the foreign ministers held talks in Geneva on Friday.";
        out = vec![("Latest Ukraine updates".to_string(), p.to_string()); 2000];
    }
    out
}

fn bench(c: &mut Criterion) {
    let pairs = load();
    let tax = Taxonomy::default();
    let scanned: usize = pairs.iter().map(|(t, p)| t.len() + 2 * p.len()).sum();
    // On a loaded machine wall time lies: also report bytes per second of this thread's CPU time.
    if let Some(t0) = thread_cpu_ns() {
        let mut tagged = 0usize;
        for (t, p) in &pairs {
            tagged += usize::from(!tax.tag(p, &[t, p]).is_empty());
        }
        if let Some(t1) = thread_cpu_ns() {
            let secs = (t1 - t0) as f64 / 1e9;
            eprintln!(
                "topics: {} paragraphs, {tagged} tagged, {:.1} MB scanned in {secs:.3} s of CPU: \
                 {:.0} MB/s",
                pairs.len(),
                scanned as f64 / 1e6,
                scanned as f64 / 1e6 / secs
            );
        }
    }
    let mut g = c.benchmark_group("topics");
    g.throughput(Throughput::Bytes(scanned as u64));
    g.sample_size(10);
    g.bench_function("tag_paragraphs", |b| {
        b.iter(|| {
            let mut tagged = 0usize;
            for (t, p) in &pairs {
                if !tax.tag(p, &[t, p]).is_empty() {
                    tagged += 1;
                }
            }
            // A fast wrong answer must not pass: most news paragraphs get a topic.
            assert!(
                tagged * 2 > pairs.len(),
                "only {tagged} of {} tagged",
                pairs.len()
            );
            tagged
        })
    });
    g.finish();
}

/// CPU time of this thread in nanoseconds (Linux), if known.
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

criterion_group!(benches, bench);
criterion_main!(benches);
