//! The knowledge base of public figures: parsing the shipped table (what the first use of
//! `People::builtin` costs a process) and looking names up.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use whosaid::extract::people::People;

const NAMES: [&str; 8] = [
    "Chuck Schumer",
    "Charles E. Schumer",
    "George H. W. Bush",
    "George Bush",
    "Sergei Lavrov",
    "Hillary Rodham Clinton",
    "Jane Nobody",
    "Jerrold L. Nadler",
];

fn people(c: &mut Criterion) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/people/people.tsv");
    let text = std::fs::read_to_string(&path).expect("people.tsv");
    let mut g = c.benchmark_group("people");
    g.sample_size(10);
    g.bench_function("parse the shipped table", |b| {
        b.iter(|| {
            let p = People::parse(black_box(&text), "people.tsv").expect("parses");
            assert!(p.len() > 5_000);
            p
        })
    });
    let p = People::builtin();
    g.bench_function("lookup 8 names", |b| {
        b.iter(|| {
            let found: Vec<usize> = NAMES.iter().map(|n| p.lookup(black_box(n)).len()).collect();
            assert_eq!(found, [1, 1, 1, 2, 1, 1, 0, 1], "{NAMES:?}");
            found
        })
    });
    g.finish();
}

criterion_group!(benches, people);
criterion_main!(benches);
