//! Coordinated statements: "Cruz said he'd make sand glow, and Trump vowed to bomb them": the
//! first statement's words end where a coordinated second statement (after `and`, `but` or a
//! semicolon) begins.

use super::super::tokens::Kind;
use super::context::Ctx;
use super::{Candidate, Source};

/// Cuts every statement's words before the source of a statement coordinated inside them.
pub(super) fn cut(cx: &Ctx, out: &mut [Candidate]) {
    let toks = cx.toks;
    let starts: Vec<(usize, usize)> = out
        .iter()
        .filter_map(|c| match &c.source {
            Source::Phrase(r) => Some((r.start, toks.get(r.start)?.start)),
            _ => None,
        })
        .collect();
    for c in out.iter_mut() {
        for &(ti, at) in &starts {
            if !(c.content.start < at && at < c.content.end) || ti < 2 {
                continue;
            }
            let coordinated = toks[ti - 1].is_word()
                && matches!(toks[ti - 1].text(cx.text), "and" | "but")
                || toks[ti - 1].is(';');
            if !coordinated {
                continue;
            }
            let mut e = ti - 1;
            while e > 0 && matches!(toks[e - 1].kind, Kind::Punct(',' | ';')) {
                e -= 1;
            }
            let end_of = |p: usize| match toks[p].kind {
                Kind::Quote(q) => cx
                    .quotes
                    .get(q as usize)
                    .map_or(toks[p].end, |q| q.inner.end),
                _ => toks[p].end,
            };
            if let Some(end) = e.checked_sub(1).map(end_of) {
                if end > c.content.start {
                    c.content.end = c.content.end.min(end);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_util::{check, Case};
    use super::super::Mode;

    #[test]
    fn coordinated_statements() {
        let cases: &[Case] = &[
            (
                "Cruz said he would cut taxes, and Trump vowed to build a wall.",
                &[("he would cut taxes", "Cruz"), ("to build a wall", "Trump")],
            ),
            (
                "The mayor said the roads were safe; the police said they were not.",
                &[
                    ("the roads were safe", "The mayor"),
                    ("they were not", "the police"),
                ],
            ),
            // One speaker: nothing to cut.
            (
                "The mayor said the roads were safe and the bridges were sound.",
                &[(
                    "the roads were safe and the bridges were sound",
                    "The mayor",
                )],
            ),
        ];
        check(Mode::Body, cases);
    }
}
