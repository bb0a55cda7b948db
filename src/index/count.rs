//! Facet counts by ordinal: how many matching documents each speaker, country or topic has.
//!
//! Each segment counts its documents by the facet's term ordinal, in a map of the ordinals met
//! (a dense array of every ordinal would cost a fresh process a page fault for each page it
//! touches). Names are resolved only at the end, and for
//! flat facets with many values (speakers) only those that can reach the top `k`: each segment's
//! most frequent ordinals are resolved, their exact totals are looked up in every segment, and the
//! candidates stand once the `k`-th total beats what any unresolved value could add up to
//! (otherwise more are resolved). A results page so pays for a handful of dictionary lookups, not
//! for a pass over every name that matched.
//!
//! Hierarchical facets (topics) are counted at one level: every value under the parent counts
//! for its child at that level, and a document counts once per child however many of its values
//! fall under it.

use std::sync::Arc;

use rustc_hash::FxHashMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::fastfield::FacetReader;
use tantivy::schema::Facet;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// The separator of steps in an encoded facet.
const SEP: u8 = 0;

/// Up to this many distinct values in all (or four times `k`), every value is resolved at once.
const RESOLVE_ALL: usize = 64;

/// Counts matching documents by the values of a facet field, `k` most frequent first (ties by
/// name). Flat fields count their values one level under the root (`/speaker/NAME`); with
/// [`CountBy::under`], values are counted at the level under a parent (`/topic/conflict`).
pub struct CountBy {
    field: String,
    top: usize,
    under: Option<Vec<u8>>,
}

impl CountBy {
    /// Counts by the flat facet field named `field`; the fruit holds every value.
    pub fn new(field: &str) -> CountBy {
        CountBy {
            field: field.to_string(),
            top: usize::MAX,
            under: None,
        }
    }

    /// Counts by the children of `parent` in the hierarchical facet field named `field`.
    pub fn under(field: &str, parent: &Facet) -> CountBy {
        CountBy {
            field: field.to_string(),
            top: usize::MAX,
            under: Some(parent.encoded_str().as_bytes().to_vec()),
        }
    }

    /// Keeps only the `k` most frequent values.
    pub fn top(mut self, k: usize) -> CountBy {
        self.top = k;
        self
    }
}

/// What one segment counted.
pub enum SegmentCounts {
    /// Flat: counts by ordinal, names unresolved.
    Flat {
        /// The segment's facet column and dictionary.
        reader: Arc<FacetReader>,
        /// Matching documents per ordinal counted.
        counts: FxHashMap<u32, u32>,
    },
    /// Hierarchical: counts by child name, resolved.
    Children(Vec<(String, u64)>),
    /// The segment has no such field.
    Empty,
}

/// Documents whose facet values are read at once.
const BATCH: usize = 1024;

/// Reads the facet ordinals of documents a batch at a time: first their rows, then the values
/// at those rows, each in one pass. Reading one document's values waits on a chain of cache
/// misses (its rank among the documents with values, its first row, its values); reading a
/// batch's lets the processor overlap the misses of many documents.
struct Ords {
    column: tantivy::columnar::Column<u64>,
    /// Documents waiting to be read.
    pending: Vec<DocId>,
    /// The document of each row read, and the ordinal read there.
    docs: Vec<DocId>,
    rows: Vec<u32>,
    vals: Vec<u64>,
    /// Scratch of [`rows_of`].
    scratch: RowScratch,
}

/// Scratch of [`rows_of`]: the documents with values, their ranks, their rows' bounds.
#[derive(Default)]
struct RowScratch {
    present: Vec<DocId>,
    ranks: Vec<u32>,
    starts: Vec<u32>,
    ends: Vec<u32>,
}

