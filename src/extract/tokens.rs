//! Tokens: the words and punctuation of a passage as byte ranges, with each quotation collapsed
//! into a single token, and the sentences they make.
//!
//! One pass over the chars of a passage. Words keep inner apostrophes, hyphens and the periods
//! of abbreviations (`U.S.`, `Mr.`); every token is a byte range of the article text on char
//! boundaries. Knows nothing of speakers.

use std::ops::Range;

use super::gazetteer::Gazetteer;
use super::lexicon::{class, Lex, Lexicon, NO_LEX};
use super::quotes::QuoteSpan;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A word.
    Word,
    /// One punctuation char.
    Punct(char),
    /// A whole quotation (index into the passage's quote list; 32 bits keep a token small).
    Quote(u32),
}

impl Kind {
    /// The kind of the passage's quotation number `i` (a number past 32 bits, which no
    /// passage reaches, names no quotation).
    pub fn quote(i: usize) -> Kind {
        Kind::Quote(u32::try_from(i).unwrap_or(u32::MAX))
    }
}

/// One token.
#[derive(Clone, Copy, Debug)]
pub struct Token {
    /// First byte in the article text.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// What it is.
    pub kind: Kind,
    /// Its word classes ([`NO_LEX`] for punctuation and quotations).
    pub lex: &'static Lex,
    /// Returns true when a word starts with an uppercase letter.
    pub cap: bool,
    /// Returns true when a word ends in a possessive `'s` or `’s`.
    pub poss: bool,
    /// Returns true when a capitalised word is a known first name (the gazetteer's answer,
    /// looked up once here for the many questions of [`super::mentions::is_name_at`]).
    pub first_name: bool,
    /// Returns true when a word can be part of a person's name
    /// ([`super::mentions::is_name_word`], worked out once here).
    pub name: bool,
}

impl Token {
    /// Returns true if and only if the token is a word.
    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }

    /// Returns true if and only if the token is the punctuation char `c`.
    pub fn is(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }

    /// Returns true if and only if the token is a quotation.
    pub fn is_quote(&self) -> bool {
        matches!(self.kind, Kind::Quote(_))
    }

    /// Returns true if and only if the token is a word with any of the `class` flags.
    pub fn has(&self, flags: u32) -> bool {
        self.lex.class & flags != 0
    }

    /// The token's text.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// One past the last byte of the word without its possessive ending.
    pub fn stem_end(&self, text: &str) -> usize {
        self.start + self.stem(text).len()
    }

    /// The word without a possessive ending.
    pub fn stem<'a>(&self, text: &'a str) -> &'a str {
        let t = self.text(text);
        if self.poss {
            t.strip_suffix("'s")
                .or_else(|| t.strip_suffix("’s"))
                .unwrap_or(t)
        } else {
            t
        }
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '$' || c == '#' || c == '@' || c == '%'
}

/// The number of ASCII word chars (as [`is_word_char`] has them) that `bytes` opens with.
fn ascii_word_len(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .take_while(|&&b| ASCII_WORD[usize::from(b)])
        .count()
}

/// Whether each byte is an ASCII word char ([`is_word_char`]), as a table: the tokenizer asks
/// it of most bytes of a text.
static ASCII_WORD: [bool; 256] =
    crate::byte_table!(|b| b.is_ascii_alphanumeric() || matches!(b, b'$' | b'#' | b'@' | b'%'));

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// Returns true if and only if `w` (without its final period) is an abbreviation that takes one
/// (`data/lexicon/abbreviations.txt`).
fn is_abbreviation(w: &str, lex: &Lexicon) -> bool {
    if w.len() == 1 && w.chars().all(|c| c.is_ascii_uppercase()) {
        return true;
    }
    if w.contains('.') {
        return true; // U.S, D.C, a.m
    }
    lex.is_abbreviation(w)
}

