//! The knowledge base of public figures: names and aliases, gender, countries and offices with
//! years, from `data/people/people.tsv` (built by `scripts/people/build.py` from public data
//! sets), embedded at compile time and parsed once per process ([`People::builtin`]). A user's
//! file in the same format goes on top ([`People::with_file`]).
//!
//! [`People::lookup`] answers a full name as an article writes it with every person it may
//! name: case, accents, transliterations ("Sergei"/"Sergey"), middle names and initials,
//! suffixes ("Jr.", "III") and nicknames ("Chuck"/"Charles", `data/people/nicknames.tsv`) are
//! tolerated, but a name whose every word matches one of a person's names exactly wins over a
//! looser match, so "George W. Bush" and "George H. W. Bush" stay apart. A single word is no
//! full name and finds nobody. This module knows nothing of articles or statements.

use std::path::Path;
use std::sync::OnceLock;

use super::gazetteer::{Gazetteer, Gender, PlaceKind};
use super::hash::{FastMap, FastSet};
use crate::names::fold_word;

const PEOPLE: &str = include_str!("../../data/people/people.tsv");
const NICKNAMES: &str = include_str!("../../data/people/nicknames.tsv");

/// Where the built-in table comes from, for messages.
const BUILTIN_ORIGIN: &str = "data/people/people.tsv";
/// Columns of a line: name, aliases, gender, countries, offices.
const COLUMNS: usize = 5;
/// Words that end a name without being part of it.
const SUFFIXES: [&str; 6] = ["jr", "sr", "ii", "iii", "iv", "v"];

/// A person's index in a [`People`] table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PersonId(pub u32);

/// One office a person held, with its years (`end` is `None` while it is held).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Office {
    /// The office as the data set names it: `US Senator (New York)`, `President of Russia`.
    pub title: String,
    /// Its first year, if known.
    pub start: Option<u16>,
    /// Its last year; `None` while it is held (or when unknown and `start` is `None` too).
    pub end: Option<u16>,
}

/// One public figure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    /// The canonical full name, as news writes it ("Chuck Schumer").
    pub name: String,
    /// Other full forms ("Charles E. Schumer").
    pub aliases: Vec<String>,
    /// Gender, where known.
    pub gender: Option<Gender>,
    /// Canonical country names, as `data/gazetteer/countries.tsv` spells them.
    pub countries: Vec<String>,
    /// Offices with years.
    pub offices: Vec<Office>,
}

/// A people file that could not be read.
#[derive(Debug, thiserror::Error)]
pub enum PeopleError {
    /// A line that is not in the format.
    #[error("{origin}:{line}: {message}")]
    Parse {
        /// The file (or `data/people/people.tsv` for the built-in table).
        origin: String,
        /// 1-based line number.
        line: usize,
        /// What was wrong, and what would have been valid.
        message: String,
    },
    /// The file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
}

/// The people tables: the records and their name keys. A record whose name is a single word
/// ("Naruhito") is kept but found by none of its single-word names.
#[derive(Clone, Debug, Default)]
pub struct People {
    persons: Vec<Person>,
    /// Every folded word of a name, suffixes cut: `george h w bush`.
    exact: FastMap<String, Vec<PersonId>>,
    /// Given name (each of its formal forms) and surname: `george bush`, `charles schumer`.
    loose: FastMap<String, Vec<PersonId>>,
    /// Offices by country, made on the first [`People::holders`] after the last change.
    offices: OnceLock<FastMap<String, Vec<Held>>>,
    /// The folded surnames of every name, made on the first [`People::has_surname`] after the
    /// last change.
    surnames: OnceLock<FastSet<String>>,
    /// The people who held an office, by the folded surname of their name, made on the first
    /// [`People::titled`] after the last change.
    office_holders: OnceLock<FastMap<String, Vec<PersonId>>>,
}

/// One office of one person, in the index [`People::holders`] reads: by country, titles in
/// lower case and in order, so that the titles that start with a word are one run of it.
#[derive(Clone, Debug)]
struct Held {
    title: String,
    start: u16,
    end: Option<u16>,
    id: PersonId,
}