/// The rows of the documents `docs` (in increasing order) in a column with index `index`:
/// appends to `docs_out` and `rows_out` a (document, row) pair per value, as
/// `ColumnIndex::docids_to_rowids` does. For the index of a multi-valued column (tantivy's
/// current format) it reads the batch's ranks block by block, then their first rows, then their
/// last rows, each in one pass, where `docids_to_rowids` reads them document by document.
fn rows_of(
    index: &tantivy::columnar::ColumnIndex,
    docs: &[DocId],
    scratch: &mut RowScratch,
    docs_out: &mut Vec<DocId>,
    rows_out: &mut Vec<u32>,
) {
    use tantivy::columnar::column_index::MultiValueIndex;
    use tantivy::columnar::ColumnIndex;
    let ColumnIndex::Multivalued(MultiValueIndex::MultiValueIndexV2(v2)) = index else {
        index.docids_to_rowids(docs, docs_out, rows_out);
        return;
    };
    let RowScratch {
        present,
        ranks,
        starts,
        ends,
    } = scratch;
    present.clear();
    ranks.clear();
    v2.optional_index.rank_if_exists_batch(docs, present, ranks);
    starts.clear();
    starts.resize(ranks.len(), 0);
    v2.start_index_column.get_vals(ranks, starts);
    // A document's rows end where those of the next document with values start.
    for r in ranks.iter_mut() {
        *r += 1;
    }
    ends.clear();
    ends.resize(ranks.len(), 0);
    v2.start_index_column.get_vals(ranks, ends);
    for ((&doc, &start), &end) in present.iter().zip(starts.iter()).zip(ends.iter()) {
        for row in start..end {
            docs_out.push(doc);
            rows_out.push(row);
        }
    }
}

impl Ords {
    /// The facet field `field` of `segment` (None when the segment has no such column), with
    /// its ordinal reader.
    fn open(segment: &SegmentReader, field: &str) -> tantivy::Result<Option<(FacetReader, Ords)>> {
        let Some(column) = segment.fast_fields().str(field)? else {
            return Ok(None);
        };
        let ords = Ords {
            column: column.ords().clone(),
            pending: Vec::with_capacity(BATCH),
            docs: Vec::new(),
            rows: Vec::new(),
            vals: Vec::new(),
            scratch: RowScratch::default(),
        };
        Ok(Some((FacetReader::new(column), ords)))
    }

    /// Queues `doc` (documents come in increasing order); returns true when a batch is full
    /// and should be [read](Ords::read).
    fn push(&mut self, doc: DocId) -> bool {
        self.pending.push(doc);
        self.pending.len() >= BATCH
    }

    /// Reads the queued documents' ordinals and empties the queue: pairs of (document,
    /// ordinal), a document's pairs together.
    fn read(&mut self) -> impl Iterator<Item = (DocId, u64)> + '_ {
        self.docs.clear();
        self.rows.clear();
        rows_of(
            &self.column.index,
            &self.pending,
            &mut self.scratch,
            &mut self.docs,
            &mut self.rows,
        );
        self.pending.clear();
        self.vals.clear();
        self.vals.resize(self.rows.len(), 0);
        self.column.values.get_vals(&self.rows, &mut self.vals);
        self.docs.iter().copied().zip(self.vals.iter().copied())
    }
}

/// The per-segment part of [`CountBy`].
#[derive(Default)]
pub struct CountSegment {
    reader: Option<FacetReader>,
    ords: Option<Ords>,
    /// Hierarchical: counts by child.
    counts: Vec<u32>,
    /// Flat: counts by ordinal, for the ordinals met only (a dense array of every ordinal would
    /// cost a fresh process a page fault for each page it touches).
    sparse: FxHashMap<u32, u32>,
    /// Hierarchical: which child of the parent each ordinal counts for.
    child_of: Option<Children>,
    seen: Vec<u32>,
}

/// The children of a facet in one segment: the child each ordinal under it counts for.
struct Children {
    /// The ordinals under the parent: `first..first + child_of.len()`.
    first: u64,
    /// Child index of each of those ordinals (`u32::MAX` for the parent itself).
    child_of: Vec<u32>,
    /// Child names, by their path under the root (`conflict/military`).
    names: Vec<String>,
}

impl Children {
    /// Reads the terms under `parent` (encoded; empty for the root) from the dictionary: only
    /// those, as they sort together.
    fn read(reader: &FacetReader, parent: &[u8]) -> std::io::Result<Children> {
        let mut prefix = parent.to_vec();
        if !prefix.is_empty() {
            prefix.push(SEP);
        }
        let base = display(parent);
        let mut out = Children {
            first: 0,
            child_of: Vec::new(),
            names: Vec::new(),
        };
        let mut index: FxHashMap<Vec<u8>, u32> = FxHashMap::default();
        let mut range = reader.facet_dict().range();
        if !prefix.is_empty() {
            let mut end = prefix.clone();
            if let Some(last) = end.last_mut() {
                *last += 1;
            }
            range = range.ge(&prefix).lt(&end);
        }
        let mut stream = range.into_stream()?;
        while stream.advance() {
            if out.child_of.is_empty() {
                out.first = stream.term_ord();
            }
            let rest = stream.key().strip_prefix(prefix.as_slice()).unwrap_or(&[]);
            let step = rest.split(|b| *b == SEP).next().unwrap_or(&[]);
            let child = if step.is_empty() {
                u32::MAX
            } else {
                let next = out.names.len() as u32;
                *index.entry(step.to_vec()).or_insert_with(|| {
                    let step = String::from_utf8_lossy(step);
                    out.names.push(if base.is_empty() {
                        step.into_owned()
                    } else {
                        format!("{base}/{step}")
                    });
                    next
                })
            };
            out.child_of.push(child);
        }
        Ok(out)
    }

