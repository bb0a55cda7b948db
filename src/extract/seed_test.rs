//! Scores the extractor on the seed article against its gold annotation (`../shared`) with the
//! scorer of `whosaid eval` ([`crate::eval::score`], which scores as the reference scorer does).

use std::path::Path;

use super::Extractor;
use crate::eval::{score, SystemStatement};

#[test]
fn seed_article_scores() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let article_path = root.join("seed/000_b06ab901e683e377.txt");
    let gold_path = root.join("gold/seed.jsonl");
    let (Ok(raw), Ok(gold)) = (
        std::fs::read_to_string(&article_path),
        crate::eval::read_gold(&gold_path),
    ) else {
        eprintln!(
            "seed_article_scores: skipped, {} or {} is missing",
            article_path.display(),
            gold_path.display()
        );
        return;
    };
    let article = crate::input::parse_text(&raw, "seed.txt", "seed");
    let system: Vec<SystemStatement> = Extractor::default()
        .extract(&article)
        .statements
        .into_iter()
        .map(|s| SystemStatement {
            text: article.text[s.start..s.end].to_string(),
            speaker: s.speaker,
            countries: s.countries,
            construction: Some(s.construction),
            ..SystemStatement::default()
        })
        .collect();
    let report = score(&gold, &system, None);
    for line in report.detail_lines(&gold, &system) {
        eprintln!("seed: {line}");
    }
    let s = report.scores;
    let country = s.country.unwrap_or(0.0);
    eprintln!(
        "seed: recall {} precision {} attribution {} country {country}",
        s.recall, s.precision, s.attribution
    );
    assert!(
        s.recall >= 0.97,
        "help: seed recall {} fell under 0.97",
        s.recall
    );
    assert!(
        s.precision >= 0.93,
        "help: seed precision {} fell under 0.93",
        s.precision
    );
    assert!(
        s.attribution >= 0.97,
        "help: seed attribution {} fell under 0.97",
        s.attribution
    );
    assert!(
        country >= 0.97,
        "help: seed country {country} fell under 0.97"
    );
}

/// Extraction speed on the PolNeAR training articles, in MB/s of article text on one core.
/// Run with `cargo test --release --lib extraction_speed -- --ignored --nocapture`.
#[test]
#[ignore]
fn extraction_speed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/gold/polnear-train/articles");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("extraction_speed: skipped, {} is missing", dir.display());
        return;
    };
    let articles: Vec<crate::article::Article> = entries
        .filter_map(Result::ok)
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .map(|raw| crate::input::parse_text(&raw, "a.txt", "a"))
        .collect();
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let ex = Extractor::default();
    // CPU time of this thread (utime + stime, in clock ticks), so that a busy machine does not
    // count against the figure.
    let cpu = || -> Option<f64> {
        let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
        let rest = stat.rsplit_once(')')?.1;
        let f: Vec<&str> = rest.split_whitespace().collect();
        let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
        Some(ticks / 100.0)
    };
    let runs = 5;
    let mut count = 0;
    let (t, c) = (std::time::Instant::now(), cpu());
    for _ in 0..runs {
        count = articles
            .iter()
            .map(|a| ex.extract(a).statements.len())
            .sum::<usize>();
    }
    let wall = t.elapsed().as_secs_f64() / runs as f64;
    let cpu_s = c.zip(cpu()).map(|(a, b)| (b - a) / runs as f64);
    assert!(count > 1000, "help: only {count} statements");
    let mb = bytes as f64 / 1e6;
    eprintln!(
        "extraction_speed: {bytes} bytes, {count} statements; wall {:.1} MB/s; cpu {}",
        mb / wall,
        cpu_s.map_or("unknown".to_string(), |s| format!("{:.1} MB/s", mb / s))
    );
}
