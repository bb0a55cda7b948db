//! Every word list extraction relies on, from `data/lexicon/` (see its README) and loaded here
//! and nowhere else: speech verbs with their forms, frames and flags (`cues.tsv`), the nouns
//! that make a source (`roles.tsv`: roles, groups, organisations, documents), the function-word
//! classes (determiners, pronouns, auxiliaries, clause words, prepositions, titles, time words)
//! and the named lists the constructions consult ([`Lists`]).
//!
//! The files are embedded at compile time; one table maps a lowercased word to everything known
//! about it, built once per process, so classifying a token is one hash lookup. Knows nothing
//! of articles.

use super::gazetteer::Gender;
use super::hash::{FastMap, WordMap, WordSet};
use std::sync::OnceLock;

/// The text of `data/lexicon/<file>`, embedded at compile time.
macro_rules! data {
    ($file:literal) => {
        include_str!(concat!("../../data/lexicon/", $file))
    };
}

const CUES: &str = data!("cues.tsv");
const ROLES: &str = data!("roles.tsv");
const DETERMINERS: &str = data!("determiners.tsv");
const TITLES: &str = data!("titles.tsv");
const ORG_KINDS: &str = data!("org_kinds.tsv");

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
    /// Its [`verb`] flags.
    pub flags: u8,
}

impl Cue {
    /// Returns true if and only if the verb has any of the [`verb`] `flags`.
    pub fn has(&self, flags: u8) -> bool {
        self.flags & flags != 0
    }
}

/// Speech-verb flags (the last column of `cues.tsv`), as bit flags.
pub mod verb {
    /// `plain`: the present form is a cue with no subject-like word before it.
    pub const PLAIN: u8 = 1;
    /// `noun`: the word is a noun as often as a verb.
    pub const NOUN: u8 = 2;
    /// `infinitive`: `to` after it opens the words said.
    pub const INFINITIVE: u8 = 4;
}

/// The words a speech verb takes after it (the `link=`, `keeps=`, `skips=` flags of `cues.tsv`).
#[derive(Clone, Debug, Default)]
pub struct VerbWords {
    /// Link words between its object and the rest (`called X a ...`: `a`, `an`).
    pub link: Vec<&'static str>,
    /// Prepositions right after it that open the words (`called for ...`).
    pub keeps: Vec<&'static str>,
    /// Prepositions right after it that are skipped (`accused of ...`).
    pub skips: Vec<&'static str>,
    /// Particles of which one must follow it for it to be a cue (`pointed out`); they are
    /// skipped too.
    pub needs: Vec<&'static str>,
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
    /// `the`, `a`, `his`, ... (`determiners.tsv`).
    pub const DET: u32 = 1;
    /// Subject pronouns: `he`, `she`, `they`, `it`, `i`, `we` (`pronouns.txt`).
    pub const PRON: u32 = 2;
    /// Auxiliaries and adverbs that may stand between a subject and its verb
    /// (`auxiliaries.txt`).
    pub const AUX: u32 = 4;
    /// Words that open a clause and so end a subject: `that`, `and`, `when`, ...
    /// (`clause_words.txt`).
    pub const STOP: u32 = 8;
    /// Prepositions that open a phrase after a verb (`said in a statement`)
    /// (`prepositions.txt`).
    pub const PREP: u32 = 16;
    /// Courtesy and office titles abbreviated before names: `Mr.`, `Sen.` (`titles.tsv`).
    pub const TITLE: u32 = 32;
    /// Words that cannot be names though capitalised: days, months, sentence openers
    /// (`not_names.txt`).
    pub const NOT_NAME: u32 = 64;
    /// Time words that may follow a verb (`said Tuesday`) (`time_words.txt`).
    pub const TIME: u32 = 128;
    /// Passive or negating auxiliaries before a verb (`was told`, `did not say`)
    /// (`blockers.txt`).
    pub const BLOCK: u32 = 256;
    /// A word describing a speaker of no particular country (`analysts`, `familiar`).
    pub const UNAFFILIATED: u32 = 512;
    /// A noun of a description that stands for someone unnamed (`official`, `sources`,
    /// `reporter`).
    pub const ANONYMOUS: u32 = 1024;
    /// A document that speaks for one person (`speech`, `interview`).
    pub const PERSONAL_DOC: u32 = 2048;
    /// Prepositions whose object is not the subject of its clause (`about`, `to`): a person
    /// named after one is a weaker antecedent for a pronoun (`oblique_prepositions.txt`).
    pub const OBLIQUE: u32 = 4096;
    /// Auxiliaries that open a question or a command (`Has the press asked ...?`, `Don't
    /// say`) (`question_openers.txt`).
    pub const ASKS: u32 = 8192;
}

