//! `whosaid serve [--index DIR] [--addr 127.0.0.1:7700]`: the HTTP API and the web page.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context;
use whosaid::serve::{Config, DEFAULT_ADDR};

use super::index::DEFAULT_INDEX;

/// The longest per-request time limit, in seconds.
const MAX_TIMEOUT_SECS: usize = 600;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The index directory (opened read-only; new commits of a running `whosaid index` are
    /// picked up without a restart).
    #[arg(long, env = "WHOSAID_INDEX", default_value = DEFAULT_INDEX)]
    index: PathBuf,
    /// The address to listen on. The default answers this machine only; another address (such
    /// as 0.0.0.0:7700) lets anyone who can reach it read the whole index. Port 0 takes a free
    /// port; the address is printed on stderr.
    #[arg(long, default_value = DEFAULT_ADDR)]
    addr: SocketAddr,
    /// Allow this origin (scheme://host[:port]) to call the API from a browser page (CORS).
    /// Without it, no CORS header is sent.
    #[arg(long, value_name = "ORIGIN")]
    cors: Option<String>,
    /// The longest a request may take, in seconds, before it gets a 503.
    #[arg(long, value_name = "SECS", default_value_t = 10, value_parser = timeout)]
    timeout: usize,
    /// Searches run at once (default: the number of cores).
    #[arg(long, value_name = "N", value_parser = threads)]
    threads: Option<usize>,
    /// How many API answers to keep for requests asked again: the same address on the same
    /// commit of the index is answered without a search (a new commit forgets them all). 0 turns
    /// the cache off.
    #[arg(long, value_name = "N", default_value_t = whosaid::serve::cache::DEFAULT_ENTRIES, value_parser = cache_entries)]
    cache: usize,
}

fn timeout(s: &str) -> Result<usize, String> {
    super::limits::bounded(s, 1, MAX_TIMEOUT_SECS)
}

fn cache_entries(s: &str) -> Result<usize, String> {
    super::limits::bounded(s, 0, 1 << 20)
}

fn threads(s: &str) -> Result<usize, String> {
    super::limits::bounded(s, 1, 256)
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    super::filters::build_default_if_absent(&args.index)?;
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()));
    let cfg = Config {
        index: args.index.clone(),
        addr: args.addr,
        cors: args.cors,
        timeout: Duration::from_secs(args.timeout as u64),
        threads,
        cache: args.cache,
    };
    whosaid::serve::run(cfg, |addr| {
        eprintln!("listening on http://{addr}");
        if !addr.ip().is_loopback() {
            eprintln!(
                "whosaid: {} is reachable from other machines: anyone who can reach it can \
                 read the whole index",
                addr.ip()
            );
        }
    })
    .with_context(|| format!("serving {}", args.index.display()))?;
    Ok(super::FOUND)
}
