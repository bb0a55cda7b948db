//! The index schema: which fields a document has, how they are tokenized, and the schema version.
//!
//! Statements and passages are documents of one schema, told apart by `kind`. Text fields use the
//! `whosaid_en` analyzer (lowercase, accent folding, English stemming) with positions for phrases;
//! speaker, country, topic and source are hierarchical facets; date and kind are fast fields.

use tantivy::schema::{
    DateOptions, DateTimePrecision, FacetOptions, Field, IndexRecordOption, NumericOptions, Schema,
    TextFieldIndexing, TextOptions, STORED, STRING,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
};
use tantivy::Index;

/// Bumped whenever the schema or the meaning of a field changes; an index of another version must
/// be rebuilt.
pub const SCHEMA_VERSION: u32 = 5;

/// The analyzer of the text fields.
pub const TEXT_ANALYZER: &str = "whosaid_en";

/// The fields of a whosaid document.
#[derive(Clone, Debug)]
pub struct Fields {
    /// The article id (for replacing an article).
    pub article: Field,
    /// `direct`, `indirect`, `passage`, or `article` for the one document per article that
    /// stores its title, address and path.
    pub kind: Field,
    /// 1 for statements, 0 for passages (fast; for ranking).
    pub is_statement: Field,
    /// The statement's words or the passage.
    pub text: Field,
    /// Canonical speaker name (stored).
    pub speaker: Field,
    /// The speaker's name as the article spelled it, before the registry named it (indexed, to
    /// count each spelling's statements; stored, to name the statement again when the index's
    /// counts decide another name: see [`super::speakers`]).
    pub speaker_spelling: Field,
    /// Folded name keys of the speaker and its aliases (for `--speaker`).
    pub speaker_keys: Field,
    /// Every way the article named the speaker (stored).
    pub aliases: Field,
    /// The speaker's role as written.
    pub role: Field,
    /// The cue word.
    pub cue: Field,
    /// `/speaker/NAME`.
    pub speaker_facet: Field,
    /// `/country/NAME`.
    pub country_facet: Field,
    /// `/topic/PATH...`.
    pub topic_facet: Field,
    /// A statement's speaker, countries and topics again, as `/speaker/NAME`, `/country/NAME`
    /// and `/topic/PATH...` in one field: a process that counts them once reads one column per
    /// statement instead of three (see [`super::count::PageCounts`]).
    pub counted: Field,
    /// `/source-topic/LABEL`: the source's own topic.
    pub source_topic_facet: Field,
    /// `/source/NAME`.
    pub source_facet: Field,
    /// The article's headline.
    pub title: Field,
    /// The live-blog entry headline.
    pub entry: Field,
    /// Publication date.
    pub date: Field,
    /// The outlet (stored).
    pub source: Field,
    /// The article's address.
    pub url: Field,
    /// Where the article was read.
    pub path: Field,
    /// Byte range of `text` in the article.
    pub start: Field,
    /// End of that range.
    pub end: Field,
    /// Passage kind (`paragraph`, `headline`...) for passages, or the holding passage's kind.
    pub passage_kind: Field,
    /// The words of the statement's topic paths, searchable ("sanctions" finds a quote about
    /// Swift tagged `economy/sanctions`).
    pub topic_text: Field,
    /// `/alias/NAME`: every name the article used for the speaker.
    pub alias_facet: Field,
    /// `/role/ROLE`: the speaker's role as written.
    pub role_facet: Field,
    /// `/country_evidence/COUNTRY/EVIDENCE`: each of a statement's countries with its evidence
    /// (`cue`, `knowledge base`, `index`, `outlet`, `article`).
    pub country_evidence: Field,
    /// How the speaker was found: `named`, `pronoun`, `role` or `earlier` (for
    /// `--named-only`).
    pub found: Field,
    /// Fingerprint of the statement's words ([`crate::fingerprint`]); statements repeated across
    /// articles share it. Unique per document when the statement is too short to cluster.
    pub cluster: Field,
}

