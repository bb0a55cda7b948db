//! `whosaid check "QUOTE"`: who said these words, in which articles, earliest first.

use std::io::Write;

use termcolor::{Color, ColorSpec, WriteColor};
use whosaid::index::provenance::check;

use super::filters::FilterArgs;
use super::limits;
use super::print::{self, ColorWhen};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The words, as remembered (punctuation, quote marks and ellipses do not matter; several
    /// arguments are one quote).
    #[arg(required = true, num_args = 1..)]
    quote: Vec<String>,
    #[command(flatten)]
    filters: FilterArgs,
    /// How many sources at most.
    #[arg(long, short = 'n', default_value_t = 20, value_parser = limits::limit)]
    limit: usize,
    /// Print JSON Lines, one source a line.
    #[arg(long)]
    json: bool,
    /// When to use colour.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto)]
    color: ColorWhen,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let searcher = args.filters.open()?;
    let p = check(
        &searcher,
        &limits::joined(&args.quote),
        &args.filters.filters(),
        args.limit,
    )?;
    if args.json {
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::new(stdout.lock());
        for s in &p.sources {
            serde_json::to_writer(&mut out, s)?;
            out.write_all(b"\n")?;
        }
        out.flush()?;
    } else {
        let mut out = print::stdout(args.color);
        if !p.sources.is_empty() {
            writeln!(
                out,
                "said by {} in {} article{}, earliest first:",
                if p.speakers.is_empty() {
                    "an unnamed speaker".to_string()
                } else {
                    p.speakers.join(", ")
                },
                p.articles,
                if p.articles == 1 { "" } else { "s" }
            )?;
        }
        for s in &p.sources {
            let h = &s.hit;
            out.set_color(ColorSpec::new().set_fg(Some(Color::Yellow)).set_bold(true))?;
            write!(out, "{:>2}. ", h.rank)?;
            out.reset()?;
            write!(out, "{}  ", h.date.as_deref().unwrap_or("undated"))?;
            out.set_color(ColorSpec::new().set_fg(Some(Color::Green)).set_bold(true))?;
            write!(out, "{}", h.speaker.as_deref().unwrap_or("(no speaker)"))?;
            out.reset()?;
            if !h.country.is_empty() {
                write!(out, " ({})", h.country.join(", "))?;
            }
            out.set_color(ColorSpec::new().set_fg(Some(Color::Cyan)))?;
            write!(
                out,
                "  {} · {} · {:.0}% of the words",
                h.source.as_deref().unwrap_or("unknown source"),
                h.kind,
                s.coverage * 100.0
            )?;
            out.reset()?;
            writeln!(out)?;
            writeln!(out, "    {}", h.title)?;
            write!(out, "    “")?;
            print::highlighted(&mut out, &h.snippet, &h.highlights)?;
            writeln!(out, "”")?;
        }
        out.flush()?;
    }
    Ok(if p.sources.is_empty() {
        super::NOT_FOUND
    } else {
        super::FOUND
    })
}
