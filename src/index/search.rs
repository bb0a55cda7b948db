//! Searching the index: query parsing, facet filters, ranking, snippets and highlight ranges.
//!
//! A [`Searcher`] answers a [`Request`] with [`Hit`]s ranked by BM25, statements boosted over
//! passages (see [`STATEMENT_BOOST`]). Filters (`--speaker`, `--country`, ...) are resolved against
//! the values the index actually holds, case-insensitively, and combined with the query.

use std::ops::{Bound, Range};
use std::path::Path;

use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{Facet, Field, IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{
    DocAddress, DocId, DocSet, Index, IndexReader, ReloadPolicy, Score, SegmentOrdinal,
    SegmentReader, TantivyDocument, Term, TERMINATED,
};

use super::context::{hit_id, Paragraph};
use super::count::{GlobalNames, PageCounts};
use super::facets::FacetCount;
use super::query::{any_of, facet_values, FacetKind};
use super::schema::{day_to_tantivy, format_day, Fields, SECONDS_A_DAY};
use super::writer::ARTICLE_KIND;
use super::{IndexError, Result};
use crate::dates::{bound, DateError, End, YEARS};
use crate::statement::SpeakerFound;

/// Statements score this many times their BM25 score, so that when a statement and the passage
/// holding it match equally, the statement (with its speaker) ranks first.
pub const STATEMENT_BOOST: Score = 1.25;

/// Weight of a match in the live-blog entry headline, against 1 for the text itself.
pub const ENTRY_BOOST: Score = 0.3;

/// Weight of a match in a statement's topic names, against 1 for the text itself.
pub const TOPIC_BOOST: Score = 0.5;

/// The most hits one search returns: a larger [`Request::limit`] is taken as this, so that
/// nothing is allocated in proportion to a number a user gives.
pub const MAX_LIMIT: usize = 10_000;

/// Which documents to return.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum KindFilter {
    /// Direct quotations.
    Direct,
    /// Reported speech.
    Indirect,
    /// Any statement (direct or indirect).
    Statement,
    /// Paragraphs and other passages.
    Passage,
    /// One document per article holding its headline and address (for `title:` queries).
    Article,
}

/// One country of a speaker and the evidence for it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CountryOf {
    /// The country.
    pub country: String,
    /// `cue`, `knowledge base`, `index`, `outlet` or `article`.
    pub evidence: String,
}

/// Filters shared by every query command.
#[derive(Clone, Debug, Default)]
pub struct Filters {
    /// Speaker: a surname or any alias seen.
    pub speaker: Option<String>,
    /// Speaker's country.
    pub country: Option<String>,
    /// Topic: a path (`economy/sanctions`), a top level (`economy`) or a leaf (`sanctions`).
    pub topic: Option<String>,
    /// Document kind.
    pub kind: Option<KindFilter>,
    /// Outlet (case-insensitive substring).
    pub source: Option<String>,
    /// First day, inclusive: `YYYY` (from its first day), `YYYY-MM` or `YYYY-MM-DD`.
    pub since: Option<String>,
    /// Last day, inclusive: `YYYY` (to its last day), `YYYY-MM` or `YYYY-MM-DD`.
    pub until: Option<String>,
    /// Only statements whose speaker is named in their own sentence (not a pronoun, a role
    /// noun or an earlier paragraph's speaker).
    pub named_only: bool,
}

impl Filters {
    /// The first and last days of `since` and `until` (`YYYY`, `YYYY-MM`, `YYYY-MM-DD` or any
    /// publication date form), or an error naming the flag.
    pub fn days(&self) -> Result<(Option<jiff::civil::Date>, Option<jiff::civil::Date>)> {
        let day = |s: &Option<String>, flag: &str, end: End| -> Result<_> {
            s.as_deref()
                .map(|s| {
                    bound(s, end).map_err(|e| {
                        let why = match e {
                            DateError::Impossible => "is not a day of the calendar",
                            DateError::Unreadable => "is not a date",
                        };
                        IndexError::Filter(format!(
                            "{flag} '{s}' {why}: use YYYY, YYYY-MM or YYYY-MM-DD (years {} to {})",
                            YEARS.start(),
                            YEARS.end()
                        ))
                    })
                })
                .transpose()
        };
        Ok((
            day(&self.since, "--since", End::First)?,
            day(&self.until, "--until", End::Last)?,
        ))
    }
}

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

