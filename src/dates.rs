//! Dates as news dumps write them, read with `jiff`: publication dates of articles, the
//! `--since`/`--until` bounds a user types, and dates taken from a file's path.
//!
//! Publication dates: RFC 3339 and ISO 8601 (`2022-01-21`, `2022-01-21T10:00:00+03:00`,
//! `2022/1/21`), RFC 2822 as in feeds (`Fri, 21 Jan 2022 10:00:00 +0000`), and the written
//! forms `January 21, 2022`, `Jan. 21, 2022`, `21 January 2022` (a weekday before and a time
//! after are allowed). The day is the day as written, in the writer's own time zone. A date that
//! cannot exist (`2022-02-31`) is [`DateError::Impossible`], so that the caller can warn.
//!
//! Dates from paths ([`PathDate`], `--date-from-path REGEX`): for archives of plain text without
//! metadata, laid out as `2005/03/21/...` or named `...-2005-03-21.txt`.

use jiff::civil::Date;
use jiff::fmt::strtime::BrokenDownTime;
use regex::Regex;

/// The years a date may have (tantivy stores nanoseconds since 1970 in an `i64`).
pub const YEARS: std::ops::RangeInclusive<i16> = 1700..=2200;

/// Why a date string gives no date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateError {
    /// Not a date in any form read.
    Unreadable,
    /// Written as a date, but no such day exists (`2022-02-31`), or outside [`YEARS`].
    Impossible,
}

/// The written forms tried, after a weekday is dropped and abbreviations are made plain.
const WRITTEN: &[&str] = &[
    "%B %d, %Y",
    "%B %d %Y",
    "%d %B %Y",
    "%d %B, %Y",
    "%b %d, %Y",
    "%b %d %Y",
    "%d %b %Y",
    "%d %b, %Y",
];

/// Reads a publication date.
///
/// ```
/// use whosaid::dates::{parse_date, DateError};
/// let day = |s| parse_date(s).map(|d| d.to_string());
/// assert_eq!(day("2022-01-21T10:00:00Z").as_deref(), Ok("2022-01-21"));
/// assert_eq!(day("Fri, 21 Jan 2022 10:00:00 +0000").as_deref(), Ok("2022-01-21"));
/// assert_eq!(day("Jan. 21, 2022").as_deref(), Ok("2022-01-21"));
/// assert_eq!(day("21 January 2022").as_deref(), Ok("2022-01-21"));
/// assert_eq!(day("2022-02-31"), Err(DateError::Impossible));
/// assert_eq!(day("yesterday"), Err(DateError::Unreadable));
/// ```
pub fn parse_date(s: &str) -> Result<Date, DateError> {
    let s = s.trim();
    let date = if s.starts_with(|c: char| c.is_ascii_digit()) && s.len() >= 6 {
        match numeric(s) {
            Err(DateError::Unreadable) => written(s),
            other => other,
        }
    } else {
        written(s)
    }?;
    if YEARS.contains(&date.year()) {
        Ok(date)
    } else {
        Err(DateError::Impossible)
    }
}

/// `YYYY-MM-DD` (or `/`, `.`), one-digit months and days allowed, anything after the day that
/// does not continue it (`T10:00Z`, ` 10:00`).
fn numeric(s: &str) -> Result<Date, DateError> {
    let mut parts = s.splitn(3, ['-', '/', '.']);
    let num = |p: Option<&str>| -> Result<i64, DateError> {
        let p = p.ok_or(DateError::Unreadable)?.trim();
        let digits: &str = &p[..p.bytes().take_while(u8::is_ascii_digit).count()];
        if digits.is_empty() || digits.len() > 4 {
            return Err(DateError::Unreadable);
        }
        digits.parse().map_err(|_| DateError::Unreadable)
    };
    let (y, m) = (num(parts.next())?, num(parts.next())?);
    let rest = parts.next().ok_or(DateError::Unreadable)?;
    let d = num(Some(rest))?;
    let after = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    if !(1000..=9999).contains(&y)
        || after.starts_with(|c: char| c.is_ascii_alphanumeric() && c != 'T')
    {
        return Err(DateError::Unreadable);
    }
    civil(y, m, d)
}

