//! `who`: the speakers (or countries, or topics) of the statements matching a query, ranked by
//! relevance and number of matching statements, each with its best snippet.

use serde::Serialize;
use tantivy::query::TermQuery;
use tantivy::schema::{Facet, IndexRecordOption};
use tantivy::snippet::SnippetGenerator;
use tantivy::Term;

use super::count::CountBy;
use super::group::GroupBy;
use super::search::{CountryOf, Filters, Hit, KindFilter, Searcher};
use super::writer::facet_step;
use super::Result;
use crate::statement::CountryEvidence;

/// What to group the matching statements by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Pivot {
    /// The canonical speaker.
    #[default]
    Speaker,
    /// The speaker's country.
    Country,
    /// The statement's topic.
    Topic,
}

impl Pivot {
    fn field(self) -> &'static str {
        match self {
            Pivot::Speaker => "speaker_facet",
            Pivot::Country => "country",
            Pivot::Topic => "topic",
        }
    }
}

/// One row of a `who` table.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Row {
    /// 1-based rank.
    pub rank: usize,
    /// The speaker, country or topic.
    pub value: String,
    /// Matching statements.
    pub count: u64,
    /// Ranking score: best match's relevance × (1 + ln count).
    pub score: f32,
    /// The speaker's countries (with `--by speaker`: over all their statements, see
    /// [`leading_countries`]), else those of the best statement.
    pub country: Vec<String>,
    /// The best matching statement, ranked as its row; with `--by speaker`, its `country` is
    /// the row's (the speaker's record, not only what this statement's article said), each
    /// country with the statement's own evidence, else `index`.
    pub best: Hit,
}

/// The answer to a `who` query.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Answer {
    /// Distinct values that matched.
    pub groups: usize,
    /// The top rows.
    pub rows: Vec<Row>,
}

/// A speaker's countries from the counts of their statements by country, most first: those
/// given with at least half as many statements as the first (one statement's context can
/// mislead; the speaker's record seldom does).
///
/// ```
/// use whosaid::index::who::leading_countries;
/// let counts = [("Poland", 10), ("Ukraine", 5), ("Russia", 4)];
/// assert_eq!(leading_countries(counts), vec!["Poland", "Ukraine"]);
/// ```
pub fn leading_countries<'a>(counts: impl IntoIterator<Item = (&'a str, u64)>) -> Vec<String> {
    let mut counts = counts.into_iter().peekable();
    let Some(&(_, most)) = counts.peek() else {
        return vec![];
    };
    counts
        .take_while(|(_, c)| 2 * c >= most)
        .map(|(v, _)| v.to_string())
        .collect()
}

/// Gives a statement's `hit` its speaker's `countries` (their record, [`leading_countries`]),
/// each with the evidence the statement itself gave it, else `index` (the same speaker's country
/// in other articles of the index), so that an answer about a speaker names one country list.
pub fn with_speaker_countries(hit: &mut Hit, countries: &[String]) {
    let evidence = countries
        .iter()
        .map(|c| {
            hit.country_evidence
                .iter()
                .find(|e| &e.country == c)
                .cloned()
                .unwrap_or_else(|| CountryOf {
                    country: c.clone(),
                    evidence: CountryEvidence::Index.as_str().to_string(),
                })
        })
        .collect();
    hit.country_evidence = evidence;
    hit.country = countries.to_vec();
}

/// Gives each statement among `hits` that carries no country its speaker's countries in the
/// rest of the index (evidence `index`): one identity across the index. A statement whose
/// article gave its speaker a country keeps it.
pub fn fill_speaker_countries(s: &Searcher, hits: &mut [Hit]) -> Result<()> {
    let searcher = s.searcher();
    let mut known: std::collections::HashMap<String, Vec<String>> = Default::default();
    for h in hits.iter_mut() {
        let Some(speaker) = h.speaker.clone() else {
            continue;
        };
        if h.kind == "passage" || !h.country.is_empty() {
            continue;
        }
        let countries = match known.get(&speaker) {
            Some(c) => c.clone(),
            None => {
                let c = speaker_countries(s, &searcher, &speaker)?;
                known.insert(speaker, c.clone());
                c
            }
        };
        if !countries.is_empty() {
            with_speaker_countries(h, &countries);
        }
    }
    Ok(())
}

/// A speaker's countries over all their statements ([`leading_countries`]).
fn speaker_countries(
    s: &Searcher,
    searcher: &tantivy::Searcher,
    speaker: &str,
) -> Result<Vec<String>> {
    let q = TermQuery::new(
        Term::from_facet(
            s.fields().speaker_facet,
            &Facet::from_path(["speaker", &facet_step(speaker)]),
        ),
        IndexRecordOption::Basic,
    );
    let counts = searcher.search(&q, &CountBy::new("country"))?;
    Ok(leading_countries(
        counts.iter().map(|(v, c)| (v.as_str(), *c)),
    ))
}

/// Runs a `who` query: statements only unless `filters.kind` says otherwise.
pub fn who(
    s: &Searcher,
    query: &str,
    filters: &Filters,
    pivot: Pivot,
    limit: usize,
    snippet_chars: usize,
) -> Result<Answer> {
    let mut filters = filters.clone();
    if filters.kind.is_none() {
        filters.kind = Some(KindFilter::Statement);
    }
    let q = match s.build(query, &filters)? {
        Ok(q) => q,
        Err(_) => {
            return Ok(Answer {
                groups: 0,
                rows: vec![],
            })
        }
    };
    let searcher = s.searcher();
    let groups = searcher.search(&q, &GroupBy::new(pivot.field()))?;
    let mut gen = SnippetGenerator::create(&searcher, &*q, s.fields().text)?;
    gen.set_max_num_chars(snippet_chars.max(20));
    let mut rows = Vec::with_capacity(limit.min(groups.len()));
    for (i, g) in groups.iter().take(limit.max(1)).enumerate() {
        let mut best = s.hit(
            &searcher,
            &gen,
            g.best_doc,
            i + 1,
            g.best_score,
            snippet_chars,
        )?;
        if pivot == Pivot::Speaker {
            with_speaker_countries(&mut best, &speaker_countries(s, &searcher, &g.value)?);
        }
        let country = best.country.clone();
        rows.push(Row {
            rank: i + 1,
            value: g.value.clone(),
            count: g.count,
            score: g.rank_score(),
            country,
            best,
        });
    }
    Ok(Answer {
        groups: groups.len(),
        rows,
    })
}
