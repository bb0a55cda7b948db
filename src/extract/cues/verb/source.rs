//! Who speaks in a speech-verb clause: the phrase after the verb when inverted ("..., said Mr.
//! Smith"), else the subject before it, past auxiliaries and adverbs ("has also repeatedly
//! said"), an appositive ("Name, a role somewhere, said"), a parenthesis ("Sen. Jo Reed
//! (D-R.I.) said"), a relative clause ("Priebus, who has said") or a first verb ("Rubio thanked
//! Miami and said"); for a gerund (", saying ...") the subject of the sentence, or of its own
//! absolute clause (", her spokeswoman telling CNN ...").

use std::ops::Range;

use super::super::super::gazetteer::Gazetteer;
use super::super::super::lexicon::{class, Cue, CueForm, CueFrame};
use super::super::super::mentions::{self, Mention};
use super::super::super::tokens::Token;
use super::super::context::{lower_in, Ctx, Findings, Site};
use super::super::Source;

/// Longest inverted source phrase, in tokens after the verb.
const MAX_INVERTED: usize = 10;
/// Fewest words after a verb for an appositive subject before it.
const MIN_WORDS_AFTER_APPOSITIVE: usize = 3;

/// Who speaks, and how the clause is built.
pub(super) struct Subject {
    /// Token range of the source phrase.
    pub range: Range<usize>,
    /// The source follows the verb ("said Mr. Smith").
    pub inverted: bool,
    /// The verb is in a relative clause (", who said ..., "): the words end with it.
    pub relative: bool,
}

impl Subject {
    fn plain(range: Range<usize>) -> Subject {
        Subject {
            range,
            inverted: false,
            relative: false,
        }
    }
}

fn is_break(t: &Token) -> bool {
    t.is(',') || t.is('—') || t.is('–') || t.is('―')
}

/// Who speaks with the speech verb `cue` at `site.i`.
pub(super) fn find(cx: &Ctx, site: &Site, cue: Cue, f: &Findings) -> Option<Subject> {
    let (sent, i) = (&site.sent, site.i);
    // A sentence opening with a label's word, its gerund before a colon, is a label ("What
    // they're saying:"), nobody's verb; ", adding: ..." is the subject's.
    let label = cue.form == CueForm::Gerund
        && cx.toks.get(i + 1).is_some_and(|t| t.is(':'))
        && cx.lower_in(sent.start, &cx.lists.generic_labels);
    if label {
        return None;
    }
    let mut subject = None;
    if cue.form != CueForm::Gerund && cue.frame != CueFrame::Tell && boundary_before(cx, site) {
        subject = inverted(cx, site).map(|range| Subject {
            range,
            inverted: true,
            relative: false,
        });
    }
    let j = verb_group_start(cx, site);
    if subject.is_none() && cue.form == CueForm::Gerund {
        subject = absolute(cx, site).map(Subject::plain);
    }
    if subject.is_none() && cue.form == CueForm::Gerund {
        // ", saying ...": the subject of the sentence.
        subject = cx
            .np_forward(sent.start, i)
            .filter(|r| r.end < i)
            .map(Subject::plain);
    }
    if subject.is_none() && j > sent.start {
        subject = before_verb(cx, site, j);
    }
    if subject.is_none() && cue.form == CueForm::Gerund {
        subject = f
            .out
            .iter()
            .rev()
            .find_map(|c| match &c.source {
                Source::Phrase(r) if c.sentence == site.si => Some(r.clone()),
                _ => None,
            })
            .map(Subject::plain);
    }
    subject.filter(|s| s.inverted || !asks_or_commands(cx, site, &s.range))
}

/// Returns true if and only if the subject phrase `r` opens a sentence that asks or commands:
/// an auxiliary that is no first name (class `ASKS`, `data/lexicon/question_openers.txt`)
/// first, in a question ("Has the press asked her ...?", "Can you imagine him telling ...?")
/// or in the negative ("Don't say: ..."). Nobody is reported saying anything there.
fn asks_or_commands(cx: &Ctx, site: &Site, r: &Range<usize>) -> bool {
    let sent = &site.sent;
    let Some(first) = cx.word(sent.start) else {
        return false;
    };
    // "Will Hurd asked ...": a first name is no auxiliary.
    let opener = r.start == sent.start && !first.first_name && first.has(class::ASKS);
    let question = sent.end > sent.start && cx.toks[sent.end - 1].is('?');
    let negative = first.text(cx.text).contains(['\'', '’']);
    opener && (question || negative)
}

/// Longest subject of an absolute clause, in tokens.
const MAX_ABSOLUTE: usize = 6;

