//! Ingest: files in, index documents out. Glue between [`crate::input`], [`crate::extract`] and
//! [`crate::index::writer`], running extraction on worker threads beside tantivy's writer threads.
//!
//! Inputs that cannot be read are reported through [`Progress::problem`] and skipped; the run goes
//! on. A file with many bad lines has its first [`PROBLEMS_SHOWN`] reported one by one and the
//! rest counted. An article on which extraction panics (a bug) is reported and skipped too. The
//! index is committed every `commit_every` and at the end, so a killed run loses at most what came
//! after the last commit, and a stopped run (the `stop` flag) commits what it has.

use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crate::article::Article;
use crate::extract::Extractor;
use crate::index::writer::{Indexer, Written};
use crate::index::IndexError;
use crate::input::{self, FieldMap, Format, InputError, InputErrorKind, Item};

/// How many problems of one file are reported one by one; more are counted and summed up in one
/// line.
pub const PROBLEMS_SHOWN: u64 = 20;

/// The name of the extraction threads (their panics are caught and reported as skipped inputs).
const WORKER_NAME: &str = "whosaid-extract";

/// Keeps the panic messages of extraction threads off stderr (they are caught and reported as
/// skipped inputs instead); other threads' panics print as before. Installed once per process.
fn quiet_worker_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if std::thread::current().name() != Some(WORKER_NAME) {
                previous(info);
            }
        }));
    });
}

/// The message of a caught panic.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic".to_string())
}

/// How to run an ingest.
#[derive(Clone, Debug)]
pub struct Config {
    /// Files and directories to read.
    pub paths: Vec<PathBuf>,
    /// The index directory.
    pub index_dir: PathBuf,
    /// Remove an existing index first.
    pub rebuild: bool,
    /// JSON field names.
    pub fields: FieldMap,
    /// Extraction worker threads.
    pub workers: usize,
    /// tantivy indexing threads.
    pub index_threads: usize,
    /// tantivy's memory budget, bytes.
    pub heap_bytes: usize,
    /// Commit at least this often.
    pub commit_every: Duration,
    /// Merge the segments the run wrote when it ends ([`Indexer::finish_merged`]).
    pub final_merge: bool,
    /// A user's merges and splits of speaker names, kept in the index for later runs.
    pub aliases: Option<crate::aliases::Aliases>,
}

impl Config {
    /// A configuration with defaults sized for the machine.
    pub fn new(paths: Vec<PathBuf>, index_dir: PathBuf) -> Config {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Config {
            paths,
            index_dir,
            rebuild: false,
            fields: FieldMap::default(),
            workers: cores.clamp(1, 8),
            index_threads: cores.clamp(1, 4),
            heap_bytes: 256 << 20,
            commit_every: Duration::from_secs(30),
            final_merge: true,
            aliases: None,
        }
    }
}

/// What a run did.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    /// Files found.
    pub files: u64,
    /// Articles indexed.
    pub articles: u64,
    /// Passage documents written.
    pub passages: u64,
    /// Statement documents written.
    pub statements: u64,
    /// Bytes of article text.
    pub text_bytes: u64,
    /// Bytes of input read (uncompressed).
    pub input_bytes: u64,
    /// Inputs (files or lines) skipped.
    pub skipped: u64,
    /// Inputs read with a warning.
    pub warnings: u64,
    /// Wall time, milliseconds.
    pub millis: u64,
    /// True if and only if the run was stopped before the end.
    pub interrupted: bool,
    /// Documents in the index after the run.
    pub index_docs: u64,
    /// Statements named again as the run ended: the counts of the whole index named their
    /// speaker otherwise than the counts seen when they were written
    /// ([`crate::index::rename`]).
    pub renamed: u64,
}

/// Receives progress; implementations must be cheap and thread-safe.
pub trait Progress: Sync {
    /// The files found, with their total size on disk.
    fn start(&self, _files: u64, _bytes: u64) {}
    /// A file was read through (its size on disk).
    fn file_done(&self, _bytes: u64) {}
    /// An article of `text_bytes` bytes of text was indexed.
    fn article(&self, _text_bytes: u64) {}
    /// A problem with an input.
    fn problem(&self, _e: &InputError) {}
    /// A commit is under way.
    fn committing(&self) {}
    /// The segments written are being merged.
    fn merging(&self) {}
}

