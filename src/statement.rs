//! Statements: who said what, as found in one article.
//!
//! A [`Statement`] is a byte range of the article text (the words said, for a direct quote the
//! words inside the marks) with its speaker, the speaker's countries, the statement's topics and
//! the cue that introduced it, and the construction that found it. This module only defines the
//! types; [`crate::extract`] finds them.

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

/// The construction that found a statement: which rule of extraction read it. Each has a stable
/// lowercase name ([`Construction::as_str`]), printed by `extract --json` and used by `eval` to
/// count found statements by construction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Construction {
    /// Subject, speech verb, then the words: "The minister said (that) ...", "He told reporters
    /// ...".
    VerbAfter,
    /// The words, then subject and verb: "..., the minister said", "“...,” she said".
    VerbBefore,
    /// The verb before its subject: "..., said Mr. Smith", "Said Ortiz: “...”".
    VerbInverted,
    /// Subject and verb inside the words: "The economy, she said, would recover".
    VerbParenthetical,
    /// A gerund after a clause: "..., saying ...".
    VerbGerund,
    /// A verb that takes a quotation or a complement: "called for ...", "called X a “...”",
    /// "described X as ...".
    Called,
    /// "according to X".
    AccordingTo,
    /// "quoted X as saying".
    QuotedAs,
    /// A headline's label: "Name: words", "words: Name".
    HeadlineLabel,
    /// A body paragraph that opens with "Name:" (an interview, a transcript).
    NameLabel,
    /// A quotation split by its attribution, or followed by one with no cue of its own: "“...,”
    /// she said. “...”".
    SplitQuote,
    /// A quotation with no cue that continues the previous speaker's words.
    Continuation,
    /// A quotation introduced by a cue that ends the passage before with a colon ("Cruz said:").
    ColonIntroduced,
}

impl Construction {
    /// Every construction, in the order above.
    pub const ALL: [Construction; 13] = [
        Construction::VerbAfter,
        Construction::VerbBefore,
        Construction::VerbInverted,
        Construction::VerbParenthetical,
        Construction::VerbGerund,
        Construction::Called,
        Construction::AccordingTo,
        Construction::QuotedAs,
        Construction::HeadlineLabel,
        Construction::NameLabel,
        Construction::SplitQuote,
        Construction::Continuation,
        Construction::ColonIntroduced,
    ];

    /// The stable lowercase name: `verb-after`, `according-to`, ...
    pub fn as_str(self) -> &'static str {
        match self {
            Construction::VerbAfter => "verb-after",
            Construction::VerbBefore => "verb-before",
            Construction::VerbInverted => "verb-inverted",
            Construction::VerbParenthetical => "verb-parenthetical",
            Construction::VerbGerund => "verb-gerund",
            Construction::Called => "called",
            Construction::AccordingTo => "according-to",
            Construction::QuotedAs => "quoted-as",
            Construction::HeadlineLabel => "headline-label",
            Construction::NameLabel => "name-label",
            Construction::SplitQuote => "split-quote",
            Construction::Continuation => "continuation",
            Construction::ColonIntroduced => "colon-introduced",
        }
    }

    /// The construction named `name` ([`Construction::as_str`]).
    pub fn from_name(name: &str) -> Option<Construction> {
        Construction::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

impl Serialize for Construction {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
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
    /// The construction that found it.
    pub construction: Construction,
    /// Index of the passage that holds the statement's start.
    pub passage: usize,
}

#[cfg(test)]
mod tests {
    use super::Construction;

    #[test]
    fn construction_names_are_stable_and_distinct() {
        let names: Vec<&str> = Construction::ALL.iter().map(|c| c.as_str()).collect();
        for (i, n) in names.iter().enumerate() {
            assert!(!names[..i].contains(n), "help: {n} twice");
            assert!(n.chars().all(|c| c.is_ascii_lowercase() || c == '-'));
            assert_eq!(Construction::from_name(n), Some(Construction::ALL[i]));
        }
        assert_eq!(Construction::VerbAfter.as_str(), "verb-after");
        assert_eq!(Construction::AccordingTo.as_str(), "according-to");
        assert_eq!(Construction::from_name("said"), None);
        assert_eq!(
            serde_json::to_string(&Construction::QuotedAs)
                .ok()
                .as_deref(),
            Some("\"quoted-as\"")
        );
    }
}
