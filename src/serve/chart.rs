//! The timeline chart: an SVG bar per interval, each bar a link that narrows the dates to its
//! interval, with its count and top speakers as a tooltip and an accessible label.

use maud::{html, Markup};

use super::html::{plural, Link};
use crate::index::timeline::{Bucket, Interval, Timeline};

/// The bars' drawing box (stretched to the chart's width).
const WIDTH: f64 = 800.0;
/// The height of the bars' area, in pixels; the axis labels go below it.
const BARS: f64 = 100.0;
/// The chart is drawn as if it had at least this many intervals.
const MIN_SLOTS: usize = 24;
/// The most axis labels.
const MAX_LABELS: usize = 10;

/// The chart of `t`, its bars linking to `base` with `since`/`until` set to their interval;
/// nothing when `t` has no dated match.
pub fn timeline(t: &Timeline, base: &Link, caption: &str) -> Markup {
    if t.buckets.is_empty() || t.max == 0 {
        return html! {};
    }
    // Few intervals are drawn as narrow bars in the middle, not as wide blocks.
    let n = t.buckets.len().max(MIN_SLOTS) as f64;
    let slot = WIDTH / n;
    let x0 = (WIDTH - slot * t.buckets.len() as f64) / 2.0;
    let gap = (slot * 0.18).min(3.0);
    let labels = axis_labels(&t.buckets, t.interval);
    let undated = (t.undated > 0).then(|| format!(" ({} undated)", t.undated));
    // The bars stretch to the width in their own box; the labels sit in the outer one, placed
    // by percentage, so that they are never stretched.
    html! {
        figure.timeline {
            figcaption {
                (caption) " — " (plural(t.total, "statement"))
                @if let Some(u) = &undated { (u) }
                span.hint { " · click a bar to narrow the dates" }
            }
            svg role="group" aria-label=(caption) {
                svg viewBox=(format!("0 0 {WIDTH} {BARS}")) preserveAspectRatio="none"
                    width="100%" height=(BARS) {
                    line.axis x1="0" y1=(BARS) x2=(WIDTH) y2=(BARS) {}
                    @for (i, b) in t.buckets.iter().enumerate() {
                        @let x = x0 + i as f64 * slot;
                        @let h = if b.count == 0 { 0.0 } else { (b.count as f64 / t.max as f64 * (BARS - 4.0)).max(2.0) };
                        @let href = base.set("since", &b.start).set("until", &b.end).href();
                        a href=(href) aria-label=(describe(b)) {
                            title { (describe(b)) }
                            rect.slot x=(fmt(x)) y="0" width=(fmt(slot)) height=(BARS) {}
                            rect.bar x=(fmt(x + gap / 2.0)) y=(fmt(BARS - h)) width=(fmt((slot - gap).max(0.5))) height=(fmt(h)) {}
                        }
                    }
                }
                @for (i, text) in &labels {
                    text.label x=(format!("{}%", fmt((x0 + *i as f64 * slot) / WIDTH * 100.0))) y=(BARS + 16.0) { (text) }
                }
            }
        }
    }
}

/// A number with at most two decimals, for SVG attributes.
fn fmt(x: f64) -> String {
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// `2022-01: 12 statements; Sergey Lavrov (4), Antony Blinken (3)`.
fn describe(b: &Bucket) -> String {
    let mut s = format!("{}: {}", b.label, plural(b.count, "statement"));
    if !b.speakers.is_empty() {
        let names: Vec<String> = b
            .speakers
            .iter()
            .map(|c| format!("{} ({})", c.value, c.count))
            .collect();
        s.push_str("; ");
        s.push_str(&names.join(", "));
    }
    s
}

/// The buckets that start a new coarser unit (a year for months, a month for days and weeks,
/// every year for years), thinned to at most [`MAX_LABELS`], with their label.
fn axis_labels(buckets: &[Bucket], interval: Interval) -> Vec<(usize, String)> {
    let unit = |b: &Bucket| -> String {
        match interval {
            Interval::Month | Interval::Year => b.start.get(..4).unwrap_or("").to_string(),
            Interval::Day | Interval::Week => b.start.get(..7).unwrap_or("").to_string(),
        }
    };
    let mut starts: Vec<(usize, String)> = Vec::new();
    let mut last = String::new();
    for (i, b) in buckets.iter().enumerate() {
        let u = unit(b);
        if u != last {
            starts.push((i, u.clone()));
            last = u;
        }
    }
    let step = starts.len().div_ceil(MAX_LABELS).max(1);
    starts.into_iter().step_by(step).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::facets::FacetCount;

    fn bucket(label: &str, start: &str, end: &str, count: u64) -> Bucket {
        Bucket {
            label: label.into(),
            start: start.into(),
            end: end.into(),
            count,
            speakers: vec![FacetCount {
                value: "<b>Smith</b>".into(),
                count,
            }],
        }
    }

    #[test]
    fn bars_link_to_their_dates_and_names_are_escaped() {
        let t = Timeline {
            interval: Interval::Month,
            total: 3,
            undated: 0,
            max: 2,
            buckets: vec![
                bucket("2021-12", "2021-12-01", "2021-12-31", 1),
                bucket("2022-01", "2022-01-01", "2022-01-31", 2),
            ],
        };
        let base = Link::from_params(
            "/",
            &super::super::params::Params::parse(Some("q=x")),
            &["q"],
        );
        let svg = timeline(&t, &base, "Per month").into_string();
        assert!(
            svg.contains("href=\"/?q=x&amp;since=2022-01-01&amp;until=2022-01-31\""),
            "{svg}"
        );
        assert!(svg.contains("&lt;b&gt;Smith"), "{svg}");
        assert!(!svg.contains("<b>"));
        assert_eq!(axis_labels(&t.buckets, Interval::Month).len(), 2);
    }
}
