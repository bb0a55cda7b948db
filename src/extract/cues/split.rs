//! Split quotations: a quotation interrupted by its attribution ("Q1," she said. "Q2.") is one
//! statement whose words are interrupted by the cue, one range from the first mark to the last.
//! Merges each quotation [`super::unattached`] gave a neighbour's speaker into that neighbour.

use super::{Candidate, Source};
use crate::statement::Construction;

/// Merges every `SameAs` candidate into the candidate it names, and drops it.
pub(super) fn merge(out: &mut Vec<Candidate>) {
    for k in 0..out.len() {
        if let Source::SameAs(a) = out[k].source {
            if let Some(anchor) = out.get(a).map(|c| c.content.clone()) {
                let merged =
                    anchor.start.min(out[k].content.start)..anchor.end.max(out[k].content.end);
                out[a].content = merged;
                out[a].construction = Construction::SplitQuote;
            }
        }
    }
    out.retain(|c| !matches!(c.source, Source::SameAs(_)));
}

#[cfg(test)]
mod tests {
    use super::super::test_util::{check, Case};
    use super::super::Mode;

    #[test]
    fn split_quotations() {
        let cases: &[Case] = &[
            (
                "“No,” she said. “Not this year.”",
                &[("No,” she said. “Not this year.", "she")],
            ),
            (
                "“The bridge is safe,” the engineer said, “and it will open on time.”",
                &[(
                    "The bridge is safe,” the engineer said, “and it will open on time.",
                    "the engineer",
                )],
            ),
            // Two speakers: two statements.
            (
                "“It is over,” said Ana Ruiz. Her rival said the count was not finished.",
                &[
                    ("It is over,", "Ana Ruiz"),
                    ("the count was not finished", "Her rival"),
                ],
            ),
        ];
        check(Mode::Body, cases);
    }
}