/// A day from numbers, [`DateError::Impossible`] when there is no such day.
fn civil(y: i64, m: i64, d: i64) -> Result<Date, DateError> {
    let (Ok(y), Ok(m), Ok(d)) = (i16::try_from(y), i8::try_from(m), i8::try_from(d)) else {
        return Err(DateError::Impossible);
    };
    Date::new(y, m, d).map_err(|_| DateError::Impossible)
}

/// RFC 2822, then the written forms of [`WRITTEN`].
fn written(s: &str) -> Result<Date, DateError> {
    static RFC2822: jiff::fmt::rfc2822::DateTimeParser = jiff::fmt::rfc2822::DateTimeParser::new();
    if let Ok(z) = RFC2822.parse_zoned_datetime(s) {
        return Ok(z.date());
    }
    let plain = plain_words(s);
    let mut impossible = false;
    for fmt in WRITTEN {
        if let Ok((tm, _)) = BrokenDownTime::parse_prefix(fmt, &plain) {
            match tm.to_date() {
                Ok(d) => return Ok(d),
                Err(_) => impossible = true,
            }
        }
    }
    Err(if impossible {
        DateError::Impossible
    } else {
        DateError::Unreadable
    })
}

/// The string without a leading weekday (`Friday, `), with abbreviation points dropped
/// (`Jan.` → `Jan`) and `Sept` made `Sep`, ordinal suffixes dropped (`21st` → `21`).
fn plain_words(s: &str) -> String {
    let mut words: Vec<String> = s
        .split_whitespace()
        .map(|w| {
            let w = w.trim_end_matches('.');
            let w = if w.eq_ignore_ascii_case("sept") {
                "Sep"
            } else {
                w
            };
            let digits = w.bytes().take_while(u8::is_ascii_digit).count();
            match &w[digits..] {
                "st" | "nd" | "rd" | "th" | "st," | "nd," | "rd," | "th," if digits > 0 => {
                    format!(
                        "{}{}",
                        &w[..digits],
                        if w.ends_with(',') { "," } else { "" }
                    )
                }
                _ => w.to_string(),
            }
        })
        .collect();
    let weekday = words.first().is_some_and(|w| {
        let w = w.trim_end_matches(',').to_ascii_lowercase();
        ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
            .iter()
            .any(|d| w.starts_with(d) && w.ends_with("day") || w == *d)
    });
    if weekday {
        words.remove(0);
    }
    words.join(" ")
}

/// Which end of a period a bound stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    /// The first day (`--since 2017` is 2017-01-01).
    First,
    /// The last day (`--until 2017` is 2017-12-31).
    Last,
}

/// Reads a `--since`/`--until` bound: `YYYY`, `YYYY-MM` or any publication date form, as the
/// first or last day of the period it names.
///
/// ```
/// use whosaid::dates::{bound, End};
/// assert_eq!(bound("2017", End::First).unwrap().to_string(), "2017-01-01");
/// assert_eq!(bound("2020-02", End::Last).unwrap().to_string(), "2020-02-29");
/// assert_eq!(bound("2020-02-03", End::Last).unwrap().to_string(), "2020-02-03");
/// assert!(bound("2020-13", End::First).is_err());
/// ```
pub fn bound(s: &str, end: End) -> Result<Date, DateError> {
    let t = s.trim();
    let all_digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    let parts: Vec<&str> = t.split(['-', '/']).collect();
    let period = match parts.as_slice() {
        [y] if y.len() == 4 && all_digits(y) => {
            let y = y.parse().map_err(|_| DateError::Unreadable)?;
            Some((civil(y, 1, 1)?, civil(y, 12, 31)?))
        }
        [y, m] if y.len() == 4 && all_digits(y) && all_digits(m) && m.len() <= 2 => {
            let first = civil(
                y.parse().map_err(|_| DateError::Unreadable)?,
                m.parse().map_err(|_| DateError::Unreadable)?,
                1,
            )?;
            Some((first, first.last_of_month()))
        }
        _ => None,
    };
    let (first, last) = match period {
        Some(p) => p,
        None => {
            let d = parse_date(t)?;
            (d, d)
        }
    };
    if !YEARS.contains(&first.year()) {
        return Err(DateError::Impossible);
    }
    Ok(match end {
        End::First => first,
        End::Last => last,
    })
}

