//! `whosaid speaker NAME`: a speaker's profile.

use std::io::Write;

use termcolor::{Color, ColorSpec, WriteColor};
use whosaid::index::facets::FacetCount;
use whosaid::index::profile::profile;

use super::filters::FilterArgs;
use super::limits;
use super::print::{self, ColorWhen};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// A surname or any alias seen ("Lavrov", "Sergei Lavrov"; several arguments are one name).
    #[arg(required = true, num_args = 1..)]
    name: Vec<String>,
    #[command(flatten)]
    filters: FilterArgs,
    /// How many of the latest statements to show.
    #[arg(long, short = 'n', default_value_t = 5, value_parser = limits::limit)]
    latest: usize,
    /// Print the profile as one JSON object.
    #[arg(long)]
    json: bool,
    /// When to use colour.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto)]
    color: ColorWhen,
}

fn list(v: &[FacetCount]) -> String {
    v.iter()
        .map(|c| format!("{} ({})", c.value, c.count))
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let searcher = args.filters.open()?;
    let mut filters = args.filters.filters();
    filters.speaker = None;
    let name = limits::joined(&args.name);
    let Some(p) = profile(&searcher, &name, &filters, args.latest)? else {
        eprintln!("whosaid: no statements by a speaker named '{}'", name);
        return Ok(super::NOT_FOUND);
    };
    if args.json {
        writeln!(std::io::stdout().lock(), "{}", serde_json::to_string(&p)?)?;
        return Ok(super::FOUND);
    }
    let mut out = print::stdout(args.color);
    out.set_color(ColorSpec::new().set_fg(Some(Color::Green)).set_bold(true))?;
    write!(out, "{}", p.speaker)?;
    out.reset()?;
    writeln!(out)?;
    let row = |out: &mut termcolor::StandardStream, k: &str, v: String| -> std::io::Result<()> {
        if v.is_empty() {
            return Ok(());
        }
        out.set_color(ColorSpec::new().set_fg(Some(Color::Cyan)))?;
        write!(out, "  {k:<11}")?;
        out.reset()?;
        writeln!(out, "{v}")
    };
    row(&mut out, "statements", p.statements.to_string())?;
    row(&mut out, "aliases", list(&p.aliases))?;
    row(&mut out, "roles", list(&p.roles))?;
    row(&mut out, "countries", countries(&p))?;
    row(&mut out, "found by", list(&p.found))?;
    row(&mut out, "topics", list(&p.topics))?;
    let span = match (&p.first_date, &p.last_date) {
        (Some(a), Some(b)) => format!("{a} to {b}"),
        _ => String::new(),
    };
    row(&mut out, "dates", span)?;
    row(&mut out, "also named", list(&p.also_matched))?;
    if !p.latest.is_empty() {
        writeln!(out, "  latest:")?;
        for h in &p.latest {
            let meta: Vec<String> = h.date.iter().chain(h.source.iter()).cloned().collect();
            writeln!(
                out,
                "    {}  “{}”",
                meta.join(" · "),
                h.snippet.replace(['\n', '\r'], " ")
            )?;
        }
    }
    out.flush()?;
    Ok(super::FOUND)
}

/// Countries with their counts and the evidence behind them: "United States 120 (knowledge
/// base 100, outlet 20)".
fn countries(p: &whosaid::index::profile::Profile) -> String {
    p.countries
        .iter()
        .map(|c| {
            let evidence: Vec<String> = p
                .country_evidence
                .iter()
                .filter(|e| e.country == c.value)
                .map(|e| format!("{} {}", e.evidence, e.count))
                .collect();
            if evidence.is_empty() {
                format!("{} ({})", c.value, c.count)
            } else {
                format!("{} ({}: {})", c.value, c.count, evidence.join(", "))
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}
