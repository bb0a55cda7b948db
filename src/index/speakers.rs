//! The speaker registry: one canonical display name per speaker across the whole index.
//!
//! Extraction names a speaker as the article spells it ("Sergei Lavrov" here, "Sergey Lavrov"
//! there, "Donald J. Trump" elsewhere, or only "Trump" where the article never gives the full
//! name). The registry maps each spelling's identity key to the display name first indexed under
//! it, and a bare surname to the full name that dominates it across the index, so that a speaker
//! has one facet value. It is rebuilt from the speaker facets of the index (with their document
//! counts) when a writer opens: derived state that never goes stale.

use std::collections::{HashMap, HashSet};

use tantivy::schema::{Facet, Field};
use tantivy::Searcher;

use crate::aliases::Aliases;
use crate::names::{clean_name, name_key};

/// A bare surname is taken for the full name holding at least this share of the statements of
/// all full names with that surname ("Trump" is Donald Trump, "Clinton" is nobody in particular).
pub const SURNAME_SHARE: f64 = 0.75;

/// A bare surname is mapped only once the full name has at least this many statements.
pub const SURNAME_MIN: u64 = 3;

/// Maps name keys to canonical display names.
#[derive(Debug, Default, Clone)]
pub struct SpeakerRegistry {
    by_key: HashMap<String, String>,
    /// Folded surname of multi-word names -> (display name, statements).
    by_surname: HashMap<String, Vec<(String, u64)>>,
    /// Identity keys of the names of a user's merge lines to the name to show.
    merged: HashMap<String, String>,
    /// Exact name keys of the names a user keeps apart.
    apart: HashSet<String>,
}

/// The identity key of a name: its [`name_key`] with a nickname for its first name made formal
/// ("Chuck Schumer" is "Charles Schumer", from `data/gazetteer/nicknames.tsv`) and without a
/// middle initial ("Donald J. Trump" is "Donald Trump"). Two initials or more tell a person apart
/// and stay ("George H. W. Bush" is not "George W. Bush").
pub fn identity_key(name: &str) -> String {
    let key = name_key(&formal(name));
    let words: Vec<&str> = key.split(' ').collect();
    if words.len() < 3 {
        return key;
    }
    let last = words.len() - 1;
    let initials = words[1..last]
        .iter()
        .filter(|w| w.chars().count() == 1)
        .count();
    if initials > 1 {
        return key;
    }
    words
        .iter()
        .enumerate()
        .filter(|(i, w)| *i == 0 || *i == last || w.chars().count() > 1)
        .map(|(_, w)| *w)
        .collect::<Vec<_>>()
        .join(" ")
}

/// `name` with its first word, a nickname, replaced by the formal name ("Chuck Schumer" is
/// "Charles Schumer"); a one-word name (a bare surname) stays as it is.
fn formal(name: &str) -> std::borrow::Cow<'_, str> {
    let name = name.trim();
    let Some((first, rest)) = name.split_once(char::is_whitespace) else {
        return name.into();
    };
    match crate::extract::gazetteer::Gazetteer::get().formal_first_name(first.trim_end_matches('.'))
    {
        Some(formal) => format!("{formal} {rest}").into(),
        None => name.into(),
    }
}

impl SpeakerRegistry {
    /// Reads every `/speaker/...` facet value of the index, with its number of statements.
    pub fn from_index(searcher: &Searcher, facet_field: Field) -> tantivy::Result<Self> {
        Self::from_index_with(searcher, facet_field, Aliases::default())
    }

    /// [`SpeakerRegistry::from_index`] with a user's merges and splits of names.
    pub fn from_index_with(
        searcher: &Searcher,
        facet_field: Field,
        aliases: Aliases,
    ) -> tantivy::Result<Self> {
        let mut counts: HashMap<String, u64> = HashMap::new();
        for seg in searcher.segment_readers() {
            let inv = seg.inverted_index(facet_field)?;
            let mut stream = inv.terms().stream()?;
            while stream.advance() {
                let Ok(facet) = Facet::from_encoded(stream.key().to_vec()) else {
                    continue;
                };
                let path = facet.to_path();
                if path.len() == 2 && path[0] == "speaker" {
                    *counts.entry(path[1].to_string()).or_default() +=
                        stream.value().doc_freq as u64;
                }
            }
        }
        let mut reg = SpeakerRegistry::with_aliases(aliases);
        // Multi-word names first, so that bare surnames find them.
        let mut names: Vec<(String, u64)> = counts.into_iter().collect();
        names.sort_by_key(|(n, c)| (!n.contains(' '), std::cmp::Reverse(*c)));
        for (name, count) in names {
            reg.register(&name, count);
        }
        Ok(reg)
    }

    /// An empty registry with a user's merges and splits: the name to show of each merge line
    /// is the display name of its identity from the start.
    pub fn with_aliases(aliases: Aliases) -> Self {
        let mut reg = SpeakerRegistry::default();
        for names in &aliases.merges {
            for name in names {
                reg.merged.insert(identity_key(name), names[0].clone());
            }
            reg.by_key.insert(identity_key(&names[0]), names[0].clone());
        }
        reg.apart = aliases.apart.iter().map(|n| name_key(n)).collect();
        reg
    }

    fn dominant(&self, surname: &str) -> Option<&str> {
        let cands = self.by_surname.get(surname)?;
        let total: u64 = cands.iter().map(|(_, c)| c).sum();
        let (best, n) = cands.iter().max_by_key(|(_, c)| *c)?;
        (*n >= SURNAME_MIN && *n as f64 >= SURNAME_SHARE * total as f64).then_some(best.as_str())
    }

