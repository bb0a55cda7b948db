//! The API's answers kept for requests asked again: the same address on the same commit of the
//! index gets the same bytes without a search.
//!
//! A results page, a facet click and back, a notebook re-running its cells, a dashboard polling:
//! most requests a server sees were asked moments before. An answer depends only on the request's
//! path and query string and on the commit the searcher reads, so the cache keys entries by the
//! address and forgets them all when a newer commit is read. A commit is known by its segments
//! ([`Commit`]): the reader also reloads when nothing changed (its file watcher's first look, a
//! commit that wrote nothing), and such a reload keeps every answer.
//! Only successful answers are kept. It is bounded by entries and by bytes, and evicts the least
//! recently used; `--cache 0` turns it off.

use std::collections::HashMap;
use std::sync::Mutex;

use axum::body::Bytes;
use axum::http::HeaderValue;

/// How many answers the cache keeps by default.
pub const DEFAULT_ENTRIES: usize = 1024;

/// The most bytes of answers the cache keeps, whatever the number of entries.
pub const MAX_BYTES: usize = 64 << 20;

/// Which commit of the index an answer was made on: the searcher's generation (it grows with
/// every reload) and a fingerprint of its segments and their deletes (equal for equal contents).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Commit {
    /// The searcher's generation id.
    pub generation: u64,
    /// A hash of the segment ids and their delete opstamps.
    pub segments: u64,
}

impl Commit {
    /// The commit `searcher` reads.
    pub fn of(searcher: &tantivy::Searcher) -> Commit {
        use std::hash::{Hash, Hasher};
        let generation = searcher.generation();
        let mut h = std::collections::hash_map::DefaultHasher::new();
        for (id, deletes) in generation.segments() {
            id.hash(&mut h);
            deletes.hash(&mut h);
        }
        Commit {
            generation: generation.generation_id(),
            segments: h.finish(),
        }
    }
}

/// One kept answer.
#[derive(Clone, Debug)]
pub struct Answer {
    /// The body, as sent.
    pub body: Bytes,
    /// Its `Content-Type`.
    pub content_type: HeaderValue,
}

/// Answers by address, for one commit of the index at a time.
#[derive(Debug)]
pub struct AnswerCache {
    max_entries: usize,
    max_bytes: usize,
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    /// The commit the answers were made on; none before the first.
    commit: Option<Commit>,
    entries: HashMap<String, Entry>,
    bytes: usize,
    clock: u64,
}

#[derive(Debug)]
struct Entry {
    answer: Answer,
    used: u64,
}

impl AnswerCache {
    /// A cache of at most `max_entries` answers and [`MAX_BYTES`] bytes; 0 keeps nothing.
    pub fn new(max_entries: usize) -> AnswerCache {
        AnswerCache::with_bytes(max_entries, MAX_BYTES)
    }

    fn with_bytes(max_entries: usize, max_bytes: usize) -> AnswerCache {
        AnswerCache {
            max_entries,
            max_bytes,
            inner: Mutex::new(Inner::default()),
        }
    }

    /// Whether the cache keeps anything at all.
    pub fn enabled(&self) -> bool {
        self.max_entries > 0
    }

    /// The answer kept for `key` on `commit`, if any.
    pub fn get(&self, commit: Commit, key: &str) -> Option<Answer> {
        if !self.enabled() {
            return None;
        }
        let mut inner = self.inner.lock().ok()?;
        if !inner.renew(commit) {
            return None;
        }
        inner.clock += 1;
        let now = inner.clock;
        let entry = inner.entries.get_mut(key)?;
        entry.used = now;
        Some(entry.answer.clone())
    }

    /// Keeps `answer` for `key` on `commit`, evicting the least recently used answers to
    /// stay within bounds. An answer larger than a quarter of the byte bound is not kept.
    pub fn put(&self, commit: Commit, key: String, answer: Answer) {
        let size = key.len() + answer.body.len();
        if !self.enabled() || size > self.max_bytes / 4 {
            return;
        }
        let Ok(mut inner) = self.inner.lock() else {
            return;
        };
        if !inner.renew(commit) {
            // The searcher moved on while this answer was computed on the older commit.
            return;
        }
        inner.clock += 1;
        let used = inner.clock;
        if let Some(old) = inner.entries.insert(key.clone(), Entry { answer, used }) {
            inner.bytes -= key.len() + old.answer.body.len();
        }
        inner.bytes += size;
        while inner.entries.len() > self.max_entries || inner.bytes > self.max_bytes {
            let Some(oldest) = inner
                .entries
                .iter()
                .min_by_key(|(_, e)| e.used)
                .map(|(k, _)| k.clone())
            else {
                break;
            };
            if let Some(e) = inner.entries.remove(&oldest) {
                inner.bytes -= oldest.len() + e.answer.body.len();
            }
        }
    }

