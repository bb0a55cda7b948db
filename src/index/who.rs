//! `who`: the speakers (or countries, or topics) of the statements matching a query, ranked by
//! relevance and number of matching statements, each with its best snippet.

use serde::Serialize;
use tantivy::snippet::SnippetGenerator;

use super::group::GroupBy;
use super::hits::{speaker_countries, with_speaker_countries};
use super::searcher::Searcher;
use super::types::{Choice, Filters, Hit, KindFilter, MIN_SNIPPET_CHARS};
use super::Result;

/// What to group the matching statements by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Default)]
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

impl Choice for Pivot {
    const ALL: &'static [Pivot] = &[Pivot::Speaker, Pivot::Country, Pivot::Topic];

    fn name(self) -> &'static str {
        match self {
            Pivot::Speaker => "speaker",
            Pivot::Country => "country",
            Pivot::Topic => "topic",
        }
    }
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
    /// [`super::hits::leading_countries`]), else those of the best statement.
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
    gen.set_max_num_chars(snippet_chars.max(MIN_SNIPPET_CHARS));
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
