//! Reading articles from files: plain text, JSON Lines (optionally gzip'd) and single JSON files.
//!
//! This module owns file formats and encodings and nothing else: it turns paths into
//! [`Article`]s, or into [`InputError`]s that name the file (and line) that could not be read, so
//! that a caller can report them and go on. It knows nothing of extraction or of the index.
//!
//! Plain-text files (`.txt`): the first non-empty line is the title, paragraphs are separated by
//! blank lines. An optional front-matter block at the very top carries metadata:
//!
//! ```text
//! ---
//! source: Al Jazeera
//! date: 2022-01-21
//! url: https://www.aljazeera.com/...
//! ---
//! Headline of the article
//! ...
//! ```
//!
//! Keys are `id, title, source, date, url, authors, topic`; the article text is everything after the
//! closing `---` line, unchanged, and all offsets are relative to it.

use std::collections::HashMap;
use std::fmt;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::article::Article;
use crate::dates::{parse_date, DateError, PathDate, PathDateMiss};

/// Why an input could not be read (or was read with a loss).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// The file.
    pub path: PathBuf,
    /// The 1-based line, for JSON Lines.
    pub line: Option<u64>,
    /// What went wrong.
    pub kind: InputErrorKind,
}

/// The kinds of [`InputError`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputErrorKind {
    /// The file could not be opened or read.
    Io(String),
    /// The file is empty or holds only white space.
    Empty,
    /// The file holds binary data (NUL bytes), not text.
    Binary,
    /// A JSON document could not be parsed.
    Json(String),
    /// A JSON article has no text field (names the fields looked for).
    NoText(String),
    /// The file is a compressed stream that ends early or is damaged.
    Gzip(String),
    /// A warning, not a skip: the text had invalid UTF-8 bytes, replaced by U+FFFD.
    InvalidUtf8 { bytes: usize },
    /// A warning, not a skip: the text is not UTF-8 and was read in this encoding (detected).
    Decoded { encoding: &'static str },
    /// A warning, not a skip: the article's date (shown, cut to [`SHOWN_DATE_CHARS`]) is not a
    /// date, or not a day of the calendar; the article is read with the date of its path
    /// (`--date-from-path`) when that gives one, else without a date.
    Date {
        value: String,
        why: DateError,
        instead: Option<String>,
    },
    /// A warning, not a skip: `--date-from-path` gives no date for this file, whose articles
    /// give none of their own; they are read without a date.
    PathDate { pattern: String, miss: PathDateMiss },
    /// A directory walk failed (loop, permission).
    Walk(String),
    /// An article (a file, or a line of JSON Lines) larger than [`MAX_ARTICLE_BYTES`].
    TooLarge { bytes: u64 },
    /// Processing the input failed on a case whosaid does not handle (a bug, reported and
    /// skipped so that the run goes on).
    Internal(String),
    /// A note, neither a skip nor a warning: this many more problems of the same file were counted
    /// but not shown one by one.
    Suppressed(u64),
}

/// The largest article whosaid reads: a plain-text or JSON file, or a line of JSON Lines (256
/// MiB). A larger one is reported and skipped rather than read into memory.
pub const MAX_ARTICLE_BYTES: u64 = 256 << 20;

/// How much of a date that cannot be read a warning shows, in characters.
pub const SHOWN_DATE_CHARS: usize = 40;

impl InputError {
    /// Returns true if and only if the input was still read (the error is a warning).
    pub fn is_warning(&self) -> bool {
        matches!(
            self.kind,
            InputErrorKind::InvalidUtf8 { .. }
                | InputErrorKind::Decoded { .. }
                | InputErrorKind::Date { .. }
                | InputErrorKind::PathDate { .. }
        )
    }

    /// Returns true if and only if the error is a note about other errors, not itself a skipped
    /// input or a warning.
    pub fn is_note(&self) -> bool {
        matches!(self.kind, InputErrorKind::Suppressed(_))
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        match &self.kind {
            InputErrorKind::Io(e) => write!(f, ": cannot read: {e}; skipped"),
            InputErrorKind::Empty => write!(f, ": empty file, skipped"),
            InputErrorKind::Binary => write!(f, ": binary data, not text; skipped"),
            InputErrorKind::Json(e) => write!(f, ": invalid JSON: {e}; skipped"),
            InputErrorKind::NoText(e) => write!(f, ": {e}; skipped"),
            InputErrorKind::Gzip(e) if self.line.is_some() => write!(
                f,
                ": damaged or truncated gzip stream: {e}; the rest of the file skipped"
            ),
            InputErrorKind::Gzip(e) => {
                write!(f, ": damaged or truncated gzip stream: {e}; skipped")
            }
            InputErrorKind::InvalidUtf8 { bytes } => write!(
                f,
                ": {bytes} invalid UTF-8 byte(s) replaced with U+FFFD; indexed"
            ),
            InputErrorKind::Decoded { encoding } => write!(
                f,
                ": invalid UTF-8: read as {encoding}, the encoding detected (--encoding \
                 overrides); indexed"
            ),
            InputErrorKind::Date {
                value,
                why,
                instead,
            } => write_date_warning(f, value, why, instead.as_deref()),
            InputErrorKind::PathDate { pattern, miss } => write_path_date_warning(f, pattern, miss),
            InputErrorKind::Walk(e) => write!(f, ": {e}; skipped"),
            InputErrorKind::TooLarge { bytes } => write!(
                f,
                ": article of {} MiB, larger than the {} MiB whosaid reads; skipped",
                bytes >> 20,
                MAX_ARTICLE_BYTES >> 20
            ),
            InputErrorKind::Internal(e) => write!(
                f,
                ": internal error ({e}); skipped (this is a bug in whosaid: please report it)"
            ),
            InputErrorKind::Suppressed(n) => {
                write!(
                    f,
                    ": {n} more problem(s) in this file, not shown one by one"
                )
            }
        }
    }
}

