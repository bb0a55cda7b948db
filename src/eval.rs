//! Evaluation: scores system statements against gold statements, exactly as the reference scorer
//! `shared/tools/score_statements.py` does (same matching, same figures, same rounding).
//!
//! Pure: gold and system statements in, [`Report`] out. This module also reads the two JSON Lines
//! formats ([`read_gold`], [`read_system`]); it knows nothing of extraction, articles or the index,
//! and the caller decides where the system statements come from.
//!
//! The rules, in brief:
//! - a gold statement is *found* when its normalised text ([`norm_text`]) lies inside a system
//!   statement of the same article, or 80% of its words are words of one;
//! - *recall*: required gold statements found / required gold statements;
//! - *precision*: system statements matching a gold statement (or lying inside one, two words or
//!   more) / system statements of the articles the gold covers;
//! - *attribution*: required gold statements found, whose speaker is scored, with a right
//!   speaker ([`speaker_ok`]) among their matches / required gold statements found whose speaker
//!   is scored;
//! - *country*: found statements with a gold country whose system country list shares one.
//!
//! [`breakdown`] counts, beyond the reference scorer, where recall is lost.

pub mod breakdown;

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use regex::Regex;
use serde_json::Value;
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::UnicodeNormalization;

use crate::statement::{Construction, StatementKind};

/// One gold statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldStatement {
    /// The article: the file stem from `doc` (else `article`, else `path`); empty when none.
    pub doc: String,
    /// Whether the gold line has a `doc` field: one such line makes the gold multi-article.
    pub has_doc_field: bool,
    /// The statement's content, an exact substring of the article.
    pub text: String,
    /// The gold speaker (canonical name, organisation, or span as written).
    pub speaker: String,
    /// The speaker's countries (may be empty).
    pub countries: Vec<String>,
    /// Direct or indirect; `None` when the gold says neither.
    pub kind: Option<StatementKind>,
    /// False for borderline speech acts, not counted in recall.
    pub required: bool,
    /// False where the speaker is not scored (PolNeAR source spans that name no one).
    pub named: bool,
}

/// One system statement, as extracted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SystemStatement {
    /// The article: its file stem (compared with the gold's `doc`).
    pub doc: String,
    /// The statement as extracted.
    pub text: String,
    /// The speaker found, if any.
    pub speaker: Option<String>,
    /// The speaker's countries.
    pub countries: Vec<String>,
    /// The construction that found it, when the system names one.
    pub construction: Option<Construction>,
}

/// The figures, rounded as the reference scorer rounds them (Python's `round(x, 3)`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scores {
    /// Required gold statements (of the selected kind).
    pub gold_required: usize,
    /// System statements of the articles the gold covers.
    pub system: usize,
    /// Found / required.
    pub recall: f64,
    /// Matching system statements / system statements.
    pub precision: f64,
    /// Harmonic mean of the unrounded precision and recall.
    pub f1: f64,
    /// Found with the right speaker / found with a scored speaker.
    pub attribution: f64,
    /// Found with a right country / found with a gold country; `None` when no gold country.
    pub country: Option<f64>,
}

impl fmt::Display for Scores {
    /// Writes the figures as the reference scorer's final line (Python's `json.dumps`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{{\"gold_required\": {}, \"system\": {}, \"recall\": {:?}, \"precision\": {:?}, \
             \"f1\": {:?}, \"attribution\": {:?}, \"country\": ",
            self.gold_required, self.system, self.recall, self.precision, self.f1, self.attribution
        )?;
        match self.country {
            Some(c) => write!(f, "{c:?}}}"),
            None => write!(f, "null}}"),
        }
    }
}

/// Why a required gold statement counts against the system.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MissKind {
    /// No system statement matches it.
    Missed,
    /// Found, but no matching system statement has the right speaker.
    WrongSpeaker,
}

impl MissKind {
    /// `missed` or `wrong speaker`, as the reference scorer prints them.
    pub fn as_str(self) -> &'static str {
        match self {
            MissKind::Missed => "missed",
            MissKind::WrongSpeaker => "wrong speaker",
        }
    }
}

/// A required gold statement missed or wrongly attributed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Miss {
    /// Missed or wrong speaker.
    pub kind: MissKind,
    /// Index of the gold statement.
    pub gold: usize,
    /// For a wrong speaker, the index of the system statement whose speaker is reported (the
    /// shortest match).
    pub got: Option<usize>,
}

