//! whosaid: full-text search over statements in the news — who said what, about what, where and
//! when.
//!
//! Data flows one way: [`input`] reads files into [`article::Article`]s; [`segment`] cuts them into
//! passages; [`extract`] finds [`statement::Statement`]s and their speakers; [`index`] (the only
//! module that knows tantivy) writes and searches documents; the binary prints hits, and
//! [`serve`] answers the same queries over HTTP and as a web page.

pub mod aliases;
pub mod article;
pub mod dates;
pub mod eval;
pub mod extract;
pub mod fingerprint;
pub mod index;
pub mod ingest;
pub mod input;
pub mod names;
pub mod query;
pub mod segment;
pub mod serve;
pub mod statement;
pub mod topics;
