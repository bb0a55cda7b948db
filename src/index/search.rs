//! Searching the index: a [`Request`] answered with ranked [`Hit`]s, and the facet counts of the
//! page in the same pass.
//!
//! A [`Searcher`] runs the query [`super::query`] builds (filters resolved against the values the
//! index actually holds), ranks by BM25 with statements boosted over passages (see
//! [`STATEMENT_BOOST`]), and reads each hit with its snippet ([`super::hits`]).

use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::Query;
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, DocId, Score, SegmentReader};

use super::count::{Page, PageCounts};
use super::hits::fill_speaker_countries;
use super::query::STATEMENT_BOOST;
use super::table::TableCounts;
use super::Result;

pub use super::searcher::Searcher;
pub use super::types::{
    CountryOf, FacetCount, Filters, Hit, KindFilter, Paragraph, MAX_LIMIT, MIN_SNIPPET_CHARS,
};

/// A search.
#[derive(Clone, Debug)]
pub struct Request {
    /// The query string (tantivy syntax; typographic quotes work as phrase marks). Empty or `*`
    /// matches everything.
    pub query: String,
    /// Filters.
    pub filters: Filters,
    /// How many hits at most (1 to [`MAX_LIMIT`]).
    pub limit: usize,
    /// Snippet length in characters.
    pub snippet_chars: usize,
    /// Show one hit per statement cluster (the same words in several articles), with the number
    /// of other articles holding it.
    pub collapse: bool,
    /// Also count the matching statements' top speakers, countries and topics (this many of
    /// each), in the same pass as the ranking.
    pub facets: Option<usize>,
}

/// The answer to a search.
#[derive(Clone, Debug, Serialize)]
pub struct Results {
    /// Matching documents in all.
    pub total: usize,
    /// The top hits.
    pub hits: Vec<Hit>,
    /// With [`Request::facets`]: the facet counts of the matching statements.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub facets: Option<PageFacets>,
}

/// The last line of `search --json --facets`: `{"facets": {...}}` after the hits' lines.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct FacetsLine<'a> {
    /// The facet counts of the page.
    pub facets: &'a PageFacets,
}

/// The facet counts beside a results page.
#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
pub struct PageFacets {
    /// Matching statements.
    pub statements: u64,
    /// Their most frequent speakers.
    pub speaker: Vec<FacetCount>,
    /// Their most frequent countries.
    pub country: Vec<FacetCount>,
    /// Their topics at the top level, or under the `--topic` filter's topic.
    pub topic: Vec<FacetCount>,
    /// The topic level counted (`/topic`, `/topic/conflict`).
    pub topic_parent: String,
}

impl PageFacets {
    /// The facet counts `page` found, the topics counted under `parent`.
    fn of(page: Page, parent: &tantivy::schema::Facet) -> PageFacets {
        let list = |v: Vec<(String, u64)>| {
            v.into_iter()
                .map(|(value, count)| FacetCount { value, count })
                .collect()
        };
        PageFacets {
            statements: page.statements,
            speaker: list(page.speakers),
            country: list(page.countries),
            topic: list(page.topics),
            topic_parent: parent.to_path_string(),
        }
    }
}

impl Searcher {
    /// Runs a search. Damaged index files are reported as [`super::IndexError::Damaged`], never as a
    /// panic (see [`super::guard`]).
    pub fn search(&self, req: &Request) -> Result<Results> {
        self.search_from(req, 0)
    }

    /// Runs a search and returns the hits ranked after the first `offset` (at most
    /// [`MAX_LIMIT`] hits are ranked in all); ranks count from `offset + 1`.
    pub fn search_from(&self, req: &Request, offset: usize) -> Result<Results> {
        super::guard(&self.index, &self.dir, || {
            let mut res = self.search_unguarded(req, offset)?;
            fill_speaker_countries(self, &mut res.hits)?;
            Ok(res)
        })
    }

