//! `whosaid serve`: an HTTP API and a web page over one index, in one process.
//!
//! The index is opened read-only and followed: a concurrent `whosaid index` run's commits are
//! read shortly after they land ([`Searcher::open_following`]), and the table of the statements'
//! facet values is read again for them ([`Searcher::rewarm_if_stale`]). Every answer comes from the same library
//! functions and types as the CLI's `--json` ([`api`]); the page ([`page`]) is rendered on the
//! server from them, with maud (compile-time-checked markup, escaped by default), and works
//! without JavaScript. Every asset is compiled into the binary ([`assets`]).
//!
//! Safety: it binds `127.0.0.1` unless told otherwise; no endpoint writes; bad input gets a 400
//! with `{"error": "..."}`; searches run on a bounded pool with a time limit each; CORS headers
//! are sent only for the origin given with `--cors`.

mod api;
mod assets;
pub mod cache;
mod chart;
mod html;
mod page;
pub mod params;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use tokio::sync::Semaphore;

use crate::index::search::Searcher;
use crate::index::IndexError;
use cache::AnswerCache;
use params::BadRequest;

/// Where `whosaid serve` listens unless told otherwise: this machine only.
pub const DEFAULT_ADDR: &str = "127.0.0.1:7700";

/// How long one request may take, by default.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// How often the server looks for a new commit to warm its facet name tables for.
const REWARM_EVERY: Duration = Duration::from_secs(1);

/// The Content-Security-Policy of every response: the page's own styles and scripts only, no
/// inline script, no frames, forms sent here only.
const CSP: &str = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; \
                   form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// How the server runs.
#[derive(Clone, Debug)]
pub struct Config {
    /// The index directory.
    pub index: PathBuf,
    /// The address to listen on (`127.0.0.1:0` takes a free port).
    pub addr: SocketAddr,
    /// The one origin allowed to call the API from a browser, if any.
    pub cors: Option<String>,
    /// The most time one request may take.
    pub timeout: Duration,
    /// Searches run at once (and threads of the runtime).
    pub threads: usize,
    /// How many API answers to keep for requests asked again on the same commit (0: none).
    pub cache: usize,
}

/// Why the server could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The index could not be opened.
    #[error(transparent)]
    Index(#[from] IndexError),
    /// The address could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address asked for.
        addr: SocketAddr,
        /// The system's error.
        source: std::io::Error,
    },
    /// The `--cors` value is not an origin.
    #[error("--cors '{0}' is not an origin (scheme://host[:port], e.g. http://localhost:8888)")]
    Cors(String),
    /// Any other input/output error of the server.
    #[error("server: {0}")]
    Io(#[from] std::io::Error),
}

/// A request that cannot be answered: its status and what to tell the client.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// The HTTP status.
    pub status: StatusCode,
    /// The message.
    pub message: String,
}

impl Failure {
    fn new(status: StatusCode, message: impl Into<String>) -> Failure {
        Failure {
            status,
            message: message.into(),
        }
    }

    /// 404 with `message`.
    pub fn not_found(message: impl Into<String>) -> Failure {
        Failure::new(StatusCode::NOT_FOUND, message)
    }
}

impl From<BadRequest> for Failure {
    fn from(e: BadRequest) -> Failure {
        Failure::new(StatusCode::BAD_REQUEST, e.0)
    }
}

impl From<IndexError> for Failure {
    fn from(e: IndexError) -> Failure {
        let status = match e {
            IndexError::Query(_) | IndexError::Filter(_) => StatusCode::BAD_REQUEST,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        Failure::new(status, e.to_string())
    }
}

/// The body of an error answer.
#[derive(Serialize)]
struct ErrorBody<'a> {
    error: &'a str,
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        (
            self.status,
            Json(ErrorBody {
                error: &self.message,
            }),
        )
            .into_response()
    }
}

/// What every request shares.
pub struct App {
    searcher: Searcher,
    timeout: Duration,
    permits: Arc<Semaphore>,
    cors: Option<HeaderValue>,
    cache: AnswerCache,
}

/// The shared state of the handlers.
type Shared = Arc<App>;

