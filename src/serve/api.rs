//! The JSON API: each endpoint reads its parameters ([`super::params`]), calls the library
//! function the CLI calls, and answers with the type the CLI's `--json` prints. An answer
//! without hits carries `why_empty`, the reason the CLI prints on stderr, when it can be told.
//!
//! The `*_answer` functions are shared with the page, which renders the same answers.

use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

use super::params::{
    Params, FILTERS, MAX_API_LIMIT, MAX_FACET_VALUES, MAX_OFFSET, MAX_SNIPPET_CHARS,
};
use super::{Failure, Shared};
use crate::index::context::Shown;
use crate::index::facets::{count, Counts, FacetField};
use crate::index::profile::{profile, Profile};
use crate::index::provenance::{check_with, Provenance, MIN_COVERAGE};
use crate::index::search::{Filters, Request, Results, Searcher};
use crate::index::timeline::{Interval, Timeline, MAX_TOP_SPEAKERS};
use crate::index::who::{Answer, Pivot};

/// The most sentences of context `/api/show` gives on each side.
pub const MAX_CONTEXT: usize = 20;

/// An answer, with why it is empty when it is and that can be told.
#[derive(Clone, Debug, Serialize)]
pub struct Explained<T> {
    /// The answer, as the CLI's `--json` prints it.
    #[serde(flatten)]
    pub body: T,
    /// Why nothing was found (a filter value the index does not hold, dates outside its
    /// range...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why_empty: Option<String>,
}

/// Wraps `body`, asking the index why it is empty when `empty`.
fn explained<T>(
    s: &Searcher,
    body: T,
    empty: bool,
    query: &str,
    filters: &Filters,
) -> Explained<T> {
    let why_empty = if empty {
        s.why_empty(query, filters).ok().flatten()
    } else {
        None
    };
    Explained { body, why_empty }
}

/// A search's parameters, checked.
#[derive(Clone, Debug)]
pub struct SearchParams {
    /// The request, as the CLI makes it.
    pub request: Request,
    /// Hits to skip.
    pub offset: usize,
}

impl SearchParams {
    /// Reads `q`, the filters, `limit`, `offset`, `facets`, `facet_limit`, `collapse`,
    /// `snippet_chars`.
    pub fn read(p: &Params, default_facets: bool) -> Result<SearchParams, Failure> {
        let facets = default_facets || p.flag("facets")?;
        Ok(SearchParams {
            request: Request {
                query: p.required("q", "words to search for; `*` matches everything")?,
                filters: p.filters()?,
                limit: p.number("limit", 10, 1, MAX_API_LIMIT)?,
                snippet_chars: p.number("snippet_chars", 200, 20, MAX_SNIPPET_CHARS)?,
                collapse: p.flag("collapse")?,
                facets: facets
                    .then(|| p.number("facet_limit", 5, 1, MAX_API_LIMIT))
                    .transpose()?,
            },
            offset: p.number("offset", 0, 0, MAX_OFFSET)?,
        })
    }
}

/// Runs a search.
pub fn search_answer(s: &Searcher, sp: &SearchParams) -> Result<Explained<Results>, Failure> {
    let r = s.search_from(&sp.request, sp.offset)?;
    let empty = r.total == 0;
    Ok(explained(
        s,
        r,
        empty,
        &sp.request.query,
        &sp.request.filters,
    ))
}

/// `GET /api/search?q=&...&limit=&offset=&facets=1&collapse=1`.
pub async fn search(State(app): State<Shared>, RawQuery(raw): RawQuery) -> Response {
    let p = Params::parse(raw.as_deref());
    let known = [
        "q",
        "limit",
        "offset",
        "facets",
        "facet_limit",
        "collapse",
        "snippet_chars",
    ];
    answer(async {
        p.only(&known, true)?;
        let sp = SearchParams::read(&p, false)?;
        app.run(move |s| search_answer(s, &sp)).await
    })
    .await
}

