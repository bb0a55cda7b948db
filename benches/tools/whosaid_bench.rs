//! `whosaid-bench`: the in-process measurements of `benches/compare`, printed as one JSON object.
//!
//! ```text
//! whosaid-bench queries --index DIR --queries benches/queries.txt [--rounds N] [--limit N]
//! whosaid-bench extract [--min-seconds S] PATH...
//! whosaid-bench index --index DIR [--workers N] [--index-threads N] [--heap-mb MB] [--no-merge] PATH...
//! ```
//!
//! `queries` runs every query of the file warm, as a long-lived process would: the search with
//! snippets (`Searcher::search`) and the facet counts a results page shows (speakers, countries,
//! topics of the matches), and reports each query's median latency and their p50 and p95.
//! `extract` reads the articles first, then times extraction alone over them (repeated until
//! `--min-seconds` have passed) and reports MB/s of article text.
//!
//! A query line is `QUERY` or `QUERY<TAB>--speaker NAME --source S ...` (the filter flags of
//! `whosaid search`, each value running to the next flag).

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use serde_json::json;
use whosaid::index::search::{Filters, KindFilter, Request, Searcher};

/// One line of the query file.
struct QueryLine {
    query: String,
    filters: Filters,
    raw_filters: String,
}

fn parse_filters(spec: &str) -> Result<Filters> {
    let mut f = Filters::default();
    let mut flag: Option<String> = None;
    let mut value: Vec<&str> = Vec::new();
    let set = |flag: &str, v: String, f: &mut Filters| -> Result<()> {
        match flag {
            "--speaker" => f.speaker = Some(v),
            "--country" => f.country = Some(v),
            "--topic" => f.topic = Some(v),
            "--source" => f.source = Some(v),
            "--since" => f.since = Some(v),
            "--until" => f.until = Some(v),
            "--kind" => {
                f.kind = Some(match v.as_str() {
                    "direct" => KindFilter::Direct,
                    "indirect" => KindFilter::Indirect,
                    "statement" => KindFilter::Statement,
                    "passage" => KindFilter::Passage,
                    other => bail!("unknown kind {other}"),
                })
            }
            other => bail!("unknown filter {other} (valid: --speaker --country --topic --source --since --until --kind)"),
        }
        Ok(())
    };
    for w in spec.split_whitespace() {
        if w.starts_with("--") {
            if let Some(fl) = flag.take() {
                set(&fl, value.join(" "), &mut f)?;
            }
            flag = Some(w.to_string());
            value.clear();
        } else {
            value.push(w);
        }
    }
    if let Some(fl) = flag {
        set(&fl, value.join(" "), &mut f)?;
    }
    Ok(f)
}

