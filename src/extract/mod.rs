//! Statement extraction: finds the direct and indirect statements of an article and who made them.
//!
//! Input is an [`Article`]; output is its [`Segmented`] passages and the [`Statement`]s found in
//! them, every range a byte range into the article text. Text processing only: nothing here knows
//! of the index.

#[allow(dead_code)] // wired into the extractor in the next commits
mod gazetteer;
mod lexicon;
mod mentions;
#[allow(dead_code)]
mod quotes;
#[allow(dead_code)]
mod tokens;

use crate::article::Article;
use crate::segment::{segment, PassageKind, Segmented};
use crate::statement::{Statement, StatementKind};
use crate::topics::Taxonomy;

/// What extraction found in one article.
#[derive(Clone, Debug, Default)]
pub struct Extraction {
    /// The article's passages.
    pub segmented: Segmented,
    /// Its statements, in text order.
    pub statements: Vec<Statement>,
}

/// Finds statements. Holds the compiled rules and data; cheap to share between threads.
#[derive(Clone, Debug, Default)]
pub struct Extractor {
    topics: Taxonomy,
}

impl Extractor {
    /// An extractor tagging topics from `topics`.
    pub fn new(topics: Taxonomy) -> Extractor {
        Extractor { topics }
    }

    /// Extracts the statements of one article.
    pub fn extract(&self, article: &Article) -> Extraction {
        let text = article.text.as_str();
        let segmented = segment(article);
        let mut statements = Vec::new();
        let mut last_speaker: Option<String> = None;
        for (pi, p) in segmented.passages.iter().enumerate() {
            if matches!(p.kind, PassageKind::Caption | PassageKind::Title) {
                continue;
            }
            let para = &text[p.range()];
            let speaker = find_speaker(para).or_else(|| last_speaker.clone());
            for (qs, qe) in quotes(para) {
                let q = &para[qs..qe];
                if q.split_whitespace().count() < 3 {
                    continue;
                }
                let ctx: Vec<&str> = segmented
                    .entry_headline(text, pi)
                    .into_iter()
                    .chain(std::iter::once(para))
                    .collect();
                statements.push(Statement {
                    start: p.start + qs,
                    end: p.start + qe,
                    kind: StatementKind::Direct,
                    speaker: speaker.clone(),
                    role: None,
                    aliases: speaker.iter().cloned().collect(),
                    countries: vec![],
                    topics: self.topics.tag(q, &ctx),
                    cue: Some("said".into()),
                    passage: pi,
                });
            }
            if speaker.is_some() {
                last_speaker = speaker;
            }
        }
        Extraction {
            segmented,
            statements,
        }
    }
}

/// Byte ranges (inside `para`) of the text between typographic or straight double quotes.
fn quotes(para: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in para.char_indices() {
        match (c, open) {
            ('“', _) => open = Some(i + c.len_utf8()),
            ('”', Some(s)) => {
                out.push((s, i));
                open = None;
            }
            ('"', None) => open = Some(i + 1),
            ('"', Some(s)) => {
                out.push((s, i));
                open = None;
            }
            _ => {}
        }
    }
    out
}

/// A capitalised name before or after `said`/`says`/`told` in the paragraph.
fn find_speaker(para: &str) -> Option<String> {
    let words: Vec<&str> = para.split_whitespace().collect();
    for (i, w) in words.iter().enumerate() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        if !matches!(w, "said" | "says" | "told") {
            continue;
        }
        let mut name = Vec::new();
        let mut j = i;
        while j > 0 {
            let prev = words[j - 1].trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
            if prev.chars().next().is_some_and(char::is_uppercase)
                && !words[j - 1].ends_with([',', '.', '”', '"'])
            {
                name.insert(0, prev);
                j -= 1;
            } else {
                break;
            }
        }
        if !name.is_empty() {
            return Some(name.join(" "));
        }
    }
    None
}
