//! Flags and dispatch: one submodule per command, each turning its flags into library calls and
//! printing the results. Nothing here extracts or searches by itself.

pub mod alloc;
mod check;
mod choices;
mod compact;
mod eval;
mod extract;
mod facets;
mod filters;
mod index;
mod limits;
mod merge;
mod print;
mod reading;
mod search;
mod serve;
mod show;
mod speaker;
mod table;
mod timeline;
mod who;

use clap::{Parser, Subcommand};

/// Exit status: something was found.
pub const FOUND: u8 = 0;
/// Exit status: nothing was found.
pub const NOT_FOUND: u8 = 1;

/// whosaid: search who said what in the news.
#[derive(Parser, Debug)]
#[command(name = "whosaid", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Read articles, find their statements and write the index.
    Index(index::Args),
    /// Merge an index's segments into few, as `index` does with its own at the end of a run.
    Compact(compact::Args),
    /// Merge indexes built apart (shards) into one; of an article in several, the last stands.
    Merge(merge::Args),
    /// Search statements and passages: ranked hits with highlighted snippets.
    Search(search::Args),
    /// Who said what about QUERY: speakers (or countries, topics) ranked, with their best quote.
    Who(who::Args),
    /// Facet counts (speaker, country, topic, source...) of the matching statements.
    Facets(facets::Args),
    /// A speaker's profile: aliases, roles, countries, topics, dates, latest statements.
    Speaker(speaker::Args),
    /// Matching statements per day, week, month or year, with the top speakers of each.
    Timeline(timeline::Args),
    /// A hit read in its article: the statement in its paragraph, with context.
    Show(show::Args),
    /// Who said these words, in which articles, earliest first.
    Check(check::Args),
    /// Serve the HTTP API and the web page (http://127.0.0.1:7700 by default).
    Serve(serve::Args),
    /// Run statement extraction only and print the statements found.
    Extract(extract::Args),
    /// Score extraction against a gold file, as shared/tools/score_statements.py does.
    Eval(eval::Args),
}

/// Runs the command; returns the exit status.
pub fn run(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Command::Index(a) => {
            // A long run over many small strings: see `alloc`.
            alloc::use_mimalloc();
            index::run(a)
        }
        Command::Compact(a) => compact::run(a),
        Command::Merge(a) => merge::run(a),
        Command::Search(a) => search::run(a),
        Command::Who(a) => who::run(a),
        Command::Facets(a) => facets::run(a),
        Command::Speaker(a) => speaker::run(a),
        Command::Timeline(a) => timeline::run(a),
        Command::Show(a) => show::run(a),
        Command::Check(a) => check::run(a),
        Command::Serve(a) => serve::run(a),
        Command::Extract(a) => {
            // Extraction over many articles allocates as indexing does.
            alloc::use_mimalloc();
            extract::run(a)
        }
        Command::Eval(a) => eval::run(a),
    }
}

/// Returns true if and only if the error chain holds a broken pipe (output closed by `| head`).
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        let kind = e
            .downcast_ref::<std::io::Error>()
            .map(std::io::Error::kind)
            // JSON written with serde_json carries the I/O error inside its own.
            .or_else(|| e.downcast_ref::<serde_json::Error>()?.io_error_kind());
        kind == Some(std::io::ErrorKind::BrokenPipe)
    })
}
