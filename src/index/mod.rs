//! The index: the only part of whosaid that knows tantivy.
//!
//! [`writer`] turns articles and their statements into documents, naming each speaker by the
//! counts of the whole index ([`speakers`], [`rename`]), [`search`] answers queries with
//! ranked hits, snippets and highlight ranges: a [`searcher::Searcher`] runs the query
//! [`query`] builds and reads each hit with [`hits`]. The types these modules share are in
//! [`types`], which uses none of them; no two modules of the index use each other. An index
//! directory holds tantivy's files, a `whosaid.json` stamp with the schema version and a
//! `whosaid.lock` file.
//!
//! Robustness: one process writes at a time (the [`WriteLock`] on `whosaid.lock`, taken before
//! anything in the directory is created or removed, so a second writer fails at once with
//! [`IndexError::Locked`]); the stamp is written atomically before the index is created, so a run
//! killed at any point leaves either no index or one that opens; tantivy commits by renaming
//! `meta.json` atomically, so a killed run leaves the last commit; errors and panics that come
//! from damaged files are reported as [`IndexError::Damaged`] (see [`guard`] and [`verify`]).

pub mod context;
pub mod count;
pub mod document;
pub mod explain;
pub mod facets;
pub mod group;
pub mod hits;
pub mod merge;
pub mod merge_shards;
pub mod profile;
pub mod provenance;
pub mod query;
pub mod rename;
pub mod schema;
pub mod search;
pub mod searcher;
pub mod speakers;
pub mod stats;
pub mod stem;
pub mod table;
pub mod timeline;
pub mod types;
pub mod who;
pub mod writer;

use std::fs::File;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use tantivy::directory::error::OpenReadError;
use tantivy::{Index, TantivyError};

use schema::{Fields, SCHEMA_VERSION};