/// `GET /api/who?q=&by=speaker|country|topic&limit=`.
pub async fn who_endpoint(app: Shared, p: Params) -> Result<Explained<Answer>, Failure> {
    p.only(&["q", "by", "limit", "snippet_chars"], true)?;
    let query = p.required("q", "words to search for; `*` matches everything")?;
    let filters = p.filters()?;
    let by = p.choice("by", Pivot::Speaker)?;
    let limit = p.number("limit", 10, 1, MAX_API_LIMIT)?;
    let snippet = p.number("snippet_chars", 160, 20, MAX_SNIPPET_CHARS)?;
    app.run(move |s| {
        let a = crate::index::who::who(s, &query, &filters, by, limit, snippet)?;
        let empty = a.rows.is_empty();
        Ok(explained(s, a, empty, &query, &filters))
    })
    .await
}

/// `GET /api/who`.
pub async fn who(State(app): State<Shared>, RawQuery(raw): RawQuery) -> Response {
    answer(who_endpoint(app, Params::parse(raw.as_deref()))).await
}

/// Counts of one facet, as `whosaid facets`.
pub fn facets_answer(
    s: &Searcher,
    query: &str,
    filters: &Filters,
    field: FacetField,
    limit: usize,
) -> Result<Explained<Counts>, Failure> {
    let c = count(s, query, filters, field, limit)?;
    let empty = c.values.is_empty();
    Ok(explained(s, c, empty, query, filters))
}

/// `GET /api/facets?q=&field=&limit=` (no `q`: every statement).
pub async fn facets(State(app): State<Shared>, RawQuery(raw): RawQuery) -> Response {
    let p = Params::parse(raw.as_deref());
    answer(async {
        p.only(&["q", "field", "limit"], true)?;
        let query = p.text("q")?.unwrap_or_default();
        let filters = p.filters()?;
        let field = p.choice("field", FacetField::Speaker)?;
        let limit = p.number("limit", 20, 1, MAX_FACET_VALUES)?;
        app.run(move |s| facets_answer(s, &query, &filters, field, limit))
            .await
    })
    .await
}

/// A timeline, as `whosaid timeline`.
pub fn timeline_answer(
    s: &Searcher,
    query: &str,
    filters: &Filters,
    interval: Interval,
    speakers: usize,
) -> Result<Explained<Timeline>, Failure> {
    let t = crate::index::timeline::timeline(s, query, filters, interval, speakers)?;
    let empty = t.total == 0;
    Ok(explained(s, t, empty, query, filters))
}

/// `GET /api/timeline?q=&interval=day|week|month|year&speakers=` (no `q`: every statement).
pub async fn timeline(State(app): State<Shared>, RawQuery(raw): RawQuery) -> Response {
    let p = Params::parse(raw.as_deref());
    answer(async {
        p.only(&["q", "interval", "speakers"], true)?;
        let query = p.text("q")?.unwrap_or_default();
        let filters = p.filters()?;
        let interval = match p.get("interval") {
            None => Interval::Month,
            Some(v) => v.parse::<Interval>()?,
        };
        let speakers = p.number("speakers", 3, 0, MAX_TOP_SPEAKERS)?;
        app.run(move |s| timeline_answer(s, &query, &filters, interval, speakers))
            .await
    })
    .await
}

/// A speaker's profile, as `whosaid speaker`; 404 naming close names when there is none.
pub fn speaker_answer(
    s: &Searcher,
    name: &str,
    filters: &Filters,
    latest: usize,
) -> Result<Profile, Failure> {
    let mut filters = filters.clone();
    filters.speaker = None;
    if let Some(p) = profile(s, name, &filters, latest)? {
        return Ok(p);
    }
    let only = Filters {
        speaker: Some(name.to_string()),
        ..filters
    };
    let why = s.why_empty("", &only).ok().flatten();
    Err(Failure::not_found(why.unwrap_or_else(|| {
        format!("no statements by a speaker named '{name}'")
    })))
}

