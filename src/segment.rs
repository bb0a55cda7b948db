//! Segmentation: an article's text cut into passages (title, standfirst, captions, live-blog entry
//! headlines, paragraphs) and sentences, every piece a byte range into [`Article::text`].
//!
//! Segmentation never alters or reorders the text: passages are in order, do not overlap, and lie
//! on char boundaries. It knows nothing of statements or of the index.

use std::ops::Range;

use serde::Serialize;
use unicode_segmentation::UnicodeSegmentation;

use crate::article::Article;

/// The page-furniture patterns, one regular expression a line (see `data/furniture/`).
const FURNITURE: &str = include_str!("../data/furniture/lines.txt");

/// Patterns that make a whole passage furniture wherever they occur in it.
const FURNITURE_INSIDE: &str = include_str!("../data/furniture/inside.txt");

/// Labels of the page that open a line of text and are no part of it.
const FURNITURE_LABELS: &str = include_str!("../data/furniture/labels.txt");

/// The patterns of a data file as one set; `whole` anchors each to the whole line. The patterns
/// are written in lowercase (tested) and matched against lowercased lines, which is matching
/// without regard to case where the regex engine need not try every case of every letter: its
/// search for the patterns' literal words is then a plain substring search, several times faster
/// than one over their case variants. The patterns are data of the project, tested to compile;
/// an empty set is the safe fallback.
fn pattern_set(file: &'static str, whole: bool) -> regex::RegexSet {
    let patterns = data_patterns(file).map(|l| {
        if whole {
            format!("^(?:{l})$")
        } else {
            format!("(?:{l})")
        }
    });
    regex::RegexSet::new(patterns).unwrap_or_else(|_| regex::RegexSet::empty())
}

/// The furniture patterns: whole lines, and those found anywhere in a passage.
fn furniture() -> &'static (regex::RegexSet, regex::RegexSet) {
    static SETS: std::sync::OnceLock<(regex::RegexSet, regex::RegexSet)> =
        std::sync::OnceLock::new();
    SETS.get_or_init(|| {
        (
            pattern_set(FURNITURE, true),
            pattern_set(FURNITURE_INSIDE, false),
        )
    })
}

/// The label patterns as one expression: a label at the start of a lowercased line, and the
/// spaces after it. `None` when there are none (or, as for the other patterns, should they
/// not compile: a test reads them).
fn labels() -> Option<&'static regex::Regex> {
    static LABELS: std::sync::OnceLock<Option<regex::Regex>> = std::sync::OnceLock::new();
    LABELS
        .get_or_init(|| {
            let any: Vec<String> = data_patterns(FURNITURE_LABELS)
                .map(|l| format!("(?:{l})"))
                .collect();
            (!any.is_empty())
                .then(|| regex::Regex::new(&format!("^(?:{})[ \\t]+", any.join("|"))).ok())
                .flatten()
        })
        .as_ref()
}

/// The passages `raw` with each line that opens with a page label ("Story highlights Obama
/// lays out ...") cut in two: the label, and the rest. The labels' indexes in the result are
/// set in the second vector.
fn split_labels(lower: &str, raw: Vec<Range<usize>>) -> (Vec<Range<usize>>, Vec<bool>) {
    let Some(re) = labels() else {
        let n = raw.len();
        return (raw, vec![false; n]);
    };
    let mut out = Vec::with_capacity(raw.len());
    let mut label = Vec::with_capacity(raw.len());
    for r in raw {
        let m = lower.get(r.clone()).and_then(|l| re.find(l));
        match m {
            Some(m) if m.end() < r.len() => {
                let words = lower[r.start..r.start + m.end()].trim_end().len();
                out.push(r.start..r.start + words);
                label.push(true);
                out.push(r.start + m.end()..r.end);
                label.push(false);
            }
            _ => {
                out.push(r);
                label.push(false);
            }
        }
    }
    (out, label)
}

