//! Small pieces of the page: the address of a page state (every state is a URL a user can
//! bookmark and share), and text with marked byte ranges. Text always goes through maud, which
//! escapes it.

use maud::{html, Markup};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use super::params::Params;

/// What a path segment keeps as it is: letters, digits and `-._~`.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// `text` as one path segment (`Sergey Lavrov` → `Sergey%20Lavrov`).
pub fn segment(text: &str) -> String {
    utf8_percent_encode(text, SEGMENT).to_string()
}

/// The address of a speaker's page.
pub fn speaker_href(name: &str) -> String {
    format!("/speaker/{}", segment(name))
}

/// An address: a path and its parameters, in a fixed order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    path: String,
    pairs: Vec<(&'static str, String)>,
}

impl Link {
    /// `path` with the parameters of `p` named in `keys` (in that order; empty ones left out).
    pub fn from_params(path: &str, p: &Params, keys: &[&'static str]) -> Link {
        Link {
            path: path.to_string(),
            pairs: keys
                .iter()
                .filter_map(|k| p.get(k).map(|v| (*k, v.to_string())))
                .collect(),
        }
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.as_str())
    }

    /// This address with `key` set to `value` (and back to the first page of results).
    pub fn set(&self, key: &'static str, value: &str) -> Link {
        let mut l = self.unset(key);
        l.pairs.retain(|(k, _)| *k != "offset");
        l.pairs.push((key, value.to_string()));
        l
    }

    /// This address without `key` (and back to the first page of results).
    pub fn unset(&self, key: &str) -> Link {
        let mut l = self.clone();
        l.pairs.retain(|(k, _)| *k != key && *k != "offset");
        l
    }

    /// This address at result `offset`.
    pub fn at(&self, offset: usize) -> Link {
        let mut l = self.unset("offset");
        if offset > 0 {
            l.pairs.push(("offset", offset.to_string()));
        }
        l
    }

    /// The address, `path?k=v&...`.
    pub fn href(&self) -> String {
        if self.pairs.is_empty() {
            return self.path.clone();
        }
        let mut s = form_urlencoded::Serializer::new(String::new());
        for (k, v) in &self.pairs {
            s.append_pair(k, v);
        }
        format!("{}?{}", self.path, s.finish())
    }
}

/// `text` with the byte ranges `marks` in `<mark>`; ranges out of order or not on character
/// boundaries are left unmarked.
pub fn marked(text: &str, marks: &[[usize; 2]]) -> Markup {
    let mut pieces: Vec<(&str, bool)> = Vec::new();
    let mut pos = 0;
    for &[a, b] in marks {
        if a < pos
            || b > text.len()
            || a > b
            || !text.is_char_boundary(a)
            || !text.is_char_boundary(b)
        {
            continue;
        }
        pieces.push((&text[pos..a], false));
        pieces.push((&text[a..b], true));
        pos = b;
    }
    pieces.push((&text[pos..], false));
    html! {
        @for (piece, mark) in pieces {
            @if mark { mark { (piece) } } @else { (piece) }
        }
    }
}

/// A number with thousands separated (`12,345`).
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `n word` or `n words`.
pub fn plural(n: u64, word: &str) -> String {
    format!("{} {word}{}", thousands(n), if n == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marked_text_is_escaped_and_marked() {
        let t = "<script>alert(1)</script> said Smith";
        let m = marked(t, &[[26, 30]]).into_string();
        assert_eq!(
            m,
            "&lt;script&gt;alert(1)&lt;/script&gt; <mark>said</mark> Smith"
        );
        // Ranges that do not fit are ignored, not a panic.
        let m = marked("héllo", &[[2, 3], [0, 99]]).into_string();
        assert_eq!(m, "héllo");
    }

    #[test]
    fn links_keep_their_order_and_reset_the_page() {
        let p = Params::parse(Some("q=Iraq+war&offset=20&country=United+States"));
        let l = Link::from_params("/", &p, &["q", "speaker", "country", "offset"]);
        assert_eq!(l.href(), "/?q=Iraq+war&country=United+States&offset=20");
        assert_eq!(
            l.set("speaker", "O'Neill & co").href(),
            "/?q=Iraq+war&country=United+States&speaker=O%27Neill+%26+co"
        );
        assert_eq!(l.unset("country").href(), "/?q=Iraq+war");
        assert_eq!(
            speaker_href("Sergey Lavrov/x"),
            "/speaker/Sergey%20Lavrov%2Fx"
        );
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(plural(1, "statement"), "1 statement");
    }
}
