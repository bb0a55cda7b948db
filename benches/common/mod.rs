//! Shared set-up of the criterion benches: finding the real text they run on (the bundled corpus,
//! and `../shared` where present) and building the AllSides index they query, once, into
//! `target/bench-index-allsides`.
//!
//! Nothing here measures anything; a bench that needs `../shared` and does not find it says so
//! on stderr and skips.

#![allow(dead_code)] // each bench uses its own part of this module

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use whosaid::article::Article;
use whosaid::extract::Extractor;
use whosaid::input::{self, FieldMap, Item};
use whosaid::topics::Taxonomy;

/// The crate's root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The shared data folder: `$WHOSAID_SHARED`, or `../shared` beside the crate, when it exists.
pub fn shared() -> Option<PathBuf> {
    let dir = std::env::var_os("WHOSAID_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("..").join("shared"));
    dir.is_dir().then_some(dir)
}

/// A folder of `../shared`, or `None` with a message naming the bench that skips.
pub fn shared_path(rel: &str, bench: &str) -> Option<PathBuf> {
    let p = shared().map(|s| s.join(rel)).filter(|p| p.exists());
    if p.is_none() {
        eprintln!("bench {bench}: skipped, ../shared/{rel} is not here (set WHOSAID_SHARED to its folder)");
    }
    p
}

/// The extractor the binary uses.
pub fn extractor() -> Extractor {
    Extractor::new(Taxonomy::default())
}

/// Every article under `paths`, in file order; at most `limit` of them. Panics on an unreadable
/// input: a bench on partial data would measure the wrong thing.
pub fn articles(paths: &[PathBuf], limit: usize) -> Vec<Article> {
    let fields = FieldMap::default();
    let files = input::discover(paths, |e| panic!("bench input: {e}"));
    let mut out = Vec::new();
    for (path, format) in files {
        if out.len() >= limit {
            break;
        }
        input::read_file(&path, format, &fields, &mut |item| match item {
            Item::Article(a, _) if out.len() < limit => out.push(a),
            Item::Article(..) => {}
            Item::Problem(e) if e.is_warning() => {}
            Item::Problem(e) => panic!("bench input: {e}"),
        });
    }
    out
}

/// The bundled corpus.
pub fn bundled_corpus() -> Vec<Article> {
    let a = articles(&[root().join("corpus")], usize::MAX);
    assert!(!a.is_empty(), "the bundled corpus/ holds no article");
    a
}

/// Total bytes of article text.
pub fn text_bytes(articles: &[Article]) -> u64 {
    articles.iter().map(|a| a.text.len() as u64).sum()
}

/// The index of the whole AllSides corpus, built once into `target/bench-index-allsides` (or
/// `$WHOSAID_BENCH_INDEX`) and reused while it opens with this whosaid's schema. `None` when
/// `../shared` is absent.
pub fn allsides_index(bench: &str) -> Option<PathBuf> {
    let corpus = shared_path("corpora/allsides", bench)?;
    let dir = std::env::var_os("WHOSAID_BENCH_INDEX")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target").join("bench-index-allsides"));
    let done = dir.join("bench-complete");
    if done.is_file() && whosaid::index::search::Searcher::open(&dir).is_ok() {
        return Some(dir);
    }
    eprintln!(
        "bench {bench}: building the AllSides index into {} (once; about a minute or two)",
        dir.display()
    );
    build_index(&[corpus], &dir);
    std::fs::write(&done, "built by benches/common\n").expect("writing the bench index stamp");
    Some(dir)
}

/// Indexes `paths` into a fresh index at `dir` with the binary's settings.
pub fn build_index(paths: &[PathBuf], dir: &Path) -> whosaid::ingest::Summary {
    let mut cfg = whosaid::ingest::Config::new(paths.to_vec(), dir.to_path_buf());
    cfg.rebuild = true;
    let stop = AtomicBool::new(false);
    let s = whosaid::ingest::run(&cfg, &extractor(), &whosaid::ingest::Silent, &stop)
        .expect("building a bench index");
    assert!(s.articles > 0 && s.skipped == 0, "bench index: {s:?}");
    s
}
