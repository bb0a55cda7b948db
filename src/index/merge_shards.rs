//! Merging indexes built apart (shards: one per Spark partition, or per machine) into one, with
//! tantivy's own segment merging.
//!
//! Every shard must be a whosaid index of this schema version and field layout; any other is
//! refused, naming it, before anything is written. An article is one copy in the merged index:
//! when its id is in several shards, the **last shard given** stands and the others' documents of
//! it are left out of the merge (an alive bitset per segment, so nothing is re-indexed).
//!
//! A speaker's display name is decided by the counts of the whole index ([`super::speakers`]):
//! a shard decided it from its own, so before merging, the statements that the counts of all
//! the shards name otherwise are left out in the same way and their renamed copies merged in
//! their place ([`super::rename::rename_in_segments`], through a small index of their own in
//! the output directory, removed once merged). The merged index then names every speaker as
//! one run over all the articles would. A speaker's countries are worked out at query time
//! across all its statements. The users' speaker corrections a shard keeps
//! ([`crate::aliases::FILE_NAME`]) are carried over and apply to the names; shards that keep
//! different ones are refused.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use tantivy::directory::{MmapDirectory, OwnedBytes};
use tantivy::fastfield::{write_alive_bitset, AliveBitSet};
use tantivy::index::{IndexSettings, Segment};
use tantivy::indexer::NoMergePolicy;
use tantivy::schema::Field;
use tantivy::{BitSet, DocSet, Index, IndexWriter, SegmentReader, TERMINATED};

use super::rename::rename_in_segments;
use super::speakers::SpeakerRegistry;
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
    /// Statements named otherwise than in their shard: the counts of all the shards decided
    /// another name for their speaker.
    pub renamed: u64,
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
    let mut plan = plan(&opened, fields.article)?;
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
    let aliases = aliases::Aliases::saved(out)
        .map_err(IndexError::from)?
        .unwrap_or_default();
    let (renamed, renamed_dir) = rename(&mut plan, out, &settings, aliases)?;
    tantivy::indexer::merge_filtered_segments(&plan.segments, settings, plan.alive, directory)
        .map_err(classify)?;
    drop(renamed_dir);
    drop(lock);
    let (index, _) = super::open(out)?;
    let documents = super::guard(&index, out, || Ok(index.reader()?.searcher().num_docs()))?;
    Ok(MergeSummary {
        shards: opened.len() as u64,
        segments,
        documents,
        duplicate_articles: plan.duplicate_articles,
        dropped_documents: plan.dropped_documents,
        renamed,
        millis: started.elapsed().as_millis() as u64,
    })
}

/// Where a merge writes the statements it names again: an index of their own inside the
/// output directory, removed once merged.
const RENAMED_DIR: &str = "renamed-statements.tmp";

/// The indexing memory of the writer of the renamed statements.
const RENAMED_WRITER_HEAP: usize = 50_000_000;

/// Removes a directory when dropped, however the merge ends.
struct RemovedOnDrop(PathBuf);

impl Drop for RemovedOnDrop {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Names again the statements of the planned segments that the counts of all the shards name
/// otherwise ([`rename_in_segments`], by the user's `aliases`): leaves them out of the plan and
/// adds the segments of their renamed copies, written to [`RENAMED_DIR`] in `out`. Returns how
/// many, and that directory, to drop once merged.
fn rename(
    plan: &mut Plan,
    out: &Path,
    settings: &IndexSettings,
    aliases: aliases::Aliases,
) -> Result<(u64, RemovedOnDrop)> {
    let dir = out.join(RENAMED_DIR);
    let io = |source| IndexError::Io {
        path: dir.clone(),
        source,
    };
    if dir.exists() {
        std::fs::remove_dir_all(&dir).map_err(io)?;
    }
    std::fs::create_dir_all(&dir).map_err(io)?;
    let removed = RemovedOnDrop(dir.clone());
    let classify = |e| super::classify(out, e);
    let directory =
        MmapDirectory::open(&dir).map_err(|e| io(std::io::Error::other(e.to_string())))?;
    let (schema, fields) = super::schema::build();
    let index = Index::create(directory, schema, settings.clone()).map_err(classify)?;
    super::schema::register_tokenizers(&index);
    let options = tantivy::indexer::IndexWriterOptions::builder()
        .num_worker_threads(1)
        .memory_budget_per_thread(RENAMED_WRITER_HEAP)
        .build();
    let mut writer: IndexWriter = index.writer_with_options(options).map_err(classify)?;
    writer.set_merge_policy(Box::new(NoMergePolicy));
    let template = SpeakerRegistry::with_aliases(aliases);
    let renamed = rename_in_segments(
        &plan.segments,
        &mut plan.alive,
        &fields,
        &template,
        &mut |d| writer.add_document(d).map(|_| ()),
    )
    .map_err(classify)?;
    if renamed > 0 {
        writer.commit().map_err(classify)?;
        writer.wait_merging_threads().map_err(classify)?;
        for segment in index.searchable_segments().map_err(classify)? {
            plan.segments.push(segment);
            plan.alive.push(None);
        }
    }
    Ok((renamed, removed))
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
