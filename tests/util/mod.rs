//! Helpers for the end-to-end tests: a temporary directory and a runner for the built binary.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The project's root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared`, when it is there; tests that need it skip with a message otherwise.
pub fn shared() -> Option<PathBuf> {
    let p = root().join("..").join("shared");
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("skipped: ../shared is absent (it holds the gold files and corpora)");
        None
    }
}

/// The bundled corpus.
pub fn corpus() -> PathBuf {
    root().join("corpus")
}

/// A test's own directory, removed at the end.
pub struct Dir {
    pub tmp: tempfile::TempDir,
}

impl Default for Dir {
    fn default() -> Self {
        Dir::new()
    }
}

impl Dir {
    pub fn new() -> Dir {
        Dir {
            tmp: tempfile::tempdir().expect("temp dir"),
        }
    }
    pub fn path(&self) -> &Path {
        self.tmp.path()
    }
    pub fn join(&self, p: &str) -> PathBuf {
        self.tmp.path().join(p)
    }
    /// Writes a file (creating folders).
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let p = self.join(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&p, contents).expect("write");
        p
    }
    /// A command running the binary in this directory.
    pub fn cmd(&self) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_whosaid"));
        c.current_dir(self.path());
        c.env_remove("NO_COLOR");
        c.env_remove("WHOSAID_INDEX");
        c
    }
    /// Runs the binary with `args` in this directory.
    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().expect("run whosaid")
    }
}

/// The exit code.
pub fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Parses JSON Lines output.
pub fn json_lines(o: &Output) -> Vec<serde_json::Value> {
    stdout(o)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {e}: {l}")))
        .collect()
}

/// A directory holding a copy of the bundled corpus under `corpus/`, as on a fresh clone.
pub fn with_corpus() -> Dir {
    let d = Dir::new();
    for e in std::fs::read_dir(corpus()).expect("corpus") {
        let e = e.expect("entry");
        let to = d.join("corpus").join(e.file_name());
        std::fs::create_dir_all(to.parent().expect("parent")).expect("mkdir");
        std::fs::copy(e.path(), to).expect("copy");
    }
    d
}
