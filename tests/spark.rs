//! The Spark job of `scripts/spark/` against one `whosaid index` run: `whosaid_spark.py index`
//! with `--master local[2]` and 4 partitions on AllSides' first shard, merged, compared with a
//! single run on the same file. `scripts/spark/setup.sh` installs Java and PySpark where absent,
//! so this runs on a fresh machine; it skips when `../shared` is absent.
//!
//! What must be equal: the statements (count, and each one's article, range, kind, text and
//! speaker), the top-10 hits of every query of `benches/queries.txt` in the same order (hits of
//! equal score may come in either order; scores within [`SCORE_TOLERANCE`]), their facet counts of
//! speaker, country, topic and source, and the profiles of the ten most quoted speakers. A speaker's display name is decided by the
//! counts of the whole index, not by what each shard had seen: the share of statements whose
//! speaker differs is printed, and is 0.

mod util;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use tantivy::collector::DocSetCollector;
use tantivy::query::AllQuery;
use tantivy::schema::Value as _;
use tantivy::TantivyDocument;
use util::{code, json_lines, stderr, Dir};

/// A statement as both indexes must hold it: article, start, end, kind, text.
type Said = (String, u64, u64, String, String);

/// Every statement of the index at `dir`, with its speaker.
fn statements(dir: &Path) -> BTreeMap<Said, String> {
    let (index, f) = whosaid::index::open(dir).expect("open index");
    let searcher = index.reader().expect("reader").searcher();
    let docs = searcher.search(&AllQuery, &DocSetCollector).expect("all");
    let mut out = BTreeMap::new();
    for addr in docs {
        let d: TantivyDocument = searcher.doc(addr).expect("doc");
        let text = |field| {
            d.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string()
        };
        let kind = text(f.kind);
        if kind != "direct" && kind != "indirect" {
            continue;
        }
        let num = |field| d.get_first(field).and_then(|v| v.as_u64()).unwrap_or(0);
        let said = (
            text(f.article),
            num(f.start),
            num(f.end),
            kind,
            text(f.text),
        );
        out.insert(said, text(f.speaker));
    }
    out
}

/// A hit: article, start, end.
type Hit = (String, u64, u64);

/// Hits of one score.
type Tied = (f64, BTreeSet<Hit>);

/// Scores of one index closer than this share are one score: hits of equal score may come in
/// either order.
const TIED: f64 = 1e-5;

/// The largest share by which the score of a hit may differ between the two indexes. A statement
/// that the counts of the whole index name otherwise is deleted and added again; tantivy reckons
/// the token count of a merged segment that had deleted documents from its documents' quantized
/// lengths (for a facet field, from its share of live documents), so the average length BM25
/// divides by is not quite the same in one run and in the merged shards, which renamed other
/// statements. Measured: a millionth for words, 0.3% for a `--country` or `--topic` filter (a
/// facet term's weight, the same for every hit of the query).
const SCORE_TOLERANCE: f64 = 0.01;

/// The share by which scores `a` and `b` differ.
fn score_difference(a: f64, b: f64) -> f64 {
    (a - b).abs() / a.abs().max(b.abs()).max(f64::MIN_POSITIVE)
}

/// The largest share by which the scores of the ranked groups `a` and `b` differ, when they hold
/// the same hits in the same order; `None` otherwise.
fn top_difference(a: &[Tied], b: &[Tied]) -> Option<f64> {
    let same = a.len() == b.len() && a.iter().zip(b).all(|((_, x), (_, y))| x == y);
    same.then(|| {
        a.iter()
            .zip(b)
            .map(|((x, _), (y, _))| score_difference(*x, *y))
            .fold(0.0, f64::max)
    })
}

/// The queries of `benches/queries.txt`: the query and its filter flags.
fn queries() -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(util::root().join("benches/queries.txt")).expect("queries");
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (q, filters) = l.split_once('\t').unwrap_or((l, ""));
            let mut args = vec![q.to_string()];
            args.extend(filters.split_whitespace().map(String::from));
            args
        })
        .collect()
}

/// The top 10 hits of a query, grouped by score (hits of equal score may come in either order).
fn top(dir: &Dir, index: &Path, query: &[String]) -> Vec<Tied> {
    let mut args = vec!["search".to_string()];
    args.extend(query.iter().cloned());
    args.extend(["--json", "-n", "10", "--index"].map(String::from));
    args.push(index.to_string_lossy().into_owned());
    let o = dir.cmd().args(&args).output().expect("search");
    let mut groups: Vec<Tied> = Vec::new();
    for v in json_lines(&o) {
        let score = v["score"].as_f64().unwrap_or(0.0);
        let hit = (
            v["article"].as_str().unwrap_or_default().to_string(),
            v["start"].as_u64().unwrap_or(0),
            v["end"].as_u64().unwrap_or(0),
        );
        match groups.last_mut() {
            Some((s, g)) if score_difference(*s, score) <= TIED => {
                g.insert(hit);
            }
            _ => groups.push((score, BTreeSet::from([hit]))),
        }
    }
    // The last group may be cut at the tenth hit differently: its score is kept, not its hits.
    if let Some(last) = groups.last_mut() {
        last.1.clear();
    }
    groups
}

