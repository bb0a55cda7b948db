//! `quoted X as saying` and `cites X as saying`: the speaker is the object of the quoting verb,
//! not its subject (the outlet); the words are those after `saying`, or else those before the
//! outlet. The quoting verbs: `data/lexicon/quoting_verbs.txt`.

use super::context::{lower_in, Ctx, Findings, Site};
use crate::statement::Construction;

/// The statement of a gerund at `site.i` after `as` in `quoted X as saying`. Returns false
/// when no quoting verb comes before it, so that the gerund is read as a cue of its own.
pub(super) fn find(cx: &Ctx, site: &Site, f: &mut Findings) -> bool {
    let (sent, i) = (&site.sent, site.i);
    if !(cx.lower_is(i.wrapping_sub(1), "as") && i >= 2) {
        return false;
    }
    let as_at = i - 1;
    let verb = (sent.start..as_at).rev().find(|&k| {
        cx.word(k)
            .is_some_and(|t| lower_in(t.text(cx.text), &cx.lists.quoting_verbs))
    });
    let Some(v) = verb else {
        return false;
    };
    let src = v + 1..as_at;
    if src.is_empty() {
        return true;
    }
    let before = sent.start..v;
    let src_start = cx.np_back(v, sent.start).map_or(v, |r| r.start);
    let content_before = sent.start..src_start;
    let after = i + 1..sent.end;
    let content = if cx.words_in(after.clone()) >= 2 {
        after
    } else if cx.words_in(content_before.clone()) >= 2 {
        content_before
    } else {
        before
    };
    f.push(
        cx,
        Construction::QuotedAs,
        (site.si, i..i + 1),
        content,
        src,
    );
    true
}

#[cfg(test)]
mod tests {
    use super::super::test_util::{check, Case};
    use super::super::Mode;

    #[test]
    fn quoted_as_saying() {
        let cases: &[Case] = &[
            (
                "Moscow will reply next week, Interfax quoted the deputy minister as saying.",
                &[("Moscow will reply next week", "the deputy minister")],
            ),
            (
                "State media quoted Mr. Tan as saying the port would reopen on Monday.",
                &[("the port would reopen on Monday", "Mr. Tan")],
            ),
            (
                "The paper cited a senior official as saying that no deal was near.",
                &[("that no deal was near", "a senior official")],
            ),
            // No quoting verb, or nobody between it and "as".
            (
                "Critics quoted as saying the plan was dead could not be reached.",
                &[],
            ),
        ];
        check(Mode::Body, cases);
    }
}
