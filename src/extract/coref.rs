//! Speaker resolution: one identity for every way an article names a speaker.
//!
//! A [`Resolver`] walks an article's mentions in text order. Full names are registered with the
//! role and countries written with them; surnames, titles ("the minister", "the Russian foreign
//! minister"), organisations' short forms ("the ministry") and pronouns resolve to an earlier
//! identity (gender from first names, titles and earlier pronouns); a description with no
//! antecedent may be claimed by a name that comes right after it. Knows nothing of tokens'
//! origins: it is given [`Mention`]s and byte positions.

use super::hash::{FastMap, FastSet};

use super::gazetteer::Gender;
use super::lexicon::Lexicon;
use super::lexicon::RoleKind;
use super::mentions::{Described, Mention, Named, OwnerRef, Pronoun};
use crate::names;

/// One identity.
#[derive(Clone, Debug, Default)]
pub struct Entity {
    /// Canonical name: a person's full name or an organisation's phrase.
    pub name: String,
    /// The role as written with the name.
    pub role: Option<String>,
    /// Returns true when the role is a government office.
    pub gov: bool,
    /// Canonical countries.
    pub countries: Vec<&'static str>,
    /// Gender, when known.
    pub gender: Option<Gender>,
    /// Every way the article names it.
    pub aliases: Vec<String>,
    /// Returns true for a person, false for an organisation or group.
    pub person: bool,
    /// The country an official with no stated country speaks of as their own ("Bulgaria will
    /// decide ..., Prime Minister Kiril Petkov says"): weaker than a country written with them
    /// or known of them.
    pub speaks_for: Option<&'static str>,
    /// Returns true when the article places the speaker abroad ("reporting from Nairobi"): the
    /// article's home country says nothing of theirs.
    pub abroad: bool,
    /// Byte position of its last mention.
    pub last: usize,
    /// Passage of its last mention.
    pub last_passage: usize,
}

/// What a statement's source resolved to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolved {
    /// An identity.
    Entity(usize),
    /// A description with no antecedent yet (kept as written).
    Pending(usize),
    /// Nobody (the writer, or an unresolvable pronoun).
    Nobody,
}

/// Resolution state for one article.
#[derive(Debug, Default)]
pub struct Resolver {
    /// The identities found so far.
    pub entities: Vec<Entity>,
    by_surname: FastMap<String, Vec<usize>>,
    by_org: FastMap<String, usize>,
    /// Organisations by the acronym the article gives them ("Centers for Disease Control and
    /// Prevention (CDC)"), folded.
    by_acronym: FastMap<String, usize>,
    /// Organisation mentions (byte position, entity, passage).
    org_mentions: Vec<(usize, usize, usize)>,
    /// The organisations of `org_mentions`, each once, the one mentioned last at the end.
    recent_orgs: Vec<usize>,
    /// The author of a kind of document ("report") the article attributed ("the GAO report").
    doc_authors: FastMap<String, usize>,
    /// Organisations known only by capitalised words with no head noun ("Sumitomo Mitsui
    /// Financial"): their acronyms and short forms find them, "the company" does not, until
    /// they speak.
    weak_orgs: FastSet<usize>,
    /// Groups of people described by no more than a noun ("MPs", "residents"): no document
    /// is theirs.
    groups: FastSet<usize>,
    /// Organisations that made a statement.
    spoke: FastSet<usize>,
    /// Person mentions (byte position, passage, entity), in order.
    mentions: Vec<(usize, usize, usize)>,
    /// Mentions of people by their full names (byte position, passage, entity).
    full_mentions: Vec<(usize, usize, usize)>,
    /// Mentions of people by their surname alone, with or without a title ("Trump", "Mrs.
    /// Trump", "President Trump"): (passage, entity).
    surname_calls: Vec<(usize, usize)>,
    /// People the knowledge base knows.
    prominent: FastSet<usize>,
    /// The offices the knowledge base knows of them, lowercased words.
    offices: FastMap<usize, String>,
    last_speaker: Option<(usize, usize)>,
    /// Surnames met alone in the body before anyone of that surname was named (folded surname,
    /// byte position of the first): "to frustrate Trump ... first lady Melania Trump".
    bare_before: FastMap<String, usize>,
    /// The article is a live blog, its entries newest first: what comes before in the text was
    /// written later, so a surname met alone first says nothing of who it is.
    pub live: bool,
    /// The article's opening passage, its headline: the first that is not page furniture. A
    /// surname alone there is the headline's short form of a name the body gives in full.
    pub opening: usize,
    /// Name keys of organisations by entity, with the address and length of the name each was
    /// made from (a name is only ever replaced, never changed in place, so a new name is a new
    /// address): `named_org` compares a name with every organisation of the article.
    org_keys: std::cell::RefCell<Vec<Option<(usize, usize, String)>>>,
    /// The buffer [`Resolver::named_org`] makes its keys in.
    key_buffer: std::cell::RefCell<String>,
    /// The offices the knowledge base knows of full names met so far (lowercased titles
    /// joined by " | "), for telling apart people of one surname as they come.
    kb_offices: FastMap<String, String>,
    /// The countries the knowledge base gives full names met so far: a description that
    /// names another country is not theirs ("US President" is not Bashar al-Assad).
    kb_countries: FastMap<String, Vec<String>>,
    /// Surnames met after an office the one person of that surname named in full never held
    /// ("first lady Melania Trump will accompany President Trump"), with the people they are
    /// not.
    titled_other: FastMap<String, Vec<usize>>,
    /// The first word of the name key of every identity's names so far: a name whose first
    /// word is none of them opens no organisation's name (`named_org` looks no further).
    name_words: FastSet<String>,
    /// How weak an antecedent of a pronoun each person mention is, by byte position, where
    /// it is weak: 1 for the object of a preposition ("about Trump"), 2 for a name that
    /// qualifies a noun ("a George W. Bush appointee").
    weak: FastMap<usize, u8>,
    /// The words said of the statement being resolved: people they name ("The police
    /// tracked Peter Brown ..., he said") are not who says them.
    words_said: std::ops::Range<usize>,
}

impl Entity {
    /// Returns true if and only if the identity may take the article's home country: anyone
    /// named, any organisation, and any description but those of no particular country
    /// ("analysts", "a person familiar with the talks").
    pub fn may_be_domestic(&self) -> bool {
        if self.abroad {
            return false;
        }
        let named = self.name.chars().next().is_some_and(char::is_uppercase);
        if named && self.role.as_deref() != Some(self.name.as_str()) {
            return true;
        }
        let lex = super::lexicon::Lexicon::get();
        !self
            .name
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| lex.lookup(w).class & super::lexicon::class::UNAFFILIATED != 0)
    }
}

/// Returns true if and only if a document of kind `head` speaks for one person ("speech").
fn is_personal_document(head: &str) -> bool {
    let lex = super::lexicon::Lexicon::get().lookup(head);
    lex.class & super::lexicon::class::PERSONAL_DOC != 0
}

/// The fewest mentions that make a person the article's principal.
const PRINCIPAL_MENTIONS: usize = 3;

/// How many passages after an indefinite description ("a committee of MPs") the organisation it
/// stands for may be named.
const AHEAD_PASSAGES: usize = 2;

/// The kinds of organisation a name's words say it is ([`org_kind`] flags; 0 when the name
/// does not say).
///
/// [`org_kind`]: super::lexicon::org_kind
fn org_kinds_of(name: &str) -> u8 {
    let lex = super::lexicon::Lexicon::get();
    name.split_whitespace()
        .fold(0, |kinds, w| kinds | lex.lookup(w).org)
}

/// Returns true if and only if `text` is a name, not a description: capitalised, and for a
/// person free of role nouns ("President", "spokesman").
fn is_name_alias(text: &str, person: bool) -> bool {
    if !text.starts_with(char::is_uppercase) {
        return false;
    }
    let lex = super::lexicon::Lexicon::get();
    !person
        || text.split_whitespace().all(|w| {
            w.starts_with(char::is_uppercase)
                && !matches!(
                    lex.lookup(w).role,
                    Some(RoleKind::Person | RoleKind::Gov | RoleKind::People)
                )
        })
}

fn first_key(name: &str) -> Option<String> {
    let mut k = names::name_key(name);
    let space = k.as_bytes().iter().position(|&b| b == b' ')?;
    k.truncate(space);
    Some(k)
}

fn merge_countries(into: &mut Vec<&'static str>, from: &[&'static str]) {
    for c in from {
        if !into.contains(c) {
            into.push(c);
        }
    }
}

