//! Printing for people: colour on a terminal (matched words highlighted), plain text when piped,
//! `NO_COLOR` honoured.

use std::io::IsTerminal;

use termcolor::{Color, ColorChoice, ColorSpec, StandardStream, WriteColor};
use whosaid::index::search::{Hit, PageFacets};
use whosaid::index::types::{DocKind, Paragraph};

/// When to use colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum ColorWhen {
    /// On a terminal, unless NO_COLOR is set or TERM is dumb.
    #[default]
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// The output stream, coloured or not.
pub fn stdout(when: ColorWhen) -> StandardStream {
    let choice = match when {
        ColorWhen::Always => ColorChoice::Always,
        ColorWhen::Never => ColorChoice::Never,
        ColorWhen::Auto => {
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
            if std::io::stdout().is_terminal() && !no_color && !dumb {
                ColorChoice::Always
            } else {
                ColorChoice::Never
            }
        }
    };
    StandardStream::stdout(choice)
}

fn spec(fg: Option<Color>, bold: bool, dim: bool) -> ColorSpec {
    let mut s = ColorSpec::new();
    s.set_fg(fg).set_bold(bold).set_dimmed(dim);
    s
}

/// Writes `text` with the byte ranges `hl` highlighted; newlines become spaces.
pub fn highlighted(out: &mut dyn WriteColor, text: &str, hl: &[[usize; 2]]) -> std::io::Result<()> {
    let flat = |s: &str| s.replace(['\n', '\r'], " ");
    let mut pos = 0;
    for [a, b] in hl {
        let (a, b) = (*a, *b);
        if a < pos || b > text.len() || !text.is_char_boundary(a) || !text.is_char_boundary(b) {
            continue;
        }
        write!(out, "{}", flat(&text[pos..a]))?;
        out.set_color(&spec(Some(Color::Red), true, false))?;
        write!(out, "{}", flat(&text[a..b]))?;
        out.reset()?;
        pos = b;
    }
    write!(out, "{}", flat(&text[pos..]))
}

/// A hit's countries, each with its evidence where that is only the context: "United States,
/// the outlet's country".
fn countries(h: &Hit) -> String {
    h.country
        .iter()
        .map(|c| {
            let evidence = h
                .country_evidence
                .iter()
                .find(|e| &e.country == c)
                .map(|e| e.evidence.as_str());
            match evidence {
                Some("outlet") => format!("{c}, the outlet's country"),
                Some("article") => format!("{c}, the article's country"),
                Some("index") => format!("{c}, from other articles"),
                _ => c.clone(),
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Prints one search hit as a block of three lines.
pub fn hit(out: &mut dyn WriteColor, h: &Hit) -> std::io::Result<()> {
    out.set_color(&spec(Some(Color::Yellow), true, false))?;
    write!(out, "{:>2}. ", h.rank)?;
    out.reset()?;
    match &h.speaker {
        Some(sp) => {
            out.set_color(&spec(Some(Color::Green), true, false))?;
            write!(out, "{sp}")?;
            out.reset()?;
            if !h.country.is_empty() {
                write!(out, " ({})", countries(h))?;
            }
            if let Some(how) = h.found.as_deref().filter(|f| *f != "named") {
                write!(out, " [speaker by {how}]")?;
            }
        }
        None if h.kind.is_passage() => write!(out, "(passage)")?,
        None => write!(out, "(unknown speaker)")?,
    }
    out.set_color(&spec(Some(Color::Cyan), false, false))?;
    let mut meta = vec![h.kind.to_string()];
    meta.extend(h.date.clone());
    meta.extend(h.source.clone());
    if let Some(n) = h.also_in.filter(|n| *n > 0) {
        meta.push(format!(
            "also in {n} article{}",
            if n == 1 { "" } else { "s" }
        ));
    }
    write!(out, "  {}", meta.join(" · "))?;
    out.reset()?;
    writeln!(out)?;
    let heading = h.entry.as_deref().unwrap_or(&h.title);
    out.set_color(&spec(None, false, true))?;
    write!(out, "    {heading}")?;
    out.reset()?;
    writeln!(out)?;
    if let Some(paras) = &h.context {
        paragraphs(out, paras, "    ")?;
        id_line(out, &h.id)?;
        return writeln!(out);
    }
    write!(out, "    ")?;
    let quoted = h.kind == DocKind::Direct;
    if quoted {
        write!(out, "“")?;
    }
    let words = |s: &str| s.chars().any(char::is_alphanumeric);
    let (before, after) = match h.text.get(h.snippet_start..) {
        Some(rest) if rest.starts_with(&h.snippet) => {
            (&h.text[..h.snippet_start], &rest[h.snippet.len()..])
        }
        _ => ("", ""),
    };
    if words(before) {
        write!(out, "…")?;
    }
    highlighted(out, &h.snippet, &h.highlights)?;
    if words(after) {
        write!(out, "…")?;
    }
    if quoted {
        write!(out, "”")?;
    }
    writeln!(out)?;
    id_line(out, &h.id)?;
    writeln!(out)
}

/// The hit's id, dimmed, for `whosaid show`.
fn id_line(out: &mut dyn WriteColor, id: &str) -> std::io::Result<()> {
    out.set_color(&spec(None, false, true))?;
    write!(out, "    id: {id}")?;
    out.reset()?;
    writeln!(out)
}

/// Writes the facet counts of a results page: one line each for speakers, countries and topics.
pub fn page_facets(out: &mut dyn WriteColor, f: &PageFacets) -> std::io::Result<()> {
    let topic_label = match f.topic_parent.strip_prefix("/topic/") {
        Some(under) => format!("topics in {under}"),
        None => "topics".to_string(),
    };
    writeln!(out, "{} matching statements", f.statements)?;
    for (label, values) in [
        ("speakers", &f.speaker),
        ("countries", &f.country),
        (topic_label.as_str(), &f.topic),
    ] {
        if values.is_empty() {
            continue;
        }
        out.set_color(&spec(None, true, false))?;
        write!(out, "  {label}:")?;
        out.reset()?;
        let list: Vec<String> = values
            .iter()
            .map(|v| format!(" {} ({})", v.value, v.count))
            .collect();
        writeln!(out, "{}", list.join(","))?;
    }
    Ok(())
}

/// Writes paragraphs of context, one block each, indented by `indent`.
pub fn paragraphs(
    out: &mut dyn WriteColor,
    paras: &[Paragraph],
    indent: &str,
) -> std::io::Result<()> {
    for (i, p) in paras.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        write!(out, "{indent}")?;
        highlighted(out, &p.text, &p.highlights)?;
        writeln!(out)?;
    }
    Ok(())
}