impl std::error::Error for InputError {}

/// Writes the end of the warning about an article's date `value`, which is not a date for reason
/// `why`, read instead with the date of its path `instead` when there is one.
fn write_date_warning(
    f: &mut fmt::Formatter<'_>,
    value: &str,
    why: &DateError,
    instead: Option<&str>,
) -> fmt::Result {
    let why = match why {
        DateError::Impossible => "is not a day of the calendar",
        DateError::Unreadable => {
            "is not a date whosaid reads (2022-01-21, RFC 3339, RFC 2822, \
             January 21, 2022, 21 Jan 2022)"
        }
    };
    match instead {
        Some(d) => write!(
            f,
            ": date '{value}' {why}; indexed with the date of its path, {d}"
        ),
        None => write!(f, ": date '{value}' {why}; indexed without a date"),
    }
}

/// Writes the end of the warning that `--date-from-path` `pattern` gives no date for a file,
/// because of `miss`.
fn write_path_date_warning(
    f: &mut fmt::Formatter<'_>,
    pattern: &str,
    miss: &PathDateMiss,
) -> fmt::Result {
    match miss {
        PathDateMiss::NoMatch => write!(
            f,
            ": no date in the path (--date-from-path '{pattern}' does not match it); \
             indexed without a date"
        ),
        PathDateMiss::NotADate(text, why) => write!(
            f,
            ": the date in the path, '{text}', {}; indexed without a date",
            match why {
                DateError::Impossible => "is not a day of the calendar",
                DateError::Unreadable => "is not a date",
            }
        ),
    }
}

/// The formats whosaid reads, told by file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `.txt`: title line, blank-line separated paragraphs.
    Text,
    /// `.jsonl`, `.ndjson`: one JSON article a line.
    JsonLines,
    /// `.jsonl.gz`, `.ndjson.gz`: the same, gzip'd.
    JsonLinesGz,
    /// `.json`: one JSON article.
    Json,
    /// `.txt.gz`
    TextGz,
    /// Standard input (`-` on the command line): JSON Lines, gzip'd or not (told by the gzip
    /// magic bytes), named [`STDIN_NAME`] in messages.
    Stdin,
}

/// The path argument that means standard input.
pub const STDIN_ARG: &str = "-";

/// How messages and articles name standard input (`<stdin>:LINE`).
pub const STDIN_NAME: &str = "<stdin>";

/// The first bytes of a gzip stream.
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

impl Format {
    /// The format of a file by its name, or `None` for files whosaid does not read.
    pub fn of(path: &Path) -> Option<Format> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        if name.ends_with(".jsonl.gz") || name.ends_with(".ndjson.gz") {
            Some(Format::JsonLinesGz)
        } else if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
            Some(Format::JsonLines)
        } else if name.ends_with(".json") {
            Some(Format::Json)
        } else if name.ends_with(".txt.gz") {
            Some(Format::TextGz)
        } else if name.ends_with(".txt") {
            Some(Format::Text)
        } else {
            None
        }
    }
}

/// How articles are read: which JSON field holds each article attribute, the encoding, and
/// where a date comes from when an article gives none. The defaults find the common names
/// (`text|body|content`, `date|published`, ...); [`FieldMap::set`] maps others.
#[derive(Debug, Clone)]
pub struct FieldMap {
    names: HashMap<&'static str, Vec<String>>,
    /// The encoding of every file read, when the user names it (`--encoding`); otherwise text
    /// that is not UTF-8 is detected (see [`decode_as`]).
    encoding: Option<&'static encoding_rs::Encoding>,
    /// The date of articles whose metadata gives none, from their file's path
    /// (`--date-from-path`).
    path_date: Option<PathDate>,
}

/// The article attributes a JSON field can be mapped to.
pub const ATTRIBUTES: &[&str] = &[
    "id", "title", "text", "date", "url", "source", "authors", "topic",
];

impl Default for FieldMap {
    fn default() -> Self {
        let mut names = HashMap::new();
        let mut put = |k: &'static str, v: &[&str]| {
            names.insert(k, v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        };
        put("id", &["id", "_id", "uuid", "guid", "article_id", "doc_id"]);
        put("title", &["title", "headline", "heading"]);
        put(
            "text",
            &[
                "text",
                "body",
                "content",
                "article",
                "story",
                "maintext",
                "full_text",
            ],
        );
        put(
            "date",
            &[
                "date",
                "published",
                "published_at",
                "publish_date",
                "pubdate",
                "datetime",
                "date_publish",
                "time",
            ],
        );
        put("url", &["url", "link", "uri"]);
        put(
            "source",
            &[
                "source",
                "outlet",
                "publisher",
                "site",
                "source_name",
                "domain",
            ],
        );
        put("authors", &["authors", "author", "byline", "by"]);
        put("topic", &["topic", "category", "section", "topics"]);
        FieldMap {
            names,
            encoding: None,
            path_date: None,
        }
    }
}

