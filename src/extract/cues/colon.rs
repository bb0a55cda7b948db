//! Colon introductions: a cue that ends its passage with a colon ("Cruz continued:") introduces
//! the quotation that opens the next passage (the caller gives it that speaker), and an
//! inverted cue that opens its sentence ("Said Ellis: “...”") takes the words after its colon.
//! `Name:` labels without a verb are [`super::headline`]'s.

use std::ops::Range;

use super::context::{Ctx, Findings, Site};
use crate::statement::Construction;

/// Returns true if and only if token `k` is a colon that ends the passage.
pub(super) fn ends_passage(cx: &Ctx, k: usize) -> bool {
    cx.toks.get(k).is_some_and(|t| t.is(':')) && k + 1 >= cx.toks.len()
}

/// "Said Ellis: “...”": when the inverted verb at `site.i` opens its sentence and a colon ends
/// its `source`, adds the words after the colon and returns true.
pub(super) fn said_name(cx: &Ctx, site: &Site, source: Range<usize>, f: &mut Findings) -> bool {
    let (sent, i) = (&site.sent, site.i);
    if i == sent.start
        && cx.toks.get(source.end).is_some_and(|t| t.is(':'))
        && cx.words_in(source.end + 1..sent.end) >= 2
    {
        f.push(
            cx,
            Construction::VerbInverted,
            (site.si, i..i + 1),
            source.end + 1..sent.end,
            source,
        );
        return true;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::super::test_util::{check, passage, Case};
    use super::super::Mode;

    #[test]
    fn words_after_a_colon() {
        let cases: &[Case] = &[
            (
                "Said Ortiz: “Nobody here wants another strike.”",
                &[("Nobody here wants another strike.", "Ortiz")],
            ),
            (
                "The senator said: “We have the votes.”",
                &[("We have the votes.", "The senator")],
            ),
            // A colon that introduces a list is no statement.
            ("The menu had three dishes: soup, fish and cake.", &[]),
        ];
        check(Mode::Body, cases);
    }

    /// (passage, the source it introduces the next passage with, or "" for none)
    #[test]
    fn introductions_of_the_next_passage() {
        let cases: &[(&str, &str)] = &[
            ("Cruz said:", "Cruz"),
            ("At the rally on Friday, the mayor said:", "the mayor"),
            ("The minister told reporters:", "The minister"),
            // A colon inside the passage, or no cue before it.
            ("He said: the talks are over.", ""),
            ("The plan has three parts:", ""),
        ];
        for (text, want) in cases {
            let p = passage(text);
            let got = p
                .find(Mode::Body)
                .introduces
                .map_or(String::new(), |r| p.span(r));
            assert_eq!(&got, want, "help: introduction of {text:?}");
        }
    }
}
