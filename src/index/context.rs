//! A hit read in its article: the article's title, source, date and address, and the statement
//! in its paragraph with N sentences of context on each side, the statement's bytes marked.
//!
//! Every hit carries an id, `ARTICLE:START-END` ([`hit_id`]); [`Searcher::show`] finds the
//! article's passages in the index (their text and byte offsets into the article) and cuts the
//! sentences around the statement's range from them.

use serde::Serialize;
use tantivy::collector::DocSetCollector;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{TantivyDocument, Term};
use unicode_segmentation::UnicodeSegmentation;

use super::searcher::Searcher;
use super::types::DocKind;
use super::writer::ARTICLE_KIND;
use super::{IndexError, Result};

/// The most passages of one article read to show a hit.
pub const MAX_PASSAGES: usize = 20_000;

/// The id of a hit: its article and the byte range of its text in the article.
pub fn hit_id(article: &str, start: u64, end: u64) -> String {
    format!("{article}:{start}-{end}")
}

/// Splits a hit id into its article and byte range.
pub fn parse_hit_id(id: &str) -> Option<(&str, u64, u64)> {
    let (article, range) = id.trim().rsplit_once(':')?;
    let (a, b) = range.split_once('-')?;
    let (start, end) = (a.parse().ok()?, b.parse().ok()?);
    (!article.is_empty() && start <= end).then_some((article, start, end))
}

pub use super::types::Paragraph;

/// A hit shown in its article.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Shown {
    /// The hit's id.
    pub id: String,
    /// The article's id.
    pub article: String,
    /// The headline.
    pub title: String,
    /// The outlet.
    pub source: Option<String>,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The article's address.
    pub url: Option<String>,
    /// Where the article was read.
    pub path: Option<String>,
    /// The statement's speaker, when the id is a statement's.
    pub speaker: Option<String>,
    /// The paragraphs around the statement, in article order.
    pub paragraphs: Vec<Paragraph>,
}

/// A sentence of a passage: its byte range in the article.
struct Sentence {
    passage: usize,
    start: u64,
    end: u64,
}

impl Searcher {
    /// The documents of `article` of one kind.
    fn article_docs(&self, article: &str, kind: &str) -> Result<Vec<TantivyDocument>> {
        let f = self.fields();
        let term = |field, v: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(field, v),
                IndexRecordOption::Basic,
            ))
        };
        let q = BooleanQuery::new(vec![
            (Occur::Must, term(f.article, article)),
            (Occur::Must, term(f.kind, kind)),
        ]);
        let searcher = self.searcher();
        let found = searcher.search(&q, &DocSetCollector)?;
        let mut docs = Vec::new();
        for addr in found.into_iter().take(MAX_PASSAGES) {
            docs.push(searcher.doc(addr)?);
        }
        Ok(docs)
    }

    /// The paragraphs of context of the byte range `start..end` of `article`: the sentences
    /// holding it and `n` more on each side.
    pub fn context(&self, article: &str, start: u64, end: u64, n: usize) -> Result<Vec<Paragraph>> {
        let f = self.fields();
        let u = |d: &TantivyDocument, field| d.get_first(field).and_then(|v| v.as_u64());
        let mut passages: Vec<(u64, String)> = self
            .article_docs(article, DocKind::Passage.as_str())?
            .iter()
            .filter_map(|d| {
                let text = d.get_first(f.text).and_then(|v| v.as_str())?.to_string();
                Some((u(d, f.start)?, text))
            })
            .collect();
        passages.sort_by_key(|p| p.0);
        passages.dedup_by_key(|p| p.0);
        let mut sentences: Vec<Sentence> = Vec::new();
        for (i, (pstart, text)) in passages.iter().enumerate() {
            for (off, s) in text.split_sentence_bound_indices() {
                let s_start = pstart + off as u64;
                sentences.push(Sentence {
                    passage: i,
                    start: s_start,
                    end: s_start + s.len() as u64,
                });
            }
        }
        let touching: Vec<usize> = (0..sentences.len())
            .filter(|&i| sentences[i].start < end.max(start + 1) && sentences[i].end > start)
            .collect();
        let (Some(&first), Some(&last)) = (touching.first(), touching.last()) else {
            return Ok(Vec::new());
        };
        let from = first.saturating_sub(n);
        let to = (last + n).min(sentences.len() - 1);
        let mut out: Vec<Paragraph> = Vec::new();
        for s in &sentences[from..=to] {
            let (pstart, text) = &passages[s.passage];
            let piece = &text[(s.start - pstart) as usize..(s.end - pstart) as usize];
            match out.last_mut() {
                Some(p) if p.start + p.text.len() as u64 == s.start => p.text.push_str(piece),
                _ => out.push(Paragraph {
                    start: s.start,
                    text: piece.to_string(),
                    highlights: vec![],
                }),
            }
        }
        for p in &mut out {
            let (a, b) = (start.max(p.start), end.min(p.start + p.text.len() as u64));
            if a < b {
                let (mut a, mut b) = ((a - p.start) as usize, (b - p.start) as usize);
                while !p.text.is_char_boundary(a) {
                    a -= 1;
                }
                while !p.text.is_char_boundary(b) {
                    b += 1;
                }
                p.highlights.push([a, b]);
            }
            let trimmed = p.text.trim_end().len();
            p.text.truncate(trimmed);
            for h in &mut p.highlights {
                h[1] = h[1].min(trimmed);
            }
        }
        Ok(out)
    }

    /// The hit of id `id` in its article, with `n` sentences of context on each side; an
    /// [`IndexError::Query`] when the id is malformed, `None` when no such article is indexed.
    pub fn show(&self, id: &str, n: usize) -> Result<Option<Shown>> {
        let (article, start, end) = parse_hit_id(id).ok_or_else(|| {
            IndexError::Query(format!(
                "'{}' is not a hit id: ids look like ARTICLE:START-END, as `search --json` gives",
                super::abbreviate(id)
            ))
        })?;
        let f = self.fields();
        let searcher = self.searcher();
        let Some(head) = self.article_doc(&searcher, article, None)? else {
            return Ok(None);
        };
        let s = |field| {
            head.get_first(field)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        let speaker = [DocKind::Direct.as_str(), DocKind::Indirect.as_str()]
            .iter()
            .map(|k| self.article_docs(article, k))
            .collect::<Result<Vec<_>>>()?
            .into_iter()
            .flatten()
            .find(|d| {
                d.get_first(f.start).and_then(|v| v.as_u64()) == Some(start)
                    && d.get_first(f.end).and_then(|v| v.as_u64()) == Some(end)
            })
            .and_then(|d| {
                d.get_first(f.speaker)
                    .and_then(|v| v.as_str())
                    .map(str::to_string)
            });
        let date = head
            .get_first(f.date)
            .and_then(|v| v.as_datetime())
            .map(super::schema::format_day);
        debug_assert!(head.get_first(f.kind).and_then(|v| v.as_str()) == Some(ARTICLE_KIND));
        Ok(Some(Shown {
            id: hit_id(article, start, end),
            article: article.to_string(),
            title: s(f.title).unwrap_or_default(),
            source: s(f.source),
            date,
            url: s(f.url),
            path: s(f.path),
            speaker,
            paragraphs: self.context(article, start, end, n)?,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_even_with_colons_in_the_article() {
        assert_eq!(parse_hit_id(&hit_id("a:b", 3, 9)), Some(("a:b", 3, 9)));
        assert_eq!(parse_hit_id("x:9-3"), None);
        assert_eq!(parse_hit_id("x"), None);
        assert_eq!(parse_hit_id(":1-2"), None);
    }
}