impl FieldMap {
    /// Reads every file in the encoding named by `label` (`windows-1252`, `latin1`, `koi8-r`...,
    /// as the WHATWG Encoding Standard names them), or says that the label names none.
    pub fn set_encoding(&mut self, label: &str) -> Result<(), String> {
        let enc = encoding_rs::Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| {
            format!(
                "unknown encoding '{label}' (use a name such as utf-8, windows-1252, latin1, \
                 iso-8859-2, koi8-r, shift_jis, gbk)"
            )
        })?;
        self.encoding = Some(enc);
        Ok(())
    }

    /// Dates articles whose metadata gives no date (or one that cannot be) from their file's
    /// path, with `pattern` (see [`PathDate`]); an expression that does not say where the date
    /// is, is refused.
    pub fn set_date_from_path(&mut self, pattern: &str) -> Result<(), crate::dates::PathDateError> {
        self.path_date = Some(PathDate::new(pattern)?);
        Ok(())
    }

    /// Maps `attribute` (one of [`ATTRIBUTES`]) to the JSON field `field`, which is then looked
    /// up first. Returns an error naming the valid attributes for an unknown one.
    pub fn set(&mut self, attribute: &str, field: &str) -> Result<(), String> {
        let key = ATTRIBUTES
            .iter()
            .find(|a| **a == attribute)
            .ok_or_else(|| {
                format!(
                    "unknown article attribute '{attribute}' (valid: {})",
                    ATTRIBUTES.join(", ")
                )
            })?;
        self.names
            .entry(key)
            .or_default()
            .insert(0, field.to_string());
        Ok(())
    }

    /// Parses `attribute=field` as given to `--field`.
    pub fn set_spec(&mut self, spec: &str) -> Result<(), String> {
        let (a, f) = spec
            .split_once('=')
            .ok_or_else(|| format!("--field takes ATTRIBUTE=FIELD, got '{spec}'"))?;
        self.set(a.trim(), f.trim())
    }

    fn get<'a>(&self, obj: &'a serde_json::Map<String, Value>, attr: &str) -> Option<&'a Value> {
        self.names
            .get(attr)?
            .iter()
            .find_map(|n| obj.get(n).filter(|v| !v.is_null()))
    }
}

/// Finds the files to read under `paths`, recursively, in a stable order. Files given by name are
/// read whatever their extension (as plain text unless it says otherwise); files found in
/// directories only when their extension is one whosaid reads. Walk errors are reported to `err`.
pub fn discover(paths: &[PathBuf], mut err: impl FnMut(InputError)) -> Vec<(PathBuf, Format)> {
    let mut out = Vec::new();
    for root in paths {
        if root.as_os_str() == STDIN_ARG {
            out.push((PathBuf::from(STDIN_NAME), Format::Stdin));
            continue;
        }
        match std::fs::metadata(root) {
            Ok(m) if m.is_file() => {
                out.push((root.clone(), Format::of(root).unwrap_or(Format::Text)));
                continue;
            }
            Ok(_) => {}
            Err(e) => {
                err(InputError {
                    path: root.clone(),
                    line: None,
                    kind: InputErrorKind::Io(e.to_string()),
                });
                continue;
            }
        }
        let walker = walkdir::WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name();
        for entry in walker {
            match entry {
                Ok(e) => {
                    if e.file_type().is_file() && !is_documentation(e.path()) {
                        if let Some(f) = Format::of(e.path()) {
                            out.push((e.into_path(), f));
                        }
                    }
                }
                Err(e) => {
                    let path = e
                        .path()
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| root.clone());
                    let msg = if let Some(to) = e.loop_ancestor() {
                        format!("symbolic link loop (back to {})", to.display())
                    } else if is_broken_link(&path) {
                        "broken symbolic link (its target does not exist)".to_string()
                    } else {
                        let why = e
                            .io_error()
                            .map(|i| i.to_string())
                            .unwrap_or_else(|| e.to_string());
                        format!("cannot read: {why}")
                    };
                    err(InputError {
                        path,
                        line: None,
                        kind: InputErrorKind::Walk(msg),
                    });
                }
            }
        }
    }
    out
}

/// Returns true if and only if `path` is a symbolic link whose target does not exist.
fn is_broken_link(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
        && std::fs::metadata(path).is_err()
}

/// Returns true if and only if the file is a data set's own documentation (`README.txt`,
/// `LICENSE.txt`, ...), which a directory walk passes over. Named on the command line, it is read.
pub fn is_documentation(path: &Path) -> bool {
    let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
        return false;
    };
    let stem = stem.to_ascii_uppercase();
    [
        "README",
        "LICENSE",
        "LICENCE",
        "COPYING",
        "CHANGELOG",
        "NOTICE",
        "AUTHORS",
    ]
    .iter()
    .any(|d| stem == *d)
}

