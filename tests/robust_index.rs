//! Interrupted and concurrent use of an index, through the binary: SIGKILL at random points,
//! Ctrl-C, `search` during `index`, a second `index` on a locked index, damaged files and another
//! schema version.

mod util;

use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use tantivy::collector::Count;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value as _};
use tantivy::Term;
use util::*;
use whosaid::index::search::{Filters, Request, Searcher};

/// Articles in the feed most tests index (about a second's work for `index` on 2 cores).
const ARTICLES: usize = 60_000;

/// Articles in the feed of the tests that interrupt `index` (several seconds' work, so that
/// interruptions fall inside the run).
const LONG: usize = 200_000;

fn id(i: usize) -> String {
    format!("art{i:05}")
}

/// A JSON Lines feed of `n` articles of the same shape, with ids in file order.
fn feed(d: &Dir, n: usize) {
    let mut s = String::with_capacity(n * 400);
    for i in 0..n {
        s.push_str(&format!(
            "{{\"id\":\"{}\",\"title\":\"Talks day {i}\",\"date\":\"2022-01-21\",\"text\":\"Talks day {i}\\n\\n“We will keep talking about item{i} to everyone,” Sergei Lavrov said in Geneva.\\n\\nThe meeting number {i} ended late in the evening after long talks.\"}}\n",
            id(i)
        ));
    }
    d.write("corpus/feed.jsonl", s);
}

