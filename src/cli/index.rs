//! `whosaid index [PATH ...]`: read articles, extract statements, write the index.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

use whosaid::extract::Extractor;
use whosaid::ingest::{self, Config, Progress, Summary};
use whosaid::input::InputError;
use whosaid::topics::Taxonomy;

use super::reading::ReadArgs;

/// The bundled corpus, indexed when no path is given.
pub const DEFAULT_CORPUS: &str = "corpus";
/// Where the index lives unless `--index` says otherwise.
pub const DEFAULT_INDEX: &str = "index";

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files or directories to index (recursively), or `-` for JSON Lines on standard input.
    /// Default: the bundled corpus.
    paths: Vec<PathBuf>,
    /// The index directory.
    #[arg(long, env = "WHOSAID_INDEX", default_value = DEFAULT_INDEX)]
    index: PathBuf,
    /// Remove the existing index first.
    #[arg(long)]
    rebuild: bool,
    #[command(flatten)]
    read: ReadArgs,
    /// Topic taxonomy file to use instead of the shipped one.
    #[arg(long, value_name = "FILE")]
    topics: Option<PathBuf>,
    /// More public figures, on top of the shipped knowledge base (data/people/people.tsv format).
    #[arg(long, value_name = "FILE")]
    people: Option<PathBuf>,
    /// A user's corrections to speaker names: tab-separated lines naming one speaker by several
    /// names (the first is shown), or `!NAME` to keep a name apart. Kept in the index for later
    /// runs; statements already indexed take it at the end of the run.
    #[arg(long, value_name = "FILE")]
    aliases: Option<PathBuf>,
    /// Extraction threads (default: one per core).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// tantivy's indexing memory in MB, for all its threads (default 256): less for several
    /// processes on one machine (Spark executors), at the cost of more segments to merge.
    #[arg(long, value_name = "MB")]
    memory: Option<usize>,
    /// Commit at least every this many seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    commit_interval: u64,
    /// Leave the segments this run wrote as they are. By default a run ends by merging them
    /// (in merges of at most 512 MB of files), which takes about a quarter of the run's time
    /// again and makes every later search faster.
    #[arg(long)]
    no_merge: bool,
    /// Print the summary as JSON.
    #[arg(long)]
    json: bool,
    /// No progress bar and no per-file messages (the summary is still printed).
    #[arg(long, short)]
    quiet: bool,
}

/// How many articles pass between two updates of the progress bar's text.
const ARTICLES_A_TICK: u64 = 64;

/// Bytes in a megabyte, the unit of the summary line and the progress bar.
const MEGABYTE: f64 = 1e6;

/// Bytes in the MB of `--memory` (a binary megabyte, as tantivy's budget is counted).
const BYTES_A_MB: usize = 1 << 20;

/// Megabytes (10^6 bytes) with one decimal, as the summary line and the progress bar write them.
fn mb(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / MEGABYTE)
}

/// The progress bar's text: the MB of the input files (as on disk, compressed or not) read of
/// all, then the articles and MB of article text indexed, as the summary line counts them.
fn progress_text(read: u64, total: u64, articles: u64, text_bytes: u64) -> String {
    format!(
        "{} of {} MB of files read; {articles} articles, {} MB of text",
        mb(read),
        mb(total),
        mb(text_bytes)
    )
}

struct Reporter {
    bar: Option<ProgressBar>,
    quiet: bool,
    articles: AtomicU64,
    text_bytes: AtomicU64,
}

impl Reporter {
    /// Writes the bar's text from the figures so far.
    fn show(&self, b: &ProgressBar) {
        b.set_message(progress_text(
            b.position(),
            b.length().unwrap_or(0),
            self.articles.load(Ordering::Relaxed),
            self.text_bytes.load(Ordering::Relaxed),
        ));
    }
}

impl Progress for Reporter {
    fn start(&self, _files: u64, bytes: u64) {
        if let Some(b) = &self.bar {
            b.set_length(bytes);
            self.show(b);
        }
    }
    fn file_done(&self, bytes: u64) {
        if let Some(b) = &self.bar {
            b.inc(bytes);
            self.show(b);
        }
    }
    fn article(&self, text_bytes: u64) {
        let n = self.articles.fetch_add(1, Ordering::Relaxed) + 1;
        self.text_bytes.fetch_add(text_bytes, Ordering::Relaxed);
        if let Some(b) = &self.bar {
            if n.is_multiple_of(ARTICLES_A_TICK) {
                self.show(b);
            }
        }
    }
    fn problem(&self, e: &InputError) {
        if self.quiet {
            return;
        }
        let line = super::reading::problem_line(e);
        match &self.bar {
            Some(b) => b.println(line),
            None => eprintln!("{line}"),
        }
    }
    fn merging(&self) {
        if let Some(b) = &self.bar {
            b.set_message("merging segments");
        }
    }
}