impl App {
    /// Runs `f` on the searcher on the blocking pool, at most [`Config::threads`] at once, and
    /// fails with 503 when waiting and running take longer than the time limit (the work then
    /// finishes unseen).
    async fn run<T, F>(self: &Arc<Self>, f: F) -> Result<T, Failure>
    where
        T: Send + 'static,
        F: FnOnce(&Searcher) -> Result<T, Failure> + Send + 'static,
    {
        let deadline = tokio::time::Instant::now() + self.timeout;
        let late = || {
            Failure::new(
                StatusCode::SERVICE_UNAVAILABLE,
                format!(
                    "the request took longer than {} s; narrow the query or try again",
                    self.timeout.as_secs_f32()
                ),
            )
        };
        let permit = tokio::time::timeout_at(deadline, self.permits.clone().acquire_owned())
            .await
            .map_err(|_| late())?
            .map_err(|_| Failure::new(StatusCode::SERVICE_UNAVAILABLE, "shutting down"))?;
        let app = Arc::clone(self);
        let job = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let started = std::time::Instant::now();
            let answer = f(&app.searcher);
            (answer, started.elapsed())
        });
        match tokio::time::timeout_at(deadline, job).await {
            Err(_) => Err(late()),
            Ok(Err(_)) => Err(Failure::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal error (a bug in whosaid: please report it with the address asked)",
            )),
            Ok(Ok((answer, took))) => {
                let _ = WORK.try_with(|w| w.fetch_add(took.as_micros() as u64, Ordering::Relaxed));
                answer
            }
        }
    }
}

/// Checks a `--cors` origin: `scheme://host[:port]`, no path.
fn cors_origin(origin: &str) -> Result<HeaderValue, ServeError> {
    let bad = || ServeError::Cors(origin.to_string());
    let (scheme, rest) = origin.split_once("://").ok_or_else(bad)?;
    let ok = matches!(scheme, "http" | "https")
        && !rest.is_empty()
        && !rest.contains(['/', '?', '#', ' ', '*']);
    if !ok {
        return Err(bad());
    }
    HeaderValue::from_str(origin).map_err(|_| bad())
}

/// Opens the index, binds `cfg.addr`, calls `on_listen` with the address bound (the port chosen
/// when 0 was asked) and serves until interrupted (Ctrl-C or SIGTERM).
pub fn run(cfg: Config, on_listen: impl FnOnce(SocketAddr)) -> Result<(), ServeError> {
    let cors = cfg.cors.as_deref().map(cors_origin).transpose()?;
    let searcher = Searcher::open_following(&cfg.index)?;
    searcher.warm()?;
    let threads = cfg.threads.max(1);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(threads)
        .max_blocking_threads(threads * 2)
        .thread_name("whosaid-serve")
        .enable_all()
        .build()?;
    let app = Arc::new(App {
        searcher,
        timeout: cfg.timeout,
        permits: Arc::new(Semaphore::new(threads)),
        cors,
        cache: AnswerCache::new(cfg.cache),
    });
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(cfg.addr)
            .await
            .map_err(|source| ServeError::Bind {
                addr: cfg.addr,
                source,
            })?;
        on_listen(listener.local_addr()?);
        tokio::spawn(follow(Arc::clone(&app)));
        axum::serve(listener, router(app))
            .with_graceful_shutdown(stopped())
            .await?;
        Ok(())
    })
}

/// Warms the facet name tables again whenever a new commit has been read.
async fn follow(app: Shared) {
    let mut tick = tokio::time::interval(REWARM_EVERY);
    loop {
        tick.tick().await;
        let a = Arc::clone(&app);
        // A failed warming leaves the counts on their slower path; the next tick tries again.
        let _ = tokio::task::spawn_blocking(move || a.searcher.rewarm_if_stale()).await;
    }
}

/// Resolves on Ctrl-C or SIGTERM.
async fn stopped() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
}

tokio::task_local! {
    /// Microseconds the request spent searching (on the blocking pool), for `Server-Timing`.
    static WORK: Arc<AtomicU64>;
}

/// Every route.
fn router(app: Shared) -> Router {
    Router::new()
        .route("/", get(page::search))
        .route("/speaker/{name}", get(page::speaker))
        .route("/check", get(page::check))
        .route("/show", get(page::show))
        .route("/api/search", get(api::search))
        .route("/api/who", get(api::who))
        .route("/api/facets", get(api::facets))
        .route("/api/timeline", get(api::timeline))
        .route("/api/speaker", get(api::speaker))
        .route("/api/check", get(api::check))
        .route("/api/show", get(api::show))
        .route("/api/stats", get(api::stats))
        .route("/healthz", get(api::health))
        .route("/assets/{file}", get(assets::file))
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(Arc::clone(&app), cached))
        .layer(middleware::from_fn_with_state(Arc::clone(&app), headers))
        .with_state(app)
}