/// A stable id for an article without one of its own: 16 hex digits of a hash of `key`.
pub fn stable_id(key: &str) -> String {
    // FNV-1a, 64 bits: stable across runs and platforms.
    let mut h: u64 = 0xcbf29ce484222325;
    for b in key.as_bytes() {
        h ^= *b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    format!("{h:016x}")
}

fn abs_key(path: &Path) -> String {
    std::fs::canonicalize(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .to_string_lossy()
        .into_owned()
}

/// How a text was decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decoding {
    /// UTF-8 (or UTF-16 with a BOM), with this many invalid bytes replaced by U+FFFD.
    Unicode { bad: usize },
    /// A legacy encoding, detected or named.
    Legacy(&'static str),
}

/// Decodes bytes read from a file. With `forced`, in that encoding. Otherwise as [`decode`],
/// except that text holding bytes that are not UTF-8 and no valid UTF-8 beyond ASCII (an older
/// archive in Windows-1252, Latin-1, KOI8-R...) is decoded in the encoding that `chardetng`
/// detects; text that is mostly UTF-8 with a stray bad byte stays UTF-8.
///
/// ```
/// use whosaid::input::{decode_as, Decoding};
/// let (text, how) = decode_as(b"\x93We will win,\x94 said John Smith", None);
/// assert_eq!(text, "“We will win,” said John Smith");
/// assert_eq!(how, Decoding::Legacy("windows-1252"));
/// ```
pub fn decode_as(
    bytes: &[u8],
    forced: Option<&'static encoding_rs::Encoding>,
) -> (String, Decoding) {
    if let Some(enc) = forced {
        let (text, _, _) = enc.decode(bytes);
        return (text.into_owned(), Decoding::Legacy(enc.name()));
    }
    let legacy = !is_utf16(bytes)
        && !bytes.starts_with(&[0xEF, 0xBB, 0xBF])
        && std::str::from_utf8(bytes).is_err()
        && bytes.utf8_chunks().all(|c| c.valid().is_ascii());
    if legacy {
        let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        det.feed(bytes, true);
        let enc = det.guess(None, chardetng::Utf8Detection::Deny);
        let (text, _, _) = enc.decode(bytes);
        return (text.into_owned(), Decoding::Legacy(enc.name()));
    }
    let (text, bad) = decode(bytes);
    (text, Decoding::Unicode { bad })
}

/// The warning a decoding calls for, if any.
fn decoding_problem(how: &Decoding, forced: bool) -> Option<InputErrorKind> {
    match how {
        Decoding::Unicode { bad } if *bad > 0 => Some(InputErrorKind::InvalidUtf8 { bytes: *bad }),
        Decoding::Legacy(name) if !forced => Some(InputErrorKind::Decoded { encoding: name }),
        _ => None,
    }
}

/// Decodes bytes read from a text file: UTF-8 (a BOM is dropped), UTF-16 with a BOM, anything else
/// lossily as UTF-8. Returns the text and how many invalid bytes were replaced.
pub fn decode(bytes: &[u8]) -> (String, usize) {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return decode(rest);
    }
    let utf16 = |rest: &[u8], le: bool| -> (String, usize) {
        let units: Vec<u16> = rest
            .chunks(2)
            .map(|c| {
                let pair = [c[0], *c.get(1).unwrap_or(&0)];
                if le {
                    u16::from_le_bytes(pair)
                } else {
                    u16::from_be_bytes(pair)
                }
            })
            .collect();
        let mut bad = 0;
        let s: String = char::decode_utf16(units)
            .map(|r| {
                r.unwrap_or_else(|_| {
                    bad += 1;
                    char::REPLACEMENT_CHARACTER
                })
            })
            .collect();
        (s, bad)
    };
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, true);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, false);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), 0),
        Err(_) => {
            let mut bad = 0;
            let mut out = String::with_capacity(bytes.len());
            for chunk in bytes.utf8_chunks() {
                out.push_str(chunk.valid());
                if !chunk.invalid().is_empty() {
                    bad += chunk.invalid().len();
                    out.push(char::REPLACEMENT_CHARACTER);
                }
            }
            (out, bad)
        }
    }
}

/// Returns true if and only if the bytes start with a UTF-16 byte-order mark.
fn is_utf16(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF])
}

/// Returns true if and only if the start of `bytes` is binary data rather than text: it holds a
/// NUL byte, or more than a quarter of it is invalid UTF-8 or control characters (text in a legacy
/// 8-bit encoding stays well under that). UTF-16 text is told apart by its BOM.
pub fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if is_utf16(head) {
        return false;
    }
    if head.contains(&0) {
        return true;
    }
    let mut odd = 0;
    for chunk in head.utf8_chunks() {
        odd += chunk.invalid().len();
        odd += chunk
            .valid()
            .chars()
            .filter(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c'))
            .count();
    }
    odd * 4 > head.len()
}

/// Parses a plain-text article (front matter optional). `key` is used for the id when the front
/// matter gives none. A date that cannot be read is left out (see [`read_text`]).
pub fn parse_text(raw: &str, path: &str, key: &str) -> Article {
    read_text(raw, path, key).0
}

/// Reads a publication date given in metadata: the day, or nothing when none is given, with the
/// warning a date that cannot be read, or cannot exist, calls for.
fn metadata_date(value: Option<&str>) -> (Option<String>, Option<InputErrorKind>) {
    let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return (None, None);
    };
    match parse_date(v) {
        Ok(d) => (Some(d.to_string()), None),
        Err(why) => {
            let mut shown: String = v.chars().take(SHOWN_DATE_CHARS).collect();
            if shown.len() < v.len() {
                shown.push('…');
            }
            let warning = InputErrorKind::Date {
                value: shown,
                why,
                instead: None,
            };
            (None, Some(warning))
        }
    }
}

