//! `whosaid timeline QUERY --by day|week|month|year`: matching statements per interval, with a
//! bar and the top speakers of each (the numbers the web page charts).

use std::io::Write;

use termcolor::{Color, ColorSpec, WriteColor};
use whosaid::index::timeline::{timeline, Timeline};

use super::choices::Interval;
use super::filters::FilterArgs;
use super::limits;
use super::print::{self, ColorWhen};

/// The widest bar, in characters.
const BAR_WIDTH: usize = 40;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The query (as for `search`; several arguments are one query); `*` for every statement.
    #[arg(required = true, num_args = 1..)]
    query: Vec<String>,
    #[command(flatten)]
    filters: FilterArgs,
    /// The length of the intervals.
    #[arg(long, value_enum, default_value_t = Interval::Month)]
    by: Interval,
    /// How many speakers to name per interval.
    #[arg(long, short = 'n', default_value_t = 3, value_name = "N", value_parser = speakers)]
    speakers: usize,
    /// Print one JSON object: the interval, the totals and every interval with its count and
    /// speakers (empty intervals included).
    #[arg(long)]
    json: bool,
    /// When to use colour.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto)]
    color: ColorWhen,
}

/// `--speakers`: 0 to the library's maximum.
fn speakers(s: &str) -> Result<usize, String> {
    limits::bounded(s, 0, whosaid::index::timeline::MAX_TOP_SPEAKERS)
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let searcher = args.filters.open()?;
    let query = limits::joined(&args.query);
    let t = timeline(
        &searcher,
        &query,
        &args.filters.filters(),
        args.by.into(),
        args.speakers,
    )?;
    if args.json {
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::new(stdout.lock());
        serde_json::to_writer(&mut out, &t)?;
        out.write_all(b"\n")?;
        out.flush()?;
    } else {
        let mut out = print::stdout(args.color);
        human(&mut out, &t)?;
        out.flush()?;
    }
    Ok(if t.total == 0 {
        args.filters.say_why_empty(&searcher, &query)
    } else {
        super::FOUND
    })
}

/// One line per interval: label, count, bar, top speakers; then the totals.
fn human(out: &mut dyn WriteColor, t: &Timeline) -> std::io::Result<()> {
    let label_w = t.buckets.iter().map(|b| b.label.len()).max().unwrap_or(0);
    let count_w = t.max.to_string().len();
    for b in &t.buckets {
        write!(out, "{:<label_w$}  {:>count_w$} ", b.label, b.count)?;
        out.set_color(ColorSpec::new().set_fg(Some(Color::Cyan)))?;
        write!(out, "{:<BAR_WIDTH$}", bar(b.count, t.max))?;
        out.reset()?;
        let names: Vec<String> = b
            .speakers
            .iter()
            .map(|s| format!("{} ({})", s.value, s.count))
            .collect();
        writeln!(out, "  {}", names.join(", "))?;
    }
    if t.total > 0 {
        let undated = if t.undated > 0 {
            format!(", {} undated", t.undated)
        } else {
            String::new()
        };
        writeln!(
            out,
            "{} matching statement{} in {} {}{}{undated}",
            t.total,
            if t.total == 1 { "" } else { "s" },
            t.buckets.len(),
            t.interval,
            if t.buckets.len() == 1 { "" } else { "s" },
        )?;
    }
    Ok(())
}

/// A bar of `count` against `max`: whole blocks and one eighth block, a non-zero count never
/// shorter than one eighth.
fn bar(count: u64, max: u64) -> String {
    const EIGHTHS: [char; 8] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];
    if count == 0 || max == 0 {
        return String::new();
    }
    let eighths = ((count as u128 * (BAR_WIDTH as u128) * 8) / max as u128).max(1) as usize;
    let mut s = "█".repeat(eighths / 8);
    let rest = eighths % 8;
    if rest > 0 {
        s.push(EIGHTHS[rest - 1]);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest_count() {
        assert_eq!(bar(0, 10), "");
        assert_eq!(bar(10, 10).chars().count(), BAR_WIDTH);
        assert_eq!(bar(5, 10).chars().count(), BAR_WIDTH / 2);
        assert_eq!(bar(1, 1_000_000), "▏");
    }
}
