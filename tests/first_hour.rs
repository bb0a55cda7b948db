//! A newcomer's first hour, through the binary: queries as people type them, bounded limits,
//! empty answers that say why, the query language's documented examples.
//!
//! The eight findings of a newcomer's first hour, each a test that failed on the build before
//! them (run against it) and passes now:
//!
//! 1. an ASCII apostrophe is a syntax error: `apostrophes_hyphens_and_punctuation_are_part_of_the_words`;
//! 2. `-n 99999999999` aborts, `-n 0` gives a hit: `limits_are_bounded_and_said`;
//! 3. empty answers say nothing (`--country USA`, `UK`, `--topic wars`), `--since 2017` refused:
//!    `empty_answers_say_why_on_one_line`, `dates_take_a_year_or_a_month`;
//! 4. a hit cannot be read in its article: `every_hit_can_be_read_in_its_article`;
//! 5. `check` ranks partial matches first and names every speaker:
//!    `check_keeps_close_matches_and_names_the_top_speakers`;
//! 6. topics match word prefixes (Snowden is weather, a great job employment):
//!    `a_name_that_begins_like_a_keyword_gets_no_topic`;
//! 7. a Windows-1252 archive loses its quotes: `an_older_archive_in_windows_1252_keeps_its_quotes`;
//! 8. small things: `search Iraq war` (`several_words_without_quotes_are_one_query`),
//!    `speaker:` and `title:` (`fields_work_or_are_refused_with_the_list`), `who --json`
//!    countries (`who_gives_the_speakers_country_at_the_top_and_in_the_best_statement`),
//!    `--index` on every command (`the_index_can_be_named_once_in_the_environment`), the README's
//!    first screen (`the_readme_first_screen_indexes_and_searches_ones_own_folder`); the progress
//!    bar's unit is a unit test of the binary (`cli::index`), as the bar shows on a terminal only.

mod util;

use util::*;

