//! Latency of the "who said what" answers on an index of the AllSides corpus: `who`, `facets`,
//! `speaker` and `check`, warm (the index open, its files in the page cache).
//!
//! The index is built once into `target/bench-index-allsides` from `../shared/corpora/allsides`;
//! the bench skips with a message when that corpus is absent. `WHOSAID_BENCH_INDEX=DIR` uses an
//! index built elsewhere. Each answer's size is asserted so
//! that a fast wrong answer cannot pass.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use criterion::{criterion_group, criterion_main, Criterion};
use whosaid::extract::Extractor;
use whosaid::index::facets::{count, FacetField};
use whosaid::index::profile::profile;
use whosaid::index::provenance::check;
use whosaid::index::search::{Filters, Searcher};
use whosaid::index::who::{who, Pivot};
use whosaid::ingest::{self, Config, Silent};

fn index_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("WHOSAID_BENCH_INDEX") {
        return Some(PathBuf::from(dir));
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = root.join("../shared/corpora/allsides");
    if !corpus.is_dir() {
        eprintln!("skipped: ../shared/corpora/allsides is absent");
        return None;
    }
    let dir = root.join("target/bench-index-allsides");
    if !whosaid::index::exists(&dir) {
        eprintln!("building {} (once)", dir.display());
        let cfg = Config::new(vec![corpus], dir.clone());
        let s = ingest::run(
            &cfg,
            &Extractor::default(),
            &Silent,
            &AtomicBool::new(false),
        )
        .expect("index AllSides");
        assert_eq!(s.articles, 37_554);
    }
    Some(dir)
}

fn answers(c: &mut Criterion) {
    let Some(dir) = index_dir() else { return };
    let s = Searcher::open(&dir).expect("open index");
    let none = Filters::default();
    let us = Filters {
        country: Some("United States".into()),
        ..Filters::default()
    };
    let mut g = c.benchmark_group("answers");
    g.sample_size(20);
    g.measurement_time(std::time::Duration::from_secs(3));
    for q in [
        "health care",
        "immigration",
        "\"tax cuts\"",
        "Russia sanctions",
    ] {
        g.bench_function(format!("who {q}"), |b| {
            b.iter(|| {
                let a = who(&s, q, &none, Pivot::Speaker, 10, 160).expect("who");
                assert_eq!(a.rows.len(), 10);
            })
        });
    }
    g.bench_function("who --by country immigration", |b| {
        b.iter(|| {
            let a = who(&s, "immigration", &none, Pivot::Country, 10, 160).expect("who");
            assert!(a.rows.len() >= 5);
        })
    });
    g.bench_function("facets speaker (all statements)", |b| {
        b.iter(|| {
            let f = count(&s, "*", &none, FacetField::Speaker, 20).expect("facets");
            assert_eq!(f.values.len(), 20);
        })
    });
    g.bench_function("facets topic immigration --country US", |b| {
        b.iter(|| {
            let f = count(&s, "immigration", &us, FacetField::Topic, 20).expect("facets");
            assert!(!f.values.is_empty());
        })
    });
    for name in ["Trump", "Nancy Pelosi", "Lavrov"] {
        g.bench_function(format!("speaker {name}"), |b| {
            b.iter(|| {
                let p = profile(&s, name, &none, 5)
                    .expect("profile")
                    .expect("a speaker");
                assert!(p.statements > 0);
            })
        });
    }
    g.bench_function("check a quote", |b| {
        b.iter(|| {
            let p = check(&s, "make America great again", &none, 20).expect("check");
            assert!(!p.sources.is_empty());
        })
    });
    g.finish();
}

criterion_group!(benches, answers);
criterion_main!(benches);