/// "Mrs. Trump pushed back, her spokeswoman telling CNN that ...": a gerund after a comma and
/// a person's phrase has that phrase for its subject, not the sentence's.
fn absolute(cx: &Ctx, site: &Site) -> Option<Range<usize>> {
    let (sent, i) = (&site.sent, site.i);
    let comma = (sent.start..i).rev().find(|&k| is_break(&cx.toks[k]))?;
    let r = comma + 1..i;
    let fits = !r.is_empty()
        && r.len() <= MAX_ABSOLUTE
        && cx.toks[r.clone()].iter().all(Token::is_word)
        && cx.np_forward(r.start, i) == Some(r.clone())
        && matches!(
            mentions::read(cx.text, &cx.toks[r.clone()], Gazetteer::get()),
            Some(Mention::Person(_) | Mention::Role(_))
        );
    fits.then_some(r)
}

/// Returns true if and only if the verb at `site.i` opens its clause: the sentence start, a
/// quotation, or a comma that does not close an appositive subject.
fn boundary_before(cx: &Ctx, site: &Site) -> bool {
    let (sent, i) = (&site.sent, site.i);
    let after_quote = i > sent.start
        && (cx.toks[i - 1].is_quote()
            || (i >= 2 && cx.toks[i - 1].is(',') && cx.toks[i - 2].is_quote()));
    let after_comma = i > sent.start && cx.toks[i - 1].is(',');
    // "Name, a role somewhere, said ...": the clause opens with the subject and an appositive.
    let appositive_subject = after_comma && !after_quote && {
        let clause = cx.clause_mark(sent, i - 1).map_or(sent.start, |k| k + 1);
        cx.np_forward(clause, i - 1).is_some_and(|r| {
            cx.toks
                .get(cx.skip_parens(r.end))
                .is_some_and(|t| t.is(','))
                && cx.toks[r.clone()].iter().any(|t| t.cap && t.is_word())
                && cx.person_like(r)
        }) && cx.words_in(i + 1..sent.end) >= MIN_WORDS_AFTER_APPOSITIVE
    };
    i == sent.start || after_quote || (after_comma && !appositive_subject)
}

/// "said election lawyer Joe Birkenstock, ...": the phrase after the verb up to a comma or the
/// end, when it ends the clause and holds no verb ("said he has spoken" is not inverted).
fn inverted(cx: &Ctx, site: &Site) -> Option<Range<usize>> {
    let (sent, i) = (&site.sent, site.i);
    let ends_phrase = |e: usize| {
        let t = &cx.toks[e];
        e > i + 1
            && t.has(class::STOP)
            && !t.has(class::DET)
            && !cx.lists.inverted_name_prepositions.contains(&t.text(cx.text))
            // "said one source on the panel", "said a lawyer in Orlando", but not "said Jane
            // Roe on Friday".
            && !(cx.lists.place_prepositions.contains(&t.text(cx.text))
                && cx
                    .word(e + 1)
                    .is_some_and(|n| (n.cap || n.has(class::DET)) && !n.has(class::TIME)))
    };
    let mut e = i + 1;
    while e < sent.end && e <= i + MAX_INVERTED && cx.toks[e].is_word() && !ends_phrase(e) {
        e += 1;
    }
    let r = i + 1..e;
    // The phrase must end the clause ("said Mr. Smith." / "said Mr. Smith, a lawyer").
    // "said Jane Roe on Friday.": a time phrase may follow the name.
    let time_follows = e < sent.end
        && cx
            .lists
            .place_prepositions
            .contains(&cx.toks[e].text(cx.text))
        && cx.word(e + 1).is_some_and(|n| n.has(class::TIME));
    let ends_clause =
        e >= sent.end || !cx.toks[e].is_word() && !cx.toks[e].is_quote() || time_follows;
    let ok = !r.is_empty()
        && ends_clause
        && cx.toks[r.clone()]
            .iter()
            .any(|t| t.cap || t.lex.role.is_some() || t.has(class::PRON | class::DET))
        && !cx.toks[r.clone()]
            .iter()
            .any(|t| t.has(class::AUX | class::BLOCK) && !t.cap)
        && !cx.toks[i + 1].has(class::PREP | class::TIME);
    ok.then_some(r)
}

