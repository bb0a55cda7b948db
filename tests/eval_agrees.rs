//! `whosaid eval` agrees with the reference scorer `../shared/tools/score_statements.py`: on the
//! seed and PolNeAR dev (system statements from `whosaid extract --json`) and on small synthetic
//! gold/system files made for the edge cases. Skipped, with a message, where `../shared` or
//! `python3` is missing.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_whosaid");

fn shared() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if !p.join("tools/score_statements.py").exists() {
        eprintln!("skipped: ../shared/tools/score_statements.py not found");
        return None;
    }
    if Command::new("python3").arg("--version").output().is_err() {
        eprintln!("skipped: python3 not found");
        return None;
    }
    Some(p)
}

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().expect("command runs");
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

fn last_json(out: &str) -> Value {
    let line = out.lines().last().expect("a last line");
    serde_json::from_str(line).expect("the last line is JSON")
}

/// Scores `system` against `gold` with both scorers and asserts every figure is equal, for all
/// kinds; returns the Rust figures (all kinds) for reporting. With `same_text`, the whole
/// human-readable output must be equal too (only where the gold covers one article, since the
/// reference scorer lists unmatched statements of several articles in hash order).
fn compare(shared: &Path, gold: &Path, system: &Path, same_text: bool) -> Value {
    let script = shared.join("tools/score_statements.py");
    let mut figures = Value::Null;
    for kind in [None, Some("direct"), Some("indirect")] {
        let mut py = Command::new("python3");
        py.arg(&script).arg(gold).arg(system).arg("--json");
        let mut rs = Command::new(BIN);
        rs.arg("eval")
            .arg(gold)
            .arg("--system")
            .arg(system)
            .arg("--json");
        if let Some(k) = kind {
            py.args(["--kind", k]);
            rs.args(["--kind", k]);
        }
        let (p, r) = (last_json(&run(&mut py)), last_json(&run(&mut rs)));
        let obj = p.as_object().expect("an object");
        for key in [
            "gold_required",
            "system",
            "recall",
            "precision",
            "f1",
            "attribution",
            "country",
        ] {
            assert!(obj.contains_key(key), "python output lacks {key}");
            assert_eq!(
                p[key],
                r[key],
                "help: {key} differs (kind {kind:?}) for {} / {}: python {p}, whosaid {r}",
                gold.display(),
                system.display()
            );
        }
        assert_eq!(p, r);
        if kind.is_none() {
            figures = r;
        }
        if same_text {
            let mut py = Command::new("python3");
            py.arg(&script).arg(gold).arg(system);
            let mut rs = Command::new(BIN);
            rs.arg("eval").arg(gold).arg("--system").arg(system);
            if let Some(k) = kind {
                py.args(["--kind", k]);
                rs.args(["--kind", k]);
            }
            assert_eq!(run(&mut py), run(&mut rs), "human output differs");
        }
    }
    figures
}

/// `extract --json` output with a `doc` field (the file stem of `path`): the scorers look for
/// `doc`, then `article`, then `path`, and `article` holds an id, not the file name.
fn with_doc(jsonl: &str) -> String {
    let mut out = String::new();
    for line in jsonl.lines().filter(|l| !l.trim().is_empty()) {
        let mut v: Value = serde_json::from_str(line).expect("extract prints JSON");
        let path = v["path"].as_str().expect("a path").to_string();
        let stem = Path::new(&path)
            .file_stem()
            .expect("a file name")
            .to_string_lossy()
            .into_owned();
        v["doc"] = Value::String(stem);
        out.push_str(&v.to_string());
        out.push('\n');
    }
    out
}

#[test]
fn agrees_with_python_on_seed() {
    let Some(shared) = shared() else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    let article = shared.join("seed/000_b06ab901e683e377.txt");
    let system = dir.path().join("seed-system.jsonl");
    let out = run(Command::new(BIN).arg("extract").arg(&article).arg("--json"));
    std::fs::write(&system, out).expect("write");
    let gold = shared.join("gold/seed.jsonl");
    let figures = compare(&shared, &gold, &system, true);
    eprintln!("seed: {figures}");
    // Running extraction itself gives the same figures as scoring its output.
    let own = last_json(&run(Command::new(BIN).arg("eval").arg(&gold).arg("--json")));
    assert_eq!(own, figures);
}

