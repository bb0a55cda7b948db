//! English stemming with a memo: news vocabulary is Zipfian, so most tokens are words already
//! stemmed a moment ago. Gives the same terms as tantivy's `Stemmer` (same Snowball algorithm)
//! at a fraction of the cost.
//!
//! The memo is a direct-mapped table of 32-byte slots, each holding a word of up to
//! [`MAX_MEMO_WORD`] bytes and its stem as "keep the word's first `keep` bytes, then append a
//! tail of up to [`MAX_TAIL`] bytes" (Snowball's English stems are the word with its ending
//! replaced). A lookup reads one slot, where a hash map of strings reads its slot, the key's
//! bytes and the stem's, three cache misses when indexing threads share the caches with
//! extraction. A word whose slot holds another is stemmed again and takes the slot.

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Words longer than this (bytes) are stemmed without the memo.
const MAX_MEMO_WORD: usize = 24;
/// The longest ending a memo slot holds.
const MAX_TAIL: usize = 5;
/// log2 of the memo's slots at most (2 MB of them).
const MEMO_BITS: u32 = 16;
/// log2 of the memo's slots at first (32 KB): an analyzer that a query clones sees a few words,
/// and zeroing 2 MB for them would cost more than the query's search.
const FIRST_MEMO_BITS: u32 = 10;

/// A token filter stemming English words, remembering the stems it computed.
#[derive(Clone, Default)]
pub struct MemoStemmer;

impl TokenFilter for MemoStemmer {
    type Tokenizer<T: Tokenizer> = MemoStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> MemoStemmerFilter<T> {
        MemoStemmerFilter {
            inner: tokenizer,
            memo: Memo::default(),
        }
    }
}

/// The tokenizer [`MemoStemmer`] makes. Each clone has its own memo (one per indexing thread).
pub struct MemoStemmerFilter<T> {
    inner: T,
    memo: Memo,
}

impl<T: Clone> Clone for MemoStemmerFilter<T> {
    fn clone(&self) -> Self {
        MemoStemmerFilter {
            inner: self.inner.clone(),
            memo: Memo::default(),
        }
    }
}

impl<T: Tokenizer> Tokenizer for MemoStemmerFilter<T> {
    type TokenStream<'a> = MemoStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        MemoStemmerStream {
            tail: self.inner.token_stream(text),
            stemmer: None,
            memo: &mut self.memo,
        }
    }
}

/// The memo: slots of four words, `[key 0..8, key 8..16, key 16..24, meta]`, the key being the
/// word padded with zero bytes and `meta` holding, from its low byte up, the word's length (0 for
/// an empty slot), `keep`, the tail's length and the tail's bytes. It starts with
/// 2^[`FIRST_MEMO_BITS`] slots and, each time it has missed as many words as it has slots,
/// starts again four times as large, up to 2^[`MEMO_BITS`].
#[derive(Default)]
struct Memo {
    slots: Vec<[u64; 4]>,
    bits: u32,
    misses: usize,
}

impl Memo {
    /// The word's bytes in three little-endian words, zero-padded. Byte by byte: words are
    /// short, and a copy of a variable length would call memcpy.
    fn key(word: &[u8]) -> [u64; 3] {
        let mut key = [0u64; 3];
        for (i, b) in word.iter().take(MAX_MEMO_WORD).enumerate() {
            key[i / 8] |= (*b as u64) << (8 * (i % 8));
        }
        key
    }

    fn slot(key: &[u64; 3], len: usize, bits: u32) -> usize {
        let h = (key[0] ^ key[1].rotate_left(21) ^ key[2].rotate_left(42) ^ len as u64)
            .wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (h >> (64 - bits)) as usize
    }

