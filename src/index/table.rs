//! The facet values of every statement, read once into memory by a long-lived process
//! ([`super::searcher::Searcher::warm`]), so that the facet counts of a results page
//! ([`super::search::Request::facets`]) cost an array read per matching statement, not column
//! reads and dictionary look-ups.
//!
//! For each segment the [`Table`] holds a bitset of the documents that are statements and, per
//! document, its values of the `counted` field (speaker, countries, topics), each a number into
//! one list of names per kind shared by every segment. Names are numbered in their sort order,
//! so that ranking ties "by name" compare numbers. [`TableCounts`] counts a results page from it
//! and gives what [`super::count::PageCounts`] gives from the columns.

use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::index::SegmentId;
use tantivy::schema::Facet;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use super::count::{display, Page};

/// Bits of a value number that say its kind ([`COUNTRY`], [`SPEAKER`], [`TOPIC`]).
const KIND_SHIFT: u32 = 30;
/// The number within its kind.
const NUMBER: u32 = (1 << KIND_SHIFT) - 1;
const COUNTRY: u32 = 0;
const SPEAKER: u32 = 1;
const TOPIC: u32 = 2;
/// A value of none of the kinds (a term of `counted` outside them).
const OTHER: u32 = 3;
/// A topic that counts for no child of the parent counted.
const NO_CHILD: u32 = u32::MAX;

/// The statements' facet values of every segment of one searcher.
pub struct Table {
    segments: Vec<SegmentTable>,
    by_id: FxHashMap<SegmentId, usize>,
    /// Names by number, per kind ([`COUNTRY`], [`SPEAKER`], [`TOPIC`]): sorted.
    names: [Vec<String>; 3],
    /// Zeroed speaker tallies, kept for the next page.
    pool: Mutex<Vec<Vec<u32>>>,
}

/// One segment's part of a [`Table`].
struct SegmentTable {
    /// Bit `d` set: document `d` is a statement.
    statements: Vec<u64>,
    /// Document `d`'s values are `values[starts[d]..starts[d + 1]]`.
    starts: Vec<u32>,
    /// Kind in the top bits, number in the others.
    values: Vec<u32>,
}

impl SegmentTable {
    fn is_statement(&self, doc: DocId) -> bool {
        self.statements
            .get(doc as usize / 64)
            .is_some_and(|w| w >> (doc % 64) & 1 == 1)
    }

    /// Where document `doc`'s values are in `values`.
    fn bounds(&self, doc: DocId) -> (u32, u32) {
        let d = doc as usize;
        match (self.starts.get(d), self.starts.get(d + 1)) {
            (Some(&a), Some(&b)) => (a, b),
            _ => (0, 0),
        }
    }
}

/// Names met while building, numbered as met; sorted at the end.
#[derive(Default)]
struct Naming {
    names: [Vec<String>; 3],
    ids: [FxHashMap<String, u32>; 3],
}

impl Naming {
    /// The value number (kind and number as met) of an encoded term of `counted`.
    fn number(&mut self, term: &[u8]) -> u32 {
        let Ok(facet) = Facet::from_encoded(term.to_vec()) else {
            return OTHER << KIND_SHIFT;
        };
        let kind = match facet.to_path().first().copied() {
            Some("country") => COUNTRY,
            Some("speaker") => SPEAKER,
            Some("topic") => TOPIC,
            _ => return OTHER << KIND_SHIFT,
        };
        let name = display(term);
        let (names, ids) = (&mut self.names[kind as usize], &mut self.ids[kind as usize]);
        let next = names.len() as u32;
        let n = *ids.entry(name).or_insert_with_key(|name| {
            names.push(name.clone());
            next
        });
        (kind << KIND_SHIFT) | (n & NUMBER)
    }

