//! Quotations with no cue of their own: one that continues an unclosed quotation before it in
//! the passage (`"A. "B."`) is that quotation's speaker's; one near a statement whose speaker is
//! named (in the same sentence or the next) is that speaker's (“...,” she said. “...”); one that
//! opens the passage or continues a quotation of the passage before is the previous speaker's.
//! A quotation in title case ("Being Here – The Early Years" airs on Friday) names a work, and
//! nobody's. Body text only.

use std::ops::Range;

use super::super::quotes::QuoteSpan;
use super::super::tokens::Kind;
use super::context::{Ctx, Findings};
use super::{Candidate, Source};
use crate::statement::{Construction, StatementKind};

/// Fewest words of a quotation given to a neighbour's speaker.
const MIN_WORDS_NEAR: usize = 2;
/// Fewest words of a quotation given to the previous speaker.
const MIN_WORDS_PREVIOUS: usize = 3;
/// Most words of a quotation read as the title of a work.
const MAX_TITLE_WORDS: usize = 10;
/// Distance (bytes) added for a statement after the quotation: quotations before their
/// attribution are the rule; after it, the exception.
const AFTER_PENALTY: usize = 60;
/// Distance (bytes) added for an indirect statement.
const INDIRECT_PENALTY: usize = 200;

/// Gives each unused quotation of the passage a speaker, when one is near or continues.
pub(super) fn attach(cx: &Ctx, sentences: &[Range<usize>], f: &mut Findings) {
    for (qi, q) in cx.quotes.iter().enumerate() {
        if f.used[qi] {
            continue;
        }
        let Some(ti) = cx.toks.iter().position(|t| t.kind == Kind::quote(qi)) else {
            continue;
        };
        let words = cx.text[q.inner.clone()].split_whitespace().count();
        let qsent = sentences.iter().position(|s| s.contains(&ti)).unwrap_or(0);
        let chained = q.chained.then(|| chain_root(cx, &f.out, qi)).flatten();
        let source = if let Some(k) = chained {
            Source::SameAs(k)
        } else if names_a_work(cx, q) {
            continue;
        } else if let Some(k) = nearest(&f.out, q, qsent).filter(|_| words >= MIN_WORDS_NEAR) {
            Source::SameAs(k)
        } else if (ti == 0 || q.continued) && words >= MIN_WORDS_PREVIOUS {
            Source::Previous
        } else {
            continue;
        };
        f.out.push(Candidate {
            content: q.inner.clone(),
            kind: StatementKind::Direct,
            source,
            cue: None,
            sentence: qsent,
            at: q.inner.start,
            construction: Construction::Continuation,
        });
        f.used[qi] = true;
    }
}

/// Returns true if and only if quotation `q` is a title (“Fire and Fury”, “Being Here – The
/// Early Years”): at most [`MAX_TITLE_WORDS`] words, two or more of them capitalised and the rest
/// a title's lowercase words, and no stop at its end.
fn names_a_work(cx: &Ctx, q: &QuoteSpan) -> bool {
    let inner = &cx.text[q.inner.clone()];
    if inner.ends_with(['.', '!', '?', ',', ';', ':']) {
        return false;
    }
    let mut capitalised = 0;
    for (n, w) in inner.split_whitespace().enumerate() {
        let word = w.trim_matches(|c: char| !c.is_alphanumeric());
        if n >= MAX_TITLE_WORDS {
            return false;
        }
        match word.chars().next() {
            None => {}
            Some(c) if c.is_uppercase() || c.is_numeric() => capitalised += 1,
            Some(_) if cx.lists.title_minor_words.contains(&word) => {}
            Some(_) => return false,
        }
    }
    capitalised >= 2
}

/// The statement that holds the quotation before quotation `qi`, which `qi` continues
/// (`"A. "B."`), followed back to the statement it is part of.
fn chain_root(cx: &Ctx, out: &[Candidate], qi: usize) -> Option<usize> {
    let before = cx.quotes.get(qi.checked_sub(1)?)?;
    let mut k = out
        .iter()
        .position(|c| c.content.start <= before.inner.start && before.inner.end <= c.content.end)?;
    while let Source::SameAs(j) = out[k].source {
        k = j;
    }
    Some(k)
}

/// The statement with a named source, in sentence `qsent` or next to it, nearest to quotation
/// `q`: direct statements before indirect ones, statements after the quotation before those
/// before it.
fn nearest(out: &[Candidate], q: &QuoteSpan, qsent: usize) -> Option<usize> {
    out.iter()
        .enumerate()
        .filter(|(_, c)| matches!(c.source, Source::Phrase(_)) && c.sentence.abs_diff(qsent) <= 1)
        .min_by_key(|(_, c)| {
            let d = if c.content.end <= q.inner.start {
                q.inner.start - c.content.end
            } else {
                c.content.start.saturating_sub(q.inner.end)
            };
            let after = if c.content.start >= q.inner.end {
                AFTER_PENALTY
            } else {
                0
            };
            if c.kind == StatementKind::Direct {
                d + after
            } else {
                d + after + INDIRECT_PENALTY
            }
        })
        .map(|(k, _)| k)
}

#[cfg(test)]
mod tests {
    use super::super::test_util::{check, Case};
    use super::super::Mode;

    /// A neighbour's quotation ends up inside its statement (see `split`); a quotation that
    /// opens the passage follows the previous speaker.
    #[test]
    fn quotations_without_a_cue() {
        let cases: &[Case] = &[
            (
                "“We will not back down,” she said. “Never again.”",
                &[("We will not back down,” she said. “Never again.", "she")],
            ),
            (
                "The mayor spoke after the vote. “We have done it before,” she said. “We will do it again.”",
                &[("We have done it before,” she said. “We will do it again.", "she")],
            ),
            (
                "“We have done it before and we will do it again.”",
                &[("We have done it before and we will do it again.", "<prev")],
            ),
            // Too short to follow anyone, or nobody near.
            ("“Never again.”", &[]),
            // Paragraphs of one quotation joined into one line, only the last closed.
            (
                "In a statement, Mr Straw said: \"We will close posts. \"Some savings will go to new work. \"In Africa, we plan new jobs.\"",
                &[(
                    "We will close posts. \"Some savings will go to new work. \"In Africa, we plan new jobs.",
                    "Mr Straw",
                )],
            ),
            ("The show, called “Night Shift”, returns in May.", &[]),
            ("Critics panned “The Long Road Home” when it opened.", &[]),
            // A title opening the passage is nobody's words; a sentence in capitals is.
            ("“Being Here – The Early Years of a Star” airs on Friday.", &[]),
            (
                "“We Will Never Give Up.”",
                &[("We Will Never Give Up.", "<prev")],
            ),
        ];
        check(Mode::Body, cases);
    }

    /// Only body text gives quotations without a cue a speaker.
    #[test]
    fn not_in_titles() {
        check(
            Mode::Title,
            &[("“We have done it before and we will do it again.”", &[])],
        );
    }
}
