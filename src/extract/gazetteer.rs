//! Gazetteer: the world's countries with their other names, demonyms, capitals and institutions
//! used as metonyms ("Moscow", "the Kremlin", "Downing Street"), groups of countries ("Baltic"),
//! and first names with their usual gender; news outlets with their home country; organisations,
//! titles, US states and UK constituencies bound to a country.
//!
//! Everything is data under `data/gazetteer/`, embedded at compile time and parsed once per
//! process ([`Gazetteer::get`]). Lookups take one or more words as written and answer with
//! canonical country names spelled as the reference scorer spells them ("United States",
//! "United Kingdom", "Russia"). This module knows nothing of articles or statements.

use super::hash::{FastMap, FastSet, WordMap, WordSet};
use std::sync::OnceLock;

const COUNTRIES: &str = include_str!("../../data/gazetteer/countries.tsv");
const GROUPS: &str = include_str!("../../data/gazetteer/groups.tsv");
const INSTITUTIONS: &str = include_str!("../../data/gazetteer/institutions.tsv");
const FIRST_NAMES: &str = include_str!("../../data/gazetteer/first_names.tsv");
const OUTLETS: &str = include_str!("../../data/gazetteer/outlets.tsv");
const ORGANISATIONS: &str = include_str!("../../data/gazetteer/organisations.tsv");
const TITLES: &str = include_str!("../../data/gazetteer/titles.tsv");
const US_STATES: &str = include_str!("../../data/gazetteer/us_states.tsv");
const UK_CONSTITUENCIES: &str = include_str!("../../data/gazetteer/uk_constituencies.tsv");
const NICKNAMES: &str = include_str!("../../data/gazetteer/nicknames.tsv");

/// An alias written in capitals and at most this long is an acronym, matched as written only
/// ("WHO" is the World Health Organization, "who" is not).
const ACRONYM_MAX: usize = 6;

/// A person's usual gender, as far as a first name or title tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    /// Female.
    Female,
    /// Male.
    Male,
}

/// What a place phrase is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlaceKind {
    /// The country's own name (`Poland`, `the United States`).
    Country,
    /// A demonym or adjective (`Polish`, `American`).
    Demonym,
    /// A capital, city or seat of government used for its government (`Moscow`, `the Kremlin`).
    Metonym,
    /// A news organisation (`Interfax`).
    Media,
    /// Several countries at once (`Baltic`).
    Group,
}

/// One place phrase and the countries it names.
#[derive(Clone, Debug)]
pub struct Place {
    /// What the phrase is.
    pub kind: PlaceKind,
    /// Canonical country names.
    pub countries: Vec<&'static str>,
}

/// How an outlet reports, for how much its home country tells about a statement's context.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutletKind {
    /// Writes for its own country.
    National,
    /// A news agency selling to others (Reuters, AP, AFP).
    Wire,
    /// Writes for a world audience (Al Jazeera, The Economist).
    International,
    /// A writer's syndicated column, carried by outlets of its country.
    Columnist,
}

/// A news outlet: its names, web domains and home country.
#[derive(Clone, Debug)]
pub struct Outlet {
    /// The canonical name (the first of `outlets.tsv`'s names).
    pub name: &'static str,
    /// Web domains (`bbc.co.uk`).
    pub domains: Vec<&'static str>,
    /// Home country, canonical.
    pub country: &'static str,
    /// How it reports.
    pub kind: OutletKind,
}

/// What an organisation is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrgKind {
    /// A government, ministry or department, a court.
    Government,
    /// A legislature or one of its chambers.
    Legislature,
    /// A political party (or an armed movement acting as one).
    Party,
    /// A public agency: police, intelligence, central bank, regulator.
    Agency,
    /// A company.
    Company,
    /// A news organisation.
    Media,
    /// A non-governmental organisation.
    Ngo,
    /// An international body.
    International,
}

/// An organisation with its home country (none for international bodies).
#[derive(Clone, Debug)]
pub struct Organisation {
    /// The canonical name ("Centers for Disease Control and Prevention").
    pub name: &'static str,
    /// Other names and acronyms ("CDC").
    pub aliases: Vec<&'static str>,
    /// Home country, canonical; `None` for an international body.
    pub country: Option<&'static str>,
    /// What it is.
    pub kind: OrgKind,
}