    fn search_unguarded(&self, req: &Request, offset: usize) -> Result<Results> {
        let query = match self.build(&req.query, &req.filters)? {
            Ok(q) => q,
            Err(_) => {
                return Ok(Results {
                    total: 0,
                    hits: vec![],
                    facets: req.facets.map(|_| PageFacets {
                        topic_parent: "/topic".into(),
                        ..PageFacets::default()
                    }),
                })
            }
        };
        let searcher = self.reader.searcher();
        let limit = req.limit.clamp(1, MAX_LIMIT);
        let offset = offset.min(MAX_LIMIT - limit);
        // Collapsing drops repeats, so look further down the ranking, and skips the first
        // `offset` of what remains; without it, tantivy skips them.
        let (fetch, skip) = if req.collapse {
            ((offset + limit).saturating_mul(5).max(50), offset)
        } else {
            (limit, 0)
        };
        let top = TopDocs::with_limit(fetch)
            .and_offset(offset - skip)
            .tweak_score(move |seg: &SegmentReader| {
                let col = seg
                    .fast_fields()
                    .u64("is_statement")
                    .ok()
                    .map(|c| c.first_or_default_col(0));
                move |doc: DocId, score: Score| match &col {
                    Some(c) if c.get_val(doc) == 1 => score * STATEMENT_BOOST,
                    _ => score,
                }
            });
        let (top, total, facets) = match req.facets {
            None => {
                let (top, total) = searcher.search(&query, &(top, Count))?;
                (top, total, None)
            }
            Some(k) => {
                let parent = self.topic_parent(req.filters.topic.as_deref())?;
                // A warmed table serves only the searcher it was read from.
                let (top, total, page) = match self.table_for(&searcher) {
                    Some(table) => {
                        let counter = TableCounts::new(table, k, &parent);
                        searcher.search(&query, &(top, Count, counter))?
                    }
                    None => {
                        let counter = PageCounts::new(k.max(1), &parent);
                        searcher.search(&query, &(top, Count, counter))?
                    }
                };
                (top, total, Some(PageFacets::of(page, &parent)))
            }
        };
        let page = Ranks {
            first_rank: offset - skip + 1,
            skip,
            limit,
        };
        let hits = self.read_hits(&searcher, &*query, top, req, page)?;
        Ok(Results {
            total,
            hits,
            facets,
        })
    }

    /// Reads the ranked documents `top` into hits with their snippets: with `collapse`, one hit
    /// per statement cluster, each with the number of other articles holding it.
    fn read_hits(
        &self,
        searcher: &tantivy::Searcher,
        query: &dyn Query,
        top: Vec<(Score, DocAddress)>,
        req: &Request,
        page: Ranks,
    ) -> Result<Vec<Hit>> {
        let mut gen = SnippetGenerator::create(searcher, query, self.fields.text)?;
        gen.set_max_num_chars(req.snippet_chars.max(MIN_SNIPPET_CHARS));
        let mut hits: Vec<Hit> = Vec::with_capacity(page.limit);
        for (score, addr) in top {
            if hits.len() == page.skip + page.limit {
                break;
            }
            let rank = page.first_rank + hits.len();
            let mut h = self.hit(searcher, &gen, addr, rank, score, req.snippet_chars)?;
            if req.collapse && !h.kind.is_passage() {
                if let Some(c) = h.cluster {
                    if hits.iter().any(|x| x.cluster == Some(c)) {
                        continue;
                    }
                    let arts = self.cluster_articles(c, MAX_CLUSTER_ARTICLES)?;
                    h.also_in = Some(arts.iter().filter(|a| **a != h.article).count() as u64);
                }
            }
            hits.push(h);
        }
        hits.drain(..page.skip.min(hits.len()));
        Ok(hits)
    }
}

/// Which of the ranked documents make the page: the rank of the first one read, how many of
/// those to drop (collapsing skips the offset itself), and how many to keep.
#[derive(Clone, Copy)]
struct Ranks {
    first_rank: usize,
    skip: usize,
    limit: usize,
}

/// The most articles of a statement's cluster looked at to count where else it was said.
const MAX_CLUSTER_ARTICLES: usize = 1000;