/// What scoring found.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// The figures.
    pub scores: Scores,
    /// Required gold statements missed or wrongly attributed, in gold order.
    pub misses: Vec<Miss>,
    /// Indices of the scored system statements that match no gold statement.
    pub unmatched: Vec<usize>,
    /// Required gold statements found (of the selected kind), in gold order, each with the
    /// system statement that counts for it: the first match with the right speaker, else the
    /// shortest match.
    pub found: Vec<(usize, usize)>,
}

impl Report {
    /// The lines the reference scorer prints before its figures: the first 40 misses and the
    /// first 15 unmatched system statements.
    pub fn detail_lines(&self, gold: &[GoldStatement], system: &[SystemStatement]) -> Vec<String> {
        let mut out = Vec::new();
        for m in self.misses.iter().take(40) {
            let g = &gold[m.gold];
            let got = m
                .got
                .and_then(|i| system[i].speaker.as_deref())
                .unwrap_or("None");
            out.push(format!(
                "  {:<14} {:<62} gold={} got={}",
                m.kind.as_str(),
                prefix_chars(&g.text, 60),
                g.speaker,
                got
            ));
        }
        for &i in self.unmatched.iter().take(15) {
            out.push(format!(
                "  unmatched system statement: {}",
                prefix_chars(&system[i].text, 70)
            ));
        }
        out
    }
}

fn prefix_chars(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// An error reading a gold or system file.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// The file could not be read.
    #[error("cannot read {path}", path = path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A line is not valid JSON, or lacks what it must hold.
    #[error("{path}:{line}: {message}")]
    Line {
        /// The file.
        path: PathBuf,
        /// The 1-based line number.
        line: usize,
        /// What is wrong, and what would be valid.
        message: String,
    },
}

/// Words that do not count in speaker names.
const STOP: &[&str] = &["the", "of", "a", "an", "in", "s"];
/// Words that make a gold speaker an organisation.
const ORG: &[&str] = &[
    "ministry",
    "ministers",
    "services",
    "intelligence",
    "tv",
    "kremlin",
    "moscow",
    "interfax",
    "ukraine",
    "states",
];
/// The countries the reference scorer knows.
const COUNTRIES: &[&str] = &[
    "russia",
    "ukraine",
    "romania",
    "iran",
    "poland",
    "germany",
    "spain",
    "belarus",
    "bulgaria",
    "united states",
    "united kingdom",
    "france",
    "china",
    "canada",
    "estonia",
    "latvia",
    "lithuania",
];
/// Nationality words, capitals and the like, with the countries they stand for.
const NAT: &[(&str, &[&str])] = &[
    ("russian", &["russia"]),
    ("ukrainian", &["ukraine"]),
    ("romanian", &["romania"]),
    ("iranian", &["iran"]),
    ("polish", &["poland"]),
    ("german", &["germany"]),
    ("spanish", &["spain"]),
    ("belarusian", &["belarus"]),
    ("bulgarian", &["bulgaria"]),
    ("us", &["united states"]),
    ("u.s", &["united states"]),
    ("american", &["united states"]),
    ("british", &["united kingdom"]),
    ("uk", &["united kingdom"]),
    ("french", &["france"]),
    ("chinese", &["china"]),
    ("canadian", &["canada"]),
    ("estonian", &["estonia"]),
    ("latvian", &["latvia"]),
    ("lithuanian", &["lithuania"]),
    ("baltic", &["estonia", "latvia", "lithuania"]),
    ("kremlin", &["russia"]),
    ("moscow", &["russia"]),
    ("kyiv", &["ukraine"]),
    ("washington", &["united states"]),
];

/// The countries a word stands for (a nationality, a capital, or a country name itself).
fn nat(w: &str) -> Option<Vec<&'static str>> {
    if let Some((_, cs)) = NAT.iter().find(|(k, _)| *k == w) {
        return Some(cs.to_vec());
    }
    COUNTRIES.iter().find(|c| **c == w).map(|c| vec![*c])
}

/// Folds text for comparison: NFKD, combining marks dropped, lowercase, typographic quotes made
/// straight, non-breaking spaces made plain.
///
/// ```
/// assert_eq!(whosaid::eval::fold("Zelenskyy’s “Café”"), "zelenskyy's \"cafe\"");
/// ```
pub fn fold(s: &str) -> String {
    let stripped: String = s
        .nfkd()
        .filter(|c| canonical_combining_class(*c) == 0)
        .collect();
    stripped
        .to_lowercase()
        .chars()
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            '\u{a0}' => ' ',
            c => c,
        })
        .collect()
}

