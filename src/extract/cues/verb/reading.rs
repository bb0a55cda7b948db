//! Whether a speech-verb form is a cue where it stands: not a name ("United States"), not a word
//! inside a statement already found ("..., adding ..."), not a noun ("a report", "the call",
//! "Blinken's remarks"), not a passive or a negation ("was told", "did not say"), not an
//! infinitive that nobody said ("wants to tell"). Which verbs need a subject before them: the
//! `plain` and `noun` flags of `data/lexicon/cues.tsv`.

use super::super::super::gazetteer::Gazetteer;
use super::super::super::lexicon::{class, verb, CueForm, Lexicon};
use super::super::super::tokens::Token;
use super::super::context::{lower_in, Ctx, Findings, Site};

/// Returns true if and only if the speech verb of form `form` at `site.i` is a cue.
pub(in super::super) fn is_cue(cx: &Ctx, site: &Site, form: CueForm, f: &Findings) -> bool {
    !is_name(cx, site)
        && !nested(cx, site, form, f)
        && !blocked(cx, site, form)
        && has_particle(cx, site)
}

/// Returns true unless the verb needs a particle after it (`needs=` in `cues.tsv`: "pointed
/// out") and has none.
fn has_particle(cx: &Ctx, site: &Site) -> bool {
    let Some(cue) = cx.toks[site.i].lex.cue else {
        return true;
    };
    let Some(words) = Lexicon::get().verb_words(cue.lemma) else {
        return true;
    };
    words.needs.is_empty()
        || cx
            .word(site.i + 1)
            .is_some_and(|t| lower_in(t.text(cx.text), &words.needs))
}

/// A capitalised cue inside a sentence is a name ("United States"), and "United States" is a
/// place even in title case.
fn is_name(cx: &Ctx, site: &Site) -> bool {
    let i = site.i;
    if cx.toks[i].cap && i > site.sent.start && !cx.title_case {
        return true;
    }
    cx.toks[i].cap
        && i > 0
        && cx.toks[i - 1].is_word()
        && Gazetteer::get()
            .place(&[cx.toks[i - 1].text(cx.text), cx.toks[i].text(cx.text)])
            .is_some()
}

/// A gerund or a pronoun's cue inside the words of a statement already found is part of them
/// ("..., adding ...", "which he described as ...").
fn nested(cx: &Ctx, site: &Site, form: CueForm, f: &Findings) -> bool {
    let here = cx.toks[site.i].start;
    let inside = f
        .out
        .iter()
        .any(|c| c.content.start <= here && here < c.content.end);
    inside
        && (form == CueForm::Gerund
            || site
                .i
                .checked_sub(1)
                .and_then(|p| cx.word(p))
                .is_some_and(|p| p.has(class::PRON)))
}

/// Blocked readings, judged from the word before the verb: passives, negations, nouns.
fn blocked(cx: &Ctx, site: &Site, form: CueForm) -> bool {
    let i = site.i;
    let Some(p) = i.checked_sub(1).and_then(|p| cx.word(p)) else {
        return false;
    };
    if p.poss || lacks_subject(cx, i, form, p) {
        return true;
    }
    let text = cx.text;
    let article = lower_in(p.text(text), &cx.lists.articles);
    let modal = form == CueForm::Base && lower_in(p.text(text), &cx.lists.modals);
    // "was quoted as saying" is handled from "saying"; "the statement said" is not a det.
    if (p.has(class::BLOCK) || article || modal)
        && !(p.text(text).eq_ignore_ascii_case("that") || p.poss)
    {
        return true;
    }
    p.text(text).eq_ignore_ascii_case("to") && blocked_infinitive(cx, i)
}

/// Returns true if and only if the verb at `i` (after `p`) is a form that needs a subject-like
/// word before it and has none: a present form other than the plain verbs', or a word that is
/// a noun as often.
fn lacks_subject(cx: &Ctx, i: usize, form: CueForm, p: &Token) -> bool {
    let cue = cx.toks[i].lex.cue;
    let plain = cue.is_some_and(|c| c.has(verb::PLAIN));
    let noun_too = cue.is_some_and(|c| c.has(verb::NOUN));
    let subject_like = p.cap
        || p.has(class::PRON)
        || p.lex.role.is_some()
        || p.has(class::AUX)
        || (form != CueForm::Present && p.text(cx.text).ends_with('s'));
    (form == CueForm::Present && !plain
        || noun_too && form != CueForm::Past && form != CueForm::Gerund)
        && !subject_like
}

/// `to say` after a word that is neither a speech verb ("continued to say"), nor an auxiliary,
/// nor `went on`: an infinitive nobody said ("wants to tell").
fn blocked_infinitive(cx: &Ctx, i: usize) -> bool {
    let Some(pp) = i.checked_sub(2).and_then(|p| cx.word(p)) else {
        return false;
    };
    let went_on = cx.lower_is(i - 2, "on") && i >= 3 && cx.lower_is(i - 3, "went");
    pp.has(class::BLOCK) || pp.lex.cue.is_none() && !pp.has(class::AUX) && !went_on
}
