//! Speaker resolution: one identity for every way an article names a speaker.
//!
//! A [`Resolver`] walks an article's mentions in text order. Full names are registered with the
//! role and countries written with them; surnames, titles ("the minister", "the Russian foreign
//! minister"), organisations' short forms ("the ministry") and pronouns resolve to an earlier
//! identity (gender from first names, titles and earlier pronouns); a description with no
//! antecedent may be claimed by a name that comes right after it. Knows nothing of tokens'
//! origins: it is given [`Mention`]s and byte positions.

use super::hash::FastMap;

use super::gazetteer::Gender;
use super::lexicon::Lexicon;
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
    /// Person mentions (byte position, passage, entity), in order.
    mentions: Vec<(usize, usize, usize)>,
    last_speaker: Option<(usize, usize)>,
}

fn first_key(name: &str) -> Option<String> {
    let k = names::name_key(name);
    let mut parts = k.split(' ');
    let first = parts.next()?.to_string();
    parts.next().map(|_| first)
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
        let Some(surname) = names::surname_key(&n.name) else {
            return self.new_entity(n, at, passage);
        };
        let first = first_key(&n.name);
        let candidates = self.by_surname.get(&surname).cloned().unwrap_or_default();
        // The same person: same surname and no conflicting first name; the most recent one.
        let found = candidates
            .iter()
            .copied()
            .filter(|&e| match (&first, first_key(&self.entities[e].name)) {
                (Some(a), Some(b)) => *a == b || a.len() <= 2 || b.len() <= 2,
                _ => true,
            })
            .max_by_key(|&e| self.entities[e].last);
        let e = match found {
            Some(e) => e,
            None => return self.new_entity(n, at, passage),
        };
        let ent = &mut self.entities[e];
        if n.name.split_whitespace().count() > ent.name.split_whitespace().count() {
            ent.name = n.name.clone();
        }
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
        e
    }

    fn new_entity(&mut self, n: &Named, at: usize, passage: usize) -> usize {
        let e = self.entities.len();
        self.entities.push(Entity {
            name: n.name.clone(),
            role: n.role.clone(),
            gov: n.gov,
            countries: n.countries.clone(),
            gender: n.gender,
            aliases: vec![n.name.clone()],
            person: true,
            last: at,
            last_passage: passage,
        });
        if let Some(s) = names::surname_key(&n.name) {
            self.by_surname.entry(s).or_default().push(e);
        }
        self.mentions.push((at, passage, e));
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
    pub fn surname_mention(&mut self, word: &str, at: usize, passage: usize) -> bool {
        let key = names::fold_word(word);
        let Some(ids) = self.by_surname.get(&key) else {
            return false;
        };
        let Some(&e) = ids.iter().max_by_key(|&&e| self.entities[e].last) else {
            return false;
        };
        self.touch(e, at, passage);
        self.mentions.push((at, passage, e));
        true
    }

    fn org(&mut self, d: &Described, at: usize, passage: usize) -> usize {
        let key = names::name_key(&d.text);
        if let Some(&e) = self.by_org.get(&key) {
            self.touch(e, at, passage);
            return e;
        }
        let e = self.entities.len();
        self.entities.push(Entity {
            name: d.text.clone(),
            role: None,
            gov: false,
            countries: d.countries.clone(),
            gender: None,
            aliases: vec![d.text.clone()],
            person: false,
            last: at,
            last_passage: passage,
        });
        self.by_org.insert(key, e);
        e
    }

    fn touch(&mut self, e: usize, at: usize, passage: usize) {
        if let Some(ent) = self.entities.get_mut(e) {
            ent.last = ent.last.max(at);
            ent.last_passage = ent.last_passage.max(passage);
        }
    }

    fn alias(&mut self, e: usize, text: &str) {
        if let Some(ent) = self.entities.get_mut(e) {
            if !ent.aliases.iter().any(|a| a == text) {
                ent.aliases.push(text.to_string());
            }
        }
    }

    /// The most recent person mention before `at`, within `window` passages, that fits
    /// `gender`.
    fn recent_person(
        &self,
        at: usize,
        passage: usize,
        gender: Option<Gender>,
        window: usize,
    ) -> Option<usize> {
        self.mentions
            .iter()
            .filter(|(p, ps, e)| {
                *p < at
                    && passage.saturating_sub(*ps) <= window
                    && self.entities[*e].person
                    && (gender.is_none()
                        || self.entities[*e].gender.is_none_or(|g| Some(g) == gender))
            })
            .max_by_key(|(p, _, _)| *p)
            .map(|&(_, _, e)| e)
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
        let r = match m {
            Mention::Person(n) => Resolved::Entity(self.person(n, at, passage)),
            Mention::Pronoun(p) => self.pronoun(*p, at, passage, subject),
            // "the statement said": whoever issued it, the speaker just before; with nobody
            // before ("Poll: ..."), the document itself.
            Mention::Document(d) => match self.last_speaker {
                Some((e, ps)) if passage.saturating_sub(ps) <= 2 => Resolved::Entity(e),
                _ => Resolved::Entity(self.org(d, at, passage)),
            },
            Mention::Role(d) => self.role(d, at, passage, context_countries),
            Mention::People(d) | Mention::Org(d) => {
                let mut d = d.clone();
                self.own(&mut d, context_countries);
                // "the ministry", "the foreign ministry": an organisation named before.
                let short = d.countries.is_empty()
                    && !d.text.chars().next().is_some_and(char::is_uppercase);
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
                            .max_by_key(|(_, e)| e.last)
                            .map(|(i, _)| i)
                    })
                    .flatten();
                match earlier {
                    Some(e) => {
                        self.touch(e, at, passage);
                        self.alias(e, &d.text);
                        Resolved::Entity(e)
                    }
                    None => Resolved::Entity(self.org(&d, at, passage)),
                }
            }
        };
        if let Resolved::Entity(e) = r {
            self.last_speaker = Some((e, passage));
        }
        r
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
        let fits = |s: &Resolver, e: usize| {
            s.entities[e].person && s.entities[e].gender.is_none_or(|g| Some(g) == gender)
        };
        let pick = subject
            .filter(|&e| fits(self, e))
            .or_else(|| {
                self.last_speaker
                    .filter(|&(e, ps)| passage.saturating_sub(ps) <= 3 && fits(self, e))
                    .map(|(e, _)| e)
            })
            .or_else(|| self.recent_person(at, passage, gender, 3));
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
        let fits = |e: &Entity| {
            e.person
                && e.role.as_ref().is_some_and(|r| {
                    let r = r.to_lowercase();
                    r.contains(head)
                        || (head == "secretary" && r.contains("secretary"))
                        || (matches!(head, "pm" | "premier") && r.contains("prime minister"))
                })
                && (d.countries.is_empty()
                    || e.countries.is_empty()
                    || d.countries.iter().any(|c| e.countries.contains(c)))
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
                let e = self.entities.len();
                self.entities.push(Entity {
                    name: d.text.clone(),
                    role: Some(d.text.clone()),
                    gov: d.gov,
                    countries: d.countries.clone(),
                    gender: None,
                    aliases: vec![d.text.clone()],
                    person: true,
                    last: at,
                    last_passage: passage,
                });
                Resolved::Pending(e)
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
            if !n.aliases.contains(&a) {
                n.aliases.push(a);
            }
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
