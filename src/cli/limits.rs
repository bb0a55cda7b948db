//! Bounds on the numbers a user gives (`--limit`, `--snippet-chars`, `--context`...): each is
//! checked when the flags are read, so that nothing is allocated in proportion to a number typed,
//! and a number out of range is an error that says the range.

pub use whosaid::index::search::MAX_LIMIT;

/// The longest snippet, in characters.
pub const MAX_SNIPPET_CHARS: usize = 10_000;

/// The most sentences of context `--context` shows on each side.
pub const MAX_CONTEXT: usize = 50;

/// Reads a number between `min` and `max`, or says the range.
pub fn bounded(s: &str, min: usize, max: usize) -> Result<usize, String> {
    let n: usize = s
        .trim()
        .parse()
        .map_err(|_| format!("'{s}' is not a whole number ({min} to {max})"))?;
    if n < min || n > max {
        return Err(format!("{n} is out of range: use {min} to {max}"));
    }
    Ok(n)
}

/// `--limit`: 1 to [`MAX_LIMIT`].
pub fn limit(s: &str) -> Result<usize, String> {
    bounded(s, 1, MAX_LIMIT)
}

/// `--snippet-chars`: 20 to [`MAX_SNIPPET_CHARS`].
pub fn snippet_chars(s: &str) -> Result<usize, String> {
    bounded(s, 20, MAX_SNIPPET_CHARS)
}

/// `--context`: 0 to [`MAX_CONTEXT`] sentences.
pub fn context(s: &str) -> Result<usize, String> {
    bounded(s, 0, MAX_CONTEXT)
}

/// The words of a query given as several arguments (`whosaid search Iraq war`), as one query.
pub fn joined(words: &[String]) -> String {
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_out_of_range_say_the_range() {
        assert_eq!(limit("10"), Ok(10));
        assert!(limit("0").unwrap_err().contains("1 to 10000"));
        assert!(limit("99999999999").unwrap_err().contains("out of range"));
        assert!(limit("99999999999999999999999")
            .unwrap_err()
            .contains("not a whole number"));
        assert!(limit("-1").is_err());
        assert_eq!(context("0"), Ok(0));
    }
}