/// How sure a title is of its country.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Certainty {
    /// The title alone names the country ("MSP").
    Sure,
    /// It names the country in the context its note gives ("Sen." with a party tag).
    Context,
    /// Several countries use it; the outlet or the article decides ("MP").
    Ambiguous,
}

/// A title bound to one country or a few.
#[derive(Clone, Debug)]
pub struct Title {
    /// Canonical countries, the likeliest first; empty when the title tells none ("MEP").
    pub countries: Vec<&'static str>,
    /// How sure.
    pub certainty: Certainty,
    /// When it holds ("a party tag or a US state").
    pub note: &'static str,
}

/// A US state (or the District of Columbia, or a territory).
#[derive(Clone, Debug)]
pub struct UsState {
    /// Its name ("Wisconsin").
    pub name: &'static str,
    /// Its postal code ("WI").
    pub postal: &'static str,
    /// Its AP abbreviations ("Wis.", "Wisc.").
    pub ap: Vec<&'static str>,
}

/// Names of a table: acronyms as written, other names folded (a leading "the" dropped).
#[derive(Debug, Default)]
struct NameIndex {
    exact: FastMap<&'static str, usize>,
    folded: FastMap<String, usize>,
}

impl NameIndex {
    fn insert(&mut self, name: &'static str, i: usize) {
        if is_acronym(name) {
            self.exact.entry(name).or_insert(i);
        } else {
            self.folded.entry(name_key(name)).or_insert(i);
        }
    }

    fn get(&self, phrase: &str) -> Option<usize> {
        let phrase = phrase.trim();
        if let Some(&i) = self.exact.get(phrase) {
            return Some(i);
        }
        // One key buffer a thread, as this is asked at every capitalised word.
        thread_local! {
            static KEY: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
        }
        KEY.with_borrow_mut(|key| {
            phrase_key_into(phrase, key);
            let key = key.strip_prefix("the ").unwrap_or(key);
            self.folded.get(key).copied()
        })
    }
}

/// Returns true if and only if `name` is a short word in capitals (digits, dots and `&`
/// allowed): an acronym.
fn is_acronym(name: &str) -> bool {
    name.len() <= ACRONYM_MAX
        && name.chars().any(|c| c.is_ascii_uppercase())
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || matches!(c, '.' | '&'))
}

/// The folded words of a name, a leading "the" dropped.
fn name_key(name: &str) -> String {
    let key = phrase_key(name);
    match key.strip_prefix("the ") {
        Some(rest) => rest.to_string(),
        None => key,
    }
}

/// The gazetteer tables, built once.
#[derive(Debug, Default)]
pub struct Gazetteer {
    /// Folded phrase (words joined by single spaces) to the place.
    places: WordMap<Place>,
    /// The longest phrase, in words.
    max_words: usize,
    /// Folded first name to gender.
    first_names: WordMap<Option<Gender>>,
    /// Folded nickname to the formal first name ("chuck" to "Charles").
    nicknames: WordMap<String>,
    /// Folded first words of phrases of two words or more.
    phrase_starts: WordSet,
    /// News outlets.
    outlets: Vec<Outlet>,
    /// Folded outlet name (as a `source` field writes it) to its index in `outlets`.
    outlet_names: FastMap<String, usize>,
    /// Web domain, lowercase, to its index in `outlets`.
    outlet_domains: FastMap<String, usize>,
    /// Organisations bound to a country, and international bodies.
    organisations: Vec<Organisation>,
    organisation_names: NameIndex,
    /// Titles bound to countries.
    titles: Vec<Title>,
    title_names: NameIndex,
    /// US states.
    us_states: Vec<UsState>,
    /// State names folded, postal codes and AP abbreviations as written, to their index.
    us_state_names: NameIndex,
    /// Folded UK constituency names.
    uk_constituencies: FastSet<String>,
    /// Canonical country to the word that qualifies its institutions ("UK", "French").
    qualifiers: FastMap<&'static str, &'static str>,
}