/// The one-word-a-line files that make a class of the word table.
const CLASS_FILES: &[(&str, u32)] = &[
    (data!("pronouns.txt"), class::PRON),
    (data!("auxiliaries.txt"), class::AUX),
    (data!("clause_words.txt"), class::STOP),
    (data!("prepositions.txt"), class::PREP),
    (data!("not_names.txt"), class::NOT_NAME),
    (data!("time_words.txt"), class::TIME),
    (data!("blockers.txt"), class::BLOCK),
    (data!("unaffiliated.tsv"), class::UNAFFILIATED),
    (data!("anonymous.tsv"), class::ANONYMOUS),
    (data!("personal_documents.txt"), class::PERSONAL_DOC),
    (data!("oblique_prepositions.txt"), class::OBLIQUE),
    (data!("question_openers.txt"), class::ASKS),
];

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

/// What is known of a word in no list: nothing.
pub static NO_LEX: Lex = Lex {
    class: 0,
    cue: None,
    role: None,
    org: 0,
};

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

/// Declares [`Lists`], one field a file of `data/lexicon/` holding one word a line.
macro_rules! lists {
    ($($(#[$doc:meta])* $field:ident: $file:literal,)*) => {
        /// The named word lists, each a file of `data/lexicon/` (lowercase, one word a line).
        /// Whether a list is matched in any case or as written is the caller's (the README says
        /// which).
        #[derive(Debug, Default)]
        pub struct Lists {
            $($(#[$doc])* pub $field: Vec<&'static str>,)*
            /// The determiners of `determiners.tsv` that are no quantifiers: before them a
            /// speech-verb form is a noun ("the call", "his remarks").
            pub articles: Vec<&'static str>,
        }

        impl Lists {
            fn load() -> Lists {
                Lists {
                    $($field: words(data!($file)).map(|cols| cols[0]).collect(),)*
                    articles: words(DETERMINERS)
                        .filter(|cols| cols.get(1) != Some(&"quantifier"))
                        .map(|cols| cols[0])
                        .collect(),
                }
            }
        }
    };
}

lists! {
    /// Words that keep a final period as an abbreviation (`Jan.`, `Calif.`).
    abbreviations: "abbreviations.txt",
    /// Lowercase particles inside a person's name (`von`, `de`).
    name_particles: "name_particles.txt",
    /// Prepositions between a name and what the person belongs to (`of`, `from`).
    affiliation_prepositions: "affiliation_prepositions.txt",
    /// Role nouns only a woman holds (`spokeswoman`, `wife`).
    female_roles: "female_roles.txt",
    /// Role nouns only a man holds (`businessman`, `husband`).
    male_roles: "male_roles.txt",
    /// Prepositions between a role and the person it serves (`for`, `to`).
    service_prepositions: "service_prepositions.txt",
    /// Nouns whose possessive refers back to a country (`the country's`).
    country_nouns: "country_nouns.txt",
    /// Role modifiers that tell one office from another (`foreign`, `deputy`).
    office_modifiers: "office_modifiers.txt",
    /// Modal verbs (`would`).
    modals: "modals.txt",
    /// Sentence openers skipped before a subject (`But`, `However,`).
    clause_openers: "clause_openers.txt",
    /// Adverbs that open a sentence with a comma of their own (`Moreover,`).
    intro_adverbs: "intro_adverbs.txt",
    /// Words that open an introductory phrase up to its comma (`Back in 1999,`).
    intro_words: "intro_words.txt",
    /// Words that make people of a matter (`briefed on`, `close to`).
    postmodifiers: "postmodifiers.txt",
    /// Prepositions after a postmodifier.
    postmodifier_prepositions: "postmodifier_prepositions.txt",
    /// Prepositions inside a source phrase (`Secretary of State`).
    name_prepositions: "name_prepositions.txt",
    /// Prepositions that never end a source phrase after an inverted verb.
    inverted_name_prepositions: "inverted_name_prepositions.txt",
    /// Prepositions that end a source phrase after an inverted verb unless a name follows.
    place_prepositions: "place_prepositions.txt",
    /// One-word labels that name no speaker (`Analysis:`).
    generic_labels: "generic_labels.txt",
    /// Words after an `according to` source that open a clause of their own.
    according_clause_words: "according_clause_words.txt",
    /// Verbs that report another's words (`quoted`, `cited`).
    quoting_verbs: "quoting_verbs.txt",
    /// Words that open a subordinate clause (`when`, `while`).
    subordinators: "subordinators.txt",
    /// Words after `told` that begin the words said.
    content_openers: "content_openers.txt",
    /// Object pronouns that are an addressee (`told him`).
    addressee_pronouns: "addressee_pronouns.txt",
    /// Prepositions after a verb that open the words said (`said of`, `said that`).
    content_prepositions: "content_prepositions.txt",
    /// Prepositions that open a phrase skipped before a quotation (`wrote to X: "..."`).
    quote_prepositions: "quote_prepositions.txt",
    /// Object pronouns of `called him a ...`.
    object_pronouns: "object_pronouns.txt",
    /// Prepositions that may open a clause with its own subject (`after`, `with`).
    clause_prepositions: "clause_prepositions.txt",
    /// Words a title keeps in lowercase (`of`, `the`).
    title_minor_words: "title_minor_words.txt",
}

/// The non-comment lines of a data file, split into tab-separated columns (at least one).
fn words(data: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    data.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

/// The shared word table.
#[derive(Debug, Default)]
pub struct Lexicon {
    words: WordMap<Lex>,
    /// [`Lists::abbreviations`], as keys.
    abbreviations: WordSet,
    verbs: FastMap<&'static str, VerbWords>,
    genders: Vec<(&'static str, Gender)>,
    /// The named word lists.
    pub lists: Lists,
}

/// One line of `cues.tsv`, read.
struct CueLine {
    lemma: &'static str,
    forms: [(CueForm, &'static str); 4],
    frame: CueFrame,
    flags: u8,
    words: VerbWords,
}

/// Reads one line of `cues.tsv`: lemma, base, present, past and gerund forms, frame, flags.
fn cue_line(cols: &[&'static str]) -> Result<CueLine, String> {
    let [lemma, base, present, past, gerund, frame, flags] = cols[..] else {
        return Err(format!("{} columns, not 7", cols.len()));
    };
    let frame = match frame {
        "say" => CueFrame::Say,
        "tell" => CueFrame::Tell,
        "quote" => CueFrame::Quote,
        other => return Err(format!("unknown frame {other:?}")),
    };
    let mut line = CueLine {
        lemma,
        forms: [
            (CueForm::Base, base),
            (CueForm::Present, present),
            (CueForm::Past, past),
            (CueForm::Gerund, gerund),
        ],
        frame,
        flags: 0,
        words: VerbWords::default(),
    };
    for flag in flags.split(',').filter(|f| *f != "-") {
        let (name, value) = flag.split_once('=').unwrap_or((flag, ""));
        let list = || value.split('|').collect::<Vec<_>>();
        match name {
            "plain" => line.flags |= verb::PLAIN,
            "noun" => line.flags |= verb::NOUN,
            "infinitive" => line.flags |= verb::INFINITIVE,
            "link" => line.words.link = list(),
            "keeps" => line.words.keeps = list(),
            "skips" => line.words.skips = list(),
            "needs" => {
                line.words.needs = list();
                line.words.skips.extend(list());
            }
            other => return Err(format!("unknown flag {other:?}")),
        }
    }
    Ok(line)
}

fn role_kind(kind: &str) -> RoleKind {
    match kind {
        "gov" => RoleKind::Gov,
        "people" => RoleKind::People,
        "org" => RoleKind::Org,
        "doc" => RoleKind::Doc,
        "mod" => RoleKind::Mod,
        _ => RoleKind::Person,
    }
}

/// The longest key of [`Lexicon`]'s tables: every entry is short ASCII.
const KEY_BYTES: usize = 24;

/// The key of `word` in [`Lexicon`]'s tables, folded into `buf`: ASCII lowercased, a curly
/// apostrophe made straight; `None` for a word no entry can be (other chars, or too long),
/// found without allocating.
fn fold_key<'b>(word: &str, buf: &'b mut [u8; KEY_BYTES]) -> Option<&'b [u8]> {
    let bytes = word.as_bytes();
    if bytes.is_ascii() {
        // Most words: lowercase byte by byte, the length known.
        let key = buf.get_mut(..bytes.len())?;
        for (to, b) in key.iter_mut().zip(bytes) {
            *to = b.to_ascii_lowercase();
        }
        return Some(key);
    }
    let mut n = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = match bytes[i..] {
            // ’ and ‘ (E2 80 99, E2 80 98).
            [0xE2, 0x80, 0x98 | 0x99, ..] => {
                i += 3;
                b'\''
            }
            [c, ..] if c.is_ascii() => {
                i += 1;
                c.to_ascii_lowercase()
            }
            _ => return None,
        };
        *buf.get_mut(n)? = b;
        n += 1;
    }
    Some(&buf[..n])
}

impl Lexicon {
    /// The shared table, built on first use.
    pub fn get() -> &'static Lexicon {
        static L: OnceLock<Lexicon> = OnceLock::new();
        L.get_or_init(Lexicon::build)
    }

    fn build() -> Lexicon {
        let mut l = Lexicon {
            lists: Lists::load(),
            ..Lexicon::default()
        };
        l.abbreviations = l
            .lists
            .abbreviations
            .iter()
            .map(|w| w.to_ascii_lowercase().into_bytes().into())
            .collect();
        let mut flag =
            |w: &str, flag: u32| l.words.entry(w.as_bytes().into()).or_default().class |= flag;
        for cols in words(DETERMINERS) {
            flag(cols[0], class::DET);
        }
        for &(file, class) in CLASS_FILES {
            for cols in words(file) {
                flag(cols[0], class);
            }
        }
        for cols in words(TITLES) {
            flag(cols[0], class::TITLE);
            match cols.get(1).copied() {
                Some("male") => l.genders.push((cols[0], Gender::Male)),
                Some("female") => l.genders.push((cols[0], Gender::Female)),
                _ => {}
            }
        }
        // A line that does not read is left out (a test reads every line).
        for line in words(CUES).filter_map(|cols| cue_line(&cols).ok()) {
            for (form, spellings) in line.forms {
                for f in spellings.split('|').filter(|f| *f != "-") {
                    l.words.entry(f.as_bytes().into()).or_default().cue = Some(Cue {
                        lemma: line.lemma,
                        frame: line.frame,
                        form,
                        flags: line.flags,
                    });
                }
            }
            l.verbs.insert(line.lemma, line.words);
        }
        for cols in words(ORG_KINDS) {
            if let [w, kinds] = cols[..] {
                let flags = kinds.split('|').fold(0, |f, k| f | org_kind::parse(k));
                l.words.entry(w.as_bytes().into()).or_default().org |= flags;
            }
        }
        for cols in words(ROLES) {
            if let [w, kind] = cols[..] {
                l.words.entry(w.as_bytes().into()).or_default().role = Some(role_kind(kind));
            }
        }
        l
    }

    /// Everything known about `word` (any case; a possessive `'s` is looked up without it).
    pub fn lookup(&self, word: &str) -> &Lex {
        let mut buf = [0u8; KEY_BYTES];
        fold_key(word, &mut buf)
            .and_then(|k| self.words.get(k))
            .unwrap_or(&NO_LEX)
    }

    /// Returns true if and only if `word` (any case, without its final period) is an
    /// abbreviation that keeps its period (`data/lexicon/abbreviations.txt`).
    pub fn is_abbreviation(&self, word: &str) -> bool {
        let mut buf = [0u8; KEY_BYTES];
        fold_key(word, &mut buf).is_some_and(|k| self.abbreviations.contains(k))
    }

    /// The words the speech verb `lemma` takes after it.
    pub fn verb_words(&self, lemma: &str) -> Option<&VerbWords> {
        self.verbs.get(lemma)
    }

    /// The gender the title `title` (lowercase, without its period) tells, if any.
    pub fn title_gender(&self, title: &str) -> Option<Gender> {
        self.genders
            .iter()
            .find(|(t, _)| *t == title)
            .map(|&(_, g)| g)
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
            (
                "emphasizes",
                Some("emphasise"),
                Some(CueForm::Present),
                None,
                0,
            ),
            ("told", Some("tell"), Some(CueForm::Past), None, 0),
            ("minister", None, None, Some(RoleKind::Gov), 0),
            ("ministry", None, None, Some(RoleKind::Org), 0),
            ("the", None, None, None, class::DET),
            ("several", None, None, None, class::DET),
            ("He", None, None, None, class::PRON),
            ("Mr.", None, None, None, class::TITLE),
            ("lady", None, None, None, class::TITLE),
            ("also", None, None, None, class::AUX | class::STOP),
        ];
        for (w, lemma, form, role, flags) in cases {
            let x = l.lookup(w);
            assert_eq!(x.cue.map(|c| c.lemma), *lemma, "help: cue of {w:?}");
            assert_eq!(x.cue.map(|c| c.form), *form, "help: form of {w:?}");
            assert_eq!(x.role, *role, "help: role of {w:?}");
            assert_eq!(x.class & flags, *flags, "help: class of {w:?}");
        }
    }

    #[test]
    fn every_cue_line_reads() {
        let mut lemmas = Vec::new();
        for cols in words(CUES) {
            let line = cue_line(&cols);
            assert!(
                line.is_ok(),
                "help: cues.tsv line {cols:?}: {:?}",
                line.err()
            );
            lemmas.extend(line.ok().map(|l| l.lemma));
        }
        assert!(lemmas.len() >= 50, "help: {} speech verbs", lemmas.len());
        assert!(cue_line(&["say", "say", "says", "said", "saying", "shout", "-"]).is_err());
        assert!(cue_line(&["say", "say", "says", "said", "saying", "say", "loud"]).is_err());
        assert!(cue_line(&["say", "say", "says"]).is_err());
    }

    #[test]
    fn verb_flags_and_words() {
        let l = Lexicon::get();
        let cue = |w: &str| l.lookup(w).cue;
        assert!(cue("says").is_some_and(|c| c.has(verb::PLAIN)));
        assert!(cue("notes").is_some_and(|c| c.has(verb::NOUN) && !c.has(verb::PLAIN)));
        assert!(cue("vowed").is_some_and(|c| c.has(verb::INFINITIVE)));
        assert!(cue("announced").is_some_and(|c| c.flags == 0));
        let call = l.verb_words("call");
        assert_eq!(call.map(|v| v.link.clone()), Some(vec!["a", "an"]));
        assert_eq!(call.map(|v| v.keeps.clone()), Some(vec!["for", "on"]));
        assert_eq!(
            l.verb_words("accuse").map(|v| v.skips.clone()),
            Some(vec!["of"])
        );
        assert!(l.verb_words("say").is_some_and(|v| v.link.is_empty()));
    }

    #[test]
    fn lists_and_titles() {
        let l = Lexicon::get();
        assert!(l.lists.articles.contains(&"the") && !l.lists.articles.contains(&"several"));
        assert!(l.lists.abbreviations.contains(&"calif"));
        assert!(l.lists.generic_labels.contains(&"analysis"));
        assert_eq!(l.title_gender("mrs"), Some(Gender::Female));
        assert_eq!(l.title_gender("sir"), Some(Gender::Male));
        assert_eq!(l.title_gender("dr"), None);
        // Every list is read: none is empty, and no entry holds white space or a capital.
        for list in [
            &l.lists.abbreviations,
            &l.lists.name_particles,
            &l.lists.office_modifiers,
            &l.lists.clause_openers,
            &l.lists.intro_adverbs,
            &l.lists.object_pronouns,
            &l.lists.quoting_verbs,
        ] {
            assert!(!list.is_empty());
            for w in list.iter() {
                assert!(
                    !w.is_empty() && !w.chars().any(|c| c.is_whitespace() || c.is_uppercase()),
                    "help: entry {w:?}"
                );
            }
        }
    }
}
