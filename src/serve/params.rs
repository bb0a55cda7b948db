//! Query-string parameters: read, checked against their bounds, and turned into the library's
//! filters and requests. Anything out of bounds is a [`BadRequest`] naming the parameter, so that
//! a user's typing gives a 400 with a reason, never a 500.

use crate::index::types::{Choice, Filters, KindFilter};

/// The longest query, quote or name accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 1_000;

/// The most hits, rows or sources one API call returns.
pub const MAX_API_LIMIT: usize = 100;

/// The deepest a client may page into a ranking.
pub const MAX_OFFSET: usize = 1_000;

/// The most values a facet count returns.
pub const MAX_FACET_VALUES: usize = 1_000;

/// The longest snippet, in characters.
pub const MAX_SNIPPET_CHARS: usize = 1_000;

/// A parameter that cannot be used, with why.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct BadRequest(pub String);

/// The parameters of one request, in the order given.
#[derive(Clone, Debug, Default)]
pub struct Params {
    pairs: Vec<(String, String)>,
}

/// The filter parameters every query endpoint takes.
pub const FILTERS: &[&str] = &[
    "speaker",
    "country",
    "topic",
    "kind",
    "source",
    "since",
    "until",
    "named_only",
];

impl Params {
    /// Reads a raw query string (`a=1&b=x+y`).
    pub fn parse(raw: Option<&str>) -> Params {
        let pairs = raw
            .map(|r| {
                form_urlencoded::parse(r.as_bytes())
                    .map(|(k, v)| (k.into_owned(), v.into_owned()))
                    .collect()
            })
            .unwrap_or_default();
        Params { pairs }
    }

    /// These parameters, with `name` set to `value` when it is absent or empty.
    pub fn with_default(&self, name: &str, value: &str) -> Params {
        let mut p = self.clone();
        if p.get(name).is_none() {
            p.pairs.push((name.to_string(), value.to_string()));
        }
        p
    }

    /// Refuses a parameter that is none of `known` or of [`FILTERS`] (when `filters`), naming
    /// those that are.
    pub fn only(&self, known: &[&str], filters: bool) -> Result<(), BadRequest> {
        let allowed = |k: &str| known.contains(&k) || (filters && FILTERS.contains(&k));
        match self.pairs.iter().find(|(k, _)| !allowed(k)) {
            None => Ok(()),
            Some((k, _)) => {
                let mut names: Vec<&str> = known.to_vec();
                if filters {
                    names.extend_from_slice(FILTERS);
                }
                Err(BadRequest(format!(
                    "unknown parameter '{}' (parameters: {})",
                    clip(k),
                    names.join(", ")
                )))
            }
        }
    }

    /// The value of `name` (the last one given), trimmed; `None` when absent or empty (as a
    /// form sends an empty field).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }

    /// A text parameter of at most [`MAX_QUERY_CHARS`] characters.
    pub fn text(&self, name: &str) -> Result<Option<String>, BadRequest> {
        match self.get(name) {
            None => Ok(None),
            Some(v) if v.chars().count() > MAX_QUERY_CHARS => Err(BadRequest(format!(
                "{name} is {} characters long: at most {MAX_QUERY_CHARS}",
                v.chars().count()
            ))),
            Some(v) => Ok(Some(v.to_string())),
        }
    }

    /// A text parameter that must be given.
    pub fn required(&self, name: &str, hint: &str) -> Result<String, BadRequest> {
        self.text(name)?
            .ok_or_else(|| BadRequest(format!("{name} is required ({hint})")))
    }

    /// A whole number between `min` and `max`, `default` when absent.
    pub fn number(
        &self,
        name: &str,
        default: usize,
        min: usize,
        max: usize,
    ) -> Result<usize, BadRequest> {
        let Some(v) = self.get(name) else {
            return Ok(default);
        };
        let n: usize = v.parse().map_err(|_| {
            BadRequest(format!(
                "{name} '{}' is not a whole number ({min} to {max})",
                clip(v)
            ))
        })?;
        if n < min || n > max {
            return Err(BadRequest(format!(
                "{name} {n} is out of range: use {min} to {max}"
            )));
        }
        Ok(n)
    }

    /// A share between 0 and 1, `default` when absent.
    pub fn share(&self, name: &str, default: f32) -> Result<f32, BadRequest> {
        let Some(v) = self.get(name) else {
            return Ok(default);
        };
        match v.parse::<f32>() {
            Ok(p) if (0.0..=1.0).contains(&p) => Ok(p),
            _ => Err(BadRequest(format!(
                "{name} '{}' is not a share between 0 and 1",
                clip(v)
            ))),
        }
    }

