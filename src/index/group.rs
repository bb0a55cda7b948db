//! Grouping matches by a facet: the collector behind `who` ("which speakers said this?") and its
//! pivots by country and topic.
//!
//! For every facet value of the matching documents it keeps a count, the summed and the best
//! score and the best document, so memory grows with the number of distinct values, never with
//! the number of matches.

use std::collections::HashMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::fastfield::FacetReader;
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

/// One facet value and what matched under it.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    /// The facet path without its root (`Sergey Lavrov`, `economy/sanctions`).
    pub value: String,
    /// Matching documents.
    pub count: u64,
    /// Sum of their scores.
    pub score_sum: Score,
    /// The best score.
    pub best_score: Score,
    /// The best-scoring document.
    pub best_doc: DocAddress,
}

impl Group {
    /// The ranking key of a group: its best match's relevance, raised by how many statements
    /// match (`best × (1 + ln count)`), so that a speaker with many relevant statements outranks
    /// one with a single lucky match.
    pub fn rank_score(&self) -> Score {
        self.best_score * (1.0 + (self.count as Score).ln())
    }
}

/// Groups matching documents by the values of facet `field`.
pub struct GroupBy {
    field: String,
}

impl GroupBy {
    /// Groups by the facet field named `field`.
    pub fn new(field: &str) -> GroupBy {
        GroupBy {
            field: field.to_string(),
        }
    }
}

#[derive(Clone, Copy)]
struct Acc {
    count: u64,
    sum: Score,
    best: Score,
    doc: DocId,
}

/// The per-segment part of [`GroupBy`].
pub struct GroupSegment {
    reader: Option<FacetReader>,
    segment: SegmentOrdinal,
    by_ord: HashMap<u64, Acc>,
}

/// The facet values (paths without their root) of sorted ordinals, read in one pass over the
/// dictionary: resolving ordinals one by one decodes a dictionary block each time.
pub fn facet_values(reader: &FacetReader, sorted_ords: &[u64]) -> Vec<String> {
    match super::count::terms(reader, sorted_ords) {
        Ok(terms) => terms.iter().map(|t| super::count::display(t)).collect(),
        Err(_) => vec![String::new(); sorted_ords.len()],
    }
}

impl Collector for GroupBy {
    type Fruit = Vec<Group>;
    type Child = GroupSegment;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<GroupSegment> {
        let reader = reader.facet_reader(&self.field).ok();
        Ok(GroupSegment {
            reader,
            segment,
            by_ord: HashMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<Vec<Group>>) -> tantivy::Result<Vec<Group>> {
        let mut merged: HashMap<String, Group> = HashMap::new();
        for g in fruits.into_iter().flatten() {
            match merged.get_mut(&g.value) {
                Some(m) => {
                    m.count += g.count;
                    m.score_sum += g.score_sum;
                    if g.best_score > m.best_score {
                        m.best_score = g.best_score;
                        m.best_doc = g.best_doc;
                    }
                }
                None => {
                    merged.insert(g.value.clone(), g);
                }
            }
        }
        let mut out: Vec<Group> = merged.into_values().collect();
        out.sort_by(|a, b| {
            b.rank_score()
                .total_cmp(&a.rank_score())
                .then(b.count.cmp(&a.count))
                .then(a.value.cmp(&b.value))
        });
        Ok(out)
    }
}

impl SegmentCollector for GroupSegment {
    type Fruit = Vec<Group>;

    fn collect(&mut self, doc: DocId, score: Score) {
        let Some(reader) = &self.reader else { return };
        for ord in reader.facet_ords(doc) {
            let acc = self.by_ord.entry(ord).or_insert(Acc {
                count: 0,
                sum: 0.0,
                best: Score::MIN,
                doc,
            });
            acc.count += 1;
            acc.sum += score;
            if score > acc.best {
                acc.best = score;
                acc.doc = doc;
            }
        }
    }

    fn harvest(self) -> Vec<Group> {
        let Some(reader) = &self.reader else {
            return vec![];
        };
        let mut accs: Vec<(u64, Acc)> = self.by_ord.into_iter().collect();
        accs.sort_unstable_by_key(|(ord, _)| *ord);
        let ords: Vec<u64> = accs.iter().map(|(o, _)| *o).collect();
        let values = facet_values(reader, &ords);
        accs.into_iter()
            .zip(values)
            .map(|((_, acc), value)| Group {
                value,
                count: acc.count,
                score_sum: acc.sum,
                best_score: acc.best,
                best_doc: DocAddress::new(self.segment, acc.doc),
            })
            .collect()
    }
}
