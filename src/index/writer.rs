//! Writing articles into the index: each statement and each passage becomes a document.
//!
//! Re-indexing an article replaces it: its documents are deleted by article id before the new
//! ones are added, in the same commit. [`Indexer`] may be shared by several threads; `commit`
//! waits for the adds under way, so a commit never holds part of an article.
//!
//! An [`Indexer`] holds the index's [`super::WriteLock`] for as long as it lives: a second writer
//! fails at once with [`IndexError::Locked`]. Opening checks the checksums of the committed files
//! (see [`super::verify`]) so that a damaged index is reported, not merged into.
//!
//! A statement's speaker is named from the statements the writer has counted so far (the
//! index's, then its own: [`SpeakerRegistry`]); when the writer ends, the statements that the
//! counts of the whole index name otherwise are named again ([`super::rename`]), so that the
//! names do not depend on the order the articles came in.

use rustc_hash::{FxHashMap, FxHashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, RwLock};

use tantivy::index::{SegmentComponent, SegmentId};
use tantivy::indexer::{NoMergePolicy, UserOperation};
use tantivy::schema::Facet;
use tantivy::{doc, Index, IndexWriter, TantivyDocument, Term};

use super::document::add_statement_index;
pub use super::document::facet_step;
use super::merge::{final_groups, BoundedMergePolicy, FINAL_MERGE_BYTES};
use super::rename::rename_statements;
use super::schema::{parse_day, Fields};
use super::speakers::SpeakerRegistry;
use super::types::DocKind;
use super::{IndexError, Result, WriteLock};
use crate::aliases::Aliases;
use crate::article::Article;
use crate::extract::Extraction;
use crate::fingerprint::fingerprint;
use crate::segment::{Passage, PassageKind};
use crate::statement::Statement;

/// Counts of documents written for one article.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    /// Passage documents.
    pub passages: u64,
    /// Statement documents.
    pub statements: u64,
}

/// What a writer did when it ended.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Finished {
    /// Documents in the index.
    pub documents: u64,
    /// Statements named again as the writer ended: the counts of the whole index named their
    /// speaker otherwise than the counts seen when they were written ([`super::rename`]).
    pub renamed: u64,
}

/// Writes articles to an index. Shared between threads by reference.
pub struct Indexer {
    index: Index,
    fields: Fields,
    dir: PathBuf,
    writer: RwLock<IndexWriter>,
    speakers: Mutex<SpeakerRegistry>,
    /// The index as it was when the writer opened (None when it held no documents), to tell
    /// whether an article id may need replacing.
    before: Option<tantivy::Searcher>,
    /// The article ids (hashed) this writer is adding and has added.
    ids: Mutex<Ids>,
    /// The segments the index had when the writer opened.
    opened_with: FxHashSet<SegmentId>,
    _lock: WriteLock,
}

/// Article ids (hashed) by where their documents are.
#[derive(Default)]
struct Ids {
    /// Being added by some thread.
    adding: FxHashSet<u64>,
    /// Added, with the input place of the article added.
    added: FxHashMap<u64, u64>,
}

/// Documents handed to tantivy's writer at once. Batches spare its queue a wake-up per document;
/// small ones keep its queue (bounded in batches, not documents) from holding much memory.
const BATCH: usize = 16;

/// The `kind` of the one document per article that holds its title, address and path.
pub const ARTICLE_KIND: &str = "article";

