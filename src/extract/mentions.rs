//! Mentions: what a source phrase names. A phrase such as "Russian Foreign Minister Sergei
//! Lavrov", "Lavrov", "the minister", "she", "Romania's foreign ministry" or "the statement" is
//! read into a [`Mention`]: a person's name with the role and countries written with it, a
//! pronoun, a description by role, or an organisation.
//!
//! Works on tokens of one phrase; resolving a mention to an earlier one is [`super::coref`]'s.

use super::gazetteer::{Gazetteer, Gender, Place, PlaceKind};
use super::lexicon::{class, Lexicon, RoleKind};
use super::tokens::{Kind, Token};

/// A pronoun's reading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pronoun {
    /// he
    He,
    /// she
    She,
    /// it
    It,
    /// they
    They,
    /// I, we, you: the writer or the reader.
    Writer,
}

impl Pronoun {
    /// The gender `he` and `she` give their antecedent.
    pub fn gender(self) -> Option<Gender> {
        match self {
            Pronoun::He => Some(Gender::Male),
            Pronoun::She => Some(Gender::Female),
            _ => None,
        }
    }
}

/// What a source phrase names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mention {
    /// A person by name (`Sergei Lavrov`, `Lavrov`).
    Person(Named),
    /// A pronoun.
    Pronoun(Pronoun),
    /// A person described by role (`the Russian foreign minister`).
    Role(Described),
    /// A group of people (`their defence ministers`, `officials`).
    People(Described),
    /// An organisation or a place acting as one (`Romania's foreign ministry`, `Moscow`).
    Org(Described),
    /// A document standing for its author (`the statement`).
    Document(Described),
}

/// A person named in a phrase.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Named {
    /// The name as written, words joined by single spaces (`Sergei Lavrov`).
    pub name: String,
    /// The role written with it (`Russian Foreign Minister`).
    pub role: Option<String>,
    /// Returns true when the role is a government office.
    pub gov: bool,
    /// Countries the phrase gives the person.
    pub countries: Vec<&'static str>,
    /// Gender as told by a first name or a title.
    pub gender: Option<Gender>,
}

/// A description: a role, a group or an organisation.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Described {
    /// The phrase as written, without a leading article (`Romania's foreign ministry`).
    pub text: String,
    /// The head noun, lowercased (`ministry`).
    pub head: String,
    /// Qualifying words before the head, lowercased (`foreign`).
    pub mods: Vec<String>,
    /// Countries the phrase names.
    pub countries: Vec<&'static str>,
    /// The owner is a possessive pronoun or "the country's": its countries come from context.
    pub owner_pronoun: Option<OwnerRef>,
    /// The phrase without its article or pronoun owner (`defence ministers`).
    pub bare: String,
    /// Returns true when the head is a government office.
    pub gov: bool,
    /// The phrase opens with "a" or "an": somebody not met before ("a committee of MPs").
    pub indefinite: bool,
}

/// A possessive whose referent is in the context.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OwnerRef {
    /// `its`, `the country's`.
    Singular,
    /// `their`.
    Plural,
}

fn lower(s: &str) -> String {
    super::gazetteer::fold(s)
}

/// Returns true if and only if `t` can be part of a person's name: the answer worked out when
/// `t` was tokenized from `text` (with the one gazetteer, `g`), [`Token::name`].
pub fn is_name_word(_text: &str, t: &Token, _g: &Gazetteer) -> bool {
    t.name
}

