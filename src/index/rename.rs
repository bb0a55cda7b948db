//! The speaker pass: gives every statement the display name that the speaker counts of the
//! whole index decide for its spelling ([`super::speakers`]), so that the names depend neither
//! on the order the articles were indexed in nor on how they were split into shards.
//!
//! A writer names each statement from the counts it has seen so far. When it ends, its last
//! step ([`rename_statements`]) finds the statements that the counts of the whole index name
//! otherwise ([`misnamed`]: a few in a hundred), and in one commit deletes them and adds them
//! again under the right name, made from what the index stored ([`renamed`], with
//! [`super::document`]): nothing committed is lost, and a run killed before that commit leaves
//! the index as it was. `whosaid merge` does the same over the shards it merges
//! ([`rename_in_segments`]), before the one merge, so that the merged index is still written
//! once.

use std::collections::HashMap;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use tantivy::fastfield::{write_alive_bitset, AliveBitSet};
use tantivy::index::{Segment, SegmentId};
use tantivy::query::{
    BitSetDocSet, ConstScorer, EnableScoring, Explanation, Query, Scorer, Weight,
};
use tantivy::schema::{Facet, IndexRecordOption};
use tantivy::store::StoreReader;
use tantivy::{
    BitSet, DocId, DocSet, Index, IndexWriter, ReloadPolicy, Score, SegmentReader, TantivyDocument,
    TERMINATED,
};

use super::document::{add_statement_index, facet_step};
use super::schema::Fields;
use super::speakers::{spelling_counts, SpeakerRegistry};

/// Blocks of the document store a reader keeps decompressed: the statements to name again are
/// read in order of their ids, so a few suffice.
const STORE_CACHE_BLOCKS: usize = 8;

/// The display name the counts of a whole index decide for each speaker spelling of its live
/// statements.
#[derive(Clone, Debug)]
pub struct FinalNames {
    /// Spelling to the display name and its speaker facet, encoded as the index holds it.
    names: Arc<FxHashMap<String, (String, String)>>,
}

impl FinalNames {
    /// Counts the spellings of the live statements of `readers` and names each by the rules of
    /// `template` (its user's merges and splits; not its counts).
    pub fn count(
        template: &SpeakerRegistry,
        readers: &[SegmentReader],
        f: &Fields,
    ) -> tantivy::Result<FinalNames> {
        let counts = spelling_counts(readers, f.speaker_spelling)?;
        let names = template
            .names(&counts)
            .into_iter()
            .map(|(spelling, name)| {
                let facet = Facet::from_path(["speaker", &facet_step(&name)]);
                (spelling, (name, facet.encoded_str().to_string()))
            })
            .collect();
        Ok(FinalNames {
            names: Arc::new(names),
        })
    }

    /// The display name of `spelling`; `None` for a spelling no live statement had when counted.
    pub fn get(&self, spelling: &str) -> Option<&str> {
        self.names.get(spelling).map(|(name, _)| name.as_str())
    }
}

/// The live statements of `reader` whose speaker's display name is not the one `names` gives
/// their spelling, in the order of their ids, each with the name it gives.
pub fn misnamed(
    reader: &SegmentReader,
    f: &Fields,
    names: &FinalNames,
) -> tantivy::Result<Vec<(DocId, String)>> {
    let inverted = reader.inverted_index(f.speaker_spelling)?;
    let shown = reader.facet_reader(reader.schema().get_field_name(f.speaker_facet))?;
    // The segment's speaker facets by their ordinals: one pass over its dictionary costs less
    // than a look-up in it for each spelling.
    let mut ords: FxHashMap<Box<[u8]>, u64> = FxHashMap::default();
    let mut facets = shown.facet_dict().stream()?;
    while facets.advance() {
        ords.insert(facets.key().into(), facets.term_ord());
    }
    let alive = reader.alive_bitset();
    let mut out = Vec::new();
    let mut stream = inverted.terms().stream()?;
    while stream.advance() {
        let Some((name, facet)) = std::str::from_utf8(stream.key())
            .ok()
            .and_then(|s| names.names.get(s))
        else {
            continue;
        };
        let want = ords.get(facet.as_bytes()).copied();
        let mut postings =
            inverted.read_postings_from_terminfo(stream.value(), IndexRecordOption::Basic)?;
        let mut doc = postings.doc();
        while doc != TERMINATED {
            if alive.is_none_or(|a| a.is_alive(doc)) {
                let mut ords = shown.facet_ords(doc);
                let right = want.is_some() && ords.next() == want && ords.next().is_none();
                if !right {
                    out.push((doc, name.to_string()));
                }
            }
            doc = postings.advance();
        }
    }
    out.sort_unstable_by_key(|(doc, _)| *doc);
    Ok(out)
}

