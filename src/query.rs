//! The query language: what a person types, parsed into a tree of words, phrases, fields and
//! operators. Pure string processing; [`crate::index::query`] turns the tree into an index query.
//!
//! The language is forgiving, because queries are typed from headlines and memory:
//!
//! - words are all required (`Iraq war`); `OR`, `AND` and `NOT` (upper case) combine them,
//!   parentheses group, `-word` excludes, `+word` is a plain word;
//! - a word keeps every character a name or phrase holds: `O'Neill`, `don't`, `Ocasio-Cortez`,
//!   `9/11`, `U.S.`, `AT&T` (the analyzer makes a phrase of a word it cuts in several terms);
//! - `"a phrase"` and `“a phrase”`; a quote left open runs to the end of the query;
//! - `field:value` for the fields of [`FIELDS`] only, `value` a word, a phrase or (for the text
//!   fields) a group; an unknown field is an error that lists the known ones. A colon anywhere
//!   else is part of the word (`Ukraine: war`, `3:16`);
//! - parentheses and operators that match nothing (`(a`, `a)`, `a AND`) are passed over.

use std::fmt;

/// A field a query may name, as `name:value`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QueryField {
    /// The statement or passage text alone.
    Text,
    /// The article's headline.
    Title,
    /// The live-blog entry headline.
    Entry,
    /// The speaker's role as written.
    Role,
    /// The speaker (as `--speaker`).
    Speaker,
    /// The speaker's country (as `--country`).
    Country,
    /// A topic (as `--topic`).
    Topic,
    /// The outlet (as `--source`).
    Source,
}

/// Every field a query may name, with its name.
pub const FIELDS: &[(&str, QueryField)] = &[
    ("text", QueryField::Text),
    ("title", QueryField::Title),
    ("entry", QueryField::Entry),
    ("role", QueryField::Role),
    ("speaker", QueryField::Speaker),
    ("country", QueryField::Country),
    ("topic", QueryField::Topic),
    ("source", QueryField::Source),
];

impl QueryField {
    /// Returns true if and only if the field holds words (searched with the analyzer), not a
    /// facet value.
    pub fn is_text(self) -> bool {
        matches!(
            self,
            QueryField::Text | QueryField::Title | QueryField::Entry | QueryField::Role
        )
    }

    /// The field's name in queries.
    pub fn name(self) -> &'static str {
        FIELDS
            .iter()
            .find(|(_, f)| *f == self)
            .map_or("text", |(n, _)| n)
    }
}

/// A parsed query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Node {
    /// Everything (`*` or an empty query).
    All,
    /// One word as typed, in a field (`None`: the default fields).
    Word(Option<QueryField>, String),
    /// A quoted phrase.
    Phrase(Option<QueryField>, String),
    /// All of these.
    And(Vec<Node>),
    /// Any of these.
    Or(Vec<Node>),
    /// Not this.
    Not(Box<Node>),
}

/// Why a query cannot be parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QueryError {
    /// `name:` names no field of [`FIELDS`].
    UnknownField(String),
    /// A facet field followed by a group: `speaker:(a OR b)`.
    FieldGroup(QueryField),
    /// Parentheses nested deeper than [`MAX_DEPTH`].
    TooDeep(usize),
}

/// How deep parentheses may nest (the parser recurses once per level).
pub const MAX_DEPTH: usize = 32;

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QueryError::UnknownField(name) => {
                let names: Vec<&str> = FIELDS.iter().map(|(n, _)| *n).collect();
                write!(
                    f,
                    "no field '{name}:' (fields: {}; dates go in --since/--until; to search \
                     the words, quote them: \"{name}: ...\")",
                    names.join(", ")
                )
            }
            QueryError::FieldGroup(field) => write!(
                f,
                "{}: takes one value, a word or a \"quoted phrase\", not a group",
                field.name()
            ),
            QueryError::TooDeep(n) => {
                write!(f, "parentheses nested {n} deep (at most {MAX_DEPTH})")
            }
        }
    }
}

impl std::error::Error for QueryError {}

/// One token of a query.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Token {
    Open,
    Close,
    And,
    Or,
    Not,
    /// A `-` glued to what follows.
    Minus,
    /// `name:` glued to what follows.
    Field(String),
    Word(String),
    Phrase(String),
}