/// Tokenizes `text[range]`, each quotation in `quotes` (sorted, inside the range) becoming one
/// [`Kind::Quote`] token.
pub fn tokenize(text: &str, range: Range<usize>, quotes: &[QuoteSpan]) -> Vec<Token> {
    let lex = Lexicon::get();
    let mut out = Vec::with_capacity(range.len() / 5);
    let mut pos = range.start;
    let end = range.end.min(text.len());
    let mut qi = 0;
    while pos < end {
        if let Some(q) = quotes.get(qi) {
            if pos >= q.outer.start {
                out.push(Token {
                    start: q.outer.start,
                    end: q.outer.end,
                    kind: Kind::quote(qi),
                    lex: &NO_LEX,
                    cap: false,
                    poss: false,
                    first_name: false,
                    name: false,
                });
                pos = pos.max(q.outer.end);
                qi += 1;
                continue;
            }
        }
        let limit = quotes.get(qi).map_or(end, |q| q.outer.start.min(end));
        let bytes = text.as_bytes();
        // An ASCII char, the most of most text, is classed by its byte; others are decoded.
        let c = match bytes.get(pos) {
            Some(&b) if b.is_ascii() => char::from(b),
            _ => match text.get(pos..).and_then(|s| s.chars().next()) {
                Some(c) => c,
                None => break,
            },
        };
        if is_space(c) {
            pos += c.len_utf8();
            continue;
        }
        if !is_word_char(c) {
            out.push(Token {
                start: pos,
                end: pos + c.len_utf8(),
                kind: Kind::Punct(c),
                lex: &NO_LEX,
                cap: false,
                poss: false,
                first_name: false,
                name: false,
            });
            pos += c.len_utf8();
            continue;
        }
        // A word: word chars, with ' ’ - . & / joining two word chars.
        let start = pos;
        // A run of ASCII word chars, the most of most words, taken bytewise first.
        let e0 = pos + ascii_word_len(&bytes[pos..limit]);
        let mut e = e0;
        // The word goes on past the run only at a char that is not ASCII or at a joiner.
        let goes_on = bytes[e0..limit]
            .first()
            .is_some_and(|&b| !b.is_ascii() || matches!(b, b'\'' | b'-' | b'.' | b'&' | b'/'));
        if goes_on {
            let mut chars = text[e0..limit].char_indices().peekable();
            let mut last_word_char = true;
            while let Some((i, ch)) = chars.next() {
                if is_word_char(ch) {
                    e = e0 + i + ch.len_utf8();
                    last_word_char = true;
                    continue;
                }
                let joins = matches!(ch, '\'' | '’' | '-' | '.' | '&' | '/' | '\u{2011}')
                    && last_word_char
                    && chars.peek().is_some_and(|&(_, n)| is_word_char(n));
                if joins {
                    last_word_char = false;
                    continue;
                }
                break;
            }
        }
        // A clock time glued to the next word by scraped markup ("9:52PMBush Says ..."): the
        // word starts after the time.
        if let Some(cut) = glued_time(&text[start..e]) {
            out.push(Token {
                start,
                end: start + cut,
                kind: Kind::Word,
                lex: &NO_LEX,
                cap: false,
                poss: false,
                first_name: false,
                name: false,
            });
            pos = start + cut;
            continue;
        }
        // An abbreviation keeps its final period.
        let w = &text[start..e];
        if text[e..limit].starts_with('.') && is_abbreviation(w, lex) {
            e += 1;
        }
        let w = &text[start..e];
        let poss = w.ends_with("'s") || w.ends_with("’s");
        let looked = if poss {
            lex.lookup(&w[..w.len() - if w.ends_with("'s") { 2 } else { 4 }])
        } else {
            lex.lookup(w)
        };
        let mut t = word_token(text, start..e, looked, c.is_uppercase(), poss);
        // "al-Assad": a lowercase run joined by a hyphen, which a name particle may be.
        if !t.cap && bytes.get(e0) == Some(&b'-') && e0 < e {
            t.name = particle_name(&text[start..e0], &text[e0 + 1..e]);
        }
        out.push(t);
        pos = e.max(pos + c.len_utf8());
    }
    out
}

