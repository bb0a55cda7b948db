//! The words said in a speech-verb clause: after the verb, past an addressee ("told
//! reporters"), prepositional phrases and time words ("said in a statement on Monday that"), up
//! to a coordinated second verb of the same subject; or before the source ("“...,” she said",
//! "..., Lavrov said"); or around it when the cue is a parenthesis ("The economy, she said,
//! would recover").

use std::ops::Range;

use super::super::super::lexicon::{class, verb, Cue, CueForm, CueFrame, Lexicon};
use super::super::super::tokens::Kind;
use super::super::context::{lower_in, Ctx, Findings, Site};
use super::super::{called, colon};
use super::source::Subject;
use crate::statement::Construction;

/// Prepositional phrases and time words skipped after a verb, at most.
const MAX_ADJUNCTS: usize = 4;
/// Longest prepositional phrase skipped after a verb, in tokens.
const MAX_ADJUNCT_WORDS: usize = 7;
/// Farthest the comma closing an aside after a verb may stand, in tokens.
const ASIDE_REACH: usize = 8;
/// Most words after the source for "..., Name said." to take the words before it.
const MAX_TRAILING_WORDS: usize = 3;
/// Most words of a source that closes a clause ("..., a White House official said").
const MAX_SOURCE_WORDS: usize = 5;

/// Adds the words said with the speech verb `cue` at `site.i`, said by `subject`.
pub(super) fn find(cx: &Ctx, site: &Site, cue: Cue, subject: Subject, f: &mut Findings) {
    let sent = &site.sent;
    if subject.inverted {
        inverted(cx, site, subject.range, f);
        return;
    }
    // Content after the verb (skipping an addressee, prepositional phrases, time words).
    let mut k = site.i + 1;
    if cue.frame == CueFrame::Tell {
        k = skip_addressee(cx, k);
    }
    if cue.frame == CueFrame::Quote {
        called::find(cx, site, k, subject.range, f);
        return;
    }
    let mut before_src = subject.range.start;
    if before_src > sent.start && cx.toks[before_src - 1].is(',') {
        before_src -= 1;
    }
    if !around_source(cx, site, before_src, &subject.range, f) {
        words_after(cx, site, cue, (k, before_src), subject, f);
    }
}

/// The words around a source that stands before its verb: a quotation right before it ("“...,”
/// she said"), or the sentence when the cue is a parenthesis in it ("The industry, she said, is
/// doing better"). Returns true when it adds them; `before_src` is the source's first token, or
/// the comma before it.
fn around_source(
    cx: &Ctx,
    site: &Site,
    before_src: usize,
    source: &Range<usize>,
    f: &mut Findings,
) -> bool {
    let (sent, i) = (&site.sent, site.i);
    let how = (before_src, Construction::VerbBefore);
    if quotation_before(cx, site, how, source.clone(), f) {
        return true;
    }
    let parenthesis = before_src > sent.start
        && cx.toks[before_src].is(',')
        && cx.toks.get(i + 1).is_some_and(|t| t.is(','))
        && cx.words_in(i + 2..sent.end) >= 2;
    if parenthesis {
        let cue = (site.si, i..i + 1);
        let how = Construction::VerbParenthetical;
        f.push(cx, how, cue, sent.start..sent.end, source.clone());
    }
    parenthesis
}

/// The words after the verb, from token `k` (past an addressee), or else, when few words
/// follow, those before the source ("..., Name said.").
fn words_after(
    cx: &Ctx,
    site: &Site,
    cue: Cue,
    (k, before_src): (usize, usize),
    subject: Subject,
    f: &mut Findings,
) {
    let sent = &site.sent;
    let (source, cue_r) = (subject.range, (site.si, site.i..site.i + 1));
    let k = skip_adjuncts(cx, site, k);
    if colon::ends_passage(cx, k) {
        f.introduces = Some(source);
        return;
    }
    let mut k = skip_aside(cx, site, k);
    // "accused of ...".
    if Lexicon::get()
        .verb_words(cue.lemma)
        .is_some_and(|v| cx.lower_in(k, &v.skips))
    {
        k += 1;
    }
    let after = k..clause_end(cx, site, k, subject.relative);
    if after_ok(cx, site, k, after.clone()) {
        let how = if cue.form == CueForm::Gerund {
            Construction::VerbGerund
        } else {
            Construction::VerbAfter
        };
        f.push(cx, how, cue_r, after, source);
        return;
    }
    // "Asked whether ..., she replied": the words before are the question.
    let asked = cx.word(sent.start).is_some_and(|t| {
        t.lex
            .cue
            .is_some_and(|c| c.lemma == "ask" && c.form == CueForm::Past)
    });
    if before_src > sent.start
        && cx.toks[before_src].is(',')
        && cx.words_in(k..sent.end) <= MAX_TRAILING_WORDS
        && !asked
    {
        let how = Construction::VerbBefore;
        f.push(cx, how, cue_r, sent.start..before_src, source);
    }
}

