//! A small, fast hash for the word tables: FNV-1a over the key's bytes. The keys are short words
//! from data files and article text; the tables are read far more often than written.
//!
//! The tables that are only ever looked up, never walked, are [`WordMap`]s and [`WordSet`]s keyed
//! by bytes, with a hash that takes a word eight bytes at a time.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a, 64 bits.
#[derive(Clone, Copy, Debug)]
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0;
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// A map with the FNV hash.
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;
/// A set with the FNV hash.
pub type FastSet<K> = HashSet<K, BuildHasherDefault<Fnv>>;

/// A table of words only looked up, never iterated (its order would follow the hash), keyed by
/// the word's bytes: FxHash, eight bytes a step.
pub type WordMap<V> = HashMap<Box<[u8]>, V, rustc_hash::FxBuildHasher>;
/// A set of words only looked up, never iterated, as [`WordMap`].
pub type WordSet = HashSet<Box<[u8]>, rustc_hash::FxBuildHasher>;