/// What can go wrong with an index.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// No index at the path.
    #[error("no index at {0}: build one with `whosaid index [PATH ...] --index {0}`")]
    Missing(PathBuf),
    /// The index was built by a whosaid of another schema version.
    #[error("the index at {path} has schema version {found}, this whosaid uses version {expected}: rebuild it with `whosaid index --rebuild --index {path}`")]
    Version {
        /// The index directory.
        path: PathBuf,
        /// The version its stamp holds.
        found: String,
        /// The version this whosaid writes and reads.
        expected: u32,
    },
    /// Another process holds the writer lock.
    #[error("index is locked by another whosaid process ({0}); wait for it to finish")]
    Locked(PathBuf),
    /// whosaid failed on a case it does not handle (a bug): a panic caught at the index layer,
    /// on an index whose files are sound.
    #[error("internal error on the index at {path}: {message} (this is a bug in whosaid: please report it)")]
    Internal {
        /// The index directory.
        path: PathBuf,
        /// What the panic said.
        message: String,
    },
    /// Files of the index are damaged or missing.
    #[error("the index at {path} is damaged ({message}): rebuild it with `whosaid index --rebuild --index {path}`")]
    Damaged {
        /// The index directory.
        path: PathBuf,
        /// What was found damaged.
        message: String,
    },
    /// A query that does not parse.
    #[error("invalid query: {0}")]
    Query(String),
    /// A filter value that cannot be used.
    #[error("{0}")]
    Filter(String),
    /// A file system error.
    #[error("{path}: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The system's error.
        source: std::io::Error,
    },
    /// The user's aliases file (given, or kept in the index directory) cannot be used.
    #[error("{0}")]
    Aliases(#[from] crate::aliases::AliasesError),
    /// Any other tantivy error.
    #[error("index error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}

/// The result type of this module.
pub type Result<T> = std::result::Result<T, IndexError>;

const STAMP: &str = "whosaid.json";
const LOCK: &str = "whosaid.lock";

/// The lock a writing process holds on an index directory for as long as it lives; the
/// operating system releases it when the process ends, however it ends (so a killed run leaves
/// no stale lock).
#[derive(Debug)]
pub struct WriteLock {
    _file: File,
}

/// Takes the write lock of the index at `dir` (creating the directory), or fails at once with
/// [`IndexError::Locked`] when another process holds it.
pub fn lock(dir: &Path) -> Result<WriteLock> {
    let io = |path: PathBuf| move |source| IndexError::Io { path, source };
    std::fs::create_dir_all(dir).map_err(io(dir.to_path_buf()))?;
    let path = dir.join(LOCK);
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(io(path.clone()))?;
    match file.try_lock() {
        Ok(()) => Ok(WriteLock { _file: file }),
        Err(std::fs::TryLockError::WouldBlock) => Err(IndexError::Locked(dir.to_path_buf())),
        Err(std::fs::TryLockError::Error(e)) => Err(io(path)(e)),
    }
}

/// Classifies a tantivy error on the index at `dir`: errors that say a file is missing, cut short
/// or garbled become [`IndexError::Damaged`], a writer lock held elsewhere [`IndexError::Locked`],
/// anything else stays [`IndexError::Tantivy`].
pub fn classify(dir: &Path, e: TantivyError) -> IndexError {
    let file_name = |p: &Path| {
        p.file_name().map_or_else(
            || p.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    };
    let corrupt_io = |k: std::io::ErrorKind| {
        matches!(
            k,
            std::io::ErrorKind::InvalidData | std::io::ErrorKind::UnexpectedEof
        )
    };
    match e {
        TantivyError::OpenReadError(OpenReadError::FileDoesNotExist(p)) => {
            damaged(dir, format!("file {} is missing", file_name(&p)))
        }
        TantivyError::OpenReadError(OpenReadError::IoError { io_error, filepath })
            if corrupt_io(io_error.kind()) =>
        {
            damaged(dir, format!("file {}: {io_error}", file_name(&filepath)))
        }
        TantivyError::OpenReadError(OpenReadError::IncompatibleIndex(i)) => {
            damaged(dir, format!("{i:?}"))
        }
        TantivyError::IncompatibleIndex(i) => damaged(dir, format!("{i:?}")),
        TantivyError::DataCorruption(c) => damaged(dir, format!("{c:?}")),
        TantivyError::IoError(io) if corrupt_io(io.kind()) => damaged(dir, io),
        TantivyError::LockFailure(..) => IndexError::Locked(dir.to_path_buf()),
        other => IndexError::Tantivy(other),
    }
}

/// Checks the checksum of every file of the last commit. Returns [`IndexError::Damaged`] naming
/// the files whose contents do not match. Reads the whole index once.
pub fn verify(index: &Index, dir: &Path) -> Result<()> {
    let bad = index.validate_checksum().map_err(|e| classify(dir, e))?;
    if bad.is_empty() {
        return Ok(());
    }
    let mut names: Vec<String> = bad.iter().map(|p| p.display().to_string()).collect();
    names.sort();
    Err(damaged(
        dir,
        format!("checksum mismatch in {}", names.join(", ")),
    ))
}

/// A panic hook as `std::panic::take_hook` gives it.
type Hook = Box<dyn Fn(&panic::PanicHookInfo<'_>) + Sync + Send + 'static>;

/// The guards running now, and the panic hook to put back when the last one ends.
static QUIET: std::sync::Mutex<(usize, Option<Hook>)> = std::sync::Mutex::new((0, None));

/// Keeps panic messages off stderr while at least one [`guard`] runs, in any thread: the first
/// to enter installs a silent hook, the last to leave puts the previous one back (threads that
/// swapped hooks on their own could leave the silent one in place for good).
struct Quiet;

impl Quiet {
    fn enter() -> Quiet {
        let mut q = QUIET.lock().unwrap_or_else(|e| e.into_inner());
        if q.0 == 0 {
            q.1 = Some(panic::take_hook());
            panic::set_hook(Box::new(|_| {}));
        }
        q.0 += 1;
        Quiet
    }
}

impl Drop for Quiet {
    fn drop(&mut self) {
        let mut q = QUIET.lock().unwrap_or_else(|e| e.into_inner());
        q.0 = q.0.saturating_sub(1);
        if q.0 == 0 {
            if let Some(hook) = q.1.take() {
                panic::set_hook(hook);
            }
        }
    }
}

/// Runs `f`, which reads the index at `dir`, turning what damaged files cause into
/// [`IndexError::Damaged`]: a tantivy error is classified (see [`classify`]); a panic (tantivy
/// panics on some garbled data) or an unclassified tantivy error leads to a checksum check of the
/// index ([`verify`]), which names the damaged files. A panic on a sound index is reported as
/// [`IndexError::Internal`]. The panic message is kept off stderr while `f` runs.
pub fn guard<T>(index: &Index, dir: &Path, f: impl FnOnce() -> Result<T>) -> Result<T> {
    let outcome = {
        let _quiet = Quiet::enter();
        panic::catch_unwind(AssertUnwindSafe(f))
    };
    match outcome {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(IndexError::Tantivy(e))) => match classify(dir, e) {
            IndexError::Tantivy(e) => {
                verify(index, dir)?;
                Err(IndexError::Tantivy(e))
            }
            other => Err(other),
        },
        Ok(Err(e)) => Err(e),
        Err(payload) => {
            verify(index, dir)?;
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic".to_string());
            Err(IndexError::Internal {
                path: dir.to_path_buf(),
                message,
            })
        }
    }
}

/// How deep a query may nest parentheses. tantivy's query parser recurses once per level, so a
/// query of thousands of `(` would overflow the stack; no real query comes near this.
pub const MAX_QUERY_DEPTH: usize = 32;

/// Checks what tantivy's query parser cannot be trusted with (parentheses nested more than
/// [`MAX_QUERY_DEPTH`] deep, outside phrases), before it sees the query.
pub fn check_query(query: &str) -> Result<()> {
    let (mut depth, mut max, mut in_phrase) = (0usize, 0usize, false);
    for c in query.chars() {
        match c {
            '"' => in_phrase = !in_phrase,
            '(' if !in_phrase => {
                depth += 1;
                max = max.max(depth);
            }
            ')' if !in_phrase => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    if max > MAX_QUERY_DEPTH {
        return Err(IndexError::Query(format!(
            "parentheses nested {max} deep (at most {MAX_QUERY_DEPTH}) in `{}`",
            abbreviate(query)
        )));
    }
    Ok(())
}

/// The query as quoted in an error message: at most 60 characters, control characters shown as
/// spaces.
pub fn abbreviate(query: &str) -> String {
    let q = query.trim();
    let mut out: String = q
        .chars()
        .take(60)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if q.chars().nth(60).is_some() {
        out.push('…');
    }
    out
}

/// Returns true if and only if `dir` holds an index (of any version).
pub fn exists(dir: &Path) -> bool {
    dir.join("meta.json").is_file()
}

fn read_stamp(dir: &Path) -> Option<String> {
    let text = std::fs::read_to_string(dir.join(STAMP)).ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    v.get("schema_version").map(|x| x.to_string())
}

/// Writes the stamp atomically (a temporary file renamed), so that a killed run never leaves a
/// half-written one.
fn write_stamp(dir: &Path) -> Result<()> {
    let body = serde_json::json!({
        "schema_version": SCHEMA_VERSION,
        "written_by": concat!("whosaid ", env!("CARGO_PKG_VERSION")),
    });
    let tmp = dir.join(format!("{STAMP}.{}.tmp", std::process::id()));
    let io = |path: PathBuf| move |source| IndexError::Io { path, source };
    std::fs::write(&tmp, format!("{body}\n")).map_err(io(tmp.clone()))?;
    std::fs::rename(&tmp, dir.join(STAMP)).map_err(io(dir.join(STAMP)))
}

fn damaged(dir: &Path, e: impl std::fmt::Display) -> IndexError {
    let full = e.to_string();
    let mut message: String = full.chars().take(200).collect();
    if message.len() < full.len() {
        message.push('…');
    }
    IndexError::Damaged {
        path: dir.to_path_buf(),
        message,
    }
}

/// Opens an existing index, checking its schema version.
pub fn open(dir: &Path) -> Result<(Index, Fields)> {
    if !exists(dir) {
        return Err(IndexError::Missing(dir.to_path_buf()));
    }
    let found =
        read_stamp(dir).unwrap_or_else(|| format!("unknown ({STAMP} is missing or unreadable)"));
    if found != SCHEMA_VERSION.to_string() {
        return Err(IndexError::Version {
            path: dir.to_path_buf(),
            found,
            expected: SCHEMA_VERSION,
        });
    }
    let index = Index::open_in_dir(dir).map_err(|e| match classify(dir, e) {
        IndexError::Tantivy(e) => damaged(dir, e),
        other => other,
    })?;
    let (schema, fields) = schema::build();
    if index.schema() != schema {
        return Err(IndexError::Version {
            path: dir.to_path_buf(),
            found: format!("{found} (with a different field layout)"),
            expected: SCHEMA_VERSION,
        });
    }
    schema::register_tokenizers(&index);
    Ok((index, fields))
}

/// Opens the index at `dir` for writing, creating it when there is none, under the write lock
/// `_lock` (see [`lock`]). With `rebuild`, an existing index is removed first (only whosaid's and
/// tantivy's own files). Temporary files that a killed run left behind are removed.
pub fn open_or_create(dir: &Path, rebuild: bool, _lock: &WriteLock) -> Result<(Index, Fields)> {
    if rebuild {
        remove_index_files(dir)?;
    } else {
        remove_leftovers(dir)?;
    }
    if exists(dir) {
        return open(dir);
    }
    std::fs::create_dir_all(dir).map_err(|e| IndexError::Io {
        path: dir.to_path_buf(),
        source: e,
    })?;
    // The stamp first: killed between the two, the directory holds no index (no meta.json) and
    // the next run creates it.
    write_stamp(dir)?;
    let (schema, fields) = schema::build();
    let index = Index::create_in_dir(dir, schema).map_err(|e| match e {
        TantivyError::IndexAlreadyExists => damaged(dir, "an index appeared concurrently"),
        other => classify(dir, other),
    })?;
    schema::register_tokenizers(&index);
    Ok((index, fields))
}

/// Returns true if and only if `name` is a temporary file that tantivy (`.tmpXXXXXX`, from its
/// atomic writes) or whosaid (`whosaid.json.PID.tmp`) leaves behind when killed.
fn is_leftover(name: &str) -> bool {
    name.starts_with(".tmp") || (name.starts_with(STAMP) && name.ends_with(".tmp"))
}

/// Removes the temporary files a killed run left in `dir`. Only called under the write lock, when
/// no other process can be writing them.
fn remove_leftovers(dir: &Path) -> Result<()> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    remove_entries(entries, is_leftover)
}

/// Removes the files of `entries` whose name `remove` picks.
fn remove_entries(entries: std::fs::ReadDir, remove: impl Fn(&str) -> bool) -> Result<()> {
    for e in entries.flatten() {
        if remove(&e.file_name().to_string_lossy()) {
            let p = e.path();
            std::fs::remove_file(&p).map_err(|err| IndexError::Io {
                path: p,
                source: err,
            })?;
        }
    }
    Ok(())
}

/// Removes an index's files from `dir`, keeping anything else there (and the write lock file,
/// which the caller holds).
fn remove_index_files(dir: &Path) -> Result<()> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => {
            return Err(IndexError::Io {
                path: dir.to_path_buf(),
                source: e,
            })
        }
    };
    remove_entries(entries, |name| {
        name == "meta.json"
            || name == ".managed.json"
            || name == STAMP
            || is_leftover(name)
            || (name.ends_with(".lock") && name != LOCK)
            || [
                ".idx",
                ".pos",
                ".term",
                ".store",
                ".temp",
                ".fast",
                ".fieldnorm",
                ".del",
            ]
            .iter()
            .any(|ext| name.ends_with(ext))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_queries_are_refused_and_phrases_do_not_count() {
        assert!(check_query("a (b (c))").is_ok());
        assert!(check_query(&"(".repeat(MAX_QUERY_DEPTH)).is_ok());
        let e = check_query(&"(".repeat(100_000)).unwrap_err().to_string();
        assert!(e.contains("nested 100000 deep"), "{e}");
        assert!(e.len() < 200, "{e}");
        assert!(check_query(&format!("\"{}\"", "(".repeat(1000))).is_ok());
    }

    #[test]
    fn abbreviate_keeps_messages_short_and_printable() {
        assert_eq!(abbreviate("  a\u{1b}b "), "a b");
        let long = abbreviate(&"x".repeat(1000));
        assert_eq!(long.chars().count(), 61);
        assert!(long.ends_with('…'));
    }

    #[test]
    fn the_write_lock_is_exclusive_and_released_on_drop() {
        let dir = tempfile::tempdir().unwrap();
        let first = lock(dir.path()).unwrap();
        assert!(matches!(lock(dir.path()), Err(IndexError::Locked(_))));
        drop(first);
        assert!(lock(dir.path()).is_ok());
    }

    #[test]
    fn leftovers_are_told_apart_from_index_files() {
        assert!(is_leftover(".tmpX1y2Z3"));
        assert!(is_leftover("whosaid.json.1234.tmp"));
        assert!(!is_leftover("meta.json"));
        assert!(!is_leftover("whosaid.json"));
        assert!(!is_leftover("0a1b.store"));
    }
}