/// Calls `f` with the folded form of one word (its bytes), without allocating for short ASCII
/// words.
fn with_folded<R>(word: &str, f: impl FnOnce(&[u8]) -> R) -> R {
    let mut buf = [0u8; 48];
    let b = word.as_bytes();
    if b.len() <= buf.len() && word.is_ascii() {
        for (d, s) in buf.iter_mut().zip(b) {
            *d = s.to_ascii_lowercase();
        }
        let mut n = b.len();
        if buf[..n].ends_with(b"'s") {
            n -= 2;
        } else if buf[..n].ends_with(b"'") {
            n -= 1;
        }
        return f(&buf[..n]);
    }
    f(fold(word).as_bytes())
}

/// Folds a word for lookups: lowercase, curly apostrophes made straight, a possessive `'s` cut.
pub fn fold(word: &str) -> String {
    let mut s = String::with_capacity(word.len());
    fold_into(word, &mut s);
    s
}

/// [`fold`] written at the end of `out`.
pub fn fold_into(word: &str, out: &mut String) {
    let start = out.len();
    if word.is_ascii() {
        // Most words: copied whole, then lowercased.
        out.push_str(word);
        out[start..].make_ascii_lowercase();
    } else {
        for c in word.chars() {
            match c {
                c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
                '’' | '‘' => out.push('\''),
                c => out.extend(c.to_lowercase()),
            }
        }
    }
    if out[start..].ends_with("'s") {
        out.truncate(out.len() - 2);
    } else if out[start..].ends_with('\'') {
        out.truncate(out.len() - 1);
    }
}

/// The folded words of `words`, joined by single spaces.
fn phrase_key(words: &str) -> String {
    let mut key = String::with_capacity(words.len());
    phrase_key_into(words, &mut key);
    key
}

/// [`phrase_key`] written into `key` (cleared first).
fn phrase_key_into(words: &str, key: &mut String) {
    key.clear();
    for (i, w) in words.split_whitespace().enumerate() {
        if i > 0 {
            key.push(' ');
        }
        fold_into(w, key);
    }
}

/// The `|`-separated alternatives of a column, trimmed, empty ones left out.
fn alternatives(col: &'static str) -> impl Iterator<Item = &'static str> {
    col.split('|').map(str::trim).filter(|s| !s.is_empty())
}

fn data_lines(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::trim).collect())
}

