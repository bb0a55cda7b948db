//! The repository as a reader meets it: every relative link of the documentation resolves (in the
//! Markdown files and in the `//!` docs of the sources), the README stays short, its layout section
//! names every file of `src/`, the functions of `src/` are short (the figures
//! `scripts/fn_lengths.py` prints), and no two modules of `src/` use each other.
//!
//! These tests read files only; they run neither the binary nor the library.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// The README's size limit, in bytes: the pitch, the commands, the figures and the layout, not the
/// reference (which is `GUIDE.md`'s).
const README_MAX_BYTES: usize = 12_000;

/// A function longer than this many lines is long.
const LONG_FUNCTION_LINES: usize = 80;

/// No function should be longer than this many lines.
const MAX_FUNCTION_LINES: usize = 120;

/// At most this many functions may be long.
const MAX_LONG_FUNCTIONS: usize = 5;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Folders that are not the project's own text: build output, installed packages, generated data.
fn skipped(dir: &Path) -> bool {
    let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.starts_with('.')
        || matches!(
            name,
            "target" | "node_modules" | "bench-results" | "corpus" | "artifacts"
        )
        || dir.ends_with("fuzz/corpus")
}

/// Every file under `dir` whose name ends with `ext`, sorted.
fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if !skipped(&path) {
                files(&path, ext, out);
            }
        } else if path.to_string_lossy().ends_with(ext) {
            out.push(path);
        }
    }
    out.sort();
}

/// The targets of the Markdown links `[text](target)` of a text.
fn link_targets(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("](") {
        rest = &rest[i + 2..];
        if let Some(end) = rest.find(')') {
            out.push(rest[..end].to_string());
        }
    }
    out
}

/// GitHub's anchor of a heading: lowercase, punctuation dropped, spaces as hyphens.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// The anchors of a Markdown file's headings (outside code blocks).
fn anchors(text: &str) -> BTreeSet<String> {
    let mut code = false;
    let mut out = BTreeSet::new();
    for line in text.lines() {
        if line.starts_with("```") {
            code = !code;
        } else if !code && line.starts_with('#') {
            out.insert(anchor(line.trim_start_matches('#')));
        }
    }
    out
}

/// Returns why a link target of the file `from` does not resolve, if it does not: a missing file,
/// or a missing heading for its `#anchor` in a Markdown file. Addresses and Rust paths are not
/// checked.
fn broken(from: &Path, target: &str) -> Option<String> {
    let target = target.split_whitespace().next().unwrap_or("");
    if target.is_empty()
        || target.contains("://")
        || target.starts_with("mailto:")
        || target.contains("::")
        || target.starts_with('<')
    {
        return None;
    }
    let (file, fragment) = match target.split_once('#') {
        Some((f, a)) => (f, Some(a)),
        None => (target, None),
    };
    let path = if file.is_empty() {
        from.to_path_buf()
    } else {
        from.parent().unwrap_or(Path::new("")).join(file)
    };
    if !path.exists() {
        return Some(format!("{} does not exist", path.display()));
    }
    let is_markdown = path.extension().is_some_and(|e| e == "md");
    if let (Some(fragment), true) = (fragment, is_markdown) {
        let text = fs::read_to_string(&path).unwrap_or_default();
        if !anchors(&text).contains(fragment) {
            return Some(format!("{} has no heading #{fragment}", path.display()));
        }
    }
    None
}

#[test]
fn every_link_of_the_markdown_files_resolves() {
    let mut mds = Vec::new();
    files(&root(), ".md", &mut mds);
    assert!(mds.len() >= 5, "{mds:?}");
    let mut bad = Vec::new();
    for md in &mds {
        let text = fs::read_to_string(md).expect("read a Markdown file");
        let mut code = false;
        for (n, line) in text.lines().enumerate() {
            if line.starts_with("```") {
                code = !code;
                continue;
            }
            for target in link_targets(line).iter().filter(|_| !code) {
                if let Some(why) = broken(md, target) {
                    bad.push(format!("{}:{}: {target}: {why}", md.display(), n + 1));
                }
            }
        }
    }
    assert!(bad.is_empty(), "broken links:\n{}", bad.join("\n"));
}

