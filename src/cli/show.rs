//! `whosaid show HIT`: a hit read in its article — title, source, date, address, and the
//! statement in its paragraph with sentences of context, the statement highlighted.

use std::io::Write;

use termcolor::{Color, ColorSpec, WriteColor};

use super::filters::FilterArgs;
use super::limits;
use super::print::{self, ColorWhen};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The hit's id, as `search`, `who` and `check` give it (`--json` field `id`, or the `id:`
    /// line of human output): ARTICLE:START-END.
    hit: String,
    #[command(flatten)]
    filters: FilterArgs,
    /// Sentences of context on each side of the statement.
    #[arg(long, short = 'C', default_value_t = 2, value_parser = limits::context)]
    context: usize,
    /// Print one JSON object.
    #[arg(long)]
    json: bool,
    /// When to use colour.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto)]
    color: ColorWhen,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let searcher = args.filters.open()?;
    let Some(shown) = searcher.show(&args.hit, args.context)? else {
        eprintln!("whosaid: no article of id '{}' in the index", args.hit);
        return Ok(super::NOT_FOUND);
    };
    if args.json {
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::new(stdout.lock());
        serde_json::to_writer(&mut out, &shown)?;
        out.write_all(b"\n")?;
        out.flush()?;
        return Ok(super::FOUND);
    }
    let mut out = print::stdout(args.color);
    out.set_color(ColorSpec::new().set_bold(true))?;
    writeln!(out, "{}", shown.title)?;
    out.reset()?;
    let meta: Vec<String> = [shown.source.clone(), shown.date.clone(), shown.url.clone()]
        .into_iter()
        .flatten()
        .collect();
    out.set_color(ColorSpec::new().set_fg(Some(Color::Cyan)))?;
    writeln!(out, "{}", meta.join(" · "))?;
    out.reset()?;
    if let Some(sp) = &shown.speaker {
        writeln!(out, "said by {sp}")?;
    }
    writeln!(out)?;
    print::paragraphs(&mut out, &shown.paragraphs, "")?;
    out.flush()?;
    Ok(super::FOUND)
}
