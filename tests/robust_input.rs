//! Robustness of `whosaid index` on messy input, through the binary: each bad input gets one line
//! on stderr naming the file (and line), the rest of the corpus is indexed, and the exit status
//! and the summary say how many inputs were skipped (0: all read, 1: some skipped, 2: nothing
//! indexed).

mod util;

use std::io::Write;
use std::path::Path;

use serde_json::Value;
use util::*;

/// A good article that every test corpus holds, and a phrase of it to search for.
const GOOD: &str = "Good news\n\n“We will keep talking to everyone,” Sergei Lavrov said.\n";
const GOOD_PHRASE: &str = "\"keep talking to everyone\"";

/// Runs `whosaid index corpus --json` in `d`; returns the output and the parsed summary.
fn index(d: &Dir) -> (std::process::Output, Value) {
    let o = d.run(&["index", "corpus", "--index", "idx", "--json"]);
    let summary = serde_json::from_str(stdout(&o).trim())
        .unwrap_or_else(|e| panic!("summary is JSON ({e}): {}\n{}", stdout(&o), stderr(&o)));
    (o, summary)
}

fn n(v: &Value, k: &str) -> u64 {
    v[k].as_u64().unwrap_or_else(|| panic!("{k} in {v}"))
}

/// The stderr lines that report a problem with `name`.
fn lines_about<'a>(err: &'a str, name: &str) -> Vec<&'a str> {
    err.lines().filter(|l| l.contains(name)).collect()
}

/// Asserts that exactly one line names `name` and that it holds `what`.
fn one_line(o: &std::process::Output, name: &str, what: &str) {
    let err = stderr(o);
    let lines = lines_about(&err, name);
    assert_eq!(lines.len(), 1, "one line about {name}:\n{err}");
    assert!(
        lines[0].starts_with("whosaid: ") && lines[0].contains(what),
        "line about {name} says '{what}': {}",
        lines[0]
    );
}

/// Asserts that the good article was indexed and can be found.
fn good_is_found(d: &Dir) {
    let o = d.run(&["search", GOOD_PHRASE, "--index", "idx", "--json"]);
    assert_eq!(code(&o), 0, "the good article is found: {}", stderr(&o));
    assert!(stdout(&o).contains("keep talking"));
}

/// Asserts the summary line reports `skipped` skipped inputs.
fn summary_says_skipped(o: &std::process::Output, skipped: u64) {
    let err = stderr(o);
    let last = err.lines().last().unwrap_or("");
    assert!(
        last.contains(&format!("{skipped} inputs skipped")),
        "summary says {skipped} inputs skipped: {last}"
    );
}

fn corpus_with(files: &[(&str, &[u8])]) -> Dir {
    let d = Dir::new();
    d.write("corpus/good.txt", GOOD);
    for (name, bytes) in files {
        d.write(&format!("corpus/{name}"), bytes);
    }
    d
}

#[test]
fn empty_files_are_named_and_skipped() {
    let d = corpus_with(&[("empty.txt", b""), ("blank.txt", b"  \n\n\t\n")]);
    let (o, s) = index(&d);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    one_line(&o, "empty.txt", "empty file, skipped");
    one_line(&o, "blank.txt", "empty file, skipped");
    assert_eq!(n(&s, "skipped"), 2);
    assert_eq!(n(&s, "articles"), 1);
    summary_says_skipped(&o, 2);
    good_is_found(&d);
}

#[test]
fn binary_files_with_text_extensions_are_skipped() {
    // A PNG header, a zip local-file header, random bytes without a NUL, and a zip named .jsonl.
    let png: Vec<u8> = [
        &b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"[..],
        &[7u8; 200][..],
    ]
    .concat();
    let mut zip = b"PK\x03\x04\x14\x00\x00\x00\x08\x00".to_vec();
    zip.extend((0..4000u32).map(|i| (i * 7 % 251) as u8));
    let mut noise = Vec::new();
    let mut x: u32 = 12345;
    while noise.len() < 4000 {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
        let b = (x >> 16) as u8;
        if b != 0 {
            noise.push(b);
        }
    }
    let d = corpus_with(&[
        ("photo.txt", &png),
        ("archive.txt", &zip),
        ("noise.txt", &noise),
        ("archive.jsonl", &zip),
    ]);
    let (o, s) = index(&d);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    for f in ["photo.txt", "archive.txt", "noise.txt", "archive.jsonl"] {
        one_line(&o, f, "binary data, not text; skipped");
    }
    assert_eq!(n(&s, "skipped"), 4);
    assert_eq!(n(&s, "articles"), 1);
    summary_says_skipped(&o, 4);
    good_is_found(&d);
}

