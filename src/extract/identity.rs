//! What whosaid knows of a speaker beyond the article: its canonical name and its countries,
//! each with the evidence behind it.
//!
//! An article resolves its speakers to [`Entity`]s (see [`super::coref`]); this module then
//! asks, in order:
//!
//! 1. the article's own words: countries written with the speaker ("Russian Foreign Minister",
//!    "(D-Wis.)", "of US band ..."), and titles bound to a country ("MSP", "Home Secretary";
//!    "Sen." outside a country that has senators): evidence [`CountryEvidence::Cue`];
//! 2. the knowledge base of public figures ([`People`]) for a person named in full, and the
//!    gazetteer's organisations for an organisation: the canonical name ("Chuck Schumer" for
//!    "Charles E. Schumer", "Centers for Disease Control and Prevention" for "CDC") and the
//!    country, evidence [`CountryEvidence::KnowledgeBase`]. A name that could be two people of
//!    different countries gives neither;
//!    An official with no country speaking of one as theirs ("Bulgaria will decide ..., Prime
//!    Minister Kiril Petkov says") comes after the knowledge base: a president speaking of
//!    Iran is not Iranian;
//! 3. the article's home country ([`super::home`]) for a speaker who may have it.
//!
//! Text processing only: nothing here knows of the index.

use super::coref::Entity;
use super::gazetteer::{Certainty, Gazetteer};
use super::home::Home;
use super::lexicon::Lexicon;
use super::people::People;
use crate::statement::CountryEvidence;

/// A speaker as the statement carries it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Identity {
    /// The canonical name.
    pub name: String,
    /// Canonical countries.
    pub countries: Vec<String>,
    /// The evidence for each of `countries`.
    pub evidence: Vec<CountryEvidence>,
}

/// What an article tells of the world its speakers live in.
#[derive(Clone, Copy)]
pub struct Setting<'a> {
    /// The knowledge base of public figures.
    pub people: &'a People,
    /// The gazetteer.
    pub g: &'a Gazetteer,
    /// The article's home country.
    pub home: Option<Home>,
    /// The year the article was published, when known.
    pub year: Option<u16>,
}

/// The identity of `ent`, an identity of an article set in `at`.
pub fn identify(ent: &Entity, at: &Setting) -> Identity {
    let (people, g, home) = (at.people, at.g, at.home);
    let known = if ent.person {
        person(&ent.name, people).or_else(|| office_holder(ent, at))
    } else {
        organisation(&ent.name, g)
    };
    let name = known
        .as_ref()
        .and_then(|k| k.name.clone())
        .unwrap_or_else(|| display_name(&ent.name));
    let mut id = Identity {
        name,
        ..Identity::default()
    };
    let known_american = known
        .as_ref()
        .is_some_and(|k| k.countries.iter().any(|c| c == US));
    let cues = state_not_country(cue_countries(ent, g, home), ent, known_american, at);
    if !cues.is_empty() {
        id.set(cues, CountryEvidence::Cue);
    } else if let Some(countries) = known.map(|k| k.countries).filter(|c| !c.is_empty()) {
        id.set(countries, CountryEvidence::KnowledgeBase);
    } else if let Some(c) = ent.speaks_for {
        id.set(vec![c.to_string()], CountryEvidence::Cue);
    } else if let Some(countries) = ent.role.as_deref().and_then(|r| served(r, people)) {
        id.set(countries, CountryEvidence::KnowledgeBase);
    } else if let Some(h) = home.filter(|_| ent.may_be_domestic()) {
        id.set(vec![h.country.to_string()], h.evidence);
    }
    // "The government says": the government of its country ("UK government").
    if !ent.person && NATIONAL_BODIES.contains(&id.name.as_str()) {
        if let [country] = &id.countries[..] {
            if let Some(q) = g.qualifier(country) {
                id.name = format!("{q} {}", id.name);
            }
        }
    }
    id
}