/// The first token of the verb group ending with the verb at `site.i`: auxiliaries, adverbs
/// and time words before it ("has also said", "on Sunday said", "went on to say").
fn verb_group_start(cx: &Ctx, site: &Site) -> usize {
    let (sent, text) = (&site.sent, cx.text);
    let mut j = site.i;
    while j > sent.start
        && cx.word(j - 1).is_some_and(|t| {
            (!t.cap
                && (t.has(class::AUX) || t.text(text).ends_with("ly")))
                || (t.has(class::TIME) && !t.has(class::DET))
                // "just this month announced".
                || (t.has(class::TIME) && cx.word(j).is_some_and(|n| n.has(class::TIME)))
                || (t.cap && t.has(class::TIME) && j >= 2 && cx.lower_is(j - 2, "on"))
        })
    {
        j -= 1;
        // "continued to say", "went on to say".
        if cx.lower_is(j, "to") && j > sent.start {
            if cx
                .word(j - 1)
                .is_some_and(|t| !t.cap && t.lex.cue.is_some())
            {
                j -= 1;
            } else if j >= sent.start + 2 && cx.lower_is(j - 1, "on") && cx.lower_is(j - 2, "went")
            {
                j -= 2;
            }
        }
        // "on Sunday", "last week".
        if j > sent.start && (cx.lower_is(j - 1, "on") || cx.lower_is(j - 1, "last")) {
            j -= 1;
        }
    }
    j
}

/// The subject before the verb group that starts at `j`.
fn before_verb(cx: &Ctx, site: &Site, j: usize) -> Option<Subject> {
    let sent = &site.sent;
    let before = &cx.toks[j - 1];
    if is_break(before) {
        after_break(cx, site, j).map(Subject::plain)
    } else if before.is(')') {
        cx.np_back(cx.unparen(j), sent.start).map(Subject::plain)
    } else if before.is_word() && before.text(cx.text).eq_ignore_ascii_case("who") {
        // "Priebus, who has said ...": the phrase the relative clause hangs on.
        relative_head(cx, site, j - 1).map(|(range, relative)| Subject {
            range,
            inverted: false,
            relative,
        })
    } else if before.is_word() && lower_in(before.text(cx.text), &["and", "but"]) {
        second_verb(cx, site, j).map(Subject::plain)
    } else {
        let r = cx.np_back(j, sent.start)?;
        match headless_tail(cx, site, &r) {
            // "Residents who lost homes say", "members of Congress, who all say": the residents,
            // the members.
            Some(w) if cx.lower_is(w, "who") => {
                relative_head(cx, site, w).map(|(range, _)| Subject::plain(range))
            }
            // "The men accused of fraud say": not the fraud, and the men too far back to read.
            // The words are still said, by nobody named.
            Some(_) => Some(Subject::plain(j..j)),
            None => match clause_who(cx, site, &r) {
                // "A man who worked with Mr. Lee said": the man.
                Some(w) => relative_head(cx, site, w).map(|(range, _)| Subject::plain(range)),
                None => Some(Subject::plain(people_at_place(cx, site, r))),
            },
        }
    }
}

/// The phrase a relative clause opening with "who" at `who` hangs on, and whether a comma
/// sets the clause off ("Priebus, who has said").
fn relative_head(cx: &Ctx, site: &Site, who: usize) -> Option<(Range<usize>, bool)> {
    let relative = who > site.sent.start && cx.toks[who - 1].is(',');
    let w = if relative { who - 1 } else { who };
    let mut range = cx.np_back(cx.unparen(w), site.sent.start)?;
    // "Many of the lawmakers who ...": the count the phrase is part of.
    if cx.lower_is(range.start, "of")
        && range.start > site.sent.start
        && cx
            .word(range.start - 1)
            .is_some_and(|t| !t.cap || t.has(class::DET))
    {
        range.start -= 1;
    }
    Some((range, relative))
}

/// A subject phrase of capitalised words after a place preposition after a role ("supporters on
/// Capitol Hill say"), read back to the people it places: the role's phrase and the place.
fn people_at_place(cx: &Ctx, site: &Site, r: Range<usize>) -> Range<usize> {
    let Some(w) = r.start.checked_sub(1).filter(|&w| w > site.sent.start) else {
        return r;
    };
    let placed = cx.toks[r.clone()].iter().all(|t| t.cap || !t.is_word())
        && cx.lower_in(w, &cx.lists.place_prepositions)
        && cx
            .word(w - 1)
            .is_some_and(|t| t.lex.role.is_some() && !t.poss);
    match cx.np_back(w, site.sent.start) {
        Some(back) if placed && back.end == w => back.start..r.end,
        _ => r,
    }
}

