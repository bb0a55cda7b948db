//! The page's assets, compiled into the binary: its stylesheet, its script and its icon. Their
//! addresses carry the version, so that browsers may keep them for a long time.

use axum::extract::Path;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// The stylesheet's address.
pub const CSS_HREF: &str = concat!("/assets/app.css?v=", env!("CARGO_PKG_VERSION"));
/// The script's address.
pub const JS_HREF: &str = concat!("/assets/app.js?v=", env!("CARGO_PKG_VERSION"));
/// The icon's address.
pub const ICON_HREF: &str = "/assets/icon.svg";

/// How long a browser may keep an asset.
const CACHE: &str = "public, max-age=86400";

/// The assets: name, content type, body.
const FILES: &[(&str, &str, &str)] = &[
    (
        "app.css",
        "text/css; charset=utf-8",
        include_str!("assets/app.css"),
    ),
    (
        "app.js",
        "text/javascript; charset=utf-8",
        include_str!("assets/app.js"),
    ),
    ("icon.svg", "image/svg+xml", include_str!("assets/icon.svg")),
];

/// `GET /assets/NAME`.
pub async fn file(Path(name): Path<String>) -> Response {
    match FILES.iter().find(|(n, _, _)| *n == name) {
        Some((_, kind, body)) => (
            [
                (header::CONTENT_TYPE, HeaderValue::from_static(kind)),
                (header::CACHE_CONTROL, HeaderValue::from_static(CACHE)),
            ],
            *body,
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "no such asset").into_response(),
    }
}
