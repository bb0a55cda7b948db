//! `according to X`: "According to X, words.", "Words, according to X." and "But the next day,
//! according to X, words." Owns the source after `according to` (a name phrase, or the words up
//! to a comma: "according to polling by Gallup") and which side of the cue the words are on.

use std::ops::Range;

use super::context::{Ctx, Findings, Site};
use crate::statement::Construction;

/// Farthest `according to polling by Gallup` reads without a name phrase, in tokens.
const PLAIN_SOURCE_REACH: usize = 10;
/// Farthest a source may run on in lowercase words, in tokens.
const RUN_ON_REACH: usize = 24;
/// Returns true if and only if tokens `i` and `i + 1` are `according to`.
pub(super) fn opens(cx: &Ctx, i: usize) -> bool {
    cx.lower_is(i, "according") && cx.lower_is(i + 1, "to")
}

/// The statement of `according to` at `site.i`.
pub(super) fn find(cx: &Ctx, site: &Site, f: &mut Findings) {
    let Some(src) = source(cx, site) else {
        return;
    };
    let (sent, i) = (&site.sent, site.i);
    let before = sent.start..i;
    let after_start = if cx.toks.get(src.end).is_some_and(|t| t.is(',')) {
        src.end + 1
    } else {
        src.end
    };
    // "According to X, words." and "But the next day, according to X, words.": the words after;
    // "Words, according to X.": the words before.
    let after = after_start..sent.end;
    let content = if after_start > src.end
        && cx.words_in(after.clone()) >= 3
        && cx.words_in(before.clone()) >= 1
    {
        // The cue interrupts the words: the whole sentence.
        sent.start..sent.end
    } else if cx.words_in(before.clone()) >= 2 {
        before
    } else {
        after
    };
    f.push(
        cx,
        Construction::AccordingTo,
        (site.si, i..i + 2),
        content,
        src,
    );
}

/// The source after `according to`.
fn source(cx: &Ctx, site: &Site) -> Option<Range<usize>> {
    let (sent, i) = (&site.sent, site.i);
    // "according to polling by Gallup": the words up to a comma when no name phrase opens them.
    let plain = || {
        let reach = sent.end.min(i + PLAIN_SOURCE_REACH);
        let e = (i + 2..reach)
            .find(|&k| !cx.toks[k].is_word())
            .unwrap_or(reach);
        (e > i + 2).then_some(i + 2..e)
    };
    // (No introductory phrase to skip: "according to early results, ..." names its source.)
    let mut src = cx
        .np_forward(i + 2, sent.end)
        .filter(|r| !cx.toks[i + 2..r.start].iter().any(|t| t.is(',')))
        .or_else(plain)?;
    // "according to early results of exit polls conducted by Edison Research, ...": a source
    // that runs on in lowercase words takes them all, up to its comma or the sentence end.
    let stop = (src.end..sent.end.min(src.end + RUN_ON_REACH))
        .find(|&k| !cx.toks[k].is_word() || cx.toks[k].lex.cue.is_some() && !cx.toks[k].cap)
        .unwrap_or(sent.end);
    let runs_on = stop > src.end
        && (stop == sent.end || cx.toks[stop].is(',') || cx.toks[stop].is('.'))
        && cx
            .word(src.end)
            .is_some_and(|t| !cx.lists.according_clause_words.contains(&t.text(cx.text)));
    if runs_on {
        src.end = stop;
    }
    Some(src)
}

#[cfg(test)]
mod tests {
    use super::super::test_util::{check, Case};
    use super::super::Mode;

    #[test]
    fn according_to() {
        let cases: &[Case] = &[
            (
                "According to the ministry, the border is closed.",
                &[("the border is closed", "the ministry")],
            ),
            (
                "The border is closed, according to Spain’s foreign ministry.",
                &[("The border is closed", "Spain’s foreign ministry")],
            ),
            (
                "But the next day, according to Okafor, the talks collapsed.",
                &[(
                    "But the next day, according to Okafor, the talks collapsed",
                    "Okafor",
                )],
            ),
            (
                "According to early returns compiled by the state election board, turnout was high.",
                &[(
                    "turnout was high",
                    "early returns compiled by the state election board",
                )],
            ),
            (
                "Turnout was high, according to figures released by the county clerk.",
                &[(
                    "Turnout was high",
                    "figures released by the county clerk",
                )],
            ),
            (
                "Prices rose sharply last year, according to a survey by the Halden Institute.",
                &[(
                    "Prices rose sharply last year",
                    "a survey by the Halden Institute",
                )],
            ),
            // Not a cue: "according" without "to", and "according to plan".
            ("The team played according.", &[]),
            ("Seats are allocated accordingly to each party.", &[]),
        ];
        check(Mode::Body, cases);
    }
}
