//! Attributions: finds, in one passage, the speech cues (`said`, `told reporters`, `according
//! to`, `quoted ... as saying`, a headline's `Name:`), the source phrase of each and the words
//! said, and attaches quotations that have no cue of their own to their neighbours.
//!
//! Works on the tokens of one passage (see [`super::tokens`]), left to right; produces
//! [`Candidate`]s whose sources are still phrases. Who a phrase names is [`super::coref`]'s
//! business.

use std::ops::Range;

use super::lexicon::{class, CueForm, CueFrame};
use super::quotes::QuoteSpan;
use super::tokens::{Kind, Token};
use crate::statement::StatementKind;

/// Where a candidate's speaker comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// A phrase of the passage: indices into its tokens.
    Phrase(Range<usize>),
    /// The same speaker as another candidate of the passage (index into the output list).
    SameAs(usize),
    /// The speaker of the statement before (a quotation that continues a speaker's words).
    Previous,
}

/// A statement found, before its speaker is resolved.
#[derive(Clone, Debug)]
pub struct Candidate {
    /// The words said: bytes of the article text.
    pub content: Range<usize>,
    /// Direct or indirect.
    pub kind: StatementKind,
    /// Where the speaker comes from.
    pub source: Source,
    /// The cue word as written.
    pub cue: Option<Range<usize>>,
    /// Index of the sentence (in the passage) holding the source.
    pub sentence: usize,
    /// Byte position used to order statements and find antecedents.
    pub at: usize,
}

/// How a passage is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Body text: every construction.
    Body,
    /// An article headline: `Name: words` counts too.
    Title,
    /// A live-blog entry headline: only quotations count (the entry says the rest).
    EntryHeadline,
}

struct Ctx<'a> {
    text: &'a str,
    toks: &'a [Token],
    quotes: &'a [QuoteSpan],
    /// The source of a cue that ends the passage with a colon (`Cruz continued:`).
    introduces: std::cell::Cell<Option<(usize, usize)>>,
    /// Returns true for a passage in title case ("Trevor Noah Says Trump Is ..."), where a
    /// capitalised cue is still a cue.
    title_case: bool,
}

/// What one passage holds: its statements, and the source of a cue that ends it with a colon
/// and so introduces the quotation that opens the next passage.
#[derive(Clone, Debug, Default)]
pub struct Attributions {
    /// The statements found.
    pub candidates: Vec<Candidate>,
    /// Token range of the source phrase of a closing `Name said:`.
    pub introduces: Option<Range<usize>>,
}

