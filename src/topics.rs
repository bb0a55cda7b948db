//! Topics: a hierarchical taxonomy (modelled on the IPTC Media Topics top level) and a tagger that
//! gives a statement up to three topics from its own words and, with less weight, its context.
//!
//! The taxonomy is data (`data/topics.toml`, embedded; another file can be loaded with
//! [`Taxonomy::load`]). Topic paths are hierarchical (`conflict/armed-conflict`); [`parents`] lists
//! the levels above a path so that callers can facet on every level. This module knows nothing of
//! articles, statements or the index: it tags strings.
//!
//! Matching: every keyword of every topic goes into one table by its first bytes, built once; at
//! each word start the longest keyword there wins (ASCII case insensitive). A keyword matches
//! whole words only (`snow` is not in `Snowden`); a declared stem (`sanction*`) matches the stem
//! followed by nothing or by one or two of the endings the taxonomy file declares (`sanctions`,
//! `sanctioned`). See `docs/topics.md` for the syntax and the scoring rules.

use std::ops::Range;
use std::sync::{Arc, LazyLock};

use serde::Deserialize;

/// Weight of a keyword hit in the statement's own words.
const STRONG: f32 = 1.0;
/// Weight of a hit of a weak (ambiguous) keyword.
const WEAK: f32 = 0.5;
/// Factor applied to hits in the context (passage, headline).
const CONTEXT: f32 = 0.5;
/// The least evidence a topic needs to be given: one strong keyword of the statement, or two
/// strong keywords of its context, or a weak one of each...
const MIN_EVIDENCE: f32 = 1.0;
/// The inflections that may follow a stem's declared ending (`nationalization` + `s`).
const INFLECTIONS: &[&str] = &["s", "es", "ed", "ing", "ly"];

/// At most this many topics a statement.
const MAX_TOPICS: usize = 3;

/// One topic of a taxonomy.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    path: String,
    label: String,
    #[serde(default)]
    keywords: Vec<String>,
    #[serde(default)]
    weak: Vec<String>,
}

impl Topic {
    /// The topic's path (`conflict/armed-conflict`).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Its human label (`Armed conflict`).
    pub fn label(&self) -> &str {
        &self.label
    }

    /// Its keywords (strong evidence), as written in the taxonomy file.
    pub fn keywords(&self) -> &[String] {
        &self.keywords
    }

    /// Its weak keywords (ambiguous words, half the weight).
    pub fn weak_keywords(&self) -> &[String] {
        &self.weak
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    /// The endings a declared stem may take.
    #[serde(default)]
    endings: Vec<String>,
    topic: Vec<Topic>,
}

/// One keyword as compiled into the matcher.
#[derive(Clone, Debug)]
struct Pattern {
    /// Index of its topic.
    topic: usize,
    /// [`STRONG`] or [`WEAK`].
    weight: f32,
    /// Returns true if and only if the keyword is a declared stem (`sanction*`), which may be
    /// followed by endings; other keywords must end a word.
    stem: bool,
    /// The spellings the keyword must match exactly, for keywords holding a capital (`Swift`,
    /// `SWIFT`); empty for a keyword matched in any case.
    exact: Vec<Box<str>>,
    /// The keyword, lowercase, without its `=`.
    text: Box<str>,
}

#[derive(Debug)]
struct Inner {
    topics: Vec<Topic>,
    /// Index of each topic's parent.
    parent: Vec<Option<usize>>,
    patterns: Vec<Pattern>,
    /// `None` for a taxonomy without keywords.
    /// The keywords by their first bytes; `None` for a taxonomy without keywords.
    matcher: Option<Keywords>,
    /// Which words may start a keyword, to spare the table the others.
    starts: Starts,
    /// The endings a declared stem may take, lowercase.
    endings: rustc_hash::FxHashSet<Box<str>>,
}

impl Inner {
    /// Returns true if and only if `rest` (the bytes of a word after a stem) is empty, one
    /// declared ending, or a declared ending followed by an inflection of [`INFLECTIONS`]
    /// (`ization` + `s`).
    fn is_ending(&self, rest: &[u8]) -> bool {
        let Ok(rest) = std::str::from_utf8(rest) else {
            return false;
        };
        if rest.is_empty() || !rest.is_ascii() {
            return rest.is_empty();
        }
        let rest = rest.to_ascii_lowercase();
        self.endings.contains(rest.as_str())
            || (1..rest.len())
                .any(|i| self.endings.contains(&rest[..i]) && INFLECTIONS.contains(&&rest[i..]))
    }
}

/// A filter of the places where a keyword may start: the (ASCII-lowercased) first
/// [`PREFIX`] bytes of every keyword (all of a shorter one), hashed with their length into a set
/// of bits. A word whose first bytes are in the set for no length holds no keyword there; one
/// that is may (a hash can collide), and [`Keywords`] decides. In news text four words in five
/// are ruled out at the cost of a few bit tests (three bytes were too few: a keyword starts like
/// more than half the words).
#[derive(Debug)]
struct Starts {
    bits: Box<[u64; STARTS_WORDS]>,
    /// The lengths of prefix present (bit `n` for `n` bytes).
    lengths: u8,
}

/// Bytes of a keyword's start in [`Starts`].
const PREFIX: usize = 4;

/// Words of [`Starts::bits`]: 2^16 bits, 8 KB.
const STARTS_WORDS: usize = 1 << 10;

impl Starts {
    fn new<'a>(keywords: impl Iterator<Item = &'a [u8]>) -> Starts {
        let mut starts = Starts {
            bits: Box::new([0; STARTS_WORDS]),
            lengths: 0,
        };
        for k in keywords {
            let prefix = &k[..k.len().min(PREFIX)];
            if !prefix.is_empty() {
                let (word, bit) = Starts::bit(prefix_key(prefix));
                starts.bits[word] |= bit;
                starts.lengths |= 1 << prefix.len();
            }
        }
        starts
    }

