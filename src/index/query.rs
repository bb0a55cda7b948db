//! Building queries: a parsed query ([`crate::query::Node`]) and the filter flags turned into one
//! tantivy query ([`Searcher::build`]), and facet values (`--country`, `country:`...) resolved
//! against the values the index holds.
//!
//! A word goes through the field's analyzer: one term is a term query, several (`O'Neill`,
//! `Ocasio-Cortez`, `9/11`) a phrase of them, none (`-`, `…`) no condition at all. Words search
//! the text, the live-blog entry headline ([`ENTRY_BOOST`]) and the topic names
//! ([`TOPIC_BOOST`]); `title:` finds the articles whose headline matches and stands for their
//! documents.

use std::ops::Bound;
use tantivy::collector::DocSetCollector;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, EmptyQuery, Occur, PhraseQuery, Query, TermQuery,
    TermSetQuery,
};

use tantivy::query::RangeQuery;
use tantivy::schema::{Facet, Field, IndexRecordOption, Value};
use tantivy::{Score, TantivyDocument, Term};

use super::schema::{day_to_tantivy, SECONDS_A_DAY};
use super::searcher::Searcher;
use super::types::{DocKind, Filters, KindFilter};
use super::writer::ARTICLE_KIND;
use super::{IndexError, Result};
use crate::names::name_key;
use crate::query::{Node, QueryField};
use crate::statement::SpeakerFound;

/// Statements score this many times their BM25 score, so that when a statement and the passage
/// holding it match equally, the statement (with its speaker) ranks first.
pub const STATEMENT_BOOST: Score = 1.25;

/// Weight of a match in the live-blog entry headline, against 1 for the text itself.
pub const ENTRY_BOOST: Score = 0.3;

/// Weight of a match in a statement's topic names, against 1 for the text itself.
pub const TOPIC_BOOST: Score = 0.5;

/// The most articles a `title:` condition stands for; a title word more common than that (in a
/// very large index) keeps the first ones found.
pub const MAX_TITLE_ARTICLES: usize = 200_000;

/// A facet field a filter or a `field:` condition names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FacetKind {
    /// `/country/NAME`: the value matches a country case-insensitively.
    Country,
    /// `/topic/PATH`: a path, its top level or its leaf.
    Topic,
    /// `/source/NAME`: outlets whose name contains the value.
    Source,
}

impl FacetKind {
    /// The facet root.
    pub fn root(self) -> &'static str {
        match self {
            FacetKind::Country => "country",
            FacetKind::Topic => "topic",
            FacetKind::Source => "source",
        }
    }

    fn field(self, s: &Searcher) -> Field {
        let f = s.fields();
        match self {
            FacetKind::Country => f.country_facet,
            FacetKind::Topic => f.topic_facet,
            FacetKind::Source => f.source_facet,
        }
    }

    /// Returns true if and only if the facet path `p` (without the root) is matched by `want`
    /// (folded).
    fn matches(self, p: &[String], want: &str) -> bool {
        match self {
            FacetKind::Country => p.len() == 1 && p[0].to_lowercase() == want,
            FacetKind::Source => p.len() == 1 && p[0].to_lowercase().contains(want),
            FacetKind::Topic => {
                let want: Vec<&str> = want.split('/').collect();
                let lower: Vec<String> = p.iter().map(|s| s.to_lowercase()).collect();
                let lower: Vec<&str> = lower.iter().map(String::as_str).collect();
                lower == want
                    || (want.len() == 1 && lower.last() == want.last())
                    || lower.starts_with(&want)
            }
        }
    }
}

/// Folds a filter value for comparison: trimmed, without surrounding slashes, lowercase.
pub fn fold(s: &str) -> String {
    s.trim().trim_matches('/').to_lowercase()
}