impl Ctx<'_> {
    fn word(&self, i: usize) -> Option<&Token> {
        self.toks.get(i).filter(|t| t.is_word())
    }

    fn lower_is(&self, i: usize, w: &str) -> bool {
        self.word(i)
            .is_some_and(|t| t.text(self.text).eq_ignore_ascii_case(w))
    }

    fn quote_of(&self, i: usize) -> Option<&QuoteSpan> {
        match self.toks.get(i)?.kind {
            Kind::Quote(q) => self.quotes.get(q),
            _ => None,
        }
    }

    /// Byte range of tokens `r`, quotations at the edges cut to the words inside their marks
    /// and trailing punctuation dropped.
    fn bytes(&self, r: Range<usize>) -> Option<Range<usize>> {
        let mut a = r.start;
        let mut b = r.end.min(self.toks.len());
        while b > a && matches!(self.toks[b - 1].kind, Kind::Punct(_)) {
            b -= 1;
        }
        while a < b
            && matches!(self.toks[a].kind, Kind::Punct(c) if c != '$' && c != '(' && c != '[')
        {
            a += 1;
        }
        if a >= b {
            return None;
        }
        let start = self
            .quote_of(a)
            .map_or(self.toks[a].start, |q| q.inner.start);
        let end = self
            .quote_of(b - 1)
            .map_or(self.toks[b - 1].end, |q| q.inner.end);
        (start < end).then_some(start..end)
    }

    fn words_in(&self, r: Range<usize>) -> usize {
        self.toks[r.start.min(self.toks.len())..r.end.min(self.toks.len())]
            .iter()
            .map(|t| match t.kind {
                Kind::Word => 1,
                Kind::Quote(q) => self
                    .quotes
                    .get(q)
                    .map_or(0, |q| self.text[q.inner.clone()].split_whitespace().count()),
                Kind::Punct(_) => 0,
            })
            .sum()
    }

    /// Returns true if and only if token `i` may be part of a source phrase.
    fn np_word(&self, i: usize) -> bool {
        let Some(t) = self.word(i) else {
            return false;
        };
        if t.lex.cue.is_some() && !t.cap {
            return false;
        }
        !t.has(class::STOP) || t.has(class::DET) && !t.text(self.text).eq_ignore_ascii_case("that")
    }

    /// The source phrase ending right before `end` (exclusive), walking back over at most a few
    /// words, never past `floor`.
    fn np_back(&self, end: usize, floor: usize) -> Option<Range<usize>> {
        let mut s = end;
        let mut lower_words = 0;
        while s > floor {
            let i = s - 1;
            if self.np_word(i) {
                let t = &self.toks[i];
                if !t.cap && t.lex.role.is_none() && !t.has(class::DET | class::PRON) {
                    lower_words += 1;
                    if lower_words > 4 {
                        break;
                    }
                }
                s -= 1;
                continue;
            }
            // "Secretary of State", "the security services in Kyiv", "Aides to Clinton".
            let inner_prep = self.word(i).is_some_and(|t| {
                let w = t.text(self.text);
                matches!(w, "of" | "in" | "to" | "for" | "at")
            }) && i > floor
                && self.np_word(i - 1)
                && s < end;
            if inner_prep {
                s -= 1;
                continue;
            }
            // "People briefed on the move", "sources familiar with the talks", "aides close to
            // Clinton", "officials with knowledge of the plan": the people, not the matter.
            let postmod = i >= floor + 2
                && s < end
                && self.word(i).is_some_and(|t| {
                    matches!(t.text(self.text), "on" | "with" | "to" | "about" | "of")
                })
                && self.word(i - 1).is_some_and(|t| {
                    matches!(
                        t.text(self.text),
                        "briefed"
                            | "familiar"
                            | "close"
                            | "closest"
                            | "knowledgeable"
                            | "involved"
                            | "loyal"
                            | "allied"
                            | "linked"
                            | "informed"
                            | "privy"
                            | "knowledge"
                    )
                })
                && (self.np_word(i - 2) || self.lower_is(i - 2, "with"));
            // "Officials with knowledge of ...".
            let with_knowledge = self.lower_is(i, "with")
                && self.lower_is(i + 1, "knowledge")
                && i > floor
                && self.np_word(i - 1);
            if with_knowledge {
                s -= 1;
                continue;
            }
            if postmod {
                s = if self.lower_is(i - 2, "with") {
                    i - 2
                } else {
                    i - 1
                };
                continue;
            }
            // "Edwards and others", "Clinton and Sanders".
            let joined = self.lower_is(i, "and")
                && i > floor
                && self
                    .word(i - 1)
                    .is_some_and(|t| t.cap || t.has(class::PRON))
                && s < end;
            if joined {
                s -= 1;
                continue;
            }
            break;
        }
        // Drop leading prepositions and clause words.
        while s < end
            && self
                .word(s)
                .is_some_and(|t| t.has(class::PREP | class::STOP) && !t.has(class::DET))
        {
            s += 1;
        }
        if s >= end || end - s > 12 {
            return None;
        }
        // A phrase must have a head: a capitalised word, a pronoun, a role, or a noun after an
        // article or a number ("the airline", "14 percent", "others").
        let ok = self.toks[s..end].iter().any(|t| {
            t.cap || t.has(class::PRON) || t.lex.role.is_some() || t.has(class::DET) && end - s > 1
        }) || (end - s <= 3
            && self
                .word(end - 1)
                .is_some_and(|t| !t.has(class::STOP | class::AUX)));
        ok.then_some(s..end)
    }

    /// The index after a parenthesis that opens at `i` (`(D-R.I.)`), or `i`.
    fn skip_parens(&self, i: usize) -> usize {
        if !self.toks.get(i).is_some_and(|t| t.is('(')) {
            return i;
        }
        (i + 1..(i + 10).min(self.toks.len()))
            .find(|&k| self.toks[k].is(')'))
            .map_or(i, |k| k + 1)
    }

    /// For a phrase ending at `end` (exclusive) with a parenthesis (`Sen. Jack Reed (D-R.I.)`),
    /// the end before the parenthesis; otherwise `end`.
    fn unparen(&self, end: usize) -> usize {
        if end == 0 || !self.toks.get(end - 1).is_some_and(|t| t.is(')')) {
            return end;
        }
        (end.saturating_sub(10)..end - 1)
            .rev()
            .find(|&k| self.toks[k].is('('))
            .unwrap_or(end)
    }

    /// The source phrase starting at `start`: capitalised words, articles, possessives, roles,
    /// up to a comma or the end of the phrase.
    fn np_forward(&self, start: usize, limit: usize) -> Option<Range<usize>> {
        let mut e = start;
        while e < limit
            && matches!(
                self.toks[e].kind,
                Kind::Punct('(' | '[' | '—' | '–' | '―' | '-')
            )
        {
            e += 1;
        }
        // Skip sentence openers: "But", "And", "However,".
        while e < limit
            && self.word(e).is_some_and(|t| {
                matches!(
                    t.text(self.text).to_ascii_lowercase().as_str(),
                    "but" | "and" | "however" | "meanwhile" | "still" | "so" | "yet"
                )
            })
        {
            e += 1;
            if self.toks.get(e).is_some_and(|t| t.is(',')) {
                e += 1;
            }
        }
        // A dateline: "WASHINGTON — ...", "ORLANDO, Fla. — ...", "PARIS, Dec. 8 (AFP) — ...",
        // or a run-in heading in capitals ("CONGRESS HAS INVESTIGATED HIM — ...").
        let caps = |t: &Token| {
            t.is_word()
                && t.text(self.text).chars().any(char::is_alphabetic)
                && t.text(self.text).chars().all(|c| !c.is_lowercase())
        };
        if let Some(d) = (e..(e + 12).min(limit))
            .find(|&k| matches!(self.toks[k].kind, Kind::Punct('—' | '–' | '―')))
        {
            let all_caps = self.toks[e..d].iter().all(caps);
            let place_first = d > e
                && caps(&self.toks[e])
                && self.toks[e].text(self.text).chars().count() >= 3
                && self
                    .toks
                    .get(e + 1)
                    .is_some_and(|t| t.is(',') || t.is('(') || caps(t));
            if all_caps || place_first {
                e = d + 1;
            }
        }
        // Skip introductory phrases up to their comma: "On Tuesday, ...", "In a statement, ...",
        // "Recognizing this, ...", "Back in 1999, ...", "A few days later, ...".
        for _ in 0..2 {
            let Some(t) = self.word(e) else {
                break;
            };
            let Some(c) = (e + 1..limit).find(|&k| self.toks[k].is(',')) else {
                break;
            };
            let w = t.text(self.text).to_ascii_lowercase();
            let adverb = c == e + 1
                && matches!(
                    w.as_str(),
                    "moreover"
                        | "likewise"
                        | "indeed"
                        | "instead"
                        | "still"
                        | "now"
                        | "well"
                        | "also"
                        | "furthermore"
                        | "additionally"
                        | "again"
                        | "yes"
                        | "no"
                        | "wow"
                        | "then"
                        | "later"
                        | "earlier"
                        | "today"
                        | "yesterday"
                        | "separately"
                        | "nevertheless"
                        | "nonetheless"
                        | "otherwise"
                        | "similarly"
                        | "previously"
                        | "afterward"
                        | "afterwards"
                        | "thus"
                        | "therefore"
                        | "hence"
                        | "besides"
                        | "overall"
                );
            let intro = t
                .has(class::PREP | class::TIME | class::STOP | class::AUX | class::NOT_NAME)
                && !t.has(class::DET | class::PRON)
                || w.ends_with("ly")
                || w.ends_with("ing")
                || matches!(
                    w.as_str(),
                    "back" | "likewise" | "moreover" | "indeed" | "instead" | "still" | "now"
                )
                || adverb
                || self.toks[e..c].iter().any(|t| t.has(class::TIME) && !t.cap);
            // "Even Rendell, a Clinton supporter, said": a name before the comma is the subject,
            // unless a preposition opens the phrase ("In Portsmouth, ...").
            let g = super::gazetteer::Gazetteer::get();
            let named_before = c > e
                && super::mentions::is_name_word(self.text, &self.toks[c - 1], g)
                && !t.has(class::PREP)
                && !adverb;
            if !intro || named_before {
                break;
            }
            e = c + 1;
        }
        let s = e;
        while e < limit {
            let Some(t) = self.word(e) else {
                break;
            };
            let inner_prep = matches!(t.text(self.text), "of" | "in" | "for" | "to" | "at")
                && e > s
                && self.word(e + 1).is_some_and(|n| n.cap || n.has(class::DET));
            if t.cap || t.poss || t.lex.role.is_some() || t.has(class::DET) || inner_prep {
                e += 1;
                continue;
            }
            // "the 46-year-old", "the airline": a noun after an article.
            if !t.has(class::STOP)
                && t.lex.cue.is_none()
                && e > s
                && self
                    .word(e - 1)
                    .is_some_and(|p| p.has(class::DET) && !p.has(class::PRON))
            {
                e += 1;
                continue;
            }
            if !t.has(class::STOP) && t.lex.cue.is_none() && e > s && e - s < 6 {
                // A lowercase adjective inside a phrase ("a militia commander").
                if self.word(e + 1).is_some_and(|n| n.lex.role.is_some()) {
                    e += 1;
                    continue;
                }
            }
            break;
        }
        (e > s).then_some(s..e)
    }
}