fn read_queries(path: &PathBuf) -> Result<Vec<QueryLine>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("{}", path.display()))?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (q, f) = line.split_once('\t').unwrap_or((line, ""));
        out.push(QueryLine {
            query: q.trim().to_string(),
            filters: parse_filters(f).with_context(|| format!("{}:{}", path.display(), i + 1))?,
            raw_filters: f.trim().to_string(),
        });
    }
    Ok(out)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = (p * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

/// One results page: the hits with snippets and the facet counts beside them (the top 10
/// speakers, countries and topics of the matching statements, counted in the same pass as the
/// ranking, as `whosaid search --facets` does). Returns the answer (matches, hits, facet values)
/// and the milliseconds of the page and of the same search without facet counts.
fn page(s: &Searcher, q: &QueryLine, limit: usize) -> Result<((usize, usize, usize), f64, f64)> {
    let mut req = Request {
        query: q.query.clone(),
        filters: q.filters.clone(),
        limit,
        snippet_chars: 200,
        collapse: false,
        facets: Some(10),
    };
    let t = Instant::now();
    let res = s.search(&req)?;
    let page_ms = t.elapsed().as_secs_f64() * 1e3;
    let facets = res
        .facets
        .as_ref()
        .map_or(0, |f| f.speaker.len() + f.country.len() + f.topic.len());
    req.facets = None;
    let t = Instant::now();
    let plain = s.search(&req)?;
    let search_ms = t.elapsed().as_secs_f64() * 1e3;
    assert_eq!(
        plain.total, res.total,
        "{}: facet counts changed the matches",
        q.query
    );
    Ok(((res.total, res.hits.len(), facets), page_ms, search_ms))
}

fn queries(args: &[String]) -> Result<serde_json::Value> {
    let mut index = None;
    let mut file = None;
    let mut rounds = 5usize;
    let mut limit = 10usize;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut val = || it.next().cloned().context("flag needs a value");
        match a.as_str() {
            "--index" => index = Some(PathBuf::from(val()?)),
            "--queries" => file = Some(PathBuf::from(val()?)),
            "--rounds" => rounds = val()?.parse()?,
            "--limit" => limit = val()?.parse()?,
            other => bail!("unknown argument {other}"),
        }
    }
    let index = index.context("--index DIR is required")?;
    let file = file.context("--queries FILE is required")?;
    let opened = Instant::now();
    let s = Searcher::open(&index)?;
    let open_ms = opened.elapsed().as_secs_f64() * 1e3;
    // A long-lived process reads the facet names once (`Searcher::warm`).
    let warmed = Instant::now();
    s.warm()?;
    let warm_ms = warmed.elapsed().as_secs_f64() * 1e3;
    let lines = read_queries(&file)?;
    let mut per = Vec::new();
    let mut medians = Vec::new();
    let mut search_medians = Vec::new();
    let mut facet_medians = Vec::new();
    // Warm-up: one pass over every query, so that the index's pages are in memory.
    for q in &lines {
        page(&s, q, limit)?;
    }
    for q in &lines {
        let mut times = Vec::with_capacity(rounds);
        let mut search_times = Vec::with_capacity(rounds);
        let mut facet_times = Vec::with_capacity(rounds);
        let mut answer = None;
        for _ in 0..rounds.max(1) {
            let (got, page_ms, search_ms) = page(&s, q, limit)?;
            times.push(page_ms);
            search_times.push(search_ms);
            facet_times.push((page_ms - search_ms).max(0.0));
            if let Some(prev) = answer {
                assert_eq!(
                    prev, got,
                    "{}: the same query answered differently",
                    q.query
                );
            }
            answer = Some(got);
        }
        times.sort_by(f64::total_cmp);
        let med = percentile(&times, 0.5);
        medians.push(med);
        search_times.sort_by(f64::total_cmp);
        facet_times.sort_by(f64::total_cmp);
        let (search_med, facet_med) = (
            percentile(&search_times, 0.5),
            percentile(&facet_times, 0.5),
        );
        search_medians.push(search_med);
        facet_medians.push(facet_med);
        let (total, hits, facets) = answer.unwrap_or_default();
        per.push(json!({
            "query": q.query, "filters": q.raw_filters, "total": total, "hits": hits,
            "facet_values": facets, "ms": med, "search_ms": search_med, "facets_ms": facet_med,
        }));
    }
    let mut sorted = medians.clone();
    sorted.sort_by(f64::total_cmp);
    search_medians.sort_by(f64::total_cmp);
    facet_medians.sort_by(f64::total_cmp);
    Ok(json!({
        "index_docs": s.num_docs(),
        "open_ms": open_ms,
        "warm_ms": warm_ms,
        "queries": lines.len(),
        "rounds": rounds,
        "p50_ms": percentile(&sorted, 0.5),
        "p95_ms": percentile(&sorted, 0.95),
        "mean_ms": sorted.iter().sum::<f64>() / sorted.len().max(1) as f64,
        "search_p50_ms": percentile(&search_medians, 0.5),
        "search_p95_ms": percentile(&search_medians, 0.95),
        "facets_p50_ms": percentile(&facet_medians, 0.5),
        "facets_p95_ms": percentile(&facet_medians, 0.95),
        "per_query": per,
    }))
}

