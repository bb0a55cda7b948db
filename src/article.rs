//! Articles: the unit of input.
//!
//! An [`Article`] is the text of one news article as read, with its metadata. Everything whosaid
//! derives from an article (passages, statements, index documents) points back into [`Article::text`]
//! by byte offsets, so the text is never altered after it is read.
//!
//! This module knows nothing of files or formats (see [`crate::input`]) nor of the index.

use serde::Serialize;

/// One news article as read.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Article {
    /// A stable identifier: the source's own id where it has one, otherwise derived from where the
    /// article was read (see [`crate::input`]). Re-indexing an article with the same id replaces it.
    pub id: String,
    /// Where the article was read: a file path, with `:LINE` for JSON Lines.
    pub path: String,
    /// The headline.
    pub title: String,
    /// The article text as read. For plain-text files this is the whole body, title line included;
    /// for JSON articles it is the text field alone.
    pub text: String,
    /// Byte range of the title inside `text`, when the title is part of the text (plain-text files).
    pub title_in_text: Option<std::ops::Range<usize>>,
    /// Publication date as `YYYY-MM-DD`, when known.
    pub date: Option<String>,
    /// The outlet, e.g. `Al Jazeera`.
    pub source: Option<String>,
    /// The article's address.
    pub url: Option<String>,
    /// Bylines, as given.
    pub authors: Vec<String>,
    /// The source's own topic label, e.g. AllSides' `terrorism`.
    pub topic: Option<String>,
}

impl Article {
    /// The title, for display: the headline, or the start of the text when there is none.
    pub fn display_title(&self) -> &str {
        if !self.title.trim().is_empty() {
            return self.title.trim();
        }
        let first = self
            .text
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        first.trim()
    }
}

/// Normalises a publication date to `YYYY-MM-DD` (any form [`crate::dates::parse_date`] reads:
/// `2022-01-21T10:00:00Z`, `2022/01/21`, `Jan. 21, 2022`...). Returns `None` when no date can be
/// read, or the date cannot exist.
///
/// ```
/// use whosaid::article::normalize_date;
/// assert_eq!(normalize_date("2022-01-21T10:00:00Z").as_deref(), Some("2022-01-21"));
/// assert_eq!(normalize_date("2016/9/2").as_deref(), Some("2016-09-02"));
/// assert_eq!(normalize_date("January 21, 2022").as_deref(), Some("2022-01-21"));
/// assert_eq!(normalize_date("yesterday"), None);
/// assert_eq!(normalize_date("2022-02-31"), None);
/// ```
pub fn normalize_date(s: &str) -> Option<String> {
    crate::dates::parse_date(s).ok().map(|d| d.to_string())
}