/// [`parse_text`], with the warning the article's date calls for when it cannot be read or
/// cannot exist (`2022-02-31`): the article is read without it.
pub fn read_text(raw: &str, path: &str, key: &str) -> (Article, Option<InputErrorKind>) {
    let mut date_warning = None;
    let mut art = Article {
        path: path.to_string(),
        ..Default::default()
    };
    let mut body_start = 0;
    let mut meta: Vec<(String, String)> = Vec::new();
    if raw.starts_with("---\n") || raw.starts_with("---\r\n") {
        let mut pos = raw.find('\n').map_or(raw.len(), |i| i + 1);
        let mut closed = None;
        let mut fields = Vec::new();
        while pos < raw.len() {
            let end = raw[pos..].find('\n').map_or(raw.len(), |i| pos + i + 1);
            let line = raw[pos..end].trim_end_matches(['\n', '\r']);
            if line.trim() == "---" {
                closed = Some(end);
                break;
            }
            match line.split_once(':') {
                Some((k, v)) if !k.trim().is_empty() && !k.contains(' ') => {
                    fields.push((k.trim().to_ascii_lowercase(), v.trim().to_string()))
                }
                _ if line.trim().is_empty() => {}
                _ => break,
            }
            pos = end;
        }
        if let Some(end) = closed {
            body_start = end;
            meta = fields;
        }
    }
    art.text = raw[body_start..].to_string();
    for (k, v) in meta {
        let v = v.trim_matches('"').to_string();
        match k.as_str() {
            "id" => art.id = v,
            "title" => art.title = v,
            "source" => art.source = Some(v),
            "date" => (art.date, date_warning) = metadata_date(Some(&v)),
            "url" => art.url = Some(v),
            "topic" => art.topic = Some(v),
            "authors" | "author" => {
                art.authors = v
                    .split([',', ';'])
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect()
            }
            _ => {}
        }
    }
    // The first non-empty line is the title.
    if let Some(r) = first_line(&art.text) {
        if art.title.is_empty() {
            art.title = art.text[r.clone()].to_string();
        }
        art.title_in_text = Some(r);
    }
    if art.id.is_empty() {
        art.id = stable_id(key);
    }
    (art, date_warning)
}

fn string_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(a) => {
            let parts: Vec<String> = a.iter().filter_map(string_of).collect();
            if parts.is_empty() {
                None
            } else {
                Some(parts.join(", "))
            }
        }
        Value::Object(o) => o.get("name").and_then(string_of),
        _ => None,
    }
}

/// The byte range of the first non-empty line of `text`, trimmed.
fn first_line(text: &str) -> Option<std::ops::Range<usize>> {
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        if !t.is_empty() {
            let start = pos + line.len() - line.trim_start().len();
            return Some(start..start + t.len());
        }
        pos += line.len();
    }
    None
}

/// The range of the headline at the top of a JSON article's text: its first line when that is
/// the `title` field again (spaces and case aside), as many sites' text dumps begin.
fn title_in_json_text(text: &str, title: &str) -> Option<std::ops::Range<usize>> {
    let r = first_line(text)?;
    let words = |s: &str| {
        s.split_whitespace()
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
    };
    let t = words(title);
    (!t.is_empty() && words(&text[r.clone()]) == t).then_some(r)
}

/// Turns one parsed JSON value into an article. `key` is used for the id when the JSON has none.
/// A date that cannot be read is left out (see [`read_json_article`]).
pub fn parse_json_article(
    v: Value,
    fields: &FieldMap,
    path: &str,
    key: &str,
) -> Result<Article, InputErrorKind> {
    read_json_article(v, fields, path, key).map(|(a, _)| a)
}

/// [`parse_json_article`], with the warning the article's date calls for when it cannot be read
/// or cannot exist (`2022-02-31`): the article is read without it.
pub fn read_json_article(
    v: Value,
    fields: &FieldMap,
    path: &str,
    key: &str,
) -> Result<(Article, Option<InputErrorKind>), InputErrorKind> {
    let Value::Object(obj) = v else {
        return Err(InputErrorKind::NoText(
            "a JSON article must be an object".into(),
        ));
    };
    let text = match fields.get(&obj, "text") {
        Some(Value::String(s)) => s.clone(),
        Some(other) => {
            return Err(InputErrorKind::NoText(format!(
                "the text field holds {}, not a string",
                type_name(other)
            )))
        }
        None => {
            return Err(InputErrorKind::NoText(format!(
                "no text field (looked for {}; map another with --field text=NAME)",
                fields.names["text"].join(", ")
            )))
        }
    };
    let get = |a: &str| fields.get(&obj, a).and_then(string_of);
    let authors = match fields.get(&obj, "authors") {
        Some(Value::Array(a)) => a.iter().filter_map(string_of).collect(),
        Some(v) => string_of(v)
            .map(|s| {
                s.split([',', ';'])
                    .map(|x| x.trim().to_string())
                    .filter(|x| !x.is_empty())
                    .collect()
            })
            .unwrap_or_default(),
        None => vec![],
    };
    let id = get("id")
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| stable_id(key));
    let (date, date_warning) = metadata_date(get("date").as_deref());
    let title = get("title").unwrap_or_default();
    let article = Article {
        id,
        path: path.to_string(),
        title_in_text: title_in_json_text(&text, &title),
        title,
        text,
        date,
        source: get("source").filter(|s| !s.trim().is_empty()),
        url: get("url"),
        authors,
        topic: get("topic").filter(|s| !s.trim().is_empty()),
    };
    Ok((article, date_warning))
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// What reading one file produced, handed to the sink one at a time.
pub enum Item {
    /// An article, with the number of bytes of input it took.
    Article(Article, u64),
    /// A problem: a skipped input, or a warning about one that was read.
    Problem(InputError),
}

/// The date of the articles of one file that give none of their own: from the file's path
/// (`--date-from-path`), worked out once, when the first such article comes.
struct PathDates<'a> {
    rule: Option<&'a PathDate>,
    path: &'a Path,
    /// The day, or why the path gives none; `None` until asked for.
    found: Option<Result<String, PathDateMiss>>,
}