    /// Stems `word` (of 1 to [`MAX_MEMO_WORD`] bytes) in place, from the memo when it holds it.
    fn stem(&mut self, word: &mut String, stemmer: &mut Option<frostem::Stemmer>) {
        if self.slots.is_empty() || (self.misses >= self.slots.len() && self.bits < MEMO_BITS) {
            self.bits = if self.slots.is_empty() {
                FIRST_MEMO_BITS
            } else {
                (self.bits + 2).min(MEMO_BITS)
            };
            self.slots = vec![[0u64; 4]; 1 << self.bits];
            self.misses = 0;
        }
        let key = Memo::key(word.as_bytes());
        let i = Memo::slot(&key, word.len(), self.bits);
        let Some(slot) = self.slots.get_mut(i) else {
            return;
        };
        let meta = slot[3].to_le_bytes();
        // Word by word: a slice comparison would call memcmp.
        if meta[0] as usize == word.len()
            && slot[0] == key[0]
            && slot[1] == key[1]
            && slot[2] == key[2]
        {
            let (keep, tail) = (meta[1] as usize, meta[2] as usize);
            word.truncate(keep);
            let tail = &meta[3..3 + tail.min(MAX_TAIL)];
            if tail.is_ascii() {
                for b in tail {
                    word.push(*b as char);
                }
            } else {
                word.push_str(std::str::from_utf8(tail).unwrap_or(""));
            }
            return;
        }
        self.misses += 1;
        let stem = english(stemmer).stem(word.as_str()).into_owned();
        let mut keep = word
            .bytes()
            .zip(stem.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        while !word.is_char_boundary(keep) || !stem.is_char_boundary(keep) {
            keep -= 1;
        }
        let tail = &stem.as_bytes()[keep..];
        if tail.len() <= MAX_TAIL {
            let mut meta = [0u8; 8];
            meta[0] = word.len() as u8;
            meta[1] = keep as u8;
            meta[2] = tail.len() as u8;
            meta[3..3 + tail.len()].copy_from_slice(tail);
            *slot = [key[0], key[1], key[2], u64::from_le_bytes(meta)];
        }
        *word = stem;
    }
}

/// The English stemmer in `slot`, made on first use.
fn english(slot: &mut Option<frostem::Stemmer>) -> &mut frostem::Stemmer {
    slot.get_or_insert_with(|| frostem::Stemmer::new(frostem::Algorithm::English))
}

/// The token stream of [`MemoStemmerFilter`].
pub struct MemoStemmerStream<'a, T> {
    tail: T,
    /// Made on the first word the memo does not hold.
    stemmer: Option<frostem::Stemmer>,
    memo: &'a mut Memo,
}

impl<T: TokenStream> TokenStream for MemoStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if token.text.is_empty() || token.text.len() > MAX_MEMO_WORD {
            token.text = english(&mut self.stemmer).stem(&token.text).into_owned();
            return true;
        }
        self.memo.stem(&mut token.text, &mut self.stemmer);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use tantivy::tokenizer::{Language, LowerCaser, SimpleTokenizer, Stemmer, TextAnalyzer};

    use super::*;

    fn terms(a: &mut TextAnalyzer, text: &str) -> Vec<String> {
        let mut s = a.token_stream(text);
        let mut out = Vec::new();
        while s.advance() {
            out.push(s.token().text.clone());
        }
        out
    }

    /// Ours and tantivy's, the same but for the stemmer.
    fn analyzers() -> (TextAnalyzer, TextAnalyzer) {
        let ours = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(MemoStemmer)
            .build();
        let theirs = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(Stemmer::new(Language::English))
            .build();
        (ours, theirs)
    }

    #[test]
    fn same_terms_as_tantivys_stemmer() {
        let text = "Sanctions sanctioned the sanctioning ministers; ministries running runs ran \
                    diplomatically diplomats' negotiations negotiating internationalization";
        let (mut ours, mut theirs) = analyzers();
        // Twice: the second pass is served from the memo.
        for _ in 0..2 {
            assert_eq!(terms(&mut ours, text), terms(&mut theirs, text));
        }
    }

    #[test]
    fn same_terms_as_tantivys_stemmer_over_the_bundled_corpus() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut text = String::from(
            "Ação naïve café façades Zürich’s überraschend \u{1F600}s internationalizations \
             unconstitutionalities counterrevolutionaries's",
        );
        for e in std::fs::read_dir(&dir).expect("corpus").flatten() {
            text.push_str(&std::fs::read_to_string(e.path()).unwrap_or_default());
        }
        // Every word again with the endings Snowball's steps rewrite, for many more words than
        // the memo has slots.
        let words: Vec<String> = text.split_whitespace().map(str::to_string).collect();
        for end in [
            "s", "es", "ed", "ing", "ly", "ness", "ational", "izer", "ization", "fulness",
            "iveness", "biliti", "alli", "entli", "ies", "y", "ement", "icate",
        ] {
            for w in &words {
                text.push(' ');
                text.push_str(w.trim_matches(|c: char| !c.is_alphanumeric()));
                text.push_str(end);
            }
        }
        let (mut ours, mut theirs) = analyzers();
        let expected = terms(&mut theirs, &text);
        assert!(expected.len() > 50_000, "{}", expected.len());
        for _ in 0..2 {
            assert_eq!(terms(&mut ours, &text), expected);
        }
    }
}
