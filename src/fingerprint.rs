//! Fingerprints of quoted words: the same quote, whatever its punctuation, quote marks or case,
//! gets the same fingerprint, so that statements repeated across articles (wire copy, follow-ups)
//! can be clustered, and a half-remembered quote can be compared word by word.
//!
//! Pure text functions; nothing here knows of the index.

/// The words of `text` for comparison: runs of letters and digits, lowercased, with English
/// contractions spelled out (`don’t` = `do not`, `there'll` = `there will`) and ellipses and
/// punctuation ignored.
///
/// ```
/// use whosaid::fingerprint::words;
/// assert_eq!(words("“We don’t want a war…” he said."), ["we", "do", "not", "want", "a", "war", "he", "said"]);
/// assert_eq!(words("We do not want a war"), words("We don't want a war"));
/// ```
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    each_word(text, &mut |w| out.push(w.to_string()));
    out
}

/// Calls `f` with each word of `text` as [`words`] gives them, without allocating per word.
fn each_word(text: &str, f: &mut dyn FnMut(&str)) {
    let mut cur = String::new();
    let mut scratch = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_alphanumeric() {
            if c.is_ascii() {
                cur.push(c.to_ascii_lowercase());
            } else {
                cur.extend(c.to_lowercase());
            }
        } else if matches!(c, '\'' | '’' | '‘')
            && !cur.is_empty()
            && chars.peek().is_some_and(|n| n.is_alphanumeric())
        {
            cur.push('\'');
        } else if !cur.is_empty() {
            emit_word(&cur, &mut scratch, f);
            cur.clear();
        }
    }
    if !cur.is_empty() {
        emit_word(&cur, &mut scratch, f);
    }
}

/// Emits a word, spelling out a contraction (`can't`, `they're`, `it's`).
fn emit_word(w: &str, scratch: &mut String, f: &mut dyn FnMut(&str)) {
    let Some((head, tail)) = w.split_once('\'') else {
        f(w);
        return;
    };
    if tail == "t" && head.ends_with('n') {
        let stem = &head[..head.len() - 1];
        let stem = match stem {
            "wo" => "will",
            "ca" => "can",
            "sha" => "shall",
            "ai" => "is",
            s => s,
        };
        if !stem.is_empty() {
            f(stem);
        }
        f("not");
        return;
    }
    let full = match tail {
        "ll" => "will",
        "re" => "are",
        "ve" => "have",
        "m" => "am",
        "d" => "would",
        "s" => "is",
        _ => {
            scratch.clear();
            scratch.extend(w.chars().filter(|c| *c != '\''));
            f(scratch);
            return;
        }
    };
    if !head.is_empty() {
        f(head);
    }
    f(full);
}

/// Quotes shorter than this many words are not clustered: two or three words ("fake news") are
/// said by too many people to tell who repeated whom.
pub const MIN_CLUSTER_WORDS: usize = 5;

/// The fingerprint of a statement's words, or `None` when it is too short to cluster.
///
/// ```
/// use whosaid::fingerprint::fingerprint;
/// assert_eq!(
///     fingerprint("We don't want a war, not at all."),
///     fingerprint("“We don’t want a war – not at all”")
/// );
/// assert_eq!(fingerprint("fake news"), None);
/// ```
pub fn fingerprint(text: &str) -> Option<u64> {
    let mut n = 0;
    let mut h: u64 = 0xcbf29ce484222325;
    each_word(text, &mut |word| {
        n += 1;
        for b in word.as_bytes().iter().chain(std::iter::once(&b' ')) {
            h ^= *b as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
    });
    (n >= MIN_CLUSTER_WORDS).then_some(h)
}

/// How much of `quote` appears in `text`, in order: the longest common subsequence of their words
/// over the quote's word count, in `0.0..=1.0`. Tolerates small wording changes and ellipses.
///
/// ```
/// use whosaid::fingerprint::{coverage, words};
/// let said = words("Decoupling all payment transactions would perhaps be the biggest stick");
/// assert_eq!(coverage(&words("decoupling all payment transactions ... the biggest stick"), &said), 1.0);
/// assert!(coverage(&words("decoupling payments would be the biggest stick"), &said) > 0.6);
/// ```
pub fn coverage(quote: &[String], text: &[String]) -> f32 {
    if quote.is_empty() {
        return 0.0;
    }
    // Bounded: long passages are cut so the table stays small.
    let text = &text[..text.len().min(4096)];
    let quote = &quote[..quote.len().min(512)];
    let mut prev = vec![0u16; text.len() + 1];
    let mut cur = vec![0u16; text.len() + 1];
    for q in quote {
        for (j, t) in text.iter().enumerate() {
            cur[j + 1] = if q == t {
                prev[j] + 1
            } else {
                cur[j].max(prev[j + 1])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[text.len()] as f32 / quote.len() as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fingerprints are stored in indexes: the same words must keep the same value (FNV-1a over
    /// the words, each followed by a space).
    #[test]
    fn fingerprints_are_stable() {
        assert_eq!(
            fingerprint("We don't want a war, not at all."),
            Some(0xa8b8e26f5788b301)
        );
        assert_eq!(
            words("They're sure it's Zełenski’s, isn't it? Rock'n'roll"),
            [
                "they",
                "are",
                "sure",
                "it",
                "is",
                "zełenski",
                "is",
                "is",
                "not",
                "it",
                "rocknroll"
            ]
        );
    }
}
