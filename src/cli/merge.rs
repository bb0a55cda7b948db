//! `whosaid merge SHARD_DIR... --index OUT`: merge indexes built apart (one per Spark partition,
//! or per machine) into one. Flags and printing only; the merge is
//! [`whosaid::index::merge_shards`].

use std::io::Write;
use std::path::PathBuf;

use whosaid::index::merge_shards::{merge_shards, MergeSummary};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The index directories of the shards. Of an article in several, the last shard's copy
    /// stands.
    #[arg(required = true, value_name = "SHARD_DIR")]
    shards: Vec<PathBuf>,
    /// The merged index: a new directory (or one to replace, with --rebuild).
    #[arg(long, value_name = "OUT")]
    index: PathBuf,
    /// Replace an index already at OUT.
    #[arg(long)]
    rebuild: bool,
    /// Print the summary as JSON.
    #[arg(long)]
    json: bool,
}

/// The one-line summary a merge ends with.
fn summary_line(s: &MergeSummary) -> String {
    let mut line = format!(
        "merged {} shards ({} segments) into one segment: {} documents in {:.2} s",
        s.shards,
        s.segments,
        s.documents,
        s.millis as f64 / 1000.0
    );
    if s.renamed > 0 {
        line.push_str(&format!(
            "; {} statements named otherwise than in their shard, by the speaker counts of all",
            s.renamed
        ));
    }
    if s.duplicate_articles > 0 {
        line.push_str(&format!(
            "; {} articles in more than one shard, the last shard's copy kept ({} documents left out)",
            s.duplicate_articles, s.dropped_documents
        ));
    }
    line
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let s = merge_shards(&args.shards, &args.index, args.rebuild)?;
    if args.json {
        writeln!(std::io::stdout().lock(), "{}", serde_json::to_string(&s)?)?;
    }
    eprintln!("whosaid: {}", summary_line(&s));
    Ok(if s.documents > 0 {
        super::FOUND
    } else {
        super::NOT_FOUND
    })
}
