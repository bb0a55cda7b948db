//! Why an answer is empty: a filter value the index does not hold (with the values it does hold
//! that come closest, from the facet dictionary and the gazetteer's other names of countries), a
//! date range outside the index's, a word no document holds, or filters that exclude every match.
//! Asked only after a search found nothing, so it may cost a look at every facet value.

use tantivy::collector::Count;
use tantivy::schema::Field;
use tantivy::{DateTime, Term};

use super::query::{facet_values, fold, FacetKind};
use super::schema::tantivy_to_day;
use super::searcher::Searcher;
use super::types::Filters;
use super::Result;
use crate::query::{Node, QueryField};

/// The gazetteer's countries, with their other names and demonyms (`USA`, `Britain`, `British`).
const COUNTRIES: &str = include_str!("../../data/gazetteer/countries.tsv");

/// The country that `name` is another name or a demonym of (`USA` → `United States`).
pub fn country_named(name: &str) -> Option<&'static str> {
    let want = fold(name);
    COUNTRIES
        .lines()
        .filter(|l| !l.starts_with('#'))
        .find_map(|line| {
            let mut cols = line.split('\t');
            let country = cols.next()?;
            let others = cols.next().unwrap_or("");
            let demonyms = cols.next().unwrap_or("");
            others
                .split('|')
                .chain(demonyms.split('|'))
                .any(|n| !n.is_empty() && fold(n) == want)
                .then_some(country)
        })
}

/// How many close values a message offers.
const SUGGESTIONS: usize = 3;

/// The command that lists the values of a facet.
fn lister(root: &str) -> String {
    format!("`whosaid facets --field {root} -n 1000` lists them")
}

/// Levenshtein distance of two strings, by characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// The candidates closest to `want` (case folded; a candidate's single words count too), at most
/// [`SUGGESTIONS`], closest first.
pub fn closest<'a>(want: &str, candidates: impl Iterator<Item = &'a str>) -> Vec<String> {
    let want = fold(want);
    let n = want.chars().count();
    let most = match n {
        0..=4 => 1,
        5..=8 => 2,
        _ => 3,
    };
    let mut found: Vec<(usize, &str)> = candidates
        .filter_map(|c| {
            let lc = c.to_lowercase();
            let whole = distance(&want, &lc);
            let word = lc
                .split([' ', '/', '-'])
                .map(|w| distance(&want, w))
                .min()
                .unwrap_or(whole);
            let d = whole.min(word);
            (d <= most).then_some((d, c))
        })
        .collect();
    found.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.len().cmp(&b.1.len())));
    found.dedup_by(|a, b| a.1 == b.1);
    found
        .into_iter()
        .take(SUGGESTIONS)
        .map(|(_, c)| c.to_string())
        .collect()
}

/// " did you mean A or B?" or nothing.
fn did_you_mean(names: &[String]) -> String {
    if names.is_empty() {
        String::new()
    } else {
        format!(" did you mean {}?", names.join(" or "))
    }
}

impl Searcher {
    /// Why `query` with `filters` finds nothing, when it can be told; `None` otherwise.
    pub fn why_empty(&self, query: &str, filters: &Filters) -> Result<Option<String>> {
        let mut values: Vec<(QueryField, String)> = Vec::new();
        values.extend(filters.speaker.clone().map(|v| (QueryField::Speaker, v)));
        values.extend(filters.country.clone().map(|v| (QueryField::Country, v)));
        values.extend(filters.topic.clone().map(|v| (QueryField::Topic, v)));
        values.extend(filters.source.clone().map(|v| (QueryField::Source, v)));
        let node = crate::query::parse(query).ok();
        if let Some(n) = &node {
            facet_leaves(n, &mut values);
        }
        for (field, value) in &values {
            if let Some(why) = self.unknown_value(*field, value)? {
                return Ok(Some(why));
            }
        }
        if let Some(why) = self.outside_dates(filters)? {
            return Ok(Some(why));
        }
        if let Some(n) = &node {
            if let Some(word) = self.unknown_word(n)? {
                return Ok(Some(format!("no document holds the word '{word}'")));
            }
        }
        let filtered = !values.is_empty()
            || filters.kind.is_some()
            || filters.since.is_some()
            || filters.until.is_some();
        if let Ok(q) = self.build(query, &Filters::default())? {
            let n = self.searcher().search(&q, &Count)?;
            if n > 0 && filtered {
                return Ok(Some(format!(
                    "{n} document{} match the query, but none with the filters",
                    if n == 1 { "" } else { "s" }
                )));
            }
            if n == 0 && node.is_some() {
                return Ok(Some(
                    "no statement or passage matches the query as a whole, though each of its \
                     words is in the index: fewer words, or OR between them, find more"
                        .to_string(),
                ));
            }
        }
        Ok(None)
    }

