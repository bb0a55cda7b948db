//! What every construction works with: [`Ctx`], one passage's text, tokens and quotations
//! with the small questions asked of them (is token `i` a word, this word, a quotation; how many
//! words in a range; which bytes a range of tokens covers); [`Site`], where in the passage a
//! cue stands; and [`Findings`], the statements found so far with the quotations they used.

use std::ops::Range;

use super::super::gazetteer::Gazetteer;
use super::super::lexicon::{Lexicon, Lists};
use super::super::mentions::{self, Mention};
use super::super::quotes::QuoteSpan;
use super::super::tokens::{Kind, Token};
use super::{Candidate, Source};
use crate::statement::{Construction, StatementKind};

/// Share of capitalised words above which a passage is in title case (70%).
const TITLE_CASE_PER_TEN: usize = 7;
/// Fewest words a passage needs before its capitals say it is in title case.
const TITLE_CASE_MIN_WORDS: usize = 4;

/// One passage as the constructions read it.
pub(super) struct Ctx<'a> {
    /// The article text.
    pub text: &'a str,
    /// The passage's tokens.
    pub toks: &'a [Token],
    /// The passage's quotations ([`Kind::Quote`] indexes them).
    pub quotes: &'a [QuoteSpan],
    /// The word lists.
    pub lists: &'static Lists,
    /// Returns true for a passage in title case ("Trevor Noah Says Trump Is ..."), where a
    /// capitalised cue is still a cue.
    pub title_case: bool,
}

/// Where a cue stands: its sentence and its first token.
#[derive(Clone, Debug)]
pub(super) struct Site {
    /// Token range of the sentence.
    pub sent: Range<usize>,
    /// Index of the sentence in the passage.
    pub si: usize,
    /// Index of the cue's first token.
    pub i: usize,
}

/// The statements found so far in a passage.
pub(super) struct Findings {
    /// The statements, in the order found.
    pub out: Vec<Candidate>,
    /// For each quotation of the passage, whether a statement holds it already.
    pub used: Vec<bool>,
    /// The source of a cue that ends the passage with a colon (`Cruz continued:`).
    pub introduces: Option<Range<usize>>,
}

