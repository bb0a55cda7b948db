//! Merging indexes built apart (shards: one per Spark partition, or per machine) into one, with
//! tantivy's own segment merging.
//!
//! Every shard must be a whosaid index of this schema version and field layout; any other is
//! refused, naming it, before anything is written. An article is one copy in the merged index:
//! when its id is in several shards, the **last shard given** stands and the others' documents of
//! it are left out of the merge (an alive bitset per segment, so nothing is re-indexed). What the
//! index derives index-wide is derived from the merged index when it is read: the speaker
//! registry is rebuilt from its speaker facets by the next writer ([`super::writer::Indexer::open`]),
//! a speaker's identities and countries are worked out at query time across all its statements.
//! The users' speaker corrections a shard keeps ([`crate::aliases::FILE_NAME`]) are carried over;
//! shards that keep different ones are refused.
//!
//! The display name of a speaker is fixed when a statement is indexed, from the names the
//! writer had seen so far; a shard has seen fewer, so a bare surname may stay bare in a shard
//! where a single run would have joined it to the full name (see `docs/scale.md`).

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use tantivy::directory::{MmapDirectory, OwnedBytes};
use tantivy::fastfield::{write_alive_bitset, AliveBitSet};
use tantivy::index::Segment;
use tantivy::schema::Field;
use tantivy::{BitSet, DocSet, Index, SegmentReader, TERMINATED};

use super::{IndexError, Result};
use crate::aliases;

/// What a merge did.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct MergeSummary {
    /// Shards merged.
    pub shards: u64,
    /// Their segments, merged into one.
    pub segments: u64,
    /// Documents in the merged index.
    pub documents: u64,
    /// Article ids found in more than one shard (the last shard's copy stands).
    pub duplicate_articles: u64,
    /// Documents of earlier shards left out for them.
    pub dropped_documents: u64,
    /// Wall time, milliseconds.
    pub millis: u64,
}

/// Why a merge cannot be done.
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    /// No shard was given.
    #[error("no shard to merge: name the index directories of the shards")]
    NoShards,
    /// A shard is the output too.
    #[error("{0} is both a shard and the output: merge into another directory")]
    OutputIsShard(PathBuf),
    /// The output holds an index already.
    #[error(
        "{0} holds an index already: merge into a new directory, or pass --rebuild to replace it"
    )]
    OutputExists(PathBuf),
    /// Two shards keep different speaker corrections.
    #[error("the shards {first} and {other} were indexed with different aliases files ({}): index every shard with the same --aliases", aliases::FILE_NAME)]
    Aliases {
        /// The first shard with an aliases file.
        first: PathBuf,
        /// A shard whose aliases file differs from the first's.
        other: PathBuf,
    },
    /// A shard (or the output) cannot be used.
    #[error(transparent)]
    Index(#[from] IndexError),
}

/// A shard opened for the merge, under its write lock (no writer may change it meanwhile).
struct Shard {
    dir: PathBuf,
    index: Index,
    _lock: super::WriteLock,
}

/// Merges the indexes `shards` into a new index at `out` (replacing an index there only with
/// `rebuild`). Of an article id present in several shards, the last shard's copy stands.
pub fn merge_shards(
    shards: &[PathBuf],
    out: &Path,
    rebuild: bool,
) -> std::result::Result<MergeSummary, MergeError> {
    let started = Instant::now();
    if shards.is_empty() {
        return Err(MergeError::NoShards);
    }
    let opened = open_shards(shards, out)?;
    let saved_aliases = same_aliases(&opened)?;
    let lock = super::lock(out)?;
    if super::exists(out) {
        if !rebuild {
            return Err(MergeError::OutputExists(out.to_path_buf()));
        }
        super::remove_index_files(out)?;
    }
    let (_, fields) = super::schema::build();
    let plan = plan(&opened, fields.article)?;
    if let Some(text) = &saved_aliases {
        let path = out.join(aliases::FILE_NAME);
        std::fs::write(&path, text).map_err(|source| IndexError::Io { path, source })?;
    }
    // The stamp first, as for a new index: killed between the two, the directory holds no index.
    super::write_stamp(out)?;
    let classify = |e| super::classify(out, e);
    let directory = MmapDirectory::open(out).map_err(|e| IndexError::Io {
        path: out.to_path_buf(),
        source: std::io::Error::other(e.to_string()),
    })?;
    let settings = opened[0].index.settings().clone();
    let segments = plan.segments.len() as u64;
    tantivy::indexer::merge_filtered_segments(&plan.segments, settings, plan.alive, directory)
        .map_err(classify)?;
    drop(lock);
    let (index, _) = super::open(out)?;
    let documents = super::guard(&index, out, || Ok(index.reader()?.searcher().num_docs()))?;
    Ok(MergeSummary {
        shards: opened.len() as u64,
        segments,
        documents,
        duplicate_articles: plan.duplicate_articles,
        dropped_documents: plan.dropped_documents,
        millis: started.elapsed().as_millis() as u64,
    })
}