impl Indexer {
    /// Opens (or creates) the index at `dir` for writing, with `threads` indexing threads and a
    /// memory budget of `heap_bytes` in all. Fails at once with [`IndexError::Locked`] when
    /// another process writes to it.
    pub fn open(dir: &Path, rebuild: bool, threads: usize, heap_bytes: usize) -> Result<Indexer> {
        let lock = super::lock(dir)?;
        let (index, fields) = super::open_or_create(dir, rebuild, &lock)?;
        super::verify(&index, dir)?;
        let threads = threads.max(1);
        let heap = heap_bytes.max(threads * 20_000_000);
        // One merge at a time: merges run beside indexing, and each holds the segments it reads.
        let options = tantivy::indexer::IndexWriterOptions::builder()
            .num_worker_threads(threads)
            .memory_budget_per_thread(heap / threads)
            .num_merge_threads(1)
            .build();
        let writer: IndexWriter = index
            .writer_with_options(options)
            .map_err(|e| super::classify(dir, e))?;
        writer.set_merge_policy(Box::new(BoundedMergePolicy::default()));
        // Files a killed run wrote after its last commit (segments, delete bitsets) are not part
        // of the index; removed now, before this run writes files of the same names.
        writer
            .garbage_collect_files()
            .wait()
            .map_err(|e| super::classify(dir, e))?;
        let opened_with = index
            .searchable_segment_ids()
            .map_err(|e| super::classify(dir, e))?
            .into_iter()
            .collect();
        let aliases = Aliases::saved(dir)?.unwrap_or_default();
        let (speakers, before) = super::guard(&index, dir, || {
            let searcher = index.reader()?.searcher();
            let speakers =
                SpeakerRegistry::from_index_with(&searcher, fields.speaker_spelling, aliases)?;
            let before = (searcher.num_docs() > 0).then_some(searcher);
            Ok((speakers, before))
        })?;
        Ok(Indexer {
            index,
            fields,
            dir: dir.to_path_buf(),
            writer: RwLock::new(writer),
            speakers: Mutex::new(speakers),
            before,
            ids: Mutex::new(Ids::default()),
            opened_with,
            _lock: lock,
        })
    }

    /// Names speakers by a user's merges and splits ([`Aliases`]) from now on, and keeps the
    /// file in the index directory so that later runs do too. Statements already indexed are
    /// named by them too when the writer ends ([`Indexer::finish`]).
    pub fn use_aliases(&self, aliases: Aliases) -> Result<()> {
        aliases.save(&self.dir)?;
        let speakers = super::guard(&self.index, &self.dir, || {
            let searcher = self.index.reader()?.searcher();
            Ok(SpeakerRegistry::from_index_with(
                &searcher,
                self.fields.speaker_spelling,
                aliases,
            )?)
        })?;
        match self.speakers.lock() {
            Ok(mut s) => *s = speakers,
            Err(poisoned) => *poisoned.into_inner() = speakers,
        }
        Ok(())
    }

    /// The index directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The underlying tantivy index.
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// Builds the documents of one article (replacing any earlier version) and hands them to the
    /// writer. `seq` is the article's place in the input: of two articles with the same id added
    /// by one writer, the later in the input stands, whichever thread gets to it first.
    pub fn add(&self, article: &Article, ex: &Extraction, seq: u64) -> Result<Written> {
        let writer = self.writer.read().map_err(|_| self.poisoned())?;
        let key = hash_id(&article.id);
        let id = Term::from_field_text(self.fields.article, &article.id);
        let Some(replace) = self.claim(key, seq, &id)? else {
            return Ok(Written::default());
        };
        let written = self.add_claimed(&writer, article, ex, replace.then_some(id));
        self.release(key, seq)?;
        written
    }

    fn add_claimed(
        &self,
        writer: &IndexWriter,
        article: &Article,
        ex: &Extraction,
        delete: Option<Term>,
    ) -> Result<Written> {
        let mut w = Written::default();
        let mut ops = Vec::with_capacity(BATCH);
        if let Some(id) = delete {
            ops.push(UserOperation::Delete(id));
        }
        // Documents are made and handed over a batch at a time, so an article of a million
        // passages never has them all in memory at once.
        let mut first = true;
        self.documents(article, ex, &mut |is_statement, d| {
            if is_statement {
                w.statements += 1;
            } else if !first {
                w.passages += 1;
            }
            first = false;
            ops.push(UserOperation::Add(d));
            if ops.len() == BATCH {
                writer.run(std::mem::replace(&mut ops, Vec::with_capacity(BATCH)))?;
            }
            Ok(())
        })?;
        if !ops.is_empty() {
            writer.run(ops)?;
        }
        Ok(w)
    }

