//! End-to-end tests of the binary: indexing and searching the bundled corpus and the corpora of
//! `../shared`, output formats and exit codes.

mod util;

use serde_json::Value;
use util::*;

fn hits(o: &std::process::Output) -> Vec<Value> {
    json_lines(o)
}

fn s<'a>(v: &'a Value, k: &str) -> &'a str {
    v[k].as_str().unwrap_or("")
}

#[test]
fn first_search_builds_the_default_index_and_ranks_lukashenko_first() {
    let d = with_corpus();
    let o = d.run(&["search", "hell to pay", "--json"]);
    assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
    assert!(
        stderr(&o).contains("building"),
        "says it builds the index: {}",
        stderr(&o)
    );
    let h = hits(&o);
    assert!(!h.is_empty());
    assert!(
        s(&h[0], "speaker").contains("Lukashenko"),
        "first hit: {}",
        h[0]
    );
    assert_ne!(s(&h[0], "kind"), "passage");
    // The highlight ranges point at the phrase's words, in the snippet and in the article.
    let snippet = s(&h[0], "snippet");
    let words: Vec<String> = h[0]["highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            snippet[r[0].as_u64().unwrap() as usize..r[1].as_u64().unwrap() as usize].to_lowercase()
        })
        .collect();
    assert_eq!(words, vec!["hell", "to", "pay"]);
    let article =
        std::fs::read_to_string(d.join("corpus/aljazeera-2022-01-21-ukraine-live-blog.txt"))
            .unwrap();
    let body = article.splitn(3, "---\n").nth(2).unwrap();
    for r in h[0]["article_highlights"].as_array().unwrap() {
        let w = &body[r[0].as_u64().unwrap() as usize..r[1].as_u64().unwrap() as usize];
        assert!(
            ["hell", "to", "pay"].contains(&w.to_lowercase().as_str()),
            "{w}"
        );
    }
    // A second search reuses the index.
    let o = d.run(&["search", "hell to pay"]);
    assert_eq!(code(&o), 0);
    assert!(!stderr(&o).contains("building"));
}