/// Facet counts of a query (with its filters) on `field`: value to count.
fn facets(dir: &Dir, index: &Path, query: &[String], field: &str) -> BTreeMap<String, u64> {
    let mut args = vec!["facets".to_string()];
    args.extend(query.iter().cloned());
    args.extend(["--json", "--field", field, "--index"].map(String::from));
    args.push(index.to_string_lossy().into_owned());
    let o = dir.cmd().args(&args).output().expect("facets");
    json_lines(&o)
        .first()
        .and_then(|v| v["values"].as_array().cloned())
        .unwrap_or_default()
        .iter()
        .map(|v| {
            let name = v["value"].as_str().unwrap_or_default().to_string();
            (name, v["count"].as_u64().unwrap_or(0))
        })
        .collect()
}

/// Runs `scripts/spark/setup.sh`; returns the python of its environment.
fn setup() -> PathBuf {
    let o = Command::new("bash")
        .arg(util::root().join("scripts/spark/setup.sh"))
        .output()
        .expect("run setup.sh");
    assert!(o.status.success(), "setup.sh failed: {}", stderr(&o));
    let python = util::stdout(&o)
        .lines()
        .last()
        .unwrap_or_default()
        .trim()
        .to_string();
    PathBuf::from(python)
}

fn speaker_profile(dir: &Dir, index: &Path, name: &str) -> Value {
    let o = dir.run(&[
        "speaker",
        name,
        "--json",
        "--index",
        &index.to_string_lossy(),
    ]);
    let mut v = json_lines(&o).into_iter().next().unwrap_or(Value::Null);
    // What the profile says of the speaker, not the hits it shows.
    if let Some(obj) = v.as_object_mut() {
        obj.remove("latest");
    }
    v
}

#[test]
fn the_spark_job_indexes_as_one_run() {
    let Some(shared) = util::shared() else {
        return;
    };
    let input = shared.join("corpora/allsides/allsides-00.jsonl.gz");
    if !input.is_file() {
        eprintln!("skipped: {} is absent", input.display());
        return;
    }
    let python = setup();
    let dir = Dir::new();
    let (one, merged) = (dir.join("one"), dir.join("spark"));
    let o = dir.run(&[
        "index",
        &input.to_string_lossy(),
        "--index",
        &one.to_string_lossy(),
        "--quiet",
    ]);
    assert!(code(&o) <= 1, "{}", stderr(&o));
    let o = Command::new(&python)
        .arg(util::root().join("scripts/spark/whosaid_spark.py"))
        .args([
            "index",
            &input.to_string_lossy(),
            "--index",
            &merged.to_string_lossy(),
        ])
        .args(["--partitions", "4", "--master", "local[2]", "--whosaid"])
        .arg(env!("CARGO_BIN_EXE_whosaid"))
        .current_dir(dir.path())
        .output()
        .expect("run the Spark job");
    assert!(o.status.success(), "the Spark job failed: {}", stderr(&o));
    let summary: Value = serde_json::from_str(util::stdout(&o).trim()).expect("JSON summary");
    assert_eq!(summary["shards"].as_array().map(Vec::len), Some(4));
    assert_eq!(summary["merge"]["shards"], 4);

    // The same statements.
    let (a, b) = (statements(&one), statements(&merged));
    assert!(a.len() > 10_000, "{} statements", a.len());
    assert_eq!(a.len(), b.len());
    let (keys_a, keys_b): (BTreeSet<&Said>, BTreeSet<&Said>) =
        (a.keys().collect(), b.keys().collect());
    let missing: Vec<_> = keys_a.difference(&keys_b).take(3).collect();
    assert!(missing.is_empty(), "in one run only: {missing:?}");
    let other: Vec<_> = a.iter().filter(|(k, s)| b.get(*k) != Some(*s)).collect();
    eprintln!(
        "{} statements in both; speaker named otherwise in {} ({:.2}%)",
        a.len(),
        other.len(),
        other.len() as f64 * 100.0 / a.len() as f64
    );
    let shown: Vec<_> = other
        .iter()
        .take(3)
        .map(|(k, s)| (k, s, b.get(*k)))
        .collect();
    assert!(other.is_empty(), "one run, then merged: {shown:?}");

    // The same top hits and facet counts on the benchmark's queries.
    let mut worst = (0.0, Vec::new());
    for q in queries() {
        let (x, y) = (top(&dir, &one, &q), top(&dir, &merged, &q));
        let d = top_difference(&x, &y);
        assert!(d.is_some(), "top hits of {q:?}: {x:?} against {y:?}");
        if let Some(d) = d.filter(|d| *d > worst.0) {
            worst = (d, q.clone());
        }
        for field in ["country", "topic", "source", "speaker"] {
            assert_eq!(
                facets(&dir, &one, &q, field),
                facets(&dir, &merged, &q, field),
                "{field} facets of {q:?}"
            );
        }
    }

    eprintln!(
        "top hits the same; scores differ by {:.2e} at most ({:?})",
        worst.0, worst.1
    );
    assert!(worst.0 <= SCORE_TOLERANCE, "{worst:?}");

    // The same profiles of the ten most quoted speakers.
    let everyone = vec!["*".to_string()];
    let top_speakers = facets(&dir, &one, &everyone, "speaker");
    let mut by_count: Vec<(&String, &u64)> = top_speakers.iter().collect();
    by_count.sort_by_key(|(_, c)| std::cmp::Reverse(**c));
    for (name, _) in by_count.into_iter().take(10) {
        let (x, y) = (
            speaker_profile(&dir, &one, name),
            speaker_profile(&dir, &merged, name),
        );
        assert_eq!(x, y, "{name}");
    }
}