/// The words of `s` after [`fold`]: runs of `[a-z0-9$]` with an optional `'letters` ending, a
/// final `'s` dropped.
///
/// ```
/// assert_eq!(whosaid::eval::words("Russia’s $5bn don't"), ["russia", "$5bn", "don't"]);
/// ```
pub fn words(s: &str) -> Vec<String> {
    let f = fold(s);
    let b = f.as_bytes();
    let is_w = |c: u8| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'$';
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !is_w(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && is_w(b[i]) {
            i += 1;
        }
        if i + 1 < b.len() && b[i] == b'\'' && b[i + 1].is_ascii_lowercase() {
            i += 1;
            while i < b.len() && b[i].is_ascii_lowercase() {
                i += 1;
            }
        }
        let w = &f[start..i];
        out.push(w.strip_suffix("'s").unwrap_or(w).to_string());
    }
    out
}

/// The words of `s` joined by single spaces.
pub fn norm_text(s: &str) -> String {
    words(s).join(" ")
}

/// A surname with its transliteration ending dropped (`zelenskyy`, `zelenskiy`, `zelensky` →
/// `zelensk`).
pub fn stem_name(w: &str) -> &str {
    for suffix in ["yy", "iy"] {
        if let Some(s) = w.strip_suffix(suffix) {
            return s;
        }
    }
    for suffix in ["y", "i"] {
        if let Some(s) = w.strip_suffix(suffix) {
            return s;
        }
    }
    w
}

/// Python's `\b[A-Z][\w'’.-]*` (Unicode `\w`: letters, digits, underscore).
static CAPITALISED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\p{L}\p{N}_])([A-Z][\p{L}\p{N}_'’.\-]*)").expect("valid regex")
});
/// Python's `\b[A-Z][a-z]+ [A-Z][a-z]+$` searched anywhere.
static TWO_NAMES_AT_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\p{L}\p{N}_])[A-Z][a-z]+ [A-Z][a-z]+\n?\z").expect("valid regex")
});

/// The first word of the last capitalised token before the first comma of `s`
/// (`Russian Foreign Minister Sergey Lavrov, 73` → `lavrov`).
pub fn last_capitalised(s: &str) -> Option<String> {
    let head = s.split(',').next().unwrap_or("");
    let last = CAPITALISED
        .captures_iter(head)
        .filter_map(|c| c.get(1))
        .last()?;
    words(last.as_str()).into_iter().next()
}