/// For a subject phrase `r` of lowercase words alone (no name, role, pronoun or article) right
/// after "who" or a preposition, or of two words or more opening with such a word after "who",
/// the index of that word: the phrase is the end of a relative clause ("who lost homes", "who
/// answered Solid Rock's phone") or the object of a preposition ("accused of fraud"), and the
/// subject is further back.
///
/// One plural noun after "who" is the subject of its own clause ("Rosenstein, who confidants
/// said ..."); "at least" opens a count ("At least five men have said"); some prepositions open
/// a clause (`data/lexicon/clause_prepositions.txt`: "after eight women told").
fn headless_tail(cx: &Ctx, site: &Site, r: &Range<usize>) -> Option<usize> {
    let w = r.start.checked_sub(1).filter(|&w| w >= site.sent.start)?;
    let lowercase = |t: &Token| !t.cap && t.lex.role.is_none() && !t.has(class::PRON | class::DET);
    let headless = cx.toks[r.clone()].iter().all(lowercase);
    let plural = r.len() == 1 && cx.toks[r.start].text(cx.text).ends_with('s');
    let count = cx.lower_in(r.start, &["least", "most"]) && cx.lower_is(w, "at");
    let object = cx.word(w).is_some_and(|t| t.has(class::PREP))
        && !cx.lower_in(w, &cx.lists.clause_prepositions)
        && !count;
    // "A woman who answered Solid Rock's phone told": a phrase after "who" that opens with a
    // lowercase word (the clause's verb) is the clause's end, whatever names it holds.
    let verb_first = r.len() >= 2 && cx.word(r.start).is_some_and(lowercase);
    let after_who = cx.lower_is(w, "who") && !plural && (headless || verb_first);
    (headless && object || after_who).then_some(w)
}

/// The most lowercase words between "who" and a subject phrase that ends its clause.
const MAX_CLAUSE_WORDS: usize = 6;

/// For a subject phrase `r` that is the object of a preposition ending a relative clause that
/// opens with "who" and its verb ("a man who worked with Mr. Lee at Acme Foods said"), the
/// index of "who": only lowercase words lie between them, the first no role, pronoun or
/// article. A phrase right after "who" is that clause's own subject ("the aide who Ms. Ruiz
/// said"), and so is one after other words ("who runs what she described as"): not taken here.
fn clause_who(cx: &Ctx, site: &Site, r: &Range<usize>) -> Option<usize> {
    let object = r
        .start
        .checked_sub(1)
        .and_then(|p| cx.word(p))
        .is_some_and(|t| t.has(class::PREP));
    if !object {
        return None;
    }
    let mut k = r.start;
    while k > site.sent.start && r.start - k <= MAX_CLAUSE_WORDS {
        cx.word(k - 1).filter(|t| !t.cap)?;
        if cx.lower_is(k - 1, "who") {
            let verb = cx.word(k).is_some_and(|v| {
                !v.cap && v.lex.role.is_none() && !v.has(class::PRON | class::DET)
            });
            return (k < r.start && verb).then_some(k - 1);
        }
        k -= 1;
    }
    None
}

/// "Name, a role of somewhere, said": the phrase that opens the clause; "The author of the
/// book, Mitchell Zuckoff, said": a name right before the verb; "Senator Harry Reid, the
/// minority leader, said": the phrase before the appositive.
fn after_break(cx: &Ctx, site: &Site, j: usize) -> Option<Range<usize>> {
    let sent = &site.sent;
    let c1 = j - 1;
    let clause = cx.clause_mark(sent, c1).map_or(sent.start, |k| {
        if cx.toks.get(k + 1).is_some_and(|t| t.is(',')) {
            k + 2
        } else {
            k + 1
        }
    });
    if let Some(r) = cx.np_forward(clause, c1) {
        let after = cx.skip_parens(r.end);
        if cx.toks.get(after).is_some_and(is_break) && after < c1 {
            return Some(r);
        }
    }
    let c0 = (clause..c1).rev().find(|&k| is_break(&cx.toks[k]));
    let seg_start = c0.map_or(clause, |k| k + 1);
    let seg = cx.np_back(cx.unparen(c1), seg_start).filter(|r| {
        r.start == seg_start
            && r.len() >= 2
            && cx.toks[r.start].cap
            && !cx.toks[r.start].has(class::DET)
            && cx.names_person(r.clone())
    });
    seg.or_else(|| {
        c0.and_then(|c0| cx.np_back(cx.unparen(c0), clause))
            .filter(|r| cx.person_like(r.clone()))
    })
}

/// "X thanked Miami and said": X opens the clause the first verb is in, which is the sentence,
/// unless a subordinate clause holds it ("Some booed, and when Rubio thanked Miami and said
/// ...").
fn second_verb(cx: &Ctx, site: &Site, j: usize) -> Option<Range<usize>> {
    let sent = &site.sent;
    let sub = (sent.start..j.saturating_sub(1))
        .rev()
        .find(|&k| cx.lower_in(k, &cx.lists.subordinators));
    sub.and_then(|k| cx.np_forward(k + 1, j - 1))
        .filter(|r| {
            r.end < j
                // The subordinate clause runs on to the verb: no comma in between.
                && !cx.toks[r.end..j].iter().any(|t| t.is(','))
                && cx.toks[r.clone()]
                    .iter()
                    .any(|t| t.cap || t.lex.role.is_some())
                && cx.person_like(r.clone())
        })
        .or_else(|| cx.np_forward(sent.start, j - 1).filter(|r| r.end < j))
}