/// Adverbs that may stand between a subject and its speech verb ("Wells Fargo just announced").
const PRE_VERB_ADVERBS: &[&str] = &[
    "just",
    "also",
    "then",
    "again",
    "already",
    "since",
    "first",
    "now",
    "later",
    "repeatedly",
    "often",
    "once",
    "still",
    "previously",
    "initially",
    "even",
    "long",
];

/// Finds the statements of one passage.
pub fn find(
    text: &str,
    toks: &[Token],
    quotes: &[QuoteSpan],
    sentences: &[Range<usize>],
    mode: Mode,
) -> Attributions {
    let words = toks.iter().filter(|t| t.is_word()).count();
    let caps = toks.iter().filter(|t| t.is_word() && t.cap).count();
    let cx = Ctx {
        text,
        toks,
        quotes,
        introduces: std::cell::Cell::new(None),
        title_case: words >= 4 && caps * 10 >= words * 7,
    };
    let mut out: Vec<Candidate> = Vec::new();
    let mut used = vec![false; quotes.len()];
    headline(&cx, mode, &mut out, &mut used);
    for (si, sent) in sentences.iter().enumerate() {
        let mut i = sent.start;
        while i < sent.end {
            let t = &toks[i];
            if t.is_word() {
                if t.text(text).eq_ignore_ascii_case("according") && cx.lower_is(i + 1, "to") {
                    according(&cx, sent.clone(), si, i, &mut out, &mut used);
                } else if let Some(cue) = t.lex.cue {
                    cue_at(
                        &cx,
                        sent.clone(),
                        si,
                        i,
                        cue.frame,
                        cue.form,
                        &mut out,
                        &mut used,
                    );
                }
            }
            i += 1;
        }
    }
    if mode == Mode::EntryHeadline {
        out.retain(|c| c.kind == StatementKind::Direct);
    }
    // Quotations with no cue: the neighbour's speaker, or the previous speaker's.
    for (qi, q) in quotes.iter().enumerate() {
        if used[qi] || mode != Mode::Body {
            continue;
        }
        let Some(ti) = toks.iter().position(|t| t.kind == Kind::Quote(qi)) else {
            continue;
        };
        let words = text[q.inner.clone()].split_whitespace().count();
        let qsent = sentences.iter().position(|s| s.contains(&ti)).unwrap_or(0);
        let near = out
            .iter()
            .enumerate()
            .filter(|(_, c)| {
                matches!(c.source, Source::Phrase(_)) && c.sentence.abs_diff(qsent) <= 1
            })
            .min_by_key(|(_, c)| {
                let d = if c.content.end <= q.inner.start {
                    q.inner.start - c.content.end
                } else {
                    c.content.start.saturating_sub(q.inner.end)
                };
                // Quotations before their attribution are the rule; after it, the exception.
                let after = if c.content.start >= q.inner.end {
                    60
                } else {
                    0
                };
                if c.kind == StatementKind::Direct {
                    d + after
                } else {
                    d + after + 200
                }
            })
            .map(|(k, _)| k);
        let source = if let Some(k) = near.filter(|_| words >= 2) {
            Source::SameAs(k)
        } else if (ti == 0 || q.continued) && words >= 3 {
            Source::Previous
        } else {
            continue;
        };
        let si = sentences.iter().position(|s| s.contains(&ti)).unwrap_or(0);
        out.push(Candidate {
            content: q.inner.clone(),
            kind: StatementKind::Direct,
            source,
            cue: None,
            sentence: si,
            at: q.inner.start,
        });
        used[qi] = true;
    }
    // A quotation split by its attribution ("Q1," she said. "Q2.") is one statement whose words
    // are interrupted by the cue: one range from the first mark to the last.
    for k in 0..out.len() {
        if let Source::SameAs(a) = out[k].source {
            if let Some(anchor) = out.get(a).map(|c| c.content.clone()) {
                let merged =
                    anchor.start.min(out[k].content.start)..anchor.end.max(out[k].content.end);
                out[a].content = merged;
            }
        }
    }
    out.retain(|c| !matches!(c.source, Source::SameAs(_)));
    // "Cruz said he'd make sand glow, and Trump vowed to bomb them": the first statement's
    // words end where a coordinated second statement begins.
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
                && matches!(toks[ti - 1].text(text), "and" | "but")
                || toks[ti - 1].is(';');
            if !coordinated {
                continue;
            }
            let mut e = ti - 1;
            while e > 0 && matches!(toks[e - 1].kind, Kind::Punct(',' | ';')) {
                e -= 1;
            }
            let end_of = |p: usize| match toks[p].kind {
                Kind::Quote(q) => quotes.get(q).map_or(toks[p].end, |q| q.inner.end),
                _ => toks[p].end,
            };
            if let Some(end) = e.checked_sub(1).map(end_of) {
                if end > c.content.start {
                    c.content.end = c.content.end.min(end);
                }
            }
        }
    }
    Attributions {
        candidates: out,
        introduces: cx.introduces.get().map(|(a, b)| a..b),
    }
}

