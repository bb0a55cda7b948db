//! What a statement document indexes without storing, made from what it stores: one function
//! for the writer, which makes the document, and for the speaker pass ([`super::rename`]),
//! which makes it again under another speaker name from what the index stored. So a statement
//! named again is indexed as if it had been written with that name.
//!
//! Knows the schema's fields; nothing of articles, extraction or the speaker registry.

use tantivy::schema::{Facet, Field, Value};
use tantivy::TantivyDocument;

use super::schema::Fields;
use crate::names::name_key;

/// Makes one facet step of a free-text value (facet steps cannot hold `/`).
pub fn facet_step(s: &str) -> String {
    s.trim().replace('/', "-")
}

/// Adds to the statement document `d` what it indexes without storing, from what it stores
/// (its speaker's display name and spelling, aliases, role, countries and topics):
/// `is_statement`; the speaker's facet; the name keys a `--speaker` filter matches (of the
/// display name, then of each alias and of the spelling that begin with a capital); the alias
/// and role facets; the words of its topics; and its speaker, countries and topics again, in
/// that order, in [`Fields::counted`].
pub fn add_statement_index(d: &mut TantivyDocument, f: &Fields) {
    let mut facets: Vec<(Field, Facet)> = Vec::new();
    let mut texts: Vec<(Field, String)> = Vec::new();
    let first = |field| d.get_first(field).and_then(|v| v.as_str());
    let all = |field| d.get_all(field).filter_map(|v| v.as_str());
    let stored_facets = |field| {
        d.get_all(field)
            .filter_map(|v| v.as_facet())
            .filter_map(|encoded| Facet::from_encoded(encoded.as_bytes().to_vec()).ok())
    };
    if let Some(speaker) = first(f.speaker) {
        let facet = Facet::from_path(["speaker", &facet_step(speaker)]);
        facets.push((f.counted, facet.clone()));
        facets.push((f.speaker_facet, facet));
        let mut keys = name_key(speaker);
        for name in all(f.aliases).chain(first(f.speaker_spelling)) {
            if name.starts_with(char::is_uppercase) {
                keys.push(' ');
                keys.push_str(&name_key(name));
            }
        }
        texts.push((f.speaker_keys, keys));
    }
    for alias in all(f.aliases) {
        let facet = Facet::from_path(["alias", &facet_step(alias)]);
        facets.push((f.alias_facet, facet));
    }
    if let Some(r) = first(f.role) {
        facets.push((f.role_facet, Facet::from_path(["role", &facet_step(r)])));
    }
    facets.extend(stored_facets(f.country_facet).map(|c| (f.counted, c)));
    for t in stored_facets(f.topic_facet) {
        let words = t.to_path()[1..].join(" ").replace('-', " ");
        texts.push((f.topic_text, words));
        facets.push((f.counted, t));
    }
    d.add_u64(f.is_statement, 1);
    for (field, facet) in facets {
        d.add_facet(field, facet);
    }
    for (field, text) in texts {
        d.add_text(field, text);
    }
}
