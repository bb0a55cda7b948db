//! The web page, rendered on the server with maud from the API's answers: the search page (hits,
//! facet sidebar, timeline), speaker pages, the provenance page and a hit in its article. It
//! works without JavaScript; every state is a URL (forms are GET, every click a link).

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use maud::{html, Markup, DOCTYPE};

use super::api::{
    check_answer, check_params, facets_answer, search_answer, show_answer, speaker_answer,
    timeline_answer, Explained, SearchParams, MAX_CONTEXT,
};
use super::assets::{CSS_HREF, ICON_HREF, JS_HREF};
use super::chart;
use super::html::{marked, plural, speaker_href, thousands, Link};
use super::params::{Params, FILTERS};
use super::{Failure, Shared};
use crate::index::context::Shown;
use crate::index::facets::{Counts, FacetCount, FacetField};
use crate::index::profile::Profile;
use crate::index::provenance::Provenance;
use crate::index::search::{Filters, Hit, Results, Searcher};
use crate::index::stats::Stats;
use crate::index::timeline::{Interval, Timeline};
use crate::index::types::DocKind;

/// Hits on one page.
const PAGE_HITS: usize = 20;
/// Values of each facet in the sidebar.
const SIDEBAR_VALUES: usize = 8;
/// Speakers named per interval in the chart's tooltips.
const CHART_SPEAKERS: usize = 3;
/// A month chart of at most this many months is drawn by day instead.
const FEW_MONTHS: usize = 2;
/// Latest statements on a speaker's page.
const SPEAKER_LATEST: usize = 10;

/// The parameters of a page's address: `first`, the filters, `last`.
fn keys(first: &[&'static str], last: &[&'static str]) -> Vec<&'static str> {
    first.iter().chain(FILTERS).chain(last).copied().collect()
}

/// The parameters of a search page's address, in order.
fn search_keys() -> Vec<&'static str> {
    keys(&["q"], &["offset"])
}

/// A whole page: head, header with the search form, `body`, footer.
fn layout(title: &str, search: &Link, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · whosaid" }
                link rel="stylesheet" href=(CSS_HREF);
                link rel="icon" href=(ICON_HREF) type="image/svg+xml";
                script src=(JS_HREF) defer {}
            }
            body {
                a.skip href="#main" { "Skip to content" }
                header.top {
                    div.top-inner {
                        a.brand href="/" { img src=(ICON_HREF) alt=""; "whosaid" }
                        (search_form(search))
                        nav.links aria-label="Pages" {
                            a href="/check" { "Check a quote" }
                            a href="/api/stats" { "API" }
                        }
                    }
                    (filter_form(search))
                }
                main #main { (body) }
                footer.bottom {
                    "Press " kbd { "/" } " to search, " kbd { "j" } " " kbd { "k" }
                    " to move between results. Every page is a link you can share."
                }
            }
        }
    }
}

/// The search box (the filters ride along in the form below it, tied by `form=`).
fn search_form(l: &Link) -> Markup {
    html! {
        form.search #search role="search" action="/" method="get" {
            label.visually-hidden for="q" { "Search statements" }
            input #q type="search" name="q" value=[l.get("q")]
                placeholder="Words, \"a phrase\", speaker:Lavrov, sanctions OR Swift"
                autocomplete="off" spellcheck="false";
            button type="submit" { "Search" }
        }
    }
}

/// The filter fields, folded away unless one is set.
fn filter_form(l: &Link) -> Markup {
    let open = FILTERS.iter().any(|k| l.get(k).is_some());
    let field = |name: &str, label: &str, hint: &str| {
        html! {
            label {
                (label)
                input type="text" name=(name) form="search" value=[l.get(name)] placeholder=(hint);
            }
        }
    };
    html! {
        details.filters open[open] {
            summary { "Filters" }
            div.filter-grid {
                (field("speaker", "Speaker", "Lavrov"))
                (field("country", "Country", "Russia"))
                (field("topic", "Topic", "economy/sanctions"))
                (field("source", "Source", "Al Jazeera"))
                (field("since", "Since", "YYYY, YYYY-MM or YYYY-MM-DD"))
                (field("until", "Until", "YYYY, YYYY-MM or YYYY-MM-DD"))
                label {
                    "Kind"
                    select name="kind" form="search" data-submit {
                        option value="" selected[l.get("kind").is_none()] { "any" }
                        @for (v, text) in [("statement", "statements"), ("direct", "direct quotes"), ("indirect", "reported speech"), ("passage", "passages")] {
                            option value=(v) selected[l.get("kind") == Some(v)] { (text) }
                        }
                    }
                }
                label.check {
                    input type="checkbox" name="named_only" value="1" form="search" checked[l.get("named_only").is_some()];
                    "Only speakers named in their own sentence"
                }
            }
        }
    }
}

