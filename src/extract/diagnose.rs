//! What the context of a statement extraction missed holds, so that `eval` can say where recall
//! is lost: the passage, quotations and sentences around the missed words, read as extraction
//! reads them, and classified into a [`MissContext`] (the first category that applies, in the
//! order of [`MissContext::ALL`]).
//!
//! A diagnosis, not a rule: it says what a rule would have had to read, not who spoke.

use std::ops::Range;

use super::lexicon::RoleKind;
use super::quotes;
use super::tokens::{self, Token};
use crate::article::Article;
use crate::eval::breakdown::MissContext;
use crate::segment::{segment, PassageKind};

/// The context of `words`, a statement of `article` that extraction missed (its first
/// occurrence in the article text).
pub fn miss_context(article: &Article, words: &str) -> MissContext {
    let text = article.text.as_str();
    let Some(start) = text.find(words).filter(|_| !words.is_empty()) else {
        return MissContext::NotInArticle;
    };
    let range = start..start + words.len();
    let passages = segment(article).passages;
    let Some(pi) = passages.iter().position(|p| p.range().contains(&start)) else {
        return MissContext::NoCue;
    };
    let p = &passages[pi];
    match p.kind {
        PassageKind::Title | PassageKind::Headline => return MissContext::InTitle,
        PassageKind::Caption | PassageKind::Furniture => return MissContext::InCaption,
        PassageKind::Standfirst | PassageKind::Paragraph => {}
    }
    let pq = quotes::scan_passages(text, &passages);
    let toks = tokens::tokenize(text, p.range(), &pq[pi]);
    let Some(span) = overlapping(&toks, &range) else {
        return MissContext::NoCue;
    };
    // The paragraph before, skipping captions, ends with a colon.
    let after_colon_paragraph = span.start == 0
        && passages[..pi]
            .iter()
            .rev()
            .find(|q| q.kind != PassageKind::Caption)
            .is_some_and(|q| text[q.range()].trim_end().ends_with(':'));
    if after_colon_paragraph || span.start > 0 && toks[span.start - 1].is(':') {
        return MissContext::ColonIntroduction;
    }
    if toks.iter().any(Token::is_quote) && !toks.iter().any(Token::is_word) {
        return MissContext::WholeParagraphQuote;
    }
    let sents = tokens::sentences(text, &toks, &pq[pi]);
    let from = sents
        .iter()
        .find(|s| s.contains(&span.start))
        .map_or(span.start, |s| s.start);
    let to = sents
        .iter()
        .find(|s| s.contains(&(span.end - 1)))
        .map_or(span.end, |s| s.end);
    classify_sentences(text, &toks[from..to], &toks[span])
}

/// The tokens that overlap `range`.
fn overlapping(toks: &[Token], range: &Range<usize>) -> Option<Range<usize>> {
    let first = toks.iter().position(|t| t.end > range.start)?;
    let end = toks
        .iter()
        .rposition(|t| t.start < range.end)
        .map_or(first + 1, |k| k + 1);
    (first < end).then_some(first..end)
}

/// The context read from the sentences around the statement (`around`) and its own tokens
/// (`own`).
fn classify_sentences(text: &str, around: &[Token], own: &[Token]) -> MissContext {
    let according = around
        .windows(2)
        .any(|w| w[0].text(text).eq_ignore_ascii_case("according") && w[1].text(text) == "to");
    if according || around.iter().any(|t| t.is_word() && t.lex.cue.is_some()) {
        return MissContext::SpeechVerb;
    }
    if around
        .iter()
        .any(|t| matches!(t.lex.role, Some(RoleKind::Org | RoleKind::Doc)))
    {
        return MissContext::OrgSubject;
    }
    if own.iter().any(Token::is_quote) {
        return MissContext::UnattachedQuote;
    }
    MissContext::NoCue
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(text: &str) -> Article {
        crate::input::parse_text(text, "t.txt", "t")
    }

    #[test]
    fn contexts() {
        let cases: &[(&str, &str, MissContext)] = &[
            (
                "Storm hits coast\n\nThe mayor admitted on Monday that the levees failed.",
                "the levees failed",
                MissContext::SpeechVerb,
            ),
            (
                "Storm hits coast\n\nThe council ruled that the levees failed.",
                "the levees failed",
                MissContext::OrgSubject,
            ),
            (
                "Storm hits coast\n\nThe mayor spoke at noon.\n\n“The levees failed and we were not ready.”",
                "The levees failed and we were not ready.",
                MissContext::WholeParagraphQuote,
            ),
            (
                "Storm hits coast\n\nThe mayor spoke at noon:\n\nThe levees failed and we were not ready.",
                "The levees failed and we were not ready.",
                MissContext::ColonIntroduction,
            ),
            (
                "Storm hits coast\n\nHer verdict: the levees failed.",
                "the levees failed",
                MissContext::ColonIntroduction,
            ),
            (
                "Storm hits coast\n\nThe mood was grim. Residents spoke of “a night of terror” in the dark.",
                "a night of terror",
                MissContext::UnattachedQuote,
            ),
            (
                "Levees failed, mayor admits\n\nThe storm hit on Monday.",
                "Levees failed",
                MissContext::InTitle,
            ),
            (
                "Storm hits coast\n\nThe storm hit on Monday and the levees failed.",
                "the levees failed",
                MissContext::NoCue,
            ),
            (
                "Storm hits coast\n\nThe storm hit on Monday.",
                "the levees held",
                MissContext::NotInArticle,
            ),
        ];
        for (text, words, want) in cases {
            assert_eq!(
                miss_context(&article(text), words),
                *want,
                "help: context of {words:?} in {text:?}"
            );
        }
    }
}
