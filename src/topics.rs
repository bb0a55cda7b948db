//! Topics: a hierarchical taxonomy and a tagger that gives a statement up to three topics from its
//! words and its context.
//!
//! The taxonomy is data (`data/topics.toml`, embedded; another file can be loaded). This module
//! knows nothing of articles, statements or the index: it tags strings.

use serde::Deserialize;

/// A topic taxonomy with its keyword rules.
#[derive(Clone, Debug)]
pub struct Taxonomy {
    topics: Vec<Topic>,
}

#[derive(Clone, Debug, Deserialize)]
struct Topic {
    path: String,
    #[serde(default)]
    keywords: Vec<String>,
}

#[derive(Deserialize)]
struct File {
    topic: Vec<Topic>,
}

/// An error loading a taxonomy.
#[derive(Debug, thiserror::Error)]
pub enum TaxonomyError {
    /// The file could not be read.
    #[error("cannot read topic file {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    /// The file is not a valid taxonomy.
    #[error("invalid topic file {path}: {message}")]
    Parse { path: String, message: String },
}

/// The taxonomy shipped with whosaid.
pub const DEFAULT_TAXONOMY: &str = include_str!("../data/topics.toml");

impl Default for Taxonomy {
    fn default() -> Self {
        Taxonomy::parse(DEFAULT_TAXONOMY, "data/topics.toml").expect("the shipped taxonomy parses")
    }
}

impl Taxonomy {
    /// Parses a taxonomy from TOML text; `path` names it in errors.
    pub fn parse(toml_text: &str, path: &str) -> Result<Taxonomy, TaxonomyError> {
        let f: File = toml::from_str(toml_text).map_err(|e| TaxonomyError::Parse {
            path: path.to_string(),
            message: e.to_string(),
        })?;
        Ok(Taxonomy { topics: f.topic })
    }

    /// Loads a taxonomy file.
    pub fn load(path: &std::path::Path) -> Result<Taxonomy, TaxonomyError> {
        let text = std::fs::read_to_string(path).map_err(|e| TaxonomyError::Io {
            path: path.display().to_string(),
            source: e,
        })?;
        Taxonomy::parse(&text, &path.display().to_string())
    }

    /// Tags `text` (the statement) with up to three topic paths, using `context` (its passage and
    /// entry headline) with half the weight.
    pub fn tag(&self, text: &str, context: &[&str]) -> Vec<String> {
        let own = text.to_lowercase();
        let ctx: Vec<String> = context.iter().map(|c| c.to_lowercase()).collect();
        let mut scored: Vec<(f32, &str)> = Vec::new();
        for t in &self.topics {
            let mut s = 0.0;
            for k in &t.keywords {
                s += count(&own, k) as f32;
                for c in &ctx {
                    s += 0.5 * count(c, k) as f32;
                }
            }
            if s > 0.0 {
                scored.push((s, &t.path));
            }
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        scored
            .into_iter()
            .take(3)
            .map(|(_, p)| p.to_string())
            .collect()
    }
}

fn count(hay: &str, kw: &str) -> usize {
    let (kw, whole) = match kw.strip_suffix('=') {
        Some(k) => (k, true),
        None => (kw, false),
    };
    let mut n = 0;
    let mut from = 0;
    while let Some(i) = hay[from..].find(kw) {
        let at = from + i;
        let before_ok = hay[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after_ok = !whole
            || hay[at + kw.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
        if before_ok && after_ok {
            n += 1;
        }
        from = at + kw.len();
    }
    n
}