/// An HTML answer with `status`.
fn page(status: StatusCode, markup: Markup) -> Response {
    (status, Html(markup.into_string())).into_response()
}

/// The page of a failure, with its status.
pub fn failure(f: &Failure) -> Response {
    let home = Link::from_params("/", &Params::default(), &[]);
    page(
        f.status,
        layout(
            "Error",
            &home,
            html! { p.notice.error role="alert" { (f.message) } },
        ),
    )
}

/// A search page's answers.
struct Found {
    results: Explained<Results>,
    sources: Counts,
    timeline: Timeline,
}

/// Runs the search, the sources' counts and the timeline (by day when the matches span a
/// month or two) of a search page.
fn find(s: &Searcher, sp: &SearchParams) -> Result<Found, Failure> {
    let (q, f) = (&sp.request.query, &sp.request.filters);
    let results = search_answer(s, sp)?;
    let sources = facets_answer(s, q, f, FacetField::Source, SIDEBAR_VALUES)?.body;
    let mut timeline = timeline_answer(s, q, f, Interval::Month, CHART_SPEAKERS)?.body;
    if (1..=FEW_MONTHS).contains(&timeline.buckets.len()) {
        timeline = timeline_answer(s, q, f, Interval::Day, CHART_SPEAKERS)?.body;
    }
    Ok(Found {
        results,
        sources,
        timeline,
    })
}

/// `GET /?q=...`: the search page, or the home page without a query or filter.
pub async fn search(State(app): State<Shared>, RawQuery(raw): RawQuery) -> Response {
    let p = Params::parse(raw.as_deref());
    let keys = search_keys();
    let link = Link::from_params("/", &p, &keys);
    if keys.iter().all(|k| p.get(k).is_none()) {
        return home(&app, &link).await;
    }
    let read = || -> Result<SearchParams, Failure> {
        let mut sp = SearchParams::read(&p.with_default("q", "*"), true)?;
        sp.request.limit = p.number("limit", PAGE_HITS, 1, super::params::MAX_API_LIMIT)?;
        sp.request.facets = Some(SIDEBAR_VALUES);
        Ok(sp)
    };
    let sp = match read() {
        Ok(sp) => sp,
        Err(e) => return search_failed(&link, &e),
    };
    let offset = sp.offset;
    let limit = sp.request.limit;
    match app.run(move |s| find(s, &sp)).await {
        Ok(found) => page(StatusCode::OK, results_page(&link, &found, offset, limit)),
        Err(e) => search_failed(&link, &e),
    }
}

/// The search page with the reason a search cannot be run, so that it can be mended.
fn search_failed(link: &Link, e: &Failure) -> Response {
    let title = link.get("q").unwrap_or("Search");
    page(
        e.status,
        layout(
            title,
            link,
            html! { p.notice.error role="alert" { (e.message) } },
        ),
    )
}