    /// The word of [`Starts::bits`] and the bit in it of a prefix's [`prefix_key`] (its bytes,
    /// lowercased, and its length), hashed to 16 bits.
    fn bit(key: u64) -> (usize, u64) {
        let h = (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as usize;
        (h / 64, 1 << (h % 64))
    }

    /// The lengths (as bits `1 << n`) of the prefixes at `at` that some keyword may start
    /// with; 0 only if no keyword can start there.
    fn may_start(&self, at: &Prefixes) -> u8 {
        let mut lengths = 0;
        for n in 1..=PREFIX {
            if self.lengths & (1 << n) != 0
                && at.key(n).is_some_and(|key| {
                    let (word, bit) = Starts::bit(key);
                    self.bits[word] & bit != 0
                })
            {
                lengths |= 1 << n;
            }
        }
        lengths
    }
}

/// The first bytes at a place in a text, ASCII-lowercased: read once for the [`prefix_key`] of
/// every length and the compare of keywords' first eight bytes ([`Entry::head`]).
struct Prefixes {
    /// The first eight bytes ([`lower8`]).
    lower: u64,
    /// How many of the first [`PREFIX`] bytes there are.
    len: usize,
}

impl Prefixes {
    fn at(bytes: &[u8], i: usize) -> Prefixes {
        let rest = bytes.get(i..).unwrap_or_default();
        Prefixes {
            lower: lower8(rest),
            len: rest.len().min(PREFIX),
        }
    }

    /// The [`prefix_key`] of the first `n` bytes (`n` at most [`PREFIX`]); `None` past the
    /// text's end.
    fn key(&self, n: usize) -> Option<u64> {
        (n <= self.len).then(|| self.lower & ((1 << (8 * n)) - 1) | (n as u64) << (8 * PREFIX))
    }
}

/// A keyword's first [`PREFIX`] bytes (all of a shorter one), ASCII-lowercased, and their
/// number, in one word.
fn prefix_key(prefix: &[u8]) -> u64 {
    Prefixes::at(prefix, 0)
        .key(prefix.len().min(PREFIX))
        .unwrap_or_default()
}

/// The keywords by their first [`PREFIX`] bytes, each list longest first: at a word start, the
/// longest keyword there is the first of its list that the text holds, in any ASCII case, or
/// else a shorter keyword whole. Every keyword shares its first bytes with a handful of others
/// at most, so a find is a hash probe and a few short compares in tables of a few tens of
/// kilobytes; an automaton of the 1,500 keywords took megabytes, and its cache misses were the
/// most of a topic scan's time.
#[derive(Debug, Default)]
struct Keywords {
    /// The range of [`Keywords::entries`] of each key.
    by_prefix: rustc_hash::FxHashMap<u64, (u32, u32)>,
    /// Every keyword, grouped by key, longest first.
    entries: Vec<Entry>,
    /// The keywords' lowercase bytes, one after another.
    text: Vec<u8>,
    /// The lengths of key present, as [`Starts::lengths`].
    lengths: u8,
}

/// A keyword of [`Keywords`].
#[derive(Debug)]
struct Entry {
    /// Its pattern.
    id: u32,
    /// Its range of [`Keywords::text`].
    start: u32,
    end: u32,
    /// Its first eight bytes ([`lower8`]): most keywords of a key differ there, and are ruled
    /// out by one compare.
    head: u64,
}

/// The first eight bytes of `b` (fewer if it is shorter, the rest zero), ASCII-lowercased, in
/// one word.
fn lower8(b: &[u8]) -> u64 {
    let mut x = [0u8; 8];
    for (to, from) in x.iter_mut().zip(b) {
        *to = from.to_ascii_lowercase();
    }
    u64::from_le_bytes(x)
}

/// The bits of the first `len` bytes of a [`lower8`] word.
fn head_mask(len: usize) -> u64 {
    if len >= 8 {
        u64::MAX
    } else {
        (1 << (8 * len)) - 1
    }
}

impl Keywords {
    fn new(patterns: &[Pattern]) -> Keywords {
        let mut lists: rustc_hash::FxHashMap<u64, Vec<usize>> = Default::default();
        let mut k = Keywords::default();
        for (id, p) in patterns.iter().enumerate() {
            let t = p.text.as_bytes();
            lists.entry(prefix_key(t)).or_default().push(id);
            k.lengths |= 1 << t.len().min(PREFIX);
        }
        for (key, mut ids) in lists {
            ids.sort_by_key(|&id| std::cmp::Reverse(patterns[id].text.len()));
            let first = k.entries.len() as u32;
            for id in ids {
                let start = k.text.len() as u32;
                let text = patterns[id].text.as_bytes();
                k.text.extend_from_slice(text);
                k.entries.push(Entry {
                    id: id as u32,
                    start,
                    end: k.text.len() as u32,
                    head: lower8(text),
                });
            }
            k.by_prefix.insert(key, (first, k.entries.len() as u32));
        }
        k
    }

