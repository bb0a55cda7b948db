//! Property tests: segmentation and extraction never panic and keep their invariants, whatever the
//! text: every offset lies on a char boundary inside the text, passages are in order and do not
//! overlap, statements lie within their passage, live-blog entries cover their passages.

use std::sync::OnceLock;

use proptest::prelude::*;
use whosaid::article::Article;
use whosaid::extract::{Extraction, Extractor};
use whosaid::segment::{segment, sentences, Segmented};
use whosaid::topics::Taxonomy;

fn extractor() -> &'static Extractor {
    static E: OnceLock<Extractor> = OnceLock::new();
    E.get_or_init(|| Extractor::new(Taxonomy::default()))
}

/// Returns an error naming `what` unless `r` is a range of char boundaries inside `text`.
fn check_range(text: &str, start: usize, end: usize, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(start <= end, "{what}: start {start} > end {end}");
    prop_assert!(
        end <= text.len(),
        "{what}: end {end} past the text ({})",
        text.len()
    );
    prop_assert!(
        text.is_char_boundary(start),
        "{what}: start {start} not on a char boundary"
    );
    prop_assert!(
        text.is_char_boundary(end),
        "{what}: end {end} not on a char boundary"
    );
    Ok(())
}

fn check_segmented(text: &str, s: &Segmented) -> Result<(), TestCaseError> {
    let mut last_end = 0;
    for (i, p) in s.passages.iter().enumerate() {
        check_range(text, p.start, p.end, &format!("passage {i}"))?;
        prop_assert!(p.start < p.end, "passage {i} is empty");
        prop_assert!(
            p.start >= last_end,
            "passage {i} starts at {} before the previous one ends at {last_end}",
            p.start
        );
        last_end = p.end;
        if let Some(e) = p.entry {
            prop_assert!(e < s.entries.len(), "passage {i}: entry {e} does not exist");
            let entry = &s.entries[e];
            prop_assert!(
                entry.start <= p.start && p.end <= entry.end,
                "passage {i} lies outside its entry"
            );
        }
        for r in sentences(text, p.range()) {
            check_range(text, r.start, r.end, &format!("a sentence of passage {i}"))?;
            prop_assert!(
                p.start <= r.start && r.end <= p.end,
                "sentence outside passage {i}"
            );
        }
    }
    let mut last_end = 0;
    for (i, e) in s.entries.iter().enumerate() {
        check_range(text, e.start, e.end, &format!("entry {i}"))?;
        prop_assert!(
            e.headline < s.passages.len(),
            "entry {i}: no headline passage"
        );
        prop_assert!(e.start >= last_end, "entries {i} overlap");
        last_end = e.end;
    }
    Ok(())
}

fn check_extraction(a: &Article, ex: &Extraction) -> Result<(), TestCaseError> {
    let text = a.text.as_str();
    check_segmented(text, &ex.segmented)?;
    let mut last_start = 0;
    for (i, s) in ex.statements.iter().enumerate() {
        check_range(text, s.start, s.end, &format!("statement {i}"))?;
        prop_assert!(s.start < s.end, "statement {i} is empty");
        prop_assert!(s.start >= last_start, "statements are out of order at {i}");
        last_start = s.start;
        prop_assert!(
            s.passage < ex.segmented.passages.len(),
            "statement {i}: no passage"
        );
        let p = &ex.segmented.passages[s.passage];
        prop_assert!(
            p.start <= s.start && s.end <= p.end,
            "statement {i} ({}..{}) lies outside its passage ({}..{})",
            s.start,
            s.end,
            p.start,
            p.end
        );
    }
    Ok(())
}

fn run(raw: &str) -> Result<(), TestCaseError> {
    // As a plain-text file (title line, optional front matter) ...
    let a = whosaid::input::parse_text(raw, "t.txt", "t");
    if let Some(t) = &a.title_in_text {
        check_range(&a.text, t.start, t.end, "title")?;
    }
    check_segmented(&a.text, &segment(&a))?;
    check_extraction(&a, &extractor().extract(&a))?;
    // ... and as the text of a JSON article (no title in the text).
    let j = Article {
        id: "j".into(),
        text: raw.to_string(),
        title: "A title".into(),
        ..Default::default()
    };
    check_extraction(&j, &extractor().extract(&j))
}

/// Text built from the pieces news is made of, so that the extractor's rules actually fire.
fn newsy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("“".to_string()),
        Just("”".to_string()),
        Just("\"".to_string()),
        Just("‘".to_string()),
        Just("’".to_string()),
        Just("'".to_string()),
        Just("«".to_string()),
        Just("»".to_string()),
        Just("„".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("\r\n".to_string()),
        Just(" ".to_string()),
        Just("\u{a0}".to_string()),
        Just("\u{feff}".to_string()),
        Just("---\n".to_string()),
        Just("id: x\n".to_string()),
        Just(". ".to_string()),
        Just(", ".to_string()),
        Just(": ".to_string()),
        Just(" — ".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just("[Reuters]".to_string()),
        Just("said".to_string()),
        Just(" said ".to_string()),
        Just(" told reporters ".to_string()),
        Just(" according to ".to_string()),
        Just(" he said".to_string()),
        Just(" she ".to_string()),
        Just(" warned that ".to_string()),
        Just("Sergei Lavrov".to_string()),
        Just("Lavrov".to_string()),
        Just("the Russian foreign minister".to_string()),
        Just("Antony Blinken".to_string()),
        Just("President".to_string()),
        Just("NATO".to_string()),
        Just("Ukraine".to_string()),
        Just("sanctions".to_string()),
        Just("we will not".to_string()),
        Just("é".to_string()),
        Just("ß".to_string()),
        Just("😀".to_string()),
        Just("\u{301}".to_string()),
        Just("日本".to_string()),
        Just("العربية".to_string()),
        Just("9:52PM".to_string()),
        Just("PM".to_string()),
        Just("€".to_string()),
        Just("°".to_string()),
        Just("WASHINGTON".to_string()),
        Just(" (AP) ".to_string()),
        Just(" ― ".to_string()),
        Just("Del. ".to_string()),
        Just("Theresa May".to_string()),
        Just(" and said ".to_string()),
        Just(" when ".to_string()),
        Just("people familiar with".to_string()),
        "[0-9]{1,3}",
        "[a-zA-Z]{1,8}",
        "\\PC{1,4}",
    ];
    prop::collection::vec(piece, 0..120).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn any_string_segments_and_extracts_within_bounds(raw in "\\PC{0,400}") {
        run(&raw)?;
    }

    #[test]
    fn any_unicode_including_controls(raw in any::<String>()) {
        run(&raw)?;
    }

    #[test]
    fn newsy_text_segments_and_extracts_within_bounds(raw in newsy()) {
        run(&raw)?;
    }
}
