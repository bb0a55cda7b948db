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

use super::searcher::Searcher;
use super::types::{Filters, Hit};
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
    /// Distinct speakers among them, most sources first (then earliest first).
    pub speakers: Vec<String>,
    /// The same speakers with their number of sources.
    pub speaker_counts: Vec<SpeakerCount>,
    /// Distinct articles among them.
    pub articles: usize,
    /// Sources holding every word of the quote in order (coverage 1).
    pub exact: usize,
}

/// A speaker of a quote and how many sources give it to them.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct SpeakerCount {
    /// The canonical speaker.
    pub speaker: String,
    /// Sources (statements) giving the quote to them.
    pub count: usize,
}

/// How much of the quote a document must hold to count, by default: the words must match
/// closely (a word or two of a long quote may differ).
pub const MIN_COVERAGE: f32 = 0.9;

/// [`check_with`] at [`MIN_COVERAGE`].
pub fn check(s: &Searcher, quote: &str, filters: &Filters, limit: usize) -> Result<Provenance> {
    check_with(s, quote, filters, limit, MIN_COVERAGE)
}

/// How many documents, best first, are read to find those holding the quote.
const CANDIDATES: usize = 500;

/// The snippet length of a source, in characters.
const SNIPPET_CHARS: usize = 240;

/// The share of the quote's distinct terms a document must hold to be read.
const MIN_TERM_SHARE: f32 = 0.6;

/// The documents holding at least [`MIN_TERM_SHARE`] of the distinct terms of `quote`.
fn most_words(s: &Searcher, quote: &str) -> Result<Box<dyn Query>> {
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
    let need = ((terms.len() as f32) * MIN_TERM_SHARE).ceil().max(1.0) as usize;
    Ok(Box::new(BooleanQuery::with_minimum_required_clauses(
        clauses, need,
    )))
}

/// Drops each passage of `sources` when a statement of its article already holds the quote.
fn drop_stated_passages(sources: &mut Vec<Source>) {
    let stated: Vec<(String, u64)> = sources
        .iter()
        .filter(|x| !x.hit.kind.is_passage())
        .map(|x| (x.hit.article.clone(), x.hit.start))
        .collect();
    sources.retain(|x| {
        !x.hit.kind.is_passage()
            || !stated
                .iter()
                .any(|(a, st)| *a == x.hit.article && *st >= x.hit.start && *st < x.hit.end)
    });
}

/// The speakers of `sources` with how many sources each has, most first (among equals, the
/// earliest first: the sort is stable).
fn count_speakers(sources: &[Source]) -> Vec<SpeakerCount> {
    let mut speaker_counts: Vec<SpeakerCount> = Vec::new();
    for x in sources {
        if let Some(sp) = &x.hit.speaker {
            match speaker_counts.iter_mut().find(|c| &c.speaker == sp) {
                Some(c) => c.count += 1,
                None => speaker_counts.push(SpeakerCount {
                    speaker: sp.clone(),
                    count: 1,
                }),
            }
        }
    }
    speaker_counts.sort_by_key(|c| std::cmp::Reverse(c.count));
    speaker_counts
}

/// Finds where `quote` was said: documents holding at least `min_coverage` of its words in
/// order, exact matches first, then earliest first. Passages are reported only where no
/// statement of the same article holds the quote.
pub fn check_with(
    s: &Searcher,
    quote: &str,
    filters: &Filters,
    limit: usize,
    min_coverage: f32,
) -> Result<Provenance> {
    let qwords = words(quote);
    if qwords.is_empty() {
        return Err(IndexError::Query(format!(
            "`{quote}` holds no words to look for"
        )));
    }
    let f = s.fields();
    let text_q = most_words(s, quote)?;
    let filtered = match s.build("", filters)? {
        Ok(q) => q,
        Err(_) => {
            return Ok(Provenance {
                sources: vec![],
                speakers: vec![],
                speaker_counts: vec![],
                articles: 0,
                exact: 0,
            })
        }
    };
    let q: Box<dyn Query> = Box::new(BooleanQuery::new(vec![
        (Occur::Must, text_q),
        (Occur::Must, filtered),
    ]));
    let searcher = s.searcher();
    let top = searcher.search(&q, &TopDocs::with_limit(CANDIDATES).order_by_score())?;
    let gen = SnippetGenerator::create(&searcher, &*q, f.text)?;
    let mut sources: Vec<Source> = Vec::new();
    for (score, addr) in top {
        let hit = s.hit(&searcher, &gen, addr, 0, score, SNIPPET_CHARS)?;
        let c = coverage(&qwords, &words(&hit.text));
        if c >= min_coverage {
            sources.push(Source { coverage: c, hit });
        }
    }
    drop_stated_passages(&mut sources);
    sources.sort_by(|a, b| {
        let da = a.hit.date.as_deref().unwrap_or("9999");
        let db = b.hit.date.as_deref().unwrap_or("9999");
        let exact = |x: &Source| x.coverage >= 1.0;
        exact(b)
            .cmp(&exact(a))
            .then(da.cmp(db))
            .then(b.coverage.total_cmp(&a.coverage))
            .then(a.hit.kind.is_passage().cmp(&b.hit.kind.is_passage()))
            .then(a.hit.article.cmp(&b.hit.article))
            .then(a.hit.start.cmp(&b.hit.start))
    });
    let mut articles: Vec<&str> = sources.iter().map(|x| x.hit.article.as_str()).collect();
    articles.sort();
    articles.dedup();
    let articles = articles.len();
    let exact = sources.iter().filter(|x| x.coverage >= 1.0).count();
    let speaker_counts = count_speakers(&sources);
    let speakers = speaker_counts.iter().map(|c| c.speaker.clone()).collect();
    sources.truncate(limit.max(1));
    for (i, x) in sources.iter_mut().enumerate() {
        x.hit.rank = i + 1;
    }
    Ok(Provenance {
        sources,
        speakers,
        speaker_counts,
        articles,
        exact,
    })
}