impl<'a> PathDates<'a> {
    fn new(fields: &'a FieldMap, path: &'a Path) -> PathDates<'a> {
        PathDates {
            rule: fields.path_date.as_ref(),
            path,
            found: None,
        }
    }

    /// Hands `article` (read from `bytes` bytes of input, at `line` of JSON Lines) to `sink`,
    /// after its warnings: the date of the path is given to an article without one (the path's
    /// warning when it has none to give, once a file), and `warning`, about its own date, says
    /// which date it got instead.
    fn hand_over(
        &mut self,
        mut article: Article,
        mut warning: Option<InputErrorKind>,
        bytes: u64,
        line: Option<u64>,
        sink: &mut dyn FnMut(Item),
    ) {
        let problem = |line, kind| {
            Item::Problem(InputError {
                path: self.path.to_path_buf(),
                line,
                kind,
            })
        };
        if let (None, Some(rule)) = (&article.date, self.rule) {
            if self.found.is_none() {
                let found = rule.date(&self.path.to_string_lossy());
                let found = found.map(|d| d.to_string());
                if let Err(miss) = &found {
                    let pattern = rule.as_str().to_string();
                    let miss = miss.clone();
                    sink(problem(None, InputErrorKind::PathDate { pattern, miss }));
                }
                self.found = Some(found);
            }
            article.date = self.found.clone().and_then(Result::ok);
            if let Some(InputErrorKind::Date { instead, .. }) = &mut warning {
                instead.clone_from(&article.date);
            }
        }
        if let Some(kind) = warning {
            sink(problem(line, kind));
        }
        sink(Item::Article(article, bytes));
    }
}

/// A problem with the file at `path` (at `line` of JSON Lines), for the sink.
fn problem(path: &Path, line: Option<u64>, kind: InputErrorKind) -> Item {
    Item::Problem(InputError {
        path: path.to_path_buf(),
        line,
        kind,
    })
}

/// The bytes of `file`, read from `path` (gzip'd when `gzip`), or why they are not read: an error
/// of reading, or more than [`MAX_ARTICLE_BYTES`] of them.
fn read_whole(path: &Path, file: File, gzip: bool) -> Result<Vec<u8>, InputErrorKind> {
    let mut bytes = Vec::new();
    let res = if gzip {
        flate2::read::MultiGzDecoder::new(file)
            .take(MAX_ARTICLE_BYTES + 1)
            .read_to_end(&mut bytes)
    } else {
        BufReader::new(file)
            .take(MAX_ARTICLE_BYTES + 1)
            .read_to_end(&mut bytes)
    };
    if bytes.len() as u64 > MAX_ARTICLE_BYTES {
        let size = std::fs::metadata(path).map_or(bytes.len() as u64, |m| m.len());
        let size = size.max(bytes.len() as u64);
        return Err(InputErrorKind::TooLarge { bytes: size });
    }
    if let Err(e) = res {
        return Err(if gzip {
            InputErrorKind::Gzip(e.to_string())
        } else {
            InputErrorKind::Io(e.to_string())
        });
    }
    Ok(bytes)
}

/// Reads the one article of `file`, read from `path` in format `format` (plain text, gzip'd
/// text or JSON), handing it to `sink` after its warnings.
fn read_article_file(
    path: &Path,
    file: File,
    format: Format,
    fields: &FieldMap,
    sink: &mut dyn FnMut(Item),
) {
    let bytes = match read_whole(path, file, format == Format::TextGz) {
        Ok(b) => b,
        Err(kind) => return sink(problem(path, None, kind)),
    };
    if looks_binary(&bytes) {
        return sink(problem(path, None, InputErrorKind::Binary));
    }
    let (text, how) = decode_as(&bytes, fields.encoding);
    if let Some(kind) = decoding_problem(&how, fields.encoding.is_some()) {
        sink(problem(path, None, kind));
    }
    if text.trim().is_empty() {
        return sink(problem(path, None, InputErrorKind::Empty));
    }
    let path_str = path.to_string_lossy().into_owned();
    let key = abs_key(path);
    let mut dates = PathDates::new(fields, path);
    let n = bytes.len() as u64;
    if format == Format::Json {
        match serde_json::from_str::<Value>(&text) {
            Ok(v) => match read_json_article(v, fields, &path_str, &key) {
                Ok((a, w)) => dates.hand_over(a, w, n, None, sink),
                Err(k) => sink(problem(path, None, k)),
            },
            Err(e) => sink(problem(path, None, InputErrorKind::Json(e.to_string()))),
        }
    } else {
        let (a, w) = read_text(&text, &path_str, &key);
        dates.hand_over(a, w, n, None, sink);
    }
}

/// Streams the JSON Lines articles of `file`, read from `path` (gzip'd when `gzip`), to `sink`.
fn read_json_lines_file(
    path: &Path,
    file: File,
    gzip: bool,
    fields: &FieldMap,
    sink: &mut dyn FnMut(Item),
) {
    let reader: Box<dyn BufRead> = if gzip {
        Box::new(BufReader::with_capacity(
            1 << 16,
            flate2::read::MultiGzDecoder::new(file),
        ))
    } else {
        Box::new(BufReader::with_capacity(1 << 16, file))
    };
    let path_str = path.to_string_lossy().into_owned();
    let lines = JsonLines {
        path,
        path_str: &path_str,
        gzip,
        key: IdKey::Place(abs_key(path)),
    };
    lines.read(reader, fields, sink);
}

/// Reads every article of `path` in format `format`, handing each to `sink` in file order. Lines
/// of JSON Lines files are streamed, so memory does not grow with the file. Returns the number
/// of bytes read.
pub fn read_file(path: &Path, format: Format, fields: &FieldMap, sink: &mut dyn FnMut(Item)) {
    if format == Format::Stdin {
        return read_stdin(fields, sink);
    }
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => return sink(problem(path, None, InputErrorKind::Io(e.to_string()))),
    };
    match format {
        Format::Text | Format::TextGz | Format::Json => {
            read_article_file(path, file, format, fields, sink)
        }
        Format::JsonLines | Format::JsonLinesGz => {
            read_json_lines_file(path, file, format == Format::JsonLinesGz, fields, sink)
        }
        Format::Stdin => read_stdin(fields, sink),
    }
}

