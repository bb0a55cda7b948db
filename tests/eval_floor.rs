//! The extraction figures must not fall back: `whosaid eval` on the gold files of `../shared`,
//! with floors just under what the extractor reaches (see docs/extraction.md).

mod util;

use util::*;

fn figures(args: &[&str]) -> serde_json::Value {
    let d = Dir::new();
    let o = d.run(args);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    json_lines(&o).pop().expect("a JSON line")
}

fn at_least(f: &serde_json::Value, key: &str, floor: f64) {
    let v = f[key].as_f64().unwrap_or(0.0);
    assert!(v >= floor, "help: {key} {v:.3} fell under {floor}: {f}");
}

#[test]
fn seed_figures_hold() {
    let Some(shared) = shared() else { return };
    let gold = shared.join("gold/seed.jsonl");
    let f = figures(&["eval", gold.to_str().unwrap(), "--json"]);
    at_least(&f, "recall", 0.98);
    at_least(&f, "precision", 0.95);
    at_least(&f, "attribution", 0.98);
    at_least(&f, "country", 0.98);
}

#[test]
fn polnear_dev_figures_hold() {
    let Some(shared) = shared() else { return };
    let gold = shared.join("gold/polnear-dev");
    let f = figures(&["eval", gold.to_str().unwrap(), "--json"]);
    at_least(&f, "f1", 0.92);
    at_least(&f, "recall", 0.90);
    at_least(&f, "precision", 0.94);
    at_least(&f, "attribution", 0.82);
    let d = figures(&["eval", gold.to_str().unwrap(), "--json", "--kind", "direct"]);
    at_least(&d, "f1", 0.94);
}