#[test]
fn agrees_with_python_on_polnear_dev() {
    let Some(shared) = shared() else { return };
    let dev = shared.join("gold/polnear-dev");
    let dir = tempfile::tempdir().expect("temp dir");
    let system = dir.path().join("dev-system.jsonl");
    let out = run(Command::new(BIN)
        .arg("extract")
        .arg(dev.join("articles"))
        .arg("--json"));
    std::fs::write(&system, with_doc(&out)).expect("write");
    let figures = compare(&shared, &dev.join("gold.jsonl"), &system, false);
    eprintln!("polnear-dev: {figures}");
    assert!(
        figures["system"].as_u64().unwrap_or(0) > 0,
        "nothing scored"
    );
    let own = last_json(&run(Command::new(BIN).arg("eval").arg(&dev).arg("--json")));
    assert_eq!(own, figures);
}

fn jsonl(values: &[Value]) -> String {
    values.iter().map(|v| format!("{v}\n")).collect()
}

#[test]
fn agrees_with_python_on_synthetic_edge_cases() {
    use serde_json::json;
    let Some(shared) = shared() else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    let g = |text: &str, speaker: &str, country: &[&str], kind: &str| json!({"text": text, "speaker": speaker, "country": country, "kind": kind, "required": true});
    // One article: organisations, countries, nationality words, transliterations.
    let gold = vec![
        g(
            "We do not want a war with anyone",
            "Alexander Lukashenko",
            &["Belarus"],
            "direct",
        ),
        g(
            "the talks were frank and useful",
            "Sergey Lavrov",
            &["Russia"],
            "direct",
        ),
        g(
            "Kyiv will never accept these terms",
            "Volodymyr Zelenskyy",
            &["Ukraine"],
            "direct",
        ),
        g(
            "the drills will end on schedule",
            "Russian defence ministry",
            &["Russia"],
            "indirect",
        ),
        g(
            "its diplomats would stay in Kyiv",
            "Romanian foreign ministry",
            &["Romania"],
            "indirect",
        ),
        g(
            "sanctions would follow any incursion",
            "United States",
            &["United States"],
            "indirect",
        ),
        g(
            "the troops are on Russian soil",
            "Kremlin",
            &["Russia"],
            "indirect",
        ),
        g(
            "no decision has been taken yet",
            "Ukraine",
            &["Ukraine"],
            "indirect",
        ),
        g(
            "the column moved towards the border",
            "Ukrainian military intelligence",
            &["Ukraine"],
            "indirect",
        ),
        g(
            "Iran is ready for a fair deal",
            "Iranian state TV",
            &["Iran"],
            "direct",
        ),
        g(
            "the ministers agreed on more aid",
            "Baltic defence ministers",
            &["Estonia", "Latvia", "Lithuania"],
            "indirect",
        ),
        g(
            "Café owners in Łódź said prices rose",
            "Mateusz Morawiecki",
            &["Poland"],
            "direct",
        ),
        g(
            "a résumé of the talks was published",
            "Interfax",
            &["Russia"],
            "indirect",
        ),
        json!({"text": "we believe the invasion is imminent", "speaker": "Antony Blinken", "country": ["United States"], "kind": "indirect", "required": false}),
        g(
            "one two three four five six seven eight nine ten",
            "Natacha Butler",
            &[],
            "direct",
        ),
        g(
            "never produced by the system at all",
            "Dorsa Jabbari",
            &[],
            "direct",
        ),
    ];
    let s = |text: &str, speaker: Option<&str>, country: Value| json!({"text": text, "speaker": speaker, "country": country});
    let system = vec![
        s(
            "“We do not want a war with anyone,” he said",
            Some("Lukashenko"),
            json!(["Belarus"]),
        ),
        s(
            "the talks were frank and useful",
            Some("Lavrov"),
            json!("Russia"),
        ),
        s(
            "Kyiv will never accept these terms",
            Some("President Zelenskiy"),
            json!(["ukraine"]),
        ),
        s(
            "the drills will end on schedule",
            Some("Russian Defense Ministry"),
            json!([]),
        ),
        s(
            "its diplomats would stay in Kyiv",
            Some("foreign ministry"),
            json!(["Romania"]),
        ),
        s(
            "sanctions would follow any incursion",
            Some("Washington"),
            json!(null),
        ),
        s(
            "the troops are on Russian soil",
            Some("Dmitry Peskov"),
            json!(["Russia"]),
        ),
        s("no decision has been taken yet", Some("Kyiv"), json!([])),
        s(
            "the column moved towards the border",
            Some("Ukraine's military intelligence"),
            json!([]),
        ),
        s(
            "Iran is ready for a fair deal",
            Some("state TV"),
            json!(["Iran"]),
        ),
        s(
            "the ministers agreed on more aid",
            Some("defence ministers"),
            json!(["Estonia"]),
        ),
        s(
            "Cafe owners in Lodz said prices rose",
            Some("Morawiecki"),
            json!(["Poland"]),
        ),
        s(
            "a resume of the talks",
            Some("Interfax news agency"),
            json!([]),
        ),
        s(
            "the invasion is imminent",
            Some("Blinken"),
            json!(["United States"]),
        ),
        s(
            "one two three four five six seven eight zzz yyy",
            Some("Butler"),
            json!([]),
        ),
        s("frank", None, json!([])),
        s(
            "an unrelated remark about the weather",
            Some("Someone"),
            json!([]),
        ),
        s("", None, json!([])),
    ];
    let gp = dir.path().join("gold.jsonl");
    let sp = dir.path().join("system.jsonl");
    std::fs::write(&gp, jsonl(&gold)).expect("write");
    std::fs::write(&sp, jsonl(&system)).expect("write");
    let figures = compare(&shared, &gp, &sp, true);
    eprintln!("synthetic, one article: {figures}");

    // Several articles: scoping by document, `named`, system lines naming their article by
    // `path` or `article`, a system article the gold does not cover.
    let gold = vec![
        json!({"doc": "a", "text": "the economy is growing fast", "speaker": "Mr. Obama", "kind": "indirect", "required": true, "named": true, "country": []}),
        json!({"doc": "a", "text": "we will win this election", "speaker": "he", "kind": "direct", "required": true, "named": false, "country": []}),
        json!({"doc": "b", "text": "the economy is growing fast", "speaker": "Trump", "kind": "indirect", "required": true, "named": true, "country": []}),
        json!({"doc": "b", "text": "taxes will go down for everyone", "speaker": "Donald J. Trump", "kind": "direct", "required": true, "named": true, "country": []}),
        json!({"doc": "c", "text": "nobody said this", "speaker": "Clinton", "kind": "direct", "required": true, "named": true, "country": []}),
    ];
    let system = vec![
        json!({"path": "/x/articles/a.txt", "text": "the economy is growing fast", "speaker": "Barack Obama"}),
        json!({"path": "/x/articles/a.txt", "text": "we will win this election", "speaker": null}),
        json!({"article": "b.txt", "text": "the economy is growing fast", "speaker": "Obama"}),
        json!({"path": "b.txt", "text": "taxes will go down", "speaker": "Trump"}),
        json!({"path": "d.txt", "text": "an article the gold does not cover", "speaker": "X"}),
    ];
    std::fs::write(&gp, jsonl(&gold)).expect("write");
    std::fs::write(&sp, jsonl(&system)).expect("write");
    let figures = compare(&shared, &gp, &sp, false);
    eprintln!("synthetic, several articles: {figures}");

    // Exact ties in rounding: 9 found of 16 is 0.5625, which Python rounds to 0.562.
    let gold: Vec<Value> = (0..16)
        .map(|i| {
            g(
                &format!("statement number {i} here"),
                "Sergey Lavrov",
                &[],
                "direct",
            )
        })
        .collect();
    let system: Vec<Value> = (0..9)
        .map(|i| {
            s(
                &format!("statement number {i} here"),
                Some("Lavrov"),
                json!([]),
            )
        })
        .collect();
    std::fs::write(&gp, jsonl(&gold)).expect("write");
    std::fs::write(&sp, jsonl(&system)).expect("write");
    let figures = compare(&shared, &gp, &sp, true);
    assert_eq!(figures["recall"], json!(0.562));
}
