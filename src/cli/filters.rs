//! The filter flags every query command shares, and opening the index they query.

use std::path::{Path, PathBuf};

use anyhow::Context;
use whosaid::extract::Extractor;
use whosaid::index::search::{Filters, Searcher};

use super::choices::KindFilter;
use whosaid::topics::Taxonomy;

use super::index::{ingest, DEFAULT_CORPUS, DEFAULT_INDEX};

#[derive(clap::Args, Debug, Clone)]
pub struct FilterArgs {
    /// Only statements by this speaker (a surname or any alias seen: "Lavrov", "Sergei Lavrov").
    #[arg(long, value_name = "NAME")]
    pub speaker: Option<String>,
    /// Only statements by speakers of this country ("Poland", "United States").
    #[arg(long, value_name = "COUNTRY")]
    pub country: Option<String>,
    /// Only statements with this topic ("economy", "economy/sanctions", "sanctions").
    #[arg(long, value_name = "TOPIC")]
    pub topic: Option<String>,
    /// Only documents of this kind.
    #[arg(long, value_enum, value_name = "KIND")]
    pub kind: Option<KindFilter>,
    /// Only articles from sources whose name contains this (case-insensitive).
    #[arg(long, value_name = "SOURCE")]
    pub source: Option<String>,
    /// Only articles published on or after this day: YYYY, YYYY-MM or YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only articles published on or before this day: YYYY, YYYY-MM or YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Only statements whose speaker is named in their own sentence (not found through a
    /// pronoun, a role noun or an earlier paragraph): the ones a journalist can quote as they
    /// stand.
    #[arg(long)]
    pub named_only: bool,
    /// The index directory.
    #[arg(long, env = "WHOSAID_INDEX", default_value = DEFAULT_INDEX)]
    pub index: PathBuf,
}

impl FilterArgs {
    /// The library's filters.
    pub fn filters(&self) -> Filters {
        Filters {
            speaker: self.speaker.clone(),
            country: self.country.clone(),
            topic: self.topic.clone(),
            kind: self.kind.map(Into::into),
            source: self.source.clone(),
            since: self.since.clone(),
            until: self.until.clone(),
            named_only: self.named_only,
        }
    }

    /// Says on stderr, in one line, why `query` with these filters found nothing, when it can be
    /// told; returns [`super::NOT_FOUND`] for the caller to exit with.
    pub fn say_why_empty(&self, searcher: &Searcher, query: &str) -> u8 {
        if let Ok(Some(why)) = searcher.why_empty(query, &self.filters()) {
            eprintln!("whosaid: {why}");
        }
        super::NOT_FOUND
    }

    /// Opens the index, building the default one first when it is absent (see
    /// [`build_default_if_absent`]).
    pub fn open(&self) -> anyhow::Result<Searcher> {
        build_default_if_absent(&self.index)?;
        Ok(Searcher::open(&self.index)?)
    }
}

/// When `index` does not exist and is the default one, and the bundled corpus is here, builds
/// it (saying so on stderr), so that a first search or `serve` just works.
pub fn build_default_if_absent(index: &Path) -> anyhow::Result<()> {
    let default = index == Path::new(DEFAULT_INDEX);
    if !whosaid::index::exists(index) && default && Path::new(DEFAULT_CORPUS).is_dir() {
        eprintln!(
            "whosaid: no index yet; building {DEFAULT_INDEX}/ from the bundled corpus {DEFAULT_CORPUS}/ first"
        );
        let cfg =
            whosaid::ingest::Config::new(vec![PathBuf::from(DEFAULT_CORPUS)], index.to_path_buf());
        let s = ingest(&cfg, Extractor::new(Taxonomy::default()), false)
            .context("building the default index")?;
        eprintln!("whosaid: {}", super::index::summary_line(&s));
    }
    Ok(())
}