    /// The child `ord` counts for, if any.
    fn of(&self, ord: u64) -> Option<u32> {
        let i = ord.checked_sub(self.first)?;
        self.child_of
            .get(i as usize)
            .copied()
            .filter(|c| *c != u32::MAX)
    }

    /// Counts documents' ordinals under their children (once per child and document), from
    /// pairs of (document, ordinal) with a document's pairs together; `seen` is scratch.
    fn count(
        &self,
        pairs: impl Iterator<Item = (DocId, u64)>,
        seen: &mut Vec<u32>,
        counts: &mut [u32],
    ) {
        let mut last = None;
        for (doc, ord) in pairs {
            if last != Some(doc) {
                last = Some(doc);
                seen.clear();
            }
            self.count_one(ord, seen, counts);
        }
    }

    /// Counts `ord` under its child, if it has one, unless the document counted there already
    /// (`seen`: the children it counted for).
    fn count_one(&self, ord: u64, seen: &mut Vec<u32>, counts: &mut [u32]) {
        if let Some(child) = self.of(ord) {
            if !seen.contains(&child) {
                seen.push(child);
                if let Some(c) = counts.get_mut(child as usize) {
                    *c += 1;
                }
            }
        }
    }

    /// The children that counted, with their counts.
    fn found(self, counts: Vec<u32>) -> Vec<(String, u64)> {
        self.names
            .into_iter()
            .zip(counts)
            .filter(|(_, c)| *c > 0)
            .map(|(n, c)| (n, c as u64))
            .collect()
    }
}

impl CountBy {
    fn segment(&self, segment: &SegmentReader) -> tantivy::Result<CountSegment> {
        let Some((reader, ords)) = Ords::open(segment, &self.field)? else {
            return Ok(CountSegment::default());
        };
        let ords = Some(ords);
        let Some(parent) = &self.under else {
            return Ok(CountSegment {
                reader: Some(reader),
                ords,
                ..CountSegment::default()
            });
        };
        let children = Children::read(&reader, parent)?;
        Ok(CountSegment {
            reader: Some(reader),
            ords,
            counts: vec![0; children.names.len()],
            child_of: Some(children),
            ..CountSegment::default()
        })
    }
}

impl Collector for CountBy {
    type Fruit = Vec<(String, u64)>;
    type Child = CountSegment;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<CountSegment> {
        self.segment(reader)
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<SegmentCounts>) -> tantivy::Result<Vec<(String, u64)>> {
        Ok(merge(fruits, self.top)?)
    }
}

impl CountSegment {
    fn count(&mut self, doc: DocId) {
        if self.ords.as_mut().is_some_and(|o| o.push(doc)) {
            self.flush();
        }
    }

    /// Counts the queued documents.
    fn flush(&mut self) {
        let Some(ords) = &mut self.ords else { return };
        match &self.child_of {
            None => {
                for (_, ord) in ords.read() {
                    *self.sparse.entry(ord as u32).or_insert(0) += 1;
                }
            }
            Some(children) => children.count(ords.read(), &mut self.seen, &mut self.counts),
        }
    }

    fn finish(mut self) -> SegmentCounts {
        self.flush();
        let Some(reader) = self.reader else {
            return SegmentCounts::Empty;
        };
        if let Some(children) = self.child_of {
            return SegmentCounts::Children(children.found(self.counts));
        }
        SegmentCounts::Flat {
            reader: Arc::new(reader),
            counts: self.sparse,
        }
    }
}

impl SegmentCollector for CountSegment {
    type Fruit = SegmentCounts;

    fn collect(&mut self, doc: DocId, _: Score) {
        self.count(doc);
    }

    fn harvest(self) -> SegmentCounts {
        self.finish()
    }
}

/// Most frequent first, then by name.
fn order(a: &(String, u64), b: &(String, u64)) -> std::cmp::Ordering {
    b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0))
}

