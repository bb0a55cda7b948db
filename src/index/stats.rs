//! What an index holds, in figures: documents of each kind, distinct speakers and countries,
//! the range of publication dates, and the size of its files.

use serde::Serialize;
use tantivy::collector::Count;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

use super::query::facet_values;
use super::searcher::Searcher;
use super::types::DocKind;
use super::writer::ARTICLE_KIND;
use super::Result;

/// The figures of an index.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Stats {
    /// Documents of every kind.
    pub documents: u64,
    /// Articles.
    pub articles: u64,
    /// Statements (direct and indirect).
    pub statements: u64,
    /// Direct quotations.
    pub direct: u64,
    /// Reported speech.
    pub indirect: u64,
    /// Passages.
    pub passages: u64,
    /// Distinct canonical speakers.
    pub speakers: u64,
    /// Distinct speakers' countries.
    pub countries: u64,
    /// Distinct outlets.
    pub sources: u64,
    /// The earliest publication day, `YYYY-MM-DD`.
    pub first_date: Option<String>,
    /// The latest.
    pub last_date: Option<String>,
    /// Bytes of the index's files.
    pub index_bytes: u64,
    /// Segments of the last commit.
    pub segments: usize,
}

impl Searcher {
    /// The figures of the index, as of the last commit read.
    pub fn stats(&self) -> Result<Stats> {
        super::guard(self.tantivy_index(), self.dir(), || self.stats_unguarded())
    }

    fn stats_unguarded(&self) -> Result<Stats> {
        let f = self.fields();
        let searcher = self.searcher();
        // Counted, not read off the dictionary: deleted documents stay there until a merge.
        let kind = |k: &str| -> Result<u64> {
            let q = TermQuery::new(Term::from_field_text(f.kind, k), IndexRecordOption::Basic);
            Ok(searcher.search(&q, &Count)? as u64)
        };
        let (direct, indirect, passages, articles) = (
            kind(DocKind::Direct.as_str())?,
            kind(DocKind::Indirect.as_str())?,
            kind(DocKind::Passage.as_str())?,
            kind(ARTICLE_KIND)?,
        );
        let distinct = |field, root: &str| -> Result<u64> {
            Ok(facet_values(&searcher, field, root)?.len() as u64)
        };
        let range = self.date_range()?;
        Ok(Stats {
            documents: searcher.num_docs(),
            articles,
            statements: direct + indirect,
            direct,
            indirect,
            passages,
            speakers: distinct(f.speaker_facet, "speaker")?,
            countries: distinct(f.country_facet, "country")?,
            sources: distinct(f.source_facet, "source")?,
            first_date: range.map(|(a, _)| a.to_string()),
            last_date: range.map(|(_, b)| b.to_string()),
            index_bytes: dir_bytes(self.dir()),
            segments: searcher.segment_readers().len(),
        })
    }
}

/// Bytes of the files directly in `dir` (an index keeps no subfolders).
fn dir_bytes(dir: &std::path::Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|e| e.metadata().ok())
                .filter(|m| m.is_file())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}