/// Reads JSON Lines articles from standard input, gzip'd or not (told by the gzip magic bytes),
/// as a stream: memory does not grow with the input. An article without an id of its own gets a
/// hash of its line as id, so that the same line read twice, in any split of the input, is the
/// same article.
fn read_stdin(fields: &FieldMap, sink: &mut dyn FnMut(Item)) {
    let path = Path::new(STDIN_NAME);
    let mut raw = BufReader::with_capacity(1 << 16, std::io::stdin().lock());
    let gzip = match raw.fill_buf() {
        Ok(head) => head.starts_with(&GZIP_MAGIC),
        Err(e) => {
            return sink(Item::Problem(InputError {
                path: path.to_path_buf(),
                line: None,
                kind: InputErrorKind::Io(e.to_string()),
            }))
        }
    };
    let reader: Box<dyn BufRead> = if gzip {
        Box::new(BufReader::with_capacity(
            1 << 16,
            flate2::read::MultiGzDecoder::new(raw),
        ))
    } else {
        Box::new(raw)
    };
    let lines = JsonLines {
        path,
        path_str: STDIN_NAME,
        gzip,
        key: IdKey::Line,
    };
    lines.read(reader, fields, sink);
}

/// What the id of a JSON Lines article without one of its own is a hash of.
enum IdKey {
    /// Its place: the file's absolute path and the line number.
    Place(String),
    /// The line itself (standard input, whose line numbers depend on how the input was split).
    Line,
}

/// A JSON Lines stream being read: where it comes from, for messages and ids.
struct JsonLines<'a> {
    path: &'a Path,
    path_str: &'a str,
    /// The stream is gzip'd (a read error is then a damaged stream).
    gzip: bool,
    key: IdKey,
}

impl JsonLines<'_> {
    fn problem(&self, line: Option<u64>, kind: InputErrorKind) -> Item {
        Item::Problem(InputError {
            path: self.path.to_path_buf(),
            line,
            kind,
        })
    }

    fn read_error(&self, e: std::io::Error) -> InputErrorKind {
        if self.gzip {
            InputErrorKind::Gzip(e.to_string())
        } else {
            InputErrorKind::Io(e.to_string())
        }
    }

    /// Reads every line of `reader`, after a look at its start to tell binary data (a zip named
    /// .jsonl) and UTF-16 apart.
    fn read(&self, mut reader: Box<dyn BufRead>, fields: &FieldMap, sink: &mut dyn FnMut(Item)) {
        let head = match reader.fill_buf() {
            Ok(h) => h,
            Err(e) => return sink(self.problem(None, self.read_error(e))),
        };
        if looks_binary(head) {
            return sink(self.problem(None, InputErrorKind::Binary));
        }
        if is_utf16(head) {
            // UTF-16 lines cannot be cut at a newline byte: decode the whole input first.
            let mut bytes = Vec::new();
            if let Err(e) = reader.take(MAX_ARTICLE_BYTES + 1).read_to_end(&mut bytes) {
                return sink(self.problem(None, self.read_error(e)));
            }
            if bytes.len() as u64 > MAX_ARTICLE_BYTES {
                let kind = InputErrorKind::TooLarge {
                    bytes: bytes.len() as u64,
                };
                return sink(self.problem(None, kind));
            }
            let (text, _) = decode(&bytes);
            reader = Box::new(std::io::Cursor::new(text.into_bytes()));
        }
        self.read_lines(reader, fields, sink);
    }
}

/// Reads one line (with its newline) into `buf`, keeping at most `max` bytes of it. Returns the
/// line's whole length in bytes (0 at the end of the input); a line longer than `max` is read
/// through to its end without being kept, so memory stays bounded.
fn read_line_capped(reader: &mut dyn BufRead, buf: &mut Vec<u8>, max: u64) -> std::io::Result<u64> {
    buf.clear();
    let n = std::io::Read::take(&mut *reader, max + 1).read_until(b'\n', buf)? as u64;
    if n <= max || buf.last() == Some(&b'\n') {
        return Ok(n);
    }
    // Too long: skip the rest of the line.
    buf.clear();
    let mut total = n;
    loop {
        let (done, used) = {
            let chunk = reader.fill_buf()?;
            if chunk.is_empty() {
                break;
            }
            match chunk.iter().position(|&b| b == b'\n') {
                Some(i) => (true, i + 1),
                None => (false, chunk.len()),
            }
        };
        reader.consume(used);
        total += used as u64;
        if done {
            break;
        }
    }
    Ok(total)
}

