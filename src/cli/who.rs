//! `whosaid who QUERY [--by speaker|country|topic]`: who said what about QUERY.

use std::io::Write;

use termcolor::{Color, ColorSpec, WriteColor};
use whosaid::index::who::who;

use super::choices::Pivot;
use super::filters::FilterArgs;
use super::limits;
use super::print::{self, ColorWhen};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The query (as for `search`; several arguments are one query); `*` for every statement.
    #[arg(required = true, num_args = 1..)]
    query: Vec<String>,
    #[command(flatten)]
    filters: FilterArgs,
    /// Group by speaker (default), country or topic.
    #[arg(long, value_enum, default_value_t = Pivot::Speaker)]
    by: Pivot,
    /// How many rows at most.
    #[arg(long, short = 'n', default_value_t = 10, value_parser = limits::limit)]
    limit: usize,
    /// Print JSON Lines, one row a line.
    #[arg(long)]
    json: bool,
    /// Snippet length in characters.
    #[arg(long, default_value_t = 160, value_parser = limits::snippet_chars)]
    snippet_chars: usize,
    /// When to use colour.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto)]
    color: ColorWhen,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let searcher = args.filters.open()?;
    let query = limits::joined(&args.query);
    let ans = who(
        &searcher,
        &query,
        &args.filters.filters(),
        args.by.into(),
        args.limit.max(1),
        args.snippet_chars,
    )?;
    if args.json {
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::new(stdout.lock());
        for r in &ans.rows {
            serde_json::to_writer(&mut out, r)?;
            out.write_all(b"\n")?;
        }
        out.flush()?;
    } else {
        let mut out = print::stdout(args.color);
        for r in &ans.rows {
            out.set_color(ColorSpec::new().set_fg(Some(Color::Yellow)).set_bold(true))?;
            write!(out, "{:>2}. ", r.rank)?;
            out.set_color(ColorSpec::new().set_fg(Some(Color::Green)).set_bold(true))?;
            write!(out, "{}", r.value)?;
            out.reset()?;
            if args.by == Pivot::Speaker && !r.country.is_empty() {
                write!(out, " ({})", r.country.join(", "))?;
            }
            out.set_color(ColorSpec::new().set_fg(Some(Color::Cyan)))?;
            let plural = if r.count == 1 { "" } else { "s" };
            write!(out, "  {} statement{plural}", r.count)?;
            out.reset()?;
            writeln!(out)?;
            write!(out, "    ")?;
            if args.by != Pivot::Speaker {
                if let Some(sp) = &r.best.speaker {
                    write!(out, "{sp}: ")?;
                }
            }
            write!(out, "“")?;
            print::highlighted(&mut out, &r.best.snippet, &r.best.highlights)?;
            write!(out, "”")?;
            let meta: Vec<String> = r
                .best
                .date
                .iter()
                .chain(r.best.source.iter())
                .cloned()
                .collect();
            if !meta.is_empty() {
                out.set_color(ColorSpec::new().set_dimmed(true))?;
                write!(out, "  ({})", meta.join(", "))?;
                out.reset()?;
            }
            writeln!(out)?;
        }
        if !ans.rows.is_empty() {
            let what = match args.by {
                Pivot::Speaker => "speakers",
                Pivot::Country => "countries",
                Pivot::Topic => "topics",
            };
            writeln!(out, "{} of {} {what}", ans.rows.len(), ans.groups)?;
        }
        out.flush()?;
    }
    Ok(if ans.rows.is_empty() {
        args.filters.say_why_empty(&searcher, &query)
    } else {
        super::FOUND
    })
}