/// Values of facets under `/root` in the index, as paths without the root, sorted.
pub fn facet_values(
    searcher: &tantivy::Searcher,
    field: Field,
    root: &str,
) -> Result<Vec<Vec<String>>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    for seg in searcher.segment_readers() {
        let inv = seg.inverted_index(field)?;
        let mut stream = inv.terms().stream().map_err(tantivy::TantivyError::from)?;
        while stream.advance() {
            let Ok(facet) = Facet::from_encoded(stream.key().to_vec()) else {
                continue;
            };
            let path = facet.to_path();
            if path.first() == Some(&root) && path.len() > 1 {
                out.push(path[1..].iter().map(|s| s.to_string()).collect());
            }
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

fn facet_query(field: Field, root: &str, path: &[String]) -> Box<dyn Query> {
    let mut p = vec![root.to_string()];
    p.extend(path.iter().cloned());
    Box::new(TermQuery::new(
        Term::from_facet(field, &Facet::from_path(p)),
        IndexRecordOption::Basic,
    ))
}

/// Any of the queries (the one itself when alone).
pub fn any_of(mut qs: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    if qs.len() == 1 {
        if let Some(q) = qs.pop() {
            return q;
        }
    }
    Box::new(BooleanQuery::new(
        qs.into_iter().map(|q| (Occur::Should, q)).collect(),
    ))
}

impl Searcher {
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
            must.push(self.kind_filter(k));
        }
        if filters.named_only {
            must.push(Box::new(TermQuery::new(
                Term::from_field_text(f.found, SpeakerFound::Named.as_str()),
                IndexRecordOption::Basic,
            )));
        }
        if let Some(q) = self.date_filter(filters)? {
            must.push(q);
        }
        if everything && must.len() > 1 {
            // Matching everything adds nothing to a filter but work.
            must.remove(0);
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> =
            must.into_iter().map(|q| (Occur::Must, q)).collect();
        if filters.kind.is_none() {
            // The per-article documents hold metadata, not text anyone said.
            clauses.push((Occur::MustNot, self.kind_term(ARTICLE_KIND)));
        }
        Ok(Ok(Box::new(BooleanQuery::new(clauses))))
    }

    /// The documents of stored kind `kind` (`direct`, `passage`, `article`...).
    fn kind_term(&self, kind: &str) -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(self.fields.kind, kind),
            IndexRecordOption::Basic,
        ))
    }

    /// The documents the `--kind` filter `k` keeps.
    fn kind_filter(&self, k: KindFilter) -> Box<dyn Query> {
        match k {
            KindFilter::Direct => self.kind_term(DocKind::Direct.as_str()),
            KindFilter::Indirect => self.kind_term(DocKind::Indirect.as_str()),
            KindFilter::Passage => self.kind_term(DocKind::Passage.as_str()),
            KindFilter::Article => self.kind_term(ARTICLE_KIND),
            KindFilter::Statement => any_of(vec![
                self.kind_term(DocKind::Direct.as_str()),
                self.kind_term(DocKind::Indirect.as_str()),
            ]),
        }
    }

    /// The documents dated within the filters' days (`--since`, `--until`, both included), or
    /// `None` when they set no day.
    fn date_filter(&self, filters: &Filters) -> Result<Option<Box<dyn Query>>> {
        let f = &self.fields;
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
        if matches!((&lower, &upper), (Bound::Unbounded, Bound::Unbounded)) {
            return Ok(None);
        }
        Ok(Some(Box::new(RangeQuery::new(lower, upper))))
    }

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

    /// The documents whose `kind` facet value matches `value`, or `None` when no value of the
    /// index does.
    pub fn facet_filter(&self, kind: FacetKind, value: &str) -> Result<Option<Box<dyn Query>>> {
        let field = kind.field(self);
        let want = fold(value);
        let vals: Vec<Vec<String>> = facet_values(&self.searcher(), field, kind.root())?
            .into_iter()
            .filter(|p| kind.matches(p, &want))
            .collect();
        if vals.is_empty() || want.is_empty() {
            return Ok(None);
        }
        Ok(Some(any_of(
            vals.iter()
                .map(|p| facet_query(field, kind.root(), p))
                .collect(),
        )))
    }

    /// The statements of a speaker: every word of the name's key among the speaker's keys.
    pub fn speaker_filter(&self, name: &str) -> Result<Box<dyn Query>> {
        let key = name_key(name);
        if key.is_empty() {
            return Err(IndexError::Filter(format!(
                "--speaker '{name}' holds no name"
            )));
        }
        let f = self.fields();
        let terms: Vec<Box<dyn Query>> = key
            .split(' ')
            .map(|k| {
                Box::new(TermQuery::new(
                    Term::from_field_text(f.speaker_keys, k),
                    IndexRecordOption::Basic,
                )) as Box<dyn Query>
            })
            .collect();
        Ok(Box::new(BooleanQuery::intersection(terms)))
    }

    /// The query of a parsed query tree; `None` when it sets no condition (only punctuation).
    pub fn compile(&self, node: &Node) -> Result<Option<Box<dyn Query>>> {
        match node {
            Node::All => Ok(Some(Box::new(AllQuery))),
            Node::Word(field, text) | Node::Phrase(field, text) => self.leaf(*field, text),
            Node::Not(inner) => Ok(self.compile(inner)?.map(|q| {
                Box::new(BooleanQuery::new(vec![
                    (Occur::Must, Box::new(AllQuery) as Box<dyn Query>),
                    (Occur::MustNot, q),
                ])) as Box<dyn Query>
            })),
            Node::Or(children) => {
                let mut any = Vec::new();
                for c in children {
                    any.extend(self.compile(c)?);
                }
                Ok((!any.is_empty()).then(|| any_of(any)))
            }
            Node::And(children) => self.all_of(children),
        }
    }

    /// All of `children`: negations become exclusions, and a conjunction of exclusions alone
    /// excludes from everything.
    fn all_of(&self, children: &[Node]) -> Result<Option<Box<dyn Query>>> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for c in children {
            let (occur, q) = match c {
                Node::Not(inner) => (Occur::MustNot, self.compile(inner)?),
                other => (Occur::Must, self.compile(other)?),
            };
            clauses.extend(q.map(|q| (occur, q)));
        }
        if clauses.is_empty() {
            return Ok(None);
        }
        if clauses.iter().all(|(o, _)| *o == Occur::MustNot) {
            clauses.push((Occur::Must, Box::new(AllQuery)));
        }
        if clauses.len() == 1 && clauses[0].0 == Occur::Must {
            return Ok(clauses.pop().map(|(_, q)| q));
        }
        Ok(Some(Box::new(BooleanQuery::new(clauses))))
    }

    /// One word or phrase in a field, or in the default fields.
    fn leaf(&self, field: Option<QueryField>, text: &str) -> Result<Option<Box<dyn Query>>> {
        let f = self.fields();
        let nothing = || Some(Box::new(EmptyQuery) as Box<dyn Query>);
        let Some(field) = field else {
            let weighted = [
                (f.text, 1.0),
                (f.entry, ENTRY_BOOST),
                (f.topic_text, TOPIC_BOOST),
            ];
            return self.words(&weighted, text);
        };
        Ok(match field {
            QueryField::Text => self.words(&[(f.text, 1.0)], text)?,
            QueryField::Entry => self.words(&[(f.entry, 1.0)], text)?,
            QueryField::Role => self.words(&[(f.role, 1.0)], text)?,
            QueryField::Title => match self.words(&[(f.title, 1.0)], text)? {
                Some(q) => Some(self.title_articles(q)?),
                None => None,
            },
            QueryField::Speaker if name_key(text).is_empty() => None,
            QueryField::Speaker => Some(self.speaker_filter(text)?),
            QueryField::Country => self
                .facet_filter(FacetKind::Country, text)?
                .or_else(nothing),
            QueryField::Topic => self.facet_filter(FacetKind::Topic, text)?.or_else(nothing),
            QueryField::Source => self.facet_filter(FacetKind::Source, text)?.or_else(nothing),
        })
    }

    /// The words of `text` in each field (with its weight): a term, or a phrase of the terms
    /// when the analyzer cuts it in several. Fields without positions take single terms only.
    fn words(&self, fields: &[(Field, Score)], text: &str) -> Result<Option<Box<dyn Query>>> {
        let mut any: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for &(field, weight) in fields {
            let terms = self.analyze_in(field, text)?;
            let q: Box<dyn Query> = match terms.len() {
                0 => return Ok(None),
                1 => Box::new(TermQuery::new(
                    Term::from_field_text(field, &terms[0].1),
                    IndexRecordOption::WithFreqs,
                )),
                _ if !self.has_positions(field) => continue,
                _ => Box::new(PhraseQuery::new_with_offset(
                    terms
                        .iter()
                        .map(|(pos, t)| (*pos, Term::from_field_text(field, t)))
                        .collect(),
                )),
            };
            let q = if weight == 1.0 {
                q
            } else {
                Box::new(BoostQuery::new(q, weight))
            };
            any.push((Occur::Should, q));
        }
        if any.len() == 1 {
            return Ok(any.pop().map(|(_, q)| q));
        }
        Ok(Some(Box::new(BooleanQuery::new(any))))
    }

    fn has_positions(&self, field: Field) -> bool {
        let schema = self.searcher().schema().clone();
        match schema.get_field_entry(field).field_type() {
            tantivy::schema::FieldType::Str(o) => o
                .get_indexing_options()
                .is_some_and(|i| i.index_option().has_positions()),
            _ => false,
        }
    }

    /// The terms the analyzer of `field` makes of `text`, with their positions.
    pub fn analyze_in(&self, field: Field, text: &str) -> Result<Vec<(usize, String)>> {
        let mut analyzer = self.tantivy_index().tokenizer_for_field(field)?;
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            let t = stream.token();
            out.push((t.position, t.text.clone()));
        }
        Ok(out)
    }

    /// The documents of the articles whose own document (the one holding the headline) `title`
    /// matches; the headline's match is scored too.
    fn title_articles(&self, title: Box<dyn Query>) -> Result<Box<dyn Query>> {
        let f = self.fields();
        let heads = BooleanQuery::new(vec![
            (Occur::Must, title.box_clone()),
            (
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(f.kind, ARTICLE_KIND),
                    IndexRecordOption::Basic,
                )),
            ),
        ]);
        let searcher = self.searcher();
        let found = searcher.search(&heads, &DocSetCollector)?;
        let mut ids = Vec::new();
        for addr in found.into_iter().take(MAX_TITLE_ARTICLES) {
            let doc: TantivyDocument = searcher.doc(addr)?;
            if let Some(id) = doc.get_first(f.article).and_then(|v| v.as_str()) {
                ids.push(Term::from_field_text(f.article, id));
            }
        }
        Ok(Box::new(BooleanQuery::new(vec![
            (Occur::Must, Box::new(TermSetQuery::new(ids))),
            (Occur::Should, title),
        ])))
    }
}
