//! The speaker registry: one canonical display name per speaker across the whole index.
//!
//! Extraction names a speaker as the article spells it ("Sergei Lavrov" here, "Sergey Lavrov"
//! there). The registry maps each spelling's name key ([`crate::names::name_key`]) to the display
//! name first indexed under that key, so that a speaker has one facet value. It is rebuilt from the
//! speaker facets of the index when a writer opens: it is derived state and never goes stale.

use std::collections::HashMap;

use tantivy::schema::{Facet, Field};
use tantivy::Searcher;

use crate::names::{name_key, surname_key};

/// Maps name keys to canonical display names.
#[derive(Debug, Default, Clone)]
pub struct SpeakerRegistry {
    by_key: HashMap<String, String>,
    /// Folded surname of multi-word names -> display name, `None` when two speakers share it.
    by_surname: HashMap<String, Option<String>>,
}

impl SpeakerRegistry {
    /// Reads every `/speaker/...` facet value of the index.
    pub fn from_index(searcher: &Searcher, facet_field: Field) -> tantivy::Result<Self> {
        let mut reg = SpeakerRegistry::default();
        for seg in searcher.segment_readers() {
            let inv = seg.inverted_index(facet_field)?;
            let mut stream = inv.terms().stream()?;
            while stream.advance() {
                let Ok(facet) = Facet::from_encoded(stream.key().to_vec()) else {
                    continue;
                };
                let path = facet.to_path();
                if path.len() == 2 && path[0] == "speaker" {
                    reg.canonical(path[1]);
                }
            }
        }
        Ok(reg)
    }

    /// The canonical display name for `name`, registering it when it is new.
    ///
    /// ```
    /// use whosaid::index::speakers::SpeakerRegistry;
    /// let mut r = SpeakerRegistry::default();
    /// assert_eq!(r.canonical("Sergey Lavrov"), "Sergey Lavrov");
    /// assert_eq!(r.canonical("Sergei Lavrov"), "Sergey Lavrov");
    /// assert_eq!(r.canonical("Lavrov"), "Sergey Lavrov");
    /// ```
    pub fn canonical(&mut self, name: &str) -> String {
        let key = name_key(name);
        if let Some(d) = self.by_key.get(&key) {
            return d.clone();
        }
        let single = !key.contains(' ');
        if single {
            if let Some(Some(d)) = self.by_surname.get(&key) {
                return d.clone();
            }
        }
        let display = name.split_whitespace().collect::<Vec<_>>().join(" ");
        self.by_key.insert(key, display.clone());
        if !single && name.chars().next().is_some_and(char::is_uppercase) {
            if let Some(s) = surname_key(name) {
                self.by_surname
                    .entry(s)
                    .and_modify(|v| {
                        if v.as_deref() != Some(display.as_str()) {
                            *v = None
                        }
                    })
                    .or_insert_with(|| Some(display.clone()));
            }
        }
        display
    }
}
