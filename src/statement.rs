//! Statements: who said what, as found in one article.
//!
//! A [`Statement`] is a byte range of the article text (the words said, for a direct quote the
//! words inside the marks) with its speaker, the speaker's countries, the statement's topics and
//! the cue that introduced it. This module only defines the types; [`crate::extract`] finds them.

use serde::Serialize;

/// Direct (quoted words) or indirect (reported speech).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StatementKind {
    /// Words inside quotation marks.
    Direct,
    /// Reported speech: `X said (that) ...`.
    Indirect,
}

impl StatementKind {
    /// `direct` or `indirect`.
    pub fn as_str(self) -> &'static str {
        match self {
            StatementKind::Direct => "direct",
            StatementKind::Indirect => "indirect",
        }
    }
}

/// One statement found in an article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Statement {
    /// First byte of the words said, in the article text.
    pub start: usize,
    /// One past their last byte.
    pub end: usize,
    /// Direct or indirect.
    pub kind: StatementKind,
    /// The canonical speaker: a person's full name or an organisation, when one was found.
    pub speaker: Option<String>,
    /// The speaker's role as written (`Russian Foreign Minister`), when given.
    pub role: Option<String>,
    /// Every way the article names the speaker (`Sergey Lavrov`, `Lavrov`, `the minister`).
    pub aliases: Vec<String>,
    /// The speaker's countries, as canonical country names (`Russia`, `United States`).
    pub countries: Vec<String>,
    /// Topic paths (`economy/sanctions`), most relevant first, at most three.
    pub topics: Vec<String>,
    /// The word that introduced the statement (`said`, `told`, `according to`), when there is one.
    pub cue: Option<String>,
    /// Index of the passage that holds the statement's start.
    pub passage: usize,
}
