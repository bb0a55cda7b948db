//! `whosaid facets [QUERY] [--field F]`: facet counts of the matching statements.

use std::io::Write;

use whosaid::index::facets::count;

use super::choices::FacetField;
use super::filters::FilterArgs;
use super::limits;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The query (as for `search`; several arguments are one query); default: every statement.
    #[arg(num_args = 0..)]
    query: Vec<String>,
    #[command(flatten)]
    filters: FilterArgs,
    /// The facet to count. Topics drill down: with `--topic conflict` the subtopics of conflict
    /// are counted.
    #[arg(long, value_enum, default_value_t = FacetField::Speaker)]
    field: FacetField,
    /// How many values at most.
    #[arg(long, short = 'n', default_value_t = 20, value_parser = limits::limit)]
    limit: usize,
    /// Print JSON: one object with the total and the values.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let searcher = args.filters.open()?;
    let query = limits::joined(&args.query);
    let c = count(
        &searcher,
        &query,
        &args.filters.filters(),
        args.field.into(),
        args.limit,
    )?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.json {
        serde_json::to_writer(&mut out, &c)?;
        out.write_all(b"\n")?;
    } else {
        let width = c
            .values
            .iter()
            .map(|v| v.count.to_string().len())
            .max()
            .unwrap_or(1);
        for v in &c.values {
            writeln!(out, "{:>width$}  {}", v.count, v.value)?;
        }
        if !c.values.is_empty() {
            writeln!(
                out,
                "{} matching documents; {} shown under {}",
                c.total,
                c.values.len(),
                c.parent
            )?;
        }
    }
    out.flush()?;
    Ok(if c.values.is_empty() {
        args.filters.say_why_empty(&searcher, &query)
    } else {
        super::FOUND
    })
}