/// The display name of an encoded facet: its path without the root.
pub(super) fn display(term: &[u8]) -> String {
    match Facet::from_encoded(term.to_vec()) {
        Ok(f) => f.to_path().get(1..).unwrap_or(&[]).join("/"),
        Err(_) => String::new(),
    }
}

/// The encoded terms of sorted ordinals, read in one pass over the dictionary: resolving
/// ordinals one by one decodes a dictionary block each time.
pub(super) fn terms(reader: &FacetReader, sorted_ords: &[u64]) -> std::io::Result<Vec<Vec<u8>>> {
    let mut out = Vec::with_capacity(sorted_ords.len());
    reader
        .facet_dict()
        .sorted_ords_to_term_cb(sorted_ords, |t| {
            out.push(t.to_vec());
        })?;
    out.resize(sorted_ords.len(), Vec::new());
    Ok(out)
}

/// A segment's flat counts: its facet reader, the counts by ordinal, and the (count, ordinal)
/// pairs of the values that matched, most frequent first.
type FlatCounts = (Arc<FacetReader>, FxHashMap<u32, u32>, Vec<(u32, u64)>);

/// The segments' counts gathered by how they count.
#[derive(Default)]
struct Gathered {
    /// Totals by name (segments that named their values).
    totals: FxHashMap<String, u64>,
    /// Segments that counted by ordinal.
    flat: Vec<FlatCounts>,
}

impl Gathered {
    fn new(fruits: Vec<SegmentCounts>) -> Gathered {
        let mut g = Gathered::default();
        for f in fruits {
            match f {
                SegmentCounts::Empty => {}
                SegmentCounts::Children(v) => {
                    for (name, c) in v {
                        *g.totals.entry(name).or_default() += c;
                    }
                }
                SegmentCounts::Flat { reader, counts } => {
                    // (count, ordinal), most frequent first.
                    let mut nz: Vec<(u32, u64)> =
                        counts.iter().map(|(&o, &c)| (c, o as u64)).collect();
                    nz.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
                    g.flat.push((reader, counts, nz));
                }
            }
        }
        g
    }
}

/// Merges the segments' counts into the `k` most frequent values with their exact totals.
pub fn merge(fruits: Vec<SegmentCounts>, k: usize) -> std::io::Result<Vec<(String, u64)>> {
    let Gathered { mut totals, flat } = Gathered::new(fruits);
    let distinct: usize = flat.iter().map(|(_, _, nz)| nz.len()).sum();
    if distinct <= RESOLVE_ALL.max(k.saturating_mul(4)) {
        for (reader, _, nz) in &flat {
            let mut ords: Vec<(u64, u32)> = nz.iter().map(|(c, o)| (*o, *c)).collect();
            ords.sort_unstable();
            let sorted: Vec<u64> = ords.iter().map(|(o, _)| *o).collect();
            for (term, (_, c)) in terms(reader, &sorted)?.into_iter().zip(&ords) {
                *totals.entry(display(&term)).or_default() += *c as u64;
            }
        }
        return Ok(top_k(totals, k));
    }
    merge_many(&flat, totals, k)
}

/// Many values: resolves each segment's most frequent `m`, bounds what the others could add,
/// totals exactly the candidates that could still make the top `k`, and widens `m` until no
/// unresolved value could reach the k-th total.
fn merge_many(
    flat: &[FlatCounts],
    totals: FxHashMap<String, u64>,
    k: usize,
) -> std::io::Result<Vec<(String, u64)>> {
    let mut m = k.saturating_mul(2).max(16);
    loop {
        // term → count in each segment where it is among the `m` resolved (None: unresolved).
        let mut known: FxHashMap<Vec<u8>, Vec<Option<u32>>> = FxHashMap::default();
        for (s, (reader, _, nz)) in flat.iter().enumerate() {
            let mut top: Vec<(u64, u32)> = nz.iter().take(m).map(|(c, o)| (*o, *c)).collect();
            top.sort_unstable();
            let sorted: Vec<u64> = top.iter().map(|(o, _)| *o).collect();
            for (t, (_, c)) in terms(reader, &sorted)?.into_iter().zip(&top) {
                known.entry(t).or_insert_with(|| vec![None; flat.len()])[s] = Some(*c);
            }
        }
        // What an unresolved value can have in each segment at most.
        let bounds: Vec<u64> = flat
            .iter()
            .map(|(_, _, nz)| nz.get(m).map_or(0, |(c, _)| *c as u64))
            .collect();
        let exhausted = bounds.iter().all(|b| *b == 0);
        let best = top_k(candidates(flat, &known, &bounds, totals.clone(), k)?, k);
        let kth = if best.len() >= k {
            best.last().map_or(0, |(_, c)| *c)
        } else {
            0
        };
        if exhausted || kth > bounds.iter().sum::<u64>() {
            return Ok(best);
        }
        m = m.saturating_mul(4);
    }
}

