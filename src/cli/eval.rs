//! `whosaid eval GOLD [--kind direct|indirect] [--json] [--system FILE] [--article PATH]`: runs
//! extraction on the gold's articles (or reads a system file) and prints the figures of
//! [`whosaid::eval::score`], in the reference scorer's format: its miss lines, then its JSON line.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};

use whosaid::eval::{self, GoldStatement, SystemStatement};
use whosaid::extract::Extractor;
use whosaid::input::{self, FieldMap, Format, Item};
use whosaid::statement::StatementKind;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// A gold `.jsonl` file, or a folder holding `gold.jsonl` and `articles/`.
    gold: PathBuf,
    /// Score only gold statements of this kind.
    #[arg(long, value_enum)]
    kind: Option<Kind>,
    /// Print only the figures, as one JSON line.
    #[arg(long)]
    json: bool,
    /// Score this system JSON Lines file (as printed by `extract --json`) instead of running
    /// extraction.
    #[arg(long, value_name = "FILE")]
    system: Option<PathBuf>,
    /// The article of a single-article gold (default: the one `.txt` in `../seed/` beside the
    /// gold file).
    #[arg(long, value_name = "PATH")]
    article: Option<PathBuf>,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
enum Kind {
    Direct,
    Indirect,
}

impl From<Kind> for StatementKind {
    fn from(k: Kind) -> StatementKind {
        match k {
            Kind::Direct => StatementKind::Direct,
            Kind::Indirect => StatementKind::Indirect,
        }
    }
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let (gold_path, articles_dir) = if args.gold.is_dir() {
        (args.gold.join("gold.jsonl"), args.gold.join("articles"))
    } else {
        let dir = args.gold.parent().unwrap_or(Path::new("")).to_path_buf();
        (args.gold.clone(), dir.join("articles"))
    };
    let gold = eval::read_gold(&gold_path)?;
    let system = match &args.system {
        Some(p) => eval::read_system(p)?,
        None => extract_for(&gold, &gold_path, &articles_dir, args.article.as_deref())?,
    };
    let report = eval::score(&gold, &system, args.kind.map(StatementKind::from));
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if !args.json {
        for line in report.detail_lines(&gold, &system) {
            writeln!(out, "{line}").context("writing output")?;
        }
    }
    writeln!(out, "{}", report.scores).context("writing output")?;
    out.flush().context("writing output")?;
    Ok(super::FOUND)
}

/// Runs extraction on the articles the gold covers.
fn extract_for(
    gold: &[GoldStatement],
    gold_path: &Path,
    articles_dir: &Path,
    article: Option<&Path>,
) -> anyhow::Result<Vec<SystemStatement>> {
    let files: Vec<PathBuf> = if eval::is_multi_article(gold) {
        let mut docs: Vec<&str> = Vec::new();
        for g in gold {
            if !docs.contains(&g.doc.as_str()) {
                docs.push(&g.doc);
            }
        }
        docs.iter()
            .map(|d| articles_dir.join(format!("{d}.txt")))
            .collect()
    } else {
        match article {
            Some(a) => vec![a.to_path_buf()],
            None => vec![default_article(gold_path)?],
        }
    };
    let extractor = Extractor::default();
    let fields = FieldMap::default();
    let mut out = Vec::new();
    for path in &files {
        let doc = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        input::read_file(path, Format::Text, &fields, &mut |item| match item {
            Item::Problem(e) => eprintln!("whosaid: {e}"),
            Item::Article(a, _) => {
                for s in extractor.extract(&a).statements {
                    out.push(SystemStatement {
                        doc: doc.clone(),
                        text: a.text[s.start..s.end].to_string(),
                        speaker: s.speaker,
                        countries: s.countries,
                    });
                }
            }
        });
    }
    Ok(out)
}

/// The one `.txt` file in `../seed/` relative to the gold file's folder.
fn default_article(gold_path: &Path) -> anyhow::Result<PathBuf> {
    let dir = gold_path
        .parent()
        .unwrap_or(Path::new(""))
        .join("..")
        .join("seed");
    let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
        .with_context(|| {
            format!(
                "the gold names no articles and no --article was given; cannot read {}",
                dir.display()
            )
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    found.sort();
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => bail!(
            "the gold names no articles and {} holds no .txt file: give --article PATH",
            dir.display()
        ),
        n => bail!(
            "the gold names no articles and {} holds {n} .txt files: give --article PATH",
            dir.display()
        ),
    }
}