/// Returns true if and only if an office of lowercase title `title`, held over the years
/// `(start, end)`, is one of title `office` (its whole first words: "president" finds "president
/// of the united states", not "presidential envoy") held in `year`.
fn held_then(title: &str, office: &str, (start, end): (u16, Option<u16>), year: u16) -> bool {
    title.starts_with(office)
        && matches!(title.as_bytes().get(office.len()), None | Some(b' ' | b'('))
        && start <= year
        && end.is_none_or(|end| year <= end)
}

/// A name cut into folded words: given name, middle words, surname.
struct NameParts {
    words: Vec<String>,
}

impl NameParts {
    fn new(name: &str) -> Option<NameParts> {
        let mut words: Vec<String> = name
            .split(|c: char| c.is_whitespace() || c == '-' || c == '.' || c == ',')
            .map(fold_word)
            .filter(|w| !w.is_empty())
            .collect();
        while words.len() > 2 && words.last().is_some_and(|w| SUFFIXES.contains(&w.as_str())) {
            words.pop();
        }
        (words.len() >= 2).then_some(NameParts { words })
    }

    fn exact_key(&self) -> String {
        self.words.join(" ")
    }

    fn given(&self) -> &str {
        &self.words[0]
    }

    fn surname(&self) -> &str {
        &self.words[self.words.len() - 1]
    }

    fn middles(&self) -> &[String] {
        &self.words[1..self.words.len() - 1]
    }

    /// The loose keys: the given name in each of its forms, then the surname.
    fn loose_keys(&self, nick: &Nicknames) -> Vec<String> {
        nick.forms(self.given())
            .into_iter()
            .map(|g| format!("{g} {}", self.surname()))
            .collect()
    }

    /// Returns true if and only if every middle word of `query` matches a middle word of
    /// `self` (in order), an initial matching any word it begins.
    fn admits_middles(&self, query: &NameParts) -> bool {
        let mine = self.middles();
        let mut at = 0;
        query.middles().iter().all(|q| {
            while at < mine.len() {
                let m = &mine[at];
                at += 1;
                let fits = m == q
                    || (q.len() == 1 && m.starts_with(q.as_str()))
                    || (m.len() == 1 && q.starts_with(m.as_str()));
                if fits {
                    return true;
                }
            }
            false
        })
    }
}

/// Nicknames and the formal given names they stand for, folded.
#[derive(Debug, Default)]
struct Nicknames {
    formal: FastMap<String, Vec<String>>,
}

impl Nicknames {
    fn get() -> &'static Nicknames {
        static N: OnceLock<Nicknames> = OnceLock::new();
        N.get_or_init(|| {
            let mut n = Nicknames::default();
            for line in NICKNAMES.lines().filter(|l| !l.starts_with('#')) {
                if let Some((formal, nicks)) = line.split_once('\t') {
                    let formal = fold_word(formal.trim());
                    for nick in nicks.split('|').map(|w| fold_word(w.trim())) {
                        n.formal.entry(nick).or_default().push(formal.clone());
                    }
                }
            }
            n
        })
    }

    /// The word itself and the formal names it is a nickname of.
    fn forms(&self, given: &str) -> Vec<String> {
        let mut out = vec![given.to_string()];
        if let Some(formal) = self.formal.get(given) {
            out.extend(formal.iter().cloned());
        }
        out
    }
}

