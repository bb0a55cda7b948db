//! `check`: provenance of a quote for a fact-checker — who said these words, in which articles,
//! earliest first — tolerant of small wording changes, ellipses, punctuation and quote marks.
//!
//! Candidates come from the index (documents holding most of the quote's terms); each is then
//! scored by how much of the quote it holds in order ([`crate::fingerprint::coverage`]).

use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::snippet::SnippetGenerator;
use tantivy::Term;

use super::search::{Filters, Hit, Searcher};
use super::{IndexError, Result};
use crate::fingerprint::{coverage, words};

/// A document holding the quote, or most of it.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Source {
    /// Share of the quote's words found in order, `0.0..=1.0`.
    pub coverage: f32,
    /// The statement or passage.
    pub hit: Hit,
}

/// The answer to `check`.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Provenance {
    /// Statements and passages holding the quote, earliest first (undated last).
    pub sources: Vec<Source>,
    /// Distinct speakers among them, in order of first appearance.
    pub speakers: Vec<String>,
    /// Distinct articles among them.
    pub articles: usize,
}

/// How much of the quote a document must hold to count.
pub const MIN_COVERAGE: f32 = 0.7;

/// Finds where `quote` was said. Passages are reported only where no statement of the same
/// article holds the quote.
pub fn check(s: &Searcher, quote: &str, filters: &Filters, limit: usize) -> Result<Provenance> {
    let qwords = words(quote);
    if qwords.is_empty() {
        return Err(IndexError::Query(format!(
            "`{quote}` holds no words to look for"
        )));
    }
    let mut terms = s.analyze(quote)?;
    terms.sort();
    terms.dedup();
    let f = s.fields();
    let clauses: Vec<(Occur, Box<dyn Query>)> = terms
        .iter()
        .map(|t| {
            (
                Occur::Should,
                Box::new(TermQuery::new(
                    Term::from_field_text(f.text, t),
                    IndexRecordOption::WithFreqs,
                )) as Box<dyn Query>,
            )
        })
        .collect();
    let need = ((terms.len() as f32) * 0.6).ceil().max(1.0) as usize;
    let text_q: Box<dyn Query> =
        Box::new(BooleanQuery::with_minimum_required_clauses(clauses, need));
    let filtered = match s.build("", filters)? {
        Ok(q) => q,
        Err(_) => {
            return Ok(Provenance {
                sources: vec![],
                speakers: vec![],
                articles: 0,
            })
        }
    };
    let q: Box<dyn Query> = Box::new(BooleanQuery::new(vec![
        (Occur::Must, text_q),
        (Occur::Must, filtered),
    ]));
    let searcher = s.searcher();
    let top = searcher.search(&q, &TopDocs::with_limit(500).order_by_score())?;
    let gen = SnippetGenerator::create(&searcher, &*q, f.text)?;
    let mut sources: Vec<Source> = Vec::new();
    for (score, addr) in top {
        let hit = s.hit(&searcher, &gen, addr, 0, score, 240)?;
        let c = coverage(&qwords, &words(&hit.text));
        if c >= MIN_COVERAGE {
            sources.push(Source { coverage: c, hit });
        }
    }
    // A passage is dropped when a statement of its article already holds the quote.
    let stated: Vec<(String, u64)> = sources
        .iter()
        .filter(|x| x.hit.kind != "passage")
        .map(|x| (x.hit.article.clone(), x.hit.start))
        .collect();
    sources.retain(|x| {
        x.hit.kind != "passage"
            || !stated
                .iter()
                .any(|(a, st)| *a == x.hit.article && *st >= x.hit.start && *st < x.hit.end)
    });
    sources.sort_by(|a, b| {
        let da = a.hit.date.as_deref().unwrap_or("9999");
        let db = b.hit.date.as_deref().unwrap_or("9999");
        da.cmp(db)
            .then(b.coverage.total_cmp(&a.coverage))
            .then((a.hit.kind == "passage").cmp(&(b.hit.kind == "passage")))
            .then(a.hit.article.cmp(&b.hit.article))
            .then(a.hit.start.cmp(&b.hit.start))
    });
    let mut articles: Vec<&str> = sources.iter().map(|x| x.hit.article.as_str()).collect();
    articles.sort();
    articles.dedup();
    let articles = articles.len();
    let mut speakers: Vec<String> = Vec::new();
    for x in &sources {
        if let Some(sp) = &x.hit.speaker {
            if !speakers.contains(sp) {
                speakers.push(sp.clone());
            }
        }
    }
    sources.truncate(limit.max(1));
    for (i, x) in sources.iter_mut().enumerate() {
        x.hit.rank = i + 1;
    }
    Ok(Provenance {
        sources,
        speakers,
        articles,
    })
}