/// The `//!` docs name files of the repository as links or in backquotes (`docs/topics.md`): each
/// must exist, relative to the repository's root or to the source file.
#[test]
fn every_file_the_module_docs_name_exists() {
    let mut sources = Vec::new();
    for dir in ["src", "tests", "benches", "fuzz"] {
        files(&root().join(dir), ".rs", &mut sources);
    }
    let roots = ["docs/", "data/", "src/", "tests/", "benches/", "scripts/"];
    let mut bad = Vec::new();
    let mut checked = 0;
    for source in &sources {
        let text = fs::read_to_string(source).expect("read a source file");
        let docs: String = text
            .lines()
            .filter_map(|l| l.trim_start().strip_prefix("//!"))
            .collect::<Vec<_>>()
            .join("\n");
        let mut named: Vec<String> = link_targets(&docs);
        for quoted in docs.split('`').skip(1).step_by(2) {
            let is_path = roots.iter().any(|r| quoted.starts_with(r))
                && !quoted.contains(|c: char| c.is_whitespace() || "*{}<>".contains(c))
                && !quoted
                    .chars()
                    .any(|c| c.is_ascii_uppercase() && quoted.ends_with('/'));
            if is_path {
                named.push(quoted.trim_end_matches([',', '.', ':']).to_string());
            }
        }
        for target in named {
            let from_root = broken(&root().join("README.md"), &target);
            if from_root.is_some() && broken(source, &target).is_some() {
                bad.push(format!("{}: {target}", source.display()));
            }
            checked += 1;
        }
    }
    assert!(checked >= 5, "{checked} names checked");
    assert!(bad.is_empty(), "named but missing:\n{}", bad.join("\n"));
}

#[test]
fn the_readme_is_short() {
    let size = fs::metadata(root().join("README.md"))
        .expect("README")
        .len() as usize;
    assert!(
        size <= README_MAX_BYTES,
        "the README has {size} bytes, at most {README_MAX_BYTES}: move reference to GUIDE.md or docs/"
    );
}

/// The README's layout table names every file directly under `src/` (as `` `src/NAME` ``) and
/// every file directly under each folder of `src/` (as `` `NAME` `` on the line of
/// `` `src/DIR/` ``), so a new file is listed when it is added.
#[test]
fn the_readme_layout_names_every_file_of_src() {
    let readme = fs::read_to_string(root().join("README.md")).expect("README");
    let layout = readme
        .split("\n## Layout")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .expect("a layout section");
    let mut missing = Vec::new();
    let src = root().join("src");
    for entry in fs::read_dir(&src).expect("src/").flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.path().is_file() {
            if !layout.contains(&format!("`src/{name}`")) {
                missing.push(format!("src/{name}"));
            }
            continue;
        }
        let dir = format!("`src/{name}/`");
        let line = layout.lines().find(|l| l.contains(&dir)).unwrap_or("");
        for file in fs::read_dir(entry.path())
            .expect("a folder of src/")
            .flatten()
        {
            let file_name = file.file_name().to_string_lossy().into_owned();
            if file.path().is_file() && !line.contains(&format!("`{file_name}`")) {
                missing.push(format!("src/{name}/{file_name}"));
            }
        }
    }
    missing.sort();
    assert!(
        missing.is_empty(),
        "the README's layout misses: {missing:?}"
    );
}

