//! Timelines: how many matching statements were published in each day, week, month or year, and
//! who said most of them, for `whosaid timeline` and the web page's chart (one computation for
//! both).
//!
//! One pass over the matches: each segment counts its documents by the first day of their
//! interval (read from the `date` fast field) and by (interval, speaker ordinal); speaker names
//! are resolved once per segment, for the ordinals met. Intervals with no statement between the
//! first and the last are given with a count of 0, so that a chart shows the gaps.

use std::fmt;
use std::str::FromStr;

use rustc_hash::FxHashMap;
use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::fastfield::FacetReader;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use super::group::facet_values;
use super::schema::SECONDS_A_DAY;
use super::searcher::Searcher;
use super::types::{Choice, FacetCount, Filters, KindFilter};
use super::{IndexError, Result};
use crate::dates::{days_since_epoch, from_days_since_epoch};

/// The most intervals a timeline holds, gaps included (27 years by day): more is an error that
/// says to narrow the dates or take a longer interval.
pub const MAX_INTERVALS: usize = 10_000;

/// The most speakers named per interval.
pub const MAX_TOP_SPEAKERS: usize = 100;

/// Days from 1970-01-01 (a Thursday) back to the Monday before it.
const EPOCH_TO_MONDAY: i64 = 3;

/// The length of a timeline's intervals.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Interval {
    /// Calendar days.
    Day,
    /// ISO weeks, Monday to Sunday.
    Week,
    /// Calendar months.
    #[default]
    Month,
    /// Calendar years.
    Year,
}

impl Choice for Interval {
    const ALL: &'static [Interval] = &Interval::ALL;

    fn name(self) -> &'static str {
        self.as_str()
    }
}

impl Interval {
    /// Every interval, shortest first.
    pub const ALL: [Interval; 4] = [
        Interval::Day,
        Interval::Week,
        Interval::Month,
        Interval::Year,
    ];

    /// `day`, `week`, `month` or `year`.
    pub fn as_str(self) -> &'static str {
        match self {
            Interval::Day => "day",
            Interval::Week => "week",
            Interval::Month => "month",
            Interval::Year => "year",
        }
    }

    /// The first day (days since 1970-01-01) of the interval holding `day`.
    pub fn start_of(self, day: i64) -> i64 {
        match self {
            Interval::Day => day,
            Interval::Week => day - (day + EPOCH_TO_MONDAY).rem_euclid(7),
            Interval::Month | Interval::Year => match from_days_since_epoch(day) {
                Some(d) => {
                    let month = if self == Interval::Year { 1 } else { d.month() };
                    jiff::civil::Date::new(d.year(), month, 1).map_or(day, days_since_epoch)
                }
                None => day,
            },
        }
    }

    /// The first day of the interval after the one starting on `start`.
    fn next(self, start: i64) -> i64 {
        let step = match self {
            Interval::Day => return start + 1,
            Interval::Week => return start + 7,
            Interval::Month => jiff::Span::new().months(1),
            Interval::Year => jiff::Span::new().years(1),
        };
        from_days_since_epoch(start)
            .and_then(|d| d.checked_add(step).ok())
            .map_or(start + 366, days_since_epoch)
    }

    /// How the interval starting on `start` is written: `2022-01-21`, `2022-W03`, `2022-01`,
    /// `2022`.
    fn label(self, start: i64) -> String {
        let Some(d) = from_days_since_epoch(start) else {
            return String::new();
        };
        match self {
            Interval::Day => d.to_string(),
            Interval::Week => {
                let w = d.iso_week_date();
                format!("{:04}-W{:02}", w.year(), w.week())
            }
            Interval::Month => format!("{:04}-{:02}", d.year(), d.month()),
            Interval::Year => format!("{:04}", d.year()),
        }
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Interval {
    type Err = IndexError;

    fn from_str(s: &str) -> Result<Interval> {
        let want = s.trim().to_lowercase();
        Interval::ALL
            .into_iter()
            .find(|i| i.as_str() == want)
            .ok_or_else(|| {
                IndexError::Filter(format!(
                    "no interval '{s}' (intervals: day, week, month, year)"
                ))
            })
    }
}

/// One interval of a timeline.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Bucket {
    /// The interval as written: `2022-01-21`, `2022-W03`, `2022-01`, `2022`.
    pub label: String,
    /// Its first day, `YYYY-MM-DD`.
    pub start: String,
    /// Its last day, `YYYY-MM-DD` (as `--until` takes it).
    pub end: String,
    /// Matching statements published in it.
    pub count: u64,
    /// Its most frequent speakers, with their statements in it.
    pub speakers: Vec<FacetCount>,
}

