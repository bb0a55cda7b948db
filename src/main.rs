//! The `whosaid` command line: parses flags, builds a configuration, calls the library and prints.
//! Exit status as ripgrep's: 0 when something was found, 1 when nothing was, 2 on error.

mod cli;

use std::process::ExitCode;

use clap::Parser;

/// The system's allocator, or mimalloc once `index` runs (see [`cli::alloc`]).
#[global_allocator]
static GLOBAL: cli::alloc::Switch = cli::alloc::Switch;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            if cli::is_broken_pipe(&err) {
                return ExitCode::from(0);
            }
            eprintln!("whosaid: {err:#}");
            ExitCode::from(2)
        }
    }
}
