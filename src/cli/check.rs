//! `whosaid check "QUOTE"`: who said these words, in which articles, earliest first.

use std::io::Write;

use termcolor::{Color, ColorSpec, WriteColor};
use whosaid::index::provenance::{check_with, Provenance, MIN_COVERAGE};

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
    /// The least share of the quote's words, in order, a source must hold (0 to 1; default
    /// 0.9: close matches only). Lower it to see looser matches.
    #[arg(long, value_name = "P", default_value_t = MIN_COVERAGE, value_parser = coverage)]
    min_coverage: f32,
    /// Print JSON Lines, one source a line.
    #[arg(long)]
    json: bool,
    /// When to use colour.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto)]
    color: ColorWhen,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let searcher = args.filters.open()?;
    let quote = limits::joined(&args.quote);
    let p = check_with(
        &searcher,
        &quote,
        &args.filters.filters(),
        args.limit,
        args.min_coverage,
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
            writeln!(out, "{}", header(&p))?;
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
        eprintln!(
            "whosaid: no statement or passage holds {:.0}% of these words in order (--min-coverage \
             0.7 looks for looser matches)",
            args.min_coverage * 100.0
        );
        super::NOT_FOUND
    } else {
        super::FOUND
    })
}

/// The most speakers the header names.
const HEADER_SPEAKERS: usize = 5;

/// Reads a coverage share, 0 to 1.
fn coverage(s: &str) -> Result<f32, String> {
    match s.trim().parse::<f32>() {
        Ok(p) if (0.0..=1.0).contains(&p) => Ok(p),
        _ => Err(format!(
            "'{s}' is not a share between 0 and 1 (0.9 = 90% of the words)"
        )),
    }
}

/// The line above the sources: exact matches, top speakers with their counts, articles.
fn header(p: &Provenance) -> String {
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    let mut named: Vec<String> = p
        .speaker_counts
        .iter()
        .take(HEADER_SPEAKERS)
        .map(|c| format!("{} ({})", c.speaker, c.count))
        .collect();
    if p.speaker_counts.len() > HEADER_SPEAKERS {
        named.push(format!("{} more", p.speaker_counts.len() - HEADER_SPEAKERS));
    }
    let who = if named.is_empty() {
        "an unnamed speaker".to_string()
    } else {
        named.join(", ")
    };
    format!(
        "{} word for word; said by {who}; in {}; exact matches first, then earliest first:",
        plural(p.exact, "source"),
        plural(p.articles, "article"),
    )
}