impl Resolver {
    /// A person named in full or by surname at byte `at` of passage `passage`; returns the
    /// identity. `register_only` mentions (names met outside statements) never create a
    /// single-word identity.
    pub fn person(&mut self, n: &Named, at: usize, passage: usize) -> usize {
        match self.person_mention(n, at, passage) {
            Some(e) => e,
            None => self.new_entity(n, at, passage),
        }
    }

    /// A person named in full or by surname at byte `at`: the known person of that name, a new
    /// one, or `None` for a bare surname that two people of the article share and nothing
    /// tells apart ("Trump" after Donald and Melania Trump were named, neither just before).
    fn person_mention(&mut self, n: &Named, at: usize, passage: usize) -> Option<usize> {
        let Some(surname) = names::surname_key(&n.name) else {
            return Some(self.new_entity(n, at, passage));
        };
        let first = first_key(&n.name);
        let fitting = self.fitting(n, &surname, first.as_deref(), at, passage);
        let e = match fitting[..] {
            [] => return Some(self.new_entity(n, at, passage)),
            // "Mrs. Trump" of the gender of the one Trump named in full is that person still.
            [one]
                if first.is_none()
                    && passage > self.opening
                    && !(n.gender.is_some() && n.gender == self.entities[one].gender)
                    && self.surname_was_someone_else(&surname, one) =>
            {
                return Some(self.new_entity(n, at, passage))
            }
            [one] => one,
            _ if first.is_some() => *fitting.iter().max_by_key(|&&e| self.entities[e].last)?,
            _ => {
                // People known by their surname alone are one person; those named in full are
                // told apart.
                let full: Vec<usize> = fitting
                    .iter()
                    .copied()
                    .filter(|&e| {
                        let ent = &self.entities[e];
                        ent.name.contains(' ') || ent.role.is_some()
                    })
                    .collect();
                match full[..] {
                    [] => *fitting.iter().max_by_key(|&&e| self.entities[e].last)?,
                    [one] => self.called_by_surname(&surname, &fitting, one, passage),
                    _ => self.tell_apart(&full, at, passage)?,
                }
            }
        };
        if n.name.split_whitespace().count() > self.entities[e].name.split_whitespace().count() {
            self.note_name(&n.name);
            self.entities[e].name = n.name.clone();
        }
        let ent = &mut self.entities[e];
        if ent.role.is_none() {
            ent.role = n.role.clone();
        }
        ent.gov |= n.gov;
        merge_countries(&mut ent.countries, &n.countries);
        if ent.gender.is_none() {
            ent.gender = n.gender;
        }
        if !ent.aliases.contains(&n.name) {
            ent.aliases.push(n.name.clone());
        }
        ent.last = ent.last.max(at);
        ent.last_passage = ent.last_passage.max(passage);
        self.mentions.push((at, passage, e));
        if first.is_some() {
            self.full_mentions.push((at, passage, e));
        } else {
            self.surname_calls.push((passage, e));
        }
        Some(e)
    }