/// 404: JSON under `/api/`, a page elsewhere.
async fn not_found(req: Request) -> Response {
    let path = req.uri().path().to_string();
    if path.starts_with("/api/") {
        let known = "search, who, facets, timeline, speaker, check, show, stats";
        return Failure::not_found(format!(
            "no endpoint {path} (endpoints under /api/: {known})"
        ))
        .into_response();
    }
    page::failure(&Failure::not_found(format!("no page at {path}")))
}

/// Answers a `GET /api/...` asked before on the same commit from the cache ([`cache`]), and
/// keeps the successful answers of the others; says which with `x-cache: hit` or `miss`.
async fn cached(State(app): State<Shared>, req: Request, next: Next) -> Response {
    if !app.cache.enabled() || req.method() != Method::GET || !req.uri().path().starts_with("/api/")
    {
        return next.run(req).await;
    }
    let key = req
        .uri()
        .path_and_query()
        .map_or_else(|| req.uri().path().to_string(), |p| p.as_str().to_string());
    let commit = cache::Commit::of(&app.searcher.searcher());
    if let Some(kept) = app.cache.get(commit, &key) {
        let mut res = Response::new(Body::from(kept.body));
        res.headers_mut()
            .insert(header::CONTENT_TYPE, kept.content_type);
        res.headers_mut()
            .insert("x-cache", HeaderValue::from_static("hit"));
        return res;
    }
    let res = next.run(req).await;
    let content_type = match (res.status(), res.headers().get(header::CONTENT_TYPE)) {
        (StatusCode::OK, Some(t)) => t.clone(),
        _ => return res,
    };
    let (mut parts, body) = res.into_parts();
    parts
        .headers
        .insert("x-cache", HeaderValue::from_static("miss"));
    match axum::body::to_bytes(body, usize::MAX).await {
        Ok(bytes) => {
            let answer = cache::Answer {
                body: bytes.clone(),
                content_type,
            };
            app.cache.put(commit, key, answer);
            Response::from_parts(parts, Body::from(bytes))
        }
        Err(_) => Failure::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the answer could not be read",
        )
        .into_response(),
    }
}

/// Headers of every response: `Server-Timing` (time searching, time in all), no sniffing, no referrer sent to article sites, the CSP; the
/// CORS headers for the `--cors` origin on the API. Answers a CORS preflight itself.
async fn headers(State(app): State<Shared>, req: Request, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/") || req.uri().path() == "/healthz";
    let preflight = req.method() == Method::OPTIONS;
    let started = std::time::Instant::now();
    let work = Arc::new(AtomicU64::new(0));
    let mut res = match (&app.cors, api && preflight) {
        (Some(_), true) => StatusCode::NO_CONTENT.into_response(),
        _ => WORK.scope(Arc::clone(&work), next.run(req)).await,
    };
    let h = res.headers_mut();
    // The time searching and the time in all (waiting for a search thread included), in ms.
    let timing = format!(
        "search;dur={:.3}, total;dur={:.3}",
        work.load(Ordering::Relaxed) as f64 / 1e3,
        started.elapsed().as_secs_f64() * 1e3
    );
    if let Ok(v) = HeaderValue::from_str(&timing) {
        h.insert("server-timing", v);
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    if let (Some(origin), true) = (&app.cors, api) {
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin.clone());
        h.insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static("GET, HEAD, OPTIONS"),
        );
        h.insert(header::VARY, HeaderValue::from_static("Origin"));
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cors_takes_an_origin_only() {
        assert!(cors_origin("http://localhost:8888").is_ok());
        assert!(cors_origin("https://notebook.example.org").is_ok());
        for bad in ["*", "localhost", "http://x/path", "ftp://x", "http://"] {
            assert!(cors_origin(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn user_errors_are_400_and_index_errors_500() {
        let f: Failure = IndexError::Query("x".into()).into();
        assert_eq!(f.status, StatusCode::BAD_REQUEST);
        let f: Failure = IndexError::Missing("/x".into()).into();
        assert_eq!(f.status, StatusCode::INTERNAL_SERVER_ERROR);
    }
}