#[test]
fn invalid_utf8_is_replaced_with_a_warning_and_indexed() {
    let bad = b"Latin-1 news\n\n\xabWe caf\xe9 owners,\xbb said one. \xff\xfe \xe2\x80\n\n\xe2\x80\x9cPrices will rise again soon,\xe2\x80\x9d Olaf Scholz said.\n";
    let d = corpus_with(&[("latin1.txt", bad)]);
    let (o, s) = index(&d);
    assert_eq!(code(&o), 0, "a warning is no skip: {}", stderr(&o));
    one_line(
        &o,
        "latin1.txt",
        "invalid UTF-8 byte(s) replaced with U+FFFD; indexed",
    );
    assert!(stderr(&o).contains("whosaid: warning: "));
    assert_eq!(n(&s, "warnings"), 1);
    assert_eq!(n(&s, "skipped"), 0);
    assert_eq!(n(&s, "articles"), 2);
    let o = d.run(&["search", "\"prices will rise\"", "--index", "idx", "--json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    good_is_found(&d);
}

fn utf16(text: &str, little: bool) -> Vec<u8> {
    let mut b = if little {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for u in text.encode_utf16() {
        b.extend(if little {
            u.to_le_bytes()
        } else {
            u.to_be_bytes()
        });
    }
    b
}

#[test]
fn utf16_with_a_bom_is_read() {
    let le = utf16(
        "Tallinn talks\r\n\r\n“Estonia stands with Ukraine today,” Kaja Kallas said.\r\n",
        true,
    );
    let be = utf16(
        "Riga talks\n\n“Latvia will send more help,” Krisjanis Karins said.\n",
        false,
    );
    let jsonl = utf16(
        "{\"title\":\"Vilnius\",\"text\":\"“Lithuania expects a decision soon,” Gabrielius Landsbergis said.\"}\n",
        true,
    );
    let d = corpus_with(&[("le.txt", &le), ("be.txt", &be), ("lt.jsonl", &jsonl)]);
    let (o, s) = index(&d);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(n(&s, "articles"), 4, "{s}");
    assert_eq!(n(&s, "warnings"), 0);
    for q in [
        "\"stands with Ukraine\"",
        "\"send more help\"",
        "\"expects a decision\"",
    ] {
        let o = d.run(&["search", q, "--index", "idx", "--json"]);
        assert_eq!(code(&o), 0, "{q}: {}", stderr(&o));
    }
}

#[test]
fn crlf_line_ends_are_ordinary() {
    let text = "Berlin\r\n\r\nA first paragraph of news.\r\n\r\n“We are ready to talk at any time,” Annalena Baerbock said.\r\n";
    let d = corpus_with(&[("crlf.txt", text.as_bytes())]);
    let (o, s) = index(&d);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(n(&s, "articles"), 2);
    let o = d.run(&["search", "\"ready to talk\"", "--index", "idx", "--json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    for h in json_lines(&o) {
        let t = h["text"].as_str().unwrap_or("");
        assert!(!t.contains('\r'), "no CR in a hit: {t:?}");
        let (a, b) = (
            h["start"].as_u64().unwrap_or(0),
            h["end"].as_u64().unwrap_or(0),
        );
        assert_eq!(
            &text[a as usize..b as usize],
            t,
            "offsets point at the text"
        );
    }
}

/// A paragraph of `bytes` bytes of plain words (no statement cue), with `quotes` quotations
/// spread through it.
fn long_paragraph(bytes: usize, quotes: usize) -> String {
    let words = [
        "the", "harbour", "winter", "grain", "prices", "market", "river", "train", "northern",
        "council", "budget", "weather",
    ];
    let mut s = String::with_capacity(bytes + 100);
    let mut i = 0usize;
    let every = bytes / quotes.max(1);
    let mut next_quote = every / 2;
    while s.len() < bytes {
        if quotes > 0 && s.len() >= next_quote {
            s.push_str("“We will not accept a new blockade of the harbour,” Olaf Scholz said. ");
            next_quote += every;
        }
        s.push_str(words[i % words.len()]);
        s.push(' ');
        i = i.wrapping_mul(31).wrapping_add(7) % 1_000_003;
    }
    s
}

#[test]
fn a_ten_megabyte_paragraph_is_indexed() {
    let text = format!("A very long paragraph\n\n{}\n", long_paragraph(10 << 20, 5));
    let d = corpus_with(&[("long.txt", text.as_bytes())]);
    let started = std::time::Instant::now();
    let (o, s) = index(&d);
    let took = started.elapsed();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(n(&s, "articles"), 2);
    assert!(n(&s, "text_bytes") > 10 << 20);
    let o = d.run(&["search", "\"new blockade\"", "--index", "idx", "--json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    eprintln!("10 MB paragraph indexed in {took:?}");
}

/// Extraction time must grow linearly with a paragraph's length, however many statements it
/// holds (a regression test: topic tagging once rescanned the paragraph for each statement, and a
/// 1 MB paragraph took minutes).
#[test]
fn a_megabyte_paragraph_dense_with_statements_extracts_in_linear_time() {
    let para: String = (0..12_000)
        .map(|i| format!("The minister said that talks number {i} would go on. "))
        .collect();
    let d = Dir::new();
    d.write("dense.txt", format!("Dense\n\n{para}\n"));
    let started = std::time::Instant::now();
    let o = d.run(&["extract", "dense.txt"]);
    assert!(code(&o) < 2, "{}", stderr(&o));
    let took = started.elapsed();
    assert!(
        took < std::time::Duration::from_secs(10),
        "a 640 KB paragraph took {took:?}"
    );
}

#[test]
fn a_million_line_file_is_indexed() {
    let d = Dir::new();
    d.write("corpus/good.txt", GOOD);
    let mut f =
        std::io::BufWriter::new(std::fs::File::create(d.join("corpus/lines.txt")).expect("create"));
    writeln!(f, "A log of a million lines").expect("write");
    for i in 0..999_999u32 {
        writeln!(f, "entry {i}").expect("write");
    }
    f.flush().expect("flush");
    drop(f);
    let (o, s) = index(&d);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(n(&s, "articles"), 2);
    assert!(n(&s, "passages") >= 1_000_000, "{s}");
    let o = d.run(&["search", "\"entry 765432\"", "--index", "idx", "--json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}

#[test]
fn unbalanced_and_deeply_nested_quote_marks() {
    let mut text = String::from("Quotes gone wrong\n\n");
    text.push_str(&"“".repeat(100_000));
    text.push_str("\n\n");
    text.push_str(&"”".repeat(50_000));
    text.push_str("\n\n");
    text.push_str(&"\"".repeat(30_001));
    text.push_str("\n\n");
    for _ in 0..5_000 {
        text.push_str("“He said ‘she said «they said „we said");
    }
    for _ in 0..5_000 {
        text.push_str("“ ” ’ » ‟ '");
    }
    text.push_str("\n\n“Unclosed quotation that runs to the end, Jens Stoltenberg said.\n\n");
    text.push_str("“We are ready for dialogue with Russia,” Jens Stoltenberg said.\n");
    let d = corpus_with(&[("quotes.txt", text.as_bytes())]);
    let (o, s) = index(&d);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(n(&s, "articles"), 2);
    let o = d.run(&[
        "search",
        "\"ready for dialogue\"",
        "--index",
        "idx",
        "--json",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    good_is_found(&d);
}

#[test]
fn json_lines_with_bad_lines_name_each_line_and_index_the_rest() {
    let lines = [
        r#"{"title":"One","text":"“Talks will go on next week,” Antony Blinken said."}"#,
        r#"{"title":"Broken", "text": "no end"#,
        r#"{"title":"No text","body_html":"<p>x</p>"}"#,
        r#"{"title":"Number","text":42}"#,
        r#"{"title":"List","text":["a","b"]}"#,
        r#"[1,2,3]"#,
        r#""just a string""#,
        r#"{"title":"Odd types","text":"“Sanctions will follow any invasion,” Ursula von der Leyen said.","date":17,"authors":{"x":1},"url":["a"],"source":false}"#,
        "",
        r#"{"title":"Last","text":"“Diplomacy is the only way forward,” Emmanuel Macron said."}"#,
    ];
    let d = corpus_with(&[("feed.jsonl", lines.join("\n").as_bytes())]);
    let (o, s) = index(&d);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    one_line(&o, "feed.jsonl:2:", "invalid JSON");
    one_line(&o, "feed.jsonl:3:", "no text field");
    one_line(&o, "feed.jsonl:4:", "the text field holds a number");
    one_line(&o, "feed.jsonl:5:", "the text field holds an array");
    one_line(&o, "feed.jsonl:6:", "must be an object");
    one_line(&o, "feed.jsonl:7:", "must be an object");
    assert_eq!(n(&s, "skipped"), 6);
    assert_eq!(n(&s, "articles"), 4, "{s}");
    summary_says_skipped(&o, 6);
    for q in [
        "\"talks will go on\"",
        "\"sanctions will follow\"",
        "\"only way forward\"",
    ] {
        let o = d.run(&["search", q, "--index", "idx", "--json"]);
        assert_eq!(code(&o), 0, "{q}: {}", stderr(&o));
    }
}

#[test]
fn a_fifty_megabyte_json_line_is_indexed() {
    let para = long_paragraph(1 << 20, 1);
    let mut text = String::with_capacity(51 << 20);
    while text.len() < 50 << 20 {
        text.push_str(&para);
        text.push_str("\n\n");
    }
    let big = serde_json::json!({"title": "Huge", "text": text}).to_string();
    assert!(big.len() >= 50 << 20);
    let small = r#"{"title":"Small","text":"“Talks will go on next week,” Antony Blinken said."}"#;
    let d = corpus_with(&[(
        "huge.jsonl",
        format!("{small}\n{big}\n{{oops\n{small}\n").as_bytes(),
    )]);
    let (o, s) = index(&d);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    one_line(&o, "huge.jsonl:3:", "invalid JSON");
    assert_eq!(n(&s, "articles"), 4, "{s}");
    assert_eq!(n(&s, "skipped"), 1);
    assert!(n(&s, "text_bytes") > 50 << 20);
    let o = d.run(&["search", "\"new blockade\"", "--index", "idx", "--json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}

#[test]
fn many_bad_lines_are_counted_and_the_messages_capped() {
    let mut feed = String::new();
    for i in 0..500 {
        feed.push_str(&format!("not json {i}\n"));
    }
    feed.push_str(r#"{"text":"“Talks will go on next week,” Antony Blinken said."}"#);
    let d = corpus_with(&[("csv.jsonl", feed.as_bytes())]);
    let (o, s) = index(&d);
    assert_eq!(code(&o), 1);
    assert_eq!(n(&s, "skipped"), 500);
    let err = stderr(&o);
    let about = lines_about(&err, "csv.jsonl");
    assert_eq!(about.len(), 21, "20 lines and a count:\n{err}");
    assert!(about[20].contains("480 more problem(s)"), "{}", about[20]);
    summary_says_skipped(&o, 500);
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).expect("gzip");
    e.finish().expect("gzip")
}

#[test]
fn a_truncated_gzip_file_keeps_what_came_before_the_cut() {
    let mut feed = String::new();
    for i in 0..2000 {
        feed.push_str(&format!(
            "{{\"id\":\"a{i}\",\"title\":\"T{i}\",\"text\":\"“Talks number {i} will go on,” a spokesperson for minister {i} said. {}\"}}\n",
            "filler words ".repeat(i % 17)
        ));
    }
    let gz = gzip(feed.as_bytes());
    let cut = &gz[..gz.len() / 2];
    let txt = gzip(GOOD.as_bytes());
    let d = corpus_with(&[
        ("feed.jsonl.gz", cut),
        ("story.txt.gz", &txt[..txt.len() - 9]),
        ("notgz.jsonl.gz", b"plain text, not gzip\n"),
    ]);
    let (o, s) = index(&d);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let err = stderr(&o);
    let line = lines_about(&err, "feed.jsonl.gz");
    assert_eq!(line.len(), 1, "{err}");
    assert!(
        line[0].contains("damaged or truncated gzip stream")
            && line[0].contains("the rest of the file skipped"),
        "{}",
        line[0]
    );
    assert!(
        line[0].starts_with("whosaid: ") && line[0].contains("feed.jsonl.gz:"),
        "names the line: {}",
        line[0]
    );
    one_line(&o, "story.txt.gz", "damaged or truncated gzip stream");
    one_line(&o, "notgz.jsonl.gz", "gzip");
    let articles = n(&s, "articles");
    assert!(
        articles > 100 && articles < 2001,
        "the lines before the cut: {s}"
    );
    assert_eq!(n(&s, "skipped"), 3);
    good_is_found(&d);
}

/// Returns true if and only if this process can read a file whose mode is 000 (root can).
fn privileged(dir: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let p = dir.join("probe");
    std::fs::write(&p, "x").expect("probe");
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let readable = std::fs::read(&p).is_ok();
    let _ = std::fs::remove_file(&p);
    readable
}

#[test]
fn unreadable_files_are_named_and_skipped() {
    use std::os::unix::fs::PermissionsExt;
    let d = corpus_with(&[("locked.txt", b"Locked\n\nNothing to see.\n")]);
    std::fs::set_permissions(
        d.join("corpus/locked.txt"),
        std::fs::Permissions::from_mode(0o000),
    )
    .expect("chmod");
    // A directory entry whose target is gone: unreadable for root as well.
    std::os::unix::fs::symlink(d.join("gone.txt"), d.join("corpus/dangling.txt")).expect("ln");
    // A file whose reads fail with an I/O error, for root as well (when the system has one).
    let eio = Path::new("/proc/self/mem");
    let with_eio = std::fs::read(eio).is_err();
    if with_eio {
        std::os::unix::fs::symlink(eio, d.join("corpus/eio.txt")).expect("ln");
    }
    let (o, s) = index(&d);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    one_line(&o, "dangling.txt", "broken symbolic link");
    let mut expected = 1;
    if with_eio {
        one_line(&o, "eio.txt", "cannot read");
        expected += 1;
    }
    if privileged(d.path()) {
        eprintln!(
            "note: running as root, which reads mode-000 files: locked.txt is read, not skipped"
        );
    } else {
        one_line(&o, "locked.txt", "cannot read: Permission denied");
        expected += 1;
    }
    assert_eq!(n(&s, "skipped"), expected, "{}", stderr(&o));
    summary_says_skipped(&o, expected);
    good_is_found(&d);
}

#[test]
fn symbolic_link_loops_are_reported_once_and_not_followed() {
    let d = corpus_with(&[(
        "sub/inner.txt",
        b"Inner\n\n\xe2\x80\x9cWe want no escalation at all,\xe2\x80\x9d Olaf Scholz said.\n",
    )]);
    std::os::unix::fs::symlink("..", d.join("corpus/sub/up")).expect("ln");
    std::os::unix::fs::symlink("self.txt", d.join("corpus/self.txt")).expect("ln");
    let (o, s) = index(&d);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    one_line(&o, "up", "symbolic link loop");
    one_line(&o, "self.txt", "skipped");
    assert_eq!(n(&s, "articles"), 2, "{s}");
    assert_eq!(n(&s, "skipped"), 2);
    good_is_found(&d);
}

#[test]
fn a_directory_of_a_hundred_thousand_tiny_files() {
    let d = Dir::new();
    for i in 0..100_000u32 {
        let dir = d.join(&format!("corpus/{:03}", i / 1000));
        if i % 1000 == 0 {
            std::fs::create_dir_all(&dir).expect("mkdir");
        }
        std::fs::write(
            dir.join(format!("{i}.txt")),
            format!("Note {i}\n\nitem{i} here.\n"),
        )
        .expect("write");
    }
    let started = std::time::Instant::now();
    let (o, s) = index(&d);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(n(&s, "articles"), 100_000);
    assert_eq!(n(&s, "files"), 100_000);
    eprintln!("100,000 files indexed in {:?}", started.elapsed());
    let o = d.run(&["search", "item99999", "--index", "idx", "--json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}

#[test]
fn nothing_readable_exits_2() {
    let d = Dir::new();
    d.write("corpus/empty.txt", "");
    d.write("corpus/bin.txt", b"\x00\x01\x02");
    let (o, s) = index(&d);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert_eq!(n(&s, "skipped"), 2);
    assert_eq!(n(&s, "articles"), 0);
}