/// Matching statements per interval.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Timeline {
    /// The length of the intervals.
    pub interval: Interval,
    /// Matching statements in all, dated or not.
    pub total: u64,
    /// Matching statements of articles without a date (in no interval).
    pub undated: u64,
    /// The largest count of one interval (the scale of a chart).
    pub max: u64,
    /// The intervals from the first to the last holding a match, in order, empty ones
    /// included.
    pub buckets: Vec<Bucket>,
}

/// The timeline of the statements matching `query` and `filters` (statements only unless
/// `filters.kind` says otherwise), by `interval`, with the `top_speakers` most frequent speakers
/// of each interval (at most [`MAX_TOP_SPEAKERS`]). More than [`MAX_INTERVALS`] intervals is an
/// [`IndexError::Filter`] that says how to narrow it.
pub fn timeline(
    s: &Searcher,
    query: &str,
    filters: &Filters,
    interval: Interval,
    top_speakers: usize,
) -> Result<Timeline> {
    let mut filters = filters.clone();
    if filters.kind.is_none() {
        filters.kind = Some(KindFilter::Statement);
    }
    let empty = Timeline {
        interval,
        total: 0,
        undated: 0,
        max: 0,
        buckets: vec![],
    };
    let q = match s.build(query, &filters)? {
        Ok(q) => q,
        Err(_) => return Ok(empty),
    };
    let fruit = s.searcher().search(&q, &ByInterval { interval })?;
    let dated: u64 = fruit.counts.values().sum();
    let (Some(&first), Some(&last)) = (fruit.counts.keys().min(), fruit.counts.keys().max()) else {
        return Ok(Timeline {
            total: fruit.undated,
            undated: fruit.undated,
            ..empty
        });
    };
    let (first, last) = asked_span(s, &filters, first, last)?;
    let buckets = fill(
        &fruit,
        interval,
        interval.start_of(first),
        last,
        top_speakers.min(MAX_TOP_SPEAKERS),
    )?;
    Ok(Timeline {
        interval,
        total: dated + fruit.undated,
        undated: fruit.undated,
        max: buckets.iter().map(|b| b.count).max().unwrap_or(0),
        buckets,
    })
}

/// The days from `first` to `last` (of the matches), widened to the dates asked (`since`,
/// `until`) as far as the index's own dates go: a chart of the dates asked shows them all.
fn asked_span(s: &Searcher, filters: &Filters, first: i64, last: i64) -> Result<(i64, i64)> {
    let (since, until) = filters.days()?;
    let Some((lo, hi)) = s.date_range()? else {
        return Ok((first, last));
    };
    let (lo, hi) = (days_since_epoch(lo), days_since_epoch(hi));
    let first = since.map_or(first, |d| first.min(days_since_epoch(d).max(lo)));
    let last = until.map_or(last, |d| last.max(days_since_epoch(d).min(hi)));
    Ok((first, last))
}

/// The buckets from the interval starting on `first` to the one holding `last`, gaps included.
fn fill(
    fruit: &Fruit,
    interval: Interval,
    first: i64,
    last: i64,
    top_speakers: usize,
) -> Result<Vec<Bucket>> {
    let mut by_bucket: FxHashMap<i64, Vec<FacetCount>> = FxHashMap::default();
    for ((start, name), count) in &fruit.speakers {
        by_bucket.entry(*start).or_default().push(FacetCount {
            value: name.clone(),
            count: *count,
        });
    }
    let mut out = Vec::new();
    let mut start = first;
    while start <= last {
        if out.len() == MAX_INTERVALS {
            return Err(IndexError::Filter(format!(
                "the matches run from {} to {}: more than {MAX_INTERVALS} {}s; narrow the \
                 dates (since/until) or take a longer interval",
                interval.label(first),
                interval.label(last),
                interval
            )));
        }
        let next = interval.next(start);
        let mut speakers = by_bucket.remove(&start).unwrap_or_default();
        speakers.sort_by(|a, b| b.count.cmp(&a.count).then(a.value.cmp(&b.value)));
        speakers.truncate(top_speakers);
        out.push(Bucket {
            label: interval.label(start),
            start: day_string(start),
            end: day_string(next - 1),
            count: fruit.counts.get(&start).copied().unwrap_or(0),
            speakers,
        });
        start = next;
    }
    Ok(out)
}

fn day_string(day: i64) -> String {
    from_days_since_epoch(day).map_or_else(String::new, |d| d.to_string())
}

