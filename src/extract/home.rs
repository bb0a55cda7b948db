//! The article's home country: the country its unmarked speakers most likely belong to.
//!
//! A US paper's "Sen. Cruz", "local residents" and "the company" are American; a BBC article's
//! "the home secretary" and "Halifax" are British. Two sources of that context, in order:
//!
//! - the outlet that published the article (its `source` or its address), from the outlet table
//!   of the gazetteer: evidence [`CountryEvidence::Outlet`];
//! - failing that, the article's own words: the institutions, seats of government, capitals,
//!   country names and demonyms it names, weighed so that a country's institutions ("the White
//!   House", "Downing Street", "the Senate") count more than its name. The country must clearly
//!   lead: evidence [`CountryEvidence::Article`].
//!
//! The home country is a default, never an override: [`super`] gives it only to speakers whose
//! own description names no country. Knows nothing of speakers or statements.

use std::sync::OnceLock;

use super::gazetteer::{fold, fold_into, Gazetteer, OutletKind, PlaceKind};
use super::hash::{FastMap, FastSet};
use super::mentions;
use super::tokens::Token;
use crate::article::Article;
use crate::statement::CountryEvidence;

const SIGNALS: &str = include_str!("../../data/gazetteer/signals.tsv");

/// Weight of an institution, seat of government or capital named in the article.
const INSTITUTION_WEIGHT: u32 = 3;
/// Weight of a country's name or demonym.
const NAME_WEIGHT: u32 = 1;
/// The least score a country needs to be the article's home country.
const MIN_SCORE: u32 = 4;
/// The leader's score must be at least `MIN_LEAD.0 / MIN_LEAD.1` times the runner-up's.
const MIN_LEAD: (u32, u32) = (3, 2);
/// The most a currency sign can add: `£` for the United Kingdom.
const MAX_CURRENCY: u32 = 6;

/// One entry of `data/gazetteer/signals.tsv`.
#[derive(Debug)]
struct Signal {
    /// The phrase as written in the data file.
    written: &'static str,
    country: &'static str,
    weight: u32,
}

/// The signal phrases, by folded phrase, and the most words one has.
#[derive(Debug, Default)]
struct Signals {
    by_phrase: FastMap<String, Signal>,
    /// Every phrase's first word, first two words and so on, folded: a word that starts none
    /// is passed over after one look.
    prefixes: FastSet<String>,
    max_words: usize,
}

impl Signals {
    fn get() -> &'static Signals {
        static S: OnceLock<Signals> = OnceLock::new();
        S.get_or_init(|| {
            let mut s = Signals::default();
            for line in SIGNALS.lines().filter(|l| !l.starts_with('#')) {
                let [written, country, weight] = line.split('\t').collect::<Vec<_>>()[..] else {
                    continue;
                };
                let Ok(weight) = weight.trim().parse() else {
                    continue;
                };
                let key = phrase_key(written.split_whitespace());
                s.max_words = s.max_words.max(written.split_whitespace().count());
                let mut prefix = String::new();
                for w in written.split_whitespace() {
                    if !prefix.is_empty() {
                        prefix.push(' ');
                    }
                    prefix.push_str(&fold(w));
                    s.prefixes.insert(prefix.clone());
                }
                s.by_phrase.insert(
                    key,
                    Signal {
                        written,
                        country,
                        weight,
                    },
                );
            }
            s
        })
    }

    /// The signal that the words of `toks` open with, and how many tokens it takes.
    /// The longest signal wins; the key grows a word at a time while some phrase starts so.
    fn at(&self, text: &str, toks: &[Token], key: &mut String) -> Option<(&Signal, usize)> {
        key.clear();
        let mut best = None;
        for (n, t) in toks.iter().take(self.max_words).enumerate() {
            if !t.is_word() {
                break;
            }
            if n > 0 {
                key.push(' ');
            }
            fold_into(t.text(text), key);
            if !self.prefixes.contains(key.as_str()) {
                break;
            }
            if let Some(sig) = self.by_phrase.get(key.as_str()) {
                if sig.matches(&text[toks[0].start..t.end]) {
                    best = Some((sig, n + 1));
                }
            }
        }
        best
    }
}

impl Signal {
    /// Returns true if and only if `written` (the article's words) is this signal as it must be
    /// written: an abbreviation or a word in capitals exactly, a capitalised phrase with a
    /// capital, a lowercase one in any case.
    fn matches(&self, written: &str) -> bool {
        let all_caps = self.written.chars().filter(|c| c.is_alphabetic()).count() > 1
            && self.written.chars().all(|c| !c.is_lowercase());
        if all_caps || self.written.ends_with('.') {
            return written == self.written;
        }
        if self.written.starts_with(char::is_uppercase) {
            return written.starts_with(char::is_uppercase);
        }
        true
    }
}

fn phrase_key<'a>(words: impl Iterator<Item = &'a str>) -> String {
    words.map(fold).collect::<Vec<_>>().join(" ")
}

/// An article's home country and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Home {
    /// The country, as the gazetteer spells it.
    pub country: &'static str,
    /// [`CountryEvidence::Outlet`] or [`CountryEvidence::Article`].
    pub evidence: CountryEvidence,
}