/// The token of the word `text[range]` with its word classes `lex`, its name flags worked out.
fn word_token(text: &str, range: Range<usize>, lex: &'static Lex, cap: bool, poss: bool) -> Token {
    let mut t = Token {
        start: range.start,
        end: range.end,
        kind: Kind::Word,
        lex,
        cap,
        poss,
        first_name: false,
        name: false,
    };
    // Only a capitalised word may be a name (or a particle joined to one: [`particle_name`]).
    if cap {
        let g = Gazetteer::get();
        t.first_name = g.is_first_name(t.text(text));
        t.name = name_word(text, &t, g);
    }
    t
}

/// Returns true if and only if `particle`, joined by a hyphen to `rest`, is a lowercase name
/// particle (`data/lexicon/name_particles.txt`) before a capitalised word: "al-Assad",
/// "bin-Laden".
fn particle_name(particle: &str, rest: &str) -> bool {
    rest.starts_with(char::is_uppercase) && Lexicon::get().lists.name_particles.contains(&particle)
}

/// For a word that is a clock time glued to a capitalised word (`52PMBush`, `10amTrump`), the
/// length of the time part.
fn glued_time(w: &str) -> Option<usize> {
    let b = w.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if !(1..=2).contains(&digits) || b.len() < digits + 3 {
        return None;
    }
    let ampm = &b[digits..digits + 2];
    let next = b[digits + 2];
    (matches!(ampm, b"AM" | b"PM" | b"am" | b"pm") && next.is_ascii_uppercase())
        .then_some(digits + 2)
}

/// Returns true if and only if a quotation's words end a sentence (`… pay.”`).
fn quote_ends_sentence(text: &str, q: &QuoteSpan) -> bool {
    text.get(q.inner.clone())
        .is_some_and(|s| s.trim_end().ends_with(['.', '!', '?', '…']))
}

/// Sentences as index ranges into `tokens`.
///
/// A sentence ends after `.`, `!` or `?` (a period that is part of an abbreviation is inside its
/// word) and before a token that starts with a capital, a digit or a quotation; and after a
/// quotation whose words end a sentence when another quotation or a capitalised word that does
/// not attribute it follows.
pub fn sentences(text: &str, tokens: &[Token], quotes: &[QuoteSpan]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    // A dateline is a sentence of its own, so that the first sentence's subject is not the place.
    if let Some(d) = dateline_end(text, tokens) {
        out.push(0..d);
        start = d;
    }
    let n = tokens.len();
    let mut i = start;
    while i < n {
        let t = &tokens[i];
        let mut boundary = false;
        let mut j = i + 1;
        match t.kind {
            Kind::Punct('.' | '!' | '?' | '…' | ';') => {
                // Closing brackets or marks stay with the sentence.
                while j < n && matches!(tokens[j].kind, Kind::Punct(')' | ']' | '”' | '’')) {
                    j += 1;
                }
                boundary = match tokens.get(j) {
                    None => true,
                    Some(nx) => match nx.kind {
                        Kind::Word => {
                            nx.cap
                                || nx.text(text).chars().next().is_some_and(|c| c.is_numeric())
                                || t.is(';')
                        }
                        Kind::Quote(_) => true,
                        Kind::Punct(c) => "([‘'\"-—".contains(c),
                    },
                };
            }
            Kind::Quote(q) => {
                if let (Some(qs), Some(nx)) = (quotes.get(q as usize), tokens.get(j)) {
                    if quote_ends_sentence(text, qs) {
                        boundary = match nx.kind {
                            Kind::Quote(_) => true,
                            Kind::Word => nx.cap && !attributes(tokens, j),
                            _ => false,
                        };
                    }
                }
            }
            _ => {}
        }
        if boundary {
            out.push(start..j);
            start = j;
            i = j;
            continue;
        }
        i += 1;
    }
    if start < n {
        out.push(start..n);
    }
    out
}

