//! The closed word classes extraction relies on: speech verbs (`data/lexicon/cues.tsv`), the
//! nouns that make a source (`data/lexicon/roles.tsv`: roles, groups, organisations, documents)
//! and a few function-word classes (determiners, pronouns, auxiliaries, clause openers).
//!
//! One table maps a lowercased word to everything known about it, built once per process, so
//! classifying a token is one hash lookup. Knows nothing of articles.

use super::hash::FastMap;
use std::sync::OnceLock;

const CUES: &str = include_str!("../../data/lexicon/cues.tsv");
const ROLES: &str = include_str!("../../data/lexicon/roles.tsv");
const UNAFFILIATED: &str = include_str!("../../data/lexicon/unaffiliated.tsv");
const ORG_KINDS: &str = include_str!("../../data/lexicon/org_kinds.tsv");
const ANONYMOUS: &str = include_str!("../../data/lexicon/anonymous.tsv");

/// How a speech verb takes its content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CueFrame {
    /// The content follows the verb (`said (that) ...`).
    Say,
    /// An addressee may come first (`told reporters (that) ...`).
    Tell,
    /// Only a quotation, or `for`/`on` and what follows (`called for ...`, `called it "..."`).
    Quote,
}

/// The inflection of a speech verb, as far as it matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CueForm {
    /// `say`.
    Base,
    /// `says`.
    Present,
    /// `said`.
    Past,
    /// `saying`.
    Gerund,
}

/// A speech verb form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cue {
    /// Its lemma (`say`).
    pub lemma: &'static str,
    /// How it takes its content.
    pub frame: CueFrame,
    /// Its form.
    pub form: CueForm,
}

/// What a source noun is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoleKind {
    /// A role held by one person (`correspondent`).
    Person,
    /// A government office (`minister`): its holder has a country.
    Gov,
    /// A group of people (`officials`).
    People,
    /// An organisation's head noun (`ministry`).
    Org,
    /// A document that speaks for its author (`statement`).
    Doc,
    /// A word that qualifies a role (`Foreign`, `Deputy`).
    Mod,
}

/// Function-word classes, as bit flags.
pub mod class {
    /// `the`, `a`, `his`, ...
    pub const DET: u32 = 1;
    /// Subject pronouns: `he`, `she`, `they`, `it`, `i`, `we`.
    pub const PRON: u32 = 2;
    /// Auxiliaries and adverbs that may stand between a subject and its verb.
    pub const AUX: u32 = 4;
    /// Words that open a clause and so end a subject: `that`, `and`, `when`, ...
    pub const STOP: u32 = 8;
    /// Prepositions that open a phrase after a verb (`said in a statement`).
    pub const PREP: u32 = 16;
    /// Courtesy and office titles abbreviated before names: `Mr.`, `Sen.`.
    pub const TITLE: u32 = 32;
    /// Words that cannot be names though capitalised: days, months, sentence openers.
    pub const NOT_NAME: u32 = 64;
    /// Time words that may follow a verb (`said Tuesday`).
    pub const TIME: u32 = 128;
    /// Passive or negating auxiliaries before a verb (`was told`, `did not say`).
    pub const BLOCK: u32 = 256;
    /// A word describing a speaker of no particular country (`analysts`, `familiar`).
    pub const UNAFFILIATED: u32 = 512;
    /// A noun of a description that stands for someone unnamed (`official`, `sources`,
    /// `reporter`).
    pub const ANONYMOUS: u32 = 1024;
}

/// Everything known about one word.
#[derive(Clone, Copy, Debug, Default)]
pub struct Lex {
    /// [`class`] flags.
    pub class: u32,
    /// Its speech-verb reading.
    pub cue: Option<Cue>,
    /// Its source-noun reading.
    pub role: Option<RoleKind>,
    /// The kinds of organisation it names as a head noun ([`org_kind`] flags; 0 for none).
    pub org: u8,
}

/// Kinds of organisation, as bit flags (`data/lexicon/org_kinds.tsv`).
pub mod org_kind {
    /// A business.
    pub const COMPANY: u8 = 1;
    /// A newspaper, broadcaster or news agency.
    pub const MEDIA: u8 = 2;
    /// A public body.
    pub const GOVERNMENT: u8 = 4;
    /// A party, caucus or campaign.
    pub const POLITICAL: u8 = 8;
    /// A charity, union, institute or association.
    pub const CIVIL: u8 = 16;
    /// A sports club or team.
    pub const SPORT: u8 = 32;

