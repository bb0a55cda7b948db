//! Which segments the index writer merges, and when: only small ones, into segments of bounded
//! size, so that the cost of a run grows with what it adds and its memory does not.
//!
//! tantivy's default policy merges segments of similar size in groups of eight, again and again:
//! on a corpus four times as large it ends up rewriting segments of millions of documents, whose
//! files a merge maps whole (they count in the process's resident memory) and whose rewriting
//! makes indexing time grow faster than the corpus. Here a segment that a full indexing buffer
//! made is left as it is; the small segments that periodic commits and small runs leave behind
//! are merged, four or more at a time and one merge at a time, up to the size of such a segment;
//! and a segment whose documents were mostly replaced by a later run is rewritten to drop them.

use tantivy::index::SegmentMeta;
use tantivy::indexer::{MergeCandidate, MergePolicy};

/// Merges small segments into segments of at most `max_docs` documents, and rewrites segments
/// that are mostly deleted documents.
#[derive(Clone, Debug)]
pub struct BoundedMergePolicy {
    /// A segment with fewer live documents than this is small.
    pub small_docs: u32,
    /// Merged segments hold at most this many documents.
    pub max_docs: u32,
    /// Small segments are merged this many at a time at least.
    pub min_merge: usize,
    /// A segment with more than this share of deleted documents is rewritten.
    pub max_deleted_ratio: f32,
}

impl Default for BoundedMergePolicy {
    fn default() -> Self {
        BoundedMergePolicy {
            small_docs: 100_000,
            max_docs: 400_000,
            min_merge: 4,
            max_deleted_ratio: 0.4,
        }
    }
}

impl MergePolicy for BoundedMergePolicy {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        let mut out = Vec::new();
        let deleted = |s: &SegmentMeta| {
            s.max_doc() > 0
                && s.num_deleted_docs() as f32 > self.max_deleted_ratio * s.max_doc() as f32
        };
        let mut small: Vec<&SegmentMeta> = Vec::new();
        for s in segments {
            if deleted(s) && s.num_docs() >= self.small_docs {
                out.push(MergeCandidate(vec![s.id()]));
            } else if s.num_docs() < self.small_docs {
                small.push(s);
            }
        }
        // Smallest first, packed into groups of at most `max_docs` documents.
        small.sort_by_key(|s| s.num_docs());
        let mut group: Vec<&SegmentMeta> = Vec::new();
        let mut docs = 0u64;
        for s in small {
            if docs + s.num_docs() as u64 > self.max_docs as u64 && !group.is_empty() {
                if group.len() >= self.min_merge {
                    out.push(MergeCandidate(group.iter().map(|s| s.id()).collect()));
                }
                group.clear();
                docs = 0;
            }
            docs += s.num_docs() as u64;
            group.push(s);
        }
        if group.len() >= self.min_merge {
            out.push(MergeCandidate(group.iter().map(|s| s.id()).collect()));
        }
        out
    }
}