/// The end (token index after the dash) of a dateline opening a passage: `ORLANDO, Fla.
/// (Reuters) -`, `PARIS, Aug 31 (Reuters) -`, `Washington (AFP) –`, `WASHINGTON ―`. Up to eight
/// capitalised words, numbers, commas, periods and parentheses before a dash followed by a
/// capitalised word; with a parenthesis (the agency) or a first word in capitals.
fn dateline_end(text: &str, tokens: &[Token]) -> Option<usize> {
    let dash = tokens
        .iter()
        .take(12)
        .position(|t| matches!(t.kind, Kind::Punct('-' | '–' | '—' | '―')))?;
    if dash == 0 {
        return None;
    }
    let next = tokens.get(dash + 1)?;
    if !(next.is_word() && next.cap) {
        return None;
    }
    let head = &tokens[..dash];
    let mut words = 0;
    for t in head {
        match t.kind {
            Kind::Word => {
                words += 1;
                let numeric = t.text(text).chars().next().is_some_and(|c| c.is_numeric());
                if !(t.cap || numeric) {
                    return None;
                }
            }
            Kind::Punct(',' | '.' | '(' | ')') => {}
            _ => return None,
        }
    }
    let first = head.first()?;
    let shouting = first.is_word()
        && first
            .text(text)
            .chars()
            .filter(|c| c.is_alphabetic())
            .count()
            >= 3
        && !first.text(text).chars().any(|c| c.is_lowercase());
    let agency = head.iter().any(|t| t.is('('));
    (words <= 8 && first.is_word() && (shouting || agency)).then_some(dash + 1)
}

/// Returns true if and only if tokens from `j` read like an attribution: a speech verb within
/// the next few words with no punctuation before it (`Lukashenko said.`, `said Mr. Smith`).
fn attributes(tokens: &[Token], j: usize) -> bool {
    for t in tokens.iter().skip(j).take(7) {
        if !t.is_word() {
            return false;
        }
        if t.lex.cue.is_some() {
            return true;
        }
        if t.has(class::STOP) && !t.has(class::AUX) {
            return false;
        }
    }
    false
}

/// Returns true if and only if the word `t` of `text`, its other fields set, can be part of a
/// person's name; [`Token::name`] holds the answer.
fn name_word(text: &str, t: &Token, g: &Gazetteer) -> bool {
    if !t.is_word() || !t.cap {
        return false;
    }
    if t.has(class::NOT_NAME | class::TITLE | class::PRON) || t.lex.role.is_some() {
        return false;
    }
    if t.lex.cue.is_some() {
        return false;
    }
    // A capitalised function word opening a sentence ("Even", "Also") is no name, unless it is
    // a first name too ("Will").
    if t.has(class::STOP | class::AUX | class::PREP | class::DET) && !t.first_name {
        return false;
    }
    let w = t.stem(text);
    if w.chars().count() > 1 && w.chars().all(|c| c.is_uppercase() || c == '.') {
        // An acronym (NATO, US) is not a name; an initial (H.) is.
        return w.len() == 2 && w.ends_with('.');
    }
    g.place_word(w).is_none()
}

#[cfg(test)]
mod tests {
    use super::super::quotes;
    use super::*;

    fn toks(text: &str) -> (Vec<String>, Vec<String>) {
        let q = quotes::scan(text, 0..text.len(), false, false);
        let t = tokenize(text, 0..text.len(), &q);
        let words = t.iter().map(|x| x.text(text).to_string()).collect();
        let sents = sentences(text, &t, &q)
            .into_iter()
            .map(|r| text[t[r.start].start..t[r.end - 1].end].to_string())
            .collect();
        (words, sents)
    }