/// Days since 1970-01-01 of `d`.
pub fn days_since_epoch(d: Date) -> i64 {
    let epoch = Date::constant(1970, 1, 1);
    i64::from(
        epoch
            .until((jiff::Unit::Day, d))
            .map_or(0, |span| span.get_days()),
    )
}

/// The day `days` after 1970-01-01, if it is within [`YEARS`].
pub fn from_days_since_epoch(days: i64) -> Option<Date> {
    let epoch = Date::constant(1970, 1, 1);
    let span = jiff::Span::new().try_days(days).ok()?;
    epoch.checked_add(span).ok()
}

/// Publication dates read from a file's path with a regular expression (`--date-from-path`).
///
/// The expression is searched for anywhere in the path (as found: the folder given joined with
/// the file's place under it, `/` between folders). Its captures give the date in one of two
/// ways:
///
/// - named groups `y`, `m` and `d`: the year (four digits), the month (a number or an English
///   month name, `03`, `3`, `Mar`, `March`) and the day; `m` and `d` may be left out, and the
///   date is then the first day of the month or the year (`2005/03/...` is 2005-03-01);
/// - one group (the only capture group) holding a date [`bound`] reads as the first day of the
///   period it names (`2005-03-21`, `2005/03`, `2005`, `21 March 2005`), or eight digits
///   `YYYYMMDD`.
///
/// ```
/// use whosaid::dates::PathDate;
/// let by_folder = PathDate::new(r"(?P<y>\d{4})/(?P<m>\d{2})/(?P<d>\d{2})/").unwrap();
/// assert_eq!(by_folder.date("archive/2005/03/21/story.txt").unwrap().to_string(), "2005-03-21");
/// let by_name = PathDate::new(r"-(\d{4}-\d{2}-\d{2})\.txt$").unwrap();
/// assert_eq!(by_name.date("news/budget-2005-03-21.txt").unwrap().to_string(), "2005-03-21");
/// assert!(by_name.date("news/budget.txt").is_err());
/// assert!(PathDate::new(r"(\d{4})/(\d{2})").is_err()); // two unnamed groups: which is which?
/// ```
#[derive(Clone, Debug)]
pub struct PathDate {
    re: Regex,
    /// True if and only if the date comes from the groups `y`, `m`, `d`; else from group 1.
    named: bool,
}

/// The named groups a [`PathDate`] reads.
const PATH_GROUPS: [&str; 3] = ["y", "m", "d"];

/// Why a `--date-from-path` expression cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum PathDateError {
    /// The expression is not a regular expression.
    #[error("--date-from-path: not a regular expression")]
    Regex(#[from] regex::Error),
    /// The expression's groups do not say where the date is.
    #[error(
        "--date-from-path '{pattern}': {why}; name the groups (?P<y>...), (?P<m>...), (?P<d>...) \
         (year, month, day; month and day may be left out), or capture the whole date in one \
         group, as in -(\\d{{4}}-\\d{{2}}-\\d{{2}})\\.txt$ (use (?:...) for other groups)"
    )]
    Groups {
        /// The expression.
        pattern: String,
        /// What is wrong with its groups.
        why: String,
    },
}

/// Why a path gives no date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathDateMiss {
    /// The expression does not match the path.
    NoMatch,
    /// It matches, but what it captures (shown) is not a date, or not a day of the calendar.
    NotADate(String, DateError),
}

