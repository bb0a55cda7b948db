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

/// The bytes of segment files the merges at the end of a run may read at once. A merge maps the
/// files it reads, and they count in the process's resident memory: at this size the merges stay
/// below the memory that indexing itself takes.
pub const FINAL_MERGE_BYTES: u64 = 512 << 20;

/// The merges that end a run: `segments` (an id and the bytes of its files) in as few groups as
/// hold at most `max_bytes` each, balanced (the largest segment first, to the lightest group).
/// Only groups of two or more segments are returned; a segment larger than `max_bytes` is left
/// as it is.
pub fn final_groups<T: Copy>(segments: &[(T, u64)], max_bytes: u64) -> Vec<Vec<T>> {
    let mut sorted: Vec<(T, u64)> = segments
        .iter()
        .copied()
        .filter(|(_, b)| *b <= max_bytes)
        .collect();
    sorted.sort_by_key(|(_, b)| std::cmp::Reverse(*b));
    let total: u64 = sorted.iter().map(|(_, b)| b).sum();
    let mut k = total.div_ceil(max_bytes.max(1)).max(1) as usize;
    loop {
        let mut groups: Vec<(u64, Vec<T>)> = (0..k).map(|_| (0, Vec::new())).collect();
        for &(id, b) in &sorted {
            if let Some(g) = groups.iter_mut().min_by_key(|g| g.0) {
                g.0 += b;
                g.1.push(id);
            }
        }
        // With a group per segment every group fits, so this ends.
        if k >= sorted.len() || groups.iter().all(|g| g.0 <= max_bytes) {
            return groups
                .into_iter()
                .filter(|g| g.1.len() >= 2)
                .map(|g| g.1)
                .collect();
        }
        k += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(mut groups: Vec<Vec<u32>>) -> Vec<Vec<u32>> {
        for g in &mut groups {
            g.sort();
        }
        groups.sort();
        groups
    }

    #[test]
    fn final_groups_are_few_balanced_and_within_the_bound() {
        let segs = [(1, 300), (2, 100), (3, 50), (4, 200), (5, 900), (6, 60)];
        // 710 bytes under the bound of 400: two groups (360 and 350), 900 left alone.
        let groups = sorted(final_groups(&segs, 400));
        assert_eq!(groups, vec![vec![1, 6], vec![2, 3, 4]]);
        assert_eq!(
            sorted(final_groups(&segs, 10_000)),
            vec![vec![1, 2, 3, 4, 5, 6]]
        );
        // Four equal segments, room for two in a group: two groups of two.
        let four = [(1, 114), (2, 115), (3, 113), (4, 114)];
        assert_eq!(
            sorted(final_groups(&four, 256)),
            vec![vec![1, 4], vec![2, 3]]
        );
    }

    #[test]
    fn final_groups_grow_in_number_until_each_fits() {
        // 180 bytes fit two groups of 100 by total, but three segments of 60 do not: three
        // groups of one, so no merge.
        assert!(final_groups(&[(1, 60), (2, 60), (3, 60)], 100).is_empty());
        assert_eq!(
            sorted(final_groups(&[(1, 60), (2, 30), (3, 40), (4, 50)], 100)),
            vec![vec![1, 2], vec![3, 4]]
        );
    }

    #[test]
    fn final_groups_leave_a_lone_segment_alone() {
        assert!(final_groups(&[(1, 10)], 100).is_empty());
        assert!(final_groups::<u8>(&[], 100).is_empty());
        assert!(final_groups(&[(1, 80), (2, 90)], 100).is_empty());
    }
}