    /// A yes/no parameter: `1`, `true`, `yes`, `on` or `0`, `false`, `no`, `off`.
    pub fn flag(&self, name: &str) -> Result<bool, BadRequest> {
        match self.get(name).map(str::to_lowercase).as_deref() {
            None => Ok(false),
            Some("1" | "true" | "yes" | "on") => Ok(true),
            Some("0" | "false" | "no" | "off") => Ok(false),
            Some(v) => Err(BadRequest(format!(
                "{name} '{}' is not 1 or 0 (true or false)",
                clip(v)
            ))),
        }
    }

    /// One of the values of a [`Choice`] (`by=country`, `field=topic`), in any case, `default`
    /// when absent.
    pub fn choice<T: Choice>(&self, name: &str, default: T) -> Result<T, BadRequest> {
        let Some(v) = self.get(name) else {
            return Ok(default);
        };
        T::from_name(v).ok_or_else(|| {
            BadRequest(format!(
                "{name} '{}' is not one of: {}",
                clip(v),
                choices::<T>().join(", ")
            ))
        })
    }

    /// The filters, checked: text no longer than [`MAX_QUERY_CHARS`], a known kind, readable
    /// dates.
    pub fn filters(&self) -> Result<Filters, BadRequest> {
        let kind = match self.get("kind") {
            None => None,
            Some(_) => Some(self.choice("kind", KindFilter::Statement)?),
        };
        let f = Filters {
            speaker: self.text("speaker")?,
            country: self.text("country")?,
            topic: self.text("topic")?,
            kind,
            source: self.text("source")?,
            since: self.text("since")?,
            until: self.text("until")?,
            named_only: self.flag("named_only")?,
        };
        f.days().map_err(|e| {
            BadRequest(
                e.to_string()
                    .replace("--since", "since")
                    .replace("--until", "until"),
            )
        })?;
        Ok(f)
    }
}

/// The names a [`Choice`] accepts.
pub fn choices<T: Choice>() -> Vec<String> {
    T::ALL.iter().map(|v| v.name().to_string()).collect()
}

/// A value as quoted in a message: at most 60 characters.
fn clip(v: &str) -> String {
    crate::index::abbreviate(v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::facets::FacetField;

    fn p(raw: &str) -> Params {
        Params::parse(Some(raw))
    }

    #[test]
    fn values_are_decoded_and_empty_ones_are_absent() {
        let x = p("q=Iraq+war&speaker=&country=United%20States");
        assert_eq!(x.get("q"), Some("Iraq war"));
        assert_eq!(x.get("speaker"), None);
        assert_eq!(x.get("country"), Some("United States"));
    }

    #[test]
    fn numbers_out_of_range_say_the_range() {
        assert_eq!(p("limit=5").number("limit", 10, 1, 100), Ok(5));
        assert_eq!(p("").number("limit", 10, 1, 100), Ok(10));
        let e = p("limit=101").number("limit", 10, 1, 100).unwrap_err();
        assert!(e.0.contains("1 to 100"), "{e}");
        let e = p("limit=99999999999999999999999").number("limit", 10, 1, 100);
        assert!(e.unwrap_err().0.contains("not a whole number"));
        assert!(p("limit=-1").number("limit", 10, 1, 100).is_err());
    }

    #[test]
    fn unknown_parameters_and_choices_are_refused_with_the_list() {
        let e = p("q=x&speakr=Putin").only(&["q"], true).unwrap_err();
        assert!(e.0.contains("'speakr'") && e.0.contains("speaker"), "{e}");
        assert!(p("q=x&speaker=Putin").only(&["q"], true).is_ok());
        let e = p("field=colour")
            .choice("field", FacetField::Speaker)
            .unwrap_err();
        assert!(e.0.contains("country") && e.0.contains("topic"), "{e}");
        assert_eq!(
            p("field=Topic").choice("field", FacetField::Speaker),
            Ok(FacetField::Topic)
        );
    }

    #[test]
    fn bad_dates_and_kinds_are_refused() {
        let e = p("since=2022-02-31").filters().unwrap_err();
        assert!(e.0.starts_with("since '2022-02-31'"), "{e}");
        assert!(p("kind=tweet").filters().is_err());
        assert!(p("since=2016&until=2022-01").filters().is_ok());
        let long = format!("q={}", "a".repeat(MAX_QUERY_CHARS + 1));
        assert!(p(&long).text("q").is_err());
    }
}