    /// Claims article id `key` (hashed; its term `term`) for this thread, waiting while another
    /// thread adds an article of the same id, so that a replacement's delete always follows the
    /// documents it replaces. Returns `None` when a later article of the input (`seq`) with that
    /// id was added already; otherwise whether the article may already be in the index (in it
    /// when the writer opened, or added since) and so needs a delete: a delete that matches
    /// nothing still costs a term lookup in every segment at each commit, which on a large first
    /// run adds up.
    fn claim(&self, key: u64, seq: u64, term: &Term) -> Result<Option<bool>> {
        let added = loop {
            let mut ids = self.ids.lock().map_err(|_| self.poisoned())?;
            if ids.adding.contains(&key) {
                drop(ids);
                std::thread::sleep(std::time::Duration::from_millis(1));
                continue;
            }
            match ids.added.get(&key) {
                Some(&later) if later > seq => return Ok(None),
                found => {
                    let found = found.is_some();
                    ids.adding.insert(key);
                    break found;
                }
            }
        };
        if added {
            return Ok(Some(true));
        }
        match &self.before {
            None => Ok(Some(false)),
            Some(s) => Ok(Some(
                s.doc_freq(term)
                    .map_err(|e| super::classify(&self.dir, e))?
                    > 0,
            )),
        }
    }

    /// Ends this thread's claim on article id `key`, added from input place `seq`.
    fn release(&self, key: u64, seq: u64) -> Result<()> {
        let mut ids = self.ids.lock().map_err(|_| self.poisoned())?;
        ids.adding.remove(&key);
        ids.added.insert(key, seq);
        Ok(())
    }

    fn poisoned(&self) -> IndexError {
        IndexError::Internal {
            path: self.dir.clone(),
            message: "a thread writing the index panicked".into(),
        }
    }

    /// Commits everything added so far; returns once it is durable.
    pub fn commit(&self) -> Result<()> {
        let mut writer = self.writer.write().map_err(|_| self.poisoned())?;
        writer.commit().map_err(|e| super::classify(&self.dir, e))?;
        Ok(())
    }

    /// Commits, names again the statements whose speaker the counts of the whole index name
    /// otherwise than when they were written ([`super::rename`]) in a second commit, then waits
    /// for background merges to end.
    pub fn finish(self) -> Result<Finished> {
        self.finish_with(None)
    }

    /// As [`Indexer::finish`], then merges the segments this writer wrote into few ([`final_groups`]),
    /// `threads` merges at a time reading at most [`FINAL_MERGE_BYTES`] of files in all: a search
    /// opens every segment, and a fresh process answers on two segments in about three quarters
    /// of the time it takes on four. Segments the index had before are left to the merge policy,
    /// so that a small run over a large index does not rewrite it. `stop` is checked before the
    /// merges start; a merge cut short by a kill leaves the last commit as it was.
    pub fn finish_merged(self, threads: usize, stop: &AtomicBool) -> Result<Finished> {
        self.finish_with(Some((threads, stop)))
    }

    /// Merges every segment of the index as a run merges its own at its end
    /// ([`Indexer::finish_merged`]): for an index whose runs were stopped before their merge or
    /// skipped it.
    pub fn compact(mut self, threads: usize) -> Result<Finished> {
        self.opened_with.clear();
        self.finish_merged(threads, &AtomicBool::new(false))
    }

    fn finish_with(self, merge: Option<(usize, &AtomicBool)>) -> Result<Finished> {
        let dir = self.dir.clone();
        let classify = |e| super::classify(&dir, e);
        let Ok(mut writer) = self.writer.into_inner() else {
            return Err(IndexError::Internal {
                path: dir.clone(),
                message: "a thread writing the index panicked".into(),
            });
        };
        writer.commit().map_err(classify)?;
        let speakers = self
            .speakers
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let renamed = super::guard(&self.index, &dir, || {
            Ok(rename_statements(
                &self.index,
                &writer,
                &self.fields,
                &speakers,
            )?)
        })?;
        if renamed > 0 {
            writer.commit().map_err(classify)?;
        }
        writer.wait_merging_threads().map_err(classify)?;
        if let Some((threads, stop)) = merge {
            if !stop.load(Ordering::Relaxed) {
                merge_new_segments(&self.index, &dir, &self.opened_with, threads.max(1))?;
            }
        }
        let reader = self.index.reader().map_err(classify)?;
        reader.reload().map_err(classify)?;
        Ok(Finished {
            documents: reader.searcher().num_docs(),
            renamed,
        })
    }