/// The words of an inverted clause ("“...,” said Paul H. Chipok, a lawyer in Orlando", "...,
/// says Finance Minister Jane Doe"): those before the verb.
fn inverted(cx: &Ctx, site: &Site, source: Range<usize>, f: &mut Findings) {
    let (sent, i) = (&site.sent, site.i);
    if colon::said_name(cx, site, source.clone(), f) {
        return;
    }
    let mut b = i;
    if b > sent.start && cx.toks[b - 1].is(',') {
        b -= 1;
    }
    if quotation_before(cx, site, (b, Construction::VerbInverted), source.clone(), f) {
        return;
    }
    if cx.words_in(sent.start..b) >= 2 {
        f.push(
            cx,
            Construction::VerbInverted,
            (site.si, i..i + 1),
            sent.start..b,
            source,
        );
    }
}

/// When a quotation ends right before token `b`: adds it (or, when words come before it, the
/// sentence up to `b`) as found by `how` and returns true.
fn quotation_before(
    cx: &Ctx,
    site: &Site,
    (b, how): (usize, Construction),
    source: Range<usize>,
    f: &mut Findings,
) -> bool {
    let sent = &site.sent;
    if !(b > sent.start && cx.toks[b - 1].is_quote()) {
        return false;
    }
    let q = b - 1;
    let content = if cx.opens_sentence(sent, q) {
        q..q + 1
    } else {
        sent.start..b
    };
    // A second quotation after a colon or comma belongs to the same speaker (found later).
    f.push(cx, how, (site.si, site.i..site.i + 1), content, source);
    true
}

/// Skips the addressee after `told` at `k`: "told The Associated Press", "told reporters",
/// "told him".
fn skip_addressee(cx: &Ctx, mut k: usize) -> usize {
    let text = cx.text;
    if cx.word(k).is_some_and(|t| t.has(class::DET) || t.poss) {
        k += 1;
    }
    if cx.word(k).is_some_and(|t| t.cap) {
        while cx.word(k).is_some_and(|t| t.cap || t.poss) {
            k += 1;
        }
    } else if cx.word(k).is_some_and(|t| {
        !t.has(class::STOP | class::PRON) || lower_in(t.text(text), &cx.lists.addressee_pronouns)
    }) && !cx.lower_in(k, &cx.lists.content_openers)
    {
        k += 1;
    }
    k
}

/// Skips prepositional phrases and time words after the verb, from `k`.
fn skip_adjuncts(cx: &Ctx, site: &Site, mut k: usize) -> usize {
    let sent = &site.sent;
    let mut guard = 0;
    while k < sent.end && guard < MAX_ADJUNCTS {
        guard += 1;
        let Some(t) = cx.word(k) else {
            break;
        };
        if t.has(class::TIME) && !t.has(class::DET) {
            k += 1;
            continue;
        }
        // "said this week that ...".
        if t.has(class::TIME) && cx.word(k + 1).is_some_and(|n| n.has(class::TIME)) {
            k += 2;
            continue;
        }
        let w = t.text(cx.text).to_ascii_lowercase();
        // "said about the movement, “...”": a phrase that ends at a comma before a quotation.
        // "wrote to Roffman: “...”", "said of Johnson, “...”", "told to reporters that ...".
        let before_quote = cx.lists.quote_prepositions.contains(&w.as_str())
            && (k + 1..(k + 8).min(sent.end)).any(|m| {
                (cx.toks[m].is(',') || cx.toks[m].is(':'))
                    && cx.toks.get(m + 1).is_some_and(|t| t.is_quote())
                    || cx.lower_is(m, "that")
            });
        if t.has(class::PREP)
            && (before_quote || !cx.lists.content_prepositions.contains(&w.as_str()))
        {
            k = phrase_end(cx, site, k + 1);
            continue;
        }
        break;
    }
    k
}

/// The end of a prepositional phrase whose object starts at `m`: before `that`, a pronoun or a
/// speech verb, after a few words.
fn phrase_end(cx: &Ctx, site: &Site, mut m: usize) -> usize {
    let mut n = 0;
    while m < site.sent.end && n < MAX_ADJUNCT_WORDS {
        // A title inside the phrase: "on the MSNBC show ''Morning Joe'' that ...".
        if cx.toks[m].is_quote()
            && (cx.lower_is(m + 1, "that") || cx.word(m + 1).is_some_and(|t| t.has(class::PREP)))
        {
            m += 1;
            n += 1;
            continue;
        }
        let Some(u) = cx.word(m) else {
            break;
        };
        if u.text(cx.text).eq_ignore_ascii_case("that")
            || u.has(class::PRON) && !u.has(class::DET)
            || u.lex.cue.is_some()
        {
            break;
        }
        m += 1;
        n += 1;
    }
    m
}