/// `totals` with the exact totals of the `known` values that could still make the top `k`
/// (their resolved counts, plus at most `bounds` in each segment where they are unresolved).
fn candidates(
    flat: &[FlatCounts],
    known: &FxHashMap<Vec<u8>, Vec<Option<u32>>>,
    bounds: &[u64],
    mut found: FxHashMap<String, u64>,
    k: usize,
) -> std::io::Result<FxHashMap<String, u64>> {
    let lower = |v: &[Option<u32>]| v.iter().flatten().map(|c| *c as u64).sum::<u64>();
    let upper = |v: &[Option<u32>]| {
        lower(v)
            + v.iter()
                .zip(bounds)
                .filter(|(c, _)| c.is_none())
                .map(|(_, b)| *b)
                .sum::<u64>()
    };
    let mut lowers: Vec<u64> = known.values().map(|v| lower(v)).collect();
    lowers.sort_unstable_by(|a, b| b.cmp(a));
    let kth_lower = lowers.get(k.saturating_sub(1)).copied().unwrap_or(0);
    for (term, per) in known {
        if upper(per) < kth_lower {
            continue;
        }
        let mut total = 0u64;
        for (s, (reader, counts, _)) in flat.iter().enumerate() {
            total += match per[s] {
                Some(c) => c as u64,
                None if bounds[s] == 0 => 0,
                None => match reader.facet_dict().term_ord(term)? {
                    Some(ord) => counts.get(&(ord as u32)).copied().unwrap_or(0) as u64,
                    None => 0,
                },
            };
        }
        *found.entry(display(term)).or_default() += total;
    }
    Ok(found)
}

fn top_k(totals: FxHashMap<String, u64>, k: usize) -> Vec<(String, u64)> {
    let mut out: Vec<(String, u64)> = totals.into_iter().filter(|(_, c)| *c > 0).collect();
    if k < out.len() {
        out.select_nth_unstable_by(k, order);
        out.truncate(k);
    }
    out.sort_unstable_by(order);
    out
}

/// The facet counts of a results page: the matching statements' top speakers, countries and
/// topics (at the top level, or under a topic), counted in the same pass as the ranking.
pub struct PageCounts {
    speaker: CountBy,
    country: CountBy,
    topic: CountBy,
}

impl PageCounts {
    /// Counts the top `k` speakers and countries, and the topics under `topic_parent`.
    pub fn new(k: usize, topic_parent: &Facet) -> PageCounts {
        PageCounts {
            speaker: CountBy::new("speaker_facet").top(k),
            country: CountBy::new("country").top(k),
            topic: CountBy::under("topic", topic_parent).top(k),
        }
    }
}

/// What [`PageCounts`] found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Page {
    /// Matching statements.
    pub statements: u64,
    /// Top speakers.
    pub speakers: Vec<(String, u64)>,
    /// Top countries.
    pub countries: Vec<(String, u64)>,
    /// Topics at the level counted.
    pub topics: Vec<(String, u64)>,
}

/// The per-segment part of [`PageCounts`].
pub struct PageSegment {
    is_statement: Option<std::sync::Arc<dyn tantivy::columnar::ColumnValues<u64>>>,
    statements: u64,
    columns: PageColumns,
    /// The `is_statement` values of a batch [`Together`] counts (scratch).
    flags: Vec<u64>,
}

/// Where a segment of [`PageCounts`] reads a statement's speaker, countries and topics.
enum PageColumns {
    /// From their own fields: with warmed names, counting needs no dictionary.
    Apart {
        speaker: Box<CountSegment>,
        country: Box<CountSegment>,
        topic: Box<CountSegment>,
    },
    /// From the one field holding all three (`counted`): a process that counts once reads one
    /// column per statement instead of three, each a few cache misses and page faults away.
    Together(Box<Together>),
}

/// Counts from the `counted` field: its terms sort as `country`, `speaker`, `topic`, so each
/// kind is a range of ordinals.
struct Together {
    reader: Arc<FacetReader>,
    ords: Ords,
    countries: std::ops::Range<u64>,
    speakers: std::ops::Range<u64>,
    country: FxHashMap<u32, u32>,
    speaker: FxHashMap<u32, u32>,
    topics: Children,
    topic: Vec<u32>,
    seen: Vec<u32>,
}

