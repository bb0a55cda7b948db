//! `whosaid search QUERY [filters]`: ranked statements and passages with highlighted snippets.

use std::io::Write;

use whosaid::index::search::{FacetsLine, Request, Results};

use super::filters::FilterArgs;
use super::limits;
use super::print::{self, ColorWhen};
use super::table;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The query: words (all required; several arguments are one query), "a phrase", OR, AND,
    /// NOT/-word, (groups), field:value (see the guide's query language, GUIDE.md).
    #[arg(required = true, num_args = 1..)]
    query: Vec<String>,
    #[command(flatten)]
    filters: FilterArgs,
    /// How many hits at most.
    #[arg(long, short = 'n', default_value_t = 10, value_parser = limits::limit)]
    limit: usize,
    /// Print JSON Lines: one hit a line with every stored field, the score, the snippet and its
    /// highlight byte ranges (the same as `--format json`).
    #[arg(long, conflicts_with = "format")]
    json: bool,
    /// Output format: `human`, `json` (JSON Lines, as `--json`) or `csv` (a header row, then one
    /// row per hit with the fields of the JSON hit; lists joined with `; `), for spreadsheets.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Snippet length in characters.
    #[arg(long, default_value_t = 200, value_parser = limits::snippet_chars)]
    snippet_chars: usize,
    /// One hit per statement repeated across articles, with "also in N articles".
    #[arg(long)]
    collapse: bool,
    /// Also count the matching statements' top speakers, countries and topics (topics under
    /// `--topic` when it is given). With `--json`, the counts come as one last line
    /// `{"facets": {...}}`.
    #[arg(long)]
    facets: bool,
    /// How many values of each facet `--facets` shows.
    #[arg(long, default_value_t = 5, value_name = "N", value_parser = limits::limit)]
    facet_limit: usize,
    /// Show each hit in its paragraph with N sentences of context on each side (as `whosaid
    /// show`); with `--json`, as the field `context`.
    #[arg(long, short = 'C', value_name = "N", value_parser = limits::context)]
    context: Option<usize>,
    /// When to use colour.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto)]
    color: ColorWhen,
}

/// How hits are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// For people: ranked blocks, highlighted on a terminal.
    Human,
    /// JSON Lines, one hit a line.
    Json,
    /// CSV: a header row, one row per hit.
    Csv,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let format = if args.json { Format::Json } else { args.format };
    if format == Format::Csv && args.facets {
        anyhow::bail!("--facets has no CSV form: use --format json for the counts beside the hits");
    }
    let searcher = args.filters.open()?;
    let req = Request {
        query: limits::joined(&args.query),
        filters: args.filters.filters(),
        limit: args.limit.max(1),
        snippet_chars: args.snippet_chars,
        collapse: args.collapse,
        facets: args.facets.then_some(args.facet_limit.max(1)),
    };
    let mut res = searcher.search(&req)?;
    if let Some(n) = args.context {
        for h in &mut res.hits {
            h.context = Some(searcher.context(&h.article, h.start, h.end, n)?);
        }
    }
    match format {
        Format::Json => json(&res)?,
        Format::Csv => {
            let stdout = std::io::stdout();
            let out = std::io::BufWriter::new(stdout.lock());
            table::write_hits(out, &res.hits, args.context.is_some())?;
        }
        Format::Human => human(&res, args.color)?,
    }
    Ok(if res.hits.is_empty() {
        args.filters.say_why_empty(&searcher, &req.query)
    } else {
        super::FOUND
    })
}

/// Prints the hits as JSON Lines, and the facet counts as one last line.
fn json(res: &Results) -> anyhow::Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for h in &res.hits {
        serde_json::to_writer(&mut out, h)?;
        out.write_all(b"\n")?;
    }
    if let Some(f) = &res.facets {
        serde_json::to_writer(&mut out, &FacetsLine { facets: f })?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}

/// Prints the hits for people, with the count of matching documents and the facet counts.
fn human(res: &Results, color: ColorWhen) -> anyhow::Result<()> {
    let mut out = print::stdout(color);
    for h in &res.hits {
        print::hit(&mut out, h)?;
    }
    if !res.hits.is_empty() {
        writeln!(
            out,
            "{} of {} matching documents",
            res.hits.len(),
            res.total
        )?;
    }
    if let Some(f) = &res.facets {
        print::page_facets(&mut out, f)?;
    }
    out.flush()?;
    Ok(())
}