    /// The flag of a kind's name in the data file.
    pub fn parse(name: &str) -> u8 {
        match name.trim() {
            "company" => COMPANY,
            "media" => MEDIA,
            "government" => GOVERNMENT,
            "political" => POLITICAL,
            "civil" => CIVIL,
            "sport" => SPORT,
            _ => 0,
        }
    }
}

const DET: &[&str] = &[
    "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "that", "these",
    "those", "another", "some", "one", "two", "three", "several", "many", "other", "both",
];
const PRON: &[&str] = &["he", "she", "they", "it", "i", "we", "you"];
const AUX: &[&str] = &[
    "has",
    "have",
    "had",
    "also",
    "later",
    "then",
    "again",
    "would",
    "will",
    "could",
    "may",
    "might",
    "repeatedly",
    "previously",
    "recently",
    "once",
    "just",
    "already",
    "now",
    "earlier",
    "reportedly",
    "further",
    "initially",
    "subsequently",
    "first",
    "often",
    "frequently",
    "still",
    "since",
    "even",
    "simply",
    "finally",
    "privately",
    "publicly",
    "flatly",
    "separately",
    "similarly",
    "quickly",
    "never",
    "always",
    "long",
    "had",
    "'s",
    "’s",
    "did",
    "does",
    "do",
    "to",
    "can",
    "should",
    "must",
    "shall",
];
const STOP: &[&str] = &[
    "that", "which", "who", "whom", "whose", "and", "but", "or", "nor", "after", "before", "when",
    "while", "as", "because", "if", "since", "though", "although", "where", "so", "than", "what",
    "whether", "until", "unless", "once", "why", "how", "yet", "whereas", "is", "are", "was",
    "were", "be", "been", "not", "to", "by", "with", "about", "for", "on", "at", "into", "over",
    "also", "even", "just", "only",
];
const PREP: &[&str] = &[
    "in",
    "on",
    "at",
    "during",
    "to",
    "from",
    "after",
    "before",
    "via",
    "with",
    "through",
    "upon",
    "by",
    "following",
    "ahead",
    "outside",
    "inside",
    "into",
    "of",
    "about",
    "under",
    "without",
];
const TITLE: &[&str] = &[
    "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "capt", "sgt", "prof", "rev",
    "pres", "adm", "maj", "sir", "lord", "lady", "dame", "mr.", "mrs.", "ms.", "dr.", "sen.",
    "rep.", "gov.", "gen.", "lt.", "col.", "capt.", "sgt.", "prof.", "rev.", "pres.", "adm.",
    "maj.", "del.", "amb.", "cmdr.", "supt.", "insp.", "det.", "fr.", "hon.",
];
const NOT_NAME: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "but",
    "and",
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "as",
    "if",
    "when",
    "while",
    "after",
    "before",
    "this",
    "that",
    "these",
    "those",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "his",
    "her",
    "their",
    "its",
    "our",
    "there",
    "here",
    "so",
    "yet",
    "still",
    "however",
    "meanwhile",
    "asked",
    "according",
    "speaking",
    "earlier",
    "later",
    "last",
    "today",
    "yesterday",
    "tomorrow",
    "read",
    "more",
    "source",
    "for",
    "with",
    "by",
    "from",
    "of",
    "to",
    "what",
    "why",
    "how",
    "who",
    "where",
    "which",
    "one",
    "some",
    "all",
    "no",
    "not",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sen",
    "rep",
    "gov",
    "said",
    "says",
    "told",
    "added",
];
const TIME: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "yesterday",
    "tonight",
    "recently",
    "earlier",
    "later",
    "last",
    "this",
    "next",
    "week",
    "month",
    "year",
    "morning",
    "afternoon",
    "evening",
    "night",
    "day",
    "weekend",
];
const BLOCK: &[&str] = &[
    "was", "were", "been", "being", "be", "is", "are", "not", "never", "n't", "declined",
    "refused", "wouldn't", "didn't", "won't", "cannot", "can't", "unable",
];

/// The shared word table.
#[derive(Debug, Default)]
pub struct Lexicon {
    words: FastMap<String, Lex>,
}

