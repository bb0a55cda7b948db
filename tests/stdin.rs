//! `whosaid extract -` and `whosaid index -`: JSON Lines articles on standard input, plain or
//! gzip'd, read as a stream (memory bounded whatever the input's length), bad lines named
//! `<stdin>:LINE` and skipped.

mod util;

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, Command, Stdio};

use util::{code, json_lines, stderr, Dir};

/// The generated stream's size in MB unless `WHOSAID_STREAM_MB` says otherwise: kept small enough
/// for the test suite; `WHOSAID_STREAM_MB=256 cargo test --release --test stdin -- --nocapture`
/// streams a few hundred MB and prints the peak memory, which stays the same.
const STREAM_MB: usize = 32;

/// The stream's size in bytes.
fn stream_bytes() -> usize {
    let mb = std::env::var("WHOSAID_STREAM_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(STREAM_MB);
    mb << 20
}

/// The most memory `extract -` may take, whatever the stream's length (MB).
const EXTRACT_PEAK_MB: f64 = 128.0;

/// The most memory `index - --memory 64` may take, whatever the stream's length (MB).
const INDEX_PEAK_MB: f64 = 384.0;

/// The template article: a paragraph of statements, then long paragraphs of reporting with none
/// (most of a news archive's text), so that the stream is long and still quick to read.
const PARAGRAPH: &str = "The minister said the talks in Geneva would go on. \"We will not give \
    up on diplomacy,\" Sergei Lavrov told reporters on Friday. Antony Blinken said the United \
    States was ready to respond to any escalation, and warned of severe costs.";

/// A sentence of reporting without a statement, repeated into long paragraphs.
const FILLER: &str = "The delegations met in a hotel by the lake, where the rooms had been \
    booked for a week and the cars waited outside through the afternoon. ";

/// Statements in the template article.
const STATEMENTS_AN_ARTICLE: usize = 3;

/// Line `i` of the generated stream: an article of its own id.
fn article_line(i: usize) -> String {
    let filler = FILLER.repeat(24);
    let text = format!("{PARAGRAPH}\n\n{filler}\n\n{filler}\n\n{filler}\n\n{filler}");
    let article = serde_json::json!({
        "id": format!("gen-{i}"),
        "title": format!("Talks in Geneva, day {i}"),
        "source": "Generated Wire",
        "date": "2022-01-21",
        "text": text,
    });
    format!("{article}\n")
}

/// Feeds `bytes` of generated articles to the child's standard input, on a thread; returns the
/// number of lines written.
fn feed(child: &mut Child, bytes: usize) -> std::thread::JoinHandle<usize> {
    let mut stdin = child.stdin.take().expect("stdin");
    std::thread::spawn(move || {
        let (mut written, mut lines) = (0, 0);
        let mut out = std::io::BufWriter::new(&mut stdin);
        while written < bytes {
            let line = article_line(lines);
            if out.write_all(line.as_bytes()).is_err() {
                break;
            }
            written += line.len();
            lines += 1;
        }
        let _ = out.flush();
        lines
    })
}

/// Waits for the child; returns its exit code and its peak resident memory in MB (the kernel's
/// own count for the child, from `wait4`).
fn wait_with_peak(child: Child) -> (i32, f64) {
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: a zeroed rusage is a valid value for wait4 to fill.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: pid is our own child, not yet waited for; the pointers are to live locals.
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(r, pid, "wait4 failed");
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    (code, usage.ru_maxrss as f64 / 1024.0)
}

fn whosaid(dir: &Dir, args: &[&str]) -> Command {
    let mut c = dir.cmd();
    c.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    c
}

/// Reads a child's stream to the end on a thread.
fn drain(r: impl Read + Send + 'static) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut s = String::new();
        let _ = BufReader::new(r).read_to_string(&mut s);
        s
    })
}

#[test]
fn extract_reads_a_long_stream_in_bounded_memory() {
    let dir = Dir::new();
    let mut child = whosaid(&dir, &["extract", "-", "--json"])
        .spawn()
        .expect("run whosaid");
    let fed = feed(&mut child, stream_bytes());
    let err = drain(child.stderr.take().expect("stderr"));
    let out = BufReader::new(child.stdout.take().expect("stdout"));
    let (mut statements, mut last_path, mut lavrov) = (0usize, String::new(), 0usize);
    for line in out.lines() {
        let line = line.expect("read stdout");
        let v: serde_json::Value = serde_json::from_str(&line).expect("a JSON line");
        statements += 1;
        if v["speaker"] == "Sergey Lavrov" {
            lavrov += 1;
        }
        last_path = v["path"].as_str().unwrap_or_default().to_string();
    }
    let lines = fed.join().expect("feeder");
    let (status, peak_mb) = wait_with_peak(child);
    let err = err.join().expect("stderr");
    assert_eq!(status, 0, "{err}");
    eprintln!(
        "extract -: {} MB in {lines} articles, {statements} statements, peak RSS {peak_mb:.0} MB",
        stream_bytes() >> 20
    );
    assert_eq!(last_path, format!("<stdin>:{lines}"));
    assert!(
        statements >= lines * STATEMENTS_AN_ARTICLE,
        "{statements} statements"
    );
    assert!(lavrov >= lines * 2, "{lavrov} statements of Lavrov");
    assert!(peak_mb < EXTRACT_PEAK_MB, "peak RSS {peak_mb:.0} MB");
}