/// Maps typographic quote marks to `"` and control characters to spaces.
fn normalize(q: &str) -> String {
    q.chars()
        .map(|c| match c {
            '“' | '”' | '„' | '‟' | '«' | '»' | '″' => '"',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect()
}

/// Returns true if and only if `c` ends a word.
fn breaks_word(c: char) -> bool {
    c.is_whitespace() || matches!(c, '"' | '(' | ')')
}

/// The length of a `name:` field prefix at the start of `s` (name of ASCII lower-case letters and
/// `_`, then a colon and something glued to it other than `/`, which makes an address), or 0.
fn field_prefix(s: &str) -> usize {
    let name_len = s
        .bytes()
        .take_while(|b| b.is_ascii_lowercase() || *b == b'_')
        .count();
    let rest = &s[name_len..];
    match rest.strip_prefix(':') {
        Some(after)
            if name_len > 0
                && after
                    .chars()
                    .next()
                    .is_some_and(|c| !c.is_whitespace() && c != '/') =>
        {
            name_len + 1
        }
        _ => 0,
    }
}

fn tokenize(q: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut rest = q;
    loop {
        rest = rest.trim_start();
        let Some(c) = rest.chars().next() else {
            return out;
        };
        match c {
            '(' => {
                out.push(Token::Open);
                rest = &rest[1..];
            }
            ')' => {
                out.push(Token::Close);
                rest = &rest[1..];
            }
            '"' => {
                let body = &rest[1..];
                let end = body.find('"').unwrap_or(body.len());
                out.push(Token::Phrase(body[..end].to_string()));
                rest = body.get(end + 1..).unwrap_or("");
            }
            '-' if rest[1..].starts_with(|c: char| !breaks_word(c) && c != '-') => {
                out.push(Token::Minus);
                rest = &rest[1..];
            }
            '+' if rest[1..].starts_with(|c: char| !breaks_word(c)) => rest = &rest[1..],
            _ => {
                let n = field_prefix(rest);
                if n > 0 {
                    out.push(Token::Field(rest[..n - 1].to_string()));
                    rest = &rest[n..];
                    continue;
                }
                let end = rest.find(breaks_word).unwrap_or(rest.len());
                let word = &rest[..end];
                out.push(match word {
                    "AND" | "&&" => Token::And,
                    "OR" | "||" => Token::Or,
                    "NOT" => Token::Not,
                    w => Token::Word(w.to_string()),
                });
                rest = &rest[end..];
            }
        }
    }
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
    depth: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn next(&mut self) -> Option<Token> {
        let t = self.tokens.get(self.pos).cloned();
        self.pos += 1;
        t
    }

    /// `and ("OR" and)*`
    fn or(&mut self, field: Option<QueryField>) -> Result<Node, QueryError> {
        let mut any = vec![self.and(field)?];
        while self.peek() == Some(&Token::Or) {
            self.pos += 1;
            any.push(self.and(field)?);
        }
        Ok(simplify(Node::Or(any)))
    }

    /// `unary+`, with `AND` allowed between.
    fn and(&mut self, field: Option<QueryField>) -> Result<Node, QueryError> {
        let mut all = Vec::new();
        while let Some(t) = self.peek() {
            match t {
                Token::Or if !all.is_empty() => break,
                Token::Close if self.depth > 0 => break,
                Token::And | Token::Or | Token::Close => self.pos += 1,
                _ => all.push(self.unary(field)?),
            }
        }
        Ok(simplify(Node::And(all)))
    }

    fn unary(&mut self, field: Option<QueryField>) -> Result<Node, QueryError> {
        match self.peek() {
            Some(Token::Not | Token::Minus) => {
                self.pos += 1;
                if self.peek().is_none() {
                    return Ok(Node::And(vec![]));
                }
                Ok(Node::Not(Box::new(self.unary(field)?)))
            }
            _ => self.primary(field),
        }
    }

    fn primary(&mut self, field: Option<QueryField>) -> Result<Node, QueryError> {
        match self.next() {
            Some(Token::Open) => self.group(field),
            Some(Token::Phrase(p)) => Ok(Node::Phrase(field, p)),
            Some(Token::Word(w)) => Ok(Node::Word(field, w)),
            Some(Token::Field(name)) => {
                let f = FIELDS
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, f)| *f)
                    .ok_or(QueryError::UnknownField(name))?;
                match self.peek() {
                    Some(Token::Open) if !f.is_text() => Err(QueryError::FieldGroup(f)),
                    Some(Token::Field(_) | Token::Not | Token::Minus) => Ok(Node::And(vec![])),
                    _ => self.primary(Some(f)),
                }
            }
            // Operators where a word is expected are passed over.
            _ => Ok(Node::And(vec![])),
        }
    }

    fn group(&mut self, field: Option<QueryField>) -> Result<Node, QueryError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(QueryError::TooDeep(self.max_depth()));
        }
        let inner = self.or(field)?;
        if self.peek() == Some(&Token::Close) {
            self.pos += 1;
        }
        self.depth -= 1;
        Ok(inner)
    }

    /// The deepest nesting of the whole query, for the message.
    fn max_depth(&self) -> usize {
        let (mut d, mut max) = (0usize, 0usize);
        for t in &self.tokens {
            match t {
                Token::Open => {
                    d += 1;
                    max = max.max(d);
                }
                Token::Close => d = d.saturating_sub(1),
                _ => {}
            }
        }
        max
    }
}

/// Flattens one-child groups and drops empty ones.
fn simplify(n: Node) -> Node {
    match n {
        Node::And(v) | Node::Or(v) if v.len() == 1 => v.into_iter().next().unwrap_or(Node::All),
        Node::And(v) => Node::And(v.into_iter().filter(|x| !is_empty(x)).collect()),
        Node::Or(v) => {
            let v: Vec<Node> = v.into_iter().filter(|x| !is_empty(x)).collect();
            if v.len() == 1 {
                v.into_iter().next().unwrap_or(Node::All)
            } else {
                Node::Or(v)
            }
        }
        other => other,
    }
}