/// Starts `whosaid index` on the feed, committing every `commit_secs`, with one extraction
/// thread (so articles reach the index in file order).
fn start_index(d: &Dir, commit_secs: u32) -> Child {
    d.cmd()
        .args([
            "index",
            "corpus",
            "--index",
            "idx",
            "--threads",
            "1",
            "--commit-interval",
            &commit_secs.to_string(),
            "--json",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn whosaid index")
}

/// The number of live documents of each of the `n` articles of the feed, in file order. A run
/// killed before it made the index (no `meta.json` yet) committed nothing.
fn docs_per_article(dir: &Path, n: usize) -> Vec<usize> {
    if !dir.join("meta.json").exists() {
        return vec![0; n];
    }
    let s = Searcher::open(dir).unwrap_or_else(|e| panic!("the index opens: {e}"));
    let searcher = s.searcher();
    (0..n)
        .map(|i| {
            let q = TermQuery::new(
                Term::from_field_text(s.fields().article, &id(i)),
                IndexRecordOption::Basic,
            );
            searcher.search(&q, &Count).expect("count")
        })
        .collect()
}

/// Checks that the index holds a state some commit could have made: whole articles only (each
/// with as many documents as the first), the first K of the feed of `n`. Returns K.
fn check_committed_state(dir: &Path, n: usize) -> usize {
    let counts = docs_per_article(dir, n);
    let k = counts.iter().take_while(|&&c| c > 0).count();
    assert!(
        counts[k..].iter().all(|&c| c == 0),
        "the committed articles are a prefix of the feed"
    );
    if k > 0 {
        let full = counts[0];
        assert!(
            counts[..k].iter().all(|&c| c == full),
            "every committed article is whole ({full} documents)"
        );
    }
    k
}

fn summary(stdout: &[u8]) -> Value {
    let text = String::from_utf8_lossy(stdout);
    serde_json::from_str(text.trim()).unwrap_or_else(|e| panic!("summary JSON ({e}): {text}"))
}

/// A small pseudo-random sequence (no dependency, reproducible).
struct Lcg(u64);
impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

#[test]
fn sigkill_at_random_points_leaves_the_last_commit_and_the_next_run_completes_it() {
    const N: usize = LONG;
    let d = Dir::new();
    feed(&d, N);
    let mut rng = Lcg(0x5eed);
    let mut killed_mid_run = 0;
    let mut last_k = 0;
    for round in 0..4 {
        let mut child = start_index(&d, 1);
        let wait = Duration::from_millis(200 + rng.below(2300));
        std::thread::sleep(wait);
        if child.try_wait().expect("try_wait").is_none() {
            killed_mid_run += 1;
        }
        child.kill().expect("SIGKILL");
        child.wait().expect("wait");
        let k = check_committed_state(&d.join("idx"), N);
        // Each run re-reads the feed from the start and replaces what is there, so what was
        // committed before stays.
        assert!(
            k >= last_k,
            "round {round}: {k} articles after {last_k} before"
        );
        eprintln!("round {round}: killed after {wait:?}, {k} articles committed");
        last_k = k;
    }
    assert!(
        killed_mid_run > 0,
        "at least one run was killed while it ran"
    );
    // The next run completes the index, without duplicates.
    let o = d.run(&[
        "index",
        "corpus",
        "--index",
        "idx",
        "--json",
        "--threads",
        "1",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let counts = docs_per_article(&d.join("idx"), N);
    let full = counts[0];
    assert!(full >= 3, "an article makes several documents");
    assert!(
        counts.iter().all(|&c| c == full),
        "every article whole, once"
    );
    let s = summary(&o.stdout);
    assert_eq!(s["articles"].as_u64(), Some(N as u64));
}

#[test]
fn ctrl_c_commits_what_was_indexed_and_says_so() {
    const N: usize = LONG;
    let d = Dir::new();
    feed(&d, N);
    let mut child = start_index(&d, 3600);
    // Wait for the run to be under way (its index created, its first articles read).
    let started = Instant::now();
    while !d.join("idx/meta.json").is_file() && started.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(400));
    assert!(
        child.try_wait().expect("try_wait").is_none(),
        "still running"
    );
    // SAFETY: kill(2) on our own child's pid.
    let r = unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGINT) };
    assert_eq!(r, 0);
    let o = child.wait_with_output().expect("wait");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(130), "{err}");
    assert!(
        err.contains("interrupted: what was indexed is committed"),
        "says so: {err}"
    );
    let s = summary(&o.stdout);
    assert_eq!(s["interrupted"], Value::Bool(true));
    let articles = s["articles"].as_u64().unwrap_or(0) as usize;
    assert!(
        articles > 0,
        "some articles were indexed before Ctrl-C: {s}"
    );
    assert!(articles < N, "stopped before the end: {s}");
    // Nothing was committed before Ctrl-C (commit interval of an hour): what is there is the
    // commit made on the way out, exactly the articles the summary counted.
    let k = check_committed_state(&d.join("idx"), N);
    assert_eq!(k, articles);
    let docs = Searcher::open(&d.join("idx")).expect("opens").num_docs();
    assert_eq!(Some(docs), s["index_docs"].as_u64());
    // The next run completes it.
    let o = d.run(&["index", "corpus", "--index", "idx", "--json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(check_committed_state(&d.join("idx"), N), N);
}

/// The total the human output of `search '*'` reports, or 0 when nothing is found.
fn total(d: &Dir) -> (i32, u64, String) {
    let o = d.run(&["search", "*", "--index", "idx", "--color", "never"]);
    let out = stdout(&o);
    let n = out
        .lines()
        .rev()
        .find_map(|l| {
            let (_, rest) = l.split_once(" of ")?;
            rest.strip_suffix(" matching documents")?.parse().ok()
        })
        .unwrap_or(0);
    (code(&o), n, stderr(&o))
}

#[test]
fn search_works_while_index_runs_and_sees_the_last_commit() {
    const N: usize = LONG;
    let d = Dir::new();
    feed(&d, N);
    let mut child = start_index(&d, 1);
    let started = Instant::now();
    let mut seen = Vec::new();
    while child.try_wait().expect("try_wait").is_none()
        && started.elapsed() < Duration::from_secs(60)
    {
        if d.join("idx/meta.json").is_file() {
            let (c, n, err) = total(&d);
            assert!(c == 0 || c == 1, "search during index: exit {c}: {err}");
            if let Some(&last) = seen.last() {
                assert!(n >= last, "commits only add: {n} after {last}");
            }
            seen.push(n);
        }
        std::thread::sleep(Duration::from_millis(150));
    }
    let o = child.wait_with_output().expect("wait");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let (c, final_docs, err) = total(&d);
    assert_eq!(c, 0, "{err}");
    let every = Searcher::open(&d.join("idx"))
        .expect("opens")
        .search(&Request {
            query: "*".into(),
            filters: Filters::default(),
            limit: 1,
            snippet_chars: 50,
            collapse: false,
            facets: None,
        })
        .expect("search")
        .total as u64;
    assert_eq!(
        final_docs, every,
        "after the run, search sees the final commit"
    );
    assert_eq!(check_committed_state(&d.join("idx"), N), N);
    assert!(
        seen.iter().any(|&x| x > 0 && x < final_docs),
        "a search during the run saw an intermediate commit: {seen:?} (final {final_docs})"
    );
}

#[test]
fn a_second_index_run_fails_at_once_while_one_runs() {
    const N: usize = ARTICLES;
    let d = Dir::new();
    feed(&d, N);
    let mut first = start_index(&d, 1);
    // Wait until the first run holds the index.
    let started = Instant::now();
    while !d.join("idx/meta.json").is_file() && started.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        first.try_wait().expect("try_wait").is_none(),
        "first run still going"
    );
    for extra in [&[][..], &["--rebuild"][..]] {
        let t = Instant::now();
        let o = d
            .cmd()
            .args(["index", "corpus", "--index", "idx"])
            .args(extra)
            .output()
            .expect("second run");
        let err = stderr(&o);
        assert_eq!(code(&o), 2, "{extra:?}: {err}");
        assert!(
            err.contains("index is locked by another whosaid process"),
            "{extra:?}: {err}"
        );
        assert!(
            !err.contains("panicked") && !err.contains("backtrace"),
            "{err}"
        );
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(t.elapsed() < Duration::from_secs(5), "at once, not a hang");
    }
    // The first run was not disturbed by the refused --rebuild.
    let o = first.wait_with_output().expect("wait");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(check_committed_state(&d.join("idx"), N), N);
    // Once it is done, the lock is free.
    let o = d.run(&["index", "corpus", "--index", "idx", "--quiet"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}

#[test]
fn a_killed_writer_leaves_no_stale_lock() {
    let d = Dir::new();
    feed(&d, ARTICLES);
    let mut child = start_index(&d, 1);
    std::thread::sleep(Duration::from_millis(700));
    child.kill().expect("SIGKILL");
    child.wait().expect("wait");
    assert!(d.join("idx/whosaid.lock").exists());
    // A leftover of an atomic write cut short is cleaned up by the next writer.
    d.write("idx/.tmpAbC123", "half a meta.json");
    let o = d.run(&["index", "corpus", "--index", "idx", "--quiet"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(!d.join("idx/.tmpAbC123").exists());
}

/// A small index to damage, and the names of its segment files.
fn small_index() -> (Dir, Vec<String>) {
    let d = Dir::new();
    for i in 0..20 {
        d.write(
            &format!("corpus/{i}.txt"),
            format!("Note {i}\n\n“Word {i} is said here about sanctions,” Sergei Lavrov said.\n\nMore text {i} here.\n"),
        );
    }
    let o = d.run(&["index", "corpus", "--index", "idx", "--quiet"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let mut files: Vec<String> = std::fs::read_dir(d.join("idx"))
        .expect("ls")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| {
            [".idx", ".term", ".store", ".pos", ".fast", ".fieldnorm"]
                .iter()
                .any(|x| n.ends_with(x))
        })
        .collect();
    files.sort();
    (d, files)
}

fn no_panic(o: &std::process::Output, what: &str) {
    let err = stderr(o);
    assert!(
        matches!(o.status.code(), Some(0..=2)) && !err.contains("panicked"),
        "{what}: {:?} {err}",
        o.status
    );
}

fn says_damaged(o: &std::process::Output, what: &str) {
    let err = stderr(o);
    assert_eq!(code(o), 2, "{what}: {err}");
    assert!(
        err.contains("is damaged") && err.contains("--rebuild"),
        "{what}: {err}"
    );
    assert_eq!(err.lines().count(), 1, "{what}: {err}");
}

#[test]
fn damaged_index_files_give_a_clear_message_and_exit_2() {
    let (d, files) = small_index();
    let pristine = d.join("pristine");
    std::fs::rename(d.join("idx"), &pristine).expect("mv");
    let restore = || {
        let _ = std::fs::remove_dir_all(d.join("idx"));
        std::fs::create_dir_all(d.join("idx")).expect("mkdir");
        for e in std::fs::read_dir(&pristine).expect("ls").flatten() {
            std::fs::copy(e.path(), d.join("idx").join(e.file_name())).expect("cp");
        }
    };
    let search = || d.run(&["search", "sanctions", "--index", "idx", "--json"]);
    let index = || d.run(&["index", "corpus", "--index", "idx", "--quiet"]);
    for f in &files {
        let p = d.join("idx").join(f);
        // Cut short: found when the index is opened.
        restore();
        let len = std::fs::metadata(&p).expect("len").len();
        std::fs::OpenOptions::new()
            .write(true)
            .open(&p)
            .and_then(|h| h.set_len(len / 2))
            .expect("truncate");
        says_damaged(&search(), &format!("search, {f} truncated"));
        says_damaged(&index(), &format!("index, {f} truncated"));
        // Missing.
        restore();
        std::fs::remove_file(&p).expect("rm");
        says_damaged(&search(), &format!("search, {f} missing"));
        says_damaged(&index(), &format!("index, {f} missing"));
        // Garbled in the middle: `index` checks every checksum; `search` does not read every
        // byte, but never panics, and says "damaged" when the garbled bytes are what it reads.
        restore();
        let mut bytes = std::fs::read(&p).expect("read");
        let n = bytes.len();
        for b in &mut bytes[n / 4..n / 2] {
            *b ^= 0x5a;
        }
        std::fs::write(&p, &bytes).expect("write");
        let o = search();
        no_panic(&o, &format!("search, {f} garbled"));
        if code(&o) == 2 {
            says_damaged(&o, &format!("search, {f} garbled"));
        }
        says_damaged(&index(), &format!("index, {f} garbled"));
    }
    for (what, contents) in [
        ("garbage", &b"garbage"[..]),
        ("empty", &b""[..]),
        ("cut", &b"{\"index_settings\": {"[..]),
    ] {
        restore();
        std::fs::write(d.join("idx/meta.json"), contents).expect("write");
        says_damaged(&search(), &format!("search, meta.json {what}"));
        says_damaged(&index(), &format!("index, meta.json {what}"));
    }
    // --rebuild recovers.
    let o = d.run(&["index", "corpus", "--index", "idx", "--rebuild", "--quiet"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(code(&search()), 0);
}

#[test]
fn an_index_of_another_schema_version_gives_a_clear_message() {
    let (d, _) = small_index();
    let stamp = d.join("idx/whosaid.json");
    for (what, contents) in [
        ("version 99", Some("{\"schema_version\":99}\n")),
        ("garbled stamp", Some("{\"schema_")),
        ("no stamp", None),
    ] {
        match contents {
            Some(c) => std::fs::write(&stamp, c).expect("write"),
            None => {
                let _ = std::fs::remove_file(&stamp);
            }
        }
        for args in [
            &["search", "sanctions", "--index", "idx"][..],
            &["index", "corpus", "--index", "idx"][..],
        ] {
            let o = d.run(args);
            let err = stderr(&o);
            assert_eq!(code(&o), 2, "{what} {args:?}: {err}");
            assert!(err.contains("schema version"), "{what}: {err}");
            assert!(err.contains("--rebuild"), "{what}: {err}");
            assert_eq!(err.lines().count(), 1, "{err}");
        }
    }
    let o = d.run(&["index", "corpus", "--index", "idx", "--rebuild", "--quiet"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = d.run(&["search", "sanctions", "--index", "idx"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}

#[test]
fn killed_before_the_stamp_or_first_commit_the_index_still_opens() {
    // The directory a run killed at once leaves: only the lock and the stamp, or an empty index.
    let d = Dir::new();
    d.write(
        "corpus/a.txt",
        "Note\n\n“Word is said here about sanctions,” Sergei Lavrov said.\n",
    );
    std::fs::create_dir_all(d.join("idx")).expect("mkdir");
    d.write("idx/whosaid.lock", "");
    let o = d.run(&["index", "corpus", "--index", "idx", "--quiet"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = d.run(&["search", "sanctions", "--index", "idx"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}

/// Writes `range` of a set of small articles with `indexer`, titled `title` and their number,
/// committing every three, so that each commit leaves segments of its own.
fn write_articles(
    indexer: &whosaid::index::writer::Indexer,
    range: std::ops::Range<usize>,
    title: &str,
) {
    let ex = whosaid::extract::Extractor::new(whosaid::topics::Taxonomy::default());
    for i in range {
        let a = whosaid::article::Article {
            id: id(i),
            path: format!("feed.jsonl:{}", i + 1),
            title: format!("{title} {i}"),
            text: format!("“Word {i} is said here about sanctions,” Sergei Lavrov said.\n\nMore text {i} here."),
            ..Default::default()
        };
        indexer.add(&a, &ex.extract(&a), i as u64).expect("add");
        if i % 3 == 2 {
            indexer.commit().expect("commit");
        }
    }
}

/// A search for the word every article of [`write_articles`] holds, up to 100 hits.
fn sanctions() -> Request {
    Request {
        query: "sanctions".into(),
        filters: Filters::default(),
        limit: 100,
        snippet_chars: 100,
        collapse: false,
        facets: None,
    }
}

fn segment_ids(dir: &Path) -> Vec<tantivy::index::SegmentId> {
    let (index, _) = whosaid::index::open(dir).expect("open");
    index.searchable_segment_ids().expect("segments")
}

#[test]
fn a_run_ends_by_merging_the_segments_it_wrote_and_only_those() {
    use std::sync::atomic::AtomicBool;
    use whosaid::index::writer::Indexer;
    let go = AtomicBool::new(false);
    let merged = tempfile::tempdir().expect("tempdir");
    let kept = tempfile::tempdir().expect("tempdir");
    // One indexing thread: each commit of three articles leaves one segment (three small
    // segments are too few for the merge policy).
    let a = Indexer::open(merged.path(), true, 1, 20_000_000).expect("open");
    write_articles(&a, 0..9, "Note");
    let docs = a.finish_merged(1, &go).expect("finish").documents;
    let b = Indexer::open(kept.path(), true, 1, 20_000_000).expect("open");
    write_articles(&b, 0..9, "Note");
    assert_eq!(b.finish().expect("finish").documents, docs);
    assert_eq!(segment_ids(kept.path()).len(), 3);
    let before = segment_ids(merged.path());
    assert_eq!(before.len(), 1, "{before:?}");
    // The merged index answers as the other does.
    for dir in [merged.path(), kept.path()] {
        let s = Searcher::open(dir).expect("searcher");
        let req = sanctions();
        assert_eq!(s.search(&req).expect("search").total, 18, "{dir:?}");
    }
    // A second run merges its own segments, and leaves the large one it found alone.
    let c = Indexer::open(merged.path(), false, 1, 20_000_000).expect("open");
    write_articles(&c, 9..15, "Note");
    c.finish_merged(1, &go).expect("finish");
    let after = segment_ids(merged.path());
    assert_eq!(after.len(), 2, "{after:?}");
    assert!(after.contains(&before[0]));
    // Stopped (Ctrl-C), a run commits and does not merge.
    let stop = AtomicBool::new(true);
    let d = Indexer::open(kept.path(), true, 1, 20_000_000).expect("open");
    write_articles(&d, 0..9, "Note");
    assert_eq!(d.finish_merged(1, &stop).expect("finish").documents, docs);
    assert_eq!(segment_ids(kept.path()).len(), 3);
}

#[test]
fn a_hit_shows_its_own_articles_title_whichever_segment_holds_it() {
    use whosaid::index::writer::Indexer;
    let dir = tempfile::tempdir().expect("tempdir");
    let a = Indexer::open(dir.path(), true, 1, 20_000_000).expect("open");
    write_articles(&a, 0..9, "Note");
    a.finish().expect("finish");
    // Three articles again, retitled: their first versions are deleted from the segments they
    // were in, and the new ones go to a segment of their own.
    let b = Indexer::open(dir.path(), false, 1, 20_000_000).expect("open");
    write_articles(&b, 2..5, "Retitled");
    b.finish().expect("finish");
    let segments = segment_ids(dir.path()).len();
    assert!(segments >= 2, "{segments} segments");
    let s = Searcher::open(dir.path()).expect("searcher");
    let req = sanctions();
    let res = s.search(&req).expect("search");
    assert_eq!(res.hits.len(), 18);
    for h in &res.hits {
        let i = (0..9)
            .find(|i| id(*i) == h.article)
            .expect("an article of the set");
        let want = if (2..5).contains(&i) {
            "Retitled"
        } else {
            "Note"
        };
        assert_eq!(h.title, format!("{want} {i}"), "{h:?}");
    }
    // Looked up from any segment first, an article's document is its current one, not the
    // deleted first version.
    let searcher = s.searcher();
    let title = s.fields().title;
    for near in 0..segments as u32 {
        for i in 0..9 {
            let doc = s
                .article_doc(&searcher, &id(i), Some(near))
                .expect("look-up")
                .expect("found");
            let want = if (2..5).contains(&i) {
                "Retitled"
            } else {
                "Note"
            };
            let got = doc.get_first(title).and_then(|v| v.as_str()).unwrap_or("");
            assert_eq!(got, format!("{want} {i}"), "from segment {near}");
        }
    }
}

#[test]
fn compact_merges_the_segments_runs_left_and_answers_the_same() {
    let d = Dir::new();
    for run in 0..3 {
        for i in 0..5 {
            d.write(
                &format!("corpus{run}/{i}.txt"),
                format!("Note {run} {i}\n\n“Word {run} {i} is said here about sanctions,” Sergei Lavrov said.\n"),
            );
        }
        let o = d.run(&[
            "index",
            &format!("corpus{run}"),
            "--index",
            "idx",
            "--no-merge",
            "--quiet",
        ]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
    }
    let segments = || segment_ids(&d.join("idx")).len();
    assert!(segments() >= 3, "{}", segments());
    let search = || {
        d.run(&[
            "search",
            "sanctions",
            "--index",
            "idx",
            "--json",
            "-n",
            "100",
        ])
    };
    let hits = |o: &std::process::Output| {
        let mut v: Vec<String> = json_lines(o)
            .iter()
            .map(|h| format!("{} {}", h["article"], h["text"]))
            .collect();
        v.sort();
        v
    };
    let before = hits(&search());
    assert_eq!(before.len(), 30, "{before:?}");
    let o = d.run(&["compact", "--index", "idx"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("segments before, 1 now"),
        "{}",
        stderr(&o)
    );
    assert_eq!(segments(), 1);
    assert_eq!(hits(&search()), before);
    // No index: an error, not a new empty index.
    let o = d.run(&["compact", "--index", "none"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(!d.join("none").exists());
}
