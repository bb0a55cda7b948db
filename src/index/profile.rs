//! Speaker profiles: everything the index knows of one speaker — canonical name, aliases and roles
//! seen, countries, number of statements, topics, first and last dates, latest statements.

use std::ops::Bound;

use serde::Serialize;
use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{Facet, IndexRecordOption};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DateTime, DocAddress, Order, Term};

use super::count::CountBy;
use super::hits::{leading_countries, with_speaker_countries};
use super::schema::parse_day;
use super::searcher::Searcher;
use super::speakers::identity_key;
use super::types::{
    FacetCount, Filters, Hit, KindFilter, DEFAULT_SNIPPET_CHARS, MAX_LIMIT, MIN_SNIPPET_CHARS,
};
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
    /// The latest statements, newest first; the `country` of each is the speaker's (the first
    /// of `countries` and those with at least half its count, as `who` gives them), each with
    /// the statement's own evidence, else `index`.
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

/// How many speakers a name is matched against.
const SPEAKER_CANDIDATES: usize = 50;

/// The most other speakers a profile says the name also matched.
const ALSO_MATCHED: usize = 10;

/// The most aliases a profile lists.
const TOP_ALIASES: usize = 20;

/// The most roles a profile lists.
const TOP_ROLES: usize = 10;

/// The most countries a profile lists.
const TOP_COUNTRIES: usize = 10;

/// The most topics a profile lists.
const TOP_TOPICS: usize = 10;

/// The query for the statements of the speaker `name` that match `filters` (statements proper
/// unless a kind is asked for), or `None` when the filters make no query.
fn speaker_statements(
    s: &Searcher,
    name: &str,
    filters: &Filters,
) -> Result<Option<Box<dyn Query>>> {
    let mut filters = filters.clone();
    filters.speaker = Some(name.to_string());
    if filters.kind.is_none() {
        filters.kind = Some(KindFilter::Statement);
    }
    Ok(s.build("", &filters)?.ok())
}

/// The statements of `q` whose canonical speaker is `speaker`.
fn only_speaker(s: &Searcher, q: Box<dyn Query>, speaker: &str) -> Box<dyn Query> {
    let only: Box<dyn Query> = Box::new(TermQuery::new(
        Term::from_facet(
            s.fields().speaker_facet,
            &Facet::from_path(["speaker", &facet_step(speaker)]),
        ),
        IndexRecordOption::Basic,
    ));
    Box::new(BooleanQuery::new(vec![
        (Occur::Must, q),
        (Occur::Must, only),
    ]))
}

/// A collector of the counts of the facets under `root` of `field`.
fn facets(field: &str, root: &str) -> FacetCollector {
    let mut c = FacetCollector::for_field(field);
    c.add_facet(Facet::from_path([root]));
    c
}

/// The first `k` of the (value, count) pairs `v`.
fn top_counts(v: Vec<(String, u64)>, k: usize) -> Vec<FacetCount> {
    v.into_iter()
        .take(k)
        .map(|(value, count)| FacetCount { value, count })
        .collect()
}

/// The hits of the statements at `newest`, ranked in that order, each with the speaker's leading
/// countries `theirs`.
fn latest_hits(
    s: &Searcher,
    searcher: &tantivy::Searcher,
    gen: &SnippetGenerator,
    newest: impl IntoIterator<Item = DocAddress>,
    theirs: &[String],
) -> Result<Vec<Hit>> {
    let mut hits = Vec::new();
    for (i, addr) in newest.into_iter().enumerate() {
        hits.push(s.hit(searcher, gen, addr, i + 1, 0.0, DEFAULT_SNIPPET_CHARS)?);
    }
    for h in &mut hits {
        with_speaker_countries(h, theirs);
    }
    Ok(hits)
}

/// The profile of the speaker best matching `name` (a surname or any alias), or `None` when no
/// statement of such a speaker matches the filters.
pub fn profile(
    s: &Searcher,
    name: &str,
    filters: &Filters,
    latest: usize,
) -> Result<Option<Profile>> {
    let Some(q) = speaker_statements(s, name, filters)? else {
        return Ok(None);
    };
    let searcher = s.searcher();
    let Some((chosen, matched)) = choose_speaker(&searcher, &*q, name)? else {
        return Ok(None);
    };
    let q = only_speaker(s, q, &chosen.value);
    let latest_n = latest.clamp(1, MAX_LIMIT);
    let ((n, aliases, roles), (countries, topics, newest)) = searcher.search(
        &q,
        &(
            (
                Count,
                CountBy::new("alias").top(TOP_ALIASES),
                CountBy::new("role_facet").top(TOP_ROLES),
            ),
            (
                CountBy::new("country").top(TOP_COUNTRIES),
                facets("topic", "topic"),
                TopDocs::with_limit(latest_n).order_by_fast_field::<DateTime>("date", Order::Desc),
            ),
        ),
    )?;
    let gen = SnippetGenerator::create(&searcher, &*q, s.fields().text)?;
    let countries = top_counts(countries, TOP_COUNTRIES);
    let theirs = leading_countries(countries.iter().map(|c| (c.value.as_str(), c.count)));
    let newest = newest.into_iter().map(|(_, addr)| addr);
    let latest_hits = latest_hits(s, &searcher, &gen, newest, &theirs)?;
    let last_date = latest_hits.iter().find_map(|h| h.date.clone());
    let first_date = first_date(s, &searcher, &*q, &gen)?;
    let country_evidence = evidence_counts(&searcher, &*q, &countries)?;
    let found = found_counts(s, &searcher, &*q)?;
    Ok(Some(Profile {
        speaker: chosen.value,
        also_matched: matched,
        aliases: top_counts(aliases, TOP_ALIASES),
        roles: top_counts(roles, TOP_ROLES),
        countries,
        country_evidence,
        found,
        statements: n as u64,
        topics: counts(&topics, "topic", TOP_TOPICS),
        first_date,
        last_date,
        latest: latest_hits,
    }))
}

/// Which canonical speaker `name` means, and the others it also matched (at most
/// [`ALSO_MATCHED`]): for a full name, the speaker of that very name; otherwise (a bare surname)
/// the one with most statements matching `q`. `None` when it matches no speaker.
fn choose_speaker(
    searcher: &tantivy::Searcher,
    q: &dyn Query,
    name: &str,
) -> Result<Option<(FacetCount, Vec<FacetCount>)>> {
    let mut matched: Vec<FacetCount> = searcher
        .search(q, &CountBy::new("speaker_facet").top(SPEAKER_CANDIDATES))?
        .into_iter()
        .take(SPEAKER_CANDIDATES)
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
    matched.truncate(ALSO_MATCHED);
    Ok(Some((chosen, matched)))
}

/// The date of the oldest statement matching `q` (dates before 1700 are no dates).
fn first_date(
    s: &Searcher,
    searcher: &tantivy::Searcher,
    q: &dyn Query,
    gen: &SnippetGenerator,
) -> Result<Option<String>> {
    let f = s.fields();
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
    Ok(match oldest.first() {
        Some((_, addr)) => s.hit(searcher, gen, *addr, 1, 0.0, MIN_SNIPPET_CHARS)?.date,
        None => None,
    })
}
