//! Quotation spans: where the words inside quotation marks start and end.
//!
//! Handles typographic marks (“…”, ‘…’ at the top level, ‘…’ nested in “…”, «…»), straight
//! marks ("…", '…'), the doubled marks some feeds use (``…'' and ''…''), and quotations that run
//! over several paragraphs: an opening mark on each paragraph and the closing mark only on the
//! last. One pass over the bytes of each passage; a byte that cannot be a mark is skipped with a
//! single comparison. Knows nothing of speakers.

use std::ops::Range;

use crate::segment::{Passage, PassageKind};

/// One quotation within one passage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuoteSpan {
    /// From the opening mark to past the closing mark (or the passage end when it runs on).
    pub outer: Range<usize>,
    /// The words inside the marks, trimmed of white space.
    pub inner: Range<usize>,
    /// Returns true when the quotation runs on into the next passage.
    pub runs_on: bool,
    /// Returns true when the quotation continues one from the previous passage.
    pub continued: bool,
    /// Returns true when the quotation opens where the one before it in the passage was left
    /// unclosed: one speaker's words over several paragraphs joined into one line, each opening
    /// with a mark and only the last closing (`"A. "B. "C."`).
    pub chained: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mark {
    /// “ or « or ``.
    Curly,
    /// " or ''.
    Straight,
    /// ‘.
    Single,
    /// ' as an opening mark.
    StraightSingle,
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// The quotations of every passage of an article, a quotation that runs on from one paragraph
/// continuing in the next; none in captions, and none for the mark of a transcript line
/// (`"WALLACE: ...`).
pub fn scan_passages(text: &str, passages: &[Passage]) -> Vec<Vec<QuoteSpan>> {
    let mut pq: Vec<Vec<QuoteSpan>> = Vec::with_capacity(passages.len());
    let mut continued = false;
    for (pi, p) in passages.iter().enumerate() {
        if p.kind == PassageKind::Caption {
            pq.push(Vec::new());
            continued = false;
            continue;
        }
        // An advertisement between two paragraphs of one quotation: the quotation runs on.
        if p.kind == PassageKind::Furniture {
            pq.push(Vec::new());
            continue;
        }
        let next_opens = passages[pi + 1..]
            .iter()
            .find(|n| n.kind != PassageKind::Furniture)
            .is_some_and(|n| n.kind == PassageKind::Paragraph && opens_with_quote(text, n.range()));
        let mut qs = scan(text, p.range(), continued, next_opens);
        if qs
            .first()
            .is_some_and(|q| is_transcript_line(text, q, p.start))
        {
            qs.remove(0);
        }
        continued = qs.last().is_some_and(|q| q.runs_on);
        pq.push(qs);
    }
    pq
}

/// Returns true if and only if `text[range]` opens with an opening double quotation mark.
pub fn opens_with_quote(text: &str, range: Range<usize>) -> bool {
    let Some(s) = text.get(range) else {
        return false;
    };
    let s = s.trim_start_matches(is_space);
    s.starts_with('“')
        || s.starts_with('«')
        || s.starts_with("``")
        || s.starts_with("''")
        || s.starts_with('"')
        || s.starts_with('„')
}

/// Returns true if and only if `q` opens its passage (`passage_start`) and its words open with a
/// transcript's speaker label in capitals (`"WALLACE: Let's start ...`): the mark opens the
/// transcript line, not a quotation.
pub fn is_transcript_line(text: &str, q: &QuoteSpan, passage_start: usize) -> bool {
    let lead = text
        .get(passage_start..q.outer.start)
        .is_some_and(|s| s.chars().all(is_space));
    let Some(words) = text.get(q.inner.clone()) else {
        return false;
    };
    let Some((label, rest)) = words.split_once(':') else {
        return false;
    };
    lead && !rest.trim().is_empty()
        && (2..=30).contains(&label.len())
        && label.chars().any(|c| c.is_alphabetic())
        && label
            .chars()
            .all(|c| c.is_uppercase() || matches!(c, ' ' | '.' | '\'' | '’' | '-'))
}

fn trim(text: &str, r: Range<usize>) -> Range<usize> {
    let Some(s) = text.get(r.clone()) else {
        return r.start..r.start;
    };
    let lead = s.len() - s.trim_start_matches(is_space).len();
    let t = s.trim_matches(is_space);
    r.start + lead..r.start + lead + t.len()
}

/// The quotations of one passage `text[range]`. `continued` tells that the previous passage
/// ended inside a quotation; `next_opens` that the next passage opens with a quotation mark (so
/// that one left open here runs on).
pub fn scan(text: &str, range: Range<usize>, continued: bool, next_opens: bool) -> Vec<QuoteSpan> {
    let Some(s) = text.get(range.clone()) else {
        return Vec::new();
    };
    let mut sc = Scanner {
        text,
        continued,
        out: Vec::new(),
        open: None,
        first_open: true,
        chain: false,
    };
    let base = range.start;
    let bytes = s.as_bytes();
    let mut prev: Option<char> = None;
    let mut i = 0;
    while i < bytes.len() {
        // Every mark starts with one of these bytes: " ' ` or a multi-byte lead (0xC2, 0xE2):
        // skip to the next such byte or non-ASCII char, after ASCII chars only.
        let skip = bytes[i..]
            .iter()
            .position(|&b| MAY_MARK[usize::from(b)])
            .unwrap_or(bytes.len() - i);
        if skip > 0 {
            prev = Some(bytes[i + skip - 1] as char);
            i += skip;
            continue;
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        let len = c.len_utf8();
        let next = s[i + len..].chars().next();
        let at = Place {
            byte: base + i,
            len,
            prev,
            next,
            first: i == 0,
        };
        let step = sc.mark(c, &at);
        prev = if step == 2 { Some('\'') } else { Some(c) };
        i += step;
    }
    sc.finish(base + s.len(), next_opens)
}

/// Whether a byte may start a quotation mark (`"`, `'`, a backtick, or any byte of a
/// non-ASCII char), as a table: the scan asks it of every byte of a passage.
static MAY_MARK: [bool; 256] =
    crate::byte_table!(|b| matches!(b, b'"' | b'\'' | b'`') || b >= 0x80);

/// Where a mark is: its byte in the article and its length, the characters around it, and
/// whether it opens the passage.
#[derive(Clone, Copy)]
struct Place {
    byte: usize,
    len: usize,
    prev: Option<char>,
    next: Option<char>,
    first: bool,
}

/// The longest span, in words, between straight single marks read as a quotation.
const MAX_SINGLE_QUOTED_WORDS: usize = 30;

/// The state of [`scan`] over one passage: the quotations found, the one open (its mark, outer
/// start and inner start), whether the first is still to be found, and whether the next one
/// opens where an unclosed one ended.
struct Scanner<'a> {
    text: &'a str,
    continued: bool,
    out: Vec<QuoteSpan>,
    open: Option<(Mark, usize, usize)>,
    first_open: bool,
    chain: bool,
}

impl Scanner<'_> {
    /// Closes the open quotation: outer from `o` to `end`, its words `inner`.
    fn push(&mut self, o: usize, inner: Range<usize>, end: usize) {
        let inner = trim(self.text, inner);
        if !inner.is_empty() {
            self.out.push(QuoteSpan {
                outer: o..end,
                inner,
                runs_on: false,
                continued: self.continued && self.first_open,
                chained: std::mem::replace(&mut self.chain, false),
            });
        }
        self.first_open = false;
        self.open = None;
    }

    /// Reads the mark `c` at `at`; returns how many bytes it takes.
    fn mark(&mut self, c: char, at: &Place) -> usize {
        let Place {
            byte,
            len,
            prev,
            next,
            first,
        } = *at;
        let after_space = prev.is_none_or(|p| is_space(p) || "([{—–-/".contains(p));
        let before_space = next.is_none_or(|n| is_space(n) || ",.;:!?)]}—–".contains(n));
        let mut step = len;
        match c {
            '“' | '«' | '„' => match self.open {
                Some((Mark::Curly, ..)) | Some((Mark::Straight, ..)) if !after_space => {}
                _ => self.open = Some((Mark::Curly, byte, byte + len)),
            },
            '”' | '»' => {
                if let Some((Mark::Curly | Mark::Straight, o, inner)) = self.open {
                    self.push(o, inner..byte, byte + len);
                } else if self.open.is_none() && after_space && !before_space {
                    // A closing mark where an opening one belongs (”I think ...,” she said),
                    // as some feeds write it.
                    self.open = Some((Mark::Curly, byte, byte + len));
                }
            }
            '`' if next == Some('`') => {
                step = 2;
                if !matches!(self.open, Some((Mark::Curly | Mark::Straight, ..))) {
                    self.open = Some((Mark::Curly, byte, byte + 2));
                }
            }
            '"' | '\'' if c == '"' || next == Some('\'') => {
                if c == '\'' {
                    step = 2;
                }
                self.straight(byte, step, after_space, before_space, first);
            }
            '‘' if self.open.is_none() => self.open = Some((Mark::Single, byte, byte + len)),
            '’' => {
                if let Some((Mark::Single, o, inner)) = self.open {
                    if !next.is_some_and(char::is_alphanumeric) {
                        self.push(o, inner..byte, byte + len);
                    }
                }
            }
            '\'' => self.single(byte, prev, next, after_space),
            _ => {}
        }
        step
    }

    /// A straight double mark (or two single ones) of `step` bytes at `byte`.
    fn straight(
        &mut self,
        byte: usize,
        step: usize,
        after_space: bool,
        before_space: bool,
        first: bool,
    ) {
        match self.open {
            Some((Mark::Curly | Mark::Straight, o, inner)) => {
                if after_space && !before_space && Some(o) != Some(byte) {
                    // A new opening: the previous mark was never closed. Its words end
                    // here, and the new quotation continues them.
                    self.push(o, inner..byte, byte);
                    self.chain = true;
                    self.open = Some((Mark::Straight, byte, byte + step));
                } else {
                    self.push(o, inner..byte, byte + step);
                }
            }
            _ => {
                if !before_space || first {
                    self.open = Some((Mark::Straight, byte, byte + step));
                }
            }
        }
    }

    /// A straight single mark at `byte`: opens before a word, closes a short span.
    fn single(&mut self, byte: usize, prev: Option<char>, next: Option<char>, after_space: bool) {
        match self.open {
            None if after_space && next.is_some_and(char::is_alphabetic) => {
                self.open = Some((Mark::StraightSingle, byte, byte + 1));
            }
            Some((Mark::StraightSingle, o, inner))
                if !after_space && !next.is_some_and(char::is_alphanumeric) =>
            {
                // Plural possessives ("voters' concerns") look the same: accept only short
                // spans that do not end in a plain plural s.
                let words = self.text[inner..byte].split_whitespace().count();
                let plural = prev == Some('s') && next.is_some_and(|n| n == ' ');
                if words <= MAX_SINGLE_QUOTED_WORDS && !(plural && words > 3) {
                    self.push(o, inner..byte, byte + 1);
                }
            }
            _ => {}
        }
    }

    /// The quotations found, with the one still open at `end` when it runs on or holds three
    /// words or more.
    fn finish(mut self, end: usize, next_opens: bool) -> Vec<QuoteSpan> {
        if let Some((mark, o, inner)) = self.open {
            let words = self.text[inner..end].split_whitespace().count();
            if matches!(mark, Mark::Curly | Mark::Straight) && (next_opens || words >= 3) {
                let inner = trim(self.text, inner..end);
                if !inner.is_empty() {
                    self.out.push(QuoteSpan {
                        outer: o..end,
                        inner,
                        runs_on: next_opens,
                        continued: self.continued && self.first_open,
                        chained: self.chain,
                    });
                }
            }
        }
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inner(text: &str, continued: bool, next_opens: bool) -> Vec<(String, bool, bool)> {
        scan(text, 0..text.len(), continued, next_opens)
            .into_iter()
            .map(|q| (text[q.inner].to_string(), q.runs_on, q.continued))
            .collect()
    }

    #[test]
    fn quotation_marks() {
        let cases: &[(&str, bool, bool, &[&str])] = &[
            (
                "“We don’t want a war,” he said.",
                false,
                false,
                &["We don’t want a war,"],
            ),
            ("He said “one” and “two”.", false, false, &["one", "two"]),
            (
                "Talks were ‘frank and substantive’",
                false,
                false,
                &["frank and substantive"],
            ),
            (
                "“He called it ‘a sham’ today,” she said.",
                false,
                false,
                &["He called it ‘a sham’ today,"],
            ),
            (
                "\"Straight quotes,\" she said. \"Again.\"",
                false,
                false,
                &["Straight quotes,", "Again."],
            ),
            ("``Some feeds,'' he said.", false, false, &["Some feeds,"]),
            (
                "”I want the senator to stay in,” said Nina Turner.",
                false,
                false,
                &["I want the senator to stay in,"],
            ),
            (
                "''Doubled marks,'' said Mr. Smith.",
                false,
                false,
                &["Doubled marks,"],
            ),
            (
                "Ukraine’s president and the Russians’ view",
                false,
                false,
                &[],
            ),
            ("He said 'no way' to that.", false, false, &["no way"]),
            (
                "“It runs on into the next paragraph.",
                false,
                true,
                &["It runs on into the next paragraph."],
            ),
            (
                "“Left open, not continued",
                false,
                false,
                &["Left open, not continued"],
            ),
            ("“x", false, false, &[]),
        ];
        for (text, cont, next, want) in cases {
            let got: Vec<String> = inner(text, *cont, *next).into_iter().map(|x| x.0).collect();
            assert_eq!(&got, want, "help: quotes of {text:?}");
        }
        let ran = inner("“Runs on here", false, true);
        assert!(ran[0].1, "help: runs_on");
        let cont = inner("“And closes here.” More.", true, false);
        assert!(cont[0].2, "help: continued");
    }

    #[test]
    fn never_panics_on_odd_input() {
        for t in ["\"", "''", "``", "‘", "’", "“”", "\"\"\"", "'a", "é“", "“é"] {
            let _ = scan(t, 0..t.len(), true, true);
        }
    }
}