/// Counts matching documents by interval and by (interval, speaker).
struct ByInterval {
    interval: Interval,
}

/// What the segments counted, merged: by first day of interval.
#[derive(Default)]
struct Fruit {
    counts: FxHashMap<i64, u64>,
    speakers: FxHashMap<(i64, String), u64>,
    undated: u64,
}

/// The per-segment part of [`ByInterval`].
struct IntervalSegment {
    interval: Interval,
    dates: Option<tantivy::columnar::Column<tantivy::DateTime>>,
    speakers: Option<FacetReader>,
    /// Day → first day of its interval, for the days met.
    memo: FxHashMap<i64, i64>,
    counts: FxHashMap<i64, u64>,
    pairs: FxHashMap<(i64, u64), u64>,
    undated: u64,
}

impl Collector for ByInterval {
    type Fruit = Fruit;
    type Child = IntervalSegment;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<IntervalSegment> {
        Ok(IntervalSegment {
            interval: self.interval,
            dates: reader.fast_fields().date("date").ok(),
            speakers: reader.facet_reader("speaker_facet").ok(),
            memo: FxHashMap::default(),
            counts: FxHashMap::default(),
            pairs: FxHashMap::default(),
            undated: 0,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Fruit>) -> tantivy::Result<Fruit> {
        let mut out = Fruit::default();
        for f in fruits {
            out.undated += f.undated;
            for (k, c) in f.counts {
                *out.counts.entry(k).or_default() += c;
            }
            for (k, c) in f.speakers {
                *out.speakers.entry(k).or_default() += c;
            }
        }
        Ok(out)
    }
}

impl SegmentCollector for IntervalSegment {
    type Fruit = Fruit;

    fn collect(&mut self, doc: DocId, _score: Score) {
        let Some(day) = self
            .dates
            .as_ref()
            .and_then(|c| c.first(doc))
            .map(|dt| dt.into_timestamp_secs().div_euclid(SECONDS_A_DAY))
        else {
            self.undated += 1;
            return;
        };
        let interval = self.interval;
        let start = *self
            .memo
            .entry(day)
            .or_insert_with(|| interval.start_of(day));
        *self.counts.entry(start).or_default() += 1;
        if let Some(r) = &self.speakers {
            for ord in r.facet_ords(doc) {
                *self.pairs.entry((start, ord)).or_default() += 1;
            }
        }
    }

    fn harvest(self) -> Fruit {
        let mut speakers = FxHashMap::default();
        if let Some(reader) = &self.speakers {
            let mut ords: Vec<u64> = self.pairs.keys().map(|(_, o)| *o).collect();
            ords.sort_unstable();
            ords.dedup();
            let names = facet_values(reader, &ords);
            for ((start, ord), c) in self.pairs {
                if let Ok(i) = ords.binary_search(&ord) {
                    *speakers.entry((start, names[i].clone())).or_default() += c;
                }
            }
        }
        Fruit {
            counts: self.counts,
            speakers,
            undated: self.undated,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> i64 {
        days_since_epoch(s.parse().unwrap())
    }

    #[test]
    fn intervals_start_where_the_calendar_says() {
        let d = day("2022-01-21"); // a Friday
        assert_eq!(Interval::Day.start_of(d), d);
        assert_eq!(Interval::Week.start_of(d), day("2022-01-17"));
        assert_eq!(
            Interval::Week.start_of(day("2022-01-17")),
            day("2022-01-17")
        );
        assert_eq!(
            Interval::Week.start_of(day("1969-12-31")),
            day("1969-12-29")
        );
        assert_eq!(Interval::Month.start_of(d), day("2022-01-01"));
        assert_eq!(Interval::Year.start_of(d), day("2022-01-01"));
        assert_eq!(Interval::Month.next(day("2022-01-01")), day("2022-02-01"));
        assert_eq!(Interval::Year.next(day("2020-01-01")), day("2021-01-01"));
        assert_eq!(Interval::Week.label(day("2022-01-17")), "2022-W03");
        assert_eq!(Interval::Week.label(day("2021-01-04")), "2021-W01");
        assert_eq!(Interval::Month.label(d), "2022-01");
        assert_eq!(Interval::Year.label(d), "2022");
    }

    #[test]
    fn intervals_are_read_by_name_or_refused_with_the_list() {
        assert_eq!("Week".parse::<Interval>().unwrap(), Interval::Week);
        let e = "fortnight".parse::<Interval>().unwrap_err().to_string();
        assert!(e.contains("day, week, month, year"), "{e}");
    }
}