fn extract(args: &[String]) -> Result<serde_json::Value> {
    let mut min_seconds = 2.0f64;
    let mut paths = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--min-seconds" => min_seconds = it.next().context("a number")?.parse()?,
            p => paths.push(PathBuf::from(p)),
        }
    }
    let fields = whosaid::input::FieldMap::default();
    let mut articles = Vec::new();
    for (path, format) in whosaid::input::discover(&paths, |e| eprintln!("whosaid-bench: {e}")) {
        whosaid::input::read_file(&path, format, &fields, &mut |item| {
            if let whosaid::input::Item::Article(a, _) = item {
                articles.push(a);
            }
        });
    }
    if articles.is_empty() {
        bail!("no article under the paths given");
    }
    let ex = whosaid::extract::Extractor::new(whosaid::topics::Taxonomy::default());
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let started = Instant::now();
    let mut rounds = 0u64;
    let mut statements = 0usize;
    while rounds == 0 || started.elapsed().as_secs_f64() < min_seconds {
        statements = articles
            .iter()
            .map(|a| ex.extract(a).statements.len())
            .sum();
        rounds += 1;
    }
    let secs = started.elapsed().as_secs_f64();
    Ok(json!({
        "articles": articles.len(),
        "bytes": bytes,
        "statements": statements,
        "rounds": rounds,
        "seconds": secs,
        "mb_s": bytes as f64 * rounds as f64 / 1e6 / secs,
        "threads": 1,
    }))
}

/// `index`: the ingest of `whosaid index` with its knobs exposed, to try settings before they
/// become defaults.
fn index(args: &[String]) -> Result<serde_json::Value> {
    let mut dir = None;
    let mut paths = Vec::new();
    let mut workers = None;
    let mut index_threads = None;
    let mut heap_mb = None;
    let mut merge = true;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut val = || it.next().cloned().context("flag needs a value");
        match a.as_str() {
            "--index" => dir = Some(PathBuf::from(val()?)),
            "--workers" => workers = Some(val()?.parse()?),
            "--index-threads" => index_threads = Some(val()?.parse()?),
            "--heap-mb" => heap_mb = Some(val()?.parse::<usize>()?),
            "--no-merge" => merge = false,
            p => paths.push(PathBuf::from(p)),
        }
    }
    let mut cfg = whosaid::ingest::Config::new(paths, dir.context("--index DIR is required")?);
    cfg.rebuild = true;
    cfg.workers = workers.unwrap_or(cfg.workers);
    cfg.index_threads = index_threads.unwrap_or(cfg.index_threads);
    cfg.heap_bytes = heap_mb.map_or(cfg.heap_bytes, |m| m << 20);
    cfg.final_merge = merge;
    let ex = whosaid::extract::Extractor::new(whosaid::topics::Taxonomy::default());
    let stop = std::sync::atomic::AtomicBool::new(false);
    let started = Instant::now();
    let s = whosaid::ingest::run(&cfg, &ex, &whosaid::ingest::Silent, &stop)?;
    let secs = started.elapsed().as_secs_f64();
    Ok(json!({
        "workers": cfg.workers, "index_threads": cfg.index_threads, "heap_mb": cfg.heap_bytes >> 20,
        "final_merge": cfg.final_merge,
        "seconds": secs, "mb_s": s.text_bytes as f64 / 1e6 / secs, "summary": s,
    }))
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let out = match args.first().map(String::as_str) {
        Some("queries") => queries(&args[1..])?,
        Some("extract") => extract(&args[1..])?,
        Some("index") => index(&args[1..])?,
        _ => bail!("usage: whosaid-bench queries --index DIR --queries FILE [--rounds N] [--limit N]\n       whosaid-bench extract [--min-seconds S] PATH...\n       whosaid-bench index --index DIR [--workers N] [--index-threads N] [--heap-mb MB] [--no-merge] PATH..."),
    };
    println!("{out}");
    Ok(())
}
