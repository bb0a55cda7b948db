//! Hostile queries through the binary: each one either answers (exit 0 or 1) or exits 2 with a
//! one-line message; none panics, overflows the stack or hangs.

mod util;

use std::time::{Duration, Instant};

use util::*;

/// A small index of a few articles with dates, sources and speakers.
fn small_index() -> Dir {
    let d = Dir::new();
    d.write(
        "corpus/a.txt",
        "---\nsource: Al Jazeera\ndate: 2022-01-21\n---\nTalks in Geneva\n\n“We will keep talking to everyone,” Sergei Lavrov said.\n\nNATO and Ukraine were discussed.\n",
    );
    d.write(
        "corpus/b.jsonl",
        "{\"title\":\"Berlin\",\"date\":\"2022-02-01\",\"source\":\"DW\",\"text\":\"“Sanctions will follow any invasion,” Olaf Scholz said in Berlin.\"}\n",
    );
    let o = d.run(&["index", "corpus", "--index", "idx", "--quiet"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    d
}

/// One character of each of many scripts and blocks of Unicode.
fn scripts() -> String {
    [
        'A',
        'é',
        'ß',
        'Ω',
        'Ж',
        'Ա',
        'א',
        'ع',
        'ހ',
        'अ',
        'অ',
        'ਅ',
        'અ',
        'ଅ',
        'அ',
        'అ',
        'ಅ',
        'അ',
        'අ',
        'ก',
        'ກ',
        'ཀ',
        'က',
        'ა',
        'ᄀ',
        '가',
        'あ',
        'ア',
        '中',
        '𠀀',
        'ሀ',
        'Ꭰ',
        'ᐁ',
        'ᚠ',
        'ᚁ',
        'ក',
        'ᠠ',
        'ᥐ',
        'ꀀ',
        'ꓐ',
        'Ⰰ',
        'ⴰ',
        '𐌰',
        '𐐀',
        '𒀀',
        '𓀀',
        '😀',
        '👍',
        '\u{200d}',
        '\u{200f}',
        '\u{202e}',
        '\u{301}',
        '\u{feff}',
        '\u{fffd}',
        '\u{e000}',
        '\u{10ffff}',
        '∀',
        '€',
        '№',
        '™',
    ]
    .iter()
    .collect()
}

fn hostile() -> Vec<String> {
    let mut q: Vec<String> = [
        // Unbalanced quotes and parentheses.
        "\"",
        "\"\"",
        "\"\"\"",
        "\"hell to",
        "hell to\"",
        "“hell to pay",
        "hell” to “pay",
        "(",
        ")",
        "((",
        "))",
        "(a",
        "a)",
        "(a OR (b AND c)",
        "a) OR (b",
        ")(",
        "(\")\"",
        "\"(\")",
        "()",
        "( )",
        "[",
        "]",
        "{",
        "}",
        "[a TO",
        "{* TO *}",
        // Only operators.
        "AND",
        "OR",
        "NOT",
        "AND OR NOT",
        "-",
        "+",
        "--",
        "+-+-",
        "- - -",
        "!",
        "~",
        "^",
        ":",
        "::",
        "*",
        "**",
        "?",
        "\\",
        "\\\\",
        "/",
        "//",
        "NOT NOT NOT a",
        "a AND",
        "OR a",
        "a OR OR b",
        "a^",
        "a^-1",
        "a^1e400",
        "\"a b\"~",
        "\"a b\"~99999999999999999999",
        "a~3",
        "IN []",
        "text:IN [a",
        // Fields that do not exist, or cannot be queried that way.
        "nosuchfield:x",
        "speaker:Lavrov",
        "start:5",
        "start:[0 TO 10]",
        "is_statement:1",
        "title:",
        ":title",
        "title:(",
        "title:\"",
        "title:*",
        "a:b:c:d",
        "_:_",
        // Dates that do not parse.
        "date:yesterday",
        "date:2022-13-45",
        "date:[2022 TO 2023]",
        "date:>2022-01-01",
        "date:[* TO 2022-99-99]",
        "date:0000-00-00T00:00:00Z",
        "/regex.*/",
        "title:/x/",
        "$where",
        "'; DROP TABLE statements; --",
        "%00%ff",
        "&&",
        "||",
        "a || b && !c",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // Control characters (NUL cannot be an argument).
    q.push((1u8..32).map(char::from).collect());
    q.push("sanctions\u{7f}\u{1b}[31m\u{8}\u{0c}".to_string());
    q.push("\t\r\n".to_string());
    // Every script of Unicode, alone, as a phrase and as a field name.
    let s = scripts();
    q.push(s.clone());
    q.push(format!("\"{s}\""));
    q.push(format!("{s}:{s}"));
    q.push("\u{202e}sanctions\u{202c}".to_string());
    // 100 KB long.
    q.push("sanctions ".repeat(10_000));
    q.push("(".repeat(100_000));
    q.push(format!("{}a{}", "(".repeat(50_000), ")".repeat(50_000)));
    q.push("\"".repeat(100_000));
    q.push("a OR ".repeat(20_000) + "b");
    q.push("-".repeat(100_000));
    q.push("x".repeat(100_000));
    q.push(format!("\"{}\"", "hell to pay ".repeat(8_000)));
    q
}

#[test]
fn a_hundred_hostile_queries_answer_or_exit_2_with_a_message() {
    let d = small_index();
    let queries = hostile();
    assert!(queries.len() >= 100, "{} queries", queries.len());
    let mut errors = 0;
    for q in &queries {
        let started = Instant::now();
        // `--` so that queries starting with `-` are queries, not flags (as a user would write).
        let o = d.run(&["search", "--index", "idx", "--json", "--", q]);
        let shown: String = q.chars().take(40).collect();
        let c = o.status.code();
        assert!(
            matches!(c, Some(0..=2)),
            "query {shown:?} ended with {:?} (a signal or panic): {}",
            o.status,
            stderr(&o)
        );
        let err = stderr(&o);
        assert!(!err.contains("panicked"), "query {shown:?} panicked: {err}");
        if c == Some(2) {
            errors += 1;
            let lines: Vec<&str> = err.lines().collect();
            assert_eq!(lines.len(), 1, "query {shown:?}: one line: {err}");
            assert!(lines[0].starts_with("whosaid: "), "{err}");
            assert!(
                lines[0].len() < 600,
                "the message stays short: {}",
                lines[0]
            );
        } else {
            json_lines(&o);
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "query {shown:?} took {:?}",
            started.elapsed()
        );
    }
    eprintln!("{} queries, {errors} refused with a message", queries.len());
}

#[test]
fn hostile_filter_values_answer_or_exit_2_with_a_message() {
    let d = small_index();
    let s = scripts();
    let cases: Vec<Vec<String>> = vec![
        vec!["--since".into(), "yesterday".into()],
        vec!["--since".into(), "2022-13-01".into()],
        vec!["--until".into(), "2022-02-31".into()],
        vec!["--until".into(), "99999-01-01".into()],
        vec!["--since".into(), "".into()],
        vec![
            "--since".into(),
            "2023-01-01".into(),
            "--until".into(),
            "2021-01-01".into(),
        ],
        vec!["--speaker".into(), "".into()],
        vec!["--speaker".into(), "!!!".into()],
        vec!["--speaker".into(), s.clone()],
        vec!["--country".into(), "Atlantis".into()],
        vec!["--country".into(), "/".into()],
        vec!["--topic".into(), "//".into()],
        vec!["--topic".into(), s.clone()],
        vec!["--source".into(), "".into()],
        vec!["--source".into(), "\u{1}\u{2}".into()],
    ];
    for c in &cases {
        let mut args = vec![
            "search".to_string(),
            "sanctions".into(),
            "--index".into(),
            "idx".into(),
        ];
        args.extend(c.iter().cloned());
        let o = d.cmd().args(&args).output().expect("run");
        let err = stderr(&o);
        assert!(
            matches!(o.status.code(), Some(0..=2)) && !err.contains("panicked"),
            "{c:?}: {:?} {err}",
            o.status
        );
        if code(&o) == 2 {
            assert_eq!(err.lines().count(), 1, "{c:?}: {err}");
        }
    }
}

#[test]
fn deep_parentheses_are_refused_with_a_message_not_a_stack_overflow() {
    let d = small_index();
    let o = d.run(&["search", &"(".repeat(100_000), "--index", "idx"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("nested"), "{}", stderr(&o));
    // Reasonable nesting still works.
    let q = format!("{}sanctions{}", "(".repeat(20), ")".repeat(20));
    let o = d.run(&["search", &q, "--index", "idx", "--json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}