/// `GET /api/speaker?name=&latest=`.
pub async fn speaker(State(app): State<Shared>, RawQuery(raw): RawQuery) -> Response {
    let p = Params::parse(raw.as_deref());
    answer(async {
        // The filters but `speaker`, which the name is.
        let mut known = vec!["name", "latest"];
        known.extend(FILTERS.iter().filter(|f| **f != "speaker"));
        p.only(&known, false)?;
        let name = p.required("name", "a surname or any name seen, e.g. name=Lavrov")?;
        let filters = p.filters()?;
        let latest = p.number("latest", 5, 1, MAX_API_LIMIT)?;
        app.run(move |s| speaker_answer(s, &name, &filters, latest))
            .await
    })
    .await
}

/// Where a quote was said, as `whosaid check`.
pub fn check_answer(
    s: &Searcher,
    quote: &str,
    filters: &Filters,
    limit: usize,
    min_coverage: f32,
) -> Result<Explained<Provenance>, Failure> {
    let p = check_with(s, quote, filters, limit, min_coverage)?;
    let why_empty = p.sources.is_empty().then(|| {
        format!(
            "no statement or passage holds {:.0}% of these words in order (min_coverage=0.7 \
             looks for looser matches)",
            min_coverage * 100.0
        )
    });
    Ok(Explained { body: p, why_empty })
}

/// Reads `/check`'s parameters: the quote, the filters, `limit`, `min_coverage`.
pub fn check_params(p: &Params) -> Result<(String, Filters, usize, f32), Failure> {
    Ok((
        p.required("quote", "the words, as remembered")?,
        p.filters()?,
        p.number("limit", 20, 1, MAX_API_LIMIT)?,
        p.share("min_coverage", MIN_COVERAGE)?,
    ))
}

/// `GET /api/check?quote=&limit=&min_coverage=`.
pub async fn check(State(app): State<Shared>, RawQuery(raw): RawQuery) -> Response {
    let p = Params::parse(raw.as_deref());
    answer(async {
        p.only(&["quote", "limit", "min_coverage"], true)?;
        let (quote, filters, limit, cov) = check_params(&p)?;
        app.run(move |s| check_answer(s, &quote, &filters, limit, cov))
            .await
    })
    .await
}

/// A hit in its article, as `whosaid show`; 404 when the article is not in the index.
pub fn show_answer(s: &Searcher, id: &str, context: usize) -> Result<Shown, Failure> {
    s.show(id, context)?
        .ok_or_else(|| Failure::not_found(format!("no article of id '{id}' in the index")))
}

/// `GET /api/show?id=&context=`.
pub async fn show(State(app): State<Shared>, RawQuery(raw): RawQuery) -> Response {
    let p = Params::parse(raw.as_deref());
    answer(async {
        p.only(&["id", "context"], false)?;
        let id = p.required("id", "a hit's id, ARTICLE:START-END")?;
        let context = p.number("context", 2, 0, MAX_CONTEXT)?;
        app.run(move |s| show_answer(s, &id, context)).await
    })
    .await
}

/// `GET /api/stats`: documents, statements, speakers, date range, index size.
pub async fn stats(State(app): State<Shared>, RawQuery(raw): RawQuery) -> Response {
    let p = Params::parse(raw.as_deref());
    answer(async {
        p.only(&[], false)?;
        app.run(|s| Ok(s.stats()?)).await
    })
    .await
}

/// The answer of `/healthz`.
#[derive(Serialize)]
struct Health {
    status: &'static str,
    documents: u64,
}

/// `GET /healthz`: 200 while the index can be read.
pub async fn health(State(app): State<Shared>) -> Response {
    answer(app.run(|s| {
        Ok(Health {
            status: "ok",
            documents: s.num_docs(),
        })
    }))
    .await
}

/// The JSON of an answer, or of its failure.
async fn answer<T: Serialize>(
    f: impl std::future::Future<Output = Result<T, Failure>>,
) -> Response {
    match f.await {
        Ok(body) => Json(body).into_response(),
        Err(e) => e.into_response(),
    }
}
