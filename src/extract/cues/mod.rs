//! Attributions: finds, in one passage, the speech cues (`said`, `told reporters`, `according
//! to`, `quoted ... as saying`, a headline's `Name:`), the source phrase of each and the words
//! said, and attaches quotations that have no cue of their own to their neighbours.
//!
//! Works on the tokens of one passage (see [`super::tokens`]), left to right; produces
//! [`Candidate`]s whose sources are still phrases. Who a phrase names is [`super::coref`]'s
//! business.
//!
//! One module per construction, in the order [`find`] applies them:
//!
//! - [`headline`]: `Name: words` labels (titles, entry headlines, transcript lines);
//! - [`according`]: `according to X`;
//! - [`verb`]: speech-verb clauses (`X said ...`, `..., said X`, `X told reporters ...`, `...,
//!   saying ...`), with their source and content; among them [`quoted_as`] (`quoted X as
//!   saying`), [`called`] (`called for ...`, `called X a "..."`) and [`colon`] (`X said:` and a
//!   passage that ends with one, introducing the next);
//! - [`unattached`]: quotations with no cue, given to a neighbour's speaker or to the previous
//!   speaker;
//! - [`split`]: a quotation split by its attribution, made one statement;
//! - [`coordination`]: `X said ..., and Y said ...`, the first statement ending where the second
//!   begins.
//!
//! [`phrase`] finds source phrases for all of them; [`context`] holds what they share.

mod according;
mod called;
mod colon;
mod context;
mod coordination;
mod headline;
mod phrase;
mod quoted_as;
mod split;
mod unattached;
mod verb;

use std::ops::Range;

use super::quotes::QuoteSpan;
use super::tokens::Token;
use crate::statement::{Construction, StatementKind};
use context::{Ctx, Findings, Site};

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
    /// The construction that found it.
    pub construction: Construction,
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

/// What one passage holds: its statements, and the source of a cue that ends it with a colon
/// and so introduces the quotation that opens the next passage.
#[derive(Clone, Debug, Default)]
pub struct Attributions {
    /// The statements found.
    pub candidates: Vec<Candidate>,
    /// Token range of the source phrase of a closing `Name said:`.
    pub introduces: Option<Range<usize>>,
}

/// Finds the statements of one passage.
pub fn find(
    text: &str,
    toks: &[Token],
    quotes: &[QuoteSpan],
    sentences: &[Range<usize>],
    mode: Mode,
) -> Attributions {
    let cx = Ctx::new(text, toks, quotes);
    let mut f = Findings::new(quotes.len());
    headline::find(&cx, mode, &mut f);
    for (si, sent) in sentences.iter().enumerate() {
        for i in sent.clone() {
            let t = &toks[i];
            if !t.is_word() {
                continue;
            }
            if according::opens(&cx, i) {
                let site = Site {
                    sent: sent.clone(),
                    si,
                    i,
                };
                according::find(&cx, &site, &mut f);
            } else if let Some(cue) = t.lex.cue {
                let site = Site {
                    sent: sent.clone(),
                    si,
                    i,
                };
                verb::find(&cx, &site, cue, &mut f);
            }
        }
    }
    if mode == Mode::EntryHeadline {
        f.out.retain(|c| c.kind == StatementKind::Direct);
    }
    if mode == Mode::Body {
        unattached::attach(&cx, sentences, &mut f);
    }
    split::merge(&mut f.out);
    coordination::cut(&cx, &mut f.out);
    Attributions {
        candidates: f.out,
        introduces: f.introduces,
    }
}

#[cfg(test)]
mod test_util {
    //! Runs constructions on a passage typed in a test and shows what they found as text.

    use std::ops::Range;

    use super::super::quotes::{self, QuoteSpan};
    use super::super::tokens::{self, Token};
    use super::context::Ctx;
    use super::{find, Attributions, Mode, Source};

