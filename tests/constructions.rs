//! Constructions: `extract --json` names the construction that found each statement, and
//! `eval` breaks its recall down by construction (found) and by context (missed), in its JSON
//! output too, with counts that add up to its figures.

mod util;

use std::collections::BTreeMap;

use serde_json::Value;
use util::*;

/// The constructions of the statements `extract --json` finds in `text`, by statement text.
fn constructions(text: &str) -> BTreeMap<String, String> {
    let d = Dir::new();
    let article = d.write("article.txt", text);
    let o = d.run(&["extract", "--json", article.to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    json_lines(&o)
        .iter()
        .map(|v| {
            let c = v["construction"].as_str().expect("a construction name");
            (v["text"].as_str().unwrap_or("").to_string(), c.to_string())
        })
        .collect()
}

#[test]
fn extract_json_names_each_statement_s_construction() {
    let text = "Port strike spreads\n\n\
        The union said the strike would spread to every port. \
        “We will not go back without a deal,” its leader said. \
        Talks will resume on Monday, according to the labour ministry.\n\n\
        Transport Minister Omar Haddad told reporters:\n\n\
        “The government will not be held to ransom by anyone.”\n\n\
        The docks are quiet, said Ana Ruiz, a crane driver, and the ships wait offshore.";
    let got = constructions(text);
    let want = [
        ("the strike would spread to every port", "verb-after"),
        ("We will not go back without a deal,", "verb-before"),
        ("Talks will resume on Monday", "according-to"),
        (
            "The government will not be held to ransom by anyone.",
            "colon-introduced",
        ),
        ("The docks are quiet", "verb-inverted"),
    ];
    for (words, construction) in want {
        assert_eq!(
            got.get(words).map(String::as_str),
            Some(construction),
            "help: construction of {words:?} in {got:?}"
        );
    }
}

fn eval_json(args: &[&str]) -> Vec<Value> {
    let d = Dir::new();
    let o = d.run(args);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    json_lines(&o)
}

fn sum(v: &Value, f: impl Fn(&Value) -> u64) -> u64 {
    v.as_object().expect("an object").values().map(f).sum()
}

#[test]
fn eval_breaks_recall_down_by_construction() {
    let Some(shared) = shared() else { return };
    let gold = shared.join("gold/news-dev");
    let lines = eval_json(&["eval", gold.to_str().unwrap(), "--json"]);
    assert_eq!(lines.len(), 2, "help: a breakdown line, then the figures");
    let (b, figures) = (&lines[0], &lines[1]);
    let found_by = &b["found_by_construction"];
    let missed_by = &b["missed_by_context"];
    let found = sum(found_by, |c| c["found"].as_u64().unwrap_or(0));
    let wrong = sum(found_by, |c| c["wrong_speaker"].as_u64().unwrap_or(0));
    let missed = sum(missed_by, |c| c.as_u64().unwrap_or(0));
    let required = figures["gold_required"].as_u64().expect("gold_required");
    assert_eq!(found + missed, required, "help: {b}");
    let recall = figures["recall"].as_f64().expect("recall");
    assert!(
        (found as f64 / required as f64 - recall).abs() < 0.0005,
        "help: {found} found of {required}, recall {recall}"
    );
    assert!(wrong <= found);
    // Every name is a construction or context the documentation lists.
    for k in found_by.as_object().expect("an object").keys() {
        assert!(
            whosaid::statement::Construction::from_name(k).is_some(),
            "help: {k}"
        );
    }
    let contexts: Vec<&str> = whosaid::eval::breakdown::MissContext::ALL
        .iter()
        .map(|c| c.as_str())
        .collect();
    for k in missed_by.as_object().expect("an object").keys() {
        assert!(contexts.contains(&k.as_str()), "help: {k}");
    }
    assert!(found_by["verb-after"]["found"].as_u64().unwrap_or(0) > 0);
    // By kind, the breakdown counts only that kind.
    let direct = eval_json(&["eval", gold.to_str().unwrap(), "--json", "--kind", "direct"]);
    let d_found = sum(&direct[0]["found_by_construction"], |c| {
        c["found"].as_u64().unwrap_or(0)
    });
    assert!(d_found < found);
}

#[test]
fn human_eval_prints_the_breakdown_before_the_figures() {
    let Some(shared) = shared() else { return };
    let gold = shared.join("gold/seed.jsonl");
    let d = Dir::new();
    let o = d.run(&["eval", gold.to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    let at = out.find("found by construction").expect("a breakdown");
    let figures = out.find("{\"gold_required\"").expect("the figures");
    assert!(at < figures);
    assert!(out.contains("verb-after"));
}

#[test]
fn a_system_file_gets_no_breakdown() {
    let Some(shared) = shared() else { return };
    let d = Dir::new();
    let article = shared.join("seed/000_b06ab901e683e377.txt");
    let o = d.run(&["extract", "--json", article.to_str().unwrap()]);
    let system = d.write("system.jsonl", stdout(&o));
    let gold = shared.join("gold/seed.jsonl");
    let lines = eval_json(&[
        "eval",
        gold.to_str().unwrap(),
        "--system",
        system.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(lines.len(), 1, "help: only the figures");
    assert!(lines[0]["f1"].as_f64().is_some());
}
