//! The [`Searcher`]: one index opened for reading, its field handles, and the look-ups every
//! query command shares (an article's own document, the analyzer's terms, a cluster's articles).
//!
//! What a search does with it is [`super::search`]'s; how a query is built, [`super::query`]'s;
//! how a hit is read, [`super::hits`]'s.

use std::path::Path;

use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{
    DocAddress, DocSet, Index, IndexReader, ReloadPolicy, SegmentOrdinal, TantivyDocument, Term,
    TERMINATED,
};

use super::schema::Fields;
use super::table::Table;
use super::writer::ARTICLE_KIND;
use super::Result;

/// A searcher over one index.
pub struct Searcher {
    pub(super) dir: std::path::PathBuf,
    pub(super) index: Index,
    pub(super) reader: IndexReader,
    pub(super) fields: Fields,
    /// With [`Searcher::warm`]: the statements' facet values a results page counts.
    pub(super) table: std::sync::RwLock<Option<std::sync::Arc<Table>>>,
}

impl Searcher {
    /// Opens the index at `dir` for searching, as of its last commit.
    pub fn open(dir: &Path) -> Result<Searcher> {
        Searcher::open_with(dir, ReloadPolicy::Manual)
    }

    /// Opens the index at `dir` for searching and follows it: each new commit of a concurrent
    /// `whosaid index` is read shortly after it lands (tantivy watches `meta.json`), for a
    /// long-lived process such as `whosaid serve`.
    pub fn open_following(dir: &Path) -> Result<Searcher> {
        Searcher::open_with(dir, ReloadPolicy::OnCommitWithDelay)
    }

    fn open_with(dir: &Path, policy: ReloadPolicy) -> Result<Searcher> {
        let (index, fields) = super::open(dir)?;
        let reader = super::guard(&index, dir, || {
            Ok(index.reader_builder().reload_policy(policy).try_into()?)
        })?;
        Ok(Searcher {
            dir: dir.to_path_buf(),
            index,
            reader,
            fields,
            table: Default::default(),
        })
    }

    /// Prepares for many queries, as a long-lived process would: reads every statement's
    /// speaker, countries and topics into memory once ([`Table`]), so that the facet counts of a
    /// results page ([`super::search::Request::facets`]) read no column and no dictionary.
    /// Costs a fraction of a second and some megabytes on a large index (about 10 bytes a
    /// document); a process answering one query is better off without it.
    pub fn warm(&self) -> Result<()> {
        super::guard(&self.index, &self.dir, || {
            let table = Table::build(&self.reader.searcher())?;
            if let Ok(mut t) = self.table.write() {
                *t = Some(std::sync::Arc::new(table));
            }
            Ok(())
        })
    }

    /// The warmed [`Table`], when it was read from the segments of `searcher`.
    pub(super) fn table_for(&self, searcher: &tantivy::Searcher) -> Option<std::sync::Arc<Table>> {
        let table = self.table.read().ok()?.clone()?;
        table.covers(searcher).then_some(table)
    }

    /// Warms again ([`Searcher::warm`]) when a new commit was read since the last warming;
    /// returns true if and only if it did. A long-lived process calls it now and then.
    pub fn rewarm_if_stale(&self) -> Result<bool> {
        let searcher = self.reader.searcher();
        let stale = self.table_for(&searcher).is_none();
        if stale {
            self.warm()?;
        }
        Ok(stale)
    }

    /// The index directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The field handles.
    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// A tantivy searcher on the last commit.
    pub fn searcher(&self) -> tantivy::Searcher {
        self.reader.searcher()
    }

    /// Number of documents in the index.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// The tantivy index.
    pub fn tantivy_index(&self) -> &Index {
        &self.index
    }
    /// The stored document of article `id` (title, address, path, source).
    pub fn article_doc(
        &self,
        searcher: &tantivy::Searcher,
        id: &str,
        near: Option<SegmentOrdinal>,
    ) -> Result<Option<TantivyDocument>> {
        let f = &self.fields;
        let article = Term::from_field_text(f.article, id);
        let kind = Term::from_field_text(f.kind, ARTICLE_KIND);
        // The postings of the article's id met with those of `kind:article`, segment by
        // segment, `near` first (an article's own document is written with its first passages,
        // so mostly in the segment of its other documents): no query to weigh, and no look-up
        // in the other segments once it is found.
        let n = searcher.segment_readers().len() as SegmentOrdinal;
        let near = near.filter(|s| *s < n);
        for seg_ord in near.into_iter().chain((0..n).filter(|s| Some(*s) != near)) {
            let seg = searcher.segment_reader(seg_ord);
            let postings = |term: &Term| -> tantivy::Result<_> {
                Ok(seg
                    .inverted_index(term.field())?
                    .read_postings(term, IndexRecordOption::Basic)?)
            };
            let (Some(mut docs), Some(mut kinds)) = (postings(&article)?, postings(&kind)?) else {
                continue;
            };
            let alive = seg.alive_bitset();
            let mut doc = docs.doc();
            while doc != TERMINATED {
                if kinds.seek(doc) == doc && alive.is_none_or(|a| a.is_alive(doc)) {
                    return Ok(Some(searcher.doc(DocAddress::new(seg_ord, doc))?));
                }
                doc = docs.advance();
            }
        }
        Ok(None)
    }

    /// The terms the text field's analyzer makes of `text` (lowercased, folded, stemmed).
    pub fn analyze(&self, text: &str) -> Result<Vec<String>> {
        let mut analyzer = self.index.tokenizer_for_field(self.fields.text)?;
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        Ok(out)
    }

    /// The distinct articles holding a statement of `cluster`, at most `cap` looked at.
    pub fn cluster_articles(&self, cluster: u64, cap: usize) -> Result<Vec<String>> {
        let searcher = self.reader.searcher();
        let q = TermQuery::new(
            Term::from_field_u64(self.fields.cluster, cluster),
            IndexRecordOption::Basic,
        );
        let top = searcher.search(&q, &TopDocs::with_limit(cap.max(1)).order_by_score())?;
        let mut out: Vec<String> = Vec::new();
        for (_, addr) in top {
            let doc: TantivyDocument = searcher.doc(addr)?;
            if let Some(a) = doc.get_first(self.fields.article).and_then(|v| v.as_str()) {
                if !out.iter().any(|x| x == a) {
                    out.push(a.to_string());
                }
            }
        }
        Ok(out)
    }
}
