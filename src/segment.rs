//! Segmentation: an article's text cut into passages (title, standfirst, captions, live-blog entry
//! headlines, paragraphs) and sentences, every piece a byte range into [`Article::text`].
//!
//! Segmentation never alters or reorders the text: passages are in order, do not overlap, and lie
//! on char boundaries. It knows nothing of statements or of the index.

use std::ops::Range;

use serde::Serialize;
use unicode_segmentation::UnicodeSegmentation;

use crate::article::Article;

/// What a passage is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PassageKind {
    /// The article's headline.
    Title,
    /// The summary under the headline.
    Standfirst,
    /// A photo caption or credit.
    Caption,
    /// The short headline line that opens a live-blog entry.
    Headline,
    /// A paragraph of body text.
    Paragraph,
}

impl PassageKind {
    /// The lowercase name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            PassageKind::Title => "title",
            PassageKind::Standfirst => "standfirst",
            PassageKind::Caption => "caption",
            PassageKind::Headline => "headline",
            PassageKind::Paragraph => "paragraph",
        }
    }
}

/// One passage: a byte range of the article text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Passage {
    /// What it is.
    pub kind: PassageKind,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The live-blog entry it belongs to (index into [`Segmented::entries`]).
    pub entry: Option<usize>,
}

impl Passage {
    /// The byte range.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// A live-blog entry: a headline passage and the paragraphs under it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// Index of the headline passage.
    pub headline: usize,
    /// First byte (of the headline).
    pub start: usize,
    /// One past the last byte of its last passage.
    pub end: usize,
}

/// An article cut into passages and entries.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Segmented {
    /// In text order, non-overlapping.
    pub passages: Vec<Passage>,
    /// Live-blog entries, in text order.
    pub entries: Vec<Entry>,
}

impl Segmented {
    /// The headline text of the entry holding passage `p`, if any.
    pub fn entry_headline<'a>(&self, text: &'a str, p: usize) -> Option<&'a str> {
        let e = self.passages.get(p)?.entry?;
        let h = &self.passages[self.entries[e].headline];
        Some(&text[h.range()])
    }
}

/// Returns true if and only if `c` is white space, no-break spaces included.
fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

fn trim_range(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start_matches(is_space).len();
    let t = s.trim_matches(is_space);
    r.start + lead..r.start + lead + t.len()
}

/// Lines of `text[r]` as trimmed ranges, blank ones as `None`.
fn lines(text: &str, r: Range<usize>) -> Vec<Option<Range<usize>>> {
    let mut out = Vec::new();
    let mut pos = r.start;
    for line in text[r].split_inclusive('\n') {
        let t = trim_range(text, pos..pos + line.len());
        out.push(if t.is_empty() { None } else { Some(t) });
        pos += line.len();
    }
    out
}