/// `Name: words` and `words: Name` in headlines.
fn headline(cx: &Ctx, mode: Mode, out: &mut Vec<Candidate>, used: &mut [bool]) {
    let n = cx.toks.len();
    // In body text only a paragraph that opens with "Name:" counts (an interview, a transcript,
    // a list of reactions), after an optional dash.
    let lead = usize::from(
        mode == Mode::Body
            && cx
                .toks
                .first()
                .is_some_and(|t| matches!(t.kind, Kind::Punct('-' | '—' | '–' | '"'))),
    );
    let Some(colon) = cx.toks.iter().position(|t| t.is(':')) else {
        return;
    };
    if mode == Mode::Body && (colon > lead + 4 || colon <= lead || cx.words_in(colon + 1..n) < 3) {
        return;
    }
    let named = |r: Range<usize>| {
        !r.is_empty()
            && r.len() <= 5
            && cx.toks[r.clone()].iter().all(|t| {
                t.is_word() && (t.cap || t.lex.role.is_some() || t.has(class::DET) || t.poss)
            })
            && cx.toks[r.clone()].iter().any(|t| t.cap || t.lex.role.is_some())
            // "Said Ellis: ..." is an inverted cue (see `cue_at`).
            && cx.toks[r.start].lex.cue.is_none()
    };
    let (source, content) = if named(lead..colon) && colon + 1 < n {
        (lead..colon, colon + 1..n)
    } else if mode != Mode::Body && colon + 1 < n && named(colon + 1..n) && colon > 0 {
        (colon + 1..n, 0..colon)
    } else {
        return;
    };
    // Generic labels are no speakers.
    let first = cx.toks[source.start].text(cx.text).to_ascii_lowercase();
    if source.len() == 1
        && matches!(
            first.as_str(),
            "report"
                | "analysis"
                | "explainer"
                | "live"
                | "update"
                | "updates"
                | "watch"
                | "opinion"
                | "video"
                | "breaking"
                | "exclusive"
                | "timeline"
                | "factbox"
                | "related"
                | "note"
                | "correction"
                | "source"
                | "sources"
                | "photo"
                | "read"
                | "more"
                | "advertisement"
                | "editor"
                | "update:"
                | "warning"
                | "result"
                | "bottom"
                | "why"
                | "what"
                | "how"
        )
    {
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
        if let Some(bytes) = cx.bytes(p.clone()) {
            for i in p.clone() {
                if let Kind::Quote(q) = cx.toks[i].kind {
                    used[q] = true;
                }
            }
            let direct = p.len() == 1 && cx.quote_of(p.start).is_some();
            out.push(Candidate {
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
            });
        }
    }
}

fn mark_used(cx: &Ctx, r: Range<usize>, used: &mut [bool]) {
    for i in r {
        if let Some(Kind::Quote(q)) = cx.toks.get(i).map(|t| t.kind) {
            if let Some(u) = used.get_mut(q) {
                *u = true;
            }
        }
    }
}

fn push(
    cx: &Ctx,
    out: &mut Vec<Candidate>,
    used: &mut [bool],
    content: Range<usize>,
    source: Range<usize>,
    cue: Range<usize>,
    si: usize,
) -> bool {
    // A quotation of one word counts when a cue attributes it ("“No,” she said.").
    let single_quote = content.len() == 1 && cx.quote_of(content.start).is_some();
    if cx.words_in(content.clone()) < if single_quote { 1 } else { 2 } {
        return false;
    }
    // Two quotations side by side make two statements; otherwise one.
    let Some(bytes) = cx.bytes(content.clone()) else {
        return false;
    };
    let inner: Vec<usize> = content
        .clone()
        .filter(|&i| cx.quote_of(i).is_some())
        .collect();
    let only_quote = !inner.is_empty()
        && cx.toks[content.clone()]
            .iter()
            .all(|t| t.is_quote() || matches!(t.kind, Kind::Punct(_)));
    if only_quote && inner.len() > 1 {
        let mut any = false;
        for i in inner {
            if let Some(q) = cx.quote_of(i) {
                out.push(Candidate {
                    content: q.inner.clone(),
                    kind: StatementKind::Direct,
                    source: Source::Phrase(source.clone()),
                    cue: Some(cx.toks[cue.start].start..cx.toks[cue.end - 1].end),
                    sentence: si,
                    at: cx.toks[source.start.min(cx.toks.len() - 1)].start,
                });
                any = true;
            }
        }
        mark_used(cx, content, used);
        return any;
    }
    mark_used(cx, content, used);
    out.push(Candidate {
        content: bytes,
        kind: if only_quote {
            StatementKind::Direct
        } else {
            StatementKind::Indirect
        },
        source: Source::Phrase(source.clone()),
        cue: Some(cx.toks[cue.start].start..cx.toks[cue.end - 1].end),
        sentence: si,
        at: cx.toks[source.start.min(cx.toks.len() - 1)].start,
    });
    true
}

/// Returns true if and only if tokens `r` read like a person or organisation that speaks: a
/// name or a role, not a clause.
fn mentions_person_like(cx: &Ctx, r: Range<usize>) -> bool {
    let g = super::gazetteer::Gazetteer::get();
    matches!(
        super::mentions::read(cx.text, &cx.toks[r], g),
        Some(super::mentions::Mention::Person(_))
            | Some(super::mentions::Mention::Role(_))
            | Some(super::mentions::Mention::Org(_))
            | Some(super::mentions::Mention::People(_))
    )
}

/// Returns true if and only if tokens `r` name a person.
fn named(cx: &Ctx, r: Range<usize>) -> bool {
    let g = super::gazetteer::Gazetteer::get();
    matches!(
        super::mentions::read(cx.text, &cx.toks[r], g),
        Some(super::mentions::Mention::Person(_))
    )
}

/// `according to X, ...` and `..., according to X`.
fn according(
    cx: &Ctx,
    sent: Range<usize>,
    si: usize,
    i: usize,
    out: &mut Vec<Candidate>,
    used: &mut [bool],
) {
    // "according to polling by Gallup": the words up to a comma when no name phrase opens them.
    let plain = || {
        let e = (i + 2..sent.end.min(i + 10))
            .find(|&k| !cx.toks[k].is_word())
            .unwrap_or(sent.end.min(i + 10));
        (e > i + 2).then_some(i + 2..e)
    };
    // (No introductory phrase to skip: "according to early results, ..." names its source.)
    let Some(mut src) = cx
        .np_forward(i + 2, sent.end)
        .filter(|r| !cx.toks[i + 2..r.start].iter().any(|t| t.is(',')))
        .or_else(plain)
    else {
        return;
    };
    // "according to early results of exit polls conducted by Edison Research, ...": a source
    // that runs on in lowercase words takes them all, up to its comma or the sentence end.
    let stop = (src.end..sent.end.min(src.end + 24))
        .find(|&k| !cx.toks[k].is_word() || cx.toks[k].lex.cue.is_some() && !cx.toks[k].cap)
        .unwrap_or(sent.end);
    let runs_on = stop > src.end
        && (stop == sent.end || cx.toks[stop].is(',') || cx.toks[stop].is('.'))
        && cx.word(src.end).is_some_and(|t| {
            !matches!(
                t.text(cx.text),
                "that" | "which" | "who" | "and" | "but" | "as" | "because" | "if" | "when"
            )
        });
    if runs_on {
        src.end = stop;
    }
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
    push(cx, out, used, content, src, i..i + 2, si);
}