/// Builds the ingest configuration from flags.
fn config(args: &Args) -> anyhow::Result<Config> {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(DEFAULT_CORPUS)]
    } else {
        args.paths.clone()
    };
    let mut cfg = Config::new(paths, args.index.clone());
    cfg.rebuild = args.rebuild;
    cfg.fields = args.read.field_map()?;
    if let Some(t) = args.threads {
        cfg.workers = t.max(1);
    }
    if let Some(mb) = args.memory {
        cfg.heap_bytes = mb.max(1) * BYTES_A_MB;
    }
    cfg.commit_every = Duration::from_secs(args.commit_interval.max(1));
    cfg.final_merge = !args.no_merge;
    cfg.aliases = args
        .aliases
        .as_deref()
        .map(whosaid::aliases::Aliases::load)
        .transpose()?;
    Ok(cfg)
}

/// Runs an ingest with a progress bar on a terminal; returns the summary.
pub fn ingest(cfg: &Config, extractor: Extractor, quiet: bool) -> anyhow::Result<Summary> {
    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = stop.clone();
        // Ctrl-C: stop reading, commit what was indexed. A second Ctrl-C kills at once.
        let _ = ctrlc::set_handler(move || {
            if stop.swap(true, Ordering::SeqCst) {
                std::process::exit(130);
            }
        });
    }
    let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
        let b = ProgressBar::new(0);
        b.set_style(
            ProgressStyle::with_template("{spinner} [{elapsed_precise}] {wide_bar} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        b.enable_steady_tick(Duration::from_millis(200));
        b
    });
    let reporter = Reporter {
        bar,
        quiet,
        articles: AtomicU64::new(0),
        text_bytes: AtomicU64::new(0),
    };
    let result = ingest::run(cfg, &extractor, &reporter, &stop);
    if let Some(b) = &reporter.bar {
        b.finish_and_clear();
    }
    Ok(result?)
}

/// Formats the one-line summary every run ends with.
pub fn summary_line(s: &Summary) -> String {
    let secs = s.millis as f64 / 1000.0;
    let rate = if secs > 0.0 {
        s.text_bytes as f64 / MEGABYTE / secs
    } else {
        0.0
    };
    let mut line = format!(
        "indexed {} articles: {} passages, {} statements; {} MB of text in {secs:.2} s ({rate:.1} MB/s)",
        s.articles,
        s.passages,
        s.statements,
        mb(s.text_bytes),
    );
    if s.skipped > 0 || s.warnings > 0 {
        line.push_str(&format!(
            "; {} inputs skipped, {} warnings",
            s.skipped, s.warnings
        ));
    }
    if s.interrupted {
        line.push_str("; interrupted: what was indexed is committed, run again to complete");
    }
    line
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let cfg = config(&args)?;
    let taxonomy = match &args.topics {
        Some(p) => Taxonomy::load(p)?,
        None => Taxonomy::default(),
    };
    let extractor = super::extract::extractor(taxonomy, args.people.as_deref())?;
    let s = ingest(&cfg, extractor, args.quiet)?;
    if args.json {
        writeln!(std::io::stdout().lock(), "{}", serde_json::to_string(&s)?)?;
    }
    eprintln!("whosaid: {}", summary_line(&s));
    if s.interrupted {
        return Ok(130);
    }
    // 0: everything read; 1: indexed, but some inputs were skipped; 2: nothing could be read.
    Ok(match (s.articles, s.skipped) {
        (0, n) if n > 0 => 2,
        (_, 0) => super::FOUND,
        _ => super::NOT_FOUND,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_and_the_summary_speak_megabytes() {
        let text = progress_text(43_560_000, 87_120_000, 18_000, 112_700_000);
        assert_eq!(
            text,
            "43.6 of 87.1 MB of files read; 18000 articles, 112.7 MB of text"
        );
        // At the end, the bar's text and the summary line give the same MB of text.
        let s = Summary {
            articles: 18_000,
            text_bytes: 112_700_000,
            millis: 2_000,
            ..Summary::default()
        };
        let line = summary_line(&s);
        assert!(line.contains("18000 articles"), "{line}");
        assert!(line.contains("112.7 MB of text"), "{line}");
        assert!(line.contains("(56.4 MB/s)"), "{line}");
        assert!(!text.contains("MiB") && !line.contains("MiB"));
    }
}