/// A [`Progress`] that ignores everything.
pub struct Silent;
impl Progress for Silent {}

/// Splits an article's `path` (`FILE` or `FILE:LINE` for JSON Lines) into the file and line.
fn split_line(p: &str) -> (PathBuf, Option<u64>) {
    match p.rsplit_once(':') {
        Some((file, line)) if !file.is_empty() => match line.parse::<u64>() {
            Ok(n) => (PathBuf::from(file), Some(n)),
            Err(_) => (PathBuf::from(p), None),
        },
        _ => (PathBuf::from(p), None),
    }
}

/// How many articles can wait between reading and extraction.
const QUEUE: usize = 256;

/// The counts of a run, added to by every thread.
#[derive(Default)]
struct Counters {
    articles: AtomicU64,
    passages: AtomicU64,
    statements: AtomicU64,
    text_bytes: AtomicU64,
    input_bytes: AtomicU64,
    skipped: AtomicU64,
    warnings: AtomicU64,
}

impl Counters {
    /// Counts a problem: a warning, a skipped input, or (a note) nothing.
    fn count(&self, e: &InputError) {
        if e.is_warning() {
            self.warnings.fetch_add(1, Ordering::Relaxed);
        } else if !e.is_note() {
            self.skipped.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Counts an article indexed as `w`.
    fn indexed(&self, w: &Written, text_bytes: u64) {
        self.articles.fetch_add(1, Ordering::Relaxed);
        self.passages.fetch_add(w.passages, Ordering::Relaxed);
        self.statements.fetch_add(w.statements, Ordering::Relaxed);
        self.text_bytes.fetch_add(text_bytes, Ordering::Relaxed);
    }
}

/// One run under way: its configuration, its parts, and what threads add to.
struct Run<'a> {
    cfg: &'a Config,
    extractor: &'a Extractor,
    progress: &'a dyn Progress,
    stop: &'a AtomicBool,
    indexer: Indexer,
    counters: Counters,
    /// Errors of the index, the first of which ends the run as its error.
    errors: std::sync::Mutex<Vec<IndexError>>,
}

impl Run<'_> {
    /// Counts a problem and passes it on.
    fn report(&self, e: InputError) {
        self.counters.count(&e);
        self.progress.problem(&e);
    }

    /// Keeps an error of the index.
    fn fail(&self, e: IndexError) {
        if let Ok(mut v) = self.errors.lock() {
            v.push(e);
        }
    }

    /// Returns true if and only if the run was asked to stop.
    fn stopped(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }

    /// An extraction worker: extracts and indexes the articles of `rx` until it closes.
    fn work(&self, rx: crossbeam_channel::Receiver<(u64, Article)>) {
        for (seq, a) in rx {
            if self.stopped() {
                // Stopping: what is still queued is left for the next run.
                continue;
            }
            // A panic in extraction (a bug on some input) skips this article only.
            let ex = match panic::catch_unwind(AssertUnwindSafe(|| self.extractor.extract(&a))) {
                Ok(ex) => ex,
                Err(payload) => {
                    let (path, line) = split_line(&a.path);
                    self.report(InputError {
                        path,
                        line,
                        kind: InputErrorKind::Internal(format!(
                            "statement extraction failed: {}",
                            panic_message(&*payload)
                        )),
                    });
                    continue;
                }
            };
            match self.indexer.add(&a, &ex, seq) {
                Ok(w) => {
                    self.counters.indexed(&w, a.text.len() as u64);
                    self.progress.article(a.text.len() as u64);
                }
                Err(e) => self.fail(e),
            }
        }
    }