/// The document of statement `doc` of `reader` (whose document store `store` is) under the
/// speaker name `name`: what it stored, its speaker's display name replaced, what every
/// document of its article indexes without storing (its source), and what a statement indexes
/// from what it stores ([`add_statement_index`]).
pub fn renamed(
    reader: &SegmentReader,
    store: &StoreReader,
    doc: DocId,
    name: &str,
    f: &Fields,
) -> tantivy::Result<TantivyDocument> {
    let stored: TantivyDocument = store.get(doc)?;
    let mut d = TantivyDocument::new();
    for (field, value) in stored.field_values() {
        if field == f.speaker {
            d.add_text(field, name);
        } else {
            d.add_field_value(field, value);
        }
    }
    let sources = reader.facet_reader(reader.schema().get_field_name(f.source_facet))?;
    for ord in sources.facet_ords(doc) {
        let mut source = Facet::root();
        sources.facet_from_ord(ord, &mut source)?;
        d.add_facet(f.source_facet, source);
    }
    add_statement_index(&mut d, f);
    Ok(d)
}

/// Names again the statements of the index's last commit that the counts of the whole index
/// name otherwise: deletes them and adds them again through `writer`, for the caller to commit
/// at once. `template` gives the user's merges and splits of names. Returns how many.
pub fn rename_statements(
    index: &Index,
    writer: &IndexWriter,
    f: &Fields,
    template: &SpeakerRegistry,
) -> tantivy::Result<u64> {
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()?;
    let searcher = reader.searcher();
    let names = FinalNames::count(template, searcher.segment_readers(), f)?;
    let mut found = Vec::new();
    for seg in searcher.segment_readers() {
        found.push(misnamed(seg, f, &names)?);
    }
    if found.iter().all(Vec::is_empty) {
        return Ok(0);
    }
    let known = searcher
        .segment_readers()
        .iter()
        .zip(&found)
        .map(|(seg, wrong)| (seg.segment_id(), wrong.iter().map(|(d, _)| *d).collect()))
        .collect();
    // The delete first: it takes the documents added before it, not the renamed ones.
    writer.delete_query(Box::new(Misnamed {
        names,
        fields: f.clone(),
        known: Arc::new(known),
    }))?;
    let mut n = 0;
    for (seg, wrong) in searcher.segment_readers().iter().zip(found) {
        if wrong.is_empty() {
            continue;
        }
        let store = seg.get_store_reader(STORE_CACHE_BLOCKS)?;
        for (doc, name) in wrong {
            writer.add_document(renamed(seg, &store, doc, &name, f)?)?;
            n += 1;
        }
    }
    Ok(n)
}

/// Names again the statements of `segments`, of which a merge keeps the documents `alive`
/// says (`None`: those the segment keeps), that the counts of them all name otherwise: leaves
/// them out of `alive` and hands their renamed documents to `add`. Returns how many.
pub fn rename_in_segments(
    segments: &[Segment],
    alive: &mut [Option<AliveBitSet>],
    f: &Fields,
    template: &SpeakerRegistry,
    add: &mut dyn FnMut(TantivyDocument) -> tantivy::Result<()>,
) -> tantivy::Result<u64> {
    let readers = segments
        .iter()
        .zip(alive.iter())
        .map(|(s, a)| SegmentReader::open_with_custom_alive_set(s, a.clone()))
        .collect::<tantivy::Result<Vec<_>>>()?;
    let names = FinalNames::count(template, &readers, f)?;
    let mut n = 0;
    for (reader, keep) in readers.iter().zip(alive.iter_mut()) {
        let wrong = misnamed(reader, f, &names)?;
        if wrong.is_empty() {
            continue;
        }
        let mut bits = BitSet::with_max_value_and_full(reader.max_doc());
        if let Some(a) = reader.alive_bitset() {
            for doc in (0..reader.max_doc()).filter(|d| !a.is_alive(*d)) {
                bits.remove(doc);
            }
        }
        let store = reader.get_store_reader(STORE_CACHE_BLOCKS)?;
        for (doc, name) in &wrong {
            bits.remove(*doc);
            add(renamed(reader, &store, *doc, name, f)?)?;
        }
        let mut bytes = Vec::new();
        write_alive_bitset(&bits, &mut bytes)?;
        *keep = Some(AliveBitSet::open(tantivy::directory::OwnedBytes::new(
            bytes,
        )));
        n += wrong.len() as u64;
    }
    Ok(n)
}

/// Matches the statements whose speaker's display name is not the one `names` gives their
/// spelling ([`misnamed`]): a delete by what the documents hold, so it finds them in whatever
/// segments background merges made of them by the time it runs.
#[derive(Clone, Debug)]
struct Misnamed {
    names: FinalNames,
    fields: Fields,
    /// The statements found already, by segment: a segment's documents never change, so only
    /// segments merged since are looked through again.
    known: Arc<HashMap<SegmentId, Vec<DocId>>>,
}

impl Query for Misnamed {
    fn weight(&self, _: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.clone()))
    }
}

impl Weight for Misnamed {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut bits = BitSet::with_max_value(reader.max_doc());
        match self.known.get(&reader.segment_id()) {
            Some(docs) => {
                for doc in docs {
                    bits.insert(*doc);
                }
            }
            None => {
                for (doc, _) in misnamed(reader, &self.fields, &self.names)? {
                    bits.insert(doc);
                }
            }
        }
        Ok(Box::new(ConstScorer::new(BitSetDocSet::from(bits), boost)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) == doc {
            Ok(Explanation::new("speaker named otherwise", 1.0))
        } else {
            Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} is named as the index's counts name it"
            )))
        }
    }
}