    /// The names sorted, and each number as met → its rank in that order, per kind.
    fn sorted(self) -> ([Vec<String>; 3], [Vec<u32>; 3]) {
        let mut sorted: [Vec<String>; 3] = Default::default();
        let mut ranks: [Vec<u32>; 3] = Default::default();
        for (kind, names) in self.names.into_iter().enumerate() {
            let mut order: Vec<u32> = (0..names.len() as u32).collect();
            order.sort_unstable_by(|a, b| names[*a as usize].cmp(&names[*b as usize]));
            let mut rank = vec![0u32; names.len()];
            for (r, &i) in order.iter().enumerate() {
                rank[i as usize] = r as u32;
            }
            let mut names: Vec<Option<String>> = names.into_iter().map(Some).collect();
            sorted[kind] = order
                .iter()
                .map(|&i| names[i as usize].take().unwrap_or_default())
                .collect();
            ranks[kind] = rank;
        }
        (sorted, ranks)
    }
}

impl Table {
    /// Reads the statements of every segment of `searcher` and their values of `counted`.
    pub fn build(searcher: &tantivy::Searcher) -> tantivy::Result<Table> {
        let mut naming = Naming::default();
        let mut segments = Vec::new();
        let mut by_id = FxHashMap::default();
        for seg in searcher.segment_readers() {
            by_id.insert(seg.segment_id(), segments.len());
            segments.push(segment_table(seg, &mut naming)?);
        }
        let (names, ranks) = naming.sorted();
        for s in &mut segments {
            for v in &mut s.values {
                let kind = *v >> KIND_SHIFT;
                if let Some(r) = ranks
                    .get(kind as usize)
                    .and_then(|r| r.get((*v & NUMBER) as usize))
                {
                    *v = (kind << KIND_SHIFT) | r;
                }
            }
        }
        Ok(Table {
            segments,
            by_id,
            names,
            pool: Mutex::new(Vec::new()),
        })
    }

    /// Returns true if and only if this table was read from the segments of `searcher`.
    pub fn covers(&self, searcher: &tantivy::Searcher) -> bool {
        let readers = searcher.segment_readers();
        readers.len() == self.segments.len()
            && readers
                .iter()
                .all(|s| self.by_id.contains_key(&s.segment_id()))
    }

    /// Statements in all.
    pub fn statements(&self) -> u64 {
        self.segments
            .iter()
            .flat_map(|s| &s.statements)
            .map(|w| w.count_ones() as u64)
            .sum()
    }

    /// A zeroed tally of `n` counters, from the pool when one is there.
    fn tally(&self, n: usize) -> Vec<u32> {
        let reused = self.pool.lock().ok().and_then(|mut p| p.pop());
        match reused {
            Some(v) if v.len() == n => v,
            _ => vec![0; n],
        }
    }

    /// Gives back a tally whose counters at `touched` are the only ones not zero.
    fn give_back(&self, mut counts: Vec<u32>, touched: &[u32]) {
        for &i in touched {
            if let Some(c) = counts.get_mut(i as usize) {
                *c = 0;
            }
        }
        if let Ok(mut p) = self.pool.lock() {
            if p.len() < POOLED {
                p.push(counts);
            }
        }
    }
}

/// Speaker tallies kept for reuse: one per search thread is enough.
const POOLED: usize = 8;

/// Documents whose values are read in one call to the column.
const BATCH: u32 = 4096;