impl Together {
    fn open(segment: &SegmentReader, topic_parent: &[u8]) -> tantivy::Result<Option<Together>> {
        let Some((reader, ords)) = Ords::open(segment, "counted")? else {
            return Ok(None);
        };
        let countries = ords_under(&reader, "country")?;
        let speakers = ords_under(&reader, "speaker")?;
        let topics = Children::read(&reader, topic_parent)?;
        Ok(Some(Together {
            reader: Arc::new(reader),
            ords,
            countries,
            speakers,
            country: FxHashMap::default(),
            speaker: FxHashMap::default(),
            topic: vec![0; topics.names.len()],
            topics,
            seen: Vec::new(),
        }))
    }

    /// Counts the values of the documents queued in `self.ords`.
    fn count(&mut self) {
        let mut last = None;
        for (doc, ord) in self.ords.read() {
            if last != Some(doc) {
                last = Some(doc);
                self.seen.clear();
            }
            if self.speakers.contains(&ord) {
                *self.speaker.entry(ord as u32).or_insert(0) += 1;
            } else if self.countries.contains(&ord) {
                *self.country.entry(ord as u32).or_insert(0) += 1;
            } else {
                self.topics.count_one(ord, &mut self.seen, &mut self.topic);
            }
        }
    }

    fn finish(self) -> (SegmentCounts, SegmentCounts, SegmentCounts) {
        let flat = |counts| SegmentCounts::Flat {
            reader: self.reader.clone(),
            counts,
        };
        (
            flat(self.speaker),
            flat(self.country),
            SegmentCounts::Children(self.topics.found(self.topic)),
        )
    }
}

/// The ordinals of the terms of the facet `/root/...`, which sort together.
fn ords_under(reader: &FacetReader, root: &str) -> std::io::Result<std::ops::Range<u64>> {
    let first = |key: &[u8]| -> std::io::Result<u64> {
        let mut stream = reader.facet_dict().range().ge(key).into_stream()?;
        Ok(if stream.advance() {
            stream.term_ord()
        } else {
            reader.num_facets() as u64
        })
    };
    let mut key = root.as_bytes().to_vec();
    key.push(SEP);
    let start = first(&key)?;
    if let Some(last) = key.last_mut() {
        *last += 1;
    }
    Ok(start..first(&key)?)
}

