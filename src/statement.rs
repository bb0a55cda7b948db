//! Statements: who said what, as found in one article.
//!
//! A [`Statement`] is a byte range of the article text (the words said, for a direct quote the
//! words inside the marks) with its speaker, the speaker's countries, the statement's topics and
//! the cue that introduced it. This module only defines the types; [`crate::extract`] finds them.

use serde::{Deserialize, Serialize};

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

/// Why a statement's speaker is given a country: the evidence behind one country.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CountryEvidence {
    /// The article's own words about the speaker: a nationality, an office, an institution, a
    /// party tag ("(D-Wis.)"), a place in the speaker's description.
    #[serde(rename = "cue")]
    Cue,
    /// A knowledge base of public figures and organisations shipped with whosaid (or given by
    /// the user), matched by full name.
    #[serde(rename = "knowledge base")]
    KnowledgeBase,
    /// The same speaker's country in other articles of the index.
    #[serde(rename = "index")]
    Index,
    /// The home country of the outlet that published the article, for a speaker whose
    /// description names no other country.
    #[serde(rename = "outlet")]
    Outlet,
    /// The country the article itself is about, read from its words (its institutions, places
    /// and offices), for a speaker whose description names no other country, when the outlet is
    /// not known.
    #[serde(rename = "article")]
    Article,
}

impl CountryEvidence {
    /// The name used in JSON output: `cue`, `knowledge base`, `index`, `outlet`, `article`.
    pub fn as_str(self) -> &'static str {
        match self {
            CountryEvidence::Cue => "cue",
            CountryEvidence::KnowledgeBase => "knowledge base",
            CountryEvidence::Index => "index",
            CountryEvidence::Outlet => "outlet",
            CountryEvidence::Article => "article",
        }
    }

    /// Parses [`CountryEvidence::as_str`]'s names.
    pub fn parse(s: &str) -> Option<CountryEvidence> {
        [
            CountryEvidence::Cue,
            CountryEvidence::KnowledgeBase,
            CountryEvidence::Index,
            CountryEvidence::Outlet,
            CountryEvidence::Article,
        ]
        .into_iter()
        .find(|e| e.as_str() == s)
    }
}

/// How a statement's speaker was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerFound {
    /// Named in the statement's own sentence ("..., Sergei Lavrov said").
    Named,
    /// A pronoun resolved to someone named before ("he said").
    Pronoun,
    /// A description resolved to someone named before ("the minister said", "the company
    /// said").
    Role,
    /// Not in the statement's sentence: a quotation with no cue of its own, given to the
    /// speaker of an earlier sentence or paragraph.
    Earlier,
}

impl SpeakerFound {
    /// `named`, `pronoun`, `role` or `earlier`.
    pub fn as_str(self) -> &'static str {
        match self {
            SpeakerFound::Named => "named",
            SpeakerFound::Pronoun => "pronoun",
            SpeakerFound::Role => "role",
            SpeakerFound::Earlier => "earlier",
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
    /// The evidence for each of `countries`, in the same order.
    pub country_evidence: Vec<CountryEvidence>,
    /// How the speaker was found, when there is one.
    pub found: Option<SpeakerFound>,
    /// Topic paths (`economy/sanctions`), most relevant first, at most three.
    pub topics: Vec<String>,
    /// The word that introduced the statement (`said`, `told`, `according to`), when there is one.
    pub cue: Option<String>,
    /// Index of the passage that holds the statement's start.
    pub passage: usize,
}