/// The functions of a Rust source, as (name, first line, lines): a function runs from its `fn` line
/// to the first line that closes its indentation, as rustfmt lays functions out (the rule of
/// `scripts/fn_lengths.py`).
fn functions(text: &str) -> Vec<(String, usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        let mut rest = trimmed;
        for prefix in [
            "pub(crate) ",
            "pub(super) ",
            "pub ",
            "const ",
            "async ",
            "unsafe ",
        ] {
            rest = rest.strip_prefix(prefix).unwrap_or(rest);
        }
        let Some(after) = rest.strip_prefix("fn ") else {
            continue;
        };
        let name: String = after
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let Some(open) = (i..lines.len()).find(|&j| {
            let l = lines[j].trim_end();
            l.ends_with('{') || l.ends_with(';') || l.ends_with('}')
        }) else {
            continue;
        };
        let opening = lines[open].trim_end();
        if opening.ends_with(';') {
            continue;
        }
        if opening.ends_with('}') && opening.contains('{') {
            out.push((name, i + 1, open - i + 1));
            continue;
        }
        let close = format!("{indent}}}");
        let end = (open + 1..lines.len())
            .find(|&k| lines[k].trim_end() == close)
            .unwrap_or(lines.len());
        out.push((name, i + 1, end - i + 1));
    }
    out
}

/// The long functions of `src/`, longest first, as `lines path:line name`.
fn long_functions() -> Vec<(usize, String)> {
    let mut sources = Vec::new();
    files(&root().join("src"), ".rs", &mut sources);
    let mut long = Vec::new();
    for source in &sources {
        let text = fs::read_to_string(source).expect("read a source file");
        let path = source.strip_prefix(root()).unwrap_or(source).display();
        for (name, line, n) in functions(&text) {
            if n > LONG_FUNCTION_LINES {
                long.push((n, format!("{n:5} {path}:{line} {name}")));
            }
        }
    }
    long.sort_by(|a, b| b.cmp(a));
    long
}

/// Prints the long functions of `src/` (the output of `scripts/fn_lengths.py`); the bound is
/// `functions_are_short`.
#[test]
fn long_functions_are_listed() {
    let long = long_functions();
    for (_, line) in &long {
        eprintln!("{line}");
    }
    let over_max = long.iter().filter(|(n, _)| *n > MAX_FUNCTION_LINES).count();
    eprintln!(
        "{} functions over {LONG_FUNCTION_LINES} lines, {over_max} over {MAX_FUNCTION_LINES}",
        long.len()
    );
}

/// No function of `src/` over 120 lines, at most five over 80 (`long_functions_are_listed`
/// prints them).
#[test]
fn functions_are_short() {
    let long = long_functions();
    let lines: Vec<&str> = long.iter().map(|(_, l)| l.as_str()).collect();
    assert!(
        long.iter().all(|(n, _)| *n <= MAX_FUNCTION_LINES),
        "{lines:#?}"
    );
    assert!(long.len() <= MAX_LONG_FUNCTIONS, "{lines:#?}");
}

/// The module of a source file under `src/`: `index/search` for `src/index/search.rs` and
/// `index` for `src/index/mod.rs`; the crate root is empty.
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap_or(file).with_extension("");
    let rel = rel.to_string_lossy().replace('\\', "/");
    match rel.as_str() {
        "lib" | "main" => String::new(),
        r => r.strip_suffix("/mod").unwrap_or(r).to_string(),
    }
}

/// The words and punctuation of a source text outside comments and its test module.
fn rust_tokens(text: &str) -> Vec<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or("");
    let mut out = Vec::new();
    for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            if c.is_alphanumeric() || c == '_' {
                let mut word = c.to_string();
                while let Some(&n) = chars.peek().filter(|n| n.is_alphanumeric() || **n == '_') {
                    word.push(n);
                    chars.next();
                }
                out.push(word);
            } else if c == ':' && chars.peek() == Some(&':') {
                chars.next();
                out.push("::".to_string());
            } else if !c.is_whitespace() {
                out.push(c.to_string());
            }
        }
    }
    out
}

