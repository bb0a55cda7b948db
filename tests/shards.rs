//! `whosaid merge SHARD_DIR... --index OUT`: shards indexed apart answer, once merged, as one
//! index built in a single run; an article in several shards is the last shard's copy; shards of
//! another schema version, or that are not indexes, are refused (exit 2).

mod util;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::Value;
use tantivy::schema::{IndexRecordOption, Value as _};
use tantivy::{DocSet, TantivyDocument};
use util::{code, json_lines, stderr, Dir};

/// The articles of the bundled corpus's live blog, cut in two at a blank line near its middle,
/// as JSON Lines articles of their own ids.
fn two_articles() -> (String, String) {
    let text =
        std::fs::read_to_string(util::corpus().join("aljazeera-2022-01-21-ukraine-live-blog.txt"))
            .expect("bundled corpus");
    let body = text.splitn(3, "---\n").nth(2).unwrap_or(&text);
    let cut = body[..body.len() / 2]
        .rfind("\n\n")
        .expect("a paragraph break");
    let line = |id: &str, text: &str| {
        let a = serde_json::json!({
            "id": id, "title": "Ukraine live", "source": "Al Jazeera", "date": "2022-01-21",
            "text": text,
        });
        format!("{a}\n")
    };
    (
        line("first-half", &body[..cut]),
        line("second-half", body[cut..].trim_start()),
    )
}