/// The patterns of a data file: its lines but blank ones and comments.
fn data_patterns(file: &'static str) -> impl Iterator<Item = &'static str> {
    file.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The longest line that can be furniture: longer ones are prose.
const MAX_FURNITURE_LINE: usize = 160;

/// Returns true if and only if a line is page furniture.
pub fn is_furniture(line: &str) -> bool {
    is_furniture_lowercase(&line.to_ascii_lowercase())
}

/// [`is_furniture`] of a line already ASCII-lowercased.
fn is_furniture_lowercase(line: &str) -> bool {
    let (lines, inside) = furniture();
    (line.len() <= MAX_FURNITURE_LINE && lines.is_match(line.trim())) || inside.is_match(line)
}

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
    /// Page furniture: a line of the page that is no part of the story ("Advertisement",
    /// "Story Continued Below", a share bar); see `data/furniture/`.
    Furniture,
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
            PassageKind::Furniture => "furniture",
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
    /// Furniture inside passages (link hover cards), in text order, non-overlapping: byte
    /// ranges that are no part of the story although the passage holding them is.
    pub inline_furniture: Vec<Range<usize>>,
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

/// Returns true if and only if `s` has more than `n` words ([`word_count`] above `n`), reading
/// no further than word `n + 1`.
fn more_words_than(s: &str, n: usize) -> bool {
    s.split_whitespace().nth(n).is_some()
}

/// Returns true if and only if a line reads like a photo caption's credit:
/// `... [Russian Foreign Ministry/Handout via Reuters]`, `(Photo: AP)`.
fn is_credit(s: &str) -> bool {
    let t = s.trim_end();
    // The line's end first: most lines end in no bracket, and are not searched for one.
    if let Some(open) = t.ends_with(']').then(|| t.rfind('[')).flatten() {
        let inner = &t[open..];
        return inner.contains('/')
            || inner.contains(" via ")
            || [
                "Reuters", "AP", "AFP", "Getty", "EPA", "Photo", "File", "Handout",
            ]
            .iter()
            .any(|w| inner.contains(w));
    }
    // The prefixes are ASCII, so comparing the first bytes without case is comparing the
    // lowercased line's start, without lowercasing (and allocating) the whole line.
    ["photo:", "(photo", "image:"].iter().any(|p| {
        t.as_bytes()
            .get(..p.len())
            .is_some_and(|b| b.eq_ignore_ascii_case(p.as_bytes()))
    })
}

/// Ends the block of non-blank lines `block`, moving it into `raw`: as one paragraph when its
/// lines are hard-wrapped prose (long lines that do not end a sentence), else a passage a line.
fn flush_block(text: &str, block: &mut Vec<Range<usize>>, raw: &mut Vec<Range<usize>>) {
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
}

/// The passages of `text` as trimmed ranges, before they are told apart.
fn raw_passages(text: &str) -> Vec<Range<usize>> {
    // Blocks are runs of non-blank lines. In a block, each line is a passage unless the lines are
    // hard-wrapped prose (long lines that do not end a sentence), which make one paragraph.
    let mut raw: Vec<Range<usize>> = Vec::new();
    let mut block: Vec<Range<usize>> = Vec::new();
    for l in lines(text, 0..text.len()) {
        match l {
            Some(r) => block.push(r),
            None => flush_block(text, &mut block, &mut raw),
        }
    }
    flush_block(text, &mut block, &mut raw);
    raw
}

/// Returns true if and only if the passage `s`, after a passage of kind `prev_kind` and before
/// the story's line `next`, reads like a live-blog entry's headline: a few words that do not end
/// a sentence, starting with a capital or a number, before a longer line that does.
fn is_headline(s: &str, next: Option<&str>, prev_kind: Option<PassageKind>) -> bool {
    // The cheap tests at the line's end first: most paragraphs end a sentence. Words are
    // counted no further than the answer needs (a paragraph is long).
    !ends_sentence(s)
        && !s.ends_with(',')
        && !more_words_than(s, 16)
        && next.is_some_and(|n| more_words_than(n, word_count(s)) && ends_sentence(n))
        && s.trim_start_matches(['‘', '“', '\'', '"'])
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_numeric())
        && prev_kind.is_some()
}

/// The kind of passage `raw[i]` of `text` (`furniture[i]` says whether each is furniture), after
/// a passage of kind `prev_kind` (furniture aside), in an article whose title lies at `title`.
fn passage_kind(
    text: &str,
    raw: &[Range<usize>],
    furniture: &[bool],
    i: usize,
    prev_kind: Option<PassageKind>,
    title: Option<&Range<usize>>,
) -> PassageKind {
    let r = &raw[i];
    let s = &text[r.clone()];
    // The next line of the story, past any furniture.
    let next = raw[i + 1..]
        .iter()
        .zip(&furniture[i + 1..])
        .find(|(_, &f)| !f)
        .map(|(n, _)| &text[n.clone()]);
    if title.is_some_and(|t| t.start == r.start) {
        PassageKind::Title
    } else if furniture[i] {
        PassageKind::Furniture
    } else if is_credit(s) || next.is_some_and(|n| is_credit(n) && !ends_sentence(s)) {
        PassageKind::Caption
    } else if prev_kind == Some(PassageKind::Title) && title.is_some() && !more_words_than(s, 60) {
        PassageKind::Standfirst
    } else if is_headline(s, next, prev_kind) {
        PassageKind::Headline
    } else {
        PassageKind::Paragraph
    }
}

/// The live-blog entry that passage number `at`, of kind `kind` over `r`, belongs to: a new one
/// (pushed on `entries`) when it is a headline, none when it is the title, standfirst or
/// furniture, else the last one, which it extends.
fn entry_of(
    entries: &mut Vec<Entry>,
    at: usize,
    kind: PassageKind,
    r: &Range<usize>,
) -> Option<usize> {
    let mut entry = entries.len().checked_sub(1);
    if kind == PassageKind::Headline {
        entries.push(Entry {
            headline: at,
            start: r.start,
            end: r.end,
        });
        entry = Some(entries.len() - 1);
    }
    if matches!(
        kind,
        PassageKind::Title | PassageKind::Standfirst | PassageKind::Furniture
    ) {
        entry = None;
    }
    if let Some(e) = entry {
        entries[e].end = r.end;
    }
    entry
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
    // Lines are matched with the page's patterns in a copy of the text lowercased once (ASCII
    // only, so that its offsets are the text's).
    let lower = text.to_ascii_lowercase();
    let (raw, label) = split_labels(&lower, raw_passages(text));
    let mut passages: Vec<Passage> = Vec::with_capacity(raw.len());
    let mut entries: Vec<Entry> = Vec::new();
    // A title that opened with a label is the rest of its line.
    let title = article.title_in_text.as_ref().map(|t| {
        match raw
            .iter()
            .zip(&label)
            .position(|(r, &l)| l && r.start == t.start)
        {
            Some(i) => raw.get(i + 1).map_or(t.start, |rest| rest.start)..t.end,
            None => t.clone(),
        }
    });
    let title = title.as_ref();
    // Each line is looked at once for furniture, however often it is some line's next.
    let mut furniture: Vec<bool> = raw
        .iter()
        .zip(&label)
        .map(|(r, &l)| l || lower.get(r.clone()).is_some_and(is_furniture_lowercase))
        .collect();
    mark_shouted(text, &raw, title, &mut furniture);
    for (i, r) in raw.iter().enumerate() {
        let prev_kind = passages
            .iter()
            .rev()
            .find(|p| p.kind != PassageKind::Furniture)
            .map(|p: &Passage| p.kind);
        let kind = passage_kind(text, &raw, &furniture, i, prev_kind, title);
        let entry = entry_of(&mut entries, passages.len(), kind, r);
        passages.push(Passage {
            kind,
            start: r.start,
            end: r.end,
            entry,
        });
    }
    let inline_furniture = passages
        .iter()
        .filter(|p| matches!(p.kind, PassageKind::Paragraph | PassageKind::Standfirst))
        .flat_map(|p| hover_cards(text, p.range()))
        .collect();
    Segmented {
        passages,
        entries,
        inline_furniture,
    }
}

/// The fewest words of a line in capitals that is furniture.
const SHOUTED_WORDS: usize = 4;

/// The fewest letters of a line in capitals that is furniture.
const SHOUTED_LETTERS: usize = 16;

/// Marks as furniture the lines written all in capitals in an article that has prose: links
/// to other stories ("MELANIA TRUMP TELLS FOX NEWS SHE DOES WHAT'S 'RIGHT'"), app promotions and
/// section headings, which no statement, speaker or name comes from. The first line and the
/// title, which may be written so, stay; so does a line that opens with a quotation mark (a
/// quoted post in capitals).
fn mark_shouted(
    text: &str,
    raw: &[Range<usize>],
    title: Option<&Range<usize>>,
    furniture: &mut [bool],
) {
    let prose = raw
        .iter()
        .any(|r| text[r.clone()].chars().any(char::is_lowercase));
    if !prose {
        return;
    }
    for (i, r) in raw.iter().enumerate().skip(1) {
        let line = text[r.clone()].trim();
        // Prose fails the first test at its first lowercase letter.
        let shouted = !line.chars().any(char::is_lowercase)
            && !furniture[i]
            && title.is_none_or(|t| t.start != r.start)
            && !line.starts_with(['"', '“', '\'', '‘'])
            && line.split_whitespace().count() >= SHOUTED_WORDS
            && line.chars().filter(|c| c.is_alphabetic()).count() >= SHOUTED_LETTERS;
        furniture[i] |= shouted;
    }
}

/// The word that ends a link's hover card.
const CARD_END: &str = "MORE";

/// The longest full name a card repeats right after a name glued to it, in bytes.
const GLUED_NAME: usize = 60;

/// The most words of a full name a card repeats.
const MAX_NAME_WORDS: usize = 5;

/// The longest hover card, in bytes.
const MAX_CARD: usize = 700;

/// Link hover cards inside `text[range]`, as The Hill's pages carry them into scraped text: the
/// name as the story writes it, then the card (the person's full name, glued to a list of
/// headlines, up to "MORE"), then the story again: "Sen. Chuck Grassley Charles (Chuck) Ernest
/// GrassleySpeaker Pelosi, it's time ... MORE (R-Iowa) said". Each range is the card: from the
/// full name to the end of "MORE".
fn hover_cards(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let body = &text[range.clone()];
    let mut out = Vec::new();
    let mut from = 0;
    // One searcher for every passage, not one made per search.
    static FINDER: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(CARD_END));
    while let Some(i) = FINDER.find(&body.as_bytes()[from..]).map(|i| from + i) {
        // A card starts after the one before.
        let floor = out.last().map_or(0, |r: &Range<usize>| r.end - range.start);
        from = i + CARD_END.len();
        let after = body[from..].chars().next();
        let before = body[..i].chars().next_back();
        if after.is_some_and(char::is_alphanumeric) || before != Some(' ') {
            continue;
        }
        if let Some(start) = card_start(body, floor, i) {
            out.push(range.start + start..range.start + from);
        }
    }
    out
}