/// A small index of articles written for these tests: apostrophes, hyphens, several countries
/// (the United States, Russia, the United Kingdom), dates in 2016 and 2022.
fn index() -> Dir {
    let d = Dir::new();
    d.write(
        "corpus/wall.txt",
        "---\nsource: Daily Example\ndate: 2016-09-08\n---\nTrump's wall and the Iraq war\n\n\
         “I don't think the wall will be paid for by Mexico,” Tip O'Neill said on Monday.\n\n\
         Alexandria Ocasio-Cortez said the Iraq war was a mistake that cost 4,000 lives and that O'Neill's plan would fail.\n",
    );
    d.write(
        "corpus/geneva.txt",
        "---\nsource: Al Jazeera\ndate: 2022-01-21\n---\nTalks in Geneva\n\n\
         “We will keep talking to everyone about NATO,” Russian Foreign Minister Sergei Lavrov said.\n\n\
         “The sanctions will be severe,” US Secretary of State Antony Blinken said in Geneva.\n",
    );
    d.write(
        "corpus/london.txt",
        "---\nsource: Al Jazeera\ndate: 2022-01-21\n---\nLondon speaks\n\n\
         “We stand with Ukraine,” British Foreign Secretary Liz Truss said.\n",
    );
    let o = d.run(&["index", "corpus", "--index", "idx", "--quiet"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    d
}

fn search(d: &Dir, args: &[&str]) -> std::process::Output {
    let mut all = vec!["search", "--index", "idx", "--json"];
    all.extend_from_slice(args);
    d.run(&all)
}

#[test]
fn apostrophes_hyphens_and_punctuation_are_part_of_the_words() {
    let d = index();
    for q in [
        "don't",
        "Trump's wall",
        "O'Neill",
        "Ocasio-Cortez",
        "4,000",
        "Ukraine: war",
    ] {
        let o = search(&d, &[q]);
        assert_ne!(code(&o), 2, "{q}: {}", stderr(&o));
        if q != "Ukraine: war" {
            assert_eq!(code(&o), 0, "{q} finds its article: {}", stderr(&o));
        }
    }
    let hits = json_lines(&search(&d, &["don't"]));
    assert!(
        hits[0]["text"].as_str().unwrap().contains("don't think"),
        "{hits:?}"
    );
    let o = d.run(&["who", "O'Neill", "--index", "idx", "--json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    // A hyphenated name is a phrase: both halves, in order.
    let hits = json_lines(&search(&d, &["Ocasio-Cortez"]));
    assert!(hits
        .iter()
        .all(|h| h["text"].as_str().unwrap().contains("Ocasio-Cortez")
            || h["speaker"].as_str().is_some_and(|s| s.contains("Ocasio"))));
}

#[test]
fn several_words_without_quotes_are_one_query() {
    let d = index();
    let o = d.run(&["search", "Iraq", "war", "--index", "idx", "--json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let hits = json_lines(&o);
    assert!(hits.iter().all(|h| {
        let t = h["text"].as_str().unwrap().to_lowercase();
        t.contains("iraq") || h["title"].as_str().unwrap().contains("Iraq")
    }));
}

#[test]
fn fields_work_or_are_refused_with_the_list() {
    let d = index();
    let hits = json_lines(&search(&d, &["speaker:Lavrov"]));
    assert!(!hits.is_empty());
    assert!(
        hits.iter().all(|h| h["speaker"] == "Sergey Lavrov"),
        "{hits:?}"
    );
    // title: finds the statements of articles whose headline matches, without --kind article.
    let hits = json_lines(&search(&d, &["title:Geneva", "sanctions"]));
    assert!(!hits.is_empty());
    assert!(
        hits.iter().all(|h| h["title"] == "Talks in Geneva"),
        "{hits:?}"
    );
    let o = search(&d, &["country:\"United States\""]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = search(&d, &["date:2022"]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(err.contains("no field 'date:'"), "{err}");
    for f in ["title", "speaker", "country", "topic", "source"] {
        assert!(err.contains(f), "{f} listed: {err}");
    }
    assert!(
        !err.contains("tantivy") && !err.contains("not declared"),
        "{err}"
    );
}

#[test]
fn limits_are_bounded_and_said() {
    let d = index();
    for n in ["99999999999", "0", "-1", "many"] {
        let o = d.run(&[
            "search",
            "Lavrov",
            "--index",
            "idx",
            &format!("--limit={n}"),
        ]);
        assert_eq!(code(&o), 2, "-n {n}: {:?} {}", o.status, stderr(&o));
        assert!(stderr(&o).contains("1 to 10000"), "-n {n}: {}", stderr(&o));
    }
    let o = d.run(&["search", "Lavrov", "--index", "idx", "-n", "10000"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    for cmd in ["who", "facets", "check"] {
        let o = d.run(&[cmd, "Lavrov", "--index", "idx", "-n", "99999999999"]);
        assert_eq!(code(&o), 2, "{cmd}: {}", stderr(&o));
    }
}

#[test]
fn empty_answers_say_why_on_one_line() {
    let d = index();
    let why = |args: &[&str]| {
        let o = search(&d, args);
        assert_eq!(code(&o), 1, "{args:?}: {}", stderr(&o));
        assert!(stdout(&o).is_empty());
        let e = stderr(&o);
        assert_eq!(e.lines().count(), 1, "{args:?}: {e}");
        e
    };
    let e = why(&["Lavrov", "--country", "USA"]);
    assert!(
        e.contains("no country 'USA'") && e.contains("did you mean United States"),
        "{e}"
    );
    let e = why(&["Lavrov", "--country", "UK"]);
    assert!(e.contains("did you mean United Kingdom"), "{e}");
    let e = why(&["Lavrov", "--country", "Rusia"]);
    assert!(e.contains("did you mean Russia"), "{e}");
    let e = why(&["Lavrov", "--topic", "wars"]);
    assert!(
        e.contains("no topic 'wars'") && e.contains("politics"),
        "{e}"
    );
    let e = why(&["Lavrov", "--since", "2023"]);
    assert!(e.contains("2016-09-08 to 2022-01-21"), "{e}");
    let e = why(&["xylophonist"]);
    assert!(
        e.contains("no document holds the word 'xylophonist'"),
        "{e}"
    );
    let e = why(&["Lavrov", "Mexico"]);
    assert!(
        e.contains("no statement or passage matches the query as a whole")
            && e.contains("OR between them"),
        "{e}"
    );
    let e = why(&["Lavrov", "--source", "Daily"]);
    assert!(
        e.contains("match the query, but none with the filters"),
        "{e}"
    );
}

#[test]
fn dates_take_a_year_or_a_month() {
    let d = index();
    let o = search(&d, &["*", "--since", "2022"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(json_lines(&o).iter().all(|h| h["date"] == "2022-01-21"));
    let o = search(&d, &["*", "--until", "2016-09"]);
    assert!(json_lines(&o).iter().all(|h| h["date"] == "2016-09-08"));
    let o = search(&d, &["*", "--since", "2022-02-30"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("not a day of the calendar"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn facets_list_the_values_a_filter_accepts() {
    let d = index();
    let o = d.run(&["facets", "--field", "country", "--index", "idx"]);
    assert_eq!(code(&o), 0);
    let out = stdout(&o);
    assert!(
        out.contains("United States") && out.contains("Russia"),
        "{out}"
    );
}

#[test]
fn the_index_can_be_named_once_in_the_environment() {
    let d = index();
    // From another folder, where no index/ or corpus/ could stand in for it.
    let elsewhere = d.join("elsewhere");
    std::fs::create_dir_all(&elsewhere).expect("mkdir");
    let o = d
        .cmd()
        .current_dir(&elsewhere)
        .args(["search", "Lavrov", "--json"])
        .env("WHOSAID_INDEX", d.join("idx"))
        .output()
        .expect("run");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(!json_lines(&o).is_empty());
}

#[test]
fn every_hit_can_be_read_in_its_article() {
    let d = index();
    let hits = json_lines(&search(&d, &["sanctions", "--kind", "direct"]));
    let id = hits[0]["id"].as_str().expect("an id").to_string();
    let said = hits[0]["text"].as_str().unwrap().to_string();
    let o = d.run(&["show", &id, "--index", "idx", "--json", "-C", "1"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let shown = &json_lines(&o)[0];
    assert_eq!(shown["title"], "Talks in Geneva");
    assert_eq!(shown["source"], "Al Jazeera");
    assert_eq!(shown["date"], "2022-01-21");
    assert_eq!(shown["speaker"], "Antony Blinken");
    let paras = shown["paragraphs"].as_array().unwrap();
    let marked: Vec<String> = paras
        .iter()
        .flat_map(|p| {
            let t = p["text"].as_str().unwrap().to_string();
            p["highlights"].as_array().unwrap().iter().map(move |h| {
                t[h[0].as_u64().unwrap() as usize..h[1].as_u64().unwrap() as usize].to_string()
            })
        })
        .collect();
    assert_eq!(marked.concat(), said, "{shown}");
    // One sentence of context: the paragraph before is shown too.
    let all: String = paras.iter().map(|p| p["text"].as_str().unwrap()).collect();
    assert!(all.contains("Lavrov said"), "{all}");
    // Human output gives the id, and search --context shows the paragraph inline.
    let o = d.run(&[
        "search",
        "sanctions",
        "--index",
        "idx",
        "--kind",
        "direct",
        "--context",
        "1",
    ]);
    let out = stdout(&o);
    assert!(out.contains(&format!("id: {id}")), "{out}");
    assert!(out.contains("Lavrov said"), "{out}");
    let o = d.run(&["show", "not-an-id", "--index", "idx"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("not a hit id"), "{}", stderr(&o));
}

#[test]
fn a_name_that_begins_like_a_keyword_gets_no_topic() {
    let d = Dir::new();
    d.write(
        "corpus/snowden.txt",
        "Snowden speaks\n\n“Snowden leaked the files because the public had a right to know,” \
         Glenn Greenwald said.\n\n“Heavy snow will close the roads tonight,” Jane Doe said.\n\n\
         “You did a great job on the bridge,” Tom Hale said.\n\n\
         “Polio has come back to the valley this spring,” Amina Bello said.\n\n\
         “Thousands of jobs were lost when the factory closed,” Rita Moss said.\n",
    );
    let o = d.run(&["index", "corpus", "--index", "idx", "--quiet"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = d.run(&[
        "facets", "Snowden", "--field", "topic", "--index", "idx", "--json",
    ]);
    let out = stdout(&o);
    assert!(!out.contains("weather"), "{out}");
    let o = d.run(&[
        "facets", "snow", "--field", "topic", "--index", "idx", "--json",
    ]);
    assert!(stdout(&o).contains("weather"), "{}", stdout(&o));
    // "a great job" is praise, not employment; polio alone is no topic; lost jobs are.
    let topics = |q: &str| -> Vec<serde_json::Value> {
        let o = d.run(&[
            "search",
            q,
            "--index",
            "idx",
            "--json",
            "--kind",
            "statement",
        ]);
        json_lines(&o).iter().map(|h| h["topics"].clone()).collect()
    };
    assert_eq!(topics("bridge"), vec![serde_json::json!([])]);
    assert_eq!(topics("polio"), vec![serde_json::json!([])]);
    assert_eq!(
        topics("factory"),
        vec![serde_json::json!(["labour/employment"])]
    );
}

#[test]
fn an_older_archive_in_windows_1252_keeps_its_quotes() {
    let d = Dir::new();
    // “We will win,” said John Smith, in Windows-1252: curly quotes are 0x93 and 0x94.
    let path = d.write(
        "old/1999.txt",
        b"Old news\n\n\x93We will win,\x94 said John Smith.\n",
    );
    let o = d.run(&["extract", path.to_str().unwrap(), "--json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let found = json_lines(&o);
    assert!(
        found
            .iter()
            .any(|s| s["text"] == "We will win," && s["speaker"] == "John Smith"),
        "{found:?}"
    );
    let err = stderr(&o);
    assert!(
        err.contains("read as windows-1252"),
        "the warning names the encoding: {err}"
    );
    // Named, the encoding is used as it is, without a warning.
    let o = d.run(&[
        "extract",
        path.to_str().unwrap(),
        "--json",
        "--encoding",
        "latin1",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(!stderr(&o).contains("warning"), "{}", stderr(&o));
    let o = d.run(&["extract", path.to_str().unwrap(), "--encoding", "klingon"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("unknown encoding 'klingon'"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn check_keeps_close_matches_and_names_the_top_speakers() {
    let d = Dir::new();
    d.write(
        "corpus/a.txt",
        "---\ndate: 2020-01-01\n---\nEarly\n\n“The wall will be built and will be paid for,” Ann Early said.\n",
    );
    d.write(
        "corpus/b.txt",
        "---\ndate: 2021-01-01\n---\nLater\n\n“The wall will be built and it will be paid for,” Bob Late said.\n",
    );
    d.write(
        "corpus/c.txt",
        "---\ndate: 2022-01-01\n---\nLatest\n\n“The wall will be built,” Bob Late said.\n",
    );
    let o = d.run(&["index", "corpus", "--index", "idx", "--quiet"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let quote = "the wall will be built and it will be paid for";
    let o = d.run(&["check", quote, "--index", "idx", "--json"]);
    let src = json_lines(&o);
    // Close matches only: the five-word statement is not one.
    assert_eq!(src.len(), 2, "{src:?}");
    // The exact match first, though it is later.
    assert_eq!(src[0]["hit"]["speaker"], "Bob Late");
    assert_eq!(src[0]["coverage"], 1.0);
    let human = stdout(&d.run(&["check", quote, "--index", "idx"]));
    assert!(
        human
            .lines()
            .next()
            .unwrap()
            .contains("said by Bob Late (1), Ann Early (1)"),
        "{human}"
    );
    assert!(human.contains("% of the words"), "{human}");
    let strict = json_lines(&d.run(&[
        "check",
        quote,
        "--index",
        "idx",
        "--json",
        "--min-coverage",
        "1",
    ]));
    assert_eq!(strict.len(), 1, "{strict:?}");
    let o = d.run(&["check", quote, "--index", "idx", "--min-coverage", "7"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
}

/// The queries of the guide's query-language table (`GUIDE.md`): each answers (exit 0 or 1), none
/// is an error.
#[test]
fn the_guide_query_examples_run() {
    let guide = std::fs::read_to_string(root().join("GUIDE.md")).expect("GUIDE");
    let section = guide
        .split("## Query language")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .expect("a query language section");
    let mut queries = Vec::new();
    for line in section.lines().filter(|l| l.starts_with("| `")) {
        let first = line.split(" | ").next().unwrap_or("");
        for q in first.split('`').skip(1).step_by(2) {
            queries.push(q.replace("...", "x"));
        }
    }
    assert!(queries.len() >= 20, "{queries:?}");
    let d = index();
    for q in &queries {
        let o = d.run(&["search", "--index", "idx", "--json", "--", q]);
        assert!(matches!(code(&o), 0 | 1), "{q}: {}", stderr(&o));
    }
    // Examples that must find the test articles.
    for q in [
        "O'Neill",
        "Ocasio-Cortez",
        "Trump's wall",
        "(Biden OR Trump) wall",
        "speaker:Lavrov",
    ] {
        assert_eq!(code(&search(&d, &["--", q])), 0, "{q}");
    }
}

/// `search --format csv`: a header row, then a row per hit with the fields of the JSON hit.
#[test]
fn search_as_csv_has_the_fields_of_the_json_hit() {
    let d = index();
    let query = ["--context", "1", "--", "wall OR sanctions OR Iraq"];
    let hits = json_lines(&search(&d, &query));
    assert!(hits.len() >= 3, "{hits:?}");
    let mut args = vec!["search", "--index", "idx", "--format", "csv"];
    args.extend_from_slice(&query);
    let o = d.run(&args);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let mut reader = csv::Reader::from_reader(o.stdout.as_slice());
    let header: Vec<String> = reader
        .headers()
        .expect("a header row")
        .iter()
        .map(String::from)
        .collect();
    let rows: Vec<csv::StringRecord> = reader
        .records()
        .collect::<Result<_, _>>()
        .expect("valid CSV");
    assert_eq!(rows.len(), hits.len());
    for (row, hit) in rows.iter().zip(&hits) {
        let fields = hit.as_object().expect("a JSON object");
        let mut keys: Vec<&String> = fields.keys().collect();
        let mut columns: Vec<&String> = header.iter().filter(|c| fields.contains_key(*c)).collect();
        keys.sort();
        columns.sort();
        assert_eq!(keys, columns, "every field of the JSON hit is a column");
        let cell = |name: &str| &row[header.iter().position(|c| c == name).expect(name)];
        for name in [
            "id", "kind", "text", "title", "date", "source", "path", "snippet",
        ] {
            assert_eq!(cell(name), hit[name].as_str().unwrap_or(""), "{name}");
        }
        assert_eq!(cell("speaker"), hit["speaker"].as_str().unwrap_or(""));
        for name in ["rank", "start", "end", "snippet_start"] {
            assert_eq!(cell(name), hit[name].to_string(), "{name}");
        }
        let score: f64 = cell("score").parse().expect("a number");
        assert!((score - hit["score"].as_f64().unwrap()).abs() < 1e-4);
        let strings = |v: &serde_json::Value| -> Vec<String> {
            v.as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap().to_string())
                .collect()
        };
        assert_eq!(cell("aliases"), strings(&hit["aliases"]).join("; "));
        assert_eq!(cell("country"), strings(&hit["country"]).join("; "));
        let ranges: Vec<String> = hit["highlights"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| format!("{}-{}", r[0], r[1]))
            .collect();
        assert_eq!(cell("highlights"), ranges.join("; "));
        let context = hit["context"].as_array().expect("asked for");
        assert!(cell("context").contains(context[0]["text"].as_str().unwrap()));
    }
    // The quotation marks and commas of the text survive the round trip.
    assert!(rows
        .iter()
        .any(|r| r.iter().any(|c| c.contains("don't think"))));
    // No hit: the header alone, exit 1.
    let o = d.run(&["search", "--index", "idx", "--format", "csv", "xylophonist"]);
    assert_eq!(code(&o), 1);
    assert_eq!(stdout(&o).lines().count(), 1, "{}", stdout(&o));
    // The facet counts have no CSV form; --json and --format do not go together.
    for extra in [&["--facets"][..], &["--json"][..]] {
        let mut args = vec!["search", "--index", "idx", "--format", "csv", "wall"];
        args.extend_from_slice(extra);
        assert_eq!(code(&d.run(&args)), 2, "{extra:?}");
    }
}

/// A statement of a plain-text article, without front matter.
const PLAIN: &str = "Budget row\n\n“We will cut taxes,” Gordon Brown said.\n";

/// The dates of the statements of an index, by the file of their article.
fn dates_by_file(d: &Dir) -> Vec<(String, Option<String>)> {
    let hits = json_lines(&d.run(&[
        "search", "taxes", "--index", "idx", "--json", "--kind", "direct",
    ]));
    let mut dates: Vec<(String, Option<String>)> = hits
        .iter()
        .map(|h| {
            let path = h["path"].as_str().unwrap().replace('\\', "/");
            (path, h["date"].as_str().map(String::from))
        })
        .collect();
    dates.sort();
    dates
}

#[test]
fn dates_come_from_the_path_when_the_article_gives_none() {
    let d = Dir::new();
    d.write("archive/2005/03/21/budget.txt", PLAIN);
    d.write("archive/2005/04/budget.txt", PLAIN);
    d.write("archive/2005/02/31/budget.txt", PLAIN);
    d.write("archive/undated/budget.txt", PLAIN);
    d.write(
        "archive/2005/05/dated.txt",
        format!("---\ndate: 2022-01-21\n---\n{PLAIN}"),
    );
    let by_folder = r"(?P<y>\d{4})/(?P<m>\d{2})/(?:(?P<d>\d{2})/)?";
    let o = d.run(&[
        "index",
        "archive",
        "--index",
        "idx",
        "--date-from-path",
        by_folder,
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let day = |s: &str| Some(s.to_string());
    assert_eq!(
        dates_by_file(&d),
        vec![
            ("archive/2005/02/31/budget.txt".into(), None),
            ("archive/2005/03/21/budget.txt".into(), day("2005-03-21")),
            ("archive/2005/04/budget.txt".into(), day("2005-04-01")),
            ("archive/2005/05/dated.txt".into(), day("2022-01-21")),
            ("archive/undated/budget.txt".into(), None),
        ]
    );
    let err = stderr(&o);
    assert!(
        err.contains("2005/02/31/budget.txt: the date in the path, '2005-02-31', is not a day"),
        "{err}"
    );
    assert!(
        err.contains("undated/budget.txt: no date in the path"),
        "{err}"
    );
    assert!(!err.contains("dated.txt: no date"), "{err}");
    // One group holding the whole date, in the file's name (a pattern that starts with '-').
    let d = Dir::new();
    d.write("flat/budget-2005-03-21.txt", PLAIN);
    d.write("flat/budget-20050322.txt", PLAIN);
    let by_name = r"-(\d{4}-?\d{2}-?\d{2})\.txt$";
    let o = d.run(&[
        "index",
        "flat",
        "--index",
        "idx",
        "--date-from-path",
        by_name,
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let dates: Vec<Option<String>> = dates_by_file(&d).into_iter().map(|(_, d)| d).collect();
    assert_eq!(dates, vec![day("2005-03-21"), day("2005-03-22")]);
    let o = d.run(&["extract", "flat", "--json", "--date-from-path", by_name]);
    let dates: Vec<serde_json::Value> = json_lines(&o).iter().map(|s| s["date"].clone()).collect();
    assert_eq!(dates, vec!["2005-03-21", "2005-03-22"]);
    // A pattern that is not a regular expression, or does not say where the date is: exit 2.
    for (bad, says) in [
        (r"(\d{4}", "not a regular expression"),
        (r"(\d{4})/(\d{2})", "2 capture groups, none named"),
        (r"\d{4}", "captures nothing"),
    ] {
        for cmd in [&["index", "--index", "idx2"][..], &["extract"][..]] {
            let mut args = cmd.to_vec();
            args.extend_from_slice(&["flat", "--date-from-path", bad]);
            let o = d.run(&args);
            assert_eq!(code(&o), 2, "{cmd:?} {bad}");
            assert!(stderr(&o).contains(says), "{cmd:?} {bad}: {}", stderr(&o));
        }
    }
}

#[test]
fn an_impossible_date_is_refused_with_a_warning_naming_the_file() {
    let d = Dir::new();
    d.write(
        "corpus/feb.txt",
        format!("---\ndate: 2022-02-31\n---\n{PLAIN}"),
    );
    d.write(
        "corpus/lines.jsonl",
        "{\"title\": \"A\", \"text\": \"“We will cut taxes,” Gordon Brown said.\", \"date\": \"2022-02-03\"}\n\
         {\"title\": \"B\", \"text\": \"“We will cut taxes,” Gordon Brown said.\", \"date\": \"February 30, 2020\"}\n\
         {\"title\": \"C\", \"text\": \"“We will cut taxes,” Gordon Brown said.\", \"date\": \"yesterday\"}\n",
    );
    let o = d.run(&["index", "corpus", "--index", "idx"]);
    assert_eq!(code(&o), 0, "warnings, not skips: {}", stderr(&o));
    let err = stderr(&o);
    for says in [
        "feb.txt: date '2022-02-31' is not a day of the calendar; indexed without a date",
        "lines.jsonl:2: date 'February 30, 2020' is not a day of the calendar",
        "lines.jsonl:3: date 'yesterday' is not a date whosaid reads",
        "3 warnings",
    ] {
        assert!(err.contains(says), "{says}: {err}");
    }
    // Every article is indexed; only the readable date is kept.
    let mut dates: Vec<Option<String>> = dates_by_file(&d).into_iter().map(|(_, d)| d).collect();
    dates.sort();
    assert_eq!(dates, vec![None, None, None, Some("2022-02-03".into())]);
}

/// A speaker's country is said in one article and not in the other.
#[test]
fn who_gives_the_speakers_country_at_the_top_and_in_the_best_statement() {
    let d = Dir::new();
    d.write(
        "corpus/a.txt",
        "---\ndate: 2016-09-08\n---\nTalks\n\n\
         “We will build it,” Polish Defence Minister Jan Kowalczyk said on Monday.\n",
    );
    d.write(
        "corpus/b.txt",
        "---\ndate: 2016-09-09\n---\nMore talks\n\n\
         “We will build the wall and the bridge,” Jan Kowalczyk said.\n\n\
         “The bridge is a good idea,” Anna Nowak said.\n",
    );
    let o = d.run(&["index", "corpus", "--index", "idx", "--quiet"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let rows = json_lines(&d.run(&["who", "bridge", "--index", "idx", "--json"]));
    let kowalczyk = rows
        .iter()
        .find(|r| r["value"] == "Jan Kowalczyk")
        .expect("a row");
    assert_eq!(kowalczyk["country"], serde_json::json!(["Poland"]));
    assert_eq!(
        kowalczyk["best"]["country"], kowalczyk["country"],
        "{kowalczyk}"
    );
    assert!(kowalczyk["best"]["text"]
        .as_str()
        .unwrap()
        .contains("bridge"));
    // The statement's article did not say it: the country comes from the index.
    assert_eq!(
        kowalczyk["best"]["country_evidence"],
        serde_json::json!([{"country": "Poland", "evidence": "index"}])
    );
    for r in &rows {
        assert_eq!(r["best"]["rank"], r["rank"], "{r}");
        assert_eq!(r["best"]["country"], r["country"], "{r}");
    }
    assert_eq!(rows.len(), 2, "{rows:?}");
    // The speaker's profile: the latest statements carry the countries the profile gives.
    let o = d.run(&["speaker", "Kowalczyk", "--index", "idx", "--json"]);
    let p: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("one JSON object");
    assert_eq!(p["countries"][0]["value"], "Poland");
    let latest = p["latest"].as_array().unwrap();
    assert_eq!(latest.len(), 2);
    for h in latest {
        assert_eq!(h["country"], serde_json::json!(["Poland"]), "{h}");
    }
}

/// The README's first screen: where the binary is, and its commands run as written on one's own
/// folder (`~/news` here a folder of the test), the index named once in `WHOSAID_INDEX`.
#[test]
fn the_readme_first_screen_indexes_and_searches_ones_own_folder() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README");
    let first = readme.split("\n## Commands").next().unwrap_or("");
    for says in [
        "cargo install --path .",
        "target/release/whosaid",
        "WHOSAID_INDEX",
    ] {
        assert!(first.contains(says), "the first screen says {says}");
    }
    let block = first
        .split("```sh\n")
        .nth(1)
        .and_then(|b| b.split("```").next())
        .expect("a block of commands");
    let d = Dir::new();
    d.write(
        "news/iraq.txt",
        "Iraq\n\n“The Iraq war was a mistake,” Senator Jane Roe said on Monday.\n",
    );
    let mut env_index: Option<std::path::PathBuf> = None;
    let mut id = String::new();
    let mut ran = Vec::new();
    for line in block.lines() {
        let command = line.split("  #").next().unwrap_or("").trim();
        let home = |w: &str| w.replace("~/", &format!("{}/", d.path().display()));
        if let Some(set) = command.strip_prefix("export WHOSAID_INDEX=") {
            env_index = Some(home(set).into());
            continue;
        }
        let Some(args) = command.strip_prefix("whosaid ") else {
            continue;
        };
        let args: Vec<String> = args
            .split_whitespace()
            .map(|w| home(w.trim_matches('\'')).replace("ID", &id))
            .collect();
        let mut cmd = d.cmd();
        cmd.args(&args);
        if let Some(i) = &env_index {
            cmd.env("WHOSAID_INDEX", i);
        }
        let o = cmd.output().expect("run");
        assert_eq!(code(&o), 0, "{command}: {}", stderr(&o));
        let out = stdout(&o);
        if let Some(line) = out.lines().find(|l| l.trim_start().starts_with("id: ")) {
            id = line.trim_start()["id: ".len()..].to_string();
        }
        if args[0] == "show" {
            assert!(out.contains("Iraq war was a mistake"), "{out}");
        }
        ran.push(args[0].clone());
    }
    assert_eq!(ran, ["index", "search", "show"], "{block}");
}