impl JsonLines<'_> {
    /// Reads the lines of `reader`, one article each, streamed.
    fn read_lines(
        &self,
        mut reader: Box<dyn BufRead>,
        fields: &FieldMap,
        sink: &mut dyn FnMut(Item),
    ) {
        let mut dates = PathDates::new(fields, self.path);
        let mut buf = Vec::new();
        let mut line_no = 0u64;
        let mut any = false;
        loop {
            let n = match read_line_capped(&mut *reader, &mut buf, MAX_ARTICLE_BYTES) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) => return sink(self.problem(Some(line_no + 1), self.read_error(e))),
            };
            line_no += 1;
            if n > MAX_ARTICLE_BYTES {
                any = true;
                sink(self.problem(Some(line_no), InputErrorKind::TooLarge { bytes: n }));
                continue;
            }
            let (line, how) = decode_as(&buf, fields.encoding);
            let trimmed = line.trim();
            if trimmed.is_empty() {
                continue;
            }
            any = true;
            if let Some(kind) = decoding_problem(&how, fields.encoding.is_some()) {
                sink(self.problem(Some(line_no), kind));
            }
            let v: Value = match serde_json::from_str(trimmed) {
                Ok(v) => v,
                Err(e) => {
                    sink(self.problem(Some(line_no), InputErrorKind::Json(e.to_string())));
                    continue;
                }
            };
            let where_ = format!("{}:{line_no}", self.path_str);
            let key = match &self.key {
                IdKey::Place(file) => format!("{file}:{line_no}"),
                IdKey::Line => trimmed.to_string(),
            };
            match read_json_article(v, fields, &where_, &key) {
                Ok((a, w)) => dates.hand_over(a, w, n, Some(line_no), sink),
                Err(k) => sink(self.problem(Some(line_no), k)),
            }
        }
        if !any {
            sink(self.problem(None, InputErrorKind::Empty));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_metadata_and_offsets_start_after_it() {
        let raw = "---\nsource: Al Jazeera\ndate: 2022-01-21\n---\nHeadline here\n\nBody.\n";
        let a = parse_text(raw, "x.txt", "x");
        assert_eq!(a.source.as_deref(), Some("Al Jazeera"));
        assert_eq!(a.date.as_deref(), Some("2022-01-21"));
        assert_eq!(a.text, "Headline here\n\nBody.\n");
        assert_eq!(a.title, "Headline here");
        assert_eq!(a.title_in_text, Some(0..13));
    }

    #[test]
    fn a_json_text_that_opens_with_its_title_holds_the_title() {
        let fields = FieldMap::default();
        let read = |json: &str| {
            let v: Value = serde_json::from_str(json).unwrap();
            parse_json_article(v, &fields, "x.jsonl:1", "k").unwrap()
        };
        let a = read(r#"{"title": "Trump Says  it", "text": "\n trump says it \n\nBody."}"#);
        assert_eq!(a.title_in_text, Some(2..15));
        assert_eq!(&a.text[2..15], "trump says it");
        // Another first line, or no title field, is the story's own.
        let b = read(r#"{"title": "Trump Says It", "text": "Trump says it all\n\nBody."}"#);
        assert_eq!(b.title_in_text, None);
        let c = read(r#"{"text": "Trump says it\n\nBody."}"#);
        assert_eq!(c.title_in_text, None);
    }

    #[test]
    fn text_without_front_matter_is_kept_whole() {
        let raw = "Title: with a colon\n\nBody.";
        let a = parse_text(raw, "x.txt", "x");
        assert_eq!(a.text, raw);
        assert_eq!(a.title, "Title: with a colon");
    }

    #[test]
    fn json_fields_are_found_by_common_names() {
        let v: Value = serde_json::from_str(
            r#"{"headline":"H","body":"B","published":"2020-01-02T00:00:00Z","author":["A","B"]}"#,
        )
        .unwrap();
        let a = parse_json_article(v, &FieldMap::default(), "p", "k").unwrap();
        assert_eq!(a.title, "H");
        assert_eq!(a.text, "B");
        assert_eq!(a.date.as_deref(), Some("2020-01-02"));
        assert_eq!(a.authors, vec!["A", "B"]);
        assert_eq!(a.id, stable_id("k"));
    }

    #[test]
    fn field_map_overrides() {
        let mut m = FieldMap::default();
        m.set_spec("text=content_original").unwrap();
        assert!(m.set_spec("nonsense=x").is_err());
        let v: Value =
            serde_json::from_str(r#"{"text":"wrong","content_original":"right"}"#).unwrap();
        let a = parse_json_article(v, &m, "p", "k").unwrap();
        assert_eq!(a.text, "right");
    }

    #[test]
    fn wrong_text_type_is_an_error() {
        let v: Value = serde_json::from_str(r#"{"text":42}"#).unwrap();
        assert!(matches!(
            parse_json_article(v, &FieldMap::default(), "p", "k"),
            Err(InputErrorKind::NoText(_))
        ));
    }

    #[test]
    fn long_lines_are_measured_but_not_kept() {
        let data = b"short\nthis line is far too long\nok\nno newline at the end";
        let mut r: &[u8] = data;
        let mut buf = Vec::new();
        let mut got = Vec::new();
        loop {
            let n = read_line_capped(&mut r, &mut buf, 10).unwrap();
            if n == 0 {
                break;
            }
            got.push((n, String::from_utf8_lossy(&buf).into_owned()));
        }
        assert_eq!(
            got,
            vec![
                (6, "short\n".to_string()),
                (26, String::new()),
                (3, "ok\n".to_string()),
                (21, String::new()),
            ]
        );
    }

    #[test]
    fn binary_is_told_from_text() {
        assert!(looks_binary(b"PK\x03\x04\x14\x00"));
        assert!(looks_binary(&[0x80u8, 0x81, 0x82, 0x01, 0x02, 0x03, b'a']));
        assert!(!looks_binary("Plain “text”, café.\r\n\tMore.".as_bytes()));
        // Latin-1 text: a few invalid bytes among many valid ones.
        assert!(!looks_binary(
            b"Le caf\xe9 est ferm\xe9 aujourd'hui, dit-il."
        ));
        assert!(!looks_binary(&[0xFF, 0xFE, b'a', 0]));
        assert!(!looks_binary(b""));
    }

    #[test]
    fn utf16_and_invalid_utf8_decode() {
        let mut b = vec![0xFF, 0xFE];
        for u in "Hi “x”".encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&b), ("Hi “x”".to_string(), 0));
        let (s, bad) = decode(b"ab\xffcd");
        assert_eq!(s, "ab\u{FFFD}cd");
        assert_eq!(bad, 1);
    }
}