    /// Reads `files` into `tx`, committing every `commit_every`, until the end, a stop or an
    /// error of the index.
    fn feed(&self, files: &[(PathBuf, Format)], tx: crossbeam_channel::Sender<(u64, Article)>) {
        let mut last_commit = Instant::now();
        // Each article's place in the input: of two with the same id, the later stands.
        let mut seq = 0u64;
        for (path, format) in files {
            let mut halted = false;
            let mut problems = 0u64;
            input::read_file(path, *format, &self.cfg.fields, &mut |item| {
                if halted {
                    return;
                }
                match item {
                    Item::Problem(e) => {
                        problems += 1;
                        if problems <= PROBLEMS_SHOWN {
                            self.report(e);
                        } else {
                            self.counters.count(&e);
                        }
                    }
                    Item::Article(a, n) => {
                        self.counters.input_bytes.fetch_add(n, Ordering::Relaxed);
                        seq += 1;
                        if tx.send((seq, a)).is_err() || self.stopped() {
                            halted = true;
                        }
                    }
                }
                if last_commit.elapsed() >= self.cfg.commit_every {
                    self.progress.committing();
                    if let Err(e) = self.indexer.commit() {
                        self.fail(e);
                        halted = true;
                    }
                    last_commit = Instant::now();
                }
            });
            if problems > PROBLEMS_SHOWN {
                self.progress.problem(&InputError {
                    path: path.clone(),
                    line: None,
                    kind: InputErrorKind::Suppressed(problems - PROBLEMS_SHOWN),
                });
            }
            self.progress
                .file_done(std::fs::metadata(path).map_or(0, |m| m.len()));
            if halted || self.stopped() {
                break;
            }
        }
    }

    /// Runs the workers beside the reading of `files`, until both are done.
    fn read_and_extract(&self, files: &[(PathBuf, Format)]) {
        let (tx, rx) = crossbeam_channel::bounded::<(u64, Article)>(QUEUE);
        quiet_worker_panics();
        std::thread::scope(|scope| {
            for _ in 0..self.cfg.workers.max(1) {
                let rx = rx.clone();
                let spawned = std::thread::Builder::new()
                    .name(WORKER_NAME.into())
                    .spawn_scoped(scope, move || self.work(rx));
                if let Err(e) = spawned {
                    self.fail(IndexError::Io {
                        path: self.cfg.index_dir.clone(),
                        source: e,
                    });
                }
            }
            drop(rx);
            self.feed(files, tx);
        });
    }
}

/// Runs an ingest. Errors are those of the index (a lock, a full disk); input problems are
/// reported and skipped.
pub fn run(
    cfg: &Config,
    extractor: &Extractor,
    progress: &dyn Progress,
    stop: &AtomicBool,
) -> Result<Summary, IndexError> {
    let started = Instant::now();
    let indexer = Indexer::open(
        &cfg.index_dir,
        cfg.rebuild,
        cfg.index_threads,
        cfg.heap_bytes,
    )?;
    if let Some(aliases) = &cfg.aliases {
        indexer.use_aliases(aliases.clone())?;
    }
    let run = Run {
        cfg,
        extractor,
        progress,
        stop,
        indexer,
        counters: Counters::default(),
        errors: Default::default(),
    };
    let files = input::discover(&cfg.paths, &|e| run.report(e));
    let total: u64 = files
        .iter()
        .map(|(p, _)| std::fs::metadata(p).map_or(0, |m| m.len()))
        .sum();
    progress.start(files.len() as u64, total);
    run.read_and_extract(&files);
    let Run {
        indexer,
        counters: c,
        errors,
        ..
    } = run;
    let first_error = errors
        .into_inner()
        .ok()
        .and_then(|mut v| (!v.is_empty()).then(|| v.remove(0)));
    progress.committing();
    let finished = if cfg.final_merge && !stop.load(Ordering::Relaxed) {
        progress.merging();
        indexer.finish_merged(cfg.index_threads, stop)?
    } else {
        indexer.finish()?
    };
    if let Some(e) = first_error {
        return Err(e);
    }
    Ok(Summary {
        files: files.len() as u64,
        articles: c.articles.into_inner(),
        passages: c.passages.into_inner(),
        statements: c.statements.into_inner(),
        text_bytes: c.text_bytes.into_inner(),
        input_bytes: c.input_bytes.into_inner(),
        skipped: c.skipped.into_inner(),
        warnings: c.warnings.into_inner(),
        millis: started.elapsed().as_millis() as u64,
        interrupted: stop.load(Ordering::Relaxed),
        index_docs: finished.documents,
        renamed: finished.renamed,
    })
}