impl PathDate {
    /// Compiles `pattern`, checking that its groups say where the date is.
    pub fn new(pattern: &str) -> Result<PathDate, PathDateError> {
        let re = Regex::new(pattern)?;
        let names: Vec<&str> = re.capture_names().flatten().collect();
        let refuse = |why: String| PathDateError::Groups {
            pattern: pattern.to_string(),
            why,
        };
        let named = names.iter().any(|n| PATH_GROUPS.contains(n));
        if named {
            if !names.contains(&"y") {
                return Err(refuse(
                    "a month or a day is captured but no year (y)".into(),
                ));
            }
            if names.contains(&"d") && !names.contains(&"m") {
                return Err(refuse("a day (d) is captured but no month (m)".into()));
            }
        } else {
            match re.captures_len() - 1 {
                0 => return Err(refuse("it captures nothing".into())),
                1 => {}
                n => return Err(refuse(format!("it has {n} capture groups, none named"))),
            }
        }
        Ok(PathDate { re, named })
    }

    /// The expression as given.
    pub fn as_str(&self) -> &str {
        self.re.as_str()
    }

    /// The date `path` gives.
    pub fn date(&self, path: &str) -> Result<Date, PathDateMiss> {
        let caps = self.re.captures(path).ok_or(PathDateMiss::NoMatch)?;
        let group = |name: &str| caps.name(name).map(|m| m.as_str());
        if self.named {
            let (y, m, d) = (group("y"), group("m"), group("d"));
            let shown = [y, m, d]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join("-");
            return from_parts(y, m, d).map_err(|e| PathDateMiss::NotADate(shown, e));
        }
        let text = caps.get(1).map_or("", |m| m.as_str());
        let compact = text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit());
        let date = if compact {
            from_parts(Some(&text[..4]), Some(&text[4..6]), Some(&text[6..]))
        } else {
            bound(text, End::First)
        };
        date.map_err(|e| PathDateMiss::NotADate(text.to_string(), e))
    }
}

/// A day from the year, month and day a path gives: a four-digit year, a month number or English
/// name, a day number; a month or day left out is the first.
fn from_parts(y: Option<&str>, m: Option<&str>, d: Option<&str>) -> Result<Date, DateError> {
    let number = |s: &str| -> Result<i64, DateError> {
        if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(DateError::Unreadable);
        }
        s.parse().map_err(|_| DateError::Unreadable)
    };
    let y = y.ok_or(DateError::Unreadable)?;
    if y.len() != 4 {
        return Err(DateError::Unreadable);
    }
    let month = match m {
        None => 1,
        Some(m) if m.starts_with(|c: char| c.is_ascii_digit()) => number(m)?,
        Some(m) => month_of(m).ok_or(DateError::Unreadable)?,
    };
    let date = civil(number(y)?, month, d.map_or(Ok(1), number)?)?;
    if YEARS.contains(&date.year()) {
        Ok(date)
    } else {
        Err(DateError::Impossible)
    }
}

