//! Fuzz target: query strings (and a date filter) against a small index built once. Any answer
//! or error is fine; a panic, a stack overflow, or an internal error (a caught panic) is a crash.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use whosaid::extract::Extractor;
use whosaid::index::search::{Filters, Request, Searcher};
use whosaid::index::IndexError;
use whosaid::ingest::{self, Config, Silent};
use whosaid::topics::Taxonomy;

fn searcher() -> &'static Searcher {
    static S: OnceLock<(tempfile::TempDir, Searcher)> = OnceLock::new();
    &S.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let corpus = dir.path().join("corpus");
        std::fs::create_dir_all(&corpus).expect("mkdir");
        std::fs::write(
            corpus.join("a.txt"),
            "---\nsource: Al Jazeera\ndate: 2022-01-21\n---\nTalks in Geneva\n\n“There will be hell to pay,” Alexander Lukashenko said about NATO.\n\nSanctions on Russia were discussed in Geneva.\n",
        )
        .expect("write");
        let mut cfg = Config::new(vec![corpus], dir.path().join("idx"));
        cfg.commit_every = std::time::Duration::from_secs(3600);
        let stop = std::sync::atomic::AtomicBool::new(false);
        ingest::run(&cfg, &Extractor::new(Taxonomy::default()), &Silent, &stop).expect("index");
        let s = Searcher::open(&dir.path().join("idx")).expect("open");
        (dir, s)
    })
    .1
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // An optional date filter after a 0x01 byte.
    let (query, since) = match text.split_once('\u{1}') {
        Some((q, d)) => (q.to_string(), Some(d.to_string())),
        None => (text.to_string(), None),
    };
    let req = Request {
        query,
        filters: Filters {
            since,
            ..Filters::default()
        },
        limit: 5,
        snippet_chars: 80,
        collapse: data.first().is_some_and(|b| b & 1 == 1),
        facets: None,
    };
    if let Err(e @ IndexError::Internal { .. }) = searcher().search(&req) {
        panic!("internal error: {e}");
    }
});