    /// Makes the documents of one article, the article's own first, and hands each to `emit`
    /// with whether it is a statement.
    fn documents(
        &self,
        a: &Article,
        ex: &Extraction,
        emit: &mut dyn FnMut(bool, TantivyDocument) -> tantivy::Result<()>,
    ) -> tantivy::Result<()> {
        let f = &self.fields;
        let text = a.text.as_str();
        let date = a.date.as_deref().and_then(parse_day);
        // Every document carries what filters need; the article's own document carries what
        // only display needs (title, address, path), stored once.
        let common = |d: &mut TantivyDocument| {
            d.add_text(f.article, &a.id);
            if let Some(dt) = date {
                d.add_date(f.date, dt);
            }
            if let Some(s) = &a.source {
                d.add_facet(f.source_facet, Facet::from_path(["source", &facet_step(s)]));
            }
            if let Some(t) = &a.topic {
                d.add_facet(
                    f.source_topic_facet,
                    Facet::from_path(["source-topic", &facet_step(t)]),
                );
            }
        };
        let mut head = doc!(
            f.kind => ARTICLE_KIND,
            f.is_statement => 0u64,
            f.title => a.display_title(),
            f.path => a.path.as_str(),
        );
        if let Some(s) = &a.source {
            head.add_text(f.source, s);
        }
        if let Some(u) = &a.url {
            head.add_text(f.url, u);
        }
        common(&mut head);
        emit(false, head)?;
        for (i, p) in ex.segmented.passages.iter().enumerate() {
            if let Some(mut d) = self.passage_doc(text, ex, i, p) {
                common(&mut d);
                emit(false, d)?;
            }
        }
        for s in &ex.statements {
            // A range that is not a slice of the text (an extraction bug) is passed over rather
            // than bringing the run down.
            let Some(said) = text.get(s.start..s.end) else {
                continue;
            };
            let mut d = self.statement_doc(&a.id, text, ex, s, said);
            common(&mut d);
            emit(true, d)?;
        }
        Ok(())
    }

    /// The document of passage `i`, `p`, without what every document carries; `None` for page
    /// furniture and for a range that is not a slice of the text (an extraction bug, passed over
    /// rather than bringing the run down).
    fn passage_doc(
        &self,
        text: &str,
        ex: &Extraction,
        i: usize,
        p: &Passage,
    ) -> Option<TantivyDocument> {
        let f = &self.fields;
        if p.kind == PassageKind::Furniture {
            return None;
        }
        let body = text.get(p.range())?;
        let body = without_cards(body, p.start, &ex.segmented.inline_furniture);
        let mut d = doc!(
            f.kind => DocKind::Passage.as_str(),
            f.is_statement => 0u64,
            f.text => body.as_ref(),
            f.start => p.start as u64,
            f.end => p.end as u64,
            f.passage_kind => p.kind.as_str(),
        );
        if let Some(h) = ex.segmented.entry_headline(text, i) {
            if p.kind != PassageKind::Headline {
                d.add_text(f.entry, h);
            }
        }
        Some(d)
    }

    /// The document of statement `s` of article `article`, whose words are `said`, without what
    /// every document carries: what it stores, then what it indexes from that
    /// ([`add_statement_index`]).
    fn statement_doc(
        &self,
        article: &str,
        text: &str,
        ex: &Extraction,
        s: &Statement,
        said: &str,
    ) -> TantivyDocument {
        let f = &self.fields;
        let mut d = doc!(
            f.kind => s.kind.as_str(),
            f.text => said,
            f.start => s.start as u64,
            f.end => s.end as u64,
        );
        if let Some(p) = ex.segmented.passages.get(s.passage) {
            d.add_text(f.passage_kind, p.kind.as_str());
        }
        if let Some(h) = ex.segmented.entry_headline(text, s.passage) {
            d.add_text(f.entry, h);
        }
        self.add_speaker(&mut d, s);
        let cluster = fingerprint(said).unwrap_or_else(|| {
            let id = format!("{}#{}", article, s.start);
            fingerprint_unique(&id)
        });
        d.add_u64(f.cluster, cluster);
        if let Some(c) = &s.cue {
            d.add_text(f.cue, c);
        }
        for c in &s.countries {
            d.add_facet(
                f.country_facet,
                Facet::from_path(["country", &facet_step(c)]),
            );
        }
        for (c, e) in s.countries.iter().zip(&s.country_evidence) {
            d.add_facet(
                f.country_evidence,
                Facet::from_path(["country_evidence", &facet_step(c), e.as_str()]),
            );
        }
        if let Some(found) = s.found {
            d.add_text(f.found, found.as_str());
        }
        for t in &s.topics {
            let mut path = vec!["topic".to_string()];
            path.extend(t.split('/').filter(|x| !x.is_empty()).map(facet_step));
            d.add_facet(f.topic_facet, Facet::from_path(path));
        }
        add_statement_index(&mut d, f);
        d
    }