    /// The people of the article a mention of `surname` (with the folded first name `first`,
    /// if any) may be: same surname, no conflicting first name, office or gender.
    fn fitting(
        &self,
        n: &Named,
        surname: &str,
        first: Option<&str>,
        at: usize,
        passage: usize,
    ) -> Vec<usize> {
        let candidates = self.by_surname.get(surname).cloned().unwrap_or_default();
        // The same person: same surname and no conflicting first name.
        let fitting: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|&e| match (first, first_key(&self.entities[e].name)) {
                (Some(a), Some(b)) => *a == b || a.len() <= 2 || b.len() <= 2,
                _ => true,
            })
            .collect();
        // "President Trump" is not a Trump of the article who holds no such office (his wife).
        let fitting: Vec<usize> = match (first, n.gov, n.role.as_deref()) {
            (None, true, Some(role)) => {
                let head = role
                    .split_whitespace()
                    .last()
                    .map(names::fold_word)
                    .unwrap_or_default();
                fitting
                    .into_iter()
                    .filter(|&e| self.holds(e, &head) || !self.entities[e].name.contains(' '))
                    .collect()
            }
            _ => fitting,
        };
        // "First lady Melania Trump" is not the article's "President Trump" when the knowledge
        // base knows her and no office of that title.
        let fitting: Vec<usize> = match (first, self.kb_offices.get(&n.name)) {
            (Some(_), Some(offices)) => fitting
                .into_iter()
                .filter(|&e| {
                    let ent = &self.entities[e];
                    let head = ent
                        .role
                        .as_deref()
                        .and_then(|r| r.split_whitespace().last());
                    ent.name.contains(' ')
                        || !ent.gov
                        || head.is_none_or(|h| titles_have(offices, &names::fold_word(h)))
                })
                .collect(),
            _ => fitting,
        };
        // "Trump digs in ... the president ... first lady Melania Trump": a bare surname in the
        // body before the only person of that surname is named in full is somebody else (the
        // public figure news calls by surname alone).
        let fitting: Vec<usize> = if first.is_none() && n.role.is_none() && passage > self.opening {
            fitting
                .into_iter()
                .filter(|&e| {
                    !self.entities[e].name.contains(' ')
                        || self.mentions.iter().any(|&(p, _, x)| x == e && p < at)
                })
                .collect()
        } else {
            fitting
        };
        // "Mr. Trump" is not the one Trump of the article, a woman.
        let fitting: Vec<usize> = match (n.gender, &fitting[..]) {
            (Some(g), [one]) if self.entities[*one].gender.is_some_and(|x| x != g) => vec![],
            _ => fitting,
        };
        // "Mrs. Trump": a title's gender tells people of one surname apart.
        let fitting: Vec<usize> = match n.gender {
            Some(g) if fitting.len() > 1 => {
                let same: Vec<usize> = fitting
                    .iter()
                    .copied()
                    .filter(|&e| self.entities[e].gender.is_none_or(|x| x == g))
                    .collect();
                if same.is_empty() {
                    fitting
                } else {
                    same
                }
            }
            _ => fitting,
        };
        fitting
    }

    /// Returns true if and only if the article's body called someone by `surname` alone before
    /// it named `e` in full: that bare surname is the other person still.
    fn surname_was_someone_else(&self, surname: &str, e: usize) -> bool {
        if self
            .titled_other
            .get(surname)
            .is_some_and(|v| v.contains(&e))
        {
            return true;
        }
        let Some(&bare) = self.bare_before.get(surname) else {
            return false;
        };
        let ent = &self.entities[e];
        ent.name.contains(' ')
            && self
                .full_mentions
                .iter()
                .filter(|&&(_, _, x)| x == e)
                .map(|&(p, _, _)| p)
                .min()
                .is_some_and(|first| bare < first)
    }

    /// A bare surname that fits `full`, named in full, and others known by that
    /// surname alone: "Trump said ... first lady Melania Trump said ... Trump said": the person
    /// the article called by the bare surname in its body before it named `full` is still the
    /// one it calls so.
    fn called_by_surname(
        &self,
        surname: &str,
        fitting: &[usize],
        full: usize,
        passage: usize,
    ) -> usize {
        let first_at = |e: usize| {
            self.mentions
                .iter()
                .filter(|&&(_, _, x)| x == e)
                .map(|&(p, _, _)| p)
                .min()
        };
        let Some(since) = first_at(full).filter(|_| passage > self.opening) else {
            return full;
        };
        fitting
            .iter()
            .copied()
            .filter(|&e| e != full && !self.entities[e].name.contains(' '))
            .filter(|&e| {
                first_at(e).is_some_and(|p| p < since)
                    || self.bare_before.get(surname).is_some_and(|&p| p < since)
                    || self
                        .titled_other
                        .get(surname)
                        .is_some_and(|v| v.contains(&full))
            })
            .max_by_key(|&e| self.entities[e].last)
            .unwrap_or(full)
    }

    /// Which of several people sharing a surname a bare surname at byte `at` names: the one
    /// named in full in the same passage before it, if only one was; otherwise the only public
    /// one the article gives an office, the only official called by title and surname alone,
    /// or the public figure of most offices (news calls the
    /// president "Trump" and his family by their first names); otherwise the one named first;
    /// nobody when none was named before.
    fn tell_apart(&self, ids: &[usize], at: usize, passage: usize) -> Option<usize> {
        let named_here: Vec<usize> = ids
            .iter()
            .copied()
            .filter(|&e| {
                self.full_mentions
                    .iter()
                    .any(|&(p, ps, x)| x == e && ps == passage && p < at)
            })
            .collect();
        if let [one] = named_here[..] {
            return Some(one);
        }
        // Then the only one the article gives an office ("President Trump" beside "Melania
        // Trump").
        let officials: Vec<usize> = ids
            .iter()
            .copied()
            .filter(|&e| self.entities[e].gov)
            .collect();
        if let [one] = officials[..] {
            return Some(one);
        }
        // Then the only official the article calls by title and surname alone ("President
        // Trump" beside "first lady Melania Trump"): news calls its principal so.
        let by_title: Vec<usize> = officials
            .iter()
            .copied()
            .filter(|&e| !self.entities[e].name.contains(' '))
            .collect();
        if let [one] = by_title[..] {
            return Some(one);
        }
        // Then the public figure of most offices the knowledge base knows.
        let offices = |e: usize| {
            self.offices
                .get(&e)
                .filter(|o| !o.is_empty())
                .map_or(0, |o| o.matches(" | ").count() + 1)
        };
        let mut ranked: Vec<(usize, usize)> = ids.iter().map(|&e| (offices(e), e)).collect();
        ranked.sort_by_key(|&(n, _)| std::cmp::Reverse(n));
        match ranked[..] {
            [(a, e), (b, _), ..] if a > b => return Some(e),
            _ => {}
        }
        let pool = ids;
        // Otherwise the one the article named first: news names its principal by surname and
        // the others of that name in full ("Trump" is the president; his wife is "Melania
        // Trump" or "Mrs. Trump").
        self.mentions
            .iter()
            .filter(|&&(p, _, e)| p < at && pool.contains(&e))
            .min_by_key(|&&(p, _, _)| p)
            .map(|&(_, _, e)| e)
    }

    /// Returns true if and only if `word` is the surname of a person the article named.
    pub fn is_surname(&self, word: &str) -> bool {
        self.is_known_surname(word)
    }

    /// Returns true if and only if `word` is one capitalised word, the surname of a person the
    /// article named in full.
    fn is_known_surname(&self, word: &str) -> bool {
        !word.contains(' ')
            && word.starts_with(char::is_uppercase)
            && self
                .by_surname
                .get(&names::fold_word(word))
                .is_some_and(|ids| {
                    ids.iter()
                        .any(|&e| self.entities[e].name.contains(' ') && self.entities[e].person)
                })
    }

    /// Records the offices the knowledge base knows of the full name `name` (lowercased titles
    /// joined by " | "), before its mentions are resolved.
    pub fn know_offices(&mut self, name: &str, offices: String) {
        self.kb_offices.insert(name.to_string(), offices);
    }

    /// Records the countries the knowledge base gives the full name `name`.
    pub fn know_countries(&mut self, name: &str, countries: Vec<String>) {
        self.kb_countries.insert(name.to_string(), countries);
    }

    /// Marks the people of the article that a knowledge base recognises by their full names:
    /// `offices` gives the offices a name's holder held (lowercased titles joined by " | "),
    /// `None` for a name the knowledge base does not know.
    pub fn mark_prominent(&mut self, offices: impl Fn(&str) -> Option<String>) {
        for (e, ent) in self.entities.iter().enumerate() {
            if !(ent.person && ent.name.contains(' ')) {
                continue;
            }
            // Names registered in full were looked up already.
            let known = self.kb_offices.get(&ent.name).cloned();
            if let Some(o) = known.or_else(|| offices(&ent.name)) {
                self.prominent.insert(e);
                self.offices.insert(e, o);
            }
        }
    }

    /// Returns true if and only if the knowledge base knows person `e` by full name and no
    /// office of theirs has the word `head`, nor has the article's role for them.
    fn never_held(&self, e: usize, head: &str) -> bool {
        let ent = &self.entities[e];
        ent.name.contains(' ')
            && self
                .kb_offices
                .get(&ent.name)
                .is_some_and(|o| !titles_have(o, head))
            && !self.holds(e, head)
    }

    /// Returns true if and only if the person `e` holds, by the article's words or the
    /// knowledge base, an office of which `head` is a word ("president"); a word's possessive
    /// names another's office ("the president's daughter-in-law").
    fn holds(&self, e: usize, head: &str) -> bool {
        let has = |text: &str| role_has(text, head);
        self.entities[e].role.as_deref().is_some_and(has)
            || self.offices.get(&e).is_some_and(|o| has(o))
    }

    /// Records the first word of a name an identity takes (see `name_words`).
    fn note_name(&mut self, name: &str) {
        let key = names::name_key(name);
        if let Some(w) = key.split(' ').find(|w| !w.is_empty()) {
            if !self.name_words.contains(w) {
                self.name_words.insert(w.to_string());
            }
        }
    }

    fn new_entity(&mut self, n: &Named, at: usize, passage: usize) -> usize {
        self.note_name(&n.name);
        let e = self.entities.len();
        self.entities.push(Entity {
            name: n.name.clone(),
            role: n.role.clone(),
            gov: n.gov,
            countries: n.countries.clone(),
            gender: n.gender,
            aliases: vec![n.name.clone()],
            person: true,
            abroad: false,
            speaks_for: None,
            last: at,
            last_passage: passage,
        });
        let surname = names::surname_key(&n.name);
        self.mentions.push((at, passage, e));
        if first_key(&n.name).is_some() {
            self.full_mentions.push((at, passage, e));
        } else if surname.is_some() {
            self.surname_calls.push((passage, e));
        }
        if let Some(s) = surname {
            self.by_surname.entry(s).or_default().push(e);
        }
        e
    }

    /// The known person whose surname is the last word of `name`, the one named last before
    /// byte `at` when several share it.
    pub fn lookup(&self, name: &str, at: usize) -> Option<usize> {
        let surname = names::surname_key(name)?;
        let ids = self.by_surname.get(&surname)?;
        self.mentions
            .iter()
            .filter(|(p, _, e)| *p <= at && ids.contains(e))
            .max_by_key(|(p, _, _)| *p)
            .map(|&(_, _, e)| e)
            .or_else(|| ids.first().copied())
    }

    /// Byte position of the last mention of identity `e` before byte `at`.
    pub fn last_mention_before(&self, e: usize, at: usize) -> Option<usize> {
        self.mentions
            .iter()
            .filter(|(p, _, x)| *x == e && *p < at)
            .map(|(p, _, _)| *p)
            .max()
    }

    /// Returns true if and only if identity `e` is a person.
    pub fn is_person(&self, e: usize) -> bool {
        self.entities.get(e).is_some_and(|x| x.person)
    }

    /// The gender of an identity, when known.
    pub fn gender_of(&self, e: usize) -> Option<Gender> {
        self.entities.get(e).and_then(|x| x.gender)
    }

    /// Records one more mention of identity `e` at byte `at`.
    pub fn mention(&mut self, e: usize, at: usize, passage: usize) {
        if e < self.entities.len() {
            self.touch(e, at, passage);
            self.mentions.push((at, passage, e));
        }
    }

    /// Records a mention of a known person by surname alone (`word` is one word) at byte `at`;
    /// returns false when no known person has that surname.
    /// `office` is the capitalised office before the surname ("President"), folded.
    pub fn surname_mention(
        &mut self,
        word: &str,
        office: Option<&str>,
        at: usize,
        passage: usize,
    ) -> bool {
        let key = names::fold_word(word);
        let Some(ids) = self.by_surname.get(&key) else {
            if passage > self.opening && !self.live {
                self.bare_before.entry(key).or_insert(at);
            }
            return false;
        };
        let e = match ids[..] {
            [one] if office.is_some_and(|o| self.never_held(one, o)) => {
                let not = self.titled_other.entry(key).or_default();
                if !not.contains(&one) {
                    not.push(one);
                }
                return false;
            }
            // "first lady Melania Trump ... President Trump ... Trump": not her.
            [one]
                if self
                    .titled_other
                    .get(&key)
                    .is_some_and(|not| not.contains(&one)) =>
            {
                return false
            }
            [one] => one,
            _ => match self.tell_apart(&ids.clone(), at, passage) {
                Some(e) => e,
                None => return false,
            },
        };
        self.touch(e, at, passage);
        self.mentions.push((at, passage, e));
        self.surname_calls.push((passage, e));
        true
    }

    /// The speaker of a headline that names `e` by surname alone ("Trump Says ..."), in the
    /// headline passage `title`: the person the body calls by that surname. A headline takes
    /// the first person of its surname the body names in full ("first lady Melania Trump
    /// said"); when the body then calls another of that surname by it, at least twice and more
    /// than twice as often ("President Trump", "Trump said" against one "Mrs. Trump"), the
    /// headline's surname is that other person's. A headline that names `e` in full is `e`'s.
    pub fn headline_speaker(&self, e: usize, title: usize) -> usize {
        let Some(ids) = self
            .entities
            .get(e)
            .and_then(|ent| names::surname_key(&ent.name))
            .and_then(|s| self.by_surname.get(&s))
        else {
            return e;
        };
        if ids.len() < 2
            || self
                .full_mentions
                .iter()
                .any(|&(_, p, x)| x == e && p == title)
        {
            return e;
        }
        let calls = |x: usize| {
            self.surname_calls
                .iter()
                .filter(|&&(p, y)| y == x && p != title)
                .count()
        };
        let own = calls(e);
        match ids
            .iter()
            .filter(|&&o| o != e)
            .map(|&o| (calls(o), o))
            .max()
        {
            Some((n, o)) if n >= 2 && n > 2 * own => o,
            _ => e,
        }
    }

    fn org(&mut self, d: &Described, at: usize, passage: usize) -> usize {
        if let Some(e) = self.named_org(&d.text) {
            self.org_mention(e, at, passage);
            self.alias(e, &d.text);
            return e;
        }
        let e = self.new_org(&d.text, d.countries.clone(), at, passage);
        self.push_org_mention(at, e, passage);
        e
    }

    fn new_org(
        &mut self,
        name: &str,
        countries: Vec<&'static str>,
        at: usize,
        passage: usize,
    ) -> usize {
        self.note_name(name);
        let e = self.entities.len();
        self.entities.push(Entity {
            name: name.to_string(),
            role: None,
            gov: false,
            countries,
            gender: None,
            aliases: vec![name.to_string()],
            person: false,
            abroad: false,
            speaks_for: None,
            last: at,
            last_passage: passage,
        });
        self.by_org.insert(names::name_key(name), e);
        e
    }

    /// Registers an organisation the article names in full at byte `at` ("Problem Solvers
    /// Caucus"), with the acronym it gives it, if any; returns its identity.
    pub fn register_org(
        &mut self,
        name: &str,
        acronym: Option<&str>,
        countries: &[&'static str],
        weak: bool,
        at: usize,
        passage: usize,
    ) -> usize {
        let e = match self.named_org(name) {
            Some(e) => {
                if name.split_whitespace().count()
                    > self.entities[e].name.split_whitespace().count()
                {
                    self.note_name(name);
                    self.entities[e].name = name.to_string();
                }
                let ent = &mut self.entities[e];
                merge_countries(&mut ent.countries, countries);
                self.org_mention(e, at, passage);
                self.alias(e, name);
                e
            }
            None => {
                let e = self.new_org(name, countries.to_vec(), at, passage);
                self.push_org_mention(at, e, passage);
                if weak {
                    self.weak_orgs.insert(e);
                }
                e
            }
        };
        if !weak {
            self.weak_orgs.remove(&e);
        }
        if let Some(a) = acronym {
            self.by_acronym.insert(names::fold_word(a), e);
            self.alias(e, a);
        }
        e
    }

    fn org_mention(&mut self, e: usize, at: usize, passage: usize) {
        self.touch(e, at, passage);
        self.push_org_mention(at, e, passage);
    }

    fn push_org_mention(&mut self, at: usize, e: usize, passage: usize) {
        self.org_mentions.push((at, e, passage));
        if let Some(i) = self.recent_orgs.iter().rposition(|&x| x == e) {
            self.recent_orgs.remove(i);
        }
        self.recent_orgs.push(e);
    }

    /// The organisation a capitalised name refers to: the same name, its acronym, or its first
    /// words ("Sumitomo" for "Sumitomo Mitsui Financial", "the Bank" for "Bank of England").
    fn named_org(&self, name: &str) -> Option<usize> {
        // The key is made in a buffer kept from call to call: this runs for most capitalised
        // words of an article.
        let mut key = self.key_buffer.take();
        key.clear();
        names::name_key_into(name, &mut key);
        let found = self.org_of_key(name, &key);
        self.key_buffer.replace(key);
        found
    }

    /// [`Resolver::named_org`] of `name`, whose key is `key`.
    fn org_of_key(&self, name: &str, key: &str) -> Option<usize> {
        if key.is_empty() {
            return None;
        }
        if let Some(&e) = self.by_org.get(key) {
            return Some(e);
        }
        if !key.as_bytes().contains(&b' ') {
            if let Some(&e) = self.by_acronym.get(key) {
                return Some(e);
            }
            if let Some(e) = self.by_initials(name) {
                return Some(e);
            }
        }
        if !name.starts_with(char::is_uppercase) {
            return None;
        }
        if !key
            .split(' ')
            .next()
            .is_some_and(|w| self.name_words.contains(w))
        {
            return None;
        }
        // Each organisation once, the latest mentioned first.
        self.recent_orgs.iter().rev().copied().find(|&e| {
            let ent = &self.entities[e];
            if ent.person {
                return false;
            }
            let mut keys = self.org_keys.borrow_mut();
            if keys.len() <= e {
                keys.resize(e + 1, None);
            }
            let made_from = (ent.name.as_ptr() as usize, ent.name.len());
            let kept = keys[e]
                .get_or_insert_with(|| (made_from.0, made_from.1, names::name_key(&ent.name)));
            if (kept.0, kept.1) != made_from {
                *kept = (made_from.0, made_from.1, names::name_key(&ent.name));
            }
            // Keys are words joined by single spaces: the name is the organisation's first
            // words when its key opens the organisation's, up to a space.
            // The space is tested first: it rules out most organisations without a compare.
            kept.2.len() > key.len()
                && kept.2.as_bytes()[key.len()] == b' '
                && kept.2.starts_with(key)
        })
    }

    /// The organisation an acronym ("CDC", "NRA") abbreviates: the latest named whose
    /// capitalised words' initials start with its letters, all but one of them.
    fn by_initials(&self, acronym: &str) -> Option<usize> {
        let mut letters = acronym;
        while let Some(rest) = letters.strip_prefix("the ") {
            letters = rest;
        }
        if !(2..=6).contains(&letters.len()) || !letters.bytes().all(|c| c.is_ascii_uppercase()) {
            return None;
        }
        self.org_mentions
            .iter()
            .filter(|&&(_, e, _)| {
                // A name that opens with a capital opens its initials: most are ruled out by
                // their first byte.
                let name = &self.entities[e].name;
                let first = name.as_bytes().first().copied().unwrap_or(0);
                (!first.is_ascii_uppercase() || first == letters.as_bytes()[0])
                    && initials_fit(name, letters)
            })
            .max_by_key(|&&(p, _, _)| p)
            .map(|&(_, e, _)| e)
    }

    /// Records that organisation `e` made a statement (it is then the first choice of "the
    /// company said").
    pub fn spoke(&mut self, e: usize) {
        if self.entities.get(e).is_some_and(|x| !x.person) {
            self.spoke.insert(e);
            self.weak_orgs.remove(&e);
        }
    }

    /// The organisation named last before byte `at` that a noun of `kinds` can name (one of
    /// no known kind fits any).
    fn recent_org(&self, at: usize, passage: usize, kinds: u8) -> Option<usize> {
        let fits = |&&(p, e, _): &&(usize, usize, usize)| {
            let ent = &self.entities[e];
            let theirs = org_kinds_of(&ent.name);
            p < at
                && !ent.person
                && !self.weak_orgs.contains(&e)
                && ent.name.starts_with(char::is_uppercase)
                && (theirs == 0 || theirs & kinds != 0)
        };
        let latest = |keep: &dyn Fn(usize, usize) -> bool| {
            self.org_mentions
                .iter()
                .filter(fits)
                .filter(|&&(_, e, ps)| keep(e, ps))
                .max_by_key(|&&(p, _, _)| p)
                .map(|&(_, e, _)| e)
        };
        // One named in the same passage; then one that spoke before one merely named.
        latest(&|_, ps| ps == passage)
            .or_else(|| latest(&|e, _| self.spoke.contains(&e)))
            .or_else(|| latest(&|_, _| true))
    }

    /// The organisation an indefinite description ("a committee of MPs", "a government
    /// report") stands for: the first named within the next [`AHEAD_PASSAGES`] passages, of the
    /// description's kind when `of_kind` (its head noun in the name, or an organisation kind in
    /// common).
    fn org_ahead(&self, d: &Described, at: usize, passage: usize, of_kind: bool) -> Option<usize> {
        if !d.indefinite {
            return None;
        }
        let kinds = org_kinds_of(&d.head);
        self.org_mentions
            .iter()
            .filter(|&&(p, e, ps)| {
                let ent = &self.entities[e];
                p > at
                    && ps <= passage + AHEAD_PASSAGES
                    && !ent.person
                    && !self.weak_orgs.contains(&e)
                    && ent.name.starts_with(char::is_uppercase)
                    && (!of_kind
                        || ent
                            .name
                            .split_whitespace()
                            .any(|w| names::fold_word(w) == d.head)
                        || (kinds != 0 && org_kinds_of(&ent.name) & kinds != 0))
            })
            .min_by_key(|&&(p, _, _)| p)
            .map(|&(_, e, _)| e)
    }

    /// Byte position of the last mention of organisation `e` before byte `at`.
    fn org_mentioned_before(&self, e: usize, at: usize) -> Option<usize> {
        self.org_mentions
            .iter()
            .filter(|&&(p, x, _)| x == e && p < at)
            .map(|&(p, _, _)| p)
            .max()
    }

    /// The author of a document the article does not attribute, with no speaker just before:
    /// a speech or an interview is the article's principal person's; a report or a survey the
    /// organisation that spoke last.
    fn unsigned_document(&self, d: &Described, at: usize, passage: usize) -> Option<usize> {
        if is_personal_document(&d.head) {
            return self.principal(at);
        }
        self.org_mentions
            .iter()
            .filter(|&&(p, e, ps)| {
                p < at && ps <= passage && self.spoke.contains(&e) && !self.groups.contains(&e)
            })
            .max_by_key(|&&(p, _, _)| p)
            .map(|&(_, e, _)| e)
    }

    /// The person the article is about: the one named most often before byte `at`, at least
    /// [`PRINCIPAL_MENTIONS`] times and twice as often as anyone else.
    fn principal(&self, at: usize) -> Option<usize> {
        let mut counts: FastMap<usize, usize> = FastMap::default();
        for &(p, _, e) in &self.mentions {
            if p < at && self.entities[e].person {
                *counts.entry(e).or_default() += 1;
            }
        }
        let mut ranked: Vec<(usize, usize)> = counts.into_iter().map(|(e, n)| (n, e)).collect();
        ranked.sort_by_key(|&(n, e)| (std::cmp::Reverse(n), e));
        match ranked[..] {
            [(n, e)] if n >= PRINCIPAL_MENTIONS => Some(e),
            [(n, e), (m, _), ..] if n >= PRINCIPAL_MENTIONS && n >= 2 * m => Some(e),
            _ => None,
        }
    }

    /// Records that documents of kind `head` ("report") come from organisation `e`.
    pub fn doc_author(&mut self, head: &str, e: usize) {
        self.doc_authors.insert(head.to_string(), e);
    }

    /// The organisation a capitalised name refers to, if the article named it.
    pub fn org_named(&self, name: &str) -> Option<usize> {
        self.named_org(name)
    }

    /// Records one more mention of organisation `e` at byte `at` (a short form, an acronym).
    pub fn mention_org(&mut self, e: usize, at: usize, passage: usize) {
        if e < self.entities.len() {
            self.org_mention(e, at, passage);
        }
    }

    /// A document's author: "the GAO report" is the GAO's; a bare "the report" is the author
    /// of the last report attributed.
    fn document(&mut self, d: &Described, at: usize, passage: usize) -> Option<usize> {
        let words: Vec<&str> = d
            .bare
            .split_whitespace()
            .take_while(|w| names::fold_word(w) != d.head)
            .collect();
        // "an October 2019 memoir": a word before a number is a date's, no owner's.
        let owner: Vec<&str> = words
            .iter()
            .enumerate()
            .filter(|&(i, w)| {
                w.starts_with(char::is_uppercase)
                    && !words
                        .get(i + 1)
                        .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()))
            })
            .map(|(_, w)| *w)
            .collect();
        if owner.is_empty() {
            return self.doc_authors.get(&d.head).copied();
        }
        let name = owner.join(" ");
        let name = name
            .trim_end_matches("'s")
            .trim_end_matches("’s")
            .to_string();
        let e = match self.named_org(&name) {
            Some(e) => e,
            None => self.new_org(&name, d.countries.clone(), at, passage),
        };
        self.org_mention(e, at, passage);
        self.doc_authors.insert(d.head.clone(), e);
        Some(e)
    }

    fn touch(&mut self, e: usize, at: usize, passage: usize) {
        if let Some(ent) = self.entities.get_mut(e) {
            ent.last = ent.last.max(at);
            ent.last_passage = ent.last_passage.max(passage);
        }
    }

    /// Records `text` as a name of identity `e`, when it is a name: a speaker's aliases hold
    /// names, never descriptions ("the president", "aide", "the bank").
    fn alias(&mut self, e: usize, text: &str) {
        if let Some(ent) = self.entities.get_mut(e) {
            if is_name_alias(text, ent.person) && !ent.aliases.iter().any(|a| a == text) {
                ent.aliases.push(text.to_string());
            }
        }
    }

    /// The one person of `gender` the article named before `at`, when there is only one ("she"
    /// far from its antecedent in an article that names one woman).
    fn only_one_of(&self, gender: Gender, at: usize) -> Option<usize> {
        let mut found = None;
        for &(p, _, e) in &self.mentions {
            let ent = &self.entities[e];
            if p < at && ent.person && ent.gender == Some(gender) && found != Some(e) {
                if found.is_some() {
                    return None;
                }
                found = Some(e);
            }
        }
        found
    }

    /// The most recent person mention before `at`, within `window` passages, that fits
    /// `gender`. A weak mention (after a preposition: "what Reid tweeted about Trump",
    /// "addressed to President and Mrs. Trump") gives way to the most recent of the strongest
    /// of its passage: the pronoun that opens the next clause continues its subject.
    fn recent_person(
        &self,
        at: usize,
        passage: usize,
        gender: Option<Gender>,
        window: usize,
    ) -> Option<usize> {
        let fits = |&&(p, ps, e): &&(usize, usize, usize)| {
            p < at && passage.saturating_sub(ps) <= window && self.may_be(e, gender)
        };
        let last = self
            .mentions
            .iter()
            .filter(fits)
            .max_by_key(|(p, _, _)| *p)?;
        if self.weakness(last.0) == 0 {
            return Some(last.2);
        }
        let strongest = self
            .mentions
            .iter()
            .filter(fits)
            .filter(|(_, ps, _)| *ps == last.1)
            .min_by_key(|&&(p, _, _)| (self.weakness(p), std::cmp::Reverse(p)));
        Some(strongest.unwrap_or(last).2)
    }

    /// How weak an antecedent the person mention at byte `p` is (0: a subject's or an
    /// object's place).
    fn weakness(&self, p: usize) -> u8 {
        self.weak.get(&p).copied().unwrap_or(0)
    }

    /// Returns true if and only if a later passage than the last to mention `e` names before
    /// `at`, outside the words said, another person who fits `gender`, other than as a
    /// qualifier ("a Bush appointee"): "The actress
    /// says ... / ... press secretary Sarah Sanders was asked ... / ..., she said".
    fn introduced_since(&self, e: usize, at: usize, gender: Option<Gender>) -> bool {
        let (last, last_passage) = match self.entities.get(e) {
            Some(ent) => (ent.last, ent.last_passage),
            None => return false,
        };
        self.mentions.iter().any(|&(p, ps, x)| {
            x != e
                && p > last
                && p < at
                && ps > last_passage
                && !self.words_said.contains(&p)
                && self.weakness(p) < 2
                && self.may_be(x, gender)
        })
    }

    /// Returns true if and only if identity `e` is a person who may be of `gender`.
    pub fn may_be(&self, e: usize, gender: Option<Gender>) -> bool {
        self.entities
            .get(e)
            .is_some_and(|x| x.person && gender_fits(gender, x.gender))
    }

    /// Sets the byte range of the words said of the statement resolved next.
    pub fn set_words_said(&mut self, words: std::ops::Range<usize>) {
        self.words_said = words;
    }

    /// Marks the person mention at byte `at` as a weak antecedent of a pronoun (`weakness`
    /// 1: after a preposition; 2: qualifying a noun).
    pub fn weak_mention(&mut self, at: usize, weakness: u8) {
        if weakness > 0 {
            self.weak.insert(at, weakness);
        }
    }

    /// Resolves a statement's source mention at byte `at` of `passage`. `subject` is the person
    /// that opens the sentence, when one does (for a pronoun later in it); `context_countries`
    /// the countries the sentence names before the mention (for `its`, `their`, `the
    /// country's`), the first group first.
    pub fn resolve(
        &mut self,
        m: &Mention,
        at: usize,
        passage: usize,
        subject: Option<usize>,
        context_countries: &[Vec<&'static str>],
    ) -> Resolved {
        let owned = self.without_surname_owner(m);
        let m = owned.as_ref().unwrap_or(m);
        let r = match m {
            // "Centers" of "the Centers for Disease Control and Prevention (CDC) said": the
            // first word of an organisation named, when no person of the article has it as
            // surname.
            Mention::Person(n)
                if !n.name.contains(' ')
                    && !self.is_known_surname(&n.name)
                    && self.named_org(&n.name).is_some() =>
            {
                let d = Described {
                    text: n.name.clone(),
                    ..Described::default()
                };
                Resolved::Entity(self.org(&d, at, passage))
            }
            Mention::Person(n) => match self.person_mention(n, at, passage) {
                Some(e) => Resolved::Entity(e),
                None => Resolved::Nobody,
            },
            Mention::Pronoun(p) => self.pronoun(*p, at, passage, subject),
            Mention::Document(d) => Resolved::Entity(self.document_source(d, at, passage)),
            Mention::Role(d) => self.role(d, at, passage, context_countries),
            // "Jordan said" after "Rep. Jim Jordan": a place's name that is the surname of a
            // person of the article is that person.
            Mention::Org(d) if self.is_known_surname(&d.text) => {
                let n = Named {
                    name: d.text.clone(),
                    ..Named::default()
                };
                match self.person_mention(&n, at, passage) {
                    Some(e) => Resolved::Entity(e),
                    None => Resolved::Nobody,
                }
            }
            Mention::People(d) | Mention::Org(d) => {
                return self.resolve_group(m, d, at, passage, context_countries)
            }
        };
        self.recorded(r, passage)
    }

    /// "Jordan's supporters" after "Rep. Jim Jordan": a description owned by a place's name
    /// that is the surname of a person of the article is theirs, not the place's, so it
    /// loses that place's countries. An office keeps them ("Jordan's foreign minister").
    fn without_surname_owner(&self, m: &Mention) -> Option<Mention> {
        let (Mention::Role(d) | Mention::People(d) | Mention::Org(d)) = m else {
            return None;
        };
        let first = d.text.split_whitespace().next()?;
        let owner = first
            .strip_suffix("'s")
            .or_else(|| first.strip_suffix("’s"))?;
        if d.gov || d.countries.is_empty() || !self.is_known_surname(owner) {
            return None;
        }
        let place = crate::extract::gazetteer::Gazetteer::get().place_str(owner)?;
        let mut d = d.clone();
        d.countries.retain(|c| !place.countries.contains(c));
        Some(match m {
            Mention::Role(_) => Mention::Role(d),
            Mention::People(_) => Mention::People(d),
            _ => Mention::Org(d),
        })
    }

    /// Records the speaker of a resolved mention as the last one, and returns it.
    fn recorded(&mut self, r: Resolved, passage: usize) -> Resolved {
        if let Resolved::Entity(e) = r {
            self.last_speaker = Some((e, passage));
            self.spoke(e);
        }
        r
    }

    /// The source of a document ("the statement said"): whoever issued it, the speaker just
    /// before; with nobody before ("Poll: ..."), the document itself.
    fn document_source(&mut self, d: &Described, at: usize, passage: usize) -> usize {
        let recent = self
            .last_speaker
            .filter(|&(_, ps)| passage.saturating_sub(ps) <= 2)
            .map(|(e, _)| e);
        // A report speaks for an organisation before the person who spoke last.
        let personal = is_personal_document(&d.head);
        let found = self.document(d, at, passage).or_else(|| {
            if personal {
                recent.or_else(|| self.unsigned_document(d, at, passage))
            } else {
                self.unsigned_document(d, at, passage).or(recent)
            }
        });
        // "A government report has revealed ... The Government Accountability Office
        // said": an indefinite document is the organisation named soon after.
        let found = found.or_else(|| {
            let e = self.org_ahead(d, at, passage, false)?;
            self.doc_authors.insert(d.head.clone(), e);
            Some(e)
        });
        match found {
            Some(e) => e,
            None => self.org(d, at, passage),
        }
    }

    /// Resolves a mention of people or of an organisation, `d` of `m`, and records its speaker.
    fn resolve_group(
        &mut self,
        m: &Mention,
        d: &Described,
        at: usize,
        passage: usize,
        context_countries: &[Vec<&'static str>],
    ) -> Resolved {
        let mut d = d.clone();
        self.own(&mut d, context_countries);
        // "Bespoke analysts", "CDC officials": people of an organisation named before
        // speak for it.
        if let Some(e) = self.people_of_org(m, &d) {
            self.org_mention(e, at, passage);
            self.last_speaker = Some((e, passage));
            self.spoke(e);
            return Resolved::Entity(e);
        }
        // "The joint committee ... found ... Members urged": the members of the
        // organisation the passage has just named.
        if let Some(e) = self.members_of(m, &d, at, passage) {
            self.org_mention(e, at, passage);
            return self.spoken(e, passage);
        }
        // "the ministry", "the foreign ministry": an organisation named before; "the UK's
        // biggest mortgage lender", one of that kind and country.
        let lower = !d.text.chars().next().is_some_and(char::is_uppercase);
        let head_lower = d
            .text
            .split_whitespace()
            .last()
            .is_some_and(|w| w.starts_with(char::is_lowercase));
        if head_lower && !d.countries.is_empty() && !d.indefinite {
            let kinds = org_kinds_of(&d.head);
            let found = (matches!(m, Mention::Org(_)) && kinds != 0)
                .then(|| self.recent_org(at, passage, kinds))
                .flatten()
                .filter(|&e| {
                    let ent = &self.entities[e];
                    // A country speaking ("Kenya said") is no organisation of a kind.
                    let place = super::gazetteer::Gazetteer::get()
                        .place_str(&ent.name)
                        .is_some_and(|p| p.kind == super::gazetteer::PlaceKind::Country);
                    !place
                        && (ent.countries.is_empty()
                            || ent.countries.iter().any(|c| d.countries.contains(c)))
                });
            if let Some(e) = found {
                self.touch(e, at, passage);
                return self.spoken(e, passage);
            }
        }
        let short = d.countries.is_empty() && lower;
        let earlier = short
            .then(|| {
                self.entities
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| !e.person)
                    .filter(|(_, e)| {
                        let lower = e.name.to_lowercase();
                        lower.contains(&d.head)
                            && d.mods
                                .iter()
                                .all(|m| lower.contains(m.as_str()) || m == "the")
                    })
                    .filter_map(|(i, _)| Some((i, self.org_mentioned_before(i, at)?)))
                    .max_by_key(|&(_, p)| p)
                    .map(|(i, _)| i)
                    // "the bank", "the group": the organisation of that kind named
                    // last.
                    .or_else(|| match (m, org_kinds_of(&d.head)) {
                        (Mention::Org(_), kinds) if kinds != 0 => {
                            self.recent_org(at, passage, kinds)
                        }
                        _ => None,
                    })
            })
            .flatten();
        // "A committee of MPs and peers has warned ... The joint committee on human
        // rights found": an organisation described before it is named.
        let earlier = earlier.or_else(|| {
            matches!(m, Mention::Org(_))
                .then(|| self.org_ahead(&d, at, passage, true))
                .flatten()
        });
        let r = match earlier {
            Some(e) => {
                self.touch(e, at, passage);
                self.alias(e, &d.text);
                Resolved::Entity(e)
            }
            None => {
                let e = self.org(&d, at, passage);
                if matches!(m, Mention::People(_)) && d.countries.is_empty() {
                    self.groups.insert(e);
                }
                Resolved::Entity(e)
            }
        };
        self.recorded(r, passage)
    }

    /// Records that `e` spoke in `passage` and returns it resolved.
    fn spoken(&mut self, e: usize, passage: usize) -> Resolved {
        self.last_speaker = Some((e, passage));
        self.spoke(e);
        Resolved::Entity(e)
    }

    /// The organisation that bare "members" (no owner, no qualifier) are the members of: the
    /// one named last before byte `at` in the same passage.
    fn members_of(&self, m: &Mention, d: &Described, at: usize, passage: usize) -> Option<usize> {
        let bare = matches!(m, Mention::People(_))
            && d.head == "members"
            && d.mods.is_empty()
            && d.owner_pronoun.is_none()
            && d.countries.is_empty()
            && d.bare.split_whitespace().count() == 1;
        if !bare {
            return None;
        }
        self.org_mentions
            .iter()
            .filter(|&&(p, e, ps)| {
                p < at && ps == passage && !self.entities[e].person && !self.weak_orgs.contains(&e)
            })
            .max_by_key(|&&(p, _, _)| p)
            .map(|&(_, e, _)| e)
    }

    /// The organisation whose people a description names by its name ("Bespoke analysts",
    /// "Planned Parenthood officials"), when the article named it before.
    fn people_of_org(&self, m: &Mention, d: &Described) -> Option<usize> {
        if !matches!(m, Mention::People(_)) {
            return None;
        }
        let words: Vec<&str> = d.bare.split_whitespace().collect();
        let (_, owner) = words.split_last()?;
        if owner.is_empty() || !owner.iter().all(|w| w.starts_with(char::is_uppercase)) {
            return None;
        }
        let name = owner.join(" ");
        let name = name.trim_end_matches("'s").trim_end_matches("’s");
        self.named_org(name)
    }

    /// Gives a description whose owner is `its`/`their`/`the country's` the countries of the
    /// context.
    fn own(&self, d: &mut Described, context: &[Vec<&'static str>]) {
        let owners: &[&'static str] = match d.owner_pronoun {
            Some(OwnerRef::Plural) => context
                .iter()
                .find(|g| g.len() > 1)
                .or(context.first())
                .map_or(&[], |g| g.as_slice()),
            Some(OwnerRef::Singular) => context.first().map_or(&[], |g| &g[..1]),
            None => &[],
        };
        if owners.is_empty() {
            return;
        }
        merge_countries(&mut d.countries, owners);
        // "their defence ministers" is "defence ministers of Estonia, Latvia and Lithuania".
        let list = match owners {
            [one] => one.to_string(),
            [init @ .., last] => format!("{} and {last}", init.join(", ")),
            [] => String::new(),
        };
        if !d.bare.is_empty() {
            d.text = format!("{} of {list}", d.bare);
        }
    }

    fn pronoun(
        &mut self,
        p: Pronoun,
        at: usize,
        passage: usize,
        subject: Option<usize>,
    ) -> Resolved {
        let gender = match p {
            Pronoun::He => Some(Gender::Male),
            Pronoun::She => Some(Gender::Female),
            Pronoun::Writer => return Resolved::Nobody,
            Pronoun::It | Pronoun::They => {
                return match self.last_speaker {
                    Some((e, ps))
                        if passage.saturating_sub(ps) <= 2 && !self.entities[e].person =>
                    {
                        Resolved::Entity(e)
                    }
                    _ => Resolved::Nobody,
                };
            }
        };
        let fits = |s: &Resolver, e: usize| s.may_be(e, gender);
        let pick = subject
            .filter(|&e| fits(self, e))
            .or_else(|| {
                self.last_speaker
                    .filter(|&(e, ps)| {
                        passage.saturating_sub(ps) <= 3
                            && fits(self, e)
                            && !self.introduced_since(e, at, gender)
                    })
                    .map(|(e, _)| e)
            })
            .or_else(|| self.recent_person(at, passage, gender, 3))
            .or_else(|| self.only_one_of(gender?, at));
        match pick {
            Some(e) => {
                if self.entities[e].gender.is_none() {
                    self.entities[e].gender = gender;
                }
                self.touch(e, at, passage);
                Resolved::Entity(e)
            }
            None => Resolved::Nobody,
        }
    }

    fn role(
        &mut self,
        d: &Described,
        at: usize,
        passage: usize,
        context: &[Vec<&'static str>],
    ) -> Resolved {
        let mut d = d.clone();
        self.own(&mut d, context);
        let head = d.head.as_str();
        let gender = noun_gender(head);
        // "a spokesman for Mr. Obama": the one named as Obama's spokesman, never another.
        let owner = owner_of(&d.text);
        let possessive = self.possessive_of(&d.text);

        let fits = |e: &Entity| {
            e.person
                && gender_fits(gender, e.gender)
                && owner_allows(possessive.as_ref(), e)
                && e.role.as_ref().is_some_and(|r| {
                    let r = r.to_lowercase();
                    owner.as_deref().is_none_or(|o| {
                        r.split(|c: char| !c.is_alphanumeric()).any(|w| w == o)
                            && !e.name.to_lowercase().ends_with(o)
                    })
                })
                && e.role.as_ref().is_some_and(|r| {
                    let r = r.to_lowercase();
                    r.contains(head)
                        || (head == "secretary" && r.contains("secretary"))
                        || (matches!(head, "pm" | "premier") && r.contains("prime minister"))
                })
                && (d.countries.is_empty() || {
                    // Countries the article gave them, else the knowledge base's.
                    if e.countries.is_empty() {
                        let kb = self
                            .kb_countries
                            .get(&e.name)
                            .map_or(&[][..], Vec::as_slice);
                        kb.is_empty() || d.countries.iter().any(|c| kb.iter().any(|k| k == c))
                    } else {
                        d.countries.iter().any(|c| e.countries.contains(c))
                    }
                })
                && d.mods.iter().all(|m| {
                    let r = e.role.as_deref().unwrap_or("").to_lowercase();
                    !Lexicon::get().lists.office_modifiers.contains(&m.as_str())
                        || r.contains(m.as_str())
                })
        };
        let found = self
            .mentions
            .iter()
            .filter(|(p, _, e)| *p < at && fits(&self.entities[*e]))
            .max_by_key(|(p, _, _)| *p)
            .map(|&(_, _, e)| e);
        match found {
            Some(e) => {
                let ent = &mut self.entities[e];
                merge_countries(&mut ent.countries, &d.countries);
                self.touch(e, at, passage);
                self.alias(e, &d.text);
                Resolved::Entity(e)
            }
            None => {
                // A name soon after that fits the description.
                let ahead = self
                    .mentions
                    .iter()
                    .filter(|(p, ps, e)| *p > at && *ps <= passage + 3 && fits(&self.entities[*e]))
                    .min_by_key(|(p, _, _)| *p)
                    .map(|&(_, _, e)| e);
                if let Some(e) = ahead {
                    let ent = &mut self.entities[e];
                    merge_countries(&mut ent.countries, &d.countries);
                    self.alias(e, &d.text);
                    return Resolved::Entity(e);
                }
                // Kept as written until a name claims it.
                self.note_name(&d.text);
                let e = self.entities.len();
                self.entities.push(Entity {
                    name: d.text.clone(),
                    role: Some(d.text.clone()),
                    gov: d.gov,
                    countries: d.countries.clone(),
                    gender,
                    aliases: vec![d.text.clone()],
                    person: true,
                    abroad: false,
                    speaks_for: None,
                    last: at,
                    last_passage: passage,
                });
                Resolved::Pending(e)
            }
        }
    }

    /// The owner whose possessive opens `description` ([`possessive_owner`]), lowercased, and
    /// whether it is the surname of a person the article named in full.
    fn possessive_of(&self, description: &str) -> Option<(String, bool)> {
        possessive_owner(description).map(|o| (o.to_lowercase(), self.is_known_surname(o)))
    }

    /// Returns true if and only if the person `named` may be the one the pending description
    /// `pending` describes: the description's head noun is in their role ("Poland's prime
    /// minister" and "Prime Minister Mateusz Morawiecki"), or they have no role written and the
    /// description is not of somebody unnamed ("a senior official", "a reporter").
    pub fn fits_description(&self, pending: usize, named: usize) -> bool {
        let (Some(p), Some(n)) = (self.entities.get(pending), self.entities.get(named)) else {
            return false;
        };
        let head = p
            .role
            .as_deref()
            .and_then(|r| r.split_whitespace().last())
            .map(names::fold_word)
            .unwrap_or_default();
        if head.is_empty() {
            return false;
        }
        let possessive = self.possessive_of(p.role.as_deref().unwrap_or(""));
        if !gender_fits(p.gender, n.gender) || !owner_allows(possessive.as_ref(), n) {
            return false;
        }
        // "a spokesman for Mr. Obama" is claimed only by one named as Obama's spokesman.
        if let Some(owner) = p.role.as_deref().and_then(owner_of) {
            let words: Vec<String> = n
                .role
                .as_deref()
                .unwrap_or("")
                .split(|c: char| !c.is_alphanumeric())
                .map(str::to_lowercase)
                .collect();
            return words.contains(&owner) && !n.name.to_lowercase().ends_with(&owner);
        }
        match n.role.as_deref() {
            Some(role) => role.split_whitespace().any(|w| names::fold_word(w) == head),
            // A person the article describes only after naming: any description but one of
            // somebody unnamed.
            None => {
                let lex = super::lexicon::Lexicon::get().lookup(&head);
                lex.class & super::lexicon::class::ANONYMOUS == 0
            }
        }
    }

    /// Lets the person `named` take over the pending description `pending` (a name that comes
    /// after the first statement: "Poland's prime minister has called ... Prime Minister Mateusz
    /// Morawiecki said").
    pub fn claim(&mut self, pending: usize, named: usize) {
        if pending == named || pending >= self.entities.len() || named >= self.entities.len() {
            return;
        }
        let p = self.entities[pending].clone();
        let n = &mut self.entities[named];
        merge_countries(&mut n.countries, &p.countries);
        if n.role.is_none() {
            n.role = p.role.clone();
        }
        n.gov |= p.gov;
        for a in p.aliases {
            if is_name_alias(&a, true) && !n.aliases.contains(&a) {
                n.aliases.push(a);
            }
        }
    }

    /// Marks identity `e` as placed abroad by the article (see [`Entity::abroad`]).
    pub fn set_abroad(&mut self, e: usize) {
        if let Some(ent) = self.entities.get_mut(e) {
            ent.abroad = true;
        }
    }

    /// Records the last speaker (for continuations).
    pub fn set_last_speaker(&mut self, e: usize, passage: usize) {
        self.last_speaker = Some((e, passage));
    }

    /// The last speaker and its passage.
    pub fn last_speaker(&self) -> Option<(usize, usize)> {
        self.last_speaker
    }
}

/// The gender a role noun says ("spokeswoman", "husband"), from the word lists.
fn noun_gender(head: &str) -> Option<Gender> {
    let lists = &Lexicon::get().lists;
    if lists.female_roles.contains(&head) {
        Some(Gender::Female)
    } else if lists.male_roles.contains(&head) {
        Some(Gender::Male)
    } else {
        None
    }
}

/// Returns true unless both genders are known and differ.
fn gender_fits(a: Option<Gender>, b: Option<Gender>) -> bool {
    a.is_none() || b.is_none() || a == b
}

/// Returns true if and only if a role has the folded word `head`, but in a possessive, which
/// names another's office ("the president's daughter-in-law").
fn role_has(role: &str, head: &str) -> bool {
    role.split_whitespace()
        .filter(|w| !(w.ends_with("'s") || w.ends_with("’s")))
        .any(|w| names::fold_word(w) == head)
}

/// Returns true if and only if one of the office titles `titles` (joined by " | ") has the
/// folded word `head` ("president" in "vice president of the united states").
fn titles_have(titles: &str, head: &str) -> bool {
    titles
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| names::fold_word(w) == head)
}

/// The owner a description names after "for" or "to" when it ends with a capitalised name
/// ("a spokesman for Mr. Obama" gives `obama`, "an aide to McConnell" `mcconnell`), folded to
/// lowercase.
fn owner_of(description: &str) -> Option<String> {
    let words: Vec<&str> = description.split_whitespace().collect();
    let p = words.iter().rposition(|w| matches!(*w, "for" | "to"))?;
    // "ambassador to Ukraine", "envoy to the US", "spokesperson for the UNHCR": a place or
    // an organisation, not a person's name.
    if p + 1 >= words.len() || matches!(words[p + 1], "the" | "a" | "an") {
        return None;
    }
    owner_name(words.last()?).map(str::to_lowercase)
}

/// The capitalised name a description's word gives an owner, without its possessive and its
/// punctuation ("Obama's" gives "Obama"); none for a place ("Ukraine") or a lowercase word.
fn owner_name(word: &str) -> Option<&str> {
    let name = word.trim_end_matches("'s").trim_end_matches("’s");
    let name = name.trim_matches(|c: char| !c.is_alphanumeric());
    let named = name.starts_with(char::is_uppercase)
        && super::gazetteer::Gazetteer::get().place_str(name).is_none();
    named.then_some(name)
}

/// Returns true if and only if the person `e` may hold a role that a description gives
/// somebody's by a possessive ("Pence's chief of staff"; `possessive` is
/// [`Resolver::possessive_of`] it): never that somebody, nor, when the owner is a person the
/// article named in full, one whose role names somebody or something else ("Acting White House
/// chief of staff").
fn owner_allows(possessive: Option<&(String, bool)>, e: &Entity) -> bool {
    let Some((owner, person)) = possessive else {
        return true;
    };
    let role = e.role.as_deref().unwrap_or("");
    let names_owner = role
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w.eq_ignore_ascii_case(owner));
    !e.name.to_lowercase().ends_with(owner.as_str())
        && (!person || names_owner || !role.contains(char::is_uppercase))
}

