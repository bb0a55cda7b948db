//! `whosaid search QUERY [filters]`: ranked statements and passages with highlighted snippets.

use std::io::Write;

use whosaid::index::search::{FacetsLine, Request};

use super::filters::FilterArgs;
use super::limits;
use super::print::{self, ColorWhen};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The query: words (all required; several arguments are one query), "a phrase", OR, AND,
    /// NOT/-word, (groups), field:value (see the README's query language).
    #[arg(required = true, num_args = 1..)]
    query: Vec<String>,
    #[command(flatten)]
    filters: FilterArgs,
    /// How many hits at most.
    #[arg(long, short = 'n', default_value_t = 10, value_parser = limits::limit)]
    limit: usize,
    /// Print JSON Lines: one hit a line with every stored field, the score, the snippet and its
    /// highlight byte ranges.
    #[arg(long)]
    json: bool,
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

pub fn run(args: Args) -> anyhow::Result<u8> {
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
    if args.json {
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
    } else {
        let mut out = print::stdout(args.color);
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
    }
    Ok(if res.hits.is_empty() {
        args.filters.say_why_empty(&searcher, &req.query)
    } else {
        super::FOUND
    })
}
