//! The types the modules of the index share: what a query asks ([`Filters`], [`KindFilter`]),
//! what it answers ([`Hit`], [`DocKind`], [`CountryOf`], [`Paragraph`], [`FacetCount`]), the
//! [`Choice`] a user names by word, and the bounds every query command keeps.
//!
//! A leaf: it imports no other module of the index but its error type, so that every module of
//! the index can use it and none of them need use each other for their types.

use serde::Serialize;

use super::{IndexError, Result};
use crate::dates::{bound, DateError, End, YEARS};

/// The most hits one search returns: a larger [`crate::index::search::Request::limit`] is taken
/// as this, so that nothing is allocated in proportion to a number a user gives.
pub const MAX_LIMIT: usize = 10_000;

/// The snippet length in characters when none is asked for.
pub const DEFAULT_SNIPPET_CHARS: usize = 200;

/// The shortest snippet, in characters: a shorter length asked for is taken as this.
pub const MIN_SNIPPET_CHARS: usize = 20;

/// A closed set of values a user names by a word (`--by speaker`, `field=topic`): the flags of the
/// binary and the parameters of `whosaid serve` read them with it.
pub trait Choice: Sized + Copy + 'static {
    /// Every value, in the order they are listed to a user.
    const ALL: &'static [Self];

    /// The word that names the value.
    fn name(self) -> &'static str;

    /// The value a word names, in any ASCII case.
    fn from_name(word: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .copied()
            .find(|v| v.name().eq_ignore_ascii_case(word))
    }
}

/// What a document of the index is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DocKind {
    /// A direct quotation.
    Direct,
    /// Reported speech.
    Indirect,
    /// A paragraph or another passage of an article.
    Passage,
    /// The one document per article holding its headline and address.
    Article,
}

impl DocKind {
    /// `direct`, `indirect`, `passage` or `article`: the word the index stores.
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Direct => "direct",
            DocKind::Indirect => "indirect",
            DocKind::Passage => "passage",
            DocKind::Article => "article",
        }
    }

    /// The kind the index stored as `word`; a document without a statement's or an article's
    /// kind is a passage.
    pub fn from_stored(word: &str) -> DocKind {
        match word {
            "direct" => DocKind::Direct,
            "indirect" => DocKind::Indirect,
            "article" => DocKind::Article,
            _ => DocKind::Passage,
        }
    }

    /// Returns true if and only if the document is a passage.
    pub fn is_passage(self) -> bool {
        self == DocKind::Passage
    }
}

impl std::fmt::Display for DocKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which documents to return.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum KindFilter {
    /// Direct quotations.
    Direct,
    /// Reported speech.
    Indirect,
    /// Any statement (direct or indirect).
    Statement,
    /// Paragraphs and other passages.
    Passage,
    /// One document per article holding its headline and address (for `title:` queries).
    Article,
}

impl Choice for KindFilter {
    const ALL: &'static [KindFilter] = &[
        KindFilter::Direct,
        KindFilter::Indirect,
        KindFilter::Statement,
        KindFilter::Passage,
        KindFilter::Article,
    ];

    fn name(self) -> &'static str {
        match self {
            KindFilter::Direct => "direct",
            KindFilter::Indirect => "indirect",
            KindFilter::Statement => "statement",
            KindFilter::Passage => "passage",
            KindFilter::Article => "article",
        }
    }
}

/// One country of a speaker and the evidence for it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CountryOf {
    /// The country.
    pub country: String,
    /// `cue`, `knowledge base`, `index`, `outlet` or `article`.
    pub evidence: String,
}

/// Filters shared by every query command.
#[derive(Clone, Debug, Default)]
pub struct Filters {
    /// Speaker: a surname or any alias seen.
    pub speaker: Option<String>,
    /// Speaker's country.
    pub country: Option<String>,
    /// Topic: a path (`economy/sanctions`), a top level (`economy`) or a leaf (`sanctions`).
    pub topic: Option<String>,
    /// Document kind.
    pub kind: Option<KindFilter>,
    /// Outlet (case-insensitive substring).
    pub source: Option<String>,
    /// First day, inclusive: `YYYY` (from its first day), `YYYY-MM` or `YYYY-MM-DD`.
    pub since: Option<String>,
    /// Last day, inclusive: `YYYY` (to its last day), `YYYY-MM` or `YYYY-MM-DD`.
    pub until: Option<String>,
    /// Only statements whose speaker is named in their own sentence (not a pronoun, a role
    /// noun or an earlier paragraph's speaker).
    pub named_only: bool,
}

