//! Facet counts: how many matching statements each speaker, country, topic or source has.
//! Topics drill down: with `--topic conflict`, the counts are those of `conflict`'s subtopics.

use serde::Serialize;
use tantivy::collector::Count;
use tantivy::schema::Facet;

use super::count::CountBy;
use super::searcher::Searcher;
use super::types::{Choice, Filters, KindFilter, MAX_LIMIT};

pub use super::types::FacetCount;
use super::Result;

/// The facet to count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum FacetField {
    /// Canonical speakers.
    #[default]
    Speaker,
    /// Speakers' countries.
    Country,
    /// Statement topics (hierarchical).
    Topic,
    /// Outlets.
    Source,
    /// The sources' own topic labels.
    SourceTopic,
    /// Names the articles used for speakers.
    Alias,
    /// Speakers' roles as written.
    Role,
}

impl Choice for FacetField {
    const ALL: &'static [FacetField] = &[
        FacetField::Speaker,
        FacetField::Country,
        FacetField::Topic,
        FacetField::Source,
        FacetField::SourceTopic,
        FacetField::Alias,
        FacetField::Role,
    ];

    fn name(self) -> &'static str {
        match self {
            FacetField::SourceTopic => "source-topic",
            other => other.names().1,
        }
    }
}

impl FacetField {
    /// (field name, facet root).
    fn names(self) -> (&'static str, &'static str) {
        match self {
            FacetField::Speaker => ("speaker_facet", "speaker"),
            FacetField::Country => ("country", "country"),
            FacetField::Topic => ("topic", "topic"),
            FacetField::Source => ("source_facet", "source"),
            FacetField::SourceTopic => ("source_topic", "source-topic"),
            FacetField::Alias => ("alias", "alias"),
            FacetField::Role => ("role_facet", "role"),
        }
    }
}

/// Facet counts for a query.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Counts {
    /// The facet counted.
    pub field: FacetField,
    /// The level counted (`/topic/conflict` when drilling down).
    pub parent: String,
    /// Matching documents in all.
    pub total: u64,
    /// Values, most frequent first.
    pub values: Vec<FacetCount>,
}

/// Counts the values of `field` among the documents matching `query` and `filters` (statements
/// only unless `filters.kind` says otherwise).
pub fn count(
    s: &Searcher,
    query: &str,
    filters: &Filters,
    field: FacetField,
    limit: usize,
) -> Result<Counts> {
    let mut filters = filters.clone();
    if filters.kind.is_none() && field != FacetField::Source && field != FacetField::SourceTopic {
        filters.kind = Some(KindFilter::Statement);
    }
    let (name, root) = field.names();
    let parent_facet = if field == FacetField::Topic {
        s.topic_parent(filters.topic.as_deref())?
    } else {
        Facet::from_path([root])
    };
    let q = match s.build(query, &filters)? {
        Ok(q) => q,
        Err(_) => {
            return Ok(Counts {
                field,
                parent: parent_facet.to_path_string(),
                total: 0,
                values: vec![],
            })
        }
    };
    let counter = if field == FacetField::Topic {
        // Hierarchical: counted at the level asked for.
        CountBy::under(name, &parent_facet)
    } else {
        CountBy::new(name)
    };
    let (counts, total) = s
        .searcher()
        .search(&q, &(counter.top(limit.clamp(1, MAX_LIMIT)), Count))?;
    let values = counts
        .into_iter()
        .map(|(value, count)| FacetCount { value, count })
        .collect();
    Ok(Counts {
        field,
        parent: parent_facet.to_path_string(),
        total: total as u64,
        values,
    })
}