/// The capitalised name whose possessive opens the description `description` before a role
/// ("Pence's chief of staff", "Mr. Obama's spokesman"), as written; none for a place's
/// ("Russia's foreign minister" is a country's office).
fn possessive_owner(description: &str) -> Option<&str> {
    let words: Vec<&str> = description.split_whitespace().collect();
    let k = words
        .iter()
        .position(|w| w.ends_with("'s") || w.ends_with("’s"))
        .filter(|&k| k + 1 < words.len())?;
    owner_name(words[k])
}

/// Returns true if and only if the initials of `name`'s capitalised words start with `letters`
/// (ASCII capitals) and number at most one more ("CDC" of "Centers for Disease Control and
/// Prevention").
fn initials_fit(name: &str, letters: &str) -> bool {
    let want = letters.as_bytes();
    let mut n = 0;
    for c in name
        .split_whitespace()
        .filter_map(|w| w.chars().next().filter(|c| c.is_uppercase()))
    {
        if n < want.len() && c != char::from(want[n]) || n > want.len() {
            return false;
        }
        n += 1;
    }
    n >= want.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(name: &str, role: Option<&str>, countries: &[&'static str]) -> Mention {
        Mention::Person(Named {
            name: name.into(),
            role: role.map(str::to_string),
            gov: role.is_some(),
            countries: countries.to_vec(),
            gender: None,
        })
    }

    #[test]
    fn identities() {
        let mut r = Resolver::default();
        let lavrov = match r.resolve(
            &named(
                "Sergei Lavrov",
                Some("Russian Foreign Minister"),
                &["Russia"],
            ),
            10,
            0,
            None,
            &[],
        ) {
            Resolved::Entity(e) => e,
            other => panic!("help: {other:?}"),
        };
        let blinken = match r.resolve(
            &named(
                "Antony Blinken",
                Some("US Secretary of State"),
                &["United States"],
            ),
            20,
            0,
            None,
            &[],
        ) {
            Resolved::Entity(e) => e,
            other => panic!("help: {other:?}"),
        };
        let cases: Vec<(Mention, Resolved)> = vec![
            (named("Lavrov", None, &[]), Resolved::Entity(lavrov)),
            (named("Sergey Lavrov", None, &[]), Resolved::Entity(lavrov)),
            (Mention::Pronoun(Pronoun::He), Resolved::Entity(lavrov)),
            (
                Mention::Role(Described {
                    text: "the US state secretary".into(),
                    head: "secretary".into(),
                    countries: vec!["United States"],
                    ..Default::default()
                }),
                Resolved::Entity(blinken),
            ),
            (
                Mention::Role(Described {
                    text: "the minister".into(),
                    head: "minister".into(),
                    ..Default::default()
                }),
                Resolved::Entity(lavrov),
            ),
            (Mention::Pronoun(Pronoun::Writer), Resolved::Nobody),
        ];
        for (i, (m, want)) in cases.into_iter().enumerate() {
            assert_eq!(
                r.resolve(&m, 100 + i, 1, None, &[]),
                want,
                "help: mention {m:?}"
            );
        }
        assert!(r.entities[lavrov]
            .aliases
            .contains(&"Sergey Lavrov".to_string()));
    }
}