impl Lexicon {
    /// The shared table, built on first use.
    pub fn get() -> &'static Lexicon {
        static L: OnceLock<Lexicon> = OnceLock::new();
        L.get_or_init(Lexicon::build)
    }

    fn build() -> Lexicon {
        let mut l = Lexicon::default();
        for (list, flag) in [
            (DET, class::DET),
            (PRON, class::PRON),
            (AUX, class::AUX),
            (STOP, class::STOP),
            (PREP, class::PREP),
            (TITLE, class::TITLE),
            (NOT_NAME, class::NOT_NAME),
            (TIME, class::TIME),
            (BLOCK, class::BLOCK),
        ] {
            for w in list {
                l.words.entry(w.to_string()).or_default().class |= flag;
            }
        }
        for (list, flag) in [
            (UNAFFILIATED, class::UNAFFILIATED),
            (ANONYMOUS, class::ANONYMOUS),
        ] {
            for w in list
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
            {
                l.words.entry(w.to_string()).or_default().class |= flag;
            }
        }
        for line in ORG_KINDS.lines().filter(|l| !l.starts_with('#')) {
            let [w, kinds] = line.split('\t').collect::<Vec<_>>()[..] else {
                continue;
            };
            let flags = kinds.split('|').fold(0, |f, k| f | org_kind::parse(k));
            l.words.entry(w.trim().to_string()).or_default().org |= flags;
        }
        for line in CUES.lines().filter(|l| !l.starts_with('#')) {
            let cols: Vec<&'static str> = line.split('\t').collect();
            let [lemma, forms, frame, ..] = cols[..] else {
                continue;
            };
            let frame = match frame.trim() {
                "tell" => CueFrame::Tell,
                "quote" => CueFrame::Quote,
                _ => CueFrame::Say,
            };
            for f in forms.split('|') {
                let form = if f.ends_with("ing") {
                    CueForm::Gerund
                } else if f == "says" || f.ends_with('s') && !f.ends_with("ss") {
                    CueForm::Present
                } else if f.ends_with("ed")
                    || matches!(f, "said" | "told" | "wrote" | "described" | "posted")
                {
                    CueForm::Past
                } else {
                    CueForm::Base
                };
                l.words.entry(f.to_string()).or_default().cue = Some(Cue { lemma, frame, form });
            }
        }
        for line in ROLES.lines().filter(|l| !l.starts_with('#')) {
            let [w, kind] = line.split('\t').collect::<Vec<_>>()[..] else {
                continue;
            };
            let kind = match kind.trim() {
                "gov" => RoleKind::Gov,
                "people" => RoleKind::People,
                "org" => RoleKind::Org,
                "doc" => RoleKind::Doc,
                "mod" => RoleKind::Mod,
                _ => RoleKind::Person,
            };
            l.words.entry(w.to_string()).or_default().role = Some(kind);
        }
        l
    }

    /// Everything known about `word` (any case; a possessive `'s` is looked up without it).
    pub fn lookup(&self, word: &str) -> Lex {
        // Every entry is short ASCII: lowercase into a buffer (a curly apostrophe made straight)
        // and give up on anything else without allocating.
        let mut buf = [0u8; 24];
        let mut n = 0;
        for c in word.chars() {
            let b = match c {
                '’' | '‘' => b'\'',
                c if c.is_ascii() => c.to_ascii_lowercase() as u8,
                _ => return Lex::default(),
            };
            let Some(slot) = buf.get_mut(n) else {
                return Lex::default();
            };
            *slot = b;
            n += 1;
        }
        let lower = std::str::from_utf8(&buf[..n]).unwrap_or("");
        self.words.get(lower).copied().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::type_complexity)]
    fn words_are_classified() {
        let l = Lexicon::get();
        let cases: &[(&str, Option<&str>, Option<CueForm>, Option<RoleKind>, u32)] = &[
            ("said", Some("say"), Some(CueForm::Past), None, 0),
            ("Says", Some("say"), Some(CueForm::Present), None, 0),
            ("telling", Some("tell"), Some(CueForm::Gerund), None, 0),
            ("stressed", Some("stress"), Some(CueForm::Past), None, 0),
            ("minister", None, None, Some(RoleKind::Gov), 0),
            ("ministry", None, None, Some(RoleKind::Org), 0),
            ("the", None, None, None, class::DET),
            ("He", None, None, None, class::PRON),
            ("Mr.", None, None, None, class::TITLE),
        ];
        for (w, lemma, form, role, flags) in cases {
            let x = l.lookup(w);
            assert_eq!(x.cue.map(|c| c.lemma), *lemma, "help: cue of {w:?}");
            assert_eq!(x.cue.map(|c| c.form), *form, "help: form of {w:?}");
            assert_eq!(x.role, *role, "help: role of {w:?}");
            assert_eq!(x.class & flags, *flags, "help: class of {w:?}");
        }
    }
}