/// Where the hover card ending at `body[end..]` ("MORE") starts, not before `floor`: the card's full name ends in
/// the surname glued to the first headline ("GrassleySpeaker"), and the story named the person
/// just before, ending with the same surname ("Chuck Grassley Charles (Chuck) Ernest Grassley").
fn card_start(body: &str, floor: usize, end: usize) -> Option<usize> {
    let lo = end.saturating_sub(MAX_CARD).max(floor);
    let lo = (lo..end).find(|&i| body.is_char_boundary(i))?;
    let window = &body[lo..end];
    // The first glue point of the window: a lowercase letter (or a closing mark) right before
    // a capital, inside one word ("GrassleySpeaker").
    let chars: Vec<(usize, char)> = window.char_indices().collect();
    // Glue points and the word each ends: (glue, surname, where the word starts).
    let glues: Vec<(usize, &str, usize)> = chars
        .windows(2)
        .filter_map(|w| {
            let ((_, a), (glue, b)) = (w[0], w[1]);
            if !(a.is_lowercase() && (b.is_uppercase() || b.is_ascii_digit())) {
                return None;
            }
            let word_start = window[..glue]
                .rfind(|c: char| c.is_whitespace())
                .map_or(0, |k| k + 1);
            let surname = &window[word_start..glue];
            // "Mc" of "McConnell" is no surname.
            (surname.chars().count() >= 2 && surname.starts_with(char::is_uppercase))
                .then_some((glue, surname, word_start))
        })
        .collect();
    // The story's own mention of the name ends with the surname and a space, before the card.
    let named = glues.iter().find_map(|&(_, surname, word_start)| {
        let needle = format!("{surname} ");
        let at = window[..word_start].find(&needle)?;
        Some(lo + at + needle.len())
    });
    // Or it is glued to the card, which repeats it: "Jason CrowJason CrowHouse ...".
    named
        .or_else(|| {
            glues.iter().find_map(|&(glue, surname, _)| {
                let rest = window.get(glue..(glue + GLUED_NAME).min(window.len()))?;
                let repeated = rest.match_indices(surname).any(|(k, _)| {
                    k > 0
                        && rest[..k].ends_with(' ')
                        && rest[k + surname.len()..]
                            .chars()
                            .next()
                            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                });
                repeated.then_some(lo + glue)
            })
        })
        // Or nothing is glued, and the name is written twice, short then full: "Paul Ryan Paul
        // Davis Ryan Retirees should say ... MORE".
        .or_else(|| twice_named(window).map(|k| lo + k))
}