impl<'a> Ctx<'a> {
    /// The view of one passage.
    pub fn new(text: &'a str, toks: &'a [Token], quotes: &'a [QuoteSpan]) -> Ctx<'a> {
        let words = toks.iter().filter(|t| t.is_word()).count();
        let caps = toks.iter().filter(|t| t.is_word() && t.cap).count();
        Ctx {
            text,
            toks,
            quotes,
            lists: &Lexicon::get().lists,
            title_case: words >= TITLE_CASE_MIN_WORDS && caps * 10 >= words * TITLE_CASE_PER_TEN,
        }
    }

    /// Token `i` when it is a word.
    #[inline]
    pub fn word(&self, i: usize) -> Option<&Token> {
        self.toks.get(i).filter(|t| t.is_word())
    }

    /// Returns true if and only if token `i` is the word `w` (any case).
    #[inline]
    pub fn lower_is(&self, i: usize, w: &str) -> bool {
        self.word(i)
            .is_some_and(|t| t.text(self.text).eq_ignore_ascii_case(w))
    }

    /// Returns true if and only if token `i` is a word among `words` (lowercase), in any case.
    #[inline]
    pub fn lower_in(&self, i: usize, words: &[&str]) -> bool {
        self.word(i)
            .is_some_and(|t| lower_in(t.text(self.text), words))
    }

    /// The quotation token `i` stands for.
    #[inline]
    pub fn quote_of(&self, i: usize) -> Option<&QuoteSpan> {
        match self.toks.get(i)?.kind {
            Kind::Quote(q) => self.quotes.get(q as usize),
            _ => None,
        }
    }

    /// Byte range of tokens `r`, quotations at the edges cut to the words inside their marks
    /// and trailing punctuation dropped.
    pub fn bytes(&self, r: Range<usize>) -> Option<Range<usize>> {
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

    /// The number of words in tokens `r`, the words of quotations included.
    pub fn words_in(&self, r: Range<usize>) -> usize {
        self.toks[r.start.min(self.toks.len())..r.end.min(self.toks.len())]
            .iter()
            .map(|t| match t.kind {
                Kind::Word => 1,
                Kind::Quote(q) => self
                    .quotes
                    .get(q as usize)
                    .map_or(0, |q| self.text[q.inner.clone()].split_whitespace().count()),
                Kind::Punct(_) => 0,
            })
            .sum()
    }

    /// Returns true if and only if tokens `r` read like a person or organisation that speaks:
    /// a name or a role, not a clause.
    pub fn person_like(&self, r: Range<usize>) -> bool {
        matches!(
            mentions::read(self.text, &self.toks[r], Gazetteer::get()),
            Some(Mention::Person(_))
                | Some(Mention::Role(_))
                | Some(Mention::Org(_))
                | Some(Mention::People(_))
        )
    }

    /// Returns true if and only if tokens `r` name a person.
    pub fn names_person(&self, r: Range<usize>) -> bool {
        matches!(
            mentions::read(self.text, &self.toks[r], Gazetteer::get()),
            Some(Mention::Person(_))
        )
    }

    /// Returns true if and only if tokens `sent.start..q` open the sentence up to the quotation
    /// at `q`: nothing but punctuation before it, or a colon right before it.
    pub fn opens_sentence(&self, sent: &Range<usize>, q: usize) -> bool {
        q == sent.start
            || self.toks[q - 1].is(':')
            || self.toks[sent.start..q].iter().all(|t| !t.is_word())
    }

    /// The last quotation, semicolon or colon of the sentence before `end`: what the clause
    /// ending at `end` opens after.
    pub fn clause_mark(&self, sent: &Range<usize>, end: usize) -> Option<usize> {
        (sent.start..end)
            .rev()
            .find(|&k| self.toks[k].is_quote() || self.toks[k].is(';') || self.toks[k].is(':'))
    }
}

/// Returns true if and only if `w` is among `words` (lowercase), in any case.
#[inline]
pub(super) fn lower_in(w: &str, words: &[&str]) -> bool {
    words.iter().any(|x| w.eq_ignore_ascii_case(x))
}

impl Findings {
    /// No statements yet, none of `quotes` quotations used.
    pub fn new(quotes: usize) -> Findings {
        Findings {
            out: Vec::new(),
            used: vec![false; quotes],
            introduces: None,
        }
    }

    /// Marks the quotations among tokens `r` as used.
    pub fn mark_used(&mut self, cx: &Ctx, r: Range<usize>) {
        for i in r {
            if let Some(Kind::Quote(q)) = cx.toks.get(i).map(|t| t.kind) {
                if let Some(u) = self.used.get_mut(q as usize) {
                    *u = true;
                }
            }
        }
    }

    /// Adds the statement of tokens `content` said by tokens `source` with the cue of tokens
    /// `cue`, in sentence `si`, found by construction `how`: one statement, or one per quotation
    /// when `content` is nothing but quotations side by side. Returns false when `content` holds
    /// too few words.
    pub fn push(
        &mut self,
        cx: &Ctx,
        how: Construction,
        (si, cue): (usize, Range<usize>),
        content: Range<usize>,
        source: Range<usize>,
    ) -> bool {
        // A quotation of one word counts when a cue attributes it ("“No,” she said.").
        let single_quote = content.len() == 1 && cx.quote_of(content.start).is_some();
        if cx.words_in(content.clone()) < if single_quote { 1 } else { 2 } {
            return false;
        }
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
        let cue = Some(cx.toks[cue.start].start..cx.toks[cue.end - 1].end);
        let at = cx.toks[source.start.min(cx.toks.len() - 1)].start;
        let candidate = |content: Range<usize>, kind: StatementKind| Candidate {
            content,
            kind,
            source: Source::Phrase(source.clone()),
            cue: cue.clone(),
            sentence: si,
            at,
            construction: how,
        };
        // Two quotations side by side make two statements; otherwise one.
        if only_quote && inner.len() > 1 {
            let mut any = false;
            for i in inner {
                if let Some(q) = cx.quote_of(i) {
                    self.out
                        .push(candidate(q.inner.clone(), StatementKind::Direct));
                    any = true;
                }
            }
            self.mark_used(cx, content);
            return any;
        }
        self.mark_used(cx, content);
        let kind = if only_quote {
            StatementKind::Direct
        } else {
            StatementKind::Indirect
        };
        self.out.push(candidate(bytes, kind));
        true
    }
}
