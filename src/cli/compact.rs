//! `whosaid compact [--index DIR]`: merge an index's segments into few, as `index` merges the
//! segments of a run at its end. For an index whose runs were stopped before their merge or ran
//! with `--no-merge`: a search opens every segment, so fewer answer a fresh process sooner.

use std::path::PathBuf;

use whosaid::index::search::Searcher;
use whosaid::index::writer::Indexer;

use super::index::DEFAULT_INDEX;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The index directory.
    #[arg(long, env = "WHOSAID_INDEX", default_value = DEFAULT_INDEX)]
    index: PathBuf,
}

/// The indexing memory of a writer that only merges.
const HEAP: usize = 64 << 20;

pub fn run(args: Args) -> anyhow::Result<u8> {
    let segments = |dir: &PathBuf| -> anyhow::Result<usize> {
        Ok(Searcher::open(dir)?.searcher().segment_readers().len())
    };
    // Opening a searcher first: a missing index is an error here, not a new empty one.
    let before = segments(&args.index)?;
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .clamp(1, 4);
    let docs = Indexer::open(&args.index, false, threads, HEAP)?
        .compact(threads)?
        .documents;
    let after = segments(&args.index)?;
    eprintln!(
        "whosaid: {} in {before} segment{} before, {after} now ({docs} documents)",
        args.index.display(),
        if before == 1 { "" } else { "s" },
    );
    Ok(super::FOUND)
}