/// The home country of `article`, whose passages' tokens are `toks`.
pub fn home(article: &Article, toks: &[Vec<Token>], g: &Gazetteer) -> Option<Home> {
    if let Some(country) = outlet_country(article, g) {
        return Some(Home {
            country,
            evidence: CountryEvidence::Outlet,
        });
    }
    from_words(&article.text, toks, g).map(|country| Home {
        country,
        evidence: CountryEvidence::Article,
    })
}

/// The home country of the article's outlet, by its name or its address, when the outlet
/// writes for its own country (a wire or an international outlet says nothing of its
/// speakers).
fn outlet_country(article: &Article, g: &Gazetteer) -> Option<&'static str> {
    let outlet = article
        .source
        .as_deref()
        .and_then(|s| g.outlet(s))
        .or_else(|| article.url.as_deref().and_then(|u| g.outlet_for_url(u)))?;
    matches!(outlet.kind, OutletKind::National | OutletKind::Columnist).then_some(outlet.country)
}

/// The most words of an organisation's name.
const MAX_ORG_WORDS: usize = 6;

/// The home country of the organisation the capitalised words of `toks` open with ("National
/// Rifle Association", "NRA"), and how many tokens its name takes.
fn organisation_at(text: &str, toks: &[Token], g: &Gazetteer) -> Option<(&'static str, usize)> {
    if !toks.first().is_some_and(|t| t.cap && t.is_word()) {
        return None;
    }
    // The run of capitalised words (and the small words inside names) it may take.
    let run = toks
        .iter()
        .take(MAX_ORG_WORDS)
        .take_while(|t| t.is_word() && (t.cap || matches!(t.text(text), "of" | "for" | "and")))
        .count();
    (1..=run).rev().find_map(|n| {
        let phrase = text.get(toks[0].start..toks[n - 1].stem_end(text))?;
        let country = g.organisation(phrase)?.country?;
        Some((country, n))
    })
}

/// The country the article's words clearly lead with, if one does.
fn from_words(text: &str, toks: &[Vec<Token>], g: &Gazetteer) -> Option<&'static str> {
    let mut scores: Vec<(&'static str, u32)> = Vec::new();
    let mut add =
        |country: &'static str, weight: u32| match scores.iter_mut().find(|(c, _)| *c == country) {
            Some((_, s)) => *s += weight,
            None => scores.push((country, weight)),
        };
    let signals = Signals::get();
    // The key buffer of [`Signals::at`], kept from word to word.
    let mut key = String::new();
    for t in toks {
        let mut i = 0;
        while i < t.len() {
            if let Some((sig, n)) = signals.at(text, &t[i..], &mut key) {
                add(sig.country, sig.weight);
                i += n;
                continue;
            }
            if let Some((country, n)) = organisation_at(text, &t[i..], g) {
                add(country, INSTITUTION_WEIGHT);
                i += n;
                continue;
            }
            // Only a capitalised word opens a place here.
            let place = t[i]
                .cap
                .then(|| mentions::place_at(text, &t[i..], g))
                .flatten();
            let Some((place, n)) = place else {
                i += 1;
                continue;
            };
            let weight = match place.kind {
                PlaceKind::Metonym => INSTITUTION_WEIGHT,
                PlaceKind::Country | PlaceKind::Demonym | PlaceKind::Media => NAME_WEIGHT,
                PlaceKind::Group => 0,
            };
            if let [country] = place.countries[..] {
                add(country, weight);
            }
            i += n;
        }
    }
    let pounds = text.matches('£').count().min(MAX_CURRENCY as usize) as u32;
    if pounds > 0 {
        add("United Kingdom", pounds);
    }
    scores.retain(|s| s.1 > 0);
    scores.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let (first, best) = *scores.first()?;
    let second = scores.get(1).map_or(0, |s| s.1);
    (best >= MIN_SCORE && best * MIN_LEAD.1 >= second * MIN_LEAD.0).then_some(first)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokens::tokenize;

    fn home_of(text: &str, source: Option<&str>) -> Option<Home> {
        let mut a = crate::input::parse_text(text, "t.txt", "t");
        a.source = source.map(str::to_string);
        let toks: Vec<Vec<Token>> = crate::segment::segment(&a)
            .passages
            .iter()
            .map(|p| tokenize(&a.text, p.range(), &[]))
            .collect();
        home(&a, &toks, Gazetteer::get())
    }

    #[test]
    fn home_countries() {
        let us = "Budget talks\n\nThe White House said on Monday that Congress would vote. Senate \
                  leaders met in Washington. The president spoke to American farmers.\n";
        let uk =
            "Pension row\n\nDowning Street said unions would be consulted. The Foreign Office \
                  and Whitehall officials met in London with British employers.\n";
        let none = "Match report\n\nThe striker scored twice and the coach was pleased.\n";
        type Case<'a> = (&'a str, Option<&'a str>, Option<(&'a str, CountryEvidence)>);
        let cases: &[Case] = &[
            (us, None, Some(("United States", CountryEvidence::Article))),
            (uk, None, Some(("United Kingdom", CountryEvidence::Article))),
            (none, None, None),
            (
                none,
                Some("BBC"),
                Some(("United Kingdom", CountryEvidence::Outlet)),
            ),
            (
                us,
                Some("BBC"),
                Some(("United Kingdom", CountryEvidence::Outlet)),
            ),
        ];
        for (text, source, want) in cases {
            let got = home_of(text, *source).map(|h| (h.country, h.evidence));
            assert_eq!(got, *want, "help: home of {text:?} from {source:?}");
        }
    }
}
