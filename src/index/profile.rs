//! Speaker profiles: everything the index knows of one speaker — canonical name, aliases and roles
//! seen, countries, number of statements, topics, first and last dates, latest statements.

use std::ops::Bound;

use serde::Serialize;
use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{Facet, IndexRecordOption};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DateTime, Order, Term};

use super::count::CountBy;
use super::facets::FacetCount;
use super::schema::parse_day;
use super::search::{Filters, Hit, KindFilter, Searcher};
use super::speakers::identity_key;
use super::writer::facet_step;
use super::Result;
use crate::statement::SpeakerFound;

/// A speaker's profile.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Profile {
    /// The canonical name.
    pub speaker: String,
    /// Other speakers the name also matched, with their statement counts.
    pub also_matched: Vec<FacetCount>,
    /// Names the articles used, most frequent first.
    pub aliases: Vec<FacetCount>,
    /// Roles as written, most frequent first.
    pub roles: Vec<FacetCount>,
    /// Countries.
    pub countries: Vec<FacetCount>,
    /// Each country with the evidence behind it, and on how many statements.
    pub country_evidence: Vec<EvidenceCount>,
    /// How the speaker was found in its statements (`named`, `pronoun`, `role`, `earlier`),
    /// most frequent first.
    pub found: Vec<FacetCount>,
    /// Statements in the index.
    pub statements: u64,
    /// Topics, most frequent first.
    pub topics: Vec<FacetCount>,
    /// Date of the earliest dated statement.
    pub first_date: Option<String>,
    /// Date of the latest.
    pub last_date: Option<String>,
    /// The latest statements, newest first.
    pub latest: Vec<Hit>,
}

/// How many of a speaker's statements carry a country on one kind of evidence.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct EvidenceCount {
    /// The country.
    pub country: String,
    /// `cue`, `knowledge base`, `index`, `outlet` or `article`.
    pub evidence: String,
    /// Statements.
    pub count: u64,
}

/// The evidence behind each of `countries` on the statements `q` matches.
fn evidence_counts(
    searcher: &tantivy::Searcher,
    q: &dyn Query,
    countries: &[FacetCount],
) -> Result<Vec<EvidenceCount>> {
    if countries.is_empty() {
        return Ok(Vec::new());
    }
    let mut c = FacetCollector::for_field("country_evidence");
    for country in countries {
        c.add_facet(Facet::from_path([
            "country_evidence",
            &facet_step(&country.value),
        ]));
    }
    let fc = searcher.search(q, &c)?;
    let mut out = Vec::new();
    for country in countries {
        let root = Facet::from_path(["country_evidence", &facet_step(&country.value)]);
        for (f, count) in fc.top_k(root, EVIDENCE_KINDS) {
            let path = f.to_path();
            if let [_, c, e] = path[..] {
                out.push(EvidenceCount {
                    country: c.to_string(),
                    evidence: e.to_string(),
                    count,
                });
            }
        }
    }
    Ok(out)
}

/// The kinds of country evidence.
const EVIDENCE_KINDS: usize = 5;

/// How the speaker of the statements `q` matches was found, most frequent first.
fn found_counts(
    s: &Searcher,
    searcher: &tantivy::Searcher,
    q: &dyn Query,
) -> Result<Vec<FacetCount>> {
    let mut out = Vec::new();
    for how in [
        SpeakerFound::Named,
        SpeakerFound::Pronoun,
        SpeakerFound::Role,
        SpeakerFound::Earlier,
    ] {
        let term: Box<dyn Query> = Box::new(TermQuery::new(
            Term::from_field_text(s.fields().found, how.as_str()),
            IndexRecordOption::Basic,
        ));
        let both = BooleanQuery::new(vec![(Occur::Must, q.box_clone()), (Occur::Must, term)]);
        let count = searcher.search(&both, &Count)? as u64;
        if count > 0 {
            out.push(FacetCount {
                value: how.as_str().to_string(),
                count,
            });
        }
    }
    out.sort_by_key(|c| std::cmp::Reverse(c.count));
    Ok(out)
}

fn counts(fc: &tantivy::collector::FacetCounts, root: &str, k: usize) -> Vec<FacetCount> {
    fc.top_k(Facet::from_path([root]), k)
        .into_iter()
        .map(|(f, c)| FacetCount {
            value: f.to_path()[1..].join("/"),
            count: c,
        })
        .collect()
}

