//! A user's corrections to speaker identities: names the rules keep apart that are one speaker,
//! and names they merge that must stay apart.
//!
//! The file is tab-separated text, `#` starting a comment line:
//!
//! Columns are separated by a tab (written `<TAB>` here):
//!
//! ```text
//! # the name to show, then the other names the same speaker goes by
//! Charles E. Schumer<TAB>Chuck Schumer<TAB>Sen. Schumer
//! # "!" keeps a name apart: it is never merged with another spelling or taken for a surname
//! !George Bush
//! ```
//!
//! The speaker registry (`index::speakers`) compares the names of a merge line by their identity
//! key: case, accents, dots, hyphens, a middle initial and a nickname for the first name do not
//! matter. A name kept apart is compared exactly ([`name_key`]): `!George Bush` keeps "George
//! Bush" away from "George W. Bush", which is still itself.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::names::name_key;

/// The file name under which an index keeps the aliases it was given, so later runs apply them
/// too.
pub const FILE_NAME: &str = "aliases.tsv";

/// A user's merges and splits of speaker names, as the file writes them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Aliases {
    /// Merge lines: the name to show first, then the other names of the same speaker.
    pub merges: Vec<Vec<String>>,
    /// Names kept apart.
    pub apart: Vec<String>,
    /// The file's text, to keep a copy beside the index.
    text: String,
}

/// An aliases file that could not be used.
#[derive(Debug, thiserror::Error)]
pub enum AliasesError {
    /// A line that is not in the format.
    #[error("{origin}:{line}: {message}")]
    Parse {
        /// The file.
        origin: String,
        /// 1-based line number.
        line: usize,
        /// What was wrong, and what would have been valid.
        message: String,
    },
    /// The file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
}

/// What a line of the file says.
enum Line {
    Merge(Vec<String>),
    Apart(String),
}

fn parse_line(line: &str) -> Result<Line, String> {
    if let Some(rest) = line.strip_prefix('!') {
        let name = rest.trim();
        if name.is_empty() || name.contains('\t') {
            return Err(format!(
                "'!' keeps one name apart: write '!NAME' alone on its line, not {line:?}"
            ));
        }
        return Ok(Line::Apart(name.to_string()));
    }
    let names: Vec<String> = line
        .split('\t')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .collect();
    if names.len() < 2 {
        return Err(format!(
            "a line names one speaker by two names or more, separated by tabs \
             ('Charles E. Schumer<TAB>Chuck Schumer'), or keeps one apart ('!George Bush'); found {line:?}"
        ));
    }
    if let Some(bad) = names.iter().find(|n| name_key(n).is_empty()) {
        return Err(format!("{bad:?} is not a name"));
    }
    Ok(Line::Merge(names))
}

impl Aliases {
    /// Reads an aliases file.
    pub fn load(path: &Path) -> Result<Aliases, AliasesError> {
        let text = std::fs::read_to_string(path).map_err(|e| AliasesError::Io {
            path: path.display().to_string(),
            source: e,
        })?;
        Aliases::parse(&text, &path.display().to_string())
    }

    /// Parses the text of an aliases file; `origin` names it in errors. A name on two lines
    /// (compared by [`name_key`]) is an error, naming both.
    ///
    /// ```
    /// use whosaid::aliases::Aliases;
    /// let a = Aliases::parse("Charles E. Schumer\tChuck Schumer\n!George Bush\n", "mine.tsv").unwrap();
    /// assert_eq!(a.merges, [["Charles E. Schumer", "Chuck Schumer"]]);
    /// assert_eq!(a.apart, ["George Bush"]);
    /// let e = Aliases::parse("Chuck Schumer\n", "mine.tsv").unwrap_err();
    /// assert!(e.to_string().starts_with("mine.tsv:1: "));
    /// ```
    pub fn parse(text: &str, origin: &str) -> Result<Aliases, AliasesError> {
        let mut aliases = Aliases {
            text: text.to_string(),
            ..Aliases::default()
        };
        // Name key to the line that named it first.
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (i, line) in text.lines().enumerate() {
            let line_no = i + 1;
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let error = |message: String| AliasesError::Parse {
                origin: origin.to_string(),
                line: line_no,
                message,
            };
            let parsed = parse_line(line).map_err(error)?;
            let names = match &parsed {
                Line::Apart(name) => std::slice::from_ref(name),
                Line::Merge(names) => &names[..],
            };
            let mut keys = HashSet::new();
            for name in names {
                let key = name_key(name);
                if let Some(first) = seen.get(&key).filter(|_| !keys.contains(&key)) {
                    return Err(error(format!(
                        "{name:?} is already on line {first}: a name belongs to one line"
                    )));
                }
                seen.insert(key.clone(), line_no);
                keys.insert(key);
            }
            match parsed {
                Line::Apart(name) => aliases.apart.push(name),
                Line::Merge(names) => aliases.merges.push(
                    names
                        .iter()
                        .map(|n| n.split_whitespace().collect::<Vec<_>>().join(" "))
                        .collect(),
                ),
            }
        }
        Ok(aliases)
    }

    /// True when the file says nothing.
    pub fn is_empty(&self) -> bool {
        self.merges.is_empty() && self.apart.is_empty()
    }

    /// Keeps a copy of the file in the index directory `dir` ([`FILE_NAME`]), written atomically.
    pub fn save(&self, dir: &Path) -> Result<(), AliasesError> {
        let path = dir.join(FILE_NAME);
        let tmp = dir.join(format!("{FILE_NAME}.{}.tmp", std::process::id()));
        let io = |p: &Path| {
            let path = p.display().to_string();
            move |source| AliasesError::Io { path, source }
        };
        std::fs::write(&tmp, &self.text).map_err(io(&tmp))?;
        std::fs::rename(&tmp, &path).map_err(io(&path))
    }

    /// The aliases an index directory keeps, if it keeps any.
    pub fn saved(dir: &Path) -> Result<Option<Aliases>, AliasesError> {
        let path = dir.join(FILE_NAME);
        if !path.is_file() {
            return Ok(None);
        }
        Aliases::load(&path).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_merges_and_names_kept_apart() {
        let a = Aliases::parse(
            "# comment\n\nHillary Rodham  Clinton\tHillary Clinton\t HRC \n  \n!Bush\n",
            "t",
        )
        .unwrap();
        assert_eq!(
            a.merges,
            [["Hillary Rodham Clinton", "Hillary Clinton", "HRC"]]
        );
        assert_eq!(a.apart, ["Bush"]);
        assert!(!a.is_empty());
        assert!(Aliases::parse("# nothing\n", "t").unwrap().is_empty());
    }

    #[test]
    fn bad_lines_name_the_line() {
        for (text, line, says) in [
            ("A B\tC D\n\nOnly One\n", 3, "two names or more"),
            ("A B\tC D\nE F\tC D\n", 2, "already on line 1"),
            ("!A B\tC D\n", 1, "alone on its line"),
            ("!\n", 1, "alone on its line"),
            ("A B\t...\n", 1, "not a name"),
        ] {
            let e = Aliases::parse(text, "mine.tsv").unwrap_err().to_string();
            assert!(e.starts_with(&format!("mine.tsv:{line}: ")), "{e}");
            assert!(e.contains(says), "{e}");
        }
    }
}