/// Descriptions that name one body of each country, which its country qualifies.
const NATIONAL_BODIES: &[&str] = &["government", "administration"];

impl Identity {
    fn set(&mut self, countries: Vec<String>, evidence: CountryEvidence) {
        self.evidence = vec![evidence; countries.len()];
        self.countries = countries;
    }
}

/// A name written in capitals, as transcripts write speakers ("AMY GOODMAN"), in the case
/// names are written in ("Amy Goodman").
fn display_name(name: &str) -> String {
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    if name.split_whitespace().count() < 2 || letters < 4 || name.chars().any(char::is_lowercase) {
        return name.to_string();
    }
    name.split_whitespace()
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(f) => f
                    .to_uppercase()
                    .chain(cs.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// "The president" of an article that names none: the one person of the article's home
/// country who held an office of that title in the year it was published.
fn office_holder(ent: &Entity, at: &Setting) -> Option<Known> {
    let role = ent.role.as_deref()?;
    let bare = role.strip_prefix("the ").unwrap_or(role);
    if role != ent.name || bare.is_empty() || bare.chars().any(char::is_uppercase) {
        return None;
    }
    let (home, year) = (at.home?, at.year?);
    match at.people.holders(bare, home.country, year)[..] {
        [one] => {
            let p = at.people.person(one);
            Some(Known {
                name: Some(p.name.clone()),
                countries: p.countries.clone(),
            })
        }
        _ => None,
    }
}

/// Georgia the US state is no country: for a speaker the knowledge base knows as American,
/// or in an American article beside a role that names the state, the country a speaker's
/// "Georgia" gives is the United States.
fn state_not_country(
    mut countries: Vec<String>,
    ent: &Entity,
    known_american: bool,
    at: &Setting,
) -> Vec<String> {
    let role = ent.role.as_deref().unwrap_or("");
    let american_article = at.home.is_some_and(|h| h.country == US);
    let before = countries.len();
    countries.retain(|c| {
        let state = at.g.us_state(c).is_some();
        !(state && (known_american || (american_article && role.contains(c.as_str()))))
    });
    if countries.len() < before && !countries.iter().any(|c| c == US) {
        countries.push(US.to_string());
    }
    countries
}

/// The United States, as the gazetteer spells it.
const US: &str = "United States";

/// What a table knows of a name.
struct Known {
    /// The canonical name, when the table gives one for sure.
    name: Option<String>,
    /// Countries every candidate agrees on.
    countries: Vec<String>,
}

/// A person named in full, from the knowledge base. Several people of one name give their
/// common countries and no canonical name.
fn person(name: &str, people: &People) -> Option<Known> {
    if name.split_whitespace().count() < 2 {
        return None;
    }
    let ids = people.lookup(name);
    let (first, rest) = ids.split_first()?;
    let p = people.person(*first);
    // "Donald Trump Jr." is not Donald Trump: a generational suffix must be the known
    // person's too, in their name or one of their other names.
    if let Some(suffix) = generation(name) {
        let theirs = std::iter::once(&p.name).chain(&p.aliases);
        if !theirs.into_iter().any(|n| generation(n) == Some(suffix)) {
            return None;
        }
    }
    let mut countries = p.countries.clone();
    for id in rest {
        let other = &people.person(*id).countries;
        countries.retain(|c| other.contains(c));
    }
    Some(Known {
        name: rest.is_empty().then(|| p.name.clone()),
        countries,
    })
}

/// The generational suffix a name ends with ("Jr.", "Sr", "III"), folded.
fn generation(name: &str) -> Option<&'static str> {
    let last = name.split_whitespace().last()?.trim_end_matches([',', '.']);
    ["Jr", "Sr", "II", "III", "IV"]
        .into_iter()
        .find(|s| last.eq_ignore_ascii_case(s))
}

/// An organisation, from the gazetteer, by its name or acronym.
fn organisation(name: &str, g: &Gazetteer) -> Option<Known> {
    let org = g.organisation(name)?;
    Some(Known {
        name: Some(org.name.to_string()),
        countries: org.country.map(str::to_string).into_iter().collect(),
    })
}

/// The countries the article's words give the speaker: those written with it, then those of
/// a title in its role that names a country.
fn cue_countries(ent: &Entity, g: &Gazetteer, home: Option<Home>) -> Vec<String> {
    if !ent.countries.is_empty() {
        return ent.countries.iter().map(|c| c.to_string()).collect();
    }
    let Some(role) = ent.role.as_deref() else {
        return Vec::new();
    };
    org_in_role(role, g)
        .or_else(|| title_country(role, g, home))
        .map(|c| vec![c.to_string()])
        .unwrap_or_default()
}

/// The most words a name of an organisation or a title in a role may have.
const MAX_PHRASE_WORDS: usize = 5;

/// Every phrase of `words`, longest first.
fn windows<'a>(words: &'a [&'a str]) -> impl Iterator<Item = String> + 'a {
    (1..=words.len().min(MAX_PHRASE_WORDS))
        .rev()
        .flat_map(move |n| words.windows(n).map(|w| w.join(" ")))
}

/// The countries of the person of the knowledge base, named in full, whom a role serves ("a
/// spokeswoman for Melania Trump", "an aide to Nancy Pelosi").
fn served(role: &str, people: &People) -> Option<Vec<String>> {
    let lists = &Lexicon::get().lists;
    let words: Vec<&str> = role.split_whitespace().collect();
    let at = words
        .iter()
        .position(|w| lists.service_prepositions.contains(w))?;
    let name: Vec<&str> = words[at + 1..]
        .iter()
        .take_while(|w| w.starts_with(char::is_uppercase))
        .map(|w| {
            let w = w.trim_end_matches(',');
            w.strip_suffix("'s")
                .or_else(|| w.strip_suffix("’s"))
                .unwrap_or(w)
        })
        .take(MAX_PHRASE_WORDS)
        .collect();
    person(&name.join(" "), people)
        .map(|k| k.countries)
        .filter(|c| !c.is_empty())
}

/// The home country of an organisation a role names ("Bank of England deputy governor").
fn org_in_role(role: &str, g: &Gazetteer) -> Option<&'static str> {
    let words: Vec<&str> = role
        .split_whitespace()
        .map(|w| w.trim_end_matches("'s").trim_end_matches("’s"))
        .collect();
    let found = windows(&words)
        .filter(|p| p.starts_with(char::is_uppercase))
        .find_map(|p| g.organisation(&p).and_then(|o| o.country));
    found
}

/// The country a title in `role` names: a sure title's; a title of a few countries, the
/// article's home country when it is one of them, else (for a title that names its country in
/// context, "Sen.", in an article of another known country) its likeliest; an ambiguous one,
/// only the home country.
fn title_country(role: &str, g: &Gazetteer, home: Option<Home>) -> Option<&'static str> {
    // The title is the capitalised words that end the role, right before the name.
    let words: Vec<&str> = role.split_whitespace().collect();
    let title = (1..=words.len().min(MAX_PHRASE_WORDS))
        .rev()
        .find_map(|n| {
            let tail = words[words.len() - n..].join(" ");
            g.title(&tail)
                .filter(|t| !t.countries.is_empty() && tail.starts_with(char::is_uppercase))
        })?;
    let home = home.map(|h| h.country);
    let at_home = home.filter(|h| title.countries.contains(h));
    match title.certainty {
        Certainty::Sure => title.countries.first().copied(),
        // A senator in a British article is most likely American; in an article of no known
        // country, who knows.
        Certainty::Context => at_home.or_else(|| home.and(title.countries.first().copied())),
        Certainty::Ambiguous => at_home,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entity(name: &str, role: Option<&str>, person: bool) -> Entity {
        Entity {
            name: name.to_string(),
            role: role.map(str::to_string),
            person,
            ..Entity::default()
        }
    }

    /// The setting of an article of `home` published in `year`, with the builtin people and the
    /// gazetteer.
    fn setting(home: Option<Home>, year: Option<u16>) -> Setting<'static> {
        Setting {
            people: People::builtin(),
            g: Gazetteer::get(),
            home,
            year,
        }
    }

    /// A US article's home, from its outlet.
    const US: Option<Home> = Some(Home {
        country: "United States",
        evidence: CountryEvidence::Outlet,
    });

    /// A British article's home, from its text.
    const UK: Option<Home> = Some(Home {
        country: "United Kingdom",
        evidence: CountryEvidence::Article,
    });

    /// An entity, the home of its article, and the name, countries and evidence of its identity.
    type Case<'a> = (
        Entity,
        Option<Home>,
        &'a str,
        &'a [&'a str],
        CountryEvidence,
    );

    /// Entities identified from the knowledge base, from a title in their role, and from their
    /// article's home.
    fn cases() -> Vec<Case<'static>> {
        vec![
            (
                entity("Charles E. Schumer", None, true),
                UK,
                "Chuck Schumer",
                &["United States"],
                CountryEvidence::KnowledgeBase,
            ),
            (
                entity("CDC", None, false),
                UK,
                "Centers for Disease Control and Prevention",
                &["United States"],
                CountryEvidence::KnowledgeBase,
            ),
            (
                entity("Jane Roe", Some("MSP"), true),
                US,
                "Jane Roe",
                &["United Kingdom"],
                CountryEvidence::Cue,
            ),
            (
                entity("Jane Roe", Some("Sen."), true),
                UK,
                "Jane Roe",
                &["United States"],
                CountryEvidence::Cue,
            ),
            (
                entity("Jane Roe", Some("MP"), true),
                UK,
                "Jane Roe",
                &["United Kingdom"],
                CountryEvidence::Cue,
            ),
            (
                entity("spokeswoman", Some("spokeswoman for Melania Trump"), true),
                UK,
                "spokeswoman",
                &["United States"],
                CountryEvidence::KnowledgeBase,
            ),
            (
                entity("aide", Some("an aide to Trump"), true),
                UK,
                "aide",
                &["United Kingdom"],
                CountryEvidence::Article,
            ),
            (
                entity("Jane Roe", None, true),
                US,
                "Jane Roe",
                &["United States"],
                CountryEvidence::Outlet,
            ),
        ]
    }

    #[test]
    fn identities() {
        for (ent, home, name, countries, evidence) in cases() {
            let id = identify(&ent, &setting(home, None));
            assert_eq!(id.name, name, "help: name of {ent:?}");
            assert_eq!(
                id.countries,
                countries.to_vec(),
                "help: countries of {ent:?}"
            );
            assert!(
                id.evidence.iter().all(|e| *e == evidence),
                "help: evidence of {ent:?}: {:?}",
                id.evidence
            );
        }
    }

    #[test]
    fn an_mp_of_no_known_country_has_no_country() {
        // An MP in an article of no known country: no country from the title.
        let id = identify(&entity("Jane Roe", Some("MP"), true), &setting(None, None));
        assert!(id.countries.is_empty(), "help: {id:?}");
    }

    #[test]
    fn the_president_is_the_president_of_the_year() {
        // "The president" of a US article of 2018, and of one of 1995.
        let president = Entity {
            name: "the president".into(),
            role: Some("the president".into()),
            person: true,
            ..Entity::default()
        };
        let at = |year| setting(US, Some(year));
        assert_eq!(identify(&president, &at(2018)).name, "Donald Trump");
        assert_eq!(identify(&president, &at(1995)).name, "Bill Clinton");
    }

    #[test]
    fn a_name_in_capitals_is_written_as_names_are() {
        assert_eq!(
            identify(&entity("AMY GOODMAN", None, true), &setting(None, None)).name,
            "Amy Goodman"
        );
    }
}