/// The title of a search page: the query, or the filters.
fn search_title(link: &Link) -> String {
    match link.get("q") {
        Some(q) if q != "*" => q.to_string(),
        _ => FILTERS
            .iter()
            .filter_map(|k| link.get(k))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

fn results_page(link: &Link, found: &Found, offset: usize, limit: usize) -> Markup {
    let r = &found.results.body;
    let body = html! {
        (summary(link, r, offset))
        @if let Some(why) = &found.results.why_empty {
            p.notice role="status" { (why) }
        } @else if r.hits.is_empty() {
            p.notice role="status" { "Nothing matches." }
        }
        div.layout {
            aside aria-label="Narrow the results" {
                (sidebar(link, r, &found.sources))
            }
            section aria-label="Results" {
                (chart::timeline(&found.timeline, link, &chart_caption(&found.timeline)))
                ol.hits start=(offset + 1) {
                    @for h in &r.hits { (hit(h, link)) }
                }
                (pager(link, r.total, offset, limit))
            }
        }
    };
    layout(&search_title(link), link, body)
}

/// "Matching statements per month".
fn chart_caption(t: &Timeline) -> String {
    format!("Matching statements per {}", t.interval)
}

/// The count line and the active filters as chips that remove themselves.
fn summary(link: &Link, r: &Results, offset: usize) -> Markup {
    let statements = r.facets.as_ref().map_or(0, |f| f.statements);
    let shown = (offset + 1).min(r.total)..=(offset + r.hits.len());
    html! {
        p.summary role="status" {
            strong { (plural(r.total as u64, "matching document")) }
            @if statements > 0 { " · " (plural(statements, "statement")) }
            @if !r.hits.is_empty() && r.total > r.hits.len() {
                " · showing " (shown.start()) "–" (shown.end())
            }
        }
        @let active: Vec<(&str, &str)> = FILTERS.iter().filter_map(|k| link.get(k).map(|v| (*k, v))).collect();
        @if !active.is_empty() {
            ul.chips aria-label="Filters" {
                @for (k, v) in active {
                    li.chip {
                        @if k == "named_only" { span { strong { "named speakers only" } } }
                        @else { span { (k) ": " strong { (v) } } }
                        a href=(link.unset(k).href()) aria-label=(format!("Remove the filter {k}: {v}")) title="Remove" { "×" }
                    }
                }
            }
        }
    }
}

/// The facet sidebar: speakers, countries, topics, sources; a click adds the filter.
fn sidebar(link: &Link, r: &Results, sources: &Counts) -> Markup {
    let Some(f) = &r.facets else {
        return html! {};
    };
    let topic_heading = match f.topic_parent.strip_prefix("/topic/") {
        Some(under) => format!("Topics in {under}"),
        None => "Topics".to_string(),
    };
    html! {
        (facet_list("Speakers", "speaker", &f.speaker, link))
        (facet_list("Countries", "country", &f.country, link))
        (facet_list(&topic_heading, "topic", &f.topic, link))
        (facet_list("Sources", "source", &sources.values, link))
    }
}

fn facet_list(heading: &str, key: &'static str, values: &[FacetCount], link: &Link) -> Markup {
    if values.is_empty() {
        return html! {};
    }
    html! {
        h2 { (heading) }
        ul {
            @for v in values {
                @let current = link.get(key).is_some_and(|x| x.eq_ignore_ascii_case(&v.value));
                li {
                    a href=(link.set(key, &v.value).href()) aria-current=[current.then_some("true")]
                        aria-label=(format!("{}: {} ({})", key, v.value, v.count)) {
                        span { (v.value) }
                        span.count { (thousands(v.count)) }
                    }
                }
            }
        }
    }
}

/// One hit as an item of a list.
fn hit(h: &Hit, link: &Link) -> Markup {
    html! { li.hit { (hit_inner(h, link)) } }
}

/// One hit: speaker, countries, kind, date, source; the snippet; the article.
fn hit_inner(h: &Hit, link: &Link) -> Markup {
    let passage = h.kind.is_passage();
    let words = |s: &str| s.chars().any(char::is_alphanumeric);
    let (before, after) = match h.text.get(h.snippet_start..) {
        Some(rest) if rest.starts_with(&h.snippet) => (
            words(&h.text[..h.snippet_start]),
            words(&rest[h.snippet.len()..]),
        ),
        _ => (false, false),
    };
    let show = Link::from_params("/show", &Params::default(), &[]).set("id", &h.id);
    html! {
            div.who {
                @match &h.speaker {
                    Some(sp) => a.speaker href=(speaker_href(sp)) { (sp) },
                    None if passage => {},
                    None => span.nobody { "Unknown speaker" },
                }
                @for c in &h.country {
                    @let evidence = h.country_evidence.iter().find(|e| &e.country == c).map(|e| e.evidence.as_str());
                    a.tag.country.weak[weak_evidence(evidence)] href=(link.set("country", c).href())
                        title=(country_title(c, evidence)) {
                        (c)
                        @if let Some(w) = weak_label(evidence) { " · " (w) }
                    }
                }
                @if let Some(how) = h.found.as_deref().filter(|f| *f != "named") {
                    span.tag.found title="How the speaker was found: not named in the statement's own sentence" { "speaker by " (how) }
                }
                @if let Some(role) = &h.role { span.role { (role) } }
                span.tag { (kind_label(h.kind)) }
            }
            blockquote.said.passage[passage] {
                @if !passage { "“" }
                @if before { "…" }
                (marked(&h.snippet, &h.highlights))
                @if after { "…" }
                @if !passage { "”" }
            }
            div.meta {
                @if let Some(d) = &h.date { time datetime=(d) { (d) } }
                @if let Some(s) = &h.source { span { (s) } }
                @match &h.url {
                    Some(u) if is_web(u) => a.title href=(u) rel="noopener noreferrer nofollow" { (h.title) },
                    _ => span.title { (h.title) },
                }
                a href=(show.href()) { "in context" }
                @if let Some(n) = h.also_in.filter(|n| *n > 0) {
                    span { "also in " (plural(n, "other article")) }
                }
            }
    }
}

/// Returns true if and only if a country rests on the context only (the outlet's, the
/// article's, or the speaker's in other articles), not on what the article says of the speaker.
fn weak_evidence(evidence: Option<&str>) -> bool {
    weak_label(evidence).is_some()
}

/// How a country that rests on the context is labelled, as the CLI says it.
fn weak_label(evidence: Option<&str>) -> Option<&'static str> {
    match evidence {
        Some("outlet") => Some("the outlet's country"),
        Some("article") => Some("the article's country"),
        Some("index") => Some("from other articles"),
        _ => None,
    }
}

/// The tooltip of a country: the filter it adds and its evidence.
fn country_title(country: &str, evidence: Option<&str>) -> String {
    match evidence {
        Some(e) => format!("Only statements by speakers of {country} (evidence: {e})"),
        None => format!("Only statements by speakers of {country}"),
    }
}

/// Returns true if and only if `url` is an http(s) address (anything else is shown as text).
fn is_web(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// How the page names a kind of hit.
fn kind_label(kind: DocKind) -> &'static str {
    match kind {
        DocKind::Direct => "direct quote",
        DocKind::Indirect => "reported speech",
        other => other.as_str(),
    }
}

/// Previous and next links.
fn pager(link: &Link, total: usize, offset: usize, limit: usize) -> Markup {
    let max_offset = super::params::MAX_OFFSET;
    let prev = (offset > 0).then(|| link.at(offset.saturating_sub(limit)));
    let next =
        (offset + limit < total && offset + limit <= max_offset).then(|| link.at(offset + limit));
    html! {
        @if prev.is_some() || next.is_some() {
            nav.pager aria-label="Pages of results" {
                @if let Some(p) = prev { a href=(p.href()) rel="prev" { "← Previous" } } @else { span {} }
                @if let Some(n) = next { a href=(n.href()) rel="next" { "Next →" } }
            }
        }
    }
}

/// The home page: what the index holds, its most quoted speakers and its topics.
async fn home(app: &Shared, link: &Link) -> Response {
    let answer = app
        .run(|s| {
            let stats = s.stats()?;
            let all = Filters::default();
            let speakers = facets_answer(s, "*", &all, FacetField::Speaker, 12)?.body;
            let topics = facets_answer(s, "*", &all, FacetField::Topic, 12)?.body;
            Ok((stats, speakers, topics))
        })
        .await;
    match answer {
        Ok((stats, speakers, topics)) => page(
            StatusCode::OK,
            layout(
                "Search statements",
                link,
                home_body(&stats, &speakers, &topics),
            ),
        ),
        Err(e) => failure(&e),
    }
}

fn home_body(stats: &Stats, speakers: &Counts, topics: &Counts) -> Markup {
    html! {
        div.home {
            h1 { "Who said what, about what, when." }
            p.lede {
                "Search " (plural(stats.statements, "statement")) " by " (plural(stats.speakers, "speaker"))
                " in " (plural(stats.articles, "article"))
                @if let (Some(a), Some(b)) = (&stats.first_date, &stats.last_date) { ", " (a) " to " (b) }
                "."
            }
            @if !speakers.values.is_empty() {
                h2.section { "Most quoted" }
                ul.pills {
                    @for v in &speakers.values {
                        li { a href=(speaker_href(&v.value)) { (v.value) " " span.count { (thousands(v.count)) } } }
                    }
                }
            }
            @if !topics.values.is_empty() {
                h2.section { "Topics" }
                ul.pills {
                    @for v in &topics.values {
                        @let l = Link::from_params("/", &Params::default(), &[]).set("q", "*").set("topic", &v.value);
                        li { a href=(l.href()) { (v.value) " " span.count { (thousands(v.count)) } } }
                    }
                }
            }
            h2.section { "Try" }
            ul.pills {
                @for q in ["\"we will\"", "sanctions OR embargo", "-war peace", "title:election"] {
                    li { a href=(Link::from_params("/", &Params::default(), &[]).set("q", q).href()) { (q) } }
                }
                li { a href="/check" { "Who said these words first?" } }
            }
        }
    }
}

/// `GET /speaker/NAME`: aliases, roles, countries, topics, timeline, latest statements.
pub async fn speaker(
    State(app): State<Shared>,
    name: Result<Path<String>, axum::extract::rejection::PathRejection>,
    RawQuery(raw): RawQuery,
) -> Response {
    let Ok(Path(name)) = name else {
        return failure(&Failure::from(super::params::BadRequest(
            "the speaker's name in the address is not valid UTF-8".into(),
        )));
    };
    let p = Params::parse(raw.as_deref());
    let filters = match p.filters() {
        Ok(f) => f,
        Err(e) => return failure(&e.into()),
    };
    let answer = app
        .run(move |s| {
            let profile = speaker_answer(s, &name, &filters, SPEAKER_LATEST)?;
            let only = Filters {
                speaker: Some(profile.speaker.clone()),
                ..filters
            };
            let t = timeline_answer(s, "*", &only, Interval::Month, 0)?.body;
            Ok((profile, t))
        })
        .await;
    match answer {
        Ok((profile, t)) => {
            let search =
                Link::from_params("/", &Params::default(), &[]).set("speaker", &profile.speaker);
            page(
                StatusCode::OK,
                // The header searches everything; "search them" the speaker's statements.
                layout(
                    &profile.speaker,
                    &Link::from_params("/", &Params::default(), &[]),
                    profile_body(&profile, &t, &search),
                ),
            )
        }
        Err(e) => failure(&e),
    }
}

/// A list of values with counts, each a link made by `href`.
fn counted(values: &[FacetCount], href: impl Fn(&str) -> Option<String>) -> Markup {
    html! {
        @for v in values {
            @match href(&v.value) {
                Some(h) => a.tag href=(h) { (v.value) " · " (thousands(v.count)) },
                None => span.tag { (v.value) " · " (thousands(v.count)) },
            }
        }
    }
}

fn profile_body(p: &Profile, t: &Timeline, search: &Link) -> Markup {
    let on = |key: &'static str| move |v: &str| Some(search.set("q", "*").set(key, v).href());
    html! {
        div.profile {
            h1 { (p.speaker) }
            p.summary {
                (plural(p.statements, "statement"))
                @if let (Some(a), Some(b)) = (&p.first_date, &p.last_date) { ", " (a) " to " (b) }
                " · " a href=(search.set("q", "*").href()) { "search them" }
            }
            dl.facts {
                @if !p.aliases.is_empty() { dt { "Named as" } dd { (counted(&p.aliases, |_| None)) } }
                @if !p.roles.is_empty() { dt { "Roles" } dd { (counted(&p.roles, |_| None)) } }
                @if !p.countries.is_empty() {
                    dt { "Countries" }
                    dd {
                        @for c in &p.countries {
                            a.tag href=(on("country")(&c.value).unwrap_or_default()) {
                                (c.value) " · " (thousands(c.count))
                                @let ev: Vec<String> = p.country_evidence.iter().filter(|e| e.country == c.value).map(|e| format!("{} {}", e.evidence, thousands(e.count))).collect();
                                @if !ev.is_empty() { span.evidence { " (" (ev.join(", ")) ")" } }
                            }
                        }
                    }
                }
                @if !p.found.is_empty() { dt { "Found by" } dd { (counted(&p.found, |_| None)) } }
                @if !p.topics.is_empty() { dt { "Topics" } dd { (counted(&p.topics, on("topic"))) } }
                @if !p.also_matched.is_empty() {
                    dt { "Also named" }
                    dd { (counted(&p.also_matched, |v| Some(speaker_href(v)))) }
                }
            }
            (chart::timeline(t, &search.set("q", "*"), "Statements per month"))
            h2.section { "Latest statements" }
            ol.hits {
                @for h in &p.latest { (hit(h, &search.set("q", "*"))) }
            }
        }
    }
}

/// `GET /check?quote=`: who said these words, exact matches first, then earliest first.
pub async fn check(State(app): State<Shared>, RawQuery(raw): RawQuery) -> Response {
    let p = Params::parse(raw.as_deref());
    let link = Link::from_params("/check", &p, &keys(&["quote", "min_coverage"], &[]));
    let home = Link::from_params("/", &Params::default(), &[]);
    if p.get("quote").is_none() {
        return page(
            StatusCode::OK,
            layout("Check a quote", &home, check_body(&link, None)),
        );
    }
    let answer = match check_params(&p) {
        Ok((quote, filters, limit, cov)) => {
            app.run(move |s| check_answer(s, &quote, &filters, limit, cov))
                .await
        }
        Err(e) => Err(e),
    };
    match answer {
        Ok(found) => page(
            StatusCode::OK,
            layout("Check a quote", &home, check_body(&link, Some(Ok(&found)))),
        ),
        Err(e) => page(
            e.status,
            layout("Check a quote", &home, check_body(&link, Some(Err(&e)))),
        ),
    }
}

fn check_body(link: &Link, found: Option<Result<&Explained<Provenance>, &Failure>>) -> Markup {
    let cov = link.get("min_coverage").unwrap_or("0.9");
    html! {
        div.check {
            h1 { "Who said these words?" }
            form.check-form action="/check" method="get" {
                label for="quote" { "The words, as remembered (punctuation and quote marks do not matter)" }
                textarea #quote name="quote" rows="3" required { (link.get("quote").unwrap_or("")) }
                div.row {
                    label for="min_coverage" { "Match" }
                    select #min_coverage name="min_coverage" {
                        @for (v, text) in [("1", "every word, in order"), ("0.9", "closely (90% of the words)"), ("0.7", "loosely (70%)")] {
                            option value=(v) selected[cov == v] { (text) }
                        }
                    }
                    button type="submit" { "Check" }
                }
            }
            @match found {
                None => {},
                Some(Err(e)) => p.notice.error role="alert" { (e.message) },
                Some(Ok(f)) => (provenance(f)),
            }
        }
    }
}