/// Indexes `input` into `out`; returns the documents in the index.
fn index(dir: &Dir, input: &Path, out: &str) -> u64 {
    let o = dir.run(&[
        "index",
        &input.to_string_lossy(),
        "--index",
        out,
        "--quiet",
        "--json",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    json_lines(&o)[0]["index_docs"]
        .as_u64()
        .expect("index_docs")
}

fn merge(dir: &Dir, args: &[&str]) -> std::process::Output {
    let mut all = vec!["merge"];
    all.extend_from_slice(args);
    dir.run(&all)
}

/// Every statement of an index: (article, start, end, kind, text, speaker).
fn statements(dir: &Dir, index: &str) -> BTreeSet<(String, u64, u64, String, String, String)> {
    let o = dir.run(&[
        "search",
        "*",
        "--kind",
        "statement",
        "--index",
        index,
        "--json",
        "-n",
        "10000",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    json_lines(&o)
        .iter()
        .map(|v| {
            let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
            let n = |k: &str| v[k].as_u64().unwrap_or(u64::MAX);
            (
                s("article"),
                n("start"),
                n("end"),
                s("kind"),
                s("text"),
                s("speaker"),
            )
        })
        .collect()
}

/// The top hits of `query`: (article, start, end).
fn top(dir: &Dir, index: &str, query: &str) -> Vec<(String, u64, u64)> {
    let o = dir.run(&["search", query, "--index", index, "--json", "-n", "10"]);
    json_lines(&o)
        .iter()
        .map(|v| {
            let art = v["article"].as_str().unwrap_or_default().to_string();
            (
                art,
                v["start"].as_u64().unwrap_or(0),
                v["end"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

fn facets(dir: &Dir, index: &str, field: &str) -> Value {
    let o = dir.run(&["facets", "--index", index, "--field", field, "--json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    json_lines(&o).into_iter().next().expect("facets")
}

#[test]
fn merged_shards_answer_as_one_run() {
    let dir = Dir::new();
    let (a, b) = two_articles();
    let both = dir.write("both.jsonl", format!("{a}{b}"));
    let first = dir.write("a.jsonl", &a);
    let second = dir.write("b.jsonl", &b);
    index(&dir, &both, "one");
    index(&dir, &first, "shard-a");
    index(&dir, &second, "shard-b");
    let o = merge(&dir, &["shard-a", "shard-b", "--index", "merged", "--json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let summary = &json_lines(&o)[0];
    assert_eq!(summary["shards"], 2);
    assert_eq!(summary["duplicate_articles"], 0);

    let (one, merged) = (statements(&dir, "one"), statements(&dir, "merged"));
    assert!(one.len() > 50, "{} statements", one.len());
    assert_eq!(one, merged);
    for q in [
        "Lukashenko",
        "\"hell to pay\"",
        "NATO",
        "Blinken Lavrov",
        "sanctions",
    ] {
        assert_eq!(top(&dir, "one", q), top(&dir, "merged", q), "{q}");
    }
    for field in ["speaker", "country", "topic", "source"] {
        assert_eq!(
            facets(&dir, "one", field),
            facets(&dir, "merged", field),
            "{field}"
        );
    }
    let profile = |index: &str| {
        let o = dir.run(&["speaker", "Lukashenko", "--index", index, "--json"]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let mut v = json_lines(&o);
        // Where each article was read differs (one file, or a file a shard), nothing else.
        for hit in v
            .iter_mut()
            .flat_map(|p| p["latest"].as_array_mut().into_iter().flatten())
        {
            hit["path"] = Value::Null;
        }
        v
    };
    assert_eq!(profile("one"), profile("merged"));
}

#[test]
fn of_an_article_in_two_shards_the_last_shard_stands() {
    let dir = Dir::new();
    let article = |says: &str| {
        let a = serde_json::json!({
            "id": "same-id", "title": "Talks", "date": "2022-01-21",
            "text": format!("\"We will {says},\" said John Smith on Friday."),
        });
        format!("{a}\n")
    };
    let other = serde_json::json!({
        "id": "other", "title": "More", "text": "\"Nothing changes,\" said Jane Roe.",
    });
    let old = dir.write("old.jsonl", format!("{}{other}\n", article("wait")));
    let new = dir.write("new.jsonl", article("win"));
    let old_docs = index(&dir, &old, "old");
    index(&dir, &new, "new");
    let expected = dir.write("expected.jsonl", format!("{other}\n{}", article("win")));
    let new_docs = index(&dir, &expected, "expected");
    for (order, says, gone, docs) in [
        (["old", "new"], "win", "wait", new_docs),
        (["new", "old"], "wait", "win", old_docs),
    ] {
        let out = format!("merged-{}", order[1]);
        let o = merge(&dir, &[order[0], order[1], "--index", &out, "--json"]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        assert_eq!(json_lines(&o)[0]["duplicate_articles"], 1);
        // Every document of the article left out (its own, its passages, its statements).
        assert_eq!(json_lines(&o)[0]["documents"], docs, "{order:?}");
        assert!(
            stderr(&o).contains("the last shard's copy kept"),
            "{}",
            stderr(&o)
        );
        let texts: Vec<String> = statements(&dir, &out).into_iter().map(|s| s.4).collect();
        assert!(
            texts.iter().any(|t| t.contains(says)),
            "{order:?}: {texts:?}"
        );
        assert!(
            !texts.iter().any(|t| t.contains(gone)),
            "{order:?}: {texts:?}"
        );
        assert!(
            texts.iter().any(|t| t.contains("Nothing changes")),
            "{texts:?}"
        );
    }
    // The output is new: an index there is replaced only with --rebuild.
    let o = merge(&dir, &["old", "new", "--index", "merged-new"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("--rebuild"), "{}", stderr(&o));
    let o = merge(&dir, &["old", "new", "--index", "merged-new", "--rebuild"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}

#[test]
fn shards_of_another_version_or_not_indexes_are_refused() {
    let dir = Dir::new();
    let (a, b) = two_articles();
    index(&dir, &dir.write("a.jsonl", a), "a");
    index(&dir, &dir.write("b.jsonl", b), "old");
    dir.write("old/whosaid.json", "{\"schema_version\": 1}\n");
    let o = merge(&dir, &["a", "old", "--index", "out"]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(
        err.contains("old") && err.contains("schema version 1"),
        "{err}"
    );
    assert_eq!(
        err.matches("schema version 1").count(),
        1,
        "said once: {err}"
    );
    assert!(!dir.join("out").join("meta.json").exists());

    std::fs::create_dir_all(dir.join("empty")).expect("mkdir");
    let o = merge(&dir, &["a", "empty", "--index", "out"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("no index at"), "{}", stderr(&o));

    let o = merge(&dir, &["a", "--index", "a"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("both a shard and the output"),
        "{}",
        stderr(&o)
    );
}

/// Articles whose speakers' names depend on what came before them when named one by one: a bare
/// surname before the full name that dominates it, and two spellings of one identity, the first
/// of them the rarer.
fn speaker_articles() -> Vec<String> {
    let said = [
        (
            "a1",
            "\"We will not cut the schools,\" Kowalczyk said on Monday.",
        ),
        (
            "a2",
            "\"The schools come first,\" said Marta Kowalczyk, the council leader.",
        ),
        (
            "a3",
            "\"The roads can wait a year,\" said Marta Kowalczyk on Tuesday.",
        ),
        (
            "a4",
            "\"Parks will stay open,\" said Marta Kowalczyk, the council leader.",
        ),
        (
            "a5",
            "\"Taxes will not rise,\" said Tomas J. Brandt on Wednesday.",
        ),
        (
            "a6",
            "\"We keep our word on taxes,\" said Tomas Brandt on Thursday.",
        ),
        (
            "a7",
            "\"There will be no new taxes this year,\" said Tomas Brandt on Friday.",
        ),
    ];
    said.iter()
        .map(|(id, text)| {
            let a = serde_json::json!({
                "id": id, "title": "Council", "source": "Herald", "date": "2022-01-21",
                "text": format!("Council news\n\n{text}\n"),
            });
            format!("{a}\n")
        })
        .collect()
}

/// Indexes `inputs` into `out` one run after the other (`--aliases` with the last when
/// `aliases` is given); returns the statements named again by the runs.
fn index_runs(dir: &Dir, inputs: &[&Path], out: &str, aliases: Option<&Path>) -> u64 {
    let mut renamed = 0;
    for (i, input) in inputs.iter().enumerate() {
        let mut args = vec!["index", input.to_str().expect("path"), "--index", out];
        args.extend(["--quiet", "--json"]);
        if let Some(a) = aliases.filter(|_| i + 1 == inputs.len()) {
            args.extend(["--aliases", a.to_str().expect("path")]);
        }
        let o = dir.run(&args);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        renamed += json_lines(&o)[0]["renamed"].as_u64().expect("renamed");
    }
    renamed
}

#[test]
fn speakers_are_named_alike_whatever_order_or_shards_the_articles_came_in() {
    let dir = Dir::new();
    let articles = speaker_articles();
    let forward = dir.write("forward.jsonl", articles.concat());
    let reversed: Vec<String> = articles.iter().rev().cloned().collect();
    let reversed = dir.write("reversed.jsonl", reversed.concat());
    let first = dir.write("first.jsonl", &articles[0]);
    let rest = dir.write("rest.jsonl", articles[1..].concat());
    // In this order, the first statements were named before the counts that decide their names.
    assert!(index_runs(&dir, &[&forward], "forward", None) > 0);
    index_runs(&dir, &[&reversed], "reversed", None);
    index_runs(&dir, &[&first, &rest], "two-runs", None);
    index(&dir, &first, "shard-a");
    index(&dir, &rest, "shard-b");
    let o = merge(&dir, &["shard-a", "shard-b", "--index", "merged", "--json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(json_lines(&o)[0]["renamed"].as_u64() > Some(0));

    let one = statements(&dir, "forward");
    assert_eq!(one.len(), 7, "{one:?}");
    let speakers: BTreeSet<&str> = one.iter().map(|s| s.5.as_str()).collect();
    // The bare surname is the full name that dominates it; of two spellings, the more frequent.
    assert_eq!(
        speakers,
        BTreeSet::from(["Marta Kowalczyk", "Tomas Brandt"]),
        "{one:?}"
    );
    for other in ["reversed", "two-runs", "merged"] {
        assert_eq!(statements(&dir, other), one, "{other}");
        assert_eq!(
            facets(&dir, other, "speaker"),
            facets(&dir, "forward", "speaker")
        );
    }

    // An aliases file given to a later run names the statements indexed before too.
    let aliases = dir.write("aliases.tsv", "Tomas J. Brandt\tTomas Brandt\n");
    let more = serde_json::json!({
        "id": "a8", "title": "Council", "source": "Herald", "date": "2022-01-22",
        "text": "Council news\n\n\"The budget is done,\" said Marta Kowalczyk on Saturday.\n",
    });
    let more = dir.write("more.jsonl", format!("{more}\n"));
    index_runs(&dir, &[&more], "forward", Some(&aliases));
    let named: BTreeSet<String> = statements(&dir, "forward")
        .into_iter()
        .map(|s| s.5)
        .collect();
    assert_eq!(
        named,
        BTreeSet::from(["Marta Kowalczyk".to_string(), "Tomas J. Brandt".to_string()])
    );
}

/// A statement: article, start, end.
type At = (String, u64, u64);

/// What each statement of `index` is indexed under: every term of every indexed field, its
/// length in every field that keeps lengths, its fast values and its facet values in order.
fn indexed(index: &tantivy::Index) -> BTreeMap<At, BTreeSet<String>> {
    let schema = index.schema();
    let f = whosaid::index::schema::build().1;
    let searcher = index.reader().expect("reader").searcher();
    let mut out: BTreeMap<At, BTreeSet<String>> = BTreeMap::new();
    for seg in searcher.segment_readers() {
        let store = seg.get_store_reader(8).expect("store");
        let mut at: BTreeMap<u32, At> = BTreeMap::new();
        for doc in seg.doc_ids_alive() {
            let d: TantivyDocument = store.get(doc).expect("doc");
            let text = |field| {
                d.get_first(field)
                    .and_then(|v| v.as_str())
                    .map(str::to_string)
            };
            let num = |field| d.get_first(field).and_then(|v| v.as_u64()).unwrap_or(0);
            if matches!(text(f.kind).as_deref(), Some("direct" | "indirect")) {
                let article = text(f.article).unwrap_or_default();
                at.insert(doc, (article, num(f.start), num(f.end)));
            }
        }
        let mut add = |doc: u32, what: String| {
            if let Some(k) = at.get(&doc) {
                out.entry(k.clone()).or_default().insert(what);
            }
        };
        for (field, entry) in schema.fields() {
            let name = entry.name();
            if entry.is_indexed() {
                let inverted = seg.inverted_index(field).expect("inverted");
                let mut terms = inverted.terms().stream().expect("terms");
                while terms.advance() {
                    let mut postings = inverted
                        .read_postings_from_terminfo(terms.value(), IndexRecordOption::Basic)
                        .expect("postings");
                    while postings.doc() != tantivy::TERMINATED {
                        let term = String::from_utf8_lossy(terms.key());
                        add(postings.doc(), format!("{name} {term:?}"));
                        postings.advance();
                    }
                }
            }
            if let Some(norms) = seg.fieldnorms_readers().get_field(field).expect("norms") {
                for doc in at.keys() {
                    add(*doc, format!("{name} length {}", norms.fieldnorm_id(*doc)));
                }
            }
            if entry.is_fast() {
                for doc in at.keys().copied().collect::<Vec<_>>() {
                    let v = match entry.field_type() {
                        tantivy::schema::FieldType::Facet(_) => {
                            let facets = seg.facet_reader(name).expect("facets");
                            let values: Vec<String> = facets
                                .facet_ords(doc)
                                .map(|ord| {
                                    let mut facet = tantivy::schema::Facet::root();
                                    facets.facet_from_ord(ord, &mut facet).expect("facet");
                                    facet.to_string()
                                })
                                .collect();
                            format!("{values:?}")
                        }
                        tantivy::schema::FieldType::Date(_) => {
                            let c = seg.fast_fields().date(name).expect("date");
                            format!("{:?}", c.first(doc))
                        }
                        _ => {
                            let c = seg.fast_fields().u64(name).expect("u64");
                            format!("{:?}", c.first(doc))
                        }
                    };
                    add(doc, format!("{name} fast {v}"));
                }
            }
        }
    }
    out
}

#[test]
fn a_statement_named_again_is_indexed_as_it_was_written() {
    let dir = Dir::new();
    let (a, b) = two_articles();
    index(&dir, &dir.write("both.jsonl", format!("{a}{b}")), "one");
    let (written, f) = whosaid::index::open(&dir.join("one")).expect("open");
    let (schema, _) = whosaid::index::schema::build();
    let again = tantivy::Index::create_in_ram(schema);
    whosaid::index::schema::register_tokenizers(&again);
    let mut writer: tantivy::IndexWriter = again.writer(20_000_000).expect("writer");
    let searcher = written.reader().expect("reader").searcher();
    for seg in searcher.segment_readers() {
        let store = seg.get_store_reader(8).expect("store");
        for doc in seg.doc_ids_alive() {
            let d: TantivyDocument = store.get(doc).expect("doc");
            let Some(name) = d.get_first(f.speaker).and_then(|v| v.as_str()) else {
                continue;
            };
            let d = whosaid::index::rename::renamed(seg, &store, doc, name, &f).expect("renamed");
            writer.add_document(d).expect("add");
        }
    }
    writer.commit().expect("commit");
    let (x, y) = (indexed(&written), indexed(&again));
    assert!(x.len() > 50, "{} statements", x.len());
    // Statements without a speaker are not named again.
    let named: BTreeMap<&At, &BTreeSet<String>> = x
        .iter()
        .filter(|(_, v)| v.iter().any(|t| t.starts_with("speaker_spelling \"")))
        .collect();
    let again: BTreeMap<&At, &BTreeSet<String>> = y.iter().collect();
    let missing: Vec<_> = named.keys().filter(|k| !again.contains_key(*k)).collect();
    assert_eq!(named.len(), again.len(), "{missing:?}");
    for (at, was) in named {
        let now = again.get(at).copied().cloned().unwrap_or_default();
        let lost: Vec<_> = was.difference(&now).collect();
        let gained: Vec<_> = now.difference(was).collect();
        assert!(
            lost.is_empty() && gained.is_empty(),
            "{at:?}: lost {lost:?}, gained {gained:?}"
        );
    }
}