/// One segment's statements and their values.
fn segment_table(seg: &SegmentReader, naming: &mut Naming) -> tantivy::Result<SegmentTable> {
    let max = seg.max_doc();
    let flags = seg
        .fast_fields()
        .u64("is_statement")
        .ok()
        .map(|c| c.first_or_default_col(0));
    let mut statements = vec![0u64; (max as usize).div_ceil(64)];
    let column = seg.fast_fields().str("counted")?;
    let mut number_of: Vec<u32> = Vec::new();
    if let Some(col) = &column {
        let mut stream = col.dictionary().stream()?;
        while stream.advance() {
            number_of.push(naming.number(stream.key()));
        }
    }
    let mut starts = Vec::with_capacity(max as usize + 1);
    let mut values = Vec::new();
    starts.push(0);
    let mut docs: Vec<DocId> = Vec::with_capacity(BATCH as usize);
    let mut is: Vec<u64> = Vec::with_capacity(BATCH as usize);
    for first in (0..max).step_by(BATCH as usize) {
        docs.clear();
        docs.extend(first..(first + BATCH).min(max));
        is.clear();
        is.resize(docs.len(), 0);
        if let Some(f) = &flags {
            f.get_vals(&docs, &mut is);
        }
        for (&doc, &flag) in docs.iter().zip(&is) {
            if flag == 1 {
                statements[doc as usize / 64] |= 1 << (doc % 64);
                if let Some(col) = &column {
                    for ord in col.ords().values_for_doc(doc) {
                        values.push(
                            number_of
                                .get(ord as usize)
                                .copied()
                                .unwrap_or(OTHER << KIND_SHIFT),
                        );
                    }
                }
            }
            starts.push(values.len() as u32);
        }
    }
    Ok(SegmentTable {
        statements,
        starts,
        values,
    })
}

/// The facet counts of a results page from a [`Table`]: the same as
/// [`super::count::PageCounts`] counts from the columns.
pub struct TableCounts {
    table: Arc<Table>,
    k: usize,
    /// Which child of the topic parent each topic counts for ([`NO_CHILD`]: none).
    child_of: Arc<Vec<u32>>,
    /// The children's names (paths under the root).
    children: Vec<String>,
}

impl TableCounts {
    /// Counts the top `k` speakers and countries, and the topics under `topic_parent`.
    pub fn new(table: Arc<Table>, k: usize, topic_parent: &Facet) -> TableCounts {
        let base = display(topic_parent.encoded_str().as_bytes());
        let mut children: Vec<String> = Vec::new();
        let child_of = table.names[TOPIC as usize]
            .iter()
            .map(|name| {
                let rest = if base.is_empty() {
                    Some(name.as_str())
                } else {
                    name.strip_prefix(base.as_str())
                        .and_then(|r| r.strip_prefix('/'))
                };
                let Some(step) = rest
                    .and_then(|r| r.split('/').next())
                    .filter(|s| !s.is_empty())
                else {
                    return NO_CHILD;
                };
                let full = if base.is_empty() {
                    step.to_string()
                } else {
                    format!("{base}/{step}")
                };
                match children.iter().position(|c| *c == full) {
                    Some(i) => i as u32,
                    None => {
                        children.push(full);
                        children.len() as u32 - 1
                    }
                }
            })
            .collect();
        TableCounts {
            table,
            k: k.max(1),
            child_of: Arc::new(child_of),
            children,
        }
    }
}

/// The per-segment part of [`TableCounts`].
pub struct TableSegment {
    table: Arc<Table>,
    /// The segment's index in the table (None: not in it, counts nothing).
    seg: Option<usize>,
    child_of: Arc<Vec<u32>>,
    statements: u64,
    speakers: Vec<u32>,
    touched: Vec<u32>,
    countries: Vec<u32>,
    topics: Vec<u32>,
    seen: Vec<u32>,
    /// Statements queued for counting, and their bounds in the values (scratch).
    pending: Vec<DocId>,
    bounds: Vec<(u32, u32)>,
}

/// Statements queued before their values are counted.
const QUEUED: usize = 256;

/// What one segment of [`TableCounts`] counted.
pub struct TableFruit {
    statements: u64,
    /// (speaker number, count).
    speakers: Vec<(u32, u32)>,
    countries: Vec<u32>,
    topics: Vec<u32>,
}