/// Skips an aside after the verb ("said, apparently for the first time, that ...",
/// "acknowledged, however, “...”") and the colon or comma before the words ("said: “...”",
/// "say, jeez, ...").
fn skip_aside(cx: &Ctx, site: &Site, mut k: usize) -> usize {
    let sent = &site.sent;
    if cx.toks.get(k).is_some_and(|t| t.is(',')) {
        if let Some(c) = (k + 1..(k + ASIDE_REACH).min(sent.end)).find(|&m| cx.toks[m].is(',')) {
            if cx.lower_is(c + 1, "that") || cx.toks.get(c + 1).is_some_and(|t| t.is_quote()) {
                k = c + 1;
            }
        }
    }
    if cx
        .toks
        .get(k)
        .is_some_and(|t| t.is(':') || t.is(',') && k == site.i + 1)
        && cx
            .toks
            .get(k + 1)
            .is_some_and(|t| t.is_quote() || t.is_word() && !t.has(class::PREP))
        && k + 1 < sent.end
    {
        k += 1;
    }
    k
}

/// Where the words that start at `k` end: at a second speech verb of the same subject ("said
/// that ... and suggested that ..."), or inside ", who said ..., " at the clause's comma.
fn clause_end(cx: &Ctx, site: &Site, k: usize, relative: bool) -> usize {
    let sent = &site.sent;
    let coordinated = (k..sent.end)
        .find(|&m| {
            cx.lower_is(m, "and")
                && cx.word(m + 1).is_some_and(|t| {
                    !t.cap
                        && t.lex.cue.is_some_and(|c| {
                            matches!(c.form, CueForm::Past | CueForm::Present)
                                && c.frame == CueFrame::Say
                        })
                })
                && cx.lower_is(m + 2, "that")
        })
        .unwrap_or(sent.end);
    let coordinated = trailing_source(cx, k, coordinated).unwrap_or(coordinated);
    if relative {
        (k..coordinated)
            .find(|&m| cx.toks[m].is(','))
            .unwrap_or(coordinated)
    } else {
        coordinated
    }
}

/// The comma before a source that closes the clause ending at `end` ("urged him to act, a White
/// House official said."; "..., said one aide."): the words said end there, for they are that
/// source's report.
fn trailing_source(cx: &Ctx, k: usize, end: usize) -> Option<usize> {
    let mut last = end;
    while last > k && matches!(cx.toks[last - 1].kind, Kind::Punct(_)) {
        last -= 1;
    }
    let says = |i: usize| {
        cx.word(i).is_some_and(|t| {
            !t.cap
                && t.lex.cue.is_some_and(|c| {
                    matches!(c.form, CueForm::Past | CueForm::Present) && c.frame != CueFrame::Quote
                })
        })
    };
    let comma = (k + 1..last).rev().find(|&m| !cx.toks[m].is_word())?;
    let tail = comma + 1..last;
    let ok = cx.toks[comma].is(',')
        && (1..=MAX_SOURCE_WORDS).contains(&(tail.len() - 1))
        && (says(last - 1) || says(comma + 1))
        && cx.words_in(tail.clone()) == tail.len()
        // "Gorsuch will be confirmed" is no source.
        && !tail.clone().any(|m| {
            cx.toks[m].has(class::BLOCK | class::STOP) || cx.lower_in(m, &cx.lists.modals)
        });
    ok.then_some(comma)
}

/// Returns true if and only if tokens `after` (from `k`) are words said: at least two words,
/// not opening with a preposition (but `that`, or `to` of what was promised or asked) or
/// punctuation.
fn after_ok(cx: &Ctx, site: &Site, k: usize, after: Range<usize>) -> bool {
    // "vowed to put", "urged him to": an infinitive is what was promised or asked.
    let infinitive = cx.lower_is(k, "to")
        && cx.toks[site.i]
            .lex
            .cue
            .is_some_and(|c| c.has(verb::INFINITIVE))
        && (cx.word(k + 1).is_some_and(|t| !t.cap && !t.has(class::DET))
            || cx.toks.get(k + 1).is_some_and(|t| t.is_quote()));
    cx.words_in(after) >= 2
        && cx.word(k).is_none_or(|t| {
            !t.has(class::PREP) || t.text(cx.text).eq_ignore_ascii_case("that") || infinitive
        })
        && !cx
            .toks
            .get(k)
            .is_some_and(|t| matches!(t.kind, Kind::Punct(c) if c != '$'))
}