    #[test]
    fn a_dateline_is_a_sentence_of_its_own() {
        for (text, first) in [
            (
                "ORLANDO, Fla. (Reuters) - President Barack Obama met survivors.",
                "ORLANDO, Fla. (Reuters) -",
            ),
            (
                "PARIS, Aug 31 (Reuters) - Marine Le Pen voiced support.",
                "PARIS, Aug 31 (Reuters) -",
            ),
            (
                "Washington (AFP) – Hillary Clinton has taken a swipe.",
                "Washington (AFP) –",
            ),
            (
                "WASHINGTON ― Donald Trump’s obsession is an insult.",
                "WASHINGTON ―",
            ),
        ] {
            let (_, sents) = toks(text);
            assert_eq!(sents[0], first, "{text}");
            assert_eq!(sents.len(), 2, "{text}: {sents:?}");
        }
        // Not datelines: a dash inside an ordinary sentence.
        for text in [
            "Mr. Smith - the mayor - said so.",
            "The US (and its allies) - Britain too - agreed.",
        ] {
            let (_, sents) = toks(text);
            assert_eq!(sents.len(), 1, "{text}: {sents:?}");
        }
    }

    #[test]
    fn a_clock_time_glued_to_a_word_is_split_off() {
        let (words, _) = toks("February 6, 2016 9:52PMBush Says We Should Pay Attention");
        assert_eq!(
            words,
            [
                "February",
                "6",
                ",",
                "2016",
                "9",
                ":",
                "52PM",
                "Bush",
                "Says",
                "We",
                "Should",
                "Pay",
                "Attention"
            ]
        );
        let (words, _) = toks("at 10pm Tuesday, 2PMs, 2°C, 25½Z");
        assert_eq!(
            words,
            ["at", "10pm", "Tuesday", ",", "2PMs", ",", "2", "°", "C", ",", "25½Z"]
        );
    }

    #[test]
    fn words_and_sentences() {
        let cases: &[(&str, &[&str], &[&str])] = &[
            (
                "Mr. Smith said the U.S. would act. Ukraine’s army agreed.",
                &[
                    "Mr.",
                    "Smith",
                    "said",
                    "the",
                    "U.S.",
                    "would",
                    "act",
                    ".",
                    "Ukraine’s",
                    "army",
                    "agreed",
                    ".",
                ],
                &[
                    "Mr. Smith said the U.S. would act.",
                    "Ukraine’s army agreed.",
                ],
            ),
            (
                "“We don’t want a war.” Lukashenko said. “It is over.” Then he left.",
                &[
                    "“We don’t want a war.”",
                    "Lukashenko",
                    "said",
                    ".",
                    "“It is over.”",
                    "Then",
                    "he",
                    "left",
                    ".",
                ],
                &[
                    "“We don’t want a war.” Lukashenko said.",
                    "“It is over.”",
                    "Then he left.",
                ],
            ),
            (
                "A $95.6m loan, a 50km drive (31 miles) and Sen. Paul H. Chipok.",
                &[
                    "A", "$95.6m", "loan", ",", "a", "50km", "drive", "(", "31", "miles", ")",
                    "and", "Sen.", "Paul", "H.", "Chipok", ".",
                ],
                &["A $95.6m loan, a 50km drive (31 miles) and Sen. Paul H. Chipok."],
            ),
        ];
        for (text, words, sents) in cases {
            let (w, s) = toks(text);
            assert_eq!(&w, words, "help: words of {text:?}");
            assert_eq!(&s, sents, "help: sentences of {text:?}");
        }
    }

    #[test]
    fn possessives() {
        let text = "Russia’s foreign ministry and Poland's president";
        let t = tokenize(text, 0..text.len(), &[]);
        assert!(t[0].poss && t[0].stem(text) == "Russia");
        assert!(t[4].poss && t[4].stem(text) == "Poland");
        assert!(t[2].lex.role.is_some());
    }
}