    /// The longest keyword that starts at byte `i` of `bytes`, whose prefixes there are `at`,
    /// among those whose prefix length is one of `lengths` ([`Starts::may_start`]): the byte
    /// after it and its pattern.
    fn longest_at(
        &self,
        bytes: &[u8],
        i: usize,
        at: &Prefixes,
        lengths: u8,
    ) -> Option<(usize, usize)> {
        let rest = &bytes[i..];
        let head = at.lower;
        (1..=PREFIX).rev().find_map(|n| {
            if self.lengths & lengths & (1 << n) == 0 {
                return None;
            }
            let &(from, to) = self.by_prefix.get(&at.key(n)?)?;
            let entries = self.entries.get(from as usize..to as usize)?;
            entries.iter().find_map(|e| {
                let len = (e.end - e.start) as usize;
                if len > rest.len() || head & head_mask(len) != e.head {
                    return None;
                }
                // Past the first eight bytes, byte by byte.
                let k = self.text.get(e.start as usize..e.end as usize)?;
                (len <= 8 || rest[8..len].eq_ignore_ascii_case(&k[8..]))
                    .then_some((i + len, e.id as usize))
            })
        })
    }
}

/// A topic taxonomy with its compiled keyword matcher. Cheap to clone and to share between
/// threads.
///
/// ```
/// use whosaid::topics::Taxonomy;
/// let t = Taxonomy::default();
/// let tags = t.tag("Cutting Russian banks off from Swift would not be the sharpest sword", &[]);
/// assert_eq!(tags[0], "economy/sanctions");
/// ```
#[derive(Clone, Debug)]
pub struct Taxonomy {
    inner: Arc<Inner>,
}

/// An error loading a taxonomy. Each names the file.
#[derive(Debug, thiserror::Error)]
pub enum TaxonomyError {
    /// The file could not be read.
    #[error("cannot read topic file {path}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is not a valid taxonomy.
    #[error("invalid topic file {path}: {message}")]
    Parse {
        /// The file.
        path: String,
        /// What is wrong, and what would be valid.
        message: String,
    },
}

/// The taxonomy shipped with whosaid.
pub const DEFAULT_TAXONOMY: &str = include_str!("../data/topics.toml");

static DEFAULT: LazyLock<Taxonomy> = LazyLock::new(|| {
    Taxonomy::parse(DEFAULT_TAXONOMY, "data/topics.toml").expect("the shipped taxonomy is valid")
});

impl Default for Taxonomy {
    /// The shipped taxonomy, compiled once per process.
    fn default() -> Self {
        DEFAULT.clone()
    }
}

/// The paths above `path`, from the top: `conflict/armed-conflict` → `["conflict"]`,
/// `a/b/c` → `["a", "a/b"]`.
///
/// ```
/// assert_eq!(whosaid::topics::parents("a/b/c").collect::<Vec<_>>(), ["a", "a/b"]);
/// ```
pub fn parents(path: &str) -> impl Iterator<Item = &str> {
    path.match_indices('/').map(move |(i, _)| &path[..i])
}

/// Returns true if and only if `b` may sit in a word: an ASCII letter or digit, or a non-ASCII
/// byte (checked further by [`char_is_word`]).
fn byte_may_be_word(b: u8) -> bool {
    WORD_BYTES[usize::from(b)]
}

/// [`byte_may_be_word`] of each byte, as a table: a scan asks it of every byte of a text.
static WORD_BYTES: [bool; 256] = crate::byte_table!(|b| b.is_ascii_alphanumeric() || b >= 0x80);

/// Returns true if and only if `c` is a letter or digit.
fn char_is_word(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

/// Each topic's place by its path, once every path and label is checked.
fn topic_index(topics: &[Topic]) -> Result<std::collections::HashMap<&str, usize>, String> {
    let mut index = std::collections::HashMap::new();
    for (i, t) in topics.iter().enumerate() {
        let valid = !t.path.is_empty()
            && t.path.split('/').all(|seg| {
                !seg.is_empty()
                    && seg
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            });
        if !valid {
            return Err(format!(
                "topic path '{}' is not valid: use lowercase segments of a-z, 0-9 and '-', \
                 separated by '/' (e.g. conflict/armed-conflict)",
                t.path
            ));
        }
        if t.label.trim().is_empty() {
            return Err(format!("topic '{}' has an empty label", t.path));
        }
        if index.insert(t.path.as_str(), i).is_some() {
            return Err(format!("topic '{}' is defined twice", t.path));
        }
    }
    Ok(index)
}

/// Each topic's parent (by its place), which must be defined.
fn parent_places(
    topics: &[Topic],
    index: &std::collections::HashMap<&str, usize>,
) -> Result<Vec<Option<usize>>, String> {
    let mut parent = Vec::with_capacity(topics.len());
    for t in topics {
        let p = match t.path.rfind('/') {
            Some(i) => {
                let p = &t.path[..i];
                Some(*index.get(p).ok_or_else(|| {
                    format!(
                        "topic '{}' has no parent: define a topic with path '{p}'",
                        t.path
                    )
                })?)
            }
            None => None,
        };
        parent.push(p);
    }
    Ok(parent)
}

/// Every keyword of every topic as a pattern of the matcher, each checked: valid, and a
/// keyword of one topic only.
fn compile_patterns(topics: &[Topic]) -> Result<Vec<Pattern>, String> {
    let mut patterns = Vec::new();
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (ti, t) in topics.iter().enumerate() {
        let all = t
            .keywords
            .iter()
            .map(|k| (k, STRONG))
            .chain(t.weak.iter().map(|k| (k, WEAK)));
        for (k, weight) in all {
            let (text, stem) = match (k.strip_suffix('*'), k.strip_suffix('=')) {
                (Some(s), _) => (s, true),
                (None, Some(s)) => (s, false),
                (None, None) => (k.as_str(), false),
            };
            let ok = !text.is_empty()
                && text.is_ascii()
                && text.starts_with(|c: char| c.is_ascii_alphanumeric())
                && text.ends_with(|c: char| c.is_ascii_alphanumeric() || c == '.')
                && !text.contains("  ")
                && !text.contains(['=', '*']);
            if !ok {
                return Err(format!(
                    "keyword '{k}' of topic '{}' is not valid: a keyword is ASCII, starts \
                     with a letter or digit, and may end in '*' to be a stem that takes \
                     the declared endings",
                    t.path
                ));
            }
            let key = text.to_ascii_lowercase();
            let exact = text.bytes().any(|b| b.is_ascii_uppercase());
            if let Some(&pi) = seen.get(&key) {
                // Another spelling of a case-sensitive keyword of the same topic.
                let p: &mut Pattern = &mut patterns[pi];
                if exact && !p.exact.is_empty() && p.topic == ti && p.stem == stem {
                    p.exact.push(text.into());
                    continue;
                }
                return Err(format!(
                    "keyword '{k}' of topic '{}' is also a keyword of '{}': a keyword \
                     belongs to one topic, once",
                    t.path, topics[p.topic].path
                ));
            }
            seen.insert(key.clone(), patterns.len());
            patterns.push(Pattern {
                topic: ti,
                weight,
                stem,
                exact: if exact { vec![text.into()] } else { Vec::new() },
                text: key.into(),
            });
        }
    }
    Ok(patterns)
}

impl Taxonomy {
    /// Parses a taxonomy from TOML text; `path` names it in errors.
    pub fn parse(toml_text: &str, path: &str) -> Result<Taxonomy, TaxonomyError> {
        let err = |message: String| TaxonomyError::Parse {
            path: path.to_string(),
            message,
        };
        let f: File = toml::from_str(toml_text).map_err(|e| err(e.to_string()))?;
        let topics = f.topic;
        let endings = f
            .endings
            .iter()
            .map(|e| e.trim().to_ascii_lowercase().into_boxed_str())
            .filter(|e| !e.is_empty())
            .collect();
        let index = topic_index(&topics).map_err(err)?;
        let parent = parent_places(&topics, &index).map_err(err)?;
        let patterns = compile_patterns(&topics).map_err(err)?;
        let matcher = (!patterns.is_empty()).then(|| Keywords::new(&patterns));
        let starts = Starts::new(patterns.iter().map(|p| p.text.as_bytes()));
        Ok(Taxonomy {
            inner: Arc::new(Inner {
                topics,
                parent,
                patterns,
                matcher,
                starts,
                endings,
            }),
        })
    }

    /// Loads a taxonomy file.
    pub fn load(path: &std::path::Path) -> Result<Taxonomy, TaxonomyError> {
        let text = std::fs::read_to_string(path).map_err(|e| TaxonomyError::Io {
            path: path.display().to_string(),
            source: e,
        })?;
        Taxonomy::parse(&text, &path.display().to_string())
    }

    /// Every topic, parents before their children, in file order.
    pub fn topics(&self) -> &[Topic] {
        &self.inner.topics
    }

    /// The label of the topic at `path`, if there is one.
    pub fn label(&self, path: &str) -> Option<&str> {
        self.inner
            .topics
            .iter()
            .find(|t| t.path == path)
            .map(|t| t.label.as_str())
    }

    /// Tags `text` (the statement) with up to three topic paths, most relevant first, using
    /// `context` (its passage and entry headline) with half the weight.
    ///
    /// A topic needs a minimum of evidence: one strong keyword in the statement, or two distinct ones in
    /// its context, or a weak one in each. Each distinct keyword counts once per string. A parent
    /// topic also gets the evidence of its children, so that scattered hits below `economy` tag
    /// `economy`; where a child is given, its parents are not (they are implied).
    pub fn tag(&self, text: &str, context: &[&str]) -> Vec<String> {
        self.tag_in(text, &self.context(context))
    }

    /// The evidence a context (a passage and its entry headline) gives, computed once for all the
    /// statements it holds: [`Taxonomy::tag_in`] then costs only the statement's own words.
    pub fn context(&self, context: &[&str]) -> Context {
        let mut own = vec![0f32; self.inner.topics.len()];
        for c in context {
            self.add_hits(self.hits(c).iter().map(|h| h.pattern), CONTEXT, &mut own);
        }
        Context { own }
    }

    /// Every keyword of `hay`, in order, with byte offsets into `hay`: a passage's, read once
    /// for [`Taxonomy::context_of`] and for [`Taxonomy::tag_hits`] of each statement in it.
    pub fn hits(&self, hay: &str) -> Vec<Hit> {
        let mut out = Vec::new();
        if let Some(matcher) = &self.inner.matcher {
            self.scan(matcher, hay, &mut out);
        }
        out
    }

    /// [`Taxonomy::context`] of a passage whose keywords are `passage`, and of its entry
    /// headline.
    pub fn context_of(&self, headline: Option<&str>, passage: &[Hit]) -> Context {
        let mut own = vec![0f32; self.inner.topics.len()];
        if let Some(h) = headline {
            self.add_hits(self.hits(h).iter().map(|h| h.pattern), CONTEXT, &mut own);
        }
        self.add_hits(passage.iter().map(|h| h.pattern), CONTEXT, &mut own);
        Context { own }
    }

    /// [`Taxonomy::tag_in`] of the words at `range` of a passage whose keywords are `hits`
    /// (offsets as `range`'s): the keywords wholly inside the range are the words' own.
    pub fn tag_hits(&self, hits: &[Hit], range: Range<usize>, context: &Context) -> Vec<String> {
        let from = hits.partition_point(|h| h.start < range.start);
        let inside = hits[from..]
            .iter()
            .take_while(|h| h.start < range.end)
            .filter(|h| h.end <= range.end)
            .map(|h| h.pattern);
        self.rank(inside, context)
    }

    /// [`Taxonomy::tag`] with the context's evidence computed beforehand.
    pub fn tag_in(&self, text: &str, context: &Context) -> Vec<String> {
        self.rank(self.hits(text).into_iter().map(|h| h.pattern), context)
    }

    /// The topics of words whose keywords are `patterns`, in a context.
    fn rank(&self, patterns: impl Iterator<Item = usize>, context: &Context) -> Vec<String> {
        let inner = &*self.inner;
        if inner.matcher.is_none() {
            return Vec::new();
        }
        let n = inner.topics.len();
        let mut own = if context.own.len() == n {
            context.own.clone()
        } else {
            vec![0f32; n]
        };
        self.add_hits(patterns, 1.0, &mut own);
        // Evidence of each topic and its descendants.
        let mut agg = own.clone();
        for (t, &o) in own.iter().enumerate() {
            if o > 0.0 {
                let mut p = inner.parent[t];
                while let Some(pi) = p {
                    agg[pi] += o;
                    p = inner.parent[pi];
                }
            }
        }
        let mut cands: Vec<(f32, usize)> = Vec::new();
        for (t, &a) in agg.iter().enumerate() {
            if a < MIN_EVIDENCE {
                continue;
            }
            // Ranked with the evidence of its parents too.
            let mut rank = a;
            let mut p = inner.parent[t];
            while let Some(pi) = p {
                rank += own[pi];
                p = inner.parent[pi];
            }
            cands.push((rank, t));
        }
        // Drop a topic when one of its descendants is given.
        let given: Vec<usize> = cands.iter().map(|c| c.1).collect();
        cands.retain(|&(_, t)| !given.iter().any(|&d| d != t && self.is_ancestor(t, d)));
        cands.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        cands
            .into_iter()
            .take(MAX_TOPICS)
            .map(|(_, t)| inner.topics[t].path.clone())
            .collect()
    }

    /// Returns true if and only if topic `a` is an ancestor of topic `d`.
    fn is_ancestor(&self, a: usize, d: usize) -> bool {
        let mut p = self.inner.parent[d];
        while let Some(pi) = p {
            if pi == a {
                return true;
            }
            p = self.inner.parent[pi];
        }
        false
    }

    /// Adds `factor` × weight of every distinct keyword of `patterns` to its topic.
    fn add_hits(&self, patterns: impl Iterator<Item = usize>, factor: f32, own: &mut [f32]) {
        let mut seen: Vec<usize> = Vec::new();
        for id in patterns {
            if !seen.contains(&id) {
                seen.push(id);
                let p = &self.inner.patterns[id];
                own[p.topic] += factor * p.weight;
            }
        }
    }

    /// Pushes every keyword found in `hay` onto `out`.
    fn scan(&self, matcher: &Keywords, hay: &str, out: &mut Vec<Hit>) {
        let bytes = hay.as_bytes();
        let n = bytes.len();
        let mut i = 0;
        while i < n {
            // The next word start: an ASCII letter or digit (every keyword starts with one) not
            // preceded by a letter or digit.
            let b = bytes[i];
            if !b.is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
            let starts_word = i == 0
                || !byte_may_be_word(bytes[i - 1])
                || (bytes[i - 1] >= 0x80 && !char_is_word(hay[..i].chars().next_back()));
            if !starts_word {
                i = skip_word(bytes, i);
                continue;
            }
            let at = Prefixes::at(bytes, i);
            let lengths = self.inner.starts.may_start(&at);
            if lengths == 0 {
                i = skip_word(bytes, i);
                continue;
            }
            if let Some((e, id)) = matcher.longest_at(bytes, i, &at, lengths) {
                let s = i;
                let p = &self.inner.patterns[id];
                // Keywords start and end with ASCII, so `e` is a char boundary.
                let ends_word = e == n
                    || !byte_may_be_word(bytes[e])
                    || (bytes[e] >= 0x80 && !char_is_word(hay[e..].chars().next()));
                let right_ok =
                    ends_word || (p.stem && self.inner.is_ending(&bytes[e..word_end(hay, e)]));
                let case_ok =
                    p.exact.is_empty() || p.exact.iter().any(|x| x.as_bytes() == &bytes[s..e]);
                if right_ok && case_ok {
                    out.push(Hit {
                        start: s,
                        end: e,
                        pattern: id,
                    });
                    i = e;
                    continue;
                }
            }
            i = skip_word(bytes, i);
        }
    }
}

/// A keyword found in a text ([`Taxonomy::hits`]).
#[derive(Clone, Copy, Debug)]
pub struct Hit {
    /// Its first byte.
    pub start: usize,
    /// The byte after it.
    pub end: usize,
    /// Its pattern.
    pattern: usize,
}

/// The topic evidence of a statement's context, from [`Taxonomy::context`].
#[derive(Clone, Debug, Default)]
pub struct Context {
    own: Vec<f32>,
}

/// The index of the first byte after the word of letters and digits that holds byte `i` of
/// `hay` (a char boundary).
fn word_end(hay: &str, i: usize) -> usize {
    hay[i..]
        .char_indices()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(hay.len(), |(j, _)| i + j)
}

/// The index of the first byte after the word (ASCII letters and digits, non-ASCII bytes) that
/// holds `bytes[i]`.
fn skip_word(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && byte_may_be_word(bytes[i]) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_taxonomy_is_valid_and_complete() {
        let t = Taxonomy::default();
        let paths: Vec<&str> = t.topics().iter().map(Topic::path).collect();
        for top in [
            "arts",
            "conflict",
            "crime",
            "disaster",
            "economy",
            "education",
            "environment",
            "health",
            "human-interest",
            "labour",
            "lifestyle",
            "politics",
            "religion",
            "science",
            "society",
            "sport",
            "weather",
        ] {
            assert!(paths.contains(&top), "help: no top-level topic {top}");
        }
        for sub in [
            "politics/diplomacy",
            "conflict/armed-conflict",
            "conflict/military",
            "economy/sanctions",
            "politics/elections",
            "politics/immigration",
            "economy/energy",
            "conflict/military-aid",
            "economy/trade",
            "conflict/terrorism",
            "politics/government",
            "politics/legislation",
            "crime/courts",
            "politics/protests",
            "politics/human-rights",
            "environment/climate-change",
            "health/pandemic",
            "health/public-health",
            "economy/taxation",
            "economy/markets",
            "labour/employment",
        ] {
            assert!(paths.contains(&sub), "help: no topic {sub}");
        }
        for topic in t.topics() {
            assert!(
                !topic.keywords().is_empty(),
                "{} has no keywords",
                topic.path()
            );
        }
        assert_eq!(t.label("economy/sanctions"), Some("Sanctions"));
    }

    /// Asserts that each statement of `cases`, in its context, gets its topic (first, or among
    /// the three), or one below it.
    fn assert_tags(cases: &[(&str, &[&str], &str)]) {
        let t = Taxonomy::default();
        for (text, ctx, want) in cases {
            let got = t.tag(text, ctx);
            assert!(
                got.iter()
                    .any(|g| g == want || g.starts_with(&format!("{want}/"))),
                "help: tag({text:?}) = {got:?}, wanted {want}"
            );
        }
    }

    /// Statements in the style of the seed (a live blog on the Ukraine crisis), with the topic
    /// each must get (first, or among the three).
    #[test]
    fn tags_statements_of_the_seed_kind() {
        assert_tags(&[
            (
                "Cutting Russia off from Swift would not be the sharpest sword",
                &[],
                "economy/sanctions",
            ),
            (
                "Western countries are looking closely at which economic and financial \
                 sanctions would affect the Russian economy",
                &[],
                "economy/sanctions",
            ),
            (
                "This loan will help support Ukraine's economic resilience",
                &[],
                "economy",
            ),
            (
                "Canada will offer Ukraine a loan of up to $95.6m",
                &["Canada to offer Ukraine a loan: PM"],
                "economy",
            ),
            (
                "Russia must pull back the thousands of troops it has massed near the border",
                &[],
                "conflict/military",
            ),
            (
                "Estonia will send Javelin anti-armour missiles to Ukraine",
                &[],
                "conflict",
            ),
            (
                "the naval drills in the Indian Ocean will strengthen our cooperation",
                &[],
                "conflict/military",
            ),
            (
                "the talks in Geneva were frank and substantive",
                &[],
                "politics/diplomacy",
            ),
            (
                "we will continue to pursue diplomacy with our counterparts",
                &[],
                "politics/diplomacy",
            ),
            (
                "Russia is not threatening anyone and is not invading any country",
                &[],
                "conflict/armed-conflict",
            ),
        ]);
    }

    /// Statements on health, taxes, elections, courts and the climate, with the topic each must
    /// get (first, or among the three).
    #[test]
    fn tags_statements_of_other_topics() {
        assert_tags(&[
            (
                "the vaccine rollout will end the pandemic by summer",
                &[],
                "health/pandemic",
            ),
            (
                "the tax cuts will pay for themselves",
                &[],
                "economy/taxation",
            ),
            (
                "voters will punish the party at the ballot box in November",
                &[],
                "politics/elections",
            ),
            (
                "the court ruled that the law violated the constitution",
                &[],
                "crime/courts",
            ),
            (
                "emissions must fall by half to avoid the worst of climate change",
                &[],
                "environment/climate-change",
            ),
        ]);
    }

    #[test]
    fn weak_or_lonely_evidence_does_not_tag() {
        let t = Taxonomy::default();
        let cases: &[(&str, &[&str])] = &[
            ("we had a swift and severe response ready", &[]),
            (
                "I am not going to comment on that",
                &["the troops were there"],
            ),
            ("he warned them it was a warm day", &[]),
            ("", &[]),
        ];
        for (text, ctx) in cases {
            let got = t.tag(text, ctx);
            assert!(got.is_empty(), "help: tag({text:?}, {ctx:?}) = {got:?}");
        }
    }

    #[test]
    fn context_with_enough_evidence_tags() {
        let t = Taxonomy::default();
        let got = t.tag(
            "this is something we cannot accept",
            &["Russia has massed troops and missiles near the border"],
        );
        assert_eq!(got, ["conflict/military"]);
    }

    /// Tagging a statement from its passage's keywords gives what reading its own words gives.
    #[test]
    fn passage_keywords_tag_as_the_statement_words() {
        let t = Taxonomy::default();
        let passage = "The minister said sanctions on Russia would stay. \
                       Troops and missiles massed near the border, a general said, and \
                       inflation rose as the central bank raised interest rates.";
        let hits = t.hits(passage);
        let cx = t.context_of(Some("Talks on the war"), &hits);
        let cx_words = t.context(&["Talks on the war", passage]);
        for (s, e) in [(18, 48), (50, 92), (114, 170), (0, passage.len())] {
            let own = t.tag_in(&passage[s..e], &cx_words);
            assert!(s == 0 || !own.is_empty(), "{}", &passage[s..e]);
            assert_eq!(t.tag_hits(&hits, s..e, &cx), own, "{}", &passage[s..e]);
        }
    }

    #[test]
    fn matching_rules() {
        let toml = r#"
            endings = ["s", "ed"]
            [[topic]]
            path = "a"
            label = "A"
            keywords = ["war", "sanction*", "Swift="]
            [[topic]]
            path = "a/b"
            label = "B"
            keywords = ["troop*", "trade war"]
        "#;
        let t = Taxonomy::parse(toml, "test.toml").unwrap();
        let cases: &[(&str, &[&str])] = &[
            ("WAR is coming", &["a"]),
            ("warning: warm", &[]),
            ("the war’s end", &["a"]),
            ("prewar talks", &[]),
            ("SANCTIONS", &["a"]),
            ("a swift reply", &[]),
            ("Swift payments", &["a"]),
            ("Troops", &["a/b"]),
            ("paratroops", &[]),
            ("the trade war", &["a/b"]),
            ("café troop", &["a/b"]),
            ("cafétroop", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(t.tag(text, &[]), *want, "help: tag({text:?})");
        }
        // A child hit counts for the parent, which is then implied, not given.
        assert_eq!(t.tag("war and troops", &[]), ["a/b"]);
    }

    /// Words that must not give a topic, beside words that must: keywords match whole words or
    /// declared stems, never any word they begin.
    #[test]
    fn whole_words_and_declared_stems_only() {
        let t = Taxonomy::default();
        let must_not: &[(&str, &str)] = &[
            ("Snowden leaked the files to reporters", "weather"),
            ("Edward Snowden spoke from Moscow", "weather"),
            ("the polio drive reached every village", "health/pandemic"),
            ("she did a great job", "labour"),
            ("a warning about warm winters", "conflict"),
            ("an unsanctioned rally", "economy/sanctions"),
            ("the Politburo met", "politics"),
            ("the stormont assembly", "weather"),
        ];
        for (text, topic) in must_not {
            let got = t.tag(text, &[]);
            assert!(
                !got.iter()
                    .any(|g| g == topic || g.starts_with(&format!("{topic}/"))),
                "help: tag({text:?}) = {got:?} holds {topic}"
            );
        }
        let must: &[(&str, &str)] = &[
            ("snow fell all night", "weather"),
            ("a snowstorm is coming", "weather"),
            ("sanctions on Russian banks", "economy/sanctions"),
            ("they sanctioned the oligarchs", "economy/sanctions"),
            ("the jobs report was strong", "labour"),
            ("vaccines arrived in the pandemic", "health"),
            ("the war in Ukraine", "conflict"),
            ("troops massed at the border", "conflict"),
        ];
        for (text, topic) in must {
            let got = t.tag(text, &[]);
            assert!(
                got.iter()
                    .any(|g| g == topic || g.starts_with(&format!("{topic}/"))),
                "help: tag({text:?}) = {got:?} lacks {topic}"
            );
        }
    }

    #[test]
    fn at_most_three_topics_best_first() {
        let t = Taxonomy::default();
        let got = t.tag(
            "sanctions on oil exports, troops at the border, an election and a vaccine",
            &[],
        );
        assert!(got.len() <= 3, "{got:?}");
        assert!(!got.is_empty());
    }

    #[test]
    fn invalid_files_say_what_is_wrong() {
        let cases = [
            ("not toml [[", "invalid topic file x.toml"),
            ("[[topic]]\npath = \"a\"\n", "missing field `label`"),
            (
                "[[topic]]\npath = \"A b\"\nlabel = \"x\"\n",
                "topic path 'A b' is not valid",
            ),
            (
                "[[topic]]\npath = \"a/b\"\nlabel = \"x\"\n",
                "define a topic with path 'a'",
            ),
            (
                "[[topic]]\npath = \"a\"\nlabel = \"x\"\nkeywords = [\"k\"]\n\
                 [[topic]]\npath = \"b\"\nlabel = \"y\"\nkeywords = [\"K=\"]\n",
                "is also a keyword of 'a'",
            ),
            (
                "[[topic]]\npath = \"a\"\nlabel = \"x\"\nkeywords = [\"=\"]\n",
                "keyword '=' of topic 'a' is not valid",
            ),
            (
                "[[topic]]\npath = \"a\"\nlabel = \"x\"\nkeywrds = []\n",
                "unknown field `keywrds`",
            ),
        ];
        for (text, want) in cases {
            let e = Taxonomy::parse(text, "x.toml").unwrap_err().to_string();
            assert!(e.contains("x.toml"), "help: {e}");
            assert!(e.contains(want), "help: got {e:?}, wanted {want:?}");
        }
        let e = Taxonomy::load(std::path::Path::new("/nonexistent/topics.toml")).unwrap_err();
        assert!(e.to_string().contains("/nonexistent/topics.toml"));
    }

    #[test]
    fn the_start_filter_lets_every_keyword_through_in_any_case() {
        let t = Taxonomy::default();
        let inner = &*t.inner;
        assert!(inner.patterns.len() > 1000);
        for p in &inner.patterns {
            for v in [p.text.to_string(), p.text.to_ascii_uppercase()] {
                let text = format!("at {v} now");
                assert!(
                    inner.starts.may_start(&Prefixes::at(text.as_bytes(), 3)) != 0,
                    "{v}"
                );
            }
        }
        // It is of use only if it rules out most words.
        let words = "the said would minister yesterday people which after their being";
        let through: Vec<&str> = words
            .split(' ')
            .filter(|w| inner.starts.may_start(&Prefixes::at(w.as_bytes(), 0)) != 0)
            .collect();
        assert!(through.len() <= 3, "{through:?}");
    }

    #[test]
    fn the_longest_keyword_at_a_word_start_wins() {
        let t = Taxonomy::default();
        let inner = &*t.inner;
        let m = inner.matcher.as_ref().unwrap();
        let text_of = |hit: Option<(usize, usize)>| hit.map(|(_, id)| &*inner.patterns[id].text);
        let at = |s: &str| {
            let b = s.as_bytes();
            text_of(m.longest_at(b, 0, &Prefixes::at(b, 0), u8::MAX))
        };
        assert_eq!(at("Presidential race heats up"), Some("presidential race"));
        assert_eq!(at("PRESIDENT said"), Some("president"));
        assert_eq!(at("art"), Some("art"));
        assert_eq!(at("ar"), None);
        // A keyword inside a word is no keyword ("art" in "quarters").
        let hits = t.hits("three quarters of smart people");
        assert!(hits.is_empty(), "{hits:?}");
        let hits = t.hits("modern art, and the presidential race");
        let found: Vec<&str> = hits
            .iter()
            .map(|h| &*inner.patterns[h.pattern].text)
            .collect();
        assert_eq!(found, ["art", "presidential race"]);
    }

    #[test]
    fn parents_of_paths() {
        assert_eq!(parents("conflict").count(), 0);
        assert_eq!(
            parents("conflict/armed-conflict").collect::<Vec<_>>(),
            ["conflict"]
        );
    }
}