/// One ranked result.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Hit {
    /// The hit's id, `ARTICLE:START-END`: `whosaid show ID` prints it in its article.
    pub id: String,
    /// 1-based rank.
    pub rank: usize,
    /// Ranking score (BM25, statements boosted).
    pub score: f32,
    /// `direct`, `indirect` or `passage`.
    pub kind: String,
    /// The statement's words or the passage's text.
    pub text: String,
    /// The canonical speaker.
    pub speaker: Option<String>,
    /// Every name the article used for the speaker.
    pub aliases: Vec<String>,
    /// The speaker's role as written.
    pub role: Option<String>,
    /// The speaker's countries.
    pub country: Vec<String>,
    /// Each country with its evidence (`cue`, `knowledge base`, `index`, `outlet`,
    /// `article`).
    pub country_evidence: Vec<CountryOf>,
    /// How the speaker was found: `named` (in the statement's own sentence), `pronoun`,
    /// `role` or `earlier`.
    pub found: Option<String>,
    /// Topic paths.
    pub topics: Vec<String>,
    /// The cue word.
    pub cue: Option<String>,
    /// Article id.
    pub article: String,
    /// Article headline.
    pub title: String,
    /// Live-blog entry headline.
    pub entry: Option<String>,
    /// Outlet.
    pub source: Option<String>,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Article address.
    pub url: Option<String>,
    /// Where the article was read.
    pub path: String,
    /// Byte range of `text` in the article.
    pub start: u64,
    /// End of that range.
    pub end: u64,
    /// A fragment of `text` around the matched words.
    pub snippet: String,
    /// Byte offset of `snippet` in `text`.
    pub snippet_start: usize,
    /// Byte ranges of the matched words in `snippet`.
    pub highlights: Vec<[usize; 2]>,
    /// The same ranges as byte offsets in the article text.
    pub article_highlights: Vec<[u64; 2]>,
    /// The statement's cluster: statements with the same words share it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster: Option<u64>,
    /// With `collapse`: how many other articles hold the same statement.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub also_in: Option<u64>,
    /// When asked for ([`Searcher::context`]): the statement in its paragraph, with sentences
    /// of context.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context: Option<Vec<Paragraph>>,
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