/// One speech verb at token `i`.
#[allow(clippy::too_many_arguments)]
fn cue_at(
    cx: &Ctx,
    sent: Range<usize>,
    si: usize,
    i: usize,
    frame: CueFrame,
    form: CueForm,
    out: &mut Vec<Candidate>,
    used: &mut [bool],
) {
    let text = cx.text;
    // A capitalised cue inside a sentence is a name ("United States").
    if cx.toks[i].cap && i > sent.start && !cx.title_case {
        return;
    }
    // "United States" is a place, even in title case.
    if cx.toks[i].cap && i > 0 && cx.toks[i - 1].is_word() {
        let g = super::gazetteer::Gazetteer::get();
        if g.place(&[cx.toks[i - 1].text(text), cx.toks[i].text(text)])
            .is_some()
        {
            return;
        }
    }
    // A gerund or a pronoun's cue inside the words of a statement already found is part of them
    // ("..., adding ...", "which he described as ...").
    let here = cx.toks[i].start;
    let nested = out
        .iter()
        .any(|c| c.content.start <= here && here < c.content.end);
    if nested
        && (form == CueForm::Gerund
            || i.checked_sub(1)
                .and_then(|p| cx.word(p))
                .is_some_and(|p| p.has(class::PRON)))
    {
        return;
    }
    // Blocked readings: passives, negations, nouns ("a report", "the call", "Blinken's remarks").
    if let Some(p) = i.checked_sub(1).and_then(|p| cx.word(p)) {
        if p.poss {
            return;
        }
        let plain = matches!(
            cx.toks[i].lex.cue.map(|c| c.lemma),
            Some(
                "say" | "tell" | "add" | "write" | "ask" | "explain" | "insist" | "argue" | "warn"
            )
        );
        // Words that are nouns as often as verbs ("a followup tweet", "campaign promises") need a
        // subject-like word before them.
        let noun_too = matches!(
            cx.toks[i].lex.cue.map(|c| c.lemma),
            Some(
                "tweet"
                    | "report"
                    | "note"
                    | "claim"
                    | "call"
                    | "state"
                    | "remark"
                    | "counter"
                    | "promise"
                    | "pledge"
                    | "vow"
                    | "reply"
                    | "respond"
                    | "joke"
            )
        );
        let subject_like = p.cap
            || p.has(class::PRON)
            || p.lex.role.is_some()
            || p.has(class::AUX)
            || (form != CueForm::Present && p.text(text).ends_with('s'));
        if (form == CueForm::Present && !plain
            || noun_too && form != CueForm::Past && form != CueForm::Gerund)
            && !subject_like
        {
            return;
        }
        let article = matches!(
            p.text(text).to_ascii_lowercase().as_str(),
            "a" | "an"
                | "the"
                | "his"
                | "her"
                | "its"
                | "their"
                | "our"
                | "my"
                | "your"
                | "this"
                | "that"
                | "these"
                | "those"
                | "another"
        );
        let modal = form == CueForm::Base
            && matches!(
                p.text(text).to_ascii_lowercase().as_str(),
                "will" | "would" | "could" | "may" | "might" | "should" | "must" | "can" | "shall"
            );
        if p.has(class::BLOCK) || article || modal {
            // "was quoted as saying" is handled from "saying"; "the statement said" is not a det.
            if !(p.text(text).eq_ignore_ascii_case("that") || p.poss) {
                return;
            }
        }
        if p.text(text).eq_ignore_ascii_case("to") {
            if let Some(pp) = i.checked_sub(2).and_then(|p| cx.word(p)) {
                let went_on = cx.lower_is(i - 2, "on") && i >= 3 && cx.lower_is(i - 3, "went");
                if pp.has(class::BLOCK) || pp.lex.cue.is_none() && !pp.has(class::AUX) && !went_on {
                    return;
                }
            }
        }
    }
    // "quoted X as saying", "cites X as saying".
    if form == CueForm::Gerund && cx.lower_is(i.wrapping_sub(1), "as") && i >= 2 {
        let as_at = i - 1;
        let verb = (sent.start..as_at).rev().find(|&k| {
            cx.word(k).is_some_and(|t| {
                matches!(
                    t.text(text).to_ascii_lowercase().as_str(),
                    "quoted" | "quotes" | "quoting" | "cited" | "cites" | "citing"
                )
            })
        });
        if let Some(v) = verb {
            let src = v + 1..as_at;
            if !src.is_empty() {
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
                push(cx, out, used, content, src, i..i + 1, si);
            }
            return;
        }
    }
    // The source: after the verb when inverted ("..., said Mr. Smith"), else before it.
    let after_quote = i > sent.start
        && (cx.toks[i - 1].is_quote()
            || (i >= 2 && cx.toks[i - 1].is(',') && cx.toks[i - 2].is_quote()));
    let after_comma = i > sent.start && cx.toks[i - 1].is(',');
    // "Name, a role somewhere, said ...": the clause opens with the subject and an appositive.
    let appositive_subject = after_comma && !after_quote && {
        let clause = (sent.start..i - 1)
            .rev()
            .find(|&k| cx.toks[k].is_quote() || cx.toks[k].is(';') || cx.toks[k].is(':'))
            .map_or(sent.start, |k| k + 1);
        cx.np_forward(clause, i - 1).is_some_and(|r| {
            cx.toks
                .get(cx.skip_parens(r.end))
                .is_some_and(|t| t.is(','))
                && cx.toks[r.clone()].iter().any(|t| t.cap && t.is_word())
                && mentions_person_like(cx, r)
        }) && cx.words_in(i + 1..sent.end) >= 3
    };
    let prev_is_boundary = i == sent.start || after_quote || (after_comma && !appositive_subject);
    let mut source: Option<Range<usize>> = None;
    let mut inverted = false;
    // Inside ", who said ..., ": the words said end with the clause.
    let mut relative = false;
    if prev_is_boundary && form != CueForm::Gerund && frame != CueFrame::Tell {
        // "said election lawyer Joe Birkenstock, ...": the words up to a comma or the end.
        let ends_phrase = |e: usize| {
            let t = &cx.toks[e];
            e > i + 1
                && t.has(class::STOP)
                && !t.has(class::DET)
                && !matches!(t.text(text), "of" | "for" | "at" | "to")
                // "said one source on the panel", "said a lawyer in Orlando".
                && !(matches!(t.text(text), "on" | "in" | "from" | "with")
                    && cx.word(e + 1).is_some_and(|n| n.cap || n.has(class::DET)))
        };
        let mut e = i + 1;
        while e < sent.end && e < i + 11 && cx.toks[e].is_word() && !ends_phrase(e) {
            e += 1;
        }
        let r = i + 1..e;
        // The phrase must end the clause ("said Mr. Smith." / "said Mr. Smith, a lawyer") and
        // hold no verb ("said he has spoken" is not inverted).
        let ends_clause = e >= sent.end || !cx.toks[e].is_word() && !cx.toks[e].is_quote();
        if !r.is_empty()
            && ends_clause
            && cx.toks[r.clone()]
                .iter()
                .any(|t| t.cap || t.lex.role.is_some() || t.has(class::PRON | class::DET))
            && !cx.toks[r.clone()]
                .iter()
                .any(|t| t.has(class::AUX | class::BLOCK) && !t.cap)
            && !cx.toks[i + 1].has(class::PREP | class::TIME)
        {
            source = Some(r);
            inverted = true;
        }
    }
    let mut j = i;
    while j > sent.start
        && cx.word(j - 1).is_some_and(|t| {
            (!t.cap
                && (t.has(class::AUX)
                    || t.text(text).ends_with("ly")
                    || PRE_VERB_ADVERBS.contains(&t.text(text))))
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
    if source.is_none() && form == CueForm::Gerund {
        // ", saying ...": the subject of the sentence.
        source = cx.np_forward(sent.start, i).filter(|r| r.end < i);
    }
    if source.is_none() && j > sent.start {
        let before = &cx.toks[j - 1];
        let is_break = |t: &Token| t.is(',') || t.is('—') || t.is('–') || t.is('―');
        if is_break(before) {
            // "Name, a role of somewhere, said": the phrase that opens the clause.
            let c1 = j - 1;
            let clause = (sent.start..c1)
                .rev()
                .find(|&k| cx.toks[k].is_quote() || cx.toks[k].is(';') || cx.toks[k].is(':'))
                .map_or(sent.start, |k| {
                    if cx.toks.get(k + 1).is_some_and(|t| t.is(',')) {
                        k + 2
                    } else {
                        k + 1
                    }
                });
            if let Some(r) = cx.np_forward(clause, c1) {
                let after = cx.skip_parens(r.end);
                if cx.toks.get(after).is_some_and(is_break) && after < c1 {
                    source = Some(r);
                }
            }
            // "The author of the book, Mitchell Zuckoff, said": a name right before the verb;
            // "Senator Harry Reid, the minority leader, said": the phrase before the appositive.
            if source.is_none() {
                let c0 = (clause..c1).rev().find(|&k| is_break(&cx.toks[k]));
                let seg_start = c0.map_or(clause, |k| k + 1);
                let seg = cx.np_back(cx.unparen(c1), seg_start).filter(|r| {
                    r.start == seg_start
                        && r.len() >= 2
                        && cx.toks[r.start].cap
                        && !cx.toks[r.start].has(class::DET)
                        && named(cx, r.clone())
                });
                source = seg.or_else(|| {
                    c0.and_then(|c0| cx.np_back(cx.unparen(c0), clause))
                        .filter(|r| mentions_person_like(cx, r.clone()))
                });
            }
        } else if before.is(')') {
            source = cx.np_back(cx.unparen(j), sent.start);
        } else if before.is_word() && before.text(text).eq_ignore_ascii_case("who") {
            // "Priebus, who has said ...": the phrase the relative clause hangs on.
            let mut w = j - 1;
            if w > sent.start && cx.toks[w - 1].is(',') {
                w -= 1;
                relative = true;
            }
            source = cx.np_back(cx.unparen(w), sent.start);
        } else if before.is_word()
            && matches!(
                before.text(text).to_ascii_lowercase().as_str(),
                "and" | "but"
            )
        {
            // "X thanked Miami and said": X opens the clause the first verb is in, which is the
            // sentence, unless a subordinate clause holds it ("Some booed, and when Rubio
            // thanked Miami and said ...").
            let sub = (sent.start..j.saturating_sub(1)).rev().find(|&k| {
                cx.word(k).is_some_and(|t| {
                    matches!(
                        t.text(text).to_ascii_lowercase().as_str(),
                        "when" | "while" | "because" | "although" | "though" | "whereas"
                    )
                })
            });
            source = sub
                .and_then(|k| cx.np_forward(k + 1, j - 1))
                .filter(|r| {
                    r.end < j
                        // The subordinate clause runs on to the verb: no comma in between.
                        && !cx.toks[r.end..j].iter().any(|t| t.is(','))
                        && cx.toks[r.clone()]
                            .iter()
                            .any(|t| t.cap || t.lex.role.is_some())
                        && mentions_person_like(cx, r.clone())
                })
                .or_else(|| cx.np_forward(sent.start, j - 1).filter(|r| r.end < j));
        } else {
            source = cx.np_back(j, sent.start);
        }
    }
    if source.is_none() && form == CueForm::Gerund {
        source = out.iter().rev().find_map(|c| match &c.source {
            Source::Phrase(r) if c.sentence == si => Some(r.clone()),
            _ => None,
        });
    }
    let Some(source) = source else {
        return;
    };
    let cue_r = i..i + 1;
    // Content after the verb (skipping an addressee, prepositional phrases, time words).
    let mut k = if inverted { source.end } else { i + 1 };
    if inverted {
        // "said Paul H. Chipok, a lawyer in Orlando": skip the appositive.
        k = sent.end;
    }
    if frame == CueFrame::Tell && !inverted {
        if cx.word(k).is_some_and(|t| t.has(class::DET) || t.poss) {
            k += 1;
        }
        if cx.word(k).is_some_and(|t| t.cap) {
            while cx.word(k).is_some_and(|t| t.cap || t.poss) {
                k += 1;
            }
        } else if cx.word(k).is_some_and(|t| {
            !t.has(class::STOP | class::PRON)
                || t.text(text).eq_ignore_ascii_case("him")
                || t.text(text).eq_ignore_ascii_case("her")
                || t.text(text).eq_ignore_ascii_case("them")
                || t.text(text).eq_ignore_ascii_case("us")
        }) {
            let w = cx.toks[k].text(text).to_ascii_lowercase();
            if !matches!(
                w.as_str(),
                "that" | "he" | "she" | "they" | "it" | "we" | "i"
            ) {
                k += 1;
            }
        }
    }
    if frame == CueFrame::Quote && !inverted {
        // "called for ...", "called on ... to ...", or a quotation close by.
        let w = cx.word(k).map(|t| t.text(text).to_ascii_lowercase());
        if matches!(w.as_deref(), Some("for") | Some("on"))
            && cx.toks[i]
                .text(text)
                .to_ascii_lowercase()
                .starts_with("call")
        {
            // The call keeps its preposition: "(called) on Russia to pull back".
            push(cx, out, used, k..sent.end, source, cue_r, si);
            return;
        }
        // "called Palin a “clown”", "described the race as “a superhighway”": the object with
        // the quotation.
        let q = (k..sent.end.min(k + 12)).find(|&x| cx.toks[x].is_quote());
        if let Some(q) = q {
            let from = if cx.toks[k..q].iter().all(|t| t.is_word()) {
                k
            } else {
                q
            };
            push(cx, out, used, from..q + 1, source, cue_r, si);
            return;
        }
        // "called climate change a hoax", "described the plan as reckless": an object, then
        // "a"/"an" (after "call") or "as" (after "describe"), without quotation marks.
        let lemma = cx.toks[i].lex.cue.map(|c| c.lemma);
        let link: &[&str] = match lemma {
            Some("call") => &["a", "an"],
            Some("describe") => &["as"],
            _ => &[],
        };
        let object_ok = cx.word(k).is_some_and(|t| {
            !link.contains(&t.text(text))
                && (t.cap
                    || t.has(class::DET)
                    || matches!(t.text(text), "him" | "her" | "it" | "them" | "himself"))
        });
        let m = (k + 1..sent.end.min(k + 7))
            .take_while(|&m| cx.word(m).is_some())
            .find(|&m| link.contains(&cx.toks[m].text(text)));
        if let Some(m) = m.filter(|_| object_ok) {
            let end = (m..sent.end)
                .find(|&x| cx.toks[x].is(',') || cx.toks[x].is(';'))
                .unwrap_or(sent.end);
            if cx.words_in(m + 1..end) >= 1 {
                push(cx, out, used, k..end, source, cue_r, si);
            }
        }
        return;
    }
    // A quotation right before the source: “...,” she said.
    let mut before_src = source.start;
    if !inverted {
        if before_src > sent.start && cx.toks[before_src - 1].is(',') {
            before_src -= 1;
        }
        if before_src > sent.start && cx.toks[before_src - 1].is_quote() {
            let q = before_src - 1;
            let opens = q == sent.start
                || cx.toks[q - 1].is(':')
                || cx.toks[sent.start..q].iter().all(|t| !t.is_word());
            let content = if opens {
                q..q + 1
            } else {
                sent.start..before_src
            };
            push(cx, out, used, content, source.clone(), cue_r.clone(), si);
            // A second quotation after a colon or comma belongs to the same speaker (found later).
            return;
        }
        // "The industry, she said, is doing better": the cue is a parenthesis in its content.
        if before_src > sent.start
            && cx.toks[before_src].is(',')
            && cx.toks.get(i + 1).is_some_and(|t| t.is(','))
            && cx.words_in(i + 2..sent.end) >= 2
        {
            push(cx, out, used, sent.start..sent.end, source, cue_r, si);
            return;
        }
    } else {
        // "Said Ellis: “...”": the words after the colon.
        if i == sent.start
            && cx.toks.get(source.end).is_some_and(|t| t.is(':'))
            && cx.words_in(source.end + 1..sent.end) >= 2
        {
            push(cx, out, used, source.end + 1..sent.end, source, cue_r, si);
            return;
        }
        let mut b = i;
        if b > sent.start && cx.toks[b - 1].is(',') {
            b -= 1;
        }
        if b > sent.start && cx.toks[b - 1].is_quote() {
            let q = b - 1;
            let opens = q == sent.start
                || cx.toks[q - 1].is(':')
                || cx.toks[sent.start..q].iter().all(|t| !t.is_word());
            let content = if opens { q..q + 1 } else { sent.start..b };
            push(cx, out, used, content, source.clone(), cue_r.clone(), si);
            return;
        }
        if cx.words_in(sent.start..b) >= 2 {
            push(cx, out, used, sent.start..b, source, cue_r, si);
        }
        return;
    }
    // Skip prepositional phrases and time words after the verb.
    let mut guard = 0;
    while k < sent.end && guard < 4 {
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
        let w = t.text(text).to_ascii_lowercase();
        // "said about the movement, “...”": a phrase that ends at a comma before a quotation.
        // "wrote to Roffman: “...”", "said of Johnson, “...”", "told to reporters that ...".
        let before_quote = matches!(w.as_str(), "of" | "about" | "to")
            && (k + 1..(k + 8).min(sent.end)).any(|m| {
                (cx.toks[m].is(',') || cx.toks[m].is(':'))
                    && cx.toks.get(m + 1).is_some_and(|t| t.is_quote())
                    || cx.lower_is(m, "that")
            });
        if t.has(class::PREP)
            && (before_quote
                || !matches!(
                    w.as_str(),
                    "of" | "about" | "that" | "to" | "into" | "upon" | "without"
                ))
        {
            let mut m = k + 1;
            let mut n = 0;
            while m < sent.end && n < 7 {
                // A title inside the phrase: "on the MSNBC show ''Morning Joe'' that ...".
                if cx.toks[m].is_quote()
                    && (cx.lower_is(m + 1, "that")
                        || cx.word(m + 1).is_some_and(|t| t.has(class::PREP)))
                {
                    m += 1;
                    n += 1;
                    continue;
                }
                let Some(u) = cx.word(m) else {
                    break;
                };
                let uw = u.text(text).to_ascii_lowercase();
                if uw == "that" || u.has(class::PRON) && !u.has(class::DET) || u.lex.cue.is_some() {
                    break;
                }
                m += 1;
                n += 1;
            }
            k = m;
            continue;
        }
        break;
    }
    // "Cruz continued:" closing the passage: the quotation that opens the next one is theirs.
    if cx.toks.get(k).is_some_and(|t| t.is(':')) && k + 1 >= cx.toks.len() {
        cx.introduces.set(Some((source.start, source.end)));
        return;
    }
    // "said, apparently for the first time, that ...", "acknowledged, however, “...”".
    if cx.toks.get(k).is_some_and(|t| t.is(',')) {
        if let Some(c) = (k + 1..(k + 8).min(sent.end)).find(|&m| cx.toks[m].is(',')) {
            if cx.lower_is(c + 1, "that") || cx.toks.get(c + 1).is_some_and(|t| t.is_quote()) {
                k = c + 1;
            }
        }
    }
    // "said: “...”", "say, jeez, ...": the words after the colon or comma.
    if cx
        .toks
        .get(k)
        .is_some_and(|t| t.is(':') || t.is(',') && k == i + 1)
        && cx
            .toks
            .get(k + 1)
            .is_some_and(|t| t.is_quote() || t.is_word() && !t.has(class::PREP))
        && k + 1 < sent.end
    {
        k += 1;
    }
    if cx.lower_is(k, "of")
        && cx.toks[i]
            .text(text)
            .to_ascii_lowercase()
            .starts_with("accus")
    {
        k += 1;
    }
    // "said that ... and suggested that ...": a second speech verb of the same subject ends
    // the first one's words.
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
    let clause_end = if relative {
        (k..coordinated)
            .find(|&m| cx.toks[m].is(','))
            .unwrap_or(coordinated)
    } else {
        coordinated
    };
    let after = k..clause_end;
    // "vowed to put", "urged him to": an infinitive is what was promised or asked.
    let infinitive = cx.lower_is(k, "to")
        && matches!(
            cx.toks[i].lex.cue.map(|c| c.lemma),
            Some("vow" | "promise" | "urge" | "ask" | "warn" | "call")
        )
        && (cx.word(k + 1).is_some_and(|t| !t.cap && !t.has(class::DET))
            || cx.toks.get(k + 1).is_some_and(|t| t.is_quote()));
    let after_ok = cx.words_in(after.clone()) >= 2
        && cx.word(k).is_none_or(|t| {
            !t.has(class::PREP) || t.text(text).eq_ignore_ascii_case("that") || infinitive
        })
        && !cx
            .toks
            .get(k)
            .is_some_and(|t| matches!(t.kind, Kind::Punct(c) if c != '$'));
    if after_ok {
        push(cx, out, used, after, source, cue_r, si);
        return;
    }
    // "..., Name said.": the words before the source.
    if before_src > sent.start && cx.toks[before_src].is(',') && cx.words_in(k..sent.end) <= 3 {
        push(cx, out, used, sent.start..before_src, source, cue_r, si);
    }
}

#[cfg(test)]
mod tests {
    use super::super::{quotes, tokens};
    use super::*;

    /// (passage, [(content, source)])
    fn run(text: &str) -> Vec<(String, String)> {
        let q = quotes::scan(text, 0..text.len(), false, false);
        let t = tokens::tokenize(text, 0..text.len(), &q);
        let s = tokens::sentences(text, &t, &q);
        let c = find(text, &t, &q, &s, Mode::Body).candidates;
        c.iter()
            .map(|c| {
                let src = match &c.source {
                    Source::Phrase(r) => text[t[r.start].start..t[r.end - 1].end].to_string(),
                    Source::SameAs(k) => format!("={k}"),
                    Source::Previous => "<prev".to_string(),
                };
                (text[c.content.clone()].to_string(), src)
            })
            .collect()
    }

    #[test]
    fn constructions() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            (
                "“We will not back down,” she said.",
                &[("We will not back down,", "she")],
            ),
            (
                "“We will not back down,” she said. “Never again.”",
                &[("We will not back down,” she said. “Never again.", "she")],
            ),
            (
                "Some in the crowd booed when Rubio thanked Miami and said it was great to be home.",
                &[("it was great to be home", "Rubio")],
            ),
            (
                "People briefed on the move said that it reflected a realization.",
                &[("that it reflected a realization", "People briefed on the move")],
            ),
            (
                "The minister said that talks would resume in May.",
                &[("that talks would resume in May", "The minister")],
            ),
            (
                "Talks will resume in May, the minister said on Friday.",
                &[("Talks will resume in May", "the minister")],
            ),
            (
                "Oil prices will rise, says Finance Minister Jane Doe.",
                &[("Oil prices will rise", "Finance Minister Jane Doe")],
            ),
            (
                "He told reporters the pair agreed to meet again.",
                &[("the pair agreed to meet again", "He")],
            ),
            (
                "Smith told The Associated Press that troops were moving.",
                &[("that troops were moving", "Smith")],
            ),
            (
                "According to the ministry, the border is closed.",
                &[("the border is closed", "the ministry")],
            ),
            (
                "The border is closed, according to Spain’s foreign ministry.",
                &[("The border is closed", "Spain’s foreign ministry")],
            ),
            (
                "Jane Doe, a senior analyst at a think tank, said the deal was fragile.",
                &[("the deal was fragile", "Jane Doe")],
            ),
            (
                "Moscow will reply next week, Interfax quoted the deputy minister as saying.",
                &[("Moscow will reply next week", "the deputy minister")],
            ),
            (
                "Romania’s foreign ministry said in a statement that the demand was unacceptable.",
                &[(
                    "that the demand was unacceptable",
                    "Romania’s foreign ministry",
                )],
            ),
            (
                "She called on the West to end the “hysteria” at once.",
                &[("on the West to end the “hysteria” at once", "She")],
            ),
            ("Troops held “Allied Resolve” drills on Monday.", &[]),
            (
                "The talks were a failure, Lavrov said at a news conference in Geneva.",
                &[("The talks were a failure", "Lavrov")],
            ),
            (
                "Lavrov criticised what he said was a “Russophobic minority” setting the tone.",
                &[("was a “Russophobic minority” setting the tone", "he")],
            ),
            ("He declined to say whether talks would continue.", &[]),
            (
                "The economy, she said, would recover by spring.",
                &[("The economy, she said, would recover by spring", "she")],
            ),
            (
                "Ms. Lund, who has said the plan is flawed, voted no.",
                &[("the plan is flawed", "Ms. Lund")],
            ),
            (
                "He called the plan a “disaster” on Monday.",
                &[("the plan a “disaster", "He")],
            ),
            (
                "But the next day, according to Okafor, the talks collapsed.",
                &[(
                    "But the next day, according to Okafor, the talks collapsed",
                    "Okafor",
                )],
            ),
            ("Moscow will reply next week, officials hope.", &[]),
            (
                "Sen. Jo Reed (D-R.I.), said on Tuesday that the bill was dead.",
                &[("that the bill was dead", "Sen. Jo Reed")],
            ),
            (
                "Even Rendell, a Clinton ally, said the tax was a mistake.",
                &[("the tax was a mistake", "Even Rendell")],
            ),
            (
                "“No,” she said. “Not this year.”",
                &[("No,” she said. “Not this year.", "she")],
            ),
            (
                "“It is over,” said Paul H. Chipok, a lawyer in Orlando.",
                &[("It is over,", "Paul H. Chipok")],
            ),
            (
                "DENVER, Colo. — The mayor, speaking at a rally, stood firm, saying the city would heal.",
                &[("the city would heal", "The mayor")],
            ),
            (
                "BRUSSELS (AP) — Officials refused to budge, saying no deal was possible.",
                &[("no deal was possible", "Officials")],
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
                "The bank just this month announced it would end the bonuses.",
                &[("it would end the bonuses", "The bank")],
            ),
            (
                "The premier said this week that taxes would fall and suggested that fees would rise.",
                &[
                    ("that taxes would fall", "The premier"),
                    ("that fees would rise", "The premier"),
                ],
            ),
            (
                "Said Ortiz: “Nobody here wants another strike.”",
                &[("Nobody here wants another strike.", "Ortiz")],
            ),
            (
                "The governor has called the levy a tax on the poor.",
                &[("the levy a tax on the poor", "The governor")],
            ),
            (
                "Critics described the budget as reckless, but it passed.",
                &[("the budget as reckless", "Critics")],
            ),
            ("She called a meeting for Monday.", &[]),
            ("He called his lawyer on Friday.", &[]),
            (
                "“The vote is lost,” said one senior aide on the committee.",
                &[("The vote is lost,", "one senior aide on the committee")],
            ),
            (
                "Moreover, Anna Berg, an economist at a bank, noted that rates would rise.",
                &[("that rates would rise", "Anna Berg")],
            ),
        ];
        for (text, want) in cases {
            let got = run(text);
            let want: Vec<(String, String)> = want
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect();
            assert_eq!(got, want, "help: statements of {text:?}");
        }
    }
}