    /// The message for a filter value that no value of the index matches.
    fn unknown_value(&self, field: QueryField, value: &str) -> Result<Option<String>> {
        let kind = match field {
            QueryField::Country => FacetKind::Country,
            QueryField::Topic => FacetKind::Topic,
            QueryField::Source => FacetKind::Source,
            QueryField::Speaker => return self.unknown_speaker(value),
            _ => return Ok(None),
        };
        if self.facet_filter(kind, value)?.is_some() {
            return Ok(None);
        }
        let field_handle = self.facet_field(kind);
        let paths: Vec<String> = facet_values(&self.searcher(), field_handle, kind.root())?
            .into_iter()
            .map(|p| p.join("/"))
            .collect();
        let root = kind.root();
        let msg = match kind {
            FacetKind::Country => {
                let mut names: Vec<String> = country_named(value)
                    .map(str::to_string)
                    .into_iter()
                    .collect();
                names.retain(|c| paths.contains(c));
                if names.is_empty() {
                    names = closest(value, paths.iter().map(String::as_str));
                }
                format!(
                    "no country '{value}' in the index;{} {}",
                    did_you_mean(&names),
                    lister(root)
                )
            }
            FacetKind::Topic => {
                let tops: Vec<&str> = paths
                    .iter()
                    .filter(|p| !p.contains('/'))
                    .map(String::as_str)
                    .collect();
                format!(
                    "no topic '{value}' in the index;{} topics: {} ({})",
                    did_you_mean(&closest(value, paths.iter().map(String::as_str))),
                    tops.join(", "),
                    lister(root)
                )
            }
            FacetKind::Source => format!(
                "no source matching '{value}' in the index;{} {}",
                did_you_mean(&closest(value, paths.iter().map(String::as_str))),
                lister(root)
            ),
        };
        Ok(Some(msg))
    }

    fn unknown_speaker(&self, name: &str) -> Result<Option<String>> {
        if crate::names::name_key(name).is_empty() {
            return Ok(None);
        }
        let q = self.speaker_filter(name)?;
        if self.searcher().search(&q, &Count)? > 0 {
            return Ok(None);
        }
        let names: Vec<String> =
            facet_values(&self.searcher(), self.fields().speaker_facet, "speaker")?
                .into_iter()
                .map(|p| p.join("/"))
                .collect();
        let near = closest(name, names.iter().map(String::as_str));
        Ok(Some(format!(
            "no speaker '{name}' in the index;{} {}",
            did_you_mean(&near),
            lister("speaker")
        )))
    }

    fn facet_field(&self, kind: FacetKind) -> Field {
        let f = self.fields();
        match kind {
            FacetKind::Country => f.country_facet,
            FacetKind::Topic => f.topic_facet,
            FacetKind::Source => f.source_facet,
        }
    }

    /// The first and last publication days in the index.
    pub fn date_range(&self) -> Result<Option<(jiff::civil::Date, jiff::civil::Date)>> {
        let searcher = self.searcher();
        let mut range: Option<(DateTime, DateTime)> = None;
        for seg in searcher.segment_readers() {
            let Ok(col) = seg.fast_fields().date("date") else {
                continue;
            };
            if col.values.num_vals() == 0 {
                continue;
            }
            let (lo, hi) = (col.min_value(), col.max_value());
            range = Some(match range {
                None => (lo, hi),
                Some((a, b)) => (a.min(lo), b.max(hi)),
            });
        }
        Ok(range.and_then(|(lo, hi)| Some((tantivy_to_day(lo)?, tantivy_to_day(hi)?))))
    }

    /// The message for a date range that holds no day of the index's range.
    fn outside_dates(&self, filters: &Filters) -> Result<Option<String>> {
        let (since, until) = filters.days()?;
        if let (Some(s), Some(u)) = (since, until) {
            if s > u {
                return Ok(Some(format!("--since {s} is after --until {u}")));
            }
        }
        let Some((first, last)) = self.date_range()? else {
            return Ok((since.is_some() || until.is_some())
                .then(|| "no article of the index has a date".to_string()));
        };
        let outside = since.is_some_and(|s| s > last) || until.is_some_and(|u| u < first);
        Ok(outside.then(|| {
            format!("the index holds articles dated {first} to {last}, none in the dates asked")
        }))
    }

    /// A word the query requires that no document holds in any field searched.
    fn unknown_word(&self, node: &Node) -> Result<Option<String>> {
        let f = self.fields();
        let searcher = self.searcher();
        let mut words = Vec::new();
        required_words(node, &mut words);
        for w in words {
            let mut held = false;
            for field in [f.text, f.entry, f.topic_text] {
                for (_, t) in self.analyze_in(field, &w)? {
                    if searcher.doc_freq(&Term::from_field_text(field, &t))? > 0 {
                        held = true;
                    }
                }
            }
            if !held && !self.analyze_in(f.text, &w)?.is_empty() {
                return Ok(Some(w));
            }
        }
        Ok(None)
    }
}

/// The facet-field values of a query (`country:USA`).
fn facet_leaves(node: &Node, out: &mut Vec<(QueryField, String)>) {
    match node {
        Node::Word(Some(f), v) | Node::Phrase(Some(f), v) if !f.is_text() => {
            out.push((*f, v.clone()))
        }
        Node::And(v) | Node::Or(v) => v.iter().for_each(|n| facet_leaves(n, out)),
        _ => {}
    }
}

/// The words of the default fields that every match must hold (not under OR or NOT).
fn required_words(node: &Node, out: &mut Vec<String>) {
    match node {
        Node::Word(None, w) => out.push(w.clone()),
        Node::And(v) => v.iter().for_each(|n| required_words(n, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_values_are_offered() {
        let countries = ["United States", "United Kingdom", "Ukraine", "Russia"];
        assert_eq!(closest("Russsia", countries.iter().copied()), ["Russia"]);
        assert_eq!(closest("ukrain", countries.iter().copied()), ["Ukraine"]);
        assert!(closest("Atlantis", countries.iter().copied()).is_empty());
        let topics = ["conflict", "conflict/war", "economy/sanctions"];
        assert_eq!(closest("wars", topics.iter().copied())[0], "conflict/war");
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(country_named("USA"), Some("United States"));
        assert_eq!(country_named("u.k."), Some("United Kingdom"));
        assert_eq!(country_named("Narnia"), None);
    }
}
