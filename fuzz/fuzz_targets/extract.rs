//! Fuzz target: bytes as a file whosaid reads (decoding, front matter, JSON articles), then
//! segmentation and extraction. Panics, and broken invariants (an offset off a char boundary or
//! outside the text, passages out of order, a statement outside its passage), are crashes.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use whosaid::article::Article;
use whosaid::extract::Extractor;
use whosaid::input::{decode, looks_binary, parse_json_article, parse_text, FieldMap};
use whosaid::segment::sentences;
use whosaid::topics::Taxonomy;

fn extractor() -> &'static Extractor {
    static E: OnceLock<Extractor> = OnceLock::new();
    E.get_or_init(|| Extractor::new(Taxonomy::default()))
}

fn in_text(text: &str, start: usize, end: usize, what: &str) {
    assert!(
        start <= end && end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end),
        "{what}: {start}..{end} is not a range of the text (len {})",
        text.len()
    );
}

fn check(a: &Article) {
    let text = a.text.as_str();
    let ex = extractor().extract(a);
    let mut last = 0;
    for p in &ex.segmented.passages {
        in_text(text, p.start, p.end, "passage");
        assert!(p.start >= last, "passages overlap or are out of order");
        last = p.end;
        for r in sentences(text, p.range()) {
            in_text(text, r.start, r.end, "sentence");
        }
    }
    for e in &ex.segmented.entries {
        in_text(text, e.start, e.end, "entry");
    }
    for s in &ex.statements {
        in_text(text, s.start, s.end, "statement");
        let p = &ex.segmented.passages[s.passage];
        assert!(p.start <= s.start && s.end <= p.end, "statement outside its passage");
    }
}

fuzz_target!(|data: &[u8]| {
    let _ = looks_binary(data);
    let (text, _) = decode(data);
    check(&parse_text(&text, "fuzz.txt", "fuzz"));
    if let Ok(v) = serde_json::from_str::<serde_json::Value>(&text) {
        if let Ok(a) = parse_json_article(v, &FieldMap::default(), "fuzz.json", "fuzz") {
            check(&a);
        }
    }
});