impl Gazetteer {
    /// The shared tables, parsed on first use.
    pub fn get() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(Gazetteer::build)
    }

    fn build() -> Gazetteer {
        let mut g = Gazetteer::default();
        for cols in data_lines(COUNTRIES) {
            let Some(&country) = cols.first() else {
                continue;
            };
            g.add(country, PlaceKind::Country, vec![country]);
            // "UK government", "French government": an abbreviation, else the first demonym.
            let abbreviation = cols.get(1).and_then(|names| {
                names
                    .split('|')
                    .find(|n| n.len() >= 2 && n.chars().all(|c| c.is_ascii_uppercase()))
            });
            let demonym = cols
                .get(2)
                .and_then(|d| d.split('|').next())
                .filter(|d| !d.is_empty());
            if let Some(q) = abbreviation.or(demonym) {
                g.qualifiers.insert(country, q);
            }
            for (i, kind) in [
                (1, PlaceKind::Country),
                (2, PlaceKind::Demonym),
                (3, PlaceKind::Metonym),
            ] {
                for name in cols.get(i).copied().unwrap_or("").split('|') {
                    g.add(name, kind, vec![country]);
                }
            }
        }
        for cols in data_lines(GROUPS) {
            if let [name, list, ..] = cols[..] {
                g.add(name, PlaceKind::Group, list.split('|').collect());
            }
        }
        for cols in data_lines(INSTITUTIONS) {
            if let [name, country, kind, ..] = cols[..] {
                let kind = if kind == "media" {
                    PlaceKind::Media
                } else {
                    PlaceKind::Metonym
                };
                g.add(name, kind, vec![country]);
            }
        }
        g.load_outlets();
        g.load_organisations();
        g.load_titles();
        g.load_us_states();
        g.uk_constituencies = data_lines(UK_CONSTITUENCIES)
            .filter_map(|cols| cols.first().map(|c| name_key(c)))
            .collect();
        for cols in data_lines(FIRST_NAMES) {
            // A name of either gender has "-".
            if let [name, gender, ..] = cols[..] {
                let gender = match gender {
                    "f" => Some(Gender::Female),
                    "m" => Some(Gender::Male),
                    _ => None,
                };
                g.first_names.insert(fold(name).into_bytes().into(), gender);
            }
        }
        for cols in data_lines(NICKNAMES) {
            if let [nick, formal, ..] = cols[..] {
                g.nicknames
                    .insert(fold(nick).into_bytes().into(), formal.to_string());
            }
        }
        g
    }

    fn load_outlets(&mut self) {
        for cols in data_lines(OUTLETS) {
            let [names, domains, country, kind, ..] = cols[..] else {
                continue;
            };
            let kind = match kind {
                "wire" => OutletKind::Wire,
                "international" => OutletKind::International,
                "columnist" => OutletKind::Columnist,
                _ => OutletKind::National,
            };
            let i = self.outlets.len();
            let names: Vec<&'static str> = alternatives(names).collect();
            for n in &names {
                self.outlet_names.entry(phrase_key(n)).or_insert(i);
            }
            let domains: Vec<&'static str> = alternatives(domains).collect();
            for d in &domains {
                self.outlet_domains
                    .entry(d.to_ascii_lowercase())
                    .or_insert(i);
            }
            self.outlets.push(Outlet {
                name: names.first().copied().unwrap_or_default(),
                domains,
                country,
                kind,
            });
        }
    }

    fn load_organisations(&mut self) {
        for cols in data_lines(ORGANISATIONS) {
            let [names, country, kind, ..] = cols[..] else {
                continue;
            };
            let kind = match kind {
                "government" => OrgKind::Government,
                "legislature" => OrgKind::Legislature,
                "party" => OrgKind::Party,
                "agency" => OrgKind::Agency,
                "company" => OrgKind::Company,
                "media" => OrgKind::Media,
                "ngo" => OrgKind::Ngo,
                _ => OrgKind::International,
            };
            let i = self.organisations.len();
            let mut names = alternatives(names);
            let Some(name) = names.next() else { continue };
            self.organisation_names.insert(name, i);
            let aliases: Vec<&'static str> = names.collect();
            for a in &aliases {
                self.organisation_names.insert(a, i);
            }
            self.organisations.push(Organisation {
                name,
                aliases,
                country: (!country.is_empty()).then_some(country),
                kind,
            });
        }
    }

    fn load_titles(&mut self) {
        for cols in data_lines(TITLES) {
            let [names, countries, certainty, ..] = cols[..] else {
                continue;
            };
            let certainty = match certainty {
                "sure" => Certainty::Sure,
                "context" => Certainty::Context,
                _ => Certainty::Ambiguous,
            };
            let i = self.titles.len();
            for n in alternatives(names) {
                self.title_names.insert(n, i);
            }
            self.titles.push(Title {
                countries: alternatives(countries).collect(),
                certainty,
                note: cols.get(3).copied().unwrap_or("").trim_matches('"'),
            });
        }
    }

    fn load_us_states(&mut self) {
        for cols in data_lines(US_STATES) {
            let [name, postal, ap, ..] = cols[..] else {
                continue;
            };
            let i = self.us_states.len();
            self.us_state_names.folded.insert(name_key(name), i);
            self.us_state_names.exact.insert(postal, i);
            let ap: Vec<&'static str> = alternatives(ap).collect();
            for a in &ap {
                self.us_state_names.exact.insert(a, i);
            }
            self.us_states.push(UsState { name, postal, ap });
        }
    }

    fn add(&mut self, phrase: &str, kind: PlaceKind, countries: Vec<&'static str>) {
        let key = phrase_key(phrase);
        if key.is_empty() {
            return;
        }
        self.max_words = self.max_words.max(key.split(' ').count());
        if let Some((first, _)) = key.split_once(' ') {
            self.phrase_starts.insert(first.as_bytes().into());
        }
        // A country's own name wins over a demonym or metonym spelled the same ("US").
        match self.places.get(key.as_bytes()) {
            Some(p) if p.kind == PlaceKind::Country => {}
            _ => {
                self.places
                    .insert(key.into_bytes().into(), Place { kind, countries });
            }
        }
    }

    /// The longest phrase, in words.
    pub fn max_words(&self) -> usize {
        self.max_words
    }

    /// The place named by `words` (as written, one word an item), if any.
    pub fn place(&self, words: &[&str]) -> Option<&Place> {
        match words {
            [] => None,
            [w] => self.place_word(w),
            [first, ..] => {
                if !with_folded(first, |f| self.phrase_starts.contains(f)) {
                    return None;
                }
                let mut key = String::with_capacity(words.iter().map(|w| w.len() + 1).sum());
                for (i, w) in words.iter().enumerate() {
                    if i > 0 {
                        key.push(' ');
                    }
                    fold_into(w, &mut key);
                }
                self.places.get(key.as_bytes())
            }
        }
    }

    /// Returns true if and only if some phrase of two words or more starts with `word`.
    pub fn starts_phrase(&self, word: &str) -> bool {
        with_folded(word, |f| self.phrase_starts.contains(f))
    }

    /// The place named by one phrase (words separated by spaces), if any.
    pub fn place_str(&self, phrase: &str) -> Option<&Place> {
        if !phrase.contains(char::is_whitespace) {
            return self.place_word(phrase);
        }
        self.places.get(phrase_key(phrase).as_bytes())
    }

    /// [`Gazetteer::place_str`] of one word (a token: no whitespace in it), without looking
    /// for spaces.
    pub fn place_word(&self, word: &str) -> Option<&Place> {
        with_folded(word, |f| self.places.get(f))
    }

    /// The usual gender of a first name, if known.
    pub fn gender(&self, first_name: &str) -> Option<Gender> {
        with_folded(first_name, |f| self.first_names.get(f).copied().flatten())
    }

    /// The formal first name a nickname stands for ("Chuck" is "Charles"), where it has one
    /// usual formal name.
    pub fn formal_first_name(&self, first_name: &str) -> Option<&str> {
        with_folded(first_name, |f| self.nicknames.get(f).map(String::as_str))
    }

    /// The outlet a news dump's `source` field names ("CNN (Web News)", "BBC News"), if known.
    pub fn outlet(&self, source: &str) -> Option<&Outlet> {
        self.outlet_names
            .get(&phrase_key(source))
            .map(|&i| &self.outlets[i])
    }

    /// The outlet of an article's web address (`https://www.bbc.co.uk/news/...`, or a bare
    /// host): the host, then each parent domain (`uk.reuters.com`, `reuters.com`).
    pub fn outlet_for_url(&self, url: &str) -> Option<&Outlet> {
        let rest = url.split_once("://").map_or(url, |(_, r)| r);
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        let host = host.rsplit('@').next().unwrap_or(host);
        let host = host.split(':').next().unwrap_or(host).to_ascii_lowercase();
        let mut h = host.strip_prefix("www.").unwrap_or(&host);
        loop {
            if let Some(&i) = self.outlet_domains.get(h) {
                return Some(&self.outlets[i]);
            }
            match h.split_once('.') {
                Some((_, parent)) if parent.contains('.') => h = parent,
                _ => return None,
            }
        }
    }

    /// The organisation a name or acronym names ("CDC", "the Home Office", "Lib Dems"), if
    /// known. Acronyms match as written ("WHO", not "who"); other names in any case.
    pub fn organisation(&self, phrase: &str) -> Option<&Organisation> {
        self.organisation_names
            .get(phrase)
            .map(|i| &self.organisations[i])
    }

    /// The title a word or phrase is ("Sen.", "MP", "Home Secretary"), with its countries and
    /// how sure they are. Acronyms match as written ("MP", not "mp").
    pub fn title(&self, phrase: &str) -> Option<&Title> {
        self.title_names.get(phrase).map(|i| &self.titles[i])
    }

    /// The US state of a name ("Wisconsin"), postal code ("WI") or AP abbreviation ("Wis."),
    /// as party tags write them ("(D-Wis.)", "(R-TX)", "Republican of Iowa"). Codes and
    /// abbreviations match as written.
    pub fn us_state(&self, word: &str) -> Option<&UsState> {
        self.us_state_names.get(word).map(|i| &self.us_states[i])
    }

    /// Returns true if and only if `phrase` is a UK parliamentary constituency ("Sedgefield").
    pub fn is_uk_constituency(&self, phrase: &str) -> bool {
        self.uk_constituencies.contains(&name_key(phrase))
    }

    /// The word that qualifies a country's institutions: its abbreviation ("UK") or its
    /// first demonym ("French").
    pub fn qualifier(&self, country: &str) -> Option<&'static str> {
        self.qualifiers.get(country).copied()
    }

    /// Returns true if and only if `word` is a known first name.
    pub fn is_first_name(&self, word: &str) -> bool {
        with_folded(word, |f| self.first_names.contains_key(f))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_and_names() {
        let g = Gazetteer::get();
        let cases: &[(&str, Option<(&str, PlaceKind)>)] = &[
            ("Russian", Some(("Russia", PlaceKind::Demonym))),
            ("Moscow", Some(("Russia", PlaceKind::Metonym))),
            ("Kremlin", Some(("Russia", PlaceKind::Metonym))),
            ("US", Some(("United States", PlaceKind::Country))),
            ("U.S.", Some(("United States", PlaceKind::Country))),
            ("Britain", Some(("United Kingdom", PlaceKind::Country))),
            ("Poland’s", Some(("Poland", PlaceKind::Country))),
            ("White House", Some(("United States", PlaceKind::Metonym))),
            ("Belarusian", Some(("Belarus", PlaceKind::Demonym))),
            ("Interfax", Some(("Russia", PlaceKind::Media))),
            ("Lavrov", None),
        ];
        for (phrase, want) in cases {
            let got = g.place_str(phrase).map(|p| (p.countries[0], p.kind));
            assert_eq!(got, *want, "help: place {phrase:?}");
        }
        assert_eq!(g.place_str("Baltic").map(|p| p.countries.len()), Some(3));
        assert_eq!(g.gender("Annalena"), Some(Gender::Female));
        assert_eq!(g.gender("Sergei"), Some(Gender::Male));
        assert_eq!(g.gender("Lavrov"), None);
    }

    #[test]
    fn outlets_by_source_name_and_address() {
        let g = Gazetteer::get();
        type Want = Option<(&'static str, &'static str, OutletKind)>;
        let cases: &[(&str, Want)] = &[
            (
                "CNN (Web News)",
                Some(("CNN", "United States", OutletKind::National)),
            ),
            (
                "BBC News",
                Some(("BBC News", "United Kingdom", OutletKind::National)),
            ),
            (
                "bbc news",
                Some(("BBC News", "United Kingdom", OutletKind::National)),
            ),
            (
                "Reuters",
                Some(("Reuters", "United Kingdom", OutletKind::Wire)),
            ),
            (
                "Associated Press",
                Some(("Associated Press", "United States", OutletKind::Wire)),
            ),
            (
                "Al Jazeera",
                Some(("Al Jazeera", "Qatar", OutletKind::International)),
            ),
            (
                "Guest Writer - Right",
                Some(("Guest Writer", "United States", OutletKind::Columnist)),
            ),
            ("The Daily Planet", None),
        ];
        for (source, want) in cases {
            let got = g.outlet(source).map(|o| (o.name, o.country, o.kind));
            assert_eq!(got, *want, "help: outlet {source:?}");
        }
        let urls: &[(&str, Option<&str>)] = &[
            (
                "https://www.bbc.co.uk/news/uk-politics-123",
                Some("BBC News"),
            ),
            ("http://uk.reuters.com/article/x", Some("Reuters")),
            (
                "https://edition.cnn.com/2020/01/01/politics/x.html?x=1",
                Some("CNN"),
            ),
            ("www.foxnews.com", Some("Fox News")),
            ("https://example.com/news", None),
            ("not a url", None),
            ("", None),
        ];
        for (url, want) in urls {
            assert_eq!(
                g.outlet_for_url(url).map(|o| o.name),
                *want,
                "help: url {url:?}"
            );
        }
    }

    #[test]
    fn organisations_by_name_and_alias() {
        let g = Gazetteer::get();
        type Org = Option<(&'static str, Option<&'static str>, OrgKind)>;
        let orgs: &[(&str, Org)] = &[
            (
                "CDC",
                Some((
                    "Centers for Disease Control and Prevention",
                    Some("United States"),
                    OrgKind::Agency,
                )),
            ),
            (
                "Centers for Disease Control and Prevention",
                Some((
                    "Centers for Disease Control and Prevention",
                    Some("United States"),
                    OrgKind::Agency,
                )),
            ),
            (
                "the Justice Department",
                Some((
                    "Department of Justice",
                    Some("United States"),
                    OrgKind::Government,
                )),
            ),
            (
                "Home Office",
                Some(("Home Office", Some("United Kingdom"), OrgKind::Government)),
            ),
            (
                "Lib Dems",
                Some(("Liberal Democrats", Some("United Kingdom"), OrgKind::Party)),
            ),
            (
                "Tories",
                Some(("Conservative Party", Some("United Kingdom"), OrgKind::Party)),
            ),
            (
                "Bundestag",
                Some(("Bundestag", Some("Germany"), OrgKind::Legislature)),
            ),
            (
                "Elysee",
                Some(("Élysée", Some("France"), OrgKind::Government)),
            ),
            (
                "WHO",
                Some(("World Health Organization", None, OrgKind::International)),
            ),
            ("who", None),
            ("ice", None),
            (
                "Volkswagen",
                Some(("Volkswagen", Some("Germany"), OrgKind::Company)),
            ),
        ];
        for (phrase, want) in orgs {
            let got = g.organisation(phrase).map(|o| (o.name, o.country, o.kind));
            assert_eq!(got, *want, "help: organisation {phrase:?}");
        }
    }

    #[test]
    fn titles_and_their_countries() {
        let g = Gazetteer::get();
        let titles: &[(&str, Option<(&str, Certainty)>)] = &[
            ("Sen.", Some(("United States", Certainty::Context))),
            ("MSP", Some(("United Kingdom", Certainty::Sure))),
            ("MP", Some(("United Kingdom", Certainty::Ambiguous))),
            ("mp", None),
            ("Home Secretary", Some(("United Kingdom", Certainty::Sure))),
            ("Chancellor", Some(("Germany", Certainty::Ambiguous))),
            ("plumber", None),
        ];
        for (phrase, want) in titles {
            let got = g.title(phrase).map(|t| (t.countries[0], t.certainty));
            assert_eq!(got, *want, "help: title {phrase:?}");
        }
        assert!(g
            .title("MP")
            .is_some_and(|t| t.countries.contains(&"Canada")));
    }

    #[test]
    fn us_states_and_uk_constituencies() {
        let g = Gazetteer::get();
        let states: &[(&str, Option<&str>)] = &[
            ("Wis.", Some("Wisconsin")),
            ("TX", Some("Texas")),
            ("Texas", Some("Texas")),
            ("iowa", Some("Iowa")),
            ("Calif.", Some("California")),
            ("W.Va.", Some("West Virginia")),
            ("in", None),
            ("Jordan", None),
        ];
        for (word, want) in states {
            assert_eq!(
                g.us_state(word).map(|s| s.name),
                *want,
                "help: state {word:?}"
            );
        }
        assert_eq!(g.us_state("Wisconsin").map(|s| s.postal), Some("WI"));
        assert!(g.is_uk_constituency("Sedgefield"));
        assert!(g.is_uk_constituency("maidenhead"));
        assert!(!g.is_uk_constituency("Wisconsin"));
    }

    #[test]
    fn organisations_and_titles_name_known_countries() {
        let g = Gazetteer::get();
        let countries = g
            .organisations
            .iter()
            .filter_map(|o| o.country)
            .chain(g.titles.iter().flat_map(|t| t.countries.iter().copied()));
        for c in countries {
            let p = g.place_str(c).map(|p| (p.kind, p.countries[0]));
            assert_eq!(p, Some((PlaceKind::Country, c)), "help: {c}");
        }
    }

    #[test]
    fn outlets_name_known_countries() {
        let g = Gazetteer::get();
        for o in &g.outlets {
            let p = g.place_str(o.country).map(|p| (p.kind, p.countries[0]));
            assert_eq!(p, Some((PlaceKind::Country, o.country)), "help: {}", o.name);
        }
    }
}
