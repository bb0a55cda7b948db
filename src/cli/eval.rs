//! `whosaid eval GOLD [--kind direct|indirect] [--json] [--system FILE] [--article PATH]`: runs
//! extraction on the gold's articles (or reads a system file) and prints the figures of
//! [`whosaid::eval::score`], in the reference scorer's format: its miss lines, then its JSON line.
//! When it runs extraction itself it prints, before the figures, where recall is lost
//! ([`whosaid::eval::breakdown`]): found gold statements by construction, missed ones by context.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};

use whosaid::article::Article;
use whosaid::eval::breakdown::{breakdown, Breakdown, MissContext};
use whosaid::eval::{self, GoldStatement, Report, SystemStatement};
use whosaid::extract::{self, Extractor};
use whosaid::input::{self, FieldMap, Format, Item};
use whosaid::statement::StatementKind;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// A gold `.jsonl` file, or a folder holding `gold.jsonl` and `articles/`.
    gold: PathBuf,
    /// Score only gold statements of this kind.
    #[arg(long, value_enum)]
    kind: Option<Kind>,
    /// Print JSON only: the breakdown by construction on one line (when extraction runs here,
    /// not with --system), then the figures on the last line.
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
    let (system, articles) = match &args.system {
        Some(p) => (eval::read_system(p)?, Vec::new()),
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
    // A system file comes without its articles: the breakdown needs them.
    if args.system.is_none() {
        let b = breakdown_of(&gold, &system, &report, &articles);
        if args.json {
            writeln!(out, "{}", b.to_json()).context("writing output")?;
        } else {
            for line in b.lines() {
                writeln!(out, "{line}").context("writing output")?;
            }
        }
    }
    writeln!(out, "{}", report.scores).context("writing output")?;
    out.flush().context("writing output")?;
    Ok(super::FOUND)
}

/// Found gold statements by construction; missed ones by the context of their words in their
/// article (the article named by the gold's `doc`, or the one article of a single-article gold).
fn breakdown_of(
    gold: &[GoldStatement],
    system: &[SystemStatement],
    report: &Report,
    articles: &[(String, Article)],
) -> Breakdown {
    let multi = eval::is_multi_article(gold);
    breakdown(report, system, |gi| {
        let g = &gold[gi];
        let article = articles.iter().find(|(doc, _)| !multi || *doc == g.doc);
        article.map_or(MissContext::NotInArticle, |(_, a)| {
            extract::miss_context(a, &g.text)
        })
    })
}

/// The statements extracted, and the articles read with their names.
type Extracted = (Vec<SystemStatement>, Vec<(String, Article)>);

/// Runs extraction on the articles the gold covers.
fn extract_for(
    gold: &[GoldStatement],
    gold_path: &Path,
    articles_dir: &Path,
    article: Option<&Path>,
) -> anyhow::Result<Extracted> {
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
    let mut articles = Vec::new();
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
                        construction: Some(s.construction),
                    });
                }
                articles.push((doc.clone(), a));
            }
        });
    }
    Ok((out, articles))
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