/// Returns true if and only if the system speaker `sys_sp` (with countries `sys_co`) is right
/// for the gold speaker `gold`.
///
/// A person: the system speaker holds the gold surname (transliteration endings folded). An
/// organisation (a country name, or a capitalised name holding an organisation word that does
/// not end in two capitalised words): every content word of the gold speaker starts a system
/// word (first six letters), and every nationality it names is the system's too (by a word of its
/// speaker or by its country list).
pub fn speaker_ok(gold: &str, sys_sp: Option<&str>, sys_co: &[String]) -> bool {
    let Some(sys_sp) = sys_sp.filter(|s| !s.is_empty()) else {
        return false;
    };
    let gw: Vec<String> = words(gold)
        .into_iter()
        .filter(|w| !STOP.contains(&w.as_str()))
        .collect();
    let sw: Vec<String> = words(sys_sp)
        .into_iter()
        .filter(|w| !STOP.contains(&w.as_str()))
        .collect();
    let gjoined = gw.join(" ");
    let is_country = COUNTRIES.contains(&gjoined.as_str());
    let first_upper = gold.chars().next().is_some_and(char::is_uppercase);
    let is_org = gw.iter().any(|w| ORG.contains(&w.as_str()))
        && first_upper
        && !TWO_NAMES_AT_END.is_match(gold);
    if is_country || is_org {
        let text = sw.join(" ");
        let mut spk_nats: HashSet<String> = sw
            .iter()
            .filter_map(|w| nat(w))
            .flatten()
            .map(String::from)
            .collect();
        spk_nats.extend(
            COUNTRIES
                .iter()
                .filter(|c| text.contains(*c))
                .map(|c| c.to_string()),
        );
        let mut sys_nats = spk_nats.clone();
        for c in sys_co {
            let fc = fold(c);
            match nat(&fc) {
                Some(cs) => sys_nats.extend(cs.into_iter().map(String::from)),
                None => {
                    sys_nats.insert(fc);
                }
            }
        }
        if is_country {
            return spk_nats.contains(&gjoined);
        }
        for w in &gw {
            let in_org = ORG.contains(&w.as_str());
            match nat(w) {
                Some(cs) if !in_org => {
                    if !cs.iter().any(|c| sys_nats.contains(*c)) {
                        return false;
                    }
                }
                Some(cs) => {
                    if !(sw.contains(w) || cs.iter().any(|c| spk_nats.contains(*c))) {
                        return false;
                    }
                }
                None => {
                    let head = prefix_chars(w, 6);
                    if !sw.iter().any(|s| s.starts_with(head)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }
    let key = last_capitalised(gold).or_else(|| gw.last().cloned());
    match key {
        Some(k) => {
            let k = stem_name(&k);
            sw.iter().any(|w| stem_name(w) == k)
        }
        None => false,
    }
}

/// Python's `round(x, 3)`: the exact binary value rounded half-to-even to three decimals.
fn round3(x: f64) -> f64 {
    // Rust's fixed-precision formatting rounds the exact value, ties to even, as CPython's
    // dtoa does; parsing back gives the same double as Python.
    format!("{x:.3}").parse().unwrap_or(x)
}

/// Returns true if and only if any gold statement names its article with a `doc` field.
pub fn is_multi_article(gold: &[GoldStatement]) -> bool {
    gold.iter().any(|g| g.has_doc_field)
}

/// What scoring counts: required gold statements (`n`), those found, those whose speaker is
/// scored (`attr_n`) and right (`attr`), those found with a gold country (`cfound`) and with a
/// right one (`cok`).
#[derive(Default)]
struct Tally {
    n: usize,
    found: usize,
    attr: usize,
    attr_n: usize,
    cfound: usize,
    cok: usize,
}

impl Tally {
    /// The figures, with `matched` of the `system` statements matching some gold statement.
    fn scores(&self, matched: usize, system: usize) -> Scores {
        let ratio = |a: usize, b: usize| if b > 0 { a as f64 / b as f64 } else { 0.0 };
        let p = ratio(matched, system);
        let r = ratio(self.found, self.n);
        let f1 = if p + r != 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        Scores {
            gold_required: self.n,
            system,
            recall: round3(r),
            precision: round3(p),
            f1: round3(f1),
            attribution: if self.attr_n > 0 {
                round3(self.attr as f64 / self.attr_n as f64)
            } else {
                0.0
            },
            country: (self.cfound > 0).then(|| round3(self.cok as f64 / self.cfound as f64)),
        }
    }
}

/// The system statements of `pool` that a gold statement of normalised text `gn` lies in (or 80%
/// of whose words they hold), shortest first.
fn candidates(
    gn: &str,
    pool: &[usize],
    sys_norm: &HashMap<usize, String>,
    sys_words: &HashMap<usize, HashSet<&str>>,
) -> Vec<usize> {
    let gw: Vec<&str> = gn.split_whitespace().collect();
    let mut cands: Vec<usize> = pool
        .iter()
        .copied()
        .filter(|i| {
            !gn.is_empty()
                && (sys_norm[i].contains(gn) || {
                    let hits = gw.iter().filter(|w| sys_words[i].contains(*w)).count();
                    hits as f64 >= 0.8 * gw.len() as f64
                })
        })
        .collect();
    cands.sort_by_key(|i| sys_norm[i].len());
    cands
}

/// The key under which `doc`'s statements are grouped: the article when the gold covers several,
/// the one empty key otherwise.
fn doc_key(multi: bool, doc: &str) -> String {
    if multi {
        doc.to_string()
    } else {
        String::new()
    }
}

/// The articles of the gold, in first-seen order, with the normalised texts of each one's gold
/// statements.
struct GoldDocs {
    order: Vec<String>,
    norms: HashMap<String, Vec<String>>,
}

impl GoldDocs {
    /// Groups the normalised texts `gold_norm` of `gold` by article.
    fn new(gold: &[GoldStatement], gold_norm: &[String], multi: bool) -> GoldDocs {
        let mut order: Vec<String> = Vec::new();
        let mut seen = HashSet::new();
        let mut norms: HashMap<String, Vec<String>> = HashMap::new();
        for (g, gn) in gold.iter().zip(gold_norm) {
            let d = doc_key(multi, &g.doc);
            if seen.insert(d.clone()) {
                order.push(d.clone());
            }
            norms.entry(d).or_default().push(gn.clone());
        }
        GoldDocs { order, norms }
    }

    /// Returns true if and only if some gold statement of article `d` holds the normalised text
    /// `sn`.
    fn holds(&self, d: &str, sn: &str) -> bool {
        self.norms
            .get(d)
            .is_some_and(|gns| gns.iter().any(|gn| gn.contains(sn)))
    }
}

/// What scoring has counted so far: the system statements matched, the tally, the misses and the
/// (gold, system) pairs found.
#[derive(Default)]
struct Judging {
    matched: HashSet<usize>,
    tally: Tally,
    misses: Vec<Miss>,
    found: Vec<(usize, usize)>,
}

impl Judging {
    /// Counts the required gold statement `g` (number `gi`) against its candidates `cands`,
    /// shortest first.
    fn judge(&mut self, gi: usize, g: &GoldStatement, cands: &[usize], system: &[SystemStatement]) {
        let t = &mut self.tally;
        t.n += 1;
        let Some(&first) = cands.first() else {
            self.misses.push(Miss {
                kind: MissKind::Missed,
                gold: gi,
                got: None,
            });
            return;
        };
        t.found += 1;
        let best = cands.iter().copied().find(|&i| {
            speaker_ok(
                &g.speaker,
                system[i].speaker.as_deref(),
                &system[i].countries,
            )
        });
        if g.named {
            t.attr_n += 1;
            if best.is_some() {
                t.attr += 1;
            } else {
                self.misses.push(Miss {
                    kind: MissKind::WrongSpeaker,
                    gold: gi,
                    got: Some(first),
                });
            }
        }
        let i = best.unwrap_or(first);
        self.found.push((gi, i));
        if !g.countries.is_empty() {
            t.cfound += 1;
            let sys: HashSet<String> = system[i].countries.iter().map(|c| fold(c)).collect();
            if g.countries.iter().any(|c| sys.contains(&fold(c))) {
                t.cok += 1;
            }
        }
    }
}

/// Scores `system` against `gold`, counting only gold statements of `kind` when given.
pub fn score(
    gold: &[GoldStatement],
    system: &[SystemStatement],
    kind: Option<StatementKind>,
) -> Report {
    let multi = is_multi_article(gold);
    let mut by_doc: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, s) in system.iter().enumerate() {
        by_doc.entry(doc_key(multi, &s.doc)).or_default().push(i);
    }
    let gold_norm: Vec<String> = gold.iter().map(|g| norm_text(&g.text)).collect();
    let gold_docs = GoldDocs::new(gold, &gold_norm, multi);
    let empty = Vec::new();
    let sysd_in: Vec<usize> = gold_docs
        .order
        .iter()
        .flat_map(|d| by_doc.get(d).unwrap_or(&empty).iter().copied())
        .collect();
    let sys_norm: HashMap<usize, String> = sysd_in
        .iter()
        .map(|&i| (i, norm_text(&system[i].text)))
        .collect();
    let sys_words: HashMap<usize, HashSet<&str>> = sys_norm
        .iter()
        .map(|(&i, n)| (i, n.split_whitespace().collect()))
        .collect();

    let mut j = Judging::default();
    for (gi, g) in gold.iter().enumerate() {
        let pool = by_doc.get(&doc_key(multi, &g.doc)).unwrap_or(&empty);
        let cands = candidates(&gold_norm[gi], pool, &sys_norm, &sys_words);
        j.matched.extend(cands.iter().copied());
        if g.required && !kind.is_some_and(|k| g.kind != Some(k)) {
            j.judge(gi, g, &cands, system);
        }
    }
    // A system statement of two words or more that lies inside a gold statement matches too.
    for &i in &sysd_in {
        if !j.matched.contains(&i)
            && sys_norm[&i].split_whitespace().count() >= 2
            && gold_docs.holds(&doc_key(multi, &system[i].doc), &sys_norm[&i])
        {
            j.matched.insert(i);
        }
    }
    let scores = j.tally.scores(j.matched.len(), sysd_in.len());
    let unmatched = sysd_in
        .iter()
        .copied()
        .filter(|i| !j.matched.contains(i))
        .collect();
    Report {
        scores,
        misses: j.misses,
        unmatched,
        found: j.found,
    }
}

/// Python truthiness of a JSON value.
fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|x| x != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

/// Python's `os.path.splitext(os.path.basename(p))[0]`.
fn file_stem(p: &str) -> String {
    let base = p.rsplit('/').next().unwrap_or(p);
    match base.rfind('.') {
        Some(dot) if base[..dot].chars().any(|c| c != '.') => base[..dot].to_string(),
        _ => base.to_string(),
    }
}

/// The article a JSON line names: the file stem of its first truthy `doc`, `article` or `path`.
fn doc_of(obj: &serde_json::Map<String, Value>) -> String {
    let v = ["doc", "article", "path"]
        .iter()
        .filter_map(|k| obj.get(*k))
        .find(|v| truthy(v));
    match v {
        None => String::new(),
        Some(Value::String(s)) => file_stem(s),
        Some(other) => file_stem(&other.to_string()),
    }
}

/// A string field: `None` when absent or null, an error when of another type.
fn opt_string(obj: &serde_json::Map<String, Value>, key: &str) -> Result<Option<String>, String> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(format!("field \"{key}\" must be a string, got {other}")),
    }
}

/// A country field: a string, a list of strings, or null. Empty names are dropped.
fn country_list(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) if !s.is_empty() => vec![s.clone()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|c| c.as_str())
            .filter(|c| !c.is_empty())
            .map(String::from)
            .collect(),
        _ => Vec::new(),
    }
}

