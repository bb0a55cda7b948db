//! Dates as news dumps write them, read with `jiff`: publication dates of articles, the
//! `--since`/`--until` bounds a user types, and dates taken from a file's path.
//!
//! Publication dates: RFC 3339 and ISO 8601 (`2022-01-21`, `2022-01-21T10:00:00+03:00`,
//! `2022/1/21`), RFC 2822 as in feeds (`Fri, 21 Jan 2022 10:00:00 +0000`), and the written
//! forms `January 21, 2022`, `Jan. 21, 2022`, `21 January 2022` (a weekday before and a time
//! after are allowed). The day is the day as written, in the writer's own time zone. A date that
//! cannot exist (`2022-02-31`) is [`DateError::Impossible`], so that the caller can warn.

use jiff::civil::Date;
use jiff::fmt::strtime::BrokenDownTime;

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
}