/// Where the full name starts in a name written twice, short then full ("Paul Ryan Paul Davis
/// Ryan"): the surname ends both, and only capitalised words lie between.
fn twice_named(window: &str) -> Option<usize> {
    let words: Vec<(usize, &str)> = window
        .split(' ')
        .scan(0, |pos, w| {
            let at = *pos;
            *pos += w.len() + 1;
            Some((at, w))
        })
        .collect();
    let capitalised = |w: &str| w.starts_with(|c: char| c.is_uppercase() || c == '(');
    // Of the words written twice so, the one whose second writing ends latest is the surname
    // ("Ryan", not "Paul", in "Paul Ryan Paul Davis Ryan").
    let pairs = (0..words.len())
        .flat_map(|i| (i + 2..words.len().min(i + 2 + MAX_NAME_WORDS)).map(move |j| (i, j)));
    pairs
        .filter(|&(i, j)| {
            let surname = words[i].1;
            surname.chars().count() >= 3
                && capitalised(surname)
                && words[j].1 == surname
                && words[i + 1..j].iter().all(|(_, w)| capitalised(w))
        })
        .min_by_key(|&(_, j)| std::cmp::Reverse(j))
        .map(|(i, _)| words[i + 1].0)
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

    #[test]
    fn every_furniture_pattern_compiles() {
        for (file, text) in [
            ("lines.txt", FURNITURE),
            ("inside.txt", FURNITURE_INSIDE),
            ("labels.txt", FURNITURE_LABELS),
        ] {
            for (n, l) in text.lines().enumerate() {
                let l = l.trim();
                if l.is_empty() || l.starts_with('#') {
                    continue;
                }
                assert!(
                    regex::Regex::new(&format!("^(?:{l})$")).is_ok(),
                    "help: data/furniture/{file}:{}: {l}",
                    n + 1
                );
                // Lines are lowercased (ASCII) before they are matched: a pattern is written
                // in lowercase (an escape such as `\D` aside) and holds no letter beyond ASCII.
                let mut after_backslash = false;
                for c in l.chars() {
                    assert!(
                        after_backslash
                            || !c.is_uppercase() && (c.is_ascii() || !c.is_alphabetic()),
                        "help: data/furniture/{file}:{}: {l}: write it in lowercase ASCII letters",
                        n + 1
                    );
                    after_backslash = c == '\\' && !after_backslash;
                }
            }
        }
    }

    #[test]
    fn furniture_lines_are_told_from_story_lines() {
        let furniture = [
            "Advertisement",
            "ADVERTISEMENT",
            "Story Continued Below",
            "Sign up for Daily Newsletters Manage Newsletters",
            "Enlarge this image toggle caption J. Scott Applewhite/AP J. Scott Applewhite/AP",
            "Hide Caption 12 of 77 Photos",
            "Slideshow (2 Images)",
            "CLICK HERE TO GET THE FOX NEWS APP",
            "READ MORE:",
            "Image copyright Getty Images",
            "7 years ago",
            "- Follow the Ticker on Twitter: @PoliticalTicker",
            "___",
            "* * *",
            "Supporters cheer in Des Moines. Hide Caption 3 of 24 Photos: Iowa caucuses The scene",
            "SEE ALSO: Rep. Peter King says Senate gun control filibuster would be ‘just wrong’",
            "Story highlights",
            "FILE PHOTO: Commerce Secretary Wilbur Ross looks on as U.S. President Donald Trump invites Attorney General Bill Barr to the podium to speak about administration's efforts to gain citizenship information in the 2020 census. REUTERS/Carlos Barria",
        ];
        let story = [
            "More Democrats join the race",
            "Watch the skies, the minister said.",
            "Advertising revenue fell by a third last year, the company said.",
            "Video shows police officers entering the building",
            "Read the full text of the speech below.",
            "Close to 200 people attended.",
            "Twitter said it would appeal.",
            "See also what the minister said on Friday about the new rules.",
        ];
        for l in furniture {
            assert!(is_furniture(l), "help: furniture {l:?}");
        }
        for l in story {
            assert!(!is_furniture(l), "help: story {l:?}");
        }
    }

    #[test]
    fn furniture_keeps_its_offsets_and_makes_no_headline() {
        let text = "Title\n\nFirst paragraph of the story goes here. It goes on.\n\nStory Continued Below\n\nThe story resumes here with more words, as stories do.\n";
        let s = segment(&art(text));
        let kinds: Vec<PassageKind> = s.passages.iter().map(|p| p.kind).collect();
        assert_eq!(
            kinds,
            [
                PassageKind::Title,
                PassageKind::Standfirst,
                PassageKind::Furniture,
                PassageKind::Paragraph
            ]
        );
        assert_eq!(&text[s.passages[2].range()], "Story Continued Below");
        assert!(s.entries.is_empty());
    }

    #[test]
    fn a_page_label_that_opens_a_line_is_cut_off_as_furniture() {
        let text = "Obama speech to focus on drones\n\nStory highlights Republicans criticize Obama's speech, one calling it a 'victory' for terrorists\n\nStory highlights\n";
        let s = segment(&art(text));
        let got: Vec<(PassageKind, &str)> = s
            .passages
            .iter()
            .map(|p| (p.kind, &text[p.range()]))
            .collect();
        assert_eq!(got[1], (PassageKind::Furniture, "Story highlights"));
        assert_eq!(
            got[2].1,
            "Republicans criticize Obama's speech, one calling it a 'victory' for terrorists"
        );
        assert_ne!(got[2].0, PassageKind::Furniture);
        // The label alone on its line is a line of furniture as before.
        assert_eq!(got[3], (PassageKind::Furniture, "Story highlights"));
        assert_eq!(got.len(), 4);
    }

    #[test]
    fn lines_in_capitals_are_furniture_in_an_article_of_prose() {
        let kinds = |text: &str| -> Vec<PassageKind> {
            segment(&art(text))
                .passages
                .iter()
                .map(|p| p.kind)
                .collect()
        };
        let text = "STORM HITS THE COAST AGAIN\n\nThe storm hit the coast, officials said.\n\nMELANIA TRUMP TELLS FOX NEWS SHE DOES WHAT'S 'RIGHT'\n\n\u{201c}NO MORE DELAYS IN THE SENATE!\u{201d} he wrote.\n\nTHE NEXT STEP\n";
        assert_eq!(
            kinds(text),
            [
                PassageKind::Title,
                PassageKind::Standfirst,
                PassageKind::Furniture,
                PassageKind::Paragraph,
                PassageKind::Paragraph,
            ]
        );
        // An article written all in capitals keeps its lines.
        let shouting =
            "STORM HITS THE COAST\n\nTHE STORM HIT THE COAST, OFFICIALS SAID ON FRIDAY.\n";
        assert!(!kinds(shouting).contains(&PassageKind::Furniture));
    }

    /// The hover cards `segment` finds in `text`.
    fn cards(text: &str) -> Vec<&str> {
        segment(&art(text))
            .inline_furniture
            .iter()
            .map(|r| &text[r.clone()])
            .collect()
    }

    #[test]
    fn hover_cards_are_cut_out_of_paragraphs() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Title\n\nA group led by Chairman Chuck Grassley Charles (Chuck) Ernest GrassleySpeaker Pelosi, it's time to act Barr: report 'imminent' MORE (R-Iowa) also sent a letter. Sen. Mitch McConnell Addison Mitchell (Mitch) McConnellTrump says deal is near MORE (R-Ky.) agreed.\n",
                &[
                    "Charles (Chuck) Ernest GrassleySpeaker Pelosi, it's time to act Barr: report 'imminent' MORE",
                    "Addison Mitchell (Mitch) McConnellTrump says deal is near MORE",
                ],
            ),
            (
                // Nothing glued: the name written twice, short then full.
                "Title\n\nSpeaker Paul Ryan Paul Davis Ryan Retirees should say no to the plan Newsom dresses up MORE (R-Wis.), however, spoke.\n",
                &["Paul Davis Ryan Retirees should say no to the plan Newsom dresses up MORE"],
            ),
            (
                // The story's name glued to the card.
                "Title\n\nRep. Jason CrowJason CrowHouse delivers articles | Dems vow a vote MORE (D-Colo.) spoke.\n",
                &["Jason CrowHouse delivers articles | Dems vow a vote MORE"],
            ),
            // No card in ordinary prose with MORE in it.
            (
                "Title\n\nThey asked for MORE money, and McDonald said no MORE.\n",
                &[],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(cards(text), *want, "help: cards of {text:?}");
        }
    }
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