fn parse_kind(v: Option<&Value>) -> Option<StatementKind> {
    match v.and_then(Value::as_str) {
        Some("direct") => Some(StatementKind::Direct),
        Some("indirect") => Some(StatementKind::Indirect),
        _ => None,
    }
}

/// Parses one gold line (a JSON object).
pub fn parse_gold_line(line: &str) -> Result<GoldStatement, String> {
    let v: Value = serde_json::from_str(line).map_err(|e| format!("invalid JSON: {e}"))?;
    let Value::Object(obj) = v else {
        return Err("a gold line must be a JSON object".into());
    };
    let text = match obj.get("text") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) => String::new(),
        _ => return Err("a gold line needs a \"text\" string".into()),
    };
    let speaker = opt_string(&obj, "speaker")?.unwrap_or_default();
    // The gold country: a list of names; a bare string counts as its characters, as Python
    // iterates it.
    let countries = match obj.get("country") {
        Some(Value::String(s)) => s.chars().map(String::from).collect(),
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|c| c.as_str())
            .map(String::from)
            .collect(),
        _ => Vec::new(),
    };
    Ok(GoldStatement {
        doc: doc_of(&obj),
        has_doc_field: obj.contains_key("doc"),
        text,
        speaker,
        countries,
        kind: parse_kind(obj.get("kind")),
        required: obj.get("required").is_none_or(truthy),
        named: obj.get("named").is_none_or(truthy),
    })
}

