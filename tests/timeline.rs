//! `whosaid timeline`: matching statements per interval with their top speakers, through the
//! binary, parsing its JSON.

mod util;

use util::*;

/// Statements on three days of 2016 (two in one week) and one of 2018, and one undated article.
fn index() -> Dir {
    let d = Dir::new();
    let article = |name: &str, date: Option<&str>, body: &str| {
        let head = date.map_or(String::new(), |x| format!("date: {x}\n"));
        d.write(
            &format!("corpus/{name}.txt"),
            format!("---\nsource: Example News\n{head}---\nBudget talks\n\n{body}\n"),
        );
    };
    article(
        "a",
        Some("2016-09-05"),
        "“The budget is balanced,” Finance Minister Jane Doe said.\n\n\
         “The budget is a fraud,” opposition leader John Roe said.",
    );
    article(
        "b",
        Some("2016-09-08"),
        "“The budget will pass,” Finance Minister Jane Doe said on Thursday.",
    );
    article(
        "c",
        Some("2016-10-30"),
        "“This budget hurts farmers,” farmer Ann Poe said.",
    );
    article(
        "d",
        Some("2018-03-02"),
        "“We will vote against the budget,” John Roe said.",
    );
    article("e", None, "“The budget is late,” Jane Doe said.");
    let o = d.run(&["index", "corpus", "--index", "idx", "--quiet"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    d
}

fn timeline(d: &Dir, args: &[&str]) -> std::process::Output {
    let mut all = vec!["timeline", "--index", "idx"];
    all.extend_from_slice(args);
    d.run(&all)
}

fn json(d: &Dir, args: &[&str]) -> serde_json::Value {
    let mut all = args.to_vec();
    all.push("--json");
    let o = timeline(d, &all);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let rows = json_lines(&o);
    assert_eq!(rows.len(), 1, "one JSON object");
    rows[0].clone()
}

#[test]
fn months_from_the_first_to_the_last_with_gaps_and_top_speakers() {
    let d = index();
    let t = json(&d, &["budget", "--by", "month"]);
    assert_eq!(t["interval"], "month");
    assert_eq!(t["total"], 6);
    assert_eq!(t["undated"], 1);
    let b = t["buckets"].as_array().unwrap();
    // 2016-09 .. 2018-03: 19 months, the empty ones included.
    assert_eq!(b.len(), 19, "{t}");
    assert_eq!(b[0]["label"], "2016-09");
    assert_eq!(b[0]["start"], "2016-09-01");
    assert_eq!(b[0]["end"], "2016-09-30");
    assert_eq!(b[0]["count"], 3);
    assert_eq!(b[0]["speakers"][0]["value"], "Jane Doe");
    assert_eq!(b[0]["speakers"][0]["count"], 2);
    assert_eq!(b[1]["count"], 1);
    assert_eq!(b[2]["count"], 0);
    assert_eq!(b[2]["speakers"].as_array().unwrap().len(), 0);
    assert_eq!(b[18]["label"], "2018-03");
    assert_eq!(b[18]["speakers"][0]["value"], "John Roe");
    assert_eq!(t["max"], 3);
}

#[test]
fn weeks_years_days_and_filters() {
    let d = index();
    let w = json(&d, &["budget", "--by", "week", "--until", "2016-09"]);
    let b = w["buckets"].as_array().unwrap();
    assert_eq!(b[0]["label"], "2016-W36", "{w}");
    assert_eq!(b[0]["start"], "2016-09-05");
    assert_eq!(b[0]["count"], 3, "5 and 8 September 2016 are one ISO week");
    // The weeks run on to the date asked, empty ones included.
    assert_eq!(b.len(), 4, "{w}");
    assert_eq!(b[3]["label"], "2016-W39");
    assert_eq!(b[3]["end"], "2016-10-02");
    // ... but not before the index's first date.
    let y = json(&d, &["budget", "--by", "year", "--since", "2010"]);
    assert_eq!(y["buckets"][0]["label"], "2016", "{y}");
    let y = json(&d, &["budget", "--by", "year"]);
    let labels: Vec<&str> = y["buckets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["2016", "2017", "2018"]);
    let by_speaker = json(&d, &["budget", "--by", "day", "--speaker", "Roe"]);
    assert_eq!(by_speaker["total"], 2);
    assert_eq!(by_speaker["buckets"][0]["label"], "2016-09-05");
    let one = json(&d, &["budget", "--by", "year", "-n", "1"]);
    assert_eq!(one["buckets"][0]["speakers"].as_array().unwrap().len(), 1);
}

#[test]
fn human_output_has_a_bar_per_interval_and_the_totals() {
    let d = index();
    let o = timeline(&d, &["budget", "--by", "year", "--color", "never"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("2016  4 ████"), "{out}");
    assert!(lines[0].contains("Jane Doe (2)"), "{out}");
    assert!(lines[1].starts_with("2017  0"), "{out}");
    assert!(
        out.contains("6 matching statements in 3 years, 1 undated"),
        "{out}"
    );
}

#[test]
fn bad_intervals_fail_and_empty_answers_say_why() {
    let d = index();
    let o = timeline(&d, &["budget", "--by", "fortnight"]);
    assert_eq!(code(&o), 2);
    let o = timeline(&d, &["budget", "--country", "Atlantis"]);
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).contains("no country 'Atlantis'"),
        "{}",
        stderr(&o)
    );
    let o = timeline(&d, &["budget", "--since", "2016-02-31"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("not a day of the calendar"),
        "{}",
        stderr(&o)
    );
}
