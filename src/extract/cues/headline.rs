//! `Name: words` labels: in headlines `Name: words` and `words: Name` ("Lavrov: talks were
//! useful"), in an entry headline only the quotations after the label, and in body text a
//! paragraph that opens with a short `Name:` (an interview, a transcript, a list of reactions).
//! Generic labels ("Analysis:", "Watch:"; `data/lexicon/generic_labels.txt`) name no speaker.

use std::ops::Range;

use super::super::lexicon::class;
use super::super::tokens::Kind;
use super::context::{Ctx, Findings};
use super::{Candidate, Mode, Source};
use crate::statement::{Construction, StatementKind};

/// Longest label of a body paragraph, in tokens before the colon.
const MAX_BODY_LABEL: usize = 4;
/// Longest label, in tokens.
const MAX_LABEL: usize = 5;
/// Longest label followed by a quotation, in tokens: "- Manchester United boss Sir Alex
/// Ferguson: “...”" names its speaker with a role.
const MAX_QUOTED_LABEL: usize = 8;
/// Fewest words after a body paragraph's label.
const MIN_BODY_WORDS: usize = 3;
/// The statements of a `Name:` label in a passage read as `mode`.
pub(super) fn find(cx: &Ctx, mode: Mode, f: &mut Findings) {
    let Some((source, content)) = label(cx, mode) else {
        return;
    };
    // Generic labels are no speakers.
    let first = cx.toks[source.start].text(cx.text).to_ascii_lowercase();
    if source.len() == 1 && cx.lists.generic_labels.contains(&first.as_str()) {
        return;
    }
    let pieces: Vec<Range<usize>> = if mode == Mode::EntryHeadline {
        content
            .clone()
            .filter(|&i| {
                cx.quote_of(i)
                    .is_some_and(|q| cx.text[q.inner.clone()].split_whitespace().count() >= 2)
            })
            .map(|i| i..i + 1)
            .collect()
    } else {
        vec![content]
    };
    for p in pieces {
        let Some(bytes) = cx.bytes(p.clone()) else {
            continue;
        };
        f.mark_used(cx, p.clone());
        let direct = p.len() == 1 && cx.quote_of(p.start).is_some();
        f.out.push(Candidate {
            at: bytes.start,
            content: bytes,
            kind: if direct {
                StatementKind::Direct
            } else {
                StatementKind::Indirect
            },
            source: Source::Phrase(source.clone()),
            cue: None,
            sentence: 0,
            construction: if mode == Mode::Body {
                Construction::NameLabel
            } else {
                Construction::HeadlineLabel
            },
        });
    }
}

/// The label and the words it introduces, as token ranges.
fn label(cx: &Ctx, mode: Mode) -> Option<(Range<usize>, Range<usize>)> {
    let n = cx.toks.len();
    // In body text only a paragraph that opens with "Name:" counts, after an optional dash.
    let lead = usize::from(
        mode == Mode::Body
            && cx
                .toks
                .first()
                .is_some_and(|t| matches!(t.kind, Kind::Punct('-' | '—' | '–' | '"'))),
    );
    let colon = cx.toks.iter().position(|t| t.is(':'))?;
    let quoted = cx.toks.get(colon + 1).is_some_and(|t| t.is_quote());
    let (max_body, max_label) = if quoted {
        (MAX_QUOTED_LABEL, MAX_QUOTED_LABEL)
    } else {
        (MAX_BODY_LABEL, MAX_LABEL)
    };
    if mode == Mode::Body
        && (colon > lead + max_body || colon <= lead || cx.words_in(colon + 1..n) < MIN_BODY_WORDS)
    {
        return None;
    }
    if names(cx, lead..colon, max_label) && colon + 1 < n {
        Some((lead..colon, colon + 1..n))
    } else if mode != Mode::Body && colon + 1 < n && names(cx, colon + 1..n, MAX_LABEL) && colon > 0
    {
        Some((colon + 1..n, 0..colon))
    } else {
        None
    }
}

/// Returns true if and only if tokens `r` can be a label: at most `max` capitalised words,
/// roles, articles or possessives.
fn names(cx: &Ctx, r: Range<usize>, max: usize) -> bool {
    !r.is_empty()
        && r.len() <= max
        && cx.toks[r.clone()].iter().all(|t| {
            t.is_word() && (t.cap || t.lex.role.is_some() || t.has(class::DET) || t.poss)
        })
        && cx.toks[r.clone()].iter().any(|t| t.cap || t.lex.role.is_some())
        // "Said Ellis: ..." is an inverted cue (see `colon`).
        && cx.toks[r.start].lex.cue.is_none()
}

#[cfg(test)]
mod tests {
    use super::super::test_util::{check, Case};
    use super::super::Mode;

    #[test]
    fn titles() {
        let cases: &[Case] = &[
            (
                "Lavrov: talks with the West were useful",
                &[("talks with the West were useful", "Lavrov")],
            ),
            (
                "Tax rises are coming: Chancellor",
                &[("Tax rises are coming", "Chancellor")],
            ),
            (
                "Mayor Ortiz: “We will rebuild every home”",
                &[("We will rebuild every home", "Mayor Ortiz")],
            ),
            // Generic labels and labels that are no names.
            ("Analysis: why the talks failed", &[]),
            ("Watch: the moment the bridge fell", &[]),
            ("Five things we learned: a look back at the summit", &[]),
            ("Storm closes schools across the region", &[]),
        ];
        check(Mode::Title, cases);
    }

    #[test]
    fn entry_headlines() {
        let cases: &[Case] = &[
            (
                "Blinken: “We are not going to give up”",
                &[("We are not going to give up", "Blinken")],
            ),
            // Only quotations count in an entry headline.
            ("Blinken: talks will go on", &[]),
            ("Blinken: “No”", &[]),
        ];
        check(Mode::EntryHeadline, cases);
    }

    #[test]
    fn body_labels() {
        let cases: &[Case] = &[
            (
                "HOST: Let us begin with the budget talks this morning.",
                &[("Let us begin with the budget talks this morning", "HOST")],
            ),
            (
                "— Jane Doe: The plan will never work in this city.",
                &[("The plan will never work in this city", "Jane Doe")],
            ),
            (
                "- Riverside United boss Sir Tom Hale: “We were the better side today.”",
                &[(
                    "We were the better side today.",
                    "Riverside United boss Sir Tom Hale",
                )],
            ),
            // A colon later in the paragraph, or too few words after it, is no label.
            ("The plan has three parts: taxes, roads and schools.", &[]),
            (
                "The report of the committee on Monday: “a failure of leadership”",
                &[],
            ),
            ("Update: none.", &[]),
        ];
        check(Mode::Body, cases);
    }
}