/// Returns true if and only if `n` is an empty group (matches nothing was asked).
pub fn is_empty(n: &Node) -> bool {
    match n {
        Node::And(v) | Node::Or(v) => v.iter().all(is_empty),
        _ => false,
    }
}

/// Parses a query. An empty query, or one of `*` alone, is [`Node::All`].
///
/// ```
/// use whosaid::query::{parse, Node, QueryField};
/// assert_eq!(parse("O'Neill").unwrap(), Node::Word(None, "O'Neill".into()));
/// assert_eq!(
///     parse("Iraq war").unwrap(),
///     Node::And(vec![Node::Word(None, "Iraq".into()), Node::Word(None, "war".into())])
/// );
/// assert_eq!(
///     parse("speaker:Putin").unwrap(),
///     Node::Word(Some(QueryField::Speaker), "Putin".into())
/// );
/// assert!(parse("nosuchfield:x").is_err());
/// ```
pub fn parse(query: &str) -> Result<Node, QueryError> {
    let q = normalize(query);
    if q.trim().is_empty() || q.trim() == "*" {
        return Ok(Node::All);
    }
    let mut p = Parser {
        tokens: tokenize(&q),
        pos: 0,
        depth: 0,
    };
    let mut parts = vec![p.or(None)?];
    // Closing parentheses with no opening one stop a level early: go on after them.
    while p.pos < p.tokens.len() {
        p.pos += 1;
        parts.push(p.or(None)?);
    }
    Ok(simplify(Node::And(parts)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Node {
        Node::Word(None, s.into())
    }

    #[test]
    fn words_keep_what_names_hold() {
        for q in [
            "don't",
            "O'Neill",
            "Ocasio-Cortez",
            "9/11",
            "U.S.",
            "AT&T",
            "C++",
            "3:16",
        ] {
            assert_eq!(parse(q).unwrap(), w(q), "{q}");
        }
        assert_eq!(
            parse("Trump's wall").unwrap(),
            Node::And(vec![w("Trump's"), w("wall")])
        );
        assert_eq!(
            parse("Ukraine: war").unwrap(),
            Node::And(vec![w("Ukraine:"), w("war")])
        );
    }

    #[test]
    fn operators_groups_and_negation() {
        assert_eq!(
            parse("a OR b c").unwrap(),
            Node::Or(vec![w("a"), Node::And(vec![w("b"), w("c")])])
        );
        assert_eq!(
            parse("(a OR b) -c").unwrap(),
            Node::And(vec![
                Node::Or(vec![w("a"), w("b")]),
                Node::Not(Box::new(w("c")))
            ])
        );
        assert_eq!(parse("NOT a").unwrap(), Node::Not(Box::new(w("a"))));
        assert_eq!(
            parse("a - b").unwrap(),
            Node::And(vec![w("a"), w("-"), w("b")])
        );
    }

    #[test]
    fn unbalanced_input_is_forgiven() {
        assert_eq!(parse("(a").unwrap(), w("a"));
        assert_eq!(parse("a)").unwrap(), w("a"));
        assert_eq!(parse("a AND").unwrap(), w("a"));
        assert_eq!(parse("OR a").unwrap(), w("a"));
        assert_eq!(
            parse("\"hell to").unwrap(),
            Node::Phrase(None, "hell to".into())
        );
        assert_eq!(
            parse("“hell to pay”").unwrap(),
            Node::Phrase(None, "hell to pay".into())
        );
        assert!(is_empty(&parse("AND OR NOT").unwrap()));
        assert_eq!(parse(" * ").unwrap(), Node::All);
    }

    #[test]
    fn fields_are_known_or_refused_with_the_list() {
        assert_eq!(
            parse("title:\"border wall\"").unwrap(),
            Node::Phrase(Some(QueryField::Title), "border wall".into())
        );
        assert_eq!(
            parse("title:(a OR b)").unwrap(),
            Node::Or(vec![
                Node::Word(Some(QueryField::Title), "a".into()),
                Node::Word(Some(QueryField::Title), "b".into())
            ])
        );
        let e = parse("date:2022").unwrap_err().to_string();
        assert!(
            e.contains("no field 'date:'") && e.contains("speaker"),
            "{e}"
        );
        assert!(parse("speaker:(a OR b)").is_err());
        // Not field syntax: capitals, digits, nothing after the colon.
        assert_eq!(parse("Ukraine:war").unwrap(), w("Ukraine:war"));
        assert_eq!(parse("title:").unwrap(), w("title:"));
    }

    #[test]
    fn deep_nesting_is_refused() {
        assert!(parse(&format!("{}a", "(".repeat(MAX_DEPTH))).is_ok());
        let e = parse(&"(".repeat(1000)).unwrap_err();
        assert_eq!(e, QueryError::TooDeep(1000));
    }
}