    /// The number of answers kept.
    pub fn len(&self) -> usize {
        self.inner.lock().map_or(0, |i| i.entries.len())
    }

    /// Whether no answer is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Inner {
    /// Whether answers of `commit` may be read and kept: yes for the commit the answers were
    /// made on (whatever reload read it again), and for a newer one, which first forgets them all.
    fn renew(&mut self, commit: Commit) -> bool {
        match &mut self.commit {
            Some(kept) if kept.segments == commit.segments => {
                kept.generation = kept.generation.max(commit.generation);
                true
            }
            Some(kept) if kept.generation >= commit.generation => false,
            _ => {
                self.entries.clear();
                self.bytes = 0;
                self.commit = Some(commit);
                true
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(body: &str) -> Answer {
        Answer {
            body: Bytes::from(body.to_string()),
            content_type: HeaderValue::from_static("application/json"),
        }
    }

    fn commit(generation: u64, segments: u64) -> Commit {
        Commit {
            generation,
            segments,
        }
    }

    #[test]
    fn keeps_answers_for_their_commit_only() {
        let c = AnswerCache::new(8);
        // The first commit a reader reads is generation 0.
        c.put(commit(0, 9), "/api/search?q=a".into(), answer("[0]"));
        assert_eq!(c.get(commit(0, 9), "/api/search?q=a").unwrap().body, "[0]");
        c.put(commit(1, 10), "/api/search?q=a".into(), answer("[1]"));
        assert_eq!(c.get(commit(1, 10), "/api/search?q=a").unwrap().body, "[1]");
        assert!(c.get(commit(1, 10), "/api/search?q=b").is_none());
        // A reload that read the same segments again keeps every answer.
        assert!(c.get(commit(2, 10), "/api/search?q=a").is_some());
        // A new commit: everything is forgotten.
        assert!(c.get(commit(3, 11), "/api/search?q=a").is_none());
        assert!(c.is_empty());
        // An answer computed on the older commit after the newer one was seen is not kept.
        c.put(commit(2, 10), "/api/search?q=a".into(), answer("[1]"));
        assert!(c.get(commit(3, 11), "/api/search?q=a").is_none());
        assert!(c.get(commit(2, 10), "/api/search?q=a").is_none());
    }

    #[test]
    fn evicts_the_least_recently_used_within_bounds() {
        let c = AnswerCache::new(2);
        c.put(commit(1, 1), "a".into(), answer("1"));
        c.put(commit(1, 1), "b".into(), answer("2"));
        assert!(c.get(commit(1, 1), "a").is_some());
        c.put(commit(1, 1), "c".into(), answer("3"));
        assert_eq!(c.len(), 2);
        assert!(
            c.get(commit(1, 1), "b").is_none(),
            "b was used least recently"
        );
        assert!(c.get(commit(1, 1), "a").is_some() && c.get(commit(1, 1), "c").is_some());
        // Replacing an entry keeps the byte count right.
        c.put(commit(1, 1), "a".into(), answer("1111"));
        assert_eq!(c.inner.lock().unwrap().bytes, "a1111".len() + "c3".len());

        let small = AnswerCache::with_bytes(100, 40);
        small.put(
            commit(1, 1),
            "k".into(),
            answer("this body is larger than ten"),
        );
        assert!(small.is_empty(), "over a quarter of the bound");
        for k in ["a", "b", "c", "d", "e"] {
            small.put(commit(1, 1), k.into(), answer("123456789"));
        }
        assert!(small.inner.lock().unwrap().bytes <= 40);
        assert!(small.get(commit(1, 1), "e").is_some());
    }

    #[test]
    fn zero_entries_keep_nothing() {
        let c = AnswerCache::new(0);
        c.put(commit(1, 1), "a".into(), answer("1"));
        assert!(c.get(commit(1, 1), "a").is_none());
        assert!(!c.enabled());
    }
}
