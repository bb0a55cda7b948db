//! whosaid: full-text search over statements in the news — who said what, about what, where and
//! when.
//!
//! Data flows one way: [`input`] reads files into [`Article`]s; [`segment`] cuts them into
//! passages; an [`Extractor`] finds their [`Statement`]s and speakers and tags countries and
//! [`topics`]; an [`Indexer`] writes them into the index ([`index`], the only module that knows
//! tantivy), and a [`Searcher`] answers a [`Request`] with ranked [`Hit`]s. [`ingest`] runs the
//! whole pipeline over files on worker threads; the binary prints hits, and [`serve`] answers the
//! same queries over HTTP and as a web page.
//!
//! Index a string and search it:
//!
//! ```
//! use whosaid::{Article, Extractor, Filters, Indexer, Request, Searcher, Taxonomy};
//!
//! let dir = tempfile::tempdir()?;
//! let article = Article {
//!     id: "geneva".into(),
//!     title: "Talks in Geneva".into(),
//!     text: "Talks in Geneva\n\n“We will keep talking to everyone about NATO,” \
//!            Russian Foreign Minister Sergei Lavrov said.\n"
//!         .into(),
//!     title_in_text: Some(0..15),
//!     ..Article::default()
//! };
//! let extraction = Extractor::new(Taxonomy::default()).extract(&article);
//! let indexer = Indexer::open(dir.path(), true, 1, 64 << 20)?;
//! indexer.add(&article, &extraction, 0)?;
//! indexer.finish()?;
//!
//! let results = Searcher::open(dir.path())?.search(&Request {
//!     query: "NATO".into(),
//!     filters: Filters::default(),
//!     limit: 10,
//!     snippet_chars: whosaid::DEFAULT_SNIPPET_CHARS,
//!     collapse: false,
//!     facets: None,
//! })?;
//! let first = &results.hits[0];
//! // One canonical name across spellings: the knowledge base spells him so.
//! assert_eq!(first.speaker.as_deref(), Some("Sergey Lavrov"));
//! assert_eq!(first.kind, whosaid::DocKind::Direct);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![warn(missing_docs)]

/// A table of one answer per byte value, built at compile time from `$test` of the byte `$b`:
/// a scan that asks of every byte of a text reads the table instead of testing.
macro_rules! byte_table {
    (|$b:ident| $test:expr) => {{
        let mut table = [false; 256];
        let mut i = 0;
        while i < 256 {
            let $b = i as u8;
            table[i] = $test;
            i += 1;
        }
        table
    }};
}
pub(crate) use byte_table;

pub mod aliases;
pub mod article;
pub mod dates;
pub mod eval;
pub mod extract;
pub mod fingerprint;
pub mod index;
pub mod ingest;
// The fields of its error variants are documented by their variants' messages; input.rs is
// another branch's to edit for now.
#[allow(missing_docs)]
pub mod input;
pub mod names;
pub mod query;
pub mod segment;
pub mod serve;
pub mod statement;
pub mod topics;

pub use article::Article;
pub use extract::{Extraction, Extractor};
pub use index::search::{Request, Results, Searcher};
pub use index::types::{
    CountryOf, DocKind, FacetCount, Filters, Hit, KindFilter, DEFAULT_SNIPPET_CHARS, MAX_LIMIT,
};
pub use index::writer::Indexer;
pub use index::IndexError;
pub use ingest::{Config as IngestConfig, Summary as IngestSummary};
pub use segment::{Passage, Segmented};
pub use statement::{Statement, StatementKind};
pub use topics::Taxonomy;
