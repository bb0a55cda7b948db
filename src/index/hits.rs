//! Reading hits: a stored document turned into a [`Hit`] with its snippet and highlight ranges,
//! and the speaker's countries from the rest of the index for a statement whose article gave
//! none.
//!
//! Which documents are read, and in what order, is [`super::search`]'s.

use std::ops::Range;

use tantivy::query::TermQuery;
use tantivy::schema::{Facet, Field, IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Score, TantivyDocument, Term};

use super::context::hit_id;
use super::count::CountBy;
use super::schema::format_day;
use super::searcher::Searcher;
use super::types::{CountryOf, DocKind, Hit, MIN_SNIPPET_CHARS};
use super::writer::facet_step;
use super::Result;
use crate::statement::CountryEvidence;

impl Searcher {
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
        let s = |field: Field| first_str(&doc, field);
        let u = |field: Field| doc.get_first(field).and_then(|v| v.as_u64()).unwrap_or(0);
        let facets = |field: Field| facet_paths(&doc, field);
        let text = s(f.text).unwrap_or_default();
        let start = u(f.start);
        let article = s(f.article).unwrap_or_default();
        let meta = self.article_doc(searcher, &article, Some(addr.segment_ord))?;
        let m = |field: Field| meta.as_ref().and_then(|d| first_str(d, field));
        let (snippet, highlights, offset) = snippet(gen, &text, snippet_chars);
        let article_highlights = highlights
            .iter()
            .map(|[a, b]| [start + (offset + a) as u64, start + (offset + b) as u64])
            .collect();
        let end = u(f.end);
        Ok(Hit {
            id: hit_id(&article, start, end),
            rank,
            score,
            kind: DocKind::from_stored(&s(f.kind).unwrap_or_default()),
            speaker: s(f.speaker),
            aliases: doc
                .get_all(f.aliases)
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            role: s(f.role),
            country_evidence: country_evidence(&doc, f.country_evidence),
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

/// The first value of `field` in `doc`, when it is a text.
fn first_str(doc: &TantivyDocument, field: Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

/// The countries of a document's facets of country evidence (`field`), each with the evidence
/// for it (`Poland/outlet`).
fn country_evidence(doc: &TantivyDocument, field: Field) -> Vec<CountryOf> {
    facet_paths(doc, field)
        .into_iter()
        .filter_map(|path| {
            let (country, evidence) = path.rsplit_once('/')?;
            Some(CountryOf {
                country: country.to_string(),
                evidence: evidence.to_string(),
            })
        })
        .collect()
}

/// The paths of a document's values of a facet field, without their root (`economy/sanctions`).
fn facet_paths(doc: &TantivyDocument, field: Field) -> Vec<String> {
    doc.get_all(field)
        .filter_map(|v| {
            v.as_facet()
                .map(|e| Facet::from_encoded(e.as_bytes().to_vec()))
        })
        .filter_map(|r| r.ok())
        .map(|fc| fc.to_path()[1..].join("/"))
        .collect()
}

/// The snippet of `text`: the fragment around the matched words, their byte ranges in it, and
/// its offset in `text`; where nothing matched, the start of `text` (at most `snippet_chars`).
fn snippet(
    gen: &SnippetGenerator,
    text: &str,
    snippet_chars: usize,
) -> (String, Vec<[usize; 2]>, usize) {
    let snip = gen.snippet(text);
    if snip.is_empty() {
        let mut end = text.len().min(snippet_chars.max(MIN_SNIPPET_CHARS));
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
    }
}

/// A speaker's countries from the counts of their statements by country, most first: those
/// given with at least half as many statements as the first (one statement's context can
/// mislead; the speaker's record seldom does).
///
/// ```
/// use whosaid::index::hits::leading_countries;
/// let counts = [("Poland", 10), ("Ukraine", 5), ("Russia", 4)];
/// assert_eq!(leading_countries(counts), vec!["Poland", "Ukraine"]);
/// ```
pub fn leading_countries<'a>(counts: impl IntoIterator<Item = (&'a str, u64)>) -> Vec<String> {
    let mut counts = counts.into_iter().peekable();
    let Some(&(_, most)) = counts.peek() else {
        return vec![];
    };
    counts
        .take_while(|(_, c)| 2 * c >= most)
        .map(|(v, _)| v.to_string())
        .collect()
}

/// Gives a statement's `hit` its speaker's `countries` (their record, [`leading_countries`]),
/// each with the evidence the statement itself gave it, else `index` (the same speaker's country
/// in other articles of the index), so that an answer about a speaker names one country list.
pub fn with_speaker_countries(hit: &mut Hit, countries: &[String]) {
    let evidence = countries
        .iter()
        .map(|c| {
            hit.country_evidence
                .iter()
                .find(|e| &e.country == c)
                .cloned()
                .unwrap_or_else(|| CountryOf {
                    country: c.clone(),
                    evidence: CountryEvidence::Index.as_str().to_string(),
                })
        })
        .collect();
    hit.country_evidence = evidence;
    hit.country = countries.to_vec();
}

/// Gives each statement among `hits` that carries no country its speaker's countries in the
/// rest of the index (evidence `index`): one identity across the index. A statement whose
/// article gave its speaker a country keeps it.
pub fn fill_speaker_countries(s: &Searcher, hits: &mut [Hit]) -> Result<()> {
    let searcher = s.searcher();
    let mut known: std::collections::HashMap<String, Vec<String>> = Default::default();
    for h in hits.iter_mut() {
        let Some(speaker) = h.speaker.clone() else {
            continue;
        };
        if h.kind.is_passage() || !h.country.is_empty() {
            continue;
        }
        let countries = match known.get(&speaker) {
            Some(c) => c.clone(),
            None => {
                let c = speaker_countries(s, &searcher, &speaker)?;
                known.insert(speaker, c.clone());
                c
            }
        };
        if !countries.is_empty() {
            with_speaker_countries(h, &countries);
        }
    }
    Ok(())
}

/// A speaker's countries over all their statements ([`leading_countries`]).
pub fn speaker_countries(
    s: &Searcher,
    searcher: &tantivy::Searcher,
    speaker: &str,
) -> Result<Vec<String>> {
    let q = TermQuery::new(
        Term::from_facet(
            s.fields().speaker_facet,
            &Facet::from_path(["speaker", &facet_step(speaker)]),
        ),
        IndexRecordOption::Basic,
    );
    let counts = searcher.search(&q, &CountBy::new("country"))?;
    Ok(leading_countries(
        counts.iter().map(|(v, c)| (v.as_str(), *c)),
    ))
}