/// The profile of the speaker best matching `name` (a surname or any alias), or `None` when no
/// statement of such a speaker matches the filters.
pub fn profile(
    s: &Searcher,
    name: &str,
    filters: &Filters,
    latest: usize,
) -> Result<Option<Profile>> {
    let f = s.fields();
    let mut filters = filters.clone();
    filters.speaker = Some(name.to_string());
    if filters.kind.is_none() {
        filters.kind = Some(KindFilter::Statement);
    }
    let q = match s.build("", &filters)? {
        Ok(q) => q,
        Err(_) => return Ok(None),
    };
    let searcher = s.searcher();
    // Which canonical speakers does the name match? For a full name, the speaker of that very
    // name wins; otherwise (a bare surname) the one with most statements.
    let mut matched: Vec<FacetCount> = searcher
        .search(&q, &CountBy::new("speaker_facet").top(50))?
        .into_iter()
        .take(50)
        .map(|(value, count)| FacetCount { value, count })
        .collect();
    if matched.is_empty() {
        return Ok(None);
    }
    let want = identity_key(name);
    let full = want.contains(' ');
    matched.sort_by(|a, b| {
        let ea = full && identity_key(&a.value) == want;
        let eb = full && identity_key(&b.value) == want;
        eb.cmp(&ea).then(b.count.cmp(&a.count))
    });
    let chosen = matched.remove(0);
    matched.truncate(10);
    let only: Box<dyn Query> = Box::new(TermQuery::new(
        Term::from_facet(
            f.speaker_facet,
            &Facet::from_path(["speaker", &facet_step(&chosen.value)]),
        ),
        IndexRecordOption::Basic,
    ));
    let q: Box<dyn Query> = Box::new(BooleanQuery::new(vec![
        (Occur::Must, q),
        (Occur::Must, only),
    ]));
    let facet = |field: &str, root: &str| {
        let mut c = FacetCollector::for_field(field);
        c.add_facet(Facet::from_path([root]));
        c
    };
    let latest_n = latest.clamp(1, super::search::MAX_LIMIT);
    let ((n, aliases, roles), (countries, topics, newest)) = searcher.search(
        &q,
        &(
            (
                Count,
                CountBy::new("alias").top(20),
                CountBy::new("role_facet").top(10),
            ),
            (
                CountBy::new("country").top(10),
                facet("topic", "topic"),
                TopDocs::with_limit(latest_n).order_by_fast_field::<DateTime>("date", Order::Desc),
            ),
        ),
    )?;
    let top = |v: Vec<(String, u64)>, k: usize| -> Vec<FacetCount> {
        v.into_iter()
            .take(k)
            .map(|(value, count)| FacetCount { value, count })
            .collect()
    };
    let floor = parse_day("1700-01-01").map(|d| Term::from_field_date(f.date, d));
    let dated: Box<dyn Query> = match floor {
        Some(t) => Box::new(BooleanQuery::new(vec![
            (Occur::Must, q.box_clone()),
            (
                Occur::Must,
                Box::new(RangeQuery::new(Bound::Included(t), Bound::Unbounded)),
            ),
        ])),
        None => q.box_clone(),
    };
    let oldest = searcher.search(
        &dated,
        &TopDocs::with_limit(1).order_by_fast_field::<DateTime>("date", Order::Asc),
    )?;
    let gen = SnippetGenerator::create(&searcher, &*q, f.text)?;
    let mut latest_hits = Vec::new();
    for (i, (_, addr)) in newest.into_iter().enumerate() {
        latest_hits.push(s.hit(&searcher, &gen, addr, i + 1, 0.0, 200)?);
    }
    let last_date = latest_hits.iter().find_map(|h| h.date.clone());
    let first_date = match oldest.first() {
        Some((_, addr)) => s.hit(&searcher, &gen, *addr, 1, 0.0, 20)?.date,
        None => None,
    };
    let countries = top(countries, 10);
    let country_evidence = evidence_counts(&searcher, &*q, &countries)?;
    let found = found_counts(s, &searcher, &*q)?;
    Ok(Some(Profile {
        speaker: chosen.value,
        also_matched: matched,
        aliases: top(aliases, 20),
        roles: top(roles, 10),
        countries,
        country_evidence,
        found,
        statements: n as u64,
        topics: counts(&topics, "topic", 10),
        first_date,
        last_date,
        latest: latest_hits,
    }))
}
