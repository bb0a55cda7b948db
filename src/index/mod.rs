//! The index: the only part of whosaid that knows tantivy.
//!
//! [`writer`] turns articles and their statements into documents, [`search`] answers queries with
//! ranked hits, snippets and highlight ranges. An index directory holds tantivy's files and a
//! `whosaid.json` stamp with the schema version.

pub mod facets;
pub mod group;
pub mod profile;
pub mod provenance;
pub mod schema;
pub mod search;
pub mod speakers;
pub mod stem;
pub mod who;
pub mod writer;

use std::path::{Path, PathBuf};

use tantivy::Index;

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
        path: PathBuf,
        found: String,
        expected: u32,
    },
    /// Another process holds the writer lock.
    #[error("index is locked by another whosaid process ({0}); wait for it to finish")]
    Locked(PathBuf),
    /// Files of the index are damaged or missing.
    #[error("the index at {path} is damaged ({message}): rebuild it with `whosaid index --rebuild --index {path}`")]
    Damaged { path: PathBuf, message: String },
    /// A query that does not parse.
    #[error("invalid query: {0}")]
    Query(String),
    /// A filter value that cannot be used.
    #[error("{0}")]
    Filter(String),
    /// A file system error.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Any other tantivy error.
    #[error("index error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}

/// The result type of this module.
pub type Result<T> = std::result::Result<T, IndexError>;

const STAMP: &str = "whosaid.json";

/// Returns true if and only if `dir` holds an index (of any version).
pub fn exists(dir: &Path) -> bool {
    dir.join("meta.json").is_file()
}

fn read_stamp(dir: &Path) -> Option<String> {
    let text = std::fs::read_to_string(dir.join(STAMP)).ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    v.get("schema_version").map(|x| x.to_string())
}

fn write_stamp(dir: &Path) -> Result<()> {
    let body = serde_json::json!({
        "schema_version": SCHEMA_VERSION,
        "written_by": concat!("whosaid ", env!("CARGO_PKG_VERSION")),
    });
    std::fs::write(dir.join(STAMP), format!("{body}\n")).map_err(|e| IndexError::Io {
        path: dir.join(STAMP),
        source: e,
    })
}

fn damaged(dir: &Path, e: impl std::fmt::Display) -> IndexError {
    IndexError::Damaged {
        path: dir.to_path_buf(),
        message: e.to_string(),
    }
}

/// Opens an existing index, checking its schema version.
pub fn open(dir: &Path) -> Result<(Index, Fields)> {
    if !exists(dir) {
        return Err(IndexError::Missing(dir.to_path_buf()));
    }
    let found = read_stamp(dir).unwrap_or_else(|| "unknown".to_string());
    if found != SCHEMA_VERSION.to_string() {
        return Err(IndexError::Version {
            path: dir.to_path_buf(),
            found,
            expected: SCHEMA_VERSION,
        });
    }
    let index = Index::open_in_dir(dir).map_err(|e| damaged(dir, e))?;
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

/// Opens the index at `dir`, creating it when there is none. With `rebuild`, an existing index is
/// removed first (only whosaid's and tantivy's own files).
pub fn open_or_create(dir: &Path, rebuild: bool) -> Result<(Index, Fields)> {
    if rebuild && exists(dir) {
        remove_index_files(dir)?;
    }
    if exists(dir) {
        return open(dir);
    }
    std::fs::create_dir_all(dir).map_err(|e| IndexError::Io {
        path: dir.to_path_buf(),
        source: e,
    })?;
    let (schema, fields) = schema::build();
    let index = Index::create_in_dir(dir, schema).map_err(|e| match e {
        tantivy::TantivyError::IndexAlreadyExists => damaged(dir, "an index appeared concurrently"),
        other => IndexError::Tantivy(other),
    })?;
    write_stamp(dir)?;
    schema::register_tokenizers(&index);
    Ok((index, fields))
}

/// Removes an index's files from `dir`, keeping anything else there.
fn remove_index_files(dir: &Path) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| IndexError::Io {
        path: dir.to_path_buf(),
        source: e,
    })?;
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let ours = name == "meta.json"
            || name == ".managed.json"
            || name == STAMP
            || name.ends_with(".lock")
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
            .any(|ext| name.ends_with(ext));
        if ours {
            let p = e.path();
            std::fs::remove_file(&p).map_err(|err| IndexError::Io {
                path: p,
                source: err,
            })?;
        }
    }
    Ok(())
}
