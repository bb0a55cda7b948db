//! End-to-end tests of how sure an answer is: each country's evidence and how each speaker was
//! found, in `extract --json`, `search --json` and `speaker`; `--named-only`; and a user's
//! `--people` file changing the answer.

mod util;

use serde_json::Value;
use util::*;

const ARTICLE: &str = "---
source: Fox News
date: 2020-01-02
---
Farm aid delayed

Jane Roe, a farmer near the river, said the harvest was the worst in memory.

\"We lost everything this year,\" she said.

Sen. Kirsten Gillibrand told reporters that the aid bill would pass within a month.
";

fn dir() -> Dir {
    let d = Dir::new();
    d.write("news/farm.txt", ARTICLE);
    d
}

/// The extracted statements of the test article, by the start of their words.
fn extracted(d: &Dir, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["extract", "news", "--json"];
    args.extend(extra);
    let o = d.run(&args);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    json_lines(&o)
}

fn by_text<'a>(rows: &'a [Value], words: &str) -> &'a Value {
    rows.iter()
        .find(|r| r["text"].as_str().unwrap_or("").contains(words))
        .unwrap_or_else(|| panic!("no statement holding {words:?} in {rows:#?}"))
}

fn evidence(row: &Value) -> Vec<(String, String)> {
    row["country_evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["country"].as_str().unwrap().to_string(),
                e["evidence"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn extract_says_where_each_country_and_speaker_comes_from() {
    let d = dir();
    let rows = extracted(&d, &[]);
    let roe = by_text(&rows, "worst in memory");
    assert_eq!(roe["speaker"], "Jane Roe");
    assert_eq!(roe["found"], "named");
    // An ordinary person in a US outlet's article: the outlet's country.
    assert_eq!(evidence(roe), [("United States".into(), "outlet".into())]);
    let she = by_text(&rows, "We lost everything");
    assert_eq!(she["speaker"], "Jane Roe");
    assert_eq!(she["found"], "pronoun");
    let sen = by_text(&rows, "aid bill");
    assert_eq!(sen["speaker"], "Kirsten Gillibrand");
    assert_eq!(sen["found"], "named");
    assert_eq!(
        evidence(sen),
        [("United States".into(), "knowledge base".into())]
    );
}

#[test]
fn a_people_file_changes_the_answer() {
    let d = dir();
    d.write(
        "people.tsv",
        "# name\taliases\tgender\tcountries\toffices\nJane Roe\t\tf\tCanada\tFarmer:2001-\n",
    );
    let rows = extracted(&d, &["--people", "people.tsv"]);
    let roe = by_text(&rows, "worst in memory");
    assert_eq!(evidence(roe), [("Canada".into(), "knowledge base".into())]);
}

fn search(d: &Dir, extra: &[&str]) -> Vec<Value> {
    let mut args = vec![
        "search",
        "harvest OR lost OR aid",
        "--index",
        "idx",
        "--json",
    ];
    args.extend(extra);
    let o = d.run(&args);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    json_lines(&o)
}

#[test]
fn search_carries_evidence_and_named_only_keeps_named_speakers() {
    let d = dir();
    let o = d.run(&["index", "news", "--index", "idx", "--quiet"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let hits = search(&d, &[]);
    let she = by_text(&hits, "We lost everything");
    assert_eq!(she["found"], "pronoun");
    assert_eq!(evidence(she), [("United States".into(), "outlet".into())]);
    let named = search(&d, &["--named-only", "--kind", "statement"]);
    assert_eq!(named.len(), 2, "{named:#?}");
    assert!(named.iter().all(|h| h["found"] == "named"), "{named:#?}");
    // The profile shows both.
    let o = d.run(&["speaker", "Jane Roe", "--index", "idx", "--json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let p: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(p["country_evidence"][0]["evidence"], "outlet");
    assert_eq!(p["country_evidence"][0]["count"], 2);
    let found: Vec<&str> = p["found"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["value"].as_str().unwrap())
        .collect();
    assert_eq!(found, ["named", "pronoun"]);
    let human = stdout(&d.run(&["speaker", "Jane Roe", "--index", "idx"]));
    assert!(human.contains("United States (2: outlet 2)"), "{human}");
}

#[test]
fn a_speaker_without_a_country_in_one_article_takes_theirs_from_the_index() {
    let d = Dir::new();
    d.write(
        "news/a.txt",
        "Levy rise\n\nCanadian Finance Minister Marta Kowalczyk said the levy would rise.\n",
    );
    d.write(
        "news/b.txt",
        "Levy debate\n\nMarta Kowalczyk said the levy was fair to everyone.\n",
    );
    let o = d.run(&["index", "news", "--index", "idx", "--quiet"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = d.run(&[
        "search",
        "fair",
        "--index",
        "idx",
        "--json",
        "--kind",
        "statement",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let hits = json_lines(&o);
    let fair = by_text(&hits, "fair to everyone");
    assert_eq!(fair["speaker"], "Marta Kowalczyk");
    assert_eq!(evidence(fair), [("Canada".into(), "index".into())]);
    // The article that said it keeps its own evidence.
    let o = d.run(&[
        "search",
        "rise",
        "--index",
        "idx",
        "--json",
        "--kind",
        "statement",
    ]);
    let rise = json_lines(&o);
    assert_eq!(
        evidence(by_text(&rise, "would rise")),
        [("Canada".into(), "cue".into())]
    );
}
