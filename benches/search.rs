//! Query latency on an index of the AllSides corpus (37,554 articles of `../shared`): term,
//! phrase, boolean and facet-filtered searches with snippets, facet counts, a `who`-style count of
//! speakers over a query's matches, and snippet generation alone.
//!
//! The index is built once into `target/bench-index-allsides`. Before measuring, every answer is
//! checked against a count made another way (a scan of the raw paragraphs, set arithmetic, the
//! stored fields of every match), and each iteration checks it gets that answer again.

mod common;

use std::collections::BTreeMap;
use std::time::Duration;

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use tantivy::collector::{Count, DocSetCollector, FacetCollector, TopDocs};
use tantivy::schema::{Facet, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::TantivyDocument;
use whosaid::index::search::{Filters, KindFilter, Request, Searcher};

const LIMIT: usize = 10;
const SNIPPET_CHARS: usize = 200;

fn request(query: &str, filters: Filters) -> Request {
    Request {
        query: query.to_string(),
        filters,
        limit: LIMIT,
        snippet_chars: SNIPPET_CHARS,
        collapse: false,
        facets: None,
    }
}

/// Returns true if and only if `hay` (lowercase) holds `needle` (lowercase) between non-word
/// characters.
fn contains_word(hay: &str, needle: &str) -> bool {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    hay.match_indices(needle).any(|(i, m)| {
        !word(hay[..i].chars().next_back()) && !word(hay[i + m.len()..].chars().next())
    })
}

/// Paragraphs (blank-line separated) of the raw AllSides texts holding each needle as words.
fn raw_paragraph_counts(needles: &[&str]) -> Vec<usize> {
    let dir = common::shared().expect("shared").join("corpora/allsides");
    let mut counts = vec![0; needles.len()];
    for a in common::articles(&[dir], usize::MAX) {
        for para in a.text.split("\n\n") {
            let lower = para
                .to_lowercase()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            for (n, c) in needles.iter().zip(counts.iter_mut()) {
                if contains_word(&lower, n) {
                    *c += 1;
                }
            }
        }
    }
    counts
}

fn total(s: &Searcher, query: &str, filters: Filters) -> usize {
    s.search(&request(query, filters)).expect("search").total
}

/// Counts of the facet values (one level under `root`) of every match of `query`, read from the
/// stored documents: the slow, independent answer a FacetCollector must agree with.
fn stored_facet_counts(s: &Searcher, query: &str, root: &str) -> BTreeMap<String, u64> {
    let q = s
        .build(query, &Filters::default())
        .expect("query")
        .expect("some");
    let searcher = s.searcher();
    let docs = searcher.search(&*q, &DocSetCollector).expect("docset");
    let f = s.fields();
    let mut out = BTreeMap::new();
    for addr in docs {
        let doc: TantivyDocument = searcher.doc(addr).expect("doc");
        let mut seen: Vec<String> = Vec::new();
        if root == "speaker" {
            if let Some(sp) = doc.get_first(f.speaker).and_then(|v| v.as_str()) {
                seen.push(whosaid::index::writer::facet_step(sp));
            }
        } else {
            for v in doc.get_all(f.topic_facet) {
                if let Some(e) = v.as_facet() {
                    let fc = Facet::from_encoded(e.as_bytes().to_vec()).expect("facet");
                    seen.push(fc.to_path()[1].to_string());
                }
            }
        }
        seen.sort();
        seen.dedup();
        for v in seen {
            *out.entry(v).or_insert(0) += 1;
        }
    }
    out
}

/// Counts of the values under `/root` for the matches of `query`, by tantivy's FacetCollector.
fn facet_counts(s: &Searcher, field: &str, query: &str, root: &str) -> BTreeMap<String, u64> {
    let q = s
        .build(query, &Filters::default())
        .expect("query")
        .expect("some");
    let mut fc = FacetCollector::for_field(field);
    fc.add_facet(Facet::from_path([root]));
    let counts = s.searcher().search(&*q, &fc).expect("facets");
    counts
        .get(&format!("/{root}"))
        .map(|(f, n)| (f.to_path()[1].to_string(), n))
        .collect()
}

fn search(c: &mut Criterion) {
    let Some(dir) = common::allsides_index("search") else {
        return;
    };
    let s = Searcher::open(&dir).expect("open the bench index");
    assert!(
        s.num_docs() > 900_000,
        "the AllSides index holds {} documents",
        s.num_docs()
    );

    // Check the answers against counts made without the index.
    let passages = |q: &str| {
        total(
            &s,
            q,
            Filters {
                kind: Some(KindFilter::Passage),
                ..Filters::default()
            },
        )
    };
    let raw = raw_paragraph_counts(&["pelosi", "health care"]);
    for (q, n) in [("Pelosi", raw[0]), ("\"health care\"", raw[1])] {
        let got = passages(q);
        assert!(
            n > 100 && got * 100 >= n * 95,
            "{q}: {got} passages in the index, {n} raw paragraphs hold it"
        );
    }
    let (a, b) = ("immigration", "wall");
    let union = total(&s, &format!("{a} OR {b}"), Filters::default());
    let both = total(&s, &format!("{a} {b}"), Filters::default());
    let (ta, tb) = (
        total(&s, a, Filters::default()),
        total(&s, b, Filters::default()),
    );
    assert_eq!(union, ta + tb - both, "|A or B| = |A| + |B| - |A and B|");
    let minus = total(&s, &format!("{a} -{b}"), Filters::default());
    assert_eq!(minus, ta - both, "|A -B| = |A| - |A and B|");

    let mut g = c.benchmark_group("search");
    let cases: Vec<(&str, &str, Filters)> = vec![
        ("term", "Pelosi", Filters::default()),
        ("phrase", "\"health care\"", Filters::default()),
        (
            "boolean",
            "immigration AND (wall OR border) -Mexico",
            Filters::default(),
        ),
        (
            "filtered-speaker",
            "tax",
            Filters {
                speaker: Some("Trump".into()),
                ..Filters::default()
            },
        ),
        (
            "filtered-source-date",
            "Obamacare",
            Filters {
                source: Some("Fox".into()),
                since: Some("2013-01-01".into()),
                until: Some("2014-12-31".into()),
                ..Filters::default()
            },
        ),
    ];
    for (name, q, filters) in cases {
        let req = request(q, filters);
        let first = s.search(&req).expect("search");
        assert!(
            first.total > 0 && first.hits.len() == LIMIT.min(first.total),
            "{name}: {} hits of {}",
            first.hits.len(),
            first.total
        );
        if let Some(sp) = &req.filters.speaker {
            for h in &first.hits {
                let named = h.aliases.iter().chain(h.speaker.iter());
                assert!(
                    named.into_iter().any(|n| n.contains(sp.as_str())),
                    "{name}: hit by {:?}",
                    h.speaker
                );
            }
        }
        let expect = (
            first.total,
            first.hits.iter().map(|h| h.start).collect::<Vec<_>>(),
        );
        g.bench_function(name, |b| {
            b.iter(|| {
                let r = s.search(black_box(&req)).expect("search");
                assert_eq!(
                    (r.total, r.hits.iter().map(|h| h.start).collect::<Vec<_>>()),
                    expect
                );
                assert!(r.hits.iter().all(|h| !h.snippet.is_empty()));
            })
        });
    }

    // Facet counts: topics of the statements matching a query, and `who`: the speakers of a
    // query's matches, top ten.
    let topic_q = "sanctions";
    let expected_topics = stored_facet_counts(&s, topic_q, "topic");
    assert_eq!(
        facet_counts(&s, "topic", topic_q, "topic"),
        expected_topics,
        "topic counts"
    );
    assert!(!expected_topics.is_empty(), "no topic for {topic_q}");
    g.bench_function("facet-count", |b| {
        b.iter(|| {
            let got = facet_counts(&s, "topic", black_box(topic_q), "topic");
            assert_eq!(got.len(), expected_topics.len());
        })
    });
    let who_q = "\"health care\"";
    let expected_who = stored_facet_counts(&s, who_q, "speaker");
    assert_eq!(
        facet_counts(&s, "speaker_facet", who_q, "speaker"),
        expected_who,
        "speaker counts"
    );
    let mut top: Vec<(u64, String)> = expected_who.iter().map(|(k, v)| (*v, k.clone())).collect();
    top.sort_by(|x, y| y.cmp(x));
    assert!(top.len() >= 10, "fewer than ten speakers on {who_q}");
    let top_count = top[0].0;
    g.bench_function("who", |b| {
        b.iter(|| {
            let q = s
                .build(black_box(who_q), &Filters::default())
                .expect("q")
                .expect("some");
            let mut fc = FacetCollector::for_field("speaker_facet");
            fc.add_facet(Facet::from_path(["speaker"]));
            let (counts, n) = s.searcher().search(&*q, &(fc, Count)).expect("who");
            let best = counts.top_k("/speaker", 10);
            assert_eq!((best.len(), best[0].1), (10, top_count));
            assert!(n as u64 >= top_count);
        })
    });

    // Snippets alone: the generator for a query and the snippets of its top ten texts.
    let snip_q = s
        .build("Pelosi impeachment", &Filters::default())
        .expect("q")
        .expect("some");
    let searcher = s.searcher();
    let top_docs = searcher
        .search(&*snip_q, &TopDocs::with_limit(LIMIT).order_by_score())
        .expect("top");
    let texts: Vec<String> = top_docs
        .iter()
        .map(|(_, addr)| {
            let d: TantivyDocument = searcher.doc(*addr).expect("doc");
            d.get_first(s.fields().text)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    assert_eq!(texts.len(), LIMIT);
    g.bench_function("snippets", |b| {
        b.iter(|| {
            let mut gen =
                SnippetGenerator::create(&searcher, &*snip_q, s.fields().text).expect("gen");
            gen.set_max_num_chars(SNIPPET_CHARS);
            let lit = texts
                .iter()
                .filter(|t| !gen.snippet(t).highlighted().is_empty())
                .count();
            assert_eq!(lit, LIMIT, "every top text gets a highlighted snippet");
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(Duration::from_secs(3)).warm_up_time(Duration::from_secs(1));
    targets = search
}
criterion_main!(benches);