/// Returns true if and only if `toks[i]` can be part of a person's name here: a name word, or a
/// role word used as a surname after a first name or a courtesy title ("Larry King",
/// "Mr. King"). The gazetteer's answers were kept in the tokens of `text` when tokenizing, so
/// neither `text` nor `g` is looked at again.
pub fn is_name_at(_text: &str, toks: &[Token], i: usize, _g: &Gazetteer) -> bool {
    let Some(t) = toks.get(i) else {
        return false;
    };
    if t.name {
        return true;
    }
    let surname_role = t.is_word()
        && t.cap
        && !t.poss
        && matches!(t.lex.role, Some(RoleKind::Person | RoleKind::Gov));
    let after_first_name = i > 0 && toks[i - 1].name && toks[i - 1].first_name;
    // A capitalised word that is also a month or a function word, as a surname after a first
    // name ("Theresa May", "Ashley Will").
    let surname_word = t.is_word()
        && t.cap
        && t.lex.role.is_none()
        && t.lex.cue.is_none()
        && !t.has(class::PRON | class::TITLE);
    // A first name that is also a place's name, before a surname ("Chad Wolf", "Jordan
    // Fuchs").
    let first_name_place = t.first_name && !t.poss && toks.get(i + 1).is_some_and(|n| n.name);
    if first_name_place {
        return true;
    }
    // A place's name as a surname after a courtesy title ("Mr. Jordan").
    let titled = i > 0 && toks[i - 1].has(class::TITLE);
    (surname_role || surname_word) && (titled || after_first_name)
}

/// Returns true if and only if the capitalised words of `toks` are people whose names are no
/// country's evidence: "Jordan himself", "Meadows and Jordan" (a name that is no place beside
/// one that is), not "Britain and France".
pub fn people_not_places(text: &str, toks: &[Token], g: &Gazetteer) -> bool {
    let word_is = |t: &Token, w: &[&str]| {
        t.is_word() && w.iter().any(|x| t.stem(text).eq_ignore_ascii_case(x))
    };
    toks.iter().any(|t| word_is(t, &["himself", "herself"]))
        || (toks.iter().any(|t| word_is(t, &["and"]))
            && toks.iter().any(|t| {
                t.cap
                    && t.is_word()
                    && !t.has(class::DET | class::TITLE)
                    && g.place_word(t.stem(text)).is_none()
            }))
}

/// Countries named by the words of `toks` (countries, demonyms, metonyms, groups), skipping
/// the place a correspondent reports from.
pub fn countries_in(text: &str, toks: &[Token], g: &Gazetteer) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if i >= 2
            && toks[i - 1].text(text).eq_ignore_ascii_case("from")
            && toks[i - 2].text(text).eq_ignore_ascii_case("reporting")
        {
            i += 1;
            continue;
        }
        let Some((p, n)) = place_at(text, &toks[i..], g) else {
            i += 1;
            continue;
        };
        if part_of_a_name(text, toks, i, n, g) {
            i += n;
            continue;
        }
        for c in &p.countries {
            if !out.contains(c) {
                out.push(c);
            }
        }
        i += n;
    }
    out
}

/// Returns true if and only if the place of one word at `toks[i]` is part of a person's name:
/// a surname after a first name or a title ("Winston Jordan", "Mr. Jordan"), a first name
/// before a capitalised word that is no place ("Chad Wolf", "Jordan Luton"), or a first name
/// alone or in a list.
fn part_of_a_name(text: &str, toks: &[Token], i: usize, n: usize, g: &Gazetteer) -> bool {
    let word = |j: usize| toks.get(j).filter(|t| t.is_word() && t.cap);
    if n != 1 || word(i).is_none() {
        return false;
    }
    // A surname after a first name ("Winston Jordan") or a title ("Mr. Jordan", "Rep. Jordan").
    let after_first_name =
        i > 0 && (word(i - 1).is_some_and(|t| t.first_name) || toks[i - 1].has(class::TITLE));
    // A capitalised word's first-name test was made when tokenizing.
    let is_first_name = toks[i].first_name;
    let first_name_of = is_first_name
        && word(i + 1).is_some_and(|t| {
            !t.has(class::TITLE | class::DET) && place_at(text, &toks[i + 1..], g).is_none()
        });
    // A place that is a first name too, alone ("Jordan said") or in a list of names ("Nunes,
    // Jordan and McCaul"), may be a person known by one name: no evidence either way.
    let a_name = |j: usize| {
        word(j).is_some_and(|t| !t.has(class::TITLE | class::DET))
            && place_at(text, &toks[j..], g).is_none()
    };
    let joins = |j: usize| {
        toks.get(j)
            .is_some_and(|t| t.is(',') || t.text(text) == "and")
    };
    // The words before a person's name end with the list's last joint ("Nunes, Jordan and").
    let listed = (joins(i + 1) && (a_name(i + 2) || i + 2 == toks.len()))
        || (i >= 2 && joins(i - 1) && a_name(i - 2));
    let alone = toks.len() == 1;
    after_first_name || first_name_of || (is_first_name && (alone || listed))
}