#[test]
fn index_reads_a_long_stream_in_bounded_memory() {
    let dir = Dir::new();
    let mut child = whosaid(
        &dir,
        &[
            "index", "-", "--index", "idx", "--json", "--quiet", "--memory", "64",
        ],
    )
    .spawn()
    .expect("run whosaid");
    let fed = feed(&mut child, stream_bytes());
    let err = drain(child.stderr.take().expect("stderr"));
    let out = drain(child.stdout.take().expect("stdout"));
    let lines = fed.join().expect("feeder");
    let (status, peak_mb) = wait_with_peak(child);
    let (out, err) = (out.join().expect("stdout"), err.join().expect("stderr"));
    assert_eq!(status, 0, "{err}");
    let summary: serde_json::Value = serde_json::from_str(out.trim()).expect("JSON summary");
    eprintln!(
        "index -: {} MB in {lines} articles, {} statements, peak RSS {peak_mb:.0} MB",
        stream_bytes() >> 20,
        summary["statements"]
    );
    assert_eq!(summary["articles"], lines as u64);
    assert_eq!(summary["skipped"], 0);
    assert!(summary["statements"].as_u64().unwrap_or(0) >= (lines * STATEMENTS_AN_ARTICLE) as u64);
    assert!(peak_mb < INDEX_PEAK_MB, "peak RSS {peak_mb:.0} MB");
    let o = dir.run(&[
        "search",
        "diplomacy",
        "--kind",
        "direct",
        "--index",
        "idx",
        "--json",
        "-n",
        "1",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(json_lines(&o)[0]["speaker"], "Sergey Lavrov");
}

/// A stream with bad lines among good ones, gzip'd or not: each bad line is named
/// `<stdin>:LINE` and skipped, the rest is read.
#[test]
fn bad_lines_on_stdin_are_named_and_skipped() {
    let mut stream = String::new();
    stream.push_str(&article_line(1));
    stream.push_str("{not json\n");
    stream.push_str("{\"title\": \"no text\"}\n");
    stream.push('\n');
    stream.push_str(&article_line(2));
    stream.push_str("{\"text\": 42}\n");
    // Without an id: its line is its identity, whatever its place in the stream.
    stream.push_str("{\"text\": \"\\\"We will win,\\\" said John Smith.\"}\n");
    let gz = {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(stream.as_bytes()).expect("gzip");
        e.finish().expect("gzip")
    };
    for (how, bytes) in [("plain", stream.as_bytes().to_vec()), ("gzip", gz)] {
        let dir = Dir::new();
        let run = |args: &[&str]| {
            let mut child = whosaid(&dir, args).spawn().expect("run whosaid");
            let mut stdin = child.stdin.take().expect("stdin");
            stdin.write_all(&bytes).expect("write stdin");
            drop(stdin);
            child.wait_with_output().expect("wait")
        };
        let o = run(&["extract", "-", "--json"]);
        let err = stderr(&o);
        assert_eq!(code(&o), 0, "{how}: {err}");
        for (line, says) in [
            (2, "invalid JSON"),
            (3, "no text field"),
            (6, "holds a number"),
        ] {
            assert!(
                err.contains(&format!("<stdin>:{line}: ")) && err.contains(says),
                "{how}: line {line}: {err}"
            );
        }
        assert!(!err.contains("<stdin>:4"), "{how}: {err}");
        let found = json_lines(&o);
        let articles: std::collections::BTreeSet<&str> =
            found.iter().filter_map(|v| v["article"].as_str()).collect();
        assert!(
            articles.contains("gen-1") && articles.contains("gen-2"),
            "{how}"
        );
        let smith: Vec<_> = found
            .iter()
            .filter(|v| v["speaker"] == "John Smith")
            .collect();
        assert_eq!(smith.len(), 1, "{how}");
        assert_eq!(smith[0]["path"], "<stdin>:7");

        let o = run(&["index", "-", "--index", "idx", "--json"]);
        let summary: serde_json::Value =
            serde_json::from_str(util::stdout(&o).trim()).expect("JSON summary");
        assert_eq!(code(&o), 1, "{how}: some lines skipped: {}", stderr(&o));
        assert_eq!(summary["articles"], 3, "{how}");
        assert_eq!(summary["skipped"], 3, "{how}");
        assert!(stderr(&o).contains("<stdin>:2: invalid JSON"), "{how}");
    }
}