impl Filters {
    /// The first and last days of `since` and `until` (`YYYY`, `YYYY-MM`, `YYYY-MM-DD` or any
    /// publication date form), or an error naming the flag.
    pub fn days(&self) -> Result<(Option<jiff::civil::Date>, Option<jiff::civil::Date>)> {
        let day = |s: &Option<String>, flag: &str, end: End| -> Result<_> {
            s.as_deref()
                .map(|s| {
                    bound(s, end).map_err(|e| {
                        let why = match e {
                            DateError::Impossible => "is not a day of the calendar",
                            DateError::Unreadable => "is not a date",
                        };
                        IndexError::Filter(format!(
                            "{flag} '{s}' {why}: use YYYY, YYYY-MM or YYYY-MM-DD (years {} to {})",
                            YEARS.start(),
                            YEARS.end()
                        ))
                    })
                })
                .transpose()
        };
        Ok((
            day(&self.since, "--since", End::First)?,
            day(&self.until, "--until", End::Last)?,
        ))
    }
}

/// One ranked result.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Hit {
    /// The hit's id, `ARTICLE:START-END`: `whosaid show ID` prints it in its article.
    pub id: String,
    /// 1-based rank.
    pub rank: usize,
    /// Ranking score (BM25, statements boosted).
    pub score: f32,
    /// `direct`, `indirect` or `passage`.
    pub kind: DocKind,
    /// The statement's words or the passage's text.
    pub text: String,
    /// The canonical speaker.
    pub speaker: Option<String>,
    /// Every name the article used for the speaker.
    pub aliases: Vec<String>,
    /// The speaker's role as written.
    pub role: Option<String>,
    /// The speaker's countries.
    pub country: Vec<String>,
    /// Each country with its evidence (`cue`, `knowledge base`, `index`, `outlet`,
    /// `article`).
    pub country_evidence: Vec<CountryOf>,
    /// How the speaker was found: `named` (in the statement's own sentence), `pronoun`,
    /// `role` or `earlier`.
    pub found: Option<String>,
    /// Topic paths.
    pub topics: Vec<String>,
    /// The cue word.
    pub cue: Option<String>,
    /// Article id.
    pub article: String,
    /// Article headline.
    pub title: String,
    /// Live-blog entry headline.
    pub entry: Option<String>,
    /// Outlet.
    pub source: Option<String>,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Article address.
    pub url: Option<String>,
    /// Where the article was read.
    pub path: String,
    /// Byte range of `text` in the article.
    pub start: u64,
    /// End of that range.
    pub end: u64,
    /// A fragment of `text` around the matched words.
    pub snippet: String,
    /// Byte offset of `snippet` in `text`.
    pub snippet_start: usize,
    /// Byte ranges of the matched words in `snippet`.
    pub highlights: Vec<[usize; 2]>,
    /// The same ranges as byte offsets in the article text.
    pub article_highlights: Vec<[u64; 2]>,
    /// The statement's cluster: statements with the same words share it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster: Option<u64>,
    /// With `collapse`: how many other articles hold the same statement.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub also_in: Option<u64>,
    /// When asked for (`Searcher::context`): the statement in its paragraph, with sentences
    /// of context.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context: Option<Vec<Paragraph>>,
}

/// One paragraph of context.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Paragraph {
    /// Byte offset of `text` in the article.
    pub start: u64,
    /// The sentences shown.
    pub text: String,
    /// Byte ranges of the statement in `text`.
    pub highlights: Vec<[usize; 2]>,
}

/// One facet value and its count.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct FacetCount {
    /// The value's path without the root (`economy/sanctions`).
    pub value: String,
    /// Matching documents.
    pub count: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_written_as_the_index_stores_them() {
        for k in [
            DocKind::Direct,
            DocKind::Indirect,
            DocKind::Passage,
            DocKind::Article,
        ] {
            assert_eq!(DocKind::from_stored(k.as_str()), k);
            assert_eq!(
                serde_json::to_string(&k).unwrap(),
                format!("\"{}\"", k.as_str())
            );
        }
    }

    #[test]
    fn choices_are_named_in_any_case() {
        assert_eq!(
            KindFilter::from_name("Statement"),
            Some(KindFilter::Statement)
        );
        assert_eq!(KindFilter::from_name("quote"), None);
    }
}
