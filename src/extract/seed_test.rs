//! Scores the extractor on the seed article against its gold annotation (`../shared`), with a
//! small port of the reference scorer's matching: a gold statement is found when its words lie
//! inside a system statement (or 80% of them do); a person is right when the system speaker holds
//! the gold surname; an organisation when its words (or their countries) are there.

use std::collections::HashSet;
use std::path::Path;

use super::Extractor;

fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '’' | '‘' => out.push('\''),
            '\u{a0}' => out.push(' '),
            c if c.is_alphanumeric() => out.push_str(&crate::names::fold_word(&c.to_string())),
            c => out.push(c),
        }
    }
    out
}

fn words(s: &str) -> Vec<String> {
    fold(s)
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '$' || c == '\''))
        .map(|w| w.trim_matches('\''))
        .map(|w| w.strip_suffix("'s").unwrap_or(w).to_string())
        .filter(|w| !w.is_empty())
        .collect()
}

fn stem(w: &str) -> &str {
    for end in ["yy", "iy", "y", "i"] {
        if let Some(s) = w.strip_suffix(end) {
            return s;
        }
    }
    w
}

const DEMONYMS: &[(&str, &[&str])] = &[
    ("baltic", &["estonia", "latvia", "lithuania"]),
    ("romanian", &["romania"]),
    ("russian", &["russia"]),
    ("ukrainian", &["ukraine"]),
    ("iranian", &["iran"]),
];

fn speaker_ok(gold: &str, sys: Option<&str>, countries: &[String]) -> bool {
    let Some(sys) = sys else {
        return false;
    };
    let stop = ["the", "of", "a", "an", "in", "s"];
    let gw: Vec<String> = words(gold)
        .into_iter()
        .filter(|w| !stop.contains(&w.as_str()))
        .collect();
    let sw: Vec<String> = words(sys)
        .into_iter()
        .filter(|w| !stop.contains(&w.as_str()))
        .collect();
    let orgish = ["ministry", "ministers", "services", "intelligence", "tv"];
    if gw.iter().any(|w| orgish.contains(&w.as_str())) {
        let nats: HashSet<String> = sw
            .iter()
            .cloned()
            .chain(countries.iter().map(|c| fold(c)))
            .collect();
        return gw.iter().all(|w| {
            if let Some((_, cs)) = DEMONYMS.iter().find(|(d, _)| d == w) {
                cs.iter()
                    .any(|c| nats.iter().any(|n| n.starts_with(&c[..c.len().min(5)])))
            } else {
                sw.iter().any(|s| s.starts_with(&w[..w.len().min(6)]))
            }
        });
    }
    let Some(key) = gw.last() else {
        return false;
    };
    sw.iter().any(|s| stem(s) == stem(key))
}

#[test]
fn seed_article_scores() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let article_path = root.join("seed/000_b06ab901e683e377.txt");
    let gold_path = root.join("gold/seed.jsonl");
    let (Ok(raw), Ok(gold)) = (
        std::fs::read_to_string(&article_path),
        std::fs::read_to_string(&gold_path),
    ) else {
        eprintln!(
            "seed_article_scores: skipped, {} or {} is missing",
            article_path.display(),
            gold_path.display()
        );
        return;
    };
    let article = crate::input::parse_text(&raw, "seed.txt", "seed");
    let ex = Extractor::default().extract(&article);
    let sys: Vec<(Vec<String>, Option<&str>, &[String])> = ex
        .statements
        .iter()
        .map(|s| {
            (
                words(&article.text[s.start..s.end]),
                s.speaker.as_deref(),
                s.countries.as_slice(),
            )
        })
        .collect();
    let mut matched = vec![false; sys.len()];
    let (mut n, mut found, mut attr, mut country_n, mut country_ok) = (0, 0, 0, 0, 0);
    let mut gold_texts = Vec::new();
    for line in gold.lines().filter(|l| !l.trim().is_empty()) {
        let Ok(g) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let text = g["text"].as_str().unwrap_or("");
        let speaker = g["speaker"].as_str().unwrap_or("");
        let required = g["required"].as_bool().unwrap_or(true);
        let gcountries: Vec<String> = g["country"]
            .as_array()
            .map(|a| a.iter().filter_map(|c| c.as_str()).map(fold).collect())
            .unwrap_or_default();
        let gw = words(text);
        gold_texts.push(gw.join(" "));
        let joined = gw.join(" ");
        let cands: Vec<usize> = (0..sys.len())
            .filter(|&i| {
                let sj = sys[i].0.join(" ");
                let set: HashSet<&String> = sys[i].0.iter().collect();
                !gw.is_empty()
                    && (sj.contains(&joined)
                        || gw.iter().filter(|w| set.contains(w)).count() as f64
                            >= 0.8 * gw.len() as f64)
            })
            .collect();
        for &i in &cands {
            matched[i] = true;
        }
        if !required {
            continue;
        }
        n += 1;
        if cands.is_empty() {
            eprintln!("seed: missed {text:?}");
            continue;
        }
        found += 1;
        let best = cands
            .iter()
            .find(|&&i| speaker_ok(speaker, sys[i].1, sys[i].2));
        match best {
            Some(_) => attr += 1,
            None => eprintln!("seed: wrong speaker for {text:?}: {:?}", sys[cands[0]].1),
        }
        if !gcountries.is_empty() {
            country_n += 1;
            let i = *best.unwrap_or(&cands[0]);
            if sys[i].2.iter().any(|c| gcountries.contains(&fold(c))) {
                country_ok += 1;
            }
        }
    }
    for (i, m) in matched.iter_mut().enumerate() {
        if !*m && sys[i].0.len() >= 2 {
            let sj = sys[i].0.join(" ");
            *m = gold_texts.iter().any(|g| g.contains(&sj));
        }
    }
    let recall = found as f64 / n as f64;
    let precision = matched.iter().filter(|m| **m).count() as f64 / sys.len().max(1) as f64;
    let attribution = attr as f64 / found.max(1) as f64;
    let country = country_ok as f64 / country_n.max(1) as f64;
    eprintln!("seed: recall {recall:.3} precision {precision:.3} attribution {attribution:.3} country {country:.3}");
    assert!(
        recall >= 0.97,
        "help: seed recall {recall:.3} fell under 0.97"
    );
    assert!(
        precision >= 0.93,
        "help: seed precision {precision:.3} fell under 0.93"
    );
    assert!(
        attribution >= 0.97,
        "help: seed attribution {attribution:.3} fell under 0.97"
    );
    assert!(
        country >= 0.97,
        "help: seed country {country:.3} fell under 0.97"
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