impl People {
    /// The built-in table, parsed on first use.
    pub fn builtin() -> &'static People {
        static P: OnceLock<People> = OnceLock::new();
        P.get_or_init(|| {
            // The shipped file is checked by the tests; a broken one must not stop a run.
            People::parse(PEOPLE, BUILTIN_ORIGIN).unwrap_or_else(|e| {
                eprintln!("whosaid: {e}");
                People::default()
            })
        })
    }

    /// The built-in table with the people of the file at `path` on top.
    pub fn with_file(path: &Path) -> Result<People, PeopleError> {
        let mut people = People::builtin().clone();
        people.extend(People::load(path)?);
        Ok(people)
    }

    /// The people of one file (without the built-in table).
    pub fn load(path: &Path) -> Result<People, PeopleError> {
        let text = std::fs::read_to_string(path).map_err(|e| PeopleError::Io {
            path: path.display().to_string(),
            source: e,
        })?;
        People::parse(&text, &path.display().to_string())
    }

    /// Parses a people file: tab-separated `name, aliases, gender, countries, offices`
    /// (trailing columns may be left out), `|` between alternatives, `#` starting a comment.
    ///
    /// ```
    /// use whosaid::extract::people::People;
    /// let p = People::parse("Ada Example\tAda B. Example\tf\tUnited Kingdom\tUK MP (Somewhere):2010-\n", "mine.tsv").unwrap();
    /// let id = p.lookup("Ada Example")[0];
    /// assert_eq!(p.person(id).countries, ["United Kingdom"]);
    /// let e = People::parse("Ada Example\t\tx\n", "mine.tsv").unwrap_err();
    /// assert!(e.to_string().starts_with("mine.tsv:1: "));
    /// ```
    pub fn parse(text: &str, origin: &str) -> Result<People, PeopleError> {
        let mut people = People::default();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let person = parse_line(line).map_err(|message| PeopleError::Parse {
                origin: origin.to_string(),
                line: i + 1,
                message,
            })?;
            people.push(person);
        }
        Ok(people)
    }

    /// Adds the people of `other` (a user's file goes on top of the built-in table: its people
    /// are more candidates for their names).
    pub fn extend(&mut self, other: People) {
        for p in other.persons {
            self.push(p);
        }
    }

    fn push(&mut self, person: Person) {
        let id = PersonId(self.persons.len() as u32);
        let nick = Nicknames::get();
        for name in std::iter::once(&person.name).chain(&person.aliases) {
            let Some(parts) = NameParts::new(name) else {
                continue;
            };
            add_id(self.exact.entry(parts.exact_key()).or_default(), id);
            for key in parts.loose_keys(nick) {
                add_id(self.loose.entry(key).or_default(), id);
            }
        }
        self.persons.push(person);
        self.offices = OnceLock::new();
        self.surnames = OnceLock::new();
        self.office_holders = OnceLock::new();
    }

    /// Returns true if and only if some name of somebody in the table ends in `word`, folded
    /// ("Pawlenty", "mccain"): evidence that a word is a name, never of who it names.
    pub fn has_surname(&self, word: &str) -> bool {
        self.surnames
            .get_or_init(|| {
                self.persons
                    .iter()
                    .flat_map(|p| std::iter::once(&p.name).chain(&p.aliases))
                    .filter_map(|n| NameParts::new(n))
                    .map(|parts| parts.surname().to_string())
                    .collect()
            })
            .contains(&fold_word(word))
    }

    /// The offices of every person by country, titles lowercased and sorted.
    fn offices(&self) -> &FastMap<String, Vec<Held>> {
        self.offices.get_or_init(|| {
            let mut by_country: FastMap<String, Vec<Held>> = FastMap::default();
            for (i, p) in self.persons.iter().enumerate() {
                for c in &p.countries {
                    let held = by_country.entry(c.clone()).or_default();
                    held.extend(p.offices.iter().map(|o| Held {
                        title: o.title.to_lowercase(),
                        start: o.start.unwrap_or(u16::MAX),
                        end: o.end,
                        id: PersonId(i as u32),
                    }));
                }
            }
            for held in by_country.values_mut() {
                held.sort_by(|a, b| a.title.cmp(&b.title));
            }
            by_country
        })
    }

    /// How many people the table holds.
    pub fn len(&self) -> usize {
        self.persons.len()
    }

    /// Returns true if and only if the table holds nobody.
    pub fn is_empty(&self) -> bool {
        self.persons.is_empty()
    }

    /// The person of an id from this table.
    pub fn person(&self, id: PersonId) -> &Person {
        &self.persons[id.0 as usize]
    }

    /// Every person a full name may name, in table order; empty for a single word or an
    /// unknown name. A name matching some of a person's names word for word (initials too)
    /// answers those people only; otherwise the given name (or a nickname of it) and surname
    /// must match, and the name's middle names or initials must fit the person's.
    pub fn lookup(&self, full_name: &str) -> Vec<PersonId> {
        let Some(query) = NameParts::new(full_name) else {
            return Vec::new();
        };
        if let Some(ids) = self.exact.get(&query.exact_key()) {
            return ids.clone();
        }
        let nick = Nicknames::get();
        let mut out: Vec<PersonId> = Vec::new();
        for key in query.loose_keys(nick) {
            for &id in self.loose.get(&key).into_iter().flatten() {
                if !out.contains(&id) && self.fits(id, &query, nick) {
                    out.push(id);
                }
            }
        }
        out.sort();
        out
    }

    /// The people of `country` who held, in `year`, an office whose title starts with `office`
    /// ("president" finds the President of the United States, never a vice president).
    pub fn holders(&self, office: &str, country: &str, year: u16) -> Vec<PersonId> {
        let office = office.to_lowercase();
        let Some(held) = self.offices().get(country) else {
            return Vec::new();
        };
        let first = held.partition_point(|h| h.title.as_str() < office.as_str());
        let mut out: Vec<PersonId> = held[first..]
            .iter()
            .take_while(|h| h.title.starts_with(&office))
            .filter(|h| held_then(&h.title, &office, (h.start, h.end), year))
            .map(|h| h.id)
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// The people of surname `surname` (folded, as [`crate::names::surname_key`] gives it) who
    /// held an office of title `office` in `year`, in any country ("President Trump" in 2017).
    pub fn titled(&self, office: &str, surname: &str, year: u16) -> Vec<PersonId> {
        let by_surname = self.office_holders.get_or_init(|| {
            let mut map: FastMap<String, Vec<PersonId>> = FastMap::default();
            for (i, p) in self.persons.iter().enumerate() {
                if let Some(key) =
                    crate::names::surname_key(&p.name).filter(|_| !p.offices.is_empty())
                {
                    map.entry(key).or_default().push(PersonId(i as u32));
                }
            }
            map
        });
        let office = office.to_lowercase();
        let held = |o: &Office| {
            let span = (o.start.unwrap_or(u16::MAX), o.end);
            held_then(&o.title.to_lowercase(), &office, span, year)
        };
        by_surname
            .get(surname)
            .map(|ids| {
                ids.iter()
                    .copied()
                    .filter(|&id| self.person(id).offices.iter().any(held))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Returns true if and only if one of the person's names has the query's surname, a form
    /// of its given name and room for its middle words.
    /// Middle words are checked only against people some name of whom has middle words.
    fn fits(&self, id: PersonId, query: &NameParts, nick: &Nicknames) -> bool {
        let p = self.person(id);
        let forms = nick.forms(query.given());
        let names: Vec<NameParts> = std::iter::once(&p.name)
            .chain(&p.aliases)
            .filter_map(|n| NameParts::new(n))
            .collect();
        let middles_known = names.iter().any(|n| !n.middles().is_empty());
        names.iter().any(|n| {
            n.surname() == query.surname()
                && nick.forms(n.given()).iter().any(|g| forms.contains(g))
                && (!middles_known || n.admits_middles(query))
        })
    }
}

fn add_id(ids: &mut Vec<PersonId>, id: PersonId) {
    if ids.last() != Some(&id) {
        ids.push(id);
    }
}

/// Reads one line of a people file.
fn parse_line(line: &str) -> Result<Person, String> {
    let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
    if cols.len() > COLUMNS {
        return Err(format!(
            "{} columns, at most {COLUMNS} expected: name, aliases, gender, countries, offices",
            cols.len()
        ));
    }
    let col = |i: usize| cols.get(i).copied().unwrap_or("");
    let name = col(0);
    if name.is_empty() {
        return Err("the name (first column) is empty".to_string());
    }
    Ok(Person {
        name: name.to_string(),
        aliases: list(col(1)).map(str::to_string).collect(),
        gender: parse_gender(col(2))?,
        countries: list(col(3)).map(parse_country).collect::<Result<_, _>>()?,
        offices: list(col(4)).map(parse_office).collect::<Result<_, _>>()?,
    })
}

fn list(col: &str) -> impl Iterator<Item = &str> {
    col.split('|').map(str::trim).filter(|s| !s.is_empty())
}

fn parse_gender(col: &str) -> Result<Option<Gender>, String> {
    match col {
        "" => Ok(None),
        "f" => Ok(Some(Gender::Female)),
        "m" => Ok(Some(Gender::Male)),
        other => Err(format!("gender {other:?}: expected f, m or nothing")),
    }
}

fn parse_country(name: &str) -> Result<String, String> {
    match Gazetteer::get().place_str(name) {
        Some(p) if p.kind == PlaceKind::Country && p.countries.first() == Some(&name) => {
            Ok(name.to_string())
        }
        Some(p) if p.kind == PlaceKind::Country => Err(format!(
            "country {name:?}: write it as {:?}",
            p.countries.first().copied().unwrap_or_default()
        )),
        _ => Err(format!(
            "unknown country {name:?}: countries are written as data/gazetteer/countries.tsv spells them"
        )),
    }
}

/// `TITLE`, `TITLE:START-END`, `TITLE:START-` (still held) or `TITLE:-END`.
fn parse_office(text: &str) -> Result<Office, String> {
    let bad = || format!("office {text:?}: expected TITLE or TITLE:START-END with years");
    let years_part = text.rsplit_once(':').filter(|(_, y)| {
        y.chars()
            .all(|c| c.is_ascii_digit() || c == '-' || c == ' ')
    });
    let Some((title, years)) = years_part else {
        return Ok(Office {
            title: text.to_string(),
            start: None,
            end: None,
        });
    };
    let (start, end) = years.split_once('-').ok_or_else(bad)?;
    let year = |y: &str| -> Result<Option<u16>, String> {
        match y.trim() {
            "" => Ok(None),
            y if y.len() == 4 => y.parse().map(Some).map_err(|_| bad()),
            _ => Err(bad()),
        }
    };
    if title.trim().is_empty() {
        return Err(bad());
    }
    Ok(Office {
        title: title.trim().to_string(),
        start: year(start)?,
        end: year(end)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(p: &People, ids: &[PersonId]) -> Vec<String> {
        ids.iter().map(|&id| p.person(id).name.clone()).collect()
    }

    #[test]
    fn builtin_table_parses_and_holds_known_people() {
        let p = People::parse(PEOPLE, BUILTIN_ORIGIN).expect("the shipped table parses");
        assert!(p.len() > 5000, "{} people", p.len());
        let cases: &[(&str, &str, &str)] = &[
            ("Chuck Schumer", "Chuck Schumer", "United States"),
            ("Charles E. Schumer", "Chuck Schumer", "United States"),
            ("Hillary Rodham Clinton", "Hillary Clinton", "United States"),
            ("Jerrold Nadler", "Jerry Nadler", "United States"),
            ("George H. W. Bush", "George H. W. Bush", "United States"),
            ("George W. Bush", "George W. Bush", "United States"),
            ("Sergei Lavrov", "Sergey Lavrov", "Russia"),
            ("Tony Blair", "Tony Blair", "United Kingdom"),
            ("Angela Merkel", "Angela Merkel", "Germany"),
        ];
        for &(query, want, country) in cases {
            let got = p.lookup(query);
            assert_eq!(names(&p, &got), [want], "help: lookup {query:?}");
            assert!(
                p.person(got[0]).countries.iter().any(|c| c == country),
                "help: {query:?} country"
            );
        }
    }

    const TABLE: &str = "\
# test table
Chuck Schumer\tCharles E. Schumer|Charles Schumer\tm\tUnited States\tUS Senator (New York):1999-
George W. Bush\tGeorge Bush|George Walker Bush\tm\tUnited States\tPresident of the United States:2001-2009
George H. W. Bush\tGeorge Bush|George Herbert Walker Bush\tm\tUnited States\tPresident of the United States:1989-1993
Walter Jones\tWalter B. Jones Jr.\tm\tUnited States\tUS Representative (North Carolina):1995-2019
Volodymyr Zelenskyy\t\tm\tUkraine\tPresident of Ukraine:2019-
Jerry Nadler\tJerrold Nadler\tm\tUnited States
José María Aznar\t\tm\tSpain\tPrime Minister of Spain:1996-2004
";

    #[test]
    fn lookup_tolerates_spellings_and_keeps_initials_apart() {
        let p = People::parse(TABLE, "test").unwrap();
        let cases: &[(&str, &[&str])] = &[
            ("Chuck Schumer", &["Chuck Schumer"]),
            ("chuck schumer", &["Chuck Schumer"]),
            ("Charles Schumer", &["Chuck Schumer"]),
            ("Chuck E. Schumer", &["Chuck Schumer"]),
            ("Charles Ellis Schumer", &["Chuck Schumer"]),
            ("George W. Bush", &["George W. Bush"]),
            ("George H.W. Bush", &["George H. W. Bush"]),
            ("George H. Bush", &["George H. W. Bush"]),
            ("George Walker Bush", &["George W. Bush"]),
            ("George Bush", &["George W. Bush", "George H. W. Bush"]),
            ("Walter B. Jones", &["Walter Jones"]),
            ("Walter Jones Jr.", &["Walter Jones"]),
            ("Volodymyr Zelensky", &["Volodymyr Zelenskyy"]),
            ("Jerry Nadler", &["Jerry Nadler"]),
            ("Jerrold L. Nadler", &["Jerry Nadler"]),
            ("Jose Maria Aznar", &["José María Aznar"]),
            ("Schumer", &[]),
            ("Chuck Grassley", &[]),
            ("George X. Bush", &[]),
        ];
        for &(query, want) in cases {
            assert_eq!(names(&p, &p.lookup(query)), want, "help: lookup {query:?}");
        }
    }

    #[test]
    fn records_expose_their_columns() {
        let p = People::parse(TABLE, "test").unwrap();
        let s = p.person(p.lookup("Chuck Schumer")[0]);
        assert_eq!(s.aliases, ["Charles E. Schumer", "Charles Schumer"]);
        assert_eq!(s.gender, Some(Gender::Male));
        assert_eq!(s.countries, ["United States"]);
        let office = Office {
            title: "US Senator (New York)".into(),
            start: Some(1999),
            end: None,
        };
        assert_eq!(s.offices, [office]);
        let n = p.person(p.lookup("Jerry Nadler")[0]);
        assert!(n.offices.is_empty());
    }

    #[test]
    fn bad_lines_are_errors_naming_the_line() {
        let cases: &[(&str, &str)] = &[
            ("Ada Example\t\tx\n", "gender"),
            ("Ada Example\t\tf\tUntied States\n", "unknown country"),
            ("Ada Example\t\tf\tUS\n", "write it as \"United States\""),
            ("Ada Example\t\tf\t\tMP:201-\n", "office"),
            ("Ada Example\t\tf\t\tMP:2010\n", "office"),
            ("\tAda\n", "name"),
            ("A B\t\t\t\t\textra\n", "columns"),
        ];
        for &(body, want) in cases {
            let text = format!("# comment\nJohn Example\n{body}");
            let e = People::parse(&text, "mine.tsv").unwrap_err();
            let msg = e.to_string();
            assert!(msg.starts_with("mine.tsv:3: "), "help: {body:?} gave {msg}");
            assert!(msg.contains(want), "help: {body:?} gave {msg}");
        }
    }

    #[test]
    fn a_user_file_adds_candidates_on_top() {
        let mut p = People::parse(TABLE, "test").unwrap();
        let before = p.lookup("Chuck Schumer").len();
        p.extend(People::parse("Chuck Schumer\t\tm\tCanada\n", "mine.tsv").unwrap());
        let ids = p.lookup("Chuck Schumer");
        assert_eq!(ids.len(), before + 1);
        assert_eq!(p.person(ids[before]).countries, ["Canada"]);
    }
}