/// Builds the schema and its field handles.
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text_indexing = TextFieldIndexing::default()
        .set_tokenizer(TEXT_ANALYZER)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let text = TextOptions::default()
        .set_indexing_options(text_indexing.clone())
        .set_stored();
    let text_indexing = text_indexing.set_index_option(IndexRecordOption::WithFreqs);
    let keys = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("whitespace")
            .set_index_option(IndexRecordOption::Basic),
    );
    let stored_u64 = NumericOptions::default().set_stored();
    let fields = Fields {
        article: b.add_text_field("article", STRING | STORED),
        kind: b.add_text_field("kind", STRING | STORED),
        is_statement: b.add_u64_field("is_statement", NumericOptions::default().set_fast()),
        text: b.add_text_field("text", text.clone()),
        speaker: b.add_text_field("speaker", STORED),
        speaker_spelling: b.add_text_field("speaker_spelling", STRING | STORED),
        speaker_keys: b.add_text_field("speaker_keys", keys),
        aliases: b.add_text_field("aliases", STORED),
        role: b.add_text_field("role", text.clone()),
        cue: b.add_text_field("cue", STRING | STORED),
        speaker_facet: b.add_facet_field("speaker_facet", FacetOptions::default()),
        country_facet: b.add_facet_field("country", FacetOptions::default().set_stored()),
        topic_facet: b.add_facet_field("topic", FacetOptions::default().set_stored()),
        counted: b.add_facet_field("counted", FacetOptions::default()),
        source_topic_facet: b.add_facet_field("source_topic", FacetOptions::default().set_stored()),
        source_facet: b.add_facet_field("source_facet", FacetOptions::default()),
        country_evidence: b
            .add_facet_field("country_evidence", FacetOptions::default().set_stored()),
        found: b.add_text_field("found", STRING | STORED),
        title: b.add_text_field("title", text.clone()),
        entry: b.add_text_field("entry", text),
        date: b.add_date_field(
            "date",
            DateOptions::default()
                .set_indexed()
                .set_fast()
                .set_stored()
                .set_precision(DateTimePrecision::Seconds),
        ),
        source: b.add_text_field("source", STRING | STORED),
        url: b.add_text_field("url", STORED),
        path: b.add_text_field("path", STORED),
        start: b.add_u64_field("start", stored_u64.clone()),
        end: b.add_u64_field("end", stored_u64),
        passage_kind: b.add_text_field("passage_kind", STRING | STORED),
        topic_text: b.add_text_field(
            "topic_text",
            TextOptions::default().set_indexing_options(text_indexing),
        ),
        alias_facet: b.add_facet_field("alias", FacetOptions::default()),
        role_facet: b.add_facet_field("role_facet", FacetOptions::default()),
        cluster: b.add_u64_field(
            "cluster",
            NumericOptions::default()
                .set_indexed()
                .set_fast()
                .set_stored(),
        ),
    };
    (b.build(), fields)
}

/// Registers whosaid's analyzers on an index.
pub fn register_tokenizers(index: &Index) {
    let en = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(super::stem::MemoStemmer)
        .build();
    index.tokenizers().register(TEXT_ANALYZER, en);
}

/// The date (any form [`crate::dates::parse_date`] reads) as a tantivy date at midnight UTC, or
/// `None` if it does not parse or lies outside [`crate::dates::YEARS`].
pub fn parse_day(s: &str) -> Option<tantivy::DateTime> {
    crate::dates::parse_date(s).ok().map(day_to_tantivy)
}

/// A day as a tantivy date at midnight UTC.
pub fn day_to_tantivy(d: jiff::civil::Date) -> tantivy::DateTime {
    tantivy::DateTime::from_timestamp_secs(crate::dates::days_since_epoch(d) * SECONDS_A_DAY)
}

/// Seconds in a day.
pub const SECONDS_A_DAY: i64 = 86_400;

/// The day of a tantivy date.
pub fn tantivy_to_day(dt: tantivy::DateTime) -> Option<jiff::civil::Date> {
    crate::dates::from_days_since_epoch(dt.into_timestamp_secs().div_euclid(SECONDS_A_DAY))
}

/// Formats a tantivy date as `YYYY-MM-DD`.
pub fn format_day(dt: tantivy::DateTime) -> String {
    tantivy_to_day(dt).map_or_else(String::new, |d| d.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip() {
        for d in [
            "1970-01-01",
            "2022-01-21",
            "2000-02-29",
            "1999-12-31",
            "2016-09-12",
        ] {
            assert_eq!(format_day(parse_day(d).unwrap()), d);
        }
        assert!(parse_day("not a date").is_none());
        assert!(
            parse_day("1000-01-01").is_none(),
            "out of tantivy's range, no overflow"
        );
        assert!(parse_day("9999-12-31").is_none());
    }
}