impl Collector for TableCounts {
    type Fruit = Page;
    type Child = TableSegment;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<TableSegment> {
        let names = &self.table.names;
        Ok(TableSegment {
            table: self.table.clone(),
            seg: self.table.by_id.get(&reader.segment_id()).copied(),
            child_of: self.child_of.clone(),
            statements: 0,
            speakers: self.table.tally(names[SPEAKER as usize].len()),
            touched: Vec::new(),
            countries: vec![0; names[COUNTRY as usize].len()],
            topics: vec![0; self.children.len()],
            seen: Vec::new(),
            pending: Vec::with_capacity(QUEUED),
            bounds: Vec::with_capacity(QUEUED),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<TableFruit>) -> tantivy::Result<Page> {
        let names = &self.table.names;
        let mut statements = 0;
        let mut speakers: FxHashMap<u32, u64> = FxHashMap::default();
        let mut countries = vec![0u64; names[COUNTRY as usize].len()];
        let mut topics = vec![0u64; self.children.len()];
        for f in fruits {
            statements += f.statements;
            for (n, c) in f.speakers {
                *speakers.entry(n).or_default() += c as u64;
            }
            for (t, c) in countries.iter_mut().zip(f.countries) {
                *t += c as u64;
            }
            for (t, c) in topics.iter_mut().zip(f.topics) {
                *t += c as u64;
            }
        }
        let numbered = |v: Vec<u64>| v.into_iter().enumerate().map(|(n, c)| (n as u32, c));
        Ok(Page {
            statements,
            speakers: top(speakers.into_iter(), self.k, &names[SPEAKER as usize]),
            countries: top(numbered(countries), self.k, &names[COUNTRY as usize]),
            topics: by_name_top(numbered(topics), self.k, &self.children),
        })
    }
}

/// The `k` most frequent of (number, count) pairs, ties in the order of the numbers, which is
/// that of `names`; with their names.
fn top(found: impl Iterator<Item = (u32, u64)>, k: usize, names: &[String]) -> Vec<(String, u64)> {
    let mut found: Vec<(u32, u64)> = found.filter(|(_, c)| *c > 0).collect();
    let by = |a: &(u32, u64), b: &(u32, u64)| b.1.cmp(&a.1).then(a.0.cmp(&b.0));
    if k < found.len() {
        found.select_nth_unstable_by(k, by);
        found.truncate(k);
    }
    found.sort_unstable_by(by);
    found
        .into_iter()
        .map(|(n, c)| (names.get(n as usize).cloned().unwrap_or_default(), c))
        .collect()
}

/// [`top`] of names not numbered in their order (the children of a topic, few).
fn by_name_top(
    found: impl Iterator<Item = (u32, u64)>,
    k: usize,
    names: &[String],
) -> Vec<(String, u64)> {
    let mut out: Vec<(String, u64)> = found
        .filter(|(_, c)| *c > 0)
        .map(|(n, c)| (names.get(n as usize).cloned().unwrap_or_default(), c))
        .collect();
    out.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out.truncate(k);
    out
}

impl TableSegment {
    /// Counts the values of the queued statements: first every statement's bounds, then their
    /// values, so that the processor waits on the memory of many statements at once, not on one
    /// after the other.
    fn flush(&mut self) {
        let table = self.table.clone();
        let Some(seg) = self.seg.and_then(|s| table.segments.get(s)) else {
            self.pending.clear();
            return;
        };
        self.statements += self.pending.len() as u64;
        self.bounds.clear();
        self.bounds
            .extend(self.pending.iter().map(|&d| seg.bounds(d)));
        self.pending.clear();
        for i in 0..self.bounds.len() {
            let (a, b) = self.bounds[i];
            self.seen.clear();
            for &v in seg.values.get(a as usize..b as usize).unwrap_or(&[]) {
                self.count(v);
            }
        }
    }

    /// Counts one value of a statement (`seen`: the topic children it counted for).
    fn count(&mut self, v: u32) {
        let n = (v & NUMBER) as usize;
        match v >> KIND_SHIFT {
            SPEAKER => {
                if let Some(c) = self.speakers.get_mut(n) {
                    if *c == 0 {
                        self.touched.push(n as u32);
                    }
                    *c += 1;
                }
            }
            COUNTRY => {
                if let Some(c) = self.countries.get_mut(n) {
                    *c += 1;
                }
            }
            TOPIC => {
                let child = self.child_of.get(n).copied().unwrap_or(NO_CHILD);
                if child != NO_CHILD && !self.seen.contains(&child) {
                    self.seen.push(child);
                    if let Some(c) = self.topics.get_mut(child as usize) {
                        *c += 1;
                    }
                }
            }
            _ => {}
        }
    }
}

impl SegmentCollector for TableSegment {
    type Fruit = TableFruit;

    fn collect(&mut self, doc: DocId, _: Score) {
        let Some(seg) = self.seg.and_then(|s| self.table.segments.get(s)) else {
            return;
        };
        if seg.is_statement(doc) {
            self.pending.push(doc);
            if self.pending.len() >= QUEUED {
                self.flush();
            }
        }
    }

    fn harvest(mut self) -> TableFruit {
        self.flush();
        let speakers = self
            .touched
            .iter()
            .map(|&n| (n, self.speakers.get(n as usize).copied().unwrap_or(0)))
            .collect();
        self.table.give_back(self.speakers, &self.touched);
        TableFruit {
            statements: self.statements,
            speakers,
            countries: self.countries,
            topics: self.topics,
        }
    }
}

#[cfg(test)]
mod tests {
    use tantivy::collector::Count;
    use tantivy::query::{AllQuery, TermQuery};
    use tantivy::schema::IndexRecordOption;
    use tantivy::Term;

    use super::*;
    use crate::index::count::tests::page_index;
    use crate::index::count::{CountBy, PageCounts};

    /// The counts of a results page from the table equal those the columns give, both from the
    /// one field (`PageCounts`, as a fresh process counts) and from each field apart
    /// (`CountBy`), over three segments, for all documents and for some, at two topic levels.
    #[test]
    fn page_counts_from_the_table_equal_those_from_the_columns() {
        let index = page_index();
        let searcher = index.reader().unwrap().searcher();
        assert_eq!(searcher.segment_readers().len(), 3);
        let table = Arc::new(Table::build(&searcher).unwrap());
        assert!(table.covers(&searcher));
        let schema = index.schema();
        let country = schema.get_field("country").unwrap();
        let some = TermQuery::new(
            Term::from_facet(country, &Facet::from_path(["country", "country 3"])),
            IndexRecordOption::Basic,
        );
        let queries: [&dyn tantivy::query::Query; 2] = [&AllQuery, &some];
        for (q, query) in queries.into_iter().enumerate() {
            for parent in ["/topic", "/topic/economy", "/topic/politics"] {
                let parent = Facet::from_text(parent).unwrap();
                for k in [1, 5, 50] {
                    let cold = searcher
                        .search(query, &PageCounts::new(k, &parent))
                        .unwrap();
                    let counter = TableCounts::new(table.clone(), k, &parent);
                    let (warm, n) = searcher.search(query, &(counter, Count)).unwrap();
                    assert_eq!(warm, cold, "query {q}, {parent} top {k}");
                    let apart = |c: CountBy| searcher.search(query, &c.top(k)).unwrap();
                    assert_eq!(warm.speakers, apart(CountBy::new("speaker_facet")));
                    assert_eq!(warm.countries, apart(CountBy::new("country")));
                    assert_eq!(warm.topics, apart(CountBy::under("topic", &parent)));
                    assert!(!warm.topics.is_empty());
                    if q == 0 {
                        // Passages match too, and count for nothing.
                        assert!(warm.statements < n as u64);
                        assert_eq!(warm.statements, table.statements());
                        assert_eq!(warm.speakers.len(), k.min(40));
                    } else {
                        // Only statements have countries.
                        assert!(warm.statements > 100);
                        assert_eq!(warm.statements, n as u64);
                    }
                }
            }
        }
    }
}
