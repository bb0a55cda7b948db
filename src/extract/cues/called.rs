//! Verbs that only make a statement with a quotation or a complement (`quote` in
//! `data/lexicon/cues.tsv`): "called for ...", "called on Russia to ...", "called Palin a
//! “clown”", "described the race as “a superhighway”", "called climate change a hoax",
//! "described the plan as reckless". "She called a meeting" is no statement. Which verb takes
//! which link word or preposition: the `link=` and `keeps=` flags of `cues.tsv`.

use std::ops::Range;

use super::super::lexicon::{class, Lexicon};
use super::context::{Ctx, Findings, Site};
use crate::statement::Construction;

/// Farthest a quotation may stand after the verb, in tokens.
const QUOTE_REACH: usize = 12;
/// Farthest the link word ("a", "as") may stand after the verb's object, in tokens.
const LINK_REACH: usize = 7;

/// The statement of the verb at `site.i` whose object starts at token `k`, said by `source`.
pub(super) fn find(cx: &Ctx, site: &Site, k: usize, source: Range<usize>, f: &mut Findings) {
    let (sent, i, text) = (&site.sent, site.i, cx.text);
    let cue_r = i..i + 1;
    let words = cx.toks[i]
        .lex
        .cue
        .and_then(|c| Lexicon::get().verb_words(c.lemma));
    // "called for ...", "called on ... to ...": the call keeps its preposition.
    if words.is_some_and(|v| cx.lower_in(k, &v.keeps)) {
        f.push(
            cx,
            Construction::Called,
            (site.si, cue_r),
            k..sent.end,
            source,
        );
        return;
    }
    // "called Palin a “clown”", "described the race as “a superhighway”": the object with
    // the quotation.
    let q = (k..sent.end.min(k + QUOTE_REACH)).find(|&x| cx.toks[x].is_quote());
    if q.is_some_and(|q| names_a_thing(cx, i, q, &source)) {
        return;
    }
    if let Some(q) = q {
        let from = if cx.toks[k..q].iter().all(|t| t.is_word()) {
            k
        } else {
            q
        };
        f.push(
            cx,
            Construction::Called,
            (site.si, cue_r),
            from..q + 1,
            source,
        );
        return;
    }
    // "called climate change a hoax", "described the plan as reckless": an object, then
    // "a"/"an" (after "call") or "as" (after "describe"), without quotation marks.
    let link: &[&str] = words.map_or(&[], |v| &v.link);
    let object_ok = cx.word(k).is_some_and(|t| {
        !link.contains(&t.text(text))
            && (t.cap || t.has(class::DET) || cx.lists.object_pronouns.contains(&t.text(text)))
    });
    let m = (k + 1..sent.end.min(k + LINK_REACH))
        .take_while(|&m| cx.word(m).is_some())
        .find(|&m| link.contains(&cx.toks[m].text(text)));
    if let Some(m) = m.filter(|_| object_ok) {
        let end = (m..sent.end)
            .find(|&x| cx.toks[x].is(',') || cx.toks[x].is(';'))
            .unwrap_or(sent.end);
        if cx.words_in(m + 1..end) >= 1 {
            f.push(cx, Construction::Called, (site.si, cue_r), k..end, source);
        }
    }
}

/// "a new group of House conservatives called the “House Freedom Caucus”": the verb at `i`
/// names a thing, the noun before it, when that noun is no speaker's phrase `source` of one
/// word, and the quotation at token `q` follows the verb or a determiner, ends the clause and
/// is a name (every word capitalised).
fn names_a_thing(cx: &Ctx, i: usize, q: usize, source: &Range<usize>) -> bool {
    let noun_before = i > 0
        && source.start < i - 1
        && cx.word(i - 1).is_some_and(|t| {
            !t.cap && !t.has(class::AUX | class::PRON | class::STOP | class::PREP | class::DET)
        });
    let Some(quote) = cx.quote_of(q) else {
        return false;
    };
    let words: Vec<&str> = cx.text[quote.inner.clone()].split_whitespace().collect();
    // "called the “...”" names; "calling him “Lyin' Ted”" calls somebody a name, and "called
    // the “Fake News Media” the enemy" calls a thing something.
    let only_det = cx.toks[i + 1..q].iter().all(|t| t.has(class::DET));
    let closes_sentence = cx.text[quote.outer.clone()]
        .trim_end_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '!' && c != '?')
        .ends_with(['.', '!', '?']);
    let ends = closes_sentence
        || cx
            .word(q + 1)
            .is_none_or(|t| t.has(class::PREP | class::STOP) && !t.has(class::DET));
    noun_before
        && only_det
        && ends
        && !words.is_empty()
        && words.iter().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_numeric())
        })
}

#[cfg(test)]
mod tests {
    use super::super::test_util::{check, Case};
    use super::super::Mode;

    #[test]
    fn called_and_described() {
        let cases: &[Case] = &[
            (
                "She called on the West to end the “hysteria” at once.",
                &[("on the West to end the “hysteria” at once", "She")],
            ),
            (
                "He called the plan a “disaster” on Monday.",
                &[("the plan a “disaster", "He")],
            ),
            (
                "The governor has called the levy a tax on the poor.",
                &[("the levy a tax on the poor", "The governor")],
            ),
            (
                "Critics described the budget as reckless, but it passed.",
                &[("the budget as reckless", "Critics")],
            ),
            (
                "The union called for an inquiry into the crash.",
                &[("for an inquiry into the crash", "The union")],
            ),
            // A call that is no statement.
            ("She called a meeting for Monday.", &[]),
            ("He called his lawyer on Friday.", &[]),
            ("Troops held “Allied Resolve” drills on Monday.", &[]),
            ("The firm described its results in a filing.", &[]),
            // A participle naming the noun before it.
            (
                "Jordan heads a new group of House conservatives called the \"House Freedom Caucus.\" The members met.",
                &[],
            ),
            (
                "Trump has begun calling him “Lyin’ Ted” at rallies.",
                &[("him “Lyin’ Ted", "Trump")],
            ),
            (
                "The president called the “Fake News Media” the enemy of the people.",
                &[("the “Fake News Media", "The president")],
            ),
        ];
        check(Mode::Body, cases);
    }
}