/// The paths a source text names from `start` (`super::a::{b, c::d}` gives `super::a::b`
/// and `super::a::c::d`), each as its words.
fn paths_from(
    toks: &[String],
    mut i: usize,
    mut prefix: Vec<String>,
    out: &mut Vec<Vec<String>>,
) -> usize {
    loop {
        match toks.get(i).map(String::as_str) {
            Some("{") => {
                i += 1;
                while toks.get(i).is_some_and(|t| t != "}") {
                    i = paths_from(toks, i, prefix.clone(), out);
                    if toks.get(i).is_some_and(|t| t == ",") {
                        i += 1;
                    }
                }
                out.push(prefix);
                return i + 1;
            }
            Some(t) if t.chars().all(|c| c.is_alphanumeric() || c == '_') => {
                prefix.push(t.to_string());
                i += 1;
                if toks.get(i).is_some_and(|t| t == "::") {
                    i += 1;
                    continue;
                }
                out.push(prefix);
                return i;
            }
            _ => {
                out.push(prefix);
                return i;
            }
        }
    }
}

/// The other modules of the crate that a module's code uses (by `crate::`, `super::` or
/// `self::` paths), leaving out its own ancestors and descendants.
fn modules_used(module: &str, text: &str, modules: &BTreeSet<String>) -> BTreeSet<String> {
    let toks = rust_tokens(text);
    let mut paths = Vec::new();
    for i in 0..toks.len() {
        let start = matches!(toks[i].as_str(), "crate" | "super" | "self")
            && toks.get(i + 1).is_some_and(|t| t == "::")
            && (i == 0 || toks[i - 1] != "::");
        if start {
            paths_from(&toks, i, Vec::new(), &mut paths);
        }
    }
    let own: Vec<&str> = module.split('/').filter(|p| !p.is_empty()).collect();
    let mut used = BTreeSet::new();
    for path in paths {
        let mut base: Vec<&str> = Vec::new();
        let mut words = path.iter().map(String::as_str).peekable();
        match words.next() {
            Some("crate") => {}
            Some("self") => base = own.clone(),
            Some("super") => base = own[..own.len().saturating_sub(1)].to_vec(),
            _ => continue,
        }
        while words.peek() == Some(&"super") {
            base.pop();
            words.next();
        }
        let mut best = None;
        for w in words {
            base.push(w);
            let m = base.join("/");
            if modules.contains(&m) {
                best = Some(m);
            }
        }
        if let Some(m) = best {
            let related = m == module
                || m.starts_with(&format!("{module}/"))
                || module.starts_with(&format!("{m}/"));
            if !related {
                used.insert(m);
            }
        }
    }
    used
}

/// No two modules use each other: a module that another uses knows nothing of that other
/// (doc links and tests aside).
#[test]
fn no_two_modules_use_each_other() {
    let src = root().join("src");
    let mut sources = Vec::new();
    files(&src, ".rs", &mut sources);
    let modules: BTreeSet<String> = sources.iter().map(|f| module_of(&src, f)).collect();
    let mut uses = std::collections::BTreeMap::new();
    for f in &sources {
        let module = module_of(&src, f);
        let text = fs::read_to_string(f).expect("read a source file");
        uses.insert(module.clone(), modules_used(&module, &text, &modules));
    }
    let edges: usize = uses.values().map(BTreeSet::len).sum();
    assert!(edges > 100, "the parser finds the crate's uses: {edges}");
    assert!(
        uses["extract/home"].contains("extract/gazetteer"),
        "a braced `use super::{{...}}` is read"
    );
    let mut cycles = Vec::new();
    for (a, used) in &uses {
        for b in used {
            if a < b && uses.get(b).is_some_and(|u| u.contains(a)) {
                cycles.push(format!("{a} <-> {b}"));
            }
        }
    }
    assert!(
        cycles.is_empty(),
        "modules that use each other: {cycles:#?}"
    );
}
