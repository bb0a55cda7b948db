//! End-to-end tests of the "who said what" commands on the bundled corpus: who, facets, speaker,
//! check and search --collapse, with filters and JSON output.

mod util;

use serde_json::Value;
use util::*;

fn indexed() -> Dir {
    let d = with_corpus();
    let o = d.run(&["index", "--quiet"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    d
}

#[test]
fn who_talked_about_swift_answers_baerbock_of_germany() {
    let d = indexed();
    let o = d.run(&["who", "Swift", "--json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let rows = json_lines(&o);
    assert!(!rows.is_empty());
    assert!(
        rows[0]["value"].as_str().unwrap().contains("Baerbock"),
        "{}",
        rows[0]
    );
    assert_eq!(rows[0]["country"], serde_json::json!(["Germany"]));
    assert!(rows[0]["count"].as_u64().unwrap() >= 1);
    assert!(rows[0]["best"]["snippet"].as_str().is_some());
    let human = stdout(&d.run(&["who", "Swift"]));
    assert!(human.contains("Annalena Baerbock (Germany)"), "{human}");
}

#[test]
fn who_pivots_by_country_and_topic_and_respects_filters() {
    let d = indexed();
    let rows = json_lines(&d.run(&["who", "*", "--by", "country", "--json", "-n", "50"]));
    let countries: Vec<&str> = rows.iter().map(|r| r["value"].as_str().unwrap()).collect();
    assert!(countries.contains(&"Russia"), "{countries:?}");
    assert!(countries.contains(&"Poland"));
    // Counts are ranked rows with real counts.
    assert!(rows.iter().all(|r| r["count"].as_u64().unwrap() >= 1));
    let rows = json_lines(&d.run(&["who", "*", "--by", "topic", "--json"]));
    assert!(!rows.is_empty());
    // A country filter keeps only that country's speakers.
    let rows = json_lines(&d.run(&["who", "*", "--country", "Poland", "--json"]));
    assert!(!rows.is_empty());
    for r in &rows {
        assert!(
            r["country"]
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c == "Poland"),
            "{r}"
        );
    }
    let o = d.run(&["who", "Swift", "--country", "Poland"]);
    assert_eq!(code(&o), 1, "nothing: {}", stdout(&o));
}

#[test]
fn facets_count_and_drill_down() {
    let d = indexed();
    let o = d.run(&["facets", "--field", "country", "--json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let c: Value = json_lines(&o).remove(0);
    let values = c["values"].as_array().unwrap();
    let total = c["total"].as_u64().unwrap();
    assert!(values.iter().all(|v| v["count"].as_u64().unwrap() <= total));
    let russia = values
        .iter()
        .find(|v| v["value"] == "Russia")
        .expect("Russia counted");
    // The count equals the number of Russian statements a search finds.
    let n = json_lines(&d.run(&[
        "search",
        "*",
        "--country",
        "Russia",
        "--kind",
        "statement",
        "--json",
        "-n",
        "1000",
    ]))
    .len();
    assert_eq!(russia["count"].as_u64().unwrap() as usize, n);
    // Topics: top level, then drill down into one.
    let top: Value = json_lines(&d.run(&["facets", "--field", "topic", "--json"])).remove(0);
    assert_eq!(top["parent"], "/topic");
    let first = top["values"][0]["value"].as_str().unwrap().to_string();
    assert!(!first.contains('/'), "top level: {first}");
    let sub: Value = json_lines(&d.run(&[
        "facets",
        "--field",
        "topic",
        "--topic",
        &format!("/{first}"),
        "--json",
    ]))
    .remove(0);
    assert_eq!(sub["parent"], format!("/topic/{first}"));
    for v in sub["values"].as_array().unwrap() {
        assert!(
            v["value"]
                .as_str()
                .unwrap()
                .starts_with(&format!("{first}/")),
            "{v}"
        );
    }
    // Filters apply: speaker facets under a country filter are that country's.
    let pl: Value = json_lines(&d.run(&[
        "facets",
        "--field",
        "speaker",
        "--country",
        "Poland",
        "--json",
    ]))
    .remove(0);
    assert!(pl["values"]
        .as_array()
        .unwrap()
        .iter()
        .any(|v| v["value"].as_str().unwrap().contains("Morawiecki")));
}

#[test]
fn speaker_profile() {
    let d = indexed();
    let o = d.run(&["speaker", "Lavrov", "--json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let p: Value = json_lines(&o).remove(0);
    assert!(p["speaker"].as_str().unwrap().contains("Lavrov"));
    assert!(p["statements"].as_u64().unwrap() >= 3);
    assert!(p["countries"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["value"] == "Russia"));
    assert_eq!(p["first_date"], "2022-01-21");
    assert_eq!(p["last_date"], "2022-01-21");
    assert!(!p["latest"].as_array().unwrap().is_empty());
    assert!(
        p["aliases"].as_array().unwrap().len() >= 2,
        "several names seen: {}",
        p["aliases"]
    );
    // Other spellings find the same profile.
    for name in ["Sergei Lavrov", "Sergey Lavrov", "lavrov"] {
        let q: Value = json_lines(&d.run(&["speaker", name, "--json"])).remove(0);
        assert_eq!(q["speaker"], p["speaker"], "{name}");
    }
    let o = d.run(&["speaker", "Nobody Atall"]);
    assert_eq!(code(&o), 1);
}

#[test]
fn json_output_into_a_closed_pipe_ends_quietly() {
    // `whosaid speaker --json | head -0` and the like: the reader is gone before the answer is
    // written, which must end the run without a panic.
    let d = indexed();
    for args in [
        &["speaker", "Lavrov", "--json"][..],
        &["search", "Swift", "--json"][..],
        &["who", "Swift", "--json"][..],
    ] {
        let mut child = d
            .cmd()
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("run whosaid");
        drop(child.stdout.take());
        let o = child.wait_with_output().expect("wait");
        let err = stderr(&o);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(matches!(code(&o), 0 | 1), "{args:?}: {} {err}", code(&o));
    }
}

#[test]
fn check_finds_who_said_a_misremembered_quote() {
    let d = indexed();
    for q in [
        "We do not want a war",
        "decoupling all payment transactions ... would be the biggest stick",
        "\"they should never mess with us\"",
    ] {
        let o = d.run(&["check", q, "--json"]);
        assert_eq!(code(&o), 0, "{q}: {}", stderr(&o));
        let first = json_lines(&o).remove(0);
        assert!(first["coverage"].as_f64().unwrap() >= 0.7);
        assert!(first["hit"]["speaker"].is_string(), "{q}: {first}");
    }
    let first = json_lines(&d.run(&["check", "We do not want a war", "--json"])).remove(0);
    assert!(first["hit"]["speaker"]
        .as_str()
        .unwrap()
        .contains("Lukashenko"));
    let o = d.run(&[
        "check",
        "completely unrelated words about gardening tomatoes",
    ]);
    assert_eq!(code(&o), 1);
}

#[test]
fn collapse_shows_one_hit_per_repeated_quote() {
    let d = with_corpus();
    // The same wire quote in three articles of another outlet.
    for i in 0..3 {
        d.write(
            &format!("corpus/wire-{i}.txt"),
            format!(
                "---\nsource: Wire {i}\ndate: 2022-01-2{i}\n---\nTalks stall in Geneva\n\n\"We will answer any provocation with a firm response,\" the minister of defence, Ivan Petrov, told reporters on day {i}.\n"
            ),
        );
    }
    let o = d.run(&["search", "firm response", "--kind", "direct", "--json"]);
    assert_eq!(json_lines(&o).len(), 3, "{}", stdout(&o));
    let o = d.run(&[
        "search",
        "firm response",
        "--kind",
        "direct",
        "--collapse",
        "--json",
    ]);
    let h = json_lines(&o);
    assert_eq!(h.len(), 1, "{}", stdout(&o));
    assert_eq!(h[0]["also_in"], 2);
    let human = stdout(&d.run(&["search", "firm response", "--kind", "direct", "--collapse"]));
    assert!(human.contains("also in 2 articles"), "{human}");
    // check: earliest first.
    let src = json_lines(&d.run(&[
        "check",
        "we will answer any provocation with a firm response",
        "--json",
    ]));
    let dates: Vec<&str> = src
        .iter()
        .map(|s| s["hit"]["date"].as_str().unwrap())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    assert_eq!(dates[0], "2022-01-20");
}

#[test]
fn search_facets_count_the_matching_statements() {
    let d = indexed();
    let o = d.run(&["search", "sanctions", "--facets", "--json", "-n", "3"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let mut lines = json_lines(&o);
    let last = lines.pop().expect("a facets line");
    assert_eq!(lines.len(), 3, "three hits before the facets line");
    assert!(lines.iter().all(|h| h.get("facets").is_none()));
    let f = &last["facets"];
    let statements = f["statements"].as_u64().unwrap();
    // The same counts as `facets` gives for the same query.
    for field in ["speaker", "country"] {
        let c: Value =
            json_lines(&d.run(&["facets", "sanctions", "--field", field, "--json", "-n", "5"]))
                .remove(0);
        assert_eq!(c["total"].as_u64().unwrap(), statements, "{field}");
        let pairs = |v: &Value| -> Vec<(String, u64)> {
            v.as_array()
                .unwrap()
                .iter()
                .map(|x| {
                    let value = x["value"].as_str().unwrap().to_string();
                    (value, x["count"].as_u64().unwrap())
                })
                .collect()
        };
        let (want, got) = (pairs(&c["values"]), pairs(&f[field]));
        assert_eq!(got, want, "{field}");
        assert!(!got.is_empty(), "{field}");
    }
    assert_eq!(f["topic_parent"], "/topic");
    assert!(f["topic"]
        .as_array()
        .unwrap()
        .iter()
        .any(|v| v["value"] == "economy"));
    // Under a topic filter, topics are counted one level down.
    let o = d.run(&[
        "search",
        "sanctions",
        "--facets",
        "--json",
        "--topic",
        "economy",
    ]);
    let f = json_lines(&o).pop().unwrap();
    assert_eq!(f["facets"]["topic_parent"], "/topic/economy");
    for v in f["facets"]["topic"].as_array().unwrap() {
        assert!(v["value"].as_str().unwrap().starts_with("economy/"), "{v}");
    }
    // People get the counts after the hits.
    let o = d.run(&["search", "sanctions", "--facets", "-n", "1"]);
    let out = stdout(&o);
    assert!(out.contains("matching statements"), "{out}");
    assert!(out.contains("speakers:"), "{out}");
}

#[test]
fn aliases_merge_speakers_and_bad_files_name_their_line() {
    let d = Dir::new();
    d.write(
        "news/a.txt",
        "Budget talks resume\n\n\"We will act on the budget this week,\" said Jane Roe, the council leader.\n",
    );
    d.write(
        "news/b.txt",
        "Council split on taxes\n\n\"We will not raise taxes this year,\" said Janet Roe-Smith, the deputy.\n",
    );
    let speakers = |d: &Dir| -> Vec<String> {
        let o = d.run(&["facets", "--field", "speaker", "--json"]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        json_lines(&o)[0]["values"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| format!("{} {}", v["value"].as_str().unwrap(), v["count"]))
            .collect()
    };
    let o = d.run(&["index", "news", "--quiet"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let before = speakers(&d);
    assert!(before.contains(&"Jane Roe 1".to_string()), "{before:?}");
    assert!(
        before.contains(&"Janet Roe-Smith 1".to_string()),
        "{before:?}"
    );

    // A duplicated name is an error naming the file and the line; nothing is indexed.
    d.write(
        "bad.tsv",
        "Jane Roe\tJanet Roe-Smith\n# note\nJ. Roe\tjane roe\n",
    );
    let o = d.run(&[
        "index",
        "news",
        "--rebuild",
        "--aliases",
        "bad.tsv",
        "--quiet",
    ]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("bad.tsv:3"), "{}", stderr(&o));

    d.write("aliases.tsv", "# one person\nJane Roe\tJanet Roe-Smith\n");
    let o = d.run(&[
        "index",
        "news",
        "--rebuild",
        "--aliases",
        "aliases.tsv",
        "--quiet",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let after = speakers(&d);
    assert!(after.contains(&"Jane Roe 2".to_string()), "{after:?}");
    assert!(!after.iter().any(|s| s.starts_with("Janet")), "{after:?}");
    // The index keeps the file: a later run without --aliases still merges.
    d.write(
        "news/c.txt",
        "Taxes again\n\n\"Taxes stay where they are,\" said Janet Roe-Smith on Friday.\n",
    );
    let o = d.run(&["index", "news", "--quiet"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        speakers(&d).contains(&"Jane Roe 3".to_string()),
        "{:?}",
        speakers(&d)
    );
}