/// Parses one system line (a JSON object with `text`, `speaker`, optionally `country`,
/// `construction` and `path`/`article`/`doc`).
pub fn parse_system_line(line: &str) -> Result<SystemStatement, String> {
    let v: Value = serde_json::from_str(line).map_err(|e| format!("invalid JSON: {e}"))?;
    let Value::Object(obj) = v else {
        return Err("a system line must be a JSON object".into());
    };
    Ok(SystemStatement {
        doc: doc_of(&obj),
        text: opt_string(&obj, "text")?.unwrap_or_default(),
        speaker: opt_string(&obj, "speaker")?,
        countries: country_list(obj.get("country")),
        construction: obj
            .get("construction")
            .and_then(Value::as_str)
            .and_then(Construction::from_name),
    })
}

fn read_lines<T>(
    path: &Path,
    parse: impl Fn(&str) -> Result<T, String>,
) -> Result<Vec<T>, EvalError> {
    let text = std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            parse(l).map_err(|message| EvalError::Line {
                path: path.to_path_buf(),
                line: i + 1,
                message,
            })
        })
        .collect()
}

/// Reads a gold JSON Lines file.
pub fn read_gold(path: &Path) -> Result<Vec<GoldStatement>, EvalError> {
    read_lines(path, parse_gold_line)
}