fn ends_sentence(s: &str) -> bool {
    let s = s.trim_end_matches(['"', '”', '’', '\'', ')', ']', '»']);
    s.ends_with(['.', '!', '?', ':', ';', '…'])
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// Returns true if and only if a line reads like a photo caption's credit:
/// `... [Russian Foreign Ministry/Handout via Reuters]`, `(Photo: AP)`.
fn is_credit(s: &str) -> bool {
    let t = s.trim_end();
    if let Some(open) = t.rfind('[') {
        if t.ends_with(']') {
            let inner = &t[open..];
            return inner.contains('/')
                || inner.contains(" via ")
                || [
                    "Reuters", "AP", "AFP", "Getty", "EPA", "Photo", "File", "Handout",
                ]
                .iter()
                .any(|w| inner.contains(w));
        }
    }
    // The prefixes are ASCII, so comparing the first bytes without case is comparing the
    // lowercased line's start, without lowercasing (and allocating) the whole line.
    ["photo:", "(photo", "image:"].iter().any(|p| {
        t.as_bytes()
            .get(..p.len())
            .is_some_and(|b| b.eq_ignore_ascii_case(p.as_bytes()))
    })
}

/// Cuts an article into passages.
///
/// ```
/// use whosaid::{article::Article, segment::{segment, PassageKind}};
/// let text = "Big news today\n\nFirst paragraph. It goes on.\n\nSecond one.\n".to_string();
/// let a = Article { text: text.clone(), title_in_text: Some(0..14), ..Default::default() };
/// let s = segment(&a);
/// assert_eq!(s.passages[0].kind, PassageKind::Title);
/// assert_eq!(&text[s.passages[2].start..s.passages[2].end], "Second one.");
/// ```
pub fn segment(article: &Article) -> Segmented {
    let text = article.text.as_str();
    // Blocks are runs of non-blank lines. In a block, each line is a passage unless the lines are
    // hard-wrapped prose (long lines that do not end a sentence), which make one paragraph.
    let mut raw: Vec<Range<usize>> = Vec::new();
    let mut block: Vec<Range<usize>> = Vec::new();
    let flush = |block: &mut Vec<Range<usize>>, raw: &mut Vec<Range<usize>>| {
        if block.is_empty() {
            return;
        }
        let wrapped = block.len() > 1
            && block[..block.len() - 1]
                .iter()
                .all(|l| l.len() >= 40 && !ends_sentence(&text[l.clone()]));
        if wrapped {
            raw.push(block[0].start..block[block.len() - 1].end);
        } else {
            raw.append(block);
        }
        block.clear();
    };
    for l in lines(text, 0..text.len()) {
        match l {
            Some(r) => block.push(r),
            None => flush(&mut block, &mut raw),
        }
    }
    flush(&mut block, &mut raw);

    let mut passages: Vec<Passage> = Vec::with_capacity(raw.len());
    let mut entries: Vec<Entry> = Vec::new();
    let title = article.title_in_text.clone();
    for (i, r) in raw.iter().enumerate() {
        let s = &text[r.clone()];
        let prev_kind = passages.last().map(|p: &Passage| p.kind);
        let next = raw.get(i + 1).map(|n| &text[n.clone()]);
        let kind = if title.as_ref().is_some_and(|t| t.start == r.start) {
            PassageKind::Title
        } else if is_credit(s) || next.is_some_and(|n| is_credit(n) && !ends_sentence(s)) {
            PassageKind::Caption
        } else if prev_kind == Some(PassageKind::Title) && title.is_some() && word_count(s) <= 60 {
            PassageKind::Standfirst
        } else if word_count(s) <= 16
            && !ends_sentence(s)
            && !s.ends_with(',')
            && next.is_some_and(|n| word_count(n) > word_count(s) && ends_sentence(n))
            && s.trim_start_matches(['‘', '“', '\'', '"'])
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_numeric())
            && prev_kind.is_some()
        {
            PassageKind::Headline
        } else {
            PassageKind::Paragraph
        };
        let mut entry = entries.len().checked_sub(1);
        if kind == PassageKind::Headline {
            entries.push(Entry {
                headline: passages.len(),
                start: r.start,
                end: r.end,
            });
            entry = Some(entries.len() - 1);
        }
        if matches!(kind, PassageKind::Title | PassageKind::Standfirst) {
            entry = None;
        }
        if let Some(e) = entry {
            entries[e].end = r.end;
        }
        passages.push(Passage {
            kind,
            start: r.start,
            end: r.end,
            entry,
        });
    }
    Segmented { passages, entries }
}

/// The sentences of `text[range]`, as trimmed byte ranges into `text`.
pub fn sentences(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let base = range.start;
    text[range]
        .split_sentence_bound_indices()
        .map(|(i, s)| trim_range(text, base + i..base + i + s.len()))
        .filter(|r| !r.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credits_are_told_by_their_start_in_any_case() {
        for line in [
            "Photo: AP",
            "PHOTO: Reuters",
            "(Photo by a staffer)",
            "image: handout",
            "A boat in the harbour [Russian Foreign Ministry/Handout via Reuters]",
        ] {
            assert!(is_credit(line), "{line}");
        }
        for line in [
            "Photos of the meeting were released.",
            "Imagine a world",
            "Ph",
            "",
            "Éphoto: not a credit",
            "The minister said so [on Twitter]",
        ] {
            assert!(!is_credit(line), "{line}");
        }
    }

    fn art(text: &str) -> Article {
        crate::input::parse_text(text, "t.txt", "t")
    }

    #[test]
    fn live_blog_entries_and_captions() {
        let text = "Latest updates: talks\n\nTensions news: leaders meet in Geneva today.\n\nUS Secretary greets minister, in Geneva\nTalks mark the end of a tour [Handout via Reuters]\n\nA paragraph that says something. Then more.\n\nLukashenko warns the West\n\nBelarusian President Alexander Lukashenko has said that things are bad.\n\n“We don’t want a war,” Lukashenko told journalists.\n";
        let a = art(text);
        let s = segment(&a);
        let kinds: Vec<_> = s.passages.iter().map(|p| p.kind).collect();
        assert_eq!(
            kinds,
            vec![
                PassageKind::Title,
                PassageKind::Standfirst,
                PassageKind::Caption,
                PassageKind::Caption,
                PassageKind::Paragraph,
                PassageKind::Headline,
                PassageKind::Paragraph,
                PassageKind::Paragraph
            ]
        );
        assert_eq!(s.entries.len(), 1);
        assert_eq!(s.entry_headline(text, 7), Some("Lukashenko warns the West"));
    }

    #[test]
    fn crlf_and_nbsp_are_ordinary() {
        let text = "Title\r\n\r\n\u{a0}First para.\u{a0}\r\n\r\nSecond para.\r\n";
        let s = segment(&art(text));
        let t: Vec<&str> = s.passages.iter().map(|p| &text[p.range()]).collect();
        assert_eq!(t, vec!["Title", "First para.", "Second para."]);
    }

    #[test]
    fn sentences_are_ranges() {
        let text = "One here. Two there! Three?";
        let s = sentences(text, 0..text.len());
        let t: Vec<&str> = s.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(t, vec!["One here.", "Two there!", "Three?"]);
    }
}