    /// A passage typed in a test, tokenised as extraction does.
    pub struct Passage<'a> {
        pub text: &'a str,
        pub quotes: Vec<QuoteSpan>,
        pub toks: Vec<Token>,
        pub sents: Vec<Range<usize>>,
    }

    /// Tokenises `text` as one passage.
    pub fn passage(text: &str) -> Passage<'_> {
        let quotes = quotes::scan(text, 0..text.len(), false, false);
        let toks = tokens::tokenize(text, 0..text.len(), &quotes);
        let sents = tokens::sentences(text, &toks, &quotes);
        Passage {
            text,
            quotes,
            toks,
            sents,
        }
    }

    impl Passage<'_> {
        /// The constructions' view of the passage.
        pub fn ctx(&self) -> Ctx<'_> {
            Ctx::new(self.text, &self.toks, &self.quotes)
        }

        /// The text of tokens `r`.
        pub fn span(&self, r: Range<usize>) -> String {
            if r.is_empty() {
                return String::new();
            }
            self.text[self.toks[r.start].start..self.toks[r.end - 1].end].to_string()
        }

        /// Everything found in the passage read as `mode`.
        pub fn find(&self, mode: Mode) -> Attributions {
            find(self.text, &self.toks, &self.quotes, &self.sents, mode)
        }
    }

    /// The statements of `text` read as `mode`, as (content, source) pairs; a source is the
    /// phrase, `<prev` for the previous speaker.
    pub fn statements_in(text: &str, mode: Mode) -> Vec<(String, String)> {
        let p = passage(text);
        p.find(mode)
            .candidates
            .iter()
            .map(|c| {
                let src = match &c.source {
                    Source::Phrase(r) => p.span(r.clone()),
                    Source::SameAs(k) => format!("={k}"),
                    Source::Previous => "<prev".to_string(),
                };
                (text[c.content.clone()].to_string(), src)
            })
            .collect()
    }

    /// The statements of `text` read as `mode`, as (content, construction name) pairs.
    pub fn constructions_in(text: &str, mode: Mode) -> Vec<(String, &'static str)> {
        let p = passage(text);
        p.find(mode)
            .candidates
            .iter()
            .map(|c| (text[c.content.clone()].to_string(), c.construction.as_str()))
            .collect()
    }

    /// One row of a construction's test table: a passage and the (content, source) pairs it
    /// must yield, none for a passage the construction must not fire on.
    pub type Case = (&'static str, &'static [(&'static str, &'static str)]);

    /// Checks every row of `cases` read as `mode`.
    pub fn check(mode: Mode, cases: &[Case]) {
        for (text, want) in cases {
            let got = statements_in(text, mode);
            let want: Vec<(String, String)> = want
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect();
            assert_eq!(got, want, "help: statements of {text:?}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::test_util::constructions_in;
    use super::Mode;

    /// A passage read in a mode, and the (content, construction) pairs it yields.
    type Row = (Mode, &'static str, &'static [(&'static str, &'static str)]);

    /// Each construction labels the statements it finds.
    #[test]
    fn statements_name_their_construction() {
        let cases: &[Row] = &[
            (
                Mode::Body,
                "The minister said that talks would resume in May.",
                &[("that talks would resume in May", "verb-after")],
            ),
            (
                Mode::Body,
                "Talks will resume in May, the minister said.",
                &[("Talks will resume in May", "verb-before")],
            ),
            (
                Mode::Body,
                "Talks will resume in May, said the minister.",
                &[("Talks will resume in May", "verb-inverted")],
            ),
            (
                Mode::Body,
                "The economy, she said, would recover by spring.",
                &[(
                    "The economy, she said, would recover by spring",
                    "verb-parenthetical",
                )],
            ),
            (
                Mode::Body,
                "Officials refused to budge, saying no deal was possible.",
                &[("no deal was possible", "verb-gerund")],
            ),
            (
                Mode::Body,
                "The union called for an inquiry into the crash.",
                &[("for an inquiry into the crash", "called")],
            ),
            (
                Mode::Body,
                "The border is closed, according to the ministry.",
                &[("The border is closed", "according-to")],
            ),
            (
                Mode::Body,
                "The port will reopen, Reuters quoted the mayor as saying.",
                &[("The port will reopen", "quoted-as")],
            ),
            (
                Mode::Title,
                "Lavrov: talks with the West were useful",
                &[("talks with the West were useful", "headline-label")],
            ),
            (
                Mode::Body,
                "HOST: Let us begin with the budget talks this morning.",
                &[(
                    "Let us begin with the budget talks this morning",
                    "name-label",
                )],
            ),
            (
                Mode::Body,
                "“No,” she said. “Not this year.”",
                &[("No,” she said. “Not this year.", "split-quote")],
            ),
            (
                Mode::Body,
                "“We have done it before and we will do it again.”",
                &[(
                    "We have done it before and we will do it again.",
                    "continuation",
                )],
            ),
        ];
        for (mode, text, want) in cases {
            let got = constructions_in(text, *mode);
            let want: Vec<(String, &str)> = want.iter().map(|(a, b)| (a.to_string(), *b)).collect();
            assert_eq!(got, want, "help: constructions of {text:?}");
        }
    }
}