fn provenance(f: &Explained<Provenance>) -> Markup {
    let p = &f.body;
    let none = Link::from_params("/", &Params::default(), &[]);
    html! {
        @if let Some(why) = &f.why_empty { p.notice role="status" { (why) } }
        @if !p.sources.is_empty() {
            p.summary role="status" {
                strong { (plural(p.exact as u64, "source")) " word for word" }
                " · in " (plural(p.articles as u64, "article"))
                @if !p.speaker_counts.is_empty() {
                    " · said by "
                    @for (i, c) in p.speaker_counts.iter().take(5).enumerate() {
                        @if i > 0 { ", " }
                        a href=(speaker_href(&c.speaker)) { (c.speaker) } " (" (c.count) ")"
                    }
                }
                " · exact matches first, then earliest first"
            }
            ol.hits {
                @for s in &p.sources {
                    li.hit {
                        div.who {
                            span.coverage title="Share of the words found in order" { (format!("{:.0}%", s.coverage * 100.0)) }
                            @if let Some(d) = &s.hit.date { time datetime=(d) { (d) } }
                        }
                        (hit_inner(&s.hit, &none))
                    }
                }
            }
        }
    }
}

/// `GET /show?id=&context=`: a hit read in its article.
pub async fn show(State(app): State<Shared>, RawQuery(raw): RawQuery) -> Response {
    let p = Params::parse(raw.as_deref());
    let read = || -> Result<(String, usize), Failure> {
        Ok((
            p.required("id", "a hit's id, ARTICLE:START-END")?,
            p.number("context", 2, 0, MAX_CONTEXT)?,
        ))
    };
    let (id, context) = match read() {
        Ok(x) => x,
        Err(e) => return failure(&e),
    };
    let wider = (context + 3).min(MAX_CONTEXT);
    let more = Link::from_params("/show", &p, &["id"]).set("context", &wider.to_string());
    match app.run(move |s| show_answer(s, &id, context)).await {
        Ok(shown) => {
            let home = Link::from_params("/", &Params::default(), &[]);
            page(
                StatusCode::OK,
                layout(
                    &shown.title,
                    &home,
                    shown_body(&shown, &more, context < MAX_CONTEXT),
                ),
            )
        }
        Err(e) => failure(&e),
    }
}

fn shown_body(s: &Shown, more: &Link, can_widen: bool) -> Markup {
    html! {
        div.show {
            h1 { (s.title) }
            p.meta {
                @if let Some(src) = &s.source { span { (src) } }
                @if let Some(d) = &s.date { time datetime=(d) { (d) } }
                @match &s.url {
                    Some(u) if is_web(u) => a href=(u) rel="noopener noreferrer nofollow" { "the article" },
                    Some(u) => span { (u) },
                    None => {},
                }
            }
            @if let Some(sp) = &s.speaker {
                p { "Said by " a href=(speaker_href(sp)) { (sp) } }
            }
            div.context {
                @for para in &s.paragraphs { p { (marked(&para.text, &para.highlights)) } }
            }
            @if can_widen { p { a href=(more.href()) { "More context" } } }
        }
    }
}