#[test]
fn human_output_has_no_escape_codes_when_piped_and_colour_when_asked() {
    let d = with_corpus();
    let o = d.run(&["search", "hell to pay"]);
    let out = stdout(&o);
    assert!(out.contains("hell to pay"), "{out}");
    assert!(out.contains("Lukashenko"));
    assert!(out.contains("Al Jazeera"));
    assert!(!out.contains('\u{1b}'), "no escape codes when piped");
    let o = d.run(&["search", "hell to pay", "--color", "always"]);
    assert!(stdout(&o).contains('\u{1b}'));
    let o = d
        .cmd()
        .args(["search", "hell to pay", "--color", "auto"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!stdout(&o).contains('\u{1b}'));
}

#[test]
fn speaker_filter_finds_baerbock_on_swift() {
    let d = with_corpus();
    let o = d.run(&["search", "sanctions", "--speaker", "Baerbock", "--json"]);
    assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
    let h = hits(&o);
    assert!(h.iter().all(|x| s(x, "speaker").contains("Baerbock")));
    assert!(
        h.iter().any(
            |x| s(x, "text").contains("payment transactions") || s(x, "text").contains("Swift")
        ),
        "her Swift statement is among {h:?}"
    );
    // Full name and alias spellings work as well as the surname.
    for name in ["Annalena Baerbock", "baerbock"] {
        let o = d.run(&["search", "sanctions", "--speaker", name, "--json"]);
        assert_eq!(code(&o), 0, "{name}");
    }
}

#[test]
fn country_filter_returns_only_that_country() {
    let d = with_corpus();
    let o = d.run(&[
        "search",
        "Ukraine OR Russia OR Europe",
        "--country",
        "Poland",
        "--json",
    ]);
    assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
    let h = hits(&o);
    assert!(!h.is_empty());
    for x in &h {
        let c: Vec<&str> = x["country"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert!(c.contains(&"Poland"), "{x}");
    }
}

#[test]
fn json_hits_carry_every_field() {
    let d = with_corpus();
    let o = d.run(&["search", "Swift", "--json", "--limit", "3"]);
    for x in hits(&o) {
        for k in [
            "rank",
            "score",
            "kind",
            "text",
            "speaker",
            "country",
            "topics",
            "article",
            "title",
            "source",
            "date",
            "url",
            "path",
            "start",
            "end",
            "snippet",
            "highlights",
        ] {
            assert!(x.get(k).is_some(), "{k} missing in {x}");
        }
        assert_eq!(s(&x, "date"), "2022-01-21");
    }
}

#[test]
fn indexing_twice_leaves_the_same_documents() {
    let d = with_corpus();
    let first = d.run(&["index", "--json"]);
    assert_eq!(code(&first), 0, "{}", stderr(&first));
    let second = d.run(&["index", "--json"]);
    let a = &json_lines(&first)[0];
    let b = &json_lines(&second)[0];
    assert!(a["index_docs"].as_u64().unwrap() > 50);
    assert_eq!(a["index_docs"], b["index_docs"]);
    assert!(stderr(&second).contains("indexed 1 articles"));
}

#[test]
fn an_article_id_seen_twice_is_indexed_once() {
    let d = Dir::new();
    let line = |id: &str, said: &str| {
        serde_json::json!({
            "id": id,
            "title": "Talks",
            "text": format!("\u{201c}{said},\u{201d} Foreign Minister Sergei Lavrov said.")
        })
        .to_string()
    };
    let count = |args: &[&str]| {
        let o = d.run(args);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        json_lines(&d.run(&["search", "*", "--index", "idx", "--json", "-n", "100"]))
            .into_iter()
            .map(|h| h["text"].as_str().unwrap_or_default().to_string())
            .collect::<Vec<_>>()
    };
    // Twice in one run, into a new index: the later version stands, once.
    d.write(
        "a.jsonl",
        format!(
            "{}\n{}\n",
            line("a1", "We are ready"),
            line("a1", "We are not ready")
        ),
    );
    let hits = count(&["index", "a.jsonl", "--index", "idx", "--quiet"]);
    assert_eq!(
        hits.iter().filter(|t| t.contains("ready")).count(),
        2,
        "{hits:?}"
    );
    assert!(
        hits.iter().any(|t| t.starts_with("We are not ready")),
        "{hits:?}"
    );
    assert!(
        !hits.iter().any(|t| t.starts_with("We are ready")),
        "{hits:?}"
    );
    // Again in a later run, from another file: replaced, not added.
    d.write("b.jsonl", format!("{}\n", line("a1", "Talks went well")));
    let hits = count(&["index", "b.jsonl", "--index", "idx", "--quiet"]);
    assert!(
        hits.iter().any(|t| t.starts_with("Talks went well")),
        "{hits:?}"
    );
    assert!(!hits.iter().any(|t| t.contains("ready")), "{hits:?}");
}

#[test]
fn malformed_query_exits_2_with_a_message() {
    let d = with_corpus();
    d.run(&["index"]);
    // Unbalanced parentheses and a field with nothing after it are forgiven (the query language
    // passes them over); a field that does not exist is refused.
    for q in ["title:", "(unbalanced"] {
        let o = d.run(&["search", q]);
        assert!(matches!(code(&o), 0 | 1), "{q}: {}", stderr(&o));
    }
    for q in ["nosuchfield:word", "?"] {
        let o = d.run(&["search", q]);
        assert_eq!(code(&o), 2, "{q}: {}", stderr(&o));
        assert!(stderr(&o).contains("invalid query"), "{q}: {}", stderr(&o));
        assert_eq!(stderr(&o).lines().count(), 1, "one line: {}", stderr(&o));
    }
    let o = d.run(&["search", "x", "--since", "yesterday"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("YYYY-MM-DD"));
}

#[test]
fn no_hits_exits_1() {
    let d = with_corpus();
    let o = d.run(&["search", "xylophonist"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
}

#[test]
fn missing_index_outside_the_default_corpus_exits_2() {
    let d = Dir::new();
    let o = d.run(&["search", "anything", "--index", "nowhere"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("no index at nowhere"), "{}", stderr(&o));
    let o = d.run(&["search", "anything"]);
    assert_eq!(code(&o), 2, "no default corpus here either");
}

#[test]
fn date_and_source_filters() {
    let d = with_corpus();
    let ok = |args: &[&str]| code(&d.run(args));
    assert_eq!(
        ok(&[
            "search",
            "Lavrov",
            "--since",
            "2022-01-21",
            "--until",
            "2022-01-21"
        ]),
        0
    );
    assert_eq!(ok(&["search", "Lavrov", "--since", "2022-01-22"]), 1);
    assert_eq!(ok(&["search", "Lavrov", "--source", "jazeera"]), 0);
    assert_eq!(ok(&["search", "Lavrov", "--source", "Nowhere Times"]), 1);
    assert_eq!(ok(&["search", "Lavrov", "--kind", "passage"]), 0);
}

#[test]
fn typographic_quotes_are_phrase_marks() {
    let d = with_corpus();
    let plain = hits(&d.run(&["search", "\"sharpest sword\"", "--json"]));
    let typo = hits(&d.run(&["search", "“sharpest sword”", "--json"]));
    assert!(!plain.is_empty());
    assert_eq!(plain.len(), typo.len());
}

/// Indexes `corpus` into `idx/` of `d`, expecting success; returns the JSON summary.
fn index_into_idx(d: &Dir, corpus: &std::path::Path) -> Value {
    let corpus = corpus.to_str().unwrap();
    let o = d.run(&["index", corpus, "--index", "idx", "--json", "--quiet"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    json_lines(&o).remove(0)
}

#[test]
fn bbc_corpus_indexes_all_articles_with_a_warning_for_the_bad_byte() {
    let Some(shared) = shared() else { return };
    let d = Dir::new();
    let bbc = shared.join("corpora/bbc");
    let sum = &index_into_idx(&d, &bbc);
    assert_eq!(sum["articles"], 2225);
    assert_eq!(sum["warnings"], 1);
    assert_eq!(sum["skipped"], 0);
    let o = d.run(&["index", bbc.to_str().unwrap(), "--index", "idx"]);
    assert!(
        stderr(&o).contains("sport/199.txt"),
        "names the file: {}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("invalid UTF-8"));
}

#[test]
fn allsides_corpus_indexes_all_articles() {
    let Some(shared) = shared() else { return };
    let d = Dir::new();
    let dir = shared.join("corpora/allsides");
    let sum = &index_into_idx(&d, &dir);
    assert_eq!(sum["articles"], 37554);
    assert!(sum["statements"].as_u64().unwrap() > 100_000, "{sum}");
    let o = d.run(&[
        "search",
        "Obamacare",
        "--index",
        "idx",
        "--json",
        "--source",
        "new york times",
    ]);
    assert_eq!(code(&o), 0);
    assert!(hits(&o)
        .iter()
        .all(|h| s(h, "source").to_lowercase().contains("new york times")));
}