/// The month an English name or its abbreviation names (`Mar`, `march`, `Sept.`), read by
/// `jiff`.
fn month_of(name: &str) -> Option<i64> {
    let name = name.trim_end_matches('.');
    let name = if name.eq_ignore_ascii_case("sept") {
        "Sep"
    } else {
        name
    };
    ["%B", "%b"].iter().find_map(|fmt| {
        let (tm, read) = BrokenDownTime::parse_prefix(fmt, name).ok()?;
        (read == name.len()).then_some(())?;
        tm.month().map(i64::from)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Result<String, DateError> {
        parse_date(s).map(|d| d.to_string())
    }

    #[test]
    fn the_forms_news_dumps_write() {
        for s in [
            "2022-01-21",
            "2022-01-21T10:00:00Z",
            "2022-01-21T23:30:00-05:00",
            "2022-01-21 10:00:00",
            "2022/1/21",
            "2022.01.21",
            "Fri, 21 Jan 2022 10:00:00 +0000",
            "Fri, 21 Jan 2022 10:00:00 GMT",
            "January 21, 2022",
            "Jan. 21, 2022",
            "Jan 21, 2022",
            "jan 21 2022",
            "21 January 2022",
            "21 Jan. 2022",
            "Friday, January 21, 2022",
            "January 21st, 2022",
            "January 21, 2022 10:00 AM",
        ] {
            assert_eq!(day(s).as_deref(), Ok("2022-01-21"), "{s}");
        }
        assert_eq!(day("Sept. 5, 2019").as_deref(), Ok("2019-09-05"));
    }

    #[test]
    fn impossible_and_unreadable_dates_are_told_apart() {
        for s in [
            "2022-02-31",
            "2022-13-01",
            "2021-02-29",
            "February 30, 2020",
        ] {
            assert_eq!(day(s), Err(DateError::Impossible), "{s}");
        }
        for s in [
            "",
            "yesterday",
            "2022",
            "12345678",
            "last Friday",
            "2022-01-21x",
        ] {
            assert_eq!(day(s), Err(DateError::Unreadable), "{s}");
        }
        assert_eq!(day("1000-01-01"), Err(DateError::Impossible));
    }

    #[test]
    fn days_round_trip() {
        for s in ["1970-01-01", "2000-02-29", "1700-01-01", "2200-12-31"] {
            let d = parse_date(s).unwrap();
            assert_eq!(from_days_since_epoch(days_since_epoch(d)), Some(d));
        }
    }

    #[test]
    fn dates_from_paths() {
        let read = |re: &str, path: &str| PathDate::new(re).unwrap().date(path);
        let day = |re: &str, path: &str| read(re, path).map(|d| d.to_string());
        let named = r"(?P<y>\d{4})/(?P<m>\d{1,2})/(?:(?P<d>\d{1,2})/)?";
        assert_eq!(
            day(named, "a/2005/03/21/x.txt").as_deref(),
            Ok("2005-03-21")
        );
        assert_eq!(day(named, "a/2005/3/x.txt").as_deref(), Ok("2005-03-01"));
        let names = r"(?P<y>\d{4})/(?P<m>[A-Za-z]+)/";
        assert_eq!(day(names, "a/2005/Mar/x.txt").as_deref(), Ok("2005-03-01"));
        assert_eq!(
            day(names, "a/2005/september/x.txt").as_deref(),
            Ok("2005-09-01")
        );
        let one = r"(\d{4}[-_/]?\d{2}[-_/]?\d{2})";
        assert_eq!(
            day(one, "a/news-2005-03-21.txt").as_deref(),
            Ok("2005-03-21")
        );
        assert_eq!(day(one, "a/20050321.txt").as_deref(), Ok("2005-03-21"));
        assert_eq!(day(r"^(\d{4})/", "2005/x.txt").as_deref(), Ok("2005-01-01"));
        assert_eq!(read(one, "a/b.txt"), Err(PathDateMiss::NoMatch));
        assert_eq!(
            read(named, "a/2005/02/31/x.txt"),
            Err(PathDateMiss::NotADate(
                "2005-02-31".into(),
                DateError::Impossible
            ))
        );
        assert!(matches!(
            read(names, "a/2005/Foo/x.txt"),
            Err(PathDateMiss::NotADate(_, DateError::Unreadable))
        ));
    }

    #[test]
    fn path_date_patterns_say_where_the_date_is() {
        for bad in [
            r"\d{4}",
            r"(\d{4})/(\d{2})",
            r"(?P<m>\d{2})",
            r"(?P<y>\d{4})(?P<d>\d{2})",
        ] {
            let e = PathDate::new(bad).unwrap_err().to_string();
            assert!(e.contains("(?P<y>...)"), "{bad}: {e}");
        }
        let e = PathDate::new(r"(\d{4}").unwrap_err().to_string();
        assert!(e.contains("not a regular expression"), "{e}");
        assert!(PathDate::new(r"(?:a|b)/(\d{8})").is_ok());
    }
}