impl Collector for PageCounts {
    type Fruit = Page;
    type Child = PageSegment;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<PageSegment> {
        // The one field where the index has it, else the three.
        let together = match &self.topic.under {
            Some(parent) => Together::open(reader, parent)?,
            None => None,
        };
        let columns = match together {
            Some(t) => PageColumns::Together(Box::new(t)),
            None => PageColumns::Apart {
                speaker: Box::new(self.speaker.segment(reader)?),
                country: Box::new(self.country.segment(reader)?),
                topic: Box::new(self.topic.segment(reader)?),
            },
        };
        Ok(PageSegment {
            is_statement: reader
                .fast_fields()
                .u64("is_statement")
                .ok()
                .map(|c| c.first_or_default_col(0)),
            statements: 0,
            columns,
            flags: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<PageFruit>) -> tantivy::Result<Page> {
        let mut statements = 0;
        let (mut sp, mut co, mut to) = (vec![], vec![], vec![]);
        for f in fruits {
            statements += f.statements;
            sp.push(f.speaker);
            co.push(f.country);
            to.push(f.topic);
        }
        Ok(Page {
            statements,
            speakers: merge(sp, self.speaker.top)?,
            countries: merge(co, self.country.top)?,
            topics: merge(to, self.topic.top)?,
        })
    }
}

impl PageSegment {
    /// Counts the documents [`Together`] has queued that are statements (only statements
    /// carry speakers, countries and topics).
    fn flush(&mut self) {
        let PageColumns::Together(t) = &mut self.columns else {
            return;
        };
        let pending = &mut t.ords.pending;
        if pending.is_empty() {
            return;
        }
        if let Some(c) = &self.is_statement {
            self.flags.clear();
            self.flags.resize(pending.len(), 0);
            c.get_vals(pending, &mut self.flags);
            let mut flags = self.flags.iter();
            pending.retain(|_| flags.next() == Some(&1));
        }
        self.statements += pending.len() as u64;
        t.count();
    }
}

/// What one segment of [`PageCounts`] counted.
pub struct PageFruit {
    statements: u64,
    speaker: SegmentCounts,
    country: SegmentCounts,
    topic: SegmentCounts,
}

impl SegmentCollector for PageSegment {
    type Fruit = PageFruit;

    fn collect(&mut self, doc: DocId, _: Score) {
        match &mut self.columns {
            PageColumns::Together(t) => {
                if t.ords.push(doc) {
                    self.flush();
                }
            }
            PageColumns::Apart {
                speaker,
                country,
                topic,
            } => {
                // Only statements carry speakers, countries and topics.
                if self
                    .is_statement
                    .as_ref()
                    .is_some_and(|c| c.get_val(doc) != 1)
                {
                    return;
                }
                self.statements += 1;
                speaker.count(doc);
                country.count(doc);
                topic.count(doc);
            }
        }
    }

    fn harvest(mut self) -> PageFruit {
        self.flush();
        let (speaker, country, topic) = match self.columns {
            PageColumns::Apart {
                speaker,
                country,
                topic,
            } => (speaker.finish(), country.finish(), topic.finish()),
            PageColumns::Together(t) => t.finish(),
        };
        PageFruit {
            statements: self.statements,
            speaker,
            country,
            topic,
        }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use std::collections::HashMap;

    use tantivy::collector::Count;
    use tantivy::query::AllQuery;
    use tantivy::schema::{FacetOptions, Schema};
    use tantivy::{doc, Index, IndexWriter};

    use super::*;

    /// A small deterministic random generator: each call gives a number below its argument.
    pub(in crate::index) fn random(seed: u64) -> impl FnMut(u64) -> u64 {
        let mut x = seed;
        move |m| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (x >> 33) % m
        }
    }

    /// An index in RAM of one facet field named `name`, with a writer of one thread.
    fn facet_index(name: &str) -> (Index, tantivy::schema::Field, IndexWriter) {
        let mut b = Schema::builder();
        let f = b.add_facet_field(name, FacetOptions::default());
        let index = Index::create_in_ram(b.build());
        let w: IndexWriter = index.writer_with_num_threads(1, 20_000_000).unwrap();
        (index, f, w)
    }

    /// An index of three segments whose documents have speakers drawn unevenly from `n` names,
    /// and the true counts.
    fn index(n: u64, docs: u64) -> (Index, HashMap<String, u64>) {
        let (index, f, mut w) = facet_index("speaker_facet");
        let mut truth = HashMap::new();
        let mut next = random(7);
        for i in 0..docs {
            // Skewed: low names are frequent, and each segment favours other names.
            let r = next(n * n);
            let name = format!("name {:05}", (r as f64).sqrt() as u64 ^ (i * 3 / docs));
            *truth.entry(name.clone()).or_insert(0) += 1;
            w.add_document(doc!(f => Facet::from_path(["speaker", &name])))
                .unwrap();
            if i % (docs / 3) == docs / 3 - 1 {
                w.commit().unwrap();
            }
        }
        w.commit().unwrap();
        (index, truth)
    }

    fn expected(truth: &HashMap<String, u64>, k: usize) -> Vec<(String, u64)> {
        let mut v: Vec<(String, u64)> = truth.iter().map(|(n, c)| (n.clone(), *c)).collect();
        v.sort_by(order);
        v.truncate(k);
        v
    }

    #[test]
    fn top_k_is_exact_over_segments_with_many_values() {
        let (index, truth) = index(3000, 30_000);
        let searcher = index.reader().unwrap().searcher();
        assert!(searcher.segment_readers().len() >= 3);
        assert!(truth.len() > RESOLVE_ALL, "{} values", truth.len());
        for k in [1, 5, 10, 100] {
            let got = searcher
                .search(&AllQuery, &CountBy::new("speaker_facet").top(k))
                .unwrap();
            assert_eq!(got, expected(&truth, k), "k = {k}");
        }
        let (all, n) = searcher
            .search(&AllQuery, &(CountBy::new("speaker_facet"), Count))
            .unwrap();
        assert_eq!(all.len(), truth.len());
        assert_eq!(all.iter().map(|(_, c)| *c).sum::<u64>(), n as u64);
    }

    #[test]
    fn rows_of_a_batch_are_those_of_each_document() {
        // Zero to three values a document, over two segments.
        let (index, f, mut w) = facet_index("topic");
        let mut next = random(3);
        for i in 0..9000 {
            let mut d = tantivy::TantivyDocument::default();
            for _ in 0..next(4) {
                d.add_facet(f, Facet::from_path(["topic", &format!("t{}", next(50))]));
            }
            w.add_document(d).unwrap();
            if i == 4000 {
                w.commit().unwrap();
            }
        }
        w.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        assert_eq!(searcher.segment_readers().len(), 2);
        let mut checked = 0;
        for seg in searcher.segment_readers() {
            let column = seg.fast_fields().str("topic").unwrap().unwrap();
            let ords = column.ords();
            assert!(matches!(
                ords.index,
                tantivy::columnar::ColumnIndex::Multivalued(_)
            ));
            // Sorted batches of random documents, some without a value.
            let docs: Vec<DocId> = (0..seg.max_doc()).filter(|_| next(3) == 0).collect();
            for batch in docs.chunks(BATCH) {
                let (mut want_docs, mut want_rows) = (vec![], vec![]);
                ords.index
                    .docids_to_rowids(batch, &mut want_docs, &mut want_rows);
                let (mut docs_out, mut rows_out) = (vec![], vec![]);
                rows_of(
                    &ords.index,
                    batch,
                    &mut RowScratch::default(),
                    &mut docs_out,
                    &mut rows_out,
                );
                assert_eq!((docs_out, rows_out), (want_docs, want_rows));
                checked += batch.len();
            }
        }
        assert!(checked > 2500, "{checked}");
    }

    #[test]
    fn children_count_a_document_once() {
        let (index, f, mut w) = facet_index("topic");
        let t = |p: &str| Facet::from_text(p).unwrap();
        w.add_document(doc!(f => t("/topic/economy"), f => t("/topic/economy/sanctions")))
            .unwrap();
        w.add_document(doc!(f => t("/topic/economy/trade"), f => t("/topic/conflict")))
            .unwrap();
        w.add_document(doc!(f => t("/topic/conflict/military")))
            .unwrap();
        w.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let top = searcher
            .search(&AllQuery, &CountBy::under("topic", &t("/topic")))
            .unwrap();
        assert_eq!(
            top,
            vec![("conflict".to_string(), 2), ("economy".to_string(), 2)]
        );
        let economy = searcher
            .search(&AllQuery, &CountBy::under("topic", &t("/topic/economy")))
            .unwrap();
        assert_eq!(
            economy,
            vec![
                ("economy/sanctions".to_string(), 1),
                ("economy/trade".to_string(), 1)
            ]
        );
    }

    /// An index of three segments of 7,500 documents: passages among statements with zero or one
    /// speaker, zero to two countries and zero to three topics at two levels, each in its own
    /// field and in `counted`.
    pub(in crate::index) fn page_index() -> Index {
        let mut b = Schema::builder();
        let sp = b.add_facet_field("speaker_facet", FacetOptions::default());
        let co = b.add_facet_field("country", FacetOptions::default());
        let to = b.add_facet_field("topic", FacetOptions::default());
        let all = b.add_facet_field("counted", FacetOptions::default());
        let st = b.add_u64_field(
            "is_statement",
            tantivy::schema::NumericOptions::default().set_fast(),
        );
        let index = Index::create_in_ram(b.build());
        let mut w: IndexWriter = index.writer_with_num_threads(1, 20_000_000).unwrap();
        let topics = [
            "/topic/politics",
            "/topic/politics/elections",
            "/topic/economy/sanctions",
            "/topic/economy/trade",
            "/topic/conflict/military",
            "/topic/health",
        ];
        let mut next = random(11);
        let docs = 7500; // segments of more documents than a counting batch
        for i in 0..docs {
            let mut d = tantivy::TantivyDocument::default();
            if next(3) == 0 {
                d.add_u64(st, 0);
            } else {
                d.add_u64(st, 1);
                let mut add = |field, facet: Facet| {
                    d.add_facet(all, facet.clone());
                    d.add_facet(field, facet);
                };
                if next(5) > 0 {
                    let r = next(40 * 40);
                    let name = format!("name {:03}", (r as f64).sqrt() as u64);
                    add(sp, Facet::from_path(["speaker", &name]));
                }
                for _ in 0..next(3) {
                    let c = format!("country {}", next(12));
                    add(co, Facet::from_path(["country", &c]));
                }
                for _ in 0..next(4) {
                    add(to, Facet::from_text(topics[next(6) as usize]).unwrap());
                }
            }
            w.add_document(d).unwrap();
            if i % (docs / 3) == docs / 3 - 1 {
                w.commit().unwrap();
            }
        }
        w.commit().unwrap();
        index
    }
}
