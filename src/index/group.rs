//! Grouping matches by a facet: the collector behind `who` ("which speakers said this?") and its
//! pivots by country and topic.
//!
//! For every facet value of the matching documents it keeps a count, the summed and the best
//! score and the best document, so memory grows with the number of distinct values, never with
//! the number of matches.

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::fastfield::FacetReader;
use tantivy::schema::Facet;
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
    let mut out = Vec::with_capacity(sorted_ords.len());
    let res = reader
        .facet_dict()
        .sorted_ords_to_term_cb(sorted_ords, |bytes| {
            let value = match Facet::from_encoded(bytes.to_vec()) {
                Ok(f) => f.to_path().get(1..).unwrap_or(&[]).join("/"),
                Err(_) => String::new(),
            };
            out.push(value);
        });
    if res.is_err() {
        out.resize(sorted_ords.len(), String::new());
    }
    out
}

/// Counts matching documents by the values of a facet field whose values sit one level under
/// the root (`/speaker/NAME`, `/country/NAME`): a dense counter per segment, values resolved in
/// one pass. Far cheaper than a hierarchical facet collector on fields with many values.
pub struct CountBy {
    field: String,
    top: usize,
}

impl CountBy {
    /// Counts by the facet field named `field`; the fruit holds every value, most frequent first.
    pub fn new(field: &str) -> CountBy {
        CountBy {
            field: field.to_string(),
            top: usize::MAX,
        }
    }

    /// Keeps only the `k` most frequent values.
    pub fn top(mut self, k: usize) -> CountBy {
        self.top = k;
        self
    }
}

/// The per-segment part of [`CountBy`].
pub struct CountSegment {
    reader: Option<FacetReader>,
    counts: Vec<u32>,
}

impl Collector for CountBy {
    type Fruit = Vec<(String, u64)>;
    type Child = CountSegment;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<CountSegment> {
        let reader = reader.facet_reader(&self.field).ok();
        let n = reader.as_ref().map_or(0, |r| r.num_facets());
        Ok(CountSegment {
            reader,
            counts: vec![0; n],
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Vec<(String, u64)>>) -> tantivy::Result<Vec<(String, u64)>> {
        let n = fruits.iter().map(Vec::len).max().unwrap_or(0);
        let mut merged: FxHashMap<String, u64> = FxHashMap::default();
        merged.reserve(n);
        for (v, c) in fruits.into_iter().flatten() {
            *merged.entry(v).or_default() += c;
        }
        let mut out: Vec<(String, u64)> = merged.into_iter().collect();
        let order =
            |a: &(String, u64), b: &(String, u64)| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0));
        if self.top < out.len() {
            out.select_nth_unstable_by(self.top, order);
            out.truncate(self.top);
        }
        out.sort_unstable_by(order);
        Ok(out)
    }
}

impl SegmentCollector for CountSegment {
    type Fruit = Vec<(String, u64)>;

    fn collect(&mut self, doc: DocId, _: Score) {
        let Some(reader) = &self.reader else { return };
        for ord in reader.facet_ords(doc) {
            if let Some(c) = self.counts.get_mut(ord as usize) {
                *c += 1;
            }
        }
    }

    fn harvest(self) -> Vec<(String, u64)> {
        let Some(reader) = &self.reader else {
            return vec![];
        };
        let ords: Vec<u64> = (0..self.counts.len() as u64)
            .filter(|o| self.counts[*o as usize] > 0)
            .collect();
        let values = facet_values(reader, &ords);
        ords.iter()
            .zip(values)
            .map(|(o, v)| (v, self.counts[*o as usize] as u64))
            .collect()
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
