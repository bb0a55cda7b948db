//! Hits as CSV for spreadsheets (`search --format csv`): a header row, then one row per hit with
//! the fields of the JSON hit, in the same order as [`COLUMNS`]. Lists are joined with `; `, byte
//! ranges written `START-END`, the paragraphs of `--context` separated by a blank line. Knows
//! nothing of how hits are found: it renders the JSON form of each hit, so that the two formats
//! cannot drift apart.

use std::io::Write;

use serde_json::Value;
use whosaid::index::search::Hit;

/// The columns, in order: every field of the JSON hit (`context` only when asked for).
#[rustfmt::skip]
pub const COLUMNS: &[&str] = &[
    "id", "rank", "score", "kind", "text",
    "speaker", "aliases", "role", "country", "country_evidence", "found", "topics", "cue",
    "article", "title", "entry", "source", "date", "url", "path",
    "start", "end", "snippet", "snippet_start", "highlights", "article_highlights",
    "cluster", "also_in", CONTEXT,
];

/// The column of the paragraphs of context (`search --context N`).
const CONTEXT: &str = "context";

/// What joins the items of a list in a cell.
pub const LIST_SEPARATOR: &str = "; ";

/// What joins the paragraphs of context in a cell.
const PARAGRAPH_SEPARATOR: &str = "\n\n";

/// Writes `hits` as CSV: the header, then a row per hit. The `context` column is written when
/// `context` is true.
pub fn write_hits(out: impl Write, hits: &[Hit], context: bool) -> anyhow::Result<()> {
    let columns: Vec<&str> = COLUMNS
        .iter()
        .copied()
        .filter(|c| context || *c != CONTEXT)
        .collect();
    let mut w = csv::Writer::from_writer(out);
    w.write_record(&columns)?;
    for h in hits {
        // Through the JSON text, so that numbers read as `--json` writes them (an `f32` score
        // as `20.856134`, not widened to `20.85613441467285`).
        let Value::Object(fields) = serde_json::from_slice(&serde_json::to_vec(h)?)? else {
            anyhow::bail!("a hit did not serialize as a JSON object");
        };
        let row: Vec<String> = columns
            .iter()
            .map(|c| cell(c, fields.get(*c).unwrap_or(&Value::Null)))
            .collect();
        w.write_record(&row)?;
    }
    w.flush()?;
    Ok(())
}

/// One cell: a string as it is, a number as written in JSON, nothing for null, a list joined
/// with [`LIST_SEPARATOR`] (a pair of numbers, a byte range, as `START-END`; an object, a
/// country with its evidence, as `COUNTRY (EVIDENCE)`).
fn cell(column: &str, v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) if column == CONTEXT => items
            .iter()
            .map(|p| p.get("text").map_or_else(String::new, |t| cell("", t)))
            .collect::<Vec<_>>()
            .join(PARAGRAPH_SEPARATOR),
        Value::Array(items) => items
            .iter()
            .map(|item| match item {
                Value::Array(pair) => pair
                    .iter()
                    .map(|x| cell("", x))
                    .collect::<Vec<_>>()
                    .join("-"),
                Value::Object(o) => {
                    let field = |k: &str| o.get(k).map_or_else(String::new, |v| cell("", v));
                    format!("{} ({})", field("country"), field("evidence"))
                }
                other => cell("", other),
            })
            .collect::<Vec<_>>()
            .join(LIST_SEPARATOR),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn cells_flatten_lists_and_ranges() {
        assert_eq!(cell("x", &json!(null)), "");
        assert_eq!(cell("x", &json!("a, \"b\"")), "a, \"b\"");
        assert_eq!(cell("x", &json!(12)), "12");
        assert_eq!(
            cell("x", &json!(["United States", "Russia"])),
            "United States; Russia"
        );
        assert_eq!(cell("x", &json!([[3, 5], [54, 56]])), "3-5; 54-56");
        assert_eq!(cell("x", &json!([])), "");
        let evidence = json!([{"country": "United States", "evidence": "knowledge base"},
                              {"country": "Russia", "evidence": "cue"}]);
        assert_eq!(
            cell("country_evidence", &evidence),
            "United States (knowledge base); Russia (cue)"
        );
        let paras = json!([{"start": 0, "text": "One.", "highlights": []},
                           {"start": 9, "text": "Two.", "highlights": [[0, 4]]}]);
        assert_eq!(cell(CONTEXT, &paras), "One.\n\nTwo.");
    }
}