/// Opens every shard, checking its schema version and field layout, under its write lock.
fn open_shards(shards: &[PathBuf], out: &Path) -> std::result::Result<Vec<Shard>, MergeError> {
    let out_real = std::fs::canonicalize(out).ok();
    let mut opened = Vec::with_capacity(shards.len());
    for dir in shards {
        let (index, _) = super::open(dir)?;
        if out_real.is_some() && std::fs::canonicalize(dir).ok() == out_real {
            return Err(MergeError::OutputIsShard(dir.clone()));
        }
        let lock = super::lock(dir)?;
        super::verify(&index, dir)?;
        opened.push(Shard {
            dir: dir.clone(),
            index,
            _lock: lock,
        });
    }
    Ok(opened)
}

/// The speaker corrections the shards keep: the same file in every shard that keeps one, or
/// refused.
fn same_aliases(opened: &[Shard]) -> std::result::Result<Option<Vec<u8>>, MergeError> {
    let mut found: Option<(&Path, Vec<u8>)> = None;
    for shard in opened {
        let Ok(text) = std::fs::read(shard.dir.join(aliases::FILE_NAME)) else {
            continue;
        };
        match &found {
            None => found = Some((&shard.dir, text)),
            Some((first, kept)) if *kept != text => {
                return Err(MergeError::Aliases {
                    first: first.to_path_buf(),
                    other: shard.dir.clone(),
                })
            }
            Some(_) => {}
        }
    }
    Ok(found.map(|(_, text)| text))
}

/// The segments to merge and the documents of each to keep.
struct Plan {
    segments: Vec<Segment>,
    /// One per segment: `None` to keep what the segment keeps, else the documents to keep.
    alive: Vec<Option<AliveBitSet>>,
    duplicate_articles: u64,
    dropped_documents: u64,
}

/// Plans the merge: walking the shards from the last, an article id already met in a later
/// shard has its documents left out.
fn plan(opened: &[Shard], article: Field) -> Result<Plan> {
    let mut later: HashSet<Box<[u8]>> = HashSet::new();
    let mut per_shard: Vec<Vec<(Segment, Option<AliveBitSet>)>> = Vec::new();
    let (mut duplicate_articles, mut dropped_documents) = (0, 0);
    for shard in opened.iter().rev() {
        let mut here: HashSet<Box<[u8]>> = HashSet::new();
        let mut segments = Vec::new();
        let found = super::guard(&shard.index, &shard.dir, || {
            let mut found = Vec::new();
            for segment in shard.index.searchable_segments()? {
                let reader = SegmentReader::open(&segment)?;
                let kept = filter_segment(&reader, article, &later, &mut here)?;
                found.push((segment, kept));
            }
            Ok(found)
        })?;
        for (segment, kept) in found {
            if let Some((alive, dropped, duplicates)) = kept {
                dropped_documents += dropped;
                duplicate_articles += duplicates;
                segments.push((segment, Some(alive)));
            } else {
                segments.push((segment, None));
            }
        }
        later.extend(here);
        per_shard.push(segments);
    }
    let (segments, alive) = per_shard.into_iter().rev().flatten().unzip();
    Ok(Plan {
        segments,
        alive,
        duplicate_articles,
        dropped_documents,
    })
}

/// Adds the article ids of `reader`'s live documents to `here`; returns, when some of them are
/// in `later`, the documents to keep (the others), the number left out and the number of such
/// ids.
fn filter_segment(
    reader: &SegmentReader,
    article: Field,
    later: &HashSet<Box<[u8]>>,
    here: &mut HashSet<Box<[u8]>>,
) -> tantivy::Result<Option<(AliveBitSet, u64, u64)>> {
    let inverted = reader.inverted_index(article)?;
    let alive = reader.alive_bitset();
    let is_alive = |doc| alive.is_none_or(|a| a.is_alive(doc));
    let mut keep: Option<BitSet> = None;
    let (mut dropped, mut duplicates) = (0u64, 0u64);
    let mut stream = inverted.terms().stream()?;
    while stream.advance() {
        let id = stream.key();
        let mut postings = inverted.read_postings_from_terminfo(
            stream.value(),
            tantivy::schema::IndexRecordOption::Basic,
        )?;
        let mut docs = Vec::new();
        let mut doc = postings.doc();
        while doc != TERMINATED {
            if is_alive(doc) {
                docs.push(doc);
            }
            doc = postings.advance();
        }
        if docs.is_empty() {
            continue;
        }
        if later.contains(id) {
            let bits =
                keep.get_or_insert_with(|| BitSet::with_max_value_and_full(reader.max_doc()));
            for d in &docs {
                bits.remove(*d);
            }
            dropped += docs.len() as u64;
            duplicates += 1;
        } else {
            here.insert(id.into());
        }
    }
    let Some(bits) = keep else {
        return Ok(None);
    };
    let mut bytes = Vec::new();
    write_alive_bitset(&bits, &mut bytes)?;
    Ok(Some((
        AliveBitSet::open(OwnedBytes::new(bytes)),
        dropped,
        duplicates,
    )))
}