/// The place the words of `toks` open with (the longest phrase the gazetteer knows) and how
/// many tokens it takes. A lowercase demonym of one word ("american") is no place.
pub fn place_at<'g>(text: &str, toks: &[Token], g: &'g Gazetteer) -> Option<(&'g Place, usize)> {
    let first = toks.first().filter(|t| t.is_word())?;
    let demonym_ok = |p: &Place| p.kind != PlaceKind::Demonym || first.cap;
    if !g.starts_phrase(first.stem(text)) {
        // One word, the most of words: no list of words to make.
        return g
            .place_word(first.stem(text))
            .filter(|p| demonym_ok(p))
            .map(|p| (p, 1));
    }
    let longest = g.max_words().min(toks.len());
    let mut words: Vec<&str> = Vec::with_capacity(longest);
    (1..=longest).rev().find_map(|n| {
        words.clear();
        words.extend(
            toks[..n]
                .iter()
                .take_while(|t| t.is_word())
                .map(|t| t.stem(text)),
        );
        if words.len() < n {
            return None;
        }
        let p = g.place(&words)?;
        (n > 1 || demonym_ok(p)).then_some((p, n))
    })
}

fn join(text: &str, toks: &[Token]) -> String {
    let (Some(a), Some(b)) = (toks.first(), toks.last()) else {
        return String::new();
    };
    let raw = text.get(a.start..b.end).unwrap_or("");
    let mut out = String::with_capacity(raw.len());
    for w in raw.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Reads a source phrase.
pub fn read(text: &str, toks: &[Token], g: &Gazetteer) -> Option<Mention> {
    let toks = trim_to_words(toks);
    // "Ross Eisenbrey of the Economic Policy Institute": the name before the phrase.
    if let Some(m) = affiliated(text, toks, g) {
        return Some(m);
    }
    // "In February 2004 he": a phrase that ends with a pronoun is the pronoun.
    let toks = match toks.last() {
        Some(last) if toks.len() > 1 && last.has(class::PRON) && last.is_word() => {
            &toks[toks.len() - 1..]
        }
        _ => toks,
    };
    let first = toks.first()?;
    if toks.len() == 1 && first.has(class::PRON) {
        let p = match lower(first.text(text)).as_str() {
            "he" => Pronoun::He,
            "she" => Pronoun::She,
            "it" => Pronoun::It,
            "they" => Pronoun::They,
            _ => Pronoun::Writer,
        };
        return Some(Mention::Pronoun(p));
    }
    let (start, owner_pronoun) = opening(text, toks);
    let rest = &toks[start..];
    if rest.is_empty() {
        return None;
    }
    let indefinite = start == 1 && matches!(lower(first.text(text)).as_str(), "a" | "an");
    let name_start = name_start(text, rest, g);
    // "The Halifax said", "the Nationwide": a name after "the" with nothing between is an
    // organisation's, not a person's.
    // So is "the Centers for Disease Control and Prevention": capitalised words and the
    // connectors of organisations' names.
    let org_words = rest
        .iter()
        .all(|t| t.is_word() && (t.cap || super::ORG_CONNECTORS.contains(&t.text(text))))
        && rest.last().is_some_and(|t| t.cap);
    let the_name = (name_start == 0 || (org_words && name_start < rest.len()))
        && start == 1
        && lower(first.text(text)) == "the"
        && owner_pronoun.is_none()
        && rest.iter().all(Token::is_word);
    // "Team Trump": an organisation's noun and a surname, nothing else, are one organisation's
    // name.
    let org_name = name_start == 1
        && rest.len() == 2
        && rest[0].cap
        && !rest[0].poss
        && rest[0].lex.role == Some(RoleKind::Org);
    if name_start < rest.len() && !the_name && !org_name {
        // The countries of the words before the name: a name is no country's evidence ("Jim
        // Jordan", "Chad Wolf").
        let countries = countries_in(text, &toks[..start + name_start], g);
        return Some(Mention::Person(person(
            text, rest, name_start, countries, g,
        )));
    }
    let phrase = Phrase {
        toks,
        rest,
        start,
        owner_pronoun,
        indefinite,
    };
    described(text, &phrase, countries_in(text, toks, g), g)
}

/// The tokens of a phrase without the punctuation at its edges.
fn trim_to_words(toks: &[Token]) -> &[Token] {
    let mut a = 0;
    let mut b = toks.len();
    while a < b && !toks[a].is_word() {
        a += 1;
    }
    while b > a && !toks[b - 1].is_word() {
        b -= 1;
    }
    &toks[a..b]
}

/// "Ross Eisenbrey of the Economic Policy Institute", "Bernie Sanders in Iowa": the person named
/// before an affiliation or a place, with the countries of the affiliation when they hold an
/// office.
fn affiliated(text: &str, toks: &[Token], g: &Gazetteer) -> Option<Mention> {
    let p = (1..toks.len()).find(|&p| {
        toks[p].is_word()
            && Lexicon::get()
                .lists
                .affiliation_prepositions
                .contains(&toks[p].text(text))
            && is_name_at(text, toks, p - 1, g)
    })?;
    let Some(Mention::Person(mut n)) = read(text, &toks[..p], g) else {
        return None;
    };
    // "in" follows a person named in full or with a title ("Bernie Sanders in Iowa", "Mr Trump
    // in December"); one capitalised word may be a plural opening the sentence ("Hardliners in
    // Iran").
    if toks[p].text(text) == "in" && !n.name.contains(' ') && n.role.is_none() {
        return None;
    }
    for c in countries_in(text, &toks[p..], g) {
        if n.gov && !n.countries.contains(&c) {
            n.countries.push(c);
        }
    }
    Some(Mention::Person(n))
}

/// "a spokeswoman for Melania Trump", "a lawyer for Michael Cohen", "an aide to Sen. Chuck
/// Schumer", "the wife of President Trump": the words before the name at `s` are a person of
/// the named one's, who is not the speaker. A lowercase role, then "for", "of" or "to", then
/// lowercase words ending with a title or a role ("first lady"), or capitalised words ("First
/// Lady", "Senator"); "Secretary of State Mike Pompeo" is the name's own title.
fn someone_of(text: &str, rest: &[Token], s: usize) -> bool {
    let Some(p) = rest[..s]
        .iter()
        .rposition(|t| t.is_word() && matches!(t.text(text), "for" | "of" | "to"))
    else {
        return false;
    };
    let is_role = |t: &Token| matches!(t.lex.role, Some(RoleKind::Person | RoleKind::Gov));
    let title = |t: &Token| t.has(class::TITLE) || (is_role(t) && !t.cap) || t.is('.');
    let between = &rest[p + 1..s];
    // Lowercase words ending with a title ("first lady", "Sen."), or capitalised words ending
    // with one ("First Lady", "Florida Rep."), not "ambassador to Ukraine Marie Yovanovitch".
    let titles_between = (between
        .iter()
        .all(|t| title(t) || t.has(class::DET) || (t.is_word() && !t.cap))
        && between.last().is_none_or(title))
        || (between.iter().all(|t| t.is_word() && t.cap)
            && between
                .last()
                .is_some_and(|t| t.has(class::TITLE) || is_role(t)));
    titles_between && p > 0 && is_role(&rest[p - 1]) && !rest[p - 1].cap
}

/// Where the phrase proper starts after a leading article or possessive pronoun, or a
/// possessive referring back to a country ("the country's president"), and whom such a
/// possessive refers to.
fn opening(text: &str, toks: &[Token]) -> (usize, Option<OwnerRef>) {
    let mut owner_pronoun = None;
    let mut start = 0;
    if let Some(first) = toks.first().filter(|t| t.has(class::DET)) {
        match lower(first.text(text)).as_str() {
            "its" => owner_pronoun = Some(OwnerRef::Singular),
            "their" => owner_pronoun = Some(OwnerRef::Plural),
            _ => {}
        }
        start = 1;
        // "Many of the lawmakers", "some of those": the people counted.
        if toks.len() > 2 && toks[1].is_word() && toks[1].text(text).eq_ignore_ascii_case("of") {
            start = 2;
            if toks.len() > 3 && toks[2].has(class::DET) {
                start = 3;
            }
        }
    }
    if let Some(t) = toks.get(start) {
        if t.poss
            && Lexicon::get()
                .lists
                .country_nouns
                .contains(&lower(t.stem(text)).as_str())
        {
            owner_pronoun = Some(OwnerRef::Singular);
            start += 1;
        }
    }
    (start, owner_pronoun)
}

/// Where the name at the very end of `rest` starts (`rest.len()` when there is none): a name
/// right before a trailing "of ..." is not one, nor is a place after a role ("a lawyer in
/// Orlando").
fn name_start(text: &str, rest: &[Token], g: &Gazetteer) -> usize {
    if !is_name_at(text, rest, rest.len().wrapping_sub(1), g) {
        return rest.len();
    }
    let mut s = rest.len();
    while s > 0 {
        let t = &rest[s - 1];
        let particle = t.is_word()
            && !t.cap
            && Lexicon::get()
                .lists
                .name_particles
                .contains(&lower(t.text(text)).as_str())
            && s >= 2
            && is_name_word(text, &rest[s - 2], g);
        if (is_name_at(text, rest, s - 1, g) && !(t.poss && s < rest.len())) || particle {
            s -= 1;
        } else {
            break;
        }
    }
    // "a lawyer in Orlando", "a teacher from Mount Pleasant": a place, not the person.
    let placed = s >= 2
        && rest[s - 1].is_word()
        && matches!(rest[s - 1].text(text), "in" | "from")
        && rest[..s - 1].iter().any(|t| t.lex.role.is_some() && !t.cap);
    if placed || someone_of(text, rest, s) || people_at(text, rest, s, g) {
        rest.len()
    } else {
        s
    }
}

/// "Analysts at Goldman Sachs", "Protesters in Hong Kong", "a spokesman at the Pentagon",
/// "Residents of Flint": people described by a place or an organisation named at `s`, who are
/// not it. The word before the preposition is a role, no name ("Bernie Sanders in Iowa" is
/// Sanders, see [`affiliated`]), and before "of" a group of people ("President of France
/// Emmanuel Macron" is Macron).
fn people_at(text: &str, rest: &[Token], s: usize, g: &Gazetteer) -> bool {
    // Back over capitalised words the name did not take ("Capitol" of "Capitol Hill") and an
    // article.
    let mut p = s;
    while p >= 1 && rest[p - 1].is_word() && rest[p - 1].cap && !rest[p - 1].poss {
        p -= 1;
    }
    if p >= 1 && rest[p - 1].has(class::DET) && !rest[p - 1].cap {
        p -= 1;
    }
    if p < 2 || !rest[p - 1].is_word() {
        return false;
    }
    let head = &rest[p - 2];
    let prep = rest[p - 1].text(text);
    let people_of = prep == "of" && head.lex.role == Some(RoleKind::People);
    head.is_word()
        && matches!(
            head.lex.role,
            Some(RoleKind::Person | RoleKind::Gov | RoleKind::People | RoleKind::Org)
        )
        && !head.poss
        && !is_name_at(text, rest, p - 2, g)
        && (matches!(prep, "in" | "from" | "at" | "on") || people_of)
}

/// The person named by `rest[name_start..]`, with the role, office and gender the words before
/// the name give.
fn person(
    text: &str,
    rest: &[Token],
    name_start: usize,
    countries: Vec<&'static str>,
    g: &Gazetteer,
) -> Named {
    let name_toks = &rest[name_start..];
    // A possessive name owns what follows ("Trump's campaign"): not the case here, as the name
    // ends the phrase. A name that is one word and the owner of nothing is a surname.
    let prefix = &rest[..name_start];
    // Words before the name that make its role: from the first role, title or place word.
    let role_from = prefix
        .iter()
        .position(|t| {
            t.lex.role.is_some()
                || (t.cap
                    && t.is_word()
                    && !t.poss
                    && g.place_word(t.stem(text))
                        .is_some_and(|p| p.kind != PlaceKind::Media))
        })
        .unwrap_or(prefix.len());
    let role_toks: Vec<Token> = prefix[role_from..]
        .iter()
        .filter(|t| t.is_word() && !t.has(class::TITLE))
        .copied()
        .collect();
    let role = (!role_toks.is_empty() && role_toks.iter().any(|t| t.lex.role.is_some()))
        .then(|| join(text, &prefix[role_from..]));
    let gov = role_toks
        .iter()
        .any(|t| matches!(t.lex.role, Some(RoleKind::Gov)));
    let mut gender = name_toks
        .first()
        .and_then(|t| g.gender(t.text(text)))
        .filter(|_| name_toks.len() > 1);
    if let Some(t) = prefix.iter().rev().find(|t| t.has(class::TITLE)) {
        if let Some(title) = Lexicon::get().title_gender(&lower(t.text(text).trim_end_matches('.')))
        {
            gender = Some(title);
        }
    }
    // An org whose name is capitalised words ("Fox Business Network") ends in an org word.
    // "Donald Trump's": the name without its possessive ending.
    let mut name = join(text, name_toks);
    if let Some(last) = name_toks.last().filter(|t| t.poss) {
        let cut = last.text(text).len() - last.stem(text).len();
        name.truncate(name.len().saturating_sub(cut));
    }
    Named {
        name,
        role,
        gov,
        countries,
        gender,
    }
}

/// A source phrase with no name: its tokens, those after its opening (`rest`, from `start`),
/// whom a possessive opening refers to, and whether it is indefinite ("a ...").
struct Phrase<'a> {
    toks: &'a [Token],
    rest: &'a [Token],
    start: usize,
    owner_pronoun: Option<OwnerRef>,
    indefinite: bool,
}