    /// Adds what a statement's document stores of its speaker: the display name (of the
    /// registry, from the statements counted so far), the name as the article spelled it, the
    /// aliases and the role.
    fn add_speaker(&self, d: &mut TantivyDocument, s: &Statement) {
        let f = &self.fields;
        if let Some(sp) = &s.speaker {
            let canonical = match self.speakers.lock() {
                Ok(mut r) => r.canonical(sp),
                Err(_) => sp.clone(),
            };
            d.add_text(f.speaker, &canonical);
            d.add_text(f.speaker_spelling, sp);
        }
        for alias in &s.aliases {
            d.add_text(f.aliases, alias);
        }
        if let Some(r) = &s.role {
            d.add_text(f.role, r);
        }
    }
}

/// A passage's text with the link hover cards inside it (byte ranges of the article, `body`
/// starting at byte `start`) blanked out with spaces of the same length, so that every offset
/// into it still points at the same byte of the article.
fn without_cards<'a>(
    body: &'a str,
    start: usize,
    cards: &[std::ops::Range<usize>],
) -> std::borrow::Cow<'a, str> {
    let end = start + body.len();
    let inside: Vec<&std::ops::Range<usize>> = cards
        .iter()
        .filter(|c| start <= c.start && c.end <= end)
        .collect();
    if inside.is_empty() {
        return std::borrow::Cow::Borrowed(body);
    }
    let mut out = String::with_capacity(body.len());
    let mut pos = start;
    for c in inside {
        out.push_str(&body[pos - start..c.start - start]);
        out.extend(std::iter::repeat_n(' ', c.end - c.start));
        pos = c.end;
    }
    out.push_str(&body[pos - start..]);
    std::borrow::Cow::Owned(out)
}

/// Merges the committed segments not in `before` (see [`Indexer::finish_merged`]), `threads`
/// groups at a time, with a writer of its own (no merge policy, no documents).
fn merge_new_segments(
    index: &Index,
    dir: &Path,
    before: &FxHashSet<SegmentId>,
    threads: usize,
) -> Result<()> {
    let classify = |e| super::classify(dir, e);
    let bytes = |meta: &tantivy::index::SegmentMeta| -> u64 {
        [
            SegmentComponent::Postings,
            SegmentComponent::Positions,
            SegmentComponent::Terms,
            SegmentComponent::Store,
            SegmentComponent::FastFields,
            SegmentComponent::FieldNorms,
        ]
        .into_iter()
        .filter_map(|c| std::fs::metadata(dir.join(meta.relative_path(c))).ok())
        .map(|m| m.len())
        .sum()
    };
    let new: Vec<(SegmentId, u64)> = index
        .searchable_segment_metas()
        .map_err(classify)?
        .iter()
        .filter(|m| !before.contains(&m.id()))
        .map(|m| (m.id(), bytes(m)))
        .collect();
    let groups = final_groups(&new, FINAL_MERGE_BYTES / threads as u64);
    if groups.is_empty() {
        return Ok(());
    }
    let options = tantivy::indexer::IndexWriterOptions::builder()
        .num_worker_threads(1)
        .memory_budget_per_thread(MERGE_WRITER_HEAP)
        .num_merge_threads(threads)
        .build();
    let mut writer: IndexWriter = index.writer_with_options(options).map_err(classify)?;
    writer.set_merge_policy(Box::new(NoMergePolicy));
    let merges: Vec<_> = groups.iter().map(|g| writer.merge(g)).collect();
    for m in merges {
        m.wait().map_err(classify)?;
    }
    writer.wait_merging_threads().map_err(classify)?;
    Ok(())
}

/// The indexing memory of the writer that only merges (tantivy's least).
const MERGE_WRITER_HEAP: usize = 15_000_000;

/// A 64-bit hash of an article id (FNV-1a): a collision only costs an unneeded delete.
fn hash_id(id: &str) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in id.as_bytes() {
        h ^= *b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

/// A cluster value of its own for a statement too short to cluster (a hash of the document's id,
/// so it meets no other statement's value but by a 64-bit collision).
fn fingerprint_unique(id: &str) -> u64 {
    hash_id(id) | (1 << 63)
}
