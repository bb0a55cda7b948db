//! `whosaid extract PATH ... [--json]`: extraction only, one statement a line.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::Serialize;

use whosaid::extract::people::People;
use whosaid::extract::Extractor;
use whosaid::input::{self, Item};
use whosaid::statement::{SpeakerFound, Statement};
use whosaid::topics::Taxonomy;

use super::reading::{problem_line, ReadArgs};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files or directories to read, or `-` for JSON Lines on standard input.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Print JSON Lines, one statement a line.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    read: ReadArgs,
    /// Topic taxonomy file to use instead of the shipped one.
    #[arg(long, value_name = "FILE")]
    topics: Option<PathBuf>,
    /// More public figures, on top of the shipped knowledge base (data/people/people.tsv format).
    #[arg(long, value_name = "FILE")]
    people: Option<PathBuf>,
}

/// One statement as printed by `extract --json`: the contract quality measurements rely on.
#[derive(Serialize)]
struct Line<'a> {
    path: &'a str,
    /// The article's file name without extension, as gold files name articles.
    doc: &'a str,
    article: &'a str,
    /// The article's publication day, `YYYY-MM-DD`.
    date: Option<&'a str>,
    text: &'a str,
    speaker: Option<&'a str>,
    role: Option<&'a str>,
    country: &'a [String],
    country_evidence: Vec<EvidenceOf<'a>>,
    found: Option<&'static str>,
    topics: &'a [String],
    kind: &'a str,
    cue: Option<&'a str>,
    /// The construction that found it (`verb-after`, `according-to`, ...).
    construction: &'a str,
    start: usize,
    end: usize,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let fields = args.read.field_map()?;
    let taxonomy = match &args.topics {
        Some(p) => Taxonomy::load(p)?,
        None => Taxonomy::default(),
    };
    let extractor = extractor(taxonomy, args.people.as_deref())?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut found = 0usize;
    let mut failure: Option<std::io::Error> = None;
    let files = input::discover(&args.paths, |e| eprintln!("{}", problem_line(&e)));
    for (path, format) in files {
        input::read_file(&path, format, &fields, &mut |item| {
            if failure.is_some() {
                return;
            }
            match item {
                Item::Problem(e) => eprintln!("{}", problem_line(&e)),
                Item::Article(a, _) => {
                    let ex = extractor.extract(&a);
                    for s in &ex.statements {
                        found += 1;
                        let text = &a.text[s.start..s.end];
                        let res = if args.json {
                            let line = Line {
                                path: &a.path,
                                doc: doc_name(&a.path),
                                article: &a.id,
                                date: a.date.as_deref(),
                                text,
                                speaker: s.speaker.as_deref(),
                                role: s.role.as_deref(),
                                country: &s.countries,
                                country_evidence: evidence_of(s),
                                found: s.found.map(SpeakerFound::as_str),
                                topics: &s.topics,
                                kind: s.kind.as_str(),
                                cue: s.cue.as_deref(),
                                construction: s.construction.as_str(),
                                start: s.start,
                                end: s.end,
                            };
                            serde_json::to_writer(&mut out, &line)
                                .map_err(std::io::Error::from)
                                .and_then(|_| out.write_all(b"\n"))
                        } else {
                            writeln!(
                                out,
                                "{}:{}-{}\t{}\t{}\t{}",
                                a.path,
                                s.start,
                                s.end,
                                s.speaker.as_deref().unwrap_or("?"),
                                s.kind.as_str(),
                                text
                            )
                        };
                        if let Err(e) = res {
                            failure = Some(e);
                            return;
                        }
                    }
                }
            }
        });
    }
    if let Some(e) = failure {
        return Err(e).context("writing output");
    }
    out.flush().context("writing output")?;
    Ok(if found > 0 {
        super::FOUND
    } else {
        super::NOT_FOUND
    })
}

/// One country of a statement and its evidence.
#[derive(Serialize)]
struct EvidenceOf<'a> {
    country: &'a str,
    evidence: &'static str,
}

fn evidence_of(s: &Statement) -> Vec<EvidenceOf<'_>> {
    s.countries
        .iter()
        .zip(&s.country_evidence)
        .map(|(c, e)| EvidenceOf {
            country: c,
            evidence: e.as_str(),
        })
        .collect()
}

/// The extractor of `extract` and `index`: the taxonomy, and the built-in knowledge base with
/// the `--people` file on top.
pub fn extractor(taxonomy: Taxonomy, people: Option<&Path>) -> anyhow::Result<Extractor> {
    let extractor = Extractor::new(taxonomy);
    Ok(match people {
        Some(p) => extractor.with_people(People::with_file(p)?),
        None => extractor,
    })
}

/// The file name of `path` without its extension (and without a JSON Lines `:LINE`).
fn doc_name(path: &str) -> &str {
    let file = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let file = match file.rsplit_once(':') {
        Some((f, line)) if line.chars().all(|c| c.is_ascii_digit()) => f,
        _ => file,
    };
    file.rsplit_once('.').map_or(file, |(stem, _)| stem)
}