/// What a phrase with no name describes: the head is the last role word before any preposition;
/// else a place acting as a speaker or the capitalised words of an organisation; else
/// lowercase people words without a known role.
fn described(
    text: &str,
    p: &Phrase,
    countries: Vec<&'static str>,
    g: &Gazetteer,
) -> Option<Mention> {
    let rest = p.rest;
    let mut head_at = None;
    for (i, t) in rest.iter().enumerate() {
        if t.is_word() && t.has(class::PREP) && head_at.is_some() {
            break;
        }
        if t.lex.role.is_some_and(|r| r != RoleKind::Mod) {
            head_at = Some(i);
        }
    }
    let text_of = join(text, rest);
    let phrase = if p.owner_pronoun.is_some() || p.start == 0 {
        join(text, p.toks)
    } else {
        text_of.clone()
    };
    let described = |head: String, mods: Vec<String>, gov: bool| Described {
        text: phrase.clone(),
        head,
        mods,
        countries: countries.clone(),
        owner_pronoun: p.owner_pronoun,
        bare: text_of.clone(),
        gov,
        indefinite: p.indefinite,
    };
    if let Some(h) = head_at {
        let head_tok = &rest[h];
        let head = lower(head_tok.stem(text));
        let mods = rest[..h]
            .iter()
            .filter(|t| t.is_word())
            .map(|t| lower(t.stem(text)))
            .collect();
        let kind = head_tok.lex.role.unwrap_or(RoleKind::Person);
        let d = described(head, mods, kind == RoleKind::Gov);
        return Some(match kind {
            RoleKind::Person | RoleKind::Gov => Mention::Role(d),
            RoleKind::People => Mention::People(d),
            RoleKind::Doc => Mention::Document(d),
            RoleKind::Org | RoleKind::Mod => Mention::Org(d),
        });
    }
    // A place acting as a speaker, or capitalised words of an organisation.
    if rest.iter().any(|t| t.cap && t.is_word()) {
        let head = rest
            .iter()
            .rev()
            .find(|t| t.is_word())
            .map(|t| lower(t.stem(text)))
            .unwrap_or_default();
        let mut d = described(head, Vec::new(), false);
        if people_not_places(text, rest, g) {
            d.countries.clear();
        }
        return Some(Mention::Org(d));
    }
    // Lowercase people words without a known role ("voters", "critics" are roles already).
    if rest.len() <= 4 && rest.iter().all(|t| t.kind == Kind::Word) {
        let head = rest.last().map(|t| lower(t.stem(text))).unwrap_or_default();
        return Some(Mention::People(described(head, Vec::new(), false)));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    fn read_str(s: &str) -> Option<Mention> {
        let t = tokenize(s, 0..s.len(), &[]);
        read(s, &t, Gazetteer::get())
    }

    #[test]
    fn a_place_in_a_persons_name_is_no_country() {
        let g = Gazetteer::get();
        for (s, want) in [
            ("Finance Minister Winston Jordan", &[][..]),
            ("student Jordan Luton", &[]),
            ("Homeland Security chief Chad Wolf", &[]),
            ("Jordanian officials", &["Jordan"]),
            ("the King of Jordan", &["Jordan"]),
            ("Israel and Jordan", &["Israel", "Jordan"]),
            // A place that is a first name too, alone or in a list of names, is no evidence.
            ("Jordan", &[]),
            ("Chad", &[]),
            ("Israel", &["Israel"]),
            ("Nunes, Jordan and McCaul", &[]),
            ("Meadows and Jordan", &[]),
            ("Nunes, Jordan and", &[]),
            ("officials in Jordan", &["Jordan"]),
            ("Egypt and Jordan", &["Egypt", "Jordan"]),
            ("Jordan and Egypt", &["Jordan", "Egypt"]),
            ("Mr. Jordan and other Republicans", &[]),
            ("Rep. Jordan", &[]),
            ("the Foreign Minister of Jordan", &["Jordan"]),
        ] {
            let t = tokenize(s, 0..s.len(), &[]);
            assert_eq!(countries_in(s, &t, g), want, "{s}");
        }
    }

    #[test]
    fn someone_of_or_at_a_name_is_not_it() {
        let g = Gazetteer::get();
        let read_name = |s: &str| {
            let t = tokenize(s, 0..s.len(), &[]);
            match read(s, &t, g) {
                Some(Mention::Person(n)) => Some(n.name),
                _ => None,
            }
        };
        for s in [
            "a spokeswoman for Melania Trump",
            "a lawyer for Michael Cohen",
            "an aide to Sen. Chuck Schumer",
            "a spokesman for first lady Melania Trump",
            "the spokeswoman for First Lady Melania Trump",
            "an aide to Florida Rep. Lois Frankel",
            // People at a place or an organisation are not it.
            "Analysts at Goldman Sachs",
            "Protesters in Hong Kong",
            "a spokesman at the Pentagon",
            "Residents of Flint",
            "Gun-rights supporters on Capitol Hill",
        ] {
            assert_eq!(read_name(s), None, "{s}");
        }
        for (s, name) in [
            ("Secretary of State Mike Pompeo", "Mike Pompeo"),
            ("secretary of state Mike Pompeo", "Mike Pompeo"),
            (
                "former U.S. ambassador to Ukraine Marie Yovanovitch",
                "Marie Yovanovitch",
            ),
            ("the chairman of the committee, Adam Schiff", "Adam Schiff"),
            (
                "Ross Eisenbrey of the Economic Policy Institute",
                "Ross Eisenbrey",
            ),
            (
                "Melania Trump's spokeswoman Stephanie Grisham",
                "Stephanie Grisham",
            ),
            ("President of France Emmanuel Macron", "Emmanuel Macron"),
            ("Bernie Sanders in Iowa", "Bernie Sanders"),
            ("the times of Donald J. Trump", "Donald J. Trump"),
        ] {
            assert_eq!(read_name(s).as_deref(), Some(name), "{s}");
        }
    }

    #[test]
    fn phrases() {
        let g = Gazetteer::get();
        let _ = g;
        let person = |m: Option<Mention>| match m {
            Some(Mention::Person(n)) => Some((n.name, n.role, n.countries)),
            _ => None,
        };
        let cases: &[(&str, &str, Option<&str>, &[&str])] = &[
            (
                "Russian Foreign Minister Sergei Lavrov",
                "Sergei Lavrov",
                Some("Russian Foreign Minister"),
                &["Russia"],
            ),
            ("Lavrov", "Lavrov", None, &[]),
            (
                "US Secretary of State Antony Blinken",
                "Antony Blinken",
                Some("US Secretary of State"),
                &["United States"],
            ),
            ("Al Jazeera’s Dorsa Jabbari", "Dorsa Jabbari", None, &[]),
            (
                "Ukraine’s President Volodymyr Zelenskyy",
                "Volodymyr Zelenskyy",
                Some("President"),
                &["Ukraine"],
            ),
            (
                "Kremlin spokesman Dmitry Peskov",
                "Dmitry Peskov",
                Some("Kremlin spokesman"),
                &["Russia"],
            ),
            ("Mr. Trump", "Trump", None, &[]),
            ("Paul H. Chipok", "Paul H. Chipok", None, &[]),
        ];
        for (s, name, role, countries) in cases {
            let got = person(read_str(s));
            assert_eq!(
                got,
                Some((
                    name.to_string(),
                    role.map(str::to_string),
                    countries.to_vec()
                )),
                "help: reading {s:?}"
            );
        }
        assert_eq!(read_str("she"), Some(Mention::Pronoun(Pronoun::She)));
        assert!(matches!(
            read_str("the statement"),
            Some(Mention::Document(_))
        ));
        match read_str("Romania’s foreign ministry") {
            Some(Mention::Org(d)) => {
                assert_eq!(d.head, "ministry");
                assert_eq!(d.countries, vec!["Romania"]);
            }
            other => panic!("help: org, got {other:?}"),
        }
        match read_str("the Russian foreign minister") {
            Some(Mention::Role(d)) => {
                assert_eq!(d.head, "minister");
                assert_eq!(d.countries, vec!["Russia"]);
            }
            other => panic!("help: role, got {other:?}"),
        }
        match read_str("their defence ministers") {
            Some(Mention::People(d)) => assert_eq!(d.owner_pronoun, Some(OwnerRef::Plural)),
            other => panic!("help: people, got {other:?}"),
        }
        assert!(matches!(read_str("Moscow"), Some(Mention::Org(_))));
    }
}