    fn register(&mut self, name: &str, count: u64) -> String {
        if !self.apart.is_empty() && self.apart.contains(&name_key(name)) {
            return name.split_whitespace().collect::<Vec<_>>().join(" ");
        }
        let merged = (!self.merged.is_empty())
            .then(|| self.merged.get(&identity_key(name)).cloned())
            .flatten();
        let name = merged.as_deref().unwrap_or(name);
        let key = identity_key(name);
        let single = !key.contains(' ');
        // A bare surname joins the full name that dominates it, unless it is a place's name
        // ("Jordan" may be the country speaking, not Jim Jordan).
        if single
            && crate::extract::gazetteer::Gazetteer::get()
                .place_str(name)
                .is_none()
        {
            if let Some(d) = self.dominant(&key) {
                return d.to_string();
            }
        }
        let display = match self.by_key.get(&key) {
            Some(d) => d.clone(),
            None => {
                let d = name.split_whitespace().collect::<Vec<_>>().join(" ");
                self.by_key.insert(key.clone(), d.clone());
                d
            }
        };
        if !single && name.chars().next().is_some_and(char::is_uppercase) {
            if let Some(surname) = key.rsplit(' ').next() {
                let cands = self.by_surname.entry(surname.to_string()).or_default();
                match cands.iter_mut().find(|(d, _)| *d == display) {
                    Some((_, c)) => *c += count,
                    None => cands.push((display.clone(), count)),
                }
            }
        }
        display
    }

    /// The canonical display name for `name`, registering it when it is new.
    ///
    /// ```
    /// use whosaid::index::speakers::SpeakerRegistry;
    /// let mut r = SpeakerRegistry::default();
    /// assert_eq!(r.canonical("Sergey Lavrov"), "Sergey Lavrov");
    /// assert_eq!(r.canonical("Sergey Lavrov"), "Sergey Lavrov");
    /// assert_eq!(r.canonical("Sergei Lavrov"), "Sergey Lavrov");
    /// assert_eq!(r.canonical("Donald J. Trump"), "Donald J. Trump");
    /// assert_eq!(r.canonical("Donald Trump"), "Donald J. Trump");
    /// // A bare surname joins the full name once that name dominates it.
    /// assert_eq!(r.canonical("Lavrov"), "Sergey Lavrov");
    /// # let _ = r;
    /// ```
    pub fn canonical(&mut self, name: &str) -> String {
        let clean = clean_name(name);
        self.register(if clean.is_empty() { name } else { &clean }, 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shared_surname_stays_apart_until_one_name_dominates() {
        let mut r = SpeakerRegistry::default();
        for _ in 0..3 {
            r.canonical("Hillary Clinton");
            r.canonical("Bill Clinton");
        }
        assert_eq!(r.canonical("Clinton"), "Clinton");
        for _ in 0..20 {
            r.canonical("Hillary Clinton");
        }
        assert_eq!(r.canonical("Clinton"), "Hillary Clinton");
    }

    #[test]
    fn middle_initials_do_not_make_another_person() {
        assert_eq!(identity_key("George W. Bush"), identity_key("George Bush"));
        assert_ne!(
            identity_key("George H. W. Bush"),
            identity_key("George W. Bush")
        );
        assert_ne!(identity_key("George Bush"), identity_key("Jeb Bush"));
        assert_eq!(identity_key("Xi Jinping").split(' ').count(), 2);
    }

    #[test]
    fn a_users_aliases_come_before_the_rules() {
        let aliases = Aliases::parse(
            "Hillary Rodham Clinton\tHillary Clinton\tHRC\n!George Bush\n!Clinton\n",
            "t",
        )
        .unwrap();
        let mut r = SpeakerRegistry::with_aliases(aliases);
        // Without the file, the first spelling indexed would be shown.
        assert_eq!(r.canonical("Hillary Clinton"), "Hillary Rodham Clinton");
        assert_eq!(r.canonical("HRC"), "Hillary Rodham Clinton");
        for _ in 0..10 {
            r.canonical("Hillary Rodham Clinton");
        }
        // Kept apart: never taken for the dominant full name.
        assert_eq!(r.canonical("Clinton"), "Clinton");
        assert_eq!(r.canonical("George W. Bush"), "George W. Bush");
        assert_eq!(r.canonical("George Bush"), "George Bush");
        assert_eq!(r.canonical("George W Bush"), "George W. Bush");
        let mut plain = SpeakerRegistry::default();
        assert_eq!(plain.canonical("George W. Bush"), "George W. Bush");
        assert_eq!(plain.canonical("George Bush"), "George W. Bush");
    }

    #[test]
    fn nicknames_are_the_formal_first_name() {
        assert_eq!(
            identity_key("Chuck Schumer"),
            identity_key("Charles E. Schumer")
        );
        assert_eq!(
            identity_key("Bill Clinton"),
            identity_key("William Clinton")
        );
        assert_ne!(
            identity_key("Bill Clinton"),
            identity_key("Hillary Clinton")
        );
        // A bare surname is no nickname, and a name not listed stays.
        assert_eq!(identity_key("Bill"), "bill");
        assert_eq!(identity_key("Chuck Schumer"), "charles schumer");
        let mut r = SpeakerRegistry::default();
        assert_eq!(r.canonical("Charles E. Schumer"), "Charles E. Schumer");
        assert_eq!(r.canonical("Chuck Schumer"), "Charles E. Schumer");
    }
}
