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

use crate::extract::Extractor;
use crate::index::writer::Indexer;
use crate::index::IndexError;
use crate::input::{self, FieldMap, InputError, InputErrorKind, Item};

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
    let skipped = AtomicU64::new(0);
    let warnings = AtomicU64::new(0);
    let count = |e: &InputError| {
        if e.is_warning() {
            warnings.fetch_add(1, Ordering::Relaxed);
        } else if !e.is_note() {
            skipped.fetch_add(1, Ordering::Relaxed);
        }
    };
    let report = |e: InputError| {
        count(&e);
        progress.problem(&e);
    };
    let files = input::discover(&cfg.paths, &report);
    let total: u64 = files
        .iter()
        .map(|(p, _)| std::fs::metadata(p).map_or(0, |m| m.len()))
        .sum();
    progress.start(files.len() as u64, total);

    let articles = AtomicU64::new(0);
    let passages = AtomicU64::new(0);
    let statements = AtomicU64::new(0);
    let text_bytes = AtomicU64::new(0);
    let input_bytes = AtomicU64::new(0);
    let mut first_error: Option<IndexError> = None;
    let (tx, rx) = crossbeam_channel::bounded::<(u64, crate::article::Article)>(256);
    let errors = std::sync::Mutex::new(Vec::<IndexError>::new());
    quiet_worker_panics();
    std::thread::scope(|scope| {
        for _ in 0..cfg.workers.max(1) {
            let rx = rx.clone();
            let indexer = &indexer;
            let (articles, passages, statements, text_bytes, errors, report) = (
                &articles,
                &passages,
                &statements,
                &text_bytes,
                &errors,
                &report,
            );
            let work = move || {
                for (seq, a) in rx {
                    if stop.load(Ordering::Relaxed) {
                        // Stopping: what is still queued is left for the next run.
                        continue;
                    }
                    // A panic in extraction (a bug on some input) skips this article only.
                    let ex = match panic::catch_unwind(AssertUnwindSafe(|| extractor.extract(&a))) {
                        Ok(ex) => ex,
                        Err(payload) => {
                            let (path, line) = split_line(&a.path);
                            report(InputError {
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
                    match indexer.add(&a, &ex, seq) {
                        Ok(w) => {
                            articles.fetch_add(1, Ordering::Relaxed);
                            passages.fetch_add(w.passages, Ordering::Relaxed);
                            statements.fetch_add(w.statements, Ordering::Relaxed);
                            text_bytes.fetch_add(a.text.len() as u64, Ordering::Relaxed);
                            progress.article(a.text.len() as u64);
                        }
                        Err(e) => {
                            if let Ok(mut v) = errors.lock() {
                                v.push(e);
                            }
                        }
                    }
                }
            };
            if let Err(e) = std::thread::Builder::new()
                .name(WORKER_NAME.into())
                .spawn_scoped(scope, work)
            {
                if let Ok(mut v) = errors.lock() {
                    v.push(IndexError::Io {
                        path: cfg.index_dir.clone(),
                        source: e,
                    });
                }
            }
        }
        drop(rx);
        let mut last_commit = Instant::now();
        // Each article's place in the input: of two with the same id, the later stands.
        let mut seq = 0u64;
        'files: for (path, format) in &files {
            let mut halted = false;
            let mut problems = 0u64;
            input::read_file(path, *format, &cfg.fields, &mut |item| {
                if halted {
                    return;
                }
                match item {
                    Item::Problem(e) => {
                        problems += 1;
                        if problems <= PROBLEMS_SHOWN {
                            report(e);
                        } else {
                            count(&e);
                        }
                    }
                    Item::Article(a, n) => {
                        input_bytes.fetch_add(n, Ordering::Relaxed);
                        seq += 1;
                        if tx.send((seq, a)).is_err() || stop.load(Ordering::Relaxed) {
                            halted = true;
                        }
                    }
                }
                if last_commit.elapsed() >= cfg.commit_every {
                    progress.committing();
                    if let Err(e) = indexer.commit() {
                        if let Ok(mut v) = errors.lock() {
                            v.push(e);
                        }
                        halted = true;
                    }
                    last_commit = Instant::now();
                }
            });
            if problems > PROBLEMS_SHOWN {
                progress.problem(&InputError {
                    path: path.clone(),
                    line: None,
                    kind: InputErrorKind::Suppressed(problems - PROBLEMS_SHOWN),
                });
            }
            progress.file_done(std::fs::metadata(path).map_or(0, |m| m.len()));
            if halted || stop.load(Ordering::Relaxed) {
                break 'files;
            }
        }
        drop(tx);
    });
    if let Ok(mut v) = errors.lock() {
        if !v.is_empty() {
            first_error = Some(v.remove(0));
        }
    }
    progress.committing();
    let index_docs = if cfg.final_merge && !stop.load(Ordering::Relaxed) {
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
        articles: articles.into_inner(),
        passages: passages.into_inner(),
        statements: statements.into_inner(),
        text_bytes: text_bytes.into_inner(),
        input_bytes: input_bytes.into_inner(),
        skipped: skipped.into_inner(),
        warnings: warnings.into_inner(),
        millis: started.elapsed().as_millis() as u64,
        interrupted: stop.load(Ordering::Relaxed),
        index_docs,
    })
}