/// Reads a system JSON Lines file (as printed by `whosaid extract --json`).
pub fn read_system(path: &Path) -> Result<Vec<SystemStatement>, EvalError> {
    read_lines(path, parse_system_line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_cases() {
        let cases = [
            ("Zelenskyy", "zelenskyy"),
            ("Café Crème", "cafe creme"),
            ("“Quoted” ‘single’", "\"quoted\" 'single'"),
            ("a\u{a0}b", "a b"),
            ("ﬁne", "fine"),
            ("ΟΔΟΣ", "οδος"),
            ("Łódź", "łodz"),
        ];
        for (input, want) in cases {
            assert_eq!(fold(input), want, "help: fold({input:?})");
        }
    }

    #[test]
    fn words_cases() {
        let cases: &[(&str, &[&str])] = &[
            ("Russia’s troops", &["russia", "troops"]),
            ("don't won’t", &["don't", "won't"]),
            ("U.S. $5bn", &["u", "s", "$5bn"]),
            ("rock'n'roll", &["rock'n", "roll"]),
            ("it's'", &["it"]),
            ("x'", &["x"]),
            ("Naïve 2022", &["naive", "2022"]),
            ("", &[]),
        ];
        for (input, want) in cases {
            assert_eq!(words(input), *want, "help: words({input:?})");
        }
        assert_eq!(norm_text("  Hello,   World! "), "hello world");
    }

    #[test]
    fn stem_name_cases() {
        let cases = [
            ("zelenskyy", "zelensk"),
            ("zelenskiy", "zelensk"),
            ("zelensky", "zelensk"),
            ("zelenski", "zelensk"),
            ("abiyy", "abi"),
            ("lavrov", "lavrov"),
            ("y", ""),
        ];
        for (input, want) in cases {
            assert_eq!(stem_name(input), want, "help: stem_name({input:?})");
        }
    }

    #[test]
    fn last_capitalised_cases() {
        let cases = [
            ("Sergey Lavrov", Some("lavrov")),
            ("Lavrov, Russia's minister", Some("lavrov")),
            ("the president", None),
            ("Mr. Obama", Some("obama")),
            ("ÉTienne", None),
            ("O’Brien", Some("o'brien")),
            ("Jean-Yves Le Drian", Some("drian")),
        ];
        for (input, want) in cases {
            assert_eq!(
                last_capitalised(input).as_deref(),
                want,
                "help: last_capitalised({input:?})"
            );
        }
    }

    #[test]
    fn speaker_ok_cases() {
        let s = |v: &[&str]| v.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        let cases: &[(&str, Option<&str>, Vec<String>, bool)] = &[
            ("Volodymyr Zelenskyy", Some("Zelensky"), s(&[]), true),
            (
                "Volodymyr Zelenskyy",
                Some("President Zelenskiy"),
                s(&[]),
                true,
            ),
            ("Sergey Lavrov", Some("Antony Blinken"), s(&[]), false),
            ("Sergey Lavrov", None, s(&[]), false),
            ("Sergey Lavrov", Some(""), s(&[]), false),
            ("Mr. Obama", Some("Barack Obama"), s(&[]), true),
            ("he", Some("He"), s(&[]), true),
            (
                "Romanian foreign ministry",
                Some("foreign ministry"),
                s(&["Romania"]),
                true,
            ),
            (
                "Romanian foreign ministry",
                Some("foreign ministry"),
                s(&["Russia"]),
                false,
            ),
            (
                "Russian defence ministry",
                Some("Russian Defence Ministry"),
                s(&[]),
                true,
            ),
            (
                "Russian defence ministry",
                Some("Russian Defense Ministry"),
                s(&[]),
                false,
            ),
            ("Kremlin", Some("Kremlin spokesman"), s(&[]), true),
            ("Kremlin", Some("Moscow"), s(&[]), true),
            ("Kremlin", Some("Dmitry Peskov"), s(&["Russia"]), false),
            ("Ukraine", Some("Kyiv"), s(&[]), true),
            ("Ukraine", Some("Ukrainian officials"), s(&[]), true),
            ("Ukraine", Some("officials"), s(&["Ukraine"]), false),
            ("United States", Some("Washington"), s(&[]), true),
            ("United States", Some("the US"), s(&[]), true),
            (
                "Baltic defence ministers",
                Some("defence ministers"),
                s(&["Estonia"]),
                true,
            ),
            ("Iranian state TV", Some("state TV"), s(&["Iran"]), true),
            ("Interfax", Some("Interfax news agency"), s(&[]), true),
            (
                "Ukrainian military intelligence",
                Some("Ukraine's military intelligence"),
                s(&[]),
                true,
            ),
        ];
        for (gold, sys, co, want) in cases {
            assert_eq!(
                speaker_ok(gold, *sys, co),
                *want,
                "help: speaker_ok({gold:?}, {sys:?}, {co:?})"
            );
        }
    }

    #[test]
    fn round3_is_pythons_round() {
        let cases = [
            (0.0625, 0.062),
            (0.1875, 0.188),
            (2.675, 2.675),
            (1.0 / 3.0, 0.333),
            (0.0005, 0.001),
            (1.0, 1.0),
        ];
        for (x, want) in cases {
            assert_eq!(round3(x), want, "help: round3({x})");
        }
    }

    #[test]
    fn file_stem_is_splitext_of_basename() {
        assert_eq!(file_stem("a/b/c.txt"), "c");
        assert_eq!(file_stem("c.tar.gz"), "c.tar");
        assert_eq!(file_stem(".hidden"), ".hidden");
        assert_eq!(file_stem("dir/"), "");
        assert_eq!(file_stem("plain"), "plain");
    }

    #[test]
    fn scores_print_as_python_json() {
        let s = Scores {
            gold_required: 3,
            system: 4,
            recall: 1.0,
            precision: 0.5,
            f1: 0.667,
            attribution: 0.0,
            country: None,
        };
        assert_eq!(
            s.to_string(),
            "{\"gold_required\": 3, \"system\": 4, \"recall\": 1.0, \"precision\": 0.5, \
             \"f1\": 0.667, \"attribution\": 0.0, \"country\": null}"
        );
    }

    fn gold(text: &str, speaker: &str) -> GoldStatement {
        GoldStatement {
            doc: String::new(),
            has_doc_field: false,
            text: text.into(),
            speaker: speaker.into(),
            countries: vec!["Russia".into()],
            kind: Some(StatementKind::Direct),
            required: true,
            named: true,
        }
    }

    fn sys(text: &str, speaker: Option<&str>) -> SystemStatement {
        SystemStatement {
            text: text.into(),
            speaker: speaker.map(String::from),
            countries: vec!["russia".into()],
            ..Default::default()
        }
    }

    #[test]
    fn score_matches_inside_and_by_words() {
        let g = vec![
            gold("We don’t want a war", "Sergey Lavrov"),
            gold("one two three four five", "Sergey Lavrov"),
            gold("never found here", "Antony Blinken"),
        ];
        let s = vec![
            sys("and we don't want a war, he said", Some("Lavrov")),
            sys("one two three four six", Some("Blinken")),
            sys("found here", None),
            sys("something else entirely", None),
        ];
        let r = score(&g, &s, None);
        assert_eq!(r.scores.gold_required, 3);
        assert_eq!(r.scores.system, 4);
        assert_eq!(r.scores.recall, 0.667);
        // 0 and 1 match; 2 lies inside a gold statement; 3 matches nothing.
        assert_eq!(r.scores.precision, 0.75);
        assert_eq!(r.scores.attribution, 0.5);
        assert_eq!(r.scores.country, Some(1.0));
        assert_eq!(r.unmatched, vec![3]);
        assert_eq!(r.misses.len(), 2);
        assert_eq!(r.misses[0].kind, MissKind::WrongSpeaker);
        assert_eq!(r.misses[1].kind, MissKind::Missed);
        let only_indirect = score(&g, &s, Some(StatementKind::Indirect));
        assert_eq!(only_indirect.scores.gold_required, 0);
        assert_eq!(only_indirect.scores.recall, 0.0);
    }

    #[test]
    fn gold_line_parsing() {
        let g = parse_gold_line(
            r#"{"doc": "x/a.txt", "text": "t", "speaker": "S", "required": 0, "country": []}"#,
        )
        .unwrap();
        assert_eq!(g.doc, "a");
        assert!(g.has_doc_field && !g.required && g.named);
        assert!(parse_gold_line("[1]").is_err());
        assert!(parse_gold_line(r#"{"speaker": "S"}"#).is_err());
        let s = parse_system_line(
            r#"{"path": "d/b.txt", "article": "", "text": "t", "speaker": null, "country": "Spain"}"#,
        )
        .unwrap();
        assert_eq!(s.doc, "b");
        assert_eq!(s.countries, ["Spain"]);
        assert_eq!(s.speaker, None);
    }
}