/// A searcher over one index.
pub struct Searcher {
    dir: std::path::PathBuf,
    index: Index,
    reader: IndexReader,
    fields: Fields,
    /// With [`Searcher::warm`]: the global names of the flat facet fields a results page counts.
    names: std::sync::RwLock<Vec<std::sync::Arc<GlobalNames>>>,
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
            names: Default::default(),
        })
    }

    /// Prepares for many queries, as a long-lived process would: reads the names of the speaker
    /// and country facets of every segment once, so that the facet counts of a results page
    /// ([`Request::facets`]) need no dictionary lookups. Costs tens of milliseconds on a large
    /// index; a process answering one query is better off without it.
    pub fn warm(&self) -> Result<()> {
        super::guard(&self.index, &self.dir, || {
            let searcher = self.reader.searcher();
            let names = vec![
                std::sync::Arc::new(GlobalNames::build(&searcher, "speaker_facet")?),
                std::sync::Arc::new(GlobalNames::build(&searcher, "country")?),
            ];
            if let Ok(mut n) = self.names.write() {
                *n = names;
            }
            Ok(())
        })
    }

    /// Warms again ([`Searcher::warm`]) when a new commit was read since the last warming;
    /// returns true if and only if it did. A long-lived process calls it now and then.
    pub fn rewarm_if_stale(&self) -> Result<bool> {
        let searcher = self.reader.searcher();
        let stale = self
            .names
            .read()
            .map(|n| n.is_empty() || n.iter().any(|g| !g.covers(&searcher)))
            .unwrap_or(true);
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

    /// Parses `query` (empty or `*`: everything; see [`crate::query`]) into a tantivy query.
    pub fn parse_query(&self, query: &str) -> Result<Box<dyn Query>> {
        let node = crate::query::parse(query)
            .map_err(|e| IndexError::Query(format!("{e} in `{}`", super::abbreviate(query))))?;
        self.compile(&node)?.ok_or_else(|| {
            IndexError::Query(format!(
                "`{}` holds no words to search for (`*` matches everything)",
                super::abbreviate(query)
            ))
        })
    }

    /// The query with every filter applied: what all query commands run. Returns `Ok(None)` when
    /// a filter value matches nothing in the index (so nothing can be found), with the reason.
    pub fn build(
        &self,
        query: &str,
        filters: &Filters,
    ) -> Result<std::result::Result<Box<dyn Query>, String>> {
        let f = &self.fields;
        let everything = crate::query::parse(query).is_ok_and(|n| n == crate::query::Node::All);
        let mut must: Vec<Box<dyn Query>> = vec![self.parse_query(query)?];
        if let Some(sp) = &filters.speaker {
            must.push(self.speaker_filter(sp)?);
        }
        let facets = [
            (FacetKind::Country, &filters.country),
            (FacetKind::Topic, &filters.topic),
            (FacetKind::Source, &filters.source),
        ];
        for (kind, value) in facets {
            if let Some(v) = value {
                match self.facet_filter(kind, v)? {
                    Some(q) => must.push(q),
                    None => return Ok(Err(format!("no {} '{v}' in the index", kind.root()))),
                }
            }
        }
        if let Some(k) = filters.kind {
            let term = |v: &str| -> Box<dyn Query> {
                Box::new(TermQuery::new(
                    Term::from_field_text(f.kind, v),
                    IndexRecordOption::Basic,
                ))
            };
            must.push(match k {
                KindFilter::Direct => term("direct"),
                KindFilter::Indirect => term("indirect"),
                KindFilter::Passage => term("passage"),
                KindFilter::Article => term(ARTICLE_KIND),
                KindFilter::Statement => any_of(vec![term("direct"), term("indirect")]),
            });
        }
        if filters.named_only {
            must.push(Box::new(TermQuery::new(
                Term::from_field_text(f.found, SpeakerFound::Named.as_str()),
                IndexRecordOption::Basic,
            )));
        }
        let (since, until) = filters.days()?;
        let lower = match since {
            Some(d) => Bound::Included(Term::from_field_date(f.date, day_to_tantivy(d))),
            None => Bound::Unbounded,
        };
        let upper = match until {
            Some(d) => {
                let next = day_to_tantivy(d).into_timestamp_secs() + SECONDS_A_DAY;
                let next = tantivy::DateTime::from_timestamp_secs(next);
                Bound::Excluded(Term::from_field_date(f.date, next))
            }
            None => Bound::Unbounded,
        };
        if !matches!((&lower, &upper), (Bound::Unbounded, Bound::Unbounded)) {
            must.push(Box::new(RangeQuery::new(lower, upper)));
        }
        if everything && must.len() > 1 {
            // Matching everything adds nothing to a filter but work.
            must.remove(0);
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> =
            must.into_iter().map(|q| (Occur::Must, q)).collect();
        if filters.kind.is_none() {
            // The per-article documents hold metadata, not text anyone said.
            clauses.push((
                Occur::MustNot,
                Box::new(TermQuery::new(
                    Term::from_field_text(f.kind, ARTICLE_KIND),
                    IndexRecordOption::Basic,
                )),
            ));
        }
        Ok(Ok(Box::new(BooleanQuery::new(clauses))))
    }

    /// Runs a search. Damaged index files are reported as [`IndexError::Damaged`], never as a
    /// panic (see [`super::guard`]).
    pub fn search(&self, req: &Request) -> Result<Results> {
        self.search_from(req, 0)
    }

    /// Runs a search and returns the hits ranked after the first `offset` (at most
    /// [`MAX_LIMIT`] hits are ranked in all); ranks count from `offset + 1`.
    pub fn search_from(&self, req: &Request, offset: usize) -> Result<Results> {
        super::guard(&self.index, &self.dir, || {
            let mut res = self.search_unguarded(req, offset)?;
            super::who::fill_speaker_countries(self, &mut res.hits)?;
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
                // Warmed names serve only the searcher they were read from.
                let names: Vec<_> = self
                    .names
                    .read()
                    .map(|n| n.iter().filter(|g| g.covers(&searcher)).cloned().collect())
                    .unwrap_or_default();
                let counter = PageCounts::new(k.max(1), &parent, &names);
                let (top, total, page) = searcher.search(&query, &(top, Count, counter))?;
                let list = |v: Vec<(String, u64)>| {
                    v.into_iter()
                        .map(|(value, count)| FacetCount { value, count })
                        .collect()
                };
                let facets = PageFacets {
                    statements: page.statements,
                    speaker: list(page.speakers),
                    country: list(page.countries),
                    topic: list(page.topics),
                    topic_parent: parent.to_path_string(),
                };
                (top, total, Some(facets))
            }
        };
        let mut gen = SnippetGenerator::create(&searcher, &*query, self.fields.text)?;
        gen.set_max_num_chars(req.snippet_chars.max(20));
        let mut hits: Vec<Hit> = Vec::with_capacity(limit);
        for (score, addr) in top {
            if hits.len() == skip + limit {
                break;
            }
            let mut h = self.hit(
                &searcher,
                &gen,
                addr,
                offset - skip + hits.len() + 1,
                score,
                req.snippet_chars,
            )?;
            if req.collapse && h.kind != "passage" {
                if let Some(c) = h.cluster {
                    if hits.iter().any(|x| x.cluster == Some(c)) {
                        continue;
                    }
                    let arts = self.cluster_articles(c, 1000)?;
                    h.also_in = Some(arts.iter().filter(|a| **a != h.article).count() as u64);
                }
            }
            hits.push(h);
        }
        hits.drain(..skip.min(hits.len()));
        Ok(Results {
            total,
            hits,
            facets,
        })
    }

    /// Reads one stored document into a [`Hit`], with its snippet.
    pub fn hit(
        &self,
        searcher: &tantivy::Searcher,
        gen: &SnippetGenerator,
        addr: DocAddress,
        rank: usize,
        score: Score,
        snippet_chars: usize,
    ) -> Result<Hit> {
        let f = &self.fields;
        let doc: TantivyDocument = searcher.doc(addr)?;
        let s = |field: Field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        let u = |field: Field| doc.get_first(field).and_then(|v| v.as_u64()).unwrap_or(0);
        let facets = |field: Field| -> Vec<String> {
            doc.get_all(field)
                .filter_map(|v| {
                    v.as_facet()
                        .map(|e| Facet::from_encoded(e.as_bytes().to_vec()))
                })
                .filter_map(|r| r.ok())
                .map(|fc| fc.to_path()[1..].join("/"))
                .collect()
        };
        let text = s(f.text).unwrap_or_default();
        let start = u(f.start);
        let article = s(f.article).unwrap_or_default();
        let meta = self.article_doc(searcher, &article, Some(addr.segment_ord))?;
        let m = |field: Field| {
            meta.as_ref()
                .and_then(|d| d.get_first(field))
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        let snip = gen.snippet(&text);
        let (snippet, highlights, offset) = if snip.is_empty() {
            let mut end = text.len().min(snippet_chars.max(20));
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            (text[..end].to_string(), vec![], 0)
        } else {
            let hl: Vec<[usize; 2]> = snip
                .highlighted()
                .iter()
                .map(|r: &Range<usize>| [r.start, r.end])
                .collect();
            (snip.fragment().to_string(), hl, snip.fragment_range().start)
        };
        let article_highlights = highlights
            .iter()
            .map(|[a, b]| [start + (offset + a) as u64, start + (offset + b) as u64])
            .collect();
        let end = u(f.end);
        Ok(Hit {
            id: hit_id(&article, start, end),
            rank,
            score,
            kind: s(f.kind).unwrap_or_default(),
            speaker: s(f.speaker),
            aliases: doc
                .get_all(f.aliases)
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            role: s(f.role),
            country_evidence: facets(f.country_evidence)
                .into_iter()
                .filter_map(|path| {
                    let (country, evidence) = path.rsplit_once('/')?;
                    Some(CountryOf {
                        country: country.to_string(),
                        evidence: evidence.to_string(),
                    })
                })
                .collect(),
            found: s(f.found),
            country: facets(f.country_facet),
            topics: facets(f.topic_facet),
            cue: s(f.cue),
            title: m(f.title).or_else(|| s(f.title)).unwrap_or_default(),
            article,
            entry: s(f.entry),
            source: m(f.source),
            date: doc
                .get_first(f.date)
                .and_then(|v| v.as_datetime())
                .map(format_day),
            url: m(f.url),
            path: m(f.path).unwrap_or_default(),
            start,
            end,
            cluster: doc.get_first(f.cluster).and_then(|v| v.as_u64()),
            also_in: None,
            context: None,
            text,
            snippet,
            snippet_start: offset,
            highlights,
            article_highlights,
        })
    }
}

impl Searcher {
    /// The topic level that facet counts are made at: under the `--topic` filter's topic when
    /// it names a path of the index (`conflict`, `economy/sanctions`), else the top level.
    pub fn topic_parent(&self, topic: Option<&str>) -> Result<Facet> {
        let mut parent = vec!["topic".to_string()];
        if let Some(t) = topic {
            let steps: Vec<String> = t
                .trim()
                .trim_matches('/')
                .split('/')
                .filter(|x| !x.is_empty())
                .map(str::to_lowercase)
                .collect();
            if self.topic_exists(&steps)? {
                parent.extend(steps);
            }
        }
        Ok(Facet::from_path(&parent))
    }

    /// Returns true if and only if `/topic/STEPS...` is a topic (or a parent of topics) in the
    /// index.
    pub fn topic_exists(&self, steps: &[String]) -> Result<bool> {
        if steps.is_empty() {
            return Ok(false);
        }
        let searcher = self.reader.searcher();
        Ok(facet_values(&searcher, self.fields.topic_facet, "topic")?
            .iter()
            .any(|p| {
                p.iter()
                    .map(|s| s.to_lowercase())
                    .collect::<Vec<_>>()
                    .starts_with(steps)
            }))
    }
}

impl Searcher {
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
